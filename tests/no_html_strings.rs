//! Gloss must never hand the DOM an HTML string: pages that enforce Trusted
//! Types block that, and Gloss promises to work there with no policy.
//! Leptos's `view!` turns any wholly static element into an HTML string
//! parsed through `<template>.innerHTML` (cached per page), so this test
//! runs in a page of its own (its own wasm instance, an empty cache), spies
//! on every `innerHTML` write, and draws every kind of view Gloss has: two
//! whole explainers with every block type, an open card, a selection, the
//! author notes, the loading state and an alert.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::task::tick;
use support::mount_root as mount;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const SPY: &str = r#"(() => {
  const own = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  window.__htmlWrites = [];
  Object.defineProperty(Element.prototype, 'innerHTML', {
    configurable: true,
    get: own.get,
    set(value) { window.__htmlWrites.push(String(value)); own.set.call(this, value); },
  });
})()"#;

fn writes() -> Vec<String> {
    let list = js_sys::eval("window.__htmlWrites").unwrap();
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

fn click(host: &HtmlElement, selector: &str) {
    let el: HtmlElement = host
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    el.click();
}

#[wasm_bindgen_test]
async fn no_view_hands_the_dom_an_html_string() {
    js_sys::eval(SPY).unwrap();
    let demo = mount(include_str!("../public/explainers/donbas.md"), "d");
    let other = mount(include_str!("../public/explainers/apollo11.md"), "a");
    let notes = mount(include_str!("e2e/fixtures/diagnostics.md"), "n");
    let broken = mount("+++\ntitle = \n+++\n", "b");
    support::settle(&[&demo, &other, &notes, &broken]).await;
    for (host, state) in [
        (&demo, "ready"),
        (&other, "ready"),
        (&notes, "ready"),
        (&broken, "error"),
    ] {
        let root = host.query_selector(".gloss").unwrap().unwrap();
        assert_eq!(
            root.get_attribute("data-gloss-state").as_deref(),
            Some(state)
        );
    }
    click(&demo, ".gloss-term[data-term]");
    click(&demo, "[data-speaker]");
    click(&other, "[data-event]");
    click(&notes, "details.gloss-notes summary");
    for _ in 0..5 {
        tick().await;
    }
    assert!(
        demo.query_selector("[data-gloss-card]").unwrap().is_some(),
        "a card is open"
    );
    assert_eq!(
        writes(),
        Vec::<String>::new(),
        "HTML strings written to the DOM"
    );
}
