//! `newsclaims check` from the command line: formats, claim shards, exit codes, and
//! republished articles not counting as independent agreement.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn newsclaims(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .args(args)
        .output()
        .expect("newsclaims runs")
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

const FIRST: &str =
    "Contoso Invest\n\nMicrosoft will invest €2 billion in Belgium, the company said on Tuesday. \
The plan will create 800 jobs in Flanders.\n";
const SECOND: &str = "Microsoft in Belgium\n\nMicrosoft announced on Tuesday that it will invest $2 billion in Belgium. \
The investment is expected to create about 800 jobs.\n";

fn report(dir: &Path) -> Value {
    let out = newsclaims(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("report JSON")
}

fn cluster<'a>(report: &'a Value, subject: &str, predicate: &str) -> &'a Value {
    report["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["key"]["subject"] == subject && c["key"]["predicate"] == predicate)
        .unwrap_or_else(|| panic!("no {subject} {predicate} cluster in {report:#}"))
}

#[test]
fn same_digits_under_two_currencies_is_a_conflict_and_jobs_agree() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIRST);
    write(dir.path(), "b.txt", SECOND);
    let report = report(dir.path());
    let invest = cluster(&report, "microsoft", "invest");
    assert_eq!(invest["status"], "conflict");
    assert!(
        invest["why"].as_str().unwrap().contains("two currencies"),
        "{invest:#}"
    );
    assert_eq!(invest["groups"].as_array().unwrap().len(), 2);
    let jobs = cluster(&report, "microsoft", "jobs");
    assert_eq!(jobs["status"], "agree", "{jobs:#}");
    assert_eq!(report["summary"]["conflict"], 1);
    assert_eq!(report["summary"]["docs"], 2);
}

#[test]
fn a_republished_article_is_not_independent_agreement() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIRST);
    write(dir.path(), "copy.txt", FIRST);
    let report = report(dir.path());
    assert_eq!(
        report["summary"]["duplicates"],
        serde_json::json!([["a.txt", "copy.txt"]])
    );
    let invest = cluster(&report, "microsoft", "invest");
    assert_eq!(invest["status"], "single", "{invest:#}");
    assert!(invest["why"]
        .as_str()
        .unwrap()
        .contains("copy.txt republishes a.txt"));
}

#[test]
fn claim_shards_merge_into_one_result() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIRST);
    write(dir.path(), "b.txt", SECOND);
    let shard = |name: &str| {
        let out_file = dir.path().join(format!("{name}.jsonl"));
        let out = newsclaims(&[
            "extract",
            dir.path().join(name).to_str().unwrap(),
            "-o",
            out_file.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        out_file
    };
    let (a, b) = (shard("a.txt"), shard("b.txt"));
    let out = newsclaims(&[
        "check",
        "--claims",
        a.to_str().unwrap(),
        "--claims",
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(merged["summary"]["conflict"], 1);
    assert_eq!(
        merged["summary"]["claims"],
        report(dir.path())["summary"]["claims"]
    );
    // The run's summary counts the claims read from the files.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let read = format!(", {} claims, 0 skipped", merged["summary"]["claims"]);
    assert!(stderr.contains(&read), "{stderr}");
}

#[test]
fn shards_in_any_order_give_the_report_of_one_claims_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let all = dir.path().join("all.jsonl");
    let out = newsclaims(&[
        "extract",
        fixtures.to_str().unwrap(),
        "-o",
        all.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let lines: Vec<String> = std::fs::read_to_string(&all)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    // Three shards, each holding every third claim, the last lines first.
    let mut shards = Vec::new();
    for k in 0..3 {
        let part: Vec<&str> = lines
            .iter()
            .rev()
            .skip(k)
            .step_by(3)
            .map(String::as_str)
            .collect();
        let path = dir.path().join(format!("part-{k}.jsonl"));
        std::fs::write(&path, part.join("\n") + "\n").unwrap();
        shards.push(path.to_str().unwrap().to_string());
    }
    std::fs::write(dir.path().join("part-empty.jsonl"), "").unwrap();
    shards.push(
        dir.path()
            .join("part-empty.jsonl")
            .to_str()
            .unwrap()
            .to_string(),
    );
    let check = |files: &[&str]| {
        let mut args = vec!["check", "--format", "json", "--claims"];
        args.extend_from_slice(files);
        let out = newsclaims(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let single = check(&[all.to_str().unwrap()]);
    let merged = check(&shards.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        single == merged,
        "the merged report differs from the single one"
    );
}

#[test]
fn fail_on_conflict_exits_3_and_a_bad_claims_line_is_skipped_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIRST);
    write(dir.path(), "b.txt", SECOND);
    let path = dir.path().to_str().unwrap();
    let report = dir.path().join("report.md");
    let report = report.to_str().unwrap();
    let out = newsclaims(&["check", path, "--fail-on-conflict", "-o", report]);
    assert_eq!(out.status.code(), Some(3));
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"not\": \"a claim\"}\n").unwrap();
    let out = newsclaims(&["check", "--claims", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("bad.jsonl:1`: not a claim"), "{report}");
    let out = newsclaims(&["check", "--strict", "--claims", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn markdown_and_html_come_from_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIRST);
    write(dir.path(), "b.txt", SECOND);
    let md = newsclaims(&["check", dir.path().to_str().unwrap()]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("two currencies"), "{md}");
    let html_file = dir.path().join("report.html");
    let out = newsclaims(&[
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html_file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(html_file).unwrap();
    assert!(html.contains("two currencies"));
    assert!(html.contains("id=\"conflict-count\""));
}

#[test]
fn articles_published_years_apart_are_different_stories() {
    // The same two articles as JSON Lines, published years apart: their figures are two
    // stories, no conflict; with a window of ten years, one story and its conflict.
    let dir = tempfile::tempdir().unwrap();
    let record = |id: &str, text: &str, published: &str| {
        serde_json::json!({"id": id, "text": text, "source": id, "published": published})
            .to_string()
    };
    let feed = [
        record("first", FIRST, "2014-09-23"),
        record("second", SECOND, "2018-03-15"),
    ]
    .join("\n");
    write(dir.path(), "feed.jsonl", &feed);
    let path = dir.path().join("feed.jsonl");
    // (story window in days, clusters of microsoft invest, their stories)
    let cases = [
        (
            "30",
            vec!["single", "single"],
            vec!["2014-09-23", "2018-03-15"],
        ),
        ("4000", vec!["conflict"], vec!["2014-09-23/2018-03-15"]),
    ];
    for (window, statuses, stories) in cases {
        let out = newsclaims(&[
            "check",
            path.to_str().unwrap(),
            "--format",
            "json",
            "--story-window",
            window,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let invest: Vec<&Value> = report["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["key"]["subject"] == "microsoft" && c["key"]["predicate"] == "invest")
            .collect();
        let got: Vec<&str> = invest
            .iter()
            .map(|c| c["status"].as_str().unwrap())
            .collect();
        let mut got_stories: Vec<&str> = invest
            .iter()
            .map(|c| c["key"]["story"].as_str().unwrap())
            .collect();
        got_stories.sort_unstable();
        assert_eq!((got, got_stories), (statuses, stories), "window {window}");
    }
}

#[test]
fn a_claims_file_of_many_batches_is_read_whole_and_its_bad_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", FIRST);
    write(dir.path(), "b.txt", SECOND);
    let claims = dir.path().join("claims.jsonl");
    let out = newsclaims(&[
        "extract",
        dir.path().to_str().unwrap(),
        "-o",
        claims.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let lines: Vec<Value> = std::fs::read_to_string(&claims)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Thousands of copies of the two articles' claims, each copy its own pair of
    // documents: more than the few megabytes a batch of lines holds.
    let (mut file, mut good, mut bad) = (Vec::new(), 0, Vec::new());
    for copy in 0..4000 {
        for line in &lines {
            let mut claim = line.clone();
            let doc = format!("copy{copy:04}/{}", claim["doc"].as_str().unwrap());
            let n = claim["id"].as_str().unwrap().rsplit_once('#').unwrap().1;
            claim["id"] = format!("{doc}#{n}").into();
            claim["doc"] = doc.into();
            file.extend_from_slice(claim.to_string().as_bytes());
            file.push(b'\n');
            good += 1;
        }
        if copy % 1500 == 1499 {
            file.extend_from_slice(b"{\"not\": \"a claim\"}\n\xff\xfe\n");
            let line = good + bad.len() + 1;
            bad.extend([line, line + 1]);
        }
    }
    assert!(file.len() > 8 << 20, "{} bytes", file.len());
    let big = dir.path().join("big.jsonl");
    std::fs::write(&big, &file).unwrap();
    let out = newsclaims(&[
        "check",
        "--format",
        "json",
        "--claims",
        big.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["claims"], good);
    assert_eq!(report["claims"].as_array().unwrap().len(), good);
    let skipped: Vec<&str> = report["summary"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["input"].as_str().unwrap())
        .collect();
    let want: Vec<String> = bad
        .iter()
        .map(|n| format!("{}:{n}", big.display()))
        .collect();
    assert_eq!(skipped, want);
}
