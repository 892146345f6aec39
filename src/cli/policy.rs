//! The project's policy: `journeyc.toml` (found by walking up from the
//! current directory) and inline suppression comments, applied to the
//! diagnostics of every command that checks a journey.
//!
//! FIXME: skeleton during integration of issue 4 — `apply` passes
//! diagnostics through unchanged and no configuration file is read yet.

use std::path::{Path, PathBuf};

use journeyc::diagnostic::Diagnostic;
use journeyc::source::SourceSet;

/// Command-line options shared by the commands that read the configuration.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ConfigArgs {
    /// Use this configuration file instead of searching for `journeyc.toml`.
    #[arg(long, value_name = "FILE", global = false)]
    pub config: Option<PathBuf>,
    /// Ignore any `journeyc.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

/// The configuration in force for one run.
#[derive(Debug)]
pub struct Policy {
    /// The repository root: where `journeyc.toml` sits, or the current
    /// directory when there is none. SARIF URIs are relative to it.
    root: PathBuf,
}

impl Policy {
    /// Find and read the configuration. The error is ready to print: a
    /// configuration problem is rendered with its file, line and column.
    pub fn load(args: &ConfigArgs) -> Result<Policy, String> {
        let _ = args;
        let root = std::env::current_dir()
            .map_err(|e| format!("cannot read the current directory: {e}"))?;
        Ok(Policy { root })
    }

    /// The paths to check when none are given on the command line.
    pub fn default_paths(&self) -> Vec<PathBuf> {
        vec![PathBuf::from(".")]
    }

    /// The repository root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A file's name as shown in diagnostics, made relative to the
    /// repository root with `/` separators (for SARIF and annotations).
    pub fn relative_uri(&self, display_name: &str) -> String {
        display_name.replace('\\', "/")
    }

    /// Apply per-rule severities, per-path overrides and inline
    /// suppressions. `rules_ran` is false when structural errors stopped the
    /// rules, so unused suppressions cannot be judged. The result is sorted.
    pub fn apply(
        &self,
        sources: &SourceSet,
        diagnostics: Vec<Diagnostic>,
        rules_ran: bool,
    ) -> Vec<Diagnostic> {
        let _ = (sources, rules_ran);
        diagnostics
    }
}
