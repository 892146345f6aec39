//! Finding journeys on disk.
//!
//! A journey is a directory: every `*.journey.yaml` (or `*.journey.yml`) file
//! directly inside it belongs to it. A directory argument is searched
//! recursively, so `journeyc check` at the root of a repository holding one
//! journey per segment checks them all; hidden directories, `target` and
//! `node_modules` are skipped and symbolic links are not followed. A file
//! argument stands for its whole journey directory when it has the journey
//! suffix (graph checks span files), and for a journey of its own otherwise.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The files of one journey, sorted by name.
#[derive(Debug)]
pub struct JourneyFiles {
    /// How the journey is named in messages: its directory, or its file.
    pub name: String,
    pub files: Vec<PathBuf>,
}

pub fn is_journey_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".journey.yaml") || n.ends_with(".journey.yml"))
}

/// Resolve command-line paths to journeys. Errors are for the user: a path
/// that does not exist, a directory with no journey in it.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<JourneyFiles>, String> {
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut single: Vec<PathBuf> = Vec::new();

    for path in paths {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{}` does not exist", path.display()),
            _ => format!("cannot read `{}`: {e}", path.display()),
        })?;
        if meta.is_dir() {
            let before = by_dir.len();
            let mut found = false;
            walk(path, &mut by_dir, &mut found)?;
            if !found && by_dir.len() == before {
                return Err(format!(
                    "no journey found in `{}`: journey files end in `.journey.yaml`",
                    path.display()
                ));
            }
        } else if is_journey_file(path) {
            let dir = path
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            let mut files = journey_files_in(&dir)?;
            if !files.contains(path) {
                files.push(path.clone());
            }
            by_dir.entry(dir).or_default().extend(files);
        } else {
            single.push(path.clone());
        }
    }

    let mut journeys: Vec<JourneyFiles> = by_dir
        .into_iter()
        .map(|(dir, files)| {
            let dir = without_dot(&dir);
            let mut files: Vec<PathBuf> = files.iter().map(|f| without_dot(f)).collect();
            files.sort();
            files.dedup();
            JourneyFiles {
                name: dir.display().to_string(),
                files,
            }
        })
        .collect();
    single.sort();
    single.dedup();
    journeys.extend(single.into_iter().map(|f| JourneyFiles {
        name: f.display().to_string(),
        files: vec![f],
    }));
    Ok(journeys)
}

/// `path` without a leading `./`, which walking the current directory adds
/// to every name: people and annotations read `journeys/x.journey.yaml`.
/// The current directory itself stays `.`.
fn without_dot(path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.to_path_buf(),
    }
}

/// The journey files directly inside a directory, with `dir` as prefix.
fn journey_files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(dir).map_err(|e| format!("cannot read directory `{}`: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_journey_file(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn walk(
    dir: &Path,
    by_dir: &mut BTreeMap<PathBuf, Vec<PathBuf>>,
    found: &mut bool,
) -> Result<(), String> {
    let files = journey_files_in(dir)?;
    if !files.is_empty() {
        *found = true;
        by_dir.entry(dir.to_path_buf()).or_default().extend(files);
    }
    let entries =
        fs::read_dir(dir).map_err(|e| format!("cannot read directory `{}`: {e}", dir.display()))?;
    let mut subdirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !(name.starts_with('.') || name == "target" || name == "node_modules")
        })
        .collect();
    subdirs.sort();
    for sub in subdirs {
        walk(&sub, by_dir, found)?;
    }
    Ok(())
}
