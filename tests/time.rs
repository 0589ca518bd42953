//! Time in the graph (issue 12): derived facts on fictional fixtures (`tests/fixtures-time/`),
//! the named queries over them with exact rows, `show`, the derived graph's life cycle
//! (no-op re-ingest, replacement, forget), SHACL validation and organisation trees in views.

mod common;

use common::{bin, stats};
use predicates::str::contains;
use std::path::{Path, PathBuf};

const FIXTURES: &[&str] = &[
    "ada-quill.txt",
    "bo-lindqvist.txt",
    "zh-resume.txt",
    "role.txt",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures-time")
        .join(name)
}

/// A store with the four fixtures ingested (with an `--as-of` that none of them needs).
fn store(dir: &Path) -> PathBuf {
    let store = dir.join("db");
    bin(&store)
        .args(["ingest", "--quiet", "--as-of", "2030-01"])
        .args(FIXTURES.iter().map(|f| fixture(f)))
        .assert()
        .success();
    store
}

/// CSV rows (header first) of a named query.
fn rows(store: &Path, query: &str, params: &[&str]) -> Vec<String> {
    let mut cmd = bin(store);
    cmd.args(["query", query, "--format", "csv"]);
    for p in params {
        cmd.args(["--param", p]);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            // Person IRIs depend on the (fixed test) salt only: keep 6 hex digits.
            l.split(',')
                .map(|c| match c.rsplit_once("/person/") {
                    Some((_, id)) => format!("person:{}", &id[..6.min(id.len())]),
                    None => c.to_owned(),
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect()
}

fn check(store: &Path, query: &str, params: &[&str], expected: &[&str]) {
    let got = rows(store, query, params);
    assert_eq!(got, expected, "{query} {params:?}");
}

const ADA: &str = "person:420479";
const BO: &str = "person:86744a";
const SONG: &str = "person:b4d5a9";
const WREN: &str = "person:23f19c";
const HE: &str = "person:f5d123";

#[test]
fn named_queries_return_exact_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    // Go: 宋晓岚 (two positions, 2015-07…2017-06 and 2020-04…as-of 2024-05) before Ada (two
    // systems, 2019-03…2021-12 and 2022-01…as-of 2024-06); Bo only lists Go.
    check(
        &store,
        "tech-years",
        &["tech=golang", "min=3"],
        &[
            "person,name,years,totalMonths,lastUsed,statedYears,statedAs,stated,positions",
            // The positions list sorted (the query index's order; SPARQL leaves it open).
            &format!("{SONG},宋晓岚,6.2,74,2024-05,,,,后台开发工程师 @ 腾讯CSIG | 高级技术专家（P7） @ 阿里巴巴"),
            &format!("{ADA},Ada Quill,5.3,64,2024-06,,,,Checkout API | Ledger Service"),
        ],
    );
    // Kafka: Ada's Corvid position and Ledger Service; Bo's year-only 2020…2023 is 36 months.
    check(
        &store,
        "tech-years",
        &["tech=kafka", "min=0"],
        &[
            "person,name,years,totalMonths,lastUsed,statedYears,statedAs,stated,positions",
            &format!(
                "{ADA},Ada Quill,5,60,2024-06,,,,Ledger Service | Software Engineer @ Corvid Systems"
            ),
            &format!("{BO},Bo Lindqvist,3,36,2023-06,,,,Senior Data Engineer @ Fjordline Freight"),
        ],
    );
    // Total: unions without gaps (Bo's 2018…2020 gap is not counted, his overlapping
    // Tencent IEG and Tallberg years count once); Ada's internship is apart.
    check(
        &store,
        "experience",
        &[],
        &[
            "person,name,years,seniority,managementYears,internshipYears",
            &format!("{SONG},宋晓岚,8.9,staff / principal,0,0"),
            &format!("{ADA},Ada Quill,7.8,lead / manager,2.5,0.3"),
            &format!("{BO},Bo Lindqvist,6,senior,0,0"),
        ],
    );
    check(
        &store,
        "experience",
        &["level=manager"],
        &[
            "person,name,years,seniority,managementYears,internshipYears",
            &format!("{ADA},Ada Quill,7.8,lead / manager,2.5,0.3"),
        ],
    );
    check(
        &store,
        "experience",
        &["level=senior", "min=6.5"],
        &[
            "person,name,years,seniority,managementYears,internshipYears",
            &format!("{SONG},宋晓岚,8.9,staff / principal,0,0"),
            &format!("{ADA},Ada Quill,7.8,lead / manager,2.5,0.3"),
        ],
    );
    check(
        &store,
        "experience",
        &["level=director"],
        &["person,name,years,seniority,managementYears,internshipYears"],
    );
    check(
        &store,
        "scale",
        &["tech=kafka", "kind=messages-per-day", "min=100000000"],
        &[
            "person,name,organization,system,value,text",
            &format!("{ADA},Ada Quill,Brightwave Labs,Ledger Service,2000000000,2B messages/day"),
            &format!("{BO},Bo Lindqvist,Fjordline Freight,,300000000,300M messages/day"),
        ],
    );
    check(
        &store,
        "scale",
        &["tech=redis", "kind=qps", "min=100000"],
        &[
            "person,name,organization,system,value,text",
            &format!("{SONG},宋晓岚,阿里巴巴,,200000,QPS 20万+"),
            &format!("{ADA},Ada Quill,Brightwave Labs,Checkout API,150000,150K peak QPS"),
        ],
    );
    // Both still use Go at their documents' dates (each from a dated line).
    check(
        &store,
        "recent",
        &["tech=go", "years=2"],
        &[
            "person,name,lastUsed,monthsAgo,asOf,asOfSource",
            &format!("{ADA},Ada Quill,2024-06,0,2024-06,document"),
            &format!("{SONG},宋晓岚,2024-05,0,2024-05,document"),
        ],
    );
    // Bo's résumé has no dated line: its as-of is the latest date it mentions (2023).
    check(
        &store,
        "recent",
        &["tech=python", "years=10"],
        &[
            "person,name,lastUsed,monthsAgo,asOf,asOfSource",
            &format!("{BO},Bo Lindqvist,2018-06,60,2023,latest-mention"),
            &format!("{ADA},Ada Quill,2015-08,106,2024-06,document"),
        ],
    );
    check(
        &store,
        "recent",
        &["tech=python", "years=4"],
        &["person,name,lastUsed,monthsAgo,asOf,asOfSource"],
    );
}

#[test]
fn stated_years_are_shown_beside_the_derived_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .args(["ingest", "--quiet"])
        .args(["stated-en.txt", "stated-zh.txt"].map(fixture))
        .assert()
        .success();
    let header = "person,name,years,totalMonths,lastUsed,statedYears,statedAs,stated,positions";
    // Ranked and filtered by the derived months; the stated years beside them.
    check(
        &store,
        "tech-years",
        &["tech=go", "min=1"],
        &[
            header,
            &format!("{WREN},Wren Calloway,2,24,2022-12,6,exact,stated more,Backend Engineer @ Larkspur Analytics"),
        ],
    );
    check(&store, "tech-years", &["tech=go", "min=3"], &[header]);
    check(
        &store,
        "tech-years",
        &["tech=java", "min=0"],
        &[
            header,
            &format!("{HE},贺云舟,5,60,2022-12,3,exact,stated less,后端工程师 @ 青石数据"),
        ],
    );
    check(
        &store,
        "tech-years",
        &["tech=postgresql", "min=0"],
        &[
            header,
            &format!(
                "{WREN},Wren Calloway,2,24,2022-12,2,exact,agrees,Backend Engineer @ Larkspur Analytics"
            ),
        ],
    );
    // Nothing stated: the columns are empty.
    check(
        &store,
        "tech-years",
        &["tech=redis", "min=0"],
        &[
            header,
            &format!("{HE},贺云舟,5,60,2022-12,,,,后端工程师 @ 青石数据"),
        ],
    );
    let out = bin(&store)
        .args(["show", "Wren Calloway"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "  Go                   2.0 y, last used 2022-12, stated 6.0 y (stated more)\n",
        "  PostgreSQL           2.0 y, last used 2022-12, stated 2.0 y (agrees)\n",
        "  Terraform            listed\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    let out = bin(&store)
        .args(["show", "贺云舟", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let java = v[0]["technologies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Java")
        .unwrap()
        .clone();
    assert_eq!(
        (
            java["months"].clone(),
            java["stated_months"].clone(),
            java["stated"].clone()
        ),
        (60.into(), 36.into(), "stated less".into())
    );
}

#[test]
fn years_stated_in_skills_lists_name_their_technology_and_bounds_stay_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    bin(&store)
        .args(["ingest", "--quiet"])
        .args(["stated-skills-en.txt", "stated-skills-zh.txt"].map(fixture))
        .assert()
        .success();
    let header = "person,name,years,totalMonths,lastUsed,statedYears,statedAs,stated,positions";
    let juniper = "Juniper Ashgrove,5.3,63,2024-04";
    let shen = "沈砚秋,7,84,2024-02";
    let yq = |q: &str| -> String {
        let r = rows(&store, "tech-years", &[q, "min=0"]);
        // Drop the person column (an IRI) and the positions.
        r.iter()
            .map(|l| {
                let cols: Vec<&str> = l.split(',').collect();
                cols[1..cols.len() - 1].join(",")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let head = "name,years,totalMonths,lastUsed,statedYears,statedAs,stated";
    assert_eq!(
        rows(&store, "tech-years", &["tech=kafka", "min=0"])[0],
        header
    );
    // "Go (4 yrs)": 4 years stated, 5.3 derived; 宋: "熟悉Go（3年）".
    assert_eq!(
        yq("tech=go"),
        format!("{head}\n{shen},3,exact,stated less\n{juniper},4,exact,stated less")
    );
    // "Kafka – 5 years" agrees with 63 months.
    assert_eq!(
        yq("tech=kafka"),
        format!("{head}\n{juniper},5,exact,agrees")
    );
    // "Java (3+ years)" is at least 3: consistent with 5.3 derived. "5年Java经验" is exact.
    assert_eq!(
        yq("tech=java"),
        format!("{head}\n{shen},5,exact,stated less\n{juniper},3,at least,agrees")
    );
    // "Redis 3年以上": at least 3 against 7 derived.
    assert_eq!(
        yq("tech=redis"),
        format!("{head}\n{shen},3,at least,agrees")
    );

    let out = bin(&store)
        .args(["show", "Juniper Ashgrove"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "  Java                 5.3 y, last used 2024-04, stated at least 3.0 y (agrees)\n",
        "  Go                   5.3 y, last used 2024-04, stated 4.0 y (stated less)\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // The derived graphs conform to the shapes (cg:statedQualifier included).
    bin(&store)
        .arg("validate")
        .assert()
        .success()
        .stdout(contains("0 violations"));
}

#[test]
fn role_fit_explains_each_required_technology_with_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    check(
        &store,
        "role-fit",
        &["min=3"],
        // The lists sorted (the query index's order; SPARQL leaves it open).
        &[
            "role,name,covered,sumYears,technology,techYears,shownBy,evidence",
            "Platform Engineer,Ada Quill,5,16,Go,5.3,Checkout API | Ledger Service,[286-300] Ledger Service | [524-536] Checkout API",
            "Platform Engineer,Ada Quill,5,16,Kafka,5,Ledger Service | Software Engineer @ Corvid Systems,[286-300] Ledger Service | [655-747] Corvid Systems — Software Engineer — Porto                             Sep. 2016 – Feb. 2019",
            "Platform Engineer,Ada Quill,5,16,Kubernetes,2.8,Senior Software Engineer @ Brightwave Labs,[427-519] Brightwave Labs — Senior Software Engineer — Lisbon                    Mar. 2019 – Dec. 2021",
            "Platform Engineer,Ada Quill,5,16,Redis,2.8,Checkout API,[524-536] Checkout API",
            "Platform Engineer,Ada Quill,5,16,Rust,0,skills list,",
            "Platform Engineer,宋晓岚,3,10.3,Go,6.2,后台开发工程师 @ 腾讯CSIG | 高级技术专家（P7） @ 阿里巴巴,[115-144] #### 2020.4 - 至今      公司：阿里巴巴 | [282-317] #### 2015.7 - 2017.6      公司：腾讯CSIG",
            "Platform Engineer,宋晓岚,3,10.3,Kafka,0,skills list,",
            "Platform Engineer,宋晓岚,3,10.3,Redis,4.2,高级技术专家（P7） @ 阿里巴巴,[115-144] #### 2020.4 - 至今      公司：阿里巴巴",
            "Platform Engineer,Bo Lindqvist,3,6,Go,0,skills list,",
            "Platform Engineer,Bo Lindqvist,3,6,Kafka,3,Senior Data Engineer @ Fjordline Freight,[92-174] Fjordline Freight — Senior Data Engineer — Gothenburg                  2020 – 2023",
            "Platform Engineer,Bo Lindqvist,3,6,Kubernetes,3,Senior Data Engineer @ Fjordline Freight,[92-174] Fjordline Freight — Senior Data Engineer — Gothenburg                  2020 – 2023",
        ],
    );
    // Evidence spans point into the résumé text (character offsets).
    let text: Vec<char> = std::fs::read_to_string(fixture("ada-quill.txt"))
        .unwrap()
        .chars()
        .collect();
    assert_eq!(text[524..536].iter().collect::<String>(), "Checkout API");
}

#[test]
fn show_prints_a_timeline_with_derived_years() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let out = bin(&store).args(["show", "ADA QUILL"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "  experience 7.8 y · management 2.5 y · internships 0.3 y · level lead / manager",
        "  2022-01 – present        Engineering Manager @ Brightwave Labs (30 mo)",
        "                             system Ledger Service (Go, Kafka)",
        "                               metric 2B messages/day",
        "  2015-06 – 2015-08        Software Engineering Intern @ Corvid Systems (3 mo)",
        "  Go                   5.3 y, last used 2024-06",
        "  Rust                 listed",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    assert!(
        text.contains("ada-quill.txt as of 2024-06 (document)"),
        "{text}"
    );
    // Timeline order: most recent first.
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("Engineering Manager @") < at("Senior Software Engineer @"));
    assert!(at("Senior Software Engineer @") < at("Software Engineering Intern @"));

    // JSON, found by e-mail (through the salted hash); year-only dates say so.
    let out = bin(&store)
        .args(["show", "bo.lindqvist@example.com", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p = &v[0];
    assert_eq!(p["name"], "Bo Lindqvist");
    assert_eq!(p["total_months"], 72);
    assert_eq!(p["seniority"], "senior");
    assert_eq!(p["positions"][0]["title"], "Senior Data Engineer");
    assert_eq!(p["positions"][0]["months"], 36);
    assert_eq!(p["positions"][0]["precision"], "year");
    assert_eq!(p["documents"][0]["as_of"], "2023");
    assert_eq!(p["documents"][0]["as_of_source"], "latest-mention");
    let kafka = p["technologies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Kafka")
        .unwrap();
    assert_eq!(
        (kafka["months"].clone(), kafka["listed"].clone()),
        (36.into(), true.into())
    );

    bin(&store)
        .args(["show", "Nobody Here"])
        .assert()
        .failure()
        .stderr(contains("no person matches"));
}

#[test]
fn derived_graphs_follow_their_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let before = stats(&store);
    // 4 documents, 4 derived graphs (the role profile has an as-of from --as-of), vocabulary, meta.
    assert_eq!(before["documents"], 4);
    assert_eq!(before["graphs"], 10);
    // Unchanged documents: a no-op.
    bin(&store)
        .arg("ingest")
        .args(FIXTURES.iter().map(|f| fixture(f)))
        .assert()
        .success()
        .stderr(contains("0 added, 0 replaced, 4 unchanged"));
    assert_eq!(stats(&store), before);

    // A changed file replaces its derived graph too.
    let copy = dir.path().join("cv.txt");
    let text = std::fs::read_to_string(fixture("ada-quill.txt")).unwrap();
    std::fs::write(
        &copy,
        text.replace("Last updated: June 2024", "Last updated: June 2025"),
    )
    .unwrap();
    bin(&store).arg("ingest").arg(&copy).assert().success();
    let added = stats(&store);
    assert_eq!(added["graphs"], 12);
    std::fs::write(
        &copy,
        text.replace("Last updated: June 2024", "Last updated: June 2026"),
    )
    .unwrap();
    bin(&store)
        .arg("ingest")
        .arg(&copy)
        .assert()
        .success()
        .stderr(contains("1 replaced"));
    assert_eq!(stats(&store)["graphs"], 12, "old derived graph left behind");
    let r = rows(&store, "recent", &["tech=go", "years=1"]);
    assert!(
        r.iter().any(|l| l.ends_with(",2026-06,0,2026-06,document")),
        "{r:?}"
    );
    assert!(!r.iter().any(|l| l.contains("2025-06")), "{r:?}");

    // forget removes the document and its derived graph.
    bin(&store).arg("forget").arg(&copy).assert().success();
    assert_eq!(stats(&store)["graphs"], 10);
    assert_eq!(stats(&store)["triples"], before["triples"]);

    // The derived graphs conform to the SHACL shapes.
    bin(&store)
        .arg("validate")
        .assert()
        .success()
        .stdout(contains("0 violations"));
}

#[test]
fn validate_says_when_a_store_needs_re_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    // A store as an older careergraph left it: the document graphs without derived graphs.
    let out = bin(&store)
        .args(["export", "--format", "nquads"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let old: String = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("/derived/"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dump = dir.path().join("old.nq");
    std::fs::write(&dump, old).unwrap();
    let old_store = dir.path().join("old");
    bin(&old_store).arg("ingest").arg(&dump).assert().success();
    bin(&old_store)
        .arg("validate")
        .assert()
        .failure()
        .stdout(contains(
            "store needs re-ingest: 3 document(s) have no derived facts",
        ))
        .stdout(contains("does not conform"));
}

#[test]
fn organisation_units_are_a_tree_in_views() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let dot = |extra: &[&str]| {
        let out = bin(&store)
            .args(["export", "--format", "dot", "--view", "people-orgs"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    // Bo (Tencent IEG) and 宋晓岚 (腾讯CSIG) meet at Tencent through unitOf edges.
    let tree = dot(&[]);
    assert_eq!(tree.matches("[label=\"unitOf\"]").count(), 2, "{tree}");
    assert!(tree.contains("label=\"Tencent IEG\""));
    // Collapsed: the units are gone, both work at Tencent (the unit is an attribute).
    let collapsed = dot(&["--org-tree", "collapse"]);
    assert!(!collapsed.contains("Tencent IEG\", shape"), "{collapsed}");
    assert!(!collapsed.contains("unitOf"));
    assert!(collapsed.contains("label=\"Tencent\""));
}
