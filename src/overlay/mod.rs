//! Segment overlays: a journey that names a base journey and adds, replaces,
//! updates or removes its items by id.
//!
//! A team keeps one base journey and a variant per segment. Rather than
//! copying the base, a variant's directory holds an overlay:
//!
//! ```yaml
//! overlay: { base: ../../msp-finance }
//! journey: { id: hipaa-clinic, name: HIPAA clinics }  # replaces the header
//! add:     { touchpoints: [ { id: hipaa-risk-review, … } ] }
//! update:  { stages: [ { id: discovery, owner: compliance-lead } ] }
//! remove:  { touchpoints: [ webinar-invite ] }
//! ```
//!
//! The overlay is applied to the YAML node trees, before the model is built
//! (see [`merge`]). Every node keeps the span it was loaded with, so each
//! later diagnostic — schema, rules, build — points at the file and line that
//! wrote the value, in the base or in the overlay, without any bookkeeping in
//! the phases after this one. The merge also records a [`Change`] for every
//! value an overlay introduced or replaced, which `journeyc explain-value`
//! reads back (see [`select`]).
//!
//! Which files are which layer is read from their names: the files of the
//! journey being checked share the directory of the first file, and a base
//! is found among the other files through `overlay.base`, resolved against
//! the overlay file's directory ([`base_dir`]). The library does no IO; the
//! caller loads the base's files into the same source set (the CLI does it
//! with [`declared_base`]).

pub mod codes;
mod layers;
mod merge;
mod removed;
pub mod select;

pub(crate) use layers::check_envelope;
pub use removed::explain_removals;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{Node, NodeKind, load_str};
use crate::source::{FileId, SourceSet, Span};

/// Sections holding a list of items with ids: the ones `add`, `replace` and
/// `remove` work on.
pub const LIST_SECTIONS: &[&str] = &[
    "teams",
    "owners",
    "systems",
    "drop_off_reasons",
    "stages",
    "committee",
    "proof_assets",
    "events",
    "touchpoints",
    "moments_of_truth",
    "backlog",
    "baseline",
    "service_packages",
    "sla_tiers",
    "approved_changes",
];

/// Sections written once per journey: an overlay replaces them by writing
/// them, or changes some of their fields under `update`.
pub const SINGLE_SECTIONS: &[&str] = &[
    "journey",
    "segment",
    "qualification",
    "onboarding",
    "roi",
    "governance",
];

/// The keys that only an overlay file may hold.
pub const ACTIONS: &[&str] = &["add", "replace", "update", "remove"];

/// At most this many journeys in one chain of bases, the journey itself
/// included; past it the chain is reported as [`codes::CHAIN_LOOP`].
pub const MAX_CHAIN: usize = 8;

/// What an overlay did to a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A new item, or a single-valued section the base did not have.
    Add,
    /// A whole item or single-valued section in place of the base's.
    Replace,
    /// One field of an item or single-valued section.
    Update,
    /// An item dropped from the base.
    Remove,
}

impl Action {
    /// The verb used in messages: "added by", "updated by", …
    pub fn verb(self) -> &'static str {
        match self {
            Action::Add => "added",
            Action::Replace => "replaced",
            Action::Update => "updated",
            Action::Remove => "removed",
        }
    }
}

/// One value an overlay introduced, replaced or removed.
#[derive(Clone, Debug)]
pub struct Change {
    /// Where the value sits in the journey: a section, then an item id for
    /// list sections, then a field name (`["stages", "discovery", "owner"]`).
    pub path: Vec<String>,
    pub action: Action,
    /// The layer (index into [`Merged::layers`]) whose overlay made the change.
    pub layer: usize,
    /// Where the overlay wrote the change: the new value, or the removed id.
    pub at: Span,
    /// The value it replaced or removed, with the spans it was written at.
    pub before: Option<Node>,
}

/// One journey directory taking part in a merge.
#[derive(Clone, Debug)]
pub struct Layer {
    /// The directory, normalised as [`dir_of`] does.
    pub dir: String,
    /// True when the layer is an overlay (it names a base).
    pub is_overlay: bool,
}

/// The result of loading a journey and applying its overlays.
#[derive(Debug, Default)]
pub struct Merged {
    /// The merged journey as node trees, one per part, in assembly order:
    /// the bottom journey's files, then each overlay file's new items and
    /// sections. Each part is read into the model and assembled as the files
    /// of a plain journey are.
    pub parts: Vec<(FileId, Node)>,
    /// Every change the overlays made, in the order they were applied
    /// (bottom layer first).
    pub changes: Vec<Change>,
    /// The layers from the bottom (a plain journey) to the journey checked.
    pub layers: Vec<Layer>,
    /// Which layer each file belongs to.
    pub file_layer: HashMap<FileId, usize>,
    /// Problems found while loading, checking structure or merging; all of
    /// them are structural: a journey with any of them is not judged by the
    /// rules.
    pub diagnostics: Vec<Diagnostic>,
}

impl Merged {
    /// The layer a file belongs to.
    pub fn layer_of(&self, file: FileId) -> Option<&Layer> {
        self.file_layer.get(&file).and_then(|&i| self.layers.get(i))
    }
}

/// Load `files` of `sources` and apply overlays: the journey checked is the
/// directory of the first file; files in other directories are used only
/// when the chain of `overlay.base` reaches them. Works on plain journeys too
/// (one layer, no changes), which `journeyc explain-value` relies on.
///
/// Files with a problem in `early` (found by the caller, such as an encoding
/// error) are not parsed.
pub fn merge(sources: &SourceSet, files: &[FileId], early: &[Diagnostic]) -> Merged {
    let mut diagnostics = Vec::new();
    let mut trees = Vec::new();
    for &file in files {
        let Some(source) = sources.get(file) else {
            continue;
        };
        if early.iter().any(|d| d.primary.span.file == file) {
            continue;
        }
        let loaded = load_str(file, &source.text);
        diagnostics.extend(loaded.diagnostics);
        if let Some(root) = loaded.root {
            trees.push((file, root));
        }
    }

    let top = files
        .first()
        .and_then(|&f| sources.get(f))
        .map_or_else(|| ".".to_owned(), |f| dir_of(&f.name));
    let (mut merged, layer_trees) = layers::resolve(sources, trees, &top, diagnostics);
    if merged.diagnostics.is_empty() {
        merge::apply_all(&mut merged, layer_trees);
    }
    merged
}

/// True when a file's text may declare an overlay. A cheap text scan, so a
/// plain journey — however large — is parsed once only: a file is an
/// overlay when its top-level mapping has an `overlay` key, and any such
/// file has a line that starts with `overlay` (after indentation, `{` or a
/// quote). A false positive costs one more parse, never a wrong result.
pub fn might_be_overlay(text: &str) -> bool {
    text.contains("overlay")
        && text.lines().any(|line| {
            line.trim_start_matches([' ', '\t', '{', '"', '\''])
                .starts_with("overlay")
        })
}

/// The base directory an overlay file declares, resolved against the file's
/// own directory and normalised, or `None` for a file that is not an
/// overlay (or cannot be read; its problems are reported when it is checked).
/// `name` is the file's name as it will be added to the source set.
pub fn declared_base(name: &str, text: &str) -> Option<String> {
    if !might_be_overlay(text) {
        return None;
    }
    let root = load_str(FileId::default(), text).root?;
    let base = root.get("overlay")?.value.get("base")?;
    match &base.value.kind {
        NodeKind::Str(base) => Some(base_dir(name, base)),
        _ => None,
    }
}

/// The directory of a file, normalised lexically (`a/./b/../c.yaml` → `a`);
/// `.` for a bare file name.
pub fn dir_of(file_name: &str) -> String {
    let parent = Path::new(file_name).parent().unwrap_or(Path::new(""));
    display(&normalize(parent))
}

/// The directory a `base:` written in the file `file_name` names: relative
/// to the file's directory unless absolute, normalised lexically.
pub fn base_dir(file_name: &str, base: &str) -> String {
    let parent = Path::new(file_name).parent().unwrap_or(Path::new(""));
    display(&normalize(&parent.join(base)))
}

/// Names in backticks for a message — "`a`, `b` and `c`" — at most
/// `shown` of them, then how many more there are.
pub(crate) fn listing(names: &[&str], shown: usize) -> String {
    let quoted: Vec<String> = names.iter().take(shown).map(|n| format!("`{n}`")).collect();
    let rest = names.len().saturating_sub(shown);
    match quoted.split_last() {
        None => String::new(),
        Some((only, [])) if rest == 0 => only.clone(),
        Some((last, init)) if rest == 0 => format!("{} and {last}", init.join(", ")),
        Some(_) => format!("{} and {rest} more", quoted.join(", ")),
    }
}

// FIXME: normalisation is lexical, so `a/link/..` is `a` even when `link` is
// a symbolic link to another directory; a base reached through such a path
// is reported as not found.
fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => parts.push(component),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

fn display(path: &Path) -> String {
    let text = path.display().to_string();
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_dirs_are_resolved_against_the_overlay_file() {
        assert_eq!(
            base_dir(
                "examples/overlays/clinic/a.journey.yaml",
                "../../msp-finance"
            ),
            "examples/msp-finance"
        );
        assert_eq!(base_dir("./a.journey.yaml", "../base"), "../base");
        assert_eq!(base_dir("a.journey.yaml", "base/"), "base");
        assert_eq!(base_dir("/x/y/a.journey.yaml", "/abs/base"), "/abs/base");
        assert_eq!(base_dir("/x/a.journey.yaml", "../../.."), "/");
        assert_eq!(dir_of("a.journey.yaml"), ".");
        assert_eq!(dir_of("./d/./a.journey.yaml"), "d");
    }

    #[test]
    fn listings_read_as_a_sentence() {
        assert_eq!(listing(&[], 3), "");
        assert_eq!(listing(&["a"], 3), "`a`");
        assert_eq!(listing(&["a", "b", "c"], 3), "`a`, `b` and `c`");
        assert_eq!(listing(&["a", "b", "c", "d"], 2), "`a`, `b` and 2 more");
    }

    #[test]
    fn only_files_that_may_hold_an_overlay_are_parsed() {
        assert!(might_be_overlay("overlay:\n  base: ../b\n"));
        assert!(might_be_overlay("{ \"overlay\": { \"base\": \"../b\" } }"));
        assert!(!might_be_overlay("stages:\n  - id: a\n"));
        assert!(!might_be_overlay(
            "journey: { name: an overlay of ideas }\n"
        ));
        assert_eq!(
            declared_base("o/a.journey.yaml", "overlay:\n  base: ../b\n").as_deref(),
            Some("b")
        );
        assert_eq!(declared_base("o/a.journey.yaml", "overlay: 3\n"), None);
    }
}
