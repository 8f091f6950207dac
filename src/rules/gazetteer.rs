//! `entities.toml`: the gazetteer of canonical entities (companies, organisations, places,
//! people), their parents and roll-ups, and per language one matcher of every name they
//! are found by: a full Aho-Corasick DFA for a few names, the names sorted by their bytes
//! for many (`sorted`).
//!
//! Built to load a gazetteer of a million names in well under a second: the file is read
//! into flat lists that borrow its strings (`read`), ids are indexed in a table of 8-byte
//! slots, names are checked and their claims compared by sorting rather than in maps of
//! strings, and languages whose names are the same (no aliases of their own) share one
//! matcher.

mod homonyms;
mod lists;
mod read;
mod sorted;

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::iter::{from_fn, Peekable};
use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::schema::EntityKind;
use super::EntityIndex;
use crate::error::{Error, Result};
use homonyms::Homonyms;
use lists::{pattern_lists, LangLists, PatternList, Source};
use read::{read_entities, Alias, Entities, Name};
use sorted::SortedNames;

/// A canonical entity from the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical id (`microsoft`, `france`).
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// The containing place, or the parent group.
    pub parent: Option<usize>,
    /// Claims about this entity are claims about its parent.
    pub rollup: bool,
    /// A place named only where its document also names its country or another place in
    /// it: a town's name may be a word, a person or another town elsewhere.
    pub needs_country: bool,
}

/// The entity gazetteer: canonical entities and a matcher per language.
#[derive(Debug)]
pub struct Gazetteer {
    /// All entities, indexed by position.
    pub entities: Vec<Entity>,
    by_id: IdIndex,
    /// The matchers of names; languages share them.
    matchers: Vec<Matcher>,
    /// Per language code: its matchers in `matchers`.
    by_lang: FxHashMap<String, LangLists>,
    /// Per matcher: the names several places of its languages share.
    homonyms: Vec<Homonyms>,
}

/// The entities one document names: the gazetteer's, then the companies no list holds that
/// the document names ([`Gazetteer::with_open`]), indexed after the gazetteer's.
#[derive(Debug, Clone, Copy)]
pub struct EntityTable<'a> {
    gazetteer: &'a Gazetteer,
    open: &'a [Entity],
}

impl EntityTable<'_> {
    /// Whether entity `index` is one of the gazetteer's, not a company the document names
    /// that no list holds.
    pub fn is_listed(&self, index: usize) -> bool {
        index < self.gazetteer.entities.len()
    }

    /// The id under which claims about entity `index` are made (following roll-ups; a
    /// company no list holds is its own).
    pub fn claim_id(&self, index: usize) -> usize {
        if self.is_listed(index) {
            self.gazetteer.claim_id(index)
        } else {
            index
        }
    }
}

impl std::ops::Index<usize> for EntityTable<'_> {
    type Output = Entity;

    fn index(&self, index: usize) -> &Entity {
        let listed = self.gazetteer.entities.len();
        match index.checked_sub(listed) {
            Some(open) => &self.open[open],
            None => &self.gazetteer.entities[index],
        }
    }
}

impl Gazetteer {
    /// The entities of a document that names the companies `open`, which no list holds,
    /// as entities `self.entities.len()..` in that order.
    pub fn with_open<'a>(&'a self, open: &'a [Entity]) -> EntityTable<'a> {
        EntityTable {
            gazetteer: self,
            open,
        }
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.index_of(id).map(|i| &self.entities[i])
    }

    /// The entity a mention names.
    pub fn entity(&self, index: EntityIndex) -> &Entity {
        &self.entities[index.0]
    }

    /// Index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.find(&self.entities, id)
    }

    /// The id under which claims about entity `index` are made (following roll-ups).
    pub fn claim_id(&self, mut index: usize) -> usize {
        let mut steps = 0;
        while let (true, Some(p)) = (self.entities[index].rollup, self.entities[index].parent) {
            index = p;
            steps += 1;
            if steps > 16 {
                break;
            }
        }
        index
    }

    /// Whether place `inner` is `outer` or lies inside it (Magdeburg in Saxony-Anhalt in
    /// Germany).
    pub fn is_within(&self, inner: usize, outer: usize) -> bool {
        self.chain(inner).any(|place| place == outer)
    }

    /// How many places contain place `index`, itself included: the deeper, the finer.
    pub fn depth(&self, index: usize) -> usize {
        self.chain(index).count()
    }

    /// The outermost place containing entity `index` (itself when it has no parent).
    pub fn outermost(&self, index: usize) -> usize {
        self.chain(index).last().unwrap_or(index)
    }

    /// Entity `index`, then its parents outward: at most 17 entities, stopping before
    /// any entity already met (a cycle in the rules).
    fn chain(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let mut seen = [usize::MAX; 17];
        let mut len = 0;
        std::iter::successors(Some(index), |&current| self.entities[current].parent).take_while(
            move |&i| {
                let fresh = len < seen.len() && !seen[..len].contains(&i);
                if fresh {
                    seen[len] = i;
                    len += 1;
                }
                fresh
            },
        )
    }

    /// Every place a name found in `lang` may be, when several places share it (none when
    /// one entity has it): which one a text means, its other places decide.
    pub fn places_named(&self, lang: &str, name: &str) -> &[usize] {
        match self.by_lang.get(lang) {
            Some(lists) => self.homonyms[lists.own.unwrap_or(lists.shared)].get(name),
            None => &[],
        }
    }

    /// The names of entities in `text` for language `lang` (none for a language without
    /// rules) that start a word (no letter or digit right before): leftmost-longest, one
    /// after the other, as their byte ranges and entities.
    pub fn find_names<'a>(
        &'a self,
        lang: &str,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, usize)> + 'a {
        let Some(lists) = self.by_lang.get(lang) else {
            return NameMatches::None;
        };
        let own = match lists.own.map(|own| &self.matchers[own]) {
            Some(Matcher::Sorted(own)) => Some(own),
            _ => None,
        };
        match &self.matchers[lists.shared] {
            Matcher::Automaton(automaton, targets) => NameMatches::Automaton {
                automaton,
                targets,
                text,
                at: 0,
            },
            Matcher::Sorted(sorted) => NameMatches::Sorted(sorted.find_iter(own, text)),
        }
    }
}

/// How a language's names are found: by a full DFA where the names are few (the fastest
/// to search), by bisection of the sorted names where they are many.
#[derive(Debug)]
enum Matcher {
    /// The automaton and the entity of each of its patterns.
    Automaton(AhoCorasick, Vec<usize>),
    /// The sorted names.
    Sorted(SortedNames),
}

/// The names [`Gazetteer::find_names`] finds: byte ranges and entities.
enum NameMatches<'a> {
    /// A language without rules.
    None,
    /// A small gazetteer's automaton, the entity of each of its patterns, the text and
    /// where the search goes on.
    Automaton {
        automaton: &'a AhoCorasick,
        targets: &'a [usize],
        text: &'a str,
        at: usize,
    },
    /// A large gazetteer's sorted names.
    Sorted(sorted::SortedMatches<'a>),
}

impl Iterator for NameMatches<'_> {
    type Item = (Range<usize>, usize);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            NameMatches::None => None,
            NameMatches::Automaton {
                automaton,
                targets,
                text,
                at,
            } => {
                // A match where no word starts is none, and the search goes on right
                // after where it starts: names start words, as the sorted names find them.
                while let Some(m) =
                    automaton.find(aho_corasick::Input::new(*text).span(*at..text.len()))
                {
                    if sorted::starts_word(text.as_bytes(), m.start()) {
                        *at = m.end();
                        return Some((m.range(), targets[m.pattern().as_usize()]));
                    }
                    *at = m.start() + 1;
                }
                *at = text.len();
                None
            }
            NameMatches::Sorted(found) => found.next(),
        }
    }
}

/// Entity ids to positions: an open-addressing table (linear probing) of entity positions
/// by the id's hash, between a quarter and a half full. Eight bytes a slot, where a map of
/// cloned `String`s took about a hundred bytes an entity.
struct IdIndex {
    /// Entity positions ([`IdIndex::EMPTY`] where none), each with 32 bits of its id's
    /// hash, so that an id is compared only with those of the same bits.
    slots: Vec<(u32, u32)>,
    /// 64 less the number of bits of a slot's position.
    shift: u32,
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdIndex")
            .field("slots", &self.slots.len())
            .finish()
    }
}

impl IdIndex {
    /// A slot without an entity.
    const EMPTY: u32 = u32::MAX;

    /// An empty index for `count` entities.
    fn with_capacity(count: usize) -> IdIndex {
        let slots = (2 * count).max(8).next_power_of_two();
        IdIndex {
            slots: vec![(IdIndex::EMPTY, 0); slots],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot holding the entity of `entities` with this id, or the empty one where it
    /// would go; and the id's 32 bits of hash.
    fn slot(&self, entities: &[Entity], id: &str) -> (usize, u32) {
        let hash = FxBuildHasher
            .hash_one(id)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let (mask, tag) = (self.slots.len() - 1, hash as u32);
        let mut slot = (hash >> self.shift) as usize;
        loop {
            match self.slots[slot] {
                (IdIndex::EMPTY, _) => return (slot, tag),
                (i, t) if t == tag && entities[i as usize].id == id => return (slot, tag),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// The position of the entity of `entities` with this id.
    fn find(&self, entities: &[Entity], id: &str) -> Option<usize> {
        match self.slots[self.slot(entities, id).0] {
            (IdIndex::EMPTY, _) => None,
            (i, _) => Some(i as usize),
        }
    }

    /// Index entity `index` of `entities` (fewer than `u32::MAX`); the entity already
    /// indexed with its id, if any, stays.
    fn insert(&mut self, entities: &[Entity], index: usize) -> Option<usize> {
        let (slot, tag) = self.slot(entities, &entities[index].id);
        match self.slots[slot] {
            (IdIndex::EMPTY, _) => {
                self.slots[slot] = (index as u32, tag);
                None
            }
            (i, _) => Some(i as usize),
        }
    }
}

/// The gazetteer of the entities file at `path` (for messages), with a matcher for each
/// language of `langs`.
pub(super) fn compile_gazetteer(path: &Path, text: &str, langs: &[String]) -> Result<Gazetteer> {
    let Entities {
        mut entities,
        at,
        names,
        aliases,
        parents: parent_ids,
    } = read_entities(path, text)?;
    if entities.len() >= IdIndex::EMPTY as usize {
        let message = format!(
            "{} entities: at most {} are read",
            entities.len(),
            u32::MAX - 1
        );
        return Err(Error::rule_at(path, text, None, message, None));
    }
    // The ids are checked and indexed while the names of each language are gathered.
    let (indexed, lists) = rayon::join(
        || index_entities(path, text, &entities, &at, &names, &aliases, &parent_ids),
        || {
            let source = Source {
                path,
                text,
                entities: &entities,
                names: &names,
                aliases: &aliases,
            };
            pattern_lists(&source, langs)
        },
    );
    let (by_id, parents) = indexed?;
    let (mut lists, by_lang) = lists?;
    drop((at, names, aliases, parent_ids));
    for (child, parent) in parents {
        entities[child].parent = Some(parent);
    }
    let homonyms = lists
        .iter_mut()
        .map(|l| std::mem::take(&mut l.homonyms))
        .collect();
    let matchers = compile_matchers(path, text, lists)?;
    Ok(Gazetteer {
        entities,
        by_id,
        matchers,
        by_lang,
        homonyms,
    })
}

/// The index of the ids of `entities` (tables at `at`), checking entity by entity that
/// its id is new and its names are words; then each entity with a parent and its parent.
fn index_entities(
    path: &Path,
    text: &str,
    entities: &[Entity],
    at: &[usize],
    names: &[Name],
    aliases: &[Alias],
    parents: &[Name],
) -> Result<(IdIndex, Vec<(usize, usize)>)> {
    let mut by_id = IdIndex::with_capacity(entities.len());
    let mut own = OwnNames::new(names, aliases, None);
    for (i, entity) in entities.iter().enumerate() {
        if by_id.insert(entities, i).is_some() {
            return Err(Error::rule_at(
                path,
                text,
                Some(at[i]),
                format!("duplicate entity id {:?}", entity.id),
                Some("merge the two entries"),
            ));
        }
        check_names(path, text, entity, own.of(i))?;
    }
    let parents = parents.iter().map(|parent| {
        let id = parent.written.text.as_ref();
        match by_id.find(entities, id) {
            Some(index) => Ok((parent.entity, index)),
            None => Err(Error::rule_at(
                path,
                text,
                Some(parent.written.at),
                format!("unknown parent {id:?}"),
                Some("a parent must be the id of another entity"),
            )),
        }
    });
    let parents = parents.collect::<Result<_>>()?;
    Ok((by_id, parents))
}

/// Every name of an entity is words: not empty, and without white space around it (an
/// empty name would match between every two bytes of a text, inside characters too).
fn check_names<'n, 't: 'n>(
    path: &Path,
    text: &str,
    entity: &Entity,
    mut names: impl Iterator<Item = &'n Name<'t>>,
) -> Result<()> {
    let bad = |n: &&Name| {
        let name = n.written.text.as_ref();
        name.trim() != name || name.is_empty()
    };
    match names.find(bad) {
        Some(name) => Err(Error::rule_at(
            path,
            text,
            Some(name.written.at),
            format!(
                "entity {:?}: name {:?} is empty or has white space around it",
                entity.id, name.written.text
            ),
            Some("write the name's words only, or remove it"),
        )),
        None => Ok(()),
    }
}

/// The matcher of each list of patterns: a full DFA for a few names (lists of the same
/// names share one), the sorted names for many.
fn compile_matchers(path: &Path, text: &str, lists: Vec<PatternList>) -> Result<Vec<Matcher>> {
    let mut matchers: Vec<Matcher> = Vec::with_capacity(lists.len());
    for (i, list) in lists.iter().enumerate() {
        let bytes: usize = list.texts.iter().map(|p| p.len()).sum();
        let matcher = if list.sorted || bytes > DFA_NAME_BYTES {
            if bytes >= u32::MAX as usize || list.texts.len() >= u32::MAX as usize {
                let message = format!("{bytes} bytes of names: at most 4 GiB are matched");
                return Err(Error::rule_at(path, text, None, message, None));
            }
            Matcher::Sorted(SortedNames::new(&list.texts, &list.targets))
        } else {
            let same = lists[..i].iter().position(|l| l.texts == list.texts);
            let automaton = match same.map(|j| &matchers[j]) {
                Some(Matcher::Automaton(automaton, _)) => automaton.clone(),
                _ => entity_automaton(path, text, &list.texts)?,
            };
            Matcher::Automaton(automaton, list.targets.clone())
        };
        matchers.push(matcher);
    }
    Ok(matchers)
}

/// The names of the entities, walked in file order: an entity's names, then its aliases of
/// one language (of every language when none is given). Both lists are in file order.
struct OwnNames<'n, 't> {
    names: Peekable<std::slice::Iter<'n, Name<'t>>>,
    aliases: Peekable<Box<dyn Iterator<Item = &'n Name<'t>> + 'n>>,
}

impl<'n, 't> OwnNames<'n, 't> {
    fn new(names: &'n [Name<'t>], aliases: &'n [Alias<'t>], lang: Option<&'n str>) -> Self {
        let aliases: Box<dyn Iterator<Item = &'n Name<'t>> + 'n> = Box::new(
            aliases
                .iter()
                .filter(move |a| lang.is_none_or(|l| a.lang == l))
                .map(|a| &a.name),
        );
        OwnNames {
            names: names.iter().peekable(),
            aliases: aliases.peekable(),
        }
    }

    /// The names of entity `i`; entities are asked for in file order.
    fn of(&mut self, i: usize) -> impl Iterator<Item = &'n Name<'t>> + '_ {
        let (names, aliases) = (&mut self.names, &mut self.aliases);
        from_fn(move || names.next_if(|n| n.entity == i))
            .chain(from_fn(move || aliases.next_if(|n| n.entity == i)))
    }
}

/// Bytes of names up to which the gazetteer's names are found by a full DFA: the fastest
/// to search, but a few hundred bytes of memory per byte of names and slow to build. A
/// larger gazetteer is searched by bisection of its sorted names (`sorted`), which take a
/// few bytes per byte of names and build in a few tens of milliseconds; the matches are
/// the same.
const DFA_NAME_BYTES: usize = 64 << 10;

/// The leftmost-longest DFA of `patterns`.
fn entity_automaton(path: &Path, text: &str, patterns: &[Cow<str>]) -> Result<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns.iter().map(|p| p.as_bytes()))
        .map_err(|e| Error::rule_at(path, text, None, e, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gazetteer of `text` for the bundled languages.
    fn compile(text: &str) -> Result<Gazetteer> {
        let langs: Vec<String> = ["de", "en", "fr", "nl"].map(String::from).to_vec();
        compile_gazetteer(Path::new("e.toml"), text, &langs)
    }

    /// A table of a company.
    fn table(id: &str, names: &str, more: &str) -> String {
        format!("[[entity]]\nid = \"{id}\"\nkind = \"company\"\nnames = {names}\n{more}\n")
    }

    #[test]
    fn the_first_fault_in_file_order_is_refused_at_its_place_whoever_reads_the_table() {
        let a = table("a", "[\"A\"]", "");
        let cases = [
            (
                a.clone() + &table("b", "[\"B\"]", "") + &table("a", "[\"C\"]", ""),
                "e.toml:11:1: duplicate entity id \"a\"",
            ),
            (
                table("a", "[\"\"]", "") + &a,
                "e.toml:4:10: entity \"a\": name \"\" is empty",
            ),
            (
                table("b", "[\"B\"]", "aliases = { nl = [\" n\"], de = [\" y\"] }"),
                "e.toml:5:32: entity \"b\": name \" y\" is empty",
            ),
            (
                a.clone() + &table("b", "[\"B\"]", "parent = \"zz\"\n"),
                "e.toml:10:10: unknown parent \"zz\"",
            ),
            (
                table("a", "[\"X\"]", "") + &table("b", "[\"Y\"]", "aliases = { nl = [\"X\"] }"),
                "e.toml:10:19: name \"X\" is claimed by both \"a\" and \"b\" for language nl",
            ),
            (
                table("a", "[\"X\"]", "") + &table("b", "[\"X\"]", "aliases = { de = [\"X\"] }"),
                "e.toml:9:10: name \"X\" is claimed by both \"a\" and \"b\" for language de",
            ),
        ];
        for (text, error) in cases {
            // With literal strings, toml reads every table: the same fault, the same place.
            for text in [text.clone(), text.replace('"', "'")] {
                let refused = compile(&text).expect_err(&text).to_string();
                assert!(refused.starts_with(error), "{refused}\n{text}");
            }
        }
    }

    #[test]
    fn a_large_gazetteer_refuses_a_name_two_entities_give_in_one_language() {
        let filler: String = (0..8000)
            .map(|i| table(&format!("f{i}"), &format!("[\"Filler{i}\"]"), ""))
            .collect();
        let cases = [
            ("[\"Z\"]", "aliases = { nl = [\"X\"] }", "nl"),
            ("[\"Y\"]", "aliases = { de = [\"Filler7\"] }", "de"),
        ];
        for (names, aliases, lang) in cases {
            let text = filler.clone() + &table("a", "[\"X\"]", "") + &table("b", names, aliases);
            let refused = compile(&text).expect_err(aliases).to_string();
            assert!(refused.contains("is claimed by both"), "{refused}");
            assert!(
                refused.contains(&format!("for language {lang}")),
                "{refused}"
            );
        }
    }

    /// The names found in `text` in `lang`, as entity ids.
    fn found<'g>(gazetteer: &'g Gazetteer, lang: &str, text: &str) -> Vec<(&'g str, String)> {
        let found = gazetteer.find_names(lang, text);
        let id = |entity: usize| gazetteer.entities[entity].id.as_str();
        found.map(|(at, e)| (id(e), text[at].to_string())).collect()
    }

    #[test]
    fn a_few_names_and_many_find_the_same_and_ids_lead_to_their_entities() {
        let few = table("paris", "[\"Paris\", \"Paris-Saclay\"]", "")
            + &table("oreal", "[\"L'Oréal\"]", "aliases = { fr = [\"l’Oréal\"] }")
            + &table(
                "saclay",
                "[\"Saclay\"]",
                "parent = \"paris\"\nrollup = true",
            );
        let filler: String = (0..8000)
            .map(|i| table(&format!("f{i}"), &format!("[\"Filler{i}\"]"), ""))
            .collect();
        let text = "L’Oréal, l’Oréal and l'Oréal in Paris-Saclayx, ParisSaclay and Saclay.";
        let (few, many) = (compile(&few).unwrap(), compile(&(few + &filler)).unwrap());
        assert!(matches!(few.matchers[0], Matcher::Automaton(..)));
        assert!(matches!(many.matchers[0], Matcher::Sorted(..)));
        for lang in ["en", "fr"] {
            assert_eq!(found(&few, lang, text), found(&many, lang, text), "{lang}");
        }
        let fr = found(&many, "fr", text);
        let words: Vec<&str> = fr.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            words,
            [
                "L’Oréal",
                "l’Oréal",
                "l'Oréal",
                "Paris-Saclay",
                "Paris",
                "Saclay"
            ],
            "the \"Saclay\" glued to \"Paris\" starts no word: no name"
        );
        // A name's end bound is the caller's: "Paris-Saclayx" holds one here, and
        // "ParisSaclay" one, "Paris", where a word starts.
        assert_eq!(found(&many, "en", text).len(), 4);
        assert!(found(&many, "es", text).is_empty());
        let saclay = many.index_of("saclay").unwrap();
        assert_eq!(many.claim_id(saclay), many.index_of("paris").unwrap());
        assert_eq!(many.get("f7999").map(|e| e.kind), Some(EntityKind::Company));
        assert_eq!(many.get("f8000"), None);
    }
}
