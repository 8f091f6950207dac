//! Rendering a cross-check [`Report`] for people: Markdown for terminals and pull
//! requests, and one self-contained HTML page for reviewers. The JSON form is the report
//! itself, serialised.
//!
//! Both renderings start from one view of the report ([`View`]): clusters ordered
//! conflicts first, then agreements, then single-source claims; each cluster's groups
//! lettered A, B, ...; and each claim's evidence sentence split around the words its value
//! was read from, so that the figure can be highlighted (`**bold**` in Markdown, `<mark>`
//! in HTML). Markdown escapes article text itself; the HTML page is a minijinja template
//! (`templates/`, embedded in the binary) with HTML auto-escaping on for every value, and
//! inline CSS and JavaScript only, so it opens from disk and fetches nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write;
use std::ops::Range;

use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::claims::Claim;
use crate::crosscheck::{describe_value, Cluster, Report, ReportSummary, Status};
use crate::value::Value;

/// Output formats of `newsclaims check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown: conflicts first, then agreements, then single-source claims.
    Md,
    /// The report JSON contract.
    Json,
    /// One self-contained HTML page.
    Html,
}

/// Write the report in `format` to `out`. JSON is serialised straight to it, so a report
/// of a million claims is never held whole in memory as text.
pub fn write_report(report: &Report, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Json => {
            // Buffered here, where the type is known: the serialiser writes in small pieces.
            let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
            serde_json::to_writer_pretty(&mut buffered, report)?;
            buffered.write_all(b"\n")?;
            buffered.flush()
        }
        Format::Md => out.write_all(markdown(report).as_bytes()),
        Format::Html => out.write_all(html(report).as_bytes()),
    }
}

/// The page template and the partials it includes (inline CSS and JavaScript).
const TEMPLATES: [(&str, &str); 3] = [
    ("report.html", include_str!("../../templates/report.html")),
    ("report.css", include_str!("../../templates/report.css")),
    ("report.js", include_str!("../../templates/report.js")),
];

/// The title of both renderings.
const TITLE: &str = "newsclaims cross-check report";

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    let view = View::new(report);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(&mut out, &view);
    out
}

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

// ---------------------------------------------------------------------------------------
// The view both renderings read.

/// The report as the renderings read it.
#[derive(Debug, Serialize)]
struct View<'a> {
    title: &'static str,
    summary: &'a ReportSummary,
    /// `en 7, fr 6, nl 5`.
    langs_line: String,
    /// Conflicts, agreements, single-source claims (always all three, maybe empty).
    sections: Vec<SectionView<'a>>,
    /// Every language of a cluster, for the language filter.
    langs: Vec<String>,
    /// Every subject with its number of clusters, for the subject filter.
    subjects: Vec<(String, usize)>,
}

#[derive(Debug, Serialize)]
struct SectionView<'a> {
    status: &'static str,
    title: &'static str,
    clusters: Vec<ClusterView<'a>>,
}

#[derive(Debug, Serialize)]
struct ClusterView<'a> {
    /// Element id of the cluster (`cluster-3`).
    anchor: String,
    /// 1-based position in the report.
    number: usize,
    status: &'static str,
    subject: &'a str,
    predicate: &'a str,
    target: Option<&'a str>,
    location: Option<&'a str>,
    scope: &'a str,
    why: &'a str,
    /// Languages of its claims, sorted.
    langs: Vec<String>,
    groups: Vec<GroupView<'a>>,
    /// Claim ids of the cluster that no group lists.
    ungrouped: Vec<EvidenceView<'a>>,
    /// Number of claims.
    claim_count: usize,
    /// Number of distinct documents.
    doc_count: usize,
}

#[derive(Debug, Serialize)]
struct GroupView<'a> {
    /// `A`, `B`, ...
    label: String,
    /// The value as a reviewer reads it (`EUR 1.2 bn`).
    value: String,
    /// Element id of its first claim's evidence.
    first: Option<String>,
    docs: &'a [String],
    claims: Vec<EvidenceView<'a>>,
}

#[derive(Debug, Serialize)]
struct EvidenceView<'a> {
    /// Element id of the evidence block (`cluster-3-claim-2`).
    anchor: String,
    claim: &'a str,
    /// Document and language, when the report carries the claim.
    doc: Option<&'a str>,
    lang: Option<&'a str>,
    /// The claim's own value as a reviewer reads it.
    value: Option<String>,
    /// The words the value was read from.
    value_text: Option<&'a str>,
    /// The evidence sentence, split around the value's words (`mark` empty when they
    /// were not found in it, and then the whole sentence is in `before`).
    before: &'a str,
    mark: &'a str,
    after: &'a str,
    /// Whether the claim and its sentence are in the report.
    known: bool,
}

impl<'a> View<'a> {
    fn new(report: &'a Report) -> View<'a> {
        let by_id: HashMap<&str, &Claim> =
            report.claims.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut ordered: Vec<&Cluster> = report.clusters.iter().collect();
        // Stable: the report's own order inside each status.
        ordered.sort_by_key(|c| c.status);
        let clusters: Vec<ClusterView> = ordered
            .into_iter()
            .enumerate()
            .map(|(i, c)| cluster_view(i + 1, c, &by_id))
            .collect();
        let langs: BTreeSet<String> = clusters.iter().flat_map(|c| c.langs.clone()).collect();
        let mut subjects: BTreeMap<String, usize> = BTreeMap::new();
        for c in &clusters {
            *subjects.entry(c.subject.to_string()).or_default() += 1;
        }
        let mut sections: Vec<SectionView> = [
            (Status::Conflict, "Conflicts"),
            (Status::Agree, "Agreements"),
            (Status::Single, "Single-source claims"),
        ]
        .into_iter()
        .map(|(status, title)| SectionView {
            status: status_id(status),
            title,
            clusters: Vec::new(),
        })
        .collect();
        for c in clusters {
            let section = sections
                .iter_mut()
                .find(|s| s.status == c.status)
                .expect("every status has a section");
            section.clusters.push(c);
        }
        let langs_line = report
            .summary
            .langs
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        View {
            title: TITLE,
            summary: &report.summary,
            langs_line,
            sections,
            langs: langs.into_iter().collect(),
            subjects: subjects.into_iter().collect(),
        }
    }
}

fn status_id(s: Status) -> &'static str {
    match s {
        Status::Conflict => "conflict",
        Status::Agree => "agree",
        Status::Single => "single",
    }
}

fn cluster_view<'a>(
    number: usize,
    c: &'a Cluster,
    by_id: &HashMap<&str, &'a Claim>,
) -> ClusterView<'a> {
    let anchor = format!("cluster-{number}");
    let mut claim_no = 0;
    let mut evidence = |id: &'a str| {
        claim_no += 1;
        evidence_view(
            format!("{anchor}-claim-{claim_no}"),
            id,
            by_id.get(id).copied(),
        )
    };
    let mut grouped: BTreeSet<&str> = BTreeSet::new();
    let groups: Vec<GroupView> = c
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let claims: Vec<EvidenceView> = g
                .claims
                .iter()
                .map(|id| {
                    grouped.insert(id);
                    evidence(id)
                })
                .collect();
            GroupView {
                label: group_label(i),
                value: describe_value(&g.value),
                first: claims.first().map(|e| e.anchor.clone()),
                docs: &g.docs,
                claims,
            }
        })
        .collect();
    let ungrouped: Vec<EvidenceView> = c
        .claims
        .iter()
        .filter(|id| !grouped.contains(id.as_str()))
        .map(|id| evidence(id))
        .collect();
    let all_ids: BTreeSet<&str> = c
        .claims
        .iter()
        .map(String::as_str)
        .chain(grouped.iter().copied())
        .collect();
    let members: Vec<&Claim> = all_ids
        .iter()
        .filter_map(|id| by_id.get(id).copied())
        .collect();
    let langs: BTreeSet<String> = members.iter().map(|m| m.lang.clone()).collect();
    let mut docs: BTreeSet<&str> = members.iter().map(|m| m.doc.as_str()).collect();
    docs.extend(
        c.groups
            .iter()
            .flat_map(|g| g.docs.iter().map(String::as_str)),
    );
    ClusterView {
        anchor,
        number,
        status: status_id(c.status),
        subject: &c.key.subject,
        predicate: &c.key.predicate,
        target: c.key.target.as_deref(),
        location: c.key.location.as_deref(),
        scope: &c.key.scope,
        why: &c.why,
        langs: langs.into_iter().collect(),
        groups,
        ungrouped,
        claim_count: all_ids.len(),
        doc_count: docs.len(),
    }
}

/// `A` ... `Z`, then `AA`, `AB`...
fn group_label(i: usize) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    if i < 26 {
        letter(i).to_string()
    } else {
        format!("{}{}", letter(i / 26 - 1), letter(i))
    }
}

fn evidence_view<'a>(anchor: String, id: &'a str, claim: Option<&'a Claim>) -> EvidenceView<'a> {
    let Some(claim) = claim else {
        return EvidenceView {
            anchor,
            claim: id,
            doc: None,
            lang: None,
            value: None,
            value_text: None,
            before: "",
            mark: "",
            after: "",
            known: false,
        };
    };
    let sentence = claim.evidence.text.as_str();
    let value_text = value_text(&claim.value).filter(|t| !t.trim().is_empty());
    let (before, mark, after) = match value_text.and_then(|t| locate(sentence, t)) {
        Some(r) => (
            &sentence[..r.start],
            &sentence[r.clone()],
            &sentence[r.end..],
        ),
        None => (sentence, "", ""),
    };
    EvidenceView {
        anchor,
        claim: id,
        doc: Some(&claim.doc),
        lang: Some(&claim.lang),
        value: Some(describe_value(&claim.value)),
        value_text,
        before,
        mark,
        after,
        known: true,
    }
}

/// The words a value was read from.
fn value_text(v: &Value) -> Option<&str> {
    match v {
        Value::Date(d) => Some(d.text.as_str()),
        _ => v.amount().map(|a| a.text.as_str()),
    }
}

/// Where `needle` stands in `haystack`: verbatim, else ignoring case, the kind of
/// whitespace (no-break spaces) and the kind of apostrophe.
fn locate(haystack: &str, needle: &str) -> Option<Range<usize>> {
    if let Some(start) = haystack.find(needle) {
        return Some(start..start + needle.len());
    }
    let fold = |c: char| -> char {
        if c.is_whitespace() {
            ' '
        } else if matches!(c, '’' | '‘' | 'ʼ' | '`' | '´') {
            '\''
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let wanted: Vec<char> = needle.trim().chars().map(fold).collect();
    let first = *wanted.first()?;
    haystack.char_indices().find_map(|(start, c)| {
        if fold(c) != first {
            return None;
        }
        let mut chars = haystack[start..].char_indices();
        for &w in &wanted {
            let (_, c) = chars.next()?;
            if fold(c) != w {
                return None;
            }
        }
        let end = chars.next().map_or(haystack.len(), |(i, _)| start + i);
        Some(start..end)
    })
}

// ---------------------------------------------------------------------------------------
// Markdown.

fn write_markdown(out: &mut String, view: &View) -> std::fmt::Result {
    let s = view.summary;
    writeln!(out, "# {}\n", view.title)?;
    let langs = if view.langs_line.is_empty() {
        String::new()
    } else {
        format!(" ({})", md_escape(&view.langs_line))
    };
    writeln!(
        out,
        "- **{}** documents{langs}, **{}** claims, **{}** clusters",
        s.docs, s.claims, s.clusters
    )?;
    writeln!(
        out,
        "- **{}** conflict, **{}** agree, **{}** single",
        s.conflict, s.agree, s.single
    )?;
    if s.skipped.is_empty() {
        writeln!(out, "- skipped inputs: none")?;
    } else {
        writeln!(out, "- skipped inputs: {}", s.skipped.len())?;
        for k in &s.skipped {
            writeln!(out, "  - {}: {}", code(&k.input), md_escape(&k.reason))?;
        }
    }
    if s.duplicates.is_empty() {
        writeln!(out, "- republished duplicates: none")?;
    } else {
        writeln!(
            out,
            "- republished duplicates (counted once): {}",
            s.duplicates.len()
        )?;
        for [a, b] in &s.duplicates {
            writeln!(out, "  - {} and {}", code(a), code(b))?;
        }
    }
    for section in &view.sections {
        writeln!(out, "\n## {} ({})\n", section.title, section.clusters.len())?;
        if section.clusters.is_empty() {
            writeln!(out, "None.")?;
        }
        for c in &section.clusters {
            write_cluster(out, c)?;
        }
    }
    Ok(())
}

fn write_cluster(out: &mut String, c: &ClusterView) -> std::fmt::Result {
    let mut head = format!(
        "### {}. {} · {} {}",
        c.number,
        c.status.to_uppercase(),
        code(c.subject),
        code(c.predicate)
    );
    if let Some(t) = c.target {
        let _ = write!(head, " · target {}", code(t));
    }
    if let Some(l) = c.location {
        let _ = write!(head, " · in {}", code(l));
    }
    let _ = write!(head, " · scope {}", code(c.scope));
    writeln!(out, "{head}\n")?;
    writeln!(out, "Why: {}\n", md_escape(c.why))?;
    for g in &c.groups {
        let docs: Vec<String> = g.docs.iter().map(|d| code(d)).collect();
        writeln!(
            out,
            "- {}: **{}** in {}",
            g.label,
            md_escape(&g.value),
            docs.join(", ")
        )?;
        for e in &g.claims {
            write_evidence(out, e)?;
        }
    }
    if !c.ungrouped.is_empty() {
        writeln!(out, "- other claims:")?;
        for e in &c.ungrouped {
            write_evidence(out, e)?;
        }
    }
    writeln!(out)
}

fn write_evidence(out: &mut String, e: &EvidenceView) -> std::fmt::Result {
    let (Some(doc), Some(lang)) = (e.doc, e.lang) else {
        return writeln!(out, "  - {}: evidence not in the report", code(e.claim));
    };
    let sentence = if e.mark.is_empty() {
        let value = e.value_text.or(e.value.as_deref()).unwrap_or_default();
        format!(
            "{} (value: **{}**)",
            md_escape(e.before),
            md_escape(value.trim())
        )
    } else {
        md_highlight(e.before, e.mark, e.after)
    };
    writeln!(out, "  - {} ({}): {sentence}", code(doc), md_escape(lang))
}

/// Article text made inert in Markdown: whitespace runs (line breaks included) become one
/// space, and characters that open emphasis, code, links, tables or HTML are escaped
/// (`_` only where it could open or close emphasis: not inside a word like `seed_en_1`).
fn md_escape(text: &str) -> String {
    md_escape_inline(text).trim().to_string()
}

/// [`md_escape`] keeping one space for whitespace at either end, for pieces of a sentence.
fn md_escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut previous_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
            continue;
        }
        previous_space = false;
        let intraword = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        let special = matches!(
            c,
            '\\' | '`' | '*' | '|' | '<' | '>' | '[' | ']' | '&' | '~' | '#'
        ) || (c == '_' && !intraword);
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A sentence with its figure in bold. The bold run starts and ends on a non-space
/// character, as Markdown emphasis needs.
fn md_highlight(before: &str, mark: &str, after: &str) -> String {
    let lead = mark.len() - mark.trim_start().len();
    let trail = mark.trim_end().len();
    let (before_ws, rest) = mark.split_at(lead);
    let (core, after_ws) = rest.split_at(trail - lead.min(trail));
    let text = format!(
        "{}{}**{}**{}{}",
        md_escape_inline(before),
        md_escape_inline(before_ws),
        md_escape(core),
        md_escape_inline(after_ws),
        md_escape_inline(after)
    );
    text.trim().to_string()
}

/// An identifier as an inline code span, fenced with more backticks than it contains.
fn code(text: &str) -> String {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_value_text_loosely() {
        let s = "Amazon investit plus de 1,2\u{a0}milliard d'euros en France.";
        let r = locate(s, "plus de 1,2 milliard d’euros").unwrap();
        assert_eq!(&s[r], "plus de 1,2\u{a0}milliard d'euros");
        assert_eq!(locate("On Monday", "on monday"), Some(0..9));
        assert_eq!(locate("nothing here", "€4 billion"), None);
    }

    #[test]
    fn markdown_escapes_what_matters() {
        assert_eq!(md_escape("a*b_c|d`e<f\n g"), "a\\*b_c\\|d\\`e\\<f g");
        assert_eq!(md_escape(" _x_ seed_en_1 "), "\\_x\\_ seed_en_1");
        assert_eq!(md_highlight("Up ", "€4 bn ", "now."), "Up **€4 bn** now.");
        assert_eq!(md_highlight("", "x", ""), "**x**");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(group_label(0), "A");
        assert_eq!(group_label(27), "AB");
    }
}
