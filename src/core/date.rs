//! Event dates as authors write them: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, a `~`
//! prefix for "about", and `A/B` for a range.
//!
//! A date keeps the precision it was written with, so the chronology can show
//! "1764" rather than "1 January 1764". Years may be negative (before the
//! common era) and have more than four digits.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// How finely a date point was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// One calendar point at year, month or day precision (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DatePoint {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// A whole event date: a point or a range, possibly approximate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub start: DatePoint,
    /// The last point of a range `A/B`; `None` for a single point.
    pub end: Option<DatePoint>,
    /// Written with a leading `~`: the date, or a range's start, is approximate.
    pub approximate: bool,
    /// A range's end written with its own `~` (`1764/~1770`).
    pub end_approximate: bool,
}

/// Why a date string was rejected; the message names the fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl DatePoint {
    /// The precision this point was written with.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Days since 1970-01-01 of the first day this point covers.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Days since 1970-01-01 of the last day this point covers.
    pub fn last_day(&self) -> i64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(self.year, m, d),
            (Some(m), None) => days_from_civil(self.year, m, days_in_month(self.year, m)),
            _ => days_from_civil(self.year, 12, 31),
        }
    }
}

impl EventDate {
    /// The first day covered, for ordering and placing on an axis.
    pub fn first_day(&self) -> i64 {
        self.start.first_day()
    }

    /// The last day covered.
    pub fn last_day(&self) -> i64 {
        self.end.unwrap_or(self.start).last_day()
    }
}

impl Ord for EventDate {
    /// Earlier first day first; at the same first day, the coarser date (a
    /// whole year) before the finer one, then the shorter span.
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.start.precision().cmp(&other.start.precision()))
            .then(self.last_day().cmp(&other.last_day()))
            .then(self.approximate.cmp(&other.approximate))
            .then(self.end_approximate.cmp(&other.end_approximate))
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Parses `~2025-11-19/2025-11-20` and its simpler forms.
pub fn parse_date(text: &str) -> Result<EventDate, DateError> {
    let trimmed = text.trim();
    let (approximate, rest) = match trimmed.strip_prefix('~') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    if rest.is_empty() {
        return Err(DateError("the date is empty".into()));
    }
    // `2024/03/01` and `03/01/2024` are days, not ranges.
    if rest.matches('/').count() == 2 && rest.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
        return Err(DateError(format!(
            "`{rest}` is written with slashes: write YYYY-MM-DD, as 2024-03-01 (a `/` stands between the two dates of a range)"
        )));
    }
    // `1914-1918` and `1914–1918` are ranges written another way.
    let four_digits = |t: &str| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit());
    let dashed = rest.split_once(['–', '—']).or_else(|| {
        rest.split_once('-')
            .filter(|(a, b)| four_digits(a) && four_digits(b))
    });
    if let (false, Some((a, b))) = (rest.contains('/'), dashed) {
        return Err(DateError(format!(
            "`{rest}`: a range is written with `/` between its two dates, as {}/{}",
            a.trim(),
            b.trim()
        )));
    }
    let mut end_approximate = false;
    let (start, end) = match rest.split_once('/') {
        Some((a, b)) => {
            let b = match b.trim().strip_prefix('~') {
                Some(b) => {
                    end_approximate = true;
                    b.trim_start()
                }
                None => b.trim(),
            };
            if a.trim().is_empty() || b.is_empty() {
                return Err(DateError(format!(
                    "the range `{rest}` needs a date on both sides of `/` (an event still going on is dated by its start)"
                )));
            }
            let start = parse_point(a.trim())?;
            let end = parse_point(b)?;
            if end.last_day() < start.first_day() {
                return Err(DateError(format!(
                    "the range `{rest}` ends before it starts"
                )));
            }
            (start, Some(end))
        }
        None => (parse_point(rest)?, None),
    };
    Ok(EventDate {
        start,
        end,
        approximate,
        end_approximate,
    })
}

fn parse_point(text: &str) -> Result<DatePoint, DateError> {
    let expected = || {
        DateError(format!(
            "`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let time = digits.split_once(['T', 't', ' ']).filter(|(day, time)| {
        day.len() >= 4
            && day.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && time.starts_with(|c: char| c.is_ascii_digit())
    });
    if let Some((day, _)) = time {
        return Err(DateError(format!(
            "`{text}` has a time of day: an event is dated by its day, as {}{day}",
            if negative { "-" } else { "" }
        )));
    }
    let mut parts = digits.split('-');
    let year_text = parts.next().ok_or_else(expected)?;
    // A year alone with fewer digits (`800`, `-500`); `25-01-01` is more
    // likely 2025 abbreviated, and gets the general note.
    let bare_year = parts.clone().next().is_none() || negative;
    if bare_year
        && !year_text.is_empty()
        && year_text.len() < 4
        && year_text.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(DateError(format!(
            "`{text}`: write the year with four digits, as {}{year_text:0>4} (years before 1 AD count from a year 0: -0043 is 44 BC)",
            if negative { "-" } else { "" }
        )));
    }
    if year_text.len() < 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(expected());
    }
    let year: i32 = year_text.parse().map_err(|_| expected())?;
    let year = if negative { -year } else { year };
    let month = match parts.next() {
        None => None,
        Some(m) => Some(
            parse_number(m, 1, 12)
                .ok_or_else(|| not_a(m, text, "month", "months run 01 to 12".into()))?,
        ),
    };
    let day = match parts.next() {
        None => None,
        Some(d) => {
            let max = days_in_month(year, month.unwrap_or(1));
            Some(
                parse_number(d, 1, max)
                    .ok_or_else(|| not_a(d, text, "day", format!("that month has {max} days")))?,
            )
        }
    };
    if parts.next().is_some() {
        return Err(expected());
    }
    Ok(DatePoint { year, month, day })
}

/// Why a month or day `part` of `text` is not one, with `what` and its
/// range (`"month", "01 to 12"`).
fn not_a(part: &str, text: &str, what: &str, range: String) -> DateError {
    if part.len() == 1 && part.bytes().all(|b| b.is_ascii_digit()) {
        DateError(format!(
            "`{text}`: write the {what} with two digits, 0{part} (YYYY-MM-DD)"
        ))
    } else {
        DateError(format!("`{text}` has no {what} {part}: {range}"))
    }
}

fn parse_number(text: &str, min: u8, max: u8) -> Option<u8> {
    if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = text.parse().ok()?;
    (min..=max).contains(&n).then_some(n)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(year, month, day, approximate, is_range)` or a fragment of the error.
    type Expect<'a> = Result<(i32, Option<u8>, Option<u8>, bool, bool), &'a str>;

    fn check(input: &str, expect: Expect) {
        let got = parse_date(input);
        match expect {
            Ok((y, m, d, approx, range)) => {
                let date = got.unwrap_or_else(|e| panic!("{input}: {e}"));
                assert_eq!(
                    (date.start.year, date.start.month, date.start.day),
                    (y, m, d),
                    "{input}"
                );
                assert_eq!(date.approximate, approx, "{input}");
                assert_eq!(date.end.is_some(), range, "{input}");
            }
            Err(fragment) => {
                let err = got.expect_err(input);
                assert!(err.0.contains(fragment), "{input}: {err}");
            }
        }
    }

    #[test]
    fn accepts_each_written_form() {
        check("1764", Ok((1764, None, None, false, false)));
        check("2025-11", Ok((2025, Some(11), None, false, false)));
        check("2025-12-02", Ok((2025, Some(12), Some(2), false, false)));
        check(
            "~2025-11-19/2025-11-20",
            Ok((2025, Some(11), Some(19), true, true)),
        );
        check(" 2024-02-29 ", Ok((2024, Some(2), Some(29), false, false)));
        check("1764/~1770", Ok((1764, None, None, false, true)));
        check("-0044-03-15", Ok((-44, Some(3), Some(15), false, false)));
        check("12000", Ok((12000, None, None, false, false)));
    }

    #[test]
    fn keeps_which_end_is_approximate() {
        let flags = |input: &str| {
            let date = parse_date(input).unwrap();
            (date.approximate, date.end_approximate)
        };
        assert_eq!(flags("1764/~1770"), (false, true));
        assert_eq!(flags("~1764/1770"), (true, false));
        assert_eq!(flags("~1764/ ~ 1770"), (true, true));
        assert_eq!(flags("1764"), (false, false));
    }

    #[test]
    fn names_what_is_wrong() {
        check("", Err("empty"));
        check("~", Err("empty"));
        check("2025-13", Err("no month 13"));
        check("2023-02-29", Err("28 days"));
        check("25-01-01", Err("not a date"));
        check("2025-1-01", Err("month with two digits, 01"));
        check("2024-03-1", Err("day with two digits, 01"));
        check("2024/03/01", Err("written with slashes"));
        check("03/01/2024", Err("written with slashes"));
        check(
            "2024-03-01T10:00",
            Err("time of day: an event is dated by its day, as 2024-03-01"),
        );
        check("-500", Err("four digits, as -0500"));
        check("800", Err("four digits, as 0800"));
        check("2025-01-01-01", Err("not a date"));
        check("2025/2024", Err("ends before it starts"));
        check("Dec 2025", Err("not a date"));
        check("2022-02-24/", Err("both sides of `/`"));
        check("/2022", Err("both sides of `/`"));
        check(
            "1914-1918",
            Err("a range is written with `/` between its two dates, as 1914/1918"),
        );
        check("1914–1918", Err("as 1914/1918"));
        check("2022-02-24 — 2022-03-01", Err("as 2022-02-24/2022-03-01"));
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(parse_date("1970-01-01").unwrap().first_day(), 0);
        assert_eq!(parse_date("2000-03-01").unwrap().first_day(), 11_017);
        assert_eq!(
            parse_date("2025-02").unwrap().last_day(),
            parse_date("2025-02-28").unwrap().first_day()
        );
    }

    #[test]
    fn orders_coarse_before_fine_on_the_same_day() {
        let mut dates: Vec<EventDate> = ["2025-12-02", "2025", "1764", "2025-12", "2025-11-30"]
            .iter()
            .map(|d| parse_date(d).unwrap())
            .collect();
        dates.sort();
        let years: Vec<_> = dates
            .iter()
            .map(|d| (d.start.year, d.start.month, d.start.day))
            .collect();
        assert_eq!(
            years,
            vec![
                (1764, None, None),
                (2025, None, None),
                (2025, Some(11), Some(30)),
                (2025, Some(12), None),
                (2025, Some(12), Some(2)),
            ]
        );
    }
}
