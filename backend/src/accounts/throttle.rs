//! Login throttling: after 5 failures for one email within 15 minutes, refuse further attempts
//! until the oldest failure in the window ages out.

use time::{Duration, OffsetDateTime};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::minutes(15);

/// Seconds to wait before the next attempt, given the failure times inside the window
/// (any order); `None` when an attempt is allowed now.
pub fn retry_after(failures: &[OffsetDateTime], now: OffsetDateTime) -> Option<u64> {
    let mut recent: Vec<OffsetDateTime> = failures.iter().copied().filter(|t| *t > now - WINDOW).collect();
    if recent.len() < MAX_FAILURES {
        return None;
    }
    recent.sort();
    // The attempt becomes possible when enough failures have left the window.
    let unblocks_at = recent[recent.len() - MAX_FAILURES] + WINDOW;
    Some((unblocks_at - now).whole_seconds().max(1) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 10:00 UTC);

    #[test]
    fn four_failures_still_allow_an_attempt() {
        let f: Vec<_> = (1..=4).map(|m| NOW - Duration::minutes(m)).collect();
        assert_eq!(retry_after(&f, NOW), None);
    }

    #[test]
    fn fifth_failure_blocks_until_the_oldest_ages_out() {
        let f: Vec<_> = (1..=5).map(|m| NOW - Duration::minutes(m)).collect();
        // oldest is 5 minutes ago: the window frees up in 10 minutes
        assert_eq!(retry_after(&f, NOW), Some(600));
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let f: Vec<_> = (16..=25).map(|m| NOW - Duration::minutes(m)).collect();
        assert_eq!(retry_after(&f, NOW), None);
    }
}
