//! One id per unlisted company across a run.
//!
//! A company no list holds gets the id of the name its article writes, so one article's
//! "Mistral AI" is `mistral_ai` while another's "Mistral" is `mistral`. Where a run's
//! claims name a short id and exactly one long id that is the short one followed by a
//! designator (`ai`, `asset_management`: the ends of company names that
//! [`crate::RuleSet::designator_ids`] lists), both are one company, and the run names it
//! by the form more of its documents write (the long one when as many write each): the
//! name the sources mostly use is the one a reader looks for. A short id with several
//! long ones (`quillon_ai`, `quillon_group`) is left as written: which company it means
//! is not known.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::rules::Gazetteer;

use super::Claim;

/// How many documents of a run name each unlisted company id, and from that the id the
/// run gives each company ([`RunNames::renames`]).
#[derive(Debug, Default)]
pub struct RunNames {
    documents: FxHashMap<String, u32>,
}

impl RunNames {
    /// The renames the claims of a whole run call for (documents told apart by `doc`);
    /// `designators` as for [`RunNames::renames`].
    pub fn renames_of_claims(
        gazetteer: &Gazetteer,
        designators: &[String],
        claims: &[Claim],
    ) -> Renames {
        // Each id once before sorting: a million claims name a few thousand companies.
        let distinct: FxHashSet<&str> = claims.iter().flat_map(named_ids).collect();
        let mut ids: Vec<&str> = distinct.into_iter().collect();
        ids.sort_unstable();
        ids.retain(|id| gazetteer.index_of(id).is_none());
        let pairs = one_long_form(ids.iter().copied(), designators, |id| {
            ids.binary_search(&id).is_ok()
        });
        if pairs.is_empty() {
            return Renames::default();
        }
        let paired: FxHashSet<&str> = pairs.iter().flat_map(|&(s, l)| [s, l]).collect();
        let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
        let mut names = RunNames::default();
        for c in claims {
            for id in named_ids(c).filter(|id| paired.contains(id)) {
                if seen.insert((&c.doc, id)) {
                    *names.documents.entry(id.to_owned()).or_default() += 1;
                }
            }
        }
        names.renames(designators)
    }

    /// Count one document that names the unlisted ids `ids` (each once, as
    /// [`unlisted_ids`] gives them).
    pub fn add_document(&mut self, ids: &[String]) {
        for id in ids {
            *self.documents.entry(id.clone()).or_default() += 1;
        }
    }

    /// The ids to change, each to the id the run gives its company; `designators` are
    /// the designator ids (`ai`, `asset_management`).
    pub fn renames(&self, designators: &[String]) -> Renames {
        let ids = self.documents.keys().map(String::as_str);
        let pairs = one_long_form(ids, designators, |id| self.documents.contains_key(id));
        let renames = pairs
            .into_iter()
            .map(|(short, long)| {
                if self.documents[short] > self.documents[long] {
                    (long.to_owned(), short.to_owned())
                } else {
                    (short.to_owned(), long.to_owned())
                }
            })
            .collect();
        Renames::new(renames)
    }
}

/// The pairs of a short id and its one long id among `ids`: the short one followed by
/// one of `designators`; `known` says whether an id is among `ids`.
fn one_long_form<'i>(
    ids: impl IntoIterator<Item = &'i str>,
    designators: &[String],
    known: impl Fn(&str) -> bool,
) -> Vec<(&'i str, &'i str)> {
    let mut long_forms: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for id in ids {
        for designator in designators {
            let short = id
                .strip_suffix(designator.as_str())
                .and_then(|rest| rest.strip_suffix('_'))
                .filter(|short| known(short));
            if let Some(short) = short {
                long_forms.entry(short).or_default().push(id);
            }
        }
    }
    long_forms
        .into_iter()
        .filter_map(|(short, long)| match long[..] {
            [long] => Some((short, long)),
            _ => None,
        })
        .collect()
}

/// The distinct ids of companies no list holds that `claims` name as subject or target.
pub fn unlisted_ids(gazetteer: &Gazetteer, claims: &[Claim]) -> Vec<String> {
    let mut ids: Vec<String> = claims
        .iter()
        .flat_map(named_ids)
        .filter(|id| gazetteer.index_of(id).is_none())
        .map(str::to_owned)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The ids of a claim's subject and target.
fn named_ids(c: &Claim) -> impl Iterator<Item = &str> {
    [c.subject.as_ref(), c.target.as_ref()]
        .into_iter()
        .flatten()
        .map(|e| e.id.as_str())
}

/// Company ids to change, each to the id a run gives its company, with the JSON each
/// changed id is written as in a claim line (`"id":"mistral"`).
#[derive(Debug, Default)]
pub struct Renames {
    ids: FxHashMap<String, String>,
    written: Vec<String>,
}

impl Renames {
    fn new(ids: FxHashMap<String, String>) -> Renames {
        let written = ids
            .keys()
            .map(|id| {
                format!(
                    "\"id\":{}",
                    serde_json::to_string(id).expect("a string serialises")
                )
            })
            .collect();
        Renames { ids, written }
    }

    /// Whether no id changes.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Each id that changes, and the id it changes to.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.ids
            .iter()
            .map(|(from, to)| (from.as_str(), to.as_str()))
    }

    /// Give claim `c`'s subject and target the ids of the run.
    pub fn apply(&self, c: &mut Claim) {
        for entity in [c.subject.as_mut(), c.target.as_mut()]
            .into_iter()
            .flatten()
        {
            if let Some(id) = self.ids.get(entity.id.as_str()) {
                entity.id = id.as_str().into();
            }
        }
    }

    /// Claim line `line` (JSON, as `extract` writes it) with the ids of the run; the
    /// line as it is when it names no id that changes.
    pub fn line<'l>(&self, line: &'l str) -> Cow<'l, str> {
        if !self.written.iter().any(|id| line.contains(id.as_str())) {
            return Cow::Borrowed(line);
        }
        let Ok(mut claim) = serde_json::from_str::<Claim>(line) else {
            return Cow::Borrowed(line);
        };
        self.apply(&mut claim);
        Cow::Owned(serde_json::to_string(&claim).expect("claims serialise"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(documents: &[(&str, u32)]) -> RunNames {
        RunNames {
            documents: documents
                .iter()
                .map(|(id, n)| (id.to_string(), *n))
                .collect(),
        }
    }

    /// How many documents name each id, and the renames those counts call for.
    type Case<'a> = (&'a [(&'a str, u32)], &'a [(&'a str, &'a str)]);

    #[test]
    fn a_run_names_a_company_by_the_form_most_documents_write() {
        let designators = ["ai".to_string(), "asset_management".to_string()];
        let cases: [Case; 5] = [
            (
                &[("quillon", 2), ("quillon_ai", 3)],
                &[("quillon", "quillon_ai")],
            ),
            (
                &[("torvik", 3), ("torvik_asset_management", 2)],
                &[("torvik_asset_management", "torvik")],
            ),
            (
                &[("quillon", 1), ("quillon_ai", 1)],
                &[("quillon", "quillon_ai")],
            ),
            (
                &[
                    ("quillon", 1),
                    ("quillon_ai", 1),
                    ("quillon_asset_management", 1),
                ],
                &[],
            ),
            (&[("orvanel", 1), ("orvanel_defence", 4)], &[]),
        ];
        for (documents, want) in cases {
            let renames = names(documents).renames(&designators);
            let mut got: Vec<(&str, &str)> = renames.pairs().collect();
            got.sort();
            assert_eq!(got, want, "{documents:?}");
        }
    }
}
