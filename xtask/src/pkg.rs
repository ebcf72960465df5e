//! `cargo xtask build`: the optimized wasm, its wasm-bindgen glue, the npm
//! package (`pkg/dist`) and the demo site (`www/`), plus the payload figures.

use std::path::PathBuf;

use crate::cmd::{Cmd, Result, root};
use crate::npm;
use crate::tools::{self, WASM_TARGET};

/// Where the build's files are, under cargo's target directory (`target/`
/// unless `CARGO_TARGET_DIR` or `build.target-dir` moves it): paths relative
/// to the root when they are under it, so that the echoed commands stay short.
pub struct Files {
    /// What the release build of the library writes.
    pub raw_wasm: String,
    /// Its own target directory: its RUSTFLAGS differ from every other build's.
    pub release_dir: String,
    /// wasm-bindgen's output directory.
    pub out_dir: String,
    /// wasm-bindgen's `--target web` glue.
    pub glue_js: String,
    /// wasm-bindgen's wasm, before wasm-opt.
    pub bindgen_wasm: String,
    /// The shipped wasm, after `wasm-opt -Oz`.
    pub opt_wasm: String,
}

/// The Node entries' wasm: the same sources built for speed (the `xtask/node-wasm/`
/// package), through wasm-bindgen and `wasm-opt -O3`.
pub struct NodeFiles {
    pub raw_wasm: String,
    pub out_dir: String,
    pub glue_js: String,
    pub bindgen_wasm: String,
    pub opt_wasm: String,
}

impl Files {
    /// Where the Node build's files are, next to this build's.
    pub fn node(&self) -> NodeFiles {
        let target = std::path::Path::new(&self.out_dir)
            .parent()
            .map_or_else(|| "target".into(), |p| p.display().to_string());
        let out = format!("{target}/wasm-bindgen-node");
        NodeFiles {
            raw_wasm: format!(
                "{}/wasm32-unknown-unknown/release/ic_customer_contract_node.wasm",
                self.release_dir
            ),
            glue_js: format!("{out}/ic_customer_contract.js"),
            bindgen_wasm: format!("{out}/ic_customer_contract_bg.wasm"),
            opt_wasm: format!("{out}/ic_customer_contract_opt.wasm"),
            out_dir: out,
        }
    }

    /// Asks `cargo metadata` where the target directory is.
    pub fn locate() -> Result<Files> {
        let meta = Cmd::cargo()
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .read_bytes()?;
        let meta = String::from_utf8_lossy(&meta);
        let target = json_string_field(&meta, "target_directory")
            .ok_or("`cargo metadata` printed no target_directory")?;
        let target = PathBuf::from(target);
        let target = target.strip_prefix(root()).unwrap_or(&target);
        let file = |rel: &str| target.join(rel).display().to_string();
        Ok(Files {
            raw_wasm: file("wasm-release/wasm32-unknown-unknown/release/ic_customer_contract.wasm"),
            release_dir: file("wasm-release"),
            out_dir: file("wasm-bindgen"),
            glue_js: file("wasm-bindgen/ic_customer_contract.js"),
            bindgen_wasm: file("wasm-bindgen/ic_customer_contract_bg.wasm"),
            opt_wasm: file("wasm-bindgen/ic_customer_contract_opt.wasm"),
        })
    }
}

/// The string value of the first `"key":"..."` in compact JSON (enough for cargo metadata).
fn json_string_field(json: &str, key: &str) -> Option<String> {
    let start = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let mut out = String::new();
    let mut chars = json[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// Features wasm-opt must be told the rustc output uses.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Bytes a browser downloads for the package, each `(raw, gzip -9)`: pages
/// bundled and minified by esbuild as a web app ships them (`xtask/js/payload.mjs`),
/// and the files of `pkg/dist` a page without a bundler loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    /// Optimized wasm.
    pub wasm: (u64, u64),
    /// wasm-bindgen's glue alone.
    pub glue: (u64, u64),
    /// A page importing `validateUpdate` from the default entry, the wasm
    /// inside its JavaScript: what the size budget counts.
    pub page: (u64, u64),
    /// Every export of the default entry, bundled.
    pub all_exports: (u64, u64),
    /// The same page on the opt-in `wasm-url` entry (the .wasm is a separate file).
    pub wasm_url_page: (u64, u64),
    /// The JS files of `pkg/dist` the default entry loads without a bundler, summed.
    pub unbundled_js: (u64, u64),
}

/// The JS files `dist/index.js` loads without a bundler: itself and every
/// file it imports, directly or not (`from './name.js'`), found by reading
/// them, so that the list follows the package's modules.
fn browser_js() -> Result<Vec<String>> {
    let mut files = vec!["index.js".to_owned()];
    let mut next = 0;
    while let Some(name) = files.get(next).cloned() {
        next += 1;
        let path = root().join("pkg/dist").join(&name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (run `cargo xtask build`)", path.display()))?;
        for part in text.split("from './").skip(1) {
            let Some(end) = part.find('\'') else { continue };
            let imported = &part[..end];
            if !files.iter().any(|f| f == imported) {
                files.push(imported.to_owned());
            }
        }
    }
    Ok(files)
}
/// Where [`payload_sizes`] writes the bundles it measures.
const BUNDLES: &str = "target/payload";

impl Payload {
    /// What the size budget counts: the default entry's page, gzipped (its
    /// JavaScript carries the wasm, so there is nothing else to fetch).
    pub fn total_gz(&self) -> u64 {
        self.page.1
    }

    /// The table `build` prints.
    pub fn print(&self) {
        let rows = [
            ("wasm (after wasm-opt -Oz)", self.wasm),
            ("wasm-bindgen glue alone", self.glue),
            ("page: validateUpdate, default (budgeted)", self.page),
            ("every export, default entry", self.all_exports),
            (
                "page on wasm-url: JS + .wasm",
                (
                    self.wasm_url_page.0 + self.wasm.0,
                    self.wasm_url_page.1 + self.wasm.1,
                ),
            ),
            ("pkg/dist JS files, no bundler", self.unbundled_js),
        ];
        println!("browser payload                            raw bytes   gzip -9 bytes");
        for (name, (raw, gz)) in rows {
            println!("  {name:<40} {raw:>9}   {gz:>13}");
        }
    }
}

/// Sizes of the built package (run [`build`] first): bundles pages with esbuild.
pub fn payload_sizes(files: &Files) -> Result<Payload> {
    tools::ensure_gzip()?;
    npm::install_if_needed(tools::JS_TOOLS)?;
    Cmd::new("node")
        .args(["xtask/js/payload.mjs", BUNDLES])
        .run()?;
    let mut unbundled_js = (0, 0);
    for name in browser_js()? {
        let (raw, gz) = sizes(&format!("pkg/dist/{name}"))?;
        unbundled_js = (unbundled_js.0 + raw, unbundled_js.1 + gz);
    }
    Ok(Payload {
        wasm: sizes(&files.opt_wasm)?,
        glue: sizes(&files.glue_js)?,
        page: sizes(&format!("{BUNDLES}/page.js"))?,
        all_exports: sizes(&format!("{BUNDLES}/all.js"))?,
        wasm_url_page: sizes(&format!("{BUNDLES}/page-wasm-url.js"))?,
        unbundled_js,
    })
}

/// `(bytes, bytes of gzip -9 -n -c FILE)`: `-n` leaves the file's name out of
/// the header, so a figure does not depend on what the file is called.
pub fn sizes(file: &str) -> Result<(u64, u64)> {
    let raw = std::fs::metadata(root().join(file))
        .map_err(|e| format!("{file}: {e} (run `cargo xtask build`)"))?
        .len();
    let gz = Cmd::new("gzip")
        .args(["-9", "-n", "-c", file])
        .read_bytes()?
        .len() as u64;
    Ok((raw, gz))
}

/// The release build of the library for wasm32, with the pinned nightly:
/// std is rebuilt with `-Cpanic=immediate-abort`, so that no panic message,
/// location or formatting code ships (a panic traps either way).
/// With no feature, the Node package (`xtask/node-wasm/`, the same sources built for
/// speed) is built in the same invocation: it shares std and the dependencies.
pub fn release_wasm(files: &Files, features: &[&str]) -> Result {
    let packages: &[&str] = if features.is_empty() {
        &[
            "-p",
            "ic-customer-contract",
            "-p",
            "ic-customer-contract-node",
        ]
    } else {
        &["-p", "ic-customer-contract"]
    };
    Cmd::new("rustup")
        .args([
            "run",
            tools::NIGHTLY,
            "cargo",
            "build",
            "--lib",
            "--release",
            "--target",
            WASM_TARGET,
        ])
        .args(packages.iter().copied())
        .args([
            "-Zbuild-std=std,panic_abort",
            "--target-dir",
            &files.release_dir,
        ])
        .args(features.iter().flat_map(|f| ["--features", f]))
        .env("RUSTFLAGS", "-Zunstable-options -Cpanic=immediate-abort")
        .env_remove("RUSTUP_TOOLCHAIN")
        .run()
}

/// A measurement build of the wasm (`cargo xtask bench`): with one more cargo
/// feature, or `stable` (the stable toolchain, std as shipped by rustup, to
/// weigh what the pinned nightly's `-Cpanic=immediate-abort` saves). Its own
/// target directory, wasm-bindgen glue and `wasm-opt -Oz` output, exactly as
/// the shipped build. Returns (glue, optimized wasm).
pub fn variant(feature: &str) -> Result<(String, String)> {
    let base = Files::locate()?;
    let target = std::path::Path::new(&base.out_dir)
        .parent()
        .map_or_else(|| "target".into(), |p| p.display().to_string());
    // The nightly variants share the shipped build's target directory: std and
    // the dependencies are built once, only this crate is built again (so the
    // raw wasm there is the last variant's; pkg/dist was made before).
    let (raw_wasm, release_dir) = if feature == "stable" {
        let dir = format!("{target}/wasm-release-stable");
        (
            format!("{dir}/wasm32-unknown-unknown/release/ic_customer_contract.wasm"),
            dir,
        )
    } else {
        (base.raw_wasm.clone(), base.release_dir.clone())
    };
    let files = Files {
        raw_wasm,
        release_dir,
        out_dir: format!("{target}/wasm-bindgen-{feature}"),
        glue_js: format!("{target}/wasm-bindgen-{feature}/ic_customer_contract.js"),
        bindgen_wasm: format!("{target}/wasm-bindgen-{feature}/ic_customer_contract_bg.wasm"),
        opt_wasm: format!("{target}/wasm-bindgen-{feature}/ic_customer_contract_opt.wasm"),
    };
    if feature == "stable" {
        Cmd::cargo()
            .args([
                "build",
                "--lib",
                "--release",
                "--target",
                WASM_TARGET,
                "--target-dir",
                &files.release_dir,
            ])
            .env_remove("RUSTFLAGS")
            .run()?;
    } else {
        release_wasm(&files, &[feature])?;
    }
    bindgen_and_opt(&files)?;
    Ok((files.glue_js, files.opt_wasm))
}

/// wasm-bindgen `--target web`, then `wasm-opt -Oz`, then a load check.
fn bindgen_and_opt(files: &Files) -> Result {
    bindgen_and_opt_at(
        [
            &files.raw_wasm,
            &files.out_dir,
            &files.bindgen_wasm,
            &files.opt_wasm,
            &files.glue_js,
        ],
        "-Oz",
    )
}

/// wasm-bindgen `--target web` of `raw` into `out_dir` (which writes `bindgen`
/// and `glue`), then `wasm-opt LEVEL` of `bindgen` into `opt`, then a load check.
fn bindgen_and_opt_at([raw, out_dir, bindgen, opt, glue]: [&str; 5], level: &str) -> Result {
    Cmd::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir", out_dir])
        // One name for both builds: the module's imports are named after it.
        .args(["--out-name", "ic_customer_contract", raw])
        .run()?;
    Cmd::at_root(tools::WASM_OPT)
        .args([level])
        .args(WASM_OPT_FEATURES)
        .args(["--strip-debug", "--strip-producers", bindgen, "-o", opt])
        .run()?;
    Cmd::new("node")
        .args(["xtask/js/load-check.mjs", opt, glue])
        .run()
}

/// The Node entries' wasm (built by [`release_wasm`]) through wasm-bindgen and
/// `wasm-opt -O3`. The Node entries share the browser build's glue: the two
/// glues must be the same text.
fn node_wasm(files: &Files) -> Result<NodeFiles> {
    let node = files.node();
    bindgen_and_opt_at(
        [
            &node.raw_wasm,
            &node.out_dir,
            &node.bindgen_wasm,
            &node.opt_wasm,
            &node.glue_js,
        ],
        "-O3",
    )?;
    let read =
        |path: &str| std::fs::read_to_string(root().join(path)).map_err(|e| format!("{path}: {e}"));
    let browser = read(&files.glue_js)?;
    if browser != read(&node.glue_js)? {
        return Err(format!(
            "the Node build's glue ({}) differs from the browser build's ({}): the Node entries share one glue",
            node.glue_js, files.glue_js
        ));
    }
    Ok(node)
}

/// Ensures the tools, builds everything that exists, prints the payload.
pub fn build() -> Result<Payload> {
    tools::ensure_build_tools()?;
    let files = Files::locate()?;
    release_wasm(&files, &[])?;
    bindgen_and_opt(&files)?;
    let node = node_wasm(&files)?;
    if root().join("pkg/build.mjs").is_file() {
        Cmd::new("node")
            .args([
                "pkg/build.mjs",
                "--wasm",
                &files.opt_wasm,
                "--node-wasm",
                &node.opt_wasm,
                "--glue",
                &files.glue_js,
                "--out",
                "pkg/dist",
            ])
            .run()?;
    } else {
        println!("skip: pkg/build.mjs does not exist yet (no pkg/dist)");
    }
    let payload = payload_sizes(&files)?;
    payload.print();
    if npm::exists("www") {
        npm::install_if_needed("www")?;
        Cmd::new("npm").args(["run", "build"]).dir("www").run()?;
    } else {
        println!("skip: www/package.json does not exist yet (no demo build)");
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_string_field_of_cargo_metadata() {
        let meta = r#"{"packages":[],"target_directory":"/w/my \"t\"\\dir","version":1}"#;
        assert_eq!(
            json_string_field(meta, "target_directory").as_deref(),
            Some(r#"/w/my "t"\dir"#)
        );
        assert_eq!(json_string_field(meta, "workspace_root"), None);
    }
}
