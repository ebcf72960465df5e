//! The issue encoding: the records of a report (body text, then a record,
//! split at the first 0xFF) decode, as `pkg/src/records.js` reads them, to
//! exactly the report's issues and warnings: codes, paths, params, message
//! ids and arguments, in order, with no word left over.
#![no_main]

use fuzz_checks::{check_report_records, split};
use ic_customer_contract::calls;
use ic_customer_contract::{check_update, current_from, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((body, record)) = split(data) else {
        return;
    };
    let Ok(value) = scan::parse(body) else { return };
    let current = match scan::parse(record) {
        Ok(record) => match current_from(Some(&record)) {
            Ok(current) => current,
            Err(_) => return,
        },
        Err(_) => None,
    };
    let report = check_update(&value, current.as_ref());
    let words = calls::records(|w| {
        calls::report(w, &report);
        Ok(())
    });
    check_report_records(&words, &report);
});
