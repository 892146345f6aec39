//! The minijinja templates that render documents.
//!
//! Templates ship in `templates/` and are embedded in the binary; `journeyc
//! build --templates DIR` replaces any of them by file name. Undefined
//! variables are errors (a typo in a template must not print an empty
//! string into a handbook) and `.html` templates escape their values. A
//! template error becomes a diagnostic that names the template file and line.

use std::collections::BTreeMap;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::source::{Pos, SourceFile, SourceSet, Span};

/// Every template journeyc ships, by name. A name is also the file name in
/// `templates/` and in a `--templates` directory.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("handbook.md", include_str!("../../templates/handbook.md")),
    (
        "handoff-memo.html",
        include_str!("../../templates/handoff-memo.html"),
    ),
    (
        "handoff-memo.md",
        include_str!("../../templates/handoff-memo.md"),
    ),
    (
        "journey-map.html",
        include_str!("../../templates/journey-map.html"),
    ),
    (
        "stage-graph.dot",
        include_str!("../../templates/stage-graph.dot"),
    ),
    (
        "stage-graph.mmd",
        include_str!("../../templates/stage-graph.mmd"),
    ),
];

/// The templates in force: the embedded ones, with overrides by name.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    /// Override name → (display path, text).
    overrides: BTreeMap<String, (String, String)>,
}

impl Templates {
    /// Replace an embedded template. Returns false when no embedded template
    /// has that name (the caller reports the unknown file).
    pub fn add_override(&mut self, name: &str, display_path: String, text: String) -> bool {
        if !EMBEDDED.iter().any(|(n, _)| *n == name) {
            return false;
        }
        self.overrides.insert(name.to_owned(), (display_path, text));
        true
    }

    /// The text of a template and where it came from, for messages.
    fn source(&self, name: &str) -> Option<(String, &str)> {
        if let Some((path, text)) = self.overrides.get(name) {
            return Some((path.clone(), text.as_str()));
        }
        EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, text)| (format!("templates/{n}"), *text))
    }

    /// Render a template with a context. On failure the template's text is
    /// added to `sources` so the diagnostic can show the failing line.
    pub fn render(
        &self,
        name: &str,
        context: Value,
        sources: &mut SourceSet,
    ) -> Result<String, Box<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".html.j2") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        // Templates are written for people: block tags take no line of their
        // own in the output, and the final newline is kept.
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }

        let Some((display, text)) = self.source(name) else {
            let file = sources.add(SourceFile::new(format!("templates/{name}"), String::new()));
            return Err(Box::new(
                Diagnostic::new(
                    &codes::TEMPLATE_ERROR,
                    format!("no template is called `{name}`"),
                    Span::file_start(file),
                    "missing template",
                )
                .with_help("this is a bug in journeyc; please report it"),
            ));
        };
        let rendered = env
            .add_template(name, text)
            .and_then(|()| env.get_template(name))
            .and_then(|t| t.render(context));
        rendered.map_err(|err| {
            let file = sources.add(SourceFile::new(display.clone(), text.to_owned()));
            let line = err.line().unwrap_or(1) as u32;
            let at = Pos { line, col: 1 };
            let end = Pos { line, col: sources.get(file).map_or(1, |f| f.line_text(line).chars().count() as u32 + 1) };
            let detail = err.detail().map(str::to_owned).unwrap_or_else(|| err.kind().to_string());
            Box::new(
                Diagnostic::new(
                    &codes::TEMPLATE_ERROR,
                    format!("template `{display}` failed: {detail}"),
                    Span::new(file, at, end),
                    err.kind().to_string(),
                )
                .with_help("fix the template at this line; every variable a template uses must exist (see docs/templates.md)"),
            )
        })
    }
}
