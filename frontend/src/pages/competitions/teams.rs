//! Teams on a competition's page: registering one, colleagues, one's team, invitations and membership.

use super::*;
use crate::components::act::Act;

/// The caller's team (or the registration form), and for organizers every team and the judging.
#[component]
pub(super) fn Teams(c: Competition, changed: Callback<()>) -> impl IntoView {
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
                {c.mine.then(|| view! { <crate::pages::judging::Organizer c=c.clone() teams=teams.clone() changed=refresh/> })}
            }
        })}
    }
}

#[component]
pub(super) fn RegisterTeam(c: Competition, changed: Callback<()>) -> impl IntoView {
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
    let save = Act::new(move |input: &TeamInput| {
        let input = input.clone();
        async move { api::register_team(id, &input).await }
    })
    .on_answer(errors.or_run(changed));
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
pub(super) fn OrgColleagues(org: RwSignal<String>, members: RwSignal<String>) -> impl IntoView {
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
pub(super) fn MyTeam(c: Competition, t: Team, changed: Callback<()>) -> impl IntoView {
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

/// A team that invited the caller: who leads it and who is on it, to join or decline.
#[component]
pub(super) fn TeamInvitation(t: Team, changed: Callback<()>) -> impl IntoView {
    let team = t.id;
    let answer = Act::new(move |join: &bool| {
        let join = *join;
        async move { api::answer_team(team, join).await.map(|_| ()) }
    })
    .on_answer(move |answer| {
        if answer.is_ok() {
            changed.run(());
        }
    });
    view! {
        <section class="card" data-testid="team-invitation">
            <h2>{tr(Msg::TeamInviteText)}{tr(Msg::Colon)}{t.name.clone()}</h2>
            <MemberList t=t.clone()/>
            <crate::components::data::AcceptDecline answer=answer accept=Msg::TeamJoin decline=Msg::TeamDeclineInvite testid="team"/>
        </section>
    }
}

/// The team's members, the leader starred, with whether each joined.
#[component]
pub(super) fn MemberList(t: Team) -> impl IntoView {
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
pub(super) fn TeamMembership(t: Team, changed: Callback<()>) -> impl IntoView {
    #[derive(Clone)]
    enum Step {
        Leave,
        Invite(String),
        HandOver(String),
    }
    let team = t.id;
    let act = Act::new(move |s: &Step| {
        let s = s.clone();
        async move {
            match s {
                Step::Leave => api::leave_team(team).await,
                Step::Invite(e) => api::invite_team_member(team, e).await.map(|_| ()),
                Step::HandOver(e) => api::hand_over_team(team, e).await.map(|_| ()),
            }
        }
    })
    .on_answer(move |answer| {
        if let Ok(()) = answer {
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
