//! The index file: every document's [`Entry`] with interned strings, in flat arrays of
//! `u32` that read back without parsing text (one `read` of the file, then slicing).
//!
//! Layout (little-endian): magic, token, tainted flag, string table (count, offsets,
//! bytes), documents (string ids), names `[doc, person, name]`, knows
//! `[doc, tech, person, how]`, rows `[doc, person, kind, value, sys, techs, n, orgs, n,
//! raws, n]` (lists are ranges of the pool), the pool, one array per listing table
//! `[doc, col × 7]` (`u32::MAX` = unbound), then an end marker.

use super::entry::{Entry, Fact, How, Row, Table, COLS, TABLES};
use super::IndexError;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

const MAGIC: &[u8; 8] = b"CGIDX004";
const END: &[u8; 8] = b"CGIDXEND";

/// Width of a stored row.
pub const ROW: usize = 11;

/// Width of a stored fact: the document, then the columns.
pub const FACT: usize = 1 + COLS;

/// An unbound column of a fact.
pub const UNBOUND: u32 = u32::MAX;

/// The whole index in memory.
#[derive(Debug, Default, Clone)]
pub struct Index {
    /// Stamp shared with the store's meta graph: the file answers for the store only when
    /// both carry the same token.
    pub token: String,
    /// Set when the store holds RDF the index cannot describe (loaded as it is): no fast path.
    pub tainted: bool,
    bytes: Vec<u8>,
    offsets: Vec<u32>,
    lookup: Option<HashMap<String, u32>>,
    /// Document graph IRIs (string ids); a document's number is its position here.
    pub docs: Vec<u32>,
    /// `[doc, person, name]`.
    pub names: Vec<[u32; 3]>,
    /// `[doc, tech, person, how]`.
    pub knows: Vec<[u32; 4]>,
    /// Rows, see the module documentation.
    pub rows: Vec<[u32; ROW]>,
    /// Lists referenced by rows.
    pub pool: Vec<u32>,
    /// The listing tables, by [`Table`] number.
    pub facts: [Vec<[u32; FACT]>; TABLES],
}

impl Index {
    /// An empty index (a store without documents).
    pub fn empty() -> Index {
        Index {
            offsets: vec![0],
            ..Index::default()
        }
    }

    /// String number `id`.
    pub fn str(&self, id: u32) -> &str {
        let i = id as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => {
                std::str::from_utf8(&self.bytes[a as usize..b as usize]).unwrap_or("")
            }
            _ => "",
        }
    }

    /// The id of a string, if stored (a scan: query time looks up a handful of keys).
    pub fn find(&self, s: &str) -> Option<u32> {
        if let Some(map) = &self.lookup {
            return map.get(s).copied();
        }
        let want = s.as_bytes();
        self.offsets
            .windows(2)
            .position(|w| self.bytes.get(w[0] as usize..w[1] as usize) == Some(want))
            .map(|i| i as u32)
    }

    /// A row's list (`techs` = 5, `orgs` = 7, `raws` = 9).
    pub fn list(&self, row: &[u32; ROW], at: usize) -> &[u32] {
        let (start, len) = (row[at] as usize, row[at + 1] as usize);
        self.pool.get(start..start + len).unwrap_or(&[])
    }

    fn intern(&mut self, s: &str) -> u32 {
        if self.lookup.is_none() {
            let n = self.offsets.len().saturating_sub(1) as u32;
            let map = (0..n).map(|i| (self.str(i).to_owned(), i)).collect();
            self.lookup = Some(map);
        }
        if let Some(&id) = self.lookup.as_ref().and_then(|m| m.get(s)) {
            return id;
        }
        let id = self.offsets.len() as u32 - 1;
        self.bytes.extend_from_slice(s.as_bytes());
        self.offsets.push(self.bytes.len() as u32);
        if let Some(m) = self.lookup.as_mut() {
            m.insert(s.to_owned(), id);
        }
        id
    }

    fn list_of(&mut self, items: &[String]) -> (u32, u32) {
        let start = self.pool.len() as u32;
        for s in items {
            let id = self.intern(s);
            self.pool.push(id);
        }
        (start, items.len() as u32)
    }

    /// Add a document's entry.
    pub fn add(&mut self, graph: &str, entry: &Entry) {
        let doc = self.docs.len() as u32;
        let g = self.intern(graph);
        self.docs.push(g);
        for (person, name) in &entry.names {
            let rec = [doc, self.intern(person), self.intern(name)];
            self.names.push(rec);
        }
        for (tech, person, how) in &entry.knows {
            let rec = [doc, self.intern(tech), self.intern(person), *how as u32];
            self.knows.push(rec);
        }
        for row in &entry.rows {
            let (ts, tn) = self.list_of(&row.techs);
            let (os, on) = self.list_of(&row.orgs);
            let (rs, rn) = self.list_of(&row.raws);
            let rec = [
                doc,
                self.intern(&row.person),
                self.intern(&row.kind),
                self.intern(&row.value),
                self.intern(&row.sys),
                ts,
                tn,
                os,
                on,
                rs,
                rn,
            ];
            self.rows.push(rec);
        }
        for fact in &entry.facts {
            let mut rec = [UNBOUND; FACT];
            rec[0] = doc;
            for (slot, c) in rec[1..].iter_mut().zip(&fact.cols) {
                if let Some(c) = c {
                    *slot = self.intern(c);
                }
            }
            self.facts[fact.table as usize].push(rec);
        }
    }

    /// A fact's column as a string id (`None` = unbound).
    pub fn col(fact: &[u32; FACT], i: usize) -> Option<u32> {
        fact.get(1 + i).copied().filter(|&id| id != UNBOUND)
    }

    /// Document numbers of these graphs.
    fn doc_ids(&self, graphs: &HashSet<String>) -> HashSet<u32> {
        (0..self.docs.len() as u32)
            .filter(|&d| graphs.contains(self.str(self.docs[d as usize])))
            .collect()
    }

    /// Drop the entries of these document graphs (the strings stay until [`compact`](Self::compact)).
    pub fn drop_docs(&mut self, graphs: &HashSet<String>) {
        let gone = self.doc_ids(graphs);
        if gone.is_empty() {
            return;
        }
        self.names.retain(|r| !gone.contains(&r[0]));
        self.knows.retain(|r| !gone.contains(&r[0]));
        self.rows.retain(|r| !gone.contains(&r[0]));
        for t in &mut self.facts {
            t.retain(|r| !gone.contains(&r[0]));
        }
        for d in gone {
            self.docs[d as usize] = u32::MAX;
        }
    }

    /// Whether documents were dropped since the index was read (then it is compacted).
    pub fn has_dropped(&self) -> bool {
        self.docs.contains(&u32::MAX)
    }

    /// Document graphs whose entry mentions `term` (an IRI) anywhere.
    pub fn docs_mentioning(&self, iri: &str) -> HashSet<String> {
        let Some(id) = self.find(iri) else {
            return HashSet::new();
        };
        let mut docs: HashSet<u32> = HashSet::new();
        docs.extend(
            self.names
                .iter()
                .filter(|r| r[1..].contains(&id))
                .map(|r| r[0]),
        );
        docs.extend(
            self.knows
                .iter()
                .filter(|r| r[1..3].contains(&id))
                .map(|r| r[0]),
        );
        for r in &self.rows {
            if r[1..5].contains(&id)
                || self.list(r, 5).contains(&id)
                || self.list(r, 7).contains(&id)
                || self.list(r, 9).contains(&id)
            {
                docs.insert(r[0]);
            }
        }
        for t in &self.facts {
            docs.extend(t.iter().filter(|r| r[1..].contains(&id)).map(|r| r[0]));
        }
        docs.into_iter()
            .filter_map(|d| self.docs.get(d as usize))
            .filter(|&&g| g != u32::MAX)
            .map(|&g| self.str(g).to_owned())
            .collect()
    }

    /// Every live document's entry, read back in document order (one pass per array).
    fn entries(&self) -> Vec<(u32, Entry)> {
        let mut by_doc: HashMap<u32, Entry> = (0..self.docs.len() as u32)
            .filter(|&d| self.docs[d as usize] != u32::MAX)
            .map(|d| (d, Entry::default()))
            .collect();
        let s = |id: u32| self.str(id).to_owned();
        for r in &self.names {
            if let Some(e) = by_doc.get_mut(&r[0]) {
                e.names.push((s(r[1]), s(r[2])));
            }
        }
        for r in &self.knows {
            if let (Some(e), Some(how)) = (by_doc.get_mut(&r[0]), How::from_u32(r[3])) {
                e.knows.push((s(r[1]), s(r[2]), how));
            }
        }
        for r in &self.rows {
            if let Some(e) = by_doc.get_mut(&r[0]) {
                let list = |at| self.list(r, at).iter().map(|&i| s(i)).collect();
                e.rows.push(Row {
                    person: s(r[1]),
                    kind: s(r[2]),
                    value: s(r[3]),
                    sys: s(r[4]),
                    techs: list(5),
                    orgs: list(7),
                    raws: list(9),
                });
            }
        }
        for (table, facts) in Table::ALL.iter().zip(&self.facts) {
            for r in facts {
                if let Some(e) = by_doc.get_mut(&r[0]) {
                    let mut cols: [Option<String>; COLS] = Default::default();
                    for (i, c) in cols.iter_mut().enumerate() {
                        *c = Index::col(r, i).map(s);
                    }
                    e.facts.push(Fact {
                        table: *table,
                        cols,
                    });
                }
            }
        }
        let mut out: Vec<(u32, Entry)> = by_doc.into_iter().collect();
        out.sort_by_key(|(d, _)| *d);
        out
    }

    /// The same index without dropped documents and unused strings.
    pub fn compact(&self) -> Index {
        let mut out = Index::empty();
        out.token = self.token.clone();
        out.tainted = self.tainted;
        for (d, e) in self.entries() {
            out.add(self.str(self.docs[d as usize]), &e);
        }
        out
    }

    /// Write the file atomically: a temporary file (streamed, not built in memory),
    /// synced, renamed over the old one.
    pub fn write(&self, path: &Path) -> Result<(), IndexError> {
        let io = |e: std::io::Error| IndexError::Io(path.to_owned(), e);
        let tmp = path.with_extension("tmp");
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        w.write_all(MAGIC).map_err(io)?;
        put_bytes(&mut w, self.token.as_bytes()).map_err(io)?;
        w.write_all(&[u8::from(self.tainted)]).map_err(io)?;
        put_u32s(&mut w, &self.offsets).map_err(io)?;
        put_bytes(&mut w, &self.bytes).map_err(io)?;
        put_u32s(&mut w, &self.docs).map_err(io)?;
        put_u32s(&mut w, self.names.as_flattened()).map_err(io)?;
        put_u32s(&mut w, self.knows.as_flattened()).map_err(io)?;
        put_u32s(&mut w, self.rows.as_flattened()).map_err(io)?;
        put_u32s(&mut w, &self.pool).map_err(io)?;
        for t in &self.facts {
            put_u32s(&mut w, t.as_flattened()).map_err(io)?;
        }
        w.write_all(END).map_err(io)?;
        let file = w.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(io)?;
        if let Some(dir) = path.parent() {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }

    /// Read the whole file; `None` if there is none. A damaged file is an error.
    pub fn read(path: &Path) -> Result<Option<Index>, IndexError> {
        Index::read_parts(path, Parts::ALL)
    }

    /// The token and tainted flag at the head of the file, without reading the rest;
    /// `None` if there is no file.
    pub fn read_header(path: &Path) -> Result<Option<(String, bool)>, IndexError> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(IndexError::Io(path.to_owned(), e)),
        };
        let mut r = Reader {
            inner: std::io::BufReader::new(file),
        };
        let bad = || IndexError::Damaged(path.to_owned());
        if r.take(8).ok_or_else(bad)? != MAGIC {
            return Err(bad());
        }
        let token = String::from_utf8(r.bytes(true).ok_or_else(bad)?).map_err(|_| bad())?;
        let tainted = r.take(1).ok_or_else(bad)?[0] != 0;
        Ok(Some((token, tainted)))
    }

    /// Read the file with only some of its parts (the others stay empty and are
    /// skipped on disk: a query reads what it needs); `None` if there is no file.
    pub fn read_parts(path: &Path, parts: Parts) -> Result<Option<Index>, IndexError> {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(IndexError::Io(path.to_owned(), e)),
        };
        let mut r = Reader {
            inner: std::io::BufReader::with_capacity(1 << 20, file),
        };
        let bad = || IndexError::Damaged(path.to_owned());
        if r.take(8).ok_or_else(bad)? != MAGIC {
            return Err(bad());
        }
        let token = String::from_utf8(r.bytes(true).ok_or_else(bad)?).map_err(|_| bad())?;
        let tainted = r.take(1).ok_or_else(bad)?[0] != 0;
        let offsets = r.u32s::<1>(true).ok_or_else(bad)?;
        let strings = r.bytes(true).ok_or_else(bad)?;
        let docs = r.u32s::<1>(true).ok_or_else(bad)?;
        let names = r.u32s::<3>(true).ok_or_else(bad)?;
        let knows = r.u32s::<4>(parts.knows).ok_or_else(bad)?;
        let rows = r.u32s::<ROW>(parts.rows).ok_or_else(bad)?;
        let pool = r.u32s::<1>(parts.rows).ok_or_else(bad)?;
        let mut facts: [Vec<[u32; FACT]>; TABLES] = Default::default();
        for (i, t) in facts.iter_mut().enumerate() {
            *t = r
                .u32s::<FACT>(parts.tables & (1 << i) != 0)
                .ok_or_else(bad)?;
        }
        if r.take(8).ok_or_else(bad)? != END
            || offsets.is_empty()
            || offsets
                .last()
                .is_some_and(|l| l[0] as usize != strings.len())
            || offsets.windows(2).any(|w| w[0][0] > w[1][0])
        {
            return Err(bad());
        }
        Ok(Some(Index {
            token,
            tainted,
            bytes: strings,
            offsets: offsets.into_iter().map(|[o]| o).collect(),
            lookup: None,
            docs: docs.into_iter().map(|[d]| d).collect(),
            names,
            knows,
            rows,
            pool: pool.into_iter().map(|[p]| p).collect(),
            facts,
        }))
    }
}

/// Which parts of the file to read besides strings, documents and names.
#[derive(Debug, Clone, Copy)]
pub struct Parts {
    /// How people know technologies (`knows`).
    pub knows: bool,
    /// Metric rows and their lists (`go-qps-10k`, `scale`).
    pub rows: bool,
    /// Listing tables, one bit per [`Table`] number.
    pub tables: u32,
}

impl Parts {
    /// Everything (writers).
    pub const ALL: Parts = Parts {
        knows: true,
        rows: true,
        tables: u32::MAX,
    };
}

fn put_bytes(w: &mut impl Write, b: &[u8]) -> std::io::Result<()> {
    w.write_all(&(b.len() as u64).to_le_bytes())?;
    w.write_all(b)
}

fn put_u32s(w: &mut impl Write, v: &[u32]) -> std::io::Result<()> {
    w.write_all(&(v.len() as u64).to_le_bytes())?;
    for chunk in v.chunks(1 << 14) {
        let bytes: Vec<u8> = chunk.iter().flat_map(|x| x.to_le_bytes()).collect();
        w.write_all(&bytes)?;
    }
    Ok(())
}

struct Reader<R> {
    inner: R,
}

impl<R: std::io::Read + std::io::Seek> Reader<R> {
    fn take(&mut self, n: usize) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; n];
        self.inner.read_exact(&mut buf).ok()?;
        Some(buf)
    }

    fn len(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    /// A length-prefixed byte string (skipped, and empty, unless `keep`).
    fn bytes(&mut self, keep: bool) -> Option<Vec<u8>> {
        let n = self.len()?;
        if !keep {
            self.inner.seek_relative(i64::try_from(n).ok()?).ok()?;
            return Some(Vec::new());
        }
        self.take(usize::try_from(n).ok()?)
    }

    /// A length-prefixed `u32` array read as records of `N` (skipped unless `keep`).
    fn u32s<const N: usize>(&mut self, keep: bool) -> Option<Vec<[u32; N]>> {
        let n = self.len()?;
        let bytes = n.checked_mul(4)?;
        if !keep {
            self.inner.seek_relative(i64::try_from(bytes).ok()?).ok()?;
            return Some(Vec::new());
        }
        if n % N as u64 != 0 {
            return None;
        }
        let count = usize::try_from(n).ok()? / N;
        let mut out = Vec::with_capacity(count);
        let mut buf = vec![0u8; 4 * N * 4096];
        let mut left = count;
        while left > 0 {
            let k = left.min(4096);
            let chunk = &mut buf[..4 * N * k];
            self.inner.read_exact(chunk).ok()?;
            out.extend(chunk.chunks_exact(4 * N).map(|rec| {
                let mut a = [0u32; N];
                for (i, x) in rec.chunks_exact(4).enumerate() {
                    a[i] = u32::from_le_bytes([x[0], x[1], x[2], x[3]]);
                }
                a
            }));
            left -= k;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_entry(idx: &Index, doc: u32) -> Option<Entry> {
        idx.entries()
            .into_iter()
            .find_map(|(d, e)| (d == doc).then_some(e))
    }

    fn entry(person: &str) -> Entry {
        Entry {
            names: vec![(person.into(), "\"Ann\"".into())],
            knows: vec![("http://t/go".into(), person.into(), How::Position)],
            rows: vec![Row {
                person: person.into(),
                kind: "http://k/qps".into(),
                value: "\"1\"".into(),
                sys: "\"\"".into(),
                techs: vec!["http://t/go".into(), "http://t/rust".into()],
                orgs: vec!["\"Acme\"".into()],
                raws: vec![],
            }],
            facts: vec![Fact {
                table: Table::Latest,
                cols: [
                    Some(person.into()),
                    Some("\"2020-01\"".into()),
                    None,
                    Some("\"Acme\"".into()),
                    None,
                    None,
                    None,
                ],
            }],
        }
    }

    #[test]
    fn round_trips_drops_and_compacts() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("index");
        let mut idx = Index::empty();
        idx.token = "t1".into();
        idx.add("http://d/1", &entry("http://x/a"));
        idx.add("http://d/2", &entry("http://x/b"));
        idx.write(&path).expect("write");
        let back = Index::read(&path).expect("read").expect("present");
        assert_eq!(back.token, "t1");
        assert_eq!(doc_entry(&back, 1), Some(entry("http://x/b")));
        let mut back = back;
        back.drop_docs(&["http://d/1".to_owned()].into_iter().collect());
        let c = back.compact();
        assert_eq!(c.docs.len(), 1);
        assert_eq!(doc_entry(&c, 0), Some(entry("http://x/b")));
        assert!(c.find("http://x/a").is_none());
        assert_eq!(
            c.docs_mentioning("http://x/b"),
            ["http://d/2".to_owned()].into_iter().collect()
        );
        std::fs::write(&path, b"CGIDX001garbage").expect("write");
        assert!(Index::read(&path).is_err());
        assert!(Index::read(&dir.path().join("none")).expect("ok").is_none());
    }
}
