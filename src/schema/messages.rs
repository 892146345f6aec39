//! Turning JSON Schema errors into diagnostics a RevOps manager can act on.
//!
//! The validator speaks JSON Pointers and keywords; this module finds the
//! YAML node behind the pointer, the part of the schema that applies there
//! (for the list of allowed keys or values) and words the problem in the
//! format's terms.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use crate::codes;
use crate::diagnostic::{Diagnostic, shorten};
use crate::load::{Node, NodeKind};
use crate::model::ID_PATTERN;
use crate::suggest::closest;

/// `noun` names the document format (`journey`, `deal`) in messages.
pub(super) fn describe(
    noun: &str,
    schema: &Value,
    root: &Node,
    error: &ValidationError<'_>,
) -> Vec<Diagnostic> {
    let pointer = error.instance_path().as_str();
    let (node, entry) = root.pointer(pointer);
    let here = subschema_at(schema, pointer);
    let shown = shorten(&node.scalar_text().unwrap_or_default());

    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = property_names(schema, here);
            unexpected
                .iter()
                .take(super::MAX_ERRORS_PER_FILE)
                .map(|key| {
                    let span = node.get(key).map_or(node.head_span(), |e| e.key_span);
                    let help = match closest(key, allowed.iter().map(String::as_str)) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if allowed.is_empty() => "remove this key".to_owned(),
                        None => format!("keys allowed here: {}", backticked(&allowed)),
                    };
                    Diagnostic::new(&codes::UNKNOWN_KEY, format!("unknown key `{}`", shorten(key)), span, format!("not a key of the {noun} format here"))
                        .with_help(help)
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let mut help = format!("add `{name}:` to this mapping");
            if let Some(description) = here
                .and_then(|s| resolve(schema, s).get("properties"))
                .and_then(|p| p.get(name))
                .and_then(|p| description_of(schema, p))
            {
                help.push_str(&format!(" ({})", first_sentence(description)));
            }
            vec![
                Diagnostic::new(&codes::MISSING_KEY, format!("missing key `{name}`"), node.head_span(), format!("`{name}` is required here"))
                    .with_help(help),
            ]
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_words(*t).to_owned(),
                TypeKind::Multiple(set) => set.iter().map(type_words).collect::<Vec<_>>().join(" or "),
            };
            let found = node.kind_name();
            let help = match &node.kind {
                NodeKind::Null => "write a value after the colon, or remove the key".to_owned(),
                NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) if expected == "text" => {
                    "put the value in quotes to make it text".to_owned()
                }
                NodeKind::Seq(_) | NodeKind::Map(_) if !expected.contains("list") && !expected.contains("mapping") => {
                    format!("write a single value here: {expected}")
                }
                _ => format!("write {expected} here"),
            };
            // A whole list or mapping is labelled at the key that holds it.
            let span = match (&node.kind, entry) {
                (NodeKind::Seq(_) | NodeKind::Map(_), Some(e)) => e.key_span,
                _ => node.head_span(),
            };
            vec![
                Diagnostic::new(&codes::WRONG_TYPE, format!("expected {expected}, found {found}"), span, format!("this is {found}"))
                    .with_help(help),
            ]
        }
        ValidationErrorKind::Enum { .. }
        | ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::Constant { .. } => {
            let options = allowed_values(schema, here);
            let help = match closest(&shown, options.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`? allowed values: {}", backticked(&options)),
                None => format!("allowed values: {}", backticked(&options)),
            };
            vec![
                Diagnostic::new(&codes::INVALID_VALUE, format!("`{shown}` is not an allowed value"), node.span, "not one of the allowed values")
                    .with_help(help),
            ]
        }
        ValidationErrorKind::Pattern { pattern } if pattern == ID_PATTERN => vec![
            Diagnostic::new(&codes::INVALID_VALUE, format!("`{shown}` is not a valid id"), node.span, "not a valid id")
                .with_help(format!(
                    "ids use lowercase letters and digits, with words joined by `-` or `_`; for example `{}`",
                    slug(&shown)
                )),
        ],
        ValidationErrorKind::Pattern { .. } => vec![
            Diagnostic::new(&codes::INVALID_VALUE, format!("`{shown}` is not in the expected form"), node.span, "wrong form")
                .with_help(match here.and_then(|s| description_of(schema, s)) {
                    Some(d) => format!("expected: {}", first_sentence(d)),
                    None => "check the format reference in docs/format.md".to_owned(),
                }),
        ],
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::ExclusiveMinimum { limit } => vec![
            Diagnostic::new(&codes::INVALID_VALUE, format!("`{shown}` is below the minimum of {limit}"), node.span, "too small")
                .with_help(format!("use a value of at least {limit}")),
        ],
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::ExclusiveMaximum { limit } => vec![
            Diagnostic::new(&codes::INVALID_VALUE, format!("`{shown}` is above the maximum of {limit}"), node.span, "too large")
                .with_help(format!("use a value of at most {limit}")),
        ],
        ValidationErrorKind::MaxLength { limit } => vec![
            Diagnostic::new(&codes::INVALID_VALUE, format!("`{shown}` is longer than {limit} characters"), node.span, "too long")
                .with_help(format!("shorten it to at most {limit} characters")),
        ],
        ValidationErrorKind::AnyOf { .. } => vec![
            Diagnostic::new(&codes::WRONG_TYPE, format!("expected an id, found {}", node.kind_name()), node.head_span(), "not an id")
                .with_help("write the id of one owner, such as `dana`"),
        ],
        _ => vec![
            Diagnostic::new(&codes::INVALID_VALUE, lowercase_first(&error.to_string()), node.head_span(), "invalid here")
                .with_help("check the format reference in docs/format.md"),
        ],
    }
}

pub(super) fn too_many(root: &Node, left_out: usize) -> Diagnostic {
    Diagnostic::new(
        &codes::INVALID_VALUE,
        format!("{left_out} more schema problems in this file were not listed"),
        root.head_span(),
        "this file has many problems",
    )
    .with_help("fix the problems listed above and run the check again")
}

/// Follow `$ref` and single-branch `allOf` wrappers to the schema that holds
/// the keywords.
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            match target.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(s) => schema = s,
                None => return schema,
            }
        } else if let Some([only]) = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            schema = only;
        } else {
            break;
        }
    }
    schema
}

/// The subschema that applies at an instance location, found by walking
/// `properties`, `items` and the branches of `anyOf`.
fn subschema_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut schema = resolve(root, root);
    for raw in pointer.split('/').skip(1) {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        schema = step(root, schema, &segment)?;
    }
    Some(schema)
}

fn step<'a>(root: &'a Value, schema: &'a Value, segment: &str) -> Option<&'a Value> {
    if let Some(s) = schema.get("properties").and_then(|p| p.get(segment)) {
        return Some(resolve(root, s));
    }
    if segment.parse::<usize>().is_ok()
        && let Some(s) = schema.get("items")
    {
        return Some(resolve(root, s));
    }
    for branch in schema
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(s) = step(root, resolve(root, branch), segment) {
            return Some(s);
        }
    }
    None
}

fn property_names(root: &Value, schema: Option<&Value>) -> Vec<String> {
    let Some(schema) = schema else {
        return Vec::new();
    };
    let mut names: Vec<String> = resolve(root, schema)
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().filter(|k| !k.starts_with('$')).cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

fn allowed_values(root: &Value, schema: Option<&Value>) -> Vec<String> {
    let Some(schema) = schema.map(|s| resolve(root, s)) else {
        return Vec::new();
    };
    let mut values = Vec::new();
    let mut push = |v: &Value| {
        if let Some(s) = v.as_str() {
            values.push(s.to_owned());
        }
    };
    if let Some(list) = schema.get("enum").and_then(Value::as_array) {
        list.iter().for_each(&mut push);
    }
    if let Some(c) = schema.get("const") {
        push(c);
    }
    for branch in schema
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let branch = resolve(root, branch);
        if let Some(c) = branch.get("const") {
            push(c);
        }
        if let Some(list) = branch.get("enum").and_then(Value::as_array) {
            list.iter().for_each(&mut push);
        }
    }
    values
}

fn description_of<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a str> {
    schema
        .get("description")
        .or_else(|| resolve(root, schema).get("description"))
        .and_then(Value::as_str)
}

fn first_sentence(text: &str) -> String {
    let sentence = text
        .split(". ")
        .next()
        .unwrap_or(text)
        .trim_end_matches('.');
    lowercase_first(sentence)
}

fn type_words(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "nothing",
        JsonType::Boolean => "true or false",
        JsonType::Integer => "a whole number",
        JsonType::Number => "a number",
        JsonType::String => "text",
        JsonType::Array => "a list",
        JsonType::Object => "a mapping",
    }
}

fn backticked(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A valid id made from arbitrary text, for the help of an invalid id.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "first-qbr".to_owned()
    } else {
        out
    }
}
