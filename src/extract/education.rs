//! Education: institution, degree as written + level, field, dates — from tab-, pipe-,
//! slash- or space-separated lines, and from entries spread over consecutive lines.

use super::dates::{self, DateEnd};
use super::layout::{Line, Section};
use super::lines::{looks_like_city_region, split_outside_brackets, split_parts};
use super::{canonical_organization, degree_level, Words};
use crate::model::{DegreeLevel, Education};

/// Set the institution, without a bare year written before or after it ("2013 Example
/// University": a flattened line lost the break between the year and the school).
fn set_institution(ed: &mut Education, name: &str) {
    let is_year = |t: &str| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit());
    let mut name = name.trim();
    if let Some((first, rest)) = name.split_once(' ') {
        if is_year(first) && !rest.trim().is_empty() {
            name = rest.trim();
        }
    }
    if let Some((rest, last)) = name.rsplit_once(' ') {
        if is_year(last) && !rest.trim().is_empty() {
            name = rest.trim_end().trim_end_matches(',').trim_end();
        }
    }
    // "Example University (Lowtown, NH)": the place in brackets is not part of the name.
    if let Some((head, inner)) = name
        .strip_suffix([')', '）'])
        .and_then(|n| n.rsplit_once(['(', '（']))
    {
        if !head.trim().is_empty() && looks_like_city_region(inner) {
            name = head.trim_end();
        }
    }
    ed.institution = name.to_owned();
    let c = canonical_organization(name);
    ed.institution_label = c.as_ref().map(|c| c.0.clone());
    ed.institution_iri = c.map(|c| c.1);
}

/// "Example University. Graduating in 06/2025. Physics Major.": a line of sentences
/// whose first names the school; split after it. An abbreviation's full stop ("St. Olaf
/// College", "B.S. Physics") splits nothing: the school's last word must be a long one.
fn split_after_school_sentence<'a>(piece: &'a str, words: &Words) -> Vec<&'a str> {
    let cut = piece.match_indices(". ").map(|(i, _)| i).find(|&i| {
        let left = &piece[..i];
        let last_word = left.rsplit(' ').next().unwrap_or(left);
        last_word.chars().count() >= 4 && is_institution(left, words)
    });
    match cut {
        Some(i) => vec![&piece[..i], piece[i + 2..].trim()],
        None => vec![piece],
    }
}

/// "硕士，某某大学，计算机科学与技术": a degree, a school and a field that full-width
/// commas separate. Only short fields, one of them a degree alone and one a school; a
/// sentence ("参加某某大学的论坛，听了报告。") is no list of fields, and a "…学院" after
/// the degree is the school's unit (its school is on another line), so neither splits.
fn full_width_fields<'a>(p: &'a str, words: &Words) -> Option<Vec<&'a str>> {
    if !p.contains('，') {
        return None;
    }
    let fields: Vec<&str> = p.split('，').map(str::trim).collect();
    let short = fields.iter().all(|f| (1..=20).contains(&f.chars().count()));
    let degree = fields
        .iter()
        .any(|f| f.chars().count() <= 8 && degree_level(f).is_some());
    let schools: Vec<usize> = (0..fields.len())
        .filter(|&k| is_institution(fields[k], words))
        .collect();
    let unit_after = schools
        .first()
        .is_some_and(|&k| k > 0 && fields[k].ends_with("学院"));
    let fits = (2..=3).contains(&fields.len())
        && short
        && degree
        && schools.len() == 1
        && !unit_after
        && !p.trim_end().ends_with(['。', '！', '；']);
    fits.then_some(fields)
}

/// "College of Forestry" (`lex:academic-unit`): a unit inside a university,
/// which is the institution when the line names it too.
fn is_academic_unit(piece: &str, words: &Words) -> bool {
    let piece = piece.trim();
    words.academic_units.iter().any(|u| {
        piece
            .get(..u.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(u))
    })
}

/// Whether the words inside a degree's parentheses belong to the degree ("BSc (Hons)"):
/// `lex:degree-qualifier`.
fn is_degree_qualifier(inner: &str) -> bool {
    let inner = inner.to_lowercase();
    let inner = inner.trim_end_matches('.');
    Words::get().degree_qualifiers.iter().any(|q| inner == q)
}

/// "B.S. in Computer Science" → ("B.S.", Some("Computer Science")); "BSc (Hons) Informatics"
/// → ("BSc (Hons)", Some("Informatics")); "Bachelor of Engineering (Computer Science)" →
/// ("Bachelor of Engineering", Some("Computer Science")); "工学学士" → ("工学学士", None).
fn split_degree_field(s: &str) -> (String, Option<String>) {
    let (d, f) = split_degree_field_as_written(s);
    (d, f.and_then(|f| clean_field(&f)))
}

/// The field without a bracketed score or year ("Computer Science (GPA: 3.8/4.0)",
/// "English (1994)"); none when no word is left.
fn clean_field(field: &str) -> Option<String> {
    let mut f = field.trim();
    while let (Some(open), true) = (f.rfind(['(', '（']), f.ends_with([')', '）'])) {
        let inner = f[open..]
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .trim();
        if !(is_score(inner) || lone_date(inner).is_some()) {
            break;
        }
        f = f[..open].trim_end();
    }
    let f = f.trim_end_matches([',', ';', ':']).trim();
    (f.chars().any(char::is_alphabetic) && lone_date(f).is_none() && !is_score(f))
        .then(|| f.to_owned())
}

/// "GPA: 3.8/4.0", "CGPA 8.1", "Percentage: 78": a grade (`lex:score-label`), not a field
/// of study.
fn is_score(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    Words::get()
        .score_labels
        .iter()
        .any(|w| lower.starts_with(w.as_str()))
}

fn split_degree_field_as_written(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    for sep in [" in ", " In ", " IN ", "/", " with ", ", ", "，"] {
        if let Some(i) = s.find(sep) {
            let (d, f) = (s[..i].trim(), s[i + sep.len()..].trim());
            // "3.259/4.0": a slash between digits is a score, not a separator.
            let score_slash = sep == "/"
                && d.ends_with(|c: char| c.is_ascii_digit())
                && f.starts_with(|c: char| c.is_ascii_digit());
            if !score_slash
                && degree_level(d).is_some()
                && !f.is_empty()
                && degree_level(f).is_none()
            {
                let (d, _) = split_degree_field_as_written(d);
                return (d, Some(f.to_owned()));
            }
        }
    }
    // A trailing parenthetical: a qualifier of the degree, or its field.
    if let (Some(open), true) = (s.rfind('('), s.ends_with(')')) {
        let inner = s[open + 1..s.len() - 1].trim();
        let head = s[..open].trim();
        if open > 0 && degree_level(head).is_some() && !inner.is_empty() {
            let qualifier = is_degree_qualifier(inner);
            if !qualifier && degree_level(inner).is_none() {
                return (head.to_owned(), Some(inner.to_owned()));
            }
        }
    }
    // A leading abbreviation ("BSc", "B.Tech", "MBA"), optionally qualified ("(Hons)"),
    // then the field.
    let first = s.split_whitespace().next().unwrap_or("");
    const FULL_WORDS: &[&str] = &[
        "bachelor",
        "bachelors",
        "bachelor's",
        "master",
        "masters",
        "master's",
        "doctor",
        "doctorate",
        "diploma",
        "associate",
        "graduate",
        "undergraduate",
        "postgraduate",
    ];
    let abbrev = first.chars().count() <= 8
        && degree_level(first).is_some()
        && !FULL_WORDS.contains(&first.to_lowercase().trim_end_matches(','));
    if abbrev && s.len() > first.len() {
        let mut deg_end = first.len();
        let rest = s[deg_end..].trim_start();
        if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.split(')').next()) {
            if is_degree_qualifier(inner) {
                deg_end = s.find(')').map_or(deg_end, |i| i + 1);
            }
        }
        let field = s[deg_end..]
            .trim()
            .trim_start_matches(['-', ',', ':', '–'])
            .trim();
        let field = field
            .strip_prefix("in ")
            .or_else(|| field.strip_prefix("of "))
            .unwrap_or(field)
            .trim();
        let field = strip_wrapping_parens(field);
        if !field.is_empty() && degree_level(field).is_none() {
            return (s[..deg_end].trim().to_owned(), Some(field.to_owned()));
        }
        return (s[..deg_end].trim().to_owned(), None);
    }
    (s.to_owned(), None)
}

fn strip_wrapping_parens(s: &str) -> &str {
    s.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .map_or(s, str::trim)
}

/// A school: a known university, or a name with a school word (University, 大学…). A part
/// that opens with a degree ("学士，统招本科，信息工程学院") is the degree's line, not a school.
fn is_institution(part: &str, words: &Words) -> bool {
    part.chars().count() <= 100
        && (words.is_school(part) || words.is_known_university(part))
        && !is_bare_school_word(part, words)
        && !opens_with_han_degree(part)
        && !part.trim_end().ends_with(['。', '；'])
        && !school_word_in_prose(part, words)
}

/// "Oversaw the college budget and staffing": a Latin school word in
/// lower case among capitalised words is prose, not a name (a name capitalises it; a line
/// written all in lower case proves nothing).
fn school_word_in_prose(part: &str, words: &Words) -> bool {
    if !part.chars().any(char::is_uppercase) {
        return false;
    }
    let mut school_tokens = part
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .filter(|t| {
            t.is_ascii()
                && words.school_words.iter().any(|w| {
                    w.is_ascii()
                        && t.trim_end_matches('.')
                            .eq_ignore_ascii_case(w.trim_end_matches('.'))
                })
        })
        .peekable();
    school_tokens.peek().is_some()
        && school_tokens.all(|t| t.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// A school word alone ("学校", "University", "School:"): a table's column heading or a
/// label, no name.
fn is_bare_school_word(part: &str, words: &Words) -> bool {
    let t = part.trim().trim_end_matches([':', '：']).trim();
    words.school_words.iter().any(|w| w.eq_ignore_ascii_case(t))
}

/// "学士，…", "本科 / 2015 年毕业": a Chinese part whose first word is a degree.
fn opens_with_han_degree(part: &str) -> bool {
    let head = part
        .trim()
        .split([',', '，', '、', ' ', '/', '·', '(', '（'])
        .next()
        .unwrap_or("");
    head.chars().any(super::is_han) && head.chars().count() <= 4 && degree_level(head).is_some()
}

/// A date as the whole of a part: "2017", "May 2010", "[2008]", "(2016)".
fn lone_date(part: &str) -> Option<String> {
    let t = part
        .trim()
        .trim_matches(['(', ')', '[', ']', ',', '.'])
        .trim();
    let t = t
        .strip_prefix("Graduated")
        .or_else(|| t.strip_prefix("Graduation"))
        .or_else(|| t.strip_prefix("Class of"))
        .unwrap_or(t)
        .trim()
        .trim_start_matches(':')
        .trim();
    dates::parse_date(t).map(|d| d.iso())
}

/// Split an education line into its parts: columns (tabs, pipes, runs of spaces), spaced
/// dashes, "Degree, School" commas, and slashes in a labelled line.
fn education_parts(rest: &str, labelled: bool, words: &Words) -> Vec<String> {
    let mut parts = if labelled && rest.contains('/') && !rest.contains(['|', '\t']) {
        rest.split('/').map(|p| p.trim().to_owned()).collect()
    } else {
        split_parts(rest)
    };
    // "Masters in Automobile Engineering, Denmark University" / "SCHOOL, Cleveland, OH".
    let mut out = Vec::new();
    for p in parts.drain(..) {
        // "University: Example University" — a school word as the label of its value.
        let p = match p.split_once([':', '：']) {
            Some((label, value))
                if is_bare_school_word(label, words) && !value.trim().is_empty() =>
            {
                value.trim().to_owned()
            }
            _ => p,
        };
        let pieces: Vec<&str> = if let Some(fields) = full_width_fields(&p, words) {
            fields
        } else {
            split_outside_brackets(&p, ", ")
                .into_iter()
                .flat_map(|x| split_after_school_sentence(x, words))
                .collect()
        };
        let school = |x: &&str| is_institution(x, words);
        let first_school = pieces.iter().position(school);
        // "College of Engineering, Example University": the university, not its college.
        let school_at = first_school.map(|k| {
            let later = pieces[k + 1..].iter().position(school);
            match later {
                Some(j) if is_academic_unit(pieces[k], words) => k + 1 + j,
                _ => k,
            }
        });
        match school_at {
            Some(k) if pieces.len() > 1 => {
                let before = pieces[..k].join(", ");
                // "Hillcrest College, Dover, 2011": the year closes the line, not the place.
                let mut tail = &pieces[k + 1..];
                let trailing_date = tail.last().copied().filter(|x| lone_date(x).is_some());
                if trailing_date.is_some() {
                    tail = &tail[..tail.len() - 1];
                }
                let after = after_school_place(tail);
                // A college named before its university comes after it: the first school
                // part is the institution.
                let unit_first = first_school != Some(k);
                if unit_first {
                    out.push(pieces[k].to_owned());
                }
                if !before.trim().is_empty() {
                    out.push(before);
                }
                if !unit_first {
                    out.push(pieces[k].to_owned());
                }
                // "KESTREL UNIVERSITY, Boston, MA": the school's place, not a field or a
                // degree ("MA" there is Massachusetts).
                // ("Bachelor, Information Technology" has the shape of "City, Region": a
                // degree first says it is none; "Boston, MA" ends with a state, no degree.)
                let degree_first = after
                    .split(", ")
                    .next()
                    .is_some_and(|g| degree_level(g).is_some());
                let place = looks_like_city_region(&after) && !degree_first;
                if !after.trim().is_empty() && !place {
                    out.push(after);
                }
                out.extend(trailing_date.map(str::to_owned));
            }
            _ => {
                // "Bachelor of Science in Marketing, May 2010".
                match p.rsplit_once(", ") {
                    Some((a, b)) if lone_date(b).is_some() => {
                        out.push(a.to_owned());
                        out.push(b.to_owned());
                    }
                    _ => out.push(p),
                }
            }
        }
    }
    // "滨海工业大学 机械工程 硕士": single spaces separate the fields of a Chinese line;
    // "硕士/某某大学计算机系": a slash between a degree and a school.
    let out: Vec<String> = out
        .into_iter()
        .flat_map(|p| {
            let han_fields: Vec<&str> = p.split(' ').filter(|w| !w.is_empty()).collect();
            // A sentence ("…参加 Example Workshop 短课程。") keeps its spaces: they are
            // word breaks around Latin words, not field separators.
            let sentence = p.trim_end().ends_with(['。', '；', '！']);
            if han_fields.len() > 1
                && !sentence
                && han_fields
                    .iter()
                    .all(|w| w.chars().any(super::is_han) && w.chars().count() >= 2)
            {
                return han_fields
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>();
            }
            if let Some((a, b)) = p.split_once(['/', '／']) {
                let school_and_degree = |x: &str, y: &str| {
                    is_institution(x, words)
                        && degree_level(y).is_some()
                        && degree_level(x).is_none()
                };
                if school_and_degree(a, b) || school_and_degree(b, a) {
                    return vec![a.to_owned(), b.to_owned()];
                }
            }
            vec![p]
        })
        .collect();
    out.into_iter()
        .map(|p| {
            let p = p
                .trim()
                .trim_matches(['*', ',', '，', '-', '•'])
                .trim_start_matches(['.', ' '])
                .trim();
            // "Degree: Master of Science": the label of a degree is not part of it.
            match p.split_once([':', '：']) {
                Some((label, value))
                    if label.split_whitespace().count() <= 2
                        && degree_level(label).is_none()
                        && degree_level(value).is_some() =>
                {
                    value.trim().to_owned()
                }
                _ => p.to_owned(),
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether a line under a degree opens with a word that says it names no school
/// (`lex:not-school-opener`: "Certification in Java", "Minor: Statistics", "GPA 3.8").
fn names_no_school(line: &str, words: &Words) -> bool {
    let first = line
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    words.not_school_openers.contains(&first)
}

/// The parts after a school, less its place when a degree follows the place on the same
/// part ("…, Minneapolis, MN Bachelor's Degree in Physics": flattened text lost the break).
fn after_school_place(rest: &[&str]) -> String {
    let place_like = |x: &str| {
        let toks: Vec<&str> = x.split_whitespace().collect();
        (1..=3).contains(&toks.len())
            && toks.iter().all(|t| {
                t.chars().next().is_some_and(char::is_uppercase)
                    && t.chars().all(|c| c.is_alphabetic() || c == '.')
            })
            && degree_level(x).is_none()
    };
    let place_then_degree = |x: &str| -> Option<String> {
        let toks: Vec<&str> = x.split_whitespace().collect();
        (1..=2.min(toks.len().saturating_sub(1))).find_map(|n| {
            let head = toks[..n].join(" ");
            let tail = toks[n..].join(" ");
            (place_like(&head) && opens_with_degree(&tail)).then_some(tail)
        })
    };
    for (j, part) in rest.iter().enumerate() {
        if !rest[..j].iter().all(|x| place_like(x)) {
            break;
        }
        if let Some(degree) = place_then_degree(part) {
            return std::iter::once(degree.as_str())
                .chain(rest[j + 1..].iter().copied())
                .collect::<Vec<_>>()
                .join(", ");
        }
    }
    rest.join(", ")
}

/// A school name that runs on into its degree: "青州理工大学信息学院本科", "江北师范学院（统招本科）",
/// "Example University (MSc)" → (school, degree as written).
fn split_school_degree(part: &str, words: &Words) -> Option<(String, String)> {
    degree_level(part)?;
    let t = part.trim();
    // A trailing parenthetical that names the degree.
    if let Some(open) = t.rfind(['(', '（']) {
        let inner = t[open..]
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .trim();
        let head = t[..open].trim();
        if !head.is_empty() && degree_level(inner).is_some() && is_institution(head, words) {
            return Some((head.to_owned(), inner.to_owned()));
        }
    }
    // A Chinese school word followed by the degree.
    let end = words.han_school_end(t)?;
    let (head, tail) = t.split_at(end);
    let tail = tail.trim().trim_start_matches(['-', '—', '·', ' ']).trim();
    (degree_level(tail).is_some() && degree_level(head).is_none())
        .then(|| (head.to_owned(), tail.to_owned()))
}

/// "B.E Anna University", "M.Tech. Example Technological University": a degree's
/// abbreviation glued to the school after it (a flattened line lost the gap) → (school,
/// degree as written).
fn split_degree_school(part: &str, words: &Words) -> Option<(String, String)> {
    let (first, rest) = part.trim().split_once(' ')?;
    let rest = rest.trim();
    let abbreviation = first.chars().count() <= 8
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && (first.contains('.') || first.chars().filter(char::is_ascii_uppercase).count() >= 2)
        && degree_level(first).is_some();
    (abbreviation && degree_level(rest).is_none() && is_institution(rest, words)).then(|| {
        (
            rest.to_owned(),
            first.trim_end_matches([',', '.']).to_owned(),
        )
    })
}

/// "Currently pursuing a Bachelor of Science in …", "Currently doing MBA": the words of a
/// sentence before the degree are no part of it.
fn without_degree_lead(p: &str) -> &str {
    let words: Vec<(usize, &str)> = p
        .split(' ')
        .scan(0, |at, w| {
            let i = *at;
            *at += w.len() + 1;
            Some((i, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.first().is_none_or(|(_, w)| degree_level(w).is_some()) {
        return p;
    }
    for k in 1..words.len().min(5) {
        let lead = &words[..k];
        let sentence = lead
            .iter()
            .any(|(_, w)| w.starts_with(|c: char| c.is_lowercase()));
        if !sentence || degree_level(words[k].1).is_none() {
            continue;
        }
        let lead_text = &p[..words[k].0];
        if degree_level(lead_text).is_none() {
            return &p[words[k].0..];
        }
    }
    p
}

/// A part that opens with a degree ("Bachelor of Science in … with Specialization in …"):
/// long fields do not make it a sentence.
fn opens_with_degree(p: &str) -> bool {
    let head: String = p.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    degree_level(&head).is_some()
}

/// Whether two records describe the same study (same school, compatible degree level).
fn same_study(a: &Education, b: &Education) -> bool {
    let same_school = !a.institution.is_empty()
        && (a.institution == b.institution
            || a.institution_iri.is_some() && a.institution_iri == b.institution_iri);
    let levels = match (a.degree_level, b.degree_level) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // "HSC" and "SSC" from one board are two studies of the same ("other") level; a degree
    // written in two scripts ("学士", "Bachelor") is one.
    let other_written_apart = match (a.degree.as_deref(), b.degree.as_deref()) {
        (Some(x), Some(y)) => {
            a.degree_level == Some(DegreeLevel::Other)
                && x.is_ascii()
                && y.is_ascii()
                && !x.eq_ignore_ascii_case(y)
        }
        _ => false,
    };
    same_school && levels && !other_written_apart
}

/// Fill what `into` lacks from `from`.
fn merge_into(into: &mut Education, from: Education) {
    if into.degree.is_none() {
        into.degree = from.degree;
        into.degree_level = from.degree_level;
    }
    if into.field.is_none() {
        into.field = from.field;
    }
    if into.start.is_none() && into.end.is_none() {
        into.start = from.start;
        into.end = from.end;
    }
}

/// Degrees written after the name as post-nominal letters ("Jane Q. Roe, Ph.D., MBA") that no
/// education record states: each is a study without a school. Certifications there ("PMP")
/// name no degree and are left out.
pub fn degrees_after_name(lines: &[Line<'_>], name: &str, known: &[Education]) -> Vec<Education> {
    let name = name.trim();
    if name.is_empty() {
        return Vec::new();
    }
    let Some(line) = lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .take(10)
        .find(|l| l.text.trim_start().starts_with(name))
    else {
        return Vec::new();
    };
    let Some(tail) = line.text.trim_start()[name.len()..]
        .trim_start()
        .strip_prefix(',')
    else {
        return Vec::new();
    };
    let mut out: Vec<Education> = Vec::new();
    for piece in tail.split(',').map(str::trim) {
        let letters = piece.split_whitespace().count() == 1 && piece.chars().count() <= 8;
        let Some(level) = letters.then(|| degree_level(piece)).flatten() else {
            continue;
        };
        let stated = known
            .iter()
            .chain(&out)
            .any(|e| e.degree_level == Some(level));
        if !stated {
            out.push(Education {
                degree: Some(piece.to_owned()),
                degree_level: Some(level),
                evidence: Some(line.evidence(0.6)),
                ..Education::default()
            });
        }
    }
    out
}

/// Parse education from the education section (and an "教育：…" contact line).
pub fn extract_education(lines: &[Line<'_>], words: &Words) -> Vec<Education> {
    let mut out: Vec<Education> = Vec::new();
    let mut cur = Education::default();
    let flush = |cur: &mut Education, out: &mut Vec<Education>| {
        if !cur.institution.is_empty() || cur.degree.is_some() {
            let e = std::mem::take(cur);
            match out.iter_mut().find(|o| same_study(o, &e)) {
                Some(o) => merge_into(o, e),
                None => out.push(e),
            }
        }
        *cur = Education::default();
    };
    // The previous education line set a degree and nothing else ("B.E. in ENC" above
    // "North Maharashtra University"): the next plain line names the school.
    let mut degree_only_line = false;
    // The section's order, learnt from its first record whose school and degree stand on
    // different lines: `Some(true)` when the school line comes first.
    let mut school_first: Option<bool> = None;
    // A field read from a bare part after the school ("Lakeside University, Milford"): it
    // may be the school's town, so a field the degree states ("… in Nursing") replaces it.
    let mut guessed_field: Option<String> = None;
    for (i, l) in lines.iter().enumerate() {
        let labelled = words.education_labels.iter().find_map(|p| {
            l.text
                .strip_prefix(p.as_str())
                .and_then(|r| r.strip_prefix([':', '：']))
        });
        if l.section != Section::Education && labelled.is_none() {
            degree_only_line = false;
            continue;
        }
        if l.is_heading || l.text.is_empty() {
            continue;
        }
        let text = labelled.unwrap_or(&l.text).trim();
        let ranges = dates::find_date_ranges(text);
        let mut rest = text.to_owned();
        if let Some(r) = ranges.first() {
            if let (Some(a), Some(b)) = (text.get(..r.start_offset), text.get(r.end_offset..)) {
                rest = format!("{a}  {b}");
            }
        }
        let mut parts = education_parts(&rest, labelled.is_some(), words);
        // A lone year or date among the parts is the graduation date.
        let mut grad: Option<String> = None;
        parts.retain(|p| match lone_date(p) {
            Some(d) if ranges.is_empty() && grad.is_none() => {
                grad = Some(d);
                false
            }
            _ => true,
        });
        let has_inst = parts.iter().any(|p| is_institution(p, words));
        // A school part that carries its degree splits in two.
        let mut split = Vec::with_capacity(parts.len());
        for p in parts {
            match is_institution(&p, words)
                .then(|| split_school_degree(&p, words).or_else(|| split_degree_school(&p, words)))
                .flatten()
            {
                Some((school, degree)) => {
                    split.push(school);
                    split.push(degree);
                }
                None => split.push(p),
            }
        }
        let parts = split;
        let degree_part = |p: &str| {
            degree_level(p).is_some() && (p.chars().count() <= 80 || opens_with_degree(p))
        };
        let has_degree = parts.iter().any(|p| degree_part(p));
        let after_degree = std::mem::take(&mut degree_only_line);
        if !has_inst && !has_degree && ranges.is_empty() && grad.is_none() {
            let plain = parts.len() <= 2
                && !l.bullet
                && parts.first().is_some_and(|p| p.chars().count() <= 80)
                && !parts[0].ends_with(['.', '。'])
                && !names_no_school(&parts[0], words);
            // "BSc (Hons)" / "Software Design" / "Example University 2010 – 2013":
            // when the next line names a school, this one is the field.
            let school_next = || {
                lines[i + 1..]
                    .iter()
                    .find(|n| !n.text.is_empty())
                    .is_some_and(|n| {
                        n.section == Section::Education
                            && education_parts(&n.text, false, words)
                                .iter()
                                .any(|p| is_institution(p, words))
                    })
            };
            if after_degree
                && cur.institution.is_empty()
                && plain
                && cur.field.is_none()
                && school_next()
            {
                cur.field = Some(parts[0].clone());
                degree_only_line = true;
            } else if after_degree && cur.institution.is_empty() && plain {
                set_institution(&mut cur, &parts[0]);
            } else if parts.len() == 1
                && cur.field.is_none()
                && !cur.institution.is_empty()
                && parts[0].chars().count() <= 40
                && !l.bullet
                && !looks_like_city_region(&parts[0])
            {
                cur.field = Some(parts[0].clone());
            }
            continue;
        }
        // "Example University" / "Ph.D. …" / "May 2015" / "M.S. …" / "May 2013" / "Other
        // University": in a school-first section a dated degree without a school is a
        // second study at the school above, not the next school's.
        // (Also when the next degree line comes first: "M.S. …" / "May 2013" / "BSc (Hons)".)
        if has_inst || has_degree && cur.degree.is_some() {
            second_degree_at_school_above(&mut cur, &out, school_first);
        }
        if has_inst && !cur.institution.is_empty() || has_degree && cur.degree.is_some() && has_inst
        {
            flush(&mut cur, &mut out);
        }
        if has_degree && cur.degree.is_some() && !has_inst {
            flush(&mut cur, &mut out);
        }
        if (grad.is_some() || !ranges.is_empty())
            && !has_inst
            && !has_degree
            && (cur.end.is_some() || cur.start.is_some())
        {
            // A second date for a record that has one: a new record without a name yet.
            flush(&mut cur, &mut out);
        }
        let (had_school, had_degree) = (!cur.institution.is_empty(), cur.degree.is_some());
        for p in &parts {
            if cur.institution.is_empty() && is_institution(p, words) {
                set_institution(&mut cur, p);
            } else if cur.degree.is_none() && degree_part(p) {
                let (d, f) = split_degree_field(without_degree_lead(p));
                cur.degree_level = degree_level(&d);
                cur.degree = Some(d);
                let guessed = guessed_field.take();
                if cur.field.is_none() || f.is_some() && cur.field == guessed {
                    cur.field = f;
                }
            } else if cur.field.is_none()
                && p.chars().count() <= 60
                && !looks_like_city_region(p)
                && !(cur.institution.is_empty() && !has_inst && cur.degree.is_none())
            {
                if cur.degree.is_none() && !cur.institution.is_empty() {
                    guessed_field = Some(p.clone());
                }
                cur.field = Some(p.clone());
            }
        }
        if has_degree && !has_inst && cur.institution.is_empty() {
            degree_only_line = true;
        }
        if school_first.is_none()
            && !cur.institution.is_empty()
            && cur.degree.is_some()
            && had_school != had_degree
        {
            school_first = Some(had_school);
        }
        if let Some(r) = ranges.first() {
            match &r.end {
                Some(DateEnd::Date(d)) => {
                    cur.start = Some(r.start.iso());
                    cur.end = Some(d.iso());
                }
                Some(DateEnd::Present) => {
                    cur.start = Some(r.start.iso());
                    cur.end = None;
                }
                // A single date is the graduation date.
                None => {
                    cur.start = None;
                    cur.end = Some(r.start.iso());
                }
            }
        } else if let Some(g) = grad {
            cur.end = Some(g);
        }
        if cur.evidence.is_none() {
            cur.evidence = Some(l.evidence(0.7));
        }
    }
    second_degree_at_school_above(&mut cur, &out, school_first);
    flush(&mut cur, &mut out);
    // The profile's own statement ("本科院校：X" above the sections) adds a study or the
    // degree a section's record lacks (merged below).
    out.extend(education_in_profile(lines, words));
    // A degree with no institution ("Qualifications: MEng & BEng") adds nothing when
    // full records exist; a single school without a degree takes it ("就读于X大学" and
    // "学历为本科" on two lines).
    let schools_without_degree = out
        .iter()
        .filter(|e| !e.institution.is_empty() && e.degree.is_none())
        .count();
    let degrees_alone: Vec<Education> = out
        .iter()
        .filter(|e| e.institution.is_empty())
        .cloned()
        .collect();
    if schools_without_degree == 1 && degrees_alone.len() == 1 {
        if let Some(e) = out
            .iter_mut()
            .find(|e| !e.institution.is_empty() && e.degree.is_none())
        {
            let d = degrees_alone[0].clone();
            e.degree = d.degree;
            e.degree_level = d.degree_level;
        }
    }
    if out.iter().any(|e| !e.institution.is_empty()) {
        out.retain(|e| !e.institution.is_empty());
    }
    merge_same_studies(out)
}

/// In a school-first section, a dated degree without a school is a second study at the
/// school of the record above.
fn second_degree_at_school_above(
    cur: &mut Education,
    out: &[Education],
    school_first: Option<bool>,
) {
    let dated_degree = cur.institution.is_empty()
        && cur.degree.is_some()
        && (cur.end.is_some() || cur.start.is_some());
    if school_first != Some(true) || !dated_degree {
        return;
    }
    if let Some(prev) = out.last().filter(|p| !p.institution.is_empty()) {
        cur.institution = prev.institution.clone();
        cur.institution_label = prev.institution_label.clone();
        cur.institution_iri = prev.institution_iri.clone();
    }
}

/// One record per study: the same school in two scripts or two sections (a bilingual file's
/// "西南某某大学" with its degree and "Southwest Example University" without), or stated twice
/// on one line ("本科院校：X  本科专业：…"), is one record, its gaps filled from the other.
fn merge_same_studies(records: Vec<Education>) -> Vec<Education> {
    let mut merged: Vec<Education> = Vec::with_capacity(records.len());
    for e in records {
        match merged.iter_mut().find(|o| same_study(o, &e)) {
            Some(o) => merge_into(o, e),
            None => merged.push(e),
        }
    }
    merged
}

/// Education stated in the profile when the résumé has no education section: a line of the
/// header or summary that names a school with its degree ("研究生/北方大学计算机专业",
/// "北方大学软件学院 2014 届本科", "本科院校：北方大学", "MSc, Example University"), or a
/// school line next to a line that is only the degree ("本科 / 2015 年毕业").
fn education_in_profile(lines: &[Line<'_>], words: &Words) -> Vec<Education> {
    let mut out: Vec<Education> = Vec::new();
    let profile = |l: &Line<'_>| {
        matches!(
            l.section,
            Section::Header | Section::Contact | Section::Summary
        ) && !l.is_heading
    };
    let degree_line = |t: &str| {
        let t = t.trim();
        t.chars().count() <= 24 && degree_level(t).is_some() && !words.is_school(t)
    };
    for (i, l) in lines.iter().enumerate().take(80) {
        if !profile(l) || l.text.chars().count() > 80 {
            continue;
        }
        let cells: Vec<&str> = l
            .text
            .split(['/', '|', '·', '•', ':', '：', '\t'])
            .flat_map(|c| c.split("  "))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let Some(k) = cells.iter().position(|c| is_institution(c, words)) else {
            continue;
        };
        // "就读于北方大学": the verb before the school is not part of it.
        let cell = words
            .study_cues
            .iter()
            .filter_map(|q| cells[k].strip_prefix(q.as_str()))
            .min_by_key(|rest| rest.len())
            .unwrap_or(cells[k])
            .trim();
        let mut e = Education::default();
        // "北方大学计算机专业", "北方大学软件学院 2014 届本科": the school ends at its last
        // school word; what follows is the field or the degree.
        let (school, tail) = match words.han_school_end(cell) {
            Some(end) if end < cell.len() => (&cell[..end], cell[end..].trim()),
            _ => (cell, ""),
        };
        let mut degree_in_name = (degree_level(tail).is_some()).then(|| tail.to_owned());
        if degree_in_name.is_none() && !tail.is_empty() {
            e.field = Some(tail.to_owned());
        }
        let school = match split_school_degree(school, words) {
            Some((s, d)) => {
                degree_in_name = Some(d);
                s
            }
            None => school.to_owned(),
        };
        set_institution(&mut e, &school);
        let near = [i.wrapping_sub(1), i + 1]
            .into_iter()
            .filter_map(|j| lines.get(j))
            .filter(|n| profile(n))
            .map(|n| n.text.as_str());
        let degree = degree_in_name
            .or_else(|| {
                cells
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, c)| *c)
                    .find(|c| degree_level(c).is_some() && c.chars().count() <= 24)
                    .map(str::to_owned)
            })
            .or_else(|| {
                near.flat_map(|t| t.split(['/', '|', '，', ',']))
                    .find(|c| degree_line(c))
                    .map(|c| c.trim().to_owned())
            });
        let Some(degree) = degree else {
            continue;
        };
        e.degree_level = degree_level(&degree);
        e.degree = Some(degree);
        e.evidence = Some(l.evidence(0.6));
        if !out.iter().any(|o| same_study(o, &e)) {
            out.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degree_and_field() {
        let t = |s: &str| {
            let (d, f) = split_degree_field(s);
            (d, f.unwrap_or_default())
        };
        assert_eq!(
            t("B.S. in Software Engineering"),
            ("B.S.".into(), "Software Engineering".into())
        );
        assert_eq!(
            t("BSc (Hons) Informatics"),
            ("BSc (Hons)".into(), "Informatics".into())
        );
        assert_eq!(
            t("BSc Computer Science"),
            ("BSc".into(), "Computer Science".into())
        );
        assert_eq!(
            t("Bachelor of Engineering (Computer Science)"),
            ("Bachelor of Engineering".into(), "Computer Science".into())
        );
        assert_eq!(
            t("Bachelor of Science in Marketing"),
            ("Bachelor of Science".into(), "Marketing".into())
        );
        assert_eq!(
            t("Masters in Automobile Engineering"),
            ("Masters".into(), "Automobile Engineering".into())
        );
        assert_eq!(t("MBA"), ("MBA".into(), String::new()));
        // A score or a year in brackets is no part of the field.
        assert_eq!(
            t("Bachelor of Science, Marine Biology (GPA: 3.51/4.0)"),
            ("Bachelor of Science".into(), "Marine Biology".into())
        );
        assert_eq!(
            t("Bachelor of Arts, History (2004)"),
            ("Bachelor of Arts".into(), "History".into())
        );
        assert_eq!(
            t("Master of Science (GPA 3.9)"),
            ("Master of Science".into(), String::new())
        );
        assert_eq!(t("B.Sc. (CGPA: 8.1/10)"), ("B.Sc.".into(), String::new()));
        assert_eq!(t("工学学士"), ("工学学士".into(), String::new()));
        assert_eq!(t("本科，统计学"), ("本科".into(), "统计学".into()));
        assert_eq!(t("BE (Computer)"), ("BE".into(), "Computer".into()));
    }

    #[test]
    fn places_and_dates() {
        assert!(looks_like_city_region("Cleveland, OH"));
        assert!(looks_like_city_region("Bengaluru, Karnataka"));
        assert!(!looks_like_city_region("Computer Science"));
        assert_eq!(lone_date("2017").as_deref(), Some("2017"));
        assert_eq!(lone_date("[2008]").as_deref(), Some("2008"));
        assert_eq!(lone_date("May 2010").as_deref(), Some("2010-05"));
        assert_eq!(lone_date("Computer Science"), None);
    }

    /// (institution, degree, field, start, end)
    type Row = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn edu(text: &str) -> Vec<Row> {
        let ls = super::super::layout::lines(text);
        extract_education(&ls, Words::get())
            .into_iter()
            .map(|e| (e.institution, e.degree, e.field, e.start, e.end))
            .collect()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn sentence_words_before_a_degree_and_two_school_certificates_of_one_board() {
        assert_eq!(
            without_degree_lead("Currently pursuing a Bachelor of Science in Physics"),
            "Bachelor of Science in Physics"
        );
        assert_eq!(without_degree_lead("B.S. in Physics"), "B.S. in Physics");
        assert_eq!(
            without_degree_lead("Northfield College"),
            "Northfield College"
        );
        let got =
            edu("EDUCATION\nHSC\nLowtown Board\nMarch 2012\nSSC\nLowtown Board\nMarch 2010\n");
        let got: Vec<_> = got.iter().map(|r| (r.0.as_str(), r.1.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("Lowtown Board", Some("HSC")),
                ("Lowtown Board", Some("SSC"))
            ]
        );
    }

    #[test]
    fn a_degree_abbreviation_glued_to_its_school() {
        let got = edu(
            "EDUCATION\nB.E Northfield University, Lowtown (2008-2012)\n\
             M.Tech. Eastfield Technological University, India.\n",
        );
        let got: Vec<_> = got.iter().map(|r| (r.0.as_str(), r.1.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("Northfield University", Some("B.E")),
                ("Eastfield Technological University", Some("M.Tech"))
            ]
        );
        assert!(split_degree_school("MBA", Words::get()).is_none());
        assert!(split_degree_school("Bachelor University Press", Words::get()).is_none());
    }

    #[test]
    fn a_school_word_in_lower_case_prose_names_no_school() {
        let w = Words::get();
        assert!(school_word_in_prose(
            "Oversaw the college budget and staffing",
            w
        ));
        assert!(!school_word_in_prose("Northfield College of Arts", w));
        assert!(!school_word_in_prose("northfield university", w));
        assert!(!is_institution("Oversaw the university budget", w));
        assert!(is_institution("University of Northfield", w));
    }

    #[test]
    fn a_second_degree_under_the_school_above_and_a_place_in_brackets() {
        let got = edu("Education\n\
             Northfield University of Technology (Lowtown, MO)\n\
             Ph.D. Marine Robotics\n\
             Dissertation: Reef survey drones\n\n\
             May 2015\n\
             GPA: 3.9/4.0\n\n\
             M.S. Marine Robotics\n\n\
             May 2013\n\n\
             Eastfield University (Eastfield, Nepal)\n\
             B.S. Computer Engineering\n\n\
             May 2011\n");
        let want = |i: &str, d: &str, f: &str, e: &str| (i.to_owned(), s(d), s(f), None, s(e));
        let northfield = "Northfield University of Technology";
        assert_eq!(
            got,
            [
                want(northfield, "Ph.D.", "Marine Robotics", "2015-05"),
                want(northfield, "M.S.", "Marine Robotics", "2013-05"),
                want(
                    "Eastfield University",
                    "B.S.",
                    "Computer Engineering",
                    "2011-05"
                ),
            ]
        );
    }

    #[test]
    fn degrees_after_the_name_that_no_record_states() {
        let ls = super::super::layout::lines(
            "Jane Q. Roe, Ph.D., MBA, PMP\njane@example.org\n\nEDUCATION\n\
             MBA, Lakeside University, 2004\n",
        );
        let known = extract_education(&ls, Words::get());
        let got = degrees_after_name(&ls, "Jane Q. Roe", &known);
        let degrees: Vec<_> = got.iter().map(|e| e.degree.as_deref()).collect();
        // The MBA is the Education section's; PMP is a certification.
        assert_eq!(degrees, [Some("Ph.D.")]);
        assert!(got[0].institution.is_empty());
        assert!(degrees_after_name(&ls, "Sam Roe", &known).is_empty());
    }

    #[test]
    fn the_town_after_a_school_gives_way_to_the_stated_field() {
        let got = edu(
            "EDUCATION\nLakeside University, Milford\nBachelor of Science in Nursing, May 2015\n\n\
             B.A. in Economics, Hillcrest College, Dover, 2011\n\n\
             Northfield College, Applied Physics\nBachelor of Science, 2009\n",
        );
        let want = |i: &str, d: &str, f: &str, e: &str| (i.to_owned(), s(d), s(f), None, s(e));
        assert_eq!(
            got,
            [
                want(
                    "Lakeside University",
                    "Bachelor of Science",
                    "Nursing",
                    "2015-05"
                ),
                want("Hillcrest College", "B.A.", "Economics", "2011"),
                want(
                    "Northfield College",
                    "Bachelor of Science",
                    "Applied Physics",
                    "2009"
                ),
            ]
        );
    }

    #[test]
    fn degree_field_and_school_on_three_lines_under_a_contact_block() {
        let got = edu("EDUCATION\n\
             T: 01632 960 1234\n\
             E: quill@example.org\n\n\
             BSc (Hons)\n\
             Software Design\n\
             Northfield University 2005 - 2008\n");
        assert_eq!(
            got,
            [(
                "Northfield University".to_owned(),
                s("BSc (Hons)"),
                s("Software Design"),
                s("2005"),
                s("2008")
            )]
        );
        // Without a school line after it, the line under a lone degree is the school.
        let got = edu("Education\nB.E. in Mechanics\nNorth Plains Polytechnic\n");
        assert_eq!(got[0].0, "North Plains Polytechnic");
    }

    #[test]
    fn a_line_under_a_degree_that_names_no_school() {
        let got = edu("Education\n\
             Masters degree in Computer Science\n\
             Bachelors degree in Physics\n\
             Certification in Java\n");
        let degrees: Vec<_> = got.iter().map(|r| (r.0.as_str(), r.1.as_deref())).collect();
        assert_eq!(
            degrees,
            vec![("", Some("Masters degree")), ("", Some("Bachelors degree"))]
        );
        // The school under its degree is still read.
        let got = edu("Education\nB.E. in Mechanical Engineering\nKestrel State University\n");
        assert_eq!(got[0].0, "Kestrel State University");
    }

    #[test]
    fn flattened_school_lines() {
        // A year before the school, the school's place glued to the degree, a heading
        // with an object replacement character where an image was.
        let got = edu("Education\u{fffc}\n\
             2013 Kestrel State University, Dover, DE Bachelor's Degree in Computer Science\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Kestrel State University");
        assert_eq!(got[0].1.as_deref(), Some("Bachelor's Degree"));
        assert_eq!(got[0].2.as_deref(), Some("Computer Science"));
    }

    #[test]
    fn schools_that_carry_their_degree() {
        let levels = |text: &str| {
            let ls = super::super::layout::lines(text);
            extract_education(&ls, Words::get())
                .into_iter()
                .map(|e| (e.institution, e.degree_level.map(|l| format!("{l:?}"))))
                .collect::<Vec<_>>()
        };
        let one = |school: &str, level: &str| vec![(school.to_owned(), s(level))];
        // The degree glued after the school's last school word.
        assert_eq!(
            levels("教育背景\n2011.9 至 2015.6 青州理工大学信息学院本科\n"),
            one("青州理工大学信息学院", "Bachelor")
        );
        // In brackets after the school.
        assert_eq!(
            levels("教育背景\n2008.9-2012.7 江北师范学院（统招本科）\n"),
            one("江北师范学院", "Bachelor")
        );
        // Single spaces between the fields of a Chinese line.
        assert_eq!(
            levels("教育背景\n2004/09~2008/07 滨海工业大学 机械工程 硕士\n"),
            one("滨海工业大学", "Master")
        );
        // A slash between the degree and the school.
        assert_eq!(
            levels("教育背景\n硕士/南岭大学计算机系\n"),
            one("南岭大学计算机系", "Master")
        );
        // A long degree line under the school.
        assert_eq!(
            levels("Education\nLAKESHORE STATE UNIVERSITY\nBachelor of Science in Applied Physics with a Minor in Mathematics and Scientific Computing\n"),
            one("LAKESHORE STATE UNIVERSITY", "Bachelor")
        );
        // A college of a university before the university: the university is the school.
        assert_eq!(
            levels("Education\nSeptember 2019  College of Civil Engineering, Lakeshore State University\nMaster of Engineering\n"),
            one("Lakeshore State University", "Master")
        );
        // Sentences after the school's name, and a school word as a label.
        assert_eq!(
            levels("Education:\nLakeshore State University. Graduating in 06/2025. Bachelor of Arts.\n"),
            one("Lakeshore State University", "Bachelor")
        );
        assert_eq!(
            levels(
                "Education\nUniversity: Lakeshore State University  Degree: Master of Science\n"
            ),
            one("Lakeshore State University", "Master")
        );
        // A table's column headings are no school.
        assert_eq!(
            levels("教育背景\n学校  学历  日期\n滨海工业大学  硕士  2015.07\n"),
            one("滨海工业大学", "Master")
        );
    }

    #[test]
    fn line_shapes() {
        // Tab columns.
        assert_eq!(
            edu("Education\nFudan University\tMaster of Engineering\tSoftware Engineering\tSep. 2016 – Jun. 2019\n"),
            vec![("Fudan University".into(), s("Master of Engineering"), s("Software Engineering"), s("2016-09"), s("2019-06"))]
        );
        // Pipes with "Degree in Field".
        assert_eq!(
            edu(
                "Education\nTongji University | B.S. in Software Engineering | 2012.09 - 2016.06\n"
            ),
            vec![(
                "Tongji University".into(),
                s("B.S."),
                s("Software Engineering"),
                s("2012-09"),
                s("2016-06")
            )]
        );
        // Spaced dashes, qualifier in parentheses, bare years.
        assert_eq!(
            edu("Education\nUniversity of Edinburgh - BSc (Hons) Informatics - 2013 - 2017\n"),
            vec![(
                "University of Edinburgh".into(),
                s("BSc (Hons)"),
                s("Informatics"),
                s("2013"),
                s("2017")
            )]
        );
        // Chinese columns, degree first.
        assert_eq!(
            edu("## Education\n- 硕士    2007 - 2010    **华中科技大学**    计算机学院\n"),
            vec![(
                "华中科技大学".into(),
                s("硕士"),
                s("计算机学院"),
                s("2007"),
                s("2010")
            )]
        );
        // Job-board layout: degree line, school line with its place, graduation year.
        assert_eq!(
            edu("EDUCATION\n\nB.E. in ENC\n\nNorth Maharashtra University -  Jalgaon, Maharashtra\n\n2017\n\nSKILLS\nJava\n"),
            vec![("North Maharashtra University".into(), s("B.E."), s("ENC"), None, s("2017"))]
        );
        // A degree line followed by a school without a school word.
        assert_eq!(
            edu("EDUCATION\n\nBSc in Computer Science\n\nvasundhara womens\n\n2015\n"),
            vec![(
                "vasundhara womens".into(),
                s("BSc"),
                s("Computer Science"),
                None,
                s("2015")
            )]
        );
        // "Degree, School" and "School, City, ST" / "Degree, Month Year".
        assert_eq!(
            edu("Education\n2003-2005\nMasters in Automobile Engineering, Denmark University\n"),
            vec![(
                "Denmark University".into(),
                s("Masters"),
                s("Automobile Engineering"),
                s("2003"),
                s("2005")
            )]
        );
        assert_eq!(
            edu("EDUCATION\nCASE WESTERN RESERVE UNIVERSITY, Cleveland, OH\nBachelor of Science in Marketing, May 2010\n"),
            vec![("CASE WESTERN RESERVE UNIVERSITY".into(), s("Bachelor of Science"), s("Marketing"), None, s("2010-05"))]
        );
    }

    #[test]
    fn repeated_studies_merge() {
        // A contact line and the education section name the same study.
        let got = edu("教育： 硕士/计算机科学与技术/南京大学\n\n## 教育背景\n- 2013.9 - 2016.6      南京大学      计算机科学与技术      硕士\n");
        assert_eq!(
            got,
            vec![(
                "南京大学".into(),
                s("硕士"),
                s("计算机科学与技术"),
                s("2013-09"),
                s("2016-06")
            )]
        );
    }

    fn schools(text: &str) -> Vec<(String, Option<crate::model::DegreeLevel>)> {
        let ls = crate::extract::layout::lines(text);
        extract_education(&ls, Words::get())
            .into_iter()
            .map(|e| (e.institution, e.degree_level))
            .collect()
    }

    #[test]
    fn education_stated_in_the_profile() {
        use crate::model::DegreeLevel::{Bachelor, Master};
        assert_eq!(
            schools("王小明\n北方大学软件学院 2014 届本科\n\n项目经历\n白桦商城  2013\n"),
            vec![("北方大学软件学院".to_owned(), Some(Bachelor))]
        );
        assert_eq!(
            schools("个人信息\n王小明/男/1990\n硕士/南方理工大学计算机专业\n\n工作经历\n"),
            vec![("南方理工大学".to_owned(), Some(Master))]
        );
        assert_eq!(
            schools(
                "本科院校：东山大学 | 所学专业：物理学\n\n学术经历\n2022/05 参加北方大学暑期学校。\n"
            ),
            vec![("东山大学".to_owned(), Some(Bachelor))]
        );
        assert_eq!(
            schools("王小明\n• 本科 / 2015 年毕业\n• 东山经贸学院 · 信息管理\n\n项目\n"),
            vec![("东山经贸学院".to_owned(), Some(Bachelor))]
        );
        // A school without a degree nearby is not made a record.
        assert!(schools("王小明\n住址：东山市北方大学\n\n项目\n").is_empty());
        // Two labels of one line name one study; a bilingual file's two spellings of a
        // known school (one IRI) are one record with the degree one of them states.
        assert_eq!(
            schools("王小明\n本科院校：东山大学  本科专业：物理学专业\n教育背景\n专业排名：1/74\n"),
            vec![("东山大学".to_owned(), Some(Bachelor))]
        );
        assert_eq!(
            schools("王小明\n本科院校：北京大学\n\nWang Xiaoming\nEducation\nPeking University\n"),
            vec![("Peking University".to_owned(), Some(Bachelor))]
        );
        // A sentence that names a school is no record, whatever its spaces.
        assert!(
            schools("教育经历\n2023/06 在北方大学参加某某中心的暑期 Graph Theory 短课程。\n")
                .is_empty()
        );
        assert!(
            schools("教育经历\n2023/06 在北方大学参加某某中心的暑期Graph Theory短课程。\n")
                .is_empty()
        );
    }

    #[test]
    fn a_degree_line_under_its_school() {
        use crate::model::DegreeLevel::Bachelor;
        assert_eq!(
            schools(
                "教育经历\n东山学院, 东山  2015/09 – 2019/07\n• 学士学位，全日制，计算机学院\n"
            ),
            vec![("东山学院".to_owned(), Some(Bachelor))]
        );
    }

    #[test]
    fn a_lone_degree_word_after_the_school_and_full_width_fields() {
        let got = edu("Education\n\
             Fernhill Fictional University, Bachelor, Information Technology  2011 – 2014\n\
             Fernhill Fictional University, Ph.D., Computer Science  2014 – 2019\n\
             Larch Fictional College, Boston, MA  2009\n\
             2014.09 – 2017.06 硕士，北方虚构大学，计算机科学与技术\n");
        assert_eq!(
            got,
            vec![
                (
                    "Fernhill Fictional University".into(),
                    s("Bachelor"),
                    s("Information Technology"),
                    s("2011"),
                    s("2014")
                ),
                (
                    "Fernhill Fictional University".into(),
                    s("Ph.D."),
                    s("Computer Science"),
                    s("2014"),
                    s("2019")
                ),
                (
                    "Larch Fictional College".into(),
                    None,
                    None,
                    None,
                    s("2009")
                ),
                (
                    "北方虚构大学".into(),
                    s("硕士"),
                    s("计算机科学与技术"),
                    s("2014-09"),
                    s("2017-06")
                ),
            ]
        );
        // A sentence naming a university is no list of fields; a unit after the degree
        // stays with the school above it.
        let got = edu("教育背景\n\
             参加北方虚构大学的系列论坛，听了多场报告。\n");
        assert!(got.is_empty(), "{got:?}");
        assert!(full_width_fields("学士，材料科学，机电学院", Words::get()).is_none());
    }
}
