//! Approved changes end to end: an approval in the new version keeps its
//! change (and the changes traced to the same item) from failing
//! `--fail-on`, every format shows it, and an approval that matches nothing
//! is reported without failing anything.

use super::harness::{self, Laid};

fn approved() -> Laid {
    Laid::case(
        &harness::fixtures()
            .join(harness::CASES)
            .join("stage-removed-approved"),
    )
}

#[test]
fn approved_breaking_changes_do_not_fail_but_the_rest_still_does() {
    let laid = approved();
    // Every breaking change is the approved stage removal or traced to it.
    let run = laid.diff(&["--fail-on", "breaking"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // The removed transition into the stage is a warning nobody approved.
    let run = laid.diff(&["--fail-on", "warning"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);

    // Without the approval the same comparison fails on breaking changes.
    std::fs::remove_file(laid.dir.path().join("new/approvals.journey.yaml")).unwrap();
    let run = laid.diff(&["--fail-on", "breaking"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
}

#[test]
fn every_format_shows_who_approved_and_why() {
    let laid = approved();
    let human = laid.diff(&[]).stdout;
    assert!(
        human.contains(
            "    approved by Dana Reyes (dana) in `retire-assessment` \
             (new/approvals.journey.yaml:2:9): The risk assessment now happens in Consideration"
        ),
        "{human}"
    );
    assert!(
        human.ends_with("11 breaking, 1 warning, 1 info (11 approved)\n"),
        "{human}"
    );

    let markdown = laid.diff(&["--format", "markdown"]).stdout;
    assert!(
        markdown.contains("<br>**Approved** by Dana Reyes (dana) in `retire-assessment`: "),
        "{markdown}"
    );
    assert!(
        markdown.starts_with("### journeyc diff: 11 breaking, 1 warning, 1 info (11 approved)\n")
    );

    // Approved changes are notices, not errors, in a pull request.
    let github = laid.diff(&["--format", "github"]).stdout;
    assert!(!github.contains("::error "), "{github}");
    assert!(
        github.contains("title=journeyc diff (stage-removed)::stage assessment: "),
        "{github}"
    );
    assert!(github.contains("::warning "), "{github}");
}

#[test]
fn an_approval_that_matches_nothing_is_reported_but_fails_nothing() {
    let laid = approved();
    let file = laid.dir.path().join("new/approvals.journey.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("subject: stage assessment", "subject: stage assesment"),
    )
    .unwrap();

    let run = laid.diff(&["--fail-on", "info"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "approvals that match no change (1)\n  stage-removed: stage assesment\n    the \
             approval `retire-assessment` approves nothing in this comparison"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    at new/approvals.journey.yaml:2:9\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("approved)"), "{}", run.stdout);

    // The JSON array holds only changes; the note goes to standard error.
    let json = laid.diff(&["--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert!(
        harness::changes(&json)
            .iter()
            .all(|c| c["approval"].is_null())
    );
    assert!(
        json.stderr
            .contains("the approval `retire-assessment` approves nothing"),
        "{}",
        json.stderr
    );

    let markdown = laid.diff(&["--format", "markdown"]).stdout;
    assert!(
        markdown.contains(
            "**1 approval matches no change**: `retire-assessment` (`stage-removed`: stage \
             assesment)."
        ),
        "{markdown}"
    );

    let github = laid.diff(&["--format", "github"]).stdout;
    assert!(
        github.contains(
            "::notice file=new/approvals.journey.yaml,line=2,col=9,title=journeyc diff (unused \
             approval)::stage-removed: stage assesment"
        ),
        "{github}"
    );
}
