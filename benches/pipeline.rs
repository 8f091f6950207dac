//! Benchmarks: extraction end to end on the fixture articles, each stage on its own, and
//! the cross-check on synthetic claim sets of growing size (cost per claim must stay flat).
//!
//! Run: `cargo bench --bench pipeline` (or `-- crosscheck` for one group).

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use newsclaims::claims::{Claim, EntityRef, Evidence};
use newsclaims::corpus::{discover, read, Document};
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::value::{Amount, Qualifier, Value};
use newsclaims::{Pipeline, RuleSet};

fn fixture_documents() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let (inputs, _) = discover(&[root]);
    inputs.iter().flat_map(|i| read(i).0).collect()
}

fn extraction(c: &mut Criterion) {
    let pipeline = Pipeline::new(RuleSet::bundled().unwrap(), None);
    let docs = fixture_documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fixtures_end_to_end", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipeline.claims(d).map(|(_, c)| c.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    group.bench_function("fixtures_mentions_only", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipeline.analyse(d).map(|a| a.sentences.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    group.finish();
}

/// `n` claims about `n / 20` subjects from `n / 8` documents, with agreeing, converted
/// and conflicting figures, from a fixed-seed generator.
fn synthetic_claims(n: usize) -> Vec<Claim> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let currencies = ["EUR", "EUR", "EUR", "USD"];
    (0..n)
        .map(|i| {
            let r = next();
            let subject = format!("company_{}", r % (n as u64 / 20 + 1));
            let doc = format!("doc_{}.txt", (r >> 8) % (n as u64 / 8 + 1));
            let base = ((r >> 16) % 40 + 1) as f64 * 1e8;
            let unit = currencies[((r >> 24) % 4) as usize];
            Claim {
                id: format!("{doc}#{i}"),
                doc: doc.clone(),
                lang: "en".into(),
                subject: Some(EntityRef {
                    id: subject.clone(),
                    text: subject,
                }),
                predicate: "invest".into(),
                target: None,
                value: Value::Money(Amount {
                    amount: base,
                    unit: Some(unit.into()),
                    qualifier: if r % 5 == 0 {
                        Qualifier::MoreThan
                    } else {
                        Qualifier::Exact
                    },
                    min: None,
                    precision: Some(5e7),
                    text: String::new(),
                }),
                alt: Vec::new(),
                location: Some(EntityRef {
                    id: "france".into(),
                    text: "France".into(),
                }),
                time: None,
                scope: None,
                evidence: Evidence {
                    start: 0,
                    end: 10,
                    text: format!("sentence {i} of {doc}"),
                },
                rules: Vec::new(),
            }
        })
        .collect()
}

fn crosscheck(c: &mut Criterion) {
    let rules = RuleSet::bundled().unwrap();
    let mut group = c.benchmark_group("crosscheck");
    group.sample_size(10);
    for n in [10_000usize, 100_000, 1_000_000] {
        let claims = synthetic_claims(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &claims, |b, claims| {
            let fx = FxRates::parse("fx", BUNDLED_FX).unwrap();
            let checker = CrossChecker::new(&rules.gazetteer, fx);
            b.iter_batched(
                || claims.clone(),
                |claims| checker.check(claims, Default::default()).clusters.len(),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, extraction, crosscheck);
criterion_main!(benches);
