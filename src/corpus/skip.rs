//! Why an input produced no document: [`SkipReason`], a kind a program can match on, with
//! the details a user reads in the run summary (its `Display`, which is also what the
//! summary JSON and the report carry).

use std::fmt;

use serde::{Deserialize, Serialize};

/// An input that produced no document (or a JSON Lines line that did not), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The input: a path, `path:line` for a JSON Lines line, or a document id.
    pub input: String,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl Skipped {
    /// `input` skipped for `reason`.
    pub fn new(input: impl fmt::Display, reason: SkipReason) -> Skipped {
        Skipped {
            input: input.to_string(),
            reason,
        }
    }
}

/// Why an input or a record was skipped. Written as a sentence (`Display`) in the run
/// summary, its JSON and the report; read back from JSON, a reason is kept as its text
/// ([`SkipReason::Other`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum SkipReason {
    /// The path does not exist (or a symlink points nowhere).
    DoesNotExist,
    /// The file or folder could not be read: the system's message.
    Unreadable(String),
    /// A folder that could not be walked: the walker's message.
    UnreadableFolder(String),
    /// A FIFO, device or socket: reading it could block or never end.
    NotRegularFile,
    /// Another extension than `.txt`, `.md` or `.jsonl`, named on the command line.
    NotAnArticleFile,
    /// A symlink leading back into a folder being walked.
    SymlinkLoop,
    /// Larger than `--max-bytes`: the file's size when known.
    TooLarge {
        /// The input's size in bytes, when known before reading.
        bytes: Option<u64>,
        /// The limit.
        max: u64,
    },
    /// A JSON Lines record larger than `--max-bytes`.
    RecordTooLarge {
        /// The record's size in bytes.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// A NUL byte near the start: not text.
    Binary {
        /// Where the NUL byte is.
        offset: usize,
    },
    /// Nothing but blanks.
    Empty,
    /// A JSON Lines record whose text is blank.
    EmptyText,
    /// Not UTF-8, and `--non-utf8 skip` was given.
    NotUtf8 {
        /// Where the first invalid byte is.
        offset: usize,
    },
    /// The stream broke while a JSON Lines input was read: the system's message.
    ReadError(String),
    /// A JSON Lines line that is no article: serde's message and the column.
    MalformedRecord {
        /// What is wrong.
        message: String,
        /// Where on the line.
        column: usize,
    },
    /// A Markdown report an earlier run wrote, named on the command line.
    NewsclaimsReport,
    /// A claims file an earlier run wrote, named on the command line.
    NewsclaimsClaims,
    /// The article is in a language without rules: the detector's code.
    UnsupportedLanguage(String),
    /// No language could be detected (too little text in any language).
    LanguageUnknown,
    /// The language given with the article (or `--lang`) has no rule file.
    NoRulesForLanguage(String),
    /// A line of a claims file that is no claim: serde's message.
    NotAClaim(String),
    /// A reason read back from JSON, as written.
    Other(String),
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SkipReason::*;
        match self {
            DoesNotExist => f.write_str("does not exist"),
            Unreadable(e) => write!(f, "cannot read: {e}"),
            UnreadableFolder(e) => write!(f, "cannot read folder: {e}"),
            NotRegularFile => {
                f.write_str("not a regular file (a FIFO, device or socket): not read")
            }
            NotAnArticleFile => f.write_str("not an article file (expected .txt, .md or .jsonl)"),
            SymlinkLoop => f.write_str("symlink loop (a folder inside itself)"),
            TooLarge {
                bytes: Some(n),
                max,
            } => write!(f, "{n} bytes, over --max-bytes {max}"),
            TooLarge { bytes: None, max } => write!(f, "over --max-bytes {max}"),
            RecordTooLarge { bytes, max } => {
                write!(f, "record of {bytes} bytes, over --max-bytes {max}")
            }
            Binary { offset } => write!(f, "binary file (NUL byte at offset {offset})"),
            Empty => f.write_str("empty"),
            EmptyText => f.write_str("empty text"),
            NotUtf8 { offset } => write!(
                f,
                "not UTF-8 (invalid byte at offset {offset}); --non-utf8 windows-1252 reads it"
            ),
            ReadError(e) => write!(f, "read error: {e}"),
            MalformedRecord { message, column } => {
                write!(
                    f,
                    "malformed JSON Lines article: {message} (column {column})"
                )
            }
            NewsclaimsReport => f.write_str("a newsclaims report, not an article"),
            NewsclaimsClaims => {
                f.write_str("newsclaims claims, not articles (give them with check --claims)")
            }
            UnsupportedLanguage(code) => write!(f, "unsupported language (detected {code})"),
            LanguageUnknown => f.write_str("language could not be detected"),
            NoRulesForLanguage(code) => write!(f, "language {code:?} has no rule file"),
            NotAClaim(e) => write!(f, "not a claim: {e}"),
            Other(text) => f.write_str(text),
        }
    }
}

impl From<SkipReason> for String {
    fn from(reason: SkipReason) -> String {
        reason.to_string()
    }
}

impl From<String> for SkipReason {
    fn from(text: String) -> SkipReason {
        SkipReason::Other(text)
    }
}

/// The reason an I/O error gives: a path that is not there, or the system's message.
pub(crate) fn cannot_read(e: &std::io::Error) -> SkipReason {
    match e.kind() {
        std::io::ErrorKind::NotFound => SkipReason::DoesNotExist,
        _ => SkipReason::Unreadable(e.to_string()),
    }
}
