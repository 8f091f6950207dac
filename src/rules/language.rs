//! A language's rule file (`en.toml`) compiled into [`LanguageRules`]: the
//! `[language]` header here, every other table by the module named after it into the part
//! of the rules the stage reading that table takes (`&MoneyRules`, not the whole
//! language).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use toml::Spanned;

use super::claim_words::{compile_claim_words, ClaimWordRules};
use super::dates::{compile_dates, DateRules};
use super::examples::Example;
use super::figures::{compile_qualifiers, compile_ranges, compile_units, FigureRules};
use super::frames::{compile_frames, Frames};
use super::markers::{compile_markers, Markers};
use super::money::{compile_money, MoneyRules};
use super::numbers::{compile_numbers, NumberRules};
use super::organisations::{compile_organisations, OrganisationRules};
use super::patterns::LangCompiler;
use super::predicates::Predicate;
use super::schema::{
    parse_toml, LanguageAddition, LanguageFile, LanguageHeader, PredicateSettings,
};
use super::segment::{compile_segment, SegmentRules};
use crate::error::Result;

/// Bytes in the longest function word a rule file may give.
pub const LONGEST_FUNCTION_WORD: usize = 16;

/// The rules of one language: its `[language]` header, read when the rules load (the
/// detector needs it to tell languages apart), and its tables ([`LanguageTables`]),
/// compiled the first time a stage reads them, so that a run compiles only the languages
/// its documents are written in. A language's rules deref to its tables.
pub struct LanguageRules {
    /// Language code (`en`), as in claims.
    pub code: String,
    /// Human name of the language.
    pub name: String,
    /// The language as the detector names it.
    pub detector: whatlang::Lang,
    /// Frequent short words of the language that other languages with rules do not use:
    /// its profile for fast language detection.
    pub function_words: Vec<String>,
    /// Place ids of the countries its news is mostly about (`[language] home_countries`):
    /// a town that needs its country is placed in one of them where the text names none.
    pub home_countries: Vec<String>,
    /// The words after a company's short name that name the same company
    /// (`[organisations] designators` and `investor_designators`: "AI", "Asset
    /// Management"), read with the header: a cross-check of claims needs them, not the
    /// tables.
    pub designators: Vec<String>,
    /// The tables, once compiled.
    tables: OnceLock<LanguageTables>,
    /// What compiling the tables takes.
    source: LanguageSource,
}

/// The compiled tables of a language's rule file, one part per table, so that each stage
/// takes only the part it reads.
pub struct LanguageTables {
    /// How the language writes figures, in digits and words (`[numbers]`).
    pub numbers: NumberRules,
    /// Currencies and the words around money figures (`[money]`, `[[currency]]`).
    pub money: MoneyRules,
    /// Qualifiers, ranges and unit nouns around a figure (`[qualifiers]`, `[ranges]`,
    /// `[units]`).
    pub figures: FigureRules,
    /// Weekday and calendar dates (`[dates]`).
    pub dates: DateRules,
    /// Time scopes, trigger words, anaphors and earlier-commitment markers.
    pub markers: Markers,
    /// The words that shape a claim around its figure (`[not_claims]`, `[scopes]`,
    /// `[references]`).
    pub claim_words: ClaimWordRules,
    /// The predicates as this language reads them: those of `predicates.toml`, in its
    /// order, with this file's `[predicate_settings]` in place of their own.
    pub predicates: Vec<Predicate>,
    /// How the language expresses predicates and binds their roles (`[[frames]]`), in
    /// file order.
    pub frames: Frames,
    /// How the language names a company no list holds (`[organisations]`).
    pub organisations: OrganisationRules,
    /// What the sentence splitter must know (`[segment]`).
    pub segment: SegmentRules,
    /// The file's examples, each with where it stands (`rules/en.toml:412`).
    pub examples: Vec<(String, Example)>,
}

/// A language's rule file, a rule folder's addition to it, and the predicates its trigger
/// words and units refer to: what its tables are compiled from.
struct LanguageSource {
    path: PathBuf,
    /// The file's text; with an addition, the file, a line break and the addition.
    text: String,
    /// A rule folder's addition to the file: its path and where it starts in `text`.
    addition: Option<(PathBuf, usize)>,
    /// The file (with its addition) as read.
    file: LanguageFile,
    predicates: Vec<Predicate>,
}

impl std::fmt::Debug for LanguageRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageRules")
            .field("code", &self.code)
            .field("detector", &self.detector)
            .field("compiled", &self.tables.get().is_some())
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for LanguageRules {
    type Target = LanguageTables;

    /// The tables, compiled now if no stage has read them yet. Rules compiled lazily are
    /// the bundled ones, which the test suite compiles whole: they compile.
    fn deref(&self) -> &LanguageTables {
        self.tables.get_or_init(|| {
            self.source
                .compile()
                .unwrap_or_else(|e| panic!("the bundled rules of {} compile: {e}", self.code))
        })
    }
}

impl LanguageRules {
    /// Whether the tables are compiled: a stage has read them, or the rules came from a
    /// rule folder.
    pub fn is_compiled(&self) -> bool {
        self.tables.get().is_some()
    }

    /// The tables, compiled now if no stage has read them yet (what dereferencing the
    /// rules gives).
    pub(super) fn tables(&self) -> &LanguageTables {
        self
    }

    /// Compile the tables now, if they are not yet: the rules a rule folder gives are
    /// compiled as they load, so that their first error stops the run before it reads a
    /// document.
    pub(super) fn compile_now(&self) -> Result<()> {
        if self.tables.get().is_none() {
            let tables = self.source.compile()?;
            // Another thread may have compiled them meanwhile: the same tables.
            _ = self.tables.set(tables);
        }
        Ok(())
    }
}

impl LanguageSource {
    /// The file at `path` with a rule folder's `addition` to it (path and text), read as
    /// one: the addition is read alone first, so that its errors point into it, then as
    /// if it followed the file, so that its offsets are offsets of the two together.
    fn read(
        path: &Path,
        text: &str,
        addition: Option<(&Path, &str)>,
        predicates: &[Predicate],
    ) -> Result<LanguageSource> {
        let mut file: LanguageFile = parse_toml(path, text)?;
        let (mut combined, mut at) = (text.to_string(), None);
        if let Some((add_path, add_text)) = addition {
            parse_toml::<LanguageAddition>(add_path, add_text)?;
            let start = text.len() + 1;
            let shifted = format!("{}{add_text}", "\n".repeat(start));
            file.add(parse_toml(add_path, &shifted)?);
            combined = format!("{text}\n{add_text}");
            at = Some((add_path.to_path_buf(), start));
        }
        Ok(LanguageSource {
            path: path.to_path_buf(),
            text: combined,
            addition: at,
            file,
            predicates: predicates.to_vec(),
        })
    }

    /// The compiler that places errors in the file or its addition.
    fn compiler(&self) -> LangCompiler<'_> {
        LangCompiler {
            path: &self.path,
            text: &self.text,
            addition: self
                .addition
                .as_ref()
                .map(|(p, start)| (p.as_path(), *start)),
        }
    }

    /// The tables, compiled in file order, so that the first error reported is the first
    /// in the file.
    fn compile(&self) -> Result<LanguageTables> {
        let (file, c) = (&self.file, self.compiler());
        let predicates = &self.predicates;
        let number_words = compile_number_words(&c, &file.language)?;
        let numbers = compile_numbers(&c, &file.numbers, number_words)?;
        let money = compile_money(&c, &file.money, &file.currency)?;
        let figures = FigureRules {
            qualifiers: compile_qualifiers(&c, &file.qualifiers)?,
            ranges: compile_ranges(&c, &file.ranges)?,
            units: compile_units(&c, &file.units, predicates)?,
        };
        let dates = compile_dates(&c, &file.dates)?;
        let scanned = (dates.pattern.as_str(), numbers.named_pattern.as_deref());
        let markers = compile_markers(&c, file, predicates, scanned)?;
        let tables = (&file.scopes, &file.nationalities);
        let words = (&file.references, file.time.history.as_slice());
        let claim_words = compile_claim_words(&c, &file.not_claims, tables, words)?;
        let code = &file.language.code;
        let frames = compile_frames(&c, code, &file.frames, predicates, &file.predicates)?;
        let own_predicates = with_settings(&c, &file.predicate_settings, predicates)?;
        let segment = compile_segment(&c, &file.segment)?;
        let organisations =
            compile_organisations(&c, &file.organisations, &file.references.conjunctions)?;
        Ok(LanguageTables {
            numbers,
            money,
            figures,
            dates,
            markers,
            claim_words,
            predicates: own_predicates,
            frames,
            organisations,
            segment,
            examples: located_examples(&c, &file.examples),
        })
    }
}

/// The rules of the language file at `path` (for messages), with a rule folder's
/// `addition` to it (path and text), whose trigger words and units refer to `predicates`:
/// its header read and checked, its tables left to compile when first read
/// ([`LanguageRules::compile_now`] compiles them at once).
pub(super) fn compile_language(
    path: &Path,
    text: &str,
    addition: Option<(&Path, &str)>,
    predicates: &[Predicate],
) -> Result<LanguageRules> {
    let source = LanguageSource::read(path, text, addition, predicates)?;
    let (c, header) = (source.compiler(), &source.file.language);
    let detector = compile_detector(&c, header)?;
    check_function_words(&c, &header.function_words)?;
    compile_number_words(&c, header)?;
    let names = &source.file.organisations;
    let designators = names.designators.iter().chain(&names.investor_designators);
    Ok(LanguageRules {
        code: header.code.clone(),
        name: header.name.clone(),
        detector,
        function_words: header
            .function_words
            .iter()
            .map(|w| w.get_ref().clone())
            .collect(),
        home_countries: header.home_countries.clone(),
        designators: designators.cloned().collect(),
        tables: OnceLock::new(),
        source,
    })
}

/// The header's detector language: one whatlang knows.
fn compile_detector(c: &LangCompiler, header: &LanguageHeader) -> Result<whatlang::Lang> {
    whatlang::Lang::from_code(header.detector.get_ref()).ok_or_else(|| {
        c.error(
            Some(header.detector.span().start),
            format!("unknown detector language {:?}", header.detector.get_ref()),
            "use whatlang's ISO 639-3 code, e.g. \"eng\", \"fra\", \"nld\", \"deu\"",
        )
    })
}

/// The header's text2num language, if spelled-out numbers are read: one text2num knows.
fn compile_number_words(
    c: &LangCompiler,
    header: &LanguageHeader,
) -> Result<Option<text2num::Language>> {
    let Some(code) = &header.number_words else {
        return Ok(None);
    };
    let interpreter = text2num::get_interpreter_for(code.get_ref()).ok_or_else(|| {
        c.error(
            Some(code.span().start),
            format!("text2num has no language {:?}", code.get_ref()),
            "text2num knows da, de, en, es, fr, it, nl, pt; leave number_words out otherwise",
        )
    })?;
    Ok(Some(interpreter))
}

/// Every function word is one word of letters or digits, at most
/// [`LONGEST_FUNCTION_WORD`] bytes long: language detection counts them word by word.
fn check_function_words(c: &LangCompiler, words: &[Spanned<String>]) -> Result<()> {
    let not_one_short_word = |w: &&Spanned<String>| {
        let w = w.get_ref();
        w.is_empty() || w.len() > LONGEST_FUNCTION_WORD || !w.chars().all(char::is_alphanumeric)
    };
    match words.iter().find(not_one_short_word) {
        Some(word) => Err(c.error(
            Some(word.span().start),
            format!("function word {:?} is not one short word", word.get_ref()),
            "function words are counted word by word: give one word each, of letters only, at most 16 bytes long",
        )),
        None => Ok(()),
    }
}

/// `predicates` with the language's `[predicate_settings]` applied; a setting for a
/// predicate `predicates.toml` does not declare is refused.
fn with_settings(
    c: &LangCompiler,
    settings: &BTreeMap<String, Spanned<PredicateSettings>>,
    predicates: &[Predicate],
) -> Result<Vec<Predicate>> {
    let mut out = predicates.to_vec();
    for (id, setting) in settings {
        let Some(predicate) = out.iter_mut().find(|p| &p.def.id == id) else {
            return Err(c.error(
                Some(setting.span().start),
                format!(
                    "[predicate_settings] names {id:?}, which predicates.toml does not declare"
                ),
                "use a predicate id of predicates.toml",
            ));
        };
        setting.get_ref().apply(&mut predicate.def);
    }
    Ok(out)
}

/// The file's examples, each with where it stands (`rules/en.toml:412`).
fn located_examples(c: &LangCompiler, examples: &[Spanned<Example>]) -> Vec<(String, Example)> {
    examples
        .iter()
        .map(|e| (c.place(e.span().start), e.get_ref().clone()))
        .collect()
}
