pub mod detail;
pub mod directory;
pub mod form;
pub mod members;
pub mod mine;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` route parameter, or 0 when it is not a number (the API then answers 404).
pub fn org_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id")).and_then(|s| s.parse().ok()).unwrap_or(0))
}
