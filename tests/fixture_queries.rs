//! The cross-file facts of `tests/fixtures/README.md` ("Cross-file facts") through the real
//! binary: the ten résumé fixtures ingested into one store, then the named queries
//! `go-qps-10k` and `colleagues` compared row for row with the answer key.

mod common;
use common::{
    bin, csv_rows, fixtures, stats, GO_QPS_FIXTURE_GAPS, GO_QPS_FIXTURE_ROWS, RESUME_FIXTURES,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn ingested() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("db");
    bin(&store)
        .arg("ingest")
        .args(RESUME_FIXTURES.iter().map(|f| fixtures().join(f)))
        .assert()
        .success();
    (dir, store)
}

#[test]
fn ten_resumes_ten_people() {
    let (_d, store) = ingested();
    let s = stats(&store);
    assert_eq!(s["documents"], 10, "{s}");
    // Kai Zhang and 张凯 are one person (bilingual.txt).
    assert_eq!(s["people"], 10, "{s}");
}

/// "go-qps-10k over fixtures": exact rows (name, organisation as written, system, QPS) for the
/// "yes" people (see `common::GO_QPS_FIXTURE_ROWS` for the two the extractor still misses);
/// the "no" people never.
#[test]
fn go_qps_10k_over_the_fixtures() {
    let (_d, store) = ingested();
    let rows = csv_rows(&store, &["go-qps-10k"]);
    let got: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [r[1].as_str(), r[2].as_str(), r[3].as_str(), r[4].as_str()])
        .collect();
    assert_eq!(got, GO_QPS_FIXTURE_ROWS);
    for no in ["周晓彤", "Tomás Ortega", "Olivia Grant"] {
        assert!(rows.iter().all(|r| r[1] != no), "{no} in {rows:?}");
    }
    for gap in GO_QPS_FIXTURE_GAPS {
        assert!(
            rows.iter().all(|r| r[1] != *gap),
            "{gap} is found now: move the row from GO_QPS_FIXTURE_GAPS into GO_QPS_FIXTURE_ROWS"
        );
    }
    // Above 35 000: Priya's 60K, 李嘉航's 4万+ and 赵思远's 3000W+.
    let high: Vec<String> = csv_rows(&store, &["go-qps-10k", "-p", "min=35000"])
        .into_iter()
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(high, ["Priya Raman", "李嘉航", "赵思远"]);
}

/// "Overlapping tenures at the same employer": every pair of the key, and no other pair.
#[test]
fn colleagues_are_the_overlapping_tenures_of_the_key() {
    let (_d, store) = ingested();
    // The query answers for one person (default "Alice Chen"): ask for each of the ten.
    let people = [
        "Priya Raman",
        "Lena Tang",
        "孙雨桐",
        "赵思远",
        "Kai Zhang",
        "李嘉航",
        "周晓彤",
        "Tomás Ortega",
        "Ethan Liu",
        "Olivia Grant",
    ];
    let mut rows = Vec::new();
    for p in people {
        let mine = csv_rows(&store, &["colleagues", "-p", &format!("person={p}")]);
        assert!(mine.iter().all(|r| r[0] == p), "{p}: {mine:?}");
        rows.extend(mine);
    }
    let got: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let (a, b) = if r[0] < r[1] {
                (r[0].clone(), r[1].clone())
            } else {
                (r[1].clone(), r[0].clone())
            };
            (r[2].clone(), a, b)
        })
        .collect();
    // Each pair answers from both sides.
    assert_eq!(rows.len(), 2 * got.len(), "{rows:?}");
    let pair = |org: &str, a: &str, b: &str| {
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        (org.to_owned(), a.to_owned(), b.to_owned())
    };
    let want: BTreeSet<(String, String, String)> = [
        pair("Baidu", "Priya Raman", "Ethan Liu"),
        pair("Baidu", "孙雨桐", "Ethan Liu"),
        pair("ByteDance", "孙雨桐", "Olivia Grant"),
        pair("Alibaba Group", "Lena Tang", "周晓彤"),
        pair("Huawei", "Lena Tang", "周晓彤"),
        pair("Huawei", "周晓彤", "Tomás Ortega"),
        pair("Huawei", "Lena Tang", "Tomás Ortega"),
        pair("Meituan", "赵思远", "Ethan Liu"),
        pair("Kuaishou", "Priya Raman", "李嘉航"),
        pair("Xiaomi", "Kai Zhang", "李嘉航"),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, want, "{rows:?}");
    // Every pair has both start dates, so the overlap is known, not assumed.
    assert!(rows.iter().all(|r| r[3] == "dates overlap"), "{rows:?}");
}
