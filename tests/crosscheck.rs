//! Cross-check verdicts on the seed articles, our fixtures and the development set: the
//! acceptance of the cross-check issue.

mod common;

use std::path::Path;

use newsclaims::claims::Text;
use newsclaims::crosscheck::{Cluster, CrossChecker, FxRates, Report, Status, BUNDLED_FX};
use newsclaims::run::batch;
use newsclaims::tools::eval::{score_conflicts, ConflictScore, Gold};

use common::{pipeline, root, shared_for};

fn check(dir: &Path) -> (Report, ConflictScore) {
    let pipeline = pipeline();
    let (claims, _) = batch::extract(&pipeline, &[dir.to_path_buf()]);
    let fx = FxRates::parse("fx", BUNDLED_FX).unwrap();
    let report = CrossChecker::new(&pipeline.rules.gazetteer, fx).check(claims, Default::default());
    let gold = Gold::read(&dir.join("expected.json")).unwrap();
    let score = score_conflicts(&gold, &report, &pipeline.rules.gazetteer);
    (report, score)
}

fn cluster<'a>(report: &'a Report, subject: &str, predicate: &str, scope: &str) -> &'a Cluster {
    report
        .clusters
        .iter()
        .find(|c| c.key.subject == subject && c.key.predicate == predicate && c.key.scope == scope)
        .unwrap_or_else(|| panic!("no cluster {subject} {predicate} {scope}"))
}

fn langs(report: &Report, cluster: &Cluster) -> Vec<String> {
    let mut langs: Vec<String> = report
        .claims
        .iter()
        .filter(|c| cluster.claims.contains(&c.id))
        .map(|c| c.lang.to_string())
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

#[test]
fn seeds_report_exactly_the_three_real_conflicts() {
    let Some(dir) = shared_for("crosscheck", "seeds") else {
        return;
    };
    let (report, score) = check(&dir);
    assert_eq!(score.found.len(), 3, "{score:#?}");
    assert!(
        score.extra.is_empty(),
        "unexpected conflicts: {:#?}",
        score.extra
    );
    assert_eq!(report.summary.conflict, 3);

    let ms = cluster(&report, "microsoft", "invest", "new");
    assert_eq!(ms.key.location.as_deref(), Some("france"));
    assert_eq!(ms.status, Status::Agree, "{}", ms.why);
    assert_eq!(langs(&report, ms), ["en", "fr", "nl"]);

    let jobs = cluster(&report, "amazon", "jobs", "new");
    assert_eq!(jobs.status, Status::Agree, "{}", jobs.why);
    assert_eq!(langs(&report, jobs), ["en", "fr", "nl"]);

    assert_ne!(
        cluster(&report, "amazon", "invest", "since 2010").status,
        Status::Conflict
    );
    assert_ne!(
        cluster(&report, "amazon", "jobs", "prior, in 2024").status,
        Status::Conflict
    );

    let amazon = cluster(&report, "amazon", "invest", "new");
    assert_eq!(amazon.status, Status::Conflict);
    assert!(amazon.why.contains("two currencies"), "{}", amazon.why);
    for subject in ["microsoft", "amazon"] {
        let day = cluster(&report, subject, "announced", "new");
        assert_eq!(day.status, Status::Conflict, "{}", day.why);
    }
}

#[test]
fn own_fixtures_report_their_conflicts_and_no_other() {
    let (report, score) = check(&root().join("fixtures/articles"));
    assert_eq!(score.found.len(), score.expected.len(), "{score:#?}");
    assert!(
        score.extra.is_empty(),
        "unexpected conflicts: {:#?}",
        score.extra
    );
    // German articles, read with rules added as data only, join the seed story's clusters.
    let ms = cluster(&report, "microsoft", "invest", "new");
    assert_eq!(ms.status, Status::Agree, "{}", ms.why);
    assert_eq!(langs(&report, ms), ["de", "en", "fr", "nl"]);
}

#[test]
fn development_set_reports_80_percent_of_conflicts_and_at_most_two_others() {
    let Some(dir) = shared_for("crosscheck", "devset") else {
        return;
    };
    let (_, score) = check(&dir);
    println!("{score:#?}");
    assert!(
        score.recall() >= 0.80,
        "recall {:.2}: {score:#?}",
        score.recall()
    );
    assert!(
        score.extra.len() <= 2,
        "unexpected conflicts: {:#?}",
        score.extra
    );
}

#[test]
fn the_report_is_the_same_whatever_the_order_of_the_claims() {
    let pipeline = pipeline();
    let mut dirs = vec![root().join("fixtures/articles")];
    dirs.extend(shared_for("crosscheck", "devset"));
    let (claims, _) = batch::extract(&pipeline, &dirs);
    let report = |claims: Vec<_>| {
        let fx = FxRates::parse("fx", BUNDLED_FX).unwrap();
        let report =
            CrossChecker::new(&pipeline.rules.gazetteer, fx).check(claims, Default::default());
        serde_json::to_string(&report).unwrap()
    };
    let expected = report(claims.clone());
    let mut reversed = claims.clone();
    reversed.reverse();
    // Claims of one document interleaved with the others' (shards merged line by line).
    let (even, odd): (Vec<_>, Vec<_>) = claims
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let interleaved = odd.into_iter().chain(even).map(|(_, c)| c).collect();
    assert_eq!(report(reversed), expected);
    assert_eq!(report(interleaved), expected);
}

/// The conflicts and agreements of a report: status, key (story included) and claim ids.
fn verdicts(report: &Report) -> std::collections::BTreeSet<(Status, String, Vec<Text>)> {
    report
        .clusters
        .iter()
        .filter(|c| c.status != Status::Single)
        .map(|c| {
            let key = serde_json::to_string(&c.key).unwrap();
            let mut claims = c.claims.clone();
            claims.sort_unstable();
            (c.status, key, claims)
        })
        .collect()
}

#[test]
fn dated_stories_checked_together_give_the_verdicts_they_give_apart() {
    // Both feeds in one run (two corpora, some with the same companies and countries,
    // years apart): each conflict and agreement is the one its feed gives alone.
    let Some(feeds) = shared_for("crosscheck", "feeds") else {
        return;
    };
    let pipeline = pipeline();
    let fx = || FxRates::parse("fx", BUNDLED_FX).unwrap();
    let checked = |paths: &[std::path::PathBuf]| {
        let (claims, _) = batch::extract(&pipeline, paths);
        CrossChecker::new(&pipeline.rules.gazetteer, fx()).check(claims, Default::default())
    };
    let files = [feeds.join("devset.jsonl"), feeds.join("devset2.jsonl")];
    let mut apart = std::collections::BTreeSet::new();
    for file in &files {
        apart.extend(verdicts(&checked(std::slice::from_ref(file))));
    }
    let together = verdicts(&checked(&files));
    assert!(!apart.is_empty());
    let only_apart: Vec<_> = apart.difference(&together).collect();
    let only_together: Vec<_> = together.difference(&apart).collect();
    assert!(
        only_apart.is_empty() && only_together.is_empty(),
        "apart only: {only_apart:#?}\ntogether only: {only_together:#?}"
    );
}

#[test]
fn conflicts_where_more_documents_disagree_come_first() {
    let (report, _) = check(&root().join("fixtures/articles"));
    let dissent = |c: &Cluster| {
        let sizes: Vec<usize> = c.groups.iter().map(|g| g.docs.len()).collect();
        sizes.iter().sum::<usize>() - sizes.iter().max().copied().unwrap_or(0)
    };
    let conflicts: Vec<usize> = report
        .clusters
        .iter()
        .filter(|c| c.status == Status::Conflict)
        .map(dissent)
        .collect();
    assert!(conflicts.len() > 1, "the fixtures hold several conflicts");
    assert!(
        conflicts.windows(2).all(|w| w[0] >= w[1]),
        "documents that disagree, in report order: {conflicts:?}"
    );
}
