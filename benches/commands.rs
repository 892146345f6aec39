#![allow(unsafe_code)] // one wait4 call to read each child's peak memory

//! Benchmark of `journeyc check` as whole processes, on synthetic journeys of
//! three sizes and on the shipped example.
//!
//! Run with `cargo bench --bench check`. It writes the synthetic journeys to
//! `target/bench-journeys/`, runs the release binary several times on each,
//! and prints the median wall time and the peak resident memory of the child
//! processes. Nothing here asserts a time: the figures are for people.

#[path = "../tests/support/synth.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_journeyc"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/bench-journeys");

    let mut cases: Vec<(String, PathBuf)> = vec![(
        "example (examples/msp-finance)".into(),
        root.join("examples/msp-finance"),
    )];
    for (label, touchpoints) in [("small", 20), ("medium", 4_000), ("large", 100_000)] {
        let dir = out.join(label);
        std::fs::create_dir_all(&dir).expect("create bench directory");
        let text = synth::generate(touchpoints);
        let file = dir.join("synthetic.journey.yaml");
        std::fs::write(&file, &text).expect("write synthetic journey");
        cases.push((
            format!(
                "{label} ({touchpoints} touchpoints, {} KB)",
                text.len() / 1024
            ),
            dir,
        ));
    }

    let build_out = out.join("out");
    println!(
        "{:<8} {:<44} {:>10} {:>10} {:>10}",
        "command", "journey", "median", "fastest", "peak RSS"
    );
    for command in ["check", "build"] {
        for (label, dir) in &cases {
            let runs = if label.starts_with("large") { 3 } else { 10 };
            let mut times = Vec::new();
            let mut peak_kb = 0;
            for _ in 0..runs {
                let mut cmd = Command::new(&binary);
                cmd.arg(command).arg(dir).env("NO_COLOR", "1");
                cmd.stdout(std::process::Stdio::null());
                if command == "build" {
                    // Every target, so each emitter is measured.
                    cmd.arg("--out").arg(&build_out);
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
                let (elapsed, peak, ok) = run_once(&mut cmd);
                assert!(ok, "journeyc {command} failed on {label}");
                times.push(elapsed);
                peak_kb = peak_kb.max(peak);
            }
            times.sort();
            println!(
                "{:<8} {:<44} {:>10} {:>10} {:>7} MB",
                command,
                label,
                fmt(times[times.len() / 2]),
                fmt(times[0]),
                peak_kb / 1024
            );
        }
    }
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
