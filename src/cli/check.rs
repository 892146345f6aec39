//! `journeyc check [PATH…]`: check journeys and print every diagnostic,
//! then a one-line summary.

use std::path::PathBuf;

use super::discover::discover;
use super::read::{print_diagnostics, read_journey};
use crate::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// Journey directories or files. Directories are searched recursively
    /// for `*.journey.yaml` files; the default is the current directory.
    paths: Vec<PathBuf>,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let journeys = discover(&paths)?;
    let style = super::style_for_stdout();

    let mut errors = 0;
    let mut warnings = 0;
    let mut file_count = 0;
    let mut notes = Vec::new();
    for journey in &journeys {
        let (sources, early) = read_journey(journey)?;
        file_count += sources.len();
        let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
        let checked = journeyc::check_journey(&sources, &ids, early);
        print_diagnostics(&sources, &checked.diagnostics, style);
        errors += checked.error_count();
        warnings += checked.warning_count();
        if checked.rules_skipped {
            notes.push(format!(
                "note: the rules were not run on `{}` because its files have structural errors; fix those first",
                journey.name
            ));
        }
    }
    for note in notes {
        println!("{note}");
    }
    println!("{}", summary(journeys.len(), file_count, errors, warnings));
    Ok(if errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

fn summary(journeys: usize, files: usize, errors: usize, warnings: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let checked = format!(
        "checked {} ({})",
        plural(journeys, "journey", "journeys"),
        plural(files, "file", "files")
    );
    if errors == 0 && warnings == 0 {
        format!("{checked}: no problems found")
    } else {
        format!(
            "{checked}: {}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        )
    }
}
