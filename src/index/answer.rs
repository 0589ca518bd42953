//! Answers of `go-qps-10k`, `scale` and `knows` from the index: the same solutions as
//! the SPARQL queries (a test compares them on generated stores), without per-row lookups.
//! Parameters are resolved with small SPARQL queries against the store (labels, metric
//! kinds, narrower concepts), then the index's rows are filtered, grouped and sorted as
//! the queries' GROUP BY / ORDER BY say.

use super::file::{Index, ROW};
use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QueryResults, QuerySolutionIter};
use spargebra::term::GroundTerm;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::str::FromStr;

/// Named queries the index answers.
pub const ANSWERED: &[&str] = &[
    "go-qps-10k",
    "scale",
    "knows",
    "people",
    "experience",
    "metrics",
    "recent",
    "tech-years",
    "role-fit",
];

/// Answer the named query `name` (with its parameters bound) from the index, or `None`
/// when the index does not answer it (other query, no index, index out of date).
pub fn answer(
    store: &CareerStore,
    name: &str,
    bindings: &[(String, GroundTerm)],
) -> Result<Option<QueryResults<'static>>, StoreError> {
    if name == "role-fit" {
        if let Some(empty) = role_fit_without_profiles(store)? {
            return Ok(Some(empty));
        }
    }
    if !ANSWERED.contains(&name) {
        return Ok(None);
    }
    let table = |t: super::entry::Table| 1u32 << (t as u32);
    let parts = super::file::Parts {
        knows: name == "knows" || name == "role-fit",
        rows: name == "go-qps-10k" || name == "scale",
        tables: super::listing::tables(name)
            .into_iter()
            .flatten()
            .map(table)
            .sum(),
    };
    let Some(index) = store.valid_index_parts(parts)? else {
        return Ok(None);
    };
    let param = |p: &str| {
        bindings
            .iter()
            .find(|(n, _)| n == p)
            .map(|(_, t)| t.clone())
    };
    if super::listing::tables(name).is_some() {
        return super::listing::answer(store, &index, name, bindings);
    }
    let rows = match name {
        "knows" => {
            let Some(tech) = param("tech") else {
                return Ok(None);
            };
            knows(store, &index, tech)?
        }
        _ => {
            let (Some(tech), Some(min)) = (param("tech"), param("min")) else {
                return Ok(None);
            };
            let kinds = if name == "scale" {
                let Some(kind) = param("kind") else {
                    return Ok(None);
                };
                column(
                    store,
                    "SELECT DISTINCT ?k WHERE { ?k a cg:MetricKind ; cg:labelKey ?kind }",
                    "kind",
                    kind,
                )?
            } else {
                vec![format!("{}qps", ns::METRIC_KIND)]
            };
            let techs = column(
                store,
                "SELECT DISTINCT ?t WHERE { ?t cg:labelKey ?tech }",
                "tech",
                tech,
            )?;
            let GroundTerm::Literal(min) = min else {
                return Ok(None);
            };
            let Some(min) = number(&Term::Literal(min)) else {
                return Ok(None);
            };
            metric_rows(&index, &techs, &kinds, &min, name == "scale")
        }
    };
    let vars: Vec<Variable> = match name {
        "knows" => vec!["person", "name", "where"],
        "scale" => vec!["person", "name", "organization", "system", "value", "text"],
        _ => vec!["person", "name", "organization", "system", "qps"],
    }
    .into_iter()
    .map(Variable::new_unchecked)
    .collect();
    Ok(Some(QueryResults::Solutions(
        QuerySolutionIter::from_tuples(vars.into(), rows.into_iter().map(Ok)),
    )))
}

/// `role-fit` on a store without any `cg:RoleProfile`: no rows, as SPARQL answers (the
/// query's first subquery needs a profile, and its GROUP BY of no solution has no group),
/// without evaluating its joins over every person. `None` when a profile exists (then
/// the index's tables answer, or SPARQL). Needs no index: one probe of the store.
fn role_fit_without_profiles(
    store: &CareerStore,
) -> Result<Option<QueryResults<'static>>, StoreError> {
    let found = select(
        store,
        "SELECT ?p WHERE { ?p a cg:RoleProfile } LIMIT 1",
        None,
    )?;
    if !found.is_empty() {
        return Ok(None);
    }
    let vars: Vec<Variable> = super::role_fit::VARIABLES
        .into_iter()
        .map(Variable::new_unchecked)
        .collect();
    Ok(Some(QueryResults::Solutions(
        QuerySolutionIter::from_tuples(vars.into(), std::iter::empty()),
    )))
}

/// The first column of a one-parameter SELECT, as index strings (bare IRIs).
pub(super) fn column(
    store: &CareerStore,
    body: &str,
    var: &str,
    value: GroundTerm,
) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for row in select(store, body, Some((var, value)))? {
        match row.first() {
            Some(Some(Term::NamedNode(n))) => out.push(n.as_str().to_owned()),
            Some(Some(t)) => out.push(t.to_string()),
            _ => {}
        }
    }
    Ok(out)
}

/// Every row of a SELECT over the store (`cg:` and `skos:` prefixes declared), with one
/// variable bound (or none).
pub(super) fn select(
    store: &CareerStore,
    body: &str,
    bind: Option<(&str, GroundTerm)>,
) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
    let text = format!("PREFIX cg: <{}> PREFIX skos: <{}> {body}", ns::CG, ns::SKOS);
    let mut query = spargebra::SparqlParser::new()
        .parse_query(&text)
        .map_err(|e| StoreError::Query(e.to_string()))?;
    if let Some((var, value)) = bind {
        crate::query::substitute(&mut query, &Variable::new_unchecked(var), &value)
            .map_err(|e| StoreError::Query(e.to_string()))?;
    }
    let mut out = Vec::new();
    if let QueryResults::Solutions(rows) = store.evaluate(query, None)? {
        for row in rows {
            let row = row.map_err(|e| StoreError::Query(e.to_string()))?;
            out.push(row.values().to_vec());
        }
    }
    Ok(out)
}

/// A numeric literal, as SPARQL compares it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Number {
    Decimal(oxsdatatypes::Decimal),
    Double(f64),
}

pub(super) fn number(term: &Term) -> Option<Number> {
    let Term::Literal(l) = term else { return None };
    let dt = l.datatype();
    let v = l.value();
    if dt == xsd::DECIMAL {
        oxsdatatypes::Decimal::from_str(v).ok().map(Number::Decimal)
    } else if dt == xsd::INTEGER {
        oxsdatatypes::Integer::from_str(v)
            .ok()
            .map(|i| Number::Decimal(i.into()))
    } else if dt == xsd::DOUBLE {
        oxsdatatypes::Double::from_str(v)
            .ok()
            .map(|d| Number::Double(d.into()))
    } else if dt == xsd::FLOAT {
        oxsdatatypes::Float::from_str(v)
            .ok()
            .map(|f| Number::Double(oxsdatatypes::Double::from(f).into()))
    } else {
        None
    }
}

pub(super) fn compare_numbers(a: &Number, b: &Number) -> Option<Ordering> {
    let f = |n: &Number| match n {
        Number::Decimal(d) => f64::from(oxsdatatypes::Double::from(*d)),
        Number::Double(d) => *d,
    };
    match (a, b) {
        (Number::Decimal(x), Number::Decimal(y)) => Some(x.cmp(y)),
        _ => f(a).partial_cmp(&f(b)),
    }
}

/// ORDER BY / MAX order of the terms these queries compare (names, numbers, system
/// names): numbers numerically, literals by their text, unbound first.
pub(super) fn compare_terms(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => {
            if let (Some(m), Some(n)) = (number(x), number(y)) {
                if let Some(o) = compare_numbers(&m, &n) {
                    return o;
                }
            }
            match (x, y) {
                (Term::Literal(l), Term::Literal(m)) => l.value().cmp(m.value()),
                _ => x.to_string().cmp(&y.to_string()),
            }
        }
    }
}

/// Terms of the index by string id, parsed once.
pub(super) struct Terms<'a> {
    pub(super) index: &'a Index,
    pub(super) cache: HashMap<u32, Option<Term>>,
}

impl Terms<'_> {
    /// The term of a string id: N-Triples syntax, or a bare IRI.
    pub(super) fn get(&mut self, id: u32) -> Option<Term> {
        let index = self.index;
        self.cache
            .entry(id)
            .or_insert_with(|| {
                let s = index.str(id);
                match s.chars().next() {
                    None => None,
                    Some('"' | '_' | '<') => Term::from_str(s).ok(),
                    Some(_) => NamedNode::new(s).ok().map(Term::from),
                }
            })
            .clone()
    }
}

/// Names of these people: `?person schema:name ?name` over every document.
fn names(index: &Index, people: &HashSet<u32>) -> HashMap<u32, BTreeSet<u32>> {
    super::listing::names(index, people)
        .into_iter()
        .map(|(p, n)| (p, n.into_iter().collect()))
        .collect()
}

fn ids(index: &Index, strings: &[String]) -> HashSet<u32> {
    strings.iter().filter_map(|s| index.find(s)).collect()
}

/// `go-qps-10k` (`with_text` = false) and `scale` (true).
fn metric_rows(
    index: &Index,
    techs: &[String],
    kinds: &[String],
    min: &Number,
    with_text: bool,
) -> Vec<Vec<Option<Term>>> {
    let techs = ids(index, techs);
    let kinds = ids(index, kinds);
    let mut terms = Terms {
        index,
        cache: HashMap::new(),
    };
    let mut above: HashMap<u32, bool> = HashMap::new();
    let mut hits: Vec<&[u32; ROW]> = Vec::new();
    for r in &index.rows {
        if !kinds.contains(&r[2]) || !index.list(r, 5).iter().any(|t| techs.contains(t)) {
            continue;
        }
        let over = *above.entry(r[3]).or_insert_with(|| {
            let v = Term::from_str(index.str(r[3])).ok();
            v.as_ref()
                .and_then(number)
                .and_then(|n| compare_numbers(&n, min))
                == Some(Ordering::Greater)
        });
        if over {
            hits.push(r);
        }
    }
    let people: HashSet<u32> = hits.iter().map(|r| r[1]).collect();
    let names = names(index, &people);
    // GROUP BY person, name, organization, value(, text) → MAX(system).
    type Key = (u32, u32, Option<u32>, u32, Option<u32>);
    let mut groups: HashMap<Key, u32> = HashMap::new();
    for r in hits {
        let orgs: Vec<Option<u32>> = match index.list(r, 7) {
            [] => vec![None],
            l => l.iter().copied().map(Some).collect(),
        };
        let raws: Vec<Option<u32>> = match (with_text, index.list(r, 9)) {
            (false, _) | (true, []) => vec![None],
            (true, l) => l.iter().copied().map(Some).collect(),
        };
        for &name in names.get(&r[1]).into_iter().flatten() {
            for &org in &orgs {
                for &raw in &raws {
                    let key = (r[1], name, org, r[3], raw);
                    match groups.get(&key) {
                        Some(&sys) => {
                            let (old, new) = (terms.get(sys), terms.get(r[4]));
                            if compare_terms(new.as_ref(), old.as_ref()) == Ordering::Greater {
                                groups.insert(key, r[4]);
                            }
                        }
                        None => {
                            groups.insert(key, r[4]);
                        }
                    }
                }
            }
        }
    }
    let mut rows: Vec<Vec<Option<Term>>> = groups
        .into_iter()
        .map(|((person, name, org, value, raw), sys)| {
            let mut row = vec![
                Some(NamedNode::new_unchecked(index.str(person)).into()),
                terms.get(name),
                org.and_then(|o| terms.get(o)),
                terms.get(sys),
                terms.get(value),
            ];
            if with_text {
                row.push(raw.and_then(|t| terms.get(t)));
            }
            row
        })
        .collect();
    rows.sort_by(|a, b| {
        let by_name = compare_terms(a[1].as_ref(), b[1].as_ref());
        let by_value = compare_terms(b[4].as_ref(), a[4].as_ref());
        let first = if with_text {
            by_value.then(by_name)
        } else {
            by_name.then(by_value)
        };
        first.then_with(|| tie_break(a, b))
    });
    rows
}

pub(super) fn tie_break(a: &[Option<Term>], b: &[Option<Term>]) -> Ordering {
    let s = |r: &[Option<Term>]| -> Vec<String> {
        r.iter()
            .map(|t| t.as_ref().map(Term::to_string).unwrap_or_default())
            .collect()
    };
    s(a).cmp(&s(b))
}

/// `knows`: people who list or used the technology or a narrower one.
fn knows(
    store: &CareerStore,
    index: &Index,
    tech: GroundTerm,
) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
    let techs = column(
        store,
        "SELECT DISTINCT ?technology WHERE { ?concept cg:labelKey ?tech . ?technology skos:broader* ?concept }",
        "tech",
        tech,
    )?;
    let techs = ids(index, &techs);
    let mut hows: HashMap<u32, BTreeSet<u32>> = HashMap::new();
    for r in &index.knows {
        if techs.contains(&r[1]) {
            hows.entry(r[2]).or_default().insert(r[3]);
        }
    }
    let people: HashSet<u32> = hows.keys().copied().collect();
    let names = names(index, &people);
    let mut terms = Terms {
        index,
        cache: HashMap::new(),
    };
    let mut rows = Vec::new();
    for (person, how) in &hows {
        let text: Vec<&str> = how
            .iter()
            .filter_map(|&h| super::entry::How::from_u32(h).map(|h| h.word()))
            .collect();
        let text = Literal::new_simple_literal(text.join(", "));
        for &name in names.get(person).into_iter().flatten() {
            rows.push(vec![
                Some(NamedNode::new_unchecked(index.str(*person)).into()),
                terms.get(name),
                Some(text.clone().into()),
            ]);
        }
    }
    rows.sort_by(|a, b| compare_terms(a[1].as_ref(), b[1].as_ref()).then_with(|| tie_break(a, b)));
    Ok(rows)
}
