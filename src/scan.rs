//! JSON text read into the model of [`crate::json`]: a strict parser, and
//! the shaped scan of a batch, which keeps what the rules read and checks
//! and skips the rest, building nothing for it. Errors carry the same
//! reason and place either way.

use std::borrow::Cow;

use crate::json::{Json, JsonStr, KEPT_DEPTH, char_count};

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What the parser expected or found: the id of its phrase in
    /// [`crate::messages::ENGLISH`] (`json.unterminated`: "unterminated string").
    pub reason: &'static str,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column, in characters, of the problem.
    pub column: usize,
    /// Byte offset of the problem.
    pub offset: usize,
}

impl ParseError {
    /// "<reason> at line L, column C", in English.
    pub fn describe(&self) -> String {
        format!(
            "{} at line {}, column {}",
            crate::messages::english(self.reason),
            self.line,
            self.column
        )
    }
}

/// Parses strict JSON (RFC 8259), as `JSON.parse` accepts it.
pub fn parse(text: &str) -> Result<Json<'_>, ParseError> {
    Parser::new(text).parse_document()
}

/// Unpaired surrogates that a JavaScript string held raw (not as `\uD800`
/// escapes): the text given to Rust has U+FFFD in their place (a 3-byte
/// UTF-8 sequence, as long as a surrogate's own), and the table lists, for
/// each, the byte offset of that U+FFFD then the surrogate's code unit, in
/// increasing offset: `[offset, unit, offset, unit, ...]` (as the package
/// sends it, a `Uint32Array`).
pub type LoneSurrogates<'a> = &'a [u32];

/// [`parse`], for JSON text that held raw unpaired surrogates: they are read
/// exactly as their `\uD800` escapes would be (`JSON.parse` does the same).
pub fn parse_with_lone<'a>(
    text: &'a str,
    lone: LoneSurrogates<'a>,
) -> Result<Json<'a>, ParseError> {
    Parser::with_lone(text, lone)?.parse_document()
}

/// Pairs; each points at a U+FFFD of `text`, in increasing order, with a surrogate code unit.
fn lone_table_fits(text: &str, lone: LoneSurrogates) -> bool {
    let mut after = 0;
    lone.len() % 2 == 0
        && lone.chunks_exact(2).all(|pair| {
            let at = pair[0] as usize;
            let fits = at >= after
                && (0xD800..=0xDFFF).contains(&pair[1])
                && text.as_bytes().get(at..at + 3) == Some("\u{FFFD}".as_bytes());
            after = at + 3;
            fits
        })
}

/// What of a value is kept when it is parsed: the rest is checked (it must be
/// JSON) and skipped, building nothing. A batch item is read this way: its
/// `update` whole, its `current` as the keys the freeze rules read.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// The value, whole.
    Whole,
    /// Of an object, the members these keys name, each read by its shape;
    /// every other member is skipped. Anything else than an object is read whole.
    Object(&'static [(&'static str, Shape)]),
}

/// What [`for_each_item`] found at the root.
#[derive(Debug, Clone, PartialEq)]
pub enum Root<'a> {
    /// An array, with this many items (each handed over as it was parsed).
    Array(usize),
    /// Anything else, whole.
    Other(Json<'a>),
}

/// Parses strict JSON whose root should be an array, handing each item, read
/// by `shape`, to `each` as soon as it is parsed: no item outlives its call,
/// so a batch never becomes one tree. An error anywhere (even after many
/// items, even in a member the shape skips) is the result.
pub fn for_each_item<'a>(
    text: &'a str,
    lone: LoneSurrogates<'a>,
    shape: Shape,
    mut each: impl FnMut(usize, &Json<'a>),
) -> Result<Root<'a>, ParseError> {
    let mut p = Parser::with_lone(text, lone)?;
    let mut run = || -> Parsed<Root<'a>> {
        p.skip_ws();
        if p.peek() != Some(b'[') {
            let value = p.value(0)?;
            p.end()?;
            return Ok(Root::Other(value));
        }
        p.pos += 1;
        p.skip_ws();
        let mut count = 0;
        if p.peek() == Some(b']') {
            p.pos += 1;
        } else {
            loop {
                let item = p.shaped(1, shape)?;
                each(count, &item);
                p.recycle(item);
                count += 1;
                p.skip_ws();
                match p.peek() {
                    Some(b',') => p.pos += 1,
                    Some(b']') => {
                        p.pos += 1;
                        break;
                    }
                    _ => return Err(("json.array_separator", p.pos)),
                }
            }
        }
        p.end()?;
        Ok(Root::Array(count))
    };
    run().map_err(|(reason, offset)| locate(text, reason, offset))
}

/// The text of a string being read, one UTF-16 unit at a time where it
/// matters: a high and a low surrogate side by side, raw or escaped in any
/// mix, join into one character (as in a JavaScript string); any other
/// surrogate is unpaired, kept as U+FFFD in `out` and by value in `lone`.
struct Units {
    out: String,
    lone: Vec<(u32, u16)>,
    /// A high surrogate waiting for its low half.
    high: Option<u32>,
}

impl Units {
    fn mark(&mut self, unit: u32) {
        self.lone.push((self.out.len() as u32, unit as u16));
        self.out.push('\u{FFFD}');
    }

    fn flush(&mut self) {
        if let Some(high) = self.high.take() {
            self.mark(high);
        }
    }

    fn unit(&mut self, unit: u32) {
        match unit {
            0xD800..=0xDBFF => {
                self.flush();
                self.high = Some(unit);
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some(high) => {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                    self.out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                }
                None => self.mark(unit),
            },
            _ => self.char(char::from_u32(unit).unwrap_or('\u{FFFD}')),
        }
    }

    fn char(&mut self, c: char) {
        self.flush();
        self.out.push(c);
    }

    fn text(&mut self, text: &str) {
        self.flush();
        self.out.push_str(text);
    }

    fn finish(mut self) -> JsonStr<'static> {
        self.flush();
        JsonStr {
            text: Cow::Owned(self.out),
            lone: self.lone,
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Raw unpaired surrogates of the source (see [`LoneSurrogates`]).
    lone: LoneSurrogates<'a>,
    /// The first pair of `lone` not yet behind the parser (an index into `lone`, even).
    next_lone: usize,
    /// The member lists of objects read before (see [`Parser::recycle`]) and
    /// the open brackets of [`Parser::skip_container`]: a batch's items reuse
    /// them, so a valid item allocates nothing once the items before it made
    /// the room (but for the text of a string with an escape).
    objects: Vec<Members<'a>>,
    brackets: Vec<u8>,
}

/// An object's members, as [`Json::Object`] holds them.
type Members<'a> = Vec<(Cow<'a, str>, Json<'a>)>;

type Parsed<T> = Result<T, (&'static str, usize)>;

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            lone: &[],
            next_lone: 0,
            objects: Vec::new(),
            brackets: Vec::new(),
        }
    }

    /// Keeps the member lists of `value` (a value this parser built, no
    /// longer needed) for the objects it reads next, emptied, with their
    /// room. Recursion is bounded: a value is built at most [`KEPT_DEPTH`] deep.
    fn recycle(&mut self, value: Json<'a>) {
        if let Json::Object(mut members) = value {
            while let Some((_, member)) = members.pop() {
                self.recycle(member);
            }
            if members.capacity() > 0 {
                self.objects.push(members);
            }
        }
    }

    /// A parser of strict JSON with the raw unpaired surrogates of `lone`; a
    /// table that does not fit the text is refused.
    fn with_lone(text: &'a str, lone: LoneSurrogates<'a>) -> Result<Self, ParseError> {
        if !lone_table_fits(text, lone) {
            return Err(locate(text, "json.lone_table", 0));
        }
        let mut p = Parser::new(text);
        p.lone = lone;
        Ok(p)
    }

    /// The offset of the first raw unpaired surrogate at or after `from`
    /// (`usize::MAX` when none); entries before `from` are passed for good.
    fn lone_from(&mut self, from: usize) -> usize {
        while let Some(&at) = self.lone.get(self.next_lone) {
            if at as usize >= from {
                return at as usize;
            }
            self.next_lone += 2;
        }
        usize::MAX
    }

    fn parse_document(mut self) -> Result<Json<'a>, ParseError> {
        let result = self.value(0).and_then(|v| self.end().map(|()| v));
        result.map_err(|(reason, offset)| locate(self.text, reason, offset))
    }

    /// Only whitespace may follow the value.
    fn end(&mut self) -> Parsed<()> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            Err(("json.trailing", self.pos))
        } else {
            Ok(())
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect_literal(&mut self, word: &'static [u8]) -> Parsed<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(("json.character", self.pos))
        }
    }

    fn value(&mut self, depth: usize) -> Parsed<Json<'a>> {
        self.skip_ws();
        match self.peek() {
            None => Err(("json.end_value", self.pos)),
            Some(b'{') if depth >= KEPT_DEPTH => {
                self.skip_container().map(|_| Json::Object(Vec::new()))
            }
            Some(b'[') if depth >= KEPT_DEPTH => {
                self.skip_container().map(|_| Json::Array(Vec::new()))
            }
            Some(b'{') => self.object(depth, None),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.expect_literal(b"true").map(|_| Json::Bool(true)),
            Some(b'f') => self.expect_literal(b"false").map(|_| Json::Bool(false)),
            Some(b'n') => self.expect_literal(b"null").map(|_| Json::Null),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                self.number()?;
                Ok(Json::Number(Cow::Borrowed(&self.text[start..self.pos])))
            }
            Some(_) => Err(("json.character_value", self.pos)),
        }
    }

    /// An object (its `{` at `pos`): every member read whole, or, with
    /// `fields`, the members they name read by their shapes and the others
    /// checked and skipped (see [`Shape`]).
    fn object(
        &mut self,
        depth: usize,
        fields: Option<&'static [(&'static str, Shape)]>,
    ) -> Parsed<Json<'a>> {
        self.pos += 1;
        let mut members = self.objects.pop().unwrap_or_default();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(("json.key", self.pos));
            }
            let key = self.string()?.text;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(("json.colon", self.pos));
            }
            self.pos += 1;
            let shape = match fields {
                None => Some(Shape::Whole),
                Some(fields) => fields
                    .iter()
                    .find(|(name, _)| *name == key)
                    .map(|(_, shape)| *shape),
            };
            match shape {
                Some(shape) => {
                    let value = self.shaped(depth + 1, shape)?;
                    members.push((key, value));
                }
                None => self.skip_value()?,
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(("json.object_separator", self.pos)),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Parsed<Json<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(("json.array_separator", self.pos)),
            }
        }
    }

    /// A value read by `shape` (see [`Shape`]).
    fn shaped(&mut self, depth: usize, shape: Shape) -> Parsed<Json<'a>> {
        self.skip_ws();
        match shape {
            Shape::Object(fields) if self.peek() == Some(b'{') && depth < KEPT_DEPTH => {
                self.object(depth, Some(fields))
            }
            _ => self.value(depth),
        }
    }

    /// Checks one value as [`Parser::value`] would, keeping nothing of it.
    fn skip_value(&mut self) -> Parsed<()> {
        self.skip_ws();
        match self.peek() {
            None => Err(("json.end_value", self.pos)),
            Some(b'{' | b'[') => self.skip_container(),
            Some(b'"') => self.skip_string(),
            Some(b't') => self.expect_literal(b"true"),
            Some(b'f') => self.expect_literal(b"false"),
            Some(b'n') => self.expect_literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(("json.character_value", self.pos)),
        }
    }

    /// Checks a string (its opening quote at `pos`) as [`Parser::string`]
    /// would, with the same errors at the same places, keeping nothing of it.
    fn skip_string(&mut self) -> Parsed<()> {
        self.pos += 1;
        loop {
            self.pos = plain_run_end(self.bytes, self.pos);
            match self.peek() {
                None => return Err(("json.unterminated", self.pos)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            self.hex4()?;
                        }
                        _ => return Err(("json.escape", escape_at)),
                    }
                }
                Some(_) => return Err(("json.control", self.pos)),
            }
        }
    }

    /// Checks the syntax of a container without recursion (any depth), keeping
    /// nothing of it. The open brackets live on a heap stack of one byte each.
    /// Its errors are those [`Parser::value`] gives at the same place.
    fn skip_container(&mut self) -> Parsed<()> {
        #[derive(PartialEq)]
        enum Want {
            ValueOrClose,
            Value,
            KeyOrClose,
            Key,
            CommaOrClose,
        }
        let mut stack = std::mem::take(&mut self.brackets);
        stack.clear();
        let mut want = Want::Value;
        loop {
            self.skip_ws();
            let Some(b) = self.peek() else {
                let reason = match want {
                    Want::Value | Want::ValueOrClose => "json.end_value",
                    Want::Key | Want::KeyOrClose => "json.key",
                    Want::CommaOrClose if stack.last() == Some(&b'}') => "json.object_separator",
                    Want::CommaOrClose => "json.array_separator",
                };
                return Err((reason, self.pos));
            };
            match want {
                Want::Value | Want::ValueOrClose => {
                    if want == Want::ValueOrClose && b == b']' {
                        self.pos += 1;
                        stack.pop();
                    } else if b == b'{' {
                        self.pos += 1;
                        stack.push(b'}');
                        want = Want::KeyOrClose;
                        continue;
                    } else if b == b'[' {
                        self.pos += 1;
                        stack.push(b']');
                        want = Want::ValueOrClose;
                        continue;
                    } else {
                        match b {
                            b'"' => self.skip_string()?,
                            b't' => self.expect_literal(b"true")?,
                            b'f' => self.expect_literal(b"false")?,
                            b'n' => self.expect_literal(b"null")?,
                            b'-' | b'0'..=b'9' => self.number()?,
                            _ => return Err(("json.character_value", self.pos)),
                        }
                    }
                }
                Want::Key | Want::KeyOrClose => {
                    if want == Want::KeyOrClose && b == b'}' {
                        self.pos += 1;
                        stack.pop();
                    } else if b == b'"' {
                        self.skip_string()?;
                        self.skip_ws();
                        if self.peek() != Some(b':') {
                            return Err(("json.colon", self.pos));
                        }
                        self.pos += 1;
                        want = Want::Value;
                        continue;
                    } else {
                        return Err(("json.key", self.pos));
                    }
                }
                Want::CommaOrClose => {
                    let close = *stack.last().unwrap_or(&0);
                    if b == b',' {
                        self.pos += 1;
                        want = if close == b'}' {
                            Want::Key
                        } else {
                            Want::Value
                        };
                        continue;
                    } else if b == close {
                        self.pos += 1;
                        stack.pop();
                    } else if close == b'}' {
                        return Err(("json.object_separator", self.pos));
                    } else {
                        return Err(("json.array_separator", self.pos));
                    }
                }
            }
            if stack.is_empty() {
                self.brackets = stack;
                return Ok(());
            }
            want = Want::CommaOrClose;
        }
    }

    fn number(&mut self) -> Parsed<()> {
        let digits = |p: &mut Self| {
            let start = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos > start
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(("json.number", self.pos)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(("json.fraction", self.pos));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(("json.exponent", self.pos));
            }
        }
        Ok(())
    }

    fn string(&mut self) -> Parsed<JsonStr<'a>> {
        self.pos += 1;
        let start = self.pos;
        let mut lone_at = self.lone_from(start);
        // Fast path: no escape, no raw unpaired surrogate: borrow the text.
        let end = plain_run_end(self.bytes, self.pos);
        if lone_at < end {
            self.pos = lone_at;
        } else {
            self.pos = end;
            match self.peek() {
                None => return Err(("json.unterminated", self.pos)),
                Some(b'"') => {
                    let text = &self.text[start..self.pos];
                    self.pos += 1;
                    return Ok(JsonStr::new(text));
                }
                // An escape, or a raw surrogate: the slow path below.
                Some(_) if self.pos == lone_at => {}
                Some(b'\\') => {}
                Some(_) => return Err(("json.control", self.pos)),
            }
        }
        let mut units = Units {
            out: String::from(&self.text[start..self.pos]),
            lone: Vec::new(),
            high: None,
        };
        loop {
            match self.peek() {
                None => return Err(("json.unterminated", self.pos)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(units.finish());
                }
                Some(_) if self.pos == lone_at => {
                    // A raw surrogate: its U+FFFD stand-in is 3 bytes.
                    let unit = self.lone.get(self.next_lone + 1).copied().unwrap_or(0xFFFD);
                    units.unit(unit);
                    self.pos += 3;
                    lone_at = self.lone_from(self.pos);
                }
                Some(b'\\') => {
                    let escape_at = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let unit = self.hex4()?;
                            units.unit(unit);
                            continue;
                        }
                        _ => return Err(("json.escape", escape_at)),
                    };
                    self.pos += 1;
                    units.char(c);
                }
                Some(0..=0x1f) => return Err(("json.control", self.pos)),
                Some(_) => {
                    // Copy a run of plain bytes at once (always whole UTF-8 sequences).
                    let run_start = self.pos;
                    self.pos = plain_run_end(self.bytes, self.pos).min(lone_at.max(self.pos));
                    units.text(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    fn hex4(&mut self) -> Parsed<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(("json.hex", self.pos)),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }
}

/// The first index at or after `at` of a byte that ends a plain run in a
/// string: `"`, `\\` or a control byte (below 0x20); `bytes.len()` when none.
/// Eight bytes at a time (SWAR): a byte equal to `"` or `\\` is a zero byte of
/// the word XOR that byte repeated; a byte below 0x20 has its high bit set in
/// `w - 0x20..20` and clear in `w`. The lowest flagged byte is exact.
fn plain_run_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let found = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return at;
        }
        at += 1;
    }
    at
}

/// The error for bytes that are not UTF-8 (a caller's `Uint8Array`): at the
/// first byte that is not, located in the valid text before it.
pub fn utf8_error(bytes: &[u8], valid_up_to: usize) -> ParseError {
    let valid = bytes.get(..valid_up_to).unwrap_or(&[]);
    let text = std::str::from_utf8(valid).unwrap_or("");
    locate(text, "json.utf8", text.len())
}

/// Turns a byte offset into a line and a column (both 1-based, column in characters).
fn locate(text: &str, reason: &'static str, offset: usize) -> ParseError {
    let offset = offset.min(text.len());
    // An offset may land inside a multi-byte character only at end of input; back off.
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = char_count(&before[line_start..]) + 1;
    ParseError {
        reason,
        line,
        column,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_borrows() {
        let v = parse(r#" {"a": [1, -2.5e3, true, null], "b": "x"} "#).unwrap();
        assert_eq!(
            v.get("b").and_then(Json::as_str).map(|s| s.text.as_ref()),
            Some("x")
        );
        assert!(matches!(
            v.get("b"),
            Some(Json::Str(JsonStr {
                text: Cow::Borrowed(_),
                ..
            }))
        ));
    }

    #[test]
    fn unpaired_surrogates_are_kept_as_ill_formed() {
        for text in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""a\ud800b""#,
            r#""\ud800\u0041""#,
        ] {
            let Json::Str(s) = parse(text).unwrap() else {
                panic!()
            };
            assert!(s.ill_formed(), "{text}");
        }
        let Json::Str(s) = parse(r#""\ud83d\ude00""#).unwrap() else {
            panic!()
        };
        assert_eq!((s.text.as_ref(), s.ill_formed()), ("😀", false));
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 7));
        assert_eq!(e.reason, "json.colon");
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "\"a\nb\"",
            "nul",
            "{} x",
            "\u{feff}{}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_checked_without_recursion() {
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert_eq!(
            parse(&deep).unwrap(),
            Json::Array(vec![Json::Array(vec![Json::Array(vec![Json::Array(
                vec![Json::Array(vec![Json::Array(vec![Json::Array(vec![])])])]
            )])])])
        );
        let unbalanced = format!("{}{}", "[".repeat(200_000), "]".repeat(199_999));
        assert!(parse(&unbalanced).is_err());
        let deep_obj = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
        assert!(parse(&deep_obj).is_ok());
        assert!(parse(&format!("{}1{}", "{\"a\":".repeat(10), "]".repeat(10))).is_err());
    }

    #[test]
    fn items_are_handed_over_one_by_one() {
        let mut seen = Vec::new();
        let root = for_each_item(" [1, {\"a\": [2]}, \"x\"] ", &[], Shape::Whole, |i, v| {
            seen.push((i, v.type_name().to_owned()))
        });
        assert_eq!(root, Ok(Root::Array(3)));
        assert_eq!(
            seen,
            [
                (0, "number".into()),
                (1, "object".into()),
                (2, "string".into())
            ]
        );
        assert_eq!(
            for_each_item("[]", &[], Shape::Whole, |_, _| panic!("no item")),
            Ok(Root::Array(0))
        );
        assert_eq!(
            for_each_item("{}", &[], Shape::Whole, |_, _| panic!("no item")),
            Ok(Root::Other(Json::Object(vec![])))
        );
        for bad in ["[1,]", "[1 2]", "[1] x", "[", "", "[1,{]"] {
            assert!(
                for_each_item(bad, &[], Shape::Whole, |_, _| {}).is_err(),
                "{bad:?}"
            );
        }
        let e = for_each_item("[1,\n 2,\n x]", &[], Shape::Whole, |_, _| {}).unwrap_err();
        assert_eq!((e.line, e.column), (3, 2));
    }

    #[test]
    fn plain_runs_end_at_quotes_backslashes_and_control_bytes() {
        for text in [
            "",
            "abc",
            "abcdefgh",
            "abcdefghi\"",
            "0123456\\x",
            "\u{1f}",
            "ab\tcd",
            "ünïcødé ünïcødé\"",
            "aaaaaaaaaaaaaaaaaaaaaaa\u{0}",
            "\u{7f}\u{80}\u{ff}\"",
        ] {
            let bytes = text.as_bytes();
            for at in 0..=bytes.len() {
                let want = (at..bytes.len())
                    .find(|&i| matches!(bytes[i], b'"' | b'\\' | 0..=0x1f))
                    .unwrap_or(bytes.len());
                assert_eq!(plain_run_end(bytes, at), want, "{text:?} from {at}");
            }
        }
    }

    /// A batch read by the item shape fails exactly where and why the whole
    /// parse fails, on every prefix and every one-byte change of a batch.

    #[test]
    fn skipping_fails_as_parsing_does() {
        const ITEM: Shape = Shape::Object(&[
            ("update", Shape::Whole),
            ("current", Shape::Object(&[("kyc_status", Shape::Whole)])),
        ]);
        let batch = r#"[{"update":{"fullName":"A\u00e9"},"current":{"kyc_status":"VERIFIED","aml":{"flags":[1,2.5e3,true,null,"x\n"]},"id":"z"},"id":7},
 {"id":[{}],"update":{}}, 5 ]"#;
        let errors = |text: &str| {
            (
                for_each_item(text, &[], Shape::Whole, |_, _| {}).err(),
                for_each_item(text, &[], ITEM, |_, _| {}).err(),
            )
        };
        let (whole, shaped) = errors(batch);
        assert!(whole.is_none() && shaped.is_none());
        let mut texts: Vec<String> = (0..batch.len())
            .filter(|&i| batch.is_char_boundary(i))
            .map(|i| batch[..i].to_owned())
            .collect();
        for (i, _) in batch.char_indices() {
            for b in [
                "", "x", "\"", "\\", "{", "}", "[", "]", ",", ":", "\u{1}", "1", "-",
            ] {
                let mut t = batch.to_owned();
                t.replace_range(
                    i..i + batch[i..].chars().next().map_or(0, char::len_utf8),
                    b,
                );
                texts.push(t);
            }
        }
        let mut failing = 0;
        for text in &texts {
            let (whole, shaped) = errors(text);
            assert_eq!(whole, shaped, "{text}");
            failing += usize::from(whole.is_some());
        }
        assert!(failing > texts.len() / 2, "{failing} of {}", texts.len());
    }

    #[test]
    fn a_bang_is_not_json() {
        assert!(parse(r#"{"a":!"function"}"#).is_err());
    }
}
