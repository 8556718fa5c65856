//! The chronology: events in date order, and the spacing between them.
//!
//! A linear axis cannot show 1764 and one week of December 2025 together, so
//! the chronology is a broken axis: gaps of more than a year become labelled
//! breaks ("250 years later"), and shorter gaps get a spacing that grows with
//! the logarithm of their length.

use super::model::Event;

/// Sorts events by date: earlier first, a whole year before a day in it.
/// Stable, so events on the same date keep the author's order.
pub fn order_events(events: &mut [Event]) {
    events.sort_by_key(|e| e.date);
}

/// The space before an event in the chronology.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The first event, or one on the same day as the previous.
    None,
    /// Within about a week.
    Days,
    /// Within about a month.
    Weeks,
    /// Within a year.
    Months,
    /// More than a year: the axis breaks here, labelled with the whole
    /// number of years.
    Break { years: u32 },
}

/// Days in an average Gregorian year.
const YEAR: f64 = 365.2425;

/// The gap before each event of an ordered list, measured from the end of
/// the previous event to the start of this one.
pub fn gaps(events: &[Event]) -> Vec<Gap> {
    let mut out = Vec::with_capacity(events.len());
    let mut previous_end: Option<i64> = None;
    for event in events {
        let gap = match previous_end {
            None => Gap::None,
            Some(end) => classify(event.date.first_day() - end),
        };
        out.push(gap);
        let end = event.date.last_day();
        previous_end = Some(previous_end.map_or(end, |p| p.max(end)));
    }
    out
}

fn classify(days: i64) -> Gap {
    match days {
        ..=0 => Gap::None,
        1..=8 => Gap::Days,
        9..=45 => Gap::Weeks,
        46..=366 => Gap::Months,
        _ => Gap::Break {
            years: round_years(days as f64 / YEAR),
        },
    }
}

/// Whole years, and from 10,000 on to three significant digits: a gap of
/// deep time is not known to the year ("55,500,000 years", not
/// "55,501,957").
fn round_years(years: f64) -> u32 {
    let years = years.round().max(1.0);
    if years < 10_000.0 {
        return years as u32;
    }
    let unit = 10f64.powi(years.log10().floor() as i32 - 2);
    ((years / unit).round() * unit).min(f64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::parse_date;
    use crate::core::ids::EventId;
    use crate::core::model::EventKind;

    fn events(dates: &[&str]) -> Vec<Event> {
        dates
            .iter()
            .map(|d| Event {
                id: EventId::from(*d),
                date: parse_date(d).unwrap(),
                kind: EventKind::Event,
                title: String::new(),
                summary: Vec::new(),
                speakers: Vec::new(),
                terms: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn breaks_the_axis_across_centuries_and_spaces_a_week_finely() {
        let list = events(&[
            "1764",
            "2014-03-18",
            "2014-04-17",
            "2022-02-24",
            "~2025-11-19/2025-11-20",
            "2025-11-30",
            "2025-12-02",
            "2025-12-04",
            "2025-12-04",
            "2027",
        ]);
        assert_eq!(
            gaps(&list),
            [
                Gap::None,
                Gap::Break { years: 249 },
                Gap::Weeks,
                Gap::Break { years: 8 },
                Gap::Break { years: 4 },
                Gap::Weeks,
                Gap::Days,
                Gap::Days,
                Gap::None,
                // From 4 December 2025 to the start of 2027: over a year.
                Gap::Break { years: 1 },
            ]
        );
    }

    #[test]
    fn measures_from_the_end_of_a_range() {
        let list = events(&["2020/2024", "2025-02", "2025-06"]);
        assert_eq!(gaps(&list), [Gap::None, Gap::Weeks, Gap::Months]);
    }

    #[test]
    fn deep_time_gaps_are_rounded_to_three_digits() {
        assert_eq!(round_years(249.4), 249);
        assert_eq!(round_years(9_999.0), 9_999);
        assert_eq!(round_years(12_345.0), 12_300);
        assert_eq!(round_years(10_499_999.0), 10_500_000);
        assert_eq!(round_years(55_501_957.0), 55_500_000);
    }
}
