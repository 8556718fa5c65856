//! Glossary hovercards (WCAG 1.4.13: dismissible, hoverable, persistent).
//!
//! A card opens on hover after a short intent delay, at once on keyboard
//! focus, and pinned on click or tap. It stays open while the pointer is on
//! the term or the card, and closes on Escape, on the pointer leaving both
//! (after a grace delay), on focus leaving both, and on a tap elsewhere. The
//! card is a manual popover in the top layer, placed by [`place_card`] so it
//! never covers its term.

use super::article::ArticleRenderer;
use super::placement::{place_card, Rect};
use super::selection::{OpenCard, Selection};
use crate::core::ids::TermId;
use crate::core::model::Term;
use crate::core::Explainer;
use leptos::ev;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusEvent, HtmlElement, KeyboardEvent, PointerEvent};

/// How long the pointer rests on a term before its card opens.
const OPEN_DELAY: Duration = Duration::from_millis(300);
/// How long a card waits after the pointer leaves, so it can reach the card.
const CLOSE_DELAY: Duration = Duration::from_millis(300);

fn cancel_timer(selection: Selection) {
    // Asked with `try_`: a term losing focus as its widget is taken down
    // (Chromium blurs a focused element it removes) runs this after the
    // widget's state is gone.
    if let Some(Some(handle)) = selection.timer.try_get_value() {
        handle.clear();
    }
    selection.timer.set_value(None);
}

fn schedule(selection: Selection, delay: Duration, action: impl FnOnce() + 'static) {
    cancel_timer(selection);
    if let Ok(handle) = set_timeout_with_handle(action, delay) {
        selection.timer.set_value(Some(handle));
    }
}

fn open(selection: Selection, term: TermId, mention: usize, pinned: bool) {
    cancel_timer(selection);
    selection.card.set(Some(OpenCard {
        term,
        mention,
        pinned,
    }));
}

/// Closes the card unless a click pinned it.
fn close_unless_pinned(selection: Selection) {
    if selection
        .card
        .with_untracked(|c| c.as_ref().is_some_and(|c| !c.pinned))
    {
        selection.card.set(None);
    }
}

/// The pointer rests on a mention: open its card after the intent delay.
/// Touch is left to the click that follows a tap.
pub fn pointer_enters_term(selection: Selection, term: TermId, mention: usize, ev: PointerEvent) {
    if ev.pointer_type() == "touch" {
        return;
    }
    if selection
        .card
        .with_untracked(|c| c.as_ref().is_some_and(|c| c.mention == mention))
    {
        cancel_timer(selection);
        return;
    }
    schedule(selection, OPEN_DELAY, move || {
        open(selection, term, mention, false)
    });
}

/// The pointer left a mention or the card: close after the grace delay.
pub fn pointer_leaves(selection: Selection, ev: PointerEvent) {
    if ev.pointer_type() == "touch" {
        return;
    }
    if selection.card.with_untracked(Option::is_none) {
        cancel_timer(selection);
        return;
    }
    schedule(selection, CLOSE_DELAY, move || {
        close_unless_pinned(selection)
    });
}

thread_local! {
    /// Set while focus moves for a reason other than the reader's.
    static QUIET_FOCUS: Cell<bool> = const { Cell::new(false) };
}

/// Runs `move_focus` without the focus it moves opening a card: the embed
/// layer hands focus from the prerendered widget to the live one, which is
/// not the reader asking for a card.
pub fn without_opening_cards(move_focus: impl FnOnce()) {
    QUIET_FOCUS.with(|quiet| quiet.set(true));
    move_focus();
    QUIET_FOCUS.with(|quiet| quiet.set(false));
}

/// Keyboard focus reached a decorated mention: open at once.
pub fn focus_enters_term(selection: Selection, term: TermId, mention: usize) {
    if QUIET_FOCUS.with(Cell::get) {
        return;
    }
    if selection
        .card
        .with_untracked(|c| c.as_ref().is_some_and(|c| c.mention == mention))
    {
        return;
    }
    open(selection, term, mention, false);
}

/// Focus left a mention or the card: close unless it went into the card,
/// or the window lost it (the reader went to another window, or to the
/// address bar to copy the link to this card: it is there on return).
pub fn focus_leaves(selection: Selection, ev: FocusEvent) {
    if !document().has_focus().unwrap_or(true) {
        return;
    }
    let into_card = ev
        .related_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| {
            el.closest("[data-gloss-card]").ok().flatten().is_some()
                || el.closest("[data-gloss-mention]").ok().flatten().is_some()
        });
    if !into_card {
        cancel_timer(selection);
        selection.card.set(None);
    }
}

/// A click or tap on a decorated mention pins its card, or closes it when
/// it was already pinned.
pub fn click_term(selection: Selection, term: TermId, mention: usize) {
    let pinned_here = selection
        .card
        .with_untracked(|c| c.as_ref().is_some_and(|c| c.mention == mention && c.pinned));
    if pinned_here {
        cancel_timer(selection);
        selection.card.set(None);
    } else {
        open(selection, term, mention, true);
    }
}

/// The keys a button answers, for a mention that is text acting as one (so
/// that it wraps between its words): Enter and Space click it (Space would
/// otherwise scroll the page); Tab goes into its open card.
pub fn term_keydown(selection: Selection, term: TermId, mention: usize, ev: KeyboardEvent) {
    let modified = ev.alt_key() || ev.ctrl_key() || ev.meta_key();
    if matches!(ev.key().as_str(), "Enter" | " ") && !modified {
        ev.prevent_default();
        if !ev.repeat() {
            click_term(selection, term, mention);
        }
        return;
    }
    tab_into_card(selection, mention, ev);
}

/// What the keyboard can reach, in a card or in the page.
const TABBABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The elements matching [`TABBABLE`] under `scope` that are shown.
fn tabbable_in(scope: &Element) -> Vec<HtmlElement> {
    let Ok(list) = scope.query_selector_all(TABBABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<HtmlElement>().ok())
        .filter(shown)
        .collect()
}

fn shown(el: &HtmlElement) -> bool {
    el.get_client_rects().length() > 0
}

/// Whether the key is Tab, with or without Shift (WebKitGTK names Shift+Tab
/// by its GTK key, so the key code is asked too).
fn is_tab(ev: &KeyboardEvent) -> bool {
    ev.key() == "Tab" || ev.key_code() == 9
}

/// Tab from a term whose card is open, and has links or scrolls, goes
/// into the card:
/// the card sits in the top layer, away from its term in the document, so
/// the browser's own order would skip it.
fn tab_into_card(selection: Selection, mention: usize, ev: KeyboardEvent) {
    if !is_tab(&ev) || ev.shift_key() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    if !selection
        .card
        .with_untracked(|c| c.as_ref().is_some_and(|c| c.mention == mention))
    {
        return;
    }
    let Some(card) = super::roots::by_id(&selection.card_id()) else {
        return;
    };
    // A card taller than its room (long details, a short window) takes
    // focus itself first, so the keys scroll it; then its links follow.
    let scrolls = card.scroll_height() > card.client_height();
    let target = if scrolls {
        card.dyn_into::<HtmlElement>().ok()
    } else {
        tabbable_in(&card).into_iter().next()
    };
    if let Some(target) = target {
        ev.prevent_default();
        let _ = target.focus();
    }
}

/// The reading keys scroll a card that has focus itself (one too tall for
/// its room), the same in every engine: a line, nine tenths of a page, or
/// to either end.
fn scroll_by_keys(card: &Element, ev: &KeyboardEvent) {
    let focused = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|t| t.is_same_node(Some(card)));
    if !focused || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let (top, page) = (card.scroll_top(), card.client_height() * 9 / 10);
    let to = match ev.key().as_str() {
        "ArrowDown" => top + 40,
        "ArrowUp" => top - 40,
        "PageDown" => top + page,
        " " if !ev.shift_key() => top + page,
        "PageUp" | " " => top - page,
        "Home" => 0,
        "End" => card.scroll_height(),
        _ => return,
    };
    ev.prevent_default();
    card.set_scroll_top(to);
}

/// Tab past the card's last link goes on from its term, and Shift+Tab
/// retraces Tab's way in: from the first link to a card that takes focus
/// itself (one that scrolls), and from there, or from a first link of a
/// card that does not, back to the term.
fn tab_out_of_card(card: &Element, mention: usize, ev: &KeyboardEvent) {
    if !is_tab(ev) || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let inside = tabbable_in(card);
    let active = super::roots::active_element();
    let at = |el: Option<&HtmlElement>| {
        el.zip(active.as_ref())
            .is_some_and(|(el, active)| el.is_same_node(Some(active)))
    };
    let Some(term) = find_mention(card, mention) else {
        return;
    };
    if ev.shift_key() {
        let on_card = active.as_ref().is_some_and(|a| a.is_same_node(Some(card)));
        if on_card || at(inside.first()) || inside.is_empty() {
            ev.prevent_default();
            let scrolls = card.scroll_height() > card.client_height();
            let back: &Element = if scrolls && !on_card { card } else { &term };
            let _ = back.unchecked_ref::<HtmlElement>().focus();
        }
        return;
    }
    if !(at(inside.last()) || inside.is_empty()) {
        return;
    }
    // The next stop after the term in the page (or the shadow tree the
    // widget is in), outside the card.
    let page = super::roots::query_in_tree(&term, TABBABLE);
    let after_term = page
        .into_iter()
        .filter_map(|el| el.dyn_into::<HtmlElement>().ok())
        .filter(shown)
        .skip_while(|el| !el.is_same_node(Some(&term)))
        .skip(1)
        .find(|el| !card.contains(Some(el)));
    if let Some(next) = after_term {
        ev.prevent_default();
        let _ = next.focus();
    }
}

/// The open card of the widget, if any.
#[component]
pub fn TermCard(explainer: StoredValue<Explainer>) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let current = Memo::new(move |_| {
        selection
            .card
            .with(|c| c.as_ref().map(|c| (c.term.clone(), c.mention)))
    });
    let card_ref = NodeRef::<leptos::html::Div>::new();

    // Where the open card's term was when the card was last placed, and
    // whether a frame loop is following it (see `Follow`).
    let placed_for: Rc<Cell<Option<(f64, f64)>>> = Rc::default();
    let following: Rc<Cell<bool>> = Rc::default();
    let reposition = {
        let placed_for = placed_for.clone();
        Rc::new(move || {
            if let (Some((_, mention)), Some(card)) =
                (current.get_untracked(), card_ref.get_untracked())
            {
                show_and_place(&card, mention);
                hide_while_term_is_out_of_sight(&card, mention);
                placed_for.set(term_place(&card, mention));
            }
        })
    };
    // Place the card once it is in the DOM, and again when the page moves.
    let follow = Follow {
        current,
        card_ref,
        placed_for: placed_for.clone(),
        following,
        reposition: reposition.clone(),
    };
    Effect::new(move |_| {
        if let (Some((_, mention)), Some(card)) = (current.get(), card_ref.get()) {
            show_and_place(&card, mention);
            placed_for.set(term_place(&card, mention));
            if !follow.following.replace(true) {
                follow.clone().next_frame();
            }
        }
    });
    // Any scrolling moves the term: the page's, or a scrolling box's of the
    // host page around the widget (whose scroll events reach the window
    // only while they are captured).
    // (Not the card's own scrolling: placing it again would take its
    // reader back to its top.)
    let scrolled = reposition.clone();
    let on_scroll = StoredValue::new_local(Some(capture_scroll(move |ev: web_sys::Event| {
        let in_card = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|t| {
                card_ref
                    .get_untracked()
                    .is_some_and(|c| c.contains(Some(&t)))
            });
        if !in_card {
            scrolled();
        }
    })));
    let on_resize = window_event_listener(ev::resize, move |_| reposition());
    // Escape closes from anywhere: the pointer may be over the card while
    // focus is elsewhere on the page. Heard first, as the key goes down
    // the page (capture): a host's modal or lightbox around the widget,
    // which listens on its own element, must not close with the card.
    let on_key = capture(
        "keydown",
        vec![window().into()],
        move |ev: web_sys::Event| {
            let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if ev.key() != "Escape" || selection.card.with_untracked(Option::is_none) {
                return;
            }
            let focus_in_card = card_ref.get_untracked().is_some_and(|card| {
                super::roots::active_element().is_some_and(|active| card.contains(Some(&active)))
            });
            let mention = current.get_untracked().map(|(_, m)| m);
            cancel_timer(selection);
            selection.card.set(None);
            // This Escape was the card's: a modal dialog of the host page
            // around the widget must not close with it.
            ev.prevent_default();
            ev.stop_propagation();
            if focus_in_card {
                if let (Some(card), Some(m)) = (card_ref.get_untracked(), mention) {
                    if let Some(anchor) = find_mention(&card, m) {
                        // Back on its term, whose focus must not reopen it.
                        without_opening_cards(|| {
                            let _ = anchor.unchecked_into::<HtmlElement>().focus();
                        });
                    }
                }
            }
        },
    );
    // A tap or click outside the card and the mentions closes it.
    let on_pointer = window_event_listener(ev::pointerdown, move |ev| {
        if selection.card.with_untracked(Option::is_none) {
            return;
        }
        let inside = super::roots::origin(&ev).is_some_and(|el| {
            card_ref
                .get_untracked()
                .is_some_and(|card| card.contains(Some(&el)))
                || el.closest("[data-gloss-mention]").ok().flatten().is_some()
        });
        if !inside {
            cancel_timer(selection);
            selection.card.set(None);
        }
    });
    on_cleanup(move || {
        // A hover intent still pending must not fire into a widget taken
        // down (a host given another source).
        cancel_timer(selection);
        if let Some(remove) = on_scroll.try_update_value(Option::take).flatten() {
            remove();
        }
        on_resize.remove();
        on_key();
        on_pointer.remove();
    });

    move || {
        let (term_id, _) = current.get()?;
        let renderer = ArticleRenderer::plain(selection);
        explainer.with_value(|e| {
            let term = e.term(&term_id)?;
            let title_id = format!("{}-title", selection.card_id());
            let labelled_by = title_id.clone();
            Some(view! {
                <div
                    class="gloss-card"
                    id=selection.card_id()
                    data-gloss-card=term.id.to_string()
                    popover="manual"
                    lang=e.meta.lang.clone()
                    dir=super::explainer_view::direction(&e.meta.lang)
                    role="dialog"
                    aria-labelledby=labelled_by
                    tabindex="-1"
                    node_ref=card_ref
                    on:pointerenter=move |_| cancel_timer(selection)
                    on:pointerleave=move |ev| pointer_leaves(selection, ev)
                    on:focusout=move |ev| focus_leaves(selection, ev)
                    on:click=move |ev| super::roots::follow_anchor_link(&ev)
                    on:keydown=move |ev| {
                        if let (Some(card), Some((_, mention))) = (card_ref.get_untracked(), current.get_untracked()) {
                            scroll_by_keys(&card, &ev);
                            tab_out_of_card(&card, mention, &ev);
                        }
                    }
                >
                    {card_contents(term, &renderer, title_id)}
                </div>
            })
        })
    }
}

/// What a card says: the term, its summary, details and links.
pub fn card_contents(term: &Term, renderer: &ArticleRenderer, title_id: String) -> impl IntoView {
    let details = (!term.details.is_empty())
        .then(|| view! { <p class="gloss-card-details">{renderer.inlines(&term.details)}</p> });
    let links = (!term.links.is_empty()).then(|| {
        let items: Vec<_> = term
            .links
            .iter()
            .map(|l| {
                view! {
                    <li><a href=renderer.resolve(&l.url) rel="noopener noreferrer">{l.label.clone()}</a></li>
                }
            })
            .collect();
        view! { <ul class="gloss-card-links">{items}</ul> }
    });
    view! {
        <p class="gloss-card-title" id=title_id>{term.label.clone()}</p>
        <p class="gloss-card-summary">{renderer.inlines(&term.summary)}</p>
        {details}
        {links}
    }
}

/// Calls `f` on every scroll in the page, the window's or any element's,
/// until the returned function removes the listener. (An element's scroll
/// event stays in its shadow tree, so each shadow root Gloss knows is
/// listened to as well.)
fn capture_scroll(f: impl FnMut(web_sys::Event) + 'static) -> impl FnOnce() {
    let mut targets: Vec<web_sys::EventTarget> = vec![window().into()];
    targets.extend(super::roots::shadow_roots().into_iter().map(Into::into));
    capture("scroll", targets, f)
}

/// Calls `f` on every `event` at `targets` in the capture phase (before
/// any element of the page below them hears it), until the returned
/// function removes the listener.
fn capture(
    event: &'static str,
    targets: Vec<web_sys::EventTarget>,
    f: impl FnMut(web_sys::Event) + 'static,
) -> impl FnOnce() {
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(f);
    for target in &targets {
        let _ = target.add_event_listener_with_callback_and_bool(
            event,
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    let kept = send_wrapper::SendWrapper::new((targets, listener));
    move || {
        let (targets, listener) = &*kept;
        for target in targets {
            let _ = target.remove_event_listener_with_callback_and_bool(
                event,
                listener.as_ref().unchecked_ref(),
                true,
            );
        }
    }
}

/// A card whose term has scrolled out of sight (out of a scrolling box of
/// the host page, or under something the page keeps on top) is hidden
/// until the term is back, rather than left floating over other content.
fn hide_while_term_is_out_of_sight(card: &HtmlElement, mention: usize) {
    let Some(anchor) = find_mention(card, mention) else {
        return;
    };
    let r = anchor.get_bounding_client_rect();
    let (x, y) = (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
    let root = anchor.closest(".gloss").ok().flatten();
    let visible = super::roots::element_from_point(&anchor, x as f32, y as f32)
        .is_some_and(|hit| root.is_some_and(|root| root.contains(Some(&hit))));
    let _ = card
        .style()
        .set_property("visibility", if visible { "" } else { "hidden" });
}

/// Once a frame while a card is open, places it again if its term has
/// moved since it was placed: the page can move it without a scroll or a
/// resize (a banner inserted above the widget, its column widened).
#[derive(Clone)]
struct Follow {
    current: Memo<Option<(TermId, usize)>>,
    card_ref: NodeRef<leptos::html::Div>,
    placed_for: Rc<Cell<Option<(f64, f64)>>>,
    following: Rc<Cell<bool>>,
    reposition: Rc<dyn Fn()>,
}

impl Follow {
    fn next_frame(self) {
        request_animation_frame(move || {
            let open = self.current.try_get_untracked().flatten();
            let card = self.card_ref.try_get_untracked().flatten();
            let (Some((_, mention)), Some(card)) = (open, card) else {
                self.following.set(false);
                return;
            };
            if term_place(&card, mention) != self.placed_for.get() {
                (self.reposition)();
            }
            self.next_frame();
        });
    }
}

/// Where a card's term is in the window (its top left corner).
fn term_place(card: &Element, mention: usize) -> Option<(f64, f64)> {
    let r = find_mention(card, mention)?.get_bounding_client_rect();
    Some((r.left(), r.top()))
}

fn find_mention(card: &Element, mention: usize) -> Option<Element> {
    let root = card.closest(".gloss").ok().flatten()?;
    root.query_selector(&format!("[data-gloss-mention=\"{mention}\"]"))
        .ok()
        .flatten()
}

fn rect_of(el: &Element) -> Rect {
    let r = el.get_bounding_client_rect();
    Rect {
        left: r.left(),
        top: r.top(),
        width: r.width(),
        height: r.height(),
    }
}

/// Lifts the card into the top layer (where supported) and places it by its
/// mention. Only CSSOM properties are set, which a strict CSP allows.
/// A length in whole CSS pixels. Rounded, so no float formatting code
/// comes into the wasm for it (and a card's text sits on whole pixels).
fn px(length: f64) -> String {
    format!("{}px", length.round() as i64)
}

fn show_and_place(card: &HtmlElement, mention: usize) {
    let Some(anchor) = find_mention(card, mention) else {
        return;
    };
    if !card.matches(":popover-open").unwrap_or(true) {
        let _ = card.show_popover();
    }
    let style = card.style();
    let _ = style.set_property("max-height", "none");
    // The rect of the line the pointer or caret is on: a term wrapped over
    // two lines is placed by its first line.
    let rects = anchor.get_client_rects();
    let anchor_rect = match rects.get(0) {
        Some(r) => Rect {
            left: r.left(),
            top: r.top(),
            width: r.width(),
            height: r.height(),
        },
        None => rect_of(&anchor),
    };
    let doc = document().document_element();
    let viewport_width = doc.as_ref().map_or(0.0, |d| f64::from(d.client_width()));
    let viewport_height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    // Placed in the window's pixels; a page that zooms the widget (CSS
    // `zoom` on an ancestor) scales the card's own lengths by as much.
    let zoom = js_sys::Reflect::get(card, &"currentCSSZoom".into())
        .ok()
        .and_then(|z| z.as_f64())
        .filter(|z| *z > 0.0)
        .unwrap_or(1.0);
    // The room beside a classic scrollbar, which CSS's `100vw` counts in.
    let room = (viewport_width - 2.0 * super::placement::GAP) / zoom;
    let _ = style.set_property("--gloss-card-room", &px(room));
    let rtl = card.get_attribute("dir").as_deref() == Some("rtl");
    let placement = place_card(
        anchor_rect,
        rect_of(card),
        viewport_width,
        viewport_height,
        rtl,
    );
    let _ = style.set_property("left", &px(placement.left / zoom));
    let _ = style.set_property("top", &px(placement.top / zoom));
    let _ = style.set_property("max-height", &px(placement.max_height / zoom));
    let _ = card.set_attribute(
        "data-placement",
        if placement.above { "above" } else { "below" },
    );
}
