//! `role-fit` from the index: role profiles, their labels and the English labels of their
//! technologies come from SPARQL (a handful of job descriptions); who covers a required
//! technology from the `knows` rows (the four UNION branches of the query's coverage, per
//! document); years from the `TechFact` table; sources, their names and evidence spans from
//! the `RoleSource` table. The solutions are grouped by (role, name, covered, covered
//! months, technology) and aggregated as Oxigraph does: `MAX` and `GROUP_CONCAT` are
//! unbound as soon as one solution leaves their expression unbound, `COUNT(?where)` counts
//! the bound ones, `SUM` adds every fact (bag semantics). `GROUP_CONCAT(DISTINCT …)` has no
//! defined order in SPARQL; the index lists its items sorted.

use super::answer::{compare_numbers, compare_terms, select, tie_break, Number, Terms};
use super::entry::Table;
use super::file::Index;
use super::listing::{col, names, years, Rows};
use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The projected variables of `role-fit.rq`, in its SELECT order.
pub const VARIABLES: [&str; 8] = [
    "role",
    "name",
    "covered",
    "sumYears",
    "technology",
    "techYears",
    "shownBy",
    "evidence",
];

/// Profile → distinct required technologies (index ids; `None` = not in the index).
type Profiles = BTreeMap<String, Vec<Option<u32>>>;

/// A `GROUP_CONCAT(DISTINCT …)` in progress: `None` once a value was unbound or not a
/// string; else the distinct items (text, term) and their common language.
#[derive(Debug, Clone, Default)]
struct Concat(Option<(Items, Language)>);

/// Distinct items of a list: (text, term).
type Items = BTreeSet<(String, String)>;

/// The language common to a list's items so far (`Some(None)`: none, or they differ).
type Language = Option<Option<String>>;

/// Profiles with their required technologies, role labels by profile, English labels by
/// technology (labels as numbers in the interned terms).
type Vocabulary = (
    Profiles,
    HashMap<String, Vec<usize>>,
    HashMap<u32, Vec<usize>>,
    Interned,
);

/// Terms of the vocabulary by number: equal terms, equal numbers (GROUP BY keys).
#[derive(Debug, Default)]
struct Interned {
    terms: Vec<Term>,
    ids: HashMap<Term, usize>,
}

impl Interned {
    fn id(&mut self, t: &Term) -> usize {
        if let Some(&i) = self.ids.get(t) {
            return i;
        }
        self.terms.push(t.clone());
        self.ids.insert(t.clone(), self.terms.len() - 1);
        self.terms.len() - 1
    }
}

impl Concat {
    fn new() -> Concat {
        Concat(Some((BTreeSet::new(), None)))
    }

    fn add(&mut self, value: Option<&Term>) {
        let Some((items, language)) = self.0.as_mut() else {
            return;
        };
        let text = match value {
            Some(Term::Literal(l)) if l.language().is_some() || l.datatype() == xsd::STRING => {
                Some((l.value().to_owned(), l.language().map(str::to_owned)))
            }
            _ => None,
        };
        let (Some((v, lang)), Some(term)) = (text, value) else {
            self.0 = None;
            return;
        };
        if !items.insert((v, term.to_string())) {
            return;
        }
        match language {
            None => *language = Some(lang),
            Some(l) if *l != lang => *language = Some(None),
            Some(_) => {}
        }
    }

    fn get(&self) -> Option<Term> {
        let (items, language) = self.0.as_ref()?;
        let joined = items
            .iter()
            .map(|(v, _)| v.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        Some(match language.clone().flatten() {
            Some(l) => Literal::new_language_tagged_literal_unchecked(joined, l).into(),
            None => Literal::new_simple_literal(joined).into(),
        })
    }
}

/// The aggregates of one output group.
#[derive(Debug)]
struct Group {
    /// `MAX(?techMonths)`: `None` once unbound; else the largest so far.
    max: Option<Option<Term>>,
    wheres: usize,
    shown: Concat,
    evidence: Concat,
}

impl Group {
    fn new() -> Group {
        Group {
            max: Some(None),
            wheres: 0,
            shown: Concat::new(),
            evidence: Concat::new(),
        }
    }
}

/// (role, name, covered, covered months, technology): the GROUP BY key (role and
/// technology as interned numbers, the name as an index string id).
type Key = (usize, u32, i64, i64, usize);

/// The GROUP BY key as terms (for ORDER BY): role, name, covered, covered months, technology.
type TermKey = (Term, Term, i64, Term, Term);

/// Answer `role-fit` with at least `min` required technologies covered; `None` when the
/// index cannot compute a value exactly (months that are not integers).
pub(super) fn answer(
    store: &CareerStore,
    index: &Index,
    terms: &mut Terms<'_>,
    min: &Number,
) -> Result<Option<Rows>, StoreError> {
    let (profiles, roles, labels, interned) = vocabulary(store, index)?;
    let required: HashSet<u32> = profiles.values().flatten().flatten().copied().collect();
    let mut covers: HashMap<u32, BTreeSet<u32>> = HashMap::new();
    for r in &index.knows {
        if required.contains(&r[1]) {
            covers.entry(r[2]).or_default().insert(r[1]);
        }
    }
    let mut months: HashMap<(u32, u32), Vec<Term>> = HashMap::new();
    for r in &index.facts[Table::TechFact as usize] {
        let (Some(t), Some(p), Some(m)) = (col(r, 0), col(r, 1), col(r, 2)) else {
            continue;
        };
        if !required.contains(&t) || !covers.contains_key(&p) {
            continue;
        }
        let Some(m) = terms.get(m) else { continue };
        if !matches!(&m, Term::Literal(l) if l.datatype() == xsd::INTEGER) {
            return Ok(None);
        }
        months.entry((p, t)).or_default().push(m);
    }
    let mut sources: HashMap<(u32, u32), Vec<[Option<u32>; 2]>> = HashMap::new();
    for r in &index.facts[Table::RoleSource as usize] {
        let (Some(t), Some(p)) = (col(r, 0), col(r, 1)) else {
            continue;
        };
        if required.contains(&t) && covers.contains_key(&p) {
            sources
                .entry((p, t))
                .or_default()
                .push([col(r, 2), col(r, 3)]);
        }
    }
    let people: HashSet<u32> = covers.keys().copied().collect();
    let named = names(index, &people);
    let mut groups: HashMap<Key, Group> = HashMap::new();
    let facts = Facts {
        covers: &covers,
        months: &months,
        sources: &sources,
    };
    for (profile, techs) in &profiles {
        let ids: BTreeSet<u32> = techs.iter().flatten().copied().collect();
        for (&person, covered) in &covers {
            let mine: Vec<u32> = covered.intersection(&ids).copied().collect();
            let count = i64::try_from(mine.len()).unwrap_or(i64::MAX);
            if count == 0 || !reaches(count, min) {
                continue;
            }
            let Some(sum) = covered_months(&mine, person, &months) else {
                return Ok(None);
            };
            let mut seen: HashSet<u32> = HashSet::new();
            for &name in named.get(&person).into_iter().flatten() {
                if !seen.insert(name) {
                    continue;
                }
                for &role in roles.get(profile).into_iter().flatten() {
                    let key = (role, name, count, sum);
                    add_technologies(&mut groups, terms, &facts, (&ids, person), &labels, key);
                }
            }
        }
    }
    Ok(rows(groups, &interned, terms))
}

/// What the tables say about the people who cover a required technology.
struct Facts<'a> {
    covers: &'a HashMap<u32, BTreeSet<u32>>,
    months: &'a HashMap<(u32, u32), Vec<Term>>,
    sources: &'a HashMap<(u32, u32), Vec<[Option<u32>; 2]>>,
}

/// `?covered >= ?min`.
fn reaches(count: i64, min: &Number) -> bool {
    matches!(
        compare_numbers(&Number::Decimal(count.into()), min),
        Some(Ordering::Greater | Ordering::Equal)
    )
}

/// `SUM(COALESCE(?m, 0))` over the covered technologies: every fact's months, 0 for a
/// technology without any (`None` on overflow).
fn covered_months(
    covered: &[u32],
    person: u32,
    months: &HashMap<(u32, u32), Vec<Term>>,
) -> Option<i64> {
    let mut sum: i64 = 0;
    for &t in covered {
        for m in months.get(&(person, t)).into_iter().flatten() {
            let Term::Literal(l) = m else { return None };
            sum = sum.checked_add(l.value().parse::<i64>().ok()?)?;
        }
    }
    Some(sum)
}

/// The solutions of one (profile, person, name, role): every required technology the
/// person covers, by each English label, with its facts' months and its sources.
fn add_technologies(
    groups: &mut HashMap<Key, Group>,
    terms: &mut Terms<'_>,
    facts: &Facts<'_>,
    (techs, person): (&BTreeSet<u32>, u32),
    labels: &HashMap<u32, Vec<usize>>,
    (role, name, count, sum): (usize, u32, i64, i64),
) {
    for &t in techs {
        if !facts.covers.get(&person).is_some_and(|c| c.contains(&t)) {
            continue; // FILTER EXISTS: listed or used
        }
        for &label in labels.get(&t).into_iter().flatten() {
            let key = (role, name, count, sum, label);
            let g = groups.entry(key).or_insert_with(Group::new);
            match facts.months.get(&(person, t)) {
                Some(ms) if !ms.is_empty() => {
                    for m in ms {
                        if let Some(best) = g.max.as_mut() {
                            if best.is_none()
                                || compare_terms(Some(m), best.as_ref()) == Ordering::Greater
                            {
                                *best = Some(m.clone());
                            }
                        }
                    }
                }
                _ => g.max = None,
            }
            let none = [None, None];
            let found = facts.sources.get(&(person, t));
            let rows: &[[Option<u32>; 2]] = match found {
                Some(v) if !v.is_empty() => v,
                _ => std::slice::from_ref(&none),
            };
            for [w, s] in rows {
                let w = w.and_then(|w| terms.get(w));
                let s = s.and_then(|s| terms.get(s));
                if w.is_some() {
                    g.wheres += 1;
                }
                g.shown.add(w.as_ref());
                g.evidence.add(s.as_ref());
            }
        }
    }
}

/// The output rows, in `ORDER BY ?role DESC(?covered) DESC(?coveredMonths) ?name
/// ?technology` order.
fn rows(groups: HashMap<Key, Group>, interned: &Interned, terms: &mut Terms<'_>) -> Option<Rows> {
    let zero: Term = Literal::from(0_i64).into();
    let mut keyed: Vec<(TermKey, Vec<Option<Term>>)> = Vec::new();
    for ((role, name, count, sum, label), g) in groups {
        let Some(name) = terms.get(name) else {
            continue;
        };
        let (role, label) = (
            interned.terms.get(role)?.clone(),
            interned.terms.get(label)?.clone(),
        );
        let sum: Term = Literal::from(sum).into();
        let key = (
            role.clone(),
            name.clone(),
            count,
            sum.clone(),
            label.clone(),
        );
        let max = g.max.clone().flatten().unwrap_or_else(|| zero.clone());
        let shown = if g.wheres == 0 {
            Some(Literal::new_simple_literal("skills list").into())
        } else {
            g.shown.get()
        };
        keyed.push((
            key,
            vec![
                Some(role),
                Some(name),
                Some(Literal::from(count).into()),
                years(&sum).ok()?,
                Some(label),
                years(&max).ok()?,
                shown,
                g.evidence.get(),
            ],
        ));
    }
    keyed.sort_by(|(a, ra), (b, rb)| {
        compare_terms(Some(&a.0), Some(&b.0))
            .then_with(|| b.2.cmp(&a.2))
            .then_with(|| compare_terms(Some(&b.3), Some(&a.3)))
            .then_with(|| compare_terms(Some(&a.1), Some(&b.1)))
            .then_with(|| compare_terms(Some(&a.4), Some(&b.4)))
            .then_with(|| tie_break(ra, rb))
    });
    Some(keyed.into_iter().map(|(_, r)| r).collect())
}

/// Profiles with their required technologies, their labels, and the English (or
/// untagged) labels of the technologies they require: from the store, by SPARQL.
fn vocabulary(store: &CareerStore, index: &Index) -> Result<Vocabulary, StoreError> {
    let id = |t: &Term| match t {
        Term::NamedNode(n) => index.find(n.as_str()),
        t => index.find(&t.to_string()),
    };
    let mut profiles: Profiles = BTreeMap::new();
    for row in select(
        store,
        "SELECT DISTINCT ?p ?t WHERE { ?p a cg:RoleProfile ; cg:requiresTechnology ?t }",
        None,
    )? {
        if let [Some(p), Some(t)] = row.as_slice() {
            profiles.entry(p.to_string()).or_default().push(id(t));
        }
    }
    let mut interned = Interned::default();
    let mut roles: HashMap<String, Vec<usize>> = HashMap::new();
    let label = format!("<{}label>", ns::RDFS);
    for row in select(
        store,
        &format!("SELECT DISTINCT ?p ?r WHERE {{ ?p a cg:RoleProfile ; {label} ?r }}"),
        None,
    )? {
        if let [Some(p), Some(r)] = row.as_slice() {
            let r = interned.id(r);
            roles.entry(p.to_string()).or_default().push(r);
        }
    }
    let mut labels: HashMap<u32, Vec<usize>> = HashMap::new();
    for row in select(
        store,
        "SELECT DISTINCT ?t ?l WHERE { ?p a cg:RoleProfile ; cg:requiresTechnology ?t . \
         ?t skos:prefLabel ?l . FILTER(LANG(?l) = \"en\" || LANG(?l) = \"\") }",
        None,
    )? {
        if let [Some(t), Some(l)] = row.as_slice() {
            if let Some(t) = id(t) {
                let l = interned.id(l);
                labels.entry(t).or_default().push(l);
            }
        }
    }
    Ok((profiles, roles, labels, interned))
}

#[cfg(test)]
mod tests {
    use super::super::answer::number;
    use super::*;

    #[test]
    fn a_concat_fails_on_an_unbound_value_and_keeps_distinct_items_sorted() {
        let lit = |s: &str| -> Term { Literal::new_simple_literal(s).into() };
        let mut c = Concat::new();
        c.add(Some(&lit("b")));
        c.add(Some(&lit("a")));
        c.add(Some(&lit("b")));
        assert_eq!(c.get(), Some(lit("a | b")));
        c.add(None);
        assert_eq!(c.get(), None);
        assert!(number(&lit("x")).is_none());
    }
}
