//! PDF text layer → [`Document`]: lines rebuilt from positioned glyphs, columns read one after
//! the other, repeated page headers/footers dropped, words hyphenated across line ends
//! re-joined, link annotations kept.
//!
//! lopdf parses the file (objects, streams, decryption, content-stream tokens); the text
//! interpretation (fonts, CMaps, positions) and the layout are ours: see `ARCHITECTURE.md`,
//! "PDF text: lopdf plus our own interpretation".

mod cid;
mod content;
mod fonts;
mod layout;
mod rules;

use super::{Document, DocumentBuilder, LineHint, ReadError};
use layout::Line;
use std::collections::HashMap;

/// Most pages read; the rest of a longer file is ignored.
const MAX_PAGES: usize = 2_000;
/// Largest stream lopdf decompresses while loading (object and xref streams).
const MAX_STREAM_BYTES: usize = 64 << 20;

/// Read the text layer of a PDF.
///
/// Errors: [`ReadError::Malformed`] for a damaged file or one encrypted with a non-empty
/// password, [`ReadError::NoText`] for a PDF without a text layer (scanned pages).
pub fn read_pdf(bytes: &[u8]) -> Result<Document, ReadError> {
    // lopdf may panic on hostile input: contain it.
    match std::panic::catch_unwind(|| read_inner(bytes)) {
        Ok(r) => r,
        Err(_) => Err(ReadError::Malformed(
            "damaged PDF (the parser gave up)".into(),
        )),
    }
}

fn read_inner(bytes: &[u8]) -> Result<Document, ReadError> {
    // A complete PDF ends with `%%EOF` (a few bytes of trailing junk are common): without it the
    // file was cut short, and whatever a lenient parser recovers from it is not the document.
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(ReadError::Malformed(
            "truncated PDF (no %%EOF end marker): the file was cut short".into(),
        ));
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword => {
            ReadError::Malformed("encrypted PDF: needs a password".into())
        }
        e => ReadError::Malformed(format!("damaged PDF: {e}")),
    })?;
    if doc.is_encrypted() {
        return Err(ReadError::Malformed(
            "encrypted PDF: needs a password".into(),
        ));
    }
    let pages: Vec<_> = doc.get_pages().into_values().take(MAX_PAGES).collect();
    if pages.is_empty() {
        return Err(ReadError::Malformed("damaged PDF: no pages".into()));
    }
    let mut interp = content::Interpreter::new(&doc);
    let mut page_lines: Vec<(Vec<Line>, [f32; 2])> = Vec::with_capacity(pages.len());
    let mut links = Vec::new();
    for &page in &pages {
        interp.page(page);
        let glyphs = std::mem::take(&mut interp.glyphs);
        let lines = layout::page_lines(glyphs, &interp.rules);
        page_lines.push((lines, vertical_extent(&doc, page)));
        page_links(&doc, page, &mut links);
    }
    if page_lines
        .iter()
        .all(|(l, _)| l.iter().all(|l| l.text.trim().is_empty()))
    {
        return Err(ReadError::NoText(
            "no text layer (a scanned PDF?): run OCR first".into(),
        ));
    }
    drop_repeated_margins(&mut page_lines);
    let mut b = DocumentBuilder::new();
    for (n, (lines, _)) in page_lines.iter_mut().enumerate() {
        rejoin_hyphens(lines);
        let left = lines
            .iter()
            .map(|l| l.bbox[0])
            .fold(f32::INFINITY, f32::min);
        b.push_break();
        for l in lines.iter() {
            if l.text.trim().is_empty() {
                continue;
            }
            if l.block_start {
                b.push_break();
            }
            let hint = LineHint {
                page: Some(n as u32 + 1),
                column: Some(l.column),
                bold: l.bold,
                font_size: Some((l.size * 10.0).round() / 10.0),
                indent: Some(((l.bbox[0] - left) * 10.0).round() / 10.0),
                bbox: Some(l.bbox),
                ..LineHint::default()
            };
            b.push_line(&l.text, hint);
        }
    }
    for l in &links {
        b.push_link(l);
    }
    if !b.has_text() {
        return Err(ReadError::NoText(
            "no text layer (a scanned PDF?): run OCR first".into(),
        ));
    }
    Ok(b.finish("PDF"))
}

/// Bottom and top of the page's media box.
fn vertical_extent(doc: &lopdf::Document, page: lopdf::ObjectId) -> [f32; 2] {
    let mut dict = doc.get_dictionary(page).ok();
    for _ in 0..32 {
        let Some(d) = dict else { break };
        if let Ok(arr) = d.get(b"MediaBox").and_then(|o| match o {
            lopdf::Object::Reference(id) => doc.get_object(*id).and_then(|o| o.as_array()),
            o => o.as_array(),
        }) {
            let v: Vec<f32> = arr.iter().filter_map(|o| o.as_float().ok()).collect();
            if v.len() == 4 {
                return [v[1].min(v[3]), v[1].max(v[3])];
            }
        }
        dict = d
            .get(b"Parent")
            .and_then(|o| o.as_reference())
            .ok()
            .and_then(|id| doc.get_dictionary(id).ok());
    }
    [0.0, 842.0]
}

/// URI targets of a page's link annotations.
fn page_links(doc: &lopdf::Document, page: lopdf::ObjectId, out: &mut Vec<String>) {
    let Ok(annots) = doc.get_page_annotations(page) else {
        return;
    };
    for a in annots.into_iter().take(1_000) {
        if a.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Link".as_slice()) {
            continue;
        }
        let action = match a.get(b"A") {
            Ok(lopdf::Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(o) => o.as_dict().ok(),
            Err(_) => None,
        };
        let Some(uri) = action.and_then(|d| match d.get(b"URI") {
            Ok(lopdf::Object::Reference(id)) => doc.get_object(*id).ok(),
            Ok(o) => Some(o),
            Err(_) => None,
        }) else {
            continue;
        };
        if let Ok(s) = uri.as_str() {
            let s = lopdf::decode_text_string(uri)
                .unwrap_or_else(|_| String::from_utf8_lossy(s).into_owned());
            let s = s.trim();
            let scheme_ok = ["http://", "https://", "mailto:", "tel:"]
                .iter()
                .any(|p| s.len() > p.len() && s[..p.len()].eq_ignore_ascii_case(p));
            if scheme_ok && s.len() < 2_000 {
                out.push(s.to_owned());
            }
        }
    }
}

/// A line's text with digits folded, so "Page 2 of 3" and "Page 3 of 3" compare equal.
fn margin_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drop lines in the top or bottom margin (outer 9 % of the page) whose text, digits folded,
/// recurs on at least half of the pages (and at least two): running headers, footers, page
/// numbers.
fn drop_repeated_margins(pages: &mut [(Vec<Line>, [f32; 2])]) {
    if pages.len() < 2 {
        return;
    }
    let in_margin = |l: &Line, ext: &[f32; 2]| {
        let h = (ext[1] - ext[0]).max(1.0);
        l.bbox[1] > ext[1] - 0.09 * h || l.bbox[3] < ext[0] + 0.09 * h
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (lines, ext) in pages.iter() {
        let mut seen: Vec<String> = lines
            .iter()
            .filter(|l| in_margin(l, ext))
            .map(|l| margin_key(&l.text))
            .collect();
        seen.sort();
        seen.dedup();
        for k in seen {
            *counts.entry(k).or_default() += 1;
        }
    }
    let need = (pages.len() / 2).max(2);
    for (lines, ext) in pages.iter_mut() {
        lines.retain(|l| {
            !(in_margin(l, ext) && counts.get(&margin_key(&l.text)).is_some_and(|&c| c >= need))
        });
    }
}

/// A word hyphenated at a line end ("manage-" / "ment of…") is re-joined on the first line
/// when the next line of the same column starts in lower case.
fn rejoin_hyphens(lines: &mut [Line]) {
    for i in 1..lines.len() {
        let (head, tail) = lines.split_at_mut(i);
        let (prev, next) = (&mut head[i - 1], &mut tail[0]);
        if prev.column != next.column || next.block_start {
            continue;
        }
        let mut rev = prev.text.chars().rev();
        let (Some('-'), Some(before)) = (rev.next(), rev.next()) else {
            continue;
        };
        if !before.is_lowercase() || !next.text.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let cut = next.text.find(' ').unwrap_or(next.text.len());
        let word: String = next.text[..cut].to_owned();
        prev.text.pop();
        prev.text.push_str(&word);
        next.text = next.text[cut..].trim_start().to_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Object, Stream};

    /// A PDF with one page per content stream, fonts `/F1` (Helvetica, WinAnsi, 500-unit
    /// widths), `/F2` (bold), `/F3` (a Type0 Identity-H font whose ToUnicode maps
    /// codes 1… to `cjk`'s characters), `/F4` and `/F5` (Identity-H fonts of the Adobe-GB1
    /// collection without ToUnicode, as xelatex embeds its default Chinese fonts: a CFF CID
    /// font and a TrueType one), and optional link annotations on page 1.
    fn pdf(pages: &[String], cjk: &str, links: &[&str]) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let widths: Vec<Object> = (32..=126).map(|_| Object::Integer(500)).collect();
        let f1 = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 126, "Widths" => widths.clone(),
        });
        let f2 = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold",
            "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 126, "Widths" => widths,
        });
        let mut cmap = String::from("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
        let chars: Vec<char> = cjk.chars().collect();
        cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
        for (i, c) in chars.iter().enumerate() {
            cmap.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, *c as u32));
        }
        cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end");
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
        let cid = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+FictionalSongti",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
            "DW" => 1000,
        });
        let f3 = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+FictionalSongti",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()], "ToUnicode" => to_unicode,
        });
        let mut gb1_font = |subtype: &str| {
            let cid = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => subtype, "BaseFont" => "ABCDEF+FictionalSong-Regular",
                "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("GB1"), "Supplement" => 5 },
                "DW" => 1000,
            });
            doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+FictionalSong-Regular-Identity-H",
                "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
            })
        };
        let f4 = gb1_font("CIDFontType0");
        let f5 = gb1_font("CIDFontType2");
        let resources = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3, "F4" => f4, "F5" => f5 },
        });
        let mut kids = Vec::new();
        for (n, content) in pages.iter().enumerate() {
            let c = doc.add_object(Stream::new(dictionary! {}, content.clone().into_bytes()));
            let mut page = dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => c, "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            };
            if n == 0 && !links.is_empty() {
                let annots: Vec<Object> = links
                    .iter()
                    .map(|u| {
                        Object::Dictionary(dictionary! {
                            "Type" => "Annot", "Subtype" => "Link",
                            "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                            "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal(*u) },
                        })
                    })
                    .collect();
                page.set("Annots", annots);
            }
            kids.push(Object::Reference(doc.add_object(page)));
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("in-memory PDF");
        out
    }

    /// Show `text` with font `font` at 10 pt from (x, y).
    fn show(font: &str, x: f32, y: f32, text: &str) -> String {
        format!("BT /{font} 10 Tf 1 0 0 1 {x} {y} Tm ({text}) Tj ET\n")
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut c = show("F2", 40.0, 740.0, "Skills");
        let mut y = 720.0;
        for s in ["Rust", "Go", "Kafka", "Redis", "SQL", "Linux"] {
            c += &show("F1", 40.0, y, s);
            y -= 16.0;
        }
        c += &show("F2", 220.0, 740.0, "Experience");
        let mut y = 716.0;
        for k in 0..8 {
            c += &show(
                "F1",
                220.0,
                y,
                &format!("Built the fictional ledger service number {k} at scale"),
            );
            y -= 13.0;
        }
        let doc = read_pdf(&pdf(&[c], "", &[])).expect("reads");
        let lines: Vec<&str> = doc.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            &lines[..7],
            ["Skills", "Rust", "Go", "Kafka", "Redis", "SQL", "Linux"]
        );
        assert_eq!(lines[7], "Experience");
        assert!(lines[8].starts_with("Built the fictional ledger service number 0"));
        let exp = doc
            .lines
            .iter()
            .find(|l| doc.text.chars().skip(l.start).take(10).collect::<String>() == "Experience");
        assert!(exp.is_some_and(|l| l.bold && l.column == Some(1) && l.page == Some(1)));
    }

    #[test]
    fn cjk_text_comes_through_to_unicode() {
        // Codes 1, 2, 3, 4 → 张, 三, 简, 历 (two bytes each, Identity-H).
        let c = "BT /F3 12 Tf 1 0 0 1 72 700 Tm <0001000200030004> Tj ET\n".to_owned();
        let doc = read_pdf(&pdf(&[c], "张三简历", &[])).expect("reads");
        assert_eq!(doc.text, "张三简历");
        assert_eq!(doc.lines[0].font_size, Some(12.0));
    }

    #[test]
    fn cff_cid_fonts_without_to_unicode_read_through_their_collection() {
        // Adobe-GB1 CIDs: 4000 姓, 34 "A", 17 "0" (Identity-H: code = CID).
        let c = "BT /F4 12 Tf 1 0 0 1 72 700 Tm <0FA0002200110011> Tj ET\n".to_owned();
        let doc = read_pdf(&pdf(&[c], "", &[])).expect("reads");
        assert_eq!(doc.text, "姓A00");
        // A TrueType CID font declaring the same collection may show glyph ids: no guess.
        let c = "BT /F5 12 Tf 1 0 0 1 72 700 Tm <0FA00022> Tj ET\n".to_owned();
        let c = c + &show("F1", 72.0, 680.0, "Fictional Widgets Ltd");
        let doc = read_pdf(&pdf(&[c], "", &[])).expect("reads");
        assert_eq!(doc.text, "Fictional Widgets Ltd");
    }

    #[test]
    fn actual_text_replaces_the_glyphs_it_spans() {
        // A word processor's glyph fallback: every character drawn as code 1 of a font that
        // maps it to one placeholder, the real text in /ActualText (UTF-16BE with its BOM).
        let span = |x: f32, utf16: &str| {
            format!("/Span <</ActualText <FEFF{utf16}>>> BDC 1 0 0 1 {x} 700 Tm /F3 12 Tf <0001> Tj EMC\n")
        };
        let mut c = String::from("BT\n");
        c += &span(72.0, "5F20"); // 张
        c += &span(84.0, "4E09"); // 三
        c += "/Artifact BMC 1 0 0 1 96 700 Tm /F1 12 Tf (:) Tj EMC\n";
        c += &span(102.0, "0020"); // a space drawn as a placeholder
        c += "1 0 0 1 110 700 Tm /F1 12 Tf (Go) Tj\nET\n";
        let doc = read_pdf(&pdf(&[c], "个", &[])).expect("reads");
        assert_eq!(doc.text, "张三: Go");
    }

    #[test]
    fn hyphenated_words_are_rejoined_and_right_aligned_dates_kept() {
        let mut c = show("F2", 72.0, 700.0, "Fictional Widgets Ltd");
        c += &show("F1", 480.0, 700.0, "2019 - 2021");
        c += &show("F1", 72.0, 686.0, "Led the manage-");
        c += &show("F1", 72.0, 672.0, "ment of a team of four engineers.");
        let doc = read_pdf(&pdf(&[c], "", &[])).expect("reads");
        let lines: Vec<&str> = doc.text.lines().collect();
        assert_eq!(lines[0], "Fictional Widgets Ltd  2019 - 2021");
        assert_eq!(lines[1], "Led the management");
        assert_eq!(lines[2], "of a team of four engineers.");
    }

    #[test]
    fn repeated_footers_are_dropped_and_links_kept() {
        let pages: Vec<String> = (1..=3)
            .map(|n| {
                show("F1", 72.0, 700.0, &format!("Body text of page {n}"))
                    + &show("F1", 290.0, 30.0, &format!("Page {n} of 3"))
            })
            .collect();
        let doc = read_pdf(&pdf(
            &pages,
            "",
            &[
                "mailto:someone@example.org",
                "https://github.com/example",
                "file:///tmp/x",
            ],
        ))
        .expect("reads");
        assert!(!doc.text.contains("Page"), "{}", doc.text);
        assert!(doc.text.contains("Body text of page 3"));
        assert_eq!(doc.page_at(doc.text.find("page 3").unwrap_or(0)), Some(3));
        assert_eq!(
            doc.links,
            ["mailto:someone@example.org", "https://github.com/example"]
        );
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let good = pdf(&[show("F1", 72.0, 700.0, "Hello")], "", &[]);
        assert!(matches!(
            read_pdf(&good[..good.len() / 3]),
            Err(ReadError::Malformed(_))
        ));
        assert!(matches!(
            read_pdf(b"%PDF-1.4\n garbage"),
            Err(ReadError::Malformed(_))
        ));
        let image_only = pdf(&["q 100 0 0 100 0 0 cm 0 0 1 1 re f Q".to_owned()], "", &[]);
        assert!(matches!(read_pdf(&image_only), Err(ReadError::NoText(_))));
    }
}
