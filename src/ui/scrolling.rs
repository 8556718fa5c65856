//! Bringing a passage into view, smoothly only where the reader allows
//! motion.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, ShadowRoot};

/// Whether the reader asked for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

thread_local! {
    /// When [`scroll_to`] last started a scroll (`Date.now()`, ms).
    static SCROLLED_AT: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
}

/// Whether [`scroll_to`] started a scroll in the last quarter second: one
/// that a scroll of anything else would cut short where it is smooth.
pub fn scrolling_to_a_passage() -> bool {
    js_sys::Date::now() - SCROLLED_AT.with(std::cell::Cell::get) < 250.0
}

/// Scrolls `element` to the middle of the viewport.
pub fn scroll_to(element: &Element) {
    SCROLLED_AT.with(|at| at.set(js_sys::Date::now()));
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Center);
    options.set_behavior(if prefers_reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls `container` (the sidebar, where it scrolls on its own) so that
/// `element` in it is in view, without moving the page; nothing when it
/// is in view already or the container does not scroll. "In view" is in
/// the part of the container inside the window, and, while the container
/// is not all inside it (a sidebar not yet stuck to the top of the window
/// reaches below its bottom), clear of that part's edges by the element's
/// own height: the page may yet move the container (a passage being
/// scrolled to moves it).
pub fn reveal_in(container: &Element, element: &Element) {
    if container.scroll_height() <= container.client_height() {
        return;
    }
    let (outer, inner) = (
        container.get_bounding_client_rect(),
        element.get_bounding_client_rect(),
    );
    let (view_top, view_bottom) = band(scroller_of(container).as_ref());
    let (top, bottom) = (outer.top().max(view_top), outer.bottom().min(view_bottom));
    let room = if outer.top() < view_top || outer.bottom() > view_bottom {
        inner.height()
    } else {
        0.0
    };
    if inner.top() >= top + room && inner.bottom() <= bottom - room {
        return;
    }
    let centred = inner.top() - top - (bottom - top - inner.height()) / 2.0;
    container.set_scroll_top(container.scroll_top() + centred as i32);
}

/// Brings `element` into view for the keyboard: in the sidebar, where it
/// scrolls on its own, as [`reveal_in`] does; when that is not enough (an
/// item at the end of a sidebar that reaches below the window), the page
/// (or the box that scrolls the widget) scrolls the sidebar's edge into
/// view first. Elsewhere as the browser would on focus.
pub fn reveal(element: &Element) {
    let side = element.closest(".gloss-side").ok().flatten();
    match side.filter(|s| s.scroll_height() > s.client_height()) {
        Some(side) => {
            let scroller = scroller_of(&side);
            let (top, bottom) = band(scroller.as_ref());
            let outside = |rect: &web_sys::DomRect| {
                if rect.bottom() > bottom {
                    rect.bottom() - bottom
                } else {
                    (rect.top() - top).min(0.0)
                }
            };
            reveal_in(&side, element);
            if outside(&element.get_bounding_client_rect()) != 0.0 {
                let by = outside(&side.get_bounding_client_rect());
                match &scroller {
                    Some(scroller) => scroller.scroll_by_with_x_and_y(0.0, by),
                    None => window().scroll_by_with_x_and_y(0.0, by),
                }
                reveal_in(&side, element);
            }
        }
        None => {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Nearest);
            element.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

/// The box that scrolls `element` when that is not the page: its nearest
/// ancestor (across shadow roots) whose overflow is not visible, the box
/// `position: sticky` sticks in; `None` for the page. The body counts
/// only when the root's overflow is not visible either (`html, body {
/// overflow-x: hidden }`): otherwise the body's overflow is the window's.
fn scroller_of(element: &Element) -> Option<Element> {
    let page = document().document_element();
    let body = document().body();
    let mut at = parent_of(element);
    while let Some(el) = at {
        if page.as_ref().is_some_and(|p| p.is_same_node(Some(&el))) {
            return None;
        }
        let is_body = body.as_ref().is_some_and(|b| b.is_same_node(Some(&el)));
        if is_body && !page.as_ref().is_some_and(clips) {
            return None;
        }
        if clips(&el) {
            return Some(el);
        }
        at = parent_of(&el);
    }
    None
}

/// Whether `element`'s overflow is other than visible: it is a scroll
/// container, whether or not it has anything to scroll.
fn clips(element: &Element) -> bool {
    window()
        .get_computed_style(element)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("overflow-y").ok())
        .is_some_and(|o| o != "visible" && o != "clip")
}

/// The parent element, or the host of the shadow root `element` is in.
fn parent_of(element: &Element) -> Option<Element> {
    element.parent_element().or_else(|| {
        let root = element.get_root_node().dyn_into::<ShadowRoot>().ok()?;
        Some(root.host())
    })
}

/// The band of the window, top and bottom, in which what `scroller` (or
/// the page, for `None`) scrolls can be seen.
fn band(scroller: Option<&Element>) -> (f64, f64) {
    let (mut top, mut bottom) = (0.0, window_height());
    if let Some(scroller) = scroller {
        let rect = scroller.get_bounding_client_rect();
        let inner_top = rect.top() + f64::from(scroller.client_top());
        top = inner_top.max(top);
        bottom = (inner_top + f64::from(scroller.client_height())).min(bottom);
    }
    (top, bottom)
}

/// Keeps the sidebar of the widget drawn in `frame` no taller than the box
/// that scrolls the widget when that is not the page (a scrolling `div`, a
/// modal dialog), whose height it writes into `--gloss-view-height`; the
/// sidebar's CSS takes the window's otherwise. (The page's fixed header,
/// `--gloss-page-top`, is not over such a box: it is unset there, but for
/// the body.) A box taller than the window lets nothing stick: there the
/// sidebar has no height limit (`--gloss-side-max`). Kept up as the box or
/// the widget change size (a widget is first measured once it is in the
/// page and drawn: built off the page, or in a box still hidden). Stops
/// with the widget.
///
/// The observer only asks for a fit in the next frame: writing sizes, or
/// watching the box (an ancestor), from inside its callback changes what it
/// observes in the same frame, which the browser reports on the window as
/// "ResizeObserver loop completed with undelivered notifications", an
/// error that a page's error monitoring counts.
pub fn fit_side_to_scroller(frame: web_sys::HtmlElement) {
    use wasm_bindgen::closure::Closure;
    let fit = SideFit {
        frame,
        observer: Default::default(),
        pending: Default::default(),
    };
    let in_callback = fit.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let fit = in_callback.clone();
        if !fit.pending.replace(true) {
            request_animation_frame(move || {
                fit.pending.set(false);
                fit.run();
            });
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(&fit.frame);
    *fit.observer.borrow_mut() = (Some(observer.clone()), None);
    let kept = send_wrapper::SendWrapper::new((observer, callback, fit.observer));
    on_cleanup(move || {
        // A fit already asked for then finds no observer to watch with.
        kept.2.borrow_mut().0 = None;
        kept.0.disconnect();
    });
}

/// What [`fit_side_to_scroller`] keeps between frames: the widget's frame,
/// the observer with the box it watches besides the frame, and whether a
/// fit is already asked for.
#[derive(Clone)]
struct SideFit {
    frame: web_sys::HtmlElement,
    observer: std::rc::Rc<std::cell::RefCell<(Option<web_sys::ResizeObserver>, Option<Element>)>>,
    pending: std::rc::Rc<std::cell::Cell<bool>>,
}

impl SideFit {
    fn run(&self) {
        let scroller = scroller_of(&self.frame);
        let height = scroller.as_ref().map_or(0, Element::client_height);
        let style = self.frame.style();
        // A box taller than the window never lets the sidebar stick in
        // view (it is the body, or a box with no height of its own that
        // only clips its width): the sidebar keeps its whole height in
        // the page, rather than a window-tall box that scrolls away with
        // the chronology hidden inside it.
        let _ = if f64::from(height) > window_height() {
            style.set_property("--gloss-side-max", "none")
        } else {
            style.remove_property("--gloss-side-max").map(drop)
        };
        // A page that scrolls its body keeps its fixed header over it.
        let in_page = scroller
            .as_ref()
            .is_none_or(|s| document().body().is_some_and(|b| b.is_same_node(Some(s))));
        let _ = if in_page {
            style.remove_property("--gloss-page-top")
        } else {
            style
                .set_property("--gloss-page-top", "initial")
                .map(|()| String::new())
        };
        let _ = if height > 0 {
            style.set_property("--gloss-view-height", &format!("{height}px"))
        } else {
            style.remove_property("--gloss-view-height").map(drop)
        };
        let mut state = self.observer.borrow_mut();
        let (Some(observer), watched) = &mut *state else {
            return;
        };
        if scroller != *watched {
            if let Some(old) = watched.take() {
                observer.unobserve(&old);
            }
            if let Some(new) = &scroller {
                observer.observe(new);
            }
            *watched = scroller;
        }
    }
}

/// The window's height in CSS pixels (unbounded if it cannot be read).
fn window_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY)
}
