//! The WebAssembly boundary.
//!
//! Every call comes in as a tape (`crate::tape`) that the package writes
//! straight into this module's memory: a JavaScript value as tags, counts
//! and bytes (no text to write or parse), JSON text as its UTF-8 bytes (a
//! string's written there by the package, a `Uint8Array` copied). Results go out as integer records
//! (`crate::records`): issues with their messages as data, which the package
//! turns into objects and writes in words from the message table, so the
//! module formats nothing and ships no sentence. A programming error (a
//! malformed `current`, an unusable id) comes back as a record the package
//! throws. Nothing here panics on any input.
//!
//! The tape's words and bytes, and the result words of a tape call, live in
//! buffers this module keeps and reuses: after warm-up a call allocates
//! nothing for them.

use std::cell::Cell;

use wasm_bindgen::prelude::wasm_bindgen;

use crate::calls;
#[cfg(feature = "swb-compare")]
use crate::{check_update, json::Json};

#[cfg(feature = "swb-compare")]
fn report_json(report: &crate::Report) -> String {
    let mut out = String::new();
    report.write_json(&mut out);
    out
}

// ---------------------------------------------------------------------------
// Calls on a tape.

/// The tape's words and bytes as the package writes them, and the words of
/// the last result.
#[derive(Default)]
struct Io {
    words: Vec<u32>,
    bytes: Vec<u8>,
    out: Vec<u32>,
}

thread_local! {
    /// Taken for the length of a call and put back after: if the module
    /// traps inside (out of memory), the next call starts from empty buffers
    /// rather than from a borrow that never ended.
    static IO: Cell<Io> = const {
        Cell::new(Io {
            words: Vec::new(),
            bytes: Vec::new(),
            out: Vec::new(),
        })
    };
}

/// Runs `f` on the buffers.
fn with_io<T>(f: impl FnOnce(&mut Io) -> T) -> T {
    let mut io = IO.take();
    let out = f(&mut io);
    IO.set(io);
    out
}

/// Makes `area` at least `n` long (what it holds is kept); its address, or
/// `0` when there is no memory for it. A new area is asked of the allocator
/// zeroed, which fresh memory already is: a batch's text area is not written
/// before the package writes the text.
fn room<T: Copy + Zero>(area: &mut Vec<T>, n: u32) -> u32 {
    let n = n as usize;
    if area.len() < n {
        let Ok(layout) = std::alloc::Layout::array::<T>(n) else {
            return 0;
        };
        // SAFETY: `layout` is not empty (n > area.len() >= 0) and is that of `n` values of `T`.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<T>();
        if ptr.is_null() {
            return 0;
        }
        // SAFETY: `ptr` holds `n` zeroed values of `T` (valid for `Zero` types), allocated
        // by the global allocator with the layout of a `Vec<T>` of capacity `n`.
        let mut grown = unsafe { Vec::from_raw_parts(ptr, n, n) };
        grown[..area.len()].copy_from_slice(area);
        *area = grown;
    }
    area.as_ptr() as u32
}

/// Types for which all-zero bytes are a value (the tape's words and bytes).
trait Zero {}
impl Zero for u8 {}
impl Zero for u32 {}

/// The module's memory, for the package to write tapes into and read results from.
#[wasm_bindgen]
pub fn tape_memory() -> wasm_bindgen::JsValue {
    wasm_bindgen::memory()
}

/// Makes the tape's word area at least `n` words long (what it holds is kept)
/// and returns its address (`0`: no memory for it).
#[wasm_bindgen]
pub fn tape_words(n: u32) -> u32 {
    with_io(|io| room(&mut io.words, n))
}

/// Makes the tape's byte area at least `n` bytes long (what it holds is kept)
/// and returns its address (`0`: no memory for it).
#[wasm_bindgen]
pub fn tape_bytes(n: u32) -> u32 {
    with_io(|io| room(&mut io.bytes, n))
}

/// The address of the last tape call's result words.
#[wasm_bindgen]
pub fn out_words() -> u32 {
    with_io(|io| io.out.as_ptr() as u32)
}

/// Runs call `op` on the tape's words `from..to` (and its first `bytes`
/// bytes); returns the number of result words, found at [`out_words`].
#[wasm_bindgen]
pub fn tape_call(op: u32, from: u32, to: u32, bytes: u32) -> u32 {
    with_io(|io| {
        let words = io.words.get(from as usize..to as usize).unwrap_or(&[]);
        let text = io.bytes.get(..bytes as usize).unwrap_or(&[]);
        io.out = calls::tape_call(op, words, text, std::mem::take(&mut io.out));
        io.out.len() as u32
    })
}

/// The road not taken, built only with the `swb-compare` feature to measure it:
/// the body read field by field through serde-wasm-bindgen into a
/// `serde_json::Value`, then the same rules. It cannot see an unpaired
/// surrogate, a function or a class instance the way the text path does.
#[cfg(feature = "swb-compare")]
#[wasm_bindgen]
pub fn validate_update_swb(body: wasm_bindgen::JsValue) -> String {
    match serde_wasm_bindgen::from_value::<serde_json::Value>(body) {
        Ok(value) => report_json(&check_update(&Json::from(&value), None)),
        Err(e) => e.to_string(),
    }
}
