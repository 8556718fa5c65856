//! The whole widget for one parsed explainer: header, the people and
//! chronology panels, the article, the open hovercard and the author notes,
//! laid out side by side when the widget is wide and stacked when narrow.

use super::article::ArticleRenderer;
use super::author_notes::AuthorNotes;
use super::chronology::{css_escape, Chronology};
use super::dates::{datetime, format_date};
use super::heading::heading;
#[cfg(target_arch = "wasm32")]
use super::hovercard::TermCard;
use super::progressive::{progressively, slices};
use super::scrolling::{fit_side_to_scroller, reveal_in};
use super::selection::{Selection, Target};
use super::selection_bar::SelectionBar;
use super::shared_state::sync_with_fragment;
use super::speaker_list::SpeakerList;
use crate::core::document::plain_text;
use crate::core::{Diagnostic, Explainer};
use leptos::prelude::*;

/// How many glossary entries are drawn in one task.
const TERMS_PER_SLICE: usize = 100;

/// Renders `explainer`; `base` is the URL relative links resolve against and
/// `prefix` makes element ids (and the URL fragment's keys) unique on the
/// page.
#[component]
pub fn ExplainerView(
    explainer: Explainer,
    diagnostics: Vec<Diagnostic>,
    base: Option<String>,
    prefix: String,
    /// The host's `data-gloss-heading-level`: the title's level, or the
    /// sections' when there is no title (by default `<h1>`, sections `<h2>`).
    #[prop(default = None)]
    heading_level: Option<u8>,
) -> impl IntoView {
    let selection = Selection::new(prefix, base, &explainer, heading_level);
    provide_context(selection);

    let meta = explainer.meta.clone();
    // The tree goes to the renderer: nothing else reads it after this.
    let mut explainer = explainer;
    let blocks = std::mem::take(&mut explainer.body);
    let body =
        ArticleRenderer::new(selection, &blocks, &explainer.events, &meta.lang).article(blocks);
    let published = meta.published.map(|date| {
        let text = format_date(&date, &meta.lang);
        view! { <time datetime=datetime(&date.start)>{text}</time> }
    });
    let byline = (meta.byline.is_some() || published.is_some()).then(|| {
        let sep = (meta.byline.is_some() && published.is_some()).then_some(" · ");
        view! { <p class="gloss-byline">{meta.byline.clone()}{sep}{published}</p> }
    });
    // Hidden descriptions give each decorated term its summary as an
    // accessible description (`aria-describedby`).
    let descriptions: Vec<_> = explainer
        .terms
        .iter()
        .map(|t| view! { <span id=selection.description_id(&t.id)>{plain_text(&t.summary)}</span> })
        .collect();
    let notes = (!diagnostics.is_empty()).then(|| view! { <AuthorNotes diagnostics=diagnostics/> });
    let has_people = !explainer.speakers.is_empty();
    let has_events = !explainer.events.is_empty();
    let has_terms = !explainer.terms.is_empty();
    let explainer = StoredValue::new(explainer);
    let glossary = has_terms.then(|| glossary_for_print(explainer, selection));
    let side = (has_people || has_events).then(|| {
        view! {
            <div class="gloss-side">
                {has_people.then(|| view! { <SpeakerList explainer=explainer/> })}
                {has_events.then(|| view! { <Chronology explainer=explainer/> })}
            </div>
        }
    });
    let announcement = announce_selection(selection, explainer);
    let has_side = side.is_some();
    let layout_class = if has_side {
        "gloss-layout gloss-with-side"
    } else {
        "gloss-layout"
    };
    sync_with_fragment(selection);
    reveal_selected_in_side(selection);
    let frame_ref = NodeRef::<leptos::html::Div>::new();
    if has_side {
        Effect::new(move |_| {
            if let Some(frame) = frame_ref.get() {
                fit_side_to_scroller(frame.into());
            }
        });
    }

    // Escape clears the selection when no card is open (an open card closes
    // first). Scoped to the widget: the page's other keys are left alone.
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape"
            && selection.card.with_untracked(Option::is_none)
            && selection.selected.with_untracked(Option::is_some)
        {
            selection.selected.set(None);
            // This Escape was the selection's: a modal dialog of the host
            // page around the widget must not close with it (nor a modal
            // or lightbox of the page's script, listening on its element).
            ev.prevent_default();
            ev.stop_propagation();
        }
    };

    // (No empty heading for an explainer without a title.)
    let titled = !meta.title.is_empty();
    view! {
        <div class="gloss-frame" node_ref=frame_ref id=selection.element_id("frame") lang=meta.lang.clone() dir=direction(&meta.lang) on:keydown=on_keydown on:click=move |ev| super::roots::follow_anchor_link(&ev)>
            <div class=layout_class>
                <div class="gloss-header">
                    {titled.then(|| heading(
                        selection.section_level - 1,
                        "gloss-title",
                        Some(selection.element_id("title")),
                        meta.title.clone().into_any(),
                    ))}
                    {meta.dek.clone().map(|dek| view! { <p class="gloss-dek">{dek}</p> })}
                    {byline}
                </div>
                <article class="gloss-article" aria-labelledby=titled.then(|| selection.element_id("title"))>
                    <div
                        class="gloss-body"
                        on:pointerover=move |ev| preview_references(selection, ev.target())
                        on:focusin=move |ev| preview_references(selection, ev.target())
                        on:focusout=move |_| selection.preview.set(Vec::new())
                        on:pointerleave=move |_| selection.preview.set(Vec::new())
                    >
                        {body}
                    </div>
                    {glossary}
                </article>
                // After the article, in reading and Tab order, wherever the
                // layout shows it (beside the article when there is room).
                {side}
            </div>
            {has_side.then(|| view! { <SelectionBar explainer=explainer/> })}
            {notes}
            <p class="gloss-visually-hidden" aria-live="polite">{move || announcement.get()}</p>
        </div>
        <div hidden>{descriptions}</div>
        {cards(explainer, selection)}
    }
}

/// The open card, drawn by the live widget; in a prerendered page, a card
/// per term that works without script (`ui::prerendered_cards`).
#[cfg(target_arch = "wasm32")]
fn cards(explainer: StoredValue<Explainer>, _: Selection) -> impl IntoView {
    view! { <TermCard explainer=explainer/> }
}

#[cfg(not(target_arch = "wasm32"))]
fn cards(explainer: StoredValue<Explainer>, selection: Selection) -> impl IntoView {
    super::prerendered_cards::prerendered_cards(explainer, selection)
}

/// Keeps what is selected (from the article, a shared link or the sidebar
/// itself) in view in the sidebar, where it scrolls on its own, with the
/// summary an event then shows.
fn reveal_selected_in_side(selection: Selection) {
    Effect::new(move |_| {
        let selector = match selection.selected.get() {
            Some(Target::Event(id)) => format!("[data-event=\"{}\"]", css_escape(id.as_str())),
            Some(Target::Speaker(id)) => {
                format!("[data-speaker=\"{}\"]", css_escape(id.as_str()))
            }
            None => return,
        };
        let Some(frame) = super::roots::by_id(&selection.element_id("frame")) else {
            return;
        };
        if let (Ok(Some(side)), Ok(Some(entry))) = (
            frame.query_selector(".gloss-side"),
            frame.query_selector(&selector),
        ) {
            // The entry with the summary it now shows, under it.
            let item = entry.closest("li").ok().flatten().unwrap_or(entry.clone());
            // Chosen there by the reader with nothing else to scroll to:
            // the page may move for it too.
            let chosen_there = super::roots::active_element().is_some_and(|a| a == entry);
            if chosen_there && !super::scrolling::scrolling_to_a_passage() {
                super::scrolling::reveal(&item);
            } else {
                reveal_in(&side, &item);
            }
        }
    });
}

/// Previews the speaker and event of the passage under the pointer or
/// holding focus. One delegated listener serves every reference.
fn preview_references(selection: Selection, target: Option<web_sys::EventTarget>) {
    use wasm_bindgen::JsCast;
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return;
    };
    let attr = |selector: &str, name: &str| {
        el.closest(selector)
            .ok()
            .flatten()
            .and_then(|r| r.get_attribute(name))
    };
    let mut targets = Vec::new();
    if let Some(id) = attr("[data-event-ref]", "data-event-ref") {
        targets.push(Target::Event(id.as_str().into()));
    }
    if let Some(id) = attr("[data-speaker-ref]", "data-speaker-ref") {
        targets.push(Target::Speaker(id.as_str().into()));
    }
    if selection.preview.with_untracked(|p| *p != targets) {
        selection.preview.set(targets);
    }
}

/// What a screen reader hears when the selection changes: who or what was
/// chosen and how much lit up, or that the selection was cleared.
fn announce_selection(selection: Selection, explainer: StoredValue<Explainer>) -> Memo<String> {
    Memo::new(move |previous: Option<&String>| {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        selection.selected.with(|s| match s {
            Some(Target::Speaker(id)) => explainer.with_value(|e| {
                let Some(speaker) = e.speaker(id) else {
                    return String::new();
                };
                let quotes = e.quotes.iter().filter(|q| &q.speaker == id).count();
                let events = e
                    .events
                    .iter()
                    .filter(|ev| ev.speakers.contains(id))
                    .count();
                format!(
                    "Selected {}: {}, {} and {} highlighted.",
                    speaker.name,
                    plural(speaker.mentions, "mention", "mentions"),
                    plural(quotes, "quote", "quotes"),
                    plural(events, "event", "events")
                )
            }),
            Some(Target::Event(id)) => explainer.with_value(|e| {
                e.event(id)
                    .map(|event| {
                        format!(
                            "Selected event: {}, {}.",
                            event.title,
                            super::dates::format_date(&event.date, &e.meta.lang)
                        )
                    })
                    .unwrap_or_default()
            }),
            None if previous.is_some_and(|p| !p.is_empty()) => "Selection cleared.".to_string(),
            None => String::new(),
        })
    })
}

/// The glossary as notes after the article. Shown only in print, where
/// hovercards cannot open; on screen the cards carry the same text. Drawn in
/// runs of terms, like the article.
fn glossary_for_print(explainer: StoredValue<Explainer>, selection: Selection) -> impl IntoView {
    let indices: Vec<usize> = explainer.with_value(|e| (0..e.terms.len()).collect());
    let runs = slices(indices, TERMS_PER_SLICE, |_| 1);
    let entries = progressively(runs, move |run| {
        let renderer = ArticleRenderer::plain(selection);
        explainer.with_value(|e| {
            run.into_iter()
                .map(|i| {
                    let t = &e.terms[i];
                    let details = (!t.details.is_empty())
                        .then(|| view! { " " {renderer.inlines(&t.details)} });
                    // On paper a card's links are still wanted: print shows
                    // each with its address (style/gloss.css).
                    let links: Vec<_> = t
                        .links
                        .iter()
                        .map(|l| view! { " " <a href=renderer.resolve(&l.url) rel="noopener noreferrer">{l.label.clone()}</a> })
                        .collect();
                    view! {
                        <dt>{t.label.clone()}</dt>
                        <dd>{renderer.inlines(&t.summary)}{details}{links}</dd>
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    // `{"…"}`, not a bare literal: `view!` turns a wholly static element into
    // an HTML string parsed through `<template>.innerHTML`, which pages that
    // enforce Trusted Types block. No view in Gloss may be wholly static.
    view! {
        <section class="gloss-glossary" aria-label=selection.words.glossary>
            {heading(selection.section_level, "gloss-glossary-heading", None, selection.words.glossary.into_any())}
            <dl>{entries}</dl>
        </section>
    }
}

/// The writing direction of a language tag's script: right to left for the
/// languages usually written in Arabic or Hebrew script.
pub fn direction(lang: &str) -> &'static str {
    let primary = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
    let rtl = [
        "ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi",
    ];
    if rtl.contains(&primary.as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}
