//! The sentence markers: time scopes (`[time]`), predicate trigger words
//! (`[predicates]`), anaphors (`[references]`) and earlier-commitment markers, compiled one
//! regex each and all together, with the date and named-number patterns, as one lazy DFA
//! that tells in one pass over a sentence which of them match there and where
//! ([`Markers::scan`]).

use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::OverlappingState;
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, meta, Input, MatchError, PatternID};

use super::patterns::{bounded, typographic, word_alternation, LangCompiler};
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
    /// The pattern, compiled for searching whole sentences (without a literal prefilter).
    pub regex: meta::Regex,
    /// The pattern as written.
    pub pattern: String,
    /// Id of the rule, for mentions (`en.time.by`, `fr.predicate`).
    pub rule: String,
}

impl Marker {
    /// A sentence marker of `kind` from `pattern`; its mentions carry the rule id `rule`.
    fn new(
        c: &LangCompiler,
        kind: MarkerKind,
        pattern: String,
        what: &str,
        offset: Option<usize>,
        rule: String,
    ) -> Result<Marker> {
        Ok(Marker {
            kind,
            regex: c.scan(&pattern, what, offset)?,
            pattern,
            rule,
        })
    }
}

/// Cache of the combined lazy DFA of the patterns searched over whole sentences, per
/// language and thread, in bytes.
const SET_DFA_LIMIT: usize = 4 << 20;

/// Makes a thread's cache for the combined DFA.
type CacheMaker = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// The sentence markers: patterns searched in each sentence that holds a figure or a day
/// (time scopes, predicate triggers, anaphors and earlier-commitment markers, in that
/// order).
///
/// They are also compiled together, with the date pattern and the named numbers' (searched
/// in every sentence), as one lazy DFA that reports where each pattern has a match end. A
/// sentence holds few of them, and one pass tells which match there at all and where their
/// last match ends ([`Markers::scan`]), so only those are searched, and only up to there:
/// a dozen passes over every sentence become one and a few shorter ones, for the same
/// matches.
#[derive(Debug)]
pub struct Markers {
    /// Every marker, in order.
    pub patterns: Vec<Marker>,
    /// Whether the named numbers' pattern is in the combined DFA (after the date pattern,
    /// before the markers).
    named_numbers: bool,
    set: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheMaker>,
}

/// Where the patterns of a language's combined pass last match in one sentence: searching
/// a pattern in `sentence[..end]` (look-around still seeing the byte after) finds all its
/// matches in the sentence.
pub struct SentenceScan<'m> {
    markers: &'m Markers,
    /// The end of each pattern's last match, in the combined DFA's order.
    ends: Vec<Option<usize>>,
}

impl SentenceScan<'_> {
    /// Where the last date match ends, if any.
    pub fn date_end(&self) -> Option<usize> {
        self.ends[0]
    }

    /// Where the last named-number match ends, if any.
    pub fn named_numbers_end(&self) -> Option<usize> {
        self.markers.named_numbers.then(|| self.ends[1]).flatten()
    }

    /// The markers that match in the sentence, in order, with where their last match ends.
    pub fn markers(&self) -> impl Iterator<Item = (&Marker, usize)> + '_ {
        let first = 1 + usize::from(self.markers.named_numbers);
        self.markers
            .patterns
            .iter()
            .zip(&self.ends[first..])
            .filter_map(|(marker, end)| Some((marker, (*end)?)))
    }
}

impl Markers {
    /// The markers, and the combined DFA of the date pattern, the named numbers' if any,
    /// and the markers.
    fn new(
        patterns: Vec<Marker>,
        date: &str,
        named_numbers: Option<&str>,
    ) -> std::result::Result<Markers, Box<hybrid::BuildError>> {
        let mut each: Vec<&str> = vec![date];
        each.extend(named_numbers);
        each.extend(patterns.iter().map(|m| m.pattern.as_str()));
        // Every match, not only leftmost ones: where the last match of each pattern ends.
        let config = hybrid::dfa::DFA::config()
            .match_kind(regex_automata::MatchKind::All)
            .cache_capacity(SET_DFA_LIMIT);
        let set = hybrid::dfa::DFA::builder()
            .configure(config)
            .build_many(&each)?;
        let for_caches = set.clone();
        let caches: CacheMaker = Box::new(move || for_caches.create_cache());
        Ok(Markers {
            patterns,
            named_numbers: named_numbers.is_some(),
            set,
            caches: Pool::new(caches),
        })
    }

    /// One pass of the combined DFA over `sentence`.
    pub fn scan(&self, sentence: &str) -> SentenceScan<'_> {
        let mut ends = vec![None; self.set.pattern_len()];
        if self.last_ends(sentence, &mut ends).is_err() {
            // The lazy DFA gave up (a Unicode word boundary before a non-ASCII letter):
            // search every pattern in the whole sentence.
            ends.fill(Some(sentence.len()));
        }
        SentenceScan {
            markers: self,
            ends,
        }
    }

    /// Fills `ends` with where each pattern's last match in `sentence` ends.
    fn last_ends(
        &self,
        sentence: &str,
        ends: &mut [Option<usize>],
    ) -> std::result::Result<(), MatchError> {
        let mut cache = self.caches.get();
        let input = Input::new(sentence);
        let mut state = OverlappingState::start();
        loop {
            self.set
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)?;
            let Some(found) = state.get_match() else {
                return Ok(());
            };
            ends[found.pattern().as_usize()] = Some(found.offset());
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
        (
            MarkerKind::Anaphor,
            &file.references.anaphors,
            "references.anaphors",
            "anaphor",
        ),
        (
            MarkerKind::Prior { before: true },
            &file.time.prior_before,
            "time.prior_before",
            "prior",
        ),
        (
            MarkerKind::Prior { before: false },
            &file.time.prior_after,
            "time.prior_after",
            "prior",
        ),
    ];
    for (kind, words, what, rule) in word_lists {
        if words.iter().any(|w| !w.is_empty()) {
            let pattern = format!("(?i){}", word_alternation(words));
            markers.push(Marker::new(
                c,
                kind,
                pattern,
                what,
                None,
                format!("{code}.{rule}"),
            )?);
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
        let what = format!("predicates.{id}");
        let at = patterns.first().map(|p| p.span().start);
        out.push(Marker::new(
            c,
            MarkerKind::Trigger(PredicateIndex(index)),
            pattern,
            &what,
            at,
            format!("{code}.predicate"),
        )?);
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
            c.written_pattern(p.get_ref(), &what, Some(p.span().start))?;
            let pattern = format!("(?i){}", typographic(p.get_ref()));
            let marker = Marker::new(
                c,
                MarkerKind::Time(kind),
                pattern,
                &what,
                Some(p.span().start),
                format!("{code}.time.{name}"),
            )?;
            let year = marker.regex.group_info().to_index(PatternID::ZERO, "year");
            if year.is_none() {
                return Err(c.error(
                    Some(p.span().start),
                    format!("time.{name} pattern has no (?P<year>...) group"),
                    "wrap the year digits in (?P<year>...)",
                ));
            }
            out.push(marker);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
                    let mut ends = vec![None; lang.markers.set.pattern_len()];
                    lang.markers
                        .last_ends(sentence, &mut ends)
                        .expect("the combined DFA never gives up on the bundled rules");
                    let scan = lang.markers.scan(sentence);
                    let up_to = |end| Input::new(sentence).range(..end);
                    let gated: Found = scan
                        .markers()
                        .map(|(m, end)| (m.pattern.as_str(), spans(&m.regex, up_to(end))))
                        .collect();
                    let searched: Found = lang
                        .markers
                        .patterns
                        .iter()
                        .map(|m| (m.pattern.as_str(), spans(&m.regex, Input::new(sentence))))
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
}
