//! Dates formatted for the explainer's language by the browser's `Intl`.
//!
//! The build-time prerenderer has no browser: natively, each date is
//! written as `Intl` wrote it at build time when the build could ask it
//! (`plain::learn`, from `embed::build_intl`), else in English for English
//! explainers and as an ISO date otherwise ([`plain`]); the browser's own
//! formatting replaces them once the widget starts.

use crate::core::date::{DatePoint, EventDate};
#[cfg(target_arch = "wasm32")]
pub use intl::format_years;
#[cfg(target_arch = "wasm32")]
use intl::{format_point, format_range};
#[cfg(not(target_arch = "wasm32"))]
use plain::{format_point, format_range};
#[cfg(not(target_arch = "wasm32"))]
pub use plain::{format_years, learn, take_unlearnt, Asked};

/// "5 December 2025", "December 2025" or "2025" in `lang`, at the date's
/// own precision; ranges joined with an en dash, approximate ones prefixed
/// ("c. 1764 – 1770"), a range's approximate end on its own
/// ("1764 – c. 1770").
pub fn format_date(date: &EventDate, lang: &str) -> String {
    let about = super::words::words(lang).about;
    let text = match &date.end {
        Some(end) if date.end_approximate => {
            format!(
                "{} – {about}{}",
                format_point(&date.start, lang),
                format_point(end, lang)
            )
        }
        Some(end) if end.precision() == date.start.precision() => {
            format_range(&date.start, end, lang)
        }
        Some(end) => format!(
            "{} – {}",
            format_point(&date.start, lang),
            format_point(end, lang)
        ),
        None => format_point(&date.start, lang),
    };
    if date.approximate {
        format!("{about}{text}")
    } else {
        text
    }
}

/// Whether a date is written with its era: before 1 AD ("44 BC"), and
/// up to 999 AD, where a bare year reads as a number ("79 AD", not "79").
pub fn shows_era(point: &DatePoint) -> bool {
    point.year < 1000
}

/// The machine-readable form for `<time datetime>`, which HTML has only
/// for years from 1 AD: none before.
pub fn datetime(point: &DatePoint) -> Option<String> {
    (point.year >= 1).then(|| iso_date(point))
}

/// The date as ISO 8601 writes it (a year before 1 AD as `-0043`).
pub fn iso_date(point: &DatePoint) -> String {
    match (point.month, point.day) {
        (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", year(point.year)),
        (Some(m), None) => format!("{}-{m:02}", year(point.year)),
        _ => year(point.year),
    }
}

/// Four digits at least, with a sign before 1 AD (`-0043`).
fn year(year: i32) -> String {
    let sign = if year < 0 { "-" } else { "" };
    format!("{sign}{:04}", year.unsigned_abs())
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use crate::core::date::{DatePoint, Precision};
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    /// "November 19 – 20, 2025": `Intl.DateTimeFormat.formatRange` shares
    /// what the two ends have in common.
    pub(super) fn format_range(start: &DatePoint, end: &DatePoint, lang: &str) -> String {
        let format = formatter(start, lang);
        let range = Reflect::get(&format, &"formatRange".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call2(&format, &day_of(start), &day_of(end)).ok())
            .and_then(|v| v.as_string());
        range.unwrap_or_else(|| {
            format!(
                "{} – {}",
                format_point(start, lang),
                format_point(end, lang)
            )
        })
    }

    fn day_of(point: &DatePoint) -> Date {
        Date::new(&JsValue::from_f64(point.first_day() as f64 * 86_400_000.0))
    }

    fn formatter(point: &DatePoint, lang: &str) -> Intl::DateTimeFormat {
        let options = Object::new();
        let set = |k: &str, v: &str| {
            let _ = Reflect::set(&options, &k.into(), &v.into());
        };
        set("timeZone", "UTC");
        set("year", "numeric");
        match point.precision() {
            Precision::Day => {
                set("month", "long");
                set("day", "numeric");
            }
            Precision::Month => set("month", "long"),
            Precision::Year => {}
        }
        if super::shows_era(point) {
            set("era", "short");
        }
        Intl::DateTimeFormat::new(&Array::of1(&JsValue::from_str(lang)), &options)
    }

    pub(super) fn format_point(point: &DatePoint, lang: &str) -> String {
        let format = formatter(point, lang);
        format
            .format()
            .call1(&JsValue::NULL, &day_of(point))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| beyond_dates(&format, point, lang))
    }

    /// A year beyond the dates JavaScript has (before 271,821 BC: deep
    /// time), written as `format` writes a year of the same era with this
    /// one's number in its place: "66,000,001 BC".
    fn beyond_dates(format: &Intl::DateTimeFormat, point: &DatePoint, lang: &str) -> String {
        let (year, shown) = match point.year {
            ..1 => (0, 1 - i64::from(point.year)),
            _ => (2000, i64::from(point.year)),
        };
        let number = Intl::NumberFormat::new(&Array::of1(&lang.into()), &Object::new())
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(shown as f64))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| shown.to_string());
        let stand_in = DatePoint { year, ..*point };
        format
            .format_to_parts(&day_of(&stand_in))
            .iter()
            .map(|part| {
                let get = |key: &str| Reflect::get(&part, &key.into()).ok()?.as_string();
                match get("type").as_deref() {
                    Some("year") => number.clone(),
                    _ => get("value").unwrap_or_default(),
                }
            })
            .collect()
    }

    /// "249 years" in `lang`, by `Intl.NumberFormat`'s unit style.
    pub fn format_years(years: u32, lang: &str) -> String {
        let options = Object::new();
        let _ = Reflect::set(&options, &"style".into(), &"unit".into());
        let _ = Reflect::set(&options, &"unit".into(), &"year".into());
        let _ = Reflect::set(&options, &"unitDisplay".into(), &"long".into());
        let format = Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(lang)), &options);
        format
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(f64::from(years)))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| format!("{years} years"))
    }
}

/// Without `Intl` (the native prerenderer): what the build's `Intl` wrote
/// for the same date, when the build has learnt it; else English names for
/// English explainers, ISO dates for every other language.
#[cfg(not(target_arch = "wasm32"))]
mod plain {
    use super::{iso_date, shows_era};
    use crate::core::date::DatePoint;
    use std::cell::RefCell;
    use std::collections::{HashMap, HashSet};

    /// One formatting asked of this module, as `Intl` would be asked it.
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub enum Asked {
        Point(String, DatePoint),
        /// Two points of the same precision.
        Range(String, DatePoint, DatePoint),
        Years(String, u32),
    }

    thread_local! {
        static LEARNT: RefCell<HashMap<Asked, String>> = RefCell::default();
        static UNLEARNT: RefCell<HashSet<Asked>> = RefCell::default();
    }

    /// What `Intl` wrote for `asked`, if learnt; else `stand_in`'s text,
    /// and `asked` is noted for [`take_unlearnt`].
    fn learnt_or(asked: Asked, stand_in: impl FnOnce() -> String) -> String {
        if let Some(text) = LEARNT.with_borrow(|learnt| learnt.get(&asked).cloned()) {
            return text;
        }
        UNLEARNT.with_borrow_mut(|unlearnt| unlearnt.insert(asked));
        stand_in()
    }

    /// The formattings asked for since the last call that were not learnt.
    pub fn take_unlearnt() -> Vec<Asked> {
        UNLEARNT.with_borrow_mut(|unlearnt| unlearnt.drain().collect())
    }

    /// Texts to write from now on (on this thread) for what was asked.
    pub fn learn(texts: impl IntoIterator<Item = (Asked, String)>) {
        LEARNT.with_borrow_mut(|learnt| learnt.extend(texts));
    }

    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    fn english(lang: &str) -> bool {
        lang == "en" || lang.starts_with("en-")
    }

    pub(super) fn format_point(point: &DatePoint, lang: &str) -> String {
        learnt_or(Asked::Point(lang.into(), *point), || {
            stand_in_point(point, lang)
        })
    }

    fn stand_in_point(point: &DatePoint, lang: &str) -> String {
        if !english(lang) {
            return iso_date(point);
        }
        let year = match point.year {
            ..1 => format!("{} BC", 1 - point.year),
            year if shows_era(point) => format!("{year} AD"),
            year => year.to_string(),
        };
        let month = point
            .month
            .and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
        match (month, point.day) {
            (Some(month), Some(day)) => format!("{month} {day}, {year}"),
            (Some(month), None) => format!("{month} {year}"),
            _ => year,
        }
    }

    pub(super) fn format_range(start: &DatePoint, end: &DatePoint, lang: &str) -> String {
        if start == end {
            return format_point(start, lang);
        }
        learnt_or(Asked::Range(lang.into(), *start, *end), || {
            stand_in_range(start, end, lang)
        })
    }

    /// A range the way `Intl`'s English `formatRange` writes it (what the
    /// live widget will show in its place, so nothing moves): what the ends
    /// share written once, a thin space either side of the dash.
    pub(super) fn stand_in_range(start: &DatePoint, end: &DatePoint, lang: &str) -> String {
        const DASH: &str = "\u{2009}–\u{2009}";
        if start == end {
            return stand_in_point(start, lang);
        }
        let month = |p: &DatePoint| {
            p.month
                .and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?))
        };
        if english(lang) && start.year == end.year && start.year >= 1 {
            let year = start.year;
            match (month(start), start.day, month(end), end.day) {
                (Some(m1), Some(d1), Some(m2), Some(d2)) if m1 == m2 => {
                    return format!("{m1} {d1}{DASH}{d2}, {year}")
                }
                (Some(m1), Some(d1), Some(m2), Some(d2)) => {
                    return format!("{m1} {d1}{DASH}{m2} {d2}, {year}")
                }
                (Some(m1), None, Some(m2), None) => return format!("{m1}{DASH}{m2} {year}"),
                _ => {}
            }
        }
        format!(
            "{}{DASH}{}",
            stand_in_point(start, lang),
            stand_in_point(end, lang)
        )
    }

    /// "249 years" (in English whatever `lang` is, unless learnt).
    pub fn format_years(years: u32, lang: &str) -> String {
        learnt_or(Asked::Years(lang.into(), years), || match years {
            1 => "1 year".into(),
            _ => format!("{years} years"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: i32, month: Option<u8>, day: Option<u8>) -> DatePoint {
        DatePoint { year, month, day }
    }

    #[test]
    fn datetime_is_only_given_where_html_has_one() {
        assert_eq!(
            datetime(&point(2025, Some(3), Some(4))).as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(datetime(&point(1, None, None)).as_deref(), Some("0001"));
        assert_eq!(datetime(&point(0, None, None)), None);
        assert_eq!(datetime(&point(-43, Some(3), Some(15))), None);
        assert_eq!(iso_date(&point(-43, Some(3), Some(15))), "-0043-03-15");
        assert_eq!(iso_date(&point(-99, None, None)), "-0099");
    }

    /// What Chromium's `Intl.DateTimeFormat("en").formatRange` wrote for
    /// the same ranges (the live widget's text, which the prerendered page
    /// must match so that nothing moves when it takes over).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn prerendered_english_ranges_read_as_the_browser_writes_them() {
        let day = |m, d| point(2025, Some(m), Some(d));
        let month = |y, m| point(y, Some(m), None);
        let year = |y| point(y, None, None);
        let cases = [
            (day(11, 19), day(11, 20), "November 19 – 20, 2025"),
            (day(11, 30), day(12, 2), "November 30 – December 2, 2025"),
            (
                point(2024, Some(12), Some(30)),
                day(1, 2),
                "December 30, 2024 – January 2, 2025",
            ),
            (month(2025, 3), month(2025, 5), "March – May 2025"),
            (
                month(2024, 11),
                month(2025, 2),
                "November 2024 – February 2025",
            ),
            (year(2024), year(2025), "2024 – 2025"),
            (day(11, 19), day(11, 19), "November 19, 2025"),
        ];
        for (start, end, written) in cases {
            // (Thin spaces around the dash, as Intl writes them.)
            let written = written.replace(" – ", "\u{2009}–\u{2009}");
            assert_eq!(plain::stand_in_range(&start, &end, "en"), written);
        }
    }

    /// A year under 1000 has its era, as the browser is asked to write it.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn years_before_a_thousand_have_their_era() {
        let date = |y, m, d| EventDate {
            start: point(y, m, d),
            end: None,
            approximate: false,
            end_approximate: false,
        };
        assert_eq!(
            format_date(&date(79, Some(8), Some(24)), "en"),
            "August 24, 79 AD"
        );
        assert_eq!(
            format_date(&date(-43, Some(3), Some(15)), "en"),
            "March 15, 44 BC"
        );
        assert_eq!(format_date(&date(999, None, None), "en"), "999 AD");
        assert_eq!(format_date(&date(1066, None, None), "en"), "1066");
    }

    /// "c." goes before the date it qualifies: the whole date, or only a
    /// range's end.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn an_approximate_end_is_marked_on_its_own() {
        let range = |approximate, end_approximate| EventDate {
            start: point(1764, None, None),
            end: Some(point(1770, None, None)),
            approximate,
            end_approximate,
        };
        let thin = |s: &str| s.replace(" – ", "\u{2009}–\u{2009}");
        assert_eq!(
            format_date(&range(true, false), "en"),
            thin("c. 1764 – 1770")
        );
        assert_eq!(format_date(&range(false, true), "en"), "1764 – c. 1770");
        assert_eq!(format_date(&range(true, true), "en"), "c. 1764 – c. 1770");
    }
}
