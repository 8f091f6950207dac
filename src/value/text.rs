//! The strings of values and claims, shared between the claims that repeat them: a
//! document's id and language, a predicate, a company, a unit, a rule, a sentence a wire
//! story repeats. A million claims read back hold each such string once, and a report
//! naming a claim or document again (in its clusters) copies a pointer, not the string.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::de::{Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A string of a claim, shared by every claim (and cluster) that repeats it: a clone
/// costs a count, not a copy. It reads, compares, hashes, orders and serialises as the
/// string it holds.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

impl Text {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the string is empty (a value read without its words).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Deserialise a string that no other claim repeats (a claim's id) as a text of its
    /// own, without looking for it among the strings read recently.
    pub fn unshared<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_str(TextVisitor { share: false })
    }

    /// Deserialise a list of strings (a claim's rules) shared with the same list read
    /// recently on this thread: the claims of one rule set repeat a few lists.
    pub fn shared_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        let list = Vec::<Text>::deserialize(deserializer)?;
        Ok(RECENT_LISTS.with_borrow_mut(|recent| {
            if let Some(shared) = recent.get(&list[..]) {
                return shared.clone();
            }
            if recent.len() >= RECENT_TEXTS {
                recent.clear();
            }
            let shared: Texts = list.into();
            recent.insert(shared.clone());
            shared
        }))
    }

    /// Forget the strings read recently on every thread of the pool and on this one:
    /// reading a claims file shares the strings of its claims between them, and the
    /// strings should go when its claims do.
    pub(crate) fn forget_recent() {
        rayon::broadcast(|_| clear_recent());
        clear_recent();
    }
}

/// How many distinct strings a thread remembers for sharing before it starts over: the
/// claims repeating a string are near each other in a claims file (a document's claims,
/// the copies of a wire story), so a bounded memory finds nearly every repeat.
const RECENT_TEXTS: usize = 1 << 16;

/// A list of strings shared by the claims that repeat it: a clone costs a count.
pub type Texts = Arc<[Text]>;

thread_local! {
    /// The strings this thread read recently, for the next claim repeating one to share it.
    static RECENT: RefCell<FxHashSet<Text>> = RefCell::default();
    /// The lists of strings this thread read recently.
    static RECENT_LISTS: RefCell<FxHashSet<Texts>> = RefCell::default();
}

/// The text of `s`: one this thread read recently, else a new one it remembers.
fn shared(s: &str) -> Text {
    RECENT.with_borrow_mut(|recent| {
        if let Some(text) = recent.get(s) {
            return text.clone();
        }
        if recent.len() >= RECENT_TEXTS {
            recent.clear();
        }
        let text = Text::from(s);
        recent.insert(text.clone());
        text
    })
}

/// Forget this thread's recent strings and lists.
fn clear_recent() {
    RECENT.with_borrow_mut(|recent| *recent = FxHashSet::default());
    RECENT_LISTS.with_borrow_mut(|recent| *recent = FxHashSet::default());
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Arc::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    /// A string read shares the text of the same string read recently on this thread.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_str(TextVisitor { share: true })
    }
}

/// Reads a string as a text, shared with a recent one or not.
struct TextVisitor {
    share: bool,
}

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<Text, E> {
        Ok(if self.share { shared(s) } else { Text::from(s) })
    }

    fn visit_string<E: Error>(self, s: String) -> Result<Text, E> {
        Ok(if self.share {
            shared(&s)
        } else {
            Text::from(s)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_reads_and_writes_as_its_string_and_repeats_share_one() {
        let texts: Vec<Text> = serde_json::from_str(r#"["en", "a \"b\"", "en"]"#).unwrap();
        assert_eq!(texts, ["en", "a \"b\"", "en"]);
        assert!(Arc::ptr_eq(&texts[0].0, &texts[2].0));
        let json = serde_json::to_string(&texts).unwrap();
        assert_eq!(json, r#"["en","a \"b\"","en"]"#);
        assert_eq!(format!("{:?} {}", texts[1], texts[1]), r#""a \"b\"" a "b""#);
        Text::forget_recent();
    }
}
