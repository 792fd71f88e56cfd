//! The FutureMatch API contract, shared by the backend and the wasm frontend.
//!
//! Everything a client and the server must agree on lives here: request and response
//! types, the error body, route paths, validation rules and the i18n catalogue.
//! `serde` only by default; the `openapi` feature (backend only) adds schema derives.

/// An enum of stable snake_case codes, each with a catalogue label.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:tt => $msg:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name { $(#[serde(rename = $code)] $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)* _ => None }
            }

            pub fn msg(self) -> $crate::i18n::Msg {
                match self { $($name::$variant => $crate::i18n::Msg::$msg),* }
            }
        }
    };
}

pub mod accounts;
pub mod agenda;
pub mod areas;
pub mod audit;
pub mod competitions;
pub mod console;
pub mod dashboard;
pub mod engage;
pub mod error;
pub mod events;
pub mod experts;
pub mod home;
pub mod i18n;
pub mod imports;
pub mod market;
pub mod matching;
pub mod meetings;
pub mod notify;
pub mod opencall;
pub mod orgs;
pub mod page;
pub mod paths;
pub mod privacy;
pub mod routes;
pub mod taxonomy;
pub mod validate;

pub use error::{ApiError, ErrorBody, ErrorCode};

/// China Standard Time (UTC+8), in which the platform's days, deadlines and weeks are counted.
pub const CHINA: time::UtcOffset = time::macros::offset!(+8);
pub use i18n::{Locale, Msg};
