//! The as-of date of a document: what "present / 至今 / now" means in it.
//!
//! Rules, first that applies wins (never the wall clock: the same bytes and options give
//! the same date):
//! 1. the date the document gives itself (`CareerRecord::as_of`: a JSON Resume
//!    `meta.lastModified`, a dated line such as "Last updated: June 2024" or "更新于
//!    2024-06") — unless it ends before the start of a position the document says is
//!    current: then the line is stale ("present" cannot end before it began) and rule 2
//!    applies;
//! 2. the latest date the document mentions (starts and ends of positions, projects and
//!    education);
//! 3. the `--as-of DATE` given at ingest.
//!
//! The PDF and DOCX readers do not read the files' created/modified metadata: a file's
//! modified date is often its export or conversion date, not when its content was last
//! true, so a date written in the text ranks first. Were metadata read, it would rank after
//! a dated line and before the latest mention, with the same stale check.

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

/// Whether `date` ends before the start of a position marked current (a stale dated line).
fn before_a_current_start(record: &CareerRecord, date: &PartialDate) -> bool {
    record
        .positions
        .iter()
        .filter(|p| p.current && p.end.is_none())
        .filter_map(|p| p.start.as_deref().and_then(PartialDate::parse))
        .any(|start| date.end_index() < start.start_index())
}

/// Resolve the as-of date of `record`, with `option` the `--as-of` given at ingest.
pub fn resolve(record: &CareerRecord, option: Option<&str>) -> Option<AsOf> {
    if let Some(d) = record.as_of.as_deref().filter(|d| {
        PartialDate::parse(d).is_some_and(|date| !before_a_current_start(record, &date))
    }) {
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
    fn the_document_date_wins_over_a_later_mention_and_the_option() {
        // Dates after the document's own date (an expected degree) do not move it.
        let record = CareerRecord {
            as_of: Some("2024-06".into()),
            positions: vec![position("2021-03", None)],
            education: vec![Education {
                start: Some("2024-09".into()),
                end: Some("2026-06".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert_eq!(
            resolve(&record, Some("2030-01")),
            Some(AsOf {
                date: "2024-06".into(),
                source: AsOfSource::Document
            })
        );
    }

    #[test]
    fn a_stale_dated_line_gives_way_to_the_latest_mention() {
        // "Last updated: 2020-05" above a current position that began 2022-01.
        let mut record = CareerRecord {
            as_of: Some("2020-05".into()),
            positions: vec![
                position("2018-01", Some("2021-12")),
                position("2022-01", None),
            ],
            ..Default::default()
        };
        assert_eq!(
            resolve(&record, Some("2030-01")),
            Some(AsOf {
                date: "2022-01".into(),
                source: AsOfSource::LatestMention
            })
        );
        // In the month the current position began, the line is not stale, nor is a
        // year-only line of that year (it stands for mid-year).
        for date in ["2022-01", "2022"] {
            record.as_of = Some(date.into());
            assert_eq!(resolve(&record, None).unwrap().source, AsOfSource::Document);
        }
        // A past position that began later than the line does not make it stale.
        record.as_of = Some("2020-05".into());
        record.positions[1].current = false;
        record.positions[1].end = Some("2023-01".into());
        assert_eq!(resolve(&record, None).unwrap().source, AsOfSource::Document);
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
