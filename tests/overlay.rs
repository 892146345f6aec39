//! Segment overlays end to end, through the binary: an overlay merged into
//! its base is checked, built and explained like any journey, every overlay
//! code is reported at the exact place in the overlay file, and rule
//! findings point at the file that wrote the value — base or overlay.
//!
//! The fixtures are in `tests/overlay/`: `base/` is a small journey that
//! checks cleanly, and every other directory is an overlay that names it
//! (directly, or through `chain-first/`). The commands run in that
//! directory, so file names in the output are short and stable. Rendered
//! output is compared with `tests/overlay/snapshots/`; to rewrite them:
//!
//! ```text
//! JOURNEYC_BLESS=1 cargo test --test overlay
//! ```
#![allow(clippy::unwrap_used)]

mod support;

use std::path::PathBuf;

use support::{Run, TempDir, assert_golden, journeyc, root};

const FIXTURES: &str = "tests/overlay";

fn fixtures() -> PathBuf {
    root().join(FIXTURES)
}

/// Run journeyc in the fixture directory.
fn run(args: &[&str]) -> Run {
    journeyc(&fixtures(), args)
}

fn snapshot(name: &str, text: &str) {
    assert_golden(format!("{FIXTURES}/snapshots/{name}.txt"), text);
}

/// `CODE file:line:col` of every diagnostic in human output, in order.
fn positions(stdout: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut code = None;
    for line in stdout.lines() {
        if let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        {
            code = rest.split(']').next().map(str::to_owned);
            continue;
        }
        let trimmed = line.trim_start();
        let Some(rest) = trimmed
            .strip_prefix("× ")
            .or_else(|| trimmed.strip_prefix("⚠ "))
        else {
            continue;
        };
        if let (Some(code), Some(place)) = (code.take(), rest.split(": ").next()) {
            found.push(format!("{code} {place}"));
        }
    }
    found
}

/// Check one fixture: the exit code, the places of its diagnostics, and the
/// rendered output against its snapshot.
fn check_fixture(dir: &str, code: i32, expected: &[&str]) {
    let run = run(&["check", dir]);
    assert_eq!(run.stderr, "", "{dir}");
    assert_eq!(run.code, code, "{dir}:\n{}", run.stdout);
    assert_eq!(positions(&run.stdout), expected, "{dir}:\n{}", run.stdout);
    snapshot(&format!("check-{}", dir.replace('/', "-")), &run.stdout);
}

// ------------------------------------------------------------ merging

#[test]
fn the_base_checks_cleanly() {
    let run = run(&["check", "base"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with(": no problems found\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn every_action_merges_into_a_journey_that_checks_cleanly() {
    let run = run(&["check", "every-action"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout.starts_with("checked 1 journey (")
            && run.stdout.ends_with(": no problems found\n"),
        "{}",
        run.stdout
    );

    // Naming one file of the overlay checks the whole overlay.
    let by_file = self::run(&["check", "every-action/more.journey.yaml"]);
    assert_eq!(by_file.stdout, run.stdout);
}

#[test]
fn build_writes_the_merged_journey() {
    let out = TempDir::new("overlay-build");
    let out_arg = out.path().join("build").display().to_string();
    let run = run(&["build", "every-action", "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let read = |path: &str| {
        std::fs::read_to_string(out.path().join("build").join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let handbook = read("docs/handbook.md");
    // The header and segment: updated under `update:`, written whole.
    assert!(
        handbook.starts_with("# Clinics, 10 to 80 seats"),
        "{handbook}"
    );
    assert!(handbook.contains("Clinics, 10 to 80 seats"));
    // Added, replaced and removed touchpoints.
    assert!(handbook.contains("HIPAA risk review"));
    assert!(handbook.contains("First clinical QBR"));
    assert!(!handbook.contains("Technical assessment"));
    assert!(!handbook.contains("Day 60 of the contract"));
    // A list field updated as a whole: the base's criterion is gone.
    assert!(handbook.contains("HIPAA risk review accepted"));
    assert!(!handbook.contains("MSA signed date logged in CRM\n- "));
    // The PSA delivery checklist carries the replaced touchpoint.
    let delivery = read("connectwise/ticket-tasks/delivery.json");
    assert!(delivery.contains("First clinical QBR"), "{delivery}");
    assert!(!delivery.contains("\"First QBR\""), "{delivery}");
}

#[test]
fn a_chain_of_overlays_applies_each_layer_in_turn() {
    let run = run(&["check", "chain-second"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let middle = self::run(&["check", "chain-first"]);
    assert_eq!(middle.code, 0, "{}", middle.stdout);

    let explained = explain_all(
        "chain-second",
        &[
            "owners.sam.title",
            "owners.lee",
            "touchpoints.first-qbr",
            "touchpoints.technical-assessment",
            "journey.name",
        ],
    );
    snapshot("explain-chain", &explained);
}

#[test]
fn a_directory_of_a_base_and_its_overlay_checks_both() {
    let repo = TempDir::new("overlay-repo");
    for entry in std::fs::read_dir(fixtures().join("base")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        repo.write(
            &format!("journeys/finance/{name}"),
            std::fs::read(&path).unwrap(),
        );
    }
    repo.write(
        "journeys/segments/clinics/overlay.journey.yaml",
        "overlay:\n  base: ../../finance\nupdate:\n  touchpoints:\n    - id: first-qbr\n      owner: lee\n",
    );

    let run = journeyc(repo.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    // The overlay's mistake is reported once, in the overlay; the base
    // checked on its own is clean.
    assert_eq!(
        positions(&run.stdout),
        ["JC201 journeys/segments/clinics/overlay.journey.yaml:6:14"]
    );
    assert!(
        run.stdout.contains("checked 2 journeys ("),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(": 1 error, 0 warnings\n"),
        "{}",
        run.stdout
    );

    // A mistake in the base belongs to both journeys but is one mistake:
    // it is reported once, and the base's files are counted once.
    let committee = repo.path().join("journeys/finance/committee.journey.yaml");
    let text = std::fs::read_to_string(&committee).unwrap();
    std::fs::write(&committee, text.replacen("owner: sam", "owner: nobody", 1)).unwrap();
    let run = journeyc(repo.path(), &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let found = positions(&run.stdout);
    assert_eq!(
        found
            .iter()
            .filter(|p| p.contains("committee.journey.yaml"))
            .count(),
        1,
        "{}",
        run.stdout
    );
    let base_files = std::fs::read_dir(fixtures().join("base")).unwrap().count();
    assert!(
        run.stdout
            .contains(&format!("checked 2 journeys ({} files)", base_files + 1)),
        "{}",
        run.stdout
    );
}

// ------------------------------------------------------ overlay codes

#[test]
fn jc801_an_unknown_target_is_an_error_never_a_no_op() {
    check_fixture(
        "errors/unknown-target",
        1,
        &[
            "JC801 errors/unknown-target/overlay.journey.yaml:15:11",
            "JC801 errors/unknown-target/overlay.journey.yaml:24:11",
            "JC801 errors/unknown-target/overlay.journey.yaml:28:11",
            "JC801 errors/unknown-target/overlay.journey.yaml:33:12",
            "JC801 errors/unknown-target/overlay.journey.yaml:34:11",
        ],
    );
    let run = run(&["check", "errors/unknown-target"]);
    assert!(run.stdout.contains("help: did you mean `first-qbr`?"));
}

#[test]
fn jc801_an_update_of_a_section_the_base_lacks() {
    let dir = TempDir::new("overlay-missing-section");
    for entry in std::fs::read_dir(fixtures().join("base")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        // The base without its `governance` section.
        let text = match text.find("\ngovernance:") {
            Some(cut) if name == "operations.journey.yaml" => {
                let rest = &text[cut + 1..];
                let end = rest.find("\nbaseline:").unwrap();
                format!("{}{}", &text[..=cut], &rest[end + 1..])
            }
            _ => text,
        };
        dir.write(&format!("base/{name}"), text);
    }
    dir.write(
        "clinics/overlay.journey.yaml",
        "overlay: { base: ../base }\nupdate:\n  governance:\n    board_kpi: { name: Churn }\n",
    );
    let run = journeyc(dir.path(), &["check", "clinics"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        positions(&run.stdout),
        ["JC801 clinics/overlay.journey.yaml:3:3"]
    );
    assert!(
        run.stdout
            .contains("the base journey has no `governance` section to update")
    );
}

#[test]
fn jc802_an_added_id_must_be_new() {
    check_fixture(
        "errors/add-existing",
        1,
        &[
            "JC802 errors/add-existing/overlay.journey.yaml:7:11",
            "JC802 errors/add-existing/overlay.journey.yaml:11:11",
        ],
    );
}

#[test]
fn jc803_the_base_must_be_a_journey_directory() {
    check_fixture(
        "errors/base-not-found",
        1,
        &["JC803 errors/base-not-found/overlay.journey.yaml:3:9"],
    );
    check_fixture(
        "errors/base-is-a-file",
        1,
        &["JC803 errors/base-is-a-file/overlay.journey.yaml:3:9"],
    );
}

#[test]
fn jc804_bases_that_loop_are_reported_where_the_loop_closes() {
    check_fixture(
        "errors/loop-a",
        1,
        &["JC804 errors/loop-b/overlay.journey.yaml:3:9"],
    );
}

#[test]
fn jc804_a_chain_longer_than_eight_journeys() {
    let dir = TempDir::new("overlay-long-chain");
    for entry in std::fs::read_dir(fixtures().join("base")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        dir.write(&format!("o0/{name}"), std::fs::read(&path).unwrap());
    }
    for n in 1..=8 {
        dir.write(
            &format!("o{n}/overlay.journey.yaml"),
            format!("overlay:\n  base: ../o{}\n", n - 1),
        );
    }
    // Seven overlays on a base: eight journeys, the most a chain may have.
    let longest = journeyc(dir.path(), &["check", "o7"]);
    assert_eq!(longest.code, 0, "{}", longest.stdout);

    let too_long = journeyc(dir.path(), &["check", "o8"]);
    assert_eq!(too_long.code, 1, "{}", too_long.stdout);
    assert_eq!(
        positions(&too_long.stdout),
        ["JC804 o1/overlay.journey.yaml:2:9"]
    );
    assert!(too_long.stdout.contains("longer than 8 journeys"));
}

#[test]
fn jc805_sections_an_overlay_cannot_use_where_they_are() {
    check_fixture(
        "errors/misplaced-sections",
        1,
        &[
            "JC805 errors/misplaced-sections/overlay.journey.yaml:6:1",
            "JC805 errors/misplaced-sections/overlay.journey.yaml:12:3",
            "JC805 errors/misplaced-sections/overlay.journey.yaml:18:3",
        ],
    );
}

#[test]
fn jc805_actions_in_a_journey_that_names_no_base() {
    check_fixture(
        "errors/plain-journey",
        1,
        &["JC805 errors/plain-journey/journey.journey.yaml:7:1"],
    );
}

#[test]
fn jc806_one_change_per_item_and_one_declaration_per_overlay() {
    check_fixture(
        "errors/conflict",
        1,
        &[
            "JC806 errors/conflict/overlay.journey.yaml:11:3",
            "JC806 errors/conflict/overlay.journey.yaml:18:17",
        ],
    );
    check_fixture(
        "errors/two-declarations",
        1,
        &["JC806 errors/two-declarations/b.journey.yaml:1:1"],
    );
}

#[test]
fn every_overlay_code_has_a_test_here() {
    let source = std::fs::read_to_string(root().join("tests/overlay.rs")).unwrap();
    for code in journeyc::overlay::codes::ALL {
        let name = format!("fn {}_", code.code.to_lowercase());
        assert!(
            source.contains(&name),
            "{} has no test named `{name}…`",
            code.code
        );
    }
}

// ---------------------------------------------------------- positions

#[test]
fn schema_problems_in_added_and_replaced_items_point_into_the_overlay() {
    check_fixture(
        "errors/schema-in-add",
        1,
        &[
            "JC101 errors/schema-in-add/overlay.journey.yaml:11:7",
            "JC103 errors/schema-in-add/overlay.journey.yaml:16:7",
        ],
    );
}

#[test]
fn schema_problems_in_updated_fields_point_into_the_overlay() {
    check_fixture(
        "errors/schema-in-update",
        1,
        &[
            "JC104 errors/schema-in-update/overlay.journey.yaml:9:20",
            "JC101 errors/schema-in-update/overlay.journey.yaml:10:7",
            "JC102 errors/schema-in-update/overlay.journey.yaml:14:7",
            "JC102 errors/schema-in-update/overlay.journey.yaml:16:19",
        ],
    );
}

#[test]
fn rule_findings_point_at_the_file_that_wrote_the_value() {
    // The added owner reference and the updated transition are the
    // overlay's; the references to the event it removed are the base's.
    check_fixture(
        "positions",
        1,
        &[
            "JC201 positions/overlay.journey.yaml:12:14",
            "JC301 positions/overlay.journey.yaml:22:15",
            "JC201 base/stages.journey.yaml:49:16",
            "JC201 base/stages.journey.yaml:60:16",
            "JC201 base/touchpoints.journey.yaml:33:12",
        ],
    );
    // A value written by the middle overlay of a chain is reported there.
    check_fixture(
        "chain-broken",
        1,
        &["JC201 chain-first/overlay.journey.yaml:16:14"],
    );
}

#[test]
fn suppressions_in_an_overlay_file_apply() {
    // The orphan stage the overlay adds is suppressed on its line; the
    // suppression that covers nothing is reported where it is written.
    check_fixture(
        "suppress",
        0,
        &["JC711 suppress/overlay.journey.yaml:22:37"],
    );
}

// -------------------------------------------------------- explain-value

/// Run explain-value for each selector and join the answers, each under
/// the command that gave it.
fn explain_all(journey: &str, selectors: &[&str]) -> String {
    let mut out = String::new();
    for selector in selectors {
        let run = run(&["explain-value", journey, selector]);
        assert_eq!(run.code, 0, "{selector}: {}{}", run.stdout, run.stderr);
        assert_eq!(run.stderr, "", "{selector}");
        assert!(run.stdout.ends_with('\n'), "{selector}: {:?}", run.stdout);
        out.push_str(&format!(
            "$ journeyc explain-value {journey} {selector}\n{}\n",
            run.stdout
        ));
    }
    out
}

#[test]
fn explain_value_says_where_each_merged_value_came_from() {
    let explained = explain_all(
        "every-action",
        &[
            // added
            "touchpoints.hipaa-risk-review",
            "touchpoints.hipaa-risk-review.owner",
            // replaced
            "touchpoints.first-qbr",
            "touchpoints.first-qbr.trigger",
            "segment",
            "segment.icp.verticals.0",
            // updated
            "owners.sam.title",
            "qualification.threshold",
            "stages.decision.exit_criteria",
            "stages.decision.exit_criteria.0.criterion",
            // changed inside
            "owners.sam",
            "journey",
            // removed
            "touchpoints.technical-assessment",
            "touchpoints.technical-assessment.owner",
            // untouched
            "stages.awareness.name",
            "roi.costs.0",
        ],
    );
    snapshot("explain-every-action", &explained);
}

#[test]
fn explain_value_works_on_a_plain_journey() {
    let explained = explain_all(
        "base",
        &[
            "journey",
            "owners.sam",
            "stages.decision.exit_criteria.0.criterion",
        ],
    );
    assert!(!explained.contains("overlay"), "{explained}");
    snapshot("explain-plain", &explained);
}

#[test]
fn explain_value_rejects_bad_selectors_with_a_clear_message() {
    let mut out = String::new();
    for selector in [
        "stages",
        "touchpoint.first-qbr",
        "nonsense",
        "owners.samm",
        "owners.zed",
        "owners.sam.titel",
        "owners.sam.name.first",
        "stages.decision.exit_criteria.5",
        "stages..name",
        "roi.costs.first",
        "onboarding.plan.kickof",
    ] {
        let run = run(&["explain-value", "every-action", selector]);
        assert_eq!(run.code, 2, "{selector}: {}", run.stdout);
        assert_eq!(run.stdout, "", "{selector}");
        assert!(run.stderr.starts_with("journeyc: "), "{}", run.stderr);
        out.push_str(&format!(
            "$ journeyc explain-value every-action {selector}\n{}\n",
            run.stderr
        ));
    }
    snapshot("explain-bad-selectors", &out);
}

#[test]
fn explain_value_needs_one_journey_without_structural_errors() {
    let broken = run(&["explain-value", "errors/unknown-target", "owners.sam"]);
    assert_eq!(broken.code, 1);
    assert!(
        broken
            .stdout
            .ends_with("merged values cannot be shown; fix those first\n"),
        "{}",
        broken.stdout
    );
    assert_eq!(positions(&broken.stdout).len(), 5, "{}", broken.stdout);

    let many = run(&["explain-value", ".", "owners.sam"]);
    assert_eq!(many.code, 2);
    assert!(
        many.stderr
            .contains("journeys; name the directory of one of them"),
        "{}",
        many.stderr
    );
}

// ---------------------------------------------------- shipped example

#[test]
fn the_credit_union_example_checks_and_builds() {
    let example = "examples/segments/credit-unions";
    let check = journeyc(&root(), &["check", example]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.ends_with(": no problems found\n"),
        "{}",
        check.stdout
    );

    let out = TempDir::new("overlay-example");
    let out_arg = out.path().join("build").display().to_string();
    let build = journeyc(&root(), &["build", example, "--out", &out_arg]);
    assert_eq!(build.code, 0, "{}{}", build.stdout, build.stderr);
    let handbook = std::fs::read_to_string(out.path().join("build/docs/handbook.md")).unwrap();
    assert!(handbook.starts_with("# Credit unions, 20 to 150 seats (US)"));
    assert!(handbook.contains("Supervisory committee briefing on vendor due diligence"));
    assert!(handbook.contains("NCUA exam evidence request"));
    assert!(!handbook.contains("what examiners ask about your IT vendors\n"));
    assert!(!handbook.contains("Webinar: what examiners ask"));
    assert!(
        out.path()
            .join("build/events/schemas/supervisory-committee-briefed.schema.json")
            .is_file()
    );
}
