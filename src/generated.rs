//! What the build writes into JavaScript from the crate: the rule data the
//! package's accept-only check and encoder read (`pkg/src/rules.js`), the
//! message table (`pkg/src/messages.js`, see [`crate::messages`]) and the
//! strings that cross as hashes (`pkg/src/strings.js`, see
//! [`crate::records`]). `tests/messages.rs` keeps the committed files equal
//! to these (`MESSAGES=overwrite` rewrites them), so the rules stay in one
//! place and the shipped module carries none of this.

use crate::issue::write_str;

/// The rule data, as JSON: limits, the email pattern, the body's and the
/// risk answers' keys, the statuses, the two `unchanged_frozen_field`
/// warnings as data, the value budget, the record's key tree, and the
/// tape's tags and calls (see [`crate::tape`]).
pub fn rule_data_json() -> String {
    use crate::update::{
        EMAIL_MAX, FULL_NAME_MAX, FULL_NAME_MIN, PHONE_MAX, RISK_KEYS, UPDATE_KEYS,
    };
    let mut pattern = String::new();
    write_str(crate::EMAIL_PATTERN, &mut pattern);
    let mut unchanged = String::from("[");
    for (i, key) in ["fullName", "email"].iter().enumerate() {
        let warning = crate::current::unchanged_warning(key);
        if i > 0 {
            unchanged.push(',');
        }
        unchanged.push_str("{\"path\":[");
        write_str(key, &mut unchanged);
        unchanged.push_str("],\"code\":");
        write_str(warning.code.as_str(), &mut unchanged);
        unchanged.push_str(",\"msg\":");
        unchanged.push_str(&warning.msg.to_json());
        unchanged.push('}');
    }
    unchanged.push(']');
    let budget = crate::check::MAX_VALUE_ENTRIES;
    let table = |pairs: &[(&str, u32)]| {
        let mut out = String::from("{");
        for (i, (name, n)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(name, &mut out);
            out.push(':');
            out.push_str(&n.to_string());
        }
        out.push('}');
        out
    };
    format!(
        "{{\"valueBudget\":{budget},\"fullNameMin\":{FULL_NAME_MIN},\"fullNameMax\":{FULL_NAME_MAX},\"emailMax\":{EMAIL_MAX},\"phoneMax\":{PHONE_MAX},\
         \"emailPattern\":{pattern},\"updateKeys\":{},\"riskKeys\":{},\"kycStatuses\":{},\"frozenStatus\":\"{}\",\"unchangedFrozen\":{unchanged},\"recordShape\":{},\"currentKeys\":{},\"tape\":{},\"ops\":{}}}",
        string_list(&UPDATE_KEYS),
        string_list(&RISK_KEYS),
        string_list(&crate::record::KYC_STATUSES),
        crate::current::FROZEN_STATUS,
        crate::record::shape_json(),
        string_list(&crate::current::READ_KEYS),
        table(&crate::tape::TAGS),
        table(&crate::tape::OPS),
    )
}

/// The request's rule data, as JSON: its fixed parts (method, path, headers,
/// default base URL), its limits and the patterns of the package's
/// accept-only check (see [`crate::request`]). Apart from [`rule_data_json`]
/// so that a page that never builds a request does not carry it.
pub fn request_data_json() -> String {
    use crate::request::{
        BASE_URL_PATTERN, CUSTOMERS_PATH, DEFAULT_BASE_URL, FIXED_HEADERS, ID_MAX, KEY_HEADER,
        KEY_MAX, KEY_PATTERN, METHOD, PLAIN_ID_PATTERN,
    };
    let mut headers = String::from("[");
    for (i, (name, value)) in FIXED_HEADERS.iter().enumerate() {
        if i > 0 {
            headers.push(',');
        }
        headers.push_str(&string_list(&[name, value]));
    }
    headers.push(']');
    let mut out = String::new();
    for (i, (name, text)) in [
        ("method", METHOD),
        ("customersPath", CUSTOMERS_PATH),
        ("defaultBaseUrl", DEFAULT_BASE_URL),
        ("keyHeader", KEY_HEADER),
        ("plainIdPattern", PLAIN_ID_PATTERN),
        ("keyPattern", KEY_PATTERN),
        ("baseUrlPattern", BASE_URL_PATTERN),
    ]
    .iter()
    .enumerate()
    {
        out.push(if i == 0 { '{' } else { ',' });
        write_str(name, &mut out);
        out.push(':');
        write_str(text, &mut out);
    }
    let uuid_len = crate::record::UUID_LEN;
    out.push_str(&format!(
        ",\"fixedHeaders\":{headers},\"idMax\":{ID_MAX},\"keyMax\":{KEY_MAX},\"uuidLength\":{uuid_len}}}"
    ));
    out
}

/// A JSON array of strings.
fn string_list(items: &[&str]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(item, &mut out);
    }
    out.push(']');
    out
}

/// `pkg/src/rules.js`: [`rule_data_json`] and [`request_data_json`] as a JavaScript module.
pub fn rules_js() -> String {
    [
        "// Generated from src/generated.rs by `MESSAGES=overwrite cargo test --test messages`: do not edit.\n",
        "// The rule data the package's accept-only check and encoder read.\n",
        "export const RULES = ",
        &rule_data_json(),
        ";\n",
        "export const REQUEST_RULES = ",
        &request_data_json(),
        ";\n",
    ]
    .concat()
}
