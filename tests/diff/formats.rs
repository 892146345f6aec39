//! The output formats of `journeyc diff`: a snapshot of each for one
//! representative case, the markdown comment's size limit on a very large
//! change set, and the GitHub annotations' escaping and caps.

use std::collections::BTreeMap;

use serde_json::Value;

use super::harness::{self, Laid};
use super::support::{self, TempDir, assert_golden, journeyc, synth};

/// The case every format is snapshotted on: breaking changes, a warning and
/// an info change, places in both versions and in generated files.
const REPRESENTATIVE: &str = "stage-removed";

const SNAPSHOTS: &str = "tests/diff/snapshots";

/// GitHub refuses a comment longer than this.
const COMMENT_LIMIT: usize = 65_536;

fn representative() -> Laid {
    Laid::case(
        &harness::fixtures()
            .join(harness::CASES)
            .join(REPRESENTATIVE),
    )
}

#[test]
fn every_format_matches_its_snapshot() {
    let laid = representative();
    for (format, extension) in [
        ("human", "txt"),
        ("json", "json"),
        ("markdown", "md"),
        ("github", "github.txt"),
    ] {
        let run = laid.diff(&["--format", format]);
        assert_eq!(run.code, 0, "{format}: {}{}", run.stdout, run.stderr);
        assert_eq!(run.stderr, "", "{format}");
        assert_golden(
            format!("{SNAPSHOTS}/{REPRESENTATIVE}.{extension}"),
            &run.stdout,
        );
    }
}

#[test]
fn human_output_groups_by_level_and_ends_with_the_counts() {
    let run = representative().diff(&[]);
    let headings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .collect();
    assert_eq!(
        headings,
        [
            "breaking (11)",
            "warning (1)",
            "info (1)",
            "11 breaking, 1 warning, 1 info"
        ]
    );
    assert!(
        run.stdout
            .contains("    at old/stages.journey.yaml:32:9 (old version)\n"),
        "a removed stage is shown where it was: {}",
        run.stdout
    );
}

#[test]
fn markdown_lists_every_change_when_it_fits() {
    let run = representative().diff(&["--format", "markdown"]);
    let text = &run.stdout;
    assert!(text.starts_with("### journeyc diff: 11 breaking, 1 warning, 1 info\n"));
    assert_eq!(
        text.matches("\n| breaking | `").count(),
        11,
        "every breaking change is a row: {text}"
    );
    assert!(
        text.contains("<details><summary>1 info change</summary>"),
        "info changes are folded away: {text}"
    );
    assert!(!text.contains("too many to list"), "{text}");
}

/// A pair of synthetic journeys whose comparison has thousands of changes:
/// the new version keeps half the touchpoints and events of the old one.
fn large_change_set() -> TempDir {
    let dir = TempDir::new("diff-large");
    dir.write("old/synthetic.journey.yaml", synth::generate(2_000));
    dir.write("new/synthetic.journey.yaml", synth::generate(1_000));
    dir
}

fn run_large(dir: &TempDir, format: &str) -> support::Run {
    let run = journeyc(
        dir.path(),
        &["diff", "--against", "old", "new", "--format", format],
    );
    assert_eq!(run.code, 0, "{format}: {}", run.stderr);
    run
}

#[test]
fn markdown_summarises_a_change_set_too_large_for_a_comment() {
    let dir = large_change_set();
    let changes = harness::changes(&run_large(&dir, "json"));
    let markdown = run_large(&dir, "markdown").stdout;
    let github = run_large(&dir, "github").stdout;

    let mut per_check: BTreeMap<(String, String), usize> = BTreeMap::new();
    for change in &changes {
        let key = |k: &str| change[k].as_str().unwrap_or_default().to_owned();
        *per_check.entry((key("level"), key("id"))).or_default() += 1;
    }
    let important = changes.iter().filter(|c| c["level"] != "info").count();
    assert!(
        changes.len() > 1_500 && important > 1_000,
        "the synthetic pair should produce a very large change set, got {} ({important} \
         breaking or warning)",
        changes.len()
    );

    let size = markdown.chars().count();
    assert!(size <= COMMENT_LIMIT, "the comment has {size} characters");
    assert!(
        size > COMMENT_LIMIT / 2,
        "the summary should use the room it has ({size} characters)"
    );
    assert!(
        markdown.contains("too many to list in one comment"),
        "{markdown}"
    );
    for ((level, id), n) in &per_check {
        let row = format!("| {level} | `{id}` | {n} |\n");
        assert!(markdown.contains(&row), "no summary row {row:?}");
    }

    let (_, listed) = markdown
        .split_once("| level | check | subject | what it means | where |\n")
        .expect("the summary lists the breaking changes and warnings that fit");
    let rows = listed.lines().filter(|l| l.starts_with("| ")).count() - 1;
    assert!(rows > 10, "only {rows} changes listed");
    assert!(
        markdown.ends_with(&format!(
            "\n… and {} more breaking changes and warnings, not listed here.\n",
            important - rows
        )),
        "{}",
        &markdown[markdown.len().saturating_sub(300)..]
    );
    assert!(
        listed
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("| breaking |")),
        "breaking changes come first"
    );

    // The same change set as annotations: ten per kind, then the totals.
    let count = |prefix: &str| github.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(count("::error "), 10);
    assert_eq!(count("::warning "), 10);
    assert_eq!(count("::notice file="), 10);
    let last = github.lines().last().unwrap_or_default();
    let shown = 30;
    assert!(
        last.starts_with("::notice title=journeyc diff::")
            && last.ends_with(&format!(
                " ({} not shown as annotations; see the job log or the PR comment)",
                changes.len() - shown
            )),
        "{last}"
    );
    assert_eq!(github.lines().count(), shown + 1);
}

#[test]
fn github_annotations_escape_messages_and_properties() {
    // A directory name with `:` and `,`, and a criterion with `%`, CR and
    // LF, all of which must reach the workflow command escaped.
    let dir = TempDir::new("diff-escape");
    let base = harness::overlaid(&harness::fixtures().join(harness::BASE));
    harness::write_version(&dir, "old", &base);
    let mut new = base.clone();
    let stages = new.get_mut("stages.journey.yaml").unwrap();
    *stages = stages.replace(
        "    entry_criteria:\n      - criterion: Proposal sent\n",
        "    entry_criteria:\n      - criterion: Proposal sent\n      - criterion: \"Discount over 15%\\r\\napproved: CFO, in writing\"\n",
    );
    harness::write_version(&dir, "pr:42,draft", &new);

    let run = journeyc(
        dir.path(),
        &[
            "diff",
            "--against",
            "old",
            "pr:42,draft",
            "--format",
            "github",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::warning file=pr%3A42%2Cdraft/stages.journey.yaml,line=38,col=20,\
             title=journeyc diff (entry-criteria-added)::stage decision: the entry of stage \
             `decision` is tightened: accounts must now also meet \"Discount over \
             15%25%0D%0Aapproved: CFO, in writing\"; tell the teams who move accounts and check \
             the automation that sets the stage",
            "::notice title=journeyc diff::0 breaking, 1 warning, 0 info",
        ]
    );
}

#[test]
fn github_annotates_removed_items_without_a_file() {
    // The old version's files are not in the pull request's tree: a place
    // there goes into the message, never into `file=`.
    let run = representative().diff(&["--format", "github"]);
    let removed = run
        .stdout
        .lines()
        .find(|l| l.contains("(stage-removed)"))
        .expect("the stage removal is annotated");
    assert!(
        removed.starts_with("::error title=journeyc diff (stage-removed)::"),
        "{removed}"
    );
    assert!(
        removed.contains("(was at old/stages.journey.yaml:32)"),
        "{removed}"
    );
}

#[test]
fn json_is_an_array_of_documented_objects() {
    let run = representative().diff(&["--format", "json"]);
    let value: Value = serde_json::from_str(&run.stdout).unwrap();
    let changes = value.as_array().unwrap();
    assert!(!changes.is_empty());
    for change in changes {
        harness::assert_shape(change);
    }
}
