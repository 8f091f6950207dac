//! The `newsclaims` binary as a batch user runs it: `extract` over folders, files, JSON
//! Lines and standard input, the run summary and its skips, `--lang`, `--rules` with broken
//! rule files, `mentions` and `eval`.

use std::path::{Path, PathBuf};

use serde_json::{json, Value as Json};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------
// Articles (our own words).

const EN: &str = "Microsoft will invest €4 billion in France, the company said on Sunday. \
The company will create 3,000 new jobs in the country and train a million people by 2027. \
Microsoft has invested more than €20 billion in France since 2010.\n";

const FR: &str = "Amazon va investir 1,2 milliard d’euros en France, a annoncé le groupe \
dimanche. La firme prévoit de créer 2 000 nouveaux emplois d'ici fin 2027 dans le pays. \
L'entreprise a déjà investi plus de 20 milliards d'euros depuis 2010.\n";

const NL: &str = "Amazon investeert 1,2 miljard euro in Frankrijk, zo maakte het bedrijf \
zondag bekend. Het bedrijf schept drieduizend nieuwe banen in het land. Sinds 2010 \
investeerde Amazon ruim 20 miljard euro in Frankrijk.\n";

// ---------------------------------------------------------------------------------------
// Helpers.

mod common;
use common::{docs_of, run, run_with_stdin, skip_line, write};

/// A folder with one article per language, one of them in a subfolder.
fn three_articles() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "en.txt", EN);
    write(dir.path(), "fr.txt", FR);
    write(dir.path(), "sub/nl.txt", NL);
    dir
}

// ---------------------------------------------------------------------------------------
// extract

#[test]
fn extract_prints_claims_as_json_lines_and_a_summary_by_language() {
    let dir = three_articles();
    let out = run(&[Path::new("extract"), dir.path()]);
    out.assert_ok();
    let claims = out.lines();
    assert!(claims.len() >= 9, "{}", out.stdout);
    // Documents are named by their path under the root, in a stable (sorted) order.
    assert_eq!(docs_of(&claims), ["en.txt", "fr.txt", "sub/nl.txt"]);
    for (doc, lang) in [("en.txt", "en"), ("fr.txt", "fr"), ("sub/nl.txt", "nl")] {
        let of_doc: Vec<&Json> = claims.iter().filter(|c| c["doc"] == doc).collect();
        for (n, c) in of_doc.iter().enumerate() {
            assert_eq!(c["id"], format!("{doc}#{}", n + 1));
            assert_eq!(c["lang"], lang);
        }
    }
    let en_invest = claims
        .iter()
        .find(|c| c["doc"] == "en.txt" && c["predicate"] == "invest")
        .unwrap();
    assert_eq!(en_invest["subject"]["id"], "microsoft");
    assert_eq!(en_invest["value"]["amount"], 4_000_000_000u64);
    assert_eq!(en_invest["value"]["unit"], "EUR");

    let summary = out.stderr.lines().next().unwrap_or("");
    assert!(
        summary.contains("3 documents read (en 1, fr 1, nl 1)"),
        "summary: {}",
        out.stderr
    );
    assert!(
        summary.contains(&format!("{} claims", claims.len())),
        "{summary}"
    );
    assert!(summary.contains("0 skipped"), "{summary}");
}

#[test]
fn extract_output_file_gets_the_claims_and_stdout_stays_empty() {
    let dir = three_articles();
    let printed = run(&[Path::new("extract"), dir.path()]);
    printed.assert_ok();

    let out_dir = TempDir::new().unwrap();
    let file = out_dir.path().join("claims.jsonl");
    let written = run(&[
        Path::new("extract"),
        dir.path(),
        Path::new("-o"),
        file.as_path(),
    ]);
    written.assert_ok();
    assert_eq!(written.stdout, "", "claims go to the file only");
    assert!(
        written.stderr.contains("3 documents read"),
        "{}",
        written.stderr
    );
    let contents = std::fs::read_to_string(&file).expect("the output file exists");
    assert_eq!(contents, printed.stdout);
    // Nothing but the output file is left behind.
    let left: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["claims.jsonl"]);
}

#[test]
fn a_company_no_list_holds_has_the_id_most_of_the_runs_articles_write() {
    let dir = TempDir::new().unwrap();
    let articles = [
        ("a.txt", "Quarnel AI to cut 140 jobs\n\nQuarnel AI said on Monday it would cut 140 jobs at its site in Leeds, \
its first cuts since the company was founded.\n"),
        ("b.txt", "Quarnel AI supprime 140 emplois\n\nLa start-up britannique Quarnel AI a annoncé lundi la suppression de 140 \
emplois sur son site de Leeds, les premières depuis la création de l'entreprise.\n"),
        ("c.txt", "Quarnel streicht 140 Stellen\n\nDas Start-up Quarnel will 140 Stellen in Leeds streichen, teilte das \
Unternehmen am Montag mit. Es sind die ersten Kürzungen seit der Gründung.\n"),
    ];
    for (name, text) in articles {
        write(dir.path(), name, text);
    }
    let alone = run(&[Path::new("extract"), &dir.path().join("c.txt")]);
    alone.assert_ok();
    assert!(
        alone.stdout.contains(r#""id":"quarnel","#),
        "{}",
        alone.stdout
    );

    let out_dir = TempDir::new().unwrap();
    let file = out_dir.path().join("claims.jsonl");
    let printed = run(&[Path::new("extract"), dir.path()]);
    let written = run(&[Path::new("extract"), dir.path(), Path::new("-o"), &file]);
    printed.assert_ok();
    written.assert_ok();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), printed.stdout);
    // The lines written again with the run's ids leave no file of their own behind.
    let left: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["claims.jsonl"]);
    let claims = printed.lines();
    assert_eq!(docs_of(&claims), ["a.txt", "b.txt", "c.txt"]);
    for c in &claims {
        assert_eq!(c["subject"]["id"], "quarnel_ai", "{c}");
    }
    // The German article's lines change in their id only; their words stay its own.
    let alone_doc = dir.path().join("c.txt").display().to_string();
    let renamed = alone
        .stdout
        .replace(&alone_doc, "c.txt")
        .replace(r#""id":"quarnel","#, r#""id":"quarnel_ai","#);
    let of_c: Vec<&str> = printed
        .stdout
        .lines()
        .filter(|l| l.contains(r#""doc":"c.txt""#))
        .collect();
    assert_eq!(of_c, renamed.lines().collect::<Vec<_>>());
}

#[test]
fn unreadable_inputs_are_skipped_with_a_reason_and_the_run_goes_on() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good.txt", EN);
    let mut latin1 = b"Caf\xe9 cr\xe8me: Microsoft will invest 4 billion euros in France.".to_vec();
    latin1.push(b'\n');
    write(dir.path(), "latin1.txt", latin1);
    write(dir.path(), "empty.txt", "");
    write(dir.path(), "blank.md", "  \n\n ");
    write(
        dir.path(),
        "data.json",
        r#"{"id": "x", "text": "Microsoft will invest"}"#,
    );

    // By default a file that is not UTF-8 is read as Windows-1252, with a warning.
    let out = run(&[Path::new("extract"), dir.path()]);
    out.assert_ok();
    let claims = out.lines();
    assert_eq!(docs_of(&claims), ["good.txt", "latin1.txt"]);
    assert!(out.stderr.contains("2 documents read ("), "{}", out.stderr);
    assert!(out.stderr.contains("2 skipped"), "{}", out.stderr);
    assert!(out.stderr.contains(
        "warning latin1.txt: not UTF-8 (invalid byte at offset 3): read as Windows-1252"
    ));
    assert!(skip_line(&out.stderr, "empty.txt").contains("empty"));
    assert!(skip_line(&out.stderr, "blank.md").contains("empty"));
    assert!(out
        .stderr
        .contains("ignored in folders: other extensions 1"));
    // Named on the command line, the same file is skipped with its reason.
    let named = run(&[Path::new("extract"), &dir.path().join("data.json")]);
    assert!(skip_line(&named.stderr, "data.json").contains("not an article file"));

    let out = run(&[
        Path::new("extract"),
        Path::new("--non-utf8"),
        Path::new("skip"),
        dir.path(),
    ]);
    out.assert_ok();
    assert_eq!(docs_of(&out.lines()), ["good.txt"]);
    assert!(skip_line(&out.stderr, "latin1.txt").contains("not UTF-8 (invalid byte at offset 3)"));
}

#[test]
fn a_malformed_json_lines_article_is_reported_by_file_and_line() {
    let dir = TempDir::new().unwrap();
    let lines = [
        json!({"id": "a1", "text": EN}).to_string(),
        r#"{"id": "a2", "text": "an unterminated string"#.to_string(),
        json!({"id": 3, "text": FR, "source": "Le Journal"}).to_string(),
        String::new(),
    ];
    write(dir.path(), "feed.jsonl", lines.join("\n"));
    let out = run(&[Path::new("extract"), dir.path()]);
    out.assert_ok();
    let claims = out.lines();
    // The articles' ids name their claims; a numeric id is written as a string.
    assert_eq!(docs_of(&claims), ["a1", "3"]);
    assert!(claims.iter().any(|c| c["id"] == "a1#1"));
    assert!(claims.iter().any(|c| c["id"] == "3#1" && c["lang"] == "fr"));
    assert!(
        out.stderr.contains("2 documents read (en 1, fr 1)"),
        "{}",
        out.stderr
    );
    let skip = skip_line(&out.stderr, "feed.jsonl:2");
    assert!(skip.contains("malformed"), "{skip}");
    assert!(out.stderr.contains("1 skipped"), "{}", out.stderr);
}

#[test]
fn a_json_lines_articles_language_is_taken_as_given() {
    let dir = TempDir::new().unwrap();
    // The same English text as a plain file (detected) and as an article said to be Dutch.
    write(dir.path(), "a.txt", EN);
    let lines = [
        json!({"id": "given", "lang": "nl", "text": EN}).to_string(),
        json!({"id": "unknown", "lang": "xx", "text": EN}).to_string(),
    ];
    write(dir.path(), "b.jsonl", lines.join("\n"));
    let out = run(&[Path::new("extract"), dir.path()]);
    out.assert_ok();
    assert!(
        out.stderr.contains("2 documents read (en 1, nl 1)"),
        "{}",
        out.stderr
    );
    let claims = out.lines();
    assert!(claims
        .iter()
        .filter(|c| c["doc"] == "a.txt")
        .all(|c| c["lang"] == "en"));
    assert!(claims
        .iter()
        .filter(|c| c["doc"] == "given")
        .all(|c| c["lang"] == "nl"));
    let skip = skip_line(&out.stderr, "unknown");
    assert!(
        skip.contains("xx") && skip.contains("no rule file"),
        "{skip}"
    );
}

#[test]
fn standard_input_is_one_article_named_stdin() {
    let out = run_with_stdin(&["extract", "-"], EN);
    out.assert_ok();
    let claims = out.lines();
    assert_eq!(docs_of(&claims), ["stdin"]);
    assert_eq!(claims[0]["id"], "stdin#1");
    assert!(
        out.stderr.contains("1 documents read (en 1)"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unknown_forced_language_fails_clearly() {
    let dir = three_articles();
    let out = run(&[
        Path::new("extract"),
        dir.path(),
        Path::new("--lang"),
        Path::new("xx"),
    ]);
    assert_eq!(out.code, Some(2), "a usage error: {}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("--lang xx"), "{}", out.stderr);
    assert!(out.stderr.contains("no rule file"), "{}", out.stderr);
    assert!(
        out.stderr.contains("en, fr, nl"),
        "names the languages it has: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("documents read"), "{}", out.stderr);
}

#[test]
fn a_forced_language_reads_every_article_with_its_rules() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "fr.txt", FR);
    let out = run(&[
        Path::new("extract"),
        dir.path(),
        Path::new("--lang"),
        Path::new("fr"),
    ]);
    out.assert_ok();
    assert!(
        out.stderr.contains("1 documents read (fr 1)"),
        "{}",
        out.stderr
    );
    assert!(out.lines().iter().all(|c| c["lang"] == "fr"));
}

// ---------------------------------------------------------------------------------------
// Broken rule files

/// A copy of the bundled `en.toml` with `edit` applied, in a rules folder of its own; the
/// folder, the file, and the 1-based line of `marker` in the edited file.
fn broken_rules(edit: impl Fn(&str) -> String, marker: &str) -> (TempDir, PathBuf, usize) {
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/en.toml"))
            .unwrap();
    let edited = edit(&original);
    assert_ne!(edited, original, "the edit changed nothing");
    let line = edited
        .lines()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("{marker:?} not in the edited file"))
        + 1;
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "en.toml", edited);
    (dir, path, line)
}

/// Run `extract` with the broken rules and check it stops before reading any input, with a
/// `path:line:col: message` error.
fn assert_refused(rules_dir: &Path, file: &Path, line: usize, words: &[&str]) {
    let articles = three_articles();
    let out = run(&[
        Path::new("extract"),
        articles.path(),
        Path::new("--rules"),
        rules_dir,
    ]);
    assert_eq!(out.code, Some(1), "exit code; stderr:\n{}", out.stderr);
    assert_eq!(out.stdout, "", "no claims from half a rule set");
    assert!(
        !out.stderr.contains("documents read") && !out.stderr.contains("skipped"),
        "the input was read: {}",
        out.stderr
    );
    let prefix = format!("{}:{line}:", file.display());
    let at = out
        .stderr
        .find(&prefix)
        .unwrap_or_else(|| panic!("no {prefix:?} in: {}", out.stderr));
    let rest = &out.stderr[at + prefix.len()..];
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(
        !col.is_empty(),
        "no column after {prefix:?}: {}",
        out.stderr
    );
    assert!(
        rest[col.len()..].starts_with(": "),
        "not path:line:col: message: {}",
        out.stderr
    );
    for w in words {
        assert!(out.stderr.contains(w), "{w:?} not in: {}", out.stderr);
    }
}

#[test]
fn an_unknown_key_in_a_rule_file_stops_the_run() {
    let (dir, file, line) = broken_rules(
        |t| {
            t.replacen(
                "[numbers]\n",
                "[numbers]\nthousands_separator = [\",\"]\n",
                1,
            )
        },
        "thousands_separator",
    );
    assert_refused(
        dir.path(),
        &file,
        line,
        &["unknown field", "thousands_separator"],
    );
}

#[test]
fn a_regex_that_does_not_compile_stops_the_run() {
    let (dir, file, line) = broken_rules(
        |t| t.replacen("revenue = ['revenues?',", "revenue = ['revenue(s?',", 1),
        "revenue(s?",
    );
    assert_refused(
        dir.path(),
        &file,
        line,
        &["predicates.revenue", "does not compile"],
    );
}

#[test]
fn a_toml_syntax_error_stops_the_run() {
    let (dir, file, line) = broken_rules(|t| t.replacen("[money]", "[money", 1), "[money");
    assert_refused(dir.path(), &file, line, &[]);
}

/// `[units]` is read as a map of unit id to nouns, so an unknown key there is not refused
/// by name: `misspelt = 3` is reported as "invalid type: integer `3`, expected a sequence"
/// at the `[units]` header, not at the line of the key, and a list under a misspelt key
/// (`gpu = [...]` for `gpus`) silently becomes a new unit.
#[test]

fn an_unknown_key_in_units_is_reported_at_its_line() {
    let (dir, file, line) = broken_rules(
        |t| t.replacen("gap = 5", "gap = 5\ngaps = 3", 1),
        "gaps = 3",
    );
    assert_refused(dir.path(), &file, line, &["gaps"]);
}

// ---------------------------------------------------------------------------------------
// mentions

#[test]
fn mentions_prints_every_mention_with_its_span_and_value() {
    let dir = TempDir::new().unwrap();
    let text = "Microsoft will invest €4 billion in France. It will create 3,000 jobs by 2027.\n";
    write(dir.path(), "a.txt", text);
    let out = run(&[Path::new("mentions"), dir.path()]);
    out.assert_ok();
    let mentions = out.lines();
    for m in &mentions {
        for field in [
            "doc", "lang", "kind", "text", "start", "end", "value", "rule",
        ] {
            assert!(m.get(field).is_some(), "no {field:?} in {m}");
        }
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(m["text"], text[start..end], "{m}");
        assert_eq!(m["doc"], "a.txt");
        assert_eq!(m["lang"], "en");
        assert!(m["rule"].as_str().is_some_and(|r| !r.is_empty()), "{m}");
    }
    let kinds: Vec<&str> = mentions
        .iter()
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    for kind in ["entity", "trigger", "money", "count", "time"] {
        assert!(kinds.contains(&kind), "no {kind} mention in {kinds:?}");
    }

    let money = mentions.iter().find(|m| m["kind"] == "money").unwrap();
    assert_eq!(money["text"], "€4 billion");
    assert_eq!(money["value"]["kind"], "money");
    assert_eq!(money["value"]["amount"], 4_000_000_000u64);
    assert_eq!(money["value"]["unit"], "EUR");
    assert_eq!(money["rule"], "en.money.scale");

    let count = mentions.iter().find(|m| m["kind"] == "count").unwrap();
    assert_eq!(count["value"]["kind"], "count");
    assert_eq!(count["value"]["amount"], 3000);
    assert_eq!(count["value"]["unit"], "jobs");

    let time = mentions.iter().find(|m| m["kind"] == "time").unwrap();
    assert_eq!(time["value"], json!({"by": 2027}));

    let france = mentions.iter().find(|m| m["text"] == "France").unwrap();
    assert_eq!(france["kind"], "entity");
    assert_eq!(france["value"]["id"], "france");

    assert!(
        out.stderr.contains(&format!("{} mentions", mentions.len())),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------------------
// eval

#[test]
fn eval_prints_an_f1_table() {
    let out = run(&[
        "eval",
        "--gold",
        "fixtures/articles/expected.json",
        "fixtures/articles",
    ]);
    out.assert_ok();
    let mut lines = out.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    assert_eq!(header, ["P", "R", "F1", "tp", "fp", "fn"], "{}", out.stdout);
    let row = |name: &str| -> Vec<f64> {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name:?} row in:\n{}", out.stdout));
        line[name.len()..]
            .split_whitespace()
            .map(|n| n.parse().unwrap_or_else(|_| panic!("{line}")))
            .collect()
    };
    for name in [
        "overall",
        "lang en",
        "lang fr",
        "lang nl",
        "invest",
        "jobs",
        "announced",
    ] {
        let cells = row(name);
        assert_eq!(cells.len(), 6, "{name}: {cells:?}");
        assert!(
            cells[..3].iter().all(|v| (0.0..=1.0).contains(v)),
            "{name}: {cells:?}"
        );
    }
    let overall = row("overall");
    assert!(overall[2] > 0.5, "F1 {}", overall[2]);
    assert!(overall[3] >= 1.0, "true positives {}", overall[3]);
    // The gold file beside the articles is not an article, and no noise in the summary.
    assert!(!out.stderr.contains("expected.json"), "{}", out.stderr);
}

#[test]
fn explain_says_which_frame_bound_each_figure_or_why_none_did() {
    let out = common::run_with_stdin(
        &["explain", "--lang", "en", "-"],
        "The European Commission fined Google €2.4 billion. The index rose 3 points.",
    );
    out.assert_ok();
    let text = &out.stdout;
    assert!(
        text.contains("[actor European Commission] fined [actor Google] [money €2.4 billion]"),
        "{text}"
    );
    assert!(
        text.contains("\"€2.4 billion\": bound by frame en.frame.fined.active; claim google fined"),
        "{text}"
    );
    assert!(text.contains("\"3\": no frame of the"), "{text}");
    assert!(text.contains("no claim:"), "{text}");
}

#[test]
fn claims_and_reports_name_the_outlet_and_date_weekdays_by_the_publication_date() {
    // One article from JSON Lines, one text file with front matter; both published on
    // Friday 20 December 2024, both saying "on Monday" (16 December).
    let dir = TempDir::new().unwrap();
    let article = "Siemens will invest €2 billion in Berlin, the company said on Monday.";
    let record = json!({"id": "a1", "text": article, "source": "Daily Wire",
        "url": "https://example.org/a1", "published": "2024-12-20T18:05:00+01:00"});
    write(dir.path(), "feed.jsonl", format!("{record}\n"));
    let front = "---\nsource: Morning Post\npublished: 2024-12-20\n---\n";
    write(dir.path(), "b.txt", format!("{front}{article}\n"));
    let claims = run(&["extract", dir.path().to_str().unwrap()]).lines();
    // (doc, source, url, published)
    let cases = [
        (
            "a1",
            "Daily Wire",
            Some("https://example.org/a1"),
            "2024-12-20T18:05:00+01:00",
        ),
        ("b.txt", "Morning Post", None, "2024-12-20"),
    ];
    for (doc, source, url, published) in cases {
        let of_doc: Vec<&Json> = claims.iter().filter(|c| c["doc"] == doc).collect();
        assert_eq!(of_doc.len(), 2, "{doc}: {claims:?}");
        for c in &of_doc {
            assert_eq!(c["source"], source, "{c}");
            assert_eq!(c["url"].as_str(), url, "{c}");
            assert_eq!(c["published"], published, "{c}");
        }
        let day = of_doc
            .iter()
            .find(|c| c["predicate"] == "announced")
            .unwrap();
        assert_eq!(day["value"]["date"], "2024-12-16", "{day}");
        let evidence = &day["evidence"];
        let start = evidence["start"].as_u64().unwrap() as usize;
        let text = evidence["text"].as_str().unwrap();
        if doc == "b.txt" {
            assert_eq!(start, front.len(), "offsets are the file's");
            assert_eq!(text, article);
        }
    }
    let md = run(&["check", dir.path().to_str().unwrap()]).stdout;
    assert!(
        md.contains("[Daily Wire](<https://example.org/a1>)"),
        "{md}"
    );
    assert!(md.contains("Morning Post, 2024-12-20"), "{md}");
}
