//! The report JSON, pretty-printed as `serde_json` pretty-prints the [`Report`] (two
//! spaces an indent level), byte for byte, with its clusters and claims written by
//! `pretty` in parallel: chunks of them into buffers on every thread, written in order
//! while the next chunks are serialised. A report of a million claims is more than a
//! gigabyte of text, which one thread takes seconds to write; memory holds a window of
//! chunks, never the whole text.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;

use super::pretty::{Pretty, PrettyJson};
use crate::crosscheck::Report;

/// Clusters or claims serialised by one task: enough that a task outweighs its
/// scheduling.
const CHUNK: usize = 512;

/// Chunks serialised before the window is written: memory holds two windows of text.
const CHUNKS_PER_WINDOW: usize = 32;

/// Write `report` as pretty-printed JSON, with a final line feed.
pub(super) fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"{\n  \"summary\": ")?;
    write_value(&report.summary, 1, &mut out)?;
    out.write_all(b",\n  \"clusters\": ")?;
    write_array(&report.clusters, CHUNK, &mut out)?;
    out.write_all(b",\n  \"claims\": ")?;
    write_array(&report.claims, CHUNK, &mut out)?;
    out.write_all(b"\n}\n")?;
    out.flush()
}

/// Serialise `value` pretty-printed as a value `level` levels deep.
fn write_value<T: Serialize>(value: &T, level: usize, out: &mut impl Write) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Indented::at(level));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// Write `items` as the pretty-printed array value of a field of the report's top
/// object, `chunk` items serialised by each parallel task.
fn write_array<T: PrettyJson + Sync>(
    items: &[T],
    chunk: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let window = chunk * CHUNKS_PER_WINDOW;
    let serialise = |start: usize| -> Vec<Vec<u8>> {
        let end = items.len().min(start + window);
        items[start..end]
            .par_chunks(chunk)
            .enumerate()
            .map(|(n, part)| array_part(part, start == 0 && n == 0))
            .collect()
    };
    let mut pending = serialise(0);
    for start in (window..items.len()).step_by(window) {
        // This thread writes while the pool serialises the next window.
        let mut next = None;
        let written = rayon::in_place_scope(|scope| {
            scope.spawn(|_| next = Some(serialise(start)));
            write_parts(&pending, out)
        });
        written?;
        pending = next.expect("the scope ran its task");
    }
    write_parts(&pending, out)?;
    out.write_all(b"\n  ]")
}

/// `items` as elements of the report's arrays (two levels deep), each after its
/// separator; the first of the array after a line feed alone.
fn array_part<T: PrettyJson>(items: &[T], first_of_array: bool) -> Vec<u8> {
    let mut buffer = Vec::with_capacity(4096);
    for (i, item) in items.iter().enumerate() {
        let separator: &[u8] = if first_of_array && i == 0 {
            b"\n"
        } else {
            b",\n"
        };
        buffer.extend_from_slice(separator);
        buffer.extend_from_slice(b"    ");
        item.write_pretty(&mut Pretty::at(2, &mut buffer));
        // Room for the rest at a quarter more than the first item's size: the buffer
        // then grows once, if at all, rather than copying itself as it doubles.
        if i == 0 {
            buffer.reserve(buffer.len() * (items.len() - 1) * 5 / 4);
        }
    }
    buffer
}

/// Write buffers in order.
fn write_parts(parts: &[Vec<u8>], out: &mut impl Write) -> io::Result<()> {
    parts.iter().try_for_each(|part| out.write_all(part))
}

/// `serde_json`'s pretty formatter (two spaces an indent level) for a value that starts
/// `level` levels deep: what the pretty formatter writes for it inside the whole report.
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn at(level: usize) -> Indented {
        Indented {
            level,
            has_value: false,
        }
    }

    /// A line feed and the indent of the current level.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        writer.write_all(if comma { b",\n" } else { b"\n" })?;
        (0..self.level).try_for_each(|_| writer.write_all(b"  "))
    }

    /// Open an array or object with `bracket`.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// Close an array or object with `bracket`, on a line of its own unless it is empty.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.new_line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Claim;
    use crate::crosscheck::{CrossChecker, FxRates, BUNDLED_FX};

    /// Claims of `docs` documents: two values (one in two currencies), so the report has
    /// conflicts, agreements and single claims.
    fn claims(docs: usize) -> Vec<Claim> {
        (0..docs * 3)
            .map(|i| {
                let (doc, amount) = (format!("d{}.txt", i / 3), [4.8e9, 4.8e9, 5e6][i % 3]);
                let unit = if i % 7 == 0 { "USD" } else { "EUR" };
                serde_json::from_value(serde_json::json!({
                    "id": format!("{doc}#{}", i % 3 + 1), "doc": doc, "lang": "en",
                    "subject": {"id": format!("firm{}", i % 5), "text": "Firm \"A\"\n"},
                    "predicate": "invest", "target": null, "alt": [], "location": null,
                    "time": null, "rules": ["en.money"],
                    "value": {"kind": "money", "amount": amount, "unit": unit,
                              "qualifier": "exact", "text": "€4.8 billion"},
                    "evidence": {"start": 0, "end": 5, "text": "It said\tso."},
                }))
                .unwrap()
            })
            .collect()
    }

    #[test]
    fn the_report_json_is_that_of_serde_pretty_printing_whatever_the_chunks() {
        let rules = crate::RuleSet::bundled().unwrap();
        let checker =
            CrossChecker::new(&rules.gazetteer, FxRates::parse("fx", BUNDLED_FX).unwrap());
        for docs in [0, 1, 40] {
            let report = checker.check(claims(docs), Default::default());
            let mut want = serde_json::to_vec_pretty(&report).unwrap();
            want.push(b'\n');
            let mut got = Vec::new();
            write_json(&report, &mut got).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want.clone()).unwrap()
            );
            for chunk in [1, 2, 7] {
                let mut arrays = Vec::new();
                write_array(&report.claims, chunk, &mut arrays).unwrap();
                let whole = serde_json::to_vec_pretty(&report.claims).unwrap();
                // The whole array at the report's first level: each line indented once more.
                let indented = String::from_utf8(whole).unwrap().replace('\n', "\n  ");
                assert_eq!(
                    String::from_utf8(arrays).unwrap(),
                    indented,
                    "chunks of {chunk}"
                );
            }
        }
    }
}
