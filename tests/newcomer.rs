//! A newcomer's first hour: the README's set-up commands on a fresh clone, and the CLI
//! behaving like the tools people know (ripgrep, clap-based tools): usage errors exit 2
//! before any work, a closed pipe is no error, folders are walked without reading hidden
//! files or the run's own outputs, `-j`/`-q`/`--color`, and the generated man page and
//! shell completions.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

mod common;
use common::{root, run, skip, write, Run};

// ---------------------------------------------------------------------------------------
// Articles (our own words).

const EN: &str = "Microsoft will invest €2 billion in France, the company said on \
Tuesday. It will create 1,500 jobs in the country by 2028.\n";

const FR: &str = "Microsoft investira 2 milliards d'euros en France, a indiqué le \
groupe mardi. L'entreprise créera 1 500 emplois dans le pays d'ici 2028.\n";

/// A corpus folder under git, as a user's folder of articles often is.
fn corpus() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "en.txt", EN);
    write(dir.path(), "fr.txt", FR);
    write(dir.path(), ".git/HEAD", "ref: refs/heads/main\n");
    write(
        dir.path(),
        ".git/notes.txt",
        "Microsoft will invest €9 billion.\n",
    );
    write(dir.path(), ".DS_Store", b"\0\0\0\x01Bud1");
    write(
        dir.path(),
        ".hidden.txt",
        "Microsoft will invest €7 billion.\n",
    );
    write(dir.path(), "expected.json", "{\"claims\": []}\n");
    dir
}

fn args<'a>(list: &'a [&'a str], paths: &'a [PathBuf]) -> Vec<&'a std::ffi::OsStr> {
    let mut all: Vec<&std::ffi::OsStr> = list.iter().map(std::ffi::OsStr::new).collect();
    all.extend(paths.iter().map(|p| p.as_os_str()));
    all
}

// ---------------------------------------------------------------------------------------
// The README's set-up commands.

/// The commands of the README's "Set up" section, in order, one per ```sh block.
fn set_up_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Set up"))
        .expect("a Set up section");
    section
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().trim().to_string())
        .collect()
}

#[test]
fn readme_set_up_commands_work_on_a_fresh_clone() {
    let commands = set_up_commands();
    assert_eq!(commands.len(), 2, "two set-up commands: {commands:?}");
    // The test command is the one CI runs on a fresh clone (`.ci/run`), which is how it
    // is exercised: running it from inside the tests would run them recursively.
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines()
            .any(|l| l.trim().starts_with(commands[1].as_str())),
        "{:?} is what .ci/run runs",
        commands[1]
    );
    let has_git = Command::new("git").arg("--version").output().is_ok();
    if !has_git || !root().join(".git").exists() {
        skip(
            "readme_set_up_commands_work_on_a_fresh_clone",
            "no git checkout",
        );
        return;
    }
    let clone = TempDir::new().unwrap();
    let status = Command::new("git")
        .args(["clone", "-q", "--no-hardlinks"])
        .arg(root())
        .arg(clone.path().join("newsclaims"))
        .status()
        .unwrap();
    assert!(status.success(), "git clone");
    let out = Command::new("bash")
        .args(["-c", &commands[0]])
        .current_dir(clone.path().join("newsclaims"))
        // A build folder of its own: the running tests hold the project's.
        .env("CARGO_TARGET_DIR", root().join("target/readme-clone"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{}: {stderr}", commands[0]);
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.starts_with("# newsclaims cross-check report"),
        "{report}"
    );
    assert!(report.contains("## Conflicts"), "{report}");
}

// ---------------------------------------------------------------------------------------
// Usage errors: exit 2, one line, nothing done.

#[test]
fn usage_errors_exit_2_with_one_line_naming_what_is_wrong() {
    let dir = corpus();
    let good = dir.path().to_path_buf();
    let cases: Vec<(Vec<&str>, Vec<PathBuf>, &str)> = vec![
        (vec!["check", "no-such-dir"], vec![], "no-such-dir"),
        (
            vec!["extract", "no-such-file.txt"],
            vec![good.clone()],
            "no-such-file.txt",
        ),
        (vec!["mentions", "gone"], vec![], "gone"),
        (
            vec![
                "eval",
                "--gold",
                "fixtures/articles/expected.json",
                "nowhere",
            ],
            vec![],
            "nowhere",
        ),
        (vec!["check"], vec![], "no input"),
        (
            vec!["check", "--claims", "no-claims.jsonl"],
            vec![],
            "no-claims.jsonl",
        ),
        (
            vec!["extract", "-o", "missing-folder/claims.jsonl"],
            vec![good.clone()],
            "missing-folder/claims.jsonl",
        ),
        (
            vec!["check", "-o", "missing-folder/report.md"],
            vec![good.clone()],
            "missing-folder/report.md",
        ),
        (
            vec!["extract", "--summary", "missing-folder/summary.json"],
            vec![good],
            "missing-folder/summary.json",
        ),
    ];
    for (list, paths, named) in &cases {
        let out = run(&args(list, paths));
        assert_eq!(out.code, Some(2), "{list:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{list:?}: nothing done");
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{list:?}: one line: {}", out.stderr);
        assert!(lines[0].contains(named), "{list:?}: {}", lines[0]);
        assert!(
            !lines[0].contains(".tmp"),
            "names the user's path: {}",
            lines[0]
        );
        assert_eq!(
            lines[0].matches("newsclaims:").count(),
            1,
            "{list:?}: {}",
            lines[0]
        );
    }
}

#[test]
fn a_closed_pipe_ends_extract_quietly_with_exit_0() {
    // Enough articles that the output outgrows a pipe's buffer.
    let dir = TempDir::new().unwrap();
    for i in 0..300 {
        write(dir.path(), &format!("{i:03}_en.txt"), EN);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .arg("extract")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'), "{first}");
    // stdout is dropped here: the reader went away, as `| head -n 1` does.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.to_lowercase().contains("pipe"), "{stderr}");
    assert!(!stderr.to_lowercase().contains("error"), "{stderr}");
}

// ---------------------------------------------------------------------------------------
// Inputs a user did not mean.

#[test]
fn hidden_files_and_the_runs_own_outputs_are_never_read_as_articles() {
    let dir = corpus();
    let report = dir.path().join("report.md");
    let check = || {
        run(&args(
            &["check", "--strict", "-o", report.to_str().unwrap()],
            &[dir.path().to_path_buf()],
        ))
    };
    let first = check();
    first.assert_ok();
    let first_report = std::fs::read_to_string(&report).unwrap();
    let second = check();
    second.assert_ok();
    assert_eq!(std::fs::read_to_string(&report).unwrap(), first_report);
    for out in [&first, &second] {
        assert!(out.stderr.contains("2 documents read"), "{}", out.stderr);
        assert!(out.stderr.contains("0 skipped"), "{}", out.stderr);
        for noise in [".git", ".DS_Store", ".hidden", "expected.json", "report.md"] {
            assert!(!out.stderr.contains(noise), "{noise}: {}", out.stderr);
        }
    }
    assert!(!first_report.contains("€9 billion") && !first_report.contains("7 billion"));

    // Claims and a report an earlier run left in the folder under other names.
    let claims = run(&args(&["extract"], &[dir.path().to_path_buf()]));
    write(dir.path(), "claims.jsonl", &claims.stdout);
    write(dir.path(), "old-report.md", &first_report);
    let out = run(&args(&["extract", "--strict"], &[dir.path().to_path_buf()]));
    out.assert_ok();
    assert_eq!(
        out.stdout, claims.stdout,
        "the same claims, nothing read twice"
    );
    assert!(
        out.stderr.contains("newsclaims output 3"),
        "report.md, old-report.md, claims.jsonl: {}",
        out.stderr
    );
    // Named on the command line, they are skipped with their reason.
    let out = run(&[
        dir.path().join("claims.jsonl"),
        dir.path().join("old-report.md"),
    ]
    .iter()
    .map(|p| p.as_os_str())
    .fold(vec![std::ffi::OsStr::new("extract")], |mut a, p| {
        a.push(p);
        a
    }));
    assert!(out.stderr.contains("check --claims"), "{}", out.stderr);
    assert!(out.stderr.contains("a newsclaims report"), "{}", out.stderr);
}

#[test]
fn gitignored_files_are_passed_over_as_ripgrep_does() {
    let dir = corpus();
    write(dir.path(), ".gitignore", "drafts/\n");
    write(
        dir.path(),
        "drafts/draft.txt",
        "Microsoft will invest €5 billion.\n",
    );
    let out = run(&args(&["extract"], &[dir.path().to_path_buf()]));
    out.assert_ok();
    assert!(!out.stdout.contains("draft.txt"), "{}", out.stdout);
    assert!(out.stderr.contains("2 documents read"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------
// Flags a subcommand lists work.

#[test]
fn eval_honours_its_reading_flags() {
    let dir = corpus();
    write(dir.path(), "empty.txt", "");
    let summary = dir.path().join("summary.json");
    let gold = root().join("fixtures/articles/expected.json");
    let out = run(&args(
        &[
            "eval",
            "--strict",
            "--gold",
            gold.to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ],
        &[dir.path().to_path_buf()],
    ));
    assert_eq!(
        out.code,
        Some(4),
        "--strict with a skipped input: {}",
        out.stderr
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(json["docs"], 2);
    assert_eq!(json["skipped"][0]["reason"], "empty");
    let small = run(&args(
        &[
            "eval",
            "--max-bytes",
            "10",
            "--gold",
            gold.to_str().unwrap(),
        ],
        &[dir.path().to_path_buf()],
    ));
    assert!(
        small.stderr.contains("over --max-bytes 10"),
        "{}",
        small.stderr
    );
}

// ---------------------------------------------------------------------------------------
// What people expect of a batch tool.

fn extract_with(flags: &[&str], dir: &Path) -> Run {
    let mut all = flags.to_vec();
    all.push("extract");
    run(&args(&all, &[dir.to_path_buf()]))
}

#[test]
fn threads_quiet_and_colour_flags() {
    let dir = corpus();
    write(dir.path(), "empty.txt", "");
    let one = extract_with(&["-j", "1"], dir.path());
    let two = extract_with(&["--threads", "2"], dir.path());
    one.assert_ok();
    assert_eq!(
        one.stdout, two.stdout,
        "the same output on any number of threads"
    );
    assert!(!one.stdout.is_empty());

    let quiet = extract_with(&["-q"], dir.path());
    assert_eq!(quiet.stdout, one.stdout);
    assert_eq!(quiet.stderr, "", "quiet");

    // Colour only where asked or on a terminal: never into a pipe by default.
    assert!(!one.stderr.contains('\x1b'), "{:?}", one.stderr);
    let always = extract_with(&["--color", "always"], dir.path());
    assert!(always.stderr.contains("\x1b["), "{:?}", always.stderr);
    let never = extract_with(&["--color", "never"], dir.path());
    assert_eq!(never.stderr, one.stderr);

    let zero = extract_with(&["-j", "0"], dir.path());
    assert_eq!(zero.code, Some(2), "{}", zero.stderr);
}

#[test]
fn man_page_and_completions_are_generated_from_the_cli_definition() {
    let man = run(&["generate", "man"]);
    man.assert_ok();
    assert!(man.stdout.contains(".TH newsclaims 1"), "{}", man.stdout);
    for word in ["extract", "check", "eval", "\\-\\-threads", "\\-\\-quiet"] {
        assert!(man.stdout.contains(word), "man page names {word}");
    }
    let cases = [
        ("complete-bash", "complete -F"),
        ("complete-zsh", "#compdef newsclaims"),
        ("complete-fish", "complete -c newsclaims"),
        ("complete-powershell", "Register-ArgumentCompleter"),
        (
            "complete-elvish",
            "edit:completion:arg-completer[newsclaims]",
        ),
    ];
    for (what, marker) in cases {
        let out = run(&["generate", what]);
        out.assert_ok();
        assert!(out.stdout.contains(marker), "{what}: {marker}");
        for word in ["extract", "fail-on-conflict", "threads"] {
            assert!(out.stdout.contains(word), "{what} completes {word}");
        }
    }
}
