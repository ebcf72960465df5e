//! The tools the build and the tests need, each installed only when missing.
//!
//! A fresh machine has rustup/cargo, Node with npm, and apt-get (as root);
//! everything else comes from here: the wasm target, the wasm-bindgen CLI at
//! the crate's exact version, wasm-opt (npm `binaryen`, see [`ensure_wasm_opt`]),
//! headless Chromium and its driver (Debian `chromium`, `chromium-driver`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::cmd::{Cmd, Result, cargo_bin_dir, on_path};
use crate::npm;

/// The rustc target the package is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The pinned nightly that builds the shipped wasm (std rebuilt with
/// `-Cpanic=immediate-abort`, which drops the panic-formatting machinery:
/// 46.5 KB gzipped on stable, 32.2 KB here; see README) and runs cargo-fuzz.
pub const NIGHTLY: &str = "nightly-2026-10-30";
/// Must equal the `wasm-bindgen` crate pinned in Cargo.toml (`=0.2.130`).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// Debian's Chromium and its WebDriver, for the browser test suite.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// See [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs Debian packages, running `apt-get update` at most once per xtask run.
#[derive(Default)]
pub struct Apt {
    updated: bool,
}

impl Apt {
    /// `apt-get install -y PACKAGES` (as root, or through `sudo -n`).
    pub fn install(&mut self, packages: &[&str], why: &str) -> Result {
        println!("installing {} ({why})", packages.join(" "));
        let sudo = apt_prefix().map_err(|e| {
            format!(
                "{e}; install them yourself: apt-get install -y {}",
                packages.join(" ")
            )
        })?;
        wait_for_other_apt()?;
        let apt = |args: &[&str]| {
            let mut words: Vec<&str> = sudo.clone();
            words.extend(["apt-get", "-o", "DPkg::Lock::Timeout=600"]);
            words.extend(args);
            Cmd::new(words[0])
                .args(words[1..].iter().copied())
                .env("DEBIAN_FRONTEND", "noninteractive")
        };
        if !self.updated {
            apt(&["update"]).run()?;
            self.updated = true;
        }
        let mut args = vec!["install", "-y"];
        args.extend(packages);
        apt(&args).run()
    }
}

/// `[]` as root, `["sudo", "-n"]` otherwise when sudo exists.
fn apt_prefix() -> Result<Vec<&'static str>> {
    if !on_path("apt-get") {
        return Err("apt-get is not available on this machine".to_owned());
    }
    if Cmd::new("id").args(["-u"]).probe().as_deref() == Some("0") {
        Ok(Vec::new())
    } else if on_path("sudo") {
        Ok(vec!["sudo", "-n"])
    } else {
        Err("apt-get needs root and there is no sudo".to_owned())
    }
}

/// Names of running processes that hold (or are about to take) apt's locks.
fn other_apt_processes() -> Vec<String> {
    const NAMES: [&str; 6] = [
        "apt",
        "apt-get",
        "dpkg",
        "aptitude",
        "unattended-upgr",
        "apt.systemd.dai",
    ];
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let me = std::process::id().to_string();
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if pid == me || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Ok(comm) = std::fs::read_to_string(entry.path().join("comm")) {
            let comm = comm.trim();
            if NAMES.contains(&comm) {
                found.push(format!("{comm} (pid {pid})"));
            }
        }
    }
    found
}

/// Waits (up to 30 minutes) while another apt or dpkg runs, e.g. an install in the background.
fn wait_for_other_apt() -> Result {
    let start = Instant::now();
    let mut last_note: Option<Instant> = None;
    loop {
        let others = other_apt_processes();
        if others.is_empty() {
            return Ok(());
        }
        if start.elapsed() > Duration::from_secs(30 * 60) {
            return Err(format!(
                "apt is still busy after 30 minutes: {}",
                others.join(", ")
            ));
        }
        if last_note.is_none_or(|t| t.elapsed() > Duration::from_secs(30)) {
            println!("waiting for {} to finish...", others.join(", "));
            last_note = Some(Instant::now());
        }
        std::thread::sleep(Duration::from_secs(3));
    }
}

/// Everything `cargo xtask build` needs.
pub fn ensure_build_tools() -> Result {
    ensure_wasm_target()?;
    ensure_nightly()?;
    ensure_wasm_bindgen()?;
    ensure_node()?;
    ensure_wasm_opt()
}

/// `rustup target add wasm32-unknown-unknown` unless it is installed.
pub fn ensure_wasm_target() -> Result {
    let installed = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .probe()
        .ok_or("rustup was not found: it is needed to add the wasm32-unknown-unknown target")?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("ok: rust target {WASM_TARGET}");
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()
}

/// [`NIGHTLY`] with `rust-src` (for `-Zbuild-std`), unless both are there.
pub fn ensure_nightly() -> Result {
    let installed = Cmd::new("rustup")
        .args(["component", "list", "--installed", "--toolchain", NIGHTLY])
        .probe()
        .unwrap_or_default();
    if installed.lines().any(|l| l.starts_with("rust-src")) {
        println!("ok: {NIGHTLY} with rust-src");
        return Ok(());
    }
    Cmd::new("rustup")
        .args([
            "toolchain",
            "install",
            NIGHTLY,
            "--profile",
            "minimal",
            "--component",
            "rust-src",
        ])
        .run()
}

/// The version a `NAME --version` probe prints (`wasm-bindgen 0.2.130` -> `0.2.130`).
fn version_of(program: &str) -> Option<String> {
    let out = Cmd::new(program).args(["--version"]).probe()?;
    out.split_whitespace().nth(1).map(str::to_owned)
}

/// wasm-bindgen and wasm-bindgen-test-runner at exactly [`WASM_BINDGEN_VERSION`].
pub fn ensure_wasm_bindgen() -> Result {
    let tools = ["wasm-bindgen", "wasm-bindgen-test-runner"];
    let wrong: Vec<String> = tools
        .iter()
        .filter_map(|tool| match version_of(tool) {
            Some(v) if v == WASM_BINDGEN_VERSION => None,
            Some(v) => Some(format!("{tool} is {v}")),
            None => Some(format!("{tool} is missing")),
        })
        .collect();
    if wrong.is_empty() {
        println!("ok: wasm-bindgen {WASM_BINDGEN_VERSION}");
        return Ok(());
    }
    println!(
        "{}; installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (about 2 minutes on 2 cores)",
        wrong.join(", ")
    );
    // No --locked: a locked dependency of 0.2.130 is missing from the registry.
    Cmd::cargo()
        .args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &format!("={WASM_BINDGEN_VERSION}"),
            "--force",
        ])
        .run()?;
    for tool in tools {
        let got = version_of(tool);
        if got.as_deref() != Some(WASM_BINDGEN_VERSION) {
            let dir = cargo_bin_dir()
                .map_or_else(|| "~/.cargo/bin".to_owned(), |d| d.display().to_string());
            return Err(format!(
                "installed wasm-bindgen-cli {WASM_BINDGEN_VERSION} into {dir}, but `{tool} --version` says {}: \
                 another {tool} comes first on PATH",
                got.unwrap_or_else(|| "nothing".to_owned())
            ));
        }
    }
    Ok(())
}

/// npm project (ours) that pins binaryen, for wasm-opt.
pub const JS_TOOLS: &str = "xtask/js";
/// The wasm-opt `build` runs: binaryen from npm, pinned in `xtask/js/package-lock.json`.
pub const WASM_OPT: &str = "xtask/js/node_modules/.bin/wasm-opt";
/// The binaryen version `xtask/js/package.json` pins.
pub const BINARYEN_VERSION: &str = "132";

/// wasm-opt from npm's binaryen, the same version on every machine. Not
/// Debian's `binaryen`: bookworm ships 108, whose writer exports every table
/// as table 0 (WebAssembly/binaryen#4711, fixed in 110), which breaks the
/// externref table wasm-bindgen exports: the module then fails to instantiate.
pub fn ensure_wasm_opt() -> Result {
    npm::install_if_needed(JS_TOOLS)?;
    let version = Cmd::at_root(WASM_OPT)
        .args(["--version"])
        .probe()
        .ok_or_else(|| format!("{WASM_OPT} does not run (try `rm -rf {JS_TOOLS}/node_modules`)"))?;
    // "wasm-opt version 132 (version_132)"
    if version.split_whitespace().nth(2) == Some(BINARYEN_VERSION) {
        println!("ok: wasm-opt {BINARYEN_VERSION}");
        Ok(())
    } else {
        Err(format!(
            "{WASM_OPT} says `{version}`, expected binaryen {BINARYEN_VERSION}: \
             run `npm install` in {JS_TOOLS}"
        ))
    }
}

/// Node and npm must be there already (we do not install them).
pub fn ensure_node() -> Result {
    for tool in ["node", "npm"] {
        if Cmd::new(tool).args(["--version"]).probe().is_none() {
            return Err(format!(
                "`{tool}` was not found: install Node.js 20 or newer with npm \
                 (https://nodejs.org, or your system's nodejs and npm packages)"
            ));
        }
    }
    println!("ok: node, npm");
    Ok(())
}

/// rustfmt and clippy (absent from rustup's `minimal` profile).
pub fn ensure_rust_components() -> Result {
    let missing: Vec<&str> = [("fmt", "rustfmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(sub, _)| Cmd::cargo().args([*sub, "--version"]).probe().is_none())
        .map(|(_, component)| component)
        .collect();
    if missing.is_empty() {
        println!("ok: rustfmt, clippy");
        return Ok(());
    }
    Cmd::new("rustup")
        .args(["component", "add"])
        .args(missing)
        .run()
}

/// Debian's chromium and chromium-driver, for the browser suite.
pub fn ensure_chromium(apt: &mut Apt) -> Result {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        println!("ok: {CHROMIUM}, {CHROMEDRIVER}");
        return Ok(());
    }
    apt.install(
        &["chromium", "chromium-driver"],
        "headless Chromium for the browser tests",
    )?;
    for path in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(path).is_file() {
            return Err(format!("{path} is still missing after installing chromium"));
        }
    }
    Ok(())
}

/// gzip, for the payload figures (Debian ships it; say so if it is gone).
pub fn ensure_gzip() -> Result {
    if on_path("gzip") {
        Ok(())
    } else {
        Err(
            "gzip was not found: it measures the browser payload (apt-get install -y gzip)"
                .to_owned(),
        )
    }
}
