//! Markdown → document tree, with explicit references resolved.
//!
//! The pipeline, in the spirit of mdBook's renderer:
//! 1. pulldown-cmark turns the text into events ([`markdown_options`] is the
//!    one place its options are chosen);
//! 2. a stack of open frames folds the events into [`Block`]s and [`Inline`]s;
//! 3. links with a `term:`, `speaker:`, `event:` or `quote:` scheme become
//!    reference nodes, other links pass the URL gate or become plain text;
//! 4. raw HTML is kept as visible text and never interpreted.
//!
//! Automatic mentions are added afterwards by [`super::mentions`].

use super::diagnostic::Report;
use super::document::{Align, Block, Inline};
use super::ids::{EventId, SpeakerId, TermId};
use super::model::Quote;
use super::url::{sanitize_url, UrlUse};
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// CommonMark plus tables, footnotes and strikethrough; nothing that would
/// let content set ids or attributes.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// The ids an explainer defines, for resolving references.
#[derive(Default)]
pub struct KnownIds {
    pub terms: HashSet<String>,
    pub speakers: HashSet<String>,
    pub events: HashSet<String>,
}

/// The article body as a tree, with its quotes in order.
pub struct Body {
    pub blocks: Vec<Block>,
    pub quotes: Vec<Quote>,
    /// The explicit `term:` and `speaker:` references, counted by id.
    pub references: References,
}

/// How many explicit references each term and speaker has.
#[derive(Default)]
pub struct References {
    pub terms: HashMap<TermId, usize>,
    pub speakers: HashMap<SpeakerId, usize>,
}

/// Converts the article body; `offset` is where `text` starts in the source.
pub fn convert_body(text: &str, offset: usize, known: &KnownIds, report: &mut Report) -> Body {
    let mut converter = Converter::new(known, report, offset, Mode::Body);
    let mut blocks = converter.run(text);
    let mut footnotes = std::mem::take(&mut converter.footnotes);
    footnotes.sort_by_key(|f| match f {
        Block::Footnote { number, .. } => *number,
        _ => usize::MAX,
    });
    blocks.extend(footnotes);
    Body {
        blocks,
        quotes: converter.quotes,
        references: converter.references,
    }
}

/// Converts a short Markdown fragment (a summary, details) to inlines.
/// Quotes in a fragment count as speaker mentions; blocks other than
/// paragraphs are flattened to their text.
pub fn convert_fragment(
    text: &str,
    offset: usize,
    known: &KnownIds,
    report: &mut Report,
) -> Vec<Inline> {
    let blocks = Converter::new(known, report, offset, Mode::Fragment).run(text);
    let mut out = Vec::new();
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::HardBreak);
        }
        flatten_block(block, &mut out);
    }
    out
}

fn flatten_block(block: Block, out: &mut Vec<Inline>) {
    match block {
        Block::Paragraph(c) | Block::Heading { content: c, .. } => out.extend(c),
        Block::Code { text, .. } | Block::RawText(text) => out.push(Inline::Text(text)),
        Block::BlockQuote(blocks)
        | Block::Footnote {
            content: blocks, ..
        } => blocks.into_iter().for_each(|b| flatten_block(b, out)),
        Block::List { items, .. } => items
            .into_iter()
            .flatten()
            .for_each(|b| flatten_block(b, out)),
        Block::Table { head, rows, .. } => head
            .into_iter()
            .chain(rows.into_iter().flatten())
            .for_each(|cell| out.extend(cell)),
        Block::Rule => {}
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Body,
    Fragment,
}

enum Kind {
    Root,
    Paragraph,
    Heading(u8),
    BlockQuote,
    List(Option<u64>),
    Item,
    CodeBlock(Option<String>),
    HtmlBlock,
    Table(Vec<Align>),
    TableHead,
    TableRow,
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    Link {
        dest: String,
        title: String,
        at: usize,
    },
    Image {
        dest: String,
        at: usize,
    },
    Footnote(String),
    /// A tag this converter does not give meaning to: its content passes up.
    Transparent,
}

struct Frame {
    kind: Kind,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    /// Verbatim text of code, raw HTML and image alt text.
    text: String,
    items: Vec<Vec<Block>>,
    cells: Vec<Vec<Inline>>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
}

impl Frame {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            blocks: Vec::new(),
            inlines: Vec::new(),
            text: String::new(),
            items: Vec::new(),
            cells: Vec::new(),
            head: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Inlines directly in a block container (a tight list item) become a
    /// paragraph before the next block.
    fn flush_inlines(&mut self) {
        if !self.inlines.is_empty() {
            let inlines = std::mem::take(&mut self.inlines);
            self.blocks.push(Block::Paragraph(inlines));
        }
    }

    fn push_block(&mut self, block: Block) {
        self.flush_inlines();
        self.blocks.push(block);
    }

    fn into_blocks(mut self) -> Vec<Block> {
        self.flush_inlines();
        self.blocks
    }
}

/// Appends inline text, merging with a preceding text node so that mention
/// matching sees whole runs.
pub(crate) fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = inlines.last_mut() {
        last.push_str(text);
    } else {
        inlines.push(Inline::Text(text.to_owned()));
    }
}

/// Appends an inline, merging text into a preceding text node.
pub(crate) fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    match (inlines.last_mut(), inline) {
        (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
        (_, inline) => inlines.push(inline),
    }
}

/// What a closed frame hands to its parent.
enum Output {
    Block(Block),
    Inline(Inline),
    Inlines(Vec<Inline>),
    Blocks(Vec<Block>),
    Item(Vec<Block>),
    Cell(Vec<Inline>),
    Row(Vec<Vec<Inline>>),
    Head(Vec<Vec<Inline>>),
    Nothing,
}

struct Converter<'k, 'r, 's> {
    known: &'k KnownIds,
    report: &'r mut Report<'s>,
    offset: usize,
    mode: Mode,
    stack: Vec<Frame>,
    quotes: Vec<Quote>,
    footnote_numbers: HashMap<String, usize>,
    footnotes: Vec<Block>,
    references: References,
}

impl<'k, 'r, 's> Converter<'k, 'r, 's> {
    fn new(known: &'k KnownIds, report: &'r mut Report<'s>, offset: usize, mode: Mode) -> Self {
        Self {
            known,
            report,
            offset,
            mode,
            stack: vec![Frame::new(Kind::Root)],
            quotes: Vec::new(),
            footnote_numbers: HashMap::new(),
            footnotes: Vec::new(),
            references: References::default(),
        }
    }

    fn run(&mut self, text: &str) -> Vec<Block> {
        self.feed(text);
        // pulldown-cmark balances its tags, but never lose content if not.
        while self.stack.len() > 1 {
            self.close();
        }
        let root = self.stack.pop().expect("the root frame");
        self.stack.push(Frame::new(Kind::Root));
        root.into_blocks()
    }

    fn feed(&mut self, text: &str) {
        for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
            self.handle(event, range);
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the root frame is never popped early")
    }

    fn handle(&mut self, event: Event, range: Range<usize>) {
        let at = self.offset + range.start;
        match event {
            Event::Start(tag) => {
                let kind = self.kind_of(tag, at);
                self.stack.push(Frame::new(kind));
            }
            Event::End(_) => self.close(),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => push_inline(&mut self.top().inlines, Inline::Code(t.into_string())),
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.top().inlines.push(Inline::HardBreak),
            Event::Rule => self.top().push_block(Block::Rule),
            Event::FootnoteReference(label) => {
                let number = self.footnote_number(&label);
                self.top().inlines.push(Inline::FootnoteRef {
                    label: label.into_string(),
                    number,
                });
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    fn text(&mut self, text: &str) {
        let top = self.top();
        match top.kind {
            Kind::CodeBlock(_) | Kind::HtmlBlock | Kind::Image { .. } => top.text.push_str(text),
            _ => push_text(&mut top.inlines, text),
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(label.to_owned())
            .or_insert(next)
    }

    fn kind_of(&mut self, tag: Tag, at: usize) -> Kind {
        match tag {
            Tag::Paragraph => Kind::Paragraph,
            Tag::Heading { level, .. } => Kind::Heading(level as u8),
            Tag::BlockQuote(_) => Kind::BlockQuote,
            Tag::CodeBlock(kind) => Kind::CodeBlock(match kind {
                pulldown_cmark::CodeBlockKind::Fenced(info) => {
                    info.split_whitespace().next().map(str::to_owned)
                }
                pulldown_cmark::CodeBlockKind::Indented => None,
            }),
            Tag::HtmlBlock => Kind::HtmlBlock,
            Tag::List(start) => Kind::List(start),
            Tag::Item => Kind::Item,
            Tag::FootnoteDefinition(label) => Kind::Footnote(label.into_string()),
            Tag::Table(aligns) => Kind::Table(
                aligns
                    .into_iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::None,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect(),
            ),
            Tag::TableHead => Kind::TableHead,
            Tag::TableRow => Kind::TableRow,
            Tag::TableCell => Kind::TableCell,
            Tag::Emphasis => Kind::Emphasis,
            Tag::Strong => Kind::Strong,
            Tag::Strikethrough => Kind::Strikethrough,
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => Kind::Link {
                // An email autolink `<desk@example.org>` carries no scheme.
                dest: if link_type == pulldown_cmark::LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                },
                title: title.into_string(),
                at,
            },
            Tag::Image { dest_url, .. } => Kind::Image {
                dest: dest_url.into_string(),
                at,
            },
            _ => Kind::Transparent,
        }
    }

    fn close(&mut self) {
        let frame = self.stack.pop().expect("a frame to close");
        let output = self.finish(frame);
        let parent = self.top();
        match output {
            Output::Block(b) => parent.push_block(b),
            Output::Blocks(bs) => bs.into_iter().for_each(|b| parent.push_block(b)),
            Output::Inline(i) => push_inline(&mut parent.inlines, i),
            Output::Inlines(is) => is
                .into_iter()
                .for_each(|i| push_inline(&mut parent.inlines, i)),
            Output::Item(blocks) => parent.items.push(blocks),
            Output::Cell(c) => parent.cells.push(c),
            Output::Row(r) => parent.rows.push(r),
            Output::Head(h) => parent.head = h,
            Output::Nothing => {}
        }
    }

    fn finish(&mut self, mut frame: Frame) -> Output {
        match std::mem::replace(&mut frame.kind, Kind::Transparent) {
            Kind::Root => Output::Blocks(frame.into_blocks()),
            Kind::Paragraph => Output::Block(Block::Paragraph(frame.inlines)),
            Kind::Heading(level) => Output::Block(Block::Heading {
                level,
                content: frame.inlines,
            }),
            Kind::BlockQuote => Output::Block(Block::BlockQuote(frame.into_blocks())),
            Kind::List(start) => Output::Block(Block::List {
                start,
                items: frame.items,
            }),
            Kind::Item => Output::Item(frame.into_blocks()),
            Kind::CodeBlock(lang) => Output::Block(Block::Code {
                lang,
                text: frame.text,
            }),
            Kind::HtmlBlock => Output::Block(Block::RawText(frame.text.trim_end().to_owned())),
            Kind::Table(aligns) => Output::Block(Block::Table {
                aligns,
                head: frame.head,
                rows: frame.rows,
            }),
            Kind::TableHead => Output::Head(frame.cells),
            Kind::TableRow => Output::Row(frame.cells),
            Kind::TableCell => Output::Cell(frame.inlines),
            Kind::Emphasis => Output::Inline(Inline::Emphasis(frame.inlines)),
            Kind::Strong => Output::Inline(Inline::Strong(frame.inlines)),
            Kind::Strikethrough => Output::Inline(Inline::Strikethrough(frame.inlines)),
            Kind::Link { dest, title, at } => self.resolve_link(dest, title, frame.inlines, at),
            Kind::Image { dest, at } => {
                // An image keeps only its alt text: references in it are gone.
                self.forget_references(&frame.inlines);
                self.image(dest, frame.text, at)
            }
            Kind::Footnote(label) => {
                let number = self.footnote_number(&label);
                self.footnotes.push(Block::Footnote {
                    label,
                    number,
                    content: frame.into_blocks(),
                });
                Output::Nothing
            }
            Kind::Transparent => {
                if frame.blocks.is_empty() {
                    Output::Inlines(frame.inlines)
                } else {
                    Output::Blocks(frame.into_blocks())
                }
            }
        }
    }

    fn image(&mut self, dest: String, alt: String, at: usize) -> Output {
        match sanitize_url(&dest, UrlUse::Image) {
            Some(url) => Output::Inline(Inline::Image { url, alt }),
            None => {
                self.report.error(
                    at,
                    format!("image URL `{}` was removed: only http, https and relative URLs are allowed", shorten(&dest)),
                );
                Output::Inline(Inline::Text(alt))
            }
        }
    }

    fn forget_references(&mut self, inlines: &[Inline]) {
        if self.mode != Mode::Body {
            return;
        }
        super::document::for_each_nested(inlines, &mut |inline| match inline {
            Inline::Term { id, .. } => {
                if let Some(n) = self.references.terms.get_mut(id) {
                    *n -= 1;
                }
            }
            Inline::Speaker { id, .. } => {
                if let Some(n) = self.references.speakers.get_mut(id) {
                    *n -= 1;
                }
            }
            _ => {}
        });
    }

    fn resolve_link(
        &mut self,
        dest: String,
        title: String,
        content: Vec<Inline>,
        at: usize,
    ) -> Output {
        if let Some((scheme, id)) = dest.split_once(':') {
            let id = id.trim();
            let Some(kind) = ["term", "speaker", "quote", "event"]
                .into_iter()
                .find(|k| scheme.eq_ignore_ascii_case(k))
            else {
                return self.external_link(dest, title, content, at);
            };
            let (set, noun) = match kind {
                "term" => (&self.known.terms, "term"),
                "event" => (&self.known.events, "event"),
                _ => (&self.known.speakers, "speaker"),
            };
            if !set.contains(id) {
                self.report.error(
                    at,
                    format!("unknown {noun} `{id}` in `{dest}`: define it in the front matter or fix the id"),
                );
                return Output::Inlines(content);
            }
            let counted = self.mode == Mode::Body;
            let inline = match kind {
                "term" => {
                    let id = TermId::from(id);
                    if counted {
                        *self.references.terms.entry(id.clone()).or_default() += 1;
                    }
                    Inline::Term {
                        id,
                        decorated: true,
                        content,
                    }
                }
                "speaker" => {
                    let id = SpeakerId::from(id);
                    if counted {
                        *self.references.speakers.entry(id.clone()).or_default() += 1;
                    }
                    Inline::Speaker { id, content }
                }
                "quote" if self.mode == Mode::Body => {
                    let index = self.quotes.len();
                    self.quotes.push(Quote {
                        speaker: SpeakerId::from(id),
                        index,
                        text: super::document::plain_text(&content),
                    });
                    Inline::Quote {
                        speaker: SpeakerId::from(id),
                        index,
                        content,
                    }
                }
                "quote" => Inline::Speaker {
                    id: SpeakerId::from(id),
                    content,
                },
                _ => Inline::EventRef {
                    id: EventId::from(id),
                    content,
                },
            };
            return Output::Inline(inline);
        }
        self.external_link(dest, title, content, at)
    }

    fn external_link(
        &mut self,
        dest: String,
        title: String,
        content: Vec<Inline>,
        at: usize,
    ) -> Output {
        match sanitize_url(&dest, UrlUse::Link) {
            Some(url) => Output::Inline(Inline::Link {
                url,
                title,
                content,
            }),
            None => {
                self.report.error(
                    at,
                    format!(
                        "link URL `{}` was removed: only http, https, mailto and relative URLs are allowed",
                        shorten(&dest)
                    ),
                );
                Output::Inlines(content)
            }
        }
    }
}

/// A URL short enough to quote in a message.
fn shorten(url: &str) -> String {
    let mut out: String = url.chars().take(60).collect();
    if out.len() < url.len() {
        out.push('…');
    }
    out
}
