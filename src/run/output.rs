//! Writing results: to standard output, or to a file that appears only once complete.
//!
//! A regular file output is written to a temporary file beside it and renamed into place
//! when the run succeeds, so a failed or interrupted run never leaves a truncated claims
//! file or report, and an output from an earlier run survives a failed one. A symlink is
//! followed, and its target replaced that way. Anything that is not a regular file (a
//! device such as `/dev/null`, a FIFO) is written through, never replaced.
//!
//! Temporary files are registered while they are open: [`remove_unfinished`] removes
//! them when the run is interrupted (SIGINT, SIGTERM), and a later run writing the same
//! output removes those an earlier, killed process left behind.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;

use crate::error::{Error, Result};

/// Temporary files of outputs not yet committed, for [`remove_unfinished`].
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove the temporary files of every output not yet committed: called when the run is
/// interrupted, so that nothing half-written is left behind.
pub fn remove_unfinished() {
    let tmps = std::mem::take(&mut *UNFINISHED.lock().unwrap_or_else(|e| e.into_inner()));
    for tmp in tmps {
        let _ = std::fs::remove_file(tmp);
    }
}

/// Register a temporary file for [`remove_unfinished`].
fn register(tmp: &Path) {
    let mut open = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    open.push(tmp.to_path_buf());
}

fn unregister(tmp: &Path) {
    let mut open = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    open.retain(|p| p != tmp);
}

/// Where results go: standard output, a device or FIFO written through, or a regular file
/// replaced atomically by [`Output::commit`].
pub struct Output {
    sink: Sink,
    /// An anonymous temporary file holding the lines until [`Output::commit_with`]
    /// writes them (rewritten) to the sink, for standard output or a device made by
    /// [`Output::rewritable`].
    spool: Option<BufWriter<File>>,
}

enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    Through {
        writer: BufWriter<File>,
        path: PathBuf,
    },
    File {
        writer: BufWriter<WrittenBack>,
        tmp: PathBuf,
        /// The file replaced (a symlink's target).
        target: PathBuf,
        /// The path the user gave, for messages.
        path: PathBuf,
        committed: bool,
    },
}

impl Output {
    /// Standard output when `path` is `None`; else the device or FIFO at `path`, or a
    /// temporary file beside the regular file `path` (or its symlink's target).
    pub fn create(path: Option<&Path>) -> Result<Output> {
        let Some(path) = path else {
            let stdout = BufWriter::new(std::io::stdout());
            return Ok(Output {
                sink: Sink::Stdout(stdout),
                spool: None,
            });
        };
        // Errors name the path the user gave, never the temporary file.
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let target = resolve_symlinks(path);
        let sink = match std::fs::metadata(&target) {
            Ok(meta) if !meta.is_file() => {
                let file = File::options().write(true).open(&target).map_err(io)?;
                Sink::Through {
                    writer: BufWriter::new(file),
                    path: path.to_path_buf(),
                }
            }
            _ => {
                remove_stale_temporaries(&target);
                let tmp = temporary_path(&target);
                let file = File::create(&tmp).map_err(io)?;
                register(&tmp);
                Sink::File {
                    writer: BufWriter::new(WrittenBack::new(file)),
                    tmp,
                    target,
                    path: path.to_path_buf(),
                    committed: false,
                }
            }
        };
        Ok(Output { sink, spool: None })
    }

    /// Like [`Output::create`], but each line may be rewritten when the output is
    /// committed ([`Output::commit_with`]): for a run whose lines depend on what later
    /// documents say. A file output holds its lines in its own temporary file, which goes
    /// to disk as it is written, and is written again only if a line changes; standard
    /// output or a device gets them at the commit, held until then in an anonymous
    /// temporary file. Memory holds none of them.
    pub fn rewritable(path: Option<&Path>) -> Result<Output> {
        let mut out = Output::create(path)?;
        if matches!(out.sink, Sink::Stdout(_) | Sink::Through { .. }) {
            let spool = tempfile::tempfile().map_err(|source| out.error(source))?;
            out.spool = Some(BufWriter::new(spool));
        }
        Ok(out)
    }

    /// Write `bytes` and then `end` (a newline, or a NUL byte between file names).
    pub fn bytes(&mut self, bytes: &[u8], end: u8) -> Result<()> {
        let writer = self.writer();
        let result = writer
            .write_all(bytes)
            .and_then(|()| writer.write_all(&[end]));
        result.map_err(|source| self.error(source))
    }

    /// Write one line.
    pub fn line(&mut self, line: &str) -> Result<()> {
        let result = writeln!(self.writer(), "{line}");
        result.map_err(|source| self.error(source))
    }

    fn writer(&mut self) -> &mut dyn Write {
        if let Some(spool) = &mut self.spool {
            return spool;
        }
        match &mut self.sink {
            Sink::Stdout(w) => w,
            Sink::Through { writer, .. } => writer,
            Sink::File { writer, .. } => writer,
        }
    }

    /// Finish a rewritable output ([`Output::rewritable`]): the lines written, each as
    /// `rewrite` gives it (as they are when there is no `rewrite`), then
    /// [`Output::commit`]. Any other output is committed as is.
    pub fn commit_with<F>(mut self, rewrite: Option<F>) -> Result<()>
    where
        F: Fn(&str) -> Cow<'_, str>,
    {
        let copied = match (self.spool.take(), rewrite) {
            (Some(spool), Some(rewrite)) => copy_spool(spool, self.writer(), rewrite),
            (Some(spool), None) => {
                copy_spool(spool, self.writer(), |line: &str| Cow::Borrowed(line))
            }
            (None, Some(rewrite)) => self.rewrite_file(rewrite),
            (None, None) => Ok(()),
        };
        copied.map_err(|source| self.error(source))?;
        self.commit()
    }

    /// Write a file output's lines, all in its temporary file, again as `rewrite` gives
    /// them: into a new temporary file beside it, which then takes its place.
    fn rewrite_file(&mut self, rewrite: impl Fn(&str) -> Cow<'_, str>) -> std::io::Result<()> {
        let Sink::File { writer, tmp, .. } = &mut self.sink else {
            return Ok(());
        };
        writer.flush()?;
        let lines = BufReader::with_capacity(1 << 16, File::open(&*tmp)?);
        let folder = tmp.parent().filter(|f| !f.as_os_str().is_empty());
        let mut rewritten = tempfile::Builder::new()
            .prefix(&temporary_prefix(tmp))
            .tempfile_in(folder.unwrap_or(Path::new(".")))?;
        register(rewritten.path());
        let mut out = BufWriter::with_capacity(1 << 16, rewritten.as_file_mut());
        let copied = copy_rewritten(lines, &mut out, rewrite).and_then(|()| out.flush());
        drop(out);
        unregister(rewritten.path());
        copied?;
        let file = rewritten.persist(&*tmp).map_err(|e| e.error)?;
        *writer = BufWriter::new(WrittenBack::new(file));
        Ok(())
    }

    /// Finish: flush standard output or the device, or flush, sync and rename the file
    /// into place.
    pub fn commit(mut self) -> Result<()> {
        let result = match &mut self.sink {
            Sink::Stdout(w) => w.flush(),
            Sink::Through { writer, .. } => writer.flush(),
            Sink::File {
                writer,
                tmp,
                target,
                committed,
                ..
            } => {
                let done = writer
                    .flush()
                    .and_then(|()| writer.get_mut().sync_all())
                    .and_then(|()| std::fs::rename(&*tmp, &*target));
                *committed = done.is_ok();
                if done.is_ok() {
                    unregister(tmp);
                }
                done
            }
        };
        result.map_err(|source| self.error(source))
    }

    fn error(&self, source: std::io::Error) -> Error {
        let path = match &self.sink {
            Sink::Stdout(_) => PathBuf::from("<stdout>"),
            Sink::Through { path, .. } | Sink::File { path, .. } => path.clone(),
        };
        Error::Io { path, source }
    }
}

/// How many bytes of a file output are written before they are synced to disk in the
/// background.
const WRITE_BACK_BYTES: u64 = 8 << 20;

/// A file that goes to disk while it is written: each time another [`WRITE_BACK_BYTES`]
/// are written, a thread of its own syncs the file, so that the sync before the file is
/// renamed into place waits for the last part only, not for a gigabyte of report.
struct WrittenBack {
    file: File,
    /// Bytes written since the last sync was asked for.
    unsynced: u64,
    /// Asks the thread to sync, and the thread; none until the first sync is asked for.
    syncer: Option<(mpsc::SyncSender<()>, JoinHandle<()>)>,
}

impl WrittenBack {
    fn new(file: File) -> WrittenBack {
        WrittenBack {
            file,
            unsynced: 0,
            syncer: None,
        }
    }

    /// Ask the thread to sync what has been written; nothing when it is still syncing
    /// and already asked to sync again.
    fn write_back(&mut self) -> std::io::Result<()> {
        if self.syncer.is_none() {
            let file = self.file.try_clone()?;
            let (ask, asked) = mpsc::sync_channel::<()>(1);
            // A failed sync here is left for the sync at the end to report.
            let thread =
                std::thread::spawn(move || asked.iter().for_each(|()| _ = file.sync_data()));
            self.syncer = Some((ask, thread));
        }
        if let Some((ask, _)) = &self.syncer {
            _ = ask.try_send(());
        }
        Ok(())
    }

    /// Sync the whole file, once the thread has stopped.
    fn sync_all(&mut self) -> std::io::Result<()> {
        if let Some((ask, thread)) = self.syncer.take() {
            drop(ask);
            _ = thread.join();
        }
        self.file.sync_all()
    }
}

impl Write for WrittenBack {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.file.write(bytes)?;
        self.unsynced += written as u64;
        if self.unsynced >= WRITE_BACK_BYTES {
            self.unsynced = 0;
            self.write_back()?;
        }
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Write the lines held in `spool` to `out`, each as `rewrite` gives it.
fn copy_spool(
    spool: BufWriter<File>,
    out: &mut dyn Write,
    rewrite: impl Fn(&str) -> Cow<'_, str>,
) -> std::io::Result<()> {
    let mut spool = spool.into_inner().map_err(|e| e.into_error())?;
    spool.seek(SeekFrom::Start(0))?;
    copy_rewritten(BufReader::with_capacity(1 << 16, spool), out, rewrite)
}

/// Write each line of `lines` to `out` as `rewrite` gives it, with a line feed. The lines
/// are read into one buffer, not a string each.
fn copy_rewritten(
    mut lines: impl BufRead,
    out: &mut dyn Write,
    rewrite: impl Fn(&str) -> Cow<'_, str>,
) -> std::io::Result<()> {
    let mut line = Vec::new();
    while lines.read_until(b'\n', &mut line)? > 0 {
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = std::str::from_utf8(text)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        out.write_all(rewrite(text).as_bytes())?;
        out.write_all(b"\n")?;
        line.clear();
    }
    Ok(())
}

impl Drop for Output {
    /// A file output dropped before its commit (an error on the way) is removed.
    fn drop(&mut self) {
        if let Sink::File {
            tmp,
            committed: false,
            ..
        } = &self.sink
        {
            let _ = std::fs::remove_file(tmp);
            unregister(tmp);
        }
    }
}

/// `path` with its symlinks followed, as far as they lead (a dangling link's target is
/// where the output goes).
fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // A chain of links longer than the system's limit is left to fail at open.
    for _ in 0..40 {
        let Ok(link) = std::fs::read_link(&path) else {
            break;
        };
        path = match path.parent() {
            Some(folder) => folder.join(link),
            None => link,
        };
    }
    path
}

/// `.NAME.PID.tmp` beside `path`: same folder (so the rename stays on one file system),
/// hidden, and distinct between concurrent runs.
fn temporary_path(path: &Path) -> PathBuf {
    path.with_file_name(format!(
        "{}{}.tmp",
        temporary_prefix(path),
        std::process::id()
    ))
}

/// `.NAME.`: the start of every temporary file name of output `path`.
fn temporary_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    format!(".{name}.")
}

/// Remove the temporary files of output `path` whose process is gone (killed before it
/// could clean up). Where process ids cannot be checked (no `/proc`), nothing is removed.
fn remove_stale_temporaries(path: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let folder = match path.parent() {
        Some(f) if !f.as_os_str().is_empty() => f,
        _ => Path::new("."),
    };
    let prefix = temporary_prefix(path);
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if pid.is_some_and(|pid| !proc.join(pid).exists()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Refuse an output path whose folder does not exist, before any work is done: a run
/// of an hour should not end in "cannot create".
pub fn check_output_folder(path: &Path) -> Result<()> {
    let folder = match path.parent() {
        Some(f) if !f.as_os_str().is_empty() => f,
        _ => return Ok(()),
    };
    if folder.is_dir() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{}: cannot write there: folder {} does not exist",
        path.display(),
        folder.display()
    )))
}

/// Write `text` to `path` (atomically) or standard output, as one piece.
pub fn write_all(path: Option<&Path>, text: &str) -> Result<()> {
    write_with(path, |out| out.write_all(text.as_bytes()))
}

/// Write to `path` (atomically) or standard output with `write`, which streams what it
/// writes (nothing is held whole in memory first).
pub fn write_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = Output::create(path)?;
    let result = write(out.writer());
    result.map_err(|source| out.error(source))?;
    out.commit()
}
