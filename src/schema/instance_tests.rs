//! Unit tests of the node tree as a validator instance: the accessors, the
//! shallow `to_value`, and the same errors found as through `serde_json`.
#![allow(clippy::unwrap_used)]

use std::borrow::Cow;

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, JsonNumber, Node as _, Object};
use serde_json::{Value, json};

use super::Tree;
use crate::diagnostic::Diagnostic;
use crate::load::{Node, NodeKind, load_str};
use crate::schema::{compiled, messages};
use crate::source::FileId;

fn load(text: &str) -> Node {
    let loaded = load_str(FileId(0), text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.root.unwrap()
}

/// What the comparison looks at: where, which keyword kind, and the
/// diagnostics this crate words from the error.
#[derive(Debug, PartialEq)]
struct Finding {
    path: String,
    kind: String,
    /// The validator's own text, only when the instance is a scalar: for a
    /// collection it prints the (shallow) instance.
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

fn finding(root: &Node, error: &jsonschema::ValidationError<'_>) -> Finding {
    let path = error.instance_path().as_str().to_owned();
    let kind = format!("{:?}", error.kind())
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let (node, _) = root.pointer(&path);
    let text = node.scalar_text().map(|_| error.to_string());
    let diagnostics = messages::describe("journey", &compiled().schema, root, error);
    Finding {
        path,
        kind,
        text,
        diagnostics,
    }
}

/// Errors found on the tree in place, as `schema::validate` runs it.
fn through_tree(root: &Node) -> Vec<Finding> {
    compiled()
        .validator
        .iter_errors(root)
        .map(|e| finding(root, &e))
        .collect()
}

/// Errors found on the tree converted to `serde_json`, as before.
fn through_serde(root: &Node) -> Vec<Finding> {
    let validator = jsonschema::draft7::options()
        .build(&compiled().schema)
        .unwrap();
    let instance = root.to_json();
    validator
        .iter_errors(&instance)
        .map(|e| finding(root, &e))
        .collect()
}

/// Both representations find the same errors, and these include `expected`
/// (instance path, error kind). The order may differ: the tree visits the
/// members of a mapping as written, `serde_json`'s map in key order.
fn assert_same_errors(text: &str, expected: &[(&str, &str)]) {
    let root = load(text);
    let mut tree = through_tree(&root);
    let mut serde = through_serde(&root);
    let key = |f: &Finding| (f.path.clone(), f.kind.clone(), f.text.clone());
    tree.sort_by_key(key);
    serde.sort_by_key(key);
    assert_eq!(tree, serde);
    for (path, kind) in expected {
        assert!(
            tree.iter().any(|f| f.path == *path && f.kind == *kind),
            "no {kind} at {path} in {tree:#?}"
        );
    }
}

#[test]
fn the_starter_journey_is_valid_in_place() {
    let root = load(include_str!("../../templates/init/journey.journey.yaml"));
    assert!(compiled().validator.is_valid(&root));
    assert!(through_tree(&root).is_empty());
}

#[test]
fn unknown_key() {
    assert_same_errors(
        "journey:\n  id: j\n  name: J\n  onwer: dana\n",
        &[("/journey", "AdditionalProperties")],
    );
}

#[test]
fn wrong_type() {
    assert_same_errors(
        "segment:\n  id: s\n  name: S\n  icp:\n    employees: { min: twenty, max: 150 }\n",
        &[("/segment/icp/employees/min", "Type")],
    );
    assert_same_errors("owners: { id: dana }\n", &[("/owners", "Type")]);
    assert_same_errors("journey: [a, b]\n", &[("/journey", "Type")]);
}

#[test]
fn enum_and_const() {
    assert_same_errors(
        "teams:\n  - { id: sales, name: Sales, function: selling }\n",
        &[("/teams/0/function", "Enum")],
    );
    assert_same_errors(
        "systems:\n  - { id: crm, name: CRM, kind: crmm, product: hubspot }\n",
        &[("/systems/0/kind", "OneOfNotValid")],
    );
}

#[test]
fn pattern() {
    assert_same_errors(
        "owners:\n  - { id: Dana Smith, name: Dana, team: sales }\n",
        &[("/owners/0/id", "Pattern")],
    );
}

#[test]
fn missing_key() {
    assert_same_errors(
        "owners:\n  - { id: dana, team: sales }\n",
        &[("/owners/0", "Required")],
    );
}

#[test]
fn maximum_and_minimum() {
    assert_same_errors(
        "touchpoints:\n  - id: t\n    name: T\n    heat: { pain: 9, delight: -1, moment_of_truth: 2.5 }\n",
        &[
            ("/touchpoints/0/heat/pain", "Maximum"),
            ("/touchpoints/0/heat/delight", "Minimum"),
            ("/touchpoints/0/heat/moment_of_truth", "Type"),
        ],
    );
}

#[test]
fn any_of() {
    assert_same_errors(
        "touchpoints:\n  - { id: t, name: T, owner: { name: dana, team: [sales] } }\n",
        &[("/touchpoints/0/owner", "AnyOf")],
    );
    assert_same_errors(
        "touchpoints:\n  - { id: t, name: T, owner: 42 }\n",
        &[("/touchpoints/0/owner", "AnyOf")],
    );
}

#[test]
fn errors_come_in_written_order() {
    let root = load("touchpoints:\n  - { id: t, name: T, heat: { pain: 9, delight: -1 } }\n");
    let scores: Vec<String> = through_tree(&root)
        .into_iter()
        .map(|f| f.path)
        .filter(|p| p.starts_with("/touchpoints/0/heat/"))
        .collect();
    assert_eq!(
        scores,
        ["/touchpoints/0/heat/pain", "/touchpoints/0/heat/delight"]
    );
}

#[test]
fn many_errors_at_once() {
    assert_same_errors(
        "journey: { id: J!, name: 3, owner: [x, Y] }\nbogus: 1\nteams: [{ id: a, name: A, function: nope, extra: { deep: [1] } }]\n",
        &[
            ("", "AdditionalProperties"),
            ("/journey/id", "Pattern"),
            ("/journey/name", "Type"),
            ("/teams/0/function", "Enum"),
            ("/teams/0", "AdditionalProperties"),
        ],
    );
}

#[test]
fn accessors_read_the_tree() {
    let root = load("s: héllo\ni: 42\nn: -3\nf: 1.5\nb: true\nz: ~\nl: [1, 2]\nm: { a: x }\n");
    let members = (&root).as_object().unwrap();
    let get = |key: &str| Object::get(&members, &Tree::prepare_key(key)).unwrap();
    assert_eq!(Object::len(&members), 8);
    assert!(Object::get(&members, &Tree::prepare_key("missing")).is_none());

    assert_eq!(get("s").json_type(), JsonType::String);
    assert_eq!(get("s").as_string().as_deref(), Some("héllo"));
    assert_eq!(get("s").string_length(), Some(5));
    assert!(get("s").is_string() && !get("s").is_number());

    let i = get("i").as_number().unwrap();
    assert_eq!(
        (i.as_u64(), i.as_i64(), i.as_f64()),
        (Some(42), Some(42), Some(42.0))
    );
    assert!(i.is_integer());
    let n = get("n").as_number().unwrap();
    assert_eq!((n.as_u64(), n.as_i64()), (None, Some(-3)));
    let f = get("f").as_number().unwrap();
    assert_eq!(
        (f.as_u64(), f.as_i64(), f.as_f64()),
        (None, None, Some(1.5))
    );
    assert!(!f.is_integer());
    assert_eq!(
        f.to_number().as_ref(),
        &serde_json::Number::from_f64(1.5).unwrap()
    );

    assert_eq!(get("b").as_boolean(), Some(true));
    assert!(get("z").is_null());
    assert_eq!(get("z").json_type(), JsonType::Null);

    let list = get("l").as_array().unwrap();
    assert_eq!(Array::len(&list), 2);
    let items: Vec<_> = list
        .elements()
        .map(|e| e.as_number().and_then(|n| n.as_u64()))
        .collect();
    assert_eq!(items, [Some(1), Some(2)]);

    let names: Vec<_> = members.members().map(|(name, _)| name).collect();
    assert_eq!(names, ["s", "i", "n", "f", "b", "z", "l", "m"]);
}

#[test]
fn a_float_that_is_not_finite_reads_as_null() {
    let node = Node {
        span: Default::default(),
        kind: NodeKind::Float(f64::NAN),
    };
    assert_eq!((&node).json_type(), JsonType::Null);
    assert!((&node).is_null() && !(&node).is_number());
    assert!((&node).as_number().is_none());
    assert_eq!((&node).to_value().as_ref(), &node.to_json());
    assert!((&node).equals_value(&Value::Null));
}

#[test]
fn to_value_is_shallow() {
    let root = load("a: 1\nb: [x, { c: 2 }]\nd: { e: [1] }\nf: text\n");
    assert_eq!(
        (&root).to_value().as_ref(),
        &json!({"a": 1, "b": [], "d": {}, "f": "text"})
    );
    let b = root.get("b").unwrap();
    assert_eq!((&b.value).to_value().as_ref(), &json!(["x", {}]));
    assert!(matches!((&b.value).to_value(), Cow::Owned(_)));
}

#[test]
fn equals_value_compares_in_full() {
    let root = load("a: 1\nb: [x, { c: 2.0 }]\n");
    assert!((&root).equals_value(&json!({"a": 1.0, "b": ["x", {"c": 2}]})));
    assert!((&root).equals_value(&root.to_json()));
    assert!(!(&root).equals_value(&json!({"a": 1, "b": ["x", {"c": 3}]})));
    assert!(!(&root).equals_value(&json!({"a": 1, "b": ["x", {}]})));
    assert!(!(&root).equals_value(&json!({"a": 1})));
    assert!(!(&root).equals_value(&json!({"a": 1, "z": ["x", {"c": 2}]})));
    let a = &root.get("a").unwrap().value;
    assert!(a.equals_value(&json!(1)) && a.equals_value(&json!(1.0)));
    assert!(!a.equals_value(&json!(true)) && !a.equals_value(&json!("1")));
}

#[test]
fn unique_items_compares_whole_elements() {
    let unique = load("- { a: [1] }\n- { a: [2] }\n");
    assert!((&unique).as_array().unwrap().is_unique());
    let repeated = load("- { a: [1] }\n- { a: [1.0] }\n");
    assert!(!(&repeated).as_array().unwrap().is_unique());
}

#[test]
fn identity_is_the_node_address() {
    let root = load("a: { b: 1 }\n");
    let a = &root.get("a").unwrap().value;
    assert_eq!((&root).identity(), (&root).identity());
    assert_ne!((&root).identity(), a.identity());
    assert_eq!((&root).container_identity(), (&root).identity());
}

#[test]
fn string_nodes_reuse_the_buffer() {
    let mut buffer = <Tree as Json>::StringBuffer::default();
    for expected in ["héllo", "", "second"] {
        Tree::with_string_node(&mut buffer, expected, |node| {
            assert_eq!(node.json_type(), JsonType::String);
            assert_eq!(node.as_string().as_deref(), Some(expected));
        });
    }
}
