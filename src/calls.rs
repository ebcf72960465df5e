//! The package's calls, as the WebAssembly boundary runs them: inputs from
//! a tape (`crate::tape`) or JSON text, outcomes as integer records
//! (`crate::records`). `src/wasm.rs` exports them; they build natively too,
//! so that tests and the fuzz targets run the very code the module runs.

use crate::current::{Current, CurrentError};
use crate::json::Json;
use crate::records::Writer;
use crate::tape::{Tape, TapeError, op};
use crate::{check_customer, check_update, current_from, diff, fields, request};

/// A result's first word: what follows.
pub const RESULT: u32 = 0;
/// A programming error the package throws: its message follows.
pub const THROWN: u32 = 1;
/// A bug in the package itself (a value encoding it should never write): a string follows.
pub const INTERNAL: u32 = 2;

/// The records of an outcome (see [`crate::records`]) into `words`: `RESULT`
/// and what `write` writes, or `THROWN` and the error's message.
pub fn records_into(
    words: Vec<u32>,
    write: impl FnOnce(&mut Writer) -> Result<(), Failure>,
) -> Vec<u32> {
    let mut w = Writer { words };
    w.words.clear();
    w.word(RESULT);
    if let Err(failure) = write(&mut w) {
        w.words.clear();
        match failure {
            Failure::Thrown(issue) => {
                w.word(THROWN);
                w.msg(&issue.msg);
            }
            Failure::Internal(text) => {
                w.word(INTERNAL);
                w.str(&text);
            }
        }
    }
    w.words
}

/// [`records_into`] a new vector.
pub fn records(write: impl FnOnce(&mut Writer) -> Result<(), Failure>) -> Vec<u32> {
    records_into(Vec::new(), write)
}

/// Why a call gives no result.
pub enum Failure {
    /// A malformed `current`, an unusable id: the package throws it.
    Thrown(crate::Issue),
    /// The package's own encoding did not parse.
    Internal(String),
}

impl From<CurrentError> for Failure {
    fn from(CurrentError(issue): CurrentError) -> Self {
        Failure::Thrown(issue)
    }
}

impl From<TapeError> for Failure {
    /// The tape is written by the package itself; one that does not read is
    /// a bug in the package, reported rather than trapped.
    fn from(TapeError(reason): TapeError) -> Self {
        Failure::Internal(crate::join(&["internal: bad tape (", reason, ")"], ""))
    }
}

/// `ok`, issues, warnings.
pub fn report(w: &mut Writer, report: &crate::Report) {
    w.word(u32::from(report.ok));
    w.issues(&report.issues);
    w.issues(&report.warnings);
}

/// A batch's records: `total, valid, invalid`, the items with something to
/// say (`index`, issues, warnings), then the issues of the text as a whole.
fn batch(w: &mut Writer, batch: &crate::BatchReport) {
    w.count(batch.total);
    w.count(batch.valid);
    w.count(batch.invalid);
    w.count(batch.results.len());
    for item in &batch.results {
        w.count(item.index);
        w.issues(&item.issues);
        w.issues(&item.warnings);
    }
    w.issues(&batch.issues);
}

/// Runs call `op` (see [`crate::tape::op`]) on a tape; its records go into
/// `out` (cleared first, its capacity reused).
pub fn tape_call(op: u32, words: &[u32], bytes: &[u8], out: Vec<u32>) -> Vec<u32> {
    let mut tape = Tape::new(words, bytes);
    records_into(out, |w| {
        match op {
            op::VALIDATE_UPDATE => validate_update(&mut tape, w),
            op::VALIDATE_CUSTOMER => validate_customer(&mut tape, w),
            op::DIFF_UPDATE => diff_update(&mut tape, w),
            op::FIELD_RULES => field_rules(&mut tape, w),
            op::BUILD_PATCH_REQUEST => build_patch_request(&mut tape, w),
            op::PARSE_CUSTOMER_ID => parse_customer_id(&mut tape, w),
            op::VALIDATE_UPDATE_JSON => update_json(&mut tape, w),
            op::VALIDATE_BATCH_JSON => batch_json(&mut tape, w),
            op::HOLDS_REPLACEMENT => holds_replacement(&mut tape, w),
            _ => Err(Failure::Internal("internal: unknown call".to_owned())),
        }?;
        if tape.is_done() {
            Ok(())
        } else {
            Err(TapeError("words left over").into())
        }
    })
}

/// `validateUpdate(update, current?)`: a body, then a record or none.
fn validate_update(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let body = tape.present()?;
    let current = current_from(tape.value()?.as_ref())?;
    report(w, &check_update(&body, current.as_ref()));
    Ok(())
}

/// `validateCustomer(record)`.
fn validate_customer(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    report(w, &check_customer(&tape.present()?));
    Ok(())
}

/// `diffUpdate(current, desired)`: the update as JSON text (its values as
/// given), then the skipped issues.
fn diff_update(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let current = Current::from_json(&tape.present()?)?;
    let diff = diff::diff(&current, &tape.present()?);
    let mut update = String::new();
    diff::write_body(&diff.update, &mut update);
    w.str(&update);
    w.issues(&diff.skipped);
    Ok(())
}

/// `fieldRules(current?)`: per field, its key, `editable`, the reason (`0`,
/// or `1` and a message), `minLength` and `maxLength` (`0`, or `1` and the
/// figure), `nullable`, the format (`0`, or `1` and a string).
fn field_rules(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let current = current_from(tape.value()?.as_ref())?;
    let rules = fields::field_rules(current.as_ref());
    w.count(rules.len());
    for (key, rule) in &rules {
        w.str(key);
        w.word(u32::from(rule.editable));
        match &rule.reason_msg {
            None => w.word(0),
            Some(msg) => {
                w.word(1);
                w.msg(msg);
            }
        }
        for n in [rule.min_length, rule.max_length] {
            match n {
                None => w.word(0),
                Some(n) => {
                    w.word(1);
                    w.count(n);
                }
            }
        }
        w.word(u32::from(rule.nullable));
        match rule.format {
            None => w.word(0),
            Some(format) => {
                w.word(1);
                w.str(format);
            }
        }
    }
    Ok(())
}

/// `buildPatchRequest(input)`, then the fresh key used when the input has
/// none: `1`, method, url, headers (`n`, name and value), body, warnings; or
/// `0` and the issues.
fn build_patch_request(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let input = tape.present()?;
    let fresh_key = match tape.present()? {
        Json::Str(key) => key.text.into_owned(),
        _ => return Err(TapeError("the fresh key is not a string").into()),
    };
    match request::build_patch_request(&input, || fresh_key)? {
        request::Built::Ok(r, warnings) => {
            w.word(1);
            w.str(r.method);
            w.str(&r.url);
            w.count(r.headers.len());
            for (name, value) in &r.headers {
                w.str(name);
                w.str(value);
            }
            w.str(&r.body);
            w.issues(&warnings);
        }
        request::Built::Invalid(issues) => {
            w.word(0);
            w.issues(&issues);
        }
    }
    Ok(())
}

/// `parseCustomerId(id)`: `0` and the uuid, or `1` and the external id.
fn parse_customer_id(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    match request::parse_customer_id(&tape.present()?) {
        Ok(request::CustomerId::Uuid(uuid)) => {
            w.word(0);
            w.str(&uuid);
        }
        Ok(request::CustomerId::ExternalId(id)) => {
            w.word(1);
            w.str(&id);
        }
        Err(issue) => return Err(Failure::Thrown(issue)),
    }
    Ok(())
}

/// `validateUpdateJson(text, currentText?)` on a tape: JSON text, then JSON
/// text or none.
fn update_json(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let body = tape.json_text()?.ok_or(TapeError("absent text"))?;
    let current = tape.json_text()?;
    report(w, &crate::validate_update_bytes(body, current)?);
    Ok(())
}

/// `validateBatchJson(text)` on a tape: `total, valid, invalid`, the items
/// with something to say (`index`, issues, warnings), then the issues of the
/// text as a whole.
fn batch_json(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let text = tape.json_text()?.ok_or(TapeError("absent text"))?;
    batch(w, &crate::batch::validate_batch_bytes(text));
    Ok(())
}

/// Whether a JSON text's bytes hold U+FFFD: `1` or `0`.
fn holds_replacement(tape: &mut Tape, w: &mut Writer) -> Result<(), Failure> {
    let text = tape.json_text()?.ok_or(TapeError("absent text"))?;
    w.word(u32::from(crate::bytes::holds_replacement(text.bytes)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tape::TapeWriter;

    fn holds(bytes: &[u8]) -> Vec<u32> {
        let mut w = TapeWriter::default();
        w.json_text(bytes, &[]);
        tape_call(op::HOLDS_REPLACEMENT, &w.words, &w.bytes, Vec::new())
    }

    #[test]
    fn holds_replacement_answers_one_or_zero() {
        assert_eq!(holds("[\"a\u{FFFD}\"]".as_bytes()), [RESULT, 1]);
        assert_eq!(holds(b"\xEF\xBF\xBD"), [RESULT, 1]);
        assert_eq!(holds("[\"\u{FFFE}\u{FFFC}ë\"]".as_bytes()), [RESULT, 0]);
        assert_eq!(holds(b"\xEF\xBF"), [RESULT, 0]);
        assert_eq!(holds(b""), [RESULT, 0]);
        // Anything but one text is the package's bug, reported.
        let out = tape_call(
            op::HOLDS_REPLACEMENT,
            &[crate::tape::ABSENT],
            b"",
            Vec::new(),
        );
        assert_eq!(out.first(), Some(&INTERNAL));
    }
}
