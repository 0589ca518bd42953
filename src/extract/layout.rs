//! Layout: the document as lines with byte offsets, their markup stripped, and the
//! section each line belongs to (from the heading vocabulary).

use crate::read::LineHint;
use crate::vocab::vocabulary;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Section kinds (local names of `ontology/headings.ttl` concepts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Before the first heading (name, contacts).
    Header,
    /// Summary / profile / introduction.
    Summary,
    /// Personal information / contact.
    Contact,
    /// Work experience.
    Experience,
    /// Projects.
    Projects,
    /// Education.
    Education,
    /// Skills.
    Skills,
    /// Languages.
    Languages,
    /// Anything else (awards, patents, publications, interests…).
    Other,
}

impl Section {
    fn from_heading(local: &str) -> Section {
        match local {
            "summary" => Section::Summary,
            "contact" => Section::Contact,
            "experience" => Section::Experience,
            "projects" => Section::Projects,
            "education" => Section::Education,
            "skills" => Section::Skills,
            "languages" => Section::Languages,
            _ => Section::Other,
        }
    }
}

/// One line of the document.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Byte offset of the line in the document text.
    pub start: usize,
    /// The raw line.
    pub raw: &'a str,
    /// Markup stripped: no leading `#`, bullets or list numbers, no `**`, `&emsp;` → spaces.
    pub text: String,
    /// Indentation (leading spaces; a tab counts 4).
    pub indent: usize,
    /// Markdown heading level (`#` count), 0 if none.
    pub md_level: usize,
    /// Whether it started with a bullet or list number.
    pub bullet: bool,
    /// The section it belongs to.
    pub section: Section,
    /// Whether the line itself is a section heading.
    pub is_heading: bool,
    /// The reader saw most of the line drawn bold (a style hint; false for plain text).
    pub bold: bool,
}

impl Line<'_> {
    /// Evidence spanning the whole line, with the given confidence.
    pub fn evidence(&self, confidence: f32) -> crate::model::Evidence {
        crate::model::Evidence {
            start: self.start,
            end: self.start + self.raw.len(),
            text: self.raw.trim().to_owned(),
            confidence,
            page: None,
            bbox: None,
        }
    }

    /// Byte range of `needle` inside the document, if it occurs in this raw line.
    pub fn locate(&self, needle: &str) -> Option<(usize, usize)> {
        if needle.is_empty() {
            return None;
        }
        self.raw
            .find(needle)
            .map(|i| (self.start + i, self.start + i + needle.len()))
    }
}

/// Strip Markdown/bullet markup from a line.
pub fn clean(raw: &str) -> (String, usize, usize, bool) {
    let indent = raw
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let mut s = raw.trim();
    let mut md_level = 0;
    while let Some(rest) = s.strip_prefix('#') {
        md_level += 1;
        s = rest;
    }
    if md_level > 0 && !s.starts_with([' ', '\t']) && !s.is_empty() {
        // "#hashtag" is not a heading.
        md_level = 0;
        s = raw.trim();
    }
    let mut s = s.trim_start();
    // An unbalanced quote at either end is left over from a quoted export.
    if s.matches('"').count() % 2 == 1 {
        s = match s.strip_prefix('"') {
            Some(rest) => rest.trim_start(),
            None => s.strip_suffix('"').unwrap_or(s).trim_end(),
        };
    }
    let mut bullet = false;
    loop {
        let before = s;
        for b in [
            "- ", "* ", "• ", "•", "· ", "●", "○", "■", "◆", "▪", "► ", "+ ", "> ", "-\t",
        ] {
            if let Some(rest) = s.strip_prefix(b) {
                s = rest.trim_start();
                bullet = true;
            }
        }
        // Symbol-font bullets (private-use code points) and other bullet glyphs.
        if let Some(c) = s.chars().next() {
            if matches!(
                c,
                '\u{e000}'
                    ..='\u{f8ff}'
                        | '➢'
                        | '❖'
                        | '✓'
                        | '✔'
                        | '►'
                        | '▶'
                        | '♦'
                        | '◦'
                        | '▸'
                        | '›'
                        | '‣'
                        | '→'
            ) {
                s = s[c.len_utf8()..].trim_start();
                bullet = true;
            }
        }
        // "- ##### Heading": a Markdown heading inside a list item.
        if bullet && md_level == 0 && s.starts_with('#') {
            let hashes = s.chars().take_while(|&c| c == '#').count();
            if s[hashes..].starts_with([' ', '\t']) {
                md_level = hashes;
                s = s[hashes..].trim_start();
            }
        }
        // "1. " / "2、" / "(3)" list numbers.
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits <= 2 {
            let rest = &s[digits..];
            for sep in [". ", "、", ".\t", ") ", "）"] {
                if let Some(r) = rest.strip_prefix(sep) {
                    s = r.trim_start();
                    bullet = true;
                    break;
                }
            }
        }
        if s == before {
            break;
        }
    }
    let text = blank_spaces(s);
    let replacements = [("&emsp;", "  "), ("&nbsp;", " "), ("**", ""), ("__", "")];
    let text = replace_present(text, &replacements);
    // Invisible characters, as the readers drop them (text given to extraction directly
    // has not been through a reader).
    let invisible = crate::read::is_invisible;
    let text = if text.contains(invisible) {
        text.replace(invisible, "")
    } else {
        text
    };
    let text = strip_markdown_escapes(&text);
    let text = strip_html_tags(&text);
    let text = strip_link_targets(&text);
    let text = strip_emphasis_marks(&text);
    let text = strip_dot_leaders(&text);
    (text.trim().to_owned(), indent, md_level, bullet)
}

/// Inline HTML tags (`<span style="float: right">`, `</b>`, `<br/>`) in Markdown: each
/// becomes a column gap (two spaces), so right-floated text stays a separate part.
/// A `<` that does not open a tag ("QPS < 10K", "a<b") is kept.
fn strip_html_tags(text: &str) -> String {
    if !text.contains('<') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let name_start = after.strip_prefix('/').unwrap_or(after);
        let tag_name = name_start
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .count();
        let close = after.find('>');
        let is_tag = tag_name > 0
            && close.is_some_and(|c| c <= 300)
            && name_start[tag_name..].starts_with([' ', '>', '/', '\t'])
            && !after[..close.unwrap_or(0)].contains('<');
        out.push_str(&rest[..i]);
        match (is_tag, close) {
            (true, Some(c)) => {
                out.push_str("  ");
                rest = &after[c + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markdown links keep their text and lose their target ("[Billing API](https://x.dev/2019/05/api)"
/// → "Billing API"): a URL's path is no date, title or organisation.
fn strip_link_targets(text: &str) -> String {
    if !text.contains("](") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let target = &rest[i + 2..];
        let (Some(open), Some(close)) = (rest[..i].rfind('['), target.find(')')) else {
            out.push_str(&rest[..i + 2]);
            rest = target;
            continue;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..i]);
        rest = &target[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Single-character Markdown emphasis (`*Unit*`, `_New York, NY_`): a `*` or `_` with a
/// space (or the line's edge, or punctuation) on exactly one side is a marker and goes;
/// one inside a word (`snake_case`) or between spaces (`5 * 3`) stays.
fn strip_emphasis_marks(text: &str) -> String {
    if !text.contains(['*', '_']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let open = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace() || ",;:()[]（）".contains(*c));
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == '*' || c == '_' {
            let before = if k == 0 { None } else { chars.get(k - 1) };
            let after = chars.get(k + 1);
            if open(before) != open(after) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Leaders between an entry's name and the rest of its line ("Acme Co. . . . . . 2019",
/// "Acme Corp ---------- Boston, MA", "Acme ______ 2019"): a run of four or more dots
/// (spaced or not), dashes or underscores with text on both sides becomes a column gap.
fn strip_dot_leaders(text: &str) -> String {
    let has_run = |c: u8| {
        text.as_bytes()
            .windows(4)
            .any(|w| w.iter().all(|&b| b == c))
    };
    if !has_run(b'.') && !text.contains(". . .") && !has_run(b'-') && !has_run(b'_') {
        return text.to_owned();
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'-' | b'_') {
            let mut j = i;
            let mut n = 0;
            while j < b.len() && (b[j] == c || (c == b'.' && b[j] == b' ')) {
                if b[j] == c {
                    n += 1;
                }
                j += 1;
            }
            let text_both_sides = b[..i].iter().any(u8::is_ascii_alphanumeric)
                || text[..i]
                    .chars()
                    .any(|ch| !ch.is_ascii() && ch.is_alphanumeric());
            let text_after = b[j..].iter().any(u8::is_ascii_alphanumeric)
                || text[j..]
                    .chars()
                    .any(|ch| !ch.is_ascii() && ch.is_alphanumeric());
            if n >= 4 && (c == b'.' || text_both_sides && text_after) {
                // Keep the first dot when it ends a word ("Co." of "Acme Co.. . . .").
                let keep = c == b'.'
                    && i > 0
                    && b[i - 1].is_ascii_alphabetic()
                    && b.get(i + 1) == Some(&b'.');
                out.push_str(&text[last..i]);
                if keep {
                    out.push('.');
                }
                out.push_str("  ");
                last = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// `s` with every whitespace char except tabs turned into a plain space.
fn blank_spaces(s: &str) -> String {
    let odd = |c: char| c.is_whitespace() && c != '\t' && c != ' ';
    if !s.contains(odd) {
        // Nearly every line: nothing to turn.
        return s.to_owned();
    }
    s.chars().map(|c| if odd(c) { ' ' } else { c }).collect()
}

/// `text` with each (pattern, replacement) applied in turn, as a chain of `str::replace`
/// would; patterns absent from the current text are skipped without copying it.
/// "C\\#", "\\*nix": a backslash escaping ASCII punctuation (Markdown) goes; one between
/// words ("HTML\\CSS") separates them and stays.
fn strip_markdown_escapes(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_none_or(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

fn replace_present(mut text: String, pairs: &[(&str, &str)]) -> String {
    for (from, to) in pairs {
        if text.contains(from) {
            text = text.replace(from, to);
        }
    }
    text
}

/// "实 习 经 历", "教　育　背　景": Chinese characters set apart by spaces to widen a heading
/// (typed so in Word, or drawn with wide character spacing in a PDF), without the spaces.
/// Only when every piece is a single Han character.
fn letter_spaced_han(t: &str) -> Option<String> {
    let mut pieces = 0;
    for p in t.split_whitespace() {
        let mut cs = p.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if crate::extract::is_han(c) => pieces += 1,
            _ => return None,
        }
    }
    (pieces >= 2).then(|| t.split_whitespace().collect())
}

/// "P ROFESSIONAL E XPERIENCE", "E DUCATI ON": a heading in small capitals whose letters a
/// PDF text layer split with spaces (a capital of another size starts a new word). Only an
/// all-capitals line with a one-letter piece is tried, against the headings without spaces.
fn letter_spaced_heading(t: &str) -> Option<Section> {
    let pieces: Vec<&str> = t.split_whitespace().collect();
    let all_caps = t
        .chars()
        .all(|c| c.is_ascii_uppercase() || c == ' ' || c == '&' || c == '/');
    if pieces.len() < 2 || !all_caps || !pieces.iter().any(|p| p.len() == 1) {
        return None;
    }
    static SQUASHED: OnceLock<HashMap<String, Section>> = OnceLock::new();
    let squashed = SQUASHED.get_or_init(|| {
        let mut m = HashMap::new();
        for c in &vocabulary().headings.concepts {
            for l in c.labels.iter().filter(|l| l.is_ascii()) {
                let key: String = l
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                m.entry(key)
                    .or_insert_with(|| Section::from_heading(c.local_name()));
            }
        }
        m
    });
    let key: String = t
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    squashed.get(&key).copied()
}

/// The heading concept a cleaned line names, if the whole line is a heading: a heading
/// label ("WORK EXPERIENCE", "教育背景"), two labels joined by "/" or "&"
/// ("CERTIFICATIONS/LICENSES"), or a short title-case phrase ending in a heading word
/// ("Coaching Experience", "Management Skills").
pub fn heading_of(text: &str) -> Option<Section> {
    let headings = &vocabulary().headings;
    let t = text
        .trim()
        .trim_end_matches([':', '：'])
        .trim_matches(|c: char| c == '-' || c == '=' || c == '*' || c.is_whitespace());
    // "Work Experience (Java related)", "Publications (selected)": a qualifier in brackets
    // after a heading leaves it a heading.
    if let Some((head, _)) = t
        .strip_suffix([')', '）'])
        .and_then(|s| s.rsplit_once(['(', '（']))
        .filter(|(head, _)| !head.trim().is_empty())
    {
        return heading_of(head);
    }
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    if let Some(c) = headings.lookup(t) {
        return Some(Section::from_heading(c.local_name()));
    }
    if let Some(section) = letter_spaced_heading(t) {
        return Some(section);
    }
    if let Some(squashed) = letter_spaced_han(t) {
        return heading_of(&squashed);
    }
    // "Awards, Honors, and Activities": a list of headings is the section of its first.
    if t.contains(", and ") || t.contains(", & ") {
        let items: Vec<&str> = t
            .split(',')
            .map(|p| {
                p.trim()
                    .trim_start_matches("and ")
                    .trim_start_matches("& ")
                    .trim()
            })
            .collect();
        if items.iter().all(|p| headings.lookup(p).is_some()) {
            return headings
                .lookup(items[0])
                .map(|c| Section::from_heading(c.local_name()));
        }
    }
    if t.chars()
        .any(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '(' | '@'))
    {
        return None;
    }
    // "CERTIFICATIONS/LICENSES", "Career Experience/Job History". A two-cell row
    // ("Project | Billing Platform") is a field and its value, unless every cell is a heading.
    let first = t.split(['/', '&', '|']).next().unwrap_or("").trim();
    let cells_all_headings = || t.split('|').all(|c| headings.lookup(c.trim()).is_some());
    if first != t && first.chars().count() >= 4 && (!t.contains('|') || cells_all_headings()) {
        if let Some(c) = headings.lookup(first) {
            return Some(Section::from_heading(c.local_name()));
        }
    }
    // "认证和教育信息", "项目及实习经历": two Chinese headings joined; the last one that
    // is a heading names the section (the first when only it is).
    if t.chars().any(crate::extract::is_han) && t.chars().count() <= 16 {
        let parts: Vec<&str> = t.split(['和', '与', '及', '、', '&', '/']).collect();
        if parts.len() >= 2 {
            if let Some(c) = parts.iter().rev().find_map(|p| headings.lookup(p.trim())) {
                return Some(Section::from_heading(c.local_name()));
            }
        }
    }
    // "主要技能", "其他证书": a qualifier before a Chinese heading. Not for work and projects:
    // "重点工作", "主要项目", "其他项目" are sub-headings inside a position.
    if t.chars().count() <= 10 {
        let qualified = super::Words::get()
            .heading_qualifiers_zh
            .iter()
            .find_map(|q| t.strip_prefix(q.as_str()))
            .and_then(|rest| headings.lookup(rest.trim()))
            .map(|c| Section::from_heading(c.local_name()))
            .filter(|s| !matches!(s, Section::Experience | Section::Projects));
        if qualified.is_some() {
            return qualified;
        }
    }
    // "Coaching Experience", "SALES EXPERIENCE", "Management Skills".
    let words: Vec<&str> = t.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || ["of", "and", "in", "&"].contains(w)
    });
    if (2..=4).contains(&words.len()) && capitalised && t.is_ascii() {
        let last = words[words.len() - 1];
        let heads = &super::Words::get().heading_heads;
        if heads.iter().any(|h| h.eq_ignore_ascii_case(last)) {
            if let Some(c) = headings.lookup(last) {
                return Some(Section::from_heading(c.local_name()));
            }
        }
    }
    None
}

/// Decode `\xHH` escapes left by a bytes-to-text round trip ("\xe2\x80\xa2" → "•"):
/// runs of escapes are read as UTF-8; control characters become spaces, symbol-font
/// private-use glyphs become bullets, zero-width characters disappear.
fn decode_byte_escapes(s: &str) -> String {
    if !s.contains("\\x") {
        return s.to_owned();
    }
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        let mut bytes = Vec::new();
        let mut j = i;
        while j + 3 < b.len() && b[j] == b'\\' && b[j + 1] == b'x' {
            match (hex(b[j + 2]), b.get(j + 3).copied().and_then(hex)) {
                (Some(h), Some(l)) => {
                    bytes.push(h * 16 + l);
                    j += 4;
                }
                _ => break,
            }
        }
        if bytes.is_empty() {
            i += 1;
            continue;
        }
        out.push_str(&s[last..i]);
        for c in String::from_utf8_lossy(&bytes).chars() {
            match c {
                c if crate::read::is_invisible(c) => {}
                '\u{e000}'..='\u{f8ff}' | '\u{fffd}' => out.push('•'),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
        i = j;
        last = j;
    }
    out.push_str(&s[last..]);
    out
}

/// A piece of a physical line that later stages treat as a line of its own.
struct Segment<'a> {
    start: usize,
    raw: &'a str,
    /// Text to use instead of the cleaned raw text (pieces joined by a lost dash).
    text: Option<String>,
}

/// Whether a text ends with a year ("June 2010", "(2016") — the start of a date range.
fn ends_with_year(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches([')', ',', ':']);
    let n = t.chars().rev().take_while(char::is_ascii_digit).count();
    let year = &t[t.len() - n..];
    n == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && t[..t.len() - n]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != '/' && c != '-')
}

/// Whether a text starts with a date or a present marker ("Present", "August 2013", "2016").
fn starts_with_date_or_present(s: &str) -> bool {
    let t = s.trim_start();
    let first: String = t
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if [
        "present", "current", "now", "today", "date", "till", "ongoing", "to", "until",
    ]
    .contains(&first.as_str())
    {
        return true;
    }
    match super::dates::find_date_ranges(t).first() {
        Some(r) => r.start_offset == 0,
        None => {
            first.len() == 4
                && first.chars().all(|c| c.is_ascii_digit())
                && (first.starts_with("19") || first.starts_with("20"))
        }
    }
}

/// "20132015", "2016present": a year range whose dash was lost, alone on a line.
fn is_glued_years(s: &str) -> bool {
    unglue_years(s).is_some()
}

/// "20132015" → "2013 - 2015", "2016present" → "2016 - present".
fn unglue_years(s: &str) -> Option<String> {
    let t = s.trim();
    if t.len() < 8 || !t.is_ascii() {
        return None;
    }
    let (a, b) = t.split_at(4);
    let year = |y: &str| {
        y.len() == 4
            && y.chars().all(|c| c.is_ascii_digit())
            && (y.starts_with("19") || y.starts_with("20"))
    };
    let present = ["present", "current", "now", "today"].contains(&b.to_lowercase().as_str());
    (year(a) && (year(b) && a <= b || present)).then(|| format!("{a} - {b}"))
}

/// Split very long lines (text whose line breaks were lost in conversion) into line-like
/// units: at runs of two or more spaces when the line is full of them (each run stood
/// for a line break), else before bullets and known multi-character Chinese headings.
/// Two pieces that are the ends of a date range whose dash was lost ("June 2010",
/// "August 2013") become one unit with the dash restored.
fn split_glued(raw: &str, start: usize, doc_len: usize) -> Vec<Segment<'_>> {
    let whole = |raw| {
        vec![Segment {
            start,
            raw,
            text: None,
        }]
    };
    // A line that is most of the document lost its line breaks, however short it is.
    let most_of_doc = raw.len() >= 80 && raw.len() * 2 >= doc_len;
    if raw.chars().count() < 300 && !most_of_doc {
        return whole(raw);
    }
    let runs: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let b = raw.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b' ' || b[i] == b'\t' {
                let j = (i..b.len())
                    .find(|&k| b[k] != b' ' && b[k] != b'\t')
                    .unwrap_or(b.len());
                if j - i >= 2 || b[i] == b'\t' {
                    v.push((i, j));
                }
                i = j;
            } else {
                i += 1;
            }
        }
        v
    };
    if runs.len() >= 8 && runs.len() * 400 >= raw.len() || most_of_doc && runs.len() >= 3 {
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        for (a, b) in runs {
            if a > from {
                pieces.push((from, a));
            }
            from = b;
        }
        if from < raw.len() {
            pieces.push((from, raw.len()));
        }
        let mut out: Vec<Segment<'_>> = Vec::new();
        let mut k = 0;
        while k < pieces.len() {
            let (a, b) = pieces[k];
            if let Some(&(c, d)) = pieces.get(k + 1) {
                let left = &raw[a..b];
                let right = &raw[c..d];
                if ends_with_year(left)
                    && starts_with_date_or_present(right)
                    && !is_glued_years(right)
                {
                    // "(March 2008" + "To date)" keep their own separator word.
                    let lower = right.trim_start().to_lowercase();
                    let joiner = if ["to ", "till ", "until "]
                        .iter()
                        .any(|w| lower.starts_with(w))
                    {
                        " "
                    } else {
                        " - "
                    };
                    out.push(Segment {
                        start: start + a,
                        raw: &raw[a..d],
                        text: Some(format!("{}{joiner}{}", left.trim(), right.trim())),
                    });
                    k += 2;
                    continue;
                }
            }
            let piece = &raw[a..b];
            out.push(Segment {
                start: start + a,
                raw: piece,
                text: unglue_years(piece),
            });
            k += 1;
        }
        return out;
    }
    let mut cuts: Vec<usize> = raw.match_indices('•').map(|(i, _)| i).collect();
    for m in vocabulary().headings.find_all(raw) {
        let label = &raw[m.start..m.end];
        if label.chars().count() >= 4 && label.chars().all(crate::extract::is_han) {
            cuts.push(m.start);
            cuts.push(m.end);
        }
    }
    // A sentence end followed by a dated "A|B|date" header glued to it.
    for (i, _) in raw.match_indices('。') {
        let next = &raw[i + '。'.len_utf8()..];
        let unit = next.split(['。', '•']).next().unwrap_or("");
        if unit.contains('|') && !super::dates::find_date_ranges(unit).is_empty() {
            cuts.push(i + '。'.len_utf8());
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts.into_iter().filter(|&c| c > 0 && c < raw.len()) {
        if c > from {
            out.push(Segment {
                start: start + from,
                raw: &raw[from..c],
                text: None,
            });
            from = c;
        }
    }
    out.push(Segment {
        start: start + from,
        raw: &raw[from..],
        text: None,
    });
    out
}

/// A heading with the section's first line after it on one line → (the heading, the rest,
/// the section): "EDUCATION: Kestrel University, 2012", a heading in capitals and a colon
/// ("Experience: 5 years in sales" is a line of a summary), or a heading cell and a wide
/// gap before text that is no number ("EXPERIENCE   Backend Engineer | Acme", "工作经历
/// 高级工程师", a table with the section labels in its left column). `open` is the section
/// the line is in: a heading that names it is a label inside it ("编程语言   Go, Rust" under
/// Skills).
fn heading_with_content(raw: &str, open: Section) -> Option<(&str, &str, Section)> {
    heading_cell_with_content(raw, open)
        .or_else(|| capitals_heading_with_content(raw))
        .filter(|h| h.2 != open)
}

/// "EXPERIENCE   Backend Engineer | Acme": see [`heading_with_content`].
fn heading_cell_with_content(raw: &str, open: Section) -> Option<(&str, &str, Section)> {
    let body = raw.trim_start();
    let gap = body.find("  ").into_iter().chain(body.find('\t')).min()?;
    let (head, tail) = body.split_at(gap);
    let first = tail.trim_start().chars().next()?;
    // A label cell in capitals or Chinese; "Project   Billing" is a form's field label.
    let marked = head.chars().all(crate::extract::is_han)
        || head.chars().any(|c| c.is_ascii_alphabetic()) && !head.chars().any(char::is_lowercase);
    // In the header, a short Chinese cell after it is the name, not the section's first
    // line ("实习经历   王小明": a two-column page's first heading beside the name).
    let short_han = open == Section::Header
        && tail.trim().chars().count() <= 4
        && tail.trim().chars().all(crate::extract::is_han);
    if head.chars().count() > 30 || first.is_numeric() || !marked || short_han {
        return None;
    }
    // Only the sections of entries: "编程语言   Go, Rust" is a line of skills whether or not
    // its section's own heading was recognised.
    heading_of(head)
        .filter(|s| {
            matches!(
                s,
                Section::Experience | Section::Education | Section::Projects
            )
        })
        .map(|s| (head, tail, s))
}

/// "EDUCATION: Kestrel University": see [`heading_with_content`].
fn capitals_heading_with_content(raw: &str) -> Option<(&str, &str, Section)> {
    let colon = raw.find([':', '：'])?;
    let sep = raw[colon..].chars().next()?.len_utf8();
    let (head, tail) = (&raw[..colon + sep], &raw[colon + sep..]);
    let name = head[..colon].trim();
    let capitals = name.is_ascii()
        && name.chars().any(char::is_alphabetic)
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if tail.trim().is_empty() || name.chars().count() > 40 || !capitals {
        return None;
    }
    heading_of(name).map(|s| (head, tail, s))
}

/// A line of contact details: one with an e-mail address, or a phone number with at most
/// a short label ("T: 0123 345 7890", "Mobile: …").
fn is_contact_line(raw: &str) -> bool {
    if raw.contains('@') && !super::lines::emails(raw).is_empty() {
        return true;
    }
    // A short label ("T:", "Mobile:", "电话：") and then nothing but the number.
    let number = raw
        .split_once([':', '：'])
        .filter(|(label, _)| label.chars().count() <= 12)
        .map_or(raw, |(_, n)| n);
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'))
        && super::dates::find_date_ranges(number).is_empty()
}

/// Split a document into classified lines.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    lines_with_hints(text, &[])
}

/// [`lines`] with the reader's style hints, one per line of `text` (ignored when their
/// count differs): a heading style (DOCX "Heading 2", HTML `<h2>`) counts as a Markdown
/// heading of that level, and a line drawn bold is marked [`Line::bold`].
pub fn lines_with_hints<'a>(text: &'a str, hints: &[LineHint]) -> Vec<Line<'a>> {
    let hints = if hints.len() == text.split('\n').count() {
        hints
    } else {
        &[]
    };
    let mut out = Vec::new();
    let mut offset = 0;
    let mut section = Section::Header;
    // Lines with text since the last heading, contact lines apart.
    let mut content_since_heading = 0usize;
    for (k, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += raw_line.len();
        let raw_line = raw_line.trim_end_matches(['\n', '\r']);
        let hint = hints.get(k);
        let bold = hint.is_some_and(|h| h.bold);
        for seg in split_glued(raw_line, line_start, text.len()) {
            let raw = seg.raw;
            let source = seg.text.unwrap_or_else(|| raw.to_owned());
            let decoded = decode_byte_escapes(&source);
            let (clean_text, indent, mut md_level, bullet) = clean(&decoded);
            if md_level == 0 {
                md_level = hint.and_then(|h| h.heading_level).map_or(0, usize::from);
            }
            // A private-use icon glyph or a box before a heading ("\u{f0c0} Work Experience",
            // "■ EDUCATION") is decoration, not a list bullet.
            let icon = raw
                .trim_start()
                .starts_with(|c: char| ('\u{e000}'..='\u{f8ff}').contains(&c))
                || decoded
                    .trim_start()
                    .starts_with(['■', '◆', '❖', '▶', '►', '➢', '▪', '♦']);
            let heading = if bullet && md_level == 0 && !icon {
                None
            } else {
                heading_of(&clean_text)
            };
            if heading.is_none() && !bullet {
                if let Some((head, tail, s)) = heading_with_content(raw, section) {
                    // "EDUCATION: Kestrel University": the heading, then its first line.
                    section = s;
                    content_since_heading = 1;
                    for (part, is_heading) in [(head, true), (tail, false)] {
                        let (text, indent, md_level, bullet) = clean(&decode_byte_escapes(part));
                        out.push(Line {
                            start: seg.start + (part.as_ptr() as usize - raw.as_ptr() as usize),
                            raw: part,
                            text,
                            indent,
                            md_level,
                            bullet,
                            section,
                            is_heading,
                            bold,
                        });
                    }
                    continue;
                }
            }
            let mut line_section = section;
            if let Some(s) = heading {
                section = s;
                line_section = s;
                content_since_heading = 0;
            } else if content_since_heading == 0
                && !matches!(section, Section::Header | Section::Contact)
                && is_contact_line(raw)
            {
                // "EDUCATION" / "T: 0123 …" / "E: jo@…" / "BSc …": a sidebar's contact block
                // read between a heading and its first line (a two-column page taken row by
                // row) belongs to the header, and the section goes on after it.
                line_section = Section::Header;
            } else if section != Section::Contact && !super::lines::emails(raw).is_empty() {
                // Contact details outside a contact section open a new header (the second
                // half of a bilingual file, or a second résumé glued after the first).
                section = Section::Header;
                line_section = section;
            } else if !clean_text.is_empty() {
                content_since_heading += 1;
            }
            out.push(Line {
                start: seg.start,
                raw,
                text: clean_text,
                indent,
                md_level,
                bullet,
                section: line_section,
                is_heading: heading.is_some(),
                bold,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_lines() {
        assert!(is_contact_line("T: 01632 960 1234"));
        assert!(is_contact_line("Mobile: +44 (0)7700 900123"));
        assert!(is_contact_line("E: quill@example.org"));
        assert!(!is_contact_line("2008 - 2010"));
        assert!(!is_contact_line("Senior Engineer, Acme"));
        assert!(!is_contact_line("Lowtown 85006"));
    }

    #[test]
    fn academic_headings_and_heading_lists() {
        assert_eq!(
            heading_of("Tenured Faculty Positions"),
            Some(Section::Experience)
        );
        assert_eq!(
            heading_of("Administrative Positions"),
            Some(Section::Experience)
        );
        assert_eq!(heading_of("UNIVERSITY SERVICE"), Some(Section::Other));
        assert_eq!(heading_of("Conference Presentations"), Some(Section::Other));
        assert_eq!(
            heading_of("Awards, Honors, and Activities"),
            Some(Section::Other)
        );
        assert_eq!(heading_of("Boston, and Chicago"), None);
        assert_eq!(heading_of("Customer Service Awards Team Lead"), None);
    }

    #[test]
    fn headings_with_qualifiers_and_two_cell_rows() {
        assert_eq!(
            heading_of("Work Experience (`Go` related)"),
            Some(Section::Experience)
        );
        assert_eq!(heading_of("Education (selected)"), Some(Section::Education));
        assert_eq!(heading_of("Project | Billing Platform"), None);
        assert_eq!(heading_of("认证和教育信息"), Some(Section::Education));
        assert_eq!(heading_of("主要技能"), Some(Section::Skills));
        assert_eq!(heading_of("主要负责"), None);
        // Letter-spaced Chinese headings, with ASCII and ideographic spaces.
        assert_eq!(heading_of("实 习 经 历"), Some(Section::Experience));
        assert_eq!(
            heading_of("教\u{3000}育\u{3000}背\u{3000}景"),
            Some(Section::Education)
        );
        assert_eq!(heading_of("张 三"), None);
        // Inside a position these are sub-headings, not sections.
        assert_eq!(heading_of("重点工作"), None);
        assert_eq!(heading_of("其他项目"), None);
        assert!(heading_of("Projects | Experience").is_some());
    }

    #[test]
    fn a_heading_in_capitals_with_its_first_line_after_a_colon() {
        let text = "Jane Roe\nEDUCATION: Kestrel University\nBoston, MA\n";
        let ls = lines(text);
        assert!(
            ls[1].is_heading && ls[1].section == Section::Education,
            "{ls:?}"
        );
        assert_eq!(ls[2].text, "Kestrel University");
        assert!(!ls[2].is_heading && ls[2].section == Section::Education);
        assert_eq!(
            &text[ls[2].start..ls[2].start + ls[2].raw.len()],
            " Kestrel University"
        );
        assert_eq!(ls[3].section, Section::Education);
        // Not in capitals: a line of a summary, not a heading.
        let ls = lines("Jane Roe\nExperience: 5 years in sales\n");
        assert!(ls
            .iter()
            .all(|l| !l.is_heading && l.section == Section::Header));
    }

    #[test]
    fn a_heading_cell_beside_the_sections_first_line() {
        // A table with the section labels in its left column, read row by row.
        for (row, section) in [
            (
                "EXPERIENCE    Backend Engineer | Acme Labs",
                Section::Experience,
            ),
            (
                "工作经历\t高级后端工程师 | 虚构云帆科技",
                Section::Experience,
            ),
            ("EDUCATION   Kestrel University", Section::Education),
            ("PROJECTS    Billing Platform", Section::Projects),
        ] {
            let text = format!("Jane Roe\n{row}\nmore\n");
            let ls = lines(&text);
            assert!(ls[1].is_heading && ls[1].section == section, "{ls:?}");
            assert!(!ls[2].is_heading && ls[2].section == section, "{ls:?}");
            assert_eq!(ls[3].section, section);
        }
        // A school after the experience section: a short Chinese cell that is no name.
        let text = "Jane Roe\nEXPERIENCE    Backend Engineer\n教育背景    浙江大学\n";
        let ls = lines(text);
        assert!(
            ls[3].is_heading && ls[3].section == Section::Education,
            "{ls:?}"
        );
        assert_eq!(ls[4].text, "浙江大学");
        // A form's label and its number ("工作经验  5年"), a sidebar heading beside the name,
        // a form's field label, a line that only starts with a heading, and a skills label
        // stay what they are.
        for row in [
            "工作经验  5年",
            "实习经历      王小明",
            "Project      Invoicing on Postgres",
            "EXPERIENCE WITH KAFKA  at scale",
            "编程语言    Go, Rust",
        ] {
            let text = format!("Jane Roe\n{row}\n");
            let ls = lines(&text);
            assert!(ls.iter().all(|l| !l.is_heading), "{ls:?}");
        }
    }

    #[test]
    fn letter_spaced_small_caps_and_boxed_headings() {
        assert_eq!(
            heading_of("P ROFE SSI ONAL E XPERIENCE"),
            Some(Section::Experience)
        );
        assert_eq!(heading_of("E DUCATION"), Some(Section::Education));
        // Not all capitals, or no piece of one letter: an ordinary line.
        assert_eq!(heading_of("E ducation and more"), None);
        assert_eq!(heading_of("A B C D"), None);
        let ls = lines("Jo Bloggs\n■ WORK HISTORY\nAcme Ltd\n● Education\n");
        assert!(ls[1].is_heading && ls[1].section == Section::Experience);
        // A round bullet stays a list item.
        assert!(!ls[3].is_heading);
    }

    #[test]
    fn link_targets_go_their_text_stays() {
        assert_eq!(
            strip_link_targets("see [Billing API](https://x.dev/2019/05/api) and [b](c)"),
            "see Billing API and b"
        );
        assert_eq!(strip_link_targets("a](b"), "a](b");
        assert_eq!(strip_link_targets("plain [x] (y)"), "plain [x] (y)");
    }

    #[test]
    fn blank_spaces_turns_whitespace_but_tabs() {
        let odd = ["a\u{3000}b\u{a0}c\td\re\u{2028}", "", " \t ", "plain"];
        let lines = crate::extract::sample_lines();
        for t in lines.iter().map(String::as_str).chain(odd) {
            let plain: String = t
                .chars()
                .map(|c| {
                    if c.is_whitespace() && c != '\t' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(blank_spaces(t), plain, "{t:?}");
        }
    }

    #[test]
    fn markup_is_stripped() {
        let (t, indent, level, bullet) = clean("  - **Account System** (Go/C++) — core");
        assert_eq!(t, "Account System (Go/C++) — core");
        assert_eq!((indent, level, bullet), (2, 0, true));
        let (t, _, level, _) = clean("#### 2020.11 - 2021.11&emsp;&emsp;公司：某某科技");
        assert_eq!(t, "2020.11 - 2021.11    公司：某某科技");
        assert_eq!(level, 4);
        let (t, _, _, bullet) = clean("2. 负责基础设施");
        assert_eq!((t.as_str(), bullet), ("负责基础设施", true));
        let (t, _, level, _) = clean("#hashtag");
        assert_eq!((t.as_str(), level), ("#hashtag", 0));
        // A quote left over from a quoted export, symbol-font bullets.
        assert_eq!(clean("\"Jane Doe").0, "Jane Doe");
        assert_eq!(clean("say \"hi\"").0, "say \"hi\"");
        let (t, _, _, bullet) = clean("\u{f0b7} Managed a team");
        assert_eq!((t.as_str(), bullet), ("Managed a team", true));
        // Invisible characters go; a Markdown escape goes, a backslash between words stays.
        assert_eq!(clean("EDUCATION\u{fffc}").0, "EDUCATION");
        assert_eq!(
            clean("\u{feff}Work\u{200b} Experience").0,
            "Work Experience"
        );
        assert_eq!(
            clean(r"C\# and Go\_lang, HTML\CSS").0,
            r"C# and Go_lang, HTML\CSS"
        );
    }

    #[test]
    fn english_headings() {
        for (line, want) in [
            ("WORK EXPERIENCE", Section::Experience),
            ("Professional Experience:", Section::Experience),
            ("Employment History", Section::Experience),
            ("Career Experience/Job History", Section::Experience),
            ("Coaching Experience", Section::Experience),
            ("SALES EXPERIENCE", Section::Experience),
            ("EDUCATION", Section::Education),
            ("Academic Qualifications", Section::Education),
            ("Education & Training", Section::Education),
            ("SKILLS", Section::Skills),
            ("Technical Skills", Section::Skills),
            ("Management Skills", Section::Skills),
            ("Key Skills and Competencies", Section::Skills),
            ("Summary", Section::Summary),
            ("Summary of Qualification", Section::Summary),
            ("Career Objective", Section::Summary),
            ("Projects", Section::Projects),
            ("Highlighted Projects", Section::Projects),
            ("Languages", Section::Languages),
            ("ADDITIONAL INFORMATION", Section::Other),
            ("CERTIFICATIONS/LICENSES", Section::Other),
            ("Awards", Section::Other),
            ("Personal Details", Section::Contact),
            ("## Education", Section::Education),
        ] {
            let (t, ..) = clean(line);
            assert_eq!(heading_of(&t), Some(want), "{line}");
        }
    }

    #[test]
    fn chinese_headings() {
        for (line, want) in [
            ("工作经历", Section::Experience),
            ("工作经验：", Section::Experience),
            ("实习经历", Section::Experience),
            ("项目经历", Section::Projects),
            ("教育背景", Section::Education),
            ("教育经历", Section::Education),
            ("专业技能", Section::Skills),
            ("技能", Section::Skills),
            ("个人简介", Section::Summary),
            ("自我评价", Section::Summary),
            ("个人信息", Section::Contact),
            ("语言能力", Section::Languages),
            ("获奖情况", Section::Other),
        ] {
            assert_eq!(heading_of(line), Some(want), "{line}");
        }
    }

    #[test]
    fn not_headings() {
        for line in [
            "Senior Backend Engineer",
            "Master of Social Work",
            "Built a Go service for skills matching",
            "Jane Doe",
            "2019 - Present",
            "Bachelor of Science in Marketing",
            "负责推送平台的架构设计",
            "Experience with Kafka, Redis and MySQL.",
        ] {
            assert_eq!(heading_of(line), None, "{line}");
        }
    }

    #[test]
    fn byte_escapes() {
        assert_eq!(decode_byte_escapes("\\xe2\\x80\\xa2 Item"), "• Item");
        assert_eq!(
            decode_byte_escapes("Aug 2013 \\xe2\\x80\\x94 present"),
            "Aug 2013 — present"
        );
        assert_eq!(decode_byte_escapes("\\xef\\x82\\xa7 Item"), "• Item");
        assert_eq!(decode_byte_escapes("R\\xc3\\xa9sum\\xc3\\xa9"), "Résumé");
        assert_eq!(decode_byte_escapes("no escapes"), "no escapes");
    }

    #[test]
    fn flattened_text_is_split_into_lines() {
        let text =
            "\"Jane Doe  12 Main St.  jane@example.com  WORK EXPERIENCE  ACME CORP, Boston, MA  \
                    Sales Manager, June 2010  August 2013  Grew revenue by a lot  EDUCATION  \
                    Boston University  Bachelor of Science in Marketing, May 2010\"";
        let ls = lines(text);
        let texts: Vec<&str> = ls.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[0], "Jane Doe");
        assert!(
            texts.contains(&"Sales Manager, June 2010 - August 2013"),
            "{texts:?}"
        );
        let exp = ls.iter().find(|l| l.text == "WORK EXPERIENCE").unwrap();
        assert!(exp.is_heading);
        let school = ls.iter().find(|l| l.text == "Boston University").unwrap();
        assert_eq!(school.section, Section::Education);
        // Evidence offsets stay on the document.
        for l in &ls {
            assert_eq!(&text[l.start..l.start + l.raw.len()], l.raw);
        }
        // Column separators in ordinary short lines are kept.
        let ls = lines("Jane Doe\n2013.9 - 2016.6      南京大学      计算机科学与技术      硕士\n");
        assert_eq!(ls.len(), 2);
    }

    #[test]
    fn glued_chinese_headers_are_cut_after_a_sentence() {
        let body = "•主要成果：峰值QPS 4万+，日均处理订单2亿+。小米|后端工程师|北京|2017.07-2020.04•参与应用商店研发。";
        let text = format!(
            "{}{}",
            "工作经历快手|高级后端工程师|北京|2020.05-至今",
            body.repeat(4)
        );
        let ls = lines(&text);
        assert!(
            ls.iter().any(|l| l.text.starts_with("小米|后端工程师")),
            "{:?}",
            ls.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn layout_decoration_is_stripped() {
        let clean_text = |s: &str| clean(s).0;
        assert_eq!(clean_text("Acme Co.. . . . . . . . . . . ."), "Acme Co.");
        assert_eq!(
            clean_text("Fernhill Labs ----------------- Portland, OR"),
            "Fernhill Labs    Portland, OR"
        );
        assert_eq!(
            clean_text("2011 BA History ______ Lakeview College")
                .matches("  ")
                .count(),
            1
        );
        // A rule alone on its line, or an em-dash pair, is not a leader.
        assert_eq!(clean_text("a -- b"), "a -- b");
        assert_eq!(
            clean_text("- ##### 示例软件有限公司<em class=\"when\">2018.3 — 2019.9</em>"),
            "示例软件有限公司  2018.3 — 2019.9"
        );
        assert_eq!(clean("- ##### Title").2, 5);
        assert_eq!(
            clean_text("Engineer, _New York, NY_"),
            "Engineer, New York, NY"
        );
        assert_eq!(
            clean_text("snake_case and 5 * 3 < 4"),
            "snake_case and 5 * 3 < 4"
        );
        // An icon glyph before a heading keeps it a heading.
        let ls = lines("Jane Doe\n\u{f0c0} Work Experience\nAcme Inc.  2019 - 2021\n");
        assert!(ls[1].is_heading);
        assert_eq!(ls[2].section, Section::Experience);
    }
}
