//! `--format github`: GitHub Actions workflow commands that become
//! annotations on the pull request's changed lines.
//!
//! GitHub shows at most ten error and ten warning annotations per step and
//! drops the rest silently. So the first ten of each become annotations,
//! every other finding is printed as a plain log line (still readable in the
//! step's log, but not an annotation), and one `::notice` gives the totals
//! and says how many were left out.
//!
//! Escaping follows GitHub's toolkit: in the message `%`, CR and LF are
//! percent-encoded; in properties (file, title) also `:` and `,`. Because
//! line breaks are encoded, nothing a journey contains can start a workflow
//! command of its own.

use std::fmt::Write;

use super::{Finding, plural, totals};
use crate::diagnostic::Severity;

/// Annotations GitHub shows per kind (error, warning, notice) and step.
pub const ANNOTATIONS_PER_KIND: usize = 10;

/// The annotations of a run. `journeys` and `files` are for the notice.
pub fn render(findings: &[Finding], journeys: usize, files: usize) -> String {
    let mut out = String::new();
    let mut shown_errors = 0;
    let mut shown_warnings = 0;
    let mut left_out = Vec::new();
    for finding in findings {
        let shown = match finding.severity {
            Severity::Error => &mut shown_errors,
            Severity::Warning => &mut shown_warnings,
        };
        if *shown < ANNOTATIONS_PER_KIND {
            *shown += 1;
            out.push_str(&annotation(finding));
        } else {
            left_out.push(finding);
        }
    }
    for finding in &left_out {
        let _ = writeln!(
            out,
            "  {}:{}:{}: {}[{}] {}",
            escape_data(&finding.place.file),
            finding.place.line,
            finding.place.column,
            finding.severity.as_str(),
            finding.code.code,
            escape_data(&finding.message)
        );
    }

    let checked = format!(
        "checked {} ({})",
        plural(journeys, "journey", "journeys"),
        plural(files, "file", "files")
    );
    let mut notice = if findings.is_empty() {
        format!("journeyc {checked}: no problems found")
    } else {
        format!("journeyc {checked}: {}", totals(findings))
    };
    if !left_out.is_empty() {
        let _ = write!(
            notice,
            ". GitHub shows {ANNOTATIONS_PER_KIND} annotations of each kind per step, so {} are \
             listed only in this step's log; run `journeyc check` locally or upload the SARIF \
             output to see them all",
            plural(left_out.len(), "finding", "findings")
        );
    }
    let _ = writeln!(out, "::notice title=journeyc::{}", escape_data(&notice));
    out
}

/// One `::error` or `::warning` line.
fn annotation(finding: &Finding) -> String {
    let place = &finding.place;
    let mut properties = format!(
        "file={},line={},col={}",
        escape_property(&place.uri),
        place.line,
        place.column
    );
    if !place.is_empty() {
        let _ = write!(
            properties,
            ",endLine={},endColumn={}",
            place.end_line, place.end_column
        );
    }
    let title = format!("{} {}", finding.code.code, finding.code.name);
    let _ = write!(properties, ",title={}", escape_property(&title));

    let mut message = format!("{} ({})", finding.message, finding.label);
    if let Some(help) = &finding.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!(
        "::{} {properties}::{}\n",
        finding.severity.as_str(),
        escape_data(&message)
    )
}

/// Escape a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(
            escape_property("a:b,c%\nd"),
            "a%3Ab%2Cc%25%0Ad",
            "`%` is escaped first, so the escapes themselves are not escaped again"
        );
    }
}
