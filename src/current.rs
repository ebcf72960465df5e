//! The current record, as far as the freeze rules read it.

use std::borrow::Cow;

use crate::check::{Sink, missing, path, wrong_type};
use crate::issue::{Code, Issue, Param};
use crate::json::{Json, JsonStr};
use crate::messages::{Arg, Msg};
use crate::record::KYC_STATUSES;
use crate::update::field_label;

/// The status after which `fullName` and `email` are frozen.
pub const FROZEN_STATUS: &str = "VERIFIED";

/// The keys of a current record the rules read: nothing else of it crosses
/// into the module from a JavaScript value (`pkg/src/rules.js`), or is kept
/// when a batch is parsed.
pub const READ_KEYS: [&str; 3] = ["kyc_status", "full_name", "email"];

/// [`READ_KEYS`] as a parser's shape (see [`crate::scan::Shape`]).
pub const SHAPE: crate::scan::Shape = crate::scan::Shape::Object(&[
    (READ_KEYS[0], crate::scan::Shape::Whole),
    (READ_KEYS[1], crate::scan::Shape::Whole),
    (READ_KEYS[2], crate::scan::Shape::Whole),
]);

/// `unchanged_frozen_field` for a body key (`fullName` or `email`): the warning
/// for sending a frozen field's identical value. The package's fast path
/// copies these two warnings (from `rule_data`) rather than crossing into wasm.
pub fn unchanged_warning(key: &'static str) -> Issue {
    Issue::new(
        path(&[key]),
        Code::UnchangedFrozenField,
        Msg::new("frozen.unchanged").label(field_label(key)),
    )
}

/// What the freeze rules read of the current record: `kyc_status`,
/// `full_name` and `email` (anything else in it is ignored).
/// Its strings borrow from the record's text or tape where the record does
/// (no copy per call).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current<'a> {
    /// The record's `kyc_status`.
    pub kyc_status: Cow<'a, str>,
    /// The record's `full_name` (None when absent, null or not a string),
    /// unpaired surrogates kept apart from a real U+FFFD.
    pub full_name: Option<JsonStr<'a>>,
    /// The record's `email` (None when absent, null or not a string).
    pub email: Option<JsonStr<'a>>,
    /// Whether the record's `full_name` and `email` are null (not absent).
    pub nulls: [bool; 2],
}

/// A `current` that cannot be used: not an object, or no string `kyc_status`.
/// A programming error: the JavaScript package throws it, a batch reports it on its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentError(pub Issue);

impl std::fmt::Display for CurrentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for CurrentError {}

impl<'a> Current<'a> {
    /// Reads a current record; its issue's path is relative to `current`.
    /// Reads only [`READ_KEYS`] of `record` (and its kind).
    pub fn from_json(record: &Json<'a>) -> Result<Current<'a>, CurrentError> {
        if !matches!(record, Json::Object(_)) {
            return Err(CurrentError(wrong_type(
                Vec::new(),
                Arg::Phrase("label.current"),
                "expected.object",
                "object",
                record,
            )));
        }
        let ([status, full_name, email], _) = record.pick(&READ_KEYS);
        let kyc_status = match status {
            Some(Json::Str(s)) => s.text.clone(),
            None => {
                return Err(CurrentError(missing(
                    path(&["kyc_status"]),
                    Arg::Phrase("label.current_status"),
                    "string",
                )));
            }
            Some(other) => {
                return Err(CurrentError(wrong_type(
                    path(&["kyc_status"]),
                    Arg::Phrase("label.current_status"),
                    "expected.string",
                    "string",
                    other,
                )));
            }
        };
        let text = |value: Option<&Json<'a>>| value.and_then(Json::as_str).cloned();
        let null = |value: Option<&Json<'a>>| matches!(value, Some(Json::Null));
        Ok(Current {
            kyc_status,
            full_name: text(full_name),
            email: text(email),
            nulls: [null(full_name), null(email)],
        })
    }

    /// True when `fullName` and `email` are frozen.
    pub fn is_frozen(&self) -> bool {
        self.kyc_status == FROZEN_STATUS
    }

    /// The record's value for a body key (`fullName` → `full_name`).
    pub fn value_of(&self, body_key: &str) -> Option<&JsonStr<'a>> {
        match body_key {
            "fullName" => self.full_name.as_ref(),
            "email" => self.email.as_ref(),
            _ => None,
        }
    }

    /// Whether the record's value for a body key is null.
    pub fn is_null(&self, body_key: &str) -> bool {
        match body_key {
            "fullName" => self.nulls[0],
            "email" => self.nulls[1],
            _ => false,
        }
    }

    /// `unknown_kyc_status` when the status is not one the seed lists.
    pub fn check_status(&self, sink: &mut Sink) {
        if !KYC_STATUSES.contains(&self.kyc_status.as_ref()) {
            sink.warn(
                Issue::new(
                    path(&["current", "kyc_status"]),
                    Code::UnknownKycStatus,
                    Msg::new("status.unknown"),
                )
                .with(vec![("allowed", Param::List(&KYC_STATUSES))]),
            );
        }
    }

    /// `frozen_field` for a change of a frozen field, `unchanged_frozen_field`
    /// (a warning) when the identical value is sent.
    pub fn check_frozen(&self, key: &'static str, value: &Json, sink: &mut Sink) {
        if !self.is_frozen() || !matches!(key, "fullName" | "email") {
            return;
        }
        let unchanged = match (value, self.value_of(key)) {
            // Exact: code unit for code unit, an unpaired surrogate included.
            (Json::Str(s), Some(now)) => s.text == now.text && s.lone == now.lone,
            // null where the record holds null is no change either (as
            // diffUpdate drops it); null itself is the body's own issue.
            (Json::Null, None) => self.is_null(key),
            _ => false,
        };
        if unchanged {
            sink.warn(unchanged_warning(key));
        } else {
            sink.issue(
                Issue::new(
                    path(&[key]),
                    Code::FrozenField,
                    Msg::new("frozen").label(field_label(key)),
                )
                .with(vec![("kycStatus", Param::Str(FROZEN_STATUS.into()))]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::parse;

    fn current(record: &str) -> Current<'_> {
        Current::from_json(&parse(record).unwrap()).unwrap()
    }

    fn codes(body: &str, record: &str) -> (Vec<Code>, Vec<Code>) {
        let report = crate::check_update(&parse(body).unwrap(), Some(&current(record)));
        let codes = |issues: &[Issue]| issues.iter().map(|i| i.code).collect::<Vec<_>>();
        (codes(&report.issues), codes(&report.warnings))
    }

    #[test]
    fn an_unpaired_surrogate_is_not_its_replacement_character() {
        let verified = r#"{"kyc_status":"VERIFIED","full_name":"Jane\ud800"}"#;
        // U+FFFD for U+D800: a change.
        assert_eq!(
            codes(r#"{"fullName":"Jane\ufffd"}"#, verified),
            (vec![Code::FrozenField], vec![])
        );
        // Another lone surrogate: a change too.
        assert_eq!(
            codes(r#"{"fullName":"Jane\udc00"}"#, verified),
            (vec![Code::FrozenField, Code::InvalidString], vec![])
        );
        // The same code units: not a change (the string still cannot be sent).
        assert_eq!(
            codes(r#"{"fullName":"Jane\ud800"}"#, verified),
            (vec![Code::InvalidString], vec![Code::UnchangedFrozenField])
        );
        // Positions count: "\ud800\ufffd" is not "\ufffd\ud800".
        let record = r#"{"kyc_status":"VERIFIED","email":"a\ud800\ufffd@b"}"#;
        assert!(
            codes(r#"{"email":"a\ufffd\ud800@b"}"#, record)
                .0
                .contains(&Code::FrozenField)
        );
    }

    #[test]
    fn null_where_the_record_holds_null_is_no_change_as_in_the_diff() {
        let record = r#"{"kyc_status":"VERIFIED","full_name":"Jane","email":null}"#;
        // null is not an email (the body's issue), but it changes nothing: a warning, not frozen_field.
        assert_eq!(
            codes(r#"{"email":null}"#, record),
            (vec![Code::InvalidType], vec![Code::UnchangedFrozenField])
        );
        let diff = crate::diff::diff(&current(record), &parse(r#"{"email":null}"#).unwrap());
        assert!(diff.update.is_empty() && diff.skipped.is_empty());
        // null to a value, a value to null, and null where the record has no email at all: changes.
        assert_eq!(
            codes(r#"{"email":"a@b.co"}"#, record),
            (vec![Code::FrozenField], vec![])
        );
        assert_eq!(
            codes(r#"{"fullName":null}"#, record),
            (vec![Code::FrozenField, Code::InvalidType], vec![])
        );
        assert_eq!(
            codes(
                r#"{"email":null}"#,
                r#"{"kyc_status":"VERIFIED","full_name":"Jane"}"#
            ),
            (vec![Code::FrozenField, Code::InvalidType], vec![])
        );
    }

    #[test]
    fn the_diff_keeps_a_change_that_only_a_surrogate_hides() {
        let record = current(r#"{"kyc_status":"PENDING","full_name":"Jane\ud800"}"#);
        let desired = parse(r#"{"fullName":"Jane\ufffd"}"#).unwrap();
        let diff = crate::diff::diff(&record, &desired);
        assert_eq!(
            diff.to_json(),
            r#"{"update":{"fullName":"Jane�"},"skipped":[]}"#
        );
    }

    #[test]
    fn raw_surrogates_in_text_read_as_their_escapes() {
        // "Jane" + U+FFFD standing for a raw U+D800 at byte offset 18.
        let text = "{\"fullName\":\"Jane\u{FFFD}\"}";
        let lone = [17, 0xD800];
        let raw = crate::scan::parse_with_lone(text, &lone).unwrap();
        let escaped = parse(r#"{"fullName":"Jane\ud800"}"#).unwrap();
        assert_eq!(raw, escaped);
        // A table that does not point at a U+FFFD is refused, not trusted.
        assert!(crate::scan::parse_with_lone(text, &[3, 0xD800]).is_err());
        // A high and a low half side by side, raw or escaped in any mix, are one
        // character, as they are in a JavaScript string.
        let pair = parse(r#""😀""#).unwrap();
        let text = "\"\u{FFFD}\\ude00\"";
        assert_eq!(
            crate::scan::parse_with_lone(text, &[1, 0xD83D]).unwrap(),
            pair
        );
        let text = "\"\\ud83d\u{FFFD}\"";
        assert_eq!(
            crate::scan::parse_with_lone(text, &[7, 0xDE00]).unwrap(),
            pair
        );
        let text = "\"\u{FFFD}\u{FFFD}\"";
        assert_eq!(
            crate::scan::parse_with_lone(text, &[1, 0xD83D, 4, 0xDE00]).unwrap(),
            pair
        );
        // Outside a string, the stand-in is a syntax error where the surrogate was.
        let err = crate::scan::parse_with_lone("{\u{FFFD}}", &[1, 0xDC00]).unwrap_err();
        assert_eq!((err.line, err.column), (1, 2));
    }
}
