//! The article: the document tree rendered block by block, inline by inline.
//!
//! Every mention of a term carries `data-term` and a `data-gloss-mention`
//! index; decorated mentions are buttons that open the term's card, the
//! others answer to hover only. Speaker mentions, quotes and event passages
//! carry their DOM-contract attributes for highlighting; an event passage
//! ends with its event's date, a button that selects the event.

use super::dates::format_date;
use super::heading::heading;
use super::hovercard::{
    click_term, focus_enters_term, focus_leaves, pointer_enters_term, pointer_leaves, term_keydown,
};
use super::progressive::{progressively, slices};
use super::selection::{flag, Selection, Target};
use crate::core::date::EventDate;
use crate::core::document::{split_glue, text_len, Align, Block, Inline};
use crate::core::ids::{EventId, SpeakerId, TermId};
use crate::core::model::Event;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// Whether this is the build-time prerenderer (the native build), whose
/// page must work before any wasm does.
const PRERENDERING: bool = cfg!(not(target_arch = "wasm32"));

/// How much article text is drawn in one task: an article up to this size
/// (most of them) is drawn at once, with the widget.
const ARTICLE_SLICE_BYTES: usize = 32 * 1024;

/// Renders blocks; the selection's `base` resolves relative URLs (the
/// source file's URL).
pub struct ArticleRenderer {
    selection: Selection,
    next_mention: Cell<usize>,
    /// Added to heading levels so the body's top level becomes `<h2>`.
    heading_shift: u8,
    /// False inside a card: references there are plain text.
    interactive: bool,
    /// Set while a heading's text is drawn: a date there would become part
    /// of the heading's name.
    in_heading: Cell<bool>,
    /// The events passages can refer to: the date and title their
    /// passages show (none inside a card).
    events: Vec<(EventId, EventDate, String)>,
    lang: String,
}

impl ArticleRenderer {
    pub fn new(selection: Selection, blocks: &[Block], events: &[Event], lang: &str) -> Self {
        let top = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .min()
            .unwrap_or(2);
        let events = events
            .iter()
            .map(|e| (e.id.clone(), e.date, e.title.clone()))
            .collect();
        Self {
            selection,
            next_mention: Cell::new(0),
            heading_shift: 2u8.saturating_sub(top),
            interactive: true,
            in_heading: Cell::new(false),
            events,
            lang: lang.to_owned(),
        }
    }

    /// A renderer for card text, where references are not interactive.
    pub fn plain(selection: Selection) -> Self {
        Self {
            selection,
            next_mention: Cell::new(0),
            heading_shift: 0,
            interactive: false,
            in_heading: Cell::new(false),
            events: Vec::new(),
            lang: String::new(),
        }
    }

    /// The article: its blocks a slice of text at a time (see
    /// [`progressively`]), then its footnotes.
    pub fn article(self, blocks: Vec<Block>) -> AnyView {
        let (footnotes, main): (Vec<Block>, Vec<Block>) = blocks
            .into_iter()
            .partition(|b| matches!(b, Block::Footnote { .. }));
        let renderer = Rc::new(self);
        let notes = (!footnotes.is_empty()).then(|| {
            let items: Vec<AnyView> = footnotes.iter().map(|b| renderer.block(b)).collect();
            view! {
                <section class="gloss-footnotes" aria-label=renderer.selection.landmark_label(renderer.selection.words.notes)>
                    <hr/>
                    <ol>{items}</ol>
                </section>
            }
        });
        let runs = slices(main, ARTICLE_SLICE_BYTES, text_len);
        let main = progressively(runs, move |run| {
            run.iter().map(|b| renderer.block(b)).collect::<Vec<_>>()
        });
        view! { {main} {notes} }.into_any()
    }

    fn block(&self, block: &Block) -> AnyView {
        match block {
            Block::Heading {
                level,
                content,
                anchor,
            } => {
                self.in_heading.set(true);
                let c = self.inlines(content);
                self.in_heading.set(false);
                // In the article only: a card's copies would repeat ids.
                let id = self.interactive.then(|| self.anchor_id(anchor));
                // Its place in the article's outline (2 for the top level)
                // styles it; the host's level decides the tag.
                let depth = (level + self.heading_shift).clamp(2, 6);
                let class = ["gloss-h2", "gloss-h3", "gloss-h4", "gloss-h5", "gloss-h6"]
                    [usize::from(depth - 2)];
                let section_level = self.selection.section_level;
                heading(depth + section_level - 2, class, id, c.into_any())
            }
            Block::Paragraph(content) => view! { <p>{self.inlines(content)}</p> }.into_any(),
            Block::BlockQuote(blocks) => {
                let inner: Vec<AnyView> = blocks.iter().map(|b| self.block(b)).collect();
                view! { <blockquote>{inner}</blockquote> }.into_any()
            }
            Block::List {
                start,
                items,
                tight,
            } => {
                let items: Vec<AnyView> = items
                    .iter()
                    .map(|item| {
                        let inner: Vec<AnyView> = item.iter().map(|b| self.block(b)).collect();
                        view! { <li>{inner}</li> }.into_any()
                    })
                    .collect();
                // A tight list's items are not spaced as paragraphs (CSS).
                let tight = tight.then_some("gloss-tight");
                match start {
                    Some(n) => {
                        view! { <ol class=tight start=n.to_string()>{items}</ol> }.into_any()
                    }
                    None => view! { <ul class=tight>{items}</ul> }.into_any(),
                }
            }
            // A code block or table wider than the article scrolls
            // sideways; keyboard readers scroll it once it has focus.
            Block::Code { text, .. } => {
                view! { <pre tabindex="0"><code>{text.clone()}</code></pre> }.into_any()
            }
            Block::RawText(text) => view! { <p class="gloss-raw">{text.clone()}</p> }.into_any(),
            Block::Rule => view! { <hr/> }.into_any(),
            Block::Table { aligns, head, rows } => {
                let align = |i: usize| match aligns.get(i) {
                    Some(Align::Left) => Some("gloss-left"),
                    Some(Align::Center) => Some("gloss-center"),
                    Some(Align::Right) => Some("gloss-right"),
                    _ => None,
                };
                let head: Vec<AnyView> = head
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        view! { <th scope="col" class=align(i)>{self.inlines(c)}</th> }.into_any()
                    })
                    .collect();
                let rows: Vec<AnyView> = rows
                    .iter()
                    .map(|row| {
                        let cells: Vec<AnyView> = row
                            .iter()
                            .enumerate()
                            .map(|(i, c)| {
                                view! { <td class=align(i)>{self.inlines(c)}</td> }.into_any()
                            })
                            .collect();
                        view! { <tr>{cells}</tr> }.into_any()
                    })
                    .collect();
                view! {
                    <div class="gloss-table" tabindex="0">
                        <table>
                            <thead><tr>{head}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }
            Block::Footnote {
                number,
                content,
                references,
                ..
            } => {
                let id = self.footnote_id(*number);
                let inner: Vec<AnyView> = content.iter().map(|b| self.block(b)).collect();
                // A link back to each reference; after the first, numbered.
                let words = self.selection.words;
                let back: Vec<AnyView> = (1..=*references)
                    .map(|n| {
                        let href = format!("#{}", footnote_ref_id(&id, n));
                        // (The number in digits, in a `sup` even when
                        // empty, and in the link's name as a word: what
                        // shows must be in the name, "(2)" is not taken.)
                        let (label, number) = match n {
                            1 => (words.back_to_text.to_owned(), String::new()),
                            n => (format!("{}, {n}", words.back_to_text), n.to_string()),
                        };
                        view! {
                            <a href=href class="gloss-backref" aria-label=label>"↩"<sup>{number}</sup></a>
                        }
                        .into_any()
                    })
                    .collect();
                view! {
                    <li id=id value=number.to_string()>
                        {inner}
                        <span class="gloss-backrefs">{back}</span>
                    </li>
                }
                .into_any()
            }
        }
    }

    /// The element id of the heading with `anchor`, under the widget's key
    /// (`--` keeps it apart from the widget's own ids).
    fn anchor_id(&self, anchor: &str) -> String {
        format!("{}--{anchor}", self.selection.prefix.get_value())
    }

    /// A link to `#anchor`: to the heading of the explainer that has it, or
    /// else to the page's own anchor, never to the explainer's file.
    fn fragment_link(&self, url: &str) -> Option<String> {
        let written = url.strip_prefix('#')?;
        // The anchor as written, or percent-encoded as in a copied link.
        let decoded = crate::core::url::percent_decoded(written);
        let ours = self.selection.anchors.with_value(|anchors| {
            [Some(written), decoded.as_deref()]
                .into_iter()
                .flatten()
                .find(|c| anchors.iter().any(|a| a == c))
                .map(str::to_owned)
        });
        Some(match ours {
            Some(anchor) => format!("#{}", self.anchor_id(&anchor)),
            None => url.to_owned(),
        })
    }

    fn footnote_id(&self, number: usize) -> String {
        format!("{}-fn{number}", self.selection.prefix.get_value())
    }

    /// A run of inlines. A term drawn as a button takes the punctuation
    /// touching it into one unbreakable span (`gloss-nobr`), so a line
    /// never starts with the comma after a term or ends with the bracket
    /// before one (see [`split_glue`]); so does an event passage's date
    /// with the punctuation after the passage.
    pub fn inlines(&self, inlines: &[Inline]) -> Vec<AnyView> {
        self.inlines_then(inlines, None)
    }

    /// [`Self::inlines`], then `tail` (an event passage's date), held to
    /// the last of them when that is a box (a term's button, an image: a
    /// line may break after a box however it continues), or drawn inside
    /// the last of them when that is emphasis.
    fn inlines_then(&self, inlines: &[Inline], mut tail: Option<AnyView>) -> Vec<AnyView> {
        let is_box = |i: usize| match inlines.get(i) {
            Some(Inline::Term { decorated, .. }) => self.interactive && *decorated,
            Some(Inline::Image { .. }) => true,
            _ => false,
        };
        let has_date = |i: usize| match inlines.get(i) {
            Some(Inline::EventRef { id, .. }) => self.shows_date(id),
            _ => false,
        };
        let split = |i: usize| match inlines.get(i) {
            Some(Inline::Text(t)) => split_glue(
                t,
                i > 0 && (is_box(i - 1) || has_date(i - 1)),
                is_box(i + 1),
            ),
            _ => ("", "", ""),
        };
        let last = inlines.len().checked_sub(1);
        let mut views = Vec::with_capacity(inlines.len() + 1);
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text(_) => {
                    let (_, middle, _) = split(i);
                    if !middle.is_empty() {
                        views.push(String::from(middle).into_any());
                    }
                }
                Inline::EventRef { id, content } if has_date(i) => {
                    let (after, _, _) = split(i + 1);
                    views.push(self.event_ref(id, content, after));
                }
                _ if is_box(i) => {
                    let (_, _, before) = i.checked_sub(1).map_or(("", "", ""), split);
                    let (after, _, _) = split(i + 1);
                    let end = if Some(i) == last { tail.take() } else { None };
                    let term = self.inline(inline);
                    views.push(if before.is_empty() && after.is_empty() && end.is_none() {
                        term
                    } else {
                        let (before, after) = (String::from(before), String::from(after));
                        view! { <span class="gloss-nobr">{before}{term}{after}{end}</span> }
                            .into_any()
                    });
                }
                _ if Some(i) == last => views.push(self.inline_then(inline, &mut tail)),
                _ => views.push(self.inline(inline)),
            }
        }
        views.extend(tail);
        views
    }

    fn inline(&self, inline: &Inline) -> AnyView {
        self.inline_then(inline, &mut None)
    }

    /// An inline; emphasis takes `tail` to draw after its own last inline.
    fn inline_then(&self, inline: &Inline, tail: &mut Option<AnyView>) -> AnyView {
        match inline {
            Inline::Text(t) => String::from(t.as_str()).into_any(),
            Inline::Emphasis(c) => {
                view! { <em>{self.inlines_then(c, tail.take())}</em> }.into_any()
            }
            Inline::Strong(c) => {
                view! { <strong>{self.inlines_then(c, tail.take())}</strong> }.into_any()
            }
            Inline::Strikethrough(c) => {
                view! { <del>{self.inlines_then(c, tail.take())}</del> }.into_any()
            }
            Inline::Code(t) => view! { <code>{String::from(t.as_str())}</code> }.into_any(),
            Inline::HardBreak => view! { <br/> }.into_any(),
            Inline::Link {
                url,
                title,
                content,
            } => {
                let title = (!title.is_empty()).then(|| title.clone());
                view! {
                    <a href=self.resolve(url) title=title rel="noopener noreferrer">{self.inlines(content)}</a>
                }
                .into_any()
            }
            Inline::Image { url, alt, title } => {
                let title = (!title.is_empty()).then(|| title.clone());
                view! { <img src=self.resolve(url) alt=alt.clone() title=title loading="lazy"/> }
                    .into_any()
            }
            Inline::Term {
                id,
                decorated,
                content,
            } => self.term(id, *decorated, content),
            Inline::Speaker { id, content } => self.speaker_ref(id, None, content),
            Inline::Quote {
                speaker,
                index,
                content,
            } => self.speaker_ref(speaker, Some(*index), content),
            Inline::EventRef { id, content } => self.event_ref(id, content, ""),
            Inline::FootnoteRef {
                number, occurrence, ..
            } => {
                let id = self.footnote_id(*number);
                view! {
                    <sup class="gloss-fnref">
                        <a href=format!("#{id}") id=footnote_ref_id(&id, *occurrence)>{number.to_string()}</a>
                    </sup>
                }
                .into_any()
            }
        }
    }

    /// A speaker mention, or with `quote` an attributed quotation (which the
    /// sidebar can jump to, hence its id and `tabindex="-1"`).
    fn speaker_ref(&self, id: &SpeakerId, quote: Option<usize>, content: &[Inline]) -> AnyView {
        let selection = self.selection;
        let content = self.inlines(content);
        if !self.interactive {
            return view! { <span class="gloss-speaker-ref">{content}</span> }.into_any();
        }
        let active_id = id.clone();
        let class = if quote.is_some() {
            "gloss-quote"
        } else {
            "gloss-speaker-ref"
        };
        view! {
            <span
                class=class
                id=quote.map(|i| selection.element_id(&format!("q{i}")))
                tabindex=quote.map(|_| "-1")
                data-speaker-ref=id.to_string()
                data-quote=quote.map(|i| i.to_string())
                data-active=move || flag(selection.speaker_ref_active(&active_id))
            >
                {content}
            </span>
        }
        .into_any()
    }

    /// The date and title a passage about `id` ends with: in the article,
    /// outside headings, for an event the explainer has. (A scan: a sorted
    /// list or a map costs the reader's wasm more than a thousand events
    /// cost this.)
    fn event_date(&self, id: &EventId) -> Option<(&EventDate, &str)> {
        if !self.interactive || self.in_heading.get() {
            return None;
        }
        let (_, date, title) = self.events.iter().find(|e| e.0 == *id)?;
        Some((date, title))
    }

    fn shows_date(&self, id: &EventId) -> bool {
        self.event_date(id).is_some()
    }

    /// A passage about an event; a click selects the event. It ends with
    /// the event's date as a button: what the passage refers to at a
    /// glance, and the way to select it by keyboard (the passage itself
    /// may hold term buttons, and buttons do not nest). The date's click is
    /// the passage's; `after` is the punctuation that follows the passage,
    /// kept on the date's line.
    fn event_ref(&self, id: &EventId, content: &[Inline], after: &str) -> AnyView {
        let selection = self.selection;
        if !self.interactive {
            let content = self.inlines(content);
            return view! { <span class="gloss-event-ref">{content}</span> }.into_any();
        }
        let chip = self.event_date(id).map(|(date, title)| {
            let text = format_date(date, &self.lang);
            let label = format!("{text}{}{title}", self.selection.words.colon);
            let pressed_id = id.clone();
            let pressed = move || {
                selection
                    .selected
                    .with(|s| matches!(s, Some(Target::Event(e)) if *e == pressed_id))
                    .to_string()
            };
            // Held to the passage's last word (a no-break space, and no
            // break after it: a button is a box a line may break before).
            // Neither is the author's text: both are left out of copies.
            let after = String::from(after);
            view! {
                <span class="gloss-nobr">
                    // (A text node from a value: a wholly static element
                    // would be drawn from an HTML string, which a page
                    // under Trusted Types refuses.)
                    <span class="gloss-chip-gap">{NO_BREAK_SPACE}</span>
                    <button type="button" class="gloss-event-chip" aria-label=label aria-pressed=pressed>
                        {text}
                    </button>
                    {after}
                </span>
            }
            .into_any()
        });
        let content = self.inlines_then(content, chip);
        let (active_id, click_id) = (id.clone(), id.clone());
        view! {
            <span
                class="gloss-event-ref"
                data-event-ref=id.to_string()
                data-active=move || flag(selection.event_ref_active(&active_id))
                on:click=move |ev| passage_clicked(selection, &click_id, &ev)
            >
                {content}
            </span>
        }
        .into_any()
    }

    fn term(&self, id: &TermId, decorated: bool, content: &[Inline]) -> AnyView {
        if !self.interactive {
            return view! { <span class="gloss-term-ref">{self.inlines(content)}</span> }
                .into_any();
        }
        let mention = self.next_mention.get();
        self.next_mention.set(mention + 1);
        let selection = self.selection;
        let (t1, t2, t3, t4) = (id.clone(), id.clone(), id.clone(), id.clone());
        let active = move || flag(selection.term_active(&t4));
        let enter = move |ev| pointer_enters_term(selection, t1.clone(), mention, ev);
        let leave = move |ev| pointer_leaves(selection, ev);
        if !decorated {
            return view! {
                <span
                    class="gloss-term-plain"
                    data-term=id.to_string()
                    data-gloss-mention=mention.to_string()
                    data-active=active
                    on:pointerenter=enter
                    on:pointerleave=leave
                >
                    {self.inlines(content)}
                </span>
            }
            .into_any();
        }
        let is_open = move || {
            selection
                .card
                .with(|c| c.as_ref().is_some_and(|c| c.mention == mention))
        };
        // Text that acts as a button, not a `<button>`: a button is laid
        // out as one box, so a term of several words could not wrap
        // between them and jumped whole to the next line. A prerendered
        // page's mention names its own card (`ui::prerendered_cards`),
        // which `gloss.js` opens before the wasm; the live one names the
        // live card while it is open.
        let t5 = id.clone();
        let prerendered_card = PRERENDERING.then(|| selection.term_card_id(id));
        let controls = move || {
            prerendered_card
                .clone()
                .or_else(|| is_open().then(|| selection.card_id()))
        };
        view! {
            <span
                role="button"
                tabindex="0"
                class="gloss-term"
                data-term=id.to_string()
                data-gloss-mention=mention.to_string()
                data-active=active
                aria-expanded=move || is_open().to_string()
                aria-controls=controls
                aria-describedby=selection.description_id(id)
                on:pointerenter=enter
                on:pointerleave=leave
                on:focus=move |_| focus_enters_term(selection, t2.clone(), mention)
                on:blur=move |ev| focus_leaves(selection, ev)
                on:click=move |_| click_term(selection, t3.clone(), mention)
                on:keydown=move |ev| term_keydown(selection, t5.clone(), mention, ev)
            >
                {self.inlines(content)}
            </span>
        }
        .into_any()
    }

    /// A relative URL resolved against the source's URL, so links in an
    /// explainer work wherever the page embedding it lives.
    #[cfg(target_arch = "wasm32")]
    pub fn resolve(&self, url: &str) -> String {
        if let Some(link) = self.fragment_link(url) {
            return link;
        }
        self.selection.base.with_value(|base| match base {
            Some(base) => web_sys::Url::new_with_base(url, base)
                .map(|u| u.href())
                .unwrap_or_else(|_| url.to_owned()),
            None => url.to_owned(),
        })
    }

    /// Natively (the prerenderer) `base` is the source's path relative to
    /// the page, so a relative URL is joined to its folder.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn resolve(&self, url: &str) -> String {
        if let Some(link) = self.fragment_link(url) {
            return link;
        }
        self.selection.base.with_value(|base| match base {
            Some(base) => crate::core::url::join_relative(base, url),
            None => url.to_owned(),
        })
    }
}

/// A click in an event passage selects the event, unless it was on a term
/// or a link there, which do their own thing, or ended a text selection.
/// Focus goes to the passage's date, so the keyboard (Escape, Tab) goes on
/// from where the reader is.
fn passage_clicked(selection: Selection, id: &EventId, ev: &leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let own = target.as_ref().and_then(|t| {
        t.closest("a, button:not(.gloss-event-chip), .gloss-term")
            .ok()
            .flatten()
    });
    // (Nor when the click ends a selection of the text: the reader is
    // copying a quotation.)
    let selecting = leptos::prelude::window()
        .get_selection()
        .ok()
        .flatten()
        .is_some_and(|s| !s.is_collapsed());
    if own.is_some() || selecting {
        return;
    }
    selection.toggle(Target::Event(id.clone()));
    let passage = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let chip = passage.and_then(|p| p.query_selector(".gloss-event-chip").ok().flatten());
    if let Some(chip) = chip.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = chip.focus_with_options(&options);
    }
}

/// Holds a date button to the word before it.
const NO_BREAK_SPACE: &str = "\u{a0}";

/// The id of the `occurrence`th reference (from 1) to the footnote with
/// id `footnote`: each reference has its own, for its link back.
fn footnote_ref_id(footnote: &str, occurrence: usize) -> String {
    match occurrence {
        1 => format!("{footnote}-ref"),
        n => format!("{footnote}-ref-{n}"),
    }
}
