//! The rule loader on arbitrary bytes as each kind of rule file (a language's rules, the
//! predicates, the entities): an error naming the file, never a panic.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use newsclaims::rules::BUNDLED;
use newsclaims::RuleSet;

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return;
    };
    let mut files: BTreeMap<String, (PathBuf, String)> = BUNDLED
        .iter()
        .map(|(name, text)| (name.to_string(), (PathBuf::from(name), text.to_string())))
        .collect();
    let name = BUNDLED[usize::from(which) % BUNDLED.len()].0;
    files.insert(name.to_string(), (PathBuf::from(name), text.to_string()));
    if let Err(e) = RuleSet::from_files(&files) {
        assert!(!e.to_string().is_empty());
    }
});
