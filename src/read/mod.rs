//! Reading: bytes of one file → [`Document`] (decoded, normalised text plus per-line style hints).
//!
//! This stage has one job: whatever the format (plain text, Markdown, PDF, DOCX, HTML…), turn the
//! bytes into the same [`Document`]: one text whose character offsets every later stage uses,
//! and, for formats that have them, a [`LineHint`] per line (page, column, bold, font size,
//! heading level, indentation, bounding box). Extraction never looks at the format.
//!
//! Each format lives in its own file and builds its document with a [`DocumentBuilder`], which
//! owns the shared normalisation (NFC, odd code points real files carry) and the offset map.

mod builder;
mod pdf;
mod text;

pub use builder::{normalize_char, DocumentBuilder};
pub use pdf::read_pdf;
pub use text::{char_offset, decode, fold_width};

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
    #[error("{0}")]
    Unsupported(String),
    /// A document of a supported format that is damaged or cannot be opened
    /// (truncated, encrypted with a password, over a decompression limit…).
    #[error("{0}")]
    Malformed(String),
    /// A document that opens but carries no text (a scanned PDF, images only).
    #[error("{0}")]
    NoText(String),
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
