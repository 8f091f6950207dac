//! The `newsclaims` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde_json::json;

use newsclaims::batch::{self, RunOptions, Summary};
use newsclaims::claims::read_claims;
use newsclaims::corpus::{
    Document, Format as InputFormat, NonUtf8, ReadOptions, Skipped, DEFAULT_MAX_BYTES,
};
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::eval::{evaluate, score_conflicts, Gold};
use newsclaims::extract::MentionKind;
use newsclaims::output::{write_all, write_with, Output};
use newsclaims::report::{write_report, Format};
use newsclaims::{Error, Pipeline, RuleSet};

/// Extract checkable claims from news articles and cross-check them between sources.
///
/// Exit codes: 0 success (inputs skipped with a reason still succeed); 1 a run that could
/// not complete (bad rules, unreadable claims file, unwritable output) or, for `rules
/// test`, a failing rule example; 2 bad command-line usage; 3 conflicts found with
/// --fail-on-conflict; 4 inputs skipped with --strict.
#[derive(Parser)]
#[command(name = "newsclaims", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the claims of every article as JSON Lines.
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Write claims here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write every mention the rules find, one JSON object per line (for rule authors).
    Mentions {
        #[command(flatten)]
        input: InputArgs,
        /// Write mentions here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Cross-check claims between sources: clusters, agreement and conflicts.
    Check {
        /// Folders, files or - to extract claims from (optional with --claims).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        /// Claims extracted earlier (JSON Lines): any number of files, e.g. the shards
        /// `OUT/part-*.jsonl` of a distributed run, merge into one report.
        #[arg(long = "claims", value_name = "FILE.jsonl", num_args = 1..)]
        claims: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
        /// Write the report here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Exit with code 3 when a conflict is found.
        #[arg(long)]
        fail_on_conflict: bool,
        /// Exchange-rate file (TOML, see data/fx.toml) instead of the bundled one.
        #[arg(long)]
        fx: Option<PathBuf>,
    },
    /// Check, test or start rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Score extracted claims against a gold file: precision, recall, F1.
    Eval {
        /// Gold file in the format of seeds/expected.json.
        #[arg(long)]
        gold: PathBuf,
        #[command(flatten)]
        input: InputArgs,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// List every missed and extra claim.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Measure money and number parsing against the Recognizers-Text specs in DIR
    /// (currency-scorable.jsonl, Specs/Number/<Language>/NumberModel.json): pass rates per
    /// language and model.
    Conformance {
        /// The specs folder (e.g. ../shared/conformance/recognizers-text).
        dir: PathBuf,
        /// A folder of rule files that add to or replace the bundled ones.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Print the report (every case with what was found) as JSON.
        #[arg(long)]
        json: bool,
        /// List every failure with its input, what was expected and what was found.
        #[arg(short, long)]
        verbose: bool,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Load and validate the rules (bundled, with DIR's files): every error names the file,
    /// line and column.
    Check {
        /// A folder of rule files (complete when it holds predicates.toml).
        dir: Option<PathBuf>,
    },
    /// Run the examples inside the rule files; each failure prints as expected/got.
    Test {
        /// A folder of rule files (complete when it holds predicates.toml).
        dir: Option<PathBuf>,
    },
    /// Write a commented skeleton rule file for a language the detector knows.
    New {
        /// The language's code, as claims and --lang will name it ("es").
        code: String,
        /// The detector's name for it: ISO 639-3 code ("spa") or English name ("Spanish").
        #[arg(long)]
        detector: Option<String>,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Args)]
struct InputArgs {
    /// Folders (read recursively), files (.txt, .md, .jsonl), or - for standard input
    /// (JSON Lines articles when it starts with `{`, else one plain-text article).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    read: ReadArgs,
}

/// How articles are read, and what the run says about them.
#[derive(Args)]
struct ReadArgs {
    /// A folder of rule files that add to or replace the bundled ones.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Read every article in this language instead of detecting it.
    #[arg(long)]
    lang: Option<String>,
    /// Skip articles (files, or JSON Lines records) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Text that is not UTF-8: read it as Windows-1252 (with a warning), or skip it.
    #[arg(long, value_enum, default_value_t = NonUtf8Arg::Windows1252)]
    non_utf8: NonUtf8Arg,
    /// How `-` (standard input) is read: JSON Lines articles, one plain-text article, or
    /// auto (JSON Lines when its first non-blank character is `{`).
    #[arg(long, value_enum, default_value_t = StdinArg::Auto)]
    stdin: StdinArg,
    /// Exit with code 4 when any input was skipped.
    #[arg(long)]
    strict: bool,
    /// Also write the run summary (every input's fate) as JSON to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
}

/// `--non-utf8` values.
#[derive(Clone, Copy, ValueEnum)]
enum NonUtf8Arg {
    /// Decode as Windows-1252 (Latin-1 plus typographic marks), with a warning.
    #[value(name = "windows-1252")]
    Windows1252,
    /// Skip the input, with its reason.
    Skip,
}

/// `--stdin` values.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StdinArg {
    /// JSON Lines when the first non-blank character is `{`, else one plain-text article.
    Auto,
    /// One JSON Lines article per line (a filter: a bad line is skipped, never the stream).
    Jsonl,
    /// One plain-text article.
    Text,
}

/// Exit code when --strict finds a skipped input.
const EXIT_SKIPPED: u8 = 4;

impl ReadArgs {
    fn run_options(&self) -> RunOptions {
        let non_utf8 = match self.non_utf8 {
            NonUtf8Arg::Windows1252 => NonUtf8::Windows1252,
            NonUtf8Arg::Skip => NonUtf8::Skip,
        };
        let progress = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {bytes} of text read, {bytes_per_sec}, {elapsed}",
                )
                .expect("progress template"),
            );
            bar
        });
        RunOptions {
            read: ReadOptions {
                max_bytes: self.max_bytes,
                non_utf8,
                stdin: match self.stdin {
                    StdinArg::Auto => InputFormat::Sniff,
                    StdinArg::Jsonl => InputFormat::JsonLines,
                    StdinArg::Text => InputFormat::Text,
                },
            },
            progress,
        }
    }

    /// Report the run: the summary on stderr and in --summary FILE; the exit code
    /// (4 for skipped inputs with --strict).
    fn finish(&self, summary: &Summary, item_name: &str) -> Result<u8, Error> {
        if summary.inputs > 0 {
            eprint!("{}", summary.render(item_name));
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

    fn pipeline(&self) -> Result<Pipeline, Error> {
        let rules = RuleSet::load(self.rules.as_deref())?;
        if let Some(lang) = &self.lang {
            if !rules.languages.contains_key(lang) {
                return Err(Error::Data {
                    path: PathBuf::from("--lang"),
                    line: None,
                    message: format!(
                        "no rule file for language {lang:?} (have: {})",
                        rules.language_codes().join(", ")
                    ),
                });
            }
        }
        Ok(Pipeline::new(rules, self.lang.clone()))
    }
}

/// Exit code when --fail-on-conflict finds a conflict.
const EXIT_CONFLICT: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("newsclaims: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Rules { command } => return rules_command(command),
        Command::Check {
            paths,
            read,
            claims,
            format,
            output,
            fail_on_conflict,
            fx,
        } => {
            let report = check(
                &paths,
                &read,
                &claims,
                fx.as_deref(),
                format,
                output.as_deref(),
            )?;
            let code = read.finish(&report.summary, "claims")?;
            if fail_on_conflict && report.conflicts > 0 {
                return Ok(EXIT_CONFLICT);
            }
            return Ok(code);
        }
        Command::Extract { input, output } => {
            let pipeline = input.read.pipeline()?;
            let summary = write_each(&pipeline, &input, output.as_deref(), |p, d| {
                let (lang, claims) = p.claims(d)?;
                Ok((lang, claims.iter().map(to_json).collect()))
            })?;
            return input.read.finish(&summary, "claims");
        }
        Command::Mentions { input, output } => {
            let pipeline = input.read.pipeline()?;
            let summary = write_each(&pipeline, &input, output.as_deref(), |p, d| {
                let analysis = p.analyse(d)?;
                let lines = analysis
                    .sentences
                    .iter()
                    .flat_map(|s| s.mentions.iter().map(move |m| (s, m)))
                    .map(|(s, m)| mention_json(p, &d.id, &s.lang, &d.text, m))
                    .collect();
                Ok((analysis.lang, lines))
            })?;
            return input.read.finish(&summary, "mentions");
        }
        Command::Eval {
            gold,
            input,
            json,
            verbose,
        } => {
            let gold = Gold::read(&gold)?;
            let pipeline = input.read.pipeline()?;
            let (claims, summary) = batch::extract(&pipeline, &input.paths);
            let report = evaluate(&gold, &claims);
            let fx = FxRates::parse("data/fx.toml", BUNDLED_FX)?;
            let checked =
                CrossChecker::new(&pipeline.rules.gazetteer, fx).check(claims, Default::default());
            let conflicts = score_conflicts(&gold, &checked, &pipeline.rules.gazetteer);
            if json {
                let both = json!({"claims": report, "conflicts": conflicts});
                println!(
                    "{}",
                    serde_json::to_string_pretty(&both).unwrap_or_default()
                );
            } else {
                print!("{}", report.render(verbose));
                println!(
                    "conflicts: {} of {} expected reported, {} not expected",
                    conflicts.found.len(),
                    conflicts.expected.len(),
                    conflicts.extra.len()
                );
                if verbose {
                    for e in &conflicts.expected {
                        let mark = if conflicts.found.contains(e) {
                            "found "
                        } else {
                            "MISSED"
                        };
                        println!("  {mark} {e}");
                    }
                    for e in &conflicts.extra {
                        println!("  extra  {e}");
                    }
                }
            }
            eprint!("{}", summary.render("claims"));
        }
        Command::Conformance {
            dir,
            rules,
            json,
            verbose,
        } => {
            let pipeline = Pipeline::new(RuleSet::load(rules.as_deref())?, None);
            let report = newsclaims::conformance::run(&pipeline, &dir)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                );
            } else {
                print!("{}", report.render(verbose));
            }
        }
    }
    Ok(0)
}

/// `newsclaims rules ...`: the exit code.
fn rules_command(command: RulesCommand) -> Result<u8, Error> {
    match command {
        RulesCommand::Check { dir } => {
            let rules = RuleSet::load(dir.as_deref())?;
            println!(
                "rules ok: languages {}; {} predicates; {} entities",
                rules.language_codes().join(", "),
                rules.predicates.len(),
                rules.gazetteer.entities.len()
            );
            Ok(0)
        }
        RulesCommand::Test { dir } => {
            let pipeline = Pipeline::new(RuleSet::load(dir.as_deref())?, None);
            let outcomes = newsclaims::examples::run(&pipeline);
            let failed: Vec<_> = outcomes.iter().filter(|o| !o.failures.is_empty()).collect();
            for o in &failed {
                println!("FAIL {}: {:?}", o.at, o.text);
                for f in &o.failures {
                    println!("  {f}");
                }
            }
            println!(
                "{} passed, {} failed",
                outcomes.len() - failed.len(),
                failed.len()
            );
            Ok(if failed.is_empty() { 0 } else { 1 })
        }
        RulesCommand::New {
            code,
            detector,
            output,
        } => {
            let text =
                newsclaims::rules::skeleton(&code, detector.as_deref()).ok_or_else(|| {
                    Error::Data {
                        path: PathBuf::from(&code),
                        line: None,
                        message: "the language detector does not know this language: give \
                              --detector with its ISO 639-3 code or English name (spa, Spanish)"
                            .into(),
                    }
                })?;
            write_all(output.as_deref(), &text)?;
            Ok(0)
        }
    }
}

/// What `check` did: the run summary and the conflicts found.
struct Checked {
    summary: Summary,
    conflicts: usize,
}

/// Extract (or read) claims, cross-check them and write the report.
fn check(
    paths: &[PathBuf],
    read: &ReadArgs,
    claim_files: &[PathBuf],
    fx: Option<&Path>,
    format: Format,
    output: Option<&Path>,
) -> Result<Checked, Error> {
    if paths.is_empty() && claim_files.is_empty() {
        return Err(Error::Data {
            path: PathBuf::from("newsclaims check"),
            line: None,
            message: "give article paths, --claims files, or both".into(),
        });
    }
    let pipeline = read.pipeline()?;
    let fx = match fx {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            FxRates::parse(&path.display().to_string(), &text)?
        }
        None => FxRates::parse("data/fx.toml", BUNDLED_FX)?,
    };
    let (mut claims, mut bad_lines) = (Vec::new(), Vec::new());
    for file in claim_files {
        let (read, skipped) = read_claims(file)?;
        claims.extend(read);
        bad_lines.extend(skipped);
    }
    let (extracted, docs, mut summary): (_, _, batch::Summary) = if paths.is_empty() {
        Default::default()
    } else {
        batch::documents_and_claims(&pipeline, paths, &read.run_options())
    };
    summary.skipped.splice(0..0, bad_lines);
    claims.extend(extracted);
    let checker = CrossChecker::new(&pipeline.rules.gazetteer, fx);
    let mut report = checker.check(claims, docs);
    report.summary.skipped = summary.skipped.clone();
    write_with(output, |out| write_report(&report, format, out))?;
    let s = &report.summary;
    eprintln!(
        "newsclaims: {} documents, {} claims, {} clusters: {} conflict, {} agree, {} single",
        s.docs, s.claims, s.clusters, s.conflict, s.agree, s.single
    );
    Ok(Checked {
        summary,
        conflicts: s.conflict,
    })
}

/// Run `lines_of` over every input document and write its lines, in input order, to
/// `output` (atomically) or stdout; the run summary.
fn write_each<F>(
    pipeline: &Pipeline,
    input: &InputArgs,
    output: Option<&Path>,
    lines_of: F,
) -> Result<Summary, Error>
where
    F: Fn(&Pipeline, &Document) -> Result<(String, Vec<String>), Skipped> + Sync,
{
    let mut out = Output::create(output)?;
    let mut items = 0;
    let mut summary = batch::stream(
        pipeline,
        &input.paths,
        &input.read.run_options(),
        lines_of,
        |outcome| {
            for line in outcome.iter().flat_map(|done| &done.output) {
                out.line(line)?;
                items += 1;
            }
            Ok::<(), Error>(())
        },
    )?;
    out.commit()?;
    summary.items = items;
    Ok(summary)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // A claim line is most of a kilobyte: one allocation instead of a string grown in steps.
    let mut line = Vec::with_capacity(1024);
    serde_json::to_writer(&mut line, value).expect("claims serialise");
    String::from_utf8(line).expect("serde_json writes UTF-8")
}

fn mention_json(
    pipeline: &Pipeline,
    doc: &str,
    lang: &str,
    text: &str,
    m: &newsclaims::extract::Mention,
) -> String {
    let rules = &pipeline.rules;
    let (kind, value) = match &m.kind {
        MentionKind::Amount(v) => (
            v.kind().to_string(),
            serde_json::to_value(v).unwrap_or_default(),
        ),
        MentionKind::Date(d) => (
            "date".into(),
            json!({"kind": "date", "weekday": d.weekday, "date": d.date}),
        ),
        MentionKind::Time(t) => ("time".into(), serde_json::to_value(t).unwrap_or_default()),
        MentionKind::Entity(e) => {
            let ent = &rules.gazetteer.entities[*e];
            let claim_as = &rules.gazetteer.entities[rules.gazetteer.claim_id(*e)].id;
            (
                "entity".into(),
                json!({"id": ent.id, "kind": ent.kind, "claims_as": claim_as}),
            )
        }
        MentionKind::Trigger(p) => (
            "trigger".into(),
            json!({"predicate": rules.predicates[*p].def.id}),
        ),
        MentionKind::Anaphor => ("anaphor".into(), serde_json::Value::Null),
        MentionKind::Prior { before } => ("prior".into(), json!({"before": before})),
    };
    to_json(&json!({
        "doc": doc, "lang": lang, "kind": kind, "text": &text[m.start..m.end],
        "start": m.start, "end": m.end, "value": value, "rule": m.rule,
    }))
}
