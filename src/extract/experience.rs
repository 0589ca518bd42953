//! Experience: position headers (a line with a date range, or the lines just before a
//! date-only line), the position body, systems named inside it (`**Name** (Go/C++) — …`),
//! project entries ("Name | Role | 2020.04 - 2022.07"), and the scoping of
//! technologies and metrics to the narrowest of system → position → person.

use super::dates::{self, DateEnd, DateRange, PartialDate};
use super::layout::{heading_of, Line, Section};
use super::lines::{emails, looks_like_city_region, split_outside_brackets, split_parts, urls};
use super::scan::{is_range_sep, is_separator_text, normalize, MONTHS, SEASONS};
use super::{canonical_organization, find_line_metrics, find_technologies, Words};
use crate::model::{Evidence, Metric, Position, Project, Skill};

/// Positions, loose projects and person-level technologies/metrics of a document.
#[derive(Debug, Default)]
pub struct Experience {
    /// Positions in document order.
    pub positions: Vec<Position>,
    /// Projects not attached to a position.
    pub projects: Vec<Project>,
    /// Person-scope metrics.
    pub metrics: Vec<Metric>,
}

/// Where facts of the current line go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Person,
    Position(usize),
    System(usize, usize, usize),
    Project(usize),
}

fn range_iso(r: &DateRange) -> (Option<String>, Option<String>, bool) {
    let start = Some(r.start.iso());
    match &r.end {
        Some(DateEnd::Present) => (start, None, true),
        Some(DateEnd::Date(d)) => (start, Some(d.iso()), false),
        None => (start, None, false),
    }
}

/// Remove a trailing parenthetical ("(later acquired by …)").
fn strip_parenthetical(s: &str) -> &str {
    let s = s.trim();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.ends_with(close) {
            if let Some(i) = s.rfind(open) {
                if i > 0 {
                    return s[..i].trim();
                }
            }
        }
    }
    s
}

/// Parsed position header.
#[derive(Debug, Default, Clone)]
struct Header {
    org: Option<String>,
    title: Option<String>,
    department: Option<String>,
    location: Option<String>,
}

/// Label prefixes ("公司：", "Company:") → which field (`lex:field-label-*`).
/// A two-cell table row ("Company | Acme") is a label and its value too.
/// A printed two-cell table ("Company      Acme Corp") sets label and value apart by a
/// column gap instead.
fn labelled(part: &str) -> Option<(&'static str, String)> {
    let (label, value) = part
        .split_once([':', '：'])
        .or_else(|| part.split_once('|').filter(|(_, v)| !v.contains('|')))
        .or_else(|| split_at_gap(part))?;
    field_of_label(label.trim()).map(|field| (field, value.trim().to_owned()))
}

/// Beside a form's dates only: a one-word label and its value set apart by one space
/// ("Company Acme Corp" where the label column is narrow). Elsewhere "Company overview"
/// is a phrase.
fn labelled_by_space(text: &str) -> Option<(&'static str, String)> {
    let (label, value) = text.trim().split_once(' ')?;
    let field = field_of_label(label)?;
    (field != "dates").then(|| (field, value.trim().to_owned()))
}

/// Split at the first column gap: a tab or a run of two or more spaces.
fn split_at_gap(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let at = match (text.find('\t'), text.find("  ")) {
        (Some(t), Some(s)) => t.min(s),
        (t, s) => t.or(s)?,
    };
    Some((&text[..at], text[at..].trim_start()))
}

/// The field a label names (`lex:field-label-*`), case-insensitively.
fn field_of_label(label: &str) -> Option<&'static str> {
    Words::get()
        .field_labels
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(label))
        .map(|(_, field)| *field)
}

fn parse_header(rest: &str, words: &Words) -> Header {
    let mut h = Header::default();
    let mut free: Vec<String> = Vec::new();
    for p in split_parts(rest) {
        match labelled(&p) {
            Some(("org", v)) => h.org = Some(v),
            Some(("title", v)) => h.title = Some(v),
            Some(("department", v)) => h.department = Some(v),
            Some(("location", v)) => h.location = Some(v),
            _ => free.push(p),
        }
    }
    // One part holding several fields ("Tencent Backend Software Engineer",
    // "Social Media Manager, TAROKO", "ACME CORP, Boston, MA").
    if free.len() == 1 && h.org.is_none() && h.title.is_none() {
        let (org, title, place) = split_org_title(&free[0], words);
        h.org = org;
        h.title = title;
        if h.location.is_none() {
            h.location = place;
        }
        return h;
    }
    let mut rest_parts = Vec::new();
    for p in free {
        let org = words.org_strength(strip_parenthetical(&p));
        let title = words.title_strength(&p);
        if h.location.is_none() && org < 2 && title == 0 && words.is_place(&p) {
            h.location = Some(p);
        } else if h.location.is_none() && org < 2 && title == 0 && looks_like_city_region(&p) {
            // "Eurokas, Cleveland, OH": a name before "City, ST" is the organisation.
            match name_before_city_code(&p) {
                Some((name, place)) if h.org.is_none() => {
                    h.org = Some(name);
                    h.location = Some(place);
                }
                _ => h.location = Some(p),
            }
        } else if h.org.is_none() && org >= 2 && org > title {
            h.org = Some(p);
        } else if h.title.is_none() && title >= 2 && title >= org {
            h.title = Some(p);
        } else {
            rest_parts.push(p);
        }
    }
    // "Org - Unit - Title": with the organisation known and several parts left, the part
    // with the most title words is the title (the first on a tie), a part before it the unit.
    if h.org.is_some() && h.title.is_none() && rest_parts.len() >= 2 {
        let strongest = (0..rest_parts.len())
            .max_by_key(|&k| (words.title_strength(&rest_parts[k]), std::cmp::Reverse(k)))
            .filter(|&k| words.title_strength(&rest_parts[k]) > 0);
        // No title words anywhere: the last part, unless it is a place.
        let last = rest_parts.len() - 1;
        let best = strongest
            .or_else(|| (!looks_like_city_region(&rest_parts[last])).then_some(last))
            .filter(|&k| k > 0);
        if let Some(k) = best {
            h.title = Some(rest_parts.remove(k));
            if h.department.is_none() {
                h.department = Some(rest_parts.remove(0));
            }
        }
    }
    let n = rest_parts.len();
    for (k, p) in rest_parts.into_iter().enumerate() {
        // "Infosys LTD - London": a short last Latin part with no title word is a place.
        let latin_place = k + 1 == n
            && !p.chars().any(super::is_han)
            && words.title_strength(&p) == 0
            && p.split_whitespace().count() <= 3
            && p.chars().next().is_some_and(char::is_uppercase)
            && h.location.is_none();
        if h.org.is_none() {
            h.org = Some(p);
        } else if h.department.is_none() && words.is_department(&p) {
            h.department = Some(p);
        } else if h.title.is_none() && !latin_place {
            h.title = Some(p);
        } else if h.location.is_none() && p.chars().count() <= 30 {
            h.location = Some(p);
        }
    }
    h
}

/// One header part → (organisation, title, place): "Backend Engineer at Tencent",
/// "Automotive Technician, Lamborghini Center", "TAROKO TECHNOLOGIES, San Francisco, CA",
/// "Tencent Backend Software Engineer", or a lone title or organisation.
fn split_org_title(s: &str, words: &Words) -> (Option<String>, Option<String>, Option<String>) {
    let s = s.trim();
    // "高级工程师，虚构科技有限公司": a full-width comma separates fields as ", " does.
    let spaced;
    // (Only a title and an organisation, each marked as such: a sentence's commas, or a
    // clause naming both, are no field separators.)
    let title_and_org = |a: &str, b: &str| {
        words.title_strength(a) >= 2
            && words.org_strength(a) < 2
            && words.org_strength(strip_parenthetical(b)) >= 2
            && words.title_strength(b) == 0
    };
    let comma_fields = s.split_once('，').is_some_and(|(a, b)| {
        !b.contains('，')
            && !s.contains(", ")
            && (title_and_org(a, b) || title_and_org(b, a))
            && employment_clause(s, words).is_none()
    });
    let s = if comma_fields {
        spaced = s.replace('，', ", ");
        spaced.as_str()
    } else {
        s
    };
    // "Lisbon", "杭州", "Remote" beside the dates: a place, not an organisation.
    if words.is_place(s) {
        return (None, None, Some(s.to_owned()));
    }
    // "Tailspin Toys, Porto", "Acme Labs, Pune, India": a name before a known place is
    // the organisation (the capitalised "City, Region" shape alone would take it all).
    if let Some((name, place)) = name_before_known_place(s, words) {
        return (Some(name), None, Some(place));
    }
    // "高级工程师，虚构科技有限公司，杭州": title and organisation, then a known place.
    if let Some((head, place)) = s
        .rsplit_once('，')
        .filter(|(h, p)| h.contains('，') && words.is_place(p))
    {
        let (o, t, _) = split_org_title(head, words);
        if o.is_some() && t.is_some() {
            return (o, t, Some(place.trim().to_owned()));
        }
    }
    // "虚构科技有限公司，杭州": an organisation, then a known place (a Word table cell or a
    // line under the dates).
    if let Some((org, place)) = s.split_once('，').filter(|(o, p)| {
        !p.contains('，')
            && words.is_place(p)
            && words.org_strength(o) >= 2
            && words.title_strength(o) == 0
    }) {
        return (
            Some(org.trim().to_owned()),
            None,
            Some(place.trim().to_owned()),
        );
    }
    let first_group = s.split(',').next().unwrap_or(s);
    // "Harbor Diner, Salem, OR" is an organisation before its place; "Salem, OR" a place.
    if looks_like_city_region(s)
        && s.matches(", ").count() < 2
        && words.org_strength(first_group) < 2
        && words.title_strength(s) == 0
    {
        return (None, None, Some(s.to_owned()));
    }
    for sep in [" at ", " @ "] {
        if let Some(i) = s.find(sep) {
            let (t, o) = (s[..i].trim(), s[i + sep.len()..].trim());
            if words.title_strength(t) >= 2 && !o.is_empty() {
                let (o, place) = split_place(o);
                return (Some(o), Some(t.to_owned()), place);
            }
        }
    }
    if let Some(split) = title_org_place(s, words) {
        return split;
    }
    // "X, City, ST" and "Title, Organisation".
    if s.contains(", ") {
        let (head, place) = split_place(s);
        if place.is_some() {
            let (o, t, _) = split_org_title(&head, words);
            return (o, t, place);
        }
        if let Some((a, b)) = s.split_once(", ") {
            let (ta, oa) = (words.title_strength(a), words.org_strength(a));
            let (tb, ob) = (words.title_strength(b), words.org_strength(b));
            if ta >= 2 && ta > oa && (ob >= 2 || tb == 0) && !b.is_empty() {
                return (Some(b.trim().to_owned()), Some(a.trim().to_owned()), None);
            }
            if oa >= 2 && oa > ta && tb >= 2 {
                return (Some(a.trim().to_owned()), Some(b.trim().to_owned()), None);
            }
            // "Moravia Therapeutics, Software Engineering Contractor": a capitalised name
            // before a part that ends with a title word, although no word marks it.
            if tb >= 3
                && ta == 0
                && capitalised_name(a, 5)
                && !words.is_department(a)
                && !words.is_title(a)
                && plausible_org(a)
            {
                return (Some(a.trim().to_owned()), Some(b.trim().to_owned()), None);
            }
        }
    }
    let orgs = &crate::vocab::vocabulary().organizations;
    if let Some(m) = orgs
        .find_all(s)
        .into_iter()
        .find(|m| m.start == 0 && !m.needs_context)
    {
        let rest = s[m.end..].trim();
        let rest_is_title = words.title_strength(rest) >= 2;
        if rest.is_empty() || rest_is_title {
            return (
                Some(s[..m.end].to_owned()),
                (!rest.is_empty()).then(|| rest.to_owned()),
                None,
            );
        }
    }
    let title = words.title_strength(s);
    let org = words.org_strength(strip_parenthetical(s));
    if title == 0 || org > title {
        return (Some(s.to_owned()), None, None);
    }
    // "Acme Labs Senior Engineer": an organisation-marked prefix before the title words.
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if tokens.len() >= 3 && !s.chars().any(super::is_han) && !words.starts_title(tokens[0]) {
        if let Some(k) = (1..tokens.len()).find(|&k| words.starts_title(tokens[k])) {
            let prefix = tokens[..k].join(" ");
            if words.org_strength(&prefix) >= 3 && words.title_strength(&prefix) == 0 {
                return (Some(prefix), Some(tokens[k..].join(" ")), None);
            }
        }
    }
    (None, Some(s.to_owned()), None)
}

/// Short words a proper name leaves in lower case ("Bank of the West", "Barnes & Noble").
const NAME_FUNCTION_WORDS: [&str; 10] =
    ["of", "the", "and", "for", "de", "in", "at", "on", "&", "du"];

/// "Title, Organisation, City[, ST]" (and "Title, Unit, Organisation, City"): three or more
/// comma groups, a title first and capitalised place names last. The organisation is the
/// group most marked as one (the first on a tie); groups between it and the title stay
/// with the title. → (organisation, title, place).
fn title_org_place(
    s: &str,
    words: &Words,
) -> Option<(Option<String>, Option<String>, Option<String>)> {
    let groups: Vec<&str> = s.split(", ").map(str::trim).collect();
    if groups.len() < 3 || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    if words.title_strength(groups[0]) < 2 || words.org_strength(groups[0]) >= 2 {
        return None;
    }
    // The last group is the organisation only when marked as one (the place wrapped onto
    // the next line: "Engineer, Passenger Cars, General Motors,").
    let last = groups.len() - 1;
    let last_is_org = words.org_strength(groups[last]) >= 2;
    let k = (1..if last_is_org { last + 1 } else { last })
        .max_by_key(|&k| (words.org_strength(groups[k]), std::cmp::Reverse(k)))?;
    let org = groups[k];
    let place = &groups[k + 1..];
    let place_like = place.iter().all(|g| capitalised_name(g, 3))
        && place
            .iter()
            .all(|g| words.title_strength(g) == 0 && words.org_strength(g) < 2);
    let org_ok = words.title_strength(org) == 0 && plausible_org(org) && capitalised_name(org, 6);
    (place_like && org_ok).then(|| {
        (
            Some(org.to_owned()),
            Some(groups[..k].join(", ")),
            Some(place.join(", ")),
        )
    })
}

/// Whether `s` reads as a proper name: 1 to `max_tokens` words, each starting with a
/// capital or a digit ("Dovetail Studio", "3M", "Barnes & Noble").
fn capitalised_name(s: &str, max_tokens: usize) -> bool {
    let toks: Vec<&str> = s.split_whitespace().collect();
    !toks.is_empty()
        && toks.len() <= max_tokens
        && toks.iter().all(|t| {
            t.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || NAME_FUNCTION_WORDS.contains(t)
        })
}

/// "Eurokas, Cleveland, OH" → ("Eurokas", "Cleveland, OH"): three comma groups ending with
/// a two-letter state or country code; the first is a name, the last two its place.
fn name_before_city_code(s: &str) -> Option<(String, String)> {
    let pieces: Vec<&str> = s.split(", ").map(str::trim).collect();
    let code = pieces
        .last()
        .is_some_and(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_uppercase()));
    (pieces.len() == 3 && code).then(|| (pieces[0].to_owned(), pieces[1..].join(", ")))
}

/// "Tailspin Toys, Porto" → ("Tailspin Toys", "Porto"): one or two comma groups at the end
/// that are a known place, after a name that is neither a place nor a title.
fn name_before_known_place(s: &str, words: &Words) -> Option<(String, String)> {
    if !s.contains(", ") {
        return None;
    }
    let groups: Vec<&str> = s.split(", ").map(str::trim).collect();
    (1..groups.len()).find_map(|k| {
        let (name, place) = (groups[..k].join(", "), groups[k..].join(", "));
        // "Santa Rosa, California": an unknown town before a known region.
        let town_in_region = groups.len() - k == 2
            && looks_like_city_region(&place)
            && words.is_place(groups[groups.len() - 1]);
        let fits = (words.is_place(&place) || town_in_region)
            && !words.is_place(&name)
            && words.title_strength(&name) == 0
            && plausible_org(&name)
            && capitalised_name(&name, 6);
        fits.then_some((name, place))
    })
}

/// "ACME, Boston, MA" → ("ACME", Some("Boston, MA")); "Acme - Pune" is split earlier.
fn split_place(s: &str) -> (String, Option<String>) {
    let pieces: Vec<&str> = s.split(", ").collect();
    // "…, New York, NY": a two-letter state or country code ends a "City, ST" pair.
    let code = pieces
        .last()
        .is_some_and(|p| p.trim().len() == 2 && p.trim().chars().all(|c| c.is_ascii_uppercase()));
    if code && pieces.len() >= 3 {
        let k = pieces.len() - 2;
        let tail = pieces[k..].join(", ");
        if looks_like_city_region(&tail) {
            return (pieces[..k].join(", "), Some(tail));
        }
    }
    for k in 1..pieces.len() {
        let tail = pieces[k..].join(", ");
        if looks_like_city_region(&tail) {
            return (pieces[..k].join(", "), Some(tail));
        }
    }
    (s.to_owned(), None)
}

/// Title from the first clause of a Chinese position body ("高级技术专家，在…" / "担任X、Y，…").
fn title_from_body(text: &str, words: &Words) -> Option<String> {
    let clause = text.split(['，', '。', ',', ';', '；']).next()?.trim();
    // The earliest cue (`lex:body-title-cue`), the longer one when two start together.
    let cue_end = words
        .body_title_cues
        .iter()
        .filter_map(|cue| clause.find(cue.as_str()).map(|i| (i, i + cue.len())))
        .min_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let clause = cue_end.map_or(clause, |(_, end)| &clause[end..]);
    // "(Platform Team) 后端开发工程师": the unit in brackets before the title is not part of it.
    let clause = match clause.strip_prefix(['(', '（']) {
        Some(rest) => rest
            .split_once([')', '）'])
            .map_or(clause, |(_, t)| t.trim()),
        None => clause,
    };
    let n = clause.chars().count();
    ((2..=24).contains(&n) && words.is_title(clause)).then(|| clause.trim().to_owned())
}

/// Department named in the first sentence of a Chinese position body
/// ("…，在基础架构部负责消息推送平台" → 基础架构部).
fn department_from_body(text: &str, words: &Words) -> Option<String> {
    let sentence = text.split(['。', ';', '；']).next()?;
    for (i, _) in sentence.match_indices('在') {
        let after = &sentence[i + '在'.len_utf8()..];
        let end = words
            .department_end_verbs
            .iter()
            .filter_map(|v| after.find(v.as_str()))
            .min()?;
        let unit = after[..end].trim();
        let n = unit.chars().count();
        if (2..=12).contains(&n)
            && unit.chars().all(super::is_han)
            && words
                .department_markers
                .iter()
                .any(|m| unit.ends_with(m.as_str()))
        {
            return Some(unit.to_owned());
        }
    }
    None
}

/// `**Name** (Go/C++) — …` or a standalone bold line: a system inside a position.
fn system_start(l: &Line<'_>) -> Option<(String, String)> {
    let raw = l.raw.trim_start();
    let after_bullet = ["- ", "* ", "• ", "•", "+ "]
        .iter()
        .find_map(|b| raw.strip_prefix(b))
        .unwrap_or(raw)
        .trim_start();
    let inner = after_bullet.strip_prefix("**")?;
    let end = inner.find("**")?;
    let name = inner[..end].trim();
    let after = inner[end + 2..].trim();
    if name.is_empty() || name.ends_with([':', '：']) || after.starts_with([':', '：']) {
        return None;
    }
    if name.chars().count() > 60 {
        return None;
    }
    let standalone = after.is_empty() && !l.bullet;
    let introduces = after.starts_with(['(', '（', '—', '–', '-', '|']);
    (standalone || introduces).then(|| (name.to_owned(), after.to_owned()))
}

/// "Name | Role | 2020.04 - 2022.07" in a projects section.
fn project_entry(l: &Line<'_>, ranges: &[DateRange]) -> Option<Project> {
    let r = ranges.first()?;
    let (before, after) = around_dates(l, r);
    // "Name | Role | 2020.04 - 2022.07", or the dates first: "2020.04 - 2022.07  Name  Role".
    let fields = if before.trim().is_empty() {
        after
    } else {
        before
    };
    let parts = split_parts(fields);
    // Glued text: the name is what follows the last sentence end before the first "|".
    let first = parts.first()?;
    let name = first
        .rsplit(['。', '；', ';'])
        .next()
        .unwrap_or(first)
        .trim()
        .to_owned();
    if name.is_empty() {
        return None;
    }
    let (start, end, _) = range_iso(r);
    Some(Project {
        name,
        system: false,
        role: parts.get(1).cloned(),
        start,
        end,
        ..Project::default()
    })
}

fn push_unique_skills(into: &mut Vec<Skill>, more: Vec<Skill>) {
    for s in more {
        if !into.iter().any(|o| o.name == s.name) {
            into.push(s);
        }
    }
}

/// Rebase evidence found in a cleaned line onto the document.
fn rebase_skill(mut s: Skill, l: &Line<'_>) -> Skill {
    if let Some(ev) = &mut s.evidence {
        match l.locate(&ev.text) {
            Some((a, b)) => {
                ev.start = a;
                ev.end = b;
            }
            None => s.evidence = None,
        }
    }
    s
}

fn rebase_metric(mut m: Metric, l: &Line<'_>) -> Metric {
    if let Some(ev) = &mut m.evidence {
        match l.locate(&ev.text) {
            Some((a, b)) => {
                ev.start = a;
                ev.end = b;
            }
            None => m.evidence = None,
        }
    }
    m
}

fn header_evidence(l: &Line<'_>) -> Option<Evidence> {
    Some(l.evidence(0.8))
}

/// Whether a line's technologies should be read as a list (skills context).
fn is_tech_list(l: &Line<'_>, words: &Words) -> bool {
    l.section == Section::Skills || words.starts_with_tech_label(&l.text)
}

/// The text of a dated line before and after its date range.
fn around_dates<'a>(l: &'a Line<'_>, r: &DateRange) -> (&'a str, &'a str) {
    let before = l.text.get(..r.start_offset.min(l.text.len())).unwrap_or("");
    let after = l.text.get(r.end_offset.min(l.text.len())..).unwrap_or("");
    (before, after)
}

/// The non-date text of a dated line, its two sides set apart as columns.
fn header_rest(l: &Line<'_>, r: &DateRange) -> String {
    let (before, after) = around_dates(l, r);
    format!("{}  {}", before.trim(), after.trim())
}

/// The fields of a header line on either side of its dates, without what belongs to the
/// dates: the brackets around them ("(Mar 2015 - Present)"), the word that leads them
/// ("• Line cook from 2017 – 2019"), a full stop after them ("…, MN. 09/2017 – Current."),
/// and the section's name printed in a left column before the entry.
fn header_fields<'a>(l: &'a Line<'_>, r: &DateRange) -> (&'a str, &'a str) {
    let (before, after) = around_dates(l, r);
    let before = without_date_lead(
        before
            .trim()
            .trim_end_matches(['(', '（', '[', '【'])
            .trim_end_matches(['.', ','])
            .trim_end(),
    );
    let after = after
        .trim()
        .trim_start_matches([')', '）', ']', '】'])
        .trim_matches(['.', ',', ';'])
        .trim();
    (without_section_cell(before).trim(), after)
}

/// Build a position from a header line.
fn new_position(l: &Line<'_>, r: &DateRange, words: &Words) -> Position {
    let (before, after) = header_fields(l, r);
    let rest = format!("{before}  {after}");
    let h = parse_header(&rest, words);
    let (start, end, current) = range_iso(r);
    let org = h
        .org
        .clone()
        .map(|o| employer_in_clause(&o, words).unwrap_or(o))
        .filter(|o| plausible_org(o))
        .unwrap_or_default();
    // "在某某公司担任前端开发实习生，…": a field that is a sentence stating both.
    // The header parser may keep the whole sentence as the title.
    let sentence_title = h
        .title
        .as_deref()
        .is_some_and(|t| t.contains(['，', '；', '。']));
    let stated = (org.is_empty() || h.title.is_none() || sentence_title)
        .then(|| {
            [before, after]
                .into_iter()
                .find_map(|p| employment_clause(p, words))
        })
        .flatten();
    let (org, title) = match stated {
        Some((o, t)) => {
            let org = if org.is_empty() { o } else { org };
            let title = if h.title.is_none() || sentence_title {
                Some(t)
            } else {
                h.title
            };
            (org, title)
        }
        None => (org, h.title),
    };
    let canonical = canonical_organization(strip_parenthetical(&org));
    Position {
        organization: org,
        organization_label: canonical.as_ref().map(|c| c.0.clone()),
        organization_iri: canonical.map(|c| c.1),
        department: h.department,
        title: title.map(|t| strip_parenthetical(&t).trim_end_matches('.').to_owned()),
        start,
        end,
        current,
        location: h.location,
        evidence: header_evidence(l),
        ..Position::default()
    }
}

/// "在某某网络有限公司担任测试实习生，负责…", "就职于某某科技有限公司，担任后端工程师":
/// a Chinese header field that is a sentence stating employer and title — a workplace cue
/// (`lex:join-cue`, `lex:locative-cue`), the organisation, a title cue (`lex:body-title-cue`)
/// and the title, in the first clause or the title opening the second. The organisation must
/// read as one (a legal form or organisation word at its end, or a known name) and the
/// title as a title.
fn employment_clause(part: &str, words: &Words) -> Option<(String, String)> {
    let mut clauses = part
        .split(['，', '；', ',', ';', '。'])
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let first = clauses.next()?;
    let cue = words
        .workplace_cues
        .iter()
        .find(|c| first.starts_with(c.as_str()))?;
    let rest = first[cue.len()..].trim();
    let org_ok = |o: &str| {
        let n = o.chars().count();
        (2..=30).contains(&n)
            && o.chars().any(super::is_han)
            && words.org_strength(o) >= 2
            && words.title_strength(o) == 0
    };
    let title_ok = |t: &str| (2..=24).contains(&t.chars().count()) && words.title_strength(t) >= 2;
    // Every place a title cue occurs, left to right: the first that splits the clause into
    // an organisation and a title.
    let mut cuts: Vec<(usize, usize)> = words
        .body_title_cues
        .iter()
        .flat_map(|c| {
            rest.match_indices(c.as_str())
                .map(|(i, m)| (i, i + m.len()))
        })
        .collect();
    cuts.sort_by_key(|&(i, end)| (i, std::cmp::Reverse(end)));
    for (i, end) in cuts {
        let (o, t) = (rest[..i].trim(), rest[end..].trim());
        if org_ok(o) && title_ok(t) {
            return Some((o.to_owned(), t.to_owned()));
        }
    }
    let org = words
        .work_verbs
        .iter()
        .find_map(|v| rest.strip_suffix(v.as_str()))
        .unwrap_or(rest)
        .trim();
    let next = clauses.next()?;
    let cue = words
        .body_title_cues
        .iter()
        .filter(|c| next.starts_with(c.as_str()))
        .max_by_key(|c| c.len())?;
    let title = next[cue.len()..].trim();
    (org_ok(org) && title_ok(title)).then(|| (org.to_owned(), title.to_owned()))
}

/// "任职某某科技，主导推荐平台建设": a Chinese header field that is a clause, not a name
/// (an organisation's name has no clause comma). Its first clause, less the cue that opens
/// it ("任职", "就职于", "在": `lex:join-cue`, `lex:locative-cue`) and a work verb that
/// closes it ("在某某科技工作": `lex:work-verb`), names the employer — unless what is left
/// reads as a title ("任职技术经理，…").
fn employer_in_clause(part: &str, words: &Words) -> Option<String> {
    let (first, _) = part.split_once(['，', '；'])?;
    let first = first.trim();
    let cue = words
        .workplace_cues
        .iter()
        .find(|c| first.starts_with(c.as_str()))?;
    let mut name = first[cue.len()..].trim();
    if let Some(v) = words.work_verbs.iter().find(|v| name.ends_with(v.as_str())) {
        name = name[..name.len() - v.len()].trim();
    }
    let n = name.chars().count();
    ((2..=30).contains(&n)
        && name.chars().any(super::is_han)
        && !name.contains([',', '，', '、', '。'])
        && words.title_strength(name) == 0)
        .then(|| name.to_owned())
}

/// A dated line whose first field names a piece of work, not an employer ("2012-10 至
/// 2013-12  某某识别系统（某某项目）  核心成员": `lex:work-item-end-zh`, brackets aside): under a
/// work heading it is a project of the entry above it.
fn names_work_item(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    let rest = header_rest(l, r);
    let parts = split_parts(&rest);
    let Some(first) = parts.first() else {
        return false;
    };
    let name = strip_parenthetical(first).trim();
    // A known organisation inside the name is the customer ("某某制药某药品网站").
    name.chars().any(super::is_han)
        && words
            .work_item_ends_zh
            .iter()
            .any(|w| name.ends_with(w.as_str()))
}

/// A header line without the section's name in a left column before it ("经验  某某公司
/// 2013-10 至 2014-4", a sidebar layout printing the heading beside the first entry).
fn without_section_cell(before: &str) -> &str {
    match split_at_gap(before) {
        Some((cell, rest)) if !rest.trim().is_empty() && heading_of(cell).is_some() => rest,
        _ => before,
    }
}

/// Text before a date range without the word that introduces the dates ("From Jan 2009
/// to May 2009", "Period: 2019 – 2021"): that word is no field of the header.
fn without_date_lead(before: &str) -> &str {
    const LEADS: [&str; 6] = ["from", "during", "between", "period", "duration", "dates"];
    let t = before.trim_end_matches([':', '：', ' ']);
    let Some(last) = t.split_whitespace().last() else {
        return before;
    };
    if LEADS.iter().any(|w| w.eq_ignore_ascii_case(last)) {
        t[..t.len() - last.len()].trim_end()
    } else {
        before
    }
}

/// Whether a dated line is a position header (not a sentence that mentions a year).
fn is_header_line(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    let date_len = r.end_offset.saturating_sub(r.start_offset);
    let rest_chars = visible_len(&l.text).saturating_sub(date_len);
    // Dates at either end of the line, brackets around them aside ("…（2019.5 – 2020.11）").
    let (lead, trail) = around_dates(l, r);
    let bracket = |c: char| "()（）[]【】 ".contains(c);
    // "Java Consultant: Dec. 2004 – Present, Eurokas, Cleveland, OH": a short lead that a
    // colon sets apart from the dates.
    // (Latin only: "李文华：2006年8月-…" opens a Chinese bio sentence.)
    let colon_lead = lead.trim_end().ends_with(':')
        && !lead.chars().any(super::is_han)
        && lead.split_whitespace().count() <= 6
        && lead.chars().count() <= 60;
    let at_an_end = lead.trim_matches(bracket).chars().count() <= 2
        || trail.trim_matches(bracket).chars().count() <= 2;
    let starts_or_ends = at_an_end || colon_lead;
    (l.md_level > 0
        || !l.bullet
        || l.section == Section::Projects
        || bold_lead(l)
        || at_an_end && header_item(l, r, words))
        && rest_chars <= 120
        && (starts_or_ends || l.text.contains('|') || l.text.contains("  "))
        && !rest_is_sentence(l, r, words)
        && !citation_like(&l.text)
}

/// A bibliographic reference ("Journal of X, 50(12):118–128, December 2015", "In
/// Proceedings of …, pages 588–599. Springer, 2012"): a publication listed where no
/// heading set it apart, not an entry header. Recognised by a volume(issue) or a
/// volume:page pair, a page range after "pp."/"pages", or "In Proceedings".
fn citation_like(text: &str) -> bool {
    let b = text.as_bytes();
    let volume_issue = b.windows(3).enumerate().any(|(i, w)| {
        w[0].is_ascii_digit()
            && w[1] == b'('
            && w[2].is_ascii_digit()
            && text[i + 2..]
                .find(')')
                .is_some_and(|j| text[i + 2 + j + 1..].starts_with(':'))
    });
    let lower = text.to_ascii_lowercase();
    let pages = ["pp. ", "pages "].iter().any(|cue| {
        lower.match_indices(cue).any(|(i, _)| {
            lower[i + cue.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
    });
    volume_issue || pages || lower.contains("in proceedings of")
}

/// A list item that is an entry header itself: Word and HTML résumés often make every entry
/// a list item ("• Senior Engineer, Acme, Boston, MA (Mar 2015 – Present)", "• 某某科技有限公司
/// 2020.6 ～ 至今"). Only a short item (its dates at one end, checked by the caller), no
/// sentence, not nested under another item (a nested item is a detail of the entry above),
/// whose first part is certainly an employer or, in Latin text, that is drawn bold or has a
/// part ending with a job title word.
fn header_item(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    const MAX_CHARS: usize = 80;
    const MAX_WORDS: usize = 12;
    let (before, after) = header_fields(l, r);
    let rest = format!("{before}  {after}");
    let parts = split_parts(&rest);
    let clause_header = clause_beside_title(&parts, words);
    // The brackets that held the dates ("…, Austin, TX (Summer 2009)") are no words.
    let words_in_rest = rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    l.indent < 2
        && visible_len(&rest) <= MAX_CHARS
        && words_in_rest <= MAX_WORDS
        && !rest.trim_end().ends_with(['.', ';'])
        // Chinese clause punctuation: a sentence ("在某公司担任实习生，主要负责…"), not fields —
        // unless columns set the clause apart from a title ("任职某某科技，主导…  资深工程师").
        && (!rest.contains(['，', '。', '；']) || clause_header)
        && (clause_header
            || employer_first(&parts, words)
            // In Chinese lists a project item ends with the role too ("…系统 核心开发人员"):
            // there only a legal form or a known organisation makes the item an entry.
            || !rest.chars().any(super::is_han)
                && (l.bold
                    || parts
                        .iter()
                        .flat_map(|p| p.split(','))
                        .any(|p| words.title_strength(p) >= 3)))
}

/// Columns holding a clause that names an employer ([`employer_in_clause`]) and, apart from
/// it, a title ("任职某某科技，主导…建设  资深工程师"): a header, not a sentence.
fn clause_beside_title(parts: &[String], words: &Words) -> bool {
    let clause = |p: &String| p.contains(['，', '。', '；']);
    let mut clauses = parts.iter().filter(|p| clause(p));
    let one_employer = match (clauses.next(), clauses.next()) {
        (Some(c), None) => employer_in_clause(c, words).is_some(),
        _ => false,
    };
    one_employer
        && parts
            .iter()
            .any(|p| !clause(p) && words.title_strength(p) >= 2)
}

/// A list item that opens with bold text ("* **Senior Engineer**, Acme (2019 - 2021)"):
/// in Markdown résumés the entry headers are list items themselves.
fn bold_lead(l: &Line<'_>) -> bool {
    let raw = l.raw.trim_start();
    let item = raw
        .strip_prefix(['-', '*', '+', '•'])
        .map_or(raw, str::trim_start);
    item.starts_with("**") || item.starts_with("__")
}

/// The non-date text of a dated line reads as a sentence ("since May 2017 as a Subject
/// Matter Expert to Jan 2018 and …"): many words, no column separators, or it starts with
/// a lowercase word.
fn rest_is_sentence(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    let before = l.text.get(..r.start_offset).unwrap_or("").trim();
    let after = l.text.get(r.end_offset..).unwrap_or("").trim();
    let columns = ['|', '｜', '\t'];
    if l.text.contains(columns) || l.text.contains("  ") {
        return false;
    }
    let latin = |s: &str| !s.chars().any(super::is_han);
    let words_in = |s: &str| s.split_whitespace().count();
    let lower_start = |s: &str| {
        s.split_whitespace().next().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && !w.contains(['(', ')'])
        })
    };
    let spaced_dash = |s: &str| s.contains(" - ") || s.contains(" – ") || s.contains(" — ");
    // "… joined the Platform Group of Acme to January 2017": a preposition right before
    // the dates belongs to a sentence.
    // A short title before it ("Line cook from 2017 – 2019") is a role, not a sentence.
    let (lead, last) = before.rsplit_once(' ').unwrap_or(("", before));
    let titled_lead = lead.split_whitespace().count() <= 4 && words.title_strength(lead) >= 3;
    let preposition_before =
        !titled_lead && ["to", "from", "since", "until", "till", "in", "on"].contains(&last);
    preposition_before
        || (latin(before) && words_in(before) + words_in(after) > 12 && !spaced_dash(&l.text))
        || latin(after) && lower_start(after) && words_in(after) > 2
        || latin(before) && lower_start(before) && words_in(before) > 3
}

/// A dated line whose first other part is certainly an employer: a known organisation or a
/// legal form ("… Co., Ltd.", "…有限公司").
fn employer_header(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    employer_first(&split_parts(&header_rest(l, r)), words)
}

/// Whether the first of a header's parts is certainly an employer (not a school).
fn employer_first(parts: &[String], words: &Words) -> bool {
    parts
        .first()
        .is_some_and(|p| words.org_strength(strip_parenthetical(p)) >= 3 && !words.is_school(p))
}

/// A date range alone on its line right under a job title ("MARKETING ASSISTANT" over
/// "June 2008 - Present"): an entry header, in whatever section a two-column page's
/// reading order put it.
fn dated_title_above(lines: &[Line<'_>], i: usize, r: &DateRange, words: &Words) -> bool {
    if !header_rest(&lines[i], r).trim().is_empty() {
        return false;
    }
    let Some(k) = (0..i).rev().find(|&k| !lines[k].text.trim().is_empty()) else {
        return false;
    };
    let above = &lines[k];
    let t = above.text.trim();
    !above.is_heading
        && header_like(above)
        && words.title_strength(t) >= 3
        && t.split_whitespace().count() <= 6
        && dates::find_date_ranges(t).is_empty()
}

/// Under a projects heading in a résumé without a work section, a dated entry header
/// "Org | Title | dates" names an employer: its first part is a known organisation or a
/// legal form, or the entry is a top-level line whose first part is no system or school
/// and whose second part ends with a title word ("Acme | 高级顾问 | 2019 – 2021").
fn employer_entry_in_projects(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    if employer_header(l, r, words) {
        return true;
    }
    let parts = split_parts(&header_rest(l, r));
    let [first, second, ..] = parts.as_slice() else {
        return false;
    };
    let top_level = l.md_level > 0 || !l.bullet;
    top_level
        && words.title_strength(second) >= 3
        && words.title_strength(first) == 0
        && !words.is_system(first)
        && !words.is_school(first)
}

/// In the header (before any heading), a dated line is an entry only when the rest of it
/// reads like an entry header, not a sentence of the profile ("… 2015 till date.").
fn header_section_ok(l: &Line<'_>, r: &DateRange, words: &Words) -> bool {
    if l.section != Section::Header {
        return true;
    }
    let before = l.text.get(..r.start_offset).unwrap_or("");
    let after = l.text.get(r.end_offset..).unwrap_or("");
    let rest = format!("{} {}", before.trim(), after.trim());
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    let sentence = rest.ends_with('.') || rest.contains(". ") || rest.starts_with(')');
    let shaped = rest.contains('|')
        || split_parts(rest)
            .iter()
            .any(|p| words.title_strength(p) >= 2 || words.org_strength(p) >= 2);
    !sentence && rest.chars().count() <= 80 && shaped
}

/// The sentence that starts on line `i`, with the lines it wraps onto: a line that does not
/// end a sentence continues on the next when that one is plain text of the same section
/// starting in lower case or with a digit ("…, Bangalore from July" / "2009."). At most
/// two more lines.
fn sentence_from<'a>(lines: &'a [Line<'_>], i: usize) -> std::borrow::Cow<'a, str> {
    let mut text = std::borrow::Cow::Borrowed(lines[i].text.as_str());
    for next in lines.iter().skip(i + 1).take(2) {
        let ends = text.trim_end().ends_with(['.', ';', ':', '!', '?']);
        let continues = next
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if ends || !continues || next.is_heading || next.bullet || next.section != lines[i].section
        {
            break;
        }
        let joined = text.to_mut();
        joined.push(' ');
        joined.push_str(next.text.trim());
    }
    text
}

/// Words that end a title or an organisation in a sentence.
const PROSE_STOPS: &[&str] = &[
    "at", "in", "with", "for", "from", "since", "on", "under", "through", "during", "till",
    "until", "to", "and", "where", "as", "via", "of",
];

/// "Worked as Software Engineer with Acme Corporation Limited from Dec 2015 to Sep 2016",
/// "Currently working as a Developer in Foo Technologies, Bangalore from July 2009",
/// "Worked for National Informatics Centre under multiple payrolls from Apr 2014 to Oct
/// 2015": a position stated in a sentence. Without dates, only a title together with a
/// clearly named organisation counts.
fn prose_position(l: &Line<'_>, text: &str, words: &Words) -> Option<Position> {
    // ASCII case folding keeps every byte offset of `text` (the cues are English words).
    let lower = text.to_ascii_lowercase();
    let cue_at = words
        .employment_verbs_en
        .iter()
        .filter_map(|verb| {
            let c = format!("{verb} ");
            lower.match_indices(&c).find_map(|(i, _)| {
                let word_start = i == 0 || !lower[..i].ends_with(|c: char| c.is_alphanumeric());
                word_start.then_some(i + c.len())
            })
        })
        .min()?;
    let tokens: Vec<(usize, &str)> = text[cue_at..]
        .split(' ')
        .scan(cue_at, |at, w| {
            let i = *at;
            *at += w.len() + 1;
            Some((i, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut k = 0;
    let mut title: Option<String> = None;
    if tokens.first().is_some_and(|(_, w)| bare(w) == "as") {
        k = 1;
        if tokens
            .get(k)
            .is_some_and(|(_, w)| matches!(bare(w).as_str(), "a" | "an" | "the"))
        {
            k += 1;
        }
        let from = k;
        while k < tokens.len() && !PROSE_STOPS.contains(&bare(tokens[k].1).as_str()) {
            // "Sr.", "Asst.": a short word's full stop abbreviates it.
            let w = tokens[k].1;
            let ends = w.ends_with([',', ';', ')']) || w.ends_with('.') && bare(w).len() > 4;
            k += 1;
            if ends {
                break;
            }
        }
        let t = tokens[from..k]
            .iter()
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ");
        let t = t.trim_end_matches([',', '.', ';']).trim().to_owned();
        if words.title_strength(&t) >= 2 && t.split_whitespace().count() <= 7 {
            title = Some(t);
        }
    }
    // Organisations: capitalised runs after "at / in / with / for"; the first clearly
    // named one wins, else the first.
    let mut orgs: Vec<String> = Vec::new();
    let mut j = k;
    while j < tokens.len() {
        let w = bare(tokens[j].1);
        if ["at", "in", "with", "for"].contains(&w.as_str()) {
            let mut run: Vec<&str> = Vec::new();
            let mut m = j + 1;
            while m < tokens.len() {
                let raw = tokens[m].1;
                let cap = raw
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '(');
                let joiner = ["of", "and", "&"].contains(&raw) && !run.is_empty();
                if !(cap || joiner) {
                    break;
                }
                run.push(raw);
                m += 1;
                if raw.ends_with([',', ';']) || raw.ends_with('.') && bare(raw).len() > 4 {
                    break;
                }
            }
            while run.last().is_some_and(|w| ["of", "and", "&"].contains(w)) {
                run.pop();
            }
            let o = run.join(" ");
            let o = o.trim_end_matches([',', ';', '.']).trim().to_owned();
            // "with Acme client in …": a customer or partner is not the employer.
            let client = !run.last().is_some_and(|w| w.ends_with([',', ';', '.']))
                && tokens
                    .get(m)
                    .is_some_and(|(_, w)| words.client_words_en.contains(&bare(w)));
            if !o.is_empty() && !client && plausible_org(&o) {
                orgs.push(o);
            }
            j = m.max(j + 1);
        } else {
            j += 1;
        }
    }
    // The employer written with its legal form ("… in Google - Ads Support at Larch India Pvt.
    // Ltd."), else the first clearly named one, else the first.
    let org = orgs
        .iter()
        .find(|o| words.has_legal_form(o))
        .or_else(|| orgs.iter().find(|o| words.org_strength(o) >= 2))
        .or(orgs.first())
        .cloned();
    let range = ["from ", "since ", "during "].iter().find_map(|c| {
        let mut i = lower[cue_at..].find(c)? + cue_at + c.len();
        // "from 3rd March, 2016": the day before the month.
        let day = text.get(i..).unwrap_or("").split(' ').next().unwrap_or("");
        let digits = day.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) && ["st", "nd", "rd", "th"].contains(&&day[digits..]) {
            i += day.len() + 1;
        }
        let r = dates::find_date_ranges(text.get(i..)?).into_iter().next()?;
        (r.start_offset <= 2).then_some((r, *c == "since "))
    });
    let clear_org = org
        .as_deref()
        .is_some_and(|o| words.org_strength(o) >= 2 && words.title_strength(o) < 2);
    match (&range, &title, &org) {
        (Some(_), _, Some(o)) if words.title_strength(o) < 2 => {}
        (None, Some(_), Some(_)) if clear_org => {}
        _ => return None,
    }
    let mut pos = Position {
        title,
        evidence: header_evidence(l),
        ..Position::default()
    };
    if let Some((r, since)) = range {
        let (start, end, current) = range_iso(&r);
        pos.start = start;
        pos.end = end;
        pos.current = current || since && r.end.is_none();
    }
    if let Some(o) = org {
        set_org(&mut pos, &o);
    }
    Some(pos)
}

/// An undated entry whose fields are separated by blank lines: a title line, then an
/// organisation line, then the description ("Associate Software Engineer" / "" / "oracle"
/// / "" / "• …"). Returns the organisation line's index.
fn undated_block(lines: &[Line<'_>], i: usize, words: &Words) -> Option<usize> {
    let l = &lines[i];
    if l.section != Section::Experience || !header_like(l) || words.title_strength(&l.text) < 3 {
        return None;
    }
    let blank_before = i == 0 || lines[i - 1].text.is_empty() || lines[i - 1].is_heading;
    let next = |from: usize| -> Option<(usize, bool)> {
        let mut k = from + 1;
        let mut blank = false;
        while k < lines.len() && lines[k].text.is_empty() {
            blank = true;
            k += 1;
        }
        (k < lines.len()).then_some((k, blank))
    };
    let (b, blank_ab) = next(i)?;
    let org = &lines[b];
    let (c, blank_bc) = next(b)?;
    let desc = &lines[c];
    let org_ok = (header_like(org)
        || !org.bullet && org.text.chars().count() <= 60 && !org.text.ends_with(['.', ':']))
        && org.text.split_whitespace().count() <= 8
        && words.title_strength(&org.text) < 2
        && dates::find_date_ranges(&org.text).is_empty()
        && plausible_org(&org.text);
    let desc_ok = !header_like(desc) && !desc.is_heading;
    (blank_before && blank_ab && blank_bc && org_ok && desc_ok).then_some(b)
}

/// Entries without dates that the date-driven pass missed: in an experience section, a
/// short line that is a job title and nothing else ("Senior Software Engineer"), with the
/// organisation from an adjacent organisation line ("Acme Technologies Pvt. Ltd.").
fn title_line_positions(lines: &[Line<'_>], used: &[bool], words: &Words) -> Vec<Position> {
    let mut out = Vec::new();
    let mut taken = used.to_vec();
    for (i, l) in lines.iter().enumerate() {
        if taken[i] || l.section != Section::Experience || !header_like(l) {
            continue;
        }
        let t = l.text.trim();
        // "BIRCH DRILLING SERVICES, Field Technician" / "Engineer, Larch Seismic Ltd.": an
        // organisation and a title on one line, in either order.
        if let Some((org, title)) = org_and_title(t, words) {
            let mut pos = Position {
                title: Some(title.to_owned()),
                evidence: header_evidence(l),
                ..Position::default()
            };
            set_org(&mut pos, org);
            taken[i] = true;
            out.push(pos);
            continue;
        }
        let strong = words.title_strength(t) == 3
            && words.org_strength(t) < 2
            && t.split_whitespace().count() <= 7
            && !t.contains(['(', ':', '：'])
            && dates::find_date_ranges(t).is_empty();
        if !strong {
            continue;
        }
        let mut pos = Position {
            title: Some(t.to_owned()),
            evidence: header_evidence(l),
            ..Position::default()
        };
        taken[i] = true;
        let neighbour = |k: usize| {
            let n = &lines[k];
            !taken[k]
                && n.section == Section::Experience
                && header_like(n)
                && dates::find_date_ranges(&n.text).is_empty()
                && words.title_strength(&n.text) < 2
                && (words.org_strength(strip_parenthetical(&n.text)) >= 2
                    || split_parts(&n.text).len() == 2
                        && looks_like_city_region(&split_parts(&n.text)[1]))
        };
        let next = (i + 1..lines.len()).find(|&k| !lines[k].text.is_empty());
        let prev = (0..i).rev().find(|&k| !lines[k].text.is_empty());
        if let Some(k) = next
            .filter(|&k| neighbour(k))
            .or(prev.filter(|&k| neighbour(k)))
        {
            let h = parse_header(&lines[k].text, words);
            if let Some(o) = h.org.filter(|o| plausible_org(o)) {
                set_org(&mut pos, &o);
                pos.location = h.location;
                taken[k] = true;
            }
        }
        out.push(pos);
    }
    out
}

/// A line of two comma-separated fields, one an organisation (a legal form, an organisation
/// word at its end or a known name) and the other a job title ending with its head word.
fn org_and_title<'a>(t: &'a str, words: &Words) -> Option<(&'a str, &'a str)> {
    if t.split_whitespace().count() > 12 || t.ends_with('.') && is_sentence(t) {
        return None;
    }
    let parts = split_outside_brackets(t, ", ");
    let [a, b] = parts[..] else {
        return None;
    };
    let (a, b) = (a.trim(), b.trim().trim_end_matches(';'));
    let org = |x: &str| {
        words.org_strength(x) >= 2
            && words.title_strength(x) < 2
            && !x.contains(". ")
            && !no_organisation(x, words)
    };
    let title = |x: &str| words.title_strength(x) == 3 && words.org_strength(x) < 2;
    if org(a) && title(b) {
        Some((a, b))
    } else if title(a) && org(b) {
        Some((b, a))
    } else {
        None
    }
}

/// Extract experience from the experience/projects sections (and dated header lines elsewhere).
pub fn extract_experience(lines: &[Line<'_>], words: &Words) -> Experience {
    let mut ex = Experience::default();
    let mut scope = Scope::Person;
    let mut system_indent = 0usize;
    let mut system_standalone = false;
    let mut body_lines = 0usize;
    // The last line used by the previous entry's header.
    let mut header_end: Option<usize> = None;
    // Lines already read as part of an undated entry header.
    let mut skip_to: Option<usize> = None;
    // Lines read as parts of entry headers.
    let mut used = vec![false; lines.len()];
    // Whether a heading came after the last position header.
    let mut heading_since_entry = true;
    // The role the current heading implies ("实习经历", "Internships"): an entry under it
    // that prints no title was an internship.
    let mut heading_role: Option<&'static str> = None;
    // Whether the work-experience section has begun.
    let mut seen_work = false;
    // The line whose leading date was taken as the start of the header above it.
    let mut stacked_line: Option<usize> = None;
    // Some résumés list their employers under a projects heading and have no work section.
    let no_work_section = !lines.iter().any(|l| l.section == Section::Experience);
    for (i, l) in lines.iter().enumerate() {
        if l.is_heading {
            scope = Scope::Person;
            heading_since_entry = true;
            heading_role = intern_heading_role(&l.text, words);
            continue;
        }
        // "Last updated: June 2024" dates the document, not an entry (also with the cue and
        // the date in two cells of a table).
        let prev_text = i.checked_sub(1).map_or("", |k| lines[k].text.as_str());
        if l.text.is_empty()
            || super::asof::as_of_date(&l.text).is_some()
            || super::asof::as_of_date(&format!("{prev_text} {}", l.text)).is_some()
        {
            continue;
        }
        let mut ranges: Vec<DateRange> = dates::find_date_ranges(&l.text)
            .into_iter()
            .filter(|r| r.end.is_some() || r.start.month.is_some() || dash_ended(&l.text, r))
            // A single date to the day (a birth date, a publication date) opens no position.
            .filter(|r| r.end.is_some() || r.start.day.is_none())
            .filter(|r| !inside_url(&l.text, r.start_offset))
            .collect();
        if ranges.is_empty() {
            ranges.extend(year_in_column(l));
        }
        if stacked_line == Some(i) {
            // Its leading date closes the range of the header above; the rest is body.
            ranges.retain(|r| !starts_line(&l.text, r));
        } else if let Some((j, end, end_at)) = ranges.first().and_then(|r| wrapped_end(lines, i, r))
        {
            ranges[0].end = Some(end);
            // The dangling dash (and month) belong to the range, not to the header's fields.
            ranges[0].end_offset = ranges[0].end_offset.max(end_at);
            stacked_line = Some(j);
        } else if let Some((j, start)) = ranges.first().and_then(|r| stacked_start(lines, i, r)) {
            let end = ranges[0].start;
            ranges[0].start = start;
            ranges[0].end = Some(DateEnd::Date(end));
            stacked_line = Some(j);
        }
        seen_work |= l.section == Section::Experience;
        // A sub-heading inside an entry ("Accomplishments:", "主要项目") moves the section
        // on; the next employer's dated header brings it back.
        let in_work = matches!(l.section, Section::Experience | Section::Header)
            || seen_work
                && l.section != Section::Education
                && ranges.first().is_some_and(|r| {
                    employer_header(l, r, words) && is_header_line(l, r, words)
                        || dated_title_above(lines, i, r, words)
                })
            || no_work_section
                && l.section == Section::Projects
                && ranges.first().is_some_and(|r| {
                    is_header_line(l, r, words) && employer_entry_in_projects(l, r, words)
                });
        if let Some(r) = ranges.first() {
            let project_line = l.section == Section::Projects && !in_work
                || in_work && names_work_item(l, r, words);
            if project_line && is_header_line(l, r, words) {
                if let Some(mut p) = project_entry(l, &ranges) {
                    p.system = words.is_system(&p.name);
                    p.evidence = header_evidence(l);
                    ex.projects.push(p);
                    scope = Scope::Project(ex.projects.len() - 1);
                    // Text glued after the dates ("…2022.12技术关键词：Go/Redis") is the body.
                    if let Some(after) = l.text.get(r.end_offset..) {
                        if !after.trim().is_empty() {
                            add_facts(&mut ex, scope, l, after, words);
                        }
                    }
                    continue;
                }
            }
            // A form entry ("Company: Acme" … "Time: 2019 – 2021") names its employer itself,
            // even after an in-entry sub-heading ("Achievements:").
            let form_ok = in_work || seen_work && l.section != Section::Education;
            if form_ok && is_label_date_line(l, r) {
                if let Some(pos) = labelled_entry(lines, i, r, &mut used) {
                    used[i] = true;
                    header_end = Some(i);
                    ex.positions.push(pos);
                    scope = Scope::Position(ex.positions.len() - 1);
                    body_lines = 0;
                    continue;
                }
            }
            // A résumé with no work heading at all ("SUMMARY", "ACCOMPLISHMENTS", then its
            // jobs): a dated header in a summary or miscellaneous section is a position when
            // it gives both an employer and a title.
            let headingless = no_work_section
                && !in_work
                && matches!(
                    l.section,
                    Section::Summary | Section::Other | Section::Contact
                );
            if (in_work || headingless)
                && is_header_line(l, r, words)
                && !is_label_date_line(l, r)
                && header_section_ok(l, r, words)
            {
                let used_before = headingless.then(|| used.clone());
                let mut pos = new_position(l, r, words);
                org_place_above(&mut pos, lines, i, r, header_end, words, &mut used);
                let mut used_to = i;
                if pos.organization.is_empty() || pos.title.is_none() {
                    used_to =
                        fill_from_neighbours(&mut pos, lines, i, header_end, words, &mut used);
                }
                if let Some(before) = used_before {
                    let titled = pos
                        .title
                        .as_deref()
                        .is_some_and(|t| words.title_strength(t) >= 2);
                    if pos.organization.is_empty() || !titled {
                        used = before;
                        continue;
                    }
                }
                // A role listed under the previous role's organisation (a promotion, or
                // several roles at one employer): no organisation of its own in reach.
                if pos.organization.is_empty() && pos.title.is_some() && !heading_since_entry {
                    if let Some(org) = employer_above(&ex.positions, &pos) {
                        set_org(&mut pos, &org);
                    }
                }
                heading_since_entry = false;
                used[i] = true;
                header_end = Some(used_to);
                if pos.title.is_none() && !pos.organization.is_empty() {
                    pos.title = heading_role.map(str::to_owned);
                }
                ex.positions.push(pos);
                scope = Scope::Position(ex.positions.len() - 1);
                body_lines = 0;
                continue;
            }
        }
        if in_work || l.section == Section::Summary {
            if let Some(pos) = prose_position(l, &sentence_from(lines, i), words) {
                let same_org = |p: &Position| {
                    p.organization.eq_ignore_ascii_case(&pos.organization)
                        || p.organization_iri.is_some()
                            && p.organization_iri == pos.organization_iri
                };
                let twin = ex
                    .positions
                    .iter()
                    .any(|p| same_org(p) && (p.start == pos.start || pos.start.is_none()));
                if !twin {
                    ex.positions.push(pos);
                    header_end = Some(i);
                }
                used[i] = true;
                continue;
            }
        }
        if skip_to.is_none_or(|k| i > k) {
            if let Some(b) = undated_block(lines, i, words) {
                let mut pos = Position {
                    evidence: header_evidence(l),
                    ..Position::default()
                };
                fill_from_line(&mut pos, &l.text, words, false);
                fill_from_line(&mut pos, &lines[b].text, words, false);
                if !pos.organization.is_empty() && pos.title.is_some() {
                    ex.positions.push(pos);
                    scope = Scope::Position(ex.positions.len() - 1);
                    body_lines = 0;
                    header_end = Some(b);
                    skip_to = Some(b);
                    used[i] = true;
                    used[b] = true;
                    continue;
                }
            }
        }
        if skip_to.is_some_and(|k| i <= k) {
            continue;
        }
        // Position body.
        let current_pos = match scope {
            Scope::Position(p) | Scope::System(p, _, _) => Some(p),
            _ => None,
        };
        if let Some(p) = current_pos {
            body_lines += 1;
            // A body line with dates of its own is another entry, whose title it states.
            if body_lines <= 3 && ex.positions[p].title.is_none() && ranges.is_empty() {
                ex.positions[p].title = title_from_body(&l.text, words);
                // The line is this entry's title, not an entry of its own.
                used[i] |= ex.positions[p].title.is_some();
            }
            if body_lines <= 2 && ex.positions[p].department.is_none() {
                ex.positions[p].department = department_from_body(&l.text, words);
            }
            if let Some((name, after)) = system_start(l) {
                let mut project = Project {
                    name: name.clone(),
                    system: words.is_system(&name) || !l.bullet || after.starts_with(['(', '（']),
                    evidence: l.locate(&name).map(|(a, b)| Evidence {
                        start: a,
                        end: b,
                        text: name.clone(),
                        confidence: 0.7,
                        page: None,
                        bbox: None,
                    }),
                    ..Project::default()
                };
                // "(Go/C++)" right after the name is a technology list.
                if let Some(inner) = after
                    .strip_prefix(['(', '（'])
                    .and_then(|s| s.split([')', '）']).next())
                {
                    project.technologies = find_technologies(inner, true)
                        .into_iter()
                        .map(|s| rebase_skill(s, l))
                        .collect();
                }
                ex.positions[p].projects.push(project);
                let j = ex.positions[p].projects.len() - 1;
                scope = Scope::System(p, j, i);
                system_indent = l.indent;
                system_standalone = !l.bullet;
                add_facts(&mut ex, scope, l, &after, words);
                continue;
            }
            if let Scope::System(_, _, _) = scope {
                let leaves = !system_standalone && l.indent <= system_indent;
                if leaves {
                    scope = Scope::Position(p);
                }
            }
        }
        add_facts(&mut ex, scope, l, &l.text, words);
    }
    let found = title_line_positions(lines, &used, words);
    if !found.is_empty() {
        ex.positions.extend(found);
        ex.positions
            .sort_by_key(|p| p.evidence.as_ref().map_or(usize::MAX, |e| e.start));
    }
    for p in &mut ex.positions {
        split_glued_title(p, words);
    }
    attach_projects(&mut ex);
    drop_group_headers(&mut ex.positions);
    merge_duplicate_positions(&mut ex.positions);
    merge_continued_stints(&mut ex.positions);
    drop_non_positions(&mut ex.positions, words);
    ex
}

/// Whether a date range opens its line ("2017.03 › …").
fn starts_line(text: &str, r: &DateRange) -> bool {
    text.get(..r.start_offset)
        .is_some_and(|b| b.trim().is_empty())
}

/// Dates stacked in a left column, later above earlier: a header line opening with a single
/// date ("2018.03  Engineer @ Acme") over a line opening with an earlier single date followed
/// by a bullet or nothing ("2017.03 › built …"). Returns that line and its date, the start.
fn stacked_start(lines: &[Line<'_>], i: usize, r: &DateRange) -> Option<(usize, PartialDate)> {
    if r.end.is_some() || !starts_line(&lines[i].text, r) {
        return None;
    }
    let (j, next) = next_filled(lines, i)?;
    let below = dates::find_date_ranges(&next.text);
    let d = below.first()?;
    let rest = next.text.get(d.end_offset..)?.trim();
    let bullet_or_nothing = rest.is_empty() || super::layout::clean(rest).3;
    let earlier = (d.start.year, d.start.month) < (r.start.year, r.start.month);
    (d.end.is_none() && starts_line(&next.text, d) && earlier && bullet_or_nothing)
        .then_some((j, d.start))
}

/// "2007      Acme Commerce ------ Boston, MA" among "2009-2011  …" entries: a bare year
/// in the date column of a work section dates a job within that year (start and end).
/// (`dates` takes a bare year for a date only with a range or a cue around it.)
fn year_in_column(l: &Line<'_>) -> Option<DateRange> {
    if l.section != Section::Experience {
        return None;
    }
    let lead = l.text.len() - l.text.trim_start().len();
    let rest = &l.text[lead..];
    let (year, after) = rest.split_at(rest.find(char::is_whitespace)?);
    let column = after.starts_with('\t') || after.starts_with("  ");
    // `parse_date` applies the year window; a month or a day makes it no bare year.
    let start = dates::parse_date(year).filter(|d| column && d.month.is_none())?;
    Some(DateRange {
        start,
        end: Some(DateEnd::Date(start)),
        start_offset: lead,
        end_offset: lead + year.len(),
    })
}

/// Whether the date expression `r` of `text` ends with its dash, the end left unwritten
/// ("2018-   Salsify": `dates` takes such a dash only before a column gap or the line end).
fn dash_ended(text: &str, r: &DateRange) -> bool {
    r.end.is_none()
        && text
            .get(r.start_offset..r.end_offset)
            .and_then(|d| d.trim_end().chars().last())
            .is_some_and(|c| is_range_sep(normalize(c)))
}

/// The first line after line `i` with text, and its index.
fn next_filled<'l, 'a>(lines: &'l [Line<'a>], i: usize) -> Option<(usize, &'l Line<'a>)> {
    lines
        .iter()
        .enumerate()
        .skip(i + 1)
        .find(|(_, n)| !n.text.trim().is_empty())
}

/// A range wrapped in a narrow column: the start and its dash end one line ("… 2014.04-",
/// or "… (Oct 2015 - Oct" with the end's month), the end stands alone on the next
/// ("2016.07", "至今", "Present)", "2017)"). Returns that line, the end, and where the
/// range ends on line `i`.
fn wrapped_end(lines: &[Line<'_>], i: usize, r: &DateRange) -> Option<(usize, DateEnd, usize)> {
    if r.end.is_some() {
        return None;
    }
    let text = &lines[i].text;
    if let Some(found) = wrapped_end_beside_fields(lines, i, r) {
        return Some(found);
    }
    let dangling = text.get(r.end_offset..)?.trim();
    let dash_taken = dangling.is_empty() && dash_ended(text, r);
    // "(Oct 2015 - Oct" / "2017)": the end's month stayed on the line, its year wrapped.
    let mut rest = dangling.chars();
    let month_left = rest.next().is_some_and(|c| is_range_sep(normalize(c))) && {
        let word = rest.as_str().trim();
        (3..=9).contains(&word.len()) && word.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
    };
    if !dash_taken && !month_left && !is_separator_text(dangling) {
        return None;
    }
    let (j, next) = next_filled(lines, i)?;
    let joined = format!(
        "{} {}",
        text.get(r.start_offset..)?.trim_end(),
        next.text.trim()
    );
    let whole = dates::find_date_ranges(&joined).into_iter().next()?;
    let closing = |c: char| c.is_whitespace() || [')', '）', ']', '】'].contains(&c);
    let alone =
        whole.start_offset == 0 && whole.end_offset >= joined.trim_end_matches(closing).len();
    whole
        .end
        .filter(|_| alone)
        .map(|end| (j, end, text.trim_end().len()))
}

/// "January 2019–January  Site Reliability Engineer, Acme" over "2021": a date column too
/// narrow for the range wrapped after the end's month, and the entry's fields sit beside
/// the column, so the month is followed by them. The end is that month of the year that
/// stands alone on the next line.
fn wrapped_end_beside_fields(
    lines: &[Line<'_>],
    i: usize,
    r: &DateRange,
) -> Option<(usize, DateEnd, usize)> {
    let text = &lines[i].text;
    let after = text.get(r.end_offset..)?;
    let sep = after.trim_start();
    let mut chars = sep.chars();
    if !chars.next().is_some_and(|c| is_range_sep(normalize(c))) {
        return None;
    }
    let month_at = text.len() - chars.as_str().trim_start().len();
    let rest = &text[month_at..];
    let word_len = rest
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '.'))
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    // Fields must follow: a month alone at the line end is `wrapped_end`'s case.
    if !(3..=10).contains(&word_len) || rest[word_len..].trim().is_empty() {
        return None;
    }
    let (j, next) = next_filled(lines, i)?;
    let year = next.text.trim().trim_end_matches([')', '）']);
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let end = dates::parse_date(&format!("{word} {year}")).filter(|d| d.month.is_some())?;
    let later = (end.year, end.month) >= (r.start.year, r.start.month);
    later.then_some((j, DateEnd::Date(end), month_at + word_len))
}

/// Whether byte `at` of `text` lies inside a URL ("https://x.dev/blog/2016/07/27/post"):
/// a path's digits are no dates.
fn inside_url(text: &str, at: usize) -> bool {
    let token_start = text[..at.min(text.len())]
        .rfind(char::is_whitespace)
        .map_or(0, |k| k + 1);
    let token = &text[token_start..];
    let lower = token.get(..8).unwrap_or(token).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.")
}

/// Technologies and metrics of one line into the current scope.
fn add_facts(ex: &mut Experience, scope: Scope, l: &Line<'_>, text: &str, words: &Words) {
    let list = is_tech_list(l, words) || words.starts_with_tech_label(text.trim());
    let techs: Vec<Skill> = find_technologies(text, list)
        .into_iter()
        .map(|s| rebase_skill(s, l))
        .collect();
    let metrics: Vec<Metric> = find_line_metrics(text, list)
        .into_iter()
        .map(|m| rebase_metric(m, l))
        .collect();
    match scope {
        Scope::Person => ex.metrics.extend(metrics),
        Scope::Position(p) => {
            push_unique_skills(&mut ex.positions[p].technologies, techs);
            ex.positions[p].metrics.extend(metrics);
        }
        Scope::System(p, j, _) => {
            let proj = &mut ex.positions[p].projects[j];
            push_unique_skills(&mut proj.technologies, techs);
            proj.metrics.extend(metrics);
        }
        Scope::Project(j) => {
            push_unique_skills(&mut ex.projects[j].technologies, techs);
            ex.projects[j].metrics.extend(metrics);
        }
    }
}

/// Whether a line can be part of an entry header: short, not a bullet, a heading, a
/// sentence, a label or a contact line.
fn header_like(l: &Line<'_>) -> bool {
    // "iOS Developer", "eBay": a capital inside the first word is a name's spelling.
    let first = l.text.split_whitespace().next().unwrap_or("");
    let lower_start = first.chars().next().is_some_and(char::is_lowercase)
        && !first.chars().skip(1).any(char::is_uppercase);
    header_shaped(l) && !lower_start
}

/// [`header_like`], lowercase starts allowed ("software engineer" as a title line).
fn header_shaped(l: &Line<'_>) -> bool {
    let t = l.text.trim();
    if t.chars().filter(|c| c.is_alphabetic()).count() < 2
        || l.is_heading
        || l.bullet
        || visible_len(t) > 100
    {
        return false;
    }
    let last = t.split_whitespace().last().unwrap_or("");
    let last = last.rsplit('-').next().unwrap_or(last);
    // "Acme Pvt. Ltd.", "Graph-Inc." end with an abbreviation, not a full stop.
    let sentence = t.contains(['，', '。', '；'])
        || t.ends_with([';', ':', '：'])
        || t.ends_with('.') && last.chars().filter(|c| c.is_alphabetic()).count() > 4;
    !sentence && t.split_whitespace().count() <= 14 && emails(t).is_empty() && urls(t).is_empty()
}

/// "高级工程师，虚构科技有限公司(，杭州)", "虚构科技有限公司，杭州": an organisation with a
/// title and/or a place, fields that full-width commas separate, each marked as what it is.
/// A full-width comma otherwise makes a line a sentence ("后端负责人，在数据部负责…").
fn marked_fields(text: &str, words: &Words) -> bool {
    if !text.contains('，') {
        return false;
    }
    let fields: Vec<&str> = text.trim().split('，').map(str::trim).collect();
    if !(2..=3).contains(&fields.len()) || fields.iter().any(|f| f.chars().count() > 24) {
        return false;
    }
    let title = |f: &str| words.title_strength(f) >= 2 && words.org_strength(f) < 2;
    let org =
        |f: &str| words.org_strength(strip_parenthetical(f)) >= 2 && words.title_strength(f) == 0;
    fields.iter().any(|f| words.is_place(f) || title(f))
        && fields.iter().any(|f| org(f))
        && fields
            .iter()
            .all(|f| title(f) || org(f) || words.is_place(f))
}

/// A line of [`marked_fields`] that is no list item or heading.
fn marked_header(l: &Line<'_>, words: &Words) -> bool {
    !l.bullet && !l.is_heading && marked_fields(&l.text, words)
}

/// Characters of a text with each run of whitespace counted once: the column gaps of a
/// right-aligned layout ("Backend Engineer", 80 spaces, "Shanghai") do not make a long line.
fn visible_len(t: &str) -> usize {
    let mut n = 0;
    let mut space = false;
    for c in t.chars() {
        let ws = c.is_whitespace();
        if !(ws && space) {
            n += 1;
        }
        space = ws;
    }
    n
}

/// A line that is only a web address.
fn is_url_line(t: &str) -> bool {
    let t = t.trim();
    !t.contains(' ') && urls(t).len() == 1
}

/// Fill a position's missing organisation, title and place from one neighbouring line.
/// Returns whether the line contributed something.
fn fill_from_line(pos: &mut Position, text: &str, words: &Words, strict: bool) -> bool {
    let h = parse_header(text, words);
    let mut used = false;
    if pos.organization.is_empty() {
        if let Some(org) = h.org.as_deref().filter(|o| {
            plausible_org(o)
                && (!strict
                    || words.org_strength(strip_parenthetical(o)) >= 2
                    || h.location.is_some())
        }) {
            set_org(pos, org);
            used = true;
        }
    }
    if pos.title.is_none() {
        if let Some(t) = h
            .title
            .as_deref()
            .filter(|t| !strict || words.title_strength(t) >= 2)
        {
            pos.title = Some(strip_parenthetical(t).to_owned());
            used = true;
        }
    }
    if used && pos.location.is_none() {
        pos.location = h.location;
    }
    used
}

/// A line that can be a job title nothing marks as one: a short capitalised phrase, no
/// list item, date, sentence, label or organisation ("Advertiser", "Floor Supervisor"),
/// and the last line of its header: the body (a list item or a sentence) follows. A place
/// under the organisation ("Mumbai") has another header line after it.
fn plain_title(lines: &[Line<'_>], k: usize, words: &Words) -> bool {
    let l = &lines[k];
    let body_follows = lines[k + 1..]
        .iter()
        .find(|n| !n.text.trim().is_empty())
        .is_some_and(|n| {
            !n.is_heading
                && (n.bullet || n.text.ends_with('.') || n.text.split_whitespace().count() >= 6)
        });
    let t = l.text.trim();
    let n = t.split_whitespace().count();
    body_follows
        && !l.bullet
        && !l.is_heading
        && (1..=5).contains(&n)
        && t.chars().count() <= 50
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ':', ';'])
        && !t.chars().any(|c| c.is_ascii_digit())
        && words.org_strength(t) < 2
        && label_only(t).is_none()
        && !lower_case_phrase(t)
}

/// The field a line names when it holds a field label and nothing else ("Duration",
/// "Job Title:", "公司："): form layouts put the value on the next line.
fn label_only(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_end_matches([':', '：']).trim_end();
    if t.is_empty() || t.chars().count() > 40 {
        return None;
    }
    field_of_label(t)
}

/// Whether a header part can be an organisation name: it has letters, is not a date
/// fragment, a contact detail or a "Label: value" line.
fn plausible_org(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let labelled_value = s
        .split_once([':', '：'])
        .is_some_and(|(label, _)| label.split_whitespace().count() <= 2 && labelled(s).is_none());
    let lower = s.to_lowercase();
    // "9 months", "1year 6months": a duration, not a name.
    let duration = s.chars().any(|c| c.is_ascii_digit())
        && ["month", "year", "yr", "week"]
            .iter()
            .any(|w| lower.contains(w));
    // "Present", "Expected", "January": a date word left over from a date.
    let date_word = dates::parse_date(s).is_some()
        || [
            "present",
            "expected",
            "ongoing",
            "current",
            "till date",
            "to date",
            "summers",
        ]
        .contains(&lower.trim());
    // "(Remote)", "(Full-time)": a note in brackets, not a name.
    let t = s.trim();
    let bracketed =
        (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('（') && t.ends_with('）'));
    letters >= 2
        && !s.contains('@')
        && !labelled_value
        && !duration
        && !date_word
        && !bracketed
        && !is_sentence(t)
        && !lower_case_phrase(strip_parenthetical(t))
}

/// A phrase of running text rather than a name: four or more words, three or more of them
/// lower-case content words ("Collated results and highlighted critical feedback items").
/// Names capitalise most of their words ("Bank of the West", "Miles ford Auto shop").
fn lower_case_phrase(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower_content = words
        .iter()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && !NAME_FUNCTION_WORDS.contains(w)
        })
        .count();
    words.len() >= 4 && lower_content >= 3
}

/// A sentence of a description rather than a name: ends with a full stop and has five or
/// more words, two of them lower-case ("Detection of signals and voice in G.711."), or
/// fewer words ending with a lower-case content word ("Trained a team."): a name's full
/// stop closes an abbreviation ("Birch Co.", "Larch Pvt. Ltd.").
fn is_sentence(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let lower_last = words.last().is_some_and(|w| {
        let w = w.trim_end_matches('.');
        w.chars().count() >= 3
            && w.chars().all(char::is_lowercase)
            && !NAME_FUNCTION_WORDS.contains(&w)
    });
    t.ends_with('.') && (words.len() >= 5 && lower >= 2 || words.len() >= 2 && lower_last)
}

/// Entries that are not employment: a school with no title (an education line read as an
/// entry), or neither organisation nor title.
fn drop_non_positions(positions: &mut Vec<Position>, words: &Words) {
    // A career break is a gap, not an employer; an acquisition note is not part of the name.
    positions.retain(|p| !words.is_career_break(&p.organization));
    // A place, a degree or a fragment of a sentence taken for the organisation is none.
    for p in positions.iter_mut() {
        if !p.organization.is_empty() && no_organisation(&p.organization, words) {
            if p.location.is_none() && words.is_place(&p.organization) {
                p.location = Some(p.organization.clone());
            }
            set_org(p, "");
        }
    }
    for p in positions.iter_mut() {
        let name = words.without_org_note(&p.organization);
        if name.len() < p.organization.len() {
            let name = name.to_owned();
            set_org(p, &name);
        }
    }
    // "Support Engineer @" over the organisation's line: the connector is no part of the
    // title, nor is a trailing colon ("Project Manager:"); "(Designation: Data Intern)"
    // is its value; a date range ("2010-2011") is no title.
    for p in positions.iter_mut() {
        if let Some(t) = p.title.as_mut() {
            let kept = t.trim_end_matches(['@', '＠', ' ', ':', '：']).len();
            if kept > 0 && kept < t.len() {
                t.truncate(kept);
            }
            if let Some(("", v)) = bracketed_title(t) {
                *t = v.to_owned();
            }
        }
        // "Northwind Traders (Designation: Data Intern)": the organisation, then the title.
        if let Some((head, v)) = bracketed_title(&p.organization) {
            let (head, v) = (head.to_owned(), v.to_owned());
            if p.title.is_none() {
                p.title = Some(v);
            }
            set_org(p, &head);
        }
        // "Program Director, Marine Policy. Led the graduate program …": the sentence after the title
        // is its description.
        if let Some(t) = p.title.as_mut() {
            if let Some(cut) = t.find(". ").filter(|&i| {
                let word = t[..i].rsplit(' ').next().unwrap_or("");
                word.chars().count() > 3 && t[i + 2..].split_whitespace().count() >= 3
            }) {
                t.truncate(cut);
            }
        }
        // "Location: Lowtown, India", "Client: …": another field's label and value, no title.
        if let Some((field, v)) = p.title.as_deref().and_then(|t| {
            let (label, v) = t.split_once([':', '：'])?;
            field_of_label(label.trim()).map(|f| (f, v.trim().to_owned()))
        }) {
            if field != "title" {
                p.title = None;
                if field == "location" && p.location.is_none() && !v.is_empty() {
                    p.location = Some(v);
                }
            }
        }
        if p.title
            .as_deref()
            .is_some_and(|t| reads_as_duty(t) || page_number(t))
        {
            p.title = None;
        }
        let no_title = p.title.as_deref().is_some_and(|t| {
            !t.chars().any(char::is_alphabetic)
                || t.bytes().any(|b| b.is_ascii_digit()) && dates::parse_date(t.trim()).is_some()
        });
        if no_title {
            p.title = None;
        }
    }
    // "曾在某公司做过两年测试，负责……": a sentence is no title.
    for p in positions.iter_mut() {
        let sentence = p
            .title
            .as_deref()
            .is_some_and(|t| t.chars().count() > 20 && t.contains(['，', '。', '；']));
        if sentence {
            p.title = None;
        }
    }
    positions.retain(|p| {
        let school = !p.organization.is_empty()
            && (words.is_school(&p.organization) || words.is_known_university(&p.organization));
        let title = p.title.as_deref().is_some_and(|t| !t.trim().is_empty());
        (!school || title)
            && (title
                || !p.organization.is_empty()
                || !p.technologies.is_empty()
                || !p.metrics.is_empty()
                || !p.projects.is_empty())
    });
}

/// A field that is a place and nothing else: a known place ("Leeds", "Pune, India") or a
/// town before a state or country code ("Trenton, NJ").
fn place_only(t: &str, words: &Words) -> bool {
    let t = t.trim().trim_end_matches('/').trim_end();
    if t.contains("  ") || t.contains(['\t', '|']) {
        return false;
    }
    // "NY" (a state code alone, in capitals), "India/ Boston" (places joined by a slash).
    if words.state_codes.iter().any(|c| c == t) {
        return true;
    }
    if t.contains('/') {
        return t
            .split('/')
            .all(|p| !p.trim().is_empty() && words.is_place(p.trim()));
    }
    let town_code = t.split_once(", ").is_some_and(|(town, code)| {
        (2..=3).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_uppercase())
            && looks_like_city_region(t)
            && town.split_whitespace().count() <= 2
    });
    words.is_place(t) || town_code
}

/// What a header's field can be without being an organisation, unless the vocabulary or a
/// legal form says it is one: a place ("Trenton, NJ", "Leeds"), a degree ("Master of
/// Arts, Art History"), or a piece of a sentence cut at a line break ("planning menus,
/// and", "and 2011", "ABET)").
fn no_organisation(org: &str, words: &Words) -> bool {
    let t = org.trim();
    let place = place_only(t, words);
    let degree = (t.contains(" of ") || t.contains(" in ") || t.contains(','))
        && super::degree_level(&t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .is_some();
    let first = t.split_whitespace().next().unwrap_or("");
    let lower_start = first.is_ascii()
        && first.chars().any(|c| c.is_ascii_alphabetic())
        && first.chars().all(|c| !c.is_ascii_uppercase());
    let last = t.split_whitespace().next_back().unwrap_or("");
    let dangling = t.ends_with(',') || DANGLING_WORDS.contains(&last);
    // "January", "Summer": a month or a season alone is a date cut from its year.
    let date_word = !t.contains(' ') && {
        let w = t.trim_end_matches('.').to_ascii_lowercase();
        MONTHS.iter().any(|(m, _)| *m == w) || SEASONS.contains(&w.as_str())
    };
    let unbalanced = t.matches(['(', '（']).count() != t.matches([')', '）']).count()
        || t.starts_with(['(', '（']);
    // "Inc", "Ltd.": a legal form left alone by a comma before it.
    let legal_form_alone = !t.contains(' ') && words.has_legal_form(t);
    // "XXXXXXXX": a name blacked out; "Recently", "Currently": a sentence's first word.
    let placeholder = t.chars().filter(|c| c.is_alphanumeric()).count() >= 3
        && t.chars()
            .all(|c| matches!(c, 'x' | 'X') || !c.is_alphanumeric());
    let time_adverb = words
        .time_adverbs_en
        .contains(&t.trim_end_matches([',', '.']).to_ascii_lowercase());
    if legal_form_alone || placeholder || time_adverb {
        return true;
    }
    if !(place || degree || lower_start || dangling || unbalanced || date_word) {
        return false;
    }
    // A place may hold a known name ("Princeton, NJ"): only a known organisation or a legal
    // form as the whole field outweighs it.
    let strength = words.org_strength(t);
    place && strength < 3
        || (degree || lower_start || dangling || unbalanced || date_word) && strength < 2
}

/// Words that end a piece of a sentence cut at a line break, never a name: conjunctions,
/// prepositions and articles written in lower case ("two summers of fieldwork at").
const DANGLING_WORDS: [&str; 15] = [
    "and", "or", "of", "&", "at", "in", "for", "with", "from", "to", "by", "the", "as", "on", "a",
];

/// A duty written as a sentence, not a title: a verb ending in "-ed" or "-ing" first, then
/// three or more lower-case content words ("Prepared monthly budgets for three
/// departments", "Reviewing supplier invoices for the finance team"). "Acting Director of
/// Operations", "Managing Director" keep their capitals.
fn reads_as_duty(t: &str) -> bool {
    let mut ws = t.split_whitespace();
    let Some(first) = ws.next() else {
        return false;
    };
    let verb = first.len() > 4
        && first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().skip(1).all(|c| c.is_ascii_lowercase())
        && (first.ends_with("ed") || first.ends_with("ing"));
    let lower_content = ws
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !NAME_FUNCTION_WORDS.contains(w)
                && w.chars().count() > 2
        })
        .count();
    verb && lower_content >= 3
}

/// A page's running footer: "Page 2", "Page 1 of 3".
fn page_number(t: &str) -> bool {
    let lower = t.trim().to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("page ") else {
        return false;
    };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(" of ") {
        Some((a, b)) => digits(a.trim()) && digits(b.trim()),
        None => digits(rest.trim()),
    }
}

/// A title in brackets under its label at the end of a field: "X (Designation: Software
/// Intern)" → ("X", "Data Intern"); the head is empty when the brackets are all of it.
fn bracketed_title(s: &str) -> Option<(&str, &str)> {
    let t = s.trim().strip_suffix([')', '）'])?;
    let open = t.rfind(['(', '（'])?;
    let (head, inner) = (t[..open].trim(), &t[open..]);
    let inner = inner.trim_start_matches(['(', '（']);
    let (label, value) = inner.split_once([':', '：'])?;
    (field_of_label(label.trim()) == Some("title") && !value.trim().is_empty())
        .then(|| (head, value.trim()))
}

fn set_org(pos: &mut Position, org: &str) {
    pos.organization = org.to_owned();
    let c = canonical_organization(strip_parenthetical(org));
    pos.organization_label = c.as_ref().map(|c| c.0.clone());
    pos.organization_iri = c.map(|c| c.1);
}

/// A header whose line lacks the title or organisation: they are on the lines just before
/// it ("Software Engineer" / "Example Corp - Pune" / "June 2016 to Present"), or just
/// after a date-only line ("2007 - Present" / "Ryan Motors" / "Automobile Engineer").
/// Lines at or before `floor` belong to the previous entry. Returns the index of the last
/// line used after the header.
fn fill_from_neighbours(
    pos: &mut Position,
    lines: &[Line<'_>],
    i: usize,
    floor: Option<usize>,
    words: &Words,
    used: &mut [bool],
) -> usize {
    let lowest = floor.map_or(0, |f| f + 1);
    let mut taken = 0;
    let mut j = i;
    while j > lowest && taken < 3 && (pos.organization.is_empty() || pos.title.is_none()) {
        j -= 1;
        let l = &lines[j];
        if l.text.trim().is_empty() {
            continue;
        }
        if !l.text.chars().any(char::is_alphanumeric) && !l.is_heading {
            // An empty field ("-" where the organisation would be).
            taken += 1;
            continue;
        }
        if is_url_line(&l.text) || label_only(&l.text).is_some() {
            // A page footer ("https://www.example.com/r/jane-doe") between the fields, or
            // the label of the date below ("Duration" over "2008 – 2010").
            continue;
        }
        // A lowercase line counts when blank lines set it apart as a field of its own.
        let set_apart = (j == 0 || lines[j - 1].text.is_empty())
            && lines.get(j + 1).is_some_and(|n| n.text.is_empty());
        let shaped = if taken < 2 && set_apart {
            header_shaped(l)
        } else {
            header_like(l)
        } || marked_header(l, words);
        // A list ("框架  jQuery, Spring, Android") is no field of a header.
        let list = words.starts_with_tech_label(&l.text)
            || l.text.matches([',', '，', '、']).count() >= 3
                && find_technologies(&l.text, true).len() >= 3;
        if !shaped || list || !dates::find_date_ranges(&l.text).is_empty() {
            break;
        }
        // "Northwind Traders" / "Trenton, NJ" / "2008 – Present": the place line
        // between the date and the organisation is the location, not a field of its own.
        if pos.location.is_none() && place_only(&l.text, words) && words.org_strength(&l.text) < 3 {
            pos.location = Some(l.text.trim().to_owned());
            used[j] = true;
            continue;
        }
        // The two lines nearest the date are the entry's; a third only when it clearly is
        // a title or an organisation.
        let had_org = !pos.organization.is_empty();
        let filled = fill_from_line(pos, &l.text, words, taken >= 2);
        if filled && !had_org {
            if let Some(k) = stronger_org_above(pos, lines, j, lowest, words) {
                used[k] = true;
                taken += 1;
            }
        }
        if !filled
            && had_org
            && pos.title.is_none()
            && taken < 2
            && set_apart
            && words.org_strength(&l.text) < 2
            && l.text.split_whitespace().count() <= 6
        {
            // "SMTS" above "Oracle India - Bengaluru": the other line of the pair is the title.
            pos.title = Some(l.text.trim().to_owned());
        }
        used[j] = true;
        taken += 1;
    }
    let mut last = i;
    let mut k = i + 1;
    let mut ahead = 0;
    // The field a label line just named ("Function" over "Embedded Developer").
    let mut labelled_field = None;
    while k < lines.len() && ahead < 2 && (pos.organization.is_empty() || pos.title.is_none()) {
        let l = &lines[k];
        k += 1;
        // Blank lines, and rows of a table with nothing in them (" | ", a rule).
        if !l.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        if let Some(field) = label_only(&l.text) {
            labelled_field = Some(field);
            used[k - 1] = true;
            continue;
        }
        if let Some(field) = labelled_field.take() {
            let value = l.text.trim();
            let fits = header_like(l) && dates::find_date_ranges(value).is_empty();
            match field {
                "title" if fits && pos.title.is_none() => {
                    pos.title = Some(strip_parenthetical(value).to_owned());
                }
                "org" if fits && pos.organization.is_empty() && plausible_org(value) => {
                    set_org(pos, value);
                }
                "location" if fits && pos.location.is_none() => {
                    pos.location = Some(value.to_owned());
                }
                _ => break,
            }
            last = k - 1;
            used[last] = true;
            continue;
        }
        // ("organisation，place" under the title: the organisation is still to find.)
        let shaped = header_like(l) || pos.organization.is_empty() && marked_header(l, words);
        if !shaped || !dates::find_date_ranges(&l.text).is_empty() {
            break;
        }
        ahead += 1;
        if fill_from_line(pos, &l.text, words, true) || org_place_below(pos, &l.text, words) {
            last = k - 1;
            used[last] = true;
        } else if pos.title.is_none()
            && !pos.organization.is_empty()
            && plain_title(lines, k - 1, words)
        {
            // "2004 – 2007" / "Fleet Signs Ltd." / "Advertiser": the short line under the
            // organisation is the title, though no title word marks it.
            pos.title = Some(l.text.trim().to_owned());
            last = k - 1;
            used[last] = true;
        } else {
            if let Some(m) = org_over_title(pos, lines, k - 1, words) {
                used[k - 1] = true;
                used[m] = true;
                last = m;
            }
            break;
        }
    }
    last
}

/// The title an entry under this heading holds when it prints none: "实习" under
/// "实习经历", "Intern" under "Internships" (`lex:seniority-intern` words).
fn intern_heading_role(heading: &str, words: &Words) -> Option<&'static str> {
    let lower = heading.to_lowercase();
    // Whole words in Latin text ("International" is no "Intern"), plurals too.
    let tokens: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|t| t.strip_suffix('s').unwrap_or(t))
        .collect();
    let intern = words.intern_words.iter().any(|w| {
        let w = w.to_lowercase();
        if w.is_ascii() {
            tokens.contains(&w.as_str())
        } else {
            lower.contains(&w)
        }
    });
    if !intern {
        None
    } else if heading.chars().any(super::is_han) {
        Some("实习")
    } else {
        Some("Intern")
    }
}

/// "D.K. Acme<TAB>Springfield, IL" over "Student Web Project<TAB>Mar 2021 – Jun 2022":
/// the usual Word and LaTeX templates put the organisation and its place on one
/// line, the title and the dates on the next. When the line right above a dated line is a
/// name and a place and nothing else, it is the organisation and the dated line's one field
/// is the title, although no title word marks it — unless that field is an employer itself.
fn org_place_above(
    pos: &mut Position,
    lines: &[Line<'_>],
    i: usize,
    r: &DateRange,
    floor: Option<usize>,
    words: &Words,
    used: &mut [bool],
) {
    let lowest = floor.map_or(0, |f| f + 1);
    let Some(k) = (lowest..i)
        .rev()
        .find(|&k| !lines[k].text.trim().is_empty())
    else {
        return;
    };
    let above = &lines[k];
    // (Its shape is judged on its parts: leaders can make the line itself long.)
    if used[k]
        || above.bullet
        || above.is_heading
        || !dates::find_date_ranges(&above.text).is_empty()
    {
        return;
    }
    let parts: Vec<String> = split_parts(&above.text)
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    if parts
        .iter()
        .any(|p| p.chars().count() > 80 || is_sentence(p))
    {
        return;
    }
    let (name, place) = match parts.as_slice() {
        [name, place] if looks_like_city_region(place) => (name, Some(place)),
        // "Acme Co.. . . . . ." alone: an employer certainly (a legal form or a known
        // name), beside which the dated line's field can only be the role.
        [name] if words.org_strength(strip_parenthetical(name)) >= 3 => (name, None),
        _ => return,
    };
    let own = split_parts(&header_rest(&lines[i], r));
    let own: Vec<&String> = own.iter().filter(|p| !p.is_empty()).collect();
    let [field] = own.as_slice() else {
        return;
    };
    let fits = plausible_org(name)
        && words.title_strength(name) == 0
        && words.org_strength(strip_parenthetical(field)) < 3
        && (words.title_strength(field) > 0 || !looks_like_city_region(field));
    if fits {
        set_org(pos, name);
        pos.title = Some(strip_parenthetical(field).trim_end_matches('.').to_owned());
        if let Some(place) = place {
            pos.location = Some(place.clone());
        }
        used[k] = true;
    }
}

/// Under a header with a title and no organisation: a capitalised name and a place
/// ("Dovetail Studio, Fernhill") is the organisation, although no word marks it as one.
fn org_place_below(pos: &mut Position, text: &str, words: &Words) -> bool {
    if !pos.organization.is_empty() || pos.title.is_none() {
        return false;
    }
    let Some((name, place)) = text.trim().split_once(", ") else {
        return false;
    };
    let fits = capitalised_name(name, 4)
        && capitalised_name(place, 4)
        && words.title_strength(text) == 0
        && plausible_org(name)
        && !is_sentence(text);
    if fits {
        set_org(pos, name);
        pos.location = Some(place.trim().to_owned());
    }
    fits
}

/// "Acme Tools Ltd" / "Fernhill" / "2016 – Present": an organisation just taken from line
/// `j` that nothing marks as one (a bare place name) gives way to the line above it when
/// that one is certainly an organisation; the weaker line becomes the location. Returns the
/// line taken.
fn stronger_org_above(
    pos: &mut Position,
    lines: &[Line<'_>],
    j: usize,
    lowest: usize,
    words: &Words,
) -> Option<usize> {
    let weak = pos.organization.clone();
    if words.org_strength(&weak) > 0 || weak.split_whitespace().count() > 3 || weak.contains(',') {
        return None;
    }
    let k = (lowest..j)
        .rev()
        .find(|&k| !lines[k].text.trim().is_empty())?;
    let above = lines[k].text.trim();
    let fits = header_like(&lines[k])
        && dates::find_date_ranges(above).is_empty()
        && words.org_strength(above) >= 2
        && words.title_strength(above) == 0
        && plausible_org(above);
    if !fits {
        return None;
    }
    set_org(pos, above);
    if pos.location.is_none() {
        pos.location = Some(weak);
    }
    Some(k)
}

/// Under a dated line with neither organisation nor title: a short line the vocabulary does
/// not know right above a line that is certainly a title ("**Acme**" over "后端开发工程师")
/// is the organisation. Returns the title's line.
fn org_over_title(
    pos: &mut Position,
    lines: &[Line<'_>],
    a: usize,
    words: &Words,
) -> Option<usize> {
    if !pos.organization.is_empty() || pos.title.is_some() {
        return None;
    }
    let org = lines[a].text.trim();
    let (m, below) = lines
        .iter()
        .enumerate()
        .skip(a + 1)
        .find(|(_, n)| !n.text.trim().is_empty())?;
    let title = below.text.trim();
    let fits = header_like(below)
        && dates::find_date_ranges(title).is_empty()
        && words.title_strength(title) >= 3
        && plausible_org(org)
        && words.title_strength(org) == 0
        && org.split_whitespace().count() <= 6
        && !is_sentence(org)
        && !org.ends_with(['。', '.', '；', ';', '，']);
    if !fits {
        return None;
    }
    set_org(pos, org);
    pos.title = Some(title.to_owned());
    Some(m)
}

/// A title that carries its organisation: "Engineer @ Acme", "Engineer • Acme",
/// "Acme－Engineer". The part after "@" is the organisation (it replaces one taken from a
/// sentence nearby); with the other separators only when no organisation was found, and
/// only when one part is an organisation and the other a title.
fn split_glued_title(pos: &mut Position, words: &Words) {
    let Some(mut title) = pos.title.clone() else {
        return;
    };
    // "担任技术经理" from a sentence: the verb before the title is not part of it.
    let after_cue = words
        .body_title_cues
        .iter()
        .filter(|c| c.chars().count() >= 2)
        .filter_map(|c| title.strip_prefix(c.as_str()))
        .min_by_key(|rest| rest.len());
    if let Some(rest) = after_cue.filter(|rest| words.title_strength(rest) >= 2) {
        title = rest.trim().to_owned();
        pos.title = Some(title.clone());
    }
    let org_is_prose = pos.organization.chars().count() > 30
        || pos.organization.ends_with(['。', '.'])
        || pos.organization.contains(['，', '、']);
    if let Some((t, o)) = title.split_once(" @ ").or_else(|| title.split_once('@')) {
        let (t, o) = (t.trim(), o.trim());
        if (pos.organization.is_empty() || org_is_prose) && !t.is_empty() && plausible_org(o) {
            pos.title = Some(t.to_owned());
            set_org(pos, o);
        }
        return;
    }
    if !pos.organization.is_empty() {
        return;
    }
    for sep in ['－', '•', '—', '–', '|'] {
        let Some((a, b)) = title.split_once(sep) else {
            continue;
        };
        let (a, b) = (a.trim(), b.trim());
        let pair = if words.org_strength(a) >= 2 && words.title_strength(b) >= 2 {
            Some((b, a))
        } else if words.org_strength(b) >= 2 && words.title_strength(a) >= 2 {
            Some((a, b))
        } else {
            None
        };
        if let Some((t, o)) = pair {
            pos.title = Some(t.to_owned());
            set_org(pos, o);
            return;
        }
    }
}

/// A dated line whose only other text is a label ("Duration: Sep 2013 - Nov 2013"):
/// metadata of the entry above, not a new entry.
fn is_label_date_line(l: &Line<'_>, r: &DateRange) -> bool {
    let before = l.text.get(..r.start_offset).unwrap_or("").trim();
    let after = l.text.get(r.end_offset..).unwrap_or("").trim();
    // "Time | 2019 – 2021", a two-cell table row, only with a dates label: "Acme | 2019 –
    // 2021" is an entry header.
    let dates_label =
        |label: &str| labelled(&format!("{label}:")).is_some_and(|(f, _)| f == "dates");
    let Some((label, _)) = before
        .split_once([':', '：'])
        .or_else(|| {
            before
                .split_once('|')
                .filter(|(label, rest)| rest.trim().is_empty() && dates_label(label.trim()))
        })
        // "Time      2019.03 ~ Now": a printed table cell, the label alone before a column
        // gap ("Duration Sep 2012 - …" with one space is a header whose lead word goes).
        .or_else(|| {
            let raw_before = l.text.get(..r.start_offset).unwrap_or("").trim_start();
            let gap = raw_before.ends_with("  ") || raw_before.ends_with('\t');
            (gap && dates_label(before)).then_some((before, ""))
        })
    else {
        return false;
    };
    after.trim_matches([')', '）', '.', ' ']).is_empty()
        && !label.trim().is_empty()
        && label.split_whitespace().count() <= 2
        && before.split_whitespace().count() <= 5
        && labelled(before).is_none_or(|(field, _)| field == "dates")
}

/// Labelled fields around a "Duration: …" line ("Designation: X" / "Organization: Y" /
/// "Duration: May 2010 - till date" / "Position: Z"): an entry written as a form.
fn labelled_entry(
    lines: &[Line<'_>],
    i: usize,
    r: &DateRange,
    used: &mut [bool],
) -> Option<Position> {
    let mut h = Header::default();
    let mut found: Vec<usize> = Vec::new();
    let near = (i.saturating_sub(4)..i)
        .rev()
        .chain(i + 1..(i + 3).min(lines.len()));
    for k in near {
        let l = &lines[k];
        if l.is_heading || used[k] {
            continue;
        }
        let Some((field, v)) = labelled(&l.text).or_else(|| labelled_by_space(&l.text)) else {
            continue;
        };
        if v.is_empty() || v.chars().count() > 80 {
            continue;
        }
        let slot = match field {
            "org" => &mut h.org,
            "title" => &mut h.title,
            "location" => &mut h.location,
            "department" => &mut h.department,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(v);
            found.push(k);
        }
    }
    // The role stated in the entry's heading beats a "Role:" field that names no title
    // ("Role: Golang development").
    let words = Words::get();
    if h.title
        .as_deref()
        .is_none_or(|t| words.title_strength(t) == 0)
    {
        if let Some((role, from, to)) = role_in_heading(lines, i) {
            h.title = Some(role);
            found.extend(from..=to);
        }
    }
    if h.org.is_none() && h.title.is_none() {
        return None;
    }
    for k in found {
        used[k] = true;
    }
    let (start, end, current) = range_iso(r);
    let mut pos = Position {
        title: h.title,
        department: h.department,
        start,
        end,
        current,
        evidence: header_evidence(&lines[i]),
        ..Position::default()
    };
    if let Some(o) = h.org {
        // "Violet Advertisers, Phoenix, AZ".
        let (org, place) = split_place(&o);
        set_org(&mut pos, &org);
        pos.location = place.or(h.location);
    } else {
        pos.location = h.location;
    }
    Some(pos)
}

/// The role a form entry's own heading states ("### Billing Platform (as a Senior
/// Engineer)"): the nearest line within the few above the entry's date line that says
/// "(as …)", marked as a heading or not (a PDF prints it as plain text), its parenthesis
/// possibly wrapped onto the next line. The search stops at a heading without one.
/// Returns the role and the first and last line that state it.
fn role_in_heading(lines: &[Line<'_>], i: usize) -> Option<(String, usize, usize)> {
    for k in (i.saturating_sub(6)..i).rev() {
        let line = &lines[k];
        let Some(at) = line.text.to_ascii_lowercase().find("(as ") else {
            if line.is_heading || line.md_level > 0 {
                return None;
            }
            continue;
        };
        let mut text = line.text[at + 4..].to_owned();
        let mut last = k;
        if !text.contains(')') && k + 1 < i {
            text.push(' ');
            text.push_str(lines[k + 1].text.trim());
            last = k + 1;
        }
        let inner = text.split(')').next()?.trim();
        let inner = ["a ", "an ", "the "]
            .iter()
            .find_map(|a| inner.strip_prefix(a))
            .unwrap_or(inner)
            .trim();
        return (Words::get().title_strength(inner) >= 2).then(|| (inner.to_owned(), k, last));
    }
    None
}

/// Projects from a projects section go to the position of the same organisation
/// (named in the project) or whose dates contain the project's dates.
fn attach_projects(ex: &mut Experience) {
    let projects = std::mem::take(&mut ex.projects);
    for p in projects {
        let by_org = ex.positions.iter().position(|pos| {
            let org = strip_parenthetical(&pos.organization);
            (!org.is_empty() && p.name.contains(org))
                || pos
                    .organization_label
                    .as_deref()
                    .is_some_and(|l| p.name.contains(l))
        });
        let by_dates = || {
            ex.positions.iter().position(|pos| {
                let (Some(ps), Some(s)) = (&pos.start, &p.start) else {
                    return false;
                };
                let pos_end = pos.end.clone().unwrap_or_else(|| "9999".into());
                let proj_end = p.end.clone().unwrap_or_else(|| "9999".into());
                ps.as_str() <= s.as_str() && proj_end <= pos_end
            })
        };
        match by_org.or_else(by_dates) {
            Some(i) => ex.positions[i].projects.push(p),
            None => ex.projects.push(p),
        }
    }
}

/// Whether two positions' date spans share at least one month (roles held at one
/// employer in turn share the month of the change; a change of employer usually does not).
fn spans_overlap(a: &Position, b: &Position) -> bool {
    match (month_span(a), month_span(b)) {
        (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
        _ => false,
    }
}

/// Whether one span ends the month before the other starts: a promotion's two roles. Only
/// dates to the month count ("2019 – 2020" then "2021 – 2023" may be two employers).
fn spans_adjacent(a: &Position, b: &Position) -> bool {
    let to_month = |p: &Position| {
        [&p.start, &p.end]
            .iter()
            .all(|d| d.as_deref().is_none_or(|d| d.len() >= 7))
    };
    if !to_month(a) || !to_month(b) {
        return false;
    }
    match (month_span(a), month_span(b)) {
        (Some((s1, e1)), Some((s2, e2))) => {
            e2.checked_add(1) == Some(s1) || e1.checked_add(1) == Some(s2)
        }
        _ => false,
    }
}

/// The organisation of a titled role that names none: the previous role's when their dates
/// overlap or one follows the other without a gap (a promotion), or that of an
/// organisation line above ("Acme, Boston  2019 – now" with its roles under it) whose
/// dates contain the role's.
fn employer_above(positions: &[Position], role: &Position) -> Option<String> {
    let prev = positions.last()?;
    if prev.organization.is_empty() {
        return None;
    }
    if spans_overlap(prev, role) || spans_adjacent(prev, role) {
        return Some(prev.organization.clone());
    }
    positions
        .iter()
        .rev()
        .take_while(|p| p.organization == prev.organization)
        .find(|p| p.title.is_none() && span_contains(p, role))
        .map(|p| p.organization.clone())
}

/// Whether `outer`'s dates contain `inner`'s (an open end runs to the present).
fn span_contains(outer: &Position, inner: &Position) -> bool {
    match (month_span(outer), innermost_span(inner)) {
        (Some((s1, e1)), Some((s2, e2))) => s1 <= s2 && e2 <= e1,
        _ => false,
    }
}

/// A position's span at the narrowest its dates allow: a year-only start is its last month
/// and a year-only end its first ("2017 – 2019" fits inside "09/2017 – now" at the
/// precision it was written with).
fn innermost_span(p: &Position) -> Option<(i32, i32)> {
    let s = month_index(p.start.as_deref()?, true)?;
    let e = match (&p.end, p.current) {
        (_, true) | (None, _) => i32::MAX,
        (Some(e), false) => month_index(e, false)?,
    };
    Some((s, e))
}

/// A position's first and last month; an open or current end runs to the present.
fn month_span(p: &Position) -> Option<(i32, i32)> {
    let s = month_index(p.start.as_deref()?, false)?;
    let e = match (&p.end, p.current) {
        (_, true) | (None, _) => i32::MAX,
        (Some(e), false) => month_index(e, true)?,
    };
    Some((s, e))
}

/// An organisation line with the dates of all the roles listed under it ("Acme  2019 –
/// now", then "Senior Engineer  2021 – now", "Engineer  2019 – 2021") is a group, not a
/// position of its own: it goes when a titled role of the same organisation lies within
/// its dates, and its facts go to the first such role.
fn drop_group_headers(positions: &mut Vec<Position>) {
    let mut k = 0;
    while k < positions.len() {
        let g = &positions[k];
        let child = (g.title.is_none() && !g.organization.is_empty())
            .then(|| {
                positions.iter().enumerate().position(|(j, p)| {
                    j != k
                        && p.title.is_some()
                        && p.organization == g.organization
                        && span_contains(g, p)
                })
            })
            .flatten();
        match child {
            Some(c) => {
                let g = positions.remove(k);
                let c = if c > k { c - 1 } else { c };
                let role = &mut positions[c];
                push_unique_skills(&mut role.technologies, g.technologies);
                role.metrics.extend(g.metrics);
                role.projects.extend(g.projects);
            }
            None => k += 1,
        }
    }
}

/// Month number of an ISO date ("2017-03" → 2017*12+2); a year alone is its first or
/// last month.
fn month_index(iso: &str, end: bool) -> Option<i32> {
    let mut it = iso.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: i32 = match it.next() {
        Some(m) => m.parse().ok()?,
        None if end => 12,
        None => 1,
    };
    Some(y * 12 + m - 1)
}

/// One role at one employer listed as consecutive stints (one per project, as job boards
/// export them) is one position: same organisation, same title, dates overlapping or
/// adjoining (within two months). The stints' facts are pooled.
fn merge_continued_stints(positions: &mut Vec<Position>) {
    let key = |p: &Position| -> Option<(String, String)> {
        let org = p
            .organization_iri
            .clone()
            .unwrap_or_else(|| p.organization.trim().to_lowercase());
        // Two untitled entries at one employer (one per project) are one position too.
        let title = p.title.as_deref().unwrap_or("").trim().to_lowercase();
        (!org.is_empty() && p.start.is_some()).then_some((org, title))
    };
    let span = |p: &Position| -> Option<(i32, i32)> {
        let a = month_index(p.start.as_deref()?, false)?;
        let b = if p.current {
            i32::MAX
        } else {
            month_index(p.end.as_deref().unwrap_or(p.start.as_deref()?), true)?
        };
        Some((a, b))
    };
    let mut out: Vec<Position> = Vec::new();
    for p in positions.drain(..) {
        let (Some(k), Some((a, b))) = (key(&p), span(&p)) else {
            out.push(p);
            continue;
        };
        let twin = out.iter_mut().find(|o| {
            key(o).as_ref() == Some(&k)
                && span(o)
                    .is_some_and(|(c, d)| a <= d.saturating_add(2) && c <= b.saturating_add(2))
        });
        match twin {
            Some(o) => {
                let (c, d) = span(o).unwrap_or((a, b));
                if a < c {
                    o.start = p.start.clone();
                }
                if b > d {
                    o.end = p.end.clone();
                    o.current = p.current;
                }
                push_unique_skills(&mut o.technologies, p.technologies);
                o.metrics.extend(p.metrics);
                o.projects.extend(p.projects);
                if o.location.is_none() {
                    o.location = p.location;
                }
            }
            None => out.push(p),
        }
    }
    *positions = out;
}

/// Two titles in the same script that neither contains ("Embedded Engineer", "Software
/// Engineer"): two roles held at once, not one role written in two languages.
fn distinct_roles(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let han = |s: &str| s.chars().any(super::is_han);
    han(&a) == han(&b) && !a.contains(&b) && !b.contains(&a)
}

/// The same position written twice (a bilingual file) becomes one: same canonical
/// organisation and same start date, and no two different titles in one script.
fn merge_duplicate_positions(positions: &mut Vec<Position>) {
    let mut out: Vec<Position> = Vec::new();
    for p in positions.drain(..) {
        let twin = out.iter_mut().find(|o| {
            o.start.is_some()
                && o.start == p.start
                && (o.organization_iri.is_some() && o.organization_iri == p.organization_iri
                    || o.organization == p.organization)
                && !distinct_roles(o.title.as_deref(), p.title.as_deref())
        });
        match twin {
            Some(o) => {
                push_unique_skills(&mut o.technologies, p.technologies);
                for m in p.metrics {
                    if !o
                        .metrics
                        .iter()
                        .any(|x| x.kind == m.kind && x.value == m.value)
                    {
                        o.metrics.push(m);
                    }
                }
                if o.projects.is_empty() {
                    o.projects = p.projects;
                }
                if o.title.is_none() {
                    o.title = p.title;
                }
            }
            None => out.push(p),
        }
    }
    *positions = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_parts() {
        assert_eq!(
            split_parts("AfterSoft | Senior Engineer | Shenzhen |"),
            vec!["AfterSoft", "Senior Engineer", "Shenzhen"]
        );
        assert_eq!(
            split_parts("快手      主站技术部      负责人"),
            vec!["快手", "主站技术部", "负责人"]
        );
        assert_eq!(
            strip_parenthetical("Acme Co., Ltd. (later acquired by Foo)"),
            "Acme Co., Ltd."
        );
        assert_eq!(
            split_parts("Kuaishou — Senior Backend Engineer — Singapore    "),
            vec!["Kuaishou", "Senior Backend Engineer", "Singapore"]
        );
        assert_eq!(
            split_parts("Cisco Systems -  San Jose, CA -"),
            vec!["Cisco Systems", "San Jose, CA"]
        );
        assert_eq!(
            split_parts("Fudan University\tMaster\tSE"),
            vec!["Fudan University", "Master", "SE"]
        );
        // A hyphen inside a word is not a separator.
        assert_eq!(split_parts("Co-founder - Acme"), vec!["Co-founder", "Acme"]);
    }

    fn header(s: &str) -> (Option<String>, Option<String>, Option<String>) {
        let h = parse_header(s, Words::get());
        (h.org, h.title, h.location)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn header_lines() {
        assert_eq!(
            header("Kuaishou — Senior Backend Engineer — Singapore"),
            (
                some("Kuaishou"),
                some("Senior Backend Engineer"),
                some("Singapore")
            )
        );
        assert_eq!(
            header("Meituan | Senior Backend Engineer | Beijing |"),
            (
                some("Meituan"),
                some("Senior Backend Engineer"),
                some("Beijing")
            )
        );
        assert_eq!(
            header("ByteDance - Site Reliability Engineer -"),
            (some("ByteDance"), some("Site Reliability Engineer"), None)
        );
        assert_eq!(
            header("Contoso Cloud - Systems Engineer"),
            (some("Contoso Cloud"), some("Systems Engineer"), None)
        );
        // Title first, organisation second.
        assert_eq!(
            header("SALES ENGINEER - CONCEPT TECHNOLOGY SOLUTION"),
            (
                some("CONCEPT TECHNOLOGY SOLUTION"),
                some("SALES ENGINEER"),
                None
            )
        );
        // One part holding several fields.
        assert_eq!(
            header("Alibaba Senior Backend Engineer"),
            (some("Alibaba"), some("Senior Backend Engineer"), None)
        );
        assert_eq!(
            header("Backend Engineer at Tencent"),
            (some("Tencent"), some("Backend Engineer"), None)
        );
        assert_eq!(
            header("Automotive Service Technician, Lamborghini Diagnostic Center"),
            (
                some("Lamborghini Diagnostic Center"),
                some("Automotive Service Technician"),
                None
            )
        );
        assert_eq!(
            header("TAROKO TECHNOLOGIES, San Francisco, CA"),
            (some("TAROKO TECHNOLOGIES"), None, some("San Francisco, CA"))
        );
        assert_eq!(
            header("Social Media Manager"),
            (None, some("Social Media Manager"), None)
        );
        assert_eq!(
            header("Infosys Limited"),
            (some("Infosys Limited"), None, None)
        );
        assert_eq!(header("Seattle, WA"), (None, None, some("Seattle, WA")));
        // Job-board company line: the part after the organisation is its place.
        assert_eq!(
            header("Infosys LTD -  London -"),
            (some("Infosys LTD"), None, some("London"))
        );
        // Labelled parts and Chinese columns.
        assert_eq!(header("公司：字节跳动"), (some("字节跳动"), None, None));
        let h = parse_header("美团      基础架构部      技术专家", Words::get());
        assert_eq!(
            (
                h.org.as_deref(),
                h.department.as_deref(),
                h.title.as_deref()
            ),
            (Some("美团"), Some("基础架构部"), Some("技术专家"))
        );
    }

    fn line(text: &str, section: Section) -> Line<'_> {
        Line {
            start: 0,
            raw: text,
            text: text.to_owned(),
            indent: 0,
            md_level: 0,
            bold: false,
            bullet: false,
            section,
            is_heading: false,
        }
    }

    #[test]
    fn prose_positions() {
        let w = Words::get();
        let prose = |text: &str| prose_position(&line(text, Section::Experience), text, w);
        let p = prose(
            "Worked as Software Engineer with Larchmont Widgets Corporation Limited from Dec' 2015 to Sept' 2016",
        )
        .expect("a position");
        assert_eq!(p.organization, "Larchmont Widgets Corporation Limited");
        assert_eq!(p.title.as_deref(), Some("Software Engineer"));
        assert_eq!(
            (p.start.as_deref(), p.end.as_deref()),
            (Some("2015-12"), Some("2016-09"))
        );
        let p = prose(
            "Currently working as a Software Engineer in Foo Technologies, Bangalore from July 2009.",
        )
        .expect("a position");
        assert_eq!(p.organization, "Foo Technologies");
        assert_eq!(p.start.as_deref(), Some("2009-07"));
        let p =
            prose("Working as Sr. Java programmer for Foo Solutions Ltd., Pune, from April 2010")
                .expect("a position");
        assert_eq!(p.title.as_deref(), Some("Sr. Java programmer"));
        let p = prose(
            "Worked for Northwind Widget Centre under multiple payrolls from Apr' 2014 to Oct' 2015",
        )
        .expect("a position");
        assert_eq!(p.organization, "Northwind Widget Centre");
        assert_eq!(p.title, None);
        // A sentence about work that names no employer and no dates.
        assert!(prose("Worked on the billing system in Go.").is_none());
        // A customer named beside the employer; the employer written with its legal form.
        let p = prose(
            "Working as QA analyst with Amazon client in Northwind Technologies Pvt. Ltd. from March 2017 to date.",
        )
        .expect("a position");
        assert_eq!(p.organization, "Northwind Technologies Pvt. Ltd");
        let p = prose(
            "Working in Google - Ads Support (Tier 2) at Larch India Private Ltd., Pune from 3rd March, 2016 till date.",
        )
        .expect("a position");
        assert_eq!(p.organization, "Larch India Private Ltd");
        assert_eq!(p.start.as_deref(), Some("2016-03"));
        assert!(p.current);
        // A letter whose lower case is longer ("İ") before the cue shifts no offset.
        let p = prose(
            "İİİ office: Worked as Software Engineer with Larchmont Widgets Corporation Limited from Dec' 2015",
        )
        .expect("a position");
        assert_eq!(p.organization, "Larchmont Widgets Corporation Limited");
        assert_eq!(p.start.as_deref(), Some("2015-12"));
    }

    #[test]
    fn references_under_a_work_heading_are_no_entries() {
        let got = extract(
            "Jane Roe\nAcademic Positions\n2016 – present\n\
             Research Associate at Kestrel Institute, Dover\n\
             Peer review\n\
             J. Roe and A. Quill. Typed widgets. Journal of Widgets, 50(12):118–128, December 2015\n\
             J. Roe. Faster widgets. In Proceedings of the Widget Conference, pages 88–99. 2014 – 2015\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(citation_like("Bulletin of Widgets, 59(1):9–13, March 2011"));
        assert!(citation_like("Widget Letters, pp. 12–19, 2012 – 2013"));
        assert!(!citation_like(
            "Senior Engineer, Acme (Platform), 2019 – 2021"
        ));
    }

    #[test]
    fn a_prose_position_wrapped_over_lines() {
        let got = extract(
            "Jane Roe\nProfessional Experience:\n\
             Currently working as a Software Engineer in Foo Technologies, Pune from July\n\
             2019.\n\
             Working as a Test Engineer in Bar Widgets Pvt Ltd, Pune from May 2017\n\
             to June 2019\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Foo Technologies".into(),
                    some("Software Engineer"),
                    some("2019-07"),
                    None
                ),
                (
                    "Bar Widgets Pvt Ltd".into(),
                    some("Test Engineer"),
                    some("2017-05"),
                    some("2019-06")
                ),
            ]
        );
    }

    #[test]
    fn a_dated_sentence_stating_employer_and_title() {
        // Chinese self-written résumés: dates, then "在 <organisation> 担任 <title>，…",
        // under a letter-spaced heading; or the title in the next clause.
        let got = extract(
            "王小明\n实 习 经 历\n\
             2017-10-1 至 2018-3-31 在晨曦虚构网络有限公司担当测试开发实习生，职责为编\n\
             写前端页面。\n\
             2018-5-1 至 2018-9-30 就职于星河虚构科技股份有限公司，担任前端开发实习生\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "晨曦虚构网络有限公司".into(),
                    some("测试开发实习生"),
                    some("2017-10-01"),
                    some("2018-03-31")
                ),
                (
                    "星河虚构科技股份有限公司".into(),
                    some("前端开发实习生"),
                    some("2018-05-01"),
                    some("2018-09-30")
                ),
            ]
        );
        // A clause whose organisation does not read as one states nothing.
        assert_eq!(
            employment_clause("在项目组担任开发工程师，负责测试", Words::get()),
            None
        );
    }

    #[test]
    fn stints_of_one_role_merge() {
        let stint = |start: &str, end: Option<&str>| Position {
            organization: "Acme Systems".into(),
            title: Some("Team Lead".into()),
            start: Some(start.into()),
            end: end.map(str::to_owned),
            current: end.is_none(),
            ..Position::default()
        };
        let mut v = vec![
            stint("2016-06", Some("2017-03")),
            stint("2015-08", Some("2016-05")),
            stint("2012-01", Some("2013-01")),
        ];
        merge_continued_stints(&mut v);
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].start.as_deref(), v[0].end.as_deref()),
            (Some("2015-08"), Some("2017-03"))
        );
        let mut v = vec![stint("2016-06", None), stint("2015-08", Some("2016-05"))];
        merge_continued_stints(&mut v);
        assert_eq!(v.len(), 1);
        assert!(v[0].current && v[0].end.is_none());
    }

    /// (organisation, title, start, end)
    type Row = (String, Option<String>, Option<String>, Option<String>);

    fn extract(text: &str) -> Vec<Row> {
        let ls = super::super::layout::lines(text);
        extract_experience(&ls, Words::get())
            .positions
            .into_iter()
            .map(|p| (p.organization, p.title, p.start, p.end))
            .collect()
    }

    #[test]
    fn places_degrees_and_sentence_pieces_are_no_organisations() {
        let w = Words::get();
        for no in [
            "Princeton, NJ",
            "Chicago",
            "Master of Arts, Art History",
            "B.Sc. in Applied Physics",
            "planning menus, and",
            "and 2011",
            "ABET)",
            "(part-time), 3/2012",
            "NY",
            "India/ Boston",
            "Inc",
            "Two summers of fieldwork at",
            "January",
            "Sept.",
            "Summer",
            "XXXXXXXX",
            "Recently",
        ] {
            assert!(no_organisation(no, w), "{no}");
        }
        for yes in [
            "Northwind Traders",
            "eBay",
            "Acme Consulting Pvt. Ltd.",
            "University of Chicago",
            "Bank of the West",
            "BA Systems",
            "深圳虚构科技有限公司",
            "GE",
            "HP Inc",
            "Mayfield Dairy",
            "The Pantry at Fernhill",
            "Xerox",
        ] {
            assert!(!no_organisation(yes, w), "{yes}");
        }
        // The place stays the position's location.
        let got = extract("Experience\nLogistics Planner\nLeeds\nMarch 2011 - Present\n");
        assert!(got.iter().all(|r| r.0.is_empty()), "{got:?}");
        // A bracketed label's value is the title; a trailing colon is no part of it.
        let got = extract(
            "Experience\nNorthwind Traders (Designation: Data Intern)  2009 - 2010\n\
             Larch Optics | Project Manager: | 2011 - 2013\n",
        );
        let titles: Vec<_> = got.iter().map(|r| r.1.as_deref()).collect();
        assert!(titles.contains(&Some("Data Intern")), "{got:?}");
        assert!(titles.contains(&Some("Project Manager")), "{got:?}");
        // A place line between the organisation and the dates is passed over.
        let got = extract(
            "Professional Experience\nNorthwind Traders\nTrenton, NJ\n2008 - Present\n\
             Java Developer\nBuilt the order service.\n",
        );
        assert_eq!(got[0].0, "Northwind Traders", "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Java Developer"), "{got:?}");
    }

    #[test]
    fn list_items_that_are_entry_headers() {
        // Word and HTML résumés make every entry a list item, its details nested items.
        let got = extract(
            "Jane Roe\nWork Experience\n\
             • Senior Engineer, Fictional Widgets, Boston, MA (Mar 2015 - Present)\n\
             \x20\x20• Built the billing service\n\
             \x20\x20• Mentored interns (Summer 2016)\n\
             • 深圳虚构科技有限公司 2012.6 ～ 2015.2\n\
             • Led the migration of the ledger to Kafka (2013 - 2014)\n\
             • 2011.10 - 2012.03 在晨曦虚构网络有限公司担任实习生，负责测试\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Fictional Widgets".into(),
                    some("Senior Engineer"),
                    some("2015-03"),
                    None
                ),
                (
                    "深圳虚构科技有限公司".into(),
                    None,
                    some("2012-06"),
                    some("2015-02")
                ),
            ]
        );
        // Title, unit, organisation and place: ten words, the dates' brackets not counted.
        let got = extract(
            "Jane Roe\nWork Experience\n\
             • Senior Engineer, Fictional Widgets, Boston, MA (Mar 2015 - Present)\n\
             \x20\x20• Built the billing service\n\
             • Support Desk Consultant, Campus Support Desk, Larchmont College, Dover, DE (Summer 2009)\n\
             \x20\x20• Answered calls\n",
        );
        assert_eq!(
            got[1],
            (
                "Larchmont College".into(),
                some("Support Desk Consultant, Campus Support Desk"),
                some("2009"),
                some("2009")
            )
        );
    }

    #[test]
    fn an_employer_named_in_a_clause_beside_the_title() {
        // Columns: dates, a clause naming the employer, the title; bulleted or not.
        for bullet in ["• ", ""] {
            let got = extract(&format!(
                "王小明\n工作经历\n\
                 {bullet}2017-08 至今\t\t任职晨曦互娱，主导推荐平台建设\t\t资深算法工程师\n\
                 负责推荐系统。\n\
                 {bullet}2015-07 至 2017-08\t就职于星河游戏，维护结算服务\t\t高级工程师\n\
                 负责游戏服务器。\n"
            ));
            assert_eq!(
                got,
                vec![
                    (
                        "晨曦互娱".into(),
                        some("资深算法工程师"),
                        some("2017-08"),
                        None
                    ),
                    (
                        "星河游戏".into(),
                        some("高级工程师"),
                        some("2015-07"),
                        some("2017-08")
                    ),
                ],
                "{bullet:?}"
            );
        }
        // A clause whose cue introduces a title names no employer.
        assert_eq!(
            employer_in_clause("任职技术经理，负责团队", Words::get()),
            None
        );
        assert_eq!(
            employer_in_clause("在晨曦互娱工作，负责测试", Words::get()).as_deref(),
            Some("晨曦互娱")
        );
    }

    #[test]
    fn roles_listed_as_items_under_their_employer() {
        let got = extract(
            "Jane Roe\nExperience:\nLarchmont Diner, Dover, DE. 09/2017 – Current.\n\
             • Line cook from 2017 – 2019\n• Shift supervisor from 2019 – current.\n\
             • Duties involve food safety checks.\n",
        );
        let roles: Vec<(&str, Option<&str>, Option<&str>)> = got
            .iter()
            .map(|r| (r.0.as_str(), r.1.as_deref(), r.2.as_deref()))
            .collect();
        assert_eq!(
            roles,
            [
                ("Larchmont Diner", Some("Line cook"), Some("2017")),
                ("Larchmont Diner", Some("Shift supervisor"), Some("2019"))
            ]
        );
    }

    #[test]
    fn a_title_ending_with_at_sign_over_its_organisation() {
        let got = extract(
            "Jane Roe\nExperience\nSupport Engineer @  Mar 2016 - Mar 2017\nLarch Cloud Services\n\
             • Answered tickets about virtual machines.\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1.as_deref(), Some("Support Engineer"));
    }

    #[test]
    fn jobs_of_a_resume_without_a_work_heading() {
        let got = extract(
            "Jane Roe\nSUMMARY OF QUALIFICATIONS\nExpert in CNC programming and fixture design.\n\
             2011 to Present\nBirchwood Fabrication, Santa Rosa, California\nShop Supervisor\n\
             Created a new machine shop.\n2008 to 2010\nLarch Optics, Petaluma, California\n\
             Mechanical Designer\nCAD, drawings and bills of materials.\n\
             ACCOMPLISHMENTS\n2014 - 2015\nExample Society of Machinists, Petaluma, California\n\
             Award for safety.\nEDUCATION\nSanta Rosa Junior College\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Birchwood Fabrication".into(),
                    some("Shop Supervisor"),
                    some("2011"),
                    None
                ),
                (
                    "Larch Optics".into(),
                    some("Mechanical Designer"),
                    some("2008"),
                    some("2010")
                ),
            ]
        );
    }

    #[test]
    fn a_dated_work_item_under_a_work_heading_is_a_project() {
        let ls = crate::extract::layout::lines(
            "王小明\n工作经历\n2017-08 至今  晨曦互娱  资深算法工程师\n负责推荐。\n\
             2016-03 至 2016-12  海鸥图像检索系统（某某基金资助课题）  核心成员\n负责检索。\n",
        );
        let ex = extract_experience(&ls, Words::get());
        let positions: Vec<&str> = ex
            .positions
            .iter()
            .map(|p| p.organization.as_str())
            .collect();
        assert_eq!(positions, ["晨曦互娱"]);
        let projects: Vec<&str> = ex
            .positions
            .iter()
            .flat_map(|p| &p.projects)
            .chain(&ex.projects)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(projects, ["海鸥图像检索系统（某某基金资助课题）"]);
    }

    #[test]
    fn a_year_with_a_dangling_dash_opens_an_entry() {
        let got = extract(
            "EXPERIENCE\n2018-        Fictional Widgets ---------- Boston, MA\nweb architecture.\n\
             2016-2018    Orrin Data Works ---------- Boston, MA\nautomation.\n",
        );
        assert_eq!(
            got.iter()
                .map(|r| (r.0.as_str(), r.2.as_deref(), r.3.as_deref()))
                .collect::<Vec<_>>(),
            [
                ("Fictional Widgets", Some("2018"), None),
                ("Orrin Data Works", Some("2016"), Some("2018"))
            ]
        );
    }

    #[test]
    fn a_range_wrapped_in_its_column_is_one_range() {
        let got = extract(
            "工作经历\n星河幻想工作室有限公司  界面设计师  2014.04-\n2016.07\n\
             负责界面设计。\n晨曦虚构网络有限公司  界面设计师  2013.07-\n至今\n负责网站开发。\n",
        );
        assert_eq!(
            got.iter()
                .map(|r| (r.2.as_deref(), r.3.as_deref()))
                .collect::<Vec<_>>(),
            [(Some("2014-04"), Some("2016-07")), (Some("2013-07"), None)]
        );
        let got = extract(
            "Work Experience\n• Senior Engineer, Fictional Widgets, Boston, MA (Mar 2015 -\n\
             Present)\n\x20\x20– Built the billing service\n",
        );
        assert_eq!(
            got,
            [(
                "Fictional Widgets".to_owned(),
                some("Senior Engineer"),
                some("2015-03"),
                None
            )]
        );
    }

    #[test]
    fn entry_layouts() {
        // Job-board layout: title, organisation line, date line.
        let got = extract(
            "Jane Doe\n\nWORK EXPERIENCE\n\nMule Soft Team Lead\n\nCisco Systems -  San Jose, CA -\n\n\
             June 2016 to March 2017\n\n• Built flows.\n\nSoftware Engineer\n\nArrow Electronics Inc -\n\n\
             August 2011 to March 2012\n\n• Wrote code.\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Cisco Systems".into(),
                    some("Mule Soft Team Lead"),
                    some("2016-06"),
                    some("2017-03")
                ),
                (
                    "Arrow Electronics Inc".into(),
                    some("Software Engineer"),
                    some("2011-08"),
                    some("2012-03")
                ),
            ]
        );
        // Organisation line, then "Title, dates".
        let got = extract(
            "EXPERIENCE\nTAROKO TECHNOLOGIES, San Francisco, CA\nSocial Media Manager, September 2013 - Present\n\
             Ran campaigns on social media platforms.\n",
        );
        assert_eq!(
            got,
            vec![(
                "TAROKO TECHNOLOGIES".into(),
                some("Social Media Manager"),
                some("2013-09"),
                None
            )]
        );
        // Dates first, then organisation and title.
        let got =
            extract("Experience\n2007-Present\nRyan Motors\nAutomobile Engineer\nTested parts.\n");
        assert_eq!(
            got,
            vec![(
                "Ryan Motors".into(),
                some("Automobile Engineer"),
                some("2007"),
                None
            )]
        );
        // Undated entry whose fields are set apart by blank lines.
        let got = extract(
            "WORK EXPERIENCE\n\nAssociate Software Engineer\n\noracle\n\n• Automation through python.\n",
        );
        assert_eq!(
            got,
            vec![(
                "oracle".into(),
                some("Associate Software Engineer"),
                None,
                None
            )]
        );
        // A label before the dates of the entry above is not an entry.
        let got = extract(
            "EXPERIENCE\nAcme Corp | Engineer | 2019.01 - 2020.01\nDuration: January 2019 - January 2020\n",
        );
        assert_eq!(got.len(), 1);
        // A sentence of the profile that mentions a year is not an entry.
        let got = extract(
            "Jane Doe\nWorked in support since May 2017 as a Subject Matter Expert to Jan 2018\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn bracketed_dates_and_unit_chains() {
        let got = extract(
            "工作经历\nAcme - 资深架构师（2019.5 2020.11）\n负责平台建设\nBeta - 数据平台组长（2014.2 – 2018.4）\n开发系统\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Acme".into(),
                    some("资深架构师"),
                    some("2019-05"),
                    some("2020-11")
                ),
                (
                    "Beta".into(),
                    some("数据平台组长"),
                    some("2014-02"),
                    some("2018-04")
                ),
            ]
        );
        let got = extract(
            "Experience\nFernhill Labs Inc. - Storage - Senior Storage Engineer(Rust/Go)  May 2020 – Present\nBuilt things.\n\
             Fernhill Labs Inc. - Storage - Storage Kernel R&D(Rust)  May 2018 – Apr 2020\nBuilt more.\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Fernhill Labs Inc.".into(),
                    some("Senior Storage Engineer"),
                    some("2020-05"),
                    None
                ),
                (
                    "Fernhill Labs Inc.".into(),
                    some("Storage Kernel R&D"),
                    some("2018-05"),
                    some("2020-04")
                )
            ]
        );
    }

    #[test]
    fn organisation_city_state_with_full_stops() {
        let got =
            extract("Experience\nHarbor Diner, Salem, OR. 09/2017 – Current.\n• Line cook.\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Harbor Diner");
        assert_eq!(got[0].2.as_deref(), Some("2017-09"));
    }

    #[test]
    fn employers_after_sub_headings() {
        let got = extract(
            "工作经历\n2019/03~至今 青石数据科技有限公司\n职务：后端工程师\n主要项目\n数据平台\n负责数据平台开发。\n\
             2016/07~2019/02 远帆软件有限公司\n职务：软件工程师\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "青石数据科技有限公司".into(),
                    some("后端工程师"),
                    some("2019-03"),
                    None
                ),
                (
                    "远帆软件有限公司".into(),
                    some("软件工程师"),
                    some("2016-07"),
                    some("2019-02")
                ),
            ]
        );
        let got = extract(
            "Experience\nFernhill Labs Inc. | Senior Engineer | 2021.01 - 2023.05\nAccomplishments:\n• Cut costs.\n\
             Harbor Tech Ltd. | Engineer | 2018.01 - 2020.12\n• Wrote code.\n",
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn employers_under_a_projects_heading_without_a_work_section() {
        let got = extract(
            "## 项目经验\n\n### **Lindqvist** | 高级顾问 | 2019.01- 2024.08（5 年 7 个月）\n\n\
             1. **某零售平台** | 7 个月\n   * **后端工程师 (5 个月):** 开发 API。\n\n\
             ### 星河软件 | 全栈工程师 | 2012.10 - 2018.12（6 年）\n\n为客户构建商城系统。\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Lindqvist".into(),
                    some("高级顾问"),
                    some("2019-01"),
                    some("2024-08")
                ),
                (
                    "星河软件".into(),
                    some("全栈工程师"),
                    some("2012-10"),
                    some("2018-12")
                ),
            ]
        );
        // With a work section, the projects section holds projects.
        let got = extract(
            "工作经历\n青石数据 | 后端工程师 | 2019.01 - 2024.08\n项目经验\n\
             订单系统 | 后端工程师 | 2020.01 - 2021.06\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn form_entries_as_two_cell_rows() {
        let got = extract(
            "## Working Experience (Java related)\n\n### Billing Platform (as a Senior Engineer)\n\n\
             Company | Acme Widgets\n:-----|:-----\nProject | Invoicing on Postgres\nTime | March, 2018 ~ Now\n\n\
             Achievement:\n* Built things.\n\n### Claims Portal (as a Developer)\n\n\
             Company | Foobar Insurance\n:-----|:-----\nTime | June, 2014 ~ Feb, 2018\nRole | Java development\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Acme Widgets".into(),
                    some("Senior Engineer"),
                    some("2018-03"),
                    None
                ),
                (
                    "Foobar Insurance".into(),
                    some("Developer"),
                    some("2014-06"),
                    some("2018-02")
                ),
            ]
        );
        // "Org | dates" is an entry header, not a form field.
        let got =
            extract("Experience\nKestrel | Oslo, Norway | Jul 2021 – Sep 2021\nSummer Intern\n");
        assert_eq!(
            got,
            vec![(
                "Kestrel".into(),
                some("Summer Intern"),
                some("2021-07"),
                some("2021-09")
            )]
        );
    }

    #[test]
    fn form_entries_as_printed_tables() {
        // A PDF of the same form: no heading marks, label and value set apart by a column
        // gap, the heading's "(as …)" wrapped onto the next line.
        let got = extract(
            "Working Experience\nG Billing Platform (as a Senior Platform\nReliability Engineer)\n\
             Company      Acme Widgets\nProject      Invoicing on Postgres\nTime      2018.03 ~ Now\n\
             Achievement:\n• Built things.\nQ Claims Portal (as a Developer)\n\
             Company      Foobar Insurance\nTime      June, 2014 ~ Feb, 2018\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Acme Widgets".into(),
                    some("Senior Platform Reliability Engineer"),
                    some("2018-03"),
                    None
                ),
                (
                    "Foobar Insurance".into(),
                    some("Developer"),
                    some("2014-06"),
                    some("2018-02")
                ),
            ]
        );
        // A label followed by one space is a header's lead word, not a table cell.
        let got = extract("Experience\nDuration Sep 2012 - Till date\nRole Agile team member\n");
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn entries_under_an_internship_heading_without_a_title() {
        let got = extract("实习经历\n青石网络技术有限公司  2015.5 至今\n负责数据库运维。\n");
        assert_eq!(
            got,
            vec![(
                "青石网络技术有限公司".into(),
                some("实习"),
                some("2015-05"),
                None
            )]
        );
        let got = extract("Internships\nBirch Analytics  Jun 2019 – Aug 2019\nBuilt dashboards.\n");
        assert_eq!(got[0].1, some("Intern"));
        // "International" names no internship.
        let got = extract(
            "International Experience\nBirch Analytics  Jun 2019 – Aug 2019\nBuilt dashboards.\n",
        );
        assert_eq!(got[0].1, None);
    }

    #[test]
    fn an_empty_table_row_between_header_and_title() {
        let got = extract(
            "Professional experience\nBirch Securities Co., Ltd | Salem, OR | Jun 2023 - Oct 2023\n\n | \n\
             Equity Analyst Intern\nReviewed filings for the listing.\n",
        );
        assert_eq!(
            got,
            vec![(
                "Birch Securities Co., Ltd".into(),
                some("Equity Analyst Intern"),
                some("2023-06"),
                some("2023-10")
            )]
        );
    }

    #[test]
    fn a_sentence_is_no_title() {
        let mut positions = vec![Position {
            organization: "青石网络有限公司".into(),
            title: Some("曾在青石网络有限公司做过两年测试工作，负责编写接口用例和页面。".into()),
            ..Position::default()
        }];
        drop_non_positions(&mut positions, Words::get());
        assert_eq!(positions.len(), 1);
        assert_eq!(positions[0].title, None);
    }

    #[test]
    fn a_bare_year_in_the_date_column() {
        let got = extract(
            "EXPERIENCE\n2009-2011    Birch Labs ---------- Salem, OR\n    built things.\n\
             2008         Larch Commerce ---------- Salem, OR\n    built more.\n",
        );
        assert_eq!(
            got,
            vec![
                ("Birch Labs".into(), None, some("2009"), some("2011")),
                ("Larch Commerce".into(), None, some("2008"), some("2008")),
            ]
        );
    }

    #[test]
    fn the_section_name_in_a_left_column_is_no_field() {
        let got = extract(
            "技能  Go, Rust\n经验  青石网络技术有限公司  2013-10 至 2014-4\n• 负责存储引擎。\n",
        );
        assert_eq!(got[0].0, "青石网络技术有限公司");
    }

    #[test]
    fn organisation_and_place_over_title_and_dates() {
        let got = extract(
            "Experience\nD.K. Larchmont\tSpringfield, IL\nStudent Web Platform Project\tMarch 2021 – June 2022\n\
             • Built a booking form.\nSignal Systems Lab (Example University)\tSpringfield, IL\n\
             Undergraduate Research Assistant, Compilers\tJuly 2019 – May 2020\n• Wrote a simulator.\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "D.K. Larchmont".into(),
                    some("Student Web Platform Project"),
                    some("2021-03"),
                    some("2022-06")
                ),
                (
                    "Signal Systems Lab (Example University)".into(),
                    some("Undergraduate Research Assistant, Compilers"),
                    some("2019-07"),
                    some("2020-05")
                ),
            ]
        );
    }

    #[test]
    fn two_roles_held_at_once_under_one_organisation() {
        let got = extract(
            "Experience\nBirch Co.. . . . . . . . . . . . . . . . . . . .\n\
             Embedded Engineer  2016/12-2023/11\nBuilt a DSP pipeline for telephony.\n\n\
             Software Engineer  2016/12-2023/11\nBuilt a middleware module.\n\n\
             Larch Co.. . . . . . . . . . . . . . . .\nAnalyst Team Lead  2012/03-2013/05\n\
             Trained a team.\n\nAnalyst  2010/09-2012/02\nAnalysed samples.\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Birch Co.".into(),
                    some("Embedded Engineer"),
                    some("2016-12"),
                    some("2023-11")
                ),
                (
                    "Birch Co.".into(),
                    some("Software Engineer"),
                    some("2016-12"),
                    some("2023-11")
                ),
                (
                    "Larch Co.".into(),
                    some("Analyst Team Lead"),
                    some("2012-03"),
                    some("2013-05")
                ),
                (
                    "Larch Co.".into(),
                    some("Analyst"),
                    some("2010-09"),
                    some("2012-02")
                ),
            ]
        );
    }

    #[test]
    fn a_role_without_a_title_word_under_a_certain_employer() {
        let got = extract(
            "Experience\nLarch Co.. . . . . . . . . . .\nSupport Team  2011/01-2013/05\n\
             Helped customers.\n\nAnalyst Team Lead  2012/03-2013/05\nTrained a team.\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Larch Co.".into(),
                    some("Support Team"),
                    some("2011-01"),
                    some("2013-05")
                ),
                (
                    "Larch Co.".into(),
                    some("Analyst Team Lead"),
                    some("2012-03"),
                    some("2013-05")
                ),
            ]
        );
    }

    #[test]
    fn a_range_whose_end_year_wrapped() {
        let got = extract(
            "Experience\n• Data Engineer, Birch Media, Portland, OR (Oct 2015 - Oct\n2017)\n\
             – Built the API.\n",
        );
        assert_eq!(
            got,
            vec![(
                "Birch Media".into(),
                some("Data Engineer"),
                some("2015-10"),
                some("2017-10")
            )]
        );
    }

    #[test]
    fn list_items_joining_employer_and_role_with_a_dash() {
        let got = extract(
            "工作经历\n• 青石电器股份有限公司－Android 开发工程师 2014.9-至今\n• 负责模块开发。\n\
             • 青石电器股份有限公司－web 开发工程师 2017.3-至今\n• 负责移动端页面。\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "青石电器股份有限公司".into(),
                    some("Android 开发工程师"),
                    some("2014-09"),
                    None
                ),
                (
                    "青石电器股份有限公司".into(),
                    some("web 开发工程师"),
                    some("2017-03"),
                    None
                ),
            ]
        );
    }

    #[test]
    fn roles_under_an_organisation_line() {
        let got = extract(
            "工作经历\n青石科技，北京  2020/03 – 2024/06\n(数据中台) 服务端开发工程师  2022/07 – 2024/06\n\
             • 负责平台开发。\n(数据中台) 服务端开发实习生  2020/03 – 2022/06\n• 负责对账。\n\
             远帆软件，上海  2019/10 – 2020/02\n(Storage Team) 平台开发实习生\n• 参与迭代。\n",
        );
        let rows: Vec<(String, Option<String>)> =
            got.iter().map(|r| (r.0.clone(), r.1.clone())).collect();
        assert_eq!(rows.len(), 3, "{got:?}");
        assert!(
            rows[0].0.starts_with("青石科技") && rows[1].0.starts_with("青石科技"),
            "{got:?}"
        );
        assert!(
            rows.iter().all(|r| r
                .1
                .as_deref()
                .is_some_and(|t| t.ends_with("开发工程师") || t.ends_with("开发实习生"))),
            "{rows:?}"
        );
        assert_eq!(got[1].2.as_deref(), Some("2020-03"));
        assert_eq!(got[1].3.as_deref(), Some("2022-06"));
    }

    #[test]
    fn dates_in_sentences_urls_and_update_notes_are_no_entries() {
        let got = extract(
            "Experience\nLast updated: June 2024\nAcme Corp | Engineer | 2019.01 - 2021.02\n\
             I joined the\nPlatform Group of Acme to January 2017\n\
             [1]: https://blog.example.dev/2016/07/27/a-post \"Blog\"\n",
        );
        assert_eq!(
            got,
            vec![(
                "Acme Corp".into(),
                some("Engineer"),
                some("2019-01"),
                some("2021-02")
            )]
        );
        let got = extract(
            "Experience\nLatest update\nMarch, 2021\nAcme Corp | Engineer | 2019.01 - 2021.02\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn real_layout_headers() {
        let row = |o: &str, t: &str, a: &str, b: Option<&str>| -> Row {
            (o.into(), some(t), some(a), b.map(str::to_owned))
        };
        // Organisation with dotted leaders, then title with right-aligned dates; a second
        // role at the same employer lists no organisation.
        let got = extract(
            "Experience\nNorthwind Co.. . . . . . . . . . . . . . . .\nSenior Software Engineer            2021/03-2023/05\n\
             Built a telemetry agent in C++.\nSoftware Engineer                   2019/01-2021/03\nWrote drivers.\n",
        );
        assert_eq!(
            got,
            vec![
                row(
                    "Northwind Co.",
                    "Senior Software Engineer",
                    "2021-03",
                    Some("2023-05")
                ),
                row(
                    "Northwind Co.",
                    "Software Engineer",
                    "2019-01",
                    Some("2021-03")
                ),
            ]
        );
        // A new employer after the previous one's dates does not inherit its name.
        let got = extract(
            "Experience\nNorthwind Co.\nData Engineer                2015/01-2016/12\nBuilt pipelines.\n\
             Analyst                  2017/02-2018/05\n",
        );
        assert_eq!(got[1].0, "");
        // Markdown list items with bold titles, emphasis and bracketed dates.
        let got = extract(
            "## Work Experience\n*   **Platform Engineer**, Contoso Media, _Boston, MA_ (Mar 2015 - Present)\n    -   Built APIs\n",
        );
        assert_eq!(
            got,
            vec![row("Contoso Media", "Platform Engineer", "2015-03", None)]
        );
        // A right-aligned second line with wide gaps, and a bracketed note that is no name.
        let got = extract(
            "EXPERIENCE\nFabrikam Technologies                                                  Sep 2018 - Feb 2019\n\
             Backend Engineer                                                                Lyon, FR\n· Wrote services.\n\
             TAILSPIN\nFrontend Engineer (Full-time)                                         (Remote) May 2020 – Jun 2021\n",
        );
        assert_eq!(
            got,
            vec![
                row(
                    "Fabrikam Technologies",
                    "Backend Engineer",
                    "2018-09",
                    Some("2019-02")
                ),
                row("TAILSPIN", "Frontend Engineer", "2020-05", Some("2021-06")),
            ]
        );
    }

    fn row(org: &str, title: &str, start: &str, end: Option<&str>) -> Row {
        (
            org.to_owned(),
            Some(title.to_owned()),
            Some(start.to_owned()),
            end.map(str::to_owned),
        )
    }

    #[test]
    fn dates_stacked_in_a_left_column() {
        let got = extract(
            "工作经历\n\n2018.03  软件工程师 @ 白桦科技有限公司\n2017.03 › 负责后端开发。\n\
             2017.03  运维支持工程师 @ 北方软件有限公司\n2016.07 › 负责技术支持。\n› 编写文档。\n",
        );
        assert_eq!(
            got,
            vec![
                row("白桦科技有限公司", "软件工程师", "2017-03", Some("2018-03")),
                row(
                    "北方软件有限公司",
                    "运维支持工程师",
                    "2016-07",
                    Some("2017-03")
                ),
            ]
        );
        // A birth date to the day in the header opens no position.
        let got = extract("王小明 | 出生日期：1988年2月21日\n\n工作经历\n白桦科技有限公司 | 工程师 | 2019.01 - 2020.02\n");
        assert_eq!(
            got,
            vec![row(
                "白桦科技有限公司",
                "工程师",
                "2019-01",
                Some("2020-02")
            )]
        );
    }

    #[test]
    fn organisations_glued_to_titles_and_above_them() {
        // An unknown organisation on its own line over a title, under right-aligned dates.
        let got = extract(
            "### 工作经历\n\n<p align=\"right\">2019.10 - 2021.05</p>\n\n**Zentrix**\n\n后端开发工程师\n\n\
             * 日常需求开发\n",
        );
        assert_eq!(
            got,
            vec![row("Zentrix", "后端开发工程师", "2019-10", Some("2021-05"))]
        );
        // "Title • Organisation", "Organisation－Title", "Title @ Organisation".
        let got = extract(
            "EXPERIENCE\nJul 2022 – Sep 2022\nC++ Intern • Larkspur Company\n\nEDUCATION\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Larkspur Company",
                "C++ Intern",
                "2022-07",
                Some("2022-09")
            )]
        );
        let got = extract(
            "工作经历\n白桦电器股份有限公司－Android开发工程师 2014.9-2016.3\n负责应用开发。\n",
        );
        assert_eq!(
            got,
            vec![row(
                "白桦电器股份有限公司",
                "Android开发工程师",
                "2014-09",
                Some("2016-03")
            )]
        );
        // A verb before the title is not part of the title.
        let got = extract("实习经历\n白桦网络有限公司 | 担任技术开发实习生 | 2017.10 - 2018.03\n");
        assert_eq!(
            got,
            vec![row(
                "白桦网络有限公司",
                "技术开发实习生",
                "2017-10",
                Some("2018-03")
            )]
        );
    }

    #[test]
    fn stacked_headers_of_strangers_resumes() {
        // "From" introduces the dates; it is no organisation.
        let got = extract(
            "Experience\nMarrow Telecom Services\nDunmore, MD\nFrom Jan 2009 to May 2009\n\
             Network Administrator\nConfigured and maintained networks.\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Marrow Telecom Services",
                "Network Administrator",
                "2009-01",
                Some("2009-05")
            )]
        );
        // Labels on lines of their own, the values below them.
        let got = extract(
            "Experience\nVeltro Instruments\nDuration\nFebruary 2008 – March 2010\nFunction\n\
             Embedded Developer\nLocation\nTurin, Italy\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Veltro Instruments",
                "Embedded Developer",
                "2008-02",
                Some("2010-03")
            )]
        );
        // Dates, then the organisation, then a title no title word marks.
        let got = extract("Job History\n2004-2007\nFleet Signs Ltd.\nAdvertiser\nCreated ads.\n");
        assert_eq!(
            got,
            vec![row("Fleet Signs Ltd.", "Advertiser", "2004", Some("2007"))]
        );
        // "Title: Dates, Organisation, City, ST".
        let got = extract(
            "Work Experience\nJava Consultant: Dec. 2004 - Jan 2009, Eurokas, Cleveland, OH\n\
             Designed the application in UML.\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Eurokas",
                "Java Consultant",
                "2004-12",
                Some("2009-01")
            )]
        );
        // "Dates: Title, Organisation, City": the organisation needs no marking word.
        let got = extract(
            "Job History\n2004 – 2009: Associate Art Editor, Larkspur Media Group, Detroit\n\
             Conducted editorial meetings.\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Larkspur Media Group",
                "Associate Art Editor",
                "2004",
                Some("2009")
            )]
        );
        // "Name, Title" over a season range; a company description between dates and title.
        let got = extract(
            "Work Experience\nMoravia Therapeutics, Software Engineering Contractor\n\
             Summer 2011 – Spring 2013\n- Built an automation stack.\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Moravia Therapeutics",
                "Software Engineering Contractor",
                "2011",
                Some("2013")
            )]
        );
        let got = extract(
            "PROFESSIONAL EXPERIENCE\nNORTHWIND TRADERS, Boston, MA\n2000 to 2008\n\
             Leading maker of widgets serving energy industries.\nVice President of Sales\n\
             Oversaw 60 representatives.\n",
        );
        assert_eq!(
            got,
            vec![row(
                "NORTHWIND TRADERS",
                "Vice President of Sales",
                "2000",
                Some("2008")
            )]
        );
        // A summer job dated by its season alone.
        let got = extract(
            "EXPERIENCE\nCLEARPATH WIRELESS - Kansas City, MO\nSales & Marketing Intern\n\
             Summer 2014\n• Educated customers on the product\n",
        );
        assert_eq!(
            got,
            vec![row(
                "CLEARPATH WIRELESS",
                "Sales & Marketing Intern",
                "2014",
                Some("2014")
            )]
        );
    }

    #[test]
    fn an_entry_that_a_two_column_page_moved_under_another_heading() {
        // The work heading came first; the entry follows a skills column's heading.
        let got = extract(
            "WORK EXPERIENCE\nEvent coordination\nPERSONAL SKILLS\nResilience\n\
             Bramble Widgets Company\nCoventry\nMARKETING ASSISTANT\nJune 2008 - May 2012\n\
             Supporting the sales process.\n",
        );
        assert_eq!(
            got,
            vec![row(
                "Bramble Widgets Company",
                "MARKETING ASSISTANT",
                "2008-06",
                Some("2012-05")
            )]
        );
        // A date alone under a plain skill line is no entry.
        let got = extract("WORK EXPERIENCE\nPERSONAL SKILLS\nResilience\nJune 2008 - May 2012\n");
        assert!(
            got.iter().all(|r| r.0.is_empty() && r.1.is_none()),
            "{got:?}"
        );
    }

    #[test]
    fn undated_lines_of_an_organisation_and_a_title() {
        let got = extract(
            "Jane Roe\nOTHER EMPLOYMENT\nBIRCH DRILLING SERVICES, Field Technician\n\
             Engineer, Larch Seismic Ltd.\nReporting, testing and writing\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "BIRCH DRILLING SERVICES".into(),
                    some("Field Technician"),
                    None,
                    None
                ),
                ("Larch Seismic Ltd.".into(), some("Engineer"), None, None),
            ]
        );
    }

    #[test]
    fn a_duty_sentence_is_no_title() {
        assert!(reads_as_duty(
            "Prepared monthly budgets for three departments"
        ));
        assert!(reads_as_duty(
            "Reviewing supplier invoices for the finance team"
        ));
        assert!(!reads_as_duty("Acting Director of Operations"));
        assert!(!reads_as_duty("Managing Director"));
        assert!(!reads_as_duty("Engineering Manager, platform team"));
        assert!(page_number("Page 1 of 2") && page_number("PAGE 3"));
        assert!(!page_number("Page Designer"));
    }

    #[test]
    fn another_fields_label_and_value_is_no_title() {
        let got = extract(
            "Jane Roe\nWORK EXPERIENCE\nNorthwind Traders -  Lowtown, IN -\nApril 2017 to Present\n\
             Location: Eastvale, India\nClient: A retail chain\n",
        );
        assert_eq!(
            got,
            vec![("Northwind Traders".into(), None, some("2017-04"), None)]
        );
    }

    #[test]
    fn a_place_beside_the_dates_is_no_organisation() {
        // "### Title, Organisation" over "*dates* | City" (Markdown and Word templates):
        // a known place beside the dates leaves the organisation to the line above.
        let got = extract(
            "Jane Roe\nExperience\n\
             Lead Mobile Developer, Fictional Widgets Lda\n\
             Sep 2020 – Present | Lisbon\n\
             - Shipped the storefront app\n\
             高级后端工程师，虚构云帆科技有限公司\n\
             2017.07 – 2020.03 | 杭州\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Fictional Widgets Lda".into(),
                    some("Lead Mobile Developer"),
                    some("2020-09"),
                    None
                ),
                (
                    "虚构云帆科技有限公司".into(),
                    some("高级后端工程师"),
                    some("2017-07"),
                    some("2020-03")
                ),
            ]
        );
        // A spaced middle dot separates the place from the dates as a dash does.
        let got = extract(
            "Jane Roe\nExperience\n\
             Site Reliability Engineer at Northwind Fictional Services\n\
             January 2019 – January 2021 · Seattle, WA\n",
        );
        assert_eq!(got[0].0, "Northwind Fictional Services");
        assert_eq!(got[0].1, some("Site Reliability Engineer"));
        let w = Words::get();
        assert!(w.is_place("Lisbon") && w.is_place("杭州市") && w.is_place("Pune, India"));
        assert!(w.is_place("Austin, TX") && w.is_place("remote"));
        assert!(!w.is_place("Lisbon Labs") && !w.is_place("Phoenix"));
    }

    #[test]
    fn a_range_wrapped_after_the_end_month_beside_the_fields() {
        // A narrow date column (moderncv-like): "January 2019–January" and the entry's
        // fields on one line, the end's year alone on the next.
        let got = extract(
            "Jane Roe\nExperience\n\
             January 2019–January Site Reliability Engineer, Northwind Fictional Services, Seattle, WA\n\
             2021\n\
             Built Terraform modules\n",
        );
        assert_eq!(
            got,
            vec![(
                "Northwind Fictional Services".into(),
                some("Site Reliability Engineer"),
                some("2019-01"),
                some("2021-01")
            )]
        );
    }

    #[test]
    fn organisation_before_a_known_place_and_camel_case_titles() {
        // "Organisation, City" over a title line (LaTeX templates): the capitalised
        // "X, Y" shape is no place when only Y is one. "iOS Developer" starts lower case
        // and is still a header line.
        let got = extract(
            "Jane Roe\nExperience\n\
             Fictional Widgets Lda, Lisbon  Sep 2020 – Present\n\
             Lead Mobile Developer\n\
             • Shipped the storefront app\n\
             iOS Developer at Tailspin Fictional Toys\n\
             Mar 2017 – Aug 2020 · Porto\n",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Fictional Widgets Lda".into(),
                    some("Lead Mobile Developer"),
                    some("2020-09"),
                    None
                ),
                (
                    "Tailspin Fictional Toys".into(),
                    some("iOS Developer"),
                    some("2017-03"),
                    some("2020-08")
                ),
            ]
        );
        assert_eq!(
            header("Harbor Fictional Diner, Salem, OR"),
            (some("Harbor Fictional Diner"), None, some("Salem, OR"))
        );
    }

    #[test]
    fn title_organisation_and_place_with_full_width_commas() {
        let got = extract(
            "王小明\n工作经历\n\
             2020.04 – 至今  高级后端工程师，虚构云帆科技有限公司，杭州\n\
             • 负责订单中心\n",
        );
        assert_eq!(
            got,
            vec![(
                "虚构云帆科技有限公司".into(),
                some("高级后端工程师"),
                some("2020-04"),
                None
            )]
        );
    }

    #[test]
    fn dates_then_title_then_organisation_and_place() {
        // A Word layout table: the dates in one cell, the title and "organisation，place"
        // on the lines of the cell beside it.
        let got = extract(
            "王小明\n工作经历\n\
             2020.04 – 至今\n\
             高级后端工程师\n\
             虚构云帆科技有限公司，杭州\n\
             • 负责订单中心\n",
        );
        assert_eq!(
            got,
            vec![(
                "虚构云帆科技有限公司".into(),
                some("高级后端工程师"),
                some("2020-04"),
                None
            )]
        );
        // A title before a place is no organisation.
        assert_ne!(header("高级工程师，杭州").0, some("高级工程师"));
        assert_eq!(
            header("虚构云帆科技有限公司，杭州"),
            (some("虚构云帆科技有限公司"), None, some("杭州"))
        );
    }

    #[test]
    fn a_body_sentence_with_commas_is_no_header_field() {
        // The first clause of the body names the title; the sentence is no
        // "title，organisation" line, though its clauses are short.
        let got = extract(
            "王小明\n工作经历\n\
             2024.02 - 2025.05  公司：虚构星河科技\n\
             后端技术负责人，在数据平台部负责电商业务的后端服务，为多个App提供在线能力\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "虚构星河科技");
        assert_eq!(got[0].1, some("后端技术负责人"));
    }
}
