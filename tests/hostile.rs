//! Hostile input: figures beyond what a number holds, claims files with broken lines,
//! sentences of thousands of figures, articles of millions of sentences, rule files that
//! say odd things. Each ends in a result or a refusal a user can act on, in time and
//! memory that grow with the input, never in a hang, a panic or a failed run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use tempfile::TempDir;

mod common;
use common::{pipeline, run, run_within, write};

use newsclaims::claims::EVIDENCE_BOUND;
use newsclaims::corpus::Document;
use newsclaims::tools::synth::generated_gazetteer;

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A document of `text`, in English.
fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        text: text.into(),
        lang: Some("en".into()),
        url: None,
        source: None,
        published: None,
        warning: None,
    }
}

#[test]
fn figures_beyond_what_a_number_holds_are_no_claims_and_check_ends() {
    // (article, the figure's words, whether a claim of it stays)
    let cases = [
        (
            "Amazon will invest 1e308 billion euros in France.",
            "1e308",
            false,
        ),
        (
            "Amazon will create 1e306 thousand jobs in France.",
            "1e306",
            false,
        ),
        (
            "Amazon will invest 1e300 million million euros in France.",
            "1e300",
            false,
        ),
        ("Amazon will invest 2e300 euros in France.", "2e300", true),
        (
            "Amazon will invest 5 billion euros in France.",
            "5 billion",
            true,
        ),
    ];
    let dir = TempDir::new().unwrap();
    for (i, (article, figure, kept)) in cases.iter().enumerate() {
        let file = write(dir.path(), &format!("a{i}.txt"), format!("{article}\n"));
        let out = run_within(&["extract", path_str(&file)], Duration::from_secs(60));
        out.assert_ok();
        let claims = out.lines();
        for c in &claims {
            for field in ["amount", "precision"] {
                let v = &c["value"][field];
                assert!(v.is_number(), "{article}: {field} is {v} in {c}");
            }
        }
        let said = claims
            .iter()
            .any(|c| c["value"]["text"].as_str().unwrap().contains(figure));
        assert_eq!(said, *kept, "{article}: {claims:?}");
        let report = run_within(&["check", path_str(&file)], Duration::from_secs(60));
        report.assert_ok();
    }
}

#[test]
fn a_claims_file_with_bad_lines_skips_each_with_its_line() {
    let dir = TempDir::new().unwrap();
    let article = write(
        dir.path(),
        "a.txt",
        "Amazon will invest 5 billion euros in France. Amazon will create 300 jobs in Lyon.\n",
    );
    let extracted = run(&["extract", path_str(&article)]);
    extracted.assert_ok();
    let good: Vec<String> = extracted.stdout.lines().map(str::to_string).collect();
    assert_eq!(good.len(), 2);
    let with_amount = |amount: &str| {
        let mut c: Json = serde_json::from_str(&good[0]).unwrap();
        c["value"]["amount"] = Json::Null;
        c.to_string()
            .replace("null", amount)
            .replace("\"doc\":", "\"doc\": ")
    };
    // Line 1 good; 2 a null figure; 3 a figure no number holds; 4 not JSON; 5 blank;
    // 6 good.
    let lines = [
        good[0].clone(),
        with_amount("null"),
        with_amount("1e999"),
        "{\"id\": \"x#1\", \"doc\":".to_string(),
        String::new(),
        good[1].clone(),
    ];
    let claims = write(dir.path(), "claims.jsonl", lines.join("\n") + "\n");
    for format in ["json", "md"] {
        let out = run_within(
            &["check", "--claims", path_str(&claims), "--format", format],
            Duration::from_secs(60),
        );
        out.assert_ok();
        let skipped = |line: usize| format!("{}:{line}", claims.display());
        if format == "json" {
            let report: Json = serde_json::from_str(&out.stdout).unwrap();
            let inputs: Vec<&str> = report["summary"]["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["input"].as_str().unwrap())
                .collect();
            assert_eq!(inputs, [skipped(2), skipped(3), skipped(4)]);
            assert_eq!(report["summary"]["claims"], 2, "{}", out.stdout);
        } else {
            for line in [2, 3, 4] {
                assert!(out.stdout.contains(&skipped(line)), "{}", out.stdout);
            }
        }
    }
}

/// One sentence naming `n` figures (`word` between them, to test character boundaries),
/// with the company first and the place last.
fn sentence_of_figures(n: usize, word: &str) -> String {
    let figures: Vec<String> = (1..=n)
        .map(|i| format!("{i} million euros {word}"))
        .collect();
    format!("Amazon will invest {} in France.", figures.join(", "))
}

#[test]
fn a_sentence_of_thousands_of_figures_gives_each_claim_a_window_of_it() {
    for (n, word) in [(2000, "then"), (700, "ensuite à Élancourt")] {
        let text = format!(
            "Amazon will invest 3 billion euros in France.\n\n{}\n",
            sentence_of_figures(n, word)
        );
        let (_, claims) = pipeline().claims(&doc("long", &text)).unwrap();
        let ordinary = &claims[0].evidence;
        assert_eq!(
            ordinary.text,
            "Amazon will invest 3 billion euros in France."
        );
        assert_eq!(ordinary.sentence, None);
        let long_start = text.find("Amazon will invest 1 ").unwrap();
        let long = long_start..text.len() - 1;
        assert_eq!(claims.len(), n + 1, "{word}");
        let mut quoted = 0;
        for c in &claims[1..] {
            let e = &c.evidence;
            assert_eq!(e.text, text[e.start..e.end], "{word}");
            let figure = c.value.amount().unwrap().text.as_str();
            assert!(e.text.contains(figure), "{figure:?} not in {:?}", e.text);
            assert!(e.text.len() <= EVIDENCE_BOUND, "{}", e.text.len());
            let sentence = e.sentence.expect("the whole sentence's offsets");
            assert_eq!((sentence.start, sentence.end), (long.start, long.end));
            assert!(long.start <= e.start && e.end <= long.end);
            // Cut between words.
            assert!(
                !e.text.starts_with(' ') && !e.text.ends_with(' '),
                "{:?}",
                e.text
            );
            quoted += e.text.len();
        }
        assert!(quoted <= n * EVIDENCE_BOUND);
    }
}

#[test]
fn a_long_sentence_keeps_its_offsets_in_the_json_and_a_short_one_writes_none() {
    let dir = TempDir::new().unwrap();
    let text = format!(
        "Amazon will invest 3 billion euros in France.\n\n{}\n",
        sentence_of_figures(100, "then")
    );
    let file = write(dir.path(), "a.txt", &text);
    let out = run(&["extract", path_str(&file)]);
    out.assert_ok();
    let claims = out.lines();
    assert!(claims[0]["evidence"].get("sentence").is_none());
    let long = &claims[1]["evidence"];
    assert_eq!(
        long["sentence"]["start"],
        text.find("Amazon will invest 1 ").unwrap()
    );
    assert_eq!(long["sentence"]["end"], text.len() - 1);
}

/// An article of `n` sentences, each naming the company (`company`, then `apposition`)
/// and a figure of its own.
fn article_of(n: usize, company: &str, apposition: &str) -> String {
    let mut text = format!("{company}\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "{company}{apposition} will invest {} euros in France. ",
            i + 1
        ));
    }
    text
}

/// The shortest of three timings of extracting an article of `n` sentences naming
/// `company` (after `apposition`).
fn extraction_time(n: usize, company: &str, apposition: &str) -> Duration {
    let p = pipeline();
    let d = doc("big", &article_of(n, company, apposition));
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let (_, claims) = p.claims(&d).unwrap();
            assert_eq!(claims.len(), n);
            started.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn extraction_time_grows_with_the_article_not_its_square() {
    // A listed company, and one no list holds, named in an apposition every time.
    for (company, apposition) in [("Amazon", ""), ("Kovalt Systems", ", the software maker,")] {
        let small = extraction_time(2_000, company, apposition);
        let large = extraction_time(16_000, company, apposition);
        // Eight times the article: about eight times the time (64 for a square).
        let ratio = large.as_secs_f64() / small.as_secs_f64();
        assert!(
            ratio < 24.0,
            "{company}: {small:?} then {large:?}: {ratio:.1} times"
        );
    }
}

/// The bundled rule file `name` with `from` replaced by `to` (the first time it stands).
fn bundled_with(name: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(common::root().join("rules").join(name)).unwrap();
    assert!(text.contains(from), "{from:?} not in {name}");
    text.replacen(from, to, 1)
}

#[test]
fn rules_that_would_match_everywhere_are_refused_with_their_line() {
    let entity = |names: &str| format!("[[entity]]\nid = \"acme\"\nkind = \"company\"\n{names}\n");
    // (file, its text, words of the line the refusal names, words of the refusal)
    let cases = [
        (
            "entities.toml",
            entity("aliases = { en = [\"\"] }"),
            "aliases",
            "empty",
        ),
        (
            "entities.toml",
            entity("names = [\"Acme\", \"\"]"),
            "names",
            "empty",
        ),
        (
            "entities.toml",
            entity("names = [\" Acme\"]"),
            "names",
            "white space",
        ),
        (
            "en.toml",
            bundled_with("en.toml", "invest = [\n", "invest = [\n  'x?',\n"),
            "'x?'",
            "empty string",
        ),
        (
            "en.toml",
            bundled_with("en.toml", "patterns = [\n", "patterns = [\n  '(?:)|GDP',\n"),
            "'(?:)|GDP'",
            "empty string",
        ),
        (
            "en.toml",
            bundled_with(
                "en.toml",
                "[segment]\n",
                "[segment]\nno_break_after = ['\\b']\n",
            ),
            "no_break_after",
            "empty string",
        ),
    ];
    let article = "Acme investit 5 millions d’euros à Élancourt. Amazon will invest €5 billion.\n";
    for (name, text, marker, words) in &cases {
        let line = 1 + text.lines().position(|l| l.contains(marker)).unwrap();
        let dir = TempDir::new().unwrap();
        write(dir.path(), name, text);
        let rules = path_str(dir.path());
        let out = run(&["rules", "check", rules]);
        assert_eq!(out.code, Some(1), "{name}: {text}\n{}", out.stderr);
        let at = format!("{name}:{line}:");
        assert!(out.stderr.contains(&at), "{at} not in {}", out.stderr);
        assert!(
            out.stderr.contains(words),
            "{words:?} not in {}",
            out.stderr
        );
        let file = write(dir.path(), "a.txt", article);
        let run = run(&["extract", "--rules", rules, path_str(&file)]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
    }
}

#[test]
fn a_gazetteer_of_a_hundred_thousand_names_loads_and_finds_each() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "entities.toml", generated_gazetteer(100_000));
    let rules = newsclaims::RuleSet::load(Some(dir.path())).expect("the gazetteer loads");
    assert_eq!(rules.gazetteer.index_of("firm_99999"), Some(99_999));
    let p = newsclaims::Pipeline::new(rules, None);
    let text = "Firm99999 Group will invest 5 billion euros in France. \
                Firm7 Group will create 300 jobs in France. Firm70 Groups will invest €2 billion.\n";
    let (_, claims) = p.claims(&doc("a", text)).unwrap();
    let subjects: Vec<&str> = claims
        .iter()
        .map(|c| c.subject.as_ref().unwrap().id.as_str())
        .collect();
    // "Firm70 Groups" is no name of the gazetteer: the figure goes to the last company.
    assert_eq!(subjects, ["firm_99999", "firm_7", "firm_7"]);
}

/// Run the binary with `args` and no input, reading its peak resident memory (Linux's
/// `VmHWM`) until it ends: its standard output and that peak in MiB. Panics when it fails
/// or has not ended after `limit`. The output must fit a pipe (it is read at the end).
fn run_measuring_memory(args: &[&str], limit: Duration) -> (String, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let status = format!("/proc/{}/status", child.id());
    let started = Instant::now();
    let mut peak_kb = 0;
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("newsclaims {args:?} still running after {limit:?}");
        }
        let kb = std::fs::read_to_string(&status).ok().and_then(|s| {
            let line = s.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
            line.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        });
        peak_kb = peak_kb.max(kb.unwrap_or(0));
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "newsclaims {args:?}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), peak_kb / 1024)
}

#[test]
#[cfg(target_os = "linux")]
fn a_gazetteer_of_a_million_names_loads_in_seconds_and_hundreds_of_megabytes() {
    // Issue 19: a million entities took 7 s and 1.6 GB to load (release build). Now about
    // 0.5 s and 320 MB in a release build, 1.5 s and 325 MB in a debug one
    // (docs/performance.md).
    let dir = TempDir::new().unwrap();
    write(dir.path(), "entities.toml", generated_gazetteer(1_000_000));
    let article = write(
        dir.path(),
        "a.txt",
        "Firm999999 Group will invest 5 billion euros in France. Firm0 Group will create \
         300 jobs in France. Firm500000 Groups will invest €2 billion.\n",
    );
    let (rules, article) = (path_str(dir.path()), path_str(&article));
    let limit = Duration::from_secs(40);
    let (stdout, peak_mib) = run_measuring_memory(&["mentions", "--rules", rules, article], limit);
    let found: Vec<String> = stdout
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).unwrap())
        .filter(|m| m["kind"] == "entity")
        .map(|m| m["value"]["id"].as_str().unwrap().to_string())
        .collect();
    // "Firm500000 Groups" is no name: a letter follows the name's last word.
    assert_eq!(found, ["firm_999999", "france", "firm_0", "france"]);
    assert!(peak_mib < 512, "{peak_mib} MiB at the peak");
}
