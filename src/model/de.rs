//! A serde deserializer over the loader's node tree.
//!
//! It lets the model be plain `#[derive(Deserialize)]` types while still
//! handing positions to [`Spanned`](super::Spanned) fields. Because the schema
//! check runs first, errors here are rare; when one happens it carries the
//! span of the node where it arose.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::spanned::{SPAN_FIELD, SPANNED_NAME, VALUE_FIELD};
use crate::load::{Node, NodeKind};
use crate::source::Span;

/// Deserialize a model value from a node.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, Error> {
    T::deserialize(NodeDeserializer {
        node,
        label: node.head_span(),
    })
}

/// A deserialization error with the place it arose, when known.
#[derive(Debug, Clone)]
pub struct Error {
    pub message: String,
    pub span: Option<Span>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The diagnostic for a value the model cannot read, at the node where
    /// it arose (or the start of `file`). `reference` names the document a
    /// reader should look at, such as `docs/format.md`.
    pub fn diagnostic(
        &self,
        file: crate::source::FileId,
        reference: &str,
    ) -> crate::diagnostic::Diagnostic {
        let span = self.span.unwrap_or_else(|| Span::file_start(file));
        crate::diagnostic::Diagnostic::new(
            &crate::codes::INVALID_VALUE,
            format!("this value cannot be read: {}", self.message),
            span,
            "cannot be read",
        )
        .with_help(format!("check {reference}"))
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            span: None,
        }
    }
}

/// Attach a span to an error that does not have one yet, so the innermost
/// node wins.
fn at(span: Span) -> impl FnOnce(Error) -> Error {
    move |mut e| {
        e.span.get_or_insert(span);
        e
    }
}

struct NodeDeserializer<'de> {
    node: &'de Node,
    /// Where a `Spanned` label for this node points (see `Spanned`).
    label: Span,
}

impl<'de> NodeDeserializer<'de> {
    fn child(node: &'de Node) -> Self {
        NodeDeserializer {
            node,
            label: node.head_span(),
        }
    }
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let span = self.node.span;
        match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Int(i) => visitor.visit_i64(*i),
            NodeKind::Float(f) => visitor.visit_f64(*f),
            NodeKind::Str(s) => visitor.visit_borrowed_str(s),
            NodeKind::Seq(items) => visitor.visit_seq(Items { iter: items.iter() }),
            NodeKind::Map(entries) => visitor.visit_map(Entries {
                iter: entries.iter(),
                value: None,
            }),
        }
        .map_err(at(span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    /// Text fields accept any scalar as written, so `name: 2024` still reads
    /// as the text "2024" if the schema allowed it.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Str(s) => visitor.visit_borrowed_str(s),
            _ => match self.node.scalar_text() {
                Some(text) => visitor.visit_string(text),
                None => self.deserialize_any(visitor),
            },
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// A single scalar where a list is expected reads as a list of one; the
    /// schema decides where that is allowed (owner fields).
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Seq(_) => self.deserialize_any(visitor),
            NodeKind::Null => visitor.visit_seq(Items { iter: [].iter() }),
            _ => visitor
                .visit_seq(Items {
                    iter: std::slice::from_ref(self.node).iter(),
                })
                .map_err(at(self.node.span)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED_NAME {
            return visitor.visit_map(SpannedAccess {
                de: Some(self),
                span_given: false,
            });
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.node.scalar_text() {
            Some(text) => visitor
                .visit_enum(text.into_deserializer())
                .map_err(at(self.node.span)),
            None => Err(Error {
                message: "expected one of the listed values".into(),
                span: Some(self.node.span),
            }),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct map identifier
    }
}

struct Items<'de> {
    iter: std::slice::Iter<'de, Node>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.iter.next() {
            Some(node) => seed
                .deserialize(NodeDeserializer::child(node))
                .map(Some)
                .map_err(at(node.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct Entries<'de> {
    iter: std::slice::Iter<'de, crate::load::Entry>,
    value: Option<&'de crate::load::Entry>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some(entry) => {
                self.value = Some(entry);
                seed.deserialize(de::value::BorrowedStrDeserializer::new(&entry.key))
                    .map(Some)
                    .map_err(at(entry.key_span))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(entry) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        // A collection is labelled at the key that introduced it.
        let label = match entry.value.kind {
            NodeKind::Map(_) | NodeKind::Seq(_) => entry.key_span,
            _ => entry.value.span,
        };
        seed.deserialize(NodeDeserializer {
            node: &entry.value,
            label,
        })
        .map_err(at(entry.value.span))
    }
}

/// Hands a `Spanned<T>` its span first, then its value.
struct SpannedAccess<'de> {
    de: Option<NodeDeserializer<'de>>,
    span_given: bool,
}

impl<'de> MapAccess<'de> for SpannedAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let key = match (self.span_given, &self.de) {
            (false, Some(_)) => SPAN_FIELD,
            (true, Some(_)) => VALUE_FIELD,
            (_, None) => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        if !self.span_given {
            self.span_given = true;
            let span = self.de.as_ref().map(|d| d.label).unwrap_or_default();
            let parts = [
                span.file.0,
                span.start.line,
                span.start.col,
                span.end.line,
                span.end.col,
            ];
            return seed.deserialize(de::value::SeqDeserializer::new(parts.into_iter()));
        }
        match self.de.take() {
            Some(de) => seed.deserialize(de),
            None => Err(de::Error::custom("a position without a value")),
        }
    }
}
