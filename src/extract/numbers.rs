//! Numeric expressions in résumé text (English, Chinese and mixed).
//!
//! Recognised forms:
//! - Arabic numbers with thousands separators and decimals ("1,200", "1.8"), full-width digits
//!   ("１２３").
//! - Multipliers glued to the number: `K`/`k` = 1e3, `M` = 1e6, `B`/`bn` = 1e9, `W`/`w` = 1e4
//!   (Chinese-internet "万"), Chinese 十/百/千/万/亿 in any sequence ("1W亿" = 1e12,
//!   "1千亿" = 1e11), and words after a space ("1.5 million", "hundred million").
//! - Chinese numerals ("三", "一百二十", "两千", "二〇一九", "万亿"), see [`parse_chinese_number`].
//! - Qualifiers before ("~", "约", "over", "up to", "不超过"…) and after ("+", "以上", "左右",
//!   "以内", "or more") the number, and inside it ("70余", "3千多万", "千万级").
//!
//! # Vague magnitudes
//! A vague plural magnitude is reported as the magnitude itself with [`Qualifier::AtLeast`]:
//! "数千万" and "tens of millions" → 1e7, "数百万" and "millions" → 1e6, "几十万" → 1e5,
//! "dozens" → 12, "上万" / "过万" / "万级" → 1e4. "数X" literally means "several X" (≥ 2X in a
//! strict reading), but résumés use it exactly like the English plural ("tens of millions"), so the
//! conservative lower bound X is used for both; `AtLeast` records that the true value is larger.
//!
//! # What [`find_quantities`] skips
//! Years and dates: a 4-digit number in 1950..=2100 followed by 年/月/届/级, by '.', '/' or a
//! range separator and a month, year or present marker ("2019年", "2020.11", "2015/05",
//! "2009 - 2012", "2019 - 至今"), or preceded by a month, season or date preposition ("Aug 2019",
//! "Summer 2019", "Q3 2020", "in 2012", "since 2019"); but "2000-2500万" and "from 2000 to 3000
//! users" stay numbers. Also skipped: months and days ("5月", "12日", "十二月"), times and
//! fractions ("10:30", "24/7"), phone numbers (11+ digits, 10+ digits in dash-separated groups,
//! "+86 …"), ordinals ("第3", "1st", "4th"), version numbers ("1.2.3", "v2.1", "Ejb3.0"), and
//! digits glued to letters on the left ("int32", "P99", "C2C", "N2", "COVID-19").
//! Digits glued to an upper-case acronym of 2+ letters are kept ("DAU4亿+", "SLA99.99%",
//! "QPS10000"), except a decimal not followed by a multiplier, `%` or `+` ("EJB3.0") and the
//! percentile marker "TP99".
//!
//! All offsets are byte offsets into the caller's `&str` and always fall on char boundaries.

use super::scan::{
    cn_digit, is_range_sep, normalize, Scan, WordSet, MONTHS, OPEN_SUFFIXES, PRESENT, SEASONS,
    SEPARATOR_WORDS,
};
use super::scan::{MAX_YEAR, MIN_YEAR};
use std::sync::OnceLock;

/// How a number is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    /// The number is stated without qualification ("10K").
    Exact,
    /// A lower bound: "10W+", "超过", "over", "70余", "万级", "tens of millions".
    AtLeast,
    /// An approximation: "~", "约", "nearly", "左右".
    Approximately,
    /// An upper bound: "up to", "不超过", "under", "以内".
    UpTo,
}

/// A numeric expression found in text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    /// The value with every multiplier applied ("1.8B" → 1.8e9, "1W亿" → 1e12).
    pub value: f64,
    /// How the value is qualified.
    pub qualifier: Qualifier,
    /// Byte offset of the first char of the expression, including a prefix qualifier.
    pub start: usize,
    /// Byte offset just past the expression, including a suffix qualifier.
    pub end: usize,
}

/// Parse one numeric expression that spans the whole of `text` (surrounding whitespace ignored).
///
/// Offsets in the result are byte offsets into `text`. Unlike [`find_quantities`], no context
/// rules apply: `parse_quantity("2019")` is 2019 and `parse_quantity("万")` is 1e4.
#[must_use]
pub fn parse_quantity(text: &str) -> Option<Quantity> {
    let s = Scan::new(text);
    let i = s.skip_ws(0);
    match match_at(&s, i, false) {
        Step::Found(q, end) if s.skip_ws(end) == s.len() => Some(q),
        _ => None,
    }
}

/// Find every numeric expression in running text, left to right, non-overlapping, longest match.
///
/// Years, dates, phone numbers, versions and identifiers are skipped (see the module docs).
#[must_use]
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    scan_quantities(text, may_start)
}

/// The scanning loop of [`find_quantities`], trying positions where `try_at` allows.
fn scan_quantities(text: &str, try_at: fn(&Scan, usize) -> bool) -> Vec<Quantity> {
    let s = Scan::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if !try_at(&s, i) {
            i += 1;
            continue;
        }
        match match_at(&s, i, true) {
            Step::Found(q, end) => {
                out.push(q);
                i = end.max(i + 1);
            }
            Step::Skip(end) => i = end.max(i + 1),
            Step::Miss => i += 1,
        }
    }
    out
}

/// Whether an expression can start at char `i`: an ASCII digit, a Chinese numeral, the first
/// char of a non-Latin prefix qualifier ("~", "约", "超"…), or an ASCII word that is the first
/// word of a Latin pattern ("over", "tens", "two", "a"…).
///
/// Everywhere else [`match_at`] finds neither a prefix nor a core and reports [`Step::Miss`], so
/// [`find_quantities`] skips such chars without trying every pattern. Latin patterns match on
/// word boundaries and whatever follows their first word (a space, '.', '-' or the end) is not
/// a letter, so the text's whole word at `i` must equal that first word.
fn may_start(s: &Scan, i: usize) -> bool {
    let Some(c) = s.at(i) else {
        return false;
    };
    if c.is_ascii_alphabetic() {
        return !s.prev(i).is_some_and(|p| p.is_ascii_alphanumeric())
            && s.word_is_one_of(i, latin_first_words());
    }
    c.is_ascii_digit() || is_cn_numeral(c) || prefix_first_chars().contains(&c)
}

/// First chars of the prefix qualifiers that are not ASCII letters ("~", "<", "约"…).
fn prefix_first_chars() -> &'static [char] {
    static FIRST: OnceLock<Vec<char>> = OnceLock::new();
    FIRST.get_or_init(|| {
        let mut v: Vec<char> = PREFIXES
            .iter()
            .filter_map(|(pat, _, _)| pat.chars().next())
            .filter(|c| !c.is_ascii_alphabetic())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// The first words of every pattern that can start an expression at a letter: prefix
/// qualifiers, vague plurals and number words ("a", "one" included).
fn latin_first_words() -> &'static WordSet {
    static WORDS: OnceLock<WordSet> = OnceLock::new();
    WORDS.get_or_init(|| {
        let patterns = PREFIXES.iter().map(|p| p.0);
        let cores = VAGUE.iter().chain(NUMBER_WORDS).map(|w| w.0);
        WordSet::new(
            patterns
                .chain(cores)
                .chain(["a", "one"])
                .map(leading_letters),
        )
    })
}

/// The leading run of ASCII letters of `pat`.
fn leading_letters(pat: &str) -> &str {
    let n = pat
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(pat.len());
    &pat[..n]
}

/// Chinese numerals: "三", "十二", "一百二十", "两千", "二〇一九" (digit by digit), "三万五"
/// (= 35000), "3万", "1.5亿", "1W亿", "万亿" (= 1e12).
///
/// An Arabic number may lead, followed only by multiplier chars (十 百 千 万 亿 W w).
/// Returns `None` for empty or malformed input.
#[must_use]
pub fn parse_chinese_number(text: &str) -> Option<f64> {
    let chars: Vec<char> = text.trim().chars().map(normalize).collect();
    match chars.first() {
        None => None,
        Some(c) if c.is_ascii_digit() => parse_mixed(&chars),
        Some(_) => parse_cn_chars(&chars),
    }
}

/// The qualifier word or symbol that ends exactly at byte `end` of `text` (trailing whitespace
/// allowed), with the byte offset where it starts: `qualifier_before("over RMB", 5)` →
/// `Some((AtLeast, 0))`. Used when a currency marker separates a qualifier from its number.
#[must_use]
pub fn qualifier_before(text: &str, end: usize) -> Option<(Qualifier, usize)> {
    let head = text.get(..end)?;
    let s = Scan::new(head);
    let n = s.len();
    let first = n.saturating_sub(16);
    (first..n).find_map(|k| {
        prefix_at(&s, k)
            .filter(|p| p.end == n && p.scope == Scope::Any)
            .map(|p| (p.qualifier, s.byte(k)))
    })
}

// ---------------------------------------------------------------------------------------------
// Chinese numerals

/// Power of ten of a Chinese unit char.
fn cn_unit(c: char) -> Option<i32> {
    Some(match c {
        '十' => 1,
        '百' => 2,
        '千' => 3,
        '万' => 4,
        '亿' => 8,
        _ => return None,
    })
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

fn pow10(e: i32) -> f64 {
    10f64.powi(e)
}

/// "3万", "1.5亿", "1W亿": an Arabic number followed only by multiplier chars.
fn parse_mixed(chars: &[char]) -> Option<f64> {
    let split = chars
        .iter()
        .position(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .unwrap_or(chars.len());
    let (num, rest) = chars.split_at(split);
    let digits: String = num.iter().filter(|c| **c != ',').collect();
    let mut exp = 0;
    for &c in rest {
        exp += match c {
            'W' | 'w' => 4,
            _ => cn_unit(c)?,
        };
    }
    scaled(&digits, exp)
}

/// `digits` (Arabic, optional decimal point) times 10^exp, correctly rounded.
fn scaled(digits: &str, exp: i32) -> Option<f64> {
    if digits.is_empty() || digits.starts_with('.') || digits.ends_with('.') {
        return None;
    }
    format!("{digits}e{exp}")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Pure Chinese numerals: digit by digit ("二〇一九") or with units ("一百二十", "万亿").
fn parse_cn_chars(chars: &[char]) -> Option<f64> {
    if chars.is_empty() {
        return None;
    }
    if chars.iter().all(|c| cn_digit(*c).is_some()) {
        return Some(
            chars
                .iter()
                .filter_map(|c| cn_digit(*c))
                .fold(0.0, |v, d| v * 10.0 + f64::from(d)),
        );
    }
    let mut acc = CnAcc::default();
    for &c in chars {
        acc.push(c)?;
    }
    Some(acc.finish())
}

/// Accumulator for the unit-based Chinese numeral algorithm.
#[derive(Default)]
struct CnAcc {
    /// Everything already multiplied by 亿.
    total: f64,
    /// The part below the last 亿 (may already include a 万 multiple).
    section: f64,
    /// A pending digit.
    num: Option<f64>,
    /// Exponent of the last unit seen, for colloquial "三万五" = 35000.
    last_unit: i32,
    /// A 零 was seen after the last unit ("一百零五": the 5 is ones).
    zero: bool,
}

impl CnAcc {
    fn push(&mut self, c: char) -> Option<()> {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                self.zero = true;
                return Some(());
            }
            if self.num.is_some() {
                return None;
            }
            self.num = Some(f64::from(d));
            return Some(());
        }
        let e = cn_unit(c)?;
        let n = self.num.take();
        match e {
            1..=3 => self.section += n.unwrap_or(1.0) * pow10(e),
            4 => {
                let base = self.section + n.unwrap_or(0.0);
                self.section = if base == 0.0 { 1.0 } else { base } * pow10(4);
            }
            _ => {
                let base = self.total + self.section + n.unwrap_or(0.0);
                self.total = if base == 0.0 { 1.0 } else { base } * pow10(8);
                self.section = 0.0;
            }
        }
        self.last_unit = e;
        self.zero = false;
        Some(())
    }

    fn finish(self) -> f64 {
        let tail = match self.num {
            Some(n) if !self.zero && self.last_unit >= 2 => n * pow10(self.last_unit - 1),
            Some(n) => n,
            None => 0.0,
        };
        self.total + self.section + tail
    }
}

// ---------------------------------------------------------------------------------------------
// Qualifiers

/// Which cores a prefix qualifier may introduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Any number.
    Any,
    /// Only a bare magnitude: "过万", "上百万", "数千万", "several million".
    Magnitude,
}

use Qualifier::{Approximately as APPROX, AtLeast as ATLEAST, UpTo as UPTO};

/// Prefix qualifiers (lower case; a space matches any run of whitespace).
const PREFIXES: &[(&str, Qualifier, Scope)] = &[
    ("approximately", APPROX, Scope::Any),
    ("approx.", APPROX, Scope::Any),
    ("approx", APPROX, Scope::Any),
    ("about", APPROX, Scope::Any),
    ("around", APPROX, Scope::Any),
    ("nearly", APPROX, Scope::Any),
    ("almost", APPROX, Scope::Any),
    ("roughly", APPROX, Scope::Any),
    ("circa", APPROX, Scope::Any),
    ("close to", APPROX, Scope::Any),
    ("~", APPROX, Scope::Any),
    ("≈", APPROX, Scope::Any),
    ("约", APPROX, Scope::Any),
    ("大约", APPROX, Scope::Any),
    ("大概", APPROX, Scope::Any),
    ("近", APPROX, Scope::Any),
    ("将近", APPROX, Scope::Any),
    ("接近", APPROX, Scope::Any),
    ("差不多", APPROX, Scope::Any),
    ("more than", ATLEAST, Scope::Any),
    ("over", ATLEAST, Scope::Any),
    ("exceeding", ATLEAST, Scope::Any),
    ("exceeded", ATLEAST, Scope::Any),
    ("exceeds", ATLEAST, Scope::Any),
    ("exceed", ATLEAST, Scope::Any),
    ("above", ATLEAST, Scope::Any),
    ("at least", ATLEAST, Scope::Any),
    ("in excess of", ATLEAST, Scope::Any),
    ("upwards of", ATLEAST, Scope::Any),
    ("no less than", ATLEAST, Scope::Any),
    ("not less than", ATLEAST, Scope::Any),
    ("beyond", ATLEAST, Scope::Any),
    ("surpassing", ATLEAST, Scope::Any),
    ("surpassed", ATLEAST, Scope::Any),
    (">=", ATLEAST, Scope::Any),
    (">", ATLEAST, Scope::Any),
    ("≥", ATLEAST, Scope::Any),
    ("超过", ATLEAST, Scope::Any),
    ("超", ATLEAST, Scope::Any),
    ("逾", ATLEAST, Scope::Any),
    ("至少", ATLEAST, Scope::Any),
    ("不少于", ATLEAST, Scope::Any),
    ("不低于", ATLEAST, Scope::Any),
    ("高于", ATLEAST, Scope::Any),
    ("大于", ATLEAST, Scope::Any),
    ("多于", ATLEAST, Scope::Any),
    ("突破", ATLEAST, Scope::Any),
    ("过", ATLEAST, Scope::Magnitude),
    ("上", ATLEAST, Scope::Magnitude),
    ("数", ATLEAST, Scope::Magnitude),
    ("几", ATLEAST, Scope::Magnitude),
    ("several", ATLEAST, Scope::Magnitude),
    ("a few", ATLEAST, Scope::Magnitude),
    ("multiple", ATLEAST, Scope::Magnitude),
    ("multi-", ATLEAST, Scope::Magnitude),
    ("up to", UPTO, Scope::Any),
    ("under", UPTO, Scope::Any),
    ("below", UPTO, Scope::Any),
    ("less than", UPTO, Scope::Any),
    ("fewer than", UPTO, Scope::Any),
    ("no more than", UPTO, Scope::Any),
    ("not more than", UPTO, Scope::Any),
    ("within", UPTO, Scope::Any),
    ("sub-", UPTO, Scope::Any),
    ("<=", UPTO, Scope::Any),
    ("<", UPTO, Scope::Any),
    ("≤", UPTO, Scope::Any),
    ("最高", UPTO, Scope::Any),
    ("最多", UPTO, Scope::Any),
    ("不超过", UPTO, Scope::Any),
    ("不到", UPTO, Scope::Any),
    ("不足", UPTO, Scope::Any),
    ("低于", UPTO, Scope::Any),
    ("少于", UPTO, Scope::Any),
    ("小于", UPTO, Scope::Any),
];

/// Chars before 约 that make it part of a word (节约, 制约, 合约…) rather than "about".
const NOT_BEFORE_YUE: &str = "节制预签邀公条契违履相集简缩婉合";
/// Chars before 近 that make it part of a word (最近, 附近…).
const NOT_BEFORE_JIN: &str = "最附临靠邻亲就贴";

/// A matched prefix qualifier.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    qualifier: Qualifier,
    scope: Scope,
    /// Index after the prefix and any following whitespace.
    end: usize,
}

fn prefix_at(s: &Scan, i: usize) -> Option<Prefix> {
    // Patterns are lower case: only those starting with this char (folded) can match.
    let first = s.at(i)?.to_ascii_lowercase();
    let mut best: Option<(usize, Prefix)> = None;
    for &(pat, qualifier, scope) in prefixes_starting_with(first) {
        let Some(end) = s.token(i, pat) else { continue };
        if prefix_vetoed(s, i, pat) {
            continue;
        }
        if best.is_none_or(|(len, _)| end - i > len) {
            let end = s.skip_ws(end);
            best = Some((
                end - i,
                Prefix {
                    qualifier,
                    scope,
                    end,
                },
            ));
        }
    }
    best.map(|(_, p)| p)
}

/// One qualifier prefix: its text, qualifier and scope (a row of [`PREFIXES`]).
type PrefixRow = (&'static str, Qualifier, Scope);

/// The [`PREFIXES`] whose first char is `first`, in table order.
fn prefixes_starting_with(first: char) -> &'static [PrefixRow] {
    static BY_FIRST: OnceLock<Vec<(char, Vec<PrefixRow>)>> = OnceLock::new();
    let table = BY_FIRST.get_or_init(|| {
        let mut table: Vec<(char, Vec<PrefixRow>)> = Vec::new();
        for &p in PREFIXES {
            let Some(c) = p.0.chars().next() else {
                continue;
            };
            match table.iter_mut().find(|(k, _)| *k == c) {
                Some((_, v)) => v.push(p),
                None => table.push((c, vec![p])),
            }
        }
        table.sort_by_key(|(c, _)| *c);
        table
    });
    table
        .binary_search_by_key(&first, |(c, _)| *c)
        .ok()
        .and_then(|k| table.get(k))
        .map_or(&[], |(_, v)| v.as_slice())
}

fn prefix_vetoed(s: &Scan, i: usize, pat: &str) -> bool {
    let prev = s.prev(i);
    match pat {
        "约" => prev.is_some_and(|c| NOT_BEFORE_YUE.contains(c)),
        "近" => prev.is_some_and(|c| NOT_BEFORE_JIN.contains(c)),
        _ => false,
    }
}

/// Suffix qualifiers right after the number.
const SUFFIXES: &[(&str, Qualifier)] = &[
    ("+", ATLEAST),
    ("以上", ATLEAST),
    ("左右", APPROX),
    ("以内", UPTO),
    ("以下", UPTO),
    (" or more", ATLEAST),
    (" or above", ATLEAST),
    (" or so", APPROX),
    (" or less", UPTO),
    (" or fewer", UPTO),
];

fn suffix_at(s: &Scan, k: usize) -> Option<(Qualifier, usize)> {
    SUFFIXES.iter().find_map(|&(pat, q)| {
        let end = s.lit(k, pat)?;
        let ends_alpha = pat.ends_with(|c: char| c.is_ascii_alphabetic());
        (!(ends_alpha && s.is_alpha(end))).then_some((q, end))
    })
}

/// Combine prefix, implied and suffix qualifiers: a bound beats an approximation; among bounds
/// the suffix wins, then the implied one, then the prefix.
fn combine(parts: [Option<Qualifier>; 3]) -> Qualifier {
    let present = || parts.iter().flatten().copied();
    present()
        .find(|q| *q != APPROX)
        .or_else(|| present().next())
        .unwrap_or(Qualifier::Exact)
}

// ---------------------------------------------------------------------------------------------
// Number cores

/// Vague English plurals, reported as their magnitude with `AtLeast`.
const VAGUE: &[(&str, f64)] = &[
    ("hundreds of billions", 1e11),
    ("tens of billions", 1e10),
    ("hundreds of millions", 1e8),
    ("tens of millions", 1e7),
    ("hundreds of thousands", 1e5),
    ("tens of thousands", 1e4),
    ("billions", 1e9),
    ("millions", 1e6),
    ("thousands", 1e3),
    ("hundreds", 1e2),
    ("dozens", 12.0),
];

/// English number words (cardinals); "one" and "a" need a following multiplier word.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Multiplier words after a number ("1.5 million"); `dozen` is a factor of 12.
const MULTIPLIER_WORDS: &[(&str, i32)] = &[
    ("hundred", 2),
    ("thousand", 3),
    ("million", 6),
    ("mn", 6),
    ("billion", 9),
    ("trillion", 12),
];

/// Classifiers after a single Chinese numeral char that make it a count ("三人", "十项").
const CLASSIFIERS: &str = "人个项名位次台倍家款条年天周届座门种支所篇件套本张场轮期层笔单";

/// Chinese numeral runs that are ordinary words.
const CN_STOP_WORDS: &[&str] = &["万一", "一一", "千千万万", "万万", "一五一十", "三三两两"];

/// A number without its prefix/suffix qualifiers.
#[derive(Debug, Clone, Copy)]
struct Core {
    value: f64,
    /// Index just past the core.
    end: usize,
    /// Qualifier carried by the core itself (余/多/级, vague plurals).
    implied: Option<Qualifier>,
    /// A magnitude without a leading number ("万", "千万", "million").
    bare: bool,
    /// For pure Chinese numeral runs: the run's end and char count.
    cn_run: Option<(usize, usize)>,
}

/// The multipliers after a number: total exponent, extra factor (dozen), count, end index.
#[derive(Debug, Clone, Copy)]
struct Chain {
    exp: i32,
    factor: f64,
    count: usize,
    end: usize,
}

fn chain_at(s: &Scan, k: usize, words_only: bool) -> Chain {
    let mut ch = Chain {
        exp: 0,
        factor: 1.0,
        count: 0,
        end: k,
    };
    loop {
        let glued = if words_only {
            None
        } else {
            glued_multiplier(s, ch.end)
        };
        let step = glued.or_else(|| word_multiplier(s, ch.end));
        let Some((exp, factor, end)) = step else {
            break;
        };
        ch.exp += exp;
        ch.factor *= factor;
        ch.count += 1;
        ch.end = end;
    }
    ch
}

/// A multiplier char glued to what precedes it: 十百千万亿, K/k, M, B, bn, W/w.
fn glued_multiplier(s: &Scan, k: usize) -> Option<(i32, f64, usize)> {
    let c = s.at(k)?;
    if let Some(e) = cn_unit(c) {
        return Some((e, 1.0, k + 1));
    }
    if s.lit(k, "bn").is_some() && !s.is_alpha(k + 2) {
        return Some((9, 1.0, k + 2));
    }
    let e = match c {
        'K' | 'k' => 3,
        'M' => 6,
        'B' => 9,
        'W' | 'w' => 4,
        _ => return None,
    };
    (!s.is_alpha(k + 1)).then_some((e, 1.0, k + 1))
}

/// A multiplier word after optional whitespace: "million", "hundred", "dozen".
fn word_multiplier(s: &Scan, k: usize) -> Option<(i32, f64, usize)> {
    let w = s.skip_ws(k);
    if let Some(end) = s.token(w, "dozen") {
        return Some((0, 12.0, end));
    }
    MULTIPLIER_WORDS
        .iter()
        .find_map(|&(pat, e)| s.token(w, pat).map(|end| (e, 1.0, end)))
}

/// 余/多 (more than), further multipliers ("3千多万") and 级 (order of magnitude).
fn tail_at(s: &Scan, k: usize, had_units: bool) -> (Chain, Option<Qualifier>) {
    let mut ch = chain_at(s, k, false);
    let mut implied = None;
    if matches!(s.at(ch.end), Some('余' | '多')) {
        implied = Some(ATLEAST);
        let more = chain_at(s, ch.end + 1, false);
        ch = Chain {
            exp: ch.exp + more.exp,
            factor: ch.factor * more.factor,
            count: ch.count + more.count,
            end: more.end,
        };
    }
    if (had_units || ch.count > 0) && s.at(ch.end) == Some('级') {
        implied = Some(ATLEAST);
        ch.end += 1;
    }
    (ch, implied)
}

/// An Arabic literal: digits, thousands groups, decimals.
#[derive(Debug, Clone)]
struct Literal {
    digits: String,
    /// Index after the integer part.
    int_end: usize,
    /// Index after the literal.
    end: usize,
    /// Index after any further ".digits" groups (version numbers).
    dotted_end: usize,
    int_digits: usize,
    grouped: bool,
    decimal: bool,
    extra_dots: bool,
}

fn literal_at(s: &Scan, j: usize) -> Option<Literal> {
    let mut k = j;
    let mut digits = String::new();
    while let Some(c) = s.at(k).filter(char::is_ascii_digit) {
        digits.push(c);
        k += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let mut grouped = false;
    if digits.len() <= 3 {
        while s.at(k) == Some(',') && (1..=3).all(|d| s.is_digit(k + d)) && !s.is_digit(k + 4) {
            digits.extend((1..=3).filter_map(|d| s.at(k + d)));
            k += 4;
            grouped = true;
        }
    }
    let int_end = k;
    let int_digits = digits.len();
    let decimal = s.at(k) == Some('.') && s.is_digit(k + 1);
    if decimal {
        digits.push('.');
        k += 1;
        while let Some(c) = s.at(k).filter(char::is_ascii_digit) {
            digits.push(c);
            k += 1;
        }
    }
    let mut dotted_end = k;
    while s.at(dotted_end) == Some('.') && s.is_digit(dotted_end + 1) {
        dotted_end += 1;
        while s.is_digit(dotted_end) {
            dotted_end += 1;
        }
    }
    let extra_dots = dotted_end > k;
    Some(Literal {
        digits,
        int_end,
        end: k,
        dotted_end,
        int_digits,
        grouped,
        decimal,
        extra_dots,
    })
}

fn arabic_core(s: &Scan, j: usize) -> Option<Core> {
    let lit = literal_at(s, j)?;
    let (ch, implied) = tail_at(s, lit.end, false);
    let value = scaled(&lit.digits, ch.exp)? * ch.factor;
    Some(Core {
        value,
        end: ch.end,
        implied,
        bare: false,
        cn_run: None,
    })
}

fn chinese_core(s: &Scan, j: usize) -> Option<Core> {
    let mut run_end = j;
    while s.at(run_end).is_some_and(is_cn_numeral) {
        run_end += 1;
    }
    let run: Vec<char> = (j..run_end).filter_map(|k| s.at(k)).collect();
    if run.is_empty() {
        return None;
    }
    let run_value = parse_cn_chars(&run)?;
    let has_unit = run.iter().any(|c| cn_unit(*c).is_some());
    let bare = run.iter().all(|c| cn_unit(*c).is_some());
    let (ch, implied) = tail_at(s, run_end, has_unit);
    let value = run_value * pow10(ch.exp) * ch.factor;
    Some(Core {
        value,
        end: ch.end,
        implied,
        bare,
        cn_run: Some((run_end, run.len())),
    })
}

fn word_core(s: &Scan, j: usize, allow_bare: bool) -> Option<Core> {
    let core = |value, end, implied, bare| Core {
        value,
        end,
        implied,
        bare,
        cn_run: None,
    };
    for &(pat, v) in VAGUE {
        if let Some(end) = s.token(j, pat) {
            return Some(core(v, end, Some(ATLEAST), false));
        }
    }
    for pat in ["a", "one"] {
        if let Some(end) = s.token(j, pat) {
            let ch = chain_at(s, end, true);
            if ch.count > 0 {
                return Some(core(pow10(ch.exp) * ch.factor, ch.end, None, false));
            }
        }
    }
    for &(pat, v) in NUMBER_WORDS {
        if let Some(end) = s.token(j, pat) {
            let ch = chain_at(s, end, true);
            return Some(core(v * pow10(ch.exp) * ch.factor, ch.end, None, false));
        }
    }
    if allow_bare && !s.prev(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        let ch = chain_at(s, j, true);
        if ch.count > 0 {
            return Some(core(pow10(ch.exp) * ch.factor, ch.end, None, true));
        }
    }
    None
}

fn core_at(s: &Scan, j: usize, allow_bare_words: bool) -> Option<Core> {
    let c = s.at(j)?;
    if c.is_ascii_digit() {
        arabic_core(s, j)
    } else if is_cn_numeral(c) {
        chinese_core(s, j)
    } else if c.is_ascii_alphabetic() {
        word_core(s, j, allow_bare_words)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Matching with context rules

/// Result of trying to match at one position.
enum Step {
    /// A quantity and the index just past it.
    Found(Quantity, usize),
    /// Not a quantity; resume scanning at this index.
    Skip(usize),
    /// Nothing here; try the next char.
    Miss,
}

fn match_at(s: &Scan, i: usize, ctx: bool) -> Step {
    let pre = prefix_at(s, i);
    let j = pre.map_or(i, |p| p.end);
    if ctx && s.is_digit(j) {
        if let Some(skip) = arabic_skip(s, j, pre.is_some()) {
            return Step::Skip(skip);
        }
    }
    let magnitude_only = pre.is_some_and(|p| p.scope == Scope::Magnitude);
    let Some(core) = core_at(s, j, magnitude_only) else {
        return if ctx && s.is_digit(j) {
            Step::Skip(token_end(s, j))
        } else {
            Step::Miss
        };
    };
    if magnitude_only && !core.bare {
        return Step::Miss;
    }
    let suffix = suffix_at(s, core.end);
    if ctx {
        if let Some(step) = chinese_veto(s, j, &core, pre.is_some(), suffix.is_some()) {
            return step;
        }
    }
    let qualifier = combine([suffix.map(|x| x.0), core.implied, pre.map(|p| p.qualifier)]);
    let end = suffix.map_or(core.end, |x| x.1);
    let q = Quantity {
        value: core.value,
        qualifier,
        start: s.byte(i),
        end: s.byte(end),
    };
    Step::Found(q, end)
}

/// Context rules for a pure Chinese numeral run; `None` accepts the core.
fn chinese_veto(
    s: &Scan,
    j: usize,
    core: &Core,
    has_prefix: bool,
    has_suffix: bool,
) -> Option<Step> {
    let (run_end, len) = core.cn_run?;
    let run: String = (j..run_end).filter_map(|k| s.at(k)).collect();
    let all_digits = run.chars().all(|c| cn_digit(c).is_some());
    let ordinal = s.prev(j) == Some('第');
    let date = matches!(s.at(run_end), Some('月' | '日' | '号'));
    if ordinal || date || (all_digits && len > 1) || CN_STOP_WORDS.contains(&run.as_str()) {
        return Some(Step::Skip(run_end));
    }
    let marked = has_prefix || has_suffix || core.implied.is_some();
    let counted = s.at(core.end).is_some_and(|c| CLASSIFIERS.contains(c));
    (len == 1 && !marked && !counted).then_some(Step::Miss)
}

/// Context rules for an Arabic literal at `j`: `Some(resume index)` when it is not a quantity.
fn arabic_skip(s: &Scan, j: usize, has_prefix: bool) -> Option<usize> {
    let lit = literal_at(s, j)?;
    if s.prev(j) == Some('第') || lit.extra_dots {
        return Some(lit.dotted_end);
    }
    if !has_prefix {
        if let Some(end) = glued_skip(s, j, &lit) {
            return Some(end);
        }
    }
    phone_skip(s, j)
        .or_else(|| country_code_skip(s, j, &lit))
        .or_else(|| year_skip(s, j, &lit))
        .or_else(|| month_day_skip(s, &lit))
        .or_else(|| ordinal_skip(s, &lit))
        .or_else(|| slash_skip(s, &lit))
}

/// Digits glued to letters on the left ("int32", "P99", "v2.1", "COVID-19").
fn glued_skip(s: &Scan, j: usize, lit: &Literal) -> Option<usize> {
    let mut k = j;
    if k >= 2 && matches!(s.prev(k), Some('-' | '_')) && s.is_alpha(k - 2) {
        return Some(token_end(s, j));
    }
    while k > 0 && s.is_alpha(k - 1) {
        k -= 1;
    }
    if k == j {
        return None;
    }
    let letters: String = (k..j).filter_map(|x| s.at(x)).collect();
    let acronym =
        letters.len() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase()) && letters != "TP";
    let versionish = lit.decimal && !marked_after(s, lit.end);
    (!acronym || versionish).then(|| token_end(s, j))
}

/// End of an identifier-like token: ASCII letters, digits, '.', '_' and '-' between alphanumerics.
fn token_end(s: &Scan, mut k: usize) -> usize {
    loop {
        match s.at(k) {
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => k += 1,
            Some('.' | '-') if s.at(k + 1).is_some_and(|c| c.is_ascii_alphanumeric()) => k += 1,
            _ => return k,
        }
    }
}

/// A multiplier, `%`, `+`, 余 or 多 right after a literal.
fn marked_after(s: &Scan, k: usize) -> bool {
    matches!(s.at(k), Some('%' | '+' | '余' | '多')) || glued_multiplier(s, k).is_some()
}

/// Phone numbers: 11+ digits in a row, or 10+ digits in dash-separated groups.
fn phone_skip(s: &Scan, j: usize) -> Option<usize> {
    let (mut k, mut digits, mut dashes, mut run, mut longest) = (j, 0, 0, 0, 0);
    loop {
        if s.is_digit(k) {
            digits += 1;
            run += 1;
            longest = longest.max(run);
        } else if s.at(k) == Some('-') && s.is_digit(k + 1) && digits > 0 {
            dashes += 1;
            run = 0;
        } else {
            break;
        }
        k += 1;
    }
    (longest >= 11 || (dashes > 0 && digits >= 10)).then_some(k)
}

/// A country calling code before a phone number: "+86 138-1234-5678".
fn country_code_skip(s: &Scan, j: usize, lit: &Literal) -> Option<usize> {
    if s.prev(j) != Some('+') || lit.int_digits > 3 || lit.decimal {
        return None;
    }
    let mut k = lit.end;
    while matches!(s.at(k), Some(' ' | '-')) {
        k += 1;
    }
    if k == lit.end || !s.is_digit(k) {
        return None;
    }
    phone_skip(s, k).or_else(|| {
        let end = (k..s.len())
            .find(|&x| !(s.is_digit(x) || matches!(s.at(x), Some(' ' | '-'))))
            .unwrap_or(s.len());
        let digits = (k..end).filter(|&x| s.is_digit(x)).count();
        (digits >= 10).then_some(end)
    })
}

/// Words before a number that make a 4-digit number a year ("in 2019", "Q3 2020"; seasons and
/// months too).
const YEAR_CONTEXT_WORDS: &[&str] = &[
    "in", "since", "from", "until", "till", "by", "during", "before", "after", "early", "late",
    "mid", "year", "q1", "q2", "q3", "q4", "h1", "h2",
];

/// Whether `v` is a year in the accepted window.
fn is_year(v: u32) -> bool {
    i32::try_from(v).is_ok_and(|y| (MIN_YEAR..=MAX_YEAR).contains(&y))
}

fn is_year_literal(s: &Scan, j: usize, lit: &Literal) -> bool {
    if lit.int_digits != 4 || lit.grouped {
        return false;
    }
    let v = (j..j + 4)
        .filter_map(|k| s.at(k)?.to_digit(10))
        .fold(0, |v, d| v * 10 + d);
    is_year(v)
}

/// Years and dates: "2019年", "2020.11", "2017-03-15", "2009 - 2012", "since 2019", "Aug 2019".
/// A year-sized number starting a numeric range ("2000-2500万", "2000 to 3000 users") is kept.
fn year_skip(s: &Scan, j: usize, lit: &Literal) -> Option<usize> {
    if !is_year_literal(s, j, lit) {
        return None;
    }
    let k = lit.int_end;
    if matches!(s.at(k), Some('年' | '月' | '届' | '级')) {
        return Some(date_run_end(s, k));
    }
    if s.at(k) == Some('s') && !s.is_alpha(k + 1) {
        return Some(k + 1);
    }
    if let Some((sep_end, glued)) = separator_after(s, k) {
        if !date_continues(s, sep_end) {
            return None;
        }
        return Some(if glued { date_run_end(s, k) } else { k });
    }
    let w = s.skip_ws(k);
    let follows = s.at(w) == Some('年')
        || OPEN_SUFFIXES
            .iter()
            .chain(PRESENT)
            .any(|p| s.token(w, p).is_some());
    (follows || year_context_before(s, j) || year_range_before(s, j)).then_some(k)
}

/// A date separator after a year: '.', '/', a dash or 至/到 (glued), or after spaces a dash,
/// 至/到 or to/until/till/through. Returns the index after it and whether it was glued.
fn separator_after(s: &Scan, k: usize) -> Option<(usize, bool)> {
    let dashes = |mut e: usize| {
        while s.at(e).is_some_and(is_range_sep) {
            e += 1;
        }
        e
    };
    if matches!(s.at(k), Some('.' | '/')) {
        return Some((k + 1, true));
    }
    if s.at(k).is_some_and(is_range_sep) {
        return Some((dashes(k), true));
    }
    let w = s.skip_ws(k);
    if s.at(w).is_some_and(is_range_sep) {
        return Some((dashes(w), false));
    }
    SEPARATOR_WORDS
        .iter()
        .find_map(|p| s.token(w, p))
        .map(|e| (e, false))
}

/// After a separator: a present marker, a month name, a month number (1..=12) or a year, not
/// followed by a multiplier ("2000-2500万" is a range of numbers, "2019.5万" a number).
fn date_continues(s: &Scan, i: usize) -> bool {
    let w = s.skip_ws(i);
    if PRESENT.iter().any(|p| s.token(w, p).is_some()) {
        return true;
    }
    if MONTHS
        .iter()
        .map(|m| m.0)
        .chain(SEASONS.iter().copied())
        .any(|p| s.token(w, p).is_some())
    {
        return true;
    }
    let mut end = w;
    while s.is_digit(end) {
        end += 1;
    }
    let v = (w..end)
        .filter_map(|x| s.at(x)?.to_digit(10))
        .fold(0u32, |v, d| v.saturating_mul(10).saturating_add(d));
    let fits = match end - w {
        1 | 2 => (1..=12).contains(&v),
        4 => is_year(v),
        _ => false,
    };
    fits && !marked_after(s, end)
        && !(s.at(end) == Some('.') && s.is_digit(end + 1) && end - w == 4)
}

/// End of a date-like run: digits and . - / 年 月 日 号 and range separators without spaces.
fn date_run_end(s: &Scan, mut k: usize) -> usize {
    while s
        .at(k)
        .is_some_and(|c| c.is_ascii_digit() || "./年月日号".contains(c) || is_range_sep(c))
    {
        k += 1;
    }
    k
}

/// The word before `j` (after whitespace and an optional '.') is a month name or a date preposition.
fn year_context_before(s: &Scan, j: usize) -> bool {
    let mut k = j;
    while k > 0 && s.at(k - 1).is_some_and(char::is_whitespace) {
        k -= 1;
    }
    if k == j {
        return false;
    }
    if s.prev(k) == Some('.') {
        k -= 1;
    }
    let end = k;
    while k > 0 && s.at(k - 1).is_some_and(|c| c.is_ascii_alphanumeric()) {
        k -= 1;
    }
    let word: String = (k..end)
        .filter_map(|x| s.at(x))
        .collect::<String>()
        .to_ascii_lowercase();
    YEAR_CONTEXT_WORDS.contains(&word.as_str())
        || SEASONS.contains(&word.as_str())
        || MONTHS.iter().any(|m| m.0 == word)
}

/// The year at `j` closes a range whose start is a year: "2009 - 2012", "2015.05 to 2016".
fn year_range_before(s: &Scan, j: usize) -> bool {
    let mut k = j;
    while k > 0 && s.at(k - 1).is_some_and(char::is_whitespace) {
        k -= 1;
    }
    let sep_end = k;
    while k > 0 && s.at(k - 1).is_some_and(is_range_sep) {
        k -= 1;
    }
    if k == sep_end {
        if k >= 2 && s.lit(k - 2, "to") == Some(k) {
            k -= 2;
        } else {
            return false;
        }
    }
    while k > 0 && s.at(k - 1).is_some_and(char::is_whitespace) {
        k -= 1;
    }
    let end = k;
    while k > 0
        && s.at(k - 1)
            .is_some_and(|c| c.is_ascii_digit() || "./年月日号".contains(c))
    {
        k -= 1;
    }
    if end - k < 4 {
        return false;
    }
    literal_at(s, k).is_some_and(|lit| is_year_literal(s, k, &lit))
}

/// Months and days: "5月", "12日".
fn month_day_skip(s: &Scan, lit: &Literal) -> Option<usize> {
    let short = lit.int_digits <= 2 && !lit.decimal;
    (short && matches!(s.at(lit.end), Some('月' | '日' | '号'))).then_some(lit.end + 1)
}

/// English ordinals: "1st", "22nd", "3rd", "4th".
fn ordinal_skip(s: &Scan, lit: &Literal) -> Option<usize> {
    if lit.decimal || lit.grouped {
        return None;
    }
    ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| s.lit(lit.end, suffix).filter(|&e| !s.is_alpha(e)))
}

/// Times, fractions and numeric dates: "10:30", "24/7", "05/2015".
fn slash_skip(s: &Scan, lit: &Literal) -> Option<usize> {
    if !(matches!(s.at(lit.end), Some('/' | ':')) && s.is_digit(lit.end + 1)) {
        return None;
    }
    let mut k = lit.end;
    while s
        .at(k)
        .is_some_and(|c| c.is_ascii_digit() || "/:.".contains(c))
    {
        k += 1;
    }
    Some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    /// parse_quantity value + qualifier.
    fn pq(text: &str) -> (f64, Qualifier) {
        let q = parse_quantity(text).unwrap_or_else(|| panic!("no quantity in {text:?}"));
        (q.value, q.qualifier)
    }

    fn assert_pq(text: &str, value: f64, qualifier: Qualifier) {
        let (v, q) = pq(text);
        assert!(close(v, value), "{text:?}: value {v} != {value}");
        assert_eq!(q, qualifier, "{text:?}: qualifier");
    }

    /// find_quantities as (value, qualifier, matched text).
    fn fq(text: &str) -> Vec<(f64, Qualifier, String)> {
        find_quantities(text)
            .into_iter()
            .map(|q| (q.value, q.qualifier, text[q.start..q.end].to_string()))
            .collect()
    }

    fn values(text: &str) -> Vec<f64> {
        find_quantities(text).into_iter().map(|q| q.value).collect()
    }

    fn assert_one(text: &str, value: f64, qualifier: Qualifier, span: &str) {
        let found = fq(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let (v, q, m) = &found[0];
        assert!(close(*v, value), "{text:?}: value {v} != {value}");
        assert_eq!(*q, qualifier, "{text:?}");
        assert_eq!(m, span, "{text:?}");
    }

    use Qualifier::*;

    // --- plain numbers -------------------------------------------------------------------------

    #[test]
    fn plain_integer() {
        assert_pq("42", 42.0, Exact);
    }

    #[test]
    fn thousands_separators() {
        assert_pq("1,200", 1200.0, Exact);
        assert_pq("10,000,000", 1e7, Exact);
        assert_pq("1,234.5", 1234.5, Exact);
    }

    #[test]
    fn decimal() {
        assert_pq("1.8", 1.8, Exact);
        assert_pq("  0.5  ", 0.5, Exact);
    }

    #[test]
    fn full_width_digits() {
        assert_pq("１２３", 123.0, Exact);
        assert_pq("１．５万", 15000.0, Exact);
        assert_one("峰值ＱＰＳ１０Ｗ＋", 1e5, AtLeast, "１０Ｗ＋");
    }

    #[test]
    fn comma_list_is_not_a_thousands_group() {
        assert_eq!(values("1,2,3"), vec![1.0, 2.0, 3.0]);
        assert_eq!(values("5,0000"), vec![5.0, 0.0]);
    }

    // --- multipliers ---------------------------------------------------------------------------

    #[test]
    fn letter_multipliers() {
        assert_pq("78K", 78_000.0, Exact);
        assert_pq("5k", 5_000.0, Exact);
        assert_pq("550M", 5.5e8, Exact);
        assert_pq("1.8B", 1.8e9, Exact);
        assert_pq("3bn", 3e9, Exact);
        assert_pq("100w", 1e6, Exact);
        assert_pq("10W", 1e5, Exact);
    }

    #[test]
    fn letter_multiplier_needs_word_end() {
        assert_eq!(fq("10MB disk")[0].2, "10");
        assert_eq!(fq("50ms")[0].2, "50");
        assert_eq!(fq("5km")[0].0, 5.0);
        assert_eq!(fq("3 B-tier")[0].0, 3.0);
    }

    #[test]
    fn word_multipliers() {
        assert_pq("1 million", 1e6, Exact);
        assert_pq("1.5 billion", 1.5e9, Exact);
        assert_pq("2 thousand", 2e3, Exact);
        assert_pq("3 hundred million", 3e8, Exact);
        assert_pq("a million", 1e6, Exact);
        assert_pq("two dozen", 24.0, Exact);
        assert_pq("five hundred thousand", 5e5, Exact);
    }

    #[test]
    fn chinese_multipliers_after_digits() {
        assert_pq("4亿", 4e8, Exact);
        assert_pq("1千亿", 1e11, Exact);
        assert_pq("1W亿", 1e12, Exact);
        assert_pq("200亿", 2e10, Exact);
        assert_pq("15亿", 1.5e9, Exact);
        assert_pq("1.5亿", 1.5e8, Exact);
        assert_pq("3千万", 3e7, Exact);
        assert_pq("10万", 1e5, Exact);
    }

    #[test]
    fn bare_chinese_magnitudes() {
        assert_pq("千", 1e3, Exact);
        assert_pq("万", 1e4, Exact);
        assert_pq("十万", 1e5, Exact);
        assert_pq("百万", 1e6, Exact);
        assert_pq("千万", 1e7, Exact);
        assert_pq("亿", 1e8, Exact);
        assert_pq("十亿", 1e9, Exact);
        assert_pq("百亿", 1e10, Exact);
        assert_pq("千亿", 1e11, Exact);
        assert_pq("万亿", 1e12, Exact);
    }

    // --- Chinese numerals ----------------------------------------------------------------------

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("三", 3.0),
            ("十", 10.0),
            ("十二", 12.0),
            ("二十", 20.0),
            ("一百二十", 120.0),
            ("一百零五", 105.0),
            ("两千", 2000.0),
            ("一万五千", 15000.0),
            ("十二万三千四百五十六", 123_456.0),
            ("三亿五千万", 3.5e8),
            ("一千二百万", 1.2e7),
            ("零", 0.0),
        ];
        for (text, v) in cases {
            assert_eq!(parse_chinese_number(text), Some(v), "{text}");
        }
    }

    #[test]
    fn chinese_digit_by_digit() {
        assert_eq!(parse_chinese_number("二〇一九"), Some(2019.0));
        assert_eq!(parse_chinese_number("二零二一"), Some(2021.0));
    }

    #[test]
    fn chinese_colloquial_trailing_digit() {
        assert_eq!(parse_chinese_number("三万五"), Some(35000.0));
        assert_eq!(parse_chinese_number("一百二"), Some(120.0));
        assert_eq!(parse_chinese_number("两千五"), Some(2500.0));
    }

    #[test]
    fn chinese_mixed_with_arabic() {
        assert_eq!(parse_chinese_number("3万"), Some(3e4));
        assert_eq!(parse_chinese_number("1.5亿"), Some(1.5e8));
        assert_eq!(parse_chinese_number("1W亿"), Some(1e12));
        assert_eq!(parse_chinese_number("万亿"), Some(1e12));
    }

    #[test]
    fn chinese_malformed() {
        assert_eq!(parse_chinese_number(""), None);
        assert_eq!(parse_chinese_number("abc"), None);
        assert_eq!(parse_chinese_number("一二百"), None);
        assert_eq!(parse_chinese_number("3万x"), None);
        assert_eq!(parse_chinese_number("十四五"), None);
    }

    // --- qualifiers ----------------------------------------------------------------------------

    #[test]
    fn approximately() {
        assert_pq("~1.8B", 1.8e9, Approximately);
        assert_pq("约10万", 1e5, Approximately);
        assert_pq("近3", 3.0, Approximately);
        assert_pq("approximately 500", 500.0, Approximately);
        assert_pq("about 20", 20.0, Approximately);
        assert_pq("around 1 million", 1e6, Approximately);
        assert_pq("nearly 2,000", 2000.0, Approximately);
        assert_pq("100万左右", 1e6, Approximately);
    }

    #[test]
    fn at_least_prefix() {
        assert_pq("over 100 million", 1e8, AtLeast);
        assert_pq("exceeding 1 million", 1e6, AtLeast);
        assert_pq("exceeded 10K", 1e4, AtLeast);
        assert_pq("more than 5", 5.0, AtLeast);
        assert_pq("above 99", 99.0, AtLeast);
        assert_pq("at least 3", 3.0, AtLeast);
        assert_pq("超过1000", 1000.0, AtLeast);
        assert_pq("超10万", 1e5, AtLeast);
        assert_pq("逾百万", 1e6, AtLeast);
    }

    #[test]
    fn at_least_suffix() {
        assert_pq("10W+", 1e5, AtLeast);
        assert_pq("1W亿+", 1e12, AtLeast);
        assert_pq("4亿+", 4e8, AtLeast);
        assert_pq("8K+", 8e3, AtLeast);
        assert_pq("3B+", 3e9, AtLeast);
        assert_pq("100万以上", 1e6, AtLeast);
        assert_pq("70多", 70.0, AtLeast);
        assert_pq("70余", 70.0, AtLeast);
        assert_pq("5 or more", 5.0, AtLeast);
    }

    #[test]
    fn up_to() {
        assert_pq("up to 50", 50.0, UpTo);
        assert_pq("under 50", 50.0, UpTo);
        assert_pq("below 1", 1.0, UpTo);
        assert_pq("less than 10", 10.0, UpTo);
        assert_pq("最高10万", 1e5, UpTo);
        assert_pq("不超过5", 5.0, UpTo);
        assert_pq("100以内", 100.0, UpTo);
        assert_pq("sub-50", 50.0, UpTo);
    }

    #[test]
    fn yu_duo_ji() {
        assert_pq("百余", 100.0, AtLeast);
        assert_pq("十余", 10.0, AtLeast);
        assert_pq("二十多", 20.0, AtLeast);
        assert_pq("10余万", 1e5, AtLeast);
        assert_pq("3千多万", 3e7, AtLeast);
        assert_pq("千万级", 1e7, AtLeast);
        assert_pq("亿级", 1e8, AtLeast);
        assert_pq("百万级", 1e6, AtLeast);
        assert_pq("万级", 1e4, AtLeast);
        assert_pq("10万级", 1e5, AtLeast);
    }

    #[test]
    fn magnitude_only_prefixes() {
        assert_pq("过万", 1e4, AtLeast);
        assert_pq("过亿", 1e8, AtLeast);
        assert_pq("上万", 1e4, AtLeast);
        assert_pq("上百万", 1e6, AtLeast);
        assert_pq("数千万", 1e7, AtLeast);
        assert_pq("数百万", 1e6, AtLeast);
        assert_pq("几十万", 1e5, AtLeast);
        assert_pq("several million", 1e6, AtLeast);
        assert_pq("multi-million", 1e6, AtLeast);
        assert!(parse_quantity("过3").is_none());
        assert!(parse_quantity("数10").is_none());
    }

    #[test]
    fn vague_english() {
        assert_pq("tens of millions", 1e7, AtLeast);
        assert_pq("hundreds of millions", 1e8, AtLeast);
        assert_pq("billions", 1e9, AtLeast);
        assert_pq("millions", 1e6, AtLeast);
        assert_pq("tens of thousands", 1e4, AtLeast);
        assert_pq("dozens", 12.0, AtLeast);
    }

    #[test]
    fn prefix_and_suffix_combine() {
        assert_pq("约10万以上", 1e5, AtLeast);
        assert_pq("超过10万+", 1e5, AtLeast);
        assert_pq("~1000+", 1000.0, AtLeast);
    }

    #[test]
    fn qualifier_before_currency() {
        let text = "over RMB 1 million";
        assert_eq!(qualifier_before(text, 5), Some((AtLeast, 0)));
        assert_eq!(qualifier_before("超过 ", "超过 ".len()), Some((AtLeast, 0)));
        assert_eq!(qualifier_before("paid RMB", 5), None);
        assert_eq!(qualifier_before("over", 99), None);
        assert_eq!(qualifier_before("超过", 1), None);
    }

    // --- find_quantities in running text -------------------------------------------------------

    #[test]
    fn finds_in_english_sentence() {
        let found = fq("Our 3 regions see 41K peak QPS, ~2.6B requests/day in total.");
        let got: Vec<_> = found.iter().map(|(v, q, m)| (*v, *q, m.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (3.0, Exact, "3"),
                (41e3, Exact, "41K"),
                (2.6e9, Approximately, "~2.6B")
            ]
        );
    }

    #[test]
    fn finds_in_chinese_sentence() {
        let found = fq("日活千万级，峰值QPS 10W+，累计发放100w现金奖励");
        let got: Vec<_> = found.iter().map(|(v, q, m)| (*v, *q, m.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1e7, AtLeast, "千万级"),
                (1e5, AtLeast, "10W+"),
                (1e6, Exact, "100w")
            ]
        );
    }

    #[test]
    fn acronym_glued_numbers_are_kept() {
        assert_one("DAU4亿+", 4e8, AtLeast, "4亿+");
        assert_one("PCU1亿+", 1e8, AtLeast, "1亿+");
        assert_one("SLA99.99%", 99.99, Exact, "99.99");
        assert_one("QPS10000", 1e4, Exact, "10000");
    }

    #[test]
    fn identifiers_are_skipped() {
        for text in [
            "int32",
            "uint64 fields",
            "C2C trade",
            "P99 latency",
            "p99",
            "v2.1",
            "Ejb3.0",
            "EJB3.0",
            "N2",
            "COVID-19",
            "TP99",
            "GPT-4o",
            "K8s",
            "ISO-9001",
        ] {
            assert!(find_quantities(text).is_empty(), "{text:?}: {:?}", fq(text));
        }
    }

    #[test]
    fn versions_are_skipped() {
        assert!(find_quantities("upgraded 1.2.3 to 1.4.10").is_empty());
    }

    #[test]
    fn years_and_dates_are_skipped() {
        for text in [
            "2019年",
            "2020.11",
            "2018.1",
            "2017-03-15",
            "2015/05",
            "05/2015",
            "2009 - 2012",
            "2009-2012",
            "in 2012 he joined",
            "since 2019",
            "Aug. 2021",
            "2019 to 2021",
            "2015年5月至2018年9月",
            "二〇一九年三月",
            "the 1990s",
            "2019届",
            "5月",
            "12日",
            "十二月",
            "Summer 2019",
            "Q3 2020",
            "Fall 2018 – Spring 2020",
            "2019 - 至今",
            "2019 – Aug 2020",
            "2020.1.1-2020.12.31",
        ] {
            assert!(find_quantities(text).is_empty(), "{text:?}: {:?}", fq(text));
        }
    }

    #[test]
    fn year_sized_counts_are_kept() {
        assert_eq!(values("2000 servers"), vec![2000.0]);
        assert_eq!(values("2000+ users"), vec![2000.0]);
        assert_eq!(values("2000万用户"), vec![2e7]);
        assert_eq!(values("3000 nodes"), vec![3000.0]);
        assert_eq!(values("2000-2500万"), vec![2000.0, 2.5e7]);
        assert_eq!(values("from 2000 to 3000 users"), vec![2000.0, 3000.0]);
        assert_eq!(values("2019.5万"), vec![20_195_000.0]);
    }

    #[test]
    fn phone_numbers_are_skipped() {
        assert!(find_quantities("电话 13812345678").is_empty());
        assert!(find_quantities("tel 400-123-4567").is_empty());
        assert!(find_quantities("+86 138-1234-5678").is_empty());
    }

    #[test]
    fn times_fractions_ordinals_are_skipped() {
        assert!(find_quantities("10:30 daily, 24/7 on-call").is_empty());
        assert!(find_quantities("第3名，第一").is_empty());
        assert!(find_quantities("1st place, 22nd, 3rd and 4th").is_empty());
    }

    #[test]
    fn chinese_single_chars_need_context() {
        assert!(
            find_quantities("百度 统一 十分 一起 千方百计 万一").is_empty(),
            "{:?}",
            fq("百度 统一 十分 一起 千方百计 万一")
        );
        assert_eq!(values("带领三人团队"), vec![3.0]);
        assert_eq!(values("十余年"), vec![10.0]);
        assert_eq!(values("用户服务QPS过万"), vec![1e4]);
        assert_eq!(values("整体DAU过亿"), vec![1e8]);
    }

    #[test]
    fn yue_and_jin_inside_words() {
        assert_eq!(fq("节约1000万")[0].1, Exact);
        assert_eq!(fq("最近3年")[0].1, Exact);
        assert_eq!(fq("约3年")[0].1, Approximately);
    }

    #[test]
    fn ten_plus_years() {
        assert_one("10+ years of experience", 10.0, AtLeast, "10+");
        assert_one("14+ 年", 14.0, AtLeast, "14+");
        assert_one("10余年经验", 10.0, AtLeast, "10余");
    }

    #[test]
    fn english_number_words() {
        assert_eq!(values("three-person team"), vec![3.0]);
        assert_eq!(values("over a million users"), vec![1e6]);
        assert!(find_quantities("one of the tenants").is_empty());
    }

    #[test]
    fn ranges_yield_both_ends() {
        assert_eq!(
            values("the annual bill went from 9M to 7M EUR"),
            vec![9e6, 7e6]
        );
        assert_eq!(values("3-5人"), vec![3.0, 5.0]);
    }

    #[test]
    fn percent_is_not_part_of_the_span() {
        assert_one("availability of 99.95%", 99.95, Exact, "99.95");
    }

    #[test]
    fn sub_prefix() {
        assert_one("a sub-20ms render", 20.0, UpTo, "sub-20");
    }

    #[test]
    fn offsets_are_char_boundaries_with_cjk_and_emoji() {
        let text = "🚀 服务 😀 QPS 超过 10万 🎉，用户 ~1.8B 😀";
        for q in find_quantities(text) {
            assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        }
        assert_eq!(values(text), vec![1e5, 1.8e9]);
    }

    /// [`find_quantities`] trying every char, without [`may_start`].
    fn find_quantities_everywhere(text: &str) -> Vec<Quantity> {
        scan_quantities(text, |_, _| true)
    }

    #[test]
    fn prefixes_by_first_char_keep_table_order() {
        let firsts = PREFIXES.iter().filter_map(|p| p.0.chars().next());
        for c in firsts.chain(['1', 'z', ' ', '万']) {
            let plain: Vec<&str> = PREFIXES
                .iter()
                .filter(|p| p.0.starts_with(c))
                .map(|p| p.0)
                .collect();
            let fast: Vec<&str> = prefixes_starting_with(c).iter().map(|p| p.0).collect();
            assert_eq!(fast, plain, "{c:?}");
        }
    }

    #[test]
    fn skipping_impossible_starts_changes_nothing() {
        let odd = [
            "Approx. 3 a few hundred Multi-region sub-100ms A dozen",
            "TENS OF MILLIONS, over 10K+, ~5, 约3万, 节约5万, 不超过二十, x-over 3",
        ];
        for line in crate::extract::sample_lines()
            .iter()
            .map(String::as_str)
            .chain(odd)
        {
            assert_eq!(
                find_quantities(line),
                find_quantities_everywhere(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let long_digits = "9".repeat(400);
        let inputs = [
            "",
            " ",
            "+",
            "~",
            "约",
            "数",
            "过",
            "sub-",
            "1.",
            ".5",
            "1,",
            "1,2",
            "万亿亿亿",
            "🎉1🎉",
            "１",
            "٣",
            "1e9",
            "NaN",
            "--1",
            "10W亿万千百十",
            "第",
            "2019年13月",
            "\u{0}",
            "a",
            "over",
            long_digits.as_str(),
        ];
        for text in inputs {
            let _ = find_quantities(text);
            let _ = parse_quantity(text);
            let _ = parse_chinese_number(text);
            let _ = qualifier_before(text, text.len());
            let _ = qualifier_before(text, 1);
        }
    }

    #[test]
    fn huge_numbers_stay_finite() {
        assert!(parse_quantity(&"9".repeat(400)).is_none());
        assert!(find_quantities(&format!("x {} y", "9".repeat(400))).is_empty());
    }

    #[test]
    fn whole_text_required_by_parse_quantity() {
        assert!(parse_quantity("10K users").is_none());
        assert!(parse_quantity("abc").is_none());
        assert!(parse_quantity("").is_none());
    }

    #[test]
    fn parse_quantity_offsets_are_into_input() {
        let q = parse_quantity("  约10万  ").expect("quantity");
        assert_eq!((q.start, q.end), (2, 2 + "约10万".len()));
    }
}
