#![allow(unsafe_code)] // one getrusage call to read the children's peak memory

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

    println!(
        "{:<48} {:>10} {:>10} {:>12}",
        "journey", "median", "min", "peak RSS"
    );
    for (label, dir) in cases {
        let runs = if label.starts_with("large") { 3 } else { 10 };
        let mut times = Vec::new();
        let mut peak_kb = 0;
        for _ in 0..runs {
            let started = Instant::now();
            let status = Command::new(&binary)
                .arg("check")
                .arg(&dir)
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::null())
                .status()
                .expect("run journeyc");
            times.push(started.elapsed());
            assert!(status.success(), "journeyc check failed on {label}");
            peak_kb = peak_kb.max(peak_rss_kb());
        }
        times.sort();
        println!(
            "{:<48} {:>10} {:>10} {:>9} MB",
            label,
            fmt(times[times.len() / 2]),
            fmt(times[0]),
            peak_kb / 1024
        );
    }
}

fn fmt(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The largest resident set of any child waited for so far, in KB.
fn peak_rss_kb() -> u64 {
    // SAFETY: getrusage only writes into the zeroed struct we own.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    u64::try_from(usage.ru_maxrss).unwrap_or(0)
}
