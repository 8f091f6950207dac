//! Extraction end to end on arbitrary bytes, read as an input file is: no panic, and every
//! claim's evidence slices the document.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsclaims::corpus::{decode, Document, NonUtf8};
use newsclaims::{Pipeline, RuleSet};

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(RuleSet::bundled().expect("bundled rules"), None))
}

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode(data.to_vec(), NonUtf8::Windows1252) else {
        return;
    };
    let doc = Document::new("fuzz", text);
    if let Ok((_, claims)) = pipeline().claims(&doc) {
        for c in claims {
            assert_eq!(doc.text.get(c.evidence.start..c.evidence.end), Some(c.evidence.text.as_str()));
        }
    }
});
