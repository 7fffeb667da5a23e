#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! Photo normalization tests: crops, EXIF orientation, malformed pictures, hashes, portraits, round trips.

mod common;
mod crop;
mod exif;
mod malformed;
mod phash;
mod portrait;
mod roundtrip;
