//! Competitions in the browser: the list, the organizers' set-up form (tracks, stages, rubric),
//! the competition page with team registration and staged submissions, and (from
//! [`super::judging`]) the organizers' judging panel.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::Msg;
use shared::competitions::{
    Competition, CompetitionInput, Criterion, ExtraField, Stage, StageInput, StageStatus, Submission, SubmissionInput,
    Team, TeamInput, TrackInput,
};
use shared::orgs::OrgKind;
use shared::page::Page;
use shared::taxonomy::TermKind;

use crate::api;
use crate::components::data::{ErrorView, Pager, resource_view};
use crate::components::data::{NothingFound, keyword_in_url};
use crate::components::form::{FormError, FormErrors, KeywordBox, SelectField, TextArea, TextField};
use crate::components::labels::{bilingual, local_input, now, parse_local, use_taxonomy, when};
use crate::components::route::route_id;
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn CompetitionList() -> impl IntoView {
    let session = use_session();
    let (words, search) = keyword_in_url("/competitions");
    let page = RwSignal::new(1u32);
    Effect::new(move |_| {
        words.track();
        page.set(1);
    });
    let data = LocalResource::new(move || {
        let (q, n) = (words.get(), page.get());
        async move { api::competitions(q.as_deref(), n).await }
    });
    let organizer = move || {
        session.me.with(|m| m.as_ref().is_some_and(|m| m.memberships.iter().any(|o| o.org_kind == OrgKind::Organizer)))
    };
    view! {
        <section class="page">
            <header class="page-header">
                <h1>{tr(Msg::CompTitle)}</h1>
                {move || organizer().then(|| view! { <a class="btn btn-primary" href="/competitions/new">{tr(Msg::CompNew)}</a> })}
            </header>
            <p class="muted">{tr(Msg::CompIntro)}</p>
            <KeywordBox current=words on_search=search placeholder=Msg::CompKeywordPlaceholder/>
            {resource_view(data, move |found: Page<Competition>| {
                let pager = (found.pages() > 1).then(|| view! { <Pager page=found.clone() on_page=Callback::new(move |n| page.set(n))/> });
                let list = found.items;
                if list.is_empty() {
                    return match words.get_untracked() {
                        Some(_) => view! { <NothingFound clear="/competitions"/> }.into_any(),
                        None => view! { <p class="state">{tr(Msg::CompNone)}</p> }.into_any(),
                    };
                }
                view! {
                    <ul class="cards" data-testid="competitions">
                        {list.into_iter().map(|c| view! { <CompetitionCard c=c/> }).collect_view()}
                    </ul>
                    {pager}
                }.into_any()
            })}
        </section>
    }
}

#[component]
fn CompetitionCard(c: Competition) -> impl IntoView {
    let (zh, en) = (c.title_zh.clone(), c.title_en.clone());
    let org = c.org.clone();
    let stage = c.current_stage().cloned();
    let tracks = c.tracks.clone();
    view! {
        <li class="card">
            <a href=format!("/competitions/{}", c.id)><strong>{move || bilingual(&zh, en.as_deref(), locale())}</strong></a>
            <p class="small muted">{move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}
                " · "{tr(Msg::CompTeams)}" "{c.teams}</p>
            <p class="small">{move || tracks.iter().map(|t| bilingual(&t.name_zh, t.name_en.as_deref(), locale())).collect::<Vec<_>>().join(Msg::ListSep.t(locale()))}</p>
            {match stage {
                Some(s) => view! {
                    <p class="small"><span class="badge">{tr(s.status.msg())}</span>" "
                        {move || bilingual(&s.name_zh, s.name_en.as_deref(), locale())}" · "
                        {tr(Msg::CompDeadline)}" "{when(&s.deadline)}</p>
                }.into_any(),
                None => view! { <p class="small"><span class="badge">{tr(Msg::StageClosed)}</span></p> }.into_any(),
            }}
        </li>
    }
}

// ---------- the set-up form ----------

#[derive(Clone, Copy)]
struct TrackRow {
    domain: RwSignal<String>,
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct StageRow {
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
    deadline: RwSignal<String>,
    advance: RwSignal<String>,
    /// One extra field per line; a leading `*` makes it required.
    fields: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct CriterionRow {
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
    weight: RwSignal<String>,
    scale: RwSignal<String>,
}

fn sig(s: impl Into<String>) -> RwSignal<String> {
    RwSignal::new(s.into())
}

fn optional(s: RwSignal<String>) -> Option<String> {
    Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
}

fn fields_text(fields: &[ExtraField]) -> String {
    fields.iter().map(|f| format!("{}{}", if f.required { "*" } else { "" }, f.label_zh)).collect::<Vec<_>>().join("\n")
}

fn parse_fields(text: &str) -> Vec<ExtraField> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.strip_prefix('*') {
            Some(rest) => ExtraField { label_zh: rest.trim().to_owned(), label_en: None, required: true },
            None => ExtraField { label_zh: l.to_owned(), label_en: None, required: false },
        })
        .collect()
}

/// A rubric as form rows (a new competition starts from the typical one).
fn criterion_rows(rubric: Vec<Criterion>) -> Vec<CriterionRow> {
    rubric
        .into_iter()
        .map(|k| CriterionRow {
            name_zh: sig(k.name_zh),
            name_en: sig(k.name_en.unwrap_or_default()),
            weight: sig(k.weight.to_string()),
            scale: sig(k.scale.to_string()),
        })
        .collect()
}

#[component]
pub fn NewCompetition() -> impl IntoView {
    view! { <CompetitionForm existing=None/> }
}

#[component]
pub fn EditCompetition() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::competition(id).await }
    });
    view! { {resource_view(data, move |c: Competition| view! { <CompetitionForm existing=Some(c)/> })} }
}

#[component]
fn CompetitionForm(existing: Option<Competition>) -> impl IntoView {
    let session = use_session();
    let tax = use_taxonomy();
    let navigate = use_navigate();
    let e = existing.as_ref();
    let text = |f: &dyn Fn(&Competition) -> Option<String>| sig(e.and_then(f).unwrap_or_default());
    let org = sig(e.map(|c| c.org.id.to_string()).unwrap_or_default());
    let title = text(&|c| Some(c.title_zh.clone()));
    let title_en = text(&|c| c.title_en.clone());
    let description = text(&|c| Some(c.description_zh.clone()));
    let description_en = text(&|c| c.description_en.clone());
    let eligibility = text(&|c| Some(c.eligibility_zh.clone()));
    let eligibility_en = text(&|c| c.eligibility_en.clone());
    let judges = sig(e.map_or(3, |c| c.judges_per_entry).to_string());
    let tracks = RwSignal::new(match e {
        Some(c) => c
            .tracks
            .iter()
            .map(|t| TrackRow {
                domain: sig(t.domain.clone()),
                name_zh: sig(t.name_zh.clone()),
                name_en: sig(t.name_en.clone().unwrap_or_default()),
            })
            .collect(),
        None => vec![TrackRow { domain: sig(""), name_zh: sig(""), name_en: sig("") }],
    });
    let stage_row = |s: &Stage| StageRow {
        name_zh: sig(s.name_zh.clone()),
        name_en: sig(s.name_en.clone().unwrap_or_default()),
        deadline: sig(local_input(&s.deadline)),
        advance: sig(s.advance.to_string()),
        fields: sig(fields_text(&s.fields)),
    };
    let stages = RwSignal::new(match e {
        Some(c) => c.stages.iter().map(stage_row).collect(),
        None => vec![
            StageRow {
                name_zh: sig("初赛"),
                name_en: sig("Preliminary"),
                deadline: sig(""),
                advance: sig("10"),
                fields: sig(""),
            },
            StageRow {
                name_zh: sig("决赛"),
                name_en: sig("Final"),
                deadline: sig(""),
                advance: sig("3"),
                fields: sig(""),
            },
        ],
    });
    let rubric =
        RwSignal::new(criterion_rows(e.map_or_else(shared::competitions::example_rubric, |c| c.rubric.clone())));
    let editing = existing.as_ref().map(|c| c.id);
    let errors = FormErrors::new();
    let orgs = session.org_options(|o| o.org_kind == OrgKind::Organizer);
    Effect::new(move |_| {
        if org.get_untracked().is_empty()
            && let Some((first, _)) = orgs.get().first()
        {
            org.set(first.clone());
        }
    });
    let domains = Signal::derive(move || {
        let l = locale();
        tax.get().of(TermKind::Domain).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
    });
    let save = Action::new_local(move |input: &CompetitionInput| {
        let input = input.clone();
        async move {
            match editing {
                Some(id) => api::update_competition(id, &input).await,
                None => api::create_competition(&input).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(c)) => navigate(&format!("/competitions/{}", c.id), Default::default()),
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let mut missing_date = false;
        let stage_inputs: Vec<StageInput> = stages
            .get_untracked()
            .iter()
            .map(|s| {
                let deadline = parse_local(&s.deadline.get_untracked());
                missing_date |= deadline.is_none();
                StageInput {
                    name_zh: s.name_zh.get_untracked(),
                    name_en: optional(s.name_en),
                    deadline: deadline.unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
                    advance: s.advance.get_untracked().trim().parse().unwrap_or(0),
                    fields: parse_fields(&s.fields.get_untracked()),
                }
            })
            .collect();
        let input = CompetitionInput {
            org_id: org.get_untracked().parse().unwrap_or(0),
            title_zh: title.get_untracked(),
            title_en: optional(title_en),
            description_zh: description.get_untracked(),
            description_en: optional(description_en),
            eligibility_zh: eligibility.get_untracked(),
            eligibility_en: optional(eligibility_en),
            tracks: tracks
                .get_untracked()
                .iter()
                .map(|t| TrackInput {
                    domain: t.domain.get_untracked(),
                    name_zh: t.name_zh.get_untracked(),
                    name_en: optional(t.name_en),
                })
                .collect(),
            stages: stage_inputs,
            rubric: rubric
                .get_untracked()
                .iter()
                .map(|k| Criterion {
                    name_zh: k.name_zh.get_untracked(),
                    name_en: optional(k.name_en),
                    weight: k.weight.get_untracked().trim().parse().unwrap_or(0),
                    scale: k.scale.get_untracked().trim().parse().unwrap_or(0),
                })
                .collect(),
            judges_per_entry: judges.get_untracked().trim().parse().unwrap_or(0),
        };
        let mut checked = input.check(editing.is_none().then(now));
        if missing_date {
            let mut e = checked.err().unwrap_or_default();
            e.add("stages", shared::validate::FieldError::Required);
            checked = Err(e);
        }
        if errors.check(checked) {
            save.dispatch(input);
        }
    };
    let weight_sum =
        move || rubric.with(|r| r.iter().map(|k| k.weight.get().trim().parse::<u32>().unwrap_or(0)).sum::<u32>());
    view! {
        <section class="page narrow">
            <h1>{tr(if editing.is_some() { Msg::CompEdit } else { Msg::CompNew })}</h1>
            <form on:submit=submit novalidate data-testid="competition-form">
                <FormError errors=errors/>
                {editing.is_none().then(|| view! {
                    <SelectField label=Msg::EngFromOrg name="org_id" value=org options=orgs errors=errors required=true/>
                })}
                <TextField label=Msg::TitleZh name="title_zh" value=title errors=errors/>
                <TextField label=Msg::TitleEn name="title_en" value=title_en errors=errors/>
                <TextArea label=Msg::OrgDescription name="description_zh" value=description errors=errors/>
                <TextArea label=Msg::EventDescriptionEn name="description_en" value=description_en errors=errors/>
                <TextArea label=Msg::CompEligibility name="eligibility_zh" value=eligibility errors=errors/>
                <TextArea label=Msg::CompEligibilityEn name="eligibility_en" value=eligibility_en errors=errors/>

                <fieldset data-testid="tracks">
                    <legend>{tr(Msg::CompTracks)}</legend>
                    {move || errors.of("tracks").get().map(|m| view! { <p class="field-error">{m}</p> })}
                    {move || tracks.get().into_iter().enumerate().map(|(i, t)| view! {
                        <div class="row-fields">
                            <label>{tr(Msg::OrgDomains)}
                                <select prop:value=move || t.domain.get() on:change=move |ev| t.domain.set(event_target_value(&ev))>
                                    <option value="">"—"</option>
                                    {move || domains.get().into_iter().map(|(code, label)| {
                                        let selected = t.domain.get_untracked() == code;
                                        view! { <option value=code selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select></label>
                            <label>{tr(Msg::CompTrackName)}
                                <input type="text" prop:value=move || t.name_zh.get() on:input=move |ev| t.name_zh.set(event_target_value(&ev))/></label>
                            <label>{tr(Msg::CompNameEn)}
                                <input type="text" prop:value=move || t.name_en.get() on:input=move |ev| t.name_en.set(event_target_value(&ev))/></label>
                            <button type="button" class="btn btn-ghost" on:click=move |_| tracks.update(|v| { v.remove(i); })>{tr(Msg::Remove)}</button>
                        </div>
                    }).collect_view()}
                    <button type="button" class="btn btn-secondary" data-testid="add-track"
                        on:click=move |_| tracks.update(|v| v.push(TrackRow { domain: sig(""), name_zh: sig(""), name_en: sig("") }))>{tr(Msg::CompAddTrack)}</button>
                </fieldset>

                <fieldset data-testid="stages">
                    <legend>{tr(Msg::CompStages)}</legend>
                    {move || errors.of("stages").get().map(|m| view! { <p class="field-error">{m}</p> })}
                    {move || stages.get().into_iter().enumerate().map(|(i, s)| {
                        let name = format!("stage-{i}-deadline");
                        view! {
                            <div class="row-fields">
                                <label>{tr(Msg::CompStageName)}
                                    <input type="text" prop:value=move || s.name_zh.get() on:input=move |ev| s.name_zh.set(event_target_value(&ev))/></label>
                                <label>{tr(Msg::CompNameEn)}
                                    <input type="text" prop:value=move || s.name_en.get() on:input=move |ev| s.name_en.set(event_target_value(&ev))/></label>
                                <label>{tr(Msg::CompDeadline)}
                                    <input type="datetime-local" id=name prop:value=move || s.deadline.get() on:input=move |ev| s.deadline.set(event_target_value(&ev))/></label>
                                <label>{tr(Msg::CompAdvance)}
                                    <input type="number" min="1" prop:value=move || s.advance.get() on:input=move |ev| s.advance.set(event_target_value(&ev))/></label>
                                <label class="wide">{tr(Msg::CompFields)}
                                    <textarea rows="2" prop:value=move || s.fields.get() on:input=move |ev| s.fields.set(event_target_value(&ev))></textarea></label>
                                <button type="button" class="btn btn-ghost" on:click=move |_| stages.update(|v| { v.remove(i); })>{tr(Msg::Remove)}</button>
                            </div>
                        }
                    }).collect_view()}
                    <p class="hint">{tr(Msg::CompFieldsHint)}</p>
                    <button type="button" class="btn btn-secondary"
                        on:click=move |_| stages.update(|v| v.push(StageRow { name_zh: sig(""), name_en: sig(""), deadline: sig(""), advance: sig("3"), fields: sig("") }))>{tr(Msg::CompAddStage)}</button>
                </fieldset>

                <fieldset data-testid="rubric">
                    <legend>{tr(Msg::CompRubric)}</legend>
                    {move || errors.of("rubric").get().map(|m| view! { <p class="field-error">{m}</p> })}
                    {move || rubric.get().into_iter().enumerate().map(|(i, k)| view! {
                        <div class="row-fields">
                            <label>{tr(Msg::CompCriterion)}
                                <input type="text" prop:value=move || k.name_zh.get() on:input=move |ev| k.name_zh.set(event_target_value(&ev))/></label>
                            <label>{tr(Msg::CompNameEn)}
                                <input type="text" prop:value=move || k.name_en.get() on:input=move |ev| k.name_en.set(event_target_value(&ev))/></label>
                            <label>{tr(Msg::CompWeight)}
                                <input type="number" min="1" max="100" prop:value=move || k.weight.get() on:input=move |ev| k.weight.set(event_target_value(&ev))/></label>
                            <label>{tr(Msg::CompScale)}
                                <input type="number" min="1" max="100" prop:value=move || k.scale.get() on:input=move |ev| k.scale.set(event_target_value(&ev))/></label>
                            <button type="button" class="btn btn-ghost" on:click=move |_| rubric.update(|v| { v.remove(i); })>{tr(Msg::Remove)}</button>
                        </div>
                    }).collect_view()}
                    <p class="hint" data-testid="weight-sum">{tr(Msg::CompWeightSum)}{tr(Msg::Colon)}{weight_sum}" %"</p>
                    <button type="button" class="btn btn-secondary"
                        on:click=move |_| rubric.update(|v| v.push(CriterionRow { name_zh: sig(""), name_en: sig(""), weight: sig("10"), scale: sig("10") }))>{tr(Msg::CompAddCriterion)}</button>
                </fieldset>
                <TextField label=Msg::CompJudgesPerEntry name="judges_per_entry" value=judges errors=errors/>
                <button class="btn btn-primary" type="submit" data-testid="save-competition">{tr(Msg::Save)}</button>
            </form>
        </section>
    }
}

// ---------- the competition page ----------

#[component]
pub fn CompetitionPage() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::competition(id).await }
    });
    let changed = Callback::new(move |_| data.refetch());
    view! {
        <section class="page">
            {resource_view(data, move |c: Competition| view! { <CompetitionView c=c changed=changed/> })}
        </section>
    }
}

#[component]
fn CompetitionView(c: Competition, changed: Callback<()>) -> impl IntoView {
    crate::head::name_page((&c.title_zh, c.title_en.as_deref()), (&c.description_zh, c.description_en.as_deref()));
    let session = use_session();
    let tax = use_taxonomy();
    let (zh, en) = (c.title_zh.clone(), c.title_en.clone());
    let (dz, de) = (c.description_zh.clone(), c.description_en.clone());
    let (ez, ee) = (c.eligibility_zh.clone(), c.eligibility_en.clone());
    let org = c.org.clone();
    let tracks = c.tracks.clone();
    let stages = c.stages.clone();
    let rubric = c.rubric.clone();
    let mine = c.mine;
    let signed_in = move || session.me.with(Option::is_some);
    view! {
        <header class="page-header">
            <h1 data-testid="competition-title">{move || bilingual(&zh, en.as_deref(), locale())}</h1>
            <p class="muted">{move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}
                " · "{tr(Msg::CompTeams)}" "{c.teams}</p>
            {mine.then(|| view! { <a class="btn btn-secondary" href=format!("/competitions/{}/edit", c.id)>{tr(Msg::Edit)}</a> })}
            {c.notice_id.map(|n| view! { <a class="btn btn-primary" href=format!("/notices/{n}") data-testid="results-notice">{tr(Msg::CompNotice)}</a> })}
        </header>
        {(!c.published).then(|| view! { <Draft competition=c.id can_open=mine changed=changed/> })}
        <article class="card">
            <p class="prose">{move || bilingual(&dz, de.as_deref(), locale())}</p>
            <h2>{tr(Msg::CompEligibility)}</h2>
            <p class="prose">{move || bilingual(&ez, ee.as_deref(), locale())}</p>
            <h2>{tr(Msg::CompTracks)}</h2>
            <ul class="tags">{tracks.into_iter().map(|t| view! {
                <li class="badge">{move || bilingual(&t.name_zh, t.name_en.as_deref(), locale())}
                    " · "{move || tax.label(TermKind::Domain, &t.domain, locale())}" · "{t.teams}</li>
            }).collect_view()}</ul>
            <h2>{tr(Msg::CompStages)}</h2>
            <table class="table">
                <thead><tr><th>{tr(Msg::CompStageName)}</th><th>{tr(Msg::CompDeadline)}</th><th>{tr(Msg::CompAdvance)}</th><th></th></tr></thead>
                <tbody>{stages.into_iter().map(|s| view! {
                    <tr><td>{move || bilingual(&s.name_zh, s.name_en.as_deref(), locale())}</td><td>{when(&s.deadline)}</td>
                        <td>{s.advance}</td><td><span class="badge">{tr(s.status.msg())}</span></td></tr>
                }).collect_view()}</tbody>
            </table>
            <h2>{tr(Msg::CompRubric)}</h2>
            <table class="table" data-testid="rubric-table">
                <thead><tr><th>{tr(Msg::CompCriterion)}</th><th>{tr(Msg::CompWeight)}</th><th>{tr(Msg::CompScale)}</th></tr></thead>
                <tbody>{rubric.into_iter().map(|k| view! {
                    <tr><td>{move || bilingual(&k.name_zh, k.name_en.as_deref(), locale())}</td><td>{k.weight}" %"</td><td>{k.scale}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </article>
        {move || if signed_in() {
            view! { <Teams c=c.clone() changed=changed/> }.into_any()
        } else {
            view! {
                <section class="card" data-testid="comp-signin">
                    <p class="muted">{tr(Msg::CompSignIn)}</p>
                    <a class="btn btn-primary" href=crate::session::returning_to_here("/login") data-testid="login-to-compete">{tr(Msg::CompSignInButton)}</a>
                </section>
            }.into_any()
        }}
    }
}

/// The caller's team (or the registration form), and for organizers every team and the judging.
#[component]
fn Teams(c: Competition, changed: Callback<()>) -> impl IntoView {
    let id = c.id;
    let data = LocalResource::new(move || async move { api::teams(id).await });
    let refresh = Callback::new(move |_| {
        data.refetch();
        changed.run(());
    });
    view! {
        {resource_view(data, move |teams: Vec<Team>| {
            let c = c.clone();
            let own: Vec<Team> = teams.iter().filter(|t| t.mine).cloned().collect();
            let invited: Vec<Team> = teams.iter().filter(|t| t.invited).cloned().collect();
            let open = c.stages.first().is_some_and(|s| s.status == StageStatus::Open && s.deadline > now());
            view! {
                {invited.into_iter().map(|t| view! { <TeamInvitation t=t changed=refresh/> }).collect_view()}
                {match own.into_iter().next() {
                    Some(t) => view! { <MyTeam c=c.clone() t=t changed=refresh/> }.into_any(),
                    // Its organizers run it: they get their view, not an entry form.
                    None if c.mine => view! {
                        <p class="notice" data-testid="organizer-view">{tr(Msg::CompOrganizerView)}" "
                            <a href="#organizer-panel">{tr(Msg::CompGoToManagement)}</a></p>
                    }.into_any(),
                    None if open && c.published => view! { <RegisterTeam c=c.clone() changed=refresh/> }.into_any(),
                    None => ().into_any(),
                }}
                {c.mine.then(|| view! { <super::judging::Organizer c=c.clone() teams=teams.clone() changed=refresh/> })}
            }
        })}
    }
}

#[component]
fn RegisterTeam(c: Competition, changed: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = sig("");
    let track = sig(c.tracks.first().map(|t| t.id.to_string()).unwrap_or_default());
    let org = sig("");
    let members = sig("");
    let errors = FormErrors::new();
    let track_options = Signal::derive(move || {
        let l = locale();
        c.tracks.iter().map(|t| (t.id.to_string(), bilingual(&t.name_zh, t.name_en.as_deref(), l))).collect::<Vec<_>>()
    });
    let orgs = session.org_options(|_| true);
    let id = c.id;
    let save = Action::new_local(move |input: &TeamInput| {
        let input = input.clone();
        async move { api::register_team(id, &input).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => changed.run(()),
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let input = TeamInput {
            name: name.get_untracked(),
            track_id: track.get_untracked().parse().unwrap_or(0),
            org_id: org.get_untracked().parse().ok(),
            members: members.get_untracked().lines().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect(),
        };
        if errors.check(input.check().map(|_| ())) {
            save.dispatch(input);
        }
    };
    view! {
        <section class="card" data-testid="register-team">
            <h2>{tr(Msg::CompRegister)}</h2>
            <form on:submit=submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::CompTeamName name="team_name" value=name errors=errors/>
                <SelectField label=Msg::CompTrack name="track_id" value=track options=track_options errors=errors required=true/>
                <SelectField label=Msg::CompTeamOrg name="team_org" value=org options=orgs errors=errors/>
                <OrgColleagues org=org members=members/>
                <TextArea label=Msg::CompMembers name="members" value=members errors=errors/>
                <p class="hint">{tr(Msg::CompMembersHint)}</p>
                <button class="btn btn-primary" type="submit" data-testid="register-team-submit">{tr(Msg::CompRegisterSubmit)}</button>
            </form>
        </section>
    }
}

/// The chosen organization's members, each a click away from the members list.
#[component]
fn OrgColleagues(org: RwSignal<String>, members: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.email.clone()).unwrap_or_default());
    let data = LocalResource::new(move || {
        let org = org.get().parse::<i64>().ok();
        async move {
            match org {
                Some(id) => api::members(id).await.unwrap_or_default(),
                None => vec![],
            }
        }
    });
    let add = move |email: String| {
        members.update(|m| {
            if !m.lines().any(|l| l.trim().eq_ignore_ascii_case(&email)) {
                if !m.trim().is_empty() && !m.ends_with('\n') {
                    m.push('\n');
                }
                m.push_str(&email);
            }
        })
    };
    move || {
        let list: Vec<_> = data.get().unwrap_or_default().into_iter().filter(|c| c.email != me()).collect();
        (!list.is_empty()).then(|| view! {
            <p class="small" data-testid="colleagues">{tr(Msg::CompColleagues)}{tr(Msg::Colon)}
                {list.into_iter().map(|c| {
                    let email = c.email.clone();
                    view! { <button type="button" class="btn btn-ghost" on:click=move |_| add(email.clone())>"+ "{c.display_name.clone()}</button> }
                }).collect_view()}</p>
        })
    }
}

#[component]
fn MyTeam(c: Competition, t: Team, changed: Callback<()>) -> impl IntoView {
    let track = c.tracks.iter().find(|k| k.id == t.track_id).map(|k| (k.name_zh.clone(), k.name_en.clone()));
    let reached: Vec<Stage> = c.stages.iter().filter(|s| s.position <= t.reached).cloned().collect();
    let team = t.id;
    view! {
        <section class="card" data-testid="my-team">
            <h2>{tr(Msg::CompMyTeam)}{tr(Msg::Colon)}{t.name.clone()}</h2>
            <p class="small">{track.map(|(zh, en)| view! { {tr(Msg::CompTrack)}{tr(Msg::Colon)}{move || bilingual(&zh, en.as_deref(), locale())} })}
                {t.org.clone().map(|o| view! { " · "{o.name_zh} })}</p>
            <h3 class="small">{tr(Msg::CompMembers)}</h3>
            <MemberList t=t.clone()/>
            <TeamMembership t=t.clone() changed=changed/>
            {reached.into_iter().map(|s| {
                let latest = t.submissions.iter().find(|x| x.stage_id == s.id).cloned();
                view! { <StageSubmission team=team stage=s latest=latest changed=changed/> }
            }).collect_view()}
        </section>
    }
}

/// A draft competition: said so, and for its organizers the way to open it.
#[component]
fn Draft(competition: i64, can_open: bool, changed: Callback<()>) -> impl IntoView {
    let open = Action::new_local(move |_: &()| async move { api::open_competition(competition).await.map(|_| ()) });
    Effect::new(move |_| {
        if let Some(Ok(())) = open.value().get() {
            changed.run(());
        }
    });
    view! {
        <crate::components::data::DraftNotice text=Msg::CompDraft button=Msg::CompOpen testid="competition-draft"
            can_publish=can_open publish=open/>
    }
}

/// A team that invited the caller: who leads it and who is on it, to join or decline.
#[component]
fn TeamInvitation(t: Team, changed: Callback<()>) -> impl IntoView {
    let team = t.id;
    let answer = Action::new_local(move |join: &bool| {
        let join = *join;
        async move { api::answer_team(team, join).await.map(|_| ()) }
    });
    view! {
        <section class="card" data-testid="team-invitation">
            <h2>{tr(Msg::TeamInviteText)}{tr(Msg::Colon)}{t.name.clone()}</h2>
            <MemberList t=t.clone()/>
            <crate::components::data::AcceptDecline answer=answer accept=Msg::TeamJoin decline=Msg::TeamDeclineInvite
                testid="team" answered=changed/>
        </section>
    }
}

/// The team's members, the leader starred, with whether each joined.
#[component]
fn MemberList(t: Team) -> impl IntoView {
    view! {
        <ul class="plain small" data-testid="team-members">
            {t.members.into_iter().map(|m| {
                let name = m.name.as_deref().map_or_else(|| m.email.clone(), crate::components::labels::person);
                view! { <li>{name}{m.leader.then_some("★")}" "<span class="badge badge-muted">{tr(m.status.msg())}</span></li> }
            }).collect_view()}
        </ul>
    }
}

/// Leaving the team (confirmed), and for its leader inviting members and handing over.
#[component]
fn TeamMembership(t: Team, changed: Callback<()>) -> impl IntoView {
    #[derive(Clone)]
    enum Step {
        Leave,
        Invite(String),
        HandOver(String),
    }
    let team = t.id;
    let act = Action::new_local(move |s: &Step| {
        let s = s.clone();
        async move {
            match s {
                Step::Leave => api::leave_team(team).await,
                Step::Invite(e) => api::invite_team_member(team, e).await.map(|_| ()),
                Step::HandOver(e) => api::hand_over_team(team, e).await.map(|_| ()),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = act.value().get() {
            changed.run(());
        }
    });
    let email = RwSignal::new(String::new());
    let successor = RwSignal::new(String::new());
    let joined: Vec<(String, String)> = t
        .members
        .iter()
        .filter(|m| !m.leader && m.status == shared::competitions::TeamMemberStatus::Joined)
        .map(|m| (m.email.clone(), m.name.clone().unwrap_or_else(|| m.email.clone())))
        .collect();
    let leave = move |_| {
        let ok = web_sys::window().and_then(|w| w.confirm_with_message(tr(Msg::TeamLeaveConfirm)()).ok());
        if ok == Some(true) {
            act.dispatch(Step::Leave);
        }
    };
    view! {
        {move || match act.value().get() {
            Some(Err(e)) => Some(view! { <ErrorView error=e/> }),
            _ => None,
        }}
        {t.leading.then(|| view! {
            <form class="inline-form" data-testid="team-invite" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                act.dispatch(Step::Invite(email.get_untracked()));
            }>
                <label for="team-invite-email">{tr(Msg::TeamInviteMember)}</label>
                <input id="team-invite-email" type="email" autocomplete="off" prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))/>
                <button class="btn btn-secondary btn-small" type="submit">{tr(Msg::TeamInviteMember)}</button>
            </form>
            {(!joined.is_empty()).then(|| view! {
                <p class="inline-form">
                    <label for="team-successor">{tr(Msg::TeamHandOver)}</label>
                    <select id="team-successor" on:change=move |ev| successor.set(event_target_value(&ev))>
                        <option value="">{tr(Msg::ChooseOne)}</option>
                        {joined.clone().into_iter().map(|(e, n)| view! { <option value=e>{n}</option> }).collect_view()}
                    </select>
                    <button class="btn btn-secondary btn-small" data-testid="team-hand-over" disabled=move || successor.with(String::is_empty)
                        on:click=move |_| { act.dispatch(Step::HandOver(successor.get_untracked())); }>{tr(Msg::TeamHandOver)}</button>
                </p>
            })}
        })}
        <p class="actions"><button class="btn btn-ghost btn-small" data-testid="team-leave" on:click=leave>{tr(Msg::TeamLeave)}</button></p>
    }
}

/// One stage's submission: the form while it is open, the latest version and every earlier one.
#[component]
fn StageSubmission(team: i64, stage: Stage, latest: Option<Submission>, changed: Callback<()>) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let open = stage.status == StageStatus::Open && stage.deadline > now();
    let l = latest.as_ref();
    let summary = sig(l.map(|s| s.summary.clone()).unwrap_or_default());
    let video = sig(l.and_then(|s| s.video_url.clone()).unwrap_or_default());
    let extras: Vec<RwSignal<String>> = stage
        .fields
        .iter()
        .enumerate()
        .map(|(i, _)| sig(l.and_then(|s| s.extras.get(i).cloned()).unwrap_or_default()))
        .collect();
    let errors = FormErrors::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let stage_id = stage.id;
    let fields = stage.fields.clone();
    let save = Action::new_local(move |input: &SubmissionInput| {
        let input = input.clone();
        async move { api::submit_entry(team, stage_id, &input).await }
    });
    let upload = Action::new_local(move |_: &()| {
        let file = file_input
            .get_untracked()
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        async move {
            match file {
                Some(f) => api::upload_plan(team, stage_id, f).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let upload_error = RwSignal::new(None::<shared::ApiError>);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => changed.run(()),
        Some(Err(e)) => errors.server(e),
        None => {}
    });
    Effect::new(move |_| match upload.value().get() {
        Some(Ok(Some(_))) => {
            upload_error.set(None);
            changed.run(());
        }
        Some(Err(e)) => upload_error.set(Some(e)),
        _ => {}
    });
    let extra_signals = extras.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let input = SubmissionInput {
            summary: summary.get_untracked(),
            video_url: optional(video),
            extras: extra_signals.iter().map(|s| s.get_untracked()).collect(),
        };
        if errors.check(input.check(&fields).map(|_| ())) {
            save.dispatch(input);
        }
    };
    let versions = RwSignal::new(None::<Vec<Submission>>);
    let load_versions = Action::new_local(move |_: &()| async move { api::submission_versions(team, stage_id).await });
    Effect::new(move |_| {
        if let Some(Ok(v)) = load_versions.value().get() {
            versions.set(Some(v));
        }
    });
    let (sz, se) = (stage.name_zh.clone(), stage.name_en.clone());
    let labels = stage.fields.clone();
    view! {
        <div class="stage-submission" data-testid=format!("stage-{}", stage.position)>
            <h3>{move || bilingual(&sz, se.as_deref(), locale())}" · "{tr(Msg::CompDeadline)}" "{when(&stage.deadline)}</h3>
            {latest.clone().map(|s| view! { <SubmissionView s=s labels=labels.clone()/> })}
            {if open {
                view! {
                    <form on:submit=submit novalidate>
                        <FormError errors=errors/>
                        <TextArea label=Msg::CompSummary name="summary" value=summary errors=errors/>
                        <TextField label=Msg::CompVideo name="video_url" value=video errors=errors/>
                        {stage.fields.iter().zip(extras).enumerate().map(|(i, (f, value))| {
                            let id = format!("f-extras-{i}");
                            let (lz, le) = (f.label_zh.clone(), f.label_en.clone());
                            let key = format!("extras.{i}");
                            view! {
                                <div class="field"><label for=id.clone()>{move || bilingual(&lz, le.as_deref(), locale())}{f.required.then_some(" *")}</label>
                                    <input id=id type="text" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                                    {move || errors.fields.with(|e| e.get(&key).cloned()).map(|m| view! { <p class="field-error">{m}</p> })}</div>
                            }
                        }).collect_view()}
                        <button class="btn btn-primary" type="submit" data-testid="save-submission">{tr(Msg::CompSubmit)}</button>
                    </form>
                    <div class="field">
                        <label for=format!("f-plan-{stage_id}")>{tr(Msg::CompPlan)}</label>
                        <input id=format!("f-plan-{stage_id}") type="file" accept="application/pdf" node_ref=file_input
                            data-testid="plan-file" on:change=move |_| { upload.dispatch(()); }/>
                        {move || upload_error.get().map(|e| view! { <ErrorView error=e/> })}
                    </div>
                }.into_any()
            } else {
                view! { <p class="notice">{tr(Msg::CompFrozen)}</p> }.into_any()
            }}
            <details on:toggle=move |_| { if versions.get_untracked().is_none() { load_versions.dispatch(()); } }>
                <summary>{tr(Msg::CompVersions)}</summary>
                <ol class="history">{move || versions.get().unwrap_or_default().into_iter().map(|v| view! {
                    <li>"v"{v.version}" · "{when(&v.submitted_at)}" · "{crate::components::labels::person(&v.submitted_by)}
                        {v.plan_name.clone().map(|p| view! { " · "<a href=format!("/api/v1/submissions/{}/plan", v.id)>{p}</a> })}</li>
                }).collect_view()}</ol>
            </details>
        </div>
    }
}

/// A submission as judges and the team read it.
#[component]
pub fn SubmissionView(s: Submission, labels: Vec<ExtraField>) -> impl IntoView {
    view! {
        <dl class="submission" data-testid="submission">
            <dt>{tr(Msg::CompSummary)}</dt><dd class="prose">{s.summary.clone()}</dd>
            {s.video_url.clone().map(|v| view! { <dt>{tr(Msg::CompVideo)}</dt><dd><a href=v.clone() rel="noopener noreferrer" target="_blank">{v.clone()}</a></dd> })}
            {labels.into_iter().zip(s.extras.clone()).map(|(f, v)| view! {
                <dt>{move || bilingual(&f.label_zh, f.label_en.as_deref(), locale())}</dt><dd>{v}</dd>
            }).collect_view()}
            <dt>{tr(Msg::CompPlan)}</dt>
            <dd>{match s.plan_name.clone() {
                Some(p) => view! { <a href=format!("/api/v1/submissions/{}/plan", s.id) data-testid="plan-link">{p}</a>
                    {s.plan_size.map(|z| format!(" ({:.1} MB)", z as f64 / 1_048_576.0))} }.into_any(),
                None => view! { <span class="muted">"—"</span> }.into_any(),
            }}</dd>
            <dt>{tr(Msg::CompVersion)}</dt><dd>"v"{s.version}" · "{when(&s.submitted_at)}</dd>
        </dl>
    }
}
