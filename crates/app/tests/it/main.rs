#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The application service's conformance scenarios, on SQLite always and on PostgreSQL when
//! `LEADS_TEST_POSTGRES_URL` is set: one test binary, a module per area.

mod administration;
mod administrative_messages;
mod audit_log;
mod audit_reports;
mod audit_retention;
mod board_training;
mod certification_due_process;
mod citations;
mod concurrency;
mod confirmations;
mod coordinators;
mod directory_storage;
mod dissemination;
mod identification;
mod images;
mod interstate_access;
mod interstate_storage;
mod lifecycle;
mod misuse_review;
mod oversight;
mod oversight_steps;
mod pipeline;
mod runner;
mod search;
mod sign_in;
mod sos_limits;
mod violations;
