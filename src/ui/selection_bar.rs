//! What the reader has selected, said at the bottom of a narrow widget.
//!
//! Beside the article the sidebar shows the selected event's date and
//! summary, or the selected person; on a phone those panels are folded
//! under the article, and a date tapped in the text would light up
//! passages with nothing saying what the event was. There, a bar held to
//! the bottom of the widget's view says it, with a button that clears the
//! selection. CSS hides it when the sidebar is beside the article.

use super::article::ArticleRenderer;
use super::dates::format_date;
use super::selection::{Selection, Target};
use crate::core::Explainer;
use leptos::prelude::*;

/// The bar; nothing while nothing is selected.
#[component]
pub fn SelectionBar(explainer: StoredValue<Explainer>) -> impl IntoView {
    let selection = expect_context::<Selection>();
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
            <div class="gloss-selection-bar">
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
