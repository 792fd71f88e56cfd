//! The organizer's form for a new event or an edit.

use super::*;
use crate::components::act::Act;

/// The organizer's form for a new event.
#[component]
pub fn NewEvent() -> impl IntoView {
    view! { <EventForm existing=None/> }
}

/// The organizers' form for an event they run, filled in.
#[component]
pub fn EditEvent() -> impl IntoView {
    let id = route_id("id");
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::event(id).await }
    });
    view! { {resource_view(data, move |e: Event| view! { <EventForm existing=Some(e)/> })} }
}

#[component]
pub(super) fn EventForm(existing: Option<Event>) -> impl IntoView {
    let session = use_session();
    let tax = use_taxonomy();
    let navigate = use_navigate();
    let e = existing.clone();
    let text = |f: fn(&Event) -> Option<String>| RwSignal::new(e.as_ref().and_then(f).unwrap_or_default());
    let org = RwSignal::new(e.as_ref().map(|e| e.org_id.to_string()).unwrap_or_default());
    let title = text(|e| Some(e.title_zh.clone()));
    let title_en = text(|e| e.title_en.clone());
    let description = text(|e| Some(e.description_zh.clone()));
    let description_en = text(|e| e.description_en.clone());
    let kind = RwSignal::new(e.as_ref().map_or(EventType::Forum, |e| e.event_type).as_str().to_owned());
    let venue = text(|e| e.venue.clone());
    let online = text(|e| e.online_url.clone());
    let starts = text(|e| Some(local_input(&e.starts_at)));
    let ends = text(|e| Some(local_input(&e.ends_at)));
    let opens = text(|e| e.registration_opens_at.as_ref().map(local_input));
    let closes = text(|e| e.registration_closes_at.as_ref().map(local_input));
    let capacity = text(|e| Some(e.capacity.to_string()));
    let domains = RwSignal::new(e.as_ref().map(|e| e.domains.clone()).unwrap_or_default());
    let invitation = RwSignal::new(e.as_ref().is_some_and(|e| e.invitation_only));
    let verified_only = RwSignal::new(e.as_ref().is_none_or(|e| e.verified_email_required));
    let editing = existing.as_ref().map(|e| e.id);
    let errors = FormErrors::new();
    let orgs = session.org_options(|o| o.org_kind == OrgKind::Organizer);
    // The first organizer organization, once the session is known.
    Effect::new(move |_| {
        if org.get_untracked().is_empty()
            && let Some((first, _)) = orgs.get().first()
        {
            org.set(first.clone());
        }
    });
    let kinds = Signal::derive(move || {
        EventType::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect()
    });
    let fields = Signal::derive(move || {
        let l = locale();
        tax.get().of(TermKind::Domain).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
    });
    let save = Act::new(move |input: &EventInput| {
        let input = input.clone();
        async move {
            match editing {
                Some(id) => api::update_event(id, &input).await,
                None => api::create_event(&input).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(e) => navigate(&format!("/events/{}", e.id), Default::default()),
        Err(e) => errors.server(e),
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let (Some(starts_at), Some(ends_at)) =
            (parse_local(&starts.get_untracked()), parse_local(&ends.get_untracked()))
        else {
            let mut e = shared::error::FieldErrors::new();
            e.add("starts_at", shared::validate::FieldError::Required);
            errors.check(Err(e));
            return;
        };
        let optional = |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty());
        let input = EventInput {
            org_id: org.get_untracked().parse().unwrap_or(0),
            title_zh: title.get_untracked(),
            title_en: optional(title_en),
            description_zh: description.get_untracked(),
            description_en: optional(description_en),
            event_type: EventType::parse(&kind.get_untracked()).unwrap_or(EventType::Forum),
            venue: optional(venue),
            online_url: optional(online),
            starts_at,
            ends_at,
            domains: domains.get_untracked(),
            capacity: capacity.get_untracked().trim().parse().unwrap_or(0),
            invitation_only: invitation.get_untracked(),
            verified_email_required: verified_only.get_untracked(),
            registration_opens_at: parse_local(&opens.get_untracked()),
            registration_closes_at: parse_local(&closes.get_untracked()),
        };
        if errors.check(input.check(crate::components::labels::now())) {
            save.dispatch(input);
        }
    };
    let heading = if editing.is_some() { Msg::Edit } else { Msg::EventsNew };
    view! {
        <section class="page narrow">
            <h1>{tr(heading)}</h1>
            <form on:submit=submit novalidate>
                <FormError errors=errors/>
                {editing.is_none().then(|| view! {
                    <SelectField label=Msg::EngFromOrg name="org_id" value=org options=orgs errors=errors required=true/>
                })}
                <TextField label=Msg::TitleZh name="title_zh" value=title errors=errors/>
                <TextField label=Msg::TitleEn name="title_en" value=title_en errors=errors/>
                <SelectField label=Msg::EventType name="event_type" value=kind options=kinds errors=errors required=true/>
                <TextArea label=Msg::OrgDescription name="description_zh" value=description errors=errors/>
                <TextArea label=Msg::EventDescriptionEn name="description_en" value=description_en errors=errors/>
                <TextField label=Msg::EventVenue name="venue" value=venue errors=errors/>
                <TextField label=Msg::EventOnline name="online_url" value=online errors=errors/>
                <DateTimeField label=Msg::EventStarts name="starts_at" value=starts errors=errors/>
                <DateTimeField label=Msg::EventEnds name="ends_at" value=ends errors=errors/>
                <DateTimeField label=Msg::EventRegOpens name="registration_opens_at" value=opens errors=errors hint=Msg::EventRegWindowHint/>
                <DateTimeField label=Msg::EventRegCloses name="registration_closes_at" value=closes errors=errors/>
                <CheckboxGroup label=Msg::OrgDomains name="domains" value=domains options=fields errors=errors/>
                <TextField label=Msg::EventCapacity name="capacity" value=capacity errors=errors/>
                <Toggle label=Msg::EventInvitationOnly name="invitation_only" value=invitation/>
                <Toggle label=Msg::EventVerifiedOnly name="verified_email_required" value=verified_only/>
                <button class="btn btn-primary" type="submit" data-testid="create-event">{tr(if editing.is_some() { Msg::Save } else { Msg::EventsNew })}</button>
            </form>
        </section>
    }
}
