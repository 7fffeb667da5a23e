//! Time. Every part of the system asks an injected [`Clock`]; only [`SystemClock`] reads the
//! wall clock, so every deadline and every audit time can be driven by a test.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use time::{Date, OffsetDateTime};

/// An instant in UTC with microsecond resolution (the audit log needs 1/100 s at least).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// From microseconds since the Unix epoch.
    pub const fn from_micros(micros: i64) -> Self {
        Timestamp(micros)
    }

    /// Microseconds since the Unix epoch.
    pub const fn as_micros(self) -> i64 {
        self.0
    }

    /// This instant moved by a number of seconds (saturating).
    pub const fn plus_seconds(self, seconds: i64) -> Self {
        Timestamp(self.0.saturating_add(seconds.saturating_mul(1_000_000)))
    }

    fn to_offset(self) -> OffsetDateTime {
        let nanos = i128::from(self.0) * 1000;
        OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        self.to_offset().date()
    }

    /// `hhmm` in UTC.
    pub fn hhmm(self) -> String {
        let t = self.to_offset();
        format!("{:02}{:02}", t.hour(), t.minute())
    }

    /// Parses RFC 3339 (`2026-11-21T12:00:00Z`, any offset) or a bare date (`2026-11-21`,
    /// meaning its first instant in UTC).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let at = match OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
            Ok(at) => at,
            Err(_) => {
                let mut parts = text.splitn(3, '-');
                let year: i32 = parts.next()?.parse().ok()?;
                let month: u8 = parts.next()?.parse().ok()?;
                let day: u8 = parts.next()?.parse().ok()?;
                let month = time::Month::try_from(month).ok()?;
                Date::from_calendar_date(year, month, day)
                    .ok()?
                    .midnight()
                    .assume_utc()
            }
        };
        i64::try_from(at.unix_timestamp_nanos() / 1000)
            .ok()
            .map(Timestamp)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC with microseconds, e.g. `2026-11-21T19:40:12.345678Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.to_offset();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.microsecond()
        )
    }
}

/// The source of the current time.
pub trait Clock: Send + Sync + fmt::Debug {
    /// Now, in UTC.
    fn now(&self) -> Timestamp;

    /// Today's UTC date.
    fn today(&self) -> Date {
        self.now().date()
    }
}

/// The wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place that reads the wall clock"
    )]
    fn now(&self) -> Timestamp {
        let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
        Timestamp(i64::try_from(nanos / 1000).unwrap_or(i64::MAX))
    }
}

/// A clock that stands still until told to move; for tests and reproducible demos.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    /// A clock showing `at`.
    pub fn new(at: Timestamp) -> Self {
        ManualClock(Arc::new(AtomicI64::new(at.0)))
    }

    /// Moves the clock forward (or backward with a negative value) by whole seconds.
    pub fn advance_seconds(&self, seconds: i64) {
        self.0
            .fetch_add(seconds.saturating_mul(1_000_000), Ordering::SeqCst);
    }

    /// Sets the clock.
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.0, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_render_in_utc_with_microseconds() {
        let t = Timestamp::from_micros(1_795_290_012_345_678);
        assert_eq!(t.to_string(), "2026-11-21T19:40:12.345678Z");
        assert_eq!(t.hhmm(), "1940");
    }

    #[test]
    fn timestamps_parse_from_rfc3339_or_a_date() {
        let t = Timestamp::from_micros(1_795_290_012_345_678);
        assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
        assert_eq!(
            Timestamp::parse("2026-11-21T14:40:12.345678-05:00"),
            Some(t)
        );
        assert_eq!(
            Timestamp::parse("2026-11-21").map(|d| d.to_string()),
            Some("2026-11-21T00:00:00.000000Z".into())
        );
        for bad in [
            "",
            "2026-13-01",
            "2026-02-30",
            "yesterday",
            "2026-11-21T25:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn manual_clock_moves_only_when_told() {
        let clock = ManualClock::new(Timestamp::from_micros(0));
        assert_eq!(clock.now().as_micros(), 0);
        clock.advance_seconds(90);
        assert_eq!(clock.now().as_micros(), 90_000_000);
        assert_eq!(clock.today().to_string(), "1970-01-01");
    }
}
