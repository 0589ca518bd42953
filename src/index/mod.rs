//! The query index: a file in the store directory (`careergraph.index`) that answers
//! `go-qps-10k`, `scale` and `knows` without per-row RocksDB lookups.
//!
//! Each document contributes an [`entry::Entry`] computed from its own quads with the joins
//! the queries make (metric rows of held positions with their technologies, how people
//! know technologies, people's names); parameters (labels, kinds, narrower concepts) are
//! still resolved by SPARQL at query time, so the vocabulary can change under the index.
//!
//! **Consistency with the store.** The file carries a token; the store's meta graph
//! carries the same token as `cg:indexStamp` only while the file describes the store
//! exactly. A writer ([`journal::Journal`]) removes the stamp in a committed transaction
//! before its first write, applies its changes to the index in memory, and at the end
//! ([`crate::store::CareerStore::flush`]) writes the new file (temporary file, sync,
//! rename) and only then commits the new stamp. A crash at any moment therefore leaves
//! either a matching pair or no stamp; without a stamp queries use plain SPARQL and the
//! next writer rebuilds the index from the store. RDF loaded as it is marks the index
//! tainted (it may join across graphs in ways entries do not see): plain SPARQL from then on.

pub mod answer;
pub mod entry;
pub mod file;
pub mod journal;
pub mod listing;
mod role_fit;
mod tech_years;

use crate::ns;
use oxigraph::model::{Literal, NamedNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

/// Index failures.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reading or writing the index file failed.
    #[error("query index {0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// The index file is not one this version wrote (it is rebuilt by the next write).
    #[error("query index {0} is damaged")]
    Damaged(PathBuf),
    /// Storage-level failure.
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
}

/// The index file of a store directory.
pub fn index_path(store_dir: &Path) -> PathBuf {
    store_dir.join("careergraph.index")
}

fn stamp_predicate() -> NamedNode {
    NamedNode::new_unchecked(ns::cg("indexStamp"))
}

fn meta() -> NamedNode {
    NamedNode::new_unchecked(ns::META_GRAPH)
}

/// The store's index stamp, if the index file is known to match it.
pub fn stamp(store: &Store) -> Result<Option<String>, StorageError> {
    let p = stamp_predicate();
    let g = meta();
    for q in store.quads_for_pattern(None, Some(p.as_ref()), None, Some(g.as_ref().into())) {
        if let Term::Literal(l) = q?.object {
            return Ok(Some(l.value().to_owned()));
        }
    }
    Ok(None)
}

/// Replace the stamp (`None` removes it) in one committed transaction.
pub fn set_stamp(store: &Store, token: Option<&str>) -> Result<(), StorageError> {
    let p = stamp_predicate();
    let g = meta();
    let mut tx = store.start_transaction()?;
    let old: Vec<Quad> = tx
        .quads_for_pattern(None, Some(p.as_ref()), None, Some(g.as_ref().into()))
        .collect::<Result<_, _>>()?;
    for q in &old {
        tx.remove(q.as_ref());
    }
    if let Some(t) = token {
        tx.insert(
            Quad::new(
                g.clone(),
                p.clone(),
                Literal::new_simple_literal(t),
                g.clone(),
            )
            .as_ref(),
        );
    }
    tx.commit()
}

/// The index file if it matches the store (same token, not tainted); otherwise `None`
/// and the caller answers with SPARQL.
pub fn load_valid(
    store: &Store,
    store_dir: &Path,
    parts: file::Parts,
) -> Result<Option<file::Index>, IndexError> {
    let Some(token) = stamp(store)? else {
        return Ok(None);
    };
    match file::Index::read_parts(&index_path(store_dir), parts) {
        Ok(Some(idx)) if idx.token == token && !idx.tainted => Ok(Some(idx)),
        Ok(_) | Err(IndexError::Damaged(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether the index file matches the store and is not tainted: then every data graph was
/// written by ingest from one document (no RDF loaded as it is). Reads only the file's head.
pub fn vouches_for_graphs(store: &Store, store_dir: &Path) -> Result<bool, IndexError> {
    let Some(token) = stamp(store)? else {
        return Ok(false);
    };
    match file::Index::read_header(&index_path(store_dir)) {
        Ok(Some((t, tainted))) => Ok(t == token && !tainted),
        Ok(None) | Err(IndexError::Damaged(_)) => Ok(false),
        Err(e) => Err(e),
    }
}
