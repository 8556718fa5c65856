//! Event dates in the front matter: precision, approximation, ranges, order.

use crate::outline::parse;
use gloss::core::date::Precision;

fn events(dates: &[&str]) -> String {
    let mut src = String::from("+++\ntitle = \"T\"\n");
    for (i, d) in dates.iter().enumerate() {
        src.push_str(&format!(
            "[[events]]\nid = \"e{i}\"\ndate = \"{d}\"\ntitle = \"E{i}\"\n"
        ));
    }
    src.push_str("+++\n");
    src
}

#[test]
fn orders_events_across_centuries_and_within_a_week() {
    let parsed = parse(&events(&[
        "2025-12-04",
        "1764",
        "2027",
        "2025-11-30",
        "~2025-11-19/2025-11-20",
        "2025-12-02",
    ]));
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let order: Vec<_> = parsed
        .explainer
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(order, ["e1", "e4", "e3", "e5", "e0", "e2"]);
}

#[test]
fn keeps_the_written_precision() {
    let parsed = parse(&events(&["1764", "2025-11", "2025-11-30"]));
    let precisions: Vec<_> = parsed
        .explainer
        .events
        .iter()
        .map(|e| e.date.start.precision())
        .collect();
    assert_eq!(
        precisions,
        [Precision::Year, Precision::Month, Precision::Day]
    );
}

#[test]
fn same_date_events_keep_the_authors_order() {
    let parsed = parse(&events(&["2025-12-04", "2025-12-04"]));
    let order: Vec<_> = parsed
        .explainer
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(order, ["e0", "e1"]);
}
