//! ODT (OpenDocument text): zip + `content.xml` → [`Document`].
//!
//! `text:p` and `text:h` (with its outline level) in document order, list items with "• ",
//! tables row by row like DOCX (covered cells skipped), text boxes once, `text:s`/`text:tab`/
//! `text:line-break`, links from `text:a`; annotations and notes are dropped. Bold and font
//! size come from the paragraph and span styles (`fo:font-weight`, `fo:font-size`).

use super::archive::Archive;
use super::builder::{trim_start_keeping_list_indent, Inline, LIST_INDENT};
use super::{Document, DocumentBuilder, LineHint, ReadError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// The `mimetype` entry of an ODF text document.
pub const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Read an ODT file.
pub fn read_odt(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut zip = Archive::open(bytes, "ODT")?;
    let content = zip
        .read_text("content.xml")?
        .ok_or_else(|| ReadError::Malformed("ODT without content.xml".into()))?;
    let mut styles = Styles::default();
    if let Some(x) = zip.read_text("styles.xml")? {
        styles.parse(&x);
    }
    styles.parse(&content);
    let mut b = DocumentBuilder::new();
    read_content(&content, &styles, &mut b)?;
    if !b.has_text() {
        return Err(ReadError::NoText("ODT with no text (only images?)".into()));
    }
    Ok(b.finish("ODT"))
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// A style's parent, bold and font size.
type StyleProps = (Option<String>, Option<bool>, Option<f32>);

/// Text properties of named styles, through `style:parent-style-name`.
#[derive(Default)]
struct Styles {
    by_name: HashMap<String, StyleProps>,
}

impl Styles {
    fn parse(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut cur: Option<String> = None;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"style" => {
                        let name = attr(&e, b"name").unwrap_or_default();
                        let parent = attr(&e, b"parent-style-name");
                        self.by_name.insert(name.clone(), (parent, None, None));
                        cur = Some(name);
                    }
                    b"text-properties" => {
                        if let Some(entry) = cur.as_ref().and_then(|n| self.by_name.get_mut(n)) {
                            if let Some(w) = attr(&e, b"font-weight") {
                                entry.1 =
                                    Some(w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
                            }
                            entry.2 = attr(&e, b"font-size")
                                .and_then(|s| s.strip_suffix("pt").and_then(|v| v.parse().ok()))
                                .or(entry.2);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"style" => cur = None,
                Event::Eof => break,
                _ => {}
            }
        }
    }

    fn get<T: Copy>(&self, name: &str, f: impl Fn(&StyleProps) -> Option<T>) -> Option<T> {
        let mut name = Some(name.to_owned());
        for _ in 0..16 {
            let s = self.by_name.get(name.as_deref()?)?;
            if let Some(v) = f(s) {
                return Some(v);
            }
            name.clone_from(&s.0);
        }
        None
    }
}

#[derive(Default)]
struct Table {
    row: Vec<Vec<(String, LineHint)>>,
    cell: Option<Vec<(String, LineHint)>>,
}

/// A paragraph being read and its heading level.
struct Para {
    inline: Inline,
    level: Option<u8>,
    style: Option<String>,
}

fn read_content(xml: &str, styles: &Styles, b: &mut DocumentBuilder) -> Result<(), ReadError> {
    let damaged = |e: quick_xml::Error| ReadError::Malformed(format!("ODT: damaged XML: {e}"));
    let mut r = Reader::from_str(xml);
    let mut paras: Vec<Para> = Vec::new();
    let mut spans: Vec<Option<String>> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut lines: Vec<(String, LineHint)> = Vec::new();
    let mut item_pending = false;
    // Open `text:list` elements: a nested list's items are indented two spaces a level.
    let mut list_depth = 0usize;
    let mut in_body = false;
    loop {
        let ev = r.read_event().map_err(damaged)?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.name().as_ref().to_vec();
                match (name.as_slice(), empty) {
                    (b"office:body", false) => in_body = true,
                    (
                        b"office:annotation"
                        | b"text:note"
                        | b"text:tracked-changes"
                        | b"office:forms",
                        false,
                    ) => {
                        r.read_to_end(quick_xml::name::QName(&name))
                            .map_err(damaged)?;
                    }
                    (b"text:p" | b"text:h", false) => {
                        let level = (name.as_slice() == b"text:h").then(|| {
                            attr(e, b"outline-level")
                                .and_then(|v| v.parse::<u8>().ok())
                                .unwrap_or(1)
                                .clamp(1, 6)
                        });
                        let mut inline = Inline::default();
                        if std::mem::take(&mut item_pending) {
                            let nest = LIST_INDENT.repeat(list_depth.saturating_sub(1).min(8));
                            inline.push(&(nest + "• "), false, None);
                        }
                        paras.push(Para {
                            inline,
                            level,
                            style: attr(e, b"style-name"),
                        });
                    }
                    (b"text:p" | b"text:h", true) => emit(
                        vec![(String::new(), LineHint::default())],
                        &mut tables,
                        &mut lines,
                    ),
                    (b"text:list-item", false) => item_pending = true,
                    (b"text:list", false) => list_depth += 1,
                    (b"text:span", false) => spans.push(attr(e, b"style-name")),
                    (b"text:s", _) => {
                        let n = attr(e, b"c")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(64);
                        push(&mut paras, &spans, styles, &" ".repeat(n));
                    }
                    (b"text:tab", _) => push(&mut paras, &spans, styles, "\t"),
                    (b"text:line-break", _) => push(&mut paras, &spans, styles, "\n"),
                    (b"text:a", _) => {
                        if let Some(h) = attr(e, b"href") {
                            b.push_link(&h);
                        }
                    }
                    (b"table:table", false) => tables.push(Table::default()),
                    (b"table:table-cell", false) => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(Vec::new());
                        }
                    }
                    (b"table:covered-table-cell", false) => {
                        r.read_to_end(quick_xml::name::QName(&name))
                            .map_err(damaged)?;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_body && !paras.is_empty() => {
                let s = t.unescape().map_err(damaged)?;
                // ODF collapses white space like HTML; `text:s` carries real spaces.
                let mut out = String::new();
                let mut space = paras.last().is_some_and(|p| p.inline.ends_with_space());
                for c in s.chars() {
                    if c.is_ascii_whitespace() {
                        if !space {
                            out.push(' ');
                        }
                        space = true;
                    } else {
                        out.push(c);
                        space = false;
                    }
                }
                push(&mut paras, &spans, styles, &out);
            }
            Event::End(ref e) => match e.name().as_ref() {
                b"text:p" | b"text:h" => {
                    if let Some(p) = paras.pop() {
                        let hint = LineHint {
                            heading_level: p.level,
                            bold: p
                                .style
                                .as_deref()
                                .and_then(|s| styles.get(s, |x| x.1))
                                .unwrap_or(false),
                            ..LineHint::default()
                        };
                        let out = if p.inline.is_blank() {
                            vec![(String::new(), LineHint::default())]
                        } else {
                            p.inline.into_lines(hint)
                        };
                        emit(out, &mut tables, &mut lines);
                    }
                }
                b"text:span" => {
                    spans.pop();
                }
                b"text:list-item" => item_pending = false,
                b"text:list" => list_depth = list_depth.saturating_sub(1),
                b"table:table-cell" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some(c) = t.cell.take() {
                            t.row.push(c);
                        }
                    }
                }
                b"table:table-row" => {
                    if let Some((t, outer)) = tables.split_last_mut() {
                        let row = DocumentBuilder::row_lines(std::mem::take(&mut t.row));
                        emit(row, outer, &mut lines);
                    }
                }
                b"table:table" => {
                    tables.pop();
                    if tables.is_empty() {
                        lines.push((String::new(), LineHint::default()));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    for (line, hint) in lines {
        if line.trim().is_empty() {
            b.push_break();
        } else {
            b.push_line(trim_start_keeping_list_indent(&line), hint);
        }
    }
    Ok(())
}

fn push(paras: &mut [Para], spans: &[Option<String>], styles: &Styles, s: &str) {
    let Some(p) = paras.last_mut() else { return };
    let span = spans.iter().rev().flatten().next();
    let bold = span
        .and_then(|n| styles.get(n, |x| x.1))
        .or_else(|| p.style.as_deref().and_then(|n| styles.get(n, |x| x.1)))
        .unwrap_or(false);
    let size = span
        .and_then(|n| styles.get(n, |x| x.2))
        .or_else(|| p.style.as_deref().and_then(|n| styles.get(n, |x| x.2)));
    p.inline.push(s, bold, size);
}

fn emit(out: Vec<(String, LineHint)>, tables: &mut [Table], lines: &mut Vec<(String, LineHint)>) {
    match tables.last_mut() {
        Some(Table { cell: Some(c), .. }) => {
            c.extend(out.into_iter().filter(|(s, _)| !s.trim().is_empty()))
        }
        Some(_) => {}
        None => lines.extend(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::archive::tests::zip_of;

    #[test]
    fn paragraphs_headings_lists_tables_and_links() {
        let content = r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="ta" xmlns:style="s" xmlns:fo="f" xmlns:xlink="x" xmlns:draw="d">
<office:automatic-styles><style:style style:name="B"><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">Jane   Roe</text:h>
<text:p>Go<text:s text:c="3"/>Rust<text:tab/>C<text:line-break/>next <text:a xlink:href="https://github.com/janeroe">code</text:a></text:p>
<text:p><text:span text:style-name="B">Experience</text:span><office:annotation><text:p>note</text:p></office:annotation></text:p>
<text:list><text:list-item><text:p>built it</text:p><text:list><text:list-item><text:p>in Go</text:p></text:list-item></text:list></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>Acme</text:p></table:table-cell><table:covered-table-cell><text:p>Acme</text:p></table:covered-table-cell><table:table-cell><text:p>2020</text:p></table:table-cell></table:table-row></table:table>
<text:p>end</text:p>
</office:text></office:body></office:document-content>"#;
        let z = zip_of(&[
            ("mimetype", MIMETYPE.as_bytes()),
            ("content.xml", content.as_bytes()),
        ]);
        let d = read_odt(&z).unwrap();
        assert_eq!(
            d.text,
            "Jane Roe\nGo   Rust\tC\nnext code\nExperience\n• built it\n  • in Go\nAcme | 2020\n\nend\n\nLinks\nhttps://github.com/janeroe"
        );
        assert_eq!(d.lines[0].heading_level, Some(1));
        assert!(d.lines[3].bold);
        assert_eq!(d.lines[3].font_size, Some(14.0));
    }
}
