//! `validate_update_json(body, Some(current))`: the input split at the first
//! 0xFF byte (or in half) into the body text and the current record's text.
//! An error for an unusable current is fine; a panic is not.
#![no_main]

use fuzz_checks::{check_freeze, check_report, split};
use ic_customer_contract::json::Json;
use ic_customer_contract::scan;
use ic_customer_contract::{current_from_text, validate_update_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((body, current_text)) = split(data) else {
        return;
    };
    let result = validate_update_json(body, Some(current_text));
    // Usable: JSON `null` (no record), or an object with a string kyc_status.
    let usable = match scan::parse(current_text) {
        Ok(Json::Null) => true,
        Ok(record @ Json::Object(_)) => matches!(record.get("kyc_status"), Some(Json::Str(_))),
        _ => false,
    };
    let Ok(with) = result else {
        assert!(!usable, "usable current rejected: {result:?}");
        return;
    };
    assert!(usable, "unusable current accepted");
    check_report(&with, scan::parse(body).is_ok());
    let without = validate_update_json(body, None).expect("no current, no error");
    let current = current_from_text(Some(current_text)).expect("usable");
    check_freeze(&with, &without, current.as_ref());
});
