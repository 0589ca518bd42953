//! Printing query results: a human table, or the W3C result formats for programs.

use crate::ns;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::io::Write;

/// Output format of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// Aligned table for people (IRIs shortened with prefixes).
    Table,
    /// W3C SPARQL 1.1 CSV.
    Csv,
    /// W3C SPARQL 1.1 TSV.
    Tsv,
    /// W3C SPARQL 1.1 JSON.
    Json,
    /// W3C SPARQL 1.1 XML.
    Xml,
}

/// Result printing failures.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// Write failure.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// Evaluation failed while streaming results (e.g. timeout).
    #[error("query failed: {0}")]
    Eval(String),
}

/// Write results; returns the number of rows (or triples) written and whether the
/// table output was truncated at `limit`.
pub fn write_results<W: Write>(
    results: QueryResults<'_>,
    format: ResultFormat,
    limit: Option<usize>,
    mut out: W,
) -> Result<(usize, bool), OutputError> {
    match results {
        QueryResults::Boolean(b) => {
            match w3c(format) {
                Some(f) => {
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut out, b)?;
                }
                None => writeln!(out, "{b}")?,
            }
            Ok((1, false))
        }
        QueryResults::Graph(triples) => {
            let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, iri) in ns::PREFIXES {
                ser = ser
                    .with_prefix(*p, *iri)
                    .map_err(|e| OutputError::Eval(e.to_string()))?;
            }
            let mut w = ser.for_writer(&mut out);
            let mut n = 0;
            for t in triples {
                let t = t.map_err(|e| OutputError::Eval(e.to_string()))?;
                w.serialize_triple(&t)?;
                n += 1;
            }
            w.finish()?;
            Ok((n, false))
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            if let Some(f) = w3c(format) {
                let mut ser = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut out, vars)?;
                let mut n = 0;
                for s in solutions {
                    let s = s.map_err(|e| OutputError::Eval(e.to_string()))?;
                    ser.serialize(&s)?;
                    n += 1;
                }
                ser.finish()?;
                return Ok((n, false));
            }
            let mut rows: Vec<Vec<String>> = Vec::new();
            let mut truncated = false;
            for s in solutions {
                let s = s.map_err(|e| OutputError::Eval(e.to_string()))?;
                if limit.is_some_and(|l| rows.len() >= l) {
                    truncated = true;
                    break;
                }
                rows.push(
                    vars.iter()
                        .map(|v| s.get(v).map(display_term).unwrap_or_default())
                        .collect(),
                );
            }
            let header: Vec<String> = vars.iter().map(|v| v.as_str().to_owned()).collect();
            write_table(&header, &rows, &mut out)?;
            Ok((rows.len(), truncated))
        }
    }
}

fn w3c(format: ResultFormat) -> Option<QueryResultsFormat> {
    match format {
        ResultFormat::Table => None,
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
    }
}

/// A term as a person reads it: literal values bare, IRIs shortened with known prefixes.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => compact_iri(n.as_str()),
        other => other.to_string(),
    }
}

/// `https://w3id.org/careergraph/tech/go` → `tech:go`.
pub fn compact_iri(iri: &str) -> String {
    for (p, ns) in ns::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && !local.contains(['/', '#']) {
                return format!("{p}:{local}");
            }
        }
    }
    iri.to_owned()
}

/// Display width: East Asian wide characters count two columns.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = matches!(c as u32,
                0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
                0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Write an aligned text table.
pub fn write_table<W: Write>(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut W,
) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(display_width(&clean(c)).min(60));
        }
    }
    let line = |cells: &[String], out: &mut W| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let c = clean(c);
            let c: String = if display_width(&c) > 60 {
                let mut t = String::new();
                for ch in c.chars() {
                    if display_width(&t) >= 57 {
                        break;
                    }
                    t.push(ch);
                }
                t + "…"
            } else {
                c
            };
            s.push_str(&c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i] - display_width(&c) + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for r in rows {
        line(r, out)?;
    }
    Ok(())
}
