//! Companies no list holds: the names the language's `[organisations]` rules find right
//! after a cue noun ("the start-up Zorbex Robotics"), right before a legal form ("Van Hool
//! NV"), before a cue noun in apposition ("Fenmoor Logistics, a haulier") or right before
//! what only a company does ("Harwick Foods said it would cut"), each given the id of its
//! normalised name ("Van Hool", "VAN HOOL" and "Van Hool NV" are all `van_hool`), and then
//! every other place the document writes that name. A name a list holds keeps its listed
//! entity; a name that overlaps a listed one, is a listed one's genitive ("Europas"), or
//! starts with a month or a weekday, is none.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::rules::{
    normalize_phrase, Entity, EntityIndex, EntityKind, Gazetteer, LanguageRules, OrganisationRules,
};

use super::entities::is_whole_word;
use super::{Mention, MentionKind};
use known::{Known, Taken};
use trim::{designated_core, is_plain_word, without_article, without_cue, without_legal_form};

mod known;
mod trim;

/// A document's companies that no list holds, and the mentions of every company its
/// `[organisations]` rules name.
#[derive(Debug, Default)]
pub struct OpenCompanies {
    /// The companies no list holds, as entities `gazetteer.entities.len()..` in order.
    pub entities: Vec<Entity>,
    /// Every mention of a name the rules found, in text order.
    pub mentions: Vec<Mention>,
}

/// The companies named in `text`, read in `parts` (each with its language's rules), that
/// the entity mentions `known` (in text order) do not already name.
pub fn open_companies(
    gazetteer: &Gazetteer,
    parts: &[(&LanguageRules, Range<usize>)],
    text: &str,
    known: &[Mention],
) -> OpenCompanies {
    let mut out = OpenCompanies::default();
    let known = Known::of(gazetteer, known);
    // Each distinct name found, and the entity it names.
    let mut names: Vec<(String, usize)> = Vec::new();
    // The names found by strong evidence: only they lend their first word as a short form
    // where it has no designator after it.
    let mut strong: FxHashSet<&str> = FxHashSet::default();
    // The names found after a noun for a subsidiary: companies of their own.
    let mut subsidiaries: FxHashSet<&str> = FxHashSet::default();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (lang, range) in parts {
        for (name, kind, found) in found_names(lang, text, range.clone()) {
            let name = without_place_adjective(gazetteer, lang, text, name);
            if !seen.insert(&text[name.clone()])
                || known.names(text, &name, found.is_weak())
                || (found.is_weak() && is_written_as_place(lang, &known, text, &name))
                || (found == Found::AfterCue
                    && known.is_place(&name)
                    && is_cue_after_place_word(&lang.organisations, text, name.start))
                || is_known_inflected(gazetteer, lang, &text[name.clone()])
            {
                continue;
            }
            let id = company_id(&text[name.clone()]);
            if id.is_empty() {
                continue;
            }
            // A listed company or organisation of that id is the one named; a place of
            // that id ("Varennes") is not.
            let listed = gazetteer
                .index_of(&id)
                .filter(|&e| gazetteer.entities[e].kind != EntityKind::Place);
            let index = listed.unwrap_or_else(|| {
                let known = out.entities.iter().position(|e| e.id == id);
                let open = known.unwrap_or_else(|| {
                    out.entities.push(Entity {
                        id,
                        kind,
                        parent: None,
                        rollup: false,
                        needs_country: false,
                    });
                    out.entities.len() - 1
                });
                gazetteer.entities.len() + open
            });
            let subsidiary = lang
                .organisations
                .follows_subsidiary_cue(words_before(text, name.start, 40));
            match subsidiary {
                true => _ = subsidiaries.insert(&text[name.clone()]),
                false if !found.is_weak() => _ = strong.insert(&text[name.clone()]),
                false => {}
            }
            names.push((text[name].to_string(), index));
        }
    }
    let evidence = NameEvidence {
        strong,
        subsidiaries,
    };
    short_forms(&mut names, &evidence, text, parts, gazetteer.entities.len());
    out.mentions = name_mentions(names, text, &known);
    out
}

/// Every mention of `names` (each with its entity) in `text` that the known mentions do
/// not name already, in text order; longest names first: "Zorbex Robotics" before
/// "Zorbex".
fn name_mentions(mut names: Vec<(String, usize)>, text: &str, known: &Known) -> Vec<Mention> {
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    let mut named = Taken::default();
    let mut mentions = Vec::new();
    for (name, index) in &names {
        for (start, _) in text.match_indices(name.as_str()) {
            let span = start..start + name.len();
            let taken = known.names(text, &span, false) || named.overlaps(&span);
            if taken || !is_whole_word(text, span.start, span.end) {
                continue;
            }
            named.insert(span.clone());
            mentions.push(Mention {
                kind: MentionKind::Entity(EntityIndex(*index)),
                start: span.start,
                end: span.end,
                rule: "organisations".into(),
            });
        }
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// What the names of a document were found by, as far as short forms care.
struct NameEvidence<'t> {
    /// The names found by strong evidence (a cue, a legal form): they lend their first
    /// word as a short form where it has no designator after it.
    strong: FxHashSet<&'t str>,
    /// The names found after a noun for a subsidiary ("sa filiale Hardouin Emballages"):
    /// a company of its own, not a part of the company its first word names.
    subsidiaries: FxHashSet<&'t str>,
}

/// Give the first word of a name whose other words are a designator ("Mistral AI",
/// "Brookfield Asset Management": `designators` of the languages of `parts`), or of a name
/// found by `strong` evidence (a cue, a legal form), the company of the whole where the
/// text also writes it alone ([`written_alone`]), replacing what that word named by
/// itself: one company, one id. A word the text also writes in lower case is no short
/// form. Any other name
/// that opens with a name found by itself is that company ("Airbus Defence" of Airbus),
/// unless neither is listed (their indices from `listed` on) and the text writes the
/// longer one first: then the shorter is its short form ("Brightmoor Finance plc …
/// Brightmoor"); or unless the shorter is not listed and the longer is a subsidiary
/// (`evidence.subsidiaries`: "Hardouin … sa filiale Hardouin Emballages").
fn short_forms(
    names: &mut Vec<(String, usize)>,
    evidence: &NameEvidence,
    text: &str,
    parts: &[(&LanguageRules, Range<usize>)],
    listed: usize,
) {
    let mut short: Vec<(String, usize)> = Vec::new();
    for (name, index) in names.iter() {
        let Some((first, rest)) = name.split_once(' ') else {
            continue;
        };
        let designated = parts
            .iter()
            .any(|(lang, _)| lang.organisations.is_designator(rest));
        let plain = parts
            .iter()
            .find(|(lang, _)| lang.organisations.capitalised_nouns && is_plain_word(first))
            .map(|(lang, _)| &lang.organisations);
        let lower = first.to_lowercase();
        let lends = designated || evidence.strong.contains(name.as_str());
        if !lends || !whole_words(text, &lower).is_empty() {
            continue;
        }
        // Written alone once after a name ending in a designator ("Castlegate Retail …
        // Castlegate"), twice after any other ("Lambrecht Coatings … Lambrecht schrapt …
        // Lambrecht betaalde") or where it may be a noun.
        let alone = written_alone(text, first, name, plain);
        let needed = if designated && plain.is_none() { 1 } else { 2 };
        if alone >= needed && !short.iter().any(|(w, _)| w == first) {
            short.push((first.to_string(), *index));
        }
    }
    names.retain(|(name, _)| !short.iter().any(|(w, _)| w == name));
    names.extend(short);
    // A name that opens with another name found by itself is a part of that company
    // ("Airbus Defence and Space" of Airbus, "Tata Steel Nederland" of Tata Steel): the
    // longest such name.
    let found: FxHashMap<String, usize> = names
        .iter()
        .map(|(name, index)| (name.clone(), *index))
        .collect();
    let mut shortened: FxHashMap<String, usize> = FxHashMap::default();
    for (name, index) in names.iter_mut() {
        let opening = name
            .match_indices(' ')
            .map(|(at, _)| &name[..at])
            .filter_map(|short| Some((short, *found.get(short)?)))
            .next_back();
        let Some((short, whole)) = opening else {
            continue;
        };
        if whole >= listed && evidence.subsidiaries.contains(name.as_str()) {
            continue;
        }
        let written_first = text.find(name.as_str()) <= first_alone(text, short, name);
        match whole >= listed && *index >= listed && written_first {
            true => _ = shortened.insert(short.to_string(), *index),
            false => *index = whole,
        }
    }
    for (name, index) in names.iter_mut() {
        if let Some(&long) = shortened.get(name.as_str()) {
            *index = long;
        }
    }
}

/// How many times `text` writes `first` as a whole word other than as the start of
/// `name`; for a word that may be a noun of a language that capitalises its nouns (its
/// `plain` rules), only where no article stands right before it ("Kessler Elektromaterial
/// AG … Kessler beschäftigt … für Kessler", not "die Energie").
fn written_alone(text: &str, first: &str, name: &str, plain: Option<&OrganisationRules>) -> usize {
    let after_article = |rules: &OrganisationRules, at: usize| {
        let word = text[..at]
            .split_whitespace()
            .next_back()
            .unwrap_or_default();
        let mut chars = word.chars();
        let capitalised: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        rules.is_article(&capitalised)
    };
    whole_words(text, first)
        .into_iter()
        .filter(|&at| !text[at..].starts_with(name))
        .filter(|&at| plain.is_none_or(|rules| !after_article(rules, at)))
        .count()
}

/// Where `text` first writes `short` as a whole word other than as the start of `long`.
fn first_alone(text: &str, short: &str, long: &str) -> Option<usize> {
    whole_words(text, short)
        .into_iter()
        .find(|&at| !text[at..].starts_with(long))
}

/// How a name was found: after a cue noun (of a company, or of an investor: "le fonds
/// Alpes Capital"), before a legal form, ending in a designator, before a cue noun in
/// apposition ("Fenmoor Logistics, a haulier"), after what only a company has ("la
/// division spatiale d'Airbus"), or as the actor of a business action (before it, or after
/// its verb: "Deze week schrapte Drekstra").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    AfterCue,
    AfterInvestorCue,
    BeforeLegalForm,
    WithDesignator,
    BeforeCue,
    Owned,
    Acting,
    ActingAfter,
}

impl Found {
    /// Whether the name was found by weak evidence (before an action, after what only a
    /// company has, in an apposition), not by a cue noun before it or a legal form or a
    /// designator after it: a place's name is then the place's.
    fn is_weak(self) -> bool {
        matches!(
            self,
            Found::Acting | Found::ActingAfter | Found::Owned | Found::BeforeCue
        )
    }
}

/// The spans of the names `lang`'s `[organisations]` rules find in `text[range]`.
fn found_names(
    lang: &LanguageRules,
    text: &str,
    range: Range<usize>,
) -> Vec<(Range<usize>, EntityKind, Found)> {
    let rules = &lang.organisations;
    let slice = &text[range.clone()];
    let mut out = Vec::new();
    let mut taken = Taken::default();
    // What the whole text says of a name, decided once per name: written again (after a
    // cue), or a company's (before an action).
    let mut written_again: FxHashMap<&str, bool> = FxHashMap::default();
    let mut acting_name: FxHashMap<&str, bool> = FxHashMap::default();
    let mut apposed_name: FxHashMap<&str, bool> = FxHashMap::default();
    let found_by = found_by(rules, slice);
    let acts = action_counts(slice, &found_by);
    for (found, name) in found_by {
        let name_text = &slice[name.clone()];
        // In a language that capitalises its nouns, one plain word after a cue is a
        // name only if the article writes it again ("der Maschinenbauer Hellrath ...
        // Hellrath beschäftigt"; not "das Startup Berichten zufolge") or places it ("der
        // Wettbewerber Kortmann aus Löhne").
        let plain = rules.capitalised_nouns && is_plain_word(name_text);
        let after = matches!(
            found,
            Found::AfterCue | Found::AfterInvestorCue | Found::Owned
        );
        if after
            && plain
            && !is_placed(rules, &slice[name.end..])
            && !*written_again
                .entry(name_text)
                .or_insert_with(|| whole_words(text, name_text).len() >= 2)
        {
            continue;
        }
        let name = match found {
            Found::AfterCue | Found::AfterInvestorCue | Found::Owned => {
                without_legal_form(rules, slice, name)
            }
            Found::WithDesignator => designated_core(rules, slice, name),
            _ => without_cue(rules, slice, without_article(rules, slice, name)),
        };
        let name = name.start + rules.after_home(&slice[name.clone()])..name.end;
        if found == Found::BeforeCue {
            let after_comma = slice[..name.start].trim_end().ends_with(',');
            let word = &slice[name.clone()];
            let apposed = *apposed_name
                .entry(word)
                .or_insert_with(|| is_apposed_name(text, word));
            if after_comma || !(apposed || is_closed_apposition(rules, slice, name.clone())) {
                continue;
            }
        }
        if matches!(found, Found::Acting | Found::ActingAfter) {
            let word = &slice[name.clone()];
            let at = range.start + name.start;
            let placed = is_after_place_word(rules, text, at)
                || (found == Found::Acting && rules.ends_with_complement_word(&text[..at]));
            let company = *acting_name.entry(word).or_insert_with(|| {
                let acts = acts.get(word).copied().unwrap_or(0);
                is_acting_name(rules, text, word, acts) && !is_person(rules, text, word)
            });
            if placed || !company {
                continue;
            }
        }
        if is_no_name(lang, slice, name.clone()) {
            continue;
        }
        // A name read after a cue wins over one read before a legal form: "der
        // Zulieferer Kessmann AG" names Kessmann.
        let span = range.start + name.start..range.start + name.end;
        if !name.is_empty()
            && !taken.overlaps(&span)
            && !is_day_or_month(lang, &slice[name.clone()])
        {
            taken.insert(span.clone());
            out.push((span, kind_found(rules, found, &slice[name]), found));
        }
    }
    out
}

/// The kind of entity a name `found` as it was is: an investor's (after an investor cue,
/// or ending in an investor designator) is an organisation, any other a company.
fn kind_found(rules: &OrganisationRules, found: Found, name: &str) -> EntityKind {
    let investor = match found {
        Found::AfterInvestorCue => true,
        Found::WithDesignator => rules.is_investor_name(name),
        _ => false,
    };
    match investor {
        true => EntityKind::Organization,
        false => EntityKind::Company,
    }
}

/// The names the regexes of `rules` find in `slice`, each with how it was found, in the
/// order tried: every regex searches the text once. An apposition followed by a reporting
/// verb names none.
fn found_by(rules: &OrganisationRules, slice: &str) -> Vec<(Found, Range<usize>)> {
    let found_by = finders(rules)
        .into_iter()
        .flat_map(|(regex, found)| {
            regex
                .captures_iter(slice)
                .filter(|caps| caps.name("verb").is_none())
                .filter(move |caps| {
                    let cued = matches!(found, Found::AfterCue | Found::AfterInvestorCue);
                    !(cued
                        && is_capitalised_cue(rules, slice, caps.get(0).map_or(0, |m| m.start())))
                })
                .filter_map(move |caps| Some((found, caps.name("name")?.range())))
        })
        .collect();
    with_list_tails(rules, slice, found_by)
}

/// Whether the cue at byte `at` of `slice` is written with a capital after a word in lower
/// case, in a language that writes its nouns in lower case: it opens a name ("filed at
/// Companies House"), it is no cue.
fn is_capitalised_cue(rules: &OrganisationRules, slice: &str, at: usize) -> bool {
    let capital = slice[at..].chars().next().is_some_and(char::is_uppercase);
    // The word before, unless it ends a sentence ("… new funding. Rival Sunvale cut") or
    // a line (a headline).
    let before = &slice[..at];
    let line_start = before.trim_end_matches([' ', '\t']).ends_with('\n');
    let after_lower_case = !line_start
        && before
            .split_whitespace()
            .next_back()
            .filter(|word| !word.ends_with(['.', '!', '?', ':', '"', '”', '»', '\'']))
            .and_then(|word| word.chars().next())
            .is_some_and(char::is_lowercase);
    !rules.capitalised_nouns && capital && after_lower_case
}

/// `found_by` with the last name of each list that a name found after a cue opens ("ses
/// concurrents Intermarché et Auchan"), found the same way, right after its first.
fn with_list_tails(
    rules: &OrganisationRules,
    slice: &str,
    found_by: Vec<(Found, Range<usize>)>,
) -> Vec<(Found, Range<usize>)> {
    let Some(tail) = &rules.list_tail else {
        return found_by;
    };
    let mut out = Vec::with_capacity(found_by.len());
    for (found, name) in found_by {
        let last = matches!(found, Found::AfterCue | Found::AfterInvestorCue)
            .then(|| tail.captures(&slice[name.end..])?.name("name"))
            .flatten()
            .map(|m| name.end + m.start()..name.end + m.end());
        out.push((found, name));
        out.extend(last.map(|last| (found, last)));
    }
    out
}

/// The regexes of `rules` that find names, each with how it finds them, in the order
/// they are tried (a name found by an earlier one is not found again).
fn finders(rules: &OrganisationRules) -> Vec<(&regex::Regex, Found)> {
    [
        (&rules.investor, Found::AfterInvestorCue),
        (&rules.cued, Found::AfterCue),
        (&rules.with_legal_form, Found::BeforeLegalForm),
        (&rules.with_designator, Found::WithDesignator),
        (&rules.cued_after, Found::BeforeCue),
        (&rules.owned, Found::Owned),
        (&rules.acting, Found::Acting),
        (&rules.acting_after, Found::ActingAfter),
    ]
    .into_iter()
    .filter_map(|(regex, found)| Some((regex.as_ref()?, found)))
    .collect()
}

/// How many times each name opens an action in `slice` (of the names `found_by` found): a
/// name that does so twice is a company's even where no sentence names it inside ("Intel
/// investit … : Intel va investir").
fn action_counts<'s>(
    slice: &'s str,
    found_by: &[(Found, Range<usize>)],
) -> FxHashMap<&'s str, usize> {
    let mut acts: FxHashMap<&str, usize> = FxHashMap::default();
    for (_, name) in found_by.iter().filter(|(found, _)| *found == Found::Acting) {
        *acts.entry(&slice[name.clone()]).or_default() += 1;
    }
    acts
}

/// Whether `rest` (the text after a name) opens with a place word and a capitalised word:
/// the name is then placed, as only a company's or a person's is ("Kortmann aus Löhne").
fn is_placed(rules: &OrganisationRules, rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    let place_word = words.next().is_some_and(|w| rules.is_place_word(w));
    place_word
        && words
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// Whether the word right before byte `at` of `text` makes the name there a place's
/// ("in Roeselare schrapt").
fn is_after_place_word(rules: &OrganisationRules, text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    rules.is_place_word(before.rsplit(char::is_whitespace).next().unwrap_or(""))
}

/// The text of at most `bytes` bytes (fewer, to a character boundary) before byte `at`.
fn words_before(text: &str, at: usize, bytes: usize) -> &str {
    let mut from = at.saturating_sub(bytes);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// Whether the document names the name at `name` of `text` as a place after a place
/// word ("385 jobs would be lost at Darlington"): then a name found by weak evidence is
/// that place ("Darlington is paying the price"), not a company.
fn is_written_as_place(
    lang: &LanguageRules,
    known: &Known,
    text: &str,
    name: &Range<usize>,
) -> bool {
    known
        .places_written(text, &text[name.clone()])
        .any(|at| is_after_place_word(&lang.organisations, text, at))
}

/// Whether a place word stands right before one of the (up to three) words before byte
/// `at` of `text`: a place's name after the cue of a phrase of place ("in het Duitse Hamm")
/// is the place, not a company.
fn is_cue_after_place_word(rules: &OrganisationRules, text: &str, at: usize) -> bool {
    let mut start = at;
    (0..3).any(|_| {
        let before = text[..start].trim_end();
        start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        start > 0 && is_after_place_word(rules, text, start)
    })
}

/// Whether `name`, read right before an action (`acts` times in all), is a company's:
/// `text` also writes it inside a sentence or it opens two actions (a word that opens one
/// sentence before its verb, "Daarnaast investeert", "Bewertet wird", is as likely an
/// adverb or a verb), and, for one word, not in lower case ("Het gaat" beside "het") nor,
/// in a language that capitalises its nouns, a plain word ("In den kommenden Monaten
/// will").
fn is_acting_name(rules: &OrganisationRules, text: &str, name: &str, acts: usize) -> bool {
    let inside = |at: &usize| is_inside_sentence(text, *at);
    if acts < 2 && !whole_words(text, name).iter().any(inside) {
        return false;
    }
    if name.contains(char::is_whitespace) {
        return true;
    }
    let lower = name.to_lowercase();
    let common = lower != name && !whole_words(text, &lower).is_empty();
    let plain_noun = rules.capitalised_nouns && is_plain_word(name);
    !(common || plain_noun)
}

/// Whether `name`, read before an apposition ending in a cue noun ("Harlow Brewing, the
/// Manchester-based maker") and not itself after a comma ("Selon son PDG, Jean Doucet, le
/// groupe"), is a name: the text writes it again or inside a sentence (a
/// sentence may open with other words: "D'après Reuters, le groupe"), and, for one word,
/// never in lower case ("However, the group said").
fn is_apposed_name(text: &str, name: &str) -> bool {
    let lower = name.to_lowercase();
    if !name.contains(char::is_whitespace) && lower != name && !whole_words(text, &lower).is_empty()
    {
        return false;
    }
    let written = whole_words(text, name);
    written.len() >= 2 || written.iter().any(|&at| is_inside_sentence(text, at))
}

/// Whether the name at `name` of `slice`, one the text writes once at a sentence's start,
/// opens an apposition a comma closes within six words ("Alphabet, het moederbedrijf van
/// Google, zette …", "Fenmoor, a haulier based in Leeds, will cut"): a name, unless it is
/// a word a sentence opens with (`[organisations] articles`: "However, the group said").
fn is_closed_apposition(rules: &OrganisationRules, slice: &str, name: Range<usize>) -> bool {
    let Some(rest) = slice[name.end..].strip_prefix(',') else {
        return false;
    };
    // A comma that a space follows: "6,69 millions" closes nothing.
    let Some((apposition, _)) = rest.split_once(", ") else {
        return false;
    };
    let words = apposition.split_whitespace().count();
    !rules.is_article(&slice[name])
        && words <= 6
        && !apposition.contains(['.', '!', '?', ';', ':', '\n'])
}

/// Whether the word at byte `at` of `text` stands inside a sentence, not at its start (a
/// line break ends a headline or a paragraph as a full stop ends a sentence).
fn is_inside_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(|c: char| {
        (c.is_whitespace() && c != '\n')
            || matches!(
                c,
                '"' | '\'' | '«' | '»' | '“' | '”' | '‘' | '’' | '(' | '„'
            )
    });
    before
        .chars()
        .next_back()
        .is_some_and(|c| !matches!(c, '.' | '!' | '?' | ':' | ';' | '–' | '—' | '\n'))
}

/// Whether `name`, read before an action, is a person's: one word the text writes after a
/// first name ("Henk Kamp … Kamp was", "Bruno Le Maire … Le Maire a"), or several words
/// whose last the text also writes alone ("Oliver Blume … Blume"; a designator or a
/// common word is no surname: "Mistral AI … AI"). A first name is a capitalised word that
/// is no article and that the text never writes in lower case. In a language that
/// capitalises its nouns the word before may be any noun, so none is taken for a first name.
fn is_person(rules: &OrganisationRules, text: &str, name: &str) -> bool {
    if rules.capitalised_nouns {
        return false;
    }
    if let Some((_, last)) = name.rsplit_once(' ') {
        let surname = !rules.is_designator(last) && !rules.is_common_word(last);
        return surname
            && whole_words(text, last)
                .into_iter()
                .any(|at| !text[..at + last.len()].ends_with(name));
    }
    let first_name = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().next().is_some()
            && chars.all(char::is_lowercase)
            && !rules.is_article(word)
            && whole_words(text, &word.to_lowercase()).is_empty()
    };
    // The words right before the name on its line, one space apart: a line break or a
    // full stop between is no first name's ("… meldt Dekamart donderdag.\n\nBonvi vroeg").
    whole_words(text, name).into_iter().any(|at| {
        let Some(line) = text[..at].strip_suffix(' ') else {
            return false;
        };
        let mut before = line.rsplit(' ');
        match (before.next(), before.next()) {
            (Some(w), _) if first_name(w) => true,
            (Some(particle), Some(w)) => rules.is_article(particle) && first_name(w),
            _ => false,
        }
    })
}

/// Where `word` stands in `text` as a whole word.
fn whole_words(text: &str, word: &str) -> Vec<usize> {
    if word.is_empty() {
        return Vec::new();
    }
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes())
        .filter(|&at| is_whole_word(text, at, at + word.len()))
        .collect()
}

/// Whether `name` is a known entity's name with a genitive ending of the language
/// ("Europas" for "Europa").
fn is_known_inflected(gazetteer: &Gazetteer, lang: &LanguageRules, name: &str) -> bool {
    lang.organisations.genitive_endings.iter().any(|ending| {
        name.strip_suffix(ending.as_str())
            .is_some_and(|stem| is_known_name(gazetteer, lang, stem))
    })
}

/// Whether `name` is, whole, a name of an entity the gazetteer holds in `lang`.
fn is_known_name(gazetteer: &Gazetteer, lang: &LanguageRules, name: &str) -> bool {
    gazetteer
        .find_names(&lang.code, name)
        .any(|(range, _)| range == (0..name.len()))
}

/// `name` (a span of `text`) without the adjective of a known place it opens with, when
/// two words or more stay: "Dresdner Siliqon Materials" names Siliqon Materials (Dresden),
/// "Dresdner Bank" stays whole.
fn without_place_adjective(
    gazetteer: &Gazetteer,
    lang: &LanguageRules,
    text: &str,
    name: Range<usize>,
) -> Range<usize> {
    let Some((first, rest)) = text[name.clone()].split_once(' ') else {
        return name;
    };
    let of_place = lang
        .organisations
        .place_adjectives
        .iter()
        .any(|(ending, place)| {
            first
                .strip_suffix(ending.as_str())
                .is_some_and(|stem| is_known_name(gazetteer, lang, &format!("{stem}{place}")))
        });
    match of_place && rest.trim_start().contains(' ') {
        true => name.end - rest.trim_start().len()..name.end,
        false => name,
    }
}

/// Whether the words at `name` in `slice`, found where a name may stand, are none: a
/// common word ("KI"), a word that may open a name ("neemt Belgische kaasmaker"), a legal
/// form or a designator alone ("die Weserbank AG", "die Bank"), a compound of a common
/// noun ("Airbus-tak"), or what a figure counts or measures: opening
/// with a scale word ("86 Millionen Euro verbucht") or, in a language that capitalises its
/// nouns, right after digits ("1.200 Stellen"; in English "On March 3 Kovalt said" names
/// Kovalt).
fn is_no_name(lang: &LanguageRules, slice: &str, name: Range<usize>) -> bool {
    let rules = &lang.organisations;
    let words = &slice[name.clone()];
    let first = words.split_whitespace().next().unwrap_or_default();
    let after_digits = slice[..name.start]
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit());
    let counted = (rules.capitalised_nouns && after_digits)
        || lang
            .numbers
            .scale_values
            .contains_key(&first.to_lowercase());
    let bare_form = rules.is_legal_form(words) || rules.is_designator(words);
    rules.is_common_word(words)
        || rules.is_article(words)
        || bare_form
        || is_compound_noun(words)
        || counted
}

/// Whether `name` ends in a compound of a common noun ("Europees AI-centrum", "Airbus-tak"):
/// a hyphen before a lower-case letter, which no company's name writes ("Coca-Cola").
fn is_compound_noun(name: &str) -> bool {
    name.split_whitespace()
        .next_back()
        .and_then(|last| last.rsplit_once('-'))
        .is_some_and(|(_, after)| after.starts_with(char::is_lowercase))
}

/// Whether `name` starts with a weekday or a month of `lang` ("Monday", "Mai").
fn is_day_or_month(lang: &LanguageRules, name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or(name);
    let word = normalize_phrase(first);
    lang.dates.weekday_names.contains_key(&word) || lang.dates.month_names.contains_key(&word)
}

/// The id of a company's name: lower case, without accents, words joined by `_` ("Van
/// Hool" and "VAN HOOL" are `van_hool`, "Société Générale" `societe_generale`).
fn company_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    for c in name.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('_') {
            id.push('_');
        }
    }
    id.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_ending_in_a_compound_of_a_common_noun_is_none() {
        for (name, compound) in [
            ("Europees AI-centrum", true),
            ("Airbus-tak", true),
            ("Coca-Cola", false),
            ("Rolls-Royce Holdings", false),
            ("Van Hool", false),
        ] {
            assert_eq!(is_compound_noun(name), compound, "{name}");
        }
    }

    #[test]
    fn a_company_id_is_its_name_in_lower_case_without_accents() {
        for (name, id) in [
            ("Van Hool", "van_hool"),
            ("VAN HOOL", "van_hool"),
            ("Société Générale", "societe_generale"),
            ("Procter & Gamble", "procter_gamble"),
            ("Zorbex Robotics", "zorbex_robotics"),
            ("L’Oréal", "l_oreal"),
        ] {
            assert_eq!(company_id(name), id, "{name}");
        }
    }
}
