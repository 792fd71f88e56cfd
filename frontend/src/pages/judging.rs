//! Judging in the browser: the organizers' panel on a competition page (teams, per stage the
//! judging panel, assignment with hand adjustment, release, raw and normalised results, closing,
//! export, publishing, the audit log), the judges' list and score sheet, and certificates.
//!
//! This file is long because the organizers' judging panel is one screen whose sections share one
//! competition's state; split per section when it next grows.

use leptos::prelude::*;
use shared::competitions::{
    AuditEntry, Certificate, Competition, JudgeRef, JudgingEntry, PanelInvitation, PanelStatus, ScoreInput, Stage,
    StageAssignment, StageResults, StageStatus, Team, weighted_total,
};
use shared::experts::{ExpertQuery, PoolExpert};
use shared::{ApiError, Msg};

use super::competitions::SubmissionView;
use crate::api;
use crate::components::act::Act;
use crate::components::data::{ErrorView, resource_view};
use crate::components::form::{FormError, FormErrors, TextArea};
use crate::components::labels::{bilingual, date, now, when};
use crate::components::route::route_id;
use crate::i18n::{locale, text, tr};

/// The organizers' part of a competition page.
#[component]
pub fn Organizer(c: Competition, teams: Vec<Team>, changed: Callback<()>) -> impl IntoView {
    let tracks = c.tracks.clone();
    let track_name = move |id: i64| {
        tracks
            .iter()
            .find(|t| t.id == id)
            .map(|t| bilingual(&t.name_zh, t.name_en.as_deref(), locale()))
            .unwrap_or_default()
    };
    // `reached` counts stages from 1; past the last one, the team went through them all.
    let stages = c.stages.clone();
    let stage_name = move |reached: u32| {
        let stages = stages.clone();
        move || match stages.iter().find(|s| s.position == reached) {
            Some(s) => bilingual(&s.name_zh, s.name_en.as_deref(), locale()),
            None if reached > 0 => tr(Msg::CompAllStagesPassed)().to_owned(),
            None => String::new(),
        }
    };
    let last_closed = c.stages.last().is_some_and(|s| s.status == StageStatus::Closed);
    let publish = (last_closed && c.notice_id.is_none()).then(|| view! { <Publish competition=c.id changed=changed/> });
    let k = c.judges_per_entry;
    view! {
        <section class="card" id="organizer-panel" data-testid="organizer-panel">
            <h2>{tr(Msg::CompOrganizer)}</h2>
            <h3>{tr(Msg::CompTeams)}" ("{teams.len()}")"</h3>
            <table class="table" data-testid="team-table">
                <thead><tr><th>{tr(Msg::CompTeam)}</th><th>{tr(Msg::CompTrack)}</th><th>{tr(Msg::CompTeamOrg)}</th>
                    <th>{tr(Msg::CompMembers)}</th><th>{tr(Msg::CompReached)}</th><th>{tr(Msg::CompSubmission)}</th></tr></thead>
                <tbody>{teams.into_iter().map(|t| view! {
                    <tr>
                        <td>{t.name.clone()}</td><td>{track_name(t.track_id)}</td>
                        <td>{t.org.clone().map(|o| o.name_zh).unwrap_or_default()}</td>
                        <td>{t.members.iter().map(|m| m.name.as_deref().map_or_else(|| m.email.clone(), crate::components::labels::person)).collect::<Vec<_>>().join("、")}</td>
                        <td>{stage_name(t.reached)}</td>
                        <td>{t.submissions.iter().map(|s| format!("v{}", s.version)).collect::<Vec<_>>().join(" / ")}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            {c.stages.clone().into_iter().map(|s| view! { <StageJudging stage=s k=k changed=changed/> }).collect_view()}
            {publish}
            <Audit competition=c.id/>
        </section>
    }
}

/// One stage's judging: panel, assignment, release, results, closing.
#[component]
fn StageJudging(stage: Stage, k: u32, changed: Callback<()>) -> impl IntoView {
    let id = stage.id;
    let assignment = LocalResource::new(move || async move { api::stage_assignment(id).await });
    let results = LocalResource::new(move || async move { api::stage_results(id).await });
    let error = RwSignal::new(None::<ApiError>);
    #[derive(Clone)]
    enum Step {
        Assign,
        Adjust(i64, Vec<i64>),
        Release,
        Close,
    }
    let act = Act::new(move |step: &Step| {
        let step = step.clone();
        async move {
            // True when the stage's status changed, which the rest of the page shows.
            match step {
                Step::Assign => api::assign_judges(id).await.map(|_| false),
                Step::Adjust(team, judges) => api::set_entry_judges(id, team, judges).await.map(|_| false),
                Step::Release => api::release_stage(id).await.map(|_| true),
                Step::Close => api::close_stage(id).await.map(|_| true),
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(status_changed) => {
            error.set(None);
            assignment.refetch();
            results.refetch();
            if status_changed {
                changed.run(());
            }
        }
        Err(e) => error.set(Some(e)),
    });
    let frozen = stage.deadline <= now();
    let status = stage.status;
    let (nz, ne) = (stage.name_zh.clone(), stage.name_en.clone());
    view! {
        <section class="stage-judging" data-testid=format!("judging-stage-{}", stage.position)>
            <h3>{move || bilingual(&nz, ne.as_deref(), locale())}" · "<span class="badge">{tr(status.msg())}</span></h3>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            {resource_view(assignment, move |a: StageAssignment| {
                let editable = !a.released && status == StageStatus::Open;
                view! {
                    {editable.then(|| view! { <PanelPicker stage=id panel=a.panel.clone() saved=Callback::new(move |_| assignment.refetch())/> })}
                    <AssignmentTable a=a.clone() k=k editable=editable adjust=Callback::new(move |(team, judges)| { act.dispatch(Step::Adjust(team, judges)); })/>
                    {editable.then(|| view! {
                        <p class="actions">
                            <button class="btn btn-secondary" data-testid="assign-judges" disabled=!frozen
                                on:click=move |_| { act.dispatch(Step::Assign); }>{tr(Msg::CompAssign)}</button>
                            <button class="btn btn-primary" data-testid="release-stage" disabled=a.entries.is_empty()
                                on:click=move |_| { act.dispatch(Step::Release); }>{tr(Msg::CompRelease)}</button>
                        </p>
                        {(!frozen).then(|| view! { <p class="hint">{tr(Msg::CompAssignAfterDeadline)}</p> })}
                    })}
                }
            })}
            {(status != StageStatus::Open).then(|| view! {
                {resource_view(results, move |r: StageResults| view! { <ResultsTable r=r/> })}
                <p class="actions">
                    <a class="btn btn-ghost" href=shared::paths::stage_scores_xlsx(id) data-testid="scores-xlsx">{tr(Msg::CompExport)}</a>
                    {(status == StageStatus::Judging).then(|| view! {
                        <button class="btn btn-primary" data-testid="close-stage" on:click=move |_| { act.dispatch(Step::Close); }>{tr(Msg::CompClose)}</button>
                    })}
                </p>
            })}
        </section>
    }
}

/// Chooses the stage's judges from the approved pool: those chosen are invited, and show whether
/// they accepted.
#[component]
fn PanelPicker(stage: i64, panel: Vec<JudgeRef>, saved: Callback<()>) -> impl IntoView {
    let pool = LocalResource::new(|| async { api::experts(&ExpertQuery::default()).await });
    let answers: Vec<(i64, PanelStatus)> = panel.iter().map(|j| (j.expert_id, j.status)).collect();
    let chosen = RwSignal::new(panel.iter().map(|j| j.expert_id).collect::<Vec<i64>>());
    let error = RwSignal::new(None::<ApiError>);
    let save = Act::new(move |ids: &Vec<i64>| {
        let ids = ids.clone();
        async move { api::set_panel(stage, ids).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => saved.run(()),
        Err(e) => error.set(Some(e)),
    });
    view! {
        <details class="panel-picker" data-testid="panel-picker">
            <summary>{tr(Msg::CompPanel)}" ("{move || chosen.with(Vec::len)}")"</summary>
            {move || error.get().map(|e| view! { <ErrorView error=e/> })}
            <p class="hint">{tr(Msg::CompPanelInvited)}</p>
            {resource_view(pool, move |experts: Vec<PoolExpert>| view! {
                <ul class="checklist">{experts.into_iter().map(|e| {
                    let id = e.id;
                    let answer = answers.iter().find(|(x, _)| *x == id).map(|(_, s)| *s);
                    view! {
                        <li><label><input type="checkbox" data-testid="panel-expert" prop:checked=move || chosen.with(|c| c.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| if on { if !c.contains(&id) { c.push(id); } } else { c.retain(|x| *x != id); });
                            }/>
                            " "{e.name.clone()}" · "{e.affiliation.clone()}" · "{e.keywords.join("、")}</label>
                            {answer.map(|s| view! { " "<span class="badge" data-testid="panel-status">{tr(s.msg())}</span> })}</li>
                    }
                }).collect_view()}</ul>
            })}
            <button class="btn btn-secondary" data-testid="save-panel" on:click=move |_| { save.dispatch(chosen.get_untracked()); }>{tr(Msg::CompPanelSave)}</button>
        </details>
    }
}

#[component]
fn AssignmentTable(a: StageAssignment, k: u32, editable: bool, adjust: Callback<(i64, Vec<i64>)>) -> impl IntoView {
    if a.entries.is_empty() {
        return view! { <p class="muted">{tr(Msg::CompNoAssignment)}</p> }.into_any();
    }
    let panel = a.panel.clone();
    let name = move |u: i64| panel.iter().find(|j| j.user_id == u).map(|j| j.name.clone()).unwrap_or_default();
    // Only experts who accepted judge.
    let a = StageAssignment { panel: a.panel.into_iter().filter(|j| j.status == PanelStatus::Accepted).collect(), ..a };
    let greedy = a.greedy_fit;
    // The fit is summed over judge–entry pairs (0–100 each): read as the average per pair.
    let pairs: u64 = a.entries.iter().map(|e| e.judges.len() as u64).sum();
    let pct = move |sum: u64| if pairs == 0 { 0 } else { (sum as f64 / pairs as f64).round() as u64 };
    let fit = a.fit;
    let fit_text = move || {
        let mut t = text::CompFitAverage { pct: &pct(fit), pairs: &pairs }.t(locale());
        if let Some(g) = greedy {
            t.push_str(Msg::ListSep.t(locale()));
            t.push_str(&text::CompGreedyFitAverage { pct: &pct(g) }.t(locale()));
        }
        t
    };
    view! {
        <p class="small" data-testid="assignment-fit" title=tr(Msg::CompFitHint)>{fit_text}" · "{tr(Msg::CompJudgesPerEntry)}{tr(Msg::Colon)}{k}
            {a.released.then(|| view! { " · "<span class="badge">{tr(Msg::CompReleased)}</span> })}</p>
        <table class="table" data-testid="assignment">
            <thead><tr><th>{tr(Msg::CompTeam)}</th><th>{tr(Msg::CompJudges)}</th><th>{tr(Msg::CompFit)}</th></tr></thead>
            <tbody>{a.entries.into_iter().map(|e| {
                let team = e.team_id;
                let names = e.judges.iter().map(|u| name(*u)).collect::<Vec<_>>().join("、");
                let chosen = RwSignal::new(e.judges.clone());
                let options = a.panel.clone();
                view! {
                    <tr>
                        <td>{e.team_name.clone()}</td>
                        <td>{if editable {
                            view! {
                                <details><summary>{names}</summary>
                                    {options.into_iter().map(|j| {
                                        let u = j.user_id;
                                        view! { <label class="inline"><input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&u))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|c| if on { c.push(u); } else { c.retain(|x| *x != u); });
                                            }/>" "{j.name.clone()}</label> }
                                    }).collect_view()}
                                    <button class="btn btn-ghost" on:click=move |_| adjust.run((team, chosen.get_untracked()))>{tr(Msg::Save)}</button>
                                </details>
                            }.into_any()
                        } else {
                            view! { <span>{names}</span> }.into_any()
                        }}</td>
                        <td>{if e.judges.is_empty() { String::new() } else { format!("{}%", (f64::from(e.fit) / e.judges.len() as f64).round()) }}</td>
                    </tr>
                }
            }).collect_view()}</tbody>
        </table>
        <p class="small muted">{tr(Msg::CompLoad)}{tr(Msg::Colon)}{a.loads.iter().map(|(u, n)| format!("{} {}", name(*u), n)).collect::<Vec<_>>().join(" · ")}</p>
    }
    .into_any()
}

#[component]
fn ResultsTable(r: StageResults) -> impl IntoView {
    view! {
        <h4>{tr(Msg::CompResults)}" · "{r.scored}" / "{r.expected}</h4>
        <table class="table" data-testid="results">
            <thead><tr><th>{tr(Msg::CompRank)}</th><th>{tr(Msg::CompTeam)}</th><th>{tr(Msg::CompRaw)}</th>
                <th>{tr(Msg::CompNormalised)}</th><th>{tr(Msg::CompScores)}</th><th>{tr(Msg::CompAdvances)}</th></tr></thead>
            <tbody>{r.entries.into_iter().map(|e| view! {
                <tr data-testid="result-row">
                    <td>{e.rank}</td><td>{e.team_name.clone()}</td>
                    <td>{format!("{:.2}", e.raw)}</td><td>{format!("{:.2}", e.normalised)}</td>
                    <td class="small">{e.scores.iter().map(|s| format!("{} {:.1}→{:.1}", crate::components::labels::person(&s.judge), s.raw, s.normalised)).collect::<Vec<_>>().join("；")}
                        {(e.missing > 0).then(|| view! { " · "<span class="badge">{tr(Msg::CompMissing)}" "{e.missing}</span> })}</td>
                    <td>{e.advances.then_some("✓")}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
        <p class="hint">{tr(Msg::CompNormNote)}" "{tr(Msg::CompTieRule)}</p>
    }
}

#[component]
fn Publish(competition: i64, changed: Callback<()>) -> impl IntoView {
    let rationale = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let act = Act::new(move |text: &String| {
        let text = text.clone();
        async move { api::publish_results(competition, text).await }
    })
    .on_answer(errors.or_run(changed));
    view! {
        <section data-testid="publish-results">
            <h3>{tr(Msg::CompPublish)}</h3>
            <FormError errors=errors/>
            <TextArea label=Msg::CompRationale name="rationale" value=rationale errors=errors/>
            <button class="btn btn-primary" data-testid="publish-submit" on:click=move |_| { act.dispatch(rationale.get_untracked()); }>{tr(Msg::CompPublish)}</button>
        </section>
    }
}

#[component]
fn Audit(competition: i64) -> impl IntoView {
    let data = RwSignal::new(None::<Vec<AuditEntry>>);
    let load =
        Act::new(move |_: &()| async move { api::competition_audit(competition).await }).on_answer(move |answer| {
            if let Ok(v) = answer {
                data.set(Some(v));
            }
        });
    view! {
        <details on:toggle=move |_| { if data.get_untracked().is_none() { load.dispatch(()); } } data-testid="audit-log">
            <summary>{tr(Msg::CompAudit)}</summary>
            <ol class="history">{move || data.get().unwrap_or_default().into_iter().map(|e| view! {
                <li><time>{when(&e.at)}</time>" · "{e.user.clone().unwrap_or_default()}" · "<code>{e.action.clone()}</code>" "<span class="small muted">{e.detail.clone()}</span></li>
            }).collect_view()}</ol>
        </details>
    }
}

// ---------- the judges' side ----------

#[component]
pub fn JudgingList() -> impl IntoView {
    let data = LocalResource::new(|| async { api::judging().await });
    view! {
        <section class="page">
            <h1>{tr(Msg::CompJudging)}</h1>
            <PanelInvitations changed=Callback::new(move |_| data.refetch())/>
            <p class="muted">{tr(Msg::CompJudgingIntro)}</p>
            {resource_view(data, move |list: Vec<JudgingEntry>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::CompJudgingNone)}</p> }.into_any();
                }
                view! {
                    <table class="table" data-testid="judging-list">
                        <thead><tr><th>{tr(Msg::CompTitle)}</th><th>{tr(Msg::CompStageName)}</th><th>{tr(Msg::CompTrack)}</th>
                            <th>{tr(Msg::CompTeam)}</th><th></th></tr></thead>
                        <tbody>{list.into_iter().map(|e| {
                            let (cz, ce) = (e.competition_title_zh.clone(), e.competition_title_en.clone());
                            let (sz, se) = (e.stage_name_zh.clone(), e.stage_name_en.clone());
                            let (tz, te) = (e.track_zh.clone(), e.track_en.clone());
                            view! {
                                <tr>
                                    <td>{move || bilingual(&cz, ce.as_deref(), locale())}</td>
                                    <td>{move || bilingual(&sz, se.as_deref(), locale())}</td>
                                    <td>{move || bilingual(&tz, te.as_deref(), locale())}</td>
                                    <td><a href=format!("/judging/{}/{}", e.stage_id, e.team_id) data-testid="judge-entry">{e.team_name.clone()}</a></td>
                                    <td><span class="badge">{tr(if e.score.is_some() { Msg::CompScored } else { Msg::CompNotScored })}</span></td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            })}
        </section>
    }
}

/// The panels the expert was invited to: accept or decline those still open.
#[component]
fn PanelInvitations(changed: Callback<()>) -> impl IntoView {
    let data = LocalResource::new(|| async { api::panel_invitations().await });
    let error = RwSignal::new(None::<ApiError>);
    let answer = Act::new(move |(stage, accept): &(i64, bool)| {
        let (stage, accept) = (*stage, *accept);
        async move { api::answer_panel(stage, accept).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            error.set(None);
            data.refetch();
            changed.run(());
        }
        Err(e) => error.set(Some(e)),
    });
    move || {
        let list: Vec<PanelInvitation> = data.get().and_then(Result::ok).unwrap_or_default();
        (!list.is_empty()).then(|| view! {
            <section class="card" data-testid="panel-invitations">
                <h2>{tr(Msg::PanelInvitationsTitle)}</h2>
                {move || error.get().map(|e| view! { <ErrorView error=e/> })}
                <ul class="plain">{list.into_iter().map(|i| {
                    let stage = i.stage_id;
                    let text = move || {
                        let l = locale();
                        text::PanelInvitationText { org: &bilingual(&i.org.name_zh, i.org.name_en.as_deref(), l), title: &bilingual(&i.title_zh, i.title_en.as_deref(), l), stage: &bilingual(&i.stage_name_zh, i.stage_name_en.as_deref(), l) }.t(locale())
                    };
                    view! {
                        <li data-testid="panel-invitation">
                            <span>{text}</span>" "<span class="badge">{tr(i.status.msg())}</span>
                            {(i.status == PanelStatus::Invited).then(|| view! {
                                " "<button class="btn btn-primary btn-small" data-testid="panel-accept"
                                    on:click=move |_| { answer.dispatch((stage, true)); }>{tr(Msg::PanelAccept)}</button>
                                " "<button class="btn btn-ghost btn-small" data-testid="panel-decline"
                                    on:click=move |_| { answer.dispatch((stage, false)); }>{tr(Msg::PanelDecline)}</button>
                            })}
                        </li>
                    }
                }).collect_view()}</ul>
            </section>
        })
    }
}

#[component]
pub fn ScoreSheet() -> impl IntoView {
    let stage = route_id("stage");
    let team = route_id("team");
    let data = LocalResource::new(move || {
        let (s, t) = (stage.get(), team.get());
        async move { api::judging_entry(s, t).await }
    });
    view! {
        <section class="page narrow">
            {resource_view(data, move |e: JudgingEntry| view! { <Sheet e=e/> })}
        </section>
    }
}

#[component]
fn Sheet(e: JudgingEntry) -> impl IntoView {
    let rubric = e.rubric.clone();
    let existing = e.score.clone();
    let values: Vec<RwSignal<String>> = rubric
        .iter()
        .enumerate()
        .map(|(i, _)| {
            RwSignal::new(existing.as_ref().and_then(|s| s.values.get(i)).map(u32::to_string).unwrap_or_default())
        })
        .collect();
    let comments: Vec<RwSignal<String>> = rubric
        .iter()
        .enumerate()
        .map(|(i, _)| RwSignal::new(existing.as_ref().and_then(|s| s.comments.get(i).cloned()).unwrap_or_default()))
        .collect();
    let overall = RwSignal::new(existing.map(|s| s.comment).unwrap_or_default());
    let errors = FormErrors::new();
    let saved = RwSignal::new(false);
    let (stage, team) = (e.stage_id, e.team_id);
    let save = Act::new(move |s: &ScoreInput| {
        let s = s.clone();
        async move { api::score_entry(stage, team, &s).await }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => saved.set(true),
        Err(e) => errors.server(e),
    });
    let read = {
        let values = values.clone();
        move || values.iter().map(|v| v.get().trim().parse::<u32>().unwrap_or(0)).collect::<Vec<u32>>()
    };
    let total = {
        let (rubric, read) = (rubric.clone(), read.clone());
        move || format!("{:.2}", weighted_total(&rubric, &read()))
    };
    let submit = {
        let (rubric, comments, read) = (rubric.clone(), comments.clone(), read.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            errors.clear();
            saved.set(false);
            let input = ScoreInput {
                values: read(),
                comments: comments.iter().map(|c| c.get_untracked()).collect(),
                comment: overall.get_untracked(),
            };
            if errors.check(input.check(&rubric).map(|_| ())) {
                save.dispatch(input);
            }
        }
    };
    let judging = e.stage_status == StageStatus::Judging;
    let (cz, ce) = (e.competition_title_zh.clone(), e.competition_title_en.clone());
    let (tz, te) = (e.track_zh.clone(), e.track_en.clone());
    view! {
        <header class="page-header">
            <h1 data-testid="entry-title">{e.team_name.clone()}</h1>
            <p class="muted">{move || bilingual(&cz, ce.as_deref(), locale())}" · "{move || bilingual(&tz, te.as_deref(), locale())}</p>
        </header>
        {e.submission.clone().map(|s| view! { <article class="card"><SubmissionView s=s labels=e.fields.clone()/></article> })}
        <form class="card" on:submit=submit novalidate data-testid="score-sheet">
            <h2>{tr(Msg::CompScore)}</h2>
            <FormError errors=errors/>
            {rubric.iter().zip(values).zip(comments).enumerate().map(|(i, ((k, value), comment))| {
                let (kz, ke) = (k.name_zh.clone(), k.name_en.clone());
                let key = format!("values.{i}");
                view! {
                    <div class="field">
                        <label for=format!("f-score-{i}")>{move || bilingual(&kz, ke.as_deref(), locale())}" ("{k.weight}" %, 0–"{k.scale}")"</label>
                        <input id=format!("f-score-{i}") type="number" min="0" max=k.scale.to_string() disabled=!judging
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                        <input type="text" aria-label=tr(Msg::CompComment) placeholder=tr(Msg::CompComment) disabled=!judging
                            prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))/>
                        {move || errors.fields.with(|f| f.get(&key).cloned()).map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                }
            }).collect_view()}
            <TextArea label=Msg::CompOverall name="comment" value=overall errors=errors/>
            <p data-testid="score-total">{tr(Msg::CompTotal)}{tr(Msg::Colon)}<strong>{total}</strong></p>
            {move || saved.get().then(|| view! { <p class="notice" role="status" data-testid="score-saved">{tr(Msg::CompSaved)}</p> })}
            {if judging {
                view! { <button class="btn btn-primary" type="submit" data-testid="save-score">{tr(Msg::CompSaveScore)}</button> }.into_any()
            } else {
                view! { <p class="notice">{tr(Msg::CompScoringClosed)}</p> }.into_any()
            }}
        </form>
        <p><a href="/judging">{tr(Msg::CompJudging)}</a></p>
    }
}

// ---------- certificates ----------

#[component]
pub fn CertificatePage() -> impl IntoView {
    let team = route_id("team");
    let data = LocalResource::new(move || {
        let t = team.get();
        async move { api::certificate(t).await }
    });
    view! {
        <section class="page">
            {resource_view(data, move |c: Certificate| view! { <CertificateView c=c/> })}
        </section>
    }
}

#[component]
fn CertificateView(c: Certificate) -> impl IntoView {
    let (tz, te) = (c.competition_title_zh.clone(), c.competition_title_en.clone());
    let (kz, ke) = (c.track_zh.clone(), c.track_en.clone());
    let org = c.organizer.clone();
    let body = move || {
        text::CertBody {
            team: &c.team_name,
            title: &bilingual(&tz, te.as_deref(), locale()),
            track: &bilingual(&kz, ke.as_deref(), locale()),
            rank: &c.rank,
        }
        .t(locale())
    };
    view! {
        <p class="no-print"><button class="btn btn-primary" on:click=move |_| { let _ = window().print(); }>{tr(Msg::CertPrint)}</button></p>
        <article class="certificate" data-testid="certificate">
            <h1>{tr(Msg::CertTitle)}</h1>
            <p class="certificate-body" data-testid="certificate-body">{body}</p>
            <p>{tr(Msg::CertMembers)}{tr(Msg::Colon)}{c.members.join("、")}</p>
            <p class="certificate-sign">{move || bilingual(&org.name_zh, org.name_en.as_deref(), locale())}<br/>{date(&c.issued_at)}</p>
            <p class="small muted"><a href=format!("/notices/{}", c.notice_id)>{tr(Msg::CompNotice)}</a></p>
        </article>
    }
}
