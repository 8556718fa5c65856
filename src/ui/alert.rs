//! A message to the reader or author that something went wrong.

use leptos::prelude::*;

/// An error shown inside the widget, announced by screen readers.
#[component]
pub fn Alert(
    /// What went wrong, in one sentence.
    title: String,
    /// The cause, as precisely as known (a status, a line and column).
    detail: String,
    /// Offered as "Try again" when trying again may help.
    retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        // (In English, whatever the page's and the explainer's language.)
        <div class="gloss-alert" role="alert" lang="en">
            <p class="gloss-alert-title">{title}</p>
            <p class="gloss-alert-detail">{detail}</p>
            {retry.map(|retry| view! {
                <button type="button" class="gloss-button" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
            })}
        </div>
    }
}
