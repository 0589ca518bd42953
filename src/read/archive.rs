//! Zip containers (DOCX, ODT) opened with limits: a zip bomb is an error in bounded time and
//! memory, never an allocation of what its headers claim.

use super::ReadError;
use std::io::{Cursor, Read};

/// Most entries a résumé container may list (a DOCX has 10–40).
const MAX_ENTRIES: usize = 10_000;
/// Most bytes all entries read from one container may decompress to, together.
pub const MAX_TOTAL: u64 = 64 << 20;
/// Largest compression ratio accepted for an entry above [`RATIO_FLOOR`] bytes: XML
/// compresses 5–30×, a bomb thousands of times.
const MAX_RATIO: u64 = 200;
/// Entries smaller than this are never refused for their ratio.
const RATIO_FLOOR: u64 = 1 << 20;

/// An opened zip container with a decompression budget shared by all its reads.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    kind: &'static str,
    budget: u64,
}

impl<'a> Archive<'a> {
    /// Open `bytes` as a zip; `kind` ("DOCX", "ODT", "ZIP") names it in errors.
    pub fn open(bytes: &'a [u8], kind: &'static str) -> Result<Self, ReadError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ReadError::Malformed(format!("damaged {kind} (zip: {e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ReadError::Malformed(format!(
                "{kind} lists {} entries, over the limit of {MAX_ENTRIES}",
                zip.len()
            )));
        }
        Ok(Archive {
            zip,
            kind,
            budget: MAX_TOTAL,
        })
    }

    /// Whether an entry of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The bytes of entry `name`, or `None` when it does not exist. Decompression stops at
    /// the container's remaining budget whatever the entry's header claims.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let kind = self.kind;
        let over =
            || ReadError::Malformed(format!("{kind}: {name} is over the decompression limit"));
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| ReadError::Malformed(format!("damaged {kind}: {name}: {e}")))?;
        let (claimed, packed) = (entry.size(), entry.compressed_size().max(1));
        if claimed > self.budget || (claimed > RATIO_FLOOR && claimed / packed > MAX_RATIO) {
            return Err(over());
        }
        let mut out = Vec::with_capacity(claimed.min(1 << 20) as usize);
        entry
            .take(self.budget + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Malformed(format!("damaged {kind}: {name}: {e}")))?;
        let got = out.len() as u64;
        if got > self.budget || (got > RATIO_FLOOR && got / packed > MAX_RATIO) {
            return Err(over());
        }
        self.budget -= got;
        Ok(Some(out))
    }

    /// Entry `name` as UTF-8 text (`None` when absent).
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let kind = self.kind;
        match self.read(name)? {
            None => Ok(None),
            Some(b) => String::from_utf8(b)
                .map(Some)
                .map_err(|_| ReadError::Malformed(format!("{kind}: {name} is not UTF-8 XML"))),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of `(name, bytes)` entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            w.start_file(*name, opts).expect("zip entry");
            w.write_all(bytes).expect("zip write");
        }
        w.finish().expect("zip finish").into_inner()
    }

    #[test]
    fn bombs_are_refused_without_inflating_them() {
        let big = vec![b'a'; 8 << 20];
        let z = zip_of(&[("word/document.xml", &big)]);
        assert!(z.len() < 100_000, "{}", z.len());
        let mut a = Archive::open(&z, "DOCX").unwrap();
        let e = a.read("word/document.xml").unwrap_err();
        assert!(
            e.to_string().contains("over the decompression limit"),
            "{e}"
        );
    }

    #[test]
    fn reads_entries_and_reports_absent_ones() {
        let z = zip_of(&[("a.xml", b"<a/>"), ("b.xml", b"<b/>")]);
        let mut a = Archive::open(&z, "DOCX").unwrap();
        assert!(a.has("b.xml"));
        assert_eq!(a.read_text("a.xml").unwrap().as_deref(), Some("<a/>"));
        assert_eq!(a.read("c.xml").unwrap(), None);
        assert!(Archive::open(b"PK\x03\x04garbage", "DOCX").is_err());
    }
}
