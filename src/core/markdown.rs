//! Markdown → document tree, with explicit references resolved.
//!
//! The pipeline, in the spirit of mdBook's renderer:
//! 1. pulldown-cmark turns the text into events ([`markdown_options`] is the
//!    one place its options are chosen);
//! 2. a stack of open frames folds the events into [`Block`]s and [`Inline`]s;
//! 3. links with a `term:`, `speaker:`, `event:` or `quote:` scheme become
//!    reference nodes, other links pass the URL gate or become plain text;
//! 4. raw HTML is kept as visible text and never interpreted;
//! 5. in the body, each run of text is handed to [`super::mentions`] as it
//!    completes, which splits the automatic mentions out of it.

use super::diagnostic::Report;
use super::document::{plain_text, slug, Align, Block, Inline};
use super::ids::{EventId, SpeakerId, TermId};
use super::mentions::{Linker, Matcher};
use super::model::Quote;
use super::url::{sanitize_url, UrlUse};
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// CommonMark plus tables, footnotes, strikethrough and headings' own
/// anchors (`## Title {#anchor}`: the UI namespaces them under the widget's
/// key; classes and other attributes are dropped); nothing else that would
/// let content set ids or attributes.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The ids an explainer defines, for resolving references.
#[derive(Default)]
pub struct KnownIds {
    pub terms: HashSet<String>,
    pub speakers: HashSet<String>,
    pub events: HashSet<String>,
    /// Defined, but left out for an error in its definition: the kind
    /// (`term`, `speaker`, `event`) and the id.
    pub left_out: Vec<(&'static str, String)>,
}

/// The article body as a tree, with its quotes in order.
pub struct Body {
    pub blocks: Vec<Block>,
    pub quotes: Vec<Quote>,
    /// The explicit `term:` and `speaker:` references, counted by id.
    pub references: References,
    /// The automatic mentions, counted per name of the matcher.
    pub found: Vec<usize>,
}

/// How many explicit references each term and speaker has.
#[derive(Default)]
pub struct References {
    pub terms: HashMap<TermId, usize>,
    pub speakers: HashMap<SpeakerId, usize>,
}

/// Converts the article body, with the mentions of `matcher`'s names;
/// `offset` is where `text` starts in the source.
pub fn convert_body(
    text: &str,
    offset: usize,
    known: &KnownIds,
    matcher: &Matcher,
    report: &mut Report,
) -> Body {
    let mut converter = Converter::new(known, report, offset, Mode::Body);
    converter.linker = Some(Linker::new(matcher));
    let mut blocks = converter.run(text);
    let mut footnotes = std::mem::take(&mut converter.footnotes);
    for (footnote, &at) in footnotes.iter_mut().zip(&converter.footnotes_at) {
        if let Block::Footnote {
            label,
            number,
            references,
            ..
        } = footnote
        {
            *references = converter
                .footnote_references
                .get(*number - 1)
                .map_or(0, |n| *n);
            if *references == 0 {
                converter.report.warning(
                    at,
                    format!("footnote `[^{label}]` is never referred to: write `[^{label}]` where it belongs in the text, or leave the note out"),
                );
            }
        }
    }
    for (anchor, at) in &converter.anchor_links {
        let decoded = super::url::percent_decoded(anchor);
        if !converter
            .anchors
            .contains(decoded.as_deref().unwrap_or(anchor))
        {
            converter.report.warning(
                *at,
                format!("no heading of the article has the anchor `#{anchor}`: the link leads to the host page's own, if it has one"),
            );
        }
    }
    footnotes.sort_by_key(|f| match f {
        Block::Footnote { number, .. } => *number,
        _ => usize::MAX,
    });
    let mut linker = converter.linker.take().expect("set above");
    linker.walk(&mut footnotes);
    blocks.extend(footnotes);
    Body {
        blocks,
        quotes: converter.quotes,
        references: converter.references,
        found: linker.into_found(),
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
    if is_plain_line(text) {
        return vec![Inline::Text(text.into())];
    }
    parse_fragment(text, offset, known, report)
}

/// [`convert_fragment`] through the Markdown parser, whatever the text.
fn parse_fragment(text: &str, offset: usize, known: &KnownIds, report: &mut Report) -> Vec<Inline> {
    let blocks = Converter::new(known, report, offset, Mode::Fragment).run(text);
    let mut out = Vec::new();
    flatten_blocks(blocks, &mut out);
    out
}

/// Whether `text` is one line that Markdown reads as exactly that text: it
/// starts with a letter (or a character outside ASCII that is not a
/// space), ends with no space, and holds no character that could open
/// markup in the middle of a line. Most summaries are such a line; they
/// skip the Markdown parser, whose set-up is most of the cost of reading a
/// short fragment (the property test below holds the two to the same
/// result).
fn is_plain_line(text: &str) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().next_back()) else {
        return false;
    };
    (first.is_ascii_alphabetic() || !(first.is_ascii() || first.is_whitespace()))
        && !last.is_whitespace()
        && !text.bytes().any(|b| {
            matches!(
                b,
                b'\\'
                    | b'`'
                    | b'*'
                    | b'_'
                    | b'~'
                    | b'['
                    | b']'
                    | b'<'
                    | b'&'
                    | b'\n'
                    | b'\r'
                    | b'\t'
                    | 0
            )
        })
}

/// A block of a fragment as inlines: blocks, list items and table rows on
/// lines of their own, items with their bullet or number, cells apart.
fn flatten_block(block: Block, out: &mut Vec<Inline>) {
    match block {
        Block::Paragraph(c) | Block::Heading { content: c, .. } => out.extend(c),
        Block::Code { text, .. } | Block::RawText(text) => out.push(Inline::Text(text.into())),
        Block::BlockQuote(blocks)
        | Block::Footnote {
            content: blocks, ..
        } => flatten_blocks(blocks, out),
        Block::List { start, items, .. } => {
            for (n, item) in items.into_iter().enumerate() {
                new_line(out);
                let marker = match start {
                    Some(start) => format!("{}. ", start + n as u64),
                    None => "• ".to_owned(),
                };
                push_text(out, &marker);
                for (n, block) in item.into_iter().enumerate() {
                    if n > 0 {
                        new_line(out);
                    }
                    flatten_block(block, out);
                }
            }
        }
        Block::Table { head, rows, .. } => {
            for row in std::iter::once(head).chain(rows) {
                new_line(out);
                for (n, cell) in row.into_iter().enumerate() {
                    if n > 0 {
                        push_text(out, " · ");
                    }
                    out.extend(cell);
                }
            }
        }
        Block::Rule => {}
    }
}

fn flatten_blocks(blocks: Vec<Block>, out: &mut Vec<Inline>) {
    for block in blocks {
        new_line(out);
        flatten_block(block, out);
    }
}

/// A line break, unless at the start or after one.
fn new_line(out: &mut Vec<Inline>) {
    if !matches!(out.last(), None | Some(Inline::HardBreak)) {
        out.push(Inline::HardBreak);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Body,
    Fragment,
}

/// Whether the text of a frame is searched for automatic mentions.
#[derive(Clone, Copy, PartialEq)]
enum Search {
    /// As each run completes.
    Now,
    /// Never: headings, links, references, code, images and fragments.
    Never,
    /// After the body: footnotes, which the article shows after it.
    Later,
}

/// What a link becomes, decided when it opens (its content is searched for
/// mentions or not accordingly).
enum LinkTo {
    External { url: String, title: String },
    Term(TermId),
    Speaker(SpeakerId),
    Quote(SpeakerId),
    Event(EventId),
}

enum Kind {
    Root,
    Paragraph,
    /// The level and the author's own anchor (`{#anchor}`), if any.
    Heading(u8, Option<String>),
    BlockQuote,
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
        tight: bool,
    },
    /// Whether the item has a paragraph of its own, as only the items of a
    /// loose list have.
    Item(bool),
    CodeBlock(Option<String>),
    HtmlBlock,
    Table {
        aligns: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    TableHead(Vec<Vec<Inline>>),
    TableRow(Vec<Vec<Inline>>),
    TableCell,
    Emphasis,
    Strong,
    Strikethrough,
    Link(LinkTo),
    Image {
        dest: String,
        title: String,
        at: usize,
    },
    Footnote(String, usize),
    /// A tag this converter does not give meaning to: its content passes up.
    Transparent,
    /// A link that failed its check, as if it were not there: its content
    /// goes to the frame below it, so its text stays in the run around it.
    Unlinked,
}

struct Frame {
    kind: Kind,
    search: Search,
    blocks: Vec<Block>,
    inlines: Vec<Inline>,
    /// Verbatim text of code, raw HTML and image alt text.
    text: String,
}

impl Frame {
    /// A frame whose inlines go to `buffer` (empty) until it closes.
    fn new(kind: Kind, search: Search, buffer: Vec<Inline>) -> Self {
        Self {
            kind,
            search,
            blocks: Vec::new(),
            inlines: buffer,
            text: String::new(),
        }
    }

    /// Inlines directly in a block container (a tight list item) become a
    /// paragraph before the next block.
    fn flush_inlines(&mut self) {
        if !self.inlines.is_empty() {
            let inlines = moved_out(&mut self.inlines);
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
        inlines.push(Inline::Text(text.into()));
    }
}

/// Appends an inline, merging text into a preceding text node.
pub(crate) fn push_inline(inlines: &mut Vec<Inline>, inline: Inline) {
    match (inlines.last_mut(), inline) {
        (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
        (_, inline) => inlines.push(inline),
    }
}

/// The inlines of `buffer`, moved to a vector of their own size; `buffer`
/// keeps its capacity for the next frame.
fn moved_out(buffer: &mut Vec<Inline>) -> Vec<Inline> {
    let mut inlines = Vec::with_capacity(buffer.len());
    inlines.append(buffer);
    inlines
}

/// Whether the text of a frame of `kind`, opening in a frame searched as
/// `parent`, is searched for mentions.
fn searched(kind: &Kind, parent: Search) -> Search {
    if parent != Search::Now {
        return parent;
    }
    match kind {
        Kind::Heading(..)
        | Kind::CodeBlock(_)
        | Kind::HtmlBlock
        | Kind::Image { .. }
        | Kind::Link(LinkTo::External { .. } | LinkTo::Term(_) | LinkTo::Speaker(_)) => {
            Search::Never
        }
        Kind::Footnote(..) => Search::Later,
        _ => Search::Now,
    }
}

/// The frame of `stack` that content goes to: the innermost one that is not
/// an unlinked link's.
fn receiver(stack: &mut [Frame]) -> &mut Frame {
    stack
        .iter_mut()
        .rev()
        .find(|frame| !matches!(frame.kind, Kind::Unlinked))
        .expect("the root frame is never popped early")
}

/// What a closed frame hands to its parent.
enum Output {
    Block(Block),
    Inline(Inline),
    Inlines(Vec<Inline>),
    Blocks(Vec<Block>),
    /// An item's blocks, and whether one of them is a paragraph.
    Item(Vec<Block>, bool),
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
    /// Inline buffers of closed frames, for the next ones: a frame's
    /// inlines grow in a buffer and leave it in a vector of their own size.
    buffers: Vec<Vec<Inline>>,
    /// The run of text being read, not yet in the top frame.
    pending: String,
    /// Finds the automatic mentions (in the body only).
    linker: Option<Linker<'k>>,
    quotes: Vec<Quote>,
    footnote_numbers: HashMap<String, usize>,
    /// How many references to each footnote have been read so far, by
    /// its number (from 1).
    footnote_references: Vec<usize>,
    footnotes: Vec<Block>,
    /// Where each of `footnotes` is defined, in the same order.
    footnotes_at: Vec<usize>,
    references: References,
    /// The headings' anchors so far, each given once.
    anchors: HashSet<String>,
    /// Links to `#anchor`, and where they are, to check once every
    /// heading is read.
    anchor_links: Vec<(String, usize)>,
    /// Where the HTML comment that an earlier piece of HTML opened, and
    /// that is not closed yet, starts.
    comment_from: Option<usize>,
}

impl<'k, 'r, 's> Converter<'k, 'r, 's> {
    fn new(known: &'k KnownIds, report: &'r mut Report<'s>, offset: usize, mode: Mode) -> Self {
        Self {
            known,
            report,
            offset,
            mode,
            stack: vec![Frame::new(Kind::Root, Search::Now, Vec::new())],
            buffers: Vec::new(),
            pending: String::new(),
            linker: None,
            quotes: Vec::new(),
            footnote_numbers: HashMap::new(),
            footnote_references: Vec::new(),
            footnotes_at: Vec::new(),
            footnotes: Vec::new(),
            references: References::default(),
            anchors: HashSet::new(),
            anchor_links: Vec::new(),
            comment_from: None,
        }
    }

    /// Raw HTML is shown as text, but for its comments (`<!-- … -->`): the
    /// author's notes to themselves, which every Markdown renderer hides.
    /// A comment may span several pieces (the lines of an HTML block).
    fn html(&mut self, html: &str, at: usize) {
        let mut rest = html;
        loop {
            if self.comment_from.is_some() {
                let Some(end) = rest.find("-->") else { return };
                rest = &rest[end + 3..];
                self.comment_from = None;
            }
            let Some(start) = rest.find("<!--") else {
                if !rest.is_empty() {
                    self.text(rest);
                }
                return;
            };
            if start > 0 {
                self.text(&rest[..start]);
            }
            let from = at + html.len() - rest.len() + start;
            rest = &rest[start + 4..];
            // `<!-->` and `<!--->` are whole comments too (CommonMark).
            match rest.strip_prefix('>').or_else(|| rest.strip_prefix("->")) {
                Some(after) => rest = after,
                None => self.comment_from = Some(from),
            }
        }
    }

    fn run(&mut self, text: &str) -> Vec<Block> {
        self.feed(text);
        if let Some(at) = self.comment_from {
            self.report.warning(
                at,
                "this HTML comment is never closed with `-->`: everything after it is hidden",
            );
        }
        // pulldown-cmark balances its tags, but never lose content if not.
        while self.stack.len() > 1 {
            self.close();
        }
        self.flush();
        let root = self.stack.pop().expect("the root frame");
        self.stack
            .push(Frame::new(Kind::Root, Search::Now, Vec::new()));
        root.into_blocks()
    }

    fn feed(&mut self, text: &str) {
        // The end of the last text event that was a lone `[`.
        let mut bracket_end = None;
        for (event, range) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
            if let Event::Text(t) = &event {
                self.check_for_nested_link(text, range.clone());
                if bracket_end == Some(range.start) {
                    self.check_footnote_reference(text, t, range.clone());
                }
                bracket_end = (&**t == "[").then_some(range.end);
            } else {
                bracket_end = None;
            }
            self.handle(event, range);
        }
    }

    /// A footnote reference with no note (`[^missing]`) is text to
    /// Markdown, in three pieces: `[`, then `t` at `range`, then `]`.
    fn check_footnote_reference(&mut self, source: &str, t: &str, range: Range<usize>) {
        let Some(label) = t.strip_prefix('^') else {
            return;
        };
        if label.is_empty()
            || label.contains(char::is_whitespace)
            || !source[range.end..].starts_with(']')
            || source[range.end..].starts_with("]:")
        {
            return;
        }
        self.report.warning(
            self.offset + range.start - 1,
            format!("footnote `[^{label}]` has no note: add a line `[^{label}]: …` with it"),
        );
    }

    /// The frame that content goes to: the innermost one that is not an
    /// unlinked link's.
    fn top(&mut self) -> &mut Frame {
        receiver(&mut self.stack)
    }

    fn handle(&mut self, event: Event, range: Range<usize>) {
        let at = self.offset + range.start;
        match event {
            Event::Start(tag) => {
                let kind = self.kind_of(tag, at);
                if !matches!(kind, Kind::Unlinked) {
                    self.flush();
                }
                let parent = self.top().search;
                if let (Kind::Heading(level, _), Search::Now, Some(linker)) =
                    (&kind, parent, &mut self.linker)
                {
                    linker.heading(*level);
                }
                let search = searched(&kind, parent);
                let buffer = self.buffers.pop().unwrap_or_default();
                self.stack.push(Frame::new(kind, search, buffer));
            }
            Event::End(_) => self.close(),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push(Inline::Code(t.as_ref().into())),
            Event::Html(t) | Event::InlineHtml(t) => self.html(&t, at),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push(Inline::HardBreak),
            Event::Rule => {
                self.flush();
                self.top().push_block(Block::Rule)
            }
            Event::FootnoteReference(label) => {
                let number = self.footnote_number(&label);
                let counts = &mut self.footnote_references;
                if counts.len() < number {
                    counts.resize(number, 0);
                }
                counts[number - 1] += 1;
                let occurrence = counts[number - 1];
                self.push(Inline::FootnoteRef {
                    label: label.into_string(),
                    number,
                    occurrence,
                });
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    /// A link inside a reference link (`[“we need [C++](term:cpp)”](quote:ann)`)
    /// is the only link Markdown keeps: the outer one's `](quote:ann)` is
    /// left as text (from the `]` of a text event of `source[range]`), and
    /// the author is told where.
    fn check_for_nested_link(&mut self, source: &str, range: Range<usize>) {
        if matches!(self.top().kind, Kind::CodeBlock(_) | Kind::HtmlBlock) {
            return;
        }
        for (index, _) in source[range.clone()].match_indices(']') {
            let at = range.start + index;
            let Some(rest) = source[at..].strip_prefix("](") else {
                continue;
            };
            let scheme = ["term:", "speaker:", "quote:", "event:"]
                .into_iter()
                .find(|s| {
                    rest.get(..s.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(s))
                });
            if let Some(scheme) = scheme {
                let dest: String = rest.chars().take_while(|&c| c != ')').collect();
                self.report.warning(
                    self.offset + at,
                    format!(
                        "this `[…]({dest})` holds a link, and Markdown keeps only the inner one: the {} link is shown as text; take the inner link out of it",
                        scheme.trim_end_matches(':')
                    ),
                );
            }
        }
    }

    fn text(&mut self, text: &str) {
        let top = self.top();
        match top.kind {
            Kind::CodeBlock(_) | Kind::HtmlBlock | Kind::Image { .. } => top.text.push_str(text),
            _ => self.pending.push_str(text),
        }
    }

    /// Pushes an inline other than text, after the run of text before it.
    fn push(&mut self, inline: Inline) {
        self.flush();
        push_inline(&mut self.top().inlines, inline);
    }

    /// Moves the run of text read so far into the top frame, with its
    /// mentions if the frame's text is searched now.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let top = receiver(&mut self.stack);
        match (&mut self.linker, top.search) {
            (Some(linker), Search::Now) => linker.run(&self.pending, &mut top.inlines),
            _ => push_text(&mut top.inlines, &self.pending),
        }
        self.pending.clear();
    }

    /// A heading's anchor: the author's, or its text's slug; a repeated
    /// one gets `-1`, `-2` ... as on GitHub.
    fn anchor(&mut self, own: Option<String>, content: &[Inline]) -> String {
        let base = own
            .filter(|own| !own.is_empty())
            .unwrap_or_else(|| slug(&plain_text(content)));
        let mut anchor = base.clone();
        let mut n = 0;
        while self.anchors.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        self.anchors.insert(anchor.clone());
        anchor
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
            Tag::Heading { level, id, .. } => Kind::Heading(
                level as u8,
                id.map(|id| id.trim_start_matches('-').to_owned()),
            ),
            Tag::BlockQuote(_) => Kind::BlockQuote,
            Tag::CodeBlock(kind) => Kind::CodeBlock(match kind {
                pulldown_cmark::CodeBlockKind::Fenced(info) => {
                    info.split_whitespace().next().map(str::to_owned)
                }
                pulldown_cmark::CodeBlockKind::Indented => None,
            }),
            Tag::HtmlBlock => Kind::HtmlBlock,
            Tag::List(start) => Kind::List {
                start,
                items: Vec::new(),
                tight: true,
            },
            Tag::Item => Kind::Item(false),
            Tag::FootnoteDefinition(label) => Kind::Footnote(label.into_string(), at),
            Tag::Table(aligns) => Kind::Table {
                aligns: aligns
                    .into_iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Align::None,
                        pulldown_cmark::Alignment::Left => Align::Left,
                        pulldown_cmark::Alignment::Center => Align::Center,
                        pulldown_cmark::Alignment::Right => Align::Right,
                    })
                    .collect(),
                head: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead => Kind::TableHead(Vec::new()),
            Tag::TableRow => Kind::TableRow(Vec::new()),
            Tag::TableCell => Kind::TableCell,
            Tag::Emphasis => Kind::Emphasis,
            Tag::Strong => Kind::Strong,
            Tag::Strikethrough => Kind::Strikethrough,
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                // An email autolink `<desk@example.org>` carries no scheme.
                let dest = if link_type == pulldown_cmark::LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                };
                self.link_to(dest, title.into_string(), at)
                    .map_or(Kind::Unlinked, Kind::Link)
            }
            Tag::Image {
                dest_url, title, ..
            } => Kind::Image {
                dest: dest_url.into_string(),
                title: title.into_string(),
                at,
            },
            _ => Kind::Transparent,
        }
    }

    fn close(&mut self) {
        if let Some(Frame {
            kind: Kind::Unlinked,
            ..
        }) = self.stack.last()
        {
            // Its content went to the frame below, as it came.
            self.stack.pop();
            return;
        }
        self.flush();
        let mut frame = self.stack.pop().expect("a frame to close");
        let mut buffer = std::mem::take(&mut frame.inlines);
        frame.inlines = moved_out(&mut buffer);
        self.buffers.push(buffer);
        let output = self.finish(frame);
        let parent = self.top();
        match output {
            Output::Block(b) => {
                if let (Block::Paragraph(_), Kind::Item(own)) = (&b, &mut parent.kind) {
                    *own = true;
                }
                parent.push_block(b)
            }
            Output::Blocks(bs) => bs.into_iter().for_each(|b| parent.push_block(b)),
            // A removed image's alt text joins the run of text around it.
            Output::Inline(Inline::Text(t)) => self.pending.push_str(&t),
            Output::Inline(i) => push_inline(&mut parent.inlines, i),
            Output::Inlines(is) => is
                .into_iter()
                .for_each(|i| push_inline(&mut parent.inlines, i)),
            Output::Item(blocks, own_paragraph) => match &mut parent.kind {
                Kind::List { items, tight, .. } => {
                    items.push(blocks);
                    *tight &= !own_paragraph;
                }
                _ => blocks.into_iter().for_each(|b| parent.push_block(b)),
            },
            Output::Cell(cell) => match &mut parent.kind {
                Kind::TableHead(cells) | Kind::TableRow(cells) => cells.push(cell),
                _ => parent.inlines.extend(cell),
            },
            Output::Row(row) => {
                if let Kind::Table { rows, .. } = &mut parent.kind {
                    rows.push(row);
                }
            }
            Output::Head(cells) => {
                if let Kind::Table { head, .. } = &mut parent.kind {
                    *head = cells;
                }
            }
            Output::Nothing => {}
        }
    }

    fn finish(&mut self, mut frame: Frame) -> Output {
        match std::mem::replace(&mut frame.kind, Kind::Transparent) {
            Kind::Root => Output::Blocks(frame.into_blocks()),
            Kind::Paragraph => Output::Block(Block::Paragraph(frame.inlines)),
            Kind::Heading(level, own) => {
                // Only the article's headings are linked to (a card's text
                // is flattened, its headings with it).
                let anchor = match self.mode {
                    Mode::Body => self.anchor(own, &frame.inlines),
                    Mode::Fragment => String::new(),
                };
                Output::Block(Block::Heading {
                    level,
                    content: frame.inlines,
                    anchor,
                })
            }
            Kind::BlockQuote => Output::Block(Block::BlockQuote(frame.into_blocks())),
            Kind::List {
                start,
                items,
                tight,
            } => Output::Block(Block::List {
                start,
                items,
                tight,
            }),
            Kind::Item(own_paragraph) => Output::Item(frame.into_blocks(), own_paragraph),
            Kind::CodeBlock(lang) => Output::Block(Block::Code {
                lang,
                text: frame.text,
            }),
            // (Nothing, when all it had was a comment.)
            Kind::HtmlBlock if frame.text.trim().is_empty() => Output::Nothing,
            Kind::HtmlBlock => Output::Block(Block::RawText(frame.text.trim_end().to_owned())),
            Kind::Table { aligns, head, rows } => {
                Output::Block(Block::Table { aligns, head, rows })
            }
            Kind::TableHead(cells) => Output::Head(cells),
            Kind::TableRow(cells) => Output::Row(cells),
            Kind::TableCell => Output::Cell(frame.inlines),
            Kind::Emphasis => Output::Inline(Inline::Emphasis(frame.inlines)),
            Kind::Strong => Output::Inline(Inline::Strong(frame.inlines)),
            Kind::Strikethrough => Output::Inline(Inline::Strikethrough(frame.inlines)),
            Kind::Link(to) => self.link(to, frame.inlines),
            Kind::Image { dest, title, at } => {
                // An image keeps only its alt text: references in it are gone.
                self.forget_references(&frame.inlines);
                self.image(dest, frame.text, title, at)
            }
            Kind::Footnote(label, at) => {
                let number = self.footnote_number(&label);
                self.footnotes_at.push(at);
                self.footnotes.push(Block::Footnote {
                    label,
                    number,
                    content: frame.into_blocks(),
                    // (Counted once the whole article is read.)
                    references: 0,
                });
                Output::Nothing
            }
            Kind::Transparent | Kind::Unlinked => {
                if frame.blocks.is_empty() {
                    Output::Inlines(frame.inlines)
                } else {
                    Output::Blocks(frame.into_blocks())
                }
            }
        }
    }

    fn image(&mut self, dest: String, alt: String, title: String, at: usize) -> Output {
        match checked_url(dest, UrlUse::Image) {
            Ok(url) => {
                self.warn_if_schemeless(&url, at, "image");
                Output::Inline(Inline::Image { url, alt, title })
            }
            Err(dest) => {
                self.report.error(
                    at,
                    format!("image URL `{}` was removed: only http, https and relative URLs are allowed", shorten(&dest)),
                );
                Output::Inline(Inline::Text(alt.into()))
            }
        }
    }

    /// Tells the author of a site written without its scheme, which would
    /// lead to a page of the host's own site.
    fn warn_if_schemeless(&mut self, url: &str, at: usize, what: &str) {
        if super::url::missing_scheme(url).is_some() {
            self.report.warning(at, schemeless(what, url));
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

    /// Decides what a link to `dest` becomes, reporting a link that fails
    /// its check.
    fn link_to(&mut self, dest: String, title: String, at: usize) -> Option<LinkTo> {
        let reference = dest.split_once(':').and_then(|(scheme, id)| {
            ["term", "speaker", "quote", "event"]
                .into_iter()
                .find(|k| scheme.eq_ignore_ascii_case(k))
                .map(|kind| (kind, id.trim()))
        });
        let Some((kind, id)) = reference else {
            return match checked_url(dest, UrlUse::Link) {
                Ok(url) => {
                    self.warn_if_schemeless(&url, at, "link");
                    if self.mode == Mode::Body && url.len() > 1 && url.starts_with('#') {
                        self.anchor_links.push((url[1..].to_owned(), at));
                    }
                    Some(LinkTo::External { url, title })
                }
                Err(dest) => {
                    self.report.error(
                        at,
                        format!(
                            "link URL `{}` was removed: only http, https, mailto and relative URLs are allowed",
                            shorten(&dest)
                        ),
                    );
                    None
                }
            };
        };
        // An id with a space or other letters a URL escapes (`two%20words`).
        let decoded = super::url::percent_decoded(id);
        let id = decoded.as_deref().map_or(id, str::trim);
        let (set, noun) = match kind {
            "term" => (&self.known.terms, "term"),
            "event" => (&self.known.events, "event"),
            _ => (&self.known.speakers, "speaker"),
        };
        if !set.contains(id) {
            let left_out = self
                .known
                .left_out
                .iter()
                .any(|(k, i)| *k == noun && i == id);
            let message = if left_out {
                format!("{noun} `{id}` in `{dest}` was left out for the error noted where it is defined")
            } else {
                format!("unknown {noun} `{id}` in `{dest}`: define it in the front matter or fix the id")
            };
            self.report.error(at, message);
            return None;
        }
        Some(match kind {
            "term" => LinkTo::Term(TermId::from(id)),
            "speaker" => LinkTo::Speaker(SpeakerId::from(id)),
            // A quote in a fragment is not one of the article's quotes.
            "quote" if self.mode == Mode::Fragment => LinkTo::Speaker(SpeakerId::from(id)),
            "quote" => LinkTo::Quote(SpeakerId::from(id)),
            _ => LinkTo::Event(EventId::from(id)),
        })
    }

    /// A closed link, with its content.
    fn link(&mut self, to: LinkTo, content: Vec<Inline>) -> Output {
        let counted = self.mode == Mode::Body;
        let inline = match to {
            LinkTo::External { url, title } => Inline::Link {
                url,
                title,
                content,
            },
            LinkTo::Term(id) => {
                if counted {
                    *self.references.terms.entry(id.clone()).or_default() += 1;
                }
                // The parent: this link's frame is closed.
                let search = receiver(&mut self.stack).search;
                if let (Some(linker), Search::Now) = (&mut self.linker, search) {
                    linker.explicit_term(&id);
                }
                Inline::Term {
                    id,
                    decorated: true,
                    content,
                }
            }
            LinkTo::Speaker(id) => {
                if counted {
                    *self.references.speakers.entry(id.clone()).or_default() += 1;
                }
                Inline::Speaker { id, content }
            }
            LinkTo::Quote(speaker) => {
                let index = self.quotes.len();
                self.quotes.push(Quote {
                    speaker: speaker.clone(),
                    index,
                    text: super::document::plain_text(&content),
                });
                Inline::Quote {
                    speaker,
                    index,
                    content,
                }
            }
            LinkTo::Event(id) => Inline::EventRef { id, content },
        };
        Output::Inline(inline)
    }
}

/// `dest` as the browser would read it, if its scheme is allowed for
/// `usage` (in the common case, `dest` itself: no copy); `dest` if not.
fn checked_url(dest: String, usage: UrlUse) -> Result<String, String> {
    let cleaned = match sanitize_url(&dest, usage) {
        None => return Err(dest),
        Some(Cow::Borrowed(url)) if url.len() == dest.len() => None,
        Some(url) => Some(url.into_owned()),
    };
    Ok(cleaned.unwrap_or(dest))
}

/// What to say of a `what` (link, image) to `url`, a site written without
/// its scheme.
pub fn schemeless(what: &str, url: &str) -> String {
    let url = shorten(url);
    format!("{what} `{url}` has no `https://`, so it leads into the host page's own site: write `https://{url}`")
}

/// A URL short enough to quote in a message.
fn shorten(url: &str) -> String {
    let mut out: String = url.chars().take(60).collect();
    if out.len() < url.len() {
        out.push('…');
    }
    out
}

/// Native only: proptest is not built for wasm.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::diagnostic::Report;
    use proptest::prelude::*;

    /// The fragment as the Markdown parser reads it, without the shortcut.
    fn parsed(text: &str) -> Vec<Inline> {
        parse_fragment(text, 0, &KnownIds::default(), &mut Report::new(text))
    }

    #[test]
    fn plain_lines_are_told_apart() {
        for plain in [
            "Summary of term 1.",
            "Don't panic! 50% (at #3) > 2 | x = y:z",
            "Éire",
            "“Quoted” words",
            "a",
        ] {
            assert!(is_plain_line(plain), "{plain}");
            assert_eq!(parsed(plain), vec![Inline::Text(plain.into())], "{plain}");
        }
        for markup in [
            "*a*",
            "a_b_",
            "1. a",
            "- a",
            "# a",
            "> a",
            " a",
            "a ",
            "a\nb",
            "a &amp; b",
            "[a](b)",
            "a\\",
            "`a`",
            "~~a~~",
            "<b>",
            "",
            "\u{a0}a",
            "a\u{3000}",
        ] {
            assert!(!is_plain_line(markup), "{markup:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Wherever the shortcut applies, it gives what the parser gives.
        #[test]
        fn a_plain_line_reads_as_markdown_does(text in "[a-zA-Z0-9 .,:;!?#>|=+\\-'\"()%$@/^{}éß“”\u{a0}\u{3000}\u{0}*_`~\\[\\]<&\\\\\t\n]{1,24}") {
            if is_plain_line(&text) {
                prop_assert_eq!(parsed(&text), vec![Inline::Text(text.as_str().into())]);
            }
        }
    }
}
