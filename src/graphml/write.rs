//! Streaming GraphML and DOT writers: a header, then nodes one at a time, then edges one
//! at a time, then the footer. Nothing is kept: memory does not grow with the graph.

use super::attrs::{Value, ATTRIBUTES};
use super::GraphError;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

/// A node as written.
pub struct NodeOut<'a> {
    /// Node number (`n{id}` in the output).
    pub id: u32,
    /// Node kind.
    pub kind: &'a str,
    /// Display label.
    pub label: &'a str,
    /// IRI of the resource.
    pub iri: &'a str,
    /// Typed attributes, by name.
    pub attrs: &'a [(&'a str, Value)],
}

/// An edge as written.
pub struct EdgeOut<'a> {
    /// Source node number.
    pub source: u32,
    /// Target node number.
    pub target: u32,
    /// Predicate IRI.
    pub predicate: &'a str,
    /// Short label.
    pub label: &'a str,
    /// Attributes as `(name, text)`.
    pub attrs: &'a [(&'a str, &'a str)],
}

/// A streaming graph writer.
pub trait GraphWriter {
    /// Write one node (every node comes before the first edge).
    fn node(&mut self, node: &NodeOut<'_>) -> Result<(), GraphError>;
    /// Write one edge.
    fn edge(&mut self, edge: &EdgeOut<'_>) -> Result<(), GraphError>;
    /// Close the document and flush.
    fn finish(self: Box<Self>) -> Result<(), GraphError>;
}

fn xml(e: impl std::fmt::Display) -> GraphError {
    GraphError::Io(std::io::Error::other(e.to_string()))
}

/// GraphML with typed keys declared up front: every attribute a node can have, and for
/// edges the attributes of collapsed positions when `edge_attrs` (views) is set.
pub struct GraphMl<W: Write> {
    w: Writer<W>,
    edges: u64,
}

impl<W: Write> GraphMl<W> {
    /// Write the header and key declarations.
    pub fn start(out: W, edge_attrs: bool) -> Result<Self, GraphError> {
        let mut w = Writer::new_with_indent(out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(xml)?;
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", "http://graphml.graphdrawing.org/xmlns"));
        root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
        root.push_attribute((
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ));
        w.write_event(Event::Start(root)).map_err(xml)?;
        let mut node_keys: Vec<(&str, &str)> = ATTRIBUTES.to_vec();
        node_keys.extend([("kind", "string"), ("label", "string"), ("iri", "string")]);
        node_keys.sort_unstable();
        let mut edge_keys: Vec<(&str, &str)> = if edge_attrs {
            ATTRIBUTES.to_vec()
        } else {
            Vec::new()
        };
        edge_keys.extend([("predicate", "string"), ("label", "string")]);
        edge_keys.sort_unstable();
        for (scope, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
            for (name, ty) in keys {
                let mut k = BytesStart::new("key");
                let id = format!("{}_{name}", &scope[..1]);
                k.push_attribute(("id", id.as_str()));
                k.push_attribute(("for", scope));
                k.push_attribute(("attr.name", *name));
                k.push_attribute(("attr.type", *ty));
                w.write_event(Event::Empty(k)).map_err(xml)?;
            }
        }
        let mut graph = BytesStart::new("graph");
        graph.push_attribute(("id", "careergraph"));
        graph.push_attribute(("edgedefault", "directed"));
        w.write_event(Event::Start(graph)).map_err(xml)?;
        Ok(GraphMl { w, edges: 0 })
    }

    fn data(&mut self, key: &str, value: &str) -> Result<(), GraphError> {
        let mut d = BytesStart::new("data");
        d.push_attribute(("key", key));
        self.w.write_event(Event::Start(d)).map_err(xml)?;
        self.w
            .write_event(Event::Text(BytesText::new(value)))
            .map_err(xml)?;
        self.w
            .write_event(Event::End(BytesEnd::new("data")))
            .map_err(xml)
    }
}

impl<W: Write> GraphWriter for GraphMl<W> {
    fn node(&mut self, n: &NodeOut<'_>) -> Result<(), GraphError> {
        let mut el = BytesStart::new("node");
        let id = format!("n{}", n.id);
        el.push_attribute(("id", id.as_str()));
        self.w.write_event(Event::Start(el)).map_err(xml)?;
        self.data("n_kind", n.kind)?;
        self.data("n_label", n.label)?;
        self.data("n_iri", n.iri)?;
        for (k, v) in n.attrs {
            self.data(&format!("n_{k}"), &v.text())?;
        }
        self.w
            .write_event(Event::End(BytesEnd::new("node")))
            .map_err(xml)
    }

    fn edge(&mut self, e: &EdgeOut<'_>) -> Result<(), GraphError> {
        let mut el = BytesStart::new("edge");
        let id = format!("e{}", self.edges);
        self.edges += 1;
        let (source, target) = (format!("n{}", e.source), format!("n{}", e.target));
        el.push_attribute(("id", id.as_str()));
        el.push_attribute(("source", source.as_str()));
        el.push_attribute(("target", target.as_str()));
        self.w.write_event(Event::Start(el)).map_err(xml)?;
        self.data("e_predicate", e.predicate)?;
        self.data("e_label", e.label)?;
        for (k, v) in e.attrs {
            self.data(&format!("e_{k}"), v)?;
        }
        self.w
            .write_event(Event::End(BytesEnd::new("edge")))
            .map_err(xml)
    }

    fn finish(mut self: Box<Self>) -> Result<(), GraphError> {
        self.w
            .write_event(Event::End(BytesEnd::new("graph")))
            .map_err(xml)?;
        self.w
            .write_event(Event::End(BytesEnd::new("graphml")))
            .map_err(xml)?;
        let mut out = self.w.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(())
    }
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Graphviz DOT (shapes and colours by kind).
pub struct Dot<W: Write> {
    out: W,
}

impl<W: Write> Dot<W> {
    /// Write the graph header.
    pub fn start(mut out: W) -> Result<Self, GraphError> {
        writeln!(out, "digraph careergraph {{")?;
        writeln!(out, "  rankdir=LR;")?;
        writeln!(
            out,
            "  node [fontname=\"Helvetica\", style=filled, fillcolor=white];"
        )?;
        Ok(Dot { out })
    }
}

impl<W: Write> GraphWriter for Dot<W> {
    fn node(&mut self, n: &NodeOut<'_>) -> Result<(), GraphError> {
        let (shape, color) = match n.kind {
            "person" => ("ellipse", "#ffd966"),
            "organization" => ("box", "#9fc5e8"),
            "position" => ("box", "#d9ead3"),
            "technology" => ("hexagon", "#ead1dc"),
            "system" | "project" => ("component", "#fce5cd"),
            "metric" => ("note", "#eeeeee"),
            _ => ("box", "#ffffff"),
        };
        writeln!(
            self.out,
            "  n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{}\"];",
            n.id,
            dot_escape(n.label),
            dot_escape(n.iri)
        )?;
        Ok(())
    }

    fn edge(&mut self, e: &EdgeOut<'_>) -> Result<(), GraphError> {
        writeln!(
            self.out,
            "  n{} -> n{} [label=\"{}\"];",
            e.source,
            e.target,
            dot_escape(e.label)
        )?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), GraphError> {
        writeln!(self.out, "}}")?;
        self.out.flush()?;
        Ok(())
    }
}
