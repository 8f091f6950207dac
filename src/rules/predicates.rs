//! `predicates.toml`: the predicates a claim can have, checked (ids once each, a unit for
//! every count predicate) and kept in file order, which is their index everywhere.

use std::path::Path;

use rustc_hash::FxHashSet;

use super::schema::{parse_toml, PredicateDef, PredicatesFile, ValueKind};
use crate::error::{Error, Result};

/// A compiled predicate: its definition and its index.
#[derive(Debug, Clone)]
pub struct Predicate {
    /// The definition from `predicates.toml`.
    pub def: PredicateDef,
}

/// The predicates of `predicates.toml` at `path` (for messages), in file order.
pub(super) fn compile_predicates(path: &Path, text: &str) -> Result<Vec<Predicate>> {
    let file: PredicatesFile = parse_toml(path, text)?;
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for spanned in file.predicate {
        let offset = spanned.span().start;
        let def = spanned.into_inner();
        if !seen.insert(def.id.clone()) {
            return Err(Error::rule_at(
                path,
                text,
                Some(offset),
                format!("duplicate predicate id {:?}", def.id),
                Some("each predicate id appears once"),
            ));
        }
        if def.kind == ValueKind::Count && def.unit.is_none() {
            return Err(Error::rule_at(
                path,
                text,
                Some(offset),
                format!("count predicate {:?} has no unit", def.id),
                Some("add unit = \"jobs\" (or whatever its claims count)"),
            ));
        }
        out.push(Predicate { def });
    }
    Ok(out)
}
