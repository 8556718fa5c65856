//! Cards that work before the wasm arrives. In a prerendered page every term
//! the article mentions has a card of its own, a `popover` that its mentions
//! name in `aria-controls`; `gloss.js` opens it on a click, a tap, Enter or
//! Space (a mention is text acting as a button, which `popovertarget` cannot
//! serve). The browser dismisses it (Escape, a click elsewhere) and, with CSS
//! anchor positioning, places it under its term; without it a card shows in
//! the middle of the viewport. The live widget replaces all of it.
//!
//! Rendered by the native prerenderer only: the wasm builds never draw it.

use super::article::ArticleRenderer;
use super::hovercard::card_contents;
use super::selection::Selection;
use crate::core::Explainer;
use leptos::prelude::*;

/// One closed card per mentioned term.
pub fn prerendered_cards(explainer: StoredValue<Explainer>, selection: Selection) -> impl IntoView {
    let renderer = ArticleRenderer::plain(selection);
    explainer.with_value(|e| {
        e.terms
            .iter()
            .filter(|term| term.mentions > 0)
            .map(|term| {
                let id = selection.term_card_id(&term.id);
                let title_id = format!("{id}.title");
                let labelled_by = title_id.clone();
                view! {
                    <div
                        class="gloss-card gloss-card-prerendered"
                        id=id
                        data-gloss-card=term.id.to_string()
                        popover="auto"
                        lang=e.meta.lang.clone()
                        dir=super::explainer_view::direction(&e.meta.lang)
                        role="dialog"
                        aria-labelledby=labelled_by
                    >
                        {card_contents(term, &renderer, title_id)}
                    </div>
                }
            })
            .collect::<Vec<_>>()
    })
}
