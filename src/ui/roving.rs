//! Arrow-key navigation inside one list (a "roving tab stop"): the list is a
//! single Tab stop, and arrow keys, Page Up and Down (ten items), Home and
//! End move between its items.
//! The handler sits on the list element, never on the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// Which item of a list holds its single Tab stop: the last one focused.
#[derive(Clone, Copy, Default)]
pub struct TabStop(RwSignal<usize>);

impl TabStop {
    /// A list whose Tab stop starts at item `index` (the first shown).
    pub fn starting_at(index: usize) -> Self {
        Self(RwSignal::new(index))
    }

    /// The `tabindex` of item `index`: 0 for the Tab stop, -1 otherwise.
    pub fn tabindex(self, index: usize) -> impl Fn() -> &'static str {
        move || if self.0.get() == index { "0" } else { "-1" }
    }

    /// Item `index` got focus (by Tab, arrow key or pointer): it becomes the
    /// Tab stop.
    pub fn focused(self, index: usize) {
        self.0.set(index);
    }
}

/// How many items Page Up and Page Down move by: the keys move focus
/// (which brings the item into view) rather than scroll the list away
/// from it.
const PAGE: usize = 10;

/// Moves focus among the elements matching `selector` inside the list that
/// received `ev`, for arrow keys, Page Up and Down, Home and End; each
/// item's focus handler
/// ([`TabStop::focused`]) then moves the Tab stop with it.
pub fn move_focus(ev: &KeyboardEvent, selector: &str) {
    let _ = focus_next(ev, selector);
}

fn focus_next(ev: &KeyboardEvent, selector: &str) -> Option<()> {
    let list: Element = ev.current_target()?.dyn_into().ok()?;
    let items = list.query_selector_all(selector).ok()?;
    let count = items.length() as usize;
    if count == 0 {
        return None;
    }
    let active = super::roots::active_element();
    // Only from an item: other controls in the list (a speaker's quotes)
    // keep their keys.
    let current = (0..count).find(|&i| {
        items
            .get(i as u32)
            .zip(active.as_ref())
            .is_some_and(|(item, active)| item.contains(Some(active)))
    })?;
    let next = match ev.key().as_str() {
        "ArrowDown" | "ArrowRight" => (current + 1).min(count - 1),
        "ArrowUp" | "ArrowLeft" => current.saturating_sub(1),
        "PageDown" => (current + PAGE).min(count - 1),
        "PageUp" => current.saturating_sub(PAGE),
        "Home" => 0,
        "End" => count - 1,
        _ => return None,
    };
    ev.prevent_default();
    let item: HtmlElement = items.get(next as u32)?.dyn_into().ok()?;
    // In view by the sidebar's rule, not the browser's (which may leave it
    // at the bottom of a sidebar that reaches below the window).
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = item.focus_with_options(&options);
    super::scrolling::reveal(&item);
    Some(())
}
