//! Component tests in a real browser (`wasm-bindgen-test`): each mounts a
//! widget into a fresh element, acts like a reader, lets Leptos settle with
//! `tick().await`, and asserts on attributes and text.
#![cfg(target_arch = "wasm32")]

mod support;

use support::{fresh_host, mount_root};

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
group = "Russia"
[speakers.trump]
name = "Donald Trump"
group = "United States"
[[events]]
id = "talks"
date = "2025-12-02"
title = "Talks"
speakers = ["putin"]
terms = ["donbas"]
[[events]]
id = "call"
date = "2025-12-03"
title = "Call"
speakers = ["trump"]
+++
Putin spoke of Donbas. Donbas again. [“We will”](quote:putin) he said [at the talks](event:talks).
Trump [called](event:call).
"#;

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

/// The demo's first Donbas mention, the one that acts as a button.
fn donbas_term(host: &Element) -> HtmlElement {
    find(host, ".gloss-term[data-term='donbas']")
        .unwrap()
        .unchecked_into()
}

/// A `keydown` of `key`, bubbling and cancelable, to dispatch.
fn keydown(key: &str) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()
}

fn press_escape() {
    window().dispatch_event(&keydown("Escape")).unwrap();
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
        host.query_selector_all(".gloss-term[data-term]")
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
    let term = find(&host, ".gloss-term[data-term='donbas']").unwrap();
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
    let term = donbas_term(&host);
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
async fn space_and_enter_work_the_term_as_a_button() {
    let host = mount_demo();
    tick().await;
    let term = donbas_term(&host);
    assert_eq!(term.get_attribute("role").as_deref(), Some("button"));
    assert_eq!(term.tab_index(), 0);
    let press = |key: &str| {
        let ev = keydown(key);
        term.dispatch_event(&ev).unwrap();
        ev.default_prevented()
    };
    assert!(press(" "), "Space does not scroll the page");
    tick().await;
    assert!(
        find(&host, "[data-gloss-card='donbas']").is_some(),
        "Space opens the card"
    );
    assert!(press("Enter"));
    tick().await;
    assert!(
        find(&host, "[data-gloss-card]").is_none(),
        "Enter on the term of its pinned card closes it"
    );
}

#[wasm_bindgen_test]
async fn a_click_pins_the_card_and_a_tap_elsewhere_closes_it() {
    let host = mount_demo();
    tick().await;
    let term = donbas_term(&host);
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
    support::settle(&[&host]).await;
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
    support::settle(&[&host]).await;
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
        false,
    );
    assert_eq!((p.left, p.top, p.above), (100.0, 128.0, false));
    // Near the bottom: above, ending a gap above the term.
    let p = place_card(
        rect(100.0, 800.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
        false,
    );
    assert!(p.above);
    assert_eq!(p.top + 150.0, 792.0);
    // Near the right edge: shifted left to stay inside.
    let p = place_card(
        rect(1200.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
        false,
    );
    assert_eq!(p.left, 1280.0 - 300.0 - 8.0);
    // A card wider than a phone's viewport starts at the margin.
    let p = place_card(
        rect(10.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 400.0, 150.0),
        375.0,
        700.0,
        false,
    );
    assert_eq!(p.left, 8.0);
    // Right to left: the card ends where the term ends.
    let p = place_card(
        rect(900.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
        true,
    );
    assert_eq!(p.left, 650.0);
    // ... but stays inside the viewport near its left edge.
    let p = place_card(
        rect(20.0, 100.0, 50.0, 20.0),
        rect(0.0, 0.0, 300.0, 150.0),
        1280.0,
        900.0,
        true,
    );
    assert_eq!(p.left, 8.0);
}

fn active(host: &Element, selector: &str) -> Vec<String> {
    let list = host
        .query_selector_all(&format!("{selector}[data-active]"))
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.get(i)
                .unwrap()
                .unchecked_into::<Element>()
                .outer_html()
                .chars()
                .take(60)
                .collect()
        })
        .collect()
}

fn click(host: &Element, selector: &str) {
    find(host, selector)
        .unwrap_or_else(|| panic!("{selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn selecting_a_speaker_lights_up_their_mentions_quotes_and_events() {
    let host = mount_demo();
    tick().await;
    click(&host, "[data-speaker='putin']");
    tick().await;
    assert_eq!(
        active(&host, "[data-speaker-ref='putin']").len(),
        2,
        "mention and quote"
    );
    assert_eq!(active(&host, "[data-quote]").len(), 1);
    assert_eq!(active(&host, "[data-event='talks']").len(), 1);
    assert!(active(&host, "[data-event='call']").is_empty());
    assert!(
        active(&host, "[data-event-ref]").is_empty(),
        "passages light up only for a chosen event"
    );
    click(&host, "[data-speaker='putin']");
    tick().await;
    assert!(
        active(&host, "[data-speaker-ref]").is_empty(),
        "choosing again clears"
    );
}

#[wasm_bindgen_test]
async fn selecting_an_event_lights_up_its_passages_speakers_and_terms() {
    let host = mount_demo();
    tick().await;
    click(&host, "[data-event='talks']");
    tick().await;
    assert_eq!(active(&host, "[data-event-ref='talks']").len(), 1);
    assert!(active(&host, "[data-event-ref='call']").is_empty());
    assert_eq!(active(&host, "[data-speaker='putin']").len(), 1);
    assert!(active(&host, "[data-speaker='trump']").is_empty());
    assert_eq!(
        active(&host, "[data-term='donbas']").len(),
        2,
        "every mention of its term"
    );
    // Another choice replaces the first; Escape inside the widget clears.
    click(&host, "[data-event='call']");
    tick().await;
    assert!(active(&host, "[data-event-ref='talks']").is_empty());
    assert_eq!(active(&host, "[data-speaker='trump']").len(), 1);
    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let ev = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    find(&host, "[data-event='call']")
        .unwrap()
        .dispatch_event(&ev)
        .unwrap();
    tick().await;
    assert!(active(&host, "[data-event]").is_empty(), "Escape clears");
}

#[wasm_bindgen_test]
async fn groups_people_and_counts_their_mentions() {
    let host = mount_demo();
    tick().await;
    let groups = host.query_selector_all(".gloss-group-name").unwrap();
    let names: Vec<String> = (0..groups.length())
        .map(|i| groups.get(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(names, ["Russia", "United States"]);
    let count = find(&host, "[data-speaker='putin'] .gloss-speaker-count").unwrap();
    assert_eq!(count.text_content().unwrap(), "1 mention");
}

#[wasm_bindgen_test]
async fn a_person_only_quoted_has_no_count_of_mentions() {
    let source = "+++\ntitle = \"Q\"\n[speakers.ann]\nname = \"Ann Lee\"\n+++\n\
        [“Yes”](quote:ann), came the answer.\n";
    let host = mount_root(source, "quoted");
    support::settle(&[&host]).await;
    assert!(find(&host, "[data-speaker='ann'] .gloss-speaker-name").is_some());
    assert!(find(&host, "[data-speaker='ann'] .gloss-speaker-count").is_none());
    assert!(find(&host, ".gloss-quotes .gloss-quote-jump").is_some());
}

#[wasm_bindgen_test]
async fn after_a_panic_every_widget_says_so() {
    let hosts = [mount_root(SOURCE, "p1"), mount_root(SOURCE, "p2")];
    support::settle(&[&hosts[0], &hosts[1]]).await;
    gloss::embed::panic_report::mark_every_widget_failed();
    for host in hosts {
        let root = find(&host, ".gloss").unwrap();
        assert_eq!(
            root.get_attribute("data-gloss-state").as_deref(),
            Some("error")
        );
        let alert = find(&root, "[role='alert']").expect("an alert in every widget");
        assert!(alert.text_content().unwrap().contains("internal error"));
    }
}

#[wasm_bindgen_test]
async fn a_right_to_left_explainer_is_laid_out_right_to_left() {
    let host = mount_root(
        "+++\ntitle = \"دونباس\"\nlang = \"ar-EG\"\n+++\nنص.\n",
        "rtl",
    );
    support::settle(&[&host]).await;
    let frame = find(&host, ".gloss-frame").expect("rendered");
    assert_eq!(frame.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(frame.get_attribute("lang").as_deref(), Some("ar-EG"));
}

/// A host as a prerendering build leaves it: the explainer compiled into a
/// data block (`model`), and the same explainer as inline Markdown under
/// another title, which is what shows if the model cannot be read.
fn compiled_host(model: &str) -> HtmlElement {
    let host = fresh_host();
    host.set_attribute("data-gloss", "").unwrap();
    let compiled = document().create_element("script").unwrap();
    compiled
        .set_attribute("type", "application/x-gloss")
        .unwrap();
    compiled.set_attribute("data-gloss-model", "").unwrap();
    compiled.set_text_content(Some(model));
    let markdown = document().create_element("script").unwrap();
    markdown.set_attribute("type", "text/markdown").unwrap();
    markdown.set_text_content(Some(&SOURCE.replace("Test explainer", "From Markdown")));
    host.append_child(&compiled).unwrap();
    host.append_child(&markdown).unwrap();
    host
}

#[wasm_bindgen_test]
async fn a_compiled_explainer_is_read_with_the_browsers_base64_decoder() {
    let parsed = parse_explainer(SOURCE).unwrap();
    let host = compiled_host(&gloss::core::compiled::encode(&parsed));
    gloss::embed::hosts::mount_new_hosts();
    support::settle(&[&host]).await;
    assert_eq!(
        find(&host, "h1").unwrap().text_content().unwrap(),
        "Test explainer"
    );
    assert_eq!(
        host.query_selector_all("[data-term='donbas']")
            .unwrap()
            .length(),
        2
    );
}

#[wasm_bindgen_test]
async fn a_damaged_compiled_explainer_falls_back_to_its_source() {
    let parsed = parse_explainer(SOURCE).unwrap();
    let model = gloss::core::compiled::encode(&parsed);
    // Not base64 any more: the browser's decoder refuses it.
    let host = compiled_host(&format!("{}%%", &model[..model.len() - 2]));
    gloss::embed::hosts::mount_new_hosts();
    support::settle(&[&host]).await;
    assert_eq!(
        find(&host, "h1").unwrap().text_content().unwrap(),
        "From Markdown"
    );
}

#[wasm_bindgen_test]
async fn an_event_passage_ends_with_its_date_in_the_explainers_language() {
    let host = fresh_host();
    let source = SOURCE.replacen(
        "title = \"Test explainer\"",
        "title = \"Test\"\nlang = \"fr\"",
        1,
    );
    let parsed = parse_explainer(&source).unwrap();
    let (explainer, diagnostics) = (parsed.explainer, parsed.diagnostics);
    leptos::mount::mount_to(host.clone(), move || {
        view! { <ExplainerView explainer=explainer diagnostics=diagnostics base=None prefix="t".to_string()/> }
    })
    .forget();
    tick().await;
    let chip = find(&host, "[data-event-ref='talks'] .gloss-event-chip").expect("a date");
    let shown = find(&host, "[data-event='talks'] .gloss-event-date").unwrap();
    assert_eq!(chip.text_content(), shown.text_content());
    assert_eq!(chip.text_content().as_deref(), Some("2 décembre 2025"));
    assert_eq!(
        chip.get_attribute("aria-label").as_deref(),
        Some("2 décembre 2025\u{202f}: Talks"),
        "named with French punctuation (a narrow space before the colon)"
    );
    // Its click is the passage's: one choice, not a choice undone.
    chip.unchecked_ref::<HtmlElement>().click();
    tick().await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(active(&host, "[data-event='talks']").len(), 1);
    chip.unchecked_ref::<HtmlElement>().click();
    tick().await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert!(active(&host, "[data-event-ref]").is_empty());
}

#[wasm_bindgen_test]
async fn an_explainer_without_a_title_draws_no_empty_heading() {
    let host = fresh_host();
    let parsed = parse_explainer("Only text, no title.\n").unwrap();
    let (explainer, diagnostics) = (parsed.explainer, parsed.diagnostics);
    leptos::mount::mount_to(host.clone(), move || {
        view! { <ExplainerView explainer=explainer diagnostics=diagnostics base=None prefix="u".to_string()/> }
    })
    .forget();
    tick().await;
    assert!(find(&host, "h1").is_none(), "an empty h1");
    let article = find(&host, "article").expect("the article");
    assert_eq!(article.get_attribute("aria-labelledby"), None);
    assert!(article.text_content().unwrap().contains("Only text"));
}
