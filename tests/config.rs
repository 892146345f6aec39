//! End-to-end tests of `journeyc.toml` and inline suppressions: the binary
//! is run with `check` in temporary repositories built from
//! `examples/broken`, whose mistakes give known findings at known places
//! (JC302 at `journey.journey.yaml:151:9`, JC404 at
//! `touchpoints.journey.yaml:107:13`). Rendered configuration problems are
//! compared with snapshots in `tests/config/` (regenerate with
//! `JOURNEYC_BLESS=1 cargo test --test config`).

mod support;

use support::{Run, TempDir, assert_golden, journeyc, root};

const ORPHAN: &str = "journey.journey.yaml:151:9";
const TWO_OWNERS: &str = "touchpoints.journey.yaml:107:13";

/// A temporary repository with a copy of `examples/broken` in each of
/// `dirs`, and `journeyc.toml` at its root when `config` is given.
fn repo(label: &str, dirs: &[&str], config: Option<&str>) -> TempDir {
    let tmp = TempDir::new(label);
    for dir in dirs {
        for name in ["journey", "touchpoints", "operations"] {
            let file = format!("{name}.journey.yaml");
            let text = std::fs::read_to_string(root().join("examples/broken").join(&file))
                .expect("read the broken example");
            tmp.write(&format!("{dir}/{file}"), text);
        }
    }
    if let Some(config) = config {
        tmp.write("journeyc.toml", config);
    }
    tmp
}

/// Replace the text of one line (1-based) of a file in the repository.
fn edit_line(tmp: &TempDir, file: &str, line: usize, edit: impl Fn(&str) -> String) {
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read file");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[line - 1] = edit(&lines[line - 1]);
    std::fs::write(&path, lines.join("\n") + "\n").expect("write file");
}

/// Run `journeyc check` in a directory of the repository.
fn check(tmp: &TempDir, dir: &str, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    journeyc(&tmp.path().join(dir), &all)
}

/// Each finding of a human report as `severity CODE file:line:col`.
fn findings(run: &Run) -> Vec<String> {
    let lines: Vec<&str> = run.stdout.lines().collect();
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some((severity, rest)) = line.split_once('[') else {
            continue;
        };
        if !matches!(severity, "error" | "warning") {
            continue;
        }
        let Some((code, _)) = rest.split_once("]:") else {
            continue;
        };
        let location = lines[index + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .map(|l| l.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '.'))
            .and_then(|l| l.split_once(": "))
            .map_or("?", |(at, _)| at);
        out.push(format!("{severity} {code} {location}"));
    }
    out
}

/// The findings of one code.
fn of(run: &Run, code: &str) -> Vec<String> {
    findings(run)
        .into_iter()
        .filter(|f| f.contains(&format!(" {code} ")))
        .collect()
}

fn snapshot(name: &str, text: &str) {
    assert_golden(format!("tests/config/{name}.txt"), text);
}

#[test]
fn without_configuration_the_defaults_apply() {
    let tmp = repo("defaults", &["j"], None);
    let run = check(&tmp, "", &["j"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(of(&run, "JC302"), [format!("error JC302 j/{ORPHAN}")]);
    assert_eq!(of(&run, "JC404"), [format!("error JC404 j/{TWO_OWNERS}")]);
}

#[test]
fn the_configuration_is_found_by_walking_up() {
    let tmp = repo(
        "walk-up",
        &["journeys/clinic"],
        Some("[rules]\nJC302 = \"warning\"\ntouchpoint-owner-not-single = \"off\"\n"),
    );
    let run = check(&tmp, "journeys/clinic", &[]);
    assert_eq!(
        of(&run, "JC302"),
        [format!("warning JC302 {ORPHAN}")],
        "{}",
        run.stdout
    );
    assert!(of(&run, "JC404").is_empty(), "{}", run.stdout);
    // JC302 and the example's proof asset past its review date (JC420).
    assert!(run.stdout.contains(", 2 warnings"), "{}", run.stdout);
}

#[test]
fn per_path_overrides_beat_the_rules_table_and_later_ones_win() {
    let config = concat!(
        "[rules]\n",
        "JC302 = \"off\"\n",
        "\n",
        "[[overrides]]\n",
        "paths = [\"journeys/clinic/**\"]\n",
        "rules = { JC302 = \"warning\", JC404 = \"off\" }\n",
        "\n",
        "[[overrides]]\n",
        "paths = [\"journeys/clinic/touchpoints.journey.yaml\"]\n",
        "rules = { JC404 = \"warning\" }\n",
    );
    let tmp = repo(
        "overrides",
        &["journeys/clinic", "journeys/finance"],
        Some(config),
    );
    let run = check(&tmp, "", &["journeys"]);
    assert_eq!(
        of(&run, "JC302"),
        [format!("warning JC302 journeys/clinic/{ORPHAN}")],
        "{}",
        run.stdout
    );
    assert_eq!(
        of(&run, "JC404"),
        [
            format!("warning JC404 journeys/clinic/{TWO_OWNERS}"),
            format!("error JC404 journeys/finance/{TWO_OWNERS}"),
        ]
    );

    // The same overrides in the other order: the broad one now wins.
    let swapped = concat!(
        "[[overrides]]\n",
        "paths = [\"journeys/clinic/touchpoints.journey.yaml\"]\n",
        "rules = { JC404 = \"warning\" }\n",
        "[[overrides]]\n",
        "paths = [\"journeys/clinic\"]\n",
        "rules = { JC404 = \"off\" }\n",
    );
    tmp.write("journeyc.toml", swapped);
    let run = check(&tmp, "", &["journeys"]);
    assert_eq!(
        of(&run, "JC404"),
        [format!("error JC404 journeys/finance/{TWO_OWNERS}")]
    );
}

#[test]
fn a_suppression_beats_the_configuration() {
    let tmp = repo(
        "suppression",
        &["j"],
        Some("[rules]\nJC302 = \"error\"\nJC404 = \"warning\"\n"),
    );
    edit_line(&tmp, "j/journey.journey.yaml", 151, |l| {
        format!("{l}   # journeyc: ignore[orphan-stage] entered from the win-back campaign")
    });
    edit_line(&tmp, "j/touchpoints.journey.yaml", 106, |l| {
        format!("{l}\n    # journeyc: ignore[JC404] legal and sales sign off together")
    });
    let run = check(&tmp, "", &["j"]);
    assert!(of(&run, "JC302").is_empty(), "{}", run.stdout);
    assert!(of(&run, "JC404").is_empty(), "{}", run.stdout);
    assert!(of(&run, "JC711").is_empty(), "{}", run.stdout);
    assert!(of(&run, "JC710").is_empty(), "{}", run.stdout);
}

#[test]
fn a_suppression_that_suppresses_nothing_is_reported() {
    let tmp = repo("unused", &["j"], None);
    edit_line(&tmp, "j/journey.journey.yaml", 152, |l| {
        format!("{l} # journeyc: ignore[JC302, JC404] the name is what the clinics call it")
    });
    let run = check(&tmp, "", &["j"]);
    assert_eq!(
        of(&run, "JC711"),
        [
            "warning JC711 j/journey.journey.yaml:152:39",
            "warning JC711 j/journey.journey.yaml:152:46",
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("unused suppression of `JC302` (orphan-stage)")
    );

    // Configurable like a rule.
    tmp.write("journeyc.toml", "[rules]\nunused-suppression = \"error\"\n");
    let run = check(&tmp, "", &["j"]);
    assert_eq!(of(&run, "JC711").len(), 2);
    assert!(of(&run, "JC711").iter().all(|f| f.starts_with("error")));
    tmp.write("journeyc.toml", "[rules]\nJC711 = \"off\"\n");
    assert!(of(&check(&tmp, "", &["j"]), "JC711").is_empty());
}

#[test]
fn unused_suppressions_are_not_judged_when_the_rules_did_not_run() {
    let tmp = repo("unused-structural", &["j"], None);
    edit_line(&tmp, "j/journey.journey.yaml", 152, |l| {
        format!("{l} # journeyc: ignore[JC404] kept for later")
    });
    edit_line(&tmp, "j/operations.journey.yaml", 1, |l| {
        format!("{l}\nnot_a_section: 1")
    });
    let run = check(&tmp, "", &["j"]);
    assert!(!of(&run, "JC101").is_empty(), "{}", run.stdout);
    assert!(of(&run, "JC711").is_empty(), "{}", run.stdout);
}

#[test]
fn invalid_suppressions_are_reported_and_hide_nothing() {
    let tmp = repo("invalid", &["j"], None);
    edit_line(&tmp, "j/journey.journey.yaml", 151, |l| {
        format!("{l} # journeyc: ignore[JC302]")
    });
    // Lines 107 and 117 end in comments already: these go on lines of their
    // own, above (the later line first, so that numbers stay as written).
    edit_line(&tmp, "j/touchpoints.journey.yaml", 116, |l| {
        format!("{l}\n    # journeyc: ignore[JC101] typo is fine")
    });
    edit_line(&tmp, "j/touchpoints.journey.yaml", 106, |l| {
        format!("{l}\n    # journeyc: ignore[touchpoint-owner] shared")
    });
    let run = check(&tmp, "", &["j"]);
    assert_eq!(
        of(&run, "JC710"),
        [
            "error JC710 j/journey.journey.yaml:151:18",
            "error JC710 j/touchpoints.journey.yaml:107:24",
            "error JC710 j/touchpoints.journey.yaml:118:24",
        ],
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("a suppression needs a reason"));
    assert!(
        run.stdout
            .contains("unknown rule `touchpoint-owner` in a suppression")
    );
    assert!(
        run.stdout
            .contains("`JC101` (unknown-key) cannot be suppressed")
    );
    assert_eq!(of(&run, "JC302").len(), 1);
    assert_eq!(of(&run, "JC404").len(), 1);
}

#[test]
fn journeys_in_the_configuration_are_checked_when_no_path_is_given() {
    let tmp = repo(
        "journeys-key",
        &["journeys/clinic", "drafts/old"],
        Some("journeys = [\"journeys\"]\n"),
    );
    let run = check(&tmp, "", &[]);
    assert!(
        run.stdout.contains("checked 1 journey (3 files)"),
        "{}",
        run.stdout
    );
    assert_eq!(
        of(&run, "JC302"),
        [format!("error JC302 journeys/clinic/{ORPHAN}")]
    );

    // From a subdirectory the same journeys are checked, named from there.
    std::fs::create_dir_all(tmp.path().join("drafts/notes")).expect("create dir");
    let run = check(&tmp, "drafts/notes", &[]);
    assert_eq!(
        of(&run, "JC302"),
        [format!("error JC302 ../../journeys/clinic/{ORPHAN}")],
        "{}",
        run.stdout
    );

    // A path on the command line wins over the configuration.
    let run = check(&tmp, "", &["drafts"]);
    assert_eq!(
        of(&run, "JC302"),
        [format!("error JC302 drafts/old/{ORPHAN}")]
    );
}

#[test]
fn config_names_a_file_and_no_config_ignores_it() {
    let tmp = repo("explicit", &["j"], Some("[rules]\nJC302 = \"off\"\n"));
    tmp.write("ci/strict.toml", "[rules]\nJC302 = \"warning\"\n");

    let run = check(&tmp, "", &["j", "--config", "ci/strict.toml"]);
    assert_eq!(
        of(&run, "JC302"),
        [format!("warning JC302 j/{ORPHAN}")],
        "{}",
        run.stderr
    );

    let run = check(&tmp, "", &["j", "--no-config"]);
    assert_eq!(of(&run, "JC302"), [format!("error JC302 j/{ORPHAN}")]);

    let run = check(&tmp, "", &["j"]);
    assert!(of(&run, "JC302").is_empty());

    let run = check(&tmp, "", &["j", "--config", "missing.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read the configuration file `missing.toml`"),
        "{}",
        run.stderr
    );
}

/// Run `check` with a broken configuration: exit 2, nothing checked, every
/// problem rendered on stderr.
fn broken_config(label: &str, config: &str) -> Run {
    let tmp = repo(label, &["j"], Some(config));
    let run = check(&tmp, "", &["j"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    run
}

#[test]
fn a_configuration_that_is_not_toml_stops_the_run() {
    let run = broken_config("syntax", "[rules]\nJC302 = warning\n");
    snapshot("syntax", &run.stderr);
}

#[test]
fn a_configuration_that_is_not_utf8_is_reported_at_the_byte() {
    // Latin-1 `é` (0xE9) where UTF-8 expects a two-byte sequence.
    let tmp = repo("latin1", &["j"], None);
    tmp.write("journeyc.toml", b"[rules]\nJC302 = \"w\xe9\"\n");
    let run = check(&tmp, "", &["j"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("error[JC701]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("journeyc.toml:2:11: the file is not UTF-8 text"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_configuration_problem_is_reported_at_once() {
    let config = concat!(
        "journeys = [\"journeys\"]\n",
        "\n",
        "[rules]\n",
        "JC302 = \"warn\"\n",
        "orphan-stages = \"off\"\n",
        "JC002 = \"off\"\n",
        "\n",
        "[[overrides]]\n",
        "path = [\"journeys/clinic/**\"]\n",
        "rules = { JC404 = \"off\" }\n",
    );
    let run = broken_config("schema", config);
    snapshot("schema", &run.stderr);
}

#[test]
fn bad_path_patterns_are_reported_at_the_pattern() {
    let config = concat!(
        "[[overrides]]\n",
        "paths = [\"/journeys/**\", \"journeys/**.yaml\"]\n",
        "rules = { JC404 = \"off\" }\n",
    );
    let run = broken_config("patterns", config);
    snapshot("patterns", &run.stderr);
}

#[test]
fn the_repository_root_is_the_folder_of_the_configuration() {
    // Patterns are relative to `journeyc.toml`, wherever check runs from.
    let config = "[[overrides]]\npaths = [\"a/j\"]\nrules = { JC302 = \"off\" }\n";
    let tmp = repo("root", &["a/j"], Some(config));
    let from_top = check(&tmp, "", &["a/j"]);
    let from_inside = check(&tmp, "a", &["j"]);
    assert!(of(&from_top, "JC302").is_empty(), "{}", from_top.stdout);
    assert!(
        of(&from_inside, "JC302").is_empty(),
        "{}",
        from_inside.stdout
    );
    assert_eq!(
        of(&from_inside, "JC404"),
        [format!("error JC404 j/{TWO_OWNERS}")]
    );
}
