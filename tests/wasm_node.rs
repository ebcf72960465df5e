//! The wasm suite (`wasm_common`) in Node.js, through wasm-bindgen-test-runner:
//! `cargo test --target wasm32-unknown-unknown --test wasm_node`.
#![cfg(target_arch = "wasm32")]

mod wasm_common;
