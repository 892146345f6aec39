//! Writing generated files, shared by `build` and `handoff`.
//!
//! Writing is atomic: the new output is written to a sibling directory and
//! swapped in with renames, so a failure leaves the previous output
//! untouched. Each command leaves a marker file in its output directory, and
//! only replaces a directory that holds its own marker (or an empty one): an
//! `--out` pointing at the wrong place never deletes someone's files.
//! `compare` backs `--check`: it writes nothing and lists the files that
//! differ from what would be written.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::Outcome;

/// The marker a command writes into its output directory, such as
/// `.journeyc-build`.
fn marker(command: &str) -> String {
    format!(".journeyc-{command}")
}

/// Compare what `journeyc COMMAND` would write with the output directory.
pub fn compare(command: &str, out: &Path, files: &[(String, Vec<u8>)]) -> Result<Outcome, String> {
    let mut problems = Vec::new();
    for (path, contents) in files {
        match fs::read(out.join(path)) {
            Ok(existing) if &existing == contents => {}
            Ok(_) => problems.push(format!("stale:   {path}")),
            Err(_) => problems.push(format!("missing: {path}")),
        }
    }
    let marker = marker(command);
    let expected: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    for extra in existing_files(out) {
        if extra != marker && !expected.contains(extra.as_str()) {
            problems.push(format!("extra:   {extra}"));
        }
    }
    if problems.is_empty() {
        println!("{} is up to date ({} files)", out.display(), files.len());
        return Ok(Outcome::Success);
    }
    for p in &problems {
        println!("{p}");
    }
    println!(
        "{} is out of date: {} of {} files differ; run `journeyc {command}` and commit the result",
        out.display(),
        problems.len(),
        files.len()
    );
    Ok(Outcome::Findings)
}

/// Every file under `dir`, as `/`-separated relative paths, sorted.
fn existing_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let Ok(entries) = fs::read_dir(dir.join(&rel)) else {
            continue;
        };
        for entry in entries.flatten() {
            let child = rel.join(entry.file_name());
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(child),
                Ok(t) if t.is_file() => found.push(child.to_string_lossy().replace('\\', "/")),
                _ => {}
            }
        }
    }
    found.sort();
    found
}

/// Write the files of `journeyc COMMAND` into a fresh sibling directory,
/// then swap it in. The old output is only removed once the new one is in
/// place.
pub fn write_atomically(
    command: &str,
    out: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<(), String> {
    let marker = marker(command);
    if out.exists()
        && !out.join(&marker).is_file()
        && fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "`{}` exists and was not written by journeyc {command}; choose another --out or empty it",
            out.display()
        ));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(command)
        .to_owned();
    fs::create_dir_all(&parent)
        .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    let staging = parent.join(format!(".{name}.journeyc-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.journeyc-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);

    let result = (|| {
        fs::create_dir_all(&staging)
            .map_err(|e| format!("cannot create `{}`: {e}", staging.display()))?;
        for (path, contents) in files {
            let target = staging.join(path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
            }
            fs::write(&target, contents)
                .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
        }
        fs::write(
            staging.join(&marker),
            format!(
                "written by journeyc {command}; the whole directory is replaced on every run\n"
            ),
        )
        .map_err(|e| format!("cannot write into `{}`: {e}", staging.display()))?;
        if out.exists() {
            fs::rename(out, &retired)
                .map_err(|e| format!("cannot move the old `{}` aside: {e}", out.display()))?;
        }
        if let Err(e) = fs::rename(&staging, out) {
            // Put the previous output back before reporting.
            let _ = fs::rename(&retired, out);
            return Err(format!(
                "cannot move the new output into `{}`: {e}",
                out.display()
            ));
        }
        let _ = fs::remove_dir_all(&retired);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// Write one file by writing a hidden sibling and renaming it into place,
/// so an interrupted run never leaves half a file behind.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let partial = path.with_file_name(format!(".{name}.partial"));
    fs::write(&partial, bytes).map_err(|e| format!("cannot write `{}`: {e}", partial.display()))?;
    fs::rename(&partial, path).map_err(|e| {
        let _ = fs::remove_file(&partial);
        format!("cannot write `{}`: {e}", path.display())
    })
}
