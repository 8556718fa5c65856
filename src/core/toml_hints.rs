//! What a TOML mistake in the front matter most likely means to an author
//! who is not a programmer: typographic quotes put in by a word processor,
//! a backslash in a Windows path, the article begun before the `+++` line
//! that closes the front matter, a table written twice. The parser's own
//! words name the symptom; these name the cause, and where to look.

/// A syntax error explained: where to point (a byte offset in `toml`, the
/// front matter's text) and what to say, given the parser's offset `at`
/// and `message`.
pub fn explain_syntax_error(toml: &str, at: usize, message: &str) -> (usize, String) {
    let at = floor_boundary(toml, at);
    let (start, line) = line_at(toml, at);
    if let Some(quote) = typographic_quote(line) {
        return (
            start + quote,
            "“ and ” are typographic quotes, which TOML does not read as quotes: \
             write the value between straight quotes, `\"…\"`"
                .into(),
        );
    }
    let escape = message.contains("escape") || message.contains("unicode");
    if let Some(slash) = line[..at - start].rfind('\\').filter(|_| escape) {
        return (
            start + slash,
            "a `\\` in a `\"…\"` string starts an escape such as `\\n`: write `\\\\` \
             for a backslash, or put the text between single quotes, `'…'`"
                .into(),
        );
    }
    let mut said = format!("the front matter is not valid TOML: {message}");
    if reads_as_prose(line) {
        said.push_str(
            " (this line reads as article text: is the `+++` line that closes \
             the front matter missing above it?)",
        );
    }
    (at, said)
}

/// What to say of a key or table the parser found written a second time,
/// at `at`; `None` for a key inside a table already reported (each key of
/// a table written twice is a second time too).
pub fn written_twice(toml: &str, at: usize, table_reported: &mut Option<usize>) -> Option<String> {
    let at = floor_boundary(toml, at);
    let (start, line) = line_at(toml, at);
    let line = line.trim();
    if line.starts_with('[') {
        // Until the next table, every key is this table's.
        let next = toml[start + 1..]
            .match_indices('\n')
            .map(|(i, _)| start + 1 + i + 1)
            .find(|&i| toml[i..].trim_start().starts_with('['))
            .unwrap_or(toml.len());
        *table_reported = Some(next);
        let header = line.split_inclusive(']').take(2).collect::<String>();
        let header = header.trim_end_matches(|c| c != ']');
        return Some(format!(
            "`{header}` is written a second time: only the first is kept"
        ));
    }
    if table_reported.is_some_and(|end| at < end) {
        return None;
    }
    Some(match line.split_once('=') {
        Some((key, _)) => format!(
            "`{}` is written a second time in its table: only the first is kept",
            key.trim()
        ),
        None => "this key or table is written a second time: only the first is kept".into(),
    })
}

/// The line holding byte `at`, and where it starts.
fn line_at(text: &str, at: usize) -> (usize, &str) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// `at`, or the start of the character it falls inside.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where a typographic quote stands in `line` outside a straight-quoted
/// string (there it is text, as in `"Russia’s claims"`).
fn typographic_quote(line: &str) -> Option<usize> {
    let mut open: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match open {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    open = None;
                }
            }
            None => match c {
                '"' | '\'' => open = Some(c),
                '#' => return None,
                '“' | '”' | '„' | '‘' | '’' | '«' | '»' => return Some(i),
                _ => {}
            },
        }
    }
    None
}

/// Whether `line` looks like a sentence rather than TOML: three words or
/// more, no `=`, not a table header or a comment.
fn reads_as_prose(line: &str) -> bool {
    let line = line.trim();
    !line.contains('=')
        && !line.starts_with(['[', '#', '"', '\'', ']', '}'])
        && line.split_whitespace().count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(toml: &str) -> (usize, String) {
        let (_, errors) = toml::de::DeTable::parse_recoverable(toml);
        let err = errors.first().expect("a syntax error");
        let at = err.span().map_or(0, |s| s.start);
        explain_syntax_error(toml, at, err.message().trim())
    }

    #[test]
    fn typographic_quotes_are_named_where_they_stand() {
        let toml = "title = \"T\"\n[terms.a]\nsummary = “A word processor’s quotes”\n";
        let (at, said) = explained(toml);
        assert_eq!(&toml[at..at + 3], "“", "{said}");
        assert!(said.contains("typographic quotes"), "{said}");
        // Inside a straight-quoted string they are text, and not blamed.
        assert_eq!(typographic_quote("summary = \"Russia’s “claims”\" x"), None);
        assert_eq!(typographic_quote("aliases = [‘A’]"), Some(11));
    }

    #[test]
    fn a_backslash_is_named_as_an_escape() {
        for toml in ["path = \"C:\\Users\\me\"\n", "path = \"C:\\data\"\n"] {
            let (at, said) = explained(toml);
            assert_eq!(&toml[at..at + 1], "\\", "{toml}: {said}");
            assert!(said.contains("starts an escape"), "{toml}: {said}");
        }
    }

    #[test]
    fn article_text_in_the_front_matter_asks_for_the_closing_fence() {
        let toml = "title = \"T\"\n\n# The war\n\nThe talks began in Geneva.\n";
        let (at, said) = explained(toml);
        assert!(
            toml[at..].starts_with("began") || toml[at..].starts_with("talks"),
            "{said}"
        );
        assert!(said.contains("not valid TOML"), "{said}");
        assert!(said.contains("closes the front matter missing"), "{said}");
        // A key's mistake is not taken for prose.
        let (_, said) = explained("title = \"T\"\nsummary = 'x\n");
        assert!(!said.contains("closes the front matter"), "{said}");
    }

    #[test]
    fn a_table_written_twice_is_one_message_naming_it() {
        let toml = "[terms.a]\nsummary = \"x\"\n[terms.a]\nsummary = \"y\"\nlabel = \"A\"\n[terms.b]\nsummary = \"b\"\nsummary = \"c\"\n";
        let (_, errors) = toml::de::DeTable::parse_recoverable(toml);
        let mut reported = None;
        let said: Vec<String> = errors
            .iter()
            .filter_map(|e| written_twice(toml, e.span().map_or(0, |s| s.start), &mut reported))
            .collect();
        assert_eq!(
            said,
            [
                "`[terms.a]` is written a second time: only the first is kept",
                "`summary` is written a second time in its table: only the first is kept",
            ]
        );
    }
}
