#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The message language's tests: the docs tables, properties, terminal replies, every transaction.

mod docs;
mod nlets;
mod properties;
mod render;
mod transactions;
