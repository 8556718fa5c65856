//! Bringing a passage into view, smoothly only where the reader allows
//! motion.

use leptos::prelude::*;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Whether the reader asked for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Scrolls `element` to the middle of the viewport.
pub fn scroll_to(element: &Element) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_behavior(if prefers_reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    element.scroll_into_view_with_scroll_into_view_options(&options);
}
