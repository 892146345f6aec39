//! `journeyc check [PATH…]`: check journeys and report every diagnostic, for
//! people (with snippets and a one-line summary) or for machines (JSON,
//! GitHub annotations, SARIF).
//!
//! The project's `journeyc.toml` and the inline suppressions decide the
//! severity of each finding before it is printed, so the output, the exit
//! code and `--fail-on` all see the same findings.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use journeyc::report::baseline::{self, Baseline};
use journeyc::report::{self, Finding};

use super::discover::discover;
use super::policy::{ConfigArgs, Policy};
use super::read::{print_diagnostics, read_journey};
use crate::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// Journey directories or files. Directories are searched recursively
    /// for `*.journey.yaml` files. Default: the `journeys` of journeyc.toml,
    /// else the current directory. A `journeyc.toml` given as a path stands
    /// for the journeys it lists.
    paths: Vec<PathBuf>,
    /// How to print the findings: `human` (snippets, for people), `json` (a
    /// stable array), `github` (workflow annotations) or `sarif` (SARIF
    /// 2.1.0, for code scanning).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Which findings make the exit code 1: `error` (the default) or
    /// `warning` (errors and warnings).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Record the rule findings of this run in the `baseline` file named in
    /// journeyc.toml, so that later runs leave them out and report only new
    /// ones.
    #[arg(long, conflicts_with_all = ["format", "fail_on"])]
    write_baseline: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Output formats of `journeyc check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

/// The lowest severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let policy = Policy::load(&args.config)?;
    let paths = paths_to_check(&args.paths, &policy);
    let journeys = discover(&paths)?;
    let style = super::style_for_stdout();
    let baseline_file = policy.baseline_file();
    if args.write_baseline && baseline_file.is_none() {
        return Err(
            "`--write-baseline` writes the file named by `baseline` in journeyc.toml; \
                    add a line such as `baseline = \"journeyc-baseline.json\"` to it first"
                .to_owned(),
        );
    }
    let baseline = match &baseline_file {
        Some(file) => read_baseline(file, args.write_baseline)?,
        None => None,
    };
    // While writing, nothing is left out: the file records what is found,
    // keeping the previous file's entries for journeys not checked.
    let (mut leave_out, previous) = if args.write_baseline {
        (None, baseline)
    } else {
        (baseline, None)
    };

    let uri_of = |name: &str| policy.relative_uri(name);
    let mut findings: Vec<Finding> = Vec::new();
    // A base journey checked in the same run as its overlay is read twice;
    // its files count once and its findings are reported once.
    let mut files_seen: HashSet<String> = HashSet::new();
    let mut findings_seen: HashSet<FindingKey> = HashSet::new();
    let mut notes = Vec::new();
    let mut recorded: Vec<Finding> = Vec::new();
    let mut rules_skipped = false;
    let today = super::today()?;
    for journey in &journeys {
        let (sources, early) = read_journey(journey)?;
        files_seen.extend(sources.iter().map(|(_, file)| uri_of(&file.name)));
        let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
        let checked = journeyc::check_journey_on(&sources, &ids, early, Some(today));
        let diagnostics = policy.apply(&sources, checked.diagnostics, !checked.rules_skipped);
        let mut shown = Vec::new();
        let mut new_findings = Vec::new();
        for diagnostic in diagnostics {
            let finding = Finding::new(&sources, &diagnostic, &uri_of);
            if !findings_seen.insert(FindingKey::of(&finding))
                || leave_out.as_mut().is_some_and(|b| b.accepts(&finding))
            {
                continue;
            }
            // While the baseline is written, what it records is not shown:
            // only what it cannot record (problems reading the journey).
            if args.write_baseline && baseline::can_record(&finding) {
                recorded.push(finding);
                continue;
            }
            shown.push(diagnostic);
            new_findings.push(finding);
        }
        let diagnostics = shown;
        if args.format == Format::Human {
            print_diagnostics(&sources, &diagnostics, style);
        }
        findings.extend(new_findings);
        rules_skipped |= checked.rules_skipped;
        if checked.rules_skipped {
            notes.push(format!(
                "note: the rules were not run on `{}` because its files have structural errors; fix those first",
                journey.name
            ));
        }
    }

    if args.write_baseline {
        let file = baseline_file.unwrap_or_default();
        return write_baseline(
            &file,
            &recorded,
            &findings,
            previous.as_ref(),
            &files_seen,
            &notes,
        );
    }
    if let (Some(file), Some(known)) = (&baseline_file, &leave_out) {
        if known.matched > 0 {
            notes.push(format!(
                "note: {} from the baseline `{}` {} not shown",
                report::plural(known.matched, "known finding", "known findings"),
                file.display(),
                if known.matched == 1 { "is" } else { "are" }
            ));
        }
        // Stale entries can only be judged where the rules ran.
        let stale = known.unmatched(&|uri| files_seen.contains(uri));
        if stale > 0 && !rules_skipped {
            notes.push(format!(
                "note: {} in the baseline `{}` no longer {}; run `journeyc check \
                 --write-baseline` to drop {}",
                report::plural(stale, "finding", "findings"),
                file.display(),
                if stale == 1 { "occurs" } else { "occur" },
                if stale == 1 { "it" } else { "them" },
            ));
        }
    }

    match args.format {
        Format::Human => {
            for note in &notes {
                println!("{note}");
            }
            println!("{}", summary(journeys.len(), files_seen.len(), &findings));
        }
        machine => {
            // stdout holds one document; the notes go beside it.
            for note in &notes {
                eprintln!("{note}");
            }
            let text = match machine {
                Format::Json => report::json::render(&findings),
                Format::Github => {
                    report::github::render(&findings, journeys.len(), files_seen.len())
                }
                Format::Sarif | Format::Human => report::sarif::render(&findings),
            };
            print!("{text}");
        }
    }

    let fails = findings.iter().any(|f| match args.fail_on {
        FailOn::Error => f.is_error(),
        FailOn::Warning => true,
    });
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// Read the configured baseline. A missing file is an error, since a
/// baseline that silently holds nothing would report every known finding
/// again, unless the run is the one that writes it.
fn read_baseline(file: &Path, writing: bool) -> Result<Option<Baseline>, String> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if writing && e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "the baseline `{}` named in journeyc.toml does not exist; create it with \
                 `journeyc check --write-baseline`, or remove `baseline` from journeyc.toml",
                file.display()
            ));
        }
        Err(e) => {
            return Err(format!(
                "cannot read the baseline `{}`: {e}",
                file.display()
            ));
        }
    };
    Baseline::parse(&text).map(Some).map_err(|e| {
        format!(
            "the baseline `{}` cannot be read ({e}); write it again with `journeyc check \
             --write-baseline`",
            file.display()
        )
    })
}

/// Write the baseline from this run's rule findings, keeping the entries of
/// files this run did not check. Nothing is written while a journey has
/// problems a baseline cannot record: they are printed instead.
fn write_baseline(
    file: &Path,
    recorded: &[Finding],
    unrecordable: &[Finding],
    previous: Option<&Baseline>,
    files_seen: &HashSet<String>,
    notes: &[String],
) -> Result<Outcome, String> {
    for note in notes {
        println!("{note}");
    }
    if unrecordable.iter().any(Finding::is_error) {
        println!(
            "the baseline `{}` was not written: a baseline records rule findings only, and the \
             problems above stop journeyc from reading the journeys; fix them first",
            file.display()
        );
        return Ok(Outcome::Findings);
    }
    let text = baseline::render(recorded, previous, &|uri| files_seen.contains(uri));
    super::output::write_file_atomically(file, text.as_bytes())?;
    println!(
        "wrote the baseline `{}`: {} recorded; `journeyc check` leaves {} out from now on and \
         reports only new findings",
        file.display(),
        report::plural(recorded.len(), "finding", "findings"),
        if recorded.len() == 1 { "it" } else { "them" },
    );
    Ok(Outcome::Success)
}

/// The paths given, or the configured ones. A `journeyc.toml` among them
/// (pre-commit passes it when only the configuration changed) stands for the
/// journeys the configuration lists.
fn paths_to_check(given: &[PathBuf], policy: &Policy) -> Vec<PathBuf> {
    if given.is_empty() {
        return policy.default_paths();
    }
    let mut paths = Vec::new();
    for path in given {
        let is_config = path.file_name().is_some_and(|n| n == "journeyc.toml") && path.is_file();
        let expanded = if is_config {
            policy.default_paths()
        } else {
            vec![path.clone()]
        };
        for path in expanded {
            if !paths.iter().any(|p: &PathBuf| same_path(p, &path)) {
                paths.push(path);
            }
        }
    }
    paths
}

/// What makes two findings the same: place, code and wording.
#[derive(PartialEq, Eq, Hash)]
struct FindingKey {
    uri: String,
    start: (u32, u32),
    end: (u32, u32),
    code: &'static str,
    message: String,
    label: String,
}

impl FindingKey {
    fn of(finding: &Finding) -> FindingKey {
        let place = &finding.place;
        FindingKey {
            uri: place.uri.clone(),
            start: (place.line, place.column),
            end: (place.end_line, place.end_column),
            code: finding.code.code,
            message: finding.message.clone(),
            label: finding.label.clone(),
        }
    }
}

fn same_path(a: &Path, b: &Path) -> bool {
    a == b
        || a.canonicalize()
            .ok()
            .is_some_and(|a| b.canonicalize().ok() == Some(a))
}

fn summary(journeys: usize, files: usize, findings: &[Finding]) -> String {
    let checked = format!(
        "checked {} ({})",
        report::plural(journeys, "journey", "journeys"),
        report::plural(files, "file", "files")
    );
    if findings.is_empty() {
        format!("{checked}: no problems found")
    } else {
        format!("{checked}: {}", report::totals(findings))
    }
}
