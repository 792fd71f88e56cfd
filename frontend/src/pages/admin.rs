//! The site administrator's console: verify organizations, review experts, decide notices, reports,
//! the outbox, extend reference data, plan targets, matching weights, manage accounts, read the
//! audit log.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_params_map;
use shared::Msg;
use shared::console::Section;
use shared::orgs::{OrgListQuery, OrgSummary};
use shared::page::Page;
use shared::taxonomy::{NewTermRequest, TermKind};

use crate::api;
use crate::components::act::Act;
use crate::components::console::{ConsoleFrame, ConsoleOverview};
use crate::components::data::{ErrorView, Loading, Pager, resource_view};
use crate::components::form::{FormError, FormErrors, SelectField, TextField};
use crate::components::labels::{bilingual, date, use_taxonomy};
use crate::i18n::{locale, tr};
use crate::session::{returning_to_here, use_session};

#[component]
pub fn Admin() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("section"));
    move || match (session.loaded.get(), session.me.get()) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, None) => view! { <Redirect path=returning_to_here("/login")()/> }.into_any(),
        (true, Some(me)) if !me.is_admin => {
            let e = shared::ApiError::localized(shared::ErrorCode::Forbidden, locale());
            view! { <section class="page narrow"><ErrorView error=e/></section> }.into_any()
        }
        (true, Some(_)) => view! {
            <ConsoleFrame>
                {move || match slug() {
                    None => view! { <ConsoleOverview/> }.into_any(),
                    Some(slug) => match Section::from_slug(&slug) {
                        Some(s) => section(s),
                        None => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                    },
                }}
            </ConsoleFrame>
        }
        .into_any(),
    }
}

/// One section of the console (moderation has its own page in the market's module).
fn section(s: Section) -> AnyView {
    match s {
        Section::Orgs => view! { <OrgVerification/> }.into_any(),
        Section::Moderation => view! { <Redirect path="/admin/moderation"/> }.into_any(),
        Section::Experts => view! { <crate::pages::experts::ExpertReview/> }.into_any(),
        Section::Notices => view! { <crate::pages::admin_plan::PendingNotices/> }.into_any(),
        Section::Reports => view! { <Reports/> }.into_any(),
        Section::Outbox => view! { <Outbox/> }.into_any(),
        Section::Users => view! { <Users/> }.into_any(),
        Section::Taxonomy => view! { <TaxonomyEditor/> }.into_any(),
        Section::Targets => view! { <crate::pages::admin_plan::PlanTargets/> }.into_any(),
        Section::Weights => view! { <crate::pages::admin_plan::MatchingWeights/> }.into_any(),
        Section::Retention => view! { <crate::pages::admin_plan::RetentionSettings/> }.into_any(),
        Section::Audit => view! { <AuditLog/> }.into_any(),
    }
}

/// Abuse reports between organizations, open ones first, with a link to the engagement.
#[component]
fn Reports() -> impl IntoView {
    let data = LocalResource::new(|| async { api::reports().await });
    view! {
        <section class="card" data-testid="admin-reports">
            <h2>{tr(Msg::AdminReportsTitle)}</h2>
            {resource_view(data, move |list: Vec<shared::engage::Report>| {
                if list.is_empty() {
                    return view! { <p class="muted">{tr(Msg::AdminReportsEmpty)}</p> }.into_any();
                }
                view! {
                    <table class="table">
                        <tbody>
                            {list.into_iter().map(|r| {
                                let (from, to) = (r.reporter.clone(), r.target.clone());
                                view! {
                                    <tr>
                                        <td><time>{date(&r.at)}</time></td>
                                        <td>{move || bilingual(&from.name_zh, from.name_en.as_deref(), locale())}" → "
                                            <a href=format!("/orgs/{}", to.id)>{move || bilingual(&to.name_zh, to.name_en.as_deref(), locale())}</a></td>
                                        <td>{r.reason.clone()}</td>
                                        <td>{r.engagement_id.map(|e| view! { <a href=format!("/engagements/{e}")>"#"{e}</a> })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            })}
        </section>
    }
}

/// Every email the platform wrote, and whether it went out.
#[component]
fn Outbox() -> impl IntoView {
    let data = LocalResource::new(|| async { api::outbox().await });
    view! {
        <details class="card" data-testid="admin-outbox">
            <summary>{tr(Msg::AdminOutboxTitle)}</summary>
            {resource_view(data, move |list: Vec<shared::notify::OutboxEmail>| view! {
                <table class="table">
                    <tbody>
                        {list.into_iter().map(|e| view! {
                            <tr>
                                <td><time>{date(&e.created_at)}</time></td>
                                <td>{e.to_email.clone()}</td>
                                <td><details><summary>{e.subject.clone()}</summary><pre class="mail">{e.body.clone()}</pre></details></td>
                                <td>{match (&e.sent_at, &e.error) {
                                    (Some(t), _) => date(t),
                                    (None, Some(err)) => err.clone(),
                                    (None, None) => tr(Msg::AdminOutboxPending)().to_owned(),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </details>
    }
}

#[component]
fn OrgVerification() -> impl IntoView {
    let verified = RwSignal::new(Some(false));
    let page = RwSignal::new(1u32);
    let data = LocalResource::new(move || {
        let q =
            OrgListQuery { verified: verified.get(), page: Some(page.get()), per_page: Some(20), ..Default::default() };
        async move { api::orgs(&q).await }
    });
    let error = RwSignal::new(None::<shared::ApiError>);
    let counts_changed = crate::components::console::counts_refresher();
    let toggle = move |id: i64, to: bool| {
        spawn_local(async move {
            match api::set_verified(id, to).await {
                Ok(_) => {
                    error.set(None);
                    counts_changed();
                    data.refetch();
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let filter_options = Signal::derive(move || {
        vec![
            ("false".to_owned(), Msg::OrgUnverified.t(locale()).to_owned()),
            ("true".to_owned(), Msg::OrgVerified.t(locale()).to_owned()),
        ]
    });
    let filter_value = RwSignal::new("false".to_owned());
    Effect::new(move |_| {
        verified.set(filter_value.get().parse().ok());
        page.set(1);
    });
    let tax = use_taxonomy();
    view! {
        <div class="card">
            <h2>{tr(Msg::AdminOrgsTitle)}</h2>
            <p class="muted">{tr(Msg::AdminOrgsIntro)}</p>
            <SelectField label=Msg::OrgFilterVerified name="verified_filter" value=filter_value options=filter_options errors=FormErrors::new()/>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {resource_view(data, move |p: Page<OrgSummary>| view! {
                <table class="table" data-testid="admin-orgs">
                    <thead><tr>
                        <th>{tr(Msg::OrgNameZh)}</th><th>{tr(Msg::OrgKind)}</th><th>{tr(Msg::OrgDistrict)}</th><th>{tr(Msg::OrgJoined)}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {p.items.clone().into_iter().map(|o| {
                            let id = o.id;
                            let v = o.verified;
                            let district = o.district.clone();
                            view! {
                                <tr>
                                    <td><A href=format!("/orgs/{id}")>{move || bilingual(&o.name_zh, o.name_en.as_deref(), locale())}</A></td>
                                    <td>{tr(o.kind.msg())}</td>
                                    <td>{move || district.as_ref().map(|d| tax.label(TermKind::District, d, locale())).unwrap_or_default()}</td>
                                    <td>{date(&o.created_at)}</td>
                                    <td>
                                        <button class=if v { "btn btn-small btn-secondary" } else { "btn btn-small btn-primary" }
                                            on:click=move |_| toggle(id, !v)>
                                            {if v { tr(Msg::OrgUnverify) } else { tr(Msg::OrgVerify) }}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <Pager page=p on_page=Callback::new(move |n| page.set(n))/>
            })}
        </div>
    }
}

#[component]
fn TaxonomyEditor() -> impl IntoView {
    let tax = use_taxonomy();
    let kind = RwSignal::new(TermKind::Domain.as_str().to_owned());
    let code = RwSignal::new(String::new());
    let label_zh = RwSignal::new(String::new());
    let label_en = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let added = RwSignal::new(None::<String>);
    let kinds = Signal::derive(move || {
        TermKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect()
    });
    let save = Act::new(move |req: &NewTermRequest| {
        let req = req.clone();
        async move { api::add_term(&req).await }
    })
    .on_answer(move |answer| match answer {
        Ok(term) => {
            added.set(Some(term.label(locale()).to_owned()));
            code.set(String::new());
            label_zh.set(String::new());
            label_en.set(String::new());
            tax.0.refetch();
        }
        Err(e) => errors.server(e),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let Some(k) = TermKind::parse(&kind.get_untracked()) else {
            return;
        };
        let opt = |s: String| (!s.trim().is_empty()).then_some(s);
        let req = NewTermRequest {
            kind: k,
            code: code.get_untracked(),
            label_zh: label_zh.get_untracked(),
            label_en: label_en.get_untracked(),
            group: opt(group.get_untracked()),
            parent: opt(parent.get_untracked()),
        };
        if errors.check(req.parse(&tax.get()).map(|_| ())) {
            save.dispatch(req);
        }
    };
    let current = move || {
        let l = locale();
        TermKind::parse(&kind.get())
            .map(|k| tax.get().of(k).map(|t| format!("{} ({})", t.label(l), t.code)).collect::<Vec<_>>().join("、"))
            .unwrap_or_default()
    };
    view! {
        <form class="card form form-grid" on:submit=on_submit novalidate>
            <h2 class="field-wide">{tr(Msg::AdminTaxonomyTitle)}</h2>
            <p class="muted field-wide">{tr(Msg::AdminTaxonomyIntro)}</p>
            <FormError errors=errors/>
            <SelectField label=Msg::TermKind name="kind" value=kind options=kinds errors=errors required=true/>
            <TextField label=Msg::TermCode name="code" value=code errors=errors required=true/>
            <TextField label=Msg::TermLabelZh name="label_zh" value=label_zh errors=errors required=true/>
            <TextField label=Msg::TermLabelEn name="label_en" value=label_en errors=errors required=true/>
            <TextField label=Msg::TermGroup name="group" value=group errors=errors/>
            <TextField label=Msg::TermParent name="parent" value=parent errors=errors/>
            <p class="muted field-wide small">{current}</p>
            <div class="field-wide">
                <button type="submit" class="btn btn-primary">{tr(Msg::TermAdd)}</button>
                {move || added.get().map(|a| view! { " " <span class="ok" role="status">{tr(Msg::Saved)}{tr(Msg::Colon)}{a}</span> })}
            </div>
        </form>
    }
}

/// The audit log: every administrative and security-relevant action, newest first, filtered by
/// kind, with whether its hash chain holds.
#[component]
fn AuditLog() -> impl IntoView {
    let page = RwSignal::new(1u32);
    let action = RwSignal::new(String::new());
    let data = LocalResource::new(move || {
        let (p, a) = (page.get(), action.get());
        async move { api::audit_log(p, &a).await }
    });
    let check = LocalResource::new(|| async { api::verify_audit().await });
    let kinds = Signal::derive(move || {
        let l = locale();
        [
            ("org.", Msg::AuditGroupOrg),
            ("posting.", Msg::AuditGroupPosting),
            ("expert.", Msg::AuditGroupExpert),
            ("notice.", Msg::AuditGroupNotice),
            ("taxonomy.", Msg::AuditGroupTaxonomy),
            ("target.", Msg::AuditTargetEdit),
            ("matching.", Msg::AuditMatchingWeights),
            ("retention.", Msg::AuditRetentionEdit),
            ("admin.", Msg::AuditGroupAdmin),
            ("account.", Msg::AuditGroupAccount),
            ("user.", Msg::AuditGroupUser),
        ]
        .iter()
        .map(|(v, m)| ((*v).to_owned(), m.t(l).to_owned()))
        .collect::<Vec<_>>()
    });
    let errors = FormErrors::new();
    Effect::new(move |_| {
        action.track();
        page.set(1);
    });
    view! {
        <section class="card" data-testid="audit-log">
            <h2>{tr(Msg::AdminAuditTitle)}</h2>
            {move || check.get().map(|r| match r {
                Ok(v) if v.ok => view! { <p class="notice" data-testid="audit-intact">{tr(Msg::AdminAuditIntact)}" ("{v.entries}")"</p> }.into_any(),
                Ok(v) => view! { <p class="form-error" role="alert" data-testid="audit-broken">{tr(Msg::AdminAuditBroken)}" #"{v.broken_at.unwrap_or_default()}</p> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
            <SelectField label=Msg::AdminAuditAction name="audit_action" value=action options=kinds errors=errors empty=Msg::RegFilterAll/>
            {resource_view(data, move |p: Page<shared::audit::AuditRecord>| view! {
                <table class="table small audit-table">
                    <thead><tr><th>{tr(Msg::AdminAuditAt)}</th><th>{tr(Msg::AdminAuditActor)}</th>
                        <th>{tr(Msg::AdminAuditAction)}</th><th>{tr(Msg::AdminAuditTarget)}</th><th>{tr(Msg::AdminAuditChange)}</th></tr></thead>
                    <tbody>{p.items.iter().cloned().map(|e| view! { <AuditRow e=e/> }).collect_view()}</tbody>
                </table>
                <Pager page=p on_page=Callback::new(move |n| page.set(n))/>
            })}
        </section>
    }
}

/// One audit entry as a person reads it: China time, the actor by name (their account one click
/// away), the action in words, what it was done to by name with its page, each changed field as
/// before → after; the raw record under a disclosure.
#[component]
fn AuditRow(e: shared::audit::AuditRecord) -> impl IntoView {
    let at = time::OffsetDateTime::parse(&e.at, &time::format_description::well_known::Rfc3339).ok();
    let when = at.map_or_else(|| e.at.clone(), |t| crate::components::labels::when(&t));
    let actor = match (e.actor_id, e.actor_name.clone()) {
        (None, _) => view! { <span>{tr(Msg::AuditSystem)}</span> }.into_any(),
        (Some(_), name) => {
            let email = e.actor.clone();
            let shown = name.filter(|n| !n.is_empty()).unwrap_or_else(|| email.clone());
            view! { <a href=format!("/admin/users?q={}", urlencoding(&email)) title=email.clone()>{shown}</a> }
                .into_any()
        }
    };
    let action = e.action.clone();
    let action_text =
        move || shared::audit::action_msg(&action).map_or_else(|| action.clone(), |m| m.t(locale()).to_owned());
    let target_text = e.target_name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| e.target.clone());
    let target = match e.target_path.clone() {
        Some(path) => view! { <a href=path>{target_text}</a> }.into_any(),
        None => view! { <span>{target_text}</span> }.into_any(),
    };
    let changes = shared::audit::changes(&e.before, &e.after);
    let raw = format!(
        "#{} {} {} {} {}\nbefore: {}\nafter: {}\nhash: {}",
        e.id, e.at, e.actor, e.action, e.target, e.before, e.after, e.hash
    );
    view! {
        <tr data-testid="audit-entry">
            <td data-label=move || tr(Msg::AdminAuditAt)()><time datetime=e.at.clone()>{when}</time></td>
            <td data-label=move || tr(Msg::AdminAuditActor)() data-testid="audit-actor">{actor}</td>
            <td data-label=move || tr(Msg::AdminAuditAction)() data-testid="audit-action">{action_text}</td>
            <td data-label=move || tr(Msg::AdminAuditTarget)() data-testid="audit-target">{target}</td>
            <td data-label=move || tr(Msg::AdminAuditChange)()>
                <ul class="changes" data-testid="audit-changes">
                    {changes.into_iter().map(|c| {
                        // Yes and no in the reader's language; other values as recorded.
                        let word = |v: String| move || match v.as_str() {
                            "true" => tr(Msg::Yes)().to_owned(),
                            "false" => tr(Msg::No)().to_owned(),
                            _ => v.clone(),
                        };
                        view! {
                            <li><span class="muted">{c.field}</span>{tr(Msg::Colon)}
                                {c.before.map(|b| view! { <del>{word(b)}</del>" → " })}
                                <ins>{word(c.after.unwrap_or_else(|| "—".to_owned()))}</ins></li>
                        }
                    }).collect_view()}
                </ul>
                <details><summary>{tr(Msg::AuditRaw)}</summary><pre class="raw">{raw}</pre></details>
            </td>
        </tr>
    }
}

/// Percent-encodes a query value.
fn urlencoding(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// Accounts: search, disable or enable, sign out everywhere (each step audited).
#[component]
fn Users() -> impl IntoView {
    // `?q=` opens the section on one person (the audit log links its actors here).
    let from_url = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("q")).unwrap_or_default();
    let words = RwSignal::new(from_url.clone());
    let query = RwSignal::new(from_url);
    let page = RwSignal::new(1u32);
    let data = LocalResource::new(move || {
        let (q, p) = (query.get(), page.get());
        async move { api::admin_users(&q, p).await }
    });
    let error = RwSignal::new(None::<shared::ApiError>);
    let act = Act::new(move |(id, action): &(i64, &'static str)| {
        let (id, action) = (*id, *action);
        async move { api::admin_user_action(id, action).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            error.set(None);
            data.refetch();
        }
        Err(e) => error.set(Some(e)),
    });
    let errors = FormErrors::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        query.set(words.get_untracked());
    };
    view! {
        <section class="card" data-testid="admin-users">
            <h2>{tr(Msg::AdminUsersTitle)}</h2>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <form class="inline-form" on:submit=submit novalidate>
                <TextField label=Msg::AdminUsersSearch name="user_q" value=words errors=errors/>
                <button class="btn btn-secondary" type="submit" data-testid="user-search">{tr(Msg::ExpertsFind)}</button>
            </form>
            {resource_view(data, move |p: Page<shared::accounts::UserAdminView>| view! {
                <table class="table small">
                    <tbody>{p.items.iter().map(|u| {
                        let id = u.id;
                        let disabled = u.disabled;
                        let deleted = u.deleted;
                        view! {
                            <tr data-testid="admin-user">
                                <td>{crate::components::labels::person(&u.display_name)}</td><td>{u.email.clone()}</td>
                                <td>{u.is_admin.then(|| view! { <span class="badge">{tr(Msg::NavAdmin)}</span> })}
                                    {if deleted {
                                        view! { <span class="badge">{tr(Msg::AdminUsersDeleted)}</span> }.into_any()
                                    } else {
                                        disabled.then(|| view! { <span class="badge badge-accent">{tr(Msg::AdminUsersDisabled)}</span> }).into_any()
                                    }}</td>
                                <td>{tr(Msg::AdminUsersSessions)}" "{u.sessions}</td>
                                <td class="actions">
                                    <button class="btn btn-ghost" data-testid="user-reset" on:click=move |_| { act.dispatch((id, "sessions/reset")); }>{tr(Msg::AdminUsersReset)}</button>
                                    {if deleted {
                                        ().into_any()
                                    } else if disabled {
                                        view! { <button class="btn btn-secondary" data-testid="user-enable" on:click=move |_| { act.dispatch((id, "enable")); }>{tr(Msg::AdminUsersEnable)}</button> }.into_any()
                                    } else {
                                        view! { <button class="btn btn-ghost" data-testid="user-disable" on:click=move |_| { act.dispatch((id, "disable")); }>{tr(Msg::AdminUsersDisable)}</button> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}</tbody>
                </table>
                <Pager page=p on_page=Callback::new(move |n| page.set(n))/>
            })}
        </section>
    }
}
