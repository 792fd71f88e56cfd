//! Batch import: download the template, upload the filled file, read each row's check, confirm.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use shared::Msg;
use shared::imports::{ImportMode, ImportQuery, ImportReport};
use wasm_bindgen::JsCast;

use crate::api;
use crate::components::act::Act;
use crate::components::data::Loading;
use crate::components::form::{FormError, FormErrors};
use crate::i18n::{locale, text, tr};
use crate::session::use_session;

#[component]
pub fn Import() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path="/login?next=/import"/> }.into_any(),
        (true, true) => view! { <ImportForm/> }.into_any(),
    }
}

#[component]
fn ImportForm() -> impl IntoView {
    let session = use_session();
    let (memberships, is_admin) =
        session.me.with_untracked(|m| m.as_ref().map(|m| (m.memberships.clone(), m.is_admin)).unwrap_or_default());
    let first = memberships.first().map(|m| m.org_id.to_string()).unwrap_or_default();
    let org = RwSignal::new(if is_admin { String::new() } else { first });
    let mode = RwSignal::new(ImportMode::Draft.as_str().to_owned());
    let errors = FormErrors::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let report = RwSignal::new(None::<ImportReport>);
    let chosen = move || {
        file_input
            .get_untracked()
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
    };
    let query = move |confirm: bool| ImportQuery {
        org_id: org.get_untracked().parse().ok(),
        mode: ImportMode::parse(&mode.get_untracked()),
        confirm: Some(confirm),
        name: None,
    };
    let run = Act::new(move |confirm: &bool| {
        let (file, q) = (chosen(), query(*confirm));
        async move {
            match file {
                Some(file) => api::import(file, &q).await.map(Some),
                None => Ok(None),
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(r) => report.set(r),
        Err(e) => {
            report.set(None);
            errors.server(e);
        }
    });
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        report.set(None);
        run.dispatch(false);
    };
    let reset = move |_| {
        report.set(None);
        errors.clear();
        if let Some(i) = file_input.get_untracked() {
            i.set_value("");
        }
    };
    let no_org = memberships.is_empty() && !is_admin;
    view! {
        <section class="page import-page">
            <h1>{tr(Msg::ImportTitle)}</h1>
            <p class="muted">{tr(Msg::ImportIntro)}</p>
            <p class="exports">
                <a href=shared::routes::import_template("zh-CN") download data-testid="template-zh" class="btn btn-ghost">{tr(Msg::ImportTemplateZh)}</a>
                " "
                <a href=shared::routes::import_template("en") download data-testid="template-en" class="btn btn-ghost">{tr(Msg::ImportTemplateEn)}</a>
            </p>
            <p class="hint small">{tr(Msg::ImportTemplateHint)}</p>
            {no_org.then(|| view! {
                <p class="notice" data-testid="import-no-org">{tr(Msg::ImportNoOrg)}" "<A href="/orgs/new">{tr(Msg::NavMyOrgs)}</A></p>
            })}
            <Show when=move || !no_org && report.with(|r| !r.as_ref().is_some_and(|r| r.confirmed))>
                <form class="form-grid" on:submit=check novalidate>
                    <FormError errors=errors/>
                    <div class="field">
                        <label for="f-import-org">{tr(Msg::ImportOrg)}</label>
                        <select id="f-import-org" name="org_id" prop:value=move || org.get()
                            on:change=move |ev| { org.set(event_target_value(&ev)); report.set(None); }>
                            {is_admin.then(|| view! { <option value="">{tr(Msg::ImportOnBehalf)}</option> })}
                            {memberships.iter().map(|m| {
                                let name = crate::components::labels::bilingual(&m.org_name_zh, m.org_name_en.as_deref(), locale());
                                view! { <option value=m.org_id.to_string()>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-import-mode">{tr(Msg::ImportMode)}</label>
                        <select id="f-import-mode" name="mode" prop:value=move || mode.get()
                            on:change=move |ev| { mode.set(event_target_value(&ev)); report.set(None); }>
                            {ImportMode::ALL.iter().map(|m| view! { <option value=m.as_str()>{tr(m.msg())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field field-wide" class:has-error=move || errors.fields.with(|f| f.contains_key("file"))>
                        <label for="f-import-file">{tr(Msg::ImportFile)}</label>
                        <input id="f-import-file" name="file" type="file" required data-testid="import-file"
                            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                            node_ref=file_input on:change=move |_| report.set(None)/>
                    </div>
                    <div class="field-wide">
                        <button type="submit" class="btn btn-primary" data-testid="import-check" disabled=move || run.pending().get()>
                            {move || if run.pending().get() { tr(Msg::ImportChecking)() } else { tr(Msg::ImportCheck)() }}
                        </button>
                    </div>
                </form>
            </Show>
            {move || report.get().map(|r| view! { <ReportView report=r confirm=Callback::new(move |_| { errors.clear(); run.dispatch(true); })
                pending=Signal::derive(move || run.pending().get()) reset=Callback::new(reset)/> })}
        </section>
    }
}

#[component]
fn ReportView(
    report: ImportReport,
    confirm: Callback<()>,
    pending: Signal<bool>,
    reset: Callback<()>,
) -> impl IntoView {
    let l = locale();
    if report.confirmed {
        let first_kind = report.by_kind.first().map_or("demand", |k| k.kind.as_str());
        return view! {
            <div class="card" role="status" data-testid="import-done">
                <p><strong>{text::ImportDone { n: &report.created.len() }.t(l)}</strong></p>
                <p>
                    <A href=format!("/my/postings?kind={first_kind}") attr:data-testid="import-see">{tr(Msg::ImportSeeMine)}</A>
                    " · "
                    <button class="btn btn-ghost" on:click=move |_| reset.run(())>{tr(Msg::ImportAgain)}</button>
                </p>
            </div>
        }
        .into_any();
    }
    let importable = report.importable();
    let summary = text::ImportSummary { rows: &report.rows, valid: &report.valid, invalid: &report.invalid }.t(l);
    let valid = report.valid;
    // On a phone the table is one block per row: each cell says what it is.
    let colon = Msg::Colon.t(l);
    let label = move |m: Msg| format!("{}{colon}", m.t(l));
    view! {
        <section class="card import-report" data-testid="import-report" aria-live="polite">
            <p data-testid="import-summary"><strong>{summary}</strong>
                {(report.skipped_examples > 0).then(|| view! { " "{text::ImportSkipped { n: &report.skipped_examples }.t(l)} })}
            </p>
            {(!report.file_problems.is_empty()).then(|| view! {
                <ul class="form-error" role="alert" data-testid="import-file-problems">
                    {report.file_problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}
                </ul>
            })}
            {(!report.new_orgs.is_empty()).then(|| view! {
                <p class="notice">{tr(Msg::ImportNewOrgs)}{report.new_orgs.join(Msg::ListSep.t(l))}</p>
            })}
            {(report.invalid > 0).then(|| view! { <p class="hint">{tr(Msg::ImportFixHint)}</p> })}
            <div class="table-scroll">
                <table class="table" data-testid="import-rows">
                    <thead><tr>
                        <th scope="col">{tr(Msg::ImportSheet)}</th>
                        <th scope="col">{tr(Msg::ImportRow)}</th>
                        <th scope="col">{tr(Msg::ExportTitle)}</th>
                        <th scope="col">{tr(Msg::ExportOrg)}</th>
                        <th scope="col">{tr(Msg::ImportColumn)}</th>
                        <th scope="col">{tr(Msg::ImportProblem)}</th>
                    </tr></thead>
                    <tbody>
                        {report.preview.into_iter().map(|row| {
                            let bad = !row.problems.is_empty();
                            if bad {
                                row.problems.iter().map(|p| view! {
                                    <tr class="import-problem" data-testid="import-problem">
                                        <td data-label=label(Msg::ImportSheet)>{row.sheet.clone()}</td>
                                        <td data-label=label(Msg::ImportRow)>{row.row}</td>
                                        <td data-label=label(Msg::ExportTitle)>{row.title.clone()}</td>
                                        <td data-label=label(Msg::ExportOrg)>{row.org.clone()}</td>
                                        <td data-label=label(Msg::ImportColumn)><strong>{p.column.clone()}</strong></td>
                                        <td class="field-error" data-label=label(Msg::ImportProblem)>{p.message.clone()}</td>
                                    </tr>
                                }).collect_view().into_any()
                            } else {
                                view! {
                                    <tr data-testid="import-ok">
                                        <td data-label=label(Msg::ImportSheet)>{row.sheet.clone()}</td>
                                        <td data-label=label(Msg::ImportRow)>{row.row}</td>
                                        <td data-label=label(Msg::ExportTitle)>{row.title.clone()}</td>
                                        <td data-label=label(Msg::ExportOrg)>{row.org.clone()}</td>
                                        <td></td>
                                        <td class="ok">{tr(Msg::ImportRowOk)}</td>
                                    </tr>
                                }.into_any()
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {importable.then(|| view! {
                <button class="btn btn-primary" data-testid="import-confirm" disabled=move || pending.get()
                    on:click=move |_| confirm.run(())>{text::ImportConfirm { n: &valid }.t(l)}</button>
            })}
        </section>
    }
    .into_any()
}
