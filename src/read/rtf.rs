//! RTF: a small control-word parser → [`Document`].
//!
//! `\par` and `\line` end lines, `\tab` is a tab, `\cell`/`\row` make table rows like DOCX
//! (cells joined by " | "), `\uN` (skipping its `\ucN` fallback characters) and `\'hh` bytes
//! (decoded together in the `\ansicpg` code page, so GBK double bytes stay whole) give text;
//! `\b`/`\b0` and `\fsN` are the bold and size hints. Font/colour/style tables, `\*` and other
//! non-text destinations (`\pict`, `\info`, `\object`…) are skipped, and `\binN` data with them.

use super::builder::Inline;
use super::{Document, DocumentBuilder, LineHint, ReadError};

/// Destinations whose content is not document text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "xmlnstbl",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "pgdsctbl",
    "filetbl",
    "revtbl",
    "header",
    "footer",
    "headerl",
    "headerr",
    "headerf",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "shppict",
    "nonshppict",
    // Shape properties (`{\sp{\sn name}{\sv value}}`) and the shape's fallback rendering,
    // which repeats the text box read from `\shptxt`.
    "sp",
    "shprslt",
    "bkmkstart",
    "bkmkend",
    "xe",
    "tc",
];

/// Group state that `{`…`}` saves and restores.
#[derive(Clone)]
struct State {
    skip: bool,
    bold: bool,
    size: Option<f32>,
    uc: usize,
}

/// Read an RTF document.
pub fn read_rtf(bytes: &[u8]) -> Result<Document, ReadError> {
    if !bytes.starts_with(b"{\\rtf") {
        return Err(ReadError::Malformed("not RTF (no {\\rtf header)".into()));
    }
    let mut p = Parser {
        encoding: encoding_rs::WINDOWS_1252,
        line: Inline::default(),
        pending: Vec::new(),
        lines: Vec::new(),
        row: Vec::new(),
        cell_start: 0,
        links: Vec::new(),
    };
    let mut stack: Vec<State> = Vec::new();
    let mut st = State {
        skip: false,
        bold: false,
        size: None,
        uc: 1,
    };
    let mut skip_chars = 0usize;
    let mut i = 0;
    let mut field_inst: Option<(usize, String)> = None;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'{' => {
                p.flush_bytes(&st);
                if stack.len() > 512 {
                    return Err(ReadError::Malformed("RTF: groups nested too deeply".into()));
                }
                stack.push(st.clone());
                i += 1;
                // `{\*\dest …}`: an optional destination, skipped unless known. A shape
                // (`\shpinst`) is read: its text box (`\shptxt`) holds document text, its
                // properties (`\sp`) are skipped below.
                if bytes[i..].starts_with(b"\\*") && !bytes[i..].starts_with(b"\\*\\shpinst") {
                    st.skip = true;
                }
            }
            b'}' => {
                p.flush_bytes(&st);
                if let Some((depth, inst)) = &field_inst {
                    if *depth == stack.len() {
                        if let Some(url) = hyperlink(inst) {
                            p.links.push(url);
                        }
                        field_inst = None;
                    }
                }
                st = stack.pop().unwrap_or_else(|| st.clone());
                i += 1;
            }
            b'\\' => {
                let (word, param, next) = control(bytes, i);
                i = next;
                if word == "'" {
                    let hex = bytes
                        .get(i..i + 2)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    let byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                    i = (i + 2).min(bytes.len());
                    if skip_chars > 0 {
                        skip_chars -= 1;
                    } else if let (Some(b), false) = (byte, st.skip) {
                        p.pending.push(b);
                    }
                    continue;
                }
                p.flush_bytes(&st);
                if word == "bin" {
                    i = i
                        .saturating_add(param.unwrap_or(0).max(0) as usize)
                        .min(bytes.len());
                    continue;
                }
                if SKIPPED.contains(&word.as_str()) {
                    st.skip = true;
                    continue;
                }
                if skip_chars > 0 && word.len() == 1 && !word.as_bytes()[0].is_ascii_alphabetic() {
                    skip_chars -= 1;
                    continue;
                }
                match word.as_str() {
                    "ansicpg" => {
                        if let Some(enc) = param.and_then(codepage) {
                            p.encoding = enc;
                        }
                    }
                    "uc" => st.uc = param.unwrap_or(1).clamp(0, 8) as usize,
                    "u" => {
                        if !st.skip {
                            let n = param.unwrap_or(0);
                            let n = if n < 0 { n + 65536 } else { n } as u32;
                            let ch = char::from_u32(n).unwrap_or('\u{FFFD}');
                            p.text(&ch.to_string(), &st);
                        }
                        skip_chars = st.uc;
                    }
                    "b" => st.bold = param != Some(0),
                    "fs" => st.size = param.map(|v| v as f32 / 2.0),
                    "plain" => {
                        st.bold = false;
                        st.size = None;
                    }
                    "par" | "line" | "sect" | "page" if !st.skip => p.end_line(),
                    "tab" if !st.skip => p.text("\t", &st),
                    "cell" | "nestcell" if !st.skip => p.end_cell(),
                    "row" | "nestrow" if !st.skip => p.end_row(),
                    "~" if !st.skip => p.text(" ", &st),
                    "_" if !st.skip => p.text("-", &st),
                    "emdash" if !st.skip => p.text("—", &st),
                    "endash" if !st.skip => p.text("–", &st),
                    "bullet" if !st.skip => p.text("•", &st),
                    "lquote" if !st.skip => p.text("‘", &st),
                    "rquote" if !st.skip => p.text("’", &st),
                    "ldblquote" if !st.skip => p.text("“", &st),
                    "rdblquote" if !st.skip => p.text("”", &st),
                    "\\" | "{" | "}" if !st.skip => p.text(&word, &st),
                    "fldinst" => {
                        field_inst = Some((stack.len(), String::new()));
                        st.skip = true;
                    }
                    "trowd" => p.cell_start = p.lines.len(),
                    _ => {}
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b'{' | b'}' | b'\\' | b'\r' | b'\n') {
                    i += 1;
                }
                let mut chunk = &bytes[start..i];
                if let Some((_, inst)) = &mut field_inst {
                    inst.push_str(&String::from_utf8_lossy(chunk));
                }
                while skip_chars > 0 && !chunk.is_empty() {
                    chunk = &chunk[1..];
                    skip_chars -= 1;
                }
                if !st.skip && !chunk.is_empty() {
                    p.pending.extend_from_slice(chunk);
                }
            }
        }
    }
    p.flush_bytes(&st);
    p.end_line();
    let mut b = DocumentBuilder::new();
    for l in &p.links {
        b.push_link(l);
    }
    for (line, hint) in p.lines {
        if line.trim().is_empty() {
            b.push_break();
        } else {
            b.push_line(&line, hint);
        }
    }
    if !b.has_text() {
        return Err(ReadError::NoText("RTF with no text".into()));
    }
    Ok(b.finish("RTF"))
}

struct Parser {
    encoding: &'static encoding_rs::Encoding,
    line: Inline,
    pending: Vec<u8>,
    lines: Vec<(String, LineHint)>,
    row: Vec<Vec<(String, LineHint)>>,
    /// Index in `lines` where the current table cell's paragraphs begin.
    cell_start: usize,
    links: Vec<String>,
}

impl Parser {
    /// Decode the bytes collected so far (`\'hh` and plain text) in the document code page.
    fn flush_bytes(&mut self, st: &State) {
        if self.pending.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.pending);
        let (s, _) = self.encoding.decode_without_bom_handling(&bytes);
        self.line.push(&s, st.bold, st.size);
    }

    fn text(&mut self, s: &str, st: &State) {
        self.flush_bytes(st);
        self.line.push(s, st.bold, st.size);
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let out = if line.is_blank() {
            vec![(String::new(), LineHint::default())]
        } else {
            line.into_lines(LineHint::default())
        };
        self.lines.extend(out);
    }

    /// `\cell`: the cell is the paragraphs since the row's previous cell, plus the open line.
    fn end_cell(&mut self) {
        let line = std::mem::take(&mut self.line);
        let start = self.cell_start.min(self.lines.len());
        let mut cell: Vec<(String, LineHint)> = self.lines.drain(start..).collect();
        if !line.is_blank() {
            cell.extend(line.into_lines(LineHint::default()));
        }
        self.row.push(cell);
        self.cell_start = self.lines.len();
    }

    fn end_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        self.lines.extend(DocumentBuilder::row_lines(row));
        self.cell_start = self.lines.len();
    }
}

/// Control word at `bytes[i] == '\\'`: (word, numeric parameter, offset after it).
fn control(bytes: &[u8], i: usize) -> (String, Option<i64>, usize) {
    let mut j = i + 1;
    let Some(&c) = bytes.get(j) else {
        return (String::new(), None, j);
    };
    if !c.is_ascii_alphabetic() {
        return ((c as char).to_string(), None, j + 1);
    }
    let w0 = j;
    while j < bytes.len() && bytes[j].is_ascii_alphabetic() && j - w0 < 32 {
        j += 1;
    }
    let word = String::from_utf8_lossy(&bytes[w0..j]).into_owned();
    let p0 = j;
    if bytes.get(j) == Some(&b'-') {
        j += 1;
    }
    while j < bytes.len() && bytes[j].is_ascii_digit() && j - p0 < 10 {
        j += 1;
    }
    let param = std::str::from_utf8(&bytes[p0..j])
        .ok()
        .and_then(|s| s.parse().ok());
    if bytes.get(j) == Some(&b' ') {
        j += 1;
    }
    (word, param, j)
}

/// The encoding of a Windows code page number.
fn codepage(cp: i64) -> Option<&'static encoding_rs::Encoding> {
    let label = match cp {
        936 => "gbk",
        950 => "big5",
        932 => "shift_jis",
        949 => "euc-kr",
        65001 => "utf-8",
        874 => "windows-874",
        1250..=1258 => return encoding_rs::Encoding::for_label(format!("windows-{cp}").as_bytes()),
        _ => return None,
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// The URL of a `HYPERLINK "…"` field instruction.
fn hyperlink(inst: &str) -> Option<String> {
    let rest = inst.trim().strip_prefix("HYPERLINK")?;
    let start = rest.find('"')? + 1;
    let len = rest[start..].find('"')?;
    Some(rest[start..start + len].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_styles_unicode_and_code_pages() {
        let rtf =
            br"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}
{\*\generator Writer;}\pard{\b\fs28 Jane Roe}\par
Backend\tab Engineer\line caf\u233e \u20013?\u25991?\par
\'b9\'a4\'d7\'f7\'be\'ad\'c0\'fa\par
{\pict\pngblip 89504e47}\par}";
        let d = read_rtf(rtf).unwrap();
        assert_eq!(
            d.text,
            "Jane Roe\nBackend\tEngineer\ncaf\u{e9} 中文\n工作经历"
        );
        assert!(d.lines[0].bold);
        assert_eq!(d.lines[0].font_size, Some(14.0));
    }

    #[test]
    fn text_boxes_of_shapes_are_read_once() {
        let rtf = br"{\rtf1\ansi Jane Roe\par
{\shp{\*\shpinst\shpleft0\shptop0{\sp{\sn shapeType}{\sv 202}}{\sp{\sn wzName}{\sv Box 1}}
{\shptxt \pard Work Experience\par}}{\shprslt {\pict\wmetafile8 0100}\pard Work Experience\par}}
Acme 2019 - 2021\par
{\*\shpinst{\shptxt Skills\par}}{\*\unknowndest hidden\par}}";
        let d = read_rtf(rtf).unwrap();
        assert_eq!(
            d.text,
            "Jane Roe\nWork Experience\nAcme 2019 - 2021\nSkills"
        );
    }

    #[test]
    fn table_rows_and_broken_input() {
        let rtf = br"{\rtf1\ansi\ansicpg1252 \trowd\cellx1000\cellx2000 Acme\cell 2020\cell\row
\trowd Experience\cell Beta\par Built it\cell\row end\par}";
        let d = read_rtf(rtf).unwrap();
        assert_eq!(d.text, "Acme | 2020\nExperience\nBeta\nBuilt it\nend");
        for bad in [
            &b"{\\rtf1 {{{{"[..],
            b"{\\rtf1 \\u",
            b"{\\rtf1 \\'",
            b"{\\rtf1 \\bin99999999 x}",
        ] {
            let _ = read_rtf(bad);
        }
    }
}
