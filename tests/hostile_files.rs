//! Hostile files around a run: outputs that are devices, FIFOs or symlinks; inputs that
//! are FIFOs or endless devices; JSON Lines larger than the per-record limit; repeated
//! document ids; interrupted runs; file names that try to forge summary lines; floods of
//! bad records. Nothing hangs, nothing outside the output is replaced, nothing is merged
//! or dropped silently.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use tempfile::TempDir;

mod common;
use common::{docs_of, run, run_within, skip_line, write, Run};

const EN: &str = "Microsoft will invest €4 billion in France, the company said on Sunday.\n";
const EN_OTHER: &str = "Microsoft will invest $4 billion in France, the company said on Sunday.\n";

fn newsclaims(args: &[&std::ffi::OsStr]) -> Run {
    run(args)
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(ok.success(), "mkfifo");
}

#[test]
fn output_onto_a_fifo_device_or_symlink_writes_through_and_keeps_it() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", EN);
    let input = dir.path().join("a.txt");

    // A FIFO: written through (a reader gets the claims), still a FIFO afterwards.
    let fifo = dir.path().join("claims.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run_within(
        &[os("extract"), input.as_os_str(), os("-o"), fifo.as_os_str()],
        Duration::from_secs(30),
    );
    assert_eq!(out.code, Some(0));
    assert!(reader.join().unwrap().contains("\"predicate\":\"invest\""));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo_like());

    // A character device, where this user may make one (root, as on CI).
    let device = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let out = newsclaims(&[
            os("extract"),
            input.as_os_str(),
            os("-o"),
            device.as_os_str(),
        ]);
        out.assert_ok();
        let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(&kind));
    }

    // A symlink: its target gets the claims, the link stays a link.
    let target = dir.path().join("target.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    newsclaims(&[os("extract"), input.as_os_str(), os("-o"), link.as_os_str()]).assert_ok();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("invest"));
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}

impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn fifos_and_devices_in_an_input_folder_are_skipped_not_read() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", EN);
    mkfifo(&dir.path().join("blocked.txt"));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let out = run_within(
        &[os("extract"), dir.path().as_os_str()],
        Duration::from_secs(30),
    );
    assert_eq!(out.code, Some(0));
    let stderr = out.stderr;
    for name in ["blocked.txt", "zero.txt"] {
        assert!(
            skip_line(&stderr, name).contains("not a regular file"),
            "{stderr}"
        );
    }
    // Named on the command line, the same.
    let fifo = dir.path().join("blocked.txt");
    let out = run_within(&[os("extract"), fifo.as_os_str()], Duration::from_secs(30));
    let stderr = out.stderr;
    assert!(skip_line(&stderr, "blocked.txt").contains("not a regular file"));
}

#[test]
fn the_size_limit_applies_to_each_json_lines_record_not_the_file() {
    let dir = TempDir::new().unwrap();
    let mut lines: Vec<String> = (0..70)
        .map(|i| json!({"id": format!("r{i}"), "text": EN}).to_string())
        .collect();
    lines[5] = json!({"id": "huge", "text": EN.repeat(200)}).to_string();
    let feed = write(dir.path(), "feed.jsonl", lines.join("\n") + "\n");
    let out = newsclaims(&[
        os("extract"),
        os("--max-bytes"),
        os("2000"),
        feed.as_os_str(),
    ]);
    out.assert_ok();
    assert_eq!(docs_of(&out.lines()).len(), 69, "{}", out.stderr);
    assert!(skip_line(&out.stderr, "feed.jsonl:6").contains("over --max-bytes 2000"));
    // A plain-text article is one record: over the limit, it is skipped whole.
    let big = write(dir.path(), "big.txt", EN.repeat(200));
    let out = newsclaims(&[
        os("extract"),
        os("--max-bytes"),
        os("2000"),
        big.as_os_str(),
    ]);
    assert!(skip_line(&out.stderr, "big.txt").contains("over --max-bytes 2000"));
}

#[test]
fn documents_with_the_same_id_are_never_merged() {
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    write(a.path(), "2024-05-12.txt", EN);
    write(b.path(), "2024-05-12.txt", EN_OTHER);
    let out = newsclaims(&[
        os("check"),
        os("--format"),
        os("json"),
        a.path().as_os_str(),
        b.path().as_os_str(),
    ]);
    out.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["summary"]["docs"], 2, "{}", out.stderr);
    assert_eq!(
        report["summary"]["conflict"], 1,
        "EUR against USD: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains("repeats an earlier one"),
        "{}",
        out.stderr
    );

    let feed = write(
        a.path(),
        "feed.jsonl",
        [EN, EN_OTHER]
            .iter()
            .map(|t| json!({"id": "same", "text": t}).to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let out = newsclaims(&[os("extract"), feed.as_os_str()]);
    let claims = out.lines();
    assert_eq!(docs_of(&claims).len(), 2, "{}", out.stdout);
    assert!(docs_of(&claims)[1].starts_with("same@"), "{}", out.stdout);
}

#[test]
fn temporary_outputs_do_not_outlive_their_run() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("corpus");
    for i in 0..4000 {
        write(&corpus, &format!("{i:04}.txt"), EN.repeat(20));
    }
    // Left by a run that was killed: its process is gone.
    let stale = write(dir.path(), ".claims.jsonl.4000000000.tmp", "half a run");
    let output = dir.path().join("claims.jsonl");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclaims"))
        .args([
            os("extract"),
            corpus.as_os_str(),
            os("-o"),
            output.as_os_str(),
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let own = dir.path().join(format!(".claims.jsonl.{}.tmp", child.id()));
    let start = Instant::now();
    while !own.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the run starts writing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        !stale.exists(),
        "a stale temporary file of this output is removed"
    );
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "interrupted before the end");
    assert!(!output.exists(), "no output from an interrupted run");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "exit {status:?}");
}

#[test]
fn file_names_cannot_forge_summary_lines_or_reach_the_terminal() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "e\nskipped forged.txt: all good \x1b[31m.txt",
        "",
    );
    let out = newsclaims(&[os("extract"), dir.path().as_os_str()]);
    let skipped: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("skipped"))
        .collect();
    assert_eq!(skipped.len(), 1, "{}", out.stderr);
    assert!(!out.stderr.contains('\x1b'), "{:?}", out.stderr);
    assert!(
        skipped[0].contains("e\\nskipped forged.txt"),
        "{}",
        skipped[0]
    );
}

#[test]
fn a_flood_of_bad_records_is_counted_not_listed() {
    let dir = TempDir::new().unwrap();
    let bad: String = (0..3000).map(|i| format!("not json {i}\n")).collect();
    let feed = write(dir.path(), "bad.jsonl", bad);
    let out = newsclaims(&[os("extract"), feed.as_os_str()]);
    out.assert_ok();
    assert!(
        out.stderr.contains("3000 skipped"),
        "{}",
        &out.stderr[..200]
    );
    assert!(out.stderr.contains("skipped 2000 more inputs, not listed"));
    assert!(out.stderr.lines().count() < 1010);
}
