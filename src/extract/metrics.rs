//! Scale metrics in a sentence: a quantity paired with a metric-kind keyword near it
//! ("78K peak QPS", "日活千万级", "p99 latency under 50ms", "每年节约数千万美金").
//!
//! # Pairing
//! Every keyword occurrence (any label of a [`MetricKindSpec`], ASCII case-insensitive, whole
//! words for Latin labels, longest label wins where labels overlap) is paired with a quantity
//! before or after it. The text between them (the *gap*) must be short (≤ 12 chars, or ≤ 24
//! when it is all ASCII), must not cross sentence or clause punctuation (`。；;！!？?，,、` or a
//! full stop followed by a space) and must not contain another keyword or another quantity that
//! could be of the kind ("DAU grew 20% to 5M" pairs DAU with 5M). In English, a number followed
//! by a noun counts that noun, so it is not the value of a keyword before it ("nodes across 3
//! regions" is not 3 nodes). Pairs are chosen greedily by gap length; ties are broken once preferring number-before-keyword
//! ("10K QPS, …") and once keyword-before-number ("日活4亿月活8亿"), and the assignment with
//! more pairs (then the shorter total gap) wins. Each keyword and each quantity is used once.
//!
//! A Chinese label that starts with a period word (每秒, 每分钟, 每小时, 每天, 每日, 日均, 每月,
//! 月均) also matches split around its number, with up to 4 CJK chars (a verb) between the
//! period word and the number and an optional counter (次, 条, 个…) after it: "每秒处理10万次请求"
//! matches the label "每秒请求", "日均1亿次调用" the label "日均调用". Such a split keyword is
//! paired with the number it encloses before any other pairing.
//!
//! # Units
//! The kind's `unit` string decides what a number must look like (case-insensitive):
//! - `PERCENT`: the number is followed by `%`, "percent", or is "N个9" (4个9 = 99.99).
//! - `MilliSEC` (or `SEC`): a time unit must follow (ms, s, μs, min, 毫秒, 秒…); converted.
//! - `BYTE`: a byte unit must follow (B, KB…EB, KiB…EiB, T/G/P, 字节); converted to bytes.
//! - `YR`: a year word must follow (年, years, yrs).
//! - `currency`: money; the currency code comes from a marker before or after the number
//!   (¥, $, RMB, CNY, USD, 元, 人民币, 美元, 美金…); without a marker a Chinese keyword implies CNY.
//! - `NUM-PER-SEC`, `PER-DAY` / `per day` (also `PER-MIN`, `PER-HR`): rates; `per_second` is
//!   derived (value for per-second kinds, value / 86400 for per-day kinds).
//! - anything else (`NUM`…): a count.
//!
//! A qualifier after the unit applies too: "10PB+", "200ms以内", "50ms左右".
//!
//! Counts, rates and money reject numbers followed by %, a time, byte or duration unit, 倍 or
//! "x" ("QPS提升30%", "带领团队3年" are not metrics), or by a word for kinds or widths ("3种用户",
//! "32-bit"). A count is a whole number ("Node.js 0.10 services" is a version) and never a
//! vague small plural ("dozens of teams", "数十个团队"). Dates found by
//! [`super::dates::find_date_ranges`] are never metric values, nor are list numbers at the start
//! of a line ("3. …", "2、…", "(1) …"), the article "一" ("一个创业团队") or the idiom "from 0 to
//! 1" / "从0到1".
//!
//! A multiplier letter glued between a number and a keyword applies: "7kqps" is 7,000 QPS. A
//! byte unit with no number before "级" is an order of magnitude: "TB级日志" is at least 1 TB.
//! A number alone in brackets with a kind's bracket label (`cg:contextLabel`) is that kind:
//! "Payments app (4人)" is a team of 4.
//!
//! Ranges "3-5人" report the lower bound as `AtLeast`; transitions "from 6M to 5M", "从10s降至
//! 1s", "6M → 5M" report the result. The one exception to "no keyword, no metric": an
//! availability-style percentage of nines (≥ 99.9%) right after 全年/年度/annual/yearly is
//! reported as `availability` when such a kind exists.

use super::dates;
use super::numbers::{self, Qualifier, Quantity};
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// A metric kind: identifier, every label in any language, and its unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MetricKindSpec {
    /// Local name of the kind, e.g. "qps" (the IRI is `mk:qps`).
    pub id: String,
    /// All labels and aliases in any language, e.g. "QPS", "queries per second", "每秒查询数".
    pub labels: Vec<String>,
    /// QUDT unit local name (`NUM-PER-SEC`, `PERCENT`, `MilliSEC`, `BYTE`, `NUM`, `YR`) or a
    /// text unit ("per day", "currency"); see the module docs.
    pub unit: String,
    /// Counter words trusted only alone with their number in brackets after a name
    /// ("Payments app (4人)" is a team of 4): `cg:contextLabel` of the kind.
    pub bracket_labels: Vec<String>,
}

impl MetricKindSpec {
    /// Build a spec from string slices.
    #[must_use]
    pub fn new(id: &str, labels: &[&str], unit: &str) -> Self {
        MetricKindSpec {
            id: id.to_string(),
            labels: labels.iter().map(ToString::to_string).collect(),
            unit: unit.to_string(),
            bracket_labels: Vec::new(),
        }
    }

    /// The same spec with counter words for bracketed head counts ("(4人)").
    #[must_use]
    pub fn with_bracket_labels(mut self, labels: &[&str]) -> Self {
        self.bracket_labels = labels.iter().map(ToString::to_string).collect();
        self
    }
}

/// Which statistic of a measured quantity a metric states.
///
/// "Daily" is not a statistic: per-day rates are metric kinds (`requests-per-day`); "日均" (daily
/// average) is `Average` on such a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Statistic {
    /// Peak / maximum: "peak", "峰值", "高峰", "最高", "max".
    Peak,
    /// Mean: "average", "avg", "平均", "日均", "月均".
    Average,
    /// Cumulative total: "total", "cumulative", "累计", "总计", "共计".
    Total,
    /// Median: "p50", "median", "中位数".
    P50,
    /// 90th percentile: "p90", "tp90".
    P90,
    /// 95th percentile: "p95", "tp95".
    P95,
    /// 99th percentile: "p99", "tp99", "99分位".
    P99,
    /// 99.9th percentile: "p999", "p99.9", "tp999".
    P999,
}

impl Statistic {
    /// Lower-case name used in the vocabulary ("peak", "average", "p99"…).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Statistic::Peak => "peak",
            Statistic::Average => "average",
            Statistic::Total => "total",
            Statistic::P50 => "p50",
            Statistic::P90 => "p90",
            Statistic::P95 => "p95",
            Statistic::P99 => "p99",
            Statistic::P999 => "p999",
        }
    }
}

/// A metric found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricMention {
    /// The kind's id ("qps", "dau"…).
    pub kind: String,
    /// The value in the kind's unit (bytes for storage, milliseconds for latency…).
    pub value: f64,
    /// How the value is qualified.
    pub qualifier: Qualifier,
    /// Peak, average, p99… when stated.
    pub statistic: Option<Statistic>,
    /// The kind's unit string, copied from the spec.
    pub unit: String,
    /// Byte offset of the start of the span covering number, currency and keyword.
    pub start: usize,
    /// Byte offset just past that span.
    pub end: usize,
    /// The value as a per-second rate, for rate kinds (per-day values divided by 86400).
    pub per_second: Option<f64>,
    /// ISO 4217 code for money kinds ("CNY", "USD"…).
    pub currency: Option<String>,
}

/// Metric kinds prepared for matching: every label of every kind in one automaton, built once
/// and reused for every text (see [`MetricKinds::find`]).
#[derive(Debug)]
pub struct MetricKinds {
    specs: Vec<MetricKindSpec>,
    labels: LabelIndex,
}

impl MetricKinds {
    /// Prepare `specs` for matching.
    #[must_use]
    pub fn new(specs: Vec<MetricKindSpec>) -> Self {
        let labels = LabelIndex::new(&specs);
        MetricKinds { specs, labels }
    }

    /// The kinds, in the order given to [`MetricKinds::new`].
    #[must_use]
    pub fn specs(&self) -> &[MetricKindSpec] {
        &self.specs
    }

    /// Find scale metrics in `text`: quantities paired with a keyword of one of the kinds.
    /// Same result as [`find_metrics`] with the same specs.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<MetricMention> {
        find_with(text, &self.specs, &self.labels)
    }
}

/// Find scale metrics in `text`: quantities paired with a keyword of one of `kinds`.
///
/// Prepares the kinds on every call; use [`MetricKinds`] to scan many texts.
#[must_use]
pub fn find_metrics(text: &str, kinds: &[MetricKindSpec]) -> Vec<MetricMention> {
    find_with(text, kinds, &LabelIndex::new(kinds))
}

fn find_with(text: &str, kinds: &[MetricKindSpec], labels: &LabelIndex) -> Vec<MetricMention> {
    let values = build_values(text);
    if values.is_empty() {
        // Every metric needs a number; most lines have none.
        return Vec::new();
    }
    let splits = split_hits(text, kinds, &values);
    let mut hits = find_hits(text, labels, &values);
    let values = glue_multipliers(text, values, &hits);
    hits.retain(|h| {
        !splits
            .iter()
            .any(|(_, s)| overlaps((h.start, h.end), (s.start, s.end)))
    });
    let first_split = hits.len();
    hits.extend(splits.iter().map(|(_, h)| *h));
    let mut cands = forced(text, kinds, &values, &splits, first_split);
    let split_vals: Vec<usize> = splits.iter().map(|(v, _)| *v).collect();
    cands.extend(
        candidates(text, kinds, &values, &hits)
            .into_iter()
            .filter(|c| !split_vals.contains(&c.val)),
    );
    let chosen = best_assignment(&cands);
    let mut out: Vec<MetricMention> = chosen
        .iter()
        .filter_map(|&c| cands.get(c))
        .filter_map(|c| mention(text, kinds, &values, &hits, c))
        .collect();
    let used: Vec<usize> = chosen
        .iter()
        .filter_map(|&c| cands.get(c))
        .map(|c| c.val)
        .collect();
    out.extend(nines_fallback(text, kinds, &values, &used));
    out.extend(bracket_counts(text, kinds, &values, &used));
    out.sort_by_key(|m| (m.start, m.end));
    out
}

// ---------------------------------------------------------------------------------------------
// Units

/// How a kind's unit constrains and converts the number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Family {
    Count,
    /// A rate per this many seconds.
    Rate(f64),
    Percent,
    /// A duration in units of this many milliseconds.
    Duration(f64),
    Bytes,
    Years,
    Currency,
}

fn family(unit: &str) -> Family {
    let u = unit.trim().to_ascii_lowercase();
    match u.as_str() {
        "percent" | "%" => Family::Percent,
        "millisec" | "ms" => Family::Duration(1.0),
        "sec" | "s" => Family::Duration(1000.0),
        "microsec" => Family::Duration(0.001),
        "byte" | "bytes" => Family::Bytes,
        "yr" | "year" | "years" => Family::Years,
        "currency" => Family::Currency,
        "num-per-sec" | "per-sec" | "per second" => Family::Rate(1.0),
        "num-per-min" | "per-min" | "per minute" => Family::Rate(60.0),
        "num-per-hr" | "per-hr" | "per hour" => Family::Rate(3600.0),
        "num-per-day" | "per-day" | "per day" => Family::Rate(86_400.0),
        _ if u.starts_with("ccy") || u.starts_with("cur:") || u.contains("/currency/") => {
            Family::Currency
        }
        _ => Family::Count,
    }
}

/// Time units with their length in milliseconds.
const TIME_UNITS: &[(&str, f64)] = &[
    ("milliseconds", 1.0),
    ("millisecond", 1.0),
    ("msec", 1.0),
    ("ms", 1.0),
    ("毫秒", 1.0),
    ("microseconds", 0.001),
    ("μs", 0.001),
    ("µs", 0.001),
    ("us", 0.001),
    ("微秒", 0.001),
    ("ns", 1e-6),
    ("纳秒", 1e-6),
    ("seconds", 1000.0),
    ("second", 1000.0),
    ("secs", 1000.0),
    ("sec", 1000.0),
    ("s", 1000.0),
    ("秒", 1000.0),
    ("minutes", 60_000.0),
    ("mins", 60_000.0),
    ("min", 60_000.0),
    ("分钟", 60_000.0),
];

/// Byte units with their size (decimal SI for KB…, binary for KiB…).
const BYTE_UNITS: &[(&str, f64)] = &[
    ("bytes", 1.0),
    ("byte", 1.0),
    ("字节", 1.0),
    ("kib", 1024.0),
    ("mib", 1_048_576.0),
    ("gib", 1_073_741_824.0),
    ("tib", 1_099_511_627_776.0),
    ("pib", 1_125_899_906_842_624.0),
    ("eib", 1_152_921_504_606_846_976.0),
    ("kb", 1e3),
    ("mb", 1e6),
    ("gb", 1e9),
    ("tb", 1e12),
    ("pb", 1e15),
    ("eb", 1e18),
    ("zb", 1e21),
];

/// Single upper-case letters used as byte units in Chinese résumés ("10T数据", "500G").
const BYTE_LETTERS: &[(char, f64)] = &[
    ('B', 1.0),
    ('K', 1e3),
    ('M', 1e6),
    ('G', 1e9),
    ('T', 1e12),
    ('P', 1e15),
    ('E', 1e18),
];

/// Year words after a number of years.
pub(super) const YEAR_UNITS: &[&str] = &["years", "year", "yrs", "yr", "年"];

/// Units that disqualify a number from being a count, rate or amount of money ("3种用户" and
/// "3 types of users" count kinds, "32-bit" is a width).
const OTHER_UNITS: &[&str] = &[
    "%", "％", "percent", "倍", "fold", "-fold", "times", "x", "个月", "months", "month", "天",
    "days", "day", "小时", "hours", "hour", "hrs", "周", "weeks", "week", "年", "years", "year",
    "yrs", "ms", "毫秒", "秒", "s", "sec", "secs", "seconds", "min", "mins", "minutes", "分钟",
    "kb", "mb", "gb", "tb", "pb", "种", "类", "types", "kinds", "sorts", "-bit", "bit", "bits",
];

/// `text[i..]` after at most one space starts with `pat` (ASCII case-insensitive), ending on a
/// word boundary when `pat` ends with a letter: the byte index after the match.
pub(super) fn unit_at(text: &str, i: usize, pat: &str) -> Option<usize> {
    let rest = text.get(i..)?;
    let skipped = usize::from(rest.starts_with(' '));
    let rest = rest.get(skipped..)?;
    if let (Some(p), Some(r)) = (pat.as_bytes().first(), rest.as_bytes().first()) {
        // Most units are rejected by their first byte.
        if !p.eq_ignore_ascii_case(r) {
            return None;
        }
    }
    let head = rest.get(..pat.len())?;
    if !head.eq_ignore_ascii_case(pat) {
        return None;
    }
    let after = rest.get(pat.len()..).and_then(|r| r.chars().next());
    let ends_alpha = pat.ends_with(|c: char| c.is_ascii_alphabetic());
    if ends_alpha && after.is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(i + skipped + pat.len())
}

fn first_unit(text: &str, i: usize, table: &[(&str, f64)]) -> Option<(f64, usize)> {
    table
        .iter()
        .find_map(|&(pat, f)| unit_at(text, i, pat).map(|e| (f, e)))
}

fn byte_unit(text: &str, i: usize) -> Option<(f64, usize)> {
    first_unit(text, i, BYTE_UNITS).or_else(|| {
        let mut chars = text.get(i..)?.chars();
        let c = chars.next()?;
        let f = BYTE_LETTERS.iter().find(|(l, _)| *l == c)?.1;
        (!chars.next().is_some_and(|n| n.is_ascii_alphabetic())).then_some((f, i + c.len_utf8()))
    })
}

/// The number as expressed in the kind's family: converted value and the end of any unit.
fn unit_fit(text: &str, v: &Value, fam: Family) -> Option<(f64, usize)> {
    if let Some(pe) = v.percent {
        return (fam == Family::Percent).then_some((v.value, pe));
    }
    match fam {
        Family::Percent => None,
        Family::Duration(per) => time_fit(text, v, per),
        Family::Bytes => byte_unit(text, v.end).map(|(f, e)| (v.value * f, e)),
        Family::Years => YEAR_UNITS
            .iter()
            .find_map(|p| unit_at(text, v.end, p))
            .map(|_| (v.value, v.end)),
        Family::Count | Family::Rate(_) | Family::Currency => {
            let other = OTHER_UNITS
                .iter()
                .any(|p| unit_at(text, v.end, p).is_some());
            let vague_count = v.vague && fam != Family::Currency;
            // A count is whole: "Node.js 0.10 services", "Python 3.11 scripts" are versions.
            let fraction = fam == Family::Count
                && (v.value - v.value.round()).abs() > 1e-6 * v.value.abs().max(1.0);
            (!other && !vague_count && !fraction).then_some((v.value, v.end))
        }
    }
}

fn time_fit(text: &str, v: &Value, per: f64) -> Option<(f64, usize)> {
    let (ms, e) = first_unit(text, v.end, TIME_UNITS)?;
    Some((v.value * ms / per, e))
}

/// A qualifier after a unit ("10PB+", "200ms以内"): the qualifier and the index after it.
pub(super) fn trailing_qualifier(text: &str, i: usize) -> Option<(Qualifier, usize)> {
    const AFTER_UNIT: &[(&str, Qualifier)] = &[
        ("+", Qualifier::AtLeast),
        ("＋", Qualifier::AtLeast),
        ("以上", Qualifier::AtLeast),
        ("以内", Qualifier::UpTo),
        ("以下", Qualifier::UpTo),
        ("左右", Qualifier::Approximately),
    ];
    let rest = text.get(i..)?;
    AFTER_UNIT
        .iter()
        .find_map(|&(p, q)| rest.starts_with(p).then_some((q, i + p.len())))
}

// ---------------------------------------------------------------------------------------------
// Currency

const CURRENCY_BEFORE: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("HKD", "HKD"),
    ("JPY", "JPY"),
    ("人民币", "CNY"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
];

const CURRENCY_AFTER: &[(&str, &str)] = &[
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("HKD", "HKD"),
    ("JPY", "JPY"),
    ("yuan", "CNY"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("人民币", "CNY"),
    ("元", "CNY"),
    ("块", "CNY"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("日元", "JPY"),
];

/// A currency marker ending right before byte `start` (spaces allowed): code and marker start.
fn currency_before(text: &str, start: usize) -> Option<(&'static str, usize)> {
    let head = text.get(..start)?.trim_end();
    CURRENCY_BEFORE.iter().find_map(|&(m, code)| {
        let at = head.len().checked_sub(m.len())?;
        let tail = head.get(at..)?;
        let alpha = m.starts_with(|c: char| c.is_ascii_alphabetic());
        let glued = alpha
            && head
                .get(..at)
                .and_then(|h| h.chars().last())
                .is_some_and(|c| c.is_ascii_alphabetic());
        (tail.eq_ignore_ascii_case(m) && !glued).then_some((code, at))
    })
}

/// A currency marker right after byte `end` (spaces allowed): code and marker end.
fn currency_after(text: &str, end: usize) -> Option<(&'static str, usize)> {
    let rest = text.get(end..)?;
    let skipped = rest.len() - rest.trim_start().len();
    CURRENCY_AFTER
        .iter()
        .find_map(|&(m, code)| unit_at(text, end + skipped, m).map(|e| (code, e)))
}

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// Values: quantities with ranges, transitions and percentages resolved

/// A candidate metric value.
#[derive(Debug, Clone, Copy)]
struct Value {
    value: f64,
    qualifier: Qualifier,
    start: usize,
    end: usize,
    /// Index after a following '%' (or the "个9" of "4个9").
    percent: Option<usize>,
    /// A vague small plural ("dozens", "数十", "几十"): a size, never a count of something.
    vague: bool,
}

impl Value {
    fn from_quantity(q: &Quantity) -> Self {
        Value {
            value: q.value,
            qualifier: q.qualifier,
            start: q.start,
            end: q.end,
            percent: None,
            vague: false,
        }
    }
}

/// Words that turn "A … B" into a transition to B.
const TRANSITIONS: &[&str] = &[
    "→",
    "->",
    "=>",
    "降至",
    "降到",
    "降低至",
    "降低到",
    "降为",
    "减少到",
    "减少至",
    "减至",
    "缩减至",
    "缩短至",
    "缩短到",
    "提升至",
    "提升到",
    "提高至",
    "提高到",
    "增长至",
    "增长到",
    "升至",
    "优化至",
    "优化到",
    "优化为",
];

/// Words that join a range "A-B" (or a transition when "from"/"从" precedes A).
const RANGE_JOINS: &[&str] = &["-", "–", "—", "~", "～", "to", "到", "至"];

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn build_values(text: &str) -> Vec<Value> {
    let mut qs: Vec<Quantity> = numbers::find_quantities(text);
    if qs.is_empty() {
        // No quantity, no value: the dates need not be looked for.
        return magnitude_units(text);
    }
    let dates: Vec<(usize, usize)> = dates::find_date_ranges(text)
        .iter()
        .map(|r| (r.start_offset, r.end_offset))
        .collect();
    qs.retain(|q| {
        !dates.iter().any(|d| overlaps((q.start, q.end), *d))
            && !enumerator(text, q)
            && !after_slash(text, q)
            && text.get(q.start..q.end) != Some("一")
    });
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(q) = qs.get(i) {
        if let Some((v, used)) = joined(text, q, qs.get(i + 1)) {
            // "from 0 to 1" / "从0到1" is an idiom for building something new, not a value.
            let idiom = q.value == 0.0 && qs.get(i + 1).is_some_and(|n| n.value == 1.0);
            if !idiom {
                out.push(v);
            }
            i += used;
            continue;
        }
        let mut v = nines(text, q).unwrap_or_else(|| with_percent(text, Value::from_quantity(q)));
        v.vague = vague(text, q);
        out.push(v);
        i += 1;
        while qs
            .get(i)
            .is_some_and(|n| n.start < v.end.max(v.percent.unwrap_or(0)))
        {
            i += 1;
        }
    }
    out.extend(magnitude_units(text));
    out.sort_by_key(|v| v.start);
    out
}

/// A vague small plural: "dozens", "数十", "几十" (below 100, no digit). "十余人" and "over ten"
/// state a count and are not vague.
fn vague(text: &str, q: &Quantity) -> bool {
    let t = text.get(q.start..q.end).unwrap_or("");
    q.qualifier == Qualifier::AtLeast
        && q.value < 100.0
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && (t.starts_with(['数', '几']) || t.to_ascii_lowercase().contains("dozen"))
}

/// A number glued after "Name/": a version ("HTTP/2", "IPv4/6"), not a quantity.
fn after_slash(text: &str, q: &Quantity) -> bool {
    let mut back = text.get(..q.start).unwrap_or("").chars().rev();
    back.next() == Some('/') && back.next().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A list number at the start of a line ("3. Shipped…", "2、负责…", "(1) …"): an enumerator,
/// not a quantity.
fn enumerator(text: &str, q: &Quantity) -> bool {
    let line_head = text
        .get(..q.start)
        .map(|h| h.rsplit('\n').next().unwrap_or(h))
        .unwrap_or("");
    let head = line_head.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '*' | '•' | '·' | '▪' | '◦' | '>')
    });
    let rest = text.get(q.end..).unwrap_or("");
    let mut after = rest.chars();
    let opened = matches!(head, "(" | "（" | "[");
    match (head.is_empty() || opened, after.next()) {
        (true, Some('.' | '．' | '、')) if !opened => {
            !after.next().is_some_and(|c| c.is_ascii_digit())
        }
        (true, Some(')' | '）' | ']')) => true,
        _ => false,
    }
}

/// Byte units used as an order of magnitude with no number: "TB级日志", "PB 级别的数据" (at
/// least 1 TB, 1 PB). A zero-width value right before the unit; the unit is read as for any
/// number of bytes.
fn magnitude_units(text: &str) -> Vec<Value> {
    if !text.contains('级') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for unit in ["KB", "MB", "GB", "TB", "PB", "EB"] {
        for (at, _) in text.match_indices(unit) {
            let before = text.get(..at).and_then(|h| h.trim_end().chars().last());
            let after = text.get(at + unit.len()..).unwrap_or("").trim_start();
            let glued = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
            if glued || !after.starts_with('级') {
                continue;
            }
            out.push(Value {
                value: 1.0,
                qualifier: Qualifier::AtLeast,
                start: at,
                end: at,
                percent: None,
                vague: false,
            });
        }
    }
    out
}

/// A number glued to a multiplier letter that is glued to a keyword ("7kqps", "5wQPS"): the
/// numbers parser leaves the letter out (it could start a word); next to a keyword it is the
/// multiplier.
fn glue_multipliers(text: &str, mut values: Vec<Value>, hits: &[Hit]) -> Vec<Value> {
    for v in &mut values {
        let Some(c) = text.get(v.end..).and_then(|r| r.chars().next()) else {
            continue;
        };
        let factor = match c {
            'k' | 'K' => 1e3,
            'w' | 'W' => 1e4,
            'm' | 'M' => 1e6,
            _ => continue,
        };
        if v.percent.is_none() && hits.iter().any(|h| h.start == v.end + 1) {
            v.value *= factor;
            v.end += 1;
        }
    }
    values
}

/// Mark a value followed by "%" / "percent".
fn with_percent(text: &str, mut v: Value) -> Value {
    v.percent = ["%", "％", "percent"]
        .iter()
        .find_map(|p| unit_at(text, v.end, p));
    v
}

/// "4个9" / "四个九": availability written as a count of nines.
fn nines(text: &str, q: &Quantity) -> Option<Value> {
    let rest = text.get(q.end..)?;
    let marker = ["个9", "个九"].iter().find(|m| rest.starts_with(*m))?;
    if q.value.fract() != 0.0 || !(2.0..=9.0).contains(&q.value) {
        return None;
    }
    // Spell the decimal out so that 4个9 is exactly the double nearest to 99.99.
    let count = format!("{}", q.value).parse::<usize>().ok()?;
    let value = format!("99.{}", "9".repeat(count - 2))
        .parse::<f64>()
        .ok()?;
    let end = q.end + marker.len();
    Some(Value {
        value,
        qualifier: q.qualifier,
        start: q.start,
        end,
        percent: Some(end),
        vague: false,
    })
}

/// Kinds of unit that may follow a number in a range or transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitClass {
    Percent,
    Time,
    Bytes,
}

/// The class and end of a percent, time or byte unit right after byte `i` ("2s降至200ms",
/// "30%-50%").
fn unit_after(text: &str, i: usize) -> Option<(UnitClass, usize)> {
    let percent = ["%", "％", "percent"]
        .iter()
        .filter_map(|u| unit_at(text, i, u))
        .map(|e| (UnitClass::Percent, e));
    let time = TIME_UNITS
        .iter()
        .filter_map(|(u, _)| unit_at(text, i, u))
        .map(|e| (UnitClass::Time, e));
    let bytes = BYTE_UNITS
        .iter()
        .filter_map(|(u, _)| unit_at(text, i, u))
        .map(|e| (UnitClass::Bytes, e));
    percent.chain(time).chain(bytes).max_by_key(|&(_, e)| e)
}

/// A range or transition joining `q` and `next`: the value and how many quantities it used.
fn joined(text: &str, q: &Quantity, next: Option<&Quantity>) -> Option<(Value, usize)> {
    let next = next?;
    let unit = unit_after(text, q.end);
    if unit.is_some_and(|(class, _)| unit_after(text, next.end).is_none_or(|(c, _)| c != class)) {
        return None;
    }
    let unit_end = unit.map_or(q.end, |(_, e)| e);
    let between = text.get(unit_end..next.start)?.trim();
    let after_percent = |v: Value| with_percent(text, v);
    if TRANSITIONS.contains(&between) {
        let v = Value {
            start: q.start,
            ..Value::from_quantity(next)
        };
        return Some((after_percent(v), 2));
    }
    if !RANGE_JOINS.iter().any(|j| between.eq_ignore_ascii_case(j)) {
        return None;
    }
    let before = text.get(..q.start)?.trim_end().to_ascii_lowercase();
    let from = ["from", "从", "由"].iter().any(|w| before.ends_with(w));
    let v = if from {
        Value {
            start: q.start,
            ..Value::from_quantity(next)
        }
    } else {
        let qualifier = if q.qualifier == Qualifier::Exact {
            Qualifier::AtLeast
        } else {
            q.qualifier
        };
        Value {
            qualifier,
            end: next.end,
            ..Value::from_quantity(q)
        }
    };
    Some((after_percent(Value { end: next.end, ..v }), 2))
}

// ---------------------------------------------------------------------------------------------
// Keyword hits

/// A keyword occurrence.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    kind: usize,
}

/// Strings searched together in one Aho-Corasick automaton.
#[derive(Debug)]
struct Patterns {
    /// All matches reported (overlapping); `None` if it could not be built.
    matcher: Option<AhoCorasick>,
    /// The patterns, by pattern id (searched one by one if the automaton is absent).
    texts: Vec<String>,
}

impl Patterns {
    fn new(texts: Vec<String>) -> Self {
        let matcher = AhoCorasick::new(&texts).ok();
        Patterns { matcher, texts }
    }

    /// Occurrences of each pattern in `hay` as (start, pattern id): per pattern, left to right
    /// and non-overlapping (the occurrences `str::match_indices` gives), in no set order.
    fn occurrences(&self, hay: &str) -> Vec<(usize, usize)> {
        let Some(ac) = &self.matcher else {
            return self
                .texts
                .iter()
                .enumerate()
                .flat_map(|(id, p)| hay.match_indices(p.as_str()).map(move |(s, _)| (s, id)))
                .collect();
        };
        let mut next_free = vec![0; self.texts.len()];
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(hay) {
            let id = m.pattern().as_usize();
            let Some(free) = next_free.get_mut(id) else {
                continue;
            };
            if m.start() >= *free {
                *free = m.end();
                out.push((m.start(), id));
            }
        }
        out
    }
}

/// Every label of every kind (trimmed, ASCII lower case) in one automaton.
#[derive(Debug)]
struct LabelIndex {
    /// The distinct labels.
    patterns: Patterns,
    /// Pattern id → the (kind, label index) pairs carrying that label, in spec order.
    owners: Vec<Vec<(usize, usize)>>,
}

impl LabelIndex {
    fn new(kinds: &[MetricKindSpec]) -> Self {
        let mut texts: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        for (kind, spec) in kinds.iter().enumerate() {
            for (li, label) in spec.labels.iter().enumerate() {
                let label = label.trim().to_ascii_lowercase();
                if label.is_empty() {
                    continue;
                }
                match texts.iter().position(|p| *p == label) {
                    Some(id) => owners[id].push((kind, li)),
                    None => {
                        texts.push(label);
                        owners.push(vec![(kind, li)]);
                    }
                }
            }
        }
        LabelIndex {
            patterns: Patterns::new(texts),
            owners,
        }
    }
}

fn find_hits(text: &str, labels: &LabelIndex, values: &[Value]) -> Vec<Hit> {
    let lower = text.to_ascii_lowercase();
    // (hit, kind, label index): sorted below exactly as a kind-by-kind, label-by-label scan
    // sorted stably by length and start would be.
    let mut all: Vec<(Hit, usize, usize)> = Vec::new();
    for (pos, id) in labels.patterns.occurrences(&lower) {
        let (Some(label), Some(owners)) = (labels.patterns.texts.get(id), labels.owners.get(id))
        else {
            continue;
        };
        if let Some(end) = label_end(&lower, pos, label) {
            for &(kind, li) in owners {
                all.push((
                    Hit {
                        start: pos,
                        end,
                        kind,
                    },
                    li,
                    label.len(),
                ));
            }
        }
    }
    // Longest hit first; at equal length an exact label beats a plural ("teams" is the label
    // of a count of teams, not "team" + s).
    all.sort_by_key(|(h, li, len)| {
        (
            std::cmp::Reverse(h.end - h.start),
            std::cmp::Reverse(*len),
            h.start,
            h.kind,
            *li,
        )
    });
    let mut kept: Vec<Hit> = Vec::new();
    for (h, _, _) in all {
        let clash = kept
            .iter()
            .any(|k| overlaps((h.start, h.end), (k.start, k.end)))
            || values
                .iter()
                .any(|v| overlaps((h.start, h.end), (v.start, v.end)));
        if !clash {
            kept.push(h);
        }
    }
    kept.sort_by_key(|h| h.start);
    kept
}

/// Word boundaries for Latin labels, with an optional plural "s": the end of the hit.
fn label_end(lower: &str, pos: usize, label: &str) -> Option<usize> {
    let end = pos + label.len();
    let head = lower.get(..pos).unwrap_or("");
    let before = head.chars().last();
    // "7kqps": a multiplier letter glued between a digit and the label is not a word start.
    let mut back = head.chars().rev();
    let glued = matches!(back.next(), Some('k' | 'w' | 'm'))
        && back.next().is_some_and(|c| c.is_ascii_digit());
    if label.starts_with(|c: char| c.is_ascii_alphabetic())
        && before.is_some_and(|c| c.is_ascii_alphabetic())
        && !glued
    {
        return None;
    }
    if !label.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(end);
    }
    let mut rest = lower.get(end..)?.chars();
    match (rest.next(), rest.next()) {
        (Some('s'), next) if !next.is_some_and(|c| c.is_ascii_alphabetic()) => Some(end + 1),
        (Some(c), _) if c.is_ascii_alphabetic() => None,
        _ => Some(end),
    }
}

// ---------------------------------------------------------------------------------------------
// Pairing

/// A possible (keyword, value) pair.
#[derive(Debug, Clone, Copy)]
struct Cand {
    hit: usize,
    val: usize,
    /// Gap length in chars.
    dist: usize,
    /// The number comes before the keyword.
    num_first: bool,
    /// Value converted to the kind's unit.
    value: f64,
    /// End of the number including its unit.
    value_end: usize,
}

/// Characters a gap may not contain.
const BLOCKERS: &[char] = &[
    '。', '；', ';', '！', '!', '？', '?', '，', ',', '、', '\n', '\r', '|', '•', '·', '…',
];

fn gap_ok(gap: &str) -> bool {
    // "availability of the edge gateway from 99.9% to 99.99%": the "from" of a transition
    // belongs to the value, not to the gap.
    let core = gap.trim_end();
    let core = ["from", "从", "由"]
        .iter()
        .find_map(|w| core.strip_suffix(w))
        .unwrap_or(gap);
    let n = core.chars().count();
    // English: a few words ("of the edge API gateway") or 24 characters; CJK: 12 characters.
    let limit = if gap.is_ascii() {
        if core.split_whitespace().count() <= 5 {
            36
        } else {
            24
        }
    } else {
        12
    };
    let full_stop = gap.char_indices().any(|(i, c)| {
        c == '.'
            && gap
                .get(i + 1..)
                .and_then(|r| r.chars().next())
                .is_none_or(char::is_whitespace)
    });
    n <= limit && !gap.contains(BLOCKERS) && !full_stop
}

/// Upper bound, in bytes, of a number–keyword gap `gap_ok` can accept (its limits are
/// 36 ASCII characters plus a trailing "from", or 12 CJK characters), with margin.
const MAX_GAP_BYTES: usize = 160;

fn candidates(text: &str, kinds: &[MetricKindSpec], values: &[Value], hits: &[Hit]) -> Vec<Cand> {
    let mut out = Vec::new();
    for (hi, h) in hits.iter().enumerate() {
        let Some(spec) = kinds.get(h.kind) else {
            continue;
        };
        let fam = family(&spec.unit);
        for (vi, v) in values.iter().enumerate() {
            let (num_first, gap) = if v.end <= h.start {
                (true, (v.end, h.start))
            } else if h.end <= v.start {
                (false, (h.end, v.start))
            } else {
                continue;
            };
            // Skip far pairs before looking at the text between them (linear, not
            // quadratic, on text glued into one huge line).
            if gap.1.saturating_sub(gap.0) > MAX_GAP_BYTES {
                continue;
            }
            let Some(gap_text) = text.get(gap.0..gap.1) else {
                continue;
            };
            if !gap_ok(gap_text) || occupied(text, gap, (v, fam), values, (hits, kinds)) {
                continue;
            }
            let Some((value, value_end)) = unit_fit(text, v, fam) else {
                continue;
            };
            if num_first && value_end > h.start {
                continue;
            }
            if !num_first && gap_text.is_ascii() && noun_after(text, value_end) {
                continue;
            }
            out.push(Cand {
                hit: hi,
                val: vi,
                dist: gap_text.chars().count(),
                num_first,
                value,
                value_end,
            });
        }
    }
    out
}

/// Period words that may be split from the rest of a label by the number: "每秒10万次请求"
/// matches the label "每秒请求", "日均1亿次调用" the label "日均调用".
const PERIODS: &[&str] = &[
    "每秒",
    "每分钟",
    "每小时",
    "每天",
    "每日",
    "日均",
    "每月",
    "月均",
];

/// Counter words between the number and the rest of a split label.
const COUNTERS: &[char] = &['次', '条', '个', '笔', '单', '项', '件', '次'];

/// Chars allowed between the period word and the number ("每秒处理10万次请求").
const SPLIT_REACH: usize = 4;

/// Labels split by their number: (value index, hit spanning period word to label end).
fn split_hits(text: &str, kinds: &[MetricKindSpec], values: &[Value]) -> Vec<(usize, Hit)> {
    values
        .iter()
        .enumerate()
        .filter_map(|(vi, v)| {
            let (period, p_start) = period_before(text, v.start)?;
            let rest = text.get(v.end..)?.trim_start();
            let rest = rest.strip_prefix(COUNTERS).unwrap_or(rest);
            let rest_start = text.len() - rest.len();
            let (kind, len) = kinds
                .iter()
                .enumerate()
                .flat_map(|(k, spec)| spec.labels.iter().map(move |l| (k, l)))
                .filter_map(|(k, l)| {
                    let tail = l.trim().strip_prefix(period)?;
                    let head = rest.get(..tail.len())?;
                    (!tail.is_empty() && head.eq_ignore_ascii_case(tail)).then_some((k, tail.len()))
                })
                .max_by_key(|&(_, len)| len)?;
            Some((
                vi,
                Hit {
                    start: p_start,
                    end: rest_start + len,
                    kind,
                },
            ))
        })
        .collect()
}

/// A period word ending at most [`SPLIT_REACH`] CJK chars before byte `start`.
fn period_before(text: &str, start: usize) -> Option<(&'static str, usize)> {
    let head = text.get(..start)?.trim_end();
    let mut end = head.len();
    for _ in 0..=SPLIT_REACH {
        let before = head.get(..end)?;
        if let Some(p) = PERIODS.iter().find(|p| before.ends_with(*p)) {
            return Some((p, end - p.len()));
        }
        let c = before.chars().last().filter(|c| has_cjk(&c.to_string()))?;
        end -= c.len_utf8();
    }
    None
}

/// Candidates for split labels: always preferred (gap 0).
fn forced(
    text: &str,
    kinds: &[MetricKindSpec],
    values: &[Value],
    splits: &[(usize, Hit)],
    first: usize,
) -> Vec<Cand> {
    splits
        .iter()
        .enumerate()
        .filter_map(|(i, (vi, h))| {
            let v = values.get(*vi)?;
            let fam = family(&kinds.get(h.kind)?.unit);
            let (value, value_end) = unit_fit(text, v, fam)?;
            Some(Cand {
                hit: first + i,
                val: *vi,
                dist: 0,
                num_first: false,
                value,
                value_end,
            })
        })
        .collect()
}

/// Another value or keyword lies inside the gap. Values that could not be of the kind ("DAU
/// grew 20% to 5M") and keywords whose kind could not take the value ("日处理数据10亿条": 数据
/// needs bytes) do not count.
fn occupied(
    text: &str,
    gap: (usize, usize),
    (value, fam): (&Value, Family),
    values: &[Value],
    (hits, kinds): (&[Hit], &[MetricKindSpec]),
) -> bool {
    let inside = |s: usize, e: usize| s >= gap.0 && e <= gap.1;
    let value_blocks = values.iter().any(|v| {
        // A zero-width value ("TB级") sits on the gap's edge: it cannot block itself.
        !std::ptr::eq(v, value) && inside(v.start, v.end) && unit_fit(text, v, fam).is_some()
    });
    let hit_blocks = hits.iter().any(|h| {
        let takes = kinds
            .get(h.kind)
            .is_some_and(|k| unit_fit(text, value, family(&k.unit)).is_some());
        inside(h.start, h.end) && takes
    });
    value_blocks || hit_blocks
}

/// English words after a number that do not make it count something else.
const FUNCTION_WORDS: &[&str] = &[
    "a", "after", "and", "annually", "across", "an", "as", "at", "average", "before", "but", "by",
    "daily", "due", "during", "each", "every", "for", "from", "in", "into", "its", "monthly", "of",
    "on", "or", "our", "over", "peak", "per", "since", "than", "that", "the", "their", "through",
    "to", "under", "using", "via", "when", "which", "while", "with", "within", "without", "yearly",
    "is", "are", "was", "were", "has", "have", "had", "will", "can", "built", "grew", "ran", "run",
    "runs", "made", "led", "kept", "won",
];

/// In English, a number followed by a noun counts that noun ("nodes across 3 regions"), so it
/// cannot be the value of a keyword before it.
fn noun_after(text: &str, i: usize) -> bool {
    let rest = text.get(i..).unwrap_or("").trim_start();
    let word: String = rest
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    let currency = CURRENCY_AFTER
        .iter()
        .any(|(m, _)| m.eq_ignore_ascii_case(&word));
    let verb = word.len() > 3 && word.ends_with("ed");
    !word.is_empty() && !currency && !verb && !FUNCTION_WORDS.contains(&word.as_str())
}

/// Greedy assignment by gap length, tie-broken by orientation.
fn assign(cands: &[Cand], prefer_num_first: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by_key(|&c| {
        cands
            .get(c)
            .map(|x| (x.dist, x.num_first != prefer_num_first, x.hit, x.val))
    });
    let (mut hits, mut vals, mut chosen) = (Vec::new(), Vec::new(), Vec::new());
    for c in order {
        let Some(x) = cands.get(c) else { continue };
        if !hits.contains(&x.hit) && !vals.contains(&x.val) {
            hits.push(x.hit);
            vals.push(x.val);
            chosen.push(c);
        }
    }
    chosen
}

fn best_assignment(cands: &[Cand]) -> Vec<usize> {
    let score = |chosen: &[usize]| {
        let total: usize = chosen
            .iter()
            .filter_map(|&c| cands.get(c))
            .map(|c| c.dist)
            .sum();
        (std::cmp::Reverse(chosen.len()), total)
    };
    let a = assign(cands, true);
    let b = assign(cands, false);
    if score(&b) < score(&a) {
        b
    } else {
        a
    }
}

// ---------------------------------------------------------------------------------------------
// Mentions

fn mention(
    text: &str,
    kinds: &[MetricKindSpec],
    values: &[Value],
    hits: &[Hit],
    c: &Cand,
) -> Option<MetricMention> {
    let h = hits.get(c.hit)?;
    let v = values.get(c.val)?;
    let spec = kinds.get(h.kind)?;
    let fam = family(&spec.unit);
    let mut qualifier = v.qualifier;
    let mut value_end = c.value_end;
    if let Some((q, e)) = trailing_qualifier(text, value_end).filter(|_| v.percent.is_none()) {
        if qualifier == Qualifier::Exact {
            qualifier = q;
        }
        value_end = e;
    }
    let mut start = v.start.min(h.start);
    let mut end = value_end.max(h.end);
    let mut currency = None;
    if fam == Family::Currency {
        let (code, span, q) = currency_of(text, v, value_end, h);
        currency = code.map(str::to_string);
        start = start.min(span.0);
        end = end.max(span.1);
        if qualifier == Qualifier::Exact {
            qualifier = q.unwrap_or(qualifier);
        }
    }
    let bounds = region(text, (start, end), values, hits, c);
    Some(MetricMention {
        kind: spec.id.clone(),
        value: c.value,
        qualifier,
        statistic: statistic(text, (start, end), bounds),
        unit: spec.unit.clone(),
        start,
        end,
        per_second: match fam {
            Family::Rate(secs) => Some(c.value / secs),
            _ => None,
        },
        currency,
    })
}

/// Currency code, the span of marker (and qualifier) it adds, and a qualifier before a prefix
/// marker ("over RMB 1 million").
fn currency_of(
    text: &str,
    v: &Value,
    value_end: usize,
    h: &Hit,
) -> (Option<&'static str>, (usize, usize), Option<Qualifier>) {
    if let Some((code, at)) = currency_before(text, v.start) {
        let q = numbers::qualifier_before(text, at);
        let start = q.map_or(at, |(_, s)| s);
        return (Some(code), (start, v.start), q.map(|(q, _)| q));
    }
    if let Some((code, e)) = currency_after(text, value_end) {
        return (Some(code), (v.start, e), None);
    }
    let chinese = text.get(h.start..h.end).is_some_and(has_cjk);
    (chinese.then_some("CNY"), (v.start, value_end), None)
}

/// Statistic markers, most specific first.
const STATISTICS: &[(&str, Statistic)] = &[
    ("99.9th percentile", Statistic::P999),
    ("p99.9", Statistic::P999),
    ("tp999", Statistic::P999),
    ("p999", Statistic::P999),
    ("99th percentile", Statistic::P99),
    ("tp99", Statistic::P99),
    ("p99", Statistic::P99),
    ("99分位", Statistic::P99),
    ("95th percentile", Statistic::P95),
    ("tp95", Statistic::P95),
    ("p95", Statistic::P95),
    ("95分位", Statistic::P95),
    ("90th percentile", Statistic::P90),
    ("tp90", Statistic::P90),
    ("p90", Statistic::P90),
    ("90分位", Statistic::P90),
    ("tp50", Statistic::P50),
    ("p50", Statistic::P50),
    ("median", Statistic::P50),
    ("中位数", Statistic::P50),
    ("peak", Statistic::Peak),
    ("峰值", Statistic::Peak),
    ("高峰", Statistic::Peak),
    ("最高", Statistic::Peak),
    ("maximum", Statistic::Peak),
    ("max", Statistic::Peak),
    ("highest", Statistic::Peak),
    ("average", Statistic::Average),
    ("avg", Statistic::Average),
    ("mean", Statistic::Average),
    ("平均", Statistic::Average),
    ("日均", Statistic::Average),
    ("月均", Statistic::Average),
    ("均值", Statistic::Average),
    ("cumulative", Statistic::Total),
    ("in total", Statistic::Total),
    ("total", Statistic::Total),
    ("累计", Statistic::Total),
    ("总计", Statistic::Total),
    ("共计", Statistic::Total),
];

/// Chars a statistic marker may be away from the pair.
const STAT_REACH: usize = 12;

/// The byte range searched for statistic markers: the span widened by up to [`STAT_REACH`]
/// chars, stopping at punctuation and at other values and keywords.
fn region(
    text: &str,
    span: (usize, usize),
    values: &[Value],
    hits: &[Hit],
    c: &Cand,
) -> (usize, usize) {
    let others = values
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != c.val)
        .map(|(_, v)| (v.start, v.end))
        .chain(
            hits.iter()
                .enumerate()
                .filter(|(i, _)| *i != c.hit)
                .map(|(_, h)| (h.start, h.end)),
        );
    let (mut lo, mut hi) = (reach_left(text, span.0), reach_right(text, span.1));
    for (s, e) in others {
        if e <= span.0 {
            lo = lo.max(e);
        }
        if s >= span.1 {
            hi = hi.min(s);
        }
    }
    (lo, hi.max(lo))
}

fn reach_left(text: &str, from: usize) -> usize {
    let head = text.get(..from).unwrap_or("");
    let mut lo = from;
    for (n, (i, ch)) in head.char_indices().rev().enumerate() {
        if n >= STAT_REACH || BLOCKERS.contains(&ch) {
            break;
        }
        lo = i;
    }
    lo
}

fn reach_right(text: &str, from: usize) -> usize {
    let tail = text.get(from..).unwrap_or("");
    let mut hi = from;
    for (n, (i, ch)) in tail.char_indices().enumerate() {
        if n >= STAT_REACH || BLOCKERS.contains(&ch) {
            break;
        }
        hi = from + i + ch.len_utf8();
    }
    hi
}

/// The statistic marker closest to the span inside `bounds`.
fn statistic(text: &str, span: (usize, usize), bounds: (usize, usize)) -> Option<Statistic> {
    let lower = text.get(bounds.0..bounds.1)?.to_ascii_lowercase();
    let mut best: Option<(usize, usize, Statistic)> = None;
    // The closest marker, then the most specific: the order of occurrences does not matter.
    for (pos, rank) in statistic_markers().occurrences(&lower) {
        let Some(&(marker, stat)) = STATISTICS.get(rank) else {
            continue;
        };
        if !marker_ok(&lower, pos, marker) {
            continue;
        }
        let (s, e) = (bounds.0 + pos, bounds.0 + pos + marker.len());
        let dist = distance(text, (s, e), span);
        if best.is_none_or(|(d, r, _)| (dist, rank) < (d, r)) {
            best = Some((dist, rank, stat));
        }
    }
    best.map(|(_, _, s)| s)
}

/// The [`STATISTICS`] markers in one automaton (pattern id = rank), built once.
fn statistic_markers() -> &'static Patterns {
    static MARKERS: OnceLock<Patterns> = OnceLock::new();
    MARKERS.get_or_init(|| Patterns::new(STATISTICS.iter().map(|(m, _)| (*m).to_owned()).collect()))
}

/// ASCII word boundaries around a statistic marker at `pos` (no plural allowed).
fn marker_ok(lower: &str, pos: usize, marker: &str) -> bool {
    let alpha = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let before = lower.get(..pos).and_then(|h| h.chars().last());
    let after = lower
        .get(pos + marker.len()..)
        .and_then(|r| r.chars().next());
    let starts = marker.starts_with(|c: char| c.is_ascii_alphanumeric());
    let ends = marker.ends_with(|c: char| c.is_ascii_alphanumeric());
    !(starts && alpha(before))
        && !(ends && (alpha(after) || after.is_some_and(|c| c.is_ascii_digit())))
}

/// Chars between two byte ranges (0 when they touch or overlap).
fn distance(text: &str, a: (usize, usize), b: (usize, usize)) -> usize {
    let count = |x: usize, y: usize| text.get(x..y).map_or(0, |g| g.chars().count());
    if a.1 <= b.0 {
        count(a.1, b.0)
    } else if b.1 <= a.0 {
        count(b.1, a.0)
    } else {
        0
    }
}

// ---------------------------------------------------------------------------------------------
// Availability written as "全年99.99%"

const YEARLY_MARKERS: &[&str] = &["全年", "年度", "annual", "annually", "yearly"];

fn nines_fallback(
    text: &str,
    kinds: &[MetricKindSpec],
    values: &[Value],
    used: &[usize],
) -> Vec<MetricMention> {
    let Some(spec) = kinds
        .iter()
        .find(|k| k.id == "availability" && family(&k.unit) == Family::Percent)
    else {
        return Vec::new();
    };
    values
        .iter()
        .enumerate()
        .filter(|(i, v)| {
            !used.contains(i) && v.percent.is_some() && (99.9..100.0).contains(&v.value)
        })
        .filter_map(|(_, v)| {
            let head = text.get(..v.start)?.trim_end();
            let marker = YEARLY_MARKERS.iter().find(|m| {
                head.len() >= m.len()
                    && head
                        .get(head.len() - m.len()..)
                        .is_some_and(|t| t.eq_ignore_ascii_case(m))
            })?;
            Some(MetricMention {
                kind: spec.id.clone(),
                value: v.value,
                qualifier: v.qualifier,
                statistic: None,
                unit: spec.unit.clone(),
                start: head.len() - marker.len(),
                end: v.percent.unwrap_or(v.end),
                per_second: None,
                currency: None,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Head counts in brackets: "Payments app (4人)"

/// Values alone in brackets with a kind's bracket label: "Payments app (4人)", "Course project
/// (3 people)" (the name may be outside the text given, as for "**Name** (4人)").
fn bracket_counts(
    text: &str,
    kinds: &[MetricKindSpec],
    values: &[Value],
    used: &[usize],
) -> Vec<MetricMention> {
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if used.contains(&i) || v.percent.is_some() || v.vague {
            continue;
        }
        let head = text.get(..v.start).unwrap_or("").trim_end_matches(' ');
        let Some(open) = head.strip_suffix(['(', '（']) else {
            continue;
        };
        let inner = text.get(v.end..).unwrap_or("").trim_start_matches(' ');
        let closes = |l: &String| {
            inner
                .get(..l.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(l))
                && inner
                    .get(l.len()..)
                    .is_some_and(|r| r.trim_start_matches(' ').starts_with([')', '）']))
        };
        let found = kinds
            .iter()
            .filter(|k| family(&k.unit) == Family::Count)
            .find_map(|k| k.bracket_labels.iter().find(|l| closes(l)).map(|l| (k, l)));
        let Some((spec, label)) = found else {
            continue;
        };
        let close = inner
            .get(label.len()..)
            .unwrap_or("")
            .trim_start_matches(' ');
        let end = text.len() - close.len() + close.chars().next().map_or(0, char::len_utf8);
        out.push(MetricMention {
            kind: spec.id.clone(),
            value: v.value,
            qualifier: v.qualifier,
            statistic: None,
            unit: spec.unit.clone(),
            start: open.len(),
            end,
            per_second: None,
            currency: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::{Approximately, AtLeast, Exact, UpTo};

    /// A subset of ontology/metric-kinds.ttl, by hand.
    fn kinds() -> Vec<MetricKindSpec> {
        vec![
            MetricKindSpec::new(
                "qps",
                &[
                    "QPS",
                    "queries per second",
                    "requests per second",
                    "RPS",
                    "每秒查询数",
                    "每秒请求",
                ],
                "NUM-PER-SEC",
            ),
            MetricKindSpec::new("tps", &["TPS", "transactions per second"], "NUM-PER-SEC"),
            MetricKindSpec::new(
                "requests-per-day",
                &[
                    "requests/day",
                    "requests per day",
                    "daily requests",
                    "日请求量",
                    "日均调用",
                ],
                "per day",
            ),
            MetricKindSpec::new(
                "tasks-per-second",
                &["tasks per second", "tasks/s", "每秒调度", "每秒任务数"],
                "NUM-PER-SEC",
            ),
            MetricKindSpec::new(
                "items-per-day",
                &["items daily", "items per day", "日处理量", "日处理"],
                "per day",
            ),
            MetricKindSpec::new(
                "messages-per-day",
                &["messages per day", "messages/day", "日均消息量", "消息量"],
                "per day",
            ),
            MetricKindSpec::new("messages-stored", &["消息存量", "stored messages"], "NUM"),
            MetricKindSpec::new(
                "dau",
                &["DAU", "daily active users", "日活", "日活跃用户"],
                "NUM",
            ),
            MetricKindSpec::new("mau", &["MAU", "monthly active users", "月活"], "NUM"),
            MetricKindSpec::new("pcu", &["PCU", "peak concurrent users"], "NUM"),
            MetricKindSpec::new(
                "concurrent-users",
                &[
                    "concurrent users",
                    "concurrent online users",
                    "同时在线",
                    "在线人数",
                ],
                "NUM",
            ),
            MetricKindSpec::new(
                "registered-accounts",
                &[
                    "registered accounts",
                    "registered user accounts",
                    "registered users",
                    "注册用户",
                    "注册账号",
                ],
                "NUM",
            ),
            MetricKindSpec::new("users", &["users", "用户"], "NUM"),
            MetricKindSpec::new("storage", &["storage", "存储", "数据"], "BYTE"),
            MetricKindSpec::new(
                "availability",
                &["availability", "SLA", "uptime", "可用性", "可用"],
                "PERCENT",
            ),
            MetricKindSpec::new(
                "latency",
                &["latency", "延迟", "时延", "响应时间"],
                "MilliSEC",
            ),
            MetricKindSpec::new("cost", &["cost", "成本"], "currency"),
            MetricKindSpec::new("savings", &["savings", "节省", "节约"], "currency"),
            MetricKindSpec::new(
                "reward",
                &["cash rewards", "rewards", "奖励", "现金奖励"],
                "currency",
            ),
            MetricKindSpec::new("team-size", &["team", "团队", "engineers"], "NUM"),
            MetricKindSpec::new(
                "cluster-nodes",
                &["nodes", "servers", "节点", "台服务器"],
                "NUM",
            ),
            MetricKindSpec::new("patents", &["patents", "专利", "授权专利"], "NUM"),
            MetricKindSpec::new("years-experience", &["experience", "经验"], "YR"),
        ]
    }

    fn find(text: &str) -> Vec<MetricMention> {
        find_metrics(text, &kinds())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// The single metric in `text`, checked for kind, value and qualifier.
    fn one(text: &str, kind: &str, value: f64, qualifier: Qualifier) -> MetricMention {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:#?}");
        let m = found.into_iter().next().unwrap_or_else(|| unreachable!());
        assert_eq!(m.kind, kind, "{text:?}");
        assert!(close(m.value, value), "{text:?}: {} != {value}", m.value);
        assert_eq!(m.qualifier, qualifier, "{text:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        m
    }

    fn span(text: &str, m: &MetricMention) -> String {
        text[m.start..m.end].to_string()
    }

    // --- rates -----------------------------------------------------------------------------------

    #[test]
    fn peak_qps_number_first() {
        let text = "Scaled the gateway to 78K peak QPS.";
        let m = one(text, "qps", 78e3, Exact);
        assert_eq!(m.statistic, Some(Statistic::Peak));
        assert_eq!(m.per_second, Some(78e3));
        assert_eq!(m.unit, "NUM-PER-SEC");
        assert_eq!(span(text, &m), "78K peak QPS");
    }

    #[test]
    fn requests_per_day_with_per_second() {
        let m = one(
            "served ~1.8B requests/day",
            "requests-per-day",
            1.8e9,
            Approximately,
        );
        let ps = m.per_second.unwrap_or_default();
        assert!((ps - 20_833.33).abs() < 0.01, "{ps}");
    }

    #[test]
    fn keyword_before_number() {
        one("QPS exceeded 10K after the rewrite", "qps", 1e4, AtLeast);
        one("with QPS exceeding 1 million", "qps", 1e6, AtLeast);
    }

    #[test]
    fn chinese_qps() {
        one("用户服务QPS过万", "qps", 1e4, AtLeast);
        let m = one("峰值QPS 10W+", "qps", 1e5, AtLeast);
        assert_eq!(m.statistic, Some(Statistic::Peak));
        one("支撑百万qps", "qps", 1e6, Exact);
    }

    #[test]
    fn tasks_per_second() {
        one("8K+ tasks per second", "tasks-per-second", 8e3, AtLeast);
        one("集群每秒调度8K+", "tasks-per-second", 8e3, AtLeast);
    }

    #[test]
    fn items_per_day_vague() {
        let m = one(
            "indexes tens of millions of items daily for the search team",
            "items-per-day",
            1e7,
            AtLeast,
        );
        assert!(m.per_second.is_some_and(|p| close(p, 1e7 / 86_400.0)));
    }

    #[test]
    fn messages_per_day_average() {
        let m = one("日均消息量15亿+", "messages-per-day", 1.5e9, AtLeast);
        assert_eq!(m.statistic, Some(Statistic::Average));
    }

    #[test]
    fn messages_stored() {
        one("消息存量1W亿+", "messages-stored", 1e12, AtLeast);
    }

    #[test]
    fn split_period_labels() {
        let text = "负责日均1亿次调用的网关";
        let m = one(text, "requests-per-day", 1e8, Exact);
        assert_eq!(span(text, &m), "日均1亿次调用");
        assert_eq!(m.statistic, Some(Statistic::Average));
        let m = one("支持每秒处理10万次请求", "qps", 1e5, Exact);
        assert_eq!(m.per_second, Some(1e5));
        one("每秒10W+请求", "qps", 1e5, AtLeast);
        assert!(find("每秒10万次点击").is_empty());
    }

    #[test]
    fn split_label_beats_nearer_keyword() {
        let found = find("QPS：每秒10万次请求");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, "qps");
    }

    // --- users -----------------------------------------------------------------------------------

    #[test]
    fn dau_variants() {
        one("DAU4亿+", "dau", 4e8, AtLeast);
        one("覆盖千万dau", "dau", 1e7, Exact);
        one("日活千万级", "dau", 1e7, AtLeast);
        one("整体DAU过亿", "dau", 1e8, AtLeast);
    }

    #[test]
    fn mau_pcu() {
        one("550M MAU", "mau", 5.5e8, Exact);
        one("PCU1亿+", "pcu", 1e8, AtLeast);
    }

    #[test]
    fn registered_accounts() {
        one(
            "40M+ registered accounts",
            "registered-accounts",
            4e7,
            AtLeast,
        );
        one(
            "~12M registered user accounts",
            "registered-accounts",
            1.2e7,
            Approximately,
        );
    }

    #[test]
    fn concurrent_users_peak() {
        let m = one(
            "8K+ peak concurrent online users",
            "concurrent-users",
            8e3,
            AtLeast,
        );
        assert_eq!(m.statistic, Some(Statistic::Peak));
        let m = one("最高同时在线8K+", "concurrent-users", 8e3, AtLeast);
        assert_eq!(m.statistic, Some(Statistic::Peak));
    }

    #[test]
    fn two_metrics_keyword_first() {
        let found = find("日活4亿月活8亿");
        let got: Vec<_> = found.iter().map(|m| (m.kind.as_str(), m.value)).collect();
        assert_eq!(got, vec![("dau", 4e8), ("mau", 8e8)]);
    }

    #[test]
    fn two_metrics_number_first() {
        let found = find("10K QPS 5K TPS");
        let got: Vec<_> = found.iter().map(|m| (m.kind.as_str(), m.value)).collect();
        assert_eq!(got, vec![("qps", 1e4), ("tps", 5e3)]);
    }

    #[test]
    fn nearest_keyword_wins() {
        let found = find("服务4亿+用户，DAU过亿");
        let got: Vec<_> = found.iter().map(|m| (m.kind.as_str(), m.value)).collect();
        assert_eq!(got, vec![("users", 4e8), ("dau", 1e8)]);
    }

    // --- storage, availability, latency ------------------------------------------------------------

    #[test]
    fn storage_in_bytes() {
        let m = one("对象存储10PB+", "storage", 1e16, AtLeast);
        assert_eq!(m.unit, "BYTE");
        assert_eq!(span("对象存储10PB+", &m), "存储10PB+");
        one("500TB of storage", "storage", 5e14, Exact);
        one("10T数据", "storage", 1e13, Exact);
        one("2 TiB storage", "storage", 2.0 * 1_099_511_627_776.0, Exact);
    }

    #[test]
    fn keyword_of_another_unit_does_not_block() {
        one("日处理数据10亿条", "items-per-day", 1e9, Exact);
        assert!(find("QPS和TPS 10K").iter().all(|m| m.kind == "tps"));
    }

    #[test]
    fn storage_needs_a_byte_unit() {
        assert!(find("存储10个集群").is_empty());
    }

    #[test]
    fn availability() {
        let m = one("SLA99.99%", "availability", 99.99, Exact);
        assert_eq!(m.unit, "PERCENT");
        one("availability of 99.95%", "availability", 99.95, Exact);
        one("保障全年99.99%可用", "availability", 99.99, Exact);
        one("全年99.99%", "availability", 99.99, Exact);
        assert_eq!(one("可用性4个9", "availability", 99.99, Exact).value, 99.99);
        assert_eq!(
            one("五个9的可用性", "availability", 99.999, Exact).value,
            99.999
        );
        assert_eq!(one("可用性2个9", "availability", 99.0, Exact).value, 99.0);
    }

    #[test]
    fn percent_without_keyword_is_not_availability() {
        assert!(find("准确率99.9%").is_empty());
        assert!(find("提升了99.9%").is_empty());
    }

    #[test]
    fn latency() {
        let m = one("p99 latency under 50ms", "latency", 50.0, UpTo);
        assert_eq!(m.statistic, Some(Statistic::P99));
        assert_eq!(m.unit, "MilliSEC");
        let m = one("sub-50ms latency", "latency", 50.0, UpTo);
        assert_eq!(m.statistic, None);
        one("响应时间从2s降至200ms", "latency", 200.0, Exact);
        assert_eq!(
            one("TP99延迟1.5秒", "latency", 1500.0, Exact).statistic,
            Some(Statistic::P99)
        );
    }

    #[test]
    fn qualifier_after_unit() {
        let m = one("平均响应时间200ms以内", "latency", 200.0, UpTo);
        assert_eq!(m.statistic, Some(Statistic::Average));
        one("存储500TB以上", "storage", 5e14, AtLeast);
        one("延迟50ms左右", "latency", 50.0, Approximately);
    }

    #[test]
    fn percent_change_does_not_block_or_join() {
        let m = one(
            "Improved p99 latency by 40% to 120 ms",
            "latency",
            120.0,
            Exact,
        );
        assert_eq!(m.statistic, Some(Statistic::P99));
        one("DAU grew 20% to 5M", "dau", 5e6, Exact);
    }

    #[test]
    fn english_number_before_noun_is_not_a_later_keywords_value() {
        one(
            "Managed 200+ Kubernetes nodes across 3 regions",
            "cluster-nodes",
            200.0,
            AtLeast,
        );
        assert!(find("Managed nodes across 3 regions").is_empty());
        one("QPS exceeded 10K after the rewrite", "qps", 1e4, AtLeast);
        one("Our team of 12 built it", "team-size", 12.0, Exact);
        one("QPS 10K handled by Go", "qps", 1e4, Exact);
    }

    #[test]
    fn latency_needs_a_time_unit() {
        assert!(find("latency reduced by 30%").is_empty());
    }

    // --- money -----------------------------------------------------------------------------------

    #[test]
    fn cost_transition_reports_result() {
        let text = "the GPU fleet's cost from 9M to 7M CNY a quarter";
        let m = one(text, "cost", 7e6, Exact);
        assert_eq!(m.currency.as_deref(), Some("CNY"));
        assert_eq!(span(text, &m), "cost from 9M to 7M CNY");
    }

    #[test]
    fn reward_with_prefix_currency_and_qualifier() {
        let text = "the bounty programme paid over RMB 2 million in rewards to testers";
        let m = one(text, "reward", 2e6, AtLeast);
        assert_eq!(m.currency.as_deref(), Some("CNY"));
        assert_eq!(span(text, &m), "over RMB 2 million in rewards");
    }

    #[test]
    fn reward_chinese_defaults_to_cny() {
        let m = one("累计发放100w现金奖励", "reward", 1e6, Exact);
        assert_eq!(m.currency.as_deref(), Some("CNY"));
        assert_eq!(m.statistic, Some(Statistic::Total));
    }

    #[test]
    fn savings() {
        let m = one("机房迁移后节省数百万人民币电费", "savings", 1e6, AtLeast);
        assert_eq!(m.currency.as_deref(), Some("CNY"));
        let m = one("帮物流部门累计节约数千万美金", "savings", 1e7, AtLeast);
        assert_eq!(m.currency.as_deref(), Some("USD"));
        let m = one("$2M in annual savings", "savings", 2e6, Exact);
        assert_eq!(m.currency.as_deref(), Some("USD"));
    }

    #[test]
    fn english_money_without_marker_has_no_currency() {
        let m = one("cut cost by 1M", "cost", 1e6, Exact);
        assert_eq!(m.currency, None);
    }

    #[test]
    fn money_rejects_percentages() {
        assert!(find("reduced cost by 30%").is_empty());
        assert!(find("成本降低30%").is_empty());
    }

    // --- people, patents, experience -------------------------------------------------------------

    #[test]
    fn team_size() {
        one("led a 3-person team", "team-size", 3.0, Exact);
        one("管理70+团队", "team-size", 70.0, AtLeast);
        one("带领20人团队", "team-size", 20.0, Exact);
        one("带领三人团队", "team-size", 3.0, Exact);
    }

    #[test]
    fn team_duration_is_not_team_size() {
        assert!(find("带领团队3年").is_empty());
    }

    #[test]
    fn team_range_lower_bound() {
        one("带领3-5人团队", "team-size", 3.0, AtLeast);
    }

    #[test]
    fn patents() {
        one("授权专利70余项", "patents", 70.0, AtLeast);
        one("60+项授权专利", "patents", 60.0, AtLeast);
    }

    #[test]
    fn years_of_experience() {
        one(
            "10+ years of experience in backend",
            "years-experience",
            10.0,
            AtLeast,
        );
        one("14+ 年工作经验", "years-experience", 14.0, AtLeast);
        one("工作经验10年", "years-experience", 10.0, Exact);
        one("10余年研发经验", "years-experience", 10.0, AtLeast);
        assert!(find("10+ projects of experience").is_empty());
    }

    // --- negatives -------------------------------------------------------------------------------

    #[test]
    fn years_and_dates_are_not_metrics() {
        assert!(find("2019年DAU").is_empty());
        assert!(find("Since 2019 QPS").is_empty());
        assert!(find("QPS 2020.11 - 2021.11").is_empty());
        assert!(find("team of Aug 2021").is_empty());
    }

    #[test]
    fn numbers_without_keywords_are_not_metrics() {
        assert!(find("Handled 10K things in 3 regions").is_empty());
        assert!(find("百万级").is_empty());
    }

    #[test]
    fn punctuation_blocks_pairing() {
        assert!(find("QPS。10K").is_empty());
        assert!(find("10K, QPS").is_empty());
        assert!(find("QPS; 10K").is_empty());
        assert!(find("10K. QPS").is_empty());
    }

    #[test]
    fn far_keywords_do_not_pair() {
        assert!(find("QPS was measured across the entire cluster at 10K").is_empty());
        assert!(find("QPS在整个集群所有机房的全部请求统计结果为10万").is_empty());
    }

    #[test]
    fn dimensionless_kinds_reject_units() {
        assert!(find("QPS提升10倍").is_empty());
        assert!(find("QPS latency 50ms").iter().all(|m| m.kind == "latency"));
    }

    #[test]
    fn labels_respect_word_boundaries() {
        assert!(find("10K TEAMSTERS").is_empty());
        assert!(find("10K steam").is_empty());
        one("10K QPS", "qps", 1e4, Exact);
    }

    #[test]
    fn label_automaton_finds_what_per_label_search_finds() {
        let specs = vec![
            MetricKindSpec::new("a", &["aa", " AAA ", "qps", "peak qps", ""], "NUM"),
            MetricKindSpec::new("b", &["qps", "aa", "每秒请求", "请求"], "NUM"),
        ];
        let index = LabelIndex::new(&specs).patterns;
        let naive = Patterns {
            matcher: None,
            ..LabelIndex::new(&specs).patterns
        };
        for text in [
            "aaaaa qps peak qps peakqps",
            "每秒请求请求 aa-aa",
            "",
            "qpsqps aaa",
        ] {
            let mut fast = index.occurrences(text);
            let mut slow = naive.occurrences(text);
            fast.sort_unstable();
            slow.sort_unstable();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn prepared_automata_find_what_per_pattern_search_finds() {
        let real = LabelIndex::new(crate::extract::metric_specs()).patterns;
        for patterns in [real, Patterns::new(statistic_markers().texts.clone())] {
            let naive = Patterns {
                matcher: None,
                texts: patterns.texts.clone(),
            };
            for line in crate::extract::sample_lines() {
                let lower = line.to_ascii_lowercase();
                let mut fast = patterns.occurrences(&lower);
                let mut slow = naive.occurrences(&lower);
                fast.sort_unstable();
                slow.sort_unstable();
                assert_eq!(fast, slow, "{line:?}");
            }
        }
    }

    #[test]
    fn empty_inputs() {
        assert!(find_metrics("", &kinds()).is_empty());
        assert!(find_metrics("78K peak QPS", &[]).is_empty());
        let blank = [MetricKindSpec::new("x", &["", "  "], "NUM")];
        assert!(find_metrics("10K", &blank).is_empty());
    }

    #[test]
    fn emoji_and_cjk_never_panic() {
        let texts = [
            "🚀 78K 🎉 peak 😀 QPS",
            "😀DAU😀4亿+😀",
            "￥💰100万💰成本",
            "QPS🎉",
            "🎉10K",
            "存储10P😀",
            "全年😀99.99%",
            "99.99%😀",
            "4个😀9可用性",
            "QPS过万，峰值QPS 10W+；日活千万级。SLA99.99%，p99 latency under 50ms",
        ];
        for text in texts {
            for m in find(text) {
                assert!(
                    text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
                    "{text:?}"
                );
                assert!(m.start <= m.end);
            }
        }
    }

    #[test]
    fn multi_metric_sentence() {
        let text = "QPS过万，峰值QPS 10W+；日活千万级。SLA99.99%，p99 latency under 50ms";
        let got: Vec<_> = find(text)
            .iter()
            .map(|m| (m.kind.clone(), m.value, m.statistic))
            .collect();
        assert_eq!(
            got,
            vec![
                ("qps".to_string(), 1e4, None),
                ("qps".to_string(), 1e5, Some(Statistic::Peak)),
                ("dau".to_string(), 1e7, None),
                ("availability".to_string(), 99.99, None),
                ("latency".to_string(), 50.0, Some(Statistic::P99)),
            ]
        );
    }

    #[test]
    fn statistic_names() {
        assert_eq!(Statistic::P99.as_str(), "p99");
        assert_eq!(Statistic::Peak.as_str(), "peak");
    }

    #[test]
    fn family_parsing() {
        assert_eq!(family("NUM-PER-SEC"), Family::Rate(1.0));
        assert_eq!(family("per day"), Family::Rate(86_400.0));
        assert_eq!(family("PER-DAY"), Family::Rate(86_400.0));
        assert_eq!(family("MilliSEC"), Family::Duration(1.0));
        assert_eq!(family("PERCENT"), Family::Percent);
        assert_eq!(family("BYTE"), Family::Bytes);
        assert_eq!(family("YR"), Family::Years);
        assert_eq!(family("currency"), Family::Currency);
        assert_eq!(family("NUM"), Family::Count);
    }

    // --- the shipped vocabulary: counts that are said, numbers that are not ------------------

    /// Kind and value of every metric in `text`, with the kinds of ontology/metric-kinds.ttl.
    fn shipped(text: &str) -> Vec<(String, f64)> {
        MetricKinds::new(crate::extract::metric_specs().to_vec())
            .find(text)
            .into_iter()
            .map(|m| (m.kind, m.value))
            .collect()
    }

    fn kv(kind: &str, value: f64) -> (String, f64) {
        (kind.to_owned(), value)
    }

    #[test]
    fn n_person_team_beats_a_course_number() {
        assert_eq!(
            shipped("Analyst in a 4-person team (ECON 214 at Lakeview)"),
            vec![kv("team-size", 4.0)]
        );
        assert_eq!(
            shipped("a 6-member team shipped the billing app"),
            vec![kv("team-size", 6.0)]
        );
        assert_eq!(
            shipped("Field office of about 30 personnel"),
            vec![kv("team-size", 30.0)]
        );
    }

    #[test]
    fn head_count_in_brackets_after_a_name() {
        assert_eq!(
            shipped("晴天记账App（3人）项目地址"),
            vec![kv("team-size", 3.0)]
        );
        assert_eq!(
            shipped("Harbor Tide mobile client (5 people)"),
            vec![kv("team-size", 5.0)]
        );
        // Not alone in the brackets, or not a bracket label: nothing.
        assert!(shipped("服务10万人").is_empty());
        assert!(shipped("Harbor Tide (5 cities)").is_empty());
    }

    #[test]
    fn counts_of_teams_are_not_team_sizes() {
        assert_eq!(shipped("Coordinated 4 small teams"), vec![kv("teams", 4.0)]);
        assert!(shipped("worked with dozens of teams").is_empty());
        assert!(shipped("对接数十个团队").is_empty());
        // A stated count is not vague.
        assert_eq!(shipped("团队十余人"), vec![kv("team-size", 10.0)]);
    }

    #[test]
    fn volume_counts_with_modifiers_between() {
        assert_eq!(
            shipped("Cleaned over 300,000 anonymised insurance records"),
            vec![kv("records", 3e5)]
        );
        assert_eq!(
            shipped("classified 250,000 user reviews"),
            vec![kv("records", 2.5e5)]
        );
        assert_eq!(shipped("归档数千亿条记录"), vec![kv("records", 1e11)]);
        assert_eq!(
            shipped("index tuning across millions of tables"),
            vec![kv("tables", 1e6)]
        );
    }

    #[test]
    fn services_routes_and_endpoints_counted_after_their_noun() {
        assert_eq!(
            shipped("网关接入路由800+，托管的注册服务150+"),
            vec![kv("api-endpoints", 800.0), kv("services", 150.0)]
        );
        assert_eq!(shipped("改造接口60+"), vec![kv("api-endpoints", 60.0)]);
        // The nearer noun wins over a team word further away.
        assert_eq!(
            shipped("和团队一起把约 30 个服务搬到新集群"),
            vec![kv("services", 30.0)]
        );
    }

    #[test]
    fn stars_commits_and_lines_of_code() {
        assert_eq!(
            shipped("Pocket Ledger: 2.4k+ stars on GitHub"),
            vec![kv("github-stars", 2400.0)]
        );
        assert_eq!(shipped("90+ stars"), vec![kv("github-stars", 90.0)]);
        assert_eq!(
            shipped("landed roughly 4.5 thousand code changes upstream"),
            vec![kv("commits", 4500.0)]
        );
        assert_eq!(
            shipped("迁移了12万行代码"),
            vec![kv("lines-of-code", 1.2e5)]
        );
    }

    #[test]
    fn multiplier_glued_to_a_keyword() {
        assert_eq!(shipped("压测时网关达到 9kqps"), vec![kv("qps", 9000.0)]);
        // A unit glued to letters is still not a keyword start.
        assert!(shipped("5kgps").is_empty());
    }

    #[test]
    fn byte_unit_as_an_order_of_magnitude() {
        assert_eq!(
            shipped("审计平台的日志量达到 PB 级别"),
            vec![kv("storage", 1e15)]
        );
        assert_eq!(shipped("离线任务处理TB级数据"), vec![kv("storage", 1e12)]);
    }

    #[test]
    fn numbers_that_are_not_counts() {
        // 0 to 1, list numbers, the article 一, kinds, versions and widths.
        assert!(shipped("带领团队从0到1孵化票务平台").is_empty());
        assert!(shipped("took the team from 0 to 1").is_empty());
        assert!(shipped("3.新版本获得客户好评").is_empty());
        assert!(shipped("2、跟进客户的工单").is_empty());
        assert!(shipped("(4) 整理客户需求文档").is_empty());
        assert!(shipped("曾加入一个创业团队做后端").is_empty());
        assert!(shipped("为三种用户设计权限").is_empty());
        assert!(shipped("supports 3 types of users").is_empty());
        assert!(shipped("Moved the Ruby 2.7 services to containers").is_empty());
        assert!(shipped("wrote patches so that 32-bit ARM boards boot").is_empty());
        // A list number does not hide the count after it.
        assert_eq!(shipped("1. 签约客户200家"), vec![kv("customers", 200.0)]);
    }
}
