//! The words that shape a claim around its figure: `[not_claims]` (figures that are no
//! claim: "market capitalisation"), `[scopes]` (figures in a scope of their own:
//! "construction" jobs) and `[references]` (the links to the company a figure goes into,
//! and the conjunctions joining two companies).

use std::collections::BTreeMap;

use regex::Regex;
use regex_automata::meta;
use toml::Spanned;

use super::patterns::{typographic, word_alternation, LangCompiler};
use super::schema::{NotClaimsDef, ReferencesDef};
use crate::error::Result;

/// The compiled `[not_claims]`, `[scopes]` and `[references]` tables (their anaphors are
/// sentence markers): the words claim assembly reads around a figure.
pub struct ClaimWordRules {
    /// Words that make a nearby figure something other than a claim ("market
    /// capitalisation", "GDP", "assets under management").
    pub not_claims: Option<meta::Regex>,
    /// Words that open a sentence stating a condition ("If", "Mocht", "Falls"): none of
    /// its figures or days is a claim. Anchored at the start of the sentence.
    pub condition: Option<Regex>,
    /// Words that put a figure in a scope of its own ("construction" jobs are not the
    /// permanent ones; a "worldwide" figure is not the country's), per scope id.
    pub scopes: IdWords,
    /// Adjectives that name a country ("French", "deutschen", "Spaanse"), per place id: a
    /// figure's clause that names no place is placed by one ("in French data centres").
    pub nationalities: IdWords,
    /// Words linking a figure to the company it goes into, anchored at the start.
    pub target_link: Option<Regex>,
    /// Words joining two companies, matching a whole gap.
    pub conjunction: Option<Regex>,
    /// The same words anywhere in a gap: a verb after them shares the subject of the verb
    /// before them ("X took over Y in March and will cut 120 jobs").
    pub coordination: Option<Regex>,
    /// Words that make the name right after them a source, never an actor ("according
    /// to", "selon", "volgens", "laut"), anchored at the end of the text before the name.
    pub source: Option<Regex>,
    /// An event noun and the word naming its agent ("the takeover by", "overname door"):
    /// the names right after it (two joined by a conjunction included) act in that event,
    /// not in the clause's other figures. Anchored at the end of the text before the name.
    pub event_agent: Option<Regex>,
    /// Words that name the country the document is about ("the country", "le pays", "het
    /// land", "das Land").
    pub country: Option<Regex>,
    /// Words that pair a list of companies with a list of figures in order ("respectively",
    /// "respectivement"): the first figure is the first company's, and so on.
    pub respectively: Option<Regex>,
    /// Words that open a relative clause after a comma ("which", "qui", "dat", "dessen"),
    /// anchored at the start of the text after the comma.
    pub relative: Option<Regex>,
    /// Words that open a relative clause after a comma only where a word in lower case
    /// (its verb) ends it, being articles too (German "der", "die", "das": ", das zu
    /// Norrvik gehört," against the apposition ", die Tessiner Brivio SA,").
    pub relative_article: Option<Regex>,
    /// Words right before a year that make it a date of a company's history, no time
    /// scope of a figure ("founded in 2019"), anchored at the end of the text before it.
    pub history: Option<Regex>,
}

impl ClaimWordRules {
    /// Whether `gap` (the text between two mentions) is a conjunction alone: they are
    /// listed together ("Microsoft and Amazon", "24,8 millions et 8 millions").
    pub fn joins(&self, gap: &str) -> bool {
        self.conjunction.as_ref().is_some_and(|c| c.is_match(gap))
    }

    /// Whether `gap` joins two figures of one list: a conjunction alone ("24,8 millions
    /// et 8 millions"), or one followed by the word right before the first figure, which
    /// `before` ends with ("de 5,1 millions et de 2,3 millions").
    pub fn joins_figures(&self, before: &str, gap: &str) -> bool {
        if self.joins(gap) {
            return true;
        }
        let mut parts = gap.trim().rsplitn(2, char::is_whitespace);
        match (
            parts.next(),
            parts.next(),
            before.split_whitespace().next_back(),
        ) {
            (Some(repeated), Some(conjunction), Some(last)) => {
                repeated == last && self.joins(&format!(" {conjunction} "))
            }
            _ => false,
        }
    }

    /// Whether `clause` (the text from after a comma to the next one) is a relative
    /// clause: it opens with a relative pronoun, or with a relative article and ends with
    /// a word in lower case.
    pub fn is_relative_clause(&self, clause: &str) -> bool {
        let opens = |r: &Option<Regex>| r.as_ref().is_some_and(|r| r.is_match(clause));
        let verb_last = clause
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_lowercase));
        opens(&self.relative) || (opens(&self.relative_article) && verb_last)
    }

    /// Whether `gap` (the text between an actor and a verb) holds a conjunction: the verb
    /// after it is coordinated with one before, and shares that verb's subject.
    pub fn coordinates(&self, gap: &str) -> bool {
        self.coordination.as_ref().is_some_and(|c| c.is_match(gap))
    }
}

/// The `[not_claims]`, `[scopes]`, `[nationalities]` and `[references]` tables of the file
/// `c` compiles, and the `[time] history` words.
pub(super) fn compile_claim_words(
    c: &LangCompiler,
    not_claims: &NotClaimsDef,
    (scopes, nationalities): (&WordTable, &WordTable),
    (refs, history): (&ReferencesDef, &[String]),
) -> Result<ClaimWordRules> {
    Ok(ClaimWordRules {
        not_claims: compile_not_claims(c, &not_claims.patterns)?,
        condition: c.words_regex(
            r"(?i)^[\s\p{P}]*{}\s",
            &not_claims.conditions,
            "not_claims.conditions",
        )?,
        scopes: compile_word_table(c, scopes, "scopes")?,
        nationalities: compile_word_table(c, nationalities, "nationalities")?,
        target_link: c.words_regex(
            r"(?i)^\s*{}\s",
            &refs.target_links,
            "references.target_links",
        )?,
        conjunction: c.words_regex(
            r"(?i)^\s*,?\s*{}\s*$",
            &refs.conjunctions,
            "references.conjunctions",
        )?,
        coordination: c.words_regex(
            r"(?i)(?:^|[\s,]){}\s",
            &refs.conjunctions,
            "references.conjunctions",
        )?,
        source: c.words_regex(
            r"(?i){}\s+(?:\S+\s+)?$",
            &refs.sources,
            "references.sources",
        )?,
        event_agent: c.words_regex(
            r"(?i){}\s+(?:\S+\s+){0,3}$",
            &refs.event_agents,
            "references.event_agents",
        )?,
        country: c.words_regex(r"(?i){}", &refs.country, "references.country")?,
        respectively: c.words_regex(r"(?i){}", &refs.respectively, "references.respectively")?,
        relative: c.words_regex(
            r"(?i)^\s*{}\s",
            &refs.relative_pronouns,
            "references.relative_pronouns",
        )?,
        relative_article: c.words_regex(
            r"(?i)^\s*{}\s",
            &refs.relative_articles,
            "references.relative_articles",
        )?,
        history: c.words_regex(r"(?i){}\s*$", history, "time.history")?,
    })
}

/// The `[not_claims]` patterns, each checked alone, as one pattern searched over whole
/// sentences; none when there are none.
fn compile_not_claims(
    c: &LangCompiler,
    excluded: &[Spanned<String>],
) -> Result<Option<meta::Regex>> {
    if excluded.is_empty() {
        return Ok(None);
    }
    for p in excluded {
        c.written_pattern(
            &typographic(p.get_ref()),
            "not_claims",
            Some(p.span().start),
        )?;
    }
    let joined: Vec<String> = excluded.iter().map(|p| typographic(p.get_ref())).collect();
    Ok(Some(c.scan(
        &format!(r"(?i)(?:{})", joined.join("|")),
        "not_claims",
        None,
    )?))
}

/// A word table (`[scopes]`, `[nationalities]`) as one pattern of one alternative per id
/// that lists words, in id order: a figure's clause is searched once, whatever the number
/// of ids.
fn compile_word_table(c: &LangCompiler, table: &WordTable, name: &str) -> Result<IdWords> {
    let mut ids = Vec::new();
    let mut patterns = Vec::new();
    for (id, words) in table {
        if words.iter().any(|w| !w.is_empty()) {
            let pattern = format!("(?i){}", word_alternation(words));
            // Each alone first, so that an error names its id.
            c.scan(&pattern, &format!("{name}.{id}"), None)?;
            ids.push(id.clone());
            patterns.push(pattern);
        }
    }
    let regex = match patterns.is_empty() {
        true => None,
        false => Some(c.scan_many(&patterns, name)?),
    };
    Ok(IdWords { ids, regex })
}

/// The word lists of a table by id (`[scopes]`, `[nationalities]`), searched as one.
pub struct IdWords {
    /// The ids that list words, in id order: pattern `i` of `regex` is `ids[i]`'s.
    ids: Vec<String>,
    regex: Option<meta::Regex>,
}

impl IdWords {
    /// Every match of the words in `text` (leftmost first, none overlapping another), with
    /// the id whose words it is.
    pub fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (&'a str, std::ops::Range<usize>)> + 'a {
        self.regex.iter().flat_map(move |regex| {
            regex
                .find_iter(text)
                .map(|m| (self.ids[m.pattern().as_usize()].as_str(), m.range()))
        })
    }
}

/// A table of word lists by id (`[scopes]`, `[nationalities]`).
type WordTable = BTreeMap<String, Vec<String>>;
