//! The core: explainer source → [`model::Explainer`] + diagnostics.
//!
//! Pure Rust with no browser, no IO and no UI: it runs natively in tests,
//! benchmarks and build tools as well as in the widget. Its pipeline:
//! [`front_matter`] splits and reads the TOML, [`definitions`] checks it,
//! [`markdown`] turns the body into the [`document`] tree with explicit
//! references resolved, [`mentions`] adds the automatic ones, and
//! [`chronology`] orders the events. [`parse::parse_explainer`] runs it all.

pub mod chronology;
pub mod date;
pub mod dedent;
pub mod definitions;
pub mod diagnostic;
pub mod document;
pub mod fragment;
pub mod front_matter;
pub mod ids;
pub mod markdown;
pub mod mentions;
pub mod model;
pub mod parse;
pub mod url;

pub use diagnostic::{Diagnostic, Severity};
pub use model::Explainer;
pub use parse::{parse_explainer, Parsed, Staged};
