//! `prerender PAGE.html`: writes every explainer the page marks with
//! `data-gloss-prerender` into the page as static HTML (see
//! `gloss::embed::prerender`). Sources are read relative to the page; one
//! that cannot be read is left to the browser, with a warning.

use gloss::embed::prerender::{prerender_page, Outcome};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [page] = args.as_slice() else {
        eprintln!("usage: prerender PAGE.html");
        return ExitCode::from(2);
    };
    let page = Path::new(page);
    let html = match std::fs::read_to_string(page) {
        Ok(html) => html,
        Err(e) => {
            eprintln!("prerender: {}: {e}", page.display());
            return ExitCode::FAILURE;
        }
    };
    let folder = page.parent().unwrap_or(Path::new("."));
    let (html, outcomes) = prerender_page(&html, |src| {
        std::fs::read_to_string(folder.join(src)).map_err(|e| format!("{src}: {e}"))
    });
    for outcome in &outcomes {
        match outcome {
            Outcome::Rendered { src } => eprintln!("prerender: {src} → {}", page.display()),
            Outcome::Skipped { src, reason } => {
                eprintln!("prerender: warning: {src} left to the browser: {reason}")
            }
        }
    }
    if let Err(e) = std::fs::write(page, html) {
        eprintln!("prerender: {}: {e}", page.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
