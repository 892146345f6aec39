//! Reading a deal file: the same loader, schema check and model reader as a
//! journey file, so a mistake in a deal is reported at its exact line and
//! column, worded as it would be in a journey.

use super::deal::Deal;
use crate::diagnostic::{self, Diagnostic};
use crate::load;
use crate::model;
use crate::schema;
use crate::source::{FileId, SourceSet};

/// Load the deal in `file`, validate it against `schemas/deal.schema.json`
/// and read it into the model. The deal is returned only when the file is
/// structurally sound; the diagnostics are every problem found, sorted.
pub fn load_deal(sources: &SourceSet, file: FileId) -> (Option<Deal>, Vec<Diagnostic>) {
    let Some(source) = sources.get(file) else {
        return (None, Vec::new());
    };

    let loaded = load::load_str(file, &source.text);
    let mut problems = loaded.diagnostics;
    let Some(root) = loaded.root else {
        return (None, problems);
    };

    // The schema speaks first: its messages name keys and allowed values,
    // where the model reader could only say that a value cannot be read.
    problems.extend(schema::DEAL.validate(&root));
    if !problems.is_empty() {
        diagnostic::sort(&mut problems);
        return (None, problems);
    }

    match model::de::from_node::<Deal>(&root) {
        Ok(deal) => (Some(deal), problems),
        Err(err) => {
            problems.push(err.diagnostic(file, "the deal file reference in docs/format.md"));
            (None, problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use crate::source::SourceFile;

    fn load(text: &str) -> (Option<Deal>, Vec<Diagnostic>, SourceSet) {
        let mut sources = SourceSet::new();
        let file = sources.add(SourceFile::new("test.deal.yaml", text));
        let (deal, problems) = load_deal(&sources, file);
        (deal, problems, sources)
    }

    const MINIMAL: &str = "\
id: acme-2026
client: Acme Credit Union
segment: finance-20-150
seats: 85
signed_on: 2026-03-02
kickoff_on: 2026-03-09
package: managed-secure
sla_tier: gold
";

    #[test]
    fn a_minimal_deal_reads_with_spans() {
        let (deal, problems, _) = load(MINIMAL);
        assert!(problems.is_empty(), "{problems:?}");
        let deal = deal.expect("a sound deal is returned");
        assert_eq!(deal.id.as_str(), "acme-2026");
        assert_eq!(deal.seats.value, 85);
        assert_eq!(deal.kickoff_on.value.0, "2026-03-09");
        // The value after `kickoff_on: ` on line 6.
        assert_eq!(
            (
                deal.kickoff_on.span.start.line,
                deal.kickoff_on.span.start.col
            ),
            (6, 13)
        );
    }

    #[test]
    fn an_unknown_key_is_reported_at_the_key_with_a_suggestion() {
        let text = format!("{MINIMAL}sla_teir: gold\n");
        let (deal, problems, _) = load(&text);
        assert!(deal.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0];
        assert_eq!(d.code, &codes::UNKNOWN_KEY);
        assert_eq!(
            (d.primary.span.start.line, d.primary.span.start.col),
            (9, 1)
        );
        assert_eq!(d.primary.text, "not a key of the deal format here");
        assert_eq!(d.help.as_deref(), Some("did you mean `sla_tier`?"));
    }

    #[test]
    fn every_schema_problem_is_reported_in_one_run() {
        let text = MINIMAL
            .replace("seats: 85", "seats: eighty")
            .replace("package: managed-secure\n", "");
        let (deal, problems, _) = load(&text);
        assert!(deal.is_none());
        let found: Vec<&str> = problems.iter().map(|d| d.code.code).collect();
        assert_eq!(found.len(), 2, "{problems:?}");
        assert!(
            found.contains(&codes::MISSING_KEY.code),
            "missing key: {found:?}"
        );
        assert!(
            found.contains(&codes::WRONG_TYPE.code),
            "wrong type: {found:?}"
        );
    }

    #[test]
    fn a_yaml_error_stops_before_the_schema() {
        let (deal, problems, _) = load("id: [unclosed\n");
        assert!(deal.is_none());
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
