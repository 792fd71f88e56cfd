//! What the server wrote into the page (`shared::home::PageBoot`): its answers to the API paths
//! the page asks for first (`shared::areas::first_data`: who is signed in, the reference lists,
//! the page's own data). Each is taken once, and only by the page it was served with: after a
//! navigation, or for a second reading (a refetch after a change), the API is asked.

use std::cell::RefCell;
use std::collections::HashMap;

use shared::home::{PAGE_BOOT_ID, PageBoot};

struct Boot {
    /// The page (path and query) the answers were given for.
    page: String,
    answers: HashMap<String, String>,
}

thread_local! {
    static BOOT: RefCell<Option<Boot>> = const { RefCell::new(None) };
}

fn current_page() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
}

fn read() -> Boot {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(PAGE_BOOT_ID));
    let boot: PageBoot = element
        .as_ref()
        .and_then(|e| e.text_content())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    if let Some(e) = element {
        e.remove();
    }
    Boot {
        page: current_page().unwrap_or_default(),
        answers: boot.answers.into_iter().map(|a| (a.path, a.body)).collect(),
    }
}

/// Whether the page came with an answer for `path` not taken yet (on that page).
pub fn has_answer(path: &str) -> bool {
    with_answers(|answers| answers.contains_key(path))
}

/// The answer the page came with for `path`, the first time it is taken on that page.
pub fn take_answer(path: &str) -> Option<String> {
    with_answers(|answers| answers.remove(path))
}

fn with_answers<T>(f: impl FnOnce(&mut HashMap<String, String>) -> T) -> T {
    BOOT.with(|cell| {
        let mut cell = cell.borrow_mut();
        let boot = cell.get_or_insert_with(read);
        if current_page().as_deref() != Some(boot.page.as_str()) {
            boot.answers.clear();
        }
        f(&mut boot.answers)
    })
}

/// Resolves in a later task of the event loop (a zero-delay timer).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
