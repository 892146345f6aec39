//! Unit tests of the merge: what end-to-end fixtures cannot reach easily
//! (a base without a section) and the bookkeeping of removals.
#![allow(clippy::unwrap_used)]

use crate::load::NodeKind;
use crate::overlay::{Action, Merged, merge};
use crate::source::{SourceFile, SourceSet};

/// Merge an overlay file over one base file.
fn merged(overlay: &str, base: &str) -> Merged {
    let mut sources = SourceSet::new();
    let files = [
        sources.add(SourceFile::new(
            "o/o.journey.yaml".to_owned(),
            overlay.to_owned(),
        )),
        sources.add(SourceFile::new(
            "b/b.journey.yaml".to_owned(),
            base.to_owned(),
        )),
    ];
    merge(&sources, &files, &[])
}

/// The ids of a list section across the merged parts, in order.
fn ids(merged: &Merged, section: &str) -> Vec<String> {
    merged
        .parts
        .iter()
        .filter_map(|(_, root)| root.get(section))
        .flat_map(|e| match &e.value.kind {
            NodeKind::Seq(items) => items.clone(),
            _ => Vec::new(),
        })
        .filter_map(|item| item.get("id")?.value.scalar_text())
        .collect()
}

#[test]
fn a_section_the_base_lacks_is_added() {
    let m = merged(
        "overlay: { base: ../b }\nsegment: { id: s, name: S }\n",
        "journey: { id: j, name: J }\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(m.changes.len(), 1);
    assert_eq!(m.changes[0].action, Action::Add);
    assert_eq!(m.changes[0].path, ["segment"]);
    assert!(m.changes[0].before.is_none());
    assert!(
        m.parts
            .iter()
            .any(|(_, root)| root.get("segment").is_some())
    );
}

#[test]
fn removals_and_replaced_sections_in_one_base_file_keep_their_places() {
    let m = merged(
        "overlay: { base: ../b }\nsegment: { id: s2, name: S2 }\nremove:\n  touchpoints: [b, d]\n",
        "journey: { id: j, name: J }\nsegment: { id: s1, name: S1 }\ntouchpoints:\n  - { id: a, name: A }\n  - { id: b, name: B }\n  - { id: c, name: C }\n  - { id: d, name: D }\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(ids(&m, "touchpoints"), ["a", "c"]);
    let segments: Vec<String> = m
        .parts
        .iter()
        .filter_map(|(_, root)| root.get("segment")?.value.get("id")?.value.scalar_text())
        .collect();
    assert_eq!(segments, ["s2"]);
}

#[test]
fn new_items_follow_the_base_items_and_replacements_keep_the_base_order() {
    let m = merged(
        "overlay: { base: ../b }\nadd:\n  owners: [{ id: z, name: Z }]\nreplace:\n  owners: [{ id: a, name: A2 }]\n",
        "owners:\n  - { id: a, name: A }\n  - { id: b, name: B }\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(ids(&m, "owners"), ["a", "b", "z"]);
    let actions: Vec<Action> = m.changes.iter().map(|c| c.action).collect();
    assert_eq!(actions, [Action::Add, Action::Replace]);
}

#[test]
fn a_merge_with_structural_problems_changes_nothing() {
    let m = merged(
        "overlay: { base: ../b }\nremove:\n  owners: [a]\nowners: []\n",
        "owners:\n  - { id: a, name: A }\n",
    );
    assert_eq!(m.diagnostics.len(), 1, "{:?}", m.diagnostics);
    assert_eq!(m.diagnostics[0].code.code, "JC805");
    assert!(m.changes.is_empty());
}
