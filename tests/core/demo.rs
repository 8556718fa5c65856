//! The shipped explainers parse cleanly and say what the design asks of them.

use crate::outline::parse;
use std::fs;

fn load(name: &str) -> gloss::core::Parsed {
    let path = format!("{}/public/explainers/{name}", env!("CARGO_MANIFEST_DIR"));
    parse(&fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

#[test]
fn every_shipped_explainer_parses_without_diagnostics() {
    let dir = format!("{}/public/explainers", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".md") {
            let parsed = load(&name);
            assert!(
                parsed.diagnostics.is_empty(),
                "{name}: {:#?}",
                parsed.diagnostics
            );
            count += 1;
        }
    }
    assert!(count >= 2, "the demo and at least one other explainer");
}

#[test]
fn the_demo_has_the_people_terms_and_events_it_promises() {
    let e = load("donbas.md").explainer;
    for id in ["donbas", "novorossiya", "isw"] {
        let term = e.term(&id.into()).unwrap_or_else(|| panic!("term {id}"));
        assert!(term.mentions > 0, "{id} is mentioned");
    }
    assert!(e.terms.len() >= 6);
    for id in [
        "putin", "zelensky", "trump", "rubio", "witkoff", "kushner", "ushakov", "umerov", "hnatov",
    ] {
        let s = e
            .speaker(&id.into())
            .unwrap_or_else(|| panic!("speaker {id}"));
        assert!(s.mentions > 0, "{id} is mentioned");
    }
    assert_eq!(
        e.quotes
            .iter()
            .filter(|q| q.speaker.as_str() == "putin")
            .count(),
        2
    );
    assert!(e.events.len() >= 10);
    assert_eq!(e.events.first().unwrap().date.start.year, 1764);
}

#[test]
fn the_staged_parse_gives_what_the_one_call_gives() {
    let dir = format!("{}/tests/e2e/fixtures", env!("CARGO_MANIFEST_DIR"));
    for path in [
        format!("{}/public/explainers/donbas.md", env!("CARGO_MANIFEST_DIR")),
        format!(
            "{}/public/explainers/apollo11.md",
            env!("CARGO_MANIFEST_DIR")
        ),
        format!("{dir}/diagnostics.md"),
    ] {
        let source = fs::read_to_string(&path).unwrap();
        let whole = gloss::core::parse_explainer(&source).unwrap();
        let staged = gloss::core::Staged::start(&source)
            .unwrap()
            .convert()
            .finish();
        assert_eq!(format!("{whole:?}"), format!("{staged:?}"), "{path}");
        assert!(!whole.explainer.body.is_empty(), "{path}");
    }
}

#[test]
fn every_shipped_explainer_survives_compiling() {
    for name in ["donbas.md", "apollo11.md"] {
        let parsed = load(name);
        let text = gloss::core::compiled::encode(&parsed);
        assert_eq!(
            gloss::core::compiled::decode(&text).unwrap(),
            parsed,
            "{name}"
        );
    }
}
