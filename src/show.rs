//! `careergraph show PERSON`: a person's profile read back from the store — positions as
//! a timeline, technologies and metrics per position, derived years per technology, total
//! and management experience, seniority, and the source documents with their as-of dates.

use crate::derive::stated;
use crate::model::Qualifier;
use crate::ns;
use crate::store::{CareerStore, StoreError};
use crate::vocab::vocabulary;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use serde::Serialize;
use std::fmt::Write as _;

/// A source document of a profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    /// Graph IRI.
    pub iri: String,
    /// Path it was ingested from.
    pub path: Option<String>,
    /// As-of date ("present" in it).
    pub as_of: Option<String>,
    /// Where the as-of date came from (document, latest-mention, ingest-option).
    pub as_of_source: Option<String>,
}

/// A project or system of a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectInfo {
    /// Name.
    pub name: String,
    /// A running system rather than a project.
    pub system: bool,
    /// Technologies used in it.
    pub technologies: Vec<String>,
    /// Metrics stated for it (raw text).
    pub metrics: Vec<String>,
}

/// One position of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionInfo {
    /// Position IRI.
    pub iri: String,
    /// Title.
    pub title: Option<String>,
    /// Organisation as written.
    pub organization: Option<String>,
    /// Start date.
    pub start: Option<String>,
    /// End date.
    pub end: Option<String>,
    /// Held as of the document date.
    pub current: bool,
    /// Derived duration in months.
    pub months: Option<i64>,
    /// Precision of the dates (day, month, year).
    pub precision: Option<String>,
    /// Technologies used directly in the position.
    pub technologies: Vec<String>,
    /// Metrics stated for the position (raw text).
    pub metrics: Vec<String>,
    /// Projects and systems.
    pub projects: Vec<ProjectInfo>,
}

/// Derived experience with one technology.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TechnologyInfo {
    /// Technology name.
    pub name: String,
    /// Months of use (absent when only listed).
    pub months: Option<i64>,
    /// Years of use, rounded to one decimal.
    pub years: Option<f64>,
    /// Last month of use.
    pub last_used: Option<String>,
    /// Listed as a skill (`cg:hasSkill` in the document graph).
    pub listed: bool,
    /// Months the résumé states itself ("5年Java经验").
    pub stated_months: Option<i64>,
    /// How the stated months are meant: "exact", "at least" ("3+ years"), "up to", "about".
    pub stated_as: Option<&'static str>,
    /// How the stated value compares with the derived one
    /// ([`stated_vs_derived`](crate::derive::stated::stated_vs_derived)).
    pub stated: Option<&'static str>,
}

/// A person's profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Person IRI.
    pub iri: String,
    /// Main name.
    pub name: String,
    /// Other names and spellings.
    pub other_names: Vec<String>,
    /// Headline.
    pub headline: Option<String>,
    /// Total months of professional experience (derived).
    pub total_months: Option<i64>,
    /// Months of internships (derived).
    pub internship_months: Option<i64>,
    /// Months of people management (derived).
    pub management_months: Option<i64>,
    /// Seniority level (derived).
    pub seniority: Option<String>,
    /// Positions, most recent first.
    pub positions: Vec<PositionInfo>,
    /// Derived experience per technology, most months first.
    pub technologies: Vec<TechnologyInfo>,
    /// Source documents.
    pub documents: Vec<DocumentInfo>,
}

/// The people a key names: an IRI, else a name / label / e-mail / phone.
pub fn find(store: &CareerStore, key: &str) -> Result<Vec<NamedNode>, StoreError> {
    let trimmed = key.trim().trim_start_matches('<').trim_end_matches('>');
    if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
        return Ok(NamedNode::new(trimmed).into_iter().collect());
    }
    store.find_people(key)
}

struct Reader<'a> {
    store: &'a CareerStore,
}

impl Reader<'_> {
    fn objects(&self, s: &NamedNode, p: &str) -> Result<Vec<Term>, StoreError> {
        let p = NamedNode::new_unchecked(p);
        let mut out = Vec::new();
        for q in self.store.inner().quads_for_pattern(
            Some(s.as_ref().into()),
            Some(p.as_ref()),
            None,
            None,
        ) {
            let o = q?.object;
            if !out.contains(&o) {
                out.push(o);
            }
        }
        Ok(out)
    }

    fn subjects(&self, p: &str, o: &NamedNode) -> Result<Vec<NamedNode>, StoreError> {
        let p = NamedNode::new_unchecked(p);
        let mut out = Vec::new();
        for q in self.store.inner().quads_for_pattern(
            None,
            Some(p.as_ref()),
            Some(o.as_ref().into()),
            None,
        ) {
            if let NamedOrBlankNode::NamedNode(s) = q?.subject {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    fn text(&self, s: &NamedNode, p: &str) -> Result<Option<String>, StoreError> {
        Ok(self.objects(s, p)?.into_iter().find_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
    }

    fn int(&self, s: &NamedNode, p: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.text(s, p)?.and_then(|v| v.parse().ok()))
    }

    fn nodes(&self, s: &NamedNode, p: &str) -> Result<Vec<NamedNode>, StoreError> {
        let mut out: Vec<NamedNode> = self
            .objects(s, p)?
            .into_iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect();
        out.sort();
        Ok(out)
    }

    fn has_type(&self, s: &NamedNode, class: &str) -> Result<bool, StoreError> {
        Ok(self
            .nodes(s, ns::RDF_TYPE)?
            .iter()
            .any(|t| t.as_str() == ns::cg(class)))
    }

    /// The derived fact of `class` about `s`.
    fn fact(&self, s: &NamedNode, class: &str) -> Result<Option<NamedNode>, StoreError> {
        for f in self.subjects(&ns::cg("about"), s)? {
            if self.has_type(&f, class)? {
                return Ok(Some(f));
            }
        }
        Ok(None)
    }

    /// The derived fact about `s` that has property `cg:{local}` (whose domain is its class:
    /// such facts carry no `rdf:type`).
    fn fact_with(&self, s: &NamedNode, local: &str) -> Result<Option<NamedNode>, StoreError> {
        for f in self.subjects(&ns::cg("about"), s)? {
            if !self.objects(&f, &ns::cg(local))?.is_empty() {
                return Ok(Some(f));
            }
        }
        Ok(None)
    }

    /// The qualifier of a fact's stated months (exact when none is stated).
    fn qualifier(&self, fact: &NamedNode) -> Result<Qualifier, StoreError> {
        let q = self.nodes(fact, &ns::cg("statedQualifier"))?;
        Ok([
            Qualifier::AtLeast,
            Qualifier::UpTo,
            Qualifier::Approximately,
        ]
        .into_iter()
        .find(|k| {
            q.iter()
                .any(|n| n.as_str() == crate::map::qualifier_iri(*k))
        })
        .unwrap_or(Qualifier::Exact))
    }

    fn label(&self, n: &NamedNode) -> Result<String, StoreError> {
        let v = vocabulary();
        if let Some(c) = v
            .technologies
            .get(n.as_str())
            .or_else(|| v.organizations.get(n.as_str()))
        {
            return Ok(c.label_en.clone());
        }
        for p in [
            format!("{}prefLabel", ns::SKOS),
            format!("{}label", ns::RDFS),
            format!("{}name", ns::SCHEMA),
        ] {
            if let Some(t) = self.text(n, &p)? {
                return Ok(t);
            }
        }
        Ok(n.as_str()
            .rsplit(['/', '#'])
            .next()
            .unwrap_or_default()
            .to_owned())
    }

    fn labels(&self, s: &NamedNode, p: &str) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for n in self.nodes(s, p)? {
            let l = self.label(&n)?;
            if !out.contains(&l) {
                out.push(l);
            }
        }
        out.sort();
        Ok(out)
    }

    fn metrics(&self, s: &NamedNode) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for m in self.nodes(s, &ns::cg("hasMetric"))? {
            if let Some(t) = self.text(&m, &ns::cg("rawText"))? {
                out.push(t);
            }
        }
        Ok(out)
    }

    fn position(&self, pos: &NamedNode) -> Result<PositionInfo, StoreError> {
        let duration = self.fact_with(pos, "datePrecision")?;
        let (months, precision) = match &duration {
            Some(d) => (
                self.int(d, &ns::cg("months"))?,
                self.nodes(d, &ns::cg("datePrecision"))?.first().map(|p| {
                    p.as_str()
                        .rsplit('#')
                        .next()
                        .unwrap_or_default()
                        .trim_end_matches("Precision")
                        .to_lowercase()
                }),
            ),
            None => (None, None),
        };
        let mut projects = Vec::new();
        for j in self.nodes(pos, &ns::cg("workedOn"))? {
            projects.push(ProjectInfo {
                name: self
                    .text(&j, &format!("{}name", ns::SCHEMA))?
                    .unwrap_or_default(),
                system: self.has_type(&j, "System")?,
                technologies: self.labels(&j, &ns::cg("usedTechnology"))?,
                metrics: self.metrics(&j)?,
            });
        }
        Ok(PositionInfo {
            iri: pos.as_str().to_owned(),
            title: self.text(pos, &ns::cg("title"))?,
            organization: self.text(pos, &ns::cg("organizationText"))?,
            start: self.text(pos, &ns::cg("startDate"))?,
            end: self.text(pos, &ns::cg("endDate"))?,
            current: self.text(pos, &ns::cg("current"))?.as_deref() == Some("true"),
            months,
            precision,
            technologies: self.labels(pos, &ns::cg("usedTechnology"))?,
            metrics: self.metrics(pos)?,
            projects,
        })
    }

    fn technologies(&self, person: &NamedNode) -> Result<Vec<TechnologyInfo>, StoreError> {
        let listed = self.nodes(person, &ns::cg("hasSkill"))?;
        let mut out: Vec<TechnologyInfo> = Vec::new();
        let mut seen: Vec<NamedNode> = Vec::new();
        // Technology experiences: the facts about the person with a cg:technology.
        for f in self.subjects(&ns::cg("about"), person)? {
            let Some(tech) = self.nodes(&f, &ns::cg("technology"))?.into_iter().next() else {
                continue;
            };
            let months = self.int(&f, &ns::cg("months"))?;
            let stated_months = self.int(&f, &ns::cg("statedMonths"))?;
            let qualifier = self.qualifier(&f)?;
            let info = TechnologyInfo {
                name: self.label(&tech)?,
                months,
                years: months.map(|m| (m as f64 * 10.0 / 12.0).round() / 10.0),
                last_used: self.text(&f, &ns::cg("lastUsed"))?,
                listed: listed.contains(&tech),
                stated_months,
                stated_as: stated_months.map(|_| stated::qualifier_words(qualifier)),
                stated: stated_months.map(|s| stated::stated_vs_derived(s, qualifier, months)),
            };
            seen.push(tech);
            // Several documents about one person: keep the most months per technology.
            match out.iter_mut().find(|t| t.name == info.name) {
                Some(t) if t.months < info.months => *t = info,
                Some(_) => {}
                None => out.push(info),
            }
        }
        // Listed only: nothing derived, the document graph's cg:hasSkill says it.
        for tech in listed.iter().filter(|t| !seen.contains(t)) {
            let name = self.label(tech)?;
            if !out.iter().any(|t| t.name == name) {
                out.push(TechnologyInfo {
                    name,
                    months: None,
                    years: None,
                    last_used: None,
                    listed: true,
                    stated_months: None,
                    stated_as: None,
                    stated: None,
                });
            }
        }
        out.sort_by(|a, b| b.months.cmp(&a.months).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }
}

/// Read the profile of `person` from the store.
pub fn profile(store: &CareerStore, person: &NamedNode) -> Result<Profile, StoreError> {
    let r = Reader { store };
    let name = r
        .text(person, &format!("{}name", ns::SCHEMA))?
        .unwrap_or_else(|| person.as_str().to_owned());
    let mut other_names = Vec::new();
    for t in r.objects(person, &format!("{}altLabel", ns::SKOS))? {
        if let Term::Literal(l) = t {
            if l.value() != name && !other_names.contains(&l.value().to_owned()) {
                other_names.push(l.value().to_owned());
            }
        }
    }
    other_names.sort();
    let mut positions = Vec::new();
    for p in r.nodes(person, &ns::cg("hasPosition"))? {
        positions.push(r.position(&p)?);
    }
    // Most recent first: current ones, then by end, then by start (dates sort as text).
    positions.sort_by(|a, b| {
        let key = |p: &PositionInfo| {
            (
                p.current,
                p.end.clone().or_else(|| p.start.clone()),
                p.start.clone(),
            )
        };
        key(b).cmp(&key(a)).then_with(|| a.iri.cmp(&b.iri))
    });
    let total = r.fact(person, "TotalExperience")?;
    let management = r.fact(person, "ManagementExperience")?;
    let seniority = match r.fact(person, "SeniorityAssessment")? {
        Some(f) => match r.nodes(&f, &ns::cg("seniorityLevel"))?.first() {
            Some(level) => Some(r.label(level)?),
            None => None,
        },
        None => None,
    };
    let mut documents = Vec::new();
    for d in r.nodes(person, &ns::cg("inDocument"))? {
        let as_of = r.fact(&d, "AsOfDate")?;
        let (date, source) = match &as_of {
            Some(a) => (
                r.text(a, &ns::cg("asOf"))?,
                r.nodes(a, &ns::cg("asOfSource"))?.first().map(|s| {
                    match s.as_str().rsplit('#').next().unwrap_or_default() {
                        "AsOfFromDocument" => "document",
                        "AsOfLatestMention" => "latest-mention",
                        _ => "ingest-option",
                    }
                    .to_owned()
                }),
            ),
            None => (None, None),
        };
        documents.push(DocumentInfo {
            iri: d.as_str().to_owned(),
            path: r.text(&d, &ns::cg("path"))?,
            as_of: date,
            as_of_source: source,
        });
    }
    Ok(Profile {
        iri: person.as_str().to_owned(),
        name,
        other_names,
        headline: r.text(person, &ns::cg("headline"))?,
        total_months: match &total {
            Some(t) => r.int(t, &ns::cg("months"))?,
            None => None,
        },
        internship_months: match &total {
            Some(t) => r.int(t, &ns::cg("internshipMonths"))?,
            None => None,
        },
        management_months: match &management {
            Some(m) => r.int(m, &ns::cg("months"))?,
            None => None,
        },
        seniority,
        positions,
        technologies: r.technologies(person)?,
        documents,
    })
}

fn years(months: i64) -> String {
    format!("{:.1} y", (months as f64 * 10.0 / 12.0).round() / 10.0)
}

/// The profile as terminal text.
pub fn render(p: &Profile) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", p.name);
    if !p.other_names.is_empty() {
        let _ = writeln!(s, "  also: {}", p.other_names.join(", "));
    }
    if let Some(h) = &p.headline {
        let _ = writeln!(s, "  {h}");
    }
    let _ = writeln!(s, "  {}", p.iri);
    let mut summary = Vec::new();
    if let Some(m) = p.total_months {
        summary.push(format!("experience {}", years(m)));
    }
    if let Some(m) = p.management_months {
        summary.push(format!("management {}", years(m)));
    }
    if let Some(m) = p.internship_months.filter(|m| *m > 0) {
        summary.push(format!("internships {}", years(m)));
    }
    if let Some(l) = &p.seniority {
        summary.push(format!("level {l}"));
    }
    if !summary.is_empty() {
        let _ = writeln!(s, "  {}", summary.join(" · "));
    }
    let _ = writeln!(s, "\nPositions");
    for pos in &p.positions {
        let end = match (&pos.end, pos.current) {
            (Some(e), _) => e.clone(),
            (None, true) => "present".into(),
            (None, false) => "?".into(),
        };
        let dates = format!("{} – {end}", pos.start.as_deref().unwrap_or("?"));
        let length = pos
            .months
            .map(|m| {
                format!(
                    " ({m} mo{})",
                    match pos.precision.as_deref() {
                        Some("year") => ", year precision",
                        _ => "",
                    }
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {dates:<24} {} @ {}{length}",
            pos.title.as_deref().unwrap_or("?"),
            pos.organization.as_deref().unwrap_or("?")
        );
        if !pos.technologies.is_empty() {
            let _ = writeln!(s, "  {:<24}   uses {}", "", pos.technologies.join(", "));
        }
        for m in &pos.metrics {
            let _ = writeln!(s, "  {:<24}   metric {m}", "");
        }
        for j in &pos.projects {
            let kind = if j.system { "system" } else { "project" };
            let techs = if j.technologies.is_empty() {
                String::new()
            } else {
                format!(" ({})", j.technologies.join(", "))
            };
            let _ = writeln!(s, "  {:<24}   {kind} {}{techs}", "", j.name);
            for m in &j.metrics {
                let _ = writeln!(s, "  {:<24}     metric {m}", "");
            }
        }
    }
    if !p.technologies.is_empty() {
        let _ = writeln!(s, "\nTechnologies (derived)");
        for t in &p.technologies {
            let amount = match (t.months, t.stated_months) {
                (Some(m), _) => years(m),
                (None, Some(_)) => "stated only".to_owned(),
                (None, None) => "listed".to_owned(),
            };
            let last = t
                .last_used
                .as_ref()
                .map(|l| format!(", last used {l}"))
                .unwrap_or_default();
            let stated = match (t.stated_months, t.stated) {
                (Some(m), Some(how)) => {
                    let bound = match t.stated_as {
                        Some(a) if a != "exact" => format!("{a} "),
                        _ => String::new(),
                    };
                    format!(", stated {bound}{} ({how})", years(m))
                }
                _ => String::new(),
            };
            let _ = writeln!(s, "  {:<20} {amount}{last}{stated}", t.name);
        }
    }
    let _ = writeln!(s, "\nDocuments");
    for d in &p.documents {
        let as_of = match (&d.as_of, &d.as_of_source) {
            (Some(a), Some(src)) => format!(" as of {a} ({src})"),
            _ => String::new(),
        };
        let _ = writeln!(s, "  {}{as_of}", d.path.as_deref().unwrap_or(&d.iri));
    }
    s
}
