//! Values that remember where they were written.
//!
//! [`Spanned<T>`] asks the deserializer for its position through a reserved
//! struct name; only `model::de` answers that request. The JSON Schema of a
//! `Spanned<T>` is the schema of `T`: the position is invisible in the format.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::source::{FileId, Pos, Span};

/// The struct name `model::de` recognises to hand out a position.
pub(crate) const SPANNED_NAME: &str = "$journeyc::Spanned";
pub(crate) const SPAN_FIELD: &str = "$span";
pub(crate) const VALUE_FIELD: &str = "$value";

/// A value and the place in a journey file it came from.
///
/// For text and numbers the span covers the value; for a mapping it is the
/// key that introduced the mapping (or its first key, in a list), so a label
/// never stretches over a whole section.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpannedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
            type Value = Spanned<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value with its position")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
                let mut span = None;
                let mut value = None;
                while let Some(key) = map.next_key::<&str>()? {
                    match key {
                        SPAN_FIELD => span = Some(map.next_value::<SpanParts>()?.0),
                        VALUE_FIELD => value = Some(map.next_value::<T>()?),
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field(VALUE_FIELD))?;
                Ok(Spanned {
                    value,
                    span: span.unwrap_or_default(),
                })
            }
        }

        const FIELDS: &[&str] = &[SPAN_FIELD, VALUE_FIELD];
        deserializer.deserialize_struct(SPANNED_NAME, FIELDS, SpannedVisitor(PhantomData))
    }
}

/// A span travelling through serde as five numbers.
struct SpanParts(Span);

impl<'de> Deserialize<'de> for SpanParts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PartsVisitor;
        impl<'de> Visitor<'de> for PartsVisitor {
            type Value = SpanParts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("five numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SpanParts, A::Error> {
                let mut n = [0u32; 5];
                for slot in &mut n {
                    *slot = seq.next_element()?.unwrap_or_default();
                }
                Ok(SpanParts(Span::new(
                    FileId(n[0]),
                    Pos {
                        line: n[1],
                        col: n[2],
                    },
                    Pos {
                        line: n[3],
                        col: n[4],
                    },
                )))
            }
        }
        deserializer.deserialize_tuple(5, PartsVisitor)
    }
}

/// A spanned value serializes as its value: positions are for diagnostics,
/// not for generated artifacts.
impl<T: serde::Serialize> serde::Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}
