//! The commands that are more than a call into the library: eval, files, generate,
//! rules, check, and writing extract's and mentions' lines.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use serde_json::json;

use newsclaims::claims::{read_claims, unlisted_ids, Claim, RunNames};
use newsclaims::corpus::{Inputs, Skipped};
use newsclaims::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};
use newsclaims::extract::MentionKind;
use newsclaims::report::{write_report, Format};
use newsclaims::rules::EntityTable;
use newsclaims::run::batch::{self, Summary};
use newsclaims::run::output::{check_output_folder, write_all, write_with, Output};
use newsclaims::tools::eval::{evaluate, score_conflicts, Gold};
use newsclaims::{Error, Pipeline, Prepared, RuleSet};

use crate::cli::{Cli, Generated, InputArgs, ReadArgs, RulesCommand};
use crate::inputs::refuse_missing;
use crate::ui::Ui;
use crate::{pretty_json, print};

/// `newsclaims eval`: score the claims of the inputs against a gold file.
pub(crate) fn eval(
    gold: &Path,
    input: &InputArgs,
    json: bool,
    verbose: bool,
    ui: Ui,
) -> Result<u8, Error> {
    let paths = input.read.inputs(&input.paths, &[])?;
    let gold = Gold::read(gold)?;
    let pipeline = input.read.pipeline()?;
    let options = input.read.run_options(ui, &paths, &[]);
    let (claims, _, summary) = batch::documents_and_claims(&pipeline, &paths, &options);
    let report = evaluate(&gold, &claims);
    let fx = FxRates::parse("data/fx.toml", BUNDLED_FX)?;
    let checked = CrossChecker::new(&pipeline.rules.gazetteer, fx)
        .with_designators(pipeline.rules.designator_ids())
        .check(claims, Default::default());
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
pub(crate) fn list_files(paths: &[PathBuf], null: bool, ui: Ui) -> Result<u8, Error> {
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
                    out.bytes(
                        name.as_os_str().as_bytes(),
                        if null { b'\0' } else { b'\n' },
                    )?;
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
pub(crate) fn relative_to<'a>(root: &Path, path: &'a Path) -> &'a Path {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel,
        _ => path,
    }
}

/// `newsclaims generate`: the man page or a shell's completions, from the clap definition.
pub(crate) fn generate(what: Generated) -> Result<(), Error> {
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
pub(crate) fn rules_command(command: RulesCommand) -> Result<u8, Error> {
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
            let outcomes = newsclaims::tools::examples::run(&pipeline);
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
pub(crate) struct Checked {
    pub(crate) summary: Summary,
    pub(crate) conflicts: usize,
}

/// What `check` was asked to do.
pub(crate) struct CheckRequest<'a> {
    pub(crate) paths: &'a [PathBuf],
    pub(crate) read: &'a ReadArgs,
    pub(crate) claim_files: &'a [PathBuf],
    pub(crate) fx: Option<&'a Path>,
    pub(crate) format: Format,
    pub(crate) output: Option<&'a Path>,
    pub(crate) story_window: i32,
}

/// Extract (or read) claims, cross-check them and write the report.
pub(crate) fn check(request: &CheckRequest, ui: Ui) -> Result<Checked, Error> {
    let CheckRequest {
        paths,
        read,
        claim_files,
        fx,
        format,
        output,
        story_window,
    } = *request;
    if paths.is_empty() && claim_files.is_empty() && read.files0_from.is_none() {
        return Err(Error::Usage(
            "check: no input: give article paths, --claims files, or both".into(),
        ));
    }
    let outputs: Vec<&Path> = output.into_iter().collect();
    let paths = &read.inputs(paths, &outputs)?;
    read.check_paths(claim_files, &[])?;
    // The rules load while the claims files are read: neither needs the other.
    let (pipeline, claims_read) = std::thread::scope(|scope| {
        let pipeline = scope.spawn(|| read.pipeline());
        let claims_read = read_claim_files(claim_files);
        let pipeline = pipeline
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pipeline, claims_read)
    });
    let pipeline = pipeline?;
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
    let (mut claims, bad_lines) = claims_read?;
    let (extracted, docs, mut summary): (_, _, batch::Summary) = if paths.is_empty() {
        Default::default()
    } else {
        let options = read.run_options(ui, paths, &outputs);
        batch::documents_and_claims(&pipeline, paths, &options)
    };
    summary.skipped.splice(0..0, bad_lines);
    // Claims files are inputs too, and their claims are counted with those extracted.
    summary.inputs += claim_files.len();
    summary.items += claims.len();
    claims.extend(extracted);
    let checker = CrossChecker::new(&pipeline.rules.gazetteer, fx)
        .with_story_window(story_window)
        .with_designators(pipeline.rules.designator_ids());
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
    let conflicts = s.conflict;
    // The process ends once the report is written: freeing a million claims one string at
    // a time would cost longer than writing them, so the memory goes back with the process.
    std::mem::forget(report);
    Ok(Checked { summary, conflicts })
}

/// The claims of `files` in order, and the lines of them that were skipped.
fn read_claim_files(files: &[PathBuf]) -> Result<(Vec<Claim>, Vec<Skipped>), Error> {
    let (mut claims, mut skipped) = (Vec::new(), Vec::new());
    for file in files {
        let (read, bad_lines) = read_claims(file)?;
        // The first file's claims are kept where they are: moving a million costs.
        if claims.is_empty() {
            claims = read;
        } else {
            claims.extend(read);
        }
        skipped.extend(bad_lines);
    }
    Ok((claims, skipped))
}

/// What a run that writes lines per document reads: its documents, with the rules and
/// options it reads them with.
struct WrittenRun {
    paths: Vec<PathBuf>,
    pipeline: Pipeline,
    options: batch::RunOptions,
}

impl WrittenRun {
    /// The run over `input` writing to `output` (which the inputs leave out).
    fn new(input: &InputArgs, output: Option<&Path>, ui: Ui) -> Result<WrittenRun, Error> {
        let outputs: Vec<&Path> = output.into_iter().collect();
        let paths = input.read.inputs(&input.paths, &outputs)?;
        let pipeline = input.read.pipeline()?;
        let options = input.read.run_options(ui, &paths, &outputs);
        Ok(WrittenRun {
            paths,
            pipeline,
            options,
        })
    }

    /// The run's summary, counting `items` lines. The compiled rules go back with the
    /// process: freeing their automata one by one would cost a run of a few articles a
    /// tenth of its time.
    fn finish(self, mut summary: Summary, items: usize) -> Summary {
        summary.items = items;
        std::mem::forget(self.pipeline);
        summary
    }
}

/// Run `lines_of` over every input document and write its lines, in input order, to
/// `output` (atomically) or stdout; the run summary.
pub(crate) fn write_each<F>(
    input: &InputArgs,
    output: Option<&Path>,
    ui: Ui,
    lines_of: F,
) -> Result<Summary, Error>
where
    F: Fn(&Pipeline, Prepared<'_>) -> Vec<String> + Sync,
{
    let run = WrittenRun::new(input, output, ui)?;
    let mut out = Output::create(output)?;
    let mut items = 0;
    let summary = batch::stream(
        &run.pipeline,
        &run.paths,
        &run.options,
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
    Ok(run.finish(summary, items))
}

/// `extract`: the claims of every input document as JSON lines, in input order, to
/// `output` (atomically) or stdout; the run summary. Each company no list holds is named
/// by the one id the whole run gives it ([`RunNames`]), so the lines are held in a
/// temporary file until the last document is read.
pub(crate) fn extract(input: &InputArgs, output: Option<&Path>, ui: Ui) -> Result<Summary, Error> {
    let run = WrittenRun::new(input, output, ui)?;
    let mut out = Output::rewritable(output)?;
    let mut names = RunNames::default();
    let mut items = 0;
    let claims_of = |p: &Pipeline, d: Prepared<'_>| {
        let claims = p.claims_of(d);
        let lines: Vec<String> = claims.iter().map(to_json).collect();
        (lines, unlisted_ids(&p.rules.gazetteer, &claims))
    };
    let summary = batch::stream(
        &run.pipeline,
        &run.paths,
        &run.options,
        claims_of,
        |outcome| {
            if let Ok(done) = outcome {
                let (lines, unlisted) = done.output;
                names.add_document(&unlisted);
                for line in &lines {
                    out.line(line)?;
                }
                items += lines.len();
            }
            Ok::<(), Error>(())
        },
    )?;
    let renames = names.renames(&run.pipeline.rules.designator_ids());
    let rename: &dyn Fn(&str) -> Cow<'_, str> = &|line| renames.line(line);
    out.commit_with((!renames.is_empty()).then_some(rename))?;
    Ok(run.finish(summary, items))
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    // A claim line is most of a kilobyte: one allocation instead of a string grown in steps.
    let mut line = Vec::with_capacity(1024);
    serde_json::to_writer(&mut line, value).expect("claims serialise");
    String::from_utf8(line).expect("serde_json writes UTF-8")
}

pub(crate) fn mention_json(
    pipeline: &Pipeline,
    entities: EntityTable,
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
            let ent = &entities[e.0];
            let claim_as = &entities[entities.claim_id(e.0)].id;
            let mut value = json!({"id": ent.id, "kind": ent.kind, "claims_as": claim_as});
            if !entities.is_listed(e.0) {
                value["listed"] = json!(false);
            }
            ("entity".into(), value)
        }
        MentionKind::Trigger(p) => (
            "trigger".into(),
            json!({"predicate": rules.predicate(*p).def.id}),
        ),
        MentionKind::Anaphor => ("anaphor".into(), serde_json::Value::Null),
        MentionKind::Prior { before } => ("prior".into(), json!({"before": before})),
    };
    to_json(&json!({
        "doc": doc, "lang": lang, "kind": kind, "text": &text[m.start..m.end],
        "start": m.start, "end": m.end, "value": value, "rule": m.rule,
    }))
}
