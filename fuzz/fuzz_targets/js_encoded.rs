//! The package's encoding of JavaScript values (`!"name"` tokens):
//! `parse_js_encoded`, then the body rules, the record rules and the request
//! builder on the result.
#![no_main]

use fuzz_checks::{check_report, text};
use ic_customer_contract::json;
use ic_customer_contract::request::build_patch_request;
use ic_customer_contract::{Built, check_customer, check_update, current_from};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let plain = json::parse(text);
    let Ok(value) = json::parse_js_encoded(text) else {
        assert!(plain.is_err(), "JSON the JS encoding rejects");
        return;
    };
    // The encoding is a superset of JSON: plain JSON reads the same both ways.
    if let Ok(plain) = plain {
        assert_eq!(plain, value);
    }
    check_report(&check_update(&value, None), true);
    check_report(&check_customer(&value), true);

    let Ok(built) = build_patch_request(&value, || "fuzz-key".to_owned()) else {
        // Only an unusable `current` is an error.
        assert!(current_from(value.get("current")).is_err());
        return;
    };
    let out = built.to_json();
    json::parse(&out).unwrap_or_else(|e| panic!("Built::to_json: {e:?} in {out}"));
    match built {
        Built::Ok(request, warnings) => {
            // What was accepted is sent as JSON that passes the same rules.
            let current = current_from(value.get("current")).expect("built, so usable");
            let body = json::parse(&request.body)
                .unwrap_or_else(|e| panic!("body {:?}: {e:?}", request.body));
            let again = check_update(&body, current.as_ref());
            assert!(again.ok, "{:?} -> {again:?}", request.body);
            assert_eq!(again.warnings.len(), warnings.len());
            assert!(request.url.contains("/customers/"));
            assert!(!request.url.contains(['?', '#', ' ']));
        }
        Built::Invalid(issues) => {
            assert!(!issues.is_empty());
            fuzz_checks::check_issues(&issues);
        }
    }
});
