//! The hub (Nlets): reads its inbound stream, checks each message against the directory,
//! delivers it to the destination states' streams in each state's form, answers with `SM` and
//! `ER` from `NL0000000`, merges the answers to a query sent to `NL` (one response within 60
//! seconds), and logs every message without its images.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use leads_domain::clock::Clock;
use leads_domain::interstate::{
    Destination, Directory, Envelope, FanOut, InterstateKey, StateCode, StatusCode, SwitchStatus,
    TrafficEntry,
};
use leads_message::nlets::WireFormat;
use sha2::{Digest, Sha256};

use crate::{LinkError, Network, sniff_format};

/// How often the hub looks for merges that are due.
const TICK: Duration = Duration::from_millis(200);

/// The hub of one network.
#[derive(Debug)]
pub struct Hub {
    network: Network,
    directory: Directory,
    /// Each state's form (text when not named).
    formats: HashMap<StateCode, WireFormat>,
    clock: Arc<dyn Clock>,
    pending: Vec<FanOut>,
}

impl Hub {
    /// A hub over `network` with its directory and clock.
    pub fn new(network: Network, directory: Directory, clock: Arc<dyn Clock>) -> Hub {
        Hub {
            network,
            directory,
            formats: HashMap::new(),
            clock,
            pending: Vec::new(),
        }
    }

    /// The form a state's switch reads and writes.
    #[must_use]
    pub fn with_format(mut self, state: StateCode, format: WireFormat) -> Hub {
        self.formats.insert(state, format);
        self
    }

    /// Runs until the network fails: every member's inbound stream is opened first, so traffic
    /// for a state that has never connected is kept for it.
    pub async fn run(mut self) -> Result<(), LinkError> {
        for member in self.directory.members() {
            if member.status != SwitchStatus::Removed {
                self.network.open_state(&member.state).await?;
            }
        }
        let mut inbox = self.network.hub_inbox().await?;
        let mut tick = tokio::time::interval(TICK);
        loop {
            tokio::select! {
                delivery = inbox.next() => {
                    let delivery = delivery?;
                    self.handle(delivery.payload()).await?;
                    delivery.ack().await?;
                }
                _ = tick.tick() => self.send_due_merges().await?,
            }
        }
    }

    /// Routes one message as it arrived.
    async fn handle(&mut self, bytes: &[u8]) -> Result<(), LinkError> {
        let now = self.clock.now();
        let message = match sniff_format(bytes).parse(bytes, now.date()) {
            Ok(message) => message,
            Err(error) => {
                // Without a readable sending ORI there is no one to answer.
                tracing::warn!(%error, "the hub dropped a message it could not read");
                return Ok(());
            }
        };
        self.log(&message).await?;
        if let Some(fan_out) = self.pending.iter_mut().find(|f| f.matches(&message)) {
            fan_out.record(&message);
            return self.send_due_merges().await;
        }
        let routing = self.directory.route(&message);
        for state in routing.deliver.iter().chain(&routing.held) {
            let bytes = self.format_of(state).render(&message);
            self.network.to_state(state, bytes).await?;
        }
        for reply in &routing.replies {
            self.send(reply).await?;
        }
        if routing.fan_out {
            let declined = self
                .directory
                .members()
                .iter()
                .filter(|m| m.state != StateCode::of(&message.from))
                .filter(|m| m.answers.contains(&InterstateKey::Dq))
                .filter(|m| m.status != SwitchStatus::InService)
                .map(|m| {
                    let code = match m.status {
                        SwitchStatus::Removed => StatusCode::Removed,
                        _ => StatusCode::OutOfService,
                    };
                    (m.state.clone(), code)
                })
                .collect();
            self.pending
                .push(FanOut::new(message, routing.deliver, declined, now));
            self.send_due_merges().await?;
        }
        Ok(())
    }

    fn format_of(&self, state: &StateCode) -> WireFormat {
        self.formats.get(state).copied().unwrap_or(WireFormat::Text)
    }

    /// Sends the hub's own message (a merge, a status, an error) to the state it names.
    async fn send(&self, message: &Envelope) -> Result<(), LinkError> {
        self.log(message).await?;
        for destination in &message.to {
            if let Some(state) = destination.state() {
                if self.directory.member(&state).is_some() {
                    let bytes = self.format_of(&state).render(message);
                    self.network.to_state(&state, bytes).await?;
                }
            } else if *destination == Destination::Everyone {
                tracing::warn!("the hub does not send its own messages to NL");
            }
        }
        Ok(())
    }

    /// Sends every merge that is complete or whose wait is over.
    async fn send_due_merges(&mut self) -> Result<(), LinkError> {
        let now = self.clock.now();
        let (due, waiting): (Vec<FanOut>, Vec<FanOut>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|f| f.due(now));
        self.pending = waiting;
        for fan_out in due {
            self.send(&fan_out.merged()).await?;
        }
        Ok(())
    }

    /// One traffic-log entry: a heading line, then the message in text form without images.
    async fn log(&self, message: &Envelope) -> Result<(), LinkError> {
        let entry = TrafficEntry::of(message, self.clock.now(), |bytes| {
            hex::encode(Sha256::digest(bytes))
        });
        let photos: Vec<String> = entry
            .photos
            .iter()
            .map(|p| format!("IMG/{} {} BYTES SHA256 {}", p.format, p.bytes, p.digest))
            .collect();
        let line = format!(
            "{} {} FROM {} TO {} CTL/{} KEPT UNTIL {}{}\n{}",
            entry.at,
            entry.key,
            entry.from,
            entry
                .to
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            entry.control.as_deref().unwrap_or("-"),
            entry.kept_until(),
            photos.iter().map(|p| format!(" {p}")).collect::<String>(),
            leads_message::nlets::render_text(&entry.message)
        );
        self.network.log(line.into_bytes()).await
    }
}
