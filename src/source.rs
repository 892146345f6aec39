//! Source files and positions.
//!
//! Every diagnostic points into a [`SourceFile`] through a [`Span`]. Spans keep
//! line and column (1-based, columns counted in characters) because that is what
//! the YAML parser reports and what users read; byte offsets for rendering are
//! computed only when a diagnostic is printed.

use std::fmt;

/// Index of a file inside a [`SourceSet`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A position in a file: 1-based line, 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Default for Pos {
    fn default() -> Self {
        Pos { line: 1, col: 1 }
    }
}

/// A range in one file. `end` is exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn new(file: FileId, start: Pos, end: Pos) -> Span {
        Span { file, start, end }
    }

    /// An empty span at the first character of a file, for problems that
    /// belong to a file as a whole (an empty file, a missing section).
    pub fn file_start(file: FileId) -> Span {
        Span::new(file, Pos::default(), Pos::default())
    }
}

/// One journey file: its display name (as given on the command line or
/// relative to the directory searched) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// Byte offset of a position, clamped to the text so that a stale or
    /// synthetic position can never make rendering panic.
    pub fn offset(&self, pos: Pos) -> usize {
        let line = (pos.line.max(1) as usize - 1).min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let line_end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line_text = &self.text[start..line_end];
        let col = pos.col.max(1) as usize - 1;
        let within = line_text
            .char_indices()
            .nth(col)
            .map(|(i, _)| i)
            .unwrap_or(line_text.len());
        start + within
    }

    /// The text of a 1-based line without its line break.
    pub fn line_text(&self, line: u32) -> &str {
        let idx = line.max(1) as usize - 1;
        let Some(&start) = self.line_starts.get(idx) else {
            return "";
        };
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// All files of one check run, addressed by [`FileId`].
#[derive(Debug, Default, Clone)]
pub struct SourceSet {
    files: Vec<SourceFile>,
}

impl SourceSet {
    pub fn new() -> SourceSet {
        SourceSet::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

impl SourceSet {
    /// Set the text of a file added before its content was known.
    pub fn replace_text(&mut self, id: FileId, text: String) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            *file = SourceFile::new(std::mem::take(&mut file.name), text);
        }
    }
}
