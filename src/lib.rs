//! newsclaims: extract checkable claims from news articles in several languages and
//! cross-check them between sources.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! corpus ─► lang ─► segment ─► extract ─► claims ─► crosscheck ─► report
//! ```
//!
//! Every language-specific word, number format and pattern lives in the rule files
//! (`rules/`), loaded and compiled once by [`rules::RuleSet`]. A [`pipeline::Pipeline`]
//! reads one document; [`run::batch`] runs it over many inputs in parallel with deterministic
//! output; [`eval`] scores claims against a gold file.

pub mod claims;
pub mod conformance;
pub mod corpus;
pub mod crosscheck;
pub mod describe;
pub mod error;
pub mod eval;
pub mod examples;
pub mod extract;
pub mod lang;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod run;
pub mod segment;
pub mod synth;
pub mod value;

pub use claims::Claim;
pub use error::{Error, Result};
pub use pipeline::Pipeline;
pub use rules::RuleSet;
