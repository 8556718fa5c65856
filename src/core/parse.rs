//! The core's entry point: one explainer source in, the model and its
//! diagnostics out.

use super::chronology::order_events;
use super::definitions::{check_definitions, Definitions};
use super::diagnostic::{Diagnostic, Report};
use super::document::{plain_text, Block};
use super::front_matter::{read_front_matter, split_front_matter};
use super::markdown::{convert_body, Body};
use super::mentions::{Matcher, Target};
use super::model::Explainer;
use super::Parsed;

/// Parses an explainer. Only a source that cannot be read at all (an empty
/// file, unreadable front matter) is an `Err`; every other fault is a
/// diagnostic next to a usable explainer.
pub fn parse_explainer(source: &str) -> Result<Parsed, Diagnostic> {
    Ok(Staged::start(source)?.convert().finish())
}

/// The same parse in three steps, for a caller that must give the thread
/// back in between (a browser drawing a very large explainer): [`start`]
/// reads the front matter and builds the matcher, [`convert`] turns the
/// body into the document tree with its mentions, [`finish`] counts the
/// mentions and orders the events. Each step is linear in its input.
///
/// [`start`]: Staged::start
/// [`convert`]: Staged::convert
/// [`finish`]: Converted::finish
pub struct Staged<'a> {
    report: Report<'a>,
    body_text: &'a str,
    body_offset: usize,
    definitions: Definitions,
    matcher: Matcher,
}

/// A [`Staged`] parse whose body is a document tree.
pub struct Converted<'a> {
    report: Report<'a>,
    definitions: Definitions,
    matcher: Matcher,
    body: Body,
}

/// Whether `body` opens with a `---` line closed by another, as YAML front
/// matter (another site generator's convention) would.
fn looks_like_yaml_front_matter(body: &str) -> bool {
    let mut lines = body.lines().map(str::trim_end);
    lines.next() == Some("---") && lines.any(|line| line == "---")
}

/// Where a name is last written as a TOML string in the front matter (the
/// second of two claims on it), or the start when it cannot be found.
fn where_written_last(toml: &str, name: &str) -> usize {
    [format!("\"{name}\""), format!("'{name}'")]
        .iter()
        .filter_map(|quoted| {
            toml.match_indices(quoted.as_str())
                .filter(|&(at, _)| !toml[..at].ends_with('\\'))
                .map(|(at, _)| at)
                .last()
        })
        .max()
        .unwrap_or(0)
}

impl<'a> Staged<'a> {
    /// Reads the front matter; `Err` when the explainer cannot be read.
    pub fn start(source: &'a str) -> Result<Self, Diagnostic> {
        let mut report = Report::new(source);
        if source.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(report.fatal(0, "the explainer file is empty"));
        }
        let split = split_front_matter(source, &report)?;
        if split.toml.is_empty() && looks_like_yaml_front_matter(split.body) {
            report.warning(
                split.body_offset,
                "this file starts with a `---` block, which is not read as front matter: \
                 write the front matter in TOML between `+++` lines",
            );
        }
        let raw = read_front_matter(&split, &mut report)?;
        let definitions = check_definitions(raw, split.toml_offset, &mut report);

        let names = definitions
            .terms
            .iter()
            .flat_map(|t| {
                std::iter::once(&t.label)
                    .chain(&t.aliases)
                    .map(|n| (n.clone(), Target::Term(t.id.clone())))
            })
            .chain(definitions.speakers.iter().flat_map(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .map(|n| (n.clone(), Target::Speaker(s.id.clone())))
            }));
        let (matcher, clashes) = Matcher::new(names);
        for clash in clashes {
            report.warning(
                split.toml_offset + where_written_last(split.toml, &clash.pattern),
                format!(
                    "the name `{}` belongs to both {} and {}; it is matched as the first",
                    clash.pattern,
                    describe(&clash.first),
                    describe(&clash.second)
                ),
            );
        }
        Ok(Self {
            report,
            body_text: split.body,
            body_offset: split.body_offset,
            definitions,
            matcher,
        })
    }

    /// Converts the Markdown body into the document tree, mentions found.
    pub fn convert(mut self) -> Converted<'a> {
        let body = convert_body(
            self.body_text,
            self.body_offset,
            &self.definitions.known,
            &self.matcher,
            &mut self.report,
        );
        Converted {
            report: self.report,
            definitions: self.definitions,
            matcher: self.matcher,
            body,
        }
    }
}

impl Converted<'_> {
    /// Counts the mentions and orders the events.
    pub fn finish(self) -> Parsed {
        let Converted {
            mut report,
            mut definitions,
            matcher,
            mut body,
        } = self;
        // Without a title, plain Markdown's own (a first `# Title` line)
        // is the explainer's, not a heading under an empty one.
        if definitions.meta.title.is_empty() {
            if let Some(Block::Heading {
                level: 1, content, ..
            }) = body.blocks.first()
            {
                definitions.meta.title = plain_text(content).trim().to_owned();
                body.blocks.remove(0);
            }
        }
        if let Some((at, message)) = definitions
            .untitled
            .filter(|_| definitions.meta.title.is_empty())
        {
            report.warning(at, message);
        }
        // Every mention is an explicit reference or one the matcher added.
        let mut counts = body.references;
        for (index, n) in body.found.into_iter().enumerate().filter(|(_, n)| *n > 0) {
            match matcher.target(index) {
                Target::Term(id) => *counts.terms.entry(id.clone()).or_default() += n,
                Target::Speaker(id) => *counts.speakers.entry(id.clone()).or_default() += n,
            }
        }
        for (term, &at) in definitions.terms.iter_mut().zip(&definitions.term_at) {
            term.mentions = counts.terms.get(&term.id).copied().unwrap_or(0);
            if term.mentions == 0 {
                report.warning(
                    at,
                    format!(
                        "term `{}` is never mentioned: no reader sees its card (write its label in the text, or link a passage with `[…](term:{})`)",
                        term.id, term.id
                    ),
                );
            }
        }
        for (speaker, &at) in definitions.speakers.iter_mut().zip(&definitions.speaker_at) {
            speaker.mentions = counts.speakers.get(&speaker.id).copied().unwrap_or(0);
            let quoted = body.quotes.iter().any(|q| q.speaker == speaker.id);
            let in_events = definitions
                .events
                .iter()
                .any(|e| e.speakers.contains(&speaker.id));
            if speaker.mentions == 0 && !quoted && !in_events {
                report.warning(
                    at,
                    format!(
                        "speaker `{}` is never mentioned, quoted or named by an event: choosing them in the sidebar shows nothing",
                        speaker.id
                    ),
                );
            }
        }
        order_events(&mut definitions.events);

        let mut diagnostics = report.diagnostics;
        diagnostics.sort_by_key(|d| (d.line, d.column));
        Parsed {
            explainer: Explainer {
                meta: definitions.meta,
                terms: definitions.terms,
                speakers: definitions.speakers,
                events: definitions.events,
                quotes: body.quotes,
                body: body.blocks,
            },
            diagnostics,
        }
    }
}

fn describe(target: &Target) -> String {
    match target {
        Target::Term(id) => format!("term `{id}`"),
        Target::Speaker(id) => format!("speaker `{id}`"),
    }
}
