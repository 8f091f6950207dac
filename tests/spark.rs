//! The Spark job `scripts/spark_extract.py` (one `newsclaims extract -` per partition)
//! against the single-process run of the binary under test: the same claims, in the same
//! order once the shards are read in name order, and the same cross-check report from the
//! shards as from the single-process claims; on the fixtures, on a 2,000-article corpus,
//! on an empty folder and on JSON Lines with a partition of bad records only.
//!
//! Each Spark run starts a JVM (about ten seconds here), so each test makes one. Without
//! pyspark the tests are skipped, unless `CI` is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use tempfile::TempDir;

mod common;
use common::root;

const BIN: &str = env!("CARGO_BIN_EXE_newsclaims");

// ---------------------------------------------------------------------------------------
// Running things.

/// Whether pyspark can be imported; off CI a missing pyspark skips the test.
fn pyspark(test: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        common::skip(
            test,
            "python3 cannot import pyspark (pip install pyspark==3.5.3)",
        );
    }
    ok
}

/// Run `command` to success; its output.
fn run(command: &mut Command) -> Output {
    let output = command
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The Spark job over `input` into `out`, in local mode with the binary under test; its
/// stderr.
fn spark(input: &Path, out: &Path, extra: &[&str]) -> String {
    let started = Instant::now();
    let output = run(Command::new("python3")
        .arg(root().join("scripts").join("spark_extract.py"))
        .args([input, out])
        .args(["--master", "local[2]", "--binary", BIN])
        .args(extra));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
    let summary = stderr.lines().rfind(|l| l.starts_with("spark_extract: "));
    eprintln!(
        "spark run over {} in {:.1} s: {}",
        input.display(),
        started.elapsed().as_secs_f64(),
        summary.unwrap_or("(no summary line)")
    );
    stderr
}

/// The single-process claims of `input`, written to `file`; their text.
fn single(input: &Path, file: &Path) -> String {
    run(Command::new(BIN)
        .arg("extract")
        .arg(input)
        .arg("-o")
        .arg(file));
    std::fs::read_to_string(file).expect("single-process claims")
}

/// The shards of a Spark output folder, in name order; nothing else is left beside
/// them but `_SUCCESS`.
fn shards(out: &Path) -> Vec<PathBuf> {
    let mut shards = Vec::new();
    for entry in std::fs::read_dir(out).expect("Spark output folder") {
        let path = entry.expect("folder entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("part-") && name.ends_with(".jsonl") {
            shards.push(path);
        } else {
            assert_eq!(name, "_SUCCESS", "unexpected file in the Spark output");
        }
    }
    shards.sort();
    assert!(!shards.is_empty(), "no part-*.jsonl in {}", out.display());
    shards
}

fn read_all(files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("shard reads"))
        .collect()
}

/// `newsclaims check --claims FILES... --format json` on stdout.
fn report(files: &[PathBuf]) -> String {
    let output = run(Command::new(BIN)
        .args(["check", "--format", "json", "--claims"])
        .args(files));
    String::from_utf8(output.stdout).expect("UTF-8 report")
}

fn sorted_lines(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Panics unless `got` is `expected`, naming the first line that differs; both texts
/// are kept in `target/spark-test/{name}.got` and `.expected` for a diff.
fn assert_same_text(name: &str, got: &str, expected: &str) {
    if got == expected {
        return;
    }
    let dir = root().join("target").join("spark-test");
    std::fs::create_dir_all(&dir).expect("target/spark-test");
    std::fs::write(dir.join(format!("{name}.got")), got).expect("write .got");
    std::fs::write(dir.join(format!("{name}.expected")), expected).expect("write .expected");
    let got_lines: Vec<&str> = got.lines().collect();
    let expected_lines: Vec<&str> = expected.lines().collect();
    let at = (0..got_lines.len().max(expected_lines.len()))
        .find(|&i| got_lines.get(i) != expected_lines.get(i))
        .unwrap_or(0);
    let show = |lines: &[&str]| match lines.get(at) {
        Some(line) => line.chars().take(300).collect(),
        None => "<end>".to_string(),
    };
    let kept = dir.join(name);
    panic!(
        "{name}: line {} differs ({} lines, {} expected)\n  got:      {}\n  expected: {}\n\
         see: diff {kept}.got {kept}.expected",
        at + 1,
        got_lines.len(),
        expected_lines.len(),
        show(&got_lines),
        show(&expected_lines),
        kept = kept.display(),
    );
}

/// The shards of `out` hold the claims of `single_file`, in the same order, and make the
/// same report, whatever the order the shards are given in; the number of claims.
/// `name` names the files kept when something differs.
fn assert_same_as_single(name: &str, single_file: &Path, out: &Path) -> usize {
    let single = std::fs::read_to_string(single_file).expect("single-process claims");
    let mut shards = shards(out);
    let spark = read_all(&shards);
    let sorted = format!("{name}-claims-sorted");
    assert_same_text(&sorted, &sorted_lines(&spark), &sorted_lines(&single));
    assert_same_text(&format!("{name}-claims-in-order"), &spark, &single);
    let expected = report(&[single_file.to_path_buf()]);
    assert_same_text(&format!("{name}-report"), &report(&shards), &expected);
    shards.reverse();
    let reversed = report(&shards);
    assert_same_text(
        &format!("{name}-report-shards-reversed"),
        &reversed,
        &expected,
    );
    single.lines().count()
}

// ---------------------------------------------------------------------------------------
// Corpora.

/// `count` generated articles (`gen-corpus`, seed 7) under `dir`, in nested folders.
fn corpus(dir: &Path, count: usize) {
    run(Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args([
            "--count",
            &count.to_string(),
            "--seed",
            "7",
            "--per-folder",
            "500",
            "--out",
        ])
        .arg(dir));
}

/// Inputs around the articles that both runs must treat alike: documentation and other
/// files, empty and binary files (skipped), Windows-1252 and UTF-16 articles (read, with a
/// warning), a hidden file, a symlink loop, a JSON Lines file inside the folder whose
/// first line is no JSON object, and names whose component order differs from their
/// string order. The notes (skip or warning, and input) the Spark run must list.
fn corpus_extras(dir: &Path) -> Vec<&'static str> {
    let fixture = |name: &str| {
        std::fs::read_to_string(root().join("fixtures/articles").join(name)).expect("fixture")
    };
    let write = |rel: &str, bytes: &[u8]| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).expect("folder");
        std::fs::write(path, bytes).expect("extra file");
    };
    write(
        "README.md",
        b"# Corpus\n\nAmazon will invest 9 billion euros.\n",
    );
    write("sub/LICENSE", b"MIT\n");
    write("sub/Sources.txt", b"Amazon will invest 9 billion euros.\n");
    write(
        "notes.json",
        b"{\"text\": \"Amazon will invest 9 billion euros.\"}\n",
    );
    write("empty.txt", b" \n\n");
    write("binary.txt", b"Amazon\0 will invest 9 billion euros.\n");
    write(
        "latin1.txt",
        b"Amazon investira 1,2 milliard d'euros en France, a annonc\xe9 le groupe.\n",
    );
    let utf16: Vec<u8> = fixture("seed_fr_2.txt")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write("utf16.md", &[b"\xff\xfe".as_slice(), &utf16].concat());
    write(".hidden.txt", fixture("seed_nl_2.txt").as_bytes());
    write("a-b.txt", fixture("seed_en_1.txt").as_bytes());
    write("a/b.txt", fixture("seed_fr_1.txt").as_bytes());
    let feed = [
        "not a record".to_string(),
        serde_json::json!({"id": "feed-1", "text": fixture("seed_nl_1.txt"), "lang": "nl"})
            .to_string(),
        "{\"id\": \"feed-2\", \"text\": ".into(),
        serde_json::json!({"id": 3, "text": fixture("seed_de_1.txt")}).to_string(),
    ];
    write("feeds/feed.jsonl", (feed.join("\n") + "\n").as_bytes());
    #[cfg(unix)]
    {
        std::fs::create_dir_all(dir.join("loop")).expect("loop folder");
        std::os::unix::fs::symlink("..", dir.join("loop/up")).expect("symlink");
    }
    vec![
        "skipped README.md",
        "skipped sub/LICENSE",
        "skipped sub/Sources.txt",
        "skipped notes.json",
        "skipped empty.txt",
        "skipped binary.txt",
        "skipped feeds/feed.jsonl:1",
        "skipped feeds/feed.jsonl:3",
        "warning latin1.txt",
        "warning utf16.md",
        #[cfg(unix)]
        "skipped loop/up",
    ]
}

// ---------------------------------------------------------------------------------------
// Tests.

#[test]
fn spark_run_on_the_fixtures_matches_the_single_process_run() {
    if !pyspark("spark_run_on_the_fixtures_matches_the_single_process_run") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = root().join("fixtures/articles");
    let single_file = tmp.path().join("single.jsonl");
    single(&input, &single_file);
    let out = tmp.path().join("out");
    spark(&input, &out, &[]);
    let claims = assert_same_as_single("fixtures", &single_file, &out);
    assert!(claims > 100, "only {claims} claims from the fixtures");
}

#[test]
fn spark_run_on_a_large_nested_corpus_matches_the_single_process_run() {
    if !pyspark("spark_run_on_a_large_nested_corpus_matches_the_single_process_run") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("corpus");
    corpus(&input, 2000);
    let notes = corpus_extras(&input);
    let single_file = tmp.path().join("single.jsonl");
    let started = Instant::now();
    single(&input, &single_file);
    eprintln!(
        "single-process run over the corpus in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let out = tmp.path().join("out");
    let stderr = spark(&input, &out, &["--partitions", "4"]);
    assert_eq!(shards(&out).len(), 4);
    let claims = assert_same_as_single("corpus", &single_file, &out);
    assert!(claims > 2000, "only {claims} claims from the corpus");
    for note in notes {
        assert!(
            stderr.contains(&format!("  {note}")),
            "{note} not listed:\n{stderr}"
        );
    }
}

#[test]
fn spark_run_on_an_empty_folder_leaves_an_empty_shard() {
    if !pyspark("spark_run_on_an_empty_folder_leaves_an_empty_shard") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("empty");
    std::fs::create_dir_all(input.join("sub")).expect("empty folder");
    std::fs::write(input.join("README.md"), "# Nothing here\n").expect("README");
    let single_file = tmp.path().join("single.jsonl");
    assert_eq!(single(&input, &single_file), "");
    let out = tmp.path().join("out");
    let stderr = spark(&input, &out, &["--partitions", "2"]);
    assert_eq!(shards(&out).len(), 2);
    assert_eq!(read_all(&shards(&out)), "");
    assert_eq!(assert_same_as_single("empty", &single_file, &out), 0);
    assert!(stderr.contains("skipped README.md"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&report(&shards(&out))).expect("report is JSON");
    assert_eq!(report["summary"]["claims"], 0);
}

#[test]
fn spark_run_passes_over_a_partition_of_bad_records() {
    if !pyspark("spark_run_passes_over_a_partition_of_bad_records") {
        return;
    }
    let good = |id: serde_json::Value, file: &str| {
        let text =
            std::fs::read_to_string(root().join("fixtures/articles").join(file)).expect("fixture");
        serde_json::json!({"id": id, "text": text, "source": "wire"}).to_string()
    };
    // Three partitions of three records: the middle one holds only bad records.
    let lines = [
        good("en-1".into(), "seed_en_1.txt"),
        good(42.into(), "seed_fr_1.txt"),
        good("nl-1".into(), "seed_nl_1.txt"),
        "{\"id\": \"broken\", \"text\": \"Amazon will".into(),
        "{\"id\": \"no-text\", \"lang\": \"en\"}".into(),
        "{\"id\": \"number-text\", \"text\": 1200000000}".into(),
        good("de-1".into(), "seed_de_1.txt"),
        good("en-2".into(), "seed_en_2.txt"),
        good("fr-2".into(), "story_dc_fr.txt"),
        String::new(),
    ];
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("articles.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").expect("JSON Lines input");
    let single_file = tmp.path().join("single.jsonl");
    single(&input, &single_file);
    let out = tmp.path().join("out");
    let stderr = spark(&input, &out, &["--partitions", "3"]);
    let shards = shards(&out);
    assert_eq!(shards.len(), 3);
    assert_eq!(std::fs::read_to_string(&shards[1]).expect("shard"), "");
    let claims = assert_same_as_single("bad-records", &single_file, &out);
    assert!(claims > 20, "only {claims} claims from the good records");
    let name = input.display();
    for bad in [":4", ":5 (id no-text)", ":6 (id number-text)"] {
        assert!(
            stderr.contains(&format!("skipped {name}{bad}")),
            "bad record {bad} not reported:\n{stderr}"
        );
    }
}
