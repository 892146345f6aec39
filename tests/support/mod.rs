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
    let expected = std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; run with JOURNEYC_BLESS=1 to create it", full.display()));
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
            expected.lines().skip(first_diff).take(5).collect::<Vec<_>>().join("\n"),
            actual.lines().skip(first_diff).take(5).collect::<Vec<_>>().join("\n"),
        );
    }
}
