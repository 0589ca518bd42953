//! Fuzz-target bodies, shared by the libFuzzer targets in `fuzz/` and by the stable
//! regression tests (`tests/reliability.rs`) that replay the committed seeds and every
//! crash the fuzzers found.
//!
//! Each function takes arbitrary bytes, drives one part of the library the way the CLI
//! does, and panics when an invariant breaks (a panic is what libFuzzer records as a
//! crash). They are not part of the supported API.

use crate::extract::{dates, numbers};
use crate::ingest::{extract_record, DocFormat, InputFormat};
use crate::map::{record_to_quads, MapOptions};
use crate::model::CareerRecord;
use crate::read::{self, Document, ReadError};
use unicode_normalization::is_nfc;

/// Inputs up to this many bytes are extracted twice to check determinism.
const DETERMINISM_CHECK_MAX: usize = 16 * 1024;

/// The text-file path of `careergraph ingest`/`extract`: bytes → decode (encoding
/// detection, NFC) → layout → extraction → RDF mapping.
///
/// Bytes that start with `{` also go through the JSON Resume path.
///
/// Checks that extraction never panics, that every evidence span lies inside the decoded
/// text (character offsets, `start <= end`) and contains its quote, that extraction is
/// deterministic, and that the record maps to quads under the default options.
pub fn extract(data: &[u8]) {
    // The format only labels the record; layout detects Markdown by itself. Bytes that
    // start like JSON also go through the JSON Resume reader (its evidence is anchored in
    // the same decoded text).
    let json = data.trim_ascii_start().starts_with(b"{");
    let formats: &[InputFormat] = if json {
        &[InputFormat::Text, InputFormat::JsonResume]
    } else {
        &[InputFormat::Text]
    };
    for &format in formats {
        let Ok(mut record) = extract_record("fuzz.txt", format, data) else {
            // Not text (binary, empty, undecodable) or not a JSON Resume: reported to the
            // user, nothing to check.
            continue;
        };
        if data.len() <= DETERMINISM_CHECK_MAX {
            let again = extract_record("fuzz.txt", format, data);
            assert!(
                again.is_ok_and(|r| r == record),
                "extraction is not deterministic"
            );
        }
        let Ok(doc) = crate::read::decode(data) else {
            panic!("extract_record succeeded on bytes that read::decode rejects");
        };
        check_evidence(&mut record, &doc.text);
        if let Err(e) = record_to_quads(&record, &MapOptions::default()) {
            panic!("the record does not map to RDF: {e}");
        }
    }
}

fn check_evidence(record: &mut CareerRecord, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    crate::extract::visit_evidence(record, &mut |ev| {
        if let Some(e) = ev {
            assert!(
                e.start <= e.end && e.end <= chars.len(),
                "evidence {}..{} outside the text ({} chars): {:?}",
                e.start,
                e.end,
                chars.len(),
                e.text
            );
            let span: String = chars[e.start..e.end].iter().collect();
            assert!(
                span.contains(e.text.as_str()),
                "evidence quote {:?} is not inside its span {}..{} = {span:?}",
                e.text,
                e.start,
                e.end
            );
            assert!(
                (0.0..=1.0).contains(&e.confidence),
                "confidence {} out of 0..=1",
                e.confidence
            );
        }
    });
    for m in record
        .metrics
        .iter()
        .chain(record.positions.iter().flat_map(|p| &p.metrics))
    {
        assert!(
            m.value.is_finite() && m.value > 0.0,
            "metric value {} in {:?}",
            m.value,
            m.text
        );
    }
}

/// Text from fuzz bytes: UTF-8 as it is, anything else decoded lossily (so the parsers
/// also see U+FFFD and every other char).
fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} not on char boundaries"
    );
}

/// The number parser (`extract::numbers`) and the metric finder built on it.
///
/// Checks spans (inside the text, on char boundaries, ordered and non-overlapping for
/// `find_quantities`), that values are never NaN or negative, and that metric evidence
/// quotes the text at its offsets.
pub fn numbers(data: &[u8]) {
    let text = text_of(data);
    let text = text.as_ref();
    if let Some(q) = numbers::parse_quantity(text) {
        check_span(text, q.start, q.end, "parse_quantity");
        assert!(
            !q.value.is_nan() && q.value >= 0.0,
            "parse_quantity value {}",
            q.value
        );
    }
    let mut last_end = 0;
    for q in numbers::find_quantities(text) {
        check_span(text, q.start, q.end, "find_quantities");
        assert!(
            q.start >= last_end,
            "find_quantities: overlapping spans at {}",
            q.start
        );
        assert!(
            !q.value.is_nan() && q.value >= 0.0,
            "find_quantities value {}",
            q.value
        );
        last_end = q.end;
    }
    if let Some(v) = numbers::parse_chinese_number(text) {
        assert!(!v.is_nan() && v >= 0.0, "parse_chinese_number value {v}");
    }
    // The qualifier before a number (as the metric finder asks for it when a currency
    // marker sits between them): at every digit and at the end of the text.
    let ends = text
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .chain([text.len()]);
    for i in ends {
        if let Some((_, start)) = numbers::qualifier_before(text, i) {
            check_span(text, start, i, "qualifier_before");
        }
    }
    for m in crate::extract::find_metrics(text) {
        let Some(ev) = &m.evidence else {
            panic!("metric without evidence");
        };
        check_span(text, ev.start, ev.end, "find_metrics");
        assert_eq!(
            &text[ev.start..ev.end],
            ev.text,
            "metric evidence does not quote the text"
        );
        assert!(
            m.value.is_finite() && m.value > 0.0,
            "metric value {}",
            m.value
        );
    }
}

/// The date parser (`extract::dates`).
///
/// Checks spans (inside the text, on char boundaries, ordered), that every date is a valid
/// calendar date in the accepted year range and that `parse_date` agrees with
/// [`dates::PartialDate::new`] and its ISO form.
pub fn dates(data: &[u8]) {
    let text = text_of(data);
    let text = text.as_ref();
    let valid = |d: &dates::PartialDate, what: &str| {
        assert_eq!(
            dates::PartialDate::new(d.year, d.month, d.day).as_ref(),
            Some(d),
            "{what}: invalid date {d:?}"
        );
        let iso = d.iso();
        assert!(
            matches!(iso.len(), 4 | 7 | 10),
            "{what}: ISO form {iso:?} of {d:?}"
        );
    };
    if let Some(d) = dates::parse_date(text) {
        valid(&d, "parse_date");
    }
    let mut last_start = 0;
    for r in dates::find_date_ranges(text) {
        check_span(text, r.start_offset, r.end_offset, "find_date_ranges");
        assert!(
            r.start_offset >= last_start,
            "find_date_ranges: out of order at {}",
            r.start_offset
        );
        last_start = r.start_offset;
        valid(&r.start, "find_date_ranges start");
        if let Some(dates::DateEnd::Date(d)) = &r.end {
            valid(d, "find_date_ranges end");
        }
    }
}

/// Separates the parts of a `docx` / `pdf` fuzz input that is not a whole file (see
/// [`docx`] and [`pdf`]); also in the targets' dictionaries.
pub const PART_SEPARATOR: &[u8] = b"\n%%PART%%\n";

/// Readers' inputs up to this many bytes are read twice to check determinism.
const READ_DETERMINISM_MAX: usize = 64 * 1024;

/// The PDF reader (`read::read_pdf`), then extraction and mapping of what it read.
///
/// Bytes that start with `%PDF` are a whole file. Anything else is the content stream of
/// one A4 page (set in a standard font), optionally followed by [`PART_SEPARATOR`] and a
/// ToUnicode CMap for that font, wrapped here into a well-formed PDF, so that the fuzzer
/// reaches the content-stream, CMap and layout code without having to get cross-reference
/// tables and compression right. Invariants: those of every reader ([`check_document`]),
/// and each evidence span's page is the page of the line it starts on.
pub fn pdf(data: &[u8]) {
    let bytes = if data.starts_with(b"%PDF") {
        data.to_vec()
    } else {
        let (content, cmap) = split_once(data);
        one_page_pdf(content, cmap)
    };
    read_and_extract(&bytes, DocFormat::Pdf, read::read_pdf);
}

/// The DOCX reader (`read::read_docx`), then extraction and mapping of what it read.
///
/// Bytes that start like a ZIP file are a whole DOCX. Anything else is split at
/// [`PART_SEPARATOR`] into `word/document.xml`, `word/styles.xml`, `word/numbering.xml` and
/// `word/_rels/document.xml.rels` (missing parts are left out), stored uncompressed in a
/// ZIP built here, so that the fuzzer reaches the XML reading (tables, text boxes,
/// numbering, fields) instead of stopping at checksums. Invariants: [`check_document`].
pub fn docx(data: &[u8]) {
    let bytes = if data.starts_with(b"PK") {
        data.to_vec()
    } else {
        let names = [
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/_rels/document.xml.rels",
        ];
        let parts: Vec<(&str, &[u8])> = names.into_iter().zip(split_all(data)).collect();
        stored_zip(&parts)
    };
    read_and_extract(&bytes, DocFormat::Docx, read::read_docx);
}

/// The HTML reader (`read::read_html`: charset detection, tags, entities, block
/// structure), then extraction and mapping. Invariants: [`check_document`].
pub fn html(data: &[u8]) {
    read_and_extract(data, DocFormat::Html, read::read_html);
}

/// Read `bytes` with `reader`, check the document, then run the CLI's path for the format
/// (detection, the same reader, extraction, page/box assignment, RDF mapping) and check the
/// record against the document.
fn read_and_extract(
    bytes: &[u8],
    format: DocFormat,
    reader: fn(&[u8]) -> Result<Document, ReadError>,
) {
    let doc = match reader(bytes) {
        Ok(doc) => doc,
        Err(e) => {
            // Errors are one line (the CLI prints "file: error").
            let msg = e.to_string();
            assert!(
                !msg.is_empty() && !msg.contains('\n'),
                "error message {msg:?}"
            );
            return;
        }
    };
    check_document(&doc, bytes.len());
    if bytes.len() <= READ_DETERMINISM_MAX {
        let again = reader(bytes).unwrap_or_else(|e| panic!("read once, then failed: {e}"));
        assert!(
            again.text == doc.text && again.lines == doc.lines && again.links == doc.links,
            "reading is not deterministic"
        );
    }
    // The CLI detects the format from the bytes; a document another reader claims (HTML
    // that is also valid text…) is checked by its own target.
    if read::detect(bytes, Some(format.ext())).is_ok_and(|f| f.name() != format.ext()) {
        return;
    }
    let Ok(mut record) = extract_record("fuzz", InputFormat::Document(format), bytes) else {
        panic!("the reader succeeded but the extraction path failed");
    };
    crate::extract::visit_evidence(&mut record, &mut |ev| {
        if let Some(e) = ev {
            assert_eq!(
                e.page,
                doc.page_at(e.start),
                "evidence page differs from its line's page"
            );
            if let Some(b) = e.bbox {
                check_box(b);
            }
        }
    });
    check_evidence(&mut record, &doc.text);
    if let Err(e) = record_to_quads(&record, &MapOptions::default()) {
        panic!("the record does not map to RDF: {e}");
    }
}

/// What every reader's [`Document`] must satisfy: NFC text without the characters the
/// builder drops (soft hyphens, private-use icons, carriage returns), one line hint per
/// line with exact character offsets (where the format has hints), pages from 1, finite
/// boxes, and a text bounded by the input's size (no unbounded amplification).
pub fn check_document(doc: &Document, input_len: usize) {
    let text = &doc.text;
    assert!(is_nfc(text), "text is not NFC");
    assert!(
        !text
            .chars()
            .any(|c| matches!(c, '\r' | '\u{00AD}' | '\u{E000}'..='\u{F8FF}')),
        "text keeps a character the builder drops"
    );
    // Input bytes to text bytes: list numbers, entities and ToUnicode strings may expand a
    // little; anything larger is an amplification a hostile file could exploit.
    let bound = input_len.saturating_mul(64).saturating_add(64 * 1024);
    assert!(
        text.len() <= bound,
        "{} bytes of text from {input_len} bytes of input",
        text.len()
    );
    if doc.lines.is_empty() {
        return;
    }
    let mut offset = 0;
    let mut count = 0;
    for (line, hint) in text.split('\n').zip(&doc.lines) {
        let n = line.chars().count();
        assert_eq!(
            (hint.start, hint.end),
            (offset, offset + n),
            "line {count} hint does not match the text"
        );
        if let Some(p) = hint.page {
            assert!(p >= 1, "page {p}");
        }
        if let Some(b) = hint.bbox {
            check_box(b);
        }
        offset += n + 1;
        count += 1;
    }
    assert_eq!(count, doc.lines.len(), "more hints than lines");
    assert_eq!(text.split('\n').count(), count, "fewer hints than lines");
}

fn check_box(b: [f32; 4]) {
    assert!(
        b.iter().all(|v| v.is_finite()) && b[0] <= b[2] && b[1] <= b[3],
        "bounding box {b:?}"
    );
}

/// `data` split at the first [`PART_SEPARATOR`].
fn split_once(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    match find(data, PART_SEPARATOR) {
        Some(i) => (&data[..i], Some(&data[i + PART_SEPARATOR.len()..])),
        None => (data, None),
    }
}

/// `data` split at every [`PART_SEPARATOR`].
fn split_all(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(i) = find(rest, PART_SEPARATOR) {
        out.push(&rest[..i]);
        rest = &rest[i + PART_SEPARATOR.len()..];
    }
    out.push(rest);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A well-formed one-page PDF (A4) whose page shows `content` with font `/F1`
/// (Helvetica, WinAnsi; with `cmap` as its ToUnicode CMap when given).
fn one_page_pdf(content: &[u8], cmap: Option<&[u8]>) -> Vec<u8> {
    let to_unicode = if cmap.is_some() {
        " /ToUnicode 6 0 R"
    } else {
        ""
    };
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(content),
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding{to_unicode} >>").into_bytes(),
    ];
    if let Some(cmap) = cmap {
        objects.push(stream(cmap));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// A ZIP archive of `parts`, stored (no compression), with correct checksums.
fn stored_zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in parts {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let (crc, size, offset) = (crc.sum(), data.len() as u32, out.len() as u32);
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&0u16.to_le_bytes()); // stored
            v.extend_from_slice(&0u32.to_le_bytes()); // time, date
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra length
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_inputs_are_read() {
        let pdf = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (Ada Lovelace) Tj ET", None);
        assert_eq!(
            read::read_pdf(&pdf).map(|d| d.text),
            Ok("Ada Lovelace".to_owned())
        );
        let doc = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Ada Lovelace</w:t></w:r></w:p></w:body></w:document>"#;
        let zip = stored_zip(&[("word/document.xml", doc.as_slice())]);
        assert_eq!(
            read::read_docx(&zip).map(|d| d.text),
            Ok("Ada Lovelace".to_owned())
        );
        pdf_body_checks(&pdf);
        docx(doc);
        html(b"<html><body><h1>Ada Lovelace</h1><p>Engineer</p></body></html>");
    }

    fn pdf_body_checks(bytes: &[u8]) {
        pdf(bytes);
    }
}
