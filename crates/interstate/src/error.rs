//! What can fail on the link.

/// A failure of the network or of a message on it.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// NATS could not be reached, or refused a request.
    #[error("interstate network: {0}")]
    Network(String),
    /// A message on the network could not be read.
    #[error("interstate message: {0}")]
    Message(#[from] leads_message::nlets::NletsError),
    /// The inbound stream ended.
    #[error("interstate network: the inbound stream ended")]
    Closed,
}

impl LinkError {
    pub(crate) fn network(error: impl std::fmt::Display) -> LinkError {
        LinkError::Network(error.to_string())
    }
}
