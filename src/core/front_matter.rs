//! The TOML front matter between `+++` lines: splitting it off the body and
//! reading it into raw, position-carrying records.
//!
//! Only a TOML syntax error is fatal here: a value of the wrong type leaves
//! out its field or its entry, with an error where it is written. Checking
//! what the records say (ids, dates, summaries) is [`super::definitions`]'
//! job.

use super::diagnostic::{Diagnostic, Report};
use super::toml_hints::{explain_syntax_error, written_twice};
use serde::de::IntoDeserializer;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The file cut in two; offsets are bytes into the whole source.
pub struct Split<'a> {
    /// The TOML text, without the `+++` lines; empty when there is none.
    pub toml: &'a str,
    pub toml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Cuts the front matter off the body. A file without a leading `+++` line is
/// all body; an opening `+++` without a closing one is fatal.
pub fn split_front_matter<'a>(source: &'a str, report: &Report) -> Result<Split<'a>, Diagnostic> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    // Blank lines and HTML comments (a licence, an editor's note) before
    // the opening `+++` are allowed.
    let mut lead = bom;
    loop {
        let rest = source[lead..].trim_start();
        lead = source.len() - rest.len();
        match rest.strip_prefix("<!--").and_then(|c| c.find("-->")) {
            Some(end) => lead += 4 + end + 3,
            None => break,
        }
    }
    let start = bom + source[bom..lead].rfind('\n').map_or(0, |i| i + 1);
    let mut lines = line_spans(source, start);
    let opening = lines.next();
    let Some((_, after_open)) = opening.filter(|&(s, e)| is_fence(&source[s..e])) else {
        return Ok(Split {
            toml: "",
            toml_offset: start,
            body: &source[start..],
            body_offset: start,
        });
    };
    let toml_offset = after_open;
    for (s, e) in lines {
        if is_fence(&source[s..e]) {
            return Ok(Split {
                toml: &source[toml_offset..s],
                toml_offset,
                body: &source[e..],
                body_offset: e,
            });
        }
    }
    Err(report.fatal(
        start,
        "the front matter opened by `+++` here is never closed: add a line with `+++` after it",
    ))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// `(start, end_after_newline)` of each line from `from`.
fn line_spans(source: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= source.len() {
            return None;
        }
        let start = pos;
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i + 1);
        pos = end;
        Some((start, end))
    })
}

/// The front matter as written, with the position of everything a
/// diagnostic may need to point at.
#[derive(Debug, Default)]
pub struct RawFrontMatter {
    pub title: Option<Spanned<String>>,
    pub dek: Option<String>,
    pub published: Option<Spanned<String>>,
    pub byline: Option<String>,
    pub lang: Option<Spanned<String>>,
    pub terms: BTreeMap<String, Spanned<RawTerm>>,
    pub speakers: BTreeMap<String, Spanned<RawSpeaker>>,
    pub events: Vec<Spanned<RawEvent>>,
    /// The kind and id of each term, speaker or event left out for a value
    /// of the wrong type, so that links to it can say why it is missing.
    pub left_out: Vec<(&'static str, String)>,
}

#[derive(Debug, Deserialize)]
pub struct RawTerm {
    pub label: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    pub details: Option<Spanned<String>>,
    #[serde(default)]
    pub links: Vec<RawLink>,
}

#[derive(Debug, Deserialize)]
pub struct RawLink {
    pub label: Option<String>,
    pub url: Spanned<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawSpeaker {
    pub name: Option<String>,
    pub role: Option<String>,
    pub group: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawEvent {
    pub id: Option<Spanned<String>>,
    pub date: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub title: Option<String>,
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub speakers: Vec<Spanned<String>>,
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
}

/// Reads the TOML. A syntax error is fatal and located; a value of the
/// wrong type (`summary = 5`) leaves out its field, or the term, speaker
/// or event it is in, with a located error, and the rest is read.
pub fn read_front_matter(split: &Split, report: &mut Report) -> Result<RawFrontMatter, Diagnostic> {
    let mut raw = RawFrontMatter::default();
    if split.toml.trim().is_empty() {
        return Ok(raw);
    }
    // A table or key written twice is the one mistake the parser reads
    // past (keeping the first): reported, not fatal. Any other is.
    let (root, errors) = DeTable::parse_recoverable(split.toml);
    if let Some(err) = errors
        .iter()
        .find(|e| e.message().trim() != "duplicate key")
    {
        let at = err.span().map_or(0, |s| s.start);
        let (at, message) = explain_syntax_error(split.toml, at, err.message().trim());
        return Err(report.fatal(split.toml_offset + at, message));
    }
    let mut table_reported = None;
    for err in &errors {
        let at = err.span().map_or(0, |s| s.start);
        if let Some(message) = written_twice(split.toml, at, &mut table_reported) {
            report.error(split.toml_offset + at, message);
        }
    }
    let mut reader = Reader {
        report,
        toml: split.toml,
        offset: split.toml_offset,
    };
    for (key, value) in root.into_inner() {
        let key_start = key.span().start;
        let key = key.into_inner();
        match &*key {
            "title" => raw.title = reader.read(value, || "`title`".into()),
            "dek" => raw.dek = reader.read(value, || "`dek`".into()),
            "published" => raw.published = reader.read(value, || "`published`".into()),
            "byline" => raw.byline = reader.read(value, || "`byline`".into()),
            "lang" => raw.lang = reader.read(value, || "`lang`".into()),
            "terms" => {
                raw.terms =
                    reader.records(value, "term", "[terms.ID]", TERM_KEYS, &mut raw.left_out)
            }
            "speakers" => {
                raw.speakers = reader.records(
                    value,
                    "speaker",
                    "[speakers.ID]",
                    SPEAKER_KEYS,
                    &mut raw.left_out,
                )
            }
            "events" => {
                let span = value.span();
                match value.into_inner() {
                    DeValue::Array(items) => {
                        raw.events = items
                            .into_iter()
                            .filter_map(|item| {
                                reader.check_keys(&item, EVENT_KEYS);
                                let id = event_id(&item);
                                let event = reader.read(item, || "this event".into());
                                if let (None, Some(id)) = (&event, id) {
                                    raw.left_out.push(("event", id));
                                }
                                event
                            })
                            .collect();
                    }
                    _ => reader.misplaced(span.start, "`events`", "[[events]]"),
                }
            }
            _ => reader.unknown(key_start, &key, TOP_LEVEL),
        }
    }
    Ok(raw)
}

/// An event record's `id`, when it is written as text.
fn event_id(record: &Spanned<DeValue>) -> Option<String> {
    let DeValue::Table(table) = record.get_ref() else {
        return None;
    };
    table.iter().find_map(|(key, value)| match value.get_ref() {
        DeValue::String(id) if key.get_ref() == "id" => Some(id.trim().to_owned()),
        _ => None,
    })
}

/// The keys each part of the front matter has; any other is reported.
const TOP_LEVEL: &[&str] = &[
    "title",
    "dek",
    "published",
    "byline",
    "lang",
    "terms",
    "speakers",
    "events",
];
const TERM_KEYS: &[&str] = &["label", "aliases", "summary", "details", "links"];
const SPEAKER_KEYS: &[&str] = &["name", "role", "group", "aliases"];
const EVENT_KEYS: &[&str] = &[
    "id", "date", "kind", "title", "summary", "speakers", "terms",
];

/// The known key `key` was most likely meant to be: one edit or a plural
/// away (`speaker` for `speakers`, `sumary` for `summary`).
fn meant(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let key = key.to_ascii_lowercase();
    known.iter().copied().find(|k| {
        *k == key
            || k.trim_end_matches('s') == key.trim_end_matches('s')
            || within_one_edit(k, &key)
    })
}

/// Whether `a` becomes `b` by inserting, deleting or replacing one
/// character, or swapping two neighbours.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end = a[start..]
        .iter()
        .rev()
        .zip(b[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_rest, b_rest) = (a.len() - start - end, b.len() - start - end);
    let swapped =
        a_rest == 2 && b_rest == 2 && a[start] == b[start + 1] && a[start + 1] == b[start];
    (a_rest <= 1 && b_rest <= 1) || swapped
}

/// Reads values out of the parsed TOML, reporting those of the wrong type.
struct Reader<'r, 'a, 't> {
    report: &'r mut Report<'a>,
    toml: &'t str,
    /// Where the TOML starts in the source.
    offset: usize,
}

impl Reader<'_, '_, '_> {
    /// `value` as a `T`, or `None` with an error naming `what` is left out.
    fn read<'i, T: Deserialize<'i>>(
        &mut self,
        value: Spanned<DeValue<'i>>,
        what: impl FnOnce() -> String,
    ) -> Option<T> {
        let start = value.span().start;
        T::deserialize(value.into_deserializer())
            .map_err(|err| {
                let at = err.span().map_or(start, |s| s.start);
                // A date written bare is a TOML date, which reads as a map.
                let bare_date = err.message().contains("invalid type: map")
                    && self.toml[at..].starts_with(|c: char| c.is_ascii_digit());
                let why = if bare_date {
                    "a date is written in quotes, as text: `date = \"2025-03-04\"`".to_string()
                } else if err.message().contains("expected a sequence") {
                    // `aliases = "the Cold War"`.
                    "this is a list, written in brackets even for one: `[\"…\"]`".to_string()
                } else {
                    err.message().trim().to_string()
                };
                self.report
                    .error(self.offset + at, format!("{} is left out: {why}", what()));
            })
            .ok()
    }

    /// A table of records by id (`[terms.ID]`); `kind` names one. The ids
    /// of records left out are added to `left_out`.
    fn records<'i, T: Deserialize<'i>>(
        &mut self,
        value: Spanned<DeValue<'i>>,
        kind: &'static str,
        form: &str,
        known: &[&'static str],
        left_out: &mut Vec<(&'static str, String)>,
    ) -> BTreeMap<String, Spanned<T>> {
        let span = value.span();
        let DeValue::Table(table) = value.into_inner() else {
            self.misplaced(span.start, &format!("`{kind}s`"), form);
            return BTreeMap::new();
        };
        table
            .into_iter()
            .filter_map(|(id, record)| {
                let id = id.into_inner().into_owned();
                let what = || format!("{kind} `{id}`");
                self.check_keys(&record, known);
                match self.read(record, what) {
                    Some(record) => Some((id, record)),
                    None => {
                        left_out.push((kind, id));
                        None
                    }
                }
            })
            .collect()
    }

    /// Reports the keys of a record's table that its kind does not have.
    fn check_keys(&mut self, record: &Spanned<DeValue>, known: &[&'static str]) {
        if let DeValue::Table(table) = record.get_ref() {
            for key in table.keys() {
                self.unknown(key.span().start, key.get_ref(), known);
            }
        }
    }

    /// A key at `start` that is not one of `known`: a warning, with the
    /// key it was probably meant to be.
    fn unknown(&mut self, start: usize, key: &str, known: &[&'static str]) {
        if known.contains(&key) {
            return;
        }
        let message = match meant(key, known) {
            Some(k) => format!("unknown key `{key}` is ignored: did you mean `{k}`?"),
            None => format!(
                "unknown key `{key}` is ignored (known here: {})",
                known.join(", ")
            ),
        };
        self.report.warning(self.offset + start, message);
    }

    /// A section written as something else (`terms = 5`) at `start`.
    fn misplaced(&mut self, start: usize, what: &str, form: &str) {
        self.report.error(
            self.offset + start,
            format!("{what} is left out: it should be written as `{form}` sections"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(source: &str) -> Result<(String, String), String> {
        let report = Report::new(source);
        split_front_matter(source, &report)
            .map(|s| (s.toml.to_owned(), s.body.to_owned()))
            .map_err(|d| d.to_string())
    }

    #[test]
    fn cuts_at_the_fences() {
        assert_eq!(
            split("+++\ntitle = \"x\"\n+++\nBody\n"),
            Ok(("title = \"x\"\n".into(), "Body\n".into()))
        );
        assert_eq!(
            split("+++\r\na = 1\r\n+++\r\nB"),
            Ok(("a = 1\r\n".into(), "B".into()))
        );
        assert_eq!(split("\u{feff}+++\n+++\n"), Ok(("".into(), "".into())));
        assert_eq!(
            split("# No front matter\n"),
            Ok(("".into(), "# No front matter\n".into()))
        );
        assert_eq!(split("text\n+++\n"), Ok(("".into(), "text\n+++\n".into())));
    }

    #[test]
    fn an_unclosed_fence_is_fatal_at_its_line() {
        let err = split("+++\ntitle = 1\n").unwrap_err();
        assert!(err.starts_with("line 1, column 1:"), "{err}");
        assert!(err.contains("never closed"), "{err}");
    }
}
