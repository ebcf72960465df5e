//! The WebAssembly boundary.
//!
//! Values come in as text: JavaScript values in the package's own encoding
//! (JSON plus `!"name"` for what JSON cannot carry, written by
//! `pkg/src/api.js` with only what the rules read), JSON text as it is.
//! Results go out as integer records (`crate::records`): issues with their
//! messages as data, which the package turns into objects and writes in words
//! from the message table, so the module formats nothing and ships no
//! sentence. A programming error (a malformed `current`, an unusable id)
//! comes back as a record the package throws. Nothing here panics on any input.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::current::{Current, CurrentError};
use crate::json::{Json, parse_js_encoded};
use crate::records::Writer;
use crate::{check_customer, check_update, current_from, diff, fields, request};

#[cfg(feature = "swb-compare")]
fn report_json(report: &crate::Report) -> String {
    let mut out = String::new();
    report.write_json(&mut out);
    out
}

/// A result's first word: what follows.
const RESULT: u32 = 0;
/// A programming error the package throws: its message follows.
const THROWN: u32 = 1;
/// A bug in the package itself (a value encoding it should never write): a string follows.
const INTERNAL: u32 = 2;

/// The records of an outcome (see [`crate::records`]): `RESULT` and what
/// `write` writes, or `THROWN` and the error's message.
fn records(write: impl FnOnce(&mut Writer) -> Result<(), Failure>) -> Vec<u32> {
    let mut w = Writer::default();
    w.word(RESULT);
    if let Err(failure) = write(&mut w) {
        w.words.clear();
        match failure {
            Failure::Thrown(issue) => {
                w.word(THROWN);
                w.msg(&issue.msg);
            }
            Failure::Internal(text) => {
                w.word(INTERNAL);
                w.str(&text);
            }
        }
    }
    w.words
}

/// Why a call gives no result.
enum Failure {
    /// A malformed `current`, an unusable id: the package throws it.
    Thrown(crate::Issue),
    /// The package's own encoding did not parse.
    Internal(String),
}

impl From<CurrentError> for Failure {
    fn from(CurrentError(issue): CurrentError) -> Self {
        Failure::Thrown(issue)
    }
}

/// The package's encoding is produced by the package itself; a parse error
/// here is a bug in the package, reported rather than trapped.
fn read(encoded: &str) -> Result<Json<'_>, Failure> {
    parse_js_encoded(encoded)
        .map_err(|e| Failure::Internal(["internal: bad value encoding (", e.reason, ")"].concat()))
}

fn current_from_encoded(encoded: Option<&str>) -> Result<Option<Current>, Failure> {
    match encoded {
        None => Ok(None),
        Some(text) => Ok(current_from(Some(&read(text)?))?),
    }
}

/// `ok`, issues, warnings.
fn report(w: &mut Writer, report: &crate::Report) {
    w.word(u32::from(report.ok));
    w.issues(&report.issues);
    w.issues(&report.warnings);
}

/// `validateUpdate(update, current?)` on encoded values.
#[wasm_bindgen]
pub fn validate_update(body: &str, current: Option<String>) -> Vec<u32> {
    records(|w| {
        let current = current_from_encoded(current.as_deref())?;
        report(w, &check_update(&read(body)?, current.as_ref()));
        Ok(())
    })
}

/// `validateUpdateJson(text, currentText?)` on JSON text. Each text comes with
/// its raw unpaired surrogates (usually none; see [`crate::json::LoneSurrogates`]):
/// the text itself has U+FFFD there.
#[wasm_bindgen]
pub fn validate_update_json(
    text: &str,
    lone: &[u32],
    current_text: Option<String>,
    current_lone: &[u32],
) -> Vec<u32> {
    records(|w| {
        let current = current_text.as_deref().map(|text| (text, current_lone));
        report(w, &crate::validate_update_js_text((text, lone), current)?);
        Ok(())
    })
}

/// `validateBatchJson(text)`, with the text's raw unpaired surrogates:
/// `total, valid, invalid`, the items with something to say (`index`,
/// issues, warnings), then the issues of the text as a whole.
#[wasm_bindgen]
pub fn validate_batch_json(text: &str, lone: &[u32]) -> Vec<u32> {
    records(|w| {
        let batch = crate::validate_batch(text, lone);
        w.count(batch.total);
        w.count(batch.valid);
        w.count(batch.invalid);
        w.count(batch.results.len());
        for item in &batch.results {
            w.count(item.index);
            w.issues(&item.issues);
            w.issues(&item.warnings);
        }
        w.issues(&batch.issues);
        Ok(())
    })
}

/// `validateCustomer(record)` on an encoded value.
#[wasm_bindgen]
pub fn validate_customer(record: &str) -> Vec<u32> {
    records(|w| {
        report(w, &check_customer(&read(record)?));
        Ok(())
    })
}

/// `diffUpdate(current, desired)` on encoded values: the update as JSON text
/// (its values as given), then the skipped issues.
#[wasm_bindgen]
pub fn diff_update(current: &str, desired: &str) -> Vec<u32> {
    records(|w| {
        let current = Current::from_json(&read(current)?)?;
        let diff = diff::diff(&current, &read(desired)?);
        let mut update = String::new();
        diff::write_body(&diff.update, &mut update);
        w.str(&update);
        w.issues(&diff.skipped);
        Ok(())
    })
}

/// `fieldRules(current?)` on an encoded value: per field, its key,
/// `editable`, the reason (`0`, or `1` and a message), `minLength` and
/// `maxLength` (`0`, or `1` and the figure), `nullable`, the format (`0`, or
/// `1` and a string).
#[wasm_bindgen]
pub fn field_rules(current: Option<String>) -> Vec<u32> {
    records(|w| {
        let current = current_from_encoded(current.as_deref())?;
        let rules = fields::field_rules(current.as_ref());
        w.count(rules.len());
        for (key, rule) in &rules {
            w.str(key);
            w.word(u32::from(rule.editable));
            match &rule.reason_msg {
                None => w.word(0),
                Some(msg) => {
                    w.word(1);
                    w.msg(msg);
                }
            }
            for n in [rule.min_length, rule.max_length] {
                match n {
                    None => w.word(0),
                    Some(n) => {
                        w.word(1);
                        w.count(n);
                    }
                }
            }
            w.word(u32::from(rule.nullable));
            match rule.format {
                None => w.word(0),
                Some(format) => {
                    w.word(1);
                    w.str(format);
                }
            }
        }
        Ok(())
    })
}

/// `buildPatchRequest(input)` on an encoded value; `fresh_key` is used when
/// the input has none: `1`, method, url, headers (`n`, name and value), body,
/// warnings; or `0` and the issues.
#[wasm_bindgen]
pub fn build_patch_request(input: &str, fresh_key: String) -> Vec<u32> {
    records(|w| {
        match request::build_patch_request(&read(input)?, || fresh_key)? {
            request::Built::Ok(r, warnings) => {
                w.word(1);
                w.str(r.method);
                w.str(&r.url);
                w.count(r.headers.len());
                for (name, value) in &r.headers {
                    w.str(name);
                    w.str(value);
                }
                w.str(&r.body);
                w.issues(&warnings);
            }
            request::Built::Invalid(issues) => {
                w.word(0);
                w.issues(&issues);
            }
        }
        Ok(())
    })
}

/// `parseCustomerId(id)` on an encoded value: `0` and the uuid, or `1` and the external id.
#[wasm_bindgen]
pub fn parse_customer_id(id: &str) -> Vec<u32> {
    records(|w| {
        match request::parse_customer_id(&read(id)?) {
            Ok(request::CustomerId::Uuid(uuid)) => {
                w.word(0);
                w.str(&uuid);
            }
            Ok(request::CustomerId::ExternalId(id)) => {
                w.word(1);
                w.str(&id);
            }
            Err(issue) => return Err(Failure::Thrown(issue)),
        }
        Ok(())
    })
}

/// The road not taken, built only with the `swb-compare` feature to measure it:
/// the body read field by field through serde-wasm-bindgen into a
/// `serde_json::Value`, then the same rules. It cannot see an unpaired
/// surrogate, a function or a class instance the way the text path does.
#[cfg(feature = "swb-compare")]
#[wasm_bindgen]
pub fn validate_update_swb(body: wasm_bindgen::JsValue) -> String {
    match serde_wasm_bindgen::from_value::<serde_json::Value>(body) {
        Ok(value) => report_json(&check_update(&Json::from(&value), None)),
        Err(e) => e.to_string(),
    }
}
