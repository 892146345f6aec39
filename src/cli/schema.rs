//! `journeyc schema`: print the published JSON Schema, for editors and CI.

use crate::Outcome;

pub fn run() -> Result<Outcome, String> {
    print!("{}", journeyc::schema::PUBLISHED);
    Ok(Outcome::Success)
}
