//! A dated line: the date a document says it is current as of ("Last updated: June 2024",
//! "更新于 2024-06"), the first rule of the as-of date (see `crate::derive::asof`). Cue
//! words are data (`lex:as-of-cue` in `ontology/time.ttl`).

use super::dates::parse_date;
use std::sync::OnceLock;

fn cues() -> &'static [String] {
    static CUES: OnceLock<Vec<String>> = OnceLock::new();
    CUES.get_or_init(|| {
        let mut c: Vec<String> = crate::vocab::vocabulary()
            .lexicon
            .terms("as-of-cue")
            .into_iter()
            .map(|t| t.to_lowercase())
            .collect();
        // Longest first: "updated on" before "updated".
        c.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        c
    })
}

/// The date of the first line made of an as-of cue, a separator and a date, as
/// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
pub fn dated_line(text: &str) -> Option<String> {
    text.lines().find_map(as_of_date)
}

/// The date of one line made of an as-of cue, a separator and a date ("Last updated:
/// June 2024", "更新于 2024-06"), when the line is one.
pub fn as_of_date(line: &str) -> Option<String> {
    let l = line.trim().to_lowercase();
    cues().iter().find_map(|cue| {
        let rest = l.strip_prefix(cue.as_str())?;
        // The cue is a whole word: "Dated…" or "Date of birth" is not a cue.
        let next = rest.chars().next()?;
        if next.is_alphanumeric() && cue.is_ascii() {
            return None;
        }
        let rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '：' | '-' | '–' | '—' | ',' | '|')
        });
        let rest = rest.trim_end_matches(['.', '。', ')', '）']).trim();
        parse_date(rest).map(|d| d.iso())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_lines_give_the_as_of_date() {
        assert_eq!(
            dated_line("Jane Roe\nLast updated: June 2024\n").as_deref(),
            Some("2024-06")
        );
        assert_eq!(
            dated_line("更新于 2023-11-02\n张三").as_deref(),
            Some("2023-11-02")
        );
        assert_eq!(dated_line("As of 2022").as_deref(), Some("2022"));
        assert_eq!(
            as_of_date("Latest update | March, 2021").as_deref(),
            Some("2021-03")
        );
    }

    #[test]
    fn other_lines_are_not_dated_lines() {
        assert_eq!(dated_line("Date of birth: 1990-01-01"), None);
        assert_eq!(dated_line("Updated the billing system in 2019"), None);
        assert_eq!(dated_line("- Last updated: June 2024"), None);
        assert_eq!(dated_line("Dated: 2024-01"), None);
    }
}
