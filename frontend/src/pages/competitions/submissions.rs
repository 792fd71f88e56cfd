//! A team's submission to a stage, and how a submission reads.

use super::*;
use crate::components::act::Act;

/// One stage's submission: the form while it is open, the latest version and every earlier one.
#[component]
pub(super) fn StageSubmission(
    team: i64,
    stage: Stage,
    latest: Option<Submission>,
    changed: Callback<()>,
) -> impl IntoView {
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
    let save = Act::new(move |input: &SubmissionInput| {
        let input = input.clone();
        async move { api::submit_entry(team, stage_id, &input).await }
    })
    .on_answer(errors.or_run(changed));
    let upload_error = RwSignal::new(None::<shared::ApiError>);
    let upload = Act::new(move |_: &()| {
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
    })
    .on_answer(move |answer| match answer {
        Ok(Some(_)) => {
            upload_error.set(None);
            changed.run(());
        }
        Err(e) => upload_error.set(Some(e)),
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
    let load_versions = Act::new(move |_: &()| async move { api::submission_versions(team, stage_id).await })
        .on_answer(move |answer| {
            if let Ok(v) = answer {
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
                        {v.plan_name.clone().map(|p| view! { " · "<a href=shared::paths::submission_plan(v.id)>{p}</a> })}</li>
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
                Some(p) => view! { <a href=shared::paths::submission_plan(s.id) data-testid="plan-link">{p}</a>
                    {s.plan_size.map(|z| format!(" ({:.1} MB)", z as f64 / 1_048_576.0))} }.into_any(),
                None => view! { <span class="muted">"—"</span> }.into_any(),
            }}</dd>
            <dt>{tr(Msg::CompVersion)}</dt><dd>"v"{s.version}" · "{when(&s.submitted_at)}</dd>
        </dl>
    }
}
