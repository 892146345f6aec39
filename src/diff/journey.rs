//! Comparing the journey model of two versions: stages and their criteria,
//! transitions and exit paths, the committee, touchpoints, owners, moments of
//! truth, events and their fields, and the qualification threshold.
//!
//! Items are paired by id, and by `renamed_from` when an id changed, so
//! everything said about a renamed stage (its criteria, its transitions)
//! is compared against the same stage in the old version.

mod events;

use std::collections::{BTreeMap, BTreeSet};

use super::checks::*;
use super::{Change, Place};
use crate::build::Artifact;
use crate::model::{CommitteeRole, Criterion, Id, Journey, OwnerRefs, Spanned, Stage, Touchpoint};

/// Items of one kind paired across the versions.
pub(super) struct Paired<'a, T> {
    /// `(old, new)`: the same item in both versions, renamed or not.
    pub(super) both: Vec<(&'a T, &'a T)>,
    /// `(old, new)` pairs whose id changed by a declared rename.
    pub(super) renamed: Vec<(&'a T, &'a T)>,
    pub(super) removed: Vec<&'a T>,
    pub(super) added: Vec<&'a T>,
}

/// Pair items by id. A new item whose `renamed_from` names an old id that no
/// longer exists in the new version is that old item, renamed.
pub(super) fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
    renamed_from: impl Fn(&T) -> Option<&str>,
) -> Paired<'a, T> {
    let mut old_by_id: BTreeMap<&str, &T> = BTreeMap::new();
    for item in old {
        old_by_id.entry(id(item)).or_insert(item);
    }
    let new_ids: BTreeSet<&str> = new.iter().map(&id).collect();
    let mut paired = Paired {
        both: Vec::new(),
        renamed: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
    };
    let mut used = BTreeSet::new();
    for item in new {
        if let Some(before) = old_by_id.get(id(item)) {
            if used.insert(id(item)) {
                paired.both.push((*before, item));
            }
            continue;
        }
        let renamed = renamed_from(item)
            .filter(|from| !new_ids.contains(from))
            .and_then(|from| old_by_id.get(from).map(|before| (from, *before)));
        match renamed {
            Some((from, before)) if used.insert(from) => {
                paired.both.push((before, item));
                paired.renamed.push((before, item));
            }
            _ => paired.added.push(item),
        }
    }
    for item in old {
        if !used.contains(id(item)) {
            paired.removed.push(item);
        }
    }
    paired
}

fn at_new(id: &Id) -> Place {
    Place::new(id.span)
}

fn at_old(id: &Id) -> Place {
    Place::old(id.span)
}

/// Compare the models of two versions of one journey. `artifacts` are the
/// files built from each version, used to name the event schema a change is
/// in.
pub fn compare(old: &Journey, new: &Journey, artifacts: (&[Artifact], &[Artifact])) -> Vec<Change> {
    let mut out = Vec::new();
    let stage_renames = stages(old, new, &mut out);
    committee(old, new, &mut out);
    touchpoints(old, new, &stage_renames, &mut out);
    owners(old, new, &mut out);
    moments_of_truth(old, new, &mut out);
    events::compare(old, new, &stage_renames, artifacts, &mut out);
    qualification(old, new, &mut out);
    drop_off_reasons(old, new, &mut out);
    out
}

/// Old stage id → new stage id, for every stage in both versions.
type StageMap = BTreeMap<String, String>;

/// An old version's stage id as the new version calls it, so that renaming
/// a stage does not read as moving everything in it.
fn renamed_stage(stage: Option<&Id>, stages: &StageMap) -> Option<String> {
    stage.map(|s| {
        stages
            .get(s.as_str())
            .cloned()
            .unwrap_or_else(|| s.to_string())
    })
}

fn stages(old: &Journey, new: &Journey, out: &mut Vec<Change>) -> StageMap {
    let paired = pair(
        &old.stages,
        &new.stages,
        |s: &Stage| s.id.as_str(),
        |s: &Stage| s.renamed_from.as_ref().map(|r| r.as_str()),
    );
    let map: StageMap = paired
        .both
        .iter()
        .map(|(o, n)| (o.id.to_string(), n.id.to_string()))
        .collect();

    for s in &paired.added {
        out.push(
            Change::new(
                &STAGE_ADDED,
                format!("stage {}", s.id),
                format!(
                    "new stage `{}` (\"{}\"): the CRM pick lists and the deal pipeline gain a value",
                    s.id, s.name
                ),
            )
            .at(at_new(&s.id)),
        );
    }
    for s in &paired.removed {
        out.push(
            Change::new(
                &STAGE_REMOVED,
                format!("stage {}", s.id),
                format!(
                    "the stage `{}` (\"{}\") is gone: contacts and deals whose journey stage is `{}` \
                     keep a value that no longer exists; move them to another stage before \
                     importing, or declare `renamed_from: {}` on the stage that replaces it",
                    s.id, s.name, s.id, s.id
                ),
            )
            .at(at_old(&s.id)),
        );
    }
    for (o, n) in &paired.renamed {
        out.push(
            Change::new(
                &STAGE_RENAMED,
                format!("stage {} → {}", o.id, n.id),
                format!(
                    "the stage `{}` is now `{}`: update every contact and deal whose journey stage \
                     is `{}` to `{}` before importing the new pick list, and copy its entry-date \
                     property to the new one",
                    o.id, n.id, o.id, n.id
                ),
            )
            .at(at_new(&n.id)),
        );
    }

    for (o, n) in &paired.both {
        let before = o.probability.as_ref().map(|p| p.value);
        let after = n.probability.as_ref().map(|p| p.value);
        if before != after {
            let show = |p: Option<f64>| p.map_or_else(|| "none".to_owned(), |p| p.to_string());
            let place = n
                .probability
                .as_ref()
                .map_or(at_new(&n.id), |p| Place::new(p.span));
            out.push(
                Change::new(
                    &STAGE_PROBABILITY_CHANGED,
                    format!("stage {}", n.id),
                    format!(
                        "the deal probability of stage `{}` went from {} to {}: pipeline \
                         forecasts change for every open deal in it",
                        n.id,
                        show(before),
                        show(after)
                    ),
                )
                .at(place),
            );
        }
        criteria(&CriteriaKind::Entry, o, n, out);
        criteria(&CriteriaKind::Exit, o, n, out);
        transitions(o, n, &map, out);
        exit_paths(o, n, &map, out);
    }

    stage_order(old, new, &map, out);
    map
}

fn stage_order(old: &Journey, new: &Journey, map: &StageMap, out: &mut Vec<Change>) {
    let before: Vec<&str> = old
        .stages
        .iter()
        .filter_map(|s| map.get(s.id.as_str()).map(String::as_str))
        .collect();
    let kept: BTreeSet<&str> = before.iter().copied().collect();
    let after: Vec<&Stage> = new
        .stages
        .iter()
        .filter(|s| kept.contains(s.id.as_str()))
        .collect();
    let moved = before
        .iter()
        .zip(&after)
        .find(|(b, a)| **b != a.id.as_str())
        .map(|(_, a)| *a);
    if let Some(first) = moved {
        let list = |ids: Vec<&str>| ids.join(", ");
        out.push(
            Change::new(
                &STAGE_ORDER_CHANGED,
                "stage order".to_owned(),
                format!(
                    "the stages are in a new order ({} → {}): the CRM pick lists, the deal \
                     pipeline and the opportunity stages follow it",
                    list(before.clone()),
                    list(after.iter().map(|s| s.id.as_str()).collect())
                ),
            )
            .at(at_new(&first.id)),
        );
    }
}

enum CriteriaKind {
    Entry,
    Exit,
}

/// Criteria are compared as text. When a stage's criteria differ by exactly
/// one dropped and one new criterion, that is one reworded criterion
/// (`*-criteria-changed`); with more on either side the pairing would be a
/// guess, so each is reported as added or dropped.
fn criteria(kind: &CriteriaKind, old: &Stage, new: &Stage, out: &mut Vec<Change>) {
    let (before, after, added, removed, changed, word) = match kind {
        CriteriaKind::Entry => (
            &old.entry_criteria,
            &new.entry_criteria,
            &ENTRY_CRITERIA_ADDED,
            &ENTRY_CRITERIA_REMOVED,
            &ENTRY_CRITERIA_CHANGED,
            "entry",
        ),
        CriteriaKind::Exit => (
            &old.exit_criteria,
            &new.exit_criteria,
            &EXIT_CRITERIA_ADDED,
            &EXIT_CRITERIA_REMOVED,
            &EXIT_CRITERIA_CHANGED,
            "exit",
        ),
    };
    let text = |c: &Criterion| c.criterion.value.trim().to_owned();
    let old_set: BTreeSet<String> = before.iter().map(text).collect();
    let new_set: BTreeSet<String> = after.iter().map(text).collect();
    let new_ones: Vec<&Criterion> = after
        .iter()
        .filter(|c| !old_set.contains(&text(c)))
        .collect();
    let dropped: Vec<&Criterion> = before
        .iter()
        .filter(|c| !new_set.contains(&text(c)))
        .collect();
    if let ([now], [was]) = (new_ones.as_slice(), dropped.as_slice()) {
        out.push(
            Change::new(
                changed,
                format!("stage {}", new.id),
                format!(
                    "the {word} criterion of stage `{}` changed from \"{}\" to \"{}\": check \
                     that accounts moved under the old wording still meet it, and update the \
                     automation that sets the stage",
                    new.id,
                    text(was),
                    text(now)
                ),
            )
            .at(Place::new(now.criterion.span)),
        );
        return;
    }
    for c in new_ones {
        out.push(
            Change::new(
                added,
                format!("stage {}", new.id),
                format!(
                    "the {word} of stage `{}` is tightened: accounts must now also meet \"{}\"; \
                     tell the teams who move accounts and check the automation that sets the stage",
                    new.id,
                    text(c)
                ),
            )
            .at(Place::new(c.criterion.span)),
        );
    }
    for c in dropped {
        out.push(
            Change::new(
                removed,
                format!("stage {}", new.id),
                format!(
                    "the {word} criterion \"{}\" of stage `{}` was dropped",
                    text(c),
                    new.id
                ),
            )
            .at(Place::old(c.criterion.span)),
        );
    }
}

fn transitions(old: &Stage, new: &Stage, map: &StageMap, out: &mut Vec<Change>) {
    let target = |id: &str| map.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let before: BTreeMap<String, &Id> = old
        .transitions
        .iter()
        .map(|t| (target(t.to.as_str()), &t.to))
        .collect();
    let after: BTreeMap<String, &Id> = new
        .transitions
        .iter()
        .map(|t| (t.to.to_string(), &t.to))
        .collect();
    for (to, id) in after.iter().filter(|(to, _)| !before.contains_key(*to)) {
        out.push(
            Change::new(
                &TRANSITION_ADDED,
                format!("stage {} → {to}", new.id),
                format!("accounts may now move from stage `{}` to `{to}`", new.id),
            )
            .at(at_new(id)),
        );
    }
    for (to, id) in before.iter().filter(|(to, _)| !after.contains_key(*to)) {
        out.push(
            Change::new(
                &TRANSITION_REMOVED,
                format!("stage {} → {to}", new.id),
                format!(
                    "accounts can no longer move from stage `{}` to `{to}`: workflows that make \
                     this move must be changed, and accounts mid-way need another path",
                    new.id
                ),
            )
            .at(at_old(id)),
        );
    }
}

/// Exit paths are keyed by reason and `return_to` (a stage may list one
/// reason twice, returning to different stages); a reason that appears once
/// on each side with another `return_to` is one `exit-path-changed`.
fn exit_paths(old: &Stage, new: &Stage, map: &StageMap, out: &mut Vec<Change>) {
    let before: BTreeMap<(String, Option<String>), &Id> = old
        .exit_paths
        .iter()
        .map(|p| {
            let to = renamed_stage(p.return_to.as_ref(), map);
            ((p.reason.to_string(), to), &p.reason)
        })
        .collect();
    let after: BTreeMap<(String, Option<String>), &Id> = new
        .exit_paths
        .iter()
        .map(|p| {
            let to = p.return_to.as_ref().map(|r| r.to_string());
            ((p.reason.to_string(), to), &p.reason)
        })
        .collect();
    let describe = |(reason, to): &(String, Option<String>)| match to {
        Some(to) => format!("`{reason}` (returning to `{to}`)"),
        None => format!("`{reason}`"),
    };
    let added: Vec<_> = after
        .iter()
        .filter(|(k, _)| !before.contains_key(*k))
        .collect();
    let removed: Vec<_> = before
        .iter()
        .filter(|(k, _)| !after.contains_key(*k))
        .collect();
    let once = |list: &[(&(String, Option<String>), &&Id)], reason: &str| {
        list.iter().filter(|(k, _)| k.0 == reason).count() == 1
    };
    let moved: Vec<&String> = added
        .iter()
        .map(|(k, _)| &k.0)
        .filter(|r| once(&added, r) && once(&removed, r))
        .collect();
    for (key, id) in &added {
        if moved.contains(&&key.0) {
            let old_to = removed
                .iter()
                .find(|(k, _)| k.0 == key.0)
                .and_then(|(k, _)| k.1.clone());
            let returning = match (&old_to, &key.1) {
                (Some(was), Some(now)) => format!("now return to `{now}` instead of `{was}`"),
                (Some(was), None) => format!("no longer return to `{was}`"),
                // The two differ, so a path that returned nowhere now does.
                (None, now) => format!("now return to `{}`", now.as_deref().unwrap_or_default()),
            };
            out.push(
                Change::new(
                    &EXIT_PATH_CHANGED,
                    format!("stage {} exit {}", new.id, key.0),
                    format!(
                        "accounts leaving stage `{}` for `{}` {returning}: the nurture or \
                         win-back workflow that picks them up changes",
                        new.id, key.0,
                    ),
                )
                .at(at_new(id)),
            );
            continue;
        }
        out.push(
            Change::new(
                &EXIT_PATH_ADDED,
                format!("stage {} exit {}", new.id, key.0),
                format!("stage `{}` has a new exit path {}", new.id, describe(key)),
            )
            .at(at_new(id)),
        );
    }
    for (key, id) in removed.iter().filter(|(k, _)| !moved.contains(&&k.0)) {
        out.push(
            Change::new(
                &EXIT_PATH_REMOVED,
                format!("stage {} exit {}", new.id, key.0),
                format!(
                    "stage `{}` no longer has the exit path {}: accounts leaving this stage can \
                     no longer be given that reason; tell the team that closes them, and check \
                     lost-deal reports by stage",
                    new.id,
                    describe(key)
                ),
            )
            .at(at_old(id)),
        );
    }
}

fn committee(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    let paired = pair(
        &old.committee,
        &new.committee,
        |r: &CommitteeRole| r.id.as_str(),
        |r: &CommitteeRole| r.renamed_from.as_ref().map(|f| f.as_str()),
    );
    for r in &paired.added {
        out.push(
            Change::new(
                &COMMITTEE_ROLE_ADDED,
                format!("committee role {}", r.id),
                format!("new committee role `{}` (\"{}\")", r.id, r.name),
            )
            .at(at_new(&r.id)),
        );
    }
    for r in &paired.removed {
        out.push(
            Change::new(
                &COMMITTEE_ROLE_REMOVED,
                format!("committee role {}", r.id),
                format!(
                    "the committee role `{}` (\"{}\") is gone: contacts whose committee role is \
                     `{}` and event records with `primary_role: {}` keep a value that no longer \
                     exists; re-tag them before importing",
                    r.id, r.name, r.id, r.id
                ),
            )
            .at(at_old(&r.id)),
        );
    }
    for (o, n) in &paired.renamed {
        out.push(
            Change::new(
                &COMMITTEE_ROLE_RENAMED,
                format!("committee role {} → {}", o.id, n.id),
                format!(
                    "the committee role `{}` is now `{}`: change the committee role of every \
                     contact from `{}` to `{}` before importing the new pick list",
                    o.id, n.id, o.id, n.id
                ),
            )
            .at(at_new(&n.id)),
        );
    }
}

fn owner_ids(owner: Option<&Spanned<OwnerRefs>>) -> Vec<String> {
    owner.map_or_else(Vec::new, |o| {
        o.value.0.iter().map(|i| i.to_string()).collect()
    })
}

/// Owners as people read them, `Dana Reyes (`dana`)`, looked up in the new
/// version and then in the old one (a removed owner is only there);
/// `nobody` for none.
fn show_owner(ids: &[String], old: &Journey, new: &Journey) -> String {
    if ids.is_empty() {
        return "nobody".to_owned();
    }
    let name = |id: &str| {
        [new, old]
            .iter()
            .find_map(|j| j.owners.iter().find(|o| o.id.as_str() == id))
            .map(|o| o.name.value.clone())
    };
    ids.iter()
        .map(|i| match name(i) {
            Some(n) => format!("{n} (`{i}`)"),
            None => format!("`{i}`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A system as people read it, `` `crm` (HubSpot) ``, or `no system`.
fn show_system(id: Option<&str>, journey: &Journey) -> String {
    let Some(id) = id else {
        return "no system".to_owned();
    };
    match journey.systems.iter().find(|s| s.id.as_str() == id) {
        Some(system) => format!("`{id}` ({})", system.name.value),
        None => format!("`{id}`"),
    }
}

fn touchpoints(old: &Journey, new: &Journey, stages: &StageMap, out: &mut Vec<Change>) {
    let paired = pair(
        &old.touchpoints,
        &new.touchpoints,
        |t: &Touchpoint| t.id.as_str(),
        |t: &Touchpoint| t.renamed_from.as_ref().map(|f| f.as_str()),
    );
    for t in &paired.added {
        out.push(
            Change::new(
                &TOUCHPOINT_ADDED,
                format!("touchpoint {}", t.id),
                format!("new touchpoint `{}` (\"{}\")", t.id, t.name),
            )
            .at(at_new(&t.id)),
        );
    }
    for t in &paired.removed {
        out.push(
            Change::new(
                &TOUCHPOINT_REMOVED,
                format!("touchpoint {}", t.id),
                format!(
                    "the touchpoint `{}` (\"{}\") is gone: nobody is asked to run it any more; \
                     tell its owner, {}",
                    t.id,
                    t.name,
                    show_owner(&owner_ids(t.owner.as_ref()), old, new)
                ),
            )
            .at(at_old(&t.id)),
        );
    }
    for (o, n) in &paired.renamed {
        out.push(
            Change::new(
                &TOUCHPOINT_RENAMED,
                format!("touchpoint {} → {}", o.id, n.id),
                format!("the touchpoint `{}` is now `{}`", o.id, n.id),
            )
            .at(at_new(&n.id)),
        );
    }
    for (o, n) in &paired.both {
        let before = renamed_stage(o.stage.as_ref(), stages);
        let after = n.stage.as_ref().map(|s| s.to_string());
        if before != after {
            let place = n.stage.as_ref().map_or(at_new(&n.id), at_new);
            out.push(
                Change::new(
                    &TOUCHPOINT_STAGE_CHANGED,
                    format!("touchpoint {}", n.id),
                    format!(
                        "the touchpoint `{}` moved from stage `{}` to `{}`: reports by stage \
                         count it in its new stage, and the team working that stage takes it on",
                        n.id,
                        before.as_deref().unwrap_or("none"),
                        after.as_deref().unwrap_or("none")
                    ),
                )
                .at(place),
            );
        }
        let (before, after) = (owner_ids(o.owner.as_ref()), owner_ids(n.owner.as_ref()));
        if before != after {
            let place = n
                .owner
                .as_ref()
                .map_or(at_new(&n.id), |o| Place::new(o.span));
            out.push(
                Change::new(
                    &TOUCHPOINT_OWNER_CHANGED,
                    format!("touchpoint {}", n.id),
                    format!(
                        "the touchpoint `{}` passed from {} to {}",
                        n.id,
                        show_owner(&before, old, new),
                        show_owner(&after, old, new)
                    ),
                )
                .at(place),
            );
        }
        let (before, after) = (
            o.system.as_ref().map(|s| s.to_string()),
            n.system.as_ref().map(|s| s.to_string()),
        );
        if before != after {
            let place = n.system.as_ref().map_or(at_new(&n.id), at_new);
            out.push(
                Change::new(
                    &TOUCHPOINT_SYSTEM_CHANGED,
                    format!("touchpoint {}", n.id),
                    format!(
                        "the touchpoint `{}` is now logged in {} instead of {}: reports and \
                         automations that read it from the old system stop seeing it",
                        n.id,
                        show_system(after.as_deref(), new),
                        show_system(before.as_deref(), old)
                    ),
                )
                .at(place),
            );
        }
    }
}

/// Drop-off reasons are the lost-reason pick list wherever deals are
/// closed: the CRM's generated pick lists are compared too, but a journey
/// whose CRM journeyc does not generate still needs to hear it.
fn drop_off_reasons(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    let paired = pair(
        &old.drop_off_reasons,
        &new.drop_off_reasons,
        |r| r.id.as_str(),
        |_| None,
    );
    for r in &paired.added {
        out.push(
            Change::new(
                &DROP_OFF_REASON_ADDED,
                format!("drop-off reason {}", r.id),
                format!("new drop-off reason `{}` (\"{}\")", r.id, r.label),
            )
            .at(at_new(&r.id)),
        );
    }
    for r in &paired.removed {
        out.push(
            Change::new(
                &DROP_OFF_REASON_REMOVED,
                format!("drop-off reason {}", r.id),
                format!(
                    "the drop-off reason `{}` (\"{}\") is gone: lost deals and churned clients \
                     recorded with it keep a reason that no longer exists, and reports by reason \
                     lose it; map them to another reason first",
                    r.id, r.label
                ),
            )
            .at(at_old(&r.id)),
        );
    }
}

fn owners(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    let paired = pair(&old.owners, &new.owners, |o| o.id.as_str(), |_| None);
    for o in &paired.added {
        out.push(
            Change::new(
                &OWNER_ADDED,
                format!("owner {}", o.id),
                format!("new owner {} (`{}`)", o.name, o.id),
            )
            .at(at_new(&o.id)),
        );
    }
    for o in &paired.removed {
        out.push(
            Change::new(
                &OWNER_REMOVED,
                format!("owner {}", o.id),
                format!(
                    "the owner {} (`{}`) is gone from the journey: everything they owned has new \
                     owners in this version; make sure each of them knows",
                    o.name, o.id
                ),
            )
            .at(at_old(&o.id)),
        );
    }
}

fn moments_of_truth(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    let paired = pair(
        &old.moments_of_truth,
        &new.moments_of_truth,
        |m| m.id.as_str(),
        |_| None,
    );
    for m in &paired.added {
        out.push(
            Change::new(
                &MOMENT_OF_TRUTH_ADDED,
                format!("moment of truth {}", m.id),
                format!(
                    "new moment of truth `{}` (touchpoint `{}`)",
                    m.id, m.touchpoint
                ),
            )
            .at(at_new(&m.id)),
        );
    }
    for m in &paired.removed {
        out.push(
            Change::new(
                &MOMENT_OF_TRUTH_REMOVED,
                format!("moment of truth {}", m.id),
                match &m.kpi {
                    Some(kpi) => format!(
                        "the moment of truth `{}` is gone: nobody tracks its KPI \"{}\" any more; \
                         tell {}",
                        m.id,
                        kpi.value,
                        show_owner(&owner_ids(m.owner.as_ref()), old, new)
                    ),
                    None => format!(
                        "the moment of truth `{}` is gone: nobody tracks it any more",
                        m.id
                    ),
                },
            )
            .at(at_old(&m.id)),
        );
    }
    for (o, n) in &paired.both {
        let (before, after) = (owner_ids(o.owner.as_ref()), owner_ids(n.owner.as_ref()));
        if before != after {
            let place = n
                .owner
                .as_ref()
                .map_or(at_new(&n.id), |o| Place::new(o.span));
            out.push(
                Change::new(
                    &MOMENT_OF_TRUTH_OWNER_CHANGED,
                    format!("moment of truth {}", n.id),
                    format!(
                        "the moment of truth `{}` changed hands from {} to {}: hand over its KPI \
                         and next action explicitly, or it will be dropped",
                        n.id,
                        show_owner(&before, old, new),
                        show_owner(&after, old, new)
                    ),
                )
                .at(place),
            );
        }
    }
}

fn qualification(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    scoring(old, new, out);
    let threshold = |j: &Journey| {
        j.qualification
            .as_ref()
            .and_then(|q| q.value.threshold.as_ref())
            .map(|t| (t.value, t.span))
    };
    let (Some((before, _)), Some((after, span))) = (threshold(old), threshold(new)) else {
        return;
    };
    let (check, verb) = match after.cmp(&before) {
        std::cmp::Ordering::Greater => (&QUALIFICATION_THRESHOLD_RAISED, "raised"),
        std::cmp::Ordering::Less => (&QUALIFICATION_THRESHOLD_LOWERED, "lowered"),
        std::cmp::Ordering::Equal => return,
    };
    let tail = if check == &QUALIFICATION_THRESHOLD_RAISED {
        ": fewer leads reach Sales; leads between the two scores stop qualifying, so warn Sales \
         and re-score the open ones"
    } else {
        ": more leads reach Sales"
    };
    out.push(
        Change::new(
            check,
            "qualification threshold".to_owned(),
            format!("the qualification threshold was {verb} from {before} to {after}{tail}"),
        )
        .at(Place::new(span)),
    );
}

/// The score's parts: fit points, intent signals and their points, the
/// committee multiplier and its window. Any change moves who qualifies, so
/// each is a warning: Sales sees other leads, and open leads need
/// re-scoring.
fn scoring(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    let (Some(before), Some(after)) = (&old.qualification, &new.qualification) else {
        return;
    };
    let (before, after) = (&before.value, &after.value);
    const RESCORE: &str = "who qualifies changes; re-score the open leads";
    let mut push = |subject: String, message: String, place: Place| {
        out.push(Change::new(&QUALIFICATION_SCORING_CHANGED, subject, message).at(place));
    };

    let fit = |q: &crate::model::Qualification| q.fit.as_ref().map(|f| f.value.points.value);
    if let (Some(was), Some(now)) = (fit(before), fit(after))
        && was != now
        && let Some(f) = &after.fit
    {
        push(
            "qualification fit".to_owned(),
            format!(
                "a lead that fits the profile now scores {now} points instead of {was}: {RESCORE}"
            ),
            Place::new(f.value.points.span),
        );
    }

    let paired = pair(&before.intent, &after.intent, |s| s.id.as_str(), |_| None);
    for s in &paired.added {
        push(
            format!("qualification intent {}", s.id),
            format!(
                "new intent signal `{}` scores {} points: {RESCORE}",
                s.id, s.points.value
            ),
            at_new(&s.id),
        );
    }
    for s in &paired.removed {
        push(
            format!("qualification intent {}", s.id),
            format!(
                "the intent signal `{}` ({} points) no longer counts: {RESCORE}",
                s.id, s.points.value
            ),
            at_old(&s.id),
        );
    }
    for (o, n) in &paired.both {
        if o.points.value != n.points.value {
            push(
                format!("qualification intent {}", n.id),
                format!(
                    "the intent signal `{}` now scores {} points instead of {}: {RESCORE}",
                    n.id, n.points.value, o.points.value
                ),
                Place::new(n.points.span),
            );
        }
    }

    if let (Some(o), Some(n)) = (&before.committee, &after.committee) {
        let (o, n) = (&o.value, &n.value);
        // Multipliers are written with at most a few decimals.
        if (o.multiplier.value - n.multiplier.value).abs() > 1e-9 {
            push(
                "qualification committee multiplier".to_owned(),
                format!(
                    "the committee multiplier is now {} instead of {}: {RESCORE}",
                    n.multiplier.value, o.multiplier.value
                ),
                Place::new(n.multiplier.span),
            );
        }
        if o.window_days.value != n.window_days.value {
            push(
                "qualification committee window".to_owned(),
                format!(
                    "the committee must now engage within {} days instead of {}: {RESCORE}",
                    n.window_days.value, o.window_days.value
                ),
                Place::new(n.window_days.span),
            );
        }
    }
}
