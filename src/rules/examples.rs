//! The examples of a rule file (`[[examples]]`) as written: sentences with the claims or
//! mentions they must yield, and counter-examples that must yield none.
//!
//! Only their schema lives here, beside the tables they exercise; running them through the
//! pipeline is the job of the `examples` harness (`newsclaims rules test`, `cargo test`).

use serde::Deserialize;

use crate::value::Qualifier;

/// One example of a rule file (`[[examples]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The sentence or short text.
    pub text: String,
    /// The claims it must yield, exactly; `[]` makes it a counter-example.
    #[serde(default)]
    pub claims: Option<Vec<ExpectedClaim>>,
    /// Mentions it must yield (others may be found too).
    #[serde(default)]
    pub mentions: Vec<ExpectedMention>,
    /// Kinds of mention it must not yield (`money`, `count`...; `amount` for any of money,
    /// count, number and percent): a counter-example.
    #[serde(default)]
    pub no_mentions: Vec<String>,
    /// Kinds of mention (as in `no_mentions`) for which `mentions` is the whole list: of
    /// these kinds the text must yield exactly the listed mentions, one for one in text
    /// order, and no other; so "this sentence holds one amount, and it is €4 billion" can be
    /// written as `only_mentions = ["amount"]`.
    #[serde(default)]
    pub only_mentions: Vec<String>,
}

/// A claim an example must yield. Fields left out are not checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedClaim {
    /// Subject id.
    pub subject: String,
    /// Predicate id.
    pub predicate: String,
    /// Amount (money and counts).
    pub amount: Option<f64>,
    /// Unit: ISO code or count unit.
    pub unit: Option<String>,
    /// Qualifier id.
    pub qualifier: Option<Qualifier>,
    /// Weekday (announcements).
    pub weekday: Option<String>,
    /// Date, `--MM-DD` or `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Place id.
    pub location: Option<String>,
    /// Target company id.
    pub target: Option<String>,
    /// Deadline year.
    pub by: Option<i32>,
    /// Cumulative-since year.
    pub since: Option<i32>,
    /// Whether it is an earlier commitment.
    pub prior: Option<bool>,
    /// Its `[scopes]` id ("previous_period").
    pub scope: Option<String>,
}

/// A mention an example must yield. Fields left out are not checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedMention {
    /// `money`, `count`, `number`, `percent`, `date`, `time` or `entity`; `amount` for any
    /// of money, count, number and percent.
    pub kind: String,
    /// The text matched.
    pub text: Option<String>,
    /// Amount.
    pub amount: Option<f64>,
    /// Lower bound of a range.
    pub min: Option<f64>,
    /// Unit.
    pub unit: Option<String>,
    /// Qualifier id.
    pub qualifier: Option<Qualifier>,
    /// Weekday.
    pub weekday: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Entity id, or the year of a time scope.
    pub id: Option<String>,
}
