//! The competitions contract (创新创业赛事): set-up (tracks, stages, rubric), teams, staged
//! submissions, judging and results.
//!
//! This file is long because it is the whole competitions contract, types and pure rules both sides
//! run; split by sub-capability as the backend is, next.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::engage::OrgRef;
use crate::error::FieldErrors;
use crate::validate::{self, FieldError};

pub const TRACKS_MAX: usize = 10;
pub const STAGES_MAX: usize = 5;
pub const CRITERIA_MAX: usize = 10;
pub const FIELDS_MAX: usize = 10;
pub const MEMBERS_MAX: usize = 15;
pub const JUDGES_PER_ENTRY_MAX: u32 = 9;
/// A business plan PDF may be up to 20 MB.
pub const PLAN_MAX: usize = 20 * 1024 * 1024;
pub const SUMMARY_MAX: usize = 3000;
pub const COMMENT_MAX: usize = 2000;

code_enum!(
    /// Where a stage stands: taking submissions until its deadline, then judged (once the
    /// organizers release the assignment), then closed with its results.
    StageStatus {
        Open = "open" => StageOpen,
        Judging = "judging" => StageJudging,
        Closed = "closed" => StageClosed,
    }
);

/// A typical rubric (技术创新性 30 %, 市场前景 25 %, 团队 20 %, 商业模式 15 %, 社会效益 10 %; 10 points
/// each): the set-up form's starting point.
pub fn example_rubric() -> Vec<Criterion> {
    [
        ("技术创新性", "Technical innovation", 30),
        ("市场前景", "Market prospects", 25),
        ("团队", "Team", 20),
        ("商业模式", "Business model", 15),
        ("社会效益", "Social benefit", 10),
    ]
    .into_iter()
    .map(|(zh, en, weight)| Criterion { name_zh: zh.into(), name_en: Some(en.into()), weight, scale: 10 })
    .collect()
}

/// One criterion of the rubric: its weight (percent; all add up to 100) and its scale (0 to `scale`
/// points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub weight: u32,
    pub scale: u32,
}

/// A track (赛道), usually one per 5+X field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackInput {
    pub domain: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
}

/// An extra question the organizers ask with every submission of a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExtraField {
    pub label_zh: String,
    #[serde(default)]
    pub label_en: Option<String>,
    #[serde(default)]
    pub required: bool,
}

/// A stage (初赛, 复赛, 决赛…): submissions until the deadline; the best `advance` entries of each
/// track go on to the next stage (in the last stage: the number of prize winners per track).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageInput {
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub deadline: OffsetDateTime,
    pub advance: u32,
    #[serde(default)]
    pub fields: Vec<ExtraField>,
}

/// `POST /api/v1/competitions`, `PUT /api/v1/competitions/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompetitionInput {
    /// The organizer organization running it.
    pub org_id: i64,
    pub title_zh: String,
    #[serde(default)]
    pub title_en: Option<String>,
    pub description_zh: String,
    #[serde(default)]
    pub description_en: Option<String>,
    pub eligibility_zh: String,
    #[serde(default)]
    pub eligibility_en: Option<String>,
    pub tracks: Vec<TrackInput>,
    pub stages: Vec<StageInput>,
    pub rubric: Vec<Criterion>,
    pub judges_per_entry: u32,
}

fn bilingual(errs: &mut FieldErrors, field: &str, zh: &str, en: Option<&str>, max: usize) {
    errs.check(&format!("{field}_zh"), validate::required_text(zh, max));
    errs.check(&format!("{field}_en"), validate::optional_text(en, max * 2));
}

/// A one-line name in Chinese with an optional English one.
fn names_ok(zh: &str, en: Option<&str>, max: usize) -> bool {
    validate::required_line(zh, max).is_ok() && validate::optional_line(en, max * 2).is_ok()
}

impl CompetitionInput {
    /// Checks the shared rules; `now` refuses a first deadline already past (on creation).
    pub fn check(&self, now: Option<OffsetDateTime>) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("title_zh", validate::required_line(&self.title_zh, 120));
        errs.check("title_en", validate::optional_line(self.title_en.as_deref(), 240));
        bilingual(&mut errs, "description", &self.description_zh, self.description_en.as_deref(), 4000);
        bilingual(&mut errs, "eligibility", &self.eligibility_zh, self.eligibility_en.as_deref(), 2000);
        if self.tracks.is_empty() {
            errs.add("tracks", FieldError::Required);
        } else if self.tracks.len() > TRACKS_MAX {
            errs.add("tracks", FieldError::TooMany);
        }
        for t in &self.tracks {
            if !names_ok(&t.name_zh, t.name_en.as_deref(), 60) || t.domain.trim().is_empty() {
                errs.add("tracks", FieldError::Invalid);
            }
        }
        let mut domains: Vec<&str> = self.tracks.iter().map(|t| t.domain.trim()).collect();
        domains.sort_unstable();
        domains.dedup();
        if domains.len() != self.tracks.len() && errs.get("tracks").is_none() {
            errs.add("tracks", FieldError::Invalid);
        }
        if self.stages.is_empty() {
            errs.add("stages", FieldError::Required);
        } else if self.stages.len() > STAGES_MAX {
            errs.add("stages", FieldError::TooMany);
        }
        for s in &self.stages {
            let bad_field = s.fields.len() > FIELDS_MAX
                || s.fields.iter().any(|f| !names_ok(&f.label_zh, f.label_en.as_deref(), 60));
            if !names_ok(&s.name_zh, s.name_en.as_deref(), 30) || s.advance == 0 || s.advance > 1000 || bad_field {
                errs.add("stages", FieldError::Invalid);
            }
        }
        if let Some(e) = self.stages.iter().find_map(|s| validate::moment_in_range(s.deadline).err()) {
            errs.add("stages", e);
        } else if self.stages.windows(2).any(|w| w[1].deadline <= w[0].deadline) {
            errs.add("stages", FieldError::DatesOutOfOrder);
        }
        if let (Some(now), Some(first)) = (now, self.stages.first())
            && first.deadline <= now
        {
            errs.add("stages", FieldError::DateInPast);
        }
        if self.rubric.is_empty() {
            errs.add("rubric", FieldError::Required);
        } else if self.rubric.len() > CRITERIA_MAX {
            errs.add("rubric", FieldError::TooMany);
        } else if self
            .rubric
            .iter()
            .any(|c| !names_ok(&c.name_zh, c.name_en.as_deref(), 30) || c.weight == 0 || c.scale == 0 || c.scale > 100)
        {
            errs.add("rubric", FieldError::Invalid);
        } else if self.rubric.iter().map(|c| c.weight).sum::<u32>() != 100 {
            errs.add("rubric", FieldError::OutOfRange);
        }
        if self.judges_per_entry == 0 || self.judges_per_entry > JUDGES_PER_ENTRY_MAX {
            errs.add("judges_per_entry", FieldError::OutOfRange);
        }
        errs.into_result()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Track {
    pub id: i64,
    pub domain: String,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub teams: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub id: i64,
    /// 1 for the first stage.
    pub position: u32,
    pub name_zh: String,
    pub name_en: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub deadline: OffsetDateTime,
    pub advance: u32,
    pub fields: Vec<ExtraField>,
    pub status: StageStatus,
    /// Judges on the stage's panel.
    pub panel: u32,
    /// Whether judges were given their entries.
    pub released: bool,
}

/// A competition as listed and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Competition {
    pub id: i64,
    pub org: OrgRef,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub description_zh: String,
    pub description_en: Option<String>,
    pub eligibility_zh: String,
    pub eligibility_en: Option<String>,
    pub tracks: Vec<Track>,
    pub stages: Vec<Stage>,
    pub rubric: Vec<Criterion>,
    pub judges_per_entry: u32,
    pub teams: u32,
    /// The caller runs it (a member of the organizing organization, or a site admin).
    pub mine: bool,
    /// The public notice of the final results, once published.
    pub notice_id: Option<i64>,
    /// Public. A draft (seen only by those who run it) until a verified organization opens it.
    #[serde(default)]
    pub published: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
}

impl Competition {
    /// The stage taking submissions now, if any.
    pub fn current_stage(&self) -> Option<&Stage> {
        self.stages.iter().find(|s| s.status != StageStatus::Closed)
    }
}

/// `POST /api/v1/competitions/{id}/teams`: a team registers in a track. The caller leads it; members
/// are invited by email (platform users see the team and may submit for it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamInput {
    pub name: String,
    pub track_id: i64,
    /// The team's organization (one the leader belongs to), if any.
    #[serde(default)]
    pub org_id: Option<i64>,
    #[serde(default)]
    pub members: Vec<String>,
}

impl TeamInput {
    /// The members' emails, parsed and deduplicated, or what is wrong.
    pub fn check(&self) -> Result<Vec<validate::Email>, FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("name", validate::required_line(&self.name, 60));
        let mut emails: Vec<validate::Email> = vec![];
        for m in self.members.iter().filter(|m| !m.trim().is_empty()) {
            match validate::Email::parse(m) {
                Ok(e) if !emails.contains(&e) => emails.push(e),
                Ok(_) => {}
                Err(e) => errs.add("members", e),
            }
        }
        if emails.len() > MEMBERS_MAX {
            errs.add("members", FieldError::TooMany);
        }
        errs.into_result().map(|()| emails)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    pub email: String,
    /// The platform user with that email, once there is one.
    pub user_id: Option<i64>,
    pub name: Option<String>,
    pub leader: bool,
    /// Invited by the leader, or joined (having accepted). Only those who joined are on the team.
    #[serde(default = "TeamMemberStatus::joined")]
    pub status: TeamMemberStatus,
}

code_enum!(
    /// Whether a listed member accepted the leader's invitation.
    TeamMemberStatus {
        Invited = "invited" => TeamInvited,
        Joined = "joined" => TeamJoinedStatus,
    }
);

impl TeamMemberStatus {
    fn joined() -> Self {
        TeamMemberStatus::Joined
    }
}

/// `POST /api/v1/teams/{id}/members` (invite one more) and `POST /api/v1/teams/{id}/leader` (hand the
/// leadership to a member who joined): a person by email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamPerson {
    pub email: String,
}

/// One version of a team's submission to a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Submission {
    pub id: i64,
    pub stage_id: i64,
    pub version: u32,
    pub summary: String,
    pub video_url: Option<String>,
    /// Answers to the stage's extra fields, in their order.
    pub extras: Vec<String>,
    /// The business plan (PDF), if uploaded: its name and size.
    pub plan_name: Option<String>,
    pub plan_size: Option<u64>,
    pub submitted_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub submitted_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: i64,
    pub competition_id: i64,
    pub name: String,
    pub track_id: i64,
    pub org: Option<OrgRef>,
    pub members: Vec<TeamMember>,
    /// The last stage (position) the team takes part in.
    pub reached: u32,
    /// The latest version of each stage's submission.
    pub submissions: Vec<Submission>,
    /// The caller is on the team (joined).
    pub mine: bool,
    /// The caller was invited to the team and has not answered.
    #[serde(default)]
    pub invited: bool,
    /// The caller leads the team.
    #[serde(default)]
    pub leading: bool,
}

/// `PUT /api/v1/teams/{id}/stages/{stage}/submission`: a new version of the texts (the plan, if any,
/// is kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmissionInput {
    pub summary: String,
    #[serde(default)]
    pub video_url: Option<String>,
    #[serde(default)]
    pub extras: Vec<String>,
}

impl SubmissionInput {
    /// The input trimmed, checked against the stage's extra fields.
    pub fn check(&self, fields: &[ExtraField]) -> Result<SubmissionInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        let summary = errs.check("summary", validate::required_text(&self.summary, SUMMARY_MAX));
        let video = errs.check("video_url", validate::optional_url(self.video_url.as_deref()));
        let mut extras = vec![];
        for (i, f) in fields.iter().enumerate() {
            let v = self.extras.get(i).map(|s| s.trim()).unwrap_or("");
            if f.required && v.is_empty() {
                errs.add(format!("extras.{i}"), FieldError::Required);
            } else if v.chars().count() > 2000 {
                errs.add(format!("extras.{i}"), FieldError::TooLong);
            }
            extras.push(v.to_owned());
        }
        if self.extras.len() > fields.len() {
            errs.add("extras", FieldError::TooMany);
        }
        match (summary, video) {
            (Some(summary), Some(video_url)) if errs.is_empty() => Ok(SubmissionInput { summary, video_url, extras }),
            _ => Err(errs),
        }
    }
}

/// `PUT /api/v1/stages/{id}/panel`: the judges of a stage, by expert id (approved experts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelInput {
    pub experts: Vec<i64>,
}

/// A judge as organizers see them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeRef {
    pub user_id: i64,
    pub expert_id: i64,
    pub name: String,
    pub affiliation: String,
    /// Invited experts judge only once they accept.
    #[serde(default = "PanelStatus::accepted")]
    pub status: PanelStatus,
}

code_enum!(
    /// An expert's answer to the invitation to a stage's panel.
    PanelStatus {
        Invited = "invited" => PanelInvited,
        Accepted = "accepted" => PanelAccepted,
        Declined = "declined" => PanelDeclined,
    }
);

impl PanelStatus {
    fn accepted() -> Self {
        PanelStatus::Accepted
    }
}

/// An invitation to judge a stage, as the invited expert sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PanelInvitation {
    pub stage_id: i64,
    pub stage_name_zh: String,
    pub stage_name_en: Option<String>,
    pub competition_id: i64,
    pub title_zh: String,
    pub title_en: Option<String>,
    pub org: OrgRef,
    pub status: PanelStatus,
}

/// An entry of a stage with its judges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignedEntry {
    pub team_id: i64,
    pub team_name: String,
    pub track_id: i64,
    pub judges: Vec<i64>,
    /// Sum of the judges' expertise fit (0–100 each).
    pub fit: u32,
}

/// The stage's panel and assignment, for organizers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageAssignment {
    pub stage_id: i64,
    pub panel: Vec<JudgeRef>,
    pub entries: Vec<AssignedEntry>,
    pub released: bool,
    /// Expertise fit of the assignment and of first-come greedy on the same input (when computed).
    pub fit: u64,
    pub greedy_fit: Option<u64>,
    /// Entries each judge has.
    pub loads: Vec<(i64, u32)>,
}

/// `PUT /api/v1/stages/{id}/assignments/{team}`: the organizers change an entry's judges by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryJudges {
    pub judges: Vec<i64>,
}

/// A judge's score sheet for one entry: one value per criterion, with comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreInput {
    pub values: Vec<u32>,
    #[serde(default)]
    pub comments: Vec<String>,
    #[serde(default)]
    pub comment: String,
}

impl ScoreInput {
    /// Checks the values against the rubric.
    pub fn check(&self, rubric: &[Criterion]) -> Result<ScoreInput, FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.values.len() != rubric.len() {
            errs.add("values", FieldError::Invalid);
        }
        for (i, (v, c)) in self.values.iter().zip(rubric).enumerate() {
            if *v > c.scale {
                errs.add(format!("values.{i}"), FieldError::OutOfRange);
            }
        }
        if self.comments.len() > rubric.len() {
            errs.add("comments", FieldError::TooMany);
        }
        let mut comments: Vec<String> = self.comments.iter().map(|c| c.trim().to_owned()).collect();
        comments.resize(rubric.len(), String::new());
        if comments.iter().any(|c| c.chars().count() > COMMENT_MAX) {
            errs.add("comments", FieldError::TooLong);
        }
        if self.comment.trim().chars().count() > COMMENT_MAX {
            errs.add("comment", FieldError::TooLong);
        }
        errs.into_result().map(|()| ScoreInput {
            values: self.values.clone(),
            comments,
            comment: self.comment.trim().to_owned(),
        })
    }
}

/// The weighted total of a score sheet, 0–100: each criterion's share of its scale times its weight.
pub fn weighted_total(rubric: &[Criterion], values: &[u32]) -> f64 {
    rubric.iter().zip(values).map(|(c, v)| f64::from(c.weight) * f64::from(*v) / f64::from(c.scale)).sum()
}

/// An entry a judge is to score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgingEntry {
    pub stage_id: i64,
    pub competition_id: i64,
    pub competition_title_zh: String,
    pub competition_title_en: Option<String>,
    pub stage_name_zh: String,
    pub stage_name_en: Option<String>,
    pub stage_status: StageStatus,
    pub team_id: i64,
    pub team_name: String,
    pub track_zh: String,
    pub track_en: Option<String>,
    pub rubric: Vec<Criterion>,
    pub fields: Vec<ExtraField>,
    /// The latest submission (in the detail view).
    pub submission: Option<Submission>,
    /// The judge's own sheet, once scored.
    pub score: Option<ScoreInput>,
}

/// One judge's score of an entry in the results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JudgeScore {
    pub judge: String,
    pub raw: f64,
    pub normalised: f64,
}

/// An entry's result in a stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryResult {
    pub team_id: i64,
    pub team_name: String,
    pub track_id: i64,
    /// Rank within the track, 1 first.
    pub rank: u32,
    /// Mean of the judges' weighted totals.
    pub raw: f64,
    /// Mean of the judges' totals after per-judge normalisation.
    pub normalised: f64,
    pub scores: Vec<JudgeScore>,
    /// Sheets still missing.
    pub missing: u32,
    pub advances: bool,
}

/// `GET /api/v1/stages/{id}/results`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageResults {
    pub stage_id: i64,
    pub status: StageStatus,
    pub entries: Vec<EntryResult>,
    /// Sheets handed in and expected.
    pub scored: u32,
    pub expected: u32,
}

/// `POST /api/v1/competitions/{id}/publish`: the final results go out as a public notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishResults {
    pub rationale: String,
}

/// A line of the competition's audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub action: String,
    pub user: Option<String>,
    pub detail: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
}

/// A printable certificate for a team placed in the final results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    pub competition_title_zh: String,
    pub competition_title_en: Option<String>,
    pub organizer: OrgRef,
    pub team_name: String,
    pub members: Vec<String>,
    pub track_zh: String,
    pub track_en: Option<String>,
    pub rank: u32,
    pub notice_id: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub issued_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn input() -> CompetitionInput {
        let stage = |name: &str, deadline| StageInput {
            name_zh: name.into(),
            name_en: None,
            deadline,
            advance: 3,
            fields: vec![],
        };
        let c = |name: &str, weight| Criterion { name_zh: name.into(), name_en: None, weight, scale: 10 };
        CompetitionInput {
            org_id: 1,
            title_zh: "未来产业创新创业大赛".into(),
            title_en: None,
            description_zh: "说明".into(),
            description_en: None,
            eligibility_zh: "杭州注册企业".into(),
            eligibility_en: None,
            tracks: vec![TrackInput { domain: "ai".into(), name_zh: "人工智能".into(), name_en: None }],
            stages: vec![stage("初赛", datetime!(2027-03-01 0:00 UTC)), stage("决赛", datetime!(2027-05-01 0:00 UTC))],
            rubric: vec![c("技术创新性", 30), c("市场前景", 25), c("团队", 20), c("商业模式", 15), c("社会效益", 10)],
            judges_per_entry: 3,
        }
    }

    #[test]
    fn a_rubric_whose_weights_do_not_add_up_to_100_is_refused() {
        let mut i = input();
        assert!(i.check(Some(datetime!(2027-01-01 0:00 UTC))).is_ok());
        i.rubric[0].weight = 35;
        assert_eq!(i.check(None).unwrap_err().get("rubric"), Some(FieldError::OutOfRange));
    }

    #[test]
    fn stages_must_follow_each_other_and_start_in_the_future() {
        let mut i = input();
        i.stages.swap(0, 1);
        assert_eq!(i.check(None).unwrap_err().get("stages"), Some(FieldError::DatesOutOfOrder));
        let i = input();
        assert_eq!(
            i.check(Some(datetime!(2027-04-01 0:00 UTC))).unwrap_err().get("stages"),
            Some(FieldError::DateInPast)
        );
    }

    #[test]
    fn two_tracks_in_one_field_are_refused() {
        let mut i = input();
        i.tracks.push(i.tracks[0].clone());
        assert_eq!(i.check(None).unwrap_err().get("tracks"), Some(FieldError::Invalid));
    }

    #[test]
    fn weighted_total_scales_each_criterion_to_its_weight() {
        let rubric = input().rubric;
        assert!((weighted_total(&rubric, &[10, 10, 10, 10, 10]) - 100.0).abs() < 1e-9);
        // 30·0.5 + 25·1 + 0 + 15·0.2 + 10·1 = 53
        assert!((weighted_total(&rubric, &[5, 10, 0, 2, 10]) - 53.0).abs() < 1e-9);
    }

    #[test]
    fn a_score_above_the_scale_is_refused() {
        let rubric = input().rubric;
        let s = ScoreInput { values: vec![11, 1, 1, 1, 1], comments: vec![], comment: String::new() };
        assert_eq!(s.check(&rubric).unwrap_err().get("values.0"), Some(FieldError::OutOfRange));
        let s = ScoreInput { values: vec![1, 1, 1], comments: vec![], comment: String::new() };
        assert_eq!(s.check(&rubric).unwrap_err().get("values"), Some(FieldError::Invalid));
    }

    #[test]
    fn submissions_answer_the_required_extra_fields() {
        let fields = vec![ExtraField { label_zh: "融资需求".into(), label_en: None, required: true }];
        let s = SubmissionInput { summary: "项目".into(), video_url: None, extras: vec![] };
        assert_eq!(s.check(&fields).unwrap_err().get("extras.0"), Some(FieldError::Required));
        let s = SubmissionInput { summary: " 项目 ".into(), video_url: None, extras: vec!["500万".into()] };
        assert_eq!(s.check(&fields).unwrap().summary, "项目");
    }
}
