//! HTML (résumés saved from job sites, personal pages): bytes → [`Document`].
//!
//! A small tolerant tokenizer, not a browser: visible text with its block structure. Headings
//! (`h1`–`h6`) are lines of their own with a heading level; `p`, `div`, `li`, `tr`, `br` and the
//! other block elements end lines; list items get "• " (or their number in an `ol`); table rows
//! are written like DOCX rows ([`DocumentBuilder::push_row`]); `script`, `style`, `head`,
//! `noscript`, `template`, `svg` and elements marked `hidden` / `display:none` are dropped;
//! entities are decoded; `<a href>` targets become links; `b`/`strong` mark bold. The charset
//! comes from a byte-order mark, `<meta charset>` or `http-equiv`, else UTF-8, else detection.

use super::builder::{trim_start_keeping_list_indent, Inline, LIST_INDENT};
use super::{Document, DocumentBuilder, LineHint, ReadError};

/// Whether bytes look like an HTML document (a doctype or `<html>` near the start).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || ((head.starts_with(b"<!--") || head.starts_with(b"<?xml") || head.starts_with(b"<meta"))
            && find(&head, b"<html").is_some())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Read an HTML document.
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    let text = decode(bytes)?;
    let mut r = HtmlReader::default();
    r.run(&text);
    let mut b = DocumentBuilder::new();
    for l in &r.links {
        b.push_link(l);
    }
    for (line, hint) in r.lines {
        if line.trim().is_empty() {
            b.push_break();
        } else {
            b.push_line(trim_start_keeping_list_indent(line.trim_end()), hint);
        }
    }
    if !b.has_text() {
        return Err(ReadError::NoText("HTML with no visible text".into()));
    }
    Ok(b.finish("HTML"))
}

/// Decode with the declared charset (BOM, then `<meta>`), else UTF-8, else a detected one.
fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned());
    }
    if let Some(enc) = meta_charset(bytes) {
        // A document that declares UTF-16 in ASCII-compatible bytes is not UTF-16.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        };
        return Ok(enc.decode_without_bom_handling(bytes).0.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    Ok(enc.decode_without_bom_handling(bytes).0.into_owned())
}

/// The encoding named by `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
/// in the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&head[from..], b"<meta") {
        let tag_start = from + i;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset=") {
            let v = &tag[c + 8..];
            let v = v
                .strip_prefix(b"\"")
                .or_else(|| v.strip_prefix(b"'"))
                .unwrap_or(v);
            let end = v
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(v.len());
            if let Some(enc) = encoding_rs::Encoding::for_label(&v[..end]) {
                return Some(enc);
            }
        }
        from = tag_end;
    }
    None
}

/// Elements whose content is never shown.
const DROPPED: &[&str] = &[
    "script", "style", "head", "noscript", "template", "svg", "math", "title", "iframe", "object",
    "select", "button", "textarea", "noembed", "noframes",
];
/// Elements whose content is not parsed as markup (the tokenizer jumps to their end tag).
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes",
];
/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements that end a line where they start and where they end.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "caption",
    "center",
    "body",
    "html",
];
/// Block elements after which a blank line separates what follows.
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dl",
    "hr",
];

/// An open element.
struct Open {
    name: String,
    hidden: bool,
    /// Next item number of an `ol`.
    counter: Option<u32>,
}

/// A table being read (rows are buffered so a row can become one line).
#[derive(Default)]
struct Table {
    row: Vec<Vec<(String, LineHint)>>,
    cell: Option<Vec<(String, LineHint)>>,
}

#[derive(Default)]
struct HtmlReader {
    stack: Vec<Open>,
    tables: Vec<Table>,
    line: Inline,
    lines: Vec<(String, LineHint)>,
    links: Vec<String>,
    hidden: usize,
    bold: usize,
    pre: usize,
}

impl HtmlReader {
    fn run(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let next = b.get(i + 1).copied().unwrap_or(0);
            let is_tag = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
            if !is_tag {
                i += 1;
                continue;
            }
            self.text(&s[text_start..i]);
            if s[i..].starts_with("<!--") {
                i = s[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
            } else if next == b'!' || next == b'?' {
                i = s[i..].find('>').map_or(b.len(), |e| i + e + 1);
            } else {
                let (tag, end) = parse_tag(s, i);
                i = end;
                if let Some(tag) = tag {
                    let raw = !tag.end && RAW.contains(&tag.name.as_str());
                    self.tag(tag);
                    if raw {
                        // Jump to the matching end tag, whatever the content looks like.
                        let close =
                            format!("</{}", self.stack.last().map_or("", |o| o.name.as_str()));
                        let rest = s[i..].to_ascii_lowercase();
                        let j = rest.find(&close).map_or(b.len(), |k| i + k);
                        i = j;
                    }
                }
            }
            text_start = i;
        }
        if text_start < s.len() {
            self.text(&s[text_start..]);
        }
        self.flush(false);
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() || self.hidden > 0 {
            return;
        }
        let decoded = decode_entities(raw);
        if self.pre > 0 {
            let mut parts = decoded.split('\n').peekable();
            while let Some(p) = parts.next() {
                self.line.push(p, self.bold > 0, None);
                if parts.peek().is_some() {
                    self.flush(false);
                }
            }
            return;
        }
        // A text node of tabs alone between inline runs ("<b>Acme</b><font>\t</font>Boston"):
        // a word processor's tab stop, a column gap as DOCX and ODT give it, not indentation
        // (which comes with a line break).
        if decoded.chars().all(|c| c == '\t') && !self.line.is_blank() {
            self.line.push("\t", self.bold > 0, None);
            return;
        }
        let mut out = String::with_capacity(decoded.len());
        let mut space = self.line.ends_with_space();
        for c in decoded.chars() {
            if c.is_ascii_whitespace() {
                if !space {
                    out.push(' ');
                    space = true;
                }
            } else {
                out.push(c);
                space = false;
            }
        }
        if !out.is_empty() {
            self.line.push(&out, self.bold > 0, None);
        }
    }

    /// End the current line (and add a blank line when `paragraph`).
    fn flush(&mut self, paragraph: bool) {
        let line = std::mem::take(&mut self.line);
        let level = self.stack.iter().rev().find_map(|o| heading_level(&o.name));
        let mut out = Vec::new();
        if !line.is_blank() {
            out.extend(line.into_lines(LineHint {
                heading_level: level,
                ..LineHint::default()
            }));
        }
        match self.tables.last_mut() {
            Some(Table {
                cell: Some(cell), ..
            }) => cell.extend(out),
            _ => {
                self.lines.extend(out);
                if paragraph {
                    self.lines.push((String::new(), LineHint::default()));
                }
            }
        }
    }

    /// Whether the current line holds a list item's marker ("• ", "3. ") and nothing else.
    fn only_list_marker(&self) -> bool {
        let t = self.line.text().trim();
        t == "•"
            || t.strip_suffix('.')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    }

    fn tag(&mut self, tag: Tag) {
        let name = tag.name.as_str();
        if tag.end {
            self.close(name);
            return;
        }
        if name == "br" {
            self.flush(false);
            return;
        }
        if name == "a" {
            if let Some(href) = tag.attr("href") {
                if self.hidden == 0 {
                    self.links.push(href.trim().to_owned());
                }
            }
        }
        if VOID.contains(&name) {
            if name == "hr" {
                self.flush(true);
            }
            return;
        }
        // Implied end tags: a new item closes the previous one.
        let implied: &[&str] = match name {
            "li" => &["li"],
            "td" | "th" => &["td", "th"],
            "tr" => &["tr", "td", "th"],
            "p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => &["p"],
            _ => &[],
        };
        if self
            .stack
            .last()
            .is_some_and(|o| implied.contains(&o.name.as_str()))
        {
            let top = self
                .stack
                .last()
                .map(|o| o.name.clone())
                .unwrap_or_default();
            self.close(&top);
        }
        // A paragraph inside a list item ("<li><p>…", as LibreOffice and Word write lists)
        // continues the item's line after its bullet.
        if BLOCK.contains(&name) && !self.only_list_marker() {
            self.flush(false);
        }
        let hidden = DROPPED.contains(&name)
            || tag.attr("hidden").is_some()
            || tag.attr("aria-hidden").is_some_and(|v| v == "true")
            || tag.attr("style").is_some_and(|s| {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                s.to_ascii_lowercase().contains("display:none")
            });
        if hidden {
            self.hidden += 1;
        }
        match name {
            "b" | "strong" => self.bold += 1,
            "pre" => self.pre += 1,
            "table" => self.tables.push(Table::default()),
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Vec::new());
                }
            }
            _ => {}
        }
        let counter = (name == "ol").then(|| {
            tag.attr("start")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(1)
        });
        self.stack.push(Open {
            name: name.to_owned(),
            hidden,
            counter,
        });
        if name == "li" && self.hidden == 0 {
            let prefix = match self
                .stack
                .iter_mut()
                .rev()
                .find(|o| o.name == "ol" || o.name == "ul")
            {
                Some(Open {
                    counter: Some(n), ..
                }) => {
                    *n += 1;
                    format!("{}. ", *n - 1)
                }
                _ => "• ".to_owned(),
            };
            // A nested list's items are indented two spaces a level, as in Markdown.
            let lists = self
                .stack
                .iter()
                .filter(|o| o.name == "ol" || o.name == "ul")
                .count();
            let prefix = LIST_INDENT.repeat(lists.saturating_sub(1).min(8)) + &prefix;
            self.line.push(&prefix, false, None);
        }
    }

    /// Close the innermost open `name` and everything opened inside it.
    fn close(&mut self, name: &str) {
        let Some(at) = self.stack.iter().rposition(|o| o.name == name) else {
            if name == "p" || name == "br" {
                self.flush(name == "p");
            }
            return;
        };
        while self.stack.len() > at {
            let Some(top) = self.stack.last() else { break };
            let top_name = top.name.clone();
            if BLOCK.contains(&top_name.as_str()) {
                self.flush(PARAGRAPH.contains(&top_name.as_str()));
            }
            let Some(open) = self.stack.pop() else { break };
            if open.hidden {
                self.hidden = self.hidden.saturating_sub(1);
            }
            match top_name.as_str() {
                "b" | "strong" => self.bold = self.bold.saturating_sub(1),
                "pre" => self.pre = self.pre.saturating_sub(1),
                "td" | "th" => {
                    if let Some(t) = self.tables.last_mut() {
                        if let Some(cell) = t.cell.take() {
                            t.row.push(cell);
                        }
                    }
                }
                "tr" => self.end_row(),
                "table" => {
                    self.end_row();
                    self.tables.pop();
                    if self.tables.is_empty() {
                        self.lines.push((String::new(), LineHint::default()));
                    }
                }
                _ => {}
            }
        }
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if let Some(cell) = t.cell.take() {
            t.row.push(cell);
        }
        let row = DocumentBuilder::row_lines(std::mem::take(&mut t.row));
        let n = self.tables.len();
        match self.tables[..n - 1].last_mut() {
            Some(Table {
                cell: Some(cell), ..
            }) => cell.extend(row),
            _ => self.lines.extend(row),
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

/// A start or end tag.
struct Tag {
    name: String,
    end: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parse the tag starting at `s[i] == '<'`; returns it (lower-cased name) and the offset
/// after it. Attribute values are entity-decoded.
fn parse_tag(s: &str, i: usize) -> (Option<Tag>, usize) {
    let b = s.as_bytes();
    let mut j = i + 1;
    let end = b.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    let name_start = j;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
        j += 1;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        if b[j] == b'>' {
            j += 1;
            break;
        }
        let k0 = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        let key = s[k0..j].to_ascii_lowercase();
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value = String::new();
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v0 = j + 1;
                    let v1 = s[v0..].find(q as char).map_or(b.len(), |e| v0 + e);
                    value = decode_entities(&s[v0..v1]);
                    j = (v1 + 1).min(b.len());
                }
                _ => {
                    let v0 = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&s[v0..j]);
                }
            }
        }
        if key.is_empty() {
            // A value without a name (`="x"`): dropped. Only when nothing was consumed is one
            // character skipped — a character, not a byte, so that `j` stays on a char
            // boundary (found by the read_html fuzz target: `<meta ="x"é…` sliced inside `é`).
            if j == k0 {
                let step = s
                    .get(j..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
                j = (j + step).min(b.len());
            }
        } else {
            attrs.push((key, value));
        }
    }
    let tag = (!name.is_empty()).then_some(Tag { name, end, attrs });
    (tag, j.min(b.len()))
}

/// Named entities résumés use (the full HTML table is 2,000 names; others stay as written).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("middot", '·'),
    ("bull", '•'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("times", '×'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("frasl", '⁄'),
    ("rarr", '→'),
    ("larr", '←'),
    ("sect", '§'),
    ("para", '¶'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("oacute", 'ó'),
    ("iacute", 'í'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("szlig", 'ß'),
    ("yen", '¥'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
    ("shy", '\u{AD}'),
];

/// Decode character references (`&amp;`, `&#x4E2D;`, `&#20013;`).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            n.map(|n| {
                char::from_u32(n)
                    .filter(|c| *c != '\0')
                    .unwrap_or('\u{FFFD}')
            })
        } else {
            ENTITIES.iter().find(|(k, _)| *k == name).map(|(_, c)| *c)
        };
        match decoded {
            Some(c) if end > 1 => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        read_html(html.as_bytes()).unwrap().text
    }

    #[test]
    fn blocks_headings_lists_and_dropped_elements() {
        let d = read_html(
            b"<!DOCTYPE html><html><head><title>CV</title><style>p{color:red}</style></head>\
              <body><h1>Jane  Roe</h1><script>var x = '<p>no</p>';</script><p>Backend <b>engineer</b>,\n  Berlin</p>\
              <h2>Skills</h2><ul><li>Go<li>Rust<ul><li>async</ul></ul><ol start=\"3\"><li>three</li><li>four</li></ol>\
              <div hidden>secret</div><p style=\"display: none\">gone</p><noscript>js</noscript>A&amp;B&nbsp;&#x4E2D;&#25991; &bogus;</body></html>",
        )
        .unwrap();
        assert_eq!(
            d.text,
            "Jane Roe\n\nBackend engineer, Berlin\n\nSkills\n\n• Go\n• Rust\n  • async\n\n3. three\n4. four\n\nA&B 中文 &bogus;"
        );
        assert_eq!(d.lines[0].heading_level, Some(1));
        assert_eq!(d.lines[4].heading_level, Some(2));
        assert!(!d.lines[2].bold);
    }

    #[test]
    fn a_paragraph_inside_a_list_item_stays_on_the_bullet_line() {
        // LibreOffice's and Word's HTML: every list item holds a <p>.
        let t = text(
            "<ul><li><p>2015-07 – 2017-08 Acme</p></li><li>\n<p>two</p><p>more</p></li></ul>\
             <ol><li><p>first</p></li></ol>",
        );
        assert_eq!(t, "• 2015-07 – 2017-08 Acme\n\n• two\n\nmore\n\n1. first");
    }

    #[test]
    fn attribute_junk_before_non_ascii_text_stays_on_char_boundaries() {
        assert_eq!(text("<html><meta =\"utf-8\"éé><p x=1 =é>Ana</p>"), "Ana");
    }

    #[test]
    fn a_tab_stop_between_runs_is_a_column_gap() {
        assert_eq!(
            text("<html><p><b>Birch Labs</b><font>\t</font><span>Salem, OR</span></p>\n\t<p>next</p>"),
            "Birch Labs\tSalem, OR\n\nnext"
        );
    }

    #[test]
    fn tables_like_docx_rows() {
        assert_eq!(
            text("<html><table><tr><th>Acme</th><td>Engineer<td>2020 - 2022</tr>\
                  <tr><td>Experience</td><td><p>Beta</p><p>Built it</p></td></tr></table><p>end</p>"),
            "Acme | Engineer | 2020 - 2022\nExperience\nBeta\nBuilt it\n\nend"
        );
    }

    #[test]
    fn links_and_bold_hints() {
        let d = read_html(
            b"<html><body><p><strong>Ann Lee</strong></p><p><a href=\"mailto:ann@example.com\">mail</a> \
              <a href='https://github.com/annlee'>code</a> <a href=\"#top\">top</a></p></body></html>",
        )
        .unwrap();
        assert!(d.lines[0].bold);
        assert_eq!(
            d.text,
            "Ann Lee\n\nmail code top\n\nLinks\nann@example.com\nhttps://github.com/annlee"
        );
    }

    #[test]
    fn charset_from_meta() {
        let body =
            "<html><head><meta charset=\"gbk\"></head><body><p>工作经历：腾讯</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(body);
        assert_eq!(read_html(&bytes).unwrap().text, "工作经历：腾讯");
        let body = "<html><head><meta content=\"text/html; charset=windows-1252\" http-equiv=\"Content-Type\"></head><body>caf\u{e9}</body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(body);
        assert_eq!(read_html(&bytes).unwrap().text, "café");
        assert!(looks_like_html(b"\n  <!doctype HTML><p>x"));
        assert!(!looks_like_html(b"<div>markdown</div>"));
    }

    #[test]
    fn broken_markup_never_panics() {
        for s in [
            "<html><p",
            "<html>&#xFFFFFFFF; &#0; <a href=",
            "<html></b></b><td>x</tr>",
            "<html><p>中<!-- x",
        ] {
            let _ = read_html(s.as_bytes());
        }
        assert!(matches!(
            read_html(b"<html><script>x</script></html>"),
            Err(ReadError::NoText(_))
        ));
    }
}
