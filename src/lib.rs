//! Gloss turns one Markdown file into an interactive explainer: the article
//! with hovercards on glossary terms, the people who speak in it, and a
//! chronology of the events it refers to.
//!
//! Three layers, dependencies pointing one way (embed → ui → core):
//! - [`core`]: pure Rust. [`core::parse_explainer`] turns a source into a
//!   [`core::Explainer`] (metadata, terms, speakers, ordered events, quotes and
//!   the body as a [`core::document::Block`] tree) plus diagnostics.
//! - `ui` (wasm, or natively with the `ssr` feature): Leptos components
//!   rendering that tree, with one selection state shared through context.
//! - `embed`: in wasm, finds host elements, loads sources, mounts widgets
//!   and reports errors inside them; natively (`ssr`), prerenders explainers
//!   into pages at build time.

pub mod core;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod embed;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod ui;
