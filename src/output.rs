//! Writing results: to standard output, or to a file that appears only once complete.
//!
//! A file output is written to a temporary file beside it and renamed into place when the
//! run succeeds, so a failed or interrupted run never leaves a truncated claims file or
//! report, and an output from an earlier run survives a failed one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where results go: standard output, or a file replaced atomically by [`Output::commit`].
pub struct Output {
    sink: Sink,
}

enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        writer: BufWriter<File>,
        tmp: PathBuf,
        path: PathBuf,
        committed: bool,
    },
}

impl Output {
    /// Standard output when `path` is `None`, else a temporary file beside `path`.
    pub fn create(path: Option<&Path>) -> Result<Output> {
        let sink = match path {
            None => Sink::Stdout(BufWriter::new(std::io::stdout())),
            Some(path) => {
                let tmp = temporary_path(path);
                // Errors name the path the user gave, never the temporary file.
                let file = File::create(&tmp).map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                Sink::File {
                    writer: BufWriter::new(file),
                    tmp,
                    path: path.to_path_buf(),
                    committed: false,
                }
            }
        };
        Ok(Output { sink })
    }

    /// Write one line.
    pub fn line(&mut self, line: &str) -> Result<()> {
        let result = writeln!(self.writer(), "{line}");
        result.map_err(|source| self.error(source))
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.sink {
            Sink::Stdout(w) => w,
            Sink::File { writer, .. } => writer,
        }
    }

    /// Finish: flush standard output, or flush, sync and rename the file into place.
    pub fn commit(mut self) -> Result<()> {
        match &mut self.sink {
            Sink::Stdout(w) => w.flush().map_err(|source| Error::Io {
                path: PathBuf::from("<stdout>"),
                source,
            }),
            Sink::File {
                writer,
                tmp,
                path,
                committed,
            } => {
                let io = |p: &Path| {
                    let p = p.to_path_buf();
                    move |source| Error::Io { path: p, source }
                };
                writer.flush().map_err(io(path))?;
                writer.get_ref().sync_all().map_err(io(path))?;
                std::fs::rename(&*tmp, &*path).map_err(io(path))?;
                *committed = true;
                Ok(())
            }
        }
    }

    fn error(&self, source: std::io::Error) -> Error {
        let path = match &self.sink {
            Sink::Stdout(_) => PathBuf::from("<stdout>"),
            Sink::File { path, .. } => path.clone(),
        };
        Error::Io { path, source }
    }
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
        }
    }
}

/// `.NAME.PID.tmp` beside `path`: same folder (so the rename stays on one file system),
/// hidden, and distinct between concurrent runs.
fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
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
