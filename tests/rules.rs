//! Rule files people extend: strict loading with file, line and a hint for every kind of
//! mistake; the examples inside the bundled rule files; and a language added as data only.

mod common;

use std::path::{Path, PathBuf};

use newsclaims::corpus::{Document, Documents, ReadOptions};
use newsclaims::tools::synth::CorpusGenerator;
use newsclaims::{Error, Pipeline, RuleSet};

use common::root;

/// A copy of the bundled rules in a fresh folder, with `edit` applied to one file.
fn rules_with(file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        if name == file {
            text = edit(text);
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Load rules from `dir` and return the error message, which must name `file` and `line`.
fn refused(dir: &Path, file: &str, line: usize) -> String {
    let err = RuleSet::load(Some(dir)).expect_err("the broken rule file is refused");
    let message = err.to_string();
    let Error::Rule {
        path,
        position,
        hint,
        ..
    } = &err
    else {
        panic!("not a rule error: {message}");
    };
    assert_eq!(path.file_name().unwrap(), file, "{message}");
    assert_eq!(position.map(|p| p.line), Some(line), "{message}");
    assert!(hint.is_some(), "a hint comes with the message: {message}");
    assert!(message.contains(&format!("{file}:{line}:")), "{message}");
    message
}

/// Insert `line` after the first line starting with `after`; the 1-based number of the new line.
fn insert_after(text: &str, after: &str, line: &str) -> (String, usize) {
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(after))
        .expect("anchor line")
        + 1;
    lines.insert(at, line);
    (lines.join("\n") + "\n", at + 1)
}

#[test]
fn malformed_rule_files_are_refused_with_file_line_and_hint() {
    let en = std::fs::read_to_string(root().join("rules/en.toml")).unwrap();
    let predicates = std::fs::read_to_string(root().join("rules/predicates.toml")).unwrap();
    let entities = std::fs::read_to_string(root().join("rules/entities.toml")).unwrap();

    // An unknown key.
    let (text, line) = insert_after(&en, "[money]", "linkz = [\"of\"]");
    let dir = rules_with("en.toml", |_| text.clone());
    assert!(refused(dir.path(), "en.toml", line).contains("unknown field"));

    // An unknown key in the unit nouns' table is a unit no predicate uses.
    let (text, line) = insert_after(&en, "[units.nouns]", "jobz = [\"jobs\"]");
    let dir = rules_with("en.toml", |_| text.clone());
    assert!(refused(dir.path(), "en.toml", line).contains("not used by any predicate"));

    // An unknown qualifier.
    let (text, line) = insert_after(&en, "[qualifiers]", "roughly_about = [\"circa\"]");
    let dir = rules_with("en.toml", |_| text.clone());
    assert!(refused(dir.path(), "en.toml", line).contains("unknown qualifier"));

    // A regex that does not compile.
    let line = en
        .lines()
        .position(|l| l.starts_with("revenue = ["))
        .unwrap()
        + 1;
    let dir = rules_with("en.toml", |t| t.replace("'turnover'", "'turnover('"));
    assert!(refused(dir.path(), "en.toml", line).contains("does not compile"));

    // A function word that is not one word: they are counted word by word.
    let line = en
        .lines()
        .position(|l| l.starts_with("function_words = ["))
        .unwrap()
        + 1;
    let dir = rules_with("en.toml", |t| t.replacen("\"the\", ", "\"of the\", ", 1));
    assert!(refused(dir.path(), "en.toml", line).contains("not one short word"));

    // A TOML syntax error.
    let (text, line) = insert_after(&en, "[money]", "links = \"of");
    let dir = rules_with("en.toml", |_| text.clone());
    refused(dir.path(), "en.toml", line);

    // A duplicate predicate id.
    let dir = rules_with("predicates.toml", |t| {
        t + "\n[[predicate]]\nid = \"jobs\"\nkind = \"count\"\nunit = \"jobs\"\n"
    });
    let line = predicates.lines().count() + 2;
    assert!(refused(dir.path(), "predicates.toml", line).contains("duplicate predicate"));

    // A count predicate without a unit.
    let dir = rules_with("predicates.toml", |t| {
        t + "\n[[predicate]]\nid = \"plants\"\nkind = \"count\"\n"
    });
    let line = predicates.lines().count() + 2;
    assert!(refused(dir.path(), "predicates.toml", line).contains("has no unit"));

    // A duplicate entity id.
    let dir = rules_with("entities.toml", |t| {
        t + "\n[[entity]]\nid = \"amazon\"\nkind = \"company\"\n"
    });
    let line = entities.lines().count() + 2;
    assert!(refused(dir.path(), "entities.toml", line).contains("duplicate entity"));

    // An alias claimed by two entities.
    let dir = rules_with("entities.toml", |t| {
        t + "\n[[entity]]\nid = \"amazon_rainforest\"\nkind = \"place\"\nnames = [\"Amazon\"]\n"
    });
    let line = entities.lines().count() + 5;
    assert!(refused(dir.path(), "entities.toml", line).contains("claimed by both"));
}

fn german_article() -> Document {
    Document::new(
        "de.txt",
        "Microsoft investiert vier Milliarden Euro in Frankreich\n\n\
               Der Softwarekonzern Microsoft will in Frankreich 4 Milliarden Euro in Rechenzentren \
               und künstliche Intelligenz investieren. Das Unternehmen teilte am Sonntag mit, dass \
               bis 2027 eine Million Menschen geschult werden sollen. Amazon kündigte zudem \
               Investitionen von 1,2 Milliarden Euro an, die mehr als 3.000 Arbeitsplätze schaffen."
    )
}

#[test]
fn german_is_added_as_data_only() {
    let without = rules_with("", |t| t);
    std::fs::remove_file(without.path().join("de.toml")).unwrap();
    let pipeline = Pipeline::new(RuleSet::load(Some(without.path())).unwrap(), None);
    let skipped = pipeline
        .claims(&german_article())
        .expect_err("no German rules: skipped");
    // A kind to match on, and the sentence a user reads.
    assert_eq!(
        skipped.reason,
        newsclaims::corpus::SkipReason::UnsupportedLanguage("deu".into())
    );
    assert_eq!(
        skipped.reason.to_string(),
        "unsupported language (detected deu)"
    );

    std::fs::copy(root().join("rules/de.toml"), without.path().join("de.toml")).unwrap();
    let pipeline = Pipeline::new(RuleSet::load(Some(without.path())).unwrap(), None);
    let (lang, claims) = pipeline
        .claims(&german_article())
        .expect("German rules: extracted");
    assert_eq!(lang, "de");
    let found = |subject: &str, predicate: &str, amount: f64| {
        claims.iter().any(|c| {
            c.subject.as_ref().is_some_and(|s| s.id == subject)
                && c.predicate == predicate
                && c.value.amount().is_some_and(|a| a.amount == amount)
        })
    };
    assert!(found("microsoft", "invest", 4e9), "{claims:#?}");
    assert!(found("microsoft", "train", 1e6), "{claims:#?}");
    assert!(found("amazon", "invest", 1.2e9), "{claims:#?}");
    assert!(found("amazon", "jobs", 3000.0), "{claims:#?}");
}

#[test]
fn a_run_compiles_the_bundled_rules_of_only_the_languages_it_reads() {
    let pipeline = Pipeline::new(RuleSet::bundled().unwrap(), None);
    let compiled = || -> Vec<&str> {
        let languages = pipeline.rules.languages.values();
        languages
            .filter(|l| l.is_compiled())
            .map(|l| l.code.as_str())
            .collect()
    };
    assert!(
        compiled().is_empty(),
        "compiled as they load: {:?}",
        compiled()
    );
    let (lang, claims) = pipeline.claims(&german_article()).unwrap();
    assert_eq!((lang.as_str(), claims.is_empty()), ("de", false));
    assert_eq!(compiled(), ["de"]);
    // A batch run compiles the languages its first documents are in together, and no other.
    pipeline.rules.compile_languages(&["en", "fr", "xx"]);
    assert_eq!(compiled(), ["de", "en", "fr"]);
    // A rule folder's rules are compiled as they load: their errors stop a run at once.
    let folder = rules_with("", |t| t);
    let rules = RuleSet::load(Some(folder.path())).unwrap();
    assert!(rules.languages.values().all(|l| l.is_compiled()));
}

#[test]
fn bundled_rule_examples_pass_with_at_least_15_per_language() {
    let pipeline = Pipeline::new(RuleSet::bundled().unwrap(), None);
    for lang in pipeline.rules.languages.values() {
        assert!(
            lang.examples.len() >= 15,
            "{} has {} examples",
            lang.code,
            lang.examples.len()
        );
        let counter = lang
            .examples
            .iter()
            .filter(|(_, e)| e.claims.as_ref().is_some_and(Vec::is_empty))
            .count();
        assert!(counter >= 3, "{} has {counter} counter-examples", lang.code);
    }
    let failures: Vec<String> = newsclaims::tools::examples::run(&pipeline)
        .into_iter()
        .filter(|o| !o.failures.is_empty())
        .map(|o| format!("{}: {:?}\n  {}", o.at, o.text, o.failures.join("\n  ")))
        .collect();
    assert!(
        failures.is_empty(),
        "failing rule examples:\n{}",
        failures.join("\n")
    );
}

#[test]
fn src_holds_no_language_vocabulary_outside_tests() {
    // Words that belong in rule files; src/ may quote them only in #[cfg(test)] modules.
    let words = [
        "milliard",
        "miljard",
        "miljoen",
        "billion",
        "euros",
        "dollars",
        "investir",
        "meer dan",
        "plus de",
        "jusqu",
        "frankrijk",
        "banen",
        "emplois",
        "dimanche",
        "zondag",
        "milliarden",
        "arbeitsplätze",
    ];
    for path in rust_files(&root().join("src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        for word in words {
            assert!(
                !code.contains(word),
                "{} holds {word:?} outside test code",
                path.display()
            );
        }
    }
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The bundled `en.toml` with `frames` (one or more `[[frames]]` tables) before its
/// `[segment]` table, and the line the first of them starts on.
fn en_with_frames(frames: &str) -> (String, usize) {
    en_with_before("[segment]\n", frames)
}

/// The bundled `en.toml` with `inserted` before its first line that starts with `line_start`,
/// and the line `inserted` starts on.
fn en_with_before(line_start: &str, inserted: &str) -> (String, usize) {
    let en = std::fs::read_to_string(root().join("rules/en.toml")).unwrap();
    let at = en.find(&format!("\n{line_start}")).unwrap() + 1;
    let line = en[..at].lines().count() + 1;
    (format!("{}{inserted}{}", &en[..at], &en[at..]), line)
}

#[test]
fn broken_frames_are_refused_with_their_line() {
    // (pattern, words of the message)
    let cases = [
        ("{subject} fined", "has no {value}"),
        (
            "{subject} fined {value} {sujet}",
            "unknown frame slot {sujet}",
        ),
        (
            "{subject} fined {gap:40}{value}",
            "unknown frame slot {gap:40}",
        ),
        ("{subject} fined ({value}", "does not compile"),
        ("{value} fine|{value} penalty", "does not compile"),
    ];
    for (pattern, words) in cases {
        let frame = format!("[[frames]]\npredicate = \"fined\"\npattern = \"{pattern}\"\n");
        let (text, line) = en_with_frames(&frame);
        let dir = rules_with("en.toml", |_| text.clone());
        let message = refused(dir.path(), "en.toml", line);
        assert!(message.contains(words), "{pattern}: {message}");
    }
}

#[test]
fn a_frame_for_an_undeclared_predicate_is_refused() {
    let (text, line) = en_with_frames(
        "[[frames]]\npredicate = \"bribed\"\npattern = \"{subject} bribed {value}\"\n",
    );
    let dir = rules_with("en.toml", |_| text.clone());
    assert!(refused(dir.path(), "en.toml", line).contains("predicates.toml does not declare"));
}

#[test]
fn a_frame_naming_a_kind_its_predicate_does_not_take_is_refused() {
    // `kind` is for frames of no claim; a predicate's frame binds the predicate's kind.
    let (text, line) = en_with_frames(
        "[[frames]]\npredicate = \"jobs_cut\"\nkind = \"money\"\npattern = \"{subject} culls {value}\"\n",
    );
    let dir = rules_with("en.toml", |_| text.clone());
    let message = refused(dir.path(), "en.toml", line + 2);
    assert!(
        message.contains("names kind money, but the predicate takes count"),
        "{message}"
    );
}

#[test]
fn a_home_country_that_is_no_country_is_refused() {
    let (text, line) = en_with_before("function_words", "home_countries = [\"lier\"]\n");
    let dir = rules_with("en.toml", |_| text.clone());
    let message = refused(dir.path(), "en.toml", line);
    assert!(
        message.contains("home country \"lier\" is no country"),
        "{message}"
    );
}

#[test]
fn a_second_frame_of_the_same_name_is_refused() {
    // Its rule id would not say which of the two bound a figure.
    let en = std::fs::read_to_string(root().join("rules/en.toml")).unwrap();
    assert!(
        en.contains("name = \"cuts\""),
        "the bundled jobs_cut frame 'cuts'"
    );
    let (text, line) = en_with_frames(
        "[[frames]]\npredicate = \"jobs_cut\"\nname = \"cuts\"\npattern = \"{subject} culls {value}\"\n",
    );
    let dir = rules_with("en.toml", |_| text.clone());
    assert!(refused(dir.path(), "en.toml", line)
        .contains("a second frame is named en.frame.jobs_cut.cuts"));
}

/// A rule folder holding only `files` (name, contents): additions to the bundled rules.
fn folder_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn a_rule_folder_adds_frames_triggers_and_entities_without_copying_the_bundled_files() {
    let sentence = "Regulators docked Veltrano €40 million.";
    let read = |rules: RuleSet| {
        let pipeline = Pipeline::new(rules, Some("en".into()));
        let doc = Document::new("a.txt", sentence);
        let (_, claims) = pipeline.claims(&doc).unwrap();
        claims
            .iter()
            .map(|c| {
                (
                    c.subject.as_ref().unwrap().id.to_string(),
                    c.predicate.to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(read(RuleSet::load(None).unwrap()), vec![]);
    let en = "[predicates]\nfined = ['docked']\n\n[[frames]]\npredicate = \"fined\"\nname = \"docked\"\npattern = \"docked {subject} {value}\"\n";
    let entities = "[[entity]]\nid = \"veltrano\"\nkind = \"company\"\nnames = [\"Veltrano\"]\n";
    let dir = folder_of(&[("en.add.toml", en), ("entities.add.toml", entities)]);
    let rules = RuleSet::load(Some(dir.path())).unwrap();
    let bundled = RuleSet::load(None).unwrap();
    assert_eq!(rules.languages.len(), bundled.languages.len());
    assert_eq!(
        rules.gazetteer.entities.len(),
        bundled.gazetteer.entities.len() + 1
    );
    let frame = rules.languages["en"].frames.iter().next().unwrap();
    assert_eq!(
        frame.id, "en.frame.fined.docked",
        "an added frame is tried first"
    );
    assert!(frame.at.ends_with("en.add.toml:4"), "{}", frame.at);
    assert_eq!(
        read(rules),
        vec![("veltrano".to_string(), "fined".to_string())]
    );
}

#[test]
fn a_predicates_settings_differ_per_language() {
    // English money with no trigger word makes no claim here; French money still does.
    let dir = folder_of(&[(
        "en.add.toml",
        "[predicate_settings.invest]\nfallback = false\n",
    )]);
    let pipeline = Pipeline::new(RuleSet::load(Some(dir.path())).unwrap(), None);
    let cases = [
        ("Siemens has €40 million in Berlin.", "en", 0),
        ("Siemens a 40 millions d'euros à Berlin.", "fr", 1),
    ];
    for (text, lang, n) in cases {
        let pipeline_lang =
            Pipeline::new(RuleSet::load(Some(dir.path())).unwrap(), Some(lang.into()));
        let (_, claims) = pipeline_lang.claims(&Document::new("a.txt", text)).unwrap();
        assert_eq!(claims.len(), n, "{lang}: {claims:?}");
    }
    let en = &pipeline.rules.languages["en"].predicates;
    let fr = &pipeline.rules.languages["fr"].predicates;
    let invest = |p: &[newsclaims::rules::Predicate]| {
        p.iter()
            .find(|p| p.def.id == "invest")
            .unwrap()
            .def
            .fallback
    };
    assert!(!invest(en) && invest(fr));
}

#[test]
fn an_addition_is_refused_at_its_own_file_and_line() {
    // (file, contents, line of the error, words of the message)
    let cases = [
        ("en.add.toml", "[[frames]]\npredicate = \"fined\"\npattern = \"docked {subjet} {value}\"\n", 1, "unknown frame slot {subjet}"),
        ("en.add.toml", "\n[[frame]]\npredicate = \"fined\"\n", 2, "unknown field `frame`"),
        ("fr.add.toml", "[predicates]\nbribed = ['soudoyé']\n", 2, "bribed"),
        ("nl.add.toml", "[predicate_settings.investt]\nfallback = false\n", 1, "which predicates.toml does not declare"),
        ("entities.add.toml", "[[entity]]\nid = \"veltrano\"\nkind = \"company\"\nnames = [\"Veltrano\"]\n\n[[entity]]\nid = \"veltrano\"\nkind = \"company\"\nnames = [\"Veltrano AG\"]\n", 6, "duplicate entity id"),
    ];
    for (file, text, line, words) in cases {
        let dir = folder_of(&[(file, text)]);
        let message = refused(dir.path(), file, line);
        assert!(message.contains(words), "{file}: {message}");
    }
    let dir = folder_of(&[("es.add.toml", "[predicates]\n")]);
    let message = RuleSet::load(Some(dir.path())).unwrap_err().to_string();
    assert!(
        message.contains("adds to es.toml, and there is no es.toml"),
        "{message}"
    );
}

#[test]
fn every_rule_id_the_fixtures_and_a_generated_corpus_emit_is_exercised_by_a_passing_example() {
    // A rule id a language emits on real text and no passing example exercises is a rule
    // nobody has seen work: the rule author of that language must add an example.
    let pipeline = Pipeline::new(RuleSet::bundled().unwrap(), None);
    let covered = newsclaims::tools::examples::covered_rules(&pipeline);
    let fixtures: Vec<Document> =
        Documents::new(&[root().join("fixtures/articles")], ReadOptions::default())
            .flatten()
            .collect();
    let mut generator = CorpusGenerator::new(&pipeline, &fixtures, 7).unwrap();
    let generated: Vec<Document> = (0..300)
        .map(|i| Document::new(format!("gen{i}"), generator.article().1))
        .collect();
    let mut unexercised = std::collections::BTreeMap::new();
    for doc in fixtures.iter().chain(&generated) {
        let Ok((_, claims)) = pipeline.claims(doc) else {
            continue;
        };
        for claim in claims {
            for rule in claim.rules.iter() {
                if !covered[claim.lang.as_str()].contains(rule.as_str()) {
                    unexercised
                        .entry(rule.to_string())
                        .or_insert_with(|| claim.evidence.text.to_string());
                }
            }
        }
    }
    assert!(
        unexercised.is_empty(),
        "rule ids with no passing example, each with a sentence that emits it:\n{unexercised:#?}"
    );
}
