//! The files a build produces, collected in memory.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;

/// One generated file: a path relative to the output directory, with `/`
/// separators, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    pub path: String,
    pub contents: Vec<u8>,
}

/// Collects files and problems while the emitters run.
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
    problems: Vec<Diagnostic>,
}

impl Output {
    /// Add a file. Two emitters writing the same path is a bug in journeyc,
    /// caught by the test suite; the later write wins.
    pub fn file(&mut self, path: impl Into<String>, contents: impl Into<Vec<u8>>) {
        let path = path.into();
        debug_assert!(!self.files.contains_key(&path), "two emitters wrote {path}");
        self.files.insert(path, contents.into());
    }

    /// Add a JSON file, pretty-printed with a final newline.
    pub fn json(&mut self, path: impl Into<String>, value: &impl serde::Serialize) {
        let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
        text.push('\n');
        self.file(path, text);
    }

    pub fn problem(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    /// The files sorted by path, or the problems if there were any.
    pub fn finish(self) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        if !self.problems.is_empty() {
            let mut problems = self.problems;
            crate::diagnostic::sort(&mut problems);
            return Err(problems);
        }
        Ok(self
            .files
            .into_iter()
            .map(|(path, contents)| Artifact { path, contents })
            .collect())
    }
}

/// Append one RFC 4180 record to `csv`: fields quoted when they hold a comma,
/// a quote or a line break, quotes doubled, CRLF at the end.
pub fn csv_record<S: AsRef<str>>(csv: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, field) in fields.into_iter().enumerate() {
        let field = field.as_ref();
        if i > 0 {
            csv.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            csv.push('"');
            csv.push_str(&field.replace('"', "\"\""));
            csv.push('"');
        } else {
            csv.push_str(field);
        }
    }
    csv.push_str("\r\n");
}
