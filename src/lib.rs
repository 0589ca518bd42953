//! careergraph: résumés → a career knowledge graph (RDF) in an embedded Oxigraph store.
//!
//! The pipeline runs one way (see ARCHITECTURE.md):
//! [`read`] (bytes → text) → [`extract`] / [`jsonresume`] (text → [`model::CareerRecord`])
//! → [`derive`] (time facts) → [`map`] (record → quads) → [`store`] (Oxigraph) → [`query`] / [`export`] / [`output`].
//! [`ingest`] drives the pipeline over files and folders; [`vocab`] holds the
//! vocabularies compiled from `ontology/*.ttl`.

pub mod derive;
pub mod export;
pub mod extract;
pub mod freshness;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod graphml;
pub mod index;
pub mod ingest;
pub mod jsonresume;
pub mod map;
pub mod model;
pub mod ns;
pub mod output;
pub mod push;
pub mod query;
pub mod read;
pub mod show;
pub mod store;
pub mod validate;
pub mod vocab;
