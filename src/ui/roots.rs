//! The trees Gloss's widgets live in: the document, and the shadow roots a
//! page hands to `gloss.js` (`watch(shadowRoot)`, for hosts inside web
//! components). What the widget looks up by id, the element with focus,
//! where an event began and what is under a point are asked of these
//! trees, not of the document alone, which sees a shadow tree only as its
//! host element.

use leptos::prelude::document;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, Node, NodeList, ShadowRoot};

thread_local! {
    /// The shadow roots the page handed over, in the order it did.
    static SHADOW_ROOTS: RefCell<Vec<ShadowRoot>> = const { RefCell::new(Vec::new()) };
}

/// Adds the shadow roots among `roots` not known yet.
pub fn watch(roots: impl IntoIterator<Item = ShadowRoot>) {
    SHADOW_ROOTS.with_borrow_mut(|known| {
        for root in roots {
            if !known.iter().any(|r| r.is_same_node(Some(&root))) {
                known.push(root);
            }
        }
    });
}

/// The shadow roots handed over so far.
pub fn shadow_roots() -> Vec<ShadowRoot> {
    SHADOW_ROOTS.with_borrow(Clone::clone)
}

/// Every element matching `selector`, in the document, then in each
/// shadow root.
pub fn query_all(selector: &str) -> Vec<Element> {
    let mut found = elements(document().query_selector_all(selector));
    for root in shadow_roots() {
        found.extend(elements(root.query_selector_all(selector)));
    }
    found
}

/// Every element matching `selector` in the tree that holds `near` (the
/// document, or the shadow tree it is in), in tree order.
pub fn query_in_tree(near: &Node, selector: &str) -> Vec<Element> {
    elements(match near.get_root_node().dyn_into::<ShadowRoot>() {
        Ok(root) => root.query_selector_all(selector),
        Err(_) => document().query_selector_all(selector),
    })
}

fn elements(list: Result<NodeList, JsValue>) -> Vec<Element> {
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into().ok())
        .collect()
}

/// The element with id `id`, in the document or a shadow root (Gloss's
/// ids carry their widget's key, so there is one at most).
pub fn by_id(id: &str) -> Option<Element> {
    document()
        .get_element_by_id(id)
        .or_else(|| shadow_roots().iter().find_map(|r| r.get_element_by_id(id)))
}

/// The element that has focus, inside a shadow tree if it is there (the
/// document names only the tree's host).
pub fn active_element() -> Option<Element> {
    let mut active = document().active_element()?;
    while let Some(inner) = shadow_root_of(&active).and_then(|r| r.active_element()) {
        active = inner;
    }
    Some(active)
}

/// The shadow root hosted by `host`: its open one, or one handed over.
fn shadow_root_of(host: &Element) -> Option<ShadowRoot> {
    host.shadow_root().or_else(|| {
        shadow_roots()
            .into_iter()
            .find(|r| r.host().is_same_node(Some(host)))
    })
}

/// The element an event began at. A listener on the window sees an event
/// from a shadow tree as its host's; the composed path names the element.
pub fn origin(ev: &Event) -> Option<Element> {
    ev.composed_path()
        .get(0)
        .dyn_into::<Element>()
        .ok()
        .or_else(|| ev.target()?.dyn_into().ok())
}

/// The element at `(x, y)` in the window, in the tree that holds `near`.
pub fn element_from_point(near: &Node, x: f32, y: f32) -> Option<Element> {
    match near.get_root_node().dyn_into::<ShadowRoot>() {
        Ok(root) => root.element_from_point(x, y),
        Err(_) => document().element_from_point(x, y),
    }
}

/// A click on a link to one of the widget's own anchors (a footnote, its
/// way back, a heading) where the browser would not find it: in a shadow
/// tree (the browser looks for the anchor in the document), or on a page
/// whose `<base href>` is another page (an Angular app's `/`, an
/// `<iframe srcdoc>`'s parent), where `#x` means that page. The URL names
/// the anchor and the anchor is scrolled to and focused here, as the
/// browser does in the document.
pub fn follow_anchor_link(ev: &web_sys::MouseEvent) {
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a[href^='#']").ok().flatten());
    let Some(link) = link else {
        return;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    let id = js_sys::decode_uri_component(&href[1..])
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_default();
    let target = match link.get_root_node().dyn_into::<ShadowRoot>() {
        Ok(root) => root.get_element_by_id(&id),
        Err(_) if base_is_elsewhere() => document().get_element_by_id(&id),
        Err(_) => None,
    };
    let Some(target) = target else {
        return;
    };
    ev.prevent_default();
    let _ = leptos::prelude::window().location().set_hash(&href);
    target.scroll_into_view();
    if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = target.focus_with_options(&options);
    }
}

/// Whether the page's relative URLs resolve against another page than this
/// one (a `<base href>`, or an `about:srcdoc` frame's parent).
fn base_is_elsewhere() -> bool {
    let page = |url: String| url.split('#').next().map(str::to_owned);
    let base = document().base_uri().ok().flatten().and_then(page);
    let here = leptos::prelude::window()
        .location()
        .href()
        .ok()
        .and_then(page);
    base != here
}
