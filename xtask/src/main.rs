//! Developer tasks for ic-customer-contract, run as `cargo xtask NAME`
//! (rust-analyzer's xtask pattern: nothing to install beyond cargo).
//! Every external command is echoed before it runs; missing tools are
//! installed (or named) on the way.

mod cmd;
mod fuzz;
mod npm;
mod pkg;
mod steps;
mod tools;

use std::process::ExitCode;

use cmd::{Cmd, Result};

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  build            wasm build, wasm-bindgen glue, wasm-opt, pkg/dist, www build; prints the payload
  test             build, then fmt, clippy, native tests, schema drift, wasm tests in Node and
                   headless Chromium, the size budget, JS tests (what CI runs: .ci/run)
  demo             build, then serve www/ at http://127.0.0.1:8080/
  bench [ARGS..]   build, then node bench/run.mjs ARGS..
  fuzz [SECONDS]   fuzz every JSON entry point, SECONDS per target (default 60)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => no_more(&args).and_then(|()| build()),
        Some("test") => no_more(&args).and_then(|()| steps::test()),
        Some("demo") => no_more(&args).and_then(|()| demo()),
        Some("bench") => bench(&args[1..]),
        Some("fuzz") => fuzz(&args[1..]),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nerror: {message}");
            ExitCode::FAILURE
        }
    }
}

fn no_more(args: &[String]) -> Result {
    match args.get(1) {
        None => Ok(()),
        Some(extra) => Err(format!("`{}` takes no arguments (got `{extra}`)", args[0])),
    }
}

fn build() -> Result {
    pkg::build().map(drop)
}

fn demo() -> Result {
    pkg::build()?;
    if !npm::exists("www") {
        return Err("www/package.json does not exist yet: there is no demo to serve".to_owned());
    }
    println!("\ndemo: http://127.0.0.1:8080/ (Ctrl-C to stop)");
    Cmd::new("npm")
        .args([
            "run",
            "preview",
            "--",
            "--host",
            "127.0.0.1",
            "--port",
            "8080",
        ])
        .args(["--strictPort"])
        .dir("www")
        .interactive()
        .run()
}

fn bench(args: &[String]) -> Result {
    if !npm::exists("bench") {
        return Err(
            "bench/package.json does not exist yet: there is no benchmark to run".to_owned(),
        );
    }
    // The benchmark loads the package from pkg/dist.
    pkg::build()?;
    npm::install_if_needed("bench")?;
    Cmd::new("node")
        .args(["bench/run.mjs"])
        .args(args.iter().cloned())
        .run()?;
    // The two choices the README weighs: each measured against the shipped build.
    let shipped = pkg::Files::locate()?;
    let (swb_glue, swb_wasm) = pkg::variant("swb-compare")?;
    let (_, email_wasm) = pkg::variant("validator-email")?;
    let (_, stable_wasm) = pkg::variant("stable")?;
    let mut sizes = Vec::new();
    for (name, file) in [
        ("shipped", &shipped.opt_wasm),
        ("stable", &stable_wasm),
        ("swb-compare", &swb_wasm),
        ("validator-email", &email_wasm),
    ] {
        let (raw, gz) = pkg::sizes(file)?;
        sizes.push(format!("{name}={raw},{gz}"));
    }
    Cmd::new("node")
        .args([
            "bench/boundary.mjs".to_owned(),
            shipped.glue_js,
            shipped.opt_wasm,
            swb_glue,
            swb_wasm,
        ])
        .args(sizes)
        .run()
}

fn fuzz(args: &[String]) -> Result {
    let seconds = match args {
        [] => fuzz::DEFAULT_SECONDS,
        [s] => s
            .parse()
            .map_err(|_| format!("fuzz takes a number of seconds, not `{s}`"))?,
        _ => return Err("usage: cargo xtask fuzz [SECONDS]".to_owned()),
    };
    fuzz::run(seconds)
}
