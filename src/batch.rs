//! `validate_batch_json`: many bodies (with their current records) in one JSON text.

use crate::check::{Sink, path, wrong_type};
use crate::current::Current;
use crate::issue::{Code, Issue, Param, write_issues};
use crate::json::Json;
use crate::messages::{Arg, Msg};
use crate::scan::{LoneSurrogates, Root, Shape, for_each_item};
use crate::update::check_update;

/// The verdict on one item that has issues or warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemReport {
    /// Position of the item in the array.
    pub index: usize,
    /// The item's problems: paths relative to its `update`, or `[]` / `["current", ...]`
    /// for a malformed item or record.
    pub issues: Vec<Issue>,
    /// The item's warnings.
    pub warnings: Vec<Issue>,
}

/// The verdict on a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Items in the array.
    pub total: usize,
    /// Items without issues.
    pub valid: usize,
    /// Items with issues.
    pub invalid: usize,
    /// Only the items with issues or warnings, in array order.
    pub results: Vec<ItemReport>,
    /// Problems with the text as a whole (not JSON, not an array); then `total` is 0.
    pub issues: Vec<Issue>,
}

/// [`validate_batch`] on bytes (see [`crate::validate_update_bytes`]).
pub fn validate_batch_bytes(arg: crate::tape::TextArg) -> BatchReport {
    match crate::bytes::utf8(arg.bytes) {
        Ok(text) => validate_batch(text, arg.lone),
        Err(valid_up_to) => BatchReport {
            issues: vec![crate::invalid_json_issue(&crate::scan::utf8_error(
                arg.bytes,
                valid_up_to,
            ))],
            ..BatchReport::default()
        },
    }
}

/// What the rules read of an item: its `update` whole, of its `current` the
/// keys the freeze rules read ([`crate::current::READ_KEYS`]); any other
/// member is checked as JSON and skipped, building nothing.
const ITEM: Shape = Shape::Object(&[("update", Shape::Whole), ("current", crate::current::SHAPE)]);

/// Validates `[{ "update": ..., "current"?: ... }, ...]`. A malformed item or
/// record is that item's issue; only text that is not a JSON array fails the whole.
/// Other keys of an item (an `id` to match results with) are ignored. `lone`
/// lists the raw unpaired surrogates of a JavaScript string (see
/// [`crate::scan::LoneSurrogates`]; empty for Rust text).
pub fn validate_batch(text: &str, lone: LoneSurrogates) -> BatchReport {
    let mut report = BatchReport::default();
    // Each item is checked as soon as it is parsed, then dropped.
    let root = for_each_item(text, lone, ITEM, |index, item| {
        let mut sink = Sink::default();
        check_item(item, &mut sink);
        let item = sink.finish();
        if item.ok {
            report.valid += 1;
        } else {
            report.invalid += 1;
        }
        if !item.issues.is_empty() || !item.warnings.is_empty() {
            report.results.push(ItemReport {
                index,
                issues: item.issues,
                warnings: item.warnings,
            });
        }
    });
    match root {
        Ok(Root::Array(total)) => BatchReport { total, ..report },
        Ok(Root::Other(other)) => BatchReport {
            issues: vec![wrong_type(
                Vec::new(),
                Arg::Phrase("label.batch"),
                "expected.items",
                "array",
                &other,
            )],
            ..BatchReport::default()
        },
        Err(e) => BatchReport {
            issues: vec![crate::invalid_json_issue(&e)],
            ..BatchReport::default()
        },
    }
}

fn check_item(item: &Json, sink: &mut Sink) {
    if !matches!(item, Json::Object(_)) {
        sink.issue(wrong_type(
            Vec::new(),
            Arg::Phrase("label.item"),
            "expected.item",
            "object",
            item,
        ));
        return;
    }
    let current = match item.get("current") {
        None | Some(Json::Null) => None,
        Some(record) => match Current::from_json(record) {
            Ok(current) => Some(current),
            Err(e) => {
                sink.issue(e.0.under(&["current"]));
                return;
            }
        },
    };
    match item.get("update") {
        Some(update) => check_update(update, current.as_ref(), sink),
        None => sink.issue(
            Issue::new(path(&[]), Code::InvalidType, Msg::new("batch.no_update")).with(vec![
                ("expected", Param::Str("object".into())),
                ("received", Param::Str("undefined".into())),
            ]),
        ),
    }
}

impl BatchReport {
    /// `{"total":..,"valid":..,"invalid":..,"results":[...],"issues":[...]}`.
    pub fn to_json(&self) -> String {
        let mut out = format!(
            "{{\"total\":{},\"valid\":{},\"invalid\":{},\"results\":[",
            self.total, self.valid, self.invalid
        );
        for (i, item) in self.results.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                "{{\"index\":{},\"ok\":{},\"issues\":",
                item.index,
                item.issues.is_empty()
            ));
            write_issues(&item.issues, &mut out);
            out.push_str(",\"warnings\":");
            write_issues(&item.warnings, &mut out);
            out.push('}');
        }
        out.push_str("],\"issues\":");
        write_issues(&self.issues, &mut out);
        out.push('}');
        out
    }
}
