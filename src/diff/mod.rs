//! `journeyc diff`: semantic comparison of two versions of a journey and of
//! its generated artifacts.
//!
//! A text diff of YAML tells a reviewer which lines moved; it does not say
//! that renaming a stage orphans every deal record holding the old pick-list
//! value. This module compares what the journey *means*: the model (stages,
//! criteria, committee, touchpoints, events, qualification; [`journey`]) and
//! the CRM, PSA and tracking files `journeyc build` generates from it
//! ([`artifacts`]), which is what live records and templates depend on.
//!
//! Each difference is a [`Change`] with a stable check id from the
//! catalogue ([`checks`]), a [`Level`] and a message for RevOps readers.
//! Renames declared with `renamed_from` are matched first, so a rename is one
//! `*-renamed` change with the old→new mapping, not a removal plus an
//! addition. The module does no IO: the CLI reads both versions, builds
//! their artifacts and prints the result with [`format`].

pub mod approvals;
pub mod artifacts;
pub mod checks;
pub mod format;
pub mod journey;

use crate::build::Artifact;
use crate::model::Journey;
use crate::source::{SourceSet, Span};

pub use approvals::Approval;
pub use checks::{CHECKS, Check};

/// How much a change matters. Ordered from the most to the least serious, so
/// sorting puts breaking changes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Live CRM records, PSA templates or event senders break unless migrated.
    Breaking,
    /// Behaviour changes that people must know about (tightened criteria, an
    /// owner change on a moment of truth).
    Warning,
    /// Additions and relaxations.
    Info,
}

impl Level {
    /// Every level, most serious first.
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Warning, Level::Info];

    /// The name used in output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// Which version of the journey a location is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    Old,
    New,
}

impl Version {
    /// `old` or `new`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::Old => "old",
            Version::New => "new",
        }
    }
}

/// Where a change shows: in the new version when the item exists there, in
/// the old version otherwise.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub version: Version,
    pub span: Span,
}

impl Place {
    /// A place in the new version.
    pub fn new(span: Span) -> Place {
        Place {
            version: Version::New,
            span,
        }
    }

    /// A place in the old version.
    pub fn old(span: Span) -> Place {
        Place {
            version: Version::Old,
            span,
        }
    }
}

/// One semantic difference between the two versions.
#[derive(Clone, Debug)]
pub struct Change {
    /// The catalogue entry: id and level.
    pub check: &'static Check,
    /// What changed, such as `stage qualified` or
    /// `hubspot/deals.properties.json msp_journey_stage`.
    pub subject: String,
    /// What it means and, for breaking changes, how to migrate.
    pub message: String,
    /// Where to look, when the item can be placed in a journey file.
    pub place: Option<Place>,
    /// The generated file the change is in, when it is in one.
    pub artifact: Option<String>,
}

impl Change {
    /// A change of the given check; place and artifact are added with the
    /// builder methods.
    pub fn new(
        check: &'static Check,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> Change {
        Change {
            check,
            subject: subject.into(),
            message: message.into(),
            place: None,
            artifact: None,
        }
    }

    /// Place the change in a journey file.
    pub fn at(mut self, place: Place) -> Change {
        self.place = Some(place);
        self
    }

    /// Name the generated file the change is in.
    pub fn in_artifact(mut self, path: impl Into<String>) -> Change {
        self.artifact = Some(path.into());
        self
    }

    /// The change's level (from its check).
    pub fn level(&self) -> Level {
        self.check.level
    }
}

/// One version of a journey: the journey and the artifacts built from it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub journey: &'a Journey,
    pub artifacts: &'a [Artifact],
}

/// Compare two versions of the same journey (paired by `journey.id`). The
/// changes are sorted by level, id and subject.
pub fn compare(old: Side<'_>, new: Side<'_>) -> Vec<Change> {
    let mut changes = journey::compare(old.journey, new.journey, (old.artifacts, new.artifacts));
    changes.extend(artifacts::compare(old, new));
    sort(&mut changes);
    changes
}

/// A journey that exists only in the new version.
pub fn journey_added(new: &Journey) -> Change {
    let (id, place) = header(new, Version::New);
    Change {
        place,
        ..Change::new(
            &checks::JOURNEY_ADDED,
            format!("journey {id}"),
            format!(
                "the journey `{id}` is new: load its generated CRM, PSA and tracking files \
                 into the systems it names"
            ),
        )
    }
}

/// A journey that exists only in the old version.
pub fn journey_removed(old: &Journey) -> Change {
    let (id, place) = header(old, Version::Old);
    Change {
        place,
        ..Change::new(
            &checks::JOURNEY_REMOVED,
            format!("journey {id}"),
            format!(
                "the journey `{id}` is gone: its CRM fields, pipeline and PSA templates are no \
                 longer generated; move its accounts to another journey, then retire them in the \
                 CRM and PSA (journeys are matched by `journey.id`: if only the id changed, keep \
                 the old one)"
            ),
        )
    }
}

fn header(journey: &Journey, version: Version) -> (String, Option<Place>) {
    match &journey.journey {
        Some(h) => (
            h.value.id.to_string(),
            Some(Place {
                version,
                span: h.span,
            }),
        ),
        None => ("(unnamed)".to_owned(), None),
    }
}

/// Sort changes by level, then by the check's place in the catalogue (so
/// what changed in the journey comes before what it changes in the
/// generated files), then subject and message, so output is the same on
/// every run.
pub fn sort(changes: &mut [Change]) {
    changes.sort_by_cached_key(|c| {
        (
            c.level(),
            checks::rank(c.check.id),
            c.subject.clone(),
            c.message.clone(),
        )
    });
}

/// A change with its place resolved to a file name, line and column: what
/// the output formats print.
#[derive(Clone, Debug)]
pub struct Row {
    pub level: Level,
    pub id: &'static str,
    /// The `journey.id` of the journey the change is in.
    pub journey: String,
    pub subject: String,
    pub message: String,
    /// File name as shown (for the old version, as the user can find it, such
    /// as `HEAD:journeys/stages.journey.yaml`).
    pub file: Option<String>,
    pub line: u32,
    pub column: u32,
    pub version: Option<Version>,
    pub artifact: Option<String>,
    /// The journey's approval of this change, when it has one
    /// ([`approvals::apply`]).
    pub approval: Option<Approval>,
}

impl Row {
    /// Whether the change counts for `--fail-on`: an approved change does
    /// not.
    pub fn counts_for_failure(&self, fail_on: Level) -> bool {
        self.level <= fail_on && self.approval.is_none()
    }
}

/// Resolve the places of changes of one journey against the sources of
/// each version.
pub fn locate(journey: &str, changes: Vec<Change>, old: &SourceSet, new: &SourceSet) -> Vec<Row> {
    changes
        .into_iter()
        .map(|c| {
            let level = c.level();
            let resolved = c.place.and_then(|p| {
                let sources = match p.version {
                    Version::Old => old,
                    Version::New => new,
                };
                sources.get(p.span.file).map(|f| {
                    (
                        f.name.clone(),
                        p.span.start.line,
                        p.span.start.col,
                        p.version,
                    )
                })
            });
            let (file, line, column, version) = match resolved {
                Some((file, line, col, version)) => (Some(file), line, col, Some(version)),
                None => (None, 0, 0, None),
            };
            Row {
                level,
                id: c.check.id,
                journey: journey.to_owned(),
                subject: c.subject,
                message: c.message,
                file,
                line,
                column,
                version,
                artifact: c.artifact,
                approval: None,
            }
        })
        .collect()
}

/// Sort rows of several journeys the way [`sort`] sorts changes, then by
/// journey, file and position.
pub fn sort_rows(rows: &mut [Row]) {
    let key = |r: &Row| {
        (
            r.level,
            checks::rank(r.id),
            r.subject.clone(),
            r.journey.clone(),
            r.message.clone(),
            r.file.clone(),
            r.line,
            r.column,
        )
    };
    rows.sort_by_cached_key(key);
}
