//! Meeting operations: who may do what, the scores from the matching engine, and the scheduler run
//! inside one write transaction (its input read and its placement written atomically).

use std::collections::{HashMap, HashSet};

use crate::db::{Conn, Row};
use shared::events::EventType;
use shared::i18n::text;
use shared::market::PostingKind;
use shared::meetings::{
    AvailabilityInput, Counterpart, MeetingRequest, Overview, Person, PlannedMeeting, RequestInput, RequestStatus,
    ScheduleReport, SetupInput,
};
use shared::notify::NotificationKind;
use shared::validate::FieldError;
use shared::{ErrorCode, Locale, Msg};

use super::schedule::{self, Problem, Request};
use super::store::{self, EventHead};
use crate::AppState;
use crate::accounts::SessionUser;
use crate::db::now;
use crate::error::{AppError, AppResult};
use crate::events::ics::Entry;
use crate::notify::ops::Note;
use crate::xlsx::{Cell, Sheet};

fn not_attendee() -> AppError {
    AppError::Refused(ErrorCode::NotAttendee)
}

/// The event, which must be a matchmaking meeting.
async fn matchmaking(db: &mut Conn, event: i64) -> AppResult<EventHead> {
    let head = store::event(db, event).await?.ok_or(AppError::NotFound)?;
    if EventType::parse(&head.event_type) != Some(EventType::Matchmaking) {
        return Err(AppError::Refused(ErrorCode::NotMatchmaking));
    }
    Ok(head)
}

/// `name（organization）`, how a person is named in notifications.
fn label(p: &Person) -> String {
    match &p.org_name_zh {
        Some(org) => format!("{}（{org}）", p.name),
        None => p.name.clone(),
    }
}

/// A notification about the event's meetings, leading to the meeting area.
fn note(kind: NotificationKind, event: i64, head: &EventHead) -> Note {
    Note::new(kind, format!("/events/{event}/meetings")).name("title", &head.title_zh, head.title_en.as_deref())
}

/// Delivers `note` to one user, in the same transaction as what caused it.
async fn tell(db: &mut Conn, state: &AppState, user: i64, note: &Note) -> AppResult<()> {
    let to: Vec<_> = crate::notify::recipient(db, user).await?.into_iter().collect();
    Ok(crate::notify::ops::emit(db, &state.config.site_url(), &to, None, note).await?)
}

/// Names each of `people` who came for no organization by their first one (`orgs::first_of`).
async fn affiliated(db: &mut Conn, mut people: Vec<Person>) -> sqlx::Result<Vec<Person>> {
    let missing: Vec<i64> = people.iter().filter(|p| p.org_id.is_none()).map(|p| p.user_id).collect();
    let first = crate::orgs::first_of(db, &missing).await?;
    for p in people.iter_mut().filter(|p| p.org_id.is_none()) {
        if let Some(o) = first.get(&p.user_id) {
            p.org_id = Some(o.org_id);
            p.org_name_zh = Some(o.name_zh.clone());
            p.org_name_en = o.name_en.clone();
        }
    }
    Ok(people)
}

/// The event's attendees ([`store::attendees`]), each with an organization where they have one.
async fn attendees(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Person>> {
    let people = store::attendees(db, event).await?;
    affiliated(db, people).await
}

/// One attendee, as in [`attendees`].
async fn attendee(db: &mut Conn, event: i64, user: i64) -> sqlx::Result<Option<Person>> {
    let one = store::attendee(db, event, user).await?.into_iter().collect();
    Ok(affiliated(db, one).await?.pop())
}

/// Everyone in the event's requests ([`store::involved`]), as in [`attendees`].
async fn involved(db: &mut Conn, event: i64) -> sqlx::Result<Vec<Person>> {
    let people = store::involved(db, event).await?;
    affiliated(db, people).await
}

/// Request `id` as `user` sees it among their requests.
async fn request_as_seen(db: &mut Conn, event: i64, user: i64, id: i64) -> AppResult<MeetingRequest> {
    let people = involved(db, event).await?;
    store::requests_of(db, event, user, &people).await?.into_iter().find(|r| r.id == id).ok_or(AppError::NotFound)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn overview(state: &AppState, user: &SessionUser, event: i64) -> AppResult<Overview> {
    let mut db = state.db.acquire().await?;
    let head = matchmaking(&mut db, event).await?;
    let organizer = crate::events::organizer(&mut db, event, user).await?.is_some();
    let attendee = crate::events::is_confirmed(&mut db, event, user.id).await?;
    let (available, requests, agenda) = if attendee {
        let people = involved(&mut db, event).await?;
        (
            store::availability(&mut db, event, user.id).await?,
            store::requests_of(&mut db, event, user.id, &people).await?,
            store::agenda(&mut db, event, user.id, &people).await?,
        )
    } else {
        (vec![], vec![], vec![])
    };
    Ok(Overview {
        tables: u32::try_from(head.tables).unwrap_or(0),
        slots: store::slots(&mut db, event).await?,
        attendee,
        organizer,
        available,
        requests,
        agenda,
        last_run: if organizer { store::last_run(&mut db, event).await? } else { None },
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn put_setup(state: &AppState, user: &SessionUser, event: i64, input: SetupInput) -> AppResult<Overview> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let head = matchmaking(&mut tx, event).await?;
    crate::events::require_organizer(&mut tx, event, user).await?;
    let slots = input.check(head.starts_at, head.ends_at)?;
    super::replace_setup(&mut tx, event, input.tables, &slots).await?;
    tx.commit().await?;
    overview(state, user, event).await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_availability(
    state: &AppState,
    user: &SessionUser,
    event: i64,
    input: AvailabilityInput,
) -> AppResult<Overview> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    matchmaking(&mut tx, event).await?;
    if !crate::events::is_confirmed(&mut tx, event, user.id).await? {
        return Err(not_attendee());
    }
    let slots = store::slots(&mut tx, event).await?;
    if input.slots.iter().any(|s| !slots.iter().any(|x| x.id == *s)) {
        return Err(AppError::field("slots", FieldError::Invalid));
    }
    store::set_availability(&mut tx, event, user.id, &input.slots).await?;
    tx.commit().await?;
    overview(state, user, event).await
}

/// The published postings of each attendee's organization.
async fn postings_by_org(db: &mut Conn, people: &[Person]) -> AppResult<HashMap<i64, Vec<(i64, PostingKind, String)>>> {
    let orgs: Vec<i64> = people.iter().filter_map(|p| p.org_id).collect::<HashSet<_>>().into_iter().collect();
    let mut out: HashMap<i64, Vec<(i64, PostingKind, String)>> = HashMap::new();
    for p in store::postings_of(db, &orgs).await? {
        out.entry(p.org).or_default().push((p.id, p.kind, p.title));
    }
    Ok(out)
}

/// The engine's best score between two attendees' organizations, with the two postings' titles.
fn fit(
    state: &AppState,
    postings: &HashMap<i64, Vec<(i64, PostingKind, String)>>,
    a: &Person,
    b: &Person,
) -> Option<(crate::matching::score::Scored, String, String)> {
    let (oa, ob) = (a.org_id?, b.org_id?);
    if oa == ob {
        return None;
    }
    let (pa, pb) = (postings.get(&oa)?, postings.get(&ob)?);
    let keys = |ps: &[(i64, PostingKind, String)]| ps.iter().map(|(id, k, _)| (*id, *k)).collect::<Vec<_>>();
    let (x, y, scored) = crate::matching::ops::best_pair(state, &keys(pa), &keys(pb))?;
    let title =
        |ps: &[(i64, PostingKind, String)], id| ps.iter().find(|p| p.0 == id).map(|p| p.2.clone()).unwrap_or_default();
    Some((scored, title(pa, x), title(pb, y)))
}

/// The other attendees, best fit first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn counterparts(state: &AppState, user: &SessionUser, event: i64) -> AppResult<Vec<Counterpart>> {
    let mut db = state.db.acquire().await?;
    matchmaking(&mut db, event).await?;
    let people = attendees(&mut db, event).await?;
    let me = people.iter().find(|p| p.user_id == user.id).cloned().ok_or_else(not_attendee)?;
    let postings = postings_by_org(&mut db, &people).await?;
    let mut availability: HashMap<i64, HashSet<i64>> = HashMap::new();
    for a in store::availability_all(&mut db, event).await? {
        availability.entry(a.user_id).or_default().insert(a.slot_id);
    }
    let empty = HashSet::new();
    let mine = availability.get(&user.id).unwrap_or(&empty);
    let latest: HashMap<i64, (i64, RequestStatus)> = store::latest_with(&mut db, event, user.id)
        .await?
        .into_iter()
        .map(|w| (w.other, (w.request, w.status)))
        .collect();
    let mut out: Vec<Counterpart> = people
        .into_iter()
        .filter(|p| p.user_id != user.id)
        .map(|p| {
            let theirs = availability.get(&p.user_id).unwrap_or(&empty);
            let common_slots = mine.intersection(theirs).count() as u32;
            let (score, reasons, via) = match fit(state, &postings, &me, &p) {
                Some((s, a, b)) => (s.score, s.reasons, Some((a, b))),
                None => (0, vec![], None),
            };
            let request = latest.get(&p.user_id).copied();
            Counterpart { person: p, score, reasons, via, common_slots, request }
        })
        .collect();
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.person.user_id.cmp(&b.person.user_id)));
    Ok(out)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn request(
    state: &AppState,
    user: &SessionUser,
    event: i64,
    input: RequestInput,
) -> AppResult<MeetingRequest> {
    user.require_verified()?;
    let message = input.check()?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let head = matchmaking(&mut tx, event).await?;
    let me = attendee(&mut tx, event, user.id).await?.ok_or_else(not_attendee)?;
    if input.to_user == user.id {
        return Err(AppError::field("to_user", FieldError::Invalid));
    }
    if attendee(&mut tx, event, input.to_user).await?.is_none() {
        return Err(AppError::field("to_user", FieldError::Invalid));
    }
    if store::live_between(&mut tx, event, user.id, input.to_user).await?.is_some() {
        return Err(AppError::Refused(ErrorCode::AlreadyRequested));
    }
    let id = store::insert_request(&mut tx, event, user.id, input.to_user, &message, now()).await?;
    let note = note(NotificationKind::MeetingRequested, event, &head).param("org", label(&me));
    tell(&mut tx, state, input.to_user, &note).await?;
    let out = request_as_seen(&mut tx, event, user.id, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// A meeting request, read after locking its event (a write transaction about to change it).
async fn locked_request(tx: &mut Conn, id: i64) -> AppResult<store::Request> {
    let event = store::request(tx, id).await?.ok_or(AppError::NotFound)?.event;
    crate::db::lock(tx, Row::Event, &[event]).await?;
    store::request(tx, id).await?.ok_or(AppError::NotFound)
}

/// Accept or decline a request sent to the caller.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn decide(state: &AppState, user: &SessionUser, id: i64, accept: bool) -> AppResult<MeetingRequest> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let store::Request { event, from, to, status } = locked_request(&mut tx, id).await?;
    if to != user.id {
        return Err(if from == user.id { AppError::Forbidden } else { AppError::NotFound });
    }
    if status != RequestStatus::Pending {
        return Err(AppError::Refused(ErrorCode::InvalidTransition));
    }
    let next = if accept { RequestStatus::Accepted } else { RequestStatus::Declined };
    store::set_request_status(&mut tx, id, next, now()).await?;
    if accept {
        let head = store::event(&mut tx, event).await?.ok_or(AppError::NotFound)?;
        let me = attendee(&mut tx, event, user.id).await?.ok_or_else(not_attendee)?;
        let note = note(NotificationKind::MeetingAccepted, event, &head).param("org", label(&me));
        tell(&mut tx, state, from, &note).await?;
    }
    let out = request_as_seen(&mut tx, event, user.id, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Withdraw a request (its sender) or call off an accepted meeting (either side); it leaves the schedule.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel(state: &AppState, user: &SessionUser, id: i64) -> AppResult<MeetingRequest> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let store::Request { event, from, to, status } = locked_request(&mut tx, id).await?;
    if from != user.id && to != user.id {
        return Err(AppError::NotFound);
    }
    let allowed = match status {
        RequestStatus::Pending => from == user.id,
        RequestStatus::Accepted => true,
        RequestStatus::Declined | RequestStatus::Cancelled => false,
    };
    if !allowed {
        return Err(AppError::Refused(ErrorCode::InvalidTransition));
    }
    store::set_request_status(&mut tx, id, RequestStatus::Cancelled, now()).await?;
    let out = request_as_seen(&mut tx, event, user.id, id).await?;
    tx.commit().await?;
    Ok(out)
}

/// Runs the scheduler on every accepted request and replaces the schedule; tells each attendee
/// how many meetings they have.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn run_schedule(state: &AppState, user: &SessionUser, event: i64) -> AppResult<ScheduleReport> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    crate::db::lock(&mut tx, Row::Event, &[event]).await?;
    let head = matchmaking(&mut tx, event).await?;
    crate::events::require_organizer(&mut tx, event, user).await?;
    let slots = store::slots(&mut tx, event).await?;
    let tables = u32::try_from(head.tables).unwrap_or(0);
    if slots.is_empty() || tables == 0 {
        return Err(AppError::field("slots", FieldError::Required));
    }
    let people = attendees(&mut tx, event).await?;
    let index: HashMap<i64, usize> = people.iter().enumerate().map(|(i, p)| (p.user_id, i)).collect();
    let slot_index: HashMap<i64, usize> = slots.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut available = vec![0u64; people.len()];
    for a in store::availability_all(&mut tx, event).await? {
        if let (Some(p), Some(s)) = (index.get(&a.user_id), slot_index.get(&a.slot_id)) {
            available[*p] |= 1 << s;
        }
    }
    let postings = postings_by_org(&mut tx, &people).await?;
    let accepted = store::accepted(&mut tx, event).await?;
    let mut requests = Vec::with_capacity(accepted.len());
    let mut ids = Vec::with_capacity(accepted.len());
    for store::Accepted { id, from_user, to_user } in &accepted {
        let (Some(&ia), Some(&ib)) = (index.get(from_user), index.get(to_user)) else { continue };
        let score = fit(state, &postings, &people[ia], &people[ib]).map_or(0, |(s, _, _)| s.score);
        requests.push(Request { a: ia as u32, b: ib as u32, score });
        ids.push(*id);
    }
    let problem = Problem { slots: slots.len(), tables, available, requests };
    let started = std::time::Instant::now();
    let placed = schedule::schedule(&problem);
    let millis = started.elapsed().as_millis() as u64;
    let baseline = schedule::greedy(&problem);
    let rows: Vec<(i64, i64, u32, u8)> =
        placed.iter().map(|p| (ids[p.request], slots[p.slot].id, p.table, problem.requests[p.request].score)).collect();
    store::replace_meetings(&mut tx, event, &rows).await?;
    let report = ScheduleReport {
        accepted: ids.len() as u32,
        placed: placed.len() as u32,
        score: schedule::total_score(&problem, &placed),
        greedy_placed: baseline.len() as u32,
        greedy_score: schedule::total_score(&problem, &baseline),
        millis,
        run_at: now(),
    };
    store::save_run(&mut tx, event, user.id, &report).await?;
    let mut per_person: HashMap<usize, u32> = HashMap::new();
    for p in &placed {
        let r = problem.requests[p.request];
        *per_person.entry(r.a as usize).or_default() += 1;
        *per_person.entry(r.b as usize).or_default() += 1;
    }
    for (i, n) in per_person {
        let note = note(NotificationKind::MeetingsScheduled, event, &head).param("score", n.to_string());
        tell(&mut tx, state, people[i].user_id, &note).await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// The table plan (those who run the event).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn plan(state: &AppState, user: &SessionUser, event: i64) -> AppResult<Vec<PlannedMeeting>> {
    let mut db = state.db.acquire().await?;
    matchmaking(&mut db, event).await?;
    crate::events::require_organizer(&mut db, event, user).await?;
    let people = involved(&mut db, event).await?;
    Ok(store::plan(&mut db, event, &people).await?)
}

fn org_of(p: &Person, l: Locale) -> String {
    let en = p.org_name_en.clone().filter(|_| l == Locale::En);
    en.or_else(|| p.org_name_zh.clone()).unwrap_or_default()
}

/// The table plan as an Excel workbook: one row per meeting, and one sheet per slot for the floor.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn plan_xlsx(state: &AppState, user: &SessionUser, event: i64) -> AppResult<Vec<u8>> {
    let plan = plan(state, user, event).await?;
    let l = crate::http::locale::current_locale();
    let time = crate::common::china::minute;
    let header = [
        Msg::MeetSlot,
        Msg::MeetTable,
        Msg::MeetPersonA,
        Msg::MeetOrgA,
        Msg::MeetPersonB,
        Msg::MeetOrgB,
        Msg::MeetScore,
    ];
    let rows = plan
        .iter()
        .map(|m| {
            vec![
                Cell::Text(format!("{} – {}", time(m.slot.starts_at), time(m.slot.ends_at))),
                Cell::from(m.table),
                Cell::Text(m.a.name.clone()),
                Cell::Text(org_of(&m.a, l)),
                Cell::Text(m.b.name.clone()),
                Cell::Text(org_of(&m.b, l)),
                Cell::from(u32::from(m.score)),
            ]
        })
        .collect();
    let sheet =
        Sheet { name: Msg::MeetPlanTitle.t(l).to_owned(), header: header.map(|m| m.t(l).to_owned()).to_vec(), rows };
    crate::xlsx::workbook(&[sheet]).map_err(|e| AppError::Internal(anyhow::anyhow!("writing the workbook: {e}")))
}

/// The caller's meetings as calendar entries.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn agenda_ics(state: &AppState, user: &SessionUser, event: i64) -> AppResult<String> {
    let mut db = state.db.acquire().await?;
    let head = matchmaking(&mut db, event).await?;
    if !crate::events::is_confirmed(&mut db, event, user.id).await? {
        return Err(not_attendee());
    }
    let l = crate::http::locale::current_locale();
    let url = format!("{}/events/{event}/meetings", state.config.site_url());
    let people = involved(&mut db, event).await?;
    let entries: Vec<Entry> = store::agenda(&mut db, event, user.id, &people)
        .await?
        .into_iter()
        .map(|m| Entry {
            uid: format!("meeting-{}", m.request_id),
            starts_at: m.slot.starts_at,
            ends_at: m.slot.ends_at,
            summary: text::MeetIcsSummary { name: &label(&m.with), table: &m.table }.t(l),
            description: head.title_zh.clone(),
            location: text::MeetIcsLocation { table: &m.table }.t(l),
            url: url.clone(),
        })
        .collect();
    Ok(crate::events::ics::calendar(&entries, now()))
}
