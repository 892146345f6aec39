//! journeyc: a compiler for customer journeys written as code.
//!
//! The library is the pipeline, with no IO: the caller hands it the text of
//! a journey's files and gets back the journey and every diagnostic.
//!
//! ```text
//! load (YAML → node tree with spans)
//!   → overlay (a segment overlay merged into its base journey)
//!   → schema (structure against schemas/journey.schema.json)
//!   → model (typed journey, spans kept)
//!   → assemble (the files of one directory → one journey)
//!   → resolve (index of ids and references)
//!   → graph (stage graph)
//!   → rules
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)] // the core does no IO

pub mod assemble;
pub mod build;
pub mod codes;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod diff;
pub mod graph;
pub mod handoff;
pub mod load;
pub mod model;
pub mod overlay;
pub mod render;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod suppress;

use dates::CivilDate;
use diagnostic::Diagnostic;
use model::Journey;
use source::{FileId, SourceSet, Span};

/// The result of checking one journey.
pub struct Checked {
    /// The assembled journey, when every file could be read and matched the
    /// schema.
    pub journey: Option<Journey>,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// True when structural problems stopped the rules from running; a
    /// journey whose files cannot be read cannot be judged fairly.
    pub rules_skipped: bool,
}

impl Checked {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Check one journey made of the given files of `sources`, in the order
/// given. `early` holds problems the caller found before parsing (a file that
/// is not UTF-8); they count as structural.
///
/// When a file is a segment overlay (it has an `overlay:` section), the
/// journey checked is the directory of the first file and the files of its
/// bases must be among `files` too; see [`overlay`]. The overlay is merged
/// into its base before the model is built, so every diagnostic points at
/// the file that wrote the value. A plain journey takes the path below,
/// which reads one file at a time.
pub fn check_journey(sources: &SourceSet, files: &[FileId], early: Vec<Diagnostic>) -> Checked {
    check_journey_on(sources, files, early, None)
}

/// [`check_journey`] on a given day: rules that depend on the date (a proof
/// asset past its `review_by`) judge against `today`, and are skipped when
/// it is `None`. The command line passes today's date; tests pass a fixed
/// one, so their results do not change with the calendar.
pub fn check_journey_on(
    sources: &SourceSet,
    files: &[FileId],
    early: Vec<Diagnostic>,
    today: Option<CivilDate>,
) -> Checked {
    let layered = files.iter().any(|&file| {
        sources
            .get(file)
            .is_some_and(|source| overlay::might_be_overlay(&source.text))
    });
    if layered {
        return check_layered(sources, files, early, today);
    }

    let mut diagnostics = early;
    let mut structural_errors = !diagnostics.is_empty();
    let mut parts = Vec::new();

    for &file in files {
        let Some(source) = sources.get(file) else {
            continue;
        };
        if diagnostics.iter().any(|d| d.primary.span.file == file) {
            continue;
        }
        let (part, problems) = read_part(file, &source.text);
        structural_errors |= !problems.is_empty();
        diagnostics.extend(problems);
        if let Some(part) = part {
            parts.push((file, part));
        }
    }

    let first_file = files.first().copied().unwrap_or_default();
    finish(parts, first_file, diagnostics, structural_errors, today)
}

/// Check a journey that may be an overlay: load every file, merge the
/// layers at the node-tree level, then read each merged part into the model.
fn check_layered(
    sources: &SourceSet,
    files: &[FileId],
    early: Vec<Diagnostic>,
    today: Option<CivilDate>,
) -> Checked {
    let merged = overlay::merge(sources, files, &early);
    let mut diagnostics = early;
    let mut structural_errors = !diagnostics.is_empty() || !merged.diagnostics.is_empty();
    diagnostics.extend(merged.diagnostics);

    let mut parts = Vec::new();
    if !structural_errors {
        for (file, root) in &merged.parts {
            match model::de::from_node::<Journey>(root) {
                Ok(part) => parts.push((*file, part)),
                Err(err) => {
                    structural_errors = true;
                    diagnostics
                        .push(err.diagnostic(*file, "the format reference in docs/format.md"));
                }
            }
        }
    }

    let first_file = files.first().copied().unwrap_or_default();
    let mut checked = finish(parts, first_file, diagnostics, structural_errors, today);
    // A finding in the base about an item the overlay removed also points
    // at the removal: the base itself looks right to its reader.
    if let Some(journey) = &checked.journey {
        let index = resolve::Index::build(journey);
        overlay::explain_removals(&merged.changes, &index, &mut checked.diagnostics);
    }
    checked
}

/// Assemble the parts and, when nothing structural is wrong, run the rules.
fn finish(
    parts: Vec<(FileId, Journey)>,
    first_file: FileId,
    mut diagnostics: Vec<Diagnostic>,
    mut structural_errors: bool,
    today: Option<CivilDate>,
) -> Checked {
    let (journey, mut assembly) = assemble::assemble(parts, first_file);
    if structural_errors {
        // The header may sit in a file that failed to load.
        assembly.retain(|d| d.code != &codes::MISSING_HEADER);
    }
    structural_errors |= !assembly.is_empty();
    diagnostics.extend(assembly);

    if structural_errors {
        diagnostic::sort(&mut diagnostics);
        return Checked {
            journey: None,
            diagnostics,
            rules_skipped: true,
        };
    }

    let findings = {
        let index = resolve::Index::build(&journey);
        let graph = graph::StageGraph::build(&journey);
        let header = journey
            .journey
            .as_ref()
            .map_or(Span::file_start(first_file), |h| h.span);
        rules::run(&rules::Context {
            journey: &journey,
            index: &index,
            graph: &graph,
            header,
            today,
        })
    };
    diagnostics.extend(findings);
    diagnostic::sort(&mut diagnostics);
    Checked {
        journey: Some(journey),
        diagnostics,
        rules_skipped: false,
    }
}

/// Load one file, validate it against the schema and read it into the
/// model. The part is returned only when the file is structurally sound.
///
/// Schema validation and model building both only read the node tree, so
/// they run on two threads: on a large journey they are the two biggest
/// phases after parsing.
fn read_part(file: FileId, text: &str) -> (Option<Journey>, Vec<Diagnostic>) {
    let loaded = load::load_str(file, text);
    let mut problems = loaded.diagnostics;
    let Some(root) = loaded.root else {
        return (None, problems);
    };
    // `add:`, `update:`, … in a journey that names no base.
    problems.extend(overlay::check_envelope(&root, false));

    let (schema_problems, part) = std::thread::scope(|scope| {
        let validation = scope.spawn(|| schema::validate(&root));
        let part = model::de::from_node::<Journey>(&root);
        // A panic in validation is a bug; re-raise it rather than hide it.
        let schema_problems = validation
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (schema_problems, part)
    });

    if !schema_problems.is_empty() {
        problems.extend(schema_problems);
        return (None, problems);
    }
    match part {
        Ok(part) if problems.is_empty() => (Some(part), problems),
        Ok(_) => (None, problems),
        Err(err) => {
            problems.push(err.diagnostic(file, "the format reference in docs/format.md"));
            (None, problems)
        }
    }
}
