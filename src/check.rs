//! Small pieces every rule uses: issue builders for types, lengths and strings,
//! and the near-miss finder for unknown keys.

use crate::issue::{Code, Issue, Key, Param};
use crate::json::{Json, JsonStr, char_count};
use crate::messages::{self, Arg, Msg};

/// The most object members plus array items the JavaScript package reads
/// from one value; a larger value is refused whole, as the foreign kind
/// `"too large"` (never cut: a cut would drop keys without a word).
pub const MAX_VALUE_ENTRIES: u64 = 10_000_000;

/// `10000000` → `"10,000,000"`.
#[cfg(test)]
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The most issues one validation lists; past it they are counted, and one
/// more issue says how many were left out (see [`Sink::finish`]).
pub const MAX_ISSUES: usize = 100;

/// Collects issues and warnings during one validation.
#[derive(Debug, Default)]
pub struct Sink {
    /// Problems, at most [`MAX_ISSUES`].
    pub issues: Vec<Issue>,
    /// Warnings.
    pub warnings: Vec<Issue>,
    /// Problems found past [`MAX_ISSUES`], and the code of the first of them.
    omitted: Option<(Code, u64)>,
}

impl Sink {
    /// Adds a problem (only counts it once [`MAX_ISSUES`] are listed).
    pub fn issue(&mut self, issue: Issue) {
        if self.is_full() {
            self.omit(issue.code, 1);
        } else {
            self.issues.push(issue);
        }
    }

    /// True when no more problems are listed: callers count them with
    /// [`Sink::omit`] instead of building them (a million unknown keys cost
    /// a count, not a million suggestions).
    pub fn is_full(&self) -> bool {
        self.issues.len() >= MAX_ISSUES
    }

    /// Counts `count` problems of `code` that are not listed.
    pub fn omit(&mut self, code: Code, count: u64) {
        let (first, n) = self.omitted.get_or_insert((code, 0));
        *first = if *n == 0 { code } else { *first };
        *n += count;
    }

    /// Adds a warning.
    pub fn warn(&mut self, issue: Issue) {
        self.warnings.push(issue);
    }

    /// The report. When problems were left out, one more issue follows the
    /// listed ones: at `[]`, with the code of the first one left out, and
    /// `params.omitted`, their number.
    pub fn finish(self) -> crate::Report {
        self.finish_listing(MAX_ISSUES as u64)
    }

    /// [`Sink::finish`] for a list of `listed` problems (a batch's).
    pub fn finish_listing(mut self, listed: u64) -> crate::Report {
        if let Some((code, omitted)) = self.omitted.filter(|(_, n)| *n > 0) {
            let msg = Msg::new("issues.omitted")
                .arg("omitted", Arg::Int(omitted))
                .arg("max", Arg::Int(listed));
            self.issues.push(
                Issue::new(Vec::new(), code, msg).with(vec![("omitted", Param::Int(omitted))]),
            );
        }
        crate::Report::new(self.issues, self.warnings)
    }
}

/// A path from static keys.
#[inline(never)]
pub fn path(keys: &[&'static str]) -> Vec<Key> {
    keys.iter().map(|k| Key::Borrowed(k)).collect()
}

/// `invalid_type`: `label` must be `expected` (the id of a phrase such as
/// `expected.string`), with `expected_name` ("string") in the params.
pub fn wrong_type(
    path: Vec<Key>,
    label: Arg,
    expected: &'static str,
    expected_name: &'static str,
    got: &Json,
) -> Issue {
    let received = got.type_name();
    let msg = Msg::new(if received == "null" {
        "type.null"
    } else {
        "type.wrong"
    })
    .arg("label", label)
    .arg("expected", Arg::Phrase(expected))
    .arg("received", messages::received(received));
    Issue::new(path, Code::InvalidType, msg).with(vec![
        ("expected", Param::Str(expected_name.into())),
        ("received", Param::Str(got.type_param())),
    ])
}

/// `invalid_type` for a required key that is absent.
pub fn missing(path: Vec<Key>, label: Arg, expected_name: &'static str) -> Issue {
    Issue::new(
        path,
        Code::InvalidType,
        Msg::new("required").arg("label", label),
    )
    .with(vec![
        ("expected", Param::Str(expected_name.into())),
        ("received", Param::Str("undefined".into())),
    ])
}

/// `invalid_string`: the string held an unpaired UTF-16 surrogate.
pub fn ill_formed(path: Vec<Key>, label: Arg) -> Issue {
    Issue::new(
        path,
        Code::InvalidString,
        Msg::new("string.ill_formed").arg("label", label),
    )
}

/// Length in Unicode scalar values, as JSON Schema counts (an unpaired surrogate counts once).
pub fn char_len(s: &JsonStr) -> usize {
    char_count(&s.text)
}

/// `invalid_string` when `s` held an unpaired surrogate, then the length bounds.
pub fn check_string(
    sink: &mut Sink,
    path: &[&'static str],
    label: &'static str,
    s: &JsonStr,
    min: usize,
    max: usize,
) {
    if s.ill_formed() {
        sink.issue(ill_formed(crate::check::path(path), Arg::Phrase(label)));
    }
    // A UTF-8 string of n bytes holds between n/4 and n characters: most
    // strings are settled without counting.
    let bytes = s.text.len();
    if bytes <= max && bytes.div_ceil(4) >= min {
        return;
    }
    let actual = char_len(s);
    if actual < min {
        sink.issue(too_short(
            crate::check::path(path),
            Arg::Phrase(label),
            min,
            actual,
        ));
    } else if actual > max {
        sink.issue(too_long(
            crate::check::path(path),
            Arg::Phrase(label),
            max,
            actual,
        ));
    }
}

/// `too_short`, with `{ min, actual }`.
pub fn too_short(path: Vec<Key>, label: Arg, min: usize, actual: usize) -> Issue {
    let msg = if min == 1 {
        Msg::new("length.empty").arg("label", label)
    } else {
        Msg::new("length.min")
            .arg("label", label)
            .arg("min", Arg::Int(min as u64))
    };
    Issue::new(path, Code::TooShort, msg).with(vec![
        ("min", Param::Int(min as u64)),
        ("actual", Param::Int(actual as u64)),
    ])
}

/// `too_long`, with `{ max, actual }`.
pub fn too_long(path: Vec<Key>, label: Arg, max: usize, actual: usize) -> Issue {
    let msg = Msg::new("length.max")
        .arg("label", label)
        .arg("max", Arg::Int(max as u64))
        .arg("actual", Arg::Int(actual as u64));
    Issue::new(path, Code::TooLong, msg).with(vec![
        ("max", Param::Int(max as u64)),
        ("actual", Param::Int(actual as u64)),
    ])
}

/// A key as a message shows it (the path keeps it whole): at most 40
/// characters, then `…`, each character a sentence cannot show as it is
/// written as its `\uXXXX` escape: a control character (a line break, a
/// NUL), a line or paragraph separator, a bidirectional control (which
/// would reorder the sentence around the key).
pub fn short_key(key: &str) -> String {
    const MAX: usize = 40;
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::new();
    for (n, c) in key.chars().enumerate() {
        if n == MAX {
            out.push('…');
            break;
        }
        if unshowable(c) {
            // Every such character is in the Basic Multilingual Plane: four hex digits.
            let unit = c as u32;
            out.push_str("\\u");
            let mut shift = 16;
            while shift > 0 {
                shift -= 4;
                out.push(char::from(HEX[((unit >> shift) & 0xF) as usize]));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A character a message does not show as it is (see [`short_key`]).
fn unshowable(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{61C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Lower case, without `_`, `-`, `.` and spaces: `Full_Name` and `full-name` → `fullname`.
pub fn normalize_key(key: &str) -> String {
    normalized(key).collect()
}

/// The characters [`normalize_key`] keeps of `key`, one by one: the
/// comparisons below read them without building a string (an unknown key is
/// compared with every immutable field, alias and candidate).
fn normalized(key: &str) -> impl Iterator<Item = char> + '_ {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
        .map(|c| c.to_ascii_lowercase())
}

/// True when `a` and `b` are the same once normalized: `normalize_key(a) == normalize_key(b)`.
pub fn same_normalized(a: &str, b: &str) -> bool {
    normalized(a).eq(normalized(b))
}

/// The longest key [`near_miss`] looks at, in bytes: a longer one is no near miss.
const NEAR_MISS_MAX: usize = 64;

/// The candidate `key` most likely meant: the same letters in another case or
/// separator style, a known alias, or at most two edits away.
pub fn near_miss<'c>(key: &str, candidates: &[(&'c str, &[&str])]) -> Option<&'c str> {
    if key.len() > NEAR_MISS_MAX {
        return None;
    }
    for (name, aliases) in candidates {
        if same_normalized(name, key)
            || aliases
                .iter()
                .any(|alias| normalized(key).eq(alias.chars()))
        {
            return Some(name);
        }
    }
    // The normalized key, on the stack: at most one char per byte of `key`.
    let mut norm = ['\0'; NEAR_MISS_MAX];
    let (chars, bytes) = fill(&mut norm, key);
    if bytes < 4 {
        return None;
    }
    let mut other = ['\0'; NEAR_MISS_MAX];
    candidates
        .iter()
        .filter_map(|(name, _)| {
            if name.len() > NEAR_MISS_MAX {
                return None;
            }
            let (n, _) = fill(&mut other, name);
            // The distance is at least the difference of the lengths: a
            // candidate more than two chars longer or shorter is not looked at.
            if n.abs_diff(chars) > 2 {
                return None;
            }
            Some((edit_distance(&norm[..chars], &other[..n]), *name))
        })
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Writes the normalized chars of `key` (at most `out.len()` bytes long) into
/// `out`: how many chars, and how many bytes they take as UTF-8.
fn fill(out: &mut [char; NEAR_MISS_MAX], key: &str) -> (usize, usize) {
    let mut n = 0;
    let mut bytes = 0;
    for (slot, c) in out.iter_mut().zip(normalized(key)) {
        *slot = c;
        n += 1;
        bytes += c.len_utf8();
    }
    (n, bytes)
}

/// Levenshtein distance with adjacent transpositions counted as one edit, of
/// texts of at most [`NEAR_MISS_MAX`] chars: three rows on the stack, taken
/// in turn (row `i` is `rows[i % 3]`).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    const ROW: usize = NEAR_MISS_MAX + 1;
    let mut rows = [[0u8; ROW]; 3];
    let b = &b[..b.len().min(NEAR_MISS_MAX)];
    let a = &a[..a.len().min(NEAR_MISS_MAX)];
    for (j, slot) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *slot = j as u8;
    }
    for i in 1..=a.len() {
        let [cur, prev, prev2] = rows_at(&mut rows, i);
        cur[0] = i as u8;
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
    }
    usize::from(rows[a.len() % 3][b.len()])
}

/// Rows `i`, `i - 1` and `i - 2` of [`edit_distance`]'s three (for `i >= 1`).
fn rows_at<const N: usize>(rows: &mut [[u8; N]; 3], i: usize) -> [&mut [u8; N]; 3] {
    let [r0, r1, r2] = rows;
    match i % 3 {
        0 => [r0, r2, r1],
        1 => [r1, r0, r2],
        _ => [r2, r1, r0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_shown_short_and_without_what_would_break_the_sentence() {
        assert_eq!(short_key("full_name"), "full_name");
        assert_eq!(short_key("a\nb\u{0}c"), "a\\u000Ab\\u0000c");
        assert_eq!(short_key("x\u{202E}gnp.exe"), "x\\u202Egnp.exe");
        assert_eq!(short_key("\u{2028}\u{2066}\u{9F}"), "\\u2028\\u2066\\u009F");
        // Printable characters stay, whatever their script.
        assert_eq!(short_key("Zoë 名前 😀"), "Zoë 名前 😀");
        // 40 characters, then an ellipsis; an escape counts as one.
        let long = "é".repeat(41);
        assert_eq!(short_key(&long), format!("{}…", "é".repeat(40)));
        assert_eq!(short_key(&"é".repeat(40)), "é".repeat(40));
        assert_eq!(
            short_key(&"\t".repeat(41)),
            format!("{}…", "\\u0009".repeat(40))
        );
        // Every other character below U+3000 is shown as it is.
        for c in (0..0x3000).filter_map(char::from_u32) {
            let shown = short_key(&c.to_string());
            assert_eq!(shown == c.to_string(), !unshowable(c), "{c:?}");
            assert!(!shown.chars().any(|s| s.is_control()), "{c:?}");
        }
    }

    #[test]
    fn received_types_read_as_english() {
        let msg = |got: Json| {
            wrong_type(
                Vec::new(),
                Arg::Text("X".into()),
                "expected.string",
                "string",
                &got,
            )
            .message
        };
        assert_eq!(msg(Json::Null), "X cannot be null; it must be a string.");
        assert_eq!(
            msg(Json::Array(vec![])),
            "X must be a string; received an array."
        );
        assert_eq!(
            msg(Json::Foreign("undefined".into())),
            "X must be a string; received undefined."
        );
        assert_eq!(
            msg(Json::Foreign("bigint".into())),
            "X must be a string; received a bigint."
        );
        assert_eq!(
            msg(Json::Foreign("Date".into())),
            "X must be a string; received a Date."
        );
        assert_eq!(
            msg(Json::Foreign("unreadable".into())),
            "X must be a string; received a value that could not be read (a getter or a Proxy trap threw)."
        );
        assert_eq!(
            msg(Json::Foreign("object instance".into())),
            "X must be a string; received an instance of a class."
        );
        assert_eq!(
            msg(Json::Foreign("too large".into())),
            "X must be a string; received a value too large to check (more than 10,000,000 keys and items)."
        );
        assert_eq!(
            msg(Json::Foreign("non-finite number".into())),
            "X must be a string; received a number that is not finite (NaN or Infinity), which JSON would send as null."
        );
    }

    #[test]
    fn issues_past_the_cap_are_counted() {
        let mut sink = Sink::default();
        for _ in 0..MAX_ISSUES + 5 {
            sink.issue(Issue::new(Vec::new(), Code::TooLong, Msg::new("required")));
        }
        sink.omit(Code::UnknownField, 10);
        let report = sink.finish();
        assert_eq!(report.issues.len(), MAX_ISSUES + 1);
        let last = &report.issues[MAX_ISSUES];
        assert_eq!((last.path.len(), last.code), (0, Code::TooLong));
        assert_eq!(
            last.params.as_ref().unwrap().get("omitted"),
            Some(&Param::Int(15))
        );
        assert_eq!(group_thousands(1_000), "1,000");
        assert!(messages::english("received.too large").contains(&format!(
            "more than {} keys",
            group_thousands(MAX_VALUE_ENTRIES)
        )));
        assert_eq!(group_thousands(999), "999");
    }

    #[test]
    fn near_misses() {
        let c: &[(&str, &[&str])] = &[
            ("fullName", &["name"]),
            ("email", &[]),
            ("phone", &["phonenumber"]),
        ];
        for (key, want) in [
            ("full_name", Some("fullName")),
            ("FullName", Some("fullName")),
            ("fullname", Some("fullName")),
            ("name", Some("fullName")),
            ("fulName", Some("fullName")),
            ("emial", Some("email")),
            ("phoneNumber", Some("phone")),
            ("phone_number", Some("phone")),
            ("zzz", None),
            ("address", None),
        ] {
            assert_eq!(near_miss(key, c), want, "{key}");
        }
    }

    /// `near_miss` and `same_normalized` as they were written first, with
    /// strings: the stack versions must answer the same for every key.
    fn near_miss_with_strings<'c>(key: &str, candidates: &[(&'c str, &[&str])]) -> Option<&'c str> {
        fn distance(a: &str, b: &str) -> usize {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let mut prev2: Vec<usize> = vec![0; b.len() + 1];
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for i in 1..=a.len() {
                let mut cur = vec![i; b.len() + 1];
                for j in 1..=b.len() {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        cur[j] = cur[j].min(prev2[j - 2] + 1);
                    }
                }
                prev2 = std::mem::replace(&mut prev, cur);
            }
            prev[b.len()]
        }
        if key.len() > 64 {
            return None;
        }
        let norm = normalize_key(key);
        for (name, aliases) in candidates {
            if normalize_key(name) == norm || aliases.contains(&norm.as_str()) {
                return Some(name);
            }
        }
        if norm.len() < 4 {
            return None;
        }
        candidates
            .iter()
            .map(|(name, _)| (distance(&norm, &normalize_key(name)), *name))
            .filter(|(d, _)| *d <= 2)
            .min_by_key(|(d, _)| *d)
            .map(|(_, name)| name)
    }

    #[test]
    fn near_misses_match_the_string_version() {
        let candidates: &[(&str, &[&str])] = &[
            ("fullName", &["name", "customername"]),
            ("email", &["emailaddress", "emial"]),
            ("phone", &["phonenumber"]),
            ("isNewCustomer", &["newcustomer"]),
            ("handlesCashOrCrypto", &["cashorcrypto", "handlescash"]),
            ("age", &[]),
        ];
        // Keys made of pieces of the candidates, separators, case changes,
        // non-ASCII (one to four bytes, and `ß` and `İ`, whose lower case is
        // not ASCII), and lengths around 4 bytes and around the 64-byte cut.
        let pieces = [
            "full", "Name", "_", "-", ".", " ", "e", "mail", "MAIL", "ph", "one", "number", "is",
            "New", "Customer", "cash", "Or", "Crypto", "é", "ß", "İ", "😀", "x", "zz", "a",
            "fulname", "emial", "phnoe", "fullNmae", "email", "phone", "fullName", "ag", "gae",
        ];
        let mut seed = 0x9e37_79b9_u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize
        };
        let mut keys: Vec<String> = pieces.iter().map(|p| (*p).to_owned()).collect();
        for _ in 0..20_000 {
            let n = 1 + next() % 6;
            let mut key = String::new();
            for _ in 0..n {
                key.push_str(pieces[next() % pieces.len()]);
            }
            if next() % 4 == 0 {
                key = key.repeat(1 + next() % 8); // past 64 bytes, and near it
            }
            keys.push(key);
        }
        for key in [
            "",
            "a",
            "abc",
            "abcd",
            "é",
            "éé",
            "ééa",
            &"x".repeat(64),
            &"x".repeat(65),
        ] {
            keys.push(key.to_owned());
        }
        for key in &keys {
            assert_eq!(
                near_miss(key, candidates),
                near_miss_with_strings(key, candidates),
                "{key:?}"
            );
            for (name, _) in candidates {
                assert_eq!(
                    same_normalized(name, key),
                    normalize_key(name) == normalize_key(key),
                    "{name} {key:?}"
                );
            }
        }
    }

    #[test]
    fn string_bounds() {
        let s = |t: &str| JsonStr::new(t.to_owned());
        let codes = |t: &str, min, max| {
            let mut sink = Sink::default();
            check_string(&mut sink, &["x"], "label.field", &s(t), min, max);
            sink.issues.iter().map(|i| i.code).collect::<Vec<_>>()
        };
        assert_eq!(codes("", 1, 3), vec![Code::TooShort]);
        assert_eq!(codes("abc", 1, 3), vec![]);
        assert_eq!(codes("abcd", 1, 3), vec![Code::TooLong]);
        assert_eq!(codes("😀😀😀", 1, 3), vec![]);
        assert_eq!(codes("ééé", 1, 3), vec![]);
        assert_eq!(codes("😀😀😀😀", 1, 3), vec![Code::TooLong]);
    }
}
