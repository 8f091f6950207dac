//! The report as Markdown, for terminals and pull requests: the summary, then each
//! cluster's key, reason, lettered groups and evidence, the figure in bold. Article text
//! is escaped here so that it stays inert.

use std::fmt::Write as _;

use super::view::{ClusterView, EvidenceView, View};
use crate::crosscheck::Report;

/// The report as Markdown.
pub fn markdown(report: &Report) -> String {
    let view = View::new(report);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_markdown(&mut out, &view);
    out
}

/// The whole report written to `out`: its head, then a section per status.
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
        for k in view.skipped {
            writeln!(
                out,
                "  - {}: {}",
                code(&k.input),
                md_escape(&k.reason.to_string())
            )?;
        }
        more_listed(out, s.skipped.len() - view.skipped.len())?;
    }
    if s.duplicates.is_empty() {
        writeln!(out, "- republished duplicates: none")?;
    } else {
        writeln!(
            out,
            "- republished duplicates (counted once): {}",
            s.duplicates.len()
        )?;
        for [a, b] in view.duplicates {
            writeln!(out, "  - {} and {}", code(a), code(b))?;
        }
        more_listed(out, s.duplicates.len() - view.duplicates.len())?;
    }
    for section in &view.sections {
        writeln!(out, "\n## {} ({})\n", section.title, section.clusters.len())?;
        if section.clusters.is_empty() {
            writeln!(out, "None.")?;
        }
        for c in &section.clusters {
            match c.number <= view.shown.detailed {
                true => write_cluster(out, c, view.shown.docs)?,
                false => writeln!(out, "- {} — {}", head_line(c), md_escape(c.why))?,
            }
        }
    }
    Ok(())
}

/// The line that counts what a summary list leaves out, if anything.
fn more_listed(out: &mut String, more: usize) -> std::fmt::Result {
    match more {
        0 => Ok(()),
        n => writeln!(out, "  - and {n} more (in the JSON report)"),
    }
}

/// One cluster: its head line, its reason, then each group with its documents (the first
/// few named, the rest counted) and its first evidence sentences.
fn write_cluster(out: &mut String, c: &ClusterView, shown_docs: usize) -> std::fmt::Result {
    writeln!(out, "### {}\n", head_line(c))?;
    writeln!(out, "Why: {}\n", md_escape(c.why))?;
    for g in &c.groups {
        let mut docs: Vec<String> = g.docs.iter().take(shown_docs).map(|d| code(d)).collect();
        if g.docs.len() > shown_docs {
            docs.push(format!("and {} more", g.docs.len() - shown_docs));
        }
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
        if g.more_claims > 0 {
            let more = g.more_claims;
            writeln!(
                out,
                "  - … and {more} more claims (the JSON report holds them all)"
            )?;
        }
    }
    if c.more_groups > 0 {
        let more = c.more_groups;
        writeln!(
            out,
            "- … and {more} more values (the JSON report holds them all)"
        )?;
    }
    if !c.ungrouped.is_empty() {
        writeln!(out, "- other claims:")?;
        for e in &c.ungrouped {
            write_evidence(out, e)?;
        }
        if c.more_ungrouped > 0 {
            writeln!(out, "  - … and {} more claims", c.more_ungrouped)?;
        }
    }
    writeln!(out)
}

/// A cluster's number, status and key: the heading of a cluster shown in full, the
/// start of the line of one shown in brief.
fn head_line(c: &ClusterView) -> String {
    let mut head = format!(
        "{}. {} · {} {}",
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
    if let Some(story) = c.story {
        let _ = write!(head, " · published {}", code(story));
    }
    head
}

/// One claim's evidence: document, language and the sentence with its figure in bold.
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
    let outlet = match (e.source, e.url) {
        (Some(source), Some(url)) => format!(", [{}](<{url}>)", md_escape(source)),
        (Some(source), None) => format!(", {}", md_escape(source)),
        (None, _) => String::new(),
    };
    let published = e
        .published
        .map(|p| format!(", {}", md_escape(p)))
        .unwrap_or_default();
    let lang = md_escape(lang);
    writeln!(
        out,
        "  - {} ({lang}{outlet}{published}): {sentence}",
        code(doc)
    )
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
    fn markdown_escapes_what_matters() {
        assert_eq!(md_escape("a*b_c|d`e<f\n g"), "a\\*b_c\\|d\\`e\\<f g");
        assert_eq!(md_escape(" _x_ seed_en_1 "), "\\_x\\_ seed_en_1");
        assert_eq!(md_highlight("Up ", "€4 bn ", "now."), "Up **€4 bn** now.");
        assert_eq!(md_highlight("", "x", ""), "**x**");
        assert_eq!(code("a`b"), "``a`b``");
    }

    #[test]
    fn a_large_report_shows_the_first_few_of_each_and_counts_the_rest() {
        use super::super::view::{Shown, FULL_REPORT_CLAIMS};
        // (claims in the report, (documents, evidence, groups) shown)
        let cases = [
            (150, (usize::MAX, usize::MAX, usize::MAX)),
            (FULL_REPORT_CLAIMS, (usize::MAX, usize::MAX, usize::MAX)),
            (FULL_REPORT_CLAIMS + 1, (10, 3, 6)),
            (1_000_000, (10, 3, 6)),
        ];
        for (claims, want) in cases {
            let shown = Shown::for_claims(claims);
            assert_eq!((shown.docs, shown.evidence, shown.groups), want, "{claims}");
        }
    }
}
