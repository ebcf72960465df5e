//! `field_rules`: what a form needs to build each input.

use crate::current::{Current, FROZEN_STATUS};
use crate::issue::write_str;
use crate::update::{EMAIL_MAX, FULL_NAME_MAX, FULL_NAME_MIN, PHONE_MAX, UPDATE_KEYS, field_label};

/// The rules of one body field, for a form input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRule {
    /// False when the field is frozen.
    pub editable: bool,
    /// Why it is not editable (a sentence a form can show), when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `reason` as data (see [`crate::messages`]); the wasm build sends only this.
    #[serde(skip)]
    pub reason_msg: Option<crate::messages::Msg>,
    /// Shortest value, in characters (Unicode scalar values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<usize>,
    /// Longest value, in characters (Unicode scalar values).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// True when `null` is a valid value (it clears the field).
    pub nullable: bool,
    /// `"email"` for the email field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
}

/// The rule of each body field (`fullName`, `email`, `phone`, `risk`), in that order.
pub fn field_rules(current: Option<&Current>) -> Vec<(&'static str, FieldRule)> {
    let frozen = current.is_some_and(Current::is_frozen);
    UPDATE_KEYS
        .iter()
        .map(|key| {
            let identity = matches!(*key, "fullName" | "email");
            let locked = identity && frozen;
            let reason = locked.then(|| {
                crate::messages::Msg::new("frozen.reason")
                    .label(field_label(key))
                    .arg(
                        "status",
                        crate::messages::Arg::Text(FROZEN_STATUS.to_owned()),
                    )
            });
            let rule = FieldRule {
                editable: !locked,
                // The wasm build sends `reason_msg` only (see `Issue::new`).
                reason: reason.as_ref().map(|msg| {
                    if cfg!(target_arch = "wasm32") {
                        String::new()
                    } else {
                        msg.render()
                    }
                }),
                reason_msg: reason,
                min_length: (*key == "fullName").then_some(FULL_NAME_MIN),
                max_length: match *key {
                    "fullName" => Some(FULL_NAME_MAX),
                    "email" => Some(EMAIL_MAX),
                    "phone" => Some(PHONE_MAX),
                    _ => None,
                },
                nullable: *key == "phone",
                format: (*key == "email").then_some("email"),
            };
            (*key, rule)
        })
        .collect()
}

/// The rules as a JSON object keyed by field.
pub fn field_rules_json(rules: &[(&str, FieldRule)]) -> String {
    let mut out = String::from("{");
    for (i, (key, rule)) in rules.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(key, &mut out);
        out.push_str(":{\"editable\":");
        out.push_str(if rule.editable { "true" } else { "false" });
        if let Some(reason) = &rule.reason {
            out.push_str(",\"reason\":");
            write_str(reason, &mut out);
        }
        if let Some(n) = rule.min_length {
            out.push_str(&format!(",\"minLength\":{n}"));
        }
        if let Some(n) = rule.max_length {
            out.push_str(&format!(",\"maxLength\":{n}"));
        }
        out.push_str(if rule.nullable {
            ",\"nullable\":true"
        } else {
            ",\"nullable\":false"
        });
        if let Some(f) = rule.format {
            out.push_str(&format!(",\"format\":\"{f}\""));
        }
        out.push('}');
    }
    out.push('}');
    out
}
