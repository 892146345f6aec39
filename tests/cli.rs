//! End-to-end tests of the `journeyc` binary: arguments in; stdout, stderr,
//! exit code and written files out. Rendered output is compared with
//! snapshots in `tests/snapshots/` (regenerate with `JOURNEYC_BLESS=1`).

mod support;

use support::{Run, TempDir, assert_golden, journeyc, root, synth};

/// Snapshots name files relative to the temp dir they ran in.
fn snapshot(name: &str, text: &str) {
    assert_golden(format!("tests/snapshots/{name}.txt"), text);
}

#[test]
fn shipped_example_passes_cleanly() {
    let run = journeyc(&root(), &["check", "examples/msp-finance"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("no problems found\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn broken_example_reports_every_mistake() {
    let run = journeyc(&root(), &["check", "examples/broken"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "");
    snapshot("broken-example", &run.stdout);
}

#[test]
fn check_without_arguments_searches_the_current_directory() {
    let dir = TempDir::new("default-dir");
    dir.write("segments/finance/journey.journey.yaml", synth::generate(12));
    dir.write("segments/health/journey.journey.yaml", synth::generate(6));
    let run = journeyc(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "checked 2 journeys (2 files): no problems found\n"
    );
}

#[test]
fn a_file_argument_checks_its_whole_journey_directory() {
    let dir = TempDir::new("file-arg");
    let text = synth::generate(12);
    // Split: the touchpoints move to a second file of the same journey.
    let (head, tail) = text.split_at(text.find("touchpoints:").expect("touchpoints section"));
    let (touchpoints, rest) =
        tail.split_at(tail.find("moments_of_truth:").expect("moments section"));
    dir.write("j/main.journey.yaml", format!("{head}{rest}"));
    dir.write("j/touchpoints.journey.yaml", touchpoints);
    let run = journeyc(dir.path(), &["check", "j/main.journey.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "checked 1 journey (2 files): no problems found\n"
    );
}

#[test]
fn a_path_that_does_not_exist_is_a_usage_error() {
    let dir = TempDir::new("missing");
    let run = journeyc(dir.path(), &["check", "nowhere"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "journeyc: `nowhere` does not exist\n");
}

#[test]
fn a_directory_without_a_journey_is_a_usage_error() {
    let dir = TempDir::new("no-journey");
    dir.write("notes.yaml", "a: 1\n");
    let run = journeyc(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "journeyc: no journey found in `.`: journey files end in `.journey.yaml`\n"
    );
}

#[test]
fn unknown_arguments_are_usage_errors() {
    let run = journeyc(&root(), &["check", "--frobnicate"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--frobnicate"), "{}", run.stderr);
}

/// Each kind of bad input: a clear diagnostic, exit code 1, no panic.
#[test]
fn bad_input_gets_clear_diagnostics() {
    let bomb = {
        let mut y = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            y.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        y
    };
    let deep_block: String = (0..3_000)
        .map(|d| format!("{}a:\n", " ".repeat(d)))
        .collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "malformed",
            b"journey:\n  id: x\n  name: [unclosed\nsegment: {}\n".to_vec(),
        ),
        ("tabs", b"journey:\n\tid: x\n".to_vec()),
        (
            "duplicate-keys",
            b"journey:\n  id: x\n  name: One\n  name: Two\n".to_vec(),
        ),
        (
            "unknown-key",
            b"journey:\n  id: x\n  name: X\n  onwer: dana\n".to_vec(),
        ),
        (
            "wrong-type",
            b"journey:\n  id: x\n  name: X\nstages: awareness\n".to_vec(),
        ),
        ("empty", b"".to_vec()),
        ("not-utf8", b"journey:\n  id: x\n  name: Caf\xe9\n".to_vec()),
        (
            "binary",
            vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0xff, 0xfe],
        ),
        ("billion-laughs", bomb.into_bytes()),
        (
            "deep-flow",
            format!("{}{}", "{a: ".repeat(20_000), "}".repeat(20_000)).into_bytes(),
        ),
        ("deep-block", deep_block.into_bytes()),
    ];
    for (name, content) in cases {
        let dir = TempDir::new(name);
        dir.write("bad.journey.yaml", &content);
        let run = journeyc(dir.path(), &["check", "."]);
        assert_eq!(run.code, 1, "{name}: {}{}", run.stdout, run.stderr);
        assert_eq!(run.stderr, "", "{name}");
        snapshot(&format!("bad-input-{name}"), &run.stdout);
    }
}

#[test]
fn a_fifty_megabyte_file_is_handled() {
    let dir = TempDir::new("large");
    let mut text = synth::generate(200_000);
    text.push_str("unexpected_key: true\n");
    assert!(text.len() > 50_000_000, "the file is {} bytes", text.len());
    dir.write("large.journey.yaml", &text);
    let run = journeyc(dir.path(), &["check", "."]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("unknown key `unexpected_key`"),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_prints_a_rules_documentation() {
    let run = journeyc(&root(), &["explain", "JC302"]);
    assert_eq!(run.code, 0);
    snapshot("explain-orphan-stage", &run.stdout);
    let by_name = journeyc(&root(), &["explain", "orphan-stage"]);
    assert_eq!(by_name.stdout, run.stdout);
}

#[test]
fn explain_rejects_unknown_codes() {
    let run = journeyc(&root(), &["explain", "JC999"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("journeyc rules"), "{}", run.stderr);
}

#[test]
fn rules_lists_every_code() {
    let run = journeyc(&root(), &["rules"]);
    assert_eq!(run.code, 0);
    for code in journeyc::rules::all_codes() {
        assert!(
            run.stdout.contains(code.code) && run.stdout.contains(code.name),
            "{} missing",
            code.code
        );
    }
    snapshot("rules", &run.stdout);
}

#[test]
fn init_writes_a_clean_starter_and_never_overwrites() {
    let dir = TempDir::new("init");
    let run = journeyc(dir.path(), &["init", "starter"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let starter = std::fs::read_to_string(dir.path().join("starter/journey.journey.yaml"))
        .expect("init writes the starter");
    // First reviews six months (182 days) after the tests' day, 2026-12-01.
    assert_eq!(starter.matches("review_by: 2027-06-01 }").count(), 8);
    assert!(!starter.contains("2027-06-30"), "{starter}");

    let check = journeyc(dir.path(), &["check", "starter"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(
        check.stdout,
        "checked 1 journey (1 file): no problems found\n"
    );

    let again = journeyc(dir.path(), &["init", "starter"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn schema_prints_the_published_schema() {
    let run = journeyc(&root(), &["schema"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, journeyc::schema::PUBLISHED);
}

/// Run `journeyc check` on the broken example with `JOURNEYC_TODAY` set to
/// `today`, or unset.
fn check_broken_on(today: Option<&str>) -> Run {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_journeyc"));
    command
        .args(["check", "examples/broken"])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env_remove("JOURNEYC_TODAY");
    if let Some(today) = today {
        command.env("JOURNEYC_TODAY", today);
    }
    let output = command.output().expect("run journeyc");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn review_dates_are_judged_against_journeyc_today_or_the_clock() {
    // The example's SOC 2 report was due on 2025-11-30.
    let before = check_broken_on(Some("2025-11-30"));
    assert!(!before.stdout.contains("JC420"), "{}", before.stdout);
    let after = check_broken_on(Some("2025-12-01"));
    assert!(
        after
            .stdout
            .contains("proof asset `soc2-report` was due for review on 2025-11-30 (1 day ago)"),
        "{}",
        after.stdout
    );
    // Without the variable the clock decides, and 2025-11-30 has passed.
    let now = check_broken_on(None);
    assert!(now.stdout.contains("warning[JC420]"), "{}", now.stdout);
}

#[test]
fn a_malformed_journeyc_today_is_a_usage_error() {
    let run = check_broken_on(Some("31/12/2026"));
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("JOURNEYC_TODAY is `31/12/2026`, not a date: write it as YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}
