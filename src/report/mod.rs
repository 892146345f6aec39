//! Diagnostics for machines: JSON, GitHub workflow annotations and SARIF.
//!
//! `journeyc check` may check several journeys in one run, each with its own
//! [`SourceSet`], while a machine format is one document for the whole run.
//! So every diagnostic is first resolved into a [`Finding`] — plain data with
//! file names, lines and columns instead of file ids — and the formats take
//! the findings of the whole run. Each format returns its whole text; the CLI
//! prints it in one write.
//!
//! Two names are kept per file: `file`, as the user named it on the command
//! line (what the human output shows), and `uri`, the path relative to the
//! repository root with `/` separators, which GitHub needs to place an
//! annotation or a code-scanning alert on the file in the pull request.

pub mod baseline;
pub mod github;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceSet, Span};

/// A place in a file, resolved for output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it.
    pub file: String,
    /// The file relative to the repository root, with `/` separators.
    pub uri: String,
    pub line: u32,
    pub column: u32,
    /// Where the span ends (exclusive, like SARIF's `endColumn`). Equal to
    /// the start for a problem that belongs to a file as a whole.
    pub end_line: u32,
    pub end_column: u32,
}

impl Place {
    /// True when the span covers no text (a problem of a whole file or of a
    /// missing section): formats then give the start only.
    pub fn is_empty(&self) -> bool {
        (self.line, self.column) >= (self.end_line, self.end_column)
    }
}

/// Another place a finding refers to, such as the first of two duplicates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub place: Place,
    pub message: String,
}

/// One diagnostic, resolved for output.
#[derive(Clone, Debug)]
pub struct Finding {
    pub code: &'static crate::codes::Code,
    pub severity: Severity,
    /// The headline.
    pub message: String,
    /// What is wrong at the exact spot.
    pub label: String,
    pub help: Option<String>,
    pub place: Place,
    pub related: Vec<Related>,
}

impl Finding {
    /// Resolve a diagnostic against the files of its journey. `uri_of` turns
    /// a display name into its path relative to the repository root.
    pub fn new(
        sources: &SourceSet,
        diagnostic: &Diagnostic,
        uri_of: &dyn Fn(&str) -> String,
    ) -> Finding {
        let place = |span: Span| resolve(sources, span, uri_of);
        Finding {
            code: diagnostic.code,
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            label: diagnostic.primary.text.clone(),
            help: diagnostic.help.clone(),
            place: place(diagnostic.primary.span),
            related: diagnostic
                .secondary
                .iter()
                .map(|label| Related {
                    place: place(label.span),
                    message: label.text.clone(),
                })
                .collect(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn resolve(sources: &SourceSet, span: Span, uri_of: &dyn Fn(&str) -> String) -> Place {
    let file = file_name(sources, span.file);
    Place {
        uri: uri_of(&file),
        file,
        line: span.start.line,
        column: span.start.col,
        end_line: span.end.line,
        end_column: span.end.col,
    }
}

fn file_name(sources: &SourceSet, file: FileId) -> String {
    sources
        .get(file)
        .map_or_else(|| "<unknown file>".to_owned(), |f| f.name.clone())
}

/// How many findings of each severity: `(errors, warnings)`.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    (errors, findings.len() - errors)
}

/// `3 errors, 1 warning`.
pub fn totals(findings: &[Finding]) -> String {
    let (errors, warnings) = counts(findings);
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// `1 journey`, `2 journeys`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
