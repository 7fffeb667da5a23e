//! The interstate network on NATS JetStream: each member state's switch has a durable inbound
//! stream, so a state that is down receives its traffic when it returns; the hub ([`Hub`])
//! reads its own inbound stream, routes each message by the directory
//! (`leads_domain::interstate::Directory`), merges the answers to a query sent to every state,
//! and keeps a year's traffic log without images. A switch reaches the network through a
//! [`SwitchLink`].
//!
//! The decisions are the pure core's; this crate moves bytes and keeps time.

mod error;
mod hub;
mod link;
mod network;

pub use error::LinkError;
pub use hub::Hub;
pub use link::SwitchLink;
pub use network::{Delivery, Inbox, Network, sniff_format};
