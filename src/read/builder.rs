//! Building a [`Document`] line by line: the normalisation shared by every reader.

use super::{Document, LineHint};
use unicode_normalization::UnicodeNormalization;

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
    /// inner newlines and tabs become spaces. `hint.start`/`hint.end` are filled in here.
    pub fn push_line(&mut self, line: &str, mut hint: LineHint) {
        let mut raw = String::with_capacity(line.len());
        for c in line.chars() {
            push_normalized(c, &mut raw);
        }
        let clean: String = raw.nfc().collect();
        let clean = clean.trim_end();
        if !self.text.is_empty() {
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

    /// The finished document; trailing empty lines are dropped.
    pub fn finish(mut self, encoding: &'static str) -> Document {
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

/// Append `c` to `out` as [`normalize_char`] maps it, spelling out Latin ligatures
/// (U+FB00–U+FB06: ﬁ → fi, ﬂ → fl, ﬃ → ffi…) and turning line breaks into spaces.
fn push_normalized(c: char, out: &mut String) {
    match c {
        '\u{FB00}'..='\u{FB06}' => out.extend(std::iter::once(c).nfkc()),
        '\n' | '\r' | '\t' => out.push(' '),
        _ => out.extend(normalize_char(c)),
    }
}

/// Map one character as real documents carry it to what the text means, or drop it:
/// Kangxi and CJK radicals (U+2F00–U+2FDF, U+2E80–U+2EFF, e.g. U+2F08 ⼈ → 人) to their
/// unified ideographs; soft hyphens, zero-width characters and private-use code points
/// (icon fonts) dropped; non-breaking spaces to spaces. Ligatures, which are several
/// characters, are spelled out by [`DocumentBuilder::push_line`].
pub fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
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
