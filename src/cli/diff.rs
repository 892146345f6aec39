//! `journeyc diff --against <REF-OR-PATH> [PATH…]`: compare the journeys
//! with another version of them and classify every change as breaking,
//! warning or info.
//!
//! The old version comes from a directory (when `--against` names one) or
//! from a git revision, mirrored into a temporary directory. Both versions
//! are read and checked exactly like `journeyc check` does, and built in
//! memory for their CRM, PSA and event targets; a version with errors cannot
//! be compared fairly, so it stops the command (exit 2) with its problems
//! printed. Journeys are paired by their `journey.id`.

mod git;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use journeyc::build::{self, Artifact, Target, Templates};
use journeyc::dates::CivilDate;
use journeyc::diagnostic::Diagnostic;
use journeyc::diff::{self, Approval, Level, Row, Side, approvals, format};
use journeyc::model::Journey;
use journeyc::render;
use journeyc::source::{SourceFile, SourceSet};

use super::discover::{JourneyFiles, discover, is_journey_file};
use super::policy::{ConfigArgs, Policy};
use super::read::read_journey;
use crate::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// The old version: a directory (or file) holding the old journeys, or a
    /// git revision such as `origin/main`, `HEAD~1` or a tag.
    #[arg(
        long,
        value_name = "REF-OR-PATH",
        required_unless_present = "list_checks"
    )]
    against: Option<String>,
    /// Journey directories or files of the new version (default: the
    /// project's journeys, or the current directory).
    paths: Vec<PathBuf>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Exit with code 1 when a change at or above this level exists.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// Print the catalogue of checks (id, level, summary) and exit.
    #[arg(long)]
    list_checks: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Output formats of `journeyc diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Grouped by level, with locations.
    Human,
    /// A stable JSON array of changes.
    Json,
    /// A pull-request comment, under GitHub's size limit.
    Markdown,
    /// GitHub Actions workflow annotations.
    Github,
}

/// The level at which `--fail-on` makes the exit code 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Breaking,
    Warning,
    Info,
}

impl FailOn {
    fn level(self) -> Level {
        match self {
            FailOn::Breaking => Level::Breaking,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        }
    }
}

/// One version of one journey, checked and built.
struct Loaded {
    name: String,
    sources: SourceSet,
    journey: Journey,
    artifacts: Vec<Artifact>,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    if args.list_checks {
        print!("{}", list_checks());
        return Ok(Outcome::Success);
    }
    let Some(against) = args.against.as_deref() else {
        return Err(
            "`--against` is required: give a git revision or the path of the old journeys"
                .to_owned(),
        );
    };
    let policy = Policy::load(&args.config)?;
    // One day for both versions, however long the comparison takes.
    let today = super::today()?;
    let new_paths = if args.paths.is_empty() {
        policy.default_paths()
    } else {
        args.paths.clone()
    };

    let (old, new) = if Path::new(against).exists() {
        let old_root = PathBuf::from(against);
        let old = discover(std::slice::from_ref(&old_root))?;
        let mut new = discover(&new_paths)?;
        // `journeyc diff --against old-copy/` run above the copy must not
        // count the old journeys as new ones; but a path named on the
        // command line inside the copy (or the copy itself, to compare a
        // directory with itself) is meant.
        if let Ok(old_full) = old_root.canonicalize() {
            let named_inside: Vec<PathBuf> = new_paths
                .iter()
                .filter_map(|p| p.canonicalize().ok())
                .filter(|p| p.starts_with(&old_full))
                .collect();
            new.retain(|j| {
                !j.files.iter().any(|f| {
                    f.canonicalize().is_ok_and(|f| {
                        f.starts_with(&old_full) && !named_inside.iter().any(|p| f.starts_with(p))
                    })
                })
            });
        }
        (
            load_all(&old, &policy, today, "old", &|n| n.to_owned())?,
            load_all(&new, &policy, today, "new", &|n| n.to_owned())?,
        )
    } else {
        let mirror = git::Mirror::create(against)?;
        let mut old_paths = Vec::new();
        let mut kept_paths = Vec::new();
        for path in &new_paths {
            let mirrored = mirror.map(path)?;
            let in_old = has_journey_files(&mirrored);
            if in_old {
                old_paths.push(mirrored);
            }
            // A journey deleted since the revision is compared too: it is
            // only in the old version.
            if in_old && !has_journey_files(path) {
                continue;
            }
            if !in_old && !path.exists() {
                return Err(format!(
                    "`{}` does not exist, neither in the working tree nor at `{against}`",
                    path.display()
                ));
            }
            kept_paths.push(path.clone());
        }
        let old = if old_paths.is_empty() {
            Vec::new()
        } else {
            discover(&old_paths)?
        };
        let new = if kept_paths.is_empty() {
            Vec::new()
        } else {
            discover(&kept_paths)?
        };
        let old = load_all(&old, &policy, today, "old", &|n| mirror.display_name(n))?;
        let new = load_all(&new, &policy, today, "new", &|n| n.to_owned())?;
        (old, new)
    };

    let (mut rows, mut unused) = compare(&old, &new);
    if args.format == DiffFormat::Github {
        // GitHub places an annotation by its path from the repository
        // root, wherever journeyc runs.
        for row in &mut rows {
            if row.version == Some(diff::Version::New) {
                row.file = row.file.as_deref().map(|f| policy.relative_uri(f));
            }
        }
        // Approvals are always in the new version.
        let approvals = rows
            .iter_mut()
            .filter_map(|r| r.approval.as_mut())
            .chain(unused.iter_mut());
        for approval in approvals {
            approval.file = approval.file.as_deref().map(|f| policy.relative_uri(f));
        }
    }
    let text = match args.format {
        DiffFormat::Human => format::human(&rows, &unused),
        DiffFormat::Json => format::json(&rows),
        DiffFormat::Markdown => format::markdown(&rows, &unused, format::GITHUB_COMMENT_LIMIT),
        DiffFormat::Github => format::github(&rows, &unused),
    };
    print!("{text}");
    if args.format == DiffFormat::Json && !unused.is_empty() {
        // The JSON document is the array of changes; the approvals that
        // matched none are a note for the person reading the log.
        eprint!("{}", format::unused_approvals(&unused));
    }

    let fails = args
        .fail_on
        .is_some_and(|f| rows.iter().any(|r| r.counts_for_failure(f.level())));
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// The catalogue as a table: id, level, summary.
fn list_checks() -> String {
    let width = diff::CHECKS.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for check in diff::CHECKS {
        out.push_str(&format!(
            "{:width$}  {:8}  {}\n",
            check.id,
            check.level.as_str(),
            check.summary
        ));
    }
    out
}

/// Whether a directory (or file) of the mirror holds any journey file.
fn has_journey_files(path: &Path) -> bool {
    if path.is_file() {
        return is_journey_file(path);
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return false;
    };
    entries.flatten().any(|e| has_journey_files(&e.path()))
}

/// Read, check and build every journey of one version, keyed by journey id.
fn load_all(
    journeys: &[JourneyFiles],
    policy: &Policy,
    today: CivilDate,
    version: &str,
    rename: &dyn Fn(&str) -> String,
) -> Result<BTreeMap<String, Loaded>, String> {
    let mut by_id: BTreeMap<String, Loaded> = BTreeMap::new();
    for files in journeys {
        let loaded = load(files, policy, today, version, rename)?;
        let id = loaded
            .journey
            .journey
            .as_ref()
            .map(|h| h.value.id.to_string())
            .unwrap_or_default();
        if let Some(other) = by_id.get(&id) {
            return Err(format!(
                "two journeys of the {version} version have the id `{id}` (`{}` and `{}`): \
                 journeys are paired by id, so each must be unique",
                other.name,
                rename(&files.name)
            ));
        }
        by_id.insert(id, loaded);
    }
    Ok(by_id)
}

fn load(
    files: &JourneyFiles,
    policy: &Policy,
    today: CivilDate,
    version: &str,
    rename: &dyn Fn(&str) -> String,
) -> Result<Loaded, String> {
    let name = rename(&files.name);
    let (read, early) = read_journey(files)?;
    // Name the files as the user can find them (`HEAD:path` for a revision).
    let mut sources = SourceSet::new();
    for (_, file) in read.iter() {
        sources.add(SourceFile::new(rename(&file.name), file.text.clone()));
    }
    let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
    let checked = journeyc::check_journey_on(&sources, &ids, early, Some(today));
    let rules_ran = !checked.rules_skipped;
    let diagnostics = policy.apply(&sources, checked.diagnostics, rules_ran);
    if diagnostics.iter().any(|d| d.is_error()) {
        eprint_diagnostics(&sources, &diagnostics);
        return Err(format!(
            "the {version} version of `{name}` has errors (printed above); fix them before comparing"
        ));
    }
    let Some(journey) = checked.journey else {
        return Err(format!(
            "the {version} version of `{name}` could not be read"
        ));
    };

    let targets: Vec<Target> = Target::defaults_for(&journey)
        .into_iter()
        .filter(|t| *t != Target::Docs)
        .collect();
    let artifacts = match build::build(&journey, &targets, &Templates::default(), &mut sources) {
        Ok(artifacts) => artifacts,
        Err(problems) => {
            eprint_diagnostics(&sources, &problems);
            return Err(format!(
                "the {version} version of `{name}` cannot be built (problems printed above), so \
                 its CRM and PSA files cannot be compared"
            ));
        }
    };
    Ok(Loaded {
        name,
        sources,
        journey,
        artifacts,
    })
}

/// Print the problems of a version that cannot be compared on stderr:
/// stdout holds only the comparison, which CI redirects into a file or a
/// pull-request comment, so problems printed there would never be seen.
fn eprint_diagnostics(sources: &SourceSet, diagnostics: &[Diagnostic]) {
    use std::io::IsTerminal;
    let mut style = super::style_for_stdout();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    style.color = !no_color && std::io::stderr().is_terminal();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render::human(sources, d, style));
        out.push('\n');
    }
    eprint!("{out}");
}

/// Compare the journeys of both versions, paired by id: the sorted rows,
/// marked with the approvals of the new version, and the approvals that
/// matched no change.
fn compare(
    old: &BTreeMap<String, Loaded>,
    new: &BTreeMap<String, Loaded>,
) -> (Vec<Row>, Vec<Approval>) {
    let empty = SourceSet::new();
    let mut rows = Vec::new();
    let mut unused = Vec::new();
    for (id, after) in new {
        let changes = match old.get(id) {
            Some(before) => diff::compare(
                Side {
                    journey: &before.journey,
                    artifacts: &before.artifacts,
                },
                Side {
                    journey: &after.journey,
                    artifacts: &after.artifacts,
                },
            ),
            None => vec![diff::journey_added(&after.journey)],
        };
        let old_sources = old.get(id).map_or(&empty, |b| &b.sources);
        let mut located = diff::locate(id, changes, old_sources, &after.sources);
        unused.extend(approvals::apply(
            &after.journey,
            &mut located,
            &after.sources,
        ));
        rows.extend(located);
    }
    for (id, before) in old {
        if !new.contains_key(id) {
            let changes = vec![diff::journey_removed(&before.journey)];
            rows.extend(diff::locate(id, changes, &before.sources, &empty));
        }
    }
    diff::sort_rows(&mut rows);
    (rows, unused)
}
