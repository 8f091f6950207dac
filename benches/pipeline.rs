//! Benchmarks: each stage of extraction (language detection, segmentation, mention
//! matching, claim assembly, writing the claim lines) and extraction end to end, on the fixture articles and on a
//! generated corpus; claim assembly with and without the languages' claim frames, in one
//! run (the frame stage's cost is the difference); the cross-check on synthetic claim sets of growing size (cost per
//! claim must stay flat); loading the rules with a generated gazetteer of 100,000 and
//! 1,000,000 names.
//!
//! Run: `cargo bench --bench pipeline` (or `-- crosscheck`, `-- extract/generated`,
//! `-- gazetteer`, `-- frames` for one group).

use std::collections::BTreeMap;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use newsclaims::claims::{assemble, Claim, EntityRef, Evidence, Topics};
use newsclaims::corpus::{Document, Documents, ReadOptions};
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::extract::{entities, sentence_mentions};
use newsclaims::pipeline::{Analysis, Languages};
use newsclaims::segment::sentences;
use newsclaims::tools::synth::{generated_gazetteer, CorpusGenerator};
use newsclaims::value::{Amount, Qualifier, Value};
use newsclaims::{Pipeline, RuleSet};

/// Generated articles in the generated-corpus benchmarks.
const GENERATED: usize = 2_000;

fn fixture_documents() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    Documents::new(&[root], ReadOptions::default())
        .flatten()
        .collect()
}

fn generated_documents(pipeline: &Pipeline, templates: &[Document]) -> Vec<Document> {
    let mut generator = CorpusGenerator::new(pipeline, templates, 42).unwrap();
    (0..GENERATED)
        .map(|i| Document::new(format!("gen{i}"), generator.article().1))
        .collect()
}

/// A document cut into the sentences of each of its language parts.
struct Segmented<'d> {
    doc: &'d Document,
    sentences: Vec<(std::ops::Range<usize>, String)>,
}

/// A document with its detected language parts, ready to be segmented.
type Detected<'d> = (&'d Document, Languages);

fn detect_all<'d>(pipeline: &Pipeline, docs: &'d [Document]) -> Vec<Detected<'d>> {
    docs.iter()
        .filter_map(|doc| Some((doc, pipeline.detect(doc).ok()?)))
        .collect()
}

fn segment_all<'d>(pipeline: &Pipeline, detected: &[Detected<'d>]) -> Vec<Segmented<'d>> {
    detected
        .iter()
        .map(|(doc, (_, parts))| {
            let sentences = parts
                .iter()
                .flat_map(|(range, code)| {
                    let rules = &pipeline.rules.languages[code];
                    let bounds = sentences(&doc.text, range.clone(), &rules.segment);
                    bounds.into_iter().map(move |s| (s, code.clone()))
                })
                .collect();
            Segmented { doc, sentences }
        })
        .collect()
}

/// The claims of `doc` from its analysis.
fn assemble_all(pipeline: &Pipeline, doc: &Document, analysis: &Analysis) -> Vec<Claim> {
    let mentions: Vec<_> = analysis
        .sentences
        .iter()
        .flat_map(|s| s.mentions.iter().cloned())
        .collect();
    let topics = Topics::of(&pipeline.rules, &doc.text, &mentions, analysis.open.clone());
    let sentences = analysis.sentences.iter().cloned();
    assemble(&pipeline.rules, &doc.id, &doc.text, &topics, sentences)
}

fn extraction(c: &mut Criterion) {
    let pipeline = Pipeline::new(RuleSet::bundled().unwrap(), None);
    let fixtures = fixture_documents();
    let generated = generated_documents(&pipeline, &fixtures);
    for (name, docs) in [("fixtures", &fixtures), ("generated", &generated)] {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut group = c.benchmark_group(format!("extract/{name}"));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        stages(&mut group, &pipeline, docs);
        group.finish();
    }
}

fn stages(
    group: &mut criterion::BenchmarkGroup<criterion::measurement::WallTime>,
    pipeline: &Pipeline,
    docs: &[Document],
) {
    group.bench_function("end_to_end", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipeline.claims(d).map(|(_, c)| c.len()).unwrap_or(0))
                .sum::<usize>()
        })
    });
    group.bench_function("language", |b| {
        b.iter(|| docs.iter().filter(|d| pipeline.detect(d).is_ok()).count())
    });
    let detected = detect_all(pipeline, docs);
    group.bench_function("segment", |b| {
        b.iter(|| segment_all(pipeline, &detected).len())
    });
    let segmented = segment_all(pipeline, &detected);
    group.bench_function("mentions", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &segmented {
                for (range, code) in &s.sentences {
                    let rules = &pipeline.rules.languages[code];
                    let text = &s.doc.text;
                    n += sentence_mentions(rules, text, range.clone(), false).len();
                    n += entities(&pipeline.rules.gazetteer, code, text, range.clone()).count();
                }
            }
            n
        })
    });
    let analyses: Vec<_> = docs
        .iter()
        .filter_map(|d| Some((d, pipeline.analyse(d).ok()?)))
        .collect();
    group.bench_function("claims", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|(d, a)| assemble_all(pipeline, d, a).len())
                .sum::<usize>()
        })
    });
    let claims: Vec<Claim> = analyses
        .iter()
        .flat_map(|(d, a)| assemble_all(pipeline, d, a))
        .collect();
    group.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(4 * docs.len() * 1024);
            for claim in &claims {
                serde_json::to_writer(&mut out, claim).expect("claims serialise");
                out.push(b'\n');
            }
            out.len()
        })
    });
}

/// `n` claims about `n / 20` subjects, 8 from each of `n / 8` documents in the order
/// `extract` writes them (by document), with agreeing, converted and conflicting figures,
/// from a fixed-seed generator.
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
            let doc = format!("doc_{:07}.txt", i / 8);
            let base = ((r >> 16) % 40 + 1) as f64 * 1e8;
            let unit = currencies[((r >> 24) % 4) as usize];
            Claim {
                id: format!("{doc}#{}", i % 8).into(),
                doc: doc.as_str().into(),
                article: Default::default(),
                lang: "en".into(),
                subject: Some(EntityRef {
                    id: subject.as_str().into(),
                    text: subject.into(),
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
                    text: Default::default(),
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
                    text: format!("sentence {i} of {doc}").into(),
                    sentence: None,
                    trigger: None,
                },
                rules: Default::default(),
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
                // The report is returned, so that freeing it is not measured.
                |claims| checker.check(claims, Default::default()),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// The bundled rule files, with every `[[frames]]` table of the language files removed
/// when `frames` is false.
fn bundled_files(frames: bool) -> BTreeMap<String, (PathBuf, String)> {
    let frame_table =
        regex::Regex::new(r"(?m)^\[\[frames\]\]\n(?:(?:predicate|name|pattern) = .*\n)+").unwrap();
    newsclaims::rules::BUNDLED
        .iter()
        .map(|(name, text)| {
            let text = match frames {
                true => text.to_string(),
                false => frame_table.replace_all(text, "").into_owned(),
            };
            (name.to_string(), (PathBuf::from(name), text))
        })
        .collect()
}

/// Claim assembly on the generated corpus with the bundled frames and with none: the
/// cost of matching every frame over each sentence's mentions and binding their roles.
fn frames(c: &mut Criterion) {
    let bundled = Pipeline::new(RuleSet::bundled().unwrap(), None);
    let docs = generated_documents(&bundled, &fixture_documents());
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("frames");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for with_frames in [true, false] {
        let rules = RuleSet::from_files(&bundled_files(with_frames)).unwrap();
        let frame_count: usize = rules.languages.values().map(|l| l.frames.len()).sum();
        assert_eq!(frame_count > 0, with_frames);
        let pipeline = Pipeline::new(rules, None);
        let analyses: Vec<_> = docs
            .iter()
            .filter_map(|d| Some((d, pipeline.analyse(d).ok()?)))
            .collect();
        let name = if with_frames {
            "claims_with_frames"
        } else {
            "claims_without_frames"
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                analyses
                    .iter()
                    .map(|(d, a)| assemble_all(&pipeline, d, a).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

/// The rules loaded with a gazetteer of growing size: the bundled languages (about a
/// tenth of a second) and the gazetteer, read, checked and compiled.
fn gazetteer(c: &mut Criterion) {
    let mut group = c.benchmark_group("gazetteer");
    group.sample_size(10);
    for n in [100_000usize, 1_000_000] {
        let mut files: BTreeMap<String, (PathBuf, String)> = newsclaims::rules::BUNDLED
            .iter()
            .map(|(name, text)| (name.to_string(), (PathBuf::from(name), text.to_string())))
            .collect();
        let entities = (PathBuf::from("entities.toml"), generated_gazetteer(n));
        files.insert("entities.toml".into(), entities);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, files| {
            // Freeing the rules is not measured.
            b.iter_with_large_drop(|| RuleSet::from_files(files).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, extraction, frames, crosscheck, gazetteer);
criterion_main!(benches);
