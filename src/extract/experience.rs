//! Experience: position headers (a line with a date range, or the lines just before a
//! date-only line), the position body, systems named inside it (`**Name** (Go/C++) — …`),
//! project entries ("Name | Role | 2020.04 - 2022.07"), and the scoping of
//! technologies and metrics to the narrowest of system → position → person.

use super::dates::{self, DateEnd, DateRange};
use super::layout::{Line, Section};
use super::{canonical_organization, find_metrics, find_technologies, Words};
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

/// Split a header remainder into its parts.
fn split_parts(s: &str) -> Vec<String> {
    let s = s.replace('｜', "|");
    let parts: Vec<String> = if s.contains('|') {
        s.split('|').map(str::to_owned).collect()
    } else if s.contains('\t') || s.contains("  ") {
        s.split(['\t'])
            .flat_map(|p| p.split("  "))
            .map(str::to_owned)
            .collect()
    } else if s.contains(" — ") || s.contains(" – ") || s.contains(" - ") {
        s.split([' '])
            .collect::<Vec<_>>()
            .join(" ")
            .split(" — ")
            .flat_map(|p| p.split(" – "))
            .flat_map(|p| p.split(" - "))
            .map(str::to_owned)
            .collect()
    } else {
        vec![s.clone()]
    };
    parts
        .into_iter()
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| {
                    c == ','
                        || c == '，'
                        || c == '-'
                        || c == '–'
                        || c == '—'
                        || c == '|'
                        || c == ':'
                        || c == '：'
                })
                .trim()
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
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

/// Label prefixes ("公司：", "Company:") → which field.
fn labelled(part: &str) -> Option<(&'static str, String)> {
    const LABELS: &[(&str, &str)] = &[
        ("公司", "org"),
        ("单位", "org"),
        ("Company", "org"),
        ("Employer", "org"),
        ("职位", "title"),
        ("岗位", "title"),
        ("职务", "title"),
        ("Title", "title"),
        ("Position", "title"),
        ("Role", "title"),
        ("部门", "department"),
        ("Department", "department"),
        ("地点", "location"),
        ("Location", "location"),
    ];
    for (label, field) in LABELS {
        for sep in [":", "："] {
            if let Some(v) = part.strip_prefix(&format!("{label}{sep}")) {
                return Some((field, v.trim().to_owned()));
            }
        }
    }
    None
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
    // One part holding both organisation and title ("Tencent Backend Software Engineer").
    if free.len() == 1 && h.org.is_none() && h.title.is_none() {
        let (org, title) = split_org_title(&free[0], words);
        h.org = org;
        h.title = title;
        return h;
    }
    let mut rest_parts = Vec::new();
    for p in free {
        let known_org = canonical_organization(strip_parenthetical(&p)).is_some();
        if h.org.is_none() && (known_org || words.has_org_suffix(&p)) && !words.is_title(&p) {
            h.org = Some(p);
        } else if h.title.is_none() && words.is_title(&p) {
            h.title = Some(p);
        } else {
            rest_parts.push(p);
        }
    }
    for p in rest_parts {
        if h.org.is_none() {
            h.org = Some(p);
        } else if h.department.is_none() && words.is_department(&p) {
            h.department = Some(p);
        } else if h.title.is_none() {
            h.title = Some(p);
        } else if h.location.is_none() && p.chars().count() <= 30 {
            h.location = Some(p);
        }
    }
    h
}

/// "Tencent Backend Software Engineer" → (Tencent, Backend Software Engineer).
fn split_org_title(s: &str, words: &Words) -> (Option<String>, Option<String>) {
    let s = s.trim();
    if let Some(i) = s.find(" at ") {
        return (
            Some(s[i + 4..].trim().to_owned()),
            Some(s[..i].trim().to_owned()),
        );
    }
    let orgs = &crate::vocab::vocabulary().organizations;
    if let Some(m) = orgs
        .find_all(s)
        .into_iter()
        .find(|m| m.start == 0 && !m.needs_context)
    {
        let rest = s[m.end..].trim();
        return (
            Some(s[..m.end].to_owned()),
            (!rest.is_empty()).then(|| rest.to_owned()),
        );
    }
    if !words.is_title(s) {
        return (Some(s.to_owned()), None);
    }
    // First word that starts a title ("Senior", "Backend", or a head word) ends the organisation.
    let tokens: Vec<&str> = s.split_whitespace().collect();
    if tokens.len() >= 2 && !s.chars().any(super::is_han) {
        if let Some(k) = (1..tokens.len()).find(|&k| words.starts_title(tokens[k])) {
            return (Some(tokens[..k].join(" ")), Some(tokens[k..].join(" ")));
        }
    }
    (None, Some(s.to_owned()))
}

/// Title from the first clause of a Chinese position body ("高级技术专家，在…" / "担任X、Y，…").
fn title_from_body(text: &str, words: &Words) -> Option<String> {
    let clause = text.split(['，', '。', ',', ';', '；']).next()?.trim();
    let mut clause = clause;
    for cue in ["依次任职", "担任", "任职", "任"] {
        if let Some(i) = clause.find(cue) {
            clause = &clause[i + cue.len()..];
            break;
        }
    }
    let n = clause.chars().count();
    ((2..=24).contains(&n) && words.is_title(clause)).then(|| clause.trim().to_owned())
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
    let before = l.text.get(..r.start_offset.min(l.text.len()))?;
    let parts = split_parts(before);
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
    Some(Evidence {
        start: l.start,
        end: l.start + l.raw.len(),
        text: l.raw.trim().to_owned(),
        confidence: 0.8,
    })
}

/// Whether a line's technologies should be read as a list (skills context).
fn is_tech_list(l: &Line<'_>, words: &Words) -> bool {
    l.section == Section::Skills || words.starts_with_tech_label(&l.text)
}

/// Build a position from a header line.
fn new_position(l: &Line<'_>, r: &DateRange, words: &Words) -> Position {
    let before = l.text.get(..r.start_offset.min(l.text.len())).unwrap_or("");
    let after = l.text.get(r.end_offset.min(l.text.len())..).unwrap_or("");
    let rest = format!("{}  {}", before.trim(), after.trim());
    let h = parse_header(&rest, words);
    let (start, end, current) = range_iso(r);
    let org = h.org.clone().unwrap_or_default();
    let canonical = canonical_organization(strip_parenthetical(&org));
    Position {
        organization: org,
        organization_label: canonical.as_ref().map(|c| c.0.clone()),
        organization_iri: canonical.map(|c| c.1),
        department: h.department,
        title: h.title.map(|t| strip_parenthetical(&t).to_owned()),
        start,
        end,
        current,
        location: h.location,
        evidence: header_evidence(l),
        ..Position::default()
    }
}

/// Whether a dated line is a position header (not a sentence that mentions a year).
fn is_header_line(l: &Line<'_>, r: &DateRange) -> bool {
    let date_len = r.end_offset.saturating_sub(r.start_offset);
    let rest_chars = l.text.chars().count().saturating_sub(date_len);
    let starts_or_ends = r.start_offset <= 2 || r.end_offset + 2 >= l.text.len();
    (l.md_level > 0 || !l.bullet || l.section == Section::Projects)
        && rest_chars <= 120
        && (starts_or_ends || l.text.contains('|') || l.text.contains("  "))
}

/// Extract experience from the experience/projects sections (and dated header lines elsewhere).
pub fn extract_experience(lines: &[Line<'_>], words: &Words) -> Experience {
    let mut ex = Experience::default();
    let mut scope = Scope::Person;
    let mut system_indent = 0usize;
    let mut system_standalone = false;
    let mut body_lines = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if l.is_heading {
            scope = Scope::Person;
            continue;
        }
        if l.text.is_empty() {
            continue;
        }
        let in_work = matches!(l.section, Section::Experience | Section::Header);
        let ranges: Vec<DateRange> = dates::find_date_ranges(&l.text)
            .into_iter()
            .filter(|r| r.end.is_some() || r.start.month.is_some())
            .collect();
        if let Some(r) = ranges.first() {
            if l.section == Section::Projects && is_header_line(l, r) {
                if let Some(mut p) = project_entry(l, &ranges) {
                    p.system = words.is_system(&p.name);
                    p.evidence = header_evidence(l);
                    ex.projects.push(p);
                    scope = Scope::Project(ex.projects.len() - 1);
                    continue;
                }
            }
            if in_work && is_header_line(l, r) {
                let mut pos = new_position(l, r, words);
                if pos.organization.is_empty() && pos.title.is_none() {
                    fill_from_previous_lines(&mut pos, lines, i, words);
                }
                ex.positions.push(pos);
                scope = Scope::Position(ex.positions.len() - 1);
                body_lines = 0;
                continue;
            }
        }
        // Position body.
        let current_pos = match scope {
            Scope::Position(p) | Scope::System(p, _, _) => Some(p),
            _ => None,
        };
        if let Some(p) = current_pos {
            body_lines += 1;
            if body_lines <= 3 && ex.positions[p].title.is_none() {
                ex.positions[p].title = title_from_body(&l.text, words);
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
    attach_projects(&mut ex);
    merge_duplicate_positions(&mut ex.positions);
    ex
}

/// Technologies and metrics of one line into the current scope.
fn add_facts(ex: &mut Experience, scope: Scope, l: &Line<'_>, text: &str, words: &Words) {
    let list = is_tech_list(l, words);
    let techs: Vec<Skill> = find_technologies(text, list)
        .into_iter()
        .map(|s| rebase_skill(s, l))
        .collect();
    let metrics: Vec<Metric> = find_metrics(text)
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

/// A date-only header: the title and organisation are on the lines just before it
/// ("Software Engineer" / "Example Corp - Pune" / "June 2016 to Present").
fn fill_from_previous_lines(pos: &mut Position, lines: &[Line<'_>], i: usize, words: &Words) {
    let prev: Vec<&Line<'_>> = lines[..i]
        .iter()
        .rev()
        .filter(|l| !l.text.is_empty())
        .take_while(|l| !l.is_heading && !l.bullet && l.text.chars().count() <= 80)
        .take(2)
        .collect();
    for l in prev {
        let text = l.text.trim();
        let org_part = text.split(" - ").next().unwrap_or(text).trim();
        if pos.title.is_none() && words.is_title(text) && canonical_organization(text).is_none() {
            pos.title = Some(text.to_owned());
        } else if pos.organization.is_empty() {
            pos.organization = org_part.to_owned();
            if let Some(loc) = text.split(" - ").nth(1) {
                pos.location = Some(loc.trim().to_owned());
            }
            let c = canonical_organization(org_part);
            pos.organization_label = c.as_ref().map(|c| c.0.clone());
            pos.organization_iri = c.map(|c| c.1);
        }
    }
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

/// The same position written twice (a bilingual file) becomes one: same canonical
/// organisation and same start date.
fn merge_duplicate_positions(positions: &mut Vec<Position>) {
    let mut out: Vec<Position> = Vec::new();
    for p in positions.drain(..) {
        let twin = out.iter_mut().find(|o| {
            o.start.is_some()
                && o.start == p.start
                && (o.organization_iri.is_some() && o.organization_iri == p.organization_iri
                    || o.organization == p.organization)
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
    }
}
