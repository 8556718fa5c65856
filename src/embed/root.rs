//! One widget's root: loading state, then the explainer or an alert.

use super::source::Source;
#[cfg(feature = "parser")]
use super::source::{absolute_url, fetch_text, LoadError};
#[cfg(feature = "parser")]
use crate::core::{dedent::dedent, Staged};
use crate::core::{Diagnostic, Explainer, Parsed};
use crate::ui::{Alert, ExplainerView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// Where a widget is in its life.
#[derive(Clone)]
enum State {
    Loading,
    Ready {
        explainer: Box<Explainer>,
        diagnostics: Vec<Diagnostic>,
        base: Option<String>,
    },
    Failed {
        title: String,
        detail: String,
        retryable: bool,
    },
}

impl State {
    /// The `data-gloss-state` value.
    fn name(&self) -> &'static str {
        match self {
            State::Loading => "loading",
            State::Ready { .. } => "ready",
            State::Failed { .. } => "error",
        }
    }
}

/// Loads `source`, parses it and shows the result; `on_settle` runs each
/// time it has (the explainer or an error is about to be drawn).
#[component]
pub fn GlossRoot(
    source: Source,
    prefix: String,
    /// The host's `data-gloss-heading-level` (see [`ExplainerView`]).
    #[prop(default = None)]
    heading_level: Option<u8>,
    #[prop(optional)] on_settle: Option<Rc<dyn Fn()>>,
) -> impl IntoView {
    let state = RwSignal::new(State::Loading);
    let on_settle = StoredValue::new_local(on_settle);
    let load = move |source: Source| {
        state.set(State::Loading);
        spawn_local(async move {
            let settled = load_state(source).await;
            // Drawing starts in a task of its own, not in the one that
            // parsed: neither holds the page for long on a big explainer.
            next_task().await;
            state.set(settled);
            on_settle.try_with_value(|settled| settled.as_ref().map(|f| f()));
        });
    };
    // Only a fetch can fail in a way worth retrying; any other source (a
    // compiled model above all) is handed over, not copied.
    let again = matches!(source, Source::Url { .. }).then(|| source.clone());
    load(source);
    let retry = Callback::new(move |()| {
        if let Some(source) = &again {
            load(source.clone());
        }
    });

    let content = move || {
        state.with(|s| match s {
            State::Loading => view! {
                <p class="gloss-loading" role="status">"Loading the explainer…"</p>
            }
            .into_any(),
            State::Ready {
                explainer,
                diagnostics,
                base,
            } => view! {
                <ExplainerView
                    explainer=(**explainer).clone()
                    diagnostics=diagnostics.clone()
                    base=base.clone()
                    prefix=prefix.clone()
                    heading_level=heading_level
                />
            }
            .into_any(),
            State::Failed {
                title,
                detail,
                retryable,
            } => {
                let retry = retryable.then_some(retry);
                view! { <Alert title=title.clone() detail=detail.clone() retry=retry/> }.into_any()
            }
        })
    };
    view! {
        <div
            class="gloss"
            data-gloss-state=move || state.with(State::name)
            aria-busy=move || state.with(|s| matches!(s, State::Loading)).to_string()
            style=("--gloss-page-top", page_padding("top"))
            style=("--gloss-page-bottom", page_padding("bottom"))
        >
            {content}
        </div>
    }
}

/// The room the page keeps at the `side` (top or bottom) of the window for
/// its own fixed bars (its `scroll-padding-top` or `-bottom`): the sidebar
/// sticks below a header's, the phone's selection bar above a bottom bar's
/// (an anchor ad, a cookie notice), unless the host sets
/// `--gloss-sticky-top` or `-bottom`; `None` when the page keeps none.
fn page_padding(side: &str) -> Option<String> {
    let root = document().document_element()?;
    let style = window().get_computed_style(&root).ok()??;
    let padding = style
        .get_property_value(&format!("scroll-padding-{side}"))
        .ok()?;
    (padding.ends_with("px") && padding != "0px").then_some(padding)
}

/// Resolves in a later task (a zero-delay timeout), letting the browser
/// paint and handle input in between.
async fn next_task() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

/// The text with its accents composed (NFC), as names are written in most
/// files: an article saved decomposed (as some systems save it) still
/// matches them. By the browser's `String.normalize`.
#[cfg(feature = "parser")]
fn composed(text: String) -> String {
    if text.is_ascii() {
        return text;
    }
    js_sys::JsString::from(text.as_str())
        .normalize("NFC")
        .into()
}

#[cfg(feature = "parser")]
async fn load_state(source: Source) -> State {
    let (text, base) = match source {
        Source::Compiled { parsed, base } => return ready(*parsed, base),
        Source::Inline(text) => (dedent(&text), None),
        Source::Url { url, timeout_ms } => match fetch_text(&url, timeout_ms).await {
            Ok(text) => (text, absolute_url(&url)),
            Err(e) => return failed(e),
        },
    };
    match parse(&composed(text)).await {
        Ok(parsed) => ready(parsed, base),
        Err(detail) => State::Failed {
            title: "This explainer could not be read.".into(),
            detail,
            retryable: false,
        },
    }
}

fn ready(parsed: Parsed, base: Option<String>) -> State {
    State::Ready {
        explainer: Box::new(parsed.explainer),
        diagnostics: parsed.diagnostics,
        base,
    }
}

/// Parses in three steps, each in a task of its own: a very large
/// explainer never holds the page for the whole parse.
#[cfg(feature = "parser")]
async fn parse(text: &str) -> Result<Parsed, String> {
    let staged = Staged::start(text).map_err(|d| d.to_string())?;
    next_task().await;
    let staged = staged.convert();
    next_task().await;
    Ok(staged.finish())
}

/// The reader build shows only compiled explainers: it has no parser and
/// fetches nothing (`mount_new_hosts` leaves other hosts to the full build,
/// which `gloss.js` loads for them).
#[cfg(not(feature = "parser"))]
async fn load_state(source: Source) -> State {
    match source {
        Source::Compiled { parsed, base } => ready(*parsed, base),
        Source::Url { .. } | Source::Inline(_) => State::Failed {
            title: "This explainer could not be read.".into(),
            detail: "this build of Gloss shows only explainers compiled ahead of time".into(),
            retryable: false,
        },
    }
}

#[cfg(feature = "parser")]
fn failed(error: LoadError) -> State {
    State::Failed {
        title: "This explainer could not be loaded.".into(),
        detail: error.to_string(),
        retryable: error.retryable(),
    }
}
