//! Properties that hold for any input: extraction never panics, every span slices valid
//! UTF-8 inside its document, and numbers written in each language's conventions parse
//! back to the same value.

use newsclaims::corpus::Document;
use newsclaims::extract::MentionKind;
use newsclaims::value::Value;
use newsclaims::{Pipeline, RuleSet};
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(RuleSet::bundled().unwrap(), None))
}

fn document(text: String, lang: Option<&str>) -> Document {
    Document {
        lang: lang.map(str::to_string),
        ..Document::new("prop", text)
    }
}

/// Text made of news-like pieces: words, figures, currency signs, odd spaces and marks.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Microsoft ".to_string()),
        Just("investit ".to_string()),
        Just("invests ".to_string()),
        Just("€".to_string()),
        Just("$".to_string()),
        Just(" milliard ".to_string()),
        Just(" billion ".to_string()),
        Just("miljoen ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{202f}".to_string()),
        Just("’".to_string()),
        Just("\r\n".to_string()),
        Just(". ".to_string()),
        Just("dimanche 12 mai ".to_string()),
        Just("jobs ".to_string()),
        // number expressions: fractions, ratios, exponents, minus words
        prop::sample::select(vec![
            "/",
            "^",
            "e",
            "x10^",
            "-",
            "½",
            " and a half ",
            " two thirds of a million ",
            " over ",
            " out of ",
            " minus ",
            " et demi ",
            " sur ",
            " op de ",
            " en een ",
            " million and ",
            " hundred and ",
            " dozen ",
            " twenty fifths ",
            " a quarter ",
            " drie een vijfde ",
            " k ",
            " cinquieme ",
            " tweeentwintig ",
        ])
        .prop_map(str::to_string),
        "[0-9]{1,4}",
        "[,.][0-9]{1,3}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn extraction_never_panics_and_spans_slice_the_text(text in newsy_text(), lang in prop::sample::select(vec!["en", "fr", "nl", "de"])) {
        let doc = document(text, Some(lang));
        let analysis = pipeline().analyse(&doc).unwrap();
        for sentence in &analysis.sentences {
            prop_assert!(doc.text.get(sentence.range.clone()).is_some());
            for m in &sentence.mentions {
                prop_assert!(doc.text.get(m.start..m.end).is_some(), "{}..{}", m.start, m.end);
            }
        }
        let (_, claims) = pipeline().claims(&doc).unwrap();
        for c in claims {
            prop_assert_eq!(doc.text.get(c.evidence.start..c.evidence.end), Some(c.evidence.text.as_str()));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let _ = pipeline().claims(&document(text, None));
    }

    #[test]
    fn numbers_in_each_convention_parse_back(whole in 1u64..999_999, cents in 0u32..100) {
        let value = whole as f64 + cents as f64 / 100.0;
        let grouped = |sep: &str| {
            let digits = whole.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push_str(sep);
                }
                out.push(c);
            }
            out
        };
        let cases = [
            ("en", format!("Microsoft will invest €{}.{cents:02} in France.", grouped(","))),
            ("fr", format!("Microsoft investira {},{cents:02} euros en France.", grouped("\u{a0}"))),
            ("nl", format!("Microsoft investeert {},{cents:02} euro in Frankrijk.", grouped("."))),
            ("de", format!("Microsoft investiert {},{cents:02} Euro in Frankreich.", grouped("."))),
        ];
        for (lang, text) in cases {
            let analysis = pipeline().analyse(&document(text.clone(), Some(lang))).unwrap();
            let money: Vec<f64> = analysis
                .sentences
                .iter()
                .flat_map(|s| &s.mentions)
                .filter_map(|m| match &m.kind {
                    MentionKind::Amount(Value::Money(a)) => Some(a.amount),
                    _ => None,
                })
                .collect();
            prop_assert_eq!(money.len(), 1, "{}: {:?}", text, money);
            prop_assert!((money[0] - value).abs() < 1e-6, "{}: {} != {}", text, money[0], value);
        }
    }
}
