//! The `newsclaims` command line: a thin layer over the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde_json::json;

use newsclaims::batch::{self, Outcome};
use newsclaims::claims::read_claims;
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::eval::{evaluate, score_conflicts, Gold};
use newsclaims::extract::MentionKind;
use newsclaims::report::{render, Format};
use newsclaims::{Error, Pipeline, RuleSet};

/// Extract checkable claims from news articles and cross-check them between sources.
///
/// Exit codes: 0 success; 1 a run that could not complete (bad rules, unreadable claims
/// file, unwritable output) or, for `rules test`, a failing rule example; 2 bad
/// command-line usage; 3 conflicts found with --fail-on-conflict.
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
        /// Claims extracted earlier (JSON Lines; several files merge, e.g. shards).
        #[arg(long = "claims", value_name = "FILE.jsonl")]
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
        /// A folder of rule files that add to or replace the bundled ones.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Read every article in this language instead of detecting it.
        #[arg(long)]
        lang: Option<String>,
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
    /// Folders (read recursively), files (.txt, .md, .jsonl), or - for standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// A folder of rule files that add to or replace the bundled ones.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Read every article in this language instead of detecting it.
    #[arg(long)]
    lang: Option<String>,
}

impl InputArgs {
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
            claims,
            format,
            output,
            fail_on_conflict,
            rules,
            lang,
            fx,
        } => {
            let input = InputArgs { paths, rules, lang };
            let conflicts = check(&input, &claims, fx.as_deref(), format, output.as_deref())?;
            if fail_on_conflict && conflicts > 0 {
                return Ok(EXIT_CONFLICT);
            }
        }
        Command::Extract { input, output } => {
            let pipeline = input.pipeline()?;
            let (claims, summary) = batch::extract(&pipeline, &input.paths);
            write_lines(output.as_deref(), claims.iter().map(to_json))?;
            eprint!("{}", summary.render("claims"));
        }
        Command::Mentions { input, output } => {
            let pipeline = input.pipeline()?;
            let (outcomes, mut summary) = batch::run(&pipeline, &input.paths, |p, d| {
                p.analyse(d).map(|a| (a.lang.clone(), (a, d.text.clone())))
            });
            let mut lines = Vec::new();
            for o in outcomes {
                if let Outcome::Done {
                    doc,
                    output: (analysis, text),
                    ..
                } = o
                {
                    for s in &analysis.sentences {
                        for m in &s.mentions {
                            lines.push(mention_json(&pipeline, &doc, &s.lang, &text, m));
                        }
                    }
                }
            }
            summary.items = lines.len();
            write_lines(output.as_deref(), lines.into_iter())?;
            eprint!("{}", summary.render("mentions"));
        }
        Command::Eval {
            gold,
            input,
            json,
            verbose,
        } => {
            let gold = Gold::read(&gold)?;
            let pipeline = input.pipeline()?;
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
            write_lines(output.as_deref(), std::iter::once(text))?;
            Ok(0)
        }
    }
}

/// Extract (or read) claims, cross-check them and write the report; the number of
/// conflicts.
fn check(
    input: &InputArgs,
    claim_files: &[PathBuf],
    fx: Option<&Path>,
    format: Format,
    output: Option<&Path>,
) -> Result<usize, Error> {
    if input.paths.is_empty() && claim_files.is_empty() {
        return Err(Error::Data {
            path: PathBuf::from("newsclaims check"),
            line: None,
            message: "give article paths, --claims files, or both".into(),
        });
    }
    let pipeline = input.pipeline()?;
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
    let mut claims = Vec::new();
    for file in claim_files {
        claims.extend(read_claims(file)?);
    }
    let mut docs = std::collections::BTreeMap::new();
    let mut skipped = Vec::new();
    if !input.paths.is_empty() {
        let (outcomes, summary) = batch::run(&pipeline, &input.paths, |p, d| p.claims(d));
        for o in outcomes {
            if let Outcome::Done { doc, lang, output } = o {
                docs.insert(doc, lang);
                claims.extend(output);
            }
        }
        skipped = summary.skipped;
    }
    let checker = CrossChecker::new(&pipeline.rules.gazetteer, fx);
    let mut report = checker.check(claims, docs);
    report.summary.skipped = skipped;
    write_lines(output, std::iter::once(render(&report, format)))?;
    let s = &report.summary;
    eprintln!(
        "newsclaims: {} documents, {} claims, {} clusters: {} conflict, {} agree, {} single, {} skipped",
        s.docs, s.claims, s.clusters, s.conflict, s.agree, s.single, s.skipped.len()
    );
    Ok(s.conflict)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("claims serialise")
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

/// Write lines to `path` (atomically: a temporary file renamed into place) or stdout.
fn write_lines(path: Option<&Path>, lines: impl Iterator<Item = String>) -> Result<(), Error> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |source| Error::Io { path: p, source }
    };
    match path {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            for line in lines {
                writeln!(out, "{line}").map_err(io(Path::new("<stdout>")))?;
            }
            out.flush().map_err(io(Path::new("<stdout>")))
        }
        Some(path) => {
            let tmp = path.with_extension("tmp-newsclaims");
            {
                let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
                let mut out = std::io::BufWriter::new(file);
                for line in lines {
                    writeln!(out, "{line}").map_err(io(&tmp))?;
                }
                out.flush().map_err(io(&tmp))?;
            }
            std::fs::rename(&tmp, path).map_err(io(path))
        }
    }
}
