//! Errors that carry the context a user needs to fix their input: the file, and where
//! possible the line and column inside it.

use std::fmt;
use std::path::PathBuf;

/// A position inside a file, 1-based, as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column (in characters), starting at 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` inside `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// The largest char boundary of `text` not after `index`.
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Everything that can stop newsclaims.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule file that cannot be used: nothing is processed with half a rule set.
    #[error("{}", format_rule_error(path, position, message, hint))]
    Rule {
        /// The rule file.
        path: PathBuf,
        /// Where in the file, when known.
        position: Option<Position>,
        /// What is wrong.
        message: String,
        /// How to fix it, when there is an obvious fix.
        hint: Option<String>,
    },
    /// An input or output file that could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gold file or claims file that does not have the expected shape.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Data {
        /// The file concerned.
        path: PathBuf,
        /// The line, for line-oriented files.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A command line that cannot be run as given: a path that does not exist, no input
    /// at all, an output folder that does not exist. Nothing was done.
    #[error("{0}")]
    Usage(String),
}

/// Exit code of a run that could not complete.
pub const EXIT_FAILED: u8 = 1;
/// Exit code of a command line that cannot be run as given (as clap and ripgrep use it).
pub const EXIT_USAGE: u8 = 2;

fn format_rule_error(
    path: &std::path::Path,
    position: &Option<Position>,
    message: &str,
    hint: &Option<String>,
) -> String {
    let mut out = format!("{}", path.display());
    if let Some(p) = position {
        out.push_str(&format!(":{}:{}", p.line, p.column));
    }
    out.push_str(&format!(": {message}"));
    if let Some(h) = hint {
        out.push_str(&format!("\n  hint: {h}"));
    }
    out
}

impl Error {
    /// The process exit code this error ends a run with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            _ => EXIT_FAILED,
        }
    }

    /// Whether this is a write to a reader that went away (`newsclaims extract | head`):
    /// the reader has what it wanted, so the run ends quietly and successfully.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// A rule-file error at byte `offset` of `source` (the file's text).
    pub fn rule_at(
        path: impl Into<PathBuf>,
        source: &str,
        offset: Option<usize>,
        message: impl fmt::Display,
        hint: Option<&str>,
    ) -> Error {
        Error::Rule {
            path: path.into(),
            position: offset.map(|o| Position::of_offset(source, o)),
            message: message.to_string(),
            hint: hint.map(str::to_string),
        }
    }
}

/// Result with newsclaims' error.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 3),
            Position { line: 2, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 7),
            Position { line: 2, column: 4 }
        );
        assert_eq!(
            Position::of_offset(text, 8),
            Position { line: 3, column: 1 }
        );
    }
}
