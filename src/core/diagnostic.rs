//! Diagnostics: what is wrong with an explainer, and where.
//!
//! Parsing never stops at a content error; it records a [`Diagnostic`] with the
//! 1-based line and column (in characters) of the offending text and goes on.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How much a diagnostic matters to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    /// Something the author meant did not happen (an unknown id, a bad date).
    Error,
    /// Something worth a look that changes nothing for the reader.
    Warning,
}

/// One finding, located in the explainer's source file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Turns byte offsets in a source into line and column.
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            source,
            line_starts,
        }
    }

    /// 1-based line and column (counted in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .source
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// A diagnostic at byte `offset`.
    pub fn diagnostic(&self, severity: Severity, offset: usize, message: String) -> Diagnostic {
        let (line, column) = self.position(offset);
        Diagnostic {
            severity,
            message,
            line,
            column,
        }
    }
}

/// Collects diagnostics for one source while it is being parsed.
pub struct Report<'a> {
    index: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Report<'a> {
    pub fn new(source: &'a str) -> Self {
        Self {
            index: LineIndex::new(source),
            diagnostics: Vec::new(),
        }
    }

    /// Records an error at byte `offset` of the source.
    pub fn error(&mut self, offset: usize, message: impl Into<String>) {
        let d = self
            .index
            .diagnostic(Severity::Error, offset, message.into());
        self.diagnostics.push(d);
    }

    /// Records a warning at byte `offset` of the source.
    pub fn warning(&mut self, offset: usize, message: impl Into<String>) {
        let d = self
            .index
            .diagnostic(Severity::Warning, offset, message.into());
        self.diagnostics.push(d);
    }

    /// A fatal diagnostic: the caller gives up on the file.
    pub fn fatal(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.index
            .diagnostic(Severity::Error, offset, message.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters_from_one() {
        let index = LineIndex::new("ab\nцвет x\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        // "цвет " is 9 bytes but 5 characters.
        assert_eq!(index.position(3 + 9), (2, 6));
        assert_eq!(index.position(999), (3, 1));
    }
}
