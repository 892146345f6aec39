//! `journeyc schema [journey|deal]`: print a published JSON Schema.
//!
//! Editors with the YAML language server complete keys and flag structural
//! mistakes as people type, but only when they can find the schema. Teams
//! that vendor journeyc point a modeline at `schemas/journey.schema.json`;
//! everyone else needs a way to get the exact schema this binary validates
//! against, which is what this command prints. The output is the committed
//! file byte for byte (it is embedded at build time), so
//! `journeyc schema > journey.schema.json` and the file in this repository
//! never differ.

use crate::Outcome;

/// Shown after the option list of `journeyc schema --help`: what to do with
/// the output, because a schema on stdout is useless until an editor finds it.
const AFTER_HELP: &str = "\
Use it in an editor: save it next to your journeys
    journeyc schema > journey.schema.json
and start each journey file with the modeline (the path is relative to the file)
    # yaml-language-server: $schema=journey.schema.json
or map it to `*.journey.yaml` in VS Code's `yaml.schemas` setting. Deal files
work the same way with `journeyc schema deal > deal.schema.json`.

The schema is JSON Schema draft-07, the version editors and the SchemaStore
catalog support best, so it can also be listed in a SchemaStore catalog entry
for `*.journey.yaml`. It checks structure only; run `journeyc check` for the
business rules.";

/// Which document's schema to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Journey files (`*.journey.yaml`).
    Journey,
    /// Deal files read by `journeyc handoff`.
    Deal,
}

/// Arguments of `journeyc schema`.
#[derive(clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Which schema to print: `journey` for journey files, `deal` for the
    /// deal files of `journeyc handoff`.
    #[arg(value_enum, default_value_t = Kind::Journey)]
    kind: Kind,
}

/// Print the chosen schema exactly as committed under `schemas/`.
pub fn run(args: &Args) -> Result<Outcome, String> {
    let text = match args.kind {
        Kind::Journey => journeyc::schema::PUBLISHED,
        Kind::Deal => journeyc::schema::DEAL_PUBLISHED,
    };
    print!("{text}");
    Ok(Outcome::Success)
}
