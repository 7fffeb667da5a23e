//! Entry timeliness (rule H3): warrants are entered within 24 hours of receiving sufficient
//! information, unless an emergency delays it (recorded in EDR).

use crate::Record;
use crate::clock::Timestamp;
use crate::fields::{FieldCode, Value};

/// Hours within which a warrant is entered.
pub const WARRANT_ENTRY_HOURS: i64 = 24;

const MINUTE: i64 = 60 * 1_000_000;

/// A warrant entered later than [`WARRANT_ENTRY_HOURS`] after its information came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateEntry {
    /// When the information was received (DRI with TRI; without TRI, the end of that day).
    pub received_at: Timestamp,
    pub entered_at: Timestamp,
    /// Whole minutes past the 24 hours.
    pub minutes_late: i64,
    /// The emergency that delayed it, as recorded in EDR; `None` when none was recorded.
    pub emergency: Option<String>,
}

/// When the information of an entry was received: DRI at TRI, or the last minute of DRI's
/// day when no time was given (the most favourable reading for the agency). Dates and times
/// are taken as UTC.
pub fn information_received(record: &Record) -> Option<Timestamp> {
    let date = record.fields().date(FieldCode::Dri)?;
    let minutes = match record.fields().get(FieldCode::Tri) {
        Some(Value::Time(time)) => i64::from(time.minutes_of_day()),
        _ => 24 * 60 - 1,
    };
    let midnight = date.date().midnight().assume_utc().unix_timestamp() * 1_000_000;
    Some(Timestamp::from_micros(midnight + minutes * MINUTE))
}

/// The lateness of a warrant entry (an entry key that needs a warrant), if it was entered more
/// than [`WARRANT_ENTRY_HOURS`] after its information came in. Other entries are not timed here.
pub fn late_warrant(record: &Record) -> Option<LateEntry> {
    if !record.entry_key().needs_warrant {
        return None;
    }
    let received_at = information_received(record)?;
    let allowed = received_at.as_micros() + WARRANT_ENTRY_HOURS * 60 * MINUTE;
    let entered_at = record.entered_at();
    // Information is dated to the minute: lateness is counted in whole minutes.
    if entered_at.as_micros() - allowed < MINUTE {
        return None;
    }
    Some(LateEntry {
        received_at,
        entered_at,
        minutes_late: (entered_at.as_micros() - allowed).div_euclid(MINUTE),
        emergency: record.fields().text(FieldCode::Edr),
    })
}
