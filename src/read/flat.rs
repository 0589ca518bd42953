//! Repairs for plain text that an export has flattened: a whole résumé in one line (a
//! spreadsheet or CSV cell, a form field, a copy from a PDF viewer) whose line breaks survive
//! only as runs of two or more spaces, sometimes wrapped in the cell's quotes. The repair runs
//! in the read stage, so extraction sees ordinary lines. (UTF-8 bytes saved as `\xNN`
//! escapes are decoded line by line in `extract::layout`, for every format.)

/// Shortest text (characters) considered for unflattening: short notes stay as they are.
const MIN_FLAT_CHARS: usize = 400;
/// A text is flat when its non-empty lines average at least this many characters…
const MIN_FLAT_AVG_LINE: usize = 250;
/// …and it has at least this many runs of two or more spaces (the lost line breaks).
const MIN_FLAT_RUNS: usize = 8;
/// In a flat text, only lines longer than this are split.
const MIN_SPLIT_LINE: usize = 120;
/// A run of at least this many spaces stood for a blank line (a paragraph break): exports
/// that flatten a document write each line break as two spaces, so a blank line leaves four.
const MIN_PARAGRAPH_RUN: usize = 4;

/// `text` with its lost line breaks restored when it is flat, else unchanged.
pub fn repair(text: String) -> String {
    if !is_flat(&text) {
        return text;
    }
    unflatten(&text)
}

/// Does `text` look like a document flattened into a few very long lines?
fn is_flat(text: &str) -> bool {
    let chars = text.chars().count();
    if chars < MIN_FLAT_CHARS {
        return false;
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count().max(1);
    chars / lines >= MIN_FLAT_AVG_LINE && space_runs(text).count() >= MIN_FLAT_RUNS
}

/// Byte ranges of the runs of two or more spaces (or tabs) inside lines.
fn space_runs(line: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if matches!(bytes[i], b' ' | b'\t') {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                    i += 1;
                }
                if i - start >= 2 || bytes[start] == b'\t' {
                    return Some((start, i));
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

/// Split the long lines of a flat text at their runs of spaces; drop quotes around the whole.
fn unflatten(text: &str) -> String {
    let text = strip_cell_quotes(text);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.chars().count() <= MIN_SPLIT_LINE {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut last = 0;
        for (start, end) in space_runs(line) {
            let (left, right) = (&line[last..start], &line[end..]);
            if left.trim().is_empty() {
                continue;
            }
            out.push_str(left.trim_start());
            // "2008  Present", "May 2010  June 2012": a range whose dash the export dropped.
            out.push_str(if ends_with_date(left) && starts_with_date(right) {
                " – "
            } else if end - start >= MIN_PARAGRAPH_RUN {
                "\n\n"
            } else {
                "\n"
            });
            last = end;
        }
        out.push_str(line[last..].trim());
        out.push('\n');
    }
    out
}

/// The text without one pair of double quotes around all of it (a spreadsheet cell).
fn strip_cell_quotes(text: &str) -> &str {
    let t = text.trim();
    match t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner,
        _ => text,
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A year such as 2008 (or a template's 20XX), optionally after a month: "2008", "05/2008".
fn is_year_token(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, ',' | '.' | ':' | ';' | '(' | ')'));
    let year = t.rsplit(['/', '.', '-']).next().unwrap_or(t);
    year.len() == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && year[2..]
            .chars()
            .all(|c| c.is_ascii_digit() || c.eq_ignore_ascii_case(&'x'))
}

fn ends_with_date(left: &str) -> bool {
    left.split_whitespace().last().is_some_and(is_year_token)
}

fn starts_with_date(right: &str) -> bool {
    let Some(first) = right.split_whitespace().next() else {
        return false;
    };
    let lower = first.to_lowercase();
    is_year_token(first)
        || [
            "present", "current", "now", "today", "till", "ongoing", "date",
        ]
        .iter()
        .any(|w| lower.trim_end_matches(['.', ',', ':', ')']) == *w)
        || (MONTHS.iter().any(|m| lower.starts_with(m))
            && right.split_whitespace().nth(1).is_some_and(is_year_token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat_cv() -> String {
        [
            "\"Quill Marlowe  12 Ferris Row, Lowtown  quill@example.org",
            "Summary  Builder of small tidy tools.",
            "Work Experience  Lantern Works Ltd  2016  Present  Tool Maker",
            "Shaped handles and sharpened blades for the workshop.",
            "Dovetail Studio, Apprentice  May 2012  June 2016",
            "Swept floors and learned joinery.",
            "Kept the tool ledger and ordered timber for the studio's small projects.",
            "Skills  Joinery, sharpening, lathe work, stock keeping",
            "Education  Bachelor of Arts in Carpentry  Northfield College  2012\"",
        ]
        .join("  ")
    }

    #[test]
    fn a_flat_text_gets_its_lines_back() {
        let text = repair(flat_cv());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Quill Marlowe", "{text}");
        assert!(lines.contains(&"Work Experience"), "{text}");
        assert!(lines.contains(&"2016 – Present"), "{text}");
        assert!(lines.contains(&"May 2012 – June 2016"), "{text}");
        assert!(lines.contains(&"Dovetail Studio, Apprentice"), "{text}");
        assert_eq!(lines.last(), Some(&"2012"), "{text}");
        assert!(!text.contains('"'), "{text}");
    }

    #[test]
    fn ordinary_text_and_layout_columns_are_left_alone() {
        let normal = "Jane Doe\nEngineer    Acme Corp    2019 – 2021\n".repeat(20);
        assert_eq!(repair(normal.clone()), normal);
        let short = "Jane  Doe  Engineer  Acme  2019  2021  Go  Rust  Kafka";
        assert_eq!(repair(short.to_string()), short);
    }
}
