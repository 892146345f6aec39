//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning.
//!
//! One run, tool `journeyc`, with one rule per diagnostic code journeyc
//! knows (not only those that fired, so rule indexes are the same in every
//! run), each with the short description, full description and help that
//! GitHub requires. Results carry the rule id and index, the level as the
//! project's configuration set it, the message, and the region with start
//! and end. URIs are relative to the repository root, which is how GitHub
//! matches alerts to files in the checkout; columns count Unicode code
//! points, as journeyc does everywhere, and the run says so (`columnKind`).
//!
//! No `partialFingerprints`: `github/codeql-action/upload-sarif` computes
//! them from the file contents, which journeyc cannot do better.

use serde_json::{Value, json};

use super::{Finding, Place};
use crate::codes::Code;

/// The schema GitHub's documentation names for SARIF 2.1.0.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub refuses descriptions longer than this.
const MAX_DESCRIPTION: usize = 1024;

/// The SARIF log of a run, pretty-printed, with a final newline.
pub fn render(findings: &[Finding]) -> String {
    let codes: Vec<&'static Code> = crate::rules::all_codes().collect();
    let rules: Vec<Value> = codes.iter().map(|code| rule(code)).collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|finding| {
            let index = codes.iter().position(|c| std::ptr::eq(*c, finding.code));
            result(finding, index)
        })
        .collect();

    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "journeyc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    // Serialising a `Value` cannot fail.
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// The reporting descriptor of one code.
fn rule(code: &Code) -> Value {
    json!({
        "id": code.code,
        "name": code.name,
        "shortDescription": { "text": limit(code.summary) },
        "fullDescription": { "text": limit(&what_it_checks(code.doc)) },
        "help": {
            "text": code.doc.trim(),
            "markdown": code.doc.trim(),
        },
        "defaultConfiguration": { "level": code.severity.as_str() },
        "properties": {
            "tags": [code.phase.as_str()],
            "problem.severity": code.severity.as_str(),
        }
    })
}

fn result(finding: &Finding, rule_index: Option<usize>) -> Value {
    let mut text = format!("{} ({})", finding.message, finding.label);
    if let Some(help) = &finding.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": finding.code.code,
        "level": finding.severity.as_str(),
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical(&finding.place) }],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !finding.related.is_empty() {
        let related: Vec<Value> = finding
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                json!({
                    "id": id,
                    "physicalLocation": physical(&r.place),
                    "message": { "text": r.message },
                })
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    result
}

fn physical(place: &Place) -> Value {
    let mut region = json!({
        "startLine": place.line,
        "startColumn": place.column,
    });
    if !place.is_empty() {
        region["endLine"] = json!(place.end_line);
        region["endColumn"] = json!(place.end_column);
    }
    json!({
        "artifactLocation": { "uri": uri(&place.uri) },
        "region": region,
    })
}

/// The body of a code's "What it checks" section, or its whole doc when it
/// has none.
fn what_it_checks(doc: &str) -> String {
    let body = doc
        .split_once("## What it checks")
        .map_or(doc, |(_, rest)| rest);
    let body = body.split("\n## ").next().unwrap_or(body);
    body.trim().to_owned()
}

/// Cut a description to GitHub's limit, at a character boundary.
fn limit(text: &str) -> String {
    if text.chars().count() <= MAX_DESCRIPTION {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION - 1).collect();
    format!("{cut}…")
}

/// A path as a URI reference: relative paths stay relative (GitHub resolves
/// them against the checkout), absolute ones become `file://` URIs; bytes
/// outside the unreserved set are percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri("journeys/a b/x.journey.yaml"),
            "journeys/a%20b/x.journey.yaml"
        );
        assert_eq!(uri("/abs/ü.yaml"), "file:///abs/%C3%BC.yaml");
        assert_eq!(uri("../up/x.yaml"), "../up/x.yaml");
    }

    #[test]
    fn descriptions_fit_github_limits() {
        for code in crate::rules::all_codes() {
            let full = limit(&what_it_checks(code.doc));
            assert!(!full.is_empty(), "{} has no description", code.code);
            assert!(full.chars().count() <= MAX_DESCRIPTION);
            assert!(code.summary.chars().count() <= MAX_DESCRIPTION);
        }
        let long = "x".repeat(2000);
        assert_eq!(limit(&long).chars().count(), MAX_DESCRIPTION);
    }
}
