//! The view both renderings read: the report's clusters ordered conflicts first, then
//! agreements, then single-source claims; each cluster's groups lettered A, B, ...; and each
//! claim's evidence sentence split around the words its value was read from, so that the
//! figure can be highlighted. The HTML template reads it through serde, the Markdown writer
//! field by field.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use rayon::prelude::*;
use serde::Serialize;

use super::TITLE;
use crate::claims::{Claim, Text};
use crate::corpus::Skipped;
use crate::crosscheck::{Cluster, Group, Report, ReportSummary, Status};
use crate::describe::describe_value;
use crate::value::Value;

/// The report as the renderings read it.
#[derive(Debug, Serialize)]
pub(super) struct View<'a> {
    pub(super) title: &'static str,
    pub(super) summary: &'a ReportSummary,
    /// `en 7, fr 6, nl 5`.
    pub(super) langs_line: String,
    /// Conflicts, agreements, single-source claims (always all three, maybe empty).
    pub(super) sections: Vec<SectionView<'a>>,
    /// Every language of a cluster, for the language filter.
    pub(super) langs: Vec<String>,
    /// Every subject with its number of clusters, for the subject filter.
    pub(super) subjects: Vec<(String, usize)>,
    /// Every predicate, place and outlet with its number of clusters, for their filters.
    pub(super) predicates: Vec<(String, usize)>,
    pub(super) places: Vec<(String, usize)>,
    pub(super) outlets: Vec<(String, usize)>,
    /// How much of each cluster the report shows.
    pub(super) shown: Shown,
    /// Evidence sentences of each group the HTML page lays out; it renders the rest when
    /// the reviewer asks for them.
    pub(super) visible: usize,
    /// The skipped inputs the summary lists (the first [`Shown::listed`]).
    pub(super) skipped: &'a [Skipped],
    /// The republished duplicates the summary lists (the first [`Shown::listed`]).
    pub(super) duplicates: &'a [[String; 2]],
}

/// Reports of up to this many claims show every document, value and evidence sentence;
/// larger ones the first few of each, the rest counted (the JSON and HTML reports hold
/// them all), so that a report of a year of news stays a page one reads.
pub(super) const FULL_REPORT_CLAIMS: usize = 5_000;

/// Evidence sentences of each group (and of a cluster's claims in no group) that the HTML
/// page lays out when it loads; the rest are rendered when asked for, so that a page of
/// thousands of clusters opens quickly.
pub(super) const VISIBLE_EVIDENCE: usize = 2;

/// How much of each cluster a report shows.
#[derive(Debug, Clone, Copy, Serialize)]
pub(super) struct Shown {
    /// Documents a group's line names before it counts the rest.
    pub(super) docs: usize,
    /// Evidence sentences per group.
    pub(super) evidence: usize,
    /// Value groups per cluster, in the report's order.
    pub(super) groups: usize,
    /// Skipped inputs and republished duplicates the summary lists before it counts the
    /// rest.
    pub(super) listed: usize,
    /// Clusters the Markdown report shows in full (the first, conflicts first); it gives
    /// the rest one line each.
    pub(super) detailed: usize,
}

impl Shown {
    /// Everything for a report of up to [`FULL_REPORT_CLAIMS`] claims, the first few
    /// of each beyond.
    pub(super) fn for_claims(claims: usize) -> Shown {
        match claims <= FULL_REPORT_CLAIMS {
            true => Shown {
                docs: usize::MAX,
                evidence: usize::MAX,
                groups: usize::MAX,
                listed: usize::MAX,
                detailed: usize::MAX,
            },
            false => Shown {
                docs: 10,
                evidence: 3,
                groups: 6,
                listed: 20,
                detailed: 100,
            },
        }
    }
}

/// The clusters of one status, under their heading.
#[derive(Debug, Serialize)]
pub(super) struct SectionView<'a> {
    pub(super) status: &'static str,
    pub(super) title: &'static str,
    pub(super) clusters: Vec<ClusterView<'a>>,
}

/// One cluster: its key, verdict and reason, its groups and their evidence.
#[derive(Debug, Serialize)]
pub(super) struct ClusterView<'a> {
    /// Element id of the cluster (`cluster-3`).
    pub(super) anchor: String,
    /// 1-based position in the report.
    pub(super) number: usize,
    pub(super) status: &'static str,
    pub(super) subject: &'a str,
    pub(super) predicate: &'a str,
    pub(super) target: Option<&'a str>,
    pub(super) location: Option<&'a str>,
    pub(super) scope: &'a str,
    /// When the story was published (`2014-09-23/2014-09-24`), when its articles say.
    pub(super) story: Option<&'a str>,
    pub(super) why: &'a str,
    /// Languages of its claims, sorted.
    pub(super) langs: Vec<String>,
    /// The outlets of its claims' articles, sorted (none for files without metadata).
    pub(super) outlets: Vec<String>,
    /// Those outlets as positions in the report's list of outlets ([`View::outlets`]): what
    /// the page's outlet filter reads, a few bytes each however long the names.
    pub(super) outlet_numbers: Vec<usize>,
    /// Evidence sentences the page renders only when asked for (beyond
    /// [`VISIBLE_EVIDENCE`] per group).
    pub(super) folded: usize,
    /// Its first groups (all in a report that shows everything).
    pub(super) groups: Vec<GroupView<'a>>,
    /// How many more groups it has.
    pub(super) more_groups: usize,
    /// Claim ids of the cluster that no group lists (the first few).
    pub(super) ungrouped: Vec<EvidenceView<'a>>,
    /// How many more of those there are.
    pub(super) more_ungrouped: usize,
    /// Number of claims.
    pub(super) claim_count: usize,
    /// Number of distinct documents.
    pub(super) doc_count: usize,
}

/// One group of compatible values, lettered, with its claims' evidence.
#[derive(Debug, Serialize)]
pub(super) struct GroupView<'a> {
    /// `A`, `B`, ...
    pub(super) label: String,
    /// The value as a reviewer reads it (`EUR 1.2 bn`).
    pub(super) value: String,
    /// Element id of its first claim's evidence.
    pub(super) first: Option<String>,
    pub(super) docs: &'a [Text],
    /// Its first claims' evidence (all in a report that shows everything).
    pub(super) claims: Vec<EvidenceView<'a>>,
    /// How many more claims it has.
    pub(super) more_claims: usize,
}

/// One claim's evidence sentence, split around the words of its value.
#[derive(Debug, Serialize)]
pub(super) struct EvidenceView<'a> {
    /// Element id of the evidence block (`cluster-3-claim-2`).
    pub(super) anchor: String,
    pub(super) claim: &'a str,
    /// Document and language, when the report carries the claim.
    pub(super) doc: Option<&'a str>,
    pub(super) lang: Option<&'a str>,
    /// The outlet, its article's address (http or https only: a link the page may
    /// follow) and the publication date, when the claim carries them.
    pub(super) source: Option<&'a str>,
    pub(super) url: Option<&'a str>,
    pub(super) published: Option<&'a str>,
    /// The claim's own value as a reviewer reads it.
    pub(super) value: Option<String>,
    /// The words the value was read from.
    pub(super) value_text: Option<&'a str>,
    /// The evidence sentence, split around the value's words (`mark` empty when they
    /// were not found in it, and then the whole sentence is in `before`).
    pub(super) before: &'a str,
    pub(super) mark: &'a str,
    pub(super) after: &'a str,
    /// The evidence sentence in parts, each marked with the role its words play in the
    /// claim (`value`, `actor`, `place`) or with none, for the HTML page.
    pub(super) parts: Vec<Part<'a>>,
    /// Whether the claim and its sentence are in the report.
    pub(super) known: bool,
}

impl<'a> View<'a> {
    /// The view of `report`.
    pub(super) fn new(report: &'a Report) -> View<'a> {
        let by_id: HashMap<&str, &Claim> = report
            .claims
            .par_iter()
            .map(|c| (c.id.as_str(), c))
            .collect();
        let shown = Shown::for_claims(report.summary.claims);
        let mut ordered: Vec<&Cluster> = report.clusters.iter().collect();
        // Stable: the report's own order inside each status.
        ordered.sort_by_key(|c| c.status);
        // Clusters are viewed in parallel, in order.
        let mut clusters: Vec<ClusterView> = ordered
            .into_par_iter()
            .enumerate()
            .map(|(i, c)| cluster_view(i + 1, c, &by_id, shown))
            .collect();
        let langs: BTreeSet<String> = clusters.iter().flat_map(|c| c.langs.clone()).collect();
        let mut subjects: BTreeMap<String, usize> = BTreeMap::new();
        let mut predicates: BTreeMap<String, usize> = BTreeMap::new();
        let mut places: BTreeMap<String, usize> = BTreeMap::new();
        let mut outlets: BTreeMap<String, usize> = BTreeMap::new();
        for c in &clusters {
            *subjects.entry(c.subject.to_string()).or_default() += 1;
            *predicates.entry(c.predicate.to_string()).or_default() += 1;
            if let Some(place) = c.location {
                *places.entry(place.to_string()).or_default() += 1;
            }
            for outlet in &c.outlets {
                *outlets.entry(outlet.clone()).or_default() += 1;
            }
        }
        let numbers: HashMap<&str, usize> = outlets
            .keys()
            .enumerate()
            .map(|(i, o)| (o.as_str(), i))
            .collect();
        for c in &mut clusters {
            c.outlet_numbers = c.outlets.iter().map(|o| numbers[o.as_str()]).collect();
        }
        let mut sections: Vec<SectionView> = [
            (Status::Conflict, "Conflicts"),
            (Status::Agree, "Agreements"),
            (Status::Single, "Single-source claims"),
        ]
        .into_iter()
        .map(|(status, title)| SectionView {
            status: status_id(status),
            title,
            clusters: Vec::new(),
        })
        .collect();
        for c in clusters {
            let section = sections
                .iter_mut()
                .find(|s| s.status == c.status)
                .expect("every status has a section");
            section.clusters.push(c);
        }
        let langs_line = report
            .summary
            .langs
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        View {
            title: TITLE,
            summary: &report.summary,
            langs_line,
            sections,
            langs: langs.into_iter().collect(),
            subjects: subjects.into_iter().collect(),
            predicates: predicates.into_iter().collect(),
            places: places.into_iter().collect(),
            outlets: outlets.into_iter().collect(),
            shown,
            visible: VISIBLE_EVIDENCE,
            skipped: first(&report.summary.skipped, shown.listed),
            duplicates: first(&report.summary.duplicates, shown.listed),
        }
    }
}

/// The first `n` of `items`.
fn first<T>(items: &[T], n: usize) -> &[T] {
    &items[..items.len().min(n)]
}

/// A status as the view names it: the section's id and the cluster's class.
fn status_id(s: Status) -> &'static str {
    match s {
        Status::Conflict => "conflict",
        Status::Agree => "agree",
        Status::Single => "single",
    }
}

/// The view of cluster `c`, the `number`th of the report; `by_id` finds the claims.
fn cluster_view<'a>(
    number: usize,
    c: &'a Cluster,
    by_id: &HashMap<&str, &'a Claim>,
    shown: Shown,
) -> ClusterView<'a> {
    let anchor = format!("cluster-{number}");
    let mut claim_no = 0;
    let mut evidence = |id: &'a str| {
        claim_no += 1;
        evidence_view(
            format!("{anchor}-claim-{claim_no}"),
            id,
            by_id.get(id).copied(),
        )
    };
    let grouped: BTreeSet<&str> = c
        .groups
        .iter()
        .flat_map(|g| g.claims.iter().map(Text::as_str))
        .collect();
    let groups: Vec<GroupView> = c
        .groups
        .iter()
        .take(shown.groups)
        .enumerate()
        .map(|(i, g)| {
            let ids = distinct_sentences(&g.claims, shown.evidence, by_id);
            group_view(i, g, ids, &mut evidence)
        })
        .collect();
    let ungrouped_ids: Vec<&str> = c
        .claims
        .iter()
        .map(Text::as_str)
        .filter(|id| !grouped.contains(id))
        .collect();
    let ungrouped: Vec<EvidenceView> = ungrouped_ids
        .iter()
        .take(shown.evidence)
        .map(|id| evidence(id))
        .collect();
    let members = Members::of(c, &grouped, by_id);
    let folded = groups
        .iter()
        .map(|g| g.claims.len())
        .chain([ungrouped.len()])
        .map(|n| n.saturating_sub(VISIBLE_EVIDENCE))
        .sum();
    ClusterView {
        anchor,
        number,
        status: status_id(c.status),
        subject: &c.key.subject,
        predicate: &c.key.predicate,
        target: c.key.target.as_deref(),
        location: c.key.location.as_deref(),
        scope: &c.key.scope,
        story: c.key.story.as_deref(),
        why: &c.why,
        langs: members.langs,
        outlets: members.outlets,
        outlet_numbers: Vec::new(),
        folded,
        more_groups: c.groups.len() - groups.len(),
        groups,
        more_ungrouped: ungrouped_ids.len() - ungrouped.len(),
        ungrouped,
        claim_count: members.claims,
        doc_count: members.docs,
    }
}

/// The first `shown` of the claims `ids` of a group, but one claim per sentence (a wire
/// copy's sentence is shown once) unless every claim is shown.
fn distinct_sentences<'a>(
    ids: &'a [Text],
    shown: usize,
    by_id: &HashMap<&str, &'a Claim>,
) -> Vec<&'a str> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    ids.iter()
        .map(Text::as_str)
        .filter(|id| {
            let sentence = by_id.get(id).map(|c| c.evidence.text.as_str());
            shown == usize::MAX || sentence.is_none_or(|s| seen.insert(s))
        })
        .take(shown)
        .collect()
}

/// The view of group `g`, the `i`th of its cluster, with the evidence of its claims
/// `shown` from `evidence`.
fn group_view<'a>(
    i: usize,
    g: &'a Group,
    shown: Vec<&'a str>,
    evidence: impl FnMut(&'a str) -> EvidenceView<'a>,
) -> GroupView<'a> {
    let claims: Vec<EvidenceView> = shown.into_iter().map(evidence).collect();
    GroupView {
        label: group_label(i),
        value: describe_value(&g.value),
        first: claims.first().map(|e| e.anchor.clone()),
        docs: &g.docs,
        more_claims: g.claims.len() - claims.len(),
        claims,
    }
}

/// What a cluster's head counts: its claims (listed by the cluster or a group), their
/// languages, and their documents with those the groups name.
struct Members {
    /// Languages of the claims in the report, sorted.
    langs: Vec<String>,
    /// Outlets of the claims in the report, sorted.
    outlets: Vec<String>,
    /// Number of claims.
    claims: usize,
    /// Number of distinct documents.
    docs: usize,
}

impl Members {
    /// The members of cluster `c`, whose groups list the claim ids `grouped`.
    fn of(c: &Cluster, grouped: &BTreeSet<&str>, by_id: &HashMap<&str, &Claim>) -> Members {
        let all_ids: BTreeSet<&str> = c
            .claims
            .iter()
            .map(Text::as_str)
            .chain(grouped.iter().copied())
            .collect();
        let members: Vec<&Claim> = all_ids
            .iter()
            .filter_map(|id| by_id.get(id).copied())
            .collect();
        let langs: BTreeSet<String> = members.iter().map(|m| m.lang.to_string()).collect();
        let outlets: BTreeSet<String> = members
            .iter()
            .filter_map(|m| m.article.source.as_deref().map(str::to_string))
            .collect();
        let mut docs: BTreeSet<&str> = members.iter().map(|m| m.doc.as_str()).collect();
        docs.extend(
            c.groups
                .iter()
                .flat_map(|g| g.docs.iter().map(Text::as_str)),
        );
        Members {
            langs: langs.into_iter().collect(),
            outlets: outlets.into_iter().collect(),
            claims: all_ids.len(),
            docs: docs.len(),
        }
    }
}

/// Words of an evidence sentence and the role they play in its claim, if any.
#[derive(Debug, Serialize)]
pub(super) struct Part<'a> {
    /// `value`, `trigger`, `actor`, `place`, or empty for words that play none.
    pub(super) role: &'static str,
    pub(super) text: &'a str,
}

/// `sentence` cut into parts at the words of `value` (where `value_at` says), of the
/// claim's trigger word, of its actor and of its place, as displaCy marks entities: the
/// words of the actor and the place nearest the value, when they stand in the sentence and
/// overlap no other marked words.
fn parts<'a>(sentence: &'a str, value_at: Option<Range<usize>>, claim: &Claim) -> Vec<Part<'a>> {
    let mut marked: Vec<(Range<usize>, &'static str)> = Vec::new();
    marked.extend(value_at.clone().map(|r| (r, "value")));
    let trigger = claim.evidence.trigger.as_ref().and_then(|t| {
        let r =
            t.start.checked_sub(claim.evidence.start)?..t.end.checked_sub(claim.evidence.start)?;
        sentence.get(r.clone())?;
        Some(r)
    });
    marked.extend(
        trigger
            .filter(|r| {
                !marked
                    .iter()
                    .any(|(m, _)| m.start < r.end && r.start < m.end)
            })
            .map(|r| (r, "trigger")),
    );
    let near = value_at.map_or(0, |r| r.start);
    let roles = [(&claim.subject, "actor"), (&claim.location, "place")];
    for (entity, role) in roles {
        let Some(words) = entity
            .as_ref()
            .map(|e| e.text.as_str())
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        let nearest = sentence
            .match_indices(words)
            .map(|(i, _)| i..i + words.len())
            .filter(|r| {
                !marked
                    .iter()
                    .any(|(m, _)| m.start < r.end && r.start < m.end)
            })
            .min_by_key(|r| r.start.abs_diff(near));
        marked.extend(nearest.map(|r| (r, role)));
    }
    marked.sort_by_key(|(r, _)| r.start);
    let mut out = Vec::new();
    let mut at = 0;
    for (r, role) in marked {
        if r.start > at {
            out.push(Part {
                role: "",
                text: &sentence[at..r.start],
            });
        }
        out.push(Part {
            role,
            text: &sentence[r.clone()],
        });
        at = r.end;
    }
    if at < sentence.len() {
        out.push(Part {
            role: "",
            text: &sentence[at..],
        });
    }
    out
}

/// `A` ... `Z`, then `AA`, `AB`...
fn group_label(i: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    if i < 26 {
        letter(i).to_string()
    } else {
        format!("{}{}", letter(i / 26 - 1), letter(i))
    }
}

/// The view of claim `id`'s evidence (`claim`, when the report carries it), its block
/// at `anchor`.
fn evidence_view<'a>(anchor: String, id: &'a str, claim: Option<&'a Claim>) -> EvidenceView<'a> {
    let Some(claim) = claim else {
        return EvidenceView {
            anchor,
            claim: id,
            doc: None,
            lang: None,
            source: None,
            url: None,
            published: None,
            value: None,
            value_text: None,
            before: "",
            mark: "",
            after: "",
            parts: Vec::new(),
            known: false,
        };
    };
    let sentence = claim.evidence.text.as_str();
    let value_text = value_text(&claim.value).filter(|t| !t.trim().is_empty());
    let value_at = value_text.and_then(|t| locate(sentence, t));
    let (before, mark, after) = match value_at.clone() {
        Some(r) => (
            &sentence[..r.start],
            &sentence[r.clone()],
            &sentence[r.end..],
        ),
        None => (sentence, "", ""),
    };
    EvidenceView {
        anchor,
        claim: id,
        doc: Some(&claim.doc),
        lang: Some(&claim.lang),
        source: claim.article.source.as_deref(),
        url: claim
            .article
            .url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        published: claim.article.published.as_deref(),
        value: Some(describe_value(&claim.value)),
        value_text,
        before,
        mark,
        after,
        parts: parts(sentence, value_at, claim),
        known: true,
    }
}

/// The words a value was read from.
fn value_text(v: &Value) -> Option<&str> {
    match v {
        Value::Date(d) => Some(d.text.as_str()),
        _ => v.amount().map(|a| a.text.as_str()),
    }
}

/// Where `needle` stands in `haystack`: verbatim, else ignoring case, the kind of
/// whitespace (no-break spaces) and the kind of apostrophe.
fn locate(haystack: &str, needle: &str) -> Option<Range<usize>> {
    if let Some(start) = haystack.find(needle) {
        return Some(start..start + needle.len());
    }
    let fold = |c: char| -> char {
        if c.is_whitespace() {
            ' '
        } else if matches!(c, '’' | '‘' | 'ʼ' | '`' | '´') {
            '\''
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let wanted: Vec<char> = needle.trim().chars().map(fold).collect();
    let first = *wanted.first()?;
    haystack.char_indices().find_map(|(start, c)| {
        if fold(c) != first {
            return None;
        }
        let mut chars = haystack[start..].char_indices();
        for &w in &wanted {
            let (_, c) = chars.next()?;
            if fold(c) != w {
                return None;
            }
        }
        let end = chars.next().map_or(haystack.len(), |(i, _)| start + i);
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_value_text_loosely() {
        let s = "Amazon investit plus de 1,2\u{a0}milliard d'euros en France.";
        let r = locate(s, "plus de 1,2 milliard d’euros").unwrap();
        assert_eq!(&s[r], "plus de 1,2\u{a0}milliard d'euros");
        assert_eq!(locate("On Monday", "on monday"), Some(0..9));
        assert_eq!(locate("nothing here", "€4 billion"), None);
    }

    #[test]
    fn groups_are_lettered() {
        assert_eq!(group_label(0), "A");
        assert_eq!(group_label(27), "AB");
    }
}
