//! Extraction: [`Document`](crate::read::Document) → [`CareerRecord`].
//!
//! A pipeline of small components, each testable alone:
//! `layout` (lines, sections, headings) → `person` (name, contacts) →
//! `experience` (positions, projects/systems) → `education` → `skills`
//! (vocabulary matching) → `metrics` (numbers with kinds) → `kind`
//! (résumé / role profile / other). Every fact carries evidence.

pub mod asof;
pub mod dates;
pub mod education;
pub mod experience;
pub mod layout;
pub(crate) mod lines;
pub mod metrics;
pub mod numbers;
pub mod person;
pub mod prose;
mod scan;
pub mod tech_years;
pub mod zh_prose;

mod text;

pub use lines::is_han;
pub use text::extract_text;

use crate::model::{DegreeLevel, Metric, Person, Qualifier, Skill};
use crate::vocab::{vocabulary, Concept};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Canonical (label, IRI) of an organisation name, when the vocabulary knows it.
pub fn canonical_organization(name: &str) -> Option<(String, String)> {
    let orgs = &vocabulary().organizations;
    let c = orgs.lookup(name.trim()).or_else(|| {
        // "Tencent Holdings Ltd." / "腾讯科技（深圳）有限公司": the longest known label inside.
        // A university's short name inside a company's name ("北航" in "某北航文化传媒有限
        // 公司") is part of that name, not the university.
        let names_a_school = || {
            let lower = name.to_lowercase();
            Words::get()
                .school_words
                .iter()
                .any(|w| lower.contains(&w.to_lowercase()))
        };
        let hits = orgs.find_all(name);
        hits.iter()
            .filter(|m| !m.needs_context)
            .filter(|m| !is_university(&orgs.concepts[m.concept]) || names_a_school())
            .max_by_key(|m| m.end - m.start)
            .map(|m| &orgs.concepts[m.concept])
    })?;
    Some((c.label_en.clone(), c.iri.clone()))
}

/// Whether an organisation concept is a university (`cg:University`).
fn is_university(c: &Concept) -> bool {
    c.types
        .iter()
        .any(|t| t.strip_prefix(crate::ns::CG) == Some("University"))
}

/// A skill with its canonical technology name and IRI, when known.
pub fn canonical_skill(text: &str) -> Skill {
    let text = text.trim();
    match vocabulary().technologies.lookup(text) {
        Some(c) => skill_from_concept(c, text),
        None => Skill {
            name: text.to_owned(),
            text: text.to_owned(),
            iri: None,
            evidence: None,
        },
    }
}

fn skill_from_concept(c: &Concept, text: &str) -> Skill {
    Skill {
        name: c.label_en.clone(),
        text: text.to_owned(),
        iri: Some(c.iri.clone()),
        evidence: None,
    }
}

/// Technologies mentioned in `text`. Ambiguous labels (Go, C, R, Spark…) are kept
/// only in a technical context: a skills list (`list_context`), or next to another
/// technology, or in a "(Go/C++)"-style list.
pub fn find_technologies(text: &str, list_context: bool) -> Vec<Skill> {
    let techs = &vocabulary().technologies;
    let hits = techs.find_all(text);
    let trusted = hits.iter().filter(|m| !m.needs_context).count();
    let mut out: Vec<Skill> = Vec::new();
    for m in &hits {
        let written = &text[m.start..m.end];
        if compared_only(text, m.start) {
            continue;
        }
        if m.needs_context && !ambiguous_ok(text, m.start, m.end, written, list_context, trusted) {
            continue;
        }
        let c = &techs.concepts[m.concept];
        if out.iter().any(|s| s.iri.as_deref() == Some(c.iri.as_str())) {
            continue;
        }
        let evidence = crate::model::Evidence {
            start: m.start,
            end: m.end,
            text: written.to_owned(),
            confidence: if m.needs_context { 0.7 } else { 0.9 },
            page: None,
            bbox: None,
        };
        // "C/C++": an alias that joins technologies names each of them.
        let joined = written
            .contains('/')
            .then(|| written.split('/').filter_map(|p| techs.lookup(p.trim())))
            .into_iter()
            .flatten();
        let mut s = skill_from_concept(c, written);
        s.evidence = Some(evidence);
        out.push(s);
        for c in joined {
            if out.iter().any(|s| s.iri.as_deref() == Some(c.iri.as_str())) {
                continue;
            }
            let mut s = skill_from_concept(c, written);
            s.evidence = out.last().and_then(|l| l.evidence.clone());
            out.push(s);
        }
    }
    out
}

/// A technology right after a comparison word ("对标X", "compared with X", "vs. X") is named,
/// not used. "Migrated off X" is not a comparison: the person worked with X.
fn compared_only(text: &str, start: usize) -> bool {
    static CUES: OnceLock<Vec<String>> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        vocabulary()
            .lexicon
            .terms("comparison-cue")
            .into_iter()
            .map(|t| t.to_lowercase())
            .collect()
    });
    let head = text.get(..start).unwrap_or("");
    let head = head.trim_end_matches([' ', ':', '：', '“', '"', '《']);
    // The cue must be the words right before the name: the last 24 chars (spaces trimmed),
    // found from the end so that a long line costs no more than a short one.
    let from = head
        .char_indices()
        .rev()
        .take(24)
        .last()
        .map_or(head.len(), |(i, _)| i);
    let tail = head.get(from..).unwrap_or("").to_lowercase();
    cues.iter().any(|c| {
        tail.ends_with(c.as_str())
            && !tail[..tail.len() - c.len()]
                .chars()
                .last()
                .is_some_and(|p| {
                    c.starts_with(|x: char| x.is_ascii_alphabetic()) && p.is_ascii_alphabetic()
                })
    })
}

/// Whether an ambiguous label (e.g. "Go") is used as a technology here.
fn ambiguous_ok(
    text: &str,
    start: usize,
    end: usize,
    written: &str,
    list_context: bool,
    trusted_in_text: usize,
) -> bool {
    // Ambiguous words must be written as the technology is ("Go", not "go").
    let has_upper = written.chars().any(|c| c.is_uppercase());
    let all_lower_ascii = written.chars().all(|c| c.is_ascii_lowercase());
    if all_lower_ascii && written.len() <= 4 {
        return false;
    }
    let words = Words::get();
    let next = text[end..].chars().next();
    let tech_noun_zh = words
        .tech_nouns_zh
        .iter()
        .any(|w| text[end..].trim_start().starts_with(w.as_str()));
    if next.is_some_and(is_han) && !tech_noun_zh {
        // "C端", "Go过" — a Latin letter glued to Chinese text is not a technology name.
        return false;
    }
    if list_context {
        return true;
    }
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    if written.chars().count() == 1 {
        // C, R, D: only in skills lists and technology lists, "C/C++" or "Python/R" beside
        // another technology, or named as a language ("C语言", "开发语言是C").
        let slash = before.ends_with('/') || after.starts_with('/');
        let language = after.starts_with("语言")
            || word_prefix(after, "language")
            || words
                .language_is_cues
                .iter()
                .any(|w| before.ends_with(w.as_str()));
        return has_upper && (slash && trusted_in_text > 0 || language);
    }
    let list_sep = |c: Option<char>| {
        matches!(
            c,
            Some(
                '/' | '\\'
                    | ','
                    | '，'
                    | '、'
                    | '('
                    | '（'
                    | ')'
                    | '）'
                    | '|'
                    | ';'
                    | '；'
                    | ':'
                    | '：'
                    | '+'
                    | '&'
            )
        )
    };
    let in_list = list_sep(before.chars().next_back()) || list_sep(after.chars().next());
    let tech_follows = tech_noun_zh || words.tech_nouns_en.iter().any(|w| word_prefix(after, w));
    let used_before = words
        .use_cues_zh
        .iter()
        .any(|w| before.ends_with(w.as_str()))
        || words.use_cues_en.iter().any(|w| word_suffix(before, w));
    has_upper && (in_list && trusted_in_text > 0 || tech_follows || used_before)
}

/// Whether `text` starts with the word `w` (ASCII case ignored), not with a longer word.
fn word_prefix(text: &str, w: &str) -> bool {
    text.get(..w.len())
        .is_some_and(|a| a.eq_ignore_ascii_case(w))
        && !text[w.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Whether `text` ends with the word `w` (ASCII case ignored), not with a longer word.
fn word_suffix(text: &str, w: &str) -> bool {
    text.len() >= w.len()
        && text.is_char_boundary(text.len() - w.len())
        && text[text.len() - w.len()..].eq_ignore_ascii_case(w)
        && !text[..text.len() - w.len()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// Metrics in `text`, converted to the record form (offsets are byte offsets into `text`).
pub fn find_metrics(text: &str) -> Vec<Metric> {
    // A metric (number + keyword) spans a few dozen characters; pairing cost grows with
    // the candidates in one call, so glued text is scanned in bounded pieces.
    bounded_pieces(text, METRIC_PIECE)
        .into_iter()
        .flat_map(|(offset, piece)| {
            metric_kinds().find(piece).into_iter().map(move |mut m| {
                m.start += offset;
                m.end += offset;
                m
            })
        })
        .filter(|m| m.value > 0.0 && m.value.is_finite())
        .map(|m| Metric {
            kind: m.kind,
            value: m.value,
            unit: m.unit,
            qualifier: model_qualifier(m.qualifier),
            statistic: m.statistic.map(|s| s.as_str().to_owned()),
            per_second: m.per_second,
            currency: m.currency,
            text: text.get(m.start..m.end).unwrap_or_default().to_owned(),
            evidence: Some(crate::model::Evidence {
                start: m.start,
                end: m.end,
                text: text.get(m.start..m.end).unwrap_or_default().to_owned(),
                confidence: 0.8,
                page: None,
                bbox: None,
            }),
        })
        .collect()
}

/// The record's qualifier for a parsed one.
fn model_qualifier(q: numbers::Qualifier) -> Qualifier {
    match q {
        numbers::Qualifier::Exact => Qualifier::Exact,
        numbers::Qualifier::AtLeast => Qualifier::AtLeast,
        numbers::Qualifier::Approximately => Qualifier::Approximately,
        numbers::Qualifier::UpTo => Qualifier::UpTo,
    }
}

/// The metric kind of stated years of experience.
const YEARS_KIND: &str = "years-experience";

/// Metrics of one line ([`find_metrics`]) plus the years it states for one technology
/// ("Go (4 yrs)", "5年Java经验", see [`tech_years`]) as `years-experience` metrics whose
/// text is the statement, so it names that technology. A years metric the general finder
/// read from the same words gives way to the statement. `list_context` as for
/// [`find_technologies`].
pub fn find_line_metrics(text: &str, list_context: bool) -> Vec<Metric> {
    let mut out = find_metrics(text);
    let stated = stated_tech_years(text, list_context);
    if stated.is_empty() {
        return out;
    }
    let span = |m: &Metric| m.evidence.as_ref().map(|e| (e.start, e.end));
    out.retain(|m| {
        m.kind != YEARS_KIND
            || !stated.iter().any(|s| match (span(m), span(s)) {
                (Some((a, b)), Some((c, d))) => a < d && c < b,
                _ => false,
            })
    });
    out.extend(stated);
    out.sort_by_key(|m| span(m).unwrap_or_default());
    out
}

/// Years stated next to one technology in `text`, as metrics (byte offsets into `text`).
fn stated_tech_years(text: &str, list_context: bool) -> Vec<Metric> {
    static WORDS: OnceLock<(Vec<String>, String)> = OnceLock::new();
    let (words, unit) = WORDS.get_or_init(|| {
        metric_specs()
            .iter()
            .find(|s| s.id == YEARS_KIND)
            .map(|s| (s.labels.clone(), s.unit.clone()))
            .unwrap_or_default()
    });
    if words.is_empty() || !text.bytes().any(|b| b.is_ascii_digit()) && !text.contains('年') {
        return Vec::new();
    }
    let accepted = find_technologies(text, list_context);
    if accepted.is_empty() {
        return Vec::new();
    }
    let techs = &vocabulary().technologies;
    // Every occurrence of an accepted technology (find_technologies keeps the first).
    let spans: Vec<(usize, usize)> = techs
        .find_all(text)
        .into_iter()
        .filter(|m| {
            let iri = techs.concepts.get(m.concept).map(|c| c.iri.as_str());
            accepted.iter().any(|s| s.iri.as_deref() == iri)
        })
        .map(|m| (m.start, m.end))
        .collect();
    tech_years::find_tech_years(text, &spans, words)
        .into_iter()
        .filter_map(|t| {
            let said = text.get(t.start..t.end)?.to_owned();
            Some(Metric {
                kind: YEARS_KIND.to_owned(),
                value: t.years,
                unit: unit.clone(),
                qualifier: model_qualifier(t.qualifier),
                statistic: None,
                per_second: None,
                currency: None,
                text: said.clone(),
                evidence: Some(crate::model::Evidence {
                    start: t.start,
                    end: t.end,
                    text: said,
                    confidence: 0.8,
                    page: None,
                    bbox: None,
                }),
            })
        })
        .collect()
}

/// Longest piece of text given to the metric finder at once (bytes).
const METRIC_PIECE: usize = 512;

/// Split `text` into pieces of at most about `max` bytes, cutting after sentence ends
/// or, failing that, at whitespace (never inside a character). Returns (offset, piece).
fn bounded_pieces(text: &str, max: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let window_end = (start + max..=text.len().min(start + max + 4))
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        let window = &text[start..window_end];
        let cut = window
            .rfind(['。', '；', ';', '!', '?', '\n'])
            .or_else(|| window.rfind(". "))
            .or_else(|| window.rfind(char::is_whitespace))
            .map(|i| i + window[i..].chars().next().map_or(1, char::len_utf8))
            .filter(|&i| i > 0)
            .unwrap_or(window.len());
        out.push((start, &text[start..start + cut]));
        start += cut;
    }
    out.push((start, &text[start..]));
    out
}

/// Metric-kind specs from `ontology/metric-kinds.ttl`.
pub fn metric_specs() -> &'static [metrics::MetricKindSpec] {
    static SPECS: OnceLock<Vec<metrics::MetricKindSpec>> = OnceLock::new();
    SPECS.get_or_init(|| {
        vocabulary()
            .metric_kinds
            .concepts
            .iter()
            .map(|c| metrics::MetricKindSpec {
                id: c.local_name().to_owned(),
                labels: c.labels.clone(),
                unit: c
                    .props
                    .get(&crate::ns::cg("unit"))
                    .map(|u| u.rsplit('/').next().unwrap_or(u).to_owned())
                    .or_else(|| c.props.get(&crate::ns::cg("unitText")).cloned())
                    .unwrap_or_default(),
                bracket_labels: c.context_labels.clone(),
            })
            .collect()
    })
}

/// The metric kinds of [`metric_specs`], prepared for matching once per process.
pub fn metric_kinds() -> &'static metrics::MetricKinds {
    static KINDS: OnceLock<metrics::MetricKinds> = OnceLock::new();
    KINDS.get_or_init(|| metrics::MetricKinds::new(metric_specs().to_vec()))
}

/// Normalised degree level of a degree as written (本科, MEng, Ph.D.…), from the lexicon.
pub fn degree_level(degree: &str) -> Option<DegreeLevel> {
    let degree = without_state_after_town(degree);
    let lower = degree.trim().to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .map(|tok| tok.trim_end_matches('.'))
        .collect();
    // Doctor before master before bachelor: "博士研究生" is a doctorate.
    let written = degree_terms()
        .iter()
        .find(|terms| {
            terms.tokens.iter().any(|t| tokens.contains(&t.as_str()))
                || terms.substrings.iter().any(|t| {
                    lower.contains(t.as_str()) && (t != "associate" || associate_degree(&tokens))
                })
        })
        .map(|terms| terms.level);
    written.or_else(|| spaced_degree_level(&tokens))
}

/// The text without the state code of a "Town, ST" place, where the code is also a degree
/// abbreviation ("Portland, ME", "(Jackson, MS)", "Baltimore, MD"): the town is a known
/// place or the pair stands in brackets. "Computer Science, MS" keeps its degree.
fn without_state_after_town(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(", ").map(|i| i + from) {
        from = i + 2;
        let code_end = i + 4;
        let is_code = bytes.len() >= code_end
            && bytes[i + 2..code_end].iter().all(u8::is_ascii_uppercase)
            && bytes
                .get(code_end)
                .is_none_or(|b| !b.is_ascii_alphanumeric());
        if !is_code {
            continue;
        }
        let code = &text[i + 2..code_end];
        let words = Words::get();
        if !words.state_codes.iter().any(|c| c == code) {
            continue;
        }
        let before = &text[..i];
        let town_start = before.rfind(['(', ',', '（', '|', '\t']).map_or(0, |j| {
            j + before[j..].chars().next().map_or(1, char::len_utf8)
        });
        let town = before[town_start..].trim();
        let bracketed = before[..town_start].trim_end().ends_with(['(', '（'])
            && text[code_end..].trim_start().starts_with([')', '）']);
        if !town.is_empty() && (bracketed || words.is_place(town)) {
            cut.push((i, code_end));
        }
    }
    if cut.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (a, b) in cut {
        out.push_str(&text[last..a]);
        last = b;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// "Associate", "Associate of Arts", "Associate's Degree" name a degree; "Associate Dean",
/// "Associate Professor" name a rank: the word after it decides.
fn associate_degree(tokens: &[&str]) -> bool {
    let words: Vec<&str> = tokens.iter().copied().filter(|t| !t.is_empty()).collect();
    words.iter().enumerate().any(|(i, w)| {
        w.starts_with("associate")
            && words.get(i + 1).is_none_or(|next| {
                [
                    "degree", "of", "in", "s", "arts", "science", "applied", "diploma",
                ]
                .contains(next)
            })
    })
}

/// "B. Tech", "B-Tech", "M Sc": an abbreviation whose initial is set apart from the rest,
/// read as the abbreviation written whole ("btech", "msc").
fn spaced_degree_level(tokens: &[&str]) -> Option<DegreeLevel> {
    let words: Vec<&str> = tokens.iter().copied().filter(|t| !t.is_empty()).collect();
    let joined: Vec<String> = words
        .windows(2)
        .filter(|w| {
            matches!(w[0], "b" | "m" | "d") && w[1].chars().all(|c| c.is_ascii_alphabetic())
        })
        .map(|w| format!("{}{}", w[0], w[1]))
        .collect();
    if joined.is_empty() {
        return None;
    }
    degree_terms()
        .iter()
        .find(|terms| {
            joined
                .iter()
                .any(|j| terms.tokens.contains(j) || terms.substrings.contains(j))
        })
        .map(|terms| terms.level)
}

/// The lexicon's terms of one degree level, lower-cased.
struct DegreeTerms {
    level: DegreeLevel,
    /// Short Latin abbreviations ("ms", "ba"), without trailing dots: whole tokens only.
    tokens: Vec<String>,
    /// Longer terms, matched anywhere.
    substrings: Vec<String>,
}

/// Degree terms by level, most advanced first, prepared once per process.
fn degree_terms() -> &'static [DegreeTerms] {
    static TERMS: OnceLock<Vec<DegreeTerms>> = OnceLock::new();
    TERMS.get_or_init(|| {
        let lex = &vocabulary().lexicon;
        [
            ("degree-doctor", DegreeLevel::Doctor),
            ("degree-master", DegreeLevel::Master),
            ("degree-bachelor", DegreeLevel::Bachelor),
            ("degree-other", DegreeLevel::Other),
        ]
        .into_iter()
        .map(|(collection, level)| {
            let (short, long): (Vec<String>, Vec<String>) = lex
                .terms(collection)
                .iter()
                .map(|t| t.to_lowercase())
                .partition(|t| t.is_ascii() && t.len() <= 4);
            DegreeTerms {
                level,
                tokens: short
                    .iter()
                    .map(|t| t.trim_end_matches('.').to_owned())
                    .collect(),
                substrings: long,
            }
        })
        .collect()
    })
}

/// Whether the string is mostly Han characters (a Chinese name).
pub fn is_han_name(s: &str) -> bool {
    let n = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·')
        .count();
    n >= 2 && s.chars().filter(|c| is_han(*c)).count() == n
}

/// Fill pinyin and other name spellings for a person.
pub fn add_name_variants(person: &mut Person) {
    use pinyin::ToPinyin;
    if is_han_name(&person.name) {
        let syllables: Vec<&str> = person
            .name
            .as_str()
            .to_pinyin()
            .flatten()
            .map(|p| p.plain())
            .collect();
        if !syllables.is_empty() {
            // Surname first, given name joined: 张三丰 → "Zhang Sanfeng".
            let cap = |s: &str| {
                let mut c = s.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            };
            let given: String = syllables[1..].concat();
            let py = if given.is_empty() {
                cap(syllables[0])
            } else {
                format!("{} {}", cap(syllables[0]), cap(&given))
            };
            person.pinyin = Some(py.clone());
            if !person.names.contains(&py) {
                person.names.push(py);
            }
        }
    }
}

/// Lexicon word lists used by the structured extractor, with the predicates built on them.
#[derive(Debug)]
pub struct Words {
    /// Names of a career break ("career break", "职业空窗期"), lower case.
    pub career_breaks: Vec<String>,
    /// Words of an acquisition or renaming note after an employer ("later acquired by"),
    /// lower case.
    pub org_note_cues: Vec<String>,
    /// Title head words of the prose lexicon (mostly Chinese).
    pub title_zh: Vec<String>,
    /// English title head words.
    pub title_en: Vec<String>,
    /// English words that open a title.
    pub title_open_en: Vec<String>,
    /// Organisation name endings.
    pub org_suffixes: Vec<String>,
    /// Department name endings.
    pub department_markers: Vec<String>,
    /// Words naming a system or service.
    pub system_words: Vec<String>,
    /// Labels that introduce a technology list.
    pub tech_labels: Vec<String>,
    /// Phrases of role descriptions.
    pub role_cues: Vec<String>,
    /// Spoken languages.
    pub languages: Vec<String>,
    /// School words.
    pub school_words: Vec<String>,
    /// Openings of a unit inside a university ("College of", "School of").
    pub academic_units: Vec<String>,
    /// Words of an intern's title or heading ("Intern", "实习").
    pub intern_words: Vec<String>,
    /// Legal forms, lower case: an organisation wherever they occur (`lex:legal-form-en`).
    legal_forms: Vec<String>,
    /// Legal forms only as a name's last token, lower case (`lex:legal-form-en-final`).
    legal_forms_final: Vec<String>,
    /// English organisation words (legal forms and name endings).
    pub org_words_en: Vec<String>,
    /// Words that never occur in a personal name.
    pub not_name_words: Vec<String>,
    /// Titles of a résumé document ("Resume", "个人简历").
    pub document_titles: Vec<String>,
    /// Heading words that make a short title-case line a heading ("… Experience").
    pub heading_heads: Vec<String>,
    /// Chinese qualifiers before a heading ("主要" in "主要技能").
    pub heading_qualifiers_zh: Vec<String>,
    /// Proficiency levels of a skill ("Advanced", "Fluent"), never skills themselves.
    pub proficiency_words: Vec<String>,
    /// Labels that put an education entry on their own line ("学历：…", "Education: …").
    pub education_labels: Vec<String>,
    /// Cues before the title in a Chinese position body ("担任", "先后担任").
    pub body_title_cues: Vec<String>,
    /// `lex:work-item-end-zh`: words ending a project's or system's name, never an employer's.
    pub work_item_ends_zh: Vec<String>,
    /// `lex:join-cue` and `lex:locative-cue`, longest first: words that open a clause naming
    /// a workplace ("任职某某科技，…", "就职于…", "在…工作").
    pub workplace_cues: Vec<String>,
    /// `lex:work-verb`, longest first: verbs that close such a clause ("在某某科技工作").
    pub work_verbs: Vec<String>,
    /// Verbs that end a department named after 在 in a Chinese position body.
    pub department_end_verbs: Vec<String>,
    /// Labels of the name field ("姓名", "Name").
    pub name_labels: Vec<String>,
    /// Labels before a contact detail ("电话", "邮箱"), never a name.
    pub contact_labels: Vec<String>,
    /// Verbs before a school in a profile line ("就读于", "毕业于").
    pub study_cues: Vec<String>,
    /// Common Chinese surnames, compound ones first ("欧阳", "王").
    pub surnames_zh: Vec<String>,
    /// Gender words that may stand beside a name ("男", "女").
    pub gender_words: Vec<String>,
    /// Labels of the person's location ("Location", "所在地").
    pub location_labels: Vec<String>,
    /// Names of cities, regions and countries (`lex:place-name`), lower case.
    pub place_names: HashSet<String>,
    /// Qualifiers in parentheses after a degree ("hons"), lower case.
    pub degree_qualifiers: Vec<String>,
    /// English verbs that state a position in a sentence ("worked"), lower case.
    pub employment_verbs_en: Vec<String>,
    /// Words that make the organisation before them a customer (`lex:client-word-en`).
    pub client_words_en: Vec<String>,
    /// US state codes in capitals (`lex:state-code`).
    pub state_codes: Vec<String>,
    /// English words that make a name a department ("Department", "Team").
    pub department_words_en: Vec<String>,
    /// First-person words, lower case (English ones with their surrounding spaces).
    pub first_person_words: Vec<String>,
    /// Nouns making an ambiguous technology name one, Chinese (`lex:tech-noun`).
    pub tech_nouns_zh: Vec<String>,
    /// The same, English (whole words, case ignored).
    pub tech_nouns_en: Vec<String>,
    /// Verbs of using a technology before an ambiguous name, Chinese (`lex:tech-use-cue`).
    pub use_cues_zh: Vec<String>,
    /// The same, English (whole words, case ignored).
    pub use_cues_en: Vec<String>,
    /// Words naming a language before a one-letter one (`lex:language-is-cue`).
    pub language_is_cues: Vec<String>,
    /// First words of an education line that names no school (`lex:not-school-opener`).
    pub not_school_openers: Vec<String>,
    /// Labels of a grade ("GPA", "Percentage"), lower case.
    pub score_labels: Vec<String>,
    /// Time adverbs that open a sentence ("Recently", "Currently"), lower case.
    pub time_adverbs_en: Vec<String>,
    /// Field labels of a position ("公司", "Job Title") → field ("org", "title", …).
    pub field_labels: Vec<(String, &'static str)>,
    /// `title_en` as [`token_key`]s, sorted: for [`Words::is_title`].
    title_en_keys: Vec<String>,
    /// `title_en` in ASCII lower case, sorted: for [`Words::title_strength`].
    title_en_lower: Vec<String>,
    /// `title_zh` in one automaton (`None` if it could not be built): for [`Words::is_title`].
    title_zh_matcher: Option<aho_corasick::AhoCorasick>,
}

/// Latin tokens of a header part, without edge punctuation and trailing parentheticals.
fn latin_tokens(s: &str) -> Vec<String> {
    let s = match s.find(['(', '（']) {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    };
    s.split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&')
                .trim_end_matches('.')
                .to_owned()
        })
        .filter(|t| !t.is_empty() && t != "&")
        .collect()
}

fn ascii_token_eq(text: &str, word: &str) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .any(|t| {
            t.eq_ignore_ascii_case(word)
                || t.trim_end_matches('.')
                    .eq_ignore_ascii_case(word.trim_end_matches('.'))
        })
}

/// How [`ascii_token_eq`] compares a word: without trailing dots, in ASCII lower case.
fn token_key(word: &str) -> String {
    word.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether some token of `text` equals (per [`ascii_token_eq`]) a word whose [`token_key`] is
/// in `keys` (sorted): one pass over the text instead of one per word.
fn has_token_in(text: &str, keys: &[String]) -> bool {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .any(|t| {
            let t = t.trim_end_matches('.');
            keys.binary_search_by(|k| cmp_folded(k, t)).is_ok()
        })
}

/// Order of `key` (lower case) against `text` folded to ASCII lower case, byte by byte.
fn cmp_folded(key: &str, text: &str) -> std::cmp::Ordering {
    key.bytes()
        .cmp(text.bytes().map(|b| b.to_ascii_lowercase()))
}

/// The Latin (`ascii`) or the other (Chinese) terms of a collection, which are matched
/// differently (whole words, case ignored / glued to their neighbours).
fn by_script(terms: Vec<String>, ascii: bool) -> Vec<String> {
    terms
        .into_iter()
        .filter(|t| t.is_ascii() == ascii)
        .collect()
}

/// The terms in lower case (they are compared with lower-cased text).
fn lower(terms: Vec<String>) -> Vec<String> {
    terms.into_iter().map(|t| t.to_lowercase()).collect()
}

/// The items without duplicates, longest first (a prefix test then takes the longest).
fn longest_first(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v = sorted(items);
    v.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    v
}

/// The items, sorted and without duplicates.
fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Words {
    /// The process-wide word lists.
    pub fn get() -> &'static Words {
        static WORDS: OnceLock<Words> = OnceLock::new();
        WORDS.get_or_init(|| {
            let lex = &vocabulary().lexicon;
            let lower_terms = |name: &str| -> Vec<String> {
                lex.terms(name).iter().map(|t| t.to_lowercase()).collect()
            };
            let mut title_en = lex.terms("title-head-en");
            let heads = lex.terms("title-head");
            title_en.extend(heads.iter().filter(|t| t.is_ascii()).cloned());
            let title_en_keys = sorted(title_en.iter().map(|t| token_key(t)));
            let title_en_lower = sorted(title_en.iter().map(|t| t.to_ascii_lowercase()));
            let title_zh: Vec<String> = heads.into_iter().filter(|t| !t.is_ascii()).collect();
            Words {
                career_breaks: lower(lex.terms("career-break")),
                org_note_cues: lower(lex.terms("org-note-cue")),
                title_zh_matcher: aho_corasick::AhoCorasick::new(&title_zh).ok(),
                title_zh,
                title_en,
                title_open_en: lex.terms("title-modifier-en"),
                org_suffixes: lex.terms("org-suffix"),
                department_markers: lex.terms("department-marker"),
                system_words: lex.terms("system-word"),
                tech_labels: lex.terms("tech-list-label"),
                role_cues: lex.terms("role-profile-cue"),
                languages: lex.terms("spoken-language"),
                school_words: lex.terms("school-word"),
                academic_units: lex.terms("academic-unit"),
                intern_words: lex.terms("seniority-intern"),
                legal_forms: lower_terms("legal-form-en"),
                legal_forms_final: lower_terms("legal-form-en-final"),
                org_words_en: lex.terms("org-word-en"),
                not_name_words: lex.terms("not-name-word"),
                document_titles: lex.terms("document-title"),
                heading_heads: lex.terms("heading-head"),
                heading_qualifiers_zh: lex.terms("heading-qualifier-zh"),
                proficiency_words: lex.terms("proficiency-word"),
                education_labels: lex.terms("inline-education-label"),
                body_title_cues: lex.terms("body-title-cue"),
                work_item_ends_zh: lex.terms("work-item-end-zh"),
                workplace_cues: longest_first(
                    lex.terms("join-cue")
                        .into_iter()
                        .chain(lex.terms("locative-cue")),
                ),
                work_verbs: longest_first(lex.terms("work-verb").into_iter()),
                department_end_verbs: lex.terms("department-end-verb"),
                name_labels: lex.terms("name-label"),
                gender_words: lex.terms("gender-word"),
                study_cues: lex.terms("study-cue"),
                contact_labels: lex.terms("contact-label"),
                surnames_zh: {
                    let mut s = lex.terms("surname-zh");
                    s.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
                    s
                },
                location_labels: lex.terms("location-label"),
                place_names: lower(lex.terms("place-name")).into_iter().collect(),
                degree_qualifiers: lower(lex.terms("degree-qualifier")),
                employment_verbs_en: lower(lex.terms("employment-verb-en")),
                client_words_en: lower(lex.terms("client-word-en")),
                state_codes: lex.terms("state-code"),
                department_words_en: lex.terms("department-word-en"),
                first_person_words: lower(lex.terms("first-person-word")),
                tech_nouns_zh: by_script(lex.terms("tech-noun"), false),
                tech_nouns_en: by_script(lex.terms("tech-noun"), true),
                use_cues_zh: by_script(lex.terms("tech-use-cue"), false),
                use_cues_en: by_script(lex.terms("tech-use-cue"), true),
                language_is_cues: lex.terms("language-is-cue"),
                not_school_openers: lower(lex.terms("not-school-opener")),
                score_labels: lower(lex.terms("score-label")),
                time_adverbs_en: lower(lex.terms("time-adverb-en")),
                field_labels: [
                    ("field-label-org", "org"),
                    ("field-label-title", "title"),
                    ("field-label-department", "department"),
                    ("field-label-location", "location"),
                    ("field-label-dates", "dates"),
                ]
                .into_iter()
                .flat_map(|(c, field)| lex.terms(c).into_iter().map(move |t| (t, field)))
                .collect(),
                title_en_keys,
                title_en_lower,
            }
        })
    }

    /// Whether an organisation name is a career break ("Career Break", "职业空窗期").
    pub fn is_career_break(&self, org: &str) -> bool {
        let name = org
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        !name.is_empty() && self.career_breaks.contains(&name)
    }

    /// The organisation without a bracketed acquisition or renaming note at its end:
    /// "Acme Ltd. (later acquired by Initech)" → "Acme Ltd."; other brackets stay.
    pub fn without_org_note<'a>(&self, org: &'a str) -> &'a str {
        let t = org.trim_end();
        let Some(inner_end) = t.strip_suffix([')', '）']) else {
            return org;
        };
        let Some(open) = inner_end.rfind(['(', '（']) else {
            return org;
        };
        let note = inner_end[open..].to_lowercase();
        if self.org_note_cues.iter().any(|c| note.contains(c.as_str())) {
            let before = inner_end[..open].trim_end();
            if !before.is_empty() {
                return before;
            }
        }
        org
    }

    /// Whether the text reads as a job title ("Senior Backend Engineer", "技术负责人").
    pub fn is_title(&self, s: &str) -> bool {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > 60 {
            return false;
        }
        let zh = match &self.title_zh_matcher {
            Some(ac) => ac.is_match(s),
            None => self.title_zh.iter().any(|t| s.contains(t.as_str())),
        };
        zh || has_token_in(s, &self.title_en_keys)
    }

    /// Whether a token opens a title.
    pub fn starts_title(&self, token: &str) -> bool {
        self.title_open_en
            .iter()
            .chain(&self.title_en)
            .any(|w| w.eq_ignore_ascii_case(token))
    }

    /// Whether the text ends like an organisation name (公司, Inc., Ltd.…).
    fn has_org_suffix(&self, s: &str) -> bool {
        let s = s.trim().trim_end_matches(['.', ')', '）']);
        self.org_suffixes.iter().any(|suf| {
            if suf.is_ascii() {
                ascii_token_eq(s, suf)
            } else {
                s.ends_with(suf.as_str())
            }
        })
    }

    /// How strongly a header part reads as a job title: 3 when it ends with a title head
    /// word ("Senior Development Manager", "资深后端工程师"), 2 when one occurs inside it
    /// ("Manager, Sales Operations"), 0 otherwise.
    pub fn title_strength(&self, s: &str) -> u8 {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > 80 {
            return 0;
        }
        if s.chars().any(is_han) {
            let core = s.trim_end_matches(|c: char| !is_han(c));
            if self.title_zh.iter().any(|t| core.ends_with(t.as_str())) {
                return 3;
            }
            return if self.is_title(s) { 2 } else { 0 };
        }
        let toks = latin_tokens(s);
        let head = |t: &str| {
            self.title_en_lower
                .binary_search_by(|h| cmp_folded(h, t))
                .is_ok()
        };
        match toks.last() {
            Some(last) if head(last) => 3,
            _ if toks.iter().any(|t| head(t)) => 2,
            _ => 0,
        }
    }

    /// How strongly a header part reads as an organisation: 3 for a known organisation or a
    /// legal form ("Infosys Limited", "Acme Pvt. Ltd."), 2 for an organisation word at the
    /// end ("Tata Consultancy Services", "TAROKO TECHNOLOGIES") or a known name inside it,
    /// 0 otherwise.
    pub fn org_strength(&self, s: &str) -> u8 {
        let s = s.trim();
        if s.is_empty() || s.chars().count() > 100 {
            return 0;
        }
        let orgs = &vocabulary().organizations;
        // (The suffix test only for Chinese text: it reads every suffix over the text.)
        if orgs.lookup(s).is_some() || s.chars().any(is_han) && self.has_org_suffix(s) {
            return 3;
        }
        let toks = latin_tokens(s);
        if self.has_legal_form_tokens(&toks) {
            return 3;
        }
        let word = |t: &str| self.org_words_en.iter().any(|w| w.eq_ignore_ascii_case(t));
        if toks.len() >= 2 && toks.last().is_some_and(|t| word(t)) {
            return 2;
        }
        // "Law Office of Jane Roe", "Bank of the West": an organisation word before "of".
        if toks.windows(3).any(|w| {
            w[1] == "of" && w[0].chars().next().is_some_and(char::is_uppercase) && word(&w[0])
        }) {
            return 2;
        }
        if orgs.find_all(s).iter().any(|m| !m.needs_context) {
            return 2;
        }
        0
    }

    /// Whether a Latin name carries a legal form ("Acme Pvt. Ltd.", "Larch GmbH", "Birch Co.").
    pub fn has_legal_form(&self, s: &str) -> bool {
        self.has_legal_form_tokens(&latin_tokens(s))
    }

    fn has_legal_form_tokens(&self, toks: &[String]) -> bool {
        let lower: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
        lower.iter().any(|t| self.legal_forms.contains(t))
            || lower.len() >= 2
                && lower
                    .last()
                    .is_some_and(|t| self.legal_forms_final.contains(t))
    }

    /// Whether `s` is a place and nothing else: a known city, region or country ("Lisbon",
    /// "杭州市", "Remote"), or two of them ("Pune, India"), or a known city before a state
    /// or country code ("Austin, TX").
    pub fn is_place(&self, s: &str) -> bool {
        let known = |p: &str| {
            let p = p.trim();
            let p = p.strip_suffix('市').unwrap_or(p);
            !p.is_empty() && self.place_names.contains(&p.to_lowercase())
        };
        let s = s.trim();
        if known(s) {
            return true;
        }
        if !s.contains([',', '，']) {
            return false;
        }
        let groups: Vec<&str> = s.split([',', '，']).map(str::trim).collect();
        let code =
            |g: &str| (2..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_uppercase());
        groups.len() == 2 && known(groups[0]) && (known(groups[1]) || code(groups[1]))
    }

    /// Whether the text names a department.
    pub fn is_department(&self, s: &str) -> bool {
        self.department_markers
            .iter()
            .any(|m| s.contains(m.as_str()))
            || self
                .department_words_en
                .iter()
                .any(|w| ascii_token_eq(s, w))
    }

    /// Whether a project name names a running system.
    pub fn is_system(&self, name: &str) -> bool {
        self.system_words.iter().any(|w| {
            if w.is_ascii() {
                ascii_token_eq(name, w)
            } else {
                name.contains(w.as_str())
            }
        })
    }

    /// Whether a line starts with a technology-list label ("技术栈：", "Tech Stack:").
    pub fn starts_with_tech_label(&self, text: &str) -> bool {
        // The first ':' or '：' (two memchr-based searches beat one char-by-char scan).
        let Some(i) = [text.find(':'), text.find('：')]
            .into_iter()
            .flatten()
            .min()
        else {
            return false;
        };
        let label = text[..i].trim();
        self.tech_labels
            .iter()
            .any(|t| t.eq_ignore_ascii_case(label))
            || label.chars().count() <= 20
                && self.tech_labels.iter().any(|t| label.ends_with(t.as_str()))
    }

    /// Whether the text names a school.
    pub fn is_school(&self, s: &str) -> bool {
        self.school_words.iter().any(|w| {
            if w.is_ascii() {
                ascii_token_eq(s, w)
            } else {
                s.contains(w.as_str())
            }
        })
    }

    /// The byte index just past the last school word of a Chinese name ("青州理工大学信息学院本科"
    /// → after "学院"), for names that run on into a degree or field.
    pub fn han_school_end(&self, s: &str) -> Option<usize> {
        self.school_words
            .iter()
            .filter(|w| !w.is_ascii())
            .filter_map(|w| s.rfind(w.as_str()).map(|i| i + w.len()))
            .max()
    }

    /// Whether the text is a university known to the vocabulary.
    pub fn is_known_university(&self, s: &str) -> bool {
        let orgs = &vocabulary().organizations;
        orgs.lookup(s.trim()).is_some_and(is_university)
    }
}

/// Visit every evidence slot of a record.
pub fn visit_evidence(
    record: &mut crate::model::CareerRecord,
    f: &mut impl FnMut(&mut Option<crate::model::Evidence>),
) {
    let skills = |v: &mut Vec<Skill>, f: &mut dyn FnMut(&mut Option<crate::model::Evidence>)| {
        for s in v {
            f(&mut s.evidence);
        }
    };
    let metrics = |v: &mut Vec<Metric>, f: &mut dyn FnMut(&mut Option<crate::model::Evidence>)| {
        for m in v {
            f(&mut m.evidence);
        }
    };
    if let Some(p) = &mut record.person {
        f(&mut p.evidence);
    }
    for pos in &mut record.positions {
        f(&mut pos.evidence);
        skills(&mut pos.technologies, f);
        metrics(&mut pos.metrics, f);
        for pr in &mut pos.projects {
            f(&mut pr.evidence);
            skills(&mut pr.technologies, f);
            metrics(&mut pr.metrics, f);
        }
    }
    for pr in &mut record.projects {
        f(&mut pr.evidence);
        skills(&mut pr.technologies, f);
        metrics(&mut pr.metrics, f);
    }
    for e in &mut record.education {
        f(&mut e.evidence);
    }
    skills(&mut record.skills, f);
    metrics(&mut record.metrics, f);
    if let Some(r) = &mut record.role_profile {
        f(&mut r.evidence);
        skills(&mut r.required, f);
    }
}

/// For records read from structured input (JSON Resume), place each evidence quote at
/// its first occurrence in the document text (character offsets); drop quotes not found.
pub fn anchor_evidence(record: &mut crate::model::CareerRecord, text: &str) {
    visit_evidence(record, &mut |ev| {
        if let Some(e) = ev {
            match text.find(e.text.as_str()) {
                Some(i) if !e.text.is_empty() => {
                    e.start = crate::read::char_offset(text, i);
                    e.end = e.start + e.text.chars().count();
                }
                _ => *ev = None,
            }
        }
    });
}

/// Lines of real-looking text for tests that compare a fast path with a plain one: the
/// fixture résumés and a few generated ones, line by line.
#[cfg(test)]
pub(crate) fn sample_lines() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    texts.extend((0..30).map(|i| crate::generate::generate_one(7, i).text));
    texts
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `degree_level` as it was before its terms were prepared once.
    fn degree_level_plain(degree: &str) -> Option<DegreeLevel> {
        let lex = &vocabulary().lexicon;
        let lower = degree.trim().to_lowercase();
        let matches_any = |collection: &str| {
            lex.terms(collection).iter().any(|t| {
                let t = t.to_lowercase();
                if t.is_ascii() && t.len() <= 4 {
                    lower
                        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
                        .any(|tok| tok.trim_end_matches('.') == t.trim_end_matches('.'))
                } else {
                    lower.contains(&t)
                }
            })
        };
        [
            ("degree-doctor", DegreeLevel::Doctor),
            ("degree-master", DegreeLevel::Master),
            ("degree-bachelor", DegreeLevel::Bachelor),
            ("degree-other", DegreeLevel::Other),
        ]
        .into_iter()
        .find(|(c, _)| matches_any(c))
        .map(|(_, level)| level)
    }

    /// Sample lines and their comma/pipe-separated parts.
    fn sample_parts() -> Vec<String> {
        let lines = sample_lines();
        let parts: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split([',', '|', '，']))
            .map(str::to_owned)
            .collect();
        let odd = [
            "M.S.",
            "ms.",
            "B.A",
            "PhD",
            "Sr. Engineer",
            "MANAGER",
            "manager.",
        ];
        lines
            .into_iter()
            .chain(parts)
            .chain(odd.map(str::to_owned))
            .collect()
    }

    #[test]
    fn legal_forms_that_are_words_elsewhere_count_only_at_the_end() {
        let words = Words::get();
        assert_eq!(words.org_strength("Larch Co."), 3);
        assert_eq!(words.org_strength("Birch Werke AG"), 3);
        assert_eq!(words.org_strength("Co-op Programme"), 0);
        assert_eq!(words.org_strength("The Law Office of Jane Roe"), 2);
        assert_eq!(words.org_strength("Bank of the West"), 2);
        assert_eq!(words.org_strength("Master of Science"), 0);
        assert!(words.org_strength("Co") < 3);
    }

    #[test]
    fn degrees_with_their_initial_set_apart() {
        for (text, level) in [
            ("B. Tech in ECE", DegreeLevel::Bachelor),
            ("B-Tech", DegreeLevel::Bachelor),
            ("B Tech Honors", DegreeLevel::Bachelor),
            ("M Sc Physics", DegreeLevel::Master),
            ("M. Ed. Special Education", DegreeLevel::Master),
            ("B.S.Ed., Physical Education", DegreeLevel::Bachelor),
            ("Psy.D. in Clinical Psychology", DegreeLevel::Doctor),
        ] {
            assert_eq!(degree_level(text), Some(level), "{text:?}");
        }
        // A lone initial before an ordinary word is no degree.
        assert_eq!(degree_level("Plan B for the team"), None);
        assert_eq!(degree_level("Building M Block"), None);
    }

    #[test]
    fn a_state_code_after_its_town_is_no_degree() {
        for place in [
            "Northfield University (Portland, ME)",
            "Lowtown Community College (Eastvale, MS)",
            "Riverside Hospital, Baltimore, MD",
            "Boston, MA",
        ] {
            assert_eq!(degree_level(place), None, "{place:?}");
        }
        for (text, level) in [
            ("Computer Science, MS", DegreeLevel::Master),
            ("Boston, MA – M.S. in Biology", DegreeLevel::Master),
            ("MD, Internal Medicine", DegreeLevel::Doctor),
        ] {
            assert_eq!(degree_level(text), Some(level), "{text:?}");
        }
    }

    #[test]
    fn ambiguous_technologies_in_their_context() {
        let names = |text: &str| -> Vec<String> {
            find_technologies(text, false)
                .into_iter()
                .map(|s| s.name)
                .collect()
        };
        let has = |text: &str, tech: &str| names(text).iter().any(|n| n == tech);
        // Named as a language, a framework, a chart, or after a verb of use.
        assert!(has("固件的编程语言是C/C++，工具用Perl", "C"));
        assert!(has("固件的编程语言是C/C++，工具用Perl", "C++"));
        assert!(has("开发语言是C", "C"));
        assert!(has("detects cycles with the Go language", "Go"));
        assert!(has("改造基于Spring框架的订单系统", "Spring"));
        assert!(has("利用Helm chart实现部署", "Helm"));
        assert!(has("熟悉 Jenkins 搭建流程", "Jenkins"));
        assert!(has("Wrote the nightly tasks using Celery", "Celery"));
        // Not a technology: words of ordinary prose, a letter glued to Chinese, a grade.
        assert!(!has("Go to market with a new plan", "Go"));
        assert!(!has("面向C端用户", "C"));
        assert!(!has("Graduated with grade C in physics", "C"));
        assert!(!has("Spring 2019 internship", "Spring"));
    }

    #[test]
    fn prepared_word_lists_agree_with_plain_scans() {
        let words = Words::get();
        for p in sample_parts() {
            // The spaced forms ("B. Tech") are read only when nothing is written whole.
            if let Some(level) = degree_level_plain(&p) {
                assert_eq!(degree_level(&p), Some(level), "{p:?}");
            }
            let plain = words.title_en.iter().any(|t| ascii_token_eq(&p, t));
            assert_eq!(has_token_in(&p, &words.title_en_keys), plain, "{p:?}");
            let plain_zh = words.title_zh.iter().any(|t| p.contains(t.as_str()));
            let fast_zh = words.title_zh_matcher.as_ref().map(|ac| ac.is_match(&p));
            assert_eq!(fast_zh, Some(plain_zh), "{p:?}");
            for t in latin_tokens(&p) {
                let plain = words.title_en.iter().any(|h| h.eq_ignore_ascii_case(&t));
                let fast = words
                    .title_en_lower
                    .binary_search_by(|h| cmp_folded(h, &t))
                    .is_ok();
                assert_eq!(fast, plain, "{t:?}");
            }
        }
    }

    #[test]
    fn bounded_pieces_cover_the_text_exactly() {
        let text = "10K QPS 每秒处理8K+。".repeat(500);
        let pieces = bounded_pieces(&text, 100);
        assert!(pieces.len() > 10);
        let mut rebuilt = String::new();
        for (offset, piece) in &pieces {
            assert_eq!(*offset, rebuilt.len());
            assert!(piece.len() <= 104, "{}", piece.len());
            rebuilt.push_str(piece);
        }
        assert_eq!(rebuilt, text);
        assert_eq!(bounded_pieces("short", 100), vec![(0, "short")]);
    }

    #[test]
    fn metrics_in_glued_text_keep_document_offsets() {
        let text = format!(
            "{}Gateway serves 45K peak QPS",
            "filler words here ".repeat(400)
        );
        let m = find_metrics(&text);
        assert_eq!(m.len(), 1);
        let ev = m[0].evidence.as_ref().unwrap();
        assert_eq!(&text[ev.start..ev.end], ev.text);
        assert_eq!(m[0].value, 45000.0);
    }
}
