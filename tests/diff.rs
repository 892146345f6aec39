//! `journeyc diff` end to end: every change class proven by a fixture, the
//! pairing of journeys, exit codes and errors (here), the output formats
//! (`diff/formats.rs`) and `--against` a git revision (`diff/git.rs`).
//!
//! The fixtures are data, like the rule fixtures. `tests/diff/base/` is a
//! small valid journey that uses every product journeyc builds for (HubSpot,
//! Salesforce, ConnectWise, Autotask, Segment), so every generated file can
//! change. A case, `tests/diff/cases/<name>/`, holds an `old/` and a `new/`
//! overlay: files that replace base files of the same name (or are added
//! next to them); a missing overlay is the base itself. The case is run as
//! `journeyc diff --against old new --format json` and must print exactly
//! the changes in its `expected.txt`: per change a line
//! `LEVEL CHECK | SUBJECT | FILE:LINE:COL | GENERATED FILE` and the message
//! indented below it, in the order journeyc prints them. Leading `#` lines
//! say why the case exists.
//!
//! Every check of `journeyc::diff::CHECKS` must appear in at least one
//! `expected.txt`. To rewrite every `expected.txt` (and the snapshots in
//! `tests/diff/snapshots/`) from what journeyc reports now:
//!
//! ```text
//! JOURNEYC_BLESS=1 cargo test --test diff
//! ```
//!
//! Then read the diff by hand: a blessed case must still show the change it
//! is about, with the right level, location and wording.
#![allow(clippy::unwrap_used)]

mod support;

#[path = "diff/harness.rs"]
mod harness;

#[path = "diff/formats.rs"]
mod formats;

#[path = "diff/git.rs"]
mod git;

#[path = "diff/approvals.rs"]
mod approvals;

use std::collections::BTreeSet;

use harness::{Expected, Laid, case_dirs, check_case, relative};
use journeyc::diff::CHECKS;

#[test]
fn every_case_reports_what_its_expected_txt_says() {
    let failures: Vec<String> = case_dirs()
        .iter()
        .filter_map(|case| check_case(case).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} diff case(s) disagree with journeyc:\n\n{}\n\nTo rewrite every expected.txt: \
         JOURNEYC_BLESS=1 cargo test --test diff (then review the diff by hand)",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_check_is_proven_by_a_case() {
    if support::blessing() {
        return; // expected.txt is being rewritten while this runs.
    }
    let mut seen = BTreeSet::new();
    for case in case_dirs() {
        let expected = Expected::read(&case)
            .unwrap_or_else(|| panic!("{} has no expected.txt", relative(&case)));
        seen.extend(expected.ids().map(str::to_owned));
    }
    let unproven: Vec<&str> = CHECKS
        .iter()
        .map(|c| c.id)
        .filter(|id| !seen.contains(*id))
        .collect();
    assert!(
        unproven.is_empty(),
        "these checks are produced by no case in tests/diff/cases (add one):\n  {}",
        unproven.join("\n  ")
    );
    let unknown: Vec<&String> = seen
        .iter()
        .filter(|id| !CHECKS.iter().any(|c| c.id == id.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "expected.txt files name checks that are not in the catalogue: {unknown:?}"
    );
}

#[test]
fn the_base_journey_checks_cleanly_and_equals_itself() {
    let laid = Laid::case(&harness::fixtures().join(harness::BASE));
    let check = support::journeyc(laid.dir.path(), &["check", "new"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("no problems found"),
        "{}",
        check.stdout
    );
    let run = laid.diff(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "no changes\n");
}

// ------------------------------------------------------------ pairing

/// A journey directory of the base with its `journey.id` replaced.
fn journey_with_id(dir: &support::TempDir, at: &str, id: &str) {
    let mut files = harness::overlaid(&harness::fixtures().join(harness::BASE));
    let header = files
        .get_mut("journey.journey.yaml")
        .expect("the base has a journey file");
    *header = header.replace("  id: finance-20-150\n", &format!("  id: {id}\n"));
    harness::write_version(dir, at, &files);
}

#[test]
fn journeys_are_paired_by_id_not_by_directory() {
    let dir = support::TempDir::new("diff-pairing");
    journey_with_id(&dir, "old/finance", "finance-20-150");
    journey_with_id(&dir, "old/legal", "legal-firms");
    // The finance journey moved to another directory: still the same journey.
    journey_with_id(&dir, "new/segments/finance", "finance-20-150");
    journey_with_id(&dir, "new/clinics", "hipaa-clinics");

    let run = support::journeyc(
        dir.path(),
        &["diff", "--against", "old", "new", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<String> = harness::changes(&run)
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c["journey"].as_str().unwrap(),
                c["id"].as_str().unwrap(),
                c["file"].as_str().unwrap(),
                c["version"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "legal-firms journey-removed old/legal/journey.journey.yaml old",
            "hipaa-clinics journey-added new/clinics/journey.journey.yaml new",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn two_journeys_with_one_id_cannot_be_paired() {
    let dir = support::TempDir::new("diff-same-id");
    journey_with_id(&dir, "old/a", "finance-20-150");
    journey_with_id(&dir, "new/a", "finance-20-150");
    journey_with_id(&dir, "new/b", "finance-20-150");
    let run = support::journeyc(dir.path(), &["diff", "--against", "old", "new"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("two journeys of the new version have the id `finance-20-150`"),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------------------ exit codes

fn case(name: &str) -> Laid {
    Laid::case(&harness::fixtures().join(harness::CASES).join(name))
}

#[test]
fn diff_exits_0_by_default_even_with_breaking_changes() {
    let run = case("stage-renamed").diff(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("stage-renamed"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn fail_on_exits_1_at_or_above_its_level() {
    // The case's most serious change, and the exit code per --fail-on level.
    let table = [
        ("stage-renamed", [1, 1, 1]),             // breaking
        ("criteria-changed", [0, 1, 1]),          // warning
        ("stage-probability-changed", [0, 0, 1]), // info
        ("cosmetic-edits-change-nothing", [0, 0, 0]),
    ];
    let mut wrong = Vec::new();
    for (name, codes) in table {
        let laid = case(name);
        for (level, code) in ["breaking", "warning", "info"].iter().zip(codes) {
            let run = laid.diff(&["--fail-on", level, "--format", "json"]);
            if run.code != code {
                wrong.push(format!(
                    "{name} --fail-on {level}: exit {} (expected {code}) {}",
                    run.code, run.stderr
                ));
            }
            assert!(!harness::changes(&run).is_empty() || name.starts_with("cosmetic"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unknown_fail_on_level_is_a_usage_error() {
    let run = case("stage-renamed").diff(&["--fail-on", "error"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("breaking, warning, info"),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------------------ errors

/// A case whose `version` (`old` or `new`) has an error: an unknown stage.
fn broken(version: &str) -> Laid {
    let laid = case("stage-probability-changed");
    let file = laid.dir.path().join(version).join("stages.journey.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("  - to: decision\n", "  - to: decison\n"),
    )
    .unwrap();
    laid
}

#[test]
fn a_version_with_errors_stops_the_diff_with_its_problems_on_stderr() {
    for version in ["old", "new"] {
        let run = broken(version).diff(&["--format", "markdown"]);
        assert_eq!(run.code, 2, "{version}: {}{}", run.stdout, run.stderr);
        // stdout is what CI turns into a comment: nothing half-done there.
        assert_eq!(run.stdout, "", "{version}");
        assert!(
            run.stderr.contains(&format!(
                "journeyc: the {version} version of `{version}` has errors (printed above); fix \
                 them before comparing"
            )),
            "{version}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("error[JC301]") && run.stderr.contains("`decison`"),
            "{version}: the problem itself is shown: {}",
            run.stderr
        );
    }
}

#[test]
fn missing_paths_and_unknown_revisions_exit_2_with_a_message() {
    let laid = case("stage-renamed");
    let run = support::journeyc(
        laid.dir.path(),
        &["diff", "--against", "old", "no-such-dir"],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr, "journeyc: `no-such-dir` does not exist\n");

    // Not a path, and the temporary directory is not in a git repository.
    let run = support::journeyc(laid.dir.path(), &["diff", "--against", "v1.0", "new"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "journeyc: `v1.0` is not a file or directory, and the current directory is not inside a \
         git repository, so it cannot be a git revision either\n"
    );

    let run = support::journeyc(laid.dir.path(), &["diff", "new"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--against"), "{}", run.stderr);
}

#[test]
fn list_checks_prints_the_catalogue() {
    let run = support::journeyc(&support::root(), &["diff", "--list-checks"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), CHECKS.len());
    for (line, check) in lines.iter().zip(CHECKS) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], check.id);
        assert_eq!(words[1], check.level.as_str());
        assert!(line.ends_with(check.summary), "{line}");
    }
}

#[test]
fn the_output_is_the_same_on_every_run() {
    let laid = case("trigger-becomes-a-pick-list");
    let first = laid.diff(&["--format", "json"]);
    let again = laid.diff(&["--format", "json"]);
    assert_eq!(first.stdout, again.stdout);
}

#[test]
fn a_directory_compared_with_itself_has_no_changes() {
    let laid = case("stage-renamed");
    let run = support::journeyc(laid.dir.path(), &["diff", "--against", "new", "new"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "no changes\n");
}

#[test]
fn the_old_copy_is_not_a_new_journey_when_run_above_it() {
    // With no paths, the current directory holds both `old/` and `new/`:
    // the journeys under `--against` are the old version only.
    let run = case("stage-renamed").diff_in_place(&["--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let ids: Vec<String> = harness::changes(&run)
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.contains(&"stage-renamed".to_owned()), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("journey-")), "{ids:?}");
}

#[test]
fn a_declared_rename_is_one_change_not_a_removal_and_an_addition() {
    // Guards the blessed fixtures: whatever else a rename changes in the
    // generated files, nothing is reported as removed or added.
    for (name, renamed) in [
        ("stage-renamed", "stage-renamed"),
        ("committee-role-renamed", "committee-role-renamed"),
        ("touchpoint-renamed", "touchpoint-renamed"),
        ("event-renamed", "event-renamed"),
        ("event-field-renamed", "event-field-renamed"),
    ] {
        let run = case(name).diff(&["--format", "json"]);
        let ids: Vec<String> = harness::changes(&run)
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            ids.iter().filter(|id| *id == renamed).count(),
            1,
            "{name}: {ids:?}"
        );
        assert!(
            !ids.iter()
                .any(|id| id.ends_with("-removed") || id.ends_with("-added")),
            "{name}: {ids:?}"
        );
    }
}
