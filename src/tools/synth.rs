//! A generated corpus for scale runs and benchmarks, so that they need no outside data.
//!
//! Articles are made from template articles (our own fixtures) in every language the
//! rules read: each new article takes a template, gives its companies other names from
//! the templates' own company names, and changes its figures, from a seeded generator, so
//! that the same seed always gives the same corpus. No language knowledge lives here: the
//! companies are found with the rules' gazetteer.
//!
//! A [`StoryCorpus`] gives a corpus the shape of a year of news: many stories, each first
//! published on its own day over months and told by several outlets within a few days,
//! most with the story's figures and some with one figure of their own (the near misses a
//! reviewer looks for).

use std::collections::{BTreeSet, HashMap};

use crate::corpus::Document;
use crate::extract::{entities, MentionKind};
use crate::normalize::Normalized;
use crate::pipeline::Pipeline;
use crate::rules::{EntityKind, RuleSet, BUNDLED};

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
        let mut names = listed_company_names(&pipeline.rules);
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

/// The first name of each company in the bundled `entities.toml` that the gazetteer finds
/// whole, as that company, in every language: the names a generated article can give its
/// companies, so that a corpus has as many companies as the list.
fn listed_company_names(rules: &RuleSet) -> BTreeSet<String> {
    let gazetteer = &rules.gazetteer;
    let Some(&(_, text)) = BUNDLED.iter().find(|(name, _)| *name == "entities.toml") else {
        return BTreeSet::new();
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return BTreeSet::new();
    };
    let entities = table.get("entity").and_then(|e| e.as_array());
    let first_names = entities.into_iter().flatten().filter_map(|e| {
        let company = e.get("kind")?.as_str()? == "company";
        let name = e.get("names")?.as_array()?.first()?.as_str()?;
        company.then_some(name)
    });
    first_names
        .filter(|name| {
            rules.languages.keys().all(|lang| {
                let mut found = gazetteer.find_names(lang, name);
                matches!(found.next(), Some((range, e))
                    if range == (0..name.len())
                        && gazetteer.entities[e].kind == EntityKind::Company)
            })
        })
        .map(str::to_string)
        .collect()
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

/// How a generated corpus spreads over stories, time and outlets.
#[derive(Debug, Clone)]
pub struct Spread {
    /// How many stories the articles tell.
    pub stories: usize,
    /// The first day a story can start on.
    pub first_day: jiff::civil::Date,
    /// Over how many days the stories start.
    pub days: usize,
    /// How many outlets publish them.
    pub outlets: usize,
}

/// Days after a story's first day that its articles come out (0 to 3): within one story.
const STORY_RUNS_DAYS: usize = 4;

/// One in this many articles states one figure of its own instead of the story's.
const OWN_FIGURE_ONE_IN: usize = 8;

/// A generated article with where and when it was published.
#[derive(Debug, Clone)]
pub struct GeneratedArticle {
    /// Language code of its template.
    pub lang: String,
    /// Its text.
    pub text: String,
    /// The outlet's name.
    pub source: String,
    /// The article's address at the outlet.
    pub url: String,
    /// The day it was published (ISO 8601).
    pub published: String,
}

/// Articles of many stories over months (see the module documentation); deterministic for
/// a seed.
pub struct StoryCorpus {
    stories: Vec<Story>,
    outlets: usize,
    rng: XorShift,
}

/// A story: one generated article's text, first published on `first_day`.
struct Story {
    lang: String,
    text: String,
    first_day: jiff::civil::Date,
}

impl StoryCorpus {
    /// The stories of `spread`, each an article of `generator` starting on a day of the
    /// spread; `seed` draws the articles that tell them.
    pub fn new(generator: &mut CorpusGenerator, spread: &Spread, seed: u64) -> StoryCorpus {
        let mut rng = XorShift::new(seed ^ 0x0053_544F_5249_4553);
        let stories = (0..spread.stories.max(1))
            .map(|_| {
                let (lang, text) = generator.article();
                let offset = rng.below(spread.days.max(1)) as i64;
                let first_day = spread
                    .first_day
                    .checked_add(jiff::Span::new().days(offset))
                    .unwrap_or(spread.first_day);
                Story {
                    lang,
                    text,
                    first_day,
                }
            })
            .collect();
        StoryCorpus {
            stories,
            outlets: spread.outlets.max(1),
            rng,
        }
    }

    /// Article number `n`: a story told by an outlet a few days after the story began.
    pub fn article(&mut self, n: usize) -> GeneratedArticle {
        let story = &self.stories[self.rng.below(self.stories.len())];
        let outlet = self.rng.below(self.outlets);
        let late = self.rng.below(STORY_RUNS_DAYS) as i64;
        let published = story
            .first_day
            .checked_add(jiff::Span::new().days(late))
            .unwrap_or(story.first_day)
            .to_string();
        let text = if self.rng.below(OWN_FIGURE_ONE_IN) == 0 {
            vary_one_figure(&story.text, &mut self.rng)
        } else {
            story.text.clone()
        };
        GeneratedArticle {
            lang: story.lang.clone(),
            text,
            source: format!("Outlet {outlet:03}"),
            url: format!("https://outlet-{outlet:03}.example/{published}/{n}"),
            published,
        }
    }
}

/// `text` with one of its figures (a run of digits other than a year) varied as
/// [`vary_figures`] varies each.
fn vary_one_figure(text: &str, rng: &mut XorShift) -> String {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        let run = &text[start..at];
        if !(run.len() == 4 && (run.starts_with("19") || run.starts_with("20"))) {
            runs.push(start..at);
        }
    }
    let mut out = String::with_capacity(text.len());
    let Some(run) = (!runs.is_empty()).then(|| runs[rng.below(runs.len())].clone()) else {
        out.push_str(text);
        return out;
    };
    out.push_str(&text[..run.start]);
    vary_figures(&text[run.clone()], rng, &mut out);
    out.push_str(&text[run.end..]);
    out
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

/// An `entities.toml` of `n` generated companies ("Firm7 Group", id `firm_7`), for scale
/// runs of the gazetteer (places come from the bundled place database).
pub fn generated_gazetteer(n: usize) -> String {
    let mut toml = String::new();
    for i in 0..n {
        toml.push_str(&format!(
            "[[entity]]\nid = \"firm_{i}\"\nkind = \"company\"\nnames = [\"Firm{i} Group\"]\n\n"
        ));
    }
    toml
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

    #[test]
    fn one_figure_changes_and_the_rest_of_the_text_stays() {
        let text = "In 2024 the firm put 1.2 billion into 300 sites.";
        for seed in 1..20 {
            let out = vary_one_figure(text, &mut XorShift::new(seed));
            assert_eq!(out.len(), text.len(), "{out}");
            let changed = out
                .bytes()
                .zip(text.bytes())
                .filter(|(a, b)| a != b)
                .count();
            assert!(changed <= 3, "{out}");
            assert!(out.starts_with("In 2024 the firm put "), "{out}");
        }
        assert_eq!(
            vary_one_figure("No figure.", &mut XorShift::new(1)),
            "No figure."
        );
    }
}
