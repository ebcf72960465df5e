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
/// - `phone` and `risk` are kept as given (the record does not carry them);
/// - any other key of `desired` goes to `skipped` with the issue it would raise,
///   and a string that cannot be sent (an unpaired surrogate) as `invalid_string`.
///
/// Values are not validated here: validate the result (or build the request).
pub fn diff<'a>(current: &Current, desired: &Json<'a>) -> Diff<'a> {
    let mut update = Vec::new();
    let mut skipped = Vec::new();
    if !matches!(desired, Json::Object(_)) {
        let mut sink = Sink::default();
        check_update(desired, None, &mut sink);
        return Diff {
            update,
            skipped: sink.issues,
        };
    }
    for key in UPDATE_KEYS {
        let Some(value) = desired.get(key) else {
            continue;
        };
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
    // The issues other keys would raise, from the one place that words them.
    // Past the issue cap, the count of those left out comes last, at `[]`.
    let mut others = Sink::default();
    check_update(desired, None, &mut others);
    skipped.extend(others.finish().issues.into_iter().filter(|i| {
        matches!(i.code, Code::UnknownField | Code::ImmutableField)
            && (i.path.len() == 1
                || i.params
                    .as_ref()
                    .is_some_and(|p| p.get("omitted").is_some()))
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
