//! The predicate of a claim: which trigger word of the value's part of the sentence
//! governs it, by the predicates' value kinds, units and priorities, else the fallback
//! predicate for money.

use crate::extract::{Mention, MentionKind};
use crate::rules::ValueKind;
use crate::value::Value;

use super::assemble::DocContext;
use super::sentence::{distance, SentenceReader};

/// Whether two figures are of one kind (money, or counts and numbers).
pub(super) fn same_kind(a: &Mention, b: &Mention) -> bool {
    match (&a.kind, &b.kind) {
        (MentionKind::Amount(Value::Money(_)), MentionKind::Amount(Value::Money(_))) => true,
        (MentionKind::Amount(Value::Money(_)), _) | (_, MentionKind::Amount(Value::Money(_))) => {
            false
        }
        (MentionKind::Amount(_), MentionKind::Amount(_)) => true,
        _ => false,
    }
}

/// How far (bytes) before a bare number its trigger word may stand ("effectifs ... à 24 000").
const BARE_TRIGGER_WINDOW: usize = 60;

impl<'a> SentenceReader<'a> {
    /// The predicate of a value and the trigger that chose it (none when the unit alone
    /// does): trigger words of the value's own part of the sentence (up to a colon or
    /// semicolon) that no other figure stands nearer to, else the fallback predicate of
    /// the document `ctx` reads.
    pub(super) fn choose_predicate(
        &self,
        value: &Mention,
        ctx: &DocContext,
    ) -> Option<(usize, Option<&'a Mention>)> {
        let part = self.clauses.part_of(value.start);
        // A trigger word that opens a figure is its qualifier ("fewer than 100 people",
        // "weniger als 100"), no trigger of any figure; one after its number ("1 300
        // suppressions de postes") still is.
        let inside_figure = |t: &Mention| {
            self.mentions().any(|f| {
                matches!(f.kind, MentionKind::Amount(_)) && f.start == t.start && t.end <= f.end
            })
        };
        let triggers: Vec<(usize, &'a Mention)> = self
            .mentions()
            .filter_map(|m| match m.kind {
                MentionKind::Trigger(p) if !inside_figure(m) => Some((p.0, m)),
                _ => None,
            })
            .collect();
        // A value a trigger word of its own clause fits leaves another clause's trigger
        // to the figure of that clause it stands nearer: in "create 1,000 jobs, while
        // cutting 200", "cutting" is the 200's, not the 1,000's; in "540 pertes, 424 à
        // Toulouse" the 424 has none of its own and shares "pertes".
        let clause = self.clauses.clause_of(value.start);
        let in_part: Vec<_> = triggers
            .into_iter()
            .filter(|(_, m)| self.clauses.part_of(m.start) == part)
            .collect();
        let of_clause: Vec<_> = in_part
            .iter()
            .copied()
            .filter(|(_, t)| self.clauses.clause_of(t.start) == clause)
            .collect();
        let has_own = self.predicate_from(value, &of_clause).is_some();
        let figures: Vec<&Mention> = match has_own {
            true => self
                .mentions()
                .filter(|m| *m != value && same_kind(m, value))
                .collect(),
            false => Vec::new(),
        };
        let own: Vec<_> = match has_own {
            true => in_part
                .into_iter()
                .filter(|(_, t)| !figures.iter().any(|f| self.takes_trigger_from(f, t, value)))
                .collect(),
            false => self.unclaimed_triggers(value, in_part),
        };
        self.predicate_from(value, &own)
            .filter(|(_, t)| t.is_none_or(|t| self.is_nearest_date(value, t)))
            .or_else(|| self.fallback_predicate(value, ctx))
    }

    /// For a value with no trigger word of its own clause, the triggers of its part that
    /// stand in no clause of another figure of its kind, where one of them fits it: in
    /// "son chiffre d'affaires a reculé de 14 %, à 612 millions d'euros, et sa perte nette
    /// s'est creusée à 38,5 millions", "perte" is the 38.5's and the 612 is revenue.
    /// Else all of them: in "540 pertes, 424 à Toulouse" the 424 shares "pertes".
    fn unclaimed_triggers(
        &self,
        value: &Mention,
        in_part: Vec<(usize, &'a Mention)>,
    ) -> Vec<(usize, &'a Mention)> {
        let clause = |m: &Mention| self.clauses.clause_of(m.start);
        let claimed = |t: &Mention| {
            self.mentions()
                .any(|f| f != value && same_kind(f, value) && clause(f) == clause(t))
        };
        let unclaimed: Vec<_> = in_part
            .iter()
            .copied()
            .filter(|(_, t)| !claimed(t))
            .collect();
        match self.predicate_from(value, &unclaimed).is_some() {
            true => unclaimed,
            false => in_part,
        }
    }

    /// Whether `figure` takes the trigger word `trigger` from `value`: the trigger stands
    /// in the figure's clause, and either in another clause than the value, or between the
    /// two and nearer the figure; or the figure stands between the value and the trigger
    /// ("cut 3,000 jobs and create 1,000": "cut" is not the 1,000's).
    fn takes_trigger_from(&self, figure: &Mention, trigger: &Mention, value: &Mention) -> bool {
        let clause = |m: &Mention| self.clauses.clause_of(m.start);
        let between = |a: &Mention, b: &Mention, c: &Mention| {
            (a.end <= b.start && b.end <= c.start) || (c.end <= b.start && b.end <= a.start)
        };
        // A trigger of another clause is the figure's of that clause, however near the
        // value ends: in "revenue rose to €2.1bn, net profit was €96m", "profit" is the
        // 96m's.
        // A conjunction between a figure and a trigger after it opens what the trigger
        // governs: in "einen Umsatz von 58 Millionen Euro und einen Gewinn von 3,1
        // Millionen", "Gewinn" is the 3.1 million's, however near the 58 it stands.
        let conjoined = |before: &Mention| {
            before.end <= trigger.start
                && self
                    .words
                    .coordinates(self.slice(before.end..trigger.start))
        };
        let opened = conjoined(value) && between(value, trigger, figure);
        let nearer = clause(figure) == clause(trigger)
            && !conjoined(figure)
            && (clause(trigger) != clause(value)
                || opened
                || distance(figure, trigger) < distance(value, trigger)
                    && between(value, trigger, figure));
        // Figures of one list share their trigger: "sanctionnés à hauteur de 24,8 millions
        // et 8 millions d'euros".
        let listed = {
            let (first, last) = match figure.end <= value.start {
                true => (figure, value),
                false => (value, figure),
            };
            let before = self.slice(self.sentence.range.start..first.start);
            first.end <= last.start
                && (self.words).joins_figures(before, self.slice(first.end..last.start))
        };
        let shields = clause(figure) == clause(trigger)
            && clause(trigger) == clause(value)
            && between(value, figure, trigger)
            && !listed;
        nearer || shields
    }

    /// For a day: whether no other day of the sentence is nearer to its trigger word (one
    /// sentence may name the announcement day and the days of the event).
    fn is_nearest_date(&self, value: &Mention, trigger: &Mention) -> bool {
        if !matches!(value.kind, MentionKind::Date(_)) {
            return true;
        }
        let d = distance(value, trigger);
        !self.mentions().any(|m| {
            matches!(m.kind, MentionKind::Date(_)) && m != value && distance(m, trigger) < d
        })
    }

    /// The best predicate for `value` among `triggers` (predicate index and mention): one
    /// the value fits without a trigger (its count unit) or one with a trigger near
    /// enough, by priority, then by the nearest trigger.
    fn predicate_from(
        &self,
        value: &Mention,
        triggers: &[(usize, &'a Mention)],
    ) -> Option<(usize, Option<&'a Mention>)> {
        let nearest_trigger = |p: usize, window: Option<usize>| {
            triggers
                .iter()
                .filter(|(tp, _)| *tp == p)
                .map(|(_, m)| (distance(m, value), *m))
                .filter(|(d, _)| window.is_none_or(|w| *d <= w))
                .min_by_key(|(d, _)| *d)
        };
        // (fits, priority, nearness), predicate index, trigger.
        type Candidate<'m> = (
            (bool, i32, std::cmp::Reverse<usize>),
            usize,
            Option<&'m Mention>,
        );
        let mut best: Option<Candidate> = None;
        for (index, predicate) in self.predicates.iter().enumerate() {
            let def = &predicate.def;
            let (direct, needs_trigger_window) = match (&value.kind, def.kind) {
                (MentionKind::Amount(Value::Money(_)), ValueKind::Money) => (false, None),
                (MentionKind::Amount(Value::Count(a)), ValueKind::Count) => {
                    let unit = a.unit.as_deref().unwrap_or("");
                    if def.units.iter().any(|u| u == unit) {
                        (true, None)
                    } else if def.accepts.iter().any(|u| u == unit) {
                        (false, None)
                    } else {
                        continue;
                    }
                }
                (MentionKind::Amount(Value::Number(_)), ValueKind::Count) if def.bare => {
                    (false, Some(BARE_TRIGGER_WINDOW))
                }
                (MentionKind::Date(_), ValueKind::Date) => (false, None),
                _ => continue,
            };
            let trigger = nearest_trigger(index, needs_trigger_window);
            if trigger.is_none() && !direct {
                continue;
            }
            let score = (
                direct || trigger.is_some(),
                def.priority,
                std::cmp::Reverse(trigger.map_or(usize::MAX, |(d, _)| d)),
            );
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, index, trigger.map(|(_, m)| m)));
            }
        }
        best.map(|(_, index, trigger)| (index, trigger))
    }

    /// The predicate a value takes when no trigger word in its sentence says which, in a
    /// document `ctx` reads as about it ([`DocContext::is_money_topic`]).
    fn fallback_predicate(
        &self,
        value: &Mention,
        ctx: &DocContext,
    ) -> Option<(usize, Option<&'a Mention>)> {
        let (kind, amount) = match &value.kind {
            MentionKind::Amount(Value::Money(a)) => (ValueKind::Money, a.amount),
            _ => return None,
        };
        self.predicates
            .iter()
            .position(|p| p.def.fallback && p.def.kind == kind && amount >= p.def.fallback_min)
            .filter(|&i| ctx.is_money_topic(i))
            .map(|i| (i, None))
    }
}
