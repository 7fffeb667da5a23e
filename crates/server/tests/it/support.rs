//! What the tests of the `leads` binary share.

use std::process::Command;

/// Runs the `leads` binary with `args`: its exit code, standard output and standard error.
pub(crate) fn leads(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_leads"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
