//! How a run talks on standard error: the summary (coloured where wanted, silenced by
//! --quiet) and a progress bar on a terminal (indicatif).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anstyle::{AnsiColor, Style};

use newsclaims::corpus::{Format as InputFormat, Inputs, ReadOptions};
use newsclaims::run::batch::Progress;

/// How the run talks on standard error: the summary and progress (unless quiet), in
/// colour where wanted.
#[derive(Clone, Copy)]
pub(crate) struct Ui {
    pub(crate) quiet: bool,
}

impl Ui {
    /// Print the run summary (unless quiet), its skips and warnings coloured.
    pub(crate) fn summary(self, text: &str) {
        if self.quiet {
            return;
        }
        let mut out = String::new();
        for line in text.lines() {
            let coloured = [
                ("  skipped ", AnsiColor::Yellow),
                ("  warning ", AnsiColor::Yellow),
            ]
            .iter()
            .find_map(|(word, colour)| {
                let rest = line.strip_prefix(word)?;
                let style = Style::new().fg_color(Some((*colour).into()));
                Some(format!("  {style}{}{style:#} {rest}", word.trim()))
            });
            out.push_str(coloured.as_deref().unwrap_or(line));
            out.push('\n');
        }
        anstream::eprint!("{out}");
    }

    /// A progress bar on a terminal for reading `paths` (documents done of the total,
    /// rate, time left); none when quiet or when standard error is not a terminal.
    pub(crate) fn progress(
        self,
        paths: &[PathBuf],
        read: &ReadOptions,
    ) -> Option<Arc<dyn Progress + Send>> {
        if self.quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        Some(Arc::new(Bar::new(paths, read)))
    }
}

/// The terminal's progress bar: bytes of text against the inputs' total size, with the
/// documents done (of the total, when every input is one article).
pub(crate) struct Bar {
    pub(crate) bar: indicatif::ProgressBar,
    pub(crate) docs: AtomicU64,
    /// Documents in all, unknown when JSON Lines or standard input are read.
    pub(crate) total_docs: Option<u64>,
}

impl Bar {
    pub(crate) fn new(paths: &[PathBuf], read: &ReadOptions) -> Bar {
        let (mut bytes, mut docs, mut known) = (0, 0, true);
        for input in Inputs::new(paths, &read.exclude).flatten() {
            bytes += input.size.unwrap_or(0);
            docs += 1;
            known &= input.format == InputFormat::Text;
        }
        let bar = indicatif::ProgressBar::new(bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {wide_bar} {msg}, {binary_bytes}/{binary_total_bytes}, \
                 {binary_bytes_per_sec}, ETA {eta}",
            )
            .expect("progress template"),
        );
        Bar {
            bar,
            docs: AtomicU64::new(0),
            total_docs: known.then_some(docs),
        }
    }
}

impl Progress for Bar {
    fn advance(&self, bytes: u64, docs: u64) {
        let done = self.docs.fetch_add(docs, Ordering::Relaxed) + docs;
        self.bar.inc(bytes);
        self.bar.set_message(match self.total_docs {
            Some(total) => format!("{done}/{total} documents"),
            None => format!("{done} documents"),
        });
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
