//! Building a [`Document`] line by line: the normalisation shared by every reader.

use super::{Document, LineHint};
use unicode_normalization::UnicodeNormalization;

/// The indentation a reader writes before a nested list item: two spaces a level.
pub const LIST_INDENT: &str = "  ";

/// `line` without its leading whitespace, unless that whitespace is a nested list item's
/// indentation ([`LIST_INDENT`]s right before a bullet), which shows the item's level.
pub fn trim_start_keeping_list_indent(line: &str) -> &str {
    let body = line.trim_start();
    let lead = &line[..line.len() - body.len()];
    let nested = !lead.is_empty()
        && lead.len() % LIST_INDENT.len() == 0
        && lead.bytes().all(|b| b == b' ')
        && body.starts_with("• ");
    if nested {
        line
    } else {
        body
    }
}

/// Accumulates lines (with hints) into a [`Document`], normalising each character the same way
/// for every format and keeping character offsets exact.
#[derive(Debug, Default)]
pub struct DocumentBuilder {
    text: String,
    chars: usize,
    lines: Vec<LineHint>,
    links: Vec<String>,
}

impl DocumentBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Append one line. Its text is normalised ([`normalize_char`], ligatures spelled out, NFC);
    /// inner newlines become spaces, tabs stay (layout analysis reads them as column gaps).
    /// `hint.start`/`hint.end` are filled in here. A first line that normalises to nothing (a
    /// lone soft hyphen or icon glyph) is not added, so the text never starts with an empty
    /// line and every hint matches its line. A private-use glyph that starts a line of text
    /// is kept: a symbol font's bullet (U+F0B7) or a heading's icon, which extraction reads
    /// as a list item or decoration.
    pub fn push_line(&mut self, line: &str, mut hint: LineHint) {
        // Byte offset of a private-use glyph that starts a line with text after it.
        let body = line.trim_start();
        let mark = body
            .chars()
            .next()
            .filter(|&c| is_private_use(c))
            .filter(|c| {
                body[c.len_utf8()..]
                    .chars()
                    .any(|c| !c.is_whitespace() && normalize_char(c).is_some())
            })
            .map(|_| line.len() - body.len());
        let mut raw = String::with_capacity(line.len());
        for (i, c) in line.char_indices() {
            if Some(i) == mark {
                raw.push(c);
            } else {
                push_normalized(c, &mut raw);
            }
        }
        let clean: String = raw.nfc().collect();
        let clean = clean.trim_end();
        if clean.is_empty() && self.lines.is_empty() {
            return;
        }
        if !self.lines.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        hint.start = self.chars;
        self.text.push_str(clean);
        self.chars += clean.chars().count();
        hint.end = self.chars;
        self.lines.push(hint);
    }

    /// Append an empty line (a paragraph or block break), unless the text already ends with one.
    pub fn push_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") && !self.ends_with_empty_line() {
            self.push_line("", LineHint::default());
        }
    }

    fn ends_with_empty_line(&self) -> bool {
        self.lines.last().is_some_and(|l| l.start == l.end)
    }

    /// Record a hyperlink target (kept once, in first-seen order).
    pub fn push_link(&mut self, target: &str) {
        let target = target.trim();
        if !target.is_empty() && !self.links.iter().any(|l| l == target) {
            self.links.push(target.to_owned());
        }
    }

    /// Number of lines so far.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Whether any non-whitespace text was added.
    pub fn has_text(&self) -> bool {
        self.text.chars().any(|c| !c.is_whitespace())
    }

    /// Append one table row. A row whose cells are each one line becomes one line, the
    /// non-empty cells joined by `" | "` (the shape of a pipe-separated résumé line); a row
    /// with a multi-line cell (a section label beside a block of paragraphs) is written cell
    /// by cell, one line per cell line, so no paragraph is glued to its neighbours.
    pub fn push_row(&mut self, cells: Vec<Vec<(String, LineHint)>>) {
        for (text, hint) in Self::row_lines(cells) {
            self.push_line(&text, hint);
        }
    }

    /// The lines [`DocumentBuilder::push_row`] writes for a row (for rows of nested tables,
    /// which become lines of the enclosing cell).
    pub fn row_lines(cells: Vec<Vec<(String, LineHint)>>) -> Vec<(String, LineHint)> {
        let cells: Vec<Vec<(String, LineHint)>> = cells
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .filter(|(t, _)| !t.trim().is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|c| !c.is_empty())
            .collect();
        if cells.iter().all(|c| c.len() == 1) {
            let Some(first) = cells.first() else {
                return Vec::new();
            };
            let mut hint = first[0].1.clone();
            hint.bold = cells.iter().all(|c| c[0].1.bold);
            let line: Vec<&str> = cells.iter().map(|c| c[0].0.trim()).collect();
            vec![(line.join(" | "), hint)]
        } else {
            cells.into_iter().flatten().collect()
        }
    }

    /// The finished document; trailing empty lines are dropped.
    ///
    /// Link targets the text does not already show (an e-mail icon linking to `mailto:…`, a
    /// GitHub logo) are appended as a final block under a `Links` heading, one per line
    /// (`mailto:` and `tel:` stripped), so extraction finds them without knowing the format.
    /// [`Document::links`] keeps every target.
    pub fn finish(mut self, encoding: &'static str) -> Document {
        let shown = self.text.to_lowercase();
        let hidden: Vec<String> = self
            .links
            .iter()
            .filter_map(|l| link_text(l))
            .filter(|l| !shown.contains(&l.to_lowercase()))
            .collect();
        let mut seen: Vec<String> = Vec::new();
        for (i, l) in hidden.into_iter().enumerate() {
            if seen.contains(&l) {
                continue;
            }
            if i == 0 {
                self.push_break();
                self.push_line("Links", LineHint::default());
            }
            self.push_line(&l, LineHint::default());
            seen.push(l);
        }
        while self.lines.last().is_some_and(|l| l.start == l.end) && self.lines.len() > 1 {
            self.lines.pop();
            self.text.pop();
            self.chars -= 1;
        }
        Document {
            text: self.text,
            encoding,
            lines: self.lines,
            links: self.links,
        }
    }
}

/// One paragraph's text collected run by run (DOCX, ODT, HTML), with the style counts its
/// line hint needs: bold when most of its visible characters are bold, the font size that
/// covers most characters. A `\n` inside starts a new line with the same hint.
#[derive(Debug, Default, Clone)]
pub struct Inline {
    text: String,
    visible: usize,
    bold: usize,
    sizes: Vec<(f32, usize)>,
}

impl Inline {
    /// Append a run of text.
    pub fn push(&mut self, s: &str, bold: bool, size: Option<f32>) {
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        self.text.push_str(s);
        self.visible += n;
        if bold {
            self.bold += n;
        }
        if let (Some(size), true) = (size, n > 0) {
            match self
                .sizes
                .iter_mut()
                .find(|(s, _)| (*s - size).abs() < 0.01)
            {
                Some(e) => e.1 += n,
                None => self.sizes.push((size, n)),
            }
        }
    }

    /// Whether nothing visible was pushed.
    pub fn is_blank(&self) -> bool {
        self.visible == 0
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the text ends with whitespace (or is empty): callers collapsing spaces use it.
    pub fn ends_with_space(&self) -> bool {
        self.text.chars().last().is_none_or(char::is_whitespace)
    }

    /// The paragraph's lines, each with `hint` completed by the bold and size counts.
    pub fn into_lines(self, mut hint: LineHint) -> Vec<(String, LineHint)> {
        hint.bold = hint.bold || (self.visible > 0 && self.bold * 2 > self.visible);
        if let Some((size, _)) = self.sizes.iter().max_by_key(|(_, n)| *n) {
            hint.font_size = Some(*size);
        }
        self.text
            .split('\n')
            .map(|l| (l.to_owned(), hint.clone()))
            .collect()
    }
}

/// What a link target reads as in text: `mailto:`/`tel:` stripped, a trailing `/` dropped,
/// query strings of mail links dropped; `None` for in-page anchors and scripts.
fn link_text(target: &str) -> Option<String> {
    let t = target.trim();
    let lower = t.to_ascii_lowercase();
    if t.is_empty() || t.starts_with('#') || lower.starts_with("javascript:") {
        return None;
    }
    let t = if lower.starts_with("mailto:") {
        t[7..].split('?').next().unwrap_or("")
    } else if lower.starts_with("tel:") {
        &t[4..]
    } else if lower.starts_with("http://") || lower.starts_with("https://") {
        t.trim_end_matches('/')
    } else {
        return None;
    };
    let t = t.trim();
    (!t.is_empty() && t.chars().all(|c| !c.is_control())).then(|| t.to_owned())
}

/// Append `c` to `out` as [`normalize_char`] maps it, spelling out Latin ligatures
/// (U+FB00–U+FB06: ﬁ → fi, ﬂ → fl, ﬃ → ffi…) and turning line breaks into spaces.
fn push_normalized(c: char, out: &mut String) {
    match c {
        '\u{FB00}'..='\u{FB06}' => out.extend(std::iter::once(c).nfkc()),
        '\n' | '\r' => out.push(' '),
        _ => out.extend(normalize_char(c)),
    }
}

/// Characters that carry no text: a soft hyphen, zero-width spaces and joiners, a word
/// joiner, a byte order mark, and the object replacement character left where an image was.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FFFC}'
    )
}

/// A code point of the Basic Multilingual Plane's private-use area (symbol and icon fonts).
fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Map one character as real documents carry it to what the text means, or drop it:
/// Kangxi and CJK radicals (U+2F00–U+2FDF, U+2E80–U+2EFF, e.g. U+2F08 ⼈ → 人) to their
/// unified ideographs; soft hyphens, zero-width characters and private-use code points
/// (icon fonts) dropped; non-breaking spaces to spaces. Ligatures, which are several
/// characters, are spelled out by [`DocumentBuilder::push_line`].
pub fn normalize_char(c: char) -> Option<char> {
    match c {
        c if is_invisible(c) => None,
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' => None,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
        '\u{2F00}'..='\u{2FDF}' | '\u{2E80}'..='\u{2EFF}' => {
            // Compatibility decomposition maps each Kangxi radical to one unified ideograph.
            let mut d = std::iter::once(c).nfkc();
            match (d.next(), d.next()) {
                (Some(u), None) => Some(u),
                _ => Some(c),
            }
        }
        _ => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_code_points_are_normalised() {
        assert_eq!(normalize_char('\u{2F08}'), Some('人'));
        assert_eq!(normalize_char('\u{00AD}'), None);
        assert_eq!(normalize_char('\u{F0E0}'), None);
        assert_eq!(normalize_char('\u{00A0}'), Some(' '));
        let mut b = DocumentBuilder::new();
        b.push_line("\u{FB01}nance \u{2F08}\u{2F24}", LineHint::default());
        assert_eq!(b.finish("PDF").text, "finance 人大");
    }

    #[test]
    fn a_symbol_font_bullet_that_starts_a_line_is_kept() {
        let mut b = DocumentBuilder::new();
        b.push_line("\u{F0B7} Led the \u{F0E0}team", LineHint::default());
        b.push_line("  \u{F0B7}Built it", LineHint::default());
        b.push_line("Mail \u{F0E0} ann@example.com", LineHint::default());
        b.push_line("\u{F0B7} \u{F0E0}", LineHint::default());
        assert_eq!(
            b.finish("PDF").text,
            "\u{F0B7} Led the team\n  \u{F0B7}Built it\nMail  ann@example.com"
        );
    }

    #[test]
    fn hidden_links_become_a_final_block() {
        let mut b = DocumentBuilder::new();
        b.push_line("Ann Lee  ann@example.com", LineHint::default());
        b.push_link("mailto:ann@example.com");
        b.push_link("https://github.com/annlee/");
        b.push_link("#top");
        b.push_link("tel:+1-555-0100");
        let d = b.finish("HTML");
        assert_eq!(
            d.text,
            "Ann Lee  ann@example.com\n\nLinks\nhttps://github.com/annlee\n+1-555-0100"
        );
        assert_eq!(d.links.len(), 4);
    }

    #[test]
    fn rows_are_one_line_or_cell_by_cell() {
        let h = LineHint::default;
        let mut b = DocumentBuilder::new();
        let cell = |t: &str| vec![(t.to_owned(), h())];
        b.push_row(vec![
            cell("Acme"),
            cell(""),
            cell("Engineer"),
            cell("2020 - 2022"),
        ]);
        b.push_row(vec![
            cell("Experience"),
            vec![("Acme".to_owned(), h()), ("Built things".to_owned(), h())],
        ]);
        assert_eq!(
            b.finish("DOCX").text,
            "Acme | Engineer | 2020 - 2022\nExperience\nAcme\nBuilt things"
        );
    }

    #[test]
    fn a_first_line_that_normalises_to_nothing_is_not_a_line() {
        // Found by the read_html fuzz target: the soft hyphen's line got a hint but no text,
        // so every later hint was one line off.
        let mut b = DocumentBuilder::new();
        b.push_line("\u{00AD}", LineHint::default());
        b.push_line("Tomás Ortega", LineHint::default());
        b.push_line("\u{F0E0}", LineHint::default());
        b.push_line("Engineer", LineHint::default());
        let d = b.finish("HTML");
        assert_eq!(d.text, "Tomás Ortega\n\nEngineer");
        let spans: Vec<(usize, usize)> = d.lines.iter().map(|l| (l.start, l.end)).collect();
        assert_eq!(spans, vec![(0, 12), (13, 13), (14, 22)]);
    }

    #[test]
    fn hints_carry_char_offsets() {
        let mut b = DocumentBuilder::new();
        b.push_line(
            "简历  ",
            LineHint {
                page: Some(1),
                ..LineHint::default()
            },
        );
        b.push_break();
        b.push_break();
        b.push_line(
            "Go",
            LineHint {
                page: Some(2),
                bold: true,
                ..LineHint::default()
            },
        );
        b.push_break();
        let d = b.finish("PDF");
        assert_eq!(d.text, "简历\n\nGo");
        assert_eq!(d.lines.len(), 3);
        assert_eq!((d.lines[2].start, d.lines[2].end), (4, 6));
        assert_eq!(d.page_at(5), Some(2));
        assert_eq!(d.page_at(0), Some(1));
        assert!(d.line_at(5).is_some_and(|l| l.bold));
    }
}
