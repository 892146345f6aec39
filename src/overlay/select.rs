//! Selectors: naming one value of a merged journey, and finding where it
//! came from.
//!
//! A selector is a section, then — for a list section — an item id, then
//! field names, joined by dots: `stages.discovery.owner`. Inside a field, a
//! list of items with ids is entered by id (`onboarding.plan.kickoff-call`)
//! and any list by position from 0 (`stages.discovery.exit_criteria.0`).
//! Ids and keys never contain dots, so the dots are unambiguous.

use super::merge::{id_of, noun};
use super::{Action, Change, LIST_SECTIONS, Merged, SINGLE_SECTIONS, listing};
use crate::diagnostic::shorten;
use crate::load::{Node, NodeKind};
use crate::suggest;

/// What a selector found.
#[derive(Debug)]
pub enum Found<'a> {
    /// The merged value and its history.
    Value(Explanation<'a>),
    /// An item an overlay removed: it is not in the merged journey.
    Removed(&'a Change),
}

/// A merged value and the overlay changes that shaped it.
#[derive(Debug)]
pub struct Explanation<'a> {
    /// The selector, split into its steps.
    pub path: Vec<String>,
    /// The value in the merged journey; its spans say where it was written.
    pub value: &'a Node,
    /// Changes at the value or above it (the item or section holding it),
    /// newest first: the first one wrote the value.
    pub changes: Vec<&'a Change>,
    /// Changes to values inside this one, in the order they were applied.
    pub inside: Vec<&'a Change>,
}

impl Explanation<'_> {
    /// The part of the selector below a change's path: where the value sits
    /// inside what the change replaced.
    pub fn below<'c>(&'c self, change: &Change) -> &'c [String] {
        self.path.get(change.path.len()..).unwrap_or(&[])
    }
}

/// Find the value a selector names in a merged journey. Errors are messages
/// for the person who wrote the selector, with the nearest valid step.
pub fn explain<'a>(merged: &'a Merged, selector: &str) -> Result<Found<'a>, String> {
    let path: Vec<String> = selector.split('.').map(str::to_owned).collect();
    if path.iter().any(String::is_empty) {
        return Err(format!(
            "the selector `{}` has an empty step; write a section, then an id and field names joined by dots, such as `stages.discovery.owner`",
            shorten(selector)
        ));
    }
    let section = path[0].as_str();

    let (mut node, consumed) = if LIST_SECTIONS.contains(&section) {
        let items = list_items(merged, section);
        let Some(id) = path.get(1) else {
            let ids: Vec<&str> = items
                .iter()
                .filter_map(|n| id_of(n).map(|(i, _)| i))
                .collect();
            return Err(format!(
                "`{section}` is a list; add the id of one {}, such as `{section}.{}`",
                noun(section),
                ids.first().copied().unwrap_or("<id>")
            ));
        };
        match items
            .iter()
            .find(|n| id_of(n).is_some_and(|(i, _)| i == id))
        {
            Some(item) => (*item, 2),
            None => {
                if let Some(change) = merged.changes.iter().rev().find(|c| {
                    c.action == Action::Remove && c.path.len() == 2 && c.path[..] == path[..2]
                }) {
                    return Ok(Found::Removed(change));
                }
                let ids = items.iter().filter_map(|n| id_of(n).map(|(i, _)| i));
                return Err(not_found(
                    &format!("`{section}` has no {} `{}`", noun(section), shorten(id)),
                    id,
                    ids,
                    "its ids are",
                ));
            }
        }
    } else if SINGLE_SECTIONS.contains(&section) {
        let found = merged
            .parts
            .iter()
            .filter_map(|(_, root)| root.get(section))
            .map(|e| &e.value)
            .next();
        match found {
            Some(node) => (node, 1),
            None => return Err(format!("this journey has no `{section}` section")),
        }
    } else {
        let known = LIST_SECTIONS.iter().chain(SINGLE_SECTIONS).copied();
        return Err(not_found(
            &format!("`{}` is not a section of a journey", shorten(section)),
            section,
            known,
            "the sections are",
        ));
    };

    for (depth, step) in path.iter().enumerate().skip(consumed) {
        let here = path[..depth].join(".");
        node = match &node.kind {
            NodeKind::Map(entries) => match entries.iter().find(|e| e.key == *step) {
                Some(entry) => &entry.value,
                None => {
                    let keys = entries.iter().map(|e| e.key.as_str());
                    return Err(not_found(
                        &format!("`{here}` has no field `{}`", shorten(step)),
                        step,
                        keys,
                        "its fields are",
                    ));
                }
            },
            NodeKind::Seq(items) => match step_into_list(items, step) {
                Ok(item) => item,
                Err(problem) => return Err(format!("`{here}` {problem}")),
            },
            _ => {
                return Err(format!(
                    "`{here}` is a single value; there is nothing inside it to select"
                ));
            }
        };
    }

    let changes = merged
        .changes
        .iter()
        .rev()
        .filter(|c| c.path.len() <= path.len() && path[..c.path.len()] == c.path[..])
        .collect();
    let inside = merged
        .changes
        .iter()
        .filter(|c| c.path.len() > path.len() && c.path[..path.len()] == path[..])
        .collect();
    Ok(Found::Value(Explanation {
        path,
        value: node,
        changes,
        inside,
    }))
}

/// Follow selector steps below a value, as far as they lead; for showing
/// what an overlay replaced, which may not have had the same shape.
pub fn descend<'a>(mut node: &'a Node, steps: &[String]) -> Option<&'a Node> {
    for step in steps {
        node = match &node.kind {
            NodeKind::Map(entries) => &entries.iter().find(|e| e.key == *step)?.value,
            NodeKind::Seq(items) => step_into_list(items, step).ok()?,
            _ => return None,
        };
    }
    Some(node)
}

/// An item of a list by id, or by position when the step is a number.
fn step_into_list<'a>(items: &'a [Node], step: &str) -> Result<&'a Node, String> {
    if let Ok(position) = step.parse::<usize>() {
        return items.get(position).ok_or_else(|| match items.len() {
            0 => "is an empty list".to_owned(),
            1 => format!("has 1 item; its position is 0, not {position}"),
            n => format!("has {n} items, at positions 0 to {}", n - 1),
        });
    }
    if let Some(item) = items
        .iter()
        .find(|n| id_of(n).is_some_and(|(id, _)| id == step))
    {
        return Ok(item);
    }
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|n| id_of(n).map(|(i, _)| i))
        .collect();
    if ids.is_empty() {
        return Err(match items.len() {
            0 => "is an empty list".to_owned(),
            1 => "is a list without ids; select its one item by its position, 0".to_owned(),
            n => format!(
                "is a list without ids; select an item by its position, from 0 to {}",
                n - 1
            ),
        });
    }
    Err(match suggest::closest(step, ids.iter().copied()) {
        Some(near) => format!("has no item `{}`; did you mean `{near}`?", shorten(step)),
        None => format!(
            "has no item `{}`; its ids are {}",
            shorten(step),
            sorted_listing(ids)
        ),
    })
}

/// The items of a list section across all parts, in assembly order.
fn list_items<'a>(merged: &'a Merged, section: &str) -> Vec<&'a Node> {
    merged
        .parts
        .iter()
        .filter_map(|(_, root)| root.get(section))
        .flat_map(|e| match &e.value.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// A message for a step that names nothing: the nearest name when one is
/// close, otherwise the names there are (`these` introduces them).
fn not_found<'a>(
    headline: &str,
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    these: &str,
) -> String {
    let candidates: Vec<&str> = candidates.collect();
    match suggest::closest(wanted, candidates.iter().copied()) {
        Some(near) => format!("{headline}; did you mean `{near}`?"),
        None if candidates.is_empty() => headline.to_owned(),
        None => format!("{headline}; {these} {}", sorted_listing(candidates)),
    }
}

/// Names for a message, sorted and without repeats; at most twenty, which
/// shows every section of a journey.
fn sorted_listing(mut names: Vec<&str>) -> String {
    names.sort_unstable();
    names.dedup();
    listing(&names, 20)
}
