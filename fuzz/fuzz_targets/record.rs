//! `validate_customer_json` on any text.
#![no_main]

use fuzz_checks::{check_report, serde_value, text};
use ic_customer_contract::{Code, scan, validate_customer, validate_customer_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let report = validate_customer_json(text);
    check_report(&report, scan::parse(text).is_ok());
    // A record is never judged by the body's freeze rules, and never warned about.
    assert!(report.warnings.is_empty());
    assert!(report.issues.iter().all(|i| !matches!(
        i.code,
        Code::FrozenField | Code::UnknownField | Code::ImmutableField
    )));
    if let Some(value) = serde_value(text) {
        assert_eq!(validate_customer(&value), report);
    }
});
