//! Issues: every problem (and warning) the rules report, in one shape.

use std::borrow::Cow;

use serde::Serialize;

use crate::messages::Msg;
use serde::ser::SerializeMap;

/// The stable codes callers branch on (CONTRACT.md section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Wrong JSON type, null where null is not allowed, a body that is not an object.
    InvalidType,
    /// Below the minimum length.
    TooShort,
    /// Above the maximum length.
    TooLong,
    /// Not a valid email address (WHATWG).
    InvalidEmail,
    /// A string holding an unpaired UTF-16 surrogate.
    InvalidString,
    /// Text that does not parse as JSON.
    InvalidJson,
    /// A key the body does not have.
    UnknownField,
    /// A key this endpoint never changes.
    ImmutableField,
    /// A change to `fullName` / `email` after verification.
    FrozenField,
    /// A uuid, date-time, key or other format that does not parse.
    InvalidFormat,
    /// A value outside an enum or a documented invariant.
    InvalidValue,
    /// Warning: the identical value sent for a frozen field.
    UnchangedFrozenField,
    /// Warning: a `kyc_status` the seed does not list (treated as not frozen).
    UnknownKycStatus,
}

impl Code {
    /// Every code, in the order of CONTRACT.md.
    pub const ALL: [Code; 13] = [
        Code::InvalidType,
        Code::TooShort,
        Code::TooLong,
        Code::InvalidEmail,
        Code::InvalidString,
        Code::InvalidJson,
        Code::UnknownField,
        Code::ImmutableField,
        Code::FrozenField,
        Code::InvalidFormat,
        Code::InvalidValue,
        Code::UnchangedFrozenField,
        Code::UnknownKycStatus,
    ];

    /// The code as it appears in JSON (`"invalid_type"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidType => "invalid_type",
            Code::TooShort => "too_short",
            Code::TooLong => "too_long",
            Code::InvalidEmail => "invalid_email",
            Code::InvalidString => "invalid_string",
            Code::InvalidJson => "invalid_json",
            Code::UnknownField => "unknown_field",
            Code::ImmutableField => "immutable_field",
            Code::FrozenField => "frozen_field",
            Code::InvalidFormat => "invalid_format",
            Code::InvalidValue => "invalid_value",
            Code::UnchangedFrozenField => "unchanged_frozen_field",
            Code::UnknownKycStatus => "unknown_kyc_status",
        }
    }
}

/// A key of an issue's path: the program's own names borrowed (the records
/// writer remembers their lookup by address), a key met in the input owned.
pub type Key = Cow<'static, str>;

/// One figure behind an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    /// A count or a limit.
    Int(u64),
    /// A name, a type, a suggestion (the program's own borrowed).
    Str(Cow<'static, str>),
    /// A list of allowed values.
    List(&'static [&'static str]),
}

impl Serialize for Param {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Int(n) => s.serialize_u64(*n),
            Param::Str(t) => s.serialize_str(t),
            Param::List(items) => items.serialize(s),
        }
    }
}

/// The figures behind an issue, in a fixed order (`{ "max": 255, "actual": 300 }`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(&'static str, Param)>);

/// Every name a figure may have: the package's TypeScript declarations
/// (`IssueParams` in `pkg/index.d.ts`) name exactly these
/// (`tests/typescript.rs`), and [`Issue::with`] takes no other (checked in
/// debug builds, so every test that makes an issue checks it).
pub const PARAM_NAMES: &[&str] = &[
    "min",
    "max",
    "actual",
    "expected",
    "received",
    "suggestion",
    "field",
    "reason",
    "kycStatus",
    "allowed",
    "format",
    "omitted",
    "line",
    "column",
    "offset",
];

impl Params {
    /// The value of one figure.
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One problem: where, what (a stable code), a sentence a form can show, and the figures.
///
/// Messages never quote the value that was checked (customer data is personal
/// data and issues end up in logs); they name fields, limits and keys only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Keys from the root of the validated value; empty for the value itself.
    pub path: Vec<Key>,
    /// The stable code.
    pub code: Code,
    /// One plain English sentence (`msg`, rendered).
    pub message: String,
    /// The figures behind it, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params: Option<Params>,
    /// The message as data: its template id and arguments (see [`crate::messages`]).
    #[serde(skip)]
    pub msg: Msg,
}

impl Issue {
    /// An issue without figures; its message is `msg` in English. The wasm
    /// build leaves `message` empty: it hands `msg` to JavaScript, which writes
    /// the sentence from the same table (in the caller's language), so the
    /// module ships no sentence and no formatting code.
    pub fn new(path: Vec<Key>, code: Code, msg: Msg) -> Self {
        Issue {
            path,
            code,
            message: if cfg!(target_arch = "wasm32") {
                String::new()
            } else {
                msg.render()
            },
            params: None,
            msg,
        }
    }

    /// The same issue with figures.
    pub fn with(mut self, params: Vec<(&'static str, Param)>) -> Self {
        debug_assert!(
            params.iter().all(|(name, _)| PARAM_NAMES.contains(name)),
            "a figure not in PARAM_NAMES: {params:?}"
        );
        self.params = Some(Params(params));
        self
    }

    /// The same issue with `prefix` put before its path (for batch items).
    pub fn under(mut self, prefix: &[&'static str]) -> Self {
        let mut path: Vec<Key> = prefix.iter().map(|s| Cow::Borrowed(*s)).collect();
        path.append(&mut self.path);
        self.path = path;
        self
    }

    /// The path as one dotted string, for CLI output (`risk.isNewCustomer`, or `(root)`).
    pub fn path_text(&self) -> String {
        if self.path.is_empty() {
            "(root)".to_owned()
        } else {
            self.path.join(".")
        }
    }
}

/// The result of a validation: `ok` is true when there is no issue; warnings never fail it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// True when `issues` is empty.
    pub ok: bool,
    /// Problems, in a deterministic order.
    pub issues: Vec<Issue>,
    /// Warnings, same shape, never failing the validation.
    pub warnings: Vec<Issue>,
}

impl Report {
    /// A report from its issues and warnings.
    pub fn new(issues: Vec<Issue>, warnings: Vec<Issue>) -> Self {
        Report {
            ok: issues.is_empty(),
            issues,
            warnings,
        }
    }

    /// Appends this report as JSON to `out` (no serde_json: this runs in the wasm build).
    pub fn write_json(&self, out: &mut String) {
        out.push_str(if self.ok {
            "{\"ok\":true,\"issues\":"
        } else {
            "{\"ok\":false,\"issues\":"
        });
        write_issues(&self.issues, out);
        out.push_str(",\"warnings\":");
        write_issues(&self.warnings, out);
        out.push('}');
    }
}

/// Appends a JSON array of issues to `out`.
pub fn write_issues(issues: &[Issue], out: &mut String) {
    out.push('[');
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"path\":[");
        for (j, key) in issue.path.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            write_str(key, out);
        }
        out.push_str("],\"code\":\"");
        out.push_str(issue.code.as_str());
        out.push_str("\",\"message\":");
        write_str(&issue.message, out);
        if let Some(params) = &issue.params {
            out.push_str(",\"params\":{");
            for (j, (name, value)) in params.0.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                write_str(name, out);
                out.push(':');
                match value {
                    Param::Int(n) => out.push_str(&n.to_string()),
                    Param::Str(s) => write_str(s, out),
                    Param::List(items) => {
                        out.push('[');
                        for (k, item) in items.iter().enumerate() {
                            if k > 0 {
                                out.push(',');
                            }
                            write_str(item, out);
                        }
                        out.push(']');
                    }
                }
            }
            out.push('}');
        }
        out.push('}');
    }
    out.push(']');
}

/// Appends `s` as a JSON string literal, escaped as `JSON.stringify` does.
/// Runs of bytes that need no escape are copied at once.
pub fn write_str(s: &str, out: &mut String) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        // `i` is an ASCII byte: always a char boundary.
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_json_equals_serde() {
        let issue = Issue::new(
            vec!["risk".into(), "a\"b\n\u{1}".into()],
            Code::TooLong,
            Msg::new("field.unknown")
                .arg("key", crate::messages::Arg::Text("M \\ \"x\"".into()))
                .arg("of", crate::messages::Arg::Phrase("of.update")),
        )
        .with(vec![
            ("max", Param::Int(255)),
            ("suggestion", Param::Str("é😀".into())),
        ]);
        let report = Report::new(
            vec![
                issue.clone(),
                Issue::new(vec![], Code::InvalidJson, Msg::new("required")),
            ],
            vec![issue],
        );
        let mut out = String::new();
        report.write_json(&mut out);
        let ours: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(ours, serde_json::to_value(&report).unwrap());
        assert_eq!(out, serde_json::to_string(&report).unwrap());
    }

    #[test]
    fn codes_serialize_as_their_names() {
        for code in Code::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
