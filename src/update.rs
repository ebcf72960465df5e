//! The PATCH body (`CustomerUpdate`): its type, its limits and its rules.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use validator::Validate;

use crate::check::{Sink, check_string, near_miss, path, quote_key, wrong_type};
use crate::current::Current;
use crate::email::{EMAIL_PATTERN, is_valid_email};
use crate::issue::{Code, Issue, Param};
use crate::json::Json;

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

/// Keys this endpoint never changes, in both spellings, with their explanation.
pub const IMMUTABLE_KEYS: [(&str, &str, &str, &str); 11] = [
    (
        "type",
        "type",
        "reingest",
        "The customer type cannot be changed here; re-ingest the customer with the correct type.",
    ),
    (
        "external_id",
        "externalId",
        "immutable_once_set",
        "The external ID cannot be changed: it is immutable once set.",
    ),
    (
        "kyc_status",
        "kycStatus",
        "verification_flow",
        "The KYC status cannot be set here: it moves through the verification flow.",
    ),
    (
        "kyc_started_at",
        "kycStartedAt",
        "verification_flow",
        "The KYC start time cannot be set here: it moves through the verification flow.",
    ),
    (
        "kyc_completed_at",
        "kycCompletedAt",
        "verification_flow",
        "The KYC completion time cannot be set here: it moves through the verification flow.",
    ),
    (
        "identity",
        "identity",
        "verification_flow",
        "The verified identity cannot be set here: it comes from the verification flow.",
    ),
    (
        "aml",
        "aml",
        "verification_flow",
        "AML screening results cannot be set here: they move through the verification flow.",
    ),
    (
        "id",
        "id",
        "server_owned",
        "The customer ID is assigned by the server and cannot be changed.",
    ),
    (
        "added_via",
        "addedVia",
        "server_owned",
        "How the record was added is set by the server and cannot be changed.",
    ),
    (
        "created_at",
        "createdAt",
        "server_owned",
        "The creation time is set by the server and cannot be changed.",
    ),
    (
        "updated_at",
        "updatedAt",
        "server_owned",
        "The update time is set by the server and cannot be changed.",
    ),
];

/// The immutable entry a key names, in either spelling (`external_id`, `externalId`, `ExternalID`).
pub fn immutable_entry(
    key: &str,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    let norm = crate::check::normalize_key(key);
    IMMUTABLE_KEYS
        .iter()
        .find(|(snake, ..)| crate::check::normalize_key(snake) == norm)
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

/// What a form calls each field.
pub fn field_label(key: &str) -> &'static str {
    match key {
        "fullName" => "Full name",
        "email" => "Email",
        "phone" => "Phone",
        "risk" => "Risk answers",
        "isNewCustomer" => "The answer to \"is this a new customer\"",
        "isDesignatedService" => "The answer to \"is a designated service provided\"",
        "handlesCashOrCrypto" => "The answer to \"does the customer handle cash or crypto\"",
        _ => "This field",
    }
}

/// The rules of CONTRACT.md section 1 on one body, with the freeze rules when
/// `current` is given. Issues come in schema order (`fullName`, `email`,
/// `phone`, `risk` and its answers), then every other key in code point order.
pub fn check_update(body: &Json, current: Option<&Current>, sink: &mut Sink) {
    let Json::Object(_) = body else {
        sink.issue(wrong_type(
            Vec::new(),
            "The update",
            "a JSON object",
            "object",
            body,
        ));
        return;
    };
    if let Some(current) = current {
        current.check_status(sink);
    }
    for key in UPDATE_KEYS {
        let Some(value) = body.get(key) else { continue };
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
                        "Email must be a valid email address, such as name@example.com.",
                    ));
                }
            }
            ("phone", Json::Str(s)) => check_string(sink, &[key], label, s, 0, PHONE_MAX),
            ("phone", Json::Null) => {}
            ("phone", other) => sink.issue(wrong_type(
                path(&[key]),
                label,
                "a string or null",
                "string or null",
                other,
            )),
            ("risk", Json::Object(_)) => check_risk(value, sink),
            ("risk", other) => sink.issue(wrong_type(
                path(&[key]),
                label,
                "an object",
                "object",
                other,
            )),
            (_, other) => sink.issue(wrong_type(path(&[key]), label, "a string", "string", other)),
        }
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
                Issue::new(vec![key.to_owned()], Code::ImmutableField, *message).with(vec![
                    ("field", Param::Str((*snake).to_owned())),
                    ("reason", Param::Str((*reason).to_owned())),
                ]),
            );
        } else {
            let suggestion = near_miss(key, &TOP_CANDIDATES)
                .map(str::to_owned)
                .or_else(|| {
                    RISK_KEYS
                        .iter()
                        .find(|k| {
                            crate::check::normalize_key(k) == crate::check::normalize_key(key)
                        })
                        .map(|k| format!("risk.{k}"))
                });
            sink.issue(unknown_key(
                vec![key.to_owned()],
                key,
                "the update",
                suggestion,
            ));
        }
    }
}

fn check_risk(risk: &Json, sink: &mut Sink) {
    for key in RISK_KEYS {
        match risk.get(key) {
            None | Some(Json::Bool(_)) => {}
            Some(other) => sink.issue(wrong_type(
                path(&["risk", key]),
                field_label(key),
                "true or false",
                "boolean",
                other,
            )),
        }
    }
    let others = risk.other_members(&RISK_KEYS);
    for (i, &(key, _)) in others.iter().enumerate() {
        if sink.is_full() {
            sink.omit(Code::UnknownField, (others.len() - i) as u64);
            break;
        }
        let suggestion = near_miss(key, &RISK_CANDIDATES).map(str::to_owned);
        sink.issue(unknown_key(
            vec!["risk".to_owned(), key.to_owned()],
            key,
            "the risk answers",
            suggestion,
        ));
    }
}

/// `unknown_field`, with the field that was probably meant.
pub fn unknown_key(path: Vec<String>, key: &str, of: &str, suggestion: Option<String>) -> Issue {
    let quoted = quote_key(key);
    match suggestion {
        Some(s) => Issue::new(
            path,
            Code::UnknownField,
            format!("{quoted} is not a field of {of}; did you mean \"{s}\"?"),
        )
        .with(vec![("suggestion", Param::Str(s))]),
        None => Issue::new(
            path,
            Code::UnknownField,
            format!("{quoted} is not a field of {of}."),
        ),
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
