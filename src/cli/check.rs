//! `journeyc check [PATH…]`: check journeys and print every diagnostic,
//! then a one-line summary.

use std::fs;
use std::path::PathBuf;

use journeyc::codes;
use journeyc::diagnostic::Diagnostic;
use journeyc::load::decode;
use journeyc::render;
use journeyc::source::{SourceFile, SourceSet, Span};

use super::discover::{JourneyFiles, discover};
use crate::Outcome;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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

/// Read the files of a journey. A file that cannot be decoded gets a
/// diagnostic and lossy text, so its problem still renders with a snippet.
pub fn read_journey(journey: &JourneyFiles) -> Result<(SourceSet, Vec<Diagnostic>), String> {
    let mut sources = SourceSet::new();
    let mut early = Vec::new();
    for path in &journey.files {
        let name = path.display().to_string();
        let size = fs::metadata(path)
            .map_err(|e| format!("cannot read `{name}`: {e}"))?
            .len();
        if size > MAX_FILE_BYTES {
            let id = sources.add(SourceFile::new(name.clone(), String::new()));
            early.push(
                Diagnostic::new(
                    &codes::UNREADABLE_FILE,
                    format!(
                        "the file is too large ({} MiB; the limit is {} MiB)",
                        size >> 20,
                        MAX_FILE_BYTES >> 20
                    ),
                    Span::file_start(id),
                    "not read",
                )
                .with_help("split the journey over several files in the same directory"),
            );
            continue;
        }
        let bytes = fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}"))?;
        let id = sources.add(SourceFile::new(name.clone(), String::new()));
        match decode(id, &bytes) {
            Ok(text) => sources.replace_text(id, text),
            Err(d) => {
                // Show the text around an encoding error; a binary file has
                // nothing worth showing.
                if !bytes.contains(&0) {
                    sources.replace_text(id, String::from_utf8_lossy(&bytes).into_owned());
                }
                early.push(*d);
            }
        }
    }
    Ok((sources, early))
}

/// Print diagnostics, each followed by a blank line, in one write.
pub fn print_diagnostics(sources: &SourceSet, diagnostics: &[Diagnostic], style: render::Style) {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render::human(sources, d, style));
        out.push('\n');
    }
    print!("{out}");
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
