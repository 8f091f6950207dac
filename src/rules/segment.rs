//! `[segment]`: what the sentence splitter must know of a language: abbreviations that do
//! not end a sentence, and endings after which a sentence never ends ("12." before a month
//! in German).

use regex::Regex;
use toml::Spanned;

use super::patterns::LangCompiler;
use super::schema::SegmentDef;
use crate::error::Result;

/// The compiled `[segment]` table: what the sentence splitter reads of a language.
pub struct SegmentRules {
    /// Abbreviations that do not end a sentence.
    pub abbreviations: Vec<String>,
    /// Endings after which a sentence never ends ("12." before a month in German).
    pub no_break_after: Option<Regex>,
}

/// The `[segment]` table of the file `c` compiles.
pub(super) fn compile_segment(c: &LangCompiler, segment: &SegmentDef) -> Result<SegmentRules> {
    Ok(SegmentRules {
        abbreviations: segment.abbreviations.clone(),
        no_break_after: compile_no_break(c, &segment.no_break_after)?,
    })
}

/// The `no_break_after` patterns, each checked alone, as one pattern anchored at the end
/// of the text before a possible break; none when there are none.
fn compile_no_break(c: &LangCompiler, patterns: &[Spanned<String>]) -> Result<Option<Regex>> {
    for p in patterns {
        c.written_pattern(p.get_ref(), "segment.no_break_after", Some(p.span().start))?;
    }
    if patterns.is_empty() {
        return Ok(None);
    }
    let joined: Vec<&str> = patterns.iter().map(|p| p.get_ref().as_str()).collect();
    c.regex(
        &format!("(?:{})$", joined.join("|")),
        "segment.no_break_after",
        None,
    )
    .map(Some)
}
