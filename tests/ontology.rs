//! The ontology and vocabularies parse, and every term the mapping emits is declared.

use careergraph::ingest::{extract_record, InputFormat};
use careergraph::map::{record_to_quads, MapOptions};
use careergraph::ns;
use careergraph::vocab::{vocabulary, SOURCES};
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::BTreeSet;
use std::path::Path;

fn declared_subjects() -> BTreeSet<String> {
    vocabulary()
        .quads
        .iter()
        .filter_map(|q| match &q.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

/// Records from every example and fixture file.
fn all_records() -> Vec<careergraph::model::CareerRecord> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
            .collect();
        paths.sort();
        for p in paths {
            let fmt = InputFormat::from_path(&p)
                .unwrap_or_else(|| panic!("{}: no input format", p.display()));
            let bytes = std::fs::read(&p).unwrap();
            let r = extract_record(&p.display().to_string(), fmt, &bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            out.push(r);
        }
    }
    // 3 JSON Resume examples and the 12 text fixtures (tests/fixtures/README.md).
    assert_eq!(out.len(), 15, "examples and fixtures");
    out
}

#[test]
fn every_vocabulary_file_parses() {
    for (name, text) in SOURCES {
        let quads = careergraph::vocab::parse_source(name, text).unwrap();
        assert!(quads.len() > 20, "{name} has only {} triples", quads.len());
    }
    // Every concept declared in a scheme is loaded into that scheme's index: the count of
    // `skos:inScheme cg:XScheme` statements in the Turtle text, independently of the parser.
    let v = vocabulary();
    let declared = |scheme: &str| {
        let needle = format!("skos:inScheme cg:{scheme}");
        SOURCES
            .iter()
            .map(|(_, text)| text.matches(needle.as_str()).count())
            .sum::<usize>()
    };
    for (scheme, index, at_least) in [
        ("TechnologyScheme", &v.technologies, 300),
        ("OrganizationScheme", &v.organizations, 300),
        ("MetricKindScheme", &v.metric_kinds, 15),
        ("HeadingScheme", &v.headings, 10),
    ] {
        let n = declared(scheme);
        assert!(n >= at_least, "{scheme}: {n}");
        assert_eq!(index.concepts.len(), n, "{scheme}");
    }
}

#[test]
fn every_emitted_term_is_declared() {
    let declared = declared_subjects();
    let opts = MapOptions::new(ns::DEFAULT_BASE, "salt", true).unwrap();
    let mut used = BTreeSet::new();
    for r in all_records() {
        let derived = careergraph::derive::rdf::derived_quads(&r, &opts).unwrap();
        assert!(r.person.is_none() || !derived.is_empty(), "{}", r.source);
        for q in record_to_quads(&r, &opts)
            .unwrap()
            .into_iter()
            .chain(derived)
        {
            used.insert(q.predicate.as_str().to_owned());
            if q.predicate.as_str() == ns::RDF_TYPE {
                if let Term::NamedNode(n) = &q.object {
                    used.insert(n.as_str().to_owned());
                }
            }
            if let Term::NamedNode(n) = &q.object {
                let iri = n.as_str();
                if iri.starts_with(ns::CG)
                    || iri.starts_with(ns::METRIC_KIND)
                    || iri.starts_with(ns::TECH)
                    || iri.starts_with(ns::ORG_VOCAB)
                {
                    used.insert(iri.to_owned());
                }
            }
        }
    }
    let ours: Vec<&String> = used
        .iter()
        .filter(|t| {
            [ns::CG, ns::METRIC_KIND, ns::TECH, ns::ORG_VOCAB]
                .iter()
                .any(|n| t.starts_with(n))
        })
        .collect();
    assert!(ours.len() > 40, "too few terms used: {ours:?}");
    let missing: Vec<&&String> = ours.iter().filter(|t| !declared.contains(**t)).collect();
    assert!(missing.is_empty(), "emitted but not declared: {missing:?}");
    // Terms from other vocabularies come only from the namespaces we align with.
    let allowed = [
        ns::RDF,
        ns::RDFS,
        ns::SCHEMA,
        ns::SKOS,
        ns::OA,
        ns::PROV,
        ns::ORG,
    ];
    for t in &used {
        let known = allowed.iter().any(|n| t.starts_with(n))
            || [ns::CG, ns::METRIC_KIND, ns::TECH, ns::ORG_VOCAB]
                .iter()
                .any(|n| t.starts_with(n));
        assert!(known, "term from an unexpected namespace: {t}");
    }
}

#[test]
fn ontology_aligns_classes_with_standard_vocabularies() {
    let v = vocabulary();
    let sub_class = format!("{}subClassOf", ns::RDFS);
    let parents = |class: &str| -> Vec<String> {
        v.quads
            .iter()
            .filter(|q| q.subject.to_string() == format!("<{}>", ns::cg(class)))
            .filter(|q| q.predicate.as_str() == sub_class)
            .map(|q| q.object.to_string())
            .collect()
    };
    assert!(parents("Person").contains(&format!("<{}Person>", ns::SCHEMA)));
    assert!(parents("Position").contains(&format!("<{}Membership>", ns::ORG)));
    assert!(parents("Technology").contains(&format!("<{}Skill>", ns::CG)));
    assert!(parents("Evidence").contains(&format!("<{}TextPositionSelector>", ns::OA)));
    assert!(parents("RoleProfile").contains(&format!("<{}JobPosting>", ns::SCHEMA)));
    // Every class and property has an English and a Chinese label.
    let label = format!("{}label", ns::RDFS);
    for q in v.quads.iter().filter(|q| {
        q.predicate.as_str() == ns::RDF_TYPE
            && q.subject.to_string().starts_with(&format!("<{}", ns::CG))
            && ["Class", "ObjectProperty", "DatatypeProperty"]
                .iter()
                .any(|k| q.object.to_string() == format!("<{}{k}>", ns::OWL))
    }) {
        let langs: BTreeSet<String> = v
            .quads
            .iter()
            .filter(|l| l.subject == q.subject && l.predicate.as_str() == label)
            .filter_map(|l| match &l.object {
                Term::Literal(lit) => lit.language().map(str::to_owned),
                _ => None,
            })
            .collect();
        assert!(
            langs.contains("en") && langs.contains("zh"),
            "{} lacks en/zh labels",
            q.subject
        );
    }
}

/// Derived nodes do not repeat their rule: each derived-fact class names exactly one
/// `cg:derivationRule`, a `cg:DerivationRule` (no blank nodes, so exports reload exactly).
#[test]
fn every_derived_fact_class_names_its_rule() {
    let v = vocabulary();
    let objects = |s: &str, p: &str| -> Vec<String> {
        v.quads
            .iter()
            .filter(|q| q.subject.to_string() == format!("<{s}>") && q.predicate.as_str() == p)
            .map(|q| q.object.to_string())
            .collect()
    };
    let sub_class = format!("{}subClassOf", ns::RDFS);
    let classes: Vec<String> = v
        .quads
        .iter()
        .filter(|q| {
            q.predicate.as_str() == sub_class
                && q.object.to_string() == format!("<{}>", ns::cg("DerivedFact"))
        })
        .map(|q| q.subject.to_string())
        .collect();
    assert_eq!(classes.len(), 6, "{classes:?}");
    for c in &classes {
        let c = c.trim_matches(['<', '>']);
        let rules = objects(c, &ns::cg("derivationRule"));
        assert_eq!(rules.len(), 1, "{c}: {rules:?}");
        let rule = rules[0].trim_matches(['<', '>']);
        assert!(
            objects(rule, ns::RDF_TYPE).contains(&format!("<{}>", ns::cg("DerivationRule"))),
            "{rule}"
        );
    }
    assert!(v
        .quads
        .iter()
        .all(|q| !matches!(q.subject, NamedOrBlankNode::BlankNode(_))));
}

#[test]
fn organisations_from_two_languages_share_one_iri() {
    use careergraph::extract::canonical_organization;
    let en = canonical_organization("Tencent").unwrap();
    let zh = canonical_organization("腾讯").unwrap();
    assert_eq!(en.1, zh.1);
    let unit = vocabulary()
        .organizations
        .lookup("Tencent PCG")
        .expect("Tencent PCG is known");
    assert_eq!(vocabulary().organizations.top_parent(unit).iri, en.1);
    assert_eq!(
        canonical_organization("亚马逊").map(|c| c.0),
        Some("Amazon".to_owned())
    );
}
