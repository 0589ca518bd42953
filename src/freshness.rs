//! Whether a store's documents carry the derived facts this careergraph writes. A store
//! filled by an older version has résumés without a derived graph (ingested before issue
//! 12) or derived graphs of an older form ([`DERIVED_FORMAT`]: terms since added, dropped
//! or redefined); the named queries then miss rows or read them wrongly, and nothing short
//! of re-ingesting the documents fixes it. `careergraph validate` reports it.

use crate::derive::rdf::DERIVED_FORMAT;
use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

/// Documents that need re-ingest, by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Staleness {
    /// Document graphs describing a person without a derived graph.
    pub without_derived: usize,
    /// Derived graphs written in an older derived format.
    pub older_format: usize,
}

impl Staleness {
    /// Whether any document needs re-ingest.
    pub fn needs_reingest(&self) -> bool {
        self.without_derived + self.older_format > 0
    }

    /// What to tell the user, when something needs re-ingest.
    pub fn message(&self) -> Option<String> {
        if !self.needs_reingest() {
            return None;
        }
        let mut why = Vec::new();
        if self.without_derived > 0 {
            why.push(format!(
                "{} document(s) have no derived facts (ingested before derived facts existed)",
                self.without_derived
            ));
        }
        if self.older_format > 0 {
            why.push(format!(
                "{} derived graph(s) are of an older form (this version writes format {DERIVED_FORMAT})",
                self.older_format
            ));
        }
        Some(format!(
            "store needs re-ingest: {}; tech-years, experience, recent, role-fit and show miss \
             or misread them. Ingest the same files into a fresh store (careergraph --store NEW \
             ingest FILES) or `forget` them and ingest them again.",
            why.join("; ")
        ))
    }
}

/// Count the documents of `store` that need re-ingest.
pub fn check(store: &CareerStore) -> Result<Staleness, StoreError> {
    let cg = ns::CG;
    let prov = ns::PROV;
    let without_derived = count(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ \
               GRAPH ?g {{ ?person a <{cg}Person> }} \
               FILTER NOT EXISTS {{ ?d <{cg}derivedFromGraph> ?g }} }}"
        ),
    )?;
    let older_format = count(
        store,
        &format!(
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ \
               GRAPH ?d {{ ?d <{cg}derivedFromGraph> ?g }} \
               FILTER NOT EXISTS {{ ?d <{prov}wasGeneratedBy> ?run \
                 FILTER(STRENDS(STR(?run), \"-f{DERIVED_FORMAT}\")) }} }}"
        ),
    )?;
    Ok(Staleness {
        without_derived,
        older_format,
    })
}

/// The `?n` of a one-row count query.
fn count(store: &CareerStore, text: &str) -> Result<usize, StoreError> {
    let query = spargebra::SparqlParser::new()
        .parse_query(text)
        .map_err(|e| StoreError::Query(e.to_string()))?;
    if let QueryResults::Solutions(mut rows) = store.evaluate(query, None)? {
        if let Some(row) = rows.next() {
            let row = row.map_err(|e| StoreError::Query(e.to_string()))?;
            if let Some(Term::Literal(n)) = row.get("n") {
                return Ok(n.value().parse().unwrap_or(0));
            }
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::{document_iri, record_to_quads, MapOptions};
    use crate::model::{CareerRecord, Person, Position};
    use crate::store::DocumentWrite;
    use oxigraph::model::{NamedNode, Quad};

    fn record() -> CareerRecord {
        CareerRecord {
            sha256: "ab".repeat(32),
            person: Some(Person {
                name: "Test Person".into(),
                ..Default::default()
            }),
            positions: vec![Position {
                organization: "Example Corp".into(),
                start: Some("2020-01".into()),
                end: Some("2021-12".into()),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn put(store: &CareerStore, quads: Vec<Quad>) {
        let r = record();
        store
            .put_documents(&[DocumentWrite {
                graph: NamedNode::new(document_iri(ns::DEFAULT_BASE, &r.sha256)).unwrap(),
                path: None,
                quads,
            }])
            .unwrap();
    }

    #[test]
    fn a_current_store_is_fresh_and_older_ones_say_why() {
        let opts = MapOptions::new(ns::DEFAULT_BASE, "salt", false).unwrap();
        let r = record();
        let doc = record_to_quads(&r, &opts).unwrap();
        let derived = crate::derive::rdf::derived_quads(&r, &opts).unwrap();

        let fresh = CareerStore::memory().unwrap();
        put(&fresh, doc.iter().chain(&derived).cloned().collect());
        assert_eq!(check(&fresh).unwrap(), Staleness::default());
        assert!(Staleness::default().message().is_none());

        // Before derived facts: the document alone.
        let before = CareerStore::memory().unwrap();
        put(&before, doc.clone());
        let s = check(&before).unwrap();
        assert_eq!((s.without_derived, s.older_format), (1, 0));
        assert!(s.message().unwrap().contains("needs re-ingest"));

        // An older derived format: the run IRI of another format.
        let run = crate::derive::rdf::derivation_run_iri(ns::DEFAULT_BASE);
        let old_run = NamedNode::new(run.replace(&format!("-f{DERIVED_FORMAT}"), "-f2")).unwrap();
        let older: Vec<Quad> = derived
            .iter()
            .map(|q| match &q.object {
                Term::NamedNode(n) if n.as_str() == run => Quad::new(
                    q.subject.clone(),
                    q.predicate.clone(),
                    old_run.clone(),
                    q.graph_name.clone(),
                ),
                _ => q.clone(),
            })
            .collect();
        let old = CareerStore::memory().unwrap();
        put(&old, doc.into_iter().chain(older).collect());
        let s = check(&old).unwrap();
        assert_eq!((s.without_derived, s.older_format), (0, 1));
        assert!(s.message().unwrap().contains("older form"));
    }
}
