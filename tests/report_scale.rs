//! The report of a year of news: 20,000 generated articles (`gen-corpus`: stories over
//! months, told by many outlets, with publication dates) give an HTML page of at most
//! 10 MB that headless Chromium loads in at most 3 s and re-filters in under 200 ms, a
//! Markdown report of at most 1 MB, and no "why" line longer than 300 characters.
//!
//! Without Chromium the test is skipped, unless `CI` is set.

mod common;

use std::path::Path;
use std::process::Command;

use common::browser::{chromium_for, run_selftest};

/// Articles in the generated corpus.
const ARTICLES: usize = 20_000;

/// Run one of the crate's binaries with `args`; fails with its stderr unless it succeeds.
fn run(binary: &str, args: &[&str]) {
    let out = Command::new(binary)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {binary}: {e}"));
    assert!(
        out.status.success(),
        "{binary} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

#[test]
fn a_report_of_twenty_thousand_articles_is_small_and_quick_in_a_browser() {
    let Some(browser) =
        chromium_for("a_report_of_twenty_thousand_articles_is_small_and_quick_in_a_browser")
    else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let (corpus, claims) = (dir.path().join("corpus"), dir.path().join("claims.jsonl"));
    let count = ARTICLES.to_string();
    run(
        env!("CARGO_BIN_EXE_gen-corpus"),
        &["--count", &count, "--out", path(&corpus)],
    );
    let newsclaims = env!("CARGO_BIN_EXE_newsclaims");
    run(
        newsclaims,
        &["extract", "-q", path(&corpus), "-o", path(&claims)],
    );
    let report = |format: &str| {
        let out = dir.path().join(format!("report.{format}"));
        let args = ["check", "-q", "--claims", path(&claims), "--format", format];
        run(newsclaims, &[&args[..], &["-o", path(&out)]].concat());
        out
    };
    let (html, md, json) = (report("html"), report("md"), report("json"));
    let size = |p: &Path| std::fs::metadata(p).expect("report written").len();
    assert!(
        size(&html) <= 10 << 20,
        "HTML report of {} bytes",
        size(&html)
    );
    assert!(
        size(&md) <= 1 << 20,
        "Markdown report of {} bytes",
        size(&md)
    );

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("JSON report")).expect("JSON");
    let clusters = json["clusters"].as_array().expect("clusters");
    // Many stories over the year, not one cluster per key.
    assert!(clusters.len() > 500, "{} clusters", clusters.len());
    assert!(clusters.iter().any(|c| c["key"]["story"].is_string()));
    for c in clusters {
        let why = c["why"].as_str().expect("why");
        assert!(
            why.chars().count() <= 300,
            "a why of {} characters",
            why.len()
        );
    }

    let t = run_selftest(&browser, &html);
    assert_eq!(
        t["errors"],
        serde_json::json!([]),
        "errors in the page: {t}"
    );
    assert_eq!(t["rows"].as_u64(), Some(clusters.len() as u64));
    let ms = |k: &str| t[k].as_f64().unwrap_or_else(|| panic!("{k} in {t}"));
    assert!(
        ms("loadMs") > 0.0 && ms("loadMs") <= 3000.0,
        "load event after {} ms",
        ms("loadMs")
    );
    assert!(
        ms("filterMs") < 200.0,
        "a filter change took {} ms",
        ms("filterMs")
    );
}
