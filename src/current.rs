//! The current record, as far as the freeze rules read it.

use crate::check::{Sink, missing, path, wrong_type};
use crate::issue::{Code, Issue, Param};
use crate::json::Json;
use crate::record::KYC_STATUSES;
use crate::update::field_label;

/// The status after which `fullName` and `email` are frozen.
pub const FROZEN_STATUS: &str = "VERIFIED";

/// `unchanged_frozen_field` for a body key (`fullName` or `email`): the warning
/// for sending a frozen field's identical value. The package's fast path
/// copies these two warnings (from `rule_data`) rather than crossing into wasm.
pub fn unchanged_warning(key: &str) -> Issue {
    Issue::new(
        path(&[key]),
        Code::UnchangedFrozenField,
        format!(
            "{} is frozen after KYC verification; the same value is sent, so nothing changes.",
            field_label(key)
        ),
    )
}

/// What the freeze rules read of the current record: `kyc_status`,
/// `full_name` and `email` (anything else in it is ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// The record's `kyc_status`.
    pub kyc_status: String,
    /// The record's `full_name` (None when absent, null or not a string).
    pub full_name: Option<String>,
    /// The record's `email` (None when absent, null or not a string).
    pub email: Option<String>,
}

/// A `current` that cannot be used: not an object, or no string `kyc_status`.
/// A programming error: the JavaScript package throws it, a batch reports it on its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentError(pub Issue);

impl std::fmt::Display for CurrentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for CurrentError {}

impl Current {
    /// Reads a current record; its issue's path is relative to `current`.
    pub fn from_json(record: &Json) -> Result<Current, CurrentError> {
        if !matches!(record, Json::Object(_)) {
            return Err(CurrentError(wrong_type(
                Vec::new(),
                "The current record",
                "an object",
                "object",
                record,
            )));
        }
        let kyc_status = match record.get("kyc_status") {
            Some(Json::Str(s)) => s.text.to_string(),
            None => {
                return Err(CurrentError(missing(
                    path(&["kyc_status"]),
                    "The current record's kyc_status",
                    "string",
                )));
            }
            Some(other) => {
                return Err(CurrentError(wrong_type(
                    path(&["kyc_status"]),
                    "The current record's kyc_status",
                    "a string",
                    "string",
                    other,
                )));
            }
        };
        let text = |key| {
            record
                .get(key)
                .and_then(Json::as_str)
                .map(|s| s.text.to_string())
        };
        Ok(Current {
            kyc_status,
            full_name: text("full_name"),
            email: text("email"),
        })
    }

    /// True when `fullName` and `email` are frozen.
    pub fn is_frozen(&self) -> bool {
        self.kyc_status == FROZEN_STATUS
    }

    /// The record's value for a body key (`fullName` → `full_name`).
    pub fn value_of(&self, body_key: &str) -> Option<&str> {
        match body_key {
            "fullName" => self.full_name.as_deref(),
            "email" => self.email.as_deref(),
            _ => None,
        }
    }

    /// `unknown_kyc_status` when the status is not one the seed lists.
    pub fn check_status(&self, sink: &mut Sink) {
        if !KYC_STATUSES.contains(&self.kyc_status.as_str()) {
            sink.warn(
                Issue::new(
                    path(&["current", "kyc_status"]),
                    Code::UnknownKycStatus,
                    "The current record's KYC status is not one this module knows, so fullName and email are treated as editable.",
                )
                .with(vec![("allowed", Param::List(&KYC_STATUSES))]),
            );
        }
    }

    /// `frozen_field` for a change of a frozen field, `unchanged_frozen_field`
    /// (a warning) when the identical value is sent.
    pub fn check_frozen(&self, key: &str, value: &Json, sink: &mut Sink) {
        if !self.is_frozen() || !matches!(key, "fullName" | "email") {
            return;
        }
        let label = field_label(key);
        let unchanged = match (value, self.value_of(key)) {
            (Json::Str(s), Some(now)) => !s.ill_formed && s.text == now,
            _ => false,
        };
        if unchanged {
            sink.warn(unchanged_warning(key));
        } else {
            sink.issue(
                Issue::new(
                    path(&[key]),
                    Code::FrozenField,
                    format!("{label} cannot be changed after KYC verification."),
                )
                .with(vec![("kycStatus", Param::Str(FROZEN_STATUS.to_owned()))]),
            );
        }
    }
}
