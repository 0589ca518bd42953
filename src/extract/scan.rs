//! The character scanner shared by the number and date parsers, and the calendar words both
//! need (month names, seasons, range dashes and separators, present markers, the year window).
//!
//! Text is scanned as normalised chars (full-width ASCII folded, odd spaces to ' ') with the
//! byte offset of each char kept, so matches report byte offsets on char boundaries of the
//! original text.

/// Earliest year accepted as a date.
pub const MIN_YEAR: i32 = 1950;
/// Latest year accepted as a date.
pub const MAX_YEAR: i32 = 2100;

/// English month names, full and abbreviated, with their numbers.
pub(super) const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // The same months in the languages of European CVs, where their names are spelled in
    // ASCII (German/Scandinavian, French, Spanish): "Januar 2012 – present".
    ("januar", 1),
    ("februar", 2),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("desember", 12),
    ("janvier", 1),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Seasons before a year ("Fall 2018").
pub(super) const SEASONS: &[&str] = &["spring", "summer", "autumn", "fall", "winter"];

/// Dash-like range separators (repeats such as "——" or "--" are consumed together).
pub(super) const DASHES: &str = "-–—‐‑‒―−~";

/// CJK range separators written without spaces ("2019至2021").
pub(super) const CJK_SEPARATORS: &str = "至到";

/// Word and CJK range separators.
pub(super) const SEPARATOR_WORDS: &[&str] = &["until", "till", "through", "thru", "to", "至", "到"];

/// Present markers after a separator.
pub(super) const PRESENT: &[&str] = &[
    // Phrases first: "till date" is one marker, not "till" and a stray "date".
    "till date",
    "till now",
    "till today",
    "till present",
    "until now",
    "until today",
    "until present",
    "to date",
    "presently",
    "present",
    "current",
    "currently",
    "now",
    "today",
    "date",
    "ongoing",
    "至今",
    "迄今",
    "现在",
    "目前",
    "现今",
    "当前",
    "今天",
    "今",
];

/// Markers after a start date (no separator) that open a range to the present.
pub(super) const OPEN_SUFFIXES: &[&str] = &[
    "onwards",
    "onward",
    "to date",
    "to present",
    "until now",
    "till now",
    "至今",
    "迄今",
    "以来",
    "起",
];

/// Whether `c` separates the two ends of a range when glued to them: a dash or 至/到.
pub(super) fn is_range_sep(c: char) -> bool {
    DASHES.contains(c) || CJK_SEPARATORS.contains(c)
}

/// Whether `s` (trimmed) is only a range separator: dashes or 至/到 (full-width forms
/// included), or one of [`SEPARATOR_WORDS`] ("to", "till"…).
pub(super) fn is_separator_text(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().all(|c| is_range_sep(normalize(c)))
        || SEPARATOR_WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// The value of a Chinese digit char ("〇"/"零" … "九", and "两" = 2).
pub(super) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Text as normalised chars plus the byte offset of each char (and of the end).
pub(super) struct Scan {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl Scan {
    /// Scan `text`, folding each char with [`normalize`].
    pub(super) fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        for (o, c) in text.char_indices() {
            chars.push(normalize(c));
            offsets.push(o);
        }
        offsets.push(text.len());
        Scan { chars, offsets }
    }

    /// Number of chars.
    pub(super) fn len(&self) -> usize {
        self.chars.len()
    }

    /// The (normalised) char at index `i`.
    pub(super) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The char before index `i`.
    pub(super) fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }

    /// Whether the char at `i` is an ASCII digit.
    pub(super) fn is_digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    /// Whether the char at `i` is an ASCII letter.
    pub(super) fn is_alpha(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_alphabetic())
    }

    /// Byte offset of char `i` in the original text (the text's length past the end).
    pub(super) fn byte(&self, i: usize) -> usize {
        let last = self.offsets.last().copied().unwrap_or(0);
        self.offsets.get(i).copied().unwrap_or(last)
    }

    /// The first index at or after `i` that is not whitespace.
    pub(super) fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }

    /// Match a lower-case pattern case-insensitively; a space matches one or more whitespace chars.
    pub(super) fn lit(&self, i: usize, pat: &str) -> Option<usize> {
        let mut j = i;
        for p in pat.chars() {
            if p == ' ' {
                let k = self.skip_ws(j);
                if k == j {
                    return None;
                }
                j = k;
            } else {
                if self.at(j)?.to_ascii_lowercase() != p {
                    return None;
                }
                j += 1;
            }
        }
        Some(j)
    }

    /// Whether the run of ASCII letters at `i` is one of `words`.
    pub(super) fn word_is_one_of(&self, i: usize, words: &WordSet) -> bool {
        let mut end = i;
        while self.is_alpha(end) {
            end += 1;
        }
        words.contains(self.chars.get(i..end).unwrap_or_default())
    }

    /// [`Scan::lit`] plus word boundaries: no ASCII letter before a pattern that starts with
    /// a letter, none after one that ends with a letter ("2019to2020" has "to").
    pub(super) fn word(&self, i: usize, pat: &str) -> Option<usize> {
        let starts_alpha = pat.starts_with(|c: char| c.is_ascii_alphabetic());
        if starts_alpha && self.prev(i).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        self.word_end(i, pat)
    }

    /// Like [`Scan::word`], but a pattern starting with a letter or digit also needs no ASCII
    /// digit before it ("int32" has no "32").
    pub(super) fn token(&self, i: usize, pat: &str) -> Option<usize> {
        let starts_alnum = pat.starts_with(|c: char| c.is_ascii_alphanumeric());
        if starts_alnum && self.prev(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        self.word_end(i, pat)
    }

    /// [`Scan::lit`] with no ASCII letter after a pattern that ends with a letter.
    fn word_end(&self, i: usize, pat: &str) -> Option<usize> {
        let end = self.lit(i, pat)?;
        let ends_alpha = pat.ends_with(|c: char| c.is_ascii_alphabetic());
        (!(ends_alpha && self.is_alpha(end))).then_some(end)
    }

    /// Up to `max` ASCII digits at `i`, not followed by another digit.
    pub(super) fn small_num(&self, i: usize, max: usize) -> Option<(u32, usize)> {
        let mut k = i;
        let mut v = 0u32;
        while k - i < max {
            let Some(d) = self.at(k).and_then(|c| c.to_digit(10)) else {
                break;
            };
            v = v * 10 + d;
            k += 1;
        }
        (k > i && !self.is_digit(k)).then_some((v, k))
    }
}

/// Fold full-width ASCII and a few look-alikes to their ASCII forms (one char to one char).
pub(super) fn normalize(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' if c != '\u{FF0C}' => {
            char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c)
        }
        '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
        '〜' | '∼' => '~',
        _ => c,
    }
}

/// A small set of lower-case ASCII words, looked up by a run of chars in any ASCII case.
///
/// A table of the word lengths present for each first letter rejects most runs at once.
#[derive(Debug)]
pub(super) struct WordSet {
    words: Vec<&'static str>,
    /// Bit `n` of entry `k`: some word of `n` letters (n < 32) starts with letter `k`; a
    /// letter without words has no bits.
    lengths: [u32; 26],
}

impl WordSet {
    /// The set of `words` (lower-case ASCII letters; others are ignored).
    pub(super) fn new(words: impl Iterator<Item = &'static str>) -> Self {
        let mut words: Vec<&'static str> = words
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut lengths = [0u32; 26];
        for w in &words {
            let k = usize::from(w.as_bytes()[0] - b'a');
            lengths[k] |= length_bit(w.len());
        }
        WordSet { words, lengths }
    }

    /// Whether `run` (ASCII letters in any case) is one of the words.
    pub(super) fn contains(&self, run: &[char]) -> bool {
        let Some(first) = run.first().map(char::to_ascii_lowercase) else {
            return false;
        };
        let k = (first as usize).wrapping_sub(usize::from(b'a'));
        let Some(mask) = self.lengths.get(k) else {
            return false;
        };
        if run.len() < 32 && mask & length_bit(run.len()) == 0 {
            return false;
        }
        self.words.iter().any(|w| {
            w.len() == run.len() && w.chars().zip(run).all(|(p, c)| c.to_ascii_lowercase() == p)
        })
    }
}

/// The bit of a word length in [`WordSet`]'s table (none for 32 letters and more, which are
/// always compared).
fn length_bit(n: usize) -> u32 {
    u32::try_from(n)
        .ok()
        .and_then(|n| 1u32.checked_shl(n))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_token_differ_only_after_a_digit() {
        let s = Scan::new("2019to2020 v2to3");
        assert_eq!(s.word(4, "to"), Some(6));
        assert_eq!(s.token(4, "to"), None);
        let t = Scan::new("auto to");
        assert_eq!(t.word(2, "to"), None);
        assert_eq!(t.token(2, "to"), None);
        assert_eq!(t.word(5, "to"), Some(7));
        assert_eq!(t.word(5, "t"), None, "a letter follows");
    }

    #[test]
    fn full_width_text_keeps_byte_offsets() {
        let s = Scan::new("２０１９年");
        assert_eq!(s.len(), 5);
        assert_eq!(s.at(0), Some('2'));
        assert_eq!(s.byte(1), 3);
        assert_eq!(s.byte(99), "２０１９年".len());
    }

    #[test]
    fn word_sets_match_any_case_and_reject_other_lengths() {
        let w = WordSet::new(["may", "march", "Bad", ""].into_iter());
        let run = |s: &str| s.chars().collect::<Vec<char>>();
        assert!(w.contains(&run("MAY")));
        assert!(w.contains(&run("March")));
        assert!(!w.contains(&run("mar")));
        assert!(!w.contains(&run("bad")), "upper-case entries are ignored");
        assert!(!w.contains(&[]));
    }

    #[test]
    fn chinese_digits_and_range_separators() {
        assert_eq!(cn_digit('两'), Some(2));
        assert_eq!(cn_digit('〇'), Some(0));
        assert_eq!(cn_digit('十'), None);
        assert!(is_range_sep('至') && is_range_sep('—') && !is_range_sep('.'));
    }
}
