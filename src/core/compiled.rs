//! An explainer compiled ahead of time: the parsed model and its diagnostics
//! as compact bytes (postcard), written into a page as base64 text. A
//! reader's browser turns it back into the model without any parser.

use super::Parsed;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Marks the format, so a page compiled by another version of Gloss is
/// refused rather than misread.
const FORMAT: &str = concat!("gloss-", env!("CARGO_PKG_VERSION"), ":");

/// The compiled form of a parsed explainer: ASCII text without `<`, safe
/// inside a `<script>` data block.
pub fn encode(parsed: &Parsed) -> String {
    let bytes = postcard::to_allocvec(parsed).unwrap_or_default();
    format!("{FORMAT}{}", STANDARD.encode(bytes))
}

/// Reads what [`encode`] wrote; the error names what is wrong.
pub fn decode(text: &str) -> Result<Parsed, String> {
    decode_with(text, |body| STANDARD.decode(body).ok())
}

/// [`decode`] with the base64 decoder given: a browser has its own
/// (`atob`), so the reader build need not carry one.
pub fn decode_with(
    text: &str,
    base64: impl FnOnce(&str) -> Option<Vec<u8>>,
) -> Result<Parsed, String> {
    let body = text
        .trim()
        .strip_prefix(FORMAT)
        .ok_or("it was compiled by another version of Gloss")?;
    let bytes = base64(body).ok_or("its data is damaged (not base64)")?;
    postcard::from_bytes(&bytes).map_err(|e| format!("its data is damaged ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diagnostic::{Diagnostic, Severity};
    use crate::core::model::Explainer;

    fn sample() -> Parsed {
        Parsed {
            explainer: Explainer::default(),
            diagnostics: vec![Diagnostic {
                severity: Severity::Warning,
                message: "a </script> in a message".into(),
                line: 3,
                column: 7,
            }],
        }
    }

    #[test]
    fn round_trips_and_stays_inert_inside_a_script_element() {
        let text = encode(&sample());
        assert!(text.is_ascii() && !text.contains('<'), "{text}");
        assert_eq!(decode(&text).unwrap(), sample());
    }

    #[test]
    fn refuses_other_versions_and_damaged_data() {
        let text = encode(&sample());
        let other = text.replacen("gloss-", "gloss-0.0.0-", 1);
        assert!(decode(&other).unwrap_err().contains("another version"));
        let damaged = format!("{}!!", &text[..text.len() - 4]);
        assert!(decode(&damaged).unwrap_err().contains("damaged"));
    }
}
