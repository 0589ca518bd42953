//! Derivation: facts computed from a [`CareerRecord`] after extraction — the document's
//! as-of date, each position's duration, a person's total, management and internship
//! months, seniority level, and months / last use per technology.
//!
//! Pure functions of the record and the `--as-of` option (no clock): the same bytes give
//! the same facts. [`rdf`] maps them into a named graph of their own per document, every
//! derived node naming its rule and the facts it was derived from (PROV-O).
//!
//! - [`interval`]: partial dates, month spans, unions (overlaps counted once);
//! - [`asof`]: the as-of rules;
//! - [`seniority`]: title → level and people management, words in `ontology/time.ttl`;
//! - [`stated`]: years of a technology the résumé states itself.

pub mod asof;
pub mod interval;
pub mod rdf;
pub mod seniority;
pub mod stated;

use crate::model::{CareerRecord, Qualifier, Skill};
use asof::AsOf;
use interval::{span, union_months, Span};
use seniority::Level;

/// A fact a derived value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// Position `i` of the record.
    Position(usize),
    /// Project `j` of position `i`.
    Project(usize, usize),
    /// Project `j` not attached to a position.
    LooseProject(usize),
    /// The person's skills list.
    SkillList,
    /// Metric `i` of the person (outside positions).
    PersonMetric(usize),
    /// Metric `i` of position `p`.
    PositionMetric(usize, usize),
}

/// What is derived for one position.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionFacts {
    /// Index in `record.positions`.
    pub index: usize,
    /// Its month span, when its dates allow one.
    pub span: Option<Span>,
    /// Seniority level its title shows.
    pub level: Option<&'static Level>,
    /// Whether it shows people management.
    pub manages_people: bool,
    /// Whether it is an internship (level intern).
    pub internship: bool,
    /// Whether its span ends at the as-of date.
    pub open: bool,
}

/// Identity of a technology: its vocabulary concept, or a name local to the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TechKey {
    /// Vocabulary concept IRI.
    Concept(String),
    /// Normalised name ([`crate::map::slug`]) of a skill outside the vocabulary.
    Local(String),
}

impl TechKey {
    /// The key of a skill, as [`crate::map`] names its node.
    pub fn of(skill: &Skill) -> Self {
        if let Some(iri) = &skill.iri {
            return TechKey::Concept(iri.clone());
        }
        match crate::vocab::vocabulary().technologies.lookup(&skill.name) {
            Some(c) => TechKey::Concept(c.iri.clone()),
            None => TechKey::Local(crate::map::slug(&skill.name)),
        }
    }
}

/// What is derived for one technology of a person.
#[derive(Debug, Clone, PartialEq)]
pub struct TechFacts {
    /// The technology.
    pub key: TechKey,
    /// Months of use (union of the spans of the positions and projects using it); `None`
    /// when no use is dated (e.g. only listed as a skill).
    pub months: Option<i32>,
    /// Last month of use as a date text (the as-of date while in use).
    pub last_used: Option<String>,
    /// Months from the last use to the as-of date (0 while in use).
    pub months_since_last_used: Option<i32>,
    /// Listed in the skills section.
    pub listed: bool,
    /// Months the résumé states itself ("5年Java经验"), see [`stated`].
    pub stated: Option<i32>,
    /// How the stated months are meant: exact, or a bound ("3+ years" is at least 36).
    pub stated_qualifier: Qualifier,
    /// Positions and projects where it was used (the skills list when listed, the metric
    /// that states its years).
    pub sources: Vec<Source>,
}

/// What is derived for the person of a record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonFacts {
    /// Months of professional experience (union of non-internship positions).
    pub total_months: i32,
    /// Positions counted in `total_months`.
    pub total_sources: Vec<usize>,
    /// Months of internships (union).
    pub internship_months: i32,
    /// Months in positions showing people management (union).
    pub management_months: i32,
    /// Positions counted in `management_months`.
    pub management_sources: Vec<usize>,
    /// Level of the most recent position whose title shows one, and that position.
    pub seniority: Option<(&'static Level, usize)>,
    /// Per technology, sorted by key.
    pub technologies: Vec<TechFacts>,
}

/// Everything derived from one record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Derived {
    /// The as-of date and its source.
    pub as_of: Option<AsOf>,
    /// One entry per position, in record order.
    pub positions: Vec<PositionFacts>,
    /// Present when the record describes a person.
    pub person: Option<PersonFacts>,
}

/// Derive the facts of `record`; `as_of_option` is `--as-of` from the ingest command.
pub fn derive(record: &CareerRecord, as_of_option: Option<&str>) -> Derived {
    let as_of = asof::resolve(record, as_of_option);
    let at = as_of.as_ref().map(|a| a.date.as_str());
    let positions: Vec<PositionFacts> = record
        .positions
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let level = p.title.as_deref().and_then(seniority::level_of_title);
            PositionFacts {
                index,
                span: span(p.start.as_deref(), p.end.as_deref(), p.current, at),
                level,
                manages_people: seniority::manages_people(p),
                internship: level.is_some_and(|l| l.name == "intern"),
                open: p.current && p.end.is_none(),
            }
        })
        .collect();
    let person = record
        .person
        .as_ref()
        .map(|_| person_facts(record, &positions, as_of.as_ref()));
    Derived {
        as_of,
        positions,
        person,
    }
}

fn union_of(
    positions: &[PositionFacts],
    keep: impl Fn(&PositionFacts) -> bool,
) -> (i32, Vec<usize>) {
    let chosen: Vec<&PositionFacts> = positions
        .iter()
        .filter(|p| p.span.is_some() && keep(p))
        .collect();
    let spans: Vec<Span> = chosen.iter().filter_map(|p| p.span).collect();
    (
        union_months(&spans),
        chosen.iter().map(|p| p.index).collect(),
    )
}

fn person_facts(
    record: &CareerRecord,
    positions: &[PositionFacts],
    as_of: Option<&AsOf>,
) -> PersonFacts {
    let (total_months, total_sources) = union_of(positions, |p| !p.internship);
    let (internship_months, _) = union_of(positions, |p| p.internship);
    let (management_months, management_sources) = union_of(positions, |p| p.manages_people);
    let seniority = positions
        .iter()
        .filter_map(|p| p.level.map(|l| (l, p)))
        .max_by_key(|(_, p)| {
            (
                p.span.map_or(i32::MIN, |s| s.end),
                p.span.map_or(i32::MIN, |s| s.start),
                std::cmp::Reverse(p.index),
            )
        })
        .map(|(l, p)| (l, p.index));
    PersonFacts {
        total_months,
        total_sources,
        internship_months,
        management_months,
        management_sources,
        seniority,
        technologies: technology_facts(record, positions, as_of),
    }
}

#[derive(Default)]
struct TechUse {
    spans: Vec<(Span, bool)>,
    listed: bool,
    stated: Option<(i32, Qualifier)>,
    sources: Vec<Source>,
}

fn technology_facts(
    record: &CareerRecord,
    positions: &[PositionFacts],
    as_of: Option<&AsOf>,
) -> Vec<TechFacts> {
    let at = as_of.map(|a| a.date.as_str());
    let mut uses: std::collections::BTreeMap<TechKey, TechUse> = Default::default();
    let mut used = |skills: &[Skill], s: Option<(Span, bool)>, source: Source| {
        for sk in skills {
            let u = uses.entry(TechKey::of(sk)).or_default();
            u.spans.extend(s);
            if !u.sources.contains(&source) {
                u.sources.push(source);
            }
        }
    };
    for (i, p) in record.positions.iter().enumerate() {
        let pos_span = positions.get(i).and_then(|f| f.span.map(|s| (s, f.open)));
        used(&p.technologies, pos_span, Source::Position(i));
        for (j, proj) in p.projects.iter().enumerate() {
            let open = p.current && p.end.is_none() && proj.end.is_none();
            let own = span(proj.start.as_deref(), proj.end.as_deref(), open, at).map(|s| (s, open));
            used(&proj.technologies, own.or(pos_span), Source::Project(i, j));
        }
    }
    for (j, proj) in record.projects.iter().enumerate() {
        let own = span(proj.start.as_deref(), proj.end.as_deref(), false, at).map(|s| (s, false));
        used(&proj.technologies, own, Source::LooseProject(j));
    }
    for sk in &record.skills {
        let u = uses.entry(TechKey::of(sk)).or_default();
        u.listed = true;
        if !u.sources.contains(&Source::SkillList) {
            u.sources.push(Source::SkillList);
        }
    }
    for st in stated::stated_years(record) {
        let u = uses.entry(st.key).or_default();
        u.stated = Some((st.months, st.qualifier));
        u.sources.push(st.source);
    }
    let as_of_end = at
        .and_then(interval::PartialDate::parse)
        .map(|d| d.end_index());
    uses.into_iter()
        .map(|(key, mut u)| {
            u.sources.sort();
            let spans: Vec<Span> = u.spans.iter().map(|(s, _)| *s).collect();
            let last = u.spans.iter().max_by_key(|(s, open)| (s.end, *open));
            let last_used = last.map(|(s, open)| match (open, at) {
                (true, Some(a)) => a.to_owned(),
                _ => interval::last_month_text(s.end),
            });
            let months_since_last_used =
                last.zip(as_of_end)
                    .map(|((s, open), a)| if *open { 0 } else { (a - s.end).max(0) });
            TechFacts {
                key,
                months: (!spans.is_empty()).then(|| union_months(&spans)),
                last_used,
                months_since_last_used,
                listed: u.listed,
                stated: u.stated.map(|(m, _)| m),
                stated_qualifier: u.stated.map_or(Qualifier::Exact, |(_, q)| q),
                sources: u.sources,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Position, Project};
    use interval::Precision;

    fn skill(name: &str) -> Skill {
        Skill {
            name: name.into(),
            text: name.into(),
            ..Default::default()
        }
    }

    fn position(title: &str, start: &str, end: Option<&str>, techs: &[&str]) -> Position {
        Position {
            organization: "Example Corp".into(),
            title: Some(title.into()),
            start: Some(start.into()),
            end: end.map(Into::into),
            current: end.is_none(),
            technologies: techs.iter().map(|t| skill(t)).collect(),
            ..Default::default()
        }
    }

    fn record(positions: Vec<Position>) -> CareerRecord {
        CareerRecord {
            sha256: "ab".repeat(32),
            person: Some(Person {
                name: "Test Person".into(),
                ..Default::default()
            }),
            positions,
            ..Default::default()
        }
    }

    fn tech<'a>(facts: &'a PersonFacts, name: &str) -> &'a TechFacts {
        let key = TechKey::of(&skill(name));
        facts.technologies.iter().find(|t| t.key == key).unwrap()
    }

    #[test]
    fn promotion_in_one_company_and_a_gap_and_an_internship() {
        let mut r = record(vec![
            position("Senior Engineer", "2021-07", None, &["Go"]),
            position("Engineer", "2019-07", Some("2021-06"), &["Go", "Python"]),
            position(
                "Software Engineering Intern",
                "2018-06",
                Some("2018-08"),
                &["Python"],
            ),
        ]);
        r.as_of = Some("2023-06".into());
        let d = derive(&r, None);
        let p = d.person.unwrap();
        // 2019-07 … 2023-06 without a gap: 48 months; the internship is apart.
        assert_eq!(p.total_months, 48);
        assert_eq!(p.internship_months, 3);
        assert_eq!(p.total_sources, vec![0, 1]);
        assert_eq!(
            p.seniority.map(|(l, i)| (l.name.as_str(), i)),
            Some(("senior", 0))
        );
        let go = tech(&p, "Go");
        assert_eq!(go.months, Some(48));
        assert_eq!(go.last_used.as_deref(), Some("2023-06"));
        assert_eq!(go.months_since_last_used, Some(0));
        let py = tech(&p, "Python");
        // Internship months count for the technology: it was used there.
        assert_eq!(py.months, Some(24 + 3));
        assert_eq!(py.last_used.as_deref(), Some("2021-06"));
        assert_eq!(py.months_since_last_used, Some(24));
        assert_eq!(py.sources, vec![Source::Position(1), Source::Position(2)]);
    }

    #[test]
    fn listed_skills_have_no_months_but_a_flag() {
        let mut r = record(vec![position(
            "Engineer",
            "2020-01",
            Some("2020-12"),
            &["Go"],
        )]);
        r.skills = vec![skill("Go"), skill("Rust")];
        let d = derive(&r, None);
        let p = d.person.unwrap();
        let rust = tech(&p, "Rust");
        assert_eq!((rust.months, rust.listed), (None, true));
        assert_eq!(rust.sources, vec![Source::SkillList]);
        let go = tech(&p, "Go");
        assert_eq!((go.months, go.listed), (Some(12), true));
    }

    #[test]
    fn projects_use_their_own_dates_else_the_positions() {
        let mut pos = position("Engineer", "2018-01", Some("2021-12"), &[]);
        pos.projects = vec![
            Project {
                name: "Billing".into(),
                start: Some("2020-01".into()),
                end: Some("2020-06".into()),
                technologies: vec![skill("Kafka")],
                ..Default::default()
            },
            Project {
                name: "Search".into(),
                technologies: vec![skill("Redis")],
                ..Default::default()
            },
        ];
        let d = derive(&record(vec![pos]), None);
        let p = d.person.unwrap();
        assert_eq!(tech(&p, "Kafka").months, Some(6));
        assert_eq!(tech(&p, "Redis").months, Some(48));
        assert_eq!(tech(&p, "Redis").sources, vec![Source::Project(0, 1)]);
    }

    #[test]
    fn management_from_titles_and_current_positions_need_an_as_of() {
        let r = record(vec![
            position("Engineering Manager", "2022-01", None, &[]),
            position("Product Manager", "2019-01", Some("2021-12"), &[]),
        ]);
        // The latest date mentioned is the current position's start: it has one month.
        let d = derive(&r, None);
        assert_eq!(
            d.as_of.as_ref().unwrap().source,
            asof::AsOfSource::LatestMention
        );
        let p = d.person.unwrap();
        assert_eq!(p.management_months, 1);
        assert_eq!(p.management_sources, vec![0]);
        assert_eq!(d.positions[0].span.unwrap().precision, Precision::Month);
    }

    #[test]
    fn role_profiles_have_no_person_facts() {
        let r = CareerRecord::default();
        let d = derive(&r, Some("2024-01"));
        assert!(d.person.is_none());
        assert_eq!(d.as_of.unwrap().date, "2024-01");
    }
}
