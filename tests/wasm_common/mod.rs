//! The shared fixture tables through the rules compiled to WebAssembly: one
//! suite, two runners (`wasm_node.rs` in Node, `wasm_browser.rs` in headless
//! Chromium), the same loader and comparisons as the native `fixtures.rs`.
//! Run with `cargo xtask test`, or by hand:
//! `cargo test --target wasm32-unknown-unknown --test wasm_node`.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use ic_customer_contract::issue::write_str;
use ic_customer_contract::json::{Json, write_json};
use ic_customer_contract::{check_customer, check_update, validate_batch, validate_update_json};
use wasm_bindgen_test::wasm_bindgen_test;

/// Fails with every disagreeing case named, not only the first.
fn assert_no_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} cases disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Whether a value holds a string with an unpaired surrogate (JSON text written
/// from it would carry U+FFFD instead, so it only runs through the value path).
fn has_ill_formed(value: &Json) -> bool {
    match value {
        Json::Str(s) => s.ill_formed(),
        Json::Array(items) => items.iter().any(has_ill_formed),
        Json::Object(members) => members.iter().any(|(_, v)| has_ill_formed(v)),
        _ => false,
    }
}

fn to_text(value: &Json) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

#[wasm_bindgen_test]
fn update_cases_value_path() {
    let doc = parse_fixture(UPDATE_CASES);
    let cases = update_cases(&doc);
    assert!(
        cases.len() > 100,
        "the table has only {} cases",
        cases.len()
    );
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in &cases {
        let Some(body) = case.body else { continue };
        ran += 1;
        let report = check_update(body, case.current().as_ref());
        assert_eq!(report.ok, report.issues.is_empty(), "{}: ok", case.name);
        let (issues, warnings) = (actual(&report.issues), actual(&report.warnings));
        if issues != case.issues || warnings != case.warnings {
            failures.push(format!(
                "{}: issues {issues:?} warnings {warnings:?}, expected {:?} {:?}",
                case.name, case.issues, case.warnings
            ));
        }
    }
    assert!(ran > 100, "only {ran} body cases");
    assert_no_failures("check_update", &failures);
}

#[wasm_bindgen_test]
fn update_cases_text_path() {
    let doc = parse_fixture(UPDATE_CASES);
    let mut failures = Vec::new();
    let (mut raw_texts, mut written) = (0, 0);
    for case in update_cases(&doc) {
        let text = match (case.text, case.body) {
            (Some(text), _) => {
                raw_texts += 1;
                text.to_owned()
            }
            (None, Some(body)) if !has_ill_formed(body) => {
                written += 1;
                to_text(body)
            }
            (None, Some(_)) => continue,
            (None, None) => panic!("{}: neither body nor text", case.name),
        };
        let current = case.current.map(to_text);
        let report = match validate_update_json(&text, current.as_deref()) {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{}: current rejected: {}", case.name, e.0.message));
                continue;
            }
        };
        let (issues, warnings) = (actual(&report.issues), actual(&report.warnings));
        if issues != case.issues || warnings != case.warnings {
            failures.push(format!(
                "{}: issues {issues:?} warnings {warnings:?}, expected {:?} {:?}",
                case.name, case.issues, case.warnings
            ));
        }
    }
    assert!(
        raw_texts > 0 && written > 100,
        "{raw_texts} texts, {written} bodies"
    );
    assert_no_failures("validate_update_json", &failures);
}

/// All well-formed body cases as one batch: each item's verdict must be its case's.
#[wasm_bindgen_test]
fn update_cases_as_one_batch() {
    let doc = parse_fixture(UPDATE_CASES);
    let cases: Vec<UpdateCase> = update_cases(&doc)
        .into_iter()
        .filter(|c| c.body.is_some_and(|b| !has_ill_formed(b)))
        .collect();
    let mut text = String::from("[");
    for (i, case) in cases.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str("{\"id\":");
        write_str(&case.name, &mut text);
        text.push_str(",\"update\":");
        text.push_str(&to_text(case.body.unwrap_or(&Json::Null)));
        if let Some(current) = case.current {
            text.push_str(",\"current\":");
            text.push_str(&to_text(current));
        }
        text.push('}');
    }
    text.push(']');

    let batch = validate_batch(&text, &[]);
    assert!(batch.issues.is_empty(), "batch issues {:?}", batch.issues);
    assert_eq!(batch.total, cases.len());
    let invalid = cases.iter().filter(|c| !c.issues.is_empty()).count();
    assert_eq!(
        (batch.valid, batch.invalid),
        (cases.len() - invalid, invalid)
    );
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let (issues, warnings) = batch
            .results
            .iter()
            .find(|r| r.index == index)
            .map_or_else(Default::default, |r| {
                (actual(&r.issues), actual(&r.warnings))
            });
        if issues != case.issues || warnings != case.warnings {
            failures.push(format!(
                "#{index} {}: issues {issues:?} warnings {warnings:?}, expected {:?} {:?}",
                case.name, case.issues, case.warnings
            ));
        }
    }
    assert_no_failures("validate_batch", &failures);
}

#[wasm_bindgen_test]
fn customer_cases() {
    let doc = parse_fixture(CUSTOMER_CASES);
    let valid = doc.get("valid").expect("a valid record");
    let report = check_customer(valid);
    assert_eq!(
        actual(&report.issues),
        Vec::new(),
        "the valid record has issues"
    );
    let Some(Json::Array(cases)) = doc.get("cases") else {
        panic!("no cases")
    };
    assert!(cases.len() > 20, "only {} customer cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let record = mutate(valid, case);
        assert_ne!(
            &record,
            valid,
            "{}: the mutation changed nothing",
            text(case, "name")
        );
        let report = check_customer(&record);
        assert_eq!(report.ok, report.issues.is_empty());
        let (got, want) = (actual(&report.issues), expected(case.get("issues")));
        if got != want {
            failures.push(format!(
                "{}: {got:?}, expected {want:?}",
                text(case, "name")
            ));
        }
    }
    assert_no_failures("check_customer", &failures);
}

/// The module's allocator (`src/alloc.rs`) grows memory by at least an eighth
/// of itself: a call that holds many small blocks (a batch's results) must
/// not grow it a page at a time, since V8 may collect its whole heap at each
/// growth (a first 100,000-item batch once took 8.8 s for it).
#[wasm_bindgen_test]
fn memory_grows_in_large_steps() {
    let size = || core::arch::wasm32::memory_size(0);
    let start = size();
    let mut held: Vec<Vec<u8>> = Vec::with_capacity(200_000);
    let mut growths = 0;
    let mut pages = start;
    for i in 0..200_000u32 {
        held.push(vec![i as u8; 100]);
        if size() != pages {
            growths += 1;
            pages = size();
        }
    }
    // 200,000 blocks of 128 bytes: 25.6 MB, about 390 pages.
    assert!(pages - start >= 390, "{} pages grown", pages - start);
    assert!(
        growths <= 40,
        "{growths} growths for {} pages",
        pages - start
    );
    let sum: usize = held.iter().map(|b| usize::from(b[99])).sum();
    let want: usize = (0..200_000usize).map(|i| i % 256).sum();
    assert_eq!(sum, want, "the blocks kept their bytes");
}
