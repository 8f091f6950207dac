//! Several patterns compiled as one lazy DFA that tells, in one pass over a text, which of
//! them match there and where their last match ends: the sentence markers' two passes and
//! the frames' search.

use std::borrow::Borrow;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::OverlappingState;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{hybrid, Input, MatchError};
use regex_syntax::hir::Hir;

/// Cache of each combined lazy DFA of the patterns searched over whole sentences, per
/// language and thread, in bytes.
const SET_DFA_LIMIT: usize = 4 << 20;

/// Why patterns do not compile as one set.
pub(super) type SetError = Box<dyn std::error::Error + Send + Sync>;

/// Makes a thread's cache for a combined DFA.
type CacheMaker = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// Several patterns compiled as one lazy DFA that reports where each has a match end, with
/// its per-thread caches.
pub(super) struct PatternSet {
    pub(super) dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheMaker>,
}

impl std::fmt::Debug for PatternSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternSet")
            .field("patterns", &self.dfa.pattern_len())
            .finish()
    }
}

impl PatternSet {
    /// The set of `patterns`, which reports every match (not only leftmost ones).
    pub(super) fn new(patterns: &[&str]) -> std::result::Result<PatternSet, SetError> {
        let trees = patterns
            .iter()
            .map(|pattern| syntax::parse(pattern).map_err(SetError::from))
            .collect::<std::result::Result<Vec<Hir>, _>>()?;
        PatternSet::of_trees(&trees)
    }

    /// The set of the patterns parsed as `trees`, which reports every match (not only
    /// leftmost ones): for patterns parsed already, so as not to parse them again.
    pub(super) fn of_trees<H: Borrow<Hir>>(
        trees: &[H],
    ) -> std::result::Result<PatternSet, SetError> {
        // A DFA reports no groups: the automaton is built without them, as
        // `hybrid::dfa::Builder::build_many` builds it from patterns.
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many_from_hir(trees)?;
        let config = hybrid::dfa::DFA::config()
            .match_kind(regex_automata::MatchKind::All)
            .cache_capacity(SET_DFA_LIMIT);
        let dfa = hybrid::dfa::DFA::builder()
            .configure(config)
            .build_from_nfa(nfa)?;
        let for_caches = dfa.clone();
        let caches: CacheMaker = Box::new(move || for_caches.create_cache());
        Ok(PatternSet {
            dfa,
            caches: Pool::new(caches),
        })
    }

    /// Where each pattern's last match in `sentence` ends, in pattern order. When the lazy
    /// DFA gives up (a Unicode word boundary before a non-ASCII letter), every pattern is
    /// said to match up to the end, so that it is searched in the whole sentence.
    pub(super) fn last_ends(&self, sentence: &str) -> Vec<Option<usize>> {
        let mut ends = vec![None; self.dfa.pattern_len()];
        if self.fill_last_ends(sentence, &mut ends).is_err() {
            ends.fill(Some(sentence.len()));
        }
        ends
    }

    pub(super) fn fill_last_ends(
        &self,
        sentence: &str,
        ends: &mut [Option<usize>],
    ) -> std::result::Result<(), MatchError> {
        let mut cache = self.caches.get();
        let input = Input::new(sentence);
        let mut state = OverlappingState::start();
        loop {
            self.dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)?;
            let Some(found) = state.get_match() else {
                return Ok(());
            };
            ends[found.pattern().as_usize()] = Some(found.offset());
        }
    }
}
