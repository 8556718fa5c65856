//! Gloss turns one Markdown file into an interactive explainer: the article
//! with hovercards on glossary terms, the people who speak in it, and a
//! chronology of the events it refers to.
//!
//! Three layers, dependencies pointing one way (embed → ui → core):
//! - [`core`]: pure Rust. [`core::parse_explainer`] turns a source into a
//!   [`core::Explainer`] (metadata, terms, speakers, ordered events, quotes and
//!   the body as a [`core::document::Block`] tree) plus diagnostics.
//! - `ui` (wasm only): Leptos components rendering that tree, with one
//!   selection state shared through context.
//! - `embed` (wasm only): finds host elements, loads sources, mounts widgets
//!   and reports errors inside them.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
