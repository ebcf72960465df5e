//! The committed TypeScript declarations (`pkg/index.d.ts`, shipped as is)
//! name exactly the codes, statuses and enums this crate has: a code or enum
//! value added here and not there (or the reverse) fails.

use ic_customer_contract::Code;
use ic_customer_contract::issue::PARAM_NAMES;
use ic_customer_contract::record::{ADDED_VIA, CUSTOMER_TYPES, KYC_STATUSES};
use ic_customer_contract::update::{RISK_KEYS, UPDATE_KEYS};

fn dts() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg/index.d.ts"))
        .expect("pkg/index.d.ts")
}

/// The string literals of `export type NAME = 'a' | 'b' ...;`.
fn union(dts: &str, name: &str) -> Vec<String> {
    let start = dts
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no type {name}"));
    let body = &dts[start..start + dts[start..].find(';').expect("end of type")];
    body.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The member names of `export interface NAME { ... }`.
fn members(dts: &str, name: &str) -> Vec<String> {
    let start = dts
        .find(&format!("export interface {name} {{"))
        .unwrap_or_else(|| panic!("no interface {name}"));
    let body = &dts[start..start + dts[start..].find("\n}").expect("end of interface")];
    body.lines()
        .skip(1)
        .filter_map(|l| {
            let l = l.trim();
            (!l.starts_with('/') && !l.starts_with('*')).then(|| {
                l.split(['?', ':'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
        })
        .filter(|m| !m.is_empty())
        .collect()
}

#[test]
fn issue_codes_match() {
    let codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_owned()).collect();
    assert_eq!(union(&dts(), "IssueCode"), codes);
}

#[test]
fn record_enums_match() {
    let d = dts();
    assert_eq!(union(&d, "KycStatus"), KYC_STATUSES);
    assert_eq!(union(&d, "CustomerType"), CUSTOMER_TYPES);
    assert_eq!(union(&d, "AddedVia"), ADDED_VIA);
}

#[test]
fn body_fields_match() {
    let d = dts();
    assert_eq!(members(&d, "CustomerUpdate"), UPDATE_KEYS);
    assert_eq!(members(&d, "RiskAnswers"), RISK_KEYS);
}

#[test]
fn issue_params_match() {
    let mut declared = members(&dts(), "IssueParams");
    declared.sort();
    let mut names: Vec<&str> = PARAM_NAMES.to_vec();
    names.sort_unstable();
    assert_eq!(declared, names);
}
