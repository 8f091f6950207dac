//! Names several places share ("Bergen" in Norway and in the Netherlands, "Limburg" in
//! Belgium and in the Netherlands): the matcher finds one of them, and the document's
//! other places decide which it means.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

/// The names of one matcher that several entities give, each with those entities.
#[derive(Debug, Default)]
pub(super) struct Homonyms(FxHashMap<Box<str>, Box<[usize]>>);

impl Homonyms {
    /// The names of `texts` (sorted, each with its entity in `targets`) that more than
    /// one entity gives.
    pub(super) fn of(texts: &[Cow<str>], targets: &[usize]) -> Homonyms {
        let mut shared = FxHashMap::default();
        let mut start = 0;
        while start < texts.len() {
            let end = start + texts[start..].partition_point(|t| *t == texts[start]);
            let mut owners: Vec<usize> = targets[start..end].to_vec();
            owners.sort_unstable();
            owners.dedup();
            if owners.len() > 1 {
                shared.insert(texts[start].as_ref().into(), owners.into_boxed_slice());
            }
            start = end;
        }
        Homonyms(shared)
    }

    /// The entities that give `name`, when several do.
    pub(super) fn get(&self, name: &str) -> &[usize] {
        self.0.get(name).map_or(&[], |owners| owners)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_given_by_several_entities_are_homonyms() {
        let texts: Vec<Cow<str>> = ["Bergen", "Bergen", "Bergen", "Lier", "Mons"]
            .map(Cow::Borrowed)
            .to_vec();
        let homonyms = Homonyms::of(&texts, &[7, 3, 7, 1, 2]);
        assert_eq!(homonyms.get("Bergen"), [3, 7]);
        assert!(homonyms.get("Lier").is_empty());
        assert!(homonyms.get("Paris").is_empty());
    }
}
