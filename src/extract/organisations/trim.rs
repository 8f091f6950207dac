//! Where a name found by a rule starts and ends: the words around it that are no part of
//! it (an article, a cue noun, a possessive, a legal form) left out.

use std::ops::Range;

use crate::rules::OrganisationRules;

/// `name` (a span of `s`) without the cue noun it opens with, if any, and the words
/// before it: "Start-up Kovalt" in a headline names Kovalt, "Der Ulmer Elektronikspezialist
/// Brenzinger Elektronik GmbH" Brenzinger Elektronik.
pub(super) fn without_cue(rules: &OrganisationRules, s: &str, name: Range<usize>) -> Range<usize> {
    let words = &s[name.clone()];
    let inner = rules.cued.as_ref().and_then(|cued| {
        cued.captures_iter(words).find_map(|caps| {
            let whole = caps.get(0)?;
            let inner = caps.name("name")?;
            let word_start = words[..whole.start()].ends_with(' ');
            let to_the_end = inner.end() == words.len();
            (whole.start() == 0 || (word_start && to_the_end))
                .then(|| name.start + inner.start()..name.start + inner.end())
        })
    });
    inner.unwrap_or(name)
}

/// `name` (a span of `s`) without the legal form it ends with, if any ("Kessmann AG").
pub(super) fn without_legal_form(
    rules: &OrganisationRules,
    s: &str,
    name: Range<usize>,
) -> Range<usize> {
    let text = &s[name.clone()];
    match text.rsplit_once([' ', '\t', '\u{a0}']) {
        Some((rest, last)) if rules.is_legal_form(last) => {
            name.start..name.start + rest.trim_end().len()
        }
        _ => name,
    }
}

/// The name a designator ends (at `name` in `s`) without the words before it that are no
/// part of it: the article and cue noun it opens with, a possessive ("Singapore's Tamarind
/// Capital"), and, in a language that capitalises its nouns, plain words while more than
/// one word stands before the designator ("des Londoner Investors Halcyon Capital",
/// "vom Wagniskapitalgeber Isar Ventures").
pub(super) fn designated_core(
    rules: &OrganisationRules,
    s: &str,
    name: Range<usize>,
) -> Range<usize> {
    let mut name = without_cue(rules, s, without_article(rules, s, name));
    if let Some(at) = rules.after_possessive(&s[name.clone()]) {
        name.start += at;
    }
    while rules.capitalised_nouns && name.start < name.end {
        let words: Vec<&str> = s[name.clone()].split_whitespace().collect();
        let before_designator = (1..words.len())
            .find(|&k| rules.is_designator(&words[k..].join(" ")))
            .unwrap_or(words.len());
        if before_designator < 2 || !is_plain_word(words[0]) {
            break;
        }
        name.start = name.end - s[name.clone()][words[0].len()..].trim_start().len();
    }
    name
}

/// `name` (a span of `s`) without the articles it opens with: "Die Kessmann Holding"
/// before "GmbH" names "Kessmann Holding".
pub(super) fn without_article(
    rules: &OrganisationRules,
    s: &str,
    mut name: Range<usize>,
) -> Range<usize> {
    while let Some((first, rest)) = s[name.clone()].split_once([' ', '\t', '\u{a0}']) {
        if !rules.is_article(first) {
            break;
        }
        name.start = name.end - rest.trim_start().len();
    }
    name
}

/// Whether `name` is one word with no capital or digit after its first letter: in a
/// language that capitalises its nouns, as likely a noun as a name.
pub(super) fn is_plain_word(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next();
    !name.contains(char::is_whitespace) && !chars.any(|c| c.is_uppercase() || c.is_ascii_digit())
}
