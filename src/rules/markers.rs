//! The sentence markers: time scopes (`[time]`), predicate trigger words
//! (`[predicates]`), anaphors (`[references]`) and earlier-commitment markers, compiled one
//! regex each and all together as one lazy DFA that tells in one pass over a sentence which
//! of them match there and where ([`SentenceScan::markers`]), after a first pass of the
//! date and named-number patterns over every sentence ([`Markers::scan`]).

use std::sync::OnceLock;

use regex_automata::meta;

use super::pattern_set::{PatternSet, SetError};
use super::patterns::{
    bounded, has_group, sentence_regex, typographic, word_alternation, LangCompiler,
};
use super::predicates::Predicate;
use super::schema::{LanguageFile, TimeDef};
use super::PredicateIndex;
use crate::error::Result;

/// A time-scope pattern's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// "by 2027": a deadline.
    By,
    /// "since 2010": a cumulative figure.
    Since,
    /// "in 2024", "for 2024": a year.
    Year,
}

/// What a sentence marker pattern finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// A time scope of this kind; the pattern has a `year` group.
    Time(TimeKind),
    /// A word that triggers this predicate.
    Trigger(PredicateIndex),
    /// A word that refers back to a company.
    Anaphor,
    /// A marker of an earlier commitment; `before` when it stands before its figure.
    Prior {
        /// Whether the marker precedes the figure it marks.
        before: bool,
    },
}

/// One sentence marker pattern.
#[derive(Debug, Clone)]
pub struct Marker {
    /// What it finds.
    pub kind: MarkerKind,
    /// The pattern as written.
    pub pattern: String,
    /// Id of the rule, for mentions (`en.time.by`, `fr.predicate`).
    pub rule: String,
    /// `pattern` compiled the first time the markers' pass finds it in a sentence: a run
    /// of a few articles meets few of a language's markers, and compiling them all would
    /// be a large part of its start.
    regex: OnceLock<meta::Regex>,
}

impl Marker {
    /// A sentence marker of `kind` from `pattern`; its mentions carry the rule id `rule`.
    fn new(kind: MarkerKind, pattern: String, rule: String) -> Marker {
        Marker {
            kind,
            pattern,
            rule,
            regex: OnceLock::new(),
        }
    }

    /// The pattern, compiled for searching whole sentences (without a literal prefilter).
    pub fn regex(&self) -> &meta::Regex {
        self.regex.get_or_init(|| {
            // Every marker compiled as part of the markers' pass when the rules loaded:
            // alone, it is smaller than that.
            sentence_regex(&self.pattern).expect("a marker pattern compiled in its set compiles")
        })
    }
}

/// The sentence markers: patterns searched in each sentence that holds a figure or a day
/// (time scopes, predicate triggers, anaphors and earlier-commitment markers, in that
/// order).
///
/// Each sentence is read in two passes of a lazy DFA that reports where each of its
/// patterns has a match end. The first, over every sentence, holds the date pattern and the
/// named numbers': where their last match ends. Only a sentence that holds a figure or a
/// day goes on to the second, of all the markers together: it tells which match there at
/// all and where their last match ends ([`SentenceScan::markers`]), so only those are
/// searched, and only up to there. A dozen passes over every sentence become one, a second
/// over the few with a figure, and a few shorter ones, for the same matches.
#[derive(Debug)]
pub struct Markers {
    /// Every marker, in order.
    pub patterns: Vec<Marker>,
    /// Whether the named numbers' pattern is in the first pass (after the date pattern).
    named_numbers: bool,
    values: PatternSet,
    markers: PatternSet,
}

/// The first pass over one sentence: where the date and named-number patterns last match
/// (searching a pattern in `sentence[..end]`, look-around still seeing the byte after, finds
/// all its matches in the sentence); the markers on demand.
pub struct SentenceScan<'m, 's> {
    markers: &'m Markers,
    sentence: &'s str,
    /// The end of the date pattern's and the named numbers' last match.
    ends: Vec<Option<usize>>,
}

impl SentenceScan<'_, '_> {
    /// Where the last date match ends, if any.
    pub fn date_end(&self) -> Option<usize> {
        self.ends[0]
    }

    /// Where the last named-number match ends, if any.
    pub fn named_numbers_end(&self) -> Option<usize> {
        self.markers.named_numbers.then(|| self.ends[1]).flatten()
    }

    /// The second pass: the markers that match in the sentence, in order, with where their
    /// last match ends.
    pub fn markers(&self) -> Vec<(&Marker, usize)> {
        let ends = self.markers.markers.last_ends(self.sentence);
        self.markers
            .patterns
            .iter()
            .zip(ends)
            .filter_map(|(marker, end)| Some((marker, end?)))
            .collect()
    }
}

impl Markers {
    /// The markers, with the first pass's date pattern and named numbers' pattern, if any.
    fn new(
        patterns: Vec<Marker>,
        date: &str,
        named_numbers: Option<&str>,
    ) -> std::result::Result<Markers, SetError> {
        let mut values: Vec<&str> = vec![date];
        values.extend(named_numbers);
        let each: Vec<&str> = patterns.iter().map(|m| m.pattern.as_str()).collect();
        let markers = PatternSet::new(&each)?;
        Ok(Markers {
            named_numbers: named_numbers.is_some(),
            values: PatternSet::new(&values)?,
            markers,
            patterns,
        })
    }

    /// The first pass over `sentence`.
    pub fn scan<'m, 's>(&'m self, sentence: &'s str) -> SentenceScan<'m, 's> {
        SentenceScan {
            markers: self,
            sentence,
            ends: self.values.last_ends(sentence),
        }
    }
}

/// A language's sentence markers, in the order their mentions are listed: time scopes,
/// trigger words per predicate, anaphors, earlier-commitment markers before and after;
/// combined with the date and named-number patterns for the one pass over each sentence.
pub(super) fn compile_markers(
    c: &LangCompiler,
    file: &LanguageFile,
    predicates: &[Predicate],
    (date, named_numbers): (&str, Option<&str>),
) -> Result<Markers> {
    let code = &file.language.code;
    let mut markers = compile_time(c, &file.time, code)?;
    markers.extend(compile_triggers(c, file, predicates)?);
    let word_lists = [
        (MarkerKind::Anaphor, &file.references.anaphors, "anaphor"),
        (
            MarkerKind::Prior { before: true },
            &file.time.prior_before,
            "prior",
        ),
        (
            MarkerKind::Prior { before: false },
            &file.time.prior_after,
            "prior",
        ),
    ];
    for (kind, words, rule) in word_lists {
        if words.iter().any(|w| !w.is_empty()) {
            let pattern = format!("(?i){}", word_alternation(words));
            markers.push(Marker::new(kind, pattern, format!("{code}.{rule}")));
        }
    }
    Markers::new(markers, date, named_numbers).map_err(|e| {
        c.error(
            None,
            format!("the sentence markers (time, predicates, references), dates and named numbers do not compile as one set: {e}"),
            "each pattern compiles alone; shorten the longest word lists",
        )
    })
}

/// Trigger words, one pattern per predicate named in the file's `[predicates]`.
fn compile_triggers(
    c: &LangCompiler,
    file: &LanguageFile,
    predicates: &[Predicate],
) -> Result<Vec<Marker>> {
    let code = &file.language.code;
    let mut out = Vec::new();
    for (id, patterns) in &file.predicates {
        let index = predicates
            .iter()
            .position(|p| &p.def.id == id)
            .ok_or_else(|| {
                c.error(
                    patterns.first().map(|p| p.span().start),
                    format!("[predicates] names {id:?}, which predicates.toml does not declare"),
                    "declare the predicate in predicates.toml first",
                )
            })?;
        for p in patterns {
            c.written_pattern(
                p.get_ref(),
                &format!("predicates.{id}"),
                Some(p.span().start),
            )?;
        }
        let joined: Vec<String> = patterns.iter().map(|p| typographic(p.get_ref())).collect();
        let pattern = format!(
            r"(?i)(?:{})",
            joined
                .iter()
                .map(|p| bounded(p))
                .collect::<Vec<_>>()
                .join("|")
        );
        out.push(Marker::new(
            MarkerKind::Trigger(PredicateIndex(index)),
            pattern,
            format!("{code}.predicate"),
        ));
    }
    Ok(out)
}

/// The time-scope patterns of `[time]`, since, by and year in that order; each must have a
/// `year` group.
fn compile_time(c: &LangCompiler, time: &TimeDef, code: &str) -> Result<Vec<Marker>> {
    let mut out = Vec::new();
    let groups = [
        (TimeKind::Since, &time.since, "since"),
        (TimeKind::By, &time.by, "by"),
        (TimeKind::Year, &time.year, "year"),
    ];
    for (kind, patterns, name) in groups {
        for p in patterns {
            let what = format!("time.{name}");
            let written = c.written_pattern(p.get_ref(), &what, Some(p.span().start))?;
            if !has_group(&written, "year") {
                return Err(c.error(
                    Some(p.span().start),
                    format!("time.{name} pattern has no (?P<year>...) group"),
                    "wrap the year digits in (?P<year>...)",
                ));
            }
            let pattern = format!("(?i){}", typographic(p.get_ref()));
            let marker = Marker::new(
                MarkerKind::Time(kind),
                pattern,
                format!("{code}.time.{name}"),
            );
            out.push(marker);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use regex_automata::Input;

    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn one_pass_says_which_patterns_match_and_where_their_matches_end() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut sentences = 0;
        type Found<'a> = Vec<(&'a str, Vec<(usize, usize)>)>;
        let spans = |re: &meta::Regex, input: Input<'_>| -> Vec<(usize, usize)> {
            re.find_iter(input).map(|f| (f.start(), f.end())).collect()
        };
        for entry in std::fs::read_dir(dir).expect("fixture articles") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("text");
            for sentence in text.split(['.', '\n']) {
                for lang in rules.languages.values() {
                    for set in [&lang.markers.values, &lang.markers.markers] {
                        let mut ends = vec![None; set.dfa.pattern_len()];
                        set.fill_last_ends(sentence, &mut ends)
                            .expect("the combined DFAs never give up on the bundled rules");
                    }
                    let scan = lang.markers.scan(sentence);
                    let up_to = |end| Input::new(sentence).range(..end);
                    let gated: Found = scan
                        .markers()
                        .into_iter()
                        .map(|(m, end)| (m.pattern.as_str(), spans(m.regex(), up_to(end))))
                        .collect();
                    let searched: Found = lang
                        .markers
                        .patterns
                        .iter()
                        .map(|m| (m.pattern.as_str(), spans(m.regex(), Input::new(sentence))))
                        .filter(|(_, found)| !found.is_empty())
                        .collect();
                    assert_eq!(gated, searched, "{} markers in {sentence:?}", lang.code);
                    let others = [
                        (Some(&lang.dates.date), scan.date_end()),
                        (
                            lang.numbers.named_numbers.as_ref(),
                            scan.named_numbers_end(),
                        ),
                    ];
                    for (re, end) in others {
                        let Some(re) = re else { continue };
                        let all = spans(re, Input::new(sentence));
                        let gated = end.map(|end| spans(re, up_to(end))).unwrap_or_default();
                        assert_eq!(gated, all, "{} in {sentence:?}", lang.code);
                    }
                }
                sentences += 1;
            }
        }
        assert!(sentences > 500, "only {sentences} sentences read");
    }

    #[test]
    fn a_marker_compiles_only_once_a_sentence_holds_it() {
        let rules = RuleSet::bundled().expect("bundled rules load");
        let en = &rules.languages["en"];
        let sentence = "The company said on Monday it would invest €5 million by 2027.";
        let scan = en.markers.scan(sentence);
        let found: Vec<&str> = scan
            .markers()
            .into_iter()
            .map(|(marker, end)| {
                assert!(marker.regex().is_match(Input::new(sentence).range(..end)));
                marker.pattern.as_str()
            })
            .collect();
        let compiled: Vec<&str> = en
            .markers
            .patterns
            .iter()
            .filter(|marker| marker.regex.get().is_some())
            .map(|marker| marker.pattern.as_str())
            .collect();
        assert!(found.len() >= 2, "a trigger and a time scope: {found:?}");
        assert!(found.len() < en.markers.patterns.len());
        assert_eq!(compiled, found);
    }
}
