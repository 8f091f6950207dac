//! Bytes to text: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order mark, or
//! Windows-1252 for text that is not UTF-8; binary and empty inputs are refused with the
//! reason a user reads.

use super::{NonUtf8, SkipReason};

pub(super) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Bytes searched for a NUL to tell a binary file from text (as git and ripgrep do).
const BINARY_SNIFF: usize = 8192;

/// Decode an input's bytes: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order
/// mark, or per `non_utf8`. The text and a warning when it was not plain UTF-8, or why
/// it cannot be read as text.
pub fn decode(
    mut bytes: Vec<u8>,
    non_utf8: NonUtf8,
) -> Result<(String, Option<String>), SkipReason> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
            let warning = format!("decoded from {}", encoding.name());
            return not_empty(text.into_owned(), Some(warning));
        }
    }
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]) {
        return Err(SkipReason::Binary { offset: at });
    }
    match String::from_utf8(bytes) {
        Ok(text) => not_empty(text, None),
        Err(e) => {
            let body = e.as_bytes();
            let e = e.utf8_error();
            let at = e.valid_up_to();
            match non_utf8 {
                NonUtf8::Skip => Err(SkipReason::NotUtf8 { offset: at }),
                NonUtf8::Windows1252 => {
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                    let warning =
                        format!("not UTF-8 (invalid byte at offset {at}): read as Windows-1252");
                    not_empty(text.into_owned(), Some(warning))
                }
            }
        }
    }
}

fn not_empty(
    text: String,
    warning: Option<String>,
) -> Result<(String, Option<String>), SkipReason> {
    if text.trim().is_empty() {
        Err(SkipReason::Empty)
    } else {
        Ok((text, warning))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_cases() {
        let cases: &[(&[u8], Result<&str, &str>)] = &[
            (b"\xEF\xBB\xBFhello", Ok("hello")),
            (b"caf\xE9 \x80", Ok("caf\u{e9} \u{20ac}")),
            (b"\xFF\xFEh\0i\0", Ok("hi")),
            (b"ab\0cd", Err("binary file (NUL byte at offset 2)")),
            (b" \n\t", Err("empty")),
        ];
        for (bytes, want) in cases {
            let got = decode(bytes.to_vec(), NonUtf8::Windows1252);
            match want {
                Ok(text) => assert_eq!(got.unwrap().0, *text, "{bytes:?}"),
                Err(reason) => assert_eq!(got.unwrap_err().to_string(), *reason, "{bytes:?}"),
            }
        }
        let skipped = decode(b"caf\xE9".to_vec(), NonUtf8::Skip)
            .unwrap_err()
            .to_string();
        assert!(
            skipped.starts_with("not UTF-8 (invalid byte at offset 3)"),
            "{skipped}"
        );
    }
}
