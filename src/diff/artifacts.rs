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

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::checks::*;
use super::journey::pair;
use super::{Change, Check, Place, Side};
use crate::build::Artifact;
use crate::model::{FieldType, Id, Journey, Product, System};
use crate::source::Span;

/// What a fact is about; decides the checks that report its changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Property,
    /// The name of a deal pipeline (one per file).
    Pipeline,
    PipelineStage,
    /// The name of a PSA project template or checklist library (one per
    /// template or library).
    Template,
    Task,
    TrackedEvent,
}

/// One thing a live system depends on, read from a generated file.
#[derive(Clone, Debug)]
struct Fact {
    kind: Kind,
    /// The name the system keys on.
    key: String,
    /// The type, for properties.
    detail: String,
    /// The pick-list values, for properties.
    values: Vec<String>,
    /// The generated file it was read from.
    path: String,
}

/// The facts of one version, by group (a file, or a Salesforce object).
type Facts = BTreeMap<String, Vec<Fact>>;

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
                    "`{}` changed type from {} to {}: the CRM does not convert stored values; \
                     create a new property and copy the values over, or clear it before importing",
                    new.key, old.detail, new.detail
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

fn what(kind: Kind) -> &'static str {
    match kind {
        Kind::Property => "the CRM property",
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
            "the property `{key}` is no longer generated: values stored in it stay on existing \
             records but nothing updates them; move reports and workflows off it, then archive it"
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
            "the property `{from}` is now `{to}`: importing creates `{to}` empty; copy the values \
             of `{from}` into it (or re-point the integration) before retiring `{from}`"
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
    format!("{} \"{}\" is new", what(kind), fact.key)
}

/// Lowercase, with every run of other characters than letters and digits
/// as one `_`: how names are compared across vendor spellings.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// A declared rename as whole words of normalized names: `_old_` and
/// `_new_`, so that `qualified` is never found inside `unqualified`.
type Substitution = (String, String);

/// The normalized spellings a name may have in the new version: itself, and
/// itself with each declared rename it contains applied.
fn spellings(old: &str, subs: &[Substitution]) -> Vec<String> {
    let padded = format!("_{}_", normalize(old));
    let mut out = vec![padded.clone()];
    for (from, to) in subs {
        if padded.contains(from.as_str()) {
            out.push(padded.replace(from.as_str(), to));
        }
    }
    out
}

/// Whether `new` is `old` with one declared rename applied.
#[cfg(test)]
fn renamed(old: &str, new: &str, subs: &[Substitution]) -> bool {
    let new = format!("_{}_", normalize(new));
    spellings(old, subs).contains(&new)
}

/// The names added in the new version that are not paired with a removed
/// one yet, looked up by their normalized spelling so that pairing stays
/// linear in the number of names.
struct Unpaired<'n> {
    names: Vec<&'n str>,
    taken: Vec<bool>,
    by_spelling: BTreeMap<String, Vec<usize>>,
}

impl<'n> Unpaired<'n> {
    fn new(names: Vec<&'n str>) -> Unpaired<'n> {
        let mut by_spelling: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            by_spelling
                .entry(format!("_{}_", normalize(name)))
                .or_default()
                .push(i);
        }
        Unpaired {
            taken: vec![false; names.len()],
            names,
            by_spelling,
        }
    }

    /// The first unpaired name that is `old` renamed, now taken.
    fn take_renamed(&mut self, old: &str, subs: &[Substitution]) -> Option<usize> {
        for spelling in spellings(old, subs) {
            let Some(candidates) = self.by_spelling.get(&spelling) else {
                continue;
            };
            if let Some(&i) = candidates.iter().find(|i| !self.taken[**i]) {
                self.taken[i] = true;
                return Some(i);
            }
        }
        None
    }

    /// The first unpaired name, now taken.
    fn take_first(&mut self) -> Option<usize> {
        let i = self.taken.iter().position(|t| !t)?;
        self.taken[i] = true;
        Some(i)
    }

    /// The names never taken, in their order.
    fn rest(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.names.len()).filter(|i| !self.taken[*i])
    }
}

/// Old → new names (normalized, as whole words) of every item paired
/// across the versions
/// whose id or name changed.
fn substitutions(old: &Journey, new: &Journey) -> Vec<Substitution> {
    let mut subs = BTreeSet::new();
    let mut add = |a: &str, b: &str| {
        let (a, b) = (normalize(a), normalize(b));
        if a != b && !a.is_empty() {
            subs.insert((format!("_{a}_"), format!("_{b}_")));
        }
    };
    let stages = pair(
        &old.stages,
        &new.stages,
        |s| s.id.as_str(),
        |s| s.renamed_from.as_ref().map(|r| r.as_str()),
    );
    for (o, n) in stages.both {
        add(o.id.as_str(), n.id.as_str());
        add(&o.name.value, &n.name.value);
    }
    let roles = pair(
        &old.committee,
        &new.committee,
        |r| r.id.as_str(),
        |r| r.renamed_from.as_ref().map(|f| f.as_str()),
    );
    for (o, n) in roles.both {
        add(o.id.as_str(), n.id.as_str());
        add(&o.name.value, &n.name.value);
    }
    let events = pair(
        &old.events,
        &new.events,
        |e| e.id.as_str(),
        |e| e.renamed_from.as_ref().map(|f| f.as_str()),
    );
    for (o, n) in events.both {
        add(o.id.as_str(), n.id.as_str());
        add(&o.name.value, &n.name.value);
    }
    let touchpoints = pair(
        &old.touchpoints,
        &new.touchpoints,
        |t| t.id.as_str(),
        |t| t.renamed_from.as_ref().map(|f| f.as_str()),
    );
    for (o, n) in touchpoints.both {
        add(o.id.as_str(), n.id.as_str());
        add(&o.name.value, &n.name.value);
    }
    let reasons = pair(
        &old.drop_off_reasons,
        &new.drop_off_reasons,
        |r| r.id.as_str(),
        |_| None,
    );
    for (o, n) in reasons.both {
        add(&o.label.value, &n.label.value);
    }
    if let (Some(o), Some(n)) = (&old.onboarding, &new.onboarding) {
        let steps = pair(&o.value.plan, &n.value.plan, |s| s.id.as_str(), |_| None);
        for (o, n) in steps.both {
            add(&o.name.value, &n.name.value);
        }
    }
    if let (Some(o), Some(n)) = (&old.journey, &new.journey) {
        add(&o.value.name.value, &n.value.name.value);
    }
    subs.into_iter().collect()
}

/// Normalized ids and names of one version's items, with where they are
/// written: how an artifact change finds a line to point at.
type Names = BTreeMap<String, Span>;

fn names(journey: &Journey) -> Names {
    let mut names = Names::new();
    let mut add = |id: &Id, name: &str| {
        names.entry(normalize(id.as_str())).or_insert(id.span);
        names.entry(normalize(name)).or_insert(id.span);
    };
    for s in &journey.stages {
        add(&s.id, &s.name.value);
    }
    for r in &journey.committee {
        add(&r.id, &r.name.value);
    }
    for e in &journey.events {
        add(&e.id, &e.name.value);
    }
    for t in &journey.touchpoints {
        add(&t.id, &t.name.value);
    }
    for r in &journey.drop_off_reasons {
        add(&r.id, &r.label.value);
    }
    if let Some(onboarding) = &journey.onboarding {
        for s in &onboarding.value.plan {
            add(&s.id, &s.name.value);
        }
    }
    if let Some(header) = &journey.journey {
        add(&header.value.id, &header.value.name.value);
    }
    // The CRM's trigger property is made from the events' `trigger` fields:
    // a pick list of their values when one is an `enum`, text otherwise.
    let triggers = journey
        .events
        .iter()
        .flat_map(|e| &e.fields)
        .filter(|f| f.id.as_str() == "trigger");
    let mut triggers: Vec<_> = triggers.collect();
    triggers.sort_by_key(|f| f.field_type.value != FieldType::Enum);
    for field in triggers {
        names
            .entry(normalize(field.id.as_str()))
            .or_insert(field.id.span);
        for value in &field.values {
            names.entry(normalize(&value.value)).or_insert(value.span);
        }
    }
    names
}

struct Locator {
    new: Names,
    old: Names,
    /// Each version's names as whole words (`_name_`), longest first, to
    /// find the id inside a generated name.
    new_words: Vec<(String, Span)>,
    old_words: Vec<(String, Span)>,
}

impl Locator {
    /// The item a generated name comes from: the same name in the new
    /// version, else in the old one; else an id that is a whole-word part of
    /// it (a stage id inside an entry-date property name).
    fn find(&self, text: &str) -> Option<Place> {
        let key = normalize(text);
        if let Some(span) = self.new.get(&key) {
            return Some(Place::new(*span));
        }
        if let Some(span) = self.old.get(&key) {
            return Some(Place::old(*span));
        }
        let padded = format!("_{key}_");
        let part = |words: &[(String, Span)]| {
            words
                .iter()
                .find(|(word, _)| padded.contains(word.as_str()))
                .map(|(_, span)| *span)
        };
        part(&self.new_words)
            .map(Place::new)
            .or_else(|| part(&self.old_words).map(Place::old))
    }
}

/// Names as whole words, longest first (then alphabetically).
fn words(names: &Names) -> Vec<(String, Span)> {
    let mut words: Vec<(String, Span)> = names
        .iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, span)| (format!("_{name}_"), *span))
        .collect();
    words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    words
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

/// Read every fact from a build's files.
fn facts(artifacts: &[Artifact]) -> Facts {
    let mut facts = Facts::new();
    for artifact in artifacts {
        let path = artifact.path.as_str();
        let text = String::from_utf8_lossy(&artifact.contents);
        if path.starts_with("salesforce/") && path.ends_with(".field-meta.xml") {
            let group = path.rsplit_once('/').map_or(path, |(dir, _)| dir);
            if let Some(fact) = salesforce_field(path, &text) {
                facts.entry(group.to_owned()).or_default().push(fact);
            }
            continue;
        }
        let found =
            if path.starts_with("salesforce/") && path.ends_with(".standardValueSet-meta.xml") {
                xml_texts(&text, "fullName")
                    .into_iter()
                    .map(|key| fact(Kind::PipelineStage, key, path))
                    .collect()
            } else if path.ends_with(".json") {
                match serde_json::from_str::<Value>(&text) {
                    Ok(json) => json_facts(path, &json),
                    Err(_) => Vec::new(),
                }
            } else {
                Vec::new()
            };
        if !found.is_empty() {
            facts.entry(path.to_owned()).or_default().extend(found);
        }
    }
    facts
}

fn fact(kind: Kind, key: String, path: &str) -> Fact {
    Fact {
        kind,
        key,
        detail: String::new(),
        values: Vec::new(),
        path: path.to_owned(),
    }
}

fn str_at<'v>(value: &'v Value, pointer: &str) -> Option<&'v str> {
    value.pointer(pointer).and_then(Value::as_str)
}

fn array<'v>(value: &'v Value, pointer: &str) -> &'v [Value] {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The name of a PSA item: the text before its owner and due day, which
/// change often and are not what reports match on.
fn item_name(text: &str) -> String {
    text.split(". Owner: ")
        .next()
        .unwrap_or(text)
        .trim_end_matches('.')
        .to_owned()
}

fn json_facts(path: &str, json: &Value) -> Vec<Fact> {
    let mut out = Vec::new();
    if path.starts_with("hubspot/") && path.ends_with(".properties.json") {
        for p in array(json, "/inputs") {
            let Some(name) = str_at(p, "/name") else {
                continue;
            };
            let detail = format!(
                "{} ({})",
                str_at(p, "/type").unwrap_or("?"),
                str_at(p, "/fieldType").unwrap_or("?")
            );
            let values = array(p, "/options")
                .iter()
                .filter_map(|o| str_at(o, "/value").map(str::to_owned))
                .collect();
            out.push(Fact {
                detail,
                values,
                ..fact(Kind::Property, name.to_owned(), path)
            });
        }
    } else if path == "hubspot/deal-pipeline.json" {
        if let Some(label) = str_at(json, "/label") {
            out.push(fact(Kind::Pipeline, label.to_owned(), path));
        }
        for s in array(json, "/stages") {
            if let Some(label) = str_at(s, "/label") {
                out.push(fact(Kind::PipelineStage, label.to_owned(), path));
            }
        }
    } else if path == "connectwise/project-template.json" {
        if let Some(name) = str_at(json, "/template/name") {
            out.push(fact(Kind::Template, name.to_owned(), path));
        }
        for phase in array(json, "/phases") {
            if let Some(d) = str_at(phase, "/phase/description") {
                out.push(fact(Kind::Task, d.to_owned(), path));
            }
            for ticket in array(phase, "/tickets") {
                if let Some(d) = str_at(ticket, "/ticket/description") {
                    out.push(fact(Kind::Task, d.to_owned(), path));
                }
            }
        }
    } else if path.starts_with("connectwise/ticket-tasks/") {
        for task in json.as_array().map_or(&[][..], Vec::as_slice) {
            if let Some(notes) = str_at(task, "/notes") {
                out.push(fact(Kind::Task, item_name(notes), path));
            }
        }
    } else if path == "autotask/checklist-libraries.json" {
        for library in array(json, "/libraries") {
            if let Some(name) = str_at(library, "/library/name") {
                out.push(fact(Kind::Template, name.to_owned(), path));
            }
            for item in array(library, "/items") {
                if let Some(name) = str_at(item, "/itemName") {
                    out.push(fact(Kind::Task, item_name(name), path));
                }
            }
        }
    } else if path == "events/tracking-plan.json" {
        for rule in array(json, "/rules") {
            if let Some(key) = str_at(rule, "/key") {
                out.push(fact(Kind::TrackedEvent, key.to_owned(), path));
            }
        }
    }
    out
}

/// A Salesforce field: its API name (the first `fullName`), its type and
/// the `fullName` of each picklist value.
fn salesforce_field(path: &str, xml: &str) -> Option<Fact> {
    let mut names = xml_texts(xml, "fullName").into_iter();
    let key = names.next()?;
    let detail = xml_texts(xml, "type")
        .into_iter()
        .next()
        .unwrap_or_default();
    Some(Fact {
        detail,
        values: names.collect(),
        ..fact(Kind::Property, key, path)
    })
}

/// The text of every `<tag>…</tag>` element, unescaped. The files are
/// generated by journeyc with a fixed shape, so a full XML parser is not
/// needed.
fn xml_texts(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else {
            break;
        };
        out.push(unescape(&after[..end]));
        rest = &after[end + close.len()..];
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_and_punctuation() {
        assert_eq!(normalize("Decision / Contract"), "decision_contract");
        assert_eq!(
            normalize("MSP_Qualified_Entry_Date__c"),
            "msp_qualified_entry_date_c"
        );
        assert_eq!(normalize("it-manager"), "it_manager");
    }

    #[test]
    fn a_rename_substitutes_whole_words_only() {
        let subs = vec![("_qualified_".to_owned(), "_qualification_".to_owned())];
        assert!(renamed(
            "msp_qualified_entry_date",
            "msp_qualification_entry_date",
            &subs
        ));
        assert!(renamed(
            "MSP_Qualified_Entry_Date__c",
            "MSP_Qualification_Entry_Date__c",
            &subs
        ));
        assert!(!renamed("msp_unqualified", "msp_unqualification", &subs));
        assert!(!renamed("msp_fit_score", "msp_intent_score", &subs));
    }

    #[test]
    fn xml_texts_reads_elements_in_order() {
        let xml = "<a><fullName>X&amp;Y</fullName><v><fullName>b</fullName></v></a>";
        assert_eq!(xml_texts(xml, "fullName"), vec!["X&Y", "b"]);
        assert!(xml_texts("<fullName>open", "fullName").is_empty());
    }

    #[test]
    fn item_names_drop_owner_and_due_day() {
        assert_eq!(
            item_name("Kickoff meeting held. Owner: Aisha. Due day 0."),
            "Kickoff meeting held"
        );
        assert_eq!(item_name("Plain"), "Plain");
    }

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
