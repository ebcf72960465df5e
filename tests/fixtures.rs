//! The shared fixture tables through the native Rust API: the value path and the
//! JSON-text path must both give exactly the expected issues, in order.

mod common;

use common::*;
use ic_customer_contract::json::{Json, write_json};
use ic_customer_contract::scan::parse;
use ic_customer_contract::{check_customer, check_update, validate_update_json};

#[test]
fn update_cases_value_path() {
    let doc = parse_fixture(UPDATE_CASES);
    let cases = update_cases(&doc);
    assert!(cases.len() > 100, "the table has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let Some(body) = case.body else { continue };
        let report = check_update(body, case.current().as_ref());
        if actual(&report.issues) != case.issues || actual(&report.warnings) != case.warnings {
            failures.push(format!(
                "{}: issues {:?} warnings {:?}, expected {:?} {:?}",
                case.name,
                actual(&report.issues),
                actual(&report.warnings),
                case.issues,
                case.warnings
            ));
        }
        assert_eq!(report.ok, report.issues.is_empty());
        for issue in report.issues.iter().chain(&report.warnings) {
            assert!(
                issue.message.ends_with(['.', '?']),
                "{}: message {:?}",
                case.name,
                issue.message
            );
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn update_cases_text_path() {
    let doc = parse_fixture(UPDATE_CASES);
    let mut failures = Vec::new();
    for case in update_cases(&doc) {
        let text = match (case.text, case.body) {
            (Some(t), _) => t.to_owned(),
            (None, Some(body)) => {
                // An ill-formed string cannot be re-written as it was; those run through the value path only.
                if format!("{body:?}").contains("lone: [(") {
                    continue;
                }
                let mut out = String::new();
                write_json(body, &mut out);
                out
            }
            (None, None) => panic!("{}: neither body nor text", case.name),
        };
        let current_text = case.current.map(|c| {
            let mut out = String::new();
            write_json(c, &mut out);
            out
        });
        let report =
            validate_update_json(&text, current_text.as_deref()).expect("current is well formed");
        if actual(&report.issues) != case.issues || actual(&report.warnings) != case.warnings {
            failures.push(format!(
                "{}: {:?} {:?}",
                case.name,
                actual(&report.issues),
                actual(&report.warnings)
            ));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn invalid_json_names_line_and_column() {
    let report = validate_update_json("{\n  \"fullName\" \"Jane\"\n}", None).unwrap();
    assert_eq!(report.issues.len(), 1);
    let issue = &report.issues[0];
    assert!(issue.path.is_empty());
    assert!(
        issue.message.contains("line 2, column 14"),
        "{}",
        issue.message
    );
    assert_eq!(
        issue.params.as_ref().and_then(|p| p.get("line")),
        Some(&ic_customer_contract::Param::Int(2))
    );
}

#[test]
fn customer_cases() {
    let doc = parse_fixture(CUSTOMER_CASES);
    let valid = doc.get("valid").expect("valid");
    assert_eq!(
        actual(&check_customer(valid).issues),
        Vec::new(),
        "the seed's example is valid"
    );
    let Some(Json::Array(cases)) = doc.get("cases") else {
        panic!("cases")
    };
    let mut failures = Vec::new();
    for case in cases {
        let record = mutate(valid, case);
        let got = actual(&check_customer(&record).issues);
        let want = expected(case.get("issues"));
        if got != want {
            failures.push(format!(
                "{}: {:?}, expected {:?}",
                text(case, "name"),
                got,
                want
            ));
        }
    }
    assert_no_failures(&failures);
}

#[test]
fn every_code_is_exercised_by_the_tables() {
    let mut seen = std::collections::BTreeSet::new();
    for text in [UPDATE_CASES, CUSTOMER_CASES] {
        let doc = parse(text).unwrap();
        for case in doc_cases(&doc) {
            for key in ["issues", "warnings"] {
                for (_, code) in expected(case.get(key)) {
                    seen.insert(code);
                }
            }
        }
    }
    for code in ic_customer_contract::Code::ALL {
        assert!(
            seen.contains(code.as_str()),
            "no fixture case for {}",
            code.as_str()
        );
    }
}

fn doc_cases<'a>(doc: &'a Json<'a>) -> &'a [Json<'a>] {
    match doc.get("cases") {
        Some(Json::Array(cases)) => cases,
        _ => &[],
    }
}
