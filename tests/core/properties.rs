//! Properties that hold for any input, checked on generated explainers:
//! parsing never panics, every URL that survives has a safe scheme, and raw
//! HTML only ever survives as text.

use gloss::core::document::{Block, Inline};
use gloss::core::parse_explainer;
use proptest::prelude::*;

/// Pieces explainers and attacks are made of, so generated inputs reach deep
/// into the parser rather than staying plain text.
const PIECES: &[&str] = &[
    "+++\n",
    "title = \"T\"\n",
    "[terms.a]\n",
    "label = \"Alpha\"\n",
    "summary = \"S [x](javascript:y)\"\n",
    "aliases = [\"Beta\", \"Гамма\"]\n",
    "[speakers.s]\n",
    "name = \"Sam Speaker\"\n",
    "[[events]]\n",
    "id = \"e\"\n",
    "date = \"~2025-11-19/2025-11-20\"\n",
    "date = \"2025-13-40\"\n",
    "links = [{ url = \"data:x\" }]\n",
    "Alpha ",
    "Beta ",
    "Sam Speaker ",
    "Гамма ",
    "# ",
    "## ",
    "\n\n",
    "\n",
    "> ",
    "- ",
    "1. ",
    "```\n",
    "`",
    "*",
    "_",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "term:a",
    "speaker:s",
    "event:e",
    "quote:s",
    "javascript:alert(1)",
    "JaVa\tScRiPt:",
    "&#106;avascript:",
    "data:text/html,",
    "https://example.org/",
    "mailto:a@b.c",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:x\">",
    "[^1]",
    "[^1]: n\n",
    "| a | b |\n|---|---|\n| c | d |\n",
    "![i](",
    "{#id}",
    "\\",
    "&amp;",
    "İ",
    "東京",
    "\u{0}",
    "\r\n",
];

fn explainer_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

fn allowed(url: &str, image: bool) -> bool {
    let lower = url.to_ascii_lowercase();
    match lower.find([':', '/', '?', '#']) {
        Some(i) if lower[i..].starts_with(':') => {
            let scheme = &lower[..i];
            scheme == "http" || scheme == "https" || (!image && scheme == "mailto")
        }
        _ => true,
    }
}

fn check_inlines(inlines: &[Inline]) -> Result<(), String> {
    for inline in inlines {
        match inline {
            Inline::Link { url, content, .. } => {
                if !allowed(url, false) {
                    return Err(format!("link URL {url:?} survived"));
                }
                check_inlines(content)?;
            }
            Inline::Image { url, .. } if !allowed(url, true) => {
                return Err(format!("image URL {url:?} survived"));
            }
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Term { content: c, .. }
            | Inline::Speaker { content: c, .. }
            | Inline::Quote { content: c, .. }
            | Inline::EventRef { content: c, .. } => check_inlines(c)?,
            _ => {}
        }
    }
    Ok(())
}

fn check_blocks(blocks: &[Block]) -> Result<(), String> {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => check_inlines(content)?,
            Block::BlockQuote(b) | Block::Footnote { content: b, .. } => check_blocks(b)?,
            Block::List { items, .. } => items.iter().try_for_each(|i| check_blocks(i))?,
            Block::Table { head, rows, .. } => head
                .iter()
                .chain(rows.iter().flatten())
                .try_for_each(|c| check_inlines(c))?,
            Block::Code { .. } | Block::RawText(_) | Block::Rule => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_never_panics_on_any_text(source in any::<String>()) {
        let _ = parse_explainer(&source);
    }

    #[test]
    fn only_safe_urls_survive_in_generated_explainers(source in explainer_like()) {
        if let Ok(parsed) = parse_explainer(&source) {
            let e = &parsed.explainer;
            check_blocks(&e.body).map_err(TestCaseError::fail)?;
            for term in &e.terms {
                check_inlines(&term.summary).map_err(TestCaseError::fail)?;
                check_inlines(&term.details).map_err(TestCaseError::fail)?;
                for link in &term.links {
                    prop_assert!(allowed(&link.url, false), "term link {:?}", link.url);
                }
            }
            for event in &e.events {
                check_inlines(&event.summary).map_err(TestCaseError::fail)?;
            }
            for d in &parsed.diagnostics {
                prop_assert!(d.line >= 1 && d.column >= 1);
            }
        }
    }
}
