//! The baseline: findings a team has accepted for now, so that journeyc can
//! be adopted on an existing journey without drowning in findings on the
//! first day, while every new finding is still reported.
//!
//! `journeyc check --write-baseline` records the rule findings of a run in a
//! file named by `baseline` in `journeyc.toml`; later runs of `check` leave
//! out the findings it lists and say how many they left out. A finding is
//! known by its code, its file (relative to the repository root) and its
//! message, not by its line, so editing elsewhere in the file does not bring
//! it back; the message names the item (`stage \`pilot\` is a dead end`), so
//! the same problem on another item is new. Entries are counted, so a second
//! identical finding is new too. Only configurable findings (the rules) can
//! be recorded: a journey that cannot be read cannot be accepted as it is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Finding;
use crate::config::is_configurable;

/// The version of the file format, written into the file.
const FORMAT_VERSION: u32 = 1;

/// What identifies a finding in the baseline.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Entry {
    code: String,
    file: String,
    message: String,
}

impl Entry {
    fn of(finding: &Finding) -> Entry {
        Entry {
            code: finding.code.code.to_owned(),
            file: finding.place.uri.clone(),
            message: finding.message.clone(),
        }
    }
}

/// One line of the file: an entry and how many findings it stands for.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    code: String,
    file: String,
    message: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    journeyc_baseline: u32,
    findings: Vec<Line>,
}

/// The accepted findings still to be matched in this run.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: BTreeMap<Entry, usize>,
    /// How many findings this run left out.
    pub matched: usize,
}

impl Baseline {
    /// Read a baseline file's text. The error says what is wrong, for a
    /// message that names the file.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.journeyc_baseline != FORMAT_VERSION {
            return Err(format!(
                "it is format {} and this journeyc reads format {FORMAT_VERSION}",
                file.journeyc_baseline
            ));
        }
        let mut remaining = BTreeMap::new();
        for line in file.findings {
            let entry = Entry {
                code: line.code,
                file: line.file,
                message: line.message,
            };
            *remaining.entry(entry).or_insert(0) += line.count;
        }
        Ok(Baseline {
            remaining,
            matched: 0,
        })
    }

    /// Whether the baseline accepts this finding; each entry accepts as many
    /// findings as it counts.
    pub fn accepts(&mut self, finding: &Finding) -> bool {
        if !can_record(finding) {
            return false;
        }
        match self.remaining.get_mut(&Entry::of(finding)) {
            Some(count) if *count > 0 => {
                *count -= 1;
                self.matched += 1;
                true
            }
            _ => false,
        }
    }

    /// How many accepted findings in the files `checked` (relative to the
    /// repository root) did not occur in this run: they have been fixed, and
    /// can be dropped by writing the baseline again.
    pub fn unmatched(&self, checked: &dyn Fn(&str) -> bool) -> usize {
        self.remaining
            .iter()
            .filter(|(e, _)| checked(&e.file))
            .map(|(_, n)| n)
            .sum()
    }
}

/// Whether a finding can go into a baseline.
pub fn can_record(finding: &Finding) -> bool {
    is_configurable(finding.code)
}

/// The baseline file for the findings of a run: sorted, one entry per
/// distinct finding with a count, so that it diffs cleanly in git. The
/// entries of a `previous` baseline for files this run did not check
/// (`checked` is false) are kept, so writing the baseline for one journey
/// leaves the others' alone.
pub fn render(
    findings: &[Finding],
    previous: Option<&Baseline>,
    checked: &dyn Fn(&str) -> bool,
) -> String {
    let mut counts: BTreeMap<Entry, usize> = BTreeMap::new();
    for finding in findings.iter().filter(|f| can_record(f)) {
        *counts.entry(Entry::of(finding)).or_insert(0) += 1;
    }
    if let Some(previous) = previous {
        for (entry, n) in &previous.remaining {
            if !checked(&entry.file) {
                *counts.entry(entry.clone()).or_insert(0) += n;
            }
        }
    }
    let file = File {
        journeyc_baseline: FORMAT_VERSION,
        findings: counts
            .into_iter()
            .map(|(e, count)| Line {
                code: e.code,
                file: e.file,
                message: e.message,
                count,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}
