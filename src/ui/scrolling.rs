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
/// is in view already or the container does not scroll. "In view" is in
/// the part of the container inside the window, and, while the container
/// is not all inside it (a sidebar not yet stuck to the top of the window
/// reaches below its bottom), clear of that part's edges by the element's
/// own height: the page may yet move the container (a passage being
/// scrolled to moves it).
pub fn reveal_in(container: &Element, element: &Element) {
    if container.scroll_height() <= container.client_height() {
        return;
    }
    let (outer, inner) = (
        container.get_bounding_client_rect(),
        element.get_bounding_client_rect(),
    );
    let window_height = window_height();
    let (top, bottom) = (outer.top().max(0.0), outer.bottom().min(window_height));
    let room = if outer.top() < 0.0 || outer.bottom() > window_height {
        inner.height()
    } else {
        0.0
    };
    if inner.top() >= top + room && inner.bottom() <= bottom - room {
        return;
    }
    let centred = inner.top() - top - (bottom - top - inner.height()) / 2.0;
    container.set_scroll_top(container.scroll_top() + centred as i32);
}

/// Brings `element` into view for the keyboard: in the sidebar, where it
/// scrolls on its own, as [`reveal_in`] does; when that is not enough (an
/// item at the end of a sidebar that reaches below the window), the page
/// scrolls the sidebar's edge into the window first. Elsewhere as the
/// browser would on focus.
pub fn reveal(element: &Element) {
    let window_height = window_height();
    let outside = |rect: &web_sys::DomRect| {
        if rect.bottom() > window_height {
            rect.bottom() - window_height
        } else {
            rect.top().min(0.0)
        }
    };
    let side = element.closest(".gloss-side").ok().flatten();
    match side.filter(|s| s.scroll_height() > s.client_height()) {
        Some(side) => {
            reveal_in(&side, element);
            if outside(&element.get_bounding_client_rect()) != 0.0 {
                let by = outside(&side.get_bounding_client_rect());
                window().scroll_by_with_x_and_y(0.0, by);
                reveal_in(&side, element);
            }
        }
        None => {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

/// The window's height in CSS pixels (unbounded if it cannot be read).
fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY)
}
