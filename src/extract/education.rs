//! Education: institution, degree as written + level, field, dates — from tab-, pipe-,
//! slash- or space-separated lines, and from entries spread over consecutive lines.

use super::dates::{self, DateEnd};
use super::layout::{Line, Section};
use super::{canonical_organization, degree_level, Words};
use crate::model::{Education, Evidence};

fn set_institution(ed: &mut Education, name: &str) {
    ed.institution = name.trim().to_owned();
    let c = canonical_organization(name);
    ed.institution_label = c.as_ref().map(|c| c.0.clone());
    ed.institution_iri = c.map(|c| c.1);
}

/// "B.S. in Computer Science" → ("B.S.", Some("Computer Science")).
fn split_degree_field(s: &str) -> (String, Option<String>) {
    for sep in [" in ", "/"] {
        if let Some(i) = s.find(sep) {
            let (d, f) = (s[..i].trim(), s[i + sep.len()..].trim());
            if degree_level(d).is_some() && !f.is_empty() {
                return (d.to_owned(), Some(f.to_owned()));
            }
        }
    }
    (s.trim().to_owned(), None)
}

/// A school: a known university, or a name with a school word (University, 大学…).
fn is_institution(part: &str, words: &Words) -> bool {
    part.chars().count() <= 80 && (words.is_school(part) || words.is_known_university(part))
}

/// Parse education from the education section (and an "教育：…" contact line).
pub fn extract_education(lines: &[Line<'_>], words: &Words) -> Vec<Education> {
    let mut out: Vec<Education> = Vec::new();
    let mut cur = Education::default();
    let flush = |cur: &mut Education, out: &mut Vec<Education>| {
        if !cur.institution.is_empty() || cur.degree.is_some() {
            let dup = out
                .iter()
                .any(|o| o.institution == cur.institution && o.degree_level == cur.degree_level);
            if !dup {
                out.push(std::mem::take(cur));
            }
        }
        *cur = Education::default();
    };
    for l in lines {
        let labelled = [
            "教育：",
            "教育:",
            "学历：",
            "学历:",
            "Education:",
            "Academic Qualifications:",
        ]
        .iter()
        .find_map(|p| l.text.strip_prefix(p));
        if l.section != Section::Education && labelled.is_none() {
            continue;
        }
        if l.is_heading || l.text.is_empty() {
            continue;
        }
        let text = labelled.unwrap_or(&l.text).trim();
        let ranges = dates::find_date_ranges(text);
        let mut rest = text.to_owned();
        if let Some(r) = ranges.first() {
            if let (Some(a), Some(b)) = (text.get(..r.start_offset), text.get(r.end_offset..)) {
                rest = format!("{a}  {b}");
            }
        }
        let raw_parts: Vec<&str> =
            if rest.contains('\t') || rest.contains('|') || rest.contains("  ") {
                rest.split(['\t', '|'])
                    .flat_map(|p| p.split("  "))
                    .collect()
            } else if labelled.is_some() && rest.contains('/') {
                rest.split('/').collect()
            } else {
                vec![rest.as_str()]
            };
        let parts: Vec<String> = raw_parts
            .iter()
            .map(|p| {
                p.trim()
                    .trim_matches(['*', ',', '，', '-'])
                    .trim()
                    .to_owned()
            })
            .filter(|p| !p.is_empty())
            .collect();
        // A line with only prose (coursework…) belongs to no field.
        let has_inst = parts.iter().any(|p| is_institution(p, words));
        let has_degree = parts.iter().any(|p| degree_level(p).is_some());
        if !has_inst && !has_degree && ranges.is_empty() {
            if parts.len() == 1
                && cur.field.is_none()
                && !cur.institution.is_empty()
                && parts[0].chars().count() <= 40
                && !l.bullet
            {
                cur.field = Some(parts[0].clone());
            }
            continue;
        }
        if has_inst && !cur.institution.is_empty() || has_degree && cur.degree.is_some() && has_inst
        {
            flush(&mut cur, &mut out);
        }
        if has_degree && cur.degree.is_some() && !has_inst && !cur.institution.is_empty() {
            flush(&mut cur, &mut out);
        }
        for p in &parts {
            if cur.institution.is_empty() && is_institution(p, words) {
                set_institution(&mut cur, p);
            } else if cur.degree.is_none() && degree_level(p).is_some() && p.chars().count() <= 60 {
                let (d, f) = split_degree_field(p);
                cur.degree_level = degree_level(&d);
                cur.degree = Some(d);
                if cur.field.is_none() {
                    cur.field = f;
                }
            } else if cur.field.is_none() && p.chars().count() <= 60 {
                cur.field = Some(p.clone());
            }
        }
        if let Some(r) = ranges.first() {
            cur.start = Some(r.start.iso());
            cur.end = match &r.end {
                Some(DateEnd::Date(d)) => Some(d.iso()),
                _ => None,
            };
            if r.end.is_none() && r.start.month.is_none() {
                // A lone year is the graduation year.
                cur.end = Some(r.start.iso());
                cur.start = None;
            }
        }
        if cur.evidence.is_none() {
            cur.evidence = Some(Evidence {
                start: l.start,
                end: l.start + l.raw.len(),
                text: l.raw.trim().to_owned(),
                confidence: 0.7,
            });
        }
    }
    flush(&mut cur, &mut out);
    // A degree with no institution ("Qualifications: MEng & BEng") adds nothing when
    // full records exist.
    if out.iter().any(|e| !e.institution.is_empty()) {
        out.retain(|e| !e.institution.is_empty());
    }
    out
}
