//! The two passes over a whole JSON text before it is scanned: whether it
//! holds U+FFFD, whether it is UTF-8.
//!
//! Each has two builds with one answer. The Node entries' wasm (feature
//! `simd`, `xtask/node-wasm/`) reads 16 bytes at a time with `simd128`, which
//! every Node the package supports runs (18 and later); the browser's wasm carries no SIMD
//! instruction (an engine without `simd128` would refuse the whole module)
//! and reads byte by byte (the smallest code), or leaves UTF-8 to std.
//! `tests/wasm_node.rs` (the wasm suite in Node, built with `simd`) holds the
//! SIMD build to byte-by-byte answers; `tests/js/test/builds.test.mjs` holds
//! the Node entry's answers to the default entry's, each case put at every
//! offset of a few 16-byte blocks.

/// U+FFFD in UTF-8.
const REPLACEMENT: [u8; 3] = [0xEF, 0xBF, 0xBD];

/// Whether `bytes` hold U+FFFD in UTF-8: byte by byte (the browser's build:
/// the smallest code).
#[cfg(not(all(feature = "simd", target_arch = "wasm32")))]
pub fn holds_replacement(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == REPLACEMENT)
}

/// Whether `bytes` hold U+FFFD in UTF-8: 16 bytes at a time.
#[cfg(all(feature = "simd", target_arch = "wasm32"))]
pub fn holds_replacement(bytes: &[u8]) -> bool {
    simd::holds_replacement(bytes)
}

/// `bytes` as UTF-8 text, or the length of their longest valid prefix (as
/// `std::str::from_utf8`'s `valid_up_to`): std's check.
#[cfg(not(all(feature = "simd", target_arch = "wasm32")))]
#[inline(always)]
pub fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    std::str::from_utf8(bytes).map_err(|e| e.valid_up_to())
}

/// `bytes` as UTF-8 text, or the length of their longest valid prefix (as
/// `std::str::from_utf8`'s `valid_up_to`): runs of ASCII passed 16 bytes at
/// a time, everything else std's check.
#[cfg(all(feature = "simd", target_arch = "wasm32"))]
pub fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    let mut at = 0;
    loop {
        at = simd::ascii_run_end(bytes, at);
        if at == bytes.len() {
            break;
        }
        // `at` follows ASCII (or is 0): a character starts there. std checks
        // from there, 64 bytes or more (text that is not mostly ASCII is not
        // cut into short calls), up to an ASCII byte, which also starts one.
        let mut end = (at + 64).min(bytes.len());
        while end < bytes.len() && bytes[end] >= 0x80 {
            end += 1;
        }
        if let Err(e) = std::str::from_utf8(&bytes[at..end]) {
            return Err(at + e.valid_up_to());
        }
        at = end;
    }
    // SAFETY: every byte was checked above: ASCII runs, and the runs between
    // them by `std::str::from_utf8`, each starting and ending at a character boundary.
    Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
}

#[cfg(all(feature = "simd", target_arch = "wasm32"))]
mod simd {
    use core::arch::wasm32::{
        u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_and, v128_any_true, v128_load,
    };

    /// 16 bytes at `at` (the caller has checked they are there).
    #[inline]
    #[target_feature(enable = "simd128")]
    fn load(bytes: &[u8], at: usize) -> v128 {
        debug_assert!(at + 16 <= bytes.len());
        // SAFETY: `at + 16 <= bytes.len()` at every call; v128_load takes any alignment.
        unsafe { v128_load(bytes.as_ptr().add(at).cast::<v128>()) }
    }

    /// See [`super::holds_replacement`]; the last bytes one by one.
    #[target_feature(enable = "simd128")]
    pub fn holds_replacement(bytes: &[u8]) -> bool {
        let (ef, bf, bd) = (u8x16_splat(0xEF), u8x16_splat(0xBF), u8x16_splat(0xBD));
        let mut at = 0;
        while at + 18 <= bytes.len() {
            let hit = v128_and(
                v128_and(
                    u8x16_eq(load(bytes, at), ef),
                    u8x16_eq(load(bytes, at + 1), bf),
                ),
                u8x16_eq(load(bytes, at + 2), bd),
            );
            if v128_any_true(hit) {
                return true;
            }
            at += 16;
        }
        bytes[at..].windows(3).any(|w| w == super::REPLACEMENT)
    }

    /// The first byte from `at` that is not ASCII; `bytes.len()` when none.
    #[target_feature(enable = "simd128")]
    pub fn ascii_run_end(bytes: &[u8], mut at: usize) -> usize {
        let high = u8x16_splat(0x80);
        while at + 16 <= bytes.len() {
            let mask = u8x16_bitmask(v128_and(load(bytes, at), high));
            if mask != 0 {
                return at + mask.trailing_zeros() as usize;
            }
            at += 16;
        }
        bytes[at..]
            .iter()
            .position(|&b| b >= 0x80)
            .map_or(bytes.len(), |i| at + i)
    }
}
