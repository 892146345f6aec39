//! journeyc: a compiler for customer journeys written as code.
//!
//! The library is the pipeline, with no IO: the caller hands it the text of
//! a journey's files and gets back the journey and every diagnostic.
//!
//! ```text
//! load (YAML → node tree with spans)
//!   → schema (structure against schemas/journey.schema.json)
//!   → model (typed journey, spans kept)
//!   → assemble (the files of one directory → one journey)
//!   → resolve (index of ids and references)
//!   → graph (stage graph)
//!   → rules
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)] // the core does no IO

pub mod assemble;
pub mod codes;
pub mod diagnostic;
pub mod graph;
pub mod load;
pub mod model;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suggest;

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
pub fn check_journey(sources: &SourceSet, files: &[FileId], early: Vec<Diagnostic>) -> Checked {
    let mut diagnostics = early;
    let mut structural_errors = !diagnostics.is_empty();
    let mut parts = Vec::new();

    for &file in files {
        let Some(source) = sources.get(file) else { continue };
        if diagnostics.iter().any(|d| d.primary.span.file == file) {
            continue;
        }
        let loaded = load::load_str(file, &source.text);
        structural_errors |= !loaded.diagnostics.is_empty();
        diagnostics.extend(loaded.diagnostics);
        let Some(root) = loaded.root else { continue };

        let schema_problems = schema::validate(&root);
        if !schema_problems.is_empty() {
            structural_errors = true;
            diagnostics.extend(schema_problems);
            continue;
        }

        match model::de::from_node::<Journey>(&root) {
            Ok(part) => parts.push((file, part)),
            Err(err) => {
                structural_errors = true;
                let span = err.span.unwrap_or_else(|| Span::file_start(file));
                diagnostics.push(
                    Diagnostic::new(&codes::INVALID_VALUE, format!("this value cannot be read: {}", err.message), span, "cannot be read")
                        .with_help("check the format reference in docs/format.md"),
                );
            }
        }
    }

    let first_file = files.first().copied().unwrap_or_default();
    let (journey, mut assembly) = assemble::assemble(parts, first_file);
    if structural_errors {
        // The header may sit in a file that failed to load.
        assembly.retain(|d| d.code != &codes::MISSING_HEADER);
    }
    structural_errors |= !assembly.is_empty();
    diagnostics.extend(assembly);

    if structural_errors {
        diagnostic::sort(&mut diagnostics);
        return Checked { journey: None, diagnostics, rules_skipped: true };
    }

    let index = resolve::Index::build(&journey);
    let graph = graph::StageGraph::build(&journey);
    let header = journey.journey.as_ref().map_or(Span::file_start(first_file), |h| h.span);
    let ctx = rules::Context { journey: &journey, index: &index, graph: &graph, header };
    diagnostics.extend(rules::run(&ctx));
    diagnostic::sort(&mut diagnostics);
    drop(ctx);
    drop(graph);
    drop(index);
    Checked { journey: Some(journey), diagnostics, rules_skipped: false }
}
