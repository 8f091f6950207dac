//! Reading `entities.toml` into flat lists: its entities, and their names, aliases and
//! parents with the places they are written at.
//!
//! A gazetteer of a million entities is a file of about 80 MB; as one TOML document it
//! takes gigabytes and seconds. So the file is cut into its `[[entity]]` tables and read
//! in parallel pieces. A table written plainly, as the bundled file is (one `key = value`
//! a line, strings in double quotes without escapes, arrays and the `aliases` table on
//! their line), is read by a small reader of its own that borrows every string from the
//! text; any other table is read by the toml crate. The plain reader gives up on anything
//! it does not know rather than guess, so both read a table alike (a property test checks
//! it against toml on generated tables). A file with anything but comments before its
//! first table, or with a table that does not parse alone, is parsed whole by toml (and so
//! is its error).

use std::borrow::Cow;
use std::path::Path;

use memchr::memmem;
use rayon::prelude::*;
use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::de::IntoDeserializer;
use serde::Deserialize;
use toml::Spanned;

use super::super::schema::{parse_toml, EntitiesFile, EntityDef, EntityKind};
use super::Entity;
use crate::error::Result;

/// The line that opens each entity's table.
const HEADER: &str = "[[entity]]\n";

/// A string of the file: its text and the offset of its opening quote (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Written<'t> {
    /// The string's value.
    pub(super) text: Cow<'t, str>,
    /// Where it stands in the file.
    pub(super) at: usize,
}

/// A string of an entity's table: a name or a parent's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Name<'t> {
    /// The entity (position in the file) whose table holds it.
    pub(super) entity: usize,
    /// The string as written.
    pub(super) written: Written<'t>,
}

/// A name for one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Alias<'t> {
    /// The language's code.
    pub(super) lang: Cow<'t, str>,
    /// The name.
    pub(super) name: Name<'t>,
}

/// The entities of a file with every string they hold, in file order.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Entities<'t> {
    /// Entities in file order, their parents not yet resolved.
    pub(super) entities: Vec<Entity>,
    /// Where each entity's table starts.
    pub(super) at: Vec<usize>,
    /// The `names` of every entity, as written.
    pub(super) names: Vec<Name<'t>>,
    /// The aliases of every entity, by language (in language order, each language's as
    /// written).
    pub(super) aliases: Vec<Alias<'t>>,
    /// The parent id each entity gives, by entity.
    pub(super) parents: Vec<Name<'t>>,
}

/// The entities of the entities file `text` (its path for messages).
pub(super) fn read_entities<'t>(path: &Path, text: &'t str) -> Result<Entities<'t>> {
    let Some(first) = table_starts(text, 0, text.len()).next() else {
        return read_whole(path, text);
    };
    let blank = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    if !text[..first].lines().all(blank) {
        return read_whole(path, text);
    }
    let bounds = piece_bounds(text, first, 8 * rayon::current_num_threads());
    let pieces: Option<Vec<Entities<'t>>> = bounds
        .par_windows(2)
        .map(|w| read_piece(text, w[0], w[1]))
        .collect();
    match pieces {
        Some(pieces) => Ok(concat(pieces)),
        None => read_whole(path, text),
    }
}

/// The file parsed whole by toml.
fn read_whole<'t>(path: &Path, text: &str) -> Result<Entities<'t>> {
    let mut out = Entities::default();
    for def in parse_toml::<EntitiesFile>(path, text)?.entity {
        push_def(&mut out, def, 0);
    }
    Ok(out)
}

/// Where the tables between `from` and `to` start: at each line `[[entity]]`.
fn table_starts(text: &str, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = &text.as_bytes()[from..to];
    let at_start =
        bytes.starts_with(HEADER.as_bytes()) && (from == 0 || text.as_bytes()[from - 1] == b'\n');
    let first = at_start.then_some(from);
    let rest = memmem::find_iter(bytes, "\n[[entity]]\n").map(move |i| from + i + 1);
    first.into_iter().chain(rest)
}

/// About `pieces` runs of whole tables from `first` on: the offsets they start at, then
/// the end of the text.
fn piece_bounds(text: &str, first: usize, pieces: usize) -> Vec<usize> {
    let mut bounds = vec![first];
    let step = (text.len() - first) / pieces.max(1) + 1;
    let mut target = first + step;
    while target < text.len() {
        let last = *bounds.last().unwrap_or(&first);
        match table_starts(text, target.max(last + 1) - 1, text.len()).find(|&s| s > last) {
            Some(start) => bounds.push(start),
            None => break,
        }
        target = bounds[bounds.len() - 1] + step;
    }
    bounds.push(text.len());
    bounds
}

/// The tables of `text[from..to]` (which starts a table), or `None` when one of them does
/// not parse alone.
fn read_piece(text: &str, from: usize, to: usize) -> Option<Entities<'_>> {
    let mut out = Entities::default();
    let mut starts = table_starts(text, from, to).peekable();
    while let Some(start) = starts.next() {
        let end = starts.peek().copied().unwrap_or(to);
        if !read_plain(text, start, end, &mut out) {
            let file: EntitiesFile = toml::from_str(&text[start..end]).ok()?;
            for def in file.entity {
                push_def(&mut out, def, start);
            }
        }
    }
    Some(out)
}

/// The pieces one after the other, their entities renumbered.
fn concat<'t>(pieces: Vec<Entities<'t>>) -> Entities<'t> {
    let count = |f: fn(&Entities) -> usize| pieces.iter().map(f).sum::<usize>();
    let mut out = Entities {
        entities: Vec::with_capacity(count(|p| p.entities.len())),
        at: Vec::with_capacity(count(|p| p.at.len())),
        names: Vec::with_capacity(count(|p| p.names.len())),
        aliases: Vec::with_capacity(count(|p| p.aliases.len())),
        parents: Vec::with_capacity(count(|p| p.parents.len())),
    };
    for piece in pieces {
        let first = out.entities.len();
        let renumbered = |mut name: Name<'t>| -> Name<'t> {
            name.entity += first;
            name
        };
        out.entities.extend(piece.entities);
        out.at.extend(piece.at);
        out.names.extend(piece.names.into_iter().map(renumbered));
        out.aliases.extend(piece.aliases.into_iter().map(|a| Alias {
            lang: a.lang,
            name: renumbered(a.name),
        }));
        out.parents
            .extend(piece.parents.into_iter().map(renumbered));
    }
    out
}

/// Add an entity parsed by toml from a part of the file that starts at byte `by`.
fn push_def(out: &mut Entities, def: Spanned<EntityDef>, by: usize) {
    let entity = out.entities.len();
    let name = |s: Spanned<String>| Name {
        entity,
        written: Written {
            at: s.span().start + by,
            text: Cow::Owned(s.into_inner()),
        },
    };
    out.at.push(def.span().start + by);
    let def = def.into_inner();
    out.names.extend(def.names.into_iter().map(name));
    for (lang, names) in def.aliases {
        out.aliases.extend(names.into_iter().map(|n| Alias {
            lang: Cow::Owned(lang.clone()),
            name: name(n),
        }));
    }
    out.parents.extend(def.parent.map(name));
    out.entities.push(Entity {
        id: def.id,
        kind: def.kind,
        parent: None,
        rollup: def.rollup,
        needs_country: def.needs_country,
    });
}

/// The keys of an entity's table, as the plain reader tracks them.
#[derive(Default)]
struct Keys<'t> {
    id: Option<&'t str>,
    kind: Option<EntityKind>,
    rollup: Option<bool>,
    needs_country: Option<bool>,
    names: bool,
    aliases: bool,
    parent: bool,
}

/// Read the table `text[start..end]` (its header first) into `out` when it is written
/// plainly; otherwise leave `out` as it was and say so.
fn read_plain<'t>(text: &'t str, start: usize, end: usize, out: &mut Entities<'t>) -> bool {
    let marks = (out.names.len(), out.aliases.len(), out.parents.len());
    let mut keys = Keys::default();
    let mut cursor = Cursor {
        text,
        pos: start + HEADER.len(),
        end,
    };
    let entity = out.entities.len();
    let mut read = true;
    while read && cursor.pos < end {
        read = cursor.line(entity, &mut keys, out).is_some();
    }
    match (read, keys.id, keys.kind) {
        (true, Some(id), Some(kind)) => {
            sort_aliases(&mut out.aliases[marks.1..]);
            out.at.push(start);
            out.entities.push(Entity {
                id: id.to_string(),
                kind,
                parent: None,
                rollup: keys.rollup.unwrap_or(false),
                needs_country: keys.needs_country.unwrap_or(false),
            });
            true
        }
        _ => {
            out.names.truncate(marks.0);
            out.aliases.truncate(marks.1);
            out.parents.truncate(marks.2);
            false
        }
    }
}

/// An entity's aliases as read, by language (stable, so that each language's stay as
/// written), as toml's map of aliases gives them.
fn sort_aliases(aliases: &mut [Alias]) {
    aliases.sort_by(|a, b| a.lang.cmp(&b.lang));
}

/// The plain reader's place in a table.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
}

impl<'t> Cursor<'t> {
    /// The byte at the cursor, if any before the table's end.
    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.text.as_bytes()[self.pos])
    }

    /// Step over `byte` if it is next.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// Step over spaces and tabs.
    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// One line of the table: blank, a comment, or `key = value` with perhaps a comment.
    fn line(&mut self, entity: usize, keys: &mut Keys<'t>, out: &mut Entities<'t>) -> Option<()> {
        self.spaces();
        if !matches!(self.peek(), Some(b'#' | b'\n') | None) {
            let key = self.key()?;
            self.spaces();
            self.eat(b'=')?;
            self.spaces();
            self.value(key, entity, keys, out)?;
            self.spaces();
        }
        self.line_end()
    }

    /// The end of a line: perhaps a comment, then the line break or the table's end.
    fn line_end(&mut self) -> Option<()> {
        if self.eat(b'#').is_some() {
            while let Some(b) = self.peek().filter(|&b| b != b'\n') {
                if is_control(b) {
                    return None;
                }
                self.pos += 1;
            }
        }
        match self.peek() {
            None => Some(()),
            Some(_) => self.eat(b'\n'),
        }
    }

    /// A bare key.
    fn key(&mut self) -> Option<&'t str> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// The value of `key`, each key once.
    fn value(
        &mut self,
        key: &str,
        entity: usize,
        keys: &mut Keys<'t>,
        out: &mut Entities<'t>,
    ) -> Option<()> {
        let once = |seen: bool| (!seen).then_some(());
        match key {
            "id" => {
                once(keys.id.is_some())?;
                keys.id = Some(self.string()?.0);
            }
            "kind" => {
                once(keys.kind.is_some())?;
                let words: StrDeserializer<ValueError> = self.string()?.0.into_deserializer();
                keys.kind = Some(EntityKind::deserialize(words).ok()?);
            }
            "rollup" => {
                once(keys.rollup.is_some())?;
                keys.rollup = Some(self.boolean()?);
            }
            "needs_country" => {
                once(keys.needs_country.is_some())?;
                keys.needs_country = Some(self.boolean()?);
            }
            "names" => {
                once(keys.names)?;
                keys.names = true;
                self.array(|written| out.names.push(Name { entity, written }))?;
            }
            "aliases" => {
                once(keys.aliases)?;
                keys.aliases = true;
                self.aliases(entity, &mut out.aliases)?;
            }
            "parent" => {
                once(keys.parent)?;
                keys.parent = true;
                let written = self.written()?;
                out.parents.push(Name { entity, written });
            }
            _ => return None,
        }
        Some(())
    }

    /// A basic string without escapes: its text (between the quotes) and the offset of
    /// its opening quote.
    fn string(&mut self) -> Option<(&'t str, usize)> {
        let at = self.pos;
        self.eat(b'"')?;
        while let Some(b) = self.peek().filter(|&b| b != b'"') {
            if b == b'\\' || is_control(b) {
                return None;
            }
            self.pos += 1;
        }
        self.eat(b'"')?;
        Some((&self.text[at + 1..self.pos - 1], at))
    }

    /// A string as a [`Written`].
    fn written(&mut self) -> Option<Written<'t>> {
        let (text, at) = self.string()?;
        Some(Written {
            text: Cow::Borrowed(text),
            at,
        })
    }

    /// `true` or `false`.
    fn boolean(&mut self) -> Option<bool> {
        let rest = &self.text.as_bytes()[self.pos..self.end];
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(value)
    }

    /// An array of strings on one line (a trailing comma allowed), each given to `push`.
    fn array(&mut self, mut push: impl FnMut(Written<'t>)) -> Option<()> {
        self.eat(b'[')?;
        self.spaces();
        while self.peek() == Some(b'"') {
            push(self.written()?);
            self.spaces();
            if self.eat(b',').is_none() {
                break;
            }
            self.spaces();
        }
        self.eat(b']')
    }

    /// The inline table of aliases on one line: bare language keys, each once, to arrays.
    fn aliases(&mut self, entity: usize, aliases: &mut Vec<Alias<'t>>) -> Option<()> {
        self.eat(b'{')?;
        self.spaces();
        let mut langs: Vec<&str> = Vec::new();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let lang = self.key()?;
            if langs.contains(&lang) {
                return None;
            }
            langs.push(lang);
            self.spaces();
            self.eat(b'=')?;
            self.spaces();
            self.array(|written| {
                aliases.push(Alias {
                    lang: Cow::Borrowed(lang),
                    name: Name { entity, written },
                })
            })?;
            self.spaces();
            if self.eat(b',').is_none() {
                return self.eat(b'}');
            }
            self.spaces();
        }
    }
}

/// A control character, which TOML allows in no string or comment (tab aside).
fn is_control(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What toml reads of `text`, in the reader's lists.
    fn by_toml(text: &str) -> Option<Entities<'_>> {
        let file: EntitiesFile = toml::from_str(text).ok()?;
        let mut out = Entities::default();
        for def in file.entity {
            push_def(&mut out, def, 0);
        }
        Some(out)
    }

    /// What the plain reader reads of the one table `text`.
    fn by_plain(text: &str) -> Option<Entities<'_>> {
        let mut out = Entities::default();
        read_plain(text, 0, text.len(), &mut out).then_some(out)
    }

    #[test]
    fn the_plain_reader_reads_what_toml_reads_or_gives_up() {
        let read = [
            "[[entity]]\nid = \"a\"\nkind = \"company\"\nnames = [\"A\", \"B\"]\n",
            "[[entity]]\n# c\n\n  id=\"a\" # x\nkind = \"place\"\nrollup = true\nparent = \"p\"",
            "[[entity]]\nkind = \"person\"\nid = \"a\"\nnames = [ \"A\" , ]\nrollup = false\n",
            "[[entity]]\nid = \"a\"\nkind = \"event\"\naliases = { nl = [\"N\"], fr = [\"F\", \"G\"], de = [] }\nnames = [\"A\"]\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\nnames = []\naliases = {}\n",
            "[[entity]]\nid = \"a\tb\"\nkind = \"company\"\nnames = [\"l'Éta\tt \", \"\"]\n",
        ];
        for text in read {
            let plain = by_plain(text).unwrap_or_else(|| panic!("not read: {text:?}"));
            assert_eq!(Some(plain), by_toml(text), "{text:?}");
        }
        let given_up = [
            "[[entity]]\nid = \"a\"\n",
            "[[entity]]\nid = \"a\"\nkind = \"firm\"\n",
            "[[entity]]\nid = \"a\"\nid = \"b\"\nkind = \"company\"\n",
            "[[entity]]\nid = \"a\\u00e9\"\nkind = \"company\"\n",
            "[[entity]]\nid = 'a'\nkind = \"company\"\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\nnames = [\n\"A\"]\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\naliases = { fr = [\"A\"], fr = [] }\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\naliases = { fr = [\"A\"], }\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\nname = [\"A\"]\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\nrollup = yes\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\r\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\" # \u{7f}\n",
            "[[entity]]\nid = \"a\"\nkind = \"company\"\n[[entity]]\nid = \"b\"\nkind = \"place\"\n",
        ];
        for text in given_up {
            assert_eq!(by_plain(text), None, "{text:?}");
        }
    }

    #[test]
    fn pieces_cut_the_file_at_its_tables_only() {
        let table = |i: usize| format!("[[entity]]\nid = \"e{i}\"\nkind = \"company\"\n\n");
        let text = format!("# x\n{}", (0..50).map(table).collect::<String>());
        let first = text.find(HEADER).unwrap();
        let all: Vec<usize> = table_starts(&text, 0, text.len()).collect();
        for pieces in [1, 3, 7, 50, 200] {
            let bounds = piece_bounds(&text, first, pieces);
            assert_eq!(bounds.last(), Some(&text.len()));
            assert!(bounds.windows(2).all(|w| w[0] < w[1]), "{bounds:?}");
            assert!(bounds[..bounds.len() - 1].iter().all(|b| all.contains(b)));
            let read = read_entities(Path::new("e.toml"), &text).unwrap();
            let ids: Vec<&str> = read.entities.iter().map(|e| e.id.as_str()).collect();
            assert_eq!(ids.len(), 50);
            assert_eq!(ids[49], "e49");
        }
    }

    /// Mostly `usual`, sometimes `odd`.
    fn mostly(usual: &[&'static str], odd: &[&'static str]) -> BoxedStrategy<&'static str> {
        let (usual, odd) = (usual.to_vec(), odd.to_vec());
        prop_oneof![6 => prop::sample::select(usual), 1 => prop::sample::select(odd)].boxed()
    }

    /// A string: mostly plain, sometimes with characters TOML escapes or refuses, or
    /// another quote.
    fn string() -> impl Strategy<Value = String> {
        let chars = mostly(
            &["a", "B", " ", "é", "’", "'", "#", ",", "]", "\t"],
            &["\"", "\\", "\u{1}", "\u{7f}", "\n"],
        );
        let open = mostly(&["\""], &["'", "\"\"\""]);
        let close = mostly(&["\""], &["'", ""]);
        (prop::collection::vec(chars, 0..4), open, close)
            .prop_map(|(text, open, close)| format!("{open}{}{close}", text.concat()))
    }

    /// An array of strings, its separators mostly right.
    fn array() -> impl Strategy<Value = String> {
        let sep = mostly(&[", ", ",", " , "], &["", " ", "\n", ",,"]);
        let end = mostly(&["", " "], &[",", ", ", "\t", "\n", ",,"]);
        (prop::collection::vec((string(), sep), 0..3), end).prop_map(|(items, end)| {
            let inner: Vec<String> = items.iter().map(|(s, sep)| format!("{s}{sep}")).collect();
            let inner = inner.concat();
            let inner = inner.trim_end_matches([',', ' ']);
            format!("[{inner}{end}]")
        })
    }

    /// The inline table of aliases, its keys and separators mostly right.
    fn aliases() -> impl Strategy<Value = String> {
        let key = mostly(
            &["fr", "nl", "de", "en"],
            &["\"fr\"", "fr.x", "", "1", "fr "],
        );
        let sep = mostly(&[", "], &["", ",", " ,", "\n"]);
        let end = mostly(&[" }", "}"], &[", }", ",}", "\n}"]);
        (prop::collection::vec((key, array(), sep), 0..3), end).prop_map(|(items, end)| {
            let inner: Vec<String> = items
                .iter()
                .map(|(k, a, s)| format!("{k} = {a}{s}"))
                .collect();
            let inner = inner.concat();
            format!("{{ {}{end}", inner.trim_end_matches([',', ' ']))
        })
    }

    /// A line of a table: mostly `key = value` of the right type with odd spacing and
    /// endings, sometimes another key or type, a comment, a header or nothing.
    fn line() -> impl Strategy<Value = String> {
        let boolean = mostly(&["true", "false"], &["yes", "\"true\"", "truex"]);
        let other = mostly(
            &["", "# note", "  "],
            &["[x]", "[[entity]]", "name = []", "\"id\" = \"y\""],
        );
        let value = prop_oneof![
            3 => ("names", array().boxed()),
            3 => ("aliases", aliases().boxed()),
            2 => ("parent", string().boxed()),
            2 => ("rollup", boolean.clone().prop_map(str::to_string).boxed()),
            1 => ("needs_country", boolean.prop_map(str::to_string).boxed()),
            1 => ("id", string().boxed()),
        ];
        let space = || mostly(&["", " "], &["\t", "  "]);
        let end = mostly(
            &["", " ", " # c", "\t# é"],
            &[" #\u{1}", "\r", " x", " #\u{7f}"],
        );
        let pair = (space(), value, space(), end)
            .prop_map(|(a, (key, value), b, end)| format!("{a}{key}{b}={b}{value}{end}"));
        prop_oneof![8 => pair, 1 => other.prop_map(str::to_string)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn the_plain_reader_never_reads_a_table_otherwise_than_toml(
            lines in prop::collection::vec(line(), 0..5),
            kind in mostly(&["company", "place"], &["firm", "Company"]),
            order in any::<prop::sample::Index>(),
            last_break in any::<bool>(),
        ) {
            let mut lines = lines;
            lines.insert(order.index(lines.len() + 1), format!("kind = \"{kind}\""));
            lines.insert(0, "id = \"x\"".into());
            let text = format!("[[entity]]\n{}{}", lines.join("\n"), if last_break { "\n" } else { "" });
            // Where the plain reader reads the table, toml reads the same; where it gives
            // up, toml reads it (or refuses it) instead.
            if let Some(plain) = by_plain(&text) {
                prop_assert_eq!(Some(plain), by_toml(&text), "{:?}", text);
            }
        }
    }
}
