//! The `newsclaims` command line: a thin layer over the library.

//!
//! `cli` defines the command line, `inputs` turns its flags into what a run reads and
//! writes, `ui` is what a run says on standard error, `commands` the commands themselves.

mod cli;
mod commands;
mod inputs;
mod ui;

use std::path::Path;
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use clap::Parser;

use newsclaims::run::output::write_all;
use newsclaims::{Error, Pipeline, RuleSet};

use cli::{Cli, ColorWhen, Command, InputArgs};
use commands::{
    check, eval, extract, generate, list_files, mention_json, rules_command, write_each,
    CheckRequest,
};
use ui::Ui;

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
        newsclaims::run::output::remove_unfinished();
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

/// `explain`: per document, a heading line and the lines of its explanation.
fn explain(input: &InputArgs, output: Option<&Path>, ui: Ui) -> Result<u8, Error> {
    let summary = write_each(input, output, ui, |p, d| {
        let head = format!("# {} [{}]", d.doc().id, d.lang());
        std::iter::once(head).chain(p.explanation_of(d)).collect()
    })?;
    input.read.finish(ui, &summary, "explanations")
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
            story_window,
        } => {
            let request = CheckRequest {
                paths: &paths,
                read: &read,
                claim_files: &claims,
                fx: fx.as_deref(),
                format: format.into(),
                output: output.as_deref(),
                story_window,
            };
            let report = check(&request, ui)?;
            let code = read.finish(ui, &report.summary, "claims")?;
            if fail_on_conflict && report.conflicts > 0 {
                return Ok(EXIT_CONFLICT);
            }
            Ok(code)
        }
        Command::Extract { input, output } => {
            let summary = extract(&input, output.as_deref(), ui)?;
            input.read.finish(ui, &summary, "claims")
        }
        Command::Explain { input, output } => explain(&input, output.as_deref(), ui),
        Command::Mentions { input, output } => {
            let summary = write_each(&input, output.as_deref(), ui, |p, d| {
                let doc = d.doc();
                let analysis = p.analysis_of(d);
                let entities = p.rules.gazetteer.with_open(&analysis.open);
                analysis
                    .sentences
                    .iter()
                    .flat_map(|s| s.mentions.iter().map(move |m| (s, m)))
                    .map(|(s, m)| mention_json(p, entities, &doc.id, &s.lang, &doc.text, m))
                    .collect()
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
            let report = newsclaims::tools::conformance::run(&pipeline, &dir)?;
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
pub(crate) fn print(text: &str) -> Result<(), Error> {
    write_all(None, text)
}

pub(crate) fn pretty_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("reports serialise") + "\n"
}
