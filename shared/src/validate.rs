//! Validation rules, shared so the browser shows the same message before submitting.
//!
//! Parse, don't validate: each newtype's `parse` is the only way to build it, so code that
//! holds an `Email` or a `Password` can trust it.
//!
//! This file is long because its unit tests (153 lines) sit beside the newtypes they check.

use crate::i18n::Msg;

/// Why one field was refused. Rendered through the catalogue in the caller's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    Required,
    EmailInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
    PasswordWrong,
    TooLong,
    UnknownTerm,
    NotForKind,
    UrlInvalid,
    YearInvalid,
    PhoneInvalid,
    CodeInvalid,
    TooMany,
    /// The value has the wrong type or shape.
    Invalid,
    DateInPast,
    TooFew,
    RangeInverted,
    OutOfRange,
    DatesOutOfOrder,
    /// Control characters (NUL, line breaks in a one-line field…) or text-direction overrides.
    ControlChars,
    /// A date before [`DATE_MIN`] or after [`DATE_MAX`].
    DateOutOfRange,
    /// A fund smaller than the largest ticket it writes.
    FundBelowTicket,
    /// A code outside the values the field takes (they are listed with the message).
    NotOneOf,
    /// A field the request does not have (a misspelling, or a field of another kind).
    UnknownField,
    ExpectedInteger,
    ExpectedNumber,
    ExpectedText,
    ExpectedBoolean,
    ExpectedList,
    ExpectedObject,
    /// Not a valid 统一社会信用代码 (18 characters with its check character).
    CreditCodeInvalid,
    /// Another organization holds this 统一社会信用代码.
    CreditCodeTaken,
    /// A spreadsheet cell that would run as a formula (`=`, `+`, `-`, `@` first) or holds one.
    FormulaRefused,
    ExpectedDate,
    /// The organization is not verified, so its postings can only be drafts.
    OrgNotVerified,
    /// A row names an organization other than the one imported into.
    OtherOrg,
}

impl FieldError {
    pub fn msg(self) -> Msg {
        match self {
            FieldError::Required => Msg::FieldRequired,
            FieldError::EmailInvalid => Msg::FieldEmailInvalid,
            FieldError::PasswordTooShort => Msg::FieldPasswordTooShort,
            FieldError::PasswordTooLong => Msg::FieldPasswordTooLong,
            FieldError::PasswordCommon => Msg::FieldPasswordCommon,
            FieldError::PasswordWrong => Msg::FieldPasswordWrong,
            FieldError::TooLong => Msg::FieldTooLong,
            FieldError::UnknownTerm => Msg::FieldUnknownTerm,
            FieldError::NotForKind => Msg::FieldNotForKind,
            FieldError::UrlInvalid => Msg::FieldUrlInvalid,
            FieldError::YearInvalid => Msg::FieldYearInvalid,
            FieldError::PhoneInvalid => Msg::FieldPhoneInvalid,
            FieldError::CodeInvalid => Msg::FieldCodeInvalid,
            FieldError::TooMany => Msg::FieldTooMany,
            FieldError::Invalid => Msg::FieldInvalid,
            FieldError::DateInPast => Msg::FieldDateInPast,
            FieldError::TooFew => Msg::FieldTooFew,
            FieldError::RangeInverted => Msg::FieldRangeInverted,
            FieldError::OutOfRange => Msg::FieldOutOfRange,
            FieldError::DatesOutOfOrder => Msg::FieldDatesOutOfOrder,
            FieldError::ControlChars => Msg::FieldControlChars,
            FieldError::DateOutOfRange => Msg::FieldDateOutOfRange,
            FieldError::FundBelowTicket => Msg::FieldFundBelowTicket,
            FieldError::NotOneOf => Msg::FieldNotOneOf,
            FieldError::UnknownField => Msg::FieldUnknownField,
            FieldError::ExpectedInteger => Msg::FieldExpectedInteger,
            FieldError::ExpectedNumber => Msg::FieldExpectedNumber,
            FieldError::ExpectedText => Msg::FieldExpectedText,
            FieldError::ExpectedBoolean => Msg::FieldExpectedBoolean,
            FieldError::ExpectedList => Msg::FieldExpectedList,
            FieldError::ExpectedObject => Msg::FieldExpectedObject,
            FieldError::CreditCodeInvalid => Msg::FieldCreditCodeInvalid,
            FieldError::CreditCodeTaken => Msg::FieldCreditCodeTaken,
            FieldError::FormulaRefused => Msg::FieldFormulaRefused,
            FieldError::ExpectedDate => Msg::FieldExpectedDate,
            FieldError::OrgNotVerified => Msg::FieldOrgNotVerified,
            FieldError::OtherOrg => Msg::FieldOtherOrg,
        }
    }
}

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const DISPLAY_NAME_MAX_CHARS: usize = 60;
pub const ORG_NAME_MAX_CHARS: usize = 120;
pub const DESCRIPTION_MAX_CHARS: usize = 5000;
pub const URL_MAX_CHARS: usize = 300;
pub const MAX_DOMAINS: usize = 5;
pub const MAX_TIERS: usize = 10;

/// Passwords at least 10 characters long that are too common to allow. Lowercased.
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// An email address, trimmed and lowercased: emails are case-insensitive and unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, FieldError> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldError::Required);
        }
        if s.chars().count() > EMAIL_MAX_CHARS {
            return Err(FieldError::TooLong);
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err(FieldError::EmailInvalid);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.chars().any(|c| c.is_whitespace() || c == '@' || c.is_control());
        if domain_ok && local_ok { Ok(Email(s)) } else { Err(FieldError::EmailInvalid) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy: 10–128 characters, not in the common list,
/// not one repeated character.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub fn parse(raw: &str) -> Result<Password, FieldError> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(FieldError::Required);
        }
        if n < PASSWORD_MIN_CHARS {
            return Err(FieldError::PasswordTooShort);
        }
        if n > PASSWORD_MAX_CHARS {
            return Err(FieldError::PasswordTooLong);
        }
        let lower = raw.to_lowercase();
        let first = lower.chars().next();
        let one_char_repeated = lower.chars().all(|c| Some(c) == first);
        if one_char_repeated || COMMON_PASSWORDS.lines().any(|l| l.trim() == lower) {
            return Err(FieldError::PasswordCommon);
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Refuses control characters and direction overrides in every line of `lines` (names in a list).
pub fn lines_clean(lines: &[String]) -> Result<(), FieldError> {
    lines.iter().try_for_each(|l| clean(l.trim(), true))
}

/// `true`, for serde defaults of switches that are on unless turned off.
pub fn yes() -> bool {
    true
}

/// Characters no text field accepts: C0 and C1 controls other than tab and line breaks, DEL,
/// and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
/// make `invoice\u{202e}fdp.exe` read as `invoiceexe.pdf`.
pub(crate) fn forbidden(c: char, one_line: bool) -> bool {
    match c {
        '\t' | '\n' | '\r' => one_line,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

/// `s` with neither control characters nor direction overrides (nor, when `one_line`, tabs and
/// line breaks).
fn clean(s: &str, one_line: bool) -> Result<(), FieldError> {
    if s.chars().any(|c| forbidden(c, one_line)) { Err(FieldError::ControlChars) } else { Ok(()) }
}

fn bounded(raw: &str, max: usize, one_line: bool) -> Result<Option<String>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    clean(s, one_line)?;
    if s.chars().count() > max { Err(FieldError::TooLong) } else { Ok(Some(s.to_owned())) }
}

/// Trimmed, non-empty text of at most `max` characters; line breaks and tabs allowed (a
/// description, a message), other control characters and direction overrides not.
pub fn required_text(raw: &str, max: usize) -> Result<String, FieldError> {
    bounded(raw, max, false)?.ok_or(FieldError::Required)
}

/// Trimmed optional multi-line text: blank becomes `None`.
pub fn optional_text(raw: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    raw.map_or(Ok(None), |r| bounded(r, max, false))
}

/// A trimmed, non-empty single line (a name, a title, a label) of at most `max` characters: no
/// control characters at all, no direction overrides.
pub fn required_line(raw: &str, max: usize) -> Result<String, FieldError> {
    bounded(raw, max, true)?.ok_or(FieldError::Required)
}

/// An optional single line: blank becomes `None`.
pub fn optional_line(raw: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    raw.map_or(Ok(None), |r| bounded(r, max, true))
}

/// The earliest date a request may name (past figures of the dashboard, deadlines, …).
pub const DATE_MIN: time::Date = time::macros::date!(2000 - 01 - 01);
/// The latest date a request may name: far enough for any plan, near enough that date arithmetic
/// on it (a week later, a few working days later) can never leave the calendar.
pub const DATE_MAX: time::Date = time::macros::date!(2099 - 12 - 31);

/// `d` when it lies within [`DATE_MIN`]..=[`DATE_MAX`].
pub fn date_in_range(d: time::Date) -> Result<time::Date, FieldError> {
    if (DATE_MIN..=DATE_MAX).contains(&d) { Ok(d) } else { Err(FieldError::DateOutOfRange) }
}

/// A moment whose date (in China time, where the platform's days are counted) lies within
/// [`DATE_MIN`]..=[`DATE_MAX`].
pub fn moment_in_range(t: time::OffsetDateTime) -> Result<time::OffsetDateTime, FieldError> {
    let day = t.checked_to_offset(crate::CHINA).map_or(t.date(), |t| t.date());
    date_in_range(day).map(|_| t)
}

pub fn display_name(raw: &str) -> Result<String, FieldError> {
    required_line(raw, DISPLAY_NAME_MAX_CHARS)
}

/// An optional http(s) URL.
pub fn optional_url(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(s) = optional_line(raw, URL_MAX_CHARS)? else {
        return Ok(None);
    };
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if host.split('/').next().is_some_and(|h| h.contains('.') && !h.contains(' ')) => Ok(Some(s)),
        _ => Err(FieldError::UrlInvalid),
    }
}

/// The characters of a 统一社会信用代码 (GB 32100-2015), in the order that gives their values.
const CREDIT_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// An optional 统一社会信用代码: 18 characters of [`CREDIT_CHARS`] (upper-cased, spaces dropped)
/// whose last is the check character of the first 17 (GB 32100-2015).
pub fn optional_credit_code(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let code: String = match raw {
        None => return Ok(None),
        Some(s) => s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase).collect(),
    };
    if code.is_empty() {
        return Ok(None);
    }
    match code.char_indices().nth(17) {
        Some((at, last)) if code.chars().count() == 18 && credit_check_char(&code[..at]) == Some(last) => {
            Ok(Some(code))
        }
        _ => Err(FieldError::CreditCodeInvalid),
    }
}

/// The check character of the first 17 characters of a 统一社会信用代码, when they are valid ones.
pub fn credit_check_char(first17: &str) -> Option<char> {
    const WEIGHTS: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    let values: Option<Vec<usize>> = first17.chars().map(|c| CREDIT_CHARS.find(c)).collect();
    let values = values.filter(|v| v.len() == 17)?;
    let sum: usize = values.iter().zip(WEIGHTS).map(|(a, w)| a * w).sum();
    CREDIT_CHARS.chars().nth((31 - sum % 31) % 31)
}

/// An optional phone number: digits with the usual separators, 5–20 digits.
pub fn optional_phone(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(s) = optional_line(raw, 30)? else {
        return Ok(None);
    };
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if allowed && (5..=20).contains(&digits) { Ok(Some(s)) } else { Err(FieldError::PhoneInvalid) }
}

pub fn optional_email(raw: Option<&str>) -> Result<Option<Email>, FieldError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => Email::parse(s).map(Some),
    }
}

/// An optional founding year between 1900 and `current_year`.
pub fn optional_year(year: Option<i32>, current_year: i32) -> Result<Option<i32>, FieldError> {
    match year {
        None => Ok(None),
        Some(y) if (1900..=current_year).contains(&y) => Ok(Some(y)),
        Some(_) => Err(FieldError::YearInvalid),
    }
}

/// A taxonomy code: 1–40 of `a-z 0-9 _`, starting with a letter.
pub fn term_code(raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(FieldError::Required);
    }
    let ok = s.len() <= 40
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok { Ok(s.to_owned()) } else { Err(FieldError::CodeInvalid) }
}

/// A de-duplicated list of at most `max` codes, order kept.
pub fn code_list(raw: &[String], max: usize) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for c in raw {
        let c = c.trim();
        clean(c, true)?;
        if !c.is_empty() && !out.iter().any(|o| o == c) {
            out.push(c.to_owned());
        }
    }
    if out.len() > max { Err(FieldError::TooMany) } else { Ok(out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credit_code_is_accepted_only_with_its_check_character() {
        for real in ["9144030071526726XG", "91330100799655058B", "91110108551385082q", " 9111 0108 5513 8508 2Q "] {
            assert_eq!(optional_credit_code(Some(real)).unwrap().map(|c| c.len()), Some(18), "{real}");
        }
        assert_eq!(optional_credit_code(Some("91110108551385082Q")), Ok(Some("91110108551385082Q".into())));
        for wrong in ["91110108551385082R", "9111010855138508", "91110108551385082QQ", "9111010855138508IQ"] {
            assert_eq!(optional_credit_code(Some(wrong)), Err(FieldError::CreditCodeInvalid), "{wrong}");
        }
        assert_eq!(optional_credit_code(Some("  ")), Ok(None));
        assert_eq!(credit_check_char("91110108551385082"), Some('Q'));
    }

    #[test]
    fn one_line_fields_refuse_control_characters_and_direction_overrides() {
        for bad in [
            "发票\u{202e}fdp.exe",
            "a\0b",
            "标题\n第二行",
            "a\rBEGIN:VALARM",
            "tab\there",
            "\u{2066}x",
            "del\u{7f}",
            "c1\u{85}x",
        ] {
            assert_eq!(required_line(bad, 100), Err(FieldError::ControlChars), "{bad:?}");
            assert_eq!(optional_line(Some(bad), 100), Err(FieldError::ControlChars), "{bad:?}");
        }
        assert_eq!(
            required_line("  之江实验室 ", 5),
            Ok("之江实验室".into()),
            "trailing space is trimmed, not refused"
        );
        assert_eq!(required_line("Left\u{200e}mark", 20), Ok("Left\u{200e}mark".into()), "LRM is not an override");
    }

    #[test]
    fn multi_line_fields_keep_line_breaks_and_tabs_but_refuse_other_controls() {
        assert_eq!(required_text("第一行\r\n第二行\t完", 100), Ok("第一行\r\n第二行\t完".into()));
        for bad in ["a\0b", "说明\u{202e}txt", "bell\u{7}"] {
            assert_eq!(required_text(bad, 100), Err(FieldError::ControlChars), "{bad:?}");
        }
    }

    #[test]
    fn dates_outside_2000_to_2099_are_refused() {
        use time::macros::{date, datetime};
        assert_eq!(date_in_range(date!(2026 - 12 - 04)), Ok(date!(2026 - 12 - 04)));
        assert_eq!(date_in_range(DATE_MIN), Ok(DATE_MIN));
        assert_eq!(date_in_range(DATE_MAX), Ok(DATE_MAX));
        for bad in [date!(1999 - 12 - 31), date!(2100 - 01 - 01), date!(9999 - 12 - 31), date!(0000 - 01 - 01)] {
            assert_eq!(date_in_range(bad), Err(FieldError::DateOutOfRange), "{bad}");
        }
        // 2099-12-31 16:00 UTC is already 2100 in Hangzhou.
        assert_eq!(moment_in_range(datetime!(2099-12-31 16:00 UTC)), Err(FieldError::DateOutOfRange));
        assert!(moment_in_range(datetime!(2099-12-31 15:59 UTC)).is_ok());
        assert_eq!(moment_in_range(datetime!(9999-12-31 23:59:59 UTC)), Err(FieldError::DateOutOfRange));
    }

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(Email::parse("  Li.Lei@Example.COM ").unwrap().as_str(), "li.lei@example.com");
    }

    #[test]
    fn email_without_at_or_dot_in_domain_is_refused() {
        for bad in ["lilei", "lilei@", "@example.com", "li lei@example.com", "a@b", "a@.b.com", "a@b..com"] {
            assert_eq!(Email::parse(bad), Err(FieldError::EmailInvalid), "{bad}");
        }
        assert_eq!(Email::parse("   "), Err(FieldError::Required));
    }

    #[test]
    fn password_shorter_than_ten_characters_is_refused() {
        assert_eq!(Password::parse("abc123XYZ").unwrap_err(), FieldError::PasswordTooShort);
        assert!(Password::parse("abc123XYZ!").is_ok());
        // characters, not bytes: ten Chinese characters are ten characters
        assert!(Password::parse("未来产业对接平台好用").is_ok());
        assert_eq!(Password::parse("未来产业对接平台").unwrap_err(), FieldError::PasswordTooShort);
    }

    #[test]
    fn common_or_repetitive_passwords_are_refused_case_insensitively() {
        assert_eq!(Password::parse("Password123").unwrap_err(), FieldError::PasswordCommon);
        assert_eq!(Password::parse("1234567890").unwrap_err(), FieldError::PasswordCommon);
        assert_eq!(Password::parse("QWERTYUIOP").unwrap_err(), FieldError::PasswordCommon);
        assert_eq!(Password::parse("zzzzzzzzzzzz").unwrap_err(), FieldError::PasswordCommon);
    }

    #[test]
    fn password_debug_output_hides_the_secret() {
        let p = Password::parse("a-strong-pass-phrase").unwrap();
        assert!(!format!("{p:?}").contains("strong"));
    }

    #[test]
    fn common_password_list_only_holds_lowercase_entries_long_enough_to_matter() {
        for line in COMMON_PASSWORDS.lines().filter(|l| !l.trim().is_empty()) {
            assert_eq!(line, line.to_lowercase(), "entry not lowercase: {line}");
            assert!(line.chars().count() >= PASSWORD_MIN_CHARS, "entry too short to matter: {line}");
        }
    }

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        assert_eq!(optional_url(Some("https://zhejianglab.org")), Ok(Some("https://zhejianglab.org".into())));
        assert_eq!(optional_url(Some("")), Ok(None));
        assert_eq!(optional_url(Some("zhejianglab.org")), Err(FieldError::UrlInvalid));
        assert_eq!(optional_url(Some("javascript:alert(1)")), Err(FieldError::UrlInvalid));
    }

    #[test]
    fn phone_numbers_allow_separators_but_not_letters() {
        assert!(optional_phone(Some("0571-8888 6666")).unwrap().is_some());
        assert!(optional_phone(Some("+86 138 0000 0000")).unwrap().is_some());
        assert_eq!(optional_phone(Some("call me")), Err(FieldError::PhoneInvalid));
        assert_eq!(optional_phone(Some("123")), Err(FieldError::PhoneInvalid));
    }

    #[test]
    fn text_is_trimmed_and_bounded_in_characters() {
        assert_eq!(required_text("  之江实验室 ", 5), Ok("之江实验室".into()));
        assert_eq!(required_text("之江实验室!", 5), Err(FieldError::TooLong));
        assert_eq!(required_text("   ", 5), Err(FieldError::Required));
        assert_eq!(optional_text(Some("  "), 5), Ok(None));
    }

    #[test]
    fn term_codes_are_lowercase_snake_case() {
        assert!(term_code("quantum_tech").is_ok());
        assert_eq!(term_code("Quantum"), Err(FieldError::CodeInvalid));
        assert_eq!(term_code("1abc"), Err(FieldError::CodeInvalid));
        assert_eq!(term_code("a-b"), Err(FieldError::CodeInvalid));
    }

    #[test]
    fn code_lists_are_deduplicated_and_bounded() {
        let raw: Vec<String> = ["a", "b", "a", " ", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(code_list(&raw, 3), Ok(vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(code_list(&raw, 2), Err(FieldError::TooMany));
    }

    #[test]
    fn founding_year_must_be_plausible() {
        assert_eq!(optional_year(Some(2017), 2026), Ok(Some(2017)));
        assert_eq!(optional_year(Some(2030), 2026), Err(FieldError::YearInvalid));
        assert_eq!(optional_year(Some(1800), 2026), Err(FieldError::YearInvalid));
    }
}
