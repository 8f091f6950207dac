//! The claims of one sentence: each value (figure or day) with its predicate, subject,
//! target, place, time scope, scope and evidence. The predicate is chosen in `predicate`,
//! the roles in `roles`.

use std::ops::Range;

use crate::extract::{Mention, MentionKind, Sentence};
use crate::rules::{
    ClaimWordRules, EntityIndex, EntityKind, EntityTable, LanguageRules, OrganisationRules,
    Predicate, PredicateIndex, RuleSet, ValueKind,
};
use crate::segment::ClauseBounds;
use crate::value::Value;

use super::assemble::DocContext;
use super::evidence::evidence;
use super::frames::Binding;
use super::roles::place_distance;
use super::{Claim, EntityRef, Evidence, Span, Text};

/// Why a figure or day makes no claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoClaim {
    /// It converts the figure before it ("€10m ($11m)"): an alternative value of that claim.
    Conversion,
    /// A phrase of the language's `[not_claims]` governs it ("market capitalisation").
    NotAClaim,
    /// No frame binds it, no trigger word of its part of the sentence fits it, and its
    /// unit is no predicate's own.
    NoPredicate,
    /// No actor of a kind its predicate takes is named in the sentence or before it.
    NoSubject,
    /// A frame with `predicate = "none"` binds it: savings, a charge, a market value.
    Excluded,
    /// The sentence opens with a word of `[not_claims] conditions` ("If", "Mocht").
    Condition,
}

impl std::fmt::Display for NoClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoClaim::Conversion => "a conversion of the figure before it (kept as its alt)",
            NoClaim::NotAClaim => "a phrase of [not_claims] governs it",
            NoClaim::NoPredicate => {
                "no frame binds it, no trigger word of its part of the sentence fits it, and its unit is no predicate's own"
            }
            NoClaim::NoSubject => "no actor of a kind its predicate takes, here or before",
            NoClaim::Excluded => "the frame says this figure makes no claim",
            NoClaim::Condition => "the sentence states a condition ([not_claims] conditions)",
        })
    }
}

/// How one figure or day of a sentence was read.
#[derive(Debug)]
pub struct Reading<'a> {
    /// The figure or day.
    pub value: &'a Mention,
    /// The rule id of the frame that bound it, if one did.
    pub frame: Option<&'a str>,
    /// Its claim, or why it makes none.
    pub outcome: Result<Claim, NoClaim>,
    /// Whether its claim's place is the document's main place, not one its sentence
    /// gives: where the document states the claim again with a place, that place wins.
    pub place_from_document: bool,
}

impl<'a> Reading<'a> {
    /// A value that makes no claim, for `why`.
    fn none(value: &'a Mention, why: NoClaim) -> Self {
        Reading {
            value,
            frame: None,
            outcome: Err(why),
            place_from_document: false,
        }
    }
}

/// Reads the claims of one sentence.
pub(super) struct SentenceReader<'a> {
    pub(super) rules: &'a RuleSet,
    /// The entities of the document, listed or not.
    pub(super) entities: EntityTable<'a>,
    /// The claim words of the sentence's language.
    pub(super) words: &'a ClaimWordRules,
    /// How the sentence's language names companies (the words a sentence opens with).
    pub(super) organisations: &'a OrganisationRules,
    /// The predicates as the sentence's language reads them.
    pub(super) predicates: &'a [Predicate],
    pub(super) text: &'a str,
    pub(super) sentence: &'a Sentence,
    /// Where its clauses and parts start.
    pub(super) clauses: ClauseBounds,
    /// Its actors, found once (see [`SentenceReader::actors`]).
    actors: Named<'a>,
    /// The entities (rolled up) it names as an event's agent ("the takeover by VDL"): not the
    /// subject of its figures, even by reference to an earlier sentence.
    pub(super) bystanders: Vec<usize>,
    /// The companies it names as the source of what it says ("…, meldt Dekamart"): no
    /// actor, but the subject its figures fall back to before any earlier sentence's.
    pub(super) reporting: Named<'a>,
}

/// Entities a sentence names (rolled-up indices), each with its mention.
type Named<'a> = Vec<(usize, &'a Mention)>;

impl<'a> SentenceReader<'a> {
    /// A reader of `sentence` (of `text`), with the rules of its `language`.
    pub(super) fn new(
        rules: &'a RuleSet,
        entities: EntityTable<'a>,
        language: &'a LanguageRules,
        text: &'a str,
        sentence: &'a Sentence,
    ) -> Self {
        // Only a sentence with a figure or a day makes claims and needs its clauses.
        let clauses = if sentence.mentions.iter().any(Mention::is_claim_value) {
            ClauseBounds::of(text, sentence.range.clone())
        } else {
            ClauseBounds::whole(sentence.range.clone())
        };
        let mut reader = SentenceReader {
            rules,
            entities,
            words: &language.claim_words,
            organisations: &language.organisations,
            predicates: &language.predicates,
            text,
            sentence,
            clauses,
            actors: Vec::new(),
            bystanders: Vec::new(),
            reporting: Vec::new(),
        };
        (reader.actors, reader.bystanders, reader.reporting) = reader.find_actors();
        reader
    }

    /// The mentions of the sentence, in order.
    pub(super) fn mentions(&self) -> impl Iterator<Item = &'a Mention> {
        self.sentence.mentions.iter()
    }

    /// Actor entities (companies, organisations...), rolled up, with their mention; not
    /// those named as a source ("according to Reuters") or an event's agent ("the
    /// takeover by VDL").
    pub(super) fn actors(&self) -> &[(usize, &'a Mention)] {
        &self.actors
    }

    /// The actors of the sentence, as [`SentenceReader::actors`] gives them; its
    /// bystanders: the actor entities it names as an event's agent; and the companies it
    /// names as a source, which may still be the subject its figures fall back to
    /// ("according to Amazon, it creates 3,000 jobs").
    fn find_actors(&self) -> (Named<'a>, Vec<usize>, Named<'a>) {
        let mut actors = Vec::new();
        let mut bystanders = Vec::new();
        let mut reporting = Vec::new();
        for m in self.mentions() {
            let MentionKind::Entity(e) = m.kind else {
                continue;
            };
            let id = self.entities.claim_id(e.0);
            if !self.entities[id].kind.is_actor() {
                continue;
            }
            let before = self.slice(self.clauses.clause_range(m.start).start..m.start);
            let follows =
                |words: &Option<regex::Regex>| words.as_ref().is_some_and(|w| w.is_match(before));
            if follows(&self.words.event_agent) {
                bystanders.push(id);
            } else if !follows(&self.words.source) {
                actors.push((id, m));
            } else if self.entities[id].kind == EntityKind::Company {
                reporting.push((id, m));
            }
        }
        (actors, bystanders, reporting)
    }

    /// Place entities, with their mention; not a place inside a sum of money, which names
    /// its currency ("771 million U.S. dollars").
    pub(super) fn places(&self) -> Vec<(usize, &'a Mention)> {
        let in_money = |p: &Mention| {
            self.mentions().any(|m| {
                matches!(m.kind, MentionKind::Amount(Value::Money(_)))
                    && m.start <= p.start
                    && p.end <= m.end
            })
        };
        self.mentions()
            .filter_map(|m| match m.kind {
                MentionKind::Entity(EntityIndex(e))
                    if self.entities[e].kind == EntityKind::Place && !in_money(m) =>
                {
                    Some((e, m))
                }
                _ => None,
            })
            .collect()
    }

    /// The last actor this sentence names (only companies if `company`): what "the
    /// company" in the next one means.
    pub(super) fn last_actor(&self, company: bool) -> Option<(usize, String)> {
        self.actors()
            .iter()
            .rfind(|(id, _)| !company || self.entities[*id].kind == EntityKind::Company)
            .map(|&(id, m)| (id, self.slice(m.start..m.end).to_string()))
    }

    /// Whether a noun referring back to a company (an article and a noun, not a pronoun
    /// that may be a verb as well: "zijn") comes before every actor the sentence names,
    /// and not as the cue of the name right after it ("L'équipementier Vannier"): the
    /// sentence goes on about the company before it ("l'entreprise réalise 70 % de son
    /// activité avec Stellantis et Renault"), whatever else it names.
    pub(super) fn goes_on_about_the_last(&self) -> bool {
        let first_actor = self.actors().first().map(|(_, m)| m.start);
        let is_noun = |m: &Mention| self.slice(m.start..m.end).contains([' ', '\'', '’']);
        let apart = |a: &Mention, start: usize| {
            a.end < start && !self.slice(a.end..start).trim().is_empty()
        };
        self.mentions()
            .find(|m| m.kind == MentionKind::Anaphor && is_noun(m))
            .is_some_and(|a| first_actor.is_none_or(|start| apart(a, start)))
    }

    /// The text of byte range `r`.
    pub(super) fn slice(&self, r: Range<usize>) -> &'a str {
        &self.text[r]
    }

    /// How each figure and day of the sentence is read: the frame that bound it, and its
    /// claim or why it makes none.
    pub(super) fn readings(&self, ctx: &DocContext) -> Vec<Reading<'a>> {
        let values: Vec<&Mention> = self
            .mentions()
            .filter(|m| m.is_claim_value() || self.is_triggered_small_count(m))
            .collect();
        let bindings = if values.is_empty() {
            Vec::new()
        } else {
            self.frame_bindings(&self.slot_text())
        };
        let mut out: Vec<Reading<'a>> = Vec::new();
        // The last money figure: the index of its reading if it made a claim, and its end.
        let mut previous_money: Option<(Option<usize>, usize)> = None;
        for value in values {
            if let (Some((idx, end)), MentionKind::Amount(v @ Value::Money(_))) =
                (previous_money, &value.kind)
            {
                if self.is_parenthetical_after(end, value.start) {
                    if let Some(Ok(c)) = idx.map(|i| &mut out[i].outcome) {
                        c.alt.push(v.clone());
                    }
                    out.push(Reading::none(value, NoClaim::Conversion));
                    continue;
                }
            }
            let binding = bindings.iter().find(|b| std::ptr::eq(b.value, value));
            let (outcome, place_from_document) = match self.claim_for(value, binding, &out, ctx) {
                Ok((claim, place_from_document)) => (Ok(claim), place_from_document),
                Err(why) => (Err(why), false),
            };
            if matches!(value.kind, MentionKind::Amount(Value::Money(_))) {
                previous_money = Some((outcome.is_ok().then_some(out.len()), value.end));
            }
            out.push(Reading {
                value,
                frame: binding.map(|b| b.frame.id.as_str()),
                outcome,
                place_from_document,
            });
        }
        out
    }

    /// Whether `m` is a spelled-out two counting a unit ("deux usines") with a trigger word
    /// of a `small_counts` predicate counting or accepting that unit right next to it, at
    /// most one word between besides a time scope:
    /// "fermer deux usines", "fermer d'ici fin 2025 deux usines", "twee fabrieken sluiten",
    /// not "300 postes dans deux usines".
    fn is_triggered_small_count(&self, m: &Mention) -> bool {
        let MentionKind::Amount(Value::Count(count)) = &m.kind else {
            return false;
        };
        let Some(unit) = count.unit.as_deref().filter(|_| m.is_small_count()) else {
            return false;
        };
        self.mentions().any(|t| {
            let MentionKind::Trigger(p) = t.kind else {
                return false;
            };
            let gap = match t.end <= m.start {
                true => t.end..m.start,
                false => m.end..t.start.max(m.end),
            };
            let def = &self.predicates[p.0].def;
            def.small_counts && def.counts_in(unit) && self.words_besides_time(gap) <= 1
        })
    }

    /// The words of `range` outside the time scopes found in it ("d'ici fin 2025").
    fn words_besides_time(&self, range: Range<usize>) -> usize {
        let times = self.mentions().filter(|t| {
            matches!(t.kind, MentionKind::Time(_)) && range.start <= t.start && t.end <= range.end
        });
        let in_times: usize = times
            .map(|t| self.slice(t.start..t.end).split_whitespace().count())
            .sum();
        self.slice(range).split_whitespace().count() - in_times
    }

    /// Whether only an opening parenthesis stands between `end` and `start`: a figure
    /// there is a conversion of the one before ("€10m ($11m)").
    fn is_parenthetical_after(&self, end: usize, start: usize) -> bool {
        end <= start && self.slice(end..start).trim() == "("
    }

    /// Whether a phrase of the language's `not_claims` governs the value: it stands in the
    /// value's clause or, for money, before it in the same part of the sentence ("GDP by
    /// up to €312bn ..., and by €122bn"), never after it ("invests €4bn, which could lift
    /// GDP"). A frame's figure is governed only by a phrase no other figure of its clause
    /// stands nearer ("cut 900 jobs and buy back £150 million of its shares in a buyback"
    /// keeps the 900).
    fn is_not_a_claim(&self, value: &Mention, bound: bool) -> bool {
        let Some(re) = &self.words.not_claims else {
            return false;
        };
        let clause = self.clauses.clause_range(value.start);
        let start = match (&value.kind, self.clauses.part_of(value.start)) {
            (MentionKind::Amount(Value::Money(_)), n) => self.clauses.part_start(n),
            _ => clause.start,
        }
        .min(clause.start);
        if !bound {
            return re.is_match(self.slice(start..clause.end));
        }
        let others = self.other_figures(value, &clause);
        re.find_iter(self.slice(start..clause.end)).any(|m| {
            let at = start + m.start()..start + m.end();
            let own = place_distance(at.clone(), value);
            others.iter().all(|o| place_distance(at.clone(), o) > own)
        })
    }

    /// The evidence of a claim on `value` of predicate `pred`, with the trigger word that
    /// gave the predicate, or else its nearest one.
    fn evidence(&self, value: &Mention, pred: usize, trigger: Option<&Mention>) -> Evidence {
        let mut evidence = evidence(self.text, self.sentence.range.clone(), value);
        evidence.trigger = trigger
            .or_else(|| self.trigger_of(value, pred))
            .filter(|t| evidence.start <= t.start && t.end <= evidence.end)
            .map(|t| Span {
                start: t.start,
                end: t.end,
            });
        evidence
    }

    /// The trigger word of predicate `pred` nearest `value` in its part of the sentence,
    /// if any (a frame bound the value: its words were not asked for).
    fn trigger_of(&self, value: &Mention, pred: usize) -> Option<&'a Mention> {
        let part = self.clauses.part_of(value.start);
        self.mentions()
            .filter(|m| m.kind == MentionKind::Trigger(PredicateIndex(pred)))
            .filter(|m| self.clauses.part_of(m.start) == part)
            .min_by_key(|m| distance(m, value))
    }

    /// Whether the sentence opens with a condition ("If the deal goes through, ..."): none
    /// of its figures or days is a claim.
    fn is_condition(&self) -> bool {
        self.words
            .condition
            .as_ref()
            .is_some_and(|re| re.is_match(self.slice(self.sentence.range.clone())))
    }

    /// The first scope (in id order) whose words stand in the value's clause, nearer the
    /// value than any other figure of the clause: in "fell to 12,000 from 14,500 a year
    /// ago" the earlier period is the 14,500's.
    fn scope(&self, value: &Mention) -> Option<String> {
        let clause = self.clauses.clause_range(value.start);
        let others = self.other_figures(value, &clause);
        let nearest = |at: &Range<usize>| {
            let own = place_distance(at.clone(), value);
            others.iter().all(|m| place_distance(at.clone(), m) >= own)
        };
        self.words
            .scopes
            .find_iter(self.slice(clause.clone()))
            .map(|(id, at)| (id, clause.start + at.start..clause.start + at.end))
            .filter(|(_, at)| nearest(at))
            .map(|(id, _)| id)
            .min()
            .map(str::to_string)
    }

    /// The figures of `clause` other than `value`.
    fn other_figures(&self, value: &Mention, clause: &Range<usize>) -> Vec<&'a Mention> {
        self.mentions()
            .filter(|m| m.is_claim_value() && !std::ptr::eq(*m, value))
            .filter(|m| clause.contains(&m.start))
            .collect()
    }

    /// The predicate of the whole `value` is a part of ("540 postes, dont 424 à Toulouse"):
    /// that of the claim of the figure read right before it (`earlier`, in this sentence).
    fn whole_of(&self, value: &Mention, earlier: &[Reading]) -> Option<usize> {
        if !value.is_part_after_whole() {
            return None;
        }
        let whole = earlier.last()?.outcome.as_ref().ok()?;
        self.rules.predicate_index(&whole.predicate)
    }

    /// The predicate of `value` no frame binds, and the trigger that chose it: its own
    /// trigger words, else the predicate the last count in its unit had, in this sentence
    /// (`earlier`) or before it.
    fn predicate_in_context(
        &self,
        value: &Mention,
        earlier: &[Reading],
        ctx: &DocContext,
    ) -> Result<(usize, Option<&'a Mention>), NoClaim> {
        let (chosen, trigger) = self
            .choose_predicate(value, ctx)
            .ok_or(NoClaim::NoPredicate)?;
        // A trigger inside the figure is its unit noun ("400 banen"): no word of its own
        // on what happens to it, unless another of the predicate's words stands in its
        // clause ("create 1,000 jobs").
        let clause = self.clauses.clause_of(value.start);
        // A bare number with no trigger word in its clause continues the count read right
        // before it there ("emploie 38 500 salariés en France et près de 120 000 dans le
        // monde, a essuyé une perte").
        let bare = matches!(value.kind, MentionKind::Amount(Value::Number(_)));
        if bare && trigger.is_none_or(|t| self.clauses.clause_of(t.start) != clause) {
            let before = earlier.last().and_then(|b| self.continued_count(value, b));
            if let Some(index) = before {
                return Ok((index, None));
            }
        }
        let outside = |t: &Mention| t.end <= value.start || t.start >= value.end;
        let own = trigger.is_some_and(outside)
            || self.mentions().any(|t| {
                t.kind == MentionKind::Trigger(PredicateIndex(chosen))
                    && outside(t)
                    && self.clauses.clause_of(t.start) == clause
            });
        Ok(match (own, self.continued(value, earlier, ctx)) {
            (false, Some(continued)) if continued != chosen => (continued, None),
            _ => (chosen, trigger),
        })
    }

    /// For a count whose unit alone gives it a predicate (no trigger word of its own): the
    /// predicate of the last claim counted in that unit, in this sentence (`earlier`) or
    /// before it, if that predicate counts in it.
    fn continued(&self, value: &Mention, earlier: &[Reading], ctx: &DocContext) -> Option<usize> {
        let MentionKind::Amount(Value::Count(count)) = &value.kind else {
            return None;
        };
        let unit = count.unit.as_deref()?;
        let in_sentence = earlier.iter().rev().find_map(|r| {
            let claim = r.outcome.as_ref().ok()?;
            let counted =
                matches!(&claim.value, Value::Count(c) if c.unit.as_deref() == Some(unit));
            counted.then_some(claim.predicate.as_str())
        });
        let id = in_sentence.or_else(|| ctx.predicate_of_unit(unit))?;
        let index = self.rules.predicate_index(id)?;
        self.predicates[index].def.counts_in(unit).then_some(index)
    }

    /// The predicate of the count `before` (read right before `value`, in its clause), if
    /// it counts in the unit of that count.
    fn continued_count(&self, value: &Mention, before: &Reading) -> Option<usize> {
        let same_clause =
            self.clauses.clause_of(before.value.start) == self.clauses.clause_of(value.start);
        let claim = before.outcome.as_ref().ok().filter(|_| same_clause)?;
        let Value::Count(count) = &claim.value else {
            return None;
        };
        let index = self.rules.predicate_index(&claim.predicate)?;
        let unit = count.unit.as_deref()?;
        self.predicates[index].def.counts_in(unit).then_some(index)
    }

    /// The target of a claim on `value` of `predicate`: the one `binding` binds, else the
    /// company the trigger word acts on (`target_after_trigger`), else the company a money
    /// figure goes into.
    fn target_of(
        &self,
        value: &Mention,
        predicate: &Predicate,
        binding: Option<&Binding>,
        trigger: Option<&Mention>,
    ) -> Option<(usize, String)> {
        match binding.and_then(|b| b.target) {
            Some(m) => self.entity_of(m),
            None if predicate.def.target_after_trigger => trigger
                .and_then(|t| self.object_of(t, value))
                .or_else(|| self.target(value)),
            None if predicate.def.kind == ValueKind::Money => self.target(value),
            None => None,
        }
    }

    /// Whether the frame predicate `predicate` counts what `value` counts: a count of a
    /// unit is bound only by a predicate whose unit family holds that unit
    /// ([`Predicate::unit_family`]), so that "shut 120 of its 450 branches" makes no
    /// headcount.
    pub(super) fn counts_what_it_counts(&self, predicate: Option<usize>, value: &Mention) -> bool {
        let (Some(p), MentionKind::Amount(Value::Count(count))) = (predicate, &value.kind) else {
            return true;
        };
        let family = &self.predicates[p].unit_family;
        count
            .unit
            .as_ref()
            .is_none_or(|unit| family.is_empty() || family.iter().any(|u| u == unit.as_ref()))
    }

    /// The claim on `value`, or why it makes none: the frame `binding` it, if any, gives
    /// its predicate and the roles it binds; trigger words and clause structure the rest.
    /// With it, whether its place is the document's main place.
    fn claim_for(
        &self,
        value: &Mention,
        binding: Option<&Binding>,
        earlier: &[Reading],
        ctx: &DocContext,
    ) -> Result<(Claim, bool), NoClaim> {
        if self.is_condition() {
            return Err(NoClaim::Condition);
        }
        // A day is no figure: "a annoncé mardi un plan d'économies" announces on Tuesday.
        let figure = matches!(value.kind, MentionKind::Amount(_));
        if figure && self.is_not_a_claim(value, binding.is_some()) {
            return Err(NoClaim::NotAClaim);
        }
        let (pred_index, trigger) = match (binding, self.whole_of(value, earlier)) {
            (Some(b), _) => (b.frame.predicate.ok_or(NoClaim::Excluded)?, None),
            (None, Some(whole)) => (whole, None),
            (None, None) => self.predicate_in_context(value, earlier, ctx)?,
        };
        let predicate = &self.predicates[pred_index];
        let target = self.target_of(value, predicate, binding, trigger);
        let subject = match binding.map(|b| b.subjects.as_slice()) {
            Some(bound @ [_, ..]) if self.may_be_subjects(bound, predicate) => {
                self.bound_subject(bound)
            }
            _ => self
                .subject(value, predicate, target.as_ref().map(|t| t.0), ctx)
                .ok_or(NoClaim::NoSubject)?,
        };
        let value_out = claimed_value(value, predicate).ok_or(NoClaim::NoPredicate)?;
        let mut rules = vec![value.rule.clone()];
        if let Some(b) = binding {
            rules.push(b.frame.id.clone());
        } else if trigger.is_some() {
            rules.push([&self.sentence.lang, "predicate", &predicate.def.id].join("."));
        }
        let time = match predicate.def.kind {
            ValueKind::Date => None,
            _ => self.time_scope(value, &mut rules),
        };
        let (location, place_from_document) = match self.location(value, predicate, ctx) {
            Some((place, from_document)) => (Some(place), from_document),
            None => (None, false),
        };
        let evidence = self.evidence(value, pred_index, trigger);
        let entity_ref = |(id, text): (usize, String)| EntityRef {
            id: self.entities[id].id.as_str().into(),
            text: text.into(),
        };
        // A company is never the target of its own figure ("state aid for Carlow's plant").
        let target = target.map(entity_ref).filter(|t| t.id != subject.id);
        let claim = Claim {
            id: Text::default(),
            doc: Text::default(),
            article: Default::default(),
            lang: self.sentence.lang.as_str().into(),
            subject: Some(subject),
            predicate: predicate.def.id.as_str().into(),
            target,
            value: value_out,
            alt: Vec::new(),
            location: location.map(entity_ref),
            time,
            scope: self.scope(value).map(Text::from),
            evidence,
            rules: rules.into_iter().map(Text::from).collect(),
        };
        Ok((claim, place_from_document))
    }
}

/// The value `value` claims for `predicate`: a bare number or a count becomes a count of
/// the predicate's unit, if it has one ("1,600" of jobs cut). None for an entity.
fn claimed_value(value: &Mention, predicate: &Predicate) -> Option<Value> {
    let claimed = match &value.kind {
        MentionKind::Amount(v) => v.clone(),
        MentionKind::Date(d) => Value::Date(d.clone()),
        _ => return None,
    };
    match (claimed, &predicate.def.unit) {
        (Value::Number(mut a) | Value::Count(mut a), Some(unit)) => {
            a.unit = Some(unit.into());
            Some(Value::Count(a))
        }
        (claimed, _) => Some(claimed),
    }
}

impl<'a> SentenceReader<'a> {
    /// The entity (rolled up) a mention names, with its words.
    fn entity_of(&self, m: &Mention) -> Option<(usize, String)> {
        match m.kind {
            MentionKind::Entity(e) => Some((
                self.entities.claim_id(e.0),
                self.slice(m.start..m.end).to_string(),
            )),
            _ => None,
        }
    }

    /// Whether the subjects a frame `bound` are of kinds `predicate` takes (a market's
    /// place is no actor, and may be): "The Competition and Markets Authority fined the
    /// group" binds no authority as the company fined.
    fn may_be_subjects(&self, bound: &[&Mention], predicate: &Predicate) -> bool {
        bound.iter().all(|m| {
            self.entity_of(m).is_some_and(|(id, _)| {
                let kind = self.entities[id].kind;
                !kind.is_actor() || predicate.def.takes_subject(kind)
            })
        })
    }

    /// The subject a frame bound: one actor, or two joined ("vdl+schmitz_cargobull").
    fn bound_subject(&self, bound: &[&Mention]) -> EntityRef {
        let ids: Vec<&str> = bound
            .iter()
            .filter_map(|m| self.entity_of(m))
            .map(|(id, _)| self.entities[id].id.as_str())
            .collect();
        let (first, last) = (bound[0], bound[bound.len() - 1]);
        EntityRef {
            id: ids.join("+").into(),
            text: self
                .slice(first.start.min(last.start)..first.end.max(last.end))
                .into(),
        }
    }
}

/// Bytes between two spans (0 when they overlap).
pub(super) fn distance(a: &Mention, b: &Mention) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}
