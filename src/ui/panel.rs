//! A side panel (people, chronology): a labelled region whose body folds
//! away behind a disclosure button in a narrow widget, and is always shown
//! beside the article in a wide one (CSS container queries decide). Folded
//! by `data-folded`, not `hidden`: a page's layered `[hidden] { display:
//! none !important }` (Tailwind's) would beat any rule showing it.

use super::heading::heading;
use super::selection::Selection;
use leptos::prelude::*;

/// A labelled, collapsible region.
#[component]
pub fn Panel(
    /// Short name for element ids.
    name: &'static str,
    /// The visible heading.
    title: String,
    /// A count shown after the title ("9").
    count: usize,
    children: Children,
) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let open = RwSignal::new(false);
    let heading_id = selection.element_id(&format!("{name}-heading"));
    let body_id = selection.element_id(&format!("{name}-body"));
    let controls = body_id.clone();
    // Named by its heading ("People 9"), or in words when the widget's
    // landmarks carry its title too ("People 9, Apollo 11").
    let label = selection
        .landmark_title
        .with_value(Option::is_some)
        .then(|| selection.landmark_label(&format!("{title} {count}")));
    let labelled_by = label.is_none().then(|| heading_id.clone());
    view! {
        <section class=format!("gloss-panel gloss-{name}") aria-labelledby=labelled_by aria-label=label>
            {heading(selection.section_level, "gloss-panel-heading", Some(heading_id), view! {
                <button
                    type="button"
                    class="gloss-panel-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=controls
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="gloss-panel-title">{title.clone()}</span>
                    <span class="gloss-panel-count">{count.to_string()}</span>
                </button>
                <span class="gloss-panel-label">
                    <span class="gloss-panel-title">{title}</span>
                    <span class="gloss-panel-count">{count.to_string()}</span>
                </span>
            }.into_any())}
            <div class="gloss-panel-body" id=body_id data-folded=move || (!open.get()).then_some("")>
                {children()}
            </div>
        </section>
    }
}
