//! Around-the-clock staffing (rule H1): an agency with hot-file records keeps a certified
//! operator at its terminal every hour. Sessions come from sign-in and sign-out events; an hour
//! not wholly covered by some session is a gap.

use crate::clock::Timestamp;

const HOUR: i64 = 3_600 * 1_000_000;

/// Longest a session lasts without a sign-out (the session lifetime, 12 hours).
pub const SESSION_HOURS: i64 = 12;

/// A sign-in or its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionEvent {
    pub operator: String,
    pub terminal: String,
    pub at: Timestamp,
    /// True for a sign-in, false for a sign-out or timeout.
    pub starts: bool,
}

/// Hours (from the start of one to the end of the last) with no one signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffingGap {
    pub from: Timestamp,
    pub to: Timestamp,
}

impl StaffingGap {
    /// Whole hours in the gap.
    pub fn hours(&self) -> i64 {
        (self.to.as_micros() - self.from.as_micros()) / HOUR
    }
}

/// The sessions the events describe: each sign-in lasts until the next end of the same
/// operator at the same terminal, or [`SESSION_HOURS`], or `now`, whichever comes first.
pub fn sessions(events: &[SessionEvent], now: Timestamp) -> Vec<(Timestamp, Timestamp)> {
    let mut sorted: Vec<&SessionEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.at);
    sorted
        .iter()
        .enumerate()
        .filter(|(_, e)| e.starts)
        .map(|(i, start)| {
            let limit = (start.at.as_micros() + SESSION_HOURS * HOUR).min(now.as_micros());
            let end = sorted
                .iter()
                .skip(i + 1)
                .find(|e| e.operator == start.operator && e.terminal == start.terminal)
                .map_or(limit, |e| e.at.as_micros().min(limit));
            (start.at, Timestamp::from_micros(end))
        })
        .collect()
}

/// The hours from `from` to `to` (both rounded down to the hour) not wholly covered by the
/// union of `sessions`, merged into runs.
pub fn staffing_gaps(
    sessions: &[(Timestamp, Timestamp)],
    from: Timestamp,
    to: Timestamp,
) -> Vec<StaffingGap> {
    let mut spans: Vec<(i64, i64)> = sessions
        .iter()
        .map(|(s, e)| (s.as_micros(), e.as_micros()))
        .filter(|(s, e)| e > s)
        .collect();
    spans.sort_unstable();
    let mut union: Vec<(i64, i64)> = Vec::new();
    for (s, e) in spans {
        match union.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => union.push((s, e)),
        }
    }
    let covered = |hour: i64| union.iter().any(|(s, e)| *s <= hour && hour + HOUR <= *e);
    let first = from.as_micros().div_euclid(HOUR) * HOUR;
    let last = to.as_micros().div_euclid(HOUR) * HOUR;
    let mut gaps: Vec<StaffingGap> = Vec::new();
    let mut hour = first;
    while hour < last {
        if !covered(hour) {
            match gaps.last_mut() {
                Some(gap) if gap.to.as_micros() == hour => {
                    gap.to = Timestamp::from_micros(hour + HOUR);
                }
                _ => gaps.push(StaffingGap {
                    from: Timestamp::from_micros(hour),
                    to: Timestamp::from_micros(hour + HOUR),
                }),
            }
        }
        hour += HOUR;
    }
    gaps
}
