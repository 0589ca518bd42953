//! Seniority levels and people management from job titles, with the scale and the words
//! as data in `ontology/time.ttl`.

use crate::model::{Metric, Position};
use crate::vocab::{vocabulary, Vocabulary};
use std::sync::OnceLock;

/// A level of the seniority scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Concept IRI (`https://w3id.org/careergraph/seniority/senior`).
    pub iri: String,
    /// Local name ("senior").
    pub name: String,
    /// Rank on the scale (intern 1 … executive 8).
    pub rank: i64,
}

struct Scale {
    /// Levels in match order, each with its lower-cased title words.
    levels: Vec<(Level, Vec<String>)>,
    management: Vec<String>,
    not_management: Vec<String>,
}

fn lower(words: Vec<String>) -> Vec<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn load(v: &Vocabulary) -> Scale {
    let rank_p = crate::ns::cg("seniorityRank");
    let order_p = crate::ns::cg("matchOrder");
    let in_scheme = format!("{}inScheme", crate::ns::SKOS);
    let scheme = crate::ns::cg("SeniorityScheme");
    let mut levels: Vec<(i64, Level, Vec<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for q in &v.quads {
        let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let is_level = q.predicate.as_str() == in_scheme
            && matches!(&q.object, oxigraph::model::Term::NamedNode(o) if o.as_str() == scheme);
        if !is_level || !seen.insert(s.as_str().to_owned()) {
            continue;
        }
        let number = |p: &str| -> Option<i64> {
            v.quads.iter().find_map(|q| match (&q.subject, &q.object) {
                (
                    oxigraph::model::NamedOrBlankNode::NamedNode(n),
                    oxigraph::model::Term::Literal(l),
                ) if n == s && q.predicate.as_str() == p => l.value().parse().ok(),
                _ => None,
            })
        };
        let name = s.as_str().rsplit('/').next().unwrap_or_default().to_owned();
        let words = lower(v.lexicon.terms(&format!("seniority-{name}")));
        levels.push((
            number(&order_p).unwrap_or(i64::MAX),
            Level {
                iri: s.as_str().to_owned(),
                name,
                rank: number(&rank_p).unwrap_or(0),
            },
            words,
        ));
    }
    levels.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
    Scale {
        levels: levels.into_iter().map(|(_, l, w)| (l, w)).collect(),
        management: lower(v.lexicon.terms("management-title")),
        not_management: lower(v.lexicon.terms("non-management-title")),
    }
}

fn scale() -> &'static Scale {
    static SCALE: OnceLock<Scale> = OnceLock::new();
    SCALE.get_or_init(|| load(vocabulary()))
}

/// Whether lower-cased `text` contains lower-cased `word`: anywhere for words with a
/// non-ASCII character (Chinese), else as a whole word (no ASCII letter or digit beside it).
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if !word.is_ascii() {
        return text.contains(word);
    }
    let bytes = text.as_bytes();
    text.match_indices(word).any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + word.len()).copied();
        let edge_ok = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        edge_ok(before) && edge_ok(after)
    })
}

/// The seniority level a job title shows, if any.
pub fn level_of_title(title: &str) -> Option<&'static Level> {
    let t = title.to_lowercase();
    scale()
        .levels
        .iter()
        .find(|(_, words)| words.iter().any(|w| contains_word(&t, w)))
        .map(|(l, _)| l)
}

/// Whether a title shows people management (a management word and no exception).
pub fn title_manages_people(title: &str) -> bool {
    let t = title.to_lowercase();
    let s = scale();
    s.management.iter().any(|w| contains_word(&t, w))
        && !s.not_management.iter().any(|w| contains_word(&t, w))
}

/// Whether a metric states a team of two or more people.
pub fn team_metric(m: &Metric) -> bool {
    crate::map::slug(&m.kind) == "team-size" && m.value >= 2.0
}

/// Whether a position shows people management: its title, or a team-size metric of 2+ on
/// it or on one of its projects.
pub fn manages_people(p: &Position) -> bool {
    p.title.as_deref().is_some_and(title_manages_people)
        || p.metrics.iter().any(team_metric)
        || p.projects.iter().flat_map(|j| &j.metrics).any(team_metric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(title: &str) -> Option<&'static str> {
        level_of_title(title).map(|l| l.name.as_str())
    }

    #[test]
    fn titles_map_to_the_scale() {
        assert_eq!(level("Software Engineering Intern"), Some("intern"));
        assert_eq!(level("Junior Developer"), Some("junior"));
        assert_eq!(level("Backend Engineer"), Some("mid"));
        assert_eq!(level("Senior Backend Engineer"), Some("senior"));
        assert_eq!(level("Staff Engineer"), Some("staff"));
        assert_eq!(level("Senior Engineering Manager"), Some("lead"));
        assert_eq!(level("Director of Platform"), Some("director"));
        assert_eq!(level("VP Engineering"), Some("executive"));
        assert_eq!(level("CTO"), Some("executive"));
        assert_eq!(level("Gardener"), None);
        assert_eq!(level(""), None);
    }

    #[test]
    fn chinese_titles_and_ladder_codes_map_too() {
        assert_eq!(level("后端开发实习生"), Some("intern"));
        assert_eq!(level("高级后端工程师"), Some("senior"));
        assert_eq!(level("资深工程师（P7）"), Some("staff"));
        assert_eq!(level("技术总监"), Some("director"));
        assert_eq!(level("副总经理"), Some("executive"));
        assert_eq!(level("研发组长"), Some("lead"));
        assert_eq!(level("后台开发 T3-2"), Some("senior"));
        // Codes are whole tokens: "MP7" and "P75" are not the P7 ladder level.
        assert_eq!(level("MP75 tester"), Some("mid"));
    }

    #[test]
    fn ranks_follow_the_documented_scale() {
        let ranks: Vec<(String, i64)> = ["intern", "junior", "mid", "senior", "staff", "lead"]
            .iter()
            .zip([
                "Intern",
                "Junior Dev",
                "Engineer",
                "Senior Engineer",
                "Principal Engineer",
                "Team Lead",
            ])
            .map(|(name, title)| {
                let l = level_of_title(title).unwrap();
                assert_eq!(l.name, *name);
                (l.name.clone(), l.rank)
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0].1 < w[1].1), "{ranks:?}");
    }

    #[test]
    fn management_needs_a_management_title_or_a_team() {
        assert!(title_manages_people("Engineering Manager"));
        assert!(title_manages_people("Head of Data"));
        assert!(title_manages_people("研发经理"));
        assert!(!title_manages_people("Product Manager"));
        assert!(!title_manages_people("产品经理"));
        assert!(!title_manages_people("Senior Engineer"));
        let mut p = Position {
            title: Some("Senior Engineer".into()),
            ..Default::default()
        };
        assert!(!manages_people(&p));
        p.metrics.push(Metric {
            kind: "team-size".into(),
            value: 6.0,
            ..Default::default()
        });
        assert!(manages_people(&p));
    }
}
