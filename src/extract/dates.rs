//! Days and time scopes: "Tuesday 12 March 2024", "by 2027", "since 2010".
//!
//! Days come from the language's date pattern, read up to where the sentence's marker scan
//! says its last date ends; time scopes from the time markers of that scan, a later
//! marker never taking the place of a scope already found.

use regex_automata::Input;

use crate::rules::{normalize_phrase, DateRules, Marker, TimeKind};
use crate::value::{Day, Text, TimeScope};

use super::{Mention, MentionKind};

/// The days of sentence `s` in language `code` (read with its `rules`), whose last one
/// ends by `end` (none without it).
pub(super) fn dates(rules: &DateRules, code: &str, s: &str, end: Option<usize>) -> Vec<Mention> {
    let mut out = Vec::new();
    let Some(end) = end else {
        return out;
    };
    for c in rules.date.captures_iter(Input::new(s).range(..end)) {
        let Some(whole) = c.get_match() else {
            continue;
        };
        let (start, end) = (whole.start(), whole.end());
        let group = |name: &str| c.get_group_by_name(name).map(|g| &s[g.range()]);
        let alone = c.get_group_by_name("wd_only");
        if alone.is_some_and(|g| rules.lower_case_names && is_name_word(s, g.start)) {
            continue;
        }
        let weekday = group("wd")
            .or_else(|| group("wd_only"))
            .and_then(|w| rules.weekday_names.get(&normalize_phrase(w)).cloned());
        let day = group("d1")
            .or_else(|| group("d2"))
            .and_then(|d| d.parse::<u32>().ok());
        let month = group("m1")
            .or_else(|| group("m2"))
            .and_then(|m| rules.month_names.get(&normalize_phrase(m)).copied());
        let year = group("y").and_then(|y| y.parse::<i32>().ok());
        let date = match (day, month) {
            (Some(d), Some(m)) if exists(year, m, d) => Some(match year {
                Some(y) => format!("{y:04}-{m:02}-{d:02}"),
                None => format!("--{m:02}-{d:02}"),
            }),
            _ => None,
        };
        if weekday.is_none() && date.is_none() {
            continue;
        }
        out.push(Mention {
            kind: MentionKind::Date(Day {
                weekday: weekday.map(Text::from),
                date: date.map(Text::from),
                text: s[whole.range()].into(),
            }),
            start,
            end,
            rule: [code, "date"].join("."),
        });
    }
    out
}

/// Whether the word at `start` of sentence `s` is capitalised though neither the
/// sentence nor a clause after a dash, a colon, a parenthesis or a quotation mark starts
/// there: part of a name.
fn is_name_word(s: &str, start: usize) -> bool {
    let capitalised = s[start..].chars().next().is_some_and(char::is_uppercase);
    let before = s[..start].trim_end();
    let opens =
        before.is_empty() || before.ends_with(['-', '–', '—', ':', '(', '«', '"', '“', '\n']);
    capitalised && !opens
}

/// The time scopes `marker` finds in `input` (a part of `s`), except where one found
/// before (from `out[first..]`) already stands.
pub(super) fn push_times(
    out: &mut Vec<Mention>,
    first: usize,
    marker: &Marker,
    kind: TimeKind,
    s: &str,
    input: Input<'_>,
) {
    for c in marker.regex().captures_iter(input) {
        let Some(whole) = c.get_match() else {
            continue;
        };
        let (start, end) = (whole.start(), whole.end());
        if out[first..].iter().any(|m| m.start < end && start < m.end) {
            continue;
        }
        let year = c.get_group_by_name("year");
        let Some(year) = year.and_then(|g| s[g.range()].parse::<i32>().ok()) else {
            continue;
        };
        let mut scope = TimeScope::default();
        match kind {
            TimeKind::By => scope.by = Some(year),
            TimeKind::Since => scope.since = Some(year),
            TimeKind::Year => scope.year = Some(year),
        }
        out.push(Mention {
            kind: MentionKind::Time(scope),
            start,
            end,
            rule: marker.rule.clone(),
        });
    }
}

/// Whether day `d` of month `m` exists (in `year`, or in some year when it is not
/// known: 29 February does, 31 February and 31 April do not).
fn exists(year: Option<i32>, m: u32, d: u32) -> bool {
    // A leap year stands for an unknown one.
    let year = year.unwrap_or(2024);
    match (i16::try_from(year), i8::try_from(m), i8::try_from(d)) {
        (Ok(y), Ok(m), Ok(d)) => jiff::civil::Date::new(y, m, d).is_ok(),
        _ => false,
    }
}
