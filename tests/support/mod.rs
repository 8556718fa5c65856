//! Shared by the browser test binaries: waiting for widgets to settle.

use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

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
