//! `journeyc explain-value PATH SELECTOR`: show one value of a journey as
//! merged from its overlays, where it was written, and what it replaced.
//!
//! A reviewer of a segment overlay asks "why does the clinic journey say
//! this?"; the answer is a file and line, the overlay or base it belongs to,
//! and the base value an overlay changed. It works on plain journeys too,
//! where it answers with the value and its location.

use std::fmt::Write as _;
use std::path::PathBuf;

use journeyc::load::{Node, NodeKind};
use journeyc::overlay::select::{self, Explanation, Found};
use journeyc::overlay::{self, Change, Merged};
use journeyc::source::{SourceSet, Span};

use super::discover::discover;
use super::read::{print_diagnostics, read_journey};
use crate::Outcome;

/// Values longer than this many lines are cut, with a count of the rest.
const MAX_VALUE_LINES: usize = 40;

#[derive(clap::Args)]
pub struct Args {
    /// The journey: its directory, or one of its files.
    path: PathBuf,
    /// The value: a section, then an item id for list sections, then field
    /// names, joined by dots, such as `stages.discovery.owner`. Lists inside
    /// fields take an id or a position from 0.
    selector: String,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let journeys = discover(std::slice::from_ref(&args.path))?;
    let journey = match journeys.as_slice() {
        [one] => one,
        many => {
            return Err(format!(
                "`{}` holds {} journeys; name the directory of one of them",
                args.path.display(),
                many.len()
            ));
        }
    };
    let (sources, early) = read_journey(journey)?;
    let ids: Vec<_> = sources.iter().map(|(id, _)| id).collect();
    let merged = overlay::merge(&sources, &ids, &early);
    if !early.is_empty() || !merged.diagnostics.is_empty() {
        let mut problems = early;
        problems.extend(merged.diagnostics.iter().cloned());
        journeyc::diagnostic::sort(&mut problems);
        print_diagnostics(&sources, &problems, super::style_for_stdout());
        println!(
            "note: `{}` has structural errors, so its merged values cannot be shown; fix those first",
            journey.name
        );
        return Ok(Outcome::Findings);
    }

    let found = select::explain(&merged, &args.selector)?;
    let text = match found {
        Found::Value(explanation) => describe_value(&sources, &merged, &explanation),
        Found::Removed(change) => describe_removal(&sources, &merged, &args.selector, change),
    };
    print!("{text}");
    Ok(Outcome::Success)
}

fn describe_value(sources: &SourceSet, merged: &Merged, found: &Explanation) -> String {
    let mut out = String::new();
    let selector = found.path.join(".");
    value_line(&mut out, &selector, found.value, "");
    let _ = writeln!(out, "  written at  {}", location(sources, found.value.span));
    let _ = writeln!(out, "  in          {}", layer_of_file(merged, found.value.span));

    for change in &found.changes {
        let _ = writeln!(
            out,
            "  {:<11} {} at {}",
            format!("{} by", change.action.verb()),
            layer_of_change(merged, change),
            location(sources, change.at)
        );
        let before = change
            .before
            .as_ref()
            .and_then(|node| select::descend(node, found.below(change)));
        match before {
            Some(node) => {
                value_line(&mut out, "  replacing  ", node, "              ");
                let _ = writeln!(
                    out,
                    "              written at {}, in {}",
                    location(sources, node.span),
                    layer_of_file(merged, node.span)
                );
            }
            None if change.action == overlay::Action::Update => {
                let _ = writeln!(out, "  replacing   nothing: the base did not set it");
            }
            None => {}
        }
    }
    if found.changes.is_empty() && merged.layers.len() > 1 {
        let _ = writeln!(out, "  unchanged by the overlays");
    }
    if !found.inside.is_empty() {
        let _ = writeln!(out, "  changed inside:");
        for change in &found.inside {
            let _ = writeln!(
                out,
                "    {} {} by {} at {}",
                change.path.join("."),
                change.action.verb(),
                layer_of_change(merged, change),
                location(sources, change.at)
            );
        }
    }
    out
}

fn describe_removal(sources: &SourceSet, merged: &Merged, selector: &str, change: &Change) -> String {
    let mut out = format!("{selector} is not in the merged journey\n");
    let _ = writeln!(
        out,
        "  removed by  {} at {}",
        layer_of_change(merged, change),
        location(sources, change.at)
    );
    if let Some(before) = &change.before {
        let _ = writeln!(
            out,
            "  it was      written at {}, in {}",
            location(sources, before.span),
            layer_of_file(merged, before.span)
        );
    }
    out
}

/// `prefix value` for a single line value; `prefix` then an indented block
/// for lists and mappings.
fn value_line(out: &mut String, prefix: &str, node: &Node, indent: &str) {
    let separator = if prefix.ends_with(' ') { "" } else { " = " };
    match scalar(node) {
        Some(text) => {
            let _ = writeln!(out, "{prefix}{separator}{text}");
        }
        None => {
            let _ = writeln!(out, "{}", format!("{prefix}{separator}").trim_end());
            let mut lines = Vec::new();
            block(node, 1, &mut lines);
            let total = lines.len();
            for line in lines.iter().take(MAX_VALUE_LINES) {
                let _ = writeln!(out, "{indent}{line}");
            }
            if total > MAX_VALUE_LINES {
                let _ = writeln!(out, "{indent}  … {} more lines", total - MAX_VALUE_LINES);
            }
        }
    }
}

/// A scalar as one line; `None` for collections and multi-line text.
fn scalar(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Seq(items) if items.is_empty() => Some("[]".to_owned()),
        NodeKind::Map(entries) if entries.is_empty() => Some("{}".to_owned()),
        NodeKind::Str(text) if text.contains('\n') => None,
        _ => node.scalar_text(),
    }
}

/// A YAML-like outline of a value, one entry per line, for reading.
fn block(node: &Node, depth: usize, lines: &mut Vec<String>) {
    let pad = "  ".repeat(depth);
    match &node.kind {
        NodeKind::Map(entries) => {
            for entry in entries {
                match scalar(&entry.value) {
                    Some(text) => lines.push(format!("{pad}{}: {text}", entry.key)),
                    None => {
                        lines.push(format!("{pad}{}:", entry.key));
                        block(&entry.value, depth + 1, lines);
                    }
                }
            }
        }
        NodeKind::Seq(items) => {
            for item in items {
                match scalar(item) {
                    Some(text) => lines.push(format!("{pad}- {text}")),
                    None => {
                        lines.push(format!("{pad}-"));
                        block(item, depth + 1, lines);
                    }
                }
            }
        }
        NodeKind::Str(text) => lines.extend(text.lines().map(|l| format!("{pad}{l}"))),
        _ => lines.extend(node.scalar_text().map(|t| format!("{pad}{t}"))),
    }
}

fn location(sources: &SourceSet, span: Span) -> String {
    let name = sources.get(span.file).map_or("?", |f| f.name.as_str());
    format!("{name}:{}", span.start)
}

/// Which journey a file belongs to, as the reader knows it.
fn layer_of_file(merged: &Merged, span: Span) -> String {
    match merged.layer_of(span.file) {
        Some(layer) if merged.layers.len() == 1 => format!("the journey `{}`", layer.dir),
        Some(layer) if layer.is_overlay => format!("the overlay `{}`", layer.dir),
        Some(layer) => format!("the base journey `{}`", layer.dir),
        None => "an unknown journey".to_owned(),
    }
}

fn layer_of_change(merged: &Merged, change: &Change) -> String {
    merged
        .layers
        .get(change.layer)
        .map_or_else(|| "an overlay".to_owned(), |l| format!("the overlay `{}`", l.dir))
}
