//! The project's policy: `journeyc.toml` (found by walking up from the
//! current directory) and inline suppression comments, applied to the
//! diagnostics of every command that checks a journey.
//!
//! This is the file-system half of `journeyc::config`: it finds and reads the
//! configuration, fixes the repository root (where `journeyc.toml` sits, else
//! the nearest folder holding `.git`, else the current directory), resolves
//! `journeys` on disk, and turns the file names of diagnostics into paths
//! relative to the root, which is what override patterns and SARIF URIs use.
//! Paths are made absolute and normalised lexically (`.` and `..` removed,
//! symbolic links not followed), so a path means the same whatever the
//! current directory.

use std::path::{Component, Path, PathBuf};

use journeyc::config::{self, Config};
use journeyc::diagnostic::Diagnostic;
use journeyc::source::{FileId, SourceFile, SourceSet, Span};

/// The name of the configuration file searched for.
const CONFIG_FILE: &str = "journeyc.toml";

/// A configuration file larger than this is refused unread; a real one is a
/// few hundred bytes.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

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
    /// The repository root, absolute and normalised: where `journeyc.toml`
    /// sits, else the nearest ancestor holding `.git`, else the current
    /// directory. SARIF URIs and override patterns are relative to it.
    root: PathBuf,
    /// The current directory, absolute and normalised; display names of
    /// files are relative to it.
    cwd: PathBuf,
    config: Config,
}

impl Policy {
    /// Find and read the configuration. The error is ready to print: a
    /// configuration problem is rendered with its file, line and column.
    pub fn load(args: &ConfigArgs) -> Result<Policy, String> {
        let cwd = std::env::current_dir()
            .map(|d| normalise(&d))
            .map_err(|e| format!("cannot read the current directory: {e}"))?;

        let file = if args.no_config {
            None
        } else if let Some(path) = &args.config {
            Some((path.display().to_string(), normalise(&cwd.join(path))))
        } else {
            find_upwards(&cwd)
        };
        let Some((name, path)) = file else {
            let root = git_root(&cwd).unwrap_or_else(|| cwd.clone());
            return Ok(Policy {
                root,
                cwd,
                config: Config::default(),
            });
        };

        let bytes = read_config(&name, &path)?;
        let root = path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
        let mut sources = SourceSet::new();
        // A file that is binary or not UTF-8 is one located problem, shown
        // on a lossy copy of its text, like a journey file would be.
        let file = sources.add(SourceFile::new(
            name.clone(),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
        if let Err(unreadable) = journeyc::load::decode(file, &bytes) {
            let problem = Diagnostic {
                code: &config::CONFIG_SYNTAX,
                severity: config::CONFIG_SYNTAX.severity,
                ..*unreadable
            }
            .with_help(
                "save journeyc.toml as UTF-8 text (every editor offers this under \"Save as\")",
            );
            return Err(render_problems(&name, &sources, &[problem]));
        }
        let text = sources.get(file).map_or("", |f| f.text.as_str());
        let (config, mut problems) = config::parse(file, text);
        let policy = Policy { root, cwd, config };
        problems.extend(policy.missing_journeys());

        if problems.is_empty() {
            return Ok(policy);
        }
        journeyc::diagnostic::sort(&mut problems);
        Err(render_problems(&name, &sources, &problems))
    }

    /// The configured baseline file, shown relative to the current
    /// directory, or `None` when `journeyc.toml` names none.
    pub fn baseline_file(&self) -> Option<PathBuf> {
        self.config
            .baseline
            .as_ref()
            .map(|b| relative_to(&normalise(&self.root.join(&b.path)), &self.cwd))
    }

    /// The paths to check when none are given on the command line: the
    /// `journeys` of the configuration, resolved against the root and shown
    /// relative to the current directory; else the current directory.
    pub fn default_paths(&self) -> Vec<PathBuf> {
        if self.config.journeys.is_empty() {
            return vec![PathBuf::from(".")];
        }
        self.config
            .journeys
            .iter()
            .map(|j| relative_to(&normalise(&self.root.join(&j.path)), &self.cwd))
            .collect()
    }

    /// A file's name as shown in diagnostics, made relative to the
    /// repository root with `/` separators (for SARIF and annotations).
    /// A file outside the root keeps its name.
    pub fn relative_uri(&self, display_name: &str) -> String {
        self.inside_root(display_name)
            .unwrap_or_else(|| display_name.to_owned())
    }

    /// A file's path relative to the root with `/` separators, or `None`
    /// when the file is outside the root.
    fn inside_root(&self, display_name: &str) -> Option<String> {
        let absolute = normalise(&self.cwd.join(display_name));
        let inside = absolute.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some(parts.join("/"))
    }

    /// Apply per-rule severities, per-path overrides and inline
    /// suppressions. `rules_ran` is false when structural errors stopped the
    /// rules, so unused suppressions cannot be judged. The result is sorted.
    ///
    /// Suppressions go first because they are the most specific: a finding
    /// a comment covers is gone whatever the configuration says of its
    /// code, and the warnings about the comments themselves are then
    /// configured like any finding.
    pub fn apply(
        &self,
        sources: &SourceSet,
        diagnostics: Vec<Diagnostic>,
        rules_ran: bool,
    ) -> Vec<Diagnostic> {
        let remaining = journeyc::suppress::apply(sources, diagnostics, rules_ran);
        // A file outside the root matches no override pattern.
        let path_of = |file: FileId| self.inside_root(&sources.get(file)?.name);
        let mut out = self.config.apply(remaining, path_of);
        journeyc::diagnostic::sort(&mut out);
        out
    }

    /// A problem for each `journeys` entry that names nothing on disk, so
    /// that a renamed folder is reported at its line in `journeyc.toml`.
    fn missing_journeys(&self) -> Vec<Diagnostic> {
        self.config
            .journeys
            .iter()
            .filter(|j| !self.root.join(&j.path).exists())
            .map(|j| missing_journey(&j.path, j.span))
            .collect()
    }
}

fn missing_journey(path: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        &config::CONFIG_INVALID_VALUE,
        format!(
            "`journeys` names `{}`, which does not exist",
            journeyc::diagnostic::shorten(path)
        ),
        span,
        "no such file or folder",
    )
    .with_help(
        "paths in `journeys` are relative to the folder of `journeyc.toml`; correct the name \
         or remove the entry",
    )
}

/// Read the bytes of the configuration file, refusing one too large to be
/// meant as one.
fn read_config(name: &str, path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read the configuration file `{name}`: {e}"))?
        .len();
    if size > MAX_CONFIG_BYTES {
        return Err(format!(
            "the configuration file `{name}` is larger than {} KiB; it cannot be a journeyc.toml",
            MAX_CONFIG_BYTES >> 10
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read the configuration file `{name}`: {e}"))
}

/// Every problem of the configuration, rendered, under one headline.
fn render_problems(name: &str, sources: &SourceSet, problems: &[Diagnostic]) -> String {
    let mut style = super::style_for_stdout();
    style.color = false;
    let count = match problems.len() {
        1 => "a problem".to_owned(),
        n => format!("{n} problems"),
    };
    let mut out = format!("the configuration file `{name}` has {count}; nothing was checked\n");
    for problem in problems {
        out.push('\n');
        out.push_str(&journeyc::render::human(sources, problem, style));
    }
    out.trim_end().to_owned()
}

/// `journeyc.toml` in the current directory or the nearest ancestor, with
/// the name to show for it: relative to the current directory.
fn find_upwards(cwd: &Path) -> Option<(String, PathBuf)> {
    let mut name = PathBuf::new();
    for dir in cwd.ancestors() {
        let candidate = dir.join(CONFIG_FILE);
        if candidate.is_file() {
            let shown = name.join(CONFIG_FILE);
            return Some((shown.display().to_string(), candidate));
        }
        name.push("..");
    }
    None
}

/// The nearest ancestor of `cwd` (or `cwd` itself) holding `.git`, a folder
/// in a clone and a file in a worktree.
fn git_root(cwd: &Path) -> Option<PathBuf> {
    cwd.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Remove `.` and resolve `..` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                // `..` above the root stays at the root, as the OS does.
                if !out.pop() && !path.is_absolute() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `target` as a path relative to `base` (both absolute and normalised),
/// with `..` where it leaves `base`; `.` for `base` itself. On Windows, a
/// path on another drive stays absolute.
fn relative_to(target: &Path, base: &Path) -> PathBuf {
    let target_parts: Vec<Component<'_>> = target.components().collect();
    let base_parts: Vec<Component<'_>> = base.components().collect();
    let common = target_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return target.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..base_parts.len() {
        out.push("..");
    }
    for part in &target_parts[common..] {
        out.push(part.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{Policy, normalise, relative_to};

    fn policy(root: &str, cwd: &str) -> Policy {
        Policy {
            root: PathBuf::from(root),
            cwd: PathBuf::from(cwd),
            config: Default::default(),
        }
    }

    #[test]
    fn normalise_is_lexical() {
        assert_eq!(normalise(Path::new("/a/./b/../c/")), PathBuf::from("/a/c"));
        assert_eq!(normalise(Path::new("/../a")), PathBuf::from("/a"));
        assert_eq!(normalise(Path::new("a/../../b")), PathBuf::from("../b"));
    }

    #[test]
    fn relative_paths_climb_and_descend() {
        let rel = |t: &str, b: &str| relative_to(Path::new(t), Path::new(b));
        assert_eq!(rel("/r/journeys", "/r"), PathBuf::from("journeys"));
        assert_eq!(
            rel("/r/journeys", "/r/sub/deeper"),
            PathBuf::from("../../journeys")
        );
        assert_eq!(rel("/r", "/r"), PathBuf::from("."));
        assert_eq!(rel("/r/journeys/a", "/r/journeys"), PathBuf::from("a"));
    }

    #[test]
    fn uris_are_relative_to_the_root() {
        let p = policy("/repo", "/repo/journeys");
        assert_eq!(
            p.relative_uri("clinic/a.journey.yaml"),
            "journeys/clinic/a.journey.yaml"
        );
        assert_eq!(p.relative_uri("./clinic/../b.yaml"), "journeys/b.yaml");
        assert_eq!(p.relative_uri("../top.yaml"), "top.yaml");
        assert_eq!(p.relative_uri("/repo/x/y.yaml"), "x/y.yaml");
        assert_eq!(
            p.relative_uri("../../elsewhere/z.yaml"),
            "../../elsewhere/z.yaml"
        );
        assert_eq!(p.relative_uri("/other/z.yaml"), "/other/z.yaml");
    }
}
