//! `gen-corpus`: write a generated corpus of news articles for scale runs and benchmarks.
//!
//! ```sh
//! gen-corpus --count 100000 --out /tmp/corpus            # .txt files, 1,000 per folder
//! gen-corpus --count 100000 --jsonl /tmp/corpus.jsonl    # one JSON Lines file
//! ```
//!
//! The corpus has the shape of a year of news: stories (one per hundred articles unless
//! `--stories` says otherwise) starting over `--days` days from `--from`, each told by
//! several of `--outlets` outlets within four days. Every article says where and when it
//! was published: `source`, `url` and `published` fields in JSON Lines, a front matter block
//! at the top of a .txt file. The same seed and templates always give the same corpus (see
//! `newsclaims::tools::synth`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use serde_json::json;

use newsclaims::corpus::{Documents, ReadOptions};
use newsclaims::tools::synth::{CorpusGenerator, Spread, StoryCorpus};
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
    /// Write one JSON Lines file instead ({"id", "text", "source", "url", "published"} per
    /// line; the id ends in the language).
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
    /// How many stories the articles tell (default: one per hundred articles).
    #[arg(long)]
    stories: Option<usize>,
    /// The first day a story can start on.
    #[arg(long, default_value = "2025-01-06")]
    from: jiff::civil::Date,
    /// Over how many days the stories start.
    #[arg(long, default_value_t = 365)]
    days: usize,
    /// How many outlets publish the articles.
    #[arg(long, default_value_t = 200)]
    outlets: usize,
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
    let spread = Spread {
        stories: cli.stories.unwrap_or(cli.count / 100).max(1),
        first_day: cli.from,
        days: cli.days,
        outlets: cli.outlets,
    };
    let mut corpus = StoryCorpus::new(&mut generator, &spread, cli.seed);
    let width = cli.count.max(1).to_string().len();
    match (&cli.out, &cli.jsonl) {
        (_, Some(path)) => {
            let mut out = std::io::BufWriter::new(create(path)?);
            for i in 0..cli.count {
                let a = corpus.article(i);
                let id = format!("gen{i:0width$}_{}", a.lang);
                let line = json!({"id": id, "text": a.text, "source": a.source,
                                  "url": a.url, "published": a.published});
                writeln!(out, "{line}").map_err(io(path))?;
            }
            out.flush().map_err(io(path))
        }
        (Some(dir), None) => {
            for i in 0..cli.count {
                let a = corpus.article(i);
                let folder = dir.join(format!("{:04}", i / cli.per_folder.max(1)));
                std::fs::create_dir_all(&folder).map_err(io(&folder))?;
                let path = folder.join(format!("gen{i:0width$}_{}.txt", a.lang));
                let text = format!(
                    "---\nsource: {}\nurl: {}\npublished: {}\n---\n{}",
                    a.source, a.url, a.published, a.text
                );
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
