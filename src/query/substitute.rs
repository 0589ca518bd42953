//! Parameter binding by substitution in the query algebra.
//!
//! A parameter behaves as a constant: every occurrence of its variable in the parsed query
//! (triple and path patterns, FILTER/BIND expressions, EXISTS, OPTIONAL, UNION, MINUS,
//! GRAPH, aggregates, ORDER BY, CONSTRUCT templates, sub-queries that project it) is
//! replaced by the typed term, and the value is BOUND once under the top-level projection
//! so a query that selects the parameter still returns it. The query text is never edited.
//!
//! Substituting (rather than joining a `VALUES` table) lets the evaluator see constants:
//! `FILTER(?qps > 10000)` is pushed down to the scan and a pattern `?x cg:uses tech:go` is
//! an index lookup, which is what makes parameterised queries as fast as hand-written ones.

use oxigraph::model::{Literal, Term, Variable};
use spargebra::algebra::{AggregateExpression, Expression, GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, NamedNodePattern, TermPattern, TriplePattern};
use spargebra::Query;

/// Why a variable cannot be substituted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubstituteError {
    /// The query assigns the variable itself (`BIND(… AS ?v)` or an aggregate `AS ?v`).
    #[error("the query assigns ?{0} itself (BIND or aggregate), so it cannot be a parameter")]
    Assigned(String),
}

/// Replace `var` by `term` everywhere in `query` (see the module documentation).
pub fn substitute(
    query: &mut Query,
    var: &Variable,
    term: &GroundTerm,
) -> Result<(), SubstituteError> {
    let sub = Substitution { var, term };
    match query {
        Query::Select { pattern, .. } | Query::Describe { pattern, .. } => {
            sub.top_level(pattern)?;
        }
        Query::Ask { pattern, .. } => sub.pattern(pattern)?,
        Query::Construct {
            template, pattern, ..
        } => {
            for triple in template.iter_mut() {
                sub.triple(triple);
            }
            sub.pattern(pattern)?;
        }
    }
    Ok(())
}

struct Substitution<'a> {
    var: &'a Variable,
    term: &'a GroundTerm,
}

impl Substitution<'_> {
    /// The outermost `Project` keeps the variable and gets a BIND of the value below it.
    fn top_level(&self, pattern: &mut GraphPattern) -> Result<(), SubstituteError> {
        match pattern {
            GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => self.top_level(inner),
            GraphPattern::Project { inner, variables } => {
                self.pattern(inner)?;
                if variables.contains(self.var) {
                    let current = std::mem::replace(
                        inner.as_mut(),
                        GraphPattern::Bgp {
                            patterns: Vec::new(),
                        },
                    );
                    **inner = GraphPattern::Extend {
                        inner: Box::new(current),
                        variable: self.var.clone(),
                        expression: self.expression_value(),
                    };
                }
                Ok(())
            }
            other => self.pattern(other),
        }
    }

    fn pattern(&self, pattern: &mut GraphPattern) -> Result<(), SubstituteError> {
        match pattern {
            GraphPattern::Bgp { patterns } => {
                for triple in patterns.iter_mut() {
                    self.triple(triple);
                }
                if patterns
                    .iter()
                    .any(|t| self.literal_in_iri_slot(&t.predicate))
                {
                    *pattern = no_solutions();
                }
            }
            GraphPattern::Path {
                subject, object, ..
            } => {
                // The path itself holds IRIs only.
                self.term_pattern(subject);
                self.term_pattern(object);
            }
            GraphPattern::Join { left, right }
            | GraphPattern::Union { left, right }
            | GraphPattern::Minus { left, right }
            | GraphPattern::Lateral { left, right } => {
                self.pattern(left)?;
                self.pattern(right)?;
            }
            GraphPattern::LeftJoin {
                left,
                right,
                expression,
            } => {
                self.pattern(left)?;
                self.pattern(right)?;
                if let Some(e) = expression {
                    self.expression(e)?;
                }
            }
            GraphPattern::Filter { expr, inner } => {
                self.expression(expr)?;
                self.pattern(inner)?;
            }
            GraphPattern::Graph { name, inner } | GraphPattern::Service { name, inner, .. } => {
                self.pattern(inner)?;
                if self.literal_in_iri_slot(name) {
                    *pattern = no_solutions();
                } else {
                    self.named_node_pattern(name);
                }
            }
            GraphPattern::Extend {
                inner,
                variable,
                expression,
            } => {
                if variable == self.var {
                    return Err(SubstituteError::Assigned(self.var.as_str().to_owned()));
                }
                self.expression(expression)?;
                self.pattern(inner)?;
            }
            GraphPattern::Values {
                variables,
                bindings,
            } => {
                if let Some(column) = variables.iter().position(|v| v == self.var) {
                    variables.remove(column);
                    bindings.retain_mut(|row| {
                        let cell = row.remove(column);
                        cell.is_none_or(|value| &value == self.term)
                    });
                }
            }
            GraphPattern::OrderBy { inner, expression } => {
                for order in expression.iter_mut() {
                    match order {
                        OrderExpression::Asc(e) | OrderExpression::Desc(e) => self.expression(e)?,
                    }
                }
                self.pattern(inner)?;
            }
            GraphPattern::Project { inner, variables } => {
                // A sub-query: its variables are its own unless it projects ours.
                if let Some(i) = variables.iter().position(|v| v == self.var) {
                    variables.remove(i);
                    self.pattern(inner)?;
                }
            }
            GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => self.pattern(inner)?,
            GraphPattern::Group {
                inner,
                variables,
                aggregates,
            } => {
                variables.retain(|v| v != self.var);
                for (target, aggregate) in aggregates.iter_mut() {
                    if target == self.var {
                        return Err(SubstituteError::Assigned(self.var.as_str().to_owned()));
                    }
                    if let AggregateExpression::FunctionCall { expr, .. } = aggregate {
                        self.expression(expr)?;
                    }
                }
                self.pattern(inner)?;
            }
        }
        Ok(())
    }

    fn triple(&self, triple: &mut TriplePattern) {
        self.term_pattern(&mut triple.subject);
        self.named_node_pattern(&mut triple.predicate);
        self.term_pattern(&mut triple.object);
    }

    fn term_pattern(&self, term: &mut TermPattern) {
        if matches!(term, TermPattern::Variable(v) if v == self.var) {
            *term = match self.term {
                GroundTerm::NamedNode(n) => TermPattern::NamedNode(n.clone()),
                GroundTerm::Literal(l) => TermPattern::Literal(l.clone()),
                #[allow(unreachable_patterns)]
                _ => return,
            };
        }
    }

    fn named_node_pattern(&self, name: &mut NamedNodePattern) {
        if let (NamedNodePattern::Variable(v), GroundTerm::NamedNode(n)) = (&*name, self.term) {
            if v == self.var {
                *name = NamedNodePattern::NamedNode(n.clone());
            }
        }
    }

    /// Whether a literal value would stand where only an IRI may (predicate, graph or
    /// service name): such a pattern matches nothing.
    fn literal_in_iri_slot(&self, name: &NamedNodePattern) -> bool {
        matches!(name, NamedNodePattern::Variable(v) if v == self.var)
            && !matches!(self.term, GroundTerm::NamedNode(_))
    }

    fn expression_value(&self) -> Expression {
        match self.term {
            GroundTerm::NamedNode(n) => Expression::NamedNode(n.clone()),
            GroundTerm::Literal(l) => Expression::Literal(l.clone()),
            #[allow(unreachable_patterns)]
            other => Expression::Literal(Literal::new_simple_literal(
                Term::from(other.clone()).to_string(),
            )),
        }
    }

    fn expression(&self, expression: &mut Expression) -> Result<(), SubstituteError> {
        match expression {
            Expression::Variable(v) if v == self.var => *expression = self.expression_value(),
            Expression::Bound(v) if v == self.var => {
                *expression = Expression::Literal(Literal::from(true));
            }
            Expression::NamedNode(_)
            | Expression::Literal(_)
            | Expression::Variable(_)
            | Expression::Bound(_) => {}
            Expression::Or(a, b)
            | Expression::And(a, b)
            | Expression::Equal(a, b)
            | Expression::SameTerm(a, b)
            | Expression::Greater(a, b)
            | Expression::GreaterOrEqual(a, b)
            | Expression::Less(a, b)
            | Expression::LessOrEqual(a, b)
            | Expression::Add(a, b)
            | Expression::Subtract(a, b)
            | Expression::Multiply(a, b)
            | Expression::Divide(a, b) => {
                self.expression(a)?;
                self.expression(b)?;
            }
            Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => {
                self.expression(a)?;
            }
            Expression::In(a, list) => {
                self.expression(a)?;
                for e in list.iter_mut() {
                    self.expression(e)?;
                }
            }
            Expression::If(a, b, c) => {
                self.expression(a)?;
                self.expression(b)?;
                self.expression(c)?;
            }
            Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
                for e in list.iter_mut() {
                    self.expression(e)?;
                }
            }
            Expression::Exists(inner) => self.pattern(inner)?,
        }
        Ok(())
    }
}

/// A pattern with no solutions (an empty `VALUES` table).
fn no_solutions() -> GraphPattern {
    GraphPattern::Values {
        variables: Vec::new(),
        bindings: Vec::new(),
    }
}
