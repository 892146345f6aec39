//! `journeyc build [PATH…] --out DIR`: compile journeys into artifacts.
//!
//! Nothing is written unless every journey checks without errors and every
//! artifact is generated. Writing is atomic: the new output is written to a
//! sibling directory and swapped in with renames, so a failure leaves the
//! previous output untouched. `--check` writes nothing and lists the files
//! that differ from what would be written.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use journeyc::build::{Artifact, Target, Templates};

use super::check::{print_diagnostics, read_journey};
use super::discover::discover;
use crate::Outcome;

/// Written into every output directory, so that a later build knows it may
/// replace the directory.
const MARKER: &str = ".journeyc-build";

#[derive(clap::Args)]
pub struct Args {
    /// Journey directories or files (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output directory. With several journeys, each gets a subdirectory
    /// named after its id.
    #[arg(long, default_value = "build")]
    out: PathBuf,
    /// Generate only these targets (repeatable): hubspot, salesforce,
    /// connectwise, autotask, events, docs. Default: the products named in
    /// the journey's systems, plus events and docs.
    #[arg(long = "target", value_name = "TARGET")]
    targets: Vec<String>,
    /// Directory of templates that replace the shipped ones by file name.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Write nothing; list the files that are missing, stale or extra in the
    /// output directory, and fail if there are any.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let journeys = discover(&paths)?;
    let explicit: Vec<Target> = args
        .targets
        .iter()
        .map(|name| {
            Target::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
                format!("unknown target `{name}`; choose from {}", known.join(", "))
            })
        })
        .collect::<Result<_, _>>()?;
    let templates = load_templates(args.templates.as_deref())?;
    let style = super::style_for_stdout();

    // Check and build everything in memory first.
    let mut outputs: Vec<(String, Vec<Artifact>)> = Vec::new();
    let mut failed = false;
    for files in &journeys {
        let (mut sources, early) = read_journey(files)?;
        let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
        let checked = journeyc::check_journey(&sources, &ids, early);
        print_diagnostics(&sources, &checked.diagnostics, style);
        let has_errors = checked.error_count() > 0;
        let Some(journey) = checked.journey.filter(|_| !has_errors) else {
            println!("not built: `{}` has errors", files.name);
            failed = true;
            continue;
        };
        let targets = if explicit.is_empty() {
            Target::defaults_for(&journey)
        } else {
            explicit.clone()
        };
        match journeyc::build::build(&journey, &targets, &templates, &mut sources) {
            Ok(artifacts) => {
                let id = journey
                    .journey
                    .as_ref()
                    .map_or_else(|| files.name.clone(), |h| h.id.to_string());
                outputs.push((id, artifacts));
            }
            Err(problems) => {
                print_diagnostics(&sources, &problems, style);
                println!("not built: `{}` could not be compiled", files.name);
                failed = true;
            }
        }
    }
    if failed {
        return Ok(Outcome::Findings);
    }

    let single = outputs.len() == 1;
    let files: Vec<(String, Vec<u8>)> = outputs
        .into_iter()
        .flat_map(|(id, artifacts)| {
            artifacts.into_iter().map(move |a| {
                let path = if single {
                    a.path
                } else {
                    format!("{id}/{}", a.path)
                };
                (path, a.contents)
            })
        })
        .collect();

    if args.check {
        return compare(&args.out, &files);
    }
    write_atomically(&args.out, &files)?;
    println!("wrote {} files to {}", files.len(), args.out.display());
    Ok(Outcome::Success)
}

fn load_templates(dir: Option<&Path>) -> Result<Templates, String> {
    let mut templates = Templates::default();
    let Some(dir) = dir else { return Ok(templates) };
    let entries = fs::read_dir(dir)
        .map_err(|e| format!("cannot read templates directory `{}`: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read template `{}`: {e}", path.display()))?;
        if !templates.add_override(&name, path.display().to_string(), text) {
            let known: Vec<&str> = journeyc::build::templates::EMBEDDED
                .iter()
                .map(|(n, _)| *n)
                .collect();
            return Err(format!(
                "`{}` does not replace any template; template names are: {}",
                path.display(),
                known.join(", ")
            ));
        }
    }
    Ok(templates)
}

/// Compare what would be written with the output directory.
fn compare(out: &Path, files: &[(String, Vec<u8>)]) -> Result<Outcome, String> {
    let mut problems = Vec::new();
    for (path, contents) in files {
        match fs::read(out.join(path)) {
            Ok(existing) if &existing == contents => {}
            Ok(_) => problems.push(format!("stale:   {path}")),
            Err(_) => problems.push(format!("missing: {path}")),
        }
    }
    let expected: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    for extra in existing_files(out) {
        if extra != MARKER && !expected.contains(extra.as_str()) {
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
        "{} is out of date: {} of {} files differ; run `journeyc build` and commit the result",
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

/// Write the files into a fresh sibling directory, then swap it in. The old
/// output is only removed once the new one is in place.
fn write_atomically(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    if out.exists()
        && !out.join(MARKER).is_file()
        && fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(format!(
            "`{}` exists and was not written by journeyc build; choose another --out or empty it",
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
        .unwrap_or("build")
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
            staging.join(MARKER),
            "written by journeyc build; the whole directory is replaced on every build\n",
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
