//! Untrusted content: raw HTML stays text, unsafe URL schemes never survive.

use crate::outline::{check, parse_body};
use gloss::core::document::{Block, Inline};

#[test]
fn raw_html_becomes_visible_text() {
    check(
        "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there.",
        "raw: \"<script>alert(1)</script>\"\np: Hi <img src=x onerror=alert(1)> there.",
    );
}

#[test]
fn script_urls_are_removed_from_links_and_images() {
    for (body, text) in [
        ("[x](javascript:alert(1))", "p: x"),
        ("[x](JAVASCRIPT:alert(1))", "p: x"),
        ("[x](jav&#x09;ascript:alert(1))", "p: x"),
        ("[x](&#106;avascript:alert(1))", "p: x"),
        (
            "[x](<java\nscript:alert(1)>)",
            "p: [x](<java script:alert(1)>)",
        ),
        ("[x](vbscript:msgbox)", "p: x"),
        ("[x](data:text/html,<script>alert(1)</script>)", "p: x"),
        ("![alt](javascript:alert(1))", "p: alt"),
        ("![alt](data:image/svg+xml;base64,AAAA)", "p: alt"),
        ("<javascript:alert(1)>", "p: javascript:alert(1)"),
        ("[x][r]\n\n[r]: javascript:alert(1)", "p: x"),
    ] {
        let parsed = parse_body(body);
        let outline = crate::outline::outline(&parsed.explainer.body);
        assert_eq!(outline, text, "{body}");
        assert!(!outline.to_lowercase().contains("](javascript"), "{body}");
    }
}

#[test]
fn every_surviving_url_has_a_safe_scheme() {
    let parsed =
        parse_body("[a](https://x.org) [b](ftp://x.org) [c](//x.org) ![d](http://x.org/i.png)");
    let mut urls = Vec::new();
    for block in &parsed.explainer.body {
        if let Block::Paragraph(inlines) = block {
            for inline in inlines {
                match inline {
                    Inline::Link { url, .. } | Inline::Image { url, .. } => urls.push(url.clone()),
                    _ => {}
                }
            }
        }
    }
    assert_eq!(urls, ["https://x.org", "//x.org", "http://x.org/i.png"]);
    // (The shared front matter's terms are not mentioned here.)
    let urls_reported = parsed
        .diagnostics
        .iter()
        .filter(|d| !d.message.contains("is never mentioned"))
        .count();
    assert_eq!(urls_reported, 1, "ftp is reported");
}

#[test]
fn heading_attributes_give_only_an_anchor() {
    // The anchor becomes an id under the widget's key (`gloss-1--clobber`,
    // by the UI), so it cannot take a page element's id; classes and
    // other attributes are dropped.
    let parsed = parse_body("# Title {#clobber .evil data-x=y}");
    let [Block::Heading {
        anchor, content, ..
    }] = &parsed.explainer.body[..]
    else {
        panic!("one heading: {:?}", parsed.explainer.body);
    };
    assert_eq!(anchor, "clobber");
    assert_eq!(crate::outline::inlines(content), "Title");
}
