//! The reader's state in one widget, shared through context: the open card,
//! the selected speaker or event, and the reference being pointed at.
//!
//! Everything highlighted derives from `selected` at the point of use (see
//! the `*_active` methods); no signal is ever copied into another.

use super::heading::section_level;
use super::words::{words, Words};
use crate::core::document::for_each_anchor;
use crate::core::ids::{EventId, SpeakerId, TermId};
use crate::core::Explainer;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::collections::HashMap;

/// An open hovercard: which term, from which mention, and whether a click or
/// tap pinned it (a pinned card ignores the pointer leaving).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenCard {
    pub term: TermId,
    /// The `data-gloss-mention` index of the mention it belongs to.
    pub mention: usize,
    pub pinned: bool,
}

/// A speaker or an event: what the reader can select, or preview by
/// pointing at a reference in the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Speaker(SpeakerId),
    Event(EventId),
}

/// Who takes part in which event, for deriving highlights.
#[derive(Default)]
struct Links {
    speaker_events: HashMap<SpeakerId, Vec<EventId>>,
    event_speakers: HashMap<EventId, Vec<SpeakerId>>,
    event_terms: HashMap<EventId, Vec<TermId>>,
}

/// What the reader has open or selected in one widget.
#[derive(Clone, Copy)]
pub struct Selection {
    pub card: RwSignal<Option<OpenCard>>,
    pub selected: RwSignal<Option<Target>>,
    /// The article references under the pointer (a speaker mention may sit
    /// inside an event passage), previewed in the sidebar and chronology.
    pub preview: RwSignal<Vec<Target>>,
    /// A prefix unique to this widget on the page, for element ids and the
    /// URL fragment.
    pub prefix: StoredValue<String>,
    /// The URL the explainer's relative links resolve against (its
    /// source's), wherever they are drawn: article, cards, chronology.
    pub base: StoredValue<Option<String>>,
    /// The anchors of the article's headings, which `#anchor` links go to
    /// (a handful: a list, not a set, is less code in the wasm).
    pub anchors: StoredValue<Vec<String>>,
    /// The widget's own words in the explainer's language.
    pub words: &'static Words,
    /// The level of its section headings (see [`section_level`]).
    pub section_level: u8,
    /// The pending hover intent (open or close), so a new one replaces it.
    pub timer: StoredValue<Option<TimeoutHandle>>,
    /// The explainer's title, when its landmarks (People, Chronology,
    /// Notes) must be named with it: another widget on the page has
    /// landmarks of the same names.
    pub landmark_title: StoredValue<Option<String>>,
    links: StoredValue<Links>,
}

impl Selection {
    /// `heading_level` is the host's `data-gloss-heading-level`.
    pub fn new(
        prefix: String,
        base: Option<String>,
        explainer: &Explainer,
        heading_level: Option<u8>,
    ) -> Self {
        let prefix_frame = format!("{prefix}-frame");
        let mut links = Links::default();
        for event in &explainer.events {
            for speaker in &event.speakers {
                links
                    .speaker_events
                    .entry(speaker.clone())
                    .or_default()
                    .push(event.id.clone());
            }
            links
                .event_speakers
                .insert(event.id.clone(), event.speakers.clone());
            links
                .event_terms
                .insert(event.id.clone(), event.terms.clone());
        }
        let mut anchors = Vec::new();
        for_each_anchor(&explainer.body, &mut |anchor| {
            anchors.push(anchor.to_owned());
        });
        Self {
            card: RwSignal::new(None),
            selected: RwSignal::new(None),
            preview: RwSignal::new(Vec::new()),
            prefix: StoredValue::new(prefix),
            base: StoredValue::new(base),
            anchors: StoredValue::new(anchors),
            words: words(&explainer.meta.lang),
            section_level: section_level(heading_level, !explainer.meta.title.is_empty()),
            timer: StoredValue::new(None),
            landmark_title: StoredValue::new(among_others(&prefix_frame, &explainer.meta.title)),
            links: StoredValue::new(links),
        }
    }

    /// `aria-label` for a landmark named `name`, the title after it when
    /// landmarks are named with the title.
    pub fn landmark_label(&self, name: &str) -> String {
        match self.landmark_title.get_value() {
            Some(title) => format!("{name}, {title}"),
            None => name.to_owned(),
        }
    }

    /// Selects `target`, or clears the selection if it was already selected.
    pub fn toggle(&self, target: Target) {
        self.selected.update(|s| {
            *s = if s.as_ref() == Some(&target) {
                None
            } else {
                Some(target)
            }
        });
    }

    /// A speaker's mentions and quotes in the article light up when that
    /// speaker is selected.
    pub fn speaker_ref_active(&self, id: &SpeakerId) -> bool {
        self.selected
            .with(|s| matches!(s, Some(Target::Speaker(s)) if s == id))
    }

    /// An event's passages in the article light up when it is selected.
    pub fn event_ref_active(&self, id: &EventId) -> bool {
        self.selected
            .with(|s| matches!(s, Some(Target::Event(e)) if e == id))
    }

    /// A term's mentions light up when a selected event concerns it.
    pub fn term_active(&self, id: &TermId) -> bool {
        self.selected.with(|s| match s {
            Some(Target::Event(e)) => self
                .links
                .with_value(|l| l.event_terms.get(e).is_some_and(|t| t.contains(id))),
            _ => false,
        })
    }

    /// A speaker in the sidebar lights up when selected, or when a selected
    /// event involves them.
    pub fn speaker_active(&self, id: &SpeakerId) -> bool {
        self.selected.with(|s| match s {
            Some(Target::Speaker(s)) => s == id,
            Some(Target::Event(e)) => self
                .links
                .with_value(|l| l.event_speakers.get(e).is_some_and(|s| s.contains(id))),
            None => false,
        })
    }

    /// An event in the chronology lights up when selected, or when the
    /// selected speaker takes part in it.
    pub fn event_active(&self, id: &EventId) -> bool {
        self.selected.with(|s| match s {
            Some(Target::Event(e)) => e == id,
            Some(Target::Speaker(s)) => self
                .links
                .with_value(|l| l.speaker_events.get(s).is_some_and(|e| e.contains(id))),
            None => false,
        })
    }

    /// Whether the reader points at a reference to `target` in the article.
    pub fn previewed(&self, target: &Target) -> bool {
        self.preview.with(|p| p.contains(target))
    }

    /// The element id of a term's hidden description.
    pub fn description_id(&self, term: &TermId) -> String {
        format!(
            "{}-desc-{}",
            self.prefix.get_value(),
            id_safe(term.as_str())
        )
    }

    /// The element id of a term's card in a prerendered page, where every
    /// term has a card of its own (see `ui::prerendered_cards`).
    pub fn term_card_id(&self, term: &TermId) -> String {
        format!(
            "{}-termcard-{}",
            self.prefix.get_value(),
            id_safe(term.as_str())
        )
    }

    /// The element id of the open card.
    pub fn card_id(&self) -> String {
        format!("{}-card", self.prefix.get_value())
    }

    /// An element id for anything else, unique in this widget.
    pub fn element_id(&self, name: &str) -> String {
        format!("{}-{name}", self.prefix.get_value())
    }
}

/// `Some(name)` when another widget is already on the page (a frame whose
/// id is not `frame_id`, which a prerendered copy of this widget has), so
/// that each widget's landmarks are told apart in a screen reader's list
/// (and by axe's `landmark-unique`): the title, numbered when a widget of
/// the same title is there too. The first widget keeps the short names.
/// Never natively: the prerenderer draws one widget at a time.
fn among_others(frame_id: &str, title: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    let (others, namesakes) = {
        let others: Vec<_> = super::roots::query_all(".gloss-frame")
            .into_iter()
            .filter(|frame| frame.id() != frame_id)
            .collect();
        let namesakes = others
            .iter()
            .filter_map(|frame| frame.query_selector(".gloss-title").ok().flatten())
            .filter(|heading| heading.text_content().as_deref() == Some(title))
            .count();
        (!others.is_empty(), namesakes)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let (others, namesakes) = {
        let _ = frame_id;
        (false, 0)
    };
    match (others && !title.is_empty(), namesakes) {
        (false, _) => None,
        (true, 0) => Some(title.to_owned()),
        (true, n) => Some(format!("{title} ({})", n + 1)),
    }
}

/// `data-active` as Leptos renders it: present (empty) or absent.
pub fn flag(on: bool) -> Option<&'static str> {
    on.then_some("")
}

/// An author's id as a piece of an element id: letters, digits and `-` as
/// they are, anything else (spaces, which would split an id list, and `_`
/// itself) as `_HEX_`. Two ids never map to the same piece, and no piece
/// contains `.`, so ids built as `PREFIX-kind-PIECE` and `…PIECE.title`
/// cannot collide.
pub fn id_safe(id: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}_", u32::from(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::id_safe;

    #[test]
    fn author_ids_become_unambiguous_element_id_pieces() {
        assert_eq!(id_safe("donbas"), "donbas");
        assert_eq!(id_safe("minsk-2"), "minsk-2");
        assert_eq!(id_safe("two words"), "two_20_words");
        assert_eq!(id_safe("a_b"), "a_5f_b");
        assert_eq!(id_safe("нато"), "_43d__430__442__43e_");
        assert_ne!(id_safe("a b"), id_safe("a_20_b"));
    }
}
