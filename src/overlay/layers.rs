//! Finding the layers of a journey: the chain of bases from the journey
//! checked down to a plain journey, and the structural check of each layer's
//! files before anything is merged.
//!
//! Every file is checked against the schema as written, so a problem in a
//! base file is reported in that file even when the overlay replaces the
//! item later, and the merge only ever sees well-formed trees.

use std::collections::{BTreeMap, HashSet};

use super::codes::{BASE_NOT_FOUND, CHAIN_LOOP, CONFLICT, SECTION_NOT_OVERLAYABLE};
use super::{ACTIONS, LIST_SECTIONS, Layer, MAX_CHAIN, Merged, SINGLE_SECTIONS, base_dir, dir_of};
use crate::diagnostic::Diagnostic;
use crate::load::{Node, NodeKind};
use crate::schema;
use crate::source::{FileId, SourceSet, Span};
use crate::suggest;

/// The node trees of each layer, bottom layer first, parallel to
/// [`Merged::layers`].
pub(super) type LayerTrees = Vec<Vec<(FileId, Node)>>;

/// Group the loaded trees by directory, follow `overlay.base` from `top`
/// and check every file of the chain. `diagnostics` holds the load problems
/// found so far.
pub(super) fn resolve(
    sources: &SourceSet,
    trees: Vec<(FileId, Node)>,
    top: &str,
    diagnostics: Vec<Diagnostic>,
) -> (Merged, LayerTrees) {
    let mut merged = Merged {
        diagnostics,
        ..Merged::default()
    };
    let name = |file: FileId| sources.get(file).map_or("", |f| f.name.as_str());

    let mut groups: BTreeMap<String, Vec<(FileId, Node)>> = BTreeMap::new();
    for (file, root) in trees {
        groups
            .entry(dir_of(name(file)))
            .or_default()
            .push((file, root));
    }

    // Follow the bases from the journey checked down to a plain journey.
    let mut chain: Vec<(String, bool)> = Vec::new();
    let mut declared_at: Vec<Span> = Vec::new();
    let mut dir = top.to_owned();
    loop {
        let group = groups.get(&dir).map_or(&[][..], Vec::as_slice);
        let declarations: Vec<(FileId, Span, &Node)> = group
            .iter()
            .filter_map(|(file, root)| root.get("overlay").map(|e| (*file, e.key_span, &e.value)))
            .collect();
        chain.push((dir.clone(), !declarations.is_empty()));
        let Some(&(file, key_span, declaration)) = declarations.first() else {
            break;
        };
        for &(_, second, _) in declarations.iter().skip(1) {
            merged.diagnostics.push(
                Diagnostic::new(
                    &CONFLICT,
                    "this overlay names its base twice",
                    second,
                    "second `overlay:` section",
                )
                .with_secondary(key_span, "first `overlay:` section")
                .with_help("keep one `overlay:` section, in one file of the overlay"),
            );
        }
        // A `base` that is not text is reported by the schema check below.
        let Some(base) = declaration.get("base") else {
            break;
        };
        let NodeKind::Str(written) = &base.value.kind else {
            break;
        };
        let base_span = base.value.span;
        let next = base_dir(name(file), written);

        if let Some(position) = chain.iter().position(|(d, _)| *d == next) {
            let round: Vec<String> = chain[position..]
                .iter()
                .map(|(d, _)| format!("`{d}`"))
                .chain([format!("`{next}`")])
                .collect();
            let mut d = Diagnostic::new(
                &CHAIN_LOOP,
                format!(
                    "overlays name each other as bases in a loop: {}",
                    round.join(" → ")
                ),
                base_span,
                format!("`{next}` is already in the chain"),
            )
            .with_help(
                "make one journey of the loop a plain journey (no `overlay:` section) and name it as the base of the others",
            );
            if let Some(&first) = declared_at.get(position) {
                d = d.with_secondary(first, "the loop starts here");
            }
            merged.diagnostics.push(d);
            break;
        }
        if chain.len() >= MAX_CHAIN {
            merged.diagnostics.push(
                Diagnostic::new(
                    &CHAIN_LOOP,
                    format!("the chain of overlay bases is longer than {MAX_CHAIN} journeys"),
                    base_span,
                    "one base too many",
                )
                .with_help("name a journey nearer the bottom of the chain as the base"),
            );
            break;
        }
        if !groups.contains_key(&next) {
            let help = if written.ends_with(".yaml") || written.ends_with(".yml") {
                let dir = std::path::Path::new(written.as_str())
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| ".".to_owned(), |p| p.display().to_string());
                format!("name the base journey's directory, not one of its files: `{dir}`")
            } else {
                "write the path from this file's directory to the base journey's directory, which holds its `*.journey.yaml` files".to_owned()
            };
            merged.diagnostics.push(
                Diagnostic::new(
                    &BASE_NOT_FOUND,
                    format!("the base journey `{written}` cannot be found"),
                    base_span,
                    format!("no journey files in `{next}`"),
                )
                .with_help(help),
            );
            break;
        }
        declared_at.push(base_span);
        dir = next;
    }

    // Check each file of the chain as written, bottom layer first.
    let mut layer_trees = Vec::new();
    for (index, (dir, is_overlay)) in chain.into_iter().rev().enumerate() {
        let files = groups.remove(&dir).unwrap_or_default();
        for (file, root) in &files {
            merged.file_layer.insert(*file, index);
            merged.diagnostics.extend(check_file(root, is_overlay));
        }
        merged.layers.push(Layer { dir, is_overlay });
        layer_trees.push(files);
    }
    (merged, layer_trees)
}

/// The envelope check, then the schema check of one file; a schema problem
/// at the same place as an envelope problem is left out, since the envelope
/// problem says more.
pub(crate) fn check_file(root: &Node, is_overlay: bool) -> Vec<Diagnostic> {
    let mut problems = check_envelope(root, is_overlay);
    let reported: HashSet<Span> = problems.iter().map(|d| d.primary.span).collect();
    problems.extend(
        schema::validate(root)
            .into_iter()
            .filter(|d| !reported.contains(&d.primary.span)),
    );
    problems
}

/// Problems with where sections are written: actions outside an overlay, a
/// list section written directly in one, a section an action cannot take.
pub(crate) fn check_envelope(root: &Node, is_overlay: bool) -> Vec<Diagnostic> {
    let NodeKind::Map(entries) = &root.kind else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for entry in entries {
        let key = entry.key.as_str();
        if !is_overlay {
            if ACTIONS.contains(&key) {
                problems.push(
                    Diagnostic::new(
                        &SECTION_NOT_OVERLAYABLE,
                        format!("`{key}` is only used in an overlay"),
                        entry.key_span,
                        "this journey names no base",
                    )
                    .with_help(
                        "to make this journey a variant of another, give one of its files an `overlay:` section with the `base:` directory; otherwise move these items into the journey's own sections",
                    ),
                );
            }
            continue;
        }
        if LIST_SECTIONS.contains(&key) {
            problems.push(
                Diagnostic::new(
                    &SECTION_NOT_OVERLAYABLE,
                    format!("`{key}` cannot be written directly in an overlay"),
                    entry.key_span,
                    "new items or changed ones?",
                )
                .with_help(format!(
                    "list new items under `add:`, whole replacements under `replace:`, changed fields under `update:` and dropped ids under `remove:`, each as `{key}:`"
                )),
            );
            continue;
        }
        if !ACTIONS.contains(&key) {
            continue;
        }
        let NodeKind::Map(sections) = &entry.value.kind else {
            continue; // the schema check reports the wrong type
        };
        for section in sections {
            if let Some(problem) = check_action_section(key, &section.key, section.key_span) {
                problems.push(problem);
            }
        }
    }
    problems
}

fn check_action_section(action: &str, section: &str, span: Span) -> Option<Diagnostic> {
    let is_list = LIST_SECTIONS.contains(&section);
    let is_single = SINGLE_SECTIONS.contains(&section);
    if is_list || (is_single && action == "update") {
        return None;
    }
    if is_single {
        return Some(
            Diagnostic::new(
                &SECTION_NOT_OVERLAYABLE,
                format!("`{section}` cannot be listed under `{action}`"),
                span,
                "a section written once per journey, not a list",
            )
            .with_help(format!(
                "to replace it, write `{section}:` at the top of the overlay; to change some of its fields, list them under `update:`"
            )),
        );
    }
    let mut candidates: Vec<&str> = LIST_SECTIONS.to_vec();
    if action == "update" {
        candidates.extend(SINGLE_SECTIONS);
    }
    let help = match suggest::closest(section, candidates.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("`{action}` takes: {}", candidates.join(", ")),
    };
    Some(
        Diagnostic::new(
            &SECTION_NOT_OVERLAYABLE,
            format!("`{section}` is not a section `{action}` can change"),
            span,
            "unknown section",
        )
        .with_help(help),
    )
}
