//! Long content drawn a slice at a time, so that a huge explainer never holds
//! the page for long: the first slice is drawn with the widget, each further
//! slice in a task of its own, in order. Natively (the prerenderer) all of it
//! is drawn at once.

use leptos::prelude::*;
use std::time::Duration;

/// Cuts `items` into runs of about `budget` total `weight` each; an item
/// heavier than the budget gets a run of its own. Order is kept.
pub fn slices<T>(items: Vec<T>, budget: usize, weight: impl Fn(&T) -> usize) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut filled = 0;
    for item in items {
        let w = weight(&item);
        match out.last_mut() {
            Some(run) if filled + w <= budget => run.push(item),
            _ => {
                filled = 0;
                out.push(vec![item]);
            }
        }
        filled += w;
    }
    out
}

/// Draws `slices` in order with `render`: the first at once, each further
/// one in a later task (a zero-delay timeout), so the page stays responsive
/// between them.
pub fn progressively<T, V>(slices: Vec<Vec<T>>, render: impl Fn(Vec<T>) -> V + 'static) -> AnyView
where
    T: 'static,
    V: IntoView + 'static,
{
    if cfg!(not(target_arch = "wasm32")) {
        return slices.into_iter().map(render).collect_view().into_any();
    }
    let count = slices.len();
    let store = StoredValue::new_local(slices.into_iter().map(Some).collect::<Vec<_>>());
    let take = move |i: usize| {
        store
            .try_update_value(|s| s.get_mut(i).and_then(Option::take))
            .flatten()
            .unwrap_or_default()
    };
    let render = StoredValue::new_local(render);
    let shown = RwSignal::new(count.min(1));
    Effect::new(move |_| {
        if shown.get() < count {
            set_timeout(move || shown.update(|n| *n += 1), Duration::ZERO);
        }
    });
    view! { <For each=move || 0..shown.get() key=|i| *i children=move |i| render.with_value(|r| r(take(i)))/> }
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::slices;

    #[test]
    fn cuts_runs_by_weight_and_keeps_order() {
        let runs = slices(vec![3, 3, 3, 9, 1, 1], 6, |w| *w);
        assert_eq!(runs, [vec![3, 3], vec![3], vec![9], vec![1, 1]]);
        assert!(slices(Vec::<usize>::new(), 6, |w| *w).is_empty());
    }
}
