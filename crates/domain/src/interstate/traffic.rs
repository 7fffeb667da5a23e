//! The hub's traffic log: one entry per message it routes, kept one rolling year and never
//! with an image — a photo is logged by its format, size and digest only.

use super::address::Destination;
use super::message::{Body, Envelope, InterstateKey};
use crate::clock::Timestamp;
use crate::fields::Ori;

/// How long the hub keeps its traffic log.
pub const TRAFFIC_LOG_DAYS: i64 = 365;

/// A photo as the log knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedPhoto {
    pub format: String,
    pub bytes: usize,
    /// The digest of the image bytes (the caller's hash, hex).
    pub digest: String,
}

/// One routed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrafficEntry {
    pub at: Timestamp,
    pub key: InterstateKey,
    pub from: Ori,
    pub to: Vec<Destination>,
    pub control: Option<String>,
    /// The message with every photo taken out, to be written in its wire form.
    pub message: Envelope,
    pub photos: Vec<LoggedPhoto>,
}

impl TrafficEntry {
    /// The entry for `message` routed at `at`; `digest` hashes each photo's bytes.
    pub fn of(message: &Envelope, at: Timestamp, digest: impl Fn(&[u8]) -> String) -> Self {
        let photos = match &message.body {
            Body::DriverResponse(response) => response
                .answers
                .iter()
                .filter_map(|a| a.photo.as_ref())
                .map(|photo| LoggedPhoto {
                    format: photo.format.clone(),
                    bytes: photo.bytes.len(),
                    digest: digest(&photo.bytes),
                })
                .collect(),
            _ => Vec::new(),
        };
        TrafficEntry {
            at,
            key: message.key(),
            from: message.from.clone(),
            to: message.to.clone(),
            control: message.control.as_ref().map(|c| c.as_str().to_owned()),
            message: without_photos(message),
            photos,
        }
    }

    /// When the entry leaves the log.
    pub fn kept_until(&self) -> Timestamp {
        self.at.plus_seconds(TRAFFIC_LOG_DAYS * 86_400)
    }

    /// Whether the entry has outlived the log's year at `now`.
    pub fn expired(&self, now: Timestamp) -> bool {
        now.as_micros() >= self.kept_until().as_micros()
    }
}

/// `message` with every photo removed.
pub fn without_photos(message: &Envelope) -> Envelope {
    let mut stripped = message.clone();
    if let Body::DriverResponse(response) = &mut stripped.body {
        for answer in &mut response.answers {
            answer.photo = None;
        }
    }
    stripped
}
