//! Unit tests of suppression comments: which line they cover, what makes
//! them invalid, and when they are reported as unused.
#![allow(clippy::unwrap_used)]

use super::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION, apply, find};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::rules::find_code;
use crate::source::{FileId, Pos, SourceFile, SourceSet, Span};

fn sources(text: &str) -> SourceSet {
    let mut set = SourceSet::new();
    set.add(SourceFile::new("a.journey.yaml", text));
    set
}

fn code(name: &str) -> &'static Code {
    find_code(name).unwrap_or_else(|| panic!("no code {name}"))
}

/// A finding of `code` starting at `line`, column 3, in file 0.
fn finding(name: &str, line: u32) -> Diagnostic {
    let at = Pos { line, col: 3 };
    Diagnostic::new(code(name), "finding", Span::new(FileId(0), at, at), "here")
}

/// `code@line:col` of each diagnostic.
fn summary(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let s = d.primary.span.start;
            format!("{}@{}:{}", d.code.code, s.line, s.col)
        })
        .collect()
}

#[test]
fn a_trailing_comment_covers_its_own_line() {
    let text =
        "stages:\n  - id: a   # journeyc: ignore[JC302] reached from the portal\n  - id: b\n";
    let kept = apply(
        &sources(text),
        vec![
            finding("JC302", 2),
            finding("JC302", 3),
            finding("JC303", 2),
        ],
        true,
    );
    assert_eq!(summary(&kept), ["JC303@2:3", "JC302@3:3"]);
}

#[test]
fn an_own_line_comment_covers_the_next_content_line() {
    let text = concat!(
        "stages:\n",
        "  # journeyc: ignore[orphan-stage, JC303] a partner stage\n",
        "\n",
        "  # an ordinary comment\n",
        "  - id: a\n",
        "  - id: b\n",
    );
    let kept = apply(
        &sources(text),
        vec![
            finding("JC302", 5),
            finding("JC303", 5),
            finding("JC302", 6),
        ],
        true,
    );
    assert_eq!(summary(&kept), ["JC302@6:3"]);
}

#[test]
fn a_suppression_inside_a_block_scalar_is_text() {
    let text = "description: |\n  # journeyc: ignore[JC302] not a comment\nstages: []\n";
    let (found, problems) = find(&sources(text));
    assert!(found.is_empty() && problems.is_empty());
    let kept = apply(&sources(text), vec![finding("JC302", 3)], true);
    assert_eq!(summary(&kept), ["JC302@3:3"]);
}

#[test]
fn a_suppression_inside_quotes_is_text() {
    let text = "name: \"x # journeyc: ignore[JC302] no\"\n";
    let kept = apply(&sources(text), vec![finding("JC302", 1)], true);
    assert_eq!(summary(&kept), ["JC302@1:3"]);
}

#[test]
fn unused_codes_are_reported_at_the_code_only_when_the_rules_ran() {
    let text = "a: 1 # journeyc: ignore[JC302, JC303] both are expected here\n";
    let kept = apply(&sources(text), vec![finding("JC302", 1)], true);
    assert_eq!(summary(&kept), ["JC711@1:32"]);
    assert_eq!(kept[0].code, &UNUSED_SUPPRESSION);
    assert_eq!(
        kept[0].message,
        "unused suppression of `JC303` (dead-end-stage)"
    );

    let skipped = apply(&sources(text), vec![finding("JC302", 1)], false);
    assert!(skipped.is_empty());
}

#[test]
fn a_comment_at_the_end_of_the_file_covers_nothing() {
    let text = "a: 1\n# journeyc: ignore[JC302] trailing note\n\n";
    let kept = apply(&sources(text), Vec::new(), true);
    assert_eq!(summary(&kept), ["JC711@2:20"]);
    assert_eq!(kept[0].primary.text, "no line follows this comment");
}

#[test]
fn invalid_suppressions_are_reported_and_suppress_nothing() {
    let cases = [
        (
            "a: 1 # journeyc: ignore[JC302]",
            "a suppression needs a reason",
            6,
        ),
        (
            "a: 1 # journeyc: ignore[JC302]   ",
            "a suppression needs a reason",
            6,
        ),
        (
            "a: 1 # journeyc: ignore[JC3O2] typo",
            "unknown rule `JC3O2` in a suppression",
            25,
        ),
        (
            "a: 1 # journeyc: ignore[orphan-stag] x",
            "unknown rule `orphan-stag` in a suppression",
            25,
        ),
        (
            "a: 1 # journeyc: ignore[JC101] x",
            "`JC101` (unknown-key) cannot be suppressed",
            25,
        ),
        (
            "a: 1 # journeyc: ignore[JC701] x",
            "`JC701` (config-syntax) cannot be suppressed",
            25,
        ),
        (
            "a: 1 # journeyc: ignore[unused-suppression] x",
            "`unused-suppression` cannot be suppressed inline",
            25,
        ),
        (
            "a: 1 # journeyc: ignore[] x",
            "a suppression names no code",
            6,
        ),
        (
            "a: 1 # journeyc: ignore[JC302 x",
            "a suppression's list of codes is not closed",
            6,
        ),
        (
            "a: 1 # journeyc: ignore JC302 x",
            "a suppression must name the codes it suppresses",
            6,
        ),
        (
            "a: 1 # journeyc: disable[JC302] x",
            "unknown journeyc comment",
            6,
        ),
    ];
    for (text, message, col) in cases {
        let kept = apply(&sources(text), vec![finding("JC302", 1)], true);
        let messages: Vec<&str> = kept.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&message), "{text}: {messages:?}");
        let problem = kept.iter().find(|d| d.message == message).unwrap();
        assert_eq!(problem.code, &INVALID_SUPPRESSION, "{text}");
        assert_eq!(problem.primary.span.start.col, col, "{text}");
        assert!(
            kept.iter().any(|d| d.code.code == "JC302"),
            "{text}: an invalid suppression must not hide the finding"
        );
    }
}

#[test]
fn unknown_codes_get_a_suggestion() {
    let kept = apply(
        &sources("a: 1 # journeyc: ignore[orphan-stag] x"),
        Vec::new(),
        true,
    );
    assert_eq!(
        kept[0].help.as_deref(),
        Some("did you mean `orphan-stage`?")
    );
}

#[test]
fn codes_and_names_are_case_insensitive_and_columns_count_characters() {
    let text = "name: Zoë # journeyc: ignore[jc302, ORPHAN-STAGE] ok\n";
    let (found, problems) = find(&sources(text));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(found.len(), 1);
    let codes: Vec<(&str, u32)> = found[0]
        .codes
        .iter()
        .map(|(c, s)| (c.code, s.start.col))
        .collect();
    assert_eq!(codes, [("JC302", 30), ("JC302", 37)]);
    assert_eq!(found[0].reason, "ok");
    assert_eq!(found[0].comment.start.col, 11);
}

#[test]
fn ordinary_comments_mentioning_journeyc_are_left_alone() {
    let text = "# journeyc checks this file\n# yaml-language-server: $schema=x\na: 1\n";
    let (found, problems) = find(&sources(text));
    assert!(found.is_empty() && problems.is_empty());
}

#[test]
fn suppressions_apply_in_every_file_of_the_set() {
    let mut set = SourceSet::new();
    set.add(SourceFile::new("base.journey.yaml", "a: 1\n"));
    set.add(SourceFile::new(
        "overlay.journey.yaml",
        "b: 2 # journeyc: ignore[JC404] shared on purpose\n",
    ));
    let mut in_overlay = finding("JC404", 1);
    in_overlay.primary.span.file = FileId(1);
    let kept = apply(&set, vec![finding("JC404", 1), in_overlay], true);
    assert_eq!(summary(&kept), ["JC404@1:3"]);
    assert_eq!(kept[0].primary.span.file, FileId(0));
}
