//! Stage 3, segmentation: sentences with byte offsets into the text as read, and the
//! clauses and parts of a sentence.
//!
//! Sentence bounds come from Unicode (UAX #29, through ICU4X's segmenter); a bound right
//! after one of the language's abbreviations is not a sentence end when the abbreviation
//! is capitalised ("Dr.", "M.", "U.S.") or the next word is not ("mln. euro"): a
//! lower-case abbreviation before a capital ("... €600 mln. Aan die klus") ends one.
//!
//! Clauses start after ", ", ";", ":" and dashes between spaces; parts (a coarser cut)
//! after ";" and ":" only ([`ClauseBounds`]).

use std::ops::Range;

use icu_segmenter::SentenceSegmenter;

use crate::rules::SegmentRules;

/// The sentences of `text[range]`, as byte ranges into `text`, trimmed of surrounding
/// white space; the language's `abbreviations` are words ending in a full stop that do not
/// end a sentence, and no sentence ends where its `no_break_after` matches the end of the
/// text before a bound.
pub fn sentences(text: &str, range: Range<usize>, rules: &SegmentRules) -> Vec<Range<usize>> {
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
            let kept = rules
                .no_break_after
                .as_ref()
                .is_some_and(|re| re.is_match(piece.trim_end()));
            if kept {
                Some(Abbreviation::Capitalised)
            } else {
                ends_with_abbreviation(piece, &rules.abbreviations)
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

/// Where the clauses and the parts of a sentence start. A claim takes its subject, place
/// and time from its own clause first, and its predicate from its own part.
#[derive(Debug, Clone, Default)]
pub struct ClauseBounds {
    /// Byte range of the sentence in the text.
    sentence: Range<usize>,
    /// Byte offsets where clauses start (after ", ", ";", ":", " – ").
    clause_starts: Vec<usize>,
    /// Byte offsets where parts start (after ";" and ":" only).
    part_starts: Vec<usize>,
}

impl ClauseBounds {
    /// The clauses and parts of sentence `range` of `text`.
    pub fn of(text: &str, range: Range<usize>) -> ClauseBounds {
        let s = &text[range.clone()];
        let bytes = s.as_bytes();
        let space_at = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_whitespace);
        let space_before = |i: usize| i > 0 && space_at(i - 1);
        let (mut clauses, mut parts) = (Vec::new(), Vec::new());
        // Bytes, not chars: every marker but the dashes is ASCII, and a dash's first byte
        // (0xE2) never starts anything else that is one. Inside parentheses a colon labels
        // what follows it ("(Vorjahr: 5,2 Mrd. Euro)"): it starts neither a clause nor a
        // part, and the labelled parenthesis is a clause of its own.
        let (mut depth, mut labelled) = (0usize, false);
        for (i, &b) in bytes.iter().enumerate() {
            let end = match b {
                b'(' => {
                    depth += 1;
                    let inside = s[i + 1..].split(')').next().unwrap_or("");
                    labelled = depth == 1 && inside.contains(':');
                    match labelled {
                        true => i,
                        false => continue,
                    }
                }
                b')' if depth > 0 => {
                    depth -= 1;
                    match std::mem::take(&mut labelled) {
                        true => i + 1,
                        false => continue,
                    }
                }
                b';' | b':' if depth > 0 => continue,
                b';' | b':' => {
                    parts.push(range.start + i + 1);
                    i + 1
                }
                b',' if space_at(i + 1) => i + 1,
                b'-' if space_before(i) && space_at(i + 1) => i + 1,
                0xE2 if space_before(i) && (s[i..].starts_with('–') || s[i..].starts_with('—')) => {
                    i + '–'.len_utf8()
                }
                _ => continue,
            };
            clauses.push(range.start + end);
        }
        ClauseBounds {
            sentence: range,
            clause_starts: clauses,
            part_starts: parts,
        }
    }

    /// The sentence as one clause and one part: for a sentence whose clauses are not
    /// needed (its bounds are never asked for).
    pub fn whole(range: Range<usize>) -> ClauseBounds {
        ClauseBounds {
            sentence: range,
            ..ClauseBounds::default()
        }
    }

    /// The index of the clause holding byte `pos`.
    pub fn clause_of(&self, pos: usize) -> usize {
        self.clause_starts.partition_point(|&s| s <= pos)
    }

    /// The index of the part holding byte `pos`.
    pub fn part_of(&self, pos: usize) -> usize {
        self.part_starts.partition_point(|&s| s <= pos)
    }

    /// The byte range of the clause holding `pos`.
    pub fn clause_range(&self, pos: usize) -> Range<usize> {
        let clause = self.clause_of(pos);
        let start = match clause {
            0 => self.sentence.start,
            n => self.clause_starts[n - 1],
        };
        let end = self
            .clause_starts
            .get(clause)
            .copied()
            .unwrap_or(self.sentence.end);
        start..end
    }

    /// Where part `n` (from [`ClauseBounds::part_of`]) starts.
    pub fn part_start(&self, n: usize) -> usize {
        match n {
            0 => self.sentence.start,
            n => self.part_starts[n - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segment rules with these abbreviations and no `no_break_after`.
    fn with_abbreviations(abbreviations: &[&str]) -> SegmentRules {
        SegmentRules {
            abbreviations: abbreviations.iter().map(|s| s.to_string()).collect(),
            no_break_after: None,
        }
    }

    fn split(text: &str, abbreviations: &[&str]) -> Vec<String> {
        sentences(text, 0..text.len(), &with_abbreviations(abbreviations))
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
        let rules = SegmentRules {
            abbreviations: Vec::new(),
            no_break_after: Some(regex::Regex::new(r"\b\d{1,2}\.$").unwrap()),
        };
        let text = "Microsoft gab am 12. Mai bekannt, dass es investiert.";
        let r = sentences(text, 0..text.len(), &rules);
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn clauses_start_after_commas_and_dashes_and_parts_after_colons() {
        let text = "Alphabet, the parent: it invests – and hires; done";
        let bounds = ClauseBounds::of(text, 0..text.len());
        let clause = |word: &str| bounds.clause_of(text.find(word).unwrap());
        let part = |word: &str| bounds.part_of(text.find(word).unwrap());
        assert_eq!(
            ["Alphabet", "the", "it", "and", "done"].map(clause),
            [0, 1, 2, 3, 4]
        );
        assert_eq!(["Alphabet", "the", "it", "done"].map(part), [0, 0, 1, 2]);
        assert_eq!(
            &text[bounds.clause_range(text.find("it").unwrap())],
            " it invests –"
        );
        assert_eq!(bounds.part_start(1), text.find(" it").unwrap());
    }

    #[test]
    fn a_labelled_parenthesis_is_a_clause_whose_colon_starts_nothing() {
        let text = "Sales fell to €4.6bn (2023: €5.2bn; guidance missed), it said";
        let bounds = ClauseBounds::of(text, 0..text.len());
        let clause = |word: &str| bounds.clause_of(text.find(word).unwrap());
        assert_eq!(
            ["Sales", "2023", "€5.2bn", "guidance", "it said"].map(clause),
            [0, 1, 1, 1, 3]
        );
        assert_eq!(bounds.part_of(text.find("guidance").unwrap()), 0);
        assert_eq!(
            &text[bounds.clause_range(text.find("2023").unwrap())],
            "(2023: €5.2bn; guidance missed)"
        );
        // A parenthesis with no label is no clause: "in charges" stays the figure's.
        let text = "It took €1.5bn ($1.6bn) in charges";
        let bounds = ClauseBounds::of(text, 0..text.len());
        assert_eq!(bounds.clause_of(text.find("charges").unwrap()), 0);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "  Été chaud.  Hiver froid.";
        let r = sentences(text, 0..text.len(), &with_abbreviations(&[]));
        assert_eq!(&text[r[1].clone()], "Hiver froid.");
    }
}
