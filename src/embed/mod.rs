//! The embed layer: the widget's entry points in a host page.
//!
//! `gloss.js` (written at build time, see `scripts/post-build.sh`) loads the
//! wasm once and calls [`mount_all`], again whenever host elements are added.
//! Each host element (`data-gloss-src` or `data-gloss` with an inline
//! `<script type="text/markdown">`) gets its own [`root::GlossRoot`], which
//! loads the source ([`source`]), parses it and shows the explainer or a
//! located error. [`panic_report`] turns a panic into a visible message.

pub mod hosts;
pub mod panic_report;
pub mod root;
pub mod source;

use wasm_bindgen::prelude::*;

/// Mounts every host element on the page that is not mounted yet.
#[wasm_bindgen]
pub fn mount_all() {
    panic_report::install();
    hosts::mount_new_hosts();
}
