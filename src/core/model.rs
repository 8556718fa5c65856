//! The explainer model: everything the UI needs, resolved and validated.
//!
//! The model is serialisable so an explainer can be compiled ahead of time and
//! shipped without the parsers.

use super::date::EventDate;
use super::document::{Block, Inline};
use super::ids::{EventId, SpeakerId, TermId};
use serde::{Deserialize, Serialize};

/// A parsed explainer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Explainer {
    pub meta: Meta,
    /// In the order the author defined them.
    pub terms: Vec<Term>,
    /// In the order the author defined them.
    pub speakers: Vec<Speaker>,
    /// In chronological order.
    pub events: Vec<Event>,
    /// Every attributed quotation, in article order.
    pub quotes: Vec<Quote>,
    pub body: Vec<Block>,
}

/// The front matter's scalar fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub dek: Option<String>,
    pub published: Option<EventDate>,
    pub byline: Option<String>,
    /// A BCP 47 language tag; "en" unless the author says otherwise.
    pub lang: String,
}

/// A glossary term.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub id: TermId,
    pub label: String,
    pub aliases: Vec<String>,
    pub summary: Vec<Inline>,
    pub details: Vec<Inline>,
    pub links: Vec<ExternalLink>,
    /// How many times the article mentions the term.
    pub mentions: usize,
}

/// A link under a term's card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalLink {
    pub label: String,
    pub url: String,
}

/// A person who speaks or is mentioned in the article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub id: SpeakerId,
    pub name: String,
    pub role: Option<String>,
    pub group: Option<String>,
    pub aliases: Vec<String>,
    /// How many times the article mentions the speaker (quotes not counted).
    pub mentions: usize,
}

/// Whether an event happened or is forecast.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    #[default]
    Event,
    Projection,
}

/// A dated event of the chronology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub date: EventDate,
    pub kind: EventKind,
    pub title: String,
    pub summary: Vec<Inline>,
    pub speakers: Vec<SpeakerId>,
    pub terms: Vec<TermId>,
}

/// A quotation attributed to a speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub speaker: SpeakerId,
    /// Matches [`Inline::Quote::index`] in the body.
    pub index: usize,
    pub text: String,
}

impl Explainer {
    pub fn term(&self, id: &TermId) -> Option<&Term> {
        self.terms.iter().find(|t| &t.id == id)
    }

    pub fn speaker(&self, id: &SpeakerId) -> Option<&Speaker> {
        self.speakers.iter().find(|s| &s.id == id)
    }

    pub fn event(&self, id: &EventId) -> Option<&Event> {
        self.events.iter().find(|e| &e.id == id)
    }
}
