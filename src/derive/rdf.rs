//! Derived facts → quads in the document's derived graph (`BASE/derived/SHA256`).
//!
//! Every derived node is a `prov:Entity` of a `cg:DerivedFact` subclass that names its
//! rule (`cg:rule`, a `prov:Plan`), the run that computed it (`prov:wasGeneratedBy`) and
//! the extracted nodes it was computed from (`prov:wasDerivedFrom`). The graph declares
//! itself `cg:derivedFromGraph` its document graph, which is how the store drops it with
//! that graph (replacement, `forget`).

use super::asof::AsOf;
use super::{derive, Derived, PersonFacts, Source, TechFacts, TechKey};
use crate::map::{self, MapError, MapOptions};
use crate::model::CareerRecord;
use crate::ns;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// IRI of the derived graph of a document.
pub fn derived_graph_iri(base: &str, sha256: &str) -> String {
    format!("{base}derived/{sha256}")
}

/// IRI of the derivation run for this careergraph version.
pub fn derivation_run_iri(base: &str) -> String {
    format!("{base}run/derive-careergraph-{}", env!("CARGO_PKG_VERSION"))
}

fn named(iri: String) -> Result<NamedNode, MapError> {
    NamedNode::new(&iri).map_err(|e| MapError::InvalidIri {
        iri,
        reason: e.to_string(),
    })
}

struct Writer<'a> {
    opts: &'a MapOptions,
    record: &'a CareerRecord,
    graph: GraphName,
    short: String,
    run: NamedNode,
    quads: Vec<Quad>,
}

impl Writer<'_> {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s.clone(),
            NamedNode::new_unchecked(p),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn cg(&mut self, s: &NamedNode, local: &str, o: impl Into<Term>) {
        self.add(s, &ns::cg(local), o);
    }

    fn months(&mut self, s: &NamedNode, local: &str, months: i32) {
        self.cg(s, local, Literal::from(i64::from(months)));
    }

    fn node(&self, path: &str) -> Result<NamedNode, MapError> {
        named(format!("{}derived/{}/{path}", self.opts.base, self.short))
    }

    /// A derived node: its class, rule, run, subject and sources.
    fn fact(
        &mut self,
        path: &str,
        class: &str,
        rule: &str,
        about: &NamedNode,
        sources: &[NamedNode],
    ) -> Result<NamedNode, MapError> {
        let node = self.node(path)?;
        self.add(&node, ns::RDF_TYPE, NamedNode::new_unchecked(ns::cg(class)));
        self.cg(&node, "rule", NamedNode::new_unchecked(ns::cg(rule)));
        let run = self.run.clone();
        self.add(&node, &format!("{}wasGeneratedBy", ns::PROV), run);
        self.cg(&node, "about", about.clone());
        for s in sources {
            self.add(&node, &format!("{}wasDerivedFrom", ns::PROV), s.clone());
        }
        Ok(node)
    }

    fn source(&self, s: Source, person: &NamedNode) -> Result<NamedNode, MapError> {
        let base = &self.opts.base;
        let short = &self.short;
        match s {
            Source::Position(i) => named(format!("{base}position/{short}-{i}")),
            Source::Project(i, j) => named(format!("{base}project/{short}-{i}-{j}")),
            Source::LooseProject(j) => named(format!("{base}project/{short}-x-{j}")),
            Source::SkillList => Ok(person.clone()),
        }
    }

    fn technology(&self, key: &TechKey) -> Result<(NamedNode, String), MapError> {
        match key {
            TechKey::Concept(iri) => {
                let local = iri.rsplit(['/', '#']).next().unwrap_or(iri);
                Ok((named(iri.clone())?, format!("tech/{}", map::slug(local))))
            }
            TechKey::Local(slug) => Ok((
                named(format!("{}skill/{slug}", self.opts.base))?,
                format!("skill/{slug}"),
            )),
        }
    }

    fn as_of(&mut self, doc: &NamedNode, a: &AsOf) -> Result<Option<NamedNode>, MapError> {
        let Some(date) = map::date_literal(&a.date) else {
            return Ok(None);
        };
        let node = self.fact(
            "as-of",
            "AsOfDate",
            "AsOfRule",
            doc,
            std::slice::from_ref(doc),
        )?;
        self.cg(&node, "asOf", date);
        self.cg(
            &node,
            "asOfSource",
            NamedNode::new_unchecked(ns::cg(a.source.local_name())),
        );
        Ok(Some(node))
    }

    fn person(
        &mut self,
        person: &NamedNode,
        derived: &Derived,
        facts: &PersonFacts,
        as_of: Option<&NamedNode>,
    ) -> Result<(), MapError> {
        let with_as_of = |mut v: Vec<NamedNode>, open: bool| {
            if let (true, Some(a)) = (open, as_of) {
                v.push(a.clone());
            }
            v
        };
        let open = |indices: &[usize]| indices.iter().any(|i| derived.positions[*i].open);
        let srcs = |w: &Self, indices: &[usize]| -> Result<Vec<NamedNode>, MapError> {
            indices
                .iter()
                .map(|i| w.source(Source::Position(*i), person))
                .collect()
        };
        if !facts.total_sources.is_empty() || facts.internship_months > 0 {
            let sources = with_as_of(
                srcs(self, &facts.total_sources)?,
                open(&facts.total_sources),
            );
            let n = self.fact(
                "experience",
                "TotalExperience",
                "TotalExperienceRule",
                person,
                &sources,
            )?;
            self.months(&n, "months", facts.total_months);
            self.months(&n, "internshipMonths", facts.internship_months);
        }
        if !facts.management_sources.is_empty() {
            let sources = with_as_of(
                srcs(self, &facts.management_sources)?,
                open(&facts.management_sources),
            );
            let n = self.fact(
                "management",
                "ManagementExperience",
                "ManagementRule",
                person,
                &sources,
            )?;
            self.months(&n, "months", facts.management_months);
        }
        if let Some((level, i)) = facts.seniority {
            let sources = srcs(self, &[i])?;
            let n = self.fact(
                "seniority",
                "SeniorityAssessment",
                "SeniorityRule",
                person,
                &sources,
            )?;
            self.cg(&n, "seniorityLevel", named(level.iri.clone())?);
        }
        for t in &facts.technologies {
            self.technology_fact(person, t, as_of)?;
        }
        Ok(())
    }

    fn technology_fact(
        &mut self,
        person: &NamedNode,
        t: &TechFacts,
        as_of: Option<&NamedNode>,
    ) -> Result<(), MapError> {
        let (tech, path) = self.technology(&t.key)?;
        let mut sources = t
            .sources
            .iter()
            .map(|s| self.source(*s, person))
            .collect::<Result<Vec<_>, _>>()?;
        if let (Some(0), Some(a)) = (t.months_since_last_used, as_of) {
            sources.push(a.clone());
        }
        sources.dedup();
        let n = self.fact(
            &path,
            "TechnologyExperience",
            "TechnologyExperienceRule",
            person,
            &sources,
        )?;
        self.cg(&n, "technology", tech);
        if let Some(m) = t.months {
            self.months(&n, "months", m);
        }
        if let Some(lit) = t.last_used.as_deref().and_then(map::date_literal) {
            self.cg(&n, "lastUsed", lit);
        }
        if let Some(m) = t.months_since_last_used {
            self.months(&n, "monthsSinceLastUsed", m);
        }
        self.cg(&n, "listed", Literal::from(t.listed));
        Ok(())
    }
}

/// Derive the facts of `record` and map them into its derived graph. Records with neither
/// a person nor an as-of date have no derived graph (empty result).
pub fn derived_quads(record: &CareerRecord, opts: &MapOptions) -> Result<Vec<Quad>, MapError> {
    let derived = derive(record, opts.as_of.as_deref());
    quads_of(record, &derived, opts)
}

/// Map already derived facts (see [`derived_quads`]).
pub fn quads_of(
    record: &CareerRecord,
    derived: &Derived,
    opts: &MapOptions,
) -> Result<Vec<Quad>, MapError> {
    if record.person.is_none() && derived.as_of.is_none() {
        return Ok(Vec::new());
    }
    let graph = named(derived_graph_iri(&opts.base, &record.sha256))?;
    let doc = named(map::document_iri(&opts.base, &record.sha256))?;
    let mut w = Writer {
        opts,
        record,
        graph: GraphName::NamedNode(graph.clone()),
        short: record.sha256.chars().take(16).collect(),
        run: named(derivation_run_iri(&opts.base))?,
        quads: Vec::new(),
    };
    w.cg(&graph, "derivedFromGraph", doc.clone());
    let run = w.run.clone();
    w.add(&graph, &format!("{}wasGeneratedBy", ns::PROV), run.clone());
    w.add(
        &run,
        ns::RDF_TYPE,
        NamedNode::new_unchecked(ns::cg("DerivationRun")),
    );
    w.cg(
        &run,
        "extractorVersion",
        Literal::new_simple_literal(env!("CARGO_PKG_VERSION")),
    );
    let as_of = match &derived.as_of {
        Some(a) => w.as_of(&doc, a)?,
        None => None,
    };
    let Some(person) = w.record.person.as_ref() else {
        return Ok(w.quads);
    };
    let person = named(map::person_iri(opts, w.record, person))?;
    for p in &derived.positions {
        let Some(span) = p.span else { continue };
        let pos = w.source(Source::Position(p.index), &person)?;
        let sources = match (p.open, as_of.as_ref()) {
            (true, Some(a)) => vec![pos.clone(), a.clone()],
            _ => vec![pos.clone()],
        };
        let n = w.fact(
            &format!("position-{}", p.index),
            "PositionDuration",
            "PositionDurationRule",
            &pos,
            &sources,
        )?;
        w.months(&n, "months", span.months());
        w.cg(
            &n,
            "datePrecision",
            NamedNode::new_unchecked(ns::cg(span.precision.local_name())),
        );
    }
    if let Some(facts) = &derived.person {
        w.person(&person, derived, facts, as_of.as_ref())?;
    }
    Ok(w.quads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Position, Skill};
    use std::collections::BTreeSet;

    fn record() -> CareerRecord {
        let go = Skill {
            name: "Go".into(),
            text: "Go".into(),
            ..Default::default()
        };
        CareerRecord {
            sha256: "cd".repeat(32),
            person: Some(Person {
                name: "Test Person".into(),
                ..Default::default()
            }),
            positions: vec![Position {
                organization: "Example Corp".into(),
                title: Some("Engineering Manager".into()),
                start: Some("2020-01".into()),
                current: true,
                technologies: vec![go.clone()],
                ..Default::default()
            }],
            skills: vec![
                go,
                Skill {
                    name: "Obscure Tool".into(),
                    text: "Obscure Tool".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    fn opts() -> MapOptions {
        MapOptions::new(ns::DEFAULT_BASE, "salt", false)
            .unwrap()
            .with_as_of(Some("2024-12".into()))
    }

    #[test]
    fn derived_facts_live_in_their_own_graph_and_cite_extracted_nodes() {
        let r = record();
        let quads = derived_quads(&r, &opts()).unwrap();
        let graph = derived_graph_iri(ns::DEFAULT_BASE, &r.sha256);
        assert!(quads
            .iter()
            .all(|q| q.graph_name.to_string() == format!("<{graph}>")));
        // Every prov:wasDerivedFrom object is a node of the document graph (or the as-of).
        let doc_quads = map::record_to_quads(&r, &opts()).unwrap();
        let doc_subjects: BTreeSet<String> =
            doc_quads.iter().map(|q| q.subject.to_string()).collect();
        let derived_from = format!("{}wasDerivedFrom", ns::PROV);
        let mut cited = 0;
        for q in quads
            .iter()
            .filter(|q| q.predicate.as_str() == derived_from)
        {
            let o = q.object.to_string();
            assert!(
                doc_subjects.contains(&o) || o.contains("/as-of>"),
                "{o} is not a node of the document graph"
            );
            cited += 1;
        }
        assert!(cited >= 5, "{cited}");
        // Every derived node names a rule and the run.
        let typed: BTreeSet<String> = quads
            .iter()
            .filter(|q| q.predicate.as_str() == ns::RDF_TYPE)
            .map(|q| q.subject.to_string())
            .collect();
        for s in typed.iter().filter(|s| s.contains("/derived/")) {
            assert!(quads
                .iter()
                .any(|q| q.subject.to_string() == *s && q.predicate.as_str() == ns::cg("rule")));
        }
    }

    #[test]
    fn values_are_typed_and_counted_from_the_ingest_as_of() {
        let mut r = record();
        // The latest mentioned date wins over --as-of: here the start, so 1 month.
        let quads = derived_quads(&r, &opts()).unwrap();
        let months = |quads: &[Quad], path: &str| -> Vec<String> {
            quads
                .iter()
                .filter(|q| {
                    q.subject.to_string().ends_with(&format!("{path}>"))
                        && q.predicate.as_str() == ns::cg("months")
                })
                .map(|q| q.object.to_string())
                .collect()
        };
        assert_eq!(
            months(&quads, "/experience"),
            ["\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"]
        );
        // With no date in the document, --as-of applies: 2020-01 … 2024-12.
        r.positions[0].start = None;
        r.positions[0].end = None;
        assert!(months(&derived_quads(&r, &opts()).unwrap(), "/experience").is_empty());
        r.as_of = Some("2024-12-31".into());
        r.positions[0].start = Some("2020-01".into());
        let q = derived_quads(&r, &opts()).unwrap();
        assert_eq!(
            months(&q, "/experience"),
            ["\"60\"^^<http://www.w3.org/2001/XMLSchema#integer>"]
        );
        assert_eq!(months(&q, "/management").len(), 1);
        assert_eq!(months(&q, "/tech/go").len(), 1);
        // A skill only listed has no months, only the flag.
        assert!(months(&q, "/skill/obscure-tool").is_empty());
        assert!(q
            .iter()
            .any(|x| x.subject.to_string().ends_with("/skill/obscure-tool>")
                && x.predicate.as_str() == ns::cg("listed")
                && x.object.to_string().starts_with("\"true\"")));
    }

    #[test]
    fn nothing_to_derive_gives_no_graph() {
        let r = CareerRecord {
            sha256: "ef".repeat(32),
            ..Default::default()
        };
        let o = MapOptions::new(ns::DEFAULT_BASE, "salt", false).unwrap();
        assert!(derived_quads(&r, &o).unwrap().is_empty());
    }
}
