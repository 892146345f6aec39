//! `journeyc explain-value PATH SELECTOR`: show one value of a journey as
//! merged from its overlays, where it was written, and what it replaced.
//!
//! A reviewer of a segment overlay asks "why does the clinic journey say
//! this?"; the answer is a file and line, the overlay or base it belongs to,
//! and the base value an overlay changed. It works on plain journeys too,
//! where it answers with the value and its location.
//!
//! The output is a block of labelled rows, every label in one column, so a
//! multi-line value (a mapping, a list, a paragraph) lines up under the
//! first line of its row:
//!
//! ```text
//! owners.sam.title
//!   value        Service Delivery Manager
//!   written at   clinic/overlay.journey.yaml:12:14
//!   in           the overlay `clinic`
//!   updated by   the overlay `clinic` at clinic/overlay.journey.yaml:12:14
//!   replacing    Service Manager
//!                written at finance/journey.journey.yaml:30:12, in the base journey `finance`
//! ```

use std::path::PathBuf;

use journeyc::load::{Node, NodeKind};
use journeyc::overlay::select::{self, Explanation, Found};
use journeyc::overlay::{self, Action, Change, Merged};
use journeyc::source::{SourceSet, Span};

use super::discover::discover;
use super::read::{print_diagnostics, read_journey};
use crate::Outcome;

/// Values longer than this many lines are cut, with a count of the rest.
const MAX_VALUE_LINES: usize = 40;

/// The width of the label column, the longest label (`replaced by`) and two
/// spaces.
const LABEL_WIDTH: usize = 13;

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
    let report = Report {
        sources: &sources,
        merged: &merged,
        out: String::new(),
    };
    let text = match found {
        Found::Value(explanation) => report.value(&explanation),
        Found::Removed(change) => report.removal(&args.selector, change),
    };
    print!("{text}");
    Ok(Outcome::Success)
}

/// The text of one answer, built row by row.
struct Report<'a> {
    sources: &'a SourceSet,
    merged: &'a Merged,
    out: String,
}

impl Report<'_> {
    fn value(mut self, found: &Explanation) -> String {
        self.line(&found.path.join("."));
        self.rows("value", &outline(found.value));
        self.row("written at", &self.location(found.value.span));
        self.row("in", &self.layer_of_file(found.value.span));

        for change in &found.changes {
            let by = format!(
                "{} at {}",
                self.layer_of_change(change),
                self.location(change.at)
            );
            self.row(&format!("{} by", change.action.verb()), &by);
            if change.action == Action::Add {
                continue;
            }
            let before = change
                .before
                .as_ref()
                .and_then(|node| select::descend(node, found.below(change)));
            // An item removed by one overlay and added again by a later one.
            let label = if change.action == Action::Remove {
                "removing"
            } else {
                "replacing"
            };
            match before {
                Some(node) => self.former(label, node),
                None => self.row(label, "nothing: it was not set before"),
            }
        }
        let untouched = found.changes.is_empty() && found.inside.is_empty();
        if untouched && self.merged.layers.len() > 1 {
            self.row("changed by", "no overlay");
        }
        for (i, change) in found.inside.iter().enumerate() {
            let text = format!(
                "{}, {} by {} at {}",
                change.path.join("."),
                change.action.verb(),
                self.layer_of_change(change),
                self.location(change.at)
            );
            self.row(if i == 0 { "changed" } else { "" }, &text);
        }
        self.out
    }

    fn removal(mut self, selector: &str, change: &Change) -> String {
        self.line(selector);
        self.row("value", "none: it is not in the merged journey");
        let by = format!(
            "{} at {}",
            self.layer_of_change(change),
            self.location(change.at)
        );
        self.row("removed by", &by);
        let steps: Vec<String> = selector.split('.').map(str::to_owned).collect();
        let below = steps.get(change.path.len()..).unwrap_or(&[]);
        if let Some(node) = change
            .before
            .as_ref()
            .and_then(|n| select::descend(n, below))
        {
            self.former("removing", node);
        }
        self.out
    }

    /// A value an overlay replaced or removed, then where it was written.
    fn former(&mut self, label: &str, node: &Node) {
        self.rows(label, &outline(node));
        let written = format!(
            "written at {}, in {}",
            self.location(node.span),
            self.layer_of_file(node.span)
        );
        self.row("", &written);
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `label` in the label column and `text` after it.
    fn row(&mut self, label: &str, text: &str) {
        let line = format!("  {label:<LABEL_WIDTH$}{text}");
        self.line(line.trim_end());
    }

    /// The first line with the label, the others under it.
    fn rows(&mut self, label: &str, lines: &[String]) {
        for (i, text) in lines.iter().enumerate() {
            self.row(if i == 0 { label } else { "" }, text);
        }
    }

    fn location(&self, span: Span) -> String {
        let name = self.sources.get(span.file).map_or("?", |f| f.name.as_str());
        format!("{name}:{}", span.start)
    }

    /// Which journey a file belongs to, as the reader knows it.
    fn layer_of_file(&self, span: Span) -> String {
        match self.merged.layer_of(span.file) {
            Some(layer) if self.merged.layers.len() == 1 => {
                format!("the journey `{}`", layer.dir)
            }
            Some(layer) if layer.is_overlay => format!("the overlay `{}`", layer.dir),
            Some(layer) => format!("the base journey `{}`", layer.dir),
            None => "an unknown journey".to_owned(),
        }
    }

    fn layer_of_change(&self, change: &Change) -> String {
        self.merged.layers.get(change.layer).map_or_else(
            || "an overlay".to_owned(),
            |l| format!("the overlay `{}`", l.dir),
        )
    }
}

/// A value as lines to read: a scalar on one line, a mapping or list as a
/// YAML-like outline, at most [`MAX_VALUE_LINES`] lines.
fn outline(node: &Node) -> Vec<String> {
    let mut lines = Vec::new();
    match scalar(node) {
        Some(text) => lines.push(text),
        None => block(node, "", &mut lines),
    }
    let total = lines.len();
    if total > MAX_VALUE_LINES {
        lines.truncate(MAX_VALUE_LINES);
        lines.push(format!("… {} more lines", total - MAX_VALUE_LINES));
    }
    lines
}

/// A scalar as one line; `None` for collections and multi-line text.
fn scalar(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::Seq(items) if items.is_empty() => Some("[]".to_owned()),
        NodeKind::Map(entries) if entries.is_empty() => Some("{}".to_owned()),
        NodeKind::Str(text) if text.contains('\n') => None,
        NodeKind::Str(text) if text.is_empty() => Some("\"\"".to_owned()),
        _ => node.scalar_text(),
    }
}

/// The lines of a collection or multi-line text, each starting with `pad`.
/// List items that are mappings start on the `- ` line, as YAML writes them.
fn block(node: &Node, pad: &str, lines: &mut Vec<String>) {
    let deeper = format!("{pad}  ");
    match &node.kind {
        NodeKind::Map(entries) => {
            for entry in entries {
                match scalar(&entry.value) {
                    Some(text) => lines.push(format!("{pad}{}: {text}", entry.key)),
                    None => {
                        let marker = if matches!(entry.value.kind, NodeKind::Str(_)) {
                            " |"
                        } else {
                            ""
                        };
                        lines.push(format!("{pad}{}:{marker}", entry.key));
                        block(&entry.value, &deeper, lines);
                    }
                }
            }
        }
        NodeKind::Seq(items) => {
            for item in items {
                match scalar(item) {
                    Some(text) => lines.push(format!("{pad}- {text}")),
                    None => {
                        let mut inner = Vec::new();
                        block(item, "", &mut inner);
                        for (i, line) in inner.into_iter().enumerate() {
                            let lead = if i == 0 { "- " } else { "  " };
                            lines.push(format!("{pad}{lead}{line}"));
                        }
                    }
                }
            }
        }
        NodeKind::Str(text) => lines.extend(text.lines().map(|l| format!("{pad}{l}"))),
        _ => lines.extend(node.scalar_text().map(|t| format!("{pad}{t}"))),
    }
}
