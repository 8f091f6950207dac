//! What the bundled rules find in single sentences, language by language.
//!
//! The sentences with the amounts, days and counter-examples they must yield live beside
//! the rules they exercise, as `[[examples]]` of `rules/*.toml` (run by `newsclaims rules
//! test` and `tests/rules.rs`). What stays here is what an example cannot state (no lower
//! bound, no weekday, no date, the kind of a time scope), and the checks that hold for every
//! mention of every example. Sentences are read through the library exactly as a document
//! would be (`Pipeline::analyse` with the language forced), and every mention's byte span is
//! checked against the sentence: it must fall on char boundaries, and for amounts the slice
//! must be the amount's `text` and contain the figure as written.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use newsclaims::corpus::Document;
use newsclaims::extract::{Mention, MentionKind};
use newsclaims::value::{Amount, Day, TimeScope, Value};
use newsclaims::{Pipeline, RuleSet};

// ---------------------------------------------------------------------------------------
// Helpers.

/// One pipeline per language, built once for the whole test binary.
fn pipeline(lang: &str) -> &'static Pipeline {
    static PIPELINES: OnceLock<BTreeMap<&'static str, Pipeline>> = OnceLock::new();
    let all = PIPELINES.get_or_init(|| {
        ["en", "fr", "nl", "de"]
            .into_iter()
            .map(|l| {
                let rules = RuleSet::bundled().expect("bundled rules load");
                (l, Pipeline::new(rules, Some(l.to_string())))
            })
            .collect()
    });
    &all[lang]
}

/// Every mention the rules find in `text`, read in `lang`; spans are checked on the way.
fn mentions(lang: &str, text: &str) -> Vec<Mention> {
    let doc = Document::new("test", text);
    let analysis = pipeline(lang)
        .analyse(&doc)
        .unwrap_or_else(|s| panic!("{lang}: {text:?} was skipped: {}", s.reason));
    assert_eq!(analysis.lang, lang);
    let found: Vec<Mention> = analysis
        .sentences
        .into_iter()
        .flat_map(|s| s.mentions)
        .collect();
    for m in &found {
        assert!(
            m.start <= m.end && m.end <= text.len(),
            "{text:?}: span {}..{} out of bounds ({m:?})",
            m.start,
            m.end
        );
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{text:?}: span {}..{} splits a character ({m:?})",
            m.start,
            m.end
        );
    }
    found
}

/// The amount mentions (money, count, number, percent) of `text`.
fn amounts(lang: &str, text: &str) -> Vec<(Mention, Value)> {
    mentions(lang, text)
        .into_iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Amount(v) => {
                let v = v.clone();
                Some((m, v))
            }
            _ => None,
        })
        .collect()
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// `(sentence, kind, amount, unit, qualifier, figure as written)`.
///
/// `kind` is the JSON kind (`money`, `count`, `number`, `percent`), `unit` the ISO code or
/// count unit (`""` for none), `qualifier` its JSON id. The figure must stand inside the
/// mention's span.
type Row = (
    &'static str,
    &'static str,
    f64,
    &'static str,
    &'static str,
    &'static str,
);

/// Check every row; report all the rows that fail at once.
fn check_amount_table(lang: &str, rows: &[Row]) {
    let mut failures = Vec::new();
    for &(sentence, kind, amount, unit, qualifier, figure) in rows {
        if let Err(e) = check_amount(lang, sentence, kind, amount, unit, qualifier, figure) {
            failures.push(format!("  {sentence:?}: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{lang}: {} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

fn check_amount(
    lang: &str,
    sentence: &str,
    kind: &str,
    amount: f64,
    unit: &str,
    qualifier: &str,
    figure: &str,
) -> Result<(), String> {
    let found = amounts(lang, sentence);
    let [(m, value)] = found.as_slice() else {
        let list: Vec<String> = found
            .iter()
            .map(|(m, v)| format!("{} {:?}", v.kind(), &sentence[m.start..m.end]))
            .collect();
        return Err(format!("expected one amount, found {list:?}"));
    };
    let a: &Amount = value.amount().expect("amount mentions carry an amount");
    let slice = &sentence[m.start..m.end];
    let got = format!(
        "{} {} {:?} {} from {:?}",
        value.kind(),
        a.amount,
        a.unit,
        a.qualifier.id(),
        slice
    );
    if value.kind() != kind
        || !same_number(a.amount, amount)
        || a.unit.as_deref().unwrap_or("") != unit
        || a.qualifier.id() != qualifier
    {
        return Err(format!(
            "expected {kind} {amount} {unit:?} {qualifier}, got {got}"
        ));
    }
    if !slice.contains(figure) {
        return Err(format!("span {slice:?} does not contain {figure:?}"));
    }
    if a.text != slice {
        return Err(format!(
            "amount text {:?} is not the span {slice:?}",
            a.text
        ));
    }
    if a.min.is_some() {
        return Err(format!(
            "a single figure has no lower bound: {got}, min {:?}",
            a.min
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Amounts, per language.

/// "Up to" before a single figure: the qualifier is `up_to` and there is no lower bound.
/// These rows stay here rather than among the rule files' examples, which cannot say that
/// an amount has *no* lower bound (an example's `min` left out is not checked); the rows of
/// every other qualifier are examples in `rules/*.toml`.
#[test]
fn up_to_a_single_figure_has_no_lower_bound() {
    #[rustfmt::skip]
    let rows: &[(&str, Row)] = &[
        // lang  sentence                                                  kind     amount  unit    qualifier figure
        ("en", ("The plant will create up to 2,000 jobs.",                "count", 2000.0, "jobs", "up_to", "2,000")),
        ("fr", ("Le groupe créera jusqu'à 2 000 emplois.",                "count", 2000.0, "jobs", "up_to", "2 000")),
        ("fr", ("Le groupe créera jusqu’à 2 000 emplois.",                "count", 2000.0, "jobs", "up_to", "2 000")),
        ("nl", ("Het bedrijf schept tot 2.000 banen.",                    "count", 2000.0, "jobs", "up_to", "2.000")),
        ("de", ("Der Konzern investiert bis zu 2 Milliarden Euro.",       "money", 2e9,    "EUR",  "up_to", "2 Milliarden")),
    ];
    for lang in ["en", "fr", "nl", "de"] {
        let table: Vec<Row> = rows
            .iter()
            .filter(|(l, _)| *l == lang)
            .map(|(_, row)| *row)
            .collect();
        check_amount_table(lang, &table);
    }
}

// ---------------------------------------------------------------------------------------
// Days.

fn days(lang: &str, text: &str) -> Vec<(Mention, Day)> {
    mentions(lang, text)
        .into_iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Date(d) => {
                let d = d.clone();
                Some((m, d))
            }
            _ => None,
        })
        .collect()
}

/// `(lang, sentence, weekday, date, words inside the span)`.
type DayRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

/// Days with a weekday and no date, or a date and no weekday. These rows stay here rather
/// than among the rule files' examples, which cannot say that a day has *no* weekday or *no*
/// date (an example's field left out is not checked); days with both are examples in
/// `rules/*.toml`.
#[test]
fn weekdays_and_dates() {
    #[rustfmt::skip]
    let rows: &[DayRow] = &[
        // lang  sentence                                            weekday          date               in the span
        ("en", "The plan was announced on May 12, 2024.",           None,            Some("2024-05-12"),"May 12, 2024"),
        ("en", "The summit opens on 12 May.",                       None,            Some("--05-12"),   "12 May"),
        ("en", "The company said on Monday that it would grow.",    Some("monday"),  None,              "Monday"),
        ("fr", "La firme l'a annoncé ce dimanche.",                 Some("sunday"),  None,              "dimanche"),
        ("fr", "Le sommet s'ouvre le 12 mai.",                      None,            Some("--05-12"),   "12 mai"),
        ("nl", "Het bedrijf maakte het zondag bekend.",             Some("sunday"),  None,              "zondag"),
        ("de", "Der Konzern gab am Sonntag die Pläne bekannt.",     Some("sunday"),  None,              "Sonntag"),
    ];
    for &(lang, sentence, weekday, date, inside) in rows {
        let found = days(lang, sentence);
        let [(m, day)] = found.as_slice() else {
            panic!("{lang}: {sentence:?}: expected one day, found {found:?}");
        };
        assert_eq!(day.weekday.as_deref(), weekday, "{sentence:?}");
        assert_eq!(day.date.as_deref(), date, "{sentence:?}");
        let slice = &sentence[m.start..m.end];
        assert!(slice.contains(inside), "{sentence:?}: span {slice:?}");
        assert_eq!(day.text, slice);
        // The day of the month is part of the date, not a figure of its own.
        assert!(
            amounts(lang, sentence).is_empty(),
            "{sentence:?}: a day read as an amount"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Time scopes.

fn times(lang: &str, text: &str) -> Vec<(Mention, TimeScope)> {
    mentions(lang, text)
        .into_iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Time(t) => {
                let t = t.clone();
                Some((m, t))
            }
            _ => None,
        })
        .collect()
}

/// Time scopes, kept here rather than among the rule files' examples: an example's `time`
/// mention checks only the year, not whether it is a deadline, a starting year or the year
/// of the figure, nor that the year was not also read as an amount.
#[test]
fn time_scopes() {
    #[rustfmt::skip]
    let rows: &[(&str, &str, &str, i32, &str)] = &[
        // lang  sentence                                                    scope    year  the words
        ("en", "The company will train a million people by 2027.",          "by",    2027, "by 2027"),
        ("en", "Around 2,000 workers will be hired by the end of 2026.",    "by",    2026, "by the end of 2026"),
        ("en", "It will create 1,500 jobs through 2026.",                   "by",    2026, "through 2026"),
        ("en", "It has invested more than €20 billion since 2010.",         "since", 2010, "since 2010"),
        ("en", "Sales rose 15% in 2024.",                                   "year",  2024, "in 2024"),
        ("fr", "Il formera un million de personnes d'ici fin 2027.",        "by",    2027, "d'ici fin 2027"),
        ("fr", "Il formera un million de personnes d’ici fin 2027.",        "by",    2027, "d’ici fin 2027"),
        ("fr", "Il créera 1 000 emplois à l'horizon 2030.",                 "by",    2030, "à l'horizon 2030"),
        ("fr", "Il a investi 20 milliards d'euros depuis 2010.",            "since", 2010, "depuis 2010"),
        ("fr", "Le groupe emploie 1 500 salariés en 2024.",                 "year",  2024, "en 2024"),
        ("nl", "Het bedrijf leidt een miljoen mensen op tegen 2027.",       "by",    2027, "tegen 2027"),
        ("nl", "Het bedrijf schept 500 banen tegen eind 2027.",             "by",    2027, "tegen eind 2027"),
        ("nl", "Het bedrijf investeerde sinds 2010 ruim 20 miljard euro.",  "since", 2010, "sinds 2010"),
        ("de", "Der Konzern investiert bis Ende 2027.",                     "by",    2027, "bis Ende 2027"),
        ("de", "Der Konzern hat seit 2010 mehr als 20 Milliarden Euro investiert.", "since", 2010, "seit 2010"),
        ("de", "Der Umsatz stieg um 15 Prozent im Jahr 2024.",              "year",  2024, "im Jahr 2024"),
    ];
    for &(lang, sentence, scope, year, words) in rows {
        let found = times(lang, sentence);
        let [(m, t)] = found.as_slice() else {
            panic!("{lang}: {sentence:?}: expected one time scope, found {found:?}");
        };
        let expected = match scope {
            "by" => TimeScope {
                by: Some(year),
                ..TimeScope::default()
            },
            "since" => TimeScope {
                since: Some(year),
                ..TimeScope::default()
            },
            _ => TimeScope {
                year: Some(year),
                ..TimeScope::default()
            },
        };
        assert_eq!(t, &expected, "{sentence:?}");
        assert_eq!(&sentence[m.start..m.end], words, "{sentence:?}");
        // The year of a time scope is never an amount of its own.
        assert!(
            !amounts(lang, sentence)
                .iter()
                .any(|(m, _)| sentence[m.start..m.end].contains(&year.to_string())),
            "{sentence:?}: the year was read as an amount"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Spans across a whole paragraph with multi-byte characters everywhere.

#[test]
fn spans_fall_on_char_boundaries_in_a_paragraph_full_of_multibyte_text() {
    let text = "Le géant américain a annoncé dimanche 12 mai qu’il investira plus de \
                1,2\u{a0}milliard d’euros (1,3 milliard de dollars) en Île-de-France, \
                créera 2\u{202f}000 nouveaux emplois d’ici fin 2027 et formera \
                vingt-cinq mille personnes. Le groupe – déjà présent depuis 2010 – \
                emploie environ 3\u{a0}000 salariés.";
    let found = mentions("fr", text);
    assert!(found.len() >= 8, "{found:#?}");
    let money: Vec<&Mention> = found
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Amount(Value::Money(_))))
        .collect();
    assert_eq!(money.len(), 2, "{money:#?}");
    assert!(text[money[0].start..money[0].end].contains("1,2\u{a0}milliard"));
    assert!(text[money[1].start..money[1].end].contains("1,3 milliard de dollars"));
    let counts: Vec<(&str, f64)> = found
        .iter()
        .filter_map(|m| match &m.kind {
            MentionKind::Amount(Value::Count(a)) => Some((&text[m.start..m.end], a.amount)),
            _ => None,
        })
        .collect();
    assert_eq!(counts.len(), 3, "{counts:?}");
    assert!(counts[0].0.contains("2\u{202f}000") && same_number(counts[0].1, 2000.0));
    assert!(counts[1].0.contains("vingt-cinq mille") && same_number(counts[1].1, 25000.0));
    assert!(counts[2].0.contains("3\u{a0}000") && same_number(counts[2].1, 3000.0));
}

/// Every mention of every example in the bundled rule files: spans on char boundaries (checked
/// by `mentions`), an amount's and a day's text are their span, a bare number has no unit,
/// and a lower bound comes only with a range (`up_to`, below the amount). The examples
/// state the amounts; this holds them to what the tables here used to check row by row.
#[test]
fn rule_example_mentions_are_consistent_with_their_spans() {
    let rules = RuleSet::bundled().expect("bundled rules load");
    let mut checked = 0;
    for lang in ["en", "fr", "nl", "de"] {
        for (at, example) in &rules.languages[lang].examples {
            let text = example.text.as_str();
            for m in mentions(lang, text) {
                let slice = &text[m.start..m.end];
                match &m.kind {
                    MentionKind::Amount(v) => {
                        let a = v.amount().expect("amount mentions carry an amount");
                        assert_eq!(a.text, slice, "{at}: {text:?}");
                        if matches!(v, Value::Number(_)) {
                            assert_eq!(a.unit, None, "{at}: {text:?}: a number with a unit");
                        }
                        if let Some(min) = a.min {
                            assert!(
                                a.qualifier.id() == "up_to" && min < a.amount,
                                "{at}: {text:?}: lower bound {min} of {slice:?} is no range"
                            );
                        }
                    }
                    MentionKind::Date(d) => assert_eq!(d.text, slice, "{at}: {text:?}"),
                    _ => {}
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} mentions checked");
}
