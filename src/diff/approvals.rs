//! Approved changes: the journey's `approved_changes` matched against the
//! changes `journeyc diff` found.
//!
//! A team that removes a stage on purpose writes the approval into the
//! journey, in the same pull request, so reviewers see it next to the
//! change. An approved change is still reported, with who approved it and
//! why, but it no longer fails `--fail-on`. Approvals are read from the new
//! version: that is where a pull request adds them. An approval that matches
//! nothing is reported too (it may be misspelt, or describe a change that has
//! already merged and can be removed), but never fails the command.

use super::Row;
use crate::model::Journey;
use crate::source::SourceSet;

/// One approval of a journey, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    /// The approval's own id.
    pub id: String,
    /// The kind of change it approves (a check id).
    pub change: String,
    /// The change's subject, as `journeyc diff` prints it.
    pub subject: String,
    /// Who approved it, as people read it: `Dana Reyes (dana)`.
    pub approved_by: String,
    pub reason: String,
    /// Where the approval is written (its `id`).
    pub file: Option<String>,
    pub line: u32,
    pub column: u32,
}

impl Approval {
    /// `file:line:col` of the approval, when its file is known.
    pub fn location(&self) -> Option<String> {
        self.file
            .as_ref()
            .map(|f| format!("{f}:{}:{}", self.line, self.column))
    }
}

/// Mark the rows of one journey that its approvals cover, and return the
/// approvals that cover no row. `rows` are the changes of `journey` only;
/// `sources` are the files of its new version.
pub fn apply(journey: &Journey, rows: &mut [Row], sources: &SourceSet) -> Vec<Approval> {
    let mut unused = Vec::new();
    for approval in &journey.approved_changes {
        let owner = approval.approved_by.as_str();
        let approved_by = journey
            .owners
            .iter()
            .find(|o| o.id.as_str() == owner)
            .map_or_else(
                || owner.to_owned(),
                |o| format!("{} ({owner})", o.name.value),
            );
        let span = approval.id.span;
        let printed = Approval {
            id: approval.id.to_string(),
            change: approval.change.to_string(),
            subject: approval.subject.value.trim().to_owned(),
            approved_by,
            reason: approval.reason.value.trim().to_owned(),
            file: sources.get(span.file).map(|f| f.name.clone()),
            line: span.start.line,
            column: span.start.col,
        };
        // The changes the approval names, and the changes traced to the
        // same place: journeyc derives those from the same item (the CRM
        // properties, pick-list values and pipeline stages of a removed
        // stage), so one approval is enough for one decision.
        let named = |r: &Row| r.id == printed.change && r.subject == printed.subject;
        let places: Vec<&Row> = rows
            .iter()
            .filter(|r| named(r) && r.file.is_some())
            .collect();
        let covered: Vec<bool> = rows
            .iter()
            .map(|r| named(r) || places.iter().any(|p| same_place(p, r)))
            .collect();
        let used = rows.iter().any(named);
        for (row, covered) in rows.iter_mut().zip(covered) {
            // The first approval of a change wins; a second one for the same
            // change is still a use, not a stale entry.
            if covered && row.approval.is_none() {
                row.approval = Some(printed.clone());
            }
        }
        if !used {
            unused.push(printed);
        }
    }
    unused
}

/// Whether two changes are written at the same place of the same version.
fn same_place(a: &Row, b: &Row) -> bool {
    a.file.is_some()
        && a.file == b.file
        && a.version == b.version
        && (a.line, a.column) == (b.line, b.column)
}
