//! Helpers shared by the integration tests (each test binary uses some of them).
#![allow(dead_code)]

pub mod browser;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value as Json;

use newsclaims::run::batch;
use newsclaims::tools::eval::{evaluate, Gold, Report};
use newsclaims::{Pipeline, RuleSet};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether this run is on CI (`CI` set, not "false" or "0"), where tests that need an
/// outside tool (Chromium, PySpark) must run instead of being skipped.
pub fn on_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A test that cannot run here: on CI that fails it (CI installs what every test needs);
/// elsewhere it prints a `SKIPPED` line straight to stderr, which cargo's output capture
/// does not swallow, so a skip is never mistaken for a pass.
pub fn skip(test: &str, missing: &str) {
    assert!(!on_ci(), "{test}: CI is set but {missing}");
    let line = format!("SKIPPED {test}: {missing} (set CI=true to require it)\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// `../shared/<name>` beside the checkout, when present (CI has it; a bare clone may not):
/// when absent, `test` is reported skipped (and fails on CI).
pub fn shared_for(test: &str, name: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join(name);
    if p.exists() {
        return Some(p);
    }
    skip(test, &format!("../shared/{name} is not present"));
    None
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

/// What a run of the binary did.
pub struct Run {
    /// Exit code.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Standard output's JSON lines.
    pub fn lines(&self) -> Vec<Json> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {l}"))
            })
            .collect()
    }

    /// Panic unless the exit code is 0.
    pub fn assert_ok(&self) {
        assert_eq!(self.code, Some(0), "exit code; stderr:\n{}", self.stderr);
    }
}

/// Run the binary from the project root, with `stdin` as its standard input.
pub fn run_with_stdin<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Run the binary from the project root with no standard input; panic if it has not
/// ended after `limit` (a hang is a failure, not a stuck test run).
pub fn run_within<S: AsRef<std::ffi::OsStr>>(args: &[S], limit: std::time::Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            let args: Vec<_> = args.iter().map(|a| a.as_ref().to_owned()).collect();
            panic!("newsclaims {args:?} still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run the binary from the project root with empty standard input.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    run_with_stdin(args, "")
}

/// Write `contents` to `dir/name`, creating folders.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    path
}

/// The skip line of the summary that names `input`.
pub fn skip_line<'a>(stderr: &'a str, input: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.trim_start().starts_with("skipped") && l.contains(input))
        .unwrap_or_else(|| panic!("no skip line for {input:?} in:\n{stderr}"))
}

/// The documents of `claims`, in order, each once.
pub fn docs_of(claims: &[Json]) -> Vec<&str> {
    let mut docs: Vec<&str> = claims.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    docs.dedup();
    docs
}
