//! The roles of a claim's value: who governs it (subject), what company it goes into
//! (target), where (location) and when (time scope, and whether it was committed earlier).

use crate::extract::{Mention, MentionKind};
use crate::rules::{EntityKind, Predicate};
use crate::value::TimeScope;

use super::assemble::DocContext;
use super::predicate::same_kind;
use super::sentence::{distance, SentenceReader};
use super::EntityRef;

/// How far (bytes) after a figure the company it goes into may be named.
const TARGET_WINDOW: usize = 90;
/// How close (bytes) after a company a figure is that company's own.
const OWN_FIGURE_WINDOW: usize = 12;
/// How many words may stand between a trigger and the company it acts on ("buy Welsh
/// family-owned biscuit maker Pellow").
const OBJECT_WORDS: usize = 4;
/// How far (bytes) an earlier-commitment marker reaches.
const PRIOR_WINDOW: usize = 100;

impl<'a> SentenceReader<'a> {
    /// The company a figure goes into: "15 million euros in Mistral".
    pub(super) fn target(&self, value: &Mention) -> Option<(usize, String)> {
        let link = self.words.target_link.as_ref()?;
        let rest = self.slice(value.end..self.sentence.range.end);
        link.find(rest)?;
        // A company followed by a figure of its own is that figure's subject, not a target:
        // "€1.2bn in France and Microsoft €500m".
        let clause = self.clauses.clause_of(value.start);
        let has_own_figure = |m: &Mention| {
            self.mentions().any(|a| {
                matches!(a.kind, MentionKind::Amount(_))
                    && a.start >= m.end
                    && a.start - m.end <= OWN_FIGURE_WINDOW
            })
        };
        self.actors()
            .iter()
            .copied()
            .find(|(id, m)| {
                m.start >= value.end
                    && m.start - value.end <= TARGET_WINDOW
                    && self.clauses.clause_of(m.start) == clause
                    && !has_own_figure(m)
                    && self.entities[*id].kind == EntityKind::Company
            })
            .map(|(id, m)| (id, self.slice(m.start..m.end).to_string()))
    }

    /// The company named within [`OBJECT_WORDS`] words after `trigger`, in the trigger's
    /// clause: what its verb acts on ("buy contract manufacturer Catalent"), even where an
    /// apposition stands between it and `value` ("agreed to buy Celestra Bio, a San Diego
    /// biotech …, for $4.8bn").
    pub(super) fn object_of(&self, trigger: &Mention, value: &Mention) -> Option<(usize, String)> {
        let clause = self.clauses.clause_of(trigger.start);
        if self.clauses.part_of(trigger.start) != self.clauses.part_of(value.start) {
            return None;
        }
        self.actors()
            .iter()
            .find(|(id, m)| {
                m.start >= trigger.end
                    && self.slice(trigger.end..m.start).split_whitespace().count() <= OBJECT_WORDS
                    && self.clauses.clause_of(m.start) == clause
                    && self.entities[*id].kind == EntityKind::Company
            })
            .map(|&(id, m)| (id, self.slice(m.start..m.end).to_string()))
    }

    /// Who governs the value: the first actor of its clause; else the one company that ends
    /// the sentence's first clause (`topic`); else the nearest actor before it in the
    /// sentence; else what an anaphor before it refers to; else the first actor after it;
    /// else [`SentenceReader::fallback_subject`].
    pub(super) fn subject(
        &self,
        value: &Mention,
        predicate: &Predicate,
        target: Option<usize>,
        ctx: &DocContext,
    ) -> Option<EntityRef> {
        let kind_of = |id: usize| self.entities[id].kind;
        let actors: Vec<(usize, &Mention)> = self
            .actors()
            .iter()
            .copied()
            .filter(|(id, _)| Some(*id) != target && predicate.def.takes_subject(kind_of(*id)))
            .filter(|(_, m)| !self.in_closed_relative_clause(m, value))
            .collect();
        let clause = self.clauses.clause_of(value.start);
        let in_clause: Vec<&(usize, &Mention)> = actors
            .iter()
            .filter(|(_, m)| self.clauses.clause_of(m.start) == clause)
            .collect();
        let as_ref = |id: usize, text: &str| EntityRef {
            id: self.entities[id].id.as_str().into(),
            text: text.into(),
        };
        if let Some((id, m)) = self.respective_actor(value, &in_clause) {
            return Some(as_ref(id, self.slice(m.start..m.end)));
        }
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
        // An anaphor of the figure's own clause names the sentence's first company: "X
        // agreed to buy Y from Z, the group said on Monday".
        let own_anaphor = self.mentions().find(|m| {
            m.kind == MentionKind::Anaphor
                && m.end <= value.start
                && self.clauses.clause_of(m.start) == clause
        });
        let first_company = actors
            .iter()
            .find(|(id, _)| kind_of(*id) == EntityKind::Company);
        if let (Some(_), Some((id, m))) = (own_anaphor, first_company) {
            return Some(as_ref(*id, self.slice(m.start..m.end)));
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
        self.fallback_subject(predicate, target, ctx)
    }

    /// Whether `actor` stands in a relative clause that a comma closes before `value`:
    /// "Corran Appliances, which is owned by Holmvik AB, told staff that 385 jobs would be
    /// lost" names Holmvik only to say who owns Corran.
    pub(super) fn in_closed_relative_clause(&self, actor: &Mention, value: &Mention) -> bool {
        if actor.end > value.start {
            return false;
        }
        let sentence = self.sentence.range.start;
        let Some(opening) = self.slice(sentence..actor.start).rfind(',') else {
            return false;
        };
        let Some(closing) = self.slice(actor.end..value.start).find(',') else {
            return false;
        };
        let clause = self.slice(sentence + opening + 1..actor.end + closing);
        !clause.contains([';', ':']) && self.words.is_relative_clause(clause)
    }

    /// The subject of a figure whose sentence names no actor for it: a company the
    /// sentence names as its source ("Met de overname is 85 miljoen euro gemoeid, meldt
    /// Dekamart"); else the company of the sentences before, the last actor, or the
    /// company the text is about.
    fn fallback_subject(
        &self,
        predicate: &Predicate,
        target: Option<usize>,
        ctx: &DocContext,
    ) -> Option<EntityRef> {
        let takes = |id: usize| predicate.def.takes_subject(self.entities[id].kind);
        let as_ref = |id: usize, text: &str| EntityRef {
            id: self.entities[id].id.as_str().into(),
            text: text.into(),
        };
        let reporting = (self.reporting.iter()).find(|(id, _)| Some(*id) != target && takes(*id));
        if let Some((id, m)) = reporting {
            return Some(as_ref(*id, self.slice(m.start..m.end)));
        }
        [&ctx.salient, &ctx.last_actor]
            .into_iter()
            .flatten()
            .chain(&ctx.topics.companies)
            .find(|(id, _)| takes(*id) && !self.bystanders.contains(id))
            .map(|(id, text)| as_ref(*id, text))
    }

    /// The one actor of the sentence's first clause, when it ends that clause before a
    /// comma ("Alphabet, the parent of Google, made ..."; "Le transporteur Transports
    /// Morvan, filiale du groupe Van Dijk, a présenté ..."): the sentence is about it,
    /// whatever the apposition names.
    fn topic(
        &self,
        actors: &[(usize, &'a Mention)],
        value: &Mention,
    ) -> Option<(usize, &'a Mention)> {
        let first = self.clauses.clause_range(self.sentence.range.start);
        if first.end > value.start {
            return None;
        }
        let words = self.slice(first.clone()).trim_end_matches([',', ' ']);
        let words_end = first.start + words.len();
        let mut in_first = actors.iter().filter(|(_, m)| first.contains(&m.start));
        match (in_first.next(), in_first.next()) {
            (Some(&(id, m)), None)
                if self.ends_name(m.end..words_end) && self.describes(first.start..m.start) =>
            {
                Some((id, m))
            }
            _ => None,
        }
    }

    /// Whether the words of `range`, after a name, are none or its legal form ("Ltd").
    fn ends_name(&self, range: std::ops::Range<usize>) -> bool {
        let rest = self.slice(range).trim();
        rest.is_empty() || self.organisations.is_legal_form(rest)
    }

    /// Whether the words of `range` only describe the name after them: none, or words in
    /// lower case or with a hyphen ("Harrogate-based"), or any nouns in a language that
    /// capitalises them, after one of the words a sentence opens with ("Le transporteur
    /// routier", "The family-owned retailer", "Der Zulieferer"); not a verb written before
    /// the name ("C'est la société").
    fn describes(&self, range: std::ops::Range<usize>) -> bool {
        let rules = self.organisations;
        let mut words = self.slice(range).split_whitespace().peekable();
        words.next_if(|w| rules.is_article(w));
        words.all(|w| {
            rules.capitalised_nouns || w.contains('-') || !w.starts_with(char::is_uppercase)
        })
    }

    /// "Croqualia et Felisud ont été sanctionnés respectivement à hauteur de 24,8 millions et
    /// 8 millions d'euros": where the clause says "respectively", its actors before the
    /// figures pair with its figures of the value's kind in order, as many as there are.
    fn respective_actor(
        &self,
        value: &Mention,
        in_clause: &[&(usize, &'a Mention)],
    ) -> Option<(usize, &'a Mention)> {
        let clause = self.clauses.clause_range(value.start);
        let respectively = self.words.respectively.as_ref()?;
        if !respectively.is_match(self.slice(clause.clone())) {
            return None;
        }
        let figures: Vec<&Mention> = self
            .mentions()
            .filter(|m| clause.contains(&m.start) && same_kind(m, value))
            .collect();
        let first = figures.first()?;
        let actors: Vec<&(usize, &Mention)> = in_clause
            .iter()
            .copied()
            .filter(|(_, m)| m.end <= first.start)
            .collect();
        let at = figures.iter().position(|m| std::ptr::eq(*m, value))?;
        (figures.len() >= 2 && actors.len() == figures.len()).then(|| *actors[at])
    }

    /// "Microsoft and Amazon ... $5.6 billion": a figure two actors share.
    fn joint_subject(&self, in_clause: &[&(usize, &Mention)]) -> Option<EntityRef> {
        in_clause.windows(2).find_map(|pair| {
            let ((a, ma), (b, mb)) = (pair[0], pair[1]);
            (a != b && ma.end <= mb.start && self.words.joins(self.slice(ma.end..mb.start))).then(
                || EntityRef {
                    id: format!("{}+{}", self.entities[*a].id, self.entities[*b].id).into(),
                    text: self.slice(ma.start..mb.end).into(),
                },
            )
        })
    }

    /// The place of a value: the country a nationality adjective among its own words
    /// names (or a place of its clause inside that country), else the nearest place of its
    /// clause (or the innermost place of the clause inside it), else the country a
    /// nationality adjective of its clause names or that "the country" there stands for,
    /// else the nearest place of its sentence,
    /// else (for predicates that are located) the document's main place; a place with no
    /// other figure between it and the value before one with. Whether it is the
    /// document's place, not one its sentence gives, comes with it.
    pub(super) fn location(
        &self,
        value: &Mention,
        predicate: &Predicate,
        ctx: &DocContext,
    ) -> Option<((usize, String), bool)> {
        let places = self.places();
        let clause = self.clauses.clause_of(value.start);
        let amounts: Vec<&Mention> = self
            .mentions()
            .filter(|m| matches!(m.kind, MentionKind::Amount(_)))
            .collect();
        // Another figure between a place and this one takes the place first ("540 jobs in
        // France, 424 in Toulouse": Toulouse is the 424's).
        let shielded = |m: &Mention| {
            let (from, to) = match m.end <= value.start {
                true => (m.end, value.start),
                false => (value.end, m.start),
            };
            amounts.iter().any(|a| a.start >= from && a.end <= to)
        };
        // The nearest place ([`place_distance`]), one no other figure shields first; then
        // the innermost place named inside it there ("in Spain's Aragon", "à Magdebourg,
        // dans le land allemand de Saxe-Anhalt"): together they name one place, the finer.
        let gazetteer = &self.rules.gazetteer;
        let nearest = |same_clause: bool| {
            let candidates: Vec<_> = places
                .iter()
                .filter(|(_, m)| !same_clause || self.clauses.clause_of(m.start) == clause)
                .collect();
            let (id, m) = candidates
                .iter()
                .min_by_key(|(_, m)| (shielded(m), place_distance(m.start..m.end, value)))?;
            let (id, m) = candidates
                .iter()
                .filter(|(inner, m)| !shielded(m) && gazetteer.is_within(*inner, *id))
                .max_by_key(|(inner, _)| gazetteer.depth(*inner))
                .map_or((id, m), |(inner, m)| (inner, m));
            Some((*id, self.slice(m.start..m.end).to_string()))
        };
        // An adjective in the figure's own words ("drei große europäische Rechenzentren",
        // "450 French jobs") places what it counts, unless the clause names a place inside
        // that country ("450 French jobs in Toulouse").
        if let Some(own) = self.own_nationality(value) {
            let inside = nearest(true).filter(|(id, _)| gazetteer.is_within(*id, own.0));
            return Some((inside.unwrap_or(own), false));
        }
        let in_sentence = nearest(true)
            .or_else(|| self.nationality(value))
            .or_else(|| self.the_country(value, ctx))
            .or_else(|| nearest(false));
        match in_sentence {
            Some(place) => Some((place, false)),
            None => predicate
                .def
                .located
                .then(|| ctx.topics.place.as_ref()?.for_figure_at(value.start))
                .flatten()
                .map(|place| (place, true)),
        }
    }

    /// The country a nationality adjective of the value's clause names ("in French data
    /// centres", "an den deutschen Standorten"), the nearest one, after the value before
    /// one before it: an adjective within three words after a place word of the language
    /// (`[organisations] place_words`), not inside a name ("the German government") nor
    /// describing an actor named within three words after it ("in Canadian fund
    /// Brookfield's centres": its home, not the figure's place).
    fn nationality(&self, value: &Mention) -> Option<(usize, String)> {
        let clause = self.clauses.clause_range(value.start);
        let slice = &self.text[clause.clone()];
        let inside_mention = |at: usize, end: usize| {
            self.mentions()
                .any(|m| m.start < end && at < m.end && !m.is_claim_value())
        };
        let describes_actor = |end: usize| {
            self.actors().iter().any(|(_, m)| {
                m.start >= end && self.text[end..m.start].split_whitespace().count() <= 3
            })
        };
        // A place word ("in", "dans", "an") within three words before it: "in French data
        // centres", not "the American company".
        let organisations = &self.rules.languages.get(&self.sentence.lang)?.organisations;
        let placed = |at: usize| {
            self.text[clause.start..at]
                .split_whitespace()
                .rev()
                .take(3)
                .any(|w| organisations.is_place_word(w))
        };
        // In id order, then text order: the first of the nearest wins.
        let mut found: Vec<(&str, std::ops::Range<usize>)> = self
            .words
            .nationalities
            .find_iter(slice)
            .map(|(id, at)| (id, clause.start + at.start..clause.start + at.end))
            .collect();
        found.sort_by_key(|(id, at)| (*id, at.start));
        found
            .into_iter()
            .filter(|(_, at)| {
                placed(at.start) && !inside_mention(at.start, at.end) && !describes_actor(at.end)
            })
            .filter_map(|(id, at)| Some((self.rules.gazetteer.index_of(id)?, at)))
            .min_by_key(|(_, at)| place_distance(at.clone(), value))
            .map(|(index, at)| (index, self.text[at].to_string()))
    }

    /// The country (or continent) a nationality adjective among the figure's own words
    /// names: "drei große europäische Rechenzentren", "Vier Europese datacenters".
    fn own_nationality(&self, value: &Mention) -> Option<(usize, String)> {
        let words = self.slice(value.start..value.end);
        let (id, at) = self.words.nationalities.find_iter(words).next()?;
        Some((self.rules.gazetteer.index_of(id)?, words[at].to_string()))
    }

    /// The country of the document's main place where the value's clause names it by a
    /// `[references] country` phrase ("across the country", "dans tout le pays", "in het
    /// land", "bundesweit").
    fn the_country(&self, value: &Mention, ctx: &DocContext) -> Option<(usize, String)> {
        let clause = self.clauses.clause_range(value.start);
        let found = self
            .words
            .country
            .as_ref()?
            .find(&self.text[clause.clone()])?;
        let (place, _) = ctx.topics.place.as_ref()?.place;
        let gazetteer = &self.rules.gazetteer;
        let country = (place < gazetteer.entities.len()).then(|| gazetteer.outermost(place))?;
        let words = &self.text[clause.start + found.start()..clause.start + found.end()];
        Some((country, words.to_string()))
    }

    /// The time scope of a value: the nearest time expression of its own clause, else the
    /// nearest one before it in the sentence ("By 2027, Microsoft will train ..."; one
    /// after it in another clause belongs to another figure), and whether an
    /// earlier-commitment marker covers it.
    pub(super) fn time_scope(&self, value: &Mention, rules: &mut Vec<String>) -> Option<TimeScope> {
        let clause = self.clauses.clause_of(value.start);
        let mut scope = self
            .mentions()
            .filter_map(|m| match &m.kind {
                MentionKind::Time(t) => Some((m, t)),
                _ => None,
            })
            .filter(|(m, _)| self.clauses.clause_of(m.start) == clause || m.end <= value.start)
            .filter(|(m, _)| !self.is_history(m))
            .min_by_key(|(m, _)| {
                (
                    self.clauses.clause_of(m.start) != clause,
                    distance(m, value),
                )
            })
            .map(|(m, t)| {
                rules.push(m.rule.clone());
                t.clone()
            })
            .unwrap_or_default();
        if self.is_prior(value) {
            scope.prior = true;
            rules.push(format!("{}.prior", self.sentence.lang));
        }
        (!scope.is_empty()).then_some(scope)
    }

    /// Whether time mention `m` is a date of a company's history ("founded in 2019"): the
    /// `[time] history` words stand right before it.
    fn is_history(&self, m: &Mention) -> bool {
        let start = self.clauses.clause_range(m.start).start;
        let before = self.slice(start.min(m.start)..m.start);
        self.words
            .history
            .as_ref()
            .is_some_and(|re| re.is_match(before))
    }

    /// Whether an earlier-commitment marker covers `value`: within [`PRIOR_WINDOW`] on
    /// its side of the figure, with no other amount between them.
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

/// How far words at `at` stand from `value`, as a place of it: one after the figure ("...
/// in France") is likelier its own than one as far before it, so a distance before counts
/// twice.
pub(super) fn place_distance(at: std::ops::Range<usize>, value: &Mention) -> usize {
    let before = at.end <= value.start;
    let gap = value
        .start
        .saturating_sub(at.end)
        .max(at.start.saturating_sub(value.end));
    gap * if before { 2 } else { 1 }
}
