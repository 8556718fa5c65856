//! Embed layer (placeholder until written).
