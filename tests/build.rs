//! `journeyc build` end to end: golden files of the shipped example, byte for
//! byte; determinism; atomic writes; `--check`.
//!
//! Regenerate the goldens with `JOURNEYC_BLESS=1 cargo test --test build`
//! and review the diff before committing.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use journeyc::build::{Target, Templates};
use support::{TempDir, journeyc, load_journey, root};

const GOLDEN_DIR: &str = "tests/golden/msp-finance";

fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                found.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

#[test]
fn every_target_of_the_example_matches_its_golden_files() {
    let (mut sources, journey) = load_journey("examples/msp-finance");
    let artifacts =
        journeyc::build::build(&journey, &Target::ALL, &Templates::default(), &mut sources)
            .unwrap_or_else(|problems| {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|d| journeyc::render::concise(&sources, d))
                    .collect();
                panic!("the example does not build:\n{}", lines.join("\n"))
            });
    let golden = root().join(GOLDEN_DIR);

    if std::env::var_os("JOURNEYC_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for a in &artifacts {
            let path = golden.join(&a.path);
            std::fs::create_dir_all(path.parent().expect("artifact has a folder"))
                .expect("create golden folder");
            std::fs::write(&path, &a.contents).expect("write golden file");
        }
        return;
    }

    let produced: BTreeSet<String> = artifacts.iter().map(|a| a.path.clone()).collect();
    let committed = files_under(&golden);
    let missing: Vec<_> = produced.difference(&committed).collect();
    let extra: Vec<_> = committed.difference(&produced).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "golden files differ from the build: new {missing:?}, gone {extra:?}; run JOURNEYC_BLESS=1 cargo test --test build"
    );
    for a in &artifacts {
        let expected = std::fs::read(golden.join(&a.path)).expect("read golden file");
        assert!(
            expected == a.contents,
            "{} differs from {GOLDEN_DIR}/{}; run JOURNEYC_BLESS=1 cargo test --test build and review the diff",
            a.path,
            a.path
        );
    }
}

#[test]
fn the_build_is_deterministic_wherever_it_runs() {
    // Same journey, different working directory and file location: same bytes.
    let copy = TempDir::new("determinism");
    for entry in std::fs::read_dir(root().join("examples/msp-finance"))
        .expect("read example")
        .flatten()
    {
        let text = std::fs::read(entry.path()).expect("read example file");
        copy.write(&format!("j/{}", entry.file_name().to_string_lossy()), text);
    }
    let here = journeyc(
        &root(),
        &[
            "build",
            "examples/msp-finance",
            "--out",
            &copy.path().join("a").to_string_lossy(),
        ],
    );
    assert_eq!(here.code, 0, "{}{}", here.stdout, here.stderr);
    let there = journeyc(copy.path(), &["build", "j", "--out", "b"]);
    assert_eq!(there.code, 0, "{}{}", there.stdout, there.stderr);

    let a = files_under(&copy.path().join("a"));
    assert_eq!(a, files_under(&copy.path().join("b")));
    assert!(a.len() > 1, "the build wrote files");
    for file in &a {
        let left = std::fs::read(copy.path().join("a").join(file)).expect("read a");
        let right = std::fs::read(copy.path().join("b").join(file)).expect("read b");
        assert!(left == right, "{file} differs between two builds");
    }
}

#[test]
fn default_targets_follow_the_journeys_systems() {
    let (_, journey) = load_journey("examples/msp-finance");
    // The example runs HubSpot and ConnectWise: no Salesforce or Autotask files.
    assert_eq!(
        Target::defaults_for(&journey),
        vec![
            Target::Hubspot,
            Target::Connectwise,
            Target::Events,
            Target::Docs
        ]
    );
}

#[test]
fn check_mode_lists_missing_stale_and_extra_files() {
    let dir = TempDir::new("build-check");
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();

    let fresh = journeyc(
        &root(),
        &[
            "build",
            "examples/msp-finance",
            "--out",
            &out_arg,
            "--check",
        ],
    );
    assert_eq!(fresh.code, 1, "{}", fresh.stdout);
    assert!(fresh.stdout.contains("missing: "), "{}", fresh.stdout);

    let built = journeyc(
        &root(),
        &["build", "examples/msp-finance", "--out", &out_arg],
    );
    assert_eq!(built.code, 0, "{}{}", built.stdout, built.stderr);
    let current = journeyc(
        &root(),
        &[
            "build",
            "examples/msp-finance",
            "--out",
            &out_arg,
            "--check",
        ],
    );
    assert_eq!(current.code, 0, "{}", current.stdout);
    assert!(
        current.stdout.contains("is up to date"),
        "{}",
        current.stdout
    );

    let some_file = files_under(&out)
        .into_iter()
        .find(|f| f.ends_with(".json"))
        .expect("a json artifact");
    std::fs::write(out.join(&some_file), "{}\n").expect("tamper");
    std::fs::write(out.join("notes.txt"), "hand-written\n").expect("add extra");
    let stale = journeyc(
        &root(),
        &[
            "build",
            "examples/msp-finance",
            "--out",
            &out_arg,
            "--check",
        ],
    );
    assert_eq!(stale.code, 1);
    assert!(
        stale.stdout.contains(&format!("stale:   {some_file}")),
        "{}",
        stale.stdout
    );
    assert!(
        stale.stdout.contains("extra:   notes.txt"),
        "{}",
        stale.stdout
    );
}

#[test]
fn a_journey_with_errors_builds_nothing_and_keeps_the_previous_output() {
    let dir = TempDir::new("build-errors");
    let out = dir.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let good = journeyc(
        &root(),
        &["build", "examples/msp-finance", "--out", &out_arg],
    );
    assert_eq!(good.code, 0, "{}{}", good.stdout, good.stderr);
    let before = files_under(&out);

    let broken = journeyc(&root(), &["build", "examples/broken", "--out", &out_arg]);
    assert_eq!(broken.code, 1);
    assert!(
        broken
            .stdout
            .contains("not built: `examples/broken` has errors"),
        "{}",
        broken.stdout
    );
    assert_eq!(files_under(&out), before, "the previous output changed");
}

#[test]
fn the_output_directory_is_only_replaced_when_journeyc_wrote_it() {
    let dir = TempDir::new("build-foreign");
    dir.write("out/keep-me.txt", "not generated\n");
    let out_arg = dir.path().join("out").to_string_lossy().into_owned();
    let run = journeyc(
        &root(),
        &["build", "examples/msp-finance", "--out", &out_arg],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("was not written by journeyc build"),
        "{}",
        run.stderr
    );
    assert!(dir.path().join("out/keep-me.txt").is_file());
}

#[test]
fn unknown_targets_and_template_names_are_usage_errors() {
    let run = journeyc(
        &root(),
        &["build", "examples/msp-finance", "--target", "sap"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown target `sap`"),
        "{}",
        run.stderr
    );

    let dir = TempDir::new("build-templates");
    dir.write("tpl/handbok.md", "typo in the file name\n");
    let tpl = dir.path().join("tpl").to_string_lossy().into_owned();
    let out = dir.path().join("out").to_string_lossy().into_owned();
    let run = journeyc(
        &root(),
        &[
            "build",
            "examples/msp-finance",
            "--templates",
            &tpl,
            "--out",
            &out,
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("does not replace any template"),
        "{}",
        run.stderr
    );
}
