//! The document tree: what the article body becomes after parsing.
//!
//! The UI renders this tree node by node; nothing here is HTML. References are
//! already resolved: a [`Inline::Term`] names a term that exists.

use super::ids::{EventId, SpeakerId, TermId};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// A block-level node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// `level` is 1..=6 as written; the UI shifts it under the title.
    /// `anchor` is what `#anchor` links in the explainer point at: the
    /// author's own (`## Title {#anchor}`) or made from the heading's text,
    /// unique in the document.
    Heading {
        level: u8,
        content: Vec<Inline>,
        anchor: String,
    },
    Paragraph(Vec<Inline>),
    BlockQuote(Vec<Block>),
    List {
        /// The first number of an ordered list; `None` for a bullet list.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
        /// A tight list (no blank line between its items): its items' text
        /// is not set apart as paragraphs.
        tight: bool,
    },
    /// A fenced or indented code block, shown verbatim.
    Code {
        lang: Option<String>,
        text: String,
    },
    /// Raw HTML from the source, kept as visible text and never interpreted.
    RawText(String),
    Rule,
    Table {
        aligns: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A footnote definition, numbered in order of first reference.
    Footnote {
        label: String,
        number: usize,
        content: Vec<Block>,
        /// How many references the article makes to it: each gets a link
        /// back.
        references: usize,
    },
}

/// Column alignment in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// An inline node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Inline {
    Text(CompactString),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Code(CompactString),
    /// A line break the author forced.
    HardBreak,
    /// A link whose URL passed the scheme check.
    Link {
        url: String,
        title: String,
        content: Vec<Inline>,
    },
    /// An image whose URL passed the scheme check; `title` is empty when
    /// the source gives none.
    Image {
        url: String,
        alt: String,
        title: String,
    },
    /// A mention of a glossary term. `decorated` mentions are the ones a
    /// reader can focus and that are styled as links; the others only carry
    /// the term for highlighting.
    Term {
        id: TermId,
        decorated: bool,
        content: Vec<Inline>,
    },
    /// A mention of a speaker.
    Speaker {
        id: SpeakerId,
        content: Vec<Inline>,
    },
    /// A quotation attributed to a speaker; `index` numbers the quotes of the
    /// whole article in order, matching [`super::model::Quote::index`].
    Quote {
        speaker: SpeakerId,
        index: usize,
        content: Vec<Inline>,
    },
    /// A passage that refers to an event.
    EventRef {
        id: EventId,
        content: Vec<Inline>,
    },
    /// A reference to footnote `number`, the `occurrence`th to it (from 1).
    FootnoteRef {
        label: String,
        number: usize,
        occurrence: usize,
    },
}

/// The plain text of a run of inlines, as a screen reader would read it.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for_each_nested(inlines, &mut |inline| match inline {
        Inline::Text(t) | Inline::Code(t) => out.push_str(t),
        Inline::HardBreak => out.push(' '),
        Inline::Image { alt, .. } => out.push_str(alt),
        Inline::FootnoteRef { number, .. } => out.push_str(&format!("[{number}]")),
        // Containers add nothing of their own: their content is visited.
        _ => {}
    });
    out
}

/// The anchor a heading's text makes, as GitHub and most Markdown sites
/// make it: lower case, spaces to `-`, punctuation dropped (letters and
/// digits of any script kept); `section` when nothing is left.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// Calls `f` with the anchor of every heading in `blocks`, in document
/// order (headings may sit in quotes and lists).
pub fn for_each_anchor<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a str)) {
    for block in blocks {
        match block {
            Block::Heading { anchor, .. } => f(anchor),
            Block::BlockQuote(b) | Block::Footnote { content: b, .. } => for_each_anchor(b, f),
            Block::List { items, .. } => items.iter().for_each(|i| for_each_anchor(i, f)),
            _ => {}
        }
    }
}

/// About how much text a block holds, in bytes: what drawing it costs,
/// roughly (the UI draws long articles a slice of text at a time).
pub fn text_len(block: &Block) -> usize {
    let own = match block {
        Block::Code { text, .. } | Block::RawText(text) => text.len(),
        _ => 0,
    };
    let mut nested = 0;
    for_each_inline(std::slice::from_ref(block), &mut |inline| {
        if let Inline::Text(t) | Inline::Code(t) = inline {
            nested += t.len();
        }
    });
    own + nested
}

/// Calls `f` on every inline in `blocks`, outer before inner, in document
/// order: the one walk that counting, checking and fuzzing share.
pub fn for_each_inline<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Inline)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                for_each_nested(content, f)
            }
            Block::BlockQuote(b) | Block::Footnote { content: b, .. } => for_each_inline(b, f),
            Block::List { items, .. } => items.iter().for_each(|i| for_each_inline(i, f)),
            Block::Table { head, rows, .. } => head
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|cell| for_each_nested(cell, f)),
            Block::Code { .. } | Block::RawText(_) | Block::Rule => {}
        }
    }
}

/// Calls `f` on every inline of a run and on those nested in it.
pub fn for_each_nested<'a>(inlines: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
    for inline in inlines {
        f(inline);
        match inline {
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Link { content: c, .. }
            | Inline::Term { content: c, .. }
            | Inline::Speaker { content: c, .. }
            | Inline::Quote { content: c, .. }
            | Inline::EventRef { content: c, .. } => for_each_nested(c, f),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::HardBreak
            | Inline::Image { .. }
            | Inline::FootnoteRef { .. } => {}
        }
    }
}

/// Splits a run of text that sits between two inlines into what belongs
/// to each: the punctuation it starts with (`"),"` after a term), glued to
/// the inline before when `after_glued`; the middle; and the punctuation
/// it ends with (`"("` before a term), glued to the inline after when
/// `before_glued`. A term drawn as a button is one box to line breaking,
/// so a comma after it could otherwise start the next line. Only
/// punctuation and symbols are glued, never letters: a sentence of
/// Chinese after a term still wraps.
pub fn split_glue(text: &str, after_glued: bool, before_glued: bool) -> (&str, &str, &str) {
    let sticks = |c: char| !c.is_alphanumeric() && !c.is_whitespace();
    let lead = if after_glued {
        text.find(|c: char| !sticks(c)).unwrap_or(text.len())
    } else {
        0
    };
    let (head, rest) = text.split_at(lead);
    let trail = if before_glued {
        rest.rfind(|c: char| !sticks(c)).map_or(0, |i| {
            i + rest[i..].chars().next().map_or(0, char::len_utf8)
        })
    } else {
        rest.len()
    };
    let (middle, tail) = rest.split_at(trail);
    (head, middle, tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_reads_nested_content_in_order() {
        let inlines = vec![
            Inline::Text("a ".into()),
            Inline::Emphasis(vec![
                Inline::Strong(vec![Inline::Text("b".into())]),
                Inline::Code("c".into()),
            ]),
            Inline::HardBreak,
            Inline::Link {
                url: "https://x".into(),
                title: String::new(),
                content: vec![Inline::Image {
                    url: "i.png".into(),
                    alt: "d".into(),
                    title: String::new(),
                }],
            },
            Inline::FootnoteRef {
                label: "n".into(),
                number: 2,
                occurrence: 1,
            },
        ];
        assert_eq!(plain_text(&inlines), "a bc d[2]");
    }

    #[test]
    fn glue_takes_punctuation_next_to_a_term_and_nothing_else() {
        assert_eq!(split_glue(", which", true, false), (",", " which", ""));
        assert_eq!(split_glue("”), and (", true, true), ("”),", " and ", "("));
        assert_eq!(split_glue(" and ", true, true), ("", " and ", ""));
        assert_eq!(split_glue("/", true, true), ("/", "", ""));
        assert_eq!(split_glue("’s claim", true, false), ("’", "s claim", ""));
        assert_eq!(split_glue("的领土。", true, false), ("", "的领土。", ""));
        assert_eq!(split_glue("。然后", true, false), ("。", "然后", ""));
        assert_eq!(split_glue("see «", false, true), ("", "see ", "«"));
        assert_eq!(split_glue(", (", false, false), ("", ", (", ""));
        assert_eq!(split_glue("", true, true), ("", "", ""));
    }
}
