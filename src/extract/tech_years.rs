//! Years of experience stated next to one technology in a skills list or line: "Go (4 yrs)",
//! "Kafka – 5 years", "Java (3+ years)", "熟悉Go（3年）", "5年Java经验", "3 years of Go
//! experience".
//!
//! Pure pairing over spans the caller found: the technologies of a line (byte spans) and
//! the words that mark experience (the labels of the years-of-experience metric kind). A
//! duration is a number followed by a year word (years, yrs, 年), with its qualifier: "3+",
//! "3年以上", "10余年", "over 5 years" are lower bounds, not exact values.
//!
//! Two shapes are read, both with nothing but the technology and the duration between them:
//! - **technology, then duration**, separated only by spaces, brackets, dashes or a colon
//!   ("Go (4 yrs)", "Kafka – 5 years", "Go: 3 years", "Go语言3年");
//! - **duration, then technology, then an experience word**, with at most "of" / "的" before the
//!   technology and a short word ("开发", "development") before the experience word
//!   ("5年Java经验", "5+ years of Go experience").
//!
//! A duration shared by a group ("Go/Rust (3 yrs)", "Java、Go 3年") or naming two
//! technologies ("3 years of Kafka and Redis experience") is not attributed: it does not say
//! how long each was used. "3 years ago" is no duration.

use super::metrics::{trailing_qualifier, unit_at, YEAR_UNITS};
use super::numbers::{find_quantities, Qualifier};

/// Years stated for one technology of a line.
#[derive(Debug, Clone, PartialEq)]
pub struct TechYears {
    /// Index of the technology in the caller's spans.
    pub tech: usize,
    /// Stated years.
    pub years: f64,
    /// Exact, or a bound ("3+ years" is at least 3).
    pub qualifier: Qualifier,
    /// Byte span of the whole statement (technology and duration).
    pub start: usize,
    /// Byte offset just past the statement.
    pub end: usize,
}

/// A number of years with its qualifier and byte span (year word and qualifier included).
#[derive(Debug, Clone, Copy)]
struct Duration {
    years: f64,
    qualifier: Qualifier,
    start: usize,
    end: usize,
}

/// Most years a person states for one technology: more is not a duration of use.
const MAX_YEARS: f64 = 60.0;

/// Durations in years in `text`: a number, a year word right after it (one space allowed)
/// and an optional qualifier after the word ("3年以上").
fn durations(text: &str) -> Vec<Duration> {
    find_quantities(text)
        .into_iter()
        .filter(|q| q.value > 0.0 && q.value <= MAX_YEARS)
        .filter_map(|q| {
            let word_end = YEAR_UNITS.iter().find_map(|u| unit_at(text, q.end, u))?;
            let (qualifier, end) = match trailing_qualifier(text, word_end) {
                Some((t, e)) if q.qualifier == Qualifier::Exact => (t, e),
                _ => (q.qualifier, word_end),
            };
            Some(Duration {
                years: q.value,
                qualifier,
                start: q.start,
                end,
            })
        })
        .filter(|d| !ago(text, d.end))
        .collect()
}

/// "3 years ago", "3年前": a point in time, not a duration.
fn ago(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let rest = rest.trim_start();
    rest.starts_with('前') || rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("ago"))
}

/// Chars allowed between a technology and the duration after it.
fn joiner_char(c: char) -> bool {
    c.is_whitespace() || "(（[【:：-–—~".contains(c)
}

/// Words that join technologies into a group ("Go/Rust", "Java、Go", "Kafka and Redis").
fn joins_group(between: &str) -> bool {
    let t = between.trim();
    [
        "/", "、", "&", "＆", "+", ",", "，", "and", "和", "及", "与", "or",
    ]
    .iter()
    .any(|w| t.eq_ignore_ascii_case(w))
}

/// Whether technology `i` is one of a group: another technology right before or after it,
/// joined by a list word.
fn in_group(text: &str, techs: &[(usize, usize)], i: usize) -> bool {
    let (s, e) = techs[i];
    techs.iter().enumerate().any(|(k, &(a, b))| {
        k != i
            && (b <= s && text.get(b..s).is_some_and(joins_group)
                || e <= a && text.get(e..a).is_some_and(joins_group))
    })
}

/// The technology right before `d`, separated by joiner chars only.
fn tech_before(text: &str, techs: &[(usize, usize)], d: &Duration) -> Option<usize> {
    let (i, &(_, e)) = techs
        .iter()
        .enumerate()
        .filter(|(_, &(_, e))| e <= d.start)
        .max_by_key(|(_, &(_, e))| e)?;
    let gap = text.get(e..d.start)?;
    if gap.chars().count() > 4 || !gap.chars().all(joiner_char) {
        return None;
    }
    // "Java8 years" is a version, "Go语言3年" a name glued to its duration.
    let glued = gap.is_empty()
        && text
            .get(..e)
            .and_then(|h| h.chars().last())
            .is_some_and(|c| c.is_ascii_alphanumeric());
    (!glued).then_some(i)
}

/// Where an experience word starts at byte `at` of `text` (ASCII case-insensitive), and its end.
fn experience_word(text: &str, at: usize, words: &[String]) -> Option<usize> {
    words.iter().find_map(|w| {
        let head = text.get(at..at + w.len())?;
        let after = text.get(at + w.len()..).and_then(|r| r.chars().next());
        let whole = !w.is_ascii() || !after.is_some_and(|c| c.is_ascii_alphanumeric());
        (head.eq_ignore_ascii_case(w) && whole).then_some(at + w.len())
    })
}

/// Longest text between a technology and the experience word after it ("开发", " development ").
const MAX_QUALIFYING_WORD: usize = 14;

/// "5年Java经验": the technology right after `d` (after "of" / "的" at most) and an experience
/// word after it, with at most a short word between; the end of the experience word.
fn tech_then_experience(
    text: &str,
    techs: &[(usize, usize)],
    d: &Duration,
    words: &[String],
) -> Option<(usize, usize)> {
    let (i, &(s, e)) = techs
        .iter()
        .enumerate()
        .filter(|(_, &(s, _))| s >= d.end)
        .min_by_key(|(_, &(s, _))| s)?;
    let before = text.get(d.end..s)?.trim();
    if !(before.is_empty() || before.eq_ignore_ascii_case("of") || before == "的") {
        return None;
    }
    let rest = text.get(e..)?;
    let limit = rest
        .char_indices()
        .nth(MAX_QUALIFYING_WORD)
        .map_or(rest.len(), |(k, _)| k);
    let plain = |c: char| c.is_alphabetic() || c == ' ' || c == '-';
    for (k, c) in rest[..limit].char_indices() {
        if let Some(end) = experience_word(text, e + k, words) {
            return Some((i, end));
        }
        if !plain(c) {
            break;
        }
    }
    None
}

/// The years stated next to one technology in `text`. `techs` are the byte spans of the
/// technologies found in `text` (each occurrence), `experience_words` the labels that mark
/// experience ("experience", "经验"…).
pub fn find_tech_years(
    text: &str,
    techs: &[(usize, usize)],
    experience_words: &[String],
) -> Vec<TechYears> {
    if techs.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for d in durations(text) {
        let found = tech_then_experience(text, techs, &d, experience_words)
            .map(|(i, end)| (i, d.start, end))
            .or_else(|| {
                tech_before(text, techs, &d).map(|i| {
                    // "Go (4 yrs)": the closing bracket belongs to the statement.
                    let close = text
                        .get(d.end..)
                        .and_then(|r| r.chars().next())
                        .filter(|c| matches!(c, ')' | '）' | ']' | '】'))
                        .map_or(0, char::len_utf8);
                    (i, techs[i].0, d.end + close)
                })
            });
        let Some((i, start, end)) = found else {
            continue;
        };
        let others_inside = techs
            .iter()
            .enumerate()
            .any(|(k, &(a, b))| k != i && a >= start && b <= end);
        if others_inside || in_group(text, techs, i) {
            continue;
        }
        out.push(TechYears {
            tech: i,
            years: d.years,
            qualifier: d.qualifier,
            start,
            end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spans of the given technology names in `text` (every occurrence).
    fn spans(text: &str, names: &[&str]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = names
            .iter()
            .flat_map(|n| text.match_indices(n).map(|(i, m)| (i, i + m.len())))
            .collect();
        out.sort_unstable();
        out
    }

    fn words() -> Vec<String> {
        ["experience", "经验"]
            .iter()
            .map(|w| w.to_string())
            .collect()
    }

    /// (technology text, years, qualifier, statement text) for each statement.
    fn stated(text: &str, names: &[&str]) -> Vec<(String, f64, Qualifier, String)> {
        let techs = spans(text, names);
        find_tech_years(text, &techs, &words())
            .into_iter()
            .map(|t| {
                let (a, b) = techs[t.tech];
                (
                    text[a..b].to_owned(),
                    t.years,
                    t.qualifier,
                    text[t.start..t.end].to_owned(),
                )
            })
            .collect()
    }

    fn one(text: &str, names: &[&str], tech: &str, years: f64, q: Qualifier, span: &str) {
        assert_eq!(
            stated(text, names),
            vec![(tech.to_owned(), years, q, span.to_owned())],
            "{text}"
        );
    }

    #[test]
    fn technology_then_duration() {
        use Qualifier::*;
        one("Go (4 yrs)", &["Go"], "Go", 4.0, Exact, "Go (4 yrs)");
        one(
            "Kafka – 5 years",
            &["Kafka"],
            "Kafka",
            5.0,
            Exact,
            "Kafka – 5 years",
        );
        one(
            "Java (3+ years)",
            &["Java"],
            "Java",
            3.0,
            AtLeast,
            "Java (3+ years)",
        );
        one("熟悉Go（3年）", &["Go"], "Go", 3.0, Exact, "Go（3年）");
        one(
            "Java（3年以上）",
            &["Java"],
            "Java",
            3.0,
            AtLeast,
            "Java（3年以上）",
        );
        one("Go语言3年", &["Go语言"], "Go语言", 3.0, Exact, "Go语言3年");
        one(
            "Rust: 1.5 years",
            &["Rust"],
            "Rust",
            1.5,
            Exact,
            "Rust: 1.5 years",
        );
    }

    #[test]
    fn duration_then_technology_and_an_experience_word() {
        use Qualifier::*;
        one("5年Java经验", &["Java"], "Java", 5.0, Exact, "5年Java经验");
        one(
            "5年以上Java开发经验",
            &["Java"],
            "Java",
            5.0,
            AtLeast,
            "5年以上Java开发经验",
        );
        one(
            "5+ years of Go experience",
            &["Go"],
            "Go",
            5.0,
            AtLeast,
            "5+ years of Go experience",
        );
        one(
            "4 years Python development experience",
            &["Python"],
            "Python",
            4.0,
            Exact,
            "4 years Python development experience",
        );
    }

    #[test]
    fn each_statement_of_a_list_goes_to_its_own_technology() {
        let got = stated(
            "Go (4 yrs), Kafka – 5 years, Java (3+ years)",
            &["Go", "Kafka", "Java"],
        );
        let techs: Vec<(&str, f64)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
        assert_eq!(techs, [("Go", 4.0), ("Kafka", 5.0), ("Java", 3.0)]);
    }

    #[test]
    fn shared_or_unclear_durations_are_not_attributed() {
        // A group shares one duration; two technologies in one statement; no technology.
        assert!(stated("Go/Rust (3 yrs)", &["Go", "Rust"]).is_empty());
        assert!(stated("Java、Go 3年", &["Java", "Go"]).is_empty());
        assert!(stated("3 years of Kafka and Redis experience", &["Kafka", "Redis"]).is_empty());
        assert!(stated("8 years of experience", &["Go"]).is_empty());
        // A point in time, a version, a duration far from the technology, a team size.
        assert!(stated("Used Go 3 years ago", &["Go"]).is_empty());
        assert!(stated("Java8 years", &["Java8"]).is_empty());
        assert!(stated("Go services for payments, 3 years", &["Go"]).is_empty());
        assert!(stated("Go (4 people)", &["Go"]).is_empty());
        assert!(stated("Go (500 years)", &["Go"]).is_empty());
    }
}
