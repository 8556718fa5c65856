//! Coverage-guided fuzzing of the core's entry point: any bytes that are
//! UTF-8 go through `parse_explainer`, which must never panic, and whose
//! surviving URLs must all have a safe scheme.
#![no_main]

use gloss::core::document::{for_each_inline, for_each_nested, Inline};
use gloss::core::parse_explainer;
use libfuzzer_sys::fuzz_target;

fn safe(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    match lower.find([':', '/', '?', '#']) {
        Some(i) if lower[i..].starts_with(':') => matches!(&lower[..i], "http" | "https" | "mailto"),
        _ => true,
    }
}

fn check(inline: &Inline) {
    match inline {
        Inline::Link { url, .. } | Inline::Image { url, .. } => assert!(safe(url), "unsafe URL {url:?}"),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        if let Ok(parsed) = parse_explainer(source) {
            for_each_inline(&parsed.explainer.body, &mut check);
            for term in &parsed.explainer.terms {
                for_each_nested(&term.summary, &mut check);
                for_each_nested(&term.details, &mut check);
                term.links.iter().for_each(|l| assert!(safe(&l.url)));
            }
        }
    }
});
