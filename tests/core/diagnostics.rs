//! Diagnostics: every fault located by line and column, never a panic.

use crate::outline::{diagnostics, parse};
use gloss::core::parse_explainer;

fn check(source: &str, expect: &str) {
    let parsed = parse(source);
    assert_eq!(diagnostics(&parsed.diagnostics), expect.trim(), "{source}");
}

/// The one diagnostic whose message contains `fragment` (failing unless
/// there is exactly one).
fn the_one<'a>(parsed: &'a gloss::core::Parsed, fragment: &str) -> &'a gloss::core::Diagnostic {
    let found: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.message.contains(fragment))
        .collect();
    assert_eq!(found.len(), 1, "{fragment}: {:?}", parsed.diagnostics);
    found[0]
}

fn check_fatal(source: &str, expect: &str) {
    let err = parse_explainer(source).expect_err(source);
    assert_eq!(
        format!("{}:{} {}", err.line, err.column, err.message),
        expect,
        "{source}"
    );
}

#[test]
fn locates_content_errors() {
    check(
        r#"+++
title = "T"
[terms.a]
summary = ""
[terms.b]
label = "B"
[[events]]
id = "x"
date = "2025-13-01"
[[events]]
id = "y"
date = "2025"
speakers = ["nobody"]
[[events]]
id = "y"
date = "2026"
+++
Text [a](term:zz) here.
"#,
        r#"
4:11 term `a` has an empty `summary`
5:1 term `b` has no `summary`: its card would be empty
5:1 term `b` is never mentioned: no reader sees its card (write its label in the text, or link a passage with `[…](term:b)`)
9:8 event `x`: `2025-13-01` has no month 13: months run 01 to 12
10:1 event `y` has no `title`
13:13 event `y` names unknown speaker `nobody`
15:6 duplicate event id `y`: only the first is kept
18:6 unknown term `zz` in `term:zz`: define it in the front matter or fix the id"#,
    );
}

#[test]
fn unreadable_front_matter_is_fatal_with_its_position() {
    check_fatal(
        "+++\ntitle = \"T\"\nthis is not toml\n+++\n",
        "3:6 the front matter is not valid TOML: key with no value, expected `=` \
         (this line reads as article text: is the `+++` line that closes the front matter \
         missing above it?)",
    );
    check_fatal(
        "+++\ntitle = \"T\"\ndek = “Quoted in Word”\n+++\n",
        "3:7 “ and ” are typographic quotes, which TOML does not read as quotes: \
         write the value between straight quotes, `\"…\"`",
    );
}

#[test]
fn a_value_of_the_wrong_type_leaves_out_its_entry_where_it_is_written() {
    let parsed = parse(
        "+++\ntitle = 7\n[terms.a]\nsummary = 3\n[terms.b]\nsummary = \"Bee.\"\n\
         [speakers.s]\nname = [\"x\"]\n[[events]]\nid = \"e\"\ndate = 2024-01-01\ntitle = \"E\"\n+++\nA b.\n",
    );
    let messages: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    let located = |line: usize, column: usize, what: &str| {
        parsed
            .diagnostics
            .iter()
            .any(|d| (d.line, d.column) == (line, column) && d.message.starts_with(what))
    };
    assert!(
        located(2, 9, "`title` is left out: invalid type: integer"),
        "{messages:#?}"
    );
    assert!(
        located(
            4,
            11,
            "term `a` is left out: invalid type: integer `3`, expected a string"
        ),
        "{messages:#?}"
    );
    assert!(located(8, 8, "speaker `s` is left out"), "{messages:#?}");
    assert!(located(11, 8, "this event is left out"), "{messages:#?}");
    // The rest is read and the article is shown.
    let ids: Vec<&str> = parsed
        .explainer
        .terms
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, ["b"]);
    assert!(parsed.explainer.speakers.is_empty() && parsed.explainer.events.is_empty());
    assert!(!parsed.explainer.body.is_empty());
}

#[test]
fn a_link_to_what_was_left_out_says_so() {
    // Not "unknown": the author defined them, and a note at each
    // definition says what is wrong with it.
    let parsed = parse(
        "+++
[terms.a]
summary = 3
[speakers.s]
name = [\"x\"]
\
         [[events]]
id = \"e\"
date = 2024-01-01
title = \"E\"
+++
\
         [A](term:a), [S](speaker:s), [E](event:e), [Z](event:z).
",
    );
    for (what, column) in [("term `a`", 1), ("speaker `s`", 14), ("event `e`", 30)] {
        let note = the_one(&parsed, &format!("{what} in `"));
        assert!(
            note.message
                .contains("was left out for the error noted where it is defined"),
            "{note:?}"
        );
        assert_eq!((note.line, note.column), (11, column), "{what}");
    }
    assert!(the_one(&parsed, "event `z`")
        .message
        .starts_with("unknown event `z`"));
}

#[test]
fn a_section_written_as_a_value_is_left_out() {
    let parsed = parse("+++\nterms = 5\nevents = \"x\"\n+++\nText.\n");
    let messages: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|m| m.starts_with("line 2, column 9:")
            && m.contains("`terms` is left out")
            && m.contains("[terms.ID]")),
        "{messages:#?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`events` is left out")),
        "{messages:#?}"
    );
}

#[test]
fn an_unclosed_front_matter_or_empty_file_is_fatal() {
    check_fatal(
        "+++\ntitle = \"T\"\n",
        "1:1 the front matter opened by `+++` here is never closed: add a line with `+++` after it",
    );
    check_fatal("  \n\n", "1:1 the explainer file is empty");
}

#[test]
fn a_table_written_twice_keeps_the_first_and_says_where() {
    let parsed = parse(
        "+++\ntitle = \"T\"\n[terms.a]\nsummary = \"x\"\n[terms.a]\nsummary = \"y\"\n+++\nAn a.\n",
    );
    let d = &parsed.diagnostics[0];
    assert_eq!(d.line, 5, "{d}");
    assert_eq!(
        d.message, "`[terms.a]` is written a second time: only the first is kept",
        "one message for the table, none for its keys: {:?}",
        parsed.diagnostics
    );
    assert_eq!(
        parsed
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("second time"))
            .count(),
        1
    );
    assert_eq!(parsed.explainer.terms.len(), 1);
    assert!(!parsed.explainer.body.is_empty());
}

#[test]
fn unknown_keys_are_named_with_what_was_meant() {
    let parsed = parse(
        "+++\ntitle = \"T\"\nsubtitle = \"S\"\n[speaker.y]\nname = \"Y\"\n[terms.a]\nsumary = \"x\"\n\
         [[events]]\nid = \"e\"\ndate = \"2025\"\ntitel = \"E\"\n+++\nText.\n",
    );
    let messages: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
    let has = |needle: &str| messages.iter().any(|m| m.starts_with(needle));
    assert!(
        has("line 3, column 1: unknown key `subtitle` is ignored (known here: title,"),
        "{messages:#?}"
    );
    assert!(
        has("line 4, column 2: unknown key `speaker` is ignored: did you mean `speakers`?"),
        "{messages:#?}"
    );
    assert!(
        has("line 7, column 1: unknown key `sumary` is ignored: did you mean `summary`?"),
        "{messages:#?}"
    );
    assert!(
        has("line 11, column 1: unknown key `titel` is ignored: did you mean `title`?"),
        "{messages:#?}"
    );
}

#[test]
fn a_bare_toml_date_is_asked_for_in_quotes() {
    let parsed = parse("+++\ntitle = \"T\"\n[[events]]\nid = \"e\"\ndate = 2020-01-01\ntitle = \"E\"\n+++\nText.\n");
    let d = &parsed.diagnostics[0];
    assert_eq!((d.line, d.column), (5, 8), "{d}");
    assert!(d.message.contains("a date is written in quotes"), "{d}");
}

#[test]
fn a_range_ending_in_the_month_it_starts_in_is_questioned() {
    let event = |date: &str| {
        format!("+++\ntitle = \"T\"\n[[events]]\nid = \"e\"\ndate = \"{date}\"\ntitle = \"E\"\n+++\n[It](event:e).\n")
    };
    let parsed = parse(&event("2024-06-15/2024-06"));
    let d = the_one(&parsed, "ends with the month it starts in");
    assert_eq!((d.line, d.column), (5, 8), "{d}");
    assert_eq!(parsed.explainer.events.len(), 1, "the event is kept");
    let parsed = parse(&event("2024-06-15/2025"));
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let parsed = parse(&event("1914-07-28/1914"));
    the_one(&parsed, "ends with the year it starts in");
}

#[test]
fn blank_lines_before_the_front_matter_are_allowed() {
    let parsed = parse("\n  \n+++\ntitle = \"Late start\"\n+++\nBody.\n");
    assert_eq!(parsed.explainer.meta.title, "Late start");
}

#[test]
fn warns_when_two_entries_claim_one_name() {
    let parsed = parse("+++\ntitle = \"T\"\n[terms.a]\nlabel = \"Kremlin\"\nsummary = \"x\"\n[speakers.k]\nname = \"kremlin\"\n+++\nKremlin.\n");
    let clash = parsed
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .contains("belongs to both term `a` and speaker `k`")
        })
        .unwrap_or_else(|| panic!("{:?}", parsed.diagnostics));
    // At the second claim, where the author would change it.
    assert_eq!((clash.line, clash.column), (7, 8), "{clash}");
}

#[test]
fn yaml_front_matter_is_named_not_just_shown() {
    let parsed = parse(
        "---
title: T
---
Body.
",
    );
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.line == 1 && d.message.contains("TOML between `+++` lines")),
        "{:?}",
        parsed.diagnostics
    );
}

#[test]
fn plain_markdown_takes_its_title_from_its_first_heading() {
    // No front matter: the file's `# Title` is the explainer's title, not
    // a heading under an empty one.
    let parsed = parse("# Just a heading\n\nSome text.\n\n# Another\n");
    assert_eq!(parsed.explainer.meta.title, "Just a heading");
    assert_eq!(
        crate::outline::outline(&parsed.explainer.body),
        "p: Some text.\nh1: Another"
    );
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    // A title in the front matter leaves the first heading where it is.
    let titled = parse("+++\ntitle = \"T\"\n+++\n# Heading\n");
    assert_eq!(titled.explainer.meta.title, "T");
    assert_eq!(
        crate::outline::outline(&titled.explainer.body),
        "h1: Heading"
    );
    // With neither, the author is told where.
    check(
        "Text first.\n\n# Heading\n",
        "1:1 the front matter has no `title` (nor does the text open with a `# Title` line)",
    );
}

#[test]
fn a_speaker_with_nothing_to_show_is_named_where_defined() {
    let source = "+++\ntitle = \"T\"\n[speakers.ghost]\nname = \"Ghost Writer\"\n[speakers.seen]\nname = \"Ann Lee\"\n[speakers.quoted]\nname = \"Bo Ray\"\n[speakers.listed]\nname = \"Cy Dee\"\n[[events]]\nid = \"e\"\ndate = \"2020\"\ntitle = \"E\"\nspeakers = [\"listed\"]\n+++\nAnn Lee spoke. [“Yes”](quote:quoted)\n";
    let parsed = parse(source);
    let unseen = the_one(&parsed, "is never mentioned");
    assert!(unseen.message.contains("speaker `ghost`"), "{}", unseen);
    // At its table's header, `[speakers.ghost]`.
    assert_eq!((unseen.line, unseen.column), (3, 1), "{}", unseen);
}

#[test]
fn an_id_with_a_space_is_named_and_can_still_be_linked_escaped() {
    let source = "+++\ntitle = \"T\"\n[terms.\"two words\"]\nlabel = \"pair\"\nsummary = \"Two.\"\n+++\nSee [it](term:two%20words).\n";
    let parsed = parse(source);
    let spaced = the_one(&parsed, "has a space");
    assert!(spaced.message.contains("`term:two%20words`"), "{}", spaced);
    assert!(
        !parsed
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unknown term")),
        "{:?}",
        parsed.diagnostics
    );
    assert_eq!(parsed.explainer.terms[0].mentions, 1);
}

#[test]
fn a_link_inside_a_reference_link_is_named_where_the_outer_one_is_lost() {
    let source = "+++\ntitle = \"T\"\n[terms.cpp]\nlabel = \"C++\"\nsummary = \"A language.\"\n[speakers.ann]\nname = \"Ann Lee\"\n+++\nAnn Lee: [“we need [C++](term:cpp) now”](quote:ann).\n\n`[x](y)](term:cpp)` in code is left alone.\n";
    let parsed = parse(source);
    let nested = the_one(&parsed, "keeps only the inner one");
    assert!(nested.message.contains("`[…](quote:ann)`"), "{}", nested);
    assert!(nested.message.contains("the quote link"), "{}", nested);
    // At the outer link's `](`, after "Ann Lee: [“we need [C++](term:cpp) now”".
    assert_eq!((nested.line, nested.column), (9, 40), "{}", nested);
}

#[test]
fn a_comment_never_closed_is_named_where_it_opens() {
    // Everything after it is hidden, as in any Markdown renderer: the
    // author is told where the comment starts.
    let parsed = parse("+++\ntitle = \"T\"\n+++\nShown.\n\n<!-- a note\n\nHidden.\n");
    let note = the_one(&parsed, "never closed");
    assert_eq!((note.line, note.column), (6, 1), "{note:?}");
}

#[test]
fn a_list_written_as_one_string_is_named_as_a_list() {
    let parsed = parse("+++\ntitle = \"T\"\n[terms.cw]\nlabel = \"Cold War\"\naliases = \"the Cold War\"\nsummary = \"S.\"\n+++\nBody.\n");
    let note = the_one(&parsed, "term `cw` is left out");
    assert!(
        note.message.contains("a list, written in brackets"),
        "{note:?}"
    );
    assert_eq!((note.line, note.column), (5, 11), "{note:?}");
}

#[test]
fn footnotes_without_a_note_or_a_reference_are_named() {
    let parsed = parse(
        "+++\ntitle = \"T\"\n+++\nA claim[^src] and another[^gone].\n\n`[^code]` and [^two words].\n\n\
         [^src]: The source.\n[^spare]: Never referred to.\n",
    );
    let gone = the_one(&parsed, "[^gone]");
    assert_eq!((gone.line, gone.column), (4, 26), "{gone}");
    assert!(gone.message.contains("has no note"), "{gone}");
    let spare = the_one(&parsed, "[^spare]");
    assert_eq!((spare.line, spare.column), (9, 1), "{spare}");
    assert!(spare.message.contains("never referred to"), "{spare}");
    assert_eq!(parsed.diagnostics.len(), 2, "{:?}", parsed.diagnostics);
}

#[test]
fn a_site_written_without_its_scheme_is_named() {
    let parsed = parse(
        "+++\ntitle = \"T\"\n[terms.a]\nsummary = \"A.\"\nlinks = [{ url = \"www.nato.int\" }]\n+++\n\
         An a: [the wall](en.wikipedia.org/wiki/Berlin_Wall), [a map](maps/a.png), ![x](www.example.com/x.png).\n",
    );
    let link = the_one(&parsed, "en.wikipedia.org");
    assert_eq!((link.line, link.column), (7, 7), "{link}");
    assert!(
        link.message
            .contains("write `https://en.wikipedia.org/wiki/Berlin_Wall`"),
        "{link}"
    );
    let term = the_one(&parsed, "www.nato.int");
    assert_eq!(term.line, 5, "{term}");
    assert!(term.message.starts_with("term `a`:"), "{term}");
    the_one(&parsed, "image `www.example.com/x.png`");
    assert_eq!(parsed.diagnostics.len(), 3, "{:?}", parsed.diagnostics);
}

#[test]
fn a_link_to_an_anchor_no_heading_has_is_named() {
    let parsed = parse(
        "+++\ntitle = \"T\"\n+++\nSee [later](#the-end), [encoded](#%74he-end), [own](#mine) \
         and [gone](#nowhere).\n\n## The end\n\n## Mine {#mine}\n",
    );
    let gone = the_one(&parsed, "#nowhere");
    assert_eq!((gone.line, gone.column), (4, 64), "{gone}");
    assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
}
