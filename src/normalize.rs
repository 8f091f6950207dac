//! Unicode normalization (NFC) with a map back to byte offsets in the text as read.
//!
//! Rules are written in composed form: "é" is one code point. Text may arrive decomposed
//! (NFD: "e" followed by a combining accent), so a document that is not already NFC is
//! matched in its NFC form, and every span found is mapped back to the text as read.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A text in NFC, with the offsets of the original it came from.
pub struct Normalized<'t> {
    /// The NFC text (borrowed when the original already was NFC).
    pub text: Cow<'t, str>,
    /// Cluster starts as (offset in `text`, offset in the original), ascending; empty when
    /// the text is the original.
    clusters: Vec<(usize, usize)>,
    original_len: usize,
}

impl<'t> Normalized<'t> {
    /// `original` in NFC; cheap (no copy) when it already is.
    pub fn new(original: &'t str) -> Normalized<'t> {
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return Normalized {
                text: Cow::Borrowed(original),
                clusters: Vec::new(),
                original_len: original.len(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut clusters = Vec::new();
        for (start, cluster) in clusters_of(original) {
            clusters.push((text.len(), start));
            text.extend(cluster.nfc());
        }
        Normalized {
            text: Cow::Owned(text),
            clusters,
            original_len: original.len(),
        }
    }

    /// True when the text had to change.
    pub fn changed(&self) -> bool {
        !self.clusters.is_empty()
    }

    /// The original offset of a span start at `offset` of the NFC text.
    pub fn start(&self, offset: usize) -> usize {
        self.map(offset, false)
    }

    /// The original offset of a span end at `offset` of the NFC text.
    pub fn end(&self, offset: usize) -> usize {
        self.map(offset, true)
    }

    /// An offset inside a composed cluster maps to the cluster's start (for a span
    /// start) or end (for a span end), so that mapped spans always slice the original.
    fn map(&self, offset: usize, is_end: bool) -> usize {
        if !self.changed() {
            return offset;
        }
        let i = self.clusters.partition_point(|&(norm, _)| norm <= offset) - 1;
        let (norm, orig) = self.clusters[i];
        if offset == norm || !is_end {
            return orig;
        }
        self.clusters
            .get(i + 1)
            .map_or(self.original_len, |&(_, next)| next)
    }
}

/// The text split into clusters that normalize independently: each ASCII character
/// alone, and each run of non-ASCII characters with the character before it (its base
/// letter). No canonical composition has an ASCII second element, so composing inside
/// clusters composes the whole text.
fn clusters_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|&(i, c)| i == 0 || c.is_ascii())
        .map(|(i, _)| i)
        .collect();
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([text.len()]).collect();
    starts
        .into_iter()
        .zip(ends)
        .map(move |(s, e)| (s, &text[s..e]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_maps_back_to_the_original_offsets() {
        let original = "cre\u{301}e\u{301} 3 milliards d\u{2019}euros";
        let n = Normalized::new(original);
        assert!(n.changed());
        assert_eq!(n.text, "cr\u{e9}\u{e9} 3 milliards d\u{2019}euros");
        let at = n.text.find("3 milliards").unwrap();
        let end = at + "3 milliards".len();
        assert_eq!(&original[n.start(at)..n.end(end)], "3 milliards");
        assert_eq!(&original[n.start(0)..n.end(5)], "cre\u{301}e\u{301}");
        assert_eq!(n.end(n.text.len()), original.len());
    }

    #[test]
    fn nfc_text_is_borrowed() {
        let n = Normalized::new("créé");
        assert!(!n.changed());
        assert!(matches!(n.text, Cow::Borrowed(_)));
    }
}
