#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The hub and switches on a real NATS JetStream server (`LEADS_TEST_NATS_URL`); each test has
//! a network prefix of its own. Without the variable these tests say so and pass: `.ci/run`
//! always sets it, and fails when NATS is unreachable.

mod network;
