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

    let review_by = super::today()?.add_days(FIRST_REVIEW_IN_DAYS);
    let starter = STARTER.replace(TEMPLATE_REVIEW_BY, &format!("review_by: {review_by}"));
    super::output::write_file_atomically(&target, starter.as_bytes())?;

    println!("wrote {}", target.display());
    println!("next: edit it, then run `journeyc check {}`", dir.display());
    Ok(Outcome::Success)
}
