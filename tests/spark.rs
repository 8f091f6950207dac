//! The Spark job `scripts/spark_extract.py` (the binary lists the inputs with `files -0`,
//! each partition runs `newsclaims extract --files0-from -` on its files) against the
//! single-process run of the binary under test: the same claims, in the same order once
//! the shards are read in name order, the same cross-check report from the shards as from
//! the single-process claims, and the same skips and warnings; on the fixtures, on a
//! 2,000-article corpus, on an empty folder and on JSON Lines with a file of bad records
//! only. Then hostile inputs: a file name with byte 0xFF, a symlink to /dev/zero, a
//! 2,000-level folder, JSON Lines that is not UTF-8, and binaries that hang or print
//! something else than claims (the job fails naming the partition, OUTPUT removed).
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
/// output (whether it succeeded or not). `input` may be a glob.
fn spark_output(input: &Path, out: &Path, binary: &Path, extra: &[&str]) -> Output {
    let started = Instant::now();
    let output = Command::new("python3")
        .arg(root().join("scripts").join("spark_extract.py"))
        .args([input, out])
        .args(["--master", "local[2]", "--binary"])
        .arg(binary)
        .args(extra)
        .current_dir(root())
        .output()
        .expect("python3 starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stderr.lines().rfind(|l| l.starts_with("spark_extract: "));
    eprintln!(
        "spark run over {} in {:.1} s: {}",
        input.display(),
        started.elapsed().as_secs_f64(),
        summary.unwrap_or("(no summary line)")
    );
    output
}

/// The Spark job over `input` into `out`, which must succeed; its stderr.
fn spark(input: &Path, out: &Path, extra: &[&str]) -> String {
    let output = spark_output(input, out, Path::new(BIN), extra);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
    assert!(output.status.success(), "the Spark job failed:\n{stderr}");
    stderr
}

/// The Spark job over `input` into `out` with `binary`, which must fail and leave no
/// `out`; the last line of its stderr.
fn spark_fails(input: &Path, out: &Path, binary: &Path, extra: &[&str]) -> String {
    let output = spark_output(input, out, binary, extra);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the Spark job did not fail:\n{stderr}"
    );
    assert!(
        !out.exists(),
        "{} left behind (holding {:?}):\n{stderr}",
        out.display(),
        std::fs::read_dir(out).map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
    );
    assert!(
        stderr.contains(&format!("{} removed", out.display())),
        "{stderr}"
    );
    stderr
        .lines()
        .rfind(|l| l.starts_with("spark_extract: ") && !l.ends_with(" removed"))
        .unwrap_or_else(|| panic!("no error line:\n{stderr}"))
        .to_string()
}

/// The single-process claims of `inputs`, written to `file` (its run summary as JSON
/// beside it, `file.summary.json`); their text.
fn single_of(inputs: &[&Path], file: &Path) -> String {
    run(Command::new(BIN)
        .arg("extract")
        .args(inputs)
        .arg("-o")
        .arg(file)
        .arg("--summary")
        .arg(file.with_extension("summary.json")));
    std::fs::read_to_string(file).expect("single-process claims")
}

fn single(input: &Path, file: &Path) -> String {
    single_of(&[input], file)
}

/// The skip and warning lines the Spark job must print for the single-process run that
/// wrote `file`: its summary's, with inputs named relative to `folder` when under it.
fn single_notes(file: &Path, folder: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file.with_extension("summary.json")).expect("summary");
    let summary: serde_json::Value = serde_json::from_str(&text).expect("summary is JSON");
    let prefix = format!("{}/", folder.display());
    let mut notes = Vec::new();
    for (list, kind, why) in [
        ("skipped", "skipped", "reason"),
        ("warnings", "warning", "warning"),
    ] {
        for note in summary[list].as_array().expect("list of notes") {
            let input = note["input"].as_str().expect("input");
            let input = input.strip_prefix(&prefix).unwrap_or(input);
            notes.push(format!(
                "  {kind} {input}: {}",
                note[why].as_str().expect("why")
            ));
        }
    }
    notes
}

/// Spark's `stderr` lists the notes of the single-process run that wrote `file`, and
/// counts as many skips and warnings; the notes.
fn assert_same_notes(stderr: &str, file: &Path, folder: &Path) -> Vec<String> {
    let notes = single_notes(file, folder);
    for note in &notes {
        assert!(
            stderr.contains(&format!("{note}\n")),
            "{note:?} not listed:\n{stderr}"
        );
    }
    let count = |kind: &str| notes.iter().filter(|n| n.starts_with(kind)).count();
    let counts = format!(
        " {} skipped, {} warnings,",
        count("  skipped"),
        count("  warning")
    );
    let summary = stderr
        .lines()
        .rfind(|l| l.starts_with("spark_extract: "))
        .unwrap_or("");
    assert!(summary.contains(&counts), "expected{counts} in: {summary}");
    notes
}

/// A stand-in for the binary: `files` runs the binary under test, anything else runs
/// `script` (sh).
fn fake_binary(dir: &Path, name: &str, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    let text =
        format!("#!/bin/sh\nif [ \"$1\" = files ]; then exec '{BIN}' \"$@\"; fi\n{script}\n");
    std::fs::write(&path, text).expect("fake binary");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

/// Writes `text` to `dir/rel` (bytes: any name), creating its folders.
fn write(dir: &Path, rel: &[u8], text: &[u8]) {
    use std::os::unix::ffi::OsStrExt;
    let path = dir.join(std::ffi::OsStr::from_bytes(rel));
    std::fs::create_dir_all(path.parent().unwrap()).expect("folder");
    std::fs::write(path, text).expect("article");
}

/// Short articles written for these tests, one claim or more each.
const ARTICLES: [&str; 3] = [
    "Amazon will invest 4 billion euros in Portugal, the company said on Tuesday.\n",
    "Siemens plans to hire 1,200 engineers in Ireland by 2027, its chief executive said.\n",
    "Renault investira 2,5 milliards d'euros en Belgique, a annoncé le groupe jeudi.\n",
];

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
/// string order.
fn corpus_extras(dir: &Path) {
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
    let stderr = spark(&input, &out, &[]);
    let claims = assert_same_as_single("fixtures", &single_file, &out);
    assert!(claims > 100, "only {claims} claims from the fixtures");
    assert_same_notes(&stderr, &single_file, &input);
}

#[test]
fn spark_run_on_a_large_nested_corpus_matches_the_single_process_run() {
    if !pyspark("spark_run_on_a_large_nested_corpus_matches_the_single_process_run") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("corpus");
    corpus(&input, 2000);
    corpus_extras(&input);
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
    let notes = assert_same_notes(&stderr, &single_file, &input);
    for note in [
        "  skipped loop/up:",
        "  skipped feeds/feed.jsonl:1:",
        "  warning latin1.txt:",
    ] {
        assert!(
            notes.iter().any(|n| n.starts_with(note)),
            "{note} not in {notes:?}"
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
    assert!(stderr.contains(" 0 files, 0 articles read"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&report(&shards(&out))).expect("report is JSON");
    assert_eq!(report["summary"]["claims"], 0);
}

#[test]
fn spark_run_passes_over_a_json_lines_file_of_bad_records() {
    if !pyspark("spark_run_passes_over_a_json_lines_file_of_bad_records") {
        return;
    }
    let record = |id: serde_json::Value, text: &str| {
        serde_json::json!({"id": id, "text": text, "source": "wire"}).to_string()
    };
    // Three files, one per partition: the middle one holds only bad records.
    let files = [
        vec![
            record("en-1".into(), ARTICLES[0]),
            record(42.into(), ARTICLES[2]),
        ],
        vec![
            "{\"id\": \"broken\", \"text\": \"Contoso will".into(),
            "{\"id\": \"no-text\", \"lang\": \"en\"}".into(),
            "{\"id\": \"number-text\", \"text\": 1200000000}".into(),
        ],
        vec![record("en-2".into(), ARTICLES[1]), String::new()],
    ];
    let tmp = TempDir::new().expect("temporary folder");
    let dir = tmp.path().join("feeds");
    let mut paths = Vec::new();
    for (i, lines) in files.iter().enumerate() {
        let path = dir.join(format!("feed-{i}.jsonl"));
        write(
            &dir,
            format!("feed-{i}.jsonl").as_bytes(),
            (lines.join("\n") + "\n").as_bytes(),
        );
        paths.push(path);
    }
    let single_file = tmp.path().join("single.jsonl");
    single_of(
        &paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
        &single_file,
    );
    let out = tmp.path().join("out");
    let stderr = spark(&dir.join("*.jsonl"), &out, &["--partitions", "3"]);
    let shards = shards(&out);
    assert_eq!(shards.len(), 3);
    assert_eq!(std::fs::read_to_string(&shards[1]).expect("shard"), "");
    let claims = assert_same_as_single("bad-records", &single_file, &out);
    assert!(claims >= 3, "only {claims} claims from the good records");
    assert_same_notes(&stderr, &single_file, Path::new("/nowhere"));
    let name = paths[1].display();
    for bad in [":1", ":2 (id no-text)", ":3 (id number-text)"] {
        assert!(
            stderr.contains(&format!("skipped {name}{bad}")),
            "bad record {bad} not reported:\n{stderr}"
        );
    }
}

#[test]
fn spark_run_reads_a_file_name_with_byte_ff_as_one_process_does() {
    if !pyspark("spark_run_reads_a_file_name_with_byte_ff_as_one_process_does") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("names");
    write(&input, b"a.txt", ARTICLES[0].as_bytes());
    write(&input, b"\xff.txt", ARTICLES[1].as_bytes());
    write(&input, b"sub\xff/caf\xe9.md", ARTICLES[2].as_bytes());
    let single_file = tmp.path().join("single.jsonl");
    single(&input, &single_file);
    let out = tmp.path().join("out");
    let stderr = spark(&input, &out, &["--partitions", "3"]);
    assert_same_as_single("byte-ff", &single_file, &out);
    assert_same_notes(&stderr, &single_file, &input);
    for shard in shards(&out) {
        assert!(
            std::fs::metadata(&shard).expect("shard").len() > 0,
            "{} empty",
            shard.display()
        );
    }
    assert!(stderr.contains(" 3 files, 3 articles read,"), "{stderr}");
}

#[test]
fn spark_run_skips_a_symlink_to_dev_zero() {
    if !pyspark("spark_run_skips_a_symlink_to_dev_zero") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("zero");
    write(&input, b"a.txt", ARTICLES[0].as_bytes());
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.txt")).expect("symlink");
    std::os::unix::fs::symlink("/dev/zero", input.join("zero.jsonl")).expect("symlink");
    let single_file = tmp.path().join("single.jsonl");
    single(&input, &single_file);
    let out = tmp.path().join("out");
    let started = Instant::now();
    let stderr = spark(&input, &out, &["--timeout", "120"]);
    assert!(
        started.elapsed().as_secs() < 120,
        "the job took {:?}",
        started.elapsed()
    );
    assert_same_as_single("dev-zero", &single_file, &out);
    let notes = assert_same_notes(&stderr, &single_file, &input);
    for name in ["zero.txt", "zero.jsonl"] {
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with(&format!("  skipped {name}: not a regular file"))),
            "{name} not skipped as a device: {notes:?}"
        );
    }
}

#[test]
fn spark_run_reads_a_folder_2000_levels_deep() {
    if !pyspark("spark_run_reads_a_folder_2000_levels_deep") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("deep");
    let mut folders = vec![input.clone()];
    for _ in 0..2000 {
        folders.push(folders.last().unwrap().join("d"));
    }
    std::fs::create_dir_all(folders.last().unwrap()).expect("deep folders");
    let bottom = folders.last().unwrap().join("bottom.txt");
    std::fs::write(&bottom, ARTICLES[0]).expect("deep article");
    write(&input, b"top.txt", ARTICLES[1].as_bytes());
    let single_file = tmp.path().join("single.jsonl");
    single(&input, &single_file);
    let out = tmp.path().join("out");
    let stderr = spark(&input, &out, &["--partitions", "2"]);
    assert_same_as_single("deep", &single_file, &out);
    assert_same_notes(&stderr, &single_file, &input);
    let deep_id = format!("\"doc\":\"{}bottom.txt\"", "d/".repeat(2000));
    assert!(
        read_all(&shards(&out)).contains(&deep_id),
        "no claim from the deep article"
    );
    // Left bottom up: removing 2,000 nested folders may need more file descriptors.
    std::fs::remove_file(bottom).expect("remove deep article");
    for folder in folders.iter().rev() {
        std::fs::remove_dir(folder).ok();
    }
}

#[test]
fn spark_run_reads_json_lines_that_are_not_utf8_as_one_process_does() {
    if !pyspark("spark_run_reads_json_lines_that_are_not_utf8_as_one_process_does") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("latin1");
    let feed = [
        br#"{"id": "utf8", "text": "Siemens plans to hire 1,200 engineers in Ireland by 2027."}"#
            .to_vec(),
        b"{\"id\": \"cp1252\", \"text\": \"Renault investira 2,5 milliards d\x92euros en Belgique, a annonc\xe9 le groupe.\"}".to_vec(),
    ];
    let mut bytes = feed.join(&b'\n');
    bytes.push(b'\n');
    write(&input, b"feed.jsonl", &bytes);
    let single_file = tmp.path().join("single.jsonl");
    single(&input, &single_file);
    let out = tmp.path().join("out");
    let stderr = spark(&input, &out, &[]);
    assert_same_as_single("not-utf8", &single_file, &out);
    let notes = assert_same_notes(&stderr, &single_file, &input);
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("  warning cp1252: not UTF-8")),
        "no warning for the Windows-1252 record: {notes:?}"
    );
    let claims = read_all(&shards(&out));
    assert!(
        claims.contains("annoncé"),
        "record not decoded as Windows-1252:\n{claims}"
    );
    assert!(
        !claims.contains('\u{fffd}'),
        "U+FFFD in the claims:\n{claims}"
    );
}

#[test]
fn spark_run_stops_a_hanging_binary_and_removes_the_output() {
    if !pyspark("spark_run_stops_a_hanging_binary_and_removes_the_output") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("articles");
    write(&input, b"a.txt", ARTICLES[0].as_bytes());
    write(&input, b"b.txt", ARTICLES[1].as_bytes());
    let binary = fake_binary(tmp.path(), "hangs", "exec sleep 600");
    let out = tmp.path().join("out");
    let started = Instant::now();
    let error = spark_fails(
        &input,
        &out,
        &binary,
        &["--timeout", "3", "--partitions", "1"],
    );
    assert!(
        started.elapsed().as_secs() < 300,
        "the job waited for the binary: {error}"
    );
    assert!(
        error.contains("partition 0 (2 files, first a.txt, last b.txt)")
            && error.contains("longer than --timeout 3 s"),
        "{error}"
    );
}

#[test]
fn spark_run_fails_on_a_binary_that_prints_no_claims() {
    if !pyspark("spark_run_fails_on_a_binary_that_prints_no_claims") {
        return;
    }
    let tmp = TempDir::new().expect("temporary folder");
    let input = tmp.path().join("articles");
    write(&input, b"a.txt", ARTICLES[0].as_bytes());
    write(&input, b"b.txt", ARTICLES[1].as_bytes());
    let binary = fake_binary(tmp.path(), "chatty", "echo 'all done'; exit 0");
    let out = tmp.path().join("out");
    let error = spark_fails(&input, &out, &binary, &["--partitions", "2"]);
    assert!(
        error.contains("partition ") && error.contains("not a claim") && error.contains("all done"),
        "{error}"
    );
    assert!(
        error.contains("first a.txt, last a.txt") || error.contains("first b.txt, last b.txt"),
        "{error}"
    );
}
