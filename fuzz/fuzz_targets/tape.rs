//! The tape, as `src/wasm.rs` runs it: `calls::tape_call` on any words and
//! bytes (first byte odd) must end in a result, a thrown error or an internal
//! error, never a panic; a tape written from JSON text (first byte even)
//! must read back as the text parsed, and validateUpdate on it must give the
//! very records the text path gives.
#![no_main]

use fuzz_checks::{Records, check_report_records, text};
use ic_customer_contract::calls::{self, INTERNAL, RESULT, THROWN};
use ic_customer_contract::tape::{Tape, TapeWriter, op};
use ic_customer_contract::{check_update, scan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 1 {
        // Any tape: the count of words, the words, then the bytes.
        let Some((&n, rest)) = rest.split_first() else {
            return;
        };
        let (words, bytes) = rest.split_at((usize::from(n) * 4).min(rest.len() / 4 * 4));
        let words: Vec<u32> = words
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect();
        let out = calls::tape_call(u32::from(mode / 2 % 8), &words, bytes, Vec::new());
        assert!(
            matches!(out.first(), Some(&(RESULT | THROWN | INTERNAL))),
            "{out:?}"
        );
        return;
    }
    let Some(text) = text(rest) else { return };
    let Ok(value) = scan::parse(text) else { return };
    let mut w = TapeWriter::default();
    w.value(&value);
    let mut tape = Tape::new(&w.words, &w.bytes);
    assert_eq!(tape.present().expect("a written tape reads"), value);
    assert!(tape.is_done());
    w.absent();
    let by_tape = calls::tape_call(op::VALIDATE_UPDATE, &w.words, &w.bytes, Vec::new());
    let mut as_text = TapeWriter::default();
    as_text.json_text(text.as_bytes(), &[]);
    as_text.absent();
    let by_text = calls::tape_call(op::VALIDATE_UPDATE_JSON, &as_text.words, &as_text.bytes, Vec::new());
    assert_eq!(by_tape, by_text);
    check_report_records(&by_tape, &check_update(&value, None));
    // The package's question before it sends a string as the engine encoded it.
    let mut probe = TapeWriter::default();
    probe.json_text(text.as_bytes(), &[]);
    let holds = calls::tape_call(op::HOLDS_REPLACEMENT, &probe.words, &probe.bytes, Vec::new());
    assert_eq!(holds, [RESULT, u32::from(text.contains('\u{FFFD}'))]);
    // Every other call ends in a result or a thrown error, and reads to its end.
    for call in [
        op::VALIDATE_CUSTOMER,
        op::FIELD_RULES,
        op::PARSE_CUSTOMER_ID,
    ] {
        let mut words = Vec::new();
        let mut one = TapeWriter::default();
        one.value(&value);
        words.extend_from_slice(&one.words);
        let out = calls::tape_call(call, &words, &one.bytes, Vec::new());
        assert!(
            matches!(Records::new(&out).word(), RESULT | THROWN),
            "{out:?}"
        );
    }
});
