//! Batch runs at scale: the generated corpus is the same for a seed, and the output of a
//! run is byte-identical whatever the number of threads.

use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

fn generate(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(args)
        .output()
        .expect("gen-corpus runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `newsclaims extract PATH` on `threads` threads: stdout.
fn extract(path: &Path, threads: usize) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .arg("extract")
        .arg(path)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .output()
        .expect("newsclaims runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_same_seed_gives_the_same_corpus_and_another_seed_another() {
    let dir = TempDir::new().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (name, seed) in [("a.jsonl", "7"), ("b.jsonl", "7"), ("c.jsonl", "8")] {
        let args = ["--count", "50", "--stories", "12", "--seed", seed];
        generate(&[&args[..], &["--jsonl", &file(name)]].concat());
    }
    let read = |name: &str| std::fs::read_to_string(file(name)).unwrap();
    assert_eq!(read("a.jsonl"), read("b.jsonl"));
    assert_ne!(read("a.jsonl"), read("c.jsonl"));
    let lines: Vec<serde_json::Value> = read("a.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 50);
    // Every article says where and when it was published; twelve stories, each first
    // published on its own day and told within four days.
    let mut days: Vec<jiff::civil::Date> = Vec::new();
    for l in &lines {
        assert!(l["source"].as_str().is_some_and(|s| !s.is_empty()), "{l}");
        assert!(
            l["url"].as_str().is_some_and(|u| u.starts_with("https://")),
            "{l}"
        );
        days.push(
            l["published"]
                .as_str()
                .unwrap()
                .parse()
                .expect("an ISO date"),
        );
    }
    days.sort();
    days.dedup();
    assert!(
        days.len() > 6 && days.len() <= 12 * 4,
        "{} days",
        days.len()
    );
    for lang in ["_en", "_fr", "_nl", "_de"] {
        assert!(
            lines
                .iter()
                .any(|l| l["id"].as_str().unwrap().ends_with(lang)),
            "no {lang} article"
        );
    }
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    // More articles than one processing chunk, in several folders.
    generate(&[
        "--count",
        "1200",
        "--per-folder",
        "300",
        "--out",
        corpus.to_str().unwrap(),
    ]);
    let one = extract(&corpus, 1);
    assert!(one.len() > 100_000, "{} bytes of claims", one.len());
    assert!(one == extract(&corpus, 2), "1 and 2 threads differ");
    assert!(one == extract(&corpus, 4), "1 and 4 threads differ");
}

#[test]
fn documents_in_alternating_languages_come_out_in_input_order() {
    // Read in the order of their languages, written in the order they came (a folder's
    // files by name): the project's own articles, named so that the languages alternate.
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let dir = TempDir::new().unwrap();
    let mut expected = Vec::new();
    for round in 1..=3 {
        for lang in ["de", "en", "fr", "nl"] {
            let name = format!("{round}_{lang}.txt");
            let source = articles.join(format!("seed_{lang}_{round}.txt"));
            std::fs::copy(source, dir.path().join(&name)).unwrap();
            expected.push(name);
        }
    }
    for threads in [1, 2] {
        let stdout = String::from_utf8(extract(dir.path(), threads)).unwrap();
        let mut docs: Vec<String> = Vec::new();
        for line in stdout.lines() {
            let claim: serde_json::Value = serde_json::from_str(line).unwrap();
            let doc = claim["doc"].as_str().unwrap().to_string();
            if docs.last() != Some(&doc) {
                docs.push(doc);
            }
        }
        assert_eq!(docs, expected, "on {threads} threads");
    }
}
