//! Rendering diagnostics for people, through miette's graphical handler.
//!
//! Rendering never panics: spans are clamped to the file, a diagnostic whose
//! file is unknown is rendered without a snippet, and labels in another file
//! than the primary one are shown as a related note with their own snippet.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, SourceSet, Span};

/// Lines longer than this are not shown in snippets: a minified or binary
/// file would otherwise print megabytes for one diagnostic.
const MAX_SNIPPET_LINE: usize = 240;

/// How to draw diagnostics.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Render one diagnostic as the human-readable block.
pub fn human(sources: &SourceSet, diagnostic: &Diagnostic, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let report = Report::new(sources, diagnostic);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        // Fall back to the one-line form rather than lose the finding.
        out = concise(sources, diagnostic);
        out.push('\n');
    }
    out
}

/// Render one diagnostic on one line: `file:line:col: error[JC201] message`.
pub fn concise(sources: &SourceSet, d: &Diagnostic) -> String {
    format!(
        "{}: {}[{}] {}",
        location(sources, d.primary.span),
        d.severity.as_str(),
        d.code.code,
        d.message
    )
}

/// `file:line:col` of a span.
pub fn location(sources: &SourceSet, span: Span) -> String {
    let name = sources
        .get(span.file)
        .map_or("<unknown file>", |f| f.name.as_str());
    format!("{name}:{}:{}", span.start.line, span.start.col)
}

/// Whether the lines around a span are short enough to show.
fn fits(file: &SourceFile, span: Span) -> bool {
    let first = span.start.line.saturating_sub(1).max(1);
    let last = span.end.line.saturating_add(1);
    (first..=last).all(|line| file.line_text(line).len() <= MAX_SNIPPET_LINE)
}

fn source_span(file: &SourceFile, span: Span) -> SourceSpan {
    let start = file.offset(span.start);
    let end = file.offset(span.end).max(start);
    SourceSpan::new(start.into(), end - start)
}

/// A diagnostic bound to the text of its primary file, as miette wants it.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    headline: String,
    source: Option<FileSource<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Note<'a>>,
}

impl<'a> Report<'a> {
    fn new(sources: &'a SourceSet, d: &'a Diagnostic) -> Report<'a> {
        let primary_file = d.primary.span.file;
        let headline = format!("{}: {}", location(sources, d.primary.span), d.message);
        let Some(file) = sources
            .get(primary_file)
            .filter(|f| fits(f, d.primary.span))
        else {
            return Report {
                diagnostic: d,
                headline,
                source: None,
                labels: Vec::new(),
                related: Vec::new(),
            };
        };
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(d.primary.text.clone()),
            source_span(file, d.primary.span),
        )];
        let mut related = Vec::new();
        for label in &d.secondary {
            match sources.get(label.span.file) {
                Some(f) if !fits(f, label.span) => {}
                Some(f) if label.span.file == primary_file => {
                    labels.push(LabeledSpan::new_with_span(
                        Some(label.text.clone()),
                        source_span(f, label.span),
                    ));
                }
                Some(f) => related.push(Note {
                    headline: format!("{}: {}", location(sources, label.span), label.text),
                    source: FileSource {
                        name: &f.name,
                        text: &f.text,
                    },
                    label: LabeledSpan::new_primary_with_span(
                        Some(label.text.clone()),
                        source_span(f, label.span),
                    ),
                }),
                None => {}
            }
        }
        Report {
            diagnostic: d,
            headline,
            source: Some(FileSource {
                name: &file.name,
                text: &file.text,
            }),
            labels,
            related,
        }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}[{}]: {}",
            self.diagnostic.severity.as_str(),
            self.diagnostic.code.code,
            self.diagnostic.code.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|n| n as &dyn miette::Diagnostic),
        ))
    }
}

/// A label in another file than the diagnostic's primary one.
struct Note<'a> {
    headline: String,
    source: FileSource<'a>,
    label: LabeledSpan,
}

impl fmt::Debug for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl fmt::Display for Note<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline)
    }
}

impl std::error::Error for Note<'_> {}

impl miette::Diagnostic for Note<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

/// A file's text with its name, borrowed: miette's own `NamedSource` wants to
/// own the text, which would copy a large file for every diagnostic.
struct FileSource<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for FileSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}
