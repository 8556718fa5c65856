//! The reader's state in the URL fragment: restored when the widget mounts
//! or the fragment changes to other states (following an anchor keeps it),
//! written back (with `history.replaceState`, so the back button is not
//! flooded) whenever it changes, unless the page uses the fragment itself
//! (an anchor, a route). Each widget owns the
//! pairs under its own key; see [`crate::core::fragment`].

use super::chronology::{css_escape, reveal_first_passage};
use super::scrolling::scroll_to;
use super::selection::{OpenCard, Selection, Target};
use crate::core::fragment::{holds_state, read_state, write_state, WidgetState};
use leptos::ev;
use leptos::prelude::*;

fn current_fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Applies the fragment's state for this widget to `selection`.
fn restore(selection: Selection) {
    let key = selection.prefix.get_value();
    let state = read_state(&current_fragment(), &key);
    let target = match (&state.speaker, &state.event) {
        (_, Some(event)) => Some(Target::Event(event.clone())),
        (Some(speaker), None) => Some(Target::Speaker(speaker.clone())),
        _ => None,
    };
    selection.selected.set(target);
    if let Some(Target::Event(id)) = selection.selected.get_untracked() {
        reveal_first_passage(selection, &id);
    }
    let card = state.term.and_then(|term| {
        let frame = super::roots::by_id(&selection.element_id("frame"))?;
        let selector = format!(".gloss-term[data-term=\"{}\"]", css_escape(term.as_str()));
        let mention = frame.query_selector(&selector).ok()??;
        let index = mention.get_attribute("data-gloss-mention")?.parse().ok()?;
        // A shared link to a card: its term in view, the card beside it.
        scroll_to(&mention);
        Some(OpenCard {
            term,
            mention: index,
            pinned: true,
        })
    });
    selection.card.set(card);
}

/// Keeps the fragment and `selection` in step for the widget's lifetime.
pub fn sync_with_fragment(selection: Selection) {
    // The DOM exists once the first effect runs: restore then, and only then
    // start writing, so the initial state is not overwritten.
    let restored = StoredValue::new(false);
    Effect::new(move |_| {
        let state = WidgetState {
            term: selection.card.with(|c| c.as_ref().map(|c| c.term.clone())),
            speaker: selection.selected.with(|s| match s {
                Some(Target::Speaker(id)) => Some(id.clone()),
                _ => None,
            }),
            event: selection.selected.with(|s| match s {
                Some(Target::Event(id)) => Some(id.clone()),
                _ => None,
            }),
        };
        if !restored.get_value() {
            restored.set_value(true);
            restore(selection);
            return;
        }
        let key = selection.prefix.get_value();
        let old = current_fragment();
        // A fragment the page uses for itself (an anchor, a route) is
        // left as it is: the state is then not in the URL.
        let Some(new) = write_state(&old, &key, &state) else {
            return;
        };
        if new != old.trim_start_matches('#') {
            let location = window().location();
            let base = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            let url = if new.is_empty() {
                base
            } else {
                format!("{base}#{new}")
            };
            if let Ok(history) = window().history() {
                // The page's own history state (a router's key) stays.
                let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
                let _ = history.replace_state_with_url(&state, "", Some(&url));
            }
        }
    });
    // Following an anchor (a footnote, a heading) keeps the selection: only
    // a fragment of states is the reader's state.
    let listener = window_event_listener(ev::hashchange, move |_| {
        if holds_state(&current_fragment()) {
            restore(selection)
        }
    });
    on_cleanup(move || listener.remove());
}
