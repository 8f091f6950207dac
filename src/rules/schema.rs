//! The rule files as written: one serde struct per table of `predicates.toml`,
//! `entities.toml` and a language's file (`en.toml`), and the parse that reports a
//! file's errors with their place.
//!
//! Unknown keys are refused everywhere (`deny_unknown_fields`), so a misspelt key is an
//! error rather than a rule silently ignored. docs/rules.md describes every key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::examples::Example;
use crate::error::{Error, Result};

/// Parse the TOML file at `path` (for messages) into `T`, its errors placed at their line
/// and given a hint at the likely fix.
pub(super) fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start);
        let message = e.message().trim().to_string();
        let hint = if message.contains("unknown field") {
            Some("check the spelling against docs/rules.md; unknown keys are refused")
        } else if message.contains("missing field") || message.contains("invalid type") {
            Some("docs/rules.md gives every table's keys and the type of each")
        } else {
            Some("TOML syntax: check the quotes, brackets and commas at this place")
        };
        Error::rule_at(path, text, offset, message, hint)
    })
}

/// `predicates.toml`: the predicates claims can have.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PredicatesFile {
    pub(super) predicate: Vec<Spanned<PredicateDef>>,
}

/// A predicate as declared in `predicates.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PredicateDef {
    /// The predicate's id, as it appears in claims.
    pub id: String,
    /// The kind of value it takes.
    pub kind: ValueKind,
    /// For counts: the unit the claim is reported in.
    #[serde(default)]
    pub unit: Option<String>,
    /// Count units that make this predicate's claim without a trigger word.
    #[serde(default)]
    pub units: Vec<String>,
    /// Count units that fit when one of the predicate's trigger words is in the sentence.
    #[serde(default)]
    pub accepts: Vec<String>,
    /// A bare number (no unit) right after a trigger word fits.
    #[serde(default)]
    pub bare: bool,
    /// Higher wins when several predicates' triggers are in one sentence.
    #[serde(default)]
    pub priority: i32,
    /// Whether the claim falls back to the document's main place when its sentence names none.
    #[serde(default = "yes")]
    pub located: bool,
    /// Two companies joined by a conjunction share the figure ("Microsoft and Amazon ...
    /// $5.6 billion" is a claim of `microsoft+amazon`).
    #[serde(default)]
    pub joint: bool,
    /// The company named within a few words after the predicate's trigger word, in the
    /// figure's clause, is its target, never its subject ("X agreed to buy rival Y for
    /// $2bn": Y is acquired).
    #[serde(default)]
    pub target_after_trigger: bool,
    /// A spelled-out two right next to a trigger word of this predicate is its figure
    /// ("fermer deux usines", "close two plants"); elsewhere a two is no figure.
    #[serde(default)]
    pub small_counts: bool,
    /// A value of this predicate's kind with no trigger word in its sentence takes this
    /// predicate (at most one per kind).
    #[serde(default)]
    pub fallback: bool,
    /// The least amount that takes this predicate as the fallback: a price of €12.40 with
    /// no trigger word is nobody's investment.
    #[serde(default)]
    pub fallback_min: f64,
    /// The kinds of entity that can fill the subject role ("fined": a company, never the
    /// authority that fines); empty: any actor.
    #[serde(default)]
    pub subject: Vec<EntityKind>,
}

impl PredicateDef {
    /// Whether this predicate's figures may count in `unit`: its own unit, one of its
    /// `units` or of the units it `accepts`.
    pub fn counts_in(&self, unit: &str) -> bool {
        let mut units = self.unit.iter().chain(&self.units).chain(&self.accepts);
        units.any(|u| u == unit)
    }

    /// Whether an entity of `kind` can be this predicate's subject.
    pub fn takes_subject(&self, kind: EntityKind) -> bool {
        kind.is_actor() && (self.subject.is_empty() || self.subject.contains(&kind))
    }
}

/// `[predicate_settings.ID]` in a language file: the settings of a predicate that differ in
/// this language from `predicates.toml` (its id, kind and unit do not).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PredicateSettings {
    pub(super) units: Option<Vec<String>>,
    pub(super) accepts: Option<Vec<String>>,
    pub(super) bare: Option<bool>,
    pub(super) priority: Option<i32>,
    pub(super) located: Option<bool>,
    pub(super) joint: Option<bool>,
    pub(super) target_after_trigger: Option<bool>,
    pub(super) small_counts: Option<bool>,
    pub(super) fallback: Option<bool>,
    pub(super) fallback_min: Option<f64>,
    pub(super) subject: Option<Vec<EntityKind>>,
}

impl PredicateSettings {
    /// `def` with these settings in place of its own.
    pub(super) fn apply(&self, def: &mut PredicateDef) {
        fn set<T: Clone>(to: &mut Vec<T>, from: &Option<Vec<T>>) {
            if let Some(from) = from {
                to.clone_from(from);
            }
        }
        set(&mut def.units, &self.units);
        set(&mut def.accepts, &self.accepts);
        set(&mut def.subject, &self.subject);
        def.bare = self.bare.unwrap_or(def.bare);
        def.priority = self.priority.unwrap_or(def.priority);
        def.located = self.located.unwrap_or(def.located);
        def.joint = self.joint.unwrap_or(def.joint);
        def.target_after_trigger = self
            .target_after_trigger
            .unwrap_or(def.target_after_trigger);
        def.small_counts = self.small_counts.unwrap_or(def.small_counts);
        def.fallback = self.fallback.unwrap_or(def.fallback);
        def.fallback_min = self.fallback_min.unwrap_or(def.fallback_min);
    }
}

/// The default of flags that are on unless a rule file turns them off.
fn yes() -> bool {
    true
}

/// The kind of value a predicate takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// An amount in a currency.
    Money,
    /// A number of things (jobs, people, sites...).
    Count,
    /// A day.
    Date,
}

/// `entities.toml`: the gazetteer as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntitiesFile {
    pub(super) entity: Vec<Spanned<EntityDef>>,
}

/// One `[[entity]]`: an id, its kind, the names it is found by (in every language and
/// per language) and what it belongs to.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntityDef {
    pub(super) id: String,
    pub(super) kind: EntityKind,
    #[serde(default)]
    pub(super) names: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) aliases: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) parent: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) rollup: bool,
    #[serde(default)]
    pub(super) needs_country: bool,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A company: can be a claim's subject or target.
    Company,
    /// A non-company organisation (a fund, an agency): can be a subject.
    Organization,
    /// A trade union: a party to a deal, the subject of what a predicate's `subject`
    /// allows it to be (no company's cuts or announcements are its own).
    Union,
    /// A government or state: can be a subject.
    Government,
    /// An event such as a summit: can be the subject of a total.
    Event,
    /// A person; usually rolls up to their organisation.
    Person,
    /// A place: a claim's location.
    Place,
}

impl EntityKind {
    /// Whether entities of this kind can make, announce or receive investments.
    pub fn is_actor(self) -> bool {
        !matches!(self, EntityKind::Place)
    }
}

/// A rule folder's addition to a language's rule file (`en.add.toml`): the tables a rule
/// author extends without copying the file. Each list adds to the file's list of the same
/// name; its frames are tried before the file's; its settings of a predicate replace the
/// file's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageAddition {
    #[serde(default)]
    pub(super) predicates: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) predicate_settings: BTreeMap<String, Spanned<PredicateSettings>>,
    #[serde(default)]
    pub(super) not_claims: NotClaimsDef,
    #[serde(default)]
    pub(super) scopes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) nationalities: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) references: ReferencesDef,
    #[serde(default)]
    pub(super) organisations: OrganisationsDef,
    #[serde(default)]
    pub(super) frames: Vec<Spanned<FrameDef>>,
    #[serde(default)]
    pub(super) examples: Vec<Spanned<Example>>,
}

impl LanguageFile {
    /// The file with `more` added: trigger words, patterns, scope words and references
    /// after the file's own, frames before them, examples after them.
    pub(super) fn add(&mut self, more: LanguageAddition) {
        for (predicate, words) in more.predicates {
            self.predicates.entry(predicate).or_default().extend(words);
        }
        // An addition's settings of a predicate replace the file's.
        self.predicate_settings.extend(more.predicate_settings);
        self.not_claims.patterns.extend(more.not_claims.patterns);
        self.not_claims
            .conditions
            .extend(more.not_claims.conditions);
        for (scope, words) in more.scopes {
            self.scopes.entry(scope).or_default().extend(words);
        }
        for (place, words) in more.nationalities {
            self.nationalities.entry(place).or_default().extend(words);
        }
        let (refs, add) = (&mut self.references, more.references);
        refs.anaphors.extend(add.anaphors);
        refs.target_links.extend(add.target_links);
        refs.conjunctions.extend(add.conjunctions);
        refs.sources.extend(add.sources);
        refs.event_agents.extend(add.event_agents);
        refs.country.extend(add.country);
        refs.respectively.extend(add.respectively);
        refs.relative_pronouns.extend(add.relative_pronouns);
        refs.relative_articles.extend(add.relative_articles);
        let (orgs, add) = (&mut self.organisations, more.organisations);
        orgs.cues.extend(add.cues);
        orgs.between.extend(add.between);
        orgs.capitalised_nouns |= add.capitalised_nouns;
        orgs.articles.extend(add.articles);
        orgs.legal_forms.extend(add.legal_forms);
        orgs.actions.extend(add.actions);
        orgs.place_words.extend(add.place_words);
        orgs.complement_words.extend(add.complement_words);
        orgs.apposition_articles.extend(add.apposition_articles);
        orgs.reporting_verbs.extend(add.reporting_verbs);
        orgs.genitive_endings.extend(add.genitive_endings);
        orgs.place_adjectives.extend(add.place_adjectives);
        orgs.common_words.extend(add.common_words);
        orgs.owners.extend(add.owners);
        orgs.designators.extend(add.designators);
        orgs.leading_designators.extend(add.leading_designators);
        orgs.subsidiary_cues.extend(add.subsidiary_cues);
        orgs.investor_designators.extend(add.investor_designators);
        orgs.possessives.extend(add.possessives);
        orgs.home_suffixes.extend(add.home_suffixes);
        orgs.investor_cues.extend(add.investor_cues);
        orgs.inverted_actions.extend(add.inverted_actions);
        let own = std::mem::replace(&mut self.frames, more.frames);
        self.frames.extend(own);
        self.examples.extend(more.examples);
    }
}

/// A language's rule file (`en.toml`): one field per table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageFile {
    pub(super) language: LanguageHeader,
    pub(super) numbers: NumbersDef,
    pub(super) money: MoneyDef,
    pub(super) currency: Vec<CurrencyDef>,
    pub(super) qualifiers: BTreeMap<String, Spanned<Vec<String>>>,
    pub(super) ranges: RangesDef,
    pub(super) units: UnitsDef,
    pub(super) dates: DatesDef,
    pub(super) time: TimeDef,
    pub(super) predicates: BTreeMap<String, Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) predicate_settings: BTreeMap<String, Spanned<PredicateSettings>>,
    #[serde(default)]
    pub(super) not_claims: NotClaimsDef,
    #[serde(default)]
    pub(super) scopes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) nationalities: BTreeMap<String, Vec<String>>,
    pub(super) references: ReferencesDef,
    #[serde(default)]
    pub(super) organisations: OrganisationsDef,
    #[serde(default)]
    pub(super) frames: Vec<Spanned<FrameDef>>,
    pub(super) segment: SegmentDef,
    #[serde(default)]
    pub(super) examples: Vec<Spanned<Example>>,
}

/// One `[[frames]]` entry: a pattern by which the language expresses a predicate and
/// binds its roles (see `rules::frames`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FrameDef {
    pub(super) predicate: String,
    pub(super) pattern: String,
    /// A short name for its rule id (`passive`: `en.frame.fined.passive`); else its number.
    #[serde(default)]
    pub(super) name: Option<String>,
    /// The kind of value it binds, for a frame of no claim: "what the restructuring costs"
    /// is no claim for money, while "the restructuring costs 4,000 jobs" is one.
    #[serde(default)]
    pub(super) kind: Option<Spanned<ValueKind>>,
}

/// `[language]`: the code, the name, how the detector knows it and its function words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LanguageHeader {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) detector: Spanned<String>,
    #[serde(default)]
    pub(super) number_words: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) function_words: Vec<Spanned<String>>,
    /// Place ids of the countries the language's news is mostly about: a town that needs
    /// its country named is placed in one of them without it.
    #[serde(default)]
    pub(super) home_countries: Vec<String>,
}

/// `[numbers]`: separators, scale words, named numbers, percent and minus words, fractions.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NumbersDef {
    pub(super) decimal: Vec<String>,
    pub(super) group: Vec<String>,
    #[serde(default)]
    pub(super) one: Vec<String>,
    #[serde(default)]
    pub(super) percent: Vec<String>,
    pub(super) scales: Vec<ScaleDef>,
    #[serde(default)]
    pub(super) attached_only: Vec<String>,
    #[serde(default)]
    pub(super) before_scale: Vec<String>,
    #[serde(default)]
    pub(super) named: Vec<NamedDef>,
    #[serde(default)]
    pub(super) minus: Vec<String>,
    #[serde(default)]
    pub(super) exponent: Vec<String>,
    #[serde(default)]
    pub(super) power: Vec<String>,
    #[serde(default)]
    pub(super) respell: Vec<(String, String)>,
    #[serde(default)]
    pub(super) vague: Vec<String>,
    #[serde(default)]
    pub(super) fractions: FractionsDef,
}

/// `[numbers.fractions]`: how fractions are written in words and digits.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FractionsDef {
    #[serde(default)]
    pub(super) denominators: Vec<DenominatorDef>,
    #[serde(default)]
    pub(super) plural: Vec<String>,
    #[serde(default)]
    pub(super) of: Vec<String>,
    #[serde(default)]
    pub(super) and: Vec<String>,
    #[serde(default)]
    pub(super) over: Vec<String>,
    #[serde(default)]
    pub(super) slash: Vec<String>,
    #[serde(default)]
    pub(super) bare_mixed: bool,
}

/// A denominator that is not an ordinal ("half": 2).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DenominatorDef {
    pub(super) words: Vec<String>,
    pub(super) value: f64,
}

/// A word standing for a round figure ("une centaine"), with its qualifier.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NamedDef {
    pub(super) words: Vec<String>,
    pub(super) value: f64,
    pub(super) qualifier: Spanned<String>,
}

/// A scale word ("million") and its multiplier; `alone` when it is a number by itself.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScaleDef {
    pub(super) words: Vec<String>,
    pub(super) value: f64,
    #[serde(default)]
    pub(super) alone: bool,
}

/// `[money]`: link words, the hundredth unit and scale prefixes of currency codes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MoneyDef {
    #[serde(default)]
    pub(super) links: Vec<String>,
    #[serde(default)]
    pub(super) minor: Vec<String>,
    #[serde(default)]
    pub(super) minor_links: Vec<String>,
    #[serde(default)]
    pub(super) code_prefixes: Vec<CodePrefixDef>,
}

/// A scale prefix glued to a currency code ("M" in "MEUR": 1e6).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CodePrefixDef {
    pub(super) prefix: String,
    pub(super) value: f64,
}

/// One `[[currency]]`: its ISO code, symbols and words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CurrencyDef {
    pub(super) code: String,
    #[serde(default)]
    pub(super) symbols: Vec<String>,
    #[serde(default)]
    pub(super) words: Vec<String>,
}

/// `[ranges]`: the words opening and joining a range of two figures, and those putting a
/// part before its whole ("15 of the 20 million").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RangesDef {
    #[serde(default)]
    pub(super) open: Vec<String>,
    #[serde(default)]
    pub(super) join: Vec<String>,
    #[serde(default)]
    pub(super) bare_join: Vec<String>,
    #[serde(default)]
    pub(super) part_of: Vec<String>,
    #[serde(default)]
    pub(super) of_which: Vec<String>,
}

/// `[units]`: the nouns naming what a count counts, per unit id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UnitsDef {
    pub(super) gap: usize,
    #[serde(default)]
    pub(super) stop: Vec<String>,
    pub(super) nouns: BTreeMap<String, Spanned<Vec<String>>>,
}

/// `[dates]`: weekday and month names and the words around a day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DatesDef {
    pub(super) weekdays: BTreeMap<String, Vec<String>>,
    pub(super) months: Vec<Vec<String>>,
    #[serde(default)]
    pub(super) day_suffixes: Vec<String>,
    #[serde(default)]
    pub(super) weekday_suffixes: Vec<String>,
    #[serde(default)]
    pub(super) on: Vec<String>,
    #[serde(default)]
    pub(super) lower_case_names: bool,
    #[serde(default = "month_first")]
    pub(super) month_first: bool,
}

/// A date may put its month first ("March 12") unless its `[dates]` says otherwise.
fn month_first() -> bool {
    true
}

/// `[time]`: time-scope patterns and the markers of an earlier commitment.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TimeDef {
    #[serde(default)]
    pub(super) by: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) since: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) year: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) prior_before: Vec<String>,
    #[serde(default)]
    pub(super) prior_after: Vec<String>,
    #[serde(default)]
    pub(super) history: Vec<String>,
}

/// `[not_claims]`: patterns that make a nearby figure something other than a claim.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct NotClaimsDef {
    #[serde(default)]
    pub(super) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) conditions: Vec<String>,
}

/// `[organisations]`: how the language names a company no list holds.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct OrganisationsDef {
    #[serde(default)]
    pub(super) cues: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) between: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) capitalised_nouns: bool,
    #[serde(default)]
    pub(super) articles: Vec<String>,
    #[serde(default)]
    pub(super) legal_forms: Vec<String>,
    #[serde(default)]
    pub(super) actions: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) place_words: Vec<String>,
    #[serde(default)]
    pub(super) complement_words: Vec<String>,
    #[serde(default)]
    pub(super) apposition_articles: Vec<String>,
    #[serde(default)]
    pub(super) reporting_verbs: Vec<String>,
    #[serde(default)]
    pub(super) genitive_endings: Vec<String>,
    #[serde(default)]
    pub(super) place_adjectives: Vec<(String, String)>,
    #[serde(default)]
    pub(super) common_words: Vec<String>,
    #[serde(default)]
    pub(super) owners: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) designators: Vec<String>,
    #[serde(default)]
    pub(super) leading_designators: Vec<String>,
    #[serde(default)]
    pub(super) subsidiary_cues: Vec<String>,
    #[serde(default)]
    pub(super) investor_designators: Vec<String>,
    #[serde(default)]
    pub(super) possessives: Vec<String>,
    #[serde(default)]
    pub(super) home_suffixes: Vec<String>,
    #[serde(default)]
    pub(super) investor_cues: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) inverted_actions: Vec<Spanned<String>>,
}

/// `[references]`: anaphors, target links and conjunctions between companies.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ReferencesDef {
    #[serde(default)]
    pub(super) anaphors: Vec<String>,
    #[serde(default)]
    pub(super) target_links: Vec<String>,
    #[serde(default)]
    pub(super) conjunctions: Vec<String>,
    #[serde(default)]
    pub(super) sources: Vec<String>,
    #[serde(default)]
    pub(super) event_agents: Vec<String>,
    #[serde(default)]
    pub(super) country: Vec<String>,
    #[serde(default)]
    pub(super) respectively: Vec<String>,
    #[serde(default)]
    pub(super) relative_pronouns: Vec<String>,
    #[serde(default)]
    pub(super) relative_articles: Vec<String>,
}

/// `[segment]`: abbreviations and endings that do not end a sentence.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SegmentDef {
    #[serde(default)]
    pub(super) abbreviations: Vec<String>,
    #[serde(default)]
    pub(super) no_break_after: Vec<Spanned<String>>,
}
