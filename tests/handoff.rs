//! `journeyc handoff` end to end, through the binary: the example deal
//! writes every document; a deal with mistakes is reported at the exact
//! file, line and column and writes nothing; the journey is found by the
//! deal's segment; `--check` and the atomic write behave as for `build`.
//!
//! The rendered diagnostics of one bad deal are a snapshot in
//! `tests/snapshots/handoff-bad-deal.txt`; regenerate it with
//! `JOURNEYC_BLESS=1 cargo test --test handoff` and review the diff.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::{TempDir, assert_golden, journeyc, root};

const EXAMPLE_DEAL: &str = "examples/deals/acme-credit-union.deal.yaml";
const EXAMPLE_JOURNEY: &str = "examples/msp-finance";

/// The documents every handoff writes, named as the generators agree.
const DOCUMENTS: [&str; 7] = [
    "checklist.autotask.json",
    "checklist.connectwise.json",
    "checklist.csv",
    "checklist.md",
    "memo.html",
    "memo.md",
    "milestones.ics",
];

fn example_deal() -> String {
    std::fs::read_to_string(root().join(EXAMPLE_DEAL)).expect("read the example deal")
}

fn journey_arg() -> String {
    root().join(EXAMPLE_JOURNEY).display().to_string()
}

/// The example deal with `from` replaced by `to`, once; panics if `from` is
/// not in it, so a change to the example cannot silently void a test.
fn deal_with(from: &str, to: &str) -> String {
    let deal = example_deal();
    assert_eq!(
        deal.matches(from).count(),
        1,
        "`{from}` is not once in the example deal"
    );
    deal.replacen(from, to, 1)
}

/// The 1-based line and column of the first occurrence of `needle`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in the deal"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn entries(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read directory")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Write `deal` as `bad.deal.yaml` in a fresh directory and hand it over
/// with the example journey. Asserts the run failed with exit code 1 and
/// left nothing behind but the deal itself.
fn hand_over_bad(label: &str, deal: &str) -> String {
    let dir = TempDir::new(label);
    dir.write("bad.deal.yaml", deal);
    let journey = journey_arg();
    let run = journeyc(
        dir.path(),
        &[
            "handoff",
            "bad.deal.yaml",
            "--journey",
            &journey,
            "--out",
            "out",
        ],
    );
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(
        run.stdout
            .contains("not handed off: `bad.deal.yaml` has errors"),
        "{}",
        run.stdout
    );
    assert_eq!(
        entries(dir.path()),
        BTreeSet::from(["bad.deal.yaml".to_owned()]),
        "a deal with errors must write nothing"
    );
    run.stdout
}

#[test]
fn the_example_deal_writes_every_document() {
    let dir = TempDir::new("handoff-example");
    let deal = root().join(EXAMPLE_DEAL).display().to_string();
    let journey = journey_arg();
    let args = [
        "handoff",
        deal.as_str(),
        "--journey",
        &journey,
        "--out",
        "out",
    ];

    let run = journeyc(dir.path(), &args);
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stdout, "wrote 7 files to out\n");
    let mut expected: BTreeSet<String> = DOCUMENTS.iter().map(|d| (*d).to_owned()).collect();
    expected.insert(".journeyc-handoff".to_owned());
    assert_eq!(entries(&dir.path().join("out")), expected);
    for document in DOCUMENTS {
        let size = std::fs::metadata(dir.path().join("out").join(document))
            .expect("document written")
            .len();
        assert!(size > 0, "{document} is empty");
    }

    // The memo names the client and the people the deal assigns.
    let memo = std::fs::read_to_string(dir.path().join("out/memo.md")).expect("read memo");
    assert!(memo.contains("Acme Federal Credit Union"));
    assert!(
        memo.contains("Beatriz Santos"),
        "the team member replaces the journey owner"
    );

    // A second run replaces its own output, and `--check` agrees with it.
    let again = journeyc(dir.path(), &args);
    assert_eq!(again.code, 0, "{}{}", again.stdout, again.stderr);
    let mut check_args = args.to_vec();
    check_args.push("--check");
    let check = journeyc(dir.path(), &check_args);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert_eq!(check.stdout, "out is up to date (7 files)\n");

    // A hand edit is caught by `--check`, which writes nothing.
    std::fs::write(dir.path().join("out/memo.md"), "edited\n").expect("edit memo");
    let stale = journeyc(dir.path(), &check_args);
    assert_eq!(stale.code, 1, "{}{}", stale.stdout, stale.stderr);
    assert!(
        stale.stdout.contains("stale:   memo.md"),
        "{}",
        stale.stdout
    );
    assert!(
        stale.stdout.contains("run `journeyc handoff`"),
        "{}",
        stale.stdout
    );
    let memo = std::fs::read_to_string(dir.path().join("out/memo.md")).expect("read memo");
    assert_eq!(memo, "edited\n");
}

#[test]
fn the_journey_is_found_by_the_deals_segment_and_the_output_by_the_deals_id() {
    let dir = TempDir::new("handoff-discover");
    // Two journeys under the current directory: the example, and a starter
    // for another segment that must not be picked.
    for entry in std::fs::read_dir(root().join(EXAMPLE_JOURNEY))
        .expect("read example")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read(entry.path()).expect("read journey file");
        dir.write(&format!("journeys/finance/{name}"), text);
    }
    let init = journeyc(dir.path(), &["init", "journeys/starter"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    dir.write("deals/acme.deal.yaml", example_deal());

    let run = journeyc(dir.path(), &["handoff", "deals/acme.deal.yaml"]);
    assert_eq!(
        run.code, 0,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(
        run.stdout,
        "wrote 7 files to handoff/acme-credit-union-2027\n"
    );
    assert!(
        dir.path()
            .join("handoff/acme-credit-union-2027/memo.md")
            .is_file()
    );

    // `--journey` naming a directory of several journeys picks by segment too.
    let picked = journeyc(
        dir.path(),
        &[
            "handoff",
            "deals/acme.deal.yaml",
            "--journey",
            "journeys",
            "--out",
            "picked",
        ],
    );
    assert_eq!(picked.code, 0, "{}{}", picked.stdout, picked.stderr);
    assert!(dir.path().join("picked/memo.md").is_file());

    // No journey for the segment: a usage error, and nothing written.
    dir.write(
        "deals/other.deal.yaml",
        deal_with("id: acme-credit-union-2027", "id: other-2027").replacen(
            "segment: finance-20-150",
            "segment: healthcare-10-50",
            1,
        ),
    );
    let none = journeyc(dir.path(), &["handoff", "deals/other.deal.yaml"]);
    assert_eq!(none.code, 2, "{}{}", none.stdout, none.stderr);
    assert!(
        none.stderr
            .contains("no journey under the current directory is for segment `healthcare-10-50`"),
        "{}",
        none.stderr
    );
    assert!(!dir.path().join("handoff/other-2027").exists());

    // Two journeys for the segment: a usage error naming both.
    for entry in std::fs::read_dir(root().join(EXAMPLE_JOURNEY))
        .expect("read example")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read(entry.path()).expect("read journey file");
        dir.write(&format!("journeys/finance-copy/{name}"), text);
    }
    let several = journeyc(
        dir.path(),
        &["handoff", "deals/acme.deal.yaml", "--out", "x"],
    );
    assert_eq!(several.code, 2, "{}{}", several.stdout, several.stderr);
    assert!(
        several
            .stderr
            .contains("several journeys under the current directory")
            && several.stderr.contains("journeys/finance`")
            && several.stderr.contains("journeys/finance-copy`"),
        "{}",
        several.stderr
    );
    assert!(!dir.path().join("x").exists());
}

/// One mistake per case: the deal text changed, the code expected, the text
/// the primary label must point at, and a part of the message.
struct Mistake {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: &'static str,
    message: &'static str,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        name: "unknown segment",
        from: "segment: finance-20-150",
        to: "segment: finance-20-500",
        code: "JC601",
        at: "finance-20-500",
        message: "segment `finance-20-500` is not the journey's segment",
    },
    Mistake {
        name: "unknown owner in the team",
        from: "- owner: jorge-mendes",
        to: "- owner: jorge-mendez",
        code: "JC601",
        at: "jorge-mendez",
        message: "unknown owner `jorge-mendez`",
    },
    Mistake {
        name: "committee role without a contact",
        from: "  - role: coo-operations\n",
        to: "  - role: it-manager\n",
        code: "JC602",
        at: "Acme Federal Credit Union",
        message: "no client contact is named for committee role `coo-operations`",
    },
    Mistake {
        name: "promise without fulfilled_by",
        from: "    fulfilled_by: mfa-enforced\n",
        to: "",
        code: "JC602",
        at: "mfa-for-everyone",
        message: "promise `mfa-for-everyone` has no deliverable",
    },
    Mistake {
        name: "promise fulfilled by an unknown step",
        from: "fulfilled_by: mfa-enforced",
        to: "fulfilled_by: mfa-enforcement",
        code: "JC601",
        at: "mfa-enforcement",
        message: "unknown onboarding plan step `mfa-enforcement`",
    },
    Mistake {
        name: "unknown package",
        from: "package: managed-secure-plus",
        to: "package: managed-secure-max",
        code: "JC601",
        at: "managed-secure-max",
        message: "unknown service package `managed-secure-max`",
    },
    Mistake {
        name: "unknown SLA tier",
        from: "sla_tier: gold",
        to: "sla_tier: platinum",
        code: "JC601",
        at: "platinum",
        message: "unknown SLA tier `platinum`",
    },
    Mistake {
        name: "kickoff before signature",
        from: "kickoff_on: 2027-01-25",
        to: "kickoff_on: 2027-01-12",
        code: "JC602",
        at: "2027-01-12",
        message: "the kickoff on 2027-01-12 is before the signature on 2027-01-19",
    },
    Mistake {
        name: "a date that does not exist",
        from: "signed_on: 2027-01-19",
        to: "signed_on: 2026-02-30",
        code: "JC602",
        at: "2026-02-30",
        message: "`2026-02-30` is not a calendar date",
    },
];

#[test]
fn each_kind_of_mistake_is_reported_at_its_place_and_writes_nothing() {
    for (n, mistake) in MISTAKES.iter().enumerate() {
        let deal = deal_with(mistake.from, mistake.to);
        let stdout = hand_over_bad(&format!("handoff-mistake-{n}"), &deal);
        let (line, col) = locate(&deal, mistake.at);
        let headline = format!("error[{}]", mistake.code);
        let location = format!("bad.deal.yaml:{line}:{col}: {}", mistake.message);
        assert!(
            stdout.contains(&headline) && stdout.contains(&location),
            "{}: expected {headline} with `{location}` in:\n{stdout}",
            mistake.name
        );
        assert_eq!(
            stdout.matches("error[").count(),
            1,
            "{}: one mistake, one diagnostic:\n{stdout}",
            mistake.name
        );
    }
}

#[test]
fn every_mistake_of_a_deal_is_reported_in_one_run() {
    let mut deal = example_deal();
    for mistake in MISTAKES
        .iter()
        .filter(|m| m.from != "fulfilled_by: mfa-enforced")
    {
        deal = deal.replacen(mistake.from, mistake.to, 1);
    }
    // A signature date that does not exist cannot be compared with the
    // kickoff, so the kickoff mistake is not reported on top of it.
    let stdout = hand_over_bad("handoff-bad-deal", &deal);
    assert_eq!(
        stdout.matches("error[").count(),
        MISTAKES.len() - 2,
        "{stdout}"
    );
    assert_golden("tests/snapshots/handoff-bad-deal.txt", &stdout);
}

#[test]
fn a_schema_error_in_the_deal_points_at_the_key() {
    let deal = deal_with("sla_tier: gold", "sla_teir: gold");
    // No journey is needed to say that the deal cannot be read: run where
    // there is none.
    let dir = TempDir::new("handoff-schema");
    dir.write("bad.deal.yaml", &deal);
    let run = journeyc(dir.path(), &["handoff", "bad.deal.yaml"]);
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let (line, col) = locate(&deal, "sla_teir");
    let unknown = format!("bad.deal.yaml:{line}:{col}: unknown key `sla_teir`");
    assert!(run.stdout.contains("error[JC101]"), "{}", run.stdout);
    assert!(run.stdout.contains(&unknown), "{}", run.stdout);
    assert!(
        run.stdout.contains("not a key of the deal format here"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("help: did you mean `sla_tier`?"),
        "{}",
        run.stdout
    );
    // The key it replaced is now missing, reported at the deal's first key.
    assert!(run.stdout.contains("error[JC103]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("missing key `sla_tier`"),
        "{}",
        run.stdout
    );
    assert_eq!(
        entries(dir.path()),
        BTreeSet::from(["bad.deal.yaml".to_owned()])
    );
}

#[test]
fn a_journey_with_errors_hands_nothing_over() {
    let dir = TempDir::new("handoff-broken-journey");
    let deal = root().join(EXAMPLE_DEAL).display().to_string();
    let journey = root().join("examples/broken").display().to_string();
    let run = journeyc(
        dir.path(),
        &[
            "handoff",
            deal.as_str(),
            "--journey",
            &journey,
            "--out",
            "out",
        ],
    );
    assert_eq!(
        run.code, 1,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.contains("error["), "{}", run.stdout);
    assert!(
        run.stdout.contains("not handed off: the journey"),
        "{}",
        run.stdout
    );
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn a_directory_journeyc_handoff_did_not_write_is_left_alone() {
    let dir = TempDir::new("handoff-foreign-out");
    dir.write("out/notes.txt", "mine\n");
    // A build output is not a handoff output either.
    dir.write("built/.journeyc-build", "");
    dir.write("built/crm.json", "{}");
    let deal = root().join(EXAMPLE_DEAL).display().to_string();
    let journey = journey_arg();
    for out in ["out", "built"] {
        let run = journeyc(
            dir.path(),
            &[
                "handoff",
                deal.as_str(),
                "--journey",
                &journey,
                "--out",
                out,
            ],
        );
        assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("was not written by journeyc handoff"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/notes.txt")).expect("untouched"),
        "mine\n"
    );
    assert!(dir.path().join("built/crm.json").is_file());
}

#[test]
fn a_missing_deal_file_is_a_usage_error() {
    let dir = TempDir::new("handoff-missing");
    let run = journeyc(dir.path(), &["handoff", "nowhere.deal.yaml"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "journeyc: `nowhere.deal.yaml` does not exist\n");
}
