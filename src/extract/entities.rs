//! Entities: gazetteer names found in the text as whole words.
//!
//! The gazetteer's matcher of the language (built by the rules) finds every name in one
//! pass, leftmost-longest; a match glued to a letter, a digit or a currency sign is not a
//! name ("US" in "US$"). A wire story's dateline names its place in capitals ("MILAN
//! (Reuters) -"), which the names as written do not match: it is read on its own.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::rules::{EntityIndex, EntityKind, Gazetteer};

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

/// A dateline at the start of a line: a place in capitals, then perhaps a day after a comma
/// and an agency in brackets, then a dash or a colon ("MILAN (Reuters) -", "BERLIN —",
/// "THE HAGUE, Sept. 23 (Xinhua) --", "PARIS :"). Typography, the same in every language.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?P<place>\p{Lu}[\p{Lu}'’.-]*(?: \p{Lu}[\p{Lu}'’.-]*){0,3})[ \t]*(?:,[^\n(]{1,30}?)?(?:\([^)\n]{1,30}\)[ \t]*)?(?:--?|—|–|:)[ \t]",
    )
    .expect("the dateline pattern compiles")
});

/// The places the datelines of `text[range]` name, in order: a capitalised name the
/// gazetteer knows as a place once written as names are ("THE HAGUE" is The Hague).
pub fn dateline_places<'a>(
    gazetteer: &'a Gazetteer,
    lang: &'a str,
    text: &'a str,
    range: Range<usize>,
) -> impl Iterator<Item = Mention> + 'a {
    let start = range.start;
    DATELINE
        .captures_iter(&text[range])
        .filter_map(move |caps| {
            let name = caps.name("place")?;
            let written = as_names_are(name.as_str());
            let (_, entity) = gazetteer
                .find_names(lang, &written)
                .find(|(found, _)| *found == (0..written.len()))?;
            let place = gazetteer.entities[entity].kind == EntityKind::Place;
            (place && written.len() == name.len()).then(|| Mention {
                kind: MentionKind::Entity(EntityIndex(entity)),
                start: start + name.start(),
                end: start + name.end(),
                rule: "dateline".into(),
            })
        })
}

/// `capitals` with each word written as a name is: its first letter a capital, the rest in
/// lower case ("THE HAGUE": "The Hague").
fn as_names_are(capitals: &str) -> String {
    let mut out = String::with_capacity(capitals.len());
    let mut word_start = true;
    for c in capitals.chars() {
        match word_start {
            true => out.push(c),
            false => out.extend(c.to_lowercase()),
        }
        word_start = matches!(c, ' ' | '-');
    }
    out
}

/// A name stands as a whole word: no letter or digit touches it, and no currency sign
/// follows it ("US" in "US$" is part of a currency symbol).
pub(super) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined = |c: char| c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥');
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(joined)
}

/// Whether `m` names a place that [needs its country](crate::rules::Entity::needs_country).
pub fn needs_country(gazetteer: &Gazetteer, m: &Mention) -> bool {
    matches!(m.kind, MentionKind::Entity(EntityIndex(e)) if gazetteer.entities[e].needs_country)
}

/// `named` (the entity mentions of `text`, found in `parts`, each in its language) with
/// the places that [need their country](crate::rules::Entity::needs_country) settled. A
/// country is named when the document names it or a place in it that needs no country,
/// or two different names of places in it that do ("Lier" and "Mechelen"), or when it is a
/// home country of the document's languages (`homes`, gazetteer indices). Such a place
/// stays where exactly one of the places its name may be lies in a named country, as that
/// one; otherwise it is left unplaced rather than guessed.
pub fn placed_in_context(
    gazetteer: &Gazetteer,
    (parts, homes): (&[(Range<usize>, String)], &[usize]),
    text: &str,
    mut named: Vec<Mention>,
) -> Vec<Mention> {
    let entity_of = |m: &Mention| match m.kind {
        MentionKind::Entity(EntityIndex(e)) => Some(e),
        _ => None,
    };
    let needs = |m: &Mention| needs_country(gazetteer, m);
    if !named.iter().any(needs) {
        return named;
    }
    // A town's name hyphenated to more words is part of another name ("Saint-Loup" in
    // "Saint-Loup-sur-Semouse").
    named.retain(|m| !(needs(m) && is_hyphenated(text, m.start, m.end)));
    let lang_at = |at: usize| {
        let part = parts.partition_point(|(range, _)| range.end <= at);
        parts.get(part).map_or("", |(_, code)| code.as_str())
    };
    let candidates = |m: &Mention| -> Vec<usize> {
        let shared = gazetteer.places_named(lang_at(m.start), &text[m.start..m.end]);
        match shared {
            [] => entity_of(m).into_iter().collect(),
            places => places.to_vec(),
        }
    };
    let mut countries: Vec<usize> = named
        .iter()
        .filter(|m| !needs(m))
        .filter_map(entity_of)
        .filter(|&e| gazetteer.entities[e].kind == EntityKind::Place)
        .map(|e| gazetteer.outermost(e))
        .collect();
    let unsettled: Vec<(usize, Vec<usize>)> = (named.iter().enumerate())
        .filter(|(_, m)| needs(m))
        .map(|(i, m)| (i, candidates(m)))
        .collect();
    countries.extend(named_twice(gazetteer, text, &named, &unsettled));
    countries.sort_unstable();
    // The one place of the name in `countries`, if exactly one is.
    let only_in = |places: &[usize], countries: &[usize]| {
        let mut here = places
            .iter()
            .filter(|&&p| countries.contains(&gazetteer.outermost(p)));
        match (here.next(), here.next()) {
            (Some(&place), None) => Some(place),
            _ => None,
        }
    };
    let mut placed = vec![true; named.len()];
    for (i, places) in unsettled {
        let in_named = places
            .iter()
            .any(|&p| countries.binary_search(&gazetteer.outermost(p)).is_ok());
        // The home countries only settle a name no named country holds.
        let place = match in_named {
            true => only_in(&places, &countries),
            false => only_in(&places, homes),
        };
        match place {
            Some(place) => named[i].kind = MentionKind::Entity(EntityIndex(place)),
            None => placed[i] = false,
        }
    }
    let placed = named.into_iter().zip(placed).filter(|(_, placed)| *placed);
    placed.map(|(m, _)| m).collect()
}

/// Whether the words `text[start..end]` are joined by a hyphen to a letter before or
/// after them.
fn is_hyphenated(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let joined = |hyphen: Option<char>, letter: Option<char>| {
        hyphen == Some('-') && letter.is_some_and(char::is_alphabetic)
    };
    joined(before.next(), before.next()) || joined(after.next(), after.next())
}

/// The countries in which two different names of `unsettled` mentions (each with the
/// places it may be) may lie.
fn named_twice(
    gazetteer: &Gazetteer,
    text: &str,
    named: &[Mention],
    unsettled: &[(usize, Vec<usize>)],
) -> Vec<usize> {
    let mut pairs: Vec<(usize, &str)> = unsettled
        .iter()
        .flat_map(|(i, places)| {
            let name = &text[named[*i].start..named[*i].end];
            places.iter().map(move |&p| (gazetteer.outermost(p), name))
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut twice: Vec<usize> = pairs
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[0].0)
        .collect();
    twice.dedup();
    twice
}
