//! How a generated name is matched across versions and traced back to the
//! journey: vendor spellings normalized, declared renames as substitutions,
//! and the ids and names of each version with where they are written.

use std::collections::{BTreeMap, BTreeSet};

use crate::diff::Place;
use crate::diff::journey::pair;
use crate::model::{FieldType, Id, Journey};
use crate::source::Span;

/// Lowercase, with every run of other characters than letters and digits
/// as one `_`: how names are compared across vendor spellings.
pub(super) fn normalize(text: &str) -> String {
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
pub(super) type Substitution = (String, String);

/// The normalized spellings a name may have in the new version: itself, and
/// itself with each declared rename it contains applied.
pub(super) fn spellings(old: &str, subs: &[Substitution]) -> Vec<String> {
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
pub(super) struct Unpaired<'n> {
    names: Vec<&'n str>,
    taken: Vec<bool>,
    by_spelling: BTreeMap<String, Vec<usize>>,
}

impl<'n> Unpaired<'n> {
    pub(super) fn new(names: Vec<&'n str>) -> Unpaired<'n> {
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
    pub(super) fn take_renamed(&mut self, old: &str, subs: &[Substitution]) -> Option<usize> {
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
    pub(super) fn take_first(&mut self) -> Option<usize> {
        let i = self.taken.iter().position(|t| !t)?;
        self.taken[i] = true;
        Some(i)
    }

    /// The names never taken, in their order.
    pub(super) fn rest(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.names.len()).filter(|i| !self.taken[*i])
    }
}

/// Old → new names (normalized, as whole words) of every item paired
/// across the versions
/// whose id or name changed.
pub(super) fn substitutions(old: &Journey, new: &Journey) -> Vec<Substitution> {
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
pub(super) type Names = BTreeMap<String, Span>;

pub(super) fn names(journey: &Journey) -> Names {
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

pub(super) struct Locator {
    pub(super) new: Names,
    pub(super) old: Names,
    /// Each version's names as whole words (`_name_`), longest first, to
    /// find the id inside a generated name.
    pub(super) new_words: Vec<(String, Span)>,
    pub(super) old_words: Vec<(String, Span)>,
}

impl Locator {
    /// The item a generated name comes from: the same name in the new
    /// version, else in the old one; else an id that is a whole-word part of
    /// it (a stage id inside an entry-date property name).
    pub(super) fn find(&self, text: &str) -> Option<Place> {
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
pub(super) fn words(names: &Names) -> Vec<(String, Span)> {
    let mut words: Vec<(String, Span)> = names
        .iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, span)| (format!("_{name}_"), *span))
        .collect();
    words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    words
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
}
