//! Route parameters.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The numeric route parameter `name` (`:id`…), or 0 when it is not a number (the API then
/// answers 404).
pub fn route_id(name: &'static str) -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name)).and_then(|s| s.parse().ok()).unwrap_or(0))
}
