//! Rules, then extraction with them: arbitrary bytes as the English rule file (the rest
//! bundled), and an article after a NUL byte. A rule file that loads must never make
//! extraction panic, whatever it says.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use newsclaims::corpus::Document;
use newsclaims::rules::BUNDLED;
use newsclaims::{Pipeline, RuleSet};

fuzz_target!(|data: &[u8]| {
    let (rules, article) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"Acme will invest 1.2 billion euros in France by 2027."[..]),
    };
    let (Ok(rules), Ok(article)) = (std::str::from_utf8(rules), std::str::from_utf8(article))
    else {
        return;
    };
    let mut files: BTreeMap<String, (PathBuf, String)> = BUNDLED
        .iter()
        .map(|(name, text)| (name.to_string(), (PathBuf::from(name), text.to_string())))
        .collect();
    files.insert("en.toml".into(), (PathBuf::from("en.toml"), rules.to_string()));
    let Ok(rules) = RuleSet::from_files(&files) else {
        return;
    };
    let pipeline = Pipeline::new(rules, Some("en".to_string()));
    let doc = Document::new("fuzz", article);
    if let Ok((_, claims)) = pipeline.claims(&doc) {
        for c in claims {
            assert_eq!(doc.text.get(c.evidence.start..c.evidence.end), Some(c.evidence.text.as_str()));
        }
    }
});
