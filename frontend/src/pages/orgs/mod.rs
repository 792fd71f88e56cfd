pub mod detail;
pub mod directory;
pub mod form;
pub mod members;
pub mod mine;

use leptos::prelude::*;

/// The organization of the page: the `:id` route parameter.
pub fn org_id() -> Memo<i64> {
    crate::components::route::route_id("id")
}
