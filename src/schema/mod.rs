//! Structural validation against the published JSON Schemas.
//!
//! journeyc reads two kinds of document: journey files and deal files. Each
//! has a [`Format`]: a schema generated from its model (see [`generate`] and
//! [`generate_deal`]), committed under `schemas/` and embedded in the binary;
//! a test fails when a committed file and its model drift apart. Validation
//! reports every violation at once, each mapped from its JSON Pointer back to
//! the YAML node (for an unknown key, the key itself). The validator reads
//! the loader's node tree in place (see `instance.rs`), with no copy of the
//! document as JSON.

mod instance;
mod messages;

use std::sync::OnceLock;

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::handoff::deal::Deal;
use crate::load::Node;
use crate::model::Journey;
use instance::Tree;

/// The published journey schema, exactly as committed.
pub const PUBLISHED: &str = include_str!("../../schemas/journey.schema.json");

/// Where the journey schema is published, used as its `$id`.
pub const SCHEMA_ID: &str = "https://journeyc.dev/schemas/journey.schema.json";

/// The published deal schema, exactly as committed.
pub const DEAL_PUBLISHED: &str = include_str!("../../schemas/deal.schema.json");

/// Where the deal schema is published, used as its `$id`.
pub const DEAL_SCHEMA_ID: &str = "https://journeyc.dev/schemas/deal.schema.json";

/// At most this many schema problems are reported per file; past it, one
/// more diagnostic says how many were left out.
pub const MAX_ERRORS_PER_FILE: usize = 500;

/// One kind of document and the schema it is validated against.
pub struct Format {
    /// How the format is named in messages: `journey`, `deal`.
    pub noun: &'static str,
    /// The published schema, exactly as committed.
    pub published: &'static str,
    /// Compiled on first use; most runs read only one kind of document.
    compiled: OnceLock<Compiled>,
}

/// Journey files (`*.journey.yaml`).
pub static JOURNEY: Format = Format::new("journey", PUBLISHED);

/// Deal files read by `journeyc handoff`.
pub static DEAL: Format = Format::new("deal", DEAL_PUBLISHED);

/// Generate the journey schema from the model, formatted as it is committed.
pub fn generate() -> String {
    generate_for::<Journey>(SCHEMA_ID)
}

/// Generate the deal schema from its model, formatted as it is committed.
pub fn generate_deal() -> String {
    generate_for::<Deal>(DEAL_SCHEMA_ID)
}

/// Both schemas come from the same settings and clean-up, so an editor and
/// the validator treat a deal file exactly as they treat a journey file.
fn generate_for<T: JsonSchema>(id: &str) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut value = schema.to_value();
    drop_null(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::String(id.into()));
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Optional keys are written by leaving them out, never as `null`: a `null`
/// branch would make the validator report "not valid under any schema"
/// instead of the precise problem inside the value.
fn drop_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
                branches.retain(|b| b.get("type").and_then(Value::as_str) != Some("null"));
                if branches.len() == 1 {
                    let only = branches.remove(0);
                    map.remove("anyOf");
                    if let Value::Object(inner) = only {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            map.remove("default");
            // schemars adds Rust-specific formats (`uint32`, `double`) that
            // editors in strict mode reject; ranges carry the real limits.
            if map.get("format").and_then(Value::as_str).is_some_and(|f| {
                f.starts_with("uint") || f.starts_with("int") || f == "double" || f == "float"
            }) {
                map.remove("format");
            }
            for v in map.values_mut() {
                drop_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

struct Compiled {
    schema: Value,
    validator: jsonschema::Validator<Tree>,
}

impl Format {
    const fn new(noun: &'static str, published: &'static str) -> Format {
        Format {
            noun,
            published,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            // The embedded schemas are checked by the test suite; failing
            // here is a build defect, not a user error.
            let schema: Value =
                serde_json::from_str(self.published).expect("an embedded schema is valid JSON");
            let validator = jsonschema::options_for::<Tree>()
                .with_draft(jsonschema::Draft::Draft7)
                .build(&schema)
                .expect("an embedded schema compiles");
            Compiled { schema, validator }
        })
    }

    /// Validate one file's document. Returns every problem, mapped to spans.
    pub fn validate(&self, root: &Node) -> Vec<Diagnostic> {
        let compiled = self.compiled();
        let mut diagnostics = Vec::new();
        let mut total = 0usize;
        for error in compiled.validator.iter_errors(root) {
            total += 1;
            if diagnostics.len() < MAX_ERRORS_PER_FILE {
                diagnostics.extend(messages::describe(
                    self.noun,
                    &compiled.schema,
                    root,
                    &error,
                ));
            }
        }
        if total > MAX_ERRORS_PER_FILE {
            diagnostics.push(messages::too_many(root, total - MAX_ERRORS_PER_FILE));
        }
        diagnostics
    }
}

/// The compiled journey schema, for the tests of this module.
#[cfg(test)]
fn compiled() -> &'static Compiled {
    JOURNEY.compiled()
}

/// Validate one journey file's document. Returns every problem, mapped to
/// spans.
pub fn validate(root: &Node) -> Vec<Diagnostic> {
    JOURNEY.validate(root)
}
