//! Values of mentions and claims: amounts with their unit and qualifier, and dates.
//!
//! This is the `value` object of the claim JSON contract (DESIGN.md section 3). Its
//! strings, and those of claims, are [`Text`]s: shared by the claims that repeat them.

use serde::{Deserialize, Serialize, Serializer};

mod text;

pub use text::{Text, Texts};

/// How a stated figure relates to the real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// "more than", "over".
    MoreThan,
    /// "at least".
    AtLeast,
    /// "less than", "almost".
    LessThan,
    /// "up to".
    UpTo,
    /// "about", "around".
    Approx,
}

impl Qualifier {
    /// The qualifier with this id (`more_than`).
    pub fn from_id(id: &str) -> Option<Qualifier> {
        Some(match id {
            "exact" => Qualifier::Exact,
            "more_than" => Qualifier::MoreThan,
            "at_least" => Qualifier::AtLeast,
            "less_than" => Qualifier::LessThan,
            "up_to" => Qualifier::UpTo,
            "approx" => Qualifier::Approx,
            _ => return None,
        })
    }

    /// The id as written in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::UpTo => "up_to",
            Qualifier::Approx => "approx",
        }
    }
}

/// An amount: money or a count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The figure as a plain number (4 billion → 4000000000).
    #[serde(serialize_with = "plain_number")]
    pub amount: f64,
    /// ISO 4217 code for money; `jobs`, `people`... for counts; absent for a bare number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// How the figure is qualified.
    #[serde(default = "exact")]
    pub qualifier: Qualifier,
    /// The lower bound of a range ("between 30 and 50 billion": 30 billion).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_option"
    )]
    pub min: Option<f64>,
    /// Half the step of the last stated digit: "1.2 billion" is 1.2e9 ± 0.05e9.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_option"
    )]
    pub precision: Option<f64>,
    /// The text the figure was read from.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub text: Text,
}

fn exact() -> Qualifier {
    Qualifier::Exact
}

/// The weekday ids of the claim contract, by jiff's weekday.
const WEEKDAYS: [(jiff::civil::Weekday, &str); 7] = [
    (jiff::civil::Weekday::Monday, "monday"),
    (jiff::civil::Weekday::Tuesday, "tuesday"),
    (jiff::civil::Weekday::Wednesday, "wednesday"),
    (jiff::civil::Weekday::Thursday, "thursday"),
    (jiff::civil::Weekday::Friday, "friday"),
    (jiff::civil::Weekday::Saturday, "saturday"),
    (jiff::civil::Weekday::Sunday, "sunday"),
];

/// The weekday a weekday id (`monday` ... `sunday`) names.
pub fn weekday_named(id: &str) -> Option<jiff::civil::Weekday> {
    WEEKDAYS
        .iter()
        .find(|(_, name)| *name == id)
        .map(|(w, _)| *w)
}

/// The weekday id of an ISO date with a year (`2024-05-12` → `sunday`).
pub fn weekday_of(date: &str) -> Option<String> {
    let weekday = date.parse::<jiff::civil::Date>().ok()?.weekday();
    WEEKDAYS
        .iter()
        .find(|(w, _)| *w == weekday)
        .map(|(_, name)| name.to_string())
}

/// A day, as precise as the text states it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Day {
    /// `monday` ... `sunday`, when stated or derivable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<Text>,
    /// ISO 8601: `2024-05-12`, or `--05-12` when the year is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
    /// The text the day was read from.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub text: Text,
}

/// The value of a mention or claim. It is read from its fields in any order, in one
/// pass: serde's internally tagged form would first copy every field into a buffer to
/// find `kind`, which costs more than reading the claim around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", try_from = "ValueFields")]
pub enum Value {
    /// An amount of money; `unit` is an ISO 4217 code.
    Money(Amount),
    /// A count of things; `unit` says of what.
    Count(Amount),
    /// A number with no unit (yet).
    Number(Amount),
    /// A percentage.
    Percent(Amount),
    /// A day.
    Date(Day),
}

/// The kind of a value, as its `kind` field names it.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Money,
    Count,
    Number,
    Percent,
    Date,
}

/// The fields of a value of any kind, as its JSON object holds them: what a [`Value`] is
/// read from. The fields of an amount and of a day default as theirs do.
#[derive(Deserialize)]
struct ValueFields {
    kind: Kind,
    #[serde(default)]
    amount: Option<f64>,
    #[serde(default)]
    unit: Option<Text>,
    #[serde(default = "exact")]
    qualifier: Qualifier,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    precision: Option<f64>,
    #[serde(default)]
    weekday: Option<Text>,
    #[serde(default)]
    date: Option<Text>,
    #[serde(default)]
    text: Text,
}

/// Why the fields of a value make no value: an amount without its figure.
#[derive(Debug)]
struct MissingAmount;

impl std::fmt::Display for MissingAmount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("missing field `amount`")
    }
}

impl TryFrom<ValueFields> for Value {
    type Error = MissingAmount;

    fn try_from(v: ValueFields) -> Result<Value, MissingAmount> {
        let amount = |v: ValueFields| -> Result<Amount, MissingAmount> {
            Ok(Amount {
                amount: v.amount.ok_or(MissingAmount)?,
                unit: v.unit,
                qualifier: v.qualifier,
                min: v.min,
                precision: v.precision,
                text: v.text,
            })
        };
        Ok(match v.kind {
            Kind::Money => Value::Money(amount(v)?),
            Kind::Count => Value::Count(amount(v)?),
            Kind::Number => Value::Number(amount(v)?),
            Kind::Percent => Value::Percent(amount(v)?),
            Kind::Date => Value::Date(Day {
                weekday: v.weekday,
                date: v.date,
                text: v.text,
            }),
        })
    }
}

impl Value {
    /// The amount of a money, count, number or percent value.
    pub fn amount(&self) -> Option<&Amount> {
        match self {
            Value::Money(a) | Value::Count(a) | Value::Number(a) | Value::Percent(a) => Some(a),
            Value::Date(_) => None,
        }
    }

    /// The value in one short line for diagnostics: `1200000000 EUR more_than`,
    /// `sunday --05-12`.
    pub fn brief(&self) -> String {
        match self {
            Value::Date(d) => format!(
                "{} {}",
                d.weekday.as_deref().unwrap_or("-"),
                d.date.as_deref().unwrap_or("-")
            ),
            v => v
                .amount()
                .map(|a| {
                    format!(
                        "{} {} {}",
                        a.amount,
                        a.unit.as_deref().unwrap_or("-"),
                        a.qualifier.id()
                    )
                })
                .unwrap_or_default(),
        }
    }

    /// The kind as written in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Money(_) => "money",
            Value::Count(_) => "count",
            Value::Number(_) => "number",
            Value::Percent(_) => "percent",
            Value::Date(_) => "date",
        }
    }
}

/// Write whole numbers without a fraction (1200000000, not 1200000000.0).
pub fn plain_number<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

fn plain_option<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => plain_number(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_serialises_as_the_contract_says() {
        let v = Value::Money(Amount {
            amount: 1.2e9,
            unit: Some("EUR".into()),
            qualifier: Qualifier::MoreThan,
            min: None,
            precision: None,
            text: "plus de 1,2 milliard d’euros".into(),
        });
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"money","amount":1200000000,"unit":"EUR","qualifier":"more_than","text":"plus de 1,2 milliard d’euros"}"#
        );
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
    }
}

/// When a figure applies, as the text scopes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeScope {
    /// "by 2027": a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<i32>,
    /// "in 2024", "for 2024".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// "since 2010": a cumulative figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i32>,
    /// A commitment the text says was made earlier.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prior: bool,
}

impl TimeScope {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        *self == TimeScope::default()
    }
}
