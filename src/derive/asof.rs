//! The as-of date of a document: what "present / 至今 / now" means in it.
//!
//! Rules, first that applies wins (never the wall clock: the same bytes and options give
//! the same date):
//! 1. the date the document gives itself (`CareerRecord::as_of`: reader metadata, a JSON
//!    Resume `meta.lastModified`, a dated line);
//! 2. the latest date the document mentions (starts and ends of positions, projects and
//!    education);
//! 3. the `--as-of DATE` given at ingest.

use super::interval::PartialDate;
use crate::model::CareerRecord;
use serde::Serialize;

/// Where an as-of date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AsOfSource {
    /// The document states it.
    Document,
    /// The latest date the document mentions.
    LatestMention,
    /// `--as-of` given at ingest.
    IngestOption,
}

impl AsOfSource {
    /// Local name of the ontology individual.
    pub fn local_name(self) -> &'static str {
        match self {
            AsOfSource::Document => "AsOfFromDocument",
            AsOfSource::LatestMention => "AsOfLatestMention",
            AsOfSource::IngestOption => "AsOfIngestOption",
        }
    }
}

/// A resolved as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AsOf {
    /// "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    pub date: String,
    /// Which rule gave it.
    pub source: AsOfSource,
}

/// Every date the record mentions (as written), in document order.
fn mentioned_dates(record: &CareerRecord) -> impl Iterator<Item = &str> {
    let positions = record.positions.iter().flat_map(|p| {
        let own = [p.start.as_deref(), p.end.as_deref()];
        let projects = p
            .projects
            .iter()
            .flat_map(|j| [j.start.as_deref(), j.end.as_deref()]);
        own.into_iter().chain(projects)
    });
    let projects = record
        .projects
        .iter()
        .flat_map(|j| [j.start.as_deref(), j.end.as_deref()]);
    let education = record
        .education
        .iter()
        .flat_map(|e| [e.start.as_deref(), e.end.as_deref()]);
    positions.chain(projects).chain(education).flatten()
}

/// Resolve the as-of date of `record`, with `option` the `--as-of` given at ingest.
pub fn resolve(record: &CareerRecord, option: Option<&str>) -> Option<AsOf> {
    if let Some(d) = record
        .as_of
        .as_deref()
        .filter(|d| PartialDate::parse(d).is_some())
    {
        return Some(AsOf {
            date: d.trim().to_owned(),
            source: AsOfSource::Document,
        });
    }
    // Latest by the month where a span ending at it would end; ties keep the more precise.
    let latest = mentioned_dates(record)
        .filter_map(|d| PartialDate::parse(d).map(|p| (p.end_index(), p, d)))
        .max_by_key(|(end, p, _)| (*end, std::cmp::Reverse(p.precision())));
    if let Some((_, _, d)) = latest {
        return Some(AsOf {
            date: d.trim().to_owned(),
            source: AsOfSource::LatestMention,
        });
    }
    option
        .filter(|d| PartialDate::parse(d).is_some())
        .map(|d| AsOf {
            date: d.trim().to_owned(),
            source: AsOfSource::IngestOption,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Education, Position, Project};

    fn position(start: &str, end: Option<&str>) -> Position {
        Position {
            start: Some(start.into()),
            end: end.map(Into::into),
            current: end.is_none(),
            ..Default::default()
        }
    }

    #[test]
    fn the_document_date_wins() {
        let record = CareerRecord {
            as_of: Some("2023-04-01".into()),
            positions: vec![position("2019-01", Some("2024-02"))],
            ..Default::default()
        };
        let a = resolve(&record, Some("2025-01")).unwrap();
        assert_eq!(a.date, "2023-04-01");
        assert_eq!(a.source, AsOfSource::Document);
    }

    #[test]
    fn else_the_latest_date_mentioned_anywhere() {
        let mut record = CareerRecord {
            positions: vec![
                position("2019-01", Some("2021-02")),
                position("2021-03", None),
            ],
            education: vec![Education {
                start: Some("2012".into()),
                end: Some("2016".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let a = resolve(&record, Some("2025-01")).unwrap();
        assert_eq!(
            (a.date.as_str(), a.source),
            ("2021-03", AsOfSource::LatestMention)
        );
        // A project date inside a position counts too.
        record.positions[1].projects.push(Project {
            start: Some("2022-07".into()),
            ..Default::default()
        });
        assert_eq!(resolve(&record, None).unwrap().date, "2022-07");
        // A year-only date stands for mid-year: "2022" is before "2022-07".
        record.education[0].end = Some("2022".into());
        assert_eq!(resolve(&record, None).unwrap().date, "2022-07");
        // A malformed document date is ignored, not trusted.
        record.as_of = Some("last spring".into());
        assert_eq!(
            resolve(&record, None).unwrap().source,
            AsOfSource::LatestMention
        );
    }

    #[test]
    fn else_the_ingest_option_and_never_the_clock() {
        let record = CareerRecord::default();
        let a = resolve(&record, Some("2024-06")).unwrap();
        assert_eq!(
            (a.date.as_str(), a.source),
            ("2024-06", AsOfSource::IngestOption)
        );
        assert!(resolve(&record, None).is_none());
        assert!(resolve(&record, Some("soon")).is_none());
    }
}
