//! The clusters and claims of the report JSON written field by field, byte for byte as
//! `serde_json` pretty-prints their serialisation (two spaces an indent level, the same
//! escapes, the same numbers). A report of a million claims is more than a gigabyte of
//! text: going through `serde`'s generic serialiser and formatter a value at a time
//! costs several times what writing the bytes does.

use crate::claims::{Claim, EntityRef, Evidence, Span, Text};
use crate::crosscheck::{Cluster, ClusterKey, Group, Status};
use crate::value::{plain_number, Amount, TimeScope, Value};

/// Report items written as pretty-printed JSON at an indent level, one after the other,
/// into a buffer.
pub(super) struct Pretty<'b> {
    out: &'b mut Vec<u8>,
    level: usize,
}

/// A JSON value `Pretty` writes in the report.
pub(super) trait PrettyJson {
    /// Write the value at the writer's level.
    fn write_pretty(&self, w: &mut Pretty);
}

impl<'b> Pretty<'b> {
    /// A writer appending values `level` levels deep to `out`.
    pub(super) fn at(level: usize, out: &'b mut Vec<u8>) -> Pretty<'b> {
        Pretty { out, level }
    }

    /// A line feed (after a comma unless `first`) and the indent of the current level.
    fn new_line(&mut self, first: bool) {
        self.out
            .extend_from_slice(if first { b"\n" } else { b",\n" });
        self.out.resize(self.out.len() + 2 * self.level, b' ');
    }

    /// Open an object or array with `bracket`.
    fn open(&mut self, bracket: u8) {
        self.level += 1;
        self.out.push(bracket);
    }

    /// Close an object or array with `bracket`, on a line of its own unless it is empty.
    fn close(&mut self, bracket: u8, empty: bool) {
        self.level -= 1;
        if !empty {
            self.new_line(true);
        }
        self.out.push(bracket);
    }

    /// The key of an object's field (`first` or not), up to its value.
    fn key(&mut self, first: bool, name: &str) {
        self.new_line(first);
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// `s` as a JSON string, escaped as `serde_json` escapes it: quotes, backslashes and
    /// control characters.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.push(b'"');
        // Most strings need no escape: one pass without branches finds those.
        let plain = bytes.iter().fold(true, |plain, &b| {
            plain & (b >= 0x20 && b != b'"' && b != b'\\')
        });
        if plain {
            self.out.extend_from_slice(bytes);
        } else {
            self.escaped(bytes);
        }
        self.out.push(b'"');
    }

    /// The bytes of a string with their escapes.
    fn escaped(&mut self, bytes: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x0c => b'f',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x00..=0x1f => b'u',
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[start..i]);
            start = i + 1;
            match short {
                b'u' => self.out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(b >> 4) as usize],
                    HEX[(b & 0xf) as usize],
                ]),
                _ => self.out.extend_from_slice(&[b'\\', short]),
            }
        }
        self.out.extend_from_slice(&bytes[start..]);
    }

    /// `s` as a string, or `null`.
    fn option_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// A figure as the report writes it ([`plain_number`]).
    fn number(&mut self, x: f64) {
        let mut serializer = serde_json::Serializer::new(&mut *self.out);
        plain_number(&x, &mut serializer).expect("writing to memory cannot fail");
    }

    /// A whole number.
    fn integer(&mut self, n: i64) {
        let mut serializer = serde_json::Serializer::new(&mut *self.out);
        serde::Serializer::serialize_i64(&mut serializer, n)
            .expect("writing to memory cannot fail");
    }

    /// `items` as an array.
    fn array<T: PrettyJson>(&mut self, items: &[T]) {
        self.open(b'[');
        for (i, item) in items.iter().enumerate() {
            self.new_line(i == 0);
            item.write_pretty(self);
        }
        self.close(b']', items.is_empty());
    }

    /// An entity, or `null`.
    fn entity(&mut self, e: Option<&EntityRef>) {
        let Some(e) = e else {
            return self.out.extend_from_slice(b"null");
        };
        self.open(b'{');
        self.key(true, "id");
        self.string(&e.id);
        self.key(false, "text");
        self.string(&e.text);
        self.close(b'}', false);
    }

    /// A byte range.
    fn span(&mut self, s: &Span) {
        self.open(b'{');
        self.key(true, "start");
        self.integer(s.start as i64);
        self.key(false, "end");
        self.integer(s.end as i64);
        self.close(b'}', false);
    }

    /// A time scope, or `null`: the fields it knows only.
    fn time(&mut self, t: Option<&TimeScope>) {
        let Some(t) = t else {
            return self.out.extend_from_slice(b"null");
        };
        self.open(b'{');
        let mut first = true;
        for (name, year) in [("by", t.by), ("year", t.year), ("since", t.since)] {
            if let Some(year) = year {
                self.key(first, name);
                self.integer(year.into());
                first = false;
            }
        }
        if t.prior {
            self.key(first, "prior");
            self.out.extend_from_slice(b"true");
            first = false;
        }
        self.close(b'}', first);
    }

    /// An amount's fields after its kind.
    fn amount_fields(&mut self, a: &Amount) {
        self.key(false, "amount");
        self.number(a.amount);
        if let Some(unit) = &a.unit {
            self.key(false, "unit");
            self.string(unit);
        }
        self.key(false, "qualifier");
        self.string(a.qualifier.id());
        for (name, bound) in [("min", a.min), ("precision", a.precision)] {
            if let Some(bound) = bound {
                self.key(false, name);
                self.number(bound);
            }
        }
        if !a.text.is_empty() {
            self.key(false, "text");
            self.string(&a.text);
        }
    }

    /// A claim's evidence.
    fn evidence(&mut self, e: &Evidence) {
        self.open(b'{');
        self.key(true, "start");
        self.integer(e.start as i64);
        self.key(false, "end");
        self.integer(e.end as i64);
        self.key(false, "text");
        self.string(&e.text);
        for (name, span) in [("sentence", &e.sentence), ("trigger", &e.trigger)] {
            if let Some(span) = span {
                self.key(false, name);
                self.span(span);
            }
        }
        self.close(b'}', false);
    }

    /// A cluster's key.
    fn cluster_key(&mut self, k: &ClusterKey) {
        self.open(b'{');
        self.key(true, "subject");
        self.string(&k.subject);
        self.key(false, "predicate");
        self.string(&k.predicate);
        self.key(false, "target");
        self.option_string(k.target.as_deref());
        self.key(false, "location");
        self.option_string(k.location.as_deref());
        self.key(false, "scope");
        self.string(&k.scope);
        if let Some(story) = &k.story {
            self.key(false, "story");
            self.string(story);
        }
        self.close(b'}', false);
    }
}

impl PrettyJson for Text {
    fn write_pretty(&self, w: &mut Pretty) {
        w.string(self);
    }
}

impl PrettyJson for Value {
    fn write_pretty(&self, w: &mut Pretty) {
        w.open(b'{');
        w.key(true, "kind");
        w.string(self.kind());
        match self {
            Value::Date(d) => {
                for (name, part) in [("weekday", &d.weekday), ("date", &d.date)] {
                    if let Some(part) = part {
                        w.key(false, name);
                        w.string(part);
                    }
                }
                if !d.text.is_empty() {
                    w.key(false, "text");
                    w.string(&d.text);
                }
            }
            Value::Money(a) | Value::Count(a) | Value::Number(a) | Value::Percent(a) => {
                w.amount_fields(a)
            }
        }
        w.close(b'}', false);
    }
}

impl PrettyJson for Group {
    fn write_pretty(&self, w: &mut Pretty) {
        w.open(b'{');
        w.key(true, "value");
        self.value.write_pretty(w);
        w.key(false, "docs");
        w.array(&self.docs);
        w.key(false, "claims");
        w.array(&self.claims);
        w.close(b'}', false);
    }
}

impl PrettyJson for Cluster {
    fn write_pretty(&self, w: &mut Pretty) {
        w.open(b'{');
        w.key(true, "key");
        w.cluster_key(&self.key);
        w.key(false, "status");
        w.string(match self.status {
            Status::Conflict => "conflict",
            Status::Agree => "agree",
            Status::Single => "single",
        });
        w.key(false, "why");
        w.string(&self.why);
        w.key(false, "groups");
        w.array(&self.groups);
        w.key(false, "claims");
        w.array(&self.claims);
        w.close(b'}', false);
    }
}

impl PrettyJson for Claim {
    fn write_pretty(&self, w: &mut Pretty) {
        w.open(b'{');
        w.key(true, "id");
        w.string(&self.id);
        w.key(false, "doc");
        w.string(&self.doc);
        let article = &self.article;
        let published = [
            ("source", &article.source),
            ("url", &article.url),
            ("published", &article.published),
        ];
        for (name, field) in published {
            if let Some(field) = field {
                w.key(false, name);
                w.string(field);
            }
        }
        w.key(false, "lang");
        w.string(&self.lang);
        w.key(false, "subject");
        w.entity(self.subject.as_ref());
        w.key(false, "predicate");
        w.string(&self.predicate);
        w.key(false, "target");
        w.entity(self.target.as_ref());
        w.key(false, "value");
        self.value.write_pretty(w);
        w.key(false, "alt");
        w.array(&self.alt);
        w.key(false, "location");
        w.entity(self.location.as_ref());
        w.key(false, "time");
        w.time(self.time.as_ref());
        if let Some(scope) = &self.scope {
            w.key(false, "scope");
            w.string(scope);
        }
        w.key(false, "evidence");
        w.evidence(&self.evidence);
        w.key(false, "rules");
        w.array(&self.rules);
        w.close(b'}', false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` as `Pretty` writes it at the top level.
    fn pretty<T: PrettyJson>(value: &T) -> String {
        let mut out = Vec::new();
        value.write_pretty(&mut Pretty::at(0, &mut out));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_field_is_written_as_serde_json_pretty_prints_it() {
        let claims: Vec<Claim> = serde_json::from_value(serde_json::json!([
            {
                "id": "a.txt#1", "doc": "a.txt", "source": "Le \"Monde\"", "url": "https://x/y",
                "published": "2024-05-12", "lang": "fr",
                "subject": {"id": "acme", "text": "Acme\u{1}\u{7f}\\"}, "predicate": "invest",
                "target": {"id": "beta", "text": "Béta\r\n\t\u{8}\u{c}"},
                "value": {"kind": "money", "amount": 1.5e9, "unit": "EUR", "qualifier": "up_to",
                          "min": 2.5e-3, "precision": 1e20, "text": "€1,5 md"},
                "alt": [{"kind": "date", "weekday": "sunday", "date": "--05-12", "text": ""},
                        {"kind": "percent", "amount": -0.0}, {"kind": "count", "amount": 3}],
                "location": null, "scope": "construction",
                "time": {"by": 2027, "year": -4, "since": 2010, "prior": true},
                "evidence": {"start": 3, "end": 90, "text": "Il a dit « oui ».",
                             "sentence": {"start": 0, "end": 120},
                             "trigger": {"start": 10, "end": 14}},
                "rules": ["fr.money", "fr.predicate.invest"],
            },
            {
                "id": "b.txt#1", "doc": "b.txt", "lang": "en", "subject": null,
                "predicate": "jobs", "target": null, "value": {"kind": "date"}, "alt": [],
                "location": {"id": "lyon", "text": "Lyon"}, "time": {"prior": false},
                "evidence": {"start": 0, "end": 0, "text": ""}, "rules": [],
            },
        ]))
        .unwrap();
        for claim in &claims {
            assert_eq!(pretty(claim), serde_json::to_string_pretty(claim).unwrap());
        }
        let cluster = |story: Option<&str>, status| Cluster {
            key: ClusterKey {
                subject: "acme".into(),
                predicate: "invest".into(),
                target: story.map(|_| "beta".into()),
                location: None,
                scope: "since 2010".into(),
                story: story.map(Text::from),
            },
            status,
            why: "EUR 1.5 bn (a.txt) against \"2\" (b.txt)".into(),
            groups: vec![
                Group {
                    value: claims[0].value.clone(),
                    docs: vec!["a.txt".into()],
                    claims: vec!["a.txt#1".into(), "a.txt#2".into()],
                },
                Group {
                    value: claims[1].value.clone(),
                    docs: Vec::new(),
                    claims: Vec::new(),
                },
            ],
            claims: vec!["a.txt#1".into()],
        };
        for c in [
            cluster(Some("2024-05-12/2024-05-13"), Status::Conflict),
            cluster(None, Status::Agree),
            cluster(None, Status::Single),
        ] {
            assert_eq!(pretty(&c), serde_json::to_string_pretty(&c).unwrap());
        }
    }
}
