//! Vocabularies compiled into the binary: the ontology and the SKOS concept schemes
//! (technologies, organisations, metric kinds, headings, lexicon), parsed once and
//! indexed for matching.
//!
//! Knowledge that is data stays data: every label, alias and family lives in
//! `ontology/*.ttl`; this module only reads them.

use crate::ns;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded Turtle sources, by file name.
pub const SOURCES: &[(&str, &str)] = &[
    (
        "careergraph.ttl",
        include_str!("../ontology/careergraph.ttl"),
    ),
    (
        "metric-kinds.ttl",
        include_str!("../ontology/metric-kinds.ttl"),
    ),
    (
        "technologies.ttl",
        include_str!("../ontology/technologies.ttl"),
    ),
    (
        "organizations.ttl",
        include_str!("../ontology/organizations.ttl"),
    ),
    ("headings.ttl", include_str!("../ontology/headings.ttl")),
    ("lexicon.ttl", include_str!("../ontology/lexicon.ttl")),
    (
        "resume-lexicon.ttl",
        include_str!("../ontology/resume-lexicon.ttl"),
    ),
    ("time.ttl", include_str!("../ontology/time.ttl")),
];

/// One SKOS concept with its labels.
#[derive(Debug, Clone, Default)]
pub struct Concept {
    /// Concept IRI.
    pub iri: String,
    /// `skos:prefLabel@en` (or the first label found).
    pub label_en: String,
    /// `skos:prefLabel@zh`, when present.
    pub label_zh: Option<String>,
    /// Every label usable for matching (pref + alt), as written.
    pub labels: Vec<String>,
    /// Aliases trusted only in technical context.
    pub context_labels: Vec<String>,
    /// Whether every label of this concept needs context.
    pub needs_context: bool,
    /// `skos:broader` targets (IRIs).
    pub broader: Vec<String>,
    /// `org:unitOf` parent (IRI).
    pub unit_of: Option<String>,
    /// `rdf:type` values (IRIs).
    pub types: Vec<String>,
    /// Other single-valued properties (`cg:unit`, `cg:unitText`…): predicate IRI → value.
    pub props: HashMap<String, String>,
}

impl Concept {
    /// The local name after the namespace (`tech:go` → `go`).
    pub fn local_name(&self) -> &str {
        self.iri
            .rsplit(['/', '#'])
            .next()
            .unwrap_or(self.iri.as_str())
    }
}

/// A match of a vocabulary label in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelMatch {
    /// Index of the concept in its [`ConceptIndex`].
    pub concept: usize,
    /// Byte offset of the match start.
    pub start: usize,
    /// Byte offset of the match end.
    pub end: usize,
    /// Whether the matched label needs technical context to be trusted.
    pub needs_context: bool,
}

/// A concept scheme indexed for lookup and for matching in running text.
#[derive(Debug)]
pub struct ConceptIndex {
    /// The concepts, in IRI order.
    pub concepts: Vec<Concept>,
    by_iri: HashMap<String, usize>,
    by_label: HashMap<String, usize>,
    matcher: Option<AhoCorasick>,
    /// Pattern id → (concept, needs context).
    patterns: Vec<(usize, bool)>,
}

impl ConceptIndex {
    fn new(mut concepts: Vec<Concept>) -> Self {
        concepts.sort_by(|a, b| a.iri.cmp(&b.iri));
        let by_iri = concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iri.clone(), i))
            .collect();
        let mut by_label = HashMap::new();
        let mut pattern_texts = Vec::new();
        let mut patterns = Vec::new();
        for (i, c) in concepts.iter().enumerate() {
            for l in &c.labels {
                by_label.entry(normalize_label(l)).or_insert(i);
                pattern_texts.push(l.clone());
                // needsContext covers the ambiguous short name and its case variants;
                // longer aliases ("Golang", "Apache Spark") are trusted.
                patterns.push((i, c.needs_context && l.eq_ignore_ascii_case(&c.label_en)));
            }
            for l in &c.context_labels {
                by_label.entry(normalize_label(l)).or_insert(i);
                pattern_texts.push(l.clone());
                patterns.push((i, true));
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pattern_texts)
            .ok();
        ConceptIndex {
            concepts,
            by_iri,
            by_label,
            matcher,
            patterns,
        }
    }

    /// Concept by IRI.
    pub fn get(&self, iri: &str) -> Option<&Concept> {
        self.by_iri.get(iri).map(|&i| &self.concepts[i])
    }

    /// Index of a concept by IRI.
    pub fn index_of(&self, iri: &str) -> Option<usize> {
        self.by_iri.get(iri).copied()
    }

    /// Concept whose label equals `text` (case-, width- and space-insensitive).
    pub fn lookup(&self, text: &str) -> Option<&Concept> {
        self.by_label
            .get(&normalize_label(text))
            .map(|&i| &self.concepts[i])
    }

    /// Every label occurrence in `text`, leftmost-longest, on word boundaries for
    /// Latin labels (CJK labels match anywhere).
    pub fn find_all(&self, text: &str) -> Vec<LabelMatch> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        m.find_iter(text)
            .filter(|hit| on_word_boundary(text, hit.start(), hit.end()))
            .map(|hit| {
                let (concept, needs_context) = self.patterns[hit.pattern().as_usize()];
                LabelMatch {
                    concept,
                    start: hit.start(),
                    end: hit.end(),
                    needs_context,
                }
            })
            .collect()
    }

    /// Follow `org:unitOf` to the top-level organisation.
    pub fn top_parent<'a>(&'a self, concept: &'a Concept) -> &'a Concept {
        let mut current = concept;
        for _ in 0..8 {
            match current.unit_of.as_deref().and_then(|p| self.get(p)) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    }
}

/// Normalise a label for exact lookup: NFKC-ish width folding, lowercase, single spaces.
pub fn normalize_label(s: &str) -> String {
    // One pass, one allocation: every heading test and vocabulary lookup comes here.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().map(crate::read::fold_width) {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A Latin match must not be glued to other Latin letters or digits ("Go" in "Google").
fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = match (before, first) {
        (Some(b), Some(f)) if is_word(f) => !is_word(b),
        _ => true,
    };
    let right_ok = match (after, last) {
        (Some(a), Some(l)) if is_word(l) => !is_word(a) && (a != '+' || l != 'C'),
        _ => true,
    };
    left_ok && right_ok
}

/// Word lists used by the prose extractor (`ontology/lexicon.ttl`): collection local name → terms.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Collection local name → its terms.
    pub collections: HashMap<String, Vec<String>>,
}

impl Lexicon {
    /// Terms of a collection (empty if absent).
    pub fn terms(&self, name: &str) -> Vec<String> {
        self.collections.get(name).cloned().unwrap_or_default()
    }
}

/// All vocabularies, parsed and indexed.
#[derive(Debug)]
pub struct Vocabulary {
    /// Technologies (`ontology/technologies.ttl`).
    pub technologies: ConceptIndex,
    /// Organisations (`ontology/organizations.ttl`).
    pub organizations: ConceptIndex,
    /// Metric kinds (`ontology/metric-kinds.ttl`).
    pub metric_kinds: ConceptIndex,
    /// Section headings (`ontology/headings.ttl`).
    pub headings: ConceptIndex,
    /// Word lists for prose extraction.
    pub lexicon: Lexicon,
    /// Every quad of every vocabulary file (default graph).
    pub quads: Vec<Quad>,
}

/// The process-wide vocabulary (parsed on first use).
pub fn vocabulary() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| Vocabulary::load().unwrap_or_else(|e| panic!("{e}")))
}

/// Parse one embedded Turtle source.
pub fn parse_source(name: &str, text: &str) -> Result<Vec<Quad>, String> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("embedded vocabulary {name} does not parse: {e}"))
}

impl Vocabulary {
    /// Parse every embedded source. Fails only if a shipped file is broken (a build defect).
    pub fn load() -> Result<Self, String> {
        let mut quads = Vec::new();
        for (name, text) in SOURCES {
            quads.extend(parse_source(name, text)?);
        }
        let concepts = collect_concepts(&quads);
        let in_scheme = |scheme: &str| -> Vec<Concept> {
            concepts
                .values()
                .filter(|c| {
                    c.props
                        .get(&format!("{}inScheme", ns::SKOS))
                        .is_some_and(|s| s == &ns::cg(scheme))
                })
                .cloned()
                .collect()
        };
        Ok(Vocabulary {
            technologies: ConceptIndex::new(in_scheme("TechnologyScheme")),
            organizations: ConceptIndex::new(in_scheme("OrganizationScheme")),
            metric_kinds: ConceptIndex::new(in_scheme("MetricKindScheme")),
            headings: ConceptIndex::new(in_scheme("HeadingScheme")),
            lexicon: collect_lexicon(&quads),
            quads,
        })
    }
}

fn term_text(t: &Term) -> Option<(String, Option<String>)> {
    match t {
        Term::Literal(l) => Some((l.value().to_owned(), l.language().map(str::to_owned))),
        Term::NamedNode(n) => Some((n.as_str().to_owned(), None)),
        _ => None,
    }
}

fn collect_concepts(quads: &[Quad]) -> HashMap<String, Concept> {
    let pref = format!("{}prefLabel", ns::SKOS);
    let alt = format!("{}altLabel", ns::SKOS);
    let broader = format!("{}broader", ns::SKOS);
    let unit_of = format!("{}unitOf", ns::ORG);
    let ctx_label = ns::cg("contextLabel");
    let needs_ctx = ns::cg("needsContext");
    let mut out: HashMap<String, Concept> = HashMap::new();
    for q in quads {
        let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let Some((value, lang)) = term_text(&q.object) else {
            continue;
        };
        let c = out.entry(s.as_str().to_owned()).or_insert_with(|| Concept {
            iri: s.as_str().to_owned(),
            ..Concept::default()
        });
        let p = q.predicate.as_str();
        if p == pref {
            match lang.as_deref() {
                Some(l) if l.starts_with("zh") => c.label_zh = Some(value.clone()),
                _ if c.label_en.is_empty() => c.label_en = value.clone(),
                _ => {}
            }
            c.labels.push(value);
        } else if p == alt {
            c.labels.push(value);
        } else if p == ctx_label {
            c.context_labels.push(value);
        } else if p == needs_ctx {
            c.needs_context = value == "true";
        } else if p == broader {
            c.broader.push(value);
        } else if p == unit_of {
            c.unit_of = Some(value);
        } else if p == ns::RDF_TYPE {
            c.types.push(value);
        } else {
            c.props.entry(p.to_owned()).or_insert(value);
        }
    }
    for c in out.values_mut() {
        if c.label_en.is_empty() {
            if let Some(zh) = &c.label_zh {
                c.label_en = zh.clone();
            }
        }
    }
    out
}

fn collect_lexicon(quads: &[Quad]) -> Lexicon {
    let term = ns::cg("term");
    let mut lex = Lexicon::default();
    for q in quads.iter().filter(|q| q.predicate.as_str() == term) {
        let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        if let Term::Literal(l) = &q.object {
            let name = s.as_str().trim_start_matches(ns::LEXICON).to_owned();
            lex.collections
                .entry(name)
                .or_default()
                .push(l.value().to_owned());
        }
    }
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_protect_latin_labels() {
        assert!(on_word_boundary("use Go now", 4, 6));
        assert!(!on_word_boundary("Google", 0, 2));
        assert!(on_word_boundary("熟悉Go语言", 6, 8));
        assert!(!on_word_boundary("C++", 0, 1));
    }

    #[test]
    fn normalize_label_folds_case_width_and_space() {
        assert_eq!(normalize_label("  Spring   Boot "), "spring boot");
        assert_eq!(normalize_label("ＭｙＳＱＬ"), "mysql");
        assert_eq!(normalize_label("\u{3000}工作　经历 "), "工作 经历");
        assert_eq!(normalize_label("ÉCOLE  Normale"), "école normale");
    }
}
