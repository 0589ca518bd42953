//! Plain text and Markdown: bytes → [`Document`] (decoded, NFC-normalised text with PDF
//! copy-paste code points mapped, no line hints).
//!
//! Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and legacy
//! encodings such as GB18030/GBK detected with `chardetng` — never assumed. Text an export
//! flattened into one line (line breaks left as runs of spaces) gets its lines back
//! ([`super::flat`]).
//! Offsets reported by later stages are character offsets into [`Document::text`].

use super::{Document, ReadError};
use unicode_normalization::UnicodeNormalization;

/// Character offset of a byte offset into `text` (clamped to the text).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

/// Decode bytes into a [`Document`].
pub fn decode(bytes: &[u8]) -> Result<Document, ReadError> {
    if let Some(kind) = binary_signature(bytes) {
        return Err(ReadError::Binary(kind));
    }
    let (text, encoding) = decode_text(bytes)?;
    if text.contains('\0') {
        return Err(ReadError::Binary("NUL bytes"));
    }
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(Document {
        text: nfc(&super::flat::repair(
            text.trim_start_matches('\u{feff}').to_owned(),
        )),
        encoding,
        ..Document::default()
    })
}

/// `text` in Unicode NFC, with the code points that text copied out of a PDF carries mapped
/// as the other readers map them ([`super::builder::normalize_char`]: Kangxi radicals
/// "⼈⽅" to "人方", zero-width and private-use characters dropped). Text already clean
/// (nearly all of it) is copied, not recomposed.
fn nfc(text: &str) -> String {
    let odd = |c: char| super::builder::normalize_char(c) != Some(c);
    let text = if text.chars().any(odd) {
        std::borrow::Cow::Owned(
            text.chars()
                .filter_map(super::builder::normalize_char)
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if unicode_normalization::is_nfc(&text) {
        text.into_owned()
    } else {
        text.nfc().collect()
    }
}

fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ReadError::BadBom(enc.name()));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), "UTF-8"));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors || enc == encoding_rs::UTF_8 {
        return Err(ReadError::Undecodable(enc.name()));
    }
    Ok((text.into_owned(), enc.name()))
}

/// Recognise common binary formats by their magic bytes, and NUL-heavy content.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x7fELF", "ELF executable"),
        (b"%PDF", "PDF"),
        (b"\x1f\x8b", "gzip archive"),
        (b"MZ", "Windows executable"),
    ];
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    let has_utf16_bom = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    (!has_utf16_bom && nuls > 0).then_some("NUL bytes")
}

/// Fold a full-width ASCII variant or ideographic space to its ASCII form.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_fast_path_is_nfc() {
        for t in [
            "",
            "plain ASCII",
            "Cafe\u{301} 张三 caf\u{e9}",
            "\u{1100}\u{1161}\u{11a8}",
            "\u{212b}ngstr\u{f6}m \u{2126}",
            "a\u{323}\u{302} \u{fb01}",
        ] {
            assert_eq!(nfc(t), t.nfc().collect::<String>(), "{t:?}");
        }
    }

    #[test]
    fn text_copied_out_of_a_pdf_reads_as_written() {
        // Kangxi radicals for 方 and 人, a zero-width space, an icon font's private-use glyph.
        let d = decode("联系\u{2F45}式 \u{2F08}事\u{200B}部 \u{F0E0}mail".as_bytes()).unwrap();
        assert_eq!(d.text, "联系方式 人事部 mail");
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("héllo".as_bytes()).unwrap().text, "héllo");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("简历".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "简历");
    }

    #[test]
    fn utf16_le_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Résumé 简历".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "Résumé 简历");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn gbk_is_detected_not_assumed() {
        let text = "个人简历\n姓名：张三\n工作经历：腾讯科技有限公司 高级工程师，负责后台开发。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert!(d.encoding.starts_with("GB"), "{}", d.encoding);
    }

    #[test]
    fn binary_and_empty_inputs_are_errors() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n....").unwrap_err(),
            ReadError::Binary("PNG image")
        );
        assert!(matches!(
            decode(b"\x7fELF\x02\x01"),
            Err(ReadError::Binary(_))
        ));
        assert_eq!(decode(b"  \n\t ").unwrap_err(), ReadError::Empty);
        assert_eq!(decode(b"").unwrap_err(), ReadError::Empty);
        assert!(matches!(decode(b"abc\0def"), Err(ReadError::Binary(_))));
    }

    #[test]
    fn nfc_normalisation_and_char_offsets() {
        let d = decode("Re\u{301}sume\u{301}".as_bytes()).unwrap();
        assert_eq!(d.text, "Résumé");
        assert_eq!(d.char_offset("Ré".len()), 2);
        assert!(d.lines.is_empty(), "plain text has no line hints");
        assert_eq!(char_offset("简历ab", 6), 2);
        assert_eq!(char_offset("ab", 99), 2);
    }

    #[test]
    fn width_folding() {
        assert_eq!(fold_width('１'), '1');
        assert_eq!(fold_width('：'), ':');
        assert_eq!(fold_width('\u{3000}'), ' ');
        assert_eq!(fold_width('简'), '简');
    }
}
