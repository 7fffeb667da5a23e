#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The `leads` binary's tests: the command line, the audit tools and the crate layering.

mod audit_cli;
mod cli;
mod connections;
mod demo_people;
mod layering;
mod module_cycles;
mod oversight_cli;
mod rules_doc;
mod support;
