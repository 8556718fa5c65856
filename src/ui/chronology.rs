//! The chronology: every event in date order on a broken axis (see
//! [`crate::core::chronology::gaps`]), dates at their written precision in
//! the explainer's language, projections set apart. One Tab stop; arrow
//! keys, Home and End move between events; Enter or Space selects.

use super::article::ArticleRenderer;
use super::dates::{datetime, format_date, format_years};
use super::panel::Panel;
use super::progressive::{progressively, slices};
use super::roving::{move_focus, TabStop};
use super::scrolling::scroll_to;
use super::selection::{flag, Selection, Target};
use crate::core::chronology::{gaps, Gap};
use crate::core::ids::EventId;
use crate::core::model::{Event, EventKind};
use crate::core::Explainer;
use leptos::prelude::*;

/// How many events are drawn in one task.
const EVENTS_PER_SLICE: usize = 100;

/// The chronology panel.
#[component]
pub fn Chronology(explainer: StoredValue<Explainer>) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let tab_stop = TabStop::default();
    let (count, lang) = explainer.with_value(|e| (e.events.len(), e.meta.lang.clone()));
    // Drawn in runs of events (see `progressively`): a chronology of a
    // thousand events must not hold the page while it is built.
    let entries: Vec<(usize, Gap)> =
        explainer.with_value(|e| gaps(&e.events).into_iter().enumerate().collect());
    let runs = slices(entries, EVENTS_PER_SLICE, |_| 1);
    let items = progressively(runs, move |run| {
        explainer.with_value(|e| {
            let mut items = Vec::new();
            for (index, gap) in run {
                let event = &e.events[index];
                items.push(event_item(event, gap, index, &lang, selection, tab_stop).into_any());
            }
            items
        })
    });
    view! {
        <Panel name="chronology" title=selection.words.chronology.to_string() count=count>
            <ol
                class="gloss-timeline"
                on:keydown=|ev| move_focus(&ev, "[data-event]")
            >
                {items}
            </ol>
        </Panel>
    }
}

fn gap_class(gap: Gap) -> &'static str {
    match gap {
        Gap::None => "gloss-gap-none",
        Gap::Days => "gloss-gap-days",
        Gap::Weeks => "gloss-gap-weeks",
        Gap::Months => "gloss-gap-months",
        Gap::Break { .. } => "gloss-gap-break",
    }
}

fn event_item(
    event: &Event,
    gap: Gap,
    index: usize,
    lang: &str,
    selection: Selection,
    tab_stop: TabStop,
) -> impl IntoView {
    let id: EventId = event.id.clone();
    let id_text = id.to_string();
    let (pressed_id, active_id, preview_id, summary_id) =
        (id.clone(), id.clone(), id.clone(), id.clone());
    let projection = event.kind == EventKind::Projection;
    let date = format_date(&event.date, lang);
    // A long stretch without events is marked inside the event after it, so
    // that the list counts events only.
    let era_break = match gap {
        Gap::Break { years } => {
            let text = format_years(years, lang);
            let (before, after) = selection.words.later;
            Some(view! {
                <div class="gloss-era-break">
                    <span aria-hidden="true">{text.clone()}</span>
                    <span class="gloss-visually-hidden">{format!("{before}{text}{after}")}</span>
                </div>
            })
        }
        _ => None,
    };
    let summary = (!event.summary.is_empty()).then(|| {
        let text = ArticleRenderer::plain(selection).inlines(&event.summary);
        view! {
            <p
                class="gloss-event-summary"
                data-folded=move || (!selection.selected.with(|s| matches!(s, Some(Target::Event(e)) if *e == summary_id))).then_some("")
            >
                {text}
            </p>
        }
    });
    view! {
        <li class=format!("gloss-event {}{}", gap_class(gap), if projection { " gloss-projection" } else { "" })>
            {era_break}
            <button
                type="button"
                class="gloss-event-button"
                data-event=id_text
                data-kind=projection.then_some("projection")
                tabindex=tab_stop.tabindex(index)
                aria-pressed=move || selection.selected.with(|s| matches!(s, Some(Target::Event(e)) if *e == pressed_id)).to_string()
                data-active=move || flag(selection.event_active(&active_id))
                data-preview=move || flag(selection.previewed(&Target::Event(preview_id.clone())))
                on:focus=move |_| tab_stop.focused(index)
                on:click=move |_| select_event(selection, id.clone())
            >
                <time class="gloss-event-date" datetime=datetime(&event.date.start)>{date}</time>
                {projection.then(|| view! { <span class="gloss-event-badge">{selection.words.projection}</span> })}
                <span class="gloss-event-title">{event.title.clone()}</span>
            </button>
            {summary}
        </li>
    }
}

/// Selects (or clears) an event and brings its first passage into view.
fn select_event(selection: Selection, id: EventId) {
    selection.toggle(Target::Event(id.clone()));
    if selection.event_ref_active(&id) {
        reveal_first_passage(selection, &id);
    }
}

/// Scrolls the first article passage about `id` into view.
pub fn reveal_first_passage(selection: Selection, id: &EventId) {
    let root = super::roots::by_id(&selection.element_id("frame"));
    let selector = format!("[data-event-ref=\"{}\"]", css_escape(id.as_str()));
    if let Some(passage) = root.and_then(|r| r.query_selector(&selector).ok().flatten()) {
        scroll_to(&passage);
    }
}

/// Escapes an id for use inside a quoted CSS attribute selector.
pub fn css_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}
