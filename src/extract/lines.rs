//! Line-level helpers shared by the layout, person, experience and education extractors:
//! contact details (e-mails, phones, web sites), splitting a header line into its parts, and
//! recognising a "City, Region" place. They sit below every line extractor, so no extractor
//! imports another for them.

use regex::Regex;
use std::sync::OnceLock;

fn email_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
            .expect("static regex")
    })
}

fn phone_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"\+\d{1,3}[\s\-]?(?:\(\d{1,4}\)[\s\-]?)?\d{2,4}[\s\-]?\d{3,4}(?:[\s\-]?\d{3,4})?|(?:\(\d{2,4}\)[\s\-]?)?\d{3,4}[\s\-]?\d{3,4}[\s\-]?\d{3,4}",
        )
        .expect("static regex")
    })
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:https?://|www\.|github\.com/)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+")
            .expect("static regex")
    })
}

/// E-mail addresses in text.
pub fn emails(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in email_re().find_iter(text) {
        let e = m.as_str().trim_end_matches('.').to_owned();
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Phone numbers in text (at least 8 digits, not part of a longer number or a date range).
pub fn phones(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in phone_re().find_iter(text) {
        let s = m.as_str();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let glued = text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            || text[m.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
        // "2018 - 2020 - 2021"-like runs are dates, not phones.
        let looks_like_years = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .all(|p| p.len() == 4 && p.starts_with(['1', '2']));
        // A bare run of digits is a phone only when long enough (10+: mobiles, with area
        // codes); shorter ones need separators or a country code ("555-0142", "+65 …").
        let formatted = s.trim_start().starts_with('+') || s.contains([' ', '-', '(']);
        let plausible = digits >= 10 || (formatted && digits >= 7);
        if plausible && digits <= 15 && !glued && !looks_like_years {
            let p = s.trim().to_owned();
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Web sites (GitHub, blogs, LinkedIn) in text; URLs stop at CJK text or markup.
pub fn urls(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in url_re().find_iter(text) {
        let mut u = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ')', ']', '|'])
            .to_owned();
        if !u.starts_with("http") {
            u = format!("https://{u}");
        }
        if !out.contains(&u) && !u.contains('@') {
            out.push(u);
        }
    }
    out
}

/// Split a header remainder into its parts: at `|`, tabs, runs of two or more spaces,
/// spaced dashes (" — ", " – ", " - "), dashes glued to Chinese text ("公司－职位") and runs
/// of leaders ("Acme ------ Boston").
pub fn split_parts(s: &str) -> Vec<String> {
    let s = s.replace(['｜', '\t'], "|");
    let mut parts: Vec<String> = Vec::new();
    for chunk in s.split('|') {
        let mut cur = String::new();
        let chars: Vec<char> = chunk.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            // A spaced dash, or a spaced middle dot or bullet ("2019 – 2021 · Seattle, WA").
            let spaced_dash = c == ' '
                && matches!(chars.get(i + 1), Some('-' | '–' | '—' | '·' | '•' | '∙'))
                && chars.get(i + 2).is_none_or(|c| c.is_whitespace());
            // "CLEARPATH- Kansas City": a dash glued to the word before it, a capital after.
            let glued_dash = matches!(c, '-' | '–' | '—')
                && i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1) == Some(&' ')
                && chars.get(i + 2).is_some_and(|c| c.is_uppercase());
            let double_space = c == ' ' && chars.get(i + 1) == Some(&' ');
            // "某某科技有限公司－Android 开发工程师": a dash right after Chinese text joins
            // two fields, as a spaced dash does in Latin text.
            let han_dash = matches!(c, '-' | '–' | '—' | '－')
                && i >= 2
                && is_han(chars[i - 1])
                && is_han(chars[i - 2])
                && chars
                    .get(i + 1)
                    .is_some_and(|c| c.is_alphanumeric() && !c.is_ascii_digit());
            // "Acme Corp ---------- Boston, MA", "Acme Corp ………… 2019": a run of leaders
            // (dashes, dots, underscores) joins two columns.
            let leaders = is_leader(c) && leader_run(&chars[i..]) >= 3;
            if leaders {
                // "Acme Co.. . . .": the first full stop closes the abbreviation.
                if c == '.' && i > 0 && chars[i - 1].is_alphabetic() {
                    cur.push('.');
                }
                parts.push(std::mem::take(&mut cur));
                while chars
                    .get(i)
                    .is_some_and(|c| is_leader(*c) || c.is_whitespace())
                {
                    i += 1;
                }
                continue;
            }
            if spaced_dash
                || glued_dash
                || han_dash
                || double_space
                || (c == ' ' && between_han_words(&chars, i))
            {
                parts.push(std::mem::take(&mut cur));
                i += if spaced_dash { 2 } else { 1 };
                while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
                continue;
            }
            cur.push(c);
            i += 1;
        }
        parts.push(cur);
    }
    parts
        .into_iter()
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| {
                    c == ','
                        || c == '，'
                        || c == '-'
                        || c == '–'
                        || c == '—'
                        || c == '－'
                        || c == '|'
                        || c == ':'
                        || c == '：'
                        || c == '·'
                        || c == '•'
                        || c == '∙'
                })
                .trim()
                // Brackets left open or closed by dates taken out ("Acme （ 2014 ~ 2015 ）").
                .trim_end_matches(['(', '（', '[', '【'])
                .trim_start_matches([')', '）', ']', '】'])
                .trim()
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// `s` split at each `sep` outside brackets: "Example University (Lowtown, NH), Ph.D." gives
/// the school with its place in brackets and the degree, not "…(Lowtown" and "NH)".
pub fn split_outside_brackets<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut depth, mut last) = (0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && i >= last && s[i..].starts_with(sep) => {
                out.push(&s[last..i]);
                last = i + sep.len();
            }
            _ => {}
        }
    }
    out.push(&s[last..]);
    out
}

/// A Han ideograph: the CJK Unified Ideographs block, Extension A, the compatibility
/// ideographs, the supplementary planes (Extensions B–H, compatibility supplement) and 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}' | '〇')
}

/// A single space at `i` between two runs of at least two Han characters: Chinese writes no
/// spaces inside words, so "某某软件有限公司 技术经理" is two parts, while a name spaced
/// for alignment ("王 小明") stays one.
/// How many leader characters open `chars`, single spaces between them allowed (". . . .").
fn leader_run(chars: &[char]) -> usize {
    let mut n = 0;
    let mut k = 0;
    while k < chars.len() {
        if is_leader(chars[k]) {
            n += 1;
            k += 1;
        } else if chars[k] == ' ' && chars.get(k + 1).is_some_and(|c| is_leader(*c)) {
            k += 1;
        } else {
            break;
        }
    }
    n
}

/// A character that leader runs are drawn with.
fn is_leader(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '─' | '－' | '.' | '·' | '…' | '_')
}

fn between_han_words(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().take_while(|c| is_han(**c)).count();
    let after = chars[i + 1..].iter().take_while(|c| is_han(**c)).count();
    before >= 2 && after >= 2
}

/// "Cleveland, OH", "Bengaluru, Karnataka", "Hassan, Karnataka": a place after a school.
pub fn looks_like_city_region(s: &str) -> bool {
    let groups: Vec<&str> = s.split(',').map(str::trim).collect();
    groups.len() >= 2
        && groups.len() <= 3
        && groups.iter().all(|g| {
            let toks: Vec<&str> = g.split_whitespace().collect();
            (1..=3).contains(&toks.len())
                && toks.iter().all(|t| {
                    t.chars().next().is_some_and(char::is_uppercase)
                        && t.chars().all(|c| c.is_alphabetic() || c == '.')
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_inside_brackets_do_not_split() {
        assert_eq!(
            split_outside_brackets("Northfield University (Lowtown, NH), Ph.D., 2015", ", "),
            ["Northfield University (Lowtown, NH)", "Ph.D.", "2015"]
        );
        assert_eq!(split_outside_brackets("a, b", ", "), ["a", "b"]);
        assert_eq!(
            split_outside_brackets("unclosed (a, b", ", "),
            ["unclosed (a, b"]
        );
    }

    #[test]
    fn dashes_after_chinese_text_and_leader_runs_separate_parts() {
        assert_eq!(
            split_parts("白桦软件有限公司－Android 开发工程师"),
            vec!["白桦软件有限公司", "Android 开发工程师"]
        );
        assert_eq!(
            split_parts("白桦软件有限公司-前端工程师"),
            vec!["白桦软件有限公司", "前端工程师"]
        );
        // A dash between digits or inside Latin words joins them.
        assert_eq!(split_parts("白桦-2号楼"), vec!["白桦-2号楼"]);
        assert_eq!(split_parts("Coca-Cola"), vec!["Coca-Cola"]);
        assert_eq!(
            split_parts("Birch Analytics ---------- Boston, MA"),
            vec!["Birch Analytics", "Boston, MA"]
        );
        assert_eq!(
            split_parts("Birch Analytics ——————- Boston, MA"),
            vec!["Birch Analytics", "Boston, MA"]
        );
        assert_eq!(
            split_parts("Birch Analytics ........ Senior Engineer"),
            vec!["Birch Analytics", "Senior Engineer"]
        );
        assert_eq!(
            split_parts("Birch Co.. . . . . . . Senior Engineer"),
            vec!["Birch Co.", "Senior Engineer"]
        );
        // An abbreviation's full stop is no leader.
        assert_eq!(split_parts("Birch Co. Ltd."), vec!["Birch Co. Ltd."]);
    }

    #[test]
    fn a_single_space_between_chinese_words_separates_parts() {
        assert_eq!(
            split_parts("白桦软件有限公司 技术经理"),
            vec!["白桦软件有限公司", "技术经理"]
        );
        assert_eq!(
            split_parts("北方大学 计算机科学 本科"),
            vec!["北方大学", "计算机科学", "本科"]
        );
        // A name spaced for alignment, and Latin words, stay whole.
        assert_eq!(split_parts("王 小明"), vec!["王 小明"]);
        assert_eq!(split_parts("Senior Engineer"), vec!["Senior Engineer"]);
        assert_eq!(split_parts("白桦 Software"), vec!["白桦 Software"]);
        // Brackets the dates were taken out of are left behind.
        assert_eq!(
            split_parts("白桦软件有限公司 （ "),
            vec!["白桦软件有限公司"]
        );
        assert_eq!(split_parts(" ） | Acme"), vec!["Acme"]);
        // A dash glued to the organisation before its place.
        assert_eq!(
            split_parts("CLEARPATH- Kansas City, MO"),
            vec!["CLEARPATH", "Kansas City, MO"]
        );
        assert_eq!(
            split_parts("Coca-Cola Bottlers"),
            vec!["Coca-Cola Bottlers"]
        );
    }
}
