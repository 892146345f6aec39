//! Rule tests as data: every rule has a passing and a failing fixture,
//! checked by one helper, [`check_case`].
//!
//! `tests/rules/base/` is a small journey that is valid as a whole. A case
//! directory, `tests/rules/<rule-name>/pass/` or `.../fail/`, holds only the
//! files that replace base files of the same name (a case may replace a file
//! with `{}` to drop its sections); the journey checked is the base with the
//! case laid over it. A `pass/` case is a near miss that must produce no
//! diagnostic at all. A `fail/` case must produce exactly the diagnostics in
//! its `expected.txt`: one `CODE file:line:col` a line, in the order journeyc
//! sorts them (file, position, code).
//!
//! To write or rewrite every `expected.txt` from what journeyc reports now:
//!
//! ```text
//! JOURNEYC_BLESS=1 cargo test --test rules
//! ```
//!
//! Then read the diff by hand: a blessed fixture must still show its own rule
//! and nothing incidental.

mod support;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use journeyc::rules::{RULES, Rule};
use journeyc::source::{SourceFile, SourceSet};

/// Where the fixtures live, relative to the repository root.
const FIXTURES: &str = "tests/rules";

/// The valid journey every case is laid over.
const BASE: &str = "base";

const EXPECTED: &str = "expected.txt";

#[test]
fn base_journey_has_no_diagnostics() {
    let actual = run_case(&fixtures().join(BASE));
    assert!(
        actual.is_empty(),
        "{FIXTURES}/{BASE} must be a valid journey, but journeyc reports:\n{}",
        indent(&actual)
    );
}

#[test]
fn every_rule_has_a_passing_and_a_failing_fixture() {
    let mut problems = Vec::new();
    for rule in RULES {
        let dir = fixtures().join(rule.code.name);
        if !dir.join("pass").is_dir() {
            problems.push(format!(
                "{} ({}) has no {FIXTURES}/{}/pass/",
                rule.code.name, rule.code.code, rule.code.name
            ));
        }
        let expected = dir.join("fail").join(EXPECTED);
        match fs::read_to_string(&expected) {
            // Blessing writes expected.txt while this test runs; check it after.
            _ if support::blessing() => {}
            Err(_) => problems.push(format!(
                "{} ({}) has no {FIXTURES}/{}/fail/{EXPECTED}",
                rule.code.name, rule.code.code, rule.code.name
            )),
            Ok(text)
                if !expected_lines(&text)
                    .iter()
                    .any(|l| l.split(' ').next() == Some(rule.code.code)) =>
            {
                problems.push(format!(
                    "{FIXTURES}/{}/fail/{EXPECTED} has no {} line: the failing fixture must show its own rule",
                    rule.code.name, rule.code.code
                ));
            }
            Ok(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_directory_belongs_to_a_rule() {
    let entries = fs::read_dir(fixtures()).expect("list the rule fixtures");
    let mut strays = Vec::new();
    for entry in entries {
        let name = entry.expect("read a fixture directory entry").file_name();
        let name = name.to_string_lossy();
        if name != BASE && !RULES.iter().any(|r| r.code.name == name) {
            strays.push(format!(
                "{FIXTURES}/{name} matches no rule in journeyc::rules::RULES (renamed or removed?)"
            ));
        }
    }
    assert!(strays.is_empty(), "{}", strays.join("\n"));
}

#[test]
fn every_rule_behaves_as_its_fixtures_say() {
    let mut failures = Vec::new();
    for rule in RULES {
        for kind in [Case::Pass, Case::Fail] {
            if let Err(message) = check_case(rule, kind) {
                failures.push(message);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule fixture(s) disagree with journeyc:\n\n{}\n\nTo rewrite every expected.txt: \
         JOURNEYC_BLESS=1 cargo test --test rules (then review the diff by hand)",
        failures.len(),
        failures.join("\n\n")
    );
}

/// What a case directory is for.
#[derive(Clone, Copy, PartialEq)]
enum Case {
    /// A near miss: no diagnostic at all.
    Pass,
    /// Exactly the diagnostics listed in its `expected.txt`.
    Fail,
}

/// The one helper behind every rule fixture: check the case laid over the
/// base and compare what journeyc reports with what the case expects.
fn check_case(rule: &Rule, kind: Case) -> Result<(), String> {
    let case = fixtures().join(rule.code.name).join(match kind {
        Case::Pass => "pass",
        Case::Fail => "fail",
    });
    if !case.is_dir() {
        return Ok(()); // Reported by every_rule_has_a_passing_and_a_failing_fixture.
    }
    let actual = run_case(&case);
    let actual_lines: Vec<String> = actual.iter().map(Found::location).collect();

    let expected = match kind {
        Case::Pass => Vec::new(),
        Case::Fail if support::blessing() => {
            let mut text = actual_lines.join("\n");
            text.push('\n');
            fs::write(case.join(EXPECTED), text).expect("write expected.txt");
            return Ok(());
        }
        Case::Fail => expected_lines(&fs::read_to_string(case.join(EXPECTED)).unwrap_or_default()),
    };
    if expected == actual_lines {
        return Ok(());
    }

    let what = match kind {
        Case::Pass => "must produce no diagnostic".to_owned(),
        Case::Fail => format!("does not match its {EXPECTED}"),
    };
    let mut message = format!(
        "{} ({}): {} {what}\n  expected:\n{}\n  actual:\n{}",
        rule.code.name,
        rule.code.code,
        relative(&case),
        indent(&expected),
        indent(&actual)
    );
    if expected.is_empty() {
        return Err(message); // Everything reported is unexpected.
    }

    let missing: Vec<&String> = expected
        .iter()
        .filter(|l| !actual_lines.contains(l))
        .collect();
    let unexpected: Vec<&Found> = actual
        .iter()
        .filter(|f| !expected.contains(&f.location()))
        .collect();
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

/// Check the base journey with `case` laid over it and return what journeyc
/// reports. Files are added sorted by name, as `journeyc check` does for a
/// directory.
fn run_case(case: &Path) -> Vec<Found> {
    let base = fixtures().join(BASE);
    let mut files = journey_files(&base);
    if case != base {
        for (name, text) in journey_files(case) {
            assert!(
                files.contains_key(&name),
                "{}/{name} replaces no file of {FIXTURES}/{BASE}; a case may only replace base files",
                relative(case)
            );
            files.insert(name, text);
        }
    }

    let mut sources = SourceSet::new();
    let ids: Vec<_> = files
        .into_iter()
        .map(|(name, text)| sources.add(SourceFile::new(name, text)))
        .collect();
    let checked = journeyc::check_journey_on(&sources, &ids, Vec::new(), Some(support::today()));

    checked
        .diagnostics
        .iter()
        .map(|d| Found {
            code: d.code.code,
            file: sources
                .get(d.primary.span.file)
                .map_or_else(|| "?".to_owned(), |f| f.name.clone()),
            line: d.primary.span.start.line,
            col: d.primary.span.start.col,
            message: d.message.clone(),
        })
        .collect()
}

/// The `*.yaml` files of a directory by name, with their text.
fn journey_files(dir: &Path) -> BTreeMap<String, String> {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files = BTreeMap::new();
    for entry in entries {
        let path = entry.expect("read a fixture file entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".yaml") {
            continue;
        }
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        files.insert(name.to_owned(), text);
    }
    files
}

/// One diagnostic as the fixtures name it.
struct Found {
    code: &'static str,
    file: String,
    line: u32,
    col: u32,
    message: String,
}

impl Found {
    /// The form written in `expected.txt`.
    fn location(&self) -> String {
        format!("{} {}:{}:{}", self.code, self.file, self.line, self.col)
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.location(), self.message)
    }
}

/// The non-blank lines of an `expected.txt`, trimmed.
fn expected_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn indent<T: fmt::Display>(lines: &[T]) -> String {
    if lines.is_empty() {
        return "    (nothing)".to_owned();
    }
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fixtures() -> PathBuf {
    support::root().join(FIXTURES)
}

fn relative(path: &Path) -> String {
    path.strip_prefix(support::root())
        .unwrap_or(path)
        .display()
        .to_string()
}
