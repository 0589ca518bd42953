//! The query index answers `go-qps-10k`, `scale`, `knows`, `people`, `experience`,
//! `metrics`, `recent`, `tech-years` and `role-fit` (without and with a role profile)
//! exactly as plain SPARQL does (`--no-index`) on a generated store, after bulk and
//! transactional ingest, replacement, `forget` and RDF loaded as it is: same rows, in the
//! same ORDER BY sequence. A `GROUP_CONCAT` column is compared as the set of its items:
//! SPARQL leaves their order open.

mod common;

use common::bin;
use common::query_csv as rows;
use std::path::Path;

/// Queries the index answers, with parameters that select many rows and few.
const QUERIES: &[&[&str]] = &[
    &["go-qps-10k"],
    &["go-qps-10k", "--param", "tech=Java", "--param", "min=5000"],
    &["go-qps-10k", "--param", "tech=golang", "--param", "min=0"],
    &["scale"],
    &[
        "scale",
        "--param",
        "tech=Redis",
        "--param",
        "kind=qps",
        "--param",
        "min=1000",
    ],
    &[
        "scale", "--param", "tech=Go", "--param", "kind=DAU", "--param", "min=0",
    ],
    &["knows"],
    &["knows", "--param", "tech=Go"],
    &["knows", "--param", "tech=message queue"],
    &["knows", "--param", "tech=Python"],
    &["people"],
    &["experience"],
    &["experience", "--param", "min=5", "--param", "level=senior"],
    &[
        "experience",
        "--param",
        "min=2.5",
        "--param",
        "level=manager",
    ],
    &["metrics"],
    &["metrics", "--param", "kind=DAU"],
    &["metrics", "--param", "kind=availability"],
    &["recent"],
    &["recent", "--param", "tech=Python", "--param", "years=5"],
    &["recent", "--param", "tech=golang", "--param", "years=0"],
    &["tech-years"],
    &["tech-years", "--param", "tech=Java", "--param", "min=0"],
    &["tech-years", "--param", "tech=Python", "--param", "min=4"],
    &["tech-years", "--param", "tech=golang", "--param", "min=2.5"],
    &["tech-years", "--param", "tech=Redis", "--param", "min=1"],
    &["tech-years", "--param", "tech=Kafka", "--param", "min=0"],
];

/// Columns that are `GROUP_CONCAT` lists (items separated by " | ", in an order SPARQL
/// leaves open).
fn list_columns(args: &[&str]) -> &'static [usize] {
    match args[0] {
        "tech-years" => &[8],
        "role-fit" => &[6, 7],
        _ => &[],
    }
}

/// A row with its list columns' items sorted.
fn normalized(args: &[&str], row: &[String]) -> Vec<String> {
    let mut row = row.to_vec();
    for &c in list_columns(args) {
        if let Some(cell) = row.get_mut(c) {
            let mut items: Vec<&str> = cell.split(" | ").collect();
            items.sort_unstable();
            *cell = items.join(" | ");
        }
    }
    row
}

/// Columns the queries order by: (name, value) for go-qps-10k / scale, name for knows
/// and people, (years, name) for experience (it orders by the months the years are
/// rounded from), (value, name) for metrics, (months ago, name) for recent, (months,
/// name) for tech-years, (role, covered, years, name, technology) for role-fit.
fn order_key(args: &[&str], row: &[String]) -> Vec<String> {
    let cols: &[usize] = match args[0] {
        "knows" | "people" => &[1],
        "scale" => &[4, 1],
        "experience" => &[2, 1],
        "metrics" => &[3, 0],
        "recent" => &[3, 1],
        "tech-years" => &[3, 1],
        "role-fit" => &[0, 2, 3, 1, 4],
        _ => &[1, 4],
    };
    cols.iter().map(|&c| row[c].clone()).collect()
}

/// The index's answer is the SPARQL answer: same header, same rows (as a multiset, list
/// columns as sets of items), in the same ORDER BY sequence (rows that tie on every
/// ORDER BY key may come in any order).
fn assert_same_answers(store: &Path, when: &str) -> usize {
    QUERIES
        .iter()
        .map(|args| assert_same_answer(store, args, when))
        .sum()
}

/// `role-fit`, compared on its own: its SPARQL form takes tens of seconds on the test
/// store in a debug build, so it runs once per store state that matters.
const ROLE_FIT: &[&str] = &["role-fit", "--param", "min=3"];

/// One query's index answer is its SPARQL answer (see [`assert_same_answers`]); the
/// number of rows.
fn assert_same_answer(store: &Path, args: &[&str], when: &str) -> usize {
    let norm = |r: Vec<Vec<String>>| -> Vec<Vec<String>> {
        r.iter().map(|row| normalized(args, row)).collect()
    };
    let fast = norm(rows(store, args, true));
    let mut slow = args.to_vec();
    slow.extend(["--timeout", "900"]);
    let plain = norm(rows(store, &slow, false));
    assert_eq!(fast.first(), plain.first(), "{when}: header of {args:?}");
    let keys = |r: &[Vec<String>]| -> Vec<Vec<String>> {
        r.iter().skip(1).map(|row| order_key(args, row)).collect()
    };
    assert_eq!(keys(&fast), keys(&plain), "{when}: order of {args:?}");
    let (mut f, mut p) = (fast.clone(), plain.clone());
    f.sort();
    p.sort();
    assert_eq!(f, p, "{when}: rows of {args:?}");
    fast.len() - 1
}

/// Whether the index (not SPARQL) answers `args` on this store.
fn index_answers(store: &Path, args: &[&str]) -> bool {
    let s = careergraph::store::CareerStore::open_read_only(store).expect("open");
    let q = careergraph::query::named_queries()
        .into_iter()
        .find(|q| q.name == args[0])
        .expect("a named query");
    let params: Vec<(String, String)> = args[1..]
        .iter()
        .filter(|a| **a != "--param")
        .map(|a| {
            let (k, v) = a.split_once('=').expect("NAME=VALUE");
            (k.to_owned(), v.to_owned())
        })
        .collect();
    let bindings = q.bindings(&params).expect("parameters");
    careergraph::index::answer::answer(&s, &q.name, &bindings)
        .expect("answer")
        .is_some()
}

fn index_is_valid(store: &Path) -> bool {
    let s = careergraph::store::CareerStore::open_read_only(store).expect("open");
    s.valid_index().expect("read index").is_some()
}

#[test]
fn the_index_answers_exactly_what_sparql_answers() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let store = dir.path().join("db");
    common::generate(&corpus, 240, 7);
    // Bulk path for most, transactions for the rest.
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let (first, rest) = files.split_at(200);
    let staged = dir.path().join("first");
    std::fs::create_dir(&staged).unwrap();
    for f in first {
        std::fs::copy(f, staged.join(f.file_name().unwrap())).unwrap();
    }
    bin(&store)
        .args(["ingest", "--bulk-threshold", "0"])
        .arg(&staged)
        .assert()
        .success();
    bin(&store)
        .args(["ingest", "--bulk-threshold", "100000"])
        .args(rest)
        .assert()
        .success();
    assert!(index_is_valid(&store), "ingest leaves a valid index");
    for args in QUERIES.iter().chain([&ROLE_FIT]) {
        assert!(index_answers(&store, args), "the index answers {args:?}");
    }
    let rows = assert_same_answers(&store, "after ingest");
    // No role profile yet: no rows, without evaluating the query.
    assert_eq!(assert_same_answer(&store, ROLE_FIT, "without profiles"), 0);
    assert!(rows > 200, "the queries select something ({rows} rows)");
    for args in QUERIES {
        let n = self::rows(&store, args, true).len() - 1;
        let selective = args.contains(&"years=0") || args.contains(&"level=manager");
        assert!(n > 0 || selective, "{args:?} answers nothing");
    }

    // A changed file at the same path replaces its document.
    let changed = staged.join(first[0].file_name().unwrap());
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nSkills: Rust, Kafka\n");
    std::fs::write(&changed, text).unwrap();
    bin(&store).arg("ingest").arg(&changed).assert().success();
    // The same person in a second document (same contacts, another file): rows join facts
    // and names of two documents, and a name held by both graphs counts twice.
    let twin_of = &first[1];
    let twin = dir.path().join(format!(
        "twin-{}",
        twin_of.file_name().unwrap().to_string_lossy()
    ));
    let mut text = std::fs::read_to_string(twin_of).unwrap();
    text.push_str("\nSkills: Go, Python\n");
    std::fs::write(&twin, text).unwrap();
    bin(&store).arg("ingest").arg(&twin).assert().success();
    // Forget a document and a person (by the name of someone the Go query finds).
    bin(&store).arg("forget").arg(&rest[0]).assert().success();
    let go = self::rows(&store, &["go-qps-10k"], true);
    let person = go[1][0].clone();
    bin(&store).args(["forget", &person]).assert().success();
    assert!(index_is_valid(&store), "forget leaves a valid index");
    // A job description: role-fit now has a profile to answer for.
    let role = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures-time/role.txt");
    bin(&store).arg("ingest").arg(&role).assert().success();
    assert!(
        index_answers(&store, ROLE_FIT),
        "the index answers role-fit"
    );
    assert_same_answers(&store, "after replace and forget");
    let fits = assert_same_answer(&store, ROLE_FIT, "with a role profile");
    assert!(fits > 10, "role-fit selects candidates ({fits} rows)");
    let after = self::rows(&store, &["go-qps-10k"], true);
    assert!(
        after.iter().all(|r| r[0] != person),
        "forgotten person still answered"
    );
    let index = std::fs::read(store.join("careergraph.index")).unwrap();
    let needle = person.as_bytes();
    assert!(
        !index.windows(needle.len()).any(|w| w == needle),
        "the forgotten person is still in the index file"
    );

    // RDF loaded as it is: the index stops answering, the answers stay right.
    let ttl = dir.path().join("extra.ttl");
    std::fs::write(
        &ttl,
        format!(
            "<{person}> <https://schema.org/name> \"Someone Else\" .\n\
             <{person}> <https://w3id.org/careergraph/ont#hasSkill> <https://w3id.org/careergraph/tech/go> .\n"
        ),
    )
    .unwrap();
    bin(&store).arg("ingest").arg(&ttl).assert().success();
    assert!(!index_is_valid(&store), "a tainted index must not answer");
    assert!(
        !index_answers(&store, &["people"]),
        "a tainted index answered"
    );
    assert_same_answers(&store, "after loading RDF");
}
