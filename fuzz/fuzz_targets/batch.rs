//! `validate_batch_json` on any text.
#![no_main]

use fuzz_checks::{check_batch, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let report = ic_customer_contract::validate_batch_json(text);
    check_batch(&report, text);
});
