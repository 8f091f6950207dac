//! Stage 5, claims: from the mentions of each sentence to structured claims, and the claim
//! contract.
//!
//! A claim is a value (amount or day) with the predicate its sentence's trigger words give
//! it, the company that governs it (the first company of its clause, else the nearest one
//! before it, else the company the text is about), the company it goes into, the place,
//! the time scope, and the sentence it comes from. This is the claim JSON of DESIGN.md
//! section 3; [`Claim`] documents it field by field.
//!
//! `assemble` reads a document's sentences in order and merges repeated claims (`merge`);
//! a `sentence` reader makes the claims of one sentence, choosing each value's
//! `predicate` and its `roles` (subject, target, place, time); `evidence` quotes the
//! sentence; `read` reads claims written earlier; `names` gives each company no list
//! holds one id across a run.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::value::{TimeScope, Value};

mod assemble;
mod days;
mod evidence;
mod explain;
mod frames;
mod merge;
mod names;
mod predicate;
mod read;
mod roles;
mod sentence;

pub use crate::value::{Text, Texts};
pub use assemble::{assemble, Topics};
pub use days::place_in_time;
pub use explain::{explain, frames_bound};
pub use names::{unlisted_ids, Renames, RunNames};
pub use read::read_claims;

/// A canonical entity as a claim names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    /// Canonical id from the entities rule file.
    pub id: Text,
    /// The words of the text that named it.
    pub text: Text,
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
    pub text: Text,
    /// The whole sentence, when the evidence is only part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Span>,
    /// The trigger word of the claim's predicate in the evidence ("cut", "investit"), when
    /// one stands in the figure's part of the sentence: what the report marks beside the
    /// figure, the actor and the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Span>,
}

/// Where a document was published, when its input says: the outlet, the address and
/// the publication date. Each field is written only when known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The outlet ("Reuters", "Le Monde").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    /// The article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// The publication date or time, as given (`2024-05-12`, `2024-05-12T08:30:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Text>,
}

/// A byte range of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

/// One checkable claim: the claim JSON contract, one object a line in the output of
/// `newsclaims extract`, read back by `newsclaims check --claims`. Offsets are bytes into the
/// document's text as read (before any normalisation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "read::Record")]
pub struct Claim {
    /// `doc#n`: the document id and the claim's rank in it, counted from 1 in the order
    /// of the text.
    pub id: Text,
    /// The id of the document it comes from.
    pub doc: Text,
    /// Where the document was published: its outlet, its address and its publication date
    /// (as the input gives it), when the input says (JSON Lines `source`, `url`,
    /// `published`, or a text file's front matter). Shared by the claims of a document.
    #[serde(flatten)]
    pub article: Arc<Article>,
    /// Language code of the rules that read it (`en`, `fr`...).
    pub lang: Text,
    /// Who makes the claim's commitment: the first actor of the figure's clause, else the
    /// nearest one before it in the sentence, else the first one after it, else the
    /// company named last before it in the text or the one the text is about. An id `a+b`
    /// names two actors sharing a figure.
    pub subject: Option<EntityRef>,
    /// Predicate id from the predicates rule file (`invest`, `jobs`, `announced`...).
    pub predicate: Text,
    /// The company invested in, if any ("€15m in Mistral").
    pub target: Option<EntityRef>,
    /// The figure or day; its `kind` (money, count, number, percent, date) says which.
    pub value: Value,
    /// Equivalent values stated with it (a conversion in parentheses), here or where the
    /// same claim is repeated in the document.
    #[serde(default)]
    pub alt: Vec<Value>,
    /// Where: the nearest place of its clause, else of its sentence, else (for predicates
    /// that are located) the document's main place.
    pub location: Option<EntityRef>,
    /// When: the time scope of its clause or before it in its sentence ("by 2027", "since
    /// 2010"), and whether the figure was committed earlier.
    pub time: Option<TimeScope>,
    /// What part of a story the figure belongs to, when its clause says (`construction`,
    /// `worldwide`): figures of different scopes are different facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Text>,
    /// The sentence it comes from (or a window of it, in a very long sentence).
    pub evidence: Evidence,
    /// Ids of the rules that produced it: the value's rule first (`fr.money.scale`), then
    /// the predicate's, time scope's and earlier-commitment marker's when they applied.
    #[serde(default)]
    pub rules: Texts,
}
