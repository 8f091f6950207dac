//! JSON Lines articles (`{"id", "text"}` plus optional `lang`, `url`, `source`,
//! `published`), read record by record in bounded memory: a bad record is a skip named
//! `file:line`, never the end of the file.

use std::io::BufRead;

use serde::Deserialize;

use super::decode::{decode, UTF8_BOM};
use super::{Document, ReadOptions, SkipReason, Skipped};

/// True when the first non-blank byte of `reader` is `{`, or when it holds nothing but
/// blanks (an empty stream of records). Nothing is consumed but leading blanks.
pub(super) fn sniff_json_lines(reader: &mut Box<dyn BufRead + Send>) -> std::io::Result<bool> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let bom = if buf.starts_with(UTF8_BOM) { 3 } else { 0 };
        let blank = buf[bom..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        match buf.get(bom + blank) {
            Some(&b) => return Ok(b == b'{'),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// A JSON Lines file or stream being read record by record.
pub(super) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line: usize,
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

impl JsonLines {
    /// Records of `reader`, named `name` in skips (a path, or `stdin`).
    pub(super) fn new(reader: Box<dyn BufRead + Send>, name: String) -> JsonLines {
        JsonLines {
            reader,
            name,
            line: 0,
        }
    }

    /// Where the record read last comes from: `file:line`.
    pub(super) fn origin(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    /// The next record (or its skip); `None` at the end of the input.
    pub(super) fn next_record(
        &mut self,
        options: &ReadOptions,
    ) -> Option<Result<Document, Skipped>> {
        loop {
            let mut bytes = Vec::new();
            self.line += 1;
            let at = format!("{}:{}", self.name, self.line);
            let read = read_line_within(&mut self.reader, &mut bytes, options.max_bytes);
            match read {
                Ok(Line::End) => return None,
                Ok(Line::Read) => {}
                Ok(Line::TooLong(n)) => {
                    let max = options.max_bytes;
                    let reason = SkipReason::RecordTooLarge { bytes: n, max };
                    return Some(Err(Skipped::new(at, reason)));
                }
                Err(e) => {
                    self.reader = Box::new(std::io::empty());
                    return Some(Err(Skipped::new(at, SkipReason::ReadError(e.to_string()))));
                }
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_record(bytes, options, &at));
        }
    }
}

/// What [`read_line_within`] read.
enum Line {
    /// A line (its bytes, with the newline if there was one).
    Read,
    /// A line longer than the limit, of this many bytes: read past, not kept.
    TooLong(u64),
    /// The end of the input.
    End,
}

/// Read one line into `bytes`, keeping at most `limit` bytes of it in memory: a longer
/// line is read to its end and dropped, so one huge record costs no memory.
fn read_line_within(
    reader: &mut impl BufRead,
    bytes: &mut Vec<u8>,
    limit: u64,
) -> std::io::Result<Line> {
    let mut total: u64 = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(match total {
                0 => Line::End,
                n if n > limit => Line::TooLong(n),
                _ => Line::Read,
            });
        }
        let (chunk, ends) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let n = chunk.len();
        total += n as u64;
        if total <= limit.saturating_add(1) {
            bytes.extend_from_slice(chunk);
        } else {
            bytes.clear();
        }
        reader.consume(n);
        if ends {
            let newline_free = total - 1;
            return Ok(if newline_free > limit {
                Line::TooLong(newline_free)
            } else {
                Line::Read
            });
        }
    }
}

/// One JSON Lines record as a document; a skip names `at` and the record's id when it has one.
fn parse_record(bytes: Vec<u8>, options: &ReadOptions, at: &str) -> Result<Document, Skipped> {
    let (line, warning) = decode(bytes, options.non_utf8).map_err(|r| Skipped::new(at, r))?;
    let line = line
        .trim_start_matches('\u{feff}')
        .trim_end_matches(['\n', '\r']);
    let article: JsonArticle = serde_json::from_str(line).map_err(|e| {
        let id = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("id").map(id_string));
        let at = match id {
            Some(id) => format!("{at} (id {id})"),
            None => at.to_string(),
        };
        // serde's "at line 1 column N": the line is the record's, named in `at` already.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        let reason = SkipReason::MalformedRecord {
            message: message.to_string(),
            column: e.column(),
        };
        Skipped::new(at, reason)
    })?;
    let id = id_string(&article.id);
    if article.text.trim().is_empty() {
        return Err(Skipped::new(
            format!("{at} (id {id})"),
            SkipReason::EmptyText,
        ));
    }
    Ok(Document {
        id,
        text: article.text.trim_start_matches('\u{feff}').to_string(),
        lang: article.lang,
        url: article.url,
        source: article.source,
        published: article.published,
        warning,
    })
}

fn id_string(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<Result<Document, Skipped>> {
        let mut lines = JsonLines {
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            name: "a.jsonl".into(),
            line: 0,
        };
        std::iter::from_fn(|| lines.next_record(&ReadOptions::default())).collect()
    }

    #[test]
    fn json_lines_keep_good_lines_and_name_bad_ones() {
        let text = "{\"id\": \"x\", \"text\": \"hello\", \"lang\": \"en\"}\nnot json\n\n{\"id\": 7, \"text\": \"t\"}\n{\"id\": \"y\"}\n";
        let got = records(text);
        assert_eq!(got.len(), 4);
        let doc = got[0].as_ref().unwrap();
        assert_eq!(doc.lang.as_deref(), Some("en"));
        assert_eq!(got[1].as_ref().unwrap_err().input, "a.jsonl:2");
        assert_eq!(got[2].as_ref().unwrap().id, "7");
        assert_eq!(got[3].as_ref().unwrap_err().input, "a.jsonl:5 (id y)");
    }
}
