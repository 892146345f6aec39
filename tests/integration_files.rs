//! Tests of the files that wire journeyc into other tools: the GitHub Action
//! (`action.yml`), the example workflow (`examples/ci/journeys.yml`), the
//! pre-commit hook manifest (`.pre-commit-hooks.yaml`) and `journeyc schema`,
//! which editors use.
//!
//! These files are not compiled, so nothing else notices when they rot: a
//! flag renamed in the CLI, an input used but never declared, a hook whose
//! file pattern misses journey files. The tests read them as YAML with the
//! crate's own loader and check their structure, then run what they run: the
//! hook entries and the action's shell steps are executed against the
//! shipped examples with the binary under test, and every `journeyc` command
//! line in the action is checked against `journeyc <command> --help`.
#![allow(clippy::unwrap_used)]

mod support;

#[path = "integration_files/steps.rs"]
mod steps;

use std::collections::BTreeSet;

use serde_json::Value;
use support::{TempDir, journeyc, root};

use steps::{action, journeyc_commands, load_yaml, run_step, step, strings_in};

// ---------------------------------------------------------------- action.yml

#[test]
fn action_has_the_required_structure() {
    let action = action();
    for key in ["name", "description"] {
        let text = action[key].as_str().unwrap_or_default();
        assert!(!text.trim().is_empty(), "action.yml needs a `{key}`");
    }
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().expect("runs.steps");
    assert!(!steps.is_empty());
    for step in steps {
        let name = step["name"].as_str().expect("every step has a name");
        if let Some(script) = step["run"].as_str() {
            assert_eq!(
                step["shell"], "bash",
                "step `{name}` runs a script without `shell: bash`"
            );
            let first = script.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            assert_eq!(
                first, "set -euo pipefail",
                "step `{name}` must start with `set -euo pipefail`"
            );
        }
    }
}

#[test]
fn action_inputs_are_described_declared_and_used() {
    let action = action();
    let inputs = action["inputs"].as_object().expect("inputs");
    for expected in [
        "paths",
        "fail-on",
        "diff-fail-on",
        "against",
        "sarif",
        "comment",
    ] {
        assert!(
            inputs.contains_key(expected),
            "input `{expected}` is missing"
        );
    }
    for (name, input) in inputs {
        let description = input["description"].as_str().unwrap_or_default();
        assert!(
            !description.trim().is_empty(),
            "input `{name}` has no description"
        );
        assert!(
            input.get("default").is_some(),
            "input `{name}` has no default"
        );
        assert_eq!(
            input["required"], false,
            "input `{name}` should be optional"
        );
    }

    // Every `inputs.X` in the steps (env values, conditions) is declared, and
    // every declared input is used somewhere.
    let mut used = BTreeSet::new();
    for text in strings_in(&action["runs"]) {
        for (at, _) in text.match_indices("inputs.") {
            let name: String = text[at + "inputs.".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            assert!(
                inputs.contains_key(&name),
                "the steps use undeclared input `{name}`"
            );
            used.insert(name);
        }
    }
    let declared: BTreeSet<String> = inputs.keys().cloned().collect();
    assert_eq!(used, declared, "every input is used by a step");
}

#[test]
fn action_scripts_never_interpolate_expressions() {
    // `${{ … }}` pasted into a script is expanded before bash sees it, so a
    // crafted branch name or input would run as code. Values go through env.
    for step in action()["runs"]["steps"].as_array().expect("steps") {
        if let Some(script) = step["run"].as_str() {
            assert!(
                !script.contains("${{"),
                "step `{}` interpolates an expression into its script; pass it through `env:`",
                step["name"]
            );
        }
    }
}

#[test]
fn action_outputs_come_from_steps_that_write_them() {
    let action = action();
    let outputs = action["outputs"].as_object().expect("outputs");
    for expected in ["sarif-file", "diff-markdown"] {
        assert!(
            outputs.contains_key(expected),
            "output `{expected}` is missing"
        );
    }
    for (name, output) in outputs {
        assert!(
            !output["description"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        );
        let value = output["value"].as_str().expect("output value");
        let inner = value
            .strip_prefix("${{ steps.")
            .and_then(|v| v.strip_suffix(" }}"))
            .unwrap_or_else(|| {
                panic!("output `{name}` should be `${{{{ steps.ID.outputs.NAME }}}}`")
            });
        let (id, key) = inner
            .split_once(".outputs.")
            .expect("steps.ID.outputs.NAME");
        let script = step(&action, id)["run"]
            .as_str()
            .expect("the step runs a script");
        assert!(
            script.contains(&format!("echo \"{key}=")) && script.contains("$GITHUB_OUTPUT"),
            "step `{id}` never writes output `{key}`"
        );
    }
}

#[test]
fn action_uses_only_commands_and_flags_that_exist() {
    let commands = journeyc_commands(&action());
    let subcommands: BTreeSet<&str> = commands.iter().map(|c| c.subcommand.as_str()).collect();
    // check (annotations and SARIF), diff, and `journeyc --version` after install.
    assert_eq!(
        subcommands,
        BTreeSet::from(["", "check", "diff"]),
        "{commands:?}"
    );
    assert!(commands.len() >= 4, "{commands:?}");
    for command in &commands {
        let mut args: Vec<&str> = Vec::new();
        if !command.subcommand.is_empty() {
            args.push(&command.subcommand);
        }
        args.push("--help");
        let help = journeyc(&root(), &args);
        assert_eq!(
            help.code,
            0,
            "`journeyc {}` does not exist: {}",
            args.join(" "),
            help.stderr
        );
        let words: BTreeSet<&str> = help
            .stdout
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .collect();
        for (flag, literal) in &command.flags {
            assert!(
                words.contains(flag.as_str()),
                "`journeyc {}` has no flag `{flag}` (used in action.yml):\n{}",
                command.subcommand,
                help.stdout
            );
            if let Some(value) = literal {
                assert!(
                    words.contains(value.as_str()),
                    "`journeyc {} {flag}` does not accept `{value}`:\n{}",
                    command.subcommand,
                    help.stdout
                );
            }
        }
    }
}

/// The SARIF file a step wrote, parsed.
fn sarif(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("the SARIF file was written");
    let sarif: Value = serde_json::from_str(&text).expect("the SARIF file is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    sarif
}

#[test]
fn action_check_step_passes_a_clean_journey() {
    let tmp = TempDir::new("action-clean");
    let sarif_path = tmp.path().join("out.sarif");
    let sarif_arg = sarif_path.to_string_lossy();
    let run = run_step(
        &tmp,
        "check",
        &[
            ("inputs.paths", "examples/msp-finance"),
            ("inputs.sarif", &sarif_arg),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.outputs["exit-code"], "0");
    assert_eq!(run.outputs["sarif-file"], sarif_arg);
    assert!(!run.stdout.contains("::error"), "{}", run.stdout);
    let sarif = sarif(&sarif_path);
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(0)
    );

    let fail = run_step(&tmp, "verdict", &[("steps.check.outputs.exit-code", "0")]);
    assert_eq!(fail.code, 0, "{}{}", fail.stdout, fail.stderr);
}

#[test]
fn action_check_step_writes_sarif_before_failing_on_a_broken_journey() {
    let tmp = TempDir::new("action-broken");
    let sarif_path = tmp.path().join("out.sarif");
    let sarif_arg = sarif_path.to_string_lossy();
    let run = run_step(
        &tmp,
        "check",
        &[
            ("inputs.paths", "examples/broken"),
            ("inputs.sarif", &sarif_arg),
        ],
    );
    // The step itself succeeds, so the diff and the SARIF upload still run…
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.outputs["exit-code"], "1");
    assert!(
        run.stdout.contains("::error "),
        "annotations expected:\n{}",
        run.stdout
    );
    let sarif = sarif(&sarif_path);
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );

    // …and the last step fails the job.
    let fail = run_step(&tmp, "verdict", &[("steps.check.outputs.exit-code", "1")]);
    assert_eq!(fail.code, 1, "{}{}", fail.stdout, fail.stderr);
    assert!(
        fail.stdout.contains("::error title=journeyc::"),
        "{}",
        fail.stdout
    );
}

#[test]
fn action_check_step_stops_on_a_usage_error() {
    let tmp = TempDir::new("action-usage");
    let run = run_step(
        &tmp,
        "check",
        &[("inputs.paths", "no/such/journey"), ("inputs.sarif", "")],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("journeyc could not check the journeys"),
        "{}",
        run.stdout
    );
}

#[test]
fn action_diff_step_writes_the_comment_body() {
    let tmp = TempDir::new("action-diff");
    let run = run_step(
        &tmp,
        "diff",
        &[
            ("inputs.paths", "examples/msp-finance"),
            ("inputs.against", "examples/msp-finance"),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.outputs["exit-code"], "0");
    let markdown =
        std::fs::read_to_string(&run.outputs["diff-markdown"]).expect("markdown written");
    assert!(!markdown.trim().is_empty());
    let summary = std::fs::read_to_string(tmp.path().join("summary.md")).expect("job summary");
    assert_eq!(
        summary, markdown,
        "the change summary goes to the job summary too"
    );
}

#[test]
fn action_diff_step_skips_without_a_base() {
    let tmp = TempDir::new("action-nobase");
    let run = run_step(
        &tmp,
        "diff",
        &[
            ("inputs.paths", "examples/msp-finance"),
            ("inputs.against", ""),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.outputs["diff-markdown"], "");
    assert!(
        run.stdout.contains("skipping journeyc diff"),
        "{}",
        run.stdout
    );
}

/// A stand-in for the `gh` CLI: it logs each call, lists the comment ids in
/// `$EXISTING` and fails posting when `$POST_FAILS` is set.
const FAKE_GH: &str = r#"#!/bin/bash
printf '%s\n' "$*" >> "$RUNNER_TEMP/gh.log"
case "$*" in
  *--paginate*) if [ -n "${EXISTING:-}" ]; then printf '%s\n' $EXISTING; fi ;;
  *) if [ -n "${POST_FAILS:-}" ]; then echo "HTTP 403" >&2; exit 1; fi ;;
esac
"#;

/// Run the comment step with the fake `gh`; returns the run and its calls.
fn run_comment_step(existing: &str, post_fails: bool) -> (steps::StepRun, String) {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new("action-comment");
    let gh = tmp.write("bin/gh", FAKE_GH);
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let markdown = tmp.write("diff.md", "## Journey changes\n\nNo changes.\n");
    let markdown = markdown.to_string_lossy();
    // The fake `gh` reads EXISTING and POST_FAILS from the environment.
    let run = steps::run_step_with_env(
        &tmp,
        "comment",
        &[
            ("github.repository", "acme/journeys"),
            ("github.event.pull_request.number", "42"),
            ("steps.diff.outputs.diff-markdown", &markdown),
        ],
        &[
            ("EXISTING", existing),
            ("POST_FAILS", if post_fails { "1" } else { "" }),
        ],
    );
    let body = std::fs::read_to_string(tmp.path().join("journeyc-comment.md")).expect("body");
    assert_eq!(
        body,
        "<!-- journeyc-diff -->\n## Journey changes\n\nNo changes.\n"
    );
    let calls = std::fs::read_to_string(tmp.path().join("gh.log")).unwrap_or_default();
    (run, calls)
}

#[test]
fn action_comment_step_posts_one_comment_and_then_updates_it() {
    let (run, calls) = run_comment_step("", false);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        calls.contains("api --method POST repos/acme/journeys/issues/42/comments"),
        "{calls}"
    );

    let (run, calls) = run_comment_step("1001 1002", false);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        calls.contains("api --method PATCH repos/acme/journeys/issues/comments/1001"),
        "{calls}"
    );
    assert!(!calls.contains("POST"), "{calls}");
}

#[test]
fn action_comment_step_warns_instead_of_failing_without_permission() {
    let (run, _) = run_comment_step("", true);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("::warning title=journeyc::"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("pull-requests: write"),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------- example workflow

#[test]
fn example_workflow_wires_the_action_correctly() {
    let workflow = load_yaml("examples/ci/journeys.yml");
    let action = action();
    assert!(workflow["on"].get("pull_request").is_some());
    assert_eq!(
        workflow["on"]["push"]["branches"],
        serde_json::json!(["main"])
    );
    assert_eq!(workflow["permissions"]["security-events"], "write");
    assert_eq!(workflow["permissions"]["pull-requests"], "write");

    let jobs = workflow["jobs"].as_object().expect("jobs");
    assert_eq!(jobs.len(), 1);
    let steps = jobs.values().next().expect("a job")["steps"]
        .as_array()
        .expect("steps")
        .clone();
    let uses = |prefix: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)))
            .unwrap_or_else(|| panic!("no step uses {prefix}"))
            .clone()
    };

    let checkout = uses("actions/checkout@");
    assert_eq!(
        checkout["with"]["fetch-depth"], 0,
        "the diff needs the base commit"
    );

    let ours = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.contains("/journeyc@")))
        .expect("a step uses the journeyc action");
    let id = ours["id"].as_str().expect("the journeyc step has an id");
    let inputs = action["inputs"].as_object().expect("inputs");
    for key in ours["with"].as_object().expect("with").keys() {
        assert!(
            inputs.contains_key(key),
            "the workflow passes unknown input `{key}`"
        );
    }
    assert_eq!(ours["with"]["comment"], "true");

    let upload = uses("github/codeql-action/upload-sarif@");
    assert_eq!(
        upload["with"]["sarif_file"],
        format!("${{{{ steps.{id}.outputs.sarif-file }}}}")
    );
    assert!(action["outputs"].get("sarif-file").is_some());
    assert!(
        upload["if"]
            .as_str()
            .is_some_and(|c| c.contains("always()")),
        "findings must be uploaded when the check step failed"
    );
}

// ------------------------------------------------------- .pre-commit-hooks.yaml

fn hooks() -> Vec<Value> {
    load_yaml(".pre-commit-hooks.yaml")
        .as_array()
        .expect("a list of hooks")
        .clone()
}

fn hook(id: &str) -> Value {
    hooks()
        .into_iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no hook `{id}`"))
}

/// Whether the hook's `files` pattern selects `path`. pre-commit searches
/// with Python's `re`; JSON Schema's `pattern` is also an unanchored search,
/// and the pattern uses only syntax both dialects read the same way.
fn hook_selects(hook: &Value, path: &str) -> bool {
    let pattern = hook["files"].as_str().expect("files");
    let schema = serde_json::json!({ "type": "string", "pattern": pattern });
    jsonschema::is_valid(&schema, &Value::String(path.to_owned()))
}

#[test]
fn hooks_have_the_required_keys() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids, ["journeyc-check", "journeyc-check-all"]);
    for hook in &hooks {
        for key in [
            "id",
            "name",
            "entry",
            "description",
            "minimum_pre_commit_version",
        ] {
            assert!(
                hook[key].as_str().is_some_and(|v| !v.trim().is_empty()),
                "hook {} lacks `{key}`",
                hook["id"]
            );
        }
        assert_eq!(hook["language"], "rust");
        assert_eq!(hook["entry"], "journeyc check");
        // Graph checks span files: one process must see them all.
        assert_eq!(hook["require_serial"], true);
    }
    let all = hook("journeyc-check-all");
    assert_eq!(all["pass_filenames"], false);
    assert_eq!(all["always_run"], true);
    assert!(hook("journeyc-check").get("pass_filenames").is_none());
}

#[test]
fn check_hook_selects_journey_files_and_the_configuration() {
    let hook = hook("journeyc-check");
    for path in [
        "x.journey.yaml",
        "journeys/finance/stages.journey.yml",
        "journeyc.toml",
        "sub/journeyc.toml",
    ] {
        assert!(hook_selects(&hook, path), "`{path}` should run the hook");
    }
    for path in [
        "x.yaml",
        "journey.yaml",
        "x.journey.yaml.bak",
        "myjourneyc.toml",
        "README.md",
    ] {
        assert!(
            !hook_selects(&hook, path),
            "`{path}` should not run the hook"
        );
    }
}

/// Run a hook as pre-commit would: its entry split on whitespace, its
/// `args`, then (unless `pass_filenames: false`) the selected files.
fn run_hook(hook: &Value, cwd: &std::path::Path, files: &[String]) -> support::Run {
    let entry = hook["entry"].as_str().expect("entry");
    let mut words: Vec<String> = entry.split_whitespace().map(str::to_owned).collect();
    assert_eq!(
        words.remove(0),
        "journeyc",
        "the entry runs the journeyc binary"
    );
    if let Some(args) = hook["args"].as_array() {
        words.extend(args.iter().filter_map(|a| a.as_str().map(str::to_owned)));
    }
    if hook["pass_filenames"] != false {
        words.extend(files.iter().filter(|f| hook_selects(hook, f)).cloned());
    }
    let args: Vec<&str> = words.iter().map(String::as_str).collect();
    journeyc(cwd, &args)
}

/// The files of a repository directory, as repository-relative paths.
fn files_in(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .expect("read directory")
        .flatten()
        .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
        .collect();
    files.sort();
    files
}

#[test]
fn check_hook_passes_a_clean_journey_and_fails_a_broken_one() {
    let hook = hook("journeyc-check");
    let clean = run_hook(&hook, &root(), &files_in("examples/msp-finance"));
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    let broken = run_hook(&hook, &root(), &files_in("examples/broken"));
    assert_eq!(broken.code, 1, "{}{}", broken.stdout, broken.stderr);

    // One changed file checks its whole journey: the problem between files
    // is found from the file that is fine on its own.
    let one = run_hook(
        &hook,
        &root(),
        &["examples/msp-finance/stages.journey.yaml".to_owned()],
    );
    assert_eq!(one.code, 0, "{}{}", one.stdout, one.stderr);
    assert!(one.stdout.contains("(6 files)"), "{}", one.stdout);
}

/// A repository with a journeyc.toml that lists one clean journey, and a
/// broken journey elsewhere that the configuration does not list.
fn configured_repository() -> TempDir {
    let repo = TempDir::new("hooks-config");
    repo.write("journeyc.toml", "journeys = [\"journeys\"]\n");
    for file in files_in("examples/msp-finance") {
        let text = std::fs::read(root().join(&file)).expect("read example");
        let name = file.rsplit('/').next().expect("file name");
        repo.write(&format!("journeys/finance/{name}"), text);
    }
    for file in files_in("examples/broken") {
        let text = std::fs::read(root().join(&file)).expect("read example");
        let name = file.rsplit('/').next().expect("file name");
        repo.write(&format!("scratch/{name}"), text);
    }
    repo
}

#[test]
fn check_hook_accepts_a_changed_configuration() {
    // A commit that changes only journeyc.toml passes just that file name;
    // it must check the journeys the configuration lists.
    let repo = configured_repository();
    let run = run_hook(
        &hook("journeyc-check"),
        repo.path(),
        &["journeyc.toml".to_owned()],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("checked 1 journey"), "{}", run.stdout);
}

#[test]
fn check_all_hook_checks_the_configured_journeys() {
    let hook = hook("journeyc-check-all");
    let repo = configured_repository();
    let run = run_hook(&hook, repo.path(), &["README.md".to_owned()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("checked 1 journey"), "{}", run.stdout);

    // Without a configuration it checks everything below the root.
    let clean = run_hook(&hook, &root().join("examples/msp-finance"), &[]);
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    let broken = run_hook(&hook, &root().join("examples/broken"), &[]);
    assert_eq!(broken.code, 1, "{}{}", broken.stdout, broken.stderr);
}

// ------------------------------------------------------------ journeyc schema

#[test]
fn schema_defaults_to_the_journey_schema() {
    let published =
        std::fs::read_to_string(root().join("schemas/journey.schema.json")).expect("schema");
    for args in [&["schema"][..], &["schema", "journey"]] {
        let run = journeyc(&root(), args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, published, "journeyc {args:?}");
    }
}

#[test]
fn schema_prints_the_deal_schema() {
    let run = journeyc(&root(), &["schema", "deal"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let published =
        std::fs::read_to_string(root().join("schemas/deal.schema.json")).expect("schema");
    assert_eq!(run.stdout, published);
}

#[test]
fn schema_rejects_an_unknown_kind() {
    let run = journeyc(&root(), &["schema", "nope"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("possible values: journey, deal"),
        "{}",
        run.stderr
    );
}

#[test]
fn schema_help_says_how_to_use_it() {
    let run = journeyc(&root(), &["schema", "--help"]);
    assert_eq!(run.code, 0);
    for needle in [
        "yaml-language-server: $schema=",
        "yaml.schemas",
        "SchemaStore",
        "journeyc schema deal",
    ] {
        assert!(
            run.stdout.contains(needle),
            "help lacks `{needle}`:\n{}",
            run.stdout
        );
    }
}
