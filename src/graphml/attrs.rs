//! Labels and typed attributes of nodes and edges, from a node's literals.

use super::gather::{local, predicates};
use super::Lang;
use crate::vocab::vocabulary;
use oxigraph::model::Literal;
use std::collections::BTreeMap;

/// A typed attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `attr.type="string"`.
    Str(String),
    /// `attr.type="double"`.
    Num(f64),
    /// `attr.type="boolean"`.
    Bool(bool),
}

impl Value {
    /// The value as GraphML data text.
    pub fn text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Num(n) => format!("{n}"),
            Value::Bool(b) => b.to_string(),
        }
    }
}

/// Every attribute a node or a collapsed edge can carry, with its GraphML type, by name.
pub const ATTRIBUTES: &[(&str, &str)] = &[
    ("current", "boolean"),
    ("degree", "string"),
    ("end", "string"),
    ("field", "string"),
    ("pinyin", "string"),
    ("start", "string"),
    ("text", "string"),
    ("title", "string"),
    ("unit", "string"),
    ("value", "double"),
];

/// Attributes by name.
pub type Attrs = BTreeMap<&'static str, Value>;

/// Typed data attributes of a node's literals (a later literal replaces an earlier one).
pub fn data_attrs(literals: &[(u8, Literal)], attrs: &mut Attrs) {
    let p = predicates();
    for (i, l) in literals {
        let key = match local(&p.literal[usize::from(*i)]) {
            "value" => {
                if let Ok(n) = l.value().parse::<f64>() {
                    attrs.insert("value", Value::Num(n));
                }
                continue;
            }
            "current" => {
                attrs.insert("current", Value::Bool(l.value() == "true"));
                continue;
            }
            "startDate" => "start",
            "endDate" => "end",
            "unitText" => "unit",
            "rawText" => "text",
            "title" => "title",
            "degree" => "degree",
            "field" => "field",
            "pinyin" => "pinyin",
            _ => continue,
        };
        attrs.insert(key, Value::Str(l.value().to_owned()));
    }
}

/// The display label among a node's literals, gathered over any number of graphs: the
/// first label in the wanted language, else the first without a language, else the first.
#[derive(Debug, Default)]
pub struct LabelPick {
    wanted: Option<String>,
    plain: Option<String>,
    first: Option<String>,
}

impl LabelPick {
    /// Take the labels (`schema:name`, `rdfs:label`, `skos:prefLabel`) among `literals`.
    pub fn add(&mut self, literals: &[(u8, Literal)], lang: Lang) {
        let p = predicates();
        let want = match lang {
            Lang::En => "en",
            Lang::Zh => "zh",
        };
        for (i, l) in literals {
            let pred = &p.literal[usize::from(*i)];
            if !(pred.ends_with("name") || pred.ends_with("#label") || pred.ends_with("prefLabel"))
            {
                continue;
            }
            let slot = match l.language() {
                Some(x) if x == want => Some(&mut self.wanted),
                None => Some(&mut self.plain),
                Some(_) => None,
            };
            if let Some(slot) = slot.filter(|s| s.is_none()) {
                *slot = Some(l.value().to_owned());
            }
            if self.first.is_none() {
                self.first = Some(l.value().to_owned());
            }
        }
    }

    /// The label picked, if any label was seen.
    pub fn pick(self) -> Option<String> {
        self.wanted.or(self.plain).or(self.first)
    }
}

/// The vocabulary's label of an organisation or technology concept.
pub fn vocab_label(iri: &str, lang: Lang) -> Option<String> {
    let v = vocabulary();
    let c = v
        .organizations
        .get(iri)
        .or_else(|| v.technologies.get(iri))?;
    Some(match lang {
        Lang::Zh => c.label_zh.clone().unwrap_or_else(|| c.label_en.clone()),
        Lang::En => c.label_en.clone(),
    })
}

/// A node's label: picked from its labels, else the vocabulary's, else the IRI's last segment.
pub fn label_or_fallback(pick: LabelPick, iri: &str, lang: Lang) -> String {
    pick.pick()
        .or_else(|| vocab_label(iri, lang))
        .unwrap_or_else(|| local(iri).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(pred: &str, value: &str, lang: Option<&str>) -> (u8, Literal) {
        let i = predicates()
            .literal
            .iter()
            .position(|p| p.ends_with(pred))
            .expect("a literal predicate") as u8;
        let l = match lang {
            Some(lang) => Literal::new_language_tagged_literal_unchecked(value, lang),
            None => Literal::new_simple_literal(value),
        };
        (i, l)
    }

    #[test]
    fn label_prefers_the_language_then_plain_then_first_across_graphs() {
        let mut p = LabelPick::default();
        p.add(&[lit("#label", "宋晓岚", Some("zh"))], Lang::En);
        p.add(&[lit("name", "Song", None)], Lang::En);
        assert_eq!(p.pick().as_deref(), Some("Song"));
        let mut p = LabelPick::default();
        p.add(&[lit("#label", "宋晓岚", Some("zh"))], Lang::En);
        p.add(&[lit("#label", "Xiaolan Song", Some("en"))], Lang::En);
        assert_eq!(p.pick().as_deref(), Some("Xiaolan Song"));
        let mut p = LabelPick::default();
        p.add(&[lit("#label", "宋晓岚", Some("zh"))], Lang::En);
        p.add(&[lit("title", "Engineer", None)], Lang::En);
        assert_eq!(p.pick().as_deref(), Some("宋晓岚"));
    }

    #[test]
    fn attributes_are_typed_and_the_last_wins() {
        let mut a = Attrs::new();
        data_attrs(
            &[
                lit("value", "12.5", None),
                lit("current", "true", None),
                lit("title", "Lead", None),
                lit("title", "Staff", None),
                lit("value", "not a number", None),
            ],
            &mut a,
        );
        assert_eq!(a.get("value"), Some(&Value::Num(12.5)));
        assert_eq!(a.get("current"), Some(&Value::Bool(true)));
        assert_eq!(a.get("title"), Some(&Value::Str("Staff".into())));
    }
}
