//! Property tests (proptest): bodies, emails and current records generated near
//! the rules' edges, checked against the crate's other paths and against
//! independent oracles (serde_json, the jsonschema crate's schema and regex).
//!
//! Each property runs a fixed number of cases (see `CASES`) from a random seed
//! (set `PROPTEST_RNG_SEED` to replay one); failures are shrunk and printed,
//! never persisted to a file. Each also counts the cases that matter (accepted
//! requests, valid and invalid verdicts) and fails if the generators stop
//! producing them, so no property passes by never reaching its condition.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use ic_customer_contract::json::{self, Json};
use ic_customer_contract::record::KYC_STATUSES;
use ic_customer_contract::scan;
use ic_customer_contract::update::UPDATE_KEYS;
use ic_customer_contract::{
    Built, Code, EMAIL_PATTERN, build_patch_request, diff_update, is_valid_email, validate_update,
    validate_update_json,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};

/// Cases per property.
const CASES: u32 = 5_000;
/// Cases for the email property (cheap, and the rule with the most edges).
const EMAIL_CASES: u32 = 10_000;

/// Runs `test` on `cases` values of `strategy`; `tally` counts what happened.
fn check<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value, &mut BTreeMap<&'static str, u32>) -> Result<(), TestCaseError>,
) -> BTreeMap<&'static str, u32> {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let tally = std::cell::RefCell::new(BTreeMap::new());
    let result = runner.run(&strategy, |value| test(value, &mut tally.borrow_mut()));
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    let tally = tally.into_inner();
    println!("{name}: {cases} cases, {tally:?}");
    tally
}

/// Asserts that a tally counted at least `min` of `what`.
fn at_least(tally: &BTreeMap<&str, u32>, what: &str, min: u32) {
    let n = tally.get(what).copied().unwrap_or(0);
    assert!(
        n >= min,
        "only {n} cases of {what:?} (want >= {min}): {tally:?}"
    );
}

fn bump(tally: &mut BTreeMap<&'static str, u32>, what: &'static str) {
    *tally.entry(what).or_default() += 1;
}

// ---------------------------------------------------------------- generators

/// Lengths around every limit: 0/1 (fullName min), 32/33 (phone), 63/64, 255/256.
const LENGTHS: [usize; 13] = [0, 1, 2, 31, 32, 33, 63, 64, 65, 254, 255, 256, 257];

/// One character: ASCII, two- and three-byte, astral (two UTF-16 units), and
/// characters JSON must escape.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => prop::sample::select(vec![' ', '-', '.', '\'', '"', '\\', '\n', '\u{0}', '\u{1f}', '/']),
        2 => prop::sample::select(vec!['é', 'ß', 'Ж', '\u{7ff}', '\u{800}', '中', '€', '\u{fffd}']),
        2 => prop::sample::select(vec!['😀', '𝄞', '\u{10000}', '\u{10ffff}']),
    ]
}

/// A string of one of [`LENGTHS`] characters: a short random run of
/// characters repeated to that length (cheap to generate and to shrink).
fn text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(LENGTHS.to_vec()),
        prop::collection::vec(any_char(), 1..=6),
    )
        .prop_map(|(n, run)| run.into_iter().cycle().take(n).collect())
}

const ALNUM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn alnum(len: impl Into<prop::collection::SizeRange>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALNUM.chars().collect::<Vec<_>>()), len)
        .prop_map(String::from_iter)
}

/// A local part: letters and digits, dots anywhere (leading, trailing, doubled),
/// every special the rule allows, and now and then one it does not.
fn local_part() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => alnum(1..=6),
        3 => prop::sample::select("!#$%&'*+/=?^_`{|}~-.".chars().collect::<Vec<_>>())
            .prop_map(String::from),
        1 => prop::sample::select(vec![
            " ", "\"", "(", ")", ",", ":", ";", "<", ">", "[", "]", "\\", "é", "😀", "\t",
        ])
        .prop_map(String::from),
        1 => (alnum(1..=3), 240..=260usize)
            .prop_map(|(run, n)| run.chars().cycle().take(n).collect()),
    ];
    prop_oneof![
        20 => prop::collection::vec(piece, 1..=4).prop_map(|pieces| pieces.concat()),
        1 => Just(String::new()),
    ]
}

/// A domain label: short, hyphenated (inside or at either end), 61 to 65
/// characters, empty, Unicode, punycode, with an underscore or a space.
fn label() -> impl Strategy<Value = String> {
    let long = prop::sample::select(vec![61usize, 62, 63, 64, 65]);
    prop_oneof![
        24 => alnum(1..=6),
        2 => (alnum(1..=3), alnum(1..=3)).prop_map(|(a, b)| format!("{a}-{b}")),
        1 => (alnum(1..=3), alnum(1..=3)).prop_map(|(a, b)| format!("{a}--{b}")),
        1 => alnum(1..=4).prop_map(|a| format!("-{a}")),
        1 => alnum(1..=4).prop_map(|a| format!("{a}-")),
        3 => (long.clone(), alnum(1..=3))
            .prop_map(|(n, run)| run.chars().cycle().take(n).collect()),
        1 => long.prop_map(|n| format!("a{}b", "-".repeat(n - 2))),
        1 => Just(String::new()),
        1 => prop::sample::select(vec![
            "bücher", "xn--bcher-kva", "a_b", "ex ample", "127", "ÄÖ", "١٢٣", "x\u{200b}",
        ])
        .prop_map(String::from),
    ]
}

/// One to four labels.
fn domain() -> impl Strategy<Value = String> {
    prop::collection::vec(label(), 1..=3).prop_map(|labels| labels.join("."))
}

/// Near-valid email addresses, about two in five of them valid.
fn email() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => (local_part(), domain()).prop_map(|(l, d)| format!("{l}@{d}")),
        1 => (local_part(), prop::sample::select(vec!["[1.2.3.4]", "[IPv6:::1]", "1.2.3.4"]))
            .prop_map(|(l, d)| format!("{l}@{d}")),
        1 => (local_part(), domain()).prop_map(|(l, d)| format!("{l}{d}")),
        1 => (local_part(), domain()).prop_map(|(l, d)| format!("{l}@{d}@{d}")),
        1 => (local_part(), domain(), prop::sample::select(vec![" ", "\n", ".", "\u{a0}"]))
            .prop_map(|(l, d, s)| format!("{s}{l}@{d}{s}")),
        1 => (local_part(), domain()).prop_map(|(l, d)| format!("{l}@{d}.")),
    ]
}

/// A JSON value of a type no body field takes (numbers, arrays, objects, ...).
fn wrong_value() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!(null),
        json!(true),
        json!(0),
        json!(-1.5),
        json!(12345678901234567890u64),
        json!([]),
        json!(["a"]),
        json!({}),
        json!({ "a": { "b": [1] } }),
    ])
}

/// `risk`: each answer absent, a boolean or a wrong type; sometimes extra keys.
fn risk() -> impl Strategy<Value = Value> {
    let answer = prop_oneof![
        5 => Just(None),
        4 => any::<bool>().prop_map(|b| Some(json!(b))),
        1 => prop_oneof![wrong_value(), Just(json!("true"))].prop_map(Some),
    ];
    let extra = prop_oneof![
        8 => Just(Vec::new()),
        1 => prop::collection::vec(
            prop::sample::select(vec!["isNewcustomer", "newCustomer", "is_new_customer", "other", ""]),
            1..=2,
        ),
    ];
    let object = (answer.clone(), answer.clone(), answer, extra).prop_map(|(a, b, c, extra)| {
        let mut risk = Map::new();
        for (key, value) in [
            ("isNewCustomer", a),
            ("isDesignatedService", b),
            ("handlesCashOrCrypto", c),
        ] {
            if let Some(value) = value {
                risk.insert(key.into(), value);
            }
        }
        for key in extra {
            risk.insert(key.into(), json!(true));
        }
        Value::Object(risk)
    });
    prop_oneof![9 => object, 1 => wrong_value()]
}

/// Keys the body does not have: immutable ones in both spellings, near misses
/// of the body's own, and others.
const OTHER_KEYS: [&str; 22] = [
    "type",
    "external_id",
    "externalId",
    "kyc_status",
    "kycStatus",
    "kyc_started_at",
    "kycCompletedAt",
    "identity",
    "aml",
    "id",
    "added_via",
    "addedVia",
    "created_at",
    "updatedAt",
    "full_name",
    "FullName",
    "name",
    "emailAddress",
    "phoneNumber",
    "isNewCustomer",
    "__proto__",
    "",
];

/// An object body: each field absent, plausible, or of a wrong type; sometimes
/// keys the body does not have.
fn body_object() -> impl Strategy<Value = Value> {
    let full_name = prop_oneof![
        4 => Just(None),
        5 => text().prop_map(|s| Some(json!(s))),
        1 => wrong_value().prop_map(Some),
    ];
    let email = prop_oneof![
        4 => Just(None),
        5 => email().prop_map(|s| Some(json!(s))),
        1 => text().prop_map(|s| Some(json!(s))),
        1 => wrong_value().prop_map(Some),
    ];
    let phone = prop_oneof![
        4 => Just(None),
        2 => Just(Some(Value::Null)),
        4 => text().prop_map(|s| Some(json!(s))),
        1 => prop::sample::select(vec![json!(61400000000u64), json!(true), json!([])]).prop_map(Some),
    ];
    let risk = prop_oneof![5 => Just(None), 5 => risk().prop_map(Some)];
    let others = prop_oneof![
        6 => Just(Vec::new()),
        1 => prop::collection::vec(
            (
                prop::sample::select(OTHER_KEYS.to_vec()),
                prop_oneof![wrong_value(), text().prop_map(Value::String)],
            ),
            1..=2,
        ),
    ];
    (full_name, email, phone, risk, others).prop_map(|(full_name, email, phone, risk, others)| {
        let mut body = Map::new();
        for (key, value) in [
            ("fullName", full_name),
            ("email", email),
            ("phone", phone),
            ("risk", risk),
        ] {
            if let Some(value) = value {
                body.insert(key.into(), value);
            }
        }
        for (key, value) in others {
            body.insert(key.into(), value);
        }
        Value::Object(body)
    })
}

/// A body, now and then not an object at all.
fn body() -> impl Strategy<Value = Value> {
    prop_oneof![19 => body_object(), 1 => wrong_value()]
}

/// A record's `full_name` / `email` given the body's value: the same value,
/// another one, absent, null, or not a string.
fn record_value(body_value: Option<Value>) -> impl Strategy<Value = Option<Value>> {
    let same = body_value.map_or(Just(Some(json!("Jane Doe"))), |v| Just(Some(v)));
    prop_oneof![
        4 => same,
        2 => Just(Some(json!("Jane Doe"))),
        1 => Just(Some(json!("jane@example.com"))),
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => Just(Some(json!(42))),
    ]
}

/// A usable current record: any of the seven statuses (VERIFIED the most), an
/// unknown one or a wrongly cased one, and `full_name` / `email` equal to the
/// body's or not.
fn current_for(body: &Value) -> impl Strategy<Value = Value> + use<> {
    let mut statuses: Vec<&str> = KYC_STATUSES.to_vec();
    statuses.extend([
        "VERIFIED",
        "VERIFIED",
        "VERIFIED",
        "UNKNOWN_STATUS",
        "verified",
        "",
    ]);
    (
        prop::sample::select(statuses),
        record_value(body.get("fullName").cloned()),
        record_value(body.get("email").cloned()),
    )
        .prop_map(|(status, full_name, email)| {
            let mut record = json!({
                "id": "550e8400-e29b-41d4-a716-446655440000",
                "type": "INDIVIDUAL",
                "kyc_status": status,
                "added_via": "INTEGRATION",
            });
            if let Some(v) = full_name {
                record["full_name"] = v;
            }
            if let Some(v) = email {
                record["email"] = v;
            }
            record
        })
}

/// A body and a usable current record made from it.
fn body_and_current() -> impl Strategy<Value = (Value, Value)> {
    body_object().prop_flat_map(|b| {
        let current = current_for(&b);
        (Just(b), current)
    })
}

/// A body and, most of the time, a current record (sometimes an unusable one).
fn body_and_maybe_current() -> impl Strategy<Value = (Value, Option<Value>)> {
    body().prop_flat_map(|b| {
        let current = prop_oneof![
            3 => Just(None),
            6 => current_for(&b).prop_map(Some),
            1 => prop::sample::select(vec![
                json!([]),
                json!("VERIFIED"),
                json!({}),
                json!({ "kyc_status": 5 }),
                json!({ "kyc_status": null }),
            ])
            .prop_map(Some),
        ];
        (Just(b), current)
    })
}

/// The JSON value of a crate `Json` (none here holds a foreign value or a broken string).
fn to_value(json: &Json) -> Value {
    let mut out = String::new();
    json::write_json(json, &mut out);
    serde_json::from_str(&out).expect("write_json writes JSON")
}

fn schema_validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(false)
        .build(schema)
        .expect("schema compiles")
}

// ---------------------------------------------------------------- properties

/// A request `build_patch_request` accepts has a body that passes validation
/// with the same current record, and that body's text is the same update.
/// Conversely, a valid body with a valid id and key is always accepted.
#[test]
fn accepted_requests_carry_valid_bodies() {
    let ids = prop_oneof![
        3 => Just(json!("crm-7741")),
        3 => Just(json!("550E8400-E29B-41D4-A716-446655440000")),
        2 => Just(json!("a/b c?é")),
        1 => prop::sample::select(vec![json!(""), json!(".."), json!(5)]),
    ];
    let keys = prop_oneof![
        3 => Just(None),
        3 => Just(Some(json!("k-1"))),
        1 => prop::sample::select(vec![Some(json!("")), Some(json!("a b"))]),
    ];
    let input = (body_and_current(), any::<bool>(), ids, keys);
    let tally = check(
        "accepted_requests_carry_valid_bodies",
        CASES,
        input,
        |((body, current), with_current, id, key), tally| {
            let current = with_current.then_some(current);
            let mut input = json!({ "id": id, "update": body });
            if let Some(c) = &current {
                input["current"] = c.clone();
            }
            if let Some(k) = &key {
                input["idempotencyKey"] = k.clone();
            }
            let built = build_patch_request(&input).expect("usable current");
            let report = validate_update(&body, current.as_ref()).expect("usable current");
            let good_id = matches!(id.as_str(), Some(s) if !s.is_empty() && s != "..");
            let good_key = matches!(key.as_ref().map(|k| k.as_str()), None | Some(Some("k-1")));
            match built {
                Built::Ok(request, warnings) => {
                    bump(tally, "built");
                    prop_assert!(report.ok, "built, but the body fails: {:?}", report.issues);
                    prop_assert_eq!(warnings.len(), report.warnings.len());
                    let sent: Value = serde_json::from_str(&request.body).map_err(|e| {
                        TestCaseError::fail(format!("body {:?}: {e}", request.body))
                    })?;
                    prop_assert_eq!(sent, body);
                }
                Built::Invalid(issues) => {
                    bump(tally, "rejected");
                    prop_assert!(!issues.is_empty());
                    prop_assert!(
                        !(report.ok && good_id && good_key),
                        "valid body, id and key rejected: {:?}",
                        issues
                    );
                }
            }
            Ok(())
        },
    );
    at_least(&tally, "built", CASES / 25);
    at_least(&tally, "rejected", CASES / 4);
}

/// The JSON-text path and the value path give the same Result on every input.
#[test]
fn text_path_equals_value_path() {
    let tally = check(
        "text_path_equals_value_path",
        CASES,
        body_and_maybe_current(),
        |(body, current), tally| {
            let by_value = validate_update(&body, current.as_ref());
            let text = serde_json::to_string(&body).expect("serializes");
            let current_text = current.as_ref().map(|c| c.to_string());
            let by_text = validate_update_json(&text, current_text.as_deref());
            bump(
                tally,
                match &by_value {
                    Ok(r) if r.ok => "valid",
                    Ok(_) => "invalid",
                    Err(_) => "unusable current",
                },
            );
            prop_assert_eq!(by_value, by_text);
            Ok(())
        },
    );
    at_least(&tally, "valid", CASES / 25);
    at_least(&tally, "invalid", CASES / 4);
    at_least(&tally, "unusable current", CASES / 100);
}

/// `diff_update(current, desired)`'s update applied to `current` gives
/// `desired` on every field that is not frozen; a frozen field is never in the
/// update, and a different frozen value is `skipped` as `frozen_field`; phone
/// and risk go as given; every other key of `desired` is skipped.
#[test]
fn diff_applied_gives_the_desired_record() {
    let tally = check(
        "diff_applied_gives_the_desired_record",
        CASES,
        body_and_current(),
        |(desired, current), tally| {
            let diff = diff_update(&current, &desired).expect("usable current");
            let update: Vec<(&str, Value)> =
                diff.update.iter().map(|(k, v)| (*k, to_value(v))).collect();
            // Keys once each, in schema order.
            let order: Vec<usize> = update
                .iter()
                .map(|(k, _)| UPDATE_KEYS.iter().position(|u| u == k).expect("body key"))
                .collect();
            prop_assert!(order.windows(2).all(|w| w[0] < w[1]), "{:?}", order);

            let frozen = current["kyc_status"] == "VERIFIED";
            let mut applied = current.clone();
            for (key, value) in &update {
                match *key {
                    "fullName" => applied["full_name"] = value.clone(),
                    "email" => applied["email"] = value.clone(),
                    _ => {}
                }
            }
            for (key, snake) in [("fullName", "full_name"), ("email", "email")] {
                let Some(want) = desired.get(key) else {
                    prop_assert!(update.iter().all(|(k, _)| *k != key));
                    continue;
                };
                if !frozen {
                    bump(tally, "editable field");
                    prop_assert_eq!(applied.get(snake), Some(want), "{}", key);
                    continue;
                }
                prop_assert!(update.iter().all(|(k, _)| *k != key), "frozen {} sent", key);
                if current.get(snake) != Some(want) {
                    bump(tally, "frozen and changed");
                    prop_assert!(
                        diff.skipped
                            .iter()
                            .any(|i| i.path == [key] && i.code == Code::FrozenField),
                        "{} not skipped: {:?}",
                        key,
                        diff.skipped
                    );
                } else {
                    bump(tally, "frozen and unchanged");
                }
            }
            for key in ["phone", "risk"] {
                let sent = update.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
                prop_assert_eq!(sent, desired.get(key), "{}", key);
            }
            for key in desired.as_object().expect("object").keys() {
                if !UPDATE_KEYS.contains(&key.as_str()) {
                    bump(tally, "other key");
                    prop_assert!(
                        diff.skipped.iter().any(|i| i.path == [key.as_str()]
                            && matches!(i.code, Code::UnknownField | Code::ImmutableField)),
                        "{} not skipped",
                        key
                    );
                }
            }
            Ok(())
        },
    );
    at_least(&tally, "editable field", CASES / 4);
    at_least(&tally, "frozen and changed", CASES / 20);
    at_least(&tally, "frozen and unchanged", CASES / 50);
    at_least(&tally, "other key", CASES / 20);
}

/// The body schema (formats off: the email rule is its `pattern`) and the
/// validator agree on every generated body.
#[test]
fn body_schema_agrees_with_the_validator() {
    let schema = schema_validator(&ic_customer_contract::schema::update_schema());
    let tally = check(
        "body_schema_agrees_with_the_validator",
        CASES,
        body(),
        |body, tally| {
            let ours = validate_update(&body, None).expect("no current").ok;
            let theirs = schema.is_valid(&body);
            bump(tally, if ours { "valid" } else { "invalid" });
            if body.get("email").is_some() {
                bump(tally, "with email");
            }
            prop_assert_eq!(
                ours,
                theirs,
                "validator {} schema {} on {}",
                ours,
                theirs,
                body
            );
            Ok(())
        },
    );
    at_least(&tally, "valid", CASES / 10);
    at_least(&tally, "invalid", CASES / 4);
    at_least(&tally, "with email", CASES / 3);
}

/// `is_valid_email` is `EMAIL_PATTERN`, run by the jsonschema crate's regex engine.
#[test]
fn email_function_equals_the_pattern() {
    let pattern = schema_validator(&json!({ "type": "string", "pattern": EMAIL_PATTERN }));
    let tally = check(
        "email_function_equals_the_pattern",
        EMAIL_CASES,
        email(),
        |email, tally| {
            let ours = is_valid_email(&email);
            let regex = pattern.is_valid(&json!(email));
            bump(tally, if ours { "valid" } else { "invalid" });
            prop_assert_eq!(
                ours,
                regex,
                "function {} regex {} on {:?}",
                ours,
                regex,
                email
            );
            Ok(())
        },
    );
    at_least(&tally, "valid", EMAIL_CASES / 5);
    at_least(&tally, "invalid", EMAIL_CASES / 5);
}

// ---------------------------------------------------------------- regressions

/// The tape (how the package hands a JavaScript value to the module, see
/// `src/tape.rs`) reads back as the value written, and the checks on a tape's
/// value equal the checks on the same value parsed from JSON text.
#[test]
fn tape_path_equals_text_path() {
    use ic_customer_contract::tape::{Tape, TapeWriter};
    use ic_customer_contract::{check_update, current_from};
    let tally = check(
        "tape_path_equals_text_path",
        CASES,
        body_and_maybe_current(),
        |(body, current), tally| {
            let text = serde_json::to_string(&body).expect("serializes");
            let parsed = scan::parse(&text).expect("parses");
            let current_text = current.as_ref().map(|c| c.to_string());
            let current_parsed = current_text
                .as_deref()
                .map(|t| scan::parse(t).expect("parses"));
            let mut w = TapeWriter::default();
            w.value(&parsed);
            match &current_parsed {
                Some(c) => w.value(c),
                None => w.absent(),
            }
            let mut tape = Tape::new(&w.words, &w.bytes);
            let read = tape.present().expect("the body reads");
            let read_current = tape.value().expect("the record reads");
            prop_assert!(tape.is_done());
            prop_assert_eq!(&read, &parsed);
            prop_assert_eq!(&read_current, &current_parsed);
            let by_tape =
                current_from(read_current.as_ref()).map(|c| check_update(&read, c.as_ref()));
            let by_text = validate_update_json(&text, current_text.as_deref());
            bump(
                tally,
                match &by_tape {
                    Ok(r) if r.ok => "valid",
                    Ok(_) => "invalid",
                    Err(_) => "unusable current",
                },
            );
            prop_assert_eq!(by_tape.map_err(|e| e.0), by_text.map_err(|e| e.0));
            Ok(())
        },
    );
    at_least(&tally, "valid", CASES / 25);
    at_least(&tally, "invalid", CASES / 4);
}
