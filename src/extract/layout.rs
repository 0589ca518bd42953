//! Layout: the document as lines with byte offsets, their markup stripped, and the
//! section each line belongs to (from the heading vocabulary).

use crate::vocab::vocabulary;

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
}

impl Line<'_> {
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
    let text = s
        .chars()
        .map(|c| {
            if c.is_whitespace() && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .replace("&emsp;", "  ")
        .replace("&nbsp;", " ")
        .replace("**", "")
        .replace("__", "")
        .replace('\\', "");
    (text.trim().to_owned(), indent, md_level, bullet)
}

/// The heading concept a cleaned line names, if the whole line is a heading.
pub fn heading_of(text: &str) -> Option<Section> {
    let t = text
        .trim()
        .trim_end_matches([':', '：'])
        .trim_matches(|c: char| c == '-' || c == '=' || c == '*' || c.is_whitespace());
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    let c = vocabulary().headings.lookup(t)?;
    Some(Section::from_heading(c.local_name()))
}

/// Split very long lines (text glued by PDF conversion) before bullets and known
/// multi-character headings, so later stages see line-like units.
fn split_glued(raw: &str, start: usize) -> Vec<(usize, &str)> {
    if raw.chars().count() < 300 {
        return vec![(start, raw)];
    }
    let mut cuts: Vec<usize> = raw.match_indices('•').map(|(i, _)| i).collect();
    for m in vocabulary().headings.find_all(raw) {
        let label = &raw[m.start..m.end];
        if label.chars().count() >= 4 && label.chars().all(crate::extract::is_han) {
            cuts.push(m.start);
            cuts.push(m.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut from = 0;
    for c in cuts.into_iter().filter(|&c| c > 0 && c < raw.len()) {
        if c > from {
            out.push((start + from, &raw[from..c]));
            from = c;
        }
    }
    out.push((start + from, &raw[from..]));
    out
}

/// Split a document into classified lines.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut section = Section::Header;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let raw_line = raw_line.trim_end_matches(['\n', '\r']);
        for (start, raw) in split_glued(raw_line, line_start) {
            let (clean_text, indent, md_level, bullet) = clean(raw);
            let heading = if bullet && md_level == 0 {
                None
            } else {
                heading_of(&clean_text)
            };
            if let Some(s) = heading {
                section = s;
            } else if section != Section::Contact && !super::person::emails(raw).is_empty() {
                // Contact details outside a contact section open a new header (the second
                // half of a bilingual file, or a second résumé glued after the first).
                section = Section::Header;
            }
            out.push(Line {
                start,
                raw,
                text: clean_text,
                indent,
                md_level,
                bullet,
                section,
                is_heading: heading.is_some(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
