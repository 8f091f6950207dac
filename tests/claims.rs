//! Claim assembly on short articles written for these tests: who the subject is (from the
//! clause, from "the company" in a later sentence, rolled up from a subsidiary), the
//! target, the place (stated, or the article's main place), stated conversions, time
//! scopes, earlier commitments, announcement days, repeated figures, and the claim JSON of
//! DESIGN.md section 3.

use std::sync::OnceLock;

use newsclaims::corpus::Document;
use newsclaims::value::{Amount, Value};
use newsclaims::{Claim, Pipeline, RuleSet};
use serde_json::Value as Json;

// ---------------------------------------------------------------------------------------
// Articles.

const AMAZON_EN: &str = "Amazon will invest €1.2 billion in France over the next three years, \
the retailer said on Sunday (May 12). The company will also create 3,000 jobs, on top of the \
2,000 jobs announced for 2024. AWS will spend €300 million on a data centre in Mulhouse. \
Amazon has invested more than €20 billion in the country since 2010. Executives repeated that \
Amazon will invest €1.2 billion in France.";

const MICROSOFT_EN: &str = "Microsoft invested 15 million euros in Mistral, the Paris start-up. \
Microsoft will invest 4 billion euros ($4.3 billion) in France. The company will train a \
million people by 2027.";

const CLAUSE_EN: &str = "Unlike Google, Amazon will invest €1.2 billion in France.";

const MICROSOFT_FR: &str = "Microsoft va investir 4 milliards d’euros (4,3 milliards de dollars) \
en France, a annoncé le groupe dimanche 12 mai. La firme prévoit de créer 2 000 nouveaux \
emplois d'ici fin 2027.";

const AMAZON_NL: &str = "Amazon investeert 1,2 miljard euro in Frankrijk. Het bedrijf schept \
drieduizend nieuwe banen. Amazon maakte het plan zondag bekend. Sinds 2010 investeerde Amazon \
ruim 20 miljard euro in het land.";

const MICROSOFT_DE: &str = "Microsoft investiert 4 Milliarden Euro in Deutschland. Der Konzern \
schafft mehr als 3.000 Arbeitsplätze bis 2027.";

// ---------------------------------------------------------------------------------------
// Helpers.

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(RuleSet::bundled().expect("bundled rules load"), None))
}

fn document(id: &str, text: &str) -> Document {
    Document::new(id, text)
}

/// The claims of `text`, whose language must be detected as `lang`.
fn claims(id: &str, lang: &str, text: &str) -> Vec<Claim> {
    let (detected, claims) = pipeline()
        .claims(&document(id, text))
        .unwrap_or_else(|s| panic!("{id} skipped: {}", s.reason));
    assert_eq!(detected, lang, "{id}: language");
    for c in &claims {
        assert_eq!(c.lang, lang, "{}: claim language", c.id);
    }
    claims
}

fn amount(c: &Claim) -> Option<&Amount> {
    c.value.amount()
}

/// The one claim of `predicate` whose amount is `value`; fails if there is not exactly one.
fn only<'a>(claims: &'a [Claim], predicate: &str, value: f64) -> &'a Claim {
    let found: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.predicate == predicate && amount(c).is_some_and(|a| a.amount == value))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {predicate} claim of {value}, found {}:\n{}",
        found.len(),
        describe(claims)
    );
    found[0]
}

/// The one day claim of `claims`.
fn only_day(claims: &[Claim]) -> &Claim {
    let found: Vec<&Claim> = claims
        .iter()
        .filter(|c| matches!(c.value, Value::Date(_)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one day claim:\n{}",
        describe(claims)
    );
    found[0]
}

fn describe(claims: &[Claim]) -> String {
    claims
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn subject(c: &Claim) -> (&str, &str) {
    let s = c.subject.as_ref().expect("claim has a subject");
    (s.id.as_str(), s.text.as_str())
}

fn location(c: &Claim) -> Option<&str> {
    c.location.as_ref().map(|l| l.id.as_str())
}

/// Asserts that the one claim of `text` (read in `lang`) with predicate and value `claim`
/// has the subject `id`.
fn assert_subject(lang: &str, text: &str, (predicate, value): (&str, f64), id: &str) {
    let found = claims(&format!("{id}.txt"), lang, text);
    let claim = only(&found, predicate, value);
    assert_eq!(subject(claim).0, id, "{text}: {}", describe(&found));
}

/// [`assert_subject`] for each row of `table`: (language, text, predicate, value,
/// subject id).
fn assert_subjects(table: &[(&str, &str, &str, f64, &str)]) {
    for &(lang, text, predicate, value, id) in table {
        assert_subject(lang, text, (predicate, value), id);
    }
}

fn is_prior(c: &Claim) -> bool {
    c.time.as_ref().is_some_and(|t| t.prior)
}

// ---------------------------------------------------------------------------------------
// Subjects.

#[test]
fn subject_is_the_company_of_the_figures_clause() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let invest = only(&en, "invest", 1.2e9);
    assert_eq!(subject(invest), ("amazon", "Amazon"));
    let Value::Money(a) = &invest.value else {
        panic!("not money: {invest:?}");
    };
    assert_eq!(a.unit.as_deref(), Some("EUR"));
    assert_eq!(a.qualifier.id(), "exact");

    // Another company earlier in the sentence, in another clause, is not the subject.
    let clause = claims("clause.txt", "en", CLAUSE_EN);
    assert_eq!(
        subject(only(&clause, "invest", 1.2e9)),
        ("amazon", "Amazon")
    );

    let de = claims("de.txt", "de", MICROSOFT_DE);
    assert_eq!(
        subject(only(&de, "invest", 4e9)),
        ("microsoft", "Microsoft")
    );
}

#[test]
fn the_company_in_a_later_sentence_refers_back() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    assert_eq!(
        subject(only(&en, "jobs", 3000.0)),
        ("amazon", "The company")
    );

    let en = claims("microsoft.txt", "en", MICROSOFT_EN);
    let train = only(&en, "train", 1e6);
    assert_eq!(subject(train), ("microsoft", "The company"));
    assert_eq!(amount(train).unwrap().unit.as_deref(), Some("people"));

    let fr = claims("fr.txt", "fr", MICROSOFT_FR);
    let jobs = only(&fr, "jobs", 2000.0);
    assert_eq!(subject(jobs), ("microsoft", "La firme"));
    assert_eq!(amount(jobs).unwrap().unit.as_deref(), Some("jobs"));

    let nl = claims("nl.txt", "nl", AMAZON_NL);
    assert_eq!(
        subject(only(&nl, "jobs", 3000.0)),
        ("amazon", "Het bedrijf")
    );

    let de = claims("de.txt", "de", MICROSOFT_DE);
    let jobs = only(&de, "jobs", 3000.0);
    assert_eq!(subject(jobs), ("microsoft", "Der Konzern"));
    assert_eq!(amount(jobs).unwrap().qualifier.id(), "more_than");
}

#[test]
fn a_subsidiary_rolls_up_to_its_parent_keeping_its_name() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let aws = only(&en, "invest", 300e6);
    assert_eq!(subject(aws), ("amazon", "AWS"));
}

#[test]
fn the_company_invested_in_is_the_target_not_the_subject() {
    let en = claims("microsoft.txt", "en", MICROSOFT_EN);
    let stake = only(&en, "invest", 15e6);
    assert_eq!(subject(stake), ("microsoft", "Microsoft"));
    let target = stake.target.as_ref().expect("a target");
    assert_eq!(
        (target.id.as_str(), target.text.as_str()),
        ("mistral_ai", "Mistral")
    );
    // A plain investment in a country has no target.
    assert!(only(&en, "invest", 4e9).target.is_none());

    // The company a verb acts on, after four words saying what it is; the pronoun before
    // the verb is the company of the sentence before.
    let text = "Harwick Foods Ltd reported a profit of £12m. It also agreed to buy Welsh family-owned biscuit maker Pellow Bakeries Ltd for £40m.";
    let found = claims("harwick.txt", "en", text);
    let deal = only(&found, "acquire", 40e6);
    assert_eq!(subject(deal).0, "harwick_foods", "{}", describe(&found));
    assert_eq!(
        deal.target.as_ref().map(|t| t.id.as_str()),
        Some("pellow_bakeries")
    );
}

// ---------------------------------------------------------------------------------------
// Places.

#[test]
fn location_is_the_place_named_with_the_figure() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    assert_eq!(location(only(&en, "invest", 1.2e9)), Some("france"));
    assert_eq!(location(only(&en, "invest", 300e6)), Some("mulhouse"));
    let ms = claims("microsoft.txt", "en", MICROSOFT_EN);
    assert_eq!(location(only(&ms, "invest", 4e9)), Some("france"));
    let nl = claims("nl.txt", "nl", AMAZON_NL);
    let invest = only(&nl, "invest", 1.2e9);
    assert_eq!(location(invest), Some("france"));
    assert_eq!(invest.location.as_ref().unwrap().text, "Frankrijk");
    let de = claims("de.txt", "de", MICROSOFT_DE);
    assert_eq!(location(only(&de, "invest", 4e9)), Some("germany"));
}

#[test]
fn the_finest_place_a_figure_is_given_is_its_place() {
    // (language, text, predicate, value, place). Articles of our own.
    let cases: &[(&str, &str, &str, f64, &str)] = &[
        // A place named inside the nearest one, in the same clause, names it more finely.
        (
            "en",
            "Lumatec Ltd will invest €400 million in Spain's Aragon over five years.",
            "invest",
            400e6,
            "aragon",
        ),
        (
            "fr",
            "C'est à Magdebourg, dans le land allemand de Saxe-Anhalt, que la société Lumatec va investir 400 millions d'euros.",
            "invest",
            400e6,
            "magdeburg",
        ),
        // Not a place another figure stands between: the 120 are Madrid's.
        (
            "en",
            "Lumatec Ltd will cut 500 jobs in Spain, 120 of them in Madrid.",
            "jobs_cut",
            500.0,
            "spain",
        ),
        // An adjective among the figure's own words places what it counts, unless the
        // clause names a place inside that country.
        (
            "de",
            "Die Lumatec GmbH betreibt drei europäische Werke, in Polen, Ungarn und Tschechien.",
            "sites",
            3.0,
            "europe",
        ),
        (
            "en",
            "Lumatec Ltd will create 450 French jobs in Toulouse by 2027.",
            "jobs",
            450.0,
            "toulouse",
        ),
        // A headline's figure stated again below with its place takes that place rather
        // than the article's main one, or a finer one than the headline's.
        (
            "en",
            "Lumatec plans €400 million push into Italian robotics\n\nLumatec Ltd said it would invest €400 million in northern Italy. The company already runs plants in Rome and in Rome's suburbs, Rome being its Italian base.",
            "invest",
            400e6,
            "northern_italy",
        ),
        (
            "fr",
            "Lumatec investit 400 millions d'euros en Allemagne\n\nLa société Lumatec va investir 400 millions d'euros à Magdebourg, en Allemagne.",
            "invest",
            400e6,
            "magdeburg",
        ),
    ];
    for &(lang, text, predicate, value, place) in cases {
        let found = claims("lumatec.txt", lang, text);
        let claim = only(&found, predicate, value);
        assert_eq!(location(claim), Some(place), "{text}\n{}", describe(&found));
    }
}

#[test]
fn a_sentence_without_a_place_takes_the_articles_main_place() {
    // France is named twice, Mulhouse once; the jobs sentence names no place.
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let jobs = only(&en, "jobs", 3000.0);
    assert_eq!(location(jobs), Some("france"));
    let nl = claims("nl.txt", "nl", AMAZON_NL);
    assert_eq!(location(only(&nl, "jobs", 3000.0)), Some("france"));
    let de = claims("de.txt", "de", MICROSOFT_DE);
    assert_eq!(location(only(&de, "jobs", 3000.0)), Some("germany"));
}

// ---------------------------------------------------------------------------------------
// Values: conversions, repeats.

#[test]
fn a_stated_conversion_is_an_alternative_not_a_claim() {
    for (id, lang, text) in [
        ("microsoft.txt", "en", MICROSOFT_EN),
        ("fr.txt", "fr", MICROSOFT_FR),
    ] {
        let all = claims(id, lang, text);
        let invest = only(&all, "invest", 4e9);
        assert_eq!(amount(invest).unwrap().unit.as_deref(), Some("EUR"));
        let [Value::Money(alt)] = invest.alt.as_slice() else {
            panic!("{id}: expected one money alternative: {:?}", invest.alt);
        };
        assert_eq!(alt.amount, 4.3e9, "{id}");
        assert_eq!(alt.unit.as_deref(), Some("USD"), "{id}");
        assert!(
            !all.iter()
                .any(|c| amount(c).is_some_and(|a| a.amount == 4.3e9)),
            "{id}: the conversion became a claim of its own:\n{}",
            describe(&all)
        );
    }
}

#[test]
fn a_figure_repeated_in_one_article_is_one_claim() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    // `only` fails on two claims of the same figure.
    let invest = only(&en, "invest", 1.2e9);
    // The claim keeps the first sentence that states it.
    assert!(invest
        .evidence
        .text
        .starts_with("Amazon will invest €1.2 billion in France over"));
}

// ---------------------------------------------------------------------------------------
// Time.

#[test]
fn since_a_year_is_a_cumulative_scope() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let total = only(&en, "invest", 20e9);
    assert_eq!(subject(total).0, "amazon");
    assert_eq!(amount(total).unwrap().qualifier.id(), "more_than");
    let time = total.time.as_ref().expect("a time scope");
    assert_eq!(time.since, Some(2010));
    assert!(!time.prior);

    let nl = claims("nl.txt", "nl", AMAZON_NL);
    let total = only(&nl, "invest", 20e9);
    assert_eq!(total.time.as_ref().and_then(|t| t.since), Some(2010));
    assert_eq!(amount(total).unwrap().qualifier.id(), "more_than");
    // The new commitment has no such scope.
    assert!(only(&nl, "invest", 1.2e9).time.is_none());
}

#[test]
fn by_a_year_is_a_deadline() {
    let en = claims("microsoft.txt", "en", MICROSOFT_EN);
    assert_eq!(
        only(&en, "train", 1e6).time.as_ref().and_then(|t| t.by),
        Some(2027)
    );
    let fr = claims("fr.txt", "fr", MICROSOFT_FR);
    assert_eq!(
        only(&fr, "jobs", 2000.0).time.as_ref().and_then(|t| t.by),
        Some(2027)
    );
    let de = claims("de.txt", "de", MICROSOFT_DE);
    assert_eq!(
        only(&de, "jobs", 3000.0).time.as_ref().and_then(|t| t.by),
        Some(2027)
    );
}

#[test]
fn the_year_a_company_was_founded_is_no_time_scope() {
    let cases = [
        ("en", "Payments start-up Ravello, founded in 2019, employs 450 people across Europe and plans to grow further.", 450.0),
        ("fr", "La jeune pousse Navelis, fondée en 2015, emploie aujourd'hui 320 salariés dans ses bureaux de Nantes.", 320.0),
        ("nl", "Het betaalbedrijf Pendrix, opgericht in 2012, heeft inmiddels 700 werknemers in dienst in Utrecht en Gent.", 700.0),
        ("de", "Das Softwarehaus Kalmora GmbH, gegründet im Jahr 2016, beschäftigt heute rund 900 Mitarbeiter in Leipzig.", 900.0),
    ];
    for (lang, text, headcount) in cases {
        let found = claims("founded.txt", lang, text);
        let claim = only(&found, "headcount", headcount);
        assert!(claim.time.is_none(), "{lang}: {:?}", claim.time);
    }
}

#[test]
fn an_earlier_commitment_is_prior_and_the_new_figure_is_not() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let earlier = only(&en, "jobs", 2000.0);
    assert!(is_prior(earlier), "{earlier:?}");
    assert_eq!(earlier.time.as_ref().and_then(|t| t.year), Some(2024));
    assert_eq!(subject(earlier).0, "amazon");
    let new = only(&en, "jobs", 3000.0);
    assert!(!is_prior(new), "{new:?}");
}

/// In "The company will also create 3,000 jobs, on top of the 2,000 jobs announced for
/// 2024", "for 2024" belongs to the earlier 2,000 jobs, but the new 3,000 jobs also get
/// `time: {"year": 2024}`: the time scope falls back to the nearest time expression of the
/// sentence even when it stands in another clause next to another figure.
#[test]

fn the_earlier_commitments_year_does_not_leak_to_the_new_figure() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let new = only(&en, "jobs", 3000.0);
    assert_eq!(new.time, None);
}

// ---------------------------------------------------------------------------------------
// Announcement days.

#[test]
fn the_announcement_day_is_a_claim_of_its_own() {
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, &str, Option<&str>)] = &[
        // doc        lang  text          subject      date
        ("amazon.txt", "en", AMAZON_EN,    "amazon",    Some("--05-12")),
        ("fr.txt",     "fr", MICROSOFT_FR, "microsoft", Some("--05-12")),
        ("nl.txt",     "nl", AMAZON_NL,    "amazon",    None),
    ];
    for &(id, lang, text, who, date) in cases {
        let all = claims(id, lang, text);
        let day = only_day(&all);
        assert_eq!(day.predicate, "announced", "{id}");
        assert_eq!(subject(day).0, who, "{id}");
        let Value::Date(d) = &day.value else {
            unreachable!()
        };
        assert_eq!(d.weekday.as_deref(), Some("sunday"), "{id}");
        assert_eq!(d.date.as_deref(), date, "{id}");
        assert!(day.time.is_none(), "{id}: a day has no time scope");
    }
}

// ---------------------------------------------------------------------------------------
// The claim JSON contract (DESIGN.md section 3).

const CONTRACT_FIELDS: [&str; 12] = [
    "id",
    "doc",
    "lang",
    "subject",
    "predicate",
    "target",
    "value",
    "alt",
    "location",
    "time",
    "evidence",
    "rules",
];

fn entity_shape(v: &Json, what: &str) {
    if v.is_null() {
        return;
    }
    let obj = v.as_object().unwrap_or_else(|| panic!("{what} is {v}"));
    assert!(
        obj["id"].is_string() && obj["text"].is_string(),
        "{what}: {v}"
    );
    let id = obj["id"].as_str().unwrap();
    assert!(
        id.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '+'),
        "{what}: id {id:?} is not snake_case"
    );
}

#[test]
fn claims_serialise_as_the_contract_says() {
    for (id, lang, text) in [
        ("amazon.txt", "en", AMAZON_EN),
        ("microsoft.txt", "en", MICROSOFT_EN),
        ("fr.txt", "fr", MICROSOFT_FR),
        ("nl.txt", "nl", AMAZON_NL),
        ("de.txt", "de", MICROSOFT_DE),
    ] {
        let all = claims(id, lang, text);
        assert!(!all.is_empty(), "{id}: no claims");
        for (n, claim) in all.iter().enumerate() {
            let line = serde_json::to_string(claim).unwrap();
            let json: Json = serde_json::from_str(&line).unwrap();
            let obj = json.as_object().expect("a claim is an object");
            for field in CONTRACT_FIELDS {
                assert!(obj.contains_key(field), "{id}: no {field:?} in {line}");
            }
            assert_eq!(json["id"], format!("{id}#{}", n + 1), "{line}");
            assert_eq!(json["doc"], id);
            assert_eq!(json["lang"], lang);
            assert!(json["predicate"].is_string());
            entity_shape(&json["subject"], "subject");
            assert!(!json["subject"].is_null(), "{line}");
            entity_shape(&json["target"], "target");
            entity_shape(&json["location"], "location");
            assert!(json["alt"].is_array() && json["rules"].is_array(), "{line}");
            assert!(
                json["rules"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|r| r.as_str().is_some_and(|r| !r.is_empty())),
                "{line}"
            );

            // value
            let value = &json["value"];
            match value["kind"].as_str() {
                Some("money") | Some("count") => {
                    assert!(
                        value["amount"].is_u64(),
                        "whole amounts are plain integers: {line}"
                    );
                    assert!(value["unit"].is_string(), "{line}");
                    let q = value["qualifier"].as_str().unwrap();
                    assert!(
                        [
                            "exact",
                            "more_than",
                            "at_least",
                            "less_than",
                            "up_to",
                            "approx"
                        ]
                        .contains(&q),
                        "{line}"
                    );
                }
                Some("date") => {
                    assert!(value["weekday"].is_string() || value["date"].is_string());
                }
                other => panic!("value kind {other:?} in {line}"),
            }
            if value["kind"] == "money" {
                let unit = value["unit"].as_str().unwrap();
                assert!(
                    unit.len() == 3 && unit.chars().all(|c| c.is_ascii_uppercase()),
                    "money unit is an ISO 4217 code: {line}"
                );
            }

            // evidence: exactly the document's bytes start..end
            let ev = &json["evidence"];
            let (start, end) = (
                ev["start"].as_u64().unwrap() as usize,
                ev["end"].as_u64().unwrap() as usize,
            );
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert_eq!(ev["text"], text[start..end], "{line}");
            assert_eq!(claim.evidence.text, &text[start..end]);
            if let Some(words) = value["text"].as_str() {
                assert!(
                    claim.evidence.text.contains(words),
                    "the value's words are in its evidence: {line}"
                );
            }

            // time
            let time = &json["time"];
            if !time.is_null() {
                let t = time.as_object().unwrap();
                assert!(!t.is_empty(), "an empty time scope is null: {line}");
                for (k, v) in t {
                    match k.as_str() {
                        "by" | "year" | "since" => assert!(v.is_i64(), "{line}"),
                        "prior" => assert_eq!(v, &Json::Bool(true), "{line}"),
                        other => panic!("time field {other:?} in {line}"),
                    }
                }
            }

            // The JSON reads back as the same claim (`check --claims` relies on it).
            let back: Claim = serde_json::from_str(&line).unwrap();
            assert_eq!(&back, claim);
        }
    }
}

#[test]
fn contract_examples_serialise_exactly() {
    let en = claims("amazon.txt", "en", AMAZON_EN);
    let json = |c: &Claim| serde_json::to_value(c).unwrap();

    let invest = json(only(&en, "invest", 1.2e9));
    assert_eq!(
        invest["subject"],
        serde_json::json!({"id": "amazon", "text": "Amazon"})
    );
    assert_eq!(invest["target"], Json::Null);
    assert_eq!(invest["value"]["kind"], "money");
    assert_eq!(invest["value"]["amount"], 1_200_000_000u64);
    assert_eq!(invest["value"]["unit"], "EUR");
    assert_eq!(invest["value"]["qualifier"], "exact");
    assert_eq!(invest["value"]["text"], "€1.2 billion");
    assert_eq!(
        invest["location"],
        serde_json::json!({"id": "france", "text": "France"})
    );
    assert_eq!(invest["time"], Json::Null);
    assert!(invest["rules"]
        .as_array()
        .unwrap()
        .contains(&Json::from("en.predicate.invest")));

    let day = json(only_day(&en));
    assert_eq!(day["predicate"], "announced");
    assert_eq!(day["value"]["kind"], "date");
    assert_eq!(day["value"]["weekday"], "sunday");
    assert_eq!(day["value"]["date"], "--05-12");

    assert_eq!(
        json(only(&en, "invest", 20e9))["time"],
        serde_json::json!({"since": 2010})
    );
    assert_eq!(
        json(only(&en, "jobs", 2000.0))["time"],
        serde_json::json!({"year": 2024, "prior": true})
    );
    let aws = json(only(&en, "invest", 300e6));
    assert_eq!(
        aws["subject"],
        serde_json::json!({"id": "amazon", "text": "AWS"})
    );
}

// ---------------------------------------------------------------------------------------
// Small figures.

/// A spelled-out two is read as a number ("two data centres" is a count mention) but is
/// never a claim's figure; three and up are ("three data centres").
#[test]
fn a_spelled_out_two_is_no_claim_figure() {
    let two = claims(
        "two.txt",
        "en",
        "Amazon said on Monday it will build two data centres in Spain. The company \
         will invest €1 billion in the project, its chief executive told reporters.",
    );
    assert!(
        two.iter().all(|c| c.predicate != "sites"),
        "no sites claim from \"two\":\n{}",
        describe(&two)
    );
    only(&two, "invest", 1e9);
    let three = claims(
        "three.txt",
        "en",
        "Amazon said on Monday it will build three data centres in Spain. The company \
         will invest €1 billion in the project, its chief executive told reporters.",
    );
    only(&three, "sites", 3.0);
}

#[test]
fn a_company_no_list_holds_is_the_same_actor_in_every_language_and_article() {
    // (language, article): each names the bus maker Van Hool, which no list holds, its own way.
    let articles = [
        ("en", "Belgian bus maker Van Hool NV will cut 1,100 jobs at its Lier plant, the company said on Monday after weeks of talks with its lenders."),
        ("fr", "Le constructeur belge Van Hool va supprimer 1 100 emplois dans son usine de Lier, a indiqué lundi l'entreprise au terme de plusieurs semaines de discussions."),
        ("nl", "De Belgische busbouwer Van Hool schrapt 1.100 banen in zijn fabriek in Lier, zo maakte het bedrijf maandag bekend na weken van overleg met de banken."),
        ("de", "Der belgische Bushersteller VAN HOOL streicht 1.100 Stellen in seinem Werk in Lier, teilte das Unternehmen am Montag nach wochenlangen Gesprächen mit."),
    ];
    for (lang, text) in articles {
        let found = claims(&format!("van_hool_{lang}.txt"), lang, text);
        let cut = only(&found, "jobs_cut", 1100.0);
        assert_eq!(subject(cut).0, "van_hool", "{lang}: {}", describe(&found));
    }
}

#[test]
fn a_verb_after_a_conjunction_shares_the_subject_of_the_verb_before() {
    // (language, text, the company cutting): the company bought stands between them.
    let table = [
        (
            "en",
            "Harwick Foods Ltd took over Pellow Bakeries Ltd in March and will cut 120 jobs.",
            "harwick_foods",
        ),
        (
            "fr",
            "Le groupe Harvel a racheté la société Pellion SA en mars et va supprimer 120 postes.",
            "harvel",
        ),
        (
            "nl",
            "Het bedrijf Harvel BV nam in maart Pellion BV over en schrapt 120 banen.",
            "harvel",
        ),
        (
            "de",
            "Die Harvel GmbH hat im März die Pellion AG übernommen und streicht 120 Stellen.",
            "harvel",
        ),
        // No conjunction: the company named last cuts.
        (
            "en",
            "Harwick Foods Ltd said Pellow Bakeries Ltd will cut 120 jobs.",
            "pellow_bakeries",
        ),
    ];
    for (lang, text, id) in table {
        assert_subject(lang, text, ("jobs_cut", 120.0), id);
    }
}

#[test]
fn a_town_the_article_names_as_a_place_is_no_company_where_it_seems_to_act() {
    // "Darlington is paying the price" reads like a company acting; the article also
    // names Darlington as the place where the jobs go.
    let text = "Harwick Foods Ltd will close its Darlington plant in England.\n\n\"Darlington is paying the price for decisions taken in Stockholm,\" a union official said. The company said 385 jobs would be lost at Darlington.";
    let found = claims("darlington.txt", "en", text);
    let claim = only(&found, "jobs_cut", 385.0);
    assert_eq!(subject(claim).0, "harwick_foods", "{}", describe(&found));
}

#[test]
fn an_actor_in_a_relative_clause_closed_before_the_figure_is_not_its_subject() {
    // (language, text, predicate, value, subject): the owner named in a relative clause.
    let table = [
        ("en", "Corran Appliances Ltd, which is owned by the Swedish group Holmvik AB, said 385 jobs would be lost.", "jobs_cut", 385.0, "corran_appliances"),
        ("fr", "Le groupe Corvanne, qui appartient au fonds Ashgrove Partners, va supprimer 310 postes.", "jobs_cut", 310.0, "corvanne"),
        ("nl", "Het bedrijf Arvenco, dat sinds 2019 in handen is van Hoogland Interiors BV, schrapt 215 banen.", "jobs_cut", 215.0, "arvenco"),
        ("de", "Die Hellmig GmbH, die zum Konzern Norrvik AB gehört, streicht 240 Stellen.", "jobs_cut", 240.0, "hellmig"),
        // The one company of a first clause that ends at its comma is what the sentence is
        // about, whatever the apposition after it names.
        ("fr", "Le fabricant de meubles Garnier Frères, filiale du groupe suédois Holmvik AB, a présenté lundi un plan prévoyant la suppression de 140 postes.", "jobs_cut", 140.0, "garnier_freres"),
        ("en", "The Leeds-based retailer Brackley Stores Ltd, a subsidiary of the Danish group Norrlund AB, will cut 95 jobs.", "jobs_cut", 95.0, "brackley_stores"),
        ("de", "Der Zulieferer Kessmann GmbH, eine Tochter des Konzerns Norrvik AB, hat am Montag den Abbau von 260 Stellen angekündigt.", "jobs_cut", 260.0, "kessmann"),
        // An apposition opened by an article is no relative clause: its company is fined.
        ("de", "Ein zweites Unternehmen, die Brivio Forniture SA, muss eine Busse von 1,2 Millionen Franken zahlen.", "fined", 1.2e6, "brivio_forniture"),
    ];
    assert_subjects(&table);
}

#[test]
fn a_sentence_that_goes_on_about_a_company_keeps_it_for_the_next() {
    // A noun referring back to the company opens the sentence: the customers it names
    // after are not what "its revenue" means.
    let table = [
        ("fr", "L'équipementier Vannier SAS a été placé en liquidation judiciaire. Sous-traitant de l'automobile, l'entreprise tire 80 % de ses ventes des commandes de Stellantis. Son chiffre d'affaires a atteint 54 millions d'euros l'an dernier.", "revenue", 54e6, "vannier"),
        ("en", "Harwick Foods Ltd has gone into administration. The company makes 80% of its sales to Tesco. Its revenue fell to £54m last year.", "revenue", 54e6, "harwick_foods"),
    ];
    assert_subjects(&table);
}

#[test]
fn a_capitalised_noun_after_a_cue_is_no_company() {
    // German writes nouns with a capital: "Berichten" after "Startup" is a word, not a name.
    let found = claims(
        "berichten.txt",
        "de",
        "Das Münchner Startup Kelvora sammelt 40 Millionen Euro ein. Bewertet wird das Startup Berichten zufolge mit knapp 400 Millionen Euro, wie das Unternehmen am Dienstag mitteilte.",
    );
    assert!(
        found.iter().all(|c| subject(c).0 != "berichten"),
        "{}",
        describe(&found)
    );
}

#[test]
fn companies_no_list_holds_are_the_actors_of_their_figures() {
    // (language, article, predicate, amount, the company's id): companies and towns we made up.
    let table = [
        ("en", "Dutch chipmaker Orvelta said on Thursday it would invest €120 million in a new test line in Nijverdal, creating 300 jobs.", "invest", 120e6, "orvelta"),
        ("en", "Struggling retailer Hembrook Stores Ltd plans to close 40 shops and cut 900 jobs, the company said.", "jobs_cut", 900.0, "hembrook_stores"),
        ("fr", "La start-up lyonnaise Quorvane a levé 45 millions d'euros auprès de plusieurs fonds pour accélérer son développement.", "raise", 45e6, "quorvane"),
        ("fr", "Le sous-traitant Maudrin SAS va supprimer 210 postes dans son usine de Clairvaux-les-Lacs, a annoncé la direction mardi.", "jobs_cut", 210.0, "maudrin"),
        ("nl", "Het Limburgse bouwbedrijf Verkaart investeert 35 miljoen euro in een nieuwe fabriek in Echt, zo maakte het bedrijf woensdag bekend.", "invest", 35e6, "verkaart"),
        ("nl", "Toeleverancier Brandsma Techniek BV schrapt 150 banen in Drachten.", "jobs_cut", 150.0, "brandsma_techniek"),
        ("de", "Der Maschinenbauer Kollwitz-Rehm investiert 60 Millionen Euro in ein neues Werk in Aalen, wie das Unternehmen am Montag mitteilte.", "invest", 60e6, "kollwitz_rehm"),
        ("de", "Die Brauerei Haselbrunn GmbH streicht 85 Stellen an ihrem Stammsitz.", "jobs_cut", 85.0, "haselbrunn"),
        // A name written once, at a sentence's start, before an apposition a comma closes.
        ("nl", "Velderhof, het moederbedrijf van de winkelketen Kroonwerk, zette vorig jaar 1,2 miljard euro om.", "revenue", 1.2e9, "velderhof"),
        ("en", "Fenmoor, a haulier based in Leeds, will cut 40 jobs.", "jobs_cut", 40.0, "fenmoor"),
        ("fr", "Gravelle, le spécialiste lorrain des emballages, va supprimer 65 postes.", "jobs_cut", 65.0, "gravelle"),
        // A subsidiary's name lends no short form: its first word is its parent's.
        ("de", "Der Verpackungskonzern Traunfels verkauft seine Tochter Traunfels Plastics GmbH an den Finanzinvestor Isarwerk Capital. Traunfels beschäftigte zuletzt rund 5.300 Mitarbeiter.", "headcount", 5300.0, "traunfels"),
        // A subsidiary named after its parent is a company of its own.
        ("fr", "Le groupe familial Hardouin cède sa filiale Hardouin Emballages au groupe Kappler. Hardouin Emballages, qui exploite sept usines, emploie 1 850 personnes.", "headcount", 1850.0, "hardouin_emballages"),
        // Words saying where a company is at home are no part of its name.
        ("en", "In February, Boston-based Carewell Systems laid off around 120 people.", "jobs_cut", 120.0, "carewell_systems"),
        ("en", "Ashcombe Group plc sold its castings unit to Germany's Brenner Guss GmbH for £95mn.", "acquire", 95e6, "brenner_guss"),
        // A cue opening the line after a headline with no full stop is a cue.
        ("nl", "Laadpalenbedrijf schrapt banen\n\nHet Amsterdamse Laadkracht, dat software maakt voor laadpalen, schrapt 48 van zijn 105 banen.", "jobs_cut", 48.0, "laadkracht"),
        // An apposition whose cue noun follows a place ("the New York startup").
        ("en", "Brindle Health cuts staff\n\nBrindle Health, the New York startup that sells billing software, has laid off 62 staff.", "jobs_cut", 62.0, "brindle_health"),
    ];
    assert_subjects(&table);
}
