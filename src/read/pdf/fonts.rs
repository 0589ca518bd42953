//! PDF fonts as the text reader needs them: character codes → Unicode text, glyph widths,
//! boldness. Simple fonts (one byte per code), composite `Type0` fonts (Identity-H with a
//! `ToUnicode` CMap, and the predefined CJK CMaps: UCS-2/UTF-16, GBK, Big5, Shift-JIS, EUC-KR;
//! Identity-H without `ToUnicode` read through the font's Adobe character collection).

use super::cid::Collection;

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// Most entries read from one `ToUnicode` CMap (a hostile file cannot grow the map further).
const MAX_CMAP_ENTRIES: usize = 100_000;
/// Largest decompressed `ToUnicode` stream read.
const MAX_CMAP_BYTES: usize = 4 << 20;

/// How a composite font's codes turn into text when it has no usable `ToUnicode` map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Predefined {
    /// Identity-H/V and unknown CMaps: two-byte codes that are glyph ids (no text without a map).
    Identity,
    /// `Uni*-UCS2-*` / `Uni*-UTF16-*`: the codes are UTF-16BE.
    Utf16,
    /// Legacy multi-byte charsets, decoded with `encoding_rs`.
    Charset(&'static encoding_rs::Encoding),
}

/// One font of a page, ready to decode show-text strings.
#[derive(Debug)]
pub struct Font {
    /// Composite (`Type0`) font: codes are one or two bytes as its CMap says.
    composite: bool,
    predefined: Predefined,
    /// Code → text from the `ToUnicode` CMap, when present.
    to_unicode: HashMap<u32, String>,
    /// Byte length of codes in the `ToUnicode` codespace (composite fonts), 2 if unknown.
    code_len: usize,
    /// Identity-encoded CID font of a public character collection: CID → Unicode where
    /// `ToUnicode` is missing or silent.
    collection: Option<Collection>,
    /// Code → text for simple fonts (from the font's encoding), when no `ToUnicode` entry.
    simple: Vec<Option<String>>,
    /// Code → width in text-space units × 1000 (glyph space).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space → text space scale (0.001, or a Type3 font's matrix).
    scale: f32,
    /// The font looks bold (name, weight or flags).
    pub bold: bool,
}

/// One decoded glyph of a show-text string.
#[derive(Debug)]
pub struct Code {
    /// Its text (may be empty: a glyph with no Unicode meaning).
    pub text: String,
    /// Advance in text space units for a font size of 1.
    pub width: f32,
    /// A one-byte code 32 (word spacing applies to it).
    pub is_space: bool,
}

impl Font {
    /// A font with nothing known: one-byte codes read as Latin-1, average widths.
    pub fn fallback() -> Self {
        Font {
            composite: false,
            predefined: Predefined::Identity,
            to_unicode: HashMap::new(),
            code_len: 1,
            collection: None,
            simple: (0u8..=255)
                .map(|b| Some(char::from(b).to_string()))
                .collect(),
            widths: HashMap::new(),
            default_width: 500.0,
            scale: 0.001,
            bold: false,
        }
    }

    /// Read a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Self {
        let subtype = name(dict.get(b"Subtype").ok()).unwrap_or_default();
        let base = name(dict.get(b"BaseFont").ok()).unwrap_or_default();
        let composite = subtype == "Type0";
        let mut font = Font::fallback();
        font.composite = composite;
        font.to_unicode = HashMap::new();
        let descriptor_owner = if composite {
            descendant(doc, dict).unwrap_or(dict)
        } else {
            dict
        };
        let descriptor =
            deref(doc, descriptor_owner.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        font.bold = is_bold_name(&base) || descriptor.is_some_and(|d| is_bold_descriptor(doc, d));
        if let Some((map, len)) = deref(doc, dict.get(b"ToUnicode").ok())
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.get_plain_content_with_limit(MAX_CMAP_BYTES).ok())
            .map(|bytes| parse_cmap(&bytes))
        {
            font.to_unicode = map;
            font.code_len = len.unwrap_or(if composite { 2 } else { 1 });
        }
        if composite {
            let encoding = name(deref(doc, dict.get(b"Encoding").ok())).unwrap_or_default();
            font.predefined = predefined(&encoding);
            if font.to_unicode.is_empty() {
                font.code_len = 2;
            }
            font.simple.clear();
            font.default_width = 1000.0;
            if let Some(d) = descendant(doc, dict) {
                if font.predefined == Predefined::Identity {
                    font.collection = collection(doc, d);
                }
                if let Some(dw) = deref(doc, d.get(b"DW").ok()).and_then(|o| o.as_float().ok()) {
                    font.default_width = dw;
                }
                if let Some(w) = deref(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    font.widths = cid_widths(doc, w);
                }
            }
        } else {
            font.code_len = 1;
            font.simple = simple_table(doc, dict);
            let first = deref(doc, dict.get(b"FirstChar").ok())
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            if let Some(w) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
                for (i, v) in w.iter().enumerate().take(256) {
                    if let Some(v) = deref(doc, Some(v)).and_then(|o| o.as_float().ok()) {
                        font.widths
                            .insert((first + i as i64).clamp(0, 255) as u32, v);
                    }
                }
            }
            if let Some(mw) = descriptor
                .and_then(|d| deref(doc, d.get(b"MissingWidth").ok()))
                .and_then(|o| o.as_float().ok())
            {
                if mw > 0.0 {
                    font.default_width = mw;
                }
            }
            if subtype == "Type3" {
                if let Some(m) =
                    deref(doc, dict.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok())
                {
                    if let Some(a) = m.first().and_then(|o| o.as_float().ok()) {
                        if a.is_finite() && a.abs() > 0.0 && a.abs() < 1.0 {
                            font.scale = a.abs();
                        }
                    }
                }
            }
        }
        font
    }

    /// Split a show-text string into glyph codes and decode each.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        if !self.composite {
            for &b in bytes {
                let code = u32::from(b);
                let text = self
                    .to_unicode
                    .get(&code)
                    .cloned()
                    .or_else(|| self.simple.get(usize::from(b)).cloned().flatten())
                    .unwrap_or_default();
                out.push(Code {
                    text,
                    width: self.width(code),
                    is_space: b == 32,
                });
            }
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let (code, len, text) = self.next_composite(&bytes[i..]);
            i += len.max(1);
            let width = match self.widths.get(&code) {
                Some(w) => *w * self.scale,
                // Non-identity CMaps map codes to CIDs we do not have: estimate from the text.
                None if self.predefined != Predefined::Identity => {
                    if text.is_ascii() {
                        0.5
                    } else {
                        1.0
                    }
                }
                None => self.default_width * self.scale,
            };
            out.push(Code {
                text,
                width,
                is_space: false,
            });
        }
    }

    fn next_composite(&self, bytes: &[u8]) -> (u32, usize, String) {
        if !self.to_unicode.is_empty() {
            let len = self.code_len.clamp(1, 4).min(bytes.len());
            let code = bytes[..len]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | u32::from(b));
            if let Some(t) = self.to_unicode.get(&code) {
                return (code, len, t.clone());
            }
            if self.predefined == Predefined::Identity {
                return (code, len, self.collection_text(code));
            }
        }
        match self.predefined {
            Predefined::Identity | Predefined::Utf16 => {
                let len = 2.min(bytes.len());
                let code = bytes[..len]
                    .iter()
                    .fold(0u32, |a, &b| (a << 8) | u32::from(b));
                let text = if self.predefined == Predefined::Utf16 {
                    char::from_u32(code).map(String::from).unwrap_or_default()
                } else {
                    self.collection_text(code)
                };
                (code, len, text)
            }
            Predefined::Charset(enc) => {
                let len = if bytes[0] < 0x80 {
                    1
                } else {
                    2.min(bytes.len())
                };
                let code = bytes[..len]
                    .iter()
                    .fold(0u32, |a, &b| (a << 8) | u32::from(b));
                let (text, _, bad) = enc.decode(&bytes[..len]);
                (
                    code,
                    len,
                    if bad {
                        String::new()
                    } else {
                        text.into_owned()
                    },
                )
            }
        }
    }

    /// The text of an Identity-encoded code (a CID) from the font's character collection.
    fn collection_text(&self, cid: u32) -> String {
        self.collection
            .and_then(|c| c.char(cid))
            .map(String::from)
            .unwrap_or_default()
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    let mut o = o?;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => o = doc.get_object(*id).ok()?,
            _ => return Some(o),
        }
    }
    None
}

fn name(o: Option<&Object>) -> Option<String> {
    o.and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn descendant<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    let arr = deref(doc, dict.get(b"DescendantFonts").ok())?
        .as_array()
        .ok()?;
    deref(doc, arr.first())?.as_dict().ok()
}

/// The character collection a CID font's `CIDSystemInfo` names, when we carry its table.
/// Only CFF CID fonts (`CIDFontType0`): their CIDs are the collection's by construction,
/// while TrueType CID fonts often declare a collection and show glyph ids.
fn collection(doc: &Document, cid_font: &Dictionary) -> Option<Collection> {
    if name(cid_font.get(b"Subtype").ok()).as_deref() != Some("CIDFontType0") {
        return None;
    }
    let info = deref(doc, cid_font.get(b"CIDSystemInfo").ok())?
        .as_dict()
        .ok()?;
    let text = |key: &[u8]| {
        deref(doc, info.get(key).ok())
            .and_then(|o| o.as_str().ok())
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    Collection::named(&text(b"Registry")?, &text(b"Ordering")?)
}

/// A font name that says bold (subset prefix `ABCDEF+` ignored).
fn is_bold_name(base: &str) -> bool {
    let lower = base.rsplit('+').next().unwrap_or(base).to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi", "-bd", ",bd"]
        .iter()
        .any(|k| lower.contains(k))
}

fn is_bold_descriptor(doc: &Document, d: &Dictionary) -> bool {
    let weight = deref(doc, d.get(b"FontWeight").ok()).and_then(|o| o.as_float().ok());
    let flags = deref(doc, d.get(b"Flags").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    weight.is_some_and(|w| w >= 600.0) || flags & (1 << 18) != 0
}

fn predefined(encoding: &str) -> Predefined {
    if encoding.starts_with("Uni") && (encoding.contains("UCS2") || encoding.contains("UTF16")) {
        Predefined::Utf16
    } else if encoding.starts_with("GB") {
        Predefined::Charset(encoding_rs::GBK)
    } else if encoding.starts_with("B5")
        || encoding.starts_with("ETen")
        || encoding.starts_with("HKscs")
    {
        Predefined::Charset(encoding_rs::BIG5)
    } else if encoding.starts_with("90ms")
        || encoding.starts_with("83pv")
        || encoding.contains("RKSJ")
    {
        Predefined::Charset(encoding_rs::SHIFT_JIS)
    } else if encoding.starts_with("KSC") {
        Predefined::Charset(encoding_rs::EUC_KR)
    } else {
        Predefined::Identity
    }
}

/// The `/W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_CMAP_ENTRIES {
        let Some(first) = deref(doc, w.get(i)).and_then(|o| o.as_i64().ok()) else {
            break;
        };
        let first = first.clamp(0, i64::from(u32::MAX)) as u32;
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate().take(MAX_CMAP_ENTRIES) {
                    if let Some(v) = deref(doc, Some(v)).and_then(|o| o.as_float().ok()) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = o.as_i64().unwrap_or(0).clamp(0, i64::from(u32::MAX)) as u32;
                let v = deref(doc, w.get(i + 2))
                    .and_then(|o| o.as_float().ok())
                    .unwrap_or(1000.0);
                let last = last.min(first.saturating_add(MAX_CMAP_ENTRIES as u32));
                for c in first..=last {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// Text of each one-byte code of a simple font, from its `/Encoding` (lopdf knows the standard
/// encodings and `Differences` with glyph names).
fn simple_table(doc: &Document, dict: &Dictionary) -> Vec<Option<String>> {
    let mut table: Vec<Option<String>> = vec![None; 256];
    // lopdf prefers the ToUnicode map when there is no /Encoding; ours is read separately, so
    // ask with the font dictionary minus ToUnicode to get the encoding's own view.
    let mut plain = dict.clone();
    plain.remove(b"ToUnicode");
    if plain.get(b"Encoding").is_err() {
        plain.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    }
    let Ok(enc) = plain.get_font_encoding(doc) else {
        return Font::fallback().simple;
    };
    for (b, slot) in table.iter_mut().enumerate() {
        if let Ok(s) = enc.bytes_to_string(&[b as u8]) {
            if !s.is_empty() && !s.contains('\u{FFFD}') {
                *slot = Some(s);
            }
        }
    }
    table
}

/// Tokens of a CMap program that matter for `ToUnicode` maps.
#[derive(Debug)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                let digits: Vec<u8> = data[start..end]
                    .iter()
                    .filter(|b| b.is_ascii_hexdigit())
                    .copied()
                    .collect();
                let mut bytes = Vec::with_capacity(digits.len() / 2 + 1);
                for pair in digits.chunks(2) {
                    let hi = hex(pair[0]);
                    let lo = pair.get(1).map_or(0, |&d| hex(d));
                    bytes.push(hi << 4 | lo);
                }
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings do not occur in the sections we read; skip them.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                out.push(Tok::Word(&data[start..i]));
            }
        }
    }
    out
}

fn hex(d: u8) -> u8 {
    match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        b'A'..=b'F' => d - b'A' + 10,
        _ => 0,
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |a, &b| (a << 8) | u32::from(b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(*p.get(1).unwrap_or(&0)))
        .collect();
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

/// Parse a `ToUnicode` CMap: code → text, and the code length of its codespace.
pub fn parse_cmap(data: &[u8]) -> (HashMap<u32, String>, Option<usize>) {
    let toks = tokens(data);
    let mut map = HashMap::new();
    let mut code_len = None;
    let mut i = 0;
    while i < toks.len() && map.len() < MAX_CMAP_ENTRIES {
        match &toks[i] {
            Tok::Word(b"begincodespacerange") => {
                if let Some(Tok::Hex(lo)) = toks.get(i + 1) {
                    code_len.get_or_insert(lo.len().clamp(1, 4));
                }
                i += 1;
            }
            Tok::Word(b"beginbfchar") => {
                i += 1;
                while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) =
                    (toks.get(i), toks.get(i + 1))
                {
                    map.insert(code_of(src), utf16(dst));
                    i += 2;
                }
            }
            Tok::Word(b"beginbfrange") => {
                i += 1;
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1))
                {
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    let hi = hi.min(lo.saturating_add(65_535));
                    match toks.get(i + 2) {
                        Some(Tok::Hex(dst)) => {
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|p| u16::from(p[0]) << 8 | u16::from(*p.get(1).unwrap_or(&0)))
                                .collect();
                            for code in lo..=hi {
                                if map.len() >= MAX_CMAP_ENTRIES {
                                    break;
                                }
                                map.insert(
                                    code,
                                    char::decode_utf16(units.iter().copied())
                                        .filter_map(Result::ok)
                                        .collect(),
                                );
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        Some(Tok::Open) => {
                            let mut k = i + 3;
                            let mut code = lo;
                            while let Some(Tok::Hex(dst)) = toks.get(k) {
                                if code <= hi {
                                    map.insert(code, utf16(dst));
                                }
                                code = code.saturating_add(1);
                                k += 1;
                            }
                            i = k + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    (map, code_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_sections_are_read() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <674E> endbfchar\n\
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<5F20> <0066006C>] endbfrange";
        let (map, len) = parse_cmap(cmap);
        assert_eq!(len, Some(2));
        assert_eq!(map.get(&0x10).map(String::as_str), Some("李"));
        assert_eq!(map.get(&0x22).map(String::as_str), Some("C"));
        assert_eq!(map.get(&0x30).map(String::as_str), Some("张"));
        assert_eq!(map.get(&0x31).map(String::as_str), Some("fl"));
        assert_eq!(map.get(&0x32), None);
    }

    #[test]
    fn bold_names() {
        assert!(is_bold_name("ABCDEF+SourceSans-Semibold"));
        assert!(is_bold_name("Arial,Bold"));
        assert!(!is_bold_name("ABCDEF+Helvetica"));
    }
}
