//! Harnesses, visibly apart from the pipeline's stages: scoring claims against a gold file
//! ([`eval`]), running the examples inside the rule files ([`examples`]), the
//! Recognizers-Text conformance run ([`conformance`]), and generating corpora for scale
//! tests ([`synth`]). They use the pipeline; nothing in it uses them.

pub mod conformance;
pub mod eval;
pub mod examples;
pub mod synth;
