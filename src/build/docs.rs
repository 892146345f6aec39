//! The documentation target: the handbook teams read, the stage graph as
//! Mermaid and Graphviz DOT, and a self-contained HTML journey map.
//!
//! Each document is one minijinja template from `templates/`, replaceable by
//! name with `--templates DIR`. All four receive the same context (see
//! `context.rs` and `docs/templates.md`), with journey text escaped for the
//! document's syntax, so a template never has to know how to quote a label.
//! A template that fails to render becomes a JC501 diagnostic at the
//! template's line and the build is refused.

mod context;
pub(crate) mod text;

use minijinja::Value;
use minijinja::value::Serde;

use super::Emit;
use context::Context;
use text::Syntax;

/// Every document: template name, output path, syntax of its text.
const DOCUMENTS: [(&str, &str, Syntax); 4] = [
    ("handbook.md", "docs/handbook.md", Syntax::Markdown),
    ("stage-graph.mmd", "docs/stage-graph.mmd", Syntax::Mermaid),
    ("stage-graph.dot", "docs/stage-graph.dot", Syntax::Dot),
    ("journey-map.html", "docs/journey-map.html", Syntax::Html),
];

pub fn emit(emit: Emit<'_, '_>) {
    for (template, path, syntax) in DOCUMENTS {
        let context = Value::from(Serde(Context::new(emit.view, syntax)));
        match emit.templates.render(template, context, emit.sources) {
            Ok(mut document) => {
                // Text files end with one newline, whatever the template did.
                let trimmed = document.trim_end().len();
                document.truncate(trimmed);
                document.push('\n');
                emit.out.file(path, document);
            }
            Err(problem) => emit.out.problem(*problem),
        }
    }
}
