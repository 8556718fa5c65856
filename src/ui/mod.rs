//! UI layer.
