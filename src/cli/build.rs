//! `journeyc build [PATH…] --out DIR`: compile journeys into artifacts.
//!
//! Nothing is written unless every journey checks without errors and every
//! artifact is generated. Writing is atomic: the new output is written to a
//! sibling directory and swapped in with renames, so a failure leaves the
//! previous output untouched. `--check` writes nothing and lists the files
//! that differ from what would be written.

use std::fs;
use std::path::{Path, PathBuf};

use journeyc::build::{Artifact, Target, Templates};

use super::discover::discover;
use super::output;
use super::read::{print_diagnostics, read_journey};
use crate::Outcome;

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
    #[command(flatten)]
    config: super::policy::ConfigArgs,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let policy = super::policy::Policy::load(&args.config)?;
    let paths = if args.paths.is_empty() {
        policy.default_paths()
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
    let today = super::today()?;
    for files in &journeys {
        let (mut sources, early) = read_journey(files)?;
        let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
        let checked = journeyc::check_journey_on(&sources, &ids, early, Some(today));
        // The project's severities and suppressions decide what blocks a build.
        let diagnostics = policy.apply(&sources, checked.diagnostics, !checked.rules_skipped);
        print_diagnostics(&sources, &diagnostics, style);
        let has_errors = diagnostics.iter().any(|d| d.is_error());
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
        return output::compare("build", &args.out, &files);
    }
    output::write_atomically("build", &args.out, &files)?;
    println!("wrote {} files to {}", files.len(), args.out.display());
    Ok(Outcome::Success)
}

/// The shipped templates with the overrides found in `dir`, by file name.
pub fn load_templates(dir: Option<&Path>) -> Result<Templates, String> {
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
