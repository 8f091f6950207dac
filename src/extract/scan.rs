//! The one-pass marker scan of a sentence turned into mentions: predicate triggers, words
//! referring back to a company, markers of earlier commitments, and time scopes.
//!
//! The rules' [`crate::rules::SentenceScan`] says which markers occur in a sentence and
//! where the last match of each ends; only those markers are searched, and each only up
//! to that end.

use regex_automata::Input;

use crate::rules::{Marker, MarkerKind, PredicateIndex, SentenceScan};

use super::dates::push_times;
use super::{Mention, MentionKind};

/// The mentions of every marker `scan` found in sentence `s`, pushed onto `out`. Time
/// scopes come first among the markers: until the others, what is pushed after `out`'s
/// current length is time scopes only, and a later time marker does not take the place
/// of a scope already found. Trigger words of predicates `wanted` refuses are not searched.
pub(super) fn push_markers(
    out: &mut Vec<Mention>,
    scan: &SentenceScan,
    s: &str,
    wanted: impl Fn(PredicateIndex) -> bool,
) {
    let first_time = out.len();
    for (marker, end) in scan.markers() {
        // Its last match ends at `end`: nothing after is searched.
        let upto = Input::new(s).range(..end);
        match marker.kind {
            MarkerKind::Time(kind) => push_times(out, first_time, marker, kind, s, upto),
            MarkerKind::Trigger(pred) if wanted(pred) => {
                push_all(out, marker, s, upto, MentionKind::Trigger(pred))
            }
            MarkerKind::Trigger(_) => {}
            MarkerKind::Anaphor => push_all(out, marker, s, upto, MentionKind::Anaphor),
            MarkerKind::Prior { before } => {
                push_all(out, marker, s, upto, MentionKind::Prior { before })
            }
        }
    }
}

/// Every match of `marker` in `input` (a search of sentence `s`) that starts a word, as
/// mentions of `kind`.
fn push_all(out: &mut Vec<Mention>, marker: &Marker, s: &str, input: Input<'_>, kind: MentionKind) {
    let matches = marker.regex().find_iter(input);
    out.extend(
        matches
            .filter(|m| starts_a_word(s, m.start()))
            .map(|m| Mention {
                kind: kind.clone(),
                start: m.start(),
                end: m.end(),
                rule: marker.rule.clone(),
            }),
    );
}

/// Whether a match at byte `start` of `text` opens a word, or opens with no letter or
/// digit: the patterns' word boundary is the ASCII one the fast engines handle, which also
/// holds after an accented letter ("lève" inside "s'élève").
fn starts_a_word(text: &str, start: usize) -> bool {
    let opens_word_char = text[start..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    !opens_word_char
        || !text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}
