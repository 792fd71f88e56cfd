//! Registering: the form, registrations and their undo, registration questions and answers, the organizers' registrant table and bulk decisions.

use super::*;

/// `POST /api/v1/events/{id}/registrations`: oneself, or a group of named people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationInput {
    pub ticket_type: i64,
    /// Names of the people attending (at least one: the registrant), at most [`GROUP_MAX`].
    pub people: Vec<String>,
    /// The registrant's organization they come for, if any (one they belong to).
    #[serde(default)]
    pub org_id: Option<i64>,
    /// Answers to the event's questions for this ticket type.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// The invitation code, for an invitation-only event.
    #[serde(default)]
    pub invitation_code: Option<String>,
}

impl RegistrationInput {
    pub fn check(&self) -> Result<Vec<String>, FieldErrors> {
        let mut errs = FieldErrors::new();
        let people: Vec<String> = self.people.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        if people.is_empty() {
            errs.add("people", FieldError::Required);
        } else if people.len() > GROUP_MAX {
            errs.add("people", FieldError::TooMany);
        } else if people.iter().any(|p| p.chars().count() > 60) {
            errs.add("people", FieldError::TooLong);
        } else if let Err(e) = validate::lines_clean(&people) {
            errs.add("people", e);
        }
        if errs.is_empty() { Ok(people) } else { Err(errs) }
    }
}

/// A registration as its registrant and the organizers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub ticket_type: i64,
    pub user_name: String,
    /// The organization registered for, if any.
    pub org_name: Option<String>,
    pub people: Vec<String>,
    /// The answers given (to the registrant and the organizers).
    #[serde(default)]
    pub answers: Vec<Answer>,
    pub status: RegistrationStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub offer_expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// A cancellation that may still be undone: what it returns to, and until when (while its
    /// seats have not been offered to the waiting list).
    #[serde(default)]
    pub undo: Option<CancelUndo>,
}

/// How long a cancelled registration may be taken back, unless its seats are offered first.
pub const UNDO_MINUTES: u32 = 30;

/// `Registration.undo`: undoing the cancellation returns the registration to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CancelUndo {
    pub to: RegistrationStatus,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub until: OffsetDateTime,
}

code_enum!(
    /// A co-organizer's role on one event: managers run it like its organizers; check-in staff
    /// only scan tickets.
    StaffRole {
        Manager = "manager" => StaffManager,
        Checkin = "checkin" => StaffCheckin,
    }
);

impl QuestionKind {
    pub fn has_options(self) -> bool {
        matches!(self, QuestionKind::Single | QuestionKind::Multiple)
    }
}

/// Most questions one event asks.
pub const QUESTIONS_MAX: usize = 30;

/// `POST /api/v1/events/{id}/questions`: a question asked at registration, in zh (and en).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionInput {
    pub label_zh: String,
    #[serde(default)]
    pub label_en: Option<String>,
    pub kind: QuestionKind,
    #[serde(default)]
    pub required: bool,
    /// The choices of a single or multiple choice question, in zh…
    #[serde(default)]
    pub options_zh: Vec<String>,
    /// …and, optionally, in en (as many, in the same order).
    #[serde(default)]
    pub options_en: Vec<String>,
    /// Asked only for these ticket types; every ticket type when empty.
    #[serde(default)]
    pub ticket_types: Vec<i64>,
}

impl QuestionInput {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        errs.check("label_zh", validate::required_line(&self.label_zh, 200));
        errs.check("label_en", validate::optional_line(self.label_en.as_deref(), 300));
        let trimmed = |v: &[String]| v.iter().map(|o| o.trim()).filter(|o| !o.is_empty()).count();
        if self.kind.has_options() {
            let n = trimmed(&self.options_zh);
            if n < 2 {
                errs.add("options_zh", FieldError::Required);
            } else if n > 20 || n != self.options_zh.len() {
                errs.add("options_zh", FieldError::Invalid);
            } else if self.options_zh.iter().any(|o| o.chars().count() > 100) {
                errs.add("options_zh", FieldError::TooLong);
            } else if let Err(e) = validate::lines_clean(&self.options_zh) {
                errs.add("options_zh", e);
            }
            if let Err(e) = validate::lines_clean(&self.options_en) {
                errs.add("options_en", e);
            }
            if !self.options_en.is_empty() && self.options_en.len() != self.options_zh.len() {
                errs.add("options_en", FieldError::Invalid);
            }
        } else if !self.options_zh.is_empty() || !self.options_en.is_empty() {
            errs.add("options_zh", FieldError::Invalid);
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// A registration question as the form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: i64,
    pub label_zh: String,
    pub label_en: Option<String>,
    pub kind: QuestionKind,
    pub required: bool,
    pub options_zh: Vec<String>,
    pub options_en: Vec<String>,
    pub ticket_types: Vec<i64>,
}

impl Question {
    /// Whether the question is asked of registrations for `ticket_type`.
    pub fn asks(&self, ticket_type: i64) -> bool {
        self.ticket_types.is_empty() || self.ticket_types.contains(&ticket_type)
    }

    /// A stored answer in words: choices by their labels, yes/no in `locale`.
    pub fn answer_text(&self, value: &str, locale: crate::Locale) -> String {
        match self.kind {
            QuestionKind::Single | QuestionKind::Multiple => value
                .split(',')
                .filter_map(|i| i.parse::<usize>().ok())
                .filter_map(|i| {
                    let en = self.options_en.get(i).filter(|e| !e.is_empty() && locale == crate::Locale::En);
                    en.or(self.options_zh.get(i)).cloned()
                })
                .collect::<Vec<_>>()
                .join("、"),
            QuestionKind::YesNo => match value {
                "yes" => crate::Msg::Yes.t(locale).to_owned(),
                "no" => crate::Msg::No.t(locale).to_owned(),
                other => other.to_owned(),
            },
            _ => value.to_owned(),
        }
    }
}

/// One answer: the question and its value — text, a number, `YYYY-MM-DD`, `yes`/`no`, or the
/// chosen options' positions (`0`, or `0,2` for several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    pub question: i64,
    pub value: String,
}

/// Checks the answers given for a registration of `ticket_type` against the questions: each
/// required question asked of that type answered, every value of its kind, no answer to a question
/// not asked. The answers to store (normalised: trimmed, choices in order) or the field errors
/// (`answers.<question id>`).
pub fn check_answers(questions: &[Question], ticket_type: i64, answers: &[Answer]) -> Result<Vec<Answer>, FieldErrors> {
    let mut errs = FieldErrors::new();
    if answers.iter().any(|a| !questions.iter().any(|q| q.id == a.question && q.asks(ticket_type))) {
        errs.add("answers", FieldError::Invalid);
    }
    let mut out = vec![];
    for q in questions.iter().filter(|q| q.asks(ticket_type)) {
        let field = format!("answers.{}", q.id);
        let value = answers.iter().find(|a| a.question == q.id).map_or("", |a| a.value.trim());
        if value.is_empty() {
            if q.required {
                errs.add(&field, FieldError::Required);
            }
            continue;
        }
        let normalised = match q.kind {
            QuestionKind::Text => validate::required_line(value, 200),
            QuestionKind::LongText => validate::required_text(value, 2000),
            QuestionKind::Number => {
                value.parse::<f64>().ok().filter(|n| n.is_finite()).map(|_| value.to_owned()).ok_or(FieldError::Invalid)
            }
            QuestionKind::Date => {
                let format = time::macros::format_description!("[year]-[month]-[day]");
                time::Date::parse(value, &format).map(|_| value.to_owned()).map_err(|_| FieldError::Invalid)
            }
            QuestionKind::YesNo => match value {
                "yes" | "no" => Ok(value.to_owned()),
                _ => Err(FieldError::Invalid),
            },
            QuestionKind::Single | QuestionKind::Multiple => {
                let picked: Option<Vec<usize>> = value.split(',').map(|i| i.trim().parse::<usize>().ok()).collect();
                match picked {
                    Some(mut p) if p.iter().all(|i| *i < q.options_zh.len()) => {
                        p.sort_unstable();
                        p.dedup();
                        if q.kind == QuestionKind::Single && p.len() != 1 {
                            Err(FieldError::Invalid)
                        } else {
                            Ok(p.iter().map(usize::to_string).collect::<Vec<_>>().join(","))
                        }
                    }
                    _ => Err(FieldError::Invalid),
                }
            }
        };
        match normalised {
            Ok(value) => out.push(Answer { question: q.id, value }),
            Err(e) => errs.add(&field, e),
        }
    }
    if errs.is_empty() { Ok(out) } else { Err(errs) }
}

/// `GET /api/v1/events/{id}/registrants`: the organizers' table, searched, filtered, sorted, paged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RegistrantQuery {
    /// Words in the registrant's name or email, an attendee's name, or the organization.
    pub q: Option<String>,
    pub status: Option<RegistrationStatus>,
    pub ticket_type: Option<i64>,
    pub sort: Option<RegistrantSort>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// One row of the organizers' registrant table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registrant {
    pub id: i64,
    pub user_name: String,
    pub email: String,
    pub org_name: Option<String>,
    pub people: Vec<String>,
    pub ticket_type: i64,
    pub ticket_zh: String,
    pub ticket_en: Option<String>,
    pub status: RegistrationStatus,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    /// People of the group checked in.
    pub checked_in: u32,
}

code_enum!(
    /// What the organizers do to several registrations at once.
    BulkAction {
        Approve = "approve" => BulkApprove,
        Reject = "reject" => BulkReject,
    }
);

/// `POST /api/v1/events/{id}/registrations/bulk`: all of them or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkRequest {
    pub ids: Vec<i64>,
    pub action: BulkAction,
}

/// Registrations one bulk request may change.
pub const BULK_MAX: usize = 500;

impl BulkRequest {
    pub fn check(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.ids.is_empty() {
            errs.add("ids", FieldError::TooFew);
        } else if self.ids.len() > BULK_MAX {
            errs.add("ids", FieldError::TooMany);
        }
        errs.into_result()
    }
}

/// `GET /api/v1/events/{id}/registrations.csv?ids=3,5,8`: only the registrations selected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExportSelection {
    /// Registration ids, comma-separated; every registration when absent.
    pub ids: Option<String>,
}

impl ExportSelection {
    /// The ids named (unreadable parts are an error, so a mistyped link exports nothing silently).
    pub fn ids(&self) -> Result<Option<Vec<i64>>, FieldErrors> {
        let Some(text) = self.ids.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
        let ids: Result<Vec<i64>, _> = text.split(',').map(|p| p.trim().parse::<i64>()).collect();
        let mut errs = FieldErrors::new();
        match ids {
            Ok(ids) if ids.len() <= BULK_MAX => return Ok(Some(ids)),
            Ok(_) => errs.add("ids", FieldError::TooMany),
            Err(_) => errs.add("ids", FieldError::Invalid),
        }
        Err(errs)
    }
}
