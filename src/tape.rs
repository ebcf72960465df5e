//! The tape: a JavaScript value as the package writes it straight into the
//! module's memory (`pkg/src/tape.js`), read here into the crate's JSON model
//! ([`Json`]) without parsing any text. The checks then run on that model,
//! the same functions as for JSON text.
//!
//! Two areas: words (`u32`) for the structure, bytes for the UTF-8 of
//! strings, numbers and names. A value is its tag word, then:
//! - [`NULL`], [`FALSE`], [`TRUE`]: nothing;
//! - [`ABSENT`]: nothing (an optional argument not given);
//! - [`SKIPPED`]: nothing (the value of a key no rule reads: it reads as `0`);
//! - [`NUMBER`], [`STRING`]: `offset, len` of its UTF-8 in the bytes;
//! - [`LONE_STRING`]: `offset, len, n`, then `n` pairs (byte offset in the
//!   string of the U+FFFD that stands for an unpaired surrogate, its unit);
//! - [`FOREIGN`]: a name (what JSON cannot carry: `undefined`, `Date`, ...);
//! - [`ARRAY`]: `n`, then `n` values;
//! - [`OBJECT`]: `n`, then `n` pairs of a name (the key) and a value;
//! - [`JSON_TEXT`] (an argument of the JSON calls, not a value): `offset,
//!   len` of JSON text as UTF-8 bytes (which may not be UTF-8 at all: a
//!   caller's `Uint8Array`), `n`, then `n` pairs (byte offset of a U+FFFD
//!   that stands for a raw unpaired surrogate of the caller's string, its
//!   unit): see [`crate::scan::LoneSurrogates`].
//!
//! A name is one word, an index of [`KNOWN`], or [`TEXT_NAME`] then
//! `offset, len` of its UTF-8.
//!
//! The package writes only well-formed tapes; any other is an error here
//! (never a panic, an out-of-bounds read or a deep recursion), which the
//! `tape` fuzz target holds to.

use std::borrow::Cow;

use crate::json::{Json, JsonStr};
use crate::records::KNOWN;

/// `null`.
pub const NULL: u32 = 0;
/// `false`.
pub const FALSE: u32 = 1;
/// `true`.
pub const TRUE: u32 = 2;
/// No value (an optional argument not given).
pub const ABSENT: u32 = 3;
/// A value no rule reads (under an unknown key): it reads as the number `0`.
pub const SKIPPED: u32 = 4;
/// A number: its text.
pub const NUMBER: u32 = 5;
/// A well-formed string.
pub const STRING: u32 = 6;
/// A string that held unpaired surrogates, with their table.
pub const LONE_STRING: u32 = 7;
/// A value JSON cannot carry, by name.
pub const FOREIGN: u32 = 8;
/// An array.
pub const ARRAY: u32 = 9;
/// An object.
pub const OBJECT: u32 = 10;
/// JSON text, for the JSON calls.
pub const JSON_TEXT: u32 = 11;
/// A name given as text rather than as an index of [`KNOWN`].
pub const TEXT_NAME: u32 = u32::MAX;

/// The tags by name, for the package (`pkg/src/rules.js`).
pub const TAGS: [(&str, u32); 13] = [
    ("NULL", NULL),
    ("FALSE", FALSE),
    ("TRUE", TRUE),
    ("ABSENT", ABSENT),
    ("SKIPPED", SKIPPED),
    ("NUMBER", NUMBER),
    ("STRING", STRING),
    ("LONE_STRING", LONE_STRING),
    ("FOREIGN", FOREIGN),
    ("ARRAY", ARRAY),
    ("OBJECT", OBJECT),
    ("JSON_TEXT", JSON_TEXT),
    ("TEXT_NAME", TEXT_NAME),
];

/// The calls on a tape, by number (`src/wasm.rs` runs them; the package
/// holds them by name in `pkg/src/rules.js`).
pub mod op {
    /// `validateUpdate(update, current?)`: a body, then a record or [`super::ABSENT`].
    pub const VALIDATE_UPDATE: u32 = 0;
    /// `validateCustomer(record)`.
    pub const VALIDATE_CUSTOMER: u32 = 1;
    /// `diffUpdate(current, desired)`.
    pub const DIFF_UPDATE: u32 = 2;
    /// `fieldRules(current?)`.
    pub const FIELD_RULES: u32 = 3;
    /// `buildPatchRequest(input)`, then the fresh key (a string).
    pub const BUILD_PATCH_REQUEST: u32 = 4;
    /// `parseCustomerId(id)`.
    pub const PARSE_CUSTOMER_ID: u32 = 5;
    /// `validateUpdateJson(text, currentText?)`: a [`super::JSON_TEXT`], then another or [`super::ABSENT`].
    pub const VALIDATE_UPDATE_JSON: u32 = 6;
    /// `validateBatchJson(text)`: a [`super::JSON_TEXT`].
    pub const VALIDATE_BATCH_JSON: u32 = 7;
    /// Whether a [`super::JSON_TEXT`]'s bytes hold U+FFFD (`1` or `0`): the
    /// package asks before it sends a string as the engine's encoder wrote it,
    /// since the encoder writes an unpaired surrogate as U+FFFD too.
    pub const HOLDS_REPLACEMENT: u32 = 8;
}

/// The calls by name, for the package.
pub const OPS: [(&str, u32); 9] = [
    ("validateUpdate", op::VALIDATE_UPDATE),
    ("validateCustomer", op::VALIDATE_CUSTOMER),
    ("diffUpdate", op::DIFF_UPDATE),
    ("fieldRules", op::FIELD_RULES),
    ("buildPatchRequest", op::BUILD_PATCH_REQUEST),
    ("parseCustomerId", op::PARSE_CUSTOMER_ID),
    ("validateUpdateJson", op::VALIDATE_UPDATE_JSON),
    ("validateBatchJson", op::VALIDATE_BATCH_JSON),
    ("holdsReplacement", op::HOLDS_REPLACEMENT),
];

/// JSON text from a tape: its bytes and its table of raw unpaired surrogates.
#[derive(Debug, Clone, Copy)]
pub struct TextArg<'a> {
    /// The bytes, meant to be UTF-8.
    pub bytes: &'a [u8],
    /// `offset, unit` pairs (see [`crate::scan::LoneSurrogates`]).
    pub lone: &'a [u32],
}

/// Containers nested deeper than this are refused: the package writes
/// nothing deeper than [`crate::json::KEPT_DEPTH`].
const MAX_NESTING: usize = 64;

/// Why a tape could not be read (a bug in the package, or a fuzzer's tape).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TapeError(pub &'static str);

/// A cursor over a tape.
#[derive(Debug)]
pub struct Tape<'a> {
    words: &'a [u32],
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tape<'a> {
    /// A tape of these words and bytes, read from the first word.
    pub fn new(words: &'a [u32], bytes: &'a [u8]) -> Self {
        Tape {
            words,
            bytes,
            at: 0,
        }
    }

    /// True when every word has been read.
    pub fn is_done(&self) -> bool {
        self.at >= self.words.len()
    }

    fn word(&mut self) -> Result<u32, TapeError> {
        let w = *self.words.get(self.at).ok_or(TapeError("truncated"))?;
        self.at += 1;
        Ok(w)
    }

    /// A count of things that follow, each taking at least `each` words: no
    /// larger than what is left, so that nothing is reserved for a lie.
    fn count(&mut self, each: usize) -> Result<usize, TapeError> {
        let n = self.word()? as usize;
        let left = self.words.len().saturating_sub(self.at);
        if n.saturating_mul(each) > left {
            return Err(TapeError("count past the end"));
        }
        Ok(n)
    }

    fn text(&mut self) -> Result<&'a str, TapeError> {
        let offset = self.word()? as usize;
        let len = self.word()? as usize;
        let end = offset.checked_add(len).ok_or(TapeError("bad text"))?;
        let bytes = self.bytes.get(offset..end).ok_or(TapeError("bad text"))?;
        std::str::from_utf8(bytes).map_err(|_| TapeError("text not UTF-8"))
    }

    fn name(&mut self) -> Result<&'a str, TapeError> {
        match self.word()? {
            TEXT_NAME => self.text(),
            i => KNOWN
                .get(i as usize)
                .copied()
                .ok_or(TapeError("unknown name")),
        }
    }

    /// The next value, or `None` for [`ABSENT`].
    pub fn value(&mut self) -> Result<Option<Json<'a>>, TapeError> {
        if self.words.get(self.at) == Some(&ABSENT) {
            self.at += 1;
            return Ok(None);
        }
        self.value_at(0).map(Some)
    }

    /// The next JSON text, or `None` for [`ABSENT`].
    pub fn json_text(&mut self) -> Result<Option<TextArg<'a>>, TapeError> {
        match self.word()? {
            ABSENT => return Ok(None),
            JSON_TEXT => {}
            _ => return Err(TapeError("not JSON text")),
        }
        let offset = self.word()? as usize;
        let len = self.word()? as usize;
        let end = offset.checked_add(len).ok_or(TapeError("bad text"))?;
        let bytes = self.bytes.get(offset..end).ok_or(TapeError("bad text"))?;
        let n = self.count(2)?;
        let lone = &self.words[self.at..self.at + 2 * n];
        self.at += 2 * n;
        Ok(Some(TextArg { bytes, lone }))
    }

    /// The next value, which must be present.
    pub fn present(&mut self) -> Result<Json<'a>, TapeError> {
        self.value()?.ok_or(TapeError("absent value"))
    }

    fn value_at(&mut self, depth: usize) -> Result<Json<'a>, TapeError> {
        let tag = self.word()?;
        match self.scalar(tag)? {
            Some(value) => Ok(value),
            None => self.container(tag, depth),
        }
    }

    /// The value of tag `tag` when it is not a container (read in the
    /// caller's loop: no call per string or boolean of an object).
    #[inline(always)]
    fn scalar(&mut self, tag: u32) -> Result<Option<Json<'a>>, TapeError> {
        Ok(Some(match tag {
            NULL => Json::Null,
            FALSE => Json::Bool(false),
            TRUE => Json::Bool(true),
            SKIPPED => Json::Number(Cow::Borrowed("0")),
            NUMBER => Json::Number(Cow::Borrowed(self.text()?)),
            STRING => Json::Str(JsonStr::new(self.text()?)),
            FOREIGN => Json::Foreign(Cow::Borrowed(self.name()?)),
            _ => return Ok(None),
        }))
    }

    /// A container (or a string with its surrogates' table), tag read.
    fn container(&mut self, tag: u32, depth: usize) -> Result<Json<'a>, TapeError> {
        Ok(match tag {
            LONE_STRING => {
                let text = self.text()?;
                let n = self.count(2)?;
                let mut lone = Vec::with_capacity(n);
                for _ in 0..n {
                    let offset = self.word()?;
                    let unit = u16::try_from(self.word()?).map_err(|_| TapeError("bad unit"))?;
                    // Each stands as U+FFFD in the text, at that offset.
                    if text
                        .get(offset as usize..)
                        .is_none_or(|s| !s.starts_with('\u{FFFD}'))
                    {
                        return Err(TapeError("bad surrogate offset"));
                    }
                    lone.push((offset, unit));
                }
                Json::Str(JsonStr {
                    text: Cow::Borrowed(text),
                    lone,
                })
            }
            ARRAY => {
                let depth = nested(depth)?;
                let n = self.count(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value_at(depth)?);
                }
                Json::Array(items)
            }
            OBJECT => {
                let depth = nested(depth)?;
                let n = self.count(2)?;
                let mut members = Vec::with_capacity(n);
                for _ in 0..n {
                    let key = Cow::Borrowed(self.name()?);
                    let tag = self.word()?;
                    let value = match self.scalar(tag)? {
                        Some(value) => value,
                        None => self.container(tag, depth)?,
                    };
                    members.push((key, value));
                }
                Json::Object(members)
            }
            _ => return Err(TapeError("unknown tag")),
        })
    }
}

fn nested(depth: usize) -> Result<usize, TapeError> {
    if depth >= MAX_NESTING {
        Err(TapeError("nested too deep"))
    } else {
        Ok(depth + 1)
    }
}

/// Writes tapes, for tests and fuzzing: what `pkg/src/tape.js` writes for
/// the same value.
#[derive(Debug, Default)]
pub struct TapeWriter {
    /// The words.
    pub words: Vec<u32>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl TapeWriter {
    fn text(&mut self, s: &str) {
        self.words.push(self.bytes.len() as u32);
        self.words.push(s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn name(&mut self, s: &str) {
        match KNOWN.iter().position(|k| *k == s) {
            Some(i) => self.words.push(i as u32),
            None => {
                self.words.push(TEXT_NAME);
                self.text(s);
            }
        }
    }

    /// Appends `value`.
    pub fn value(&mut self, value: &Json) {
        match value {
            Json::Null => self.words.push(NULL),
            Json::Bool(b) => self.words.push(if *b { TRUE } else { FALSE }),
            Json::Number(n) => {
                self.words.push(NUMBER);
                self.text(n);
            }
            Json::Str(s) if s.lone.is_empty() => {
                self.words.push(STRING);
                self.text(&s.text);
            }
            Json::Str(s) => {
                self.words.push(LONE_STRING);
                self.text(&s.text);
                self.words.push(s.lone.len() as u32);
                for (offset, unit) in &s.lone {
                    self.words.push(*offset);
                    self.words.push(u32::from(*unit));
                }
            }
            Json::Foreign(name) => {
                self.words.push(FOREIGN);
                self.name(name);
            }
            Json::Array(items) => {
                self.words.push(ARRAY);
                self.words.push(items.len() as u32);
                for item in items {
                    self.value(item);
                }
            }
            Json::Object(members) => {
                self.words.push(OBJECT);
                self.words.push(members.len() as u32);
                for (key, item) in members {
                    self.name(key);
                    self.value(item);
                }
            }
        }
    }

    /// Appends `text` as a [`JSON_TEXT`] with the raw unpaired surrogates
    /// `lone` (pairs of byte offset and unit; see [`crate::scan::LoneSurrogates`]).
    pub fn json_text(&mut self, text: &[u8], lone: &[u32]) {
        self.words.push(JSON_TEXT);
        self.words.push(self.bytes.len() as u32);
        self.words.push(text.len() as u32);
        self.bytes.extend_from_slice(text);
        self.words.push((lone.len() / 2) as u32);
        self.words.extend_from_slice(lone);
    }

    /// Appends [`ABSENT`].
    pub fn absent(&mut self) {
        self.words.push(ABSENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan;

    fn round_trip(value: &Json) {
        let mut w = TapeWriter::default();
        w.value(value);
        let mut tape = Tape::new(&w.words, &w.bytes);
        assert_eq!(&tape.present().expect("reads"), value);
        assert!(tape.is_done());
    }

    #[test]
    fn values_read_back_as_written() {
        let text = r#"{"fullName":"Zoë","email":"a@b.co","phone":null,"risk":{"isNewCustomer":true,"x":[1,-2.5e3,false,{}]},"unknown key":"✓"}"#;
        let value = scan::parse(text).unwrap();
        round_trip(&value);
        let mut w = TapeWriter::default();
        w.value(&value);
        // Known keys cross as an index, others as text.
        assert_eq!(
            w.words[2],
            KNOWN.iter().position(|k| *k == "fullName").unwrap() as u32
        );
        assert!(w.words.contains(&TEXT_NAME));
    }

    #[test]
    fn lone_surrogates_and_foreign_values_read_back() {
        let value = scan::parse(r#"{"fullName":"a\ud800b"}"#).unwrap();
        let mut w = TapeWriter::default();
        w.value(&value);
        let back = Tape::new(&w.words, &w.bytes).present().unwrap();
        assert_eq!(back, value);
        let foreign = Json::Foreign(Cow::Borrowed("Date"));
        let mut w = TapeWriter::default();
        w.value(&foreign);
        assert_eq!(Tape::new(&w.words, &w.bytes).present().unwrap(), foreign);
    }

    #[test]
    fn a_broken_tape_is_an_error() {
        let bad: [&[u32]; 8] = [
            &[],
            &[99],
            &[STRING, 0, 5],
            &[OBJECT, 1_000_000],
            &[ARRAY, 2, NULL],
            &[FOREIGN, 100_000],
            &[LONE_STRING, 0, 0, 1, 0, 0xD800],
            &[OBJECT, 1, TEXT_NAME, 0, u32::MAX, NULL],
        ];
        for words in bad {
            assert!(Tape::new(words, b"ab").present().is_err(), "{words:?}");
        }
        let deep: Vec<u32> = [ARRAY, 1].repeat(100).into_iter().chain([NULL]).collect();
        assert_eq!(
            Tape::new(&deep, b"").present(),
            Err(TapeError("nested too deep"))
        );
        assert_eq!(
            Tape::new(&[STRING, 0, 1], &[0xFF]).present(),
            Err(TapeError("text not UTF-8"))
        );
        assert_eq!(Tape::new(&[ABSENT], b"").value(), Ok(None));
    }

    #[test]
    fn json_text_reads_back_as_written() {
        let mut w = TapeWriter::default();
        w.value(&Json::Null);
        w.json_text(b"[\"\xEF\xBF\xBD\"]", &[2, 0xD800]);
        w.json_text(b"{}", &[]);
        w.absent();
        let mut tape = Tape::new(&w.words, &w.bytes);
        assert_eq!(tape.present(), Ok(Json::Null));
        let first = tape.json_text().unwrap().unwrap();
        assert_eq!(first.bytes, "[\"\u{FFFD}\"]".as_bytes());
        assert_eq!(first.lone, &[2, 0xD800]);
        let second = tape.json_text().unwrap().unwrap();
        assert_eq!((second.bytes, second.lone), (&b"{}"[..], &[][..]));
        assert!(matches!(tape.json_text(), Ok(None)));
        assert!(tape.is_done());
    }
}
