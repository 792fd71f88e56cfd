//! Display helpers for reference codes and dates.

use leptos::prelude::*;
use shared::Locale;
use shared::taxonomy::{Taxonomy, TermKind};

/// The reference data, loaded once at start and shared by every page.
#[derive(Clone, Copy)]
pub struct TaxonomyCtx(pub LocalResource<Result<Taxonomy, shared::ApiError>>);

pub fn use_taxonomy() -> TaxonomyCtx {
    expect_context::<TaxonomyCtx>()
}

impl TaxonomyCtx {
    /// The loaded taxonomy, or an empty one while it loads.
    pub fn get(self) -> Taxonomy {
        self.0.get().and_then(Result::ok).unwrap_or_default()
    }

    pub fn label(self, kind: TermKind, code: &str, locale: Locale) -> String {
        self.0.with(|t| match t {
            Some(Ok(t)) => t.label(kind, code, locale).to_owned(),
            _ => code.to_owned(),
        })
    }
}

/// A bilingual text (a name, a title) in `locale`: the English one when there is one, else the Chinese.
pub fn bilingual(name_zh: &str, name_en: Option<&str>, locale: Locale) -> String {
    match (locale, name_en) {
        (Locale::En, Some(en)) if !en.is_empty() => en.to_owned(),
        _ => name_zh.to_owned(),
    }
}

/// Whether a text is written in Chinese (holds Han characters).
fn is_chinese(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}'))
}

/// Content entered in Chinese, with its English version when the author gave one. An English
/// reader gets the English; without one, the Chinese marked as such (`lang="zh-CN"`, so screen
/// readers and translators know, and a small 中文 tag for the eye).
#[component]
pub fn Localized(#[prop(into)] zh: String, #[prop(default = None)] en: Option<String>) -> impl IntoView {
    let en = en.filter(|e| !e.trim().is_empty());
    move || match (locale_now(), &en) {
        (Locale::En, Some(en)) => en.clone().into_any(),
        (Locale::En, None) if is_chinese(&zh) => view! {
            <span lang="zh-CN">{zh.clone()}</span>
            <span class="lang-tag" title="Chinese" data-testid="in-chinese">"中文"</span>
        }
        .into_any(),
        _ => zh.clone().into_any(),
    }
}

/// Text people typed with no English version (a venue, a room, speakers, keywords): marked as
/// Chinese for an English reader when it is.
#[component]
pub fn Typed(#[prop(into)] text: String) -> impl IntoView {
    view! { <Localized zh=text/> }
}

fn locale_now() -> Locale {
    crate::i18n::locale()
}

/// A person's display name; a deleted account has none and shows as "deleted user".
pub fn person(name: &str) -> String {
    if name.is_empty() { shared::Msg::DeletedUser.t(crate::i18n::locale()).to_owned() } else { name.to_owned() }
}

/// The day of an instant in China time (what the platform's clock reads: an evening in UTC is
/// already the next morning in Hangzhou).
pub fn date(t: &time::OffsetDateTime) -> String {
    day(&china(t).date())
}

/// A calendar day as `YYYY-MM-DD`, the form `<input type="date">` uses.
pub fn day(d: &time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Reads `YYYY-MM-DD`; `None` for anything else.
pub fn parse_day(s: &str) -> Option<time::Date> {
    let mut parts = s.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(parts.next()?.parse::<u8>().ok()?).ok()?;
    let day = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

/// Today in the browser's calendar (what "not in the past" and "until the deadline" mean to the
/// user), on the platform's clock ([`now`]).
pub fn today() -> time::Date {
    let now = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(crate::api::platform_millis()));
    let month = time::Month::try_from(now.get_month() as u8 + 1).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(now.get_full_year() as i32, month, now.get_date() as u8).unwrap_or(time::Date::MIN)
}

/// The current instant on the platform's clock: the device's, corrected by how far it was from the
/// server's at the last answer (`OffsetDateTime::now_utc` has no clock on wasm32). A phone set a
/// day wrong still sees a call close when it closes.
pub fn now() -> time::OffsetDateTime {
    let nanos = (crate::api::platform_millis() * 1_000_000.0) as i128;
    time::OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// China time (UTC+8): the platform's events happen in Hangzhou whatever the browser's zone.
fn china(t: &time::OffsetDateTime) -> time::OffsetDateTime {
    t.to_offset(shared::CHINA)
}

/// `HH:MM` in China time.
pub fn clock(t: &time::OffsetDateTime) -> String {
    let t = china(t);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A date and time of day in China time, as shown on pages.
pub fn when(t: &time::OffsetDateTime) -> String {
    format!("{} {}", day(&china(t).date()), clock(t))
}

/// `YYYY-MM-DDTHH:MM` in China time, the form `<input type="datetime-local">` uses.
pub fn local_input(t: &time::OffsetDateTime) -> String {
    let t = china(t);
    format!("{}T{}", day(&t.date()), clock(&t))
}

/// An instant from a `datetime-local` input, read as China time.
pub fn parse_local(s: &str) -> Option<time::OffsetDateTime> {
    let (d, t) = s.split_once('T')?;
    let date = parse_day(d)?;
    let mut hm = t.split(':');
    let (h, m) = (hm.next()?.parse().ok()?, hm.next()?.parse().ok()?);
    let time = time::Time::from_hms(h, m, 0).ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_offset(shared::CHINA))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_day_and_time_read_in_china_time_whatever_the_instants_offset() {
        let evening_utc = datetime!(2026-12-05 20:35 UTC);
        assert_eq!(date(&evening_utc), "2026-12-06", "already the next morning in Hangzhou");
        assert_eq!(when(&evening_utc), "2026-12-06 04:35");
        assert_eq!(date(&datetime!(2026-12-05 10:00 UTC)), "2026-12-05");
    }
}
