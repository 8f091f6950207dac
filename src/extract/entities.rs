//! Entities: gazetteer names found in the text as whole words.
//!
//! The gazetteer's matcher of the language (built by the rules) finds every name in one
//! pass, leftmost-longest; a match glued to a letter, a digit or a currency sign is not a
//! name ("US" in "US$").

use std::ops::Range;

use crate::rules::{EntityIndex, Gazetteer};

use super::{Mention, MentionKind};

/// Entities of `text[range]`, in order: leftmost-longest gazetteer matches that stand as
/// whole words. Read as they are needed, never all held at once.
pub fn entities<'a>(
    gazetteer: &'a Gazetteer,
    lang: &str,
    text: &'a str,
    range: Range<usize>,
) -> impl Iterator<Item = Mention> + 'a {
    let slice = &text[range.clone()];
    gazetteer
        .find_names(lang, slice)
        .filter(move |(found, _)| is_whole_word(slice, found.start, found.end))
        .map(move |(found, entity)| Mention {
            kind: MentionKind::Entity(EntityIndex(entity)),
            start: range.start + found.start,
            end: range.start + found.end,
            rule: "entities".into(),
        })
}

/// A name stands as a whole word: no letter or digit touches it, and no currency sign
/// follows it ("US" in "US$" is part of a currency symbol).
pub(super) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: char| c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥');
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(joined)
}
