//! Headless Chromium for the tests of the HTML report: finding it, running it on a page,
//! and reading what the page's self-test (`#selftest`) wrote into its DOM.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Chromium binary: `$CHROMIUM`, `/usr/bin/chromium`, or `chromium` /
/// `chromium-browser` on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium for `test`, when installed ([`chromium`]): when absent, `test` is reported
/// skipped (and fails on CI).
pub fn chromium_for(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        super::skip(
            test,
            "Chromium is not installed (apt-get install -y chromium)",
        );
    }
    found
}

/// A `file://` URL for an absolute path.
pub fn file_url(path: &Path, fragment: &str) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url + fragment
}

/// Run headless Chromium with `args` (after the isolation flags) in a fresh profile;
/// its stdout and stderr. Fails after two minutes.
pub fn run_chromium(binary: &Path, args: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().expect("temporary profile directory");
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .current_dir(profile.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish in two minutes: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (out, err) = (
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    );
    assert!(
        status.success(),
        "chromium {args:?} failed ({status}):\n{err}"
    );
    (out, err)
}

/// Script errors Chromium logged: uncaught exceptions and console errors.
pub fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("Uncaught") || l.contains("ERROR:CONSOLE"))
        .collect()
}

/// The JSON the page's self-test wrote into `pre#selftest` of the dumped `dom`; fails,
/// with Chromium's `stderr`, when the self-test did not run.
pub fn selftest_result(dom: &str, stderr: &str) -> serde_json::Value {
    let start = dom
        .rfind(r#"<pre id="selftest">"#)
        .unwrap_or_else(|| panic!("the self-test did not run:\n{stderr}"));
    let json = &dom[start + r#"<pre id="selftest">"#.len()..];
    let json = &json[..json.find("</pre>").expect("self-test output closes")];
    let json = json
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("self-test JSON")
}

/// Open `page` with `#selftest` in headless Chromium: the JSON the page's self-test wrote,
/// after checking that no script error was logged.
pub fn run_selftest(browser: &Path, page: &Path) -> serde_json::Value {
    let (dom, stderr) = run_chromium(
        browser,
        &[
            "--virtual-time-budget=5000".into(),
            "--dump-dom".into(),
            file_url(page, "#selftest"),
        ],
    );
    assert!(
        console_errors(&stderr).is_empty(),
        "script errors:\n{stderr}"
    );
    selftest_result(&dom, &stderr)
}
