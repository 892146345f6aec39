//! The `journeyc` command line: parses arguments, runs one subcommand and
//! turns its outcome into the exit code, in one place.
//!
//! Exit codes: 0 success, 1 the journey (or deal) has errors, 2 usage or IO
//! errors.

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "journeyc", version, about = "Compile MSP customer journeys written as code", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check journeys and report every problem with its file, line and column.
    Check(cli::check::Args),
    /// Compile journeys into CRM, PSA, event and documentation artifacts.
    Build(cli::build::Args),
    /// Write the handoff memo, dated onboarding checklist and milestone
    /// calendar for a signed deal.
    Handoff(cli::handoff::Args),
    /// Compare a journey with another version of it (a git ref or a path)
    /// and classify every change as breaking, warning or info.
    Diff(cli::diff::Args),
    /// Show where a value of a merged (overlay) journey was written.
    ExplainValue(cli::explain_value::Args),
    /// Print the documentation of a diagnostic code or rule, such as JC302.
    Explain(cli::explain::Args),
    /// List every diagnostic code and rule.
    Rules,
    /// Write a starter journey with the six-stage MSP spine.
    Init(cli::init::Args),
    /// Print the JSON Schema of journey files.
    Schema(cli::schema::Args),
}

/// What a subcommand reports to `main`.
pub enum Outcome {
    /// Everything went as asked.
    Success,
    /// The journey has problems (exit code 1).
    Findings,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => cli::check::run(&args),
        Command::Build(args) => cli::build::run(&args),
        Command::Handoff(args) => cli::handoff::run(&args),
        Command::Diff(args) => cli::diff::run(&args),
        Command::ExplainValue(args) => cli::explain_value::run(&args),
        Command::Explain(args) => cli::explain::run(&args),
        Command::Rules => cli::explain::list(),
        Command::Init(args) => cli::init::run(&args),
        Command::Schema(args) => cli::schema::run(&args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            eprintln!("journeyc: {err}");
            ExitCode::from(2)
        }
    }
}
