//! Extractor for Chinese prose biographies (简历 / 个人简介 paragraphs).
//!
//! Input is free text such as
//! `张三先生：1966年出生，硕士研究生，高级工程师。2000年5月至今在厦门某某集团工作，历任集团副总经理。`
//! Output is the person's name, positions (organisation, titles, department, dates) and
//! education (institution, degree, field, year), each as a [`Span`] with byte offsets into
//! the input.
//!
//! The extractor is rule based and carries no vocabulary of its own: every word list comes
//! in through [`ZhLexicon`], which the caller fills from `ontology/lexicon.ttl`.  The rules:
//!
//! * **Name** — the leading run of Han (or Latin) characters before an honorific
//!   (先生, 女士), a separator or a cue verb; a bare surname before an honorific is the name
//!   (`刘先生` → `刘`).
//! * **Clauses** — text is cut into sentences (。；) and clauses (，、：), and between two
//!   titles or organisations at connectors (兼, 及, 和).  Parenthetical asides such as
//!   `（主持工作）` or `（以下简称“公司”）` are skipped.
//! * **Clause prefix** — dates (`2000年5月至今`), cue verbs (现任, 历任, 就职于, 毕业于),
//!   fillers (先后, 同时) and mentions of the person are peeled off the front; what they
//!   say (dates, current, kind of cue) is kept.
//! * **Position** — a title ends with a title head (经理, 董事, 处长 …); an organisation
//!   ends with an organisation suffix (公司, 大学, 局 …) and extends left to a cue verb or
//!   the clause start.  Whatever lies between the organisation and the head is part of the
//!   title (`财务部经理`), the way annotators of Chinese résumés mark it.  Bare references
//!   (公司, 本公司, 集团) count as organisations.
//! * **Education** — a degree phrase (`大学本科学历`, `硕士研究生`), the institution left of it
//!   and the field between them (`南京大学理学硕士`, `吉林大学数量经济学专业`).
//!
//! Grouping: one [`BioPosition`] per organisation mention, holding every title that follows
//! it in the same sentence (`任公司董事、董事会秘书` → one position, two titles).  Titles
//! with no organisation in reach become positions without an organisation; professional
//! qualifications (高级工程师) and party membership (中共党员) are marked by
//! [`PositionKind`].  The same organisation mentioned in several sentences yields several
//! positions, as it should for a career graph; consumers that count distinct strings should
//! de-duplicate.
//!
//! The function never panics: all indexing is bounds-checked and offsets come from
//! `char_indices`.

use super::is_han;

/// Word lists that drive the extractor, one per `lex:` collection in `ontology/lexicon.ttl`.
///
/// Every list is matched longest-first and ASCII-case-insensitively.  Build it with
/// [`ZhLexicon::from_collections`] from `(collection local name, terms)` pairs; the local
/// names are listed in [`ZhLexicon::COLLECTIONS`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZhLexicon {
    /// `lex:title-head`: words a job title ends with (经理, 董事, 处长; one-character heads
    /// such as 长 only count after another character).
    pub title_heads: Vec<String>,
    /// `lex:title-modifier`: words that may start a title (副, 高级, 首席); used to shorten
    /// over-long titles.
    pub title_modifiers: Vec<String>,
    /// `lex:professional-head`: qualification titles (工程师, 会计师) that, held without an
    /// employer, make a [`PositionKind::Qualification`].
    pub professional_heads: Vec<String>,
    /// `lex:affiliation-word`: membership words (党员) that make a [`PositionKind::Affiliation`].
    pub affiliation_words: Vec<String>,
    /// `lex:org-suffix`: organisation endings (公司, 大学, 局); one-character endings need two
    /// more characters before them, longer ones one.
    pub org_suffixes: Vec<String>,
    /// `lex:org-weak-suffix`: industry words ending short company names (投资, 药业); only used
    /// when a title follows or a join verb precedes.
    pub org_weak_suffixes: Vec<String>,
    /// `lex:org-edu-suffix`: organisation endings valid only for schools (会计系).
    pub org_edu_suffixes: Vec<String>,
    /// `lex:org-subunit`: units inside an organisation (党委, 办公室); right after another
    /// organisation name they belong to the title, alone they need three characters before.
    pub org_subunits: Vec<String>,
    /// `lex:org-barrier`: governance bodies an organisation name never runs across (董事会).
    pub org_barriers: Vec<String>,
    /// `lex:org-generic`: generic nouns that are not organisation names (上市公司).
    pub org_generic: Vec<String>,
    /// `lex:org-name`: complete organisation names recognised without a suffix (民进, 九三学社).
    pub org_names: Vec<String>,
    /// `lex:org-reference`: bare references that are organisations on their own (公司, 本行).
    pub org_references: Vec<String>,
    /// `lex:org-prefix-noise`: words stripped from the front of an organisation (原).
    pub org_prefix_noise: Vec<String>,
    /// `lex:department-marker`: department endings (部, 处, 科) for [`BioPosition::department`].
    pub department_markers: Vec<String>,
    /// `lex:degree-word`: degree and level words (博士, 本科, MBA).
    pub degree_words: Vec<String>,
    /// `lex:degree-prefix`: words that may open a degree phrase (大学, 在职).
    pub degree_prefixes: Vec<String>,
    /// `lex:degree-tail`: words that may close a degree phrase (学历, 学位, 文化程度).
    pub degree_tails: Vec<String>,
    /// `lex:field-marker`: words ending a field of study (专业).
    pub field_markers: Vec<String>,
    /// `lex:education-cue`: verbs introducing education (毕业于, 获得).
    pub education_cues: Vec<String>,
    /// `lex:position-cue`: verbs introducing a position (现任, 历任, 担任).
    pub position_cues: Vec<String>,
    /// `lex:join-cue`: verbs saying the person joined or worked at an organisation (加入, 就职于).
    pub join_cues: Vec<String>,
    /// `lex:locative-cue`: prepositions placing the person at an organisation (在, 于).
    pub locative_cues: Vec<String>,
    /// `lex:work-verb`: verbs ending a clause about working somewhere (工作, 任职); with
    /// 在/于 before they make a bare name an organisation (`在阿里巴巴工作`).
    pub work_verbs: Vec<String>,
    /// `lex:current-cue`: words marking the present (现任, 至今).
    pub current_cues: Vec<String>,
    /// `lex:boundary-cue`: verbs an organisation name never runs across (任, 加入, 于).
    pub boundary_cues: Vec<String>,
    /// `lex:clause-filler`: clause-initial words without content (先后, 同时, 并).
    pub clause_fillers: Vec<String>,
    /// `lex:clause-trailer`: clause-final words without content (等职务, 工作).
    pub clause_trailers: Vec<String>,
    /// `lex:honour-cue`: verbs whose objects are not positions (荣获, 负责); such clauses are
    /// skipped unless they hold a degree.
    pub honour_cues: Vec<String>,
    /// `lex:connector`: conjunctions that separate two titles or organisations (兼, 及).
    pub connectors: Vec<String>,
    /// `lex:connector-exception`: words starting with a connector that are not one (兼职).
    pub connector_exceptions: Vec<String>,
    /// `lex:aside-marker`: words that make a parenthetical an aside to skip (简称, 主持工作).
    pub aside_markers: Vec<String>,
    /// `lex:honorific`: honorifics after a name (先生, 女士).
    pub honorifics: Vec<String>,
    /// `lex:gender-word`: gender words that may directly follow a name (男, 女).
    pub gender_words: Vec<String>,
    /// `lex:pronoun`: pronouns standing for the person (他, 其).
    pub pronouns: Vec<String>,
    /// `lex:date-unit`: date units after a number (年, 月, 日).
    pub date_units: Vec<String>,
    /// `lex:date-range`: words joining or closing date ranges (至, -, 起).
    pub date_ranges: Vec<String>,
    /// `lex:date-open`: the open end of a range (至今, 今).
    pub date_open: Vec<String>,
    /// `lex:numeral`: Chinese numerals usable in dates (一九八零年).
    pub numerals: Vec<String>,
}

impl ZhLexicon {
    /// Local names (after `lex:`) of the collections this struct is filled from, in field order.
    pub const COLLECTIONS: &'static [&'static str] = &[
        "title-head",
        "title-modifier",
        "professional-head",
        "affiliation-word",
        "org-suffix",
        "org-weak-suffix",
        "org-edu-suffix",
        "org-subunit",
        "org-barrier",
        "org-generic",
        "org-name",
        "org-reference",
        "org-prefix-noise",
        "department-marker",
        "degree-word",
        "degree-prefix",
        "degree-tail",
        "field-marker",
        "education-cue",
        "position-cue",
        "join-cue",
        "locative-cue",
        "work-verb",
        "current-cue",
        "boundary-cue",
        "clause-filler",
        "clause-trailer",
        "honour-cue",
        "connector",
        "connector-exception",
        "aside-marker",
        "honorific",
        "gender-word",
        "pronoun",
        "date-unit",
        "date-range",
        "date-open",
        "numeral",
    ];

    /// Builds a lexicon from `(collection local name, terms)` pairs, e.g. `("title-head",
    /// vec!["经理".into()])`.  Terms for the same collection accumulate; unknown collection
    /// names are ignored.
    pub fn from_collections<I, K>(lists: I) -> Self
    where
        I: IntoIterator<Item = (K, Vec<String>)>,
        K: AsRef<str>,
    {
        let mut lex = ZhLexicon::default();
        for (name, terms) in lists {
            if let Some(slot) = lex.slot_mut(name.as_ref()) {
                slot.extend(terms);
            }
        }
        lex
    }

    /// The field holding the collection with the given local name.
    fn slot_mut(&mut self, name: &str) -> Option<&mut Vec<String>> {
        let slot = match name {
            "title-head" => &mut self.title_heads,
            "title-modifier" => &mut self.title_modifiers,
            "professional-head" => &mut self.professional_heads,
            "affiliation-word" => &mut self.affiliation_words,
            "org-suffix" => &mut self.org_suffixes,
            "org-weak-suffix" => &mut self.org_weak_suffixes,
            "org-edu-suffix" => &mut self.org_edu_suffixes,
            "org-subunit" => &mut self.org_subunits,
            "org-barrier" => &mut self.org_barriers,
            "org-generic" => &mut self.org_generic,
            "org-name" => &mut self.org_names,
            "org-reference" => &mut self.org_references,
            "org-prefix-noise" => &mut self.org_prefix_noise,
            "department-marker" => &mut self.department_markers,
            "degree-word" => &mut self.degree_words,
            "degree-prefix" => &mut self.degree_prefixes,
            "degree-tail" => &mut self.degree_tails,
            "field-marker" => &mut self.field_markers,
            "education-cue" => &mut self.education_cues,
            "position-cue" => &mut self.position_cues,
            "join-cue" => &mut self.join_cues,
            "locative-cue" => &mut self.locative_cues,
            "work-verb" => &mut self.work_verbs,
            "current-cue" => &mut self.current_cues,
            "boundary-cue" => &mut self.boundary_cues,
            "clause-filler" => &mut self.clause_fillers,
            "clause-trailer" => &mut self.clause_trailers,
            "honour-cue" => &mut self.honour_cues,
            "connector" => &mut self.connectors,
            "connector-exception" => &mut self.connector_exceptions,
            "aside-marker" => &mut self.aside_markers,
            "honorific" => &mut self.honorifics,
            "gender-word" => &mut self.gender_words,
            "pronoun" => &mut self.pronouns,
            "date-unit" => &mut self.date_units,
            "date-range" => &mut self.date_ranges,
            "date-open" => &mut self.date_open,
            "numeral" => &mut self.numerals,
            _ => return None,
        };
        Some(slot)
    }
}

/// A piece of the input: `start..end` are byte offsets on char boundaries and `text` is
/// exactly `input[start..end]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// What kind of role a [`BioPosition`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum PositionKind {
    /// A job or office, with or without a known organisation.
    #[default]
    Employment,
    /// A professional title or licence held without an employer (高级工程师, 注册会计师).
    Qualification,
    /// Membership of a party or association (中共党员).
    Affiliation,
}

/// One organisation mention with the titles held there.
///
/// A position has an organisation, at least one title, or both.  Titles listed after one
/// organisation in the same sentence share its position (and its dates).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BioPosition {
    /// The organisation, or `None` when the text gives titles only.
    pub organization: Option<Span>,
    /// Titles in text order; a title includes any department written before it
    /// (`财务部经理`), matching how Chinese résumés are annotated.
    pub titles: Vec<Span>,
    /// A department named separately from the title (`在X公司财务部工作`, `X处任科员`).
    pub department: Option<Span>,
    /// Start date as written (`2000年5月`).
    pub start: Option<Span>,
    /// End date as written (`2010年2月`, `至今`).
    pub end: Option<Span>,
    /// Whether the text marks the position as current (现任, 至今).
    pub current: bool,
    /// Job, qualification or affiliation.
    pub kind: PositionKind,
}

/// One education fact; at least one field is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BioEducation {
    /// School or university (`吉林大学`, `中国人民大学会计系`).
    pub institution: Option<Span>,
    /// Degree phrase as written (`硕士研究生`, `本科学历`, `MBA`).
    pub degree: Option<Span>,
    /// Field of study (`数量经济学专业`, `经济学`).
    pub field: Option<Span>,
    /// Year of graduation or degree when the clause starts with a date (`1992年`).
    pub year: Option<Span>,
}

/// Everything extracted from one biography.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ZhBio {
    /// The person's name (`张三`, or a bare surname `刘` in `刘先生…`).
    pub name: Option<Span>,
    /// Positions in text order.
    pub positions: Vec<BioPosition>,
    /// Education in text order.
    pub education: Vec<BioEducation>,
}

/// Which repeated strings [`ZhBio::position_rows`] leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distinct {
    /// Keep everything: one row per title, the organisation repeated on each.
    #[default]
    Nothing,
    /// Give each organisation text only on the first row that names it.
    Organizations,
    /// Also give each title text only once.
    OrganizationsAndTitles,
}

/// One flattened position: an organisation and/or one title, with the position it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PositionRow<'a> {
    /// The organisation, unless left out as a repeat.
    pub organization: Option<&'a Span>,
    /// The title, unless left out as a repeat or the position has none.
    pub title: Option<&'a Span>,
    /// The position the row was made from (dates, department, kind).
    pub position: &'a BioPosition,
}

impl ZhBio {
    /// Flattens positions into one row per title (one row for a position without titles),
    /// leaving out repeated organisation and title texts as `distinct` says; rows left with
    /// neither are dropped.  Consumers that count distinct strings per document (like the
    /// résumé NER scorers) should use [`Distinct::Organizations`] or stronger: the same
    /// organisation is often named in several sentences (`公司`, one employer per period).
    pub fn position_rows(&self, distinct: Distinct) -> Vec<PositionRow<'_>> {
        let mut orgs: Vec<String> = Vec::new();
        let mut titles: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for p in &self.positions {
            let mut org = p
                .organization
                .as_ref()
                .filter(|o| distinct == Distinct::Nothing || first_time(&mut orgs, o));
            let slots: Vec<Option<&Span>> = if p.titles.is_empty() {
                vec![None]
            } else {
                p.titles.iter().map(Some).collect()
            };
            for t in slots {
                let title = t.filter(|t| {
                    distinct != Distinct::OrganizationsAndTitles || first_time(&mut titles, t)
                });
                if org.is_some() || title.is_some() {
                    rows.push(PositionRow {
                        organization: org,
                        title,
                        position: p,
                    });
                }
                if distinct != Distinct::Nothing {
                    org = None;
                }
            }
        }
        rows
    }
}

/// Whether `span`'s text (trimmed, ASCII case folded) is new to `seen`; records it.
fn first_time(seen: &mut Vec<String>, span: &Span) -> bool {
    let key = span.text.trim().to_ascii_lowercase();
    if seen.contains(&key) {
        false
    } else {
        seen.push(key);
        true
    }
}

/// Extracts name, positions and education from a Chinese prose biography.
///
/// Never panics; returns an empty [`ZhBio`] for empty or non-Chinese input.
pub fn extract_zh_bio(text: &str, lex: &ZhLexicon) -> ZhBio {
    let lx = Lex::new(lex);
    let doc = Doc::new(text);
    let name = find_name(&doc, &lx);
    let name_chars: Vec<char> = name
        .map(|(s, e)| doc.cs.get(s..e).unwrap_or(&[]).to_vec())
        .unwrap_or_default();
    let mask = aside_mask(&doc, &lx);
    let clauses = split_clauses(&doc, &lx, &mask);
    let mut facts: Vec<Facts> = clauses
        .iter()
        .map(|c| analyse_clause(c, &lx, &name_chars))
        .collect();
    split_unsuffixed_orgs(&clauses, &mut facts, &lx);
    let mut builder = Builder::default();
    for (clause, f) in clauses.iter().zip(&facts) {
        builder.push(&doc, clause, f, &lx);
    }
    ZhBio {
        name: name.and_then(|(s, e)| doc.span(s, e)),
        positions: builder.positions,
        education: builder.education,
    }
}

// ------------------------------------------------------------------ word sets

/// A compiled word list: lower-cased char vectors, longest first.
#[derive(Debug, Default)]
struct WordSet {
    words: Vec<Vec<char>>,
}

impl WordSet {
    /// Compiles a list, dropping empty entries and duplicates.
    fn new(terms: &[String]) -> Self {
        let mut words: Vec<Vec<char>> = terms
            .iter()
            .map(|t| t.trim().chars().map(fold).collect::<Vec<char>>())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        words.dedup();
        WordSet { words }
    }

    /// Length of the longest word starting at `i` and ending at or before `limit`; 0 if none.
    fn at(&self, cc: &[char], i: usize, limit: usize) -> usize {
        let limit = limit.min(cc.len());
        self.words
            .iter()
            .find(|w| i + w.len() <= limit && same_chars(&cc[i..i + w.len()], w))
            .map_or(0, |w| w.len())
    }

    /// Length of the longest word ending at `end` and starting at or after `lo`; 0 if none.
    fn ending(&self, cc: &[char], end: usize, lo: usize) -> usize {
        if end > cc.len() {
            return 0;
        }
        self.words
            .iter()
            .find(|w| {
                w.len() <= end && end - w.len() >= lo && same_chars(&cc[end - w.len()..end], w)
            })
            .map_or(0, |w| w.len())
    }

    /// Whether `cc[s..e]` is exactly one of the words.
    fn is(&self, cc: &[char], s: usize, e: usize) -> bool {
        s < e
            && e <= cc.len()
            && self
                .words
                .iter()
                .any(|w| w.len() == e - s && same_chars(&cc[s..e], w))
    }

    /// Whether any word occurs anywhere in `cc[s..e]`.
    fn occurs_in(&self, cc: &[char], s: usize, e: usize) -> bool {
        (s..e).any(|i| self.at(cc, i, e) > 0)
    }
}

/// ASCII case folding; other characters are unchanged.
fn fold(c: char) -> char {
    c.to_ascii_lowercase()
}

/// Whether two equally long char slices are equal up to ASCII case.
fn same_chars(a: &[char], w: &[char]) -> bool {
    a.len() == w.len() && a.iter().zip(w).all(|(x, y)| fold(*x) == *y)
}

/// The compiled form of a [`ZhLexicon`].
#[derive(Debug, Default)]
struct Lex {
    title_heads: WordSet,
    title_modifiers: WordSet,
    professional_heads: WordSet,
    affiliation_words: WordSet,
    org_suffixes: WordSet,
    org_weak_suffixes: WordSet,
    org_edu_suffixes: WordSet,
    org_subunits: WordSet,
    org_barriers: WordSet,
    org_generic: WordSet,
    org_names: WordSet,
    org_references: WordSet,
    org_prefix_noise: WordSet,
    department_markers: WordSet,
    degree_words: WordSet,
    degree_prefixes: WordSet,
    degree_tails: WordSet,
    field_markers: WordSet,
    education_cues: WordSet,
    position_cues: WordSet,
    join_cues: WordSet,
    locative_cues: WordSet,
    work_verbs: WordSet,
    current_cues: WordSet,
    boundary_cues: WordSet,
    clause_fillers: WordSet,
    clause_trailers: WordSet,
    honour_cues: WordSet,
    connectors: WordSet,
    connector_exceptions: WordSet,
    aside_markers: WordSet,
    honorifics: WordSet,
    gender_words: WordSet,
    pronouns: WordSet,
    date_units: WordSet,
    date_ranges: WordSet,
    date_open: WordSet,
    numerals: Vec<char>,
}

impl Lex {
    /// Compiles every list of `lex`.
    fn new(lex: &ZhLexicon) -> Self {
        Lex {
            title_heads: WordSet::new(&lex.title_heads),
            title_modifiers: WordSet::new(&lex.title_modifiers),
            professional_heads: WordSet::new(&lex.professional_heads),
            affiliation_words: WordSet::new(&lex.affiliation_words),
            org_suffixes: WordSet::new(&lex.org_suffixes),
            org_weak_suffixes: WordSet::new(&lex.org_weak_suffixes),
            org_edu_suffixes: WordSet::new(&lex.org_edu_suffixes),
            org_subunits: WordSet::new(&lex.org_subunits),
            org_barriers: WordSet::new(&lex.org_barriers),
            org_generic: WordSet::new(&lex.org_generic),
            org_names: WordSet::new(&lex.org_names),
            org_references: WordSet::new(&lex.org_references),
            org_prefix_noise: WordSet::new(&lex.org_prefix_noise),
            department_markers: WordSet::new(&lex.department_markers),
            degree_words: WordSet::new(&lex.degree_words),
            degree_prefixes: WordSet::new(&lex.degree_prefixes),
            degree_tails: WordSet::new(&lex.degree_tails),
            field_markers: WordSet::new(&lex.field_markers),
            education_cues: WordSet::new(&lex.education_cues),
            position_cues: WordSet::new(&lex.position_cues),
            join_cues: WordSet::new(&lex.join_cues),
            locative_cues: WordSet::new(&lex.locative_cues),
            work_verbs: WordSet::new(&lex.work_verbs),
            current_cues: WordSet::new(&lex.current_cues),
            boundary_cues: WordSet::new(&lex.boundary_cues),
            clause_fillers: WordSet::new(&lex.clause_fillers),
            clause_trailers: WordSet::new(&lex.clause_trailers),
            honour_cues: WordSet::new(&lex.honour_cues),
            connectors: WordSet::new(&lex.connectors),
            connector_exceptions: WordSet::new(&lex.connector_exceptions),
            aside_markers: WordSet::new(&lex.aside_markers),
            honorifics: WordSet::new(&lex.honorifics),
            gender_words: WordSet::new(&lex.gender_words),
            pronouns: WordSet::new(&lex.pronouns),
            date_units: WordSet::new(&lex.date_units),
            date_ranges: WordSet::new(&lex.date_ranges),
            date_open: WordSet::new(&lex.date_open),
            numerals: lex.numerals.iter().flat_map(|t| t.trim().chars()).collect(),
        }
    }

    /// Length of the title head ending at `end` (within `lo..end`); a one-character head
    /// needs another character before it.
    fn head_ending(&self, cc: &[char], end: usize, lo: usize) -> usize {
        let l = self
            .title_heads
            .ending(cc, end, lo)
            .max(self.affiliation_words.ending(cc, end, lo));
        if l == 1 && end < lo + 2 {
            0
        } else {
            l
        }
    }

    /// Whether `c` can be part of a number in a date.
    fn is_date_digit(&self, c: char) -> bool {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || self.numerals.contains(&c)
    }
}

// ------------------------------------------------------------------ characters

/// Whether `c` ends a sentence (and so any carry-over of organisation or dates).
fn is_sentence_sep(c: char) -> bool {
    matches!(
        c,
        '。' | '；'
            | ';'
            | '！'
            | '!'
            | '？'
            | '?'
            | '\n'
            | '\r'
            | '◆'
            | '●'
            | '■'
            | '★'
            | '☆'
            | '◇'
            | '□'
            | '▲'
            | '•'
    )
}

/// Whether `c` separates clauses inside a sentence.
fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':' | '、' | '\t')
}

/// The closing bracket matching an opening one.
fn closer(c: char) -> Option<char> {
    match c {
        '（' => Some('）'),
        '(' => Some(')'),
        '【' => Some('】'),
        '[' => Some(']'),
        '〔' => Some('〕'),
        '「' => Some('」'),
        '《' => Some('》'),
        '“' => Some('”'),
        _ => None,
    }
}

/// Whether `c` closes a bracket.
fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | ']' | '〕' | '」' | '》' | '”')
}

/// Characters allowed inside an organisation name besides Han and ASCII alphanumerics.
fn is_org_char(c: char) -> bool {
    is_han(c)
        || c.is_ascii_alphanumeric()
        || c.is_alphanumeric()
        || matches!(c, '·' | '&' | '＆' | '.' | '-' | '\'' | ' ')
}

/// Index of the bracket opening the group closed at `close`, searching back to `lo`.
fn find_open(cc: &[char], lo: usize, close: usize) -> Option<usize> {
    let closing = *cc.get(close)?;
    let mut depth = 0usize;
    let mut p = close;
    while p > lo {
        p -= 1;
        let c = cc[p];
        if c == closing {
            depth += 1;
        } else if closer(c) == Some(closing) {
            if depth == 0 {
                return Some(p);
            }
            depth -= 1;
        }
    }
    None
}

// ------------------------------------------------------------------ document and clauses

/// The input as chars with their byte offsets (`offs` has one extra entry: the length).
struct Doc<'a> {
    text: &'a str,
    cs: Vec<char>,
    offs: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// Indexes `text` by character.
    fn new(text: &'a str) -> Self {
        let (offs, cs): (Vec<usize>, Vec<char>) = text.char_indices().unzip();
        let mut offs = offs;
        offs.push(text.len());
        Doc { text, cs, offs }
    }

    /// The span covering characters `s..e`, or `None` if empty or out of range.
    fn span(&self, s: usize, e: usize) -> Option<Span> {
        if s >= e {
            return None;
        }
        let (start, end) = (*self.offs.get(s)?, *self.offs.get(e)?);
        let text = self.text.get(start..end)?.to_string();
        Some(Span { start, end, text })
    }
}

/// How a clause was separated from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Sep {
    /// First clause of a sentence.
    #[default]
    Sentence,
    /// A comma or colon.
    Comma,
    /// An enumeration comma (、).
    Enum,
    /// A connector word (兼, 及).
    Connector,
}

/// A clause: the kept characters and their indices in the document (asides removed).
#[derive(Debug, Default)]
struct Clause {
    pos: Vec<usize>,
    cc: Vec<char>,
    sentence: usize,
    sep: Sep,
}

impl Clause {
    /// Document span of clause characters `a..b`.
    fn span(&self, doc: &Doc, r: (usize, usize)) -> Option<Span> {
        let (a, b) = r;
        if a >= b {
            return None;
        }
        let first = *self.pos.get(a)?;
        let last = *self.pos.get(b - 1)?;
        doc.span(first, last + 1)
    }
}

/// Marks bracketed asides (`（主持工作）`, `（股份代号：00656）`) so clauses skip them.
fn aside_mask(doc: &Doc, lx: &Lex) -> Vec<bool> {
    let cs = &doc.cs;
    let mut mask = vec![false; cs.len()];
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if matches!(c, '（' | '(' | '【' | '[') {
            if let Some(close) = matching_close(cs, i) {
                if is_aside(cs, i + 1, close, lx) {
                    mask[i..=close].iter_mut().for_each(|m| *m = true);
                    i = close + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    mask
}

/// Index of the bracket closing the group opened at `open`, within 80 characters and the
/// same sentence.
fn matching_close(cs: &[char], open: usize) -> Option<usize> {
    let want = closer(*cs.get(open)?)?;
    let opening = cs[open];
    let mut depth = 0usize;
    for (j, &c) in cs.iter().enumerate().skip(open + 1).take(80) {
        if c == opening {
            depth += 1;
        } else if c == want {
            if depth == 0 {
                return Some(j);
            }
            depth -= 1;
        } else if is_sentence_sep(c) {
            return None;
        }
    }
    None
}

/// Whether the bracket content `s..e` is an aside rather than part of a name.
fn is_aside(cs: &[char], s: usize, e: usize, lx: &Lex) -> bool {
    let inner = &cs[s..e];
    inner.is_empty()
        || inner
            .iter()
            .any(|&c| c.is_ascii_digit() || is_clause_sep(c) || c == '“' || c == '"')
        || lx.aside_markers.occurs_in(cs, s, e)
}

/// Cuts the document into clauses at sentence and clause separators (outside brackets)
/// and at connectors that follow a title, organisation or degree.
fn split_clauses(doc: &Doc, lx: &Lex, mask: &[bool]) -> Vec<Clause> {
    let cs = &doc.cs;
    let mut out = Vec::new();
    let mut cur = Clause::default();
    let mut sentence = 0usize;
    let mut depth = 0usize;
    let mut i = 0usize;
    while i < cs.len() {
        let c = cs[i];
        if mask.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if is_sentence_sep(c) {
            sentence += 1;
            depth = 0;
            flush(&mut out, &mut cur, sentence, Sep::Sentence);
        } else if depth == 0 && is_clause_sep(c) {
            let sep = if c == '、' { Sep::Enum } else { Sep::Comma };
            flush(&mut out, &mut cur, sentence, sep);
        } else {
            if closer(c).is_some() && c != '“' {
                depth += 1;
            } else if is_close(c) && c != '”' {
                depth = depth.saturating_sub(1);
            }
            let conn = connector_at(cs, i, &cur, lx);
            if depth == 0 && conn > 0 {
                flush(&mut out, &mut cur, sentence, Sep::Connector);
                i += conn;
                continue;
            }
            cur.pos.push(i);
            cur.cc.push(c);
        }
        i += 1;
    }
    flush(&mut out, &mut cur, sentence, Sep::Sentence);
    out
}

/// Length of a connector at `i` that splits the current clause, or 0.
fn connector_at(cs: &[char], i: usize, cur: &Clause, lx: &Lex) -> usize {
    let l = lx.connectors.at(cs, i, cs.len());
    if l == 0 || lx.connector_exceptions.at(cs, i, cs.len()) > 0 || cur.cc.is_empty() {
        return 0;
    }
    if ends_with_unit(&cur.cc, lx) {
        l
    } else {
        0
    }
}

/// Whether a clause so far ends with a title head, organisation suffix or degree word.
fn ends_with_unit(cc: &[char], lx: &Lex) -> bool {
    let n = cc.len();
    lx.head_ending(cc, n, 0) > 0
        || lx.org_suffixes.ending(cc, n, 0) > 0
        || lx.degree_words.ending(cc, n, 0) > 0
        || lx.degree_tails.ending(cc, n, 0) > 0
}

/// Pushes the current clause (if not empty) and starts a new one separated by `next`.
fn flush(out: &mut Vec<Clause>, cur: &mut Clause, sentence: usize, next: Sep) {
    let done = std::mem::take(cur);
    if !done.cc.is_empty() {
        out.push(done);
    }
    cur.sentence = sentence;
    cur.sep = next;
}

// ------------------------------------------------------------------ name

/// Character range of the person's name at the start of the text.
fn find_name(doc: &Doc, lx: &Lex) -> Option<(usize, usize)> {
    let cs = &doc.cs;
    let start = cs
        .iter()
        .position(|c| !c.is_whitespace() && !is_sentence_sep(*c))?;
    let (end, stop) = name_run(cs, start, lx);
    let run = cs.get(start..end)?;
    if run.is_empty() {
        return None;
    }
    if run
        .iter()
        .all(|c| c.is_ascii_alphabetic() || *c == ' ' || *c == '.')
    {
        return (run.len() >= 2).then_some((start, end));
    }
    let hanish = run.iter().filter(|c| **c != '·').count();
    let dotted = run.contains(&'·');
    match stop {
        NameStop::Honorific if hanish <= 4 || dotted => Some((start, end)),
        NameStop::Honorific => Some((end - 3, end)),
        _ if hanish == 4 && lx.gender_words.ending(cs, end, start) == 1 => Some((start, end - 1)),
        _ if (2..=4).contains(&hanish) || (dotted && hanish <= 16) => Some((start, end)),
        _ => None,
    }
}

/// Why the leading name run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameStop {
    Honorific,
    Other,
}

/// End of the leading run of name characters and why it ended.
fn name_run(cs: &[char], start: usize, lx: &Lex) -> (usize, NameStop) {
    let mut i = start;
    while i < cs.len() {
        if lx.honorifics.at(cs, i, cs.len()) > 0 && i > start {
            return (i, NameStop::Honorific);
        }
        let c = cs[i];
        let latin = c.is_ascii_alphabetic();
        if !(is_han(c) || c == '·' || latin) || i - start >= 16 {
            break;
        }
        if is_han(c) && name_cue_stop(cs, start, i, lx) {
            break;
        }
        i += 1;
    }
    (i, NameStop::Other)
}

/// Whether a cue verb at `i` ends the name run begun at `start`.
fn name_cue_stop(cs: &[char], start: usize, i: usize, lx: &Lex) -> bool {
    let n = cs.len();
    let cue = [
        lx.position_cues.at(cs, i, n),
        lx.current_cues.at(cs, i, n),
        lx.join_cues.at(cs, i, n),
        lx.education_cues.at(cs, i, n),
        lx.locative_cues.at(cs, i, n),
        lx.clause_fillers.at(cs, i, n),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let len = i - start;
    (cue >= 2 && len >= 2) || (cue == 1 && len >= 3)
}

// ------------------------------------------------------------------ clause analysis

/// The kind of cue verb that opened a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Cue {
    #[default]
    None,
    Position,
    Join,
    Locative,
    Education,
    Honour,
}

/// What the front of a clause says.
#[derive(Debug, Default, Clone)]
struct Prefix {
    end: usize,
    start_date: Option<(usize, usize)>,
    end_date: Option<(usize, usize)>,
    current: bool,
    cue: Cue,
}

/// Everything found in one clause, as clause-local character ranges.
#[derive(Debug, Default)]
struct Facts {
    prefix: Prefix,
    core: (usize, usize),
    works: bool,
    org: Option<(usize, usize)>,
    title: Option<(usize, usize)>,
    department: Option<(usize, usize)>,
    edu: Option<EduFacts>,
}

/// Education found in one clause.
#[derive(Debug, Default, Clone, Copy)]
struct EduFacts {
    institution: Option<(usize, usize)>,
    degree: Option<(usize, usize)>,
    field: Option<(usize, usize)>,
}

/// Analyses one clause: prefix, then education or position.
fn analyse_clause(clause: &Clause, lx: &Lex, name: &[char]) -> Facts {
    let cc = &clause.cc;
    let prefix = parse_prefix(cc, 0, cc.len(), lx, name);
    let i = prefix.end;
    let j = trim_suffix(cc, i, cc.len(), lx);
    let works = lx.work_verbs.ending(cc, cc.len(), i) > 0;
    let mut facts = Facts {
        prefix,
        core: (i, j),
        works,
        ..Facts::default()
    };
    if i >= j {
        return facts;
    }
    let head = lx.head_ending(cc, j, i);
    let degree = if head > 0 {
        None
    } else {
        find_degree(cc, i, j, lx)
    };
    let edu_cue = facts.prefix.cue == Cue::Education || lx.education_cues.ending(cc, j, i) > 0;
    if degree.is_some() || (edu_cue && head == 0) {
        facts.edu = parse_education(cc, i, j, degree, facts.prefix.cue, lx);
    } else if facts.prefix.cue != Cue::Honour {
        let cue = match facts.prefix.cue {
            Cue::Locative if works => Cue::Join,
            other => other,
        };
        let p = parse_position(cc, i, j, cue, lx);
        facts.org = p.org;
        facts.title = p.title;
        facts.department = p.department;
    }
    facts
}

/// Peels dates, cue verbs, fillers and mentions of the person off the front of `cc[from..to]`.
fn parse_prefix(cc: &[char], from: usize, to: usize, lx: &Lex, name: &[char]) -> Prefix {
    let mut p = Prefix {
        end: from,
        ..Prefix::default()
    };
    let mut ranged = false;
    let mut i = from;
    while i < to {
        if cc[i].is_whitespace() || matches!(cc[i], '“' | '”' | '"') {
            i += 1;
            continue;
        }
        if let Some(e) = date_at(cc, i, to, lx) {
            if p.start_date.is_none() {
                p.start_date = Some((i, e));
            } else if p.end_date.is_none() {
                p.end_date = Some((i, e));
            }
            i = e;
            continue;
        }
        let open = lx.date_open.at(cc, i, to);
        if open > 0 && (ranged || p.start_date.is_some()) {
            p.end_date = Some((i, i + open));
            p.current = true;
            i += open;
            continue;
        }
        let range = lx.date_ranges.at(cc, i, to);
        if range > 0 && p.start_date.is_some() && lx.title_heads.at(cc, i, to) <= range {
            ranged = true;
            i += range;
            continue;
        }
        let person = person_at(cc, i, to, lx, name);
        if person > 0 {
            i += person;
            continue;
        }
        let cue = cue_at(cc, i, to, lx, &mut p);
        if cue == 0 {
            break;
        }
        i += cue;
    }
    p.end = i.min(to);
    p
}

/// Length of the longest cue or filler at `i` (0 if none or if a longer title head starts
/// there); records the cue kind and the current flag in `p`.
fn cue_at(cc: &[char], i: usize, to: usize, lx: &Lex, p: &mut Prefix) -> usize {
    let options = [
        (lx.honour_cues.at(cc, i, to), Cue::Honour),
        (lx.education_cues.at(cc, i, to), Cue::Education),
        (lx.join_cues.at(cc, i, to), Cue::Join),
        (lx.position_cues.at(cc, i, to), Cue::Position),
        (lx.locative_cues.at(cc, i, to), Cue::Locative),
        (lx.current_cues.at(cc, i, to), Cue::Position),
        (lx.clause_fillers.at(cc, i, to), Cue::None),
    ];
    let best = options.iter().map(|o| o.0).max().unwrap_or(0);
    let content = lx.title_heads.at(cc, i, to) > best
        || lx.degree_words.at(cc, i, to) > 0
        || lx.degree_prefixes.at(cc, i, to) > best
        || lx.connector_exceptions.at(cc, i, to) > best;
    if best == 0 || content {
        return 0;
    }
    if let Some(&(_, kind)) = options.iter().find(|o| o.0 == best && o.1 != Cue::None) {
        if p.cue != Cue::Honour {
            p.cue = kind;
        }
    }
    if lx.current_cues.at(cc, i, to) == best {
        p.current = true;
    }
    best
}

/// Length of a mention of the person at `i`: the name (with honorific), `X先生`, or a pronoun.
fn person_at(cc: &[char], i: usize, to: usize, lx: &Lex, name: &[char]) -> usize {
    let n = name.len();
    if n > 0 && i + n <= to && cc[i..i + n] == *name {
        return n + lx.honorifics.at(cc, i + n, to);
    }
    for k in 1..=4 {
        if i + k >= to || !is_han(cc[i + k - 1]) {
            break;
        }
        let h = lx.honorifics.at(cc, i + k, to);
        if h > 0 {
            return k + h;
        }
    }
    lx.pronouns.at(cc, i, to)
}

/// End of a date expression starting at `i` (`2000年5月`, `一九八零年`, `2008.12`), if any.
fn date_at(cc: &[char], i: usize, to: usize, lx: &Lex) -> Option<usize> {
    let mut j = i;
    let mut found = false;
    loop {
        let mut k = j;
        while k < to && lx.is_date_digit(cc[k]) {
            k += 1;
        }
        if k == j {
            break;
        }
        let unit = lx.date_units.at(cc, k, to);
        if unit > 0 {
            j = k + unit;
            found = true;
            continue;
        }
        let dotted = k + 1 < to && matches!(cc[k], '.' | '．' | '/') && cc[k + 1].is_ascii_digit();
        if dotted && k - j == 4 {
            j = k + 1;
            found = true;
            continue;
        }
        if k - j == 4 && cc[j..k].iter().all(|c| c.is_ascii_digit())
            || (found && cc[j].is_ascii_digit())
        {
            j = k;
            found = true;
        }
        break;
    }
    found.then_some(j)
}

/// End of `cc[from..to]` after dropping trailing filler words and trailing bracket groups
/// that follow a title.
fn trim_suffix(cc: &[char], from: usize, to: usize, lx: &Lex) -> usize {
    let mut to = to;
    loop {
        while to > from && (cc[to - 1].is_whitespace() || matches!(cc[to - 1], '“' | '”' | '"'))
        {
            to -= 1;
        }
        if to > from && is_close(cc[to - 1]) {
            if let Some(open) = find_open(cc, from, to - 1) {
                if open > from && lx.head_ending(cc, open, from) > 0 {
                    to = open;
                    continue;
                }
            }
        }
        let t = lx.clause_trailers.ending(cc, to, from);
        if t > 0 && to - t > from && lx.head_ending(cc, to, from) <= t {
            to -= t;
            continue;
        }
        return to;
    }
}

// ------------------------------------------------------------------ positions

/// Organisation, title and department of a position clause.
#[derive(Debug, Default)]
struct PosFacts {
    org: Option<(usize, usize)>,
    title: Option<(usize, usize)>,
    department: Option<(usize, usize)>,
}

/// Finds organisation and title in the clause core `cc[i..j]`.
fn parse_position(cc: &[char], i: usize, j: usize, cue: Cue, lx: &Lex) -> PosFacts {
    let head = lx.head_ending(cc, j, i);
    let limit = j - head;
    let weak_ok = head > 0 || cue == Cue::Join || cue == Cue::Locative;
    let org = find_org(cc, i, limit, lx, OrgMode::Strong)
        .or_else(|| {
            if weak_ok {
                find_org(cc, i, limit, lx, OrgMode::Weak)
            } else {
                None
            }
        })
        .or_else(|| {
            if cue == Cue::Join && head == 0 {
                bare_org(cc, i, j, lx)
            } else {
                None
            }
        });
    let mut facts = PosFacts {
        org,
        ..PosFacts::default()
    };
    if head > 0 {
        let from = org.map_or(i, |o| o.1);
        let (ts, dept) = title_start(cc, from, limit, lx);
        let short = shorten_title(cc, ts, j, lx);
        let cut_dept =
            (short > ts && lx.department_markers.ending(cc, short, ts) > 0).then_some((ts, short));
        facts.department = dept.or(cut_dept);
        facts.title = (short < j).then_some((short, j));
    } else if let Some(o) = org {
        facts.department = department_after(cc, o.1, j, lx);
    }
    facts
}

/// Longest organisation name allowed, in characters.
const MAX_ORG: usize = 40;
/// Longest title kept whole, in characters; longer ones are cut at a modifier or head.
const MAX_TITLE: usize = 14;

/// Which suffix lists an organisation search uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OrgMode {
    /// `lex:org-suffix`.
    Strong,
    /// `lex:org-weak-suffix`, when a title follows or a join verb precedes.
    Weak,
    /// `lex:org-suffix` plus `lex:org-edu-suffix`, for schools.
    School,
}

/// The rightmost organisation ending at or before `limit` in `cc[lo..]`.
fn find_org(
    cc: &[char],
    lo: usize,
    limit: usize,
    lx: &Lex,
    mode: OrgMode,
) -> Option<(usize, usize)> {
    let mut k = limit;
    while k > lo {
        if let Some(found) = org_ending_at(cc, lo, k, lx, mode) {
            return Some(found);
        }
        k -= 1;
    }
    None
}

/// Length of the longest suffix of the given mode ending at `k`.
fn suffix_ending(cc: &[char], lo: usize, k: usize, lx: &Lex, mode: OrgMode) -> usize {
    let names = lx.org_names.ending(cc, k, lo);
    match mode {
        OrgMode::Strong => lx.org_suffixes.ending(cc, k, lo).max(names),
        OrgMode::Weak => lx.org_weak_suffixes.ending(cc, k, lo),
        OrgMode::School => lx
            .org_suffixes
            .ending(cc, k, lo)
            .max(lx.org_edu_suffixes.ending(cc, k, lo))
            .max(names),
    }
}

/// The organisation whose suffix ends exactly at `k`, if the name before the suffix is
/// long enough.  A sub-unit right after another organisation (`公司党委`) yields that
/// organisation instead; a lone sub-unit needs three characters before it.
fn org_ending_at(
    cc: &[char],
    lo: usize,
    k: usize,
    lx: &Lex,
    mode: OrgMode,
) -> Option<(usize, usize)> {
    let sl = suffix_ending(cc, lo, k, lx, mode);
    if sl == 0
        || splits_head(cc, k, lx)
        || (sl == 1 && lx.department_markers.at(cc, k, cc.len()) == 1)
    {
        return None;
    }
    let sub = lx.org_subunits.ending(cc, k, lo);
    let mut need = if mode == OrgMode::Weak || sl == 1 {
        2
    } else {
        1
    };
    let ss = k - sl;
    let os = strip_org_noise(cc, left_extend(cc, lo, ss, lx), ss, lx);
    if sub > 0 && mode != OrgMode::Weak {
        let inner = k - sub;
        if suffix_ending(cc, lo, inner, lx, mode) > 0
            || lx.org_weak_suffixes.ending(cc, inner, lo) > 0
        {
            return org_ending_at(cc, lo, inner, lx, mode)
                .or_else(|| org_ending_at(cc, lo, inner, lx, OrgMode::Weak))
                .filter(|o| o.1 == inner);
        }
        if let Some(parent) = find_org(cc, os, inner, lx, mode) {
            return Some(parent);
        }
        need = need.max(3usize.saturating_sub(sl.saturating_sub(sub)));
    }
    if lx.org_generic.is(cc, os, k) {
        return None;
    }
    let weak_dept = mode == OrgMode::Weak && lx.department_markers.at(cc, k, cc.len()) > 0;
    let long_enough =
        ss - os >= need || lx.org_references.is(cc, os, k) || lx.org_names.is(cc, ss, k);
    (long_enough && !weak_dept).then_some((os, k))
}

/// Whether position `k` falls inside a title head (`事务所|所长` may end an organisation,
/// `事务所所|长` may not).
fn splits_head(cc: &[char], k: usize, lx: &Lex) -> bool {
    (k.saturating_sub(4)..k).any(|s| {
        lx.title_heads.at(cc, s, cc.len()) > k - s && lx.title_heads.at(cc, s, cc.len()) > 1
    })
}

/// Start of the organisation name whose suffix starts at `from`: extends left over name
/// characters and whole bracket groups, stopping at cue verbs, `的`, dates and punctuation.
fn left_extend(cc: &[char], lo: usize, from: usize, lx: &Lex) -> usize {
    let mut p = from;
    while p > lo && from - p < MAX_ORG {
        let c = cc[p - 1];
        if is_close(c) {
            match find_open(cc, lo, p - 1) {
                Some(open) => {
                    p = open;
                    continue;
                }
                None => break,
            }
        }
        let date_unit =
            lx.date_units.ending(cc, p, lo) > 0 && p >= 2 && lx.is_date_digit(cc[p - 2]);
        let barrier =
            lx.boundary_cues.ending(cc, p, lo) > 0 || lx.org_barriers.ending(cc, p, lo) > 0;
        if barrier || c == '的' || date_unit || !is_org_char(c) {
            break;
        }
        p -= 1;
    }
    while p < from && cc[p] == ' ' {
        p += 1;
    }
    p
}

/// Drops words like 原 (former) from the front of an organisation name.
fn strip_org_noise(cc: &[char], os: usize, ss: usize, lx: &Lex) -> usize {
    let l = lx.org_prefix_noise.at(cc, os, ss);
    if l > 0 && ss - os > l {
        os + l
    } else {
        os
    }
}

/// For a join verb with no recognisable suffix (`加入中海油服`): the short core, cut at
/// the first inner verb (`泸天化|从事管理`).
fn bare_org(cc: &[char], i: usize, j: usize, lx: &Lex) -> Option<(usize, usize)> {
    let verb = |q: usize| {
        lx.boundary_cues.at(cc, q, j) > 0
            || lx.position_cues.at(cc, q, j) > 0
            || lx.honour_cues.at(cc, q, j) > 0
    };
    let j = (i + 1..j).find(|&q| verb(q)).unwrap_or(j);
    let len = j - i;
    let clean = cc[i..j]
        .iter()
        .all(|&c| is_org_char(c) && !c.is_ascii_digit());
    let dept = lx.department_markers.ending(cc, j, i) > 0;
    ((2..=12).contains(&len) && clean && !dept).then_some((i, j))
}

/// Start of the title in `cc[from..head_start]` after cues, and a department cut off by an
/// inner cue verb (`组织干部处任科员` → department `组织干部处`, title `科员`).
fn title_start(
    cc: &[char],
    from: usize,
    head_start: usize,
    lx: &Lex,
) -> (usize, Option<(usize, usize)>) {
    let mut ts = parse_prefix(cc, from, head_start, lx, &[]).end;
    if ts < head_start && closer(cc[ts]).is_some() {
        if let Some(close) = (ts + 1..head_start).find(|&q| find_open(cc, ts, q) == Some(ts)) {
            ts = parse_prefix(cc, close + 1, head_start, lx, &[]).end;
        }
    }
    let mut q = head_start;
    while q > ts {
        let l = lx
            .boundary_cues
            .ending(cc, q, ts)
            .max(lx.position_cues.ending(cc, q, ts));
        if l > 0 && lx.title_heads.ending(cc, q, ts) < l {
            let dept_end = trim_suffix(cc, ts, q - l, lx);
            let dept = (dept_end > ts).then_some((ts, dept_end));
            return (q, dept);
        }
        q -= 1;
    }
    (ts, None)
}

/// Start of a shortened title when `cc[ts..j]` is too long: the first modifier or head
/// from which the rest fits.
fn shorten_title(cc: &[char], ts: usize, j: usize, lx: &Lex) -> usize {
    if j - ts <= MAX_TITLE {
        return ts;
    }
    let fits = (j.saturating_sub(MAX_TITLE).max(ts)..j).find(|&p| {
        lx.title_modifiers.at(cc, p, j) > 0
            || lx.title_heads.at(cc, p, j) > 1
            || lx.department_markers.ending(cc, p, ts) > 0
    });
    fits.unwrap_or(j - lx.head_ending(cc, j, ts))
}

/// The department in `cc[from..to]` after an organisation (`双成药业财务部`), if the rest
/// ends with a department marker.
fn department_after(cc: &[char], from: usize, to: usize, lx: &Lex) -> Option<(usize, usize)> {
    let s = parse_prefix(cc, from, to, lx, &[]).end;
    let is_dept = lx.department_markers.ending(cc, to, s) > 0 && to - s >= 2 && to - s <= 12;
    is_dept.then_some((s, to))
}

/// Second pass over titles found without an organisation: a title that starts with an
/// organisation named elsewhere in the text (`成都人民商场针织部经理` after
/// `成都人民商场股份有限公司`) or, in a sentence with a position cue, with a name followed
/// by a title modifier (`中国北车独立非执行董事`), is split into organisation and title.
fn split_unsuffixed_orgs(clauses: &[Clause], facts: &mut [Facts], lx: &Lex) {
    enumerated_workplaces(clauses, facts, lx);
    let known = known_orgs(clauses, facts);
    let mut cue_sentence = None;
    for (clause, f) in clauses.iter().zip(facts.iter_mut()) {
        if matches!(f.prefix.cue, Cue::Position | Cue::Join | Cue::Locative) {
            cue_sentence = Some(clause.sentence);
        }
        let (Some(t), None) = (f.title, f.org) else {
            continue;
        };
        let cued = cue_sentence == Some(clause.sentence);
        let split = split_by_known(&clause.cc, t, &known, lx).or_else(|| {
            if cued {
                split_by_modifier(&clause.cc, t, lx)
            } else {
                None
            }
        });
        if let Some(p) = split {
            f.org = Some((t.0, p));
            f.title = Some((p, t.1));
        }
    }
}

/// In `在A、B工作`, the bare names before the one carrying the work verb are workplaces too.
fn enumerated_workplaces(clauses: &[Clause], facts: &mut [Facts], lx: &Lex) {
    for k in 0..clauses.len() {
        let open = facts[k].prefix.cue == Cue::Locative
            && facts[k].org.is_none()
            && facts[k].title.is_none();
        if !open {
            continue;
        }
        let chain_works = (k + 1..clauses.len())
            .take_while(|&m| {
                clauses[m].sep == Sep::Enum && clauses[m].sentence == clauses[k].sentence
            })
            .last()
            .is_some_and(|m| facts[m].works);
        if !chain_works {
            continue;
        }
        let chain = (k + 1..clauses.len()).take_while(|&m| {
            clauses[m].sep == Sep::Enum && clauses[m].sentence == clauses[k].sentence
        });
        for m in std::iter::once(k).chain(chain) {
            if facts[m].org.is_none() && facts[m].title.is_none() {
                let (i, j) = facts[m].core;
                facts[m].org = bare_org(&clauses[m].cc, i, j, lx);
            }
        }
    }
}

/// Organisation names (four characters or more) found in the first pass.
fn known_orgs(clauses: &[Clause], facts: &[Facts]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    for (clause, f) in clauses.iter().zip(facts) {
        let inst = f.edu.and_then(|e| e.institution);
        for (s, e) in f.org.into_iter().chain(inst) {
            if let Some(name) = clause.cc.get(s..e) {
                if name.len() >= 4 && !out.iter().any(|k| k.as_slice() == name) {
                    out.push(name.to_vec());
                }
            }
        }
    }
    out
}

/// Split point of a title that starts with (a four-character prefix of) a known
/// organisation; a partial match must be followed by a modifier, a head or a department.
fn split_by_known(cc: &[char], t: (usize, usize), known: &[Vec<char>], lx: &Lex) -> Option<usize> {
    let (ts, j) = t;
    let hs = j - lx.head_ending(cc, j, ts);
    let best = known
        .iter()
        .filter_map(|k| {
            let l = cc[ts..hs].iter().zip(k).take_while(|(a, b)| a == b).count();
            let full = l == k.len();
            let ok = (full && l >= 2) || (l >= 4 && title_rest_ok(cc, ts + l, hs, lx));
            ok.then_some(l)
        })
        .max()?;
    (best >= 2).then_some(ts + best)
}

/// Whether `cc[r..hs]` (between a partial organisation and the head) looks like the start
/// of a title: empty, a modifier or head first, or containing a department.
fn title_rest_ok(cc: &[char], r: usize, hs: usize, lx: &Lex) -> bool {
    r >= hs
        || lx.title_modifiers.at(cc, r, cc.len()) > 0
        || lx.title_heads.at(cc, r, cc.len()) > 1
        || (r + 1..=hs).any(|q| lx.department_markers.ending(cc, q, r) > 0)
}

/// Split point before the first multi-character title modifier (`中国北车|独立董事`), when
/// the part before it reads as a name: two to ten Han or Latin characters that are not
/// themselves a modifier, department, sub-unit, governance body or organisation.
fn split_by_modifier(cc: &[char], t: (usize, usize), lx: &Lex) -> Option<usize> {
    let (ts, j) = t;
    let hs = j - lx.head_ending(cc, j, ts);
    if lx.title_modifiers.at(cc, ts, cc.len()) > 0 {
        return None;
    }
    let p = (ts + 2..hs.min(ts + 11)).find(|&p| lx.title_modifiers.at(cc, p, hs) > 1)?;
    let name_like = cc[ts..p]
        .iter()
        .all(|&c| is_han(c) || c.is_ascii_alphabetic());
    let unit_end = lx.department_markers.ending(cc, p, ts) > 0
        || lx.org_suffixes.ending(cc, p, ts) > 0
        || lx.org_subunits.ending(cc, p, ts) > 0
        || lx.org_barriers.occurs_in(cc, ts, p)
        || lx.title_heads.ending(cc, p, ts) > 0;
    (name_like && !unit_end).then_some(p)
}

// ------------------------------------------------------------------ education

/// The first degree phrase in `cc[i..j]` (`大学本科学历`, `硕士研究生`, `大学文化`).
fn find_degree(cc: &[char], i: usize, j: usize, lx: &Lex) -> Option<(usize, usize)> {
    for p in i..j {
        let l = lx.degree_words.at(cc, p, j);
        if l > 0 {
            if lx.org_suffixes.at(cc, p + l, j) > 0 {
                continue;
            }
            let s = extend_degree_left(cc, i, p, lx);
            return Some((s, extend_degree_right(cc, p + l, j, lx)));
        }
        let pl = lx.degree_prefixes.at(cc, p, j);
        if pl > 0 && degree_prefix_ok(cc, i, p, pl, lx) && lx.degree_tails.at(cc, p + pl, j) > 0 {
            return Some((p, extend_degree_right(cc, p + pl, j, lx)));
        }
    }
    None
}

/// Whether the degree prefix at `p` is one: a prefix that is also an organisation suffix
/// (大学) must not follow a Han character (北京大学 is a school, 大学本科 a degree).
fn degree_prefix_ok(cc: &[char], i: usize, p: usize, len: usize, lx: &Lex) -> bool {
    let also_org = lx.org_suffixes.is(cc, p, p + len);
    !also_org || p == i || !is_han(cc[p - 1])
}

/// Start of a degree phrase after taking in prefixes before `p`.
fn extend_degree_left(cc: &[char], i: usize, p: usize, lx: &Lex) -> usize {
    let mut p = p;
    loop {
        let l = lx.degree_prefixes.ending(cc, p, i);
        if l == 0 || !degree_prefix_ok(cc, i, p - l, l, lx) {
            return p;
        }
        p -= l;
    }
}

/// End of a degree phrase after taking in degree words and tails from `q`.
fn extend_degree_right(cc: &[char], q: usize, j: usize, lx: &Lex) -> usize {
    let mut q = q;
    loop {
        let l = lx
            .degree_words
            .at(cc, q, j)
            .max(lx.degree_tails.at(cc, q, j));
        if l == 0 {
            return q;
        }
        q += l;
    }
}

/// Institution, degree and field in the clause core `cc[i..j]`.
fn parse_education(
    cc: &[char],
    i: usize,
    j: usize,
    degree: Option<(usize, usize)>,
    cue: Cue,
    lx: &Lex,
) -> Option<EduFacts> {
    let mut re = degree.map_or(j, |d| d.0);
    loop {
        let l = lx
            .education_cues
            .ending(cc, re, i)
            .max(usize::from(re > i && cc[re - 1] == '的'));
        if l == 0 {
            break;
        }
        re -= l;
    }
    let institution = find_org(cc, i, re, lx, OrgMode::School);
    let fs = parse_prefix(cc, institution.map_or(i, |o| o.1), re, lx, &[]).end;
    let mut field = field_in(cc, fs, re, lx);
    let mut institution = institution;
    let unnamed_school = institution.is_none() && degree.is_none() && cue == Cue::Education;
    if unnamed_school && field.is_some() && lx.field_markers.ending(cc, re, fs) == 0 {
        institution = field.take();
    }
    if degree.is_none() && institution.is_none() {
        field = field.filter(|f| lx.field_markers.ending(cc, f.1, f.0) > 0);
    }
    let facts = EduFacts {
        institution,
        degree,
        field,
    };
    (facts.institution.is_some() || facts.degree.is_some() || facts.field.is_some())
        .then_some(facts)
}

/// The field of study in `cc[s..e]`, if it is short and free of digits and punctuation.
fn field_in(cc: &[char], s: usize, e: usize, lx: &Lex) -> Option<(usize, usize)> {
    if s >= e || e - s > 15 {
        return None;
    }
    let clean = cc[s..e]
        .iter()
        .all(|&c| is_han(c) || c.is_ascii_alphabetic() || matches!(c, '（' | '）' | '(' | ')'));
    let cut = lx.honour_cues.occurs_in(cc, s, e);
    (clean && !cut).then_some((s, e))
}

// ------------------------------------------------------------------ assembling

/// Accumulates positions and education clause by clause, carrying the current
/// organisation, dates and education entry within a sentence.
#[derive(Debug, Default)]
struct Builder {
    positions: Vec<BioPosition>,
    education: Vec<BioEducation>,
    sentence: Option<usize>,
    cur_pos: Option<usize>,
    cur_edu: Option<usize>,
    start: Option<Span>,
    end: Option<Span>,
    current: bool,
}

impl Builder {
    /// Adds what one clause says.
    fn push(&mut self, doc: &Doc, clause: &Clause, facts: &Facts, lx: &Lex) {
        if self.sentence != Some(clause.sentence) {
            *self = Builder {
                positions: std::mem::take(&mut self.positions),
                education: std::mem::take(&mut self.education),
                sentence: Some(clause.sentence),
                ..Builder::default()
            };
        }
        let pre = &facts.prefix;
        let has_content = facts.org.is_some() || facts.title.is_some() || facts.edu.is_some();
        let own_dates = pre.start_date.is_some() && (has_content || pre.cue != Cue::None);
        if own_dates {
            self.start = pre.start_date.and_then(|r| clause.span(doc, r));
            self.end = pre.end_date.and_then(|r| clause.span(doc, r));
        }
        if own_dates || pre.cue != Cue::None {
            self.current = pre.current;
        }
        if let Some(edu) = facts.edu {
            self.push_education(doc, clause, &edu, pre);
        }
        self.push_position(doc, clause, facts, own_dates, lx);
    }

    /// Adds an education fact, completing the previous one of the sentence when they fit.
    fn push_education(&mut self, doc: &Doc, clause: &Clause, edu: &EduFacts, pre: &Prefix) {
        let new = BioEducation {
            institution: edu.institution.and_then(|r| clause.span(doc, r)),
            degree: edu.degree.and_then(|r| clause.span(doc, r)),
            field: edu.field.and_then(|r| clause.span(doc, r)),
            year: pre.start_date.and_then(|r| clause.span(doc, r)),
        };
        if let Some(prev) = self.cur_edu.and_then(|k| self.education.get_mut(k)) {
            let fits = prev.degree.is_none()
                && new.degree.is_some()
                && new.institution.is_none()
                && (prev.field.is_none() || new.field.is_none());
            if fits {
                prev.degree = new.degree;
                prev.field = prev.field.take().or(new.field);
                prev.year = prev.year.take().or(new.year);
                return;
            }
        }
        self.education.push(new);
        self.cur_edu = Some(self.education.len() - 1);
    }

    /// Adds a position, or a title to the sentence's current position.
    fn push_position(
        &mut self,
        doc: &Doc,
        clause: &Clause,
        facts: &Facts,
        own_dates: bool,
        lx: &Lex,
    ) {
        let org = facts.org.and_then(|r| clause.span(doc, r));
        let title = facts.title.and_then(|r| clause.span(doc, r));
        let department = facts.department.and_then(|r| clause.span(doc, r));
        if org.is_none() && title.is_none() {
            return;
        }
        if org.is_none() && !own_dates {
            if let Some(cur) = self.cur_pos.and_then(|k| self.positions.get_mut(k)) {
                cur.titles.extend(title);
                if cur.department.is_none() {
                    cur.department = department;
                }
                return;
            }
        }
        let kind = match (&org, &facts.title) {
            (None, Some(t)) => title_kind(&clause.cc, *t, facts.prefix.cue, lx),
            _ => PositionKind::Employment,
        };
        self.positions.push(BioPosition {
            organization: org,
            titles: title.into_iter().collect(),
            department,
            start: self.start.clone(),
            end: self.end.clone(),
            current: self.current,
            kind,
        });
        if kind == PositionKind::Employment {
            self.cur_pos = Some(self.positions.len() - 1);
        }
    }
}

/// Kind of a title held without an organisation.
fn title_kind(cc: &[char], t: (usize, usize), cue: Cue, lx: &Lex) -> PositionKind {
    if lx.affiliation_words.ending(cc, t.1, t.0) > 0 {
        PositionKind::Affiliation
    } else if cue == Cue::None && lx.professional_heads.ending(cc, t.1, t.0) > 0 {
        PositionKind::Qualification
    } else {
        PositionKind::Employment
    }
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;

    /// A small lexicon built from the same collections as `ontology/lexicon.ttl`.
    fn lex() -> ZhLexicon {
        let l = |s: &str| {
            s.split_whitespace()
                .map(String::from)
                .collect::<Vec<String>>()
        };
        ZhLexicon::from_collections(vec![
            ("title-head", l("经理 总经理 总监 总裁 董事 董事长 监事 主任 主席 书记 秘书 秘书长 委员 助理 主管 顾问 负责人 专家 教授 研究员 工程师 架构师 会计师 会计 经济师 律师 行长 厂长 处长 科长 部长 局长 院长 所长 校长 会长 科员 干部 合伙人 导师 博士后 长 员 师 官 CEO")),
            ("title-modifier", l("副 常务 执行 独立 非执行 高级 资深 首席 总")),
            ("professional-head", l("工程师 会计师 经济师 律师")),
            ("affiliation-word", l("党员 中共党员")),
            ("org-suffix", l("公司 有限公司 有限责任公司 集团 大学 学院 研究所 研究院 银行 分行 委员会 事务所 中心 实验室 工厂 部队 协会 局 厅 厂 所 院 社 本行 Ltd. Inc.")),
            ("org-weak-suffix", l("投资 药业 科技 寿险")),
            ("org-reference", l("公司 本公司 集团 本行")),
            ("org-subunit", l("党委 工会 办公室 委员会 中心")),
            ("org-barrier", l("董事会 监事会")),
            ("org-generic", l("上市公司")),
            ("org-edu-suffix", l("系")),
            ("work-verb", l("工作 任职")),
            ("gender-word", l("男 女")),
            ("org-prefix-noise", l("原")),
            ("department-marker", l("部 处 科 室")),
            ("degree-word", l("博士 硕士 学士 本科 大专 研究生 MBA EMBA")),
            ("degree-prefix", l("大学 在职")),
            ("degree-tail", l("学历 学位 文化程度 文化 毕业")),
            ("field-marker", l("专业")),
            ("education-cue", l("毕业于 毕业 获得 获 取得")),
            ("position-cue", l("现任 历任 曾任 任 担任 兼任 出任 为")),
            ("join-cue", l("就职于 任职于 加入 进入")),
            ("locative-cue", l("在 于 先后在")),
            ("current-cue", l("现任 现 至今")),
            ("boundary-cue", l("任 担任 兼任 历任 现任 曾任 就职于 加入 进入 在 于 毕业于 获得")),
            ("clause-filler", l("先后 同时 并 曾 原 后 起 自 从 的")),
            ("clause-trailer", l("等职务 等职 职务 工作 等")),
            ("honour-cue", l("荣获 负责 享受 未 参加工作")),
            ("connector", l("兼 及 和 兼任")),
            ("connector-exception", l("兼职")),
            ("aside-marker", l("简称 主持工作")),
            ("honorific", l("先生 女士")),
            ("pronoun", l("他 她 其")),
            ("date-unit", l("年 月 日")),
            ("date-range", l("至 - -- 起")),
            ("date-open", l("至今 今")),
            ("numeral", l("〇 ○ 零 一 二 三 四 五 六 七 八 九")),
        ])
    }

    fn texts(v: &[Span]) -> Vec<&str> {
        v.iter().map(|s| s.text.as_str()).collect()
    }

    fn orgs(b: &ZhBio) -> Vec<&str> {
        b.positions
            .iter()
            .filter_map(|p| p.organization.as_ref())
            .map(|s| s.text.as_str())
            .collect()
    }

    fn titles(b: &ZhBio) -> Vec<&str> {
        b.positions
            .iter()
            .flat_map(|p| p.titles.iter())
            .map(|s| s.text.as_str())
            .collect()
    }

    fn assert_spans_valid(text: &str, b: &ZhBio) {
        let mut all: Vec<&Span> = b.name.iter().collect();
        for p in &b.positions {
            all.extend(
                p.organization
                    .iter()
                    .chain(&p.titles)
                    .chain(&p.department)
                    .chain(&p.start)
                    .chain(&p.end),
            );
        }
        for e in &b.education {
            all.extend(
                e.institution
                    .iter()
                    .chain(&e.degree)
                    .chain(&e.field)
                    .chain(&e.year),
            );
        }
        for s in all {
            assert_eq!(
                text.get(s.start..s.end),
                Some(s.text.as_str()),
                "bad span {s:?}"
            );
        }
    }

    #[test]
    fn brief_example_with_dates_and_carry_over() {
        let t = "张三先生：1966年出生，硕士研究生，高级工程师。2000年5月至今在厦门某某集团工作，历任集团副总经理、集团副总裁。2013年4月至今任某某股份有限公司董事。";
        let b = extract_zh_bio(t, &lex());
        assert_spans_valid(t, &b);
        assert_eq!(b.name.as_ref().map(|s| s.text.as_str()), Some("张三"));
        assert_eq!(
            orgs(&b),
            vec!["厦门某某集团", "集团", "集团", "某某股份有限公司"]
        );
        assert_eq!(titles(&b), vec!["高级工程师", "副总经理", "副总裁", "董事"]);
        let last = b.positions.last().expect("a position");
        assert_eq!(
            last.start.as_ref().map(|s| s.text.as_str()),
            Some("2013年4月")
        );
        assert_eq!(last.end.as_ref().map(|s| s.text.as_str()), Some("至今"));
        assert!(last.current);
        assert_eq!(
            b.education[0].degree.as_ref().map(|s| s.text.as_str()),
            Some("硕士研究生")
        );
    }

    #[test]
    fn qualification_without_employer() {
        let b = extract_zh_bio("李四，男，高级工程师。", &lex());
        assert_eq!(b.positions.len(), 1);
        assert_eq!(b.positions[0].kind, PositionKind::Qualification);
        assert!(b.positions[0].organization.is_none());
    }

    #[test]
    fn party_membership_is_affiliation() {
        let b = extract_zh_bio("王五，男，中共党员，本科学历。", &lex());
        assert_eq!(b.positions[0].kind, PositionKind::Affiliation);
        assert_eq!(texts(&b.positions[0].titles), vec!["中共党员"]);
        assert_eq!(
            b.education[0].degree.as_ref().map(|s| s.text.as_str()),
            Some("本科学历")
        );
    }

    #[test]
    fn graduated_from_school_with_major() {
        let b = extract_zh_bio(
            "赵六，1970年出生，毕业于东海大学数量经济学专业，硕士研究生。",
            &lex(),
        );
        assert_eq!(b.education.len(), 1);
        let e = &b.education[0];
        assert_eq!(
            e.institution.as_ref().map(|s| s.text.as_str()),
            Some("东海大学")
        );
        assert_eq!(
            e.field.as_ref().map(|s| s.text.as_str()),
            Some("数量经济学专业")
        );
        assert_eq!(
            e.degree.as_ref().map(|s| s.text.as_str()),
            Some("硕士研究生")
        );
    }

    #[test]
    fn school_field_degree_in_one_clause() {
        let b = extract_zh_bio("钱七，西岭大学管理学博士。", &lex());
        let e = &b.education[0];
        assert_eq!(
            e.institution.as_ref().map(|s| s.text.as_str()),
            Some("西岭大学")
        );
        assert_eq!(e.field.as_ref().map(|s| s.text.as_str()), Some("管理学"));
        assert_eq!(e.degree.as_ref().map(|s| s.text.as_str()), Some("博士"));
    }

    #[test]
    fn degree_obtained_after_school() {
        let t = "刘某，2012年于北方邮电大学获得理学硕士学位后，又在甲乙科技有限公司、丙丁网络有限公司工作。";
        let b = extract_zh_bio(t, &lex());
        assert_spans_valid(t, &b);
        let e = &b.education[0];
        assert_eq!(
            e.institution.as_ref().map(|s| s.text.as_str()),
            Some("北方邮电大学")
        );
        assert_eq!(e.field.as_ref().map(|s| s.text.as_str()), Some("理学"));
        assert_eq!(e.degree.as_ref().map(|s| s.text.as_str()), Some("硕士学位"));
        assert_eq!(e.year.as_ref().map(|s| s.text.as_str()), Some("2012年"));
        assert_eq!(orgs(&b), vec!["甲乙科技有限公司", "丙丁网络有限公司"]);
    }

    #[test]
    fn current_position_without_suffix_keeps_whole_title() {
        let b = extract_zh_bio("刘某，现任某站技术部服务端负责人。", &lex());
        assert_eq!(titles(&b), vec!["某站技术部服务端负责人"]);
        assert!(b.positions[0].current);
    }

    #[test]
    fn titles_split_on_enumeration_and_jian() {
        let b = extract_zh_bio(
            "孙八，曾任东方电器有限公司财务经理、副总经理兼董事会秘书。",
            &lex(),
        );
        assert_eq!(orgs(&b), vec!["东方电器有限公司"]);
        assert_eq!(titles(&b), vec!["财务经理", "副总经理", "董事会秘书"]);
        assert_eq!(b.positions.len(), 1);
    }

    #[test]
    fn bare_company_reference_is_an_organisation() {
        let b = extract_zh_bio("周九，现任本公司董事、公司监事会主席。", &lex());
        assert_eq!(orgs(&b), vec!["本公司", "公司"]);
        assert_eq!(titles(&b), vec!["董事", "监事会主席"]);
    }

    #[test]
    fn department_stays_in_title() {
        let b = extract_zh_bio("吴十，历任南方化工有限公司综合管理部部长。", &lex());
        assert_eq!(orgs(&b), vec!["南方化工有限公司"]);
        assert_eq!(titles(&b), vec!["综合管理部部长"]);
    }

    #[test]
    fn weak_suffix_splits_short_company_name() {
        let b = extract_zh_bio("郑一，2007年10月至今任人和投资董事。", &lex());
        assert_eq!(orgs(&b), vec!["人和投资"]);
        assert_eq!(titles(&b), vec!["董事"]);
    }

    #[test]
    fn surname_with_honorific_is_the_name() {
        let b = extract_zh_bio("刘先生现任北岸银行行长。", &lex());
        assert_eq!(b.name.as_ref().map(|s| s.text.as_str()), Some("刘"));
        assert_eq!(orgs(&b), vec!["北岸银行"]);
        assert_eq!(titles(&b), vec!["行长"]);
    }

    #[test]
    fn name_before_cue_without_separator() {
        let b = extract_zh_bio("陈小明现任远山研究所所长", &lex());
        assert_eq!(b.name.as_ref().map(|s| s.text.as_str()), Some("陈小明"));
        assert_eq!(orgs(&b), vec!["远山研究所"]);
        assert_eq!(titles(&b), vec!["所长"]);
    }

    #[test]
    fn aside_in_brackets_is_skipped() {
        let b = extract_zh_bio(
            "冯二，历任海风保险分公司副经理（主持工作），海风寿险市场部总经理。",
            &lex(),
        );
        assert_eq!(orgs(&b), vec!["海风保险分公司", "海风寿险"]);
        assert_eq!(titles(&b), vec!["副经理", "市场部总经理"]);
    }

    #[test]
    fn bracket_inside_organisation_is_kept() {
        let b = extract_zh_bio("褚三，现任中国平顺保险（集团）股份有限公司副总裁。", &lex());
        assert_eq!(orgs(&b), vec!["中国平顺保险（集团）股份有限公司"]);
        assert_eq!(titles(&b), vec!["副总裁"]);
    }

    #[test]
    fn org_list_shares_following_title() {
        let b = extract_zh_bio(
            "卫四，先后担任甲乙房地产有限公司、丙丁置业有限公司副总经理。",
            &lex(),
        );
        assert_eq!(orgs(&b), vec!["甲乙房地产有限公司", "丙丁置业有限公司"]);
        assert_eq!(titles(&b), vec!["副总经理"]);
    }

    #[test]
    fn join_verb_gives_org_and_department() {
        let b = extract_zh_bio(
            "蒋五，2006年12月进入双成药业财务部工作，先后担任主管会计、财务部副经理。",
            &lex(),
        );
        assert_eq!(orgs(&b), vec!["双成药业"]);
        assert_eq!(
            b.positions[0].department.as_ref().map(|s| s.text.as_str()),
            Some("财务部")
        );
        assert_eq!(titles(&b), vec!["主管会计", "财务部副经理"]);
    }

    #[test]
    fn inner_cue_separates_department() {
        let b = extract_zh_bio("沈六，1996年在北京粮食集团组织干部处任科员。", &lex());
        assert_eq!(orgs(&b), vec!["北京粮食集团"]);
        assert_eq!(titles(&b), vec!["科员"]);
        assert_eq!(
            b.positions[0].department.as_ref().map(|s| s.text.as_str()),
            Some("组织干部处")
        );
    }

    #[test]
    fn former_prefix_is_dropped() {
        let b = extract_zh_bio("韩七，2007年7月任原平原银行副行长。", &lex());
        assert_eq!(orgs(&b), vec!["平原银行"]);
    }

    #[test]
    fn school_then_degree_in_next_clause_merge() {
        let b = extract_zh_bio("杨八，1992年毕业于中原大学会计系，获学士学位。", &lex());
        assert_eq!(b.education.len(), 1);
        let e = &b.education[0];
        assert_eq!(
            e.institution.as_ref().map(|s| s.text.as_str()),
            Some("中原大学会计系")
        );
        assert_eq!(e.degree.as_ref().map(|s| s.text.as_str()), Some("学士学位"));
        assert_eq!(e.year.as_ref().map(|s| s.text.as_str()), Some("1992年"));
    }

    #[test]
    fn university_prefix_degree() {
        let b = extract_zh_bio("朱九，大学本科学历，大学文化。", &lex());
        let d: Vec<&str> = b
            .education
            .iter()
            .filter_map(|e| e.degree.as_ref())
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(d, vec!["大学本科学历", "大学文化"]);
        assert!(b.education.iter().all(|e| e.institution.is_none()));
    }

    #[test]
    fn doctoral_supervisor_is_a_title_not_a_degree() {
        let b = extract_zh_bio("秦十，现任东湖大学教授、博士生导师。", &lex());
        assert_eq!(titles(&b), vec!["教授", "博士生导师"]);
        assert!(b.education.is_empty());
    }

    #[test]
    fn honours_are_not_positions() {
        let b = extract_zh_bio("尤一，曾荣获全国优秀干部称号，享受国务院专家津贴。", &lex());
        assert!(b.positions.is_empty());
    }

    #[test]
    fn range_dates_are_kept() {
        let b = extract_zh_bio("许二，1987年7月-1995年5月任甘南友谊公司主管会计。", &lex());
        let p = &b.positions[0];
        assert_eq!(p.start.as_ref().map(|s| s.text.as_str()), Some("1987年7月"));
        assert_eq!(p.end.as_ref().map(|s| s.text.as_str()), Some("1995年5月"));
        assert!(!p.current);
    }

    #[test]
    fn chinese_numeral_dates() {
        let b = extract_zh_bio("何三，一九八零年加入东方航空公司，曾任中队长。", &lex());
        assert_eq!(
            b.positions[0].start.as_ref().map(|s| s.text.as_str()),
            Some("一九八零年")
        );
        assert_eq!(orgs(&b), vec!["东方航空公司"]);
        assert_eq!(titles(&b), vec!["中队长"]);
    }

    #[test]
    fn latin_title_and_org() {
        let b = extract_zh_bio("吕四，现任Acme Ltd. CEO。", &lex());
        assert_eq!(orgs(&b), vec!["Acme Ltd."]);
        assert_eq!(titles(&b), vec!["CEO"]);
    }

    #[test]
    fn minority_name_with_middle_dot() {
        let b = extract_zh_bio("艾力·巴拉提：男，1956年出生。", &lex());
        assert_eq!(
            b.name.as_ref().map(|s| s.text.as_str()),
            Some("艾力·巴拉提")
        );
    }

    #[test]
    fn empty_and_non_chinese_inputs() {
        let l = lex();
        assert_eq!(extract_zh_bio("", &l), ZhBio::default());
        let b = extract_zh_bio("   \n\n", &l);
        assert!(b.positions.is_empty() && b.education.is_empty());
        let b = extract_zh_bio("（（（））", &l);
        assert!(b.positions.is_empty());
    }

    #[test]
    fn empty_lexicon_does_not_panic() {
        let t = "张三先生：1966年出生，历任集团副总经理。";
        let b = extract_zh_bio(t, &ZhLexicon::default());
        assert_spans_valid(t, &b);
    }

    #[test]
    fn from_collections_ignores_unknown_names_and_accumulates() {
        let l = ZhLexicon::from_collections(vec![
            ("title-head", vec!["经理".to_string()]),
            ("no-such-list", vec!["x".to_string()]),
            ("title-head", vec!["董事".to_string()]),
        ]);
        assert_eq!(l.title_heads, vec!["经理", "董事"]);
        assert_eq!(ZhLexicon::COLLECTIONS.len(), 38);
        let mut probe = ZhLexicon::default();
        for name in ZhLexicon::COLLECTIONS {
            assert!(probe.slot_mut(name).is_some(), "{name} has no field");
        }
    }

    #[test]
    fn responsibility_in_company_type_is_not_a_cue() {
        let b = extract_zh_bio("严一，曾任北山城市开发集团有限责任公司副总经理。", &lex());
        assert_eq!(orgs(&b), vec!["北山城市开发集团有限责任公司"]);
    }

    #[test]
    fn party_committee_after_company_belongs_to_title() {
        let b = extract_zh_bio(
            "华二，现任西岭饮食股份有限公司党委副书记、监事会主席。",
            &lex(),
        );
        assert_eq!(orgs(&b), vec!["西岭饮食股份有限公司"]);
        assert_eq!(titles(&b), vec!["党委副书记", "监事会主席"]);
    }

    #[test]
    fn centre_inside_company_belongs_to_title() {
        let b = extract_zh_bio("金三，现任东岳制药股份有限公司研发中心主任。", &lex());
        assert_eq!(orgs(&b), vec!["东岳制药股份有限公司"]);
        assert_eq!(titles(&b), vec!["研发中心主任"]);
    }

    #[test]
    fn short_unit_alone_is_not_an_organisation() {
        let b = extract_zh_bio("魏四，历任技术中心主任、研究所所长。", &lex());
        assert!(orgs(&b).is_empty());
        assert_eq!(titles(&b), vec!["技术中心主任", "研究所所长"]);
    }

    #[test]
    fn organisation_does_not_end_inside_a_title_head() {
        let b = extract_zh_bio("陶五，曾任南湖资产评估事务所所长助理。", &lex());
        assert_eq!(orgs(&b), vec!["南湖资产评估事务所"]);
        assert_eq!(titles(&b), vec!["所长助理"]);
    }

    #[test]
    fn known_organisation_splits_a_later_title() {
        let t = "姜六，曾任金水饭店股份有限公司董事。现任金水饭店西餐部经理。";
        let b = extract_zh_bio(t, &lex());
        assert_eq!(orgs(&b), vec!["金水饭店股份有限公司", "金水饭店"]);
        assert_eq!(titles(&b), vec!["董事", "西餐部经理"]);
    }

    #[test]
    fn modifier_splits_unsuffixed_company_after_a_cue() {
        let b = extract_zh_bio("戚七，2008年6月起出任北方车辆独立非执行董事。", &lex());
        assert_eq!(orgs(&b), vec!["北方车辆"]);
        assert_eq!(titles(&b), vec!["独立非执行董事"]);
    }

    #[test]
    fn modifier_does_not_split_a_qualification() {
        let b = extract_zh_bio("谢八，男，无损检测高级工程师。", &lex());
        assert!(orgs(&b).is_empty());
        assert_eq!(titles(&b), vec!["无损检测高级工程师"]);
    }

    #[test]
    fn enumerated_workplaces_without_suffix() {
        let b = extract_zh_bio("邹九，先后在阿里巴巴、腾讯工作。", &lex());
        assert_eq!(orgs(&b), vec!["阿里巴巴", "腾讯"]);
    }

    #[test]
    fn joining_work_is_not_an_organisation() {
        let b = extract_zh_bio("喻十，1985年参加工作，未受过中国证监会的处罚。", &lex());
        assert!(b.positions.is_empty());
    }

    #[test]
    fn gender_glued_to_a_name_is_dropped() {
        let b = extract_zh_bio("郑志华男，1960年出生。", &lex());
        assert_eq!(b.name.as_ref().map(|s| s.text.as_str()), Some("郑志华"));
    }

    #[test]
    fn department_in_school_name_for_education_only() {
        let b = extract_zh_bio("柏一，毕业于湖北大学管理工程系，管理学硕士。", &lex());
        assert_eq!(
            b.education[0].institution.as_ref().map(|s| s.text.as_str()),
            Some("湖北大学管理工程系")
        );
        let c = extract_zh_bio("水二，现任公司系统产品事业部总经理。", &lex());
        assert_eq!(orgs(&c), vec!["公司"]);
    }

    #[test]
    fn long_input_without_punctuation_finishes() {
        let unit = "北京某某科技有限公司高级工程师";
        let s = unit.repeat(3000);
        let b = extract_zh_bio(&s, &lex());
        assert_spans_valid(&s, &b);
        let s = "任甲乙公司董事、".repeat(3000);
        let b = extract_zh_bio(&s, &lex());
        assert!(b.positions.len() >= 3000);
    }

    #[test]
    fn position_rows_leave_out_repeats() {
        let t = "杨九，历任本公司董事、监事。2010年起任本公司董事。";
        let b = extract_zh_bio(t, &lex());
        let all = b.position_rows(Distinct::Nothing);
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|r| r.organization.is_some()));
        let orgs = b.position_rows(Distinct::Organizations);
        assert_eq!(orgs.iter().filter(|r| r.organization.is_some()).count(), 1);
        assert_eq!(orgs.len(), 3);
        let both = b.position_rows(Distinct::OrganizationsAndTitles);
        assert_eq!(both.len(), 2);
    }

    /// Tiny deterministic generator for the fuzz test.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn fuzz_never_panics_and_spans_are_valid() {
        let pool: Vec<char> = "张三先生女士任现历曾经理董事长公司集团大学学院局所厂部处（）()【】“”，。、；：,.;:兼及和于在至今年月日0123456789一九〇博士硕士本科学历毕业专业abcXYZ -—~😀🎉\u{200b}\u{0301}ç\n\t副总高级工程师研究所银行的原"
            .chars()
            .collect();
        let l = lex();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let len = (rng.next() % 60) as usize;
            let s: String = (0..len)
                .map(|_| pool[(rng.next() % pool.len() as u64) as usize])
                .collect();
            let b = extract_zh_bio(&s, &l);
            assert_spans_valid(&s, &b);
        }
    }
}
