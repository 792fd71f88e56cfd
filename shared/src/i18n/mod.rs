//! The i18n catalogue: every user-visible string, in Simplified Chinese (default) and English.
//!
//! Keys are an enum so a missing translation is a compile error, not a blank on screen. The entries
//! live in one file per area beside this one; each file's macro adds its entries to the ones
//! gathered so far and hands them to the next area's, and the last makes them one [`Msg`].

use serde::{Deserialize, Serialize};

/// A supported interface language. zh-CN is the default for a Hangzhou platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, as stored and sent over the wire.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a stored or user-supplied tag; accepts any `zh*` / `en*` variant.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Locale::ZhCn)
        } else if lower.starts_with("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value,
    /// honouring q-values; `None` when nothing in it is supported.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(locale) = Locale::from_tag(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The label shown in the language switch (each language names itself).
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "中文",
            Locale::En => "English",
        }
    }
}

macro_rules! catalogue {
    (@text $key:ident) => {};
    (@text $key:ident ($($arg:ident),+)) => {
        #[doc = concat!("[`Msg::", stringify!($key), "`] with its arguments; `.t(locale)` gives the text.")]
        #[allow(non_camel_case_types)]
        pub struct $key<$($arg),+> {
            $(pub $arg: $arg),+
        }

        #[allow(non_camel_case_types)]
        impl<$($arg: core::fmt::Display),+> $key<$($arg),+> {
            pub fn t(&self, locale: Locale) -> String {
                fill(Msg::$key.t(locale), &[$((stringify!($arg), &self.$arg.to_string())),+])
            }
        }
    };
    ($($key:ident $(($($arg:ident),+))? => $zh:literal, $en:literal;)*) => {
        /// A catalogue key. `Msg::X.t(locale)` gives the text; a text with arguments is given by
        /// its type in [`text`], which takes them: `text::X { n: 3 }.t(locale)`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            /// The text in `locale`: an index into one table per language (in the browser a
            /// table is a fraction of the code a `match` over every key compiles to).
            pub fn t(self, locale: Locale) -> &'static str {
                static ZH: &[&str] = &[$($zh),*];
                static EN: &[&str] = &[$($en),*];
                match locale {
                    Locale::ZhCn => ZH[self as usize],
                    Locale::En => EN[self as usize],
                }
            }

            /// The arguments a text takes (its `{placeholders}`), as declared in the catalogue.
            pub fn args(self) -> &'static [&'static str] {
                static ARGS: &[&[&str]] = &[$(&[$($(stringify!($arg)),+)?]),*];
                ARGS[self as usize]
            }
        }

        /// The catalogue's texts that take arguments, one type each: its fields are the
        /// arguments, so a missing or misspelt one does not compile.
        pub mod text {
            use super::{Locale, Msg, fill};
            $(catalogue!(@text $key $(($($arg),+))?);)*
        }
    };
}

#[macro_use]
mod errors;
#[macro_use]
mod fields;
#[macro_use]
mod accounts;
#[macro_use]
mod orgs;
#[macro_use]
mod market;
#[macro_use]
mod imports;
#[macro_use]
mod search;
#[macro_use]
mod matching;
#[macro_use]
mod engage;
#[macro_use]
mod opencall;
#[macro_use]
mod notify;
#[macro_use]
mod events;
#[macro_use]
mod agenda;
#[macro_use]
mod meetings;
#[macro_use]
mod experts;
#[macro_use]
mod competitions;
#[macro_use]
mod dashboard;
#[macro_use]
mod admin;
#[macro_use]
mod shell;
#[macro_use]
mod common;

/// The end of the chain: every area's entries, made into [`Msg`].
macro_rules! done_msgs {
    ([] $($entries:tt)*) => {
        catalogue! { $($entries)* }
    };
}

errors_msgs! { [fields_msgs, accounts_msgs, orgs_msgs, market_msgs, imports_msgs, search_msgs, matching_msgs, engage_msgs, opencall_msgs, notify_msgs, events_msgs, agenda_msgs, meetings_msgs, experts_msgs, competitions_msgs, dashboard_msgs, admin_msgs, shell_msgs, common_msgs, done_msgs] }

/// A text given in Chinese and maybe English, in `locale`: the English one when there is one (not
/// blank), else the Chinese.
pub fn in_language(zh: &str, en: Option<&str>, locale: Locale) -> String {
    match (locale, en.map(str::trim).filter(|e| !e.is_empty())) {
        (Locale::En, Some(en)) => en.to_owned(),
        _ => zh.to_owned(),
    }
}

/// Replaces `{name}` placeholders in a catalogue text: for [`text`]'s types, and for notifications,
/// whose texts are chosen by kind and filled from the parameters stored with them.
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_they_differ_where_expected() {
        for msg in Msg::ALL {
            let zh = msg.t(Locale::ZhCn);
            let en = msg.t(Locale::En);
            assert!(!zh.trim().is_empty(), "{msg:?} has no Chinese text");
            assert!(!en.trim().is_empty(), "{msg:?} has no English text");
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{msg:?} English text contains Chinese characters: {en}"
            );
        }
    }

    #[test]
    fn accept_language_prefers_highest_quality_supported_tag() {
        assert_eq!(Locale::from_accept_language("fr;q=1.0, en-US;q=0.8, zh-CN;q=0.5"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("zh-TW,zh;q=0.9,en;q=0.8"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(Locale::from_accept_language("en;q=0"), None);
    }

    #[test]
    fn locale_round_trips_through_its_tag() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(json, format!("\"{}\"", l.tag()));
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(text::RetryAfterMinutes { minutes: "7" }.t(Locale::En), "Try again in 7 minutes");
    }
}
