//! Helpers shared by the integration tests.
#![allow(dead_code)] // Each test crate uses a different subset.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compare `actual` with the committed file at `path` (relative to the
/// repository root). With `JOURNEYC_BLESS=1` the file is rewritten instead,
/// which is how goldens and snapshots are regenerated.
pub fn assert_golden(path: impl AsRef<Path>, actual: &str) {
    let full = root().join(path.as_ref());
    if std::env::var_os("JOURNEYC_BLESS").is_some() {
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("create golden directory");
        }
        std::fs::write(&full, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&full).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run with JOURNEYC_BLESS=1 to create it",
            full.display()
        )
    });
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} is out of date (first difference at line {}).\n--- expected\n{}\n--- actual\n{}\nRun `JOURNEYC_BLESS=1 cargo test` to update it, then review the diff.",
            full.display(),
            first_diff + 1,
            expected
                .lines()
                .skip(first_diff)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
            actual
                .lines()
                .skip(first_diff)
                .take(5)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}

pub mod synth;
pub mod template_probe;

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("journeyc-test-{}-{label}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Write a file relative to the directory, creating parents.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, content).expect("write file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The day every test checks journeys on (`JOURNEYC_TODAY`), so findings
/// about review dates do not change with the calendar. Every review date in
/// the examples and fixtures is after it, unless a case is about one that
/// has passed.
pub const TODAY: &str = "2026-12-01";

/// [`TODAY`] as the library takes it.
pub fn today() -> journeyc::dates::CivilDate {
    journeyc::dates::CivilDate::parse(TODAY).expect("TODAY is a date")
}

/// Run the `journeyc` binary with arguments in a working directory, without
/// colour, at a fixed width and on a fixed day, as the snapshots expect.
pub fn journeyc(cwd: &Path, args: &[&str]) -> Run {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_journeyc"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("JOURNEYC_TODAY", TODAY)
        .output()
        .expect("run journeyc");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// True when the run was asked to rewrite expected outputs
/// (`JOURNEYC_BLESS=1`) instead of comparing against them.
pub fn blessing() -> bool {
    std::env::var_os("JOURNEYC_BLESS").is_some()
}

/// Check a journey directory of the repository (such as
/// `examples/msp-finance`) and return its sources and the assembled journey.
/// Panics with the rendered problems if it does not check cleanly.
pub fn load_journey(dir: &str) -> (journeyc::source::SourceSet, journeyc::model::Journey) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("read journey directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".journey.yaml"))
        .collect();
    paths.sort();
    let mut sources = journeyc::source::SourceSet::new();
    let ids: Vec<_> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("read journey file");
            let name = format!(
                "{dir}/{}",
                p.file_name().expect("file name").to_string_lossy()
            );
            sources.add(journeyc::source::SourceFile::new(name, text))
        })
        .collect();
    let checked = journeyc::check_journey(&sources, &ids, Vec::new());
    let problems: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| journeyc::render::concise(&sources, d))
        .collect();
    assert!(
        problems.is_empty(),
        "{dir} does not check cleanly:\n{}",
        problems.join("\n")
    );
    let journey = checked.journey.expect("a clean journey is assembled");
    (sources, journey)
}

/// Whether an external tool that some tests drive (xmllint, chromium) is
/// installed. CI installs them (see `.ci/run`) and must not skip: there a
/// missing tool fails the test. Elsewhere the test is skipped with a note.
pub fn require_tool(tool: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "`{tool}` is required in CI; .ci/run installs it"
        );
        eprintln!("note: `{tool}` is not installed; skipping this check (CI runs it)");
    }
    found
}

/// Chromium's arguments for a quiet, offline, throw-away headless run: no
/// background networking (this machine has no network), a fresh profile,
/// console messages logged to stderr so tests can read them.
pub fn chromium(profile: &Path) -> std::process::Command {
    let mut command = std::process::Command::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The lines in which Chromium reports console output or a script error.
/// The generated pages have no scripts, so any such line is a fault
/// (`tests/build_docs/browser.rs` checks Chromium still logs them this way).
pub fn console_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// The files one target builds for a journey, by path; panics with the
/// rendered problems when the build is refused.
pub fn build_target(
    journey: &journeyc::model::Journey,
    sources: &mut journeyc::source::SourceSet,
    target: journeyc::build::Target,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let templates = journeyc::build::Templates::default();
    match journeyc::build::build(journey, &[target], &templates, sources) {
        Ok(artifacts) => artifacts
            .into_iter()
            .map(|a| (a.path, a.contents))
            .collect(),
        Err(problems) => {
            let lines: Vec<String> = problems
                .iter()
                .map(|d| journeyc::render::concise(sources, d))
                .collect();
            panic!("the journey does not build:\n{}", lines.join("\n"))
        }
    }
}

/// The problems that refuse a build; panics when the build succeeds.
pub fn build_problems(
    journey: &journeyc::model::Journey,
    sources: &mut journeyc::source::SourceSet,
    target: journeyc::build::Target,
) -> Vec<journeyc::diagnostic::Diagnostic> {
    match journeyc::build::build(
        journey,
        &[target],
        &journeyc::build::Templates::default(),
        sources,
    ) {
        Ok(_) => panic!("the {target:?} build succeeded but a problem was expected"),
        Err(problems) => problems,
    }
}

/// Load a page in headless Chromium and return the DOM it rendered, failing
/// the test if Chromium fails or logs anything to the console.
pub fn rendered_dom(page: &Path, profile: &Path) -> String {
    let url = format!("file://{}", page.display());
    let run = chromium(profile)
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("run chromium");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "chromium failed:\n{stderr}");
    assert!(
        console_lines(&stderr).is_empty(),
        "console errors: {:?}",
        console_lines(&stderr)
    );
    String::from_utf8_lossy(&run.stdout).into_owned()
}
