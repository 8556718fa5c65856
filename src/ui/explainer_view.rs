//! The whole widget for one parsed explainer: header, article, the open
//! hovercard, and the author notes.

use super::article::ArticleRenderer;
use super::author_notes::AuthorNotes;
use super::dates::{format_date, iso_date};
use super::hovercard::TermCard;
use super::selection::Selection;
use crate::core::document::plain_text;
use crate::core::{Diagnostic, Explainer};
use leptos::prelude::*;

/// Renders `explainer`; `base` is the URL relative links resolve against and
/// `prefix` makes element ids unique on the page.
#[component]
pub fn ExplainerView(
    explainer: Explainer,
    diagnostics: Vec<Diagnostic>,
    base: Option<String>,
    prefix: String,
) -> impl IntoView {
    let selection = Selection::new(prefix);
    provide_context(selection);

    let meta = explainer.meta.clone();
    let renderer = ArticleRenderer::new(selection, base.clone(), &explainer.body);
    let body = renderer.blocks(&explainer.body);
    let published = meta.published.map(|date| {
        let text = format_date(&date, &meta.lang);
        view! { <time datetime=iso_date(&date.start)>{text}</time> }
    });
    let byline = (meta.byline.is_some() || published.is_some()).then(|| {
        let sep = (meta.byline.is_some() && published.is_some()).then_some(" · ");
        view! { <p class="gloss-byline">{meta.byline.clone()}{sep}{published}</p> }
    });
    // Hidden descriptions give each decorated term its summary as an
    // accessible description (`aria-describedby`).
    let descriptions: Vec<_> = explainer
        .terms
        .iter()
        .map(|t| view! { <span id=selection.description_id(&t.id)>{plain_text(&t.summary)}</span> })
        .collect();
    let notes = (!diagnostics.is_empty()).then(|| view! { <AuthorNotes diagnostics=diagnostics/> });
    let explainer = StoredValue::new(explainer);

    view! {
        <article class="gloss-article" lang=meta.lang.clone()>
            <header class="gloss-header">
                <h1 class="gloss-title">{meta.title.clone()}</h1>
                {meta.dek.clone().map(|dek| view! { <p class="gloss-dek">{dek}</p> })}
                {byline}
            </header>
            <div class="gloss-body">{body}</div>
        </article>
        {notes}
        <div hidden>{descriptions}</div>
        <TermCard explainer=explainer base=base/>
    }
}
