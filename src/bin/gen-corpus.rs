//! `gen-corpus`: write a generated corpus of news articles for scale runs and benchmarks.
//!
//! ```sh
//! gen-corpus --count 100000 --out /tmp/corpus            # .txt files, 1,000 per folder
//! gen-corpus --count 100000 --jsonl /tmp/corpus.jsonl    # one JSON Lines file
//! ```
//!
//! The same seed and templates always give the same corpus (see `newsclaims::tools::synth`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use serde_json::json;

use newsclaims::corpus::{Documents, ReadOptions};
use newsclaims::tools::synth::CorpusGenerator;
use newsclaims::{Error, Pipeline, RuleSet};

/// Write N generated articles (from template articles, with other companies and figures).
#[derive(Parser)]
#[command(name = "gen-corpus", version)]
struct Cli {
    /// How many articles.
    #[arg(long)]
    count: usize,
    /// Write .txt files into this folder (in subfolders of --per-folder files).
    #[arg(long, required_unless_present = "jsonl")]
    out: Option<PathBuf>,
    /// Write one JSON Lines file instead ({"id", "text"} per line; the id ends in the language).
    #[arg(long, conflicts_with = "out")]
    jsonl: Option<PathBuf>,
    /// Seed of the generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Template articles (a folder of .txt files).
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles"))]
    templates: PathBuf,
    /// Files per subfolder with --out.
    #[arg(long, default_value_t = 1000)]
    per_folder: usize,
}

fn main() -> ExitCode {
    match run(&Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: &Cli) -> Result<(), Error> {
    let pipeline = Pipeline::new(RuleSet::bundled()?, None);
    let templates: Vec<_> =
        Documents::new(std::slice::from_ref(&cli.templates), ReadOptions::default())
            .flatten()
            .collect();
    let mut generator =
        CorpusGenerator::new(&pipeline, &templates, cli.seed).ok_or_else(|| Error::Data {
            path: cli.templates.clone(),
            line: None,
            message: "no template article the rules can read".into(),
        })?;
    let width = cli.count.max(1).to_string().len();
    match (&cli.out, &cli.jsonl) {
        (_, Some(path)) => {
            let mut out = std::io::BufWriter::new(create(path)?);
            for i in 0..cli.count {
                let (lang, text) = generator.article();
                let id = format!("gen{i:0width$}_{lang}");
                let line = json!({"id": id, "text": text});
                writeln!(out, "{line}").map_err(io(path))?;
            }
            out.flush().map_err(io(path))
        }
        (Some(dir), None) => {
            for i in 0..cli.count {
                let (lang, text) = generator.article();
                let folder = dir.join(format!("{:04}", i / cli.per_folder.max(1)));
                std::fs::create_dir_all(&folder).map_err(io(&folder))?;
                let path = folder.join(format!("gen{i:0width$}_{lang}.txt"));
                std::fs::write(&path, text).map_err(io(&path))?;
            }
            Ok(())
        }
        (None, None) => unreachable!("clap requires --out or --jsonl"),
    }
}

fn create(path: &Path) -> Result<std::fs::File, Error> {
    std::fs::File::create(path).map_err(io(path))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
