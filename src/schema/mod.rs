//! Structural validation against the published JSON Schema.
//!
//! `schemas/journey.schema.json` is generated from the model (see
//! [`generate`]) and embedded in the binary; a test fails when the committed
//! file and the model drift apart. Validation reports every violation at once,
//! each mapped from its JSON Pointer back to the YAML node (for an unknown
//! key, the key itself). The validator reads the loader's node tree in place
//! (see `instance.rs`), with no copy of the document as JSON.

mod instance;
mod messages;

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::load::Node;
use crate::model::Journey;
use instance::Tree;

/// The published schema, exactly as committed.
pub const PUBLISHED: &str = include_str!("../../schemas/journey.schema.json");

/// Where the schema is published, used as its `$id`.
pub const SCHEMA_ID: &str = "https://journeyc.dev/schemas/journey.schema.json";

/// At most this many schema problems are reported per file; past it, one
/// more diagnostic says how many were left out.
pub const MAX_ERRORS_PER_FILE: usize = 500;

/// Generate the schema from the model, formatted as it is committed.
pub fn generate() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Journey>();
    let mut value = schema.to_value();
    drop_null(&mut value);
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::String(SCHEMA_ID.into()));
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

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        // The embedded schema is checked by the test suite; failing here is a
        // build defect, not a user error.
        let schema: Value =
            serde_json::from_str(PUBLISHED).expect("the embedded journey schema is valid JSON");
        let validator = jsonschema::options_for::<Tree>()
            .with_draft(jsonschema::Draft::Draft7)
            .build(&schema)
            .expect("the embedded journey schema compiles");
        Compiled { schema, validator }
    })
}

/// Validate one file's document. Returns every problem, mapped to spans.
pub fn validate(root: &Node) -> Vec<Diagnostic> {
    let compiled = compiled();
    let mut diagnostics = Vec::new();
    let mut total = 0usize;
    for error in compiled.validator.iter_errors(root) {
        total += 1;
        if diagnostics.len() < MAX_ERRORS_PER_FILE {
            diagnostics.extend(messages::describe(&compiled.schema, root, &error));
        }
    }
    if total > MAX_ERRORS_PER_FILE {
        diagnostics.push(messages::too_many(root, total - MAX_ERRORS_PER_FILE));
    }
    diagnostics
}
