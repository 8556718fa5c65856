//! Explicit references: `term:`, `speaker:`, `event:` and `quote:` links.

use crate::outline::{check, parse_body};

#[test]
fn resolves_each_reference_scheme() {
    check(
        "[the region](term:donbas) [he](speaker:putin) [met](event:talks) [“in any case”](quote:putin)",
        "p: {term*:donbas|the region} {speaker:putin|he} {event:talks|met} {quote:putin#0|“in any case”}",
    );
}

#[test]
fn collects_quotes_in_article_order() {
    let parsed = parse_body("[“one”](quote:putin) then [“two”](quote:putin)");
    let quotes: Vec<_> = parsed
        .explainer
        .quotes
        .iter()
        .map(|q| (q.speaker.as_str(), q.index, q.text.as_str()))
        .collect();
    assert_eq!(quotes, [("putin", 0, "“one”"), ("putin", 1, "“two”")]);
}

#[test]
fn unknown_ids_keep_their_text_and_are_reported() {
    let parsed = parse_body("See [this](term:nope) and [that](event:never).");
    assert_eq!(
        crate::outline::outline(&parsed.explainer.body),
        "p: See this and that."
    );
    // (The shared front matter's terms are not mentioned here.)
    let messages: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| !m.contains("is never mentioned"))
        .collect();
    assert_eq!(messages.len(), 2);
    assert!(messages[0].contains("unknown term `nope`"), "{messages:?}");
    assert!(
        messages[1].contains("unknown event `never`"),
        "{messages:?}"
    );
}

#[test]
fn ordinary_links_pass_through() {
    check(
        "[a](https://example.org/x) [b](../other.md) [c](mailto:d@example.org)",
        "p: [a](https://example.org/x) [b](../other.md) [c](mailto:d@example.org)",
    );
}

/// Symptom: `<desk@example.org>` became a relative link to
/// `…/desk@example.org` instead of an email link.
#[test]
fn email_autolinks_become_mailto_links() {
    check(
        "Write to <desk@example.org>.",
        "p: Write to [desk@example.org](mailto:desk@example.org).",
    );
}
