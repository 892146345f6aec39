//! Findings that an overlay's removal caused in values it did not touch.
//!
//! When an overlay removes an item that the base still names elsewhere (the
//! event a stage criterion logs, the owner of a touchpoint), the finding is
//! reported where the name is written, in the base, as it should be. On its
//! own it would say "define it under `events`", although the base does
//! define it; the reader needs to learn that an overlay removed it, and
//! where. [`explain_removals`] adds that place and says what to do instead;
//! `check_journey` runs it on the findings of every overlay journey.

use std::collections::HashMap;

use super::{Action, Change};
use crate::diagnostic::{Diagnostic, Label};
use crate::resolve::{Index, Reference};
use crate::source::Span;

/// Point every finding at an unresolved reference to an item an overlay
/// removed also at the removal, with help that names both ways out.
/// `index` is the merged journey's; findings at other places are left as
/// they are.
pub fn explain_removals(changes: &[Change], index: &Index, diagnostics: &mut [Diagnostic]) {
    let removed: HashMap<(&str, &str), &Change> = changes
        .iter()
        .filter(|c| c.action == Action::Remove)
        .filter_map(|c| match c.path.as_slice() {
            [section, id] => Some(((section.as_str(), id.as_str()), c)),
            _ => None,
        })
        .collect();
    if removed.is_empty() {
        return;
    }

    let mut dangling: HashMap<Span, (&Reference, &Change)> = HashMap::new();
    for reference in &index.references {
        let id = reference.id.as_str();
        if index.contains(reference.kind, id) {
            continue;
        }
        if let Some(&change) = removed.get(&(reference.kind.section(), id)) {
            dangling.insert(reference.id.span, (reference, change));
        }
    }

    for diagnostic in diagnostics {
        let Some((reference, change)) = dangling.get(&diagnostic.primary.span) else {
            continue;
        };
        let noun = reference.kind.noun();
        let id = reference.id.as_str();
        diagnostic.secondary.push(Label::new(
            change.at,
            format!("the overlay removes {noun} `{id}` here"),
        ));
        diagnostic.help = Some(format!(
            "an overlay removes this {noun}, but this value still names it: keep the {noun} (take `{id}` out of `remove:`), or change this value under `update:` as well"
        ));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::source::{SourceFile, SourceSet};

    #[test]
    fn a_reference_to_a_removed_item_also_points_at_the_removal() {
        let mut sources = SourceSet::new();
        let overlay = sources.add(SourceFile::new(
            "clinic/o.journey.yaml".to_owned(),
            "overlay: { base: ../base }\nremove:\n  owners: [sam]\n".to_owned(),
        ));
        let base = sources.add(SourceFile::new(
            "base/j.journey.yaml".to_owned(),
            "journey: { id: j, name: J, owner: dana }\nowners:\n  - { id: dana, name: Dana }\n  - { id: sam, name: Sam }\ntouchpoints:\n  - { id: qbr, name: QBR, owner: sam }\n".to_owned(),
        ));
        let files = [overlay, base];
        // `check_journey` explains removals itself.
        let checked = crate::check_journey(&sources, &files, Vec::new());

        let finding = checked
            .diagnostics
            .iter()
            .find(|d| d.message == "unknown owner `sam`")
            .unwrap();
        assert_eq!(finding.primary.span.file, base);
        assert_eq!(finding.secondary.len(), 1);
        assert_eq!(finding.secondary[0].span.file, overlay);
        assert_eq!(finding.secondary[0].span.start.line, 3);
        assert!(finding.help.as_deref().unwrap().contains("`remove:`"));
    }
}
