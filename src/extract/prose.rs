//! Chinese prose bios ("张三，现任X公司副总经理…") through [`zh_prose`](super::zh_prose),
//! mapped into the record.

use super::zh_prose::{self, Distinct, PositionKind, Span, ZhLexicon};
use super::{canonical_organization, dates, degree_level};
use crate::model::{CareerRecord, Education, Evidence, Person, Position};
use crate::vocab::vocabulary;
use std::sync::OnceLock;

fn lexicon() -> &'static ZhLexicon {
    static LEX: OnceLock<ZhLexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        ZhLexicon::from_collections(
            vocabulary()
                .lexicon
                .collections
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        )
    })
}

fn evidence(s: &Span, confidence: f32) -> Evidence {
    Evidence {
        start: s.start,
        end: s.end,
        text: s.text.clone(),
        confidence,
        page: None,
        bbox: None,
    }
}

fn iso(span: Option<&Span>) -> Option<String> {
    dates::parse_date(&span?.text).map(|d| d.iso())
}

/// Fill name, positions and education from a Chinese prose bio. In a `sectioned` document
/// (one with headings, whose layout gave no position), an organisation named without a
/// title is a mention in a sentence ("了解…布局", an address, an award "2010.09 获某杯竞赛
/// 二等奖"), and a title with no organisation a role in a project ("作为核心人员"), not a
/// position.
pub fn apply_zh_bio(text: &str, sectioned: bool, record: &mut CareerRecord, person: &mut Person) {
    let bio = zh_prose::extract_zh_bio(text, lexicon());
    if let Some(n) = &bio.name {
        if person.name.is_empty() || !super::is_han_name(&person.name) {
            if !person.name.is_empty() {
                person.names.push(std::mem::take(&mut person.name));
            }
            person.name = n.text.clone();
            person.evidence = Some(evidence(n, 0.7));
        }
    }
    // One row per title; an organisation named once for several roles is recorded on the
    // first of them and referenced by the others (`organization_ref`).
    let mut first_row_of: Vec<(String, usize)> = Vec::new();
    for row in bio.position_rows(Distinct::Organizations) {
        let bp = row.position;
        if bp.kind == PositionKind::Affiliation
            && row.organization.is_none()
            && bp.organization.is_none()
        {
            continue;
        }
        let org_named = row.organization.is_some() || bp.organization.is_some();
        // In a sectioned document a dated sentence without a title is an award or an
        // event ("2010.09 获某某杯竞赛二等奖，被某中心授予…"), not a job.
        if sectioned && (row.title.is_none() || !org_named) {
            continue;
        }
        let org = row.organization.map(|o| o.text.clone()).unwrap_or_default();
        let canonical = canonical_organization(&org);
        let organization_ref = match (&row.organization, &bp.organization) {
            (None, Some(o)) => first_row_of
                .iter()
                .find(|(t, _)| t == &o.text)
                .map(|(_, i)| *i),
            _ => None,
        };
        if row.organization.is_some() {
            first_row_of.push((org.clone(), record.positions.len()));
        }
        record.positions.push(Position {
            organization: org,
            organization_label: canonical.as_ref().map(|c| c.0.clone()),
            organization_iri: canonical.map(|c| c.1),
            organization_ref,
            department: bp.department.as_ref().map(|d| d.text.clone()),
            title: row.title.map(|t| t.text.clone()),
            start: iso(bp.start.as_ref()),
            end: iso(bp.end.as_ref()),
            current: bp.current,
            evidence: row
                .title
                .or(bp.organization.as_ref())
                .map(|s| evidence(s, 0.6)),
            ..Position::default()
        });
    }
    for be in &bio.education {
        let institution = be
            .institution
            .as_ref()
            .map(|i| i.text.clone())
            .unwrap_or_default();
        // A sectioned document's education section was read already: a sentence adds a
        // record only when it names a school ("读书期间曾获…奖学金" names none).
        let words = super::Words::get();
        if sectioned && !(words.is_school(&institution) || words.is_known_university(&institution))
        {
            continue;
        }
        let canonical = canonical_organization(&institution);
        let degree = be.degree.as_ref().map(|d| d.text.clone());
        let ed = Education {
            institution,
            institution_label: canonical.as_ref().map(|c| c.0.clone()),
            institution_iri: canonical.map(|c| c.1),
            degree_level: degree.as_deref().and_then(degree_level),
            degree,
            field: be.field.as_ref().map(|f| f.text.clone()),
            start: None,
            end: iso(be.year.as_ref()),
            evidence: be
                .institution
                .as_ref()
                .or(be.degree.as_ref())
                .map(|s| evidence(s, 0.6)),
        };
        if record
            .education
            .iter()
            .all(|o| o.institution != ed.institution || o.degree != ed.degree)
        {
            record.education.push(ed);
        }
    }
    let _ = text;
}

/// Only the name of a prose bio ("刘某，现任…") for a résumé whose header has none.
pub fn apply_zh_name(text: &str, person: &mut Person) {
    // The bio opens the document; later prose mentions other people.
    let Some(from) = text.find(super::is_han) else {
        return;
    };
    let head: String = text[from..].chars().take(600).collect();
    if let Some(mut n) = zh_prose::extract_zh_bio(&head, lexicon()).name {
        // "本科院校：…" is a field label, "主要技能" a heading: neither is a name.
        let label = head
            .get(n.end..)
            .unwrap_or("")
            .trim_start()
            .starts_with([':', '：']);
        if super::is_han_name(&n.text) && !label && super::layout::heading_of(&n.text).is_none() {
            n.start += from;
            n.end += from;
            person.name = n.text.clone();
            person.evidence = Some(evidence(&n, 0.6));
        }
    }
}
