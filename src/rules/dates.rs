//! `[dates]`: weekday and month names, day suffixes ("1st") and the words before a day
//! ("on"), compiled into one pattern of weekday and calendar dates.

use regex_automata::meta;
use rustc_hash::FxHashMap;

use super::patterns::{normalize_phrase, word_alternation, LangCompiler, BOUNDARY};
use super::schema::DatesDef;
use crate::error::Result;

/// The weekday ids a rule file may name.
const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The compiled `[dates]` table: what date reading needs to find a day and name it.
pub struct DateRules {
    /// Weekday and calendar dates.
    pub date: meta::Regex,
    /// The same pattern as written, also part of the language's combined marker DFA.
    pub(super) pattern: String,
    /// Weekday id per lower-cased name.
    pub weekday_names: FxHashMap<String, String>,
    /// Month number per lower-cased name.
    pub month_names: FxHashMap<String, u32>,
    /// Whether the language writes weekday names in lower case: a capitalised one inside
    /// a sentence is part of a name ("La Tribune Dimanche"), no day.
    pub lower_case_names: bool,
}

/// The `[dates]` table of the file `c` compiles.
pub(super) fn compile_dates(c: &LangCompiler, dates: &DatesDef) -> Result<DateRules> {
    let (weekday_names, weekday_words) = weekdays(c, dates)?;
    let (month_names, month_words) = months(c, dates)?;
    let pattern = date_pattern(dates, &weekday_words, &month_words);
    Ok(DateRules {
        date: c.scan(&pattern, "dates", None)?,
        pattern,
        weekday_names,
        month_names,
        lower_case_names: dates.lower_case_names,
    })
}

/// The weekday id of each weekday name (with and without each weekday suffix), and the
/// names in file order.
fn weekdays(
    c: &LangCompiler,
    dates: &DatesDef,
) -> Result<(FxHashMap<String, String>, Vec<String>)> {
    let mut weekday_names = FxHashMap::default();
    let mut weekday_words = Vec::new();
    for (day, names) in &dates.weekdays {
        let names: Vec<String> = names
            .iter()
            .flat_map(|n| {
                std::iter::once(n.clone()).chain(
                    dates
                        .weekday_suffixes
                        .iter()
                        .map(move |s| format!("{n}{s}")),
                )
            })
            .collect();
        if !DAYS.contains(&day.as_str()) {
            return Err(c.error(
                None,
                format!("unknown weekday {day:?} in [dates] weekdays"),
                "weekdays are monday ... sunday",
            ));
        }
        for n in &names {
            weekday_names.insert(normalize_phrase(n), day.clone());
            weekday_words.push(n.clone());
        }
    }
    Ok((weekday_names, weekday_words))
}

/// The month number (1 for January) of each month name, and the names in file order.
fn months(c: &LangCompiler, dates: &DatesDef) -> Result<(FxHashMap<String, u32>, Vec<String>)> {
    if dates.months.len() != 12 {
        return Err(c.error(
            None,
            format!("[dates] months has {} entries", dates.months.len()),
            "give twelve lists of month names, January first",
        ));
    }
    let mut month_names = FxHashMap::default();
    let mut month_words = Vec::new();
    for (i, names) in dates.months.iter().enumerate() {
        for n in names {
            month_names.insert(normalize_phrase(n), i as u32 + 1);
            month_words.push(n.clone());
        }
    }
    Ok((month_names, month_words))
}

/// A weekday and calendar date ("on Monday 3 March 2025", "March 3rd"), or a weekday
/// alone, with the groups the date mentions read (`wd`, `d1`/`m1`, `m2`/`d2`, `y`,
/// `wd_only`).
fn date_pattern(dates: &DatesDef, weekday_words: &[String], month_words: &[String]) -> String {
    let suffix = if dates.day_suffixes.is_empty() {
        String::new()
    } else {
        format!(
            "(?:{})?",
            word_alternation(&dates.day_suffixes).replace(BOUNDARY, "")
        )
    };
    let wd = word_alternation(weekday_words);
    let mo = word_alternation(month_words);
    // "March 12" where the language writes it; "mei 18 miljoen" is no date in Dutch.
    let month_day = match dates.month_first {
        true => format!(r"|(?P<m2>{mo})\s+(?P<d2>[0-9]{{1,2}}){suffix}{BOUNDARY}"),
        false => String::new(),
    };
    let on = if dates.on.is_empty() {
        String::new()
    } else {
        format!(r"(?:{}\s+)?", word_alternation(&dates.on))
    };
    format!(
        r"(?i){on}(?:(?P<wd>{wd})[\s,(]*)?(?:(?P<d1>[0-9]{{1,2}}){suffix}\s+(?P<m1>{mo}){month_day})(?:,?\s+(?P<y>(?:19|20)[0-9][0-9]){BOUNDARY})?\)?|{on}(?P<wd_only>{wd})"
    )
}
