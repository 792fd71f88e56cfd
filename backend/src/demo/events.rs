//! Demo events: past and upcoming events of every type run by 杭州市未来产业促进中心 — a
//! two-day forum with guest and media tickets and registration questions, an exhibition, a full
//! matchmaking meeting with a waiting list, a roadshow, and two past events with check-ins — so a
//! newcomer finds a living calendar.

use crate::db::Conn;
use shared::events::{
    Answer, EventInput, EventType, QuestionInput, QuestionKind, RegistrationStatus, TicketRef, TicketTypeInput,
};
use time::{Duration, OffsetDateTime};

use crate::db::sql;
use crate::events;

struct DemoEvent {
    title_zh: &'static str,
    title_en: &'static str,
    description_zh: &'static str,
    event_type: EventType,
    venue: &'static str,
    online_url: Option<&'static str>,
    /// Days from now to the start (negative: past), and how many days it lasts.
    starts_in_days: i64,
    days: i64,
    domains: &'static [&'static str],
    capacity: u32,
    /// (name zh, name en, quota, approval)
    tickets: &'static [(&'static str, &'static str, u32, bool)],
    /// People registering (one each), and how many of the confirmed came (past events).
    registrants: usize,
    checked_in: usize,
}

const EVENTS: &[DemoEvent] = &[
    DemoEvent {
        title_zh: "2027杭州未来产业国际论坛",
        title_en: "Hangzhou Future Industries International Forum 2027",
        description_zh: "围绕“5+X”未来产业，邀请国内外科学家、企业家与投资人共话生成式人工智能、人形机器人、合成生物、量子科技等前沿方向；设主论坛与六场专题论坛，并发布年度典型应用场景清单。",
        event_type: EventType::Forum,
        venue: "杭州国际博览中心",
        online_url: Some("https://live.futurematch.cn/forum2027"),
        starts_in_days: 30,
        days: 2,
        domains: &["gen_ai", "humanoid_robots", "synthetic_bio"],
        capacity: 500,
        tickets: &[("普通", "General", 400, false), ("嘉宾", "Guest", 80, true), ("媒体", "Press", 20, true)],
        registrants: 36,
        checked_in: 0,
    },
    DemoEvent {
        title_zh: "未来产业创新成果展",
        title_en: "Future Industries Innovation Exhibition",
        description_zh: "集中展示实验室、概念验证中心与企业的前沿成果和样机，设人形机器人、低空飞行器、量子计算与合成生物四个展区，现场可预约一对一洽谈。",
        event_type: EventType::Exhibition,
        venue: "云栖小镇国际会展中心",
        online_url: None,
        starts_in_days: 45,
        days: 3,
        domains: &["humanoid_robots", "low_altitude", "quantum"],
        capacity: 2000,
        tickets: &[("观众", "Visitor", 1900, false), ("展商", "Exhibitor", 100, true)],
        registrants: 18,
        checked_in: 0,
    },
    DemoEvent {
        title_zh: "合成生物与前沿新材料对接会",
        title_en: "Synthetic Biology and New Materials Matchmaking",
        description_zh: "面向合成生物、生物制造与前沿新材料方向，企业技术需求与实验室成果一对一对接，每场对接20分钟；名额有限，满员后进入候补。",
        event_type: EventType::Matchmaking,
        venue: "钱塘合成生物概念验证中心",
        online_url: None,
        starts_in_days: 14,
        days: 1,
        domains: &["synthetic_bio", "new_materials"],
        capacity: 30,
        tickets: &[("对接席位", "Meeting seat", 30, false)],
        registrants: 36,
        checked_in: 0,
    },
    DemoEvent {
        title_zh: "未来产业投融资路演（第一期）",
        title_en: "Future Industries Investment Roadshow No. 1",
        description_zh: "十家未来产业初创企业面向引导基金与创投机构路演，每家路演8分钟、问答7分钟，线上同步直播。",
        event_type: EventType::Roadshow,
        venue: "杭州未来产业引导基金路演厅",
        online_url: Some("https://live.futurematch.cn/roadshow-1"),
        starts_in_days: 21,
        days: 1,
        domains: &["gen_ai", "advanced_energy"],
        capacity: 120,
        tickets: &[("投资人", "Investor", 60, true), ("观众", "Audience", 60, false)],
        registrants: 12,
        checked_in: 0,
    },
    DemoEvent {
        title_zh: "人形机器人产业大会",
        title_en: "Humanoid Robot Industry Conference",
        description_zh: "人形机器人整机、核心零部件与应用场景企业齐聚，发布人形机器人产业链图谱与首批场景开放清单。",
        event_type: EventType::Conference,
        venue: "杭州国际会议中心",
        online_url: None,
        starts_in_days: -20,
        days: 1,
        domains: &["humanoid_robots"],
        capacity: 200,
        tickets: &[("普通", "General", 200, false)],
        registrants: 30,
        checked_in: 24,
    },
    DemoEvent {
        title_zh: "2026杭州未来产业国际论坛（春季）",
        title_en: "Hangzhou Future Industries International Forum, Spring 2026",
        description_zh: "春季论坛回顾：发布《杭州市未来产业培育行动计划》重点任务，签约创新联合体项目12个。",
        event_type: EventType::Forum,
        venue: "杭州国际博览中心",
        online_url: None,
        starts_in_days: -90,
        days: 2,
        domains: &["gen_ai", "quantum"],
        capacity: 300,
        tickets: &[("普通", "General", 250, false), ("嘉宾", "Guest", 50, false)],
        registrants: 40,
        checked_in: 33,
    },
];

/// `organizer` is the demo organizer organization, `host` its owner.
pub async fn seed(db: &mut Conn, organizer: i64, host: i64) -> anyhow::Result<()> {
    let now = crate::db::now();
    // The people who register: every user, with the first organization they belong to.
    let people: Vec<(i64, String, Option<i64>)> = sql::query_as(
        "SELECT u.id, u.display_name, (SELECT MIN(m.org_id) FROM memberships m WHERE m.user_id = u.id)
         FROM users u WHERE u.id <> $1 ORDER BY u.id LIMIT 200",
    )
    .bind(host)
    .fetch_all(&mut *db)
    .await?;
    for (n, e) in EVENTS.iter().enumerate() {
        // The matchmaking meeting has the named demo accounts among its attendees, so whoever
        // logs in as them finds requests waiting.
        let named = if e.event_type == EventType::Matchmaking { NAMED_ATTENDEES } else { 0 };
        let registering: Vec<&(i64, String, Option<i64>)> =
            people.iter().take(named).chain(people.iter().skip(n * 7 + named)).collect();
        let starts = day_at(now + Duration::days(e.starts_in_days), 9);
        let input = EventInput {
            org_id: organizer,
            title_zh: e.title_zh.into(),
            title_en: Some(e.title_en.into()),
            description_zh: e.description_zh.into(),
            description_en: None,
            event_type: e.event_type,
            venue: Some(e.venue.into()),
            online_url: e.online_url.map(Into::into),
            starts_at: starts,
            ends_at: starts + Duration::days(e.days - 1) + Duration::hours(8),
            domains: e.domains.iter().map(|d| d.to_string()).collect(),
            capacity: e.capacity,
            invitation_only: false,
            verified_email_required: true,
            registration_opens_at: None,
            // Registration closes the day before (an upcoming event's stays open until then).
            registration_closes_at: Some(starts - Duration::days(1)),
        };
        let created = if e.starts_in_days < 0 { starts - Duration::days(40) } else { now - Duration::days(10) };
        let event = events::insert(db, &input, host, created, true).await?;
        let mut types = vec![];
        for (zh, en, quota, approval) in e.tickets {
            let t = TicketTypeInput {
                name_zh: (*zh).into(),
                name_en: Some((*en).into()),
                quota: *quota,
                approval: *approval,
            };
            types.push((events::insert_ticket_type(db, event, &t).await?, *approval));
        }
        let questions = if n == 0 { forum_questions(db, event).await? } else { vec![] };
        let mut confirmed = 0usize;
        let mut held = 0u32;
        let mut attendees = vec![];
        for (i, (user, name, org)) in registering.into_iter().take(e.registrants).enumerate() {
            // Mostly the first ticket type; every fifth person one of the others.
            let (ticket, approval) =
                if i % 5 == 4 && types.len() > 1 { types[1 + i % (types.len() - 1)] } else { types[0] };
            let status = if held >= e.capacity {
                RegistrationStatus::Waitlisted
            } else if approval && e.starts_in_days > 0 && i % 2 == 0 {
                RegistrationStatus::Pending
            } else {
                RegistrationStatus::Confirmed
            };
            if status.holds_seats() {
                held += 1;
            }
            let people = [name.clone()];
            let at = created + Duration::hours(3 + 7 * i as i64);
            let reg = events::NewRegistration {
                event,
                ticket_type: ticket,
                user: *user,
                org: *org,
                people: &people,
                status,
                now: at,
            };
            let rid = events::insert_registration(db, &reg).await?;
            if let [position, fields] = questions[..] {
                let answers = [
                    Answer {
                        question: position,
                        value: ["总经理", "首席科学家", "投资总监", "研发负责人"][i % 4].into(),
                    },
                    Answer { question: fields, value: ["0", "1", "0,2", "2"][i % 4].into() },
                ];
                events::insert_answers(db, rid, &answers).await?;
            }
            if status == RegistrationStatus::Confirmed {
                attendees.push(*user);
                confirmed += 1;
                if confirmed <= e.checked_in {
                    let checkin = events::NewCheckin {
                        event,
                        ticket: TicketRef { registration: rid, person: 0 },
                        device: "demo-door",
                        nonce: &format!("demo-{rid}"),
                        by: host,
                        at: starts + Duration::minutes(10 + i as i64),
                    };
                    events::insert_checkin(db, &checkin).await?;
                }
            }
        }
        if n == 0 {
            forum_agenda(db, event, starts, &attendees).await?;
        }
        if e.event_type == EventType::Matchmaking {
            meetings(db, event, starts, &attendees, now).await?;
        }
    }
    Ok(())
}

/// The enterprise, lab and investor demo accounts (the first users after the host).
const NAMED_ATTENDEES: usize = 3;

/// A session: titles, room, (day, minutes after 9:00, length in minutes), speakers, seats if limited.
struct DemoSession(&'static str, &'static str, &'static str, (i64, i64, i64), &'static [&'static str], Option<u32>);

/// The forum's agenda over its two days: an opening plenary, three parallel tracks with limited
/// seats (partly taken by the attendees) and the scenario launch on day two.
async fn forum_agenda(db: &mut Conn, event: i64, starts: OffsetDateTime, attendees: &[i64]) -> anyhow::Result<()> {
    let sessions = [
        DemoSession(
            "开幕式暨主论坛：未来产业的杭州路径",
            "Opening plenary: Hangzhou's path to future industries",
            "主会场",
            (0, 0, 90),
            &["杭州市未来产业促进中心 主任", "之江实验室 首席科学家"],
            None,
        ),
        DemoSession(
            "专题论坛：生成式人工智能与算力",
            "Track: generative AI and computing power",
            "B1 厅",
            (0, 105, 75),
            &["杭州云栖智算 CTO", "浙江大学 教授"],
            Some(120),
        ),
        DemoSession(
            "专题论坛：人形机器人与具身智能",
            "Track: humanoid robots and embodied AI",
            "B2 厅",
            (0, 270, 90),
            &["杭州灵犀人形机器人 创始人"],
            Some(20),
        ),
        DemoSession(
            "专题论坛：合成生物与生物制造",
            "Track: synthetic biology and biomanufacturing",
            "B3 厅",
            (0, 375, 75),
            &["钱塘合成生物概念验证中心 主任"],
            Some(60),
        ),
        DemoSession(
            "年度典型应用场景发布会",
            "Launch of the year's typical application scenarios",
            "主会场",
            (1, 0, 90),
            &["杭州市经信局", "场景开放单位代表"],
            None,
        ),
    ];
    for (i, DemoSession(zh, en, room, (day, offset, minutes), speakers, seats)) in sessions.into_iter().enumerate() {
        let at = starts + Duration::days(day) + Duration::minutes(offset);
        let input = shared::agenda::SessionInput {
            title_zh: zh.into(),
            title_en: Some(en.into()),
            room: Some(room.into()),
            starts_at: at,
            ends_at: at + Duration::minutes(minutes),
            speakers: vec![],
            capacity: seats,
        };
        let named: Vec<crate::agenda::NewSpeaker> =
            speakers.iter().map(|s| crate::agenda::NewSpeaker::Named((*s).to_owned())).collect();
        let session = crate::agenda::insert(db, event, &input, &named).await?;
        if let Some(seats) = seats {
            // A third of the attendees took a seat in each track, up to its seats.
            for user in attendees.iter().skip(i).step_by(3).take(seats as usize) {
                crate::agenda::take_seat(db, session, *user, starts - Duration::days(3)).await?;
            }
        }
    }
    Ok(())
}

/// The matchmaking meeting: eight 20-minute slots from 13:30 at eight tables, each attendee free
/// in most of them, and requests between attendees — mostly accepted, some awaiting an answer
/// (those to the first named account among them), a few declined — for the organizer to schedule.
async fn meetings(
    db: &mut Conn,
    event: i64,
    starts: OffsetDateTime,
    attendees: &[i64],
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    use shared::meetings::RequestStatus;
    let first = starts + Duration::minutes(270);
    let slots = shared::meetings::even_slots(first, 8, 20, 5);
    crate::meetings::replace_setup(db, event, 8, &slots).await?;
    let ids: Vec<i64> = crate::meetings::slots(db, event).await?.into_iter().map(|s| s.id).collect();
    for (i, user) in attendees.iter().enumerate() {
        let free: Vec<i64> = ids
            .iter()
            .enumerate()
            .filter(|(s, _)| i < NAMED_ATTENDEES || (i + s) % 4 != 0)
            .map(|(_, id)| *id)
            .collect();
        crate::meetings::set_availability(db, event, *user, &free).await?;
    }
    let k = attendees.len();
    if k < 4 {
        return Ok(());
    }
    const MESSAGES: [&str; 3] = [
        "希望就联合研发进行交流。",
        "我们有中试线资源，想了解贵方的放大需求。",
        "对贵方的成果转化很感兴趣，约个时间聊聊？",
    ];
    for i in 0..k {
        for step in [1, 3] {
            let (from, to) = (attendees[i], attendees[(i + step) % k]);
            let at = now - Duration::hours((k - i) as i64 + step as i64);
            let id = crate::meetings::insert_request(db, event, from, to, MESSAGES[(i + step) % 3], at).await?;
            let status = if to == attendees[0] || i % 5 == 0 {
                RequestStatus::Pending
            } else if i % 7 == 3 {
                RequestStatus::Declined
            } else {
                RequestStatus::Accepted
            };
            if status != RequestStatus::Pending {
                crate::meetings::set_request_status(db, id, status, at + Duration::hours(1)).await?;
            }
        }
    }
    Ok(())
}

/// The forum's registration questions: position (required) and fields of interest.
async fn forum_questions(db: &mut Conn, event: i64) -> anyhow::Result<Vec<i64>> {
    let position = QuestionInput {
        label_zh: "职务".into(),
        label_en: Some("Position".into()),
        kind: QuestionKind::Text,
        required: true,
        options_zh: vec![],
        options_en: vec![],
        ticket_types: vec![],
    };
    let fields = QuestionInput {
        label_zh: "关注的未来产业方向".into(),
        label_en: Some("Fields of interest".into()),
        kind: QuestionKind::Multiple,
        required: false,
        options_zh: vec!["生成式人工智能".into(), "人形机器人".into(), "合成生物".into()],
        options_en: vec!["Generative AI".into(), "Humanoid robots".into(), "Synthetic biology".into()],
        ticket_types: vec![],
    };
    Ok(vec![events::insert_question(db, event, &position).await?, events::insert_question(db, event, &fields).await?])
}

/// `at`'s day, `hour` o'clock China time.
fn day_at(at: OffsetDateTime, hour: u8) -> OffsetDateTime {
    let china = shared::CHINA;
    let local = at.to_offset(china);
    local.replace_time(time::Time::from_hms(hour, 0, 0).unwrap_or(time::Time::MIDNIGHT)).to_offset(time::UtcOffset::UTC)
}
