//! newsclaims: extract checkable claims from news articles in several languages and
//! cross-check them between sources.
//!
//! The pipeline, one folder or file per stage, data flowing one way:
//!
//! ```text
//! corpus ─► lang ─► segment ─► extract ─► claims ─► crosscheck ─► report
//!  read      detect  sentences   mentions   claims    clusters      json / md / html
//! ```
//!
//! Imports follow the same order, and a test (`tests/house.rs`) keeps them so: the leaves
//! ([`value`], [`error`], [`normalize`], [`describe`]) → [`rules`] (load, validate,
//! compile) → [`corpus`], [`lang`], [`segment`] → [`extract`] → [`claims`] →
//! [`crosscheck`] → [`report`] → [`pipeline`] (orchestration) → [`run`] (batch runs,
//! atomic outputs) → [`tools`] (eval, rule examples, conformance, corpus generator). The
//! command line (`src/bin/newsclaims`) is the only place that knows clap and indicatif.
//!
//! Every language-specific word, number format and pattern lives in the rule files
//! (`rules/`), loaded and compiled once by [`RuleSet`]; a [`Pipeline`] reads one document:
//!
//! ```
//! use newsclaims::{corpus::Document, Pipeline, RuleSet};
//!
//! let pipeline = Pipeline::new(RuleSet::bundled()?, None);
//! let doc = Document::new("a.txt", "Microsoft will invest €4 billion in France.");
//! let (lang, claims) = pipeline.claims(&doc).expect("an English article");
//! assert_eq!(lang, "en");
//! assert_eq!(claims[0].predicate, "invest");
//! assert_eq!(claims[0].subject.as_ref().unwrap().id, "microsoft");
//! # Ok::<(), newsclaims::Error>(())
//! ```

pub mod claims;
pub mod corpus;
pub mod crosscheck;
pub mod describe;
pub mod error;
pub mod extract;
pub mod lang;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod run;
pub mod segment;
pub mod tools;
pub mod value;

pub use claims::Claim;
pub use error::{Error, Result};
pub use pipeline::{Detected, Pipeline, Prepared};
pub use rules::RuleSet;
