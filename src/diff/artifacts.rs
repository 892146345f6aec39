//! Comparing the CRM, PSA and tracking files generated from two versions of
//! a journey.
//!
//! Live systems do not see the journey file; they see what `journeyc build`
//! produced from it. HubSpot records hold property internal names and option
//! values, Salesforce holds field API names, picklist values and opportunity
//! stage names, ConnectWise and Autotask hold template and task names, and
//! Segment validates events by name. Each generated file is read into a few
//! *facts* (a property with its type and values, a pipeline stage, a
//! template, a task, a tracked event), grouped by the file (or, for
//! Salesforce, the object) they belong to, and the facts of the two versions
//! are compared.
//!
//! A declared rename changes many generated names at once (a stage id is a
//! pick-list value, part of a property name and, through its name, an
//! opportunity stage). Rather than re-deriving every vendor naming rule, the
//! comparison pairs a removed name with an added one when substituting one
//! renamed id or name (as `old → new`, compared case- and
//! punctuation-insensitively) turns the one into the other.
//!
//! Documentation files and event schemas are not compared here: the first
//! hold no data that live systems key on, and the second mirror the event
//! fields the model comparison already covers.

mod facts;
mod names;

use std::collections::{BTreeMap, BTreeSet};

use super::checks::*;
use super::{Change, Check, Place, Side};
use crate::model::{Journey, Product, System};
use crate::source::Span;
use facts::{Fact, Kind, facts};
use names::{Locator, Substitution, Unpaired, names, substitutions, words};

/// Compare the artifacts of two versions of one journey.
pub fn compare(old: Side<'_>, new: Side<'_>) -> Vec<Change> {
    let before = facts(old.artifacts);
    let after = facts(new.artifacts);
    let subs = substitutions(old.journey, new.journey);
    let (new_names, old_names) = (names(new.journey), names(old.journey));
    let locator = Locator {
        new_words: words(&new_names),
        old_words: words(&old_names),
        new: new_names,
        old: old_names,
    };
    let mut out = Vec::new();

    let groups: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    for group in groups {
        match (before.get(group), after.get(group)) {
            (Some(_), None) => {
                let mut change = Change::new(
                    &ARTIFACT_REMOVED,
                    label(group),
                    format!(
                        "{} no longer generated: what was loaded from it stays in {} with \
                         nothing keeping it current; retire it there once nothing uses it",
                        generated(group),
                        product_name(group)
                    ),
                )
                .in_artifact(group.clone());
                change.place = system_place(old.journey, new.journey, group).map(Place::old);
                out.push(change);
            }
            (None, Some(_)) => {
                let mut change = Change::new(
                    &ARTIFACT_ADDED,
                    label(group),
                    format!(
                        "{} newly generated: load it into {}",
                        generated(group),
                        product_name(group)
                    ),
                )
                .in_artifact(group.clone());
                change.place = system_place(new.journey, old.journey, group).map(Place::new);
                out.push(change);
            }
            (Some(b), Some(a)) => {
                let mut cx = Context {
                    group,
                    subs: &subs,
                    locator: &locator,
                    out: &mut out,
                };
                for kind in [
                    Kind::Property,
                    Kind::Pipeline,
                    Kind::PipelineStage,
                    Kind::Template,
                    Kind::Task,
                    Kind::TrackedEvent,
                ] {
                    let of = |facts: &[Fact]| -> Vec<Fact> {
                        facts.iter().filter(|f| f.kind == kind).cloned().collect()
                    };
                    compare_kind(&mut cx, kind, &of(b), &of(a));
                }
            }
            (None, None) => {}
        }
    }
    out
}

/// What the comparison of one group needs.
struct Context<'c> {
    group: &'c str,
    subs: &'c [Substitution],
    locator: &'c Locator,
    out: &'c mut Vec<Change>,
}

impl Context<'_> {
    fn push(&mut self, check: &'static Check, key: &str, message: String, path: &str, hint: &str) {
        let mut change = Change::new(check, format!("{} {key}", label(self.group)), message)
            .in_artifact(path.to_owned());
        change.place = self.locator.find(hint).or_else(|| self.locator.find(key));
        self.out.push(change);
    }
}

/// The checks reporting one kind of fact: added, removed, renamed.
fn checks_for(kind: Kind) -> (&'static Check, &'static Check, &'static Check) {
    match kind {
        Kind::Property => (
            &CRM_PROPERTY_ADDED,
            &CRM_PROPERTY_REMOVED,
            &CRM_PROPERTY_RENAMED,
        ),
        // A pipeline file has exactly one name, so its name is always
        // paired and only the rename can be reported.
        Kind::Pipeline => (
            &PIPELINE_STAGE_ADDED,
            &PIPELINE_STAGE_REMOVED,
            &PIPELINE_RENAMED,
        ),
        Kind::PipelineStage => (
            &PIPELINE_STAGE_ADDED,
            &PIPELINE_STAGE_REMOVED,
            &PIPELINE_STAGE_RENAMED,
        ),
        Kind::Template | Kind::Task => (&PSA_TASK_ADDED, &PSA_TASK_REMOVED, &PSA_TASK_RENAMED),
        Kind::TrackedEvent => (
            &TRACKED_EVENT_ADDED,
            &TRACKED_EVENT_REMOVED,
            &TRACKED_EVENT_RENAMED,
        ),
    }
}

fn compare_kind(cx: &mut Context<'_>, kind: Kind, before: &[Fact], after: &[Fact]) {
    let old_keys: BTreeSet<&str> = before.iter().map(|f| f.key.as_str()).collect();
    let new_keys: BTreeSet<&str> = after.iter().map(|f| f.key.as_str()).collect();
    let removed: Vec<&Fact> = dedup(before.iter().filter(|f| !new_keys.contains(f.key.as_str())));
    let added: Vec<&Fact> = dedup(after.iter().filter(|f| !old_keys.contains(f.key.as_str())));
    let mut unpaired = Unpaired::new(added.iter().map(|f| f.key.as_str()).collect());
    let (check_added, check_removed, check_renamed) = checks_for(kind);

    let mut pairs: Vec<(&Fact, &Fact)> = Vec::new();
    for old in removed {
        // A pipeline or template has one name per file or library: a
        // different name in the same place is a rename, whatever the
        // journey declares.
        let once = matches!(kind, Kind::Pipeline | Kind::Template);
        let found = unpaired
            .take_renamed(&old.key, cx.subs)
            .or_else(|| if once { unpaired.take_first() } else { None });
        match found {
            Some(i) => {
                let new = added[i];
                pairs.push((old, new));
                let check = if kind == Kind::Template {
                    &PSA_TEMPLATE_RENAMED
                } else {
                    check_renamed
                };
                cx.push(
                    check,
                    &format!("{} → {}", old.key, new.key),
                    renamed_message(kind, old, new),
                    &new.path,
                    &new.key,
                );
            }
            None => cx.push(
                check_removed,
                &old.key,
                removed_message(kind, old),
                &old.path,
                &old.key,
            ),
        }
    }
    for new in unpaired.rest().map(|i| added[i]) {
        cx.push(
            check_added,
            &new.key,
            added_message(kind, new),
            &new.path,
            &new.key,
        );
    }

    if kind != Kind::Property {
        return;
    }
    let mut by_key: BTreeMap<&str, &Fact> = BTreeMap::new();
    for fact in after {
        by_key.entry(fact.key.as_str()).or_insert(fact);
    }
    let mut same: Vec<(&Fact, &Fact)> = before
        .iter()
        .filter_map(|o| by_key.get(o.key.as_str()).map(|n| (o, *n)))
        .collect();
    same.extend(pairs);
    for (old, new) in same {
        if old.detail != new.detail {
            cx.push(
                &CRM_PROPERTY_TYPE_CHANGED,
                &new.key,
                format!(
                    "the {word} `{}` changed type from {} to {}: the CRM does not convert stored \
                     values; create a new {word} and copy the values over, or clear it before \
                     importing",
                    new.key,
                    old.detail,
                    new.detail,
                    word = property_word(&new.path)
                ),
                &new.path,
                &new.key,
            );
        }
        picklist(cx, old, new);
    }
}

fn picklist(cx: &mut Context<'_>, old: &Fact, new: &Fact) {
    let old_values: BTreeSet<&str> = old.values.iter().map(String::as_str).collect();
    let new_values: BTreeSet<&str> = new.values.iter().map(String::as_str).collect();
    let added: Vec<&str> = new
        .values
        .iter()
        .map(String::as_str)
        .filter(|v| !old_values.contains(v))
        .collect();
    let mut unpaired = Unpaired::new(added.clone());
    let removed: Vec<&str> = old
        .values
        .iter()
        .map(String::as_str)
        .filter(|v| !new_values.contains(v))
        .collect();
    let property = &new.key;
    for value in removed {
        let key = format!("{property} = {value}");
        match unpaired.take_renamed(value, cx.subs) {
            Some(i) => {
                let to = added[i];
                cx.push(
                    &PICKLIST_VALUE_RENAMED,
                    &format!("{property} = {value} → {to}"),
                    format!(
                        "the value `{value}` of `{property}` is now `{to}`: update every record \
                         holding `{value}` to `{to}` (a bulk update or an import mapping the old \
                         value to the new one) before importing the new pick list, which drops \
                         `{value}`"
                    ),
                    &new.path,
                    to,
                );
            }
            None => cx.push(
                &PICKLIST_VALUE_REMOVED,
                &key,
                format!(
                    "the value `{value}` of `{property}` is gone: records holding it show an \
                     invalid value after the import; map them to another value first"
                ),
                &new.path,
                value,
            ),
        }
    }
    for value in unpaired.rest().map(|i| added[i]) {
        cx.push(
            &PICKLIST_VALUE_ADDED,
            &format!("{property} = {value}"),
            format!("`{property}` has a new value `{value}`"),
            &new.path,
            value,
        );
    }
}

fn dedup<'f>(facts: impl Iterator<Item = &'f Fact>) -> Vec<&'f Fact> {
    let mut seen = BTreeSet::new();
    facts.filter(|f| seen.insert(f.key.as_str())).collect()
}

/// What the CRM calls a property: a Salesforce field, a HubSpot property.
fn property_word(path: &str) -> &'static str {
    if path.starts_with("salesforce/") {
        "field"
    } else {
        "property"
    }
}

fn what(kind: Kind, path: &str) -> &'static str {
    match kind {
        Kind::Property if path.starts_with("salesforce/") => "the Salesforce field",
        Kind::Property => "the HubSpot property",
        Kind::Pipeline => "the deal pipeline",
        Kind::PipelineStage => "the pipeline stage",
        Kind::Template => "the PSA template",
        Kind::Task => "the PSA item",
        Kind::TrackedEvent => "the tracked event",
    }
}

fn removed_message(kind: Kind, fact: &Fact) -> String {
    let key = &fact.key;
    match kind {
        Kind::Property => format!(
            "the {} `{key}` is no longer generated: values stored in it stay on existing \
             records but nothing updates them; move reports and workflows off it, then archive it",
            property_word(&fact.path)
        ),
        Kind::Pipeline => format!("the deal pipeline \"{key}\" is no longer generated"),
        Kind::PipelineStage => format!(
            "the stage \"{key}\" is gone from the pipeline: open deals in it must be moved to \
             another stage before the new pipeline is imported"
        ),
        Kind::Template => format!(
            "the template \"{key}\" is no longer generated: projects and tickets already \
             created from it keep their items; retire it in the PSA once no open project uses it"
        ),
        Kind::Task => format!(
            "\"{key}\" is gone from the template: projects and tickets already created keep it; \
             reports or automations that look for it by name stop matching"
        ),
        Kind::TrackedEvent => format!(
            "\"{key}\" is gone from the Segment tracking plan: Segment will flag or block every \
             event still sent with this name"
        ),
    }
}

fn renamed_message(kind: Kind, old: &Fact, new: &Fact) -> String {
    let (from, to) = (&old.key, &new.key);
    match kind {
        Kind::Property => format!(
            "the {} `{from}` is now `{to}`: importing creates `{to}` empty; copy the values of \
             `{from}` into it (or re-point the integration) before retiring `{from}`",
            property_word(&new.path)
        ),
        Kind::Pipeline => format!(
            "the deal pipeline \"{from}\" is now \"{to}\": rename the pipeline in the CRM \
             before importing, or the import creates a second pipeline and open deals stay in \
             the old one"
        ),
        Kind::PipelineStage => format!(
            "the stage \"{from}\" is now \"{to}\": rename the stage in the CRM rather than \
             importing a new one, so open deals keep their stage"
        ),
        Kind::Template => format!(
            "\"{from}\" is now \"{to}\": importing creates a second template next to the old \
             one; rename the existing template in the PSA first, or retire the old one once no \
             open project uses it"
        ),
        Kind::Task => format!(
            "\"{from}\" is now \"{to}\": projects already created keep the old name; update \
             reports or automations that match it by name"
        ),
        Kind::TrackedEvent => format!(
            "the event \"{from}\" is tracked as \"{to}\": every sender must switch to the new name \
             when the tracking plan is updated, and reports must read both names"
        ),
    }
}

fn added_message(kind: Kind, fact: &Fact) -> String {
    match kind {
        Kind::Property => format!("{} `{}` is new", what(kind, &fact.path), fact.key),
        _ => format!("{} \"{}\" is new", what(kind, &fact.path), fact.key),
    }
}

/// The product a generated file or folder is loaded into, by its top
/// folder (the build target).
fn product(group: &str) -> Option<Product> {
    match group.split('/').next()? {
        "hubspot" => Some(Product::Hubspot),
        "salesforce" => Some(Product::Salesforce),
        "connectwise" => Some(Product::Connectwise),
        "autotask" => Some(Product::Autotask),
        _ => None,
    }
}

fn product_name(group: &str) -> &'static str {
    match product(group) {
        Some(Product::Hubspot) => "HubSpot",
        Some(Product::Salesforce) => "Salesforce",
        Some(Product::Connectwise) => "ConnectWise",
        Some(Product::Autotask) => "Autotask",
        _ if group.starts_with("events/") => "Segment and the warehouse",
        _ => "the CRM or PSA",
    }
}

/// `` `path` is `` for a file, `` `path/` (a folder) is `` for a Salesforce
/// object's fields: the start of a sentence about a generated group.
fn generated(group: &str) -> String {
    let last = group.rsplit('/').next().unwrap_or(group);
    if last.contains('.') {
        format!("`{group}` is")
    } else {
        format!("the folder `{group}/` is")
    }
}

/// The system of `journey` whose product a generated group is for, when
/// `other` (the other version) has no system of that product: a target is
/// built because the journey names such a system, so adding or removing the
/// system is what added or removed the group. A group that comes and goes
/// with the journey's content (the delivery tasks when there are delivery
/// touchpoints) has no such place.
fn system_place(journey: &Journey, other: &Journey, group: &str) -> Option<Span> {
    let product = product(group)?;
    let has = |s: &&System| s.product.value == product;
    if other.systems.iter().any(|s| has(&s)) {
        return None;
    }
    journey.systems.iter().find(has).map(|s| s.id.span)
}

/// A short name for a group of facts, used in subjects.
fn label(group: &str) -> String {
    let trimmed = group
        .trim_end_matches(".json")
        .replace("force-app/main/default/", "")
        .replace("/objects/", "/")
        .replace("/standardValueSets/", "/")
        .trim_end_matches("/fields")
        .trim_end_matches(".standardValueSet-meta.xml")
        .to_owned();
    trimmed.replace('/', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_short() {
        assert_eq!(
            label("hubspot/deals.properties.json"),
            "hubspot deals.properties"
        );
        assert_eq!(
            label("salesforce/force-app/main/default/objects/Opportunity/fields"),
            "salesforce Opportunity"
        );
        assert_eq!(
            label(
                "salesforce/force-app/main/default/standardValueSets/OpportunityStage.standardValueSet-meta.xml"
            ),
            "salesforce OpportunityStage"
        );
    }
}
