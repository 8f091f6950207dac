//! The dated exchange-rate file: how many units of each currency one unit of a base
//! currency buys on one date, with a tolerance, for comparing amounts in currencies the
//! text does not convert itself.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The bundled exchange-rate file.
pub const BUNDLED_FX: &str = include_str!("../../data/fx.toml");

/// Exchange rates of one date, for comparing currencies the text does not convert.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FxRates {
    /// The date the rates are from.
    pub date: String,
    /// The currency rates are quoted against.
    pub base: String,
    /// Relative tolerance for converted amounts.
    pub tolerance: f64,
    /// Units of each currency per unit of the base.
    pub rates: BTreeMap<String, f64>,
}

impl FxRates {
    /// Parse a rate file (`path` for messages): every rate a positive finite number, the
    /// tolerance a finite one of at least zero.
    pub fn parse(path: &str, text: &str) -> Result<FxRates> {
        let fx: FxRates = toml::from_str(text).map_err(|e| {
            Error::rule_at(path, text, e.span().map(|s| s.start), e.message(), None)
        })?;
        let bad_rate = fx.rates.iter().find(|(_, r)| !(r.is_finite() && **r > 0.0));
        let (key, message) = match bad_rate {
            Some((code, rate)) => (
                code.as_str(),
                format!("rate {rate} is not a positive number"),
            ),
            None if !(fx.tolerance.is_finite() && fx.tolerance >= 0.0) => (
                "tolerance",
                format!("tolerance {} is not a number of at least 0", fx.tolerance),
            ),
            None => return Ok(fx),
        };
        let at_line_start = text
            .match_indices(key)
            .find(|(i, _)| text[..*i].ends_with('\n') || *i == 0);
        Err(Error::rule_at(
            path,
            text,
            at_line_start.map(|(i, _)| i),
            message,
            None,
        ))
    }

    /// Units of `currency` per unit of the base currency, when the file has it.
    pub fn rate(&self, currency: &str) -> Option<f64> {
        if currency == self.base {
            Some(1.0)
        } else {
            self.rates.get(currency).copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_files_with_a_rate_or_tolerance_that_is_no_positive_number_are_refused() {
        let file = |rate: &str, tolerance: &str| {
            format!(
                "date = \"2026-01-01\"\nbase = \"EUR\"\ntolerance = {tolerance}\n\
                 [rates]\nUSD = 1.1\nGBP = {rate}\n"
            )
        };
        assert!(FxRates::parse("fx.toml", &file("0.85", "0.05")).is_ok());
        for (rate, tolerance, line) in [
            ("0", "0.05", 6),
            ("-1", "0.05", 6),
            ("inf", "0.05", 6),
            ("nan", "0.05", 6),
            ("0.85", "nan", 3),
            ("0.85", "-0.1", 3),
        ] {
            let err = FxRates::parse("fx.toml", &file(rate, tolerance)).unwrap_err();
            let said = err.to_string();
            assert!(
                said.contains(&format!("fx.toml:{line}")),
                "{rate} {tolerance}: {said}"
            );
        }
    }
}
