//! Coverage-guided fuzzing of the core's entry point: any bytes that are
//! UTF-8 go through `parse_explainer`, which must never panic, and whose
//! surviving URLs must all have a safe scheme.
#![no_main]

use gloss::core::document::{Block, Inline};
use gloss::core::parse_explainer;
use libfuzzer_sys::fuzz_target;

fn safe(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    match lower.find([':', '/', '?', '#']) {
        Some(i) if lower[i..].starts_with(':') => matches!(&lower[..i], "http" | "https" | "mailto"),
        _ => true,
    }
}

fn inlines(list: &[Inline]) {
    for inline in list {
        match inline {
            Inline::Link { url, content, .. } => {
                assert!(safe(url), "unsafe link URL {url:?}");
                inlines(content);
            }
            Inline::Image { url, .. } => assert!(safe(url), "unsafe image URL {url:?}"),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Term { content: c, .. }
            | Inline::Speaker { content: c, .. }
            | Inline::Quote { content: c, .. }
            | Inline::EventRef { content: c, .. } => inlines(c),
            _ => {}
        }
    }
}

fn blocks(list: &[Block]) {
    for block in list {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => inlines(content),
            Block::BlockQuote(b) | Block::Footnote { content: b, .. } => blocks(b),
            Block::List { items, .. } => items.iter().for_each(|i| blocks(i)),
            Block::Table { head, rows, .. } => head.iter().chain(rows.iter().flatten()).for_each(|c| inlines(c)),
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        if let Ok(parsed) = parse_explainer(source) {
            blocks(&parsed.explainer.body);
            for term in &parsed.explainer.terms {
                inlines(&term.summary);
                inlines(&term.details);
                term.links.iter().for_each(|l| assert!(safe(&l.url)));
            }
        }
    }
});
