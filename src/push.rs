//! `push`: send named graphs to a SPARQL 1.1 store.
//!
//! Each graph goes in one request, so a graph is replaced whole or not at all:
//! Graph Store HTTP Protocol `PUT endpoint?graph=IRI` (idempotent), or, with an update
//! endpoint, one SPARQL Update `DROP SILENT GRAPH …; INSERT DATA { GRAPH … }`.
//! Credentials come from the environment and are never printed. 5xx answers and
//! connection failures are retried with exponential backoff; 4xx answers are errors.

use crate::ns;
use crate::store::{CareerStore, StoreError};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

/// Environment variable with a bearer token.
pub const ENV_TOKEN: &str = "CAREERGRAPH_PUSH_TOKEN";
/// Environment variable with a basic-auth user.
pub const ENV_USER: &str = "CAREERGRAPH_PUSH_USER";
/// Environment variable with a basic-auth password.
pub const ENV_PASSWORD: &str = "CAREERGRAPH_PUSH_PASSWORD";

/// Payload serialisation for Graph Store PUTs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Payload {
    /// `application/n-triples`.
    Ntriples,
    /// `text/turtle`.
    Turtle,
}

/// Push settings.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Graph Store Protocol endpoint (e.g. `http://host:7878/store`).
    pub endpoint: String,
    /// SPARQL Update endpoint: when set, graphs are sent as updates instead of PUTs.
    pub update_endpoint: Option<String>,
    /// Payload format for PUTs.
    pub payload: Payload,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Attempts per graph on 5xx / connection errors.
    pub retries: u32,
    /// First backoff delay (doubled on each retry).
    pub backoff: Duration,
    /// Also send the vocabulary graph (labels of organisations and technologies).
    pub include_vocabulary: bool,
    /// Requests in flight at once (graphs are serialised ahead on another thread).
    pub jobs: usize,
}

/// Push failures.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// Local store failure.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Serialisation failure.
    #[error("serialising {graph}: {source}")]
    Serialize {
        /// Graph IRI.
        graph: String,
        /// Cause.
        source: std::io::Error,
    },
    /// The server refused the request (4xx): not retried.
    #[error("{graph}: the server refused it with HTTP {status}: {body}")]
    Refused {
        /// Graph IRI.
        graph: String,
        /// HTTP status.
        status: u16,
        /// Start of the response body.
        body: String,
    },
    /// The server failed or could not be reached after all retries.
    #[error("{graph}: gave up after {attempts} attempt(s): {last}")]
    Unreachable {
        /// Graph IRI.
        graph: String,
        /// Attempts made.
        attempts: u32,
        /// Last error.
        last: String,
    },
}

/// One graph to send.
#[derive(Debug, Clone)]
pub struct GraphPlan {
    /// Graph IRI.
    pub graph: NamedNode,
    /// Triples in it.
    pub triples: usize,
    /// Request URL.
    pub url: String,
}

/// What was sent.
#[derive(Debug, Clone, Default)]
pub struct PushSummary {
    /// Graphs sent.
    pub graphs: usize,
    /// Triples sent.
    pub triples: usize,
    /// Wall time.
    pub seconds: f64,
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The graphs that would be sent, with their sizes and URLs.
pub fn plan(store: &CareerStore, opts: &PushOptions) -> Result<Vec<GraphPlan>, PushError> {
    let mut graphs = store.data_graphs()?;
    if opts.include_vocabulary {
        graphs.insert(0, NamedNode::new_unchecked(ns::VOCABULARY_GRAPH));
    }
    let sizes = store.graph_sizes()?;
    let sep = if opts.endpoint.contains('?') {
        '&'
    } else {
        '?'
    };
    Ok(graphs
        .into_iter()
        .map(|g| GraphPlan {
            triples: sizes.get(&g).copied().unwrap_or(0),
            url: match &opts.update_endpoint {
                Some(u) => u.clone(),
                None => format!("{}{sep}graph={}", opts.endpoint, percent_encode(g.as_str())),
            },
            graph: g,
        })
        .collect())
}

fn serialize_graph(
    store: &CareerStore,
    graph: &NamedNode,
    format: RdfFormat,
) -> Result<Vec<u8>, PushError> {
    let err = |source: std::io::Error| PushError::Serialize {
        graph: graph.as_str().to_owned(),
        source,
    };
    let mut w = RdfSerializer::from_format(format).for_writer(Vec::new());
    let g: GraphNameRef<'_> = graph.as_ref().into();
    for q in store.inner().quads_for_pattern(None, None, None, Some(g)) {
        let q = q.map_err(StoreError::from)?;
        w.serialize_triple(q.as_ref()).map_err(err)?;
    }
    w.finish().map_err(err)
}

fn update_body(store: &CareerStore, graph: &NamedNode) -> Result<Vec<u8>, PushError> {
    let triples = serialize_graph(store, graph, RdfFormat::NTriples)?;
    let mut body = format!(
        "DROP SILENT GRAPH <{0}> ;\nINSERT DATA {{ GRAPH <{0}> {{\n",
        graph.as_str()
    )
    .into_bytes();
    body.extend_from_slice(&triples);
    body.extend_from_slice(b"} }\n");
    Ok(body)
}

fn auth_header() -> Option<String> {
    if let Ok(token) = std::env::var(ENV_TOKEN) {
        return Some(format!("Bearer {token}"));
    }
    let user = std::env::var(ENV_USER).ok()?;
    let password = std::env::var(ENV_PASSWORD).unwrap_or_default();
    Some(format!("Basic {}", base64(&format!("{user}:{password}"))))
}

fn base64(s: &str) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The request body and content type of one graph.
fn request_body(
    store: &CareerStore,
    opts: &PushOptions,
    graph: &NamedNode,
) -> Result<(Vec<u8>, &'static str), PushError> {
    Ok(match &opts.update_endpoint {
        Some(_) => (update_body(store, graph)?, "application/sparql-update"),
        None => {
            let (fmt, ct) = match opts.payload {
                Payload::Ntriples => (RdfFormat::NTriples, "application/n-triples"),
                Payload::Turtle => (RdfFormat::Turtle, "text/turtle"),
            };
            (serialize_graph(store, graph, fmt)?, ct)
        }
    })
}

/// Send every planned graph. One thread serialises graphs ahead (at most `2 × jobs`
/// waiting) while `jobs` threads send them, so reading the store and the server's work
/// overlap. Stops at the first graph that fails: graphs already sent stay sent, each
/// complete (up to `jobs − 1` requests already under way still finish). `progress` is
/// called after each graph, on the calling thread.
pub fn push(
    store: &CareerStore,
    opts: &PushOptions,
    mut progress: impl FnMut(&GraphPlan),
) -> Result<PushSummary, PushError> {
    let started = Instant::now();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let auth = auth_header();
    let plans = plan(store, opts)?;
    let jobs = opts.jobs.max(1);
    let stop = AtomicBool::new(false);
    let (to_send, queue) = mpsc::sync_channel::<(GraphPlan, Vec<u8>, &'static str)>(2 * jobs);
    let queue = Mutex::new(queue);
    let (sent_tx, sent) = mpsc::channel::<Result<GraphPlan, PushError>>();
    let mut summary = PushSummary::default();
    let mut first_error = None;
    std::thread::scope(|s| {
        let (stop, queue, agent, auth) = (&stop, &queue, &agent, auth.as_deref());
        let serializer = s.spawn(move || -> Result<(), PushError> {
            for p in plans {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let (body, content_type) = request_body(store, opts, &p.graph)?;
                if to_send.send((p, body, content_type)).is_err() {
                    break;
                }
            }
            Ok(())
        });
        for _ in 0..jobs {
            let sent_tx = sent_tx.clone();
            s.spawn(move || loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((p, body, content_type)) = next else {
                    break;
                };
                if stop.load(Ordering::Relaxed) {
                    // Keep draining so the serializer is never stuck on a full queue.
                    continue;
                }
                let put = opts.update_endpoint.is_none();
                let result = send_with_retries(agent, &p, &body, content_type, put, auth, opts);
                if result.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
                if sent_tx.send(result.map(|()| p)).is_err() {
                    break;
                }
            });
        }
        drop(sent_tx);
        for result in sent {
            match result {
                Ok(p) => {
                    summary.graphs += 1;
                    summary.triples += p.triples;
                    progress(&p);
                }
                Err(e) => {
                    stop.store(true, Ordering::Relaxed);
                    first_error.get_or_insert(e);
                }
            }
        }
        match serializer.join() {
            Ok(Err(e)) => {
                first_error.get_or_insert(e);
            }
            Ok(Ok(())) => {}
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    if let Some(e) = first_error {
        return Err(e);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn send_with_retries(
    agent: &ureq::Agent,
    p: &GraphPlan,
    body: &[u8],
    content_type: &str,
    put: bool,
    auth: Option<&str>,
    opts: &PushOptions,
) -> Result<(), PushError> {
    let attempts = opts.retries.max(1);
    let mut delay = opts.backoff;
    let mut last = String::new();
    for attempt in 1..=attempts {
        let result = if put {
            let mut req = agent.put(&p.url).header("Content-Type", content_type);
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.send(body)
        } else {
            let mut req = agent.post(&p.url).header("Content-Type", content_type);
            if let Some(a) = auth {
                req = req.header("Authorization", a);
            }
            req.send(body)
        };
        match result {
            Ok(mut resp) => {
                let status = resp.status().as_u16();
                if (200..300).contains(&status) {
                    return Ok(());
                }
                let text = resp.body_mut().read_to_string().unwrap_or_default();
                let snippet: String = text.chars().take(300).collect();
                if (400..500).contains(&status) {
                    return Err(PushError::Refused {
                        graph: p.graph.as_str().to_owned(),
                        status,
                        body: snippet,
                    });
                }
                last = format!("HTTP {status}: {snippet}");
            }
            Err(e) => last = e.to_string(),
        }
        if attempt < attempts {
            std::thread::sleep(delay);
            delay *= 2;
        }
    }
    Err(PushError::Unreachable {
        graph: p.graph.as_str().to_owned(),
        attempts,
        last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(""), "");
        assert_eq!(base64("f"), "Zg==");
        assert_eq!(base64("fo"), "Zm8=");
        assert_eq!(base64("foo"), "Zm9v");
        assert_eq!(base64("user:pass"), "dXNlcjpwYXNz");
    }

    #[test]
    fn graph_iris_are_percent_encoded() {
        assert_eq!(
            percent_encode("https://x.example/doc/a b?c"),
            "https%3A%2F%2Fx.example%2Fdoc%2Fa%20b%3Fc"
        );
    }
}
