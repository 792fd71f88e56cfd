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
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
