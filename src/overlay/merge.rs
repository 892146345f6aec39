//! Applying overlays to the node trees of their base, layer by layer.
//!
//! Items are found by id through an index of the parts built once per layer,
//! so an overlay costs time in proportion to the base's size, not to the
//! product of the two. Replacements and updates happen in place (the merged
//! journey keeps the base's order); removals are applied after every change
//! of the layer has been found, so positions in the index stay valid; new
//! items and sections go into a part of their own for each overlay file,
//! after the base's parts.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::codes::{ADD_EXISTING, CONFLICT, UNKNOWN_TARGET};
use super::layers::LayerTrees;
use super::{Action, Change, LIST_SECTIONS, Merged, SINGLE_SECTIONS, listing};
use crate::diagnostic::{Diagnostic, shorten};
use crate::load::{Entry, Node, NodeKind};
use crate::schema;
use crate::source::{FileId, Span};
use crate::suggest;

/// Apply every overlay layer of `merged` to the bottom layer; the result is
/// `merged.parts`. Parts changed by an `update` are checked against the
/// schema again, since the fields merged into them were not checked with
/// the item they now belong to.
pub(super) fn apply_all(merged: &mut Merged, layer_trees: LayerTrees) {
    let mut layers = layer_trees.into_iter();
    let mut parts = layers.next().unwrap_or_default();
    let mut touched = BTreeSet::new();
    for (offset, overlay) in layers.enumerate() {
        let layer = offset + 1;
        let base_dir = merged
            .layers
            .get(offset)
            .map_or_else(String::new, |l| l.dir.clone());
        let mut state = Layer {
            layer,
            base_dir: &base_dir,
            changes: &mut merged.changes,
            diagnostics: &mut merged.diagnostics,
            touched: &mut touched,
            changed: HashMap::new(),
            added: added_ids(&overlay),
        };
        state.apply(overlay, &mut parts);
    }
    for &part in &touched {
        if let Some((_, root)) = parts.get(part) {
            merged.diagnostics.extend(schema::validate(root));
        }
    }
    merged.parts = parts;
}

/// Where an item or section sits in the parts.
#[derive(Clone, Copy)]
struct At {
    part: usize,
    entry: usize,
    item: usize,
}

/// The base's items by section and id, and its single-valued sections.
struct Index {
    items: HashMap<(&'static str, String), At>,
    /// The sections that hold each id, to tell an overlay that names an id
    /// under the wrong section where it is.
    sections_of: HashMap<String, Vec<&'static str>>,
    sections: HashMap<&'static str, At>,
}

impl Index {
    fn build(parts: &[(FileId, Node)]) -> Index {
        let mut index = Index {
            items: HashMap::new(),
            sections_of: HashMap::new(),
            sections: HashMap::new(),
        };
        for (part, (_, root)) in parts.iter().enumerate() {
            let NodeKind::Map(entries) = &root.kind else {
                continue;
            };
            for (entry, e) in entries.iter().enumerate() {
                let at = At {
                    part,
                    entry,
                    item: 0,
                };
                if let Some(section) = known(SINGLE_SECTIONS, &e.key) {
                    index.sections.entry(section).or_insert(at);
                    continue;
                }
                let Some(section) = known(LIST_SECTIONS, &e.key) else {
                    continue;
                };
                let NodeKind::Seq(items) = &e.value.kind else {
                    continue;
                };
                for (item, node) in items.iter().enumerate() {
                    if let Some((id, _)) = id_of(node) {
                        // The first of two equal ids wins; the duplicate-id
                        // rule reports the second.
                        index
                            .items
                            .entry((section, id.to_owned()))
                            .or_insert(At { item, ..at });
                        let holders = index.sections_of.entry(id.to_owned()).or_default();
                        if !holders.contains(&section) {
                            holders.push(section);
                        }
                    }
                }
            }
        }
        index
    }

    /// The base's ids in a section, sorted, for suggestions and help.
    fn ids(&self, section: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .items
            .keys()
            .filter(|(s, _)| *s == section)
            .map(|(_, id)| id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// The state of applying one overlay layer.
struct Layer<'a> {
    layer: usize,
    base_dir: &'a str,
    changes: &'a mut Vec<Change>,
    diagnostics: &'a mut Vec<Diagnostic>,
    touched: &'a mut BTreeSet<usize>,
    /// What this layer already changed, by section and id, to report a
    /// second change of the same thing.
    changed: HashMap<(&'static str, Option<String>), Span>,
    /// The ids this layer adds, by section, to explain a `replace`,
    /// `update` or `remove` of one of them.
    added: HashSet<(&'static str, String)>,
}

impl Layer<'_> {
    fn apply(&mut self, overlay: Vec<(FileId, Node)>, parts: &mut Vec<(FileId, Node)>) {
        let index = Index::build(parts);
        let mut removed_items: BTreeMap<(usize, usize), BTreeSet<usize>> = BTreeMap::new();
        let mut removed_sections: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut new_parts = Vec::new();

        for (file, root) in overlay {
            let span = root.span;
            let NodeKind::Map(entries) = root.kind else {
                continue;
            };
            let mut own = Vec::new();
            for entry in entries {
                let key = entry.key.as_str();
                if let Some(section) = known(SINGLE_SECTIONS, key) {
                    if !self.first_change(section, None, entry.key_span) {
                        continue;
                    }
                    let (action, before) = match index.sections.get(section) {
                        Some(&at) => {
                            removed_sections.insert((at.part, at.entry));
                            (Action::Replace, section_node(parts, at).cloned())
                        }
                        None => (Action::Add, None),
                    };
                    self.record(vec![section.to_owned()], action, entry.key_span, before);
                    own.push(entry);
                    continue;
                }
                let NodeKind::Map(sections) = entry.value.kind else {
                    continue;
                };
                match key {
                    "add" => own.extend(self.add(sections, &index)),
                    "replace" => self.replace(sections, &index, parts),
                    "update" => self.update(sections, &index, parts),
                    "remove" => {
                        for at in self.remove(sections, &index, parts) {
                            removed_items
                                .entry((at.part, at.entry))
                                .or_default()
                                .insert(at.item);
                        }
                    }
                    _ => {}
                }
            }
            if !own.is_empty() {
                new_parts.push((
                    file,
                    Node {
                        span,
                        kind: NodeKind::Map(own),
                    },
                ));
            }
        }

        for ((part, entry), items) in removed_items {
            if let Some(NodeKind::Seq(list)) = parts
                .get_mut(part)
                .and_then(|(_, root)| entries_mut(root))
                .and_then(|entries| entries.get_mut(entry))
                .map(|e| &mut e.value.kind)
            {
                let mut position = 0;
                list.retain(|_| {
                    let keep = !items.contains(&position);
                    position += 1;
                    keep
                });
            }
        }
        for &(part, entry) in removed_sections.iter().rev() {
            if let Some(entries) = parts.get_mut(part).and_then(|(_, root)| entries_mut(root))
                && entry < entries.len()
            {
                entries.remove(entry);
            }
        }
        parts.extend(new_parts);
    }

    /// New items: checked against the base's ids and kept, by section, for
    /// the overlay file's own part.
    fn add(&mut self, sections: Vec<Entry>, index: &Index) -> Vec<Entry> {
        let mut own = Vec::new();
        for entry in sections {
            let Some(section) = known(LIST_SECTIONS, &entry.key) else {
                continue;
            };
            let NodeKind::Seq(items) = entry.value.kind else {
                continue;
            };
            let mut kept = Vec::new();
            for item in items {
                let Some((id, id_span)) = id_of(&item).map(|(i, s)| (i.to_owned(), s)) else {
                    continue;
                };
                if index.items.contains_key(&(section, id.clone())) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &ADD_EXISTING,
                            format!(
                                "the base journey already has {} {} `{}`",
                                article(noun(section)),
                                noun(section),
                                shorten(&id)
                            ),
                            id_span,
                            "this id is taken",
                        )
                        .with_help(format!(
                            "to change the base's {0}, list it under `replace:` (the whole item) or `update:` (the fields that change); a new {0} needs an id of its own",
                            noun(section)
                        )),
                    );
                    continue;
                }
                if !self.first_change(section, Some(&id), id_span) {
                    continue;
                }
                self.record(vec![section.to_owned(), id], Action::Add, item.span, None);
                kept.push(item);
            }
            own.push(Entry {
                key: entry.key,
                key_span: entry.key_span,
                value: Node {
                    span: entry.value.span,
                    kind: NodeKind::Seq(kept),
                },
            });
        }
        own
    }

    /// Whole items in place of the base's.
    fn replace(&mut self, sections: Vec<Entry>, index: &Index, parts: &mut [(FileId, Node)]) {
        for entry in sections {
            let Some(section) = known(LIST_SECTIONS, &entry.key) else {
                continue;
            };
            let NodeKind::Seq(items) = entry.value.kind else {
                continue;
            };
            for item in items {
                let Some((id, id_span)) = id_of(&item).map(|(i, s)| (i.to_owned(), s)) else {
                    continue;
                };
                let Some(at) = self.target(index, section, &id, id_span, Action::Replace) else {
                    continue;
                };
                let span = item.span;
                let before = item_mut(parts, at).map(|slot| std::mem::replace(slot, item));
                self.record(vec![section.to_owned(), id], Action::Replace, span, before);
            }
        }
    }

    /// Fields merged into base items and single-valued sections.
    fn update(&mut self, sections: Vec<Entry>, index: &Index, parts: &mut [(FileId, Node)]) {
        for entry in sections {
            if let Some(section) = known(SINGLE_SECTIONS, &entry.key) {
                if !self.first_change(section, None, entry.key_span) {
                    continue;
                }
                let Some(&at) = index.sections.get(section) else {
                    self.diagnostics.push(
                        Diagnostic::new(
                            &UNKNOWN_TARGET,
                            format!("the base journey has no `{section}` section to update"),
                            entry.key_span,
                            "nothing to update",
                        )
                        .with_help(format!(
                            "write the whole `{section}:` section at the top of the overlay instead"
                        )),
                    );
                    continue;
                };
                let NodeKind::Map(fields) = entry.value.kind else {
                    continue;
                };
                let target = section_node_mut(parts, at);
                self.merge_fields(target, fields, &[section.to_owned()]);
                self.touched.insert(at.part);
                continue;
            }
            let Some(section) = known(LIST_SECTIONS, &entry.key) else {
                continue;
            };
            let NodeKind::Seq(items) = entry.value.kind else {
                continue;
            };
            for item in items {
                let Some((id, id_span)) = id_of(&item).map(|(i, s)| (i.to_owned(), s)) else {
                    continue;
                };
                let Some(at) = self.target(index, section, &id, id_span, Action::Update) else {
                    continue;
                };
                let NodeKind::Map(fields) = item.kind else {
                    continue;
                };
                let fields = fields.into_iter().filter(|f| f.key != "id").collect();
                let target = item_mut(parts, at);
                self.merge_fields(target, fields, &[section.to_owned(), id]);
                self.touched.insert(at.part);
            }
        }
    }

    /// Set each field on the target mapping, recording what it replaced.
    fn merge_fields(&mut self, target: Option<&mut Node>, fields: Vec<Entry>, path: &[String]) {
        let Some(NodeKind::Map(entries)) = target.map(|t| &mut t.kind) else {
            return;
        };
        for field in fields {
            let mut field_path = path.to_vec();
            field_path.push(field.key.clone());
            let span = field.value.span;
            let before = match entries.iter_mut().find(|e| e.key == field.key) {
                Some(existing) => {
                    existing.key_span = field.key_span;
                    Some(std::mem::replace(&mut existing.value, field.value))
                }
                None => {
                    entries.push(field);
                    None
                }
            };
            self.record(field_path, Action::Update, span, before);
        }
    }

    /// Ids to drop, with where they are; recorded with the dropped item.
    fn remove(
        &mut self,
        sections: Vec<Entry>,
        index: &Index,
        parts: &mut [(FileId, Node)],
    ) -> Vec<At> {
        let mut found = Vec::new();
        for entry in sections {
            let Some(section) = known(LIST_SECTIONS, &entry.key) else {
                continue;
            };
            let NodeKind::Seq(ids) = entry.value.kind else {
                continue;
            };
            for id_node in ids {
                let NodeKind::Str(id) = id_node.kind else {
                    continue;
                };
                let Some(at) = self.target(index, section, &id, id_node.span, Action::Remove)
                else {
                    continue;
                };
                let before = item_mut(parts, at).map(|n| n.clone());
                self.record(
                    vec![section.to_owned(), id],
                    Action::Remove,
                    id_node.span,
                    before,
                );
                found.push(at);
            }
        }
        found
    }

    /// The base item an action names, or a diagnostic at the id when there
    /// is none or it was already changed by this overlay.
    fn target(
        &mut self,
        index: &Index,
        section: &'static str,
        id: &str,
        span: Span,
        action: Action,
    ) -> Option<At> {
        let Some(&at) = index.items.get(&(section, id.to_owned())) else {
            let verb = match action {
                Action::Replace => "replace",
                Action::Update => "update",
                _ => "remove",
            };
            let added_here = self.added.contains(&(section, id.to_owned()));
            let (headline, help) = if added_here {
                (
                    format!(
                        "{} `{}` is added by this overlay, so there is no base item to {verb}",
                        noun(section),
                        shorten(id)
                    ),
                    match action {
                        Action::Remove => "to leave it out, delete it from `add:`".to_owned(),
                        _ => "write the fields it should have in its item under `add:`".to_owned(),
                    },
                )
            } else {
                (
                    format!(
                        "the base journey has no {} `{}`",
                        noun(section),
                        shorten(id)
                    ),
                    self.unknown_target_help(index, section, id),
                )
            };
            self.diagnostics.push(
                Diagnostic::new(
                    &UNKNOWN_TARGET,
                    headline,
                    span,
                    format!("nothing to {verb}"),
                )
                .with_help(help),
            );
            return None;
        };
        self.first_change(section, Some(id), span).then_some(at)
    }

    /// How to name an existing item: the nearest id, the section that does
    /// hold the id, or the ids there are.
    fn unknown_target_help(&self, index: &Index, section: &'static str, id: &str) -> String {
        let ids = index.ids(section);
        if let Some(near) = suggest::closest(id, ids.iter().copied()) {
            return format!("did you mean `{near}`?");
        }
        if let Some(&elsewhere) = index.sections_of.get(id).and_then(|s| s.first()) {
            return format!(
                "`{id}` is {} {} of the base journey, not {} {}; list it under `{elsewhere}:`",
                article(noun(elsewhere)),
                noun(elsewhere),
                article(noun(section)),
                noun(section),
            );
        }
        if ids.is_empty() {
            return format!(
                "the base journey `{}` has no {}; to add one, list it under `add:`",
                self.base_dir,
                plural(section)
            );
        }
        format!(
            "write the id as the base journey `{}` writes it; its {} are {}. To add a new {}, list it under `add:`",
            self.base_dir,
            plural(section),
            listing(&ids, 10),
            noun(section)
        )
    }

    /// True the first time this layer changes an item or section; a second
    /// change is reported at `span`.
    fn first_change(&mut self, section: &'static str, id: Option<&str>, span: Span) -> bool {
        let key = (section, id.map(str::to_owned));
        if let Some(&first) = self.changed.get(&key) {
            let what = match id {
                Some(id) => format!("{} `{}`", noun(section), shorten(id)),
                None => format!("the `{section}` section"),
            };
            self.diagnostics.push(
                Diagnostic::new(
                    &CONFLICT,
                    format!("this overlay changes {what} twice"),
                    span,
                    "second change",
                )
                .with_secondary(first, "first change")
                .with_help("keep one change per item: merge the two, or drop the one that no longer applies"),
            );
            return false;
        }
        self.changed.insert(key, span);
        true
    }

    fn record(&mut self, path: Vec<String>, action: Action, at: Span, before: Option<Node>) {
        self.changes.push(Change {
            path,
            action,
            layer: self.layer,
            at,
            before,
        });
    }
}

/// The constant naming a section, so indexes can hold `&'static str`.
fn known(list: &[&'static str], key: &str) -> Option<&'static str> {
    list.iter().copied().find(|s| *s == key)
}

/// An item's id and the span of its value.
pub(super) fn id_of(item: &Node) -> Option<(&str, Span)> {
    match &item.get("id")?.value {
        Node {
            kind: NodeKind::Str(id),
            span,
        } => Some((id.as_str(), *span)),
        _ => None,
    }
}

fn entries_mut(root: &mut Node) -> Option<&mut Vec<Entry>> {
    match &mut root.kind {
        NodeKind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn section_node(parts: &[(FileId, Node)], at: At) -> Option<&Node> {
    match &parts.get(at.part)?.1.kind {
        NodeKind::Map(entries) => entries.get(at.entry).map(|e| &e.value),
        _ => None,
    }
}

fn section_node_mut(parts: &mut [(FileId, Node)], at: At) -> Option<&mut Node> {
    entries_mut(&mut parts.get_mut(at.part)?.1)?
        .get_mut(at.entry)
        .map(|e| &mut e.value)
}

fn item_mut(parts: &mut [(FileId, Node)], at: At) -> Option<&mut Node> {
    match &mut section_node_mut(parts, at)?.kind {
        NodeKind::Seq(items) => items.get_mut(at.item),
        _ => None,
    }
}

/// How one item of a section is called in messages.
pub(super) fn noun(section: &str) -> &'static str {
    match section {
        "teams" => "team",
        "owners" => "owner",
        "systems" => "system",
        "drop_off_reasons" => "drop-off reason",
        "stages" => "stage",
        "committee" => "committee role",
        "proof_assets" => "proof asset",
        "events" => "event",
        "touchpoints" => "touchpoint",
        "moments_of_truth" => "moment of truth",
        "backlog" => "backlog item",
        "baseline" => "baseline metric",
        "service_packages" => "service package",
        "sla_tiers" => "SLA tier",
        "approved_changes" => "approved change",
        _ => "item",
    }
}

/// The plural of [`noun`], for "its touchpoints are …".
fn plural(section: &str) -> String {
    match noun(section) {
        "item" => "items".to_owned(),
        "moment of truth" => "moments of truth".to_owned(),
        one => format!("{one}s"),
    }
}

/// `a` or `an` before a noun of [`noun`].
fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The ids each list section of an overlay layer adds.
fn added_ids(overlay: &[(FileId, Node)]) -> HashSet<(&'static str, String)> {
    let mut added = HashSet::new();
    for (_, root) in overlay {
        let Some(NodeKind::Map(sections)) = root.get("add").map(|e| &e.value.kind) else {
            continue;
        };
        for entry in sections {
            let (Some(section), NodeKind::Seq(items)) =
                (known(LIST_SECTIONS, &entry.key), &entry.value.kind)
            else {
                continue;
            };
            for item in items {
                if let Some((id, _)) = id_of(item) {
                    added.insert((section, id.to_owned()));
                }
            }
        }
    }
    added
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
