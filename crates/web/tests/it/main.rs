#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The HTTP API through a real socket with the real client, on every backend: one test binary.

mod control_characters;
mod http;
mod integrators;
mod metrics;
mod operation_ids;
mod sos;
mod sos_frictions;
mod support;
