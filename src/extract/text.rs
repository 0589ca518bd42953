//! The text pipeline: layout → person → experience → education → skills → kind,
//! with the Chinese prose-bio extractor for documents written as prose.

use super::education::{degrees_after_name, extract_education};
use super::experience::extract_experience;
use super::layout::{self, Line, Section};
use super::person::extract_person;
use super::{add_name_variants, canonical_organization, find_technologies, is_han, prose, Words};
use crate::model::{CareerRecord, DocumentKind, Evidence, Person, RoleProfile, Skill};
use crate::read::Document;

/// Extract a record from a decoded text or Markdown document.
pub fn extract_text(source: &str, sha256: &str, doc: &Document, format: &str) -> CareerRecord {
    let words = Words::get();
    let text = doc.text.as_str();
    let lines = layout::lines_with_hints(text, &doc.lines);
    let mut record = CareerRecord {
        source: source.to_owned(),
        sha256: sha256.to_owned(),
        format: format.to_owned(),
        ..CareerRecord::default()
    };
    let mut person = extract_person(text, &lines, words);
    let ex = extract_experience(&lines, words);
    record.positions = ex.positions;
    record.projects = ex.projects;
    record.metrics = ex.metrics;
    record.education = extract_education(&lines, words);
    let after_name = degrees_after_name(&lines, &person.name, &record.education);
    record.education.extend(after_name);
    record.skills = skills(&lines, words);
    record.as_of = super::asof::dated_line(text);
    person.languages = languages(&lines, words);

    let chinese = text.chars().filter(|c| is_han(*c)).count() > 20;
    if record.positions.is_empty() && chinese {
        let sectioned = lines.iter().filter(|l| l.is_heading).count() >= 2;
        prose::apply_zh_bio(text, sectioned, &mut record, &mut person);
    } else if person.name.is_empty() && chinese {
        prose::apply_zh_name(text, &mut person);
    }
    record.kind = classify(text, &lines, &record, &person, words);
    match record.kind {
        DocumentKind::Resume => {
            add_name_variants(&mut person);
            record.person = Some(person);
        }
        DocumentKind::RoleProfile => {
            record.role_profile = Some(role_profile(text, &lines, &record, words));
            clear_person_facts(&mut record);
        }
        DocumentKind::Other => clear_person_facts(&mut record),
    }
    to_char_offsets(&mut record, text);
    record
}

/// A role profile or other document describes nobody: no positions, education or skills.
fn clear_person_facts(record: &mut CareerRecord) {
    record.positions.clear();
    record.education.clear();
    record.projects.clear();
    record.metrics.clear();
    record.skills.clear();
}

/// Skills: every technology in a skills section (as a list), plus technologies used
/// anywhere in the document (deduplicated), plus short unknown items of skill lists.
fn skills(lines: &[Line<'_>], words: &Words) -> Vec<Skill> {
    let mut out: Vec<Skill> = Vec::new();
    let push = |s: Skill, out: &mut Vec<Skill>| {
        if !out.iter().any(|o| o.name.eq_ignore_ascii_case(&s.name)) {
            out.push(s);
        }
    };
    for l in lines {
        if l.is_heading || l.text.is_empty() {
            continue;
        }
        let in_skills = l.section == Section::Skills;
        let list = in_skills || words.starts_with_tech_label(&l.text);
        let text = without_urls_and_durations(&l.text);
        for mut s in find_technologies(&text, list) {
            if let Some(ev) = &mut s.evidence {
                match l.locate(&ev.text) {
                    Some((a, b)) => (ev.start, ev.end) = (a, b),
                    None => s.evidence = None,
                }
            }
            push(s, &mut out);
        }
        if in_skills {
            let mut items = skill_list_items(&l.text);
            if items.is_empty() {
                items.extend(single_skill_item(&l.text, words));
            }
            for item in items {
                let known = crate::vocab::vocabulary()
                    .technologies
                    .lookup(&item)
                    .is_some()
                    || !find_technologies(&item, true).is_empty();
                if !known {
                    let ev = l.locate(&item).map(|(a, b)| Evidence {
                        start: a,
                        end: b,
                        text: item.clone(),
                        confidence: 0.5,
                        page: None,
                        bbox: None,
                    });
                    push(
                        Skill {
                            name: item.clone(),
                            text: item,
                            iri: None,
                            evidence: ev,
                        },
                        &mut out,
                    );
                }
            }
        }
    }
    out
}

/// The text with web addresses and experience durations ("(Less than 1 year)",
/// "(2 years)") blanked out, so that neither is read as a technology ("https", "LESS").
fn without_urls_and_durations(text: &str) -> String {
    let mut out = text.to_owned();
    for u in super::lines::urls(text) {
        let raw = u.trim_start_matches("https://");
        for cand in [u.as_str(), raw] {
            if let Some(i) = out.find(cand) {
                let blank = " ".repeat(cand.len());
                out.replace_range(i..i + cand.len(), &blank);
                break;
            }
        }
    }
    let mut from = 0;
    while let Some(i) = out[from..].find('(').map(|i| i + from) {
        let Some(j) = out[i..].find(')').map(|j| j + i) else {
            break;
        };
        let inner = out[i + 1..j].to_lowercase();
        if inner.contains("year") || inner.contains("month") {
            let blank = " ".repeat(j + 1 - i);
            out.replace_range(i..=j, &blank);
        }
        from = j + 1;
    }
    out
}

/// A skills-section line that is one short item ("Project management", "• Negotiation"):
/// a list written one item per line. Proficiency words ("Advanced") are not skills.
fn single_skill_item(text: &str, words: &Words) -> Option<String> {
    let t = text.trim().trim_end_matches([',', ';', '，', '、']).trim();
    let n = t.chars().count();
    let word_count = t.split_whitespace().count();
    let level = words
        .proficiency_words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(t));
    let sentence =
        t.ends_with(['.', ':', '：', '。']) || t.contains(['.', ':', '：']) && word_count > 3;
    ((2..=40).contains(&n)
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word_count <= 4
        && !level
        && !sentence
        && !t.chars().any(|c| c.is_ascii_digit())
        && super::layout::heading_of(t).is_none())
    .then(|| t.to_owned())
}

/// Short items of a comma/slash separated skills line ("ECLIPSE (Less than 1 year)" → "ECLIPSE").
fn skill_list_items(text: &str) -> Vec<String> {
    let body = match text.find([':', '：']) {
        Some(i) if i < 40 => &text[i + text[i..].chars().next().map_or(1, char::len_utf8)..],
        _ => text,
    };
    let items: Vec<&str> = body.split([',', '，', '、', ';', '；', '|', '·']).collect();
    if items.len() < 3 {
        return Vec::new();
    }
    items
        .into_iter()
        .map(|i| {
            let i = i.trim();
            let i = match i.find(['(', '（']) {
                Some(p) => &i[..p],
                None => i,
            };
            i.trim()
                .trim_start_matches("and ")
                .trim_end_matches(['.', '。'])
                .trim()
                .to_owned()
        })
        .filter(|i| {
            let n = i.chars().count();
            (2..=30).contains(&n)
                && i.split_whitespace().count() <= 4
                && !i.chars().any(|c| c.is_ascii_digit())
        })
        .collect()
}

/// Languages spoken, from a languages section or a "Languages:" line.
fn languages(lines: &[Line<'_>], words: &Words) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let labelled = || mentions_language(&l.text) || l.text.contains("语言");
        if l.section != Section::Languages && !labelled() {
            continue;
        }
        for lang in &words.languages {
            let found = if lang.is_ascii() {
                l.text
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| w.eq_ignore_ascii_case(lang))
            } else {
                l.text.contains(lang.as_str())
            };
            if found && !out.contains(lang) {
                out.push(lang.clone());
            }
        }
    }
    out
}

/// Whether the lower-cased text contains "language". Only ASCII letters lower-case to the
/// letters of that word, so an ASCII case-insensitive search finds the same, without
/// lower-casing the text.
fn mentions_language(text: &str) -> bool {
    const WORD: &[u8] = b"language";
    text.as_bytes()
        .windows(WORD.len())
        .any(|w| w.eq_ignore_ascii_case(WORD))
}

/// Résumé, role profile or other.
fn classify(
    text: &str,
    lines: &[Line<'_>],
    record: &CareerRecord,
    person: &Person,
    words: &Words,
) -> DocumentKind {
    let contacts = !person.emails.is_empty() || !person.phones.is_empty();
    let headings = lines.iter().filter(|l| l.is_heading).count();
    let dated_positions = record
        .positions
        .iter()
        .filter(|p| p.start.is_some())
        .count();
    // Only a text without contacts and dated positions can be a role profile: the (whole
    // text) cue search is done for those alone.
    if !contacts && dated_positions == 0 && reads_as_role_profile(text, words) {
        return DocumentKind::RoleProfile;
    }
    let has_name = !person.name.is_empty();
    let resume_evidence = dated_positions > 0
        || !record.education.is_empty()
        || contacts
        || (headings >= 2 && has_name)
        || (has_name && !record.positions.is_empty());
    if resume_evidence {
        DocumentKind::Resume
    } else {
        DocumentKind::Other
    }
}

/// At least two role-description cues and no first-person words.
fn reads_as_role_profile(text: &str, words: &Words) -> bool {
    let lower = text.to_lowercase();
    let role_cues = words
        .role_cues
        .iter()
        .filter(|c| lower.contains(&c.to_lowercase()))
        .count();
    let first_person = words
        .first_person_words
        .iter()
        .any(|c| lower.contains(c.as_str()));
    role_cues >= 2 && !first_person
}

/// Title, organisation and required technologies of a role description.
fn role_profile(
    text: &str,
    lines: &[Line<'_>],
    record: &CareerRecord,
    words: &Words,
) -> RoleProfile {
    let first = lines
        .iter()
        .find(|l| !l.text.is_empty())
        .map_or("", |l| l.text.as_str());
    let orgs = &crate::vocab::vocabulary().organizations;
    let org_hit = orgs.find_all(first).into_iter().find(|m| !m.needs_context);
    let mut profile = RoleProfile::default();
    let after_org = match org_hit {
        Some(m) => {
            let written = &first[m.start..m.end];
            profile.organization = Some(written.to_owned());
            if let Some((label, iri)) = canonical_organization(written) {
                profile.organization_label = Some(label);
                profile.organization_iri = Some(iri);
            }
            &first[m.end..]
        }
        None => first,
    };
    // The title: capitalised words up to and including the last title head word.
    let tokens: Vec<&str> = after_org
        .split(|c: char| c.is_whitespace() || c == '?' || c == ',' || c == ':')
        .filter(|t| !t.is_empty())
        .collect();
    let head = tokens
        .iter()
        .rposition(|t| words.title_en.iter().any(|h| h.eq_ignore_ascii_case(t)));
    profile.title = match head {
        Some(h) => {
            let start = (0..=h)
                .rev()
                .take_while(|&k| tokens[k].chars().next().is_some_and(char::is_uppercase))
                .last()
                .unwrap_or(h);
            tokens[start..=h].join(" ")
        }
        None => first.trim().to_owned(),
    };
    if let Some(i) = text.find(&profile.title) {
        profile.evidence = Some(Evidence {
            start: i,
            end: i + profile.title.len(),
            text: profile.title.clone(),
            confidence: 0.7,
            page: None,
            bbox: None,
        });
    }
    profile.required = record
        .skills
        .iter()
        .filter(|s| s.iri.is_some())
        .cloned()
        .collect();
    profile
}

/// Evidence offsets were collected as byte offsets into the text; the contract is
/// character offsets.
fn to_char_offsets(record: &mut CareerRecord, text: &str) {
    let offsets = CharOffsets::new(text);
    let mut fix = |ev: &mut Option<Evidence>| {
        if let Some(e) = ev {
            e.start = offsets.get(e.start);
            e.end = offsets.get(e.end);
        }
    };
    super::visit_evidence(record, &mut fix);
}

/// Bytes per block of [`CharOffsets`].
const BLOCK: usize = 64;

/// Byte to char offsets in one text, as [`crate::read::char_offset`] gives them, without
/// counting from the start each time: the char count before every [`BLOCK`]-th byte is kept,
/// so a conversion counts the char starts of at most one block.
struct CharOffsets<'a> {
    bytes: &'a [u8],
    /// `blocks[k]`: chars starting before byte `k * BLOCK`.
    blocks: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        blocks.push(count);
        for chunk in bytes.chunks(BLOCK) {
            count += char_starts(chunk);
            blocks.push(count);
        }
        CharOffsets { bytes, blocks }
    }

    /// Number of chars starting before byte `byte` (clamped to the text).
    fn get(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let k = byte / BLOCK;
        let base = self.blocks.get(k).copied().unwrap_or(0);
        base + self.bytes.get(k * BLOCK..byte).map_or(0, char_starts)
    }
}

/// Chars starting in a run of UTF-8 bytes: the bytes that are not continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_language_is_a_lower_cased_search() {
        let odd = [
            "LANGUAGES",
            "Lang uage",
            "languagE",
            "\u{212A}İ language",
            "ΣLANGUAGEΣ",
            "langu",
        ];
        let lines = crate::extract::sample_lines();
        for t in lines.iter().map(String::as_str).chain(odd) {
            let plain = t.to_lowercase().contains("language");
            assert_eq!(mentions_language(t), plain, "{t:?}");
        }
    }

    #[test]
    fn char_offsets_agree_with_counting_from_the_start() {
        let mut texts = vec![
            String::new(),
            "a".into(),
            "日本語 and ASCII, 🎉 emoji".repeat(9),
        ];
        texts.extend((0..3).map(|i| crate::generate::generate_one(3, i).text));
        for text in &texts {
            let offsets = CharOffsets::new(text);
            for byte in 0..=text.len() + 2 {
                assert_eq!(offsets.get(byte), crate::read::char_offset(text, byte));
            }
        }
    }

    #[test]
    fn urls_and_durations_are_not_technologies() {
        let t = without_urls_and_durations(
            "C++ (Less than 1 year), ECLIPSE (2 years), https://www.example.com/r/jane",
        );
        assert!(t.starts_with("C++"));
        assert!(!t.contains("Less") && !t.contains("https"), "{t}");
        let names: Vec<String> = find_technologies(&t, true)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert!(names.iter().any(|n| n == "C++"), "{names:?}");
        assert!(
            !names.iter().any(|n| n == "HTTPS" || n == "Less"),
            "{names:?}"
        );
    }

    #[test]
    fn skill_items() {
        let w = Words::get();
        assert_eq!(
            skill_list_items("Languages: Java, C, C++, Python, Batch"),
            ["Java", "C++", "Python", "Batch"],
            "one-letter items are left to the technology vocabulary"
        );
        assert_eq!(
            single_skill_item("Project management", w).as_deref(),
            Some("Project management")
        );
        assert_eq!(single_skill_item("Advanced", w), None);
        assert_eq!(single_skill_item("----", w), None);
        assert_eq!(
            single_skill_item("Strong oral and written communication skills.", w),
            None
        );
    }
}
