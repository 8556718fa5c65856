//! Component tests in a real browser (`wasm-bindgen-test`): each mounts a
//! widget into a fresh element, acts like a reader, lets Leptos settle with
//! `tick().await`, and asserts on attributes and text.
#![cfg(target_arch = "wasm32")]

use gloss::core::parse_explainer;
use gloss::embed::root::GlossRoot;
use gloss::embed::source::Source;
use gloss::ui::placement::{place_card, Rect};
use gloss::ui::ExplainerView;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, KeyboardEvent, KeyboardEventInit, PointerEvent, PointerEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

const SOURCE: &str = r#"+++
title = "Test explainer"
[terms.donbas]
label = "Donbas"
summary = "An industrial region of eastern Ukraine."
[speakers.putin]
name = "Vladimir Putin"
aliases = ["Putin"]
+++
Putin spoke of Donbas. Donbas again.
"#;

fn fresh_host() -> HtmlElement {
    let document = document();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn mount_demo() -> HtmlElement {
    let host = fresh_host();
    let parsed = parse_explainer(SOURCE).unwrap();
    let (explainer, diagnostics) = (parsed.explainer, parsed.diagnostics);
    leptos::mount::mount_to(host.clone(), move || {
        view! { <ExplainerView explainer=explainer diagnostics=diagnostics base=None prefix="t".to_string()/> }
    })
    .forget();
    host
}

fn find(host: &Element, selector: &str) -> Option<Element> {
    host.query_selector(selector).unwrap()
}

fn press_escape() {
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    window().dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn renders_the_title_and_every_mention() {
    let host = mount_demo();
    tick().await;
    assert_eq!(
        find(&host, "h1").unwrap().text_content().unwrap(),
        "Test explainer"
    );
    let mentions = host
        .query_selector_all("[data-term='donbas']")
        .unwrap()
        .length();
    assert_eq!(mentions, 2);
    // Only the first mention is a focusable button.
    assert_eq!(
        host.query_selector_all("button[data-term]")
            .unwrap()
            .length(),
        1
    );
    assert!(find(&host, "[data-speaker-ref='putin']").is_some());
}

#[wasm_bindgen_test]
async fn the_term_is_described_by_its_summary() {
    let host = mount_demo();
    tick().await;
    let term = find(&host, "button[data-term='donbas']").unwrap();
    let id = term.get_attribute("aria-describedby").unwrap();
    let description = document().get_element_by_id(&id).unwrap();
    assert_eq!(
        description.text_content().unwrap(),
        "An industrial region of eastern Ukraine."
    );
}

#[wasm_bindgen_test]
async fn focus_opens_the_card_and_escape_closes_it() {
    let host = mount_demo();
    tick().await;
    let term: HtmlElement = find(&host, "button[data-term='donbas']")
        .unwrap()
        .unchecked_into();
    term.focus().unwrap();
    tick().await;
    let card = find(&host, "[data-gloss-card='donbas']").expect("card open after focus");
    assert!(card
        .text_content()
        .unwrap()
        .contains("An industrial region"));
    assert_eq!(term.get_attribute("aria-expanded").as_deref(), Some("true"));
    press_escape();
    tick().await;
    assert!(
        find(&host, "[data-gloss-card]").is_none(),
        "Escape closes the card"
    );
    assert_eq!(
        term.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    term.blur().unwrap();
}

#[wasm_bindgen_test]
async fn a_click_pins_the_card_and_a_tap_elsewhere_closes_it() {
    let host = mount_demo();
    tick().await;
    let term: HtmlElement = find(&host, "button[data-term='donbas']")
        .unwrap()
        .unchecked_into();
    term.click();
    tick().await;
    assert!(
        find(&host, "[data-gloss-card='donbas']").is_some(),
        "click opens"
    );
    let init = PointerEventInit::new();
    init.set_bubbles(true);
    init.set_pointer_type("touch");
    let tap = PointerEvent::new_with_event_init_dict("pointerdown", &init).unwrap();
    find(&host, "h1").unwrap().dispatch_event(&tap).unwrap();
    tick().await;
    assert!(
        find(&host, "[data-gloss-card]").is_none(),
        "a tap elsewhere closes"
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_source_shows_a_located_alert() {
    let host = fresh_host();
    let source = Source::Inline("+++\ntitle = \n+++\nBody".into());
    leptos::mount::mount_to(
        host.clone(),
        move || view! { <GlossRoot source=source prefix="bad".to_string()/> },
    )
    .forget();
    for _ in 0..10 {
        tick().await;
    }
    let root = find(&host, ".gloss").unwrap();
    assert_eq!(
        root.get_attribute("data-gloss-state").as_deref(),
        Some("error")
    );
    let alert = find(&root, "[role='alert']")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(alert.contains("line 2, column"), "{alert}");
}

#[wasm_bindgen_test]
async fn an_inline_source_renders_ready() {
    let host = fresh_host();
    let source = Source::Inline(format!("\n    {}", SOURCE.replace('\n', "\n    ")));
    leptos::mount::mount_to(
        host.clone(),
        move || view! { <GlossRoot source=source prefix="ok".to_string()/> },
    )
    .forget();
    for _ in 0..10 {
        tick().await;
    }
    let root = find(&host, ".gloss").unwrap();
    assert_eq!(
        root.get_attribute("data-gloss-state").as_deref(),
        Some("ready")
    );
    assert_eq!(
        find(&root, "h1").unwrap().text_content().unwrap(),
        "Test explainer"
    );
}

fn rect(left: f64, top: f64, width: f64, height: f64) -> Rect {
    Rect {
        left,
        top,
        width,
        height,
    }
}

#[wasm_bindgen_test]
fn places_cards_beside_never_over_the_term() {
    // Room below: the card goes below, aligned with the term.
    let p = place_card(
        rect(100.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
    );
    assert_eq!((p.left, p.top, p.above), (100.0, 128.0, false));
    // Near the bottom: above, ending a gap above the term.
    let p = place_card(
        rect(100.0, 800.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
    );
    assert!(p.above);
    assert_eq!(p.top + 150.0, 792.0);
    // Near the right edge: shifted left to stay inside.
    let p = place_card(
        rect(1200.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
    );
    assert_eq!(p.left, 1280.0 - 300.0 - 8.0);
    // A card wider than a phone's viewport starts at the margin.
    let p = place_card(
        rect(10.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 400.0, 150.0),
        375.0,
        700.0,
    );
    assert_eq!(p.left, 8.0);
}
