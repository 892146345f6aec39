//! `journeyc init [DIR]`: write a starter journey that passes `check` with no
//! findings and teaches the format through its comments.

use std::fs;
use std::path::PathBuf;

use crate::Outcome;

const STARTER_NAME: &str = "journey.journey.yaml";
const STARTER: &str = include_str!("../../templates/init/journey.journey.yaml");

/// The review date the starter's proof assets carry in `templates/`; init
/// writes six months from today instead, so a new journey starts without
/// overdue reviews.
const TEMPLATE_REVIEW_BY: &str = "review_by: 2027-06-30";

/// How far ahead init sets the proof assets' first review.
const FIRST_REVIEW_IN_DAYS: i64 = 182;

#[derive(clap::Args)]
pub struct Args {
    /// Directory to create the journey in (default: the current directory).
    dir: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let target = dir.join(STARTER_NAME);
    if target.exists() {
        return Err(format!(
            "`{}` already exists; journeyc init never overwrites a journey",
            target.display()
        ));
    }

    // Write beside the target and rename, so an interrupted init never
    // leaves half a file behind.
    let review_by = super::today()?.add_days(FIRST_REVIEW_IN_DAYS);
    let starter = STARTER.replace(TEMPLATE_REVIEW_BY, &format!("review_by: {review_by}"));
    let partial = dir.join(format!(".{STARTER_NAME}.partial"));
    fs::write(&partial, starter)
        .map_err(|e| format!("cannot write `{}`: {e}", partial.display()))?;
    fs::rename(&partial, &target).map_err(|e| {
        let _ = fs::remove_file(&partial);
        format!("cannot write `{}`: {e}", target.display())
    })?;

    println!("wrote {}", target.display());
    println!("next: edit it, then run `journeyc check {}`", dir.display());
    Ok(Outcome::Success)
}
