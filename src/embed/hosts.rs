//! Finding host elements and mounting a widget into each, once per source:
//! a host whose `data-gloss-src` changes (a framework reusing the node for
//! another explainer) has its widget taken down and gets a new one.

use super::root::GlossRoot;
use super::source::{absolute_url, Source, DEFAULT_TIMEOUT_MS};
use super::{COMPILED, PRERENDERED};
use crate::ui::chronology::css_escape;
use crate::ui::heading::{parse_level, HEADING_LEVEL};
use crate::ui::roots;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Marks a host that already has a widget; its value is the
/// `data-gloss-src` the widget was mounted for.
const MOUNTED: &str = "data-gloss-mounted";

/// A host's widget key (see [`widget_key`]), kept for a remount.
const KEY: &str = "data-gloss-key";

thread_local! {
    /// The widgets this build mounted: each host, and the owner of its
    /// widget's effects and listeners.
    static WIDGETS: RefCell<Vec<(HtmlElement, Owner)>> = const { RefCell::new(Vec::new()) };
}

/// Mounts a widget into every `[data-gloss-src]` and `[data-gloss]` element
/// that has none yet, after taking down those whose source has changed.
pub fn mount_new_hosts() {
    for host in roots::query_all("[data-gloss-src], [data-gloss]") {
        let Ok(host) = host.dyn_into::<HtmlElement>() else {
            continue;
        };
        let src = host.get_attribute("data-gloss-src").unwrap_or_default();
        match host.get_attribute(MOUNTED) {
            Some(mounted) if mounted == src => continue,
            // Another build's widget, or a source that changed.
            Some(_) if !unmount(&host) => continue,
            _ => {}
        }
        let source = compiled_source(&host).unwrap_or_else(|| source_of(&host));
        if cfg!(not(feature = "parser")) && !matches!(source, Source::Compiled { .. }) {
            // Left to the full build, which gloss.js loads for such hosts.
            continue;
        }
        let _ = host.set_attribute(MOUNTED, &src);
        let prerendered = prerendered_root(&host);
        let prefix = widget_key(&host, prerendered.as_ref());
        let level = host
            .get_attribute(HEADING_LEVEL)
            .and_then(|l| parse_level(&l));
        // The widget's reactive owner is this one's child: cleaning this one
        // up stops the widget (the view's own unmount code is not needed, so
        // it stays out of the wasm: the nodes are removed by hand).
        let owner = Owner::new();
        owner.with(|| match prerendered {
            None => {
                // gloss.js's "Loading" stand-in, which the widget replaces.
                let placeholder = host.query_selector(":scope > [data-gloss-placeholder]");
                if let Ok(Some(placeholder)) = placeholder {
                    placeholder.remove();
                }
                follow_anchor(host.clone(), &prefix);
                leptos::mount::mount_to(
                    host.clone(),
                    move || view! { <GlossRoot source=source prefix=prefix heading_level=level/> },
                )
                .forget()
            }
            Some(prerendered) => mount_in_place_of(prerendered, source, prefix, level),
        });
        WIDGETS.with_borrow_mut(|widgets| widgets.push((host, owner)));
    }
}

/// A page opened at one of a widget's anchors (a heading, a footnote: a
/// link a reader shared) had nothing there to scroll to as it loaded: the
/// widget draws its article later. Once the anchor is drawn, it is
/// scrolled to as the browser would have (a prerendered widget's anchors
/// were there in time for the browser).
fn follow_anchor(host: HtmlElement, prefix: &str) {
    let hash = window().location().hash().unwrap_or_default();
    let id = js_sys::decode_uri_component(hash.trim_start_matches('#'))
        .ok()
        .and_then(|id| id.as_string())
        .filter(|id| id.starts_with(&format!("{prefix}-")));
    if let Some(id) = id {
        // Tried for up to 5 s (a long article is drawn a slice per task).
        scroll_once_drawn(host, id, 100);
    }
}

fn scroll_once_drawn(host: HtmlElement, id: String, tries: u32) {
    let target = roots::by_id(&id).filter(|el| host.contains(Some(el)));
    match target {
        Some(target) => target.scroll_into_view(),
        None if tries > 0 => set_timeout(
            move || scroll_once_drawn(host, id, tries - 1),
            Duration::from_millis(50),
        ),
        None => {}
    }
}

/// Takes down the widget this build mounted in `host` (its effects and
/// listeners, then its nodes), with what the page
/// compiled in for its old source, and marks the host unmounted; false
/// when the widget is another build's (gloss.js asks that build too).
fn unmount(host: &HtmlElement) -> bool {
    let owner = WIDGETS.with_borrow_mut(|widgets| {
        let at = widgets.iter().position(|(h, _)| h == host)?;
        Some(widgets.swap_remove(at).1)
    });
    let Some(owner) = owner else {
        return false;
    };
    owner.cleanup();
    let stale = format!(":scope > [{PRERENDERED}], :scope > script[{COMPILED}], :scope > .gloss");
    if let Ok(list) = host.query_selector_all(&stale) {
        for i in 0..list.length() {
            if let Some(el) = list.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove();
            }
        }
    }
    let _ = host.remove_attribute(MOUNTED);
    true
}

/// The widget the build prerendered into `host`, if any (see
/// [`crate::embed::prerender`]).
fn prerendered_root(host: &Element) -> Option<Element> {
    let selector = format!(":scope > [{PRERENDERED}]");
    host.query_selector(&selector).ok().flatten()
}

/// Builds the live widget off the page and puts it in the prerendered one's
/// place once it has settled, in one step: the reader never sees a blank or
/// half-built widget, and the layout does not move (the same components drew
/// both).
fn mount_in_place_of(prerendered: Element, source: Source, prefix: String, level: Option<u8>) {
    let Ok(holder) = document().create_element("div") else {
        return;
    };
    let on_settle: Rc<dyn Fn()> = {
        let holder = holder.clone();
        Rc::new(move || {
            let Some(live) = holder.first_element_child() else {
                return;
            };
            if !prerendered.is_connected() {
                return;
            }
            let focused = focused_index(&prerendered);
            let open_card = open_card_mention(&prerendered);
            let _ = prerendered.replace_with_with_node_1(&live);
            // A reader who had focused something in the prerendered widget
            // keeps focus on the same control in the live one, once drawn,
            // and a card the browser had opened stays open (pinned, as a
            // click leaves it).
            if focused.is_some() || open_card.is_some() {
                set_timeout(
                    move || {
                        if let Some(index) = focused {
                            focus_nth(&live, index);
                        }
                        if let Some(mention) = open_card {
                            reopen_card(&live, &mention);
                        }
                    },
                    Duration::ZERO,
                );
            }
        })
    };
    leptos::mount::mount_to(
        holder.unchecked_into(),
        move || view! { <GlossRoot source=source prefix=prefix heading_level=level on_settle=on_settle/> },
    )
    .forget();
}

/// What can hold focus in a widget, in document order (the prerendered and
/// the live widget have the same controls in the same order, cards aside).
const FOCUSABLE: &str = "button, a[href], [tabindex]";

/// `root`'s focusable elements outside its cards (a prerendered widget has a
/// closed card per term, the live one only the open card).
fn controls(root: &Element) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<Element>().ok())
        .filter(|el| el.closest("[data-gloss-card]").ok().flatten().is_none())
        .collect()
}

/// The place among `root`'s controls of the one holding focus.
fn focused_index(root: &Element) -> Option<usize> {
    let active = roots::active_element()?;
    controls(root)
        .iter()
        .position(|el| el.is_same_node(Some(&active)))
}

fn focus_nth(root: &Element, index: usize) {
    let target = controls(root)
        .into_iter()
        .nth(index)
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(el) = target {
        crate::ui::hovercard::without_opening_cards(|| {
            let _ = el.focus();
        });
    }
}

/// The mention whose prerendered card is open, if one is: the one focused
/// (a click or key opened it) or under the pointer (hover), else the term's
/// first mention.
fn open_card_mention(root: &Element) -> Option<String> {
    let card = root
        .query_selector("[data-gloss-card]:popover-open")
        .ok()??;
    let term = card.get_attribute("data-gloss-card")?;
    let invoker = ["focus", "hover"].iter().find_map(|state| {
        let selector = format!("[data-gloss-mention]:{state}");
        root.query_selector(&selector).ok().flatten()
    });
    let mention = invoker
        .filter(|m| m.get_attribute("data-term").as_deref() == Some(term.as_str()))
        .or_else(|| {
            let first = format!(".gloss-term[data-term=\"{}\"]", css_escape(&term));
            root.query_selector(&first).ok().flatten()
        })?;
    mention.get_attribute("data-gloss-mention")
}

/// Opens the live card of mention `mention` as a click on it would.
fn reopen_card(root: &Element, mention: &str) {
    let selector = format!(
        ".gloss-term[data-gloss-mention=\"{}\"]",
        css_escape(mention)
    );
    if let Some(button) = root
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    {
        button.click();
    }
}

/// The widget's key in element ids and the URL fragment: the one it had
/// (a remount), the prerendered widget's, or a new one from the host's id
/// or a number, that no widget on the page has. The page, not a counter,
/// is asked, because the reader and full builds each mount some widgets.
fn widget_key(host: &Element, prerendered: Option<&Element>) -> String {
    let key = host
        .get_attribute(KEY)
        .or_else(|| {
            let frame = prerendered?.query_selector(".gloss-frame").ok()??;
            frame.id().strip_suffix("-frame").map(str::to_owned)
        })
        .unwrap_or_else(|| crate::core::fragment::widget_key(&host.id(), key_is_free));
    let _ = host.set_attribute(KEY, &key);
    key
}

/// Whether no widget on the page, live or prerendered, has `key`.
fn key_is_free(key: &str) -> bool {
    let taken = format!("[{KEY}=\"{key}\"]");
    roots::query_all(&taken).is_empty() && roots::by_id(&format!("{key}-frame")).is_none()
}

/// The explainer compiled into the page for `host` at build time (see
/// [`crate::core::compiled`]), when there is one and it can be read.
fn compiled_source(host: &Element) -> Option<Source> {
    let selector = format!(":scope > script[{COMPILED}]");
    let text = host.query_selector(&selector).ok()??.text_content()?;
    match crate::core::compiled::decode_with(&text, from_base64) {
        Ok(parsed) => Some(Source::Compiled {
            parsed: Box::new(parsed),
            base: host
                .get_attribute("data-gloss-src")
                .and_then(|src| absolute_url(&src)),
        }),
        Err(why) => {
            let message =
                format!("Gloss: the explainer compiled into this page is unusable: {why}");
            web_sys::console::warn_1(&message.into());
            None
        }
    }
}

/// The bytes of base64 `text`, by the browser's own decoder (its result is
/// a string of one character per byte).
fn from_base64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}

/// What a host element asks to show.
fn source_of(host: &Element) -> Source {
    if let Some(src) = host.get_attribute("data-gloss-src") {
        let src = host
            .get_attribute("data-gloss-query")
            .and_then(|param| query_override(&param))
            .unwrap_or(src);
        let timeout_ms = host
            .get_attribute("data-gloss-timeout")
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(DEFAULT_TIMEOUT_MS);
        return Source::Url {
            url: src,
            timeout_ms,
        };
    }
    let inline = host
        .query_selector("script[type='text/markdown']")
        .ok()
        .flatten()
        .and_then(|s| s.text_content())
        .unwrap_or_default();
    Source::Inline(inline)
}

/// The page's `?PARAM=` value, when the host opts in with
/// `data-gloss-query="PARAM"`. Only same-origin URLs are accepted, so a
/// crafted link cannot make the page show someone else's content.
fn query_override(param: &str) -> Option<String> {
    let location = window().location();
    let search = web_sys::UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    let value = search.get(param)?;
    let page = location.href().ok()?;
    let resolved = web_sys::Url::new_with_base(&value, &page).ok()?;
    (resolved.origin() == location.origin().ok()?).then_some(value)
}
