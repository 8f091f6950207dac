//! Money and number parsing measured against a peer's public test suite: the
//! Recognizers-Text specifications (`Specs/NumberWithUnit/<Language>/CurrencyModel.json`,
//! `Specs/Number/<Language>/NumberModel.json`) and the scorable digest of the currency cases
//! (`currency-scorable.jsonl`), as kept in `../shared/conformance/recognizers-text`.
//!
//! Each case's input is read exactly as `newsclaims mentions` reads a document given with
//! its language, and scored on the amount mentions found:
//!
//! - **currency**: every line of `currency-scorable.jsonl` (a money result with a numeric
//!   value and an unambiguous ISO 4217 code) passes when a money mention has that currency
//!   and that value within 0.5 % (as the upper figure of a range or its lower bound);
//! - **number**: every `NumberModel` case whose expected values are all plain numbers in the
//!   language's notation (digits, an optional sign and one decimal separator: not "1,2E+15")
//!   passes when each expected value is the value of some amount mention (money, count,
//!   bare number or percentage). Cases expecting nothing are not scored.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::extract::MentionKind;
use crate::pipeline::Pipeline;

/// Relative tolerance for a money value ("within 0.5 %", as the claim scorer).
pub const MONEY_TOLERANCE: f64 = 0.005;
/// Relative tolerance for a plain number: the same value, up to the spec's rounding of
/// long fractions ("0,333333333333333").
pub const NUMBER_TOLERANCE: f64 = 1e-9;

/// The spec languages, with the rule-file code and the decimal separator of their values.
pub const LANGUAGES: [(&str, &str, char); 4] = [
    ("English", "en", '.'),
    ("French", "fr", ','),
    ("Dutch", "nl", ','),
    ("German", "de", ','),
];

/// Which spec a case comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// `currency-scorable.jsonl` (from the CurrencyModel specs).
    Currency,
    /// `NumberModel.json`, plain-number cases.
    Number,
}

impl Model {
    /// The model's name as the specs call it.
    pub fn name(self) -> &'static str {
        match self {
            Model::Currency => "CurrencyModel",
            Model::Number => "NumberModel",
        }
    }
}

/// One value a case expects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expected {
    /// The value, as a plain number.
    pub value: f64,
    /// The ISO 4217 code, for money.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// The text the peer reads it from.
    pub text: String,
}

/// A scored case.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// The model it belongs to.
    pub model: Model,
    /// Rule-file language code (`en`).
    pub lang: String,
    /// Index of the case in its spec file.
    pub index: usize,
    /// The input sentence.
    pub input: String,
    /// What must be found.
    pub expected: Vec<Expected>,
}

/// An amount mention found in a case's input, as scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Got {
    /// `money`, `count`, `number` or `percent`.
    pub kind: String,
    /// The figure (the upper one of a range).
    pub amount: f64,
    /// The lower bound of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Currency or count unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The text it was read from.
    pub text: String,
}

/// A case and what the pipeline made of it.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The case.
    #[serde(flatten)]
    pub case: Case,
    /// Whether every expected value was found.
    pub passed: bool,
    /// The amount mentions found (or why the input was not read).
    pub got: Vec<Got>,
    /// Why the document was skipped, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

/// Pass counts of one language and model.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Cases passed.
    pub passed: usize,
    /// Cases scored.
    pub total: usize,
}

impl Score {
    /// The pass rate (1.0 when nothing was scored).
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

/// The result of a conformance run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Pass counts per model and language code.
    pub scores: BTreeMap<Model, BTreeMap<String, Score>>,
    /// NumberModel cases not scored, per language: expecting nothing, or a value that is
    /// not a plain number.
    pub unscored: BTreeMap<String, usize>,
    /// Every scored case.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// The score of `model` in language `lang` (a rule-file code).
    pub fn score(&self, model: Model, lang: &str) -> Score {
        self.scores
            .get(&model)
            .and_then(|m| m.get(lang))
            .copied()
            .unwrap_or_default()
    }

    /// Pass rates per model and language; with `verbose`, every failure with its input,
    /// what was expected and what was found.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        if verbose {
            for o in self.outcomes.iter().filter(|o| !o.passed) {
                out.push_str(&render_failure(o));
            }
            if self.outcomes.iter().any(|o| !o.passed) {
                out.push('\n');
            }
        }
        out.push_str("model          lang  passed  total  rate\n");
        for (model, langs) in &self.scores {
            for (_, code, _) in LANGUAGES {
                let Some(s) = langs.get(code) else { continue };
                out.push_str(&format!(
                    "{:<14} {:<5} {:>6}  {:>5}  {:>5.1} %\n",
                    model.name(),
                    code,
                    s.passed,
                    s.total,
                    100.0 * s.rate()
                ));
            }
        }
        let unscored: Vec<String> = LANGUAGES
            .iter()
            .filter_map(|(_, code, _)| self.unscored.get(*code).map(|n| format!("{code} {n}")))
            .collect();
        if !unscored.is_empty() {
            out.push_str(&format!(
                "NumberModel cases not scored (no result, or a value that is not a plain number): {}\n",
                unscored.join(", ")
            ));
        }
        out
    }
}

fn render_failure(o: &Outcome) -> String {
    let c = &o.case;
    let expected: Vec<String> = c
        .expected
        .iter()
        .map(|e| match &e.iso {
            Some(iso) => format!("{} {iso} ({:?})", plain(e.value), e.text),
            None => format!("{} ({:?})", plain(e.value), e.text),
        })
        .collect();
    let got = match &o.skipped {
        Some(reason) => format!("skipped: {reason}"),
        None if o.got.is_empty() => "nothing".to_string(),
        None => o
            .got
            .iter()
            .map(|g| {
                let mut s = format!("{} {}", g.kind, plain(g.amount));
                if let Some(min) = g.min {
                    s = format!("{} {}–{}", g.kind, plain(min), plain(g.amount));
                }
                if let Some(u) = &g.unit {
                    s.push_str(&format!(" {u}"));
                }
                format!("{s} ({:?})", g.text)
            })
            .collect::<Vec<_>>()
            .join("; "),
    };
    format!(
        "FAIL {} {} #{}: {:?}\n  expected: {}\n  got:      {}\n",
        c.model.name(),
        c.lang,
        c.index,
        c.input,
        expected.join("; "),
        got
    )
}

/// A number without binary noise or a needless fraction.
fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// The rule-file code of a spec language name (`French` → `fr`).
pub fn lang_code(spec_language: &str) -> Option<&'static str> {
    LANGUAGES
        .iter()
        .find(|(name, _, _)| *name == spec_language)
        .map(|(_, code, _)| *code)
}

/// A spec value ("1234567,89" in French) as a plain number, when it is one: an optional
/// minus, digits, and at most one `decimal` separator followed by digits.
pub fn plain_value(text: &str, decimal: char) -> Option<f64> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match body.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let normal = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int.to_string(),
    };
    let v: f64 = normal.parse().ok()?;
    Some(if text.starts_with('-') { -v } else { v })
}

fn read(path: &Path) -> Result<String> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

fn data_error(path: &Path, line: Option<usize>, message: String) -> Error {
    Error::Data {
        path: path.to_path_buf(),
        line,
        message,
    }
}

#[derive(Deserialize)]
struct ScorableLine {
    lang: String,
    case_index: usize,
    input: String,
    text: String,
    value: f64,
    iso: String,
}

/// The cases of `currency-scorable.jsonl` in `dir`, one per line.
pub fn currency_cases(dir: &Path) -> Result<Vec<Case>> {
    let path = dir.join("currency-scorable.jsonl");
    let text = read(&path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: ScorableLine = serde_json::from_str(line)
            .map_err(|e| data_error(&path, Some(i + 1), e.to_string()))?;
        let lang = lang_code(&l.lang).ok_or_else(|| {
            data_error(&path, Some(i + 1), format!("unknown language {:?}", l.lang))
        })?;
        out.push(Case {
            model: Model::Currency,
            lang: lang.to_string(),
            index: l.case_index,
            input: l.input,
            expected: vec![Expected {
                value: l.value,
                iso: Some(l.iso),
                text: l.text,
            }],
        });
    }
    Ok(out)
}

/// The plain-number cases of `Specs/Number/<Language>/NumberModel.json` in `dir` for every
/// language present, and the number of cases left unscored per language code.
pub fn number_cases(dir: &Path) -> Result<(Vec<Case>, BTreeMap<String, usize>)> {
    let mut out = Vec::new();
    let mut unscored = BTreeMap::new();
    for (name, code, decimal) in LANGUAGES {
        let path = dir.join("Specs/Number").join(name).join("NumberModel.json");
        if !path.exists() {
            continue;
        }
        let spec: Vec<Json> = serde_json::from_str(&read(&path)?)
            .map_err(|e| data_error(&path, None, e.to_string()))?;
        for (index, case) in spec.iter().enumerate() {
            let input = case["Input"].as_str().unwrap_or_default().to_string();
            let results = case["Results"].as_array().cloned().unwrap_or_default();
            let expected: Option<Vec<Expected>> = results
                .iter()
                .map(|r| {
                    let value = match &r["Resolution"]["value"] {
                        Json::String(s) => plain_value(s, decimal)?,
                        _ => return None,
                    };
                    Some(Expected {
                        value,
                        iso: None,
                        text: r["Text"].as_str().unwrap_or_default().to_string(),
                    })
                })
                .collect();
            match expected {
                Some(expected) if !expected.is_empty() => out.push(Case {
                    model: Model::Number,
                    lang: code.to_string(),
                    index,
                    input,
                    expected,
                }),
                _ => *unscored.entry(code.to_string()).or_insert(0) += 1,
            }
        }
    }
    Ok((out, unscored))
}

/// Whether `got` equals `want` within `tolerance` (relative).
fn close(got: f64, want: f64, tolerance: f64) -> bool {
    (got - want).abs() <= tolerance * want.abs().max(f64::MIN_POSITIVE)
}

/// Read one case through the pipeline and score it.
pub fn score_case(pipeline: &Pipeline, case: Case) -> Outcome {
    let doc = Document {
        lang: Some(case.lang.clone()),
        ..Document::new(
            format!("{}-{}-{}", case.model.name(), case.lang, case.index),
            case.input.clone(),
        )
    };
    let analysis = match pipeline.analyse(&doc) {
        Ok(a) => a,
        Err(skipped) => {
            return Outcome {
                case,
                passed: false,
                got: Vec::new(),
                skipped: Some(skipped.reason.to_string()),
            }
        }
    };
    let got: Vec<Got> = analysis
        .sentences
        .iter()
        .flat_map(|s| &s.mentions)
        .filter_map(|m| match &m.kind {
            MentionKind::Amount(v) => v.amount().map(|a| Got {
                kind: v.kind().to_string(),
                amount: a.amount,
                min: a.min,
                unit: a.unit.as_deref().map(str::to_string),
                text: doc.text[m.start..m.end].to_string(),
            }),
            _ => None,
        })
        .collect();
    let found = |e: &Expected| {
        got.iter().any(|g| {
            let values = std::iter::once(g.amount).chain(g.min);
            match &e.iso {
                Some(iso) => {
                    g.kind == "money"
                        && g.unit.as_deref() == Some(iso.as_str())
                        && values
                            .into_iter()
                            .any(|v| close(v, e.value, MONEY_TOLERANCE))
                }
                None => values
                    .into_iter()
                    .any(|v| close(v, e.value, NUMBER_TOLERANCE)),
            }
        })
    };
    let passed = case.expected.iter().all(found);
    Outcome {
        case,
        passed,
        got,
        skipped: None,
    }
}

/// Run every currency and number case under `dir` through `pipeline`.
pub fn run(pipeline: &Pipeline, dir: &Path) -> Result<Report> {
    let mut cases = currency_cases(dir)?;
    let (numbers, unscored) = number_cases(dir)?;
    cases.extend(numbers);
    let mut scores: BTreeMap<Model, BTreeMap<String, Score>> = BTreeMap::new();
    let mut outcomes = Vec::with_capacity(cases.len());
    for case in cases {
        let o = score_case(pipeline, case);
        let s = scores
            .entry(o.case.model)
            .or_default()
            .entry(o.case.lang.clone())
            .or_default();
        s.total += 1;
        s.passed += usize::from(o.passed);
        outcomes.push(o);
    }
    Ok(Report {
        scores,
        unscored,
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_use_the_language_separator() {
        assert_eq!(plain_value("1234567,89", ','), Some(1234567.89));
        assert_eq!(plain_value("-9,5", ','), Some(-9.5));
        assert_eq!(plain_value("12.5", '.'), Some(12.5));
        assert_eq!(plain_value("300", ','), Some(300.0));
        assert_eq!(plain_value("0.08", ','), None);
        assert_eq!(plain_value("1,2732E+15", ','), None);
        assert_eq!(plain_value("", '.'), None);
        assert_eq!(plain_value("-", '.'), None);
    }

    #[test]
    fn tolerance_is_relative() {
        assert!(close(1.004e9, 1e9, MONEY_TOLERANCE));
        assert!(!close(1.006e9, 1e9, MONEY_TOLERANCE));
        assert!(close(1.0 / 3.0, 0.333333333333333, NUMBER_TOLERANCE));
        assert!(!close(0.0, 5.0, NUMBER_TOLERANCE));
    }
}
