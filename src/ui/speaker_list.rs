//! The people of the story, grouped and colour-coded by `group`, each with
//! role, mention count and attributed quotes. Selecting a person highlights
//! their mentions, quotes and events; each quote jumps to its place.

use super::heading::heading;
use super::panel::Panel;
use super::roving::{move_focus, TabStop};
use super::scrolling::scroll_to;
use super::selection::{flag, Selection, Target};
use crate::core::ids::SpeakerId;
use crate::core::Explainer;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{FocusOptions, HtmlElement};

/// Speakers in groups, in the order groups first appear; those in no group
/// first, as they have no heading (after another group's, they would look
/// like its members).
fn grouped(explainer: &Explainer) -> Vec<(Option<String>, Vec<usize>)> {
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, speaker) in explainer.speakers.iter().enumerate() {
        match groups.iter_mut().find(|(g, _)| *g == speaker.group) {
            Some((_, members)) => members.push(i),
            None => groups.push((speaker.group.clone(), vec![i])),
        }
    }
    groups.sort_by_key(|(group, _)| group.is_some());
    groups
}

/// The sidebar of people.
#[component]
pub fn SpeakerList(explainer: StoredValue<Explainer>) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let (count, groups) = explainer.with_value(|e| (e.speakers.len(), grouped(e)));
    // The speaker that holds the list's single Tab stop: at first the
    // first shown (the people in no group come first).
    let first = groups.first().and_then(|(_, members)| members.first());
    let tab_stop = TabStop::starting_at(first.copied().unwrap_or(0));
    let groups: Vec<_> = groups
        .into_iter()
        .enumerate()
        .map(|(group_index, (group, members))| {
            let level = selection.section_level + 1;
            let group_name = group.map(|g| heading(level, "gloss-group-name", None, g.into_any()));
            let items: Vec<_> = members
                .into_iter()
                .map(|i| explainer.with_value(|e| speaker_item(e, i, selection, tab_stop)))
                .collect();
            view! {
                <div class=format!("gloss-group gloss-group-{}", group_index % 6)>
                    {group_name}
                    <ul class="gloss-speakers" role="list">{items}</ul>
                </div>
            }
        })
        .collect();
    view! {
        <Panel name="people" title=selection.words.people.to_string() count=count>
            <div
                class="gloss-people-list"
                on:keydown=|ev| move_focus(&ev, "[data-speaker]")
            >
                {groups}
            </div>
        </Panel>
    }
}

fn speaker_item(
    e: &Explainer,
    index: usize,
    selection: Selection,
    tab_stop: TabStop,
) -> impl IntoView {
    let speaker = &e.speakers[index];
    let id: SpeakerId = speaker.id.clone();
    let id_text = id.to_string();
    let (active_id, toggle_id, preview_id) = (id.clone(), id.clone(), id.clone());
    // Someone only quoted has no count: "0 mentions" above their quotes
    // would read as if the article never had them speak.
    let mentions = (speaker.mentions > 0).then(|| {
        let count = selection.words.mentions(speaker.mentions);
        view! { <span class="gloss-speaker-count">{count}</span> }
    });
    let quotes: Vec<_> = e
        .quotes
        .iter()
        .filter(|q| q.speaker == id)
        .map(|q| {
            let target = selection.element_id(&format!("q{}", q.index));
            view! {
                <li>
                    <button
                        type="button"
                        class="gloss-quote-jump"
                        on:click=move |_| jump_to(&target)
                    >
                        {q.text.clone()}
                    </button>
                </li>
            }
        })
        .collect();
    let quotes =
        (!quotes.is_empty()).then(|| view! { <ul class="gloss-quotes" role="list">{quotes}</ul> });
    view! {
        <li class="gloss-speaker-item">
            <button
                type="button"
                class="gloss-speaker"
                data-speaker=id_text
                tabindex=tab_stop.tabindex(index)
                aria-pressed=move || selection.selected.with(|s| matches!(s, Some(Target::Speaker(s)) if *s == active_id)).to_string()
                data-active=move || flag(selection.speaker_active(&toggle_id))
                data-preview=move || flag(selection.previewed(&Target::Speaker(preview_id.clone())))
                on:focus=move |_| tab_stop.focused(index)
                on:click=move |_| selection.toggle(Target::Speaker(id.clone()))
            >
                <span class="gloss-speaker-name">{speaker.name.clone()}</span>
                {speaker.role.clone().map(|r| view! { <span class="gloss-speaker-role">{r}</span> })}
                {mentions}
            </button>
            {quotes}
        </li>
    }
}

/// Scrolls to a quote in the article and moves focus there, so keyboard and
/// screen-reader users land where the quote is.
fn jump_to(id: &str) {
    if let Some(el) = super::roots::by_id(id) {
        scroll_to(&el);
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let options = FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    }
}
