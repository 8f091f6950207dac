//! The report as one self-contained HTML page for reviewers: a minijinja template
//! (`templates/`, embedded in the binary) with HTML auto-escaping on for every value, and
//! inline CSS and JavaScript only, allowed by a Content-Security-Policy of their digests,
//! so that the page opens from disk and fetches nothing.

use minijinja::{AutoEscape, Environment};

use super::view::View;
use crate::crosscheck::Report;

/// The page template and the partials it includes (inline CSS and JavaScript).
const TEMPLATES: [(&str, &str); 3] = [
    ("report.html", include_str!("../../templates/report.html")),
    ("report.css", include_str!("../../templates/report.css")),
    ("report.js", include_str!("../../templates/report.js")),
];

/// The report as one self-contained HTML page.
pub fn html(report: &Report) -> String {
    let mut env = Environment::new();
    // Every value that reaches the page is escaped, whatever the template's name.
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .expect("bundled report templates compile");
    }
    let page = env
        .get_template("report.html")
        .and_then(|t| t.render(View::new(report)))
        .expect("bundled report template renders");
    with_policy(page)
}

/// The page's Content-Security-Policy (left empty by the template) filled in: nothing but
/// its own inline style and script, allowed by their SHA-256 digests; no network, no
/// other script, no form submission.
fn with_policy(page: String) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = |tag: &str| {
        let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
        // Page text is escaped, so the first such tag is the template's own.
        let start = page.find(&open).map_or(0, |i| i + open.len());
        let end = page[start..].find(&close).map_or(start, |i| start + i);
        let hash = sha2::Sha256::digest(&page.as_bytes()[start..end]);
        base64::engine::general_purpose::STANDARD.encode(hash)
    };
    let policy = format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; \
         base-uri 'none'; form-action 'none'",
        digest("script"),
        digest("style")
    );
    page.replacen(
        r#"http-equiv="Content-Security-Policy" content="""#,
        &format!(r#"http-equiv="Content-Security-Policy" content="{policy}""#),
        1,
    )
}
