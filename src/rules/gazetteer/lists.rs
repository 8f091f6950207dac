//! The lists of names the gazetteer's matchers are built from, per language: each
//! language's names are the `names` every language shares and its own aliases. In a large
//! gazetteer (a place database, a million companies) the shared names make one list that
//! every language searches together with a list of its own aliases, rather than a copy of
//! every name per language; a small one gives each language one list of all its names.
//! Within one language a name points to one entity, but for places that need their country
//! (they may share names, [`Homonyms`]).

use std::borrow::Cow;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::homonyms::Homonyms;
use super::read::{Alias, Name};
use super::{Entity, OwnNames, DFA_NAME_BYTES};
use crate::error::{Error, Result};

/// The patterns of a matcher to build (sorted) and the entity of each. Matchers are
/// built once every list is gathered and the names are dropped.
pub(super) struct PatternList<'t> {
    pub(super) texts: Vec<Cow<'t, str>>,
    pub(super) targets: Vec<usize>,
    /// The names several places of the language share.
    pub(super) homonyms: Homonyms,
    /// Whether it is searched by bisection of its sorted names, whatever its size (a
    /// language's own aliases, searched together with the shared names).
    pub(super) sorted: bool,
}

/// The lists a language finds its names by: one of all its names, or the shared names and
/// its own aliases, searched together (both sorted).
#[derive(Debug, Clone, Copy)]
pub(super) struct LangLists {
    /// The list of all its names, or of the names every language shares.
    pub(super) shared: usize,
    /// The list of its own aliases, when it is searched apart from the shared names.
    pub(super) own: Option<usize>,
}

/// What the lists are made of: the entities of the file at `path` (its `text`, for
/// messages) with their names and aliases.
pub(super) struct Source<'s, 't> {
    pub(super) path: &'s Path,
    pub(super) text: &'s str,
    pub(super) entities: &'s [Entity],
    pub(super) names: &'s [Name<'t>],
    pub(super) aliases: &'s [Alias<'t>],
}

impl Source<'_, '_> {
    /// Refuse the first name, in file order, that two entities give in `lang`.
    fn refuse_conflict(&self, lang: &str) -> Result<()> {
        let Source {
            path,
            text,
            entities,
            names,
            aliases,
        } = *self;
        check_claims(path, text, entities, names, aliases, lang)
    }
}

/// The lists of patterns of the languages of `langs` (the names each finds the entities
/// of `source` by), and per language its lists. Refuses a name that two entities give in
/// one language.
pub(super) fn pattern_lists<'t>(source: &Source<'_, 't>, langs: &[String]) -> Result<Lists<'t>> {
    let (entities, names, aliases) = (source.entities, source.names, source.aliases);
    let shared = lang_patterns(names, &[], "", entities.len());
    let shared_bytes: usize = shared.iter().map(|p| p.text.len()).sum();
    if shared_bytes <= DFA_NAME_BYTES {
        return whole_lists(source, langs);
    }
    // Each language's aliases, with the names it shares with every other, are gathered
    // and checked side by side; the lists then take the languages' order.
    let own_lists: Vec<(Vec<Pattern>, Homonyms, bool)> = langs
        .par_iter()
        .map(|lang| {
            let own = lang_patterns(&[], aliases, lang, entities.len());
            let all = merged(&shared, &own);
            let conflict = first_conflict(&all, entities).is_some();
            let homonyms = Homonyms::of(all.iter().map(|p| (p.text.as_ref(), p.entity as usize)));
            (own, homonyms, conflict)
        })
        .collect();
    let mut by_lang = FxHashMap::default();
    let mut lists: Vec<PatternList> = Vec::with_capacity(langs.len() + 1);
    for (lang, (own, homonyms, conflict)) in langs.iter().zip(own_lists) {
        if conflict {
            source.refuse_conflict(lang)?;
            debug_assert!(false, "a name is claimed twice in {lang}, and yet not");
        }
        let own = (!own.is_empty()).then(|| {
            lists.push(list(own, homonyms, true));
            lists.len()
        });
        by_lang.insert(lang.clone(), LangLists { shared: 0, own });
    }
    let homonyms = Homonyms::of(shared.iter().map(|p| (p.text.as_ref(), p.entity as usize)));
    lists.insert(0, list(shared, homonyms, true));
    Ok((lists, by_lang))
}

/// The list of `patterns` (sorted).
fn list(patterns: Vec<Pattern>, homonyms: Homonyms, sorted: bool) -> PatternList {
    let targets = patterns.iter().map(|p| p.entity as usize).collect();
    let texts = patterns.into_iter().map(|p| p.text).collect();
    PatternList {
        texts,
        targets,
        homonyms,
        sorted,
    }
}

/// The patterns of `a` and `b` (each sorted by text), sorted by text; of one text, in
/// entity order (file order), as one list of both would hold them.
fn merged<'p, 't>(a: &'p [Pattern<'t>], b: &'p [Pattern<'t>]) -> Vec<&'p Pattern<'t>> {
    let mut all: Vec<&Pattern> = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let key = |p: &'p Pattern<'t>| (p.text.as_ref(), p.entity);
        if key(&b[j]) < key(&a[i]) {
            all.push(&b[j]);
            j += 1;
        } else {
            all.push(&a[i]);
            i += 1;
        }
    }
    all.extend(&a[i..]);
    all.extend(&b[j..]);
    all
}

/// Lists of patterns and, per language, its lists.
type Lists<'t> = (Vec<PatternList<'t>>, FxHashMap<String, LangLists>);

/// One list of all its names per language, languages without aliases sharing one: for a
/// small gazetteer, whose lists are cheap and whose matchers are full DFAs.
fn whole_lists<'t>(source: &Source<'_, 't>, langs: &[String]) -> Result<Lists<'t>> {
    let mut lists: Vec<PatternList> = Vec::new();
    let mut by_lang = FxHashMap::default();
    let mut common = None;
    for lang in langs {
        let own = source.aliases.iter().any(|a| a.lang == lang.as_str());
        if let (false, Some(shared)) = (own, common) {
            by_lang.insert(lang.clone(), LangLists { shared, own: None });
            continue;
        }
        let patterns = lang_patterns(source.names, source.aliases, lang, source.entities.len());
        let all: Vec<&Pattern> = patterns.iter().collect();
        if let Some(name) = first_conflict(&all, source.entities) {
            source.refuse_conflict(lang)?;
            debug_assert!(false, "{name:?} is claimed twice, and yet not");
        }
        let homonyms = Homonyms::of(all.iter().map(|p| (p.text.as_ref(), p.entity as usize)));
        let new = list(patterns, homonyms, false);
        let same = lists
            .iter()
            .position(|l| l.targets == new.targets && l.texts == new.texts);
        let index = same.unwrap_or_else(|| {
            lists.push(new);
            lists.len() - 1
        });
        common = common.or((!own).then_some(index));
        by_lang.insert(
            lang.clone(),
            LangLists {
                shared: index,
                own: None,
            },
        );
    }
    Ok((lists, by_lang))
}

/// A pattern of a matcher: a name, its entity, and whether the file writes it so (not
/// only its other apostrophe).
#[derive(Debug)]
struct Pattern<'t> {
    text: Cow<'t, str>,
    entity: u32,
    written: bool,
}

/// The names entities are found by in `lang` (with both apostrophes), sorted by their
/// bytes (as the sorted matcher needs them; an automaton too builds several times faster
/// from them than from file order), a name the same entity gives twice once. Names of one
/// text keep the order of the file: entity by entity, its `names` then its aliases in
/// `lang`, each name then its other apostrophe. Both matchers report the first of names
/// of one text, so they find what an automaton in file order finds.
fn lang_patterns<'t>(
    names: &[Name<'t>],
    aliases: &[Alias<'t>],
    lang: &str,
    count: usize,
) -> Vec<Pattern<'t>> {
    let mut patterns = Vec::with_capacity(names.len());
    let mut own = OwnNames::new(names, aliases, Some(lang));
    for i in 0..count {
        for name in own.of(i) {
            let other = other_apostrophe(&name.written.text);
            let entity = i as u32;
            patterns.push(Pattern {
                text: name.written.text.clone(),
                entity,
                written: true,
            });
            patterns.extend(other.map(|text| Pattern {
                text: Cow::Owned(text),
                entity,
                written: false,
            }));
        }
    }
    patterns.par_sort_by(|a, b| a.text.cmp(&b.text));
    patterns.dedup_by(|b, a| a.text == b.text && a.entity == b.entity);
    patterns
}

/// A name that two entities give (sorted `patterns` of one language), if any, unless
/// every entity giving it is a place that [needs its country](Entity::needs_country).
fn first_conflict<'p>(patterns: &[&'p Pattern], entities: &[Entity]) -> Option<&'p str> {
    patterns.chunk_by(|a, b| a.text == b.text).find_map(|same| {
        let mut owners = same.iter().filter(|p| p.written).map(|p| p.entity);
        let first = owners.next()?;
        let shared = |e: u32| entities[e as usize].needs_country;
        owners
            .any(|e| e != first && !(shared(e) && shared(first)))
            .then(|| same[0].text.as_ref())
    })
}

/// Within `lang`, a name points to one entity only: the first name, in file order,
/// already claimed by another entity is refused.
fn check_claims(
    path: &Path,
    text: &str,
    entities: &[Entity],
    names: &[Name],
    aliases: &[Alias],
    lang: &str,
) -> Result<()> {
    let mut owner: FxHashMap<&str, usize> = FxHashMap::default();
    let mut own = OwnNames::new(names, aliases, Some(lang));
    for (i, entity) in entities.iter().enumerate() {
        for name in own.of(i) {
            let written = name.written.text.as_ref();
            match owner.get(written) {
                Some(&other)
                    if other != i && !(entity.needs_country && entities[other].needs_country) =>
                {
                    return Err(Error::rule_at(
                        path,
                        text,
                        Some(name.written.at),
                        format!(
                            "name {written:?} is claimed by both {:?} and {:?} for language {lang}",
                            entities[other].id, entity.id
                        ),
                        Some("a name can point to one entity only; keep it on one of them"),
                    ));
                }
                Some(_) => {}
                None => {
                    owner.insert(written, i);
                }
            }
        }
    }
    Ok(())
}

/// A name with an apostrophe, written with the other apostrophe.
fn other_apostrophe(name: &str) -> Option<String> {
    // Most names have neither: one pass over their bytes for `'` and the first byte of `’`.
    if memchr::memchr2(b'\'', 0xE2, name.as_bytes()).is_none() {
        None
    } else if name.contains('\'') {
        Some(name.replace('\'', "’"))
    } else if name.contains('’') {
        Some(name.replace('’', "'"))
    } else {
        None
    }
}
