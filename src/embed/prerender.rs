//! Build-time prerendering: an explainer that a page shows by default is
//! rendered to HTML with the very components the browser runs, and written
//! into the page, so readers see the article as soon as the HTML arrives (and
//! keep it if the wasm never runs). In the browser the live widget replaces
//! the prerendered one, node for node the same layout, when it has loaded.
//!
//! A host opts in with `data-gloss-prerender`; its `data-gloss-src` is read
//! relative to the page. Run natively by `src/bin/prerender.rs`.

use super::build_intl::written_by_node;
use super::{COMPILED, PRERENDERED};
use crate::core::compiled::encode;
use crate::core::fragment::widget_key;
use crate::core::parse_explainer;
use crate::ui::dates::{learn, take_unlearnt};
use crate::ui::heading::{parse_level, HEADING_LEVEL};
use crate::ui::ExplainerView;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// Marks a host element to prerender.
pub const OPT_IN: &str = "data-gloss-prerender";

/// What happened to one host element.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Rendered { src: String },
    Skipped { src: String, reason: String },
}

/// The page with every opted-in host filled with its prerendered explainer.
/// `read` gets a source path relative to the page.
pub fn prerender_page(
    page: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> (String, Vec<Outcome>) {
    let mut out = String::with_capacity(page.len());
    let mut outcomes = Vec::new();
    let mut rest = page;
    let mut keys: Vec<String> = Vec::new();
    while let Some(at) = rest.find(OPT_IN) {
        let Some(open) = rest[..at].rfind('<') else {
            break;
        };
        let Some(close) = rest[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        let tag = &rest[open..close];
        out.push_str(&rest[..close]);
        rest = &rest[close..];
        let whole_name = !rest_of_name(&tag[at - open + OPT_IN.len()..]);
        let Some(src) = attribute(tag, "data-gloss-src").filter(|_| whole_name) else {
            continue;
        };
        // Run again on its own output, it replaces what it wrote before.
        rest = &rest[previous_output(rest)..];
        let id = attribute(tag, "id").unwrap_or_default();
        let key = widget_key(&id, |key| !keys.iter().any(|k| k == key));
        keys.push(key.clone());
        let level = attribute(tag, HEADING_LEVEL).and_then(|l| parse_level(&l));
        match read(&src).and_then(|text| render(&text, &src, key, level)) {
            Ok(html) => {
                out.push_str(&html);
                outcomes.push(Outcome::Rendered { src });
            }
            Err(reason) => outcomes.push(Outcome::Skipped { src, reason }),
        }
    }
    out.push_str(rest);
    (out, outcomes)
}

/// The explainer as the widget root the browser will replace, followed by
/// its compiled model (a `<script>` data block: never run, and allowed by
/// any CSP), from which the browser draws the live widget without parsing.
fn render(text: &str, src: &str, key: String, level: Option<u8>) -> Result<String, String> {
    // Accents composed, as the browser build reads a source (`root.rs`).
    let text: String = text.nfc().collect();
    let parsed = parse_explainer(&text).map_err(|d| d.to_string())?;
    let model = format!(
        "<script type=\"application/x-gloss\" {COMPILED}>{}</script>",
        encode(&parsed)
    );
    let draw = || {
        // A server context, so the components know not to touch the browser.
        let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
        owner.with(|| {
            view! {
                <div class="gloss" data-gloss-state="loading" data-gloss-prerendered="">
                    <ExplainerView
                        explainer=parsed.explainer.clone()
                        diagnostics=parsed.diagnostics.clone()
                        base=Some(src.to_owned())
                        prefix=key.clone()
                        heading_level=level
                    />
                </div>
            }
            .to_html()
        })
    };
    take_unlearnt();
    let mut html = draw();
    // Dates as the browser's `Intl` will write them: drawn again with
    // what Node's wrote, if the first drawing wrote any of them otherwise.
    let unlearnt = take_unlearnt();
    if !unlearnt.is_empty() {
        match written_by_node(unlearnt) {
            Ok(texts) => {
                learn(texts);
                html = draw();
            }
            Err(e) => eprintln!("prerender: warning: {src}: dates left unformatted: {e}"),
        }
    }
    Ok(html + &model)
}

/// Whether `after` (the text after an attribute name) goes on with more of
/// a longer name (`data-gloss-prerender` in `data-gloss-prerendered`).
fn rest_of_name(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The length of what an earlier run wrote at the start of `after_host` (a
/// prerendered root and its model), or 0.
fn previous_output(after_host: &str) -> usize {
    let trimmed = after_host.trim_start();
    let first_tag = &trimmed[..trimmed.find('>').unwrap_or(0)];
    if !first_tag.starts_with("<div") || !first_tag.contains(PRERENDERED) {
        return 0;
    }
    let end = trimmed.find(COMPILED).and_then(|model| {
        let close = "</script>";
        trimmed[model..]
            .find(close)
            .map(|i| model + i + close.len())
    });
    end.map_or(0, |end| after_host.len() - trimmed.len() + end)
}

/// The value of attribute `name` in an opening tag (double or single
/// quotes), with the few entities a build tool would write decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    while let Some(at) = search.find(name) {
        let before = search[..at].chars().next_back();
        let after = &search[at + name.len()..];
        search = after;
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let end = value[1..].find(quote)?;
        let raw = &value[1..1 + end];
        return Some(
            raw.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&"),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "+++\ntitle = \"Tides\"\nlang = \"en\"\n[terms.neap]\nlabel = \"neap tide\"\nsummary = \"A small tide.\"\n+++\nA neap tide comes twice a month.\n";

    fn read(path: &str) -> Result<String, String> {
        match path {
            "explainers/tides.md" => Ok(SOURCE.into()),
            "explainers/bad.md" => Ok("+++\ntitle = \n+++\n".into()),
            other => Err(format!("{other}: not found")),
        }
    }

    /// What Chromium's `Intl` wrote for these dates in French: the live
    /// widget's text, which the prerendered page must match so that nothing
    /// moves when it takes over. (Needs Node, which the build runs anyway.)
    #[test]
    fn dates_are_written_as_the_browser_will_write_them_in_any_language() {
        let source = "+++\ntitle = \"Marées\"\nlang = \"fr\"\n\
            [[events]]\nid = \"old\"\ndate = \"1764\"\ntitle = \"Ancien\"\n\
            [[events]]\nid = \"talks\"\ndate = \"2025-12-02\"\ntitle = \"Pourparlers\"\n\
            [[events]]\nid = \"plan\"\ndate = \"2025-11-19/2025-11-20\"\ntitle = \"Plan\"\n\
            +++\n[Les pourparlers](event:talks) et [le plan](event:plan).\n";
        let page = "<div data-gloss-src=\"fr.md\" data-gloss-prerender></div>";
        let (html, outcomes) = prerender_page(page, |_| Ok(source.into()));
        assert_eq!(
            outcomes,
            [Outcome::Rendered {
                src: "fr.md".into()
            }]
        );
        for written in [
            ">2 décembre 2025<",
            ">19–20 novembre 2025<",
            "aria-label=\"2 décembre 2025\u{202f}: Pourparlers\"",
            ">261 ans<",
        ] {
            assert!(html.contains(written), "{written} not in {html}");
        }
        assert!(!html.contains("2025-12-02<"), "an ISO date left in {html}");
    }

    /// A host under the page's own `<h2>` asks for `<h3>`: the title, the
    /// article's sections, the panels and the glossary follow it.
    #[test]
    fn headings_start_at_the_hosts_level() {
        let source =
            "+++\ntitle = \"Tides\"\n[[events]]\nid = \"e\"\ndate = \"2020\"\ntitle = \"E\"\n\
            [terms.moon]\nlabel = \"Moon\"\nsummary = \"It pulls.\"\n+++\n\
            # Why\n\nThe Moon.\n\n## How\n\nIt pulls.\n";
        let page = "<div data-gloss-src=\"a.md\" data-gloss-prerender data-gloss-heading-level=\"3\"></div>";
        let (html, _) = prerender_page(page, |_| Ok(source.into()));
        // The tag of the element that has `class`.
        let tag_of = |html: &str, class: &str| -> String {
            let at = html.find(&format!("class=\"{class}\"")).expect(class);
            let open = html[..at].rfind('<').unwrap();
            html[open + 1..open + 3].to_owned()
        };
        for (class, tag) in [
            ("gloss-title", "h3"),
            ("gloss-h2", "h4"),
            ("gloss-h3", "h5"),
            ("gloss-panel-heading", "h4"),
            ("gloss-glossary-heading", "h4"),
        ] {
            assert_eq!(tag_of(&html, class), tag, "{class} in {html}");
        }
        assert!(!html.contains("<h1") && !html.contains("<h2"), "{html}");
        // No level, or no level that HTML has: as before.
        for host in ["", " data-gloss-heading-level=\"7\""] {
            let page = format!("<div data-gloss-src=\"a.md\" data-gloss-prerender{host}></div>");
            let (html, _) = prerender_page(&page, |_| Ok(source.into()));
            assert_eq!(tag_of(&html, "gloss-title"), "h1", "{html}");
            assert_eq!(tag_of(&html, "gloss-h2"), "h2", "{html}");
        }
    }

    /// Early years with their era, and deep time, which JavaScript's dates
    /// do not reach, with its year in the same words.
    #[test]
    fn early_years_and_deep_time_are_written_with_their_era() {
        let source = "+++\ntitle = \"Time\"\n\
            [[events]]\nid = \"kpg\"\ndate = \"-66000000\"\ntitle = \"K-Pg\"\n\
            [[events]]\nid = \"ves\"\ndate = \"0079-08-24\"\ntitle = \"Vesuvius\"\n\
            +++\n[The end](event:kpg), [the eruption](event:ves).\n";
        let page = "<div data-gloss-src=\"t.md\" data-gloss-prerender></div>";
        let (html, _) = prerender_page(page, |_| Ok(source.into()));
        for written in [
            ">66,000,001 BC<",
            ">August 24, 79 AD<",
            ">66,000,000 years<",
        ] {
            assert!(html.contains(written), "{written} not in {html}");
        }
    }

    #[test]
    fn text_saved_decomposed_matches_names_written_composed() {
        let source = "+++\ntitle = \"T\"\n[speakers.jose]\nname = \"Jos\u{e9}\"\n+++\nJose\u{301} said so.\n";
        let page = "<div data-gloss-src=\"a.md\" data-gloss-prerender></div>";
        let (html, _) = prerender_page(page, |_| Ok(source.into()));
        assert!(html.contains("data-speaker-ref=\"jose\""), "{html}");
    }

    #[test]
    fn fills_opted_in_hosts_and_leaves_the_rest() {
        let page = "<main><div data-gloss-src=\"explainers/tides.md\" data-gloss-prerender>\n<noscript>x</noscript></div>\n<div data-gloss-src=\"other.md\"></div></main>";
        let (html, outcomes) = prerender_page(page, read);
        assert_eq!(
            outcomes,
            [Outcome::Rendered {
                src: "explainers/tides.md".into()
            }]
        );
        let start = html.find("data-gloss-prerender>").unwrap() + "data-gloss-prerender>".len();
        let inserted = &html[start..];
        let root = &inserted[..inserted.find('>').unwrap()];
        assert!(root.starts_with("<div "), "{root}");
        for attr in [
            "class=\"gloss\"",
            "data-gloss-state=\"loading\"",
            PRERENDERED,
        ] {
            assert!(root.contains(attr), "{root} lacks {attr}");
        }
        assert!(html.contains(">Tides</h1>"), "{html}");
        assert!(html.contains("data-term=\"neap\""), "{html}");
        assert!(html.contains("id=\"gloss-1-frame\""), "{html}");
        let model = html
            .split(COMPILED)
            .nth(1)
            .expect("the compiled model follows");
        let model = &model[1..model.find("</script>").unwrap()];
        let parsed = crate::core::compiled::decode(model).unwrap();
        assert_eq!(parsed, parse_explainer(SOURCE).unwrap());
        assert!(html.ends_with(
            "<noscript>x</noscript></div>\n<div data-gloss-src=\"other.md\"></div></main>"
        ));
    }

    #[test]
    fn running_again_replaces_what_the_first_run_wrote() {
        let page =
            "<main><div data-gloss-src=\"explainers/tides.md\" data-gloss-prerender></div></main>";
        let (once, _) = prerender_page(page, read);
        let (twice, outcomes) = prerender_page(&once, read);
        assert_eq!(twice, once);
        assert_eq!(outcomes.len(), 1, "{outcomes:?}");
    }

    #[test]
    fn a_host_with_an_id_is_keyed_by_it() {
        let page =
            "<div id='tides' data-gloss-prerender data-gloss-src='explainers/tides.md'></div>";
        let (html, _) = prerender_page(page, read);
        assert!(html.contains("gloss-tides"), "{html}");
    }

    #[test]
    fn hosts_given_one_id_get_keys_of_their_own() {
        let host =
            "<div id='tides' data-gloss-prerender data-gloss-src='explainers/tides.md'></div>";
        let (html, _) = prerender_page(&format!("{host}<p>and again</p>{host}"), read);
        let frames = html.matches("id=\"gloss-tides-frame\"").count();
        let seconds = html.matches("id=\"gloss-tides-2-frame\"").count();
        assert_eq!((frames, seconds), (1, 1), "{html}");
    }

    #[test]
    fn unreadable_sources_are_skipped_with_their_reason() {
        let page = "<div data-gloss-prerender data-gloss-src=\"explainers/bad.md\"></div><div data-gloss-prerender data-gloss-src=\"missing.md\"></div>";
        let (html, outcomes) = prerender_page(page, read);
        assert_eq!(html, page);
        assert!(
            matches!(&outcomes[0], Outcome::Skipped { reason, .. } if reason.contains("line 2")),
            "{outcomes:?}"
        );
        assert!(
            matches!(&outcomes[1], Outcome::Skipped { reason, .. } if reason.contains("not found"))
        );
    }

    #[test]
    fn reads_attributes_by_whole_name() {
        let tag = "<div data-id=\"no\" id=\"yes\" data-gloss-src = 'a&amp;b.md'>";
        assert_eq!(attribute(tag, "id").as_deref(), Some("yes"));
        assert_eq!(attribute(tag, "data-gloss-src").as_deref(), Some("a&b.md"));
        assert_eq!(attribute(tag, "title"), None);
    }
}
