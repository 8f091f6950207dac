//! `entities.toml`: the gazetteer of canonical entities (companies, organisations, places,
//! people), their parents and roll-ups, and per language one automaton of every name they
//! are found by.

use std::borrow::Cow;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use toml::Spanned;

use super::schema::{parse_toml, EntitiesFile, EntityDef, EntityKind};
use crate::error::{Error, Result};

/// A canonical entity from the gazetteer.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Canonical id (`microsoft`, `france`).
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// The containing place, or the parent group.
    pub parent: Option<usize>,
    /// Claims about this entity are claims about its parent.
    pub rollup: bool,
}

/// The entity gazetteer: canonical entities and a matcher per language.
#[derive(Debug)]
pub struct Gazetteer {
    /// All entities, indexed by position.
    pub entities: Vec<Entity>,
    by_id: FxHashMap<String, usize>,
    /// Per language code: the automaton and, per pattern, the entity it names.
    matchers: FxHashMap<String, (AhoCorasick, Vec<usize>)>,
}

impl Gazetteer {
    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// Index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
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

    /// The chain of places from `index` up to the outermost one (itself first).
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        self.chain(index).collect()
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

    /// The automaton for `lang` and the entity of each of its patterns.
    pub fn matcher(&self, lang: &str) -> Option<&(AhoCorasick, Vec<usize>)> {
        self.matchers.get(lang)
    }
}

/// The entities of an entities file, its `[[entity]]` tables parsed one at a time (in
/// parallel) with their positions in the whole file: one TOML document of a million
/// entities takes gigabytes. A file with anything but comments before its first table, or
/// in which a table does not parse alone, is parsed whole (and so is its error).
fn parse_entities(path: &Path, text: &str) -> Result<Vec<Spanned<EntityDef>>> {
    let mut starts: Vec<usize> = text
        .match_indices("[[entity]]\n")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || text[..i].ends_with('\n'))
        .collect();
    let prelude = &text[..starts.first().copied().unwrap_or(text.len())];
    let blank = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    if starts.is_empty() || !prelude.lines().all(blank) {
        return Ok(parse_toml::<EntitiesFile>(path, text)?.entity);
    }
    starts.push(text.len());
    let tables: std::result::Result<Vec<Vec<Spanned<EntityDef>>>, toml::de::Error> = starts
        .par_windows(2)
        .map(|w| {
            let file: EntitiesFile = toml::from_str(&text[w[0]..w[1]])?;
            Ok(file.entity.into_iter().map(|e| shift(e, w[0])).collect())
        })
        .collect();
    match tables {
        Ok(tables) => Ok(tables.into_iter().flatten().collect()),
        Err(_) => Ok(parse_toml::<EntitiesFile>(path, text)?.entity),
    }
}

/// An entity parsed from a part of its file that starts at byte `by`, with its positions
/// in the whole file.
fn shift(entity: Spanned<EntityDef>, by: usize) -> Spanned<EntityDef> {
    let moved = |s: Spanned<String>| {
        let span = s.span();
        Spanned::new(span.start + by..span.end + by, s.into_inner())
    };
    let span = entity.span();
    let mut def = entity.into_inner();
    def.names = def.names.into_iter().map(moved).collect();
    for names in def.aliases.values_mut() {
        *names = std::mem::take(names).into_iter().map(moved).collect();
    }
    def.parent = def.parent.map(moved);
    Spanned::new(span.start + by..span.end + by, def)
}

/// The gazetteer of the entities file at `path` (for messages), with a matcher for each
/// language of `langs`.
pub(super) fn compile_gazetteer(path: &Path, text: &str, langs: &[String]) -> Result<Gazetteer> {
    let entity_defs = parse_entities(path, text)?;
    let mut entities = Vec::new();
    let mut by_id = FxHashMap::default();
    let mut parents = Vec::new();
    let mut defs = Vec::new();
    for spanned in entity_defs {
        let offset = spanned.span().start;
        let def = spanned.into_inner();
        if by_id.insert(def.id.clone(), entities.len()).is_some() {
            return Err(Error::rule_at(
                path,
                text,
                Some(offset),
                format!("duplicate entity id {:?}", def.id),
                Some("merge the two entries"),
            ));
        }
        check_names(path, text, &def)?;
        entities.push(Entity {
            id: def.id.clone(),
            kind: def.kind,
            parent: None,
            rollup: def.rollup,
        });
        parents.push(def.parent.clone());
        defs.push(def);
    }
    for (i, parent) in parents.iter().enumerate() {
        if let Some(p) = parent {
            let idx = by_id.get(p.get_ref()).copied().ok_or_else(|| {
                Error::rule_at(
                    path,
                    text,
                    Some(p.span().start),
                    format!("unknown parent {:?}", p.get_ref()),
                    Some("a parent must be the id of another entity"),
                )
            })?;
            entities[i].parent = Some(idx);
        }
    }
    Ok(Gazetteer {
        entities,
        by_id,
        matchers: compile_matchers(path, text, &defs, langs)?,
    })
}

/// Per language of `langs`: the automaton of the names of `defs` and the entity of each
/// of its patterns.
fn compile_matchers(
    path: &Path,
    text: &str,
    defs: &[EntityDef],
    langs: &[String],
) -> Result<FxHashMap<String, (AhoCorasick, Vec<usize>)>> {
    let mut matchers: FxHashMap<String, (AhoCorasick, Vec<usize>)> = FxHashMap::default();
    // Languages whose names are the same (no aliases of their own) share one automaton.
    let mut built: Vec<(Vec<Cow<str>>, &str)> = Vec::new();
    for lang in langs {
        let (patterns, targets) = entity_patterns(path, text, defs, lang)?;
        let automaton = match built.iter().find(|(p, _)| *p == patterns) {
            Some((_, same)) => matchers[*same].0.clone(),
            None => {
                let automaton = entity_automaton(path, text, &patterns)?;
                built.push((patterns, lang));
                automaton
            }
        };
        matchers.insert(lang.clone(), (automaton, targets));
    }
    Ok(matchers)
}

/// Every name of an entity is words: not empty, and without white space around it (an
/// empty name would match between every two bytes of a text, inside characters too).
fn check_names(path: &Path, text: &str, def: &EntityDef) -> Result<()> {
    let names = def.names.iter().chain(def.aliases.values().flatten());
    match names
        .into_iter()
        .find(|n| n.get_ref().trim() != n.get_ref() || n.get_ref().is_empty())
    {
        Some(name) => Err(Error::rule_at(
            path,
            text,
            Some(name.span().start),
            format!(
                "entity {:?}: name {:?} is empty or has white space around it",
                def.id,
                name.get_ref()
            ),
            Some("write the name's words only, or remove it"),
        )),
        None => Ok(()),
    }
}

/// The names an entity is found by in `lang` (with both apostrophes), and the entity of
/// each. Names are borrowed from `defs`: only apostrophe variants are new strings.
fn entity_patterns<'d>(
    path: &Path,
    text: &str,
    defs: &'d [EntityDef],
    lang: &str,
) -> Result<(Vec<Cow<'d, str>>, Vec<usize>)> {
    let mut owner: FxHashMap<&str, usize> = FxHashMap::default();
    let mut patterns = Vec::new();
    let mut targets = Vec::new();
    for (i, def) in defs.iter().enumerate() {
        let names = def
            .names
            .iter()
            .chain(def.aliases.get(lang).into_iter().flatten());
        for name in names {
            match owner.get(name.get_ref().as_str()) {
                Some(&other) if other != i => {
                    return Err(Error::rule_at(
                        path,
                        text,
                        Some(name.span().start),
                        format!(
                            "name {:?} is claimed by both {:?} and {:?} for language {lang}",
                            name.get_ref(),
                            defs[other].id,
                            def.id
                        ),
                        Some("a name can point to one entity only; keep it on one of them"),
                    ))
                }
                Some(_) => continue,
                None => {}
            }
            owner.insert(name.get_ref(), i);
            patterns.push(Cow::Borrowed(name.get_ref().as_str()));
            targets.push(i);
            if let Some(other) = other_apostrophe(name.get_ref()) {
                patterns.push(Cow::Owned(other));
                targets.push(i);
            }
        }
    }
    Ok((patterns, targets))
}

/// Bytes of names up to which the gazetteer's automaton is a full DFA: the fastest to
/// search, but a few hundred bytes of memory per byte of names and slow to build. A
/// larger gazetteer (hundreds of thousands of names) gets a contiguous NFA, which takes
/// tens of bytes per byte of names and builds in a fraction of a second; the matches are
/// the same.
const DFA_NAME_BYTES: usize = 64 << 10;

/// The leftmost-longest automaton of `patterns`.
fn entity_automaton(path: &Path, text: &str, patterns: &[Cow<str>]) -> Result<AhoCorasick> {
    let bytes: usize = patterns.iter().map(|p| p.len()).sum();
    let kind = if bytes <= DFA_NAME_BYTES {
        AhoCorasickKind::DFA
    } else {
        AhoCorasickKind::ContiguousNFA
    };
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(patterns.iter().map(|p| p.as_bytes()))
        .map_err(|e| Error::rule_at(path, text, None, e, None))
}

/// A name with an apostrophe, written with the other apostrophe.
fn other_apostrophe(name: &str) -> Option<String> {
    if name.contains('\'') {
        Some(name.replace('\'', "’"))
    } else if name.contains('’') {
        Some(name.replace('’', "'"))
    } else {
        None
    }
}
