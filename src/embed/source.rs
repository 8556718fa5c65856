//! Loading an explainer's source: fetched from a URL (with a timeout and a
//! named failure for every way it can go wrong), taken from an inline
//! `<script type="text/markdown">`, or already compiled into the page.

use crate::core::Parsed;
#[cfg(feature = "parser")]
pub use fetch::{fetch_text, LoadError};

/// How long a fetch may take before the reader is offered a retry, unless
/// the host says otherwise with `data-gloss-timeout` (milliseconds).
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Where an explainer comes from.
#[derive(Clone, Debug)]
pub enum Source {
    Url {
        url: String,
        timeout_ms: u32,
    },
    Inline(String),
    /// Compiled ahead of time and written into the page (see
    /// [`crate::core::compiled`]); `base` is the URL of its source.
    Compiled {
        parsed: Box<Parsed>,
        base: Option<String>,
    },
}

/// The absolute URL of `url` as the page resolves it (against its
/// `<base href>` when it has one, as the fetch of the source did).
pub fn absolute_url(url: &str) -> Option<String> {
    let page = web_sys::window()?.document()?.base_uri().ok()??;
    web_sys::Url::new_with_base(url, &page)
        .ok()
        .map(|u| u.href())
}

/// Fetching a source: only the full build fetches (the reader build shows
/// explainers compiled into the page).
#[cfg(feature = "parser")]
mod fetch {
    use js_sys::{Promise, Uint8Array};
    use std::fmt;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{AbortController, RequestInit, Response};

    /// Why a source could not be loaded; `Display` is the message for readers.
    #[derive(Clone, Debug, PartialEq)]
    pub enum LoadError {
        /// The host's `data-gloss-src` is empty.
        NoSource,
        Network {
            url: String,
            cause: String,
            /// On another site than the page's: the browser refuses what
            /// that site does not allow this page to read (CORS).
            cross_origin: bool,
        },
        /// The server sent a web page, not a Markdown file (a wrong path
        /// that a server answers with its own page, or the page itself).
        NotMarkdown {
            url: String,
            media_type: String,
        },
        Status {
            url: String,
            status: u16,
            text: String,
        },
        Timeout {
            url: String,
            ms: u32,
        },
        NotUtf8 {
            url: String,
            offset: usize,
            line: usize,
            column: usize,
        },
    }

    impl LoadError {
        /// Whether trying again may help.
        pub fn retryable(&self) -> bool {
            matches!(
                self,
                LoadError::Network { .. }
                    | LoadError::Timeout { .. }
                    | LoadError::Status { status: 500.., .. }
            )
        }
    }

    impl fmt::Display for LoadError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                LoadError::NoSource => {
                    write!(f, "This host names no explainer: its data-gloss-src is empty.")
                }
                LoadError::Network {
                    url,
                    cause,
                    cross_origin,
                } => {
                    write!(f, "The network request for {url} failed ({cause}).")?;
                    if *cross_origin {
                        write!(f, " It is on another site, which must allow this page to read it (CORS).")?;
                    }
                    Ok(())
                }
                LoadError::NotMarkdown { url, media_type } => write!(
                    f,
                    "{url} is a web page ({media_type}), not a Markdown explainer: check the address."
                ),
                LoadError::Status { url, status, text } => {
                    write!(f, "The server answered HTTP {status}")?;
                    if !text.is_empty() {
                        write!(f, " {text}")?;
                    }
                    write!(f, " for {url}.")
                }
                LoadError::Timeout { url, ms } => {
                    // In whole and decimal seconds, without float formatting
                    // (which would add its code to the wasm for this one message).
                    let unit = if *ms == 1000 { "second" } else { "seconds" };
                    write!(f, "{url} did not arrive within {}", ms / 1000)?;
                    if ms % 1000 != 0 {
                        let fraction = format!("{:03}", ms % 1000);
                        write!(f, ".{}", fraction.trim_end_matches('0'))?;
                    }
                    write!(f, " {unit}.")
                }
                LoadError::NotUtf8 {
                    url,
                    offset,
                    line,
                    column,
                } => write!(
                    f,
                    "{url} is not UTF-8 text: the byte at line {line}, column {column} (offset {offset}) is invalid."
                ),
            }
        }
    }

    /// Fetches `url` as UTF-8 text, giving up after `timeout_ms`.
    pub async fn fetch_text(url: &str, timeout_ms: u32) -> Result<String, LoadError> {
        if url.trim().is_empty() {
            return Err(LoadError::NoSource);
        }
        let window = web_sys::window().expect("a window");
        let controller = AbortController::new().ok();
        let init = RequestInit::new();
        if let Some(c) = &controller {
            init.set_signal(Some(&c.signal()));
        }
        // A timer aborts the fetch; the abort surfaces as an AbortError below.
        let abort = controller
            .clone()
            .map(|c| wasm_bindgen::closure::Closure::once_into_js(move || c.abort()));
        let timer = abort.as_ref().and_then(|f| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    f.unchecked_ref(),
                    timeout_ms.min(i32::MAX as u32) as i32,
                )
                .ok()
        });
        let result = fetch_bytes(&window, url, &init, timeout_ms).await;
        if let Some(t) = timer {
            window.clear_timeout_with_handle(t);
        }
        let bytes = result?;
        String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
            let (line, column) = crate::core::diagnostic::LineIndex::new(valid).position(offset);
            LoadError::NotUtf8 {
                url: url.to_owned(),
                offset,
                line,
                column,
            }
        })
    }

    async fn fetch_bytes(
        window: &web_sys::Window,
        url: &str,
        init: &RequestInit,
        ms: u32,
    ) -> Result<Vec<u8>, LoadError> {
        let failed = |e: JsValue| {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                LoadError::Timeout {
                    url: url.to_owned(),
                    ms,
                }
            } else {
                let cause = js_sys::Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_else(|| "unknown error".into());
                LoadError::Network {
                    url: url.to_owned(),
                    cause,
                    cross_origin: is_cross_origin(window, url),
                }
            }
        };
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
            .await
            .map_err(failed)?
            .unchecked_into();
        if !response.ok() {
            return Err(LoadError::Status {
                url: url.to_owned(),
                status: response.status(),
                text: response.status_text(),
            });
        }
        let media_type = response
            .headers()
            .get("content-type")
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let media_type = media_type.split(';').next().unwrap_or("").trim();
        if matches!(media_type, "text/html" | "application/xhtml+xml") {
            return Err(LoadError::NotMarkdown {
                url: url.to_owned(),
                media_type: media_type.to_owned(),
            });
        }
        let buffer: Promise = response.array_buffer().map_err(failed)?;
        let buffer = JsFuture::from(buffer).await.map_err(failed)?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }

    /// Whether `url` is on another origin than the page.
    fn is_cross_origin(window: &web_sys::Window, url: &str) -> bool {
        let page = window.location();
        let (Ok(href), Ok(origin)) = (page.href(), page.origin()) else {
            return false;
        };
        web_sys::Url::new_with_base(url, &href).is_ok_and(|u| u.origin() != origin)
    }
}
