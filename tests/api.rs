//! diff_update, field_rules, parse_customer_id, idempotency keys, build_patch_request, batches.

use ic_customer_contract::{
    Built, Code, CustomerId, build_patch_request, check_idempotency_key, diff_update,
    field_rules_for, new_idempotency_key, parse_customer_id, validate_batch_json, validate_update,
    validate_update_json,
};
use serde_json::{Value, json};

fn seed() -> Value {
    json!({
        "id": "550e8400-e29b-41d4-a716-446655440000", "external_id": "crm-7741", "type": "INDIVIDUAL",
        "full_name": "Jane Doe", "email": "jane@example.com", "kyc_status": "VERIFIED",
        "aml": { "status": "CLEAR", "flags": { "pep": false, "sanctions": false, "adverse_media": false, "terrorism": false } },
        "added_via": "INTEGRATION", "created_at": "2026-06-22T22:14:00Z", "updated_at": "2026-06-23T01:12:05Z"
    })
}

fn with_status(status: &str) -> Value {
    let mut r = seed();
    r["kyc_status"] = json!(status);
    r
}

fn codes(issues: &[ic_customer_contract::Issue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|i| (i.path.join("."), i.code.as_str()))
        .collect()
}

#[test]
fn diff_drops_unchanged_and_skips_frozen() {
    let desired = json!({ "fullName": "Jane Doe", "email": "new@example.com", "phone": null, "risk": { "isNewCustomer": false } });
    let d = diff_update(&seed(), &desired).unwrap();
    assert_eq!(
        d.to_json(),
        r#"{"update":{"phone":null,"risk":{"isNewCustomer":false}},"skipped":[{"path":["email"],"code":"frozen_field","message":"Email cannot be changed after KYC verification.","params":{"kycStatus":"VERIFIED"}}]}"#
    );

    let d = diff_update(&with_status("PENDING"), &desired).unwrap();
    let v: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(
        v["update"],
        json!({ "email": "new@example.com", "phone": null, "risk": { "isNewCustomer": false } })
    );
    assert_eq!(v["skipped"], json!([]));
}

#[test]
fn diff_skips_keys_the_body_does_not_have() {
    let d = diff_update(
        &with_status("PENDING"),
        &json!({ "full_name": "X", "kyc_status": "VERIFIED", "phone": "1" }),
    )
    .unwrap();
    assert_eq!(
        codes(&d.skipped),
        vec![
            ("full_name".into(), "unknown_field"),
            ("kyc_status".into(), "immutable_field")
        ]
    );
    assert_eq!(d.update.len(), 1);
}

#[test]
fn diff_from_a_record_without_email_sends_the_email() {
    let mut r = with_status("IN_PROGRESS");
    r["email"] = Value::Null;
    let d = diff_update(
        &r,
        &json!({ "email": "jane@example.com", "fullName": "Jane Doe" }),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(v["update"], json!({ "email": "jane@example.com" }));
}

#[test]
fn diff_then_validate_is_valid_when_nothing_was_skipped() {
    let r = with_status("NOT_STARTED");
    let d = diff_update(
        &r,
        &json!({ "fullName": "Janet Doe", "phone": "+61 2 0000 0000" }),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert!(validate_update(&v["update"], Some(&r)).unwrap().ok);
}

#[test]
fn malformed_current_is_an_error_naming_the_problem() {
    let e = diff_update(&json!([]), &json!({})).unwrap_err();
    assert!(e.to_string().contains("must be an object"), "{e}");
    let e = validate_update(&json!({}), Some(&json!({ "full_name": "x" }))).unwrap_err();
    assert!(e.to_string().contains("kyc_status"), "{e}");
    let e = validate_update(&json!({}), Some(&json!({ "kyc_status": 3 }))).unwrap_err();
    assert!(
        e.to_string().contains("kyc_status") && e.to_string().contains("number"),
        "{e}"
    );
    let e = validate_update_json("{}", Some("{oops")).unwrap_err();
    assert!(e.to_string().contains("line 1, column 2"), "{e}");
    assert!(
        validate_update(&json!({}), Some(&Value::Null)).unwrap().ok,
        "null current is no current"
    );
}

#[test]
fn field_rules_follow_the_freeze() {
    let open = field_rules_for(None).unwrap();
    let names: Vec<&str> = open.iter().map(|(k, _)| *k).collect();
    assert_eq!(names, ["fullName", "email", "phone", "risk"]);
    assert!(open.iter().all(|(_, r)| r.editable && r.reason.is_none()));
    let (_, full_name) = &open[0];
    assert_eq!(
        (
            full_name.min_length,
            full_name.max_length,
            full_name.nullable
        ),
        (Some(1), Some(255), false)
    );
    assert_eq!(
        (open[1].1.max_length, open[1].1.format),
        (Some(255), Some("email"))
    );
    assert_eq!((open[2].1.max_length, open[2].1.nullable), (Some(32), true));
    assert_eq!((open[3].1.max_length, open[3].1.nullable), (None, false));

    let frozen = field_rules_for(Some(&seed())).unwrap();
    assert!(!frozen[0].1.editable && !frozen[1].1.editable);
    assert!(
        frozen[0]
            .1
            .reason
            .as_deref()
            .unwrap()
            .contains("after KYC verification")
    );
    assert!(frozen[2].1.editable && frozen[3].1.editable);
    for status in [
        "NOT_STARTED",
        "PENDING",
        "IN_PROGRESS",
        "FAILED",
        "NOT_REQUIRED",
        "AWAITING_RESUBMISSION",
        "SUSPENDED",
    ] {
        assert!(
            field_rules_for(Some(&with_status(status)))
                .unwrap()
                .iter()
                .all(|(_, r)| r.editable),
            "{status}"
        );
    }
    let json = ic_customer_contract::fields::field_rules_json(&frozen);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["phone"],
        json!({ "editable": true, "maxLength": 32, "nullable": true })
    );
    assert_eq!(v["fullName"]["editable"], false);
    assert_eq!(
        v,
        serde_json::to_value(
            frozen
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>()
        )
        .unwrap()
    );
}

#[test]
fn customer_ids() {
    assert_eq!(
        parse_customer_id("550E8400-E29B-41D4-A716-446655440000").unwrap(),
        CustomerId::Uuid("550e8400-e29b-41d4-a716-446655440000".into())
    );
    assert_eq!(
        parse_customer_id("crm-7741").unwrap(),
        CustomerId::ExternalId("crm-7741".into())
    );
    assert_eq!(
        parse_customer_id("550e8400e29b41d4a716446655440000").unwrap(),
        CustomerId::ExternalId("550e8400e29b41d4a716446655440000".into())
    );
    assert_eq!(parse_customer_id("").unwrap_err().code, Code::TooShort);
    assert!(parse_customer_id(&"x".repeat(255)).is_ok());
    assert_eq!(
        parse_customer_id(&"x".repeat(256)).unwrap_err().code,
        Code::TooLong
    );
    assert!(parse_customer_id(&"😀".repeat(255)).is_ok());
}

#[test]
fn idempotency_keys() {
    assert!(check_idempotency_key("a").is_none());
    assert!(check_idempotency_key(&"~".repeat(255)).is_none());
    assert_eq!(check_idempotency_key("").unwrap().code, Code::TooShort);
    assert_eq!(
        check_idempotency_key(&"a".repeat(256)).unwrap().code,
        Code::TooLong
    );
    for bad in ["a b", "tab\t", "é", "new\nline", "\u{7f}"] {
        assert_eq!(
            check_idempotency_key(bad).unwrap().code,
            Code::InvalidFormat,
            "{bad:?}"
        );
    }
    let key = new_idempotency_key();
    assert!(
        ic_customer_contract::record::is_uuid(&key) && key.as_bytes()[14] == b'4',
        "{key}"
    );
    assert_ne!(key, new_idempotency_key());
}

#[test]
fn builds_the_exact_request() {
    let built = build_patch_request(&json!({
        "id": "crm/77 41",
        "update": { "risk": { "handlesCashOrCrypto": true, "isNewCustomer": false }, "phone": null, "fullName": "Jane Doe" },
        "idempotencyKey": "k-1",
        "baseUrl": "http://localhost:8080/api/v1/"
    }))
    .unwrap();
    let Built::Ok(request, warnings) = built else {
        panic!("{built:?}")
    };
    assert!(warnings.is_empty());
    assert_eq!(request.method, "PATCH");
    assert_eq!(
        request.url,
        "http://localhost:8080/api/v1/customers/crm%2F77%2041"
    );
    assert_eq!(
        request.body,
        r#"{"fullName":"Jane Doe","phone":null,"risk":{"isNewCustomer":false,"handlesCashOrCrypto":true}}"#
    );
    assert_eq!(
        request.headers,
        vec![
            ("Content-Type", "application/json".to_owned()),
            ("Accept", "application/json".to_owned()),
            ("Idempotency-Key", "k-1".to_owned())
        ]
    );
}

#[test]
fn a_generated_key_and_the_default_base_url() {
    let input = json!({ "id": "550e8400-e29b-41d4-a716-446655440000", "update": {} });
    let Built::Ok(a, _) = build_patch_request(&input).unwrap() else {
        panic!()
    };
    let Built::Ok(b, _) = build_patch_request(&input).unwrap() else {
        panic!()
    };
    assert_eq!(
        a.url,
        "https://app.instantcompliance.ai/api/v1/customers/550e8400-e29b-41d4-a716-446655440000"
    );
    assert_eq!(a.body, "{}");
    assert_ne!(a.headers[2].1, b.headers[2].1, "a fresh key per request");
    let v: Value = serde_json::from_str(&Built::Ok(a.clone(), vec![]).to_json()).unwrap();
    assert_eq!(v["request"]["headers"]["Idempotency-Key"], a.headers[2].1);
}

#[test]
fn request_issues_name_their_part() {
    let built = build_patch_request(&json!({
        "id": "",
        "update": { "email": "nope", "kycStatus": "VERIFIED" },
        "idempotencyKey": "has space",
        "baseUrl": "ftp://x"
    }))
    .unwrap();
    let Built::Invalid(issues) = built else {
        panic!()
    };
    assert_eq!(
        codes(&issues),
        vec![
            ("id".into(), "too_short"),
            ("update.email".into(), "invalid_email"),
            ("update.kycStatus".into(), "immutable_field"),
            ("idempotencyKey".into(), "invalid_format"),
            ("baseUrl".into(), "invalid_format"),
        ]
    );
    let Built::Invalid(issues) = build_patch_request(&json!({ "update": {} })).unwrap() else {
        panic!()
    };
    assert_eq!(codes(&issues), vec![("id".into(), "invalid_type")]);
    for dots in [".", ".."] {
        let Built::Invalid(issues) =
            build_patch_request(&json!({ "id": dots, "update": {} })).unwrap()
        else {
            panic!()
        };
        assert_eq!(codes(&issues), vec![("id".into(), "invalid_format")]);
    }
    let Built::Invalid(issues) = build_patch_request(&json!("x")).unwrap() else {
        panic!()
    };
    assert_eq!(codes(&issues), vec![("".into(), "invalid_type")]);
}

#[test]
fn request_freeze_rules_and_warnings() {
    let Built::Invalid(issues) = build_patch_request(
        &json!({ "id": "crm-7741", "current": seed(), "update": { "email": "new@example.com" } }),
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(
        codes(&issues),
        vec![("update.email".into(), "frozen_field")]
    );
    let Built::Ok(request, warnings) = build_patch_request(
        &json!({ "id": "crm-7741", "current": seed(), "update": { "email": "jane@example.com" } }),
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(request.body, r#"{"email":"jane@example.com"}"#);
    assert_eq!(
        codes(&warnings),
        vec![("update.email".into(), "unchanged_frozen_field")]
    );
    assert!(build_patch_request(&json!({ "id": "x", "current": 5, "update": {} })).is_err());
}

#[test]
fn batches_report_only_items_with_something_to_say() {
    let text = serde_json::to_string(&json!([
        { "update": { "fullName": "Jane" } },
        { "update": { "fullName": "" } },
        { "update": { "email": "jane@example.com" }, "current": seed() },
        { "update": { "email": "x@example.com" }, "current": seed(), "id": "crm-1" },
        "not an item",
        { "current": seed() },
        { "update": {}, "current": { "full_name": "no status" } },
        { "update": {}, "current": null }
    ]))
    .unwrap();
    let report = validate_batch_json(&text);
    assert_eq!((report.total, report.valid, report.invalid), (8, 3, 5));
    type Row = (usize, Vec<(String, &'static str)>, usize);
    let summary: Vec<Row> = report
        .results
        .iter()
        .map(|r| (r.index, codes(&r.issues), r.warnings.len()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, vec![("fullName".into(), "too_short")], 0),
            (2, vec![], 1),
            (3, vec![("email".into(), "frozen_field")], 0),
            (4, vec![("".into(), "invalid_type")], 0),
            (5, vec![("".into(), "invalid_type")], 0),
            (6, vec![("current.kyc_status".into(), "invalid_type")], 0),
        ]
    );
    let v: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(v["results"][1]["ok"], true);
    assert_eq!(v["results"][0]["ok"], false);
    assert_eq!(v["issues"], json!([]));
}

#[test]
fn a_batch_that_is_not_an_array_is_one_issue() {
    let r = validate_batch_json("{\"update\":{}}");
    assert_eq!(
        (r.total, codes(&r.issues)),
        (0, vec![("".into(), "invalid_type")])
    );
    let r = validate_batch_json("[{\"update\":{}},");
    assert_eq!(codes(&r.issues), vec![("".into(), "invalid_json")]);
    assert_eq!(validate_batch_json("[]").total, 0);
}

#[test]
fn messages_keep_customer_data_out() {
    let secret = "jane.secret@example";
    let body = json!({ "email": format!("{secret}."), "fullName": format!("{secret}{}", "x".repeat(300)), "phone": format!("{secret}{}", "1".repeat(40)) });
    let report = validate_update(&body, Some(&seed())).unwrap();
    assert!(report.issues.len() >= 4);
    for issue in report.issues.iter().chain(&report.warnings) {
        assert!(!issue.message.contains("secret"), "{}", issue.message);
        assert!(!format!("{:?}", issue.params).contains("secret"));
    }
}
