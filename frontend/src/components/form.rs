//! Labelled, keyboard-usable form fields with inline errors. Errors come from the shared
//! validation rules before submitting and from the server's `fields` after.

use std::collections::BTreeMap;

use leptos::prelude::*;
use shared::error::FieldErrors;
use shared::{ApiError, Msg};

use crate::i18n::{locale, text, tr};

/// A form's error state: per-field messages and one message for the whole form. Fields register
/// their label as they are built, so the summary names them in the order the form shows them.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub fields: RwSignal<BTreeMap<String, String>>,
    pub general: RwSignal<Option<String>>,
    labels: StoredValue<Vec<(&'static str, Msg)>>,
}

impl FormErrors {
    pub fn new() -> Self {
        FormErrors {
            fields: RwSignal::new(BTreeMap::new()),
            general: RwSignal::new(None),
            labels: StoredValue::new(Vec::new()),
        }
    }

    fn register(self, name: &'static str, label: Msg) {
        self.labels.update_value(|l| {
            if !l.iter().any(|(n, _)| *n == name) {
                l.push((name, label));
            }
        });
    }

    /// The problems in the order the form shows its fields: (field, its label, the message);
    /// problems with fields this form does not show come last, without a label.
    fn in_form_order(self) -> Vec<(String, Option<Msg>, String)> {
        let fields = self.fields.get();
        let labels = self.labels.get_value();
        let mut out: Vec<(String, Option<Msg>, String)> = labels
            .iter()
            .filter_map(|(name, label)| fields.get(*name).map(|m| ((*name).to_owned(), Some(*label), m.clone())))
            .collect();
        out.extend(
            fields
                .iter()
                .filter(|(name, _)| !labels.iter().any(|(n, _)| n == name))
                .map(|(name, m)| (name.clone(), None, m.clone())),
        );
        // Fields are built in any order (a kind's own fields first, say): the page decides.
        let position = dom_positions();
        out.sort_by_key(|(name, ..)| position(name));
        out
    }

    pub fn clear(self) {
        self.fields.set(BTreeMap::new());
        self.general.set(None);
    }

    /// Shows the shared rules' verdict; true when the form may be submitted.
    pub fn check(self, result: Result<(), FieldErrors>) -> bool {
        self.clear();
        match result {
            Ok(()) => true,
            Err(errs) => {
                self.fields.set(errs.localized(locale()));
                self.general.set(Some(Msg::ErrValidation.t(locale()).to_owned()));
                false
            }
        }
    }

    /// Shows a server error: its field messages inline, its message at the top.
    pub fn server(self, e: ApiError) {
        self.fields.set(e.error.fields.clone());
        self.general.set(Some(e.error.message));
    }

    /// The usual answer to a form's action: on success `done` runs, a refusal shows on the form.
    pub fn or_run<T>(self, done: Callback<()>) -> impl Fn(Result<T, ApiError>) + 'static {
        move |answer| match answer {
            Ok(_) => done.run(()),
            Err(e) => self.server(e),
        }
    }

    pub fn of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.fields.with(|f| f.get(field).cloned()))
    }
}

/// The form's summary: what went wrong, and a link to each field with a problem. When a submit
/// fails, the first field with a problem takes the focus (scrolled into view); when no field is
/// named, the summary does.
#[component]
pub fn FormError(errors: FormErrors) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if errors.general.with(Option::is_none) {
            return;
        }
        let first = errors.in_form_order().into_iter().next().map(|(name, _, _)| name);
        request_animation_frame(move || focus_problem(summary, first));
    });
    move || {
        errors.general.get().map(|m| {
            let items = errors.in_form_order();
            view! {
                <div class="form-error" role="alert" tabindex="-1" data-testid="form-error" node_ref=summary>
                    <p>{m}</p>
                    {(!items.is_empty()).then(|| view! {
                        <ul class="form-error-list">
                            {items.into_iter().map(|(name, label, message)| {
                                let target = name.clone();
                                let text = match label {
                                    Some(l) => text::FieldProblem { field: &l.t(locale()), problem: &message }.t(locale()),
                                    None => message,
                                };
                                view! {
                                    <li><a href=format!("#f-{name}") on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_problem(summary, Some(target.clone()));
                                    }>{text}</a></li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}

/// Where each field (`f-{name}`) stands in the page, for sorting: fields not on it go last.
fn dom_positions() -> impl Fn(&str) -> usize {
    let ids: Vec<String> = document()
        .query_selector_all("[id^='f-']")
        .map(|list| (0..list.length()).filter_map(|i| list.item(i)).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .map(|e| e.id())
        .collect();
    move |name: &str| {
        let id = format!("f-{name}");
        ids.iter().position(|x| *x == id).unwrap_or(usize::MAX)
    }
}

/// Moves the focus to a field of the form holding `summary` (the first control of a group), or
/// to the summary itself, and scrolls it to the middle of the screen.
fn focus_problem(summary: NodeRef<leptos::html::Div>, field: Option<String>) {
    use wasm_bindgen::JsCast;
    let Some(summary) = summary.get_untracked() else { return };
    let summary: web_sys::Element = summary.into();
    let scope: web_sys::Element = summary.closest("form").ok().flatten().unwrap_or_else(|| summary.clone());
    let target = field
        .and_then(|name| {
            let id = format!("f-{name}");
            // A group's first control, else the field itself (a selector list matches in page
            // order, so the group would win over its own controls).
            let found = |css: String| scope.query_selector(&css).ok().flatten();
            found(format!("[id='{id}'] input, [id='{id}'] select, [id='{id}'] textarea"))
                .or_else(|| found(format!("[id='{id}']")))
                .or_else(|| document().get_element_by_id(&id))
        })
        .unwrap_or(summary);
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    target.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// A field's element id, its error message's id, and its error.
fn field_ids(name: &'static str, errors: FormErrors) -> (String, String, Signal<Option<String>>) {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    (id, err_id, errors.of(name))
}

/// A field's label, with the required marker.
#[component]
fn FieldLabel(id: String, label: Msg, required: bool) -> impl IntoView {
    view! { <label for=id>{tr(label)}{required.then_some(view! { <span class="req" aria-hidden="true">" *"</span> })}</label> }
}

#[component]
fn FieldMessage(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || error.get().map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })
}

#[component]
pub fn TextField(
    label: Msg,
    name: &'static str,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional)] required: bool,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    errors.register(name, label);
    let (id, err_id, error) = field_ids(name, errors);
    // Numbers are typed into a text box with the numeric keypad: a browser's number box reads
    // "12." or "-" as empty while typing, and writing that back scrambled what the user typed
    // (12.5 became 512); the form's own parsing says what is wrong instead.
    let (input_type, inputmode) = if input_type == "number" { ("text", Some("numeric")) } else { (input_type, None) };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <FieldLabel id=id.clone() label=label required=required/>
            <input
                id=id.clone()
                name=name
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="hint">{tr(h)}</p> })}
            <FieldMessage id=err_id error=error/>
        </div>
    }
}

#[component]
pub fn TextArea(label: Msg, name: &'static str, value: RwSignal<String>, errors: FormErrors) -> impl IntoView {
    errors.register(name, label);
    let (id, err_id, error) = field_ids(name, errors);
    view! {
        <div class="field field-wide" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{tr(label)}</label>
            <textarea
                id=id.clone()
                name=name
                rows="5"
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <FieldMessage id=err_id error=error/>
        </div>
    }
}

/// A single choice; `options` are (code, label) pairs; the empty code means "not set".
#[component]
pub fn SelectField(
    label: Msg,
    name: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
    errors: FormErrors,
    #[prop(optional)] required: bool,
    /// What the empty choice reads (a filter's "all").
    #[prop(default = Msg::ChooseOne)]
    empty: Msg,
) -> impl IntoView {
    errors.register(name, label);
    let (id, err_id, error) = field_ids(name, errors);
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <FieldLabel id=id.clone() label=label required=required/>
            <select
                id=id.clone()
                name=name
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="">{tr(empty)}</option>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let selected = code == current;
                            view! { <option value=code selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <FieldMessage id=err_id error=error/>
        </div>
    }
}

/// Several choices as checkboxes.
#[component]
pub fn CheckboxGroup(
    label: Msg,
    name: &'static str,
    value: RwSignal<Vec<String>>,
    options: Signal<Vec<(String, String)>>,
    errors: FormErrors,
) -> impl IntoView {
    errors.register(name, label);
    let err_id = format!("f-{name}-error");
    let described_by = err_id.clone();
    let error = errors.of(name);
    // The group's problem sits under its legend, where the eye starts, not after the last box.
    view! {
        <fieldset id=format!("f-{name}") class="field field-wide checks" class:has-error=move || error.with(Option::is_some) aria-describedby=described_by>
            <legend>{tr(label)}</legend>
            <FieldMessage id=err_id error=error/>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(code, text)| {
                        let c = code.clone();
                        let checked = move || value.with(|v| v.contains(&c));
                        let c2 = code.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    name=name
                                    value=code.clone()
                                    prop:checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        value.update(|v| {
                                            v.retain(|x| x != &c2);
                                            if on {
                                                v.push(c2.clone());
                                            }
                                        });
                                    }
                                />
                                <span>{text}</span>
                            </label>
                        }
                    })
                    .collect_view()
            }}
        </fieldset>
    }
}

/// One yes/no choice.
#[component]
pub fn Toggle(label: Msg, name: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="check field-wide">
            <input type="checkbox" name=name prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
            <span>{tr(label)}</span>
        </label>
    }
}

/// A date-time field (`datetime-local`, China time) whose errors show under it.
#[component]
pub fn DateTimeField(
    label: Msg,
    name: &'static str,
    value: RwSignal<String>,
    errors: FormErrors,
    #[prop(optional)] hint: Option<Msg>,
) -> impl IntoView {
    errors.register(name, label);
    let id = format!("f-{name}");
    view! {
        <div class="field"><label for=id.clone()>{tr(label)}</label>
            <input id=id type="datetime-local" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|h| view! { <p class="hint">{tr(h)}</p> })}
            {move || errors.of(name).get().map(|m| view! { <p class="field-error">{m}</p> })}</div>
    }
}

/// A list page's keyword box: searches when submitted (Enter or the button), clears when emptied.
/// The words go into the page's URL with its filters, so a result is shareable.
#[component]
pub fn KeywordBox(
    /// The words in the URL now.
    current: Signal<Option<String>>,
    on_search: Callback<Option<String>>,
    #[prop(default = Msg::KeywordPlaceholder)] placeholder: Msg,
) -> impl IntoView {
    let text = RwSignal::new(current.get_untracked().unwrap_or_default());
    // Back and forward change the URL: the box follows.
    Effect::new(move |_| text.set(current.get().unwrap_or_default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = text.get_untracked().trim().to_owned();
        on_search.run((!words.is_empty()).then_some(words));
    };
    view! {
        <form class="keyword-box" role="search" on:submit=submit>
            <label class="sr-only" for="f-q">{tr(Msg::FilterKeyword)}</label>
            <input id="f-q" type="search" data-testid="keyword" placeholder=move || tr(placeholder)
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                on:search=move |ev: leptos::ev::Event| {
                    // The field's own clear button.
                    if event_target_value(&ev).is_empty() && current.get_untracked().is_some() {
                        on_search.run(None);
                    }
                }/>
            <button type="submit" class="btn btn-secondary">{move || tr(Msg::FilterKeyword)}</button>
        </form>
    }
}
