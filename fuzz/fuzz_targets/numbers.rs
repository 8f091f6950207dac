//! The number and amount parser on arbitrary text, in every language: no panic, and every
//! span slices the text on character boundaries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsclaims::extract::sentence_mentions;
use newsclaims::RuleSet;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::bundled().expect("bundled rules compile"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lang in rules().languages.values() {
        for m in sentence_mentions(lang, &text, 0..text.len(), true) {
            assert!(m.start <= m.end && text.get(m.start..m.end).is_some());
        }
    }
});
