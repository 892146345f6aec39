//! Text and selections shared by the PSA outputs (the ConnectWise and
//! Autotask targets of `build`, and the handoff checklists), so all describe
//! owners, due days and the delivery stage the same way and split
//! checklists alike.

use serde::Serialize;

use super::View;
use crate::codes;
use crate::diagnostic::{Diagnostic, shorten};
use crate::model::{OwnerRefs, PlanStep, Spanned, SpineStage, Text, Touchpoint};

/// The touchpoints of the delivery stage(s), stages in journey order.
pub fn delivery_touchpoints<'a>(view: &View<'a>) -> Vec<&'a Touchpoint> {
    view.stages
        .iter()
        .filter(|s| {
            s.spine
                .as_ref()
                .is_some_and(|k| k.value == SpineStage::Delivery)
        })
        .flat_map(|s| view.touchpoints_of(s.id.as_str()).collect::<Vec<_>>())
        .collect()
}

/// "Name <email>" for each owner; a clean journey has exactly one.
pub fn owners(view: &View<'_>, refs: Option<&Spanned<OwnerRefs>>) -> String {
    let people: Vec<String> = refs
        .iter()
        .flat_map(|r| &r.0)
        .map(|id| person(view, id.as_str()))
        .collect();
    if people.is_empty() {
        "none named".to_owned()
    } else {
        people.join(", ")
    }
}

/// "Name <email>" for an owner id, or the id itself when it is unknown.
pub fn person(view: &View<'_>, id: &str) -> String {
    match view.owner(id) {
        Some(owner) => match &owner.email {
            Some(email) => format!("{} <{}>", owner.name.as_str(), email.as_str()),
            None => owner.name.value.clone(),
        },
        None => id.to_owned(),
    }
}

/// "day 4 (business days)": the due day as the plan states it.
pub fn due(step: &PlanStep) -> String {
    let Some(day) = &step.due_day else {
        return "day not set".to_owned();
    };
    let unit = if step.business_days.as_ref().is_some_and(|b| b.value) {
        "business"
    } else {
        "calendar"
    };
    format!("day {} ({unit} days)", day.value)
}

/// A vendor text built from a journey value is too long: reported at that
/// value, naming the vendor that would refuse it.
pub fn too_long(
    vendor: &str,
    at: &Text,
    what: &str,
    vendor_thing: &str,
    value: &str,
    max: usize,
) -> Diagnostic {
    let length = value.chars().count();
    Diagnostic::new(
        &codes::VENDOR_NAME,
        format!(
            "{what} makes the {vendor_thing} `{}` longer than {max} characters",
            shorten(value)
        ),
        at.span,
        format!("makes it {length} characters long"),
    )
    .with_help(format!(
        "shorten the {what} by at least {} characters; {vendor} refuses more than {max}",
        length - max
    ))
}

/// `items` in order, in as few parts of at most `max` as possible, of
/// near-equal size (41 items with a cap of 40 become 21 and 20, not 40 and
/// 1). No items, no parts.
pub fn split_evenly<T>(items: Vec<T>, max: usize) -> Vec<Vec<T>> {
    if items.is_empty() || max == 0 {
        return Vec::new();
    }
    let parts = items.len().div_ceil(max);
    let per_part = items.len().div_ceil(parts);
    let mut items = items.into_iter();
    (0..parts)
        .map(|_| items.by_ref().take(per_part).collect())
        .collect()
}

/// A ConnectWise `ServiceTask` request body: the task text and the order
/// ConnectWise lists the tasks in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceTask {
    pub notes: String,
    pub priority: u32,
    pub closed_flag: bool,
}

/// The Autotask `entityType` written into checklist libraries. The real
/// value is instance data (read from `entityInformation/fields` at import),
/// so 0 is written on purpose: it is never a plausible id, and the files say
/// so in their notes.
pub const AUTOTASK_ENTITY_TYPE_PLACEHOLDER: i64 = 0;

/// An Autotask checklist file: notes for whoever imports it, and the
/// libraries with their items.
#[derive(Serialize)]
pub struct LibrariesFile {
    pub notes: Vec<String>,
    pub libraries: Vec<LibraryEntry>,
}

/// One Autotask checklist library and its items.
#[derive(Serialize)]
pub struct LibraryEntry {
    pub library: ChecklistLibrary,
    pub items: Vec<ChecklistItem>,
}

/// An Autotask `ChecklistLibrary` request body.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistLibrary {
    pub name: String,
    pub description: String,
    pub entity_type: i64,
    pub is_active: bool,
}

/// An Autotask `ChecklistLibraryChecklistItem` request body, without the
/// library id that only exists after import.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub item_name: String,
    pub is_important: bool,
    pub position: usize,
}
