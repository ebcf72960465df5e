//! `diff_update`: the minimal PATCH body that takes a record to a desired state.

use crate::check::{Sink, ill_formed, path};
use crate::current::Current;
use crate::issue::{Code, Issue, Param, write_issues, write_str};
use crate::json::{Json, write_json};
use crate::messages::{Arg, Msg};
use crate::update::{RISK_KEYS, UPDATE_KEYS, check_update, field_label};

/// The minimal body, and what could not go in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff<'a> {
    /// `(key, value)` pairs of the body, in schema order.
    pub update: Vec<(&'static str, Json<'a>)>,
    /// Why a desired change was left out (`frozen_field`, `immutable_field`, ...).
    pub skipped: Vec<Issue>,
}

/// The body that takes `current` to `desired`:
/// - `fullName` / `email` equal to the record's value are dropped (no change);
///   after verification a different value goes to `skipped` as `frozen_field`;
///   `null` where the record holds `null` is no change either;
/// - `phone` and `risk` are kept as given (the record does not carry them);
/// - any other key of `desired` goes to `skipped` with the issue it would raise,
///   a string that cannot be sent (an unpaired surrogate) as `invalid_string`,
///   and a value that JSON cannot carry as given, anywhere in it (`NaN`, a
///   `Date`, a function, a getter that threw, a container past the depth the
///   package reads: a cycle), with the issues the rules raise for it: JSON
///   would send such a value otherwise (`NaN` as `null`, which clears a phone)
///   or not at all.
///
/// Values are not validated here: validate the result (or build the request).
pub fn diff<'a>(current: &Current, desired: &Json<'a>) -> Diff<'a> {
    let mut update = Vec::new();
    let mut skipped = Vec::new();
    // The issues of `desired` as a body, from the one place that words them.
    let mut checked = Sink::default();
    check_update(desired, None, &mut checked);
    let checked = checked.finish().issues;
    if !matches!(desired, Json::Object(_)) {
        return Diff {
            update,
            skipped: checked,
        };
    }
    // The fields whose value holds one JSON cannot carry: their issues are skipped.
    let mut foreign = [false; UPDATE_KEYS.len()];
    for (at, key) in UPDATE_KEYS.into_iter().enumerate() {
        let Some(value) = desired.get(key) else {
            continue;
        };
        if value.holds_foreign() {
            foreign[at] = true;
            continue;
        }
        if let Json::Str(s) = value {
            if s.ill_formed() {
                skipped.push(ill_formed(path(&[key]), Arg::Phrase(field_label(key))));
                continue;
            }
            if let Some(now) = current.value_of(key) {
                if s.text == now.text && s.lone == now.lone {
                    continue;
                }
            }
        }
        if matches!(value, Json::Null) && current.is_null(key) {
            continue;
        }
        if matches!(key, "fullName" | "email") && current.is_frozen() {
            skipped.push(
                Issue::new(
                    path(&[key]),
                    Code::FrozenField,
                    Msg::new("frozen").label(field_label(key)),
                )
                .with(vec![(
                    "kycStatus",
                    Param::Str(crate::current::FROZEN_STATUS.into()),
                )]),
            );
            continue;
        }
        update.push((key, value.clone()));
    }
    // Then, in the rules' order, the issues of those fields and those other
    // keys raise. Past the issue cap, the count of those left out comes last,
    // at `[]`.
    skipped.extend(checked.into_iter().filter(|i| {
        let field = i
            .path
            .first()
            .and_then(|k| UPDATE_KEYS.iter().position(|u| u == k));
        field.is_some_and(|at| foreign[at])
            || (matches!(i.code, Code::UnknownField | Code::ImmutableField)
                && (i.path.len() == 1
                    || i.params
                        .as_ref()
                        .is_some_and(|p| p.get("omitted").is_some())))
    }));
    Diff { update, skipped }
}

/// Appends a body as JSON: keys in schema order, `risk`'s answers in schema order.
pub fn write_body(update: &[(&str, Json)], out: &mut String) {
    out.push('{');
    for (i, (key, value)) in update.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(key, out);
        out.push(':');
        match (*key, value) {
            ("risk", Json::Object(_)) => {
                out.push('{');
                let mut first = true;
                let known = RISK_KEYS
                    .iter()
                    .filter_map(|k| value.get(k).map(|v| (*k, v)));
                let others = value
                    .members_sorted()
                    .into_iter()
                    .filter(|(k, _)| !RISK_KEYS.contains(k));
                for (k, v) in known.chain(others) {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    write_str(k, out);
                    out.push(':');
                    write_json(v, out);
                }
                out.push('}');
            }
            _ => write_json(value, out),
        }
    }
    out.push('}');
}

impl Diff<'_> {
    /// `{"update":{...},"skipped":[...]}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"update\":");
        write_body(&self.update, &mut out);
        out.push_str(",\"skipped\":");
        write_issues(&self.skipped, &mut out);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::parse;
    use std::borrow::Cow;

    fn record(text: &str) -> Current<'_> {
        Current::from_json(&parse(text).unwrap()).unwrap()
    }

    /// `desired` with `value` put at `key` of the object at `at` (a path of keys).
    fn with<'a>(desired: &'a str, at: &[&str], key: &'a str, value: Json<'a>) -> Json<'a> {
        let mut json = parse(desired).unwrap();
        let mut node = &mut json;
        for k in at {
            let Json::Object(members) = node else {
                panic!()
            };
            node = &mut members.iter_mut().find(|(m, _)| m == k).unwrap().1;
        }
        let Json::Object(members) = node else {
            panic!()
        };
        members.push((Cow::Borrowed(key), value));
        json
    }

    #[test]
    fn a_value_json_cannot_carry_is_skipped_not_sent() {
        let current = record(r#"{"kyc_status":"PENDING","full_name":"Jane"}"#);
        let nan = || Json::Foreign(Cow::Borrowed("non-finite number"));
        for (desired, key) in [
            (with(r#"{"email":"a@b.co"}"#, &[], "phone", nan()), "phone"),
            (
                with(r#"{"email":"a@b.co"}"#, &[], "fullName", nan()),
                "fullName",
            ),
            (
                with(
                    r#"{"email":"a@b.co","risk":{}}"#,
                    &["risk"],
                    "isNewCustomer",
                    nan(),
                ),
                "risk",
            ),
            (
                with(
                    r#"{"email":"a@b.co","risk":{"x":{}}}"#,
                    &["risk", "x"],
                    "y",
                    nan(),
                ),
                "risk",
            ),
        ] {
            let diff = diff(&current, &desired);
            assert_eq!(
                diff.update.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
                ["email"],
                "{key}"
            );
            assert!(!diff.skipped.is_empty(), "{key}");
            assert!(
                diff.skipped.iter().all(|i| i.path[0] == key),
                "{key}: {:?}",
                diff.skipped
            );
        }
        // The issue is the one validation gives.
        let desired = with(r#"{}"#, &[], "phone", nan());
        let skipped = diff(&current, &desired).skipped;
        assert_eq!(skipped.len(), 1);
        assert_eq!(
            (skipped[0].code, skipped[0].message.as_str()),
            (
                Code::InvalidType,
                "Phone must be a string or null; received a number that is not finite (NaN or Infinity), which JSON would send as null."
            )
        );
    }

    #[test]
    fn null_is_no_change_where_the_record_holds_null() {
        for status in ["PENDING", "VERIFIED"] {
            let text = format!(r#"{{"kyc_status":"{status}","full_name":null,"email":null}}"#);
            let current = record(&text);
            let desired = parse(r#"{"fullName":null,"email":null}"#).unwrap();
            let diff = diff(&current, &desired);
            assert_eq!((diff.update.len(), diff.skipped.len()), (0, 0), "{status}");
        }
        // Absent, or another value: null is a change.
        for text in [
            r#"{"kyc_status":"PENDING"}"#,
            r#"{"kyc_status":"PENDING","email":42}"#,
        ] {
            let diff = diff(&record(text), &parse(r#"{"email":null}"#).unwrap());
            assert_eq!(diff.update, vec![("email", Json::Null)], "{text}");
        }
        let current = record(r#"{"kyc_status":"PENDING","email":"a@b.co"}"#);
        let diff = diff(&current, &parse(r#"{"email":null}"#).unwrap());
        assert_eq!(diff.update, vec![("email", Json::Null)]);
    }
}
