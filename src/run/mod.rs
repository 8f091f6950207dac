//! Running the pipeline as a batch job: over many inputs in parallel with output in
//! input order and a summary that accounts for every input ([`batch`]), and writing
//! results so that no run leaves a half-written file ([`output`]).

pub mod batch;
pub mod output;
