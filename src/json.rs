//! The JSON model the rules read. JSON text is read into it by
//! [`crate::scan`]; a JavaScript value, by the tape ([`crate::tape`]).
//!
//! The rules do not read `serde_json::Value` directly: they must also see what
//! `serde_json` cannot hold (a string with an unpaired UTF-16 surrogate, and,
//! from JavaScript, a function, a `BigInt` or a class instance), and the
//! JSON-text entry points must parse in one pass with borrowed strings. Both
//! paths (text and value) end in this one model, so they cannot disagree.

use std::borrow::Cow;

/// Containers nested deeper than this are checked for syntax but kept empty:
/// no rule reads below depth 5 (a batch item's `current.aml.flags.pep`), and
/// the parser never recurses past it, whatever the input's depth.
pub const KEPT_DEPTH: usize = 6;

/// A parsed JSON value (plus the few non-JSON things JavaScript can hand over).
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its source text (no rule reads its value).
    Number(Cow<'a, str>),
    /// A string.
    Str(JsonStr<'a>),
    /// An array (empty when nested deeper than [`KEPT_DEPTH`]).
    Array(Vec<Json<'a>>),
    /// An object, members in input order; a repeated key is kept twice and the
    /// last one wins, as in `JSON.parse`.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
    /// A JavaScript value JSON cannot carry; the text names what it was
    /// (`"function"`, `"bigint"`, `"Date"`, ...). Only the package's own
    /// tape of JavaScript values ([`crate::tape`]) produces it.
    Foreign(Cow<'a, str>),
}

/// A string, with the unpaired UTF-16 surrogates its source held (each one
/// stands as U+FFFD in `text`, and is kept in `lone` so that two strings that
/// differ only there still differ).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonStr<'a> {
    /// The text, with U+FFFD for each unpaired surrogate.
    pub text: Cow<'a, str>,
    /// Each unpaired surrogate: the byte offset of its U+FFFD in `text`, and its code unit.
    pub lone: Vec<(u32, u16)>,
}

impl<'a> JsonStr<'a> {
    /// A well-formed string.
    pub fn new(text: impl Into<Cow<'a, str>>) -> Self {
        JsonStr {
            text: text.into(),
            lone: Vec::new(),
        }
    }

    /// True when the source held an unpaired surrogate: it cannot be sent as valid Unicode.
    pub fn ill_formed(&self) -> bool {
        !self.lone.is_empty()
    }

    /// The same string, owning its text.
    pub fn into_owned(self) -> JsonStr<'static> {
        JsonStr {
            text: Cow::Owned(self.text.into_owned()),
            lone: self.lone,
        }
    }
}

impl<'a> Json<'a> {
    /// The type name used in `invalid_type` issues (`received`).
    pub fn type_name(&self) -> &str {
        match self {
            Json::Foreign(name) => name,
            json => json.json_type(),
        }
    }

    /// [`Json::type_name`] for an issue's params: borrowed, but for a
    /// foreign value's own name.
    pub fn type_param(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Json::Foreign(name) => name.to_string().into(),
            json => json.json_type().into(),
        }
    }

    /// The name of the value's JSON type. The two above name a foreign value
    /// by what it is and never ask this of one (JSON would write it as an
    /// object, or not at all).
    fn json_type(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(_) => "number",
            Json::Str(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) | Json::Foreign(_) => "object",
        }
    }

    /// True when a value JSON cannot carry (a [`Json::Foreign`]) is anywhere
    /// in `self`: such a value cannot be sent as given. Recursive: a value is
    /// at most [`crate::tape`]'s or the parser's nesting deep.
    pub fn holds_foreign(&self) -> bool {
        match self {
            Json::Foreign(_) => true,
            Json::Array(items) => items.iter().any(Json::holds_foreign),
            Json::Object(members) => members.iter().any(|(_, v)| v.holds_foreign()),
            _ => false,
        }
    }

    /// The value of `key` in an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(k, _)| same_key(k, key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The values of `keys` in an object (the last of each when repeated), in
    /// one pass over its members, and whether it holds any other key (see
    /// [`Json::other_members`]). `N` times [`Json::get`] in one.
    #[inline]
    pub fn pick<const N: usize>(&self, keys: &[&str; N]) -> ([Option<&Json<'a>>; N], bool) {
        let mut found = [None; N];
        let others = self.pick_into(keys, &mut found);
        (found, others)
    }

    /// [`Json::pick`] into `found` (as long as `keys`): one body for every `N`.
    fn pick_into<'s>(&'s self, keys: &[&str], found: &mut [Option<&'s Json<'a>>]) -> bool {
        let mut others = false;
        if let Json::Object(members) = self {
            for (k, v) in members {
                match keys.iter().position(|key| same_key(k, key)) {
                    Some(i) => found[i] = Some(v),
                    None => others = true,
                }
            }
        }
        others
    }

    /// The members of an object, one per key (the last when repeated), sorted
    /// by key in code point order. Empty for anything else.
    pub fn members_sorted(&self) -> Vec<(&str, &Json<'a>)> {
        let Json::Object(members) = self else {
            return Vec::new();
        };
        let mut sorted: Vec<(usize, &str, &Json<'a>)> = members
            .iter()
            .enumerate()
            .map(|(i, (k, v))| (i, k.as_ref(), v))
            .collect();
        // By key, then latest first, so that `dedup` keeps the last occurrence.
        // A total order (no two members share an index), so any sort gives
        // the same result (see `merge_sort`).
        merge_sort(&mut sorted, |a, b| (a.1, b.0) < (b.1, a.0));
        sorted.dedup_by(|later, earlier| later.1 == earlier.1);
        sorted.into_iter().map(|(_, k, v)| (k, v)).collect()
    }

    /// The members whose key is not in `known`, as [`Json::members_sorted`]
    /// gives them; no allocation when every key is known (the common case).
    pub fn other_members(&self, known: &[&str]) -> Vec<(&str, &Json<'a>)> {
        match self {
            Json::Object(members)
                if members
                    .iter()
                    .any(|(k, _)| !known.iter().any(|known| same_key(k, known))) =>
            {
                self.members_sorted()
                    .into_iter()
                    .filter(|(k, _)| !known.contains(k))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// This value as a string, when it is one.
    pub fn as_str(&self) -> Option<&JsonStr<'a>> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// `a == b`, settled without a call to `memcmp` when the two are the very
/// same text (a key read from the tape is the crate's own string) or differ
/// in length or first byte (most keys compared with a wrong one): the rules
/// compare a few dozen keys per call.
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    x.len() == y.len()
        && (std::ptr::eq(x.as_ptr(), y.as_ptr()) || (x.first() == y.first() && x == y))
}

impl From<&serde_json::Value> for Json<'static> {
    fn from(value: &serde_json::Value) -> Self {
        from_value(value, 0)
    }
}

fn from_value(value: &serde_json::Value, depth: usize) -> Json<'static> {
    use serde_json::Value;
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(Cow::Owned(n.to_string())),
        Value::String(s) => Json::Str(JsonStr::new(s.clone())),
        Value::Array(items) if depth < KEPT_DEPTH => {
            Json::Array(items.iter().map(|v| from_value(v, depth + 1)).collect())
        }
        Value::Object(map) if depth < KEPT_DEPTH => Json::Object(
            map.iter()
                .map(|(k, v)| (Cow::Owned(k.clone()), from_value(v, depth + 1)))
                .collect(),
        ),
        Value::Array(_) => Json::Array(Vec::new()),
        Value::Object(_) => Json::Object(Vec::new()),
    }
}

/// Appends `value` as compact JSON (an unpaired surrogate is written as U+FFFD;
/// a foreign value as `null`, as no valid body holds either).
pub fn write_json(value: &Json, out: &mut String) {
    match value {
        Json::Null | Json::Foreign(_) => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(n),
        Json::Str(s) => crate::issue::write_str(&s.text, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Json::Object(_) => {
            out.push('{');
            for (i, (key, item)) in value.members_sorted().into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                crate::issue::write_str(key, out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
    }
}

/// The characters of `s`: its bytes that start one (not a UTF-8
/// continuation byte). The same as `s.chars().count()` in a tenth of its
/// wasm (std's version is unrolled for speed, 1 KB), eight bytes at a time:
/// a continuation byte (`0b10xx_xxxx`) has bit 7 set and bit 6 clear, and
/// `w << 1` brings each byte's bit 6 to its bit 7 (a 5,000-character name
/// was counted in 5.4 us, a byte at a time).
pub fn char_count(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        n += 8 - (w & !(w << 1) & HIGH).count_ones() as usize;
        i += 8;
    }
    while let Some(&byte) = b.get(i) {
        n += usize::from(byte & 0xC0 != 0x80);
        i += 1;
    }
    n
}

/// Sorts `v` by `less` (a strict total order), in O(n log n): a bottom-up
/// merge sort through one buffer, runs read and written in order (a million
/// unknown keys sort in about the time std's sort takes, in a few hundred
/// bytes of wasm instead of its 4 KB).
fn merge_sort<T: Copy>(v: &mut Vec<T>, less: impl Fn(&T, &T) -> bool) {
    let n = v.len();
    let mut src = std::mem::take(v);
    let mut dst: Vec<T> = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        dst.clear();
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            // Two runs already in order (common: keys added in order) are copied as they are.
            if mid < end && !less(&src[mid], &src[mid - 1]) {
                i = mid;
                j = end;
                dst.extend_from_slice(&src[start..end]);
            }
            while i < mid && j < end {
                if less(&src[j], &src[i]) {
                    dst.push(src[j]);
                    j += 1;
                } else {
                    dst.push(src[i]);
                    i += 1;
                }
            }
            dst.extend_from_slice(&src[i..mid]);
            dst.extend_from_slice(&src[j..end]);
            start = end;
        }
        std::mem::swap(&mut src, &mut dst);
        width *= 2;
    }
    *v = src;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_count_is_chars_count() {
        let pieces = [
            "a",
            "é",
            "中",
            "😀",
            "\u{7f}",
            "\u{80}",
            "\u{7ff}",
            "\u{800}",
            "\u{ffff}",
            "\u{10000}",
        ];
        let mut seed = 0x2545_f491_u32;
        for _ in 0..3_000 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                s.push_str(pieces[seed as usize % pieces.len()]);
            }
            seed = seed.wrapping_add(0x9e37_79b9);
            // Every suffix that starts a character: each offset within the eight-byte words.
            for (at, _) in s.char_indices() {
                assert_eq!(
                    char_count(&s[at..]),
                    s[at..].chars().count(),
                    "{:?}",
                    &s[at..]
                );
            }
        }
        assert_eq!(char_count(""), 0);
    }

    // Values made here, not parsed: the parser (`crate::scan`) reads into
    // this model, and the model's tests do not read back through it.
    fn num(text: &'static str) -> Json<'static> {
        Json::Number(Cow::Borrowed(text))
    }

    fn object(members: Vec<(&'static str, Json<'static>)>) -> Json<'static> {
        Json::Object(
            members
                .into_iter()
                .map(|(k, v)| (Cow::Borrowed(k), v))
                .collect(),
        )
    }

    #[test]
    fn same_key_is_string_equality() {
        let owned = String::from("phone");
        for (a, b) in [
            ("phone", "phone"),
            (owned.as_str(), "phone"),
            ("phone", "email"),
            ("phone", "phon"),
            ("", ""),
            ("", "a"),
            ("ab", "ac"),
            ("é", "è"),
        ] {
            assert_eq!(same_key(a, b), a == b, "{a:?} {b:?}");
        }
    }

    #[test]
    fn pick_is_get_for_each_key() {
        let keys = ["a", "b", "c"];
        for v in [
            object(vec![]),
            object(vec![("a", num("1"))]),
            object(vec![("c", num("1")), ("a", num("2")), ("c", num("3"))]),
            object(vec![("x", num("1")), ("b", num("2"))]),
            object(vec![
                ("b", num("1")),
                ("b", num("2")),
                ("z", num("3")),
                ("a", num("4")),
            ]),
            Json::Array(vec![num("1")]),
            Json::Str(JsonStr::new("a")),
        ] {
            let (found, others) = v.pick(&keys);
            for (key, got) in keys.iter().zip(found) {
                assert_eq!(got, v.get(key), "{v:?} {key}");
            }
            assert_eq!(others, !v.other_members(&keys).is_empty(), "{v:?}");
        }
    }

    #[test]
    fn merge_sort_sorts() {
        let mut seed = 7u32;
        for n in 0..200 {
            let mut v: Vec<u32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed >> 16
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            // As drawn, already sorted, reversed, and in sorted runs of 7.
            let mut runs = v.clone();
            for chunk in runs.chunks_mut(7) {
                chunk.sort_unstable();
            }
            let mut reversed = want.clone();
            reversed.reverse();
            for mut input in [v.clone(), want.clone(), reversed, runs] {
                merge_sort(&mut input, |a, b| a < b);
                assert_eq!(input, want);
            }
            merge_sort(&mut v, |a, b| a < b);
            assert_eq!(v, want);
        }
    }

    #[test]
    fn members_sorted_keeps_the_last_duplicate() {
        let v = object(vec![
            ("b", num("1")),
            ("a", Json::Bool(true)),
            ("b", Json::Str(JsonStr::new("x"))),
        ]);
        let m = v.members_sorted();
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].0, m[0].1.type_name()), ("a", "boolean"));
        assert_eq!((m[1].0, m[1].1.type_name()), ("b", "string"));
    }
}
