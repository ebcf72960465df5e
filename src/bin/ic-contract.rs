//! `ic-contract`: generate the schemas, validate a PATCH body from the command line.
//!
//! Exit codes: 0 valid (or schemas fresh), 1 invalid (or schemas stale), 2 usage or file error.

use std::path::PathBuf;
use std::process::ExitCode;

use ic_customer_contract::schema::generated_files;
use ic_customer_contract::{Issue, Report, current_from_text, scan};

const USAGE: &str = "usage:
  ic-contract schemas [--out DIR] [--check]
  ic-contract validate BODY.json [--current RECORD.json] [--json]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("ic-contract: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8, String> {
    match args.first().map(String::as_str) {
        Some("schemas") => schemas(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}")),
        None => Err(format!("missing command\n{USAGE}")),
    }
}

fn schemas(args: &[String]) -> Result<u8, String> {
    let mut out = PathBuf::from("schemas");
    let mut check = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out = PathBuf::from(it.next().ok_or("--out needs a directory")?),
            "--check" => check = true,
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let mut stale = Vec::new();
    for (name, text) in generated_files() {
        let file = out.join(name);
        if check {
            if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
                stale.push(file.display().to_string());
            }
        } else {
            std::fs::create_dir_all(&out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            std::fs::write(&file, text)
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            println!("wrote {}", file.display());
        }
    }
    if stale.is_empty() {
        if check {
            println!("schemas are up to date in {}", out.display());
        }
        Ok(0)
    } else {
        for file in &stale {
            eprintln!(
                "stale: {file} differs from what the code generates (run `ic-contract schemas --out {}`)",
                out.display()
            );
        }
        Ok(1)
    }
}

fn validate(args: &[String]) -> Result<u8, String> {
    let mut body_file = None;
    let mut current_file = None;
    let mut as_json = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--current" => current_file = Some(it.next().ok_or("--current needs a file")?),
            "--json" => as_json = true,
            flag if flag.starts_with("--") => {
                return Err(format!("unknown argument {flag:?}\n{USAGE}"));
            }
            file if body_file.is_none() => body_file = Some(file),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    let body_file = body_file.ok_or_else(|| format!("missing BODY.json\n{USAGE}"))?;
    let read = |f: &str| std::fs::read_to_string(f).map_err(|e| format!("cannot read {f}: {e}"));
    let body = read(body_file)?;
    let current_text = current_file.map(|f| read(f)).transpose()?;
    let current = current_from_text(current_text.as_deref()).map_err(|e| {
        format!(
            "{}: {e}",
            current_file.map(String::as_str).unwrap_or_default()
        )
    })?;
    let report = match scan::parse(&body) {
        Ok(value) => ic_customer_contract::check_update(&value, current.as_ref()),
        Err(e) => Report::new(
            vec![ic_customer_contract::invalid_json_issue(&e)],
            Vec::new(),
        ),
    };
    if as_json {
        let mut out = String::new();
        report.write_json(&mut out);
        println!("{out}");
    } else {
        print_lines("error", &report.issues);
        print_lines("warning", &report.warnings);
        if report.ok {
            println!("valid: {body_file}");
        }
    }
    Ok(if report.ok { 0 } else { 1 })
}

fn print_lines(kind: &str, issues: &[Issue]) {
    for issue in issues {
        println!(
            "{kind}: {}: {}: {}",
            issue.path_text(),
            issue.code.as_str(),
            issue.message
        );
    }
}
