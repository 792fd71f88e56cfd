//! Counting the platform's activity for the dashboard. Each countable thing (a posting published,
//! a request, a deal signed, an event, a check-in, …) is one row of the `activity` log, under the
//! week (Monday, China time) it happened in, its first 5+X field and its district; a correction is
//! a row with `n = -1`. The log is summed into three weekly roll-ups that the dashboard reads.
//!
//! The rows are written by the subscriber of the facts that count ([`on_fact`]), in the
//! transaction that makes them happen; [`recount`] derives the whole log again from the tables
//! (for data written straight to the database: the demo, benchmarks' seeds).

use shared::dashboard::week_of;
use time::{Date, OffsetDateTime};

use super::store;
use crate::db::Conn;
use crate::error::AppResult;
use crate::facts::Fact;

/// Where the dashboard finds each kind of countable thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Published postings, as `posting.<kind>`.
    Postings,
    /// Requests (engagements) about a posting.
    Requests,
    /// Requests accepted (a deal opened).
    Accepted,
    /// Deals signed (or completed), with their contract value.
    Signed,
    /// Events, under their first field.
    Events,
    /// Standing check-ins at an event.
    Attendance,
    Competitions,
    /// Teams entered in a competition's track.
    Entries,
}

impl Source {
    pub const ALL: [Source; 8] = [
        Source::Postings,
        Source::Requests,
        Source::Accepted,
        Source::Signed,
        Source::Events,
        Source::Attendance,
        Source::Competitions,
        Source::Entries,
    ];
}

/// A countable thing as its table has it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Found {
    pub metric: String,
    pub at: OffsetDateTime,
    /// A day that stands for the time (a contract's signing date), when there is one.
    #[sqlx(rename = "on_day")]
    pub on: Option<Date>,
    /// The field codes, comma-separated; the first counts.
    pub domains: String,
    pub district: String,
    pub value: i64,
    pub subject: i64,
}

/// One row of the activity log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub metric: String,
    pub at: OffsetDateTime,
    pub week: Date,
    pub domain: String,
    pub district: String,
    /// 1 counted, -1 taken back.
    pub n: i64,
    /// 万元, for signed contracts.
    pub value: i64,
    pub subject: i64,
}

impl Found {
    /// Counted once: in the week of its day (China time), under its first field.
    pub fn counted(self) -> Entry {
        let at = self.on.map_or(self.at, |d| d.midnight().assume_utc());
        Entry {
            week: week_of(crate::common::china::day(at)),
            domain: self.domains.split(',').next().unwrap_or_default().trim().to_owned(),
            metric: self.metric,
            at,
            district: self.district,
            n: 1,
            value: self.value,
            subject: self.subject,
        }
    }
}

impl Entry {
    /// The value of one of the roll-ups' key columns.
    pub fn key(&self, column: &str) -> String {
        match column {
            "metric" => self.metric.clone(),
            "domain" => self.domain.clone(),
            "district" => self.district.clone(),
            _ => shared::dashboard::format_date(self.week),
        }
    }

    /// This row taken back at `at`: the same week, field and district, counted -1 (and its value
    /// taken back with it).
    pub fn taken_back(&self, at: OffsetDateTime) -> Entry {
        Entry { at, n: -self.n, value: -self.value, ..self.clone() }
    }
}

/// Subscriber (within the transaction) of the facts the dashboard counts.
pub(crate) async fn on_fact(tx: &mut Conn, fact: &Fact) -> AppResult<()> {
    let (source, subject) = match fact {
        Fact::PostingPublished(id) => (Source::Postings, *id),
        Fact::EngagementRequested(id) => (Source::Requests, *id),
        Fact::EngagementAccepted(id) => (Source::Accepted, *id),
        Fact::DealSigned(id) => (Source::Signed, *id),
        Fact::EventScheduled(id) => (Source::Events, *id),
        Fact::EventMoved(id) => {
            // Out of where it was counted, into where it now belongs.
            take_back(tx, "event", *id).await?;
            (Source::Events, *id)
        }
        Fact::CheckedIn(id) => (Source::Attendance, *id),
        Fact::CheckinUndone(id) => return take_back(tx, "attendance", *id).await,
        Fact::CompetitionOpened(id) => (Source::Competitions, *id),
        Fact::TeamEntered(id) => (Source::Entries, *id),
        _ => return Ok(()),
    };
    let rows: Vec<Entry> = store::found(tx, source, Some(subject)).await?.into_iter().map(Found::counted).collect();
    store::record(tx, &rows).await?;
    Ok(())
}

/// Takes back the latest counted row of `subject` under `metric`, if there is one.
async fn take_back(tx: &mut Conn, metric: &str, subject: i64) -> AppResult<()> {
    if let Some(last) = store::last_counted(tx, metric, subject).await? {
        store::record(tx, &[last.taken_back(crate::db::now())]).await?;
    }
    Ok(())
}

/// Counts `posting` as matched at `at` (it found a strong match when published), under its
/// first field and district.
pub(super) async fn record_matched(tx: &mut Conn, posting: i64, at: OffsetDateTime) -> AppResult<()> {
    let rows: Vec<Entry> = store::found(tx, Source::Postings, Some(posting))
        .await?
        .into_iter()
        .map(|f| Found { metric: "match".into(), at, on: None, ..f }.counted())
        .collect();
    store::record(tx, &rows).await?;
    Ok(())
}

/// Derives the activity log again from the tables — everything but the matched postings, which
/// are counted when published ([`super::count_matches_of_published`]) — and the roll-ups from
/// the log. For data written straight to the database (the demo, benchmarks' seeds); returns the
/// rows counted.
pub async fn recount(tx: &mut Conn) -> AppResult<usize> {
    store::forget_counted(tx).await?;
    let mut total = 0;
    for source in Source::ALL {
        let rows: Vec<Entry> = store::found(tx, source, None).await?.into_iter().map(Found::counted).collect();
        store::append(tx, &rows).await?;
        total += rows.len();
    }
    store::roll_up(tx).await?;
    Ok(total)
}

/// Sums the whole activity log into the roll-ups again (after rows were written straight to the
/// log, as the dashboard benchmark does).
pub async fn roll_up(tx: &mut Conn) -> AppResult<()> {
    store::roll_up(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn found(at: OffsetDateTime, on: Option<Date>, domains: &str) -> Found {
        Found { metric: "event".into(), at, on, domains: domains.into(), district: "xihu".into(), value: 0, subject: 7 }
    }

    #[test]
    fn late_on_sunday_utc_is_monday_in_hangzhou_and_counts_in_the_new_week() {
        let e = found(datetime!(2026-11-29 20:00 UTC), None, "quantum").counted();
        assert_eq!(e.week, date!(2026 - 11 - 30));
        let e = found(datetime!(2026-11-29 15:59 UTC), None, "quantum").counted();
        assert_eq!(e.week, date!(2026 - 11 - 23));
    }

    #[test]
    fn a_signing_date_counts_in_its_own_week_whatever_the_time_it_was_entered() {
        let e = found(datetime!(2026-12-07 03:00 UTC), Some(date!(2026 - 11 - 29)), "").counted();
        assert_eq!(e.week, date!(2026 - 11 - 23), "Sunday 29 November belongs to the week of the 23rd");
        assert_eq!(e.at, datetime!(2026-11-29 00:00 UTC));
    }

    #[test]
    fn a_thing_in_several_fields_counts_under_its_first_and_one_in_none_under_none() {
        assert_eq!(found(datetime!(2026-12-01 00:00 UTC), None, "gen_ai,quantum").counted().domain, "gen_ai");
        assert_eq!(found(datetime!(2026-12-01 00:00 UTC), None, "").counted().domain, "");
    }

    #[test]
    fn taking_back_keeps_the_week_field_and_district_and_undoes_the_value() {
        let mut signed = found(datetime!(2026-12-01 00:00 UTC), None, "quantum").counted();
        signed.value = 300;
        let back = signed.taken_back(datetime!(2026-12-20 00:00 UTC));
        assert_eq!((back.n, back.value, back.week), (-1, -300, signed.week));
        assert_eq!((&back.domain, &back.district), (&signed.domain, &signed.district));
    }
}
