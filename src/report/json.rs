//! `--format json`: one JSON array of findings for the whole run.
//!
//! The shape is part of journeyc's interface (the README documents it): one
//! object per finding, every key always present (`null` when there is no
//! help), keys in the order below, findings in the order of the human
//! output. New keys may be added; existing ones keep their meaning.

use serde::Serialize;

use super::{Finding, Place};

#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    #[serde(flatten)]
    place: Location<'a>,
    related: Vec<RelatedEntry<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    file: &'a str,
    uri: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct RelatedEntry<'a> {
    #[serde(flatten)]
    place: Location<'a>,
    message: &'a str,
}

fn location(place: &Place) -> Location<'_> {
    Location {
        file: &place.file,
        uri: &place.uri,
        line: place.line,
        column: place.column,
        end_line: place.end_line,
        end_column: place.end_column,
    }
}

/// The findings as a pretty-printed JSON array, with a final newline.
pub fn render(findings: &[Finding]) -> String {
    let entries: Vec<Entry<'_>> = findings
        .iter()
        .map(|f| Entry {
            code: f.code.code,
            name: f.code.name,
            severity: f.severity.as_str(),
            message: &f.message,
            label: &f.label,
            help: f.help.as_deref(),
            place: location(&f.place),
            related: f
                .related
                .iter()
                .map(|r| RelatedEntry {
                    place: location(&r.place),
                    message: &r.message,
                })
                .collect(),
        })
        .collect();
    // Serialising plain strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}
