//! Extraction answer keys: every fictional résumé in `tests/fixtures/` is run through the
//! library and compared with the facts in `tests/fixtures/README.md` — kind, person,
//! positions (organisation, title, dates), education, core metrics and where they are
//! attached, and the technologies the document names.

mod common;

use careergraph::ingest::{extract_record, InputFormat};
use careergraph::model::{CareerRecord, DegreeLevel, DocumentKind, Metric, Position, Project};
use std::path::Path;

fn record(file: &str) -> CareerRecord {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {file}: {e}"));
    let format = InputFormat::from_path(&path).expect("known extension");
    extract_record(file, format, &bytes).unwrap_or_else(|e| panic!("extract {file}: {e}"))
}

/// One row of a key's position table.
struct Pos {
    /// Organisation as written.
    org: &'static str,
    /// Canonical organisation label; `None` for invented employers (no vocabulary entry).
    label: Option<&'static str>,
    title: &'static str,
    start: &'static str,
    /// `None` = current (Present / 至今 / 今).
    end: Option<&'static str>,
}

const fn pos(
    org: &'static str,
    label: Option<&'static str>,
    title: &'static str,
    start: &'static str,
    end: Option<&'static str>,
) -> Pos {
    Pos {
        org,
        label,
        title,
        start,
        end,
    }
}

fn describe(p: &Position) -> String {
    format!(
        "{:?} [{:?}] {:?} {:?}..{:?} current={}",
        p.organization, p.organization_label, p.title, p.start, p.end, p.current
    )
}

fn assert_positions(r: &CareerRecord, want: &[Pos]) {
    let got: Vec<String> = r.positions.iter().map(describe).collect();
    assert_eq!(
        r.positions.len(),
        want.len(),
        "{}: positions {got:#?}",
        r.source
    );
    for (p, w) in r.positions.iter().zip(want) {
        let ctx = format!("{}: position {}", r.source, describe(p));
        assert_eq!(p.organization, w.org, "{ctx}: organisation as written");
        assert_eq!(
            p.organization_label.as_deref(),
            w.label,
            "{ctx}: canonical organisation"
        );
        assert_eq!(p.title.as_deref(), Some(w.title), "{ctx}: title");
        assert_eq!(p.start.as_deref(), Some(w.start), "{ctx}: start");
        assert_eq!(p.end.as_deref(), w.end, "{ctx}: end");
        assert_eq!(p.current, w.end.is_none(), "{ctx}: current");
    }
}

/// One row of a key's education table.
struct Edu {
    institution: &'static str,
    level: DegreeLevel,
    degree: &'static str,
    field: &'static str,
    start: &'static str,
    end: &'static str,
}

const fn edu(
    institution: &'static str,
    level: DegreeLevel,
    degree: &'static str,
    field: &'static str,
    start: &'static str,
    end: &'static str,
) -> Edu {
    Edu {
        institution,
        level,
        degree,
        field,
        start,
        end,
    }
}

fn assert_education(r: &CareerRecord, want: &[Edu]) {
    let got: Vec<String> = r
        .education
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?} {:?} {:?} {:?}..{:?}",
                e.institution, e.degree, e.degree_level, e.field, e.start, e.end
            )
        })
        .collect();
    assert_eq!(
        r.education.len(),
        want.len(),
        "{}: education {got:#?}",
        r.source
    );
    for ((e, w), g) in r.education.iter().zip(want).zip(&got) {
        let ctx = format!("{}: education {g}", r.source);
        assert_eq!(e.institution, w.institution, "{ctx}: institution");
        assert_eq!(e.degree_level, Some(w.level), "{ctx}: level");
        assert_eq!(e.degree.as_deref(), Some(w.degree), "{ctx}: degree");
        assert_eq!(e.field.as_deref(), Some(w.field), "{ctx}: field");
        assert_eq!(e.start.as_deref(), Some(w.start), "{ctx}: start");
        assert_eq!(e.end.as_deref(), Some(w.end), "{ctx}: end");
    }
}

fn person_names(r: &CareerRecord) -> Vec<String> {
    let p = r.person.as_ref().expect("a person");
    let mut v = vec![p.name.clone()];
    v.extend(p.names.iter().cloned());
    v
}

fn assert_person(r: &CareerRecord, name: &str, other: &[&str], emails: &[&str], phones: &[&str]) {
    assert_eq!(r.kind, DocumentKind::Resume, "{}: kind", r.source);
    let p = r.person.as_ref().expect("a person");
    assert_eq!(p.name, name, "{}: name", r.source);
    let names = person_names(r);
    for o in other {
        assert!(
            names.iter().any(|n| n == o),
            "{}: other spelling {o:?} missing from {names:?}",
            r.source
        );
    }
    assert_eq!(p.emails, emails, "{}: e-mails", r.source);
    assert_eq!(p.phones, phones, "{}: phones", r.source);
}

fn position<'a>(r: &'a CareerRecord, org: &str) -> &'a Position {
    r.positions
        .iter()
        .find(|p| p.organization == org || p.organization_label.as_deref() == Some(org))
        .unwrap_or_else(|| panic!("{}: no position at {org}", r.source))
}

fn project<'a>(p: &'a Position, name: &str) -> &'a Project {
    p.projects
        .iter()
        .find(|j| j.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = p.projects.iter().map(|j| j.name.as_str()).collect();
            panic!(
                "no project {name:?} in position {} (projects {names:?})",
                p.organization
            )
        })
}

fn has_metric(metrics: &[Metric], kind: &str, value: f64) -> bool {
    metrics
        .iter()
        .any(|m| m.kind == kind && (m.value - value).abs() < 1e-6)
}

fn count_metric(metrics: &[Metric], kind: &str, value: f64) -> usize {
    metrics
        .iter()
        .filter(|m| m.kind == kind && (m.value - value).abs() < 1e-6)
        .count()
}

/// The metric is attached to the position (directly or to one of its projects/systems).
fn assert_position_metric(r: &CareerRecord, org: &str, kind: &str, value: f64) {
    let p = position(r, org);
    let found = has_metric(&p.metrics, kind, value)
        || p.projects
            .iter()
            .any(|j| has_metric(&j.metrics, kind, value));
    assert!(
        found,
        "{}: {kind} {value} not attached to {org}: {:?} / {:?}",
        r.source,
        p.metrics
            .iter()
            .map(|m| (&m.kind, m.value))
            .collect::<Vec<_>>(),
        p.projects
            .iter()
            .map(|j| (
                &j.name,
                j.metrics
                    .iter()
                    .map(|m| (&m.kind, m.value))
                    .collect::<Vec<_>>()
            ))
            .collect::<Vec<_>>()
    );
}

/// The metric is attached to the named project or system of the position.
fn assert_project_metric(r: &CareerRecord, org: &str, proj: &str, kind: &str, value: f64) {
    let j = project(position(r, org), proj);
    assert!(
        has_metric(&j.metrics, kind, value),
        "{}: {kind} {value} not attached to {org} / {proj}: {:?}",
        r.source,
        j.metrics
            .iter()
            .map(|m| (&m.kind, m.value))
            .collect::<Vec<_>>()
    );
}

fn assert_project_techs(r: &CareerRecord, org: &str, proj: &str, techs: &[&str]) {
    let j = project(position(r, org), proj);
    let names: Vec<&str> = j.technologies.iter().map(|s| s.name.as_str()).collect();
    for t in techs {
        assert!(
            names.contains(t),
            "{}: {t} missing from {org} / {proj} technologies {names:?}",
            r.source
        );
    }
}

/// Practices and architecture concepts of the technology vocabulary that a fixture names
/// besides its key's "Technologies" line (the key lists products and languages only).
const PRACTICES: &[(&str, &[&str])] = &[
    ("en-bullets.txt", &["performance testing"]),
    ("en-markdown.md", &["microservices"]),
    (
        "en-pipes.txt",
        &["database sharding", "distributed systems", "event sourcing"],
    ),
    (
        "zh-resume.txt",
        &[
            "code review",
            "database sharding",
            "microservices",
            "rate limiting",
        ],
    ),
    (
        "pdf-glued.txt",
        &["read-write splitting", "service governance"],
    ),
    ("utf16-resume.txt", &["microservices"]),
];

/// The person's named skills (vocabulary concepts other than the broad `family-*` ones) are
/// exactly the key's technologies plus the practices the file names: a missing technology
/// fails, and so does a spurious one (the traps: bold labels, "Go" as a verb, course names).
fn assert_technologies(r: &CareerRecord, techs: &[&str]) {
    let practices = PRACTICES
        .iter()
        .find(|(f, _)| *f == r.source)
        .map_or(&[][..], |(_, p)| *p);
    let mut want: Vec<&str> = techs.iter().chain(practices).copied().collect();
    want.sort_unstable();
    let mut got: Vec<&str> = r
        .skills
        .iter()
        .filter(|s| s.iri.as_deref().is_some_and(|i| !i.contains("/family-")))
        .map(|s| s.name.as_str())
        .collect();
    got.sort_unstable();
    got.dedup();
    assert_eq!(got, want, "{}: named technologies", r.source);
}

fn assert_headline(r: &CareerRecord, headline: &str, location: &str) {
    let p = r.person.as_ref().expect("a person");
    assert_eq!(
        p.headline.as_deref(),
        Some(headline),
        "{}: headline",
        r.source
    );
    assert_eq!(
        p.location.as_deref(),
        Some(location),
        "{}: location",
        r.source
    );
}

use DegreeLevel::{Bachelor, Master};

#[test]
fn en_bullets() {
    let r = record("en-bullets.txt");
    assert_person(
        &r,
        "Priya Raman",
        &[],
        &["priya.raman@example.com"],
        &["+65-555-0142"],
    );
    assert_headline(&r, "Senior Backend Engineer", "Singapore");
    assert_positions(
        &r,
        &[
            pos(
                "Kuaishou",
                Some("Kuaishou"),
                "Senior Backend Engineer",
                "2022-08",
                None,
            ),
            pos(
                "Baidu",
                Some("Baidu"),
                "Backend Engineer",
                "2019-08",
                Some("2022-03"),
            ),
            pos(
                "Northwind Analytics",
                None,
                "Software Engineer",
                "2016-07",
                Some("2019-07"),
            ),
        ],
    );
    let cities: Vec<Option<&str>> = r.positions.iter().map(|p| p.location.as_deref()).collect();
    assert_eq!(
        cities,
        [Some("Singapore"), Some("Beijing"), Some("Singapore")]
    );
    assert_education(
        &r,
        &[edu(
            "Nanyang Technological University",
            Bachelor,
            "Bachelor of Engineering",
            "Computer Science",
            "2012-08",
            "2016-06",
        )],
    );
    assert_project_metric(&r, "Kuaishou", "Ranking Service", "qps", 60000.0);
    assert_project_metric(
        &r,
        "Kuaishou",
        "Ranking Service",
        "requests-per-day",
        900_000_000.0,
    );
    assert_project_techs(&r, "Kuaishou", "Ranking Service", &["Go", "C++"]);
    assert_project_techs(&r, "Kuaishou", "Budget Pacing", &["Go", "Kafka"]);
    assert_project_techs(&r, "Baidu", "Query Rewrite Cache", &["C++", "Redis"]);
    assert!(project(position(&r, "Kuaishou"), "Ranking Service").system);
    assert_technologies(
        &r,
        &[
            "Go",
            "C++",
            "Java",
            "Python",
            "SQL",
            "Redis",
            "Kafka",
            "PostgreSQL",
            "Elasticsearch",
            "Kubernetes",
            "Docker",
            "Prometheus",
            "Linux",
        ],
    );
}

#[test]
fn en_markdown() {
    let r = record("en-markdown.md");
    assert_person(
        &r,
        "Lena Tang",
        &[],
        &["lena.tang@example.org"],
        &["+86-137-0000-0104"],
    );
    assert_eq!(
        r.person.as_ref().unwrap().location.as_deref(),
        Some("Hangzhou, China")
    );
    assert_positions(
        &r,
        &[
            pos(
                "Alibaba",
                Some("Alibaba Group"),
                "Senior Backend Engineer",
                "2021-08",
                None,
            ),
            pos(
                "Huawei",
                Some("Huawei"),
                "Software Engineer",
                "2019-07",
                Some("2021-07"),
            ),
        ],
    );
    assert_education(
        &r,
        &[
            edu(
                "Fudan University",
                Master,
                "Master of Engineering",
                "Network Security",
                "2016-09",
                "2019-06",
            ),
            edu(
                "Wuhan University",
                Bachelor,
                "Bachelor of Engineering",
                "Computer Science",
                "2012-09",
                "2016-06",
            ),
        ],
    );
    assert_project_metric(&r, "Alibaba", "Order Routing", "qps", 32000.0);
    assert_project_metric(
        &r,
        "Alibaba",
        "Order Routing",
        "requests-per-day",
        650_000_000.0,
    );
    assert_project_metric(&r, "Huawei", "Session Store", "tps", 27000.0);
    assert_project_techs(&r, "Alibaba", "Order Routing", &["Java", "Go"]);
    assert_project_techs(&r, "Huawei", "Session Store", &["C++"]);
    assert_project_techs(&r, "Huawei", "Config Service", &["Go", "gRPC"]);
    // "**Mentoring** — onboarded four engineers" is a bold label, not a system.
    assert!(
        !r.positions
            .iter()
            .flat_map(|p| &p.projects)
            .any(|j| j.name == "Mentoring" && j.system),
        "Mentoring is not a system"
    );
    assert_technologies(
        &r,
        &[
            "Java",
            "Go",
            "C++",
            "Python",
            "Redis",
            "RocketMQ",
            "MySQL",
            "gRPC",
            "Docker",
            "Kubernetes",
            "Jenkins",
            "Linux",
        ],
    );
}

#[test]
fn zh_resume() {
    let r = record("zh-resume.txt");
    assert_person(
        &r,
        "孙雨桐",
        &["Sun Yutong"],
        &["sun.yutong@example.cn"],
        &["+86-139-0000-0003"],
    );
    assert_positions(
        &r,
        &[
            pos(
                "字节跳动",
                Some("ByteDance"),
                "资深后端工程师",
                "2021-07",
                None,
            ),
            pos(
                "杭州云帆科技有限公司",
                None,
                "后端技术负责人",
                "2019-03",
                Some("2021-06"),
            ),
            pos(
                "百度",
                Some("Baidu"),
                "后端开发工程师",
                "2016-07",
                Some("2019-02"),
            ),
        ],
    );
    let departments: Vec<Option<&str>> = r
        .positions
        .iter()
        .map(|p| p.department.as_deref())
        .collect();
    assert_eq!(departments, [Some("基础架构部"), None, Some("地图事业部")]);
    assert_education(
        &r,
        &[
            edu(
                "南京大学",
                Master,
                "硕士",
                "计算机科学与技术",
                "2013-09",
                "2016-06",
            ),
            edu(
                "东南大学",
                Bachelor,
                "本科",
                "软件工程",
                "2009-09",
                "2013-06",
            ),
        ],
    );
    assert_position_metric(&r, "字节跳动", "messages-per-day", 300_000_000.0);
    assert_position_metric(&r, "字节跳动", "qps", 50000.0);
    assert_position_metric(&r, "杭州云帆科技有限公司", "dau", 10_000_000.0);
    assert_technologies(
        &r,
        &[
            "Go",
            "Java",
            "Rust",
            "Redis",
            "Kafka",
            "MySQL",
            "Elasticsearch",
            "Kubernetes",
            "Docker",
            "Prometheus",
            "Grafana",
        ],
    );
}

#[test]
fn zh_prose_bio() {
    let r = record("zh-prose-bio.txt");
    assert_person(&r, "赵思远", &["Zhao Siyuan"], &[], &[]);
    assert_positions(
        &r,
        &[
            pos("美团", Some("Meituan"), "技术专家", "2016-03", None),
            pos(
                "阿里巴巴",
                Some("Alibaba Group"),
                "高级开发工程师",
                "2013-07",
                Some("2016-03"),
            ),
            pos(
                "百度",
                Some("Baidu"),
                "研发工程师",
                "2010-07",
                Some("2013-07"),
            ),
        ],
    );
    let departments: Vec<Option<&str>> = r
        .positions
        .iter()
        .map(|p| p.department.as_deref())
        .collect();
    assert_eq!(
        departments,
        [Some("基础架构部"), Some("中间件事业部"), Some("网页搜索部")]
    );
    assert_education(
        &r,
        &[
            edu("华中科技大学", Master, "硕士", "计算机学院", "2007", "2010"),
            edu(
                "山东大学",
                Bachelor,
                "本科",
                "计算机科学与技术学院",
                "2003",
                "2007",
            ),
        ],
    );
    assert_position_metric(&r, "美团", "qps", 30_000_000.0);
    assert_position_metric(&r, "美团", "messages-per-day", 500_000_000_000.0);
    assert_position_metric(&r, "阿里巴巴", "tps", 180_000.0);
    let stack = |org: &str| -> Vec<String> {
        position(&r, org)
            .technologies
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    for (org, techs) in [
        (
            "美团",
            &[
                "Java",
                "Go",
                "Redis",
                "Kafka",
                "ZooKeeper",
                "MySQL",
                "Kubernetes",
                "Prometheus",
            ][..],
        ),
        (
            "阿里巴巴",
            &["Java", "RocketMQ", "HBase", "Dubbo", "Linux"][..],
        ),
        ("百度", &["C++", "Python", "Hadoop", "Shell"][..]),
    ] {
        let have = stack(org);
        for t in techs {
            assert!(
                have.iter().any(|h| h == t),
                "{org}: {t} missing from {have:?}"
            );
        }
    }
}

#[test]
fn bilingual() {
    let r = record("bilingual.txt");
    assert_person(
        &r,
        "Kai Zhang",
        &["张凯"],
        &["kai.zhang@example.com"],
        &["+86-136-0000-0005"],
    );
    assert_headline(&r, "Senior Software Engineer", "Shenzhen, China");
    // The Chinese half repeats the English one: one person, two positions, one school.
    assert_positions(
        &r,
        &[
            pos(
                "Xiaomi",
                Some("Xiaomi"),
                "Senior Software Engineer",
                "2019-01",
                None,
            ),
            pos(
                "Tencent",
                Some("Tencent"),
                "Backend Engineer",
                "2015-07",
                Some("2018-12"),
            ),
        ],
    );
    let cities: Vec<Option<&str>> = r.positions.iter().map(|p| p.location.as_deref()).collect();
    assert_eq!(cities, [Some("Beijing"), Some("Shenzhen")]);
    assert_education(
        &r,
        &[edu(
            "Sun Yat-sen University",
            Bachelor,
            "Bachelor of Engineering",
            "Computer Science",
            "2011-09",
            "2015-06",
        )],
    );
    // Each metric is stated once per language and counted once.
    let xiaomi = position(&r, "Xiaomi");
    let all: Vec<Metric> = xiaomi
        .metrics
        .iter()
        .chain(xiaomi.projects.iter().flat_map(|j| &j.metrics))
        .cloned()
        .collect();
    assert_eq!(count_metric(&all, "qps", 30000.0), 1, "{all:?}");
    assert_eq!(count_metric(&all, "dau", 20_000_000.0), 1, "{all:?}");
    assert_technologies(
        &r,
        &[
            "C++",
            "Go",
            "Python",
            "Redis",
            "Kafka",
            "MySQL",
            "gRPC",
            "Kubernetes",
        ],
    );
}

#[test]
fn pdf_glued() {
    let r = record("pdf-glued.txt");
    assert_person(
        &r,
        "李嘉航",
        &["Li Jiahang"],
        &["li.jiahang@example.cn"],
        &["+86-138-0000-0002"],
    );
    assert_headline(&r, "高级后端工程师", "北京");
    assert_eq!(
        r.person.as_ref().unwrap().urls,
        ["https://li.example.cn/"],
        "the URL stops before the CJK heading"
    );
    assert_positions(
        &r,
        &[
            pos("快手", Some("Kuaishou"), "高级后端工程师", "2020-05", None),
            pos(
                "小米",
                Some("Xiaomi"),
                "后端工程师",
                "2017-07",
                Some("2020-04"),
            ),
        ],
    );
    let cities: Vec<Option<&str>> = r.positions.iter().map(|p| p.location.as_deref()).collect();
    assert_eq!(cities, [Some("北京"), Some("北京")]);
    // Projects belong to the position whose dates contain theirs.
    let ks = position(&r, "快手");
    let gift = project(ks, "直播礼物结算系统重构");
    assert_eq!(gift.role.as_deref(), Some("核心开发/技术负责人"));
    assert_eq!(
        (gift.start.as_deref(), gift.end.as_deref()),
        (Some("2021-03"), Some("2022-12"))
    );
    let mi = position(&r, "小米");
    let store = project(mi, "应用商店增量更新服务");
    assert_eq!(store.role.as_deref(), Some("核心开发"));
    assert_project_techs(
        &r,
        "快手",
        "直播礼物结算系统重构",
        &["Go", "Redis", "Kafka", "TiDB"],
    );
    assert_project_techs(&r, "小米", "应用商店增量更新服务", &["Java"]);
    assert!(has_metric(&ks.metrics, "qps", 40000.0), "{:?}", ks.metrics);
    assert_project_metric(&r, "快手", "直播礼物结算系统重构", "qps", 40000.0);
    assert_position_metric(&r, "小米", "qps", 15000.0);
    assert!(
        !has_metric(&ks.metrics, "qps", 15000.0),
        "the Xiaomi figure is not Kuaishou's"
    );
    assert_education(
        &r,
        &[edu(
            "电子科技大学",
            Bachelor,
            "本科",
            "计算机科学与技术",
            "2013-09",
            "2017-06",
        )],
    );
    assert_technologies(
        &r,
        &[
            "Go",
            "Java",
            "Redis",
            "Kafka",
            "MySQL",
            "TiDB",
            "gRPC",
            "Kubernetes",
            "Prometheus",
        ],
    );
}

#[test]
fn role_profile() {
    let r = record("role-profile.txt");
    assert_eq!(r.kind, DocumentKind::RoleProfile);
    assert!(r.person.is_none());
    assert!(r.positions.is_empty() && r.education.is_empty());
    assert!(r.metrics.is_empty(), "{:?}", r.metrics);
    let rp = r.role_profile.as_ref().expect("role profile");
    assert_eq!(rp.title, "Senior Backend Engineer");
    assert_eq!(rp.organization.as_deref(), Some("ByteDance"));
    assert_eq!(rp.organization_label.as_deref(), Some("ByteDance"));
    let required: Vec<&str> = rp.required.iter().map(|s| s.name.as_str()).collect();
    for t in [
        "Go",
        "Java",
        "Python",
        "C++",
        "Kafka",
        "Redis",
        "Kubernetes",
        "MySQL",
        "HBase",
        "gRPC",
        "Thrift",
    ] {
        assert!(required.contains(&t), "{t} missing from {required:?}");
    }
    // The traps (verb "Go", "dozens of countries", "millions of users") add nothing.
    assert_eq!(required.len(), 11, "spurious technologies in {required:?}");
}

#[test]
fn gbk_resume() {
    let r = record("gbk-resume.txt");
    assert_person(
        &r,
        "周晓彤",
        &["Zhou Xiaotong"],
        &["zhou.xiaotong@example.cn"],
        &["+86-135-0000-0006"],
    );
    assert_positions(
        &r,
        &[
            pos(
                "阿里巴巴",
                Some("Alibaba Group"),
                "高级开发工程师",
                "2022-04",
                None,
            ),
            pos(
                "华为",
                Some("Huawei"),
                "软件工程师",
                "2018-07",
                Some("2022-03"),
            ),
        ],
    );
    assert_education(
        &r,
        &[edu(
            "哈尔滨工业大学",
            Bachelor,
            "本科",
            "计算机科学与技术",
            "2014-09",
            "2018-06",
        )],
    );
    assert_position_metric(&r, "阿里巴巴", "qps", 12000.0);
    assert_technologies(
        &r,
        &[
            "Java",
            "Spring Boot",
            "MySQL",
            "Redis",
            "Kafka",
            "Docker",
            "Linux",
        ],
    );
}

#[test]
fn utf16_resume() {
    let r = record("utf16-resume.txt");
    assert_person(
        &r,
        "Tomás Ortega",
        &[],
        &["tomas.ortega@example.org"],
        &["+34-555-0119"],
    );
    assert_headline(&r, "Senior Software Engineer", "Madrid, Spain");
    assert_positions(
        &r,
        &[
            pos(
                "Amazon",
                Some("Amazon"),
                "Senior Software Engineer",
                "2020-07",
                None,
            ),
            pos(
                "Huawei",
                Some("Huawei"),
                "Software Engineer",
                "2017-09",
                Some("2020-06"),
            ),
        ],
    );
    assert_education(
        &r,
        &[edu(
            "Universidad Politécnica de Madrid",
            Bachelor,
            "BSc",
            "Computer Science",
            "2013",
            "2017",
        )],
    );
    assert_position_metric(&r, "Amazon", "qps", 15000.0);
    assert_technologies(
        &r,
        &[
            "Java",
            "Kotlin",
            "DynamoDB",
            "AWS Lambda",
            "Terraform",
            "Ansible",
            "PostgreSQL",
        ],
    );
}

#[test]
fn en_pipes() {
    let r = record("en-pipes.txt");
    assert_person(
        &r,
        "Ethan Liu",
        &[],
        &["ethan.liu@example.com"],
        &["+86-186-0000-0008"],
    );
    assert_headline(&r, "Senior Backend Engineer", "Beijing");
    // The contact header has the shape of a position line; it is not one.
    assert_positions(
        &r,
        &[
            pos(
                "Meituan",
                Some("Meituan"),
                "Senior Backend Engineer",
                "2020-05",
                None,
            ),
            pos(
                "Baidu",
                Some("Baidu"),
                "Backend Engineer",
                "2018-07",
                Some("2020-04"),
            ),
            pos(
                "Bluefin Data Ltd.",
                None,
                "Junior Developer",
                "2016-07",
                Some("2018-06"),
            ),
        ],
    );
    let cities: Vec<Option<&str>> = r.positions.iter().map(|p| p.location.as_deref()).collect();
    assert_eq!(cities, [Some("Beijing"), Some("Beijing"), Some("Tianjin")]);
    type ProjectRow = (String, Option<String>, Option<String>, Option<String>);
    let projects = |org: &str| -> Vec<ProjectRow> {
        position(&r, org)
            .projects
            .iter()
            .map(|j| {
                (
                    j.name.clone(),
                    j.role.clone(),
                    j.start.clone(),
                    j.end.clone(),
                )
            })
            .collect()
    };
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        projects("Meituan"),
        [
            (
                "Merchant Settlement Platform".to_owned(),
                s("Tech Lead"),
                s("2022-08"),
                None
            ),
            (
                "Delivery ETA Service".to_owned(),
                s("Core Developer"),
                s("2020-05"),
                s("2022-07")
            ),
        ]
    );
    assert_eq!(
        projects("Baidu"),
        [(
            "Search Suggestion Backend".to_owned(),
            s("Core Developer"),
            s("2018-07"),
            s("2020-04")
        )]
    );
    assert_project_metric(&r, "Meituan", "Merchant Settlement Platform", "tps", 6000.0);
    assert_project_metric(&r, "Meituan", "Delivery ETA Service", "qps", 20000.0);
    assert_project_metric(
        &r,
        "Baidu",
        "Search Suggestion Backend",
        "requests-per-day",
        300_000_000.0,
    );
    assert_project_techs(
        &r,
        "Meituan",
        "Merchant Settlement Platform",
        &["Go", "Kafka", "TiDB"],
    );
    assert_project_techs(
        &r,
        "Meituan",
        "Delivery ETA Service",
        &["Go", "Redis", "Kafka"],
    );
    assert_project_techs(
        &r,
        "Baidu",
        "Search Suggestion Backend",
        &["C++", "Python", "Elasticsearch"],
    );
    assert_education(
        &r,
        &[edu(
            "Tongji University",
            Bachelor,
            "B.S.",
            "Software Engineering",
            "2012-09",
            "2016-06",
        )],
    );
    assert_technologies(
        &r,
        &[
            "Go",
            "C++",
            "Python",
            "Redis",
            "Kafka",
            "Elasticsearch",
            "MySQL",
            "TiDB",
            "Docker",
            "Kubernetes",
        ],
    );
}

#[test]
fn other_document() {
    let r = record("other.txt");
    assert_eq!(r.kind, DocumentKind::Other);
    assert!(r.person.is_none());
    assert!(r.role_profile.is_none());
    assert!(r.positions.is_empty() && r.education.is_empty() && r.projects.is_empty());
    assert!(r.skills.is_empty(), "{:?}", r.skills);
    assert!(r.metrics.is_empty(), "{:?}", r.metrics);
}

#[test]
fn utf8_bom() {
    let r = record("utf8-bom.txt");
    assert_person(
        &r,
        "Olivia Grant",
        &[],
        &["olivia.grant@example.com"],
        &["+44-555-0177"],
    );
    assert_headline(&r, "Site Reliability Engineer", "Edinburgh, UK");
    assert_positions(
        &r,
        &[
            pos(
                "ByteDance",
                Some("ByteDance"),
                "Site Reliability Engineer",
                "2021-01",
                None,
            ),
            pos(
                "Contoso Cloud",
                None,
                "Systems Engineer",
                "2017-06",
                Some("2020-12"),
            ),
        ],
    );
    assert_education(
        &r,
        &[edu(
            "University of Edinburgh",
            Bachelor,
            "BSc (Hons)",
            "Informatics",
            "2013",
            "2017",
        )],
    );
    assert_position_metric(&r, "ByteDance", "availability", 99.99);
    assert_technologies(
        &r,
        &[
            "Kubernetes",
            "Prometheus",
            "Terraform",
            "Go",
            "Python",
            "Linux",
        ],
    );
}

/// Employers are normalised across languages and files (README "Cross-file facts").
#[test]
fn employers_across_files() {
    let files = common::RESUME_FIXTURES;
    let mut baidu = 0;
    let mut people = Vec::new();
    for f in files {
        let r = record(f);
        assert_eq!(r.kind, DocumentKind::Resume, "{f}");
        people.push(r.person.as_ref().unwrap().name.clone());
        baidu += r
            .positions
            .iter()
            .filter(|p| p.organization_label.as_deref() == Some("Baidu"))
            .count();
    }
    assert_eq!(
        baidu, 4,
        "Baidu in en-bullets, zh-resume, zh-prose-bio, en-pipes"
    );
    people.sort();
    people.dedup();
    assert_eq!(people.len(), 10);
}
