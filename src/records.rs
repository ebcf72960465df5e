//! Results as integer records, for the package: what the wasm module hands
//! to JavaScript instead of JSON text. The package reads them back
//! (`pkg/src/records.js`) into the same objects the JSON gave, and writes
//! each message from the message table, so nothing is formatted, escaped or
//! parsed on either side.
//!
//! Everything is a `u32` word:
//! - a number: one word (`u64`: two, low then high);
//! - a string: `[0, hash]` for a string of [`KNOWN`] or a message id of
//!   [`crate::messages::ENGLISH`] (FNV-1a of its UTF-8; the package holds the
//!   same table by hash, generated from here), else `[1, n]` then its `n`
//!   UTF-8 bytes, four to a word (the first in the lowest byte; the package
//!   reads them with one `TextDecoder` call);
//! - an issue: `code` (its index in [`Code::ALL`]), the path (`n`, strings),
//!   the params (`n`, then name and `0` int / `1` string / `2` list of
//!   strings), the message (id, `n` args, then name and `0` int / `1` text /
//!   `2` phrase / `3` named phrase and its name);
//! - a list of issues: `n`, issues.

use std::borrow::Cow;
use std::cell::Cell;

use crate::issue::{Code, Issue, PARAM_NAMES, Param};
use crate::messages::{Arg, Msg};

/// Strings the rules write often enough to cross as a hash: every param name
/// ([`PARAM_NAMES`]), then param values, the body's and the record's keys, the
/// request's.
pub const KNOWN: &[&str] = &{
    const N: usize = PARAM_NAMES.len() + MORE_KNOWN.len();
    let mut out = [""; N];
    let mut i = 0;
    while i < PARAM_NAMES.len() {
        out[i] = PARAM_NAMES[i];
        i += 1;
    }
    let mut j = 0;
    while j < MORE_KNOWN.len() {
        out[i + j] = MORE_KNOWN[j];
        j += 1;
    }
    out
};

/// [`KNOWN`] after the param names.
const MORE_KNOWN: &[&str] = &[
    // param values
    "string",
    "string or null",
    "object",
    "boolean",
    "array",
    "number",
    "null",
    "undefined",
    "bigint",
    "symbol",
    "function",
    "unreadable",
    "object instance",
    "non-finite number",
    "object with toJSON",
    "too large",
    "uuid",
    "date-time",
    "iso3166-alpha3",
    "VERIFIED",
    "reingest",
    "immutable_once_set",
    "verification_flow",
    "server_owned",
    // keys
    "fullName",
    "email",
    "phone",
    "risk",
    "isNewCustomer",
    "isDesignatedService",
    "handlesCashOrCrypto",
    "update",
    "current",
    "id",
    "idempotencyKey",
    "baseUrl",
    "type",
    "external_id",
    "full_name",
    "kyc_status",
    "kyc_started_at",
    "kyc_completed_at",
    "identity",
    "aml",
    "added_via",
    "created_at",
    "updated_at",
    "status",
    "screened_at",
    "last_reviewed_at",
    "flags",
    "pep",
    "sanctions",
    "adverse_media",
    "terrorism",
    "verified_legal_name",
    "verified_country",
    "externalId",
    "kycStartedAt",
    "kycCompletedAt",
    "addedVia",
    "createdAt",
    "updatedAt",
    // message argument names
    "label",
    "key",
    "of",
    "name",
];

/// FNV-1a of `s`'s UTF-8 bytes.
pub const fn hash(s: &str) -> u32 {
    let bytes = s.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

const fn hashes<const N: usize>(strings: &[&str; N]) -> [u32; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = hash(strings[i]);
        i += 1;
    }
    out
}

const KNOWN_N: usize = KNOWN.len();
const KNOWN_ARRAY: [&str; KNOWN_N] = {
    let mut out = [""; KNOWN_N];
    let mut i = 0;
    while i < KNOWN_N {
        out[i] = KNOWN[i];
        i += 1;
    }
    out
};
/// `(hash, index in KNOWN)`, sorted by hash: a string is looked up by binary search.
const KNOWN_BY_HASH: [(u32, u16); KNOWN_N] = {
    let hashes = hashes(&KNOWN_ARRAY);
    let mut out = [(0u32, 0u16); KNOWN_N];
    let mut i = 0;
    while i < KNOWN_N {
        out[i] = (hashes[i], i as u16);
        i += 1;
    }
    // Insertion sort: const, and run once by the compiler.
    let mut i = 1;
    while i < KNOWN_N {
        let mut j = i;
        while j > 0 && out[j - 1].0 > out[j].0 {
            let t = out[j - 1];
            out[j - 1] = out[j];
            out[j] = t;
            j -= 1;
        }
        i += 1;
    }
    out
};

/// The hash of `s` when [`KNOWN`] holds it.
fn known(s: &str) -> Option<u32> {
    if s.len() > 24 {
        return None;
    }
    let h = hash(s);
    match KNOWN_BY_HASH.binary_search_by_key(&h, |&(k, _)| k) {
        Ok(at) if KNOWN[usize::from(KNOWN_BY_HASH[at].1)] == s => Some(h),
        _ => None,
    }
}

/// Slots of [`Statics`] (a power of two): several times the strings the
/// program writes by address (about a hundred), so probes stay short.
const STATIC_SLOTS: usize = 512;
/// Slots a lookup tries before it computes without remembering.
const STATIC_PROBES: usize = 8;

/// What [`known`] (or a message id's hash) said of strings of the program's
/// own, by address: the rules write the same few dozen names and ids in
/// every issue, and a `&'static str` never changes, so its address and
/// length stand for its text. Open addressing: a string keeps the slot it
/// was first given (nothing is evicted, so no two strings can take turns
/// missing, whatever addresses the linker gave them); past
/// [`STATIC_PROBES`] taken slots it is looked up every time.
struct Statics {
    slots: [Cell<(usize, usize, Option<u32>)>; STATIC_SLOTS],
}

impl Statics {
    /// `lookup(s)`, remembered for `s`'s address and length.
    fn hash(&self, s: &'static str, lookup: impl FnOnce(&str) -> Option<u32>) -> Option<u32> {
        let at = s.as_ptr() as usize;
        // Fibonacci hashing of the address's low 32 bits (all of it in wasm).
        let mixed = (at as u32 ^ s.len() as u32).wrapping_mul(0x9E37_79B9);
        let first = (mixed >> (32 - STATIC_SLOTS.trailing_zeros())) as usize;
        for probe in 0..STATIC_PROBES {
            let slot = &self.slots[(first + probe) & (STATIC_SLOTS - 1)];
            let (was_at, was_len, was) = slot.get();
            if was_at == at && was_len == s.len() {
                return was;
            }
            // Address 0 marks a free slot: no string is placed there (in
            // wasm the data segment starts above it; natively it is null).
            if was_at == 0 {
                let h = lookup(s);
                slot.set((at, s.len(), h));
                return h;
            }
        }
        lookup(s)
    }
}

thread_local! {
    static STATICS: Statics = const {
        Statics {
            slots: [const { Cell::new((0, 0, None)) }; STATIC_SLOTS],
        }
    };
}

/// Writes records into a `Vec<u32>`.
#[derive(Debug, Default)]
pub struct Writer {
    /// The words so far.
    pub words: Vec<u32>,
}

impl Writer {
    /// One word.
    pub fn word(&mut self, w: u32) {
        self.words.push(w);
    }

    /// A count, saturated to `u32` (no count here comes near it).
    pub fn count(&mut self, n: usize) {
        self.words.push(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// A `u64`: low word, then high.
    pub fn u64(&mut self, n: u64) {
        self.words.push(n as u32);
        self.words.push((n >> 32) as u32);
    }

    /// A string the table is sure to know (a message id, a phrase id): its hash.
    pub fn id(&mut self, s: &'static str) {
        let h = STATICS.with(|seen| seen.hash(s, |s| Some(hash(s))));
        self.words.push(0);
        self.words.push(h.unwrap_or_else(|| hash(s)));
    }

    /// A string of the program's own (a param or argument name, a listed
    /// value): as [`Writer::str`] writes it, its lookup remembered by address.
    pub fn text(&mut self, s: &'static str) {
        match STATICS.with(|seen| seen.hash(s, known)) {
            Some(h) => {
                self.words.push(0);
                self.words.push(h);
            }
            None => self.bytes(s),
        }
    }

    /// Any string: its hash when [`KNOWN`] holds it, else its UTF-8 bytes.
    pub fn str(&mut self, s: &str) {
        match known(s) {
            Some(h) => {
                self.words.push(0);
                self.words.push(h);
            }
            None => self.bytes(s),
        }
    }

    /// A path key or string param: the program's own by [`Writer::text`], one
    /// met in the input by [`Writer::str`].
    #[expect(clippy::ptr_arg, reason = "which of the two it is decides the lookup")]
    fn cow(&mut self, s: &Cow<'static, str>) {
        match s {
            Cow::Borrowed(s) => self.text(s),
            Cow::Owned(s) => self.str(s),
        }
    }

    /// A string as `[1, n]` and its `n` UTF-8 bytes, four to a word.
    fn bytes(&mut self, s: &str) {
        self.words.push(1);
        self.count(s.len());
        let mut chunks = s.as_bytes().chunks_exact(4);
        for c in &mut chunks {
            self.words
                .push(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 4];
            last[..rest.len()].copy_from_slice(rest);
            self.words.push(u32::from_le_bytes(last));
        }
    }

    /// One issue (see the module's documentation).
    pub fn issue(&mut self, issue: &Issue) {
        let code = Code::ALL.iter().position(|c| *c == issue.code).unwrap_or(0);
        self.count(code);
        self.count(issue.path.len());
        for key in &issue.path {
            self.cow(key);
        }
        match &issue.params {
            None => self.word(0),
            Some(params) => {
                self.count(params.0.len());
                for (name, value) in &params.0 {
                    self.text(name);
                    match value {
                        Param::Int(n) => {
                            self.word(0);
                            self.u64(*n);
                        }
                        Param::Str(s) => {
                            self.word(1);
                            self.cow(s);
                        }
                        Param::List(items) => {
                            self.word(2);
                            self.count(items.len());
                            for item in *items {
                                self.text(item);
                            }
                        }
                    }
                }
            }
        }
        self.msg(&issue.msg);
    }

    /// A message: its id and arguments.
    pub fn msg(&mut self, msg: &Msg) {
        self.id(msg.id);
        self.count(msg.args.len());
        for (name, arg) in &msg.args {
            self.text(name);
            match arg {
                Arg::Int(n) => {
                    self.word(0);
                    self.u64(*n);
                }
                Arg::Text(text) => {
                    self.word(1);
                    self.str(text);
                }
                Arg::Phrase(id) => {
                    self.word(2);
                    self.id(id);
                }
                Arg::Named(id, name) => {
                    self.word(3);
                    self.id(id);
                    self.str(name);
                }
            }
        }
    }

    /// A list of issues.
    pub fn issues(&mut self, issues: &[Issue]) {
        self.count(issues.len());
        for issue in issues {
            self.issue(issue);
        }
    }
}

/// The package's table of known strings by hash (`pkg/src/records.js`):
/// the smallest size, then shift, for which slot `(h ^ (h >> shift)) &
/// (size - 1)` holds one hash of [`KNOWN`] and the message ids at most;
/// `(0, 0)` when none up to 65,536 slots does.
pub fn slot_table() -> (u32, u32) {
    let hashes: Vec<u32> = crate::messages::ENGLISH
        .iter()
        .map(|(id, _)| *id)
        .chain(KNOWN.iter().copied())
        .map(hash)
        .collect();
    let mut size = 1024u32;
    while size <= 1 << 16 {
        for shift in 8..32 {
            let mut taken = vec![false; size as usize];
            let apart = hashes.iter().all(|&h| {
                let slot = ((h ^ (h >> shift)) & (size - 1)) as usize;
                !std::mem::replace(&mut taken[slot], true)
            });
            if apart {
                return (size, shift);
            }
        }
        size *= 2;
    }
    (0, 0)
}

/// `pkg/src/strings.js`: [`KNOWN`] for the package's reader, which hashes
/// them and the ids of [`ENGLISH`] at load (the same FNV-1a), and the size
/// and shift of its table ([`slot_table`]), so that it need not search for them.
pub fn strings_js() -> String {
    use crate::issue::write_str;
    let mut out = String::from(
        "// Generated from src/records.rs by `MESSAGES=overwrite cargo test --test messages`: do not edit.\n\
         // Strings the wasm module sends as their hash (FNV-1a of the UTF-8), besides the message ids.\n\
         export const KNOWN = [",
    );
    for (i, s) in KNOWN.iter().enumerate() {
        out.push_str(if i % 8 == 0 { "\n  " } else { " " });
        write_str(s, &mut out);
        out.push(',');
    }
    out.push_str("\n];\n");
    let (size, shift) = slot_table();
    out.push_str(&format!(
        "// The size and shift of the reader's table by hash: every known hash in a slot of its own.\nexport const SLOTS = [{size}, {shift}];\n"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ENGLISH;

    #[test]
    fn statics_remember_without_evicting_and_answer_past_the_table() {
        let statics = Statics {
            slots: [const { Cell::new((0, 0, None)) }; STATIC_SLOTS],
        };
        // More strings than slots: the first ones keep their slots (asked
        // once), and every answer is the lookup's, remembered or not.
        let strings: Vec<&'static str> = (0..STATIC_SLOTS + 100)
            .map(|i| &*Box::leak(format!("s{i}").into_boxed_str()))
            .collect();
        let calls = Cell::new(0);
        let lookup = |s: &str| {
            calls.set(calls.get() + 1);
            Some(hash(s))
        };
        for _ in 0..2 {
            for s in &strings {
                assert_eq!(statics.hash(s, lookup), Some(hash(s)));
            }
        }
        let first_pass = strings.len();
        let remembered = statics.slots.iter().filter(|s| s.get().0 != 0).count();
        assert!(remembered > STATIC_SLOTS / 2, "{remembered}");
        assert_eq!(calls.get(), first_pass + (strings.len() - remembered));
        // A string remembered early is still remembered.
        let before = calls.get();
        assert_eq!(statics.hash(strings[0], lookup), Some(hash(strings[0])));
        assert_eq!(calls.get(), before);
    }

    #[test]
    fn hashes_never_collide() {
        let mut all: Vec<(u32, &str)> = ENGLISH
            .iter()
            .map(|(id, _)| *id)
            .chain(KNOWN.iter().copied())
            .map(|s| (hash(s), s))
            .collect();
        all.sort_unstable();
        all.dedup();
        for pair in all.windows(2) {
            assert_ne!(pair[0].0, pair[1].0, "{:?} and {:?}", pair[0].1, pair[1].1);
        }
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
    }

    #[test]
    fn program_strings_write_as_any_string_does_every_time() {
        // Remembered by address: the same string again, others of the same
        // length and in the same slot, known or not, each as `str` writes it.
        let statics: Vec<&'static str> = KNOWN
            .iter()
            .copied()
            .chain(["no such name", "min ", "xam", "string or nul"])
            .collect();
        for _ in 0..3 {
            for s in &statics {
                let (mut a, mut b) = (Writer::default(), Writer::default());
                a.text(s);
                b.str(s);
                assert_eq!(a.words, b.words, "{s:?}");
            }
        }
        for (id, _) in ENGLISH.iter().take(40).chain(ENGLISH.iter().take(40)) {
            let mut w = Writer::default();
            w.id(id);
            assert_eq!(w.words, vec![0, hash(id)], "{id:?}");
        }
    }

    #[test]
    fn strings_are_hashed_or_written_out() {
        let mut w = Writer::default();
        w.str("fullName");
        assert_eq!(w.words, vec![0, hash("fullName")]);
        let mut w = Writer::default();
        w.str("x😀");
        assert_eq!(w.words, vec![1, 5, 0x989F_F078, 0x80]);
        let mut w = Writer::default();
        w.str("abcd");
        assert_eq!(w.words, vec![1, 4, 0x6463_6261]);
    }
}
