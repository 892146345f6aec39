//! `journeyc check --format json|github|sarif` and `--fail-on`, end to end.
//!
//! The findings come from `examples/broken`, whose 25 rule findings sit at
//! known places, and from copies of it in temporary repositories where a
//! `journeyc.toml` turns some of them into warnings. The SARIF output is
//! validated against the OASIS SARIF 2.1.0 schema kept in
//! `tests/vendor/sarif/` and against GitHub's extra requirements. Rendered
//! outputs of the broken example are snapshots in `tests/snapshots/`
//! (regenerate with `JOURNEYC_BLESS=1 cargo test --test check_formats`).
#![allow(clippy::unwrap_used)]

mod support;

use serde_json::Value;
use support::{Run, TempDir, assert_golden, journeyc, root};

/// The broken example has this many findings: 26 errors and one warning
/// (a proof asset past its review date).
const BROKEN_FINDINGS: usize = 27;

fn check(cwd: &std::path::Path, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    journeyc(cwd, &all)
}

fn parse(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}{}", run.stdout, run.stderr))
}

/// A temporary repository holding a copy of `examples/broken` in `dir`, with
/// `journeyc.toml` at its root when `config` is given.
fn broken_repo(label: &str, dir: &str, config: Option<&str>) -> TempDir {
    let tmp = TempDir::new(label);
    for entry in std::fs::read_dir(root().join("examples/broken")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".journey.yaml") {
            tmp.write(&format!("{dir}/{name}"), std::fs::read(&path).unwrap());
        }
    }
    if let Some(config) = config {
        tmp.write("journeyc.toml", config);
    }
    tmp
}

/// Twelve of the broken example's codes made warnings, so that both kinds
/// exceed GitHub's ten annotations: 14 errors and 13 warnings (with the
/// example's own warning) remain.
const TWELVE_WARNINGS: &str = "[rules]\n\
    JC201 = \"warning\"\nJC202 = \"warning\"\nJC301 = \"warning\"\nJC302 = \"warning\"\n\
    JC303 = \"warning\"\nJC305 = \"warning\"\nJC306 = \"warning\"\nJC401 = \"warning\"\n\
    JC402 = \"warning\"\nJC403 = \"warning\"\nJC404 = \"warning\"\nJC405 = \"warning\"\n";

// ---------------------------------------------------------------- json

#[test]
fn json_lists_every_finding_with_its_place() {
    let run = check(&root(), &["examples/broken", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = parse(&run);
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), BROKEN_FINDINGS);

    let keys = [
        "code",
        "name",
        "severity",
        "message",
        "label",
        "help",
        "file",
        "uri",
        "line",
        "column",
        "end_line",
        "end_column",
        "related",
    ];
    for finding in findings {
        let object = finding.as_object().unwrap();
        let found: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected = keys.to_vec();
        expected.sort_unstable();
        let mut sorted = found.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected, "{finding}");
        let expected = if finding["code"] == "JC420" {
            "warning"
        } else {
            "error"
        };
        assert_eq!(finding["severity"], expected, "{finding}");
        assert!(finding["line"].as_u64().unwrap() >= 1);
        assert!(finding["column"].as_u64().unwrap() >= 1);
    }

    // The same places as the human output, which other tests pin down.
    let orphan = findings.iter().find(|f| f["code"] == "JC302").unwrap();
    assert_eq!(orphan["name"], "orphan-stage");
    assert_eq!(orphan["file"], "examples/broken/journey.journey.yaml");
    assert_eq!(orphan["uri"], "examples/broken/journey.journey.yaml");
    assert_eq!(
        (orphan["line"].as_u64(), orphan["column"].as_u64()),
        (Some(151), Some(9))
    );
    assert_eq!(orphan["end_line"], 151);
    assert_eq!(
        orphan["end_column"], 17,
        "the end is exclusive: `win-back` is 8 characters"
    );

    // A duplicate id points back at the first definition.
    let duplicate = findings.iter().find(|f| f["code"] == "JC202").unwrap();
    let related = duplicate["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{duplicate}");
    assert!(related[0]["line"].as_u64().unwrap() < duplicate["line"].as_u64().unwrap());

    assert_golden("tests/snapshots/check-broken.json", &run.stdout);
}

#[test]
fn json_of_a_clean_journey_is_an_empty_array() {
    let run = check(&root(), &["examples/msp-finance", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "[]\n");
}

#[test]
fn machine_formats_keep_notes_off_stdout() {
    // A structural error stops the rules; the note about it must not break
    // the JSON document.
    let tmp = TempDir::new("formats-structural");
    tmp.write(
        "j/a.journey.yaml",
        "journey: { id: x, name: X }\nstages: 3\n",
    );
    for format in ["json", "sarif"] {
        let run = check(tmp.path(), &["j", "--format", format]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let document = parse(&run);
        assert!(!document.is_null());
        assert!(
            run.stderr.contains("the rules were not run"),
            "{}",
            run.stderr
        );
    }
}

// -------------------------------------------------------------- github

#[test]
fn github_annotations_for_the_broken_example() {
    let run = check(&root(), &["examples/broken", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_golden("tests/snapshots/check-broken.github.txt", &run.stdout);
}

#[test]
fn github_shows_ten_of_each_kind_and_a_notice_with_the_totals() {
    let tmp = broken_repo("formats-github", "j", Some(TWELVE_WARNINGS));
    let run = check(tmp.path(), &["j", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("::error "), 10, "{}", run.stdout);
    assert_eq!(count("::warning "), 10, "{}", run.stdout);
    assert_eq!(count("::notice "), 1, "{}", run.stdout);
    // The seven that are not annotations are still in the log, indented so
    // that they are not workflow commands.
    assert_eq!(count("  j/"), 7, "{}", run.stdout);
    let notice = lines.last().unwrap();
    assert!(
        notice.starts_with(
            "::notice title=journeyc::journeyc checked 1 journey (3 files): 14 errors, 13 warnings."
        ),
        "{notice}"
    );
    assert!(
        notice.contains("7 findings are listed only in this step's log"),
        "{notice}"
    );

    // Every annotation names its file, position and rule.
    for line in lines
        .iter()
        .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
    {
        let (properties, message) = line
            .split_once("::")
            .map(|(_, rest)| rest)
            .unwrap()
            .split_once("::")
            .unwrap();
        assert!(properties.contains(" file=j/"), "{line}");
        assert!(properties.contains(",line="), "{line}");
        assert!(properties.contains(",col="), "{line}");
        assert!(properties.contains(",title=JC"), "{line}");
        assert!(!message.contains('\n'));
    }
}

#[test]
fn github_escapes_file_names_and_messages() {
    // A folder name with every character GitHub gives a meaning to.
    let tmp = broken_repo("formats-escape", "we,ird:100%", None);
    let run = check(tmp.path(), &["we,ird:100%", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=we%2Cird%3A100%25/journey.journey.yaml,line=8,col=1,"),
        "{first}"
    );
    // Help goes on a second line of the annotation, escaped.
    assert!(first.contains("%0Ahelp: "), "{first}");
}

#[test]
fn github_notice_of_a_clean_run() {
    let run = check(&root(), &["examples/msp-finance", "--format", "github"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::notice title=journeyc::journeyc checked 1 journey (6 files): no problems found\n"
    );
}

// --------------------------------------------------------------- sarif

/// What the OASIS schema says is wrong with a SARIF log.
fn schema_errors(sarif: &Value) -> Vec<String> {
    let text =
        std::fs::read_to_string(root().join("tests/vendor/sarif/sarif-schema-2.1.0.json")).unwrap();
    // The schema's `run.language` pattern has a stray `]`, which ECMA-262
    // reads as a literal `]` but the Rust regex behind jsonschema's `regex`
    // format refuses. Escaping it keeps the pattern's meaning (and journeyc
    // writes no `language`); see tests/vendor/sarif/SOURCE.md.
    let stray = r#"[a-zA-Z]{2}]?$"#;
    assert!(
        text.contains(stray),
        "the erratum this test works around is gone"
    );
    let text = text.replace(stray, r#"[a-zA-Z]{2}\\]?$"#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft7::new(&schema).expect("the SARIF schema compiles");
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Validate a SARIF log against the OASIS schema and GitHub's requirements.
fn assert_valid_sarif(sarif: &Value) {
    let errors = schema_errors(sarif);
    assert!(
        errors.is_empty(),
        "not valid SARIF 2.1.0:\n{}",
        errors.join("\n")
    );

    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "journeyc");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        for key in ["shortDescription", "fullDescription", "help"] {
            let text = rule[key]["text"].as_str().unwrap_or_default();
            assert!(!text.trim().is_empty(), "rule {} has no {key}", rule["id"]);
            if key != "help" {
                assert!(
                    text.chars().count() <= 1024,
                    "rule {} {key} is too long",
                    rule["id"]
                );
            }
        }
    }
    for result in runs[0]["results"].as_array().unwrap() {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        assert!(matches!(
            result["level"].as_str(),
            Some("error" | "warning")
        ));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("://"),
            "{uri} is not relative"
        );
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn sarif_of_the_broken_example_is_valid_and_complete() {
    let run = check(&root(), &["examples/broken", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sarif = parse(&run);
    assert_valid_sarif(&sarif);

    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), BROKEN_FINDINGS);
    let orphan = results.iter().find(|r| r["ruleId"] == "JC302").unwrap();
    let location = &orphan["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "examples/broken/journey.journey.yaml"
    );
    assert_eq!(
        location["region"],
        serde_json::json!({ "startLine": 151, "startColumn": 9, "endLine": 151, "endColumn": 17 })
    );
    let duplicate = results.iter().find(|r| r["ruleId"] == "JC202").unwrap();
    assert_eq!(
        duplicate["relatedLocations"].as_array().map(Vec::len),
        Some(1)
    );

    // Every code journeyc has is a rule, so indexes never shift between runs.
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let listed = journeyc(&root(), &["rules"]);
    assert_eq!(
        rules.len(),
        listed.stdout.lines().count() - 1,
        "one rule per code of `journeyc rules`"
    );

    assert_golden("tests/snapshots/check-broken.sarif", &run.stdout);
}

#[test]
fn the_schema_check_rejects_what_is_not_sarif() {
    let run = check(&root(), &["examples/broken", "--format", "sarif"]);
    let mut sarif = parse(&run);
    sarif["runs"][0]["results"][0]["level"] = "fatal".into();
    sarif["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert_eq!(
        schema_errors(&sarif).len(),
        2,
        "{:?}",
        schema_errors(&sarif)
    );
}

#[test]
fn sarif_uris_are_relative_to_the_repository_root() {
    // journeyc.toml marks the root; check runs from a folder below it.
    let tmp = broken_repo(
        "formats-sarif-root",
        "journeys/finance",
        Some(TWELVE_WARNINGS),
    );
    let run = check(
        &tmp.path().join("journeys"),
        &["finance", "--format", "sarif"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sarif = parse(&run);
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    for result in results {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("journeys/finance/"), "{uri}");
    }
    // The configured severities are the results' levels; the rule keeps
    // its default.
    let orphan = results.iter().find(|r| r["ruleId"] == "JC302").unwrap();
    assert_eq!(orphan["level"], "warning");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let rule = &rules[orphan["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
}

#[test]
fn sarif_is_the_same_bytes_on_every_run() {
    let first = check(&root(), &["examples/broken", "--format", "sarif"]);
    let second = check(&root(), &["examples/broken", "--format", "sarif"]);
    assert_eq!(first.stdout, second.stdout);
    let clean = check(&root(), &["examples/msp-finance", "--format", "sarif"]);
    assert_eq!(clean.code, 0);
    let sarif = parse(&clean);
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
}

// ------------------------------------------------------------- fail-on

#[test]
fn fail_on_chooses_what_makes_the_exit_code_one() {
    // Only warnings: a clean journey with a suppression that suppresses
    // nothing (JC711, a warning).
    let tmp = TempDir::new("formats-fail-on");
    for entry in std::fs::read_dir(root().join("examples/msp-finance")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name == "stages.journey.yaml" {
            text = text.replacen(
                "  - id: awareness\n",
                "  - id: awareness # journeyc: ignore[JC302] reached from the partner portal\n",
                1,
            );
        }
        tmp.write(&format!("j/{name}"), text);
    }
    for format in ["human", "json", "github", "sarif"] {
        let default = check(tmp.path(), &["j", "--format", format]);
        assert_eq!(
            default.code, 0,
            "{format}: {}{}",
            default.stdout, default.stderr
        );
        assert!(
            default.stdout.contains("JC711"),
            "{format}: {}",
            default.stdout
        );
        let strict = check(
            tmp.path(),
            &["j", "--format", format, "--fail-on", "warning"],
        );
        assert_eq!(
            strict.code, 1,
            "{format}: {}{}",
            strict.stdout, strict.stderr
        );
        let errors = check(tmp.path(), &["j", "--format", format, "--fail-on", "error"]);
        assert_eq!(errors.code, 0, "{format}");
    }
}

#[test]
fn usage_errors_exit_two_with_nothing_on_stdout() {
    for format in ["human", "json", "github", "sarif"] {
        let run = check(&root(), &["no/such/journey", "--format", format]);
        assert_eq!(run.code, 2, "{format}");
        assert!(run.stdout.is_empty(), "{format}: {}", run.stdout);
        assert!(
            run.stderr.contains("`no/such/journey` does not exist"),
            "{}",
            run.stderr
        );
    }
    let run = check(&root(), &["examples/broken", "--format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("possible values: human, json, github, sarif"),
        "{}",
        run.stderr
    );
    let run = check(&root(), &["examples/broken", "--fail-on", "info"]);
    assert_eq!(run.code, 2);
}
