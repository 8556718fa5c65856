//! The reader's selection, shared through context by every component of one
//! widget.

use crate::core::ids::TermId;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

/// An open hovercard: which term, from which mention, and whether a click or
/// tap pinned it (a pinned card ignores the pointer leaving).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenCard {
    pub term: TermId,
    /// The `data-gloss-mention` index of the mention it belongs to.
    pub mention: usize,
    pub pinned: bool,
}

/// What the reader has open in one widget.
#[derive(Clone, Copy)]
pub struct Selection {
    pub card: RwSignal<Option<OpenCard>>,
    /// A prefix unique to this widget on the page, for element ids.
    pub prefix: StoredValue<String>,
    /// The pending hover intent (open or close), so a new one replaces it.
    pub timer: StoredValue<Option<TimeoutHandle>>,
}

impl Selection {
    pub fn new(prefix: String) -> Self {
        Self {
            card: RwSignal::new(None),
            prefix: StoredValue::new(prefix),
            timer: StoredValue::new(None),
        }
    }

    /// The element id of a term's hidden description.
    pub fn description_id(&self, term: &TermId) -> String {
        format!("{}-desc-{}", self.prefix.get_value(), term)
    }

    /// The element id of the open card.
    pub fn card_id(&self) -> String {
        format!("{}-card", self.prefix.get_value())
    }
}
