//! House rules, checked: every Rust file opens with a `//!` comment, and the
//! core imports nothing from the browser or UI layers.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_under(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    assert!(!files.is_empty(), "no Rust files under {dir}");
    files
}

#[test]
fn every_rust_file_opens_with_a_module_comment() {
    let mut files = files_under("src");
    files.extend(files_under("tests"));
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} does not open with `//!`",
            path.display()
        );
    }
}

#[test]
fn the_core_knows_nothing_of_the_browser() {
    for path in files_under("src/core") {
        let text = fs::read_to_string(&path).unwrap();
        for forbidden in [
            "leptos",
            "web_sys",
            "js_sys",
            "wasm_bindgen",
            "gloo",
            "crate::ui",
            "crate::embed",
            "std::fs",
            "std::net",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} mentions `{forbidden}`",
                path.display()
            );
        }
    }
}
