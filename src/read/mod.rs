//! Reading: bytes of one file → [`Document`] (decoded, normalised text plus per-line style hints).
//!
//! This stage has one job: whatever the format (plain text, Markdown, PDF, DOCX, HTML…), turn the
//! bytes into the same [`Document`]: one text whose character offsets every later stage uses,
//! and, for formats that have them, a [`LineHint`] per line (page, column, bold, font size,
//! heading level, indentation, bounding box). Extraction never looks at the format.
//!
//! Each format lives in its own file and builds its document with a [`DocumentBuilder`], which
//! owns the shared normalisation (NFC, odd code points real files carry) and the offset map.

mod archive;
mod builder;
mod docx;
mod flat;
mod html;
mod odt;
mod pdf;
mod rtf;
mod text;

pub use builder::{is_invisible, normalize_char, DocumentBuilder, Inline};
pub use docx::read_docx;
pub use html::{looks_like_html, read_html};
pub use odt::read_odt;
pub use pdf::read_pdf;
pub use rtf::read_rtf;
pub use text::{char_offset, decode, fold_width};

/// The formats the read stage tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown (decoded by [`decode`]).
    Text,
    /// PDF.
    Pdf,
    /// Office Open XML word processing (Word 2007+).
    Docx,
    /// OpenDocument text.
    Odt,
    /// Rich Text Format.
    Rtf,
    /// HTML.
    Html,
}

impl Format {
    /// Lower-case name, as records report it (`"pdf"`, `"docx"`…; `"text"` for text).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Html => "html",
        }
    }
}

/// The format of `bytes`: magic bytes first, the file extension (`ext`, lower case, no dot)
/// second. Zip files are looked into (`word/document.xml` → DOCX, an ODF text `mimetype` →
/// ODT); other zips, legacy `.doc` files and known binaries are errors that say what to do.
pub fn detect(bytes: &[u8], ext: Option<&str>) -> Result<Format, ReadError> {
    if bytes.starts_with(b"%PDF") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let zip = archive::Archive::open(bytes, "ZIP")?;
        if zip.has("word/document.xml") {
            return Ok(Format::Docx);
        }
        if zip.has("content.xml") {
            let mut zip = zip;
            let mime = zip.read("mimetype")?.unwrap_or_default();
            if mime.trim_ascii() == odt::MIMETYPE.as_bytes() {
                return Ok(Format::Odt);
            }
        }
        return Err(ReadError::Unsupported(
            "ZIP archive, not a résumé format (DOCX and ODT are read; unpack other archives)"
                .into(),
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Ok(Format::Rtf);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(ReadError::Unsupported(
            "legacy Word .doc: save it as DOCX or PDF".into(),
        ));
    }
    if html::looks_like_html(bytes) {
        return Ok(Format::Html);
    }
    Ok(match ext {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("docx") => Format::Docx,
        Some("odt") => Format::Odt,
        Some("rtf") => Format::Rtf,
        Some("pdf") => Format::Pdf,
        _ => Format::Text,
    })
}

/// Read a file of any supported format into a [`Document`] ([`detect`] picks the reader).
pub fn read(bytes: &[u8], ext: Option<&str>) -> Result<Document, ReadError> {
    read_as(detect(bytes, ext)?, bytes)
}

/// Read `bytes` with the reader of `format`.
pub fn read_as(format: Format, bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    match format {
        Format::Text => decode(bytes),
        Format::Pdf => read_pdf(bytes),
        Format::Docx => read_docx(bytes),
        Format::Odt => read_odt(bytes),
        Format::Rtf => read_rtf(bytes),
        Format::Html => read_html(bytes),
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// Zero bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// Binary content (image, archive, executable…).
    #[error("binary content ({0}), not text")]
    Binary(&'static str),
    /// A byte-order mark announces an encoding the rest of the file does not follow.
    #[error("starts with a {0} byte-order mark but is not valid {0} (mixed encodings?)")]
    BadBom(&'static str),
    /// Text that no supported encoding decodes cleanly.
    #[error("not decodable as text (tried UTF-8, UTF-16 and {0})")]
    Undecodable(&'static str),
    /// A file in a format careergraph does not read, with what to do instead.
    #[error("{}", one_line(.0))]
    Unsupported(String),
    /// A document of a supported format that is damaged or cannot be opened
    /// (truncated, encrypted with a password, over a decompression limit…).
    #[error("{}", one_line(.0))]
    Malformed(String),
    /// A document that opens but carries no text (a scanned PDF, images only).
    #[error("{}", one_line(.0))]
    NoText(String),
}

/// Longest error message shown, in characters.
const MAX_MESSAGE_CHARS: usize = 160;

/// A message as the CLI prints it after the file name: one line (control characters and
/// runs of whitespace become one space) of at most [`MAX_MESSAGE_CHARS`] characters, so that
/// a parser error quoting the damaged document neither breaks the line nor copies a page of
/// it into logs.
fn one_line(msg: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in msg.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        let n = word.chars().count();
        let sep = usize::from(!out.is_empty());
        if chars + sep + n > MAX_MESSAGE_CHARS {
            let room = MAX_MESSAGE_CHARS.saturating_sub(chars + sep);
            if sep == 1 && room > 0 {
                out.push(' ');
            }
            out.extend(word.chars().take(room));
            out.push('…');
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += sep + n;
    }
    out
}

/// Style hints for one line of a [`Document`], where the source format has them.
///
/// Every field is optional: plain text has none, and extraction must work without them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineHint {
    /// Character offset of the line's first character in [`Document::text`].
    pub start: usize,
    /// Character offset one past the line's last character (the newline excluded).
    pub end: usize,
    /// 1-based page number (paged formats).
    pub page: Option<u32>,
    /// 0-based column on the page, for multi-column layouts read column by column.
    pub column: Option<u8>,
    /// The line is bold (all or most of its characters).
    pub bold: bool,
    /// Dominant font size in points.
    pub font_size: Option<f32>,
    /// Heading level 1–6 where the format says so (HTML `h1`–`h6`, DOCX heading styles).
    pub heading_level: Option<u8>,
    /// Left indentation in points (PDF x offset from the text's left margin, DOCX indent).
    pub indent: Option<f32>,
    /// Bounding box on the page in PDF points: `[x0, y0, x1, y1]`, origin bottom-left.
    pub bbox: Option<[f32; 4]>,
}

/// A decoded input document.
///
/// **Links.** [`DocumentBuilder::finish`] appends the link targets the text does not show (an
/// e-mail icon linking to `mailto:…`) as a final `Links` block, one per line, so extraction
/// finds them without knowing the format; `links` keeps every target.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Normalised (NFC) text, lines separated by `\n`.
    pub text: String,
    /// Name of the encoding (text formats) or the format the text was read from ("PDF", "DOCX"…).
    pub encoding: &'static str,
    /// One hint per line of `text`, in order, for formats that carry style; empty for plain text.
    pub lines: Vec<LineHint>,
    /// Hyperlink targets found in the document that its text may not show (an icon linking to
    /// `mailto:`, GitHub, LinkedIn…), in document order, without duplicates.
    pub links: Vec<String>,
}

impl Document {
    /// Character offset of a byte offset into [`Document::text`].
    pub fn char_offset(&self, byte: usize) -> usize {
        char_offset(&self.text, byte)
    }

    /// The page holding the character at `offset`, for paged formats.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        self.line_at(offset).and_then(|l| l.page)
    }

    /// The hint of the line holding the character at `offset`, if the document has hints.
    pub fn line_at(&self, offset: usize) -> Option<&LineHint> {
        let i = self.lines.partition_point(|l| l.start <= offset);
        i.checked_sub(1).map(|i| &self.lines[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_magic_then_extension() {
        assert_eq!(detect(b"%PDF-1.7", Some("txt")), Ok(Format::Pdf));
        assert_eq!(detect(b"{\\rtf1 x}", None), Ok(Format::Rtf));
        assert_eq!(detect(b"<!DOCTYPE html><p>x", Some("md")), Ok(Format::Html));
        assert_eq!(detect(b"<p>x</p>", Some("htm")), Ok(Format::Html));
        assert_eq!(detect(b"# CV", Some("md")), Ok(Format::Text));
        let doc = read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Some("doc")).unwrap_err();
        assert_eq!(doc.to_string(), "legacy Word .doc: save it as DOCX or PDF");
        let zip = archive::tests::zip_of(&[("xl/workbook.xml", b"<w/>")]);
        assert!(detect(&zip, Some("xlsx"))
            .unwrap_err()
            .to_string()
            .starts_with("ZIP archive, not a résumé format"));
        let odt = archive::tests::zip_of(&[
            ("mimetype", odt::MIMETYPE.as_bytes()),
            ("content.xml", b"<x/>"),
        ]);
        assert_eq!(detect(&odt, None), Ok(Format::Odt));
        let docx = archive::tests::zip_of(&[("word/document.xml", b"<x/>")]);
        assert_eq!(detect(&docx, Some("zip")), Ok(Format::Docx));
        assert_eq!(read(b"", Some("pdf")).unwrap_err(), ReadError::Empty);
    }

    #[test]
    fn messages_are_one_short_line() {
        let quoted = format!(
            "DOCX: damaged XML: expected `</w:r>`, found `{}`",
            "<w:t>x\n\u{8}y</w:t>\n".repeat(40)
        );
        let shown = ReadError::Malformed(quoted).to_string();
        assert!(
            !shown.contains('\n') && !shown.chars().any(char::is_control),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), MAX_MESSAGE_CHARS + 1, "{shown}");
        assert!(
            shown.starts_with("DOCX: damaged XML: expected `</w:r>`, found `<w:t>x y</w:t> <w:t>x")
        );
        assert!(shown.ends_with('…'));
        assert_eq!(
            ReadError::NoText("no text layer (a scanned PDF?): run OCR first".into()).to_string(),
            "no text layer (a scanned PDF?): run OCR first"
        );
    }
}
