//! JSON text with raw unpaired surrogates, as a JavaScript string holds it:
//! the text has U+FFFD where each one stood, plus a table of (offset, unit).
//! Any table, even a bogus one, is refused or read without a panic; a good
//! table reads exactly as the same surrogates written as `\uXXXX` escapes.
#![no_main]

use fuzz_checks::check_lone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_lone(data);
});
