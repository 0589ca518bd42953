//! Fuzz-target bodies, shared by the libFuzzer targets in `fuzz/` and by the stable
//! regression tests (`tests/reliability.rs`) that replay the committed seeds and every
//! crash the fuzzers found.
//!
//! Each function takes arbitrary bytes, drives one part of the library the way the CLI
//! does, and panics when an invariant breaks (a panic is what libFuzzer records as a
//! crash). They are not part of the supported API.

use crate::extract::{dates, numbers};
use crate::ingest::{extract_record, InputFormat};
use crate::map::{record_to_quads, MapOptions};
use crate::model::CareerRecord;

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
