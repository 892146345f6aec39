//! The one helper behind every diff fixture: lay a case over the base
//! journey twice (the old and the new version), run `journeyc diff` on the
//! pair through the binary and turn its JSON output into the lines an
//! `expected.txt` holds.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::support::{self, Run, TempDir, journeyc};

/// Where the fixtures live, relative to the repository root.
pub const FIXTURES: &str = "tests/diff";

/// The valid journey both versions of every case start from.
pub const BASE: &str = "base";

/// The case directories.
pub const CASES: &str = "cases";

pub const EXPECTED: &str = "expected.txt";

pub fn fixtures() -> PathBuf {
    support::root().join(FIXTURES)
}

/// Every case directory, sorted by name.
pub fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures().join(CASES))
        .expect("list tests/diff/cases")
        .map(|e| e.expect("read a case directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The journey files of a directory by name, with their text; empty when
/// the directory does not exist.
fn journey_files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    let mut files = BTreeMap::new();
    for entry in entries {
        let path = entry.expect("read a fixture file entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(".yaml") {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            files.insert(name.to_owned(), text);
        }
    }
    files
}

/// The base journey with the files of `overlay` laid over it: a file
/// replaces the base file of the same name, or is added next to them.
pub fn overlaid(overlay: &Path) -> BTreeMap<String, String> {
    let mut files = journey_files(&fixtures().join(BASE));
    files.extend(journey_files(overlay));
    files
}

/// Write one version of a journey into `dir/name/`.
pub fn write_version(dir: &TempDir, name: &str, files: &BTreeMap<String, String>) {
    for (file, text) in files {
        dir.write(&format!("{name}/{file}"), text);
    }
}

/// A case laid out in a temporary directory as `old/` and `new/`.
pub struct Laid {
    pub dir: TempDir,
}

impl Laid {
    /// Lay out the case at `case` (its `old/` and `new/` overlays).
    pub fn case(case: &Path) -> Laid {
        let label = case.file_name().map_or_else(String::new, |n| {
            n.to_string_lossy().chars().take(24).collect()
        });
        let dir = TempDir::new(&format!("diff-{label}"));
        write_version(&dir, "old", &overlaid(&case.join("old")));
        write_version(&dir, "new", &overlaid(&case.join("new")));
        Laid { dir }
    }

    /// Run `journeyc diff --against old` with no paths (the whole
    /// directory, holding both versions) and more arguments.
    pub fn diff_in_place(&self, more: &[&str]) -> Run {
        let mut args = vec!["diff", "--against", "old"];
        args.extend_from_slice(more);
        journeyc(self.dir.path(), &args)
    }

    /// Run `journeyc diff --against old new` with more arguments.
    pub fn diff(&self, more: &[&str]) -> Run {
        let mut args = vec!["diff", "--against", "old", "new"];
        args.extend_from_slice(more);
        journeyc(self.dir.path(), &args)
    }
}

/// One change as the fixtures write it: a line with level, check, subject,
/// location and generated file, then the message indented below it.
pub fn change_lines(change: &Value) -> String {
    let text = |key: &str| change[key].as_str().unwrap_or("").to_owned();
    let at = match change["file"].as_str() {
        Some(file) => format!("{file}:{}:{}", change["line"], change["column"]),
        None => "-".to_owned(),
    };
    let artifact = change["artifact"].as_str().unwrap_or("-");
    let mut lines = format!(
        "{} {} | {} | {at} | {artifact}\n    {}",
        text("level"),
        text("id"),
        text("subject"),
        text("message")
    );
    let approval = &change["approval"];
    if !approval.is_null() {
        let text = |key: &str| approval[key].as_str().unwrap_or("").to_owned();
        lines += &format!(
            "\n    approved in `{}` by {} at {}:{}:{}",
            text("id"),
            text("approved_by"),
            text("file"),
            approval["line"],
            approval["column"]
        );
    }
    lines
}

/// The keys of every object of `--format json`, as documented.
pub const JSON_KEYS: [&str; 11] = [
    "approval", "artifact", "column", "file", "id", "journey", "level", "line", "message",
    "subject", "version",
];

/// Check one change of `--format json` against the documented shape: every
/// key present, of its type, `null` only where it does not apply, and the
/// level the catalogue gives its check.
pub fn assert_shape(change: &Value) {
    let object = change
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {change}"));
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(keys, JSON_KEYS, "{change}");
    let id = change["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id: {change}"));
    let check = journeyc::diff::checks::find(id).unwrap_or_else(|| panic!("unknown id: {change}"));
    assert_eq!(change["level"], check.level.as_str(), "{change}");
    for key in ["journey", "subject", "message"] {
        assert!(
            change[key].as_str().is_some_and(|s| !s.is_empty()),
            "`{key}` must be a non-empty string: {change}"
        );
    }
    if change["file"].is_string() {
        for key in ["line", "column"] {
            assert!(change[key].as_u64().is_some_and(|n| n >= 1), "{change}");
        }
        assert!(
            change["version"] == "old" || change["version"] == "new",
            "{change}"
        );
    } else {
        for key in ["file", "line", "column", "version"] {
            assert!(change[key].is_null(), "`{key}` must be null: {change}");
        }
    }
    assert!(
        change["artifact"].is_null() || change["artifact"].is_string(),
        "{change}"
    );
    let approval = &change["approval"];
    if !approval.is_null() {
        for key in ["id", "approved_by", "reason", "file"] {
            assert!(
                approval[key].as_str().is_some_and(|s| !s.is_empty()),
                "approval `{key}` must be a non-empty string: {change}"
            );
        }
        for key in ["line", "column"] {
            assert!(approval[key].as_u64().is_some_and(|n| n >= 1), "{change}");
        }
    }
}

/// The JSON output of a run, parsed; panics with the run's output when it
/// is not an array.
pub fn changes(run: &Run) -> Vec<Value> {
    let value: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "journeyc diff --format json printed no JSON ({e}), exit {}:\n{}{}",
            run.code, run.stdout, run.stderr
        )
    });
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a JSON array:\n{}", run.stdout))
        .clone()
}

/// What a case's `expected.txt` says, split into its leading `#` comment
/// (why the case exists; kept when blessing) and the change lines.
pub struct Expected {
    pub comment: String,
    pub changes: Vec<String>,
}

impl Expected {
    pub fn read(case: &Path) -> Option<Expected> {
        let text = fs::read_to_string(case.join(EXPECTED)).ok()?;
        let comment: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        let changes = text
            .lines()
            .skip_while(|l| l.starts_with('#'))
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.trim_end().to_owned())
            .collect();
        Some(Expected { comment, changes })
    }

    /// The check ids the case expects.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.changes
            .iter()
            .filter(|l| !l.starts_with(' '))
            .filter_map(|l| l.split(' ').nth(1))
    }
}

/// Run one case and compare with its `expected.txt` (or, when blessing,
/// rewrite it). The error is a message naming what differs.
pub fn check_case(case: &Path) -> Result<(), String> {
    let name = relative(case);
    let run = Laid::case(case).diff(&["--format", "json"]);
    if run.code != 0 || !run.stderr.is_empty() {
        return Err(format!(
            "{name}: journeyc diff exited {} (expected 0, nothing on stderr):\n{}{}",
            run.code, run.stdout, run.stderr
        ));
    }
    let changes = changes(&run);
    changes.iter().for_each(assert_shape);
    let actual: Vec<String> = changes
        .iter()
        .flat_map(|c| {
            change_lines(c)
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();

    let expected = Expected::read(case);
    if support::blessing() {
        let comment = expected.map(|e| e.comment).unwrap_or_default();
        let mut text = comment;
        for line in &actual {
            text.push_str(line);
            text.push('\n');
        }
        fs::write(case.join(EXPECTED), text).expect("write expected.txt");
        return Ok(());
    }
    let Some(expected) = expected else {
        return Err(format!(
            "{name} has no {EXPECTED}; run JOURNEYC_BLESS=1 cargo test --test diff"
        ));
    };
    if expected.changes == actual {
        return Ok(());
    }

    let missing: Vec<&String> = expected
        .changes
        .iter()
        .filter(|l| !actual.contains(l))
        .collect();
    let unexpected: Vec<&String> = actual
        .iter()
        .filter(|l| !expected.changes.contains(l))
        .collect();
    let mut message = format!("{name} does not match its {EXPECTED}");
    if !missing.is_empty() {
        message += &format!("\n  expected but not reported:\n{}", indent(&missing));
    }
    if !unexpected.is_empty() {
        message += &format!("\n  reported but not expected:\n{}", indent(&unexpected));
    }
    if missing.is_empty() && unexpected.is_empty() {
        message += "\n  (the same lines, in another order or number)";
    }
    Err(message)
}

pub fn indent<T: std::fmt::Display>(lines: &[T]) -> String {
    if lines.is_empty() {
        return "    (nothing)".to_owned();
    }
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn relative(path: &Path) -> String {
    path.strip_prefix(support::root())
        .unwrap_or(path)
        .display()
        .to_string()
}
