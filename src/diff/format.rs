//! The output formats of `journeyc diff`: human, json, markdown (a pull
//! request comment) and github (workflow annotations).
//!
//! Every function takes rows already sorted and located and returns the
//! whole text, so the CLI prints it in one write and tests compare it
//! directly.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::json;

use super::{Approval, Level, Row, Version};
use crate::report::github::{ANNOTATIONS_PER_KIND, escape_data, escape_property};

/// GitHub refuses comments longer than this many characters.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// `3 breaking, 1 warning, 2 info` (or `no changes`).
pub fn counts(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "no changes".to_owned();
    }
    let count = |level: Level| rows.iter().filter(|r| r.level == level).count();
    let warnings = count(Level::Warning);
    let approved = rows.iter().filter(|r| r.approval.is_some()).count();
    format!(
        "{} breaking, {} {}, {} info{}",
        count(Level::Breaking),
        warnings,
        if warnings == 1 { "warning" } else { "warnings" },
        count(Level::Info),
        if approved > 0 {
            format!(" ({approved} approved)")
        } else {
            String::new()
        }
    )
}

/// `approved by Dana Reyes (dana) in `retire-pilot` (file:line:col): reason`
fn approved(approval: &Approval) -> String {
    let at = approval
        .location()
        .map_or_else(String::new, |l| format!(" ({l})"));
    format!(
        "approved by {} in `{}`{at}: {}",
        approval.approved_by, approval.id, approval.reason
    )
}

/// What to say of an approval that matched no change.
const UNUSED_APPROVAL: &str = "approves nothing in this comparison: check its `change` and \
                               `subject` against the changes listed, or remove it if its change \
                               has already merged";

/// The approvals that matched no change, as a section of the human output
/// (and a note on standard error beside the JSON output).
pub fn unused_approvals(unused: &[Approval]) -> String {
    let mut out = String::new();
    if unused.is_empty() {
        return out;
    }
    let _ = writeln!(out, "approvals that match no change ({})", unused.len());
    for approval in unused {
        let _ = writeln!(out, "  {}: {}", approval.change, approval.subject);
        let _ = writeln!(out, "    the approval `{}` {UNUSED_APPROVAL}", approval.id);
        if let Some(at) = approval.location() {
            let _ = writeln!(out, "    at {at}");
        }
    }
    out.push('\n');
    out
}

/// `file:line:col`, followed by `(old version)` for a place in the old
/// version: what was removed can only be shown where it used to be.
fn location(row: &Row) -> Option<String> {
    let file = row.file.as_ref()?;
    let suffix = match row.version {
        Some(Version::Old) => " (old version)",
        _ => "",
    };
    Some(format!("{file}:{}:{}{suffix}", row.line, row.column))
}

/// Grouped by level, with counts and locations; then the approvals that
/// matched no change.
pub fn human(rows: &[Row], unused: &[Approval]) -> String {
    let mut out = String::new();
    for level in Level::ALL {
        let group: Vec<&Row> = rows.iter().filter(|r| r.level == level).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{} ({})", level.as_str(), group.len());
        for row in group {
            let _ = writeln!(out, "  {}: {}", row.id, row.subject);
            let _ = writeln!(out, "    {}", row.message);
            if let Some(at) = location(row) {
                let _ = writeln!(out, "    at {at}");
            }
            if let Some(artifact) = &row.artifact {
                let _ = writeln!(out, "    generated: {artifact}");
            }
            if let Some(approval) = &row.approval {
                let _ = writeln!(out, "    {}", approved(approval));
            }
        }
        out.push('\n');
    }
    out.push_str(&unused_approvals(unused));
    let _ = writeln!(out, "{}", counts(rows));
    out
}

/// A JSON array of changes in the order of the other formats, one object
/// per change with every key present, keys sorted:
///
/// - `id`: the check id (`journeyc diff --list-checks`), `level`:
///   `breaking`, `warning` or `info`, `journey`: the `journey.id`;
/// - `subject`: what changed, `message`: what it means;
/// - `file`, `line`, `column` (1-based) and `version` (`old` or `new`):
///   where the item is written, in the new version unless it was removed;
///   all four `null` when the change has no place in a journey file;
/// - `artifact`: the generated file or folder the change is in, or `null`;
/// - `approval`: `null`, or the journey's approval of the change: `id`,
///   `approved_by` (as people read it), `reason`, and the `file`, `line`
///   and `column` of the approval.
///
/// Tests (`tests/diff/harness.rs`) hold every change to this shape.
pub fn json(rows: &[Row]) -> String {
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "level": r.level.as_str(),
                "journey": r.journey,
                "subject": r.subject,
                "message": r.message,
                "file": r.file,
                "line": r.file.as_ref().map(|_| r.line),
                "column": r.file.as_ref().map(|_| r.column),
                "version": r.version.map(Version::as_str),
                "artifact": r.artifact,
                "approval": r.approval.as_ref().map(|a| json!({
                    "id": a.id,
                    "approved_by": a.approved_by,
                    "reason": a.reason,
                    "file": a.file,
                    "line": a.file.as_ref().map(|_| a.line),
                    "column": a.file.as_ref().map(|_| a.column),
                })),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&values).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
        .replace('<', "&lt;")
}

fn table_row(row: &Row, with_level: bool) -> String {
    let at = location(row).map_or_else(String::new, |l| format!("`{}`", cell(&l)));
    let artifact = row
        .artifact
        .as_ref()
        .map_or_else(String::new, |a| format!("<br>generated: `{}`", cell(a)));
    let level = if with_level {
        format!("{} | ", row.level.as_str())
    } else {
        String::new()
    };
    let approval = row.approval.as_ref().map_or_else(String::new, |a| {
        format!(
            "<br>**Approved** by {} in `{}`: {}",
            cell(&a.approved_by),
            cell(&a.id),
            cell(&a.reason)
        )
    });
    format!(
        "| {level}`{}` | {} | {}{approval} | {at}{artifact} |\n",
        row.id,
        cell(&row.subject),
        cell(&row.message)
    )
}

/// A pull-request comment: a title with counts, a table of breaking and
/// warning changes and the info changes folded away. When that would exceed
/// `limit` characters, a summary instead: the number of changes per check,
/// then as many breaking and warning changes as fit.
pub fn markdown(rows: &[Row], unused: &[Approval], limit: usize) -> String {
    let note = markdown_unused(unused);
    let full = markdown_full(rows) + &note;
    if full.chars().count() <= limit {
        return full;
    }
    let room = limit.saturating_sub(note.chars().count());
    markdown_summary(rows, room) + &note
}

/// At most this many unused approvals are named in a comment.
const UNUSED_LISTED: usize = 20;

/// A paragraph naming the approvals that matched no change.
fn markdown_unused(unused: &[Approval]) -> String {
    if unused.is_empty() {
        return String::new();
    }
    let mut names: Vec<String> = unused
        .iter()
        .take(UNUSED_LISTED)
        .map(|a| {
            format!(
                "`{}` (`{}`: {})",
                cell(&a.id),
                cell(&a.change),
                cell(&a.subject)
            )
        })
        .collect();
    if unused.len() > UNUSED_LISTED {
        names.push(format!("and {} more", unused.len() - UNUSED_LISTED));
    }
    format!(
        "\n**{} {} no change**: {}. Each {UNUSED_APPROVAL}.\n",
        unused.len(),
        if unused.len() == 1 {
            "approval matches"
        } else {
            "approvals match"
        },
        names.join(", ")
    )
}

fn title(rows: &[Row]) -> String {
    format!("### journeyc diff: {}\n\n", counts(rows))
}

fn markdown_full(rows: &[Row]) -> String {
    let mut out = title(rows);
    if rows.is_empty() {
        out.push_str("No semantic changes to the journeys.\n");
        return out;
    }
    let important: Vec<&Row> = rows.iter().filter(|r| r.level != Level::Info).collect();
    if !important.is_empty() {
        out.push_str("| level | check | subject | what it means | where |\n");
        out.push_str("| --- | --- | --- | --- | --- |\n");
        for row in important {
            out.push_str(&table_row(row, true));
        }
        out.push('\n');
    }
    let info: Vec<&Row> = rows.iter().filter(|r| r.level == Level::Info).collect();
    if !info.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} info {}</summary>\n",
            info.len(),
            if info.len() == 1 { "change" } else { "changes" }
        );
        out.push_str("| check | subject | what it means | where |\n");
        out.push_str("| --- | --- | --- | --- |\n");
        for row in info {
            out.push_str(&table_row(row, false));
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// Room kept free in a summary for the line saying how many changes were
/// left out.
const SUMMARY_TAIL: usize = 200;

fn markdown_summary(rows: &[Row], limit: usize) -> String {
    let mut out = title(rows);
    let _ = writeln!(
        out,
        "The {} changes are too many to list in one comment, so this is a summary: the number \
         of changes per check, then the breaking changes and warnings that fit. Run \
         `journeyc diff` locally, or read the job log, for every change with its location.\n",
        rows.len()
    );
    let mut per_check: BTreeMap<(Level, usize), (&str, usize)> = BTreeMap::new();
    for row in rows {
        per_check
            .entry((row.level, super::checks::rank(row.id)))
            .or_insert((row.id, 0))
            .1 += 1;
    }
    out.push_str("| level | check | changes |\n| --- | --- | ---: |\n");
    for ((level, _), (id, n)) in per_check {
        let _ = writeln!(out, "| {} | `{id}` | {n} |", level.as_str());
    }
    out.push('\n');

    let important: Vec<&Row> = rows.iter().filter(|r| r.level != Level::Info).collect();
    if important.is_empty() {
        return out;
    }
    let header =
        "| level | check | subject | what it means | where |\n| --- | --- | --- | --- | --- |\n";
    let mut used = out.chars().count() + header.chars().count() + SUMMARY_TAIL;
    let mut table = String::new();
    let mut listed = 0;
    for row in &important {
        let line = table_row(row, true);
        let size = line.chars().count();
        if used + size > limit {
            break;
        }
        used += size;
        table.push_str(&line);
        listed += 1;
    }
    if listed > 0 {
        out.push_str(header);
        out.push_str(&table);
    }
    if listed < important.len() {
        let _ = writeln!(
            out,
            "\n… and {} more breaking changes and warnings, not listed here.",
            important.len() - listed
        );
    }
    out
}

/// The `file`, `line` and `col` properties that place an annotation.
fn place_properties(file: &str, line: u32, column: u32) -> [String; 3] {
    [
        format!("file={}", escape_property(file)),
        format!("line={line}"),
        format!("col={column}"),
    ]
}

/// Workflow annotations: breaking as errors, warnings as warnings, info as
/// notices, at most [`ANNOTATIONS_PER_KIND`] of each, then one notice with
/// the totals. Only places in the new version are annotated on a file: the
/// old version's files are not part of the pull request's tree.
pub fn github(rows: &[Row], unused: &[Approval]) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for level in Level::ALL {
        let command = match level {
            Level::Breaking => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        for row in rows
            .iter()
            .filter(|r| r.level == level)
            .take(ANNOTATIONS_PER_KIND)
        {
            shown += 1;
            let mut properties = Vec::new();
            let mut message = format!("{}: {}", row.subject, row.message);
            // An approved change is shown, but not as a failure.
            let command = match &row.approval {
                Some(approval) => {
                    let _ = write!(message, " ({})", approved(approval));
                    "notice"
                }
                None => command,
            };
            match (&row.file, row.version) {
                (Some(file), Some(Version::New)) => {
                    properties.extend(place_properties(file, row.line, row.column));
                }
                (Some(file), _) => {
                    let _ = write!(message, " (was at {file}:{})", row.line);
                }
                _ => {}
            }
            if let Some(artifact) = &row.artifact {
                let _ = write!(message, " [generated: {artifact}]");
            }
            properties.push(format!(
                "title={}",
                escape_property(&format!("journeyc diff ({})", row.id))
            ));
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            );
        }
    }
    for approval in unused.iter().take(ANNOTATIONS_PER_KIND) {
        let mut properties = Vec::new();
        if let Some(file) = &approval.file {
            properties.extend(place_properties(file, approval.line, approval.column));
        }
        properties.push(format!(
            "title={}",
            escape_property("journeyc diff (unused approval)")
        ));
        let message = format!(
            "{}: {}: the approval `{}` {UNUSED_APPROVAL}",
            approval.change, approval.subject, approval.id
        );
        let _ = writeln!(
            out,
            "::notice {}::{}",
            properties.join(","),
            escape_data(&message)
        );
    }
    let hidden = rows.len() - shown;
    let tail = if hidden > 0 {
        format!(" ({hidden} not shown as annotations; see the job log or the PR comment)")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "::notice title={}::{}",
        escape_property("journeyc diff"),
        escape_data(&format!("{}{tail}", counts(rows)))
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(level: Level, n: usize) -> Row {
        Row {
            level,
            id: "stage-removed",
            journey: "j".to_owned(),
            subject: format!("stage s{n}"),
            message: "50% of deals: lost, gone\nreally".to_owned(),
            file: Some("a,b:c.journey.yaml".to_owned()),
            line: 3,
            column: 5,
            version: Some(Version::New),
            artifact: None,
            approval: None,
        }
    }

    #[test]
    fn github_escapes_and_caps_annotations() {
        let rows: Vec<Row> = (0..12).map(|n| row(Level::Breaking, n)).collect();
        let text = github(&rows, &[]);
        let errors = text.lines().filter(|l| l.starts_with("::error ")).count();
        assert_eq!(errors, ANNOTATIONS_PER_KIND);
        assert!(text.contains("file=a%2Cb%3Ac.journey.yaml,line=3,col=5"));
        assert!(text.contains("50%25 of deals: lost, gone%0Areally"));
        assert!(
            text.ends_with("(2 not shown as annotations; see the job log or the PR comment)\n")
        );
    }

    #[test]
    fn markdown_cells_cannot_break_the_table() {
        let mut r = row(Level::Warning, 1);
        r.message = "a | b\nc <script>".to_owned();
        let text = markdown(&[r], &[], GITHUB_COMMENT_LIMIT);
        assert!(text.contains("a \\| b c &lt;script>"), "{text}");
    }

    #[test]
    fn markdown_summarises_when_over_the_limit() {
        let rows: Vec<Row> = (0..50).map(|n| row(Level::Info, n)).collect();
        let text = markdown(&rows, &[], 1_000);
        assert!(text.chars().count() <= 1_000, "{text}");
        assert!(text.contains("too many to list"));
        assert!(text.contains("| info | `stage-removed` | 50 |"));
    }

    #[test]
    fn a_summary_lists_the_serious_changes_that_fit() {
        let mut rows: Vec<Row> = (0..40).map(|n| row(Level::Breaking, n)).collect();
        rows.extend((0..40).map(|n| row(Level::Info, n)));
        let text = markdown(&rows, &[], 2_000);
        assert!(text.chars().count() <= 2_000, "{text}");
        let listed = text
            .matches("\n| breaking | `stage-removed` | stage s")
            .count();
        assert!(listed > 0 && listed < 40, "{text}");
        assert!(
            text.ends_with(&format!(
                "… and {} more breaking changes and warnings, not listed here.\n",
                40 - listed
            )),
            "{text}"
        );
        assert!(!text.contains("| info | `stage-removed` | stage"), "{text}");
    }
}
