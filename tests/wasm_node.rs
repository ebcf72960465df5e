//! The wasm suite (`wasm_common`) in Node.js, through wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown --test wasm_node --features simd`
//! (the feature of the Node entries' wasm, which its `bytes` tests are for).
#![cfg(target_arch = "wasm32")]

mod wasm_common;

/// The Node build's passes over a whole text (`src/bytes.rs`, 16 bytes at a
/// time: this suite runs with the `simd` feature) against byte-by-byte
/// answers, with each case at every offset of a few 16-byte blocks, from the
/// start and from the end.
mod bytes {
    use ic_customer_contract::bytes::{holds_replacement, utf8};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// `a` bytes, `case`, then `b` bytes, for every `a` in 0..40 and `b` in 0..40.
    fn placed(case: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for a in 0..40 {
            for b in 0..40 {
                let mut t = vec![b'a'; a];
                t.extend_from_slice(case);
                t.extend(std::iter::repeat_n(b'a', b));
                out.push(t);
            }
        }
        out
    }

    #[wasm_bindgen_test]
    fn holds_replacement_is_the_byte_by_byte_answer() {
        let cases: [&[u8]; 6] = [
            &[0xEF, 0xBF, 0xBD],
            &[0xEF, 0xBF],
            &[0xEF, 0xBF, 0xBE],
            &[0xEF, 0xEF, 0xBF, 0xBD],
            "ë中😀".as_bytes(),
            &[],
        ];
        let mut found = 0;
        for case in cases {
            for t in placed(case) {
                let want = t.windows(3).any(|w| w == [0xEF, 0xBF, 0xBD]);
                assert_eq!(holds_replacement(&t), want, "{t:?}");
                found += usize::from(want);
            }
        }
        assert_eq!(found, 2 * 1600, "the cases holding U+FFFD, found");
    }

    #[wasm_bindgen_test]
    fn utf8_is_std_s_answer() {
        let cases: [&[u8]; 10] = [
            &[0xFF],
            &[0xC0, 0x80],
            &[0xE2, 0x82],
            &[0xED, 0xA0, 0x80],
            &[0xF4, 0x90, 0x80, 0x80],
            &[0x80],
            &[0xC3, 0xAB, 0xC3],
            "ë中😀".as_bytes(),
            &[0xC3, 0xAB, b'a', 0xE4, 0xB8, 0xAD, 0xFF],
            &[],
        ];
        let mut errors = 0;
        for case in cases {
            for t in placed(case) {
                let want = std::str::from_utf8(&t).map_err(|e| e.valid_up_to());
                assert_eq!(utf8(&t), want, "{t:?}");
                errors += usize::from(want.is_err());
            }
        }
        let wide = "中文".repeat(300) + "a" + &"ë".repeat(100);
        assert_eq!(utf8(wide.as_bytes()), Ok(wide.as_str()));
        let mut cut = wide.into_bytes();
        cut.push(0xE4);
        assert_eq!(utf8(&cut), Err(cut.len() - 1));
        assert_eq!(errors, 8 * 1600, "the cases that are not UTF-8, refused");
    }
}
