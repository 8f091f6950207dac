//! Examples inside rule files: sentences with the claims or mentions they must yield, and
//! counter-examples that must yield none. `newsclaims rules test` and `cargo test` run
//! them, so a rule author sees at once what an edit breaks.

use std::collections::{BTreeMap, BTreeSet};

use crate::claims::{Claim, Text};
use crate::corpus::Document;
use crate::extract::{Mention, MentionKind};
use crate::pipeline::Pipeline;
use crate::rules::{EntityTable, Example, ExpectedClaim, ExpectedMention, LanguageRules};
use crate::value::Value;

/// Relative tolerance for amounts in examples.
const TOLERANCE: f64 = 0.005;

/// An example of a rule file, where it is, and what went wrong with it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `rules/en.toml:412`.
    pub at: String,
    /// The example's text.
    pub text: String,
    /// Empty when it passed; otherwise expected/got lines.
    pub failures: Vec<String>,
}

/// Run every example of every language of `pipeline`'s rules; then, as one more outcome
/// per frame, fail every frame that binds no figure of a passing example of its language
/// (a frame without an example is a rule nobody has seen work).
pub fn run(pipeline: &Pipeline) -> Vec<Outcome> {
    pipeline
        .rules
        .languages
        .values()
        .flat_map(|lang| run_language(pipeline, lang).0)
        .collect()
}

/// Per language code, the rule ids the passing examples of that language exercise: those
/// of their claims and mentions, and the frames that bound their figures. A rule id a
/// language emits on real text and no passing example exercises is a rule nobody has
/// seen work.
pub fn covered_rules(pipeline: &Pipeline) -> BTreeMap<String, BTreeSet<String>> {
    pipeline
        .rules
        .languages
        .values()
        .map(|lang| (lang.code.clone(), run_language(pipeline, lang).1))
        .collect()
}

/// The outcomes of a language's examples and frames, and the rule ids its passing
/// examples exercise.
fn run_language(pipeline: &Pipeline, lang: &LanguageRules) -> (Vec<Outcome>, BTreeSet<String>) {
    let mut out = Vec::new();
    let mut covered = BTreeSet::new();
    for (at, example) in &lang.examples {
        let (failures, rules) = check(pipeline, &lang.code, example);
        if failures.is_empty() {
            covered.extend(rules);
        }
        out.push(Outcome {
            at: at.clone(),
            text: example.text.clone(),
            failures,
        });
    }
    out.extend(lang.frames.iter().map(|frame| Outcome {
        at: frame.at.clone(),
        text: format!("[[frames]] {}", frame.id),
        failures: if covered.contains(&frame.id) {
            Vec::new()
        } else {
            vec!["no passing example has a figure this frame binds".to_string()]
        },
    }));
    (out, covered)
}

/// The failures of `example`, and the rule ids it exercises: those of its mentions and
/// claims, and the frames that bound its figures.
fn check(pipeline: &Pipeline, lang: &str, example: &Example) -> (Vec<String>, Vec<String>) {
    let doc = Document {
        lang: Some(lang.to_string()),
        ..Document::new("example", example.text.clone())
    };
    let mut failures = Vec::new();
    let analysis = match pipeline.analyse(&doc) {
        Ok(a) => a,
        Err(skip) => return (vec![format!("not processed: {}", skip.reason)], Vec::new()),
    };
    let mut mentions: Vec<&Mention> = analysis
        .sentences
        .iter()
        .flat_map(|s| &s.mentions)
        .collect();
    mentions.sort_by_key(|m| m.start);
    let entities = pipeline.rules.gazetteer.with_open(&analysis.open);
    failures.extend(check_expected_mentions(
        pipeline, entities, example, &mentions,
    ));
    failures.extend(check_only_mentions(pipeline, entities, example, &mentions));
    let mut rules: Vec<String> = mentions.iter().map(|m| m.rule.clone()).collect();
    if let Some(wanted) = &example.claims {
        let claims = pipeline.claims(&doc).map(|(_, c)| c).unwrap_or_default();
        failures.extend(compare_claims(wanted, &claims));
        rules.extend(
            claims
                .iter()
                .flat_map(|c| c.rules.iter().map(Text::to_string)),
        );
    }
    rules.extend(pipeline.frames_bound(&doc).unwrap_or_default());
    (failures, rules)
}

/// The failures of `example`'s `mentions` and `no_mentions` against the mentions found.
fn check_expected_mentions(
    pipeline: &Pipeline,
    entities: EntityTable,
    example: &Example,
    mentions: &[&Mention],
) -> Vec<String> {
    let mut failures = Vec::new();
    for want in &example.mentions {
        if !mentions
            .iter()
            .any(|m| mention_matches(pipeline, entities, &example.text, want, m))
        {
            failures.push(format!(
                "expected mention: {}",
                describe_expected_mention(want)
            ));
            failures.extend(got_mentions(pipeline, &example.text, mentions, &want.kind));
        }
    }
    for kind in &example.no_mentions {
        for m in mentions.iter().filter(|m| is_of_kind(pipeline, m, kind)) {
            failures.push(format!(
                "unexpected {kind}: {:?}",
                &example.text[m.start..m.end]
            ));
        }
    }
    failures
}

/// The failures of `example`'s `only_mentions`: of those kinds, the mentions found (in text
/// order) must be the expected ones, one for one.
fn check_only_mentions(
    pipeline: &Pipeline,
    entities: EntityTable,
    example: &Example,
    mentions: &[&Mention],
) -> Vec<String> {
    let kinds = &example.only_mentions;
    if kinds.is_empty() {
        return Vec::new();
    }
    let found: Vec<&Mention> = mentions
        .iter()
        .copied()
        .filter(|m| kinds.iter().any(|k| is_of_kind(pipeline, m, k)))
        .collect();
    let wanted: Vec<&ExpectedMention> = example
        .mentions
        .iter()
        .filter(|w| {
            kinds
                .iter()
                .any(|k| k == &w.kind || (k == "amount" && AMOUNT_KINDS.contains(&w.kind.as_str())))
        })
        .collect();
    let one_for_one = found.len() == wanted.len()
        && found
            .iter()
            .zip(&wanted)
            .all(|(m, w)| mention_matches(pipeline, entities, &example.text, w, m));
    if one_for_one {
        return Vec::new();
    }
    let mut failures = vec![format!(
        "expected only: {}",
        wanted
            .iter()
            .map(|w| describe_expected_mention(w))
            .collect::<Vec<_>>()
            .join("; ")
    )];
    for kind in kinds {
        failures.extend(got_mentions(pipeline, &example.text, &found, kind));
    }
    failures
}

fn compare_claims(wanted: &[ExpectedClaim], claims: &[Claim]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut left: Vec<&Claim> = claims.iter().collect();
    for want in wanted {
        match left.iter().position(|c| claim_matches(want, c)) {
            Some(i) => {
                left.remove(i);
            }
            None => failures.push(format!("expected claim: {}", describe_expected_claim(want))),
        }
    }
    if !failures.is_empty() || !left.is_empty() {
        for c in &left {
            failures.push(format!("got claim:      {}", describe_claim(c)));
        }
        if left.is_empty() && !claims.is_empty() {
            for c in claims {
                failures.push(format!("got claim:      {}", describe_claim(c)));
            }
        }
        if claims.is_empty() {
            failures.push("got:            no claim".into());
        }
    }
    failures
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

fn claim_matches(want: &ExpectedClaim, c: &Claim) -> bool {
    let same = |w: &Option<String>, got: Option<&str>| w.as_deref().is_none_or(|w| Some(w) == got);
    let time = c.time.clone().unwrap_or_default();
    let value_ok = match &c.value {
        Value::Date(d) => {
            same(&want.weekday, d.weekday.as_deref()) && same(&want.date, d.date.as_deref())
        }
        v => v.amount().is_some_and(|a| {
            want.amount.is_none_or(|w| close(w, a.amount))
                && same(&want.unit, a.unit.as_deref())
                && want.qualifier.is_none_or(|q| q == a.qualifier)
        }),
    };
    c.subject.as_ref().map(|s| s.id.as_str()) == Some(want.subject.as_str())
        && c.predicate == want.predicate
        && value_ok
        && same(&want.location, c.location.as_ref().map(|l| l.id.as_str()))
        && same(&want.target, c.target.as_ref().map(|t| t.id.as_str()))
        && want.by.is_none_or(|y| time.by == Some(y))
        && want.since.is_none_or(|y| time.since == Some(y))
        && want.prior.is_none_or(|p| time.prior == p)
        && same(&want.scope, c.scope.as_deref())
}

fn kind_of(pipeline: &Pipeline, m: &Mention) -> String {
    match &m.kind {
        MentionKind::Amount(v) => v.kind().to_string(),
        MentionKind::Date(_) => "date".into(),
        MentionKind::Time(_) => "time".into(),
        MentionKind::Entity(_) => "entity".into(),
        MentionKind::Trigger(p) => format!("trigger.{}", pipeline.rules.predicate(*p).def.id),
        MentionKind::Anaphor => "anaphor".into(),
        MentionKind::Prior { .. } => "prior".into(),
    }
}

/// The kinds of mention that carry an amount, which the kind `amount` stands for.
const AMOUNT_KINDS: [&str; 4] = ["money", "count", "number", "percent"];

/// Whether `m` is of `kind`, where `amount` is any of [`AMOUNT_KINDS`].
fn is_of_kind(pipeline: &Pipeline, m: &Mention, kind: &str) -> bool {
    kind == "amount" && matches!(m.kind, MentionKind::Amount(_)) || kind_of(pipeline, m) == kind
}

fn mention_matches(
    pipeline: &Pipeline,
    entities: EntityTable,
    text: &str,
    want: &ExpectedMention,
    m: &Mention,
) -> bool {
    if !is_of_kind(pipeline, m, &want.kind) {
        return false;
    }
    if want
        .text
        .as_deref()
        .is_some_and(|t| t != &text[m.start..m.end])
    {
        return false;
    }
    let same = |w: &Option<String>, got: Option<&str>| w.as_deref().is_none_or(|w| Some(w) == got);
    match &m.kind {
        MentionKind::Amount(v) => v.amount().is_some_and(|a| {
            want.amount.is_none_or(|w| close(w, a.amount))
                && want.min.is_none_or(|w| a.min.is_some_and(|m| close(w, m)))
                && same(&want.unit, a.unit.as_deref())
                && want.qualifier.is_none_or(|q| q == a.qualifier)
        }),
        MentionKind::Date(d) => {
            same(&want.weekday, d.weekday.as_deref()) && same(&want.date, d.date.as_deref())
        }
        MentionKind::Time(t) => {
            let year = t.by.or(t.since).or(t.year).map(|y| y.to_string());
            same(&want.id, year.as_deref())
        }
        MentionKind::Entity(e) => {
            let id = &entities[entities.claim_id(e.0)].id;
            let own = &entities[e.0].id;
            want.id.as_ref().is_none_or(|w| w == id || w == own)
        }
        _ => true,
    }
}

fn got_mentions(pipeline: &Pipeline, text: &str, mentions: &[&Mention], kind: &str) -> Vec<String> {
    let same_kind: Vec<String> = mentions
        .iter()
        .filter(|m| is_of_kind(pipeline, m, kind))
        .map(|m| {
            let kind = kind_of(pipeline, m);
            let value = match &m.kind {
                MentionKind::Amount(v) => format!(" {}", v.brief()),
                MentionKind::Date(d) => format!(" {}", Value::Date(d.clone()).brief()),
                _ => String::new(),
            };
            format!(
                "got mention:      {kind} {:?}{value}",
                &text[m.start..m.end]
            )
        })
        .collect();
    if same_kind.is_empty() {
        vec![format!("got mention:      no {kind}")]
    } else {
        same_kind
    }
}

fn describe_expected_mention(m: &ExpectedMention) -> String {
    let mut parts = vec![m.kind.clone()];
    if let Some(t) = &m.text {
        parts.push(format!("{t:?}"));
    }
    parts.extend(m.amount.map(|a| a.to_string()));
    parts.extend(m.unit.clone());
    parts.extend(m.qualifier.map(|q| q.id().to_string()));
    parts.extend(m.min.map(|v| format!("min={v}")));
    parts.extend(m.weekday.clone());
    parts.extend(m.date.clone());
    parts.extend(m.id.clone());
    parts.join(" ")
}

fn describe_expected_claim(c: &ExpectedClaim) -> String {
    let mut parts = vec![c.subject.clone(), c.predicate.clone()];
    parts.extend(c.amount.map(|a| a.to_string()));
    parts.extend(c.unit.clone());
    parts.extend(c.qualifier.map(|q| q.id().to_string()));
    parts.extend(c.weekday.clone());
    parts.extend(c.date.clone());
    parts.extend(c.location.as_ref().map(|l| format!("location={l}")));
    parts.extend(c.target.as_ref().map(|t| format!("target={t}")));
    parts.extend(c.by.map(|y| format!("by={y}")));
    parts.extend(c.since.map(|y| format!("since={y}")));
    parts.extend(c.prior.map(|p| format!("prior={p}")));
    parts.extend(c.scope.as_ref().map(|s| format!("scope={s}")));
    parts.join(" ")
}

fn describe_claim(c: &Claim) -> String {
    let value = c.value.brief();
    let time = c.time.clone().unwrap_or_default();
    let mut parts = vec![
        c.subject
            .as_ref()
            .map_or("-".to_string(), |s| s.id.to_string()),
        c.predicate.to_string(),
        value,
        format!(
            "location={}",
            c.location.as_ref().map_or("-", |l| l.id.as_str())
        ),
    ];
    parts.extend(c.target.as_ref().map(|t| format!("target={}", t.id)));
    parts.extend(time.by.map(|y| format!("by={y}")));
    parts.extend(time.since.map(|y| format!("since={y}")));
    if time.prior {
        parts.push("prior=true".into());
    }
    parts.extend(c.scope.as_ref().map(|s| format!("scope={s}")));
    parts.join(" ")
}
