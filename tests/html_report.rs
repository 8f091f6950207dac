//! The Markdown and HTML reports: conflicts first, article text escaped, every figure
//! highlighted in its sentence; and the HTML page in a real (headless) Chromium: it loads
//! without script errors, shows the conflict count, and its filters hide and show rows.
//!
//! The browser test writes `target/report-test/report.html` and `report.png` (a
//! screenshot) for people to look at. Without Chromium it is skipped, unless `CI` is set.

mod common;

use std::collections::BTreeMap;

use newsclaims::claims::{EntityRef, Evidence};
use newsclaims::crosscheck::{CrossChecker, FxRates, Report, Status, BUNDLED_FX};
use newsclaims::report::{html, markdown};
use newsclaims::run::batch;
use newsclaims::value::{Amount, Day, Qualifier, Value};
use newsclaims::Claim;

use common::browser::{chromium_for, console_errors, file_url, run_chromium, run_selftest};
use common::{pipeline, root};

// ---------------------------------------------------------------------------------------
// Reports to render.

fn entity(id: &str, text: &str) -> Option<EntityRef> {
    Some(EntityRef {
        id: id.into(),
        text: text.into(),
    })
}

fn amount(amount: f64, unit: &str, qualifier: Qualifier, text: &str) -> Amount {
    Amount {
        amount,
        unit: Some(unit.into()),
        qualifier,
        min: None,
        precision: None,
        text: text.into(),
    }
}

/// A claim of `doc` about Amazon in France.
fn claim(doc: &str, n: usize, lang: &str, predicate: &str, value: Value, sentence: &str) -> Claim {
    Claim {
        id: format!("{doc}#{n}").into(),
        doc: doc.into(),
        article: Default::default(),
        lang: lang.into(),
        subject: entity("amazon", "Amazon"),
        predicate: predicate.into(),
        target: None,
        value,
        alt: Vec::new(),
        location: entity("france", "France"),
        time: None,
        scope: None,
        evidence: Evidence {
            start: 0,
            end: sentence.len(),
            text: sentence.into(),
            sentence: None,
            trigger: None,
        },
        rules: Default::default(),
    }
}

fn checker_report(claims: Vec<Claim>, docs: BTreeMap<String, String>) -> Report {
    let pipeline = pipeline();
    let fx = FxRates::parse("data/fx.toml", BUNDLED_FX).expect("bundled rates parse");
    CrossChecker::new(&pipeline.rules.gazetteer, fx).check(claims, docs)
}

/// Three documents: a currency conflict (USD against EUR 1.2 billion), an agreement on
/// 3,000 jobs, single-source claims, a sentence with markup in it, and a claim whose value
/// words are not in its sentence.
fn small_report() -> Report {
    use Qualifier::*;
    let money = |a, u, q, t| Value::Money(amount(a, u, q, t));
    let count = |a, u, t| Value::Count(amount(a, u, Exact, t));
    let claims = vec![
        claim(
            "a.txt",
            1,
            "en",
            "invest",
            money(1.2e9, "EUR", Exact, "€1.2 billion"),
            "Amazon will invest €1.2 billion in France.",
        ),
        claim(
            "a.txt",
            2,
            "en",
            "jobs",
            count(3000.0, "jobs", "3,000 jobs"),
            "The plan brings 3,000 jobs.",
        ),
        claim(
            "b.txt",
            1,
            "fr",
            "invest",
            money(1.2e9, "EUR", MoreThan, "plus de 1,2 milliard d’euros"),
            "Amazon va investir plus de 1,2 milliard d’euros en France.",
        ),
        claim(
            "b.txt",
            2,
            "fr",
            "jobs",
            count(3000.0, "jobs", "trois mille emplois"),
            "Avec à la clé trois mille emplois.",
        ),
        claim(
            "b.txt",
            3,
            "fr",
            "sites",
            count(35.0, "sites", "35 sites"),
            "Le groupe compte 35 sites.",
        ),
        claim(
            "c.txt",
            1,
            "en",
            "invest",
            money(1.2e9, "USD", Exact, "$1.2 billion"),
            "Amazon's <script>alert('x')</script> plan: $1.2 billion for *French* _sites_ | see `docs` & [more].",
        ),
        claim(
            "c.txt",
            2,
            "en",
            "train",
            count(100_000.0, "people", "100,000 people"),
            "It will also train many people.",
        ),
        claim(
            "c.txt",
            3,
            "en",
            "announced",
            Value::Date(Day {
                weekday: Some("monday".into()),
                date: None,
                text: "on Monday".into(),
            }),
            "Amazon said On Monday that it would expand.",
        ),
    ];
    let docs = [("a.txt", "en"), ("b.txt", "fr"), ("c.txt", "en")]
        .into_iter()
        .map(|(d, l)| (d.to_string(), l.to_string()))
        .collect();
    let report = checker_report(claims, docs);
    assert_eq!(
        (
            report.summary.conflict,
            report.summary.agree,
            report.summary.single
        ),
        (1, 1, 3),
        "the cross-checker reads the small report as expected: {:#?}",
        report.clusters
    );
    report
}

/// The report of the fixture articles, as `newsclaims check fixtures/articles` makes it.
fn fixture_report() -> Report {
    let pipeline = pipeline();
    let dir = root().join("fixtures/articles");
    let (claims, docs, summary) =
        batch::documents_and_claims(&pipeline, &[dir], &Default::default());
    let fx = FxRates::parse("data/fx.toml", BUNDLED_FX).expect("bundled rates parse");
    let mut report = CrossChecker::new(&pipeline.rules.gazetteer, fx).check(claims, docs);
    report.summary.skipped = summary.skipped;
    report
}

/// The report with its clusters in the wrong order: the renderers must order them.
fn reversed(mut report: Report) -> Report {
    report.clusters.reverse();
    report
}

/// Text as minijinja's HTML auto-escaping writes it.
fn html_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            c => out.push(c),
        }
    }
    out
}

/// The values of `attr="..."` in `html`, in order.
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let open = format!(" {attr}=\"");
    html.match_indices(&open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            &rest[..rest.find('"').expect("attribute closes")]
        })
        .collect()
}

fn rank(status: &str) -> usize {
    ["conflict", "agree", "single"]
        .iter()
        .position(|s| *s == status)
        .unwrap_or_else(|| panic!("unknown status {status}"))
}

// ---------------------------------------------------------------------------------------
// Markdown.

#[test]
fn markdown_puts_conflicts_first_then_agreements_then_single_claims() {
    let md = markdown(&reversed(small_report()));
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} in\n{md}"));
    assert!(at("## Conflicts (1)") < at("## Agreements (1)"));
    assert!(at("## Agreements (1)") < at("## Single-source claims (3)"));
    let statuses: Vec<usize> = md
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| {
            let status = h.split_whitespace().nth(1).expect("status in heading");
            rank(&status.to_lowercase())
        })
        .collect();
    assert_eq!(statuses.len(), 5, "{md}");
    assert!(statuses.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");
}

#[test]
fn markdown_shows_summary_key_why_groups_and_evidence() {
    let report = small_report();
    let md = markdown(&report);
    assert!(md.starts_with("# "), "{md}");
    assert!(md.contains("**3** documents (en 2, fr 1)"), "{md}");
    assert!(md.contains("**8** claims, **5** clusters"), "{md}");
    assert!(
        md.contains("**1** conflict, **1** agree, **3** single"),
        "{md}"
    );
    assert!(md.contains("skipped inputs: none"), "{md}");
    assert!(md.contains("republished duplicates: none"), "{md}");
    // The heading names subject, predicate, location, scope and status.
    assert!(
        md.contains("### 1. CONFLICT · `amazon` `invest` · in `france` · scope `new`"),
        "{md}"
    );
    let conflict = &report.clusters[0];
    assert_eq!(conflict.status, Status::Conflict);
    assert!(md.contains(&format!("Why: {}", conflict.why)), "{md}");
    assert!(md.contains(": **USD 1.2 bn** in `c.txt`"), "{md}");
    assert!(md.contains("**EUR 1.2 bn** in `a.txt`, `b.txt`"), "{md}");
    assert!(md.contains("  - `a.txt` (en): Amazon will invest **€1.2 billion** in France."));
}

#[test]
fn markdown_bolds_the_figure_inside_its_sentence() {
    let md = markdown(&small_report());
    assert!(
        md.contains("(fr): Amazon va investir **plus de 1,2 milliard d’euros** en France."),
        "{md}"
    );
    assert!(
        md.contains("Avec à la clé **trois mille emplois**."),
        "{md}"
    );
    // Found regardless of case.
    assert!(md.contains("Amazon said **On Monday** that"), "{md}");
    // Not in the sentence: the sentence, then the value.
    assert!(
        md.contains("It will also train many people. (value: **100,000 people**)"),
        "{md}"
    );
}

#[test]
fn markdown_escapes_article_text() {
    let md = markdown(&small_report());
    let line = md
        .lines()
        .find(|l| l.contains("`c.txt` (en): Amazon"))
        .unwrap_or_else(|| panic!("c.txt evidence in\n{md}"));
    assert_eq!(
        line,
        "  - `c.txt` (en): Amazon's \\<script\\>alert('x')\\</script\\> plan: **$1.2 billion** \
         for \\*French\\* \\_sites\\_ \\| see \\`docs\\` \\& \\[more\\]."
    );
}

/// A report of one claim whose every field printed comes from a crafted claims file.
fn crafted_report(field: &str, crafted: &str) -> Report {
    let value = Value::Money(amount(5e9, "EUR", Qualifier::Exact, "€5 billion"));
    let mut c = claim(
        "a.txt",
        1,
        "en",
        "invest",
        value,
        "Amazon will invest €5 billion.",
    );
    match field {
        "lang" => c.lang = crafted.into(),
        "doc" => c.doc = crafted.into(),
        "id" => c.id = crafted.into(),
        "predicate" => c.predicate = crafted.into(),
        "subject" => c.subject = entity(crafted, "Amazon"),
        "location" => c.location = entity(crafted, "France"),
        "unit" => {
            c.value = Value::Money(amount(5e9, crafted, Qualifier::Exact, "€5 billion"));
        }
        "text" => c.evidence.text = crafted.into(),
        _ => unreachable!("no field {field}"),
    }
    checker_report(vec![c], BTreeMap::new())
}

/// Markdown with its code spans (inert whatever they hold) taken out.
fn outside_code_spans(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let fence_len = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let body = &rest[open + fence_len..];
        let fence = "`".repeat(fence_len);
        let close = (0..body.len()).find(|&i| {
            body[i..].starts_with(&fence)
                && !body[i + fence_len..].starts_with('`')
                && (i == 0 || !body[..i].ends_with('`'))
        });
        match close {
            Some(i) => rest = &body[i + fence_len..],
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out + rest
}

#[test]
fn markdown_escapes_every_field_it_prints() {
    let crafted = "x*y_ <b>z</b> [l](u) `c` | #h\n- item";
    for field in [
        "lang",
        "doc",
        "id",
        "predicate",
        "subject",
        "location",
        "unit",
        "text",
    ] {
        let md = outside_code_spans(&markdown(&crafted_report(field, crafted)));
        for raw in ["<b>", "[l](u)", "x*y", "\n- item"] {
            assert!(!md.contains(raw), "{field}: {raw:?} printed raw in\n{md}");
        }
    }
}

#[test]
fn markdown_of_the_fixtures_bolds_every_figure_found() {
    let report = fixture_report();
    let md = markdown(&report);
    assert!(
        !md.contains("expected.json"),
        "the gold file beside the articles is no input, so no skip either"
    );
    let clustered: std::collections::BTreeSet<&str> = report
        .clusters
        .iter()
        .flat_map(|c| c.claims.iter().map(|id| id.as_str()))
        .collect();
    let mut checked = 0;
    for c in report
        .claims
        .iter()
        .filter(|c| clustered.contains(c.id.as_str()))
    {
        let text = match &c.value {
            Value::Date(d) => d.text.as_str(),
            v => v.amount().map_or("", |a| a.text.as_str()),
        };
        let plain = !text
            .contains(|ch: char| "\\`*_|<>[]&~#".contains(ch) || ch.is_whitespace() && ch != ' ');
        if !text.is_empty() && plain && c.evidence.text.contains(text) {
            assert!(md.contains(&format!("**{text}**")), "{} {text:?}", c.id);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} figures checked");
}

// ---------------------------------------------------------------------------------------
// HTML.

#[test]
fn html_puts_conflicts_first_and_carries_filter_attributes() {
    let page = html(&reversed(small_report()));
    let statuses = attribute_values(&page, "data-status");
    assert_eq!(
        statuses,
        ["conflict", "agree", "single", "single", "single"],
        "{page}"
    );
    let langs = attribute_values(&page, "data-langs");
    assert_eq!(
        langs[0], "en fr",
        "the conflict has English and French sources"
    );
    assert!(attribute_values(&page, "data-subject")
        .iter()
        .all(|s| *s == "amazon"));
    assert!(page.contains(r#"<span id="conflict-count">1</span>"#));
    for status in ["conflict", "agree", "single"] {
        assert!(
            page.contains(&format!(
                r#"<input type="checkbox" name="status" value="{status}" checked>"#
            )),
            "status filter {status}"
        );
    }
    for lang in ["en", "fr"] {
        assert!(page.contains(&format!(
            r#"<input type="checkbox" name="lang" value="{lang}" checked>"#
        )));
    }
    assert!(page.contains(r#"<select id="subject-filter""#));
    assert!(page.contains(r#"<option value="amazon">amazon (5)</option>"#));
}

#[test]
fn html_escapes_article_text_and_values() {
    let page = html(&small_report());
    assert!(
        !page.contains("<script>alert"),
        "script from an article runs"
    );
    assert!(page.contains(
        "&#x27;s &lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; plan: <mark>$1.2 billion</mark>"
    ));
    assert!(page.contains("see `docs` &amp; [more]."));
    // The page's own script is the only one.
    assert_eq!(page.matches("<script").count(), 1);
}

#[test]
fn html_allows_only_its_own_style_and_script() {
    let page = html(&small_report());
    let policy = page
        .split(r#"<meta http-equiv="Content-Security-Policy" content=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a Content-Security-Policy meta tag");
    let inline = |tag: &str| {
        let start = page.find(&format!("<{tag}>")).unwrap() + tag.len() + 2;
        let end = start + page[start..].find(&format!("</{tag}>")).unwrap();
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(&page.as_bytes()[start..end]);
        let digest = base64::engine::general_purpose::STANDARD.encode(digest);
        format!("'sha256-{digest}'")
    };
    for directive in [
        "default-src 'none'".to_string(),
        format!("script-src {}", inline("script")),
        format!("style-src {}", inline("style")),
        "base-uri 'none'".into(),
        "form-action 'none'".into(),
    ] {
        assert!(policy.contains(&directive), "{directive} not in {policy}");
    }
    // The policy comes before anything it governs; no inline handler needs it relaxed.
    assert!(page.find("Content-Security-Policy") < page.find("<style>"));
    assert!(!page.contains(" onsubmit=") && !page.contains(" onclick="));
}

#[test]
fn html_links_every_value_to_its_highlighted_evidence() {
    let report = small_report();
    let page = html(&report);
    // The figure is marked, and so are the claim's actor and place (as displaCy marks
    // entities).
    assert!(page.contains(concat!(
        r#"<span class="role actor" title="actor">Amazon</span> va investir "#,
        r#"<mark>plus de 1,2 milliard d’euros</mark> en "#,
        r#"<span class="role place" title="place">France</span>."#
    )));
    assert!(page.contains(
        r#"<span class="role actor" title="actor">Amazon</span> said <mark>On Monday</mark> that"#
    ));
    assert!(page.contains("<mark>100,000 people</mark>, are not verbatim"));
    let ids: std::collections::BTreeSet<&str> = attribute_values(&page, "id").into_iter().collect();
    let links: Vec<&str> = attribute_values(&page, "href");
    assert!(!links.is_empty());
    for link in &links {
        let target = link.strip_prefix('#').expect("only links inside the page");
        assert!(ids.contains(target), "link to #{target} has no target");
    }
    // Each group's value links to its first claim's evidence, with document and language.
    let conflict = &report.clusters[0];
    let first = &conflict.groups[0];
    let value = if first.value.amount().and_then(|a| a.unit.as_deref()) == Some("USD") {
        "USD 1.2 bn"
    } else {
        "EUR 1.2 bn"
    };
    assert!(page.contains(&format!(
        r##"<td class="value"><a href="#cluster-1-claim-1">{value}</a></td>"##
    )));
    let claim = &report
        .claims
        .iter()
        .find(|c| c.id == first.claims[0])
        .expect("claim");
    let evidence = page
        .split(r#"<li class="claim" id="cluster-1-claim-1">"#)
        .nth(1)
        .expect("evidence of the first claim");
    let evidence = &evidence[..evidence.find("</li>").expect("closes")];
    assert!(
        evidence.contains(&format!(r#"<span class="doc">{}</span>"#, claim.doc)),
        "{evidence}"
    );
    assert!(evidence.contains(&format!(
        r#"<span class="lang" title="language">{}</span>"#,
        claim.lang
    )));
    assert!(evidence.contains("<mark>"), "{evidence}");
    assert!(page.contains(&html_escape(&report.clusters[0].why)));
}

#[test]
fn html_is_self_contained() {
    let page = html(&fixture_report());
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..200]);
    for external in [
        "<link", " src=", "url(", "@import", "http://", "https://", "//fonts",
    ] {
        assert!(!page.contains(external), "page refers to {external}");
    }
    assert!(page.contains("<style>") && page.contains("<script>"));
}

#[test]
fn html_of_the_fixtures_marks_every_figure_found() {
    let report = fixture_report();
    let page = html(&report);
    let statuses = attribute_values(&page, "data-status");
    assert_eq!(statuses.len(), report.clusters.len());
    assert!(statuses.windows(2).all(|w| rank(w[0]) <= rank(w[1])));
    assert!(page.contains(&format!(
        r#"<span id="conflict-count">{}</span>"#,
        report.summary.conflict
    )));
    let mut checked = 0;
    for c in &report.claims {
        let text = match &c.value {
            Value::Date(d) => d.text.as_str(),
            v => v.amount().map_or("", |a| a.text.as_str()),
        };
        if !text.is_empty()
            && c.evidence.text.contains(text)
            && report.clusters.iter().any(|k| k.claims.contains(&c.id))
        {
            let marked = format!("<mark>{}</mark>", html_escape(text));
            assert!(page.contains(&marked), "{} {marked}", c.id);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} figures checked");
    // Every trigger word a claim's evidence names beside its figure is marked as one.
    let mut triggers = 0;
    for c in &report.claims {
        let Some(t) = &c.evidence.trigger else {
            continue;
        };
        let span = t.start - c.evidence.start..t.end - c.evidence.start;
        let words = &c.evidence.text[span.clone()];
        // Marks do not overlap: a trigger inside the figure's words ("2,000 jobs") or a
        // separable verb around them ("gab ... am Sonntag ... bekannt") is left unmarked.
        let figure = match &c.value {
            Value::Date(d) => d.text.as_str(),
            v => v.amount().map_or("", |a| a.text.as_str()),
        };
        let Some(at) = c.evidence.text.find(figure).filter(|_| !figure.is_empty()) else {
            continue;
        };
        if at < span.end && span.start < at + figure.len() {
            continue;
        }
        let marked = format!(
            r#"<span class="role trigger" title="trigger">{}</span>"#,
            html_escape(words)
        );
        assert!(page.contains(&marked), "{} {marked}", c.id);
        triggers += 1;
    }
    assert!(triggers > 20, "only {triggers} trigger words checked");
}

// ---------------------------------------------------------------------------------------
// The page in a real browser.

#[test]
fn html_report_works_in_headless_chromium() {
    let Some(browser) = chromium_for("html_report_works_in_headless_chromium") else {
        return;
    };
    let report = fixture_report();
    assert!(report.summary.conflict > 0 && report.summary.agree > 0);
    let dir = root().join("target").join("report-test");
    std::fs::create_dir_all(&dir).expect("target/report-test");
    let page = dir.join("report.html");
    std::fs::write(&page, html(&report)).expect("write report.html");
    std::fs::write(dir.join("report.md"), markdown(&report)).expect("write report.md");

    // The page runs its own filter self-test (#selftest) and writes the results, the
    // conflict count on the page among them, into the DOM.
    let t = run_selftest(&browser, &page);
    let n = |k: &str| {
        t[k].as_u64()
            .unwrap_or_else(|| panic!("{k} in self-test {t}")) as usize
    };
    let s = &report.summary;
    assert_eq!(
        t["errors"],
        serde_json::json!([]),
        "errors in the page: {t}"
    );
    assert_eq!(t["conflictCount"], s.conflict.to_string());
    assert_eq!(n("rows"), report.clusters.len());
    let order: Vec<usize> = t["statusOrder"]
        .as_array()
        .expect("status order")
        .iter()
        .map(|v| rank(v.as_str().expect("status")))
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] <= w[1]),
        "conflicts first: {t}"
    );
    assert_eq!(order.first(), Some(&0));
    // The status filter hides the agreeing rows, and shows them again.
    assert_eq!(n("visibleBefore"), report.clusters.len());
    assert_eq!(n("agreeRows"), s.agree);
    assert_eq!(n("visibleWithoutAgree"), report.clusters.len() - s.agree);
    assert_eq!(n("agreeVisibleWithoutAgree"), 0);
    assert_eq!(n("visibleAfterRecheck"), report.clusters.len());
    // The subject and language filters show only their rows.
    assert!(n("subjectRows") > 0);
    assert_eq!(n("visibleForSubject"), n("subjectRows"));
    assert_eq!(n("otherSubjectsVisible"), 0);
    assert!(n("visibleForLang") > 0);
    assert_eq!(n("otherLangsVisible"), 0);
    // The predicate filter and the search show only their rows; a filter change takes
    // well under 200 ms.
    assert!(n("predicateRows") > 0);
    assert_eq!(n("visibleForPredicate"), n("predicateRows"));
    assert_eq!(n("otherPredicatesVisible"), 0);
    assert!(n("visibleForSearch") >= n("subjectRows"), "{t}");
    assert_eq!(n("searchMissesShown"), 0);
    let filter_ms = t["filterMs"].as_f64().expect("filter time");
    assert!(filter_ms < 200.0, "a filter change took {filter_ms} ms");
    assert_eq!(n("visibleAfterReset"), report.clusters.len());

    // A screenshot for people to look at.
    let png = dir.join("report.png");
    let _ = std::fs::remove_file(&png);
    let (_, stderr) = run_chromium(
        &browser,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1280,2000".into(),
            file_url(&page, ""),
        ],
    );
    assert!(
        console_errors(&stderr).is_empty(),
        "script errors:\n{stderr}"
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{}: {e}\n{stderr}", png.display()));
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000);
    eprintln!("report and screenshot in {}", dir.display());
}

#[test]
fn reports_without_evidence_or_clusters_still_render() {
    let mut report = small_report();
    report.claims.clear();
    let md = markdown(&report);
    assert!(md.contains("`a.txt#1`: evidence not in the report"), "{md}");
    let page = html(&report);
    assert!(page.contains("This claim’s evidence is not in the report."));

    report.clusters.clear();
    let md = markdown(&report);
    assert_eq!(md.matches("\nNone.\n").count(), 3, "{md}");
    let page = html(&report);
    assert!(attribute_values(&page, "data-status").is_empty());
    assert!(page.contains(r#"<p class="empty">None.</p>"#));
}
