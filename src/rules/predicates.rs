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
    /// The family of its `unit`: the units the predicates' `unit`, `units` and `accepts`
    /// join to it, directly or through another (jobs, people and employees are one; sites
    /// another). A frame binds a count only of a unit of its predicate's family. Empty for
    /// a predicate without a unit.
    pub unit_family: Vec<String>,
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
        out.push(def);
    }
    let predicates = out
        .iter()
        .map(|def| Predicate {
            def: def.clone(),
            unit_family: def
                .unit
                .as_deref()
                .map_or_else(Vec::new, |unit| unit_family(&out, unit)),
        })
        .collect();
    Ok(predicates)
}

/// The units of `unit`'s family among `defs`: those a predicate's `unit`, `units` and
/// `accepts` join to it, directly or through another.
fn unit_family(defs: &[PredicateDef], unit: &str) -> Vec<String> {
    let mut family = vec![unit.to_string()];
    loop {
        let before = family.len();
        for def in defs {
            let units: Vec<&String> = def
                .unit
                .iter()
                .chain(&def.units)
                .chain(&def.accepts)
                .collect();
            if units.iter().any(|u| family.contains(u)) {
                for u in units {
                    if !family.contains(u) {
                        family.push(u.clone());
                    }
                }
            }
        }
        if family.len() == before {
            return family;
        }
    }
}
