//! Invariants the fuzz targets assert on every input (a failed assert is a
//! crash libFuzzer reports, like a panic inside the crate).

use ic_customer_contract::json::Json;
use ic_customer_contract::scan;
use ic_customer_contract::record::KYC_STATUSES;
use ic_customer_contract::{BatchReport, Code, Current, Issue, Report};

/// The input as text; libFuzzer's bytes that are not UTF-8 are skipped.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Two texts from one input: split at the first 0xFF byte (never part of
/// UTF-8), or in the middle when there is none.
pub fn split(data: &[u8]) -> Option<(&str, &str)> {
    let (a, b) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    Some((text(a)?, text(b)?))
}

/// What serde_json makes of the text, when it accepts it. Whatever serde_json
/// accepts, the crate's parser must accept too (the crate also accepts unpaired
/// surrogates, out-of-range numbers and any depth, which serde_json rejects).
pub fn serde_value(text: &str) -> Option<serde_json::Value> {
    let value = serde_json::from_str(text).ok()?;
    assert!(
        scan::parse(text).is_ok(),
        "serde_json accepts a text the crate's parser rejects"
    );
    Some(value)
}

/// Invariants of every report of a JSON-text entry point: `ok` iff no issue;
/// a text that does not parse is exactly one `invalid_json` at `[]`, and
/// `invalid_json` appears nowhere else; the hand-written JSON parses back and
/// equals serde's serialization of the same report.
pub fn check_report(report: &Report, parsed: bool) {
    assert_eq!(report.ok, report.issues.is_empty());
    if parsed {
        assert!(report.issues.iter().all(|i| i.code != Code::InvalidJson));
    } else {
        assert_eq!(report.issues.len(), 1, "{report:?}");
        assert_eq!(report.issues[0].code, Code::InvalidJson);
        assert!(report.warnings.is_empty());
    }
    check_issues(&report.issues);
    check_issues(&report.warnings);
    let mut out = String::new();
    report.write_json(&mut out);
    let ours = scan::parse(&out).unwrap_or_else(|e| panic!("write_json: {e:?} in {out}"));
    assert_eq!(ours.get("ok"), Some(&Json::Bool(report.ok)));
    let theirs: serde_json::Value = serde_json::from_str(&out).expect("serde_json reads it");
    assert_eq!(theirs, serde_json::to_value(report).expect("serializes"));
}

/// Every issue has a code-specific shape: `invalid_json` only at `[]`, a message.
pub fn check_issues(issues: &[Issue]) {
    for issue in issues {
        if issue.code == Code::InvalidJson {
            assert!(issue.path.is_empty(), "{issue:?}");
        }
        assert!(!issue.message.is_empty());
    }
}

/// The freeze rules only add to a body's verdict: with a `current`, the issues
/// minus `frozen_field` are the issues without it; warnings are only about the
/// freeze or the status; `frozen_field` and `unchanged_frozen_field` only when
/// the status is exactly `VERIFIED`; `unknown_kyc_status` iff it is not listed.
pub fn check_freeze(with: &Report, without: &Report, current: Option<&Current>) {
    let kept: Vec<&Issue> = with
        .issues
        .iter()
        .filter(|i| i.code != Code::FrozenField)
        .collect();
    // Past the cap a frozen_field pushes one more issue out of the list: the
    // two lists then agree only up to the count that closes them.
    let capped = |r: &Report| r.issues.len() > ic_customer_contract::check::MAX_ISSUES;
    if capped(with) || capped(without) {
        assert!(with.issues.len() <= ic_customer_contract::check::MAX_ISSUES + 1);
        assert!(without.issues.len() <= ic_customer_contract::check::MAX_ISSUES + 1);
    } else {
        assert_eq!(kept, without.issues.iter().collect::<Vec<_>>());
    }
    let Some(current) = current else {
        assert_eq!(with, without);
        return;
    };
    let verified = current.kyc_status == "VERIFIED";
    let listed = KYC_STATUSES.contains(&current.kyc_status.as_ref());
    for i in with.issues.iter().chain(&with.warnings) {
        if matches!(i.code, Code::FrozenField | Code::UnchangedFrozenField) {
            assert!(verified, "{i:?} with status {:?}", current.kyc_status);
            assert!(i.path == ["fullName"] || i.path == ["email"], "{i:?}");
        }
    }
    assert!(
        with.warnings
            .iter()
            .all(|w| matches!(w.code, Code::UnchangedFrozenField | Code::UnknownKycStatus))
    );
    let unknown = with
        .warnings
        .iter()
        .filter(|w| w.code == Code::UnknownKycStatus)
        .count();
    // Only reported when the body is an object (a non-object stops at once).
    if with.issues.iter().any(|i| i.path.is_empty()) {
        assert!(unknown <= usize::from(!listed));
    } else {
        assert_eq!(unknown, usize::from(!listed));
    }
}

/// Batch invariants, and each item's verdict equals validating that item alone.
pub fn check_batch(report: &BatchReport, text: &str) {
    assert_eq!(report.total, report.valid + report.invalid);
    let failing = report
        .results
        .iter()
        .filter(|r| !r.issues.is_empty())
        .count();
    assert_eq!(failing, report.invalid);
    assert!(report.results.windows(2).all(|w| w[0].index < w[1].index));
    assert!(
        report
            .results
            .iter()
            .all(|r| r.index < report.total && !(r.issues.is_empty() && r.warnings.is_empty()))
    );
    for r in &report.results {
        check_issues(&r.issues);
        check_issues(&r.warnings);
    }
    check_issues(&report.issues);
    let out = report.to_json();
    let ours = scan::parse(&out).unwrap_or_else(|e| panic!("to_json: {e:?} in {out}"));
    assert!(matches!(ours.get("results"), Some(Json::Array(r)) if r.len() == report.results.len()));
    serde_json::from_str::<serde_json::Value>(&out).expect("serde_json reads it");

    match scan::parse(text) {
        Ok(Json::Array(items)) => {
            assert!(report.issues.is_empty());
            assert_eq!(report.total, items.len());
            let mut results = report.results.iter().peekable();
            for (index, item) in items.iter().enumerate() {
                let (issues, warnings) = results
                    .next_if(|r| r.index == index)
                    .map_or((&[][..], &[][..]), |r| (&r.issues[..], &r.warnings[..]));
                match item_alone(item) {
                    Some(alone) => {
                        assert_eq!((issues, warnings), (&alone.issues[..], &alone.warnings[..]))
                    }
                    // Not an object, or no `update`: one `invalid_type` at `[]`.
                    None => {
                        assert_eq!(issues.len(), 1, "{issues:?}");
                        assert_eq!(issues[0].code, Code::InvalidType);
                        assert!(issues[0].path.is_empty() && warnings.is_empty());
                    }
                }
            }
            assert!(results.next().is_none());
        }
        Ok(_) => {
            assert_eq!(report.total, 0);
            assert_eq!(report.issues.len(), 1);
            assert_eq!(report.issues[0].code, Code::InvalidType);
        }
        Err(_) => {
            assert_eq!(report.total, 0);
            assert_eq!(report.issues.len(), 1);
            assert_eq!(report.issues[0].code, Code::InvalidJson);
        }
    }
}

/// One well-formed batch item through the single-body entry points (None for
/// an item that is not an object or has no `update`).
fn item_alone(item: &Json) -> Option<Report> {
    if !matches!(item, Json::Object(_)) {
        return None;
    }
    let current = match ic_customer_contract::current_from(item.get("current")) {
        Ok(c) => c,
        Err(e) => return Some(Report::new(vec![e.0.under(&["current"])], Vec::new())),
    };
    let update = item.get("update")?;
    Some(ic_customer_contract::check_update(update, current.as_ref()))
}

/// `check_lone`: the input is a text and a table seed, split at the first
/// 0xFF. Each U+FFFD of the text becomes a raw surrogate when the seed says
/// so (its unit from the seed); a seed starting with 0xFE makes a bogus table.
pub fn check_lone(data: &[u8]) {
    let Some((text, seed)) = split_bytes(data) else {
        return;
    };
    let mut table = Vec::new();
    let mut escaped = String::new();
    let mut last = 0;
    for (i, (at, _)) in text.match_indices('\u{FFFD}').enumerate() {
        let Some(&b) = seed.get(i) else { break };
        if b & 1 == 0 {
            continue;
        }
        let unit = 0xD800 | (u16::from(b) << 3) & 0x7FF;
        table.extend([at as u32, u32::from(unit)]);
        escaped.push_str(&text[last..at]);
        escaped.push_str(&format!("\\u{unit:04x}"));
        last = at + 3;
    }
    escaped.push_str(&text[last..]);
    if seed.first() == Some(&0xFE) {
        // Bogus: shifted offsets, a non-surrogate unit, or out of order.
        let mut bogus = table.clone();
        for (k, pair) in bogus.chunks_exact_mut(2).enumerate() {
            match k % 3 {
                0 => pair[0] += 1,
                1 => pair[1] = 0x41,
                _ => pair[0] = 0,
            }
        }
        bogus.extend([u32::MAX, 0xD800]);
        assert!(scan::parse_with_lone(text, &bogus).is_err());
        return;
    }
    // An empty table is plain parsing.
    assert_eq!(scan::parse_with_lone(text, &[]), scan::parse(text));
    let raw = scan::parse_with_lone(text, &table);
    let esc = scan::parse(&escaped);
    // Within strings the two read alike; elsewhere both are errors. (A raw
    // surrogate right after a backslash is an invalid escape, while its
    // escaped form is a valid `\\` then text: only then may they differ.)
    if let (Ok(raw), Ok(esc)) = (&raw, &esc) {
        assert_eq!(raw, esc, "{text:?} / {escaped:?}");
    } else if raw.is_ok() {
        panic!("raw parses, escaped does not: {text:?} / {escaped:?}");
    }
    let batch = ic_customer_contract::batch::validate_batch(text, &table);
    assert_eq!(batch.total, batch.valid + batch.invalid);
}

/// [`split`] for a text and raw bytes (the seed needs no UTF-8).
fn split_bytes(data: &[u8]) -> Option<(&str, &[u8])> {
    let (a, b) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    Some((text(a)?, b))
}

// ------------------------------------------------------------ issue records

/// A string, number or list as the records carry it (see
/// `ic_customer_contract::records`), decoded without the crate's writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A number.
    Int(u64),
    /// A string.
    Str(String),
    /// A list of strings.
    List(Vec<String>),
    /// A phrase of the message table, by id (and a name it is filled with).
    Phrase(String, Option<String>),
}

/// An issue decoded from its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The index of its code in `Code::ALL`.
    pub code: usize,
    /// Its path.
    pub path: Vec<String>,
    /// Its params, in order (empty when none).
    pub params: Vec<(String, Item)>,
    /// Its message's id.
    pub id: String,
    /// Its message's arguments, in order.
    pub args: Vec<(String, Item)>,
}

/// The same, from an issue of the crate: what its records must decode to.
pub fn expected(issue: &Issue) -> Decoded {
    use ic_customer_contract::Param;
    use ic_customer_contract::messages::Arg;
    Decoded {
        code: Code::ALL
            .iter()
            .position(|c| *c == issue.code)
            .expect("a code"),
        path: issue.path.iter().map(|k| k.to_string()).collect(),
        params: issue.params.as_ref().map_or_else(Vec::new, |p| {
            p.0.iter()
                .map(|(k, v)| {
                    let v = match v {
                        Param::Int(n) => Item::Int(*n),
                        Param::Str(s) => Item::Str(s.to_string()),
                        Param::List(l) => Item::List(l.iter().map(|s| (*s).to_owned()).collect()),
                    };
                    ((*k).to_owned(), v)
                })
                .collect()
        }),
        id: issue.msg.id.to_owned(),
        args: issue
            .msg
            .args
            .iter()
            .map(|(k, a)| {
                let a = match a {
                    Arg::Int(n) => Item::Int(*n),
                    Arg::Text(s) => Item::Str(s.clone()),
                    Arg::Phrase(id) => Item::Phrase((*id).to_owned(), None),
                    Arg::Named(id, name) => Item::Phrase((*id).to_owned(), Some(name.clone())),
                };
                ((*k).to_owned(), a)
            })
            .collect(),
    }
}

/// A cursor over records, as `pkg/src/records.js` reads them.
pub struct Records<'a> {
    words: &'a [u32],
    at: usize,
}

impl<'a> Records<'a> {
    /// Reads `words` from the first.
    pub fn new(words: &'a [u32]) -> Self {
        Records { words, at: 0 }
    }

    /// One word (a record that ends early fails the target).
    pub fn word(&mut self) -> u32 {
        let w = self.words[self.at];
        self.at += 1;
        w
    }

    /// True when every word was read.
    pub fn done(&self) -> bool {
        self.at == self.words.len()
    }

    fn u64(&mut self) -> u64 {
        let low = u64::from(self.word());
        low | (u64::from(self.word()) << 32)
    }

    /// A string: by hash from the tables, or its UTF-8 bytes.
    pub fn str(&mut self) -> String {
        use ic_customer_contract::messages::ENGLISH;
        use ic_customer_contract::records::{KNOWN, hash};
        if self.word() == 0 {
            let h = self.word();
            let found = ENGLISH
                .iter()
                .map(|(id, _)| *id)
                .chain(KNOWN.iter().copied())
                .find(|s| hash(s) == h);
            return found.expect("a hash of a known string").to_owned();
        }
        let n = self.word() as usize;
        let mut bytes = Vec::with_capacity(n + 3);
        for _ in 0..n.div_ceil(4) {
            bytes.extend_from_slice(&self.word().to_le_bytes());
        }
        assert!(bytes[n..].iter().all(|&b| b == 0), "padding is zero");
        bytes.truncate(n);
        String::from_utf8(bytes).expect("UTF-8")
    }

    fn items(&mut self, message: bool) -> Vec<(String, Item)> {
        let n = self.word();
        (0..n)
            .map(|_| {
                let name = self.str();
                let item = match (self.word(), message) {
                    (0, _) => Item::Int(self.u64()),
                    (1, _) => Item::Str(self.str()),
                    (2, false) => Item::List((0..self.word()).map(|_| self.str()).collect()),
                    (2, true) => Item::Phrase(self.str(), None),
                    (3, true) => {
                        let id = self.str();
                        Item::Phrase(id, Some(self.str()))
                    }
                    (kind, _) => panic!("an item of kind {kind}"),
                };
                (name, item)
            })
            .collect()
    }

    /// One issue.
    pub fn issue(&mut self) -> Decoded {
        let code = self.word() as usize;
        let path = (0..self.word()).map(|_| self.str()).collect();
        let params = self.items(false);
        let id = self.str();
        let args = self.items(true);
        Decoded {
            code,
            path,
            params,
            id,
            args,
        }
    }

    /// A list of issues.
    pub fn issues(&mut self) -> Vec<Decoded> {
        (0..self.word()).map(|_| self.issue()).collect()
    }
}

/// The records of a call's report decode to exactly that report.
pub fn check_report_records(words: &[u32], report: &Report) {
    let mut r = Records::new(words);
    assert_eq!(r.word(), ic_customer_contract::calls::RESULT);
    assert_eq!(r.word(), u32::from(report.ok));
    let issues = r.issues();
    let warnings = r.issues();
    assert!(r.done(), "words left after the report");
    assert_eq!(
        issues,
        report.issues.iter().map(expected).collect::<Vec<_>>()
    );
    assert_eq!(
        warnings,
        report.warnings.iter().map(expected).collect::<Vec<_>>()
    );
}
