//! Native integration tests of the core, one module per feature.
//!
//! Tests are data: most call a `check(input, expect)` helper that parses an
//! explainer and compares a compact outline of the result with the expected
//! text (see [`outline`]). Native only, like the core's other tests.
#![cfg(not(target_arch = "wasm32"))]

mod dates;
mod demo;
mod diagnostics;
mod format;
mod mentions;
mod outline;
mod properties;
mod references;
mod tidy;
mod untrusted;
mod xss;
