//! What a document's entity mentions already name, where the open names are found: the
//! listed companies and the places (`Known`), and byte spans taken (`Taken`).

use std::collections::BTreeMap;
use std::ops::Range;

use crate::rules::{EntityIndex, EntityKind, Gazetteer};

use super::super::{Mention, MentionKind};

/// What the entity mentions found before the open names say of a span where a name was
/// found: whether they already name it. A listed company or organisation does wherever
/// it overlaps the name. A place does unless it lies inside a longer name ("Harlow
/// Brewing", "Stockport Water") or, not a country, is the whole name found by strong
/// evidence ([`super::Found::is_weak`]): "le groupe Varennes". A town that needs its country to be
/// placed names only its own span, and only for a name found by weak evidence right after
/// another place: "in Wigan and Stockport would save" is the town, "the brewer
/// Stockport" and "supermarchés Harwick va racheter" a company.
pub(super) struct Known {
    /// The spans of listed companies and organisations.
    listed: Taken,
    /// Each place mention's span and what it names, by start.
    places: Vec<(Range<usize>, PlaceKind)>,
}

/// What a place mention names, as far as a company's name may take its words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PlaceKind {
    /// A country: never a company's whole name ("the broadcaster France 2" is no company
    /// named France).
    Country,
    /// A town whose name needs its country to be placed.
    NeedsCountry,
    /// Any other place.
    Other,
}

impl Known {
    pub(super) fn of(gazetteer: &Gazetteer, known: &[Mention]) -> Known {
        let entity = |m: &Mention| match m.kind {
            MentionKind::Entity(EntityIndex(e)) => Some(&gazetteer.entities[e]),
            _ => None,
        };
        let is_place = |m: &Mention| entity(m).is_some_and(|e| e.kind == EntityKind::Place);
        let listed = Taken::of(
            known
                .iter()
                .filter(|m| !is_place(m))
                .map(|m| m.start..m.end),
        );
        let kind = |m: &Mention| match m.kind {
            MentionKind::Entity(EntityIndex(e)) if gazetteer.outermost(e) == e => {
                PlaceKind::Country
            }
            _ if entity(m).is_some_and(|e| e.needs_country) => PlaceKind::NeedsCountry,
            _ => PlaceKind::Other,
        };
        let mut places: Vec<(Range<usize>, PlaceKind)> = known
            .iter()
            .filter(|m| is_place(m))
            .map(|m| (m.start..m.end, kind(m)))
            .collect();
        places.sort_by_key(|(span, _)| span.start);
        Known { listed, places }
    }

    /// Whether the mentions name `span` of `text` already (a name found by `weak`
    /// evidence).
    pub(super) fn names(&self, text: &str, span: &Range<usize>, weak: bool) -> bool {
        if self.listed.overlaps(span) {
            return true;
        }
        let first = self.places.partition_point(|(p, _)| p.end <= span.start);
        let overlapping = self.places[first..]
            .iter()
            .take_while(|(p, _)| p.start < span.end)
            .filter(|(p, _)| p.end > span.start);
        overlapping.into_iter().any(|(place, kind)| {
            let inside = place.start >= span.start && place.end <= span.end && place != span;
            match kind {
                PlaceKind::NeedsCountry => {
                    weak && place == span && self.follows_a_place(text, first, span)
                }
                PlaceKind::Country => !inside,
                PlaceKind::Other => !inside && (weak || place != span),
            }
        })
    }

    /// Where the place mentions of `text` written `name` start.
    pub(super) fn places_written<'s>(
        &'s self,
        text: &'s str,
        name: &'s str,
    ) -> impl Iterator<Item = usize> + 's {
        self.places
            .iter()
            .filter(move |(p, _)| &text[p.clone()] == name)
            .map(|(p, _)| p.start)
    }

    /// Whether a place mention spans exactly `span`.
    pub(super) fn is_place(&self, span: &Range<usize>) -> bool {
        let first = self.places.partition_point(|(p, _)| p.start < span.start);
        self.places.get(first).is_some_and(|(p, _)| p == span)
    }

    /// Whether `span` of `text` is the next of a list of places: the place mention before
    /// it (the one before index `next` of the places) ends at most a comma or one word
    /// in lower case before it ("in Wigan and Stockport").
    fn follows_a_place(&self, text: &str, next: usize, span: &Range<usize>) -> bool {
        let Some((before, _)) = next.checked_sub(1).map(|i| &self.places[i]) else {
            return false;
        };
        let gap = text.get(before.end..span.start).unwrap_or_default().trim();
        gap == "," || (gap.len() <= 5 && gap.chars().all(char::is_lowercase))
    }
}

/// Byte spans taken, as disjoint ranges by start: whether a span overlaps one costs a
/// lookup, however many there are (an article may name a company thousands of times).
#[derive(Default)]
pub(super) struct Taken(BTreeMap<usize, usize>);

impl Taken {
    /// The union of `spans`.
    pub(super) fn of(spans: impl Iterator<Item = Range<usize>>) -> Taken {
        let mut taken = Taken::default();
        for span in spans {
            taken.insert(span);
        }
        taken
    }

    /// Whether `span` overlaps a span taken: only the last one starting before its end can.
    pub(super) fn overlaps(&self, span: &Range<usize>) -> bool {
        self.0
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start)
    }

    /// Take `span`, merged with the spans it overlaps.
    pub(super) fn insert(&mut self, span: Range<usize>) {
        let (mut start, mut end) = (span.start, span.end);
        while let Some((&s, &e)) = self.0.range(..end.max(start + 1)).next_back() {
            if e < start {
                break;
            }
            start = start.min(s);
            end = end.max(e);
            self.0.remove(&s);
        }
        self.0.insert(start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_spans_overlap_as_their_union_does() {
        let taken = Taken::of([0..5, 5..8, 20..30, 25..40, 50..51].into_iter());
        // (span, whether it overlaps)
        for (span, overlaps) in [
            (0..1, true),
            (7..9, true),
            (8..20, false),
            (39..45, true),
            (40..50, false),
            (50..50, false),
            (45..60, true),
        ] {
            assert_eq!(taken.overlaps(&span), overlaps, "{span:?}");
        }
    }
}
