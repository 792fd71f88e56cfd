//! Create and edit an organization profile, validated with the shared rules before submitting.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;
use shared::Msg;
use shared::orgs::{Org, OrgInput, OrgKind, OrgSize};
use shared::taxonomy::TermKind;

use super::org_id;
use crate::api;
use crate::components::act::Act;
use crate::components::data::{Loading, resource_view};
use crate::components::form::{CheckboxGroup, FormError, FormErrors, SelectField, TextArea, TextField};
use crate::components::labels::use_taxonomy;
use crate::i18n::{locale, tr};
use crate::session::use_session;

#[component]
pub fn CreateOrg() -> impl IntoView {
    let session = use_session();
    move || match (session.loaded.get(), session.me.with(Option::is_some)) {
        (false, _) => view! { <Loading/> }.into_any(),
        (true, false) => view! { <Redirect path="/login?next=/orgs/new"/> }.into_any(),
        (true, true) => view! {
            <section class="page narrow">
                <h1>{tr(Msg::OrgCreateTitle)}</h1>
                <OrgForm initial=OrgInput::empty(OrgKind::Enterprise) id=None/>
            </section>
        }
        .into_any(),
    }
}

#[component]
pub fn EditOrg() -> impl IntoView {
    let id = org_id();
    let data = LocalResource::new(move || {
        let id = id.get();
        async move { api::org(id).await }
    });
    view! {
        <section class="page narrow">
            <h1>{tr(Msg::OrgEditTitle)}</h1>
            {resource_view(data, |org: Org| view! { <OrgForm initial=org.to_input() id=Some(org.id)/> })}
        </section>
    }
}

fn text(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn opt(s: String) -> Option<String> {
    let t = s.trim().to_owned();
    (!t.is_empty()).then_some(t)
}

#[component]
fn OrgForm(initial: OrgInput, id: Option<i64>) -> impl IntoView {
    let name_zh = RwSignal::new(initial.name_zh.clone());
    let name_en = RwSignal::new(text(&initial.name_en));
    let kind = RwSignal::new(initial.kind.as_str().to_owned());
    let subtype = RwSignal::new(text(&initial.subtype));
    let tiers = RwSignal::new(initial.tiers.clone());
    let domains = RwSignal::new(initial.domains.clone());
    let district = RwSignal::new(text(&initial.district));
    let pilot_zone = RwSignal::new(text(&initial.pilot_zone));
    let description = RwSignal::new(text(&initial.description));
    let website = RwSignal::new(text(&initial.website));
    let founded = RwSignal::new(initial.founded_year.map(|y| y.to_string()).unwrap_or_default());
    let size = RwSignal::new(initial.size.map(|s| s.as_str().to_owned()).unwrap_or_default());
    let phone = RwSignal::new(text(&initial.contact_phone));
    let credit_code = RwSignal::new(text(&initial.credit_code));
    let email = RwSignal::new(text(&initial.contact_email));
    let errors = FormErrors::new();
    let tax = use_taxonomy();
    let navigate = use_navigate();
    let session = use_session();
    let i18n = crate::i18n::use_i18n();

    let kind_value = Memo::new(move |_| OrgKind::parse(&kind.get()).unwrap_or(OrgKind::Enterprise));
    let terms = move |k: TermKind| {
        Signal::derive(move || {
            let l = locale();
            tax.get().of(k).map(|t| (t.code.clone(), t.label(l).to_owned())).collect::<Vec<_>>()
        })
    };
    let kinds = Signal::derive(move || {
        OrgKind::ALL.iter().map(|k| (k.as_str().to_owned(), k.msg().t(locale()).to_owned())).collect::<Vec<_>>()
    });
    let sizes = Signal::derive(move || {
        OrgSize::ALL.iter().map(|s| (s.as_str().to_owned(), s.msg().t(locale()).to_owned())).collect::<Vec<_>>()
    });
    let subtypes = Signal::derive(move || match kind_value.get().subtype_list() {
        Some(list) => terms(list).get(),
        None => vec![],
    });

    let input = move || OrgInput {
        name_zh: name_zh.get_untracked(),
        name_en: opt(name_en.get_untracked()),
        kind: kind_value.get_untracked(),
        subtype: kind_value.get_untracked().subtype_list().and(opt(subtype.get_untracked())),
        tiers: if kind_value.get_untracked() == OrgKind::Enterprise { tiers.get_untracked() } else { vec![] },
        domains: domains.get_untracked(),
        district: opt(district.get_untracked()),
        pilot_zone: opt(pilot_zone.get_untracked()),
        description: opt(description.get_untracked()),
        website: opt(website.get_untracked()),
        founded_year: founded.get_untracked().trim().parse().ok(),
        size: OrgSize::parse(&size.get_untracked()),
        contact_phone: opt(phone.get_untracked()),
        contact_email: opt(email.get_untracked()),
        credit_code: opt(credit_code.get_untracked()),
    };
    let save = Act::new(move |input: &OrgInput| {
        let input = input.clone();
        async move {
            match id {
                Some(id) => api::update_org(id, &input).await,
                None => api::create_org(&input).await,
            }
        }
    })
    .on_answer(move |answer| match answer {
        Ok(org) => {
            session.refresh(i18n);
            navigate(&format!("/orgs/{}", org.id), Default::default());
        }
        Err(e) => errors.server(e),
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = input();
        let year = crate::components::labels::today().year();
        let founded_text = founded.get_untracked();
        let mut result = input.parse(&tax.get(), year).map(|_| ());
        if !founded_text.trim().is_empty() && input.founded_year.is_none() {
            let mut errs = result.err().unwrap_or_default();
            errs.add("founded_year", shared::validate::FieldError::YearInvalid);
            result = Err(errs);
        }
        if errors.check(result) {
            save.dispatch(input);
        }
    };
    view! {
        <form class="card form form-grid" on:submit=on_submit novalidate>
            <FormError errors=errors/>
            <TextField label=Msg::OrgNameZh name="name_zh" value=name_zh errors=errors required=true/>
            <TextField label=Msg::OrgNameEn name="name_en" value=name_en errors=errors/>
            <SelectField label=Msg::OrgKind name="kind" value=kind options=kinds errors=errors required=true/>
            {move || (!subtypes.get().is_empty()).then(|| view! {
                <SelectField label=Msg::OrgSubtype name="subtype" value=subtype options=subtypes errors=errors required=true/>
            })}
            <SelectField label=Msg::OrgDistrict name="district" value=district options=terms(TermKind::District) errors=errors/>
            <SelectField label=Msg::OrgPilotZone name="pilot_zone" value=pilot_zone options=terms(TermKind::PilotZone) errors=errors/>
            <CheckboxGroup label=Msg::OrgDomains name="domains" value=domains options=terms(TermKind::Domain) errors=errors/>
            {move || (kind_value.get() == OrgKind::Enterprise).then(|| view! {
                <CheckboxGroup label=Msg::OrgTiers name="tiers" value=tiers options=terms(TermKind::EnterpriseTier) errors=errors/>
            })}
            <TextArea label=Msg::OrgDescription name="description" value=description errors=errors/>
            <TextField label=Msg::OrgWebsite name="website" value=website errors=errors input_type="url"/>
            <TextField label=Msg::OrgCreditCode name="credit_code" value=credit_code errors=errors/>
            <TextField label=Msg::OrgFounded name="founded_year" value=founded errors=errors input_type="number"/>
            <SelectField label=Msg::OrgSize name="size" value=size options=sizes errors=errors/>
            <TextField label=Msg::OrgContactPhone name="contact_phone" value=phone errors=errors input_type="tel"/>
            <TextField label=Msg::OrgContactEmail name="contact_email" value=email errors=errors input_type="email"/>
            <p class="hint field-wide">{tr(Msg::OrgContactPrivate)}</p>
            <div class="field-wide">
                <button type="submit" class="btn btn-primary" disabled=move || save.pending().get()>
                    {move || if id.is_some() { tr(Msg::Save)() } else { tr(Msg::Create)() }}
                </button>
            </div>
        </form>
    }
}
