//! Page areas loaded on demand. Each `#[lazy]` function below is a split point: `cargo xtask
//! build` moves its code (and whatever only it uses) out of the main module into a file the
//! browser fetches the first time a page of that area is shown. The first load carries only the
//! shell: layout, home and the shared client.

use std::future::Future;

use leptos::lazy;
use leptos::prelude::*;
use shared::Msg;
use shared::market::PostingKind;

use crate::components::data::Loading;
use crate::pages::market::detail::PostingDetail;
use crate::pages::market::feed::Feed;
use crate::pages::market::form::{EditPosting, NewPosting};
use crate::pages::market::import::Import;
use crate::pages::market::list::PostingList;
use crate::pages::market::mine::MyPostings;
use crate::pages::market::moderation::Moderation;
use crate::pages::{
    account, admin, auth, checkin, competitions, dashboard, engage, events, experts, invitation, judging, meetings,
    notifications, opencall, orgs, search,
};

/// Shows the page once its module is loaded (at once after the first time).
pub fn page(load: impl Future<Output = AnyView> + 'static) -> impl IntoView {
    let load = send_wrapper::SendWrapper::new(load);
    view! { <Suspense fallback=|| view! { <Loading/> }>{Suspend::new(load)}</Suspense> }
}

#[derive(Clone, Copy)]
pub enum Market {
    List(PostingKind, Msg, Msg),
    New(PostingKind),
    Detail(PostingKind),
    Edit(PostingKind),
    Mine,
    Import,
    Feed,
    Moderation,
    Search,
}

/// The market is three modules: what a visitor browses (lists, search, feed), a posting's page,
/// and what owners and moderators use (forms, their postings, moderation). Areas as in
/// `shared::areas`.
pub async fn market(page: Market) -> AnyView {
    match page {
        Market::List(..) | Market::Search | Market::Feed => market_browse(page).await,
        Market::Detail(kind) => posting(kind).await,
        Market::New(_) | Market::Edit(_) | Market::Mine | Market::Import | Market::Moderation => {
            market_manage(page).await
        }
    }
}

#[lazy]
fn market_browse(page: Market) -> AnyView {
    match page {
        Market::List(kind, title, intro) => view! { <PostingList kind title intro/> }.into_any(),
        Market::Feed => view! { <Feed/> }.into_any(),
        _ => view! { <search::Search/> }.into_any(),
    }
}

#[lazy]
fn posting(kind: PostingKind) -> AnyView {
    view! { <PostingDetail kind/> }.into_any()
}

#[lazy]
fn market_manage(page: Market) -> AnyView {
    match page {
        Market::New(kind) => view! { <NewPosting kind/> }.into_any(),
        Market::Edit(kind) => view! { <EditPosting kind/> }.into_any(),
        Market::Mine => view! { <MyPostings/> }.into_any(),
        Market::Import => view! { <Import/> }.into_any(),
        _ => view! { <Moderation/> }.into_any(),
    }
}

#[derive(Clone, Copy)]
pub enum Orgs {
    Directory,
    Create,
    Detail,
    Edit,
    Members,
    Mine,
    Invitation,
}

#[lazy]
pub fn orgs(page: Orgs) -> AnyView {
    match page {
        Orgs::Directory => view! { <orgs::directory::Directory/> }.into_any(),
        Orgs::Create => view! { <orgs::form::CreateOrg/> }.into_any(),
        Orgs::Detail => view! { <orgs::detail::OrgDetail/> }.into_any(),
        Orgs::Edit => view! { <orgs::form::EditOrg/> }.into_any(),
        Orgs::Members => view! { <orgs::members::Members/> }.into_any(),
        Orgs::Mine => view! { <orgs::mine::MyOrgs/> }.into_any(),
        Orgs::Invitation => view! { <invitation::Invitation/> }.into_any(),
    }
}

#[derive(Clone, Copy)]
pub enum Engage {
    Board,
    Thread,
    Notifications,
}

#[lazy]
pub fn engage(page: Engage) -> AnyView {
    match page {
        Engage::Board => view! { <engage::Board/> }.into_any(),
        Engage::Thread => view! { <engage::Thread/> }.into_any(),
        Engage::Notifications => view! { <notifications::Notifications/> }.into_any(),
    }
}

#[derive(Clone, Copy)]
pub enum Notices {
    List,
    Notice,
}

#[lazy]
pub fn notices(page: Notices) -> AnyView {
    match page {
        Notices::List => view! { <opencall::Notices/> }.into_any(),
        Notices::Notice => view! { <opencall::NoticePage/> }.into_any(),
    }
}

#[derive(Clone, Copy)]
pub enum Events {
    List,
    New,
    Edit,
    Event,
    Checkin,
    Tickets,
    Badges,
    Meetings,
}

/// Events are three modules: the list, an event's page (with registration), and the organizer's
/// tools.
pub async fn events(page: Events) -> AnyView {
    match page {
        Events::List => events_browse().await,
        Events::Event => event_page().await,
        _ => events_manage(page).await,
    }
}

#[lazy]
fn events_browse() -> AnyView {
    view! { <events::Events/> }.into_any()
}

#[lazy]
fn event_page() -> AnyView {
    view! { <events::EventPage/> }.into_any()
}

#[lazy]
fn events_manage(page: Events) -> AnyView {
    match page {
        Events::New => view! { <events::NewEvent/> }.into_any(),
        Events::Edit => view! { <events::EditEvent/> }.into_any(),
        Events::Checkin => view! { <checkin::CheckinPage/> }.into_any(),
        Events::Tickets => view! { <checkin::PrintTickets/> }.into_any(),
        Events::Badges => view! { <checkin::BadgeSheet/> }.into_any(),
        _ => view! { <meetings::MeetingsPage/> }.into_any(),
    }
}

#[derive(Clone, Copy)]
pub enum Contests {
    List,
    New,
    Edit,
    Detail,
    Judging,
    Score,
    Certificate,
}

#[lazy]
pub fn contests(page: Contests) -> AnyView {
    match page {
        Contests::List => view! { <competitions::CompetitionList/> }.into_any(),
        Contests::New => view! { <competitions::NewCompetition/> }.into_any(),
        Contests::Edit => view! { <competitions::EditCompetition/> }.into_any(),
        Contests::Detail => view! { <competitions::CompetitionPage/> }.into_any(),
        Contests::Judging => view! { <judging::JudgingList/> }.into_any(),
        Contests::Score => view! { <judging::ScoreSheet/> }.into_any(),
        Contests::Certificate => view! { <judging::CertificatePage/> }.into_any(),
    }
}

#[derive(Clone, Copy)]
pub enum Auth {
    Login,
    Register,
    VerifyEmail,
}

/// Signing in, registering, confirming an email: once per visit at most, so not in the shell.
#[lazy]
pub fn sign_in(page: Auth) -> AnyView {
    match page {
        Auth::Login => view! { <auth::Login/> }.into_any(),
        Auth::Register => view! { <auth::Register/> }.into_any(),
        Auth::VerifyEmail => view! { <auth::VerifyEmail/> }.into_any(),
    }
}

#[lazy]
pub fn expert_pool() -> AnyView {
    view! { <experts::ExpertsPage/> }.into_any()
}

#[lazy]
pub fn account() -> AnyView {
    view! { <account::Account/> }.into_any()
}

#[lazy]
pub fn plan_dashboard() -> AnyView {
    view! { <dashboard::Dashboard/> }.into_any()
}

#[lazy]
pub fn admin() -> AnyView {
    view! { <admin::Admin/> }.into_any()
}
