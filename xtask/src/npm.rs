//! npm projects in the repository (`www/`, `tests/js/`, `bench/`).

use std::path::Path;
use std::time::SystemTime;

use crate::cmd::{Cmd, Result, at};

/// Written into `node_modules/` after each successful `npm install`.
const STAMP: &str = "node_modules/.xtask-installed";

/// Whether `dir` (relative to the root) is an npm project.
pub fn exists(dir: &str) -> bool {
    at(dir).join("package.json").is_file()
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Why `dir` needs `npm install`: node_modules missing, or older than
/// package.json / package-lock.json. `None` when it is up to date.
pub fn install_reason(dir: &Path) -> Option<String> {
    if !dir.join("node_modules").is_dir() {
        return Some("node_modules is missing".to_owned());
    }
    // Our stamp, else the hidden lockfile npm itself writes on every install.
    let installed = modified(&dir.join(STAMP))
        .or_else(|| modified(&dir.join("node_modules/.package-lock.json")));
    let Some(installed) = installed else {
        return Some("node_modules has no record of an install".to_owned());
    };
    ["package.json", "package-lock.json"]
        .into_iter()
        .find(|file| modified(&dir.join(file)).is_some_and(|t| t > installed))
        .map(|file| format!("{file} is newer than node_modules"))
}

/// `npm install` in `dir` unless its node_modules is up to date.
pub fn install_if_needed(dir: &str) -> Result {
    let path = at(dir);
    match install_reason(&path) {
        None => {
            println!("ok: {dir}/node_modules is up to date");
            Ok(())
        }
        Some(reason) => {
            println!("npm install in {dir}: {reason}");
            Cmd::new("npm")
                .args(["install", "--no-audit", "--no-fund"])
                .dir(dir)
                .run()?;
            std::fs::write(
                path.join(STAMP),
                "written by cargo xtask after npm install\n",
            )
            .map_err(|e| format!("writing {dir}/{STAMP}: {e}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn install_is_needed_until_node_modules_is_newer_than_the_manifests() {
        let dir = std::env::temp_dir().join(format!("xtask-npm-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("package.json"), "{}").unwrap();
        let now = SystemTime::now();
        let old = now - std::time::Duration::from_secs(120);
        std::fs::File::options()
            .write(true)
            .open(dir.join("package.json"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(
            install_reason(&dir).as_deref(),
            Some("node_modules is missing")
        );

        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        assert!(install_reason(&dir).is_some());

        let stamp = std::fs::File::create(dir.join(STAMP)).unwrap();
        assert_eq!(install_reason(&dir), None);

        // An install older than the lockfile is stale.
        let lock = std::fs::File::create(dir.join("package-lock.json")).unwrap();
        stamp
            .set_modified(old + std::time::Duration::from_secs(60))
            .unwrap();
        lock.set_modified(now).unwrap();
        assert_eq!(
            install_reason(&dir).as_deref(),
            Some("package-lock.json is newer than node_modules")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
