//! Typed identifiers for the things an explainer defines.
//!
//! Terms, speakers and events live in separate namespaces; a newtype per kind
//! keeps a speaker id from ever being looked up as a term.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        /// Shared, not copied: a mention holds its id, and an article
        /// has many mentions.
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Arc<str>);

        impl $name {
            /// The id as written by the author.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(Arc::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(Arc::from(s))
            }
        }
    };
}

id_type!(
    /// The key of a `[terms.ID]` table.
    TermId
);
id_type!(
    /// The key of a `[speakers.ID]` table.
    SpeakerId
);
id_type!(
    /// The `id` of an `[[events]]` entry.
    EventId
);
