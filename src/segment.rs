//! Sentences with byte offsets into the text as read.
//!
//! Sentence bounds come from Unicode (UAX #29, through ICU4X's segmenter); a bound right
//! after one of the language's abbreviations is not a sentence end when the abbreviation
//! is capitalised ("Dr.", "M.", "U.S.") or the next word is not ("mln. euro"): a
//! lower-case abbreviation before a capital ("... €600 mln. Aan die klus") ends one.

use std::ops::Range;

use icu_segmenter::SentenceSegmenter;
use regex::Regex;

/// The sentences of `text[range]`, as byte ranges into `text`, trimmed of surrounding
/// white space; `abbreviations` are words ending in a full stop that do not end a sentence,
/// and no sentence ends where `no_break_after` matches the end of the text before a bound.
pub fn sentences(
    text: &str,
    range: Range<usize>,
    abbreviations: &[String],
    no_break_after: Option<&Regex>,
) -> Vec<Range<usize>> {
    let base = range.start;
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut pending: Option<Abbreviation> = None;
    let slice = &text[range];
    let bounds: Vec<usize> = SentenceSegmenter::new(Default::default())
        .segment_str(slice)
        .collect();
    for pair in bounds.windows(2) {
        let piece = &slice[pair[0]..pair[1]];
        let start = base + pair[0];
        let end = base + pair[1];
        let next_is_capital = piece
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        let join = match pending {
            Some(Abbreviation::Capitalised) => true,
            Some(Abbreviation::LowerCase) => !next_is_capital,
            None => false,
        };
        match out.last_mut() {
            Some(last) if join => last.end = end,
            _ => out.push(start..end),
        }
        pending = if piece.ends_with('\n') {
            None
        } else {
            let kept = no_break_after.is_some_and(|re| re.is_match(piece.trim_end()));
            if kept {
                Some(Abbreviation::Capitalised)
            } else {
                ends_with_abbreviation(piece, abbreviations)
            }
        };
    }
    out.into_iter().filter_map(|r| trim(text, r)).collect()
}

/// An abbreviation ending a piece of text, by case.
#[derive(Clone, Copy)]
enum Abbreviation {
    /// "Dr.", "U.S.", an initial: the next word may be a name.
    Capitalised,
    /// "mln.", "bijv.": a capital after it starts a new sentence.
    LowerCase,
}

fn ends_with_abbreviation(piece: &str, abbreviations: &[String]) -> Option<Abbreviation> {
    let trimmed = piece.trim_end();
    let last_word = trimmed
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let mut chars = last_word.chars();
    let capitalised = last_word.chars().next().is_some_and(char::is_uppercase);
    // A lone initial ("J. Smith") does not end a sentence either.
    let initial = matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase());
    if initial || abbreviations.iter().any(|a| a == last_word) {
        Some(if capitalised {
            Abbreviation::Capitalised
        } else {
            Abbreviation::LowerCase
        })
    } else {
        None
    }
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
        sentences(text, 0..text.len(), &abbreviations, None)
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
    fn a_lower_case_abbreviation_before_a_capital_ends_the_sentence() {
        assert_eq!(
            split(
                "Google stak €600 mln. Aan die klus werkten er duizend.",
                &["mln."]
            ),
            vec!["Google stak €600 mln.", "Aan die klus werkten er duizend."]
        );
        assert_eq!(
            split("Het kost 600 mln. euro per jaar.", &["mln."]),
            vec!["Het kost 600 mln. euro per jaar."]
        );
    }

    #[test]
    fn no_sentence_ends_where_the_rules_say_so() {
        let day = Regex::new(r"\b\d{1,2}\.$").unwrap();
        let text = "Microsoft gab am 12. Mai bekannt, dass es investiert.";
        let r = sentences(text, 0..text.len(), &[], Some(&day));
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "  Été chaud.  Hiver froid.";
        let r = sentences(text, 0..text.len(), &[], None);
        assert_eq!(&text[r[1].clone()], "Hiver froid.");
    }
}
