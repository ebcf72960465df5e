//! The wasm suite (`wasm_common`) in a headless browser:
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/tests/webdriver.json
//! cargo test --target wasm32-unknown-unknown --test wasm_browser` (what `cargo xtask test` runs).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;
