//! The `ic-contract` binary: exit codes and output.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ic-contract"))
        .args(args)
        .output()
        .expect("runs")
}

fn scratch(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ic-contract-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn validate_exit_codes_and_lines() {
    let ok = scratch("ok.json", r#"{"fullName":"Jane Doe","phone":null}"#);
    let o = run(&["validate", &ok]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("valid: {ok}\n"));

    let bad = scratch("bad.json", r#"{"full_name":"Jane","email":"jane@"}"#);
    let o = run(&["validate", &bad]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "error: email: invalid_email: Email must be a valid email address, such as name@example.com.\n\
         error: full_name: unknown_field: \"full_name\" is not a field of the update; did you mean \"fullName\"?\n"
    );

    let broken = scratch("broken.json", "{\n  \"fullName\": \n}");
    let o = run(&["validate", &broken]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("error: (root): invalid_json: The text is not valid JSON:"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("line 3, column 1"), "{}", stdout(&o));
}

#[test]
fn validate_with_current_and_json_output() {
    let record = scratch(
        "record.json",
        r#"{"kyc_status":"VERIFIED","full_name":"Jane Doe","email":"jane@example.com"}"#,
    );
    let body = scratch(
        "frozen.json",
        r#"{"email":"new@example.com","fullName":"Jane Doe"}"#,
    );
    let o = run(&["validate", &body, "--current", &record, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    assert_eq!(v["ok"], false);
    assert_eq!(v["issues"][0]["code"], "frozen_field");
    assert_eq!(v["warnings"][0]["code"], "unchanged_frozen_field");
    let o = run(&["validate", &body, "--current", &record]);
    assert!(
        stdout(&o).contains("warning: fullName: unchanged_frozen_field:"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_and_file_errors_exit_2() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["validate"],
        vec!["validate", "/nonexistent/body.json"],
        vec!["validate", "a.json", "--bogus"],
        vec!["schemas", "--out"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).starts_with("ic-contract: "),
            "{args:?}"
        );
    }
    let body = scratch("empty.json", "{}");
    let not_record = scratch("not-record.json", "[1]");
    let o = run(&["validate", &body, "--current", &not_record]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("must be an object"));
}

#[test]
fn schemas_write_and_check() {
    let dir = std::env::temp_dir().join(format!("ic-contract-schemas-{}", std::process::id()));
    let d = dir.display().to_string();
    let o = run(&["schemas", "--out", &d, "--check"]);
    assert_eq!(o.status.code(), Some(1), "missing files are stale");
    let stderr = String::from_utf8_lossy(&o.stderr);
    for name in ic_customer_contract::schema::FILES {
        assert!(stderr.contains(name), "{stderr}");
    }
    assert_eq!(run(&["schemas", "--out", &d]).status.code(), Some(0));
    assert_eq!(
        run(&["schemas", "--out", &d, "--check"]).status.code(),
        Some(0)
    );
    std::fs::write(dir.join("openapi.json"), "{}").unwrap();
    let o = run(&["schemas", "--out", &d, "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("openapi.json"));
    let committed = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas");
    assert_eq!(
        run(&["schemas", "--out", committed, "--check"])
            .status
            .code(),
        Some(0)
    );
}

/// Every `console` block of the README that runs `ic-contract` prints what the README says.
#[test]
fn readme_examples_print_what_the_readme_says() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let prefix = "$ cargo run -q --bin ic-contract -- ";
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = &block[..block.find("```").expect("closed block")];
        let mut lines = block.lines();
        let command = lines.next().unwrap();
        let Some(args) = command.strip_prefix(prefix) else {
            continue;
        };
        let body: Vec<&str> = lines.collect();
        let (exit_line, output) = body.split_last().expect("an [exit N] line");
        let args: Vec<&str> = args.split_whitespace().collect();
        let o = Command::new(env!("CARGO_BIN_EXE_ic-contract"))
            .args(&args)
            .current_dir(root)
            .output()
            .unwrap();
        let expected: String = output.iter().map(|l| format!("{l}\n")).collect();
        assert_eq!(stdout(&o), expected, "{command}");
        assert_eq!(
            *exit_line,
            format!("[exit {}]", o.status.code().unwrap()),
            "{command}"
        );
        checked += 1;
    }
    assert!(checked >= 4, "checked {checked} examples");
}
