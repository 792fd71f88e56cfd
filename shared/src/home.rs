//! The home page's data in one answer (`GET /api/v1/home`): what is happening on the platform for
//! everyone, and for a signed-in person what needs them.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::market::PostingSummary;

/// Live figures: published postings of each kind and the deals signed this year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub demands: u64,
    pub capabilities: u64,
    pub scenarios: u64,
    pub funds: u64,
    pub deals_this_year: u64,
}

/// A 揭榜挂帅 call still taking applications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCallCard {
    /// The demand's id.
    pub id: i64,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
    /// Reward in 万元.
    pub reward: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub application_deadline: Date,
}

/// An upcoming event or an open competition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HappeningCard {
    pub id: i64,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub org_name_zh: String,
    pub org_name_en: Option<String>,
    /// The event's start, or the deadline of the competition's current stage.
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub at: Option<OffsetDateTime>,
}

/// What needs a signed-in person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ToDo {
    /// Cooperation requests to their organizations waiting for an answer.
    pub requests_waiting: u32,
    /// Unread messages in their conversations.
    pub unread_messages: u32,
    pub unread_notifications: u32,
    /// Ids of the matches scoring 80 or more for their organizations' postings (the page tells
    /// which are new since the last visit).
    pub strong_matches: Vec<String>,
    /// Entries they are assigned to judge and have not scored, in stages being judged.
    pub judging_due: u32,
    /// Upcoming events their organizations run.
    pub events_running: u32,
}

/// `GET /api/v1/home`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoor {
    pub figures: Figures,
    pub newest_demands: Vec<PostingSummary>,
    /// Open calls, the soonest application deadline first.
    pub open_calls: Vec<OpenCallCard>,
    /// Upcoming public events, the soonest first.
    pub events: Vec<HappeningCard>,
    /// Published competitions still running.
    pub competitions: Vec<HappeningCard>,
    /// Present when signed in.
    pub todo: Option<ToDo>,
}

/// How many items each list of the home page shows.
pub const HOME_LIST_LEN: usize = 4;
/// A match this strong is worth a person's attention.
pub const STRONG_MATCH: u8 = 80;

/// What the server writes into the page it serves (`<script type="application/json"
/// id="fm-boot">`), so the app starts without asking for it: the answers to the API paths the
/// page asks for first (`areas::first_data`), as the API gave them to the same caller.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageBoot {
    pub answers: Vec<BootAnswer>,
}

/// One `GET` the page would make, answered 200: its path and the response body (JSON text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootAnswer {
    pub path: String,
    pub body: String,
}

/// The id of the element holding the [`PageBoot`].
pub const PAGE_BOOT_ID: &str = "fm-boot";
