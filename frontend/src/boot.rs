//! What the server wrote into the page (`shared::home::PageBoot`): the reference lists and who
//! is signed in, each taken once at start so the first page does not ask for them. Later
//! readings (after signing in, say) go to the API.

use std::cell::RefCell;

use shared::accounts::SessionState;
use shared::home::{PAGE_BOOT_ID, PageBoot};
use shared::taxonomy::Taxonomy;

thread_local! {
    static BOOT: RefCell<Option<(Option<Taxonomy>, Option<SessionState>)>> = const { RefCell::new(None) };
}

fn read() -> Option<PageBoot> {
    let element = web_sys::window()?.document()?.get_element_by_id(PAGE_BOOT_ID)?;
    let boot = serde_json::from_str(&element.text_content()?).ok();
    element.remove();
    boot
}

fn take<T>(pick: impl FnOnce(&mut (Option<Taxonomy>, Option<SessionState>)) -> Option<T>) -> Option<T> {
    BOOT.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(read().map(|b| (Some(b.taxonomy), Some(b.session))).unwrap_or((None, None)));
        }
        cell.as_mut().and_then(pick)
    })
}

/// The reference lists the page came with, the first time only.
pub fn taxonomy() -> Option<Taxonomy> {
    take(|b| b.0.take())
}

/// Who was signed in when the page was served, the first time only.
pub fn session() -> Option<SessionState> {
    take(|b| b.1.take())
}
