//! The loader's node tree as a JSON instance the schema validator reads in
//! place.
//!
//! `jsonschema` is generic over the representation of the instance it
//! validates. Handing it [`crate::load::Node`] directly, rather than a
//! `serde_json::Value` converted from the tree, saves a full copy of every
//! file's document (and the time to free it): on a 25 MB journey the copy
//! cost more than the validation itself.
//!
//! The tree reads as the JSON the loader's data model describes: `Int` and
//! `Float` are numbers, `Map` is an object whose members keep their written
//! order, `Seq` an array. A float that is not finite reads as `null`, as
//! `Node::to_json` has always written it (the loader produces none today).
//!
//! [`Node::to_value`](json::Node::to_value) is only called on cold paths (an
//! error's instance, `const`/`enum` without the override below). It is kept
//! shallow on purpose: a mapping or a list keeps its scalars but its nested
//! collections become `{}` and `[]`, so an error reported on the root of a
//! large file never copies the whole file. The messages of this crate never
//! print an error's instance; they read the node behind its path instead.

use std::borrow::Cow;

use jsonschema::JsonType;
use jsonschema::json::{self, Array, Json, JsonNumber, NodeIdentity, Object};
use serde_json::Value;

use crate::load::{Entry, Node, NodeKind};
use crate::source::Span;

/// The node tree as a `jsonschema` instance representation.
#[derive(Debug)]
pub(super) struct Tree;

/// Backs the string nodes `propertyNames` validates member names through.
#[derive(Debug)]
pub(super) struct NameBuffer(Node);

impl Default for NameBuffer {
    fn default() -> Self {
        NameBuffer(Node {
            span: Span::default(),
            kind: NodeKind::Str(String::new()),
        })
    }
}

impl Json for Tree {
    type Node<'a> = &'a Node;
    type PreparedKey = String;
    type StringBuffer = NameBuffer;

    /// A lookup is a linear scan of the entries, so a pass over the members
    /// never costs more than the lookups it replaces: prefer it for any
    /// mapping a person writes. (Bounded so the validator's `KEYS_PER_LOOKUP
    /// * count` cannot overflow.)
    const KEYS_PER_LOOKUP: usize = 1 << 20;

    /// Aliases are expanded into copies, so the tree holds no cycle.
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(buffer: &mut NameBuffer, string: &str, f: impl FnOnce(&Node) -> T) -> T {
        match &mut buffer.0.kind {
            NodeKind::Str(text) => {
                text.clear();
                text.push_str(string);
            }
            kind => *kind = NodeKind::Str(string.to_owned()),
        }
        f(&buffer.0)
    }
}

/// A number of the tree, read without building a `serde_json::Number`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Number {
    Int(i64),
    /// Always finite: a non-finite float is not a number here.
    Float(f64),
}

impl Number {
    fn of(node: &Node) -> Option<Number> {
        match node.kind {
            NodeKind::Int(i) => Some(Number::Int(i)),
            NodeKind::Float(f) if f.is_finite() => Some(Number::Float(f)),
            _ => None,
        }
    }

    fn to_serde(self) -> serde_json::Number {
        match self {
            Number::Int(i) => i.into(),
            // `of` admits finite floats only, which `from_f64` always takes.
            Number::Float(f) => serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into()),
        }
    }
}

impl JsonNumber for Number {
    fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::Int(i) => u64::try_from(i).ok(),
            // As `serde_json` reads a number parsed as a float.
            Number::Float(_) => None,
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::Int(i) => Some(i),
            Number::Float(_) => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match *self {
            // The same rounding `serde_json::Number::as_f64` applies.
            #[allow(clippy::cast_precision_loss)]
            Number::Int(i) => Some(i as f64),
            Number::Float(f) => Some(f),
        }
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_serde().to_string())
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Owned(self.to_serde())
    }

    fn is_integer(&self) -> bool {
        match *self {
            Number::Int(_) => true,
            Number::Float(f) => f.fract() == 0.0,
        }
    }

    fn is_written_as_integer(&self) -> bool {
        match *self {
            Number::Int(_) => true,
            // Draft 4 only; answer as `serde_json` does for the same float.
            Number::Float(_) => self.to_serde().is_written_as_integer(),
        }
    }
}

impl<'a> json::Node<'a, Tree> for &'a Node {
    type Object = &'a [Entry];
    type Array = &'a [Node];
    type Number = Number;

    fn as_object(&self) -> Option<&'a [Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&'a [Node]> {
        match &self.kind {
            NodeKind::Seq(items) => Some(items),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.kind {
            NodeKind::Str(text) => Some(Cow::Borrowed(text)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Number> {
        Number::of(self)
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        self.json_type() == JsonType::Null
    }

    fn is_number(&self) -> bool {
        self.json_type() == JsonType::Number
    }

    fn is_string(&self) -> bool {
        matches!(self.kind, NodeKind::Str(_))
    }

    fn json_type(&self) -> JsonType {
        match &self.kind {
            NodeKind::Null => JsonType::Null,
            NodeKind::Bool(_) => JsonType::Boolean,
            NodeKind::Int(_) => JsonType::Number,
            NodeKind::Float(f) if f.is_finite() => JsonType::Number,
            NodeKind::Float(_) => JsonType::Null,
            NodeKind::Str(_) => JsonType::String,
            NodeKind::Seq(_) => JsonType::Array,
            NodeKind::Map(_) => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        equals(self, expected)
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(shallow(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref::<Node>(*self) as usize))
    }
}

impl<'a> Object<'a, Tree> for &'a [Entry] {
    type Node = &'a Node;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        <[Entry]>::len(self)
    }

    fn get(&self, key: &String) -> Option<&'a Node> {
        self.iter().find(|e| e.key == *key).map(|e| &e.value)
    }

    fn members(&self) -> Members<'a> {
        Members(self.iter())
    }
}

/// The members of a mapping, in the order they were written.
#[derive(Debug)]
pub(super) struct Members<'a>(std::slice::Iter<'a, Entry>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|e| (e.key.as_str(), &e.value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<'a> Array<'a, Tree> for &'a [Node] {
    type Node = &'a Node;
    type ElementsIter = std::slice::Iter<'a, Node>;

    fn len(&self) -> usize {
        <[Node]>::len(self)
    }

    fn elements(&self) -> std::slice::Iter<'a, Node> {
        self.iter()
    }

    /// `uniqueItems` (unused by the journey schema) needs whole values, which
    /// the shallow `to_value` does not give: convert this list in full.
    fn is_unique(&self) -> bool {
        let values: Vec<Value> = self.iter().map(Node::to_json).collect();
        json::unique::is_unique(&values)
    }
}

/// A scalar as JSON; collections are empty.
fn scalar(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Int(_) | NodeKind::Float(_) => {
            Number::of(node).map_or(Value::Null, |n| Value::Number(n.to_serde()))
        }
        NodeKind::Str(text) => Value::String(text.clone()),
        NodeKind::Seq(_) => Value::Array(Vec::new()),
        NodeKind::Map(_) => Value::Object(serde_json::Map::new()),
    }
}

/// A node as JSON one level deep: see the module documentation.
fn shallow(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Seq(items) => Value::Array(items.iter().map(scalar).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|e| (e.key.clone(), scalar(&e.value)))
                .collect(),
        ),
        _ => scalar(node),
    }
}

/// JSON Schema equality of a node and a value (numbers compare
/// mathematically), at any depth and without converting the node.
fn equals(node: &Node, expected: &Value) -> bool {
    match (&node.kind, expected) {
        (NodeKind::Str(text), Value::String(other)) => text == other,
        (NodeKind::Bool(b), Value::Bool(other)) => b == other,
        (NodeKind::Int(_) | NodeKind::Float(_), Value::Number(_)) => Number::of(node)
            .is_some_and(|n| json::cmp::equal(&Value::Number(n.to_serde()), expected)),
        (NodeKind::Seq(items), Value::Array(others)) => {
            items.len() == others.len() && items.iter().zip(others).all(|(i, o)| equals(i, o))
        }
        (NodeKind::Map(entries), Value::Object(others)) => {
            // The loader drops a repeated key, so equal lengths and every
            // entry found equal means the same members.
            entries.len() == others.len()
                && entries
                    .iter()
                    .all(|e| others.get(&e.key).is_some_and(|o| equals(&e.value, o)))
        }
        (NodeKind::Null, Value::Null) => true,
        (NodeKind::Float(f), Value::Null) => !f.is_finite(),
        _ => false,
    }
}

#[cfg(test)]
#[path = "instance_tests.rs"]
mod tests;
