//! Answers of the listing queries (`people`, `experience`, `metrics`, `recent`,
//! `tech-years` and `role-fit`, the last two in their own modules) from the
//! index's tables (see [`Table`]): the document-local patterns were solved at ingest;
//! here the tables are joined by person across documents (names, facts of other
//! documents about the same person), parameters are resolved by SPARQL against the
//! store (labels, metric kinds, seniority levels), the queries' expressions are computed
//! as Oxigraph computes them, and the rows come out in the queries' ORDER BY order.
//! Anything the index cannot compute exactly (a number that is neither an integer nor a
//! decimal) makes [`answer`] return `None`: the caller then asks SPARQL.

use super::answer::{
    column, compare_numbers, compare_terms, number, select, tie_break, Number, Terms,
};
use super::entry::{str_of, Table};
use super::file::{Index, FACT};
use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QueryResults, QuerySolutionIter};
use oxsdatatypes::{Decimal, Integer};
use spargebra::term::GroundTerm;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

pub(super) type Rows = Vec<Vec<Option<Term>>>;

/// The tables a listing query reads; `None` for other queries.
pub fn tables(name: &str) -> Option<Vec<Table>> {
    Some(match name {
        "people" => vec![Table::Person, Table::Latest],
        "experience" => vec![Table::Total, Table::Seniority, Table::Management],
        "metrics" => vec![Table::Metric],
        "recent" => vec![Table::Recent],
        "tech-years" => vec![Table::TechYears],
        "role-fit" => vec![Table::TechFact, Table::RoleSource],
        _ => return None,
    })
}

/// The technologies a `tech` parameter names by label key (`recent`, `tech-years`). Not
/// DISTINCT: a label key stated twice gives each row twice, as in SPARQL.
fn technologies_by_label(store: &CareerStore, tech: GroundTerm) -> Result<Vec<String>, StoreError> {
    column(
        store,
        "SELECT ?t WHERE { ?t cg:labelKey ?tech }",
        "tech",
        tech,
    )
}

/// Answer a listing query from the index, or `None` (then SPARQL answers).
pub fn answer(
    store: &CareerStore,
    index: &Index,
    name: &str,
    bindings: &[(String, GroundTerm)],
) -> Result<Option<QueryResults<'static>>, StoreError> {
    let param = |p: &str| {
        bindings
            .iter()
            .find(|(n, _)| n == p)
            .map(|(_, t)| t.clone())
    };
    let numeric = |p: &str| match param(p) {
        Some(GroundTerm::Literal(l)) => number(&Term::Literal(l)),
        _ => None,
    };
    let mut terms = Terms {
        index,
        cache: HashMap::new(),
    };
    let (vars, rows): (&[&str], Option<Rows>) = match name {
        "people" => (
            &["person", "name", "title", "organization", "since"],
            Some(people(index, &mut terms)),
        ),
        "experience" => {
            let (Some(min), Some(level)) = (numeric("min"), param("level")) else {
                return Ok(None);
            };
            (
                &[
                    "person",
                    "name",
                    "years",
                    "seniority",
                    "managementYears",
                    "internshipYears",
                ],
                experience(store, index, &mut terms, &min, level)?,
            )
        }
        "metrics" => {
            let Some(kind) = param("kind") else {
                return Ok(None);
            };
            let kinds = column(
                store,
                "SELECT DISTINCT ?k WHERE { ?k cg:labelKey ?kind ; a cg:MetricKind }",
                "kind",
                kind,
            )?;
            (
                &[
                    "name",
                    "organization",
                    "system",
                    "value",
                    "qualifier",
                    "text",
                ],
                Some(metrics(index, &mut terms, &kinds)),
            )
        }
        "recent" => {
            let (Some(tech), Some(years)) = (param("tech"), numeric("years")) else {
                return Ok(None);
            };
            let techs = technologies_by_label(store, tech)?;
            (
                &[
                    "person",
                    "name",
                    "lastUsed",
                    "monthsAgo",
                    "asOf",
                    "asOfSource",
                ],
                recent(index, &mut terms, &techs, &years),
            )
        }
        "tech-years" => {
            let (Some(tech), Some(min)) = (param("tech"), numeric("min")) else {
                return Ok(None);
            };
            let techs = technologies_by_label(store, tech)?;
            let mut tolerances: Vec<Option<Term>> = Vec::new();
            for row in select(
                store,
                "SELECT ?m WHERE { OPTIONAL { cg:TechnologyExperienceRule cg:agreementMonths ?m } }",
                None,
            )? {
                let t = row.into_iter().next().flatten();
                if !tolerances.contains(&t) {
                    tolerances.push(t);
                }
            }
            (
                &[
                    "person",
                    "name",
                    "years",
                    "totalMonths",
                    "lastUsed",
                    "statedYears",
                    "statedAs",
                    "stated",
                    "positions",
                ],
                super::tech_years::answer(index, &mut terms, &techs, &min, &tolerances),
            )
        }
        "role-fit" => {
            let Some(min) = numeric("min") else {
                return Ok(None);
            };
            (
                &super::role_fit::VARIABLES,
                super::role_fit::answer(store, index, &mut terms, &min)?,
            )
        }
        _ => return Ok(None),
    };
    let Some(rows) = rows else {
        return Ok(None);
    };
    let vars: Vec<Variable> = vars.iter().map(|v| Variable::new_unchecked(*v)).collect();
    Ok(Some(QueryResults::Solutions(
        QuerySolutionIter::from_tuples(vars.into(), rows.into_iter().map(Ok)),
    )))
}

/// `?person schema:name ?name` for these subjects, as often as the store holds each
/// triple (the union default graph repeats a triple held by two graphs).
pub(super) fn names(index: &Index, subjects: &HashSet<u32>) -> HashMap<u32, Vec<u32>> {
    let mut out: HashMap<u32, Vec<u32>> = HashMap::new();
    for r in &index.names {
        if subjects.contains(&r[1]) {
            out.entry(r[1]).or_default().push(r[2]);
        }
    }
    out
}

/// Facts, and the names of their subjects.
type Hits<'a> = (Vec<&'a [u32; FACT]>, HashMap<u32, Vec<u32>>);

/// The facts of a table whose column `at` is one of `wanted`, and the names of the
/// subjects in their column `named`.
pub(super) fn hits_and_names<'a>(
    index: &'a Index,
    t: Table,
    (at, wanted): (usize, &HashSet<u32>),
    named: usize,
) -> Hits<'a> {
    let hits: Vec<&[u32; FACT]> = table(index, t)
        .iter()
        .filter(|r| col(r, at).is_some_and(|k| wanted.contains(&k)))
        .collect();
    let subjects: HashSet<u32> = hits.iter().filter_map(|r| col(r, named)).collect();
    let names = names(index, &subjects);
    (hits, names)
}

fn table(index: &Index, t: Table) -> &[[u32; FACT]] {
    &index.facts[t as usize]
}

pub(super) fn col(r: &[u32; FACT], i: usize) -> Option<u32> {
    Index::col(r, i)
}

/// The smallest term of these (ORDER BY order): the index's choice for `SAMPLE`, which
/// may give any value of the group.
fn smallest(terms: &mut Terms<'_>, ids: impl Iterator<Item = u32>) -> Option<Term> {
    let mut best: Option<Term> = None;
    for id in ids {
        let t = terms.get(id);
        if t.is_some()
            && (best.is_none() || compare_terms(t.as_ref(), best.as_ref()) == Ordering::Less)
        {
            best = t;
        }
    }
    best
}

pub(super) fn iri(index: &Index, id: u32) -> Option<Term> {
    NamedNode::new(index.str(id)).ok().map(Term::from)
}

/// `people`: one row per named `cg:Person`; the title, organisation and start of the
/// positions starting at the person's latest `STR(cg:startDate)` (over every document).
/// `SAMPLE` may give any value of its group: the index gives the smallest, SPARQL the first
/// it meets; they differ only for a person with two names, or two latest positions.
fn people(index: &Index, terms: &mut Terms<'_>) -> Rows {
    let typed: HashSet<u32> = table(index, Table::Person)
        .iter()
        .filter_map(|r| col(r, 0))
        .collect();
    let names = names(index, &typed);
    let mut latest: HashMap<u32, (String, Vec<&[u32; FACT]>)> = HashMap::new();
    for r in table(index, Table::Latest) {
        let (Some(p), Some(s)) = (col(r, 0), col(r, 1)) else {
            continue;
        };
        if !typed.contains(&p) {
            continue;
        }
        let Some(start) = terms.get(s) else { continue };
        let key = str_of(&start);
        match latest.get_mut(&p) {
            None => {
                latest.insert(p, (key, vec![r]));
            }
            Some(best) => match key.cmp(&best.0) {
                Ordering::Greater => *best = (key, vec![r]),
                Ordering::Equal => best.1.push(r),
                Ordering::Less => {}
            },
        }
    }
    let mut rows = Vec::new();
    let mut people: Vec<&u32> = typed.iter().collect();
    people.sort_unstable();
    for &p in people {
        let Some(ns) = names.get(&p) else { continue };
        let name = smallest(terms, ns.iter().copied());
        let found: &[&[u32; FACT]] = latest.get(&p).map_or(&[], |(_, v)| v.as_slice());
        let mut pick = |i: usize| smallest(terms, found.iter().filter_map(|r| col(r, i)));
        let (title, org, since) = (pick(2), pick(3), pick(1));
        rows.push(vec![iri(index, p), name, title, org, since]);
    }
    rows.sort_by(|a, b| compare_terms(a[1].as_ref(), b[1].as_ref()).then_with(|| tie_break(a, b)));
    rows
}

/// A number as a decimal if it is an integer or a decimal; `Err` for floating point
/// numbers (their arithmetic is not reproduced here), `Ok(None)` for a non-number.
pub(super) fn decimal(term: &Term) -> Result<Option<Decimal>, ()> {
    match number(term) {
        Some(Number::Decimal(d)) => Ok(Some(d)),
        Some(Number::Double(_)) => Err(()),
        None => Ok(None),
    }
}

/// `ROUND(?months * 10 / 12) / 10` as Oxigraph computes it (integer or decimal months;
/// an error is unbound). `Err` when the index cannot compute it.
pub(super) fn years(months: &Term) -> Result<Option<Term>, ()> {
    let Some(m) = decimal(months)? else {
        return Ok(None);
    };
    let integer = matches!(months, Term::Literal(l) if l.datatype() == xsd::INTEGER);
    let times_ten = if integer {
        Integer::from_str(&m.to_string())
            .ok()
            .and_then(|i| i.checked_mul(10))
            .map(Decimal::from)
    } else {
        m.checked_mul(Decimal::from(10))
    };
    let value = times_ten
        .and_then(|v| v.checked_div(Decimal::from(12)))
        .and_then(|v| v.checked_round())
        .and_then(|v| v.checked_div(Decimal::from(10)));
    Ok(value.map(|v| Literal::from(v).into()))
}

/// `?x >= ?y` on numbers; `Err` when either is not an integer or a decimal (the index
/// does not reproduce other comparisons).
pub(super) fn at_least(x: &Term, y: &Number) -> Result<bool, ()> {
    let (Some(a), Number::Decimal(_)) = (decimal(x)?, y) else {
        return Err(());
    };
    Ok(matches!(
        compare_numbers(&Number::Decimal(a), y),
        Some(Ordering::Greater | Ordering::Equal)
    ))
}

pub(super) fn times(n: &Number, k: i64) -> Option<Number> {
    match n {
        Number::Decimal(d) => d.checked_mul(Decimal::from(k)).map(Number::Decimal),
        Number::Double(_) => None,
    }
}

/// `experience`: total-experience facts of at least `min` years, each with every name of
/// its person, every English label of every seniority assessment of the person (or none),
/// every management fact of the person (or none); with a `level`, only rows whose rank
/// reaches a rank of that level.
fn experience(
    store: &CareerStore,
    index: &Index,
    terms: &mut Terms<'_>,
    min: &Number,
    level: GroundTerm,
) -> Result<Option<Rows>, StoreError> {
    let Some(min_months) = times(min, 12) else {
        return Ok(None);
    };
    let any = matches!(&level, GroundTerm::Literal(l) if l.value() == "any" && l.datatype() == xsd::STRING);
    let wanted: Vec<Number> = if any {
        Vec::new()
    } else {
        let ranks = select(
            store,
            "SELECT ?r WHERE { ?w a cg:SeniorityLevel ; cg:labelKey ?level ; cg:seniorityRank ?r }",
            Some(("level", level)),
        )?;
        let mut out = Vec::new();
        for r in ranks.into_iter().flatten().flatten() {
            match number(&r) {
                Some(n @ Number::Decimal(_)) => out.push(n),
                _ => return Ok(None),
            }
        }
        out
    };
    // (level → (rank, English label)) from the store, as often as SPARQL finds each.
    let mut levels: HashMap<String, Vec<(Term, Term)>> = HashMap::new();
    for row in select(
        store,
        "SELECT ?l ?r ?s WHERE { ?l cg:seniorityRank ?r ; skos:prefLabel ?s . FILTER(LANG(?s) = \"en\") }",
        None,
    )? {
        if let [Some(Term::NamedNode(l)), Some(r), Some(s)] = row.as_slice() {
            levels
                .entry(l.as_str().to_owned())
                .or_default()
                .push((r.clone(), s.clone()));
        }
    }
    let mut assessed: HashMap<u32, Vec<(Term, Term)>> = HashMap::new();
    for r in table(index, Table::Seniority) {
        if let (Some(p), Some(l)) = (col(r, 0), col(r, 1)) {
            if let Some(found) = levels.get(index.str(l)) {
                assessed.entry(p).or_default().extend(found.iter().cloned());
            }
        }
    }
    let mut managed: HashMap<u32, Vec<u32>> = HashMap::new();
    for r in table(index, Table::Management) {
        if let (Some(p), Some(m)) = (col(r, 0), col(r, 1)) {
            managed.entry(p).or_default().push(m);
        }
    }
    let mut totals = Vec::new();
    for r in table(index, Table::Total) {
        let (Some(p), Some(m), Some(i)) = (col(r, 0), col(r, 1), col(r, 2)) else {
            continue;
        };
        let Some(months) = terms.get(m) else { continue };
        match decimal(&months) {
            Err(()) => return Ok(None),
            Ok(None) => continue, // the FILTER's comparison is an error
            Ok(Some(_)) => {}
        }
        let Ok(true) = at_least(&months, &min_months) else {
            continue;
        };
        totals.push((p, months, i));
    }
    let people: HashSet<u32> = totals.iter().map(|t| t.0).collect();
    let names = names(index, &people);
    let zero: Term = Literal::from(0_i64).into();
    let mut keyed: Vec<(Term, Vec<Option<Term>>)> = Vec::new();
    for (p, months, i) in totals {
        let Ok(years_total) = years(&months) else {
            return Ok(None);
        };
        let Ok(intern) = terms.get(i).as_ref().map_or(Ok(None), years) else {
            return Ok(None);
        };
        let seniority: Vec<(Option<Term>, Option<Term>)> = match assessed.get(&p) {
            Some(found) if !found.is_empty() => found
                .iter()
                .map(|(r, s)| (Some(r.clone()), Some(s.clone())))
                .collect(),
            _ => vec![(None, None)],
        };
        let mut management: Vec<Option<Term>> = Vec::new();
        for &m in managed.get(&p).into_iter().flatten() {
            let Ok(y) = terms.get(m).as_ref().map_or(Ok(None), years) else {
                return Ok(None);
            };
            management.push(y);
        }
        if management.is_empty() {
            let Ok(y) = years(&zero) else { return Ok(None) };
            management.push(y);
        }
        for &name in names.get(&p).into_iter().flatten() {
            for (rank, label) in &seniority {
                if !any {
                    let Some(rank) = rank else { continue };
                    let mut reached = false;
                    for w in &wanted {
                        match at_least(rank, w) {
                            Ok(b) => reached |= b,
                            Err(()) => return Ok(None),
                        }
                    }
                    if !reached {
                        continue;
                    }
                }
                for mgmt in &management {
                    keyed.push((
                        months.clone(),
                        vec![
                            iri(index, p),
                            terms.get(name),
                            years_total.clone(),
                            label.clone(),
                            mgmt.clone(),
                            intern.clone(),
                        ],
                    ));
                }
            }
        }
    }
    keyed.sort_by(|(ma, a), (mb, b)| {
        compare_terms(Some(mb), Some(ma))
            .then_with(|| compare_terms(a[1].as_ref(), b[1].as_ref()))
            .then_with(|| tie_break(a, b))
    });
    Ok(Some(keyed.into_iter().map(|(_, r)| r).collect()))
}

/// `metrics`: the distinct (name, organisation, system, value, qualifier, text) of the
/// metrics of these kinds, by value (largest first), then name.
fn metrics(index: &Index, terms: &mut Terms<'_>, kinds: &[String]) -> Rows {
    let kinds: HashSet<u32> = kinds.iter().filter_map(|k| index.find(k)).collect();
    let (hits, names) = hits_and_names(index, Table::Metric, (1, &kinds), 0);
    let mut qualifiers: HashMap<u32, Term> = HashMap::new();
    let mut seen: HashSet<[Option<u32>; 6]> = HashSet::new();
    let mut rows = Vec::new();
    for r in hits {
        let Some(owner) = col(r, 0) else { continue };
        let q = col(r, 4);
        for &name in names.get(&owner).into_iter().flatten() {
            let key = [Some(name), col(r, 5), col(r, 6), col(r, 2), q, col(r, 3)];
            if !seen.insert(key) {
                continue;
            }
            let qualifier = q.and_then(|q| {
                if let Some(t) = qualifiers.get(&q) {
                    return Some(t.clone());
                }
                let s = str_of(&terms.get(q)?);
                let after = s.split_once('#').map_or("", |(_, a)| a);
                let t: Term = Literal::new_simple_literal(after).into();
                qualifiers.insert(q, t.clone());
                Some(t)
            });
            rows.push(vec![
                terms.get(name),
                col(r, 5).and_then(|o| terms.get(o)),
                col(r, 6).and_then(|s| terms.get(s)),
                col(r, 2).and_then(|v| terms.get(v)),
                qualifier,
                col(r, 3).and_then(|t| terms.get(t)),
            ]);
        }
    }
    rows.sort_by(|a, b| {
        compare_terms(b[3].as_ref(), a[3].as_ref())
            .then_with(|| compare_terms(a[0].as_ref(), b[0].as_ref()))
            .then_with(|| tie_break(a, b))
    });
    rows
}

/// A month index as `recent.rq` computes it: year × 12 + month, June for a year alone
/// (`xsd:integer(SUBSTR(…))`; `None` is the expression's error).
fn month_index(date: &str) -> Option<i64> {
    let part = |from: usize, len: usize| -> String { date.chars().skip(from).take(len).collect() };
    let year: i64 = Integer::from_str(&part(0, 4)).ok()?.into();
    let month: i64 = if date.chars().count() >= 7 {
        Integer::from_str(&part(5, 2)).ok()?.into()
    } else {
        6
    };
    year.checked_mul(12)?.checked_add(month)
}

/// `recent`: technology facts of these technologies whose last use is at most `years`
/// before the as-of date of the same derived graph, with every name of the person, by
/// months ago, then name.
fn recent(index: &Index, terms: &mut Terms<'_>, techs: &[String], years: &Number) -> Option<Rows> {
    let mut count: HashMap<u32, usize> = HashMap::new();
    for t in techs {
        if let Some(id) = index.find(t) {
            *count.entry(id).or_default() += 1;
        }
    }
    let limit = times(years, 12)?;
    let wanted: HashSet<u32> = count.keys().copied().collect();
    let (hits, names) = hits_and_names(index, Table::Recent, (0, &wanted), 1);
    let document = ns::cg("AsOfFromDocument");
    let mention = ns::cg("AsOfLatestMention");
    let mut keyed: Vec<(i64, Vec<Option<Term>>)> = Vec::new();
    for r in hits {
        let (Some(t), Some(p), Some(l), Some(d), Some(s)) =
            (col(r, 0), col(r, 1), col(r, 2), col(r, 3), col(r, 4))
        else {
            continue;
        };
        let (Some(last), Some(as_of)) = (terms.get(l), terms.get(d)) else {
            continue;
        };
        let (last, as_of) = (str_of(&last), str_of(&as_of));
        let gap = match (month_index(&as_of), month_index(&last)) {
            (Some(a), Some(b)) => a.checked_sub(b),
            _ => None,
        };
        let Some(gap) = gap else { continue };
        let ago = gap.max(0);
        if !matches!(
            compare_numbers(&Number::Decimal(Decimal::from(ago)), &limit),
            Some(Ordering::Less | Ordering::Equal)
        ) {
            continue;
        }
        let source = match index.str(s) {
            x if x == document => "document",
            x if x == mention => "latest-mention",
            _ => "ingest-option",
        };
        let times = count.get(&t).copied().unwrap_or(0);
        for &name in names.get(&p).into_iter().flatten() {
            for _ in 0..times {
                keyed.push((
                    ago,
                    vec![
                        iri(index, p),
                        terms.get(name),
                        Some(Literal::new_simple_literal(&last).into()),
                        Some(Literal::from(ago).into()),
                        Some(Literal::new_simple_literal(&as_of).into()),
                        Some(Literal::new_simple_literal(source).into()),
                    ],
                ));
            }
        }
    }
    keyed.sort_by(|(ga, a), (gb, b)| {
        ga.cmp(gb)
            .then_with(|| compare_terms(a[1].as_ref(), b[1].as_ref()))
            .then_with(|| tie_break(a, b))
    });
    Some(keyed.into_iter().map(|(_, r)| r).collect())
}
