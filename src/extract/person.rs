//! Person: name (Latin and Chinese forms), contact details, languages.

use super::layout::{Line, Section};
use super::{is_han, is_han_name};
use crate::model::{Evidence, Person};
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
            r"(?:\+\d{1,3}[\s\-]?)?(?:\(\d{2,4}\)[\s\-]?)?\d{3,4}[\s\-]?\d{3,4}[\s\-]?\d{3,4}",
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
        if (8..=15).contains(&digits) && !glued && !looks_like_years {
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

/// Whether a cleaned line looks like a Latin personal name ("Jane Q. Doe", "Robin, Guoqiang Chen").
pub fn looks_like_latin_name(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty()
        || s.len() > 40
        || s.chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == '|')
    {
        return false;
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
                && w.chars().all(|c| !is_han(c))
        })
}

/// The leading Chinese name of a glued header ("王小明高级后端工程师|…").
fn leading_han_name(s: &str, title_words: &[String]) -> Option<String> {
    let run: String = s.chars().take_while(|c| is_han(*c)).collect();
    let n = run.chars().count();
    if (2..=4).contains(&n) {
        return Some(run);
    }
    if n > 4 {
        // Cut before the first title word ("负责人", "工程师"…) or take three characters.
        let chars: Vec<char> = run.chars().collect();
        for len in [3, 2] {
            let rest: String = chars[len..].iter().collect();
            if title_words.iter().any(|t| rest.starts_with(t.as_str())) {
                return Some(chars[..len].iter().collect());
            }
        }
        return Some(chars[..3].iter().collect());
    }
    None
}

/// Labels that introduce a name ("姓名：", "Name:").
const NAME_LABELS: &[&str] = &["姓名", "Name", "名字", "NAME"];

/// Find the person: name, other spellings, contacts, location, languages.
pub fn extract_person(text: &str, lines: &[Line<'_>], title_words: &[String]) -> Person {
    let mut person = Person::default();
    let head_zone: Vec<&Line<'_>> = lines
        .iter()
        .filter(|l| matches!(l.section, Section::Header | Section::Contact))
        .take(40)
        .collect();
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for l in lines.iter().take(400) {
        for label in NAME_LABELS {
            for sep in [":", "："] {
                let key = format!("{label}{sep}");
                if let Some(i) = l.text.find(&key) {
                    let v = l.text[i + key.len()..].trim();
                    let v: String = v
                        .split(|c: char| c.is_whitespace() || c == '|' || c == '，' || c == ',')
                        .next()
                        .unwrap_or("")
                        .to_owned();
                    if !v.is_empty() && v.chars().count() <= 30 {
                        candidates.push((v, l.start));
                    }
                }
            }
        }
    }
    let doc_titles = crate::vocab::vocabulary().lexicon.terms("document-title");
    let is_doc_title = |t: &str| doc_titles.iter().any(|d| d.eq_ignore_ascii_case(t.trim()));
    for l in &head_zone {
        if l.is_heading || l.text.is_empty() || is_doc_title(&l.text) {
            continue;
        }
        let t = l.text.trim();
        if looks_like_latin_name(t) || is_han_name(t) && t.chars().count() <= 4 {
            candidates.push((t.to_owned(), l.start));
            break;
        }
        if let Some(first) = t.split('|').next() {
            let first = first.trim();
            if first != t
                && (looks_like_latin_name(first)
                    || is_han_name(first) && first.chars().count() <= 4)
            {
                candidates.push((first.to_owned(), l.start));
                break;
            }
        }
        if let Some(n) = leading_han_name(t, title_words) {
            if t.contains('|') || t.chars().count() > 40 {
                candidates.push((n, l.start));
                break;
            }
        }
    }
    if candidates.is_empty() {
        // No header name: the line that carries the contact details usually starts with it
        // ("王小明高级后端工程师|深圳|138…|x@example.cn", glued by PDF conversion).
        if let Some(l) = lines
            .iter()
            .find(|l| !emails(l.raw).is_empty() || !phones(l.raw).is_empty())
        {
            let first = l.text.split('|').next().unwrap_or("").trim();
            if looks_like_latin_name(first) {
                candidates.push((first.to_owned(), l.start));
            } else if let Some(n) = leading_han_name(first, title_words) {
                candidates.push((n, l.start));
            }
        }
    }
    if let Some((name, _)) = candidates.first() {
        person.name = name.clone();
        if let Some(i) = text.find(name.as_str()) {
            person.evidence = Some(Evidence {
                start: i,
                end: i + name.len(),
                text: name.clone(),
                confidence: 0.8,
            });
        }
    }
    for (c, _) in candidates.iter().skip(1) {
        if c != &person.name && !person.names.contains(c) {
            person.names.push(c.clone());
        }
    }
    // "Robin, Guoqiang Chen": the given name after the comma, and nickname + surname.
    if let Some((nick, rest)) = person.name.split_once(',') {
        let rest = rest.trim();
        if let Some(surname) = rest.split_whitespace().last() {
            for v in [rest.to_owned(), format!("{} {surname}", nick.trim())] {
                if !person.names.contains(&v) {
                    person.names.push(v);
                }
            }
        }
    }
    let zone_text: String = lines
        .iter()
        .take(60)
        .map(|l| l.raw)
        .collect::<Vec<_>>()
        .join("\n");
    person.emails = emails(&zone_text);
    person.phones = phones(&zone_text);
    person.urls = urls(&zone_text);
    person
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts() {
        let t = "Email: [ann@example.com](mailto:ann@example.com) | Tel: +86-138-0000-0001 | https://github.com/ann-dev职业概述";
        assert_eq!(emails(t), vec!["ann@example.com"]);
        assert_eq!(phones(t), vec!["+86-138-0000-0001"]);
        assert_eq!(urls(t), vec!["https://github.com/ann-dev"]);
        assert!(phones("2018.07 - 2020.04").is_empty());
        assert!(phones("2009 - 2012").is_empty());
        assert_eq!(phones("手机号：13800000000"), vec!["13800000000"]);
    }

    #[test]
    fn latin_names() {
        assert!(looks_like_latin_name("Jane Doe"));
        assert!(looks_like_latin_name("Robin, Guoqiang Chen"));
        assert!(!looks_like_latin_name("Senior backend engineer at Example"));
        assert!(!looks_like_latin_name("Summary"));
        assert!(!looks_like_latin_name("Jane Doe 2021"));
    }

    #[test]
    fn glued_chinese_name() {
        let words = vec!["负责人".to_owned(), "工程师".to_owned()];
        assert_eq!(
            leading_han_name("王小明高级后端工程师|上海", &words).as_deref(),
            Some("王小明")
        );
        assert_eq!(leading_han_name("李四", &words).as_deref(), Some("李四"));
    }
}
