//! Loads the shared fixture tables (`tests/fixtures/*.json`) with the crate's own
//! parser: they hold `\ud800` escapes that serde_json rejects.
#![allow(dead_code)]

use std::borrow::Cow;

use ic_customer_contract::json::Json;
use ic_customer_contract::scan::parse;
use ic_customer_contract::{Current, Issue, current_from};

pub const UPDATE_CASES: &str = include_str!("../fixtures/update-cases.json");
pub const CUSTOMER_CASES: &str = include_str!("../fixtures/customer-cases.json");

/// `(path, code)` pairs, the part of an issue the tables pin down.
pub type Expected = Vec<(Vec<String>, String)>;

pub fn expected(list: Option<&Json>) -> Expected {
    let Some(Json::Array(items)) = list else {
        return Vec::new();
    };
    items
        .iter()
        .map(|item| {
            let Some(Json::Array(path)) = item.get("path") else {
                panic!("issue without path")
            };
            let path = path
                .iter()
                .map(|k| k.as_str().expect("path key").text.to_string())
                .collect();
            let code = item
                .get("code")
                .and_then(Json::as_str)
                .expect("code")
                .text
                .to_string();
            (path, code)
        })
        .collect()
}

pub fn actual(issues: &[Issue]) -> Expected {
    issues
        .iter()
        .map(|i| {
            (
                i.path.iter().map(|k| k.to_string()).collect(),
                i.code.as_str().to_owned(),
            )
        })
        .collect()
}

pub fn text<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key)
        .and_then(Json::as_str)
        .map(|s| s.text.as_ref())
        .unwrap_or_else(|| panic!("no string {key}"))
}

pub struct UpdateCase<'a> {
    pub name: String,
    pub body: Option<&'a Json<'a>>,
    pub text: Option<&'a str>,
    pub current: Option<&'a Json<'a>>,
    pub issues: Expected,
    pub warnings: Expected,
}

impl UpdateCase<'_> {
    pub fn current(&self) -> Option<Current<'_>> {
        current_from(self.current).expect("fixture current records are well formed")
    }
}

pub fn update_cases<'a>(doc: &'a Json<'a>) -> Vec<UpdateCase<'a>> {
    let records = doc.get("records").expect("records");
    let Some(Json::Array(cases)) = doc.get("cases") else {
        panic!("cases")
    };
    cases
        .iter()
        .map(|c| UpdateCase {
            name: text(c, "name").to_owned(),
            body: c.get("body"),
            text: c
                .get("text")
                .and_then(Json::as_str)
                .map(|s| s.text.as_ref()),
            current: match c.get("current") {
                Some(Json::Str(name)) => Some(records.get(&name.text).expect("named record")),
                other => other,
            },
            issues: expected(c.get("issues")),
            warnings: expected(c.get("warnings")),
        })
        .collect()
}

/// Applies a customer case's one mutation to a copy of the valid record.
pub fn mutate<'a>(valid: &Json<'a>, case: &Json<'a>) -> Json<'a> {
    let mut record = valid.clone();
    let (path, value) = if let Some(set) = case.get("set") {
        (
            set.get("path").expect("set.path"),
            Some(set.get("value").expect("set.value").clone()),
        )
    } else {
        (case.get("remove").expect("set or remove"), None)
    };
    let Json::Array(path) = path else {
        panic!("path")
    };
    let keys: Vec<String> = path
        .iter()
        .map(|k| k.as_str().expect("key").text.to_string())
        .collect();
    let mut at = &mut record;
    for key in &keys[..keys.len() - 1] {
        let Json::Object(members) = at else {
            panic!("not an object at {key}")
        };
        at = &mut members
            .iter_mut()
            .rev()
            .find(|(k, _)| k == key)
            .expect("key")
            .1;
    }
    let Json::Object(members) = at else {
        panic!("not an object")
    };
    let last = keys.last().expect("non-empty path");
    members.retain(|(k, _)| k != last);
    if let Some(value) = value {
        members.push((Cow::Owned(last.clone()), value));
    }
    record
}

pub fn parse_fixture(text: &str) -> Json<'_> {
    parse(text).expect("fixture is JSON")
}

/// Fails with every collected failure, one a line.
pub fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
