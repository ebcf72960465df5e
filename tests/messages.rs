//! The message table leaves Rust as data, and stays the one source:
//! `pkg/src/messages.js` is [`messages::ENGLISH`] as JavaScript (and
//! `pkg/src/strings.js` the strings the wasm sends as hashes), and
//! `tests/fixtures/message-samples.json` holds message descriptors with the
//! English the crate renders for them (every template, both plural forms, and
//! every message the fixture tables, the request and batch paths produce),
//! which the package's JavaScript renderer must write identically
//! (`tests/js/test/messages.test.mjs`). Both files are generated and
//! committed; `MESSAGES=overwrite cargo test --test messages` rewrites them.

use ic_customer_contract::json::Json;
use ic_customer_contract::messages::{self, Arg, ENGLISH, Msg};
use ic_customer_contract::scan;
use ic_customer_contract::{Issue, issue::write_str};

fn fresh(path: &str, text: &str) {
    if std::env::var("MESSAGES").is_ok_and(|v| v == "overwrite") {
        std::fs::write(path, text).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == text,
        "{path} is stale: run `MESSAGES=overwrite cargo test --test messages`"
    );
}

#[test]
fn the_javascript_table_is_the_rust_table() {
    fresh("pkg/src/messages.js", &messages::english_js());
    fresh(
        "pkg/src/strings.js",
        &ic_customer_contract::records::strings_js(),
    );
    fresh(
        "pkg/src/rules.js",
        &ic_customer_contract::generated::rules_js(),
    );
}

/// A message for every template: each placeholder filled with a sample, counts once as 1 and once as 300.
fn every_template() -> Vec<Msg> {
    let mut out = Vec::new();
    for (id, text) in ENGLISH {
        if !text.contains('{') {
            out.push(Msg::new(id));
            continue;
        }
        if *text == "a {name}" || *text == "an {name}" {
            out.push(Msg::new(id).arg("name", Arg::Text("Date".into())));
            continue;
        }
        for n in [1, 300] {
            let mut msg = Msg::new(id);
            for name in [
                "label",
                "expected",
                "received",
                "key",
                "of",
                "suggestion",
                "status",
                "allowed",
                "reason",
                "name",
            ] {
                if text.contains(&format!("{{{name}}}")) {
                    let arg = match name {
                        "label" => Arg::Phrase("label.fullName"),
                        "expected" => Arg::Phrase("expected.string_or_null"),
                        "received" => messages::received(if n == 1 { "Error" } else { "Date" }),
                        "of" => Arg::Phrase("of.risk"),
                        "reason" => Arg::Phrase("json.unterminated"),
                        "key" => Arg::Text("full_name".into()),
                        other => Arg::Text(format!("<{other}>")),
                    };
                    msg = msg.arg(name, arg);
                }
            }
            for name in ["min", "max", "actual", "omitted", "line", "column"] {
                if text.contains(&format!("{{{name}")) {
                    msg = msg.arg(name, Arg::Int(n));
                }
            }
            if out.last() != Some(&msg) {
                out.push(msg);
            }
        }
    }
    out
}

/// The messages the fixture tables give, through the rules.
fn from_fixtures() -> Vec<Msg> {
    let mut issues: Vec<Issue> = Vec::new();
    for file in [
        "tests/fixtures/update-cases.json",
        "tests/fixtures/customer-cases.json",
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        let doc = scan::parse(&text).unwrap();
        let Some(Json::Array(cases)) = doc.get("cases") else {
            panic!("{file}: no cases")
        };
        for case in cases {
            let record = match case.get("current") {
                Some(Json::Str(name)) => {
                    doc.get("records").and_then(|r| r.get(&name.text)).cloned()
                }
                other => other.cloned(),
            };
            let current = record
                .as_ref()
                .and_then(|c| ic_customer_contract::current_from(Some(c)).ok().flatten());
            if let Some(body) = case.get("body") {
                let report = if file.contains("update") {
                    ic_customer_contract::check_update(body, current.as_ref())
                } else {
                    ic_customer_contract::check_customer(body)
                };
                issues.extend(report.issues.into_iter().chain(report.warnings));
            }
            if let Some(Json::Str(text)) = case.get("text") {
                let report = ic_customer_contract::validate_update_json(&text.text, None).unwrap();
                issues.extend(report.issues);
            }
        }
    }
    for batch in ["[1,{}]", "{}", "[{\"update\":{},\"current\":5}]", "nope"] {
        let report = ic_customer_contract::validate_batch_json(batch);
        issues.extend(report.issues);
        issues.extend(report.results.into_iter().flat_map(|r| r.issues));
    }
    for input in [
        r#"{"id":"","update":{},"idempotencyKey":""}"#,
        r#"{"id":".","update":{"x":1},"idempotencyKey":"a b","baseUrl":"ftp://x"}"#,
        r#"{"id":5,"update":[],"idempotencyKey":5,"baseUrl":5}"#,
        "[1]",
        r#"{"update":{}}"#,
    ] {
        let input = scan::parse(input).unwrap();
        if let Ok(ic_customer_contract::Built::Invalid(found)) =
            ic_customer_contract::request::build_patch_request(&input, || "k".into())
        {
            issues.extend(found);
        }
    }
    let mut msgs: Vec<Msg> = issues.into_iter().map(|i| i.msg).collect();
    msgs.dedup();
    msgs
}

#[test]
fn samples_of_every_message_with_their_english() {
    let mut out = String::from("[\n");
    let all: Vec<Msg> = every_template()
        .into_iter()
        .chain(from_fixtures())
        .collect();
    assert!(all.len() > 150, "{} samples", all.len());
    for (i, msg) in all.iter().enumerate() {
        out.push_str(if i > 0 { ",\n" } else { "" });
        out.push_str("{\"msg\":");
        out.push_str(&msg.to_json());
        out.push_str(",\"english\":");
        write_str(&msg.render(), &mut out);
        out.push('}');
    }
    out.push_str("\n]\n");
    fresh("tests/fixtures/message-samples.json", &out);
}

#[test]
fn every_id_the_rules_use_has_an_entry() {
    for msg in every_template().iter().chain(&from_fixtures()) {
        assert!(!messages::english(msg.id).is_empty(), "{}", msg.id);
        for (_, arg) in &msg.args {
            if let Arg::Phrase(id) | Arg::Named(id, _) = arg {
                assert!(!messages::english(id).is_empty(), "{id}");
            }
        }
        assert!(!msg.render().contains('{'), "{:?}", msg.render());
    }
}
