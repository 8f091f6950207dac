//! Claim assembly: from the mentions of each sentence to structured claims.
//!
//! A claim is a value (amount or day) with the predicate its sentence's trigger words give
//! it, the company that governs it (the first company of its clause, else the nearest one
//! before it, else the company the text is about), the company it goes into, the place,
//! the time scope, and the sentence it comes from. This is the claim JSON of DESIGN.md
//! section 3.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Skipped;
use crate::error::floor_char_boundary;
use crate::extract::{Mention, MentionKind};
use crate::pipeline::Sentence;
use crate::rules::{EntityKind, LanguageRules, Predicate, RuleSet, ValueKind};
use crate::value::{Qualifier, TimeScope, Value};

/// How far (bytes) before a bare number its trigger word may stand ("effectifs ... à 24 000").
const BARE_TRIGGER_WINDOW: usize = 60;
/// How far (bytes) after a figure the company it goes into may be named.
const TARGET_WINDOW: usize = 90;
/// How close (bytes) after a company a figure is that company's own.
const OWN_FIGURE_WINDOW: usize = 12;
/// How far (bytes) an earlier-commitment marker reaches.
const PRIOR_WINDOW: usize = 100;

/// A canonical entity as a claim names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    /// Canonical id from the entities rule file.
    pub id: String,
    /// The words of the text that named it.
    pub text: String,
}

/// The longest sentence (bytes) a claim quotes whole. A longer one is quoted only in a
/// window of about this size around the claim's figure: a sentence of thousands of figures
/// (a table pasted as one line) would otherwise be copied into each of its claims, and
/// output and memory would grow with the square of its length.
pub const EVIDENCE_BOUND: usize = 600;

/// The sentence a claim comes from, or the part of it around the figure when the sentence
/// is longer than [`EVIDENCE_BOUND`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Byte offset of the evidence in the document as read.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Exactly `text[start..end]` of the document.
    pub text: String,
    /// The whole sentence, when the evidence is only part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Span>,
}

/// A byte range of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

/// One checkable claim (the claim JSON contract).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// `doc#n`.
    pub id: String,
    /// The document id.
    pub doc: String,
    /// Language code of the rules that read it.
    pub lang: String,
    /// Who makes the claim's commitment.
    pub subject: Option<EntityRef>,
    /// Predicate id (`invest`, `jobs`, `announced`...).
    pub predicate: String,
    /// The company invested in, if any.
    pub target: Option<EntityRef>,
    /// The figure or day.
    pub value: Value,
    /// Equivalent values stated with it (a conversion in parentheses).
    #[serde(default)]
    pub alt: Vec<Value>,
    /// Where.
    pub location: Option<EntityRef>,
    /// When.
    pub time: Option<TimeScope>,
    /// What part of a story the figure belongs to, when its clause says (`construction`,
    /// `worldwide`): figures of different scopes are different facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The sentence it comes from.
    pub evidence: Evidence,
    /// Ids of the rules that produced it.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// Read claims written earlier by `newsclaims extract` (JSON Lines). A line that is not a
/// claim (malformed JSON, a missing or null figure) is skipped, named `FILE:LINE` with the
/// reason; the rest of the file is read. Lines are parsed in parallel.
pub fn read_claims(path: &std::path::Path) -> crate::Result<(Vec<Claim>, Vec<Skipped>)> {
    let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let parsed: Vec<Result<Claim, Skipped>> = lines
        .into_par_iter()
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| Skipped {
                input: format!("{}:{}", path.display(), i + 1),
                reason: format!("not a claim: {e}"),
            })
        })
        .collect();
    let (mut claims, mut skipped) = (Vec::new(), Vec::new());
    for line in parsed {
        match line {
            Ok(claim) => claims.push(claim),
            Err(skip) => skipped.push(skip),
        }
    }
    Ok((claims, skipped))
}

/// What a document is mostly about: the company and the place it names most often (the
/// first named of those named as often), each with the words of its first mention.
#[derive(Debug, Default)]
pub struct Topics {
    company: Option<(usize, String)>,
    place: Option<(usize, String)>,
}

impl Topics {
    /// The topics of `text` from its entity mentions (others are ignored), counted as they
    /// come: none is held.
    pub fn of(rules: &RuleSet, text: &str, mentions: impl IntoIterator<Item = Mention>) -> Topics {
        // Per entity (rolled up): mentions, and the span of the first.
        let mut counts: HashMap<usize, (usize, Range<usize>)> = HashMap::new();
        for m in mentions {
            if let MentionKind::Entity(e) = m.kind {
                let id = rules.gazetteer.claim_id(e);
                counts.entry(id).or_insert((0, m.start..m.end)).0 += 1;
            }
        }
        let most = |kind: EntityKind| {
            counts
                .iter()
                .filter(|(id, _)| rules.gazetteer.entities[**id].kind == kind)
                .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(first.start)))
                .map(|(id, (_, first))| (*id, text[first.clone()].to_string()))
        };
        Topics {
            company: most(EntityKind::Company),
            place: most(EntityKind::Place),
        }
    }
}

/// Per document, as its sentences are read: the companies the text refers to.
struct DocContext<'t> {
    /// The last company mentioned before the current sentence: what "the company" means.
    salient: Option<(usize, String)>,
    /// The last actor of any kind (company, government, ...) mentioned before it.
    last_actor: Option<(usize, String)>,
    /// What the document is about.
    topics: &'t Topics,
}

/// The claims of one document's `sentences`, read one at a time; `topics` from all of its
/// entities.
pub fn assemble(
    rules: &RuleSet,
    doc_id: &str,
    text: &str,
    topics: &Topics,
    sentences: impl IntoIterator<Item = Sentence>,
) -> Vec<Claim> {
    let mut ctx = DocContext {
        salient: None,
        last_actor: None,
        topics,
    };
    let mut claims: Vec<Claim> = Vec::new();
    let mut seen: HashMap<MergeKey, usize> = HashMap::new();
    for sentence in sentences {
        let lang = &rules.languages[&sentence.lang];
        let reader = SentenceReader::new(rules, lang, text, &sentence);
        for claim in reader.claims(&ctx) {
            merge_claim(&mut claims, &mut seen, claim);
        }
        if let Some(last) = reader.last_actor(true) {
            ctx.salient = Some(last);
        }
        if let Some(last) = reader.last_actor(false) {
            ctx.last_actor = Some(last);
        }
    }
    for (i, claim) in claims.iter_mut().enumerate() {
        claim.id = format!("{doc_id}#{}", i + 1);
        claim.doc = doc_id.to_string();
    }
    claims
}

/// What makes two claims of a document one: subject, predicate, target, value (as
/// [`same_value`] compares them), and scope.
#[derive(PartialEq, Eq, Hash)]
struct MergeKey {
    subject: Option<String>,
    predicate: String,
    target: Option<String>,
    value: ValueKey,
    time: (Option<i32>, bool),
    scope: Option<String>,
}

/// A value as [`same_value`] compares it; figures by their bits (zero without its sign).
#[derive(PartialEq, Eq, Hash)]
enum ValueKey {
    Day(Option<String>, Option<String>),
    Amount {
        kind: &'static str,
        amount: u64,
        unit: Option<String>,
        qualifier: Qualifier,
        min: Option<u64>,
    },
}

impl MergeKey {
    /// The key of claim `c`.
    fn of(c: &Claim) -> MergeKey {
        let bits = |v: f64| (v + 0.0).to_bits();
        let value = match &c.value {
            Value::Date(d) => ValueKey::Day(d.weekday.clone(), d.date.clone()),
            Value::Money(a) | Value::Count(a) | Value::Number(a) | Value::Percent(a) => {
                ValueKey::Amount {
                    kind: c.value.kind(),
                    amount: bits(a.amount),
                    unit: a.unit.clone(),
                    qualifier: a.qualifier,
                    min: a.min.map(bits),
                }
            }
        };
        MergeKey {
            subject: c.subject.as_ref().map(|s| s.id.clone()),
            predicate: c.predicate.clone(),
            target: c.target.as_ref().map(|t| t.id.clone()),
            value,
            time: scope_key(&c.time),
            scope: c.scope.clone(),
        }
    }
}

/// Keep one claim per distinct value: a repeated figure adds nothing but its alternatives.
/// `seen` holds the index in `claims` of each key, so each claim is merged in constant
/// time.
fn merge_claim(claims: &mut Vec<Claim>, seen: &mut HashMap<MergeKey, usize>, claim: Claim) {
    match seen.entry(MergeKey::of(&claim)) {
        std::collections::hash_map::Entry::Occupied(at) => {
            let existing = &mut claims[*at.get()];
            for alt in claim.alt {
                if !existing.alt.iter().any(|a| same_value(a, &alt)) {
                    existing.alt.push(alt);
                }
            }
            if existing.location.is_none() {
                existing.location = claim.location;
            }
            if existing.time.is_none() {
                existing.time = claim.time;
            }
        }
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(claims.len());
            claims.push(claim);
        }
    }
}

/// The part of a time scope that makes a figure a different fact: cumulative since a year,
/// or committed earlier.
fn scope_key(time: &Option<TimeScope>) -> (Option<i32>, bool) {
    time.as_ref().map_or((None, false), |t| (t.since, t.prior))
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Date(x), Value::Date(y)) => x.weekday == y.weekday && x.date == y.date,
        _ => match (a.amount(), b.amount()) {
            (Some(x), Some(y)) => {
                a.kind() == b.kind()
                    && x.amount == y.amount
                    && x.unit == y.unit
                    && x.qualifier == y.qualifier
                    && x.min == y.min
            }
            _ => false,
        },
    }
}

/// Reads the claims of one sentence.
struct SentenceReader<'a> {
    rules: &'a RuleSet,
    lang: &'a LanguageRules,
    text: &'a str,
    sentence: &'a Sentence,
    /// Byte offsets where clauses start (after ", ", ";", ":", " – ").
    clause_starts: Vec<usize>,
    /// Byte offsets where parts start (after ";" and ":" only).
    part_starts: Vec<usize>,
}

impl<'a> SentenceReader<'a> {
    fn new(
        rules: &'a RuleSet,
        lang: &'a LanguageRules,
        text: &'a str,
        sentence: &'a Sentence,
    ) -> Self {
        // Only a sentence with a figure or a day makes claims and needs its clauses.
        let (clause_starts, part_starts) = if sentence.mentions.iter().any(Mention::is_claim_value)
        {
            boundaries(text, sentence.range.clone())
        } else {
            (Vec::new(), Vec::new())
        };
        SentenceReader {
            rules,
            lang,
            text,
            sentence,
            clause_starts,
            part_starts,
        }
    }

    fn clause_of(&self, pos: usize) -> usize {
        self.clause_starts.partition_point(|&s| s <= pos)
    }

    fn mentions(&self) -> impl Iterator<Item = &'a Mention> {
        self.sentence.mentions.iter()
    }

    /// Actor entities (companies, organisations...), rolled up, with their mention.
    fn actors(&self) -> Vec<(usize, &'a Mention)> {
        self.mentions()
            .filter_map(|m| match m.kind {
                MentionKind::Entity(e) => {
                    let id = self.rules.gazetteer.claim_id(e);
                    self.rules.gazetteer.entities[id]
                        .kind
                        .is_actor()
                        .then_some((id, m))
                }
                _ => None,
            })
            .collect()
    }

    fn places(&self) -> Vec<(usize, &'a Mention)> {
        self.mentions()
            .filter_map(|m| match m.kind {
                MentionKind::Entity(e)
                    if self.rules.gazetteer.entities[e].kind == EntityKind::Place =>
                {
                    Some((e, m))
                }
                _ => None,
            })
            .collect()
    }

    /// The last actor this sentence names (only companies if `company`): what "the
    /// company" in the next one means.
    fn last_actor(&self, company: bool) -> Option<(usize, String)> {
        self.actors()
            .into_iter()
            .rfind(|(id, _)| {
                !company || self.rules.gazetteer.entities[*id].kind == EntityKind::Company
            })
            .map(|(id, m)| (id, self.slice(m.start..m.end).to_string()))
    }

    fn slice(&self, r: Range<usize>) -> &'a str {
        &self.text[r]
    }

    fn claims(&self, ctx: &DocContext) -> Vec<Claim> {
        let values: Vec<&Mention> = self.mentions().filter(|m| m.is_claim_value()).collect();
        let mut out: Vec<Claim> = Vec::new();
        // The last money figure: the index of its claim (if it made one) and where it ends.
        let mut previous_money: Option<(Option<usize>, usize)> = None;
        for value in values {
            if let (Some((idx, end)), MentionKind::Amount(v @ Value::Money(_))) =
                (previous_money, &value.kind)
            {
                if self.is_parenthetical_after(end, value.start) {
                    if let Some(c) = idx.and_then(|i| out.get_mut(i)) {
                        c.alt.push(v.clone());
                    }
                    continue;
                }
            }
            let claim = self.claim_for(value, ctx);
            let is_money = matches!(value.kind, MentionKind::Amount(Value::Money(_)));
            if let Some(c) = claim {
                out.push(c);
                if is_money {
                    previous_money = Some((Some(out.len() - 1), value.end));
                }
            } else if is_money {
                previous_money = Some((None, value.end));
            }
        }
        out
    }

    fn is_parenthetical_after(&self, end: usize, start: usize) -> bool {
        end <= start && self.slice(end..start).trim() == "("
    }

    /// The byte range of the clause holding `pos`.
    fn clause_range(&self, pos: usize) -> Range<usize> {
        let clause = self.clause_of(pos);
        let start = match clause {
            0 => self.sentence.range.start,
            n => self.clause_starts[n - 1],
        };
        let end = self
            .clause_starts
            .get(clause)
            .copied()
            .unwrap_or(self.sentence.range.end);
        start..end
    }

    /// Whether a phrase of the language's `not_claims` governs the value: it stands in the
    /// value's clause or, for money, before it in the same part of the sentence ("GDP by
    /// up to €312bn ..., and by €122bn"), never after it ("invests €4bn, which could lift
    /// GDP").
    fn is_not_a_claim(&self, value: &Mention) -> bool {
        let Some(re) = &self.lang.not_claims else {
            return false;
        };
        let clause = self.clause_range(value.start);
        let start = match (&value.kind, self.part_of(value.start)) {
            (MentionKind::Amount(Value::Money(_)), 0) => self.sentence.range.start,
            (MentionKind::Amount(Value::Money(_)), n) => self.part_starts[n - 1],
            _ => clause.start,
        };
        re.is_match(self.slice(start.min(clause.start)..clause.end))
    }

    /// The first scope whose words stand in the value's clause.
    fn scope(&self, value: &Mention) -> Option<String> {
        let clause = self.slice(self.clause_range(value.start));
        self.lang
            .scopes
            .iter()
            .find(|(_, re)| re.is_match(clause))
            .map(|(id, _)| id.clone())
    }

    fn claim_for(&self, value: &Mention, ctx: &DocContext) -> Option<Claim> {
        if self.is_not_a_claim(value) {
            return None;
        }
        let (pred_index, trigger) = self.choose_predicate(value)?;
        let predicate = &self.rules.predicates[pred_index];
        let target = if predicate.def.kind == ValueKind::Money {
            self.target(value)
        } else {
            None
        };
        let subject = self.subject(value, predicate, target.as_ref().map(|t| t.0), ctx)?;
        let mut value_out = match &value.kind {
            MentionKind::Amount(v) => v.clone(),
            MentionKind::Date(d) => Value::Date(d.clone()),
            _ => return None,
        };
        if let (Value::Number(a), Some(unit)) = (&value_out, &predicate.def.unit) {
            let mut a = a.clone();
            a.unit = Some(unit.clone());
            value_out = Value::Count(a);
        } else if let (Value::Count(a), Some(unit)) = (&value_out, &predicate.def.unit) {
            let mut a = a.clone();
            a.unit = Some(unit.clone());
            value_out = Value::Count(a);
        }
        let mut rules = vec![value.rule.clone()];
        if trigger.is_some() {
            rules.push([&self.lang.code, "predicate", &predicate.def.id].join("."));
        }
        let time = match predicate.def.kind {
            ValueKind::Date => None,
            _ => self.time_scope(value, &mut rules),
        };
        let location = self.location(value, predicate, ctx);
        let entity_ref = |(id, text): (usize, String)| EntityRef {
            id: self.rules.gazetteer.entities[id].id.clone(),
            text,
        };
        Some(Claim {
            id: String::new(),
            doc: String::new(),
            lang: self.lang.code.clone(),
            subject: Some(subject),
            predicate: predicate.def.id.clone(),
            target: target.map(entity_ref),
            value: value_out,
            alt: Vec::new(),
            location: location.map(entity_ref),
            time,
            scope: self.scope(value),
            evidence: self.evidence(value),
            rules,
        })
    }

    /// The evidence of a claim on `value`: its sentence, or a window of the sentence around
    /// it when the sentence is longer than [`EVIDENCE_BOUND`].
    fn evidence(&self, value: &Mention) -> Evidence {
        let sentence = self.sentence.range.clone();
        if sentence.len() <= EVIDENCE_BOUND {
            return Evidence {
                text: self.slice(sentence.clone()).to_string(),
                start: sentence.start,
                end: sentence.end,
                sentence: None,
            };
        }
        let window = evidence_window(self.text, sentence.clone(), value.start..value.end);
        Evidence {
            text: self.slice(window.clone()).to_string(),
            start: window.start,
            end: window.end,
            sentence: Some(Span {
                start: sentence.start,
                end: sentence.end,
            }),
        }
    }

    /// The predicate of a value and the trigger that chose it (none when the unit alone
    /// does): trigger words of the value's own part of the sentence (up to a colon or
    /// semicolon), else the fallback predicate.
    fn choose_predicate(&self, value: &Mention) -> Option<(usize, Option<&'a Mention>)> {
        let part = self.part_of(value.start);
        let triggers: Vec<(usize, &'a Mention)> = self
            .mentions()
            .filter_map(|m| match m.kind {
                MentionKind::Trigger(p) => Some((p, m)),
                _ => None,
            })
            .collect();
        let own: Vec<_> = triggers
            .into_iter()
            .filter(|(_, m)| self.part_of(m.start) == part)
            .collect();
        self.predicate_from(value, &own)
            .filter(|(_, t)| t.is_none_or(|t| self.is_nearest_date(value, t)))
            .or_else(|| self.fallback_predicate(value))
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

    fn part_of(&self, pos: usize) -> usize {
        self.part_starts.partition_point(|&s| s <= pos)
    }

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
        for (index, predicate) in self.rules.predicates.iter().enumerate() {
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

    /// The predicate a value takes when no trigger word in its sentence says which.
    fn fallback_predicate(&self, value: &Mention) -> Option<(usize, Option<&'a Mention>)> {
        let kind = match &value.kind {
            MentionKind::Amount(Value::Money(_)) => ValueKind::Money,
            _ => return None,
        };
        self.rules
            .predicates
            .iter()
            .position(|p| p.def.fallback && p.def.kind == kind)
            .map(|i| (i, None))
    }

    /// The company a figure goes into: "15 million euros in Mistral".
    fn target(&self, value: &Mention) -> Option<(usize, String)> {
        let link = self.lang.target_link.as_ref()?;
        let rest = self.slice(value.end..self.sentence.range.end);
        link.find(rest)?;
        // A company followed by a figure of its own is that figure's subject, not a target:
        // "€1.2bn in France and Microsoft €500m".
        let clause = self.clause_of(value.start);
        let has_own_figure = |m: &Mention| {
            self.mentions().any(|a| {
                matches!(a.kind, MentionKind::Amount(_))
                    && a.start >= m.end
                    && a.start - m.end <= OWN_FIGURE_WINDOW
            })
        };
        self.actors()
            .into_iter()
            .find(|(id, m)| {
                m.start >= value.end
                    && m.start - value.end <= TARGET_WINDOW
                    && self.clause_of(m.start) == clause
                    && !has_own_figure(m)
                    && self.rules.gazetteer.entities[*id].kind == EntityKind::Company
            })
            .map(|(id, m)| (id, self.slice(m.start..m.end).to_string()))
    }

    /// Who governs the value: the first actor of its clause; else the nearest actor before
    /// it in the sentence; else what an anaphor before it refers to; else the first actor
    /// after it; else the company the text is about.
    fn subject(
        &self,
        value: &Mention,
        predicate: &Predicate,
        target: Option<usize>,
        ctx: &DocContext,
    ) -> Option<EntityRef> {
        let actors: Vec<(usize, &Mention)> = self
            .actors()
            .into_iter()
            .filter(|(id, _)| Some(*id) != target)
            .collect();
        let clause = self.clause_of(value.start);
        let in_clause: Vec<&(usize, &Mention)> = actors
            .iter()
            .filter(|(_, m)| self.clause_of(m.start) == clause)
            .collect();
        let as_ref = |id: usize, text: &str| EntityRef {
            id: self.rules.gazetteer.entities[id].id.clone(),
            text: text.to_string(),
        };
        if predicate.def.joint {
            if let Some(joint) = self.joint_subject(&in_clause) {
                return Some(joint);
            }
        }
        // A company right before the figure, nothing but space between, owns it: "... and
        // Microsoft €500m".
        let adjacent = in_clause.iter().find(|(_, m)| {
            m.end <= value.start && self.slice(m.end..value.start).trim().is_empty()
        });
        if let Some((id, m)) = adjacent.or(in_clause.first()) {
            return Some(as_ref(*id, self.slice(m.start..m.end)));
        }
        if let Some((id, m)) = self.topic(&actors, value) {
            return Some(as_ref(id, self.slice(m.start..m.end)));
        }
        // An anaphor refers to the last company before it, in this sentence or earlier
        // ones; so an actor before the value wins over an anaphor.
        if let Some((id, m)) = actors.iter().rev().find(|(_, m)| m.end <= value.start) {
            return Some(as_ref(*id, self.slice(m.start..m.end)));
        }
        let anaphor = self
            .mentions()
            .find(|m| m.kind == MentionKind::Anaphor && m.end <= value.start);
        if let (Some(a), Some((id, _))) = (anaphor, &ctx.salient) {
            return Some(as_ref(*id, self.slice(a.start..a.end)));
        }
        if let Some((id, m)) = actors.iter().find(|(_, m)| m.start >= value.end) {
            return Some(as_ref(*id, self.slice(m.start..m.end)));
        }
        ctx.salient
            .as_ref()
            .or(ctx.last_actor.as_ref())
            .or(ctx.topics.company.as_ref())
            .map(|(id, text)| as_ref(*id, text))
    }

    /// An actor standing alone before the sentence's first comma ("Alphabet, the parent of
    /// Google, made ..."): the sentence is about it, whatever the apposition names.
    fn topic(
        &self,
        actors: &[(usize, &'a Mention)],
        value: &Mention,
    ) -> Option<(usize, &'a Mention)> {
        let first = self.clause_range(self.sentence.range.start);
        if first.end > value.start {
            return None;
        }
        let words = self.slice(first.clone()).trim_end_matches([',', ' ']);
        actors
            .iter()
            .find(|(_, m)| m.start == first.start && self.slice(m.start..m.end) == words)
            .copied()
    }

    /// "Microsoft and Amazon ... $5.6 billion": a figure two actors share.
    fn joint_subject(&self, in_clause: &[&(usize, &Mention)]) -> Option<EntityRef> {
        let conj = self.lang.conjunction.as_ref()?;
        in_clause.windows(2).find_map(|pair| {
            let ((a, ma), (b, mb)) = (pair[0], pair[1]);
            (a != b && ma.end <= mb.start && conj.is_match(self.slice(ma.end..mb.start))).then(
                || EntityRef {
                    id: format!(
                        "{}+{}",
                        self.rules.gazetteer.entities[*a].id, self.rules.gazetteer.entities[*b].id
                    ),
                    text: self.slice(ma.start..mb.end).to_string(),
                },
            )
        })
    }

    /// The place of a value: the nearest place of its clause, else of its sentence, else
    /// (for predicates that are located) the document's main place.
    fn location(
        &self,
        value: &Mention,
        predicate: &Predicate,
        ctx: &DocContext,
    ) -> Option<(usize, String)> {
        let places = self.places();
        let clause = self.clause_of(value.start);
        // A place after the figure ("... in France") is likelier its own than one before.
        let nearest = |same_clause: bool| {
            places
                .iter()
                .filter(|(_, m)| !same_clause || self.clause_of(m.start) == clause)
                .min_by_key(|(_, m)| distance(m, value) * if m.end <= value.start { 2 } else { 1 })
                .map(|(id, m)| (*id, self.slice(m.start..m.end).to_string()))
        };
        nearest(true).or_else(|| nearest(false)).or_else(|| {
            predicate
                .def
                .located
                .then(|| ctx.topics.place.clone())
                .flatten()
        })
    }

    /// The time scope of a value: the nearest time expression of its own clause, else the
    /// nearest one before it in the sentence ("By 2027, Microsoft will train ..."; one
    /// after it in another clause belongs to another figure), and whether an
    /// earlier-commitment marker covers it.
    fn time_scope(&self, value: &Mention, rules: &mut Vec<String>) -> Option<TimeScope> {
        let clause = self.clause_of(value.start);
        let mut scope = self
            .mentions()
            .filter_map(|m| match &m.kind {
                MentionKind::Time(t) => Some((m, t)),
                _ => None,
            })
            .filter(|(m, _)| self.clause_of(m.start) == clause || m.end <= value.start)
            .min_by_key(|(m, _)| (self.clause_of(m.start) != clause, distance(m, value)))
            .map(|(m, t)| {
                rules.push(m.rule.clone());
                t.clone()
            })
            .unwrap_or_default();
        if self.is_prior(value) {
            scope.prior = true;
            rules.push(format!("{}.prior", self.lang.code));
        }
        (!scope.is_empty()).then_some(scope)
    }

    fn is_prior(&self, value: &Mention) -> bool {
        let amounts: Vec<&Mention> = self
            .mentions()
            .filter(|m| matches!(m.kind, MentionKind::Amount(_)))
            .collect();
        self.mentions().any(|m| match m.kind {
            MentionKind::Prior { before: true } => {
                m.end <= value.start
                    && value.start - m.end <= PRIOR_WINDOW
                    && !amounts
                        .iter()
                        .any(|a| a.start >= m.end && a.end <= value.start)
            }
            MentionKind::Prior { before: false } => {
                value.end <= m.start
                    && m.start - value.end <= PRIOR_WINDOW
                    && !amounts
                        .iter()
                        .any(|a| a.start >= value.end && a.end <= m.start)
            }
            _ => false,
        })
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

/// Bytes between two spans (0 when they overlap).
fn distance(a: &Mention, b: &Mention) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// Where the clauses of a sentence start: after ", ", ";", ":" and dashes between spaces;
/// and where its parts start: after ";" and ":" only.
fn boundaries(text: &str, range: Range<usize>) -> (Vec<usize>, Vec<usize>) {
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    let space_at = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_whitespace);
    let space_before = |i: usize| i > 0 && space_at(i - 1);
    let (mut clauses, mut parts) = (Vec::new(), Vec::new());
    // Bytes, not chars: every marker but the dashes is ASCII, and a dash's first byte
    // (0xE2) never starts anything else that is one.
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
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
    (clauses, parts)
}
