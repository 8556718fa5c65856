//! The author panel: content diagnostics that did not stop the explainer
//! from rendering, collapsed by default so readers are not bothered.

use crate::core::{Diagnostic, Severity};
use leptos::prelude::*;

/// A collapsible list of diagnostics with their line and column.
#[component]
pub fn AuthorNotes(diagnostics: Vec<Diagnostic>) -> impl IntoView {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let summary = format!(
        "Author notes: {} problem{} in this explainer",
        diagnostics.len(),
        if diagnostics.len() == 1 { "" } else { "s" }
    );
    let items: Vec<_> = diagnostics
        .into_iter()
        .map(|d| {
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            view! {
                <li class=format!("gloss-note gloss-note-{kind}")>
                    <span class="gloss-note-where">{format!("Line {}, column {}", d.line, d.column)}</span>
                    " "
                    <span class="gloss-note-kind">{format!("{kind}:")}</span>
                    " "
                    {d.message}
                </li>
            }
        })
        .collect();
    view! {
        <details class="gloss-notes" lang="en" data-gloss-errors=errors.to_string()>
            <summary>{summary}</summary>
            <ul>{items}</ul>
        </details>
    }
}
