//! A panic must not leave a frozen widget that looks alive. The hook logs the
//! panic once, then marks every widget on the page as failed with a visible
//! message: after a panic the wasm instance refuses further work, so every
//! widget it drives is affected.
//!
//! The release wasm (scripts/trunk.sh) aborts on a panic without running any
//! hook; there the loader, `gloss.js`, sees the trap and does the same.

use std::sync::Once;

static INSTALL: Once = Once::new();

/// Installs the panic hook (once per page).
pub fn install() {
    INSTALL.call_once(|| std::panic::set_hook(Box::new(report)));
}

fn report(info: &std::panic::PanicHookInfo) {
    web_sys::console::error_1(&format!("Gloss stopped after an internal error: {info}").into());
    mark_every_widget_failed();
}

/// Puts every widget on the page in the error state with a visible alert
/// (what the panic hook does once it has logged the panic).
pub fn mark_every_widget_failed() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for root in crate::ui::roots::query_all(".gloss") {
        let _ = root.set_attribute("data-gloss-state", "error");
        let _ = root.set_attribute("aria-busy", "false");
        if let Ok(alert) = document.create_element("p") {
            alert.set_class_name("gloss-alert");
            let _ = alert.set_attribute("role", "alert");
            alert.set_text_content(Some(
                "This explainer stopped working after an internal error. Reload the page to try again.",
            ));
            let _ = root.prepend_with_node_1(&alert);
        }
    }
}
