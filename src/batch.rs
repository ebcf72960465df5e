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
    /// Problems with the text as a whole (not JSON, not an array; then `total`
    /// is 0), or, past [`LISTED_MAX`], the count of the issues and warnings left out.
    pub issues: Vec<Issue>,
}

/// The issues and warnings a batch lists at most, over all its items. Past
/// them, the items are still checked and counted (`valid`, `invalid`), not
/// listed, and one issue of the batch says how many issues and warnings were
/// left out (`params.omitted`), as a call's past its cap of 100: results
/// cost memory (about 120 bytes of records an issue in the module, a few
/// hundred of objects in JavaScript), and a text of a few megabytes can hold
/// millions of items that each have one, which filled the module's 4 GiB.
pub const LISTED_MAX: usize = 1_000_000;

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
    validate_batch_listing(text, lone, LISTED_MAX)
}

/// [`validate_batch`], listing at most `listed_max` issues and warnings.
fn validate_batch_listing(text: &str, lone: LoneSurrogates, listed_max: usize) -> BatchReport {
    let mut report = BatchReport::default();
    let mut listed = 0;
    // What is left out: counted, as a call counts its problems past its cap.
    // Once an item is, every later one is: the listed items are the first.
    let mut left_out = Sink::default();
    let mut full = false;
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
        let Some(first) = item.issues.first().or(item.warnings.first()) else {
            return;
        };
        let n = item.issues.len() + item.warnings.len();
        full = full || listed + n > listed_max;
        if !full {
            listed += n;
            report.results.push(ItemReport {
                index,
                issues: item.issues,
                warnings: item.warnings,
            });
        } else {
            left_out.omit(first.code, n as u64);
        }
    });
    match root {
        Ok(Root::Array(total)) => BatchReport {
            total,
            issues: left_out.finish_listing(listed as u64).issues,
            ..report
        },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_listing_cap_items_are_counted_not_listed() {
        // Items with one issue each, but item 3 (two) and item 1 (valid).
        let text = r#"[0,{"update":{}},1,{"update":{"fullName":"","email":"x"}},2,3,{"update":{"zz":1}},4]"#;
        let all = validate_batch_listing(text, &[], usize::MAX);
        assert_eq!(
            (all.total, all.valid, all.invalid, all.results.len()),
            (8, 1, 7, 7)
        );
        assert!(all.issues.is_empty());
        // Listed while they fit: 0 (1 issue), 2 (1), then 3 needs 2 more than the cap of 3.
        let capped = validate_batch_listing(text, &[], 3);
        assert_eq!((capped.total, capped.valid, capped.invalid), (8, 1, 7));
        let indices: Vec<usize> = capped.results.iter().map(|r| r.index).collect();
        assert_eq!(indices, [0, 2]);
        assert_eq!(capped.results[..], all.results[..2]);
        // Once one is left out, every later one is: the listed are the first.
        assert_eq!(capped.issues.len(), 1);
        let issue = &capped.issues[0];
        assert_eq!((issue.path.len(), issue.code), (0, Code::TooShort));
        // Items 3 to 7 hold 2 + 1 + 1 + 1 + 1 issues.
        assert_eq!(
            issue.params.as_ref().unwrap().get("omitted"),
            Some(&Param::Int(6))
        );
        assert_eq!(
            issue.message,
            "There are 6 more problems; only the first 2 are listed."
        );
        // Exactly at the cap: nothing left out.
        let exact = validate_batch_listing(
            text,
            &[],
            all.results
                .iter()
                .map(|r| r.issues.len() + r.warnings.len())
                .sum(),
        );
        assert_eq!((exact.results.len(), exact.issues.len()), (7, 0));
    }
}
