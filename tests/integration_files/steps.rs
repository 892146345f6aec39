//! Reading the integration files and running the action's shell steps the
//! way a GitHub runner would, without GitHub.
//!
//! A step's `env:` values are GitHub expressions (`${{ inputs.paths }}`);
//! [`run_step`] resolves the few the action uses from a small context (the
//! test's values, then the inputs' defaults) and refuses any other, so a new
//! expression in action.yml fails here until the test knows what it means.
//! The script is then run with bash as the runner does, with
//! `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY` and `RUNNER_TEMP` pointing into a
//! temporary directory and the binary under test first on `PATH`.

use std::collections::BTreeMap;
use std::path::Path;

use journeyc::load::load_str;
use journeyc::source::FileId;
use serde_json::Value;

use crate::support::{TempDir, root};

/// A YAML file of the repository as a JSON value, read with journeyc's own
/// loader (which refuses duplicate keys and other ambiguities).
pub fn load_yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect("read the file");
    let loaded = load_str(FileId(0), &text);
    assert!(
        loaded.diagnostics.is_empty(),
        "{path} is not clean YAML: {:?}",
        loaded.diagnostics
    );
    loaded.root.expect("a document").to_json()
}

/// `action.yml`, parsed.
pub fn action() -> Value {
    load_yaml("action.yml")
}

/// The action step with this `id`.
pub fn step<'a>(action: &'a Value, id: &str) -> &'a Value {
    action["runs"]["steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["id"] == id))
        .unwrap_or_else(|| panic!("action.yml has no step with id `{id}`"))
}

/// Every string in a value, keys included, depth first.
pub fn strings_in(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                for (k, v) in map {
                    out.push(k.clone());
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    out
}

/// One `journeyc` command line found in a script.
#[derive(Debug)]
pub struct Command {
    /// `check`, `diff`, … or empty for top-level flags (`--version`).
    pub subcommand: String,
    /// Each `--flag`, with its value when the script gives it literally.
    pub flags: Vec<(String, Option<String>)>,
}

/// The `journeyc` command lines of the action's scripts: lines whose first
/// word runs the binary (`journeyc …` or `"$bin_dir/journeyc" …`). Words
/// after a shell operator (`||`, `>`, `|`, `;`) are not the command's.
pub fn journeyc_commands(action: &Value) -> Vec<Command> {
    let mut commands = Vec::new();
    let steps = action["runs"]["steps"].as_array().expect("steps");
    for script in steps.iter().filter_map(|s| s["run"].as_str()) {
        for line in script.lines() {
            let mut words = line.split_whitespace();
            let Some(first) = words.next() else { continue };
            if first != "journeyc" && !first.trim_matches('"').ends_with("/journeyc") {
                continue;
            }
            let words: Vec<&str> = words
                .take_while(|w| !matches!(*w, "||" | "|" | ">" | ">>" | ";" | "&&"))
                .collect();
            let subcommand = match words.first() {
                Some(w) if !w.starts_with('-') => (*w).to_owned(),
                _ => String::new(),
            };
            let mut flags = Vec::new();
            for (i, word) in words.iter().enumerate() {
                if let Some(flag) = word.strip_prefix("--") {
                    let name = flag.split('=').next().unwrap_or(flag);
                    let value = words
                        .get(i + 1)
                        .filter(|v| !v.starts_with('-') && !v.contains('$'))
                        .map(|v| v.trim_matches('"').to_owned());
                    flags.push((format!("--{name}"), value));
                }
            }
            commands.push(Command { subcommand, flags });
        }
    }
    commands
}

/// What one step did.
pub struct StepRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// What the step wrote to `$GITHUB_OUTPUT`.
    pub outputs: BTreeMap<String, String>,
}

/// Resolve `${{ expr }}` (the whole value) from the context; other values
/// are literal. Unknown expressions panic: the test must learn them.
fn resolve(value: &str, context: &BTreeMap<String, String>, action: &Value) -> String {
    let Some(expr) = value
        .trim()
        .strip_prefix("${{")
        .and_then(|v| v.strip_suffix("}}"))
        .map(str::trim)
    else {
        assert!(!value.contains("${{"), "cannot evaluate `{value}`");
        return value.to_owned();
    };
    if let Some(found) = context.get(expr) {
        return found.clone();
    }
    if let Some(input) = expr.strip_prefix("inputs.") {
        let default = &action["inputs"][input]["default"];
        let default = match default {
            Value::String(s) => s.clone(),
            Value::Null => panic!("unknown input `{input}`"),
            other => other.to_string(),
        };
        return resolve(&default, context, action);
    }
    if expr.starts_with("steps.") {
        // A step that did not run has no outputs.
        return String::new();
    }
    panic!("the test does not know the expression `{expr}`")
}

/// Run the action step `id` with bash in the repository root. `given` sets
/// expressions (`inputs.paths`, `steps.check.outputs.exit-code`); inputs not
/// given take their defaults, as on a push event with no pull request.
pub fn run_step(tmp: &TempDir, id: &str, given: &[(&str, &str)]) -> StepRun {
    run_step_with_env(tmp, id, given, &[])
}

/// [`run_step`] with extra environment variables, for the stand-ins of
/// other tools that a test puts in `tmp/bin`.
pub fn run_step_with_env(
    tmp: &TempDir,
    id: &str,
    given: &[(&str, &str)],
    extra_env: &[(&str, &str)],
) -> StepRun {
    let action = action();
    let step = step(&action, id);
    let script = step["run"].as_str().expect("the step runs a script");

    let mut context: BTreeMap<String, String> = [
        ("github.action_path", root().to_string_lossy().into_owned()),
        ("github.event.pull_request.base.sha", String::new()),
        ("github.event.pull_request.number", String::new()),
        ("github.repository", "OWNER/journeys".to_owned()),
        ("github.token", String::new()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (k, v) in given {
        context.insert((*k).to_owned(), (*v).to_owned());
    }

    let script_path = tmp.write(&format!("{id}.sh"), script);
    let output_path = tmp.path().join("output.txt");
    let _ = std::fs::remove_file(&output_path);
    let binary = Path::new(env!("CARGO_BIN_EXE_journeyc"));
    let bin_dir = binary.parent().expect("the binary's directory");
    // `tmp/bin` first: tests put stand-ins for other tools (`gh`) there.
    let path = format!(
        "{}:{}:{}",
        tmp.path().join("bin").display(),
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut command = std::process::Command::new("bash");
    // What the runner runs for `shell: bash`.
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script_path)
        .current_dir(root())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("JOURNEYC_TODAY", crate::support::TODAY)
        .env("GITHUB_OUTPUT", &output_path)
        .env("GITHUB_STEP_SUMMARY", tmp.path().join("summary.md"))
        .env("RUNNER_TEMP", tmp.path());
    if let Some(env) = step["env"].as_object() {
        for (name, value) in env {
            let value = value.as_str().expect("env values are text");
            command.env(name, resolve(value, &context, &action));
        }
    }
    command.envs(extra_env.iter().copied());
    let output = command.output().expect("run bash");
    let outputs = std::fs::read_to_string(&output_path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    StepRun {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        outputs,
    }
}
