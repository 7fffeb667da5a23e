//! The streams and subjects of one network (every name under a prefix, so networks can share a
//! NATS server): `<P>.hub` into the hub's stream `<P>_HUB`, `<P>.state.<XX>` into each state's
//! stream `<P>_STATE_<XX>`, both work queues (a message leaves once its reader acknowledges
//! it), and `<P>.log` into the traffic log `<P>_LOG`, whose messages age out after a year.

use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, stream};
use futures::StreamExt;
use leads_domain::interstate::{StateCode, TRAFFIC_LOG_DAYS};
use leads_message::nlets::WireFormat;

use crate::LinkError;

/// A connection to one interstate network.
#[derive(Debug, Clone)]
pub struct Network {
    jetstream: jetstream::Context,
    prefix: String,
}

/// The durable reader of one inbound stream.
pub struct Inbox {
    messages: pull::Stream,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

/// One message read from an inbound stream, to acknowledge once it is handled.
#[derive(Debug)]
pub struct Delivery {
    message: jetstream::Message,
}

impl Delivery {
    /// The message as it travelled.
    pub fn payload(&self) -> &[u8] {
        &self.message.payload
    }

    /// Tells the stream the message is handled: it is not delivered again.
    pub async fn ack(&self) -> Result<(), LinkError> {
        self.message.ack().await.map_err(LinkError::network)
    }
}

impl Inbox {
    /// The next message; it is delivered again later unless acknowledged.
    pub async fn next(&mut self) -> Result<Delivery, LinkError> {
        match self.messages.next().await {
            Some(Ok(message)) => Ok(Delivery { message }),
            Some(Err(error)) => Err(LinkError::network(error)),
            None => Err(LinkError::Closed),
        }
    }
}

/// The form a message arrived in: XML when it opens with `<`, text otherwise.
pub fn sniff_format(bytes: &[u8]) -> WireFormat {
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => WireFormat::Xml,
        _ => WireFormat::Text,
    }
}

impl Network {
    /// Connects to the NATS server at `url`; every stream and subject is named under `prefix`
    /// (letters, digits and `_`).
    pub async fn connect(url: &str, prefix: &str) -> Result<Network, LinkError> {
        if prefix.is_empty()
            || !prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(LinkError::Network(format!(
                "the network prefix {prefix:?} must be letters, digits and _"
            )));
        }
        let client = async_nats::connect(url).await.map_err(LinkError::network)?;
        Ok(Network {
            jetstream: jetstream::new(client),
            prefix: prefix.to_owned(),
        })
    }

    fn state_subject(&self, state: &StateCode) -> String {
        format!("{}.state.{}", self.prefix, state.as_str())
    }

    async fn work_queue(&self, name: String, subject: String) -> Result<stream::Stream, LinkError> {
        self.jetstream
            .get_or_create_stream(stream::Config {
                name,
                subjects: vec![subject],
                retention: stream::RetentionPolicy::WorkQueue,
                ..Default::default()
            })
            .await
            .map_err(LinkError::network)
    }

    async fn inbox(&self, stream: stream::Stream, reader: &str) -> Result<Inbox, LinkError> {
        let consumer = stream
            .get_or_create_consumer(
                reader,
                pull::Config {
                    durable_name: Some(reader.to_owned()),
                    ack_wait: Duration::from_secs(30),
                    ..Default::default()
                },
            )
            .await
            .map_err(LinkError::network)?;
        let messages = consumer.messages().await.map_err(LinkError::network)?;
        Ok(Inbox { messages })
    }

    /// Makes sure a state's inbound stream exists, so traffic for it is kept while it is down.
    pub async fn open_state(&self, state: &StateCode) -> Result<(), LinkError> {
        let name = format!("{}_STATE_{}", self.prefix, state.as_str());
        self.work_queue(name, self.state_subject(state)).await?;
        Ok(())
    }

    /// The hub's reader of its inbound stream.
    pub async fn hub_inbox(&self) -> Result<Inbox, LinkError> {
        let stream = self
            .work_queue(
                format!("{}_HUB", self.prefix),
                format!("{}.hub", self.prefix),
            )
            .await?;
        self.inbox(stream, "hub").await
    }

    /// A state switch's reader of its inbound stream.
    pub async fn state_inbox(&self, state: &StateCode) -> Result<Inbox, LinkError> {
        let name = format!("{}_STATE_{}", self.prefix, state.as_str());
        let stream = self.work_queue(name, self.state_subject(state)).await?;
        self.inbox(stream, "switch").await
    }

    async fn publish(&self, subject: String, bytes: Vec<u8>) -> Result<(), LinkError> {
        self.jetstream
            .publish(subject, bytes.into())
            .await
            .map_err(LinkError::network)?
            .await
            .map_err(LinkError::network)?;
        Ok(())
    }

    /// Sends a message to the hub; returns once the hub's stream holds it.
    pub async fn to_hub(&self, bytes: Vec<u8>) -> Result<(), LinkError> {
        self.hub_inbox_stream().await?;
        self.publish(format!("{}.hub", self.prefix), bytes).await
    }

    async fn hub_inbox_stream(&self) -> Result<(), LinkError> {
        self.work_queue(
            format!("{}_HUB", self.prefix),
            format!("{}.hub", self.prefix),
        )
        .await
        .map(|_| ())
    }

    /// Puts a message in a state's inbound stream.
    pub async fn to_state(&self, state: &StateCode, bytes: Vec<u8>) -> Result<(), LinkError> {
        self.publish(self.state_subject(state), bytes).await
    }

    /// Appends an entry to the traffic log (kept one year).
    pub async fn log(&self, entry: Vec<u8>) -> Result<(), LinkError> {
        let subject = format!("{}.log", self.prefix);
        self.jetstream
            .get_or_create_stream(stream::Config {
                name: format!("{}_LOG", self.prefix),
                subjects: vec![subject.clone()],
                max_age: Duration::from_secs(
                    u64::try_from(TRAFFIC_LOG_DAYS * 86_400).unwrap_or(u64::MAX),
                ),
                ..Default::default()
            })
            .await
            .map_err(LinkError::network)?;
        self.publish(subject, entry).await
    }

    /// Deletes the network's streams (the hub's, the log and the named states'), when a network
    /// is taken down for good.
    pub async fn remove(&self, states: &[StateCode]) -> Result<(), LinkError> {
        let mut names = vec![
            format!("{}_HUB", self.prefix),
            format!("{}_LOG", self.prefix),
        ];
        names.extend(
            states
                .iter()
                .map(|s| format!("{}_STATE_{}", self.prefix, s.as_str())),
        );
        for name in names {
            // A stream never created is already gone.
            if self.jetstream.get_stream(&name).await.is_ok() {
                self.jetstream
                    .delete_stream(&name)
                    .await
                    .map_err(LinkError::network)?;
            }
        }
        Ok(())
    }

    /// The traffic log's entries, oldest first (at most `limit`).
    pub async fn read_log(&self, limit: usize) -> Result<Vec<Vec<u8>>, LinkError> {
        let mut stream = self
            .jetstream
            .get_stream(format!("{}_LOG", self.prefix))
            .await
            .map_err(LinkError::network)?;
        let state = stream
            .info()
            .await
            .map_err(LinkError::network)?
            .state
            .clone();
        let (count, first) = (state.messages, state.first_sequence);
        let mut entries = Vec::new();
        for sequence in first..first.saturating_add(count) {
            if entries.len() >= limit {
                break;
            }
            if let Ok(message) = stream.get_raw_message(sequence).await {
                entries.push(message.payload.to_vec());
            }
        }
        Ok(entries)
    }
}
