//! Path patterns of `[[overrides]]`: `*`, `**` and `?`, nothing else.
//!
//! The matcher is ours rather than a crate's because the language is tiny and
//! its exact meaning is part of the documented configuration: `*` matches any
//! characters within one path segment, `?` one character within a segment,
//! `**` (a whole segment) any number of segments, everything else itself.
//! Paths are relative to the repository root with `/` separators.
//!
//! A pattern that matches a folder matches everything inside it, as in
//! `.gitignore`: `journeys/clinic` covers `journeys/clinic/stages.journey.yaml`.
//! Teams name folders far more often than files, and journeys are folders.

/// A compiled path pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    /// `**`: any number of segments, including none.
    AnyDepth,
    /// One segment, matched character by character with `*` and `?`.
    Pattern(Vec<char>),
}

impl Glob {
    /// Compile a pattern, or say in a short phrase why it cannot be used.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        if pattern.is_empty() {
            return Err("the pattern is empty".to_owned());
        }
        if pattern.starts_with('/') || pattern.contains(':') {
            return Err("patterns are relative to the repository root".to_owned());
        }
        if pattern.contains('\\') {
            return Err("separate folders with `/`, not `\\`".to_owned());
        }
        if let Some(c) = pattern
            .chars()
            .find(|c| matches!(c, '[' | ']' | '{' | '}' | '!'))
        {
            return Err(format!(
                "`{c}` has no special meaning here; use `*`, `**` or `?`"
            ));
        }

        let mut segments = Vec::new();
        for part in pattern.trim_end_matches('/').split('/') {
            match part {
                "" | "." => continue,
                ".." => return Err("patterns cannot leave the repository root".to_owned()),
                "**" => {
                    // `**/**` means the same as `**`; keeping one avoids
                    // needless work when matching.
                    if segments.last() != Some(&Segment::AnyDepth) {
                        segments.push(Segment::AnyDepth);
                    }
                }
                _ if part.contains("**") => {
                    return Err("`**` must be a whole folder name, as in `journeys/**`".to_owned());
                }
                _ => segments.push(Segment::Pattern(part.chars().collect())),
            }
        }
        if segments.is_empty() {
            return Err("the pattern names no file or folder".to_owned());
        }
        Ok(Glob { segments })
    }

    /// Whether a root-relative path (with `/` separators) or one of the
    /// folders that contain it matches the pattern.
    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<Vec<char>> = path
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .map(|p| p.chars().collect())
            .collect();
        let reachable = self.match_table(&parts);
        // Any prefix of the path (the path itself or a folder holding it)
        // matched by the whole pattern counts.
        (1..=parts.len()).any(|n| reachable[n])
    }

    /// `table[n]` is true when the whole pattern matches the first `n`
    /// segments of the path. Dynamic programming over (pattern segment,
    /// path segment) keeps matching linear in their product, however many
    /// `**` a pattern holds.
    fn match_table(&self, parts: &[Vec<char>]) -> Vec<bool> {
        // `row[n]`: the pattern segments seen so far match `parts[..n]`.
        let mut row = vec![false; parts.len() + 1];
        row[0] = true;
        for segment in &self.segments {
            let mut next = vec![false; parts.len() + 1];
            match segment {
                Segment::AnyDepth => {
                    let mut seen = false;
                    for n in 0..=parts.len() {
                        seen |= row[n];
                        next[n] = seen;
                    }
                }
                Segment::Pattern(pattern) => {
                    for n in 1..=parts.len() {
                        next[n] = row[n - 1] && segment_matches(pattern, &parts[n - 1]);
                    }
                }
            }
            row = next;
        }
        row
    }
}

/// One segment against one name: `*` any run of characters, `?` one.
/// The classic greedy algorithm with one backtrack point is linear in
/// practice and never exponential.
fn segment_matches(pattern: &[char], name: &[char]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((star_p, star_n)) => {
                    p = star_p + 1;
                    n = star_n + 1;
                    star = Some((star_p, star_n + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Glob;

    fn matches(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).unwrap().matches(path)
    }

    #[test]
    fn literal_patterns_match_the_file_and_everything_in_a_folder() {
        assert!(matches(
            "journeys/clinic/a.journey.yaml",
            "journeys/clinic/a.journey.yaml"
        ));
        assert!(matches("journeys/clinic", "journeys/clinic/a.journey.yaml"));
        assert!(matches(
            "journeys/clinic/",
            "journeys/clinic/deep/a.journey.yaml"
        ));
        assert!(!matches(
            "journeys/clinic",
            "journeys/clinical/a.journey.yaml"
        ));
        assert!(!matches(
            "journeys/clinic/a.journey.yaml",
            "journeys/clinic"
        ));
        assert!(!matches("clinic", "journeys/clinic/a.journey.yaml"));
    }

    #[test]
    fn star_stays_within_one_segment() {
        assert!(matches(
            "journeys/*.journey.yaml",
            "journeys/a.journey.yaml"
        ));
        assert!(matches("journeys/*", "journeys/clinic/a.journey.yaml"));
        assert!(!matches(
            "journeys/*.journey.yaml",
            "journeys/clinic/a.journey.yaml"
        ));
        assert!(matches("*/clinic/*", "journeys/clinic/x"));
        assert!(matches("journeys/c*c", "journeys/clinic/x"));
        assert!(!matches("journeys/c*x", "journeys/clinic/x"));
        assert!(matches("a*b*c", "aXXbYYbZc"));
        assert!(!matches("a*b*c", "aXXbYYbZ"));
    }

    #[test]
    fn question_mark_is_one_character() {
        assert!(matches("journeys/clinic-?", "journeys/clinic-2/a"));
        assert!(!matches("journeys/clinic-?", "journeys/clinic-22/a"));
        assert!(!matches("journeys/clinic?", "journeys/clinic/a"));
        assert!(matches("j?urneys/ü", "journeys/ü/x"));
    }

    #[test]
    fn double_star_spans_any_number_of_segments() {
        assert!(matches(
            "**/touchpoints.journey.yaml",
            "touchpoints.journey.yaml"
        ));
        assert!(matches(
            "**/touchpoints.journey.yaml",
            "a/b/c/touchpoints.journey.yaml"
        ));
        assert!(matches("journeys/**", "journeys/clinic/a.journey.yaml"));
        assert!(matches(
            "journeys/**/a.journey.yaml",
            "journeys/a.journey.yaml"
        ));
        assert!(matches(
            "journeys/**/a.journey.yaml",
            "journeys/x/y/a.journey.yaml"
        ));
        assert!(!matches(
            "journeys/**/a.journey.yaml",
            "other/x/a.journey.yaml"
        ));
        assert!(matches("**", "anything/at/all"));
        assert!(matches("**/clinic/**/*.yaml", "x/clinic/y/z/s.yaml"));
        assert!(!matches("**/clinic/**/*.yaml", "x/clinics/y/s.yaml"));
    }

    #[test]
    fn many_stars_do_not_blow_up() {
        let pattern = format!("{}b", "*a".repeat(40));
        let name = "a".repeat(200);
        assert!(!matches(&pattern, &name));
        let deep = "**/".repeat(50) + "z";
        let path = "a/".repeat(200) + "y";
        assert!(!matches(&deep, &path));
    }

    #[test]
    fn unusable_patterns_are_refused_with_a_reason() {
        for (pattern, reason) in [
            ("", "empty"),
            ("/journeys/**", "relative"),
            ("C:/journeys", "relative"),
            ("journeys\\clinic", "`/`"),
            ("journeys/[ab]", "`[`"),
            ("journeys/{a,b}", "`{`"),
            ("../journeys", "leave"),
            ("journeys/**.yaml", "whole folder"),
            ("./", "names no file"),
        ] {
            let error = Glob::new(pattern).unwrap_err();
            assert!(error.contains(reason), "{pattern:?}: {error}");
        }
    }

    #[test]
    fn dot_segments_and_trailing_slashes_are_ignored() {
        assert!(matches("./journeys/**", "journeys/a"));
        assert!(matches("journeys//clinic", "journeys/clinic/a"));
        assert!(matches("journeys/clinic", "./journeys/clinic/a"));
    }
}
