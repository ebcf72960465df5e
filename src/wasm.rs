//! The WebAssembly boundary: every export takes and returns text.
//!
//! Values cross as JSON text, not field by field: one copy of a short string
//! costs less than a dozen `Reflect::get` calls (TOOLCHAIN.md). JavaScript
//! values arrive in the package's own encoding (JSON plus `!"name"` for what
//! JSON cannot carry, built by `pkg/src/api.js`), results leave as JSON text
//! that the package parses into plain objects. Each issue carries its message
//! as data (`"msg": {"id", "args"}`, see `crate::messages`), which the package
//! turns into words from the same table, so the module ships no sentence. A
//! programming error (a malformed `current`, an unusable id) comes back as
//! `{"error":{"msg":…}}`, which the package throws. Nothing here panics on
//! any input.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::current::{Current, CurrentError};
use crate::issue::write_str;
use crate::json::{Json, parse_js_encoded};
use crate::{check_customer, check_update, current_from, diff, fields, request};

/// `{"error":{"msg":…}}`: a programming error the package throws, its
/// message as data (the package writes the sentence).
fn error_issue(issue: &crate::Issue) -> String {
    let mut out = String::from("{\"error\":{\"msg\":");
    out.push_str(&issue.msg.to_json());
    out.push_str("}}");
    out
}

/// `{"error":"<message>"}`, for what only a bug in the package can cause.
fn error(message: &str) -> String {
    let mut out = String::from("{\"error\":");
    write_str(message, &mut out);
    out.push('}');
    out
}

/// The package's encoding is produced by the package itself; a parse error
/// here is a bug in the package, reported rather than trapped.
fn decode(encoded: &str) -> Result<Json<'_>, String> {
    parse_js_encoded(encoded)
        .map_err(|e| error(&format!("internal: bad value encoding ({})", e.describe())))
}

fn current_of(encoded: Option<&str>) -> Result<Option<Current>, String> {
    let record = match encoded {
        None => return Ok(None),
        Some(text) => decode(text)?,
    };
    current_from(Some(&record)).map_err(|CurrentError(issue)| error_issue(&issue))
}

fn report_json(report: &crate::Report) -> String {
    let mut out = String::new();
    report.write_json(&mut out);
    out
}

/// Rule data for the package's fast path (it accepts only what is certainly valid).
#[wasm_bindgen]
pub fn rule_data() -> String {
    use crate::update::{
        EMAIL_MAX, FULL_NAME_MAX, FULL_NAME_MIN, PHONE_MAX, RISK_KEYS, UPDATE_KEYS,
    };
    let list = |items: &[&str]| {
        let mut out = String::from("[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(item, &mut out);
        }
        out.push(']');
        out
    };
    let mut pattern = String::new();
    write_str(crate::EMAIL_PATTERN, &mut pattern);
    let mut unchanged = String::new();
    crate::issue::write_issues(
        &[
            crate::current::unchanged_warning("fullName"),
            crate::current::unchanged_warning("email"),
        ],
        &mut unchanged,
    );
    let budget = crate::check::MAX_VALUE_ENTRIES;
    format!(
        "{{\"valueBudget\":{budget},\"fullNameMin\":{FULL_NAME_MIN},\"fullNameMax\":{FULL_NAME_MAX},\"emailMax\":{EMAIL_MAX},\"phoneMax\":{PHONE_MAX},\
         \"emailPattern\":{pattern},\"updateKeys\":{},\"riskKeys\":{},\"kycStatuses\":{},\"frozenStatus\":\"{}\",\"unchangedFrozen\":{unchanged},\"recordShape\":{}}}",
        list(&UPDATE_KEYS),
        list(&RISK_KEYS),
        list(&crate::record::KYC_STATUSES),
        crate::current::FROZEN_STATUS,
        crate::record::shape_json(),
    )
}

/// `validateUpdate(update, current?)` on encoded values.
#[wasm_bindgen]
pub fn validate_update(body: &str, current: Option<String>) -> String {
    let run = || -> Result<String, String> {
        let current = current_of(current.as_deref())?;
        Ok(report_json(&check_update(&decode(body)?, current.as_ref())))
    };
    run().unwrap_or_else(|e| e)
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
) -> String {
    let current = current_text.as_deref().map(|text| (text, current_lone));
    match crate::validate_update_js_text((text, lone), current) {
        Ok(report) => report_json(&report),
        Err(CurrentError(issue)) => error_issue(&issue),
    }
}

/// `validateBatchJson(text)`, with the text's raw unpaired surrogates.
#[wasm_bindgen]
pub fn validate_batch_json(text: &str, lone: &[u32]) -> String {
    crate::validate_batch(text, lone).to_json()
}

/// `validateCustomer(record)` on an encoded value.
#[wasm_bindgen]
pub fn validate_customer(record: &str) -> String {
    match decode(record) {
        Ok(record) => report_json(&check_customer(&record)),
        Err(e) => e,
    }
}

/// `diffUpdate(current, desired)` on encoded values.
#[wasm_bindgen]
pub fn diff_update(current: &str, desired: &str) -> String {
    let run = || -> Result<String, String> {
        let current = Current::from_json(&decode(current)?)
            .map_err(|CurrentError(issue)| error_issue(&issue))?;
        Ok(diff::diff(&current, &decode(desired)?).to_json())
    };
    run().unwrap_or_else(|e| e)
}

/// `fieldRules(current?)` on an encoded value.
#[wasm_bindgen]
pub fn field_rules(current: Option<String>) -> String {
    match current_of(current.as_deref()) {
        Ok(current) => fields::field_rules_json(&fields::field_rules(current.as_ref())),
        Err(e) => e,
    }
}

/// `buildPatchRequest(input)` on an encoded value; `fresh_key` is used when the input has none.
#[wasm_bindgen]
pub fn build_patch_request(input: &str, fresh_key: String) -> String {
    let run = || -> Result<String, String> {
        let input = decode(input)?;
        request::build_patch_request(&input, || fresh_key)
            .map(|built| built.to_json())
            .map_err(|CurrentError(issue)| error_issue(&issue))
    };
    run().unwrap_or_else(|e| e)
}

/// `parseCustomerId(id)` on an encoded value.
#[wasm_bindgen]
pub fn parse_customer_id(id: &str) -> String {
    match decode(id) {
        Ok(id) => match request::parse_customer_id(&id) {
            Ok(parsed) => parsed.to_json(),
            Err(issue) => error_issue(&issue),
        },
        Err(e) => e,
    }
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
        Err(e) => error(&e.to_string()),
    }
}
