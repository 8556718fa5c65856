//! The UI layer: Leptos components that render the core's model.
//!
//! [`ExplainerView`] is the whole widget for a parsed explainer. The article
//! is rendered node by node from the document tree ([`article`]); nothing is
//! ever assigned as an HTML string. One [`Selection`] context, provided by
//! `ExplainerView`, holds what the reader has open.

pub mod alert;
pub mod article;
pub mod author_notes;
pub mod chronology;
pub mod dates;
pub mod explainer_view;
pub mod heading;
pub mod hovercard;
pub mod panel;
pub mod placement;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerendered_cards;
pub mod progressive;
pub mod roots;
pub mod roving;
pub mod scrolling;
pub mod selection;
pub mod selection_bar;
pub mod shared_state;
pub mod speaker_list;
pub mod words;

pub use alert::Alert;
pub use explainer_view::ExplainerView;
pub use selection::Selection;
