//! A language's rule file (`en.toml`) compiled into [`LanguageRules`]: the
//! `[language]` header here, every other table by the module named after it into the part
//! of the rules the stage reading that table takes (`&MoneyRules`, not the whole
//! language).

use std::collections::BTreeMap;
use std::path::Path;

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

/// The compiled rules of one language: its `[language]` header, then one part per table
/// of the rule file, so that each stage takes only the part it reads.
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

impl std::fmt::Debug for LanguageRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageRules")
            .field("code", &self.code)
            .field("detector", &self.detector)
            .finish_non_exhaustive()
    }
}

/// The rules of the language file at `path` (for messages), with a rule folder's
/// `addition` to it (path and text), whose trigger words and units refer to `predicates`.
/// Tables are compiled in file order, so the first error reported is the first in the file.
pub(super) fn compile_language(
    path: &Path,
    text: &str,
    addition: Option<(&Path, &str)>,
    predicates: &[Predicate],
) -> Result<LanguageRules> {
    let mut file: LanguageFile = parse_toml(path, text)?;
    let combined;
    let c = match addition {
        None => LangCompiler::new(path, text),
        Some((add_path, add_text)) => {
            // Read alone first, so that its errors point into it; then as if it followed
            // the file, so that its offsets are offsets of the two together.
            parse_toml::<LanguageAddition>(add_path, add_text)?;
            let start = text.len() + 1;
            let shifted = format!("{}{add_text}", "\n".repeat(start));
            file.add(parse_toml(add_path, &shifted)?);
            combined = format!("{text}\n{add_text}");
            LangCompiler {
                path,
                text: &combined,
                addition: Some((add_path, start)),
            }
        }
    };
    let header = &file.language;
    let detector = compile_detector(&c, header)?;
    check_function_words(&c, &header.function_words)?;
    let number_words = compile_number_words(&c, header)?;
    let numbers = compile_numbers(&c, &file.numbers, number_words)?;
    let money = compile_money(&c, &file.money, &file.currency)?;
    let figures = FigureRules {
        qualifiers: compile_qualifiers(&c, &file.qualifiers)?,
        ranges: compile_ranges(&c, &file.ranges)?,
        units: compile_units(&c, &file.units, predicates)?,
    };
    let dates = compile_dates(&c, &file.dates)?;
    let scanned = (dates.pattern.as_str(), numbers.named_pattern.as_deref());
    let markers = compile_markers(&c, &file, predicates, scanned)?;
    let tables = (&file.scopes, &file.nationalities);
    let words = (&file.references, file.time.history.as_slice());
    let claim_words = compile_claim_words(&c, &file.not_claims, tables, words)?;
    let frames = compile_frames(&c, &header.code, &file.frames, predicates, &file.predicates)?;
    let own_predicates = with_settings(&c, &file.predicate_settings, predicates)?;
    let segment = compile_segment(&c, &file.segment)?;
    let organisations =
        compile_organisations(&c, &file.organisations, &file.references.conjunctions)?;
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
