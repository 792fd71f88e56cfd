//! Login throttling, counted per email *and* client address: after 5 failures for one email from
//! one address within 15 minutes that pair waits until the oldest failure ages out, so a stranger
//! guessing from elsewhere never locks the owner out. One address may fail 30 times in the window
//! over all emails (a wider net against spraying many accounts).
//!
//! Every attempt takes its slot before its password is checked, in one write transaction with the
//! count (see `store::reserve_attempt`): an attempt counts as a failure until it proves right, so
//! however many arrive at once, at most 5 wrong passwords are ever checked per pair and window.
//! A right password gives back only its own slot; earlier failures age out.

use std::net::IpAddr;

use time::{Duration, OffsetDateTime};

pub const MAX_FAILURES: usize = 5;
pub const ADDRESS_MAX_FAILURES: usize = 30;
pub const WINDOW: Duration = Duration::minutes(15);

/// One counted attempt inside the window: when, and whether it was for the email being tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    pub at: OffsetDateTime,
    pub same_email: bool,
}

/// Seconds to wait before the next attempt, given the address's attempts inside the window (any
/// order); `None` when an attempt is allowed now.
pub fn retry_after(attempts: &[Attempt], now: OffsetDateTime) -> Option<u64> {
    let since = now - WINDOW;
    let wait = |limit: usize, pick: &dyn Fn(&Attempt) -> bool| -> Option<OffsetDateTime> {
        let mut recent: Vec<OffsetDateTime> =
            attempts.iter().filter(|a| a.at > since && pick(a)).map(|a| a.at).collect();
        if recent.len() < limit {
            return None;
        }
        recent.sort();
        // The attempt becomes possible when enough of them have left the window.
        Some(recent[recent.len() - limit] + WINDOW)
    };
    let pair = wait(MAX_FAILURES, &|a| a.same_email);
    let address = wait(ADDRESS_MAX_FAILURES, &|_| true);
    let until = pair.into_iter().chain(address).max()?;
    Some((until - now).whole_seconds().max(1) as u64)
}

/// The address attempts are counted by: an IPv4 address as it is, an IPv6 address by its /64 (one
/// subscriber's network), `unknown` without one.
pub fn client_key(addr: Option<IpAddr>) -> String {
    match addr {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        None => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-29 10:00 UTC);

    fn mine(minutes: impl IntoIterator<Item = i64>) -> Vec<Attempt> {
        minutes.into_iter().map(|m| Attempt { at: NOW - Duration::minutes(m), same_email: true }).collect()
    }

    #[test]
    fn four_failures_still_allow_an_attempt() {
        assert_eq!(retry_after(&mine(1..=4), NOW), None);
    }

    #[test]
    fn fifth_failure_blocks_until_the_oldest_ages_out() {
        // oldest is 5 minutes ago: the window frees up in 10 minutes
        assert_eq!(retry_after(&mine(1..=5), NOW), Some(600));
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        assert_eq!(retry_after(&mine(16..=25), NOW), None);
    }

    #[test]
    fn other_emails_from_the_address_count_only_towards_the_wider_limit() {
        let others: Vec<Attempt> =
            (0..29).map(|i| Attempt { at: NOW - Duration::seconds(i), same_email: false }).collect();
        assert_eq!(retry_after(&others, NOW), None, "29 over all emails");
        let mut thirty = others.clone();
        thirty.push(Attempt { at: NOW - Duration::minutes(14), same_email: false });
        assert_eq!(retry_after(&thirty, NOW), Some(60), "the 30th blocks the address until the oldest ages out");
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_bit_network() {
        let a: IpAddr = "2409:8a28:e6c:1:aaaa::1".parse().unwrap();
        let b: IpAddr = "2409:8a28:e6c:1:bbbb::2".parse().unwrap();
        assert_eq!(client_key(Some(a)), client_key(Some(b)));
        assert_eq!(client_key(Some("::ffff:10.0.0.7".parse().unwrap())), "10.0.0.7");
        assert_eq!(client_key(Some("192.168.1.20".parse().unwrap())), "192.168.1.20");
        assert_eq!(client_key(None), "unknown");
    }
}
