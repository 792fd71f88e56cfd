//! Events: forums, conferences, exhibitions, matchmaking meetings and roadshows, with ticket types,
//! registrations that never oversell, and a waiting list that offers freed seats.
//!
//! Each layer is a folder with one file per sub-capability — `routes/` (thin handlers), `ops/`
//! (rules and transactions), `store/` (SQL, private): `mod.rs` the event itself (ticket types,
//! questions, the cover), `registrations` (registering, cancelling and undoing, the waiting list
//! and offers, approval, the registrant table), `staff` (door staff and co-organizers), `checkin`
//! (tickets, badges, scans), `messages` (messages to registrants, invitation codes), `exports`
//! (CSV, Excel, the report; its SQL in `store/report.rs`). `ics.rs` writes calendars, `tickets.rs`
//! signs ticket codes.

pub mod ics;
pub mod ops;
pub mod routes;
mod store;
pub mod tickets;

pub use ops::{Organizer, organizer, require_organizer};
pub use store::PERSONAL_DATA;

/// What other capabilities (and the demo, tests and benchmarks) may use of this one's store.
pub use store::{
    NewCheckin, NewRegistration, delete_messages_before, event, insert, insert_answers, insert_checkin,
    insert_question, insert_registration, insert_ticket_type, is_confirmed, set_meeting_tables,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list, routes::create))
        .routes(routes!(routes::get, routes::update))
        .routes(routes!(routes::calendar))
        .routes(routes!(routes::publish))
        .routes(routes!(routes::registrations_csv))
        .routes(routes!(routes::add_ticket_type))
        .routes(routes!(routes::registrations, routes::register))
        .routes(routes!(routes::my_registrations))
        .routes(routes!(routes::cancel))
        .routes(routes!(routes::undo_cancel))
        .routes(routes!(routes::accept_offer))
        .routes(routes!(routes::approve))
        .routes(routes!(routes::reject))
        .routes(routes!(routes::promote))
        .routes(routes!(routes::staff, routes::put_staff))
        .routes(routes!(routes::remove_staff))
        .routes(routes!(routes::withdraw_staff_invitation))
        .routes(routes!(routes::accept_staff))
        .routes(routes!(routes::decline_staff))
        .routes(routes!(routes::tickets))
        .routes(routes!(routes::ticket_qr))
        .routes(routes!(routes::checkin))
        .routes(routes!(routes::checkin_counts))
        .routes(routes!(routes::undo_checkin))
        .routes(routes!(routes::report))
        .routes(routes!(routes::registrations_xlsx))
        .routes(routes!(routes::questions, routes::add_question))
        .routes(routes!(routes::delete_question))
        .routes(routes!(routes::messages, routes::send_message))
        .routes(routes!(routes::preview_message))
        .routes(routes!(routes::registrants))
        .routes(routes!(routes::bulk))
        .routes(routes!(routes::invitations, routes::add_invitation))
        .routes(routes!(routes::badges))
        // Its body limit is its extractor's (`http::extract::Body`), which names it in the 413.
        .routes(routes!(routes::put_cover, routes::get_cover, routes::delete_cover))
}

/// Subscriber of [`crate::facts::Fact::UserErasing`]: the person's seats at events still to come
/// are cancelled and offered to the waiting lists, the names of the people they registered and
/// their answers go, and so do their door-staff places. Returns how many registrations it cancelled.
pub(crate) async fn on_user_erasing(
    tx: &mut crate::db::Conn,
    state: &AppState,
    who: &crate::facts::Erasing,
) -> crate::error::AppResult<usize> {
    let released = ops::release_all_of(tx, &state.config.site_url(), who.user, who.at).await?;
    store::forget_people(tx, who.user).await?;
    who.erase(tx, store::ERASE).await?;
    Ok(released)
}
