//! An event's door staff and co-organizers, and the invitation to join them.

use super::*;
use crate::components::act::Act;

/// Co-organizers: managers run the event with its organizers, check-in staff scan tickets.
#[component]
pub(super) fn StaffPanel(event: i64) -> impl IntoView {
    let data = LocalResource::new(move || async move { api::event_staff(event).await });
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(StaffRole::Checkin.as_str().to_owned());
    let errors = FormErrors::new();
    let roles = Signal::derive(move || {
        StaffRole::ALL.iter().map(|r| (r.as_str().to_owned(), r.msg().t(locale()).to_owned())).collect()
    });
    let act = Act::new(move |change: &StaffChange| {
        let change = change.clone();
        async move {
            match change {
                StaffChange::Put(s) => api::put_event_staff(event, &s).await,
                StaffChange::Remove(user) => api::remove_event_staff(event, user).await,
                StaffChange::Withdraw(email) => api::withdraw_staff_invitation(event, &email).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(_) => {
            email.set(String::new());
            data.refetch();
        }
        Err(e) => errors.server(e),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let role = StaffRole::parse(&role.get_untracked()).unwrap_or(StaffRole::Checkin);
        act.dispatch(StaffChange::Put(StaffInput { email: email.get_untracked(), role }));
    };
    view! {
        <section class="card" data-testid="staff">
            <h2>{tr(Msg::StaffTitle)}</h2>
            {resource_view(data, move |list: Vec<Staff>| {
                if list.is_empty() {
                    return view! { <p class="state">{tr(Msg::StaffEmpty)}</p> }.into_any();
                }
                view! {
                    <table class="table"><tbody>
                        {list.into_iter().map(|s| {
                            // Invited people are shown by the address typed until they accept.
                            let change = match s.user_id {
                                Some(user) => StaffChange::Remove(user),
                                None => StaffChange::Withdraw(s.email.clone()),
                            };
                            view! {
                                <tr>
                                    <td>{s.display_name}</td>
                                    <td>{s.email}</td>
                                    <td><span class="badge">{tr(s.role.msg())}</span>
                                        {(!s.accepted).then(|| view! { " "<span class="badge badge-muted" data-testid="staff-invited">{tr(Msg::StaffInvited)}</span> })}</td>
                                    <td><button class="btn btn-small btn-ghost" on:click=move |_| { act.dispatch(change.clone()); }>{tr(Msg::StaffRemove)}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody></table>
                }.into_any()
            })}
            <form class="inline-form" on:submit=submit novalidate>
                <FormError errors=errors/>
                <TextField label=Msg::StaffEmail name="email" value=email errors=errors/>
                <SelectField label=Msg::StaffRoleLabel name="role" value=role options=roles errors=errors required=true/>
                <button class="btn btn-secondary" type="submit" data-testid="add-staff">{tr(Msg::StaffAdd)}</button>
            </form>
        </section>
    }
}

#[derive(Clone)]
pub(super) enum StaffChange {
    Put(StaffInput),
    Remove(i64),
    /// An invitation not answered yet, by its address.
    Withdraw(String),
}

/// The caller's invitation to the event's staff: the role offered, accept or decline.
#[component]
pub(super) fn StaffInvitation(event: i64, role: StaffRole, changed: Callback<()>) -> impl IntoView {
    let answer = Act::new(move |accept: &bool| {
        let accept = *accept;
        async move { api::answer_staff(event, accept).await.map(|_| ()) }
    })
    .on_answer(move |answer| {
        if answer.is_ok() {
            changed.run(());
        }
    });
    view! {
        <div class="notice" role="status" data-testid="staff-invitation">
            <p>{tr(Msg::StaffInviteText)}" "<span class="badge">{tr(role.msg())}</span></p>
            <crate::components::data::AcceptDecline answer=answer accept=Msg::SpeakerAccept decline=Msg::SpeakerDecline testid="staff"/>
        </div>
    }
}
