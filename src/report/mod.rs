//! Rendering a cross-check [`Report`] for people: Markdown for terminals and pull
//! requests, and one self-contained HTML page for reviewers. The JSON form is the report
//! itself, serialised.
//!
//! Both renderings start from one view of the report (`view`): clusters ordered
//! conflicts first, then agreements, then single-source claims; each cluster's groups
//! lettered A, B, ...; and each claim's evidence sentence split around the words its value
//! was read from, so that the figure can be highlighted (`**bold**` in Markdown, `<mark>`
//! in HTML). Markdown escapes article text itself (`markdown`); the HTML page is a
//! minijinja template with HTML auto-escaping on for every value, and inline CSS and
//! JavaScript only, so it opens from disk and fetches nothing (`html`). Values and reasons
//! are worded by [`crate::describe`].

mod html;
mod json;
mod markdown;
mod pretty;
mod view;

use std::io::Write;

use crate::crosscheck::Report;

pub use html::html;
pub use markdown::markdown;

/// Output formats of `newsclaims check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown: conflicts first, then agreements, then single-source claims.
    Md,
    /// The report JSON contract.
    Json,
    /// One self-contained HTML page.
    Html,
}

/// Write the report in `format` to `out`. JSON is serialised to it a window of clusters
/// or claims at a time, in parallel, so a report of a million claims is never held whole
/// in memory as text.
pub fn write_report(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Json => json::write_json(report, out),
        Format::Md => out.write_all(markdown(report).as_bytes()),
        Format::Html => out.write_all(html(report).as_bytes()),
    }
}

/// The title of both renderings.
const TITLE: &str = "newsclaims cross-check report";
