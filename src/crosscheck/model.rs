//! The report model: what a cross-check produces and the report JSON contract (field
//! names and order are the JSON's): clusters with their verdict, reason and groups, the
//! summary counts, and the claims the clusters rest on. Renderings live in
//! the report stage.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::claims::{Claim, Text};
use crate::corpus::Skipped;
use crate::value::Value;

/// Verdict of a cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Two or more documents with incompatible values.
    Conflict,
    /// Two or more documents, all compatible.
    Agree,
    /// One document.
    Single,
}

/// What a cluster is about (the report JSON contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClusterKey {
    /// Subject id.
    pub subject: Text,
    /// Predicate id.
    pub predicate: Text,
    /// Target company id.
    pub target: Option<Text>,
    /// Country (outermost place) id.
    pub location: Option<Text>,
    /// `new`, `since 2010` or `prior`.
    pub scope: Text,
    /// When the story was published, when its articles say: the first and last
    /// publication dates (`2014-09-23`, or `2014-09-23/2014-09-24`). Articles published
    /// far apart are different stories, so different clusters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story: Option<Text>,
}

/// Compatible values and who holds them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// The value the group stands for.
    pub value: Value,
    /// Documents holding it.
    pub docs: Vec<Text>,
    /// Claim ids.
    pub claims: Vec<Text>,
}

/// Claims about one thing, with the verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    /// What it is about.
    pub key: ClusterKey,
    /// The verdict.
    pub status: Status,
    /// The reason, in one line.
    pub why: String,
    /// Mutually compatible values; a conflict has two or more.
    pub groups: Vec<Group>,
    /// Every claim id of the cluster.
    pub claims: Vec<Text>,
}

/// Counts for the report's head.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReportSummary {
    /// Documents with claims, or processed.
    pub docs: usize,
    /// Documents per language.
    pub langs: BTreeMap<String, usize>,
    /// Claims cross-checked.
    pub claims: usize,
    /// Clusters.
    pub clusters: usize,
    /// Clusters whose sources agree.
    pub agree: usize,
    /// Clusters whose sources conflict.
    pub conflict: usize,
    /// Clusters with one source.
    pub single: usize,
    /// Inputs skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// Documents that republish another one (pairs), not counted as independent sources.
    pub duplicates: Vec<[String; 2]>,
}

/// The cross-check result (the report JSON contract), with the claims it rests on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Counts.
    pub summary: ReportSummary,
    /// Clusters: conflicts first, then agreements, then single-source claims.
    pub clusters: Vec<Cluster>,
    /// The claims, for their evidence.
    pub claims: Vec<Claim>,
}

/// The summary of a report. `documents` (runs of claims in canonical order) are distinct
/// documents; `docs` lists every document read, with its language, claims or not.
pub(super) fn summarise(
    claims: &[Claim],
    documents: &[Range<usize>],
    clusters: &[Cluster],
    docs: BTreeMap<String, String>,
    duplicates: Vec<[String; 2]>,
) -> ReportSummary {
    let unlisted: Vec<&str> = documents
        .par_iter()
        .map(|run| &claims[run.start])
        .filter(|first| !docs.contains_key(first.doc.as_str()))
        .map(|first| first.lang.as_str())
        .collect();
    let mut per_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for lang in docs
        .values()
        .map(String::as_str)
        .chain(unlisted.iter().copied())
    {
        *per_lang.entry(lang).or_default() += 1;
    }
    let langs = per_lang
        .into_iter()
        .map(|(lang, n)| (lang.to_string(), n))
        .collect();
    let count = |s: Status| clusters.iter().filter(|c| c.status == s).count();
    ReportSummary {
        docs: docs.len() + unlisted.len(),
        langs,
        claims: claims.len(),
        clusters: clusters.len(),
        agree: count(Status::Agree),
        conflict: count(Status::Conflict),
        single: count(Status::Single),
        skipped: Vec::new(),
        duplicates,
    }
}
