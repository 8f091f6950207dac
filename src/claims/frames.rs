//! Frames matched over a sentence: the sentence written with each entity, figure and day
//! as one slot character, every frame of the language searched over it once, and each
//! match's roles bound to the mentions its slots stand on.

use crate::extract::{Mention, MentionKind};
use crate::rules::{role, slot, EntityKind, Frame};
use crate::value::Value;

use super::sentence::SentenceReader;

/// What one frame says of one value: its predicate (the frame's) and the mentions that
/// fill its roles.
#[derive(Debug)]
pub(super) struct Binding<'a> {
    /// The value the frame bound.
    pub(super) value: &'a Mention,
    /// The frame.
    pub(super) frame: &'a Frame,
    /// The subject, or the two of a joint one.
    pub(super) subjects: Vec<&'a Mention>,
    /// The target.
    pub(super) target: Option<&'a Mention>,
}

/// A sentence as frames read it: its text with a slot character for each entity, figure
/// and day, and which mention each slot stands for.
pub(super) struct SlotText<'a> {
    /// The text with slots.
    pub(super) text: String,
    /// Where each slot stands in `text`, and its mention, in order.
    slots: Vec<(usize, &'a Mention)>,
}

impl<'a> SlotText<'a> {
    /// The mention whose slot starts at `at` in the slot text.
    pub(super) fn mention_at(&self, at: usize) -> Option<&'a Mention> {
        self.slots
            .binary_search_by_key(&at, |(i, _)| *i)
            .ok()
            .map(|i| self.slots[i].1)
    }
}

impl<'a> SentenceReader<'a> {
    /// The slot character a mention stands as, if frames see it.
    fn slot_of(&self, m: &Mention) -> Option<char> {
        match m.kind {
            MentionKind::Entity(e) => {
                let kind = self.entities[self.entities.claim_id(e.0)].kind;
                Some(if kind == EntityKind::Place {
                    slot::PLACE
                } else {
                    slot::ACTOR
                })
            }
            MentionKind::Amount(Value::Money(_)) => Some(slot::MONEY),
            MentionKind::Amount(_) => Some(slot::COUNT),
            MentionKind::Date(_) => Some(slot::DATE),
            _ => None,
        }
    }

    /// The subjects a frame bound for `value`, where they are subjects of the figure's
    /// clause: none where one stands in a relative clause closed before the figure (the
    /// roles then read the subject: "Die Hellmig GmbH, die zum Konzern Norrvik AB gehört,
    /// streicht 240 Stellen"); the sentence's first actor where a conjunction stands
    /// between the last of them and the figure, the figure's verb being coordinated with
    /// an earlier one ("Harwick took over Pellow in March and will cut 120 jobs").
    fn subjects_of_clause(&self, bound: Vec<&'a Mention>, value: &Mention) -> Vec<&'a Mention> {
        let (Some(first), Some(last)) = (bound.first(), bound.last()) else {
            return bound;
        };
        if bound
            .iter()
            .any(|m| self.in_closed_relative_clause(m, value))
        {
            return Vec::new();
        }
        let gap = self.slice(last.end.min(value.start)..value.start);
        match self.actors().first() {
            Some(&(_, actor)) if actor.start < first.start && self.words.coordinates(gap) => {
                vec![actor]
            }
            _ => bound,
        }
    }

    /// The sentence with its entities, figures and days as slots (a mention overlapping
    /// one already placed stays words).
    pub(super) fn slot_text(&self) -> SlotText<'a> {
        let range = self.sentence.range.clone();
        let mut text = String::with_capacity(range.len());
        let mut slots = Vec::new();
        let mut at = range.start;
        for m in self.mentions() {
            let Some(ch) = self.slot_of(m) else { continue };
            if m.start < at {
                continue;
            }
            text.push_str(self.slice(at..m.start));
            slots.push((text.len(), m));
            text.push(ch);
            at = m.end;
            if ch == slot::ACTOR {
                at += self.legal_form_after(at);
            }
        }
        text.push_str(self.slice(at..range.end));
        SlotText { text, slots }
    }

    /// The length of the legal form right after an actor's name ending at `at` (" GmbH" in
    /// "die Ostwald GmbH für"), with the spaces before it: part of the actor's slot.
    fn legal_form_after(&self, at: usize) -> usize {
        let rest = self.slice(at..self.sentence.range.end);
        let word = rest.trim_start();
        let word = word.split_whitespace().next().unwrap_or("");
        let organisations = &self.rules.languages[&self.sentence.lang].organisations;
        let form = word.trim_end_matches([',', ';', ':', ')']);
        match !form.is_empty() && organisations.is_legal_form(form) {
            true => rest.len() - rest.trim_start().len() + form.len(),
            false => 0,
        }
    }

    /// Every binding of the language's frames in the sentence, in frame order; a value
    /// bound by an earlier frame is not bound again.
    pub(super) fn frame_bindings(&self, slots: &SlotText<'a>) -> Vec<Binding<'a>> {
        let frames = &self.rules.languages[&self.sentence.lang].frames;
        let mut out: Vec<Binding<'a>> = Vec::new();
        for frame in frames.matching(&slots.text) {
            for caps in frame.regex().captures_iter(&slots.text) {
                let mention =
                    |name: &str| caps.name(name).and_then(|g| slots.mention_at(g.start()));
                let Some(value) = mention(role::VALUE) else {
                    continue;
                };
                if out.iter().any(|b| std::ptr::eq(b.value, value))
                    || !self.counts_what_it_counts(frame.predicate, value)
                {
                    continue;
                }
                let subjects = [role::SUBJECT, role::SUBJECT2]
                    .into_iter()
                    .filter_map(mention)
                    .collect();
                out.push(Binding {
                    value,
                    frame,
                    subjects: self.subjects_of_clause(subjects, value),
                    target: mention(role::TARGET),
                });
            }
        }
        out
    }
}
