//! The committed schemas equal what the code generates, and the body schema
//! says what the validator says (an independent validator: the jsonschema crate).
//!
//! `SCHEMAS=overwrite cargo test --test schemas` rewrites `schemas/`.

mod common;

use common::*;
use ic_customer_contract::json::{Json, write_json};
use ic_customer_contract::schema::{customer_schema, generated_files, openapi, update_schema};
use ic_customer_contract::{check_customer, check_update};

fn schemas_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

#[test]
fn committed_schemas_are_fresh() {
    let overwrite = std::env::var("SCHEMAS").is_ok_and(|v| v == "overwrite");
    let mut stale = Vec::new();
    for (name, text) in generated_files() {
        let file = schemas_dir().join(name);
        if overwrite {
            std::fs::write(&file, &text).unwrap();
        } else if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run `SCHEMAS=overwrite cargo test --test schemas`"
    );
}

fn to_value(json: &Json) -> serde_json::Value {
    let mut out = String::new();
    write_json(json, &mut out);
    serde_json::from_str(&out).unwrap()
}

fn validator(schema: &serde_json::Value, formats: bool) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(formats)
        .build(schema)
        .expect("schema compiles")
}

#[test]
fn body_schema_with_formats_off_agrees_with_the_validator() {
    let schema = validator(&update_schema(), false);
    let doc = parse_fixture(UPDATE_CASES);
    let mut compared = 0;
    for case in update_cases(&doc) {
        // The schema cannot know the current record, nor see an unpaired surrogate.
        let (Some(body), None) = (case.body, case.current) else {
            continue;
        };
        if format!("{body:?}").contains("lone: [(") {
            continue;
        }
        let ours = check_update(body, None).ok;
        let theirs = schema.is_valid(&to_value(body));
        assert_eq!(
            ours, theirs,
            "{}: validator {ours}, schema {theirs}",
            case.name
        );
        compared += 1;
    }
    assert!(compared > 90, "compared {compared}");
}

#[test]
fn customer_schema_agrees_with_the_validator_on_every_mutation() {
    let schema = validator(&customer_schema(), true);
    let doc = parse_fixture(CUSTOMER_CASES);
    let valid = doc.get("valid").unwrap();
    assert!(schema.is_valid(&to_value(valid)));
    let Some(Json::Array(cases)) = doc.get("cases") else {
        panic!()
    };
    for case in cases {
        let name = text(case, "name");
        // Schema-inexpressible: the identity invariant depends on another field; surrogates never reach serde_json.
        if name == "identity present while not VERIFIED" || name.contains("surrogate") {
            continue;
        }
        let record = mutate(valid, case);
        let ours = check_customer(&record).ok;
        let theirs = schema.is_valid(&to_value(&record));
        assert_eq!(ours, theirs, "{name}: validator {ours}, schema {theirs}");
    }
}

#[test]
fn body_schema_keeps_null_apart() {
    let s = update_schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["additionalProperties"], false);
    assert_eq!(s["properties"]["fullName"]["type"], "string");
    assert_eq!(s["properties"]["fullName"]["minLength"], 1);
    assert_eq!(s["properties"]["fullName"]["maxLength"], 255);
    assert_eq!(s["properties"]["email"]["type"], "string");
    assert_eq!(s["properties"]["email"]["format"], "email");
    assert_eq!(
        s["properties"]["email"]["pattern"],
        ic_customer_contract::EMAIL_PATTERN
    );
    assert_eq!(
        s["properties"]["phone"]["type"],
        serde_json::json!(["string", "null"])
    );
    assert_eq!(s["properties"]["phone"]["maxLength"], 32);
    assert!(
        s.get("required")
            .is_none_or(|r| r.as_array().is_some_and(Vec::is_empty))
    );
}

#[test]
fn openapi_describes_the_endpoint() {
    let doc = openapi();
    assert_eq!(doc["openapi"], "3.1.0");
    let op = &doc["paths"]["/customers/{id}"]["patch"];
    let params = op["parameters"].as_array().unwrap();
    assert!(
        params
            .iter()
            .any(|p| p["name"] == "id" && p["in"] == "path" && p["required"] == true)
    );
    assert!(params.iter().any(|p| p["name"] == "Idempotency-Key"
        && p["in"] == "header"
        && p["schema"]["maxLength"] == 255));
    for status in ["200", "409", "422"] {
        assert!(op["responses"][status].is_object(), "response {status}");
    }
    assert_eq!(
        op["responses"]["409"]["content"]["application/json"]["schema"]["properties"]["error"]["const"],
        "idempotency_conflict"
    );
    assert_eq!(
        op["responses"]["422"]["content"]["application/json"]["schema"]["properties"]["error"]["const"],
        "validation_failed"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearerAuth"]["scheme"],
        "bearer"
    );
    // Every $ref resolves inside the document.
    let text = serde_json::to_string(&doc).unwrap();
    for piece in text.split("\"$ref\":\"#/").skip(1) {
        let pointer = format!("/{}", &piece[..piece.find('"').unwrap()]);
        assert!(doc.pointer(&pointer).is_some(), "dangling $ref {pointer}");
    }
    // The body schema inside the OpenAPI document validates like the file does.
    let body = &op["requestBody"]["content"]["application/json"]["schema"];
    assert!(body.is_object());
}
