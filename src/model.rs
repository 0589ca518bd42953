//! The typed intermediate form of one document: [`CareerRecord`].
//!
//! A record holds what was extracted from one input document, with no RDF in it.
//! Every value may carry [`Evidence`]: where in the source text it was found and how
//! confident the extractor is. The JSON shape of this module is a public contract
//! (`careergraph extract --format json|jsonl`); field names only ever get added.

use serde::{Deserialize, Serialize};

/// What kind of document a record was extracted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// A person's résumé or bio.
    #[default]
    Resume,
    /// A description of a job or role (not a person).
    RoleProfile,
    /// Anything else.
    Other,
}

impl DocumentKind {
    /// The contract string ("resume", "role-profile", "other").
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Resume => "resume",
            DocumentKind::RoleProfile => "role-profile",
            DocumentKind::Other => "other",
        }
    }
}

/// A span of the source text supporting a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Start offset in characters (Unicode scalar values) into the original text.
    pub start: usize,
    /// End offset (exclusive) in characters.
    pub end: usize,
    /// The quoted source text.
    pub text: String,
    /// Extractor confidence in `0.0..=1.0`.
    pub confidence: f32,
    /// 1-based page of the span's start, for paged documents (PDF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Bounding box of the span's lines on that page in PDF points, `[x0, y0, x1, y1]`
    /// (origin bottom-left), where the reader gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
}

/// One extracted document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CareerRecord {
    /// The path as given by the user (or `-` for stdin).
    pub source: String,
    /// Hex SHA-256 of the document's bytes; keys the document's named graph.
    #[serde(default)]
    pub sha256: String,
    /// Resume, role profile or other.
    #[serde(default)]
    pub kind: DocumentKind,
    /// Input format the record was read from (`json-resume`, `text`, `markdown`).
    #[serde(default)]
    pub format: String,
    /// Date the document describes itself as of (`YYYY-MM-DD`), used to resolve "present".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The candidate (absent for role profiles and other documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    /// Positions held, in document order.
    #[serde(default)]
    pub positions: Vec<Position>,
    /// Education records.
    #[serde(default)]
    pub education: Vec<Education>,
    /// Projects or systems not attached to any position.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Skills listed for the person (technologies and other skills).
    #[serde(default)]
    pub skills: Vec<Skill>,
    /// Metrics not attached to any position or project (person scope).
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Present when the document describes a role rather than a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_profile: Option<RoleProfile>,
}

/// The candidate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Main name as written; empty when the document names nobody (a record never makes
    /// one up: the graph labels such a person [`Person::UNNAMED`]).
    pub name: String,
    /// Other spellings: Latin/Chinese forms, pinyin.
    #[serde(default)]
    pub names: Vec<String>,
    /// Pinyin label for a Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinyin: Option<String>,
    /// Headline, e.g. "Senior Backend Engineer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Raw e-mail addresses (only kept in the store with `--keep-contacts`).
    #[serde(default)]
    pub emails: Vec<String>,
    /// Raw phone numbers (only kept in the store with `--keep-contacts`).
    #[serde(default)]
    pub phones: Vec<String>,
    /// Web sites and profiles (GitHub, blog…).
    #[serde(default)]
    pub urls: Vec<String>,
    /// Location as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Languages spoken.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Evidence for the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

impl Person {
    /// The label of a person whose document names nobody, in the graph and on screen.
    pub const UNNAMED: &'static str = "(unnamed)";

    /// The name to show: the name as written, or [`Person::UNNAMED`].
    #[must_use]
    pub fn display_name(&self) -> &str {
        if self.name.trim().is_empty() {
            Self::UNNAMED
        } else {
            &self.name
        }
    }
}

/// One position held: person × organisation × title × dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Organisation as written.
    pub organization: String,
    /// Canonical organisation label from the vocabulary, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_label: Option<String>,
    /// Vocabulary concept IRI of the organisation, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_iri: Option<String>,
    /// Same organisation as the position at this index (prose that names an organisation
    /// once for several roles, e.g. "历任公司副总经理、总工程师"); `organization` is then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_ref: Option<usize>,
    /// Department or unit as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Job title as written.
    #[serde(default)]
    pub title: Option<String>,
    /// Start date: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    #[serde(default)]
    pub start: Option<String>,
    /// End date (absent when current or unknown).
    #[serde(default)]
    pub end: Option<String>,
    /// Whether the position is held as of the document date.
    #[serde(default)]
    pub current: bool,
    /// Location as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Technologies used in this position (outside any named project).
    #[serde(default)]
    pub technologies: Vec<Skill>,
    /// Projects and systems worked on in this position.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// Metrics stated for this position (outside any named project).
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Evidence for the position header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A project or a system/service worked on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Name as written.
    pub name: String,
    /// Whether it is a running system/service (`cg:System`) rather than a project.
    #[serde(default)]
    pub system: bool,
    /// The person's role in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// End date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Technologies stated for it.
    #[serde(default)]
    pub technologies: Vec<Skill>,
    /// Metrics stated for it.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Evidence for the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Education record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Education {
    /// Institution as written.
    pub institution: String,
    /// Canonical institution label, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution_label: Option<String>,
    /// Vocabulary concept IRI, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution_iri: Option<String>,
    /// Degree as written.
    #[serde(default)]
    pub degree: Option<String>,
    /// Degree level.
    #[serde(default)]
    pub degree_level: Option<DegreeLevel>,
    /// Field of study.
    #[serde(default)]
    pub field: Option<String>,
    /// Start date.
    #[serde(default)]
    pub start: Option<String>,
    /// End date.
    #[serde(default)]
    pub end: Option<String>,
    /// Evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// Normalised degree level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DegreeLevel {
    /// Bachelor (本科, 学士, BEng, B.S.…).
    Bachelor,
    /// Master (硕士, MEng, M.S., MBA…).
    Master,
    /// Doctor (博士, PhD…).
    Doctor,
    /// Anything else (diploma, 大专, high school…).
    Other,
}

impl DegreeLevel {
    /// Local name used in IRIs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DegreeLevel::Bachelor => "bachelor",
            DegreeLevel::Master => "master",
            DegreeLevel::Doctor => "doctor",
            DegreeLevel::Other => "other",
        }
    }
}

/// A skill or technology mention.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Skill {
    /// Canonical name (vocabulary prefLabel@en when known, else as written).
    pub name: String,
    /// As written.
    pub text: String,
    /// Vocabulary concept IRI, when the skill is a known technology.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iri: Option<String>,
    /// Evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// How a number is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Qualifier {
    /// Stated as is.
    #[default]
    Exact,
    /// "10K+", "over", "超过", "过万".
    AtLeast,
    /// "~", "about", "约".
    Approximately,
    /// "up to", "under", "最高".
    UpTo,
}

impl Qualifier {
    /// Local name used in IRIs and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "atLeast",
            Qualifier::Approximately => "approximately",
            Qualifier::UpTo => "upTo",
        }
    }
}

/// A number about a system, position or person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// Metric kind: local name in the metric-kind scheme (`qps`, `dau`…).
    pub kind: String,
    /// Normalised value (e.g. "10W+" → 100000).
    pub value: f64,
    /// Unit: QUDT local name (`NUM-PER-SEC`) or a text unit.
    pub unit: String,
    /// Qualifier.
    #[serde(default)]
    pub qualifier: Qualifier,
    /// Statistic (`peak`, `average`, `p99`, `total`), when stated.
    #[serde(default)]
    pub statistic: Option<String>,
    /// Derived per-second rate for per-day kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_second: Option<f64>,
    /// ISO 4217 currency for money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The raw text.
    pub text: String,
    /// Evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A job or role description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleProfile {
    /// Role title.
    pub title: String,
    /// Organisation as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Canonical organisation label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_label: Option<String>,
    /// Organisation concept IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_iri: Option<String>,
    /// Required technologies.
    #[serde(default)]
    pub required: Vec<Skill>,
    /// Evidence for the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}
