//! `cargo xtask fuzz [SECONDS]`: every cargo-fuzz target in `fuzz/`, each for
//! SECONDS, as many at once as the machine has cores (a fuzzer takes one),
//! with corpora seeded from the fixture tables
//! (`fuzz/run.sh`, which also installs the pinned nightly and cargo-fuzz when
//! they are missing). `cargo xtask test` runs a short pass.

use crate::cmd::{Cmd, Result};

/// Seconds to fuzz each target when none are given.
pub const DEFAULT_SECONDS: u64 = 60;
/// Seconds per target in `cargo xtask test`.
pub const TEST_SECONDS: u64 = 20;

/// Fuzzes each target for `seconds`; fails if any target crashed.
pub fn run(seconds: u64) -> Result {
    Cmd::new("bash")
        .args(["fuzz/run.sh".to_owned(), seconds.to_string()])
        .env("FUZZ_TOOLCHAIN", crate::tools::NIGHTLY)
        // The rustup proxy that started xtask pins its toolchain through these.
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .run()
}
