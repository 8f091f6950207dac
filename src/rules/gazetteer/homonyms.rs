//! Names several places share ("Bergen" in Norway and in the Netherlands, "Limburg" in
//! Belgium and in the Netherlands): the matcher finds one of them, and the document's
//! other places decide which it means.

use rustc_hash::FxHashMap;

/// The names of one matcher that several entities give, each with those entities.
#[derive(Debug, Default)]
pub(super) struct Homonyms(FxHashMap<Box<str>, Box<[usize]>>);

impl Homonyms {
    /// The names of `sorted` (names with their entity, sorted by name) that more than one
    /// entity gives.
    pub(super) fn of<'a>(sorted: impl Iterator<Item = (&'a str, usize)>) -> Homonyms {
        let mut shared = FxHashMap::default();
        let mut sorted = sorted.peekable();
        while let Some((name, entity)) = sorted.next() {
            // Most names are one entity's: they need no list of owners.
            if sorted.peek().is_none_or(|(next, _)| *next != name) {
                continue;
            }
            let mut owners = vec![entity];
            while let Some((_, other)) = sorted.next_if(|(next, _)| *next == name) {
                owners.push(other);
            }
            owners.sort_unstable();
            owners.dedup();
            if owners.len() > 1 {
                shared.insert(name.into(), owners.into_boxed_slice());
            }
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
        let names = [
            ("Bergen", 7),
            ("Bergen", 3),
            ("Bergen", 7),
            ("Lier", 1),
            ("Mons", 2),
        ];
        let homonyms = Homonyms::of(names.into_iter());
        assert_eq!(homonyms.get("Bergen"), [3, 7]);
        assert!(homonyms.get("Lier").is_empty());
        assert!(homonyms.get("Paris").is_empty());
    }
}
