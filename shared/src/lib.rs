//! The FutureMatch API contract, shared by the backend and the wasm frontend.
//!
//! Everything a client and the server must agree on lives here: request and response
//! types, the error body, route paths, validation rules and the i18n catalogue.
//! `serde` only by default; the `openapi` feature (backend only) adds schema derives.

pub mod accounts;
pub mod error;
pub mod i18n;
pub mod market;
pub mod matching;
pub mod orgs;
pub mod page;
pub mod routes;
pub mod taxonomy;
pub mod validate;

pub use error::{ApiError, ErrorBody, ErrorCode};
pub use i18n::{Locale, Msg};
