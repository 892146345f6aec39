//! End-to-end tests of the baseline (`baseline` in journeyc.toml and
//! `journeyc check --write-baseline`): known findings are left out, new ones
//! are reported, fixed ones are noted, and what a baseline cannot record
//! stops it from being written.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod support;

use support::{Run, TempDir, journeyc, root};

const CONFIG: &str =
    "journeys = [\"clinic\", \"finance\"]\nbaseline = \"journeyc-baseline.json\"\n";

/// A repository with the broken example as `clinic/`, the clean finance
/// example as `finance/`, and a configuration naming a baseline.
fn repo(label: &str) -> TempDir {
    let tmp = TempDir::new(label);
    for (dir, example) in [
        ("clinic", "examples/broken"),
        ("finance", "examples/msp-finance"),
    ] {
        for entry in std::fs::read_dir(root().join(example)).expect("list the example") {
            let path = entry.expect("an example file").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            tmp.write(&format!("{dir}/{name}"), std::fs::read(&path).unwrap());
        }
    }
    tmp.write("journeyc.toml", CONFIG);
    tmp
}

fn check(tmp: &TempDir, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    journeyc(tmp.path(), &all)
}

fn edit(tmp: &TempDir, file: &str, from: &str, to: &str) {
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn baseline(tmp: &TempDir) -> String {
    std::fs::read_to_string(tmp.path().join("journeyc-baseline.json")).unwrap_or_default()
}

#[test]
fn known_findings_are_left_out_and_new_ones_reported() {
    let tmp = repo("baseline-flow");
    let first = check(&tmp, &[]);
    assert_eq!(first.code, 2, "no baseline file yet: {}", first.stderr);
    assert!(
        first
            .stderr
            .contains("create it with `journeyc check --write-baseline`"),
        "{}",
        first.stderr
    );

    let write = check(&tmp, &["--write-baseline"]);
    assert_eq!(write.code, 0, "{}{}", write.stdout, write.stderr);
    assert_eq!(
        write.stdout,
        "wrote the baseline `journeyc-baseline.json`: 27 findings recorded; `journeyc check` \
         leaves them out from now on and reports only new findings\n"
    );
    let written = baseline(&tmp);
    assert!(
        written.starts_with("{\n  \"journeyc_baseline\": 1,\n"),
        "{written}"
    );
    assert!(
        written.contains("\"file\": \"clinic/journey.journey.yaml\""),
        "{written}"
    );

    // Known findings no longer fail the check.
    let clean = check(&tmp, &[]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    assert!(
        clean.stdout.ends_with(
            "note: 27 known findings from the baseline `journeyc-baseline.json` are not shown\n\
             checked 2 journeys (9 files): no problems found\n"
        ),
        "{}",
        clean.stdout
    );

    // A new mistake is reported; a fixed one is noted as stale. Lines moving
    // elsewhere in the file change nothing.
    edit(
        &tmp,
        "clinic/touchpoints.journey.yaml",
        "owner: servcie-manager",
        "owner: service-manager",
    );
    edit(
        &tmp,
        "clinic/journey.journey.yaml",
        "journey:\n",
        "\n\njourney:\n",
    );
    edit(
        &tmp,
        "finance/touchpoints.journey.yaml",
        "owner: priya-raman",
        "owner: priya-ramen",
    );
    let run = check(&tmp, &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("unknown owner `priya-ramen`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "note: 1 finding in the baseline `journeyc-baseline.json` no longer occurs; run \
             `journeyc check --write-baseline` to drop it\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(": 1 error, 0 warnings\n"),
        "{}",
        run.stdout
    );

    // Machine formats keep the notes off standard output.
    let json = check(&tmp, &["--format", "json"]);
    assert!(json.stderr.contains("26 known findings"), "{}", json.stderr);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(findings.as_array().unwrap().len(), 1, "{}", json.stdout);
}

#[test]
fn writing_is_deterministic_and_keeps_journeys_not_checked() {
    let tmp = repo("baseline-keep");
    assert_eq!(check(&tmp, &["--write-baseline"]).code, 0);
    let all = baseline(&tmp);
    assert_eq!(check(&tmp, &["--write-baseline"]).code, 0);
    assert_eq!(baseline(&tmp), all, "the same findings give the same bytes");

    // Writing for the finance journey alone keeps the clinic's entries.
    edit(
        &tmp,
        "finance/touchpoints.journey.yaml",
        "owner: priya-raman",
        "owner: priya-ramen",
    );
    let run = check(&tmp, &["--write-baseline", "finance"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let after = baseline(&tmp);
    assert!(after.contains("unknown owner `priya-ramen`"), "{after}");
    assert_eq!(
        after.matches("\"file\": \"clinic/").count(),
        all.matches("\"file\": \"clinic/").count(),
        "{after}"
    );
}

#[test]
fn a_journey_that_cannot_be_read_is_not_written_into_a_baseline() {
    let tmp = repo("baseline-structural");
    edit(
        &tmp,
        "clinic/journey.journey.yaml",
        "journey:\n",
        "journey:\n  colour: blue\n",
    );
    let run = check(&tmp, &["--write-baseline"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("error[JC101]"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "the baseline `journeyc-baseline.json` was not written: a baseline records rule \
             findings only"
        ),
        "{}",
        run.stdout
    );
    assert!(!tmp.path().join("journeyc-baseline.json").exists());
}

#[test]
fn write_baseline_needs_a_configured_file_and_human_output() {
    let tmp = repo("baseline-usage");
    tmp.write("journeyc.toml", "journeys = [\"clinic\"]\n");
    let run = check(&tmp, &["--write-baseline"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("add a line such as `baseline = \"journeyc-baseline.json\"`"),
        "{}",
        run.stderr
    );

    let run = check(&tmp, &["--write-baseline", "--format", "json"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn a_baseline_that_is_not_a_file_name_or_not_a_baseline_is_refused() {
    let tmp = repo("baseline-bad");
    tmp.write("journeyc.toml", "baseline = 5\n");
    let run = check(&tmp, &["clinic"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("error[JC703]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`baseline` is not a file name"),
        "{}",
        run.stderr
    );

    tmp.write("journeyc.toml", CONFIG);
    tmp.write("journeyc-baseline.json", "{\"findings\": []}");
    let run = check(&tmp, &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("the baseline `journeyc-baseline.json` cannot be read (missing field"),
        "{}",
        run.stderr
    );
}
