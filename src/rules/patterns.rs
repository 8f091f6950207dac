//! Building regular expressions from the rule files' word lists and patterns, and the
//! checks every written pattern passes (it compiles, it never matches the empty string).
//!
//! Words become case-insensitive alternations in which a space matches any run of white
//! space and an apostrophe both forms; word boundaries are the ASCII ones the regex
//! crate's fast DFAs handle.

use std::path::Path;

use regex::Regex;
use regex_automata::meta;
use regex_syntax::hir::{Hir, HirKind};

use crate::error::{Error, Position, Result};

/// A regex fragment matching any of `words`: case-insensitive, longest first, spaces
/// matching any run of white space, apostrophes matching both forms, and word boundaries
/// wherever a word starts or ends with a letter or digit.
pub fn word_alternation(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let parts: Vec<String> = sorted.iter().map(|w| word_pattern(w)).collect();
    format!("(?:{})", parts.join("|"))
}

/// A word boundary the regex engine's fast DFAs can match. Unicode `\b` makes them give up
/// on any non-ASCII text (which every French sentence is), so boundaries are ASCII ones,
/// placed only next to ASCII letters and digits of a word.
pub(super) const BOUNDARY: &str = r"(?-u:\b)";

/// The pattern of one word of a list (see [`word_alternation`]); a leading `*` stands for
/// any start of a compound ("*banen": "voltijdbanen").
fn word_pattern(word: &str) -> String {
    let mut out = String::new();
    let ascii_word_char = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // "*banen": any word ending so (compounds: "voltijdbanen", "Arbeitsplätze").
    let word = match word.strip_prefix('*') {
        Some(rest) => {
            out.push_str(&format!("[{LATIN_LETTER}-]*"));
            rest
        }
        None => {
            if ascii_word_char(word.chars().next()) {
                out.push_str(BOUNDARY);
            }
            word
        }
    };
    for c in word.chars() {
        match c {
            ' ' => out.push_str(r"\s+"),
            '\'' | '’' => out.push_str("['’]"),
            _ => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    if ascii_word_char(word.chars().last()) {
        out.push_str(BOUNDARY);
    }
    out
}

/// `pattern` compiled for searching whole sentences, without the regex crate's literal
/// prefilter: when its words start with literals as common as "a ", "in " or "une ", the
/// prefilter stops at every other word and the search takes many times longer than a
/// plain DFA pass.
pub(super) fn sentence_regex(
    pattern: &str,
) -> std::result::Result<meta::Regex, Box<meta::BuildError>> {
    meta::Regex::builder()
        .configure(meta::Regex::config().auto_prefilter(false))
        .build(pattern)
        .map_err(Box::new)
}

/// Whether the syntax tree `hir` has a capture group named `name`.
pub(super) fn has_group(hir: &Hir, name: &str) -> bool {
    match hir.kind() {
        HirKind::Capture(group) => {
            group.name.as_deref() == Some(name) || has_group(&group.sub, name)
        }
        HirKind::Repetition(repetition) => has_group(&repetition.sub, name),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(|part| has_group(part, name))
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

/// A rule pattern in which an apostrophe matches both ' and ’, a space matches any run
/// of white space (no-break spaces included), as in word lists, and `\b` is the ASCII
/// word boundary the fast engines handle (see [`BOUNDARY`]).
pub(super) fn typographic(pattern: &str) -> String {
    pattern
        .replace(['\'', '’'], "['’]")
        .replace(' ', r"\s+")
        .replace(r"\b", BOUNDARY)
        .replace(r"\w", WORD)
        .replace(r"\d", "[0-9]")
}

/// A letter of the Latin alphabets (ASCII, Latin-1, Latin Extended-A and -B): what the
/// patterns built in (a compound's start, a gap word, the words of an apposition) read as
/// a letter. The Unicode class is some 700 ranges, compiled anew in every pattern that
/// holds it, and its UTF-8 automaton makes each pattern's automata larger; the rule
/// languages write in Latin letters.
pub(super) const LATIN_LETTER: &str = r"[\p{L}&&[\x00-\x{24F}]]";

/// A lower-case letter of the Latin alphabets (see [`LATIN_LETTER`]).
pub(super) const LATIN_LOWER: &str = r"[\p{Ll}&&[\x00-\x{24F}]]";

/// An upper-case letter of the Latin alphabets (see [`LATIN_LETTER`]).
pub(super) const LATIN_UPPER: &str = r"[\p{Lu}&&[\x00-\x{24F}]]";

/// What `\w` stands for in a rule pattern: a letter of the Latin alphabets (ASCII, and
/// Latin-1 to Latin Extended-B without × and ÷), an ASCII digit or `_`. The Unicode class
/// is some 700 ranges that every one of hundreds of patterns compiles anew, and a lazy DFA
/// determinises slowly; the rule languages write in Latin letters. (`\d` is `[0-9]`: the
/// number readers read ASCII digits.)
const WORD: &str = r"[0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}]";

/// A trigger pattern made to match whole words: an ASCII word boundary before it unless it
/// starts with a non-ASCII letter, and after it unless it ends in `\w*` (which runs to the
/// end of the word by itself, accented letters included: "cré\w*" matches "créé") or in a
/// non-ASCII letter ("communiqué").
pub(super) fn bounded(pattern: &str) -> String {
    let first = pattern.chars().next();
    let last = pattern.chars().last();
    let open = if first.is_some_and(|c| !c.is_ascii() && c.is_alphabetic()) {
        ""
    } else {
        BOUNDARY
    };
    // A run of letters ends where the word does, whatever its last letter ("de publicité").
    let runs_to_word_end = [r"\w*", r"\w+", r"\p{Ll}+", r"\p{L}+"]
        .iter()
        .any(|run| pattern.ends_with(run))
        || pattern.ends_with(&format!("{WORD}*"));
    let close = if runs_to_word_end || last.is_some_and(|c| !c.is_ascii()) {
        ""
    } else {
        BOUNDARY
    };
    format!("{open}(?:{pattern}){close}")
}

/// Normalise a matched phrase for map lookups: lower case, single spaces, straight
/// apostrophes.
pub fn normalize_phrase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '’' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The file a language's rules are compiled from, for the place and message of every
/// error: each table's compiler builds its patterns through it.
pub(super) struct LangCompiler<'a> {
    /// The file's path, for messages.
    pub(super) path: &'a Path,
    /// The file's contents, to turn offsets into lines; with an addition, the file, a
    /// line break and the addition, so that offsets of either file are offsets in it.
    pub(super) text: &'a str,
    /// A rule folder's addition to the file (`en.add.toml`): its path and where it
    /// starts in `text`.
    pub(super) addition: Option<(&'a Path, usize)>,
}

impl<'a> LangCompiler<'a> {
    /// The file an offset of `text` falls in: its path, its text and the offset in it.
    fn locate(&self, offset: usize) -> (&'a Path, &'a str, usize) {
        match self.addition {
            Some((path, start)) if offset >= start => (path, &self.text[start..], offset - start),
            _ => (self.path, self.text, offset),
        }
    }

    /// Whether the item at `offset` is written in the addition.
    pub(super) fn in_addition(&self, offset: usize) -> bool {
        self.addition.is_some_and(|(_, start)| offset >= start)
    }

    /// Where the item at `offset` is written, as `path:line`.
    pub(super) fn place(&self, offset: usize) -> String {
        let (path, text, offset) = self.locate(offset);
        format!(
            "{}:{}",
            path.display(),
            Position::of_offset(text, offset).line
        )
    }

    /// `pattern` compiled as a regex, or the error for the rule `what` (at `offset`).
    pub(super) fn regex(&self, pattern: &str, what: &str, offset: Option<usize>) -> Result<Regex> {
        Regex::new(pattern).map_err(|e| self.not_compiled(what, offset, e))
    }

    /// Check a pattern the rule file writes for `what` (at `offset`): it parses alone, and
    /// never matches the empty string (it would match between every two characters); its
    /// syntax tree. It is parsed, not compiled: it is compiled once, as part of the regex
    /// that holds it, and building an automaton only to check it would cost most of a
    /// run's start.
    pub(super) fn written_pattern(
        &self,
        pattern: &str,
        what: &str,
        offset: Option<usize>,
    ) -> Result<Hir> {
        let hir = regex_automata::util::syntax::parse(pattern)
            .map_err(|e| self.not_compiled(what, offset, e))?;
        if hir.properties().minimum_len() == Some(0) {
            return Err(self.error(
                offset,
                format!("{what}: the pattern {pattern:?} matches the empty string"),
                "make every alternative match at least one character",
            ));
        }
        Ok(hir)
    }

    /// The error for a pattern of `what` (at `offset`) that does not compile.
    pub(super) fn not_compiled(
        &self,
        what: &str,
        offset: Option<usize>,
        e: impl std::fmt::Display,
    ) -> Error {
        self.error(
            offset,
            format!("{what}: the pattern does not compile: {e}"),
            "patterns use the syntax of the Rust regex crate (no look-around)",
        )
    }

    /// `template` with `{}` replaced by the alternation of `words`, compiled; `None` when
    /// there are no words.
    pub(super) fn words_regex(
        &self,
        template: &str,
        words: &[String],
        what: &str,
    ) -> Result<Option<Regex>> {
        if words.iter().all(|w| w.is_empty()) {
            return Ok(None);
        }
        let alt = word_alternation(words);
        self.regex(&template.replace("{}", &alt), what, None)
            .map(Some)
    }

    /// A pattern searched over whole sentences ([`sentence_regex`]), or the error for the
    /// rule `what` (at `offset`).
    pub(super) fn scan(
        &self,
        pattern: &str,
        what: &str,
        offset: Option<usize>,
    ) -> Result<meta::Regex> {
        sentence_regex(pattern).map_err(|e| self.not_compiled(what, offset, e))
    }

    /// `patterns` as one regex of one pattern each (a match says which), searched over
    /// whole sentences like [`LangCompiler::scan`]'s.
    pub(super) fn scan_many(&self, patterns: &[String], what: &str) -> Result<meta::Regex> {
        meta::Regex::builder()
            .configure(meta::Regex::config().auto_prefilter(false))
            .build_many(patterns)
            .map_err(|e| self.not_compiled(what, None, e))
    }

    /// A rule error at `offset` of the file, with a hint at the fix.
    pub(super) fn error(&self, offset: Option<usize>, message: String, hint: &str) -> Error {
        match offset.map(|o| self.locate(o)) {
            Some((path, text, offset)) => {
                Error::rule_at(path, text, Some(offset), message, Some(hint))
            }
            None => Error::rule_at(self.path, self.text, None, message, Some(hint)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_alternation_handles_spaces_and_apostrophes() {
        let re = Regex::new(&format!(
            "(?i){}",
            word_alternation(&["jusqu'à".into(), "plus de".into()])
        ))
        .unwrap();
        assert!(re.is_match("jusqu’à"));
        assert!(re.is_match("plus\u{a0}de"));
        assert!(!re.is_match("plusde"));
    }

    #[test]
    fn a_compound_wildcard_takes_any_start_in_latin_letters() {
        let re = Regex::new(&format!(
            "(?i)^{}$",
            word_alternation(&["*banen".into(), "*arbeitsplätze".into()])
        ))
        .unwrap();
        for (word, matches) in [
            ("banen", true),
            ("voltijdbanen", true),
            ("deeltijd-banen", true),
            ("Industriearbeitsplätze", true),
            ("Öko-Arbeitsplätze", true),
            ("Łódźbanen", true),
            ("12banen", false),
            ("εργαbanen", false),
        ] {
            assert_eq!(re.is_match(word), matches, "{word}");
        }
    }

    #[test]
    fn latin_letter_classes_hold_the_latin_alphabets_only() {
        let class = |c: &str| Regex::new(&format!("^{c}$")).unwrap();
        let (letter, lower, upper) = (class(LATIN_LETTER), class(LATIN_LOWER), class(LATIN_UPPER));
        for (ch, is_letter, is_lower, is_upper) in [
            ("a", true, true, false),
            ("Z", true, false, true),
            ("é", true, true, false),
            ("ß", true, true, false),
            ("Ő", true, false, true),
            ("ł", true, true, false),
            ("ǅ", true, false, false),
            ("×", false, false, false),
            ("7", false, false, false),
            ("-", false, false, false),
            ("λ", false, false, false),
            ("Ж", false, false, false),
        ] {
            assert_eq!(letter.is_match(ch), is_letter, "letter {ch}");
            assert_eq!(lower.is_match(ch), is_lower, "lower {ch}");
            assert_eq!(upper.is_match(ch), is_upper, "upper {ch}");
        }
    }
}
