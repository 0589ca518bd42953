//! Person: name (Latin and Chinese forms), contact details, languages.

use super::layout::{Line, Section};
use super::lines::{emails, phones, split_parts, urls};
use super::{is_han, is_han_name, Words};
use crate::model::{Evidence, Person};

/// Whether a cleaned line looks like a Latin personal name ("Jane Q. Doe", "Max, Weiran Holt").
fn looks_like_latin_name(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty()
        || s.len() > 40
        || s.chars()
            .any(|c| c.is_ascii_digit() || c == '@' || c == '|')
    {
        return false;
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
                && w.chars().all(|c| !is_han(c))
        })
}

/// The leading Chinese name of a glued header ("王小明高级后端工程师|…").
fn leading_han_name(s: &str, title_words: &[String]) -> Option<String> {
    let run: String = s.chars().take_while(|c| is_han(*c)).collect();
    let n = run.chars().count();
    if (2..=4).contains(&n) {
        return Some(run);
    }
    if n > 4 {
        // Cut before the first title word ("负责人", "工程师"…) or take three characters.
        let chars: Vec<char> = run.chars().collect();
        for len in [3, 2] {
            let rest: String = chars[len..].iter().collect();
            if title_words.iter().any(|t| rest.starts_with(t.as_str())) {
                return Some(chars[..len].iter().collect());
            }
        }
        return Some(chars[..3].iter().collect());
    }
    None
}

/// Words that never occur in a personal name: function words, and the words of résumé
/// boilerplate ("Resume Template", "Your Name", "Phone Number").
fn has_non_name_word(s: &str, words: &Words) -> bool {
    let non_name = &words.not_name_words;
    let doc_titles = &words.document_titles;
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.' || c == '-'))
        .filter(|w| !w.is_empty())
        .enumerate()
        .any(|(k, w)| {
            let w = w.trim_end_matches('.');
            // A function word ("an", "of") written as a capitalised first word can be a
            // given name ("An Tran"); boilerplate words never are.
            let given_name_like = k == 0 && is_titlecase(w);
            non_name
                .iter()
                .filter(|n| !(given_name_like && is_function_word(n)))
                .chain(doc_titles)
                .any(|n| n.eq_ignore_ascii_case(w))
                || words.title_en.iter().any(|t| t.eq_ignore_ascii_case(w))
                || words
                    .school_words
                    .iter()
                    .chain(&words.org_words_en)
                    .any(|t| t.eq_ignore_ascii_case(w))
        })
        || super::layout::heading_of(s).is_some()
}

/// "An": an upper-case initial followed by lower-case letters.
fn is_titlecase(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_lowercase)
}

/// The function words of the not-name list are the ones written in lower case there.
fn is_function_word(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_lowercase())
}

/// A Latin personal name: name-shaped and free of words names never contain.
fn is_latin_name(s: &str, words: &Words) -> bool {
    // In a mixed-case line an all-capitals word is an acronym ("San Mateo CA"), not a name.
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.iter().all(|c| !c.is_lowercase());
    let acronym = !all_caps
        && s.split_whitespace().any(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
                && !w.contains('.')
        });
    looks_like_latin_name(s)
        && !acronym
        && s.matches(',').count() <= 1
        && !has_non_name_word(s, words)
        // "NORTHWIND TRADERS S.A.": a legal form makes it an organisation.
        && words.org_strength(s) < 3
}

fn is_short_han_name(s: &str) -> bool {
    is_han_name(s) && s.chars().count() <= 4
}

/// A short Han line that can be a name: not a section heading ("联系方式", "主要技能"), not
/// a job title and not a school ("中山大学": a two-column page's reading order can put the
/// education column above the name).
fn is_han_name_line(s: &str, words: &Words) -> bool {
    is_short_han_name(s)
        && super::layout::heading_of(s).is_none()
        && !words.is_title(s)
        && !words.is_school(s)
}

/// How far into a document a name printed alone is looked for, in non-empty lines.
const STANDALONE_NAME_LINES: usize = 80;

/// With no name anywhere near the header: a line of two or three Han characters standing
/// alone (no bullet, not a heading or title) that starts with a common surname — a name in
/// a text box that the reading order put mid-page ("…课程" / "李明" / "代数方向:").
fn standalone_han_name(lines: &[Line<'_>], words: &Words) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty())
        .take(STANDALONE_NAME_LINES)
        .find(|(_, l)| {
            let t = l.text.trim();
            let n = t.chars().count();
            !l.bullet
                && !l.is_heading
                && (2..=4).contains(&n)
                && is_han_name_line(t, words)
                && words.surnames_zh.iter().any(|s| {
                    t.strip_prefix(s.as_str())
                        .is_some_and(|given| (1..=2).contains(&given.chars().count()))
                })
                && super::find_technologies(t, false).is_empty()
                && words.org_strength(t) == 0
        })
        .map(|(i, _)| i)
}

/// Whether a line is a language's name ("简体中文", "English"), as a language switch shows.
fn names_a_language(s: &str, words: &Words) -> bool {
    words.languages.iter().any(|lang| {
        if lang.is_ascii() {
            lang.eq_ignore_ascii_case(s)
        } else {
            s.ends_with(lang.as_str()) && s.chars().count() <= lang.chars().count() + 2
        }
    })
}

/// "Resume of Jane Doe" → "Jane Doe".
fn strip_name_intro(t: &str) -> &str {
    for intro in [
        "resume of ",
        "résumé of ",
        "cv of ",
        "curriculum vitae of ",
        "profile of ",
    ] {
        if t.len() > intro.len()
            && t.is_char_boundary(intro.len())
            && t[..intro.len()].eq_ignore_ascii_case(intro)
        {
            return t[intro.len()..].trim();
        }
    }
    t
}

/// The name at the start of a header line that goes on with credentials or an address:
/// "Jane Q. Doe, MS (CS), PMP", "Jane Doe, Ph.D., Associate Professor",
/// "Jane Doe 122 South Michigan Avenue", "Jane Doe Road  Denmark".
fn leading_latin_name(t: &str, words: &Words) -> Option<String> {
    if let Some((head, tail)) = t.split_once(',') {
        let tail = tail.trim();
        let credential = tail
            .split([',', ' '])
            .find(|w| !w.is_empty())
            .is_some_and(|w| {
                let w = w.trim_end_matches('.');
                super::degree_level(w).is_some()
                    || w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
            });
        if credential && is_latin_name(head.trim(), words) {
            return Some(head.trim().to_owned());
        }
    }
    let tokens: Vec<&str> = t.split_whitespace().collect();
    for k in (2..=4.min(tokens.len().saturating_sub(1))).rev() {
        let head = tokens[..k].join(" ");
        let next = tokens[k];
        let stop = next.chars().next().is_some_and(|c| c.is_ascii_digit())
            || has_non_name_word(next, words);
        if stop && is_latin_name(&head, words) && t.starts_with(&head) {
            return Some(head);
        }
    }
    None
}

/// A place as written in a header ("Shenzhen, China", "Madrid, Spain", "北京", "中国深圳").
fn looks_like_place(s: &str, name: &str, words: &Words) -> bool {
    let s = s.trim();
    if s.is_empty()
        || s == name
        || words.is_title(s)
        || s.contains(['@', ':', '：', '/', '(', ')'])
        || s.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    if s.chars().any(super::is_han) {
        let n = s.chars().count();
        return is_han_name(s) && (2..=6).contains(&n) && !is_short_han_name_like_person(s, name);
    }
    let groups: Vec<&str> = s.split(',').map(str::trim).collect();
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    (1..=3).contains(&groups.len())
        && (1..=5).contains(&tokens.len())
        && groups.iter().all(|g| !g.is_empty())
        && tokens.iter().all(|t| {
            t.chars().next().is_some_and(char::is_uppercase)
                && t.chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '-' || c == '\'')
        })
        && !has_non_name_word(s, words)
        && s != name
}

/// A two-to-four character Han string equal to the person's name is not a place.
fn is_short_han_name_like_person(s: &str, name: &str) -> bool {
    !name.is_empty() && (s == name || s.starts_with(name))
}

/// Find the person: name, other spellings, headline, contacts, location.
pub fn extract_person(text: &str, lines: &[Line<'_>], words: &Words) -> Person {
    let title_words = &words.title_zh;
    let mut person = Person::default();
    // The person's own contact details: those of the first 60 lines (a reference's e-mail
    // further down is someone else's).
    let zone_text: String = lines
        .iter()
        .take(60)
        .map(|l| l.raw)
        .collect::<Vec<_>>()
        .join("\n");
    person.emails = emails(&zone_text);
    person.phones = phones(&zone_text);
    person.urls = urls(&zone_text);
    // The header and contact sections, and the first lines whatever their section (a
    // "Special Education" title line above the name is not the start of a section).
    let first_lines: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.is_empty())
        .take(5)
        .map(|(i, _)| i)
        .collect();
    let head_zone: Vec<(usize, &Line<'_>)> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            matches!(l.section, Section::Header | Section::Contact) || first_lines.contains(i)
        })
        .take(40)
        .collect();
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (k, l) in lines.iter().take(400).enumerate() {
        // A form's name row is among its first rows.
        if let Some(v) = (k < 40)
            .then(|| form_cell_value(&l.text, &words.name_labels))
            .flatten()
            .filter(|v| is_latin_name(v, words) || is_han_name_line(v, words))
        {
            candidates.push((v.to_owned(), l.start));
            continue;
        }
        for label in &words.name_labels {
            for sep in [":", "："] {
                if let Some(v) = after_first_key(&l.text, label, sep) {
                    let v = v.trim();
                    // "Name:" alone, the name on the next line (a form).
                    if v.is_empty() && l.text.trim() == format!("{label}{sep}") {
                        let next = lines[k + 1..].iter().find(|n| !n.text.is_empty());
                        if let Some(n) = next.filter(|n| {
                            is_latin_name(n.text.trim(), words)
                                || is_han_name_line(n.text.trim(), words)
                        }) {
                            candidates.push((n.text.trim().to_owned(), n.start));
                        }
                        continue;
                    }
                    let v: String = v
                        .split(|c: char| c.is_whitespace() || c == '|' || c == '，' || c == ',')
                        .next()
                        .unwrap_or("")
                        .to_owned();
                    if !v.is_empty() && v.chars().count() <= 30 && !has_non_name_word(&v, words) {
                        candidates.push((v, l.start));
                    }
                }
            }
        }
    }
    let is_doc_title = |t: &str| {
        words
            .document_titles
            .iter()
            .any(|d| d.eq_ignore_ascii_case(t.trim()))
    };
    // The line the name was found on, and the rest of that line (headline, place).
    let mut name_line: Option<usize> = None;
    let mut name_rest: Option<String> = None;
    for &(i, l) in &head_zone {
        if l.is_heading || l.text.is_empty() || is_doc_title(&l.text) {
            continue;
        }
        let t = strip_name_intro(l.text.trim());
        if names_a_language(t, words) {
            // A language switch ("English | 简体中文") is no name.
            continue;
        }
        // "Jane Q. Roe, Ph.D.": the credentials after a comma are no part of the name.
        let credentialed = t
            .contains(',')
            .then(|| leading_latin_name(t, words))
            .flatten();
        if credentialed.is_none() && (is_latin_name(t, words) || is_han_name_line(t, words)) {
            candidates.push((t.to_owned(), l.start));
            name_line = Some(i);
            break;
        }
        if let Some(n) = credentialed.or_else(|| leading_latin_name(t, words)) {
            name_rest = Some(t[n.len()..].to_owned());
            candidates.push((n, l.start));
            name_line = Some(i);
            break;
        }
        if let Some(first) = name_cell(t, words) {
            candidates.push((first, l.start));
            name_line = Some(i);
            break;
        }
        if let Some(n) =
            leading_han_name(t, title_words).filter(|n| super::layout::heading_of(n).is_none())
        {
            let label = t[n.len()..].trim_start().starts_with([':', '：']);
            if !label && (t.contains('|') || t.chars().count() > 40) {
                name_rest = Some(t[n.len()..].to_owned());
                candidates.push((n, l.start));
                name_line = Some(i);
                break;
            }
        }
    }
    // A Latin name the person's own contact details spell ("JANE ROE" and janeroe.dev@…)
    // outranks a header candidate they do not spell: a two-column page prints the name in
    // its sidebar, mid-page, and the header zone may then offer a sidebar phrase instead.
    // A name on the first line of the page is the header's own, whatever the contacts say.
    let labelled = candidates.len() > usize::from(name_line.is_some());
    let on_first_line = name_line.is_some() && name_line == first_lines.first().copied();
    if !labelled && !on_first_line {
        let handles = own_handles(&person.emails, &person.urls);
        let spelled_by_contacts = |n: &str| latin_spelled(n, &handles);
        if !candidates
            .first()
            .is_some_and(|(c, _)| spelled_by_contacts(c))
        {
            if let Some((i, n)) = spelled_latin_name(lines, words, &handles) {
                candidates.clear();
                name_rest = None;
                candidates.push((n, lines[i].start));
                name_line = Some(i);
            }
        }
    }
    if candidates.is_empty() {
        // No header name: the line that carries the contact details usually starts with it
        // ("王小明高级后端工程师|深圳|138…|x@example.cn", glued by PDF conversion).
        if let Some((i, l)) = lines
            .iter()
            .enumerate()
            .find(|(_, l)| !emails(l.raw).is_empty() || !phones(l.raw).is_empty())
        {
            let first = l.text.split('|').next().unwrap_or("").trim();
            if is_latin_name(first, words) {
                candidates.push((first.to_owned(), l.start));
                name_line = Some(i);
            } else if let Some(n) = leading_han_name(first, title_words)
                .filter(|n| !words.contact_labels.iter().any(|c| c == n))
            {
                name_rest = Some(l.text.trim()[n.len()..].to_owned());
                candidates.push((n, l.start));
                name_line = Some(i);
            }
        }
    }
    if candidates.is_empty() {
        if let Some((i, n)) = name_confirmed_by_contacts(text, lines, words) {
            candidates.push((n, lines[i].start));
            name_line = Some(i);
        }
    }
    if candidates.is_empty() {
        if let Some(i) = standalone_han_name(lines, words) {
            candidates.push((lines[i].text.trim().to_owned(), lines[i].start));
            name_line = Some(i);
        }
    }
    if let Some((name, _)) = candidates.first() {
        person.name = name.clone();
        if let Some(i) = text.find(name.as_str()) {
            person.evidence = Some(Evidence {
                start: i,
                end: i + name.len(),
                text: name.clone(),
                confidence: 0.8,
                page: None,
                bbox: None,
            });
        }
    }
    for (c, _) in candidates.iter().skip(1) {
        if c != &person.name && !person.names.contains(c) {
            person.names.push(c.clone());
        }
    }
    // "Max, Weiran Holt": the given name after the comma, and nickname + surname.
    if let Some((nick, rest)) = person.name.split_once(',') {
        let rest = rest.trim();
        if let Some(surname) = rest.split_whitespace().last() {
            for v in [rest.to_owned(), format!("{} {surname}", nick.trim())] {
                if !person.names.contains(&v) {
                    person.names.push(v);
                }
            }
        }
    }
    headline_and_place(&mut person, lines, name_line, name_rest.as_deref(), words);
    other_spellings(&mut person, lines, name_line, words);
    person
}

/// The first cell of a header line when it is a name: "Jane Doe | Engineer", "JANE D. –
/// Software Engineer | Remote", and "王小明/男/1990" (a slash-separated line is a personal-info
/// line only when a cell is a gender word).
fn name_cell(t: &str, words: &Words) -> Option<String> {
    let is_name = |c: &str| is_latin_name(c, words) || is_han_name_line(c, words);
    let parts = split_parts(t);
    if parts.len() > 1 && is_name(&parts[0]) && t.trim_start().starts_with(parts[0].as_str()) {
        return Some(parts[0].clone());
    }
    // "实习经历          王小明": a two-column page puts the left column's first heading
    // and the name on one line; the name is the cell after the heading.
    if parts.len() == 2 && super::layout::heading_of(&parts[0]).is_some() && is_name(&parts[1]) {
        return Some(parts[1].clone());
    }
    let cells: Vec<&str> = t.split(['/', '|']).map(str::trim).collect();
    let gender = cells
        .iter()
        .skip(1)
        .any(|c| words.gender_words.iter().any(|g| g == c));
    (gender && is_name(cells[0])).then(|| cells[0].to_owned())
}

/// The cell after a cell that is exactly one of `labels`, on a row of a form ("姓名 | 王小明 |
/// 电话 | …", "Name  Jane Roe  Phone  …"): cells are separated by " | ", tabs or a run of two
/// or more spaces (a table row as the readers give it).
fn form_cell_value<'t>(text: &'t str, labels: &[String]) -> Option<&'t str> {
    let cells_apart = text.contains(['|', '\t']) || text.contains("  ");
    if !cells_apart || !labels.iter().any(|l| text.contains(l.as_str())) {
        return None;
    }
    let mut cells = text
        .split(['|', '\t'])
        .flat_map(|c| c.split("  "))
        .map(str::trim)
        .filter(|c| !c.is_empty());
    while let Some(cell) = cells.next() {
        if labels.iter().any(|l| l.eq_ignore_ascii_case(cell)) {
            return cells.next();
        }
    }
    None
}

/// With no name in the header: a name on a line of its own anywhere in the document that the
/// contact details confirm, a Chinese name whose pinyin the e-mail or a web address spells
/// ("王小明" and xiaoming.wang@…), or a Latin name written in lower case ("jane doe") as the
/// first line right above the contact details.
fn name_confirmed_by_contacts(
    text: &str,
    lines: &[Line<'_>],
    words: &Words,
) -> Option<(usize, String)> {
    let handles: Vec<String> = emails(text)
        .into_iter()
        .chain(urls(text))
        .map(|h| handle_letters(&h))
        .collect();
    if handles.is_empty() {
        return None;
    }
    let spelled = |name: &str| {
        use pinyin::ToPinyin;
        let syllables: Vec<&str> = name.to_pinyin().flatten().map(|p| p.plain()).collect();
        if syllables.len() < 2 || syllables.len() != name.chars().count() {
            return false;
        }
        let (surname, given) = (syllables[0], syllables[1..].concat());
        let forms = [format!("{surname}{given}"), format!("{given}{surname}")];
        handles
            .iter()
            .any(|h| forms.iter().any(|f| h.contains(f.as_str())))
    };
    for (i, l) in lines.iter().enumerate() {
        let t = l.text.trim();
        if !l.is_heading && is_han_name_line(t, words) && spelled(t) {
            return Some((i, t.to_owned()));
        }
    }
    // The first non-empty line, in lower case, with contact details within the next lines.
    let mut non_empty = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty());
    let (i, first) = non_empty.next()?;
    let t = first.text.trim();
    let capitalised = words_titlecased(t);
    let contact_below = non_empty
        .take(3)
        .any(|(_, l)| !emails(l.raw).is_empty() || !phones(l.raw).is_empty());
    (contact_below && t.chars().any(char::is_lowercase) && is_latin_name(&capitalised, words))
        .then(|| (i, t.to_owned()))
}

/// The handles of the person's own contact details (those of the first 60 lines), letters
/// only: the first e-mail's local part and the web addresses.
fn own_handles(emails: &[String], urls: &[String]) -> Vec<String> {
    let email = emails
        .first()
        .map(|e| handle_letters(e.split('@').next().unwrap_or("")));
    email
        .into_iter()
        .chain(urls.iter().map(|u| handle_letters(u)))
        .collect()
}

/// A handle's letters in lower case ("Jane.Roe-88" → "janeroe"), as names are compared with it.
fn handle_letters(h: &str) -> String {
    h.chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether a handle spells the Latin name whole, given name first or last ("Jane Roe" in
/// janeroe.dev@… or roejane…); at least six letters, so a short name is no coincidence.
fn latin_spelled(name: &str, handles: &[String]) -> bool {
    let tokens: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if tokens.len() < 2 {
        return false;
    }
    let forward = tokens.concat();
    let backward: String = tokens.iter().rev().map(String::as_str).collect();
    forward.len() >= 6
        && handles
            .iter()
            .any(|h| h.contains(&forward) || h.contains(&backward))
}

/// The first Latin name in a cell of the first 80 lines that the contact handles spell.
fn spelled_latin_name(
    lines: &[Line<'_>],
    words: &Words,
    handles: &[String],
) -> Option<(usize, String)> {
    if handles.is_empty() {
        return None;
    }
    // A heading line is searched too: its cells are checked one by one ("JANE ROE   EDUCATION").
    lines.iter().enumerate().take(80).find_map(|(i, l)| {
        split_parts(&l.text)
            .into_iter()
            .map(|c| c.trim_start_matches(['•', '·', '-', ' ']).trim().to_owned())
            .find(|c| is_latin_name(c, words) && latin_spelled(c, handles))
            .map(|c| (i, c))
    })
}

/// "jane doe" → "Jane Doe" (each word's first letter upper case).
fn words_titlecased(t: &str) -> String {
    t.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The parts of a header line: "Senior Engineer | Singapore", "Title — City", "A · B".
fn header_parts(s: &str) -> Vec<String> {
    split_parts(&s.replace(" · ", " | ").replace(" • ", " | "))
}

/// The text after the first occurrence of `label` directly followed by `sep` (what
/// `text.find` of the two joined finds), without building the joined key.
fn after_first_key<'a>(text: &'a str, label: &str, sep: &str) -> Option<&'a str> {
    // The first key ends at the first occurrence of `sep` preceded by `label`; occurrences
    // are visited one char apart so that overlapping ones are seen too.
    let Some(step) = sep.chars().next().map(char::len_utf8) else {
        return text.find(label).and_then(|i| text.get(i + label.len()..));
    };
    let single = (sep.len() == step).then(|| sep.chars().next()).flatten();
    let mut from = 0;
    loop {
        let rest = text.get(from..)?;
        // A one-char separator is searched as a char (no substring searcher to build).
        let i = from + single.map_or_else(|| rest.find(sep), |c| rest.find(c))?;
        if text[..i].ends_with(label) {
            return text.get(i + sep.len()..);
        }
        from = i + step;
    }
}

/// Headline (the title line under the name) and location (labelled, or a place among the
/// parts of the header lines).
fn headline_and_place(
    person: &mut Person,
    lines: &[Line<'_>],
    name_line: Option<usize>,
    name_rest: Option<&str>,
    words: &Words,
) {
    for l in lines.iter().take(200) {
        if let Some(v) = words.location_labels.iter().find_map(|label| {
            [":", "："]
                .iter()
                .find_map(|sep| l.text.strip_prefix(label.as_str())?.strip_prefix(sep))
        }) {
            let v = v.split('|').next().unwrap_or("").trim();
            if !v.is_empty() && v.chars().count() <= 50 {
                person.location = Some(v.to_owned());
                break;
            }
        }
    }
    let Some(ni) = name_line else {
        return;
    };
    // The name line's other parts, then the next few header lines.
    let mut texts: Vec<String> = Vec::new();
    match name_rest {
        Some(rest) => texts.push(rest.to_owned()),
        None => texts.push(lines[ni].text.clone()),
    }
    texts.extend(
        lines[ni + 1..]
            .iter()
            .filter(|l| !l.text.is_empty())
            .take_while(|l| {
                !l.is_heading && matches!(l.section, Section::Header | Section::Contact)
            })
            .take(3)
            .map(|l| l.text.clone()),
    );
    let name = person.name.clone();
    for (k, t) in texts.iter().enumerate() {
        let parts = header_parts(t);
        for p in &parts {
            let p = p.trim();
            if p == name || !emails(p).is_empty() || !phones(p).is_empty() || !urls(p).is_empty() {
                continue;
            }
            if person.headline.is_none()
                && k <= 1
                && words.is_title(p)
                && p.chars().count() <= 60
                && !p.contains([':', '：'])
            {
                person.headline = Some(p.to_owned());
            } else if person.location.is_none() && looks_like_place(p, &name, words) {
                person.location = Some(p.to_owned());
            }
        }
    }
}

/// A second header further down with the same e-mail or phone (the other-language half of
/// a bilingual file) names the same person: its name is another spelling.
fn other_spellings(
    person: &mut Person,
    lines: &[Line<'_>],
    name_line: Option<usize>,
    words: &Words,
) {
    let Some(ni) = name_line else {
        return;
    };
    let mut seen_body = false;
    for (i, l) in lines.iter().enumerate().skip(ni + 1) {
        if l.section != Section::Header {
            seen_body = true;
            continue;
        }
        if !seen_body {
            continue;
        }
        let same_contact = emails(l.raw).iter().any(|e| person.emails.contains(e))
            || phones(l.raw).iter().any(|p| person.phones.contains(p));
        if !same_contact {
            continue;
        }
        let before = lines[..i]
            .iter()
            .rev()
            .filter(|l| !l.text.is_empty())
            .take(3);
        for b in before {
            let t = b.text.trim();
            if (is_latin_name(t, words) || is_short_han_name(t))
                && t != person.name
                && !person.names.iter().any(|n| n == t)
            {
                person.names.push(t.to_owned());
                break;
            }
        }
        seen_body = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_first_key_is_find_of_the_joined_key() {
        let odd = [
            "Name::Name: x",
            "姓名：：张三",
            "NameName:",
            ":Name",
            "Name",
        ];
        let lines = crate::extract::sample_lines();
        for text in lines.iter().map(String::as_str).chain(odd) {
            let labels = &Words::get().name_labels;
            for label in labels.iter().map(String::as_str).chain(["", "::"]) {
                for sep in [":", "：", "::", ""] {
                    let key = format!("{label}{sep}");
                    let plain = text.find(&key).map(|i| &text[i + key.len()..]);
                    assert_eq!(after_first_key(text, label, sep), plain, "{text:?} {key:?}");
                }
            }
        }
    }

    #[test]
    fn contacts() {
        let t = "Email: [ann@example.com](mailto:ann@example.com) | Tel: +86-138-0000-0001 | https://github.com/ann-dev职业概述";
        assert_eq!(emails(t), vec!["ann@example.com"]);
        assert_eq!(phones(t), vec!["+86-138-0000-0001"]);
        assert_eq!(urls(t), vec!["https://github.com/ann-dev"]);
        assert!(phones("2018.07 - 2020.04").is_empty());
        assert!(phones("2009 - 2012").is_empty());
        assert_eq!(phones("手机号：13800000000"), vec!["13800000000"]);
    }

    #[test]
    fn latin_names() {
        assert!(looks_like_latin_name("Jane Doe"));
        assert!(looks_like_latin_name("Max, Weiran Holt"));
        assert!(!looks_like_latin_name("Senior backend engineer at Example"));
        assert!(!looks_like_latin_name("Summary"));
        assert!(!looks_like_latin_name("Jane Doe 2021"));
    }

    fn person(text: &str) -> Person {
        let ls = super::super::layout::lines(text);
        extract_person(text, &ls, Words::get())
    }

    #[test]
    fn a_name_alone_mid_page_needs_a_surname() {
        let doc = |line: &str| {
            format!(
                "本科院校：北方大学 专业：物理学\n教育背景\n专业排名：3/80\n软件能力：Matlab\n\
                 英语六级：520\n个人主页：https://example.org/cv\n\n选修课程\n{line}\n光学方向:\n\
                 量子光学，激光物理。\n"
            )
        };
        assert_eq!(person(&doc("欧阳明")).name, "欧阳明");
        assert_eq!(person(&doc("韩梅")).name, "韩梅");
        // No common surname, a list item, or a given name too long: no name.
        assert_eq!(person(&doc("光明")).name, "");
        assert_eq!(person(&doc("● 高明")).name, "");
        assert_eq!(person(&doc("王小明明")).name, "");
    }

    #[test]
    fn names_in_headers() {
        assert_eq!(person("Jane Doe\nSenior Engineer\n").name, "Jane Doe");
        // A two-column page: the left column's heading and the name share the first line.
        assert_eq!(
            person("实习经历                      林青木\n青石科技有限公司  2015.5 至今\n").name,
            "林青木"
        );
        // Boilerplate above the name.
        assert_eq!(
            person("Music Producer Resume Template\nPeter S. Gutierrez\nNew York City\n").name,
            "Peter S. Gutierrez"
        );
        assert_eq!(
            person("RESUME OF Darell Cormier\nLOS ANGELES\n").name,
            "Darell Cormier"
        );
        // Credentials and an address after the name.
        assert_eq!(
            person("Hal Schmeler, MS (CS), PMP\n232 Olive Ave\n").name,
            "Hal Schmeler"
        );
        assert_eq!(
            person("Jane Q. Roe, Ph.D.\njane@example.org\n").name,
            "Jane Q. Roe"
        );
        assert_eq!(person("Sam Roe, MBA\n").name, "Sam Roe");
        assert_eq!(
            person("Ivory Beahan 122 South Michigan Avenue\nChicago, IL\n").name,
            "Ivory Beahan"
        );
        // Lines that are not names.
        for line in [
            "City, State, Zip Code",
            "Areas of Excellence",
            "San Mateo CA",
            "Java Developer",
            "Magna Cum Laude",
            "Analytical, Leadership, Communication",
        ] {
            assert_eq!(person(&format!("{line}\n")).name, "", "{line}");
        }
        // Labelled.
        assert_eq!(person("个人简历\n姓名：孙雨桐\n").name, "孙雨桐");
    }

    #[test]
    fn headline_place_and_contacts() {
        let p = person("Priya Raman\nSenior Backend Engineer | Singapore\nEmail: p@example.com | Phone: +65-555-0142\n");
        assert_eq!(p.headline.as_deref(), Some("Senior Backend Engineer"));
        assert_eq!(p.location.as_deref(), Some("Singapore"));
        assert_eq!(p.phones, ["+65-555-0142"]);
        let p = person("Tomás Ortega\nSenior Software Engineer — Madrid, Spain\nt@example.org · +34-555-0119\n");
        assert_eq!(p.headline.as_deref(), Some("Senior Software Engineer"));
        assert_eq!(p.location.as_deref(), Some("Madrid, Spain"));
        let p = person(
            "Ethan Liu | Senior Backend Engineer | Beijing | e@example.com | +86-186-0000-0008\n",
        );
        assert_eq!(p.name, "Ethan Liu");
        assert_eq!(p.headline.as_deref(), Some("Senior Backend Engineer"));
        assert_eq!(p.location.as_deref(), Some("Beijing"));
        let p = person("Lena Tang\n\nLocation: Hangzhou, China\n");
        assert_eq!(p.location.as_deref(), Some("Hangzhou, China"));
    }

    #[test]
    fn second_header_of_a_bilingual_file() {
        let text = "Kai Zhang\nkai@example.com\n\nEXPERIENCE\nXiaomi | Engineer | 2019.01 - 至今\n\n----\n\n张凯\n高级软件工程师\nkai@example.com\n\n工作经历\n";
        let p = person(text);
        assert_eq!(p.name, "Kai Zhang");
        assert!(p.names.contains(&"张凯".to_owned()), "{:?}", p.names);
    }

    #[test]
    fn a_language_switch_is_no_name() {
        assert_eq!(
            person("简体中文\n\n王小明\n电话：13800000000").name,
            "王小明"
        );
        assert_eq!(
            person("English\nJane Roe\njane@example.com").name,
            "Jane Roe"
        );
    }

    #[test]
    fn headings_and_labels_are_no_names() {
        // A contact heading first, the name in a personal-info line with a gender cell.
        let p = person("联系方式\n手机：13800000000\n\n个人信息\n柳青禾/男/1990\n研究生/北方大学");
        assert_eq!(p.name, "柳青禾");
        // A label is no name: "本科院校: …" is a field.
        let p = person("本科院校：北方大学 | 就读专业：物理学\n教育背景\n2016-2020 北方大学");
        assert_ne!(p.name, "本科院校");
    }

    #[test]
    fn names_before_a_headline_and_capitalised_function_words() {
        let p = person(
            "JANE R. – Software Engineer | Distributed Systems\nLyon, FR | jane@example.com",
        );
        assert_eq!(p.name, "JANE R.");
        let p = person("An Tran\nSt. Paul, MN | (651) 555-0100\nan.tran@example.com");
        assert_eq!(p.name, "An Tran");
        // Lower-case function words still mark a phrase.
        assert_ne!(
            person("Head of Platform\njane@example.com").name,
            "Head of Platform"
        );
    }

    #[test]
    fn a_name_confirmed_by_the_contact_details() {
        // Sidebar order: the name sits far from the top; the e-mail spells its pinyin.
        let text = "实习经历\n白桦软件有限公司  2015.5 至今\n负责后端开发。\n负责测试工作。\n负责运维工作。\n\n柳青禾\n电话 13800000000\nqinghe.liu@example.com\n主要技能";
        assert_eq!(person(text).name, "柳青禾");
        // Without that confirmation a short Chinese line is a name only when it starts with a
        // common surname (see `a_name_alone_mid_page_needs_a_surname`).
        let text =
            "实习经历\n白桦软件有限公司  2015.5 至今\n负责后端开发。\n负责测试工作。\n负责运维工作。\n\n青禾\nabc@example.com";
        assert_ne!(person(text).name, "青禾");
        // A name in lower case right above the contact line.
        let p =
            person("\njane roe\n\nLyon 69001    jane@example.com    github.com/jroe\n\nExperience");
        assert_eq!(p.name, "jane roe");
    }

    #[test]
    fn a_sidebar_name_the_email_spells_beats_a_sidebar_phrase() {
        // A two-column page as a text layer: the sidebar's name sits mid-page beside the main
        // column; a phrase of the skills sidebar is the only name-shaped header line.
        let text = "                     ABOUT ME\n                     I build desktop tools in C++.\n\n\
                    CORA VANTE           EDUCATION\n                     Example Institute of Technology\n\
                    coravante.dev@example.com\n                     FAMILIAR WITH\n                     Design Patterns\n";
        assert_eq!(person(text).name, "CORA VANTE");
        // The contacts spell nobody: the header's name stays.
        let p = person("Jane Roe\nSenior Engineer\njr@example.com\n\nSkills\nDesign Patterns\n");
        assert_eq!(p.name, "Jane Roe");
        // The first line's name stays even when the contacts spell another (an agency's).
        let p = person("Jane Roe\nSenior Engineer\nMax Ortega\nmaxortega@example.com\n");
        assert_eq!(p.name, "Jane Roe");
        // A name label wins whatever the contacts say.
        let p = person("姓名：柳青禾\nMax Ortega\nmaxortega@example.com\n");
        assert_eq!(p.name, "柳青禾");
    }

    #[test]
    fn a_form_with_the_name_under_its_label() {
        let p = person(
            "Curriculum Vitae\n1. Position:\nLegal Manager\n2. Company:\n\
             NORTHWIND TRADERS S.A.\n3. Name:\nJane Quill Roe\n4. Nationality: Chilean\n",
        );
        assert_eq!(p.name, "Jane Quill Roe");
        // An organisation with a legal form is never the name.
        let p = person("NORTHWIND TRADERS S.A.\nSenior Engineer\n");
        assert_ne!(p.name, "NORTHWIND TRADERS S.A.");
    }

    #[test]
    fn a_form_with_the_name_in_the_cell_beside_its_label() {
        // A job-site form: label cells and value cells on one row (a DOCX table, or a PDF
        // of it with the cells set apart by spaces). The label is no name.
        for row in [
            "姓名 | 柳青禾 | 电话 | 138-0000-0000",
            "姓名  柳青禾  电话  138-0000-0000",
            "Name\tMax Ortega\tPhone\t+1 555 0100",
        ] {
            let p = person(&format!("{row}\n\n工作经历\n"));
            assert!(
                ["柳青禾", "Max Ortega"].contains(&p.name.as_str()),
                "{row}: {p:?}"
            );
        }
        // A label cell before something that is no name gives nothing.
        let labels = &Words::get().name_labels;
        assert_eq!(
            form_cell_value("姓名 | 138-0000-0000", labels),
            Some("138-0000-0000")
        );
        assert_eq!(form_cell_value("Name of the project  Atlas", labels), None);
        assert_ne!(
            person("Name | Senior Engineer | Phone | 1\n").name,
            "Senior Engineer"
        );
    }

    #[test]
    fn glued_chinese_name() {
        let words = vec!["负责人".to_owned(), "工程师".to_owned()];
        assert_eq!(
            leading_han_name("王小明高级后端工程师|上海", &words).as_deref(),
            Some("王小明")
        );
        assert_eq!(leading_han_name("李四", &words).as_deref(), Some("李四"));
    }
}
