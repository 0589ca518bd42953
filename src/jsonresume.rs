//! JSON Resume (schema v1.x) → [`CareerRecord`].
//!
//! Structured fields map directly (basics, work, education, skills, languages,
//! projects); free text inside them (summaries, highlights) goes through the same
//! technology and metric finders as plain-text résumés. A project whose `entity`
//! names an employer is attached to that position, so its technologies and
//! metrics are position-level facts.

use crate::extract::{self, canonical_organization, canonical_skill, degree_level};
use crate::model::{CareerRecord, DocumentKind, Education, Person, Position, Project, Skill};
use serde::Deserialize;

/// JSON Resume parse failures.
#[derive(Debug, thiserror::Error)]
pub enum JsonResumeError {
    /// Not JSON at all.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// JSON, but not a résumé.
    #[error("JSON, but not a JSON Resume (no \"basics\" or \"work\" object)")]
    NotAResume,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Resume {
    basics: Option<Basics>,
    work: Vec<Work>,
    education: Vec<Edu>,
    skills: Vec<SkillGroup>,
    languages: Vec<Language>,
    projects: Vec<JProject>,
    meta: Option<Meta>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Basics {
    name: String,
    label: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
    summary: Option<String>,
    location: Option<Location>,
    profiles: Vec<Profile>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Location {
    city: Option<String>,
    region: Option<String>,
    #[serde(rename = "countryCode")]
    country_code: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Profile {
    url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Work {
    name: Option<String>,
    company: Option<String>,
    position: Option<String>,
    location: Option<String>,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
    summary: Option<String>,
    description: Option<String>,
    highlights: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Edu {
    institution: String,
    area: Option<String>,
    #[serde(rename = "studyType")]
    study_type: Option<String>,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SkillGroup {
    name: String,
    keywords: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Language {
    language: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct JProject {
    name: String,
    description: Option<String>,
    highlights: Vec<String>,
    keywords: Vec<String>,
    roles: Vec<String>,
    entity: Option<String>,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Meta {
    #[serde(rename = "lastModified")]
    last_modified: Option<String>,
}

/// The date of a `meta.lastModified` value: an ISO 8601 timestamp ("2024-06-01T10:00:00Z")
/// or date, also "2024-06" or "2024" — as written, when it is a valid date.
fn last_modified_date(value: &str) -> Option<String> {
    let date = value.trim().split(['T', ' ']).next()?;
    crate::map::date_literal(date).map(|_| date.to_owned())
}

/// Whether parsed JSON looks like a JSON Resume.
fn looks_like_resume(value: &serde_json::Value) -> bool {
    value.get("basics").is_some_and(|b| b.is_object())
        || value.get("work").is_some_and(|w| w.is_array())
}

/// Keep "YYYY", "YYYY-MM" or "YYYY-MM-DD"; anything else is dropped.
fn iso_date(d: Option<&String>) -> Option<String> {
    let d = d?.trim();
    crate::map::date_literal(d).map(|_| d.to_owned())
}

fn text_skills(texts: &[&str]) -> Vec<Skill> {
    let mut out: Vec<Skill> = Vec::new();
    for t in texts {
        for s in extract::find_technologies(t, false) {
            if !out.iter().any(|o| o.name == s.name) {
                out.push(s);
            }
        }
    }
    out
}

/// Parse a JSON Resume document.
pub fn parse(source: &str, sha256: &str, bytes: &[u8]) -> Result<CareerRecord, JsonResumeError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)?;
    if !looks_like_resume(&value) {
        return Err(JsonResumeError::NotAResume);
    }
    let resume: Resume = serde_json::from_value(value)?;
    let mut record = CareerRecord {
        source: source.to_owned(),
        sha256: sha256.to_owned(),
        kind: DocumentKind::Resume,
        format: "json-resume".into(),
        as_of: resume
            .meta
            .as_ref()
            .and_then(|m| m.last_modified.as_deref())
            .and_then(last_modified_date),
        ..CareerRecord::default()
    };
    let basics = resume.basics.unwrap_or_default();
    let mut person = Person {
        name: basics.name.trim().to_owned(),
        headline: basics.label.clone().filter(|l| !l.trim().is_empty()),
        emails: basics
            .email
            .iter()
            .filter(|e| !e.is_empty())
            .cloned()
            .collect(),
        phones: basics
            .phone
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect(),
        urls: basics
            .url
            .iter()
            .chain(basics.profiles.iter().filter_map(|p| p.url.as_ref()))
            .filter(|u| !u.is_empty())
            .cloned()
            .collect(),
        location: basics.location.as_ref().and_then(|l| {
            let parts: Vec<&str> = [&l.city, &l.region, &l.country_code]
                .into_iter()
                .filter_map(|p| p.as_deref())
                .filter(|p| !p.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }),
        languages: resume
            .languages
            .iter()
            .map(|l| l.language.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect(),
        ..Person::default()
    };
    crate::extract::add_name_variants(&mut person);

    for w in &resume.work {
        let org = w
            .name
            .clone()
            .or_else(|| w.company.clone())
            .unwrap_or_default();
        let mut texts: Vec<&str> = w.highlights.iter().map(String::as_str).collect();
        texts.extend(w.summary.as_deref());
        texts.extend(w.description.as_deref());
        let canonical = canonical_organization(&org);
        let mut pos = Position {
            organization: org.trim().to_owned(),
            organization_label: canonical.as_ref().map(|c| c.0.clone()),
            organization_iri: canonical.map(|c| c.1),
            title: w.position.clone().filter(|p| !p.trim().is_empty()),
            start: iso_date(w.start_date.as_ref()),
            end: iso_date(w.end_date.as_ref()),
            location: w.location.clone().filter(|l| !l.trim().is_empty()),
            technologies: text_skills(&texts),
            metrics: texts
                .iter()
                .flat_map(|t| extract::find_line_metrics(t, false))
                .collect(),
            ..Position::default()
        };
        pos.current = pos.end.is_none() && pos.start.is_some();
        record.positions.push(pos);
    }

    for p in &resume.projects {
        let mut texts: Vec<&str> = p.highlights.iter().map(String::as_str).collect();
        texts.extend(p.description.as_deref());
        let mut technologies: Vec<Skill> = p.keywords.iter().map(|k| canonical_skill(k)).collect();
        for s in text_skills(&texts) {
            if !technologies.iter().any(|t| t.name == s.name) {
                technologies.push(s);
            }
        }
        let project = Project {
            name: p.name.trim().to_owned(),
            system: false,
            role: (!p.roles.is_empty()).then(|| p.roles.join(", ")),
            start: iso_date(p.start_date.as_ref()),
            end: iso_date(p.end_date.as_ref()),
            technologies,
            metrics: texts
                .iter()
                .flat_map(|t| extract::find_line_metrics(t, false))
                .collect(),
            evidence: None,
        };
        match p
            .entity
            .as_deref()
            .and_then(|e| employer_index(&record.positions, e))
        {
            Some(i) => record.positions[i].projects.push(project),
            None => record.projects.push(project),
        }
    }

    for e in &resume.education {
        let canonical = canonical_organization(&e.institution);
        let degree = e.study_type.clone().filter(|d| !d.trim().is_empty());
        record.education.push(Education {
            institution: e.institution.trim().to_owned(),
            institution_label: canonical.as_ref().map(|c| c.0.clone()),
            institution_iri: canonical.map(|c| c.1),
            degree_level: degree.as_deref().and_then(degree_level),
            degree,
            field: e.area.clone().filter(|a| !a.trim().is_empty()),
            start: iso_date(e.start_date.as_ref()),
            end: iso_date(e.end_date.as_ref()),
            evidence: None,
        });
    }

    for g in &resume.skills {
        let names = g.keywords.iter().map(String::as_str);
        let group_is_tech = crate::vocab::vocabulary()
            .technologies
            .lookup(&g.name)
            .is_some();
        for k in names.chain(group_is_tech.then_some(g.name.as_str())) {
            if k.trim().is_empty() {
                continue;
            }
            let s = canonical_skill(k);
            if !record.skills.iter().any(|o| o.name == s.name) {
                record.skills.push(s);
            }
        }
    }
    if let Some(summary) = &basics.summary {
        record
            .metrics
            .extend(extract::find_line_metrics(summary, false));
    }
    record.person = Some(person);
    Ok(record)
}

/// Index of the position whose organisation matches a project's `entity`.
fn employer_index(positions: &[Position], entity: &str) -> Option<usize> {
    let wanted = canonical_organization(entity).map(|c| c.1);
    positions.iter().position(|p| {
        p.organization.eq_ignore_ascii_case(entity.trim())
            || (wanted.is_some() && p.organization_iri == wanted)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_modified_keeps_the_date_at_its_precision() {
        for (value, date) in [
            ("2024-06-01T10:00:00Z", Some("2024-06-01")),
            ("2024-06-01", Some("2024-06-01")),
            ("2024-06", Some("2024-06")),
            (" 2024 ", Some("2024")),
            ("2024-13", None),
            ("June 2024", None),
            ("", None),
        ] {
            assert_eq!(last_modified_date(value).as_deref(), date, "{value:?}");
        }
    }
}
