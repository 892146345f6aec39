#![allow(unsafe_code)] // one wait4 call to read each child's peak memory

//! Benchmark of journeyc's commands as whole processes, on synthetic
//! journeys of three sizes and on the shipped example: `check` (human and
//! SARIF output), `check` of a segment overlay on each synthetic journey,
//! `build` with every target, and `diff` against a version one percent
//! larger.
//!
//! Run with `cargo bench --bench commands`. It writes the synthetic journeys
//! to `target/bench-journeys/`, runs the release binary several times on
//! each, and prints the median wall time and the peak resident memory of the
//! child processes. Nothing here asserts a time: the figures are for people.

#[path = "../tests/support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The first argument that makes this binary write one synthetic journey
/// instead of running the benchmark (see [`generate`]).
const GENERATE: &str = "--generate-journey";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, touchpoints, dir] = args.as_slice()
        && flag == GENERATE
    {
        let touchpoints = touchpoints.parse().expect("a touchpoint count");
        write_journey(Path::new(dir), &synth::generate(touchpoints));
        return;
    }

    let binary = PathBuf::from(env!("CARGO_BIN_EXE_journeyc"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-journeys");

    let mut cases: Vec<(String, PathBuf, Option<Variants>)> = vec![(
        "example (examples/msp-finance)".into(),
        root.join("examples/msp-finance"),
        None,
    )];
    for (label, touchpoints) in [("small", 20), ("medium", 4_000), ("large", 100_000)] {
        let dir = generate(&out.join(label), touchpoints);
        let grown = generate(
            &out.join(format!("{label}-grown")),
            touchpoints + touchpoints / 100,
        );
        let size = std::fs::metadata(dir.join(JOURNEY_FILE))
            .expect("read the synthetic journey")
            .len();
        let overlay = out.join(format!("{label}-overlay"));
        std::fs::create_dir_all(&overlay).expect("create bench directory");
        std::fs::write(
            overlay.join("overlay.journey.yaml"),
            format!("overlay: {{ base: ../{label} }}\n{OVERLAY}"),
        )
        .expect("write overlay");
        cases.push((
            format!("{label} ({touchpoints} touchpoints, {} KB)", size / 1024),
            dir,
            Some((grown, overlay)),
        ));
    }

    let build_out = out.join("out");
    println!(
        "{:<22} {:<44} {:>10} {:>10} {:>10}",
        "command", "journey", "median", "fastest", "peak RSS"
    );
    for command in [
        "check",
        "check --format sarif",
        "check (overlay)",
        "build",
        "diff",
    ] {
        for (label, dir, variants) in &cases {
            let mut cmd = Command::new(&binary);
            cmd.env("NO_COLOR", "1").stdout(std::process::Stdio::null());
            match (command, variants) {
                ("check", _) => {
                    cmd.arg("check").arg(dir);
                }
                ("check --format sarif", _) => {
                    cmd.args(["check", "--format", "sarif"]).arg(dir);
                }
                ("check (overlay)", Some((_, overlay))) => {
                    cmd.arg("check").arg(overlay);
                }
                ("build", _) => {
                    // Every target, so each emitter is measured.
                    cmd.arg("build").arg(dir).arg("--out").arg(&build_out);
                    for target in [
                        "hubspot",
                        "salesforce",
                        "connectwise",
                        "autotask",
                        "events",
                        "docs",
                    ] {
                        cmd.arg("--target").arg(target);
                    }
                }
                ("diff", Some((grown, _))) => {
                    cmd.arg("diff").arg("--against").arg(dir).arg(grown);
                }
                _ => continue,
            }
            let runs = if label.starts_with("large") { 3 } else { 10 };
            let mut times = Vec::new();
            let mut peak_kb = 0;
            for _ in 0..runs {
                let (elapsed, peak, ok) = run_once(&mut cmd);
                assert!(ok, "journeyc {command} failed on {label}");
                times.push(elapsed);
                peak_kb = peak_kb.max(peak);
            }
            times.sort();
            println!(
                "{:<22} {:<44} {:>10} {:>10} {:>7} MB",
                command,
                label,
                fmt(times[times.len() / 2]),
                fmt(times[0]),
                peak_kb / 1024
            );
        }
    }
}

/// Beside a synthetic journey: the same journey one percent larger (what
/// `diff` compares it with) and an overlay of it.
type Variants = (PathBuf, PathBuf);

/// What the benchmark overlays change in their base: one field, one new
/// touchpoint. Merging still reads and rebuilds the whole base.
const OVERLAY: &str = "journey: { id: synthetic-variant, name: Variant, owner: owner-0 }
update:
  touchpoints:
    - { id: touchpoint-1, owner: owner-2 }
add:
  touchpoints:
    - id: touchpoint-variant
      name: Touchpoint of the variant
      stage: onboarding
      function: service
      artifact: Variant report
      owner: owner-1
      system: psa
      event: event-1
      primary_role: cfo
      heat: { pain: 1, delight: 1, moment_of_truth: 1 }
";

/// The file name of a synthetic journey in its directory.
const JOURNEY_FILE: &str = "synthetic.journey.yaml";

/// Write a synthetic journey of `touchpoints` touchpoints into `dir` from a
/// child process of this binary; returns `dir`.
///
/// Not in this process: on Linux a child's peak memory (`ru_maxrss`)
/// includes what it inherited from its parent before `exec`, so a
/// benchmark holding a 28 MB journey text would add that to every figure.
fn generate(dir: &Path, touchpoints: usize) -> PathBuf {
    let status = Command::new(std::env::current_exe().expect("the benchmark binary"))
        .arg(GENERATE)
        .arg(touchpoints.to_string())
        .arg(dir)
        .status()
        .expect("start the journey generator");
    assert!(status.success(), "generating a synthetic journey failed");
    dir.to_path_buf()
}

/// Write one synthetic journey file into `dir`.
fn write_journey(dir: &Path, text: &str) {
    std::fs::create_dir_all(dir).expect("create bench directory");
    std::fs::write(dir.join(JOURNEY_FILE), text).expect("write synthetic journey");
}

/// Run a command to completion; its wall time, its own peak resident
/// memory in KB (from `wait4`), and whether it succeeded.
fn run_once(cmd: &mut Command) -> (Duration, u64, bool) {
    let started = Instant::now();
    // The child is reaped by wait4 below, which std cannot see.
    #[allow(clippy::zombie_processes)]
    let child = cmd.spawn().expect("start journeyc");
    let pid = i32::try_from(child.id()).expect("pid fits");
    let mut status = 0;
    // SAFETY: wait4 writes only into the status and the zeroed struct we own;
    // the child is reaped here, so `child` is never waited on again.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &mut status, 0, &mut usage);
        usage
    };
    let elapsed = started.elapsed();
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (elapsed, u64::try_from(usage.ru_maxrss).unwrap_or(0), ok)
}

fn fmt(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
