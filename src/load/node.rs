//! The YAML node tree with a span on every node and every key.
//!
//! This is the loader's output and the input of both the schema check (which
//! validates the tree directly, see `schema::instance`) and the typed model
//! (through `model::de`). It keeps what the JSON data model loses: where each
//! value and key was written.

use crate::source::Span;
use serde_json::{Map, Number, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The whole node, from its first to its last character.
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string, or a scalar kept as text because it only looks like a number
    /// (`010`, `1_000`).
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    /// The number of nodes in this subtree, used to bound alias expansion.
    pub fn count(&self) -> usize {
        match &self.kind {
            NodeKind::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            NodeKind::Map(entries) => 1 + entries.iter().map(|e| e.value.count()).sum::<usize>(),
            _ => 1,
        }
    }

    /// Where a label about this node should point: the scalar itself, or for
    /// a collection its first key or item, so a label never spans a whole
    /// section.
    pub fn head_span(&self) -> Span {
        match &self.kind {
            NodeKind::Map(entries) => entries.first().map_or(self.span, |e| e.key_span),
            NodeKind::Seq(items) => items.first().map_or(self.span, Node::head_span),
            _ => self.span,
        }
    }

    /// The text of a scalar as written, for messages.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Null => Some("null".into()),
            NodeKind::Bool(b) => Some(b.to_string()),
            NodeKind::Int(i) => Some(i.to_string()),
            NodeKind::Float(f) => Some(f.to_string()),
            NodeKind::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// A short name for the kind of value, as users call it.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "nothing (null)",
            NodeKind::Bool(_) => "true/false",
            NodeKind::Int(_) => "a whole number",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// Follow a JSON Pointer (RFC 6901) such as `/stages/3/owner`. Returns the
    /// node and, when the last step was a mapping key, that key's entry.
    pub fn pointer<'a>(&'a self, pointer: &str) -> (&'a Node, Option<&'a Entry>) {
        let mut node = self;
        let mut entry = None;
        for raw in pointer.split('/').skip(1) {
            let segment = raw.replace("~1", "/").replace("~0", "~");
            let next = match &node.kind {
                NodeKind::Map(entries) => entries.iter().find(|e| e.key == segment).map(|e| {
                    entry = Some(e);
                    &e.value
                }),
                NodeKind::Seq(items) => segment.parse::<usize>().ok().and_then(|i| {
                    entry = None;
                    items.get(i)
                }),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        (node, entry)
    }

    /// The tree as a JSON value, for comparisons in tests and `uniqueItems`.
    pub fn to_json(&self) -> Value {
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Int(i) => Value::Number((*i).into()),
            NodeKind::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            NodeKind::Str(s) => Value::String(s.clone()),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut map = Map::with_capacity(entries.len());
                for e in entries {
                    map.insert(e.key.clone(), e.value.to_json());
                }
                Value::Object(map)
            }
        }
    }
}
