//! Scoring extracted claims against a gold file (the format of `seeds/expected.json`):
//! precision, recall and F1 overall, per language and per predicate.
//!
//! A claim counts as found when subject, predicate and value match: amounts within 0.5 %
//! in the same unit; days on every field both state. Qualifier, location and time are
//! scored separately, over the matched pairs.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::crosscheck::{self, Status};
use crate::error::{Error, Result};
use crate::rules::Gazetteer;
use crate::value::{Qualifier, Value};

/// Relative tolerance for amounts to match.
const AMOUNT_TOLERANCE: f64 = 0.005;

/// A gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Expected claims per document id.
    pub docs: BTreeMap<String, GoldDoc>,
    /// Expected clusters across documents.
    #[serde(default)]
    pub clusters: Vec<GoldCluster>,
}

/// An expected cluster.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldCluster {
    /// What it is about: `subject`, `predicate`, and optionally `location`, `target`...
    pub key: BTreeMap<String, serde_json::Value>,
    /// `agree`, `conflict` or `single`.
    pub status: Status,
    /// The documents it spans.
    #[serde(default)]
    pub docs: Vec<String>,
}

/// How reported conflicts compare with the gold file's.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConflictScore {
    /// Gold conflicts (subject, predicate, location).
    pub expected: Vec<String>,
    /// Gold conflicts that a reported conflict matches.
    pub found: Vec<String>,
    /// Reported conflicts that match no gold conflict.
    pub extra: Vec<String>,
}

impl ConflictScore {
    /// Share of the gold conflicts reported (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.found.len(), self.expected.len())
    }
}

/// Compare the conflicts of a cross-check report with the gold file's: a reported conflict
/// matches a gold one with the same subject and predicate whose place lies in the same
/// country (or is not given).
pub fn score_conflicts(
    gold: &Gold,
    report: &crosscheck::Report,
    gazetteer: &Gazetteer,
) -> ConflictScore {
    let country = |id: &str| {
        gazetteer
            .index_of(id)
            .map(|i| gazetteer.entities[gazetteer.outermost(i)].id.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let gold_conflicts: Vec<(String, String, Option<String>)> = gold
        .clusters
        .iter()
        .filter(|c| c.status == Status::Conflict)
        .map(|c| {
            let field = |k: &str| c.key.get(k).and_then(|v| v.as_str()).map(str::to_string);
            (
                field("subject").unwrap_or_default(),
                field("predicate").unwrap_or_default(),
                field("location").map(|l| country(&l)),
            )
        })
        .collect();
    let reported: Vec<&crosscheck::Cluster> = report
        .clusters
        .iter()
        .filter(|c| c.status == Status::Conflict)
        .collect();
    let matches = |g: &(String, String, Option<String>), r: &crosscheck::Cluster| {
        g.0 == r.key.subject
            && g.1 == r.key.predicate
            && (g.2.is_none()
                || r.key.location.is_none()
                || g.2.as_deref() == r.key.location.as_deref())
    };
    let describe = |s: &str, p: &str, l: Option<&str>| format!("{s} {p} {}", l.unwrap_or("-"));
    ConflictScore {
        expected: gold_conflicts
            .iter()
            .map(|g| describe(&g.0, &g.1, g.2.as_deref()))
            .collect(),
        found: gold_conflicts
            .iter()
            .filter(|g| reported.iter().any(|r| matches(g, r)))
            .map(|g| describe(&g.0, &g.1, g.2.as_deref()))
            .collect(),
        extra: reported
            .iter()
            .filter(|r| !gold_conflicts.iter().any(|g| matches(g, r)))
            .map(|r| {
                format!(
                    "{}: {}",
                    describe(&r.key.subject, &r.key.predicate, r.key.location.as_deref()),
                    r.why
                )
            })
            .collect(),
    }
}

/// The expected claims of one document.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDoc {
    /// The document's language code.
    pub lang: String,
    /// Its claims.
    pub claims: Vec<GoldClaim>,
}

/// One expected claim.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldClaim {
    /// Canonical subject id.
    pub subject: String,
    /// Predicate id.
    pub predicate: String,
    /// `{amount, unit, qualifier}` or `{weekday, date}`.
    pub value: GoldValue,
    /// Canonical place id.
    #[serde(default)]
    pub location: Option<String>,
    /// `{by}`, `{year}`, `{since}`, `prior`.
    #[serde(default)]
    pub time: Option<serde_json::Value>,
    /// A short piece of the sentence.
    #[serde(default)]
    pub evidence: String,
}

/// An expected value.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GoldValue {
    /// The amount, for money and counts.
    #[serde(default)]
    pub amount: Option<f64>,
    /// Its unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Its qualifier.
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// The weekday, for announcements.
    #[serde(default)]
    pub weekday: Option<String>,
    /// `MM-DD` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
}

impl Gold {
    /// Read a gold file.
    pub fn read(path: &Path) -> Result<Gold> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Data {
            path: path.to_path_buf(),
            line: Some(e.line()),
            message: e.to_string(),
        })
    }
}

/// Counts of one slice of the evaluation.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    /// Extracted claims that match a gold claim.
    pub true_positives: usize,
    /// Extracted claims that match none.
    pub false_positives: usize,
    /// Gold claims that no extracted claim matches.
    pub false_negatives: usize,
}

impl Counts {
    /// Precision (1 when nothing was extracted).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    /// Recall (1 when nothing was expected).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A claim the evaluation disagrees with, for the rule author.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Document id.
    pub doc: String,
    /// `missed` (in gold, not extracted) or `extra` (extracted, not in gold).
    pub kind: &'static str,
    /// What the claim says, in one line.
    pub claim: String,
}

/// The evaluation result.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Report {
    /// All documents of the gold file.
    pub overall: Counts,
    /// Per language code.
    pub by_lang: BTreeMap<String, Counts>,
    /// Per predicate.
    pub by_predicate: BTreeMap<String, Counts>,
    /// Of the matched claims, how many have the gold qualifier.
    pub qualifier_correct: usize,
    /// Of the matched claims, how many have the gold location (or a place inside it).
    pub location_correct: usize,
    /// Of the matched claims, how many have the gold time scope.
    pub time_correct: usize,
    /// Every disagreement.
    pub misses: Vec<Miss>,
}

/// Score `claims` against `gold`. Claims of documents the gold file does not list are
/// ignored; documents it lists but nothing was extracted from count as misses.
pub fn evaluate(gold: &Gold, claims: &[Claim]) -> Report {
    let mut report = Report::default();
    for (doc_id, doc) in &gold.docs {
        let mut found: Vec<&Claim> = claims
            .iter()
            .filter(|c| doc_matches(&c.doc, doc_id))
            .collect();
        for g in &doc.claims {
            let hit = found.iter().position(|c| claim_matches(g, c));
            let counts = [&doc.lang, &format!("predicate:{}", g.predicate)];
            match hit {
                Some(i) => {
                    let c = found.remove(i);
                    report.score_fields(g, c);
                    report.add(&counts, |k| k.true_positives += 1);
                }
                None => {
                    report.misses.push(Miss {
                        doc: doc_id.clone(),
                        kind: "missed",
                        claim: describe_gold(g),
                    });
                    report.add(&counts, |k| k.false_negatives += 1);
                }
            }
        }
        for c in found {
            report.misses.push(Miss {
                doc: doc_id.clone(),
                kind: "extra",
                claim: describe_claim(c),
            });
            report.add(&[&doc.lang, &format!("predicate:{}", c.predicate)], |k| {
                k.false_positives += 1
            });
        }
    }
    report
}

impl Report {
    fn add(&mut self, keys: &[&String; 2], f: impl Fn(&mut Counts)) {
        f(&mut self.overall);
        f(self.by_lang.entry(keys[0].clone()).or_default());
        let pred = keys[1].trim_start_matches("predicate:").to_string();
        f(self.by_predicate.entry(pred).or_default());
    }

    fn score_fields(&mut self, g: &GoldClaim, c: &Claim) {
        if let (Some(q), Some(a)) = (g.value.qualifier, c.value.amount()) {
            if a.qualifier == q {
                self.qualifier_correct += 1;
            }
        } else if g.value.qualifier.is_none() {
            self.qualifier_correct += 1;
        }
        if g.location.as_deref() == c.location.as_ref().map(|l| l.id.as_str()) {
            self.location_correct += 1;
        }
        let time = c
            .time
            .as_ref()
            .map(|t| serde_json::to_value(t).unwrap_or_default());
        let gold_time = g.time.clone().filter(|t| !t.is_null());
        if gold_time == time {
            self.time_correct += 1;
        }
    }

    /// A table for people: overall, per language, per predicate, then field accuracy.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        let row = |name: &str, c: &Counts| {
            format!(
                "{name:<12} {:>5.3} {:>6.3} {:>5.3} {:>4} {:>4} {:>4}\n",
                c.precision(),
                c.recall(),
                c.f1(),
                c.true_positives,
                c.false_positives,
                c.false_negatives
            )
        };
        out.push_str(&format!(
            "{:<12} {:>5} {:>6} {:>5} {:>4} {:>4} {:>4}\n",
            "", "P", "R", "F1", "tp", "fp", "fn"
        ));
        out.push_str(&row("overall", &self.overall));
        for (lang, c) in &self.by_lang {
            out.push_str(&row(&format!("lang {lang}"), c));
        }
        for (pred, c) in &self.by_predicate {
            out.push_str(&row(pred, c));
        }
        let matched = self.overall.true_positives.max(1);
        out.push_str(&format!(
            "of {} matched: qualifier {:.3}, location {:.3}, time {:.3}\n",
            self.overall.true_positives,
            self.qualifier_correct as f64 / matched as f64,
            self.location_correct as f64 / matched as f64,
            self.time_correct as f64 / matched as f64,
        ));
        if verbose {
            for m in &self.misses {
                out.push_str(&format!("{:<6} {}: {}\n", m.kind, m.doc, m.claim));
            }
        }
        out
    }
}

/// A claim's document id matches a gold key when equal, or when the gold key is its file
/// name (gold files name documents by file name; ids may carry a folder).
fn doc_matches(doc: &str, gold_key: &str) -> bool {
    doc == gold_key || doc.rsplit(['/', '\\']).next() == Some(gold_key)
}

fn claim_matches(g: &GoldClaim, c: &Claim) -> bool {
    let subject = c.subject.as_ref().map(|s| s.id.as_str());
    if subject != Some(g.subject.as_str()) || c.predicate != g.predicate {
        return false;
    }
    match &c.value {
        Value::Date(d) => {
            let weekday_ok = match (&g.value.weekday, &d.weekday) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            let date_ok = match (&g.value.date, &d.date) {
                (Some(a), Some(b)) => month_day(a) == month_day(b),
                _ => true,
            };
            let some_shared = (g.value.weekday.is_some() && d.weekday.is_some())
                || (g.value.date.is_some() && d.date.is_some());
            weekday_ok && date_ok && some_shared
        }
        v => match (v.amount(), g.value.amount) {
            (Some(a), Some(amount)) => {
                a.unit.as_deref() == g.value.unit.as_deref()
                    && (a.amount - amount).abs()
                        <= AMOUNT_TOLERANCE * a.amount.abs().max(amount.abs())
            }
            _ => false,
        },
    }
}

/// The `MM-DD` of `YYYY-MM-DD`, `--MM-DD` or `MM-DD`.
fn month_day(date: &str) -> &str {
    &date[date.len().saturating_sub(5)..]
}

fn describe_gold(g: &GoldClaim) -> String {
    format!(
        "{} {} {} ({})",
        g.subject,
        g.predicate,
        serde_json::to_string(&g.value).unwrap_or_default(),
        g.evidence
    )
}

fn describe_claim(c: &Claim) -> String {
    let value = c.value.brief();
    format!(
        "{} {} {} ({})",
        c.subject.as_ref().map_or("-", |s| s.id.as_str()),
        c.predicate,
        value,
        c.evidence.text.chars().take(100).collect::<String>()
    )
}
