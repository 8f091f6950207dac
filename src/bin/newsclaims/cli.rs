//! The command line's definition (clap): commands, their arguments and flags. The man
//! page and the shell completions are generated from it (`newsclaims generate`).

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use newsclaims::corpus::DEFAULT_MAX_BYTES;
use newsclaims::crosscheck::STORY_WINDOW_DAYS;
use newsclaims::report::Format;

/// Extract checkable claims from news articles and cross-check them between sources.
///
/// Exit codes: 0 success (inputs skipped with a reason still succeed); 1 a run that could
/// not complete (bad rules, unreadable claims file, unwritable output) or, for `rules
/// test`, a failing rule example; 2 bad command-line usage; 3 conflicts found with
/// --fail-on-conflict; 4 inputs skipped with --strict.
#[derive(Parser)]
#[command(name = "newsclaims", version)]
pub(crate) struct Cli {
    /// Worker threads for reading articles (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub(crate) threads: Option<NonZeroUsize>,
    /// Print no run summary and no progress on standard error (errors still print).
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// When to colour what is printed on standard error: on a terminal (auto, and not
    /// when NO_COLOR is set), always, or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub(crate) color: ColorWhen,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// `--color` values.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ColorWhen {
    /// Colour when standard error is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// What `newsclaims generate` writes.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Generated {
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
pub(crate) enum Command {
    /// Write the claims of every article as JSON Lines.
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Write claims here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Say why each figure and day of an article yields the claim it does, or none: the
    /// sentence as frames see it, the frame that bound the figure, its claim or the reason
    /// (for rule authors). `newsclaims explain -` reads a sentence from standard input.
    Explain {
        #[command(flatten)]
        input: InputArgs,
        /// Write the explanation here instead of standard output.
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
        format: FormatArg,
        /// Write the report here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Exit with code 3 when a conflict is found.
        #[arg(long)]
        fail_on_conflict: bool,
        /// Exchange-rate file (TOML, see data/fx.toml) instead of the bundled one.
        #[arg(long)]
        fx: Option<PathBuf>,
        /// Articles published more than this many days apart tell different stories:
        /// their claims are never one cluster.
        #[arg(long, value_name = "DAYS", default_value_t = STORY_WINDOW_DAYS, value_parser = clap::value_parser!(i32).range(0..))]
        story_window: i32,
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
pub(crate) enum RulesCommand {
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
pub(crate) struct InputArgs {
    /// Folders (read recursively), files (.txt, .md, .jsonl), or - for standard input
    /// (JSON Lines articles when it starts with `{`, else one plain-text article).
    #[arg(required_unless_present = "files0_from")]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) read: ReadArgs,
}

/// How articles are read, and what the run says about them.
#[derive(Args)]
pub(crate) struct ReadArgs {
    /// A folder of rule files that add to or replace the bundled ones.
    #[arg(long)]
    pub(crate) rules: Option<PathBuf>,
    /// Read every article in this language instead of detecting it.
    #[arg(long)]
    pub(crate) lang: Option<String>,
    /// Skip articles (files, or JSON Lines records) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    pub(crate) max_bytes: u64,
    /// Text that is not UTF-8: read it as Windows-1252 (with a warning), or skip it.
    #[arg(long, value_enum, default_value_t = NonUtf8Arg::Windows1252)]
    pub(crate) non_utf8: NonUtf8Arg,
    /// How `-` (standard input) is read: JSON Lines articles, one plain-text article, or
    /// auto (JSON Lines when its first non-blank character is `{`).
    #[arg(long, value_enum, default_value_t = StdinArg::Auto)]
    pub(crate) stdin: StdinArg,
    /// Exit with code 4 when any input was skipped.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Also write the run summary (every input's fate) as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) summary: Option<PathBuf>,
    /// Also read the files named in FILE (- for standard input), NUL-separated, as
    /// `newsclaims files -0` lists them; each file's id is its name as listed.
    #[arg(long, value_name = "FILE")]
    pub(crate) files0_from: Option<PathBuf>,
}

/// `--non-utf8` values.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum NonUtf8Arg {
    /// Decode as Windows-1252 (Latin-1 plus typographic marks), with a warning.
    #[value(name = "windows-1252")]
    Windows1252,
    /// Skip the input, with its reason.
    Skip,
}

/// `check --format` values.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    /// Markdown: conflicts first, then agreements, then single-source claims.
    Md,
    /// The report JSON contract.
    Json,
    /// One self-contained HTML page.
    Html,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Md => Format::Md,
            FormatArg::Json => Format::Json,
            FormatArg::Html => Format::Html,
        }
    }
}

/// `--stdin` values.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StdinArg {
    /// JSON Lines when the first non-blank character is `{`, else one plain-text article.
    Auto,
    /// One JSON Lines article per line (a filter: a bad line is skipped, never the stream).
    Jsonl,
    /// One plain-text article.
    Text,
}
