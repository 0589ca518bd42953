//! Deterministic synthetic résumés for benchmarks and scale tests
//! (`careergraph generate --count N --seed S --out DIR`).
//!
//! Every résumé is a pure function of `(seed, index)` and the embedded vocabularies: a small
//! SplitMix64 generator seeded from both drives every choice, and the vocabularies are read
//! in their sorted (IRI) order, so the same pair gives the same bytes on any machine (for a
//! given version of `ontology/*.ttl`), and résumé `i` does not depend on how many others are
//! generated (a corpus can be written in parallel).
//!
//! The résumés imitate the styles the text extractor handles (see `tests/fixtures/`):
//! English bullet résumés, Markdown résumés, `Company | Title | City | dates` pipe résumés,
//! Chinese 简历 with `#### 2019.3 - 2021.6      公司：…` headings, Chinese pipe résumés, and
//! bilingual files (the English résumé, a dashed rule, the same résumé in Chinese).
//! Mix: about 45 % English, 35 % Chinese, 20 % bilingual.
//!
//! Employers and universities come from `ontology/organizations.ttl` (plus invented
//! companies), technologies from `ontology/technologies.ttl`. People, contact details,
//! systems and numbers are made up: names are combinations of common given and family
//! names, e-mails use `example.com`/`example.org`/`example.cn`, phones are `+86-1xx-0000-xxxx`
//! or `+CC-555-01xx`. About a fifth of the people ran a Go system above 10K QPS in one of
//! their positions (the `go-qps-10k` query); in every other position that mentions Go, QPS
//! figures stay at or below 8K, so the answer set is known by construction.

use crate::vocab::{vocabulary, Concept};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

/// Settings of a generated corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of résumés.
    pub count: usize,
    /// Seed of the corpus: the same seed gives the same files.
    pub seed: u64,
}

/// One generated résumé: file name (e.g. "000042-en.txt") and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedResume {
    /// File name: zero-padded index, language tag (`en`, `zh`, `bi`) and extension
    /// (`.md` for Markdown résumés, `.txt` otherwise).
    pub file_name: String,
    /// The résumé text (UTF-8).
    pub text: String,
}

/// The i-th résumé of a corpus (deterministic for (seed, i), independent of count, so it can
/// be generated in parallel).
pub fn generate_one(seed: u64, i: usize) -> GeneratedResume {
    let mut rng = Rng::new(seed, i as u64);
    let facts = Facts::new(&mut rng, i);
    let (text, ext) = match facts.style {
        Style::EnBullets => (render_en_bullets(&facts, &mut rng), "txt"),
        Style::EnMarkdown => (render_en_markdown(&facts, &mut rng), "md"),
        Style::EnPipes => (render_en_pipes(&facts, &mut rng), "txt"),
        Style::ZhJianli => (render_zh_jianli(&facts, &mut rng), "txt"),
        Style::ZhPipes => (render_zh_pipes(&facts, &mut rng), "txt"),
        Style::Bilingual => {
            let mut t = render_en_plain(&facts, &mut rng);
            t.push_str("\n--------------------------------------------------------------\n\n");
            t.push_str(&render_zh_pipes(&facts, &mut rng));
            (t, "txt")
        }
    };
    GeneratedResume {
        file_name: format!("{i:06}-{}.{ext}", facts.style.lang_tag()),
        text,
    }
}

/// Write `count` résumés into `dir` (created), returning bytes written.
pub fn write_corpus(dir: &Path, opts: &GenerateOptions) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    // Build the vocabulary pools once before the workers start.
    let _ = pools();
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 16)
        .min(opts.count.max(1));
    let results: Vec<std::io::Result<u64>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                scope.spawn(move || -> std::io::Result<u64> {
                    let mut bytes = 0u64;
                    for i in (w..opts.count).step_by(workers) {
                        let r = generate_one(opts.seed, i);
                        std::fs::write(dir.join(&r.file_name), r.text.as_bytes())?;
                        bytes += r.text.len() as u64;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("generator thread panicked")))
            })
            .collect()
    });
    results.into_iter().sum()
}

// ------------------------------------------------------------------------------------------
// PRNG

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough for test data, and the
/// same on every platform.
struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        Rng(mix64(
            mix64(seed ^ 0x5EED_CA4E_E46A_u64) ^ mix64(stream.wrapping_add(GOLDEN)),
        ))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix64(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len() - 1
    }

    /// `k` distinct indices of `0..n`, in draw order.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for j in 0..k {
            let r = j + self.below(n - j);
            idx.swap(j, r);
        }
        idx.truncate(k);
        idx
    }
}

// ------------------------------------------------------------------------------------------
// Vocabulary pools

/// An organisation usable in a résumé: English label and, when known, the Chinese one.
#[derive(Debug, Clone)]
struct Org {
    en: String,
    zh: Option<String>,
}

/// A technology label with its drawing weight.
#[derive(Debug, Clone)]
struct WTech {
    label: String,
    weight: u32,
}

#[derive(Debug)]
struct Pools {
    companies: Vec<Org>,
    companies_zh: Vec<Org>,
    universities: Vec<Org>,
    universities_zh: Vec<Org>,
    langs: Vec<WTech>,
    data: Vec<WTech>,
    infra: Vec<WTech>,
    go: String,
}

const TECH_NS: &str = "https://w3id.org/careergraph/tech/";

/// Backend languages systems are written in (besides Go), by concept local name, with
/// weights: the mainstream ones dominate, as in real résumés.
const SYSTEM_LANGUAGES: &[(&str, u32)] = &[
    ("java", 10),
    ("cpp", 8),
    ("python", 8),
    ("kotlin", 2),
    ("scala", 2),
    ("csharp", 2),
    ("nodejs", 2),
    ("php", 2),
    ("erlang", 1),
];

/// Families whose members go into "(Go/Redis)" lists and middleware skill lines.
const DATA_FAMILIES: &[&str] = &[
    "relational-database",
    "key-value-store",
    "cache",
    "document-database",
    "message-queue",
    "search-engine",
    "wide-column-store",
    "olap-database",
    "time-series-database",
    "stream-processing",
    "distributed-coordination",
];

/// Families of infrastructure skills (containers, monitoring, CI…).
const INFRA_FAMILIES: &[&str] = &[
    "container",
    "orchestration",
    "web-server",
    "load-balancer",
    "monitoring",
    "ci-cd",
    "infrastructure-as-code",
    "service-mesh",
    "tracing",
];

const EXACT_MATCH: &str = "http://www.w3.org/2004/02/skos/core#exactMatch";

fn pools() -> &'static Pools {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    POOLS.get_or_init(Pools::load)
}

impl Pools {
    fn load() -> Pools {
        let v = vocabulary();
        let words = crate::extract::Words::get();
        let orgs = &v.organizations;
        let techs = &v.technologies;
        // A label is usable when the extractor finds exactly this concept for it, and it
        // does not read as a job title or contain a technology name.
        let org_label_ok = |c: &Concept, label: &str| {
            let hits = orgs.find_all(label);
            hits.len() == 1
                && hits[0].start == 0
                && hits[0].end == label.len()
                && !hits[0].needs_context
                && orgs.concepts[hits[0].concept].iri == c.iri
                && orgs.lookup(label).is_some_and(|l| l.iri == c.iri)
                && techs.find_all(label).is_empty()
                && !words.is_title(label)
                && !label.contains(['|', '/', '—', '–', '(', '（', ','])
        };
        let mut companies = Vec::new();
        let mut universities = Vec::new();
        for c in &orgs.concepts {
            let company = c.types.iter().any(|t| t.ends_with("#Company"));
            let university = c.types.iter().any(|t| t.ends_with("#University"));
            if !(company || university) || c.label_en.is_empty() || !c.label_en.is_ascii() {
                continue;
            }
            if !org_label_ok(c, &c.label_en) {
                continue;
            }
            let zh = c
                .label_zh
                .clone()
                .filter(|zh| zh.chars().count() <= 12 && org_label_ok(c, zh));
            let org = Org {
                en: c.label_en.clone(),
                zh,
            };
            if company {
                companies.push(org);
            } else if words.is_school(&org.en) || words.is_known_university(&org.en) {
                universities.push(org);
            }
        }
        let companies_zh = companies
            .iter()
            .filter(|o| o.zh.is_some())
            .cloned()
            .collect();
        let universities_zh = universities
            .iter()
            .filter(|o| o.zh.as_deref().is_some_and(|z| words.is_school(z)))
            .cloned()
            .collect();

        let tech_ok = |c: &Concept| {
            let label = c.label_en.as_str();
            let hits = techs.find_all(label);
            !c.needs_context
                && !c.iri.contains("/family-")
                && label.chars().next().is_some_and(char::is_alphanumeric)
                && label.split_whitespace().count() <= 2
                && !label.contains(['/', '(', ','])
                && !words.is_title(label)
                && orgs.find_all(label).is_empty()
                && hits.len() == 1
                && hits[0].start == 0
                && hits[0].end == label.len()
                && !hits[0].needs_context
                && techs.concepts[hits[0].concept].iri == c.iri
        };
        // Every family of the concept is one of `fams` (SNMP, a monitoring tool and a
        // protocol, stays out of the infrastructure pool).
        let in_families = |c: &Concept, fams: &[&str]| {
            !c.broader.is_empty()
                && c.broader.iter().all(|b| {
                    b.strip_prefix(TECH_NS)
                        .and_then(|l| l.strip_prefix("family-"))
                        .is_some_and(|f| fams.contains(&f))
                })
        };
        // Well-known concepts (with a Wikidata match) are drawn twelve times as often.
        let family_pool = |fams: &[&str]| -> Vec<WTech> {
            techs
                .concepts
                .iter()
                .filter(|c| in_families(c, fams) && tech_ok(c))
                .map(|c| WTech {
                    label: c.label_en.clone(),
                    weight: if c.props.contains_key(EXACT_MATCH) {
                        12
                    } else {
                        1
                    },
                })
                .collect()
        };
        let langs = SYSTEM_LANGUAGES
            .iter()
            .filter_map(|(local, w)| {
                let c = techs.get(&format!("{TECH_NS}{local}"))?;
                tech_ok(c).then(|| WTech {
                    label: c.label_en.clone(),
                    weight: *w,
                })
            })
            .collect();
        let go = techs
            .get(&format!("{TECH_NS}go"))
            .map_or_else(|| "Go".to_owned(), |c| c.label_en.clone());
        Pools {
            companies,
            companies_zh,
            universities,
            universities_zh,
            langs,
            data: family_pool(DATA_FAMILIES),
            infra: family_pool(INFRA_FAMILIES),
            go,
        }
    }
}

fn pick_tech(rng: &mut Rng, pool: &[WTech]) -> String {
    let weights: Vec<u32> = pool.iter().map(|t| t.weight).collect();
    pool[rng.weighted(&weights)].label.clone()
}

/// `k` distinct technologies of a pool (weighted), avoiding `taken`.
fn pick_techs(rng: &mut Rng, pool: &[WTech], k: usize, taken: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for _ in 0..k * 8 {
        if out.len() == k {
            break;
        }
        let t = pick_tech(rng, pool);
        if !out.contains(&t) && !taken.contains(&t) {
            out.push(t);
        }
    }
    out
}

// ------------------------------------------------------------------------------------------
// Word lists (fictional people and systems)

const GIVEN_EN: &[&str] = &[
    "Priya", "Ethan", "Olivia", "Lena", "Marcus", "Sofia", "Daniel", "Amara", "Lucas", "Hannah",
    "Noah", "Isabel", "Ravi", "Chloe", "Mateo", "Nadia", "Owen", "Freya", "Samuel", "Leila",
    "Arjun", "Elena", "Tobias", "Maya", "Julian", "Zara", "Felix", "Ingrid", "Diego", "Aisha",
    "Jonas", "Clara", "Omar", "Yara", "Henrik", "Anika",
];

const FAMILY_EN: &[&str] = &[
    "Raman",
    "Grant",
    "Ortega",
    "Novak",
    "Becker",
    "Lindqvist",
    "Okafor",
    "Moreau",
    "Fischer",
    "Haddad",
    "Kowalski",
    "Silva",
    "Nakamura",
    "Petrov",
    "Rossi",
    "Kaur",
    "Mendes",
    "Walsh",
    "Dubois",
    "Jensen",
    "Costa",
    "Iyer",
    "Brennan",
    "Sato",
    "Varga",
    "Hughes",
    "Adeyemi",
    "Larsen",
    "Navarro",
    "Keller",
    "Lund",
    "Ferreira",
];

/// Chinese surnames with their pinyin.
const SURNAMES_ZH: &[(&str, &str)] = &[
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("林", "Lin"),
    ("罗", "Luo"),
    ("高", "Gao"),
    ("郑", "Zheng"),
    ("梁", "Liang"),
    ("谢", "Xie"),
    ("宋", "Song"),
    ("唐", "Tang"),
    ("韩", "Han"),
    ("冯", "Feng"),
    ("邓", "Deng"),
    ("曹", "Cao"),
    ("彭", "Peng"),
    ("曾", "Zeng"),
    ("肖", "Xiao"),
    ("田", "Tian"),
    ("董", "Dong"),
    ("潘", "Pan"),
    ("袁", "Yuan"),
    ("蒋", "Jiang"),
    ("蔡", "Cai"),
    ("余", "Yu"),
    ("叶", "Ye"),
];

/// Characters of Chinese given names with their pinyin.
const GIVEN_ZH: &[(&str, &str)] = &[
    ("伟", "wei"),
    ("芳", "fang"),
    ("敏", "min"),
    ("静", "jing"),
    ("磊", "lei"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("霞", "xia"),
    ("宇", "yu"),
    ("浩", "hao"),
    ("婷", "ting"),
    ("欣", "xin"),
    ("晨", "chen"),
    ("博", "bo"),
    ("凯", "kai"),
    ("思", "si"),
    ("雨", "yu"),
    ("彤", "tong"),
    ("嘉", "jia"),
    ("航", "hang"),
    ("远", "yuan"),
    ("晓", "xiao"),
    ("梓", "zi"),
    ("睿", "rui"),
    ("琳", "lin"),
    ("然", "ran"),
    ("轩", "xuan"),
    ("怡", "yi"),
    ("泽", "ze"),
    ("楠", "nan"),
    ("辰", "chen"),
    ("佳", "jia"),
    ("文", "wen"),
    ("俊", "jun"),
    ("鹏", "peng"),
    ("颖", "ying"),
    ("昊", "hao"),
];

/// Cities: (English, Chinese, country English, country Chinese, phone prefix or "" for +86).
const CITIES_CN: &[(&str, &str)] = &[
    ("Beijing", "北京"),
    ("Shanghai", "上海"),
    ("Shenzhen", "深圳"),
    ("Hangzhou", "杭州"),
    ("Guangzhou", "广州"),
    ("Chengdu", "成都"),
    ("Nanjing", "南京"),
    ("Wuhan", "武汉"),
    ("Suzhou", "苏州"),
    ("Xiamen", "厦门"),
];

const CITIES_INTL: &[(&str, &str, &str)] = &[
    ("Singapore", "Singapore", "+65"),
    ("London", "UK", "+44"),
    ("Berlin", "Germany", "+49"),
    ("Toronto", "Canada", "+1"),
    ("Seattle", "USA", "+1"),
    ("Dublin", "Ireland", "+353"),
    ("Amsterdam", "Netherlands", "+31"),
    ("Sydney", "Australia", "+61"),
    ("Madrid", "Spain", "+34"),
];

/// Business domains of systems (English, Chinese).
const DOMAINS: &[(&str, &str)] = &[
    ("Payment", "支付"),
    ("Order", "订单"),
    ("Query", "查询"),
    ("Feed", "信息流"),
    ("Push", "推送"),
    ("Ad Delivery", "广告投放"),
    ("Recommendation", "推荐"),
    ("Inventory", "库存"),
    ("Billing", "计费"),
    ("Risk Control", "风控"),
    ("Session", "会话"),
    ("Messaging", "消息"),
    ("Notification", "通知"),
    ("Account", "账号"),
    ("Pricing", "定价"),
    ("Ranking", "排序"),
    ("Settlement", "结算"),
    ("Delivery ETA", "配送时效"),
    ("Coupon", "优惠券"),
    ("Comment", "评论"),
    ("Live Gift", "直播礼物"),
    ("Transcoding", "转码"),
    ("Device Shadow", "设备影子"),
    ("Geofence", "地理围栏"),
    ("Quota", "配额"),
    ("Membership", "会员"),
    ("Checkout", "收银台"),
    ("Identity", "身份认证"),
    ("Dispatch", "调度"),
    ("Reconciliation", "对账"),
];

/// Nouns that make a domain a system name (English, Chinese).
const SYSTEM_NOUNS: &[(&str, &str)] = &[
    ("Gateway", "网关"),
    ("Service", "服务"),
    ("Platform", "平台"),
    ("Engine", "引擎"),
    ("Backend", "后台"),
    ("System", "系统"),
    ("Cluster", "集群"),
];

/// Departments (English, Chinese).
const DEPARTMENTS: &[(&str, &str)] = &[
    ("Infrastructure Department", "基础架构部"),
    ("Search Department", "搜索部"),
    ("Commercialization Engineering", "商业化技术部"),
    ("E-commerce Platform Department", "电商平台部"),
    ("Cloud Platform Department", "云平台部"),
    ("Payments Department", "支付事业部"),
    ("Data Platform Department", "数据平台部"),
    ("Core Services Team", "核心服务组"),
];

/// Products a system serves (English, Chinese).
const PRODUCTS: &[(&str, &str)] = &[
    ("shopping", "电商"),
    ("short-video", "短视频"),
    ("food-delivery", "外卖"),
    ("ride-hailing", "网约车"),
    ("news", "资讯"),
    ("music", "音乐"),
    ("travel", "旅行"),
    ("smart-home", "智能家居"),
    ("fintech", "金融"),
    ("gaming", "游戏"),
];

/// Job titles (English, Chinese); the first entries are senior.
const TITLES: &[(&str, &str)] = &[
    ("Staff Engineer", "高级技术专家"),
    ("Principal Engineer", "资深技术专家"),
    ("Tech Lead", "后端技术负责人"),
    ("Senior Backend Engineer", "资深后端工程师"),
    ("Senior Software Engineer", "高级软件工程师"),
    ("Senior Site Reliability Engineer", "高级SRE工程师"),
    ("Backend Architect", "后端架构师"),
    ("Backend Engineer", "后端开发工程师"),
    ("Software Engineer", "软件工程师"),
    ("Platform Engineer", "平台开发工程师"),
    ("Infrastructure Engineer", "基础架构工程师"),
    ("Backend Developer", "后台开发工程师"),
];

/// Invented company names (English): first part + second part + legal suffix.
const INVENTED_EN_A: &[&str] = &[
    "Northwind",
    "Bluefin",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Woodgrove",
    "Lakeshore",
    "Harborview",
    "Ironbridge",
    "Pinecrest",
    "Stonebrook",
    "Maplewood",
    "Silverlake",
    "Kestrel",
];
const INVENTED_EN_B: &[&str] = &[
    "Analytics",
    "Logistics",
    "Commerce",
    "Media",
    "Health",
    "Payments",
    "Robotics",
    "Games",
    "Travel",
    "Retail",
    "Finance",
    "Telecom",
    "Mobility",
    "Insights",
];
const INVENTED_EN_SUFFIX: &[&str] = &["Ltd.", "Inc.", "LLC", "Corp."];

/// Invented company names (Chinese): city + name + suffix.
const INVENTED_ZH_NAME: &[&str] = &[
    "云帆", "星河", "青禾", "远帆", "澄明", "若水", "木棉", "北辰", "南枝", "晨曦", "听涛", "拾光",
];
const INVENTED_ZH_SUFFIX: &[&str] = &[
    "科技有限公司",
    "网络科技有限公司",
    "信息技术有限公司",
    "数据服务有限公司",
];

/// Fields of study (English, Chinese).
const FIELDS: &[(&str, &str)] = &[
    ("Computer Science", "计算机科学与技术"),
    ("Software Engineering", "软件工程"),
    ("Electronic Engineering", "电子信息工程"),
    ("Information Security", "信息安全"),
    ("Automation", "自动化"),
    ("Applied Mathematics", "数学与应用数学"),
    ("Communication Engineering", "通信工程"),
];

// ------------------------------------------------------------------------------------------
// Facts of one résumé (language independent)

/// Year-month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ym {
    y: i32,
    m: u32,
}

impl Ym {
    fn from_index(k: i32) -> Ym {
        Ym {
            y: k.div_euclid(12),
            m: k.rem_euclid(12) as u32 + 1,
        }
    }
    fn index(self) -> i32 {
        self.y * 12 + self.m as i32 - 1
    }
    fn plus(self, months: i32) -> Ym {
        Ym::from_index(self.index() + months)
    }
}

/// The fixed "today" of every generated corpus (no clock: the output must not change).
const NOW: Ym = Ym { y: 2025, m: 6 };

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    EnBullets,
    EnMarkdown,
    EnPipes,
    ZhJianli,
    ZhPipes,
    Bilingual,
}

impl Style {
    fn lang_tag(self) -> &'static str {
        match self {
            Style::EnBullets | Style::EnMarkdown | Style::EnPipes => "en",
            Style::ZhJianli | Style::ZhPipes => "zh",
            Style::Bilingual => "bi",
        }
    }
}

/// Kinds of metrics a system reports.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Metric {
    /// Peak queries per second.
    Qps(u64),
    /// Transactions per second.
    Tps(u64),
    /// Requests per day.
    RequestsPerDay(u64),
    /// Messages per day.
    MessagesPerDay(u64),
    /// Daily active users.
    Dau(u64),
    /// Availability in hundredths of a percent (9999 = 99.99 %).
    Availability(u32),
    /// p99 latency improved from → to (ms).
    Latency(u32, u32),
}

#[derive(Debug, Clone)]
struct System {
    en: String,
    zh: String,
    /// Technologies, the implementation language first.
    techs: Vec<String>,
    metrics: Vec<Metric>,
    product: usize,
    purpose: usize,
}

#[derive(Debug, Clone)]
struct Job {
    org: Org,
    title: usize,
    start: Ym,
    end: Option<Ym>,
    city: (String, String),
    department: usize,
    product: usize,
    systems: Vec<System>,
    /// A "Go services" bullet outside any system (only where Go is safe).
    go_bullet: bool,
    /// Infrastructure technology of the filler bullet.
    infra: String,
    fillers: Vec<usize>,
    team: u32,
    saving: u32,
}

#[derive(Debug, Clone)]
struct Edu {
    school: Org,
    /// 0 bachelor, 1 master, 2 doctorate.
    level: usize,
    field: usize,
    start: Ym,
    end: Ym,
}

#[derive(Debug, Clone)]
struct PersonFacts {
    /// "Given Family" (pinyin for Chinese people).
    name_en: String,
    name_zh: Option<String>,
    email: String,
    phone: String,
    city_en: String,
    city_zh: String,
    country_en: String,
    website: Option<String>,
}

#[derive(Debug, Clone)]
struct Facts {
    style: Style,
    person: PersonFacts,
    /// Most recent first.
    jobs: Vec<Job>,
    /// Most recent first.
    education: Vec<Edu>,
    skill_langs: Vec<String>,
    skill_data: Vec<String>,
    skill_infra: Vec<String>,
    /// Personal projects (English bullet résumés): name, language, stars.
    side_projects: Vec<(String, String, u32)>,
    /// Whether a position used Go with QPS above 10K (by construction; the tests compare
    /// it with what the extractor finds).
    #[cfg_attr(not(test), allow(dead_code))]
    go_qps: bool,
}

/// QPS figures (thousands) above the go-qps-10k threshold, and at or below it.
const QPS_HIGH_K: &[u64] = &[
    12, 15, 18, 20, 25, 30, 32, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120, 150, 200, 250, 300,
];
const QPS_LOW_K: &[u64] = &[2, 3, 4, 5, 6, 8];

impl Facts {
    fn new(rng: &mut Rng, index: usize) -> Facts {
        let p = pools();
        let style = match rng.below(100) {
            0..=14 => Style::EnBullets,
            15..=29 => Style::EnMarkdown,
            30..=44 => Style::EnPipes,
            45..=65 => Style::ZhJianli,
            66..=79 => Style::ZhPipes,
            _ => Style::Bilingual,
        };
        let english_only = matches!(style, Style::EnBullets | Style::EnMarkdown | Style::EnPipes);
        let chinese_person = !english_only || rng.chance(0.55);
        let person = person(rng, index, chinese_person);

        // Career, most recent job first, walking back from today.
        let n_jobs = [2usize, 3, 4, 5][rng.weighted(&[30, 40, 20, 10])];
        let mut end = if rng.chance(0.88) {
            None
        } else {
            Some(NOW.plus(-(rng.range(1, 8) as i32)))
        };
        let mut spans = Vec::new();
        for _ in 0..n_jobs {
            let last = end.unwrap_or(NOW);
            let start = last.plus(-(rng.range(14, 46) as i32));
            spans.push((start, end));
            end = Some(start.plus(-(rng.range(1, 3) as i32)));
        }
        let go_qps = rng.chance(0.20);
        let go_job = if go_qps {
            Some(rng.below(n_jobs.min(3)))
        } else {
            None
        };
        let company_pool = if english_only {
            &p.companies
        } else {
            &p.companies_zh
        };
        let mut used_orgs: Vec<String> = Vec::new();
        let mut jobs = Vec::new();
        for (k, (start, end)) in spans.into_iter().enumerate() {
            let invented = match style {
                Style::Bilingual => false,
                _ => rng.chance(0.22),
            };
            let org = loop {
                let o = if invented {
                    if style.lang_tag() == "zh" {
                        invented_zh(rng)
                    } else {
                        invented_en(rng)
                    }
                } else {
                    rng.pick(company_pool).clone()
                };
                if !used_orgs.contains(&o.en) {
                    break o;
                }
            };
            used_orgs.push(org.en.clone());
            let senior = k == 0 || rng.chance(0.3);
            let title = if senior {
                rng.below(7)
            } else {
                7 + rng.below(TITLES.len() - 7)
            };
            let city = if chinese_person || rng.chance(0.3) {
                let c = rng.pick(CITIES_CN);
                (c.0.to_owned(), c.1.to_owned())
            } else {
                (person.city_en.clone(), person.city_zh.clone())
            };
            jobs.push(job(rng, k, org, title, start, end, city, go_job == Some(k)));
        }

        // Education, ending before the first job.
        let first_start = jobs.last().map_or(NOW, |j| j.start);
        let top_level = [0usize, 1, 2][rng.weighted(&[58, 36, 6])];
        let edu_pool = if english_only {
            &p.universities
        } else {
            &p.universities_zh
        };
        let mut education = Vec::new();
        let mut grad = Ym {
            y: if first_start.m >= 7 {
                first_start.y
            } else {
                first_start.y - 1
            },
            m: 6,
        };
        let field = rng.below(FIELDS.len());
        let mut used_schools: Vec<String> = Vec::new();
        for level in (0..=top_level).rev() {
            let years = [4, if rng.chance(0.5) { 2 } else { 3 }, 4][level];
            let start = Ym {
                y: grad.y - years,
                m: 9,
            };
            let school = loop {
                let s = rng.pick(edu_pool).clone();
                if !used_schools.contains(&s.en) || edu_pool.len() < 4 {
                    break s;
                }
            };
            used_schools.push(school.en.clone());
            education.push(Edu {
                school,
                level,
                field: if level > 0 && rng.chance(0.3) {
                    rng.below(FIELDS.len())
                } else {
                    field
                },
                start,
                end: grad,
            });
            grad = Ym { y: start.y, m: 6 };
        }

        // Skills: the languages and technologies used, plus a few more.
        let mut skill_langs: Vec<String> = Vec::new();
        let mut skill_data: Vec<String> = Vec::new();
        let mut skill_infra: Vec<String> = Vec::new();
        let push = |v: &mut Vec<String>, t: &str| {
            if !v.iter().any(|x| x == t) {
                v.push(t.to_owned());
            }
        };
        for j in &jobs {
            for s in &j.systems {
                for (n, t) in s.techs.iter().enumerate() {
                    if n == 0 {
                        push(&mut skill_langs, t);
                    } else {
                        push(&mut skill_data, t);
                    }
                }
            }
            if j.go_bullet {
                push(&mut skill_langs, &p.go);
            }
            push(&mut skill_infra, &j.infra);
        }
        if rng.chance(0.35) {
            push(&mut skill_langs, &p.go);
        }
        for t in pick_techs(rng, &p.langs, 2, &skill_langs) {
            push(&mut skill_langs, &t);
        }
        for t in pick_techs(rng, &p.data, 2, &skill_data) {
            push(&mut skill_data, &t);
        }
        for t in pick_techs(rng, &p.infra, 2, &skill_infra) {
            push(&mut skill_infra, &t);
        }
        skill_langs.truncate(6);
        skill_data.truncate(7);
        skill_infra.truncate(6);

        let mut side_projects = Vec::new();
        for _ in 0..rng.range(1, 2) {
            let name = format!(
                "{} {}",
                rng.pick(&["Shard", "Latency", "Trace", "Cache", "Queue", "Schema", "Log"]),
                rng.pick(&["Doctor", "Atlas", "Lens", "Probe", "Scout", "Keeper", "Forge"])
            );
            let lang = if rng.chance(0.4) {
                p.go.clone()
            } else {
                pick_tech(rng, &p.langs)
            };
            side_projects.push((name, lang, rng.range(40, 900)));
        }

        Facts {
            style,
            person,
            jobs,
            education,
            skill_langs,
            skill_data,
            skill_infra,
            side_projects,
            go_qps,
        }
    }

    fn years(&self) -> i32 {
        let first = self.jobs.last().map_or(NOW, |j| j.start);
        ((NOW.index() - first.index()) / 12).max(1)
    }

    /// The largest QPS of any system (for the summary line), if any.
    fn top_qps(&self) -> Option<u64> {
        self.jobs
            .iter()
            .flat_map(|j| &j.systems)
            .flat_map(|s| &s.metrics)
            .filter_map(|m| match m {
                Metric::Qps(v) => Some(*v),
                _ => None,
            })
            .max()
    }
}

fn person(rng: &mut Rng, index: usize, chinese: bool) -> PersonFacts {
    let (given_en, family_en, name_zh) = if chinese {
        let (sz, sp) = *rng.pick(SURNAMES_ZH);
        let mut given_zh = String::new();
        let mut given_py = String::new();
        let n = if rng.chance(0.75) { 2 } else { 1 };
        for k in rng.distinct(GIVEN_ZH.len(), n) {
            let (c, py) = GIVEN_ZH[k];
            given_zh.push_str(c);
            given_py.push_str(py);
        }
        (
            capitalize(&given_py),
            sp.to_owned(),
            Some(format!("{sz}{given_zh}")),
        )
    } else {
        (
            (*rng.pick(GIVEN_EN)).to_owned(),
            (*rng.pick(FAMILY_EN)).to_owned(),
            None,
        )
    };
    let domain = if chinese {
        *rng.pick(&["example.com", "example.cn", "example.org"])
    } else {
        *rng.pick(&["example.com", "example.org"])
    };
    // The index makes every e-mail (the person's identity in the graph) unique.
    let email = format!(
        "{}.{}{index}@{domain}",
        given_en.to_lowercase(),
        family_en.to_lowercase()
    );
    let (city_en, city_zh, country_en, phone) = if chinese || rng.chance(0.3) {
        let c = rng.pick(CITIES_CN);
        let phone = format!(
            "+86-1{}{}-0000-{:04}",
            rng.range(3, 8),
            rng.range(0, 9),
            index % 10_000
        );
        (c.0.to_owned(), c.1.to_owned(), "China".to_owned(), phone)
    } else {
        let c = rng.pick(CITIES_INTL);
        let phone = format!("{}-555-01{:02}", c.2, rng.range(0, 99));
        (c.0.to_owned(), c.0.to_owned(), c.1.to_owned(), phone)
    };
    let website = rng.chance(0.4).then(|| {
        format!(
            "https://{}{}.example.org",
            given_en.to_lowercase(),
            index % 1000
        )
    });
    PersonFacts {
        name_en: format!("{given_en} {family_en}"),
        name_zh,
        email,
        phone,
        city_en,
        city_zh,
        country_en,
        website,
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn invented_en(rng: &mut Rng) -> Org {
    Org {
        en: format!(
            "{} {} {}",
            rng.pick(INVENTED_EN_A),
            rng.pick(INVENTED_EN_B),
            rng.pick(INVENTED_EN_SUFFIX)
        ),
        zh: None,
    }
}

fn invented_zh(rng: &mut Rng) -> Org {
    let name = format!(
        "{}{}{}",
        rng.pick(CITIES_CN).1,
        rng.pick(INVENTED_ZH_NAME),
        rng.pick(INVENTED_ZH_SUFFIX)
    );
    Org {
        en: name.clone(),
        zh: Some(name),
    }
}

/// A system name (English, Chinese) that the vocabularies do not mistake for a technology
/// or an organisation.
fn system_name(rng: &mut Rng, taken: &[String]) -> (String, String) {
    let v = vocabulary();
    loop {
        let (de, dz) = *rng.pick(DOMAINS);
        let (ne, nz) = *rng.pick(SYSTEM_NOUNS);
        let en = format!("{de} {ne}");
        let zh = format!("{dz}{nz}");
        let clean = |s: &str| {
            v.technologies.find_all(s).is_empty() && v.organizations.find_all(s).is_empty()
        };
        if clean(&en) && clean(&zh) && !taken.contains(&en) {
            return (en, zh);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn job(
    rng: &mut Rng,
    k: usize,
    org: Org,
    title: usize,
    start: Ym,
    end: Option<Ym>,
    city: (String, String),
    go_high: bool,
) -> Job {
    let p = pools();
    let product = rng.below(PRODUCTS.len());
    // Go is used in this position: then QPS stays at or below 8K unless it is the
    // designated go-qps position.
    let go_here = go_high || rng.chance(0.28);
    let n_sys = if go_high || k == 0 {
        rng.range(2, 3)
    } else if k < 3 {
        rng.range(1, 2)
    } else {
        rng.range(0, 1)
    } as usize;
    let mut systems: Vec<System> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for s in 0..n_sys {
        let (en, zh) = system_name(rng, &names);
        names.push(en.clone());
        let go_system = (go_high && s == 0) || (go_here && !go_high && rng.chance(0.6));
        let lang = if go_system {
            p.go.clone()
        } else {
            pick_tech(rng, &p.langs)
        };
        let mut techs = vec![lang.clone()];
        let extra = rng.range(1, 2) as usize;
        techs.extend(pick_techs(rng, &p.data, extra, &techs));
        let mut metrics = Vec::new();
        // In the designated position every QPS is allowed; elsewhere Go caps it at 8K.
        let qps_allowed_high = go_high || !go_here;
        if (go_high && s == 0) || rng.chance(0.7) {
            let high = if go_high && s == 0 {
                true
            } else {
                qps_allowed_high && rng.chance(0.7)
            };
            let kq = if high {
                *rng.pick(QPS_HIGH_K)
            } else {
                *rng.pick(QPS_LOW_K)
            };
            metrics.push(Metric::Qps(kq * 1000));
        }
        if rng.chance(0.35) {
            let v = *rng.pick(&[
                50_000_000u64,
                80_000_000,
                120_000_000,
                300_000_000,
                650_000_000,
                900_000_000,
                1_200_000_000,
                2_000_000_000,
            ]);
            metrics.push(Metric::RequestsPerDay(v));
        }
        if rng.chance(0.2) {
            let v = *rng.pick(&[
                2_000_000u64,
                5_000_000,
                10_000_000,
                20_000_000,
                50_000_000,
                80_000_000,
            ]);
            metrics.push(Metric::Dau(v));
        }
        if rng.chance(0.12) {
            let v = *rng.pick(&[3_000u64, 6_000, 12_000, 18_000, 27_000]);
            metrics.push(Metric::Tps(v));
        }
        if rng.chance(0.1) {
            let v = *rng.pick(&[100_000_000u64, 300_000_000, 1_200_000_000]);
            metrics.push(Metric::MessagesPerDay(v));
        }
        if rng.chance(0.3) {
            metrics.push(Metric::Availability(*rng.pick(&[9990, 9995, 9999])));
        }
        if rng.chance(0.45) {
            let from = rng.range(8, 30) * 10;
            let to = rng.range(3, (from / 10).clamp(4, 12)) * 5;
            metrics.push(Metric::Latency(from, to));
        }
        systems.push(System {
            en,
            zh,
            techs,
            metrics,
            product,
            purpose: rng.below(8),
        });
    }
    let go_bullet = go_here && !systems.iter().any(|s| s.techs[0] == p.go);
    let n_fillers = rng.range(2, 4) as usize;
    let fillers = rng.distinct(10, n_fillers);
    Job {
        org,
        title,
        start,
        end,
        city,
        department: rng.below(DEPARTMENTS.len()),
        product,
        systems,
        go_bullet,
        infra: pick_tech(rng, &p.infra),
        fillers,
        team: rng.range(3, 12),
        saving: rng.range(12, 45),
    }
}

// ------------------------------------------------------------------------------------------
// Rendering helpers

const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// English date: 0 "Aug. 2019", 1 "Aug 2019", 2 "2019.08".
fn en_date(d: Ym, style: usize) -> String {
    let mon = MONTHS[(d.m - 1) as usize];
    match style {
        0 if mon == "May" => format!("May {}", d.y),
        0 => format!("{mon}. {}", d.y),
        1 => format!("{mon} {}", d.y),
        _ => format!("{}.{:02}", d.y, d.m),
    }
}

fn en_range(start: Ym, end: Option<Ym>, style: usize) -> String {
    let dash = if style == 2 { "-" } else { "–" };
    let end = end.map_or_else(|| "Present".to_owned(), |e| en_date(e, style));
    format!("{} {dash} {end}", en_date(start, style))
}

/// Chinese date: 0 "2019.08", 1 "2019.8", 2 "2019年8月".
fn zh_date(d: Ym, style: usize) -> String {
    match style {
        0 => format!("{}.{:02}", d.y, d.m),
        1 => format!("{}.{}", d.y, d.m),
        _ => format!("{}年{}月", d.y, d.m),
    }
}

fn zh_range(start: Ym, end: Option<Ym>, style: usize) -> String {
    let end = end.map_or_else(|| "至今".to_owned(), |e| zh_date(e, style));
    format!("{} - {end}", zh_date(start, style))
}

/// A count in English: 45000 → "45K", 1200000000 → "1.2B".
fn en_count(v: u64) -> String {
    let (div, unit) = if v >= 1_000_000_000 {
        (1_000_000_000, "B")
    } else if v >= 1_000_000 {
        (1_000_000, "M")
    } else {
        (1_000, "K")
    };
    format!("{}{unit}", decimal(v, div))
}

/// A count in Chinese: 45000 → "4.5万", 300000000 → "3亿", 5000 → "5000".
fn zh_count(v: u64) -> String {
    if v >= 100_000_000 {
        format!("{}亿", decimal(v, 100_000_000))
    } else if v >= 10_000 {
        format!("{}万", decimal(v, 10_000))
    } else {
        v.to_string()
    }
}

/// `v / div` with up to two decimals, trailing zeros trimmed.
fn decimal(v: u64, div: u64) -> String {
    let whole = v / div;
    let frac = (v % div) * 100 / div;
    if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

fn pct(a: u32) -> String {
    decimal(u64::from(a), 100)
}

/// One English phrase for a metric: a noun phrase, or also a clause ("QPS exceeded 20K")
/// when `clause` is set.
fn en_metric(rng: &mut Rng, m: Metric, clause: bool) -> String {
    match m {
        Metric::Qps(v) => {
            let n = en_count(v);
            match rng.below(if clause { 5 } else { 4 }) {
                0 => format!("{n} peak QPS"),
                1 => format!("{n} QPS at peak"),
                2 => format!("{n} requests per second at peak"),
                3 => format!("a peak of {n} QPS"),
                _ => format!("QPS exceeded {n}"),
            }
        }
        Metric::Tps(v) => match rng.below(2) {
            0 => format!("{} TPS", en_count(v)),
            _ => format!("{}+ transactions per second", en_count(v)),
        },
        Metric::RequestsPerDay(v) => match rng.below(2) {
            0 => format!("~{} requests/day", en_count(v)),
            _ => format!("{} requests per day", en_count(v)),
        },
        Metric::MessagesPerDay(v) => format!("{} messages per day", en_count(v)),
        Metric::Dau(v) => match rng.below(2) {
            0 => format!("{} DAU", en_count(v)),
            _ => format!("{} daily active users", en_count(v)),
        },
        Metric::Availability(a) => format!("{}% availability", pct(a)),
        Metric::Latency(from, to) => match rng.below(2) {
            0 => format!("p99 latency from {from} ms to {to} ms"),
            _ => format!("p99 latency under {to} ms"),
        },
    }
}

/// One Chinese phrase for a metric.
fn zh_metric(rng: &mut Rng, m: Metric) -> String {
    match m {
        Metric::Qps(v) => {
            if v % 10_000 == 0 && rng.chance(0.4) {
                format!("峰值QPS {}W+", v / 10_000)
            } else if rng.chance(0.5) {
                format!("峰值QPS {}", zh_count(v))
            } else {
                format!("峰值QPS {}+", zh_count(v))
            }
        }
        Metric::Tps(v) => format!("峰值TPS {}", zh_count(v)),
        Metric::RequestsPerDay(v) => format!("日均请求量{}+", zh_count(v)),
        Metric::MessagesPerDay(v) => format!("日均消息量{}+", zh_count(v)),
        Metric::Dau(v) => {
            if v == 10_000_000 && rng.chance(0.5) {
                "千万级DAU".to_owned()
            } else {
                format!("{}DAU", zh_count(v))
            }
        }
        Metric::Availability(a) => format!("服务可用性达到{}%", pct(a)),
        Metric::Latency(from, to) => match rng.below(2) {
            0 => format!("P99延迟从{from}ms降低到{to}ms"),
            _ => format!("P99延迟控制在{to}毫秒以内"),
        },
    }
}

fn en_join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        _ => format!(
            "{} and {}",
            items[..items.len() - 1].join(", "),
            items[items.len() - 1]
        ),
    }
}

const PURPOSES_EN: &[&str] = &[
    "handles {d} requests for the {p} app",
    "the online {d} path behind checkout and the mobile apps",
    "serves {d} traffic for {n} internal business lines",
    "real-time {d} decisions backed by a two-level cache",
    "split from a monolith into stateless workers for the {p} business",
    "owns the {d} APIs used by partner integrations",
    "{d} fan-out with per-tenant isolation for the {p} product",
    "rebuilt the {d} flow around idempotent writes and retries",
];

const PURPOSES_ZH: &[&str] = &[
    "负责{p}App的{d}请求接入与路由",
    "支撑{p}业务下单链路中的{d}环节",
    "为公司内{n}条业务线提供统一的{d}能力",
    "基于两级缓存实现实时{d}决策",
    "将{d}模块从单体中拆分为无状态服务",
    "负责对外开放的{d}接口与合作方接入",
    "实现{p}业务的{d}多租户隔离",
    "围绕幂等写入与重试重构{d}流程",
];

fn fill(t: &str, d: &str, p: &str, n: u32) -> String {
    t.replace("{d}", d)
        .replace("{p}", p)
        .replace("{n}", &n.to_string())
}

fn domain_of(s: &System) -> (String, String) {
    // The domain is the name without its system noun.
    let en =
        s.en.rsplit_once(' ')
            .map_or(s.en.as_str(), |(d, _)| d)
            .to_lowercase();
    let zh = SYSTEM_NOUNS
        .iter()
        .find_map(|(_, nz)| s.zh.strip_suffix(nz))
        .unwrap_or(&s.zh)
        .to_owned();
    (en, zh)
}

fn purpose_en(s: &System) -> String {
    let (d, _) = domain_of(s);
    fill(
        PURPOSES_EN[s.purpose % PURPOSES_EN.len()],
        &d,
        PRODUCTS[s.product].0,
        3 + (s.purpose as u32 % 5),
    )
}

fn purpose_zh(s: &System) -> String {
    let (_, d) = domain_of(s);
    fill(
        PURPOSES_ZH[s.purpose % PURPOSES_ZH.len()],
        &d,
        PRODUCTS[s.product].1,
        3 + (s.purpose as u32 % 5),
    )
}

/// English sentences about a system's metrics (scale first, then quality).
fn en_metric_sentences(rng: &mut Rng, s: &System) -> Vec<String> {
    let scale: Vec<String> = s
        .metrics
        .iter()
        .filter(|m| !matches!(m, Metric::Availability(_) | Metric::Latency(..)))
        .map(|&m| en_metric(rng, m, false))
        .collect();
    let mut out = Vec::new();
    if !scale.is_empty() {
        let lead = *rng.pick(&["Scale:", "Handles", "Serves", "Sustains", "Grew to"]);
        let tail = *rng.pick(&[
            " across three regions.",
            " during campaign peaks.",
            ".",
            " with headroom for the yearly shopping festival.",
        ]);
        out.push(format!("{lead} {}{tail}", en_join(&scale)));
    }
    for &m in &s.metrics {
        match m {
            Metric::Latency(..) => {
                let how = *rng.pick(&[
                    "by moving hot lookups to a local cache tier",
                    "by splitting the synchronous call chain into two stages",
                    "with connection pooling and request coalescing",
                    "by batching writes behind an in-memory queue",
                ]);
                let phrase = en_metric(rng, m, false);
                out.push(format!("Brought {phrase} {how}."));
            }
            Metric::Availability(_) => {
                let phrase = en_metric(rng, m, false);
                out.push(format!(
                    "Kept {phrase} through {} holiday seasons with automated failover.",
                    rng.pick(&["two", "three", "four"])
                ));
            }
            _ => {}
        }
    }
    out
}

/// Chinese sentence about a system's metrics.
fn zh_metric_sentence(rng: &mut Rng, s: &System) -> String {
    let parts: Vec<String> = s.metrics.iter().map(|&m| zh_metric(rng, m)).collect();
    parts.join("，")
}

const FILLERS_EN: &[&str] = &[
    "Mentored {n} engineers through their first on-call rotations.",
    "Ran weekly design reviews and kept the team's runbooks current.",
    "Led capacity planning and load testing before each major campaign.",
    "Moved the team's services onto {i} with staged, reversible rollouts.",
    "Introduced {i} for the whole group; compute spend down {s}%.",
    "Owned incident reviews for the team and drove follow-up fixes to completion.",
    "Wrote the migration plan that retired two legacy clusters without downtime.",
    "Interviewed candidates and onboarded {n} new hires.",
    "Built dashboards and alerts on {i} for every service the team owns.",
    "Coordinated cross-team releases with product, QA and operations.",
];

const FILLERS_ZH: &[&str] = &[
    "负责{n}人后端小组的技术规划与代码评审。",
    "建立周度设计评审机制，维护团队运维手册。",
    "主导大促前的容量规划与全链路压测。",
    "推动服务迁移到{i}，实现分批、可回滚的发布。",
    "引入{i}，机器成本下降{s}%。",
    "负责线上故障复盘，推动改进项落地。",
    "制定迁移方案，平滑下线两套老集群。",
    "参与招聘面试，带教{n}名新人。",
    "基于{i}建设监控大盘与告警体系。",
    "协调产品、测试与运维完成跨团队发布。",
];

fn filler_en(j: &Job, f: usize) -> String {
    FILLERS_EN[f % FILLERS_EN.len()]
        .replace("{n}", &(j.team % 5 + 2).to_string())
        .replace("{i}", &j.infra)
        .replace("{s}", &j.saving.to_string())
}

fn filler_zh(j: &Job, f: usize) -> String {
    FILLERS_ZH[f % FILLERS_ZH.len()]
        .replace("{n}", &(j.team % 5 + 2).to_string())
        .replace("{i}", &j.infra)
        .replace("{s}", &j.saving.to_string())
}

/// The Go bullet (if the job has one) and the filler bullets, each after `marker`.
fn write_extra_bullets_en(t: &mut String, j: &Job, marker: &str) {
    if j.go_bullet {
        let _ = writeln!(t, "{marker} {}", go_bullet_en(j));
    }
    for &fi in &j.fillers {
        let _ = writeln!(t, "{marker} {}", filler_en(j, fi));
    }
}

/// [`write_extra_bullets_en`] in Chinese.
fn write_extra_bullets_zh(t: &mut String, j: &Job, marker: &str) {
    if j.go_bullet {
        let _ = writeln!(t, "{marker} {}", go_bullet_zh(j));
    }
    for &fi in &j.fillers {
        let _ = writeln!(t, "{marker} {}", filler_zh(j, fi));
    }
}

fn go_bullet_en(j: &Job) -> String {
    format!(
        "Wrote Go services for {} reconciliation and internal tooling.",
        PRODUCTS[j.product].0
    )
}

fn go_bullet_zh(j: &Job) -> String {
    format!(
        "使用Go语言开发{}业务的对账工具与内部服务。",
        PRODUCTS[j.product].1
    )
}

fn degree_en(rng: &mut Rng, level: usize) -> &'static str {
    match level {
        0 => rng.pick::<&'static str>(&[
            "Bachelor of Engineering",
            "Bachelor of Science",
            "B.S.",
            "BEng",
            "BSc",
        ]),
        1 => rng.pick::<&'static str>(&[
            "Master of Engineering",
            "Master of Science",
            "M.S.",
            "MEng",
            "MSc",
        ]),
        _ => rng.pick::<&'static str>(&["Ph.D.", "PhD"]),
    }
}

fn degree_zh(rng: &mut Rng, level: usize) -> &'static str {
    match level {
        0 => rng.pick::<&'static str>(&["本科", "工学学士", "理学学士"]),
        1 => rng.pick::<&'static str>(&["硕士", "工学硕士", "硕士研究生"]),
        _ => "博士",
    }
}

fn zh_name(f: &Facts) -> String {
    f.person
        .name_zh
        .clone()
        .unwrap_or_else(|| f.person.name_en.clone())
}

fn zh_org(o: &Org) -> &str {
    o.zh.as_deref().unwrap_or(&o.en)
}

fn zh_school(o: &Org) -> &str {
    o.zh.as_deref().unwrap_or(&o.en)
}

const SELF_REVIEW_ZH: &[&str] = &[
    "对高并发、分布式系统有深入理解，重视可观测性与容量规划，习惯用数据驱动技术决策。",
    "具备从0到1搭建后端团队与研发流程的经验，注重代码质量与工程规范。",
    "沟通顺畅，能够推动跨团队协作，在多次大促与重大活动中承担稳定性保障负责人。",
    "持续关注基础架构领域的技术演进，乐于分享，曾在部门内组织技术沙龙。",
    "责任心强，抗压能力好，有丰富的线上故障排查与应急处理经验。",
    "热爱技术，业余时间参与开源项目，维护过多个内部通用组件。",
    "善于把复杂问题拆解为可落地的迭代计划，按期交付并持续复盘改进。",
];

/// Three lines of a Chinese self-review (自我评价) section.
fn self_review_zh(rng: &mut Rng) -> Vec<&'static str> {
    rng.distinct(SELF_REVIEW_ZH.len(), 3)
        .into_iter()
        .map(|k| SELF_REVIEW_ZH[k])
        .collect()
}

fn tech_list_zh(items: &[String]) -> String {
    items.join("、")
}

fn summary_domains(rng: &mut Rng) -> String {
    let all = [
        "search ranking",
        "ads delivery",
        "data infrastructure",
        "payments",
        "e-commerce transactions",
        "instant messaging",
        "logistics dispatch",
        "content recommendation",
        "cloud storage",
        "smart-home cloud services",
    ];
    let picks: Vec<String> = rng
        .distinct(all.len(), 3)
        .into_iter()
        .map(|k| all[k].to_owned())
        .collect();
    en_join(&picks)
}

fn spoken_en(rng: &mut Rng, chinese: bool) -> String {
    if chinese {
        rng.pick(&[
            "English (professional), Mandarin (native)",
            "Mandarin (native), English (fluent), Cantonese (conversational)",
            "Mandarin (native), English (CET-6)",
        ])
        .to_string()
    } else {
        rng.pick(&[
            "English (native), Spanish (conversational)",
            "English (native), German (professional)",
            "English (fluent), French (native)",
            "English (native), Mandarin (conversational)",
        ])
        .to_string()
    }
}

// ------------------------------------------------------------------------------------------
// Styles

/// English bullet résumé: name, headline, contacts, Summary / Experience / Education /
/// Skills / Projects headings, "Company — Title — City      dates" headers.
fn render_en_bullets(f: &Facts, rng: &mut Rng) -> String {
    let p = &f.person;
    let mut t = String::new();
    let head = &f.jobs[0];
    let _ = writeln!(t, "{}", p.name_en);
    let _ = writeln!(t, "{} | {}", TITLES[head.title].0, p.city_en);
    let mut contacts = format!("Email: {} | Phone: {}", p.email, p.phone);
    if let Some(w) = &p.website {
        let _ = write!(contacts, " | Web: {w}");
    }
    let _ = writeln!(t, "{contacts}\n");

    let _ = writeln!(t, "Summary");
    let _ = writeln!(
        t,
        "- Backend engineer with {} years of experience in {}.",
        f.years(),
        summary_domains(rng)
    );
    if let Some(q) = f.top_qps() {
        let phrase = en_metric(rng, Metric::Qps(q), false);
        let _ = writeln!(t, "- Built latency-critical services reaching {phrase}.");
    }
    let _ = writeln!(
        t,
        "- Comfortable owning a service end to end: design reviews, on-call, capacity planning and cost."
    );
    let _ = writeln!(t, "- Languages: {}.\n", spoken_en(rng, p.name_zh.is_some()));

    let _ = writeln!(t, "Experience\n");
    let date_style = rng.below(3);
    for j in &f.jobs {
        let left = format!("{} — {} — {}", j.org.en, TITLES[j.title].0, j.city.0);
        let dates = en_range(j.start, j.end, date_style);
        let pad = 72usize.saturating_sub(left.chars().count()).max(4);
        let _ = writeln!(t, "{left}{}{dates}", " ".repeat(pad));
        let _ = writeln!(
            t,
            "- {}. Works on the {} business.",
            DEPARTMENTS[j.department].0, PRODUCTS[j.product].0
        );
        for s in &j.systems {
            let _ = writeln!(
                t,
                "- **{}** ({}) — {}.",
                s.en,
                s.techs.join("/"),
                purpose_en(s)
            );
            for line in en_metric_sentences(rng, s) {
                let _ = writeln!(t, "  - {line}");
            }
        }
        write_extra_bullets_en(&mut t, j, "-");
        t.push('\n');
    }

    let _ = writeln!(t, "Education\n");
    for e in &f.education {
        let left = format!(
            "{} — {} ({})",
            e.school.en,
            degree_en(rng, e.level),
            FIELDS[e.field].0
        );
        let dates = en_range(e.start, Some(e.end), date_style);
        let pad = 80usize.saturating_sub(left.chars().count()).max(4);
        let _ = writeln!(t, "{left}{}{dates}", " ".repeat(pad));
    }
    t.push('\n');

    let _ = writeln!(t, "Skills\n");
    let _ = writeln!(t, "- Languages: {}", f.skill_langs.join(", "));
    let _ = writeln!(t, "- Data & messaging: {}", f.skill_data.join(", "));
    let _ = writeln!(t, "- Infrastructure: {}", f.skill_infra.join(", "));
    let _ = writeln!(
        t,
        "- Practices: capacity planning, load testing, incident review\n"
    );

    let _ = writeln!(t, "Projects\n");
    for (name, lang, stars) in &f.side_projects {
        let _ = writeln!(
            t,
            "- **{name}** (open source, {lang}) — a small CLI that inspects production traces and flags regressions; {stars}+ stars."
        );
    }
    t
}

/// Markdown résumé: `## Name`, TAB-separated education, `#### Company Title Mon. YYYY – Present`.
fn render_en_markdown(f: &Facts, rng: &mut Rng) -> String {
    let p = &f.person;
    let mut t = String::new();
    let _ = writeln!(t, "\n## {}\n", p.name_en);
    let mut contacts = format!("Email: [{e}](mailto:{e}) | Tel: {}", p.phone, e = p.email);
    if let Some(w) = &p.website {
        let host = w.trim_start_matches("https://");
        let _ = write!(contacts, " | Website: [{host}]({w})");
    }
    let _ = writeln!(t, "{contacts}\n");
    let _ = writeln!(t, "Location: {}, {}\n", p.city_en, p.country_en);

    let _ = writeln!(t, "### Summary\n");
    let _ = writeln!(
        t,
        "- **Experience:** Backend engineer with {} years in {}",
        f.years(),
        summary_domains(rng)
    );
    if let Some(q) = f.top_qps() {
        let phrase = en_metric(rng, Metric::Qps(q), false);
        let _ = writeln!(
            t,
            "- **Backend:** Built high-traffic services for shopping festivals ({phrase})"
        );
    }
    let _ = writeln!(
        t,
        "- **Reliability:** Led capacity drills and incident reviews for a {}-person service group",
        f.jobs[0].team + 4
    );
    let _ = writeln!(
        t,
        "- **Languages:** {}\n",
        spoken_en(rng, p.name_zh.is_some())
    );

    let _ = writeln!(t, "### Education\n");
    for e in &f.education {
        let _ = writeln!(
            t,
            "{}\t{}\t{}\t{}",
            e.school.en,
            degree_en(rng, e.level),
            FIELDS[e.field].0,
            en_range(e.start, Some(e.end), 0)
        );
    }
    t.push('\n');

    let _ = writeln!(t, "### Employment\n");
    for j in &f.jobs {
        let _ = writeln!(
            t,
            "#### {} {} {}\n",
            j.org.en,
            TITLES[j.title].0,
            en_range(j.start, j.end, 0)
        );
        let _ = writeln!(
            t,
            "- {}. Owns services of the {} business.",
            DEPARTMENTS[j.department].0, PRODUCTS[j.product].0
        );
        for s in &j.systems {
            let _ = writeln!(
                t,
                "- **{}** ({}) — {}.",
                s.en,
                s.techs.join("/"),
                purpose_en(s)
            );
            for line in en_metric_sentences(rng, s) {
                let line = line.strip_prefix("Scale: ").unwrap_or(&line);
                let label = if line.contains("latency") {
                    "Latency"
                } else if line.contains("availability") {
                    "Reliability"
                } else {
                    "Scale"
                };
                let _ = writeln!(t, "  - {label}: {line}");
            }
        }
        write_extra_bullets_en(&mut t, j, "-");
        t.push('\n');
    }

    let _ = writeln!(t, "### Skills\n");
    let _ = writeln!(t, "- **Programming:** {}", f.skill_langs.join(", "));
    let _ = writeln!(t, "- **Middleware:** {}", f.skill_data.join(", "));
    let _ = writeln!(t, "- **DevOps:** {}", f.skill_infra.join(", "));
    let _ = writeln!(
        t,
        "- **Domains:** Transaction systems, high-concurrency services, cost control"
    );
    t
}

/// Pipe résumé: `Name | Title | City | e-mail | phone`, Core Skills, Highlighted Projects
/// (`Project | Role | dates`, `Technical Keywords:`, `Results:`), Professional Experience
/// (`Company | Title | City | dates`), Education (`School | B.S. in Field | dates`).
fn render_en_pipes(f: &Facts, rng: &mut Rng) -> String {
    let p = &f.person;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{} | {} | {} | {} | {}",
        p.name_en, TITLES[f.jobs[0].title].0, p.city_en, p.email, p.phone
    );
    let orgs: Vec<String> = f.jobs.iter().take(3).map(|j| j.org.en.clone()).collect();
    let _ = writeln!(
        t,
        "• {} years of backend engineering across {}, focused on {}.",
        f.years(),
        en_join(&orgs),
        summary_domains(rng)
    );
    let top: Vec<String> = f.skill_langs.iter().take(2).cloned().collect();
    let _ = writeln!(
        t,
        "• Strong in {}, with solid experience in {} at production scale.",
        en_join(&top),
        en_join(&f.skill_data.iter().take(3).cloned().collect::<Vec<_>>())
    );
    let _ = writeln!(
        t,
        "• Looking for tech-lead roles on platform or infrastructure teams."
    );
    let _ = writeln!(t, "Core Skills");
    let mut stack = f.skill_langs.clone();
    stack.extend(f.skill_data.iter().cloned());
    stack.extend(f.skill_infra.iter().cloned());
    let _ = writeln!(t, "Tech Stack: {}.", stack.join(", "));
    let _ = writeln!(
        t,
        "Architecture: Event-driven design, idempotent APIs, sharding, multi-level caching, graceful degradation."
    );
    let _ = writeln!(
        t,
        "Leadership: Task breakdown, design reviews, cross-team planning for teams of up to {} engineers.",
        f.jobs[0].team
    );
    let _ = writeln!(
        t,
        "English: Working proficiency; reads and writes design documents in English."
    );

    let _ = writeln!(t, "Highlighted Projects");
    for j in &f.jobs {
        let span = j.end.unwrap_or(NOW).index() - j.start.index();
        let n = j.systems.len() as i32;
        // Newest first; projects split the position's time, and their dates tie them to it.
        for (k, s) in j.systems.iter().enumerate().rev() {
            let k = k as i32;
            let a = j.start.plus(span * k / n.max(1));
            let b = if k == n - 1 {
                j.end
            } else {
                Some(j.start.plus(span * (k + 1) / n - 1))
            };
            let role = rng.pick(&["Tech Lead", "Core Developer", "Owner", "Lead Developer"]);
            let _ = writeln!(t, "{} | {role} | {}", s.en, en_range(a, b, 2));
            let _ = writeln!(t, "Technical Keywords: {}", s.techs.join(" / "));
            let _ = writeln!(t, "• {}.", capitalize(&purpose_en(s)));
            let results: Vec<String> = s.metrics.iter().map(|&m| en_metric(rng, m, true)).collect();
            if !results.is_empty() {
                let _ = writeln!(t, "• Results: {}.", results.join("; "));
            }
        }
    }

    let _ = writeln!(t, "Professional Experience");
    for j in &f.jobs {
        let _ = writeln!(
            t,
            "{} | {} | {} | {}",
            j.org.en,
            TITLES[j.title].0,
            j.city.0,
            en_range(j.start, j.end, 2)
        );
        let _ = writeln!(
            t,
            "• Works on {} systems for the {} business.",
            DEPARTMENTS[j.department].0.to_lowercase(),
            PRODUCTS[j.product].0
        );
        if !j.systems.is_empty() {
            let names: Vec<String> = j.systems.iter().map(|s| s.en.clone()).collect();
            let _ = writeln!(t, "• Led the {}.", en_join(&names));
        }
        write_extra_bullets_en(&mut t, j, "•");
    }

    let _ = writeln!(t, "Education");
    for e in &f.education {
        let _ = writeln!(
            t,
            "{} | {} in {} | {}",
            e.school.en,
            degree_en(rng, e.level),
            FIELDS[e.field].0,
            en_range(e.start, Some(e.end), 2)
        );
    }
    let _ = writeln!(
        t,
        "Coursework included operating systems, databases, and distributed computing."
    );
    t
}

/// English half of a bilingual résumé: plain headings, `Company | Title | City | dates`.
fn render_en_plain(f: &Facts, rng: &mut Rng) -> String {
    let p = &f.person;
    let mut t = String::new();
    let _ = writeln!(t, "{}", p.name_en);
    let _ = writeln!(t, "{}", TITLES[f.jobs[0].title].0);
    let _ = writeln!(
        t,
        "{}, {} | {} | {}\n",
        p.city_en, p.country_en, p.email, p.phone
    );
    let _ = writeln!(t, "PROFILE");
    let top: Vec<String> = f.skill_langs.iter().take(2).cloned().collect();
    let _ = writeln!(
        t,
        "Backend engineer with {} years of experience in {}. Strong in {}, with hands-on experience running large {} deployments.\n",
        f.years(),
        summary_domains(rng),
        en_join(&top),
        en_join(&f.skill_data.iter().take(2).cloned().collect::<Vec<_>>())
    );
    let _ = writeln!(t, "WORK EXPERIENCE");
    for j in &f.jobs {
        let _ = writeln!(
            t,
            "{} | {} | {} | {}",
            j.org.en,
            TITLES[j.title].0,
            j.city.0,
            en_range(j.start, j.end, 1)
        );
        let _ = writeln!(
            t,
            "- Works in the {}, on the {} business.",
            DEPARTMENTS[j.department].0, PRODUCTS[j.product].0
        );
        for s in &j.systems {
            let metrics: Vec<String> = s.metrics.iter().map(|&m| en_metric(rng, m, true)).collect();
            let mut line = format!(
                "- Rebuilt the {} ({}) — {}",
                s.en.to_lowercase(),
                s.techs.join("/"),
                purpose_en(s)
            );
            if !metrics.is_empty() {
                let _ = write!(line, "; {}", metrics.join(", "));
            }
            line.push('.');
            let _ = writeln!(t, "{line}");
        }
        write_extra_bullets_en(&mut t, j, "-");
        t.push('\n');
    }
    let _ = writeln!(t, "EDUCATION");
    for e in &f.education {
        let _ = writeln!(
            t,
            "{} | {} in {} | {}",
            e.school.en,
            degree_en(rng, e.level),
            FIELDS[e.field].0,
            en_range(e.start, Some(e.end), 1)
        );
    }
    let _ = writeln!(t, "\nSKILLS");
    let mut all = f.skill_langs.clone();
    all.extend(f.skill_data.iter().cloned());
    all.extend(f.skill_infra.iter().cloned());
    let _ = writeln!(t, "{}\n", all.join(", "));
    let _ = writeln!(t, "LANGUAGES");
    let _ = writeln!(t, "{}", spoken_en(rng, true));
    t
}

/// Chinese 简历: `## 个人信息` key：value lines, `## 技能`, `## 经历` with
/// `#### 2019.3 - 2021.6      公司：XX` headings and `##### 重点工作` items, `## 教育背景`.
fn render_zh_jianli(f: &Facts, rng: &mut Rng) -> String {
    let p = &f.person;
    let mut t = String::new();
    let _ = writeln!(t, "# 个人简历\n");
    let _ = writeln!(t, "## 个人信息\n\n----\n");
    let _ = writeln!(t, "姓名：{}  ", zh_name(f));
    let _ = writeln!(t, "手机号：{}", p.phone);
    let _ = writeln!(t, "邮箱：{}", p.email);
    let _ = writeln!(t, "现居：{}", p.city_zh);
    if rng.chance(0.3) {
        let e = &f.education[0];
        let _ = writeln!(
            t,
            "教育： {}/{}/{}",
            degree_zh(rng, e.level),
            FIELDS[e.field].1,
            zh_school(&e.school)
        );
    }
    t.push('\n');

    let _ = writeln!(t, "## 技能\n\n----");
    let _ = writeln!(
        t,
        "- 熟练使用 {}；熟悉 {} 等中间件",
        tech_list_zh(&f.skill_langs),
        tech_list_zh(&f.skill_data)
    );
    let _ = writeln!(
        t,
        "- 熟悉高吞吐、低延迟系统设计，有大规模在线服务的研发与运维经验"
    );
    let _ = writeln!(
        t,
        "- 熟悉 {} 等基础设施与可观测性建设",
        tech_list_zh(&f.skill_infra)
    );
    let _ = writeln!(
        t,
        "- {}年后端研发经验，负责过{}人后端小组的技术规划与人员培养\n",
        f.years(),
        f.jobs[0].team
    );

    let _ = writeln!(t, "## 经历\n");
    let date_style = rng.below(2);
    for (n, j) in f.jobs.iter().enumerate() {
        let sep = if rng.chance(0.2) {
            "&emsp;&emsp;"
        } else {
            "      "
        };
        let _ = writeln!(
            t,
            "#### {}{sep}公司：{}\n",
            zh_range(j.start, j.end, date_style),
            zh_org(&j.org)
        );
        let _ = writeln!(
            t,
            "{}，在{}负责{}业务的后端服务，为公司内多个App提供稳定的在线能力\n",
            TITLES[j.title].1, DEPARTMENTS[j.department].1, PRODUCTS[j.product].1
        );
        let _ = writeln!(t, "##### 重点工作\n");
        let mut item = 1;
        for s in &j.systems {
            let metrics = zh_metric_sentence(rng, s);
            if rng.chance(0.5) {
                let mut line =
                    format!("- **{}**（{}）— {}", s.zh, s.techs.join("/"), purpose_zh(s));
                if !metrics.is_empty() {
                    let _ = write!(line, "，{metrics}");
                }
                let _ = writeln!(t, "{line}。");
            } else {
                let mut line = format!(
                    "{item}. 主导{}建设，技术栈为{}，{}",
                    s.zh,
                    tech_list_zh(&s.techs),
                    purpose_zh(s)
                );
                if !metrics.is_empty() {
                    let _ = write!(line, "，{metrics}");
                }
                let _ = writeln!(t, "{line}。");
                item += 1;
            }
        }
        if j.go_bullet {
            let _ = writeln!(t, "{item}. {}", go_bullet_zh(j));
            item += 1;
        }
        for &fi in &j.fillers {
            let _ = writeln!(t, "{item}. {}", filler_zh(j, fi));
            item += 1;
        }
        if n + 1 < f.jobs.len() {
            let _ = writeln!(t, "\n----\n");
        } else {
            t.push('\n');
        }
    }

    let _ = writeln!(t, "## 教育背景\n\n----\n");
    for e in &f.education {
        let _ = writeln!(
            t,
            "- {}      {}      {}      {}",
            zh_range(e.start, Some(e.end), 1),
            zh_school(&e.school),
            FIELDS[e.field].1,
            degree_zh(rng, e.level)
        );
    }
    let _ = writeln!(t, "\n## 自我评价\n");
    for line in self_review_zh(rng) {
        let _ = writeln!(t, "- {line}");
    }
    let _ = writeln!(t, "\n## 其他\n");
    let _ = writeln!(t, "- 英语：CET-6，可阅读英文技术文档");
    t
}

/// Chinese pipe résumé (also the second half of a bilingual file): name, title, city |
/// e-mail | phone, `公司 | 职位 | 城市 | 2019.01 - 至今` positions.
fn render_zh_pipes(f: &Facts, rng: &mut Rng) -> String {
    let p = &f.person;
    let mut t = String::new();
    let _ = writeln!(t, "{}", zh_name(f));
    let _ = writeln!(t, "{}", TITLES[f.jobs[0].title].1);
    let _ = writeln!(t, "中国{} | {} | {}\n", p.city_zh, p.email, p.phone);
    let _ = writeln!(t, "个人简介");
    let top: Vec<String> = f.skill_langs.iter().take(2).cloned().collect();
    let _ =
        writeln!(
        t,
        "{}年后端研发经验，专注高并发在线服务与基础架构。精通{}，具备大规模{}集群的实战经验。\n",
        f.years(),
        top.join("与"),
        f.skill_data.iter().take(2).cloned().collect::<Vec<_>>().join("、")
    );
    let _ = writeln!(t, "工作经历");
    for j in &f.jobs {
        let _ = writeln!(
            t,
            "{} | {} | {} | {}",
            zh_org(&j.org),
            TITLES[j.title].1,
            j.city.1,
            zh_range(j.start, j.end, 0)
        );
        let _ = writeln!(
            t,
            "- 在{}负责{}业务的后端研发。",
            DEPARTMENTS[j.department].1, PRODUCTS[j.product].1
        );
        for s in &j.systems {
            let metrics = zh_metric_sentence(rng, s);
            let mut line = format!(
                "- 基于{}重构{}，{}",
                tech_list_zh(&s.techs),
                s.zh,
                purpose_zh(s)
            );
            if !metrics.is_empty() {
                let _ = write!(line, "，{metrics}");
            }
            let _ = writeln!(t, "{line}。");
        }
        write_extra_bullets_zh(&mut t, j, "-");
        t.push('\n');
    }
    let _ = writeln!(t, "教育经历");
    for e in &f.education {
        let _ = writeln!(
            t,
            "{} | {} | {} | {}",
            zh_school(&e.school),
            degree_zh(rng, e.level),
            FIELDS[e.field].1,
            zh_range(e.start, Some(e.end), 0)
        );
    }
    let _ = writeln!(t, "\n专业技能");
    let mut all = f.skill_langs.clone();
    all.extend(f.skill_data.iter().cloned());
    all.extend(f.skill_infra.iter().cloned());
    let _ = writeln!(t, "{}\n", tech_list_zh(&all));
    let _ = writeln!(t, "语言能力");
    let _ = writeln!(t, "普通话（母语）、英语（工作语言）\n");
    let _ = writeln!(t, "自我评价");
    for line in self_review_zh(rng) {
        let _ = writeln!(t, "{line}");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{extract_record, InputFormat};

    fn format_of(name: &str) -> InputFormat {
        if name.ends_with(".md") {
            InputFormat::Markdown
        } else {
            InputFormat::Text
        }
    }

    #[test]
    fn deterministic_and_independent_of_count() {
        for i in [0usize, 1, 7, 42, 999] {
            let a = generate_one(7, i);
            let b = generate_one(7, i);
            assert_eq!(a, b);
        }
        assert_ne!(generate_one(7, 3).text, generate_one(8, 3).text);
        assert_ne!(generate_one(7, 3).text, generate_one(7, 4).text);
        let dir = std::env::temp_dir().join(format!("cg-gen-test-{}", std::process::id()));
        let bytes = write_corpus(&dir, &GenerateOptions { count: 5, seed: 7 }).unwrap();
        let mut total = 0u64;
        for i in 0..5 {
            let r = generate_one(7, i);
            let on_disk = std::fs::read_to_string(dir.join(&r.file_name)).unwrap();
            assert_eq!(on_disk, r.text);
            total += r.text.len() as u64;
        }
        assert_eq!(bytes, total);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn prng_is_fixed() {
        // The generator's only source of variation: its output for a seed is part of the
        // corpus contract (same seed, same files, on any machine and any version).
        let mut r = Rng::new(42, 7);
        let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(got, PRNG_42_7, "{got:#x?}");
        let mut r = Rng::new(1, 0);
        let picks: Vec<usize> = (0..8).map(|_| r.below(10)).collect();
        assert_eq!(picks, PICKS_1_0);
    }

    // Cross-checked with an independent SplitMix64 in Python.
    const PRNG_42_7: [u64; 3] = [
        0xe685_6014_ea87_441a,
        0xd8ac_e4e3_6754_cc8a,
        0x7898_4aea_10bf_4ae4,
    ];
    const PICKS_1_0: [usize; 8] = [1, 3, 5, 3, 7, 6, 2, 8];

    #[test]
    fn sizes_are_typical() {
        let mut sizes: Vec<usize> = (0..200).map(|i| generate_one(11, i).text.len()).collect();
        sizes.sort_unstable();
        let median = sizes[sizes.len() / 2];
        assert!((3000..=5000).contains(&median), "median size {median}");
        assert!(sizes[0] >= 1200, "smallest {}", sizes[0]);
        assert!(sizes[sizes.len() - 1] <= 12_000, "largest {}", sizes[199]);
    }

    #[test]
    fn language_mix() {
        let n = 1000;
        let (mut en, mut zh, mut bi) = (0, 0, 0);
        for i in 0..n {
            let r = generate_one(3, i);
            match &r.file_name[7..9] {
                "en" => en += 1,
                "zh" => zh += 1,
                "bi" => bi += 1,
                other => panic!("bad tag {other}"),
            }
            let han = r
                .text
                .chars()
                .filter(|c| crate::extract::is_han(*c))
                .count();
            match &r.file_name[7..9] {
                "en" => assert!(han == 0, "{}", r.file_name),
                _ => assert!(han > 200, "{}", r.file_name),
            }
        }
        let pct = |x: i32| x * 100 / n as i32;
        assert!((40..=50).contains(&pct(en)), "en {en}");
        assert!((30..=40).contains(&pct(zh)), "zh {zh}");
        assert!((15..=25).contains(&pct(bi)), "bi {bi}");
    }

    #[test]
    fn extractor_finds_people_and_positions() {
        let n = 50;
        let mut ok = 0;
        let mut failures = Vec::new();
        for i in 0..n {
            let r = generate_one(5, i);
            let rec = extract_record(&r.file_name, format_of(&r.file_name), r.text.as_bytes())
                .expect("extract");
            let name_ok = rec.person.as_ref().is_some_and(|p| !p.name.is_empty());
            let with_org = rec
                .positions
                .iter()
                .filter(|p| !p.organization.is_empty())
                .count();
            if name_ok && with_org >= 2 {
                ok += 1;
            } else {
                failures.push(format!(
                    "{}: name {:?}, {} positions with organisation",
                    r.file_name,
                    rec.person.as_ref().map(|p| p.name.clone()),
                    with_org
                ));
            }
        }
        assert!(ok * 100 >= n * 90, "{ok}/{n}; failures: {failures:#?}");
    }

    /// Whether an extracted record answers go-qps-10k (Go in a position or its projects,
    /// and a QPS metric above 10K in the same position or its projects).
    fn answers_go_qps(rec: &crate::model::CareerRecord) -> bool {
        rec.positions.iter().any(|p| {
            let techs = p
                .technologies
                .iter()
                .chain(p.projects.iter().flat_map(|s| &s.technologies));
            let go = techs
                .into_iter()
                .any(|t| t.iri.as_deref() == Some("https://w3id.org/careergraph/tech/go"));
            let qps = p
                .metrics
                .iter()
                .chain(p.projects.iter().flat_map(|s| &s.metrics))
                .any(|m| m.kind == "qps" && m.value > 10_000.0);
            go && qps
        })
    }

    #[test]
    fn go_qps_share_is_known_by_construction() {
        // The share of people with a Go position above 10K QPS, by construction.
        let n = 2000;
        let by_construction = (0..n)
            .filter(|&i| Facts::new(&mut Rng::new(9, i as u64), i).go_qps)
            .count();
        let pct = by_construction * 100 / n;
        assert!((15..=25).contains(&pct), "{by_construction}/{n}");
        // The extractor finds them, and (almost) only them.
        let n = 200;
        let (mut expected, mut found, mut false_positive) = (0, 0, Vec::new());
        for i in 0..n {
            let facts = Facts::new(&mut Rng::new(9, i as u64), i);
            let r = generate_one(9, i);
            let rec = extract_record(&r.file_name, format_of(&r.file_name), r.text.as_bytes())
                .expect("extract");
            let answers = answers_go_qps(&rec);
            expected += usize::from(facts.go_qps);
            found += usize::from(answers && facts.go_qps);
            if answers && !facts.go_qps {
                false_positive.push(r.file_name);
            }
        }
        assert!(found * 100 >= expected * 90, "found {found} of {expected}");
        // More than a rare false positive would mean the generator leaks Go into positions
        // with QPS above 10K.
        assert!(false_positive.len() * 100 <= n * 2, "{false_positive:?}");
    }

    #[test]
    fn vocabulary_pools_are_usable() {
        let p = pools();
        assert!(p.companies.len() > 100, "{}", p.companies.len());
        assert!(p.companies_zh.len() > 100);
        assert!(p.universities.len() > 100);
        assert!(p.universities_zh.len() > 50);
        assert!(p.langs.len() >= 5);
        assert!(p.data.len() > 20 && p.infra.len() > 20);
        assert_eq!(p.go, "Go");
        // Invented names are not in the vocabularies.
        let v = vocabulary();
        for a in INVENTED_EN_A {
            for b in INVENTED_EN_B {
                let name = format!("{a} {b}");
                assert!(v.organizations.find_all(&name).is_empty(), "{name}");
                assert!(v.technologies.find_all(&name).is_empty(), "{name}");
            }
        }
        for n in INVENTED_ZH_NAME {
            assert!(v.organizations.find_all(n).is_empty(), "{n}");
        }
    }
}
