//! Mapping: [`CareerRecord`] → quads under the careergraph ontology.
//!
//! IRIs are deterministic: documents are keyed by the SHA-256 of their bytes, nodes
//! inside a document by their position in it, organisations and technologies by
//! their vocabulary concept (or a normalised name), people by a salted hash of a
//! contact detail (or of name + document). Nothing here reads a clock or a RNG.

use crate::model::{
    CareerRecord, DegreeLevel, Education, Evidence, Metric, Person, Position, Project, Skill,
};
use crate::ns;
use crate::vocab::vocabulary;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

/// Mapping failed (only possible with a bad base IRI).
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    /// The base IRI, or an IRI built on it, is not valid.
    #[error("invalid IRI {iri:?}: {reason}")]
    InvalidIri {
        /// The offending IRI.
        iri: String,
        /// Parser message.
        reason: String,
    },
}

/// Options of the mapping.
#[derive(Debug, Clone)]
pub struct MapOptions {
    /// Base IRI for instance data; must end with `/` or `#`.
    pub base: String,
    /// Salt for hashing contact details (kept per store).
    pub salt: String,
    /// Store raw e-mail addresses and phone numbers (off by default).
    pub keep_contacts: bool,
    /// `--as-of` given at ingest: the as-of date of documents that state none and mention
    /// no date (see [`crate::derive::asof`]).
    pub as_of: Option<String>,
}

impl MapOptions {
    /// Options with a validated base IRI.
    pub fn new(base: &str, salt: &str, keep_contacts: bool) -> Result<Self, MapError> {
        let mut base = base.to_owned();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        named(&format!("{base}x"))?;
        Ok(MapOptions {
            base,
            salt: salt.to_owned(),
            keep_contacts,
            as_of: None,
        })
    }

    /// The same options with an ingest `--as-of` date.
    pub fn with_as_of(mut self, as_of: Option<String>) -> Self {
        self.as_of = as_of;
        self
    }
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            base: ns::DEFAULT_BASE.to_owned(),
            salt: String::new(),
            keep_contacts: false,
            as_of: None,
        }
    }
}

fn named(iri: &str) -> Result<NamedNode, MapError> {
    NamedNode::new(iri).map_err(|e| MapError::InvalidIri {
        iri: iri.to_owned(),
        reason: e.to_string(),
    })
}

/// IRI of the named graph (and the source-document node) of a document.
pub fn document_iri(base: &str, sha256: &str) -> String {
    format!("{base}document/{sha256}")
}

/// IRI of the extraction run for this extractor version.
pub fn run_iri(base: &str) -> String {
    format!("{base}run/careergraph-{}", env!("CARGO_PKG_VERSION"))
}

/// Hex SHA-256 of `salt` and `value` (a keyed hash; never reversible to the value).
pub fn salted_hash(salt: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update([0u8]);
    h.update(value.as_bytes());
    hex(&h.finalize())
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The search key of a label (`cg:labelKey`): trimmed and lower-cased exactly as SPARQL's
/// `LCASE` does, so a query finds it with `BIND(LCASE(STR(?name)) AS ?key)`.
pub fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// A normalised name usable as an IRI path segment ("Pied Piper, Inc." → "pied-piper-inc").
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().map(crate::read::fold_width) {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "unnamed".to_owned()
    } else {
        out.chars().take(80).collect()
    }
}

/// Normalised e-mail for hashing.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Normalised phone for hashing: digits only, a leading Chinese country code dropped.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("86") {
        Some(rest) if rest.len() == 11 => rest.to_owned(),
        _ => digits,
    }
}

/// Replace e-mail addresses and phone numbers inside free text (evidence quotes, raw
/// metric text) with `[redacted]`, so contact details never reach the store by the side door.
pub fn redact_contacts(text: &str) -> String {
    let mut out = text.to_owned();
    let mut found = crate::extract::lines::emails(text);
    found.extend(crate::extract::lines::phones(text));
    for f in found {
        out = out.replace(&f, "[redacted]");
    }
    out
}

/// IRI of the person a record describes.
pub fn person_iri(opts: &MapOptions, record: &CareerRecord, person: &Person) -> String {
    let key = if let Some(e) = person.emails.first() {
        format!("mailto:{}", normalize_email(e))
    } else if let Some(p) = person.phones.first() {
        format!("tel:{}", normalize_phone(p))
    } else {
        format!("name:{}|doc:{}", person.display_name(), record.sha256)
    };
    format!(
        "{}person/{}",
        opts.base,
        &salted_hash(&opts.salt, &key)[..24]
    )
}

/// Typed date literal from "YYYY", "YYYY-MM" or "YYYY-MM-DD"; `None` if malformed.
pub fn date_literal(date: &str) -> Option<Literal> {
    let parts: Vec<&str> = date.split('-').collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(|p| all_digits(p)) || parts[0].len() != 4 {
        return None;
    }
    let month_ok = |m: &str| m.len() == 2 && matches!(m.parse::<u8>(), Ok(1..=12));
    let datatype = match parts.as_slice() {
        [_] => xsd::G_YEAR,
        [_, m] if month_ok(m) => xsd::G_YEAR_MONTH,
        [_, m, d] if month_ok(m) && d.len() == 2 && matches!(d.parse::<u8>(), Ok(1..=31)) => {
            xsd::DATE
        }
        _ => return None,
    };
    Some(Literal::new_typed_literal(date, datatype))
}

/// A decimal literal for a finite number.
fn decimal(value: f64) -> Option<Literal> {
    value.is_finite().then(|| {
        let mut s = format!("{value}");
        if !s.contains('.') {
            s.push_str(".0");
        }
        Literal::new_typed_literal(s, xsd::DECIMAL)
    })
}

/// A bounding box `[x0, y0, x1, y1]` in PDF points as one compact literal `"x0 y0 x1 y1"`,
/// each number with one decimal (a tenth of a point), e.g. `"51.0 756.7 469.2 766.7"`;
/// `None` if a coordinate is not finite.
pub fn bbox_literal(bbox: [f32; 4]) -> Option<Literal> {
    bbox.iter().all(|v| v.is_finite()).then(|| {
        let parts: Vec<String> = bbox
            .iter()
            .map(|v| {
                let r = (f64::from(*v) * 10.0).round() / 10.0;
                // No "-0.0": a coordinate that rounds to zero is written "0.0".
                format!("{:.1}", if r == 0.0 { 0.0 } else { r })
            })
            .collect();
        Literal::new_simple_literal(parts.join(" "))
    })
}

/// Builds the quads of one document graph.
struct GraphBuilder<'a> {
    opts: &'a MapOptions,
    graph: GraphName,
    doc: NamedNode,
    short: String,
    quads: Vec<Quad>,
}

impl GraphBuilder<'_> {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        // Predicates are compile-time constants built from `ns`; they are valid IRIs.
        let p = NamedNode::new_unchecked(p);
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o.into(),
            self.graph.clone(),
        ));
    }

    fn add_type(&mut self, s: &NamedNode, class: &str) {
        self.add(s, ns::RDF_TYPE, NamedNode::new_unchecked(ns::cg(class)));
    }

    fn text(&mut self, s: &NamedNode, p: &str, value: &str) {
        if !value.trim().is_empty() {
            let value = if self.opts.keep_contacts {
                value.trim().to_owned()
            } else {
                redact_contacts(value.trim())
            };
            self.add(s, p, Literal::new_simple_literal(value));
        }
    }

    /// A label, and its [`label_key`] as `cg:labelKey`.
    fn label(&mut self, s: &NamedNode, p: &str, value: &str) {
        self.text(s, p, value);
        let key = if self.opts.keep_contacts {
            label_key(value)
        } else {
            label_key(&redact_contacts(value))
        };
        if !key.is_empty() {
            self.add(s, &ns::cg("labelKey"), Literal::new_simple_literal(key));
        }
    }

    fn opt_text(&mut self, s: &NamedNode, p: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.text(s, p, v);
        }
    }

    fn node(&self, path: &str) -> Result<NamedNode, MapError> {
        named(&format!("{}{}", self.opts.base, path))
    }

    fn evidence(&mut self, s: &NamedNode, ev: Option<&Evidence>) -> Result<(), MapError> {
        let Some(ev) = ev else { return Ok(()) };
        let node = self.node(&format!("evidence/{}/{}-{}", self.short, ev.start, ev.end))?;
        self.add(s, &ns::cg("evidence"), node.clone());
        self.add_type(&node, "Evidence");
        let doc = self.doc.clone();
        self.add(&node, &ns::cg("inDocument"), doc);
        self.add(
            &node,
            &format!("{}start", ns::OA),
            Literal::from(ev.start as i64),
        );
        self.add(
            &node,
            &format!("{}end", ns::OA),
            Literal::from(ev.end as i64),
        );
        self.text(&node, &format!("{}exact", ns::OA), &ev.text);
        if let Some(c) = decimal(f64::from((ev.confidence * 100.0).round() / 100.0)) {
            self.add(&node, &ns::cg("confidence"), c);
        }
        if let Some(page) = ev.page {
            self.add(&node, &ns::cg("page"), Literal::from(i64::from(page)));
        }
        if let Some(bbox) = ev.bbox.and_then(bbox_literal) {
            self.add(&node, &ns::cg("boundingBox"), bbox);
        }
        Ok(())
    }

    fn date(&mut self, s: &NamedNode, p: &str, date: Option<&str>) {
        if let Some(lit) = date.and_then(date_literal) {
            self.add(s, p, lit);
        }
    }

    fn organization(
        &mut self,
        written: &str,
        iri: Option<&str>,
        label: Option<&str>,
    ) -> Result<NamedNode, MapError> {
        if let Some(iri) = iri {
            return named(iri);
        }
        if let Some(c) = vocabulary().organizations.lookup(written) {
            return named(&c.iri);
        }
        let node = self.node(&format!("org/{}", slug(written)))?;
        self.add_type(&node, "Organization");
        self.label(
            &node,
            &format!("{}label", ns::RDFS),
            label.unwrap_or(written),
        );
        Ok(node)
    }

    fn skill(&mut self, skill: &Skill) -> Result<NamedNode, MapError> {
        if let Some(iri) = &skill.iri {
            return named(iri);
        }
        if let Some(c) = vocabulary().technologies.lookup(&skill.name) {
            return named(&c.iri);
        }
        let node = self.node(&format!("skill/{}", slug(&skill.name)))?;
        self.add_type(&node, "Skill");
        self.label(&node, &format!("{}prefLabel", ns::SKOS), &skill.name);
        Ok(node)
    }

    fn skills(&mut self, s: &NamedNode, p: &str, skills: &[Skill]) -> Result<(), MapError> {
        for sk in skills {
            let node = self.skill(sk)?;
            self.add(s, p, node);
        }
        Ok(())
    }

    fn metrics(&mut self, s: &NamedNode, scope: &str, metrics: &[Metric]) -> Result<(), MapError> {
        for (i, m) in metrics.iter().enumerate() {
            let node = self.node(&format!("metric/{}/{scope}-{i}", self.short))?;
            self.metric(&node, m)?;
            self.add(s, &ns::cg("hasMetric"), node);
        }
        Ok(())
    }

    fn metric(&mut self, node: &NamedNode, m: &Metric) -> Result<(), MapError> {
        self.add_type(node, "Metric");
        let kind = named(&format!("{}{}", ns::METRIC_KIND, slug(&m.kind)))?;
        self.add(node, &ns::cg("metricKind"), kind.clone());
        if let Some(v) = decimal(m.value) {
            self.add(node, &format!("{}value", ns::SCHEMA), v);
        }
        if let Some(concept) = vocabulary().metric_kinds.get(kind.as_str()) {
            if let Some(unit) = concept.props.get(&ns::cg("unit")) {
                self.add(node, &ns::cg("unit"), named(unit)?);
            }
        }
        self.text(node, &ns::cg("unitText"), &m.unit);
        let q = NamedNode::new_unchecked(qualifier_iri(m.qualifier));
        self.add(node, &ns::cg("qualifier"), q);
        if let Some(stat) = statistic_iri(m.statistic.as_deref()) {
            self.add(node, &ns::cg("statistic"), NamedNode::new_unchecked(stat));
        }
        if let Some(ps) = m.per_second.and_then(decimal) {
            self.add(node, &ns::cg("perSecond"), ps);
        }
        self.opt_text(node, &ns::cg("currency"), m.currency.as_deref());
        self.text(node, &ns::cg("rawText"), &m.text);
        self.evidence(node, m.evidence.as_ref())
    }

    fn project(&mut self, node: &NamedNode, scope: &str, p: &Project) -> Result<(), MapError> {
        self.add_type(node, "Project");
        if p.system {
            self.add_type(node, "System");
        }
        self.text(node, &format!("{}name", ns::SCHEMA), &p.name);
        self.text(node, &format!("{}label", ns::RDFS), &p.name);
        self.opt_text(node, &ns::cg("role"), p.role.as_deref());
        self.date(node, &ns::cg("startDate"), p.start.as_deref());
        self.date(node, &ns::cg("endDate"), p.end.as_deref());
        self.skills(node, &ns::cg("usedTechnology"), &p.technologies)?;
        self.metrics(node, scope, &p.metrics)?;
        self.evidence(node, p.evidence.as_ref())
    }

    fn position(
        &mut self,
        person: &NamedNode,
        i: usize,
        pos: &Position,
        all: &[Position],
    ) -> Result<(), MapError> {
        let node = self.node(&format!("position/{}-{i}", self.short))?;
        self.add_type(&node, "Position");
        self.add(&node, &ns::cg("holder"), person.clone());
        self.add(person, &ns::cg("hasPosition"), node.clone());
        if !pos.organization.trim().is_empty() {
            let org = self.organization(
                &pos.organization,
                pos.organization_iri.as_deref(),
                pos.organization_label.as_deref(),
            )?;
            self.add(&node, &ns::cg("organization"), org);
            self.text(&node, &ns::cg("organizationText"), &pos.organization);
        } else if let Some(first) = pos.organization_ref.and_then(|r| all.get(r)) {
            if !first.organization.trim().is_empty() {
                let org = self.organization(
                    &first.organization,
                    first.organization_iri.as_deref(),
                    first.organization_label.as_deref(),
                )?;
                self.add(&node, &ns::cg("organization"), org);
                self.text(&node, &ns::cg("organizationText"), &first.organization);
            }
        }
        self.opt_text(&node, &ns::cg("title"), pos.title.as_deref());
        self.opt_text(&node, &ns::cg("department"), pos.department.as_deref());
        self.opt_text(&node, &ns::cg("location"), pos.location.as_deref());
        self.date(&node, &ns::cg("startDate"), pos.start.as_deref());
        self.date(&node, &ns::cg("endDate"), pos.end.as_deref());
        self.add(&node, &ns::cg("current"), Literal::from(pos.current));
        self.skills(&node, &ns::cg("usedTechnology"), &pos.technologies)?;
        self.metrics(&node, &format!("p{i}"), &pos.metrics)?;
        for (j, p) in pos.projects.iter().enumerate() {
            let pnode = self.node(&format!("project/{}-{i}-{j}", self.short))?;
            self.project(&pnode, &format!("p{i}-{j}"), p)?;
            self.add(&node, &ns::cg("workedOn"), pnode);
        }
        self.evidence(&node, pos.evidence.as_ref())
    }

    fn education(&mut self, person: &NamedNode, i: usize, ed: &Education) -> Result<(), MapError> {
        let node = self.node(&format!("education/{}-{i}", self.short))?;
        self.add_type(&node, "EducationRecord");
        self.add(person, &ns::cg("hasEducation"), node.clone());
        self.add(&node, &ns::cg("student"), person.clone());
        if !ed.institution.trim().is_empty() {
            let org = self.organization(
                &ed.institution,
                ed.institution_iri.as_deref(),
                ed.institution_label.as_deref(),
            )?;
            self.add(&node, &ns::cg("institution"), org);
            self.text(&node, &ns::cg("organizationText"), &ed.institution);
        }
        self.opt_text(&node, &ns::cg("degree"), ed.degree.as_deref());
        if let Some(level) = ed.degree_level {
            let iri = ns::cg(match level {
                DegreeLevel::Bachelor => "Bachelor",
                DegreeLevel::Master => "Master",
                DegreeLevel::Doctor => "Doctor",
                DegreeLevel::Other => "OtherDegree",
            });
            self.add(&node, &ns::cg("degreeLevel"), NamedNode::new_unchecked(iri));
        }
        self.opt_text(&node, &ns::cg("field"), ed.field.as_deref());
        self.date(&node, &ns::cg("startDate"), ed.start.as_deref());
        self.date(&node, &ns::cg("endDate"), ed.end.as_deref());
        self.evidence(&node, ed.evidence.as_ref())
    }

    fn person(&mut self, record: &CareerRecord, p: &Person) -> Result<NamedNode, MapError> {
        let node = named(&person_iri(self.opts, record, p))?;
        self.add_type(&node, "Person");
        self.text(&node, &format!("{}name", ns::SCHEMA), p.display_name());
        self.label(&node, &format!("{}label", ns::RDFS), p.display_name());
        for n in &p.names {
            if n != &p.name {
                self.label(&node, &format!("{}altLabel", ns::SKOS), n);
            }
        }
        if let Some(pinyin) = p.pinyin.as_deref() {
            self.label(&node, &ns::cg("pinyin"), pinyin);
        }
        self.opt_text(&node, &ns::cg("headline"), p.headline.as_deref());
        self.opt_text(&node, &ns::cg("location"), p.location.as_deref());
        for l in &p.languages {
            self.text(&node, &ns::cg("speaksLanguage"), l);
        }
        for e in &p.emails {
            let h = salted_hash(&self.opts.salt, &format!("mailto:{}", normalize_email(e)));
            self.text(&node, &ns::cg("emailHash"), &h);
            if self.opts.keep_contacts {
                self.text(&node, &format!("{}email", ns::SCHEMA), e);
            }
        }
        for ph in &p.phones {
            let h = salted_hash(&self.opts.salt, &format!("tel:{}", normalize_phone(ph)));
            self.text(&node, &ns::cg("phoneHash"), &h);
            if self.opts.keep_contacts {
                self.text(&node, &format!("{}telephone", ns::SCHEMA), ph);
            }
        }
        for u in &p.urls {
            if let Ok(url) = NamedNode::new(u.trim()) {
                self.add(&node, &format!("{}url", ns::SCHEMA), url);
            }
        }
        let doc = self.doc.clone();
        self.add(&node, &ns::cg("inDocument"), doc);
        self.evidence(&node, p.evidence.as_ref())?;
        Ok(node)
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `cg:` IRI of a qualifier (`cg:Exact`, `cg:AtLeast`, `cg:Approximately`, `cg:UpTo`).
pub fn qualifier_iri(q: crate::model::Qualifier) -> String {
    ns::cg(&capitalize(q.as_str()))
}

/// `cg:` IRI of a statistic name ("peak" → `cg:Peak`); unknown names are dropped.
pub fn statistic_iri(stat: Option<&str>) -> Option<String> {
    let local = match stat?.to_ascii_lowercase().as_str() {
        "peak" | "max" => "Peak",
        "average" | "avg" | "mean" | "daily" => "Average",
        "p999" => "P999",
        "p99" => "P99",
        "p95" => "P95",
        "p90" => "P90",
        "p50" | "median" => "P50",
        "total" => "Total",
        _ => return None,
    };
    Some(ns::cg(local))
}

/// Map one record into the quads of its document graph.
pub fn record_to_quads(record: &CareerRecord, opts: &MapOptions) -> Result<Vec<Quad>, MapError> {
    let doc_iri = document_iri(&opts.base, &record.sha256);
    let doc = named(&doc_iri)?;
    let mut b = GraphBuilder {
        opts,
        graph: GraphName::NamedNode(doc.clone()),
        doc: doc.clone(),
        short: record.sha256.chars().take(16).collect(),
        quads: Vec::new(),
    };
    b.add_type(&doc, "SourceDocument");
    b.text(&doc, &ns::cg("sha256"), &record.sha256);
    b.text(&doc, &ns::cg("documentKind"), record.kind.as_str());
    b.text(&doc, &ns::cg("format"), &record.format);
    b.date(&doc, &ns::cg("asOf"), record.as_of.as_deref());
    let run = named(&run_iri(&opts.base))?;
    b.add(&doc, &format!("{}wasGeneratedBy", ns::PROV), run.clone());
    b.add_type(&run, "ExtractionRun");
    b.text(&run, &ns::cg("extractorVersion"), env!("CARGO_PKG_VERSION"));

    if let Some(person) = &record.person {
        let p = b.person(record, person)?;
        for (i, pos) in record.positions.iter().enumerate() {
            b.position(&p, i, pos, &record.positions)?;
        }
        for (i, ed) in record.education.iter().enumerate() {
            b.education(&p, i, ed)?;
        }
        b.skills(&p, &ns::cg("hasSkill"), &record.skills)?;
        b.metrics(&p, "person", &record.metrics)?;
        for (j, proj) in record.projects.iter().enumerate() {
            let node = b.node(&format!("project/{}-x-{j}", b.short))?;
            b.project(&node, &format!("x{j}"), proj)?;
            b.add(&p, &format!("{}wasAssociatedWith", ns::PROV), node);
        }
    }
    if let Some(role) = &record.role_profile {
        let node = b.node(&format!("role/{}", b.short))?;
        b.add_type(&node, "RoleProfile");
        b.text(&node, &ns::cg("title"), &role.title);
        b.text(&node, &format!("{}label", ns::RDFS), &role.title);
        if let Some(org) = &role.organization {
            let o = b.organization(
                org,
                role.organization_iri.as_deref(),
                role.organization_label.as_deref(),
            )?;
            b.add(&node, &ns::cg("organization"), o);
        }
        b.skills(&node, &ns::cg("requiresTechnology"), &role.required)?;
        b.add(&node, &ns::cg("inDocument"), doc.clone());
        b.evidence(&node, role.evidence.as_ref())?;
    }
    // A graph is a set: drop repeats (two spellings of a name share one label key).
    let mut seen = std::collections::HashSet::with_capacity(b.quads.len());
    b.quads.retain(|q| seen.insert(q.clone()));
    Ok(b.quads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_get_one_label_key_each_and_no_quad_repeats() {
        let record = CareerRecord {
            source: "cv.txt".into(),
            sha256: "ab".repeat(32),
            person: Some(crate::model::Person {
                name: "Alice Chen".into(),
                names: vec!["ALICE CHEN".into(), "陈爱丽".into()],
                pinyin: Some("Chen Aili".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let opts = MapOptions::new(ns::DEFAULT_BASE, "salt", false).unwrap();
        let quads = record_to_quads(&record, &opts).unwrap();
        let unique: std::collections::HashSet<_> = quads.iter().collect();
        assert_eq!(unique.len(), quads.len(), "repeated quads");
        let mut keys: Vec<String> = quads
            .iter()
            .filter(|q| q.predicate.as_str() == ns::cg("labelKey"))
            .map(|q| match &q.object {
                Term::Literal(l) => l.value().to_owned(),
                other => panic!("{other}"),
            })
            .collect();
        keys.sort();
        assert_eq!(keys, ["alice chen", "chen aili", "陈爱丽"]);
    }

    #[test]
    fn slugs_are_stable_and_iri_safe() {
        assert_eq!(slug("Pied Piper, Inc."), "pied-piper-inc");
        assert_eq!(slug("  斑马互娱 "), "斑马互娱");
        assert_eq!(slug("!!!"), "unnamed");
        assert!(NamedNode::new(format!("https://x.example/{}", slug("a<b>\"c{d}"))).is_ok());
    }

    #[test]
    fn bounding_boxes_are_one_compact_literal() {
        let lit = bbox_literal([51.0, 756.6704, 469.226_26, -0.04]).expect("finite");
        assert_eq!(lit.value(), "51.0 756.7 469.2 0.0");
        assert!(bbox_literal([0.0, f32::NAN, 1.0, 1.0]).is_none());
    }

    #[test]
    fn date_literals_carry_their_precision() {
        assert_eq!(
            date_literal("2021").unwrap().datatype().as_str(),
            xsd::G_YEAR.as_str()
        );
        assert_eq!(
            date_literal("2021-08").unwrap().datatype().as_str(),
            xsd::G_YEAR_MONTH.as_str()
        );
        assert_eq!(
            date_literal("2021-08-31").unwrap().datatype().as_str(),
            xsd::DATE.as_str()
        );
        for bad in ["21", "2021-13", "2021-8", "present", "2021-02-40", ""] {
            assert!(date_literal(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn phones_and_emails_normalise_before_hashing() {
        assert_eq!(normalize_phone("+86-138 0000 0001"), "13800000001");
        assert_eq!(normalize_email(" Ann@Example.COM "), "ann@example.com");
        assert_ne!(salted_hash("a", "x"), salted_hash("b", "x"));
        assert_eq!(salted_hash("a", "x").len(), 64);
    }

    #[test]
    fn base_iri_is_validated() {
        assert!(MapOptions::new("not an iri", "", false).is_err());
        let o = MapOptions::new("https://example.org/talent", "", false).unwrap();
        assert_eq!(o.base, "https://example.org/talent/");
    }
}
