//! A batch run over a scraped folder meets every kind of broken file: each input ends in
//! the run summary as processed or skipped with the reason a user reads; outputs appear
//! whole or not at all; text variants (line ends, byte-order mark, NFD, apostrophes,
//! no-break spaces) give the same claims.

use std::path::Path;
use std::time::Duration;

use serde_json::Value as Json;
use tempfile::TempDir;

mod common;
use common::{docs_of, run, run_with_stdin, skip_line, write, Run};

/// Our own article, in French: accents, apostrophes and no-break spaces matter here.
const FR: &str = "Le groupe Airbus va investir 1,5\u{a0}milliard d\u{2019}euros en France, a \
annoncé l\u{2019}entreprise lundi. Airbus créera 800 emplois à Toulouse d\u{2019}ici 2027.\n\n\
L\u{2019}avionneur a déjà investi plus de 3\u{a0}milliards d\u{2019}euros dans la région \
depuis 2015.\n";

const EN: &str = "Airbus will invest €1.5 billion in France, the company said on Monday. \
Airbus will create 800 jobs in Toulouse by 2027.\n";

fn extract(args: &[&Path]) -> Run {
    let mut all = vec![Path::new("extract")];
    all.extend_from_slice(args);
    run(&all)
}

/// What a claim says, without where its sentence is: variants of one text must agree.
fn facts(claims: &[Json]) -> Vec<String> {
    claims
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {}",
                c["subject"]["id"],
                c["predicate"],
                c["value"]["amount"],
                c["value"]["unit"],
                c["location"]["id"]
            )
        })
        .collect()
}

#[test]
fn every_broken_input_is_skipped_with_the_reason_a_user_reads() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.txt", EN);
    write(dir.path(), "binary.txt", b"PK\x03\x04\0\0\x08\0 zip bytes");
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "huge.txt", EN.repeat(40));
    write(dir.path(), "image.png", b"\x89PNG");
    write(
        dir.path(),
        "feed.jsonl",
        format!(
            "{}\n{{\"id\": \"broken\", \"text\": \n{}\n{{\"id\": \"notext\"}}\n",
            serde_json::json!({"id": "a1", "text": EN}),
            serde_json::json!({"id": "a2", "text": FR}),
        ),
    );
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt"))
        .unwrap();
    std::fs::create_dir(dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop/back")).unwrap();

    let out = extract(&[dir.path(), Path::new("--max-bytes"), Path::new("2000")]);
    out.assert_ok();
    assert_eq!(docs_of(&out.lines()), ["a1", "a2", "good.txt"]);
    let cases = [
        ("binary.txt", "binary file (NUL byte at offset 4)"),
        ("empty.txt", "empty"),
        ("huge.txt", "bytes, over --max-bytes 2000"),
        (
            "feed.jsonl:2",
            "malformed JSON Lines article: EOF while parsing a value (column 25)",
        ),
        (
            "feed.jsonl:4 (id notext)",
            "missing field `text` (column 16)",
        ),
        ("dangling.txt", "does not exist"),
        ("loop/back", "symlink loop (a folder inside itself)"),
    ];
    for (input, reason) in cases {
        let line = skip_line(&out.stderr, input);
        assert!(line.contains(reason), "{input}: {line}");
    }
    assert!(
        out.stderr.contains(&format!("{} skipped", cases.len())),
        "{}",
        out.stderr
    );
    // A file of another kind in the folder is no broken input: it is counted, not listed.
    assert!(!out.stderr.contains("image.png"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("ignored in folders: other extensions 1"),
        "{}",
        out.stderr
    );
}

#[test]
fn strict_turns_a_skip_into_exit_4_and_summary_writes_json() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.txt", EN);
    write(dir.path(), "empty.md", " \n");
    let summary = dir.path().join("summary.json");
    let out = extract(&[
        dir.path(),
        Path::new("--strict"),
        Path::new("--summary"),
        &summary,
    ]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert_eq!(
        docs_of(&out.lines()),
        ["good.txt"],
        "claims are still written"
    );
    let json: Json = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(json["docs"], 1);
    assert_eq!(json["langs"]["en"], 1);
    assert_eq!(json["skipped"][0]["reason"], "empty");
    assert!(json["skipped"][0]["input"]
        .as_str()
        .unwrap()
        .ends_with("empty.md"));
    assert_eq!(json["items"], out.lines().len());

    let clean = TempDir::new().unwrap();
    write(clean.path(), "good.txt", EN);
    extract(&[clean.path(), Path::new("--strict")]).assert_ok();
}

#[test]
fn not_utf8_is_read_as_windows_1252_with_a_warning_or_skipped_by_flag() {
    let dir = TempDir::new().unwrap();
    let cp1252 = b"Le groupe Airbus va investir 40 millions d\x92euros \xe0 Toulouse, \
cr\xe9ant 300 emplois.\n";
    write(dir.path(), "old.txt", cp1252);
    let out = extract(&[dir.path()]);
    out.assert_ok();
    let claims = out.lines();
    assert!(out
        .stderr
        .contains("warning old.txt: not UTF-8 (invalid byte at offset 42): read as Windows-1252"));
    assert!(claims
        .iter()
        .any(|c| c["value"]["text"] == "40 millions d\u{2019}euros"));

    let out = extract(&[dir.path(), Path::new("--non-utf8"), Path::new("skip")]);
    out.assert_ok();
    assert!(out.lines().is_empty());
    assert!(skip_line(&out.stderr, "old.txt").contains("not UTF-8 (invalid byte at offset 42)"));
}

#[test]
fn variants_of_one_article_give_the_same_claims() {
    let nfd: String = {
        use unicode_normalization::UnicodeNormalization;
        FR.nfd().collect()
    };
    assert_ne!(nfd, FR);
    let variants = [
        ("crlf", FR.replace('\n', "\r\n")),
        ("cr", FR.replace('\n', "\r")),
        ("bom", format!("\u{feff}{FR}")),
        ("nfd", nfd),
        ("straight", FR.replace('\u{2019}', "'")),
        ("spaces", FR.replace('\u{a0}', " ")),
        ("narrow", FR.replace('\u{a0}', "\u{202f}")),
    ];
    let dir = TempDir::new().unwrap();
    write(dir.path(), "base.txt", FR);
    for (name, text) in &variants {
        write(dir.path(), &format!("{name}.txt"), text);
    }
    let out = extract(&[dir.path()]);
    out.assert_ok();
    let claims = out.lines();
    let of =
        |doc: &str| -> Vec<Json> { claims.iter().filter(|c| c["doc"] == doc).cloned().collect() };
    let base = facts(&of("base.txt"));
    assert!(base.len() >= 3, "{base:?}");
    for (name, text) in &variants {
        let doc = format!("{name}.txt");
        let got = of(&doc);
        assert_eq!(facts(&got), base, "{name}");
        for c in &got {
            // Evidence offsets are into the text as read, whatever its form.
            let (start, end) = (
                c["evidence"]["start"].as_u64().unwrap() as usize,
                c["evidence"]["end"].as_u64().unwrap() as usize,
            );
            let text = text.trim_start_matches('\u{feff}');
            assert_eq!(
                Some(c["evidence"]["text"].as_str().unwrap()),
                text.get(start..end),
                "{name}"
            );
        }
    }
}

#[test]
fn long_lines_deep_folders_and_a_50_mb_article_are_read() {
    let dir = TempDir::new().unwrap();
    let mut deep = dir.path().to_path_buf();
    for i in 0..100 {
        deep.push(format!("d{i}"));
    }
    write(&deep, "deep.txt", EN);
    // 50 MB: a paragraph of prose with no line break, repeated, then the claims.
    let filler = "The board met again and discussed the weather, the roads and the river. ";
    let mut big = filler.repeat(50_000_000 / filler.len());
    big.push_str("\n\n");
    big.push_str(EN);
    write(dir.path(), "big.txt", &big);
    let out = extract(&[dir.path()]);
    out.assert_ok();
    let claims = out.lines();
    let deep_id = format!(
        "{}/deep.txt",
        (0..100)
            .map(|i| format!("d{i}"))
            .collect::<Vec<_>>()
            .join("/")
    );
    assert_eq!(docs_of(&claims), ["big.txt", deep_id.as_str()]);
    assert_eq!(
        facts(&claims[..claims.len() / 2]),
        facts(&claims[claims.len() / 2..])
    );
}

#[test]
fn a_failed_run_leaves_the_previous_output_intact() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", EN);
    let output = dir.path().join("claims.jsonl");
    std::fs::write(&output, "previous run\n").unwrap();
    let rules = TempDir::new().unwrap();
    write(rules.path(), "en.toml", "[language\ncode = \"en\"\n");
    let out = extract(&[
        dir.path(),
        Path::new("-o"),
        &output,
        Path::new("--rules"),
        rules.path(),
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "previous run\n");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file is left: {leftovers:?}"
    );

    // A run that succeeds replaces it whole.
    extract(&[dir.path(), Path::new("-o"), &output]).assert_ok();
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.lines().count() >= 2 && text.lines().all(|l| l.starts_with('{')));
}

#[test]
fn an_interrupted_run_leaves_the_previous_output_intact() {
    let dir = TempDir::new().unwrap();
    for i in 0..3000 {
        write(dir.path(), &format!("{}/a{i}.txt", i / 500), EN);
    }
    let output = dir.path().join("claims.jsonl");
    std::fs::write(&output, "previous run\n").unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .args([Path::new("extract"), dir.path(), Path::new("-o"), &output])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Interrupt it once it has started writing (its temporary file exists).
    let writing = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    };
    let started = std::time::Instant::now();
    while !writing() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before it wrote"
        );
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no output started"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "previous run\n");
}

#[test]
fn standard_input_json_lines_is_a_filter_that_survives_bad_records() {
    let input = format!(
        "{}\n{{not json\n\n{}\n{{\"id\": 9, \"text\": \"\"}}\n",
        serde_json::json!({"id": "one", "text": EN}),
        serde_json::json!({"id": "two", "text": FR}),
    );
    let out = run_with_stdin(&["extract", "-"], &input);
    out.assert_ok();
    assert_eq!(docs_of(&out.lines()), ["one", "two"]);
    assert!(skip_line(&out.stderr, "stdin:2").contains("malformed JSON Lines article"));
    assert!(skip_line(&out.stderr, "stdin:5 (id 9)").contains("empty text"));
    // A stream whose first record is broken is still a stream of records with --stdin jsonl.
    let input = format!(
        "not json\n{}\n",
        serde_json::json!({"id": "one", "text": EN})
    );
    let out = run_with_stdin(&["extract", "--stdin", "jsonl", "-"], &input);
    out.assert_ok();
    assert_eq!(docs_of(&out.lines()), ["one"]);
    assert!(skip_line(&out.stderr, "stdin:1").contains("malformed JSON Lines article"));
    for empty in ["", "\n\n"] {
        let out = run_with_stdin(&["extract", "-"], empty);
        out.assert_ok();
        assert!(out.stdout.is_empty());
        assert!(out.stderr.contains("0 skipped"), "{}", out.stderr);
    }
}
