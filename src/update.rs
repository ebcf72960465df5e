//! The PATCH body (`CustomerUpdate`): its type, its limits and its rules.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use validator::Validate;

use crate::check::{Sink, check_string, near_miss, path, short_key, wrong_type};
use crate::current::Current;
use crate::email::{EMAIL_PATTERN, is_valid_email};
use crate::issue::{Code, Issue, Key, Param};
use crate::json::Json;
use crate::messages::{Arg, Msg};

/// Shortest `fullName`, in characters (Unicode scalar values).
pub const FULL_NAME_MIN: usize = 1;
/// Longest `fullName`.
pub const FULL_NAME_MAX: usize = 255;
/// Longest `email`.
pub const EMAIL_MAX: usize = 255;
/// Longest `phone`.
pub const PHONE_MAX: usize = 32;
/// The keys of `risk`, in schema order.
pub const RISK_KEYS: [&str; 3] = [
    "isNewCustomer",
    "isDesignatedService",
    "handlesCashOrCrypto",
];
/// The body's own keys, in schema order.
pub const UPDATE_KEYS: [&str; 4] = ["fullName", "email", "phone", "risk"];

/// The PATCH body. Every field is optional; absent fields are not sent.
///
/// `phone` is the only nullable field: `Some(None)` sends `"phone": null`,
/// which clears it. The derives give the JSON Schema (schemars) and, for Rust
/// callers holding this type, `validator` length checks; the full rules
/// (types, unknown keys, the email rule, the freeze) are [`crate::validate_update`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(
    title = "CustomerUpdate",
    description = "Body of PATCH /api/v1/customers/{id}. Every field is optional."
)]
pub struct CustomerUpdate {
    /// The customer's full name. Frozen once `kyc_status` is `VERIFIED`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "String", length(min = 1, max = 255))]
    #[validate(length(min = 1, max = 255))]
    pub full_name: Option<String>,

    /// The customer's email address (WHATWG valid email address). Frozen once `kyc_status` is `VERIFIED`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "String", length(max = 255), email, regex(pattern = EMAIL_PATTERN))]
    #[validate(length(max = 255), custom(function = "email_rule"))]
    pub email: Option<String>,

    /// The customer's phone number; `null` clears it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "Option<String>", length(max = 32))]
    #[validate(length(max = 32))]
    pub phone: Option<Option<String>>,

    /// Optional risk pre-answers; the back office completes the assessment in-app.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "RiskAnswers")]
    pub risk: Option<RiskAnswers>,
}

/// Risk pre-answers: each an optional boolean.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RiskAnswers {
    /// Is this a new customer?
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "bool")]
    pub is_new_customer: Option<bool>,
    /// Is a designated service provided?
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "bool")]
    pub is_designated_service: Option<bool>,
    /// Does the customer handle cash or crypto?
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[schemars(with = "bool")]
    pub handles_cash_or_crypto: Option<bool>,
}

/// A present key deserializes to `Some(value)`: null becomes `Some(None)` for
/// `phone`, and an error for the fields that are not nullable.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

fn email_rule(email: &str) -> Result<(), validator::ValidationError> {
    if is_valid_email(email) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("invalid_email"))
    }
}

/// Keys this endpoint never changes, in both spellings, with the reason
/// (`params.reason`) and the id of their explanation (see [`crate::messages`]).
pub const IMMUTABLE_KEYS: [(&str, &str, &str, &str); 11] = [
    ("type", "type", "reingest", "immutable.type"),
    (
        "external_id",
        "externalId",
        "immutable_once_set",
        "immutable.external_id",
    ),
    (
        "kyc_status",
        "kycStatus",
        "verification_flow",
        "immutable.kyc_status",
    ),
    (
        "kyc_started_at",
        "kycStartedAt",
        "verification_flow",
        "immutable.kyc_started_at",
    ),
    (
        "kyc_completed_at",
        "kycCompletedAt",
        "verification_flow",
        "immutable.kyc_completed_at",
    ),
    (
        "identity",
        "identity",
        "verification_flow",
        "immutable.identity",
    ),
    ("aml", "aml", "verification_flow", "immutable.aml"),
    ("id", "id", "server_owned", "immutable.id"),
    (
        "added_via",
        "addedVia",
        "server_owned",
        "immutable.added_via",
    ),
    (
        "created_at",
        "createdAt",
        "server_owned",
        "immutable.created_at",
    ),
    (
        "updated_at",
        "updatedAt",
        "server_owned",
        "immutable.updated_at",
    ),
];

/// The immutable entry a key names, exactly in one of its two spellings
/// (`external_id`, `externalId`). CONTRACT.md: "Their camelCase spellings
/// count too. Any other key is unknown": `ExternalID` or `external-id` is
/// an `unknown_field`, as the API knows no such key either.
pub fn immutable_entry(
    key: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    IMMUTABLE_KEYS
        .iter()
        .find(|(snake, camel, ..)| *snake == key || *camel == key)
}

/// Near misses of the body's fields (their aliases in normalized form).
const TOP_CANDIDATES: [(&str, &[&str]); 4] = [
    ("fullName", &["name", "customername", "legalname"]),
    ("email", &["emailaddress", "mail", "emial"]),
    (
        "phone",
        &[
            "phonenumber",
            "mobile",
            "mobilenumber",
            "telephone",
            "tel",
            "phoneno",
        ],
    ),
    ("risk", &["riskanswers", "risks"]),
];

const RISK_CANDIDATES: [(&str, &[&str]); 3] = [
    ("isNewCustomer", &["newcustomer"]),
    ("isDesignatedService", &["designatedservice"]),
    ("handlesCashOrCrypto", &["cashorcrypto", "handlescash"]),
];

/// What a form calls each field: the id of its label in [`crate::messages`].
pub fn field_label(key: &str) -> &'static str {
    match key {
        "fullName" => "label.fullName",
        "email" => "label.email",
        "phone" => "label.phone",
        "risk" => "label.risk",
        "isNewCustomer" => "label.isNewCustomer",
        "isDesignatedService" => "label.isDesignatedService",
        "handlesCashOrCrypto" => "label.handlesCashOrCrypto",
        _ => "label.field",
    }
}

/// The rules of CONTRACT.md section 1 on one body, with the freeze rules when
/// `current` is given. Issues come in schema order (`fullName`, `email`,
/// `phone`, `risk` and its answers), then every other key in code point order.
pub fn check_update(body: &Json, current: Option<&Current>, sink: &mut Sink) {
    let Json::Object(_) = body else {
        sink.issue(wrong_type(
            Vec::new(),
            Arg::Phrase("label.update"),
            "expected.json_object",
            "object",
            body,
        ));
        return;
    };
    if let Some(current) = current {
        current.check_status(sink);
    }
    let (values, others) = body.pick(&UPDATE_KEYS);
    for (key, value) in UPDATE_KEYS.into_iter().zip(values) {
        let Some(value) = value else { continue };
        if let Some(current) = current {
            current.check_frozen(key, value, sink);
        }
        let label = field_label(key);
        match (key, value) {
            ("fullName", Json::Str(s)) => {
                check_string(sink, &[key], label, s, FULL_NAME_MIN, FULL_NAME_MAX)
            }
            ("email", Json::Str(s)) => {
                check_string(sink, &[key], label, s, 0, EMAIL_MAX);
                if !is_valid_email(&s.text) {
                    sink.issue(Issue::new(
                        path(&[key]),
                        Code::InvalidEmail,
                        Msg::new("email.invalid").label(label),
                    ));
                }
            }
            ("phone", Json::Str(s)) => check_string(sink, &[key], label, s, 0, PHONE_MAX),
            ("phone", Json::Null) => {}
            ("phone", other) => sink.issue(wrong_type(
                path(&[key]),
                Arg::Phrase(label),
                "expected.string_or_null",
                "string or null",
                other,
            )),
            ("risk", Json::Object(_)) => check_risk(value, sink),
            ("risk", other) => sink.issue(wrong_type(
                path(&[key]),
                Arg::Phrase(label),
                "expected.object",
                "object",
                other,
            )),
            (_, other) => sink.issue(wrong_type(
                path(&[key]),
                Arg::Phrase(label),
                "expected.string",
                "string",
                other,
            )),
        }
    }
    if !others {
        return;
    }
    let others = body.other_members(&UPDATE_KEYS);
    for (i, &(key, _)) in others.iter().enumerate() {
        if sink.is_full() {
            let code = if immutable_entry(key).is_some() {
                Code::ImmutableField
            } else {
                Code::UnknownField
            };
            sink.omit(code, (others.len() - i) as u64);
            break;
        }
        if let Some((snake, _, reason, message)) = immutable_entry(key) {
            sink.issue(
                Issue::new(
                    vec![Key::Owned(key.to_owned())],
                    Code::ImmutableField,
                    Msg::new(message),
                )
                .with(vec![
                    ("field", Param::Str((*snake).into())),
                    ("reason", Param::Str((*reason).into())),
                ]),
            );
        } else {
            let suggestion = near_miss(key, &TOP_CANDIDATES)
                .map(str::to_owned)
                .or_else(|| {
                    RISK_KEYS
                        .iter()
                        .find(|k| crate::check::same_normalized(k, key))
                        .map(|k| crate::join(&["risk.", k], ""))
                });
            sink.issue(unknown_key(
                vec![Key::Owned(key.to_owned())],
                key,
                "of.update",
                suggestion,
            ));
        }
    }
}

fn check_risk(risk: &Json, sink: &mut Sink) {
    let (values, others) = risk.pick(&RISK_KEYS);
    for (key, value) in RISK_KEYS.into_iter().zip(values) {
        match value {
            None | Some(Json::Bool(_)) => {}
            Some(other) => sink.issue(wrong_type(
                path(&["risk", key]),
                Arg::Phrase(field_label(key)),
                "expected.true_or_false",
                "boolean",
                other,
            )),
        }
    }
    if !others {
        return;
    }
    let others = risk.other_members(&RISK_KEYS);
    for (i, &(key, _)) in others.iter().enumerate() {
        if sink.is_full() {
            sink.omit(Code::UnknownField, (others.len() - i) as u64);
            break;
        }
        let suggestion = near_miss(key, &RISK_CANDIDATES).map(str::to_owned);
        sink.issue(unknown_key(
            vec![Key::Borrowed("risk"), Key::Owned(key.to_owned())],
            key,
            "of.risk",
            suggestion,
        ));
    }
}

/// `unknown_field`, with the field that was probably meant; `of` is the id of
/// the phrase naming the object (`of.update`).
pub fn unknown_key(
    path: Vec<Key>,
    key: &str,
    of: &'static str,
    suggestion: Option<String>,
) -> Issue {
    let msg = Msg::new("field.unknown")
        .arg("key", Arg::Text(short_key(key)))
        .arg("of", Arg::Phrase(of));
    match suggestion {
        Some(s) => {
            let msg = Msg {
                id: "field.unknown_suggestion",
                ..msg
            }
            .arg("suggestion", Arg::Text(s.clone()));
            Issue::new(path, Code::UnknownField, msg)
                .with(vec![("suggestion", Param::Str(s.into()))])
        }
        None => Issue::new(path, Code::UnknownField, msg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_round_trip_keeps_null_apart_from_absent() {
        let cleared: CustomerUpdate = serde_json::from_str(r#"{"phone":null}"#).unwrap();
        assert_eq!(cleared.phone, Some(None));
        let absent: CustomerUpdate = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.phone, None);
        assert_eq!(
            serde_json::to_string(&cleared).unwrap(),
            r#"{"phone":null}"#
        );
        assert_eq!(serde_json::to_string(&absent).unwrap(), "{}");
        for null in [
            r#"{"fullName":null}"#,
            r#"{"email":null}"#,
            r#"{"risk":null}"#,
            r#"{"risk":{"isNewCustomer":null}}"#,
        ] {
            assert!(
                serde_json::from_str::<CustomerUpdate>(null).is_err(),
                "{null}"
            );
        }
    }

    #[test]
    fn validator_derive_checks_lengths_and_email() {
        let ok = CustomerUpdate {
            full_name: Some("😀".repeat(255)),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
        let long = CustomerUpdate {
            full_name: Some("a".repeat(256)),
            ..Default::default()
        };
        assert!(long.validate().is_err());
        let bad_email = CustomerUpdate {
            email: Some("a@b.".into()),
            ..Default::default()
        };
        assert!(bad_email.validate().is_err());
        let long_phone = CustomerUpdate {
            phone: Some(Some("1".repeat(33))),
            ..Default::default()
        };
        assert!(long_phone.validate().is_err());
    }
}
