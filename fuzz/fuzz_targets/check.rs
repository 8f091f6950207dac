//! Cross-checking on arbitrary claims files, as `check --claims` reads them: each line a
//! claim or skipped, extreme figures included ("1e308", "-0", "5e-324"); the report in
//! every format, and never a panic or a hang.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsclaims::claims::Claim;
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::report::{write_report, Format};
use newsclaims::RuleSet;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::bundled().expect("bundled rules"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let claims: Vec<Claim> = text
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let fx = FxRates::parse("data/fx.toml", BUNDLED_FX).expect("bundled rates");
    let report = CrossChecker::new(&rules().gazetteer, fx).check(claims, Default::default());
    for format in [Format::Json, Format::Md, Format::Html] {
        write_report(&report, format, &mut std::io::sink()).expect("a sink takes everything");
    }
});
