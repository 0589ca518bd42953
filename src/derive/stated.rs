//! Years of a technology that a résumé states itself ("5年Java经验", "4 years of Go
//! experience"): extraction records them as `years-experience` metrics; one whose text
//! names exactly one technology of the vocabulary is that technology's stated experience.
//! A metric naming no technology (total experience) or several ("3 years of Go and Rust")
//! is not attributed. The metric's qualifier travels with the value: "Java (3+ years)" states
//! at least 36 months, not exactly 36.

use super::{Source, TechKey};
use crate::model::{CareerRecord, Metric, Qualifier};
use crate::ns;
use crate::vocab::vocabulary;
use oxigraph::model::Term;
use std::sync::OnceLock;

/// The metric kind that carries stated years.
const YEARS_KIND: &str = "years-experience";

/// A technology's stated experience.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    /// The technology.
    pub key: TechKey,
    /// Stated months (years × 12, rounded).
    pub months: i32,
    /// Exact, or a bound ("3+ years": at least).
    pub qualifier: Qualifier,
    /// The metric that states it.
    pub source: Source,
}

/// The one technology a metric's text names, if it names exactly one.
fn technology_of(m: &Metric) -> Option<TechKey> {
    let techs = &vocabulary().technologies;
    let mut found: Option<&str> = None;
    for hit in techs.find_all(&m.text) {
        let iri = techs.concepts.get(hit.concept)?.iri.as_str();
        match found {
            Some(f) if f != iri => return None,
            _ => found = Some(iri),
        }
    }
    found.map(|iri| TechKey::Concept(iri.to_owned()))
}

/// Months of a stated value, when it is a plausible number of years.
fn months_of(m: &Metric) -> Option<i32> {
    (m.kind == YEARS_KIND && m.value.is_finite() && m.value > 0.0 && m.value <= 60.0)
        .then(|| (m.value * 12.0).round() as i32)
}

/// How far stated and derived months may differ and still agree: `cg:agreementMonths` of
/// `cg:TechnologyExperienceRule` in `ontology/careergraph.ttl`, the value the `tech-years`
/// query reads too.
pub fn agreement_months() -> i64 {
    static MONTHS: OnceLock<i64> = OnceLock::new();
    *MONTHS.get_or_init(|| {
        let (rule, p) = (
            ns::cg("TechnologyExperienceRule"),
            ns::cg("agreementMonths"),
        );
        vocabulary()
            .quads
            .iter()
            .find(|q| q.predicate.as_str() == p && q.subject.to_string() == format!("<{rule}>"))
            .and_then(|q| match &q.object {
                Term::Literal(l) => l.value().parse().ok(),
                _ => None,
            })
            // The ontology is compiled in: a missing value is a build defect (tested).
            .unwrap_or_else(|| panic!("ontology: {rule} has no integer cg:agreementMonths"))
    })
}

/// How stated months compare with derived ones: "agrees" within [`agreement_months`], else
/// "stated more" or "stated less"; "no dated use" when nothing is derived. A lower bound
/// ("3+ years") is never "stated less", an upper bound never "stated more". The same rule
/// as the `tech-years` query's `stated` column.
pub fn stated_vs_derived(stated: i64, qualifier: Qualifier, derived: Option<i64>) -> &'static str {
    let tolerance = agreement_months();
    match derived {
        None => "no dated use",
        Some(d) if stated - d >= tolerance && qualifier != Qualifier::UpTo => "stated more",
        Some(d) if d - stated >= tolerance && qualifier != Qualifier::AtLeast => "stated less",
        Some(_) => "agrees",
    }
}

/// How a stated value is meant, in words ("exact", "at least", "up to", "about").
pub fn qualifier_words(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::AtLeast => "at least",
        Qualifier::UpTo => "up to",
        Qualifier::Approximately => "about",
    }
}

/// Every stated technology experience of `record`, person-level metrics first, then each
/// position's, in document order. A technology stated twice keeps its first statement.
pub fn stated_years(record: &CareerRecord) -> Vec<Stated> {
    let person = record
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| (m, Source::PersonMetric(i)));
    let positions = record.positions.iter().enumerate().flat_map(|(p, pos)| {
        pos.metrics
            .iter()
            .enumerate()
            .map(move |(i, m)| (m, Source::PositionMetric(p, i)))
    });
    let mut out: Vec<Stated> = Vec::new();
    for (m, source) in person.chain(positions) {
        let Some(months) = months_of(m) else { continue };
        let Some(key) = technology_of(m) else {
            continue;
        };
        if !out.iter().any(|s| s.key == key) {
            out.push(Stated {
                key,
                months,
                qualifier: m.qualifier,
                source,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn years(text: &str, value: f64) -> Metric {
        Metric {
            kind: YEARS_KIND.into(),
            value,
            unit: "YR".into(),
            text: text.into(),
            ..Default::default()
        }
    }

    fn key(local: &str) -> TechKey {
        TechKey::Concept(format!("https://w3id.org/careergraph/tech/{local}"))
    }

    #[test]
    fn a_years_metric_naming_one_technology_is_its_stated_experience() {
        let record = CareerRecord {
            metrics: vec![
                years("5年Java经验", 5.0),
                years("8 years of experience", 8.0),
                years("3 years of Kafka and Redis experience", 3.0),
                years("2年Java开发经验", 2.0),
            ],
            positions: vec![Position {
                metrics: vec![Metric {
                    qualifier: Qualifier::AtLeast,
                    ..years("4+ years of Golang experience", 4.0)
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        let got = stated_years(&record);
        assert_eq!(
            got,
            vec![
                Stated {
                    key: key("java"),
                    months: 60,
                    qualifier: Qualifier::Exact,
                    source: Source::PersonMetric(0)
                },
                Stated {
                    key: key("go"),
                    months: 48,
                    qualifier: Qualifier::AtLeast,
                    source: Source::PositionMetric(0, 0)
                },
            ]
        );
    }

    #[test]
    fn bounds_and_the_ontology_tolerance_decide_agreement() {
        assert_eq!(agreement_months(), 12);
        // At least 3 years against 5 derived: consistent; exactly 3 is less than derived.
        assert_eq!(
            stated_vs_derived(36, Qualifier::AtLeast, Some(60)),
            "agrees"
        );
        assert_eq!(
            stated_vs_derived(36, Qualifier::Exact, Some(60)),
            "stated less"
        );
        // At least 6 against 2 derived is still more than derived.
        assert_eq!(
            stated_vs_derived(72, Qualifier::AtLeast, Some(24)),
            "stated more"
        );
        assert_eq!(stated_vs_derived(72, Qualifier::UpTo, Some(24)), "agrees");
        assert_eq!(stated_vs_derived(30, Qualifier::Exact, Some(24)), "agrees");
        assert_eq!(
            stated_vs_derived(30, Qualifier::Exact, None),
            "no dated use"
        );
    }

    #[test]
    fn other_kinds_and_implausible_values_are_not_stated_years() {
        let mut qps = years("Java service at 5 QPS", 5.0);
        qps.kind = "qps".into();
        let record = CareerRecord {
            metrics: vec![qps, years("500 years of Rust", 500.0)],
            ..Default::default()
        };
        assert!(stated_years(&record).is_empty());
    }
}
