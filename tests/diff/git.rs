//! `journeyc diff --against <git revision>`: the old version read from a
//! commit of a temporary repository, compared with the working tree.

use std::path::Path;
use std::process::Command;

use super::harness::{self, Expected};
use super::support::{TempDir, journeyc};

/// Run git in `dir` with a throw-away identity and no signing, so the test
/// does not depend on the machine's git configuration.
fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=journeyc tests",
            "-c",
            "user.email=tests@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repository holding `files` (paths relative to its root), committed.
fn repository(label: &str, files: &[(String, String)]) -> TempDir {
    let repo = TempDir::new(label);
    git(repo.path(), &["init", "--quiet"]);
    for (path, text) in files {
        repo.write(path, text);
    }
    git(repo.path(), &["add", "--all"]);
    git(repo.path(), &["commit", "--quiet", "--message", "journeys"]);
    repo
}

/// One version of a case as files under `at/` in a repository.
fn case_files(case: &str, version: &str, at: &str) -> Vec<(String, String)> {
    let case = harness::fixtures().join(harness::CASES).join(case);
    harness::overlaid(&case.join(version))
        .into_iter()
        .map(|(name, text)| (format!("{at}/{name}"), text))
        .collect()
}

#[test]
fn against_a_revision_reports_what_the_same_pair_of_directories_does() {
    // The old version of the case is committed, the new one is the working
    // tree: the changes are those of the directory comparison, with the old
    // version's files named `HEAD:path`.
    let case = "stage-removed";
    let at = "journeys/finance";
    let repo = repository("diff-git", &case_files(case, "old", at));
    for (path, text) in case_files(case, "new", at) {
        repo.write(&path, text);
    }

    let run = journeyc(
        repo.path(),
        &["diff", "--against", "HEAD", at, "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let actual: Vec<String> = harness::changes(&run)
        .iter()
        .flat_map(|c| {
            harness::change_lines(c)
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let case_dir = harness::fixtures().join(harness::CASES).join(case);
    let expected: Vec<String> = Expected::read(&case_dir)
        .expect("the case has an expected.txt")
        .changes
        .iter()
        .map(|l| {
            l.replace(" old/", &format!(" HEAD:{at}/"))
                .replace(" new/", &format!(" {at}/"))
        })
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn a_journey_that_did_not_exist_at_the_revision_is_added() {
    let repo = repository(
        "diff-git-added",
        &[("README.md".to_owned(), "journeys\n".to_owned())],
    );
    for (path, text) in case_files("stage-renamed", "new", "clinics") {
        repo.write(&path, text);
    }
    let run = journeyc(repo.path(), &["diff", "--against", "HEAD", "clinics"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "info (1)\n  journey-added: journey finance-20-150\n    the journey `finance-20-150` is \
         new: load its generated CRM, PSA and tracking files into the systems it names\n    at \
         clinics/journey.journey.yaml:4:1\n\n0 breaking, 0 warnings, 1 info\n"
    );
}

#[test]
fn a_journey_deleted_since_the_revision_is_removed() {
    let mut files = case_files("stage-renamed", "old", "journeys/finance");
    let legal: Vec<(String, String)> = case_files("stage-renamed", "old", "journeys/legal")
        .into_iter()
        .map(|(path, text)| {
            let text = text.replace("  id: finance-20-150\n", "  id: legal-firms\n");
            (path, text)
        })
        .collect();
    files.extend(legal);
    let repo = repository("diff-git-removed", &files);
    std::fs::remove_dir_all(repo.path().join("journeys/legal")).expect("delete a journey");

    // The whole repository (no paths), or the deleted directory named: the
    // journey is found at the revision.
    for paths in [&[][..], &["journeys/legal"][..]] {
        let mut args = vec!["diff", "--against", "HEAD", "--format", "json"];
        args.extend_from_slice(paths);
        let run = journeyc(repo.path(), &args);
        assert_eq!(run.code, 0, "{paths:?}: {}{}", run.stdout, run.stderr);
        let changes = harness::changes(&run);
        assert_eq!(changes.len(), 1, "{paths:?}: {}", run.stdout);
        assert_eq!(changes[0]["id"], "journey-removed");
        assert_eq!(changes[0]["journey"], "legal-firms");
        assert_eq!(
            changes[0]["file"],
            "HEAD:journeys/legal/journey.journey.yaml"
        );
        assert_eq!(changes[0]["version"], "old");
    }

    let run = journeyc(
        repo.path(),
        &["diff", "--against", "HEAD", "journeys/clinic"],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stderr,
        "journeyc: `journeys/clinic` does not exist, neither in the working tree nor at `HEAD`\n"
    );
}

#[test]
fn an_unknown_revision_exits_2_with_a_helpful_message() {
    let repo = repository("diff-git-unknown", &case_files("stage-renamed", "old", "j"));
    let run = journeyc(repo.path(), &["diff", "--against", "origin/main", "j"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "journeyc: `origin/main` is neither an existing file or directory nor a git revision of \
         this repository: give a branch, tag or commit (such as `main` or `HEAD~1`) or the path \
         of the old journeys; a remote branch must be fetched first (in GitHub Actions, check out \
         with `fetch-depth: 0`)\n"
    );
}

#[test]
fn annotations_name_files_from_the_repository_root() {
    let at = "journeys/finance";
    let repo = repository("diff-git-subdir", &case_files("stage-removed", "old", at));
    for (path, text) in case_files("stage-removed", "new", at) {
        repo.write(&path, text);
    }
    // Run from a subdirectory, as a workflow step with a working directory
    // would.
    let run = journeyc(
        &repo.path().join("journeys"),
        &["diff", "--against", "HEAD", "finance", "--format", "github"],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "::notice file=journeys/finance/stages.journey.yaml,line=27,col=13,\
             title=journeyc diff (transition-added)::"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("(was at HEAD:journeys/finance/stages.journey.yaml:32)"),
        "{}",
        run.stdout
    );
}
