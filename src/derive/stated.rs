//! Years of a technology that a résumé states itself ("5年Java经验", "4 years of Go
//! experience"): extraction records them as `years-experience` metrics; one whose text
//! names exactly one technology of the vocabulary is that technology's stated experience.
//! A metric naming no technology (total experience) or several ("3 years of Go and Rust")
//! is not attributed.

use super::{Source, TechKey};
use crate::model::{CareerRecord, Metric};
use crate::vocab::vocabulary;

/// The metric kind that carries stated years.
const YEARS_KIND: &str = "years-experience";

/// A technology's stated experience.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    /// The technology.
    pub key: TechKey,
    /// Stated months (years × 12, rounded).
    pub months: i32,
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
                metrics: vec![years("4 years of Golang experience", 4.0)],
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
                    source: Source::PersonMetric(0)
                },
                Stated {
                    key: key("go"),
                    months: 48,
                    source: Source::PositionMetric(0, 0)
                },
            ]
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
