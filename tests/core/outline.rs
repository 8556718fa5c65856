//! A compact, readable text form of the document tree for expectations.
//!
//! One line per block; inlines in a Markdown-like shorthand:
//! `{term*:id|text}` (the `*` marks a decorated mention),
//! `{speaker:id|text}`, `{quote:id#n|text}`, `{event:id|text}`,
//! `[text](url)`, `_emphasis_`, `**strong**`, `~~struck~~`, `` `code` ``,
//! `![alt](url)`, `[^n]`, `\n` for a hard break.

use gloss::core::document::{Block, Inline};
use gloss::core::{parse_explainer, Diagnostic, Parsed};

pub fn parse(source: &str) -> Parsed {
    parse_explainer(source).unwrap_or_else(|d| panic!("fatal: {d}"))
}

/// Parses a body under a small shared front matter.
pub fn parse_body(body: &str) -> Parsed {
    parse(&format!("{FRONT}{body}"))
}

pub const FRONT: &str = r#"+++
title = "T"
[terms.donbas]
label = "Donbas"
aliases = ["Donbass", "Донбасс"]
summary = "A region."
[terms.isw]
label = "ISW"
aliases = ["Institute for the Study of War"]
summary = "A think tank."
[speakers.putin]
name = "Vladimir Putin"
aliases = ["Putin", "the Russian leader"]
[[events]]
id = "talks"
date = "2025-12-02"
title = "Talks"
speakers = ["putin"]
+++
"#;

pub fn outline(blocks: &[Block]) -> String {
    blocks.iter().map(block).collect::<Vec<_>>().join("\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, content, .. } => format!("h{level}: {}", inlines(content)),
        Block::Paragraph(c) => format!("p: {}", inlines(c)),
        Block::BlockQuote(bs) => format!("quote: [{}]", outline(bs).replace('\n', " | ")),
        Block::List {
            start,
            items,
            tight,
        } => {
            let items: Vec<String> = items
                .iter()
                .map(|i| outline(i).replace('\n', " | "))
                .collect();
            let tight = if *tight { "tight " } else { "" };
            match start {
                Some(n) => format!("{tight}ol{n}: {}", items.join(" ; ")),
                None => format!("{tight}ul: {}", items.join(" ; ")),
            }
        }
        Block::Code { lang, text } => format!("code {}: {text:?}", lang.as_deref().unwrap_or("-")),
        Block::RawText(t) => format!("raw: {t:?}"),
        Block::Rule => "rule".into(),
        Block::Table { head, rows, .. } => {
            let row = |cells: &Vec<Vec<Inline>>| {
                cells
                    .iter()
                    .map(|c| inlines(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let mut out = format!("table: {}", row(head));
            for r in rows {
                out.push_str(&format!(" / {}", row(r)));
            }
            out
        }
        // (With its count of references when that is not one.)
        Block::Footnote {
            number,
            content,
            references,
            ..
        } => match references {
            1 => format!("footnote {number}: {}", outline(content)),
            n => format!("footnote {number} ({n} refs): {}", outline(content)),
        },
    }
}

pub fn inlines(list: &[Inline]) -> String {
    list.iter().map(inline).collect()
}

fn inline(i: &Inline) -> String {
    match i {
        Inline::Text(t) => t.to_string(),
        Inline::Emphasis(c) => format!("_{}_", inlines(c)),
        Inline::Strong(c) => format!("**{}**", inlines(c)),
        Inline::Strikethrough(c) => format!("~~{}~~", inlines(c)),
        Inline::Code(t) => format!("`{t}`"),
        Inline::HardBreak => "\\n".into(),
        Inline::Link { url, content, .. } => format!("[{}]({url})", inlines(content)),
        Inline::Image { url, alt, title } if title.is_empty() => format!("![{alt}]({url})"),
        Inline::Image { url, alt, title } => format!("![{alt}]({url} {title:?})"),
        Inline::Term {
            id,
            decorated,
            content,
        } => {
            format!(
                "{{term{}:{id}|{}}}",
                if *decorated { "*" } else { "" },
                inlines(content)
            )
        }
        Inline::Speaker { id, content } => format!("{{speaker:{id}|{}}}", inlines(content)),
        Inline::Quote {
            speaker,
            index,
            content,
        } => format!("{{quote:{speaker}#{index}|{}}}", inlines(content)),
        Inline::EventRef { id, content } => format!("{{event:{id}|{}}}", inlines(content)),
        // (A second reference to a footnote as `[^1.2]`.)
        Inline::FootnoteRef {
            number, occurrence, ..
        } => match occurrence {
            1 => format!("[^{number}]"),
            n => format!("[^{number}.{n}]"),
        },
    }
}

/// Diagnostics as `line:column message` lines.
pub fn diagnostics(list: &[Diagnostic]) -> String {
    list.iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks the outline of `body` (under [`FRONT`]).
pub fn check(body: &str, expect: &str) {
    let parsed = parse_body(body);
    assert_eq!(
        outline(&parsed.explainer.body),
        expect.trim(),
        "body: {body:?}"
    );
}
