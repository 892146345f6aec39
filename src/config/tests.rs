//! Unit tests of `journeyc.toml`: reading it, its problems with their
//! positions, and the severity each finding ends up with.
#![allow(clippy::unwrap_used)]

use super::{Config, Level, Lookup, configurable_codes, lookup, parse};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::concise;
use crate::rules::find_code;
use crate::source::{FileId, Pos, SourceFile, SourceSet, Span};

fn read(text: &str) -> Config {
    let (config, problems) = parse(FileId(0), text);
    assert!(problems.is_empty(), "{problems:?}");
    config
}

/// The problems of a configuration, one line each.
fn problems(text: &str) -> Vec<String> {
    let mut sources = SourceSet::new();
    sources.add(SourceFile::new("journeyc.toml", text));
    let (_, problems) = parse(FileId(0), text);
    problems.iter().map(|d| concise(&sources, d)).collect()
}

fn code(name: &str) -> &'static Code {
    find_code(name).unwrap()
}

#[test]
fn an_empty_file_is_the_default() {
    let config = read("");
    assert!(config.journeys.is_empty() && config.rules.is_empty() && config.overrides.is_empty());
    assert_eq!(config.level(code("JC302"), Some("a.yaml")), Level::Error);
}

#[test]
fn rules_are_named_by_code_or_name_in_any_case() {
    let config = read("[rules]\njc302 = \"warning\"\ntouchpoint-owner-not-single = \"off\"\n");
    assert_eq!(config.level(code("JC302"), None), Level::Warning);
    assert_eq!(config.level(code("JC404"), None), Level::Off);
    assert_eq!(config.level(code("JC303"), None), Level::Error);
}

#[test]
fn precedence_is_default_then_rules_then_overrides_in_order() {
    let config = read(concat!(
        "[rules]\n",
        "JC302 = \"warning\"\n",
        "JC303 = \"off\"\n",
        "[[overrides]]\n",
        "paths = [\"journeys/clinic/**\"]\n",
        "rules = { JC302 = \"off\", JC404 = \"warning\" }\n",
        "[[overrides]]\n",
        "paths = [\"journeys/clinic/stages.journey.yaml\"]\n",
        "rules = { JC302 = \"error\" }\n",
    ));
    let clinic = Some("journeys/clinic/touchpoints.journey.yaml");
    let stages = Some("journeys/clinic/stages.journey.yaml");
    let finance = Some("journeys/finance/stages.journey.yaml");

    assert_eq!(config.level(code("JC302"), finance), Level::Warning);
    assert_eq!(config.level(code("JC302"), clinic), Level::Off);
    assert_eq!(config.level(code("JC302"), stages), Level::Error);
    assert_eq!(config.level(code("JC302"), None), Level::Warning);
    assert_eq!(config.level(code("JC404"), clinic), Level::Warning);
    assert_eq!(config.level(code("JC404"), finance), Level::Error);
    assert_eq!(config.level(code("JC303"), stages), Level::Off);
}

#[test]
fn codes_that_are_not_rules_keep_their_severity() {
    let config = Config {
        rules: [("JC101", Level::Off)].into_iter().collect(),
        ..Config::default()
    };
    assert_eq!(config.level(code("JC101"), None), Level::Error);
}

#[test]
fn apply_changes_severity_and_drops_what_is_off() {
    let config = read("[rules]\nJC302 = \"warning\"\nJC303 = \"off\"\nJC405 = \"error\"\n");
    let at = |file: u32| Span::new(FileId(file), Pos::default(), Pos::default());
    let findings = vec![
        Diagnostic::new(code("JC302"), "a", at(0), "x"),
        Diagnostic::new(code("JC303"), "b", at(0), "x"),
        Diagnostic::new(code("JC405"), "c", at(0), "x"),
        Diagnostic::new(code("JC101"), "d", at(0), "x"),
    ];
    let out = config.apply(findings, |_| Some("a.journey.yaml".to_owned()));
    let got: Vec<(&str, Severity)> = out.iter().map(|d| (d.code.code, d.severity)).collect();
    assert_eq!(
        got,
        [
            ("JC302", Severity::Warning),
            ("JC405", Severity::Error),
            ("JC101", Severity::Error)
        ]
    );
}

#[test]
fn journeys_keep_their_positions() {
    let config = read("journeys = [\"journeys\", \"more\"]\n");
    let paths: Vec<(&str, u32)> = config
        .journeys
        .iter()
        .map(|j| (j.path.as_str(), j.span.start.col))
        .collect();
    assert_eq!(paths, [("journeys", 13), ("more", 25)]);
}

#[test]
fn only_rules_and_unused_suppression_are_configurable() {
    let codes = configurable_codes();
    assert!(codes.iter().all(|c| c.code.starts_with("JC2")
        || c.code.starts_with("JC3")
        || c.code.starts_with("JC4")
        || c.code == "JC711"));
    assert!(matches!(lookup("unused-suppression"), Lookup::Found(c) if c.code == "JC711"));
    assert!(matches!(lookup("yaml-syntax"), Lookup::NotConfigurable(c) if c.code == "JC002"));
    assert!(matches!(lookup("JC704"), Lookup::NotConfigurable(_)));
    assert_eq!(
        lookup("orphan-stages"),
        Lookup::Unknown(Some("orphan-stage"))
    );
    assert_eq!(lookup("completely-different"), Lookup::Unknown(None));
}

#[test]
fn syntax_errors_are_reported_alone_with_their_position() {
    let found = problems("[rules]\nJC302 = warning\nunknown = 1\n");
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|p| p.contains("error[JC701]")),
        "{found:?}"
    );
    assert!(found[0].starts_with("journeyc.toml:2:9:"), "{found:?}");
}

#[test]
fn every_schema_problem_is_reported_in_one_go() {
    let text = concat!(
        "journey = [\"x\"]\n",
        "journeys = \"journeys\"\n",
        "[rules]\n",
        "JC302 = \"warn\"\n",
        "orphan-stages = \"off\"\n",
        "JC101 = \"off\"\n",
        "JC404 = \"off\"\n",
        "touchpoint-owner-not-single = \"warning\"\n",
        "JC303 = 3\n",
        "[[overrides]]\n",
        "path = [\"x\"]\n",
        "rules = { JC302 = \"off\" }\n",
        "[[overrides]]\n",
        "paths = [\"/abs/**\", \"a/**.yaml\", 4]\n",
        "rules = \"off\"\n",
        "[[overrides]]\n",
        "paths = []\n",
    );
    assert_eq!(
        problems(text),
        [
            "journeyc.toml:1:1: error[JC702] unknown key `journey` at the top of `journeyc.toml`",
            "journeyc.toml:2:12: error[JC703] `journeys` must be a list",
            "journeyc.toml:4:9: error[JC703] `warn` is not a severity",
            "journeyc.toml:5:1: error[JC704] unknown rule `orphan-stages`",
            "journeyc.toml:6:1: error[JC705] `JC101` (unknown-key) cannot be relaxed",
            "journeyc.toml:8:1: error[JC706] `JC404` (touchpoint-owner-not-single) is set twice",
            "journeyc.toml:9:9: error[JC703] the severity of `JC303` is not text",
            "journeyc.toml:10:1: error[JC703] an override has no `paths`",
            "journeyc.toml:11:1: error[JC702] unknown key `path` in an override",
            "journeyc.toml:14:10: error[JC703] `/abs/**` is not a usable path pattern",
            "journeyc.toml:14:21: error[JC703] `a/**.yaml` is not a usable path pattern",
            "journeyc.toml:14:34: error[JC703] a path pattern is not text",
            "journeyc.toml:15:9: error[JC703] the `rules` of an override must be a table",
            "journeyc.toml:16:1: error[JC703] an override has no `rules`",
            "journeyc.toml:17:9: error[JC703] `paths` is empty",
        ]
    );
}
