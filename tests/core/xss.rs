//! The XSS / injection corpus (`tests/fixtures/xss/`): every vector is parsed
//! and the whole model is walked to prove it stays inert.
//!
//! For every vector: parsing never panics; every URL that reaches the model
//! (body links and images, term summaries, details and `links`, event
//! summaries) has an allowed scheme (links: http, https, mailto; images:
//! http, https) or is relative; the `lang` tag stays a language tag; body
//! references only name the ids the front matter defines. The document tree
//! has no node that could carry markup: the walker below matches every
//! variant with no catch-all arm, so a new variant is a compile error here,
//! and it records the slot each string lands in (rendered as a text node, set
//! as an attribute value through the DOM, or not rendered at all). Vectors
//! made only of raw HTML must come out as visible text and never as a link or
//! an image.
//!
//! File formats are described at the top of each fixture file.

use gloss::core::document::{Block, Inline};
use gloss::core::model::Explainer;
use gloss::core::parse_explainer;
use gloss::core::url::{sanitize_url, UrlUse};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

const BODY_FILE: &str = include_str!("../fixtures/xss/body.txt");
const URL_FILE: &str = include_str!("../fixtures/xss/urls.txt");
const FRONT_MATTER_FILE: &str = include_str!("../fixtures/xss/front_matter.txt");

/// The corpus must stay broad: at least this many vectors in all.
const MIN_VECTORS: usize = 120;

/// Vectors that reveal a bug in the core, skipped (not ignored) until it is
/// fixed so the suite stays green: `(the vector exactly as decoded, what is
/// wrong)`. Empty when the core holds.
const KNOWN_BUGS: &[(&str, &str)] = &[];

/// The front matter body vectors are parsed under: one term, one speaker
/// and one event, so `term:t`, `speaker:s`, `quote:s` and `event:e` resolve.
const BODY_FRONT: &str = r#"+++
title = "T"
[terms.t]
label = "Alpha"
summary = "A term."
[speakers.s]
name = "Sam Spade"
[[events]]
id = "e"
date = "2025-12-02"
title = "Talks"
summary = "An event."
+++
"#;

/// The ids [`BODY_FRONT`] defines: the only ids a body may reference.
const BODY_IDS: &[&str] = &["t", "s", "e"];

/// The body under each front-matter vector: text for aliases to match.
const FRONT_MATTER_BODY: &str =
    "Text with Alpha, onerror and <img src=x onerror=alert(376)> in it.\n";

// --------------------------------------------------------------------------
// Reading the corpus
// --------------------------------------------------------------------------

struct Vector {
    class: String,
    text: String,
    fatal: bool,
}

/// `%%%%`-separated blocks; leading `//!` lines are annotations.
fn read_blocks(file: &str, decode: fn(&str) -> String) -> Vec<Vector> {
    let mut out = Vec::new();
    for block in file.split("\n%%%%\n") {
        let lines: Vec<&str> = block.lines().collect();
        let notes = lines.iter().take_while(|l| l.starts_with("//!")).count();
        let text = lines[notes..].join("\n");
        if text.trim().is_empty() {
            continue;
        }
        let class = lines[..notes].iter().find_map(|l| class_of(l));
        out.push(Vector {
            class: class.unwrap_or("unclassified").to_owned(),
            text: decode(&text),
            fatal: lines[..notes]
                .iter()
                .any(|l| l.trim_start_matches("//!").trim() == "expect: fatal"),
        });
    }
    out
}

/// `name` from a `//! [name] ...` or `# [name] ...` line.
fn class_of(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(['/', '!', '#']).trim_start();
    rest.strip_prefix('[')?.split_once(']').map(|(c, _)| c)
}

/// One URL per line; `# [class]` comments set the class of what follows.
fn read_urls(file: &str) -> Vec<Vector> {
    let mut class = "unclassified";
    let mut out = Vec::new();
    for line in file.lines() {
        if line.starts_with("//!") || line.is_empty() {
            continue;
        }
        if line.starts_with('#') {
            class = class_of(line).unwrap_or(class);
            continue;
        }
        out.push(Vector {
            class: class.to_owned(),
            text: decode_url_line(line),
            fatal: false,
        });
    }
    out
}

/// Decodes `\u{HEX}`; every other character is kept.
fn decode_unicode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        match after.split_once('}').and_then(|(hex, tail)| {
            Some((char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, tail))
        }) {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push_str("\\u{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes `\t \n \r \0 \xHH \\` and `\u{HEX}`; any other backslash stays.
fn decode_url_line(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let simple = match after.chars().next() {
            Some('t') => Some('\t'),
            Some('n') => Some('\n'),
            Some('r') => Some('\r'),
            Some('0') => Some('\0'),
            Some('\\') => Some('\\'),
            _ => None,
        };
        let hex = after
            .strip_prefix('x')
            .and_then(|h| h.get(..2))
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        let unicode = after
            .strip_prefix("u{")
            .and_then(|u| u.split_once('}'))
            .and_then(|(h, tail)| Some((char::from_u32(u32::from_str_radix(h, 16).ok()?)?, tail)));
        match (simple, hex, unicode) {
            (Some(c), _, _) => {
                out.push(c);
                rest = &after[1..];
            }
            (None, Some(b), _) => {
                out.push(char::from(b));
                rest = &after[3..];
            }
            (None, None, Some((c, tail))) => {
                out.push(c);
                rest = tail;
            }
            (None, None, None) => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn body_vectors() -> Vec<Vector> {
    read_blocks(BODY_FILE, decode_unicode)
}

fn url_vectors() -> Vec<Vector> {
    read_urls(URL_FILE)
}

fn front_matter_vectors() -> Vec<Vector> {
    read_blocks(FRONT_MATTER_FILE, str::to_owned)
}

fn known_bug(text: &str) -> Option<&'static str> {
    KNOWN_BUGS
        .iter()
        .find(|(v, _)| *v == text)
        .map(|(_, why)| *why)
}

// --------------------------------------------------------------------------
// Walking the model
// --------------------------------------------------------------------------

/// Where a string sits in the model, and so how the UI renders it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    // Rendered as a text node.
    Text,
    Code,
    RawText,
    CodeBlock,
    /// Titles, labels, names, roles, groups, aliases, dek, byline, quotes.
    Plain,
    // Set as an attribute value through the DOM, or not rendered.
    LinkTitle,
    ImageAlt,
    Id,
    FootnoteLabel,
    CodeLang,
    /// The `lang` attribute: must be a language tag.
    Lang,
    // URLs: must pass the scheme check.
    LinkUrl,
    ImageUrl,
    CardLinkUrl,
}

/// Slots rendered as text nodes: raw HTML must end up in one of these.
const TEXT_SLOTS: &[Slot] = &[Slot::Text, Slot::Code, Slot::RawText, Slot::CodeBlock];

#[derive(Default)]
struct Seen<'a> {
    strings: Vec<(Slot, &'a str)>,
    links: usize,
    images: usize,
}

impl<'a> Seen<'a> {
    fn add(&mut self, slot: Slot, s: &'a str) {
        self.strings.push((slot, s));
    }

    fn explainer(&mut self, e: &'a Explainer) {
        self.add(Slot::Plain, &e.meta.title);
        if let Some(dek) = &e.meta.dek {
            self.add(Slot::Plain, dek);
        }
        if let Some(byline) = &e.meta.byline {
            self.add(Slot::Plain, byline);
        }
        self.add(Slot::Lang, &e.meta.lang);
        for term in &e.terms {
            self.add(Slot::Id, term.id.as_str());
            self.add(Slot::Plain, &term.label);
            term.aliases.iter().for_each(|a| self.add(Slot::Plain, a));
            self.inlines(&term.summary);
            self.inlines(&term.details);
            for link in &term.links {
                self.add(Slot::Plain, &link.label);
                self.add(Slot::CardLinkUrl, &link.url);
            }
        }
        for speaker in &e.speakers {
            self.add(Slot::Id, speaker.id.as_str());
            self.add(Slot::Plain, &speaker.name);
            for field in [&speaker.role, &speaker.group].into_iter().flatten() {
                self.add(Slot::Plain, field);
            }
            speaker
                .aliases
                .iter()
                .for_each(|a| self.add(Slot::Plain, a));
        }
        for event in &e.events {
            self.add(Slot::Id, event.id.as_str());
            self.add(Slot::Plain, &event.title);
            self.inlines(&event.summary);
            event
                .speakers
                .iter()
                .for_each(|s| self.add(Slot::Id, s.as_str()));
            event
                .terms
                .iter()
                .for_each(|t| self.add(Slot::Id, t.as_str()));
        }
        for quote in &e.quotes {
            self.add(Slot::Id, quote.speaker.as_str());
            self.add(Slot::Plain, &quote.text);
        }
        self.blocks(&e.body);
    }

    fn blocks(&mut self, blocks: &'a [Block]) {
        for block in blocks {
            match block {
                Block::Heading { content, .. } | Block::Paragraph(content) => self.inlines(content),
                Block::BlockQuote(inner) => self.blocks(inner),
                Block::List { items, .. } => items.iter().for_each(|i| self.blocks(i)),
                Block::Code { lang, text } => {
                    if let Some(lang) = lang {
                        self.add(Slot::CodeLang, lang);
                    }
                    self.add(Slot::CodeBlock, text);
                }
                Block::RawText(text) => self.add(Slot::RawText, text),
                Block::Rule => {}
                Block::Table {
                    aligns: _,
                    head,
                    rows,
                } => head
                    .iter()
                    .chain(rows.iter().flatten())
                    .for_each(|cell| self.inlines(cell)),
                Block::Footnote {
                    label,
                    number: _,
                    content,
                    references: _,
                } => {
                    self.add(Slot::FootnoteLabel, label);
                    self.blocks(content);
                }
            }
        }
    }

    fn inlines(&mut self, inlines: &'a [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.add(Slot::Text, t),
                Inline::Code(t) => self.add(Slot::Code, t),
                Inline::HardBreak => {}
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    self.inlines(c)
                }
                Inline::Link {
                    url,
                    title,
                    content,
                } => {
                    self.links += 1;
                    self.add(Slot::LinkUrl, url);
                    self.add(Slot::LinkTitle, title);
                    self.inlines(content);
                }
                Inline::Image { url, alt, .. } => {
                    self.images += 1;
                    self.add(Slot::ImageUrl, url);
                    self.add(Slot::ImageAlt, alt);
                }
                Inline::Term {
                    id,
                    decorated: _,
                    content,
                } => {
                    self.add(Slot::Id, id.as_str());
                    self.inlines(content);
                }
                Inline::Speaker { id, content } => {
                    self.add(Slot::Id, id.as_str());
                    self.inlines(content);
                }
                Inline::Quote {
                    speaker,
                    index: _,
                    content,
                } => {
                    self.add(Slot::Id, speaker.as_str());
                    self.inlines(content);
                }
                Inline::EventRef { id, content } => {
                    self.add(Slot::Id, id.as_str());
                    self.inlines(content);
                }
                Inline::FootnoteRef {
                    label,
                    number: _,
                    occurrence: _,
                } => self.add(Slot::FootnoteLabel, label),
            }
        }
    }

    /// Every text-node string, in document order, run together.
    fn visible_text(&self) -> String {
        self.strings
            .iter()
            .filter(|(slot, _)| TEXT_SLOTS.contains(slot))
            .map(|(_, s)| *s)
            .collect()
    }
}

// --------------------------------------------------------------------------
// The checks
// --------------------------------------------------------------------------

/// The scheme a browser reads (WHATWG URL parser: leading and trailing C0
/// controls and spaces dropped, tabs and newlines removed anywhere, then
/// ASCII letter + letters, digits, `+ - .` up to `:`), lower-cased; `None`
/// for a relative URL.
fn browser_scheme(url: &str) -> Option<String> {
    let s: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    for (i, c) in chars {
        if c == ':' {
            return Some(s[..i].to_ascii_lowercase());
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return None;
        }
    }
    None
}

/// A paranoid reading: everything before the first `/ ? #` with all but
/// ASCII letters, digits and `:` removed; the text before a `:` there, if
/// any, lower-cased. Catches a scheme hidden by characters some other
/// component might drop.
fn paranoid_scheme(url: &str) -> Option<String> {
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    let kept: String = head
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ':')
        .collect();
    let (scheme, _) = kept.split_once(':')?;
    (!scheme.is_empty()).then(|| scheme.to_ascii_lowercase())
}

fn allowed_schemes(usage: UrlUse) -> &'static [&'static str] {
    match usage {
        UrlUse::Link => &["http", "https", "mailto"],
        UrlUse::Image => &["http", "https"],
    }
}

/// Why `url` must not reach the DOM as an `href`/`src`, if it must not.
fn url_problem(url: &str, usage: UrlUse) -> Option<String> {
    let allowed = allowed_schemes(usage);
    for (how, scheme) in [
        ("browser", browser_scheme(url)),
        ("paranoid", paranoid_scheme(url)),
    ] {
        if let Some(scheme) = scheme {
            if !allowed.contains(&scheme.as_str()) {
                return Some(format!(
                    "{usage:?} URL {url:?} has scheme `{scheme}` ({how} reading)"
                ));
            }
        }
    }
    None
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag
            .split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `<` followed by a tag-name letter, `/`, `!` or `?`.
fn has_markup(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'!' | b'/' | b'?')))
}

/// The invariants every parsed explainer must hold; `body_ids` limits the
/// ids references in the body may name.
fn problems<'a>(explainer: &'a Explainer, body_ids: Option<&[&str]>) -> (Vec<String>, Seen<'a>) {
    let mut seen = Seen::default();
    seen.explainer(explainer);
    let mut out = Vec::new();
    for &(slot, s) in &seen.strings {
        let problem = match slot {
            Slot::LinkUrl | Slot::CardLinkUrl => url_problem(s, UrlUse::Link),
            Slot::ImageUrl => url_problem(s, UrlUse::Image),
            Slot::Lang if !is_language_tag(s) => Some(format!("lang {s:?} is not a tag")),
            _ => None,
        };
        out.extend(problem);
    }
    if let Some(ids) = body_ids {
        let mut body = Seen::default();
        body.blocks(&explainer.body);
        for &(slot, s) in &body.strings {
            if slot == Slot::Id && !ids.contains(&s) {
                out.push(format!("the body references an undefined id {s:?}"));
            }
        }
    }
    (out, seen)
}

/// Whether a body vector is raw HTML only: no link, image, code or
/// autolink syntax that Markdown would give meaning to.
fn is_raw_html_only(v: &str) -> bool {
    !v.contains(['[', '`'])
        && !v.contains("~~~")
        && !v
            .lines()
            .any(|l| l.starts_with("    ") || l.starts_with('\t'))
        && !v.split('<').skip(1).any(|after| {
            let token: String = after
                .chars()
                .take_while(|c| *c != '>' && !c.is_whitespace())
                .collect();
            token.contains([':', '@'])
        })
}

/// `v` without its HTML comments (`<!--` to `-->`, or to the end), which the
/// article leaves out.
fn without_comments(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        rest = match after.strip_prefix('>').or_else(|| after.strip_prefix("->")) {
            Some(after) => after,
            None => after.find("-->").map_or("", |end| &after[end + 3..]),
        };
    }
    out + rest
}

/// Tag names opened in `v` (`<name` followed by a space, `/`, `>` or the end).
fn opened_tags(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    for after in v.split('<').skip(1) {
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let next = after[name.len()..].chars().next();
        let ends = next.is_none_or(|c| c.is_whitespace() || matches!(c, '/' | '>' | '\0'));
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) && ends {
            out.push(name);
        }
    }
    out
}

/// Parses `source`, catching a panic; `Err` holds what went wrong.
fn parse_safely(source: &str) -> Result<Result<Explainer, String>, String> {
    catch_unwind(AssertUnwindSafe(|| parse_explainer(source)))
        .map(|r| r.map(|p| p.explainer).map_err(|d| d.to_string()))
        .map_err(|panic| {
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic".into())
        })
}

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn report(what: &str, tried: usize, skipped: usize, failures: &[String]) {
    eprintln!("xss {what}: {tried} cases tried, {skipped} skipped as known core bugs");
    assert!(
        failures.is_empty(),
        "{} of {tried} {what} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// --------------------------------------------------------------------------
// The tests
// --------------------------------------------------------------------------

#[test]
fn body_vectors_stay_inert_text() {
    let (mut tried, mut skipped, mut failures) = (0, 0, Vec::new());
    let mut markup_slots: BTreeMap<Slot, usize> = BTreeMap::new();
    let mut raw_html_only = 0;
    for v in body_vectors() {
        if let Some(why) = known_bug(&v.text) {
            eprintln!("skipped (known core bug: {why}): {:?}", v.text);
            skipped += 1;
            continue;
        }
        tried += 1;
        let fail = |msg: String| format!("[{}] {:?}: {msg}", v.class, v.text);
        let explainer = match parse_safely(&format!("{BODY_FRONT}{}", v.text)) {
            Ok(Ok(e)) => e,
            Ok(Err(d)) => {
                failures.push(fail(format!("fatal diagnostic: {d}")));
                continue;
            }
            Err(panic) => {
                failures.push(fail(format!("panicked: {panic}")));
                continue;
            }
        };
        let (found, seen) = problems(&explainer, Some(BODY_IDS));
        failures.extend(found.into_iter().map(&fail));
        for &(slot, s) in &seen.strings {
            if has_markup(s) {
                *markup_slots.entry(slot).or_default() += 1;
            }
        }
        if is_raw_html_only(&v.text) {
            raw_html_only += 1;
            if seen.links + seen.images > 0 {
                failures.push(fail(format!(
                    "raw HTML became {} link(s) and {} image(s)",
                    seen.links, seen.images
                )));
            }
            let text = seen.visible_text();
            // A comment is left out, markup and all: nothing of it is shown.
            if v.text.contains("<!--") && text.contains("alert(") {
                failures.push(fail(format!("a comment's content is shown: {text:?}")));
            }
            for tag in opened_tags(&without_comments(&v.text)) {
                if !text.contains(&format!("<{tag}")) {
                    failures.push(fail(format!(
                        "`<{tag}` is not visible text (text: {text:?})"
                    )));
                }
            }
        }
    }
    eprintln!("xss body: {raw_html_only} raw-HTML-only vectors checked for visible text");
    eprintln!("xss body: markup landed in {markup_slots:?}");
    report("body", tried, skipped, &failures);
}

#[test]
fn url_vectors_never_survive_with_an_unsafe_scheme() {
    let (mut tried, mut skipped, mut failures) = (0, 0, Vec::new());
    let (mut survived, mut forms) = (0, 0);
    for v in url_vectors() {
        if let Some(why) = known_bug(&v.text) {
            eprintln!("skipped (known core bug: {why}): {:?}", v.text);
            skipped += 1;
            continue;
        }
        tried += 1;
        let url = &v.text;
        let fail = |msg: String| format!("[{}] {url:?}: {msg}", v.class);

        // The gate on its own, with nothing in front of it.
        for usage in [UrlUse::Link, UrlUse::Image] {
            if let Some(kept) = sanitize_url(url, usage) {
                failures.extend(url_problem(&kept, usage).map(|p| fail(format!("gate: {p}"))));
            }
        }

        // In the body, in every syntax that makes a link or an image.
        let body_forms = [
            format!("[x]({url})"),
            format!("[x](<{url}>)"),
            format!("[x]({url} \"t\")"),
            format!("![x]({url})"),
            format!("![x](<{url}>)"),
            format!("<{url}>"),
            format!("[x][r]\n\n[r]: {url}"),
            format!("![x][r]\n\n[r]: <{url}>"),
        ];
        // In the front matter: a term's links, summary and details, an
        // event's summary.
        let markdown = format!("[x]({url}) ![y]({url}) <{url}> [z](<{url}>)");
        let front = format!(
            "+++\ntitle = \"T\"\n[terms.t]\nsummary = {md}\ndetails = {md}\nlinks = [{{ label = \"L\", url = {u} }}, {{ url = {u} }}]\n[[events]]\nid = \"e\"\ndate = \"2025\"\nsummary = {md}\n+++\nBody.\n",
            md = toml_string(&markdown),
            u = toml_string(url),
        );
        let sources = body_forms
            .iter()
            .map(|b| format!("{BODY_FRONT}{b}\n"))
            .chain([front]);
        for source in sources {
            forms += 1;
            match parse_safely(&source) {
                Ok(Ok(explainer)) => {
                    let (found, seen) = problems(&explainer, None);
                    survived += seen.links + seen.images;
                    failures.extend(found.into_iter().map(&fail));
                }
                Ok(Err(d)) => failures.push(fail(format!("fatal diagnostic: {d}\n{source}"))),
                Err(panic) => failures.push(fail(format!("panicked: {panic}\n{source}"))),
            }
        }
    }
    eprintln!("xss urls: {forms} documents, {survived} links or images survived (all safe)");
    report("URL", tried, skipped, &failures);
}

#[test]
fn front_matter_vectors_stay_inert_text() {
    let (mut tried, mut skipped, mut failures) = (0, 0, Vec::new());
    for v in front_matter_vectors() {
        if let Some(why) = known_bug(&v.text) {
            eprintln!("skipped (known core bug: {why}): {:?}", v.text);
            skipped += 1;
            continue;
        }
        tried += 1;
        let fail = |msg: String| format!("[{}] {:?}: {msg}", v.class, v.text);
        let source = format!("+++\ntitle = \"T\"\n{}\n+++\n{FRONT_MATTER_BODY}", v.text);
        match (parse_safely(&source), v.fatal) {
            (Ok(Ok(explainer)), false) => {
                failures.extend(problems(&explainer, None).0.into_iter().map(&fail))
            }
            (Ok(Ok(_)), true) => failures.push(fail("expected a fatal diagnostic".into())),
            (Ok(Err(_)), true) => {}
            (Ok(Err(d)), false) => failures.push(fail(format!("fatal diagnostic: {d}"))),
            (Err(panic), _) => failures.push(fail(format!("panicked: {panic}"))),
        }
    }
    report("front matter", tried, skipped, &failures);
}

/// The e2e fixture (`tests/e2e/fixtures/xss.md`, generated from this corpus
/// by `make_xss_fixture.py`): when present it must be one readable
/// explainer that holds the same invariants.
#[test]
fn the_e2e_fixture_is_a_readable_explainer_that_stays_inert() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/fixtures/xss.md");
    let Ok(source) = std::fs::read_to_string(path) else {
        eprintln!("xss e2e fixture: {path} not generated; nothing to check");
        return;
    };
    let explainer = match parse_safely(&source) {
        Ok(Ok(e)) => e,
        Ok(Err(d)) => panic!("{path} is not readable: {d}"),
        Err(panic) => panic!("{path} made the parser panic: {panic}"),
    };
    let (found, seen) = problems(&explainer, None);
    assert!(found.is_empty(), "{path}:\n{}", found.join("\n"));
    assert!(
        explainer.terms.len() > 20 && seen.links > 0 && seen.images > 0,
        "{path}: the fixture lost its terms, links or images"
    );
    eprintln!(
        "xss e2e fixture: {} terms, {} speakers, {} events, {} links, {} images, all safe",
        explainer.terms.len(),
        explainer.speakers.len(),
        explainer.events.len(),
        seen.links,
        seen.images
    );
}

#[test]
fn the_corpus_has_at_least_120_vectors_across_its_classes() {
    let files = [
        ("body.txt", body_vectors()),
        ("urls.txt", url_vectors()),
        ("front_matter.txt", front_matter_vectors()),
    ];
    let mut total = 0;
    for (name, vectors) in &files {
        let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
        for v in vectors {
            *classes.entry(v.class.as_str()).or_default() += 1;
        }
        assert!(
            !classes.contains_key("unclassified"),
            "{name}: every vector needs a class"
        );
        eprintln!("xss corpus {name}: {} vectors {classes:?}", vectors.len());
        total += vectors.len();
    }
    eprintln!("xss corpus: {total} vectors in all");
    assert!(
        total >= MIN_VECTORS,
        "only {total} vectors; the corpus must keep at least {MIN_VECTORS}"
    );
}

#[test]
fn the_readers_and_checks_of_this_module_catch_what_they_should() {
    assert_eq!(
        decode_url_line(r"java\tscript:\0\r\n"),
        "java\tscript:\0\r\n"
    );
    assert_eq!(
        decode_url_line(r"\x01a\x7fb\xZZ\x+1"),
        "\u{1}a\u{7f}b\\xZZ\\x+1"
    );
    assert_eq!(decode_url_line(r"a\\b\:c\u{feff}d"), "a\\b\\:c\u{feff}d");
    assert_eq!(decode_unicode(r"<scr\u{0}ipt>\u{zz}"), "<scr\0ipt>\\u{zz}");

    for (url, usage) in [
        ("javascript:x", UrlUse::Link),
        ("\u{1} Java\tScript:x", UrlUse::Link),
        ("java\0script:x", UrlUse::Link),
        ("\u{feff}javascript:x", UrlUse::Link),
        ("data:image/png,x", UrlUse::Image),
        ("mailto:a@b.c", UrlUse::Image),
    ] {
        assert!(url_problem(url, usage).is_some(), "{url:?} must be flagged");
    }
    for (url, usage) in [
        ("https://a.org", UrlUse::Image),
        ("mailto:a@b.c", UrlUse::Link),
        ("//a.org/x", UrlUse::Image),
        ("./javascript:x", UrlUse::Link),
        ("jav&#x09;ascript:x", UrlUse::Link),
        ("", UrlUse::Link),
    ] {
        assert_eq!(url_problem(url, usage), None, "{url:?}");
    }
    assert!(!is_language_tag("en\" onload=\"x"));
    assert!(is_language_tag("pt-BR"));
    assert_eq!(opened_tags("<a href=x><<b>c</b><d@e>"), ["a", "b"]);
    assert!(is_raw_html_only("<img src=x onerror=alert(1)>"));
    assert!(!is_raw_html_only("<javascript:alert(1)>"));

    // The walker sees links, images, ids and the text of every place.
    let parsed = parse_safely(&format!(
        "{BODY_FRONT}[a](https://a.org \"t\") ![b](http://b.org/i.png) [c](term:t) <i>x</i>\n\n|h|\n|-|\n|`c`|\n\n[^n]: <b>\n"
    ))
    .expect("no panic")
    .expect("readable");
    let (found, seen) = problems(&parsed, Some(BODY_IDS));
    assert!(found.is_empty(), "{found:?}");
    assert_eq!((seen.links, seen.images), (1, 1));
    let slots: Vec<Slot> = seen.strings.iter().map(|(slot, _)| *slot).collect();
    for slot in [
        Slot::LinkUrl,
        Slot::LinkTitle,
        Slot::ImageUrl,
        Slot::ImageAlt,
        Slot::Id,
        Slot::Code,
        Slot::FootnoteLabel,
        Slot::Lang,
        Slot::Plain,
    ] {
        assert!(slots.contains(&slot), "{slot:?} not seen in {slots:?}");
    }
    assert!(seen.visible_text().contains("<i>x</i>"));
    let (found, _) = problems(&parsed, Some(&["s", "e"]));
    assert_eq!(found, ["the body references an undefined id \"t\""]);
}
