//! The chronology: events in date order.
//!
//! Ordering is stable, so events on the same date keep the author's order.

use super::model::Event;

/// Sorts events by date: earlier first, a whole year before a day in it.
pub fn order_events(events: &mut [Event]) {
    events.sort_by_key(|e| e.date);
}
