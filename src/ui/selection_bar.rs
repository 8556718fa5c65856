//! What the reader has selected, said at the bottom of a narrow widget.
//!
//! Beside the article the sidebar shows the selected event's date and
//! summary, or the selected person; on a phone those panels are folded
//! under the article, and a date tapped in the text would light up
//! passages with nothing saying what the event was. There, a bar held to
//! the bottom of the widget's view says it, with a button that clears the
//! selection. CSS hides it when the sidebar is beside the article.
//!
//! The bar must not hide what has focus (WCAG 2.4.11): after each choice
//! (the bar appears over what was chosen) and each move of focus, what has
//! focus is scrolled up clear of it when the bar covers it, unless the
//! choice scrolled the page to its passage.

use super::article::ArticleRenderer;
use super::dates::format_date;
use super::selection::{Selection, Target};
use crate::core::Explainer;
use leptos::prelude::*;

/// The bar; nothing while nothing is selected.
#[component]
pub fn SelectionBar(explainer: StoredValue<Explainer>) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let bar = NodeRef::<leptos::html::Div>::new();
    #[cfg(target_arch = "wasm32")]
    keep_focus_clear(bar, selection);
    move || {
        let target = selection.selected.get()?;
        let content = explainer.with_value(|e| match &target {
            Target::Event(id) => e.events.iter().find(|ev| ev.id == *id).map(|event| {
                let date = format_date(&event.date, &e.meta.lang);
                let summary = ArticleRenderer::plain(selection).inlines(&event.summary);
                view! {
                    <p class="gloss-bar-head">
                        <span class="gloss-bar-date">{date}</span>
                        " "
                        <strong>{event.title.clone()}</strong>
                    </p>
                    <p class="gloss-bar-text">{summary}</p>
                }
                .into_any()
            }),
            Target::Speaker(id) => e.speakers.iter().find(|s| s.id == *id).map(|speaker| {
                let count = selection.words.mentions(speaker.mentions);
                let role = speaker.role.clone().map(|r| format!("{r} · "));
                view! {
                    <p class="gloss-bar-head"><strong>{speaker.name.clone()}</strong></p>
                    <p class="gloss-bar-text">{role}{count}</p>
                }
                .into_any()
            }),
        })?;
        Some(view! {
            <div class="gloss-selection-bar" node_ref=bar>
                <div class="gloss-bar-body">{content}</div>
                <button
                    type="button"
                    class="gloss-bar-clear"
                    aria-label=selection.words.clear
                    title=selection.words.clear
                    on:click=move |_| selection.selected.set(None)
                >
                    "×"
                </button>
            </div>
        })
    }
}

/// Scrolls what has focus in the widget clear of the bar, after each
/// choice and each move of focus (once the browser has brought it into
/// view, under the bar as likely as not).
#[cfg(target_arch = "wasm32")]
fn keep_focus_clear(bar: NodeRef<leptos::html::Div>, selection: Selection) {
    // (`try_`: the widget may have been taken down in the meantime, as
    // when a host is given another source just after a click.)
    let uncover_focus = move || {
        // A choice in the sidebar scrolls to its passage (or mention),
        // focus staying behind: moving the page for the focus would stop
        // that scroll short of the passage.
        if super::scrolling::scrolling_to_a_passage() {
            return;
        }
        let bar = bar.try_get_untracked().flatten();
        if let (Some(bar), Some(active)) = (bar, super::roots::active_element()) {
            uncover(&bar, &active);
        }
    };
    // (A moment after, once the browser has brought it into view itself.)
    let soon = move || set_timeout(uncover_focus, std::time::Duration::from_millis(30));
    Effect::new(move |_| {
        selection.selected.track();
        soon();
    });
    let listener = window_event_listener(leptos::ev::focusin, move |_| soon());
    on_cleanup(move || listener.remove());
}

/// Scrolls `element` (in the bar's widget) up until the bar, when shown,
/// no longer covers it.
#[cfg(target_arch = "wasm32")]
fn uncover(bar: &web_sys::Element, element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
    // (Not in a card: it is drawn in the top layer, over the bar, and
    // scrolling for it would move its term away and so hide it, focus and
    // all.)
    let in_card = element
        .closest("[data-gloss-card]")
        .ok()
        .flatten()
        .is_some();
    let in_widget = !in_card
        && bar
            .closest(".gloss")
            .ok()
            .flatten()
            .is_some_and(|root| root.contains(Some(element)));
    let (covering, covered) = (
        bar.get_bounding_client_rect(),
        element.get_bounding_client_rect(),
    );
    let overlaps = covering.height() > 0.0
        && covered.bottom() > covering.top()
        && covered.top() < covering.bottom();
    let Some(element) = element
        .dyn_ref::<HtmlElement>()
        .filter(|_| in_widget && overlaps)
    else {
        return;
    };
    // Into view with the bar's height (and a little air) as its margin.
    let style = element.style();
    let margin = format!("{}px", covering.height() as i32 + 8);
    let _ = style.set_property("scroll-margin-bottom", &margin);
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    let _ = style.remove_property("scroll-margin-bottom");
}
