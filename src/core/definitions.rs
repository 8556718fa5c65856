//! Checking what the front matter defines and turning it into model entries.
//!
//! Every fault becomes a located diagnostic and the entry is kept whenever
//! the reader can still be shown something sensible: a term without a summary
//! keeps its label, an event with a bad date is left out of the chronology.

use super::date::{parse_date, EventDate};
use super::diagnostic::Report;
use super::document::Inline;
use super::front_matter::{RawEvent, RawFrontMatter, RawSpeaker, RawTerm};
use super::ids::{EventId, SpeakerId, TermId};
use super::markdown::{convert_fragment, KnownIds};
use super::model::{Event, EventKind, ExternalLink, Meta, Speaker, Term};
use super::url::{sanitize_url, UrlUse};
use std::collections::HashSet;
use toml::Spanned;

/// The checked definitions, before the body is read.
pub struct Definitions {
    pub meta: Meta,
    pub terms: Vec<Term>,
    pub speakers: Vec<Speaker>,
    pub events: Vec<Event>,
    pub known: KnownIds,
    /// Where each term is defined, in the order of `terms`.
    pub term_at: Vec<usize>,
    /// Where each speaker is defined, in the order of `speakers`.
    pub speaker_at: Vec<usize>,
    /// Where the title is missing, and what to say, if it is: said once
    /// the body is read, unless it opens with a `# Title` line (see
    /// [`super::parse`]).
    pub untitled: Option<(usize, &'static str)>,
}

/// Checks `raw`; `base` is the byte offset of the TOML text in the source.
pub fn check_definitions(raw: RawFrontMatter, base: usize, report: &mut Report) -> Definitions {
    let mut known = KnownIds::default();
    let terms_in_order = in_source_order(raw.terms);
    let speakers_in_order = in_source_order(raw.speakers);
    known.terms = terms_in_order.iter().map(|(id, _)| id.clone()).collect();
    known.speakers = speakers_in_order.iter().map(|(id, _)| id.clone()).collect();
    known.left_out = raw.left_out;
    // Events are known even when their date is bad, so references to them
    // are not reported twice.
    known.events = raw
        .events
        .iter()
        .filter_map(|e| {
            e.get_ref()
                .id
                .as_ref()
                .map(|id| id.get_ref().trim().to_owned())
        })
        .collect();

    let (meta, untitled) = check_meta(
        &raw.title,
        raw.dek,
        &raw.published,
        raw.byline,
        &raw.lang,
        base,
        report,
    );
    let term_at: Vec<usize> = terms_in_order
        .iter()
        .map(|(_, t)| base + t.span().start)
        .collect();
    let terms = terms_in_order
        .into_iter()
        .map(|(id, term)| check_term(id, term, base, &known, report))
        .collect();
    let speaker_at: Vec<usize> = speakers_in_order
        .iter()
        .map(|(_, s)| base + s.span().start)
        .collect();
    let mut speakers: Vec<Speaker> = speakers_in_order
        .into_iter()
        .zip(&speaker_at)
        .map(|((id, s), &at)| {
            check_linkable("speaker", &id, at, report);
            check_speaker(id, s.into_inner())
        })
        .collect();
    one_spelling_per_group(&mut speakers);
    let mut seen = HashSet::new();
    let events = raw
        .events
        .into_iter()
        .filter_map(|e| check_event(e, base, &known, &mut seen, report))
        .collect();
    Definitions {
        meta,
        terms,
        speakers,
        events,
        known,
        term_at,
        speaker_at,
        untitled,
    }
}

fn in_source_order<T>(
    map: std::collections::BTreeMap<String, Spanned<T>>,
) -> Vec<(String, Spanned<T>)> {
    let mut entries: Vec<_> = map.into_iter().collect();
    entries.sort_by_key(|(_, v)| v.span().start);
    entries
}

fn check_meta(
    title: &Option<Spanned<String>>,
    dek: Option<String>,
    published: &Option<Spanned<String>>,
    byline: Option<String>,
    lang: &Option<Spanned<String>>,
    base: usize,
    report: &mut Report,
) -> (Meta, Option<(usize, &'static str)>) {
    let (title, untitled) = match title {
        Some(t) if !t.get_ref().trim().is_empty() => (t.get_ref().trim().to_owned(), None),
        Some(t) => (
            String::new(),
            Some((base + t.span().start, "the title is empty")),
        ),
        None => (
            String::new(),
            Some((
                base,
                "the front matter has no `title` (nor does the text open with a `# Title` line)",
            )),
        ),
    };
    let published = published
        .as_ref()
        .and_then(|p| match parse_date(p.get_ref()) {
            Ok(date) => Some(date),
            Err(e) => {
                report.error(base + p.span().start, format!("`published`: {e}"));
                None
            }
        });
    let lang = match lang {
        Some(l) if is_language_tag(l.get_ref()) => l.get_ref().to_owned(),
        Some(l) => {
            report.warning(
                base + l.span().start,
                format!("`lang = \"{}\"` is not a language tag such as \"en\" or \"pt-BR\"; using \"en\"", l.get_ref()),
            );
            "en".to_owned()
        }
        None => "en".to_owned(),
    };
    let meta = Meta {
        title,
        dek: dek.filter(|d| !d.trim().is_empty()),
        published,
        byline: byline.filter(|b| !b.trim().is_empty()),
        lang,
    };
    (meta, untitled)
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

fn check_term(
    id: String,
    raw: Spanned<RawTerm>,
    base: usize,
    known: &KnownIds,
    report: &mut Report,
) -> Term {
    let at = base + raw.span().start;
    check_linkable("term", &id, at, report);
    let raw = raw.into_inner();
    let label = raw
        .label
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| id.clone());
    let summary = match &raw.summary {
        Some(s) if !s.get_ref().trim().is_empty() => fragment(s, base, known, report),
        Some(s) => {
            report.error(
                base + s.span().start,
                format!("term `{id}` has an empty `summary`"),
            );
            Vec::new()
        }
        None => {
            report.error(
                at,
                format!("term `{id}` has no `summary`: its card would be empty"),
            );
            Vec::new()
        }
    };
    let details = raw
        .details
        .as_ref()
        .map(|d| fragment(d, base, known, report))
        .unwrap_or_default();
    let links = raw
        .links
        .into_iter()
        .filter_map(|link| {
            let Some(url) = sanitize_url(link.url.get_ref(), UrlUse::Link).map(String::from) else {
                report.error(
                    base + link.url.span().start,
                    format!("term `{id}`: link URL `{}` was removed: only http, https, mailto and relative URLs are allowed", link.url.get_ref()),
                );
                return None;
            };
            if super::url::missing_scheme(&url).is_some() {
                let said = super::markdown::schemeless("link", &url);
                report.warning(base + link.url.span().start, format!("term `{id}`: {said}"));
            }
            Some(ExternalLink {
                label: link.label.filter(|l| !l.trim().is_empty()).unwrap_or_else(|| url.clone()),
                url,
            })
        })
        .collect();
    Term {
        id: TermId::from(id),
        label,
        aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
        summary,
        details,
        links,
        mentions: 0,
    }
}

fn fragment(
    text: &Spanned<String>,
    base: usize,
    known: &KnownIds,
    report: &mut Report,
) -> Vec<Inline> {
    // +1 skips the opening quote of a basic string; close enough for
    // multi-line strings too.
    convert_fragment(text.get_ref(), base + text.span().start + 1, known, report)
}

/// Warns of an id with a space, which a link's URL cannot hold as written
/// (`[x](term:two words)` is no link at all).
fn check_linkable(kind: &str, id: &str, at: usize, report: &mut Report) {
    if id.contains(char::is_whitespace) {
        report.warning(
            at,
            format!(
                "the {kind} id `{id}` has a space, which a link cannot hold: link it as `{kind}:{}`, or write the id with `-`",
                id.split_whitespace().collect::<Vec<_>>().join("%20")
            ),
        );
    }
}

/// A group written in another case (`Russia`, `russia`) is the same group,
/// under the spelling it first had.
fn one_spelling_per_group(speakers: &mut [Speaker]) {
    let mut spellings: Vec<String> = Vec::new();
    for group in speakers.iter_mut().filter_map(|s| s.group.as_mut()) {
        let lower = group.to_lowercase();
        match spellings.iter().find(|s| s.to_lowercase() == lower) {
            Some(first) => first.clone_into(group),
            None => spellings.push(group.clone()),
        }
    }
}

fn check_speaker(id: String, raw: RawSpeaker) -> Speaker {
    Speaker {
        name: raw
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| id.clone()),
        id: SpeakerId::from(id),
        role: raw.role.filter(|r| !r.trim().is_empty()),
        group: raw
            .group
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty()),
        aliases: raw.aliases.into_iter().map(Spanned::into_inner).collect(),
        mentions: 0,
    }
}

fn check_event(
    raw: Spanned<RawEvent>,
    base: usize,
    known: &KnownIds,
    seen: &mut HashSet<String>,
    report: &mut Report,
) -> Option<Event> {
    let at = base + raw.span().start;
    let raw = raw.into_inner();
    let Some(id) = raw.id.as_ref().filter(|id| !id.get_ref().trim().is_empty()) else {
        report.error(at, "an event has no `id`: it is left out of the chronology");
        return None;
    };
    let id_text = id.get_ref().trim().to_owned();
    check_linkable("event", &id_text, base + id.span().start, report);
    if !seen.insert(id_text.clone()) {
        report.error(
            base + id.span().start,
            format!("duplicate event id `{id_text}`: only the first is kept"),
        );
        return None;
    }
    let date: EventDate = match &raw.date {
        Some(d) => match parse_date(d.get_ref()) {
            Ok(date) => {
                if let Some(why) = vague_end(&date) {
                    report.warning(base + d.span().start, format!("event `{id_text}`: {why}"));
                }
                date
            }
            Err(e) => {
                report.error(base + d.span().start, format!("event `{id_text}`: {e}"));
                return None;
            }
        },
        None => {
            report.error(
                at,
                format!("event `{id_text}` has no `date`: it is left out of the chronology"),
            );
            return None;
        }
    };
    let kind = match &raw.kind {
        None => EventKind::Event,
        Some(k) => match k.get_ref().as_str() {
            "event" => EventKind::Event,
            "projection" => EventKind::Projection,
            other => {
                report.error(
                    base + k.span().start,
                    format!("event `{id_text}`: unknown kind `{other}`: use \"event\" or \"projection\""),
                );
                EventKind::Event
            }
        },
    };
    let title = raw
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| {
            report.warning(at, format!("event `{id_text}` has no `title`"));
            id_text.clone()
        });
    let summary = match &raw.summary {
        Some(s) if s.get_ref().trim().is_empty() => {
            report.error(
                base + s.span().start,
                format!("event `{id_text}` has an empty `summary`"),
            );
            Vec::new()
        }
        Some(s) => fragment(s, base, known, report),
        None => Vec::new(),
    };
    let speakers = known_ids(
        raw.speakers,
        &known.speakers,
        "speaker",
        &id_text,
        base,
        report,
    )
    .into_iter()
    .map(SpeakerId::from)
    .collect();
    let terms = known_ids(raw.terms, &known.terms, "term", &id_text, base, report)
        .into_iter()
        .map(TermId::from)
        .collect();
    Some(Event {
        id: EventId::from(id_text),
        date,
        kind,
        title,
        summary,
        speakers,
        terms,
    })
}

fn known_ids(
    ids: Vec<Spanned<String>>,
    known: &HashSet<String>,
    noun: &str,
    event: &str,
    base: usize,
    report: &mut Report,
) -> Vec<String> {
    ids.into_iter()
        .filter_map(|id| {
            if known.contains(id.get_ref()) {
                Some(id.into_inner())
            } else {
                report.error(
                    base + id.span().start,
                    format!("event `{event}` names unknown {noun} `{}`", id.get_ref()),
                );
                None
            }
        })
        .collect()
}

/// Why a range whose end is written coarser than its start, and takes it
/// in (`2024-06-15/2024-06`), likely does not say what the author meant:
/// it reads "June 15, 2024 – June 2024".
fn vague_end(date: &EventDate) -> Option<String> {
    let end = date.end?;
    let coarser = end.precision() < date.start.precision();
    let unit = if end.month.is_some() { "month" } else { "year" };
    (coarser && end.first_day() <= date.start.first_day()).then(|| {
        format!(
            "the range ends with the {unit} it starts in (it reads: from a day to a whole {unit}): write the day it ends, or the start alone"
        )
    })
}
