//! `journeyc handoff DEAL.yaml [--journey PATH] [--out DIR]`: the handoff
//! memo, dated checklist and milestone calendar for one signed deal.
//!
//! Nothing is written unless the deal file is sound, its journey checks
//! without errors and the deal checks against the journey; every problem is
//! printed as `check` prints it. Files are written with the same atomic swap
//! as `build` (see `output.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use journeyc::load::{decode, load_str};
use journeyc::source::{FileId, SourceFile, SourceSet};

use super::discover::{JourneyFiles, discover};
use super::output;
use super::read::{MAX_FILE_BYTES, print_diagnostics, read_journey};
use crate::Outcome;

#[derive(clap::Args)]
#[command(after_help = "\
The journey: with --journey, a journey directory or one of its files; if the \
path holds several journeys, the one whose `segment.id` is the deal's \
`segment` is used. Without --journey, the journeys named by `journeys` in \
journeyc.toml (or under the current directory) are searched for that \
segment; none or several is an error.

Writes memo.md, memo.html, checklist.md, checklist.csv, \
checklist.connectwise.json, checklist.autotask.json and milestones.ics. \
Nothing is written if the deal or the journey has errors.

Exit codes: 0 written (or up to date with --check), 1 the deal or the journey \
has errors (or --check found differences), 2 usage or IO errors.")]
pub struct Args {
    /// The deal file, such as `deals/acme-credit-union.deal.yaml`.
    deal: PathBuf,
    /// The journey of the deal's segment: a directory or one of its files
    /// (default: found under the current directory by segment).
    #[arg(long, value_name = "PATH")]
    journey: Option<PathBuf>,
    /// Output directory (default: `handoff/<deal id>`). It is replaced as a
    /// whole; a directory journeyc did not write is refused.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write nothing; list the files that are missing, stale or extra in the
    /// output directory, and fail if there are any.
    #[arg(long)]
    check: bool,
    /// Directory of templates that replace the shipped ones by file name
    /// (`handoff-memo.md`, `handoff-memo.html`).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    #[command(flatten)]
    config: super::policy::ConfigArgs,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let policy = super::policy::Policy::load(&args.config)?;
    let style = super::style_for_stdout();
    let deal_name = args.deal.display().to_string();
    let bytes = read_deal(&args.deal)?;

    // A first read of the deal on its own: its segment picks the journey,
    // and a deal that cannot be read needs no journey to say so.
    let (deal_text, segment) = {
        let mut sources = SourceSet::new();
        let file = sources.add(SourceFile::new(deal_name.clone(), String::new()));
        let deal_text = match decode(file, &bytes) {
            Ok(text) => text,
            Err(problem) => {
                // Show the text around an encoding error, as `check` does.
                if !bytes.contains(&0) {
                    sources.replace_text(file, String::from_utf8_lossy(&bytes).into_owned());
                }
                print_diagnostics(&sources, &[*problem], style);
                println!("not handed off: `{deal_name}` has errors");
                return Ok(Outcome::Findings);
            }
        };
        sources.replace_text(file, deal_text.clone());
        let (deal, problems) = journeyc::handoff::load_deal(&sources, file);
        let Some(deal) = deal else {
            print_diagnostics(&sources, &problems, style);
            println!("not handed off: `{deal_name}` has errors");
            return Ok(Outcome::Findings);
        };
        (deal_text, deal.segment.to_string())
    };

    let journey_files = find_journey(args.journey.as_deref(), &policy.default_paths(), &segment)?;
    let (mut sources, early) = read_journey(&journey_files)?;
    let ids: Vec<FileId> = sources.iter().map(|(id, _)| id).collect();
    let checked = journeyc::check_journey_on(&sources, &ids, early, Some(super::today()?));
    let diagnostics = policy.apply(&sources, checked.diagnostics, !checked.rules_skipped);
    print_diagnostics(&sources, &diagnostics, style);
    let has_errors = diagnostics.iter().any(|d| d.is_error());
    let Some(journey) = checked.journey.filter(|_| !has_errors) else {
        println!(
            "not handed off: the journey `{}` has errors",
            journey_files.name
        );
        return Ok(Outcome::Findings);
    };

    // The deal joins the journey's sources so that diagnostics and templates
    // share one set of files.
    let deal_file = sources.add(SourceFile::new(deal_name.clone(), deal_text));
    let templates = super::build::load_templates(args.templates.as_deref())?;
    let handoff = match journeyc::handoff::handoff(&journey, deal_file, &templates, &mut sources) {
        Ok(handoff) => handoff,
        Err(problems) => {
            print_diagnostics(&sources, &problems, style);
            println!("not handed off: `{deal_name}` has errors");
            return Ok(Outcome::Findings);
        }
    };

    let out = args
        .out
        .clone()
        .unwrap_or_else(|| Path::new("handoff").join(handoff.deal.id.as_str()));
    let files: Vec<(String, Vec<u8>)> = handoff
        .artifacts
        .into_iter()
        .map(|a| (a.path, a.contents))
        .collect();
    if args.check {
        return output::compare("handoff", &out, &files);
    }
    output::write_atomically("handoff", &out, &files)?;
    println!("wrote {} files to {}", files.len(), out.display());
    Ok(Outcome::Success)
}

/// The bytes of the deal file. Encoding problems are left to the loader's
/// `decode`, which reports them like any other problem of the file.
fn read_deal(path: &Path) -> Result<Vec<u8>, String> {
    let name = path.display().to_string();
    let size = fs::metadata(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{name}` does not exist"),
            _ => format!("cannot read `{name}`: {e}"),
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "`{name}` is too large ({} MiB; the limit is {} MiB)",
            size >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}"))
}

/// The journey to hand the deal over with. An explicit path holding a single
/// journey is used as given: a deal for another segment is then reported
/// at its `segment` line, with the journey's segment in the help.
fn find_journey(
    path: Option<&Path>,
    defaults: &[PathBuf],
    segment: &str,
) -> Result<JourneyFiles, String> {
    let (journeys, place) = match path {
        Some(path) => (
            discover(&[path.to_path_buf()])?,
            format!("`{}`", path.display()),
        ),
        None => (
            discover(defaults)?,
            if defaults == [PathBuf::from(".")] {
                "the current directory".to_owned()
            } else {
                "the journey locations of journeyc.toml".to_owned()
            },
        ),
    };
    if path.is_some() && journeys.len() == 1 {
        return Ok(journeys.into_iter().next().expect("one journey"));
    }

    let mut matching: Vec<JourneyFiles> = journeys
        .into_iter()
        .filter(|j| segment_of(j).as_deref() == Some(segment))
        .collect();
    match matching.len() {
        1 => Ok(matching.remove(0)),
        0 => Err(format!(
            "no journey under {place} is for segment `{segment}`; pass --journey with the journey directory of the deal's segment"
        )),
        _ => Err(format!(
            "several journeys under {place} are for segment `{segment}`: {}; pass --journey with the one to use",
            matching
                .iter()
                .map(|j| format!("`{}`", j.name))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The `segment.id` written in a journey's files, read without checking the
/// journey: only the chosen journey is checked, so problems in the others
/// are not reported. Files that cannot be read are passed over.
fn segment_of(journey: &JourneyFiles) -> Option<String> {
    journey.files.iter().find_map(|path| {
        let size = fs::metadata(path).ok()?.len();
        if size > MAX_FILE_BYTES {
            return None;
        }
        let text = fs::read_to_string(path).ok()?;
        let root = load_str(FileId::default(), &text).root?;
        root.get("segment")?.value.get("id")?.value.scalar_text()
    })
}
