//! Running external commands: each one is echoed before it runs, finds tools
//! installed by `cargo install` even when `~/.cargo/bin` is not on `PATH`, and
//! never waits on stdin (CI runs us without one).

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// Every task fails with a message meant for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root (the parent of `xtask/`); every command runs from here.
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    })
}

/// A path under the repository root.
pub fn at(relative: &str) -> PathBuf {
    root().join(relative)
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => Some(PathBuf::from(home).join("bin")),
        None => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin")),
    }
}

/// `PATH` for every child: ours, with the cargo bin directory in front when it is missing.
fn child_path() -> &'static OsString {
    static PATH: OnceLock<OsString> = OnceLock::new();
    PATH.get_or_init(|| {
        let current = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs: Vec<PathBuf> = std::env::split_paths(&current).collect();
        match cargo_bin_dir() {
            Some(bin) if !dirs.contains(&bin) => dirs.insert(0, bin),
            _ => {}
        }
        std::env::join_paths(dirs).unwrap_or(current)
    })
}

/// Whether `program` can be found on the children's `PATH` (or is a path that exists).
pub fn on_path(program: &str) -> bool {
    if program.contains('/') {
        return Path::new(program).is_file();
    }
    std::env::split_paths(child_path()).any(|dir| dir.join(program).is_file())
}

/// One external command, built up and then run.
pub struct Cmd {
    /// What to execute (for `cargo`, the cargo that runs this xtask).
    program: OsString,
    /// How the echo names it.
    shown: String,
    args: Vec<String>,
    dir: Option<PathBuf>,
    envs: Vec<(String, String)>,
    removed: Vec<String>,
    interactive: bool,
}

impl Cmd {
    /// A command run from the repository root.
    pub fn new(program: &str) -> Cmd {
        Cmd {
            program: program.into(),
            shown: program.to_owned(),
            args: Vec::new(),
            dir: None,
            envs: Vec::new(),
            removed: Vec::new(),
            interactive: false,
        }
    }

    /// A program inside the repository, run by its absolute path, echoed by its relative one.
    pub fn at_root(relative: &str) -> Cmd {
        let mut cmd = Cmd::new(relative);
        cmd.program = root().join(relative).into_os_string();
        cmd
    }

    /// `cargo`, the same binary (and toolchain) that runs this xtask.
    pub fn cargo() -> Cmd {
        let mut cmd = Cmd::new("cargo");
        if let Some(cargo) = std::env::var_os("CARGO") {
            cmd.program = cargo;
        }
        cmd
    }

    /// Appends arguments.
    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Runs in `dir` (relative paths are under the repository root).
    pub fn dir(mut self, dir: impl AsRef<Path>) -> Cmd {
        self.dir = Some(root().join(dir));
        self
    }

    /// Sets an environment variable for the child.
    pub fn env(mut self, key: &str, value: impl Into<String>) -> Cmd {
        self.envs.push((key.to_owned(), value.into()));
        self
    }

    /// Removes an environment variable from the child.
    pub fn env_remove(mut self, key: &str) -> Cmd {
        self.removed.push(key.to_owned());
        self
    }

    /// Keeps our stdin (for a server the user stops with Ctrl-C); default: no stdin.
    pub fn interactive(mut self) -> Cmd {
        self.interactive = true;
        self
    }

    /// The command as a shell line: `(cd www &&) KEY=value program args`.
    pub fn line(&self) -> String {
        let mut words: Vec<String> = self
            .envs
            .iter()
            .map(|(k, v)| format!("{k}={}", quote(v)))
            .collect();
        words.push(quote(&self.shown));
        words.extend(self.args.iter().map(|a| quote(a)));
        let line = words.join(" ");
        match &self.dir {
            Some(dir) if dir != root() => {
                let shown = dir.strip_prefix(root()).unwrap_or(dir);
                format!("(cd {} && {line})", quote(&shown.display().to_string()))
            }
            _ => line,
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args)
            .current_dir(self.dir.as_deref().unwrap_or(root()))
            .env("PATH", child_path());
        for key in &self.removed {
            cmd.env_remove(key);
        }
        for (key, value) in &self.envs {
            cmd.env(key, value);
        }
        if !self.interactive {
            cmd.stdin(Stdio::null());
        }
        cmd
    }

    fn spawn_error(&self, e: &std::io::Error) -> String {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "`{}` was not found on PATH (needed for `{}`)",
                self.shown,
                self.line()
            )
        } else {
            format!("could not start `{}`: {e}", self.line())
        }
    }

    /// Echoes and runs the command with its output on the terminal; fails unless it exits 0.
    pub fn run(&self) -> Result {
        println!("$ {}", self.line());
        let status = self.command().status().map_err(|e| self.spawn_error(&e))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed ({status})", self.line()))
        }
    }

    /// Like [`Cmd::run`], and also returns what the command printed on stdout.
    pub fn run_tee(&self) -> Result<String> {
        println!("$ {}", self.line());
        let mut child = self
            .command()
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| self.spawn_error(&e))?;
        let mut captured = String::new();
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines() {
                let line = line.map_err(|e| format!("reading `{}`: {e}", self.line()))?;
                println!("{line}");
                captured.push_str(&line);
                captured.push('\n');
            }
        }
        let status = child
            .wait()
            .map_err(|e| format!("waiting for `{}`: {e}", self.line()))?;
        if status.success() {
            Ok(captured)
        } else {
            Err(format!("`{}` failed ({status})", self.line()))
        }
    }

    /// Echoes and runs the command, returning its stdout; fails unless it exits 0.
    pub fn read_bytes(&self) -> Result<Vec<u8>> {
        println!("$ {}", self.line());
        let output = self
            .command()
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| self.spawn_error(&e))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(format!("`{}` failed ({})", self.line(), output.status))
        }
    }

    /// A probe: echoes and runs the command quietly; its trimmed stdout when it
    /// exits 0, `None` when it is missing or fails.
    pub fn probe(&self) -> Option<String> {
        println!("$ {}", self.line());
        let output = self.command().stderr(Stdio::null()).output().ok()?;
        if output.status.success() {
            Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
        } else {
            None
        }
    }
}

/// Quotes a word for the echo when a shell would need it.
pub fn quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Formats a duration as seconds with one decimal.
pub fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_a_shell_needs() {
        assert_eq!(quote("--target=wasm32"), "--target=wasm32");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn echo_shows_env_dir_and_args() {
        let cmd = Cmd::new("npm")
            .args(["run", "build"])
            .dir("www")
            .env("CI", "true");
        assert_eq!(cmd.line(), "(cd www && CI=true npm run build)");
    }
}
