//! Front matter: a block of `key: value` lines between two `---` lines at the very top of
//! a text file, saying where the article was published (`source`, `url`, `published`).
//! The block is blanked in the text (each of its characters a space, line breaks kept),
//! so that offsets into the text are still offsets into the file and the block is never
//! read as article text. Other keys (`title`, `author`...) are allowed and left unread.

use super::Document;

/// How far into a file its front matter may end.
const FRONT_MATTER_MAX: usize = 8 * 1024;

/// Read `doc`'s front matter, if its text starts with one, into its article fields, and
/// blank it in its text.
pub(super) fn read_front_matter(doc: &mut Document) {
    let Some(end) = block_end(&doc.text) else {
        return;
    };
    for line in doc.text[..end].lines().skip(1) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        let field = match key.trim() {
            "source" => &mut doc.source,
            "url" => &mut doc.url,
            "published" => &mut doc.published,
            _ => continue,
        };
        if !value.is_empty() {
            *field = Some(value);
        }
    }
    let blank: String = doc.text[..end]
        .chars()
        .flat_map(|c| {
            let n = if c == '\n' || c == '\r' {
                0
            } else {
                c.len_utf8()
            };
            std::iter::repeat_n(' ', n).chain((n == 0).then_some(c))
        })
        .collect();
    doc.text.replace_range(..end, &blank);
}

/// Where the front matter of `text` ends (after its closing `---` line), if it has one.
fn block_end(text: &str) -> Option<usize> {
    let first = text.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let head = &text[..text.len().min(FRONT_MATTER_MAX)];
    let mut at = first.len();
    for line in head[at..].split_inclusive('\n').skip(1) {
        at += line.len();
        if line.trim_end() == "---" {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_names_the_outlet_and_is_blanked() {
        let text = "---\nsource: Le Soir\nurl: \"https://example.org/a\"\npublished: 2024-04-08\ntitle: Van Hool\n---\nVan Hool is bankrupt.\n";
        let mut doc = Document::new("a.txt", text);
        read_front_matter(&mut doc);
        assert_eq!(doc.source.as_deref(), Some("Le Soir"));
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.published.as_deref(), Some("2024-04-08"));
        assert_eq!(doc.text.len(), text.len(), "offsets are kept");
        let body = text.find("Van Hool is").unwrap();
        assert_eq!(&doc.text[body..], "Van Hool is bankrupt.\n");
        assert!(doc.text[..body].trim().is_empty());
    }

    #[test]
    fn text_without_a_closed_front_matter_is_left_alone() {
        // (text): no block, an unclosed one, a rule line further down
        let cases = [
            "Van Hool is bankrupt.\n",
            "---\nsource: Le Soir\nVan Hool is bankrupt.\n",
            "Title\n---\nsource: x\n---\n",
        ];
        for text in cases {
            let mut doc = Document::new("a.txt", text);
            read_front_matter(&mut doc);
            assert_eq!(doc.text, text);
            assert_eq!(doc.source, None, "{text:?}");
        }
    }
}
