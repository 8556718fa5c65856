//! Shared by the browser test binaries: mounting widgets and waiting for
//! them to settle.

use gloss::embed::root::GlossRoot;
use gloss::embed::source::Source;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};

/// A new, empty element at the end of the page's body.
pub fn fresh_host() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// A whole widget (loading, parsing, drawing) for an inline `source`.
pub fn mount_root(source: &str, prefix: &str) -> HtmlElement {
    let host = fresh_host();
    let (source, prefix) = (Source::Inline(source.to_owned()), prefix.to_owned());
    leptos::mount::mount_to(
        host.clone(),
        move || view! { <GlossRoot source=source prefix=prefix/> },
    )
    .forget();
    host
}

/// Waits (a task at a time, up to about two seconds) until no widget in
/// `hosts` is still loading: loading, parsing and drawing each take tasks
/// of their own, so microtask ticks alone are not enough.
pub async fn settle(hosts: &[&Element]) {
    for _ in 0..200 {
        let loading = hosts.iter().any(|h| {
            h.query_selector(".gloss[data-gloss-state='loading']")
                .ok()
                .flatten()
                .is_some()
                || h.query_selector(".gloss").ok().flatten().is_none()
        });
        if !loading {
            return;
        }
        next_task().await;
    }
}

async fn next_task() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = JsFuture::from(wait).await;
}
