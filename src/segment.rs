//! Sentences with byte offsets into the text as read.
//!
//! Sentence bounds come from Unicode (UAX #29, through unicode-segmentation); a bound right
//! after one of the language's abbreviations ("Dr.", "M.", "bijv.") is not a sentence end.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// The sentences of `text[range]`, as byte ranges into `text`, trimmed of surrounding
/// white space; `abbreviations` are words ending in a full stop that do not end a sentence.
pub fn sentences(text: &str, range: Range<usize>, abbreviations: &[String]) -> Vec<Range<usize>> {
    let base = range.start;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut join_next = false;
    for (offset, piece) in text[range].split_sentence_bound_indices() {
        let start = base + offset;
        let end = start + piece.len();
        match out.last_mut() {
            Some(last) if join_next => last.end = end,
            _ => out.push(start..end),
        }
        join_next = ends_with_abbreviation(piece, abbreviations) && !piece.ends_with('\n');
    }
    out.into_iter().filter_map(|r| trim(text, r)).collect()
}

fn ends_with_abbreviation(piece: &str, abbreviations: &[String]) -> bool {
    let trimmed = piece.trim_end();
    let last_word = trimmed
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if abbreviations.iter().any(|a| a == last_word) {
        return true;
    }
    // A lone initial ("J. Smith") does not end a sentence either.
    let mut chars = last_word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let r = range.start + lead..range.end - trail;
    (r.start < r.end).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, abbreviations: &[&str]) -> Vec<String> {
        let abbreviations: Vec<String> = abbreviations.iter().map(|s| s.to_string()).collect();
        sentences(text, 0..text.len(), &abbreviations)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn splits_on_sentence_ends_and_lines() {
        assert_eq!(
            split("Headline here\n\nFirst one. Second one!", &[]),
            vec!["Headline here", "First one.", "Second one!"]
        );
    }

    #[test]
    fn keeps_abbreviations_inside_a_sentence() {
        assert_eq!(
            split("Selon M. Dupont, tout va bien. Fin.", &["M."]),
            vec!["Selon M. Dupont, tout va bien.", "Fin."]
        );
        assert_eq!(
            split("It costs 4 billion U.S. dollars today.", &["U.S."]),
            vec!["It costs 4 billion U.S. dollars today."]
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "  Été chaud.  Hiver froid.";
        let r = sentences(text, 0..text.len(), &[]);
        assert_eq!(&text[r[1].clone()], "Hiver froid.");
    }
}
