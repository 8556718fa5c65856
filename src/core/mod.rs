//! The core: explainer source → [`model::Explainer`] + diagnostics.
//!
//! Pure Rust with no browser, no IO and no UI: it runs natively in tests,
//! benchmarks and build tools as well as in the widget. Its pipeline:
//! [`front_matter`] splits and reads the TOML ([`toml_hints`] says what its
//! syntax errors mean), [`definitions`] checks it,
//! [`markdown`] turns the body into the [`document`] tree with explicit
//! references resolved, [`mentions`] adds the automatic ones, and
//! [`chronology`] orders the events. [`parse::parse_explainer`] runs it all.
//! [`compiled`] is the model in compact form, for explainers compiled ahead
//! of time; without the `parser` feature only it (and the model) remain.

pub mod chronology;
pub mod compiled;
pub mod date;
pub mod dedent;
#[cfg(feature = "parser")]
pub mod definitions;
pub mod diagnostic;
pub mod document;
pub mod fragment;
#[cfg(feature = "parser")]
pub mod front_matter;
pub mod ids;
#[cfg(feature = "parser")]
pub mod markdown;
#[cfg(feature = "parser")]
pub mod mentions;
pub mod model;
#[cfg(feature = "parser")]
pub mod parse;
#[cfg(feature = "parser")]
pub mod toml_hints;
pub mod url;

pub use diagnostic::{Diagnostic, Severity};
pub use model::Explainer;
#[cfg(feature = "parser")]
pub use parse::{parse_explainer, Staged};

/// A readable explainer and what is wrong with it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    pub explainer: Explainer,
    /// In source order.
    pub diagnostics: Vec<Diagnostic>,
}
