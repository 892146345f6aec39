//! Reading the old version of the journeys from a git revision.
//!
//! The journey files (and `journeyc.toml`) of the revision are written into
//! a fresh temporary directory that mirrors the repository's layout, so the
//! old version is read by exactly the same code as the new one. The
//! directory is removed when the [`Mirror`] is dropped, on success and on
//! error alike. git runs as a plain process with arguments, never through a
//! shell, so nothing in a revision name or file name is interpreted.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use super::super::discover::is_journey_file;

/// The journey files of one revision, written to a temporary directory.
#[derive(Debug)]
pub struct Mirror {
    /// The temporary directory; it mirrors the repository root.
    pub dir: PathBuf,
    /// The repository root, canonical.
    pub toplevel: PathBuf,
    /// The revision as the user wrote it, used in file names shown.
    pub revision: String,
}

impl Drop for Mirror {
    fn drop(&mut self) {
        // Best effort: a leftover temporary directory is harmless.
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Run git in the current directory and return its standard output.
fn git(args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| GitError::NotRun(e.to_string()))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ))
    }
}

enum GitError {
    /// git could not be started (not installed).
    NotRun(String),
    /// git ran and refused; its message.
    Failed(String),
}

impl Mirror {
    /// Write the journey files of `revision` to a new temporary directory.
    pub fn create(revision: &str) -> Result<Mirror, String> {
        let not_a_revision = || {
            format!(
                "`{revision}` is neither an existing file or directory nor a git revision of this \
                 repository: give a branch, tag or commit (such as `main` or `HEAD~1`) or the \
                 path of the old journeys; a remote branch must be fetched first (in GitHub \
                 Actions, check out with `fetch-depth: 0`)"
            )
        };
        if revision.is_empty() || revision.starts_with('-') {
            return Err(not_a_revision());
        }

        let toplevel = match git(&["rev-parse", "--show-toplevel"]) {
            Ok(out) => PathBuf::from(String::from_utf8_lossy(&out).trim().to_owned()),
            Err(GitError::NotRun(e)) => {
                return Err(format!(
                    "`{revision}` is not a file or directory, and git could not be run to read \
                     it as a revision: {e}"
                ));
            }
            Err(GitError::Failed(_)) => {
                return Err(format!(
                    "`{revision}` is not a file or directory, and the current directory is not \
                     inside a git repository, so it cannot be a git revision either"
                ));
            }
        };
        let toplevel = toplevel.canonicalize().map_err(|e| {
            format!(
                "cannot read the repository root `{}`: {e}",
                toplevel.display()
            )
        })?;

        let spec = format!("{revision}^{{commit}}");
        let commit =
            git(&["rev-parse", "--verify", "--quiet", &spec]).map_err(|_| not_a_revision())?;
        let commit = String::from_utf8_lossy(&commit).trim().to_owned();

        let dir = std::env::temp_dir().join(format!(
            "journeyc-diff-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        fs::create_dir(&dir).map_err(|e| {
            format!(
                "cannot create a temporary directory `{}`: {e}",
                dir.display()
            )
        })?;
        let mirror = Mirror {
            dir,
            toplevel,
            revision: revision.to_owned(),
        };

        let listing = git(&["ls-tree", "-r", "-z", "--name-only", "--full-tree", &commit])
            .map_err(|e| mirror.failed("list the files of", e))?;
        for name in listing.split(|b| *b == 0).filter(|n| !n.is_empty()) {
            let name = String::from_utf8_lossy(name).into_owned();
            let path = Path::new(&name);
            let wanted =
                is_journey_file(path) || path.file_name().is_some_and(|n| n == "journeyc.toml");
            if !wanted || !path.components().all(|c| matches!(c, Component::Normal(_))) {
                continue;
            }
            let blob = git(&["cat-file", "blob", &format!("{commit}:{name}")])
                .map_err(|e| mirror.failed(&format!("read `{name}` at"), e))?;
            let target = mirror.dir.join(path);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot write `{}`: {e}", parent.display()))?;
            }
            fs::write(&target, blob)
                .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
        }
        Ok(mirror)
    }

    fn failed(&self, what: &str, error: GitError) -> String {
        let detail = match error {
            GitError::NotRun(e) | GitError::Failed(e) => e,
        };
        format!("cannot {what} git revision `{}`: {detail}", self.revision)
    }

    /// The place in the mirror of a path of the working tree. The path
    /// need not exist any more (a journey deleted since the revision): its
    /// nearest existing parent decides where it is.
    pub fn map(&self, path: &Path) -> Result<PathBuf, String> {
        let full = canonical_even_if_gone(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let relative = full.strip_prefix(&self.toplevel).map_err(|_| {
            format!(
                "`{}` is outside the git repository at `{}`, so it has no version at `{}`",
                path.display(),
                self.toplevel.display(),
                self.revision
            )
        })?;
        Ok(self.dir.join(relative))
    }

    /// How a mirrored file is named in messages: `revision:path/in/repo`.
    pub fn display_name(&self, mirrored: &str) -> String {
        let prefix = self.dir.display().to_string();
        match mirrored.strip_prefix(&prefix) {
            Some(rest) => format!(
                "{}:{}",
                self.revision,
                rest.trim_start_matches(['/', '\\']).replace('\\', "/")
            ),
            None => mirrored.to_owned(),
        }
    }
}

/// `path` made absolute and free of symbolic links and `..`, through its
/// nearest existing ancestor when it does not exist itself.
fn canonical_even_if_gone(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        match existing.canonicalize() {
            Ok(mut found) => {
                for part in missing.iter().rev() {
                    found.push(part);
                }
                return Ok(found);
            }
            Err(e) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    missing.push(name.to_owned());
                    existing = parent;
                }
                _ => return Err(e),
            },
        }
    }
}
