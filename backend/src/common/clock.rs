//! The platform's clock. In service it is the system's. A test moves an application's clock
//! forward ([`Clock::advance`]) to see what happens after a deadline — a request expiring, a
//! window closing — instead of editing timestamps in the database. The offset belongs to one
//! application ([`crate::AppState`]) and is carried into each request's task, and each background
//! job's, by [`Clock::scope`], so tests running side by side each keep their own time;
//! [`crate::db::now`] adds it.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use time::Duration;

tokio::task_local! {
    /// The offset (seconds) of the clock of the application this task works for.
    static OFFSET: i64;
}

/// An application's clock: the system's, moved forward by what tests advanced it.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset: Arc<AtomicI64>,
}

impl Clock {
    /// Moves this application's clock forward (tests).
    pub fn advance(&self, by: Duration) {
        self.offset.fetch_add(by.whole_seconds(), Ordering::SeqCst);
    }

    /// Runs `work` on this clock: [`crate::db::now`] inside it is this application's time.
    pub async fn scope<F: Future>(&self, work: F) -> F::Output {
        OFFSET.scope(self.offset.load(Ordering::SeqCst), work).await
    }
}

/// How far the clock of the application the current task works for is ahead of the system's.
pub fn offset() -> Duration {
    OFFSET.try_with(|s| Duration::seconds(*s)).unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_advanced_clock_is_ahead_inside_its_scope_only() {
        let clock = Clock::default();
        clock.advance(Duration::days(15));
        assert_eq!(clock.scope(async { offset() }).await, Duration::days(15));
        assert_eq!(offset(), Duration::ZERO, "outside any application's scope: the system's time");
        let other = Clock::default();
        assert_eq!(other.scope(async { offset() }).await, Duration::ZERO, "each application its own");
    }

    #[tokio::test]
    async fn now_inside_a_scope_follows_the_clock() {
        let clock = Clock::default();
        let before = crate::db::now();
        clock.advance(Duration::hours(48));
        let later = clock.scope(async { crate::db::now() }).await;
        assert!(later - before >= Duration::hours(48) && later - before < Duration::hours(49));
    }
}
