#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The pure domain's tests: field edits, code tables against NCIC's lists, deadlines, SOS forms.

mod code_tables;
mod deadlines;
mod field_edits;
mod hub;
mod sos;
