//! Measuring: durations in microseconds, percentiles of sorted samples, and today.

use std::time::Duration;

/// The sample at fraction `p` (0.5 = median) of durations sorted ascending.
pub(super) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted
        .get(rank.min(sorted.len() - 1))
        .copied()
        .unwrap_or_default()
}

/// A duration in microseconds.
pub(super) fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Today by the system clock.
pub(super) fn time_today() -> time::Date {
    use leads_domain::clock::Clock;
    leads_domain::clock::SystemClock.today()
}
