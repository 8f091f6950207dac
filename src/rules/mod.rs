//! Rule files: loading, validating and compiling the per-language rules, the predicates
//! and the entity gazetteer.
//!
//! Everything language-specific (words, number formats, patterns) lives in the TOML files
//! under `rules/`; this module only knows what a scale word, a decimal separator or a
//! qualifier *is*. The bundled files are embedded in the binary; a rules directory given
//! at run time adds files or replaces bundled ones of the same name. All regular
//! expressions and automata are compiled here, once per run.
//!
//! One file per table of the rule format: `schema` holds the files as written;
//! `language` compiles a language's file table by table (`numbers`, `money`, `figures`,
//! `dates`, `markers`, `claim_words`, `segment`), `predicates` and `gazetteer` the two
//! shared files; `patterns` turns word lists into regular expressions. This module
//! imports only the leaves (`error`, `value`): every stage reads it, it reads no stage.

mod claim_words;
mod dates;
mod examples;
mod figures;
mod frames;
mod gazetteer;
mod language;
mod markers;
mod money;
mod numbers;
mod organisations;
mod pattern_set;
mod patterns;
mod predicates;
mod schema;
mod segment;
mod skeleton;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use claim_words::ClaimWordRules;
pub use dates::DateRules;
pub use examples::{Example, ExpectedClaim, ExpectedMention};
pub use figures::{FigureRules, QualifierRules, RangeRules, UnitRules};
pub use frames::{role, slot, Frame, Frames};
pub use gazetteer::{Entity, EntityTable, Gazetteer};
pub use language::{LanguageRules, LanguageTables, LONGEST_FUNCTION_WORD};
pub use markers::{Marker, MarkerKind, Markers, SentenceScan, TimeKind};
pub use money::MoneyRules;
pub use numbers::{Fractions, NumberRules, Respelling, WordVerdicts};
pub use organisations::OrganisationRules;
pub use patterns::{normalize_phrase, word_alternation};
pub use predicates::Predicate;
pub use schema::{EntityKind, PredicateDef, ValueKind};
pub use segment::SegmentRules;
pub use skeleton::skeleton;

use crate::error::{Error, Position, Result};
use gazetteer::compile_gazetteer;
use language::compile_language;
use predicates::compile_predicates;

/// The rule files bundled with newsclaims, as (file name, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "predicates.toml",
        include_str!("../../rules/predicates.toml"),
    ),
    ("entities.toml", include_str!("../../rules/entities.toml")),
    ("places.toml", include_str!("../../rules/places.toml")),
    ("en.toml", include_str!("../../rules/en.toml")),
    ("fr.toml", include_str!("../../rules/fr.toml")),
    ("nl.toml", include_str!("../../rules/nl.toml")),
    ("de.toml", include_str!("../../rules/de.toml")),
];

/// The place of an entity in the gazetteer ([`Gazetteer::entities`]): what an entity
/// mention names, kept apart from other indices by its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityIndex(pub usize);

/// The place of a predicate in `predicates.toml` ([`RuleSet::predicates`]): what a
/// trigger word triggers, kept apart from other indices by its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PredicateIndex(pub usize);

/// Rule files by file name: the path to name in messages, and the contents.
pub type RuleFiles = BTreeMap<String, (PathBuf, String)>;

/// How a rule folder's file that adds to a rule file ends (`en.add.toml`).
const ADDITION_SUFFIX: &str = ".add.toml";

/// The file of the predicates; a rules directory holding one is a complete rule set.
const PREDICATES_FILE: &str = "predicates.toml";
/// The file of the entity gazetteer.
const ENTITIES_FILE: &str = "entities.toml";
/// The file of the places generated from maintained data (`scripts/places.py`), read
/// after the entities file as part of the gazetteer; a rule set may go without it.
const PLACES_FILE: &str = "places.toml";

/// All rules of a run: predicates, entities and every language, compiled once.
pub struct RuleSet {
    /// Predicates, in file order.
    pub predicates: Vec<Predicate>,
    /// The gazetteer.
    pub gazetteer: Gazetteer,
    /// Languages by code.
    pub languages: BTreeMap<String, LanguageRules>,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("predicates", &self.predicates.len())
            .field("entities", &self.gazetteer.entities.len())
            .field("languages", &self.languages.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The language rule files of `files` read (their tables left to compile), each with its
/// path and text, in file order; a language defined twice is refused. Files are read in
/// parallel: they do not depend on each other.
fn compile_languages<'f>(
    files: &'f RuleFiles,
    addition: impl Fn(&str) -> Option<(&'f Path, &'f str)> + Sync,
    predicates: &[Predicate],
) -> Result<Vec<(LanguageRules, &'f Path, &'f str)>> {
    let sources: Vec<(&String, &PathBuf, &String)> = files
        .iter()
        .filter(|(name, _)| ![PREDICATES_FILE, ENTITIES_FILE, PLACES_FILE].contains(&name.as_str()))
        .map(|(name, (path, text))| (name, path, text))
        .collect();
    let compiled: Vec<Result<LanguageRules>> = sources
        .par_iter()
        .map(|(name, path, text)| compile_language(path, text, addition(name), predicates))
        .collect();
    let mut out: Vec<(LanguageRules, &Path, &str)> = Vec::new();
    for ((_, path, text), lang) in sources.into_iter().zip(compiled) {
        let lang = lang?;
        if out.iter().any(|(other, _, _)| other.code == lang.code) {
            return Err(Error::rule_at(
                path,
                text,
                None,
                format!("language {} is defined twice", lang.code),
                Some("each language has one rule file"),
            ));
        }
        out.push((lang, path.as_path(), text.as_str()));
    }
    Ok(out)
}

/// When the tables of a rule set's languages are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compile {
    /// As the rules load: an error in them stops the run before it reads a document.
    Now,
    /// The first time a stage reads them: a run compiles only its documents' languages.
    WhenRead,
}

/// Compile the tables of every language of `compiled` now, in parallel; the first error in
/// file order is the one reported.
fn compile_tables(compiled: &[(LanguageRules, &Path, &str)]) -> Result<()> {
    let done: Vec<Result<()>> = compiled
        .par_iter()
        .map(|(lang, _, _)| lang.compile_now())
        .collect();
    done.into_iter().collect()
}

/// Refuse a language's `home_countries` id that names no country of the gazetteer.
fn check_home_countries(
    lang: &LanguageRules,
    gazetteer: &Gazetteer,
    path: &Path,
    text: &str,
) -> Result<()> {
    for id in &lang.home_countries {
        let is_country = gazetteer.index_of(id).is_some_and(|e| {
            gazetteer.entities[e].kind == EntityKind::Place && gazetteer.outermost(e) == e
        });
        if !is_country {
            return Err(Error::rule_at(
                path,
                text,
                text.find(&format!("\"{id}\"")),
                format!("home country {id:?} is no country of the gazetteer"),
                Some("write the id of a country as places.toml or entities.toml gives it"),
            ));
        }
    }
    Ok(())
}

impl RuleSet {
    /// The designators of every language ("AI", "Asset Management") as the ends of
    /// company ids (`ai`, `asset_management`): an unlisted `mistral` and `mistral_ai` are
    /// one company when a check holds both.
    pub fn designator_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .languages
            .values()
            .flat_map(|l| &l.designators)
            .map(|d| {
                let words = d
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty());
                words.map(str::to_lowercase).collect::<Vec<_>>().join("_")
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The bundled rules.
    pub fn bundled() -> Result<RuleSet> {
        RuleSet::load(None)
    }

    /// The rules of a run. Without `dir`, the bundled rules. A `dir` holding its own
    /// `predicates.toml` is a complete rule set and is used alone (a copy of the bundled
    /// rules to edit, or to remove a language from); otherwise its files add to the bundled
    /// ones or replace those of the same name. In either case a file `NAME.add.toml` adds
    /// to the rule file `NAME.toml` instead of replacing it: frames, trigger words and
    /// examples to a language, entities or predicates to theirs.
    pub fn load(dir: Option<&Path>) -> Result<RuleSet> {
        let own = match dir {
            Some(dir) => read_rule_dir(dir)?,
            None => Vec::new(),
        };
        let complete = own.iter().any(|(name, _, _)| name == PREDICATES_FILE);
        let mut files: RuleFiles = BTreeMap::new();
        if !complete {
            for (name, text) in BUNDLED {
                let path = PathBuf::from("rules").join(name);
                files.insert(name.to_string(), (path, text.to_string()));
            }
        }
        let mut additions: RuleFiles = BTreeMap::new();
        for (name, path, text) in own {
            match name.strip_suffix(ADDITION_SUFFIX) {
                Some(base) => additions.insert(format!("{base}.toml"), (path, text)),
                None => files.insert(name, (path, text)),
            };
        }
        // The bundled rules compile (the test suite compiles them whole): their tables are
        // left to compile when a document first needs them. A rule folder's are compiled now,
        // so that an error in them stops the run before it starts.
        let when = match dir {
            None => Compile::WhenRead,
            Some(_) => Compile::Now,
        };
        RuleSet::compiled_from(&files, &additions, when)
    }

    /// Compile rules from (file name → (path for messages, contents)).
    pub fn from_files(files: &RuleFiles) -> Result<RuleSet> {
        RuleSet::from_files_with(files, &BTreeMap::new())
    }

    /// Compile rules from `files`, each with its addition in `additions` (by the name of
    /// the file it adds to), if any.
    pub fn from_files_with(files: &RuleFiles, additions: &RuleFiles) -> Result<RuleSet> {
        RuleSet::compiled_from(files, additions, Compile::Now)
    }

    /// The rules of `files` and their `additions`, each language's tables compiled `when`
    /// said.
    fn compiled_from(files: &RuleFiles, additions: &RuleFiles, when: Compile) -> Result<RuleSet> {
        let missing = |name: &str| Error::Rule {
            path: PathBuf::from(name),
            position: None,
            message: format!("required rule file {name} is missing"),
            hint: None,
        };
        if let Some(name) = additions.keys().find(|name| !files.contains_key(*name)) {
            let (path, _) = &additions[name];
            return Err(Error::Rule {
                path: path.clone(),
                position: None,
                message: format!("it adds to {name}, and there is no {name}"),
                hint: Some(format!(
                    "name it after a rule file: {}",
                    files.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            });
        }
        let addition = |name: &str| additions.get(name).map(|(p, t)| (p.as_path(), t.as_str()));
        let (ppath, ptext) = files
            .get(PREDICATES_FILE)
            .ok_or_else(|| missing(PREDICATES_FILE))?;
        let predicates = with_appended(ppath, ptext, [addition(PREDICATES_FILE)], |path, text| {
            compile_predicates(path, text)
        })?;
        let compiled = compile_languages(files, addition, &predicates)?;
        if when == Compile::Now {
            compile_tables(&compiled)?;
        }
        let lang_sources: Vec<String> = compiled.iter().map(|(l, _, _)| l.code.clone()).collect();
        let (epath, etext) = files
            .get(ENTITIES_FILE)
            .ok_or_else(|| missing(ENTITIES_FILE))?;
        let places = files
            .get(PLACES_FILE)
            .map(|(p, t)| (p.as_path(), t.as_str()));
        let appended = [addition(ENTITIES_FILE), places, addition(PLACES_FILE)];
        let gazetteer = with_appended(epath, etext, appended, |path, text| {
            compile_gazetteer(path, text, &lang_sources)
        })?;
        let mut languages = BTreeMap::new();
        for (lang, path, text) in compiled {
            check_home_countries(&lang, &gazetteer, path, text)?;
            languages.insert(lang.code.clone(), lang);
        }
        Ok(RuleSet {
            predicates,
            gazetteer,
            languages,
        })
    }

    /// Compile now, side by side, the tables of the languages of `codes` that no stage has
    /// read yet: a run that meets several languages at once (its first documents) then
    /// waits for the slowest of them, not for all of them one after the other.
    pub fn compile_languages(&self, codes: &[&str]) {
        let pending: Vec<&LanguageRules> = self
            .languages
            .values()
            .filter(|lang| !lang.is_compiled() && codes.contains(&lang.code.as_str()))
            .collect();
        pending.par_iter().for_each(|lang| _ = lang.tables());
    }

    /// The predicate of this index.
    pub fn predicate(&self, index: PredicateIndex) -> &Predicate {
        &self.predicates[index.0]
    }

    /// The predicate index with this id.
    pub fn predicate_index(&self, id: &str) -> Option<usize> {
        self.predicates.iter().position(|p| p.def.id == id)
    }

    /// The language codes that have rules.
    pub fn language_codes(&self) -> Vec<String> {
        self.languages.keys().cloned().collect()
    }
}

/// `compile` run on a file of tables (`[[entity]]`, `[[predicate]]`) with the files of
/// `appended` that are there appended in order, and an error in one of them reported at
/// its own file and line.
fn with_appended<'a, T>(
    path: &'a Path,
    text: &'a str,
    appended: impl IntoIterator<Item = Option<(&'a Path, &'a str)>>,
    compile: impl FnOnce(&Path, &str) -> Result<T>,
) -> Result<T> {
    let mut files = vec![(path, text)];
    files.extend(appended.into_iter().flatten());
    if files.len() == 1 {
        return compile(path, text);
    }
    let joined = files.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n");
    compile(path, &joined).map_err(|e| match e {
        Error::Rule {
            position: Some(at),
            message,
            hint,
            ..
        } => {
            let (file, line) = file_line(&files, at.line);
            Error::Rule {
                path: file.to_path_buf(),
                position: Some(Position {
                    line,
                    column: at.column,
                }),
                message,
                hint,
            }
        }
        other => other,
    })
}

/// The file of `files` (joined by line breaks) that line `line` of the whole is in, and
/// its line there.
fn file_line<'a>(files: &[(&'a Path, &str)], mut line: usize) -> (&'a Path, usize) {
    for (path, text) in &files[..files.len() - 1] {
        let lines = text.matches('\n').count() + 1;
        if line <= lines {
            return (path, line);
        }
        line -= lines;
    }
    (files[files.len() - 1].0, line)
}

/// The `.toml` files of `dir`, in name order, as (file name, path, contents).
fn read_rule_dir(dir: &Path) -> Result<Vec<(String, PathBuf, String)>> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<std::io::Result<_>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push((name, path, text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_compile() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        assert!(rules.languages.contains_key("en"));
        assert!(rules.languages.contains_key("fr"));
        assert!(rules.languages.contains_key("nl"));
        let aws = rules.gazetteer.index_of("aws").unwrap();
        let amazon = rules.gazetteer.index_of("amazon").unwrap();
        assert_eq!(rules.gazetteer.claim_id(aws), amazon);
    }
}
