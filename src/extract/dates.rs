//! Dates and date ranges in résumé lines (English, Chinese, numeric).
//!
//! Single dates: "2015年5月", "二〇一九年三月", "2022.08", "2017-03-15", "2015/05", "05/2015",
//! "Aug. 2021", "September 2017", "5 Aug 2019", "Aug 5, 2019", and bare years "2019".
//! Ranges join two dates with `-` `–` `—` `~` `～` `至` `到` `to` `until` `till` `through`, or end
//! in a present marker ("Present", "Current", "now", "至今", "今", "现在", "目前", "to date").
//! "since 2019", "2019 onwards", "2019年以来" and "2019年起" are open ranges ending at present.
//!
//! Years must lie in 1950..=2100, months in 1..=12, days must exist in their month. A range
//! whose end precedes its start is still returned (the caller decides). Full-width digits and
//! punctuation are accepted. All offsets are byte offsets on char boundaries.

use super::scan::{
    cn_digit, Scan, WordSet, DASHES, MONTHS, OPEN_SUFFIXES, PRESENT, SEASONS, SEPARATOR_WORDS,
};
use super::scan::{MAX_YEAR, MIN_YEAR};
use std::sync::OnceLock;

/// A calendar date known to year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year (1950..=2100 when produced by this module).
    pub year: i32,
    /// The month, 1..=12.
    pub month: Option<u8>,
    /// The day of the month; only set together with `month`.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A validated date: year in range, month 1..=12, day existing in that month, no day
    /// without a month.
    #[must_use]
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => return None,
            (Some(m), _) if !(1..=12).contains(&m) => return None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => return None,
            _ => {}
        }
        Some(PartialDate { year, month, day })
    }

    /// "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the lexical forms of xsd:gYear, xsd:gYearMonth,
    /// xsd:date).
    #[must_use]
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// The end of a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateEnd {
    /// A calendar date.
    Date(PartialDate),
    /// "Present", "至今", "now"…: to be resolved against the document's as-of date.
    Present,
}

/// A date range, or a single date that may open one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// The first date.
    pub start: PartialDate,
    /// The end; `None` for a single date ("2015年5月" alone).
    pub end: Option<DateEnd>,
    /// Byte offset where the expression starts (including a leading "since").
    pub start_offset: usize,
    /// Byte offset just past the expression (including a present marker or "onwards").
    pub end_offset: usize,
}

/// Find date ranges (and single dates that open a range) in a line, left to right.
///
/// A single date is returned when it has month precision ("Aug. 2021", "2015年5月"); a bare
/// year ("in 2012 he…", "2019年") only when a range separator and an end follow, a present
/// marker follows, or "since" precedes it.
#[must_use]
pub fn find_date_ranges(text: &str) -> Vec<DateRange> {
    // Every date has a year, written with ASCII or full-width digits or Chinese numerals
    // before 年: text without any of them cannot hold one (most résumé lines).
    let may_hold_year = text
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '年');
    if !may_hold_year {
        return Vec::new();
    }
    scan_date_ranges(text, may_start)
}

/// The scanning loop of [`find_date_ranges`], trying positions where `try_at` allows.
fn scan_date_ranges(text: &str, try_at: fn(&Scan, usize) -> bool) -> Vec<DateRange> {
    let s = Scan::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !try_at(&s, i) {
            i += 1;
            continue;
        }
        match range_at(&s, i) {
            Some((range, end)) => {
                out.push(range);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a date or range can start at char `i`: an ASCII digit, a Chinese year digit, or an
/// ASCII word that is a month name, a season or "since".
///
/// Every date starts with a number or one of those words, matched on word boundaries, so
/// [`range_at`] finds nothing anywhere else and [`find_date_ranges`] skips those chars.
fn may_start(s: &Scan, i: usize) -> bool {
    let Some(c) = s.at(i) else {
        return false;
    };
    if c.is_ascii_alphabetic() {
        return !s.prev(i).is_some_and(|p| p.is_ascii_alphabetic())
            && (s.word_is_one_of(i, date_start_words()) || quarter_date(s, i).is_some());
    }
    c.is_ascii_digit() || cn_year_digit(c).is_some()
}

/// Words that can start a date expression: month names, seasons and "since".
fn date_start_words() -> &'static WordSet {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS.get_or_init(|| {
        let months = MONTHS.iter().map(|m| m.0);
        WordSet::new(months.chain(SEASONS.iter().copied()).chain(["since"]))
    })
}

/// Parse a single date expression (whole string, surrounding whitespace ignored).
#[must_use]
pub fn parse_date(text: &str) -> Option<PartialDate> {
    let s = Scan::new(text);
    let tok = date_at(&s, s.skip_ws(0))?;
    (s.skip_ws(tok.end) == s.len()).then_some(tok.date)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// ---------------------------------------------------------------------------------------------
// Single dates

/// A date found in the text.
#[derive(Debug, Clone, Copy)]
struct Tok {
    date: PartialDate,
    end: usize,
    /// Year precision only ("2019", "2019年"): never a range on its own.
    weak: bool,
}

fn date_at(s: &Scan, i: usize) -> Option<Tok> {
    let starts_number = s
        .at(i)
        .is_some_and(|c| c.is_ascii_digit() || cn_year_digit(c).is_some());
    let glued = s
        .prev(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',');
    if starts_number && glued {
        return None;
    }
    [
        cn_date(s, i),
        ymd_date(s, i),
        month_year_date(s, i),
        named_date(s, i),
        day_named_date(s, i),
        season_date(s, i),
        quarter_date(s, i),
        bare_year(s, i),
    ]
    .into_iter()
    .flatten()
    .max_by_key(|t| t.end)
}

/// Four ASCII digits forming a year in range, not followed by a digit.
fn year4(s: &Scan, i: usize) -> Option<(i32, usize)> {
    let (v, end) = s.small_num(i, 4)?;
    let year = i32::try_from(v).ok()?;
    (end - i == 4 && (MIN_YEAR..=MAX_YEAR).contains(&year)).then_some((year, end))
}

fn tok(year: i32, month: Option<u32>, day: Option<u32>, end: usize) -> Option<Tok> {
    let m = month.map(u8::try_from).transpose().ok()?;
    let d = day.map(u8::try_from).transpose().ok()?;
    let date = PartialDate::new(year, m, d)?;
    Some(Tok {
        date,
        end,
        weak: m.is_none(),
    })
}

/// A number-like continuation at `i` ("2019.5万", "2019.5K", "2019%"): not a date.
fn numberish_at(s: &Scan, i: usize) -> bool {
    s.at(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || "万亿千百十%+".contains(c))
}

/// "2019.03", "2019-03-15", "2019/3".
fn ymd_date(s: &Scan, i: usize) -> Option<Tok> {
    let (year, k) = year4(s, i)?;
    let sep = s.at(k).filter(|c| matches!(c, '.' | '-' | '/'))?;
    let (month, k) = s.small_num(k + 1, 2)?;
    if numberish_at(s, k) {
        return None;
    }
    let day = (s.at(k) == Some(sep))
        .then(|| s.small_num(k + 1, 2))
        .flatten();
    let day = day.filter(|&(_, end)| !numberish_at(s, end));
    if let Some((d, end)) = day {
        if let Some(t) = tok(year, Some(month), Some(d), end) {
            return Some(t);
        }
    }
    tok(year, Some(month), None, k)
}

/// "05/2015", "5.2015", "11-2016".
fn month_year_date(s: &Scan, i: usize) -> Option<Tok> {
    let (month, k) = s.small_num(i, 2)?;
    if !matches!(s.at(k), Some('/' | '.' | '-')) {
        return None;
    }
    let (year, end) = year4(s, k + 1)?;
    tok(year, Some(month), None, end)
}

/// An English month name (full or abbreviated) with an optional dot.
fn month_name(s: &Scan, i: usize) -> Option<(u32, usize)> {
    // Every month name starts with a letter.
    if !s.is_alpha(i) {
        return None;
    }
    let (m, end) = MONTHS
        .iter()
        .find_map(|&(name, m)| s.word(i, name).map(|e| (m, e)))?;
    // "Aug. 2021", and the apostrophe of "Dec' 2015".
    let end = if matches!(s.at(end), Some('.' | '\'' | '’')) {
        end + 1
    } else {
        end
    };
    Some((u32::from(m), end))
}

/// "Aug. 2021", "September 2017", "Aug 5, 2019", "Aug, 2021".
fn named_date(s: &Scan, i: usize) -> Option<Tok> {
    let (month, k) = month_name(s, i)?;
    // "Jan'15": the apostrophe was taken with the month name, two digits follow it.
    if k > 0 && matches!(s.at(k - 1), Some('\'' | '’')) {
        if let Some((year, end)) = two_digit_year(s, k) {
            return tok(year, Some(month), None, end);
        }
    }
    let k = s.skip_ws(k);
    let (day, k) = match day_number(s, k) {
        Some((d, e)) => (Some(d), e),
        None => (None, k),
    };
    let k = s.skip_ws(k);
    let k = if s.at(k) == Some(',') {
        s.skip_ws(k + 1)
    } else {
        k
    };
    // "Aug-2013", "Aug/2013": a month glued to its year by a dash or slash.
    let k = if day.is_none() && matches!(s.at(k), Some('-' | '/')) && year4(s, k + 1).is_some() {
        k + 1
    } else {
        k
    };
    let (year, end) = year4(s, k).or_else(|| apostrophe_year(s, k))?;
    tok(year, Some(month), day, end).or_else(|| tok(year, Some(month), None, end))
}

/// A two-digit year after an apostrophe ("Sept ’17", "Mar '09"), as LaTeX templates print
/// them: 00–69 are 2000–2069, 70–99 are 1970–1999.
fn apostrophe_year(s: &Scan, i: usize) -> Option<(i32, usize)> {
    if !matches!(s.at(i), Some('\'' | '’' | '‘')) {
        return None;
    }
    two_digit_year(s, i + 1)
}

/// Exactly two digits at `i`, not followed by a letter or digit: 00–69 are 2000–2069,
/// 70–99 are 1970–1999.
fn two_digit_year(s: &Scan, i: usize) -> Option<(i32, usize)> {
    let (yy, end) = s.small_num(i, 2)?;
    if end != i + 2 || s.is_alpha(end) || s.at(end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let yy = i32::try_from(yy).ok()?;
    Some((if yy < 70 { 2000 + yy } else { 1900 + yy }, end))
}

/// A day of the month with an optional ordinal suffix and comma: "5", "21st,".
fn day_number(s: &Scan, i: usize) -> Option<(u32, usize)> {
    let (d, mut k) = s.small_num(i, 2)?;
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(e) = s.word(k, suffix) {
            k = e;
            break;
        }
    }
    if s.at(k) == Some(',') {
        k += 1;
    }
    (s.at(k).is_some_and(char::is_whitespace) && (1..=31).contains(&d)).then_some((d, k))
}

/// "5 Aug 2019", "21st March 2020".
fn day_named_date(s: &Scan, i: usize) -> Option<Tok> {
    let (day, k) = day_number(s, i)?;
    let (month, k) = month_name(s, s.skip_ws(k))?;
    let (year, end) = year4(s, s.skip_ws(k))?;
    tok(year, Some(month), Some(day), end)
}

/// "Fall 2018", "Summer 2019": year precision (the season is dropped).
fn season_date(s: &Scan, i: usize) -> Option<Tok> {
    if !s.is_alpha(i) {
        return None;
    }
    let k = SEASONS.iter().find_map(|w| s.word(i, w))?;
    let (year, end) = year4(s, s.skip_ws(k))?;
    tok(year, None, None, end)
}

/// "Q3 2019", "H1 2020": a quarter or half of a year, at year precision (as a season).
fn quarter_date(s: &Scan, i: usize) -> Option<Tok> {
    let max = match s.at(i)? {
        'Q' => 4,
        'H' => 2,
        _ => return None,
    };
    if s.prev(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let n = s.at(i + 1)?.to_digit(10)?;
    let k = s.skip_ws(i + 2);
    if !(1..=max).contains(&n) || k == i + 2 {
        return None;
    }
    let (year, end) = year4(s, k)?;
    tok(year, None, None, end)
}

/// "2019 Jan", "2019 March": the year first, then a capitalised month name, no day or year
/// after it. Only read as the start of a range ([`year_named_range`]): alone it is as often
/// a birth date as a start.
fn year_named_date(s: &Scan, i: usize) -> Option<Tok> {
    let (year, k) = year4(s, i)?;
    if s.at(k) != Some(' ') || !s.at(k + 1).is_some_and(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let (month, end) = month_name(s, k + 1)?;
    if s.at(s.skip_ws(end)).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    tok(year, Some(month), None, end)
}

/// "2019 Jan – 2021 Mar", "2019 March - Present": a range opened by a year-first date.
fn year_named_range(s: &Scan, i: usize) -> Option<(Tok, DateEnd, usize)> {
    range_of(s, i, year_named_date, |s, k| {
        year_named_date(s, k).or_else(|| date_at(s, k))
    })
}

/// "Jan 19", "Mar 21": a month name and a two-digit year without an apostrophe. Only read
/// inside a range ([`named_short_year_range`]): alone it is a day of the month.
fn named_short_year_date(s: &Scan, i: usize) -> Option<Tok> {
    let (month, k) = month_name(s, i)?;
    let k2 = s.skip_ws(k);
    if k2 == k {
        return None;
    }
    let (year, end) = two_digit_year(s, k2)?;
    tok(year, Some(month), None, end)
}

/// "Jan 19 – Mar 21", "Sep 18 - Present": a range of month-name / two-digit-year dates.
fn named_short_year_range(s: &Scan, i: usize) -> Option<(Tok, DateEnd, usize)> {
    range_of(s, i, named_short_year_date, named_short_year_date)
}

/// A bare year not glued to a number-like continuation ("2000万", "2019.5万", "2019%").
fn bare_year(s: &Scan, i: usize) -> Option<Tok> {
    let (year, end) = year4(s, i)?;
    let numberish =
        numberish_at(s, end) || (matches!(s.at(end), Some('.' | ',')) && s.is_digit(end + 1));
    if numberish {
        return None;
    }
    tok(year, None, None, end)
}

/// A Chinese digit in a year ("二〇一九"): "两" is a count, never a year digit.
fn cn_year_digit(c: char) -> Option<u32> {
    if c == '两' {
        return None;
    }
    cn_digit(c)
}

/// Four Chinese digit chars: "二〇一九".
fn cn_year4(s: &Scan, i: usize) -> Option<(i32, usize)> {
    let digits: Option<Vec<u32>> = (i..i + 4)
        .map(|k| s.at(k).and_then(cn_year_digit))
        .collect();
    let year = digits?
        .into_iter()
        .fold(0i32, |v, d| v * 10 + i32::try_from(d).unwrap_or(0));
    (MIN_YEAR..=MAX_YEAR)
        .contains(&year)
        .then_some((year, i + 4))
}

/// A small Chinese number 1..=31: "三", "十", "十二", "二十", "三十一".
fn cn_small(s: &Scan, i: usize) -> Option<(u32, usize)> {
    let mut k = i;
    let (mut tens, mut ones, mut seen_ten) = (0u32, 0u32, false);
    while k - i < 3 {
        let c = s.at(k);
        match (c, c.and_then(cn_year_digit)) {
            (Some('十'), _) if !seen_ten => {
                tens = if ones == 0 { 1 } else { ones };
                ones = 0;
                seen_ten = true;
            }
            (_, Some(d)) if d > 0 && (ones == 0) => ones = d,
            _ => break,
        }
        k += 1;
    }
    let v = tens * 10 + ones;
    (k > i && v > 0).then_some((v, k))
}

/// A month or day number in a Chinese date: ASCII digits or Chinese numerals.
fn cn_part(s: &Scan, i: usize) -> Option<(u32, usize)> {
    s.small_num(i, 2).or_else(|| cn_small(s, i))
}

/// "2015年5月", "2019年3月5日", "二〇一九年三月", "1981年".
fn cn_date(s: &Scan, i: usize) -> Option<Tok> {
    let (year, k) = year4(s, i).or_else(|| cn_year4(s, i))?;
    let k = s.skip_ws(k);
    if s.at(k) != Some('年') {
        return None;
    }
    let year_end = k + 1;
    let Some((month, k)) = cn_month(s, s.skip_ws(year_end)) else {
        return tok(year, None, None, year_end);
    };
    // "21 日": as with the month, PDF text may space the digits from the character.
    let day = cn_part(s, s.skip_ws(k)).and_then(|(d, e)| {
        let e = if s.at(e) == Some(' ') { e + 1 } else { e };
        matches!(s.at(e), Some('日' | '号')).then_some((d, e))
    });
    if let Some((d, e)) = day {
        if let Some(t) = tok(year, Some(month), Some(d), e + 1) {
            return Some(t);
        }
    }
    tok(year, Some(month), None, k).or_else(|| tok(year, None, None, year_end))
}

/// "5月", "十二月", "05月份": the month number and the index after 月 (and 份).
fn cn_month(s: &Scan, i: usize) -> Option<(u32, usize)> {
    let (m, k) = cn_part(s, i)?;
    // "10 月": PDF text often spaces the digits from the character.
    let k = if s.at(k) == Some(' ') { k + 1 } else { k };
    if s.at(k) != Some('月') {
        return None;
    }
    let end = if s.at(k + 1) == Some('份') {
        k + 2
    } else {
        k + 1
    };
    Some((m, end))
}

// ---------------------------------------------------------------------------------------------
// Ranges

/// A range separator at `i` (after optional whitespace): the index after it.
fn separator(s: &Scan, i: usize) -> Option<usize> {
    let k = s.skip_ws(i);
    let mut e = k;
    while s.at(e).is_some_and(|c| DASHES.contains(c)) {
        e += 1;
    }
    if e > k {
        return Some(e);
    }
    // "Until: Currently" — a form's label is a separator word with its colon.
    let e = SEPARATOR_WORDS.iter().find_map(|w| s.word(k, w))?;
    Some(if s.at(e) == Some(':') { e + 1 } else { e })
}

/// A present marker at `i`: the index after it.
fn present_at(s: &Scan, i: usize) -> Option<usize> {
    PRESENT.iter().find_map(|w| {
        let end = s.word(i, w)?;
        let this_year = *w == "今" && matches!(s.at(end), Some('年' | '日'));
        (!this_year).then_some(end)
    })
}

fn open_suffix_at(s: &Scan, i: usize) -> Option<usize> {
    OPEN_SUFFIXES.iter().find_map(|w| s.word(i, w))
}

/// The end of a range after the start token: separator + date/present, or an open suffix.
fn tail(s: &Scan, start: &Tok) -> Option<(DateEnd, usize)> {
    let k = s.skip_ws(start.end);
    if let Some(e) = open_suffix_at(s, k) {
        return Some((DateEnd::Present, e));
    }
    let Some(sep_end) = separator(s, start.end) else {
        return adjacent_end(s, start);
    };
    let after = s.skip_ws(sep_end);
    if let Some(e) = present_at(s, after) {
        return Some((DateEnd::Present, e));
    }
    if let Some(t) = date_at(s, after) {
        return Some((DateEnd::Date(t.date), t.end));
    }
    same_year_month(s, start, after)
}

/// Two month-precision dates with only spaces between them ("2021.7 2022.10"): a range
/// whose dash the document lost (a glyph without a Unicode mapping in a PDF font). Only
/// when the second date is not before the first.
fn adjacent_end(s: &Scan, start: &Tok) -> Option<(DateEnd, usize)> {
    let gap = s.skip_ws(start.end);
    if start.weak || gap == start.end || gap - start.end > 3 {
        return None;
    }
    let t = date_at(s, gap).filter(|t| !t.weak)?;
    let key = |d: &PartialDate| (d.year, d.month.unwrap_or(0));
    (key(&t.date) >= key(&start.date)).then_some((DateEnd::Date(t.date), t.end))
}

/// "2015年5月至9月": an end month without a year, in the start's year.
fn same_year_month(s: &Scan, start: &Tok, i: usize) -> Option<(DateEnd, usize)> {
    start.date.month?;
    let (m, end) = cn_month(s, i)?;
    let date = PartialDate::new(start.date.year, u8::try_from(m).ok(), None)?;
    Some((DateEnd::Date(date), end))
}

/// "Aug – Dec 2019": a month name without a year before a separator and a dated end.
fn month_only_range(s: &Scan, i: usize) -> Option<(Tok, DateEnd, usize)> {
    let (m, k) = month_name(s, i)?;
    let after = s.skip_ws(separator(s, k)?);
    let end = named_date(s, after)?;
    let end_month = end.date.month?;
    let m = u8::try_from(m).ok()?;
    let year = if m > end_month {
        end.date.year - 1
    } else {
        end.date.year
    };
    let start = Tok {
        date: PartialDate::new(year, Some(m), None)?,
        end: k,
        weak: false,
    };
    Some((start, DateEnd::Date(end.date), end.end))
}

/// "09/14", "1/09": a month and a two-digit year (00–49 → 2000s, 50–99 → 1900s). Only read
/// inside a range ([`short_year_range`]): alone it could be a fraction or a day and month.
fn short_year_date(s: &Scan, i: usize) -> Option<Tok> {
    if s.prev(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '/'))
    {
        return None;
    }
    let (month, k) = s.small_num(i, 2)?;
    if s.at(k) != Some('/') {
        return None;
    }
    let (yy, end) = s.small_num(k + 1, 2)?;
    if end - (k + 1) != 2
        || s.at(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '/')
    {
        return None;
    }
    let year = if yy < 50 { 2000 + yy } else { 1900 + yy };
    tok(i32::try_from(year).ok()?, Some(month), None, end)
}

/// "09/14 – Present", "1/09 to 6/12": a range of month / two-digit-year dates.
fn short_year_range(s: &Scan, i: usize) -> Option<(Tok, DateEnd, usize)> {
    range_of(s, i, short_year_date, short_year_date)
}

/// A range whose start is read by `start_at` and whose end is a present marker or read by
/// `end_at`, the end not before the start (an end without a month only not in an earlier
/// year).
fn range_of(
    s: &Scan,
    i: usize,
    start_at: fn(&Scan, usize) -> Option<Tok>,
    end_at: fn(&Scan, usize) -> Option<Tok>,
) -> Option<(Tok, DateEnd, usize)> {
    let start = start_at(s, i)?;
    let after = s.skip_ws(separator(s, start.end)?);
    if let Some(e) = present_at(s, after) {
        return Some((start, DateEnd::Present, e));
    }
    let end = end_at(s, after)?;
    let (a, b) = (start.date, end.date);
    let ordered = b.year > a.year || b.year == a.year && (b.month.is_none() || b.month >= a.month);
    ordered.then_some((start, DateEnd::Date(b), end.end))
}

/// "20132015", "2016present": two years, or a year and "present", whose dash a PDF text layer
/// dropped (a glyph without a Unicode mapping). Only as a whole token, the second year not
/// before the first and at most 60 years after it.
fn glued_year_range(s: &Scan, i: usize) -> Option<(Tok, DateEnd, usize)> {
    if s.prev(i).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let first = s.at(i)?;
    if !first.is_ascii_digit() {
        return None;
    }
    let (v, k) = s.small_num(i, 8)?;
    let year_at = |y: u32| {
        i32::try_from(y)
            .ok()
            .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
    };
    let free = |e: usize| !s.at(e).is_some_and(|c| c.is_alphanumeric());
    if k - i == 8 && free(k) {
        let (a, b) = (year_at(v / 10_000)?, year_at(v % 10_000)?);
        if a <= b && b - a <= 60 {
            let start = tok(a, None, None, i + 4)?;
            let end = PartialDate::new(b, None, None)?;
            return Some((start, DateEnd::Date(end), k));
        }
        return None;
    }
    if k - i != 4 {
        return None;
    }
    let year = year_at(v)?;
    let e = present_at(s, k).filter(|&e| free(e))?;
    Some((tok(year, None, None, k)?, DateEnd::Present, e))
}

/// A range (or single date) starting at `i`, with the index just past it.
fn range_at(s: &Scan, i: usize) -> Option<(DateRange, usize)> {
    // "Since: September 1st 2014" — the word as a form's label, with its colon.
    let since = s
        .word(i, "since")
        .map(|e| s.skip_ws(if s.at(e) == Some(':') { e + 1 } else { e }));
    let j = since.unwrap_or(i);
    let (start, end, end_idx) = if let Some((t, e, idx)) = year_named_range(s, j) {
        (t, Some(e), idx)
    } else if let Some(t) = date_at(s, j) {
        match tail(s, &t) {
            Some((e, idx)) => (t, Some(e), idx),
            None => (t, None, t.end),
        }
    } else if let Some((t, e, idx)) = short_year_range(s, j)
        .or_else(|| glued_year_range(s, j))
        .or_else(|| named_short_year_range(s, j))
    {
        (t, Some(e), idx)
    } else {
        let (t, e, idx) = month_only_range(s, j)?;
        (t, Some(e), idx)
    };
    let end = end.or_else(|| since.map(|_| DateEnd::Present));
    // "Summer 2014" alone: a season is a stretch of that year (a summer job), not an
    // open start; a bare year alone stays no date.
    let end = end.or_else(|| {
        (start.weak && (season_date(s, j).is_some() || quarter_date(s, j).is_some()))
            .then_some(DateEnd::Date(start.date))
    });
    if end.is_none() && start.weak {
        // "2018-        Salsify": a year whose dash ends at a column gap or the line end
        // opens a range whose end is left unwritten; a year alone stays no date.
        let e = dangling_dash(s, start.end)?;
        let range = DateRange {
            start: start.date,
            end: None,
            start_offset: s.byte(i),
            end_offset: s.byte(e),
        };
        return Some((range, e));
    }
    let range = DateRange {
        start: start.date,
        end,
        start_offset: s.byte(i),
        end_offset: s.byte(end_idx),
    };
    Some((range, end_idx))
}

/// A dash right after a date (one space allowed before it) followed by nothing but the line
/// end or a column gap (two spaces or a tab): the index after the dash.
fn dangling_dash(s: &Scan, k: usize) -> Option<usize> {
    let d = if s.at(k) == Some(' ') { k + 1 } else { k };
    let mut e = d;
    while s.at(e).is_some_and(|c| DASHES.contains(c)) {
        e += 1;
    }
    let gap = match s.at(e) {
        None | Some('\t') => true,
        Some(' ') => matches!(s.at(e + 1), None | Some(' ' | '\t')),
        _ => false,
    };
    (e > d && gap).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    fn y(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    fn ymd(year: i32, month: u8, day: u8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The single range in `text`, as (start, end).
    fn one(text: &str) -> (PartialDate, Option<DateEnd>) {
        let found = find_date_ranges(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        (found[0].start, found[0].end)
    }

    fn assert_range(text: &str, start: PartialDate, end: PartialDate) {
        assert_eq!(one(text), (start, Some(DateEnd::Date(end))), "{text:?}");
    }

    fn assert_present(text: &str, start: PartialDate) {
        assert_eq!(one(text), (start, Some(DateEnd::Present)), "{text:?}");
    }

    fn assert_single(text: &str, start: PartialDate) {
        assert_eq!(one(text), (start, None), "{text:?}");
    }

    // --- PartialDate ---------------------------------------------------------------------------

    #[test]
    fn iso_forms() {
        assert_eq!(y(2019).iso(), "2019");
        assert_eq!(d(2019, 3).iso(), "2019-03");
        assert_eq!(ymd(2019, 3, 5).iso(), "2019-03-05");
    }

    #[test]
    fn validation() {
        assert!(PartialDate::new(2019, Some(13), None).is_none());
        assert!(PartialDate::new(2019, Some(0), None).is_none());
        assert!(PartialDate::new(1949, None, None).is_none());
        assert!(PartialDate::new(2101, None, None).is_none());
        assert!(PartialDate::new(2019, None, Some(1)).is_none());
        assert!(PartialDate::new(2019, Some(2), Some(29)).is_none());
        assert!(PartialDate::new(2020, Some(2), Some(29)).is_some());
        assert!(PartialDate::new(2019, Some(4), Some(31)).is_none());
        assert!(PartialDate::new(1950, Some(12), Some(31)).is_some());
    }

    // --- parse_date ----------------------------------------------------------------------------

    #[test]
    fn labelled_since_and_until() {
        assert_present(
            "Since: September 1st 2014 Until: Currently",
            ymd(2014, 9, 1),
        );
        assert_range(
            "Since: October 1st 2012 Until: August 31st 2014",
            ymd(2012, 10, 1),
            ymd(2014, 8, 31),
        );
        assert_present("Mar 2019 - Presently", d(2019, 3));
    }

    #[test]
    fn quarters_year_first_months_and_short_named_years() {
        assert_range("Q1 2019 - Q3 2021", y(2019), y(2021));
        assert_range("H2 2020 – H1 2022", y(2020), y(2022));
        assert_range("2019 Jan – 2021 Mar", d(2019, 1), d(2021, 3));
        assert_present("2019 March - Present", d(2019, 3));
        assert_range("Jan 19 – Mar 21", d(2019, 1), d(2021, 3));
        // A year-first date alone (a birth date beside a name) opens nothing.
        assert!(
            find_date_ranges("PhD Candidate  Example University  1990 Mar.  Dover")
                .iter()
                .all(|r| r.start.month.is_none())
        );
        assert_present("Sep 18 - Present", d(2018, 9));
        // A quarter alone is that year; "Q5", a model number or a day after the month are not.
        assert_range("Q2 2020", y(2020), y(2020));
        assert!(find_date_ranges("Q5 2019").is_empty());
        assert!(find_date_ranges("the iQ3 2019 model").is_empty());
        assert!(find_date_ranges("Jan 19").is_empty());
        assert!(find_date_ranges("Mar 21 – Jan 19").is_empty());
    }

    #[test]
    fn years_glued_by_a_lost_dash() {
        assert_range("20132015", y(2013), y(2015));
        assert_present("2016present", y(2016));
        assert_present("Lead, 2016Present.", y(2016));
        // Backwards, too far apart, part of a longer number or word: no range.
        assert!(find_date_ranges("20152013").is_empty());
        assert!(find_date_ranges("order 19502020").is_empty());
        assert!(find_date_ranges("id 201320151").is_empty());
        assert!(find_date_ranges("2016presents").is_empty());
    }

    #[test]
    fn month_and_two_digit_year_only_in_a_range() {
        assert_present("09/14-Present", d(2014, 9));
        assert_present("Software Engineer, 1/09 to Present", d(2009, 1));
        assert_range("3/98 – 11/03", d(1998, 3), d(2003, 11));
        // Alone, or backwards, or inside a longer number, it is no date.
        assert!(find_date_ranges("scored 3/10 on the quiz").is_empty());
        assert!(find_date_ranges("11/03 – 3/98").is_empty());
        assert!(find_date_ranges("ratio 12/345 - 1/2").is_empty());
        assert!(find_date_ranges("version 2.1/14 - present").is_empty());
    }

    #[test]
    fn apostrophe_years_and_lost_dashes() {
        assert_eq!(
            one("Sept ’17 – present"),
            (d(2017, 9), Some(DateEnd::Present))
        );
        assert_range("Mar '98 - Jun '03", d(1998, 3), d(2003, 6));
        assert_eq!(parse_date("Jan. '19"), Some(d(2019, 1)));
        assert_range("Lead engineer（2016.4 2019.11）", d(2016, 4), d(2019, 11));
        // Not a range: the second date is earlier, or a year alone.
        assert_eq!(find_date_ranges("2019.11 2016.4").len(), 2);
        assert_eq!(one("2016.4 2019"), (d(2016, 4), None));
        // An apostrophe without a month is not a year.
        assert!(find_date_ranges("rock ’n’ roll ’17").is_empty());
        // The apostrophe glued to the month ("Jan'15"), a dash or slash between month and year.
        assert_range("Jan'15 - Aug’16", d(2015, 1), d(2016, 8));
        assert_range("Aug-2013 to Jul-2016", d(2013, 8), d(2016, 7));
        assert_eq!(parse_date("Mar/2019"), Some(d(2019, 3)));
        assert!(find_date_ranges("Jan'155 - Aug'16x").is_empty());
    }

    #[test]
    fn a_year_with_a_dangling_dash_opens_a_range() {
        assert_eq!(one("2018-        Fictional Widgets"), (y(2018), None));
        assert_eq!(one("Lead 2018 –"), (y(2018), None));
        // A year alone, or a dash that continues into a word, is still no date.
        assert!(find_date_ranges("2018        Fictional Widgets").is_empty());
        assert!(find_date_ranges("founded 2018-ish").is_empty());
        assert!(find_date_ranges("2018 - Fictional Widgets").is_empty());
        // (A dash at the end of the line: the end may follow on the next line; see
        // `experience::wrapped_end`.)
        assert_eq!(one("2019 - "), (y(2019), None));
    }

    #[test]
    fn european_month_names() {
        assert_present("Januar 2012 – present", d(2012, 1));
        assert_range("Juillet 2015 - Octobre 2017", d(2015, 7), d(2017, 10));
        assert_range("Mayo 2008 – Diciembre 2009", d(2008, 5), d(2009, 12));
        // A name that is also a month stays a name without a year after it.
        assert!(find_date_ranges("Mayo Clinic, Rochester").is_empty());
    }

    #[test]
    fn present_phrases() {
        assert_present("Sep 2013 - Till Date", d(2013, 9));
        assert_present("June 2016 to till date", d(2016, 6));
        assert_present("09/2013 – Till Now", d(2013, 9));
        assert_present("2019.03 - until present", d(2019, 3));
    }

    #[test]
    fn parse_numeric() {
        assert_eq!(parse_date("2022.08"), Some(d(2022, 8)));
        assert_eq!(parse_date("2018.1"), Some(d(2018, 1)));
        assert_eq!(parse_date("2017-03"), Some(d(2017, 3)));
        assert_eq!(parse_date("2017-03-15"), Some(ymd(2017, 3, 15)));
        assert_eq!(parse_date("2015/05"), Some(d(2015, 5)));
        assert_eq!(parse_date("2015/05/12"), Some(ymd(2015, 5, 12)));
        assert_eq!(parse_date("05/2015"), Some(d(2015, 5)));
        assert_eq!(parse_date(" 2019 "), Some(y(2019)));
    }

    #[test]
    fn parse_chinese() {
        assert_eq!(parse_date("2015年5月"), Some(d(2015, 5)));
        assert_eq!(parse_date("2015年05月"), Some(d(2015, 5)));
        assert_eq!(parse_date("2019年3月5日"), Some(ymd(2019, 3, 5)));
        assert_eq!(parse_date("2019年"), Some(y(2019)));
        assert_eq!(parse_date("二〇一九年三月"), Some(d(2019, 3)));
        assert_eq!(parse_date("二零二一年十二月"), Some(d(2021, 12)));
        assert_eq!(
            parse_date("二〇二〇年十月二十一日"),
            Some(ymd(2020, 10, 21))
        );
        assert_eq!(parse_date("2019年3月份"), Some(d(2019, 3)));
        assert_eq!(parse_date("2014 年 10 月"), Some(d(2014, 10)));
        assert_eq!(parse_date("1988 年 2 月 21 日"), Some(ymd(1988, 2, 21)));
    }

    #[test]
    fn parse_english() {
        assert_eq!(parse_date("Aug. 2021"), Some(d(2021, 8)));
        assert_eq!(parse_date("Sep 2018"), Some(d(2018, 9)));
        assert_eq!(parse_date("Sept. 2018"), Some(d(2018, 9)));
        assert_eq!(parse_date("September 2017"), Some(d(2017, 9)));
        assert_eq!(parse_date("JANUARY 2019"), Some(d(2019, 1)));
        assert_eq!(parse_date("Aug 5, 2019"), Some(ymd(2019, 8, 5)));
        assert_eq!(parse_date("5 Aug 2019"), Some(ymd(2019, 8, 5)));
        assert_eq!(parse_date("21st March 2020"), Some(ymd(2020, 3, 21)));
        assert_eq!(parse_date("Aug, 2021"), Some(d(2021, 8)));
    }

    #[test]
    fn parse_full_width() {
        assert_eq!(parse_date("２０１９．０３"), Some(d(2019, 3)));
        assert_eq!(parse_date("２０１５年５月"), Some(d(2015, 5)));
    }

    #[test]
    fn parse_rejects() {
        for text in [
            "2019.13",
            "2019年13月",
            "13/2019",
            "1949",
            "2101",
            "2019-02-30",
            "Present",
            "now",
            "",
            "abc",
            "20190",
            "Jan. 19",
            "2019 年 in",
            "Maybe 2019",
        ] {
            assert_eq!(parse_date(text), None, "{text:?}");
        }
    }

    // --- ranges --------------------------------------------------------------------------------

    #[test]
    fn english_month_ranges() {
        assert_range("Aug. 2021 – Aug. 2024", d(2021, 8), d(2024, 8));
        assert_range("Sep 2018 - Jul 2021", d(2018, 9), d(2021, 7));
        assert_range("Jan 2019 to Mar 2020", d(2019, 1), d(2020, 3));
        assert_range("Mar 2019 until Jun 2020", d(2019, 3), d(2020, 6));
        assert_range("Aug – Dec 2019", d(2019, 8), d(2019, 12));
        assert_range("Nov - Feb 2020", d(2019, 11), d(2020, 2));
        assert_range("Fall 2018 – Spring 2020", y(2018), y(2020));
    }

    #[test]
    fn english_present() {
        assert_present("January 2019 – Present", d(2019, 1));
        assert_present("Jan 2019 - Current", d(2019, 1));
        assert_present("Jan 2019 - Now", d(2019, 1));
        assert_present("Jan 2019 - now", d(2019, 1));
        assert_present("Jan 2019 – present", d(2019, 1));
        assert_present("September 2017 onwards", d(2017, 9));
        assert_present("since 2019", y(2019));
        assert_present("2019 to date", y(2019));
        assert_present("Since March 2020", d(2020, 3));
    }

    #[test]
    fn numeric_ranges() {
        assert_range("2020.11 - 2021.11", d(2020, 11), d(2021, 11));
        assert_range("2020.11 – 2021.11", d(2020, 11), d(2021, 11));
        assert_range("2020.04—2022.07", d(2020, 4), d(2022, 7));
        assert_range("2020.04——2022.07", d(2020, 4), d(2022, 7));
        assert_range("2015/05 – 2016/11", d(2015, 5), d(2016, 11));
        assert_range("05/2015 - 11/2016", d(2015, 5), d(2016, 11));
        assert_range("2017-03 ~ 2018-01", d(2017, 3), d(2018, 1));
        assert_range("2017-03～2018-01", d(2017, 3), d(2018, 1));
        assert_range("2009 - 2012", y(2009), y(2012));
        assert_range("2009-2012", y(2009), y(2012));
        assert_range("2019.05 - 2020", d(2019, 5), y(2020));
        assert_range("２０２０．１１－２０２１．１１", d(2020, 11), d(2021, 11));
    }

    #[test]
    fn numeric_present() {
        assert_present("2022.08 - Present", d(2022, 8));
        assert_present("2022.08-至今", d(2022, 8));
        assert_present("2018.1 ~ 今", d(2018, 1));
        assert_present("2018.1 - 现在", d(2018, 1));
        assert_present("2018.1 - 目前", d(2018, 1));
    }

    #[test]
    fn chinese_ranges() {
        assert_range("2015年5月至2018年9月", d(2015, 5), d(2018, 9));
        assert_range("2015年5月-2018年9月", d(2015, 5), d(2018, 9));
        assert_range("2015年5月 到 2018年9月", d(2015, 5), d(2018, 9));
        assert_range("1981年至1983年", y(1981), y(1983));
        assert_range("2015年5月至9月", d(2015, 5), d(2015, 9));
        assert_present("2013年4月至今", d(2013, 4));
        assert_present("2009年5月至今", d(2009, 5));
        assert_present("2019年至今", y(2019));
        assert_present("2019年以来", y(2019));
        assert_present("二〇一九年三月至今", d(2019, 3));
    }

    #[test]
    fn single_dates_with_month_precision() {
        assert_single("2015年5月", d(2015, 5));
        assert_single("Aug. 2021", d(2021, 8));
        assert_single("joined in Aug. 2021 as SRE", d(2021, 8));
        assert_single("2017-03-15", ymd(2017, 3, 15));
        assert_single("二〇一九年三月", d(2019, 3));
    }

    #[test]
    fn bare_years_alone_are_not_ranges() {
        for text in [
            "in 2012 he joined",
            "2019年",
            "2019年获奖",
            "2019",
            "2000-3000 users",
            "2000万用户",
            "QPS 2019.5万",
            "v2019",
            "2000-2500万",
        ] {
            assert!(
                find_date_ranges(text).is_empty(),
                "{text:?}: {:?}",
                find_date_ranges(text)
            );
        }
    }

    #[test]
    fn a_season_alone_is_a_stretch_of_its_year() {
        assert_range("Summer 2019", y(2019), y(2019));
        assert_range("Intern, Fall 2018", y(2018), y(2018));
        assert_range("Fall 2018 – Spring 2020", y(2018), y(2020));
        // A season word without a year is no date.
        assert!(find_date_ranges("Summer camp counsellor").is_empty());
    }

    #[test]
    fn end_before_start_is_kept() {
        assert_range("2021.11 - 2020.11", d(2021, 11), d(2020, 11));
    }

    #[test]
    fn impossible_dates_rejected() {
        assert!(find_date_ranges("2019.13 - 2020.14").is_empty());
        assert!(find_date_ranges("1900 - 1910").is_empty());
        assert!(find_date_ranges("2019.13 - Present").is_empty());
    }

    #[test]
    fn this_year_is_not_present() {
        assert!(find_date_ranges("2019 - 今年").is_empty());
    }

    #[test]
    fn several_ranges_in_a_line() {
        let text = "Acme 2015.05-2017.03；Globex 2017.04 – 至今";
        let found = find_date_ranges(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].start, d(2015, 5));
        assert_eq!(found[1].end, Some(DateEnd::Present));
        assert_eq!(
            &text[found[1].start_offset..found[1].end_offset],
            "2017.04 – 至今"
        );
    }

    #[test]
    fn offsets_cover_expression() {
        let text = "职位：工程师（2015年5月至2018年9月）";
        let r = find_date_ranges(text);
        assert_eq!(
            &text[r[0].start_offset..r[0].end_offset],
            "2015年5月至2018年9月"
        );
        let text = "worked since 2019 on search";
        let r = find_date_ranges(text);
        assert_eq!(&text[r[0].start_offset..r[0].end_offset], "since 2019");
        let text = "September 2017 onwards.";
        let r = find_date_ranges(text);
        assert_eq!(
            &text[r[0].start_offset..r[0].end_offset],
            "September 2017 onwards"
        );
    }

    #[test]
    fn emoji_and_cjk_do_not_panic() {
        let text = "🚀2019年🎉5月😀 – 至今 ✨ Aug.😀2021 📅 ２０１９．０３–今";
        for r in find_date_ranges(text) {
            assert!(text.is_char_boundary(r.start_offset) && text.is_char_boundary(r.end_offset));
        }
        assert_eq!(
            find_date_ranges(text).last().map(|r| r.end),
            Some(Some(DateEnd::Present))
        );
    }

    /// [`find_date_ranges`] trying every char: without [`may_start`] or the year pre-check.
    fn find_date_ranges_everywhere(text: &str) -> Vec<DateRange> {
        scan_date_ranges(text, |_, _| true)
    }

    #[test]
    fn skipping_impossible_starts_changes_nothing() {
        let odd = [
            "SINCE 2019, sinceAug 2019, 5Aug 2019, Sept. 2018 – Dec' 2019, Fall 2018",
            "二〇一九年三月至今, 2015年5月至9月, xMay 2019, Aug – Dec 2019",
        ];
        for line in crate::extract::sample_lines()
            .iter()
            .map(String::as_str)
            .chain(odd)
        {
            assert_eq!(
                find_date_ranges(line),
                find_date_ranges_everywhere(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "",
            "-",
            "至今",
            "年",
            "月",
            "9999年99月99日",
            "0/0",
            "Aug.",
            "since",
            "二〇",
            "十",
            "2019.",
            "2019-",
            "2019年十三月",
            "2019年三十二月",
            "99999999999999999999",
            "\u{0}",
            "🎉",
        ];
        for text in inputs {
            let _ = find_date_ranges(text);
            let _ = parse_date(text);
        }
    }
}
