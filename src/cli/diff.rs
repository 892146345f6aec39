//! FIXME: skeleton during integration of issue 4; replaced by its implementation.

use crate::Outcome;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let _ = args;
    Err("not available yet".to_owned())
}
