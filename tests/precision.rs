//! Precision fixture set: fictional résumé lines full of traps (numbers that are not metrics,
//! aliases inside other tokens, technologies named only for comparison, career breaks and
//! customers that are not employers), each with the EXACT record expected.
//!
//! Decisions recorded here:
//! - A metric is a number the text says measures something; "0 to 1", vague counts
//!   ("dozens of teams", 数十个团队), years, dates, phone numbers, versions, scores and rankings
//!   are not metrics. A percentage of improvement is never a scale metric (no kind takes it).
//! - A technology named as a comparison or a competitor (对标X, "compared with X") is not a
//!   technology used; "migrated off X" is: the person worked with X.
//! - A career break is not an employer; a customer or partner named in a bullet is not one
//!   either; "X Co., Ltd. (later acquired by Y)" is a position at X.
//!
//! `KNOWN_GAPS` pins what the extractor still gets wrong, with today's output, so that a fix
//! shows up as a failing ratchet to move into the exact cases.

use careergraph::extract::{find_metrics, find_technologies};
use careergraph::ingest::{extract_record, InputFormat};

/// (line, exact metrics as (kind, value)).
const METRICS: &[(&str, &[(&str, f64)])] = &[
    ("带领团队从0到1搭建风控平台", &[]),
    (
        "Took the search product from 0 to 1 with a team of 5",
        &[("team-size", 5.0)],
    ),
    ("对接数十个业务团队", &[]),
    ("Partnered with dozens of teams across the company", &[]),
    ("Coordinated 3 squads across two sites", &[("teams", 3.0)]),
    (
        "Graduated in 2016; joined in March 2018, shipped in Q3 2020",
        &[],
    ),
    ("Phone: +86 139 2345 6789 · 2019.03 - 2021.06", &[]),
    ("Wrote Python 3.11 scripts and Node.js 0.12 services", &[]),
    ("Moved APIs to HTTP/2 and gRPC", &[]),
    ("GPA 3.8/4.0, IELTS 7.5, JLPT N1", &[]),
    ("年级排名前5%，获国家奖学金", &[]),
    ("Ranked top 6 among 120 entries", &[]),
    ("QPS提升30%，延迟降低40%", &[]),
    ("Improved throughput by 35%", &[]),
    ("3. 为客户提供报表", &[]),
    ("加入一个初创团队负责后端", &[]),
    ("设计了三种用户角色", &[]),
    ("Wrote patches for 64-bit RISC-V boards", &[]),
    ("峰值QPS 12万，日活800万", &[("qps", 1.2e5), ("dau", 8e6)]),
    (
        "Led a team of 9 engineers serving 2M daily active users",
        &[("team-size", 9.0), ("dau", 2e6)],
    ),
    ("Pocket Atlas (4人)", &[("team-size", 4.0)]),
    ("Capstone, 3-person team (STAT 305)", &[("team-size", 3.0)]),
    (
        "Processed over 400,000 anonymised survey records",
        &[("records", 4e5)],
    ),
    ("开源项目获得 1.2k+ stars", &[("github-stars", 1200.0)]),
];

/// (line, whether it is a skills list, exact technology names).
const TECHNOLOGIES: &[(&str, bool, &[&str])] = &[
    ("Built TF-IDF features for search ranking", false, &[]),
    ("Owned the Go-to-market plan for the launch", false, &[]),
    ("Managed R&D budgets for two labs", false, &[]),
    ("Briefed C-level stakeholders monthly", false, &[]),
    (
        "Migrated off MongoDB to PostgreSQL",
        false,
        &["MongoDB", "PostgreSQL"],
    ),
    (
        "Compared with Elasticsearch, our ClickHouse cluster used half the memory",
        false,
        &["ClickHouse"],
    ),
    (
        "对标Elasticsearch，用ClickHouse重写检索服务",
        false,
        &["ClickHouse"],
    ),
    (
        "Skills: Go, R, C, TensorFlow",
        true,
        &["Go", "R", "C", "TensorFlow"],
    ),
];

/// What the extractor still gets wrong: (line, today's metrics). "from 9M to 7M" is a change
/// (before and after), not one cost of 7M.
const KNOWN_GAPS: &[(&str, &[(&str, f64)])] = &[(
    "Cut the quarterly cloud bill from 9M to 7M CNY",
    &[("cost", 7e6)],
)];

fn metrics_of(text: &str) -> Vec<(String, f64)> {
    find_metrics(text)
        .into_iter()
        .map(|m| (m.kind, m.value))
        .collect()
}

fn owned(expected: &[(&str, f64)]) -> Vec<(String, f64)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), *v))
        .collect()
}

#[test]
fn numbers_are_metrics_only_when_the_text_says_what_they_measure() {
    let mut wrong = Vec::new();
    for (text, expected) in METRICS {
        let got = metrics_of(text);
        if got != owned(expected) {
            wrong.push(format!("{text:?}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn aliases_match_whole_tokens_and_comparisons_are_not_used() {
    let mut wrong = Vec::new();
    for (text, list, expected) in TECHNOLOGIES {
        let mut got: Vec<String> = find_technologies(text, *list)
            .into_iter()
            .map(|s| s.name)
            .collect();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        want.sort();
        if got != want {
            wrong.push(format!("{text:?}: got {got:?}, expected {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn known_gaps_are_pinned() {
    for (text, today) in KNOWN_GAPS {
        assert_eq!(
            metrics_of(text),
            owned(today),
            "{text:?} changed: if it is now right, move it into METRICS"
        );
    }
}

/// (organisation, title) of every position in a fixture, in order.
fn positions(file: &str) -> Vec<(String, Option<String>)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/precision")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {file}: {e}"));
    let record = extract_record(file, InputFormat::Text, &bytes)
        .unwrap_or_else(|e| panic!("extract {file}: {e}"));
    record
        .positions
        .into_iter()
        .map(|p| (p.organization, p.title))
        .collect()
}

fn pos(org: &str, title: &str) -> (String, Option<String>) {
    (org.to_owned(), Some(title.to_owned()))
}

#[test]
fn breaks_customers_and_acquirers_are_not_employers() {
    assert_eq!(
        positions("break-and-customer.txt"),
        vec![
            pos("Brightfold Analytics Co., Ltd.", "Senior Backend Engineer"),
            pos("Lumen Harbor Labs", "Staff Engineer"),
        ]
    );
    assert_eq!(
        positions("break-zh.txt"),
        vec![
            pos("青岚数据科技有限公司", "高级工程师"),
            pos("白桦软件有限公司", "技术经理"),
        ]
    );
}

#[test]
fn a_flattened_export_reads_like_the_document_it_was() {
    // One quoted line, line breaks left as runs of spaces, bullets as `\xNN` escapes,
    // range dashes lost ("2016  Present"), organisation over a bare place name.
    assert_eq!(
        positions("flat-export.txt"),
        vec![
            pos("Lantern Works Ltd", "Senior Maintenance Engineer"),
            pos("Dovetail Studio", "Junior Technician"),
        ]
    );
}

#[test]
fn sentences_of_a_sectioned_chinese_resume_are_no_employers() {
    // No work section: skill sentences ("了解…布局", "…部署"), a project description
    // ("…对所有订单"), an address naming a university and a dated award sentence ("2023.05
    // 在…大赛中获一等奖，并被…实验室授予…称号") are not positions.
    assert_eq!(positions("zh-sentences-no-job.txt"), vec![]);
}

#[test]
fn entry_headers_as_strangers_write_them() {
    // Organisation / place / "From … to …" / title; "Dates: Title, Organisation, City";
    // field labels on lines of their own; dates / organisation / a title no word marks;
    // a dash glued to the organisation; a season alone; a list item that is a header (its
    // details nested under it); a range wrapped onto the next line; "Jan'05", "Aug-2004",
    // "Till Date".
    assert_eq!(
        positions("stranger-headers.txt"),
        vec![
            pos("Quillon Freight Systems", "Dispatch Manager"),
            pos("Marrow Parcel Group", "Route Planner"),
            pos("Veltro Instruments", "Field Service Technician"),
            pos("Fleet Signs Ltd.", "Advertiser"),
            pos("CLEARPATH WIRELESS", "Sales Intern"),
            pos("Orrin Data Works", "Junior Analyst"),
            pos("Tessaly Logistics Pvt. Ltd.", "Trainee"),
            pos("Hollin Yards", "Weekend Supervisor"),
        ]
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/precision/stranger-headers.txt");
    let bytes = std::fs::read(&path).expect("read fixture");
    let record =
        extract_record("stranger-headers.txt", InputFormat::Text, &bytes).expect("extract");
    let dates: Vec<(Option<String>, Option<String>)> = record
        .positions
        .iter()
        .map(|p| (p.start.clone(), p.end.clone()))
        .collect();
    let d = |s: &str, e: Option<&str>| (Some(s.to_owned()), e.map(str::to_owned));
    assert_eq!(
        dates,
        vec![
            d("2016-01", None),
            d("2012", Some("2015")),
            d("2009-02", Some("2012-03")),
            d("2007", Some("2009")),
            d("2006", Some("2006")),
            d("2005-01", Some("2006-12")),
            d("2004-08", Some("2004-11")),
            d("2003-03", None),
        ]
    );
    // "EDUCATION: School" opens the section; "MA" after the school is a state.
    let education: Vec<(String, Option<String>)> = record
        .education
        .iter()
        .map(|e| (e.institution.clone(), e.degree.clone()))
        .collect();
    assert_eq!(
        education,
        vec![("Kestrel University".to_owned(), Some("B. Tech".to_owned()))]
    );
}

/// The whole record of a precision fixture.
fn record_of(file: &str) -> careergraph::model::CareerRecord {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/precision")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {file}: {e}"));
    extract_record(file, InputFormat::Text, &bytes)
        .unwrap_or_else(|e| panic!("extract {file}: {e}"))
}

/// (institution, degree, field, end) of every education record, in order.
fn studies(record: &careergraph::model::CareerRecord) -> Vec<(String, String, String, String)> {
    record
        .education
        .iter()
        .map(|e| {
            (
                e.institution.clone(),
                e.degree.clone().unwrap_or_default(),
                e.field.clone().unwrap_or_default(),
                e.end.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn an_academic_cv_keeps_its_positions_and_its_presentations_apart() {
    // "Tenured Faculty Positions" and "Administrative Positions" are work sections (the
    // education section above does not run on into them); "Conference Presentations" and
    // "University Service" are not: their dated lines are no positions. "Associate Dean" in
    // the header is a rank, not an associate degree; the sentence after a title is its
    // description.
    let r = record_of("academic-cv.txt");
    assert_eq!(
        positions("academic-cv.txt"),
        vec![
            pos("Northfield State University", "Professor of Marine Policy"),
            pos(
                "Northfield State University",
                "Assistant Professor of Marine Policy"
            ),
            pos("College of Coastal Studies", "Associate Dean"),
            pos("", "Program Director"),
        ]
    );
    let s = |i: &str, d: &str, f: &str, e: &str| {
        (i.to_owned(), d.to_owned(), f.to_owned(), e.to_owned())
    };
    assert_eq!(
        studies(&r),
        vec![
            s("Eastbrook University", "Ph.D.", "Marine Policy", "1998-05"),
            s("Eastbrook University", "M.A.", "Marine Policy", "1994-12"),
        ]
    );
}

#[test]
fn education_laid_out_school_first_degree_first_and_under_a_contact_block() {
    // A sidebar's contact lines printed right under the heading leave the section open; a
    // school's bracketed place is no field; a second dated degree under the school above is
    // a study there; degree / field / school on three lines. In the work section a place
    // line between the organisation and the dates is the location, and a customer named in
    // a sentence ("with Initech client") is not the employer.
    let r = record_of("education-layouts.txt");
    let s = |i: &str, d: &str, f: &str, e: &str| {
        (i.to_owned(), d.to_owned(), f.to_owned(), e.to_owned())
    };
    assert_eq!(
        studies(&r),
        vec![
            s(
                "Northfield University of Technology",
                "Ph.D.",
                "Marine Robotics",
                "2015-05"
            ),
            s(
                "Northfield University of Technology",
                "M.S.",
                "Marine Robotics",
                "2013-05"
            ),
            s(
                "Eastfield University",
                "BSc (Hons)",
                "Software Design",
                "2009"
            ),
        ]
    );
    assert_eq!(
        positions("education-layouts.txt"),
        vec![
            pos("Northwind Traders", "Systems Engineer"),
            pos("Larch Technologies Pvt. Ltd", "data analyst"),
        ]
    );
    assert_eq!(r.positions[0].location.as_deref(), Some("Trenton, NJ"));
    assert_eq!(r.positions[1].start.as_deref(), Some("2013-06"));
}
