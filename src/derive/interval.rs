//! Interval arithmetic on résumé dates: partial dates ("2019", "2019-03", "2019-03-15"),
//! month spans with an explicit precision, and the union of spans (overlaps counted once).
//!
//! Months are counted on a month index (`year × 12 + month − 1`); a span is half-open
//! `[start, end)`. Conventions, chosen so that each is an unbiased estimate:
//! - a start or end with a month (or a day) counts its whole month: 2019-03 – 2019-05 is
//!   3 months, 2019-03 – 2019-03 is 1 month;
//! - a year-only date stands for the middle of its year (July): 2017 – 2019 is 24 months;
//!   a year-only end in the start's own year ends with that year (2019 – 2019 is 6 months);
//! - an open end (current position) ends with the as-of month, which counts;
//! - a span whose end is before its start, or without a start, has no duration.

use serde::Serialize;

/// How precisely a date (or a span) is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Known to the day.
    Day,
    /// Known to the month.
    Month,
    /// Only the year is known.
    Year,
}

impl Precision {
    /// Local name of the ontology individual (`cg:DayPrecision`…).
    pub fn local_name(self) -> &'static str {
        match self {
            Precision::Day => "DayPrecision",
            Precision::Month => "MonthPrecision",
            Precision::Year => "YearPrecision",
        }
    }
}

/// A date as résumés give it: a year, maybe a month, maybe a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day 1–31, when known.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse::<i32>().ok()?;
        let month = match parts.next() {
            Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// Precision of this date.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Month index where a span starting at this date starts.
    pub fn start_index(&self) -> i32 {
        self.year * 12 + self.month.map_or(6, |m| i32::from(m) - 1)
    }

    /// Month index (exclusive) where a span ending at this date ends.
    pub fn end_index(&self) -> i32 {
        self.year * 12 + self.month.map_or(6, i32::from)
    }
}

/// A half-open month span `[start, end)` with the precision of its coarsest endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First month index.
    pub start: i32,
    /// Month index after the last month.
    pub end: i32,
    /// Coarsest precision of the dates it was built from.
    pub precision: Precision,
}

impl Span {
    /// Length in months.
    pub fn months(&self) -> i32 {
        self.end - self.start
    }
}

/// The span of a position or project: `end` when given, else `open_end` (the as-of date)
/// when the span is current. `None` when there is no start, no usable end, or the end is
/// before the start.
pub fn span(
    start: Option<&str>,
    end: Option<&str>,
    current: bool,
    as_of: Option<&str>,
) -> Option<Span> {
    let start = PartialDate::parse(start?)?;
    let end = match end.and_then(PartialDate::parse) {
        Some(e) => e,
        None if current => PartialDate::parse(as_of?)?,
        None => return None,
    };
    let s = start.start_index();
    let mut e = end.end_index();
    if end.month.is_none() && e <= s && end.year == start.year {
        e = end.year * 12 + 12;
    }
    (e >= s).then_some(Span {
        start: s,
        end: e,
        precision: start.precision().max(end.precision()),
    })
}

/// Total months covered by `spans`, overlaps counted once (gaps are not counted).
pub fn union_months(spans: &[Span]) -> i32 {
    let mut sorted: Vec<(i32, i32)> = spans.iter().map(|s| (s.start, s.end)).collect();
    sorted.sort_unstable();
    let mut total = 0;
    let mut current: Option<(i32, i32)> = None;
    for (s, e) in sorted {
        match current {
            Some((cs, ce)) if s <= ce => current = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                current = Some((s, e));
            }
            None => current = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = current {
        total += ce - cs;
    }
    total
}

/// The date text of a month index (exclusive end) as the last month it covers: "YYYY-MM".
pub fn last_month_text(end_index: i32) -> String {
    let last = end_index - 1;
    format!("{:04}-{:02}", last.div_euclid(12), last.rem_euclid(12) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(start: &str, end: Option<&str>, current: bool, as_of: Option<&str>) -> Option<i32> {
        span(Some(start), end, current, as_of).map(|s| s.months())
    }

    #[test]
    fn partial_dates_parse_with_their_precision() {
        assert_eq!(
            PartialDate::parse("2019").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2019-03").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse("2019-03-15").unwrap().precision(),
            Precision::Day
        );
        for bad in [
            "19",
            "2019-13",
            "2019-00",
            "2019-03-40",
            "present",
            "",
            "2019-03-01-02",
        ] {
            assert!(PartialDate::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn month_spans_count_both_end_months() {
        assert_eq!(months("2019-03", Some("2019-05"), false, None), Some(3));
        assert_eq!(months("2019-03", Some("2019-03"), false, None), Some(1));
        assert_eq!(months("2018-07", Some("2020-06"), false, None), Some(24));
        assert_eq!(
            months("2018-07-20", Some("2020-06-01"), false, None),
            Some(24)
        );
    }

    #[test]
    fn year_only_dates_stand_for_mid_year() {
        assert_eq!(months("2017", Some("2019"), false, None), Some(24));
        assert_eq!(months("2019", Some("2019"), false, None), Some(6));
        assert_eq!(months("2017", Some("2019-12"), false, None), Some(30));
        assert_eq!(months("2019-09", Some("2019"), false, None), Some(4));
        let s = span(Some("2017"), Some("2019-12"), false, None).unwrap();
        assert_eq!(s.precision, Precision::Year);
    }

    #[test]
    fn open_ends_need_an_as_of_date() {
        assert_eq!(months("2022-01", None, true, Some("2024-06")), Some(30));
        assert_eq!(months("2022-01", None, true, Some("2024-06-30")), Some(30));
        assert_eq!(months("2022-01", None, true, None), None);
        // Not current and no end: unknown duration, not "until now".
        assert_eq!(months("2022-01", None, false, Some("2024-06")), None);
        // An end stated in the text wins over the current flag.
        assert_eq!(
            months("2022-01", Some("2022-12"), true, Some("2024-06")),
            Some(12)
        );
    }

    #[test]
    fn reversed_or_missing_starts_have_no_span() {
        assert_eq!(months("2020-05", Some("2019-01"), false, None), None);
        assert!(span(None, Some("2019-01"), false, None).is_none());
    }

    #[test]
    fn unions_count_overlaps_once_and_skip_gaps() {
        let s = |a: &str, b: &str| span(Some(a), Some(b), false, None).unwrap();
        // Overlap: 2018-01..2019-12 and 2019-06..2020-12 → 36 months, not 43.
        assert_eq!(
            union_months(&[s("2018-01", "2019-12"), s("2019-06", "2020-12")]),
            36
        );
        // Gap: 12 + 12 months with a year between them.
        assert_eq!(
            union_months(&[s("2016-01", "2016-12"), s("2018-01", "2018-12")]),
            24
        );
        // Contained span adds nothing.
        assert_eq!(
            union_months(&[s("2015-01", "2020-12"), s("2017-01", "2017-06")]),
            72
        );
        // Promotion inside one company: adjacent spans join without double counting.
        assert_eq!(
            union_months(&[s("2019-01", "2020-06"), s("2020-06", "2022-12")]),
            48
        );
        assert_eq!(union_months(&[]), 0);
    }

    #[test]
    fn last_month_text_is_the_last_covered_month() {
        let s = span(Some("2019-03"), Some("2020-01"), false, None).unwrap();
        assert_eq!(last_month_text(s.end), "2020-01");
        let y = span(Some("2017"), Some("2019"), false, None).unwrap();
        assert_eq!(last_month_text(y.end), "2019-06");
    }
}
