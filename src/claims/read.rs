//! Claims read back from the JSON Lines that `newsclaims extract` wrote, for `newsclaims
//! check --claims`: one claim a line, parsed in parallel, a bad line skipped with its
//! reason.

use rayon::prelude::*;

use crate::corpus::{SkipReason, Skipped};
use crate::error::Error;

use super::Claim;

/// Read claims written earlier by `newsclaims extract` (JSON Lines). A line that is not a
/// claim (malformed JSON, a missing or null figure) is skipped, named `FILE:LINE` with the
/// reason; the rest of the file is read. Lines are parsed in parallel.
pub fn read_claims(path: &std::path::Path) -> crate::error::Result<(Vec<Claim>, Vec<Skipped>)> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let parsed: Vec<Result<Claim, Skipped>> = lines
        .into_par_iter()
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| {
                let at = format!("{}:{}", path.display(), i + 1);
                Skipped::new(at, SkipReason::NotAClaim(e.to_string()))
            })
        })
        .collect();
    let (mut claims, mut skipped) = (Vec::new(), Vec::new());
    for line in parsed {
        match line {
            Ok(claim) => claims.push(claim),
            Err(skip) => skipped.push(skip),
        }
    }
    Ok((claims, skipped))
}
