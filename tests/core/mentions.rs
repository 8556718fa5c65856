//! Automatic mentions: found by label, name and alias, whole words, longest
//! first, never in code, links or headings, first per section decorated.

use crate::outline::{check, outline, parse};

#[test]
fn finds_labels_names_and_aliases() {
    check(
        "Putin spoke of Donbas; the Institute for the Study of War disagreed.",
        "p: {speaker:putin|Putin} spoke of {term*:donbas|Donbas}; the {term*:isw|Institute for the Study of War} disagreed.",
    );
}

#[test]
fn prefers_the_longest_name() {
    check(
        "Vladimir Putin, then Putin.",
        "p: {speaker:putin|Vladimir Putin}, then {speaker:putin|Putin}.",
    );
}

#[test]
fn matches_aliases_in_any_case_and_script() {
    check(
        "The Russian leader named Донбасс.",
        "p: {speaker:putin|The Russian leader} named {term*:donbas|Донбасс}.",
    );
}

#[test]
fn never_inside_words_code_links_or_headings() {
    check(
        "# Donbas\n\nDonbasses `Donbas` [Donbas](https://e.org) ISWx",
        "h1: Donbas\np: Donbasses `Donbas` [Donbas](https://e.org) ISWx",
    );
}

#[test]
fn decorates_the_first_mention_per_section() {
    check(
        "Donbas and Donbass.\n\n## Next\n\nDonbas again.",
        "p: {term*:donbas|Donbas} and {term:donbas|Donbass}.\nh2: Next\np: {term*:donbas|Donbas} again.",
    );
}

#[test]
fn sections_start_at_the_top_heading_level_the_article_uses() {
    // An article of `###` sections (its host's `h2` taken) decorates a
    // term once per `###`, not once in all; a deeper heading starts none.
    check(
        "### One\n\nDonbas.\n\n#### One, a\n\nDonbas.\n\n### Two\n\nDonbas.",
        "h3: One\np: {term*:donbas|Donbas}.\nh4: One, a\np: {term:donbas|Donbas}.\nh3: Two\np: {term*:donbas|Donbas}.",
    );
}

#[test]
fn an_explicit_link_counts_as_the_decorated_mention() {
    check(
        "[the region](term:donbas), then Donbas.",
        "p: {term*:donbas|the region}, then {term:donbas|Donbas}.",
    );
}

#[test]
fn finds_mentions_inside_emphasis_quotes_lists_and_tables() {
    check(
        "*Putin* [“free Donbas”](quote:putin)\n\n- ISW\n\n| Putin |\n|---|\n| ISW |\n",
        r#"
p: _{speaker:putin|Putin}_ {quote:putin#0|“free {term*:donbas|Donbas}”}
tight ul: p: {term*:isw|ISW}
table: {speaker:putin|Putin} / {term:isw|ISW}"#,
    );
}

#[test]
fn counts_mentions_per_term_and_speaker() {
    let parsed = crate::outline::parse_body("Donbas, Donbass, Putin and [he](speaker:putin).");
    let e = parsed.explainer;
    assert_eq!(
        e.terms.iter().map(|t| t.mentions).collect::<Vec<_>>(),
        [2, 0]
    );
    assert_eq!(e.speakers[0].mentions, 2);
}

#[test]
fn counts_are_the_mentions_the_tree_holds() {
    use gloss::core::document::{for_each_inline, Inline};
    let body = "# [Putin](speaker:putin) and Donbas\n\n\
        Donbas, [the region](term:donbas) and Putin.[^n]\n\n\
        ![a map of [Donbas](term:donbas) by [him](speaker:putin)](map.png) \
        [“Donbas”](quote:putin) *Putin*\n\n\
        [^n]: Putin on [ISW](term:isw).\n";
    let e = crate::outline::parse_body(body).explainer;
    let mut in_tree = std::collections::HashMap::new();
    for_each_inline(&e.body, &mut |inline| match inline {
        Inline::Term { id, .. } => *in_tree.entry(("term", id.as_str())).or_insert(0) += 1,
        Inline::Speaker { id, .. } => *in_tree.entry(("speaker", id.as_str())).or_insert(0) += 1,
        _ => {}
    });
    let counted = e
        .terms
        .iter()
        .map(|t| (("term", t.id.as_str()), t.mentions))
        .chain(
            e.speakers
                .iter()
                .map(|s| (("speaker", s.id.as_str()), s.mentions)),
        );
    for (key, mentions) in counted {
        assert_eq!(mentions, in_tree.get(&key).copied().unwrap_or(0), "{key:?}");
    }
    // The heading's reference, three in the text and footnote, the quoted
    // and emphasised ones; none from the image's alt text.
    assert_eq!(e.speakers[0].mentions, 4);
    assert_eq!(e.terms[0].mentions, 3);
}

#[test]
fn a_removed_links_text_stays_in_the_run_around_it() {
    // The links fail their checks and leave their text; the names they
    // split are whole again.
    check(
        "[Don](javascript:x)bas and [I](term:nope)SW",
        "p: {term*:donbas|Donbas} and {term*:isw|ISW}",
    );
}

#[test]
fn footnotes_are_searched_after_the_last_section() {
    check(
        "Donbas.[^n]\n\n[^n]: Donbas in a note.\n\n## Later\n\nISW.",
        "p: {term*:donbas|Donbas}.[^1]\nh2: Later\np: {term*:isw|ISW}.\nfootnote 1: p: {term*:donbas|Donbas} in a note.",
    );
    check(
        "Donbas.[^n]\n\n[^n]: Donbas in a note.\n\n## Later\n\nDonbas.",
        "p: {term*:donbas|Donbas}.[^1]\nh2: Later\np: {term*:donbas|Donbas}.\nfootnote 1: p: {term:donbas|Donbas} in a note.",
    );
}

#[test]
fn a_name_in_capitals_matches_only_in_capitals() {
    let source = r#"+++
title = "T"
[terms.us]
label = "United States"
aliases = ["US"]
summary = "A country."
[terms.who]
label = "WHO"
summary = "An agency."
[terms.nato]
label = "NATO"
aliases = ["Nato"]
summary = "An alliance."
+++
Tell us what the US did. Who knows what the WHO said? Nato, NATO, nato.
"#;
    assert_eq!(
        outline(&parse(source).explainer.body),
        "p: Tell us what the {term*:us|US} did. Who knows what the {term*:who|WHO} said? \
         {term*:nato|Nato}, {term:nato|NATO}, {term:nato|nato}."
    );
}

#[test]
fn typographic_and_typewriter_apostrophes_are_one() {
    let source = "+++\ntitle = \"T\"\n[terms.ci]\nlabel = \"Côte d'Ivoire\"\nsummary = \"A country.\"\n[terms.ok]\nlabel = \"O’Keeffe\"\nsummary = \"A painter.\"\n+++\nCôte d’Ivoire and O'Keeffe.\n";
    assert_eq!(
        outline(&parse(source).explainer.body),
        "p: {term*:ci|Côte d’Ivoire} and {term*:ok|O'Keeffe}."
    );
}
