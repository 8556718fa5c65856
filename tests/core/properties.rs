//! Properties that hold for any input, checked on generated explainers:
//! parsing never panics, every URL that survives has a safe scheme, and raw
//! HTML only ever survives as text.

use gloss::core::document::{for_each_inline, for_each_nested, Block, Inline};
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

/// The first URL in `blocks` or `inlines` whose scheme is not allowed.
fn unsafe_url(blocks: &[Block], inlines: &[Inline]) -> Result<(), String> {
    let mut bad = None;
    let mut check = |inline: &Inline| match inline {
        Inline::Link { url, .. } if !allowed(url, false) => {
            bad = Some(format!("link URL {url:?} survived"))
        }
        Inline::Image { url, .. } if !allowed(url, true) => {
            bad = Some(format!("image URL {url:?} survived"))
        }
        _ => {}
    };
    for_each_inline(blocks, &mut check);
    for_each_nested(inlines, &mut check);
    bad.map_or(Ok(()), Err)
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
            unsafe_url(&e.body, &[]).map_err(TestCaseError::fail)?;
            for term in &e.terms {
                unsafe_url(&[], &term.summary).map_err(TestCaseError::fail)?;
                unsafe_url(&[], &term.details).map_err(TestCaseError::fail)?;
                for link in &term.links {
                    prop_assert!(allowed(&link.url, false), "term link {:?}", link.url);
                }
            }
            for event in &e.events {
                unsafe_url(&[], &event.summary).map_err(TestCaseError::fail)?;
            }
            for d in &parsed.diagnostics {
                prop_assert!(d.line >= 1 && d.column >= 1);
            }
        }
    }
}
