//! The evidence of a claim: the sentence it comes from, or, in a sentence longer than
//! [`EVIDENCE_BOUND`], a window of it around the claim's figure.

use std::ops::Range;

use crate::error::floor_char_boundary;
use crate::extract::Mention;

use super::{Evidence, Span, EVIDENCE_BOUND};

/// The evidence of a claim on `value` in `sentence` (a range of `text`): the sentence, or a
/// window of it around the value when it is longer than [`EVIDENCE_BOUND`].
pub(super) fn evidence(text: &str, sentence: Range<usize>, value: &Mention) -> Evidence {
    if sentence.len() <= EVIDENCE_BOUND {
        return Evidence {
            text: text[sentence.clone()].into(),
            start: sentence.start,
            end: sentence.end,
            sentence: None,
            trigger: None,
        };
    }
    let window = evidence_window(text, sentence.clone(), value.start..value.end);
    Evidence {
        text: text[window.clone()].into(),
        start: window.start,
        end: window.end,
        sentence: Some(Span {
            start: sentence.start,
            end: sentence.end,
        }),
        trigger: None,
    }
}

/// About [`EVIDENCE_BOUND`] bytes of `sentence` (a range of `text`) around `figure`: the
/// figure whole, the rest shared out on both sides, cut between words where a space stands
/// near the cut, and always on character boundaries.
fn evidence_window(text: &str, sentence: Range<usize>, figure: Range<usize>) -> Range<usize> {
    let side = EVIDENCE_BOUND.saturating_sub(figure.len()) / 2;
    let start = figure.start.saturating_sub(side).max(sentence.start);
    let end = (figure.end + side).min(sentence.end);
    // Cut after a space in the first tenth of the window's side, else mid-word.
    let slack = side / 10;
    let head = &text[ceil_char_boundary(text, start)..figure.start];
    let start = match head
        .char_indices()
        .take_while(|(i, _)| *i <= slack)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((i, c)) => figure.start - head.len() + i + c.len_utf8(),
        None => figure.start - head.len(),
    };
    let tail = &text[figure.end..floor_char_boundary(text, end)];
    let cut = tail.len().saturating_sub(slack);
    let end = match tail
        .char_indices()
        .rev()
        .take_while(|(i, _)| *i >= cut)
        .find(|(_, c)| c.is_whitespace())
    {
        Some((i, _)) => figure.end + i,
        None => figure.end + tail.len(),
    };
    start..end
}

/// The smallest char boundary of `text` not before `index`.
fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
