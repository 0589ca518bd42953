//! `tech-years` from the index's `TechYears` table: the solutions of the query's
//! document-local patterns (a technology fact of a derived graph with every `?where` of the
//! positions and projects of its document that used the technology) are filtered by the
//! minimum, grouped by person, name and tolerance, and aggregated as Oxigraph aggregates:
//! `MAX` and `GROUP_CONCAT` are unbound as soon as one solution of the group leaves their
//! expression unbound, `COUNT(?statedMonths)` counts the bound ones. `GROUP_CONCAT(DISTINCT
//! …)` has no defined order in SPARQL; the index lists its items sorted.

use super::answer::{compare_numbers, compare_terms, number, tie_break, Number, Terms};
use super::entry::{str_of, Table};
use super::file::{Index, FACT};
use super::listing::{at_least, col, decimal, hits_and_names, iri, times, years, Rows};
use crate::ns;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap, HashSet};

/// A value aggregated by `MAX`: `None` once a solution left it unbound (Oxigraph's
/// accumulator then fails), else the largest so far (`Some(None)` before the first).
#[derive(Debug, Clone)]
struct Max(Option<Option<Term>>);

impl Default for Max {
    fn default() -> Max {
        Max(Some(None))
    }
}

impl Max {
    fn add(&mut self, value: Option<Term>) {
        let Some(best) = self.0.as_mut() else { return };
        match value {
            None => self.0 = None,
            Some(v) => {
                if best.is_none() || compare_terms(Some(&v), best.as_ref()) == Ordering::Greater {
                    *best = Some(v);
                }
            }
        }
    }

    fn get(&self) -> Option<Term> {
        self.0.clone().flatten()
    }
}

/// The aggregates of one person's solutions (they do not depend on the name or the
/// tolerance, the other grouping keys).
#[derive(Debug, Default)]
struct Group {
    months: Max,
    last: Max,
    stated: Max,
    stated_as: Max,
    count_stated: usize,
    /// Distinct `?where` terms; `None` once one was unbound or not a string.
    wheres: Option<BTreeSet<(String, String)>>,
    /// The language of every `?where` so far (`Some(None)`: none, or they differ).
    language: Option<Option<String>>,
    poisoned_wheres: bool,
}

/// Answer `tech-years` for these technologies (label-key matches, as often as SPARQL
/// finds each: duplicates change nothing here), minimum years and tolerances (the
/// distinct values of the query's OPTIONAL, `None` = unbound). `None` when the index
/// cannot compute a value exactly (months that are not integers).
pub(super) fn answer(
    index: &Index,
    terms: &mut Terms<'_>,
    techs: &[String],
    min: &Number,
    tolerances: &[Option<Term>],
) -> Option<Rows> {
    let wanted: HashSet<u32> = techs.iter().filter_map(|t| index.find(t)).collect();
    let min_months = times(min, 12)?;
    let (hits, names) = hits_and_names(index, Table::TechYears, (0, &wanted), 1);
    let mut groups: HashMap<u32, Group> = HashMap::new();
    for r in hits {
        let (Some(p), Some(m)) = (col(r, 1), col(r, 2)) else {
            continue;
        };
        if !names.contains_key(&p) {
            continue; // no `schema:name`: no solution
        }
        let months = terms.get(m)?;
        match decimal(&months) {
            Err(()) => return None,
            Ok(None) => continue, // the FILTER's comparison is an error
            Ok(Some(_)) => {}
        }
        if !is_integer(&months) {
            return None;
        }
        if !at_least(&months, &min_months).ok()? {
            continue;
        }
        add_solution(groups.entry(p).or_default(), terms, r, months)?;
    }
    let mut keyed: Vec<(Option<Term>, Vec<Option<Term>>)> = Vec::new();
    for (p, g) in &groups {
        let mut seen: HashSet<u32> = HashSet::new();
        for &name in names.get(p).into_iter().flatten() {
            if !seen.insert(name) {
                continue;
            }
            for tolerance in tolerances {
                let row = row(index, terms, (*p, name), g, tolerance.as_ref())?;
                keyed.push((g.months.get(), row));
            }
        }
    }
    keyed.sort_by(|(ma, a), (mb, b)| {
        compare_terms(mb.as_ref(), ma.as_ref())
            .then_with(|| compare_terms(a[1].as_ref(), b[1].as_ref()))
            .then_with(|| tie_break(a, b))
    });
    Some(keyed.into_iter().map(|(_, r)| r).collect())
}

fn is_integer(t: &Term) -> bool {
    matches!(t, Term::Literal(l) if l.datatype() == xsd::INTEGER)
}

/// Add one solution (one `TechYears` fact that passed the filter) to its group.
fn add_solution(g: &mut Group, terms: &mut Terms<'_>, r: &[u32; FACT], months: Term) -> Option<()> {
    g.months.add(Some(months));
    // `STR(?lastUsedDate)`: unbound for a blank node (an error) or a missing date.
    let last = col(r, 3)
        .and_then(|l| terms.get(l))
        .filter(|t| !matches!(t, Term::BlankNode(_)))
        .map(|t| Term::from(Literal::new_simple_literal(str_of(&t))));
    g.last.add(last);
    let stated = col(r, 4).and_then(|s| terms.get(s));
    if let Some(s) = &stated {
        if !is_integer(s) {
            return None;
        }
        g.count_stated += 1;
    }
    let stated_as = stated
        .is_some()
        .then(|| qualifier_word(col(r, 5).and_then(|q| terms.get(q))))
        .map(|w| Term::from(Literal::new_simple_literal(w)));
    g.stated.add(stated);
    g.stated_as.add(stated_as);
    add_where(g, col(r, 6).and_then(|w| terms.get(w)));
    Some(())
}

/// The `?as` of a stated duration: "exact" without a qualifier, else by the qualifier.
fn qualifier_word(q: Option<Term>) -> &'static str {
    match q {
        None => "exact",
        Some(Term::NamedNode(n)) if n.as_str() == ns::cg("AtLeast") => "at least",
        Some(Term::NamedNode(n)) if n.as_str() == ns::cg("UpTo") => "up to",
        Some(_) => "about",
    }
}

/// `GROUP_CONCAT(DISTINCT ?where)`: distinct string literals with their language; an
/// unbound or non-string value makes the whole aggregate unbound.
fn add_where(g: &mut Group, w: Option<Term>) {
    if g.poisoned_wheres {
        return;
    }
    let text = match &w {
        Some(Term::Literal(l)) if l.language().is_some() || l.datatype() == xsd::STRING => {
            Some((l.value().to_owned(), l.language().map(str::to_owned)))
        }
        _ => None,
    };
    let Some((value, language)) = text else {
        g.poisoned_wheres = true;
        g.wheres = None;
        return;
    };
    let set = g.wheres.get_or_insert_with(BTreeSet::new);
    let key = (value, w.map(|t| t.to_string()).unwrap_or_default());
    if !set.insert(key) {
        return; // DISTINCT: a repeated term adds nothing
    }
    match &g.language {
        None => g.language = Some(language),
        Some(l) if *l != language => g.language = Some(None),
        Some(_) => {}
    }
}

/// One output row of a (person, name, tolerance) group.
fn row(
    index: &Index,
    terms: &mut Terms<'_>,
    (person, name): (u32, u32),
    g: &Group,
    tolerance: Option<&Term>,
) -> Option<Vec<Option<Term>>> {
    let months = g.months.get();
    let total_years = match &months {
        Some(m) => years(m).ok()?,
        None => None,
    };
    let stated_years = match g.stated.get() {
        Some(s) => years(&s).ok()?,
        None => None,
    };
    let stated_as = g.stated_as.get();
    let stated = stated_word(g, months.as_ref(), tolerance)?.map(|w| {
        let t: Term = Literal::new_simple_literal(w).into();
        t
    });
    let positions = g.wheres.as_ref().map(|set| {
        let joined = set
            .iter()
            .map(|(v, _)| v.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        let t: Term = match g.language.clone().flatten() {
            Some(l) => Literal::new_language_tagged_literal_unchecked(joined, l).into(),
            None => Literal::new_simple_literal(joined).into(),
        };
        t
    });
    Some(vec![
        iri(index, person),
        terms.get(name),
        total_years,
        months,
        g.last.get(),
        stated_years,
        stated_as,
        stated,
        positions,
    ])
}

/// The `?stated` expression: `Some(None)` where it is an error (unbound), `None` where the
/// index cannot compute it.
fn stated_word(
    g: &Group,
    months: Option<&Term>,
    tolerance: Option<&Term>,
) -> Option<Option<&'static str>> {
    if g.count_stated == 0 {
        return Some(Some(""));
    }
    let (stated, stated_as) = (g.stated.get(), g.stated_as.get());
    let word = |t: &Option<Term>| match t {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        _ => None,
    };
    let as_word = word(&stated_as);
    let differs = |w: &str| as_word.as_deref().map(|a| a != w);
    let more = and(
        at_least_by(stated.as_ref(), months, tolerance)?,
        differs("up to"),
    );
    match more {
        None => return Some(None),
        Some(true) => return Some(Some("stated more")),
        Some(false) => {}
    }
    let less = and(
        at_least_by(months, stated.as_ref(), tolerance)?,
        differs("at least"),
    );
    Some(match less {
        None => None,
        Some(true) => Some("stated less"),
        Some(false) => Some("agrees"),
    })
}

/// SPARQL's `&&` on possibly failed operands (`None` = error).
fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// `?a - ?b >= ?tolerance` on integers: `Some(None)` for the expression's error (an
/// operand unbound, a tolerance that is not a number), `None` where the index cannot
/// compute it.
fn at_least_by(
    a: Option<&Term>,
    b: Option<&Term>,
    tolerance: Option<&Term>,
) -> Option<Option<bool>> {
    let (Some(a), Some(b), Some(t)) = (a, b, tolerance) else {
        return Some(None);
    };
    let (Some(Number::Decimal(x)), Some(Number::Decimal(y))) = (number(a), number(b)) else {
        return None;
    };
    let diff = x.checked_sub(y)?;
    let Some(t) = number(t) else {
        return Some(None);
    };
    Some(
        compare_numbers(&Number::Decimal(diff), &t)
            .map(|o| matches!(o, Ordering::Greater | Ordering::Equal)),
    )
}
