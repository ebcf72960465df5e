//! The customer record (`Customer`, the API's response): its types and its rules.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::{Sink, ill_formed, missing, wrong_type};
use crate::email::{EMAIL_PATTERN, is_valid_email};
use crate::issue::{Code, Issue, Key, Param};
use crate::json::Json;
use crate::messages::{Arg, Msg};

/// `kyc_status` values the seed lists.
pub const KYC_STATUSES: [&str; 7] = [
    "NOT_STARTED",
    "PENDING",
    "IN_PROGRESS",
    "VERIFIED",
    "FAILED",
    "NOT_REQUIRED",
    "AWAITING_RESUBMISSION",
];
/// `type` values the seed lists.
pub const CUSTOMER_TYPES: [&str; 2] = ["INDIVIDUAL", "SOLE_TRADER"];
/// `added_via` values the seed lists.
pub const ADDED_VIA: [&str; 6] = [
    "ADMIN_MANUAL",
    "AI_EXTRACTED",
    "CONTACT_PORTAL",
    "BULK_IMPORT",
    "INTEGRATION",
    "SYSTEM",
];

/// A customer record as the API returns it (snake_case). Unknown extra keys
/// are tolerated: the API may add fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Customer",
    description = "A customer record, as PATCH /api/v1/customers/{id} returns it."
)]
pub struct Customer {
    /// Instant Compliance customer UUID.
    #[schemars(extend("format" = "uuid"))]
    pub id: String,
    /// Your own identifier for the customer; immutable once set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// v1 only ingests individuals.
    #[serde(rename = "type")]
    pub customer_type: CustomerType,
    /// The customer's full name.
    pub full_name: String,
    /// The customer's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(email, regex(pattern = EMAIL_PATTERN))]
    pub email: Option<String>,
    /// Where the customer is in KYC.
    pub kyc_status: KycStatus,
    /// When KYC started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date-time"))]
    pub kyc_started_at: Option<String>,
    /// When KYC completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date-time"))]
    pub kyc_completed_at: Option<String>,
    /// Populated only when `kyc_status` is `VERIFIED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// AML screening.
    pub aml: Aml,
    /// How the record entered Instant Compliance.
    pub added_via: AddedVia,
    /// When the record was created.
    #[schemars(extend("format" = "date-time"))]
    pub created_at: String,
    /// When the record was last updated.
    #[schemars(extend("format" = "date-time"))]
    pub updated_at: String,
}

/// `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum CustomerType {
    Individual,
    SoleTrader,
}

/// `kyc_status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum KycStatus {
    NotStarted,
    Pending,
    InProgress,
    Verified,
    Failed,
    NotRequired,
    AwaitingResubmission,
}

/// `added_via`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum AddedVia {
    AdminManual,
    AiExtracted,
    ContactPortal,
    BulkImport,
    Integration,
    System,
}

/// The document-verified identity; deliberately minimal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Identity {
    /// The legal name as verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_legal_name: Option<String>,
    /// ISO 3166-1 alpha-3 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub verified_country: Option<String>,
}

/// AML screening state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Aml {
    /// Screening status (free text, e.g. `CLEAR`).
    pub status: String,
    /// When screened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date-time"))]
    pub screened_at: Option<String>,
    /// When last reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date-time"))]
    pub last_reviewed_at: Option<String>,
    /// Screening hits.
    pub flags: AmlFlags,
}

/// AML screening hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)]
pub struct AmlFlags {
    pub pep: bool,
    pub sanctions: bool,
    pub adverse_media: bool,
    pub terrorism: bool,
}

/// What a record field must hold.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Uuid,
    Email,
    DateTime,
    Country,
    Bool,
    Enum(&'static [&'static str]),
    Object(&'static [Field]),
}

/// One key of a record object.
#[derive(Debug, Clone, Copy)]
struct Field {
    key: &'static str,
    required: bool,
    nullable: bool,
    kind: Kind,
}

const fn req(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        required: true,
        nullable: false,
        kind,
    }
}

const fn opt(key: &'static str, kind: Kind) -> Field {
    Field {
        key,
        required: false,
        nullable: true,
        kind,
    }
}

const FLAGS: [Field; 4] = [
    req("pep", Kind::Bool),
    req("sanctions", Kind::Bool),
    req("adverse_media", Kind::Bool),
    req("terrorism", Kind::Bool),
];

const AML: [Field; 4] = [
    req("status", Kind::Text),
    opt("screened_at", Kind::DateTime),
    opt("last_reviewed_at", Kind::DateTime),
    req("flags", Kind::Object(&FLAGS)),
];

const IDENTITY: [Field; 2] = [
    opt("verified_legal_name", Kind::Text),
    opt("verified_country", Kind::Country),
];

const CUSTOMER: [Field; 13] = [
    req("id", Kind::Uuid),
    opt("external_id", Kind::Text),
    req("type", Kind::Enum(&CUSTOMER_TYPES)),
    req("full_name", Kind::Text),
    opt("email", Kind::Email),
    req("kyc_status", Kind::Enum(&KYC_STATUSES)),
    opt("kyc_started_at", Kind::DateTime),
    opt("kyc_completed_at", Kind::DateTime),
    opt("identity", Kind::Object(&IDENTITY)),
    req("aml", Kind::Object(&AML)),
    req("added_via", Kind::Enum(&ADDED_VIA)),
    req("created_at", Kind::DateTime),
    req("updated_at", Kind::DateTime),
];

/// The keys the record rules read, as JSON: `1` for a value read whole (a
/// string, a boolean), an object for one whose own keys are read in turn.
/// Nothing else of a record is read, so the package sends nothing else.
pub fn shape_json() -> String {
    fn write(fields: &[Field], out: &mut String) {
        out.push('{');
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::issue::write_str(field.key, out);
            out.push(':');
            match field.kind {
                Kind::Object(inner) => write(inner, out),
                _ => out.push('1'),
            }
        }
        out.push('}');
    }
    let mut out = String::new();
    write(&CUSTOMER, &mut out);
    out
}

/// The rules of CONTRACT.md section 3 on one record, in field order, then
/// the invariant that `identity` is populated only when `VERIFIED` (checked
/// when the status is a known one; an unknown status is already an issue).
pub fn check_customer(record: &Json, sink: &mut Sink) {
    if !matches!(record, Json::Object(_)) {
        sink.issue(wrong_type(
            Vec::new(),
            Arg::Phrase("label.record"),
            "expected.object",
            "object",
            record,
        ));
        return;
    }
    check_fields(record, &mut Vec::new(), &CUSTOMER, sink);
    let identity_set = !matches!(record.get("identity"), None | Some(Json::Null));
    if let Some(Json::Str(status)) = record.get("kyc_status")
        && identity_set
        && KYC_STATUSES.contains(&status.text.as_ref())
        && status.text != crate::current::FROZEN_STATUS
    {
        sink.issue(
            Issue::new(
                vec![Key::Borrowed("identity")],
                Code::InvalidValue,
                Msg::new("record.identity"),
            )
            .with(vec![(
                "kycStatus",
                Param::Str(status.text.to_string().into()),
            )]),
        );
    }
}

fn check_fields(object: &Json, at: &mut Vec<Key>, fields: &[Field], sink: &mut Sink) {
    for field in fields {
        at.push(Key::Borrowed(field.key));
        let label = crate::join(at, ".");
        match object.get(field.key) {
            None if field.required => {
                sink.issue(missing(at.clone(), Arg::Text(label), expected(field).1))
            }
            None | Some(Json::Null) if field.nullable || !field.required => {}
            Some(value) => check_value(value, at, &label, field, sink),
            None => {}
        }
        at.pop();
    }
}

/// What a field expects: the phrase its message says, and `params.expected`,
/// the same words (`expected.string_or_null`, "a string or null").
fn expected(field: &Field) -> (&'static str, &'static str) {
    match (field.kind, field.nullable) {
        (Kind::Bool, false) => ("expected.boolean", "boolean"),
        (Kind::Bool, true) => ("expected.boolean_or_null", "boolean or null"),
        (Kind::Object(_), false) => ("expected.object", "object"),
        (Kind::Object(_), true) => ("expected.object_or_null", "object or null"),
        (_, false) => ("expected.string", "string"),
        (_, true) => ("expected.string_or_null", "string or null"),
    }
}

fn check_value(value: &Json, at: &mut Vec<Key>, label: &str, field: &Field, sink: &mut Sink) {
    let (phrase, name) = expected(field);
    let label = || Arg::Text(label.to_owned());
    let type_error = || wrong_type(at.clone(), label(), phrase, name, value);
    match (field.kind, value) {
        (Kind::Bool, Json::Bool(_)) => {}
        (Kind::Object(inner), Json::Object(_)) => check_fields(value, at, inner, sink),
        (Kind::Bool | Kind::Object(_), _) => sink.issue(type_error()),
        (kind, Json::Str(s)) => {
            if s.ill_formed() {
                sink.issue(ill_formed(at.clone(), label()));
                return;
            }
            let text = s.text.as_ref();
            let (ok, code, what) = match kind {
                Kind::Uuid => (is_uuid(text), Code::InvalidFormat, "format.uuid"),
                Kind::Email => (is_valid_email(text), Code::InvalidEmail, "format.email"),
                Kind::DateTime => (is_date_time(text), Code::InvalidFormat, "format.date_time"),
                Kind::Country => (
                    text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase()),
                    Code::InvalidFormat,
                    "format.country",
                ),
                Kind::Enum(allowed) => (allowed.contains(&text), Code::InvalidValue, "record.enum"),
                _ => (true, Code::InvalidValue, ""),
            };
            if ok {
                return;
            }
            let msg = Msg::new(what).arg("label", label());
            let issue = match kind {
                Kind::Enum(allowed) => Issue::new(
                    at.clone(),
                    code,
                    msg.arg("allowed", Arg::Text(crate::join(allowed, ", "))),
                )
                .with(vec![("allowed", Param::List(allowed))]),
                Kind::Email => Issue::new(at.clone(), code, msg),
                _ => Issue::new(at.clone(), code, msg).with(vec![(
                    "format",
                    Param::Str(
                        match kind {
                            Kind::Uuid => "uuid",
                            Kind::DateTime => "date-time",
                            _ => "iso3166-alpha3",
                        }
                        .into(),
                    ),
                )]),
            };
            sink.issue(issue);
        }
        _ => sink.issue(type_error()),
    }
}

/// The length of a hyphenated UUID, in bytes.
pub const UUID_LEN: usize = 36;

/// A hyphenated UUID (8-4-4-4-12 hex digits, any case), as JSON Schema's `uuid` format.
pub fn is_uuid(s: &str) -> bool {
    s.len() == UUID_LEN
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// An RFC 3339 `date-time`: `2026-06-23T01:12:00Z`, `2026-06-23t01:12:00.5+10:00`.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0, 4),
        num(5, 2),
        num(8, 2),
        num(11, 2),
        num(14, 2),
        num(17, 2),
    ) else {
        return false;
    };
    if b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len()
                && b[i + 3] == b':'
                && num(i + 1, 2).is_some_and(|h| h <= 23)
                && num(i + 4, 2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times() {
        for ok in [
            "2026-06-23T01:12:00Z",
            "2026-06-23t01:12:00z",
            "2026-06-23T01:12:00.123456+10:00",
            "2024-02-29T23:59:60-00:30",
        ] {
            assert!(is_date_time(ok), "{ok}");
        }
        for bad in [
            "",
            "2026-06-23",
            "2026-06-23T01:12:00",
            "2026-06-23 01:12:00Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-06-31T00:00:00Z",
            "2026-06-23T24:00:00Z",
            "2026-06-23T01:12:00.Z",
            "2026-06-23T01:12:00+1000",
            "2026-06-23T01:12:00+10:00x",
            "2026-06-23T01:12:00ZZ",
            "２026-06-23T01:12:00Z",
        ] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("550e8400-e29b-41d4-a716-446655440000"));
        assert!(is_uuid("550E8400-E29B-41D4-A716-446655440000"));
        assert!(!is_uuid("550e8400e29b41d4a716446655440000"));
        assert!(!is_uuid("{550e8400-e29b-41d4-a716-446655440000}"));
        assert!(!is_uuid("550e8400-e29b-41d4-a716-44665544000g"));
    }
}
