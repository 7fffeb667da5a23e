//! A step that may not be taken now.

use crate::rules::Cite;

/// A step that may not be taken now, with the paragraph that forbids it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text}")]
pub struct OutOfOrder {
    pub cite: Cite,
    pub text: String,
}

impl OutOfOrder {
    pub fn new(cite: Cite, text: impl Into<String>) -> OutOfOrder {
        OutOfOrder {
            cite,
            text: text.into(),
        }
    }
}
