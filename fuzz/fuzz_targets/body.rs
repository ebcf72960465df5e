//! `validate_update_json(text, None)` on any text.
#![no_main]

use fuzz_checks::{check_report, serde_value, text};
use ic_customer_contract::{scan, validate_update, validate_update_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let report = validate_update_json(text, None).expect("no current, no error");
    check_report(&report, scan::parse(text).is_ok());
    // The value path agrees with the text path wherever serde_json can read the text.
    if let Some(value) = serde_value(text) {
        assert_eq!(validate_update(&value, None).expect("no current"), report);
    }
});
