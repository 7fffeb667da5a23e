//! The interstate messages (`leads_domain::interstate`) in their two written forms: the legacy
//! text form (`DQ.IL0160000.WI.*Q0000042.TXT OLN/….IMQ/Y`, [`text`]) and the Nlets NIEM XML form
//! (root `n2:NLETS`, [`xml`]). A connection speaks one of them; both parse into the same
//! [`Envelope`](leads_domain::interstate::Envelope) with the same field edits and the same
//! errors, and both render it back.

mod error;
mod fields;
mod text;
mod xml;

pub use error::NletsError;
pub use text::{MAX_TEXT_LEN, parse_text, render_text};
pub use xml::{parse_xml, render_xml};

/// The two written forms of an interstate message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WireFormat {
    /// The legacy text form.
    Text,
    /// The Nlets NIEM XML form.
    Xml,
}

impl WireFormat {
    /// `text` or `xml`.
    pub fn name(self) -> &'static str {
        match self {
            WireFormat::Text => "text",
            WireFormat::Xml => "xml",
        }
    }

    /// Parses `text` or `xml`.
    pub fn from_name(name: &str) -> Option<WireFormat> {
        match name {
            "text" => Some(WireFormat::Text),
            "xml" => Some(WireFormat::Xml),
            _ => None,
        }
    }

    /// Reads a message in this form.
    pub fn parse(
        self,
        bytes: &[u8],
        today: time::Date,
    ) -> Result<leads_domain::interstate::Envelope, NletsError> {
        match self {
            WireFormat::Text => {
                let text = std::str::from_utf8(bytes).map_err(|_| NletsError::NotText)?;
                parse_text(text, today)
            }
            WireFormat::Xml => parse_xml(bytes, today),
        }
    }

    /// Writes a message in this form.
    pub fn render(self, envelope: &leads_domain::interstate::Envelope) -> Vec<u8> {
        match self {
            WireFormat::Text => render_text(envelope).into_bytes(),
            WireFormat::Xml => render_xml(envelope).into_bytes(),
        }
    }
}
