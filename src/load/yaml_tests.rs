//! Unit tests of the YAML loader: scalar resolution, spans and limits.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::source::FileId;

fn load(text: &str) -> Loaded {
    load_str(FileId(0), text)
}

fn codes(loaded: &Loaded) -> Vec<&'static str> {
    loaded.diagnostics.iter().map(|d| d.code.code).collect()
}

#[test]
fn plain_scalars_follow_the_strict_core_schema() {
    let cases = [
        ("true", NodeKind::Bool(true)),
        ("False", NodeKind::Bool(false)),
        ("yes", NodeKind::Str("yes".into())),
        ("NO", NodeKind::Str("NO".into())),
        ("~", NodeKind::Null),
        ("42", NodeKind::Int(42)),
        ("-7", NodeKind::Int(-7)),
        ("010", NodeKind::Str("010".into())),
        ("0", NodeKind::Int(0)),
        ("0.5", NodeKind::Float(0.5)),
        ("1e3", NodeKind::Float(1000.0)),
        ("4_000", NodeKind::Str("4_000".into())),
        (".inf", NodeKind::Str(".inf".into())),
        ("2026-10-01", NodeKind::Str("2026-10-01".into())),
    ];
    for (text, expected) in cases {
        assert_eq!(resolve_plain(text), expected, "resolving {text:?}");
    }
}

#[test]
fn quoted_scalars_stay_text() {
    let loaded = load("a: 'true'\nb: \"12\"\n");
    let root = loaded.root.unwrap();
    assert_eq!(
        root.get("a").unwrap().value.kind,
        NodeKind::Str("true".into())
    );
    assert_eq!(
        root.get("b").unwrap().value.kind,
        NodeKind::Str("12".into())
    );
}

#[test]
fn keys_and_values_keep_their_positions() {
    let loaded = load("stages:\n  - id: awareness\n    name: Awareness\n");
    let root = loaded.root.unwrap();
    let stages = root.get("stages").unwrap();
    assert_eq!(
        (stages.key_span.start.line, stages.key_span.start.col),
        (1, 1)
    );
    let (id, entry) = root.pointer("/stages/0/id");
    assert_eq!((id.span.start.line, id.span.start.col), (2, 9));
    assert_eq!((id.span.end.line, id.span.end.col), (2, 18));
    let entry = entry.unwrap();
    assert_eq!(
        (entry.key_span.start.line, entry.key_span.start.col),
        (2, 5)
    );
}

#[test]
fn duplicate_keys_are_reported_at_the_second_key() {
    let loaded = load("a: 1\nb: 2\na: 3\n");
    assert_eq!(codes(&loaded), ["JC003"]);
    let d = &loaded.diagnostics[0];
    assert_eq!(
        (d.primary.span.start.line, d.primary.span.start.col),
        (3, 1)
    );
    assert_eq!(d.secondary[0].span.start.line, 1);
    // The first value is kept.
    assert_eq!(
        loaded.root.unwrap().get("a").unwrap().value.kind,
        NodeKind::Int(1)
    );
}

#[test]
fn tabs_in_indentation_get_their_own_message() {
    let loaded = load("a:\n\tb: 1\n");
    assert_eq!(codes(&loaded), ["JC002"]);
    assert!(
        loaded.diagnostics[0].message.contains("tab"),
        "{}",
        loaded.diagnostics[0].message
    );
    assert_eq!(loaded.diagnostics[0].primary.span.start.line, 2);
}

#[test]
fn empty_and_comment_only_files_are_empty() {
    for text in ["", "   \n", "# only a comment\n", "---\n"] {
        assert_eq!(codes(&load(text)), ["JC006"], "for {text:?}");
    }
}

#[test]
fn a_second_document_is_refused() {
    let loaded = load("a: 1\n---\nb: 2\n");
    assert_eq!(codes(&loaded), ["JC007"]);
    assert_eq!(loaded.diagnostics[0].primary.span.start.line, 2);
}

#[test]
fn nesting_is_bounded_in_block_and_flow_style() {
    let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let loaded = load(&flow);
    assert_eq!(codes(&loaded), ["JC004"]);
    assert!(loaded.root.is_none());

    let mut block = String::new();
    for depth in 0..5_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("a:\n");
    }
    assert_eq!(codes(&load(&block)), ["JC004"]);

    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(load(&ok).diagnostics.is_empty());
}

#[test]
fn alias_bombs_are_stopped() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        bomb.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let loaded = load(&bomb);
    assert_eq!(codes(&loaded), ["JC005"]);
    assert!(loaded.root.is_none());
}

#[test]
fn small_aliases_are_expanded() {
    let loaded = load("base: &b {owner: dana}\ncopy: *b\n");
    assert!(loaded.diagnostics.is_empty());
    let root = loaded.root.unwrap();
    let (owner, _) = root.pointer("/copy/owner");
    assert_eq!(owner.kind, NodeKind::Str("dana".into()));
}

#[test]
fn malformed_yaml_points_at_the_problem() {
    let loaded = load("a: [1, 2\nb: 3\n");
    assert_eq!(codes(&loaded), ["JC002"]);
    let loaded = load("key: value\n  bad: indent\n");
    assert_eq!(codes(&loaded), ["JC002"]);
    assert_eq!(loaded.diagnostics[0].primary.span.start.line, 2);
}

#[test]
fn undecodable_bytes_are_located() {
    let err = decode(FileId(0), b"a: 1\nb: \xff\n").unwrap_err();
    assert_eq!(err.code.code, "JC001");
    assert_eq!(
        (err.primary.span.start.line, err.primary.span.start.col),
        (2, 4)
    );
    let err = decode(FileId(0), b"\x00\x01binary").unwrap_err();
    assert!(err.message.contains("binary"));
    assert_eq!(decode(FileId(0), "a: é\n".as_bytes()).unwrap(), "a: é\n");
}
