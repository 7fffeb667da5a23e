//! A state switch on the network: it sends to the hub in its own form (text or XML, chosen per
//! connection) and reads its durable inbound stream.

use leads_domain::interstate::{Envelope, StateCode};
use leads_message::nlets::WireFormat;

use crate::{Delivery, Inbox, LinkError, Network, sniff_format};

/// One state switch's connection.
#[derive(Debug)]
pub struct SwitchLink {
    network: Network,
    state: StateCode,
    format: WireFormat,
    inbox: Inbox,
}

impl SwitchLink {
    /// Opens the state's inbound stream (kept while the switch is away) and its reader.
    pub async fn open(
        network: Network,
        state: StateCode,
        format: WireFormat,
    ) -> Result<SwitchLink, LinkError> {
        let inbox = network.state_inbox(&state).await?;
        Ok(SwitchLink {
            network,
            state,
            format,
            inbox,
        })
    }

    /// The state this switch is.
    pub fn state(&self) -> &StateCode {
        &self.state
    }

    /// Sends a message through the hub; returns once the hub's stream holds it.
    pub async fn send(&self, message: &Envelope) -> Result<(), LinkError> {
        self.network.to_hub(self.format.render(message)).await
    }

    /// The next message for this state, read in the form it came in, and acknowledged. A
    /// message that cannot be read is acknowledged too (it would fail again) and returned as
    /// the error.
    pub async fn receive(&mut self, today: time::Date) -> Result<Envelope, LinkError> {
        let delivery: Delivery = self.inbox.next().await?;
        let parsed = sniff_format(delivery.payload()).parse(delivery.payload(), today);
        delivery.ack().await?;
        Ok(parsed?)
    }
}
