//! `journeyc explain CODE` and `journeyc rules`.

use journeyc::rules::{all_codes, find_code};

use crate::Outcome;

#[derive(clap::Args)]
pub struct Args {
    /// A code such as `JC302`, or a name such as `orphan-stage`.
    code: String,
}

pub fn run(args: &Args) -> Result<Outcome, String> {
    let Some(code) = find_code(&args.code) else {
        return Err(format!(
            "no diagnostic code or rule is called `{}`; run `journeyc rules` to list them",
            args.code
        ));
    };
    println!("# {} {}: {}", code.code, code.name, code.summary);
    println!();
    println!(
        "Default severity: {}. Reported by the {} phase.",
        code.severity.as_str(),
        code.phase.as_str()
    );
    println!();
    print!("{}", code.doc.trim_start());
    Ok(Outcome::Success)
}

pub fn list() -> Result<Outcome, String> {
    let width = all_codes().map(|c| c.name.len()).max().unwrap_or(0);
    println!(
        "{:<6} {:<width$} {:<8} {:<9} summary",
        "code", "name", "severity", "phase"
    );
    for code in all_codes() {
        println!(
            "{:<6} {:<width$} {:<8} {:<9} {}",
            code.code,
            code.name,
            code.severity.as_str(),
            code.phase.as_str(),
            code.summary
        );
    }
    Ok(Outcome::Success)
}
