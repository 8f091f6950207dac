//! Places from the generated place database (`rules/places.toml`): a town or region is
//! placed only where its document names its country or another place in it, and a name
//! several places share is the one in the country the document names, or none.

mod common;

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::OnceLock;

use newsclaims::corpus::Document;
use newsclaims::extract::MentionKind;
use newsclaims::rules::EntityKind;
use newsclaims::{Pipeline, RuleSet};

/// One pipeline per language, built once for the whole test binary.
fn pipeline(lang: &str) -> &'static Pipeline {
    static PIPELINES: OnceLock<BTreeMap<&'static str, Pipeline>> = OnceLock::new();
    let all = PIPELINES.get_or_init(|| {
        let rules = |l: &str| RuleSet::bundled().map(|r| Pipeline::new(r, Some(l.to_string())));
        ["en", "fr", "nl", "de"]
            .map(|l| (l, rules(l).expect("bundled rules load")))
            .into_iter()
            .collect()
    });
    &all[lang]
}

/// The ids of the places `text` names, read in `lang`, in text order.
fn places(lang: &str, text: &str) -> Vec<String> {
    let pipeline = pipeline(lang);
    let analysis = pipeline.analyse(&Document::new("test", text)).unwrap();
    let gazetteer = &pipeline.rules.gazetteer;
    let mentions = analysis.sentences.iter().flat_map(|s| &s.mentions);
    let entities = mentions.filter_map(|m| match m.kind {
        MentionKind::Entity(e) if e.0 < gazetteer.entities.len() => Some(gazetteer.entity(e)),
        _ => None,
    });
    let places = entities.filter(|e| e.kind == EntityKind::Place);
    places.map(|e| e.id.clone()).collect()
}

#[test]
fn towns_are_placed_where_their_country_is_named() {
    let cases: &[(&str, &str, &[&str])] = &[
        // No country, no other place: a town's name alone is left unplaced.
        ("en", "The coachbuilder employs 2,000 people in Lier.", &[]),
        // Its country named, in the document's language.
        (
            "en",
            "The Belgian coachbuilder employs 2,000 people in Lier, Belgium.",
            &["lier", "belgium"],
        ),
        (
            "de",
            "Der Hersteller baut Busse in Lier (Belgien).",
            &["lier", "belgium"],
        ),
        // A listed place of the same country: Antwerp.
        (
            "en",
            "The plant in Lier, near Antwerp, closes.",
            &["lier", "antwerp"],
        ),
        // Two towns of one country vouch for each other.
        (
            "fr",
            "Les usines de Lier et de Mechelen ferment.",
            &["lier", "mechelen"],
        ),
        // A name two towns share: the one in the country named.
        (
            "en",
            "A new terminal opens in Bergen, Norway.",
            &["bergen_no", "norway"],
        ),
        (
            "en",
            "The firm opens an office in Bergen, in the Netherlands.",
            &["bergen", "netherlands"],
        ),
        // Unless the name is a word of the language ("bergen": mountains, to store).
        (
            "nl",
            "Het bedrijf opent een vestiging in Bergen, Nederland.",
            &["netherlands"],
        ),
        // A word of the language is not a town in it ("weil": because).
        ("de", "Weil Deutschland wächst, baut Bosch.", &["germany"]),
        // A town's name hyphenated to more words is part of another name.
        (
            "fr",
            "L'usine de Saint-Loup-sur-Semouse, en Haute-Saône (France), ferme.",
            &["haute_saone", "france"],
        ),
        // A home country of the document's language settles a town no named country holds.
        (
            "de",
            "Bayer streicht in Leverkusen 500 Stellen.",
            &["leverkusen"],
        ),
        ("nl", "De fabriek in Lier sluit.", &["lier"]),
        ("fr", "L'usine de Vierzon ferme.", &["vierzon"]),
        // Countries are placed wherever they are named, in every language.
        ("nl", "De fabriek in Tsjechië sluit.", &["czechia"]),
        // Everyday names the ISO lists lack, German datives among them.
        (
            "de",
            "Ein Rechenzentrum in den Niederlanden entsteht.",
            &["netherlands"],
        ),
        ("en", "The U.S. plant closes.", &["united_states"]),
        ("fr", "Une usine en Slovénie ferme.", &["slovenia"]),
    ];
    for (lang, text, expected) in cases {
        assert_eq!(places(lang, text), *expected, "{lang}: {text}");
    }
}

#[test]
fn a_datelines_place_in_capitals_is_a_place() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("en", "Carmaker invests\n\nMILAN (Reuters) - Tessaro said on Monday it would invest in Italy.", &["milan", "italy"]),
        ("en", "Port expands\n\nTHE HAGUE, Sept. 23 (Xinhua) -- Work has begun on a port in the Netherlands.", &["the_hague", "netherlands"]),
        ("fr", "Un fonds investit\n\nPARIS : Le fonds va investir en France, a appris l'AFP.", &["paris", "france"]),
        ("de", "Werk eröffnet\n\nBERLIN — Das Unternehmen eröffnet ein Werk in Deutschland.", &["berlin", "germany"]),
        // Capitals that name no place, and a place in capitals that opens no dateline.
        ("en", "Results\n\nBREAKING: Tessaro cuts jobs in Italy. It was founded in MILAN.", &["italy"]),
    ];
    for (lang, text, want) in cases {
        assert_eq!(places(lang, text), *want, "{text}");
    }
}

#[test]
fn regions_and_towns_lead_up_to_their_country() {
    let gazetteer = &pipeline("en").rules.gazetteer;
    for (place, country) in [
        ("lier", "belgium"),
        ("bergen_no", "norway"),
        ("bavaria", "germany"),
    ] {
        let index = gazetteer.index_of(place).expect(place);
        let outermost = gazetteer.outermost(index);
        assert_eq!(gazetteer.entities[outermost].id, country, "{place}");
    }
}

#[test]
fn the_place_file_is_what_its_script_makes_of_the_pinned_packages() {
    let test = "the_place_file_is_what_its_script_makes_of_the_pinned_packages";
    let root = common::root();
    let out = tempfile::TempDir::new().unwrap();
    let made = out.path().join("places.toml");
    let run = Command::new("python3")
        .arg(root.join("scripts/places.py"))
        .arg(&made)
        .output();
    match run {
        Ok(run) if run.status.success() => {
            let made = std::fs::read_to_string(&made).unwrap();
            let committed = std::fs::read_to_string(root.join("rules/places.toml")).unwrap();
            assert!(
                made == committed,
                "rules/places.toml differs from what scripts/places.py makes: run it again"
            );
        }
        Ok(run) => common::skip(test, &String::from_utf8_lossy(&run.stderr)),
        Err(e) => common::skip(test, &format!("python3 does not run: {e}")),
    }
}
