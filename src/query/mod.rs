//! Named queries and parameter binding.
//!
//! A named query is a `.rq` file in `queries/` (compiled into the binary) whose header
//! comments declare a title, a description and typed parameters:
//!
//! ```text
//! # title: People who worked at an organisation
//! # description: Matches any label of the organisation or of its parents, any language.
//! # param: org label "Tencent" -- organisation name
//! ```
//!
//! Parameters are bound as typed RDF terms substituted into the parsed query algebra
//! ([`substitute`]), so a value is never pasted into query text and cannot change the
//! query's structure, and a parameter is a constant everywhere in the query (nested
//! OPTIONAL, UNION, EXISTS and sub-queries included).

mod substitute;

pub use substitute::{substitute, SubstituteError};

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, Variable};
use spargebra::term::GroundTerm;
use spargebra::{Query, SparqlParser};

/// Query preparation failures.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// No named query with that name, and no such file.
    #[error("no named query or file {0:?} (see `careergraph queries`)")]
    Unknown(String),
    /// Syntax error in the SPARQL text.
    #[error("SPARQL syntax error in {source_name}: {message}")]
    Syntax {
        /// The query name or file.
        source_name: String,
        /// Parser message (with line and column).
        message: String,
    },
    /// A `--param` is malformed, unknown, or of the wrong type.
    #[error("parameter {name}: {message}")]
    Param {
        /// Parameter name.
        name: String,
        /// What is wrong.
        message: String,
    },
}

/// Type of a declared parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// A plain string literal.
    String,
    /// A name matched case-insensitively: bound as its search key (trimmed, lower-cased,
    /// see [`crate::map::label_key`]) for patterns like `?x cg:labelKey ?param`.
    Label,
    /// An `xsd:decimal`.
    Decimal,
    /// An `xsd:integer`.
    Integer,
    /// An IRI.
    Iri,
    /// An `xsd:date`.
    Date,
}

/// A declared parameter of a named query.
#[derive(Debug, Clone)]
pub struct ParamSpec {
    /// Name (also the SPARQL variable).
    pub name: String,
    /// Type.
    pub kind: ParamType,
    /// Default value (as text), if any.
    pub default: Option<String>,
    /// Description.
    pub description: String,
}

/// A query with its header metadata.
#[derive(Debug, Clone)]
pub struct NamedQuery {
    /// Name (file stem).
    pub name: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Declared parameters.
    pub params: Vec<ParamSpec>,
    /// SPARQL text.
    pub text: String,
}

/// The named queries shipped in `queries/`.
pub const NAMED: &[(&str, &str)] = &[
    ("go-qps-10k", include_str!("../../queries/go-qps-10k.rq")),
    ("worked-at", include_str!("../../queries/worked-at.rq")),
    ("knows", include_str!("../../queries/knows.rq")),
    ("colleagues", include_str!("../../queries/colleagues.rq")),
    ("people", include_str!("../../queries/people.rq")),
    ("role-fit", include_str!("../../queries/role-fit.rq")),
    ("metrics", include_str!("../../queries/metrics.rq")),
    ("tech-years", include_str!("../../queries/tech-years.rq")),
    ("experience", include_str!("../../queries/experience.rq")),
    ("scale", include_str!("../../queries/scale.rq")),
    ("recent", include_str!("../../queries/recent.rq")),
];

/// All named queries, parsed headers included.
pub fn named_queries() -> Vec<NamedQuery> {
    NAMED
        .iter()
        .map(|(name, text)| NamedQuery::from_text(name, text))
        .collect()
}

impl NamedQuery {
    /// Read the header comments of a query text.
    pub fn from_text(name: &str, text: &str) -> Self {
        let mut q = NamedQuery {
            name: name.to_owned(),
            title: String::new(),
            description: String::new(),
            params: Vec::new(),
            text: text.to_owned(),
        };
        for line in text.lines() {
            let Some(comment) = line.trim().strip_prefix('#') else {
                if line.trim().is_empty() {
                    continue;
                }
                break;
            };
            let comment = comment.trim();
            if let Some(t) = comment.strip_prefix("title:") {
                q.title = t.trim().to_owned();
            } else if let Some(d) = comment.strip_prefix("description:") {
                if !q.description.is_empty() {
                    q.description.push(' ');
                }
                q.description.push_str(d.trim());
            } else if let Some(p) = comment.strip_prefix("param:") {
                if let Some(spec) = parse_param_spec(p) {
                    q.params.push(spec);
                }
            }
        }
        q
    }

    /// Parse and bind `values` (name, text) to this query's parameters, filling defaults.
    pub fn bind(&self, values: &[(String, String)]) -> Result<Query, QueryError> {
        self.bind_terms(&self.bindings(values)?)
    }

    /// The typed term of every parameter: `values` (name, text) checked against the
    /// declared parameters, defaults filled in.
    pub fn bindings(
        &self,
        values: &[(String, String)],
    ) -> Result<Vec<(String, GroundTerm)>, QueryError> {
        let mut bindings = Vec::new();
        for (name, value) in values {
            let spec = self.params.iter().find(|p| &p.name == name);
            if spec.is_none() && !self.params.is_empty() {
                let known: Vec<&str> = self.params.iter().map(|p| p.name.as_str()).collect();
                return Err(QueryError::Param {
                    name: name.clone(),
                    message: format!(
                        "not a parameter of {} (it has: {})",
                        self.name,
                        known.join(", ")
                    ),
                });
            }
            let kind = spec.map_or_else(|| infer_type(value), |s| s.kind);
            bindings.push((name.clone(), typed_term(name, value, kind)?));
        }
        for spec in &self.params {
            if bindings.iter().any(|(n, _)| n == &spec.name) {
                continue;
            }
            let Some(default) = &spec.default else {
                return Err(QueryError::Param {
                    name: spec.name.clone(),
                    message: "required (pass --param NAME=VALUE)".into(),
                });
            };
            bindings.push((
                spec.name.clone(),
                typed_term(&spec.name, default, spec.kind)?,
            ));
        }
        Ok(bindings)
    }

    /// Parse the query and substitute these typed terms for their variables.
    pub fn bind_terms(&self, bindings: &[(String, GroundTerm)]) -> Result<Query, QueryError> {
        let mut query =
            SparqlParser::new()
                .parse_query(&self.text)
                .map_err(|e| QueryError::Syntax {
                    source_name: self.name.clone(),
                    message: e.to_string(),
                })?;
        for (name, term) in bindings {
            let var = Variable::new(name).map_err(|e| QueryError::Param {
                name: name.clone(),
                message: e.to_string(),
            })?;
            substitute(&mut query, &var, term).map_err(|e| QueryError::Param {
                name: name.clone(),
                message: e.to_string(),
            })?;
        }
        Ok(query)
    }
}

fn parse_param_spec(text: &str) -> Option<ParamSpec> {
    let (head, description) = match text.split_once("--") {
        Some((h, d)) => (h.trim(), d.trim().to_owned()),
        None => (text.trim(), String::new()),
    };
    let mut parts = head.splitn(3, char::is_whitespace);
    let name = parts.next()?.trim().to_owned();
    let kind = match parts.next().map(str::trim) {
        Some("decimal") => ParamType::Decimal,
        Some("label") => ParamType::Label,
        Some("integer") => ParamType::Integer,
        Some("iri") => ParamType::Iri,
        Some("date") => ParamType::Date,
        _ => ParamType::String,
    };
    let default = parts
        .next()
        .map(|d| d.trim().trim_matches('"').to_owned())
        .filter(|d| !d.is_empty());
    Some(ParamSpec {
        name,
        kind,
        default,
        description,
    })
}

fn infer_type(value: &str) -> ParamType {
    if value.starts_with('<') && value.ends_with('>') {
        ParamType::Iri
    } else if value.parse::<i64>().is_ok() {
        ParamType::Integer
    } else if value.parse::<f64>().is_ok_and(f64::is_finite) && !value.contains(['e', 'E']) {
        ParamType::Decimal
    } else {
        ParamType::String
    }
}

/// Build a typed term from a parameter value; errors name the parameter.
pub fn typed_term(name: &str, value: &str, kind: ParamType) -> Result<GroundTerm, QueryError> {
    let bad = |message: String| QueryError::Param {
        name: name.to_owned(),
        message,
    };
    Ok(match kind {
        ParamType::String => GroundTerm::Literal(Literal::new_simple_literal(value)),
        ParamType::Label => {
            let key = crate::map::label_key(value);
            if key.is_empty() {
                return Err(bad("is empty".into()));
            }
            GroundTerm::Literal(Literal::new_simple_literal(key))
        }
        ParamType::Decimal => {
            let ok = value.parse::<f64>().is_ok_and(f64::is_finite)
                && value
                    .trim_start_matches(['-', '+'])
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.');
            if !ok {
                return Err(bad(format!("{value:?} is not a decimal number")));
            }
            GroundTerm::Literal(Literal::new_typed_literal(value, xsd::DECIMAL))
        }
        ParamType::Integer => {
            value
                .parse::<i64>()
                .map_err(|_| bad(format!("{value:?} is not an integer")))?;
            GroundTerm::Literal(Literal::new_typed_literal(value, xsd::INTEGER))
        }
        ParamType::Iri => {
            let iri = value.trim_start_matches('<').trim_end_matches('>');
            GroundTerm::NamedNode(
                NamedNode::new(iri).map_err(|e| bad(format!("{value:?} is not an IRI: {e}")))?,
            )
        }
        ParamType::Date => {
            if crate::map::date_literal(value).is_none_or(|l| l.datatype() != xsd::DATE) {
                return Err(bad(format!("{value:?} is not a date (YYYY-MM-DD)")));
            }
            GroundTerm::Literal(Literal::new_typed_literal(value, xsd::DATE))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_query_parses_with_defaults() {
        for q in named_queries() {
            assert!(!q.title.is_empty(), "{} has no title", q.name);
            assert!(!q.description.is_empty(), "{} has no description", q.name);
            q.bind(&[]).unwrap_or_else(|e| panic!("{}: {e}", q.name));
        }
    }

    #[test]
    fn hostile_values_stay_literals() {
        let q = NamedQuery::from_text(
            "t",
            "# title: t\n# description: d\n# param: org string \"x\" -- o\nSELECT ?s WHERE { ?s ?p ?org }",
        );
        let hostile = r#"x" } ; DROP ALL ; SELECT * { ?a ?b "#;
        let bound = q.bind(&[("org".into(), hostile.into())]).unwrap();
        let text = bound.to_string();
        assert!(!text.contains("?org"), "{text}");
        // The quote inside the value is escaped: the value stays one string literal.
        assert!(text.contains(r#""x\" } ; DROP ALL"#), "{text}");
        // Round trip: the serialized query parses back to the same algebra.
        assert_eq!(SparqlParser::new().parse_query(&text).unwrap(), bound);
    }

    #[test]
    fn typed_params_are_validated() {
        assert!(typed_term("min", "10000", ParamType::Decimal).is_ok());
        assert!(typed_term("min", "10 OR 1=1", ParamType::Decimal).is_err());
        assert!(typed_term("min", "NaN", ParamType::Decimal).is_err());
        assert!(typed_term("n", "12", ParamType::Integer).is_ok());
        assert!(typed_term("n", "1.5", ParamType::Integer).is_err());
        assert!(typed_term("i", "<http://a.example/b>", ParamType::Iri).is_ok());
        assert!(typed_term("i", "not an iri> . ?x ?y <z", ParamType::Iri).is_err());
        assert!(typed_term("d", "2020-02-30x", ParamType::Date).is_err());
    }

    #[test]
    fn unknown_and_missing_params_are_errors() {
        let q = NamedQuery::from_text(
            "t",
            "# param: org string -- required\nSELECT ?s WHERE { ?s ?p ?org }",
        );
        assert!(matches!(q.bind(&[]), Err(QueryError::Param { .. })));
        assert!(matches!(
            q.bind(&[("nope".into(), "1".into())]),
            Err(QueryError::Param { .. })
        ));
    }

    fn bound_text(query: &str, values: &[(&str, &str)]) -> Result<String, QueryError> {
        let values: Vec<(String, String)> = values
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect();
        NamedQuery::from_text("t", query)
            .bind(&values)
            .map(|q| q.to_string())
    }

    #[test]
    fn parameters_become_constants_in_filters_and_patterns() {
        let text = bound_text(
            "# param: min decimal 5 -- m\n# param: who iri -- w\n\
             SELECT ?v WHERE { ?who ?p ?v FILTER(?v > ?min) } ORDER BY ?v LIMIT 3",
            &[("who", "<http://a.example/x>")],
        )
        .unwrap();
        assert!(text.contains(r#"?v > "5"^^"#), "{text}");
        assert!(text.contains("<http://a.example/x> ?p ?v"), "{text}");
        assert!(!text.contains("?min") && !text.contains("?who"), "{text}");
    }

    #[test]
    fn parameters_reach_nested_groups() {
        let text = bound_text(
            "# param: x string -- x\nSELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r FILTER(?r = ?x) } \
             FILTER EXISTS { { ?s ?p ?x } UNION { ?x ?p ?s } } }",
            &[("x", "v")],
        )
        .unwrap();
        assert!(!text.contains("?x"), "{text}");
        assert_eq!(text.matches("\"v\"").count(), 3, "{text}");
    }

    #[test]
    fn projected_parameter_is_still_returned() {
        let text = bound_text(
            "# param: x string -- x\nSELECT ?s ?x WHERE { ?s ?p ?x }",
            &[("x", "v")],
        )
        .unwrap();
        let query = SparqlParser::new().parse_query(&text).unwrap();
        let store = oxigraph::store::Store::new().unwrap();
        let s = NamedNode::new("http://a.example/s").unwrap();
        store
            .insert(&oxigraph::model::Quad::new(
                s.clone(),
                s.clone(),
                Literal::new_simple_literal("v"),
                oxigraph::model::GraphName::DefaultGraph,
            ))
            .unwrap();
        let results = oxigraph::sparql::SparqlEvaluator::new()
            .for_query(query)
            .on_store(&store)
            .execute()
            .unwrap();
        let oxigraph::sparql::QueryResults::Solutions(rows) = results else {
            panic!("not a SELECT");
        };
        let rows: Vec<_> = rows.collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].get("x"),
            Some(&Literal::new_simple_literal("v").into())
        );
    }

    #[test]
    fn values_tables_and_assignments() {
        let text = bound_text(
            "# param: x string -- x\nSELECT ?s WHERE { VALUES (?s ?x) { (1 \"v\") (2 \"w\") (3 UNDEF) } }",
            &[("x", "v")],
        )
        .unwrap();
        let kept = |n: &str| text.contains(&format!("\"{n}\"^^"));
        assert!(kept("1") && kept("3") && !kept("2"), "{text}");
        let err = bound_text(
            "# param: x string -- x\nSELECT ?s WHERE { ?s ?p ?o BIND(?o AS ?x) }",
            &[("x", "v")],
        );
        assert!(matches!(err, Err(QueryError::Param { .. })), "{err:?}");
        // A literal where only an IRI can stand matches nothing rather than everything.
        let text = bound_text(
            "# param: p string -- p\nSELECT ?s WHERE { ?s ?p ?o }",
            &[("p", "v")],
        )
        .unwrap();
        assert!(!text.contains("?p"), "{text}");
    }
}
