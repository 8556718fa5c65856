//! The explainer format: front matter fields and Markdown structure.

use crate::outline::{check, outline, parse};
use gloss::core::date::Precision;
use gloss::core::model::EventKind;

#[test]
fn reads_every_front_matter_field() {
    let parsed = parse(
        r#"+++
title = "Title"
dek = "Dek"
published = "2025-12-05"
byline = "Desk"
lang = "pt-BR"

[terms.b]
summary = "Second *in* file."
details = "More."
links = [{ label = "W", url = "https://w.example/b" }, { url = "https://x.example" }]

[terms.a]
label = "Alpha"
summary = "First."

[speakers.z]
name = "Zed"
role = "Role"
group = "G"

[[events]]
id = "late"
date = "2027"
kind = "projection"
title = "Late"

[[events]]
id = "early"
date = "~1764"
title = "Early"
summary = "Long ago."
speakers = ["z"]
terms = ["a"]
+++
Body about [Alpha](term:a) and [b](term:b).
"#,
    );
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let e = parsed.explainer;
    assert_eq!(e.meta.title, "Title");
    assert_eq!(e.meta.dek.as_deref(), Some("Dek"));
    assert_eq!(e.meta.byline.as_deref(), Some("Desk"));
    assert_eq!(e.meta.lang, "pt-BR");
    assert_eq!(e.meta.published.unwrap().start.precision(), Precision::Day);
    // Terms keep the author's order, not the alphabet's.
    let ids: Vec<_> = e.terms.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
    assert_eq!(e.terms[0].label, "b", "label defaults to the id");
    assert_eq!(
        crate::outline::inlines(&e.terms[0].summary),
        "Second _in_ file."
    );
    assert_eq!(
        e.terms[0].links[1].label, "https://x.example",
        "link label defaults to the URL"
    );
    assert_eq!(e.speakers[0].role.as_deref(), Some("Role"));
    // Events are in date order.
    let ids: Vec<_> = e.events.iter().map(|ev| ev.id.as_str()).collect();
    assert_eq!(ids, ["early", "late"]);
    assert!(e.events[0].date.approximate);
    assert_eq!(e.events[1].kind, EventKind::Projection);
    assert_eq!(e.events[0].speakers[0].as_str(), "z");
}

#[test]
fn a_file_without_front_matter_is_all_body() {
    // (Its first heading is its title.)
    let parsed = parse("# Heading\n\nJust text.\n");
    assert_eq!(parsed.explainer.meta.title, "Heading");
    assert_eq!(outline(&parsed.explainer.body), "p: Just text.");
    assert_eq!(parsed.explainer.meta.lang, "en");
}

#[test]
fn renders_commonmark_and_its_extensions() {
    check(
        "## Head\n\nA *b* **c** ~~d~~ `e`  \nf\n\n> q\n\n- x\n- y\n\n3. n\n\n```rust\nlet a = 1;\n```\n\n---\n\n| h1 | h2 |\n|---|:-:|\n| a | b |\n\nNote[^n].\n\n[^n]: The note.\n",
        r#"
h2: Head
p: A _b_ **c** ~~d~~ `e`\nf
quote: [p: q]
tight ul: p: x ; p: y
tight ol3: p: n
code rust: "let a = 1;\n"
rule
table: h1 | h2 / a | b
p: Note[^1].
footnote 1: p: The note."#,
    );
}

#[test]
fn html_comments_are_left_out() {
    // An author's notes to themselves: inline, a block, a block of several
    // lines, an empty one; the HTML around them is still shown as text,
    // and the names in them are no mentions.
    check(
        "Donbas <!-- check Donbas --> is here.\n\n<!-- TODO:\nDonbas figures -->\n\n<b>bold</b> <!----> end.\n\n<div>\n<!-- x -->\n</div>\n",
        "p: {term*:donbas|Donbas}  is here.\np: <b>bold</b>  end.\nraw: \"<div>\\n\\n</div>\"",
    );
}

#[test]
fn comments_may_come_before_the_front_matter() {
    let parsed = parse(
        "<!-- Licence: CC-BY 4.0 -->\n\n<!-- by A. N. Author -->\n+++\ntitle = \"T\"\n+++\nBody.\n",
    );
    assert_eq!(parsed.explainer.meta.title, "T");
    assert_eq!(outline(&parsed.explainer.body), "p: Body.");
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
}

#[test]
fn a_group_is_one_group_whatever_its_case_or_spaces() {
    let parsed = parse(
        "+++\ntitle = \"T\"\n[speakers.a]\nname = \"A\"\ngroup = \"Russia\"\n[speakers.b]\nname = \"B\"\ngroup = \"russia \"\n[speakers.c]\nname = \"C\"\ngroup = \" UN\"\n+++\nA, B and C.\n",
    );
    let groups: Vec<_> = parsed
        .explainer
        .speakers
        .iter()
        .map(|s| s.group.as_deref())
        .collect();
    assert_eq!(groups, [Some("Russia"), Some("Russia"), Some("UN")]);
}

#[test]
fn an_image_keeps_its_title() {
    check(
        "![A dot](dot.svg \"The dot\") and ![bare](b.png).\n",
        r#"p: ![A dot](dot.svg "The dot") and ![bare](b.png)."#,
    );
}

#[test]
fn tells_tight_lists_from_loose_ones() {
    // CommonMark: a blank line between items, or between two blocks of
    // one item, makes the list loose; its items' text is then paragraphs.
    check(
        "- a\n- b\n\n1. c\n\n2. d\n\n- e\n\n  more\n- f\n\n* g\n  * h\n",
        r#"
tight ul: p: a ; p: b
ol1: p: c ; p: d
ul: p: e | p: more ; p: f
tight ul: p: g | tight ul: p: h"#,
    );
}

#[test]
fn counts_each_reference_to_a_footnote() {
    // Each reference has its own place (the widget gives each an id and
    // a link back); a note never referenced has none.
    check(
        "A[^a], B[^b], again A[^a] and A[^a].\n\n[^a]: Alpha.\n[^b]: Beta.\n[^c]: Gamma.\n",
        "p: A[^1], B[^2], again A[^1.2] and A[^1.3].\nfootnote 1 (3 refs): p: Alpha.\nfootnote 2: p: Beta.\nfootnote 3 (0 refs): p: Gamma.",
    );
}

#[test]
fn numbers_footnotes_in_order_of_first_reference() {
    check(
        "B[^b] and A[^a].\n\n[^a]: Alpha.\n[^b]: Beta.\n",
        "p: B[^1] and A[^2].\nfootnote 1: p: Beta.\nfootnote 2: p: Alpha.",
    );
}

#[test]
fn soft_breaks_become_spaces_so_names_can_span_lines() {
    check(
        "Vladimir\nPutin spoke.",
        "p: {speaker:putin|Vladimir Putin} spoke.",
    );
}

#[test]
fn headings_get_anchors_that_links_can_point_at() {
    let parsed = parse(
        "+++\ntitle = \"T\"\n+++\n# Where it began\n\n## Where it began\n\n## Донбас: 1991–2014\n\n### Dates {#when .ignored}\n\n> ## ¿?\n",
    );
    let mut anchors = Vec::new();
    gloss::core::document::for_each_anchor(&parsed.explainer.body, &mut |a| anchors.push(a));
    assert_eq!(
        anchors,
        [
            "where-it-began",
            "where-it-began-1",
            "донбас-19912014",
            "when",
            "section"
        ]
    );
    // The attribute block is the anchor, not text.
    assert_eq!(
        outline(&parsed.explainer.body[3..4]),
        "h3: Dates",
        "the `{{#when}}` attribute is not shown"
    );
}

#[test]
fn lists_and_tables_in_a_card_keep_their_lines() {
    let parsed = parse(
        r#"+++
title = "T"
[terms.api]
summary = """
Two ways:

- one
- two *more*

3. three
4. four

| a | b |
|---|---|
| c | d |
"""
+++
Body.
"#,
    );
    assert_eq!(
        crate::outline::inlines(&parsed.explainer.terms[0].summary),
        "Two ways:\\n• one\\n• two _more_\\n3. three\\n4. four\\na · b\\nc · d"
    );
}
