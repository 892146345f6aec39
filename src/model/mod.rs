//! The typed journey model.
//!
//! These types are the journey format: serde reads them from the node tree,
//! and schemars derives `schemas/journey.schema.json` from them, so the doc
//! comments below are also the descriptions editors show. A test fails when
//! the committed schema and these types disagree.
//!
//! Fields that the domain rules require (a touchpoint's owner, an event's
//! system, …) are optional here on purpose: their absence is reported by a
//! named rule with a business explanation rather than by a bare schema error.

pub mod de;
mod journey;
mod operations;
mod overlay;
mod spanned;
mod stages;
mod touchpoints;

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

pub use journey::*;
pub use operations::*;
pub use overlay::*;
pub use spanned::Spanned;
pub use stages::*;
pub use touchpoints::*;

/// Pattern every id matches: lowercase words of letters and digits joined by
/// single `-` or `_`. Ids become CRM option values and file names, so they
/// must survive every vendor's naming rules.
pub const ID_PATTERN: &str = "^[a-z0-9]+([-_][a-z0-9]+)*$";

/// An identifier, as written in the journey.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Ident(pub String);

impl Ident {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Ident {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": 64,
            "description": "An id: lowercase letters and digits, words joined by `-` or `_`, such as `first-qbr`."
        })
    }
}

/// An id with its position: both definitions (`id:`) and references to them.
pub type Id = Spanned<Ident>;

/// Text with its position.
pub type Text = Spanned<String>;

/// One owner id, or a list when someone wrote several. The format allows a
/// list only so that the "exactly one owner" rules can explain the problem in
/// business terms instead of a type error.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnerRefs(pub Vec<Id>);

impl<'de> Deserialize<'de> for OwnerRefs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `model::de` presents a single scalar as a list of one, keeping its span.
        Vec::<Id>::deserialize(deserializer).map(OwnerRefs)
    }
}

/// Serialized as the list of ids, whatever was written.
impl Serialize for OwnerRefs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl JsonSchema for OwnerRefs {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OwnerRef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let id = generator.subschema_for::<Ident>();
        json_schema!({
            "description": "The id of one owner (from `owners`). Exactly one person owns each item.",
            "anyOf": [id, { "type": "array", "items": id }]
        })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Date(pub String);

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            "description": "A date written YYYY-MM-DD."
        })
    }
}
