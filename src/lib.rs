//! The rules of Instant Compliance's `PATCH /api/v1/customers/{id}` in one place.
//!
//! Every entry point takes JSON text or a `serde_json::Value` (never only a
//! typed struct: a wrong type or an unknown key must be an issue, not a
//! deserialization error) and returns every problem in one pass, in a
//! deterministic order. The same functions run natively (the `ic-contract`
//! CLI, Rust callers, the schema generator) and in WebAssembly (`src/wasm.rs`,
//! the npm package).
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod alloc;
pub mod batch;
pub mod bytes;
pub mod calls;
pub mod check;
pub mod current;
pub mod diff;
pub mod email;
pub mod fields;
pub mod generated;
pub mod issue;
pub mod json;
pub mod messages;
pub mod record;
pub mod records;
pub mod request;
pub mod scan;
pub mod schema;
pub mod tape;
pub mod update;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use batch::{BatchReport, ItemReport, validate_batch};
pub use current::{Current, CurrentError};
pub use diff::Diff;
pub use email::{EMAIL_PATTERN, is_valid_email};
pub use fields::{FieldRule, field_rules};
pub use issue::{Code, Issue, Param, Params, Report};
pub use json::Json;
pub use record::Customer;
pub use request::{Built, CustomerId, PatchRequest};
pub use scan::ParseError;
pub use update::{CustomerUpdate, RiskAnswers};

use check::Sink;

/// `parts` joined by `sep`. One small loop for the module's joins: std's
/// `join` and `concat` are about 0.9 KB of wasm for each kind of part.
pub(crate) fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// The `invalid_json` issue for a parse error: at `[]`, its message carrying the position.
pub fn invalid_json_issue(e: &ParseError) -> Issue {
    Issue::new(
        Vec::new(),
        Code::InvalidJson,
        json_error_msg("json.invalid", e),
    )
    .with(vec![
        ("line", Param::Int(e.line as u64)),
        ("column", Param::Int(e.column as u64)),
        ("offset", Param::Int(e.offset as u64)),
    ])
}

/// "The text is not valid JSON: <reason> at line L, column C." (`id` names which text).
fn json_error_msg(id: &'static str, e: &ParseError) -> messages::Msg {
    use messages::Arg;
    messages::Msg::new(id)
        .arg("reason", messages::json_reason(e.reason))
        .arg("line", Arg::Int(e.line as u64))
        .arg("column", Arg::Int(e.column as u64))
}

/// Reads an optional current record (`null` counts as none).
pub fn current_from<'a>(record: Option<&Json<'a>>) -> Result<Option<Current<'a>>, CurrentError> {
    match record {
        None | Some(Json::Null) => Ok(None),
        Some(record) => Current::from_json(record).map(Some),
    }
}

/// Reads an optional current record given as JSON text; text that is not JSON is an error.
pub fn current_from_text(text: Option<&str>) -> Result<Option<Current<'_>>, CurrentError> {
    current_from_js_text(text.map(|text| (text, &[][..])))
}

/// [`current_from_text`] for text that held raw unpaired surrogates (see [`scan::LoneSurrogates`]).
pub fn current_from_js_text<'a>(
    text: Option<(&'a str, scan::LoneSurrogates<'a>)>,
) -> Result<Option<Current<'a>>, CurrentError> {
    match text {
        None => Ok(None),
        Some((text, lone)) => match scan::parse_with_lone(text, lone) {
            Ok(record) => current_from(Some(&record)),
            Err(e) => Err(CurrentError(Issue::new(
                Vec::new(),
                Code::InvalidJson,
                json_error_msg("json.current", &e),
            ))),
        },
    }
}

/// Validates a PATCH body in the crate's JSON model (both paths end here).
pub fn check_update(body: &Json, current: Option<&Current>) -> Report {
    let mut sink = Sink::default();
    update::check_update(body, current, &mut sink);
    sink.finish()
}

/// Validates a PATCH body, with the freeze rules when `current` is given.
/// Errors only when `current` is not an object or has no string `kyc_status`.
pub fn validate_update(
    body: &serde_json::Value,
    current: Option<&serde_json::Value>,
) -> Result<Report, CurrentError> {
    let current = current_from(current.map(Json::from).as_ref())?;
    Ok(check_update(&Json::from(body), current.as_ref()))
}

/// Validates a PATCH body given as JSON text; text that is not JSON is one
/// `invalid_json` issue at `[]`. Errors only for an unusable `current_text`.
pub fn validate_update_json(
    text: &str,
    current_text: Option<&str>,
) -> Result<Report, CurrentError> {
    validate_update_js_text((text, &[]), current_text.map(|text| (text, &[][..])))
}

/// [`validate_update_json`] for texts that held raw unpaired surrogates, as a
/// JavaScript string can (see [`scan::LoneSurrogates`]): they are read as
/// their `\uD800` escapes would be.
pub fn validate_update_js_text(
    (text, lone): (&str, scan::LoneSurrogates),
    current_text: Option<(&str, scan::LoneSurrogates)>,
) -> Result<Report, CurrentError> {
    let current = current_from_js_text(current_text)?;
    Ok(match scan::parse_with_lone(text, lone) {
        Ok(body) => check_update(&body, current.as_ref()),
        Err(e) => Report::new(vec![invalid_json_issue(&e)], Vec::new()),
    })
}

/// [`validate_update_js_text`] on text given as bytes (a caller's
/// `Uint8Array`, or a string the package wrote as UTF-8): bytes that are not
/// UTF-8 are an `invalid_json` issue (or, in the record, its error), never
/// replaced.
pub fn validate_update_bytes(
    body: tape::TextArg,
    current: Option<tape::TextArg>,
) -> Result<Report, CurrentError> {
    let current = match current {
        None => None,
        Some(arg) => match bytes::utf8(arg.bytes) {
            Ok(text) => Some((text, arg.lone)),
            Err(valid_up_to) => {
                let e = scan::utf8_error(arg.bytes, valid_up_to);
                return Err(CurrentError(Issue::new(
                    Vec::new(),
                    Code::InvalidJson,
                    json_error_msg("json.current", &e),
                )));
            }
        },
    };
    match bytes::utf8(body.bytes) {
        Ok(text) => validate_update_js_text((text, body.lone), current),
        Err(valid_up_to) => {
            // A malformed record is reported first, as for text.
            current_from_js_text(current)?;
            let e = scan::utf8_error(body.bytes, valid_up_to);
            Ok(Report::new(vec![invalid_json_issue(&e)], Vec::new()))
        }
    }
}

/// Validates a customer record (the API's response).
pub fn validate_customer(record: &serde_json::Value) -> Report {
    check_customer(&Json::from(record))
}

/// Validates a customer record given as JSON text.
pub fn validate_customer_json(text: &str) -> Report {
    match scan::parse(text) {
        Ok(record) => check_customer(&record),
        Err(e) => Report::new(vec![invalid_json_issue(&e)], Vec::new()),
    }
}

/// Validates a customer record in the crate's JSON model.
pub fn check_customer(record: &Json) -> Report {
    let mut sink = Sink::default();
    record::check_customer(record, &mut sink);
    sink.finish()
}

/// Validates a batch given as JSON text (see [`batch::validate_batch`]).
pub fn validate_batch_json(text: &str) -> BatchReport {
    validate_batch(text, &[])
}

/// The minimal body that takes `current` to `desired` (see [`diff::diff`]).
pub fn diff_update(
    current: &serde_json::Value,
    desired: &serde_json::Value,
) -> Result<Diff<'static>, CurrentError> {
    let current = Current::from_json(&Json::from(current))?;
    Ok(diff::diff(&current, &Json::from(desired)))
}

/// The rules of each body field for a form (see [`fields::field_rules`]).
pub fn field_rules_for(
    current: Option<&serde_json::Value>,
) -> Result<Vec<(&'static str, FieldRule)>, CurrentError> {
    let current = current_from(current.map(Json::from).as_ref())?;
    Ok(field_rules(current.as_ref()))
}

/// Reads a customer id: a UUID, or your `external_id`. Errors on an empty or over-long id.
pub fn parse_customer_id(id: &str) -> Result<CustomerId, Issue> {
    request::parse_customer_id(&Json::Str(json::JsonStr::new(id)))
}

/// Problems with an `Idempotency-Key` (1 to 255 visible ASCII characters), if any.
pub fn check_idempotency_key(key: &str) -> Option<Issue> {
    request::check_idempotency_key(&Json::Str(json::JsonStr::new(key)))
}

/// A fresh `Idempotency-Key`: a random UUID v4.
#[cfg(not(target_arch = "wasm32"))]
pub fn new_idempotency_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Builds the PATCH request from `{ id, update, current?, idempotencyKey?, baseUrl? }`
/// (see [`request::build_patch_request`]); a missing key is a fresh UUID v4.
#[cfg(not(target_arch = "wasm32"))]
pub fn build_patch_request(input: &serde_json::Value) -> Result<Built, CurrentError> {
    request::build_patch_request(&Json::from(input), new_idempotency_key)
}
