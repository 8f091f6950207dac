//! Why a document yields the claims it does, for rule authors: per sentence with a figure
//! or day, the sentence as frames see it (its mentions as slots), and for each figure or
//! day the frame that bound it and its claim, or why it makes none.

use crate::extract::Sentence;
use crate::rules::{slot, RuleSet};

use super::assemble::{read_document, Topics};
use super::sentence::{Reading, SentenceReader};
use super::Claim;

/// The explanation of one document's `sentences` (of `text`, about `topics`), as lines.
pub fn explain(
    rules: &RuleSet,
    text: &str,
    topics: &Topics,
    sentences: impl IntoIterator<Item = Sentence>,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut number = 0;
    read_document(rules, text, topics, sentences, |reader, readings| {
        number += 1;
        if !readings.is_empty() {
            explain_sentence(reader, number, &readings, &mut lines);
        }
    });
    lines
}

/// The ids of the frames that bind a figure or day of the document, in order (a frame
/// that says a figure makes no claim included): what the examples of a rule file exercise.
pub fn frames_bound(
    rules: &RuleSet,
    text: &str,
    topics: &Topics,
    sentences: impl IntoIterator<Item = Sentence>,
) -> Vec<String> {
    let mut ids = Vec::new();
    read_document(rules, text, topics, sentences, |_, readings| {
        ids.extend(readings.iter().filter_map(|r| r.frame.map(str::to_string)));
    });
    ids
}

/// The lines of sentence `number`, whose figures and days were read as `readings`.
fn explain_sentence(
    reader: &SentenceReader,
    number: usize,
    readings: &[Reading],
    lines: &mut Vec<String>,
) {
    let sentence = reader.sentence;
    let frames = rules_frames(reader);
    lines.push(format!(
        "sentence {number} [{}] bytes {}..{}",
        sentence.lang, sentence.range.start, sentence.range.end
    ));
    lines.push(format!(
        "  text:   {}",
        one_line(reader.slice(sentence.range.clone()))
    ));
    lines.push(format!("  frames: {}", shown_slots(reader)));
    for reading in readings {
        let value = reader.slice(reading.value.start..reading.value.end);
        let how = match reading.frame {
            Some(id) => format!("bound by frame {id}"),
            None => format!("no frame of {frames} bound it"),
        };
        let what = match &reading.outcome {
            Ok(claim) => format!("claim {}", summary(claim)),
            Err(why) => format!("no claim: {why}"),
        };
        lines.push(format!("  {:?}: {how}; {what}", one_line(value)));
    }
}

/// How many frames the sentence's language has, in words.
fn rules_frames(reader: &SentenceReader) -> String {
    match reader.rules.languages[&reader.sentence.lang].frames.len() {
        1 => "the 1 frame".to_string(),
        n => format!("the {n} frames"),
    }
}

/// The sentence with each mention frames see in brackets, named by its slot.
fn shown_slots(reader: &SentenceReader) -> String {
    let slots = reader.slot_text();
    let mut out = String::new();
    for (at, ch) in slots.text.char_indices() {
        match (slot_name(ch), slots.mention_at(at)) {
            (Some(name), Some(m)) => {
                out.push_str(&format!("[{name} {}]", reader.slice(m.start..m.end)));
            }
            _ => out.push(ch),
        }
    }
    one_line(&out)
}

/// The slot a character of the slot text stands for.
fn slot_name(ch: char) -> Option<&'static str> {
    Some(match ch {
        slot::ACTOR => "actor",
        slot::PLACE => "place",
        slot::MONEY => "money",
        slot::COUNT => "count",
        slot::DATE => "date",
        _ => return None,
    })
}

/// `text` on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A claim in one line: subject, predicate, target, value, place, rules.
fn summary(claim: &Claim) -> String {
    let id =
        |e: &Option<super::EntityRef>| e.as_ref().map_or("-".to_string(), |e| e.id.to_string());
    let value = serde_json::to_string(&claim.value).unwrap_or_default();
    format!(
        "{} {} target={} value={value} location={} rules={}",
        id(&claim.subject),
        claim.predicate,
        id(&claim.target),
        id(&claim.location),
        claim.rules.join(",")
    )
}
