//! Why an interstate message could not be read.

use leads_domain::FieldError;
use leads_domain::codes::ReplyCode;

/// An interstate message that is not well formed, or a field that failed its edit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NletsError {
    #[error("EMPTY MESSAGE")]
    Empty,
    #[error("MESSAGE EXCEEDS {max} CHARACTERS ({len})")]
    TooLong { len: usize, max: usize },
    #[error("MESSAGE IS NOT ASCII TEXT")]
    NotText,
    #[error("MESSAGE MUST NOT END WITH A PERIOD")]
    TrailingPeriod,
    #[error("INVALID INTERSTATE MESSAGE KEY {0}")]
    UnknownKey(String),
    #[error("{0}")]
    Header(&'static str),
    #[error("AT MOST 5 DESTINATIONS")]
    TooManyDestinations,
    #[error("MALFORMED FIELD {0} - EXPECTED TAG/VALUE")]
    MalformedField(String),
    #[error("{tag} NOT ALLOWED IN {key}")]
    NotAllowed { tag: String, key: &'static str },
    #[error("{tag} MISSING - MANDATORY IN {key}")]
    Missing {
        tag: &'static str,
        key: &'static str,
    },
    #[error("{0} APPEARS MORE THAN ONCE")]
    Repeated(String),
    #[error("IMG NOT BASE32 - ENCODE THE IMAGE IN RFC 4648 BASE32")]
    ImageEncoding,
    #[error("MALFORMED XML: {0}")]
    Xml(String),
    #[error(transparent)]
    Field(#[from] FieldError),
}

impl NletsError {
    /// The stable error code.
    pub fn code(&self) -> ReplyCode {
        match self {
            NletsError::Empty => ReplyCode::MessageEmpty,
            NletsError::TooLong { .. } => ReplyCode::MessageTooLong,
            NletsError::NotText => ReplyCode::MessageNonAscii,
            NletsError::TrailingPeriod => ReplyCode::MessageTrailingPeriod,
            NletsError::UnknownKey(_) => ReplyCode::MessageUnknownKey,
            NletsError::Header(_) | NletsError::TooManyDestinations => ReplyCode::MessageBadHeader,
            NletsError::MalformedField(_) | NletsError::Xml(_) => ReplyCode::MessageMalformed,
            NletsError::NotAllowed { .. } => ReplyCode::FieldNotAllowed,
            NletsError::Missing { .. } => ReplyCode::FieldMissing,
            NletsError::Repeated(_) => ReplyCode::FieldRepeated,
            NletsError::ImageEncoding => ReplyCode::ImageEncoding,
            NletsError::Field(_) => ReplyCode::FieldEdit,
        }
    }
}
