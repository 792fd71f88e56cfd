//! The organizers' set-up form: tracks, stages, the rubric and the extra fields teams fill in.

use super::*;
use crate::components::act::Act;

#[derive(Clone, Copy)]
pub(super) struct TrackRow {
    domain: RwSignal<String>,
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub(super) struct StageRow {
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
    deadline: RwSignal<String>,
    advance: RwSignal<String>,
    /// One extra field per line; a leading `*` makes it required.
    fields: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub(super) struct CriterionRow {
    name_zh: RwSignal<String>,
    name_en: RwSignal<String>,
    weight: RwSignal<String>,
    scale: RwSignal<String>,
}

pub(super) fn sig(s: impl Into<String>) -> RwSignal<String> {
    RwSignal::new(s.into())
}

pub(super) fn optional(s: RwSignal<String>) -> Option<String> {
    Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
}

pub(super) fn fields_text(fields: &[ExtraField]) -> String {
    fields.iter().map(|f| format!("{}{}", if f.required { "*" } else { "" }, f.label_zh)).collect::<Vec<_>>().join("\n")
}

pub(super) fn parse_fields(text: &str) -> Vec<ExtraField> {
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
pub(super) fn criterion_rows(rubric: Vec<Criterion>) -> Vec<CriterionRow> {
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
pub(super) fn CompetitionForm(existing: Option<Competition>) -> impl IntoView {
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
    let save = Act::new(move |input: &CompetitionInput| {
        let input = input.clone();
        async move {
            match editing {
                Some(id) => api::update_competition(id, &input).await,
                None => api::create_competition(&input).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(c) => navigate(&format!("/competitions/{}", c.id), Default::default()),
        Err(e) => errors.server(e),
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
