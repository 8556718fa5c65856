//! Inline sources sit indented inside the host page's HTML; Markdown would
//! read that indentation as code blocks, so it is removed first.

/// Removes the indentation common to every non-blank line, and leading
/// blank lines.
pub fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()))
        .skip_while(|l| l.trim().is_empty())
        .collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::dedent;

    #[test]
    fn removes_the_common_indentation_only() {
        assert_eq!(
            dedent("\n    +++\n    title = \"x\"\n    +++\n\n    Text\n        code\n  "),
            "+++\ntitle = \"x\"\n+++\n\nText\n    code\n"
        );
        assert_eq!(dedent("no indent\n  two"), "no indent\n  two");
        assert_eq!(dedent(""), "");
    }
}
