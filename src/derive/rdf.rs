//! Derived facts → quads in the document's derived graph (`BASE/derived/SHA256`).
//!
//! Every derived node is a `prov:Entity` of a `cg:DerivedFact` subclass. The graph says once
//! what holds for all of its nodes, and each node says only what is not implied:
//!
//! - **which rule**: each class has one rule, stated once on the class in the ontology
//!   (`cg:TechnologyExperience cg:derivationRule cg:TechnologyExperienceRule`: the `cg:rule`
//!   of each of its instances), so the node's class names it. The class is its `rdf:type`,
//!   or, for the two kinds of node written many times per résumé, implied by a property's
//!   `rdfs:domain`: a node with `cg:technology` is a `cg:TechnologyExperience`, one with
//!   `cg:datePrecision` a `cg:PositionDuration` (the SHACL shapes target them as subjects
//!   of those properties, the queries and `show` find them by them);
//! - **which run**: the graph is `prov:wasGeneratedBy` the derivation run (one per
//!   careergraph version), and so is every node in it;
//! - **from which facts**: `cg:about` is a sub-property of `prov:wasDerivedFrom` (a duration
//!   is derived from its position). Where the rule and the document graph determine the
//!   sources, they are not repeated: a technology's months come from the positions and
//!   projects of the person that use it in the document graph (`cg:usedTechnology`), a span
//!   ending at "present" from the graph's as-of date. `prov:wasDerivedFrom` names the
//!   sources a rule chose: the positions counted in a total or in management months, the
//!   position that shows the seniority level, the metric that states years.
//!
//! A skill only listed gives no node (`cg:hasSkill` in the document graph is the "listed"
//! flag): technology nodes exist where months were derived or years stated. The graph
//! declares itself `cg:derivedFromGraph` its document graph, which is how the store drops
//! it with that graph (replacement, `forget`).

use super::asof::AsOf;
use super::{derive, Derived, PersonFacts, Source, TechFacts, TechKey};
use crate::map::{self, MapError, MapOptions};
use crate::model::{CareerRecord, Qualifier};
use crate::ns;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::sync::OnceLock;

/// IRI of the derived graph of a document.
pub fn derived_graph_iri(base: &str, sha256: &str) -> String {
    format!("{base}derived/{sha256}")
}

/// Version of the derived graph's form, part of the run IRI: bumped whenever derived
/// graphs written before would be read wrongly (a term added, dropped or redefined), so a
/// store can tell which documents need re-ingest ([`crate::freshness`]). 1: the first
/// derived graph; 2: only what is not implied; 3: `cg:monthsSinceLastUsed` computed by the
/// `recent` query instead of stored, `cg:statedQualifier`.
pub const DERIVED_FORMAT: u32 = 3;

/// Last path segment of the run IRI of this careergraph version and derived format.
pub fn derivation_run_suffix() -> String {
    format!(
        "run/derive-careergraph-{}-f{DERIVED_FORMAT}",
        env!("CARGO_PKG_VERSION")
    )
}

/// IRI of the derivation run for this careergraph version and derived format.
pub fn derivation_run_iri(base: &str) -> String {
    format!("{base}{}", derivation_run_suffix())
}

fn named(iri: String) -> Result<NamedNode, MapError> {
    NamedNode::new(&iri).map_err(|e| MapError::InvalidIri {
        iri,
        reason: e.to_string(),
    })
}

/// The predicates and constants of the derived graph, built once.
struct Terms {
    rdf_type: NamedNode,
    about: NamedNode,
    derived_from: NamedNode,
    generated_by: NamedNode,
    months: NamedNode,
    internship_months: NamedNode,
    stated_months: NamedNode,
    stated_qualifier: NamedNode,
    technology: NamedNode,
    last_used: NamedNode,
    date_precision: NamedNode,
    seniority_level: NamedNode,
    as_of: NamedNode,
    as_of_source: NamedNode,
}

fn terms() -> &'static Terms {
    static TERMS: OnceLock<Terms> = OnceLock::new();
    TERMS.get_or_init(|| {
        let cg = |l: &str| NamedNode::new_unchecked(ns::cg(l));
        let prov = |l: &str| NamedNode::new_unchecked(format!("{}{l}", ns::PROV));
        Terms {
            rdf_type: NamedNode::new_unchecked(ns::RDF_TYPE),
            about: cg("about"),
            derived_from: prov("wasDerivedFrom"),
            generated_by: prov("wasGeneratedBy"),
            months: cg("months"),
            internship_months: cg("internshipMonths"),
            stated_months: cg("statedMonths"),
            stated_qualifier: cg("statedQualifier"),
            technology: cg("technology"),
            last_used: cg("lastUsed"),
            date_precision: cg("datePrecision"),
            seniority_level: cg("seniorityLevel"),
            as_of: cg("asOf"),
            as_of_source: cg("asOfSource"),
        }
    })
}

struct Writer<'a> {
    opts: &'a MapOptions,
    record: &'a CareerRecord,
    graph: GraphName,
    short: String,
    quads: Vec<Quad>,
}

impl Writer<'_> {
    fn add(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s.clone(),
            p.clone(),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn months(&mut self, s: &NamedNode, p: &NamedNode, months: i32) {
        self.add(s, p, Literal::from(i64::from(months)));
    }

    fn node(&self, path: &str) -> NamedNode {
        // The base is a valid IRI (MapOptions checks it), the hash is hex and `path` is
        // built from fixed words, indices and `map::slug`s: no check needed.
        NamedNode::new_unchecked(format!("{}derived/{}/{path}", self.opts.base, self.short))
    }

    /// A derived node: its class (which names its rule; `None` when a property written
    /// next implies it by its domain), what it is about, and the sources other than that.
    fn fact(
        &mut self,
        path: &str,
        class: Option<&str>,
        about: &NamedNode,
        sources: &[NamedNode],
    ) -> NamedNode {
        let node = self.node(path);
        let t = terms();
        if let Some(class) = class {
            self.add(&node, &t.rdf_type, NamedNode::new_unchecked(ns::cg(class)));
        }
        self.add(&node, &t.about, about.clone());
        for (i, s) in sources.iter().enumerate() {
            if s != about && !sources[..i].contains(s) {
                self.add(&node, &t.derived_from, s.clone());
            }
        }
        node
    }

    fn source(&self, s: Source, person: &NamedNode) -> NamedNode {
        let base = &self.opts.base;
        let short = &self.short;
        // Same IRIs as `map` gives these nodes (valid by construction).
        match s {
            Source::Position(i) => NamedNode::new_unchecked(format!("{base}position/{short}-{i}")),
            Source::Project(i, j) => {
                NamedNode::new_unchecked(format!("{base}project/{short}-{i}-{j}"))
            }
            Source::LooseProject(j) => {
                NamedNode::new_unchecked(format!("{base}project/{short}-x-{j}"))
            }
            Source::SkillList => person.clone(),
            Source::PersonMetric(i) => {
                NamedNode::new_unchecked(format!("{base}metric/{short}/person-{i}"))
            }
            Source::PositionMetric(p, i) => {
                NamedNode::new_unchecked(format!("{base}metric/{short}/p{p}-{i}"))
            }
        }
    }

    fn technology(&self, key: &TechKey) -> Result<(NamedNode, String), MapError> {
        match key {
            TechKey::Concept(iri) => {
                let local = iri.rsplit(['/', '#']).next().unwrap_or(iri);
                // A vocabulary concept's IRI, as `map` writes it.
                Ok((
                    NamedNode::new_unchecked(iri.as_str()),
                    format!("tech/{}", map::slug(local)),
                ))
            }
            TechKey::Local(slug) => Ok((
                NamedNode::new_unchecked(format!("{}skill/{slug}", self.opts.base)),
                format!("skill/{slug}"),
            )),
        }
    }

    fn as_of(&mut self, doc: &NamedNode, a: &AsOf) {
        let Some(date) = map::date_literal(&a.date) else {
            return;
        };
        let node = self.fact("as-of", Some("AsOfDate"), doc, &[]);
        let t = terms();
        self.add(&node, &t.as_of, date);
        self.add(
            &node,
            &t.as_of_source,
            NamedNode::new_unchecked(ns::cg(a.source.local_name())),
        );
    }

    fn person(&mut self, person: &NamedNode, facts: &PersonFacts) -> Result<(), MapError> {
        let t = terms();
        let sources = |w: &Self, indices: &[usize]| -> Vec<NamedNode> {
            indices
                .iter()
                .map(|i| w.source(Source::Position(*i), person))
                .collect()
        };
        if !facts.total_sources.is_empty() || facts.internship_months > 0 {
            let s = sources(self, &facts.total_sources);
            let n = self.fact("experience", Some("TotalExperience"), person, &s);
            self.months(&n, &t.months, facts.total_months);
            self.months(&n, &t.internship_months, facts.internship_months);
        }
        if !facts.management_sources.is_empty() {
            let s = sources(self, &facts.management_sources);
            let n = self.fact("management", Some("ManagementExperience"), person, &s);
            self.months(&n, &t.months, facts.management_months);
        }
        if let Some((level, i)) = facts.seniority {
            let s = [self.source(Source::Position(i), person)];
            let n = self.fact("seniority", Some("SeniorityAssessment"), person, &s);
            self.add(&n, &t.seniority_level, named(level.iri.clone())?);
        }
        for tf in &facts.technologies {
            self.technology_fact(person, tf)?;
        }
        Ok(())
    }

    /// A technology's derived months, last use and stated years. Nothing is written for a
    /// technology with neither (only listed, or used where no date is known): the document
    /// graph already says where it was listed or used.
    fn technology_fact(&mut self, person: &NamedNode, tf: &TechFacts) -> Result<(), MapError> {
        if tf.months.is_none() && tf.stated.is_none() {
            return Ok(());
        }
        let (tech, path) = self.technology(&tf.key)?;
        // Positions and projects using it are implied (cg:usedTechnology in the document
        // graph); the metric stating its years is not.
        let sources: Vec<NamedNode> = tf
            .sources
            .iter()
            .filter(|s| matches!(s, Source::PersonMetric(_) | Source::PositionMetric(..)))
            .map(|s| self.source(*s, person))
            .collect();
        // cg:technology implies cg:TechnologyExperience (its domain): no rdf:type.
        let n = self.fact(&path, None, person, &sources);
        let t = terms();
        self.add(&n, &t.technology, tech);
        if let Some(m) = tf.months {
            self.months(&n, &t.months, m);
        }
        if let Some(lit) = tf.last_used.as_deref().and_then(map::date_literal) {
            self.add(&n, &t.last_used, lit);
        }
        if let Some(m) = tf.stated {
            self.months(&n, &t.stated_months, m);
            // Exact unless said otherwise: "3+ years" is a lower bound.
            if tf.stated_qualifier != Qualifier::Exact {
                let q = NamedNode::new_unchecked(map::qualifier_iri(tf.stated_qualifier));
                self.add(&n, &t.stated_qualifier, q);
            }
        }
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
    let run = named(derivation_run_iri(&opts.base))?;
    let mut w = Writer {
        opts,
        record,
        graph: GraphName::NamedNode(graph.clone()),
        short: record.sha256.chars().take(16).collect(),
        quads: Vec::with_capacity(64 + 8 * record.skills.len()),
    };
    let t = terms();
    w.add(
        &graph,
        &NamedNode::new_unchecked(ns::cg("derivedFromGraph")),
        doc.clone(),
    );
    w.add(&graph, &t.generated_by, run.clone());
    w.add(
        &run,
        &t.rdf_type,
        NamedNode::new_unchecked(ns::cg("DerivationRun")),
    );
    w.add(
        &run,
        &NamedNode::new_unchecked(ns::cg("extractorVersion")),
        Literal::new_simple_literal(env!("CARGO_PKG_VERSION")),
    );
    if let Some(a) = &derived.as_of {
        w.as_of(&doc, a);
    }
    let Some(person) = w.record.person.as_ref() else {
        return Ok(w.quads);
    };
    let person = named(map::person_iri(opts, w.record, person))?;
    for p in &derived.positions {
        let Some(span) = p.span else { continue };
        let pos = w.source(Source::Position(p.index), &person);
        // cg:datePrecision implies cg:PositionDuration (its domain): no rdf:type.
        let n = w.fact(&format!("position-{}", p.index), None, &pos, &[]);
        w.months(&n, &t.months, span.months());
        w.add(
            &n,
            &t.date_precision,
            NamedNode::new_unchecked(ns::cg(span.precision.local_name())),
        );
    }
    if let Some(facts) = &derived.person {
        w.person(&person, facts)?;
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
        // The experience, management and seniority nodes cite the position they chose; the
        // Go months (the positions using Go) and the duration (its position) are implied.
        assert_eq!(cited, 3, "{quads:#?}");
        // Every derived node is typed, or has the property whose domain is its class, and
        // is about one node; no node repeats its rule or run.
        let typed: BTreeSet<String> = quads
            .iter()
            .filter(|q| {
                q.predicate.as_str() == ns::RDF_TYPE
                    || q.predicate.as_str() == ns::cg("technology")
                    || q.predicate.as_str() == ns::cg("datePrecision")
            })
            .map(|q| q.subject.to_string())
            .filter(|s| s.contains("/derived/"))
            .collect();
        assert_eq!(
            typed.len(),
            6,
            "as-of, duration, experience, management, seniority, Go: {typed:?}"
        );
        let types = quads
            .iter()
            .filter(|q| q.predicate.as_str() == ns::RDF_TYPE)
            .filter(|q| q.subject.to_string().contains("/derived/"))
            .count();
        assert_eq!(types, 4, "the duration and Go nodes are typed by domain");
        for s in &typed {
            let about = quads
                .iter()
                .filter(|q| q.subject.to_string() == *s && q.predicate.as_str() == ns::cg("about"))
                .count();
            assert_eq!(about, 1, "{s}");
        }
        assert!(!quads.iter().any(|q| q.predicate.as_str() == ns::cg("rule")));
        let generated = format!("{}wasGeneratedBy", ns::PROV);
        let generated: Vec<String> = quads
            .iter()
            .filter(|q| q.predicate.as_str() == generated)
            .map(|q| q.subject.to_string())
            .collect();
        assert_eq!(generated, [format!("<{graph}>")]);
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
        // A skill only listed gives no node: cg:hasSkill in the document graph says it.
        assert!(!q
            .iter()
            .any(|x| x.subject.to_string().contains("obscure-tool")));
    }

    #[test]
    fn stated_years_sit_beside_the_derived_months_and_cite_their_metric() {
        let mut r = record();
        r.metrics = vec![crate::model::Metric {
            kind: "years-experience".into(),
            value: 7.0,
            unit: "YR".into(),
            text: "7 years of Go experience".into(),
            ..Default::default()
        }];
        let q = derived_quads(&r, &opts()).unwrap();
        let go: Vec<(String, String)> = q
            .iter()
            .filter(|x| x.subject.to_string().ends_with("/tech/go>"))
            .map(|x| (x.predicate.as_str().to_owned(), x.object.to_string()))
            .collect();
        assert!(go.contains(&(
            ns::cg("statedMonths"),
            "\"84\"^^<http://www.w3.org/2001/XMLSchema#integer>".to_owned()
        )));
        let metric = format!("<{}metric/{}/person-0>", ns::DEFAULT_BASE, &r.sha256[..16]);
        assert!(go.contains(&(format!("{}wasDerivedFrom", ns::PROV), metric.clone())));
        // The metric is a node of the document graph.
        let doc = map::record_to_quads(&r, &opts()).unwrap();
        assert!(doc.iter().any(|x| x.subject.to_string() == metric));
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
