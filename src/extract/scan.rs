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
                push_all(out, marker, upto, MentionKind::Trigger(pred))
            }
            MarkerKind::Trigger(_) => {}
            MarkerKind::Anaphor => push_all(out, marker, upto, MentionKind::Anaphor),
            MarkerKind::Prior { before } => {
                push_all(out, marker, upto, MentionKind::Prior { before })
            }
        }
    }
}

/// Every match of `marker` in `input`, as mentions of `kind`.
fn push_all(out: &mut Vec<Mention>, marker: &Marker, input: Input<'_>, kind: MentionKind) {
    out.extend(marker.regex.find_iter(input).map(|m| Mention {
        kind: kind.clone(),
        start: m.start(),
        end: m.end(),
        rule: marker.rule.clone(),
    }));
}
