//! What a command reads and writes, as its flags say: the input paths (and
//! --files0-from lists), refused before any work when they do not exist; the reading
//! options; the run summary and its exit code.

use std::path::{Path, PathBuf};

use newsclaims::corpus::{Format as InputFormat, NonUtf8, ReadOptions};
use newsclaims::run::batch::{self, RunOptions, Summary};
use newsclaims::run::output::{check_output_folder, write_all};
use newsclaims::{Error, Pipeline, RuleSet};

use crate::cli::{NonUtf8Arg, ReadArgs, StdinArg};
use crate::ui::Ui;

/// Exit code when --strict finds a skipped input.
const EXIT_SKIPPED: u8 = 4;

impl ReadArgs {
    /// How to read `paths`, never reading the run's own `outputs`.
    pub(crate) fn run_options(&self, ui: Ui, paths: &[PathBuf], outputs: &[&Path]) -> RunOptions {
        let non_utf8 = match self.non_utf8 {
            NonUtf8Arg::Windows1252 => NonUtf8::Windows1252,
            NonUtf8Arg::Skip => NonUtf8::Skip,
        };
        let mut exclude: Vec<PathBuf> = outputs.iter().map(|p| p.to_path_buf()).collect();
        exclude.extend(self.summary.clone());
        let read = ReadOptions {
            max_bytes: self.max_bytes,
            non_utf8,
            stdin: match self.stdin {
                StdinArg::Auto => InputFormat::Sniff,
                StdinArg::Jsonl => InputFormat::JsonLines,
                StdinArg::Text => InputFormat::Text,
            },
            exclude,
        };
        RunOptions {
            progress: ui.progress(paths, &read),
            read,
        }
    }

    /// The inputs of the run: `paths` and the files of `--files0-from`. Paths that do not
    /// exist, and outputs whose folder does not exist, are refused before any work (a
    /// usage error, exit 2); a listed file that is gone is a skip, as in a folder.
    pub(crate) fn inputs(
        &self,
        paths: &[PathBuf],
        outputs: &[&Path],
    ) -> Result<Vec<PathBuf>, Error> {
        self.check_paths(paths, outputs)?;
        let mut all = paths.to_vec();
        if let Some(list) = &self.files0_from {
            all.extend(read_file_list(list)?);
        }
        Ok(all)
    }

    /// Refuse, before any work, input paths that do not exist and outputs whose folder
    /// does not exist (a usage error, exit 2).
    pub(crate) fn check_paths(&self, paths: &[PathBuf], outputs: &[&Path]) -> Result<(), Error> {
        refuse_missing(paths)?;
        for output in outputs.iter().copied().chain(self.summary.as_deref()) {
            check_output_folder(output)?;
        }
        Ok(())
    }

    /// Report the run: the summary on stderr and in --summary FILE; the exit code
    /// (4 for skipped inputs with --strict).
    pub(crate) fn finish(&self, ui: Ui, summary: &Summary, item_name: &str) -> Result<u8, Error> {
        if summary.inputs > 0 {
            ui.summary(&summary.render(item_name));
        }
        if let Some(path) = &self.summary {
            let json = serde_json::to_string_pretty(summary).expect("summary serialises");
            write_all(Some(path), &(json + "\n"))?;
        }
        Ok(if self.strict && !summary.skipped.is_empty() {
            EXIT_SKIPPED
        } else {
            0
        })
    }

    pub(crate) fn pipeline(&self) -> Result<Pipeline, Error> {
        let rules = RuleSet::load(self.rules.as_deref())?;
        if let Some(lang) = &self.lang {
            if !rules.languages.contains_key(lang) {
                return Err(Error::Usage(format!(
                    "--lang {lang}: no rule file for this language (have: {})",
                    rules.language_codes().join(", ")
                )));
            }
        }
        Ok(Pipeline::new(rules, self.lang.clone()))
    }
}

/// Refuse command-line paths that do not exist (a usage error, exit 2): a mistyped
/// folder must not give an empty report and success.
pub(crate) fn refuse_missing(paths: &[PathBuf]) -> Result<(), Error> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err())
        .map(|p| batch::printable(&p.display().to_string()).into_owned())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{}: no such file or folder",
        missing.join(", ")
    )))
}

/// The NUL-separated file names of `list` (`-`: standard input), as bytes: any name a
/// file system allows, newlines and invalid UTF-8 included.
pub(crate) fn read_file_list(list: &Path) -> Result<Vec<PathBuf>, Error> {
    use std::io::Read;
    use std::os::unix::ffi::OsStrExt;
    let mut bytes = Vec::new();
    let read = if list.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(list).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    read.map_err(|source| Error::Io {
        path: list.to_path_buf(),
        source,
    })?;
    Ok(bytes
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(std::ffi::OsStr::from_bytes(name)))
        .collect())
}
