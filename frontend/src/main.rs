//! FutureMatch web app: Leptos CSR, mounted on <body>.

mod api;
mod app;
mod boot;
mod components;
mod head;
mod i18n;
mod pages;
mod session;
mod split;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        crashed();
    }));
    leptos::mount::mount_to_body(app::App);
}

/// After a panic the app can no longer be trusted to draw: the page says so in plain DOM, in the
/// page's language, and marks itself `data-crashed` (the browser tests fail on it).
fn crashed() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(root) = doc.document_element() else { return };
    if root.has_attribute("data-crashed") {
        return;
    }
    let _ = root.set_attribute("data-crashed", "");
    let locale = root.get_attribute("lang").and_then(|l| shared::Locale::from_tag(&l)).unwrap_or_default();
    if let (Ok(banner), Some(body)) = (doc.create_element("div"), doc.body()) {
        let _ = banner.set_attribute("role", "alert");
        let _ = banner.set_attribute("class", "crash-banner");
        banner.set_text_content(Some(shared::Msg::AppCrashed.t(locale)));
        let _ = body.prepend_with_node_1(&banner);
    }
}
