//! Snapshots (insta) of what users read, over our fixture articles: `extract`,
//! `mentions` and `check --format md`. A rule or code change that moves a claim, a mention
//! or a verdict shows up as a reviewable diff of these files (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test snapshots` and `git diff`).

mod common;
use common::run;

fn output_of(args: &[&str]) -> String {
    let out = run(args);
    out.assert_ok();
    out.stdout
}

#[test]
fn extract_of_the_fixtures() {
    insta::assert_snapshot!(output_of(&["extract", "-q", "fixtures/articles"]));
}

#[test]
fn mentions_of_the_fixtures() {
    insta::assert_snapshot!(output_of(&["mentions", "-q", "fixtures/articles"]));
}

#[test]
fn markdown_report_of_the_fixtures() {
    insta::assert_snapshot!(output_of(&["check", "-q", "fixtures/articles"]));
}
