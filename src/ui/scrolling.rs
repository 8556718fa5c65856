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

/// Scrolls `container` (the sidebar, where it scrolls on its own) so that
/// `element` in it is in view, without moving the page; nothing when it
/// is in view already or the container does not scroll.
pub fn reveal_in(container: &Element, element: &Element) {
    if container.scroll_height() <= container.client_height() {
        return;
    }
    let (outer, inner) = (
        container.get_bounding_client_rect(),
        element.get_bounding_client_rect(),
    );
    if inner.top() >= outer.top() && inner.bottom() <= outer.bottom() {
        return;
    }
    let centred = inner.top() - outer.top() - (outer.height() - inner.height()) / 2.0;
    container.set_scroll_top(container.scroll_top() + centred as i32);
}
