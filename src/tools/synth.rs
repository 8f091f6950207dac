//! A generated corpus for scale runs and benchmarks, so that they need no outside data.
//!
//! Articles are made from template articles (our own fixtures) in every language the
//! rules read: each new article takes a template, gives its companies other names from
//! the templates' own company names, and changes its figures, from a seeded generator, so
//! that the same seed always gives the same corpus. No language knowledge lives here: the
//! companies are found with the rules' gazetteer.

use std::collections::{BTreeSet, HashMap};

use crate::corpus::Document;
use crate::extract::{entities, MentionKind};
use crate::normalize::Normalized;
use crate::pipeline::Pipeline;
use crate::rules::EntityKind;

/// Makes articles from templates; deterministic for a seed.
pub struct CorpusGenerator {
    templates: Vec<Template>,
    company_names: Vec<String>,
    rng: XorShift,
}

struct Template {
    lang: String,
    text: String,
    /// Company mentions: byte range and entity index, in text order.
    companies: Vec<(std::ops::Range<usize>, usize)>,
}

impl CorpusGenerator {
    /// A generator over `templates` (documents the pipeline can read; others are left
    /// out) with this seed. `None` when no template is usable.
    pub fn new(pipeline: &Pipeline, templates: &[Document], seed: u64) -> Option<CorpusGenerator> {
        let mut names = BTreeSet::new();
        let mut usable = Vec::new();
        for doc in templates {
            let Some(template) = Template::read(pipeline, doc) else {
                continue;
            };
            for (range, _) in &template.companies {
                names.insert(template.text[range.clone()].to_string());
            }
            usable.push(template);
        }
        (!usable.is_empty()).then(|| CorpusGenerator {
            templates: usable,
            company_names: names.into_iter().collect(),
            rng: XorShift::new(seed),
        })
    }

    /// The next article: its language code and text.
    pub fn article(&mut self) -> (String, String) {
        let template = &self.templates[self.rng.below(self.templates.len())];
        let mut renamed: HashMap<usize, &str> = HashMap::new();
        let mut text = String::with_capacity(template.text.len() + 64);
        let mut at = 0;
        for (range, entity) in &template.companies {
            let name = *renamed
                .entry(*entity)
                .or_insert_with(|| &self.company_names[self.rng.below(self.company_names.len())]);
            vary_figures(&template.text[at..range.start], &mut self.rng, &mut text);
            text.push_str(name);
            at = range.end;
        }
        vary_figures(&template.text[at..], &mut self.rng, &mut text);
        (template.lang.clone(), text)
    }
}

impl Template {
    fn read(pipeline: &Pipeline, doc: &Document) -> Option<Template> {
        let (lang, parts) = pipeline.detect(doc).ok()?;
        // Detection reads the text in NFC: its ranges are into that form.
        let text = Normalized::new(&doc.text).text.into_owned();
        let gazetteer = &pipeline.rules.gazetteer;
        let companies = parts
            .iter()
            .flat_map(|(range, code)| entities(gazetteer, code, &text, range.clone()))
            .filter_map(|m| match m.kind {
                MentionKind::Entity(e) if gazetteer.entity(e).kind == EntityKind::Company => {
                    Some((m.start..m.end, e.0))
                }
                _ => None,
            })
            .collect();
        Some(Template {
            lang,
            text,
            companies,
        })
    }
}

/// Copy `text` to `out` with each run of digits replaced by random digits of the same
/// length (a leading digit stays non-zero), except four-digit years (19xx, 20xx); one
/// and two digits stay a possible day of the month (1 to 28, "05" stays zero-padded).
fn vary_figures(text: &str, rng: &mut XorShift, out: &mut String) {
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let len = run.find(|c: char| !c.is_ascii_digit()).unwrap_or(run.len());
        let digits = &run[..len];
        let is_year = len == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        if is_year {
            out.push_str(digits);
        } else if len <= 2 {
            let day = 1 + rng.below(if len == 1 || digits.starts_with('0') {
                9
            } else {
                28
            });
            out.push_str(&format!("{day:0len$}"));
        } else {
            for (i, d) in digits.bytes().enumerate() {
                let keep_nonzero = i == 0 && d != b'0';
                let new = if keep_nonzero {
                    1 + rng.below(9)
                } else {
                    rng.below(10)
                };
                out.push(char::from(b'0' + new as u8));
            }
        }
        rest = &run[len..];
    }
    out.push_str(rest);
}

/// A small, fast, seeded generator (xorshift64*): the corpus must not change between
/// versions of an outside crate.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// An `entities.toml` of `n` generated companies ("Firm7 Group", id `firm_7`) and France,
/// for scale runs of the gazetteer.
pub fn generated_gazetteer(n: usize) -> String {
    let mut toml = String::new();
    for i in 0..n {
        toml.push_str(&format!(
            "[[entity]]\nid = \"firm_{i}\"\nkind = \"company\"\nnames = [\"Firm{i} Group\"]\n\n"
        ));
    }
    toml + "[[entity]]\nid = \"france\"\nkind = \"place\"\nnames = [\"France\"]\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_change_but_keep_their_shape() {
        let mut rng = XorShift::new(7);
        let mut out = String::new();
        vary_figures("1.2 billion in 2024, 3,000 jobs, 05", &mut rng, &mut out);
        let shape = |s: &str| s.replace(|c: char| c.is_ascii_digit(), "9");
        assert_eq!(shape(&out), "9.9 billion in 9999, 9,999 jobs, 99");
        assert_eq!(&out[out.len() - 2..out.len() - 1], "0", "{out}");
        assert!(out.contains(" in 2024,"), "{out}");
        assert!(!out.starts_with('0'), "{out}");
    }
}
