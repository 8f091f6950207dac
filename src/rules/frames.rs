//! `[[frames]]` of a language file: how the language expresses a predicate, as patterns
//! over a sentence in which every mention stands as one slot ("{subject} fined
//! {value}", "{value} {trigger} infligée à {subject}"), and which mention fills which
//! role. In the spirit of TokensRegex and JAPE: a frame matches annotations and words,
//! never bytes around a figure.
//!
//! A frame's pattern is a regular expression over the words of the sentence, with these
//! slots, each matching one mention of its kind:
//!
//! | slot | matches | binds |
//! |---|---|---|
//! | `{value}` | the claim's money, count or day, by the predicate's kind (for `predicate = "none"`, a figure or day that makes no claim: the frame's `kind`, else any) | the value |
//! | `{subject}`, `{subject2}` | an actor (company, organisation, government...); `{subject}` before a space with the apposition after it, if any | the subject; two make a joint one |
//! | `{market}` | a place whose market-wide figure the frame reads ("France has 300 data centres") | the subject |
//! | `{target}` | an actor | the company the value goes into, or the one acquired |
//! | `{actor}` | an actor | nothing (an investor, an authority) |
//! | `{place}`, `{amount}`, `{date}` | a place, another figure, another day | nothing |
//! | `{trigger}` | one of the predicate's trigger words (`[predicates]`) | nothing |
//! | `{gap}`, `{gap:N}` | up to 4 (or N) words that are no mention but a place ("Torrance of Ohio") | nothing |
//!
//! Braces around digits are the regex's own repetition (`(?:\S+ ){0,4}`).

use std::sync::OnceLock;

use regex::Regex;
use regex_automata::util::syntax::parse;
use regex_syntax::hir::Hir;

use super::pattern_set::PatternSet;
use super::patterns::{bounded, has_group, typographic, LangCompiler};
use super::predicates::Predicate;
use super::schema::{FrameDef, ValueKind};
use crate::error::Result;

/// The characters that stand for mentions in the text frames are matched on: private-use
/// code points, which no article writes.
pub mod slot {
    /// An actor: company, organisation, government, event or person.
    pub const ACTOR: char = '\u{E000}';
    /// A place.
    pub const PLACE: char = '\u{E001}';
    /// An amount of money.
    pub const MONEY: char = '\u{E002}';
    /// A day.
    pub const DATE: char = '\u{E003}';
    /// A count or a bare number.
    pub const COUNT: char = '\u{E004}';
}

/// The roles a frame's match binds, by the names of its capture groups.
pub mod role {
    /// The claim's value.
    pub const VALUE: &str = "value";
    /// The subject.
    pub const SUBJECT: &str = "subject";
    /// The second subject of a joint one ("VDL together with Schmitz Cargobull").
    pub const SUBJECT2: &str = "subject2";
    /// The target.
    pub const TARGET: &str = "target";
}

/// The predicate a frame names when the figure it binds makes no claim.
pub const NO_CLAIM: &str = "none";

/// A compiled frame: which predicate it reads and its pattern.
#[derive(Debug)]
pub struct Frame {
    /// Rule id stamped on the claims it makes (`en.frame.fined.passive`).
    pub id: String,
    /// Where it is written (`rules/en.toml:412`).
    pub at: String,
    /// Index of the predicate in `predicates.toml`; none for a frame that says its figure
    /// makes no claim (`predicate = "none"`: savings, a charge, a market value).
    pub predicate: Option<usize>,
    /// The kind of value it binds: its predicate's, else the one it names, else any.
    pub kind: Option<ValueKind>,
    /// The pattern over the sentence with its mentions as slots, case-insensitive.
    pub pattern: String,
    /// `pattern` compiled the first time a sentence matches the frame: most frames of a
    /// language never match in a run of a few articles, and compiling them all would be a
    /// large part of a run's start.
    regex: OnceLock<Regex>,
}

impl Frame {
    /// The frame's pattern compiled, to read the roles it binds.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            // Parsed when the rules were loaded, and a frame is a few slots and words long:
            // far under the regex crate's size limits.
            Regex::new(&self.pattern).expect("a frame pattern parsed at load compiles")
        })
    }
}

/// A language's frames, in file order, with one automaton per kind of value of the frames
/// that may bind it: a sentence is searched, once per kind of value it holds, for which
/// frames match anywhere in it, and only those are run for their roles (most sentences
/// match none). One automaton of all the frames would hold every combination of the
/// frames' partial matches as states of its own, and spend its time building them.
#[derive(Debug)]
pub struct Frames {
    frames: Vec<Frame>,
    /// Per kind of value: the slot character it stands as, and the frames (indices, in
    /// file order) whose `{value}` it may be, with their automaton.
    by_kind: Vec<(char, Vec<usize>, PatternSet)>,
}

impl Frames {
    /// Every frame, in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Frame> {
        self.frames.iter()
    }

    /// How many frames there are.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }

    /// The frames that match somewhere in `text`, in file order.
    pub fn matching<'a>(&'a self, text: &str) -> impl Iterator<Item = &'a Frame> + 'a {
        let mut found: Vec<usize> = Vec::new();
        for (slot, frames, set) in &self.by_kind {
            if text.contains(*slot) {
                let ends = set.last_ends(text);
                found.extend(
                    frames
                        .iter()
                        .zip(ends)
                        .filter_map(|(&i, end)| end.map(|_| i)),
                );
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| &self.frames[i])
    }
}

/// The frames of the language file `c` compiles, in file order (the first frame that binds
/// a value wins); `triggers` are the file's `[predicates]` words.
pub(super) fn compile_frames(
    c: &LangCompiler,
    code: &str,
    defs: &[toml::Spanned<FrameDef>],
    predicates: &[Predicate],
    triggers: &std::collections::BTreeMap<String, Vec<toml::Spanned<String>>>,
) -> Result<Frames> {
    let (frames, trees) = compile_each(c, code, defs, predicates, triggers)?;
    let mut by_kind = Vec::new();
    for (slot, kind) in [
        (slot::MONEY, ValueKind::Money),
        (slot::COUNT, ValueKind::Count),
        (slot::DATE, ValueKind::Date),
    ] {
        // A frame that says its figure is no claim binds a value of any kind.
        let of_kind: Vec<usize> = (0..frames.len())
            .filter(|&i| frames[i].kind.is_none_or(|k| k == kind))
            .collect();
        let trees: Vec<&Hir> = of_kind.iter().map(|&i| &trees[i]).collect();
        let set = PatternSet::of_trees(&trees).map_err(|e| {
            c.error(
                None,
                format!("the frames do not compile as one set: {e}"),
                "simplify the longest frame patterns",
            )
        })?;
        by_kind.push((slot, of_kind, set));
    }
    Ok(Frames { frames, by_kind })
}

/// Each frame of `defs`, compiled alone, and the syntax tree of its pattern.
fn compile_each(
    c: &LangCompiler,
    code: &str,
    defs: &[toml::Spanned<FrameDef>],
    predicates: &[Predicate],
    triggers: &std::collections::BTreeMap<String, Vec<toml::Spanned<String>>>,
) -> Result<(Vec<Frame>, Vec<Hir>)> {
    let (mut out, mut trees) = (Vec::new(), Vec::new());
    // Unnamed frames are numbered in their own file: an addition leaves the ids as they are.
    let mut numbered = [0, 0];
    for spanned in defs {
        let def = spanned.get_ref();
        let at = Some(spanned.span().start);
        let count = &mut numbered[usize::from(c.in_addition(spanned.span().start))];
        *count += 1;
        let n = *count;
        let predicate = frame_predicate(c, at, &def.predicate, predicates)?;
        let words = triggers
            .get(&def.predicate)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let kind = frame_kind(c, def, predicate.map(|p| predicates[p].def.kind))?;
        let pattern = expand(c, at, &def.pattern, kind, words)?;
        let pattern = format!("(?i){pattern}");
        let hir = parse(&pattern).map_err(|e| c.not_compiled("frames", at, e))?;
        if !has_group(&hir, role::VALUE) {
            return Err(c.error(
                at,
                format!("frame {:?} has no {{value}}", def.pattern),
                "a frame says where its figure or day stands: put {value} in the pattern",
            ));
        }
        let id = match &def.name {
            Some(name) => format!("{code}.frame.{}.{name}", def.predicate),
            None => format!("{code}.frame.{}.{n}", def.predicate),
        };
        if out.iter().any(|f: &Frame| f.id == id) {
            return Err(c.error(
                at,
                format!("a second frame is named {id}"),
                "each frame of a predicate needs a name of its own: its rule id says which one bound a figure",
            ));
        }
        out.push(Frame {
            id,
            at: c.place(spanned.span().start),
            predicate,
            kind,
            pattern,
            regex: OnceLock::new(),
        });
        trees.push(hir);
    }
    Ok((out, trees))
}

/// The kind of value a frame binds: its predicate's; a frame of no claim may name one.
fn frame_kind(
    c: &LangCompiler,
    def: &FrameDef,
    of_predicate: Option<ValueKind>,
) -> Result<Option<ValueKind>> {
    match (&def.kind, of_predicate) {
        (Some(named), Some(kind)) if *named.get_ref() != kind => Err(c.error(
            Some(named.span().start),
            format!(
                "frame of {:?} names kind {}, but the predicate takes {}",
                def.predicate,
                format!("{:?}", named.get_ref()).to_lowercase(),
                format!("{kind:?}").to_lowercase()
            ),
            "leave out `kind`: a frame binds its predicate's kind; `kind` is for predicate = \"none\"",
        )),
        (named, of_predicate) => Ok(of_predicate.or(named.as_ref().map(|k| *k.get_ref()))),
    }
}

/// The predicate a frame names (its index), or none for [`NO_CLAIM`].
fn frame_predicate(
    c: &LangCompiler,
    at: Option<usize>,
    id: &str,
    predicates: &[Predicate],
) -> Result<Option<usize>> {
    if id == NO_CLAIM {
        return Ok(None);
    }
    let index = predicates.iter().position(|p| p.def.id == id).ok_or_else(|| {
        c.error(
            at,
            format!("frame for {id:?}, which predicates.toml does not declare"),
            "declare the predicate in predicates.toml first, or write predicate = \"none\" for a figure that makes no claim",
        )
    })?;
    Ok(Some(index))
}

/// What a subject before a verb may have after it: an apposition set off by commas that
/// names no actor, figure or day, a place at most ("Brindle Health, the New York startup
/// that sells billing software, has laid off 62 staff").
const APPOSITION: &str = r"(?:,[^,;.!?\x{E000}\x{E002}-\x{E004}]+,)?";

/// The regular expression of a frame's `pattern`: its slots replaced, its words as a
/// trigger pattern writes them (apostrophes and spaces typographic).
fn expand(
    c: &LangCompiler,
    at: Option<usize>,
    pattern: &str,
    kind: Option<ValueKind>,
    triggers: &[toml::Spanned<String>],
) -> Result<String> {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&typographic(&rest[..open]));
        let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| {
            c.error(
                at,
                format!("frame {pattern:?}: a {{ is not closed"),
                "write slots as {subject}",
            )
        })?;
        let inside = &rest[open + 1..close];
        if inside.starts_with(|ch: char| ch.is_ascii_digit()) {
            // A repetition of the regex ("(?:\S+ ){0,4}"), not a slot.
            out.push_str(&rest[open..=close]);
        } else {
            out.push_str(&slot_pattern(c, at, inside, kind, triggers)?);
            if inside == "subject" && rest[close + 1..].starts_with(' ') {
                out.push_str(APPOSITION);
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(&typographic(rest));
    Ok(out)
}

/// The pattern of one slot (`subject`, `gap:3`...).
fn slot_pattern(
    c: &LangCompiler,
    at: Option<usize>,
    name: &str,
    kind: Option<ValueKind>,
    triggers: &[toml::Spanned<String>],
) -> Result<String> {
    let one = |ch: char| format!("\\x{{{:X}}}", ch as u32);
    let value = match kind {
        Some(ValueKind::Date) => one(slot::DATE),
        Some(ValueKind::Money) => one(slot::MONEY),
        Some(ValueKind::Count) => one(slot::COUNT),
        None => format!(
            "[{}{}{}]",
            one(slot::MONEY),
            one(slot::COUNT),
            one(slot::DATE)
        ),
    };
    let gap = |n: usize| format!(r"(?:[^\s\x{{E000}}\x{{E002}}-\x{{E004}}]+\s+){{0,{n}}}");
    Ok(match name {
        "value" => format!("(?P<{}>{value})", role::VALUE),
        "subject" => format!("(?P<{}>{})", role::SUBJECT, one(slot::ACTOR)),
        "subject2" => format!("(?P<{}>{})", role::SUBJECT2, one(slot::ACTOR)),
        "market" => format!("(?P<{}>{})", role::SUBJECT, one(slot::PLACE)),
        "target" => format!("(?P<{}>{})", role::TARGET, one(slot::ACTOR)),
        "actor" => one(slot::ACTOR),
        "place" => one(slot::PLACE),
        "amount" => format!("[{}{}]", one(slot::MONEY), one(slot::COUNT)),
        "date" => one(slot::DATE),
        "gap" => gap(4),
        "trigger" if !triggers.is_empty() => {
            let words: Vec<String> = triggers
                .iter()
                .map(|t| bounded(&typographic(t.get_ref())))
                .collect();
            format!("(?:{})", words.join("|"))
        }
        other => match other.strip_prefix("gap:").and_then(|n| n.parse().ok()) {
            Some(n) if n <= 12 => gap(n),
            _ => {
                return Err(c.error(
                    at,
                    format!("unknown frame slot {{{other}}}"),
                    "slots are value, subject, subject2, market, target, actor, place, amount, date, trigger, gap, gap:N (N at most 12)",
                ))
            }
        },
    })
}
