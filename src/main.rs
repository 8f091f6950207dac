//! The `newsclaims` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use anstyle::{AnsiColor, Style};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use serde_json::json;

use newsclaims::batch::{self, Progress, RunOptions, Summary};
use newsclaims::claims::read_claims;
use newsclaims::corpus::{
    Document, Format as InputFormat, Inputs, NonUtf8, ReadOptions, Skipped, DEFAULT_MAX_BYTES,
};
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::eval::{evaluate, score_conflicts, Gold};
use newsclaims::extract::MentionKind;
use newsclaims::output::{check_output_folder, write_all, write_with, Output};
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
    /// Worker threads for reading articles (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    threads: Option<NonZeroUsize>,
    /// Print no run summary and no progress on standard error (errors still print).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to colour what is printed on standard error: on a terminal (auto, and not
    /// when NO_COLOR is set), always, or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

/// `--color` values.
#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    /// Colour when standard error is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What `newsclaims generate` writes.
#[derive(Clone, Copy, ValueEnum)]
enum Generated {
    /// The man page (roff), e.g. for ~/.local/share/man/man1/newsclaims.1.
    Man,
    /// Bash completions.
    CompleteBash,
    /// Zsh completions.
    CompleteZsh,
    /// Fish completions.
    CompleteFish,
    /// PowerShell completions.
    CompletePowershell,
    /// Elvish completions.
    CompleteElvish,
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
    /// List the article files a run over PATH would read, in order (as `rg --files`
    /// does), each relative to the PATH it was found in: hidden, ignored and
    /// non-article files left out, skips on standard error.
    Files {
        /// Folders or files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// End each name with a NUL byte instead of a newline (for --files0-from and
        /// names holding newlines).
        #[arg(short = '0', long)]
        null: bool,
    },
    /// Write the man page or shell completions, generated from these very definitions,
    /// to standard output.
    Generate {
        /// What to write.
        #[arg(value_enum)]
        what: Generated,
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
    #[arg(required_unless_present = "files0_from")]
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
    /// Also read the files named in FILE (- for standard input), NUL-separated, as
    /// `newsclaims files -0` lists them; each file's id is its name as listed.
    #[arg(long, value_name = "FILE")]
    files0_from: Option<PathBuf>,
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

/// How the run talks on standard error: the summary and progress (unless quiet), in
/// colour where wanted.
#[derive(Clone, Copy)]
struct Ui {
    quiet: bool,
}

impl Ui {
    /// Print the run summary (unless quiet), its skips and warnings coloured.
    fn summary(self, text: &str) {
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
    fn progress(self, paths: &[PathBuf], read: &ReadOptions) -> Option<Arc<dyn Progress + Send>> {
        if self.quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        Some(Arc::new(Bar::new(paths, read)))
    }
}

/// The terminal's progress bar: bytes of text against the inputs' total size, with the
/// documents done (of the total, when every input is one article).
struct Bar {
    bar: indicatif::ProgressBar,
    docs: AtomicU64,
    /// Documents in all, unknown when JSON Lines or standard input are read.
    total_docs: Option<u64>,
}

impl Bar {
    fn new(paths: &[PathBuf], read: &ReadOptions) -> Bar {
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

impl ReadArgs {
    /// How to read `paths`, never reading the run's own `outputs`.
    fn run_options(&self, ui: Ui, paths: &[PathBuf], outputs: &[&Path]) -> RunOptions {
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
    fn inputs(&self, paths: &[PathBuf], outputs: &[&Path]) -> Result<Vec<PathBuf>, Error> {
        self.check_paths(paths, outputs)?;
        let mut all = paths.to_vec();
        if let Some(list) = &self.files0_from {
            all.extend(read_file_list(list)?);
        }
        Ok(all)
    }

    /// Refuse, before any work, input paths that do not exist and outputs whose folder
    /// does not exist (a usage error, exit 2).
    fn check_paths(&self, paths: &[PathBuf], outputs: &[&Path]) -> Result<(), Error> {
        refuse_missing(paths)?;
        for output in outputs.iter().copied().chain(self.summary.as_deref()) {
            check_output_folder(output)?;
        }
        Ok(())
    }

    /// Report the run: the summary on stderr and in --summary FILE; the exit code
    /// (4 for skipped inputs with --strict).
    fn finish(&self, ui: Ui, summary: &Summary, item_name: &str) -> Result<u8, Error> {
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

    fn pipeline(&self) -> Result<Pipeline, Error> {
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
fn refuse_missing(paths: &[PathBuf]) -> Result<(), Error> {
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
fn read_file_list(list: &Path) -> Result<Vec<PathBuf>, Error> {
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

/// Exit code when --fail-on-conflict finds a conflict.
const EXIT_CONFLICT: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.get())
            .build_global()
            .expect("the thread pool is set up once, before any work");
    }
    // An interrupted run leaves no temporary file behind (130: killed by a signal).
    let _ = ctrlc::set_handler(|| {
        newsclaims::output::remove_unfinished();
        std::process::exit(130);
    });
    let ui = Ui { quiet: cli.quiet };
    match run(cli.command, ui) {
        Ok(code) => ExitCode::from(code),
        // The reader of our output went away (`| head`): it has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
            anstream::eprintln!("{red}newsclaims:{red:#} {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn run(command: Command, ui: Ui) -> Result<u8, Error> {
    match command {
        Command::Rules { command } => rules_command(command),
        Command::Check {
            paths,
            read,
            claims,
            format,
            output,
            fail_on_conflict,
            fx,
        } => {
            let request = CheckRequest {
                paths: &paths,
                read: &read,
                claim_files: &claims,
                fx: fx.as_deref(),
                format,
                output: output.as_deref(),
            };
            let report = check(&request, ui)?;
            let code = read.finish(ui, &report.summary, "claims")?;
            if fail_on_conflict && report.conflicts > 0 {
                return Ok(EXIT_CONFLICT);
            }
            Ok(code)
        }
        Command::Extract { input, output } => {
            let summary = write_each(&input, output.as_deref(), ui, |p, d| {
                let (lang, claims) = p.claims(d)?;
                Ok((lang, claims.iter().map(to_json).collect()))
            })?;
            input.read.finish(ui, &summary, "claims")
        }
        Command::Mentions { input, output } => {
            let summary = write_each(&input, output.as_deref(), ui, |p, d| {
                let analysis = p.analyse(d)?;
                let lines = analysis
                    .sentences
                    .iter()
                    .flat_map(|s| s.mentions.iter().map(move |m| (s, m)))
                    .map(|(s, m)| mention_json(p, &d.id, &s.lang, &d.text, m))
                    .collect();
                Ok((analysis.lang, lines))
            })?;
            input.read.finish(ui, &summary, "mentions")
        }
        Command::Eval {
            gold,
            input,
            json,
            verbose,
        } => eval(&gold, &input, json, verbose, ui),
        Command::Conformance {
            dir,
            rules,
            json,
            verbose,
        } => {
            let pipeline = Pipeline::new(RuleSet::load(rules.as_deref())?, None);
            let report = newsclaims::conformance::run(&pipeline, &dir)?;
            if json {
                print(&pretty_json(&report))?;
            } else {
                print(&report.render(verbose))?;
            }
            Ok(0)
        }
        Command::Generate { what } => {
            generate(what)?;
            Ok(0)
        }
        Command::Files { paths, null } => list_files(&paths, null, ui),
    }
}

/// Write `text` to standard output (a closed pipe is an error the caller ends quietly on).
fn print(text: &str) -> Result<(), Error> {
    write_all(None, text)
}

fn pretty_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("reports serialise") + "\n"
}

/// `newsclaims eval`: score the claims of the inputs against a gold file.
fn eval(gold: &Path, input: &InputArgs, json: bool, verbose: bool, ui: Ui) -> Result<u8, Error> {
    let paths = input.read.inputs(&input.paths, &[])?;
    let gold = Gold::read(gold)?;
    let pipeline = input.read.pipeline()?;
    let options = input.read.run_options(ui, &paths, &[]);
    let (claims, _, summary) = batch::documents_and_claims(&pipeline, &paths, &options);
    let report = evaluate(&gold, &claims);
    let fx = FxRates::parse("data/fx.toml", BUNDLED_FX)?;
    let checked =
        CrossChecker::new(&pipeline.rules.gazetteer, fx).check(claims, Default::default());
    let conflicts = score_conflicts(&gold, &checked, &pipeline.rules.gazetteer);
    if json {
        print(&pretty_json(
            &json!({"claims": report, "conflicts": conflicts}),
        ))?;
    } else {
        let mut text = report.render(verbose);
        text.push_str(&format!(
            "conflicts: {} of {} expected reported, {} not expected\n",
            conflicts.found.len(),
            conflicts.expected.len(),
            conflicts.extra.len()
        ));
        if verbose {
            for e in &conflicts.expected {
                let mark = if conflicts.found.contains(e) {
                    "found "
                } else {
                    "MISSED"
                };
                text.push_str(&format!("  {mark} {e}\n"));
            }
            for e in &conflicts.extra {
                text.push_str(&format!("  extra  {e}\n"));
            }
        }
        print(&text)?;
    }
    input.read.finish(ui, &summary, "claims")
}

/// `newsclaims files`: the article files of `paths`, as raw bytes (any name a file
/// system allows); skips on standard error, and exit 4 never (listing is not reading).
fn list_files(paths: &[PathBuf], null: bool, ui: Ui) -> Result<u8, Error> {
    use std::os::unix::ffi::OsStrExt;
    refuse_missing(paths)?;
    let mut out = Output::create(None)?;
    let mut summary = Summary::default();
    for root in paths {
        let mut inputs = Inputs::new(std::slice::from_ref(root), &[]);
        for input in inputs.by_ref() {
            summary.inputs += 1;
            match input {
                Ok(input) => {
                    let name = relative_to(root, &input.path);
                    out.bytes(name.as_os_str().as_bytes(), if null { b'\0' } else { b'\n' })?;
                }
                Err(mut skip) => {
                    // Named as the listed files are: relative to the root.
                    skip.input = relative_to(root, Path::new(&skip.input))
                        .display()
                        .to_string();
                    summary.skipped.push(skip);
                }
            }
        }
        for (why, n) in inputs.ignored() {
            *summary.ignored.entry(*why).or_default() += n;
        }
    }
    out.commit()?;
    let text = summary.render("files");
    // The counts line speaks of documents read: a listing reads none.
    ui.summary(text.split_once('\n').map_or("", |(_, rest)| rest));
    Ok(0)
}

/// `path` relative to the command-line `root` it was found under (itself for a file).
fn relative_to<'a>(root: &Path, path: &'a Path) -> &'a Path {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel,
        _ => path,
    }
}

/// `newsclaims generate`: the man page or a shell's completions, from the clap definition.
fn generate(what: Generated) -> Result<(), Error> {
    use clap_complete::Shell;
    let mut command = Cli::command();
    let shell = match what {
        Generated::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|source| Error::Io {
                    path: PathBuf::from("<man page>"),
                    source,
                })?;
            return print(&String::from_utf8_lossy(&page));
        }
        Generated::CompleteBash => Shell::Bash,
        Generated::CompleteZsh => Shell::Zsh,
        Generated::CompleteFish => Shell::Fish,
        Generated::CompletePowershell => Shell::PowerShell,
        Generated::CompleteElvish => Shell::Elvish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "newsclaims", &mut script);
    print(&String::from_utf8_lossy(&script))
}

/// `newsclaims rules ...`: the exit code.
fn rules_command(command: RulesCommand) -> Result<u8, Error> {
    match command {
        RulesCommand::Check { dir } => {
            let rules = RuleSet::load(dir.as_deref())?;
            print(&format!(
                "rules ok: languages {}; {} predicates; {} entities\n",
                rules.language_codes().join(", "),
                rules.predicates.len(),
                rules.gazetteer.entities.len()
            ))?;
            Ok(0)
        }
        RulesCommand::Test { dir } => {
            let pipeline = Pipeline::new(RuleSet::load(dir.as_deref())?, None);
            let outcomes = newsclaims::examples::run(&pipeline);
            let failed: Vec<_> = outcomes.iter().filter(|o| !o.failures.is_empty()).collect();
            let mut text = String::new();
            for o in &failed {
                text.push_str(&format!("FAIL {}: {:?}\n", o.at, o.text));
                for f in &o.failures {
                    text.push_str(&format!("  {f}\n"));
                }
            }
            text.push_str(&format!(
                "{} passed, {} failed\n",
                outcomes.len() - failed.len(),
                failed.len()
            ));
            print(&text)?;
            Ok(if failed.is_empty() { 0 } else { 1 })
        }
        RulesCommand::New {
            code,
            detector,
            output,
        } => {
            if let Some(path) = &output {
                check_output_folder(path)?;
            }
            let text =
                newsclaims::rules::skeleton(&code, detector.as_deref()).ok_or_else(|| {
                    Error::Usage(format!(
                        "{code}: the language detector does not know this language: give \
                         --detector with its ISO 639-3 code or English name (spa, Spanish)"
                    ))
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

/// What `check` was asked to do.
struct CheckRequest<'a> {
    paths: &'a [PathBuf],
    read: &'a ReadArgs,
    claim_files: &'a [PathBuf],
    fx: Option<&'a Path>,
    format: Format,
    output: Option<&'a Path>,
}

/// Extract (or read) claims, cross-check them and write the report.
fn check(request: &CheckRequest, ui: Ui) -> Result<Checked, Error> {
    let CheckRequest {
        paths,
        read,
        claim_files,
        fx,
        format,
        output,
    } = *request;
    if paths.is_empty() && claim_files.is_empty() && read.files0_from.is_none() {
        return Err(Error::Usage(
            "check: no input: give article paths, --claims files, or both".into(),
        ));
    }
    let outputs: Vec<&Path> = output.into_iter().collect();
    let paths = &read.inputs(paths, &outputs)?;
    read.check_paths(claim_files, &[])?;
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
        let options = read.run_options(ui, paths, &outputs);
        batch::documents_and_claims(&pipeline, paths, &options)
    };
    summary.skipped.splice(0..0, bad_lines);
    // Claims files are inputs too: a run over them alone still prints its summary.
    summary.inputs += claim_files.len();
    claims.extend(extracted);
    let checker = CrossChecker::new(&pipeline.rules.gazetteer, fx);
    let mut report = checker.check(claims, docs);
    report.summary.skipped = summary.skipped.clone();
    write_with(output, |out| write_report(&report, format, out))?;
    let s = &report.summary;
    if !ui.quiet {
        eprintln!(
            "newsclaims: {} documents, {} claims, {} clusters: {} conflict, {} agree, {} single",
            s.docs, s.claims, s.clusters, s.conflict, s.agree, s.single
        );
    }
    Ok(Checked {
        summary,
        conflicts: s.conflict,
    })
}

/// Run `lines_of` over every input document and write its lines, in input order, to
/// `output` (atomically) or stdout; the run summary.
fn write_each<F>(
    input: &InputArgs,
    output: Option<&Path>,
    ui: Ui,
    lines_of: F,
) -> Result<Summary, Error>
where
    F: Fn(&Pipeline, &Document) -> Result<(String, Vec<String>), Skipped> + Sync,
{
    let outputs: Vec<&Path> = output.into_iter().collect();
    let paths = input.read.inputs(&input.paths, &outputs)?;
    let pipeline = input.read.pipeline()?;
    let options = input.read.run_options(ui, &paths, &outputs);
    let mut out = Output::create(output)?;
    let mut items = 0;
    let mut summary = batch::stream(&pipeline, &paths, &options, lines_of, |outcome| {
        for line in outcome.iter().flat_map(|done| &done.output) {
            out.line(line)?;
            items += 1;
        }
        Ok::<(), Error>(())
    })?;
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
