//! Compiling a checked journey into the artifacts its teams load into the
//! tools they already run: CRM field specs, PSA checklists, event schemas and
//! documentation.
//!
//! Each target is one module with one `emit` function that adds files to an
//! [`Output`]. Emitters only compute: they never touch the file system (the
//! CLI writes the result atomically) and never read the clock, so the same
//! journey always gives the same bytes. A problem found while emitting (a
//! name too long for a vendor, a template error) is a diagnostic pointing at
//! the journey value or template line that caused it; any error means the
//! whole build is refused.
//!
//! Layout of the output directory (documented in the README):
//!
//! ```text
//! hubspot/       property groups, batch-create payloads, deal pipeline
//! salesforce/    sfdx project: field metadata, OpportunityStage value set
//! connectwise/   project template (phases, tickets, tasks), ticket tasks
//! autotask/      checklist libraries and their items
//! events/        a JSON Schema per event, Segment tracking plan, traceability
//! docs/          handbook, stage graph (Mermaid, DOT), HTML journey map
//! ```

mod autotask;
mod connectwise;
pub(crate) mod docs;
mod events;
mod hubspot;
mod names;
mod output;
pub(crate) mod psa;
mod salesforce;
pub mod templates;
mod view;

pub use output::{Artifact, Output, csv_record};
pub use templates::Templates;
pub use view::View;

use crate::diagnostic::Diagnostic;
use crate::model::{Journey, Product};
use crate::source::SourceSet;

/// What `journeyc build` can generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Hubspot,
    Salesforce,
    Connectwise,
    Autotask,
    Events,
    Docs,
}

impl Target {
    pub const ALL: [Target; 6] = [
        Target::Hubspot,
        Target::Salesforce,
        Target::Connectwise,
        Target::Autotask,
        Target::Events,
        Target::Docs,
    ];

    /// The name used on the command line and as the output folder.
    pub fn name(self) -> &'static str {
        match self {
            Target::Hubspot => "hubspot",
            Target::Salesforce => "salesforce",
            Target::Connectwise => "connectwise",
            Target::Autotask => "autotask",
            Target::Events => "events",
            Target::Docs => "docs",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The targets a journey asks for by the products of its systems: a
    /// HubSpot shop gets no Salesforce files. Events and documentation are
    /// always generated.
    pub fn defaults_for(journey: &Journey) -> Vec<Target> {
        let mut targets: Vec<Target> = journey
            .systems
            .iter()
            .filter_map(|s| match s.product.value {
                Product::Hubspot => Some(Target::Hubspot),
                Product::Salesforce => Some(Target::Salesforce),
                Product::Connectwise => Some(Target::Connectwise),
                Product::Autotask => Some(Target::Autotask),
                _ => None,
            })
            .collect();
        targets.extend([Target::Events, Target::Docs]);
        targets.sort();
        targets.dedup();
        targets
    }
}

/// What every emitter gets: the journey's derived view, the templates, the
/// sources (template errors add the template text there, so their
/// diagnostics can show the line) and the output being collected.
pub struct Emit<'a, 'b> {
    pub view: &'b View<'a>,
    pub templates: &'b Templates,
    pub sources: &'b mut SourceSet,
    pub out: &'b mut Output,
}

/// Generate the artifacts of the given targets for a journey that passed
/// `check` without errors. Returns every file, sorted by path, or every
/// problem that stopped the build.
pub fn build(
    journey: &Journey,
    targets: &[Target],
    templates: &Templates,
    sources: &mut SourceSet,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let view = View::new(journey);
    let mut out = Output::default();
    for target in targets {
        let emit = Emit {
            view: &view,
            templates,
            sources,
            out: &mut out,
        };
        match target {
            Target::Hubspot => hubspot::emit(emit),
            Target::Salesforce => salesforce::emit(emit),
            Target::Connectwise => connectwise::emit(emit),
            Target::Autotask => autotask::emit(emit),
            Target::Events => events::emit(emit),
            Target::Docs => docs::emit(emit),
        }
    }
    out.finish()
}
