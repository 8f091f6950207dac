//! Helpers shared by the integration tests (each test binary uses some of them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use newsclaims::batch;
use newsclaims::eval::{evaluate, Gold, Report};
use newsclaims::{Pipeline, RuleSet};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/<name>` beside the checkout, when present (CI has it; a bare clone may not).
pub fn shared(name: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join(name);
    p.exists().then_some(p)
}

/// A pipeline over the bundled rules.
pub fn pipeline() -> Pipeline {
    Pipeline::new(RuleSet::bundled().expect("bundled rules load"), None)
}

/// Extract the claims of `dir` and score them against its `expected.json`.
pub fn score(dir: &Path) -> Report {
    let gold = Gold::read(&dir.join("expected.json")).expect("gold file reads");
    let (claims, _) = batch::extract(&pipeline(), &[dir.to_path_buf()]);
    evaluate(&gold, &claims)
}
