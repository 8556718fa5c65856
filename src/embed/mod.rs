//! The embed layer: the widget's entry points in a host page.
//!
//! `gloss.js` (written at build time, see `scripts/post-build.sh`) loads the
//! wasm once and calls [`mount_all`], again whenever host elements are added.
//! Each host element (`data-gloss-src` or `data-gloss` with an inline
//! `<script type="text/markdown">`) gets its own [`root::GlossRoot`], which
//! loads the source ([`source`]), parses it and shows the explainer or a
//! located error. [`panic_report`] turns a panic into a visible message.
//! Natively, [`prerender`] writes explainers into pages at build time, with
//! dates written by Node's `Intl` ([`build_intl`]).

#[cfg(feature = "ssr")]
pub mod build_intl;
#[cfg(target_arch = "wasm32")]
pub mod hosts;
#[cfg(target_arch = "wasm32")]
pub mod panic_report;
#[cfg(feature = "ssr")]
pub mod prerender;
#[cfg(target_arch = "wasm32")]
pub mod root;
#[cfg(target_arch = "wasm32")]
pub mod source;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Marks a widget root prerendered at build time, which the live widget
/// replaces once it has loaded.
pub const PRERENDERED: &str = "data-gloss-prerendered";

/// Marks the `<script>` data block that holds a prerendered explainer's
/// compiled model (see [`crate::core::compiled`]).
pub const COMPILED: &str = "data-gloss-model";

/// Mounts every host element on the page that is not mounted yet: in the
/// document, and in the shadow roots among `shadow_roots` (those the page
/// handed to `gloss.js`, kept for later calls).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn mount_all(shadow_roots: Vec<web_sys::ShadowRoot>) {
    panic_report::install();
    crate::ui::roots::watch(shadow_roots);
    hosts::mount_new_hosts();
}
