//! `journeyc.toml`: per-rule severity, per-path overrides and journey locations.
//!
//! A team relaxes or tightens rules for its repository in one reviewed file
//! instead of on every command line. This module is pure like the rest of
//! the library: [`parse`] turns the file's text into a [`Config`] and every
//! problem it has, and [`Config::apply`] changes the severity of findings.
//! Finding the file and resolving paths on disk is the CLI's job
//! (`src/cli/policy.rs`).
//!
//! Precedence, from weakest to strongest: a code's default severity, the
//! `[rules]` table, then each `[[overrides]]` entry whose `paths` match the
//! finding's file, in file order (the later wins). Inline suppressions
//! (`crate::suppress`) are stronger still and are applied first.
//!
//! Only codes a team may reasonably relax are configurable: the business
//! rules and the unused-suppression warning. A journey that cannot be read
//! (load, schema and assembly problems) cannot be judged, so those stay as
//! they are.

mod codes;
mod glob;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use codes::{
    CONFIG_DUPLICATE_RULE, CONFIG_INVALID_VALUE, CONFIG_NOT_CONFIGURABLE, CONFIG_SYNTAX,
    CONFIG_UNKNOWN_KEY, CONFIG_UNKNOWN_RULE,
};
pub use glob::Glob;
pub use parse::parse;

use crate::codes::{Code, Phase};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, Span};

/// What the configuration makes of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Drop the finding.
    Off,
    Warning,
    Error,
}

impl Level {
    /// The words a configuration may use, in the order the help lists them.
    pub const WORDS: [&'static str; 3] = ["error", "warning", "off"];

    /// Read a severity word; exact and lowercase, as documented.
    pub fn from_word(word: &str) -> Option<Level> {
        match word {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }

    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// One `rules` table: the level of each configured code, keyed by code.
pub type RuleLevels = BTreeMap<&'static str, Level>;

/// A path written in the configuration (an entry of `journeys`, the
/// `baseline`): relative to the repository root unless absolute, with where
/// it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigPath {
    pub path: String,
    pub span: Span,
}

/// One `[[overrides]]` entry: rule levels for the files its patterns match.
#[derive(Clone, Debug)]
pub struct Override {
    pub paths: Vec<Glob>,
    pub rules: RuleLevels,
}

impl Override {
    /// Whether the override applies to a root-relative path.
    pub fn applies_to(&self, path: &str) -> bool {
        self.paths.iter().any(|g| g.matches(path))
    }
}

/// The configuration read from `journeyc.toml`. The default is what a
/// repository without the file gets: every code at its default severity.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Where the journeys live, used when a command is given no path.
    pub journeys: Vec<ConfigPath>,
    /// The file of known findings `journeyc check` does not report (written
    /// by `journeyc check --write-baseline`), relative to the configuration.
    pub baseline: Option<ConfigPath>,
    /// The `[rules]` table.
    pub rules: RuleLevels,
    /// The `[[overrides]]` entries in file order.
    pub overrides: Vec<Override>,
}

impl Config {
    /// The level of a code for a file, given as a path relative to the
    /// repository root (`None` for a file outside it, which only `[rules]`
    /// reaches). Codes that are not configurable keep their default.
    pub fn level(&self, code: &Code, path: Option<&str>) -> Level {
        let default = match code.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        if !is_configurable(code) {
            return default;
        }

        let mut level = self.rules.get(code.code).copied().unwrap_or(default);
        if let Some(path) = path {
            for entry in &self.overrides {
                if let Some(&set) = entry.rules.get(code.code)
                    && entry.applies_to(path)
                {
                    level = set;
                }
            }
        }
        level
    }

    /// Give each diagnostic the severity the configuration sets for its code
    /// and file, and drop those that are off. `path_of` maps a file to its
    /// path relative to the repository root.
    pub fn apply(
        &self,
        diagnostics: Vec<Diagnostic>,
        path_of: impl Fn(FileId) -> Option<String>,
    ) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut d| {
                let path = path_of(d.primary.span.file);
                d.severity = self.level(d.code, path.as_deref()).severity()?;
                Some(d)
            })
            .collect()
    }
}

/// Whether a team may change a code's severity or suppress it: the rules,
/// and the warning about a suppression that suppresses nothing.
pub fn is_configurable(code: &Code) -> bool {
    code.phase == Phase::Rule || std::ptr::eq(code, &crate::suppress::UNUSED_SUPPRESSION)
}

/// Every configurable code, in code order.
pub fn configurable_codes() -> Vec<&'static Code> {
    let mut codes: Vec<&'static Code> = crate::rules::RULES
        .iter()
        .map(|r| &r.code)
        .filter(|c| c.phase == Phase::Rule)
        .chain([&crate::suppress::UNUSED_SUPPRESSION])
        .collect();
    codes.sort_by_key(|c| c.code);
    codes
}

/// Why a code or rule name written by a user cannot be configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A configurable code.
    Found(&'static Code),
    /// A real code that may not be relaxed.
    NotConfigurable(&'static Code),
    /// No such code; the nearest configurable code or name, if any.
    Unknown(Option<&'static str>),
}

/// Find a configurable code by its code (`JC302`) or name (`orphan-stage`),
/// ignoring case, as both `journeyc.toml` and suppression comments name them.
pub fn lookup(query: &str) -> Lookup {
    let same = |c: &Code| c.code.eq_ignore_ascii_case(query) || c.name.eq_ignore_ascii_case(query);
    let configurable = configurable_codes();
    if let Some(code) = configurable.iter().find(|c| same(c)) {
        return Lookup::Found(code);
    }

    let known = crate::rules::all_codes().find(|c| same(c));
    if let Some(code) = known {
        return Lookup::NotConfigurable(code);
    }

    let candidates = configurable.iter().flat_map(|c| [c.code, c.name]);
    Lookup::Unknown(crate::suggest::closest(query, candidates))
}
