//! DOCX (Office Open XML word processing): zip + `word/document.xml` → [`Document`].
//!
//! Read in document order: paragraphs; tables row by row ([`DocumentBuilder::push_row`]),
//! vertically merged continuation cells skipped so no text is duplicated; text boxes once
//! (the `mc:Fallback` copy Word writes next to `mc:Choice` is skipped); headers before the
//! body and footers after it, each distinct one once; list numbering as "• " or the number;
//! hyperlinks (relationship targets and `HYPERLINK` fields) as links. Style hints: bold (run
//! or style), font size (`w:sz` / 2), heading level (style "heading N" / "标题 N" / outline
//! level), indentation (`w:ind`, in points).

use super::archive::Archive;
use super::builder::{Inline, LIST_INDENT};
use super::{Document, DocumentBuilder, LineHint, ReadError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// Read a DOCX file.
pub fn read_docx(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = Archive::open(bytes, "DOCX")?;
    let body = zip
        .read_text("word/document.xml")?
        .ok_or_else(|| ReadError::Malformed("DOCX without word/document.xml".into()))?;
    let rels = match zip.read_text("word/_rels/document.xml.rels")? {
        Some(x) => parse_rels(&x),
        None => Vec::new(),
    };
    let styles = match zip.read_text("word/styles.xml")? {
        Some(x) => Styles::parse(&x),
        None => Styles::default(),
    };
    let numbering = match zip.read_text("word/numbering.xml")? {
        Some(x) => Numbering::parse(&x),
        None => Numbering::default(),
    };
    let mut ctx = Ctx {
        styles,
        numbering,
        links: rels
            .iter()
            .filter(|r| r.kind.ends_with("/hyperlink"))
            .map(|r| (r.id.clone(), r.target.clone()))
            .collect(),
        counters: HashMap::new(),
    };
    let mut b = DocumentBuilder::new();
    let mut seen: Vec<String> = Vec::new();
    let part = |kind: &str| {
        rels.iter()
            .filter(|r| r.kind.ends_with(kind))
            .map(|r| {
                format!(
                    "word/{}",
                    r.target.trim_start_matches('/').trim_start_matches("word/")
                )
            })
            .collect::<Vec<_>>()
    };
    for name in part("/header") {
        if let Some(xml) = zip.read_text(&name)? {
            read_part(&xml, &mut ctx)?.append_to(&mut b, Some(&mut seen));
        }
    }
    read_part(&body, &mut ctx)?.append_to(&mut b, None);
    for name in part("/footer") {
        if let Some(xml) = zip.read_text(&name)? {
            read_part(&xml, &mut ctx)?.append_to(&mut b, Some(&mut seen));
        }
    }
    if !b.has_text() {
        return Err(ReadError::NoText("DOCX with no text (only images?)".into()));
    }
    Ok(b.finish("DOCX"))
}

/// One relationship of `document.xml.rels`.
struct Rel {
    id: String,
    kind: String,
    target: String,
}

fn parse_rels(xml: &str) -> Vec<Rel> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                out.push(Rel {
                    id: attr(&e, b"Id").unwrap_or_default(),
                    kind: attr(&e, b"Type").unwrap_or_default(),
                    target: attr(&e, b"Target").unwrap_or_default(),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Attribute value by local name (any prefix), unescaped.
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// `w:val` as "on": absent or anything but `0`/`false`/`none`.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// Paragraph styles: heading level, bold, size and list numbering, through `w:basedOn`.
#[derive(Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default_size: Option<f32>,
}

#[derive(Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    size: Option<f32>,
    /// The list a paragraph of this style belongs to ("List Bullet"): `numId`, level.
    num: Option<(String, u8)>,
}

impl Styles {
    fn parse(xml: &str) -> Self {
        let mut s = Styles::default();
        let mut r = Reader::from_str(xml);
        let mut cur: Option<(String, Style)> = None;
        let mut in_defaults = false;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    let e = e.clone();
                    match e.local_name().as_ref() {
                        b"style" if !empty => {
                            cur =
                                Some((attr(&e, b"styleId").unwrap_or_default(), Style::default()));
                        }
                        b"rPrDefault" if !empty => in_defaults = true,
                        b"name" => {
                            if let Some((_, st)) = &mut cur {
                                st.name = attr(&e, b"val").unwrap_or_default();
                            }
                        }
                        b"basedOn" => {
                            if let Some((_, st)) = &mut cur {
                                st.based_on = attr(&e, b"val");
                            }
                        }
                        b"outlineLvl" => {
                            if let Some((_, st)) = &mut cur {
                                st.outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                            }
                        }
                        b"b" => {
                            if let Some((_, st)) = &mut cur {
                                st.bold = Some(on(&e));
                            }
                        }
                        b"numId" => {
                            if let Some((_, st)) = &mut cur {
                                let level = st.num.as_ref().map_or(0, |n| n.1);
                                st.num = Some((attr(&e, b"val").unwrap_or_default(), level));
                            }
                        }
                        b"ilvl" => {
                            if let Some((_, st)) = &mut cur {
                                let level = attr(&e, b"val").and_then(|v| v.parse().ok());
                                let id = st.num.take().map(|n| n.0).unwrap_or_default();
                                st.num = Some((id, level.unwrap_or(0)));
                            }
                        }
                        b"sz" => {
                            let size = attr(&e, b"val").and_then(|v| v.parse::<f32>().ok());
                            match &mut cur {
                                Some((_, st)) => st.size = size.map(|v| v / 2.0),
                                None if in_defaults => s.default_size = size.map(|v| v / 2.0),
                                None => {}
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"style" => {
                        if let Some((id, st)) = cur.take() {
                            s.by_id.insert(id, st);
                        }
                    }
                    b"rPrDefault" => in_defaults = false,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        s
    }

    /// Follow `basedOn` from `id` (at most 16 steps) and return the first value `f` gives.
    fn inherited<T>(&self, id: &str, f: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = Some(id.to_owned());
        for _ in 0..16 {
            let st = self.by_id.get(id.as_deref()?)?;
            if let Some(v) = f(st) {
                return Some(v);
            }
            id.clone_from(&st.based_on);
        }
        None
    }

    fn heading_level(&self, id: &str) -> Option<u8> {
        self.inherited(id, |st| {
            let name = st.name.to_lowercase();
            let tail = name
                .strip_prefix("heading")
                .or_else(|| name.strip_prefix("标题"))
                .map(str::trim);
            match tail {
                Some(n) => n.parse::<u8>().ok().filter(|n| (1..=6).contains(n)),
                None if name == "title" => Some(1),
                None => st.outline.filter(|l| *l < 6).map(|l| l + 1),
            }
        })
    }

    fn bold(&self, id: &str) -> Option<bool> {
        self.inherited(id, |st| st.bold)
    }

    fn size(&self, id: &str) -> Option<f32> {
        self.inherited(id, |st| st.size)
    }

    fn numbering(&self, id: &str) -> Option<(String, u8)> {
        self.inherited(id, |st| st.num.clone())
    }
}

/// List definitions: `numId` → abstract list → per-level format and text.
#[derive(Default)]
struct Numbering {
    num_to_abstract: HashMap<String, String>,
    levels: HashMap<(String, u8), (String, String)>,
}

impl Numbering {
    fn parse(xml: &str) -> Self {
        let mut n = Numbering::default();
        let mut r = Reader::from_str(xml);
        let (mut abs, mut lvl, mut num): (Option<String>, Option<u8>, Option<String>) =
            (None, None, None);
        let mut fmt = (String::new(), String::new());
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"abstractNum" => abs = attr(&e, b"abstractNumId"),
                    b"lvl" => {
                        lvl = attr(&e, b"ilvl").and_then(|v| v.parse().ok());
                        fmt = ("decimal".into(), String::new());
                    }
                    b"numFmt" if lvl.is_some() => fmt.0 = attr(&e, b"val").unwrap_or_default(),
                    b"lvlText" if lvl.is_some() => fmt.1 = attr(&e, b"val").unwrap_or_default(),
                    b"num" => num = attr(&e, b"numId"),
                    b"abstractNumId" => {
                        if let (Some(id), Some(a)) = (&num, attr(&e, b"val")) {
                            n.num_to_abstract.insert(id.clone(), a);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"lvl" => {
                        if let (Some(a), Some(l)) = (&abs, lvl.take()) {
                            n.levels.insert((a.clone(), l), std::mem::take(&mut fmt));
                        }
                    }
                    b"abstractNum" => abs = None,
                    b"num" => num = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        n
    }
}

/// Read-wide state: styles, lists and their counters, hyperlink targets.
struct Ctx {
    styles: Styles,
    numbering: Numbering,
    links: HashMap<String, String>,
    counters: HashMap<String, [u32; 9]>,
}

impl Ctx {
    /// The prefix a list item shows ("• ", "3. ", "(b) "), advancing the list's counters;
    /// a nested item is indented two spaces a level, as in Markdown, so that the items
    /// under an entry read as its details.
    fn list_prefix(&mut self, num_id: &str, ilvl: u8) -> String {
        let label = self.list_label(num_id, ilvl);
        if label.is_empty() {
            return label;
        }
        LIST_INDENT.repeat(usize::from(ilvl.min(8))) + &label
    }

    fn list_label(&mut self, num_id: &str, ilvl: u8) -> String {
        if num_id == "0" {
            return String::new();
        }
        let Some(abs) = self.numbering.num_to_abstract.get(num_id) else {
            return "• ".into();
        };
        let lvl = ilvl.min(8);
        let (fmt, text) = self
            .numbering
            .levels
            .get(&(abs.clone(), lvl))
            .cloned()
            .unwrap_or_else(|| ("bullet".into(), String::new()));
        let counters = self.counters.entry(num_id.to_owned()).or_insert([0; 9]);
        counters[usize::from(lvl)] += 1;
        for c in &mut counters[usize::from(lvl) + 1..] {
            *c = 0;
        }
        match fmt.as_str() {
            "bullet" => "• ".into(),
            "none" => String::new(),
            _ => {
                let mut out = text.clone();
                for (i, c) in counters.iter().enumerate() {
                    out = out.replace(&format!("%{}", i + 1), &format_number(&fmt, (*c).max(1)));
                }
                if out.trim().is_empty() {
                    String::new()
                } else {
                    format!("{} ", out.trim())
                }
            }
        }
    }
}

/// A counter value in a list format (decimal, letters, roman numerals, Chinese numerals).
fn format_number(fmt: &str, n: u32) -> String {
    match fmt {
        "lowerLetter" | "upperLetter" => {
            let c = char::from(b'a' + ((n - 1) % 26) as u8);
            if fmt == "upperLetter" {
                c.to_ascii_uppercase().to_string()
            } else {
                c.to_string()
            }
        }
        "lowerRoman" | "upperRoman" => {
            let r = roman(n);
            if fmt == "upperRoman" {
                r.to_uppercase()
            } else {
                r
            }
        }
        f if f.starts_with("chinese")
            || f.starts_with("ideograph")
            || f.starts_with("japanese") =>
        {
            chinese(n)
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, t) in R {
        while n >= v {
            s.push_str(t);
            n -= v;
        }
    }
    s
}

fn chinese(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n > 10 {
                D[(n - 10) as usize].to_string()
            } else {
                String::new()
            }
        ),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n % 10 > 0 {
                D[(n % 10) as usize].to_string()
            } else {
                String::new()
            }
        ),
        _ => n.to_string(),
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    inline: Inline,
    style: Option<String>,
    num: Option<(String, u8)>,
    indent: Option<f32>,
}

/// A table being read: the current row's cells and whether the open cell is a merge
/// continuation (skipped).
#[derive(Default)]
struct Table {
    row: Vec<Vec<(String, LineHint)>>,
    cell: Vec<(String, LineHint)>,
    skip_cell: bool,
}

/// Where the reader is inside a run.
#[derive(Default)]
struct Run {
    bold: Option<bool>,
    size: Option<f32>,
    style: Option<String>,
}

/// The lines and link targets of one part (body, header or footer).
#[derive(Default)]
struct Part {
    lines: Vec<(String, LineHint)>,
    links: Vec<String>,
}

impl Part {
    fn push_link(&mut self, target: &str) {
        self.links.push(target.to_owned());
    }

    /// Append to `b`, unless `seen` (the texts of headers/footers already read) has it:
    /// every section repeats the same header.
    fn append_to(self, b: &mut DocumentBuilder, seen: Option<&mut Vec<String>>) {
        for l in &self.links {
            b.push_link(l);
        }
        let text: Vec<&str> = self.lines.iter().map(|(t, _)| t.trim()).collect();
        let text = text.join("\n");
        if let Some(seen) = seen {
            if text.trim().is_empty() || seen.contains(&text) {
                return;
            }
            seen.push(text);
        }
        for (line, hint) in self.lines {
            if line.trim().is_empty() {
                b.push_break();
            } else {
                b.push_line(&line, hint);
            }
        }
    }
}

/// Read one part (body, header or footer).
fn read_part(xml: &str, ctx: &mut Ctx) -> Result<Part, ReadError> {
    let mut part = Part::default();
    let mut lines: Vec<(String, LineHint)> = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut run: Option<Run> = None;
    let (mut in_ppr, mut in_rpr, mut in_t, mut in_instr) = (false, false, false, false);
    let mut instr = String::new();
    loop {
        let ev = r
            .read_event()
            .map_err(|e| ReadError::Malformed(format!("DOCX: damaged XML: {e}")))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if !is_w(e) {
                    if e.local_name().as_ref() == b"Fallback" && !empty {
                        let name = e.name().as_ref().to_vec();
                        r.read_to_end(quick_xml::name::QName(&name))
                            .map_err(|e| ReadError::Malformed(format!("DOCX: damaged XML: {e}")))?;
                    }
                    continue;
                }
                match e.local_name().as_ref() {
                    b"p" if !empty => paras.push(Para::default()),
                    b"p" => flush_para(Para::default(), ctx, &mut tables, &mut lines),
                    b"pPr" if !empty => in_ppr = true,
                    b"rPr" if !empty => in_rpr = true,
                    b"pStyle" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(e, b"val");
                        }
                    }
                    b"ilvl" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            let l = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            p.num = Some((p.num.take().map(|n| n.0).unwrap_or_default(), l));
                        }
                    }
                    b"numId" if in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            let l = p.num.as_ref().map_or(0, |n| n.1);
                            p.num = Some((attr(e, b"val").unwrap_or_default(), l));
                        }
                    }
                    b"ind" if in_ppr && !in_rpr => {
                        if let Some(p) = paras.last_mut() {
                            p.indent = attr(e, b"left")
                                .or_else(|| attr(e, b"start"))
                                .and_then(|v| v.parse::<f32>().ok())
                                .map(|tw| tw / 20.0);
                        }
                    }
                    b"r" if !empty => run = Some(Run::default()),
                    b"b" if in_rpr && !in_ppr => {
                        if let Some(run) = &mut run {
                            run.bold = Some(on(e));
                        }
                    }
                    b"sz" if in_rpr && !in_ppr => {
                        if let Some(run) = &mut run {
                            run.size = attr(e, b"val")
                                .and_then(|v| v.parse::<f32>().ok())
                                .map(|v| v / 2.0);
                        }
                    }
                    b"rStyle" if in_rpr && !in_ppr => {
                        if let Some(run) = &mut run {
                            run.style = attr(e, b"val");
                        }
                    }
                    b"t" if !empty && run.is_some() => in_t = true,
                    b"instrText" if !empty => in_instr = true,
                    b"tab" if run.is_some() && !in_ppr => {
                        push_text(&mut paras, run.as_ref(), ctx, "\t")
                    }
                    b"br" | b"cr" if run.is_some() => {
                        push_text(&mut paras, run.as_ref(), ctx, "\n")
                    }
                    b"noBreakHyphen" if run.is_some() => {
                        push_text(&mut paras, run.as_ref(), ctx, "-")
                    }
                    b"hyperlink" => {
                        if let Some(target) = attr(e, b"id").and_then(|id| ctx.links.get(&id)) {
                            part.push_link(target);
                        }
                    }
                    b"tbl" if !empty => tables.push(Table::default()),
                    b"tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                            t.skip_cell = false;
                        }
                    }
                    b"vMerge" => {
                        let cont = !matches!(attr(e, b"val").as_deref(), Some("restart"));
                        if let (Some(t), true) = (tables.last_mut(), cont) {
                            t.skip_cell = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t || in_instr => {
                let s = t
                    .unescape()
                    .map_err(|e| ReadError::Malformed(format!("DOCX: damaged XML: {e}")))?;
                if in_t {
                    push_text(&mut paras, run.as_ref(), ctx, &s);
                } else {
                    instr.push_str(&s);
                }
            }
            Event::End(ref e) => {
                if !is_w_end(e.name().as_ref()) {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"p" => {
                        if let Some(p) = paras.pop() {
                            flush_para(p, ctx, &mut tables, &mut lines);
                        }
                    }
                    b"pPr" => in_ppr = false,
                    b"rPr" => in_rpr = false,
                    b"r" => run = None,
                    b"t" => in_t = false,
                    b"instrText" => {
                        in_instr = false;
                        if let Some(url) = hyperlink_field(&instr) {
                            part.push_link(&url);
                        }
                        instr.clear();
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            let cell = std::mem::take(&mut t.cell);
                            t.row.push(if t.skip_cell { Vec::new() } else { cell });
                            t.skip_cell = false;
                        }
                    }
                    b"tr" => {
                        if let Some((t, outer)) = tables.split_last_mut() {
                            let row = DocumentBuilder::row_lines(std::mem::take(&mut t.row));
                            emit(row, outer, &mut lines);
                        }
                    }
                    b"tbl" => {
                        tables.pop();
                        if tables.is_empty() {
                            lines.push((String::new(), LineHint::default()));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    part.lines = lines;
    Ok(part)
}

/// Whether a start tag is in the WordprocessingML namespace (prefix `w`, or none).
fn is_w(e: &BytesStart<'_>) -> bool {
    is_w_end(e.name().as_ref())
}

fn is_w_end(name: &[u8]) -> bool {
    match name.iter().position(|&c| c == b':') {
        None => true,
        Some(i) => &name[..i] == b"w",
    }
}

/// The URL of a `HYPERLINK "…"` field instruction.
fn hyperlink_field(instr: &str) -> Option<String> {
    let rest = instr.trim().strip_prefix("HYPERLINK")?;
    let start = rest.find('"')? + 1;
    let len = rest[start..].find('"')?;
    Some(rest[start..start + len].to_owned())
}

fn push_text(paras: &mut [Para], run: Option<&Run>, ctx: &Ctx, s: &str) {
    let Some(p) = paras.last_mut() else { return };
    let style = p.style.as_deref().unwrap_or("Normal");
    let run_style = run.and_then(|r| r.style.as_deref());
    let bold = run
        .and_then(|r| r.bold)
        .or_else(|| run_style.and_then(|s| ctx.styles.bold(s)))
        .or_else(|| ctx.styles.bold(style))
        .unwrap_or(false);
    let size = run
        .and_then(|r| r.size)
        .or_else(|| run_style.and_then(|s| ctx.styles.size(s)))
        .or_else(|| ctx.styles.size(style))
        .or(ctx.styles.default_size);
    p.inline.push(s, bold, size);
}

/// A finished paragraph: into the open table cell, or the part's lines.
fn flush_para(p: Para, ctx: &mut Ctx, tables: &mut [Table], lines: &mut Vec<(String, LineHint)>) {
    let mut hint = LineHint {
        indent: p.indent,
        ..LineHint::default()
    };
    if let Some(style) = &p.style {
        hint.heading_level = ctx.styles.heading_level(style);
    }
    let blank = p.inline.is_blank();
    // A list item by its own numbering or by its style's ("List Bullet"); `numId` 0 is
    // "no list".
    let num = p
        .num
        .or_else(|| p.style.as_deref().and_then(|s| ctx.styles.numbering(s)))
        .filter(|(id, _)| !id.is_empty() && id != "0");
    let mut out = p.inline.into_lines(hint);
    if !blank {
        if let (Some((num, lvl)), Some(first)) = (&num, out.first_mut()) {
            let prefix = ctx.list_prefix(num, *lvl);
            first.0.insert_str(0, &prefix);
        }
    }
    if blank {
        out = vec![(String::new(), LineHint::default())];
    }
    emit(out, tables, lines);
}

/// Lines go to the innermost open table cell, else to the part.
fn emit(out: Vec<(String, LineHint)>, tables: &mut [Table], lines: &mut Vec<(String, LineHint)>) {
    match tables.last_mut() {
        Some(t) => {
            if !t.skip_cell {
                t.cell
                    .extend(out.into_iter().filter(|(s, _)| !s.trim().is_empty()));
            }
        }
        None => lines.extend(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::archive::tests::zip_of;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

    fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let doc = format!(
            r#"<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        );
        let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", doc.as_bytes())];
        for (n, x) in extra {
            entries.push((n, x.as_bytes()));
        }
        zip_of(&entries)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_tabs_breaks_and_bold() {
        let body = format!(
            "{}<w:p><w:r><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr><w:t>Experience</w:t></w:r></w:p>\
             <w:p><w:r><w:t>Acme Corp</w:t><w:tab/><w:t>2019 - 2021</w:t><w:br/><w:t>Engineer</w:t></w:r></w:p>",
            p("Jane Roe")
        );
        let d = read_docx(&docx(&body, &[])).unwrap();
        assert_eq!(
            d.text,
            "Jane Roe\nExperience\nAcme Corp\t2019 - 2021\nEngineer"
        );
        assert!(d.lines[1].bold && !d.lines[0].bold);
        assert_eq!(d.lines[1].font_size, Some(14.0));
        assert_eq!(d.encoding, "DOCX");
    }

    #[test]
    fn tables_row_by_row_without_merged_duplicates() {
        let cell = |t: &str, pr: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(t));
        let multi = [
            "<w:tc>",
            &p("Beta Ltd"),
            &p("Built the billing system"),
            "</w:tc>",
        ]
        .concat();
        let body = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{multi}</w:tr></w:tbl>{}",
            cell("Work", "<w:vMerge w:val=\"restart\"/>"),
            cell("Acme", "<w:gridSpan w:val=\"2\"/>"),
            cell("2020 - 2022", ""),
            cell("Work", "<w:vMerge/>"),
            p("after")
        );
        let d = read_docx(&docx(&body, &[])).unwrap();
        assert_eq!(
            d.text,
            "Work | Acme | 2020 - 2022\nBeta Ltd\nBuilt the billing system\n\nafter"
        );
    }

    #[test]
    fn text_boxes_once_and_numbering() {
        let tb = |t: &str| format!("<w:txbxContent>{}</w:txbxContent>", p(t));
        let body = format!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><v:textbox>{}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>one</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>two</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>dot</w:t></w:r></w:p>\
             <w:p><w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>nested</w:t></w:r></w:p>",
            tb("Skills: Go"),
            tb("Skills: Go")
        );
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num></w:numbering>"#;
        let d = read_docx(&docx(&body, &[("word/numbering.xml", numbering)])).unwrap();
        // A nested item is indented two spaces a level (its level's format defaults to a bullet).
        assert_eq!(d.text, "Skills: Go\n\n1. one\n2. two\n• dot\n  • nested");
    }

    #[test]
    fn list_items_by_paragraph_style() {
        // Word's "List Bullet" style carries the numbering: its paragraphs are bullets (in a
        // table cell too), a style based on it inherits it, and numId 0 switches it off.
        let styled = |style: &str, t: &str| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"
            )
        };
        let off = "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>plain</w:t></w:r></w:p>";
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>{}{}",
            p("2021 - 2023"),
            p("Acme"),
            styled("ListBullet", "Built the billing system"),
            styled("Custom", "Ran the on-call rota"),
            off
        );
        let styles = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Custom"/><w:basedOn w:val="ListBullet"/></w:style></w:styles>"#;
        let numbering = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num></w:numbering>"#;
        let d = read_docx(&docx(
            &body,
            &[
                ("word/styles.xml", styles),
                ("word/numbering.xml", numbering),
            ],
        ))
        .unwrap();
        assert_eq!(
            d.text,
            "2021 - 2023\nAcme\n• Built the billing system\n\n• Ran the on-call rota\nplain"
        );
    }

    #[test]
    fn hyperlinks_headers_and_heading_styles() {
        let body = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"H1\"/></w:pPr><w:r><w:t>Jane Roe</w:t></w:r></w:p>\
             <w:p><w:hyperlink r:id=\"rId9\"><w:r><w:t>GitHub</w:t></w:r></w:hyperlink></w:p>\
             <w:p><w:r><w:instrText> HYPERLINK \"mailto:jane@example.com\" </w:instrText></w:r><w:r><w:t>mail</w:t></w:r></w:p>{}",
            p("body")
        );
        let rels = r#"<Relationships><Relationship Id="rId9" Type="http://x/hyperlink" Target="https://github.com/janeroe" TargetMode="External"/>
            <Relationship Id="rId1" Type="http://x/header" Target="header1.xml"/><Relationship Id="rId2" Type="http://x/header" Target="header2.xml"/>
            <Relationship Id="rId3" Type="http://x/footer" Target="footer1.xml"/></Relationships>"#;
        let styles = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="标题 1"/><w:rPr><w:b/></w:rPr></w:style></w:styles>"#;
        let header = format!(r#"<w:hdr {NS}>{}</w:hdr>"#, p("Page head"));
        let footer = format!(r#"<w:ftr {NS}>{}</w:ftr>"#, p("Page foot"));
        let d = read_docx(&docx(
            &body,
            &[
                ("word/_rels/document.xml.rels", rels),
                ("word/styles.xml", styles),
                ("word/header1.xml", &header),
                ("word/header2.xml", &header),
                ("word/footer1.xml", &footer),
            ],
        ))
        .unwrap();
        assert_eq!(
            d.text,
            "Page head\nJane Roe\nGitHub\nmail\nbody\nPage foot\n\nLinks\nhttps://github.com/janeroe\njane@example.com"
        );
        assert_eq!(d.lines[1].heading_level, Some(1));
        assert!(d.lines[1].bold);
        assert_eq!(d.links.len(), 2);
    }

    #[test]
    fn damaged_inputs_are_errors() {
        assert!(matches!(
            read_docx(b"PK\x03\x04xx"),
            Err(ReadError::Malformed(_))
        ));
        let z = zip_of(&[("word/other.xml", b"<a/>")]);
        assert!(read_docx(&z).is_err());
        let d = docx("<w:p><w:r><w:t>unclosed", &[]);
        assert!(read_docx(&d).is_err());
        let empty = docx("<w:p/>", &[]);
        assert!(matches!(read_docx(&empty), Err(ReadError::NoText(_))));
    }
}
