//! What one document contributes to the query index, computed from its quads (document
//! graph and derived graph together) with the same joins the named queries make.

use crate::ns;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::collections::HashMap;
use std::str::FromStr;

/// How a person knows a technology (the `?how` of `knows.rq`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// Listed as a skill (`cg:hasSkill`).
    Skill = 0,
    /// Used in a position (`cg:usedTechnology` of the position).
    Position = 1,
    /// Used in a project: of a position (`cg:workedOn`) or of the person
    /// (`prov:wasAssociatedWith`).
    Project = 2,
}

impl How {
    /// The word `knows.rq` binds to `?how`.
    pub fn word(self) -> &'static str {
        match self {
            How::Skill => "skill",
            How::Position => "position",
            How::Project => "project",
        }
    }

    /// From its stored number.
    pub fn from_u32(n: u32) -> Option<How> {
        match n {
            0 => Some(How::Skill),
            1 => Some(How::Position),
            2 => Some(How::Project),
            _ => None,
        }
    }
}

/// One metric reachable from a held position (`go-qps-10k.rq`, `scale.rq`): the
/// position's metrics (`?sys` = "") and its systems' metrics (`?sys` = a name of the
/// system). Terms are kept in N-Triples syntax, values in Oxigraph's canonical form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    /// `?person` (IRI).
    pub person: String,
    /// `cg:metricKind` of the metric (IRI).
    pub kind: String,
    /// `schema:value` of the metric (term).
    pub value: String,
    /// `?sys` (term).
    pub sys: String,
    /// Technologies of the position, directly or through `cg:workedOn` (IRIs).
    pub techs: Vec<String>,
    /// `cg:organizationText` of the position (terms; none = unbound).
    pub orgs: Vec<String>,
    /// `cg:rawText` of the metric (terms; none = unbound).
    pub raws: Vec<String>,
}

/// The listing tables (`people`, `experience`, `metrics`, `recent`, `tech-years`): per document, the
/// solutions of the query's document-local patterns, one [`Fact`] each, with the columns
/// below (terms in N-Triples syntax, IRIs bare, `None` = unbound). Facts are never
/// merged: two solutions with the same columns are two facts, so the queries without
/// GROUP BY or DISTINCT repeat a row as often as SPARQL does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// `?person a cg:Person`: `[person]`.
    Person = 0,
    /// A person's positions starting at the document's latest `STR(cg:startDate)`:
    /// `[person, start, title, organizationText]` (title and organisation optional).
    Latest = 1,
    /// `cg:TotalExperience` facts: `[person, months, internshipMonths]`.
    Total = 2,
    /// `cg:SeniorityAssessment`s: `[person, level]`.
    Seniority = 3,
    /// `cg:ManagementExperience` facts: `[person, months]`.
    Management = 4,
    /// Metrics with their owner, as the three branches of `metrics.rq` bind them:
    /// `[owner, kind, value, rawText, qualifier, organization, system]`.
    Metric = 5,
    /// A technology's last use beside the as-of date of the same derived graph:
    /// `[technology, person, lastUsed, asOf, asOfSource]`.
    Recent = 6,
    /// A technology-experience fact of a derived graph with a position or project of its
    /// document graph that used the technology (`tech-years.rq`):
    /// `[technology, person, months, lastUsed, statedMonths, statedQualifier, where]`;
    /// the qualifier only beside stated months, `where` unbound where the query's
    /// `CONCAT` fails.
    TechYears = 7,
    /// `?f cg:technology ?t ; cg:about ?person ; cg:months ?m` over every graph
    /// (`role-fit.rq`): `[technology, person, months]`.
    TechFact = 8,
    /// The sources `role-fit.rq` shows for a person's technology (a position, a system or
    /// project it worked on, a project of the person) with what it is called and its
    /// evidence spans: `[technology, person, where, span]` (`where` and `span` unbound
    /// where their `CONCAT` fails or, for the span, without evidence).
    RoleSource = 9,
}

/// Number of tables.
pub const TABLES: usize = 10;

/// Columns of a fact.
pub const COLS: usize = 7;

impl Table {
    /// Every table, in file order.
    pub const ALL: [Table; TABLES] = [
        Table::Person,
        Table::Latest,
        Table::Total,
        Table::Seniority,
        Table::Management,
        Table::Metric,
        Table::Recent,
        Table::TechYears,
        Table::TechFact,
        Table::RoleSource,
    ];
}

/// One solution of a table's patterns (see [`Table`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fact {
    /// Which table.
    pub table: Table,
    /// Its columns, `None` = unbound or unused.
    pub cols: [Option<String>; COLS],
}

impl Fact {
    fn new(table: Table, cols: &[Option<String>]) -> Fact {
        let mut all: [Option<String>; COLS] = Default::default();
        for (slot, c) in all.iter_mut().zip(cols) {
            slot.clone_from(c);
        }
        Fact { table, cols: all }
    }
}

/// A document's part of the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// (subject IRI, `schema:name` term) for every `schema:name` triple of the document,
    /// as often as its graphs hold it (the union default graph repeats it).
    pub names: Vec<(String, String)>,
    /// (technology IRI, person IRI, how).
    pub knows: Vec<(String, String, How)>,
    /// Metric rows.
    pub rows: Vec<Row>,
    /// Listing tables.
    pub facts: Vec<Fact>,
}

/// Predicates the entry is computed from: quads with any other predicate do not matter.
pub fn predicates() -> Vec<String> {
    [
        "hasPosition",
        "usedTechnology",
        "workedOn",
        "hasMetric",
        "metricKind",
        "organizationText",
        "rawText",
        "hasSkill",
        "startDate",
        "title",
        "about",
        "months",
        "internshipMonths",
        "seniorityLevel",
        "qualifier",
        "technology",
        "lastUsed",
        "asOf",
        "asOfSource",
        "derivedFromGraph",
        "statedMonths",
        "statedQualifier",
        "evidence",
    ]
    .iter()
    .map(|l| ns::cg(l))
    .chain([
        format!("{}name", ns::SCHEMA),
        format!("{}value", ns::SCHEMA),
        format!("{}wasAssociatedWith", ns::PROV),
        ns::RDF_TYPE.to_owned(),
        format!("{}start", ns::OA),
        format!("{}end", ns::OA),
        format!("{}exact", ns::OA),
    ])
    .collect()
}

/// Classes the listing tables test with `rdf:type` (other types are not kept).
pub fn classes() -> Vec<String> {
    [
        "Person",
        "TotalExperience",
        "SeniorityAssessment",
        "ManagementExperience",
        "AsOfDate",
        "Position",
        "Project",
    ]
    .iter()
    .map(|l| ns::cg(l))
    .collect()
}

/// Subject → objects for one predicate.
type Edges = HashMap<String, Vec<Term>>;

/// Compute a document's entry from the quads of its graphs (other predicates are ignored).
pub fn entry_from_quads<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> Entry {
    let wanted = predicates();
    let classes = classes();
    // A graph is a set: the same quad given twice (a mapping may emit it twice) is stored once.
    let mut seen: std::collections::HashSet<&Quad> = std::collections::HashSet::new();
    let mut kept: Vec<&Quad> = Vec::new();
    for q in quads {
        if !wanted.iter().any(|p| p.as_str() == q.predicate.as_str()) {
            continue;
        }
        if q.predicate.as_str() == ns::RDF_TYPE
            && !matches!(&q.object, Term::NamedNode(c) if classes.iter().any(|k| k == c.as_str()))
        {
            continue;
        }
        if seen.insert(q) {
            kept.push(q);
        }
    }
    let mut entry = Entry {
        facts: recent_facts(&kept),
        ..Entry::default()
    };
    let all = edges_by_predicate(kept.iter().copied());
    entry.facts.extend(tech_years_facts(&kept, &all));
    entry.facts.extend(role_fit_facts(&all));
    let mut by_pred = edges_by_predicate(kept.iter().copied());
    let mut edges = |iri: String| -> Edges { by_pred.remove(iri.as_str()).unwrap_or_default() };
    let objs =
        |e: &Edges, s: &Term| -> Vec<Term> { e.get(&s.to_string()).cloned().unwrap_or_default() };
    let schema = |l: &str| format!("{}{l}", ns::SCHEMA);
    let has_position = &edges(ns::cg("hasPosition"));
    let used = &edges(ns::cg("usedTechnology"));
    let worked_on = &edges(ns::cg("workedOn"));
    let has_metric = &edges(ns::cg("hasMetric"));
    let metric_kind = &edges(ns::cg("metricKind"));
    let value = &edges(schema("value"));
    let name = &edges(schema("name"));
    let org_text = &edges(ns::cg("organizationText"));
    let raw_text = &edges(ns::cg("rawText"));
    let has_skill = &edges(ns::cg("hasSkill"));
    let associated = &edges(format!("{}wasAssociatedWith", ns::PROV));

    for (subject, names) in name {
        for n in names {
            entry.names.push((bare(subject), n.to_string()));
        }
    }
    listing_facts(&mut entry.facts, &mut edges, has_position, org_text);
    metric_facts(
        &mut entry.facts,
        (has_position, worked_on, has_metric, org_text),
        (metric_kind, value, raw_text, name),
        &edges(ns::cg("qualifier")),
    );
    for (person, skills) in has_skill {
        for t in skills {
            entry
                .knows
                .push((bare(&t.to_string()), bare(person), How::Skill));
        }
    }
    for (person, scopes) in associated {
        for scope in scopes {
            for t in objs(used, scope) {
                entry
                    .knows
                    .push((bare(&t.to_string()), bare(person), How::Project));
            }
        }
    }
    for (person, positions) in has_position {
        for position in positions {
            let scopes = objs(worked_on, position);
            let mut techs: Vec<String> = Vec::new();
            for t in objs(used, position) {
                techs.push(bare(&t.to_string()));
                entry
                    .knows
                    .push((bare(&t.to_string()), bare(person), How::Position));
            }
            for scope in &scopes {
                for t in objs(used, scope) {
                    techs.push(bare(&t.to_string()));
                    entry
                        .knows
                        .push((bare(&t.to_string()), bare(person), How::Project));
                }
            }
            techs.sort();
            techs.dedup();
            if techs.is_empty() {
                continue; // the technology test (EXISTS) cannot hold
            }
            let mut bindings: Vec<(Term, String)> = objs(has_metric, position)
                .into_iter()
                .map(|m| (m, Term::from(Literal::new_simple_literal("")).to_string()))
                .collect();
            for scope in &scopes {
                for m in objs(has_metric, scope) {
                    for sys in objs(name, scope) {
                        bindings.push((m.clone(), sys.to_string()));
                    }
                }
            }
            let mut orgs: Vec<String> = objs(org_text, position)
                .iter()
                .map(Term::to_string)
                .collect();
            orgs.sort();
            for (metric, sys) in bindings {
                let mut raws: Vec<String> = objs(raw_text, &metric)
                    .iter()
                    .map(Term::to_string)
                    .collect();
                raws.sort();
                for kind in objs(metric_kind, &metric) {
                    for v in objs(value, &metric) {
                        entry.rows.push(Row {
                            person: bare(person),
                            kind: bare(&kind.to_string()),
                            value: canonical(&v).to_string(),
                            sys: sys.clone(),
                            techs: techs.clone(),
                            orgs: orgs.clone(),
                            raws: raws.clone(),
                        });
                    }
                }
            }
        }
    }
    entry.names.sort();
    entry.knows.sort();
    entry.knows.dedup();
    entry.rows.sort();
    entry.rows.dedup();
    entry.facts.sort();
    entry
}

/// Subject → objects per predicate (an object as often as the graphs hold the triple).
fn edges_by_predicate<'a>(quads: impl Iterator<Item = &'a Quad>) -> HashMap<String, Edges> {
    let mut by_pred: HashMap<String, Edges> = HashMap::new();
    for q in quads {
        by_pred
            .entry(q.predicate.as_str().to_owned())
            .or_default()
            .entry(q.subject.to_string())
            .or_default()
            .push(q.object.clone());
    }
    by_pred
}

fn objects(e: &Edges, s: &str) -> Vec<Term> {
    e.get(s).cloned().unwrap_or_default()
}

/// Subjects with `rdf:type` `class`.
fn typed(types: &Edges, class: &str) -> Vec<String> {
    let mut out: Vec<String> = types
        .iter()
        .filter(|(_, cs)| {
            cs.iter()
                .any(|c| matches!(c, Term::NamedNode(n) if n.as_str() == class))
        })
        .map(|(s, _)| s.clone())
        .collect();
    out.sort();
    out
}

/// The lexical form `STR()` gives.
pub fn str_of(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => b.as_str().to_owned(),
    }
}

/// A stored term: canonical literal, bare IRI.
fn stored(term: &Term) -> String {
    bare(&canonical(term).to_string())
}

/// The objects of `subject` as stored terms; `[None]` when there is none (OPTIONAL).
fn optional(e: &Edges, subject: &str) -> Vec<Option<String>> {
    match e.get(subject) {
        Some(objs) if !objs.is_empty() => objs.iter().map(|o| Some(stored(o))).collect(),
        _ => vec![None],
    }
}

/// `Person`, `Latest`, `Total`, `Seniority`, `Management` facts.
fn listing_facts(
    facts: &mut Vec<Fact>,
    edges: &mut impl FnMut(String) -> Edges,
    has_position: &Edges,
    org_text: &Edges,
) {
    let types = edges(ns::RDF_TYPE.to_owned());
    let start = edges(ns::cg("startDate"));
    let title = edges(ns::cg("title"));
    let about = edges(ns::cg("about"));
    let months = edges(ns::cg("months"));
    let intern = edges(ns::cg("internshipMonths"));
    let level = edges(ns::cg("seniorityLevel"));
    for p in typed(&types, &ns::cg("Person")) {
        facts.push(Fact::new(Table::Person, &[Some(bare(&p))]));
    }
    for (person, positions) in has_position {
        let starts: Vec<(&Term, Term)> = positions
            .iter()
            .flat_map(|pos| {
                objects(&start, &pos.to_string())
                    .into_iter()
                    .map(move |s| (pos, s))
            })
            .collect();
        let Some(latest) = starts.iter().map(|(_, s)| str_of(s)).max() else {
            continue;
        };
        for (pos, s) in &starts {
            if str_of(s) != latest {
                continue;
            }
            let pos = pos.to_string();
            for t in optional(&title, &pos) {
                for o in optional(org_text, &pos) {
                    facts.push(Fact::new(
                        Table::Latest,
                        &[Some(bare(person)), Some(stored(s)), t.clone(), o],
                    ));
                }
            }
        }
    }
    let about_of = |node: &str| objects(&about, node);
    for fact in typed(&types, &ns::cg("TotalExperience")) {
        for p in about_of(&fact) {
            for m in objects(&months, &fact) {
                for i in objects(&intern, &fact) {
                    facts.push(Fact::new(
                        Table::Total,
                        &[Some(stored(&p)), Some(stored(&m)), Some(stored(&i))],
                    ));
                }
            }
        }
    }
    for a in typed(&types, &ns::cg("SeniorityAssessment")) {
        for p in about_of(&a) {
            for l in objects(&level, &a) {
                facts.push(Fact::new(
                    Table::Seniority,
                    &[Some(stored(&p)), Some(stored(&l))],
                ));
            }
        }
    }
    for fact in typed(&types, &ns::cg("ManagementExperience")) {
        for p in about_of(&fact) {
            for m in objects(&months, &fact) {
                facts.push(Fact::new(
                    Table::Management,
                    &[Some(stored(&p)), Some(stored(&m))],
                ));
            }
        }
    }
}

/// `Metric` facts: the three UNION branches of `metrics.rq` (owner's own metrics with
/// organisation and system "", a position's with its organisation, a system's or
/// project's with the organisation of the position that worked on it and its name).
fn metric_facts(
    facts: &mut Vec<Fact>,
    (has_position, worked_on, has_metric, org_text): (&Edges, &Edges, &Edges, &Edges),
    (metric_kind, value, raw_text, name): (&Edges, &Edges, &Edges, &Edges),
    qualifier: &Edges,
) {
    let empty = Some(Term::from(Literal::new_simple_literal("")).to_string());
    let inverse = |e: &Edges| -> HashMap<String, Vec<String>> {
        let mut inv: HashMap<String, Vec<String>> = HashMap::new();
        for (s, objs) in e {
            for o in objs {
                inv.entry(o.to_string()).or_default().push(s.clone());
            }
        }
        inv
    };
    let holders = inverse(has_position);
    let workers = inverse(worked_on);
    let none: Vec<String> = Vec::new();
    for (owner, metrics) in has_metric {
        // (person, organization, system) bindings of this owner's metrics.
        let mut bound: Vec<(String, Option<String>, Option<String>)> =
            vec![(owner.clone(), empty.clone(), empty.clone())];
        for o in objects(org_text, owner) {
            for person in holders.get(owner).unwrap_or(&none) {
                bound.push((person.clone(), Some(stored(&o)), empty.clone()));
            }
        }
        for sys in objects(name, owner) {
            for position in workers.get(owner).unwrap_or(&none) {
                for o in objects(org_text, position) {
                    for person in holders.get(position).unwrap_or(&none) {
                        bound.push((person.clone(), Some(stored(&o)), Some(stored(&sys))));
                    }
                }
            }
        }
        for m in metrics {
            let m = m.to_string();
            for k in objects(metric_kind, &m) {
                for v in objects(value, &m) {
                    for t in objects(raw_text, &m) {
                        for q in objects(qualifier, &m) {
                            for (person, org, sys) in &bound {
                                facts.push(Fact::new(
                                    Table::Metric,
                                    &[
                                        Some(bare(person)),
                                        Some(stored(&k)),
                                        Some(stored(&v)),
                                        Some(stored(&t)),
                                        Some(stored(&q)),
                                        org.clone(),
                                        sys.clone(),
                                    ],
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `Recent` facts: inside one graph (`GRAPH ?derived` of `recent.rq`), every technology
/// fact with its last use beside every as-of fact of that graph.
fn recent_facts(quads: &[&Quad]) -> Vec<Fact> {
    let mut graphs: Vec<&oxigraph::model::GraphName> =
        quads.iter().map(|q| &q.graph_name).collect();
    graphs.sort_by_key(|g| g.to_string());
    graphs.dedup();
    let mut facts = Vec::new();
    for g in graphs {
        let mut e = edges_by_predicate(quads.iter().copied().filter(|q| &q.graph_name == g));
        let mut take = |p: String| e.remove(&p).unwrap_or_default();
        let tech = take(ns::cg("technology"));
        let last = take(ns::cg("lastUsed"));
        let about = take(ns::cg("about"));
        let types = take(ns::RDF_TYPE.to_owned());
        let as_of = take(ns::cg("asOf"));
        let source = take(ns::cg("asOfSource"));
        let mut dates: Vec<(String, String)> = Vec::new();
        for a in typed(&types, &ns::cg("AsOfDate")) {
            for d in objects(&as_of, &a) {
                for s in objects(&source, &a) {
                    dates.push((stored(&d), stored(&s)));
                }
            }
        }
        if dates.is_empty() {
            continue;
        }
        for (fact, techs) in &tech {
            for t in techs {
                for l in objects(&last, fact) {
                    for p in objects(&about, fact) {
                        for (d, s) in &dates {
                            facts.push(Fact::new(
                                Table::Recent,
                                &[
                                    Some(stored(t)),
                                    Some(stored(&p)),
                                    Some(stored(&l)),
                                    Some(d.clone()),
                                    Some(s.clone()),
                                ],
                            ));
                        }
                    }
                }
            }
        }
    }
    facts
}

/// The named graphs of these quads, each once.
fn named_graphs<'a>(quads: &[&'a Quad]) -> Vec<&'a NamedNode> {
    let mut graphs: Vec<&NamedNode> = quads
        .iter()
        .filter_map(|q| match &q.graph_name {
            GraphName::NamedNode(g) => Some(g),
            _ => None,
        })
        .collect();
    graphs.sort();
    graphs.dedup();
    graphs
}

/// Subject → objects per predicate for the quads of one graph.
fn graph_edges(quads: &[&Quad], g: &NamedNode) -> HashMap<String, Edges> {
    edges_by_predicate(
        quads
            .iter()
            .copied()
            .filter(|q| matches!(&q.graph_name, GraphName::NamedNode(n) if n == g)),
    )
}

/// The edges of one predicate (none when absent).
fn pred<'e>(all: &'e HashMap<String, Edges>, iri: &str) -> Option<&'e Edges> {
    all.get(iri)
}

/// Objects of `subject` by one predicate of these edges.
fn objs_of(all: &HashMap<String, Edges>, iri: &str, subject: &Term) -> Vec<Term> {
    pred(all, iri)
        .map(|e| objects(e, &subject.to_string()))
        .unwrap_or_default()
}

/// `TechYears` facts: every technology fact of a derived graph (`GRAPH ?derived` of
/// `tech-years.rq`) with its optional last use and stated months (from every graph, as the
/// query's OPTIONALs read the union default graph), beside every `?where` of the
/// positions and projects of its person that used the technology in the document graph
/// the derived graph declares itself derived from.
fn tech_years_facts(quads: &[&Quad], all: &HashMap<String, Edges>) -> Vec<Fact> {
    let mut facts = Vec::new();
    for g in named_graphs(quads) {
        let local = graph_edges(quads, g);
        let graph: Term = g.clone().into();
        for d in objs_of(&local, &ns::cg("derivedFromGraph"), &graph) {
            let Term::NamedNode(d) = d else { continue };
            let document = graph_edges(quads, &d);
            let Some(tech) = pred(&local, &ns::cg("technology")) else {
                continue;
            };
            for (fact, techs) in tech {
                let Ok(fact) = fact_term(fact) else { continue };
                for t in techs {
                    for m in objs_of(&local, &ns::cg("months"), &fact) {
                        for p in objs_of(&local, &ns::cg("about"), &fact) {
                            let wheres: Vec<Option<String>> = sources(&document, &p, t)
                                .iter()
                                .flat_map(|s| wheres(all, s))
                                .collect();
                            let head = [Some(stored(t)), Some(stored(&p)), Some(stored(&m))];
                            fact_rows(&mut facts, all, &fact, &head, &wheres);
                        }
                    }
                }
            }
        }
    }
    facts
}

/// A subject key of [`Edges`] back as a term (IRI or blank node).
fn fact_term(key: &str) -> Result<Term, ()> {
    Term::from_str(key).map_err(|_| ())
}

/// The `TechYears` rows of one (fact, technology, months, person): every last use (or
/// none) × every stated months with each qualifier (or none) × every `?where`.
fn fact_rows(
    facts: &mut Vec<Fact>,
    all: &HashMap<String, Edges>,
    fact: &Term,
    head: &[Option<String>; 3],
    wheres: &[Option<String>],
) {
    if wheres.is_empty() {
        return;
    }
    let optional_of = |p: &str| -> Vec<Option<String>> {
        let found = objs_of(all, &ns::cg(p), fact);
        if found.is_empty() {
            vec![None]
        } else {
            found.iter().map(|o| Some(stored(o))).collect()
        }
    };
    let mut stated: Vec<(Option<String>, Option<String>)> = Vec::new();
    for s in objs_of(all, &ns::cg("statedMonths"), fact) {
        for q in optional_of("statedQualifier") {
            stated.push((Some(stored(&s)), q));
        }
    }
    if stated.is_empty() {
        stated.push((None, None));
    }
    for last in optional_of("lastUsed") {
        for (s, q) in &stated {
            for w in wheres {
                let [t, p, m] = head.clone();
                facts.push(Fact::new(
                    Table::TechYears,
                    &[t, p, m, last.clone(), s.clone(), q.clone(), w.clone()],
                ));
            }
        }
    }
}

/// The `?source`s of the query's `GRAPH ?document` block: positions of `person` that used
/// `tech`, systems and projects those positions worked on that used it, and projects the
/// person is associated with that used it (as often as the graph holds each path).
fn sources(document: &HashMap<String, Edges>, person: &Term, tech: &Term) -> Vec<Term> {
    let uses = |s: &Term| {
        objs_of(document, &ns::cg("usedTechnology"), s)
            .iter()
            .filter(|u| *u == tech)
            .count()
    };
    let mut out = Vec::new();
    let mut add = |s: &Term| {
        for _ in 0..uses(s) {
            out.push(s.clone());
        }
    };
    let positions = objs_of(document, &ns::cg("hasPosition"), person);
    for pos in &positions {
        add(pos);
    }
    for pos in &positions {
        for s in objs_of(document, &ns::cg("workedOn"), pos) {
            add(&s);
        }
    }
    for s in objs_of(document, &format!("{}wasAssociatedWith", ns::PROV), person) {
        add(&s);
    }
    out
}

/// The `?where`s of a source (union default graph): "title @ organization" of a
/// `cg:Position` ("?" for a missing part; `None` where `CONCAT` fails), the names of a
/// `cg:Project`.
fn wheres(all: &HashMap<String, Edges>, source: &Term) -> Vec<Option<String>> {
    let types = objs_of(all, ns::RDF_TYPE, source);
    let is = |class: &str| {
        types
            .iter()
            .filter(|t| matches!(t, Term::NamedNode(n) if n.as_str() == ns::cg(class)))
            .count()
    };
    let optional_terms = |p: &str| -> Vec<Option<Term>> {
        let found = objs_of(all, &ns::cg(p), source);
        if found.is_empty() {
            vec![None]
        } else {
            found.into_iter().map(Some).collect()
        }
    };
    let mut out = Vec::new();
    for _ in 0..is("Position") {
        for title in optional_terms("title") {
            for org in optional_terms("organizationText") {
                out.push(position_where(title.as_ref(), org.as_ref()));
            }
        }
    }
    for _ in 0..is("Project") {
        let name = format!("{}name", ns::SCHEMA);
        for n in objs_of(all, &name, source) {
            out.push(Some(stored(&n)));
        }
    }
    out
}

/// `CONCAT(COALESCE(?title, "?"), " @ ", COALESCE(?org, "?"))`: a simple literal, or
/// `None` (the expression's error) when a part is not a string literal.
fn position_where(title: Option<&Term>, org: Option<&Term>) -> Option<String> {
    let text = |t: Option<&Term>| -> Option<String> {
        match t {
            None => Some("?".to_owned()),
            Some(Term::Literal(l)) if l.language().is_some() || l.datatype() == xsd::STRING => {
                Some(l.value().to_owned())
            }
            Some(_) => None,
        }
    };
    let joined = format!("{} @ {}", text(title)?, text(org)?);
    Some(Term::from(Literal::new_simple_literal(joined)).to_string())
}

/// `TechFact` and `RoleSource` facts (union default graph: every graph of the document).
fn role_fit_facts(all: &HashMap<String, Edges>) -> Vec<Fact> {
    let mut facts = Vec::new();
    if let Some(tech) = pred(all, &ns::cg("technology")) {
        for (f, techs) in tech {
            let Ok(f) = fact_term(f) else { continue };
            for t in techs {
                for p in objs_of(all, &ns::cg("about"), &f) {
                    for m in objs_of(all, &ns::cg("months"), &f) {
                        facts.push(Fact::new(
                            Table::TechFact,
                            &[Some(stored(t)), Some(stored(&p)), Some(stored(&m))],
                        ));
                    }
                }
            }
        }
    }
    let mut people: Vec<&String> = [
        ns::cg("hasPosition"),
        format!("{}wasAssociatedWith", ns::PROV),
    ]
    .iter()
    .filter_map(|p| pred(all, p))
    .flat_map(|e| e.keys())
    .collect();
    people.sort();
    people.dedup();
    for p in people {
        let Ok(person) = fact_term(p) else { continue };
        for source in role_sources(all, &person) {
            let shown = role_where(all, &source);
            let spans = spans(all, &source);
            for t in objs_of(all, &ns::cg("usedTechnology"), &source) {
                for w in &shown {
                    for s in &spans {
                        facts.push(Fact::new(
                            Table::RoleSource,
                            &[Some(stored(&t)), Some(bare(p)), w.clone(), s.clone()],
                        ));
                    }
                }
            }
        }
    }
    facts
}

/// `?person cg:hasPosition|cg:hasPosition/cg:workedOn|prov:wasAssociatedWith ?source`.
fn role_sources(all: &HashMap<String, Edges>, person: &Term) -> Vec<Term> {
    let positions = objs_of(all, &ns::cg("hasPosition"), person);
    let mut out = positions.clone();
    for pos in &positions {
        out.extend(objs_of(all, &ns::cg("workedOn"), pos));
    }
    out.extend(objs_of(
        all,
        &format!("{}wasAssociatedWith", ns::PROV),
        person,
    ));
    out
}

/// The text of a string literal (simple, `xsd:string` or language-tagged), else `None`.
fn string_value(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) if l.language().is_some() || l.datatype() == xsd::STRING => {
            Some(l.value())
        }
        _ => None,
    }
}

/// Every binding of an OPTIONAL single triple pattern: its objects, or one unbound.
fn optional_objects(all: &HashMap<String, Edges>, p: &str, s: &Term) -> Vec<Option<Term>> {
    let found = objs_of(all, p, s);
    if found.is_empty() {
        vec![None]
    } else {
        found.into_iter().map(Some).collect()
    }
}

/// `role-fit`'s `?where`: `CONCAT(COALESCE(?title, ?sourceName, "?"), IF(BOUND(?org),
/// CONCAT(" @ ", ?org), ""))` for every binding of the three OPTIONALs (`None` where the
/// expression fails).
fn role_where(all: &HashMap<String, Edges>, source: &Term) -> Vec<Option<String>> {
    let name = format!("{}name", ns::SCHEMA);
    let mut out = Vec::new();
    for title in optional_objects(all, &ns::cg("title"), source) {
        for n in optional_objects(all, &name, source) {
            for org in optional_objects(all, &ns::cg("organizationText"), source) {
                let head = match title.as_ref().or(n.as_ref()) {
                    Some(t) => string_value(t).map(str::to_owned),
                    None => Some("?".to_owned()),
                };
                let tail = match &org {
                    Some(o) => string_value(o).map(|o| format!(" @ {o}")),
                    None => Some(String::new()),
                };
                out.push(head.zip(tail).map(|(h, t)| {
                    Term::from(Literal::new_simple_literal(format!("{h}{t}"))).to_string()
                }));
            }
        }
    }
    out
}

/// `role-fit`'s evidence spans of a source: `CONCAT("[", STR(?start), "-", STR(?end), "] ",
/// ?quote)` for every annotation with a start, an end and a quote; one unbound without
/// any (the OPTIONAL), `None` where the expression fails.
fn spans(all: &HashMap<String, Edges>, source: &Term) -> Vec<Option<String>> {
    let oa = |l: &str| format!("{}{l}", ns::OA);
    let str_value = |t: &Term| match t {
        Term::BlankNode(_) => None,
        t => Some(str_of(t)),
    };
    let mut out = Vec::new();
    for ev in objs_of(all, &ns::cg("evidence"), source) {
        for start in objs_of(all, &oa("start"), &ev) {
            for end in objs_of(all, &oa("end"), &ev) {
                for quote in objs_of(all, &oa("exact"), &ev) {
                    let text = match (str_value(&start), str_value(&end), string_value(&quote)) {
                        (Some(s), Some(e), Some(q)) => Some(format!("[{s}-{e}] {q}")),
                        _ => None,
                    };
                    out.push(text.map(|t| Term::from(Literal::new_simple_literal(t)).to_string()));
                }
            }
        }
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}

/// `<iri>` → `iri` (other terms keep their N-Triples form, which never matches an IRI).
fn bare(term: &str) -> String {
    term.strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(term)
        .to_owned()
}

/// A literal as Oxigraph stores it: numbers in their canonical lexical form (the store
/// gives `"12000"^^xsd:decimal` back for `"12000.0"^^xsd:decimal`).
pub fn canonical(term: &Term) -> Term {
    let Term::Literal(l) = term else {
        return term.clone();
    };
    let dt = l.datatype();
    let value = l.value();
    let text = if dt == xsd::DECIMAL {
        oxsdatatypes::Decimal::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else if dt == xsd::INTEGER {
        oxsdatatypes::Integer::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else if dt == xsd::DOUBLE {
        oxsdatatypes::Double::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else if dt == xsd::FLOAT {
        oxsdatatypes::Float::from_str(value)
            .ok()
            .map(|d| d.to_string())
    } else {
        None
    };
    match text {
        Some(t) => Term::Literal(Literal::new_typed_literal(t, dt.into_owned())),
        None => term.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str, p: &str, o: Term) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            o,
            GraphName::DefaultGraph,
        )
    }

    fn iri(s: &str) -> Term {
        NamedNode::new_unchecked(s).into()
    }

    fn lit(s: &str) -> Term {
        Literal::new_simple_literal(s).into()
    }

    fn in_graph(s: &str, p: &str, o: Term, g: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked(p),
            o,
            NamedNode::new_unchecked(g),
        )
    }

    fn table(e: &Entry, t: Table) -> Vec<Vec<Option<&str>>> {
        e.facts
            .iter()
            .filter(|f| f.table == t)
            .map(|f| f.cols.iter().map(Option::as_deref).collect())
            .collect()
    }

    #[test]
    fn listing_tables_keep_the_latest_positions_and_one_graphs_dates() {
        let (d, g) = ("http://x/doc", "http://x/derived");
        let rdf_type = ns::RDF_TYPE;
        let ym = |v: &str| -> Term { Literal::new_typed_literal(v, xsd::G_YEAR_MONTH).into() };
        let quads = vec![
            in_graph("http://x/p", rdf_type, iri(&ns::cg("Person")), d),
            in_graph("http://x/p", &ns::cg("hasPosition"), iri("http://x/a"), d),
            in_graph("http://x/p", &ns::cg("hasPosition"), iri("http://x/b"), d),
            in_graph("http://x/a", &ns::cg("startDate"), ym("2019-01"), d),
            in_graph("http://x/b", &ns::cg("startDate"), ym("2021-05"), d),
            in_graph("http://x/b", &ns::cg("title"), lit("CTO"), d),
            // The same triple in two graphs: two solutions in the union default graph.
            in_graph("http://x/f", rdf_type, iri(&ns::cg("TotalExperience")), g),
            in_graph("http://x/f", &ns::cg("about"), iri("http://x/p"), g),
            in_graph(
                "http://x/f",
                &ns::cg("months"),
                Literal::from(30_i64).into(),
                g,
            ),
            in_graph(
                "http://x/f",
                &ns::cg("internshipMonths"),
                Literal::from(0_i64).into(),
                g,
            ),
            in_graph("http://x/f", &ns::cg("about"), iri("http://x/p"), d),
            in_graph("http://x/t", &ns::cg("technology"), iri("http://t/go"), g),
            in_graph("http://x/t", &ns::cg("lastUsed"), ym("2020-03"), g),
            in_graph("http://x/t", &ns::cg("about"), iri("http://x/p"), g),
            // An as-of date in another graph does not pair with the fact.
            in_graph("http://x/o", rdf_type, iri(&ns::cg("AsOfDate")), d),
            in_graph("http://x/o", &ns::cg("asOf"), ym("2022-01"), d),
            in_graph(
                "http://x/o",
                &ns::cg("asOfSource"),
                iri(&ns::cg("AsOfFromDocument")),
                d,
            ),
        ];
        let e = entry_from_quads(&quads);
        assert_eq!(
            table(&e, Table::Person),
            [[Some("http://x/p"), None, None, None, None, None, None]]
        );
        let latest = table(&e, Table::Latest);
        assert_eq!(latest.len(), 1);
        assert_eq!(
            latest[0][1],
            Some("\"2021-05\"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>")
        );
        assert_eq!(latest[0][2..4], [Some("\"CTO\""), None]);
        assert_eq!(
            table(&e, Table::Total).len(),
            2,
            "one per `cg:about` triple"
        );
        assert!(table(&e, Table::Recent).is_empty());
        let mut paired = quads.clone();
        paired.push(in_graph(
            "http://x/o2",
            rdf_type,
            iri(&ns::cg("AsOfDate")),
            g,
        ));
        paired.push(in_graph("http://x/o2", &ns::cg("asOf"), ym("2022-01"), g));
        paired.push(in_graph(
            "http://x/o2",
            &ns::cg("asOfSource"),
            iri(&ns::cg("AsOfFromDocument")),
            g,
        ));
        // A quad given twice is stored once.
        paired.push(paired[0].clone());
        let e = entry_from_quads(&paired);
        assert_eq!(table(&e, Table::Recent).len(), 1);
        assert_eq!(table(&e, Table::Person).len(), 1);
    }

    #[test]
    fn tech_years_pairs_each_fact_with_the_sources_of_its_document() {
        let (d, g) = ("http://x/doc", "http://x/derived");
        let cg = |l: &str| ns::cg(l);
        let int = |n: i64| -> Term { Literal::from(n).into() };
        let quads = vec![
            in_graph(g, &cg("derivedFromGraph"), iri(d), g),
            in_graph("http://x/f", &cg("technology"), iri("http://t/go"), g),
            in_graph("http://x/f", &cg("months"), int(30), g),
            in_graph("http://x/f", &cg("about"), iri("http://x/p"), g),
            in_graph("http://x/f", &cg("statedMonths"), int(48), g),
            in_graph("http://x/f", &cg("statedQualifier"), iri(&cg("AtLeast")), g),
            in_graph("http://x/p", &cg("hasPosition"), iri("http://x/a"), d),
            in_graph("http://x/a", ns::RDF_TYPE, iri(&cg("Position")), d),
            in_graph("http://x/a", &cg("title"), lit("Dev"), d),
            in_graph("http://x/a", &cg("usedTechnology"), iri("http://t/go"), d),
            in_graph("http://x/a", &cg("workedOn"), iri("http://x/s"), d),
            in_graph("http://x/s", ns::RDF_TYPE, iri(&cg("Project")), d),
            in_graph("http://x/s", &format!("{}name", ns::SCHEMA), lit("Feed"), d),
            in_graph("http://x/s", &cg("usedTechnology"), iri("http://t/go"), d),
            // A position of the person that did not use Go: no row.
            in_graph("http://x/p", &cg("hasPosition"), iri("http://x/b"), d),
            in_graph("http://x/b", ns::RDF_TYPE, iri(&cg("Position")), d),
        ];
        let e = entry_from_quads(&quads);
        let mut wheres: Vec<Option<&str>> =
            table(&e, Table::TechYears).iter().map(|r| r[6]).collect();
        wheres.sort();
        assert_eq!(wheres, [Some("\"Dev @ ?\""), Some("\"Feed\"")]);
        let row = &table(&e, Table::TechYears)[0];
        assert_eq!(row[0..2], [Some("http://t/go"), Some("http://x/p")]);
        assert_eq!(row[3], None, "no last use");
        assert_eq!(row[5], Some(cg("AtLeast").as_str()));
        // Without the declaration of its document graph, the fact has no source.
        let e = entry_from_quads(&quads[1..]);
        assert!(table(&e, Table::TechYears).is_empty());
    }

    #[test]
    fn rows_follow_the_query_joins() {
        let schema = |l: &str| format!("{}{l}", ns::SCHEMA);
        let quads = vec![
            q("http://x/p", &ns::cg("hasPosition"), iri("http://x/pos")),
            q(
                "http://x/p",
                &schema("name"),
                Literal::new_simple_literal("Ann").into(),
            ),
            q("http://x/pos", &ns::cg("workedOn"), iri("http://x/sys")),
            q(
                "http://x/sys",
                &ns::cg("usedTechnology"),
                iri("http://t/go"),
            ),
            q(
                "http://x/sys",
                &schema("name"),
                Literal::new_simple_literal("Feed").into(),
            ),
            q("http://x/sys", &ns::cg("hasMetric"), iri("http://x/m")),
            q("http://x/pos", &ns::cg("hasMetric"), iri("http://x/m2")),
            q("http://x/m", &ns::cg("metricKind"), iri("http://k/qps")),
            q(
                "http://x/m",
                &schema("value"),
                Literal::new_typed_literal("12000.0", xsd::DECIMAL).into(),
            ),
            // m2 has no value: no row.
            q("http://x/m2", &ns::cg("metricKind"), iri("http://k/qps")),
            // A project of a person without positions: knows, no rows.
            q(
                "http://x/p",
                &format!("{}wasAssociatedWith", ns::PROV),
                iri("http://x/side"),
            ),
            q(
                "http://x/side",
                &ns::cg("usedTechnology"),
                iri("http://t/rust"),
            ),
        ];
        let e = entry_from_quads(&quads);
        assert_eq!(
            e.names,
            [
                ("http://x/p".to_owned(), "\"Ann\"".to_owned()),
                ("http://x/sys".to_owned(), "\"Feed\"".to_owned())
            ]
        );
        assert_eq!(e.rows.len(), 1);
        let row = &e.rows[0];
        assert_eq!(row.sys, "\"Feed\"");
        assert_eq!(row.techs, ["http://t/go"]);
        assert_eq!(
            row.value,
            "\"12000\"^^<http://www.w3.org/2001/XMLSchema#decimal>"
        );
        assert!(row.orgs.is_empty() && row.raws.is_empty());
        let hows: Vec<(&str, How)> = e.knows.iter().map(|(t, _, h)| (t.as_str(), *h)).collect();
        assert_eq!(
            hows,
            [
                ("http://t/go", How::Project),
                ("http://t/rust", How::Project)
            ]
        );
    }
}
