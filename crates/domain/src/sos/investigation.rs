//! A lawful civil or criminal investigation, as an SOS request states it.

use super::text::stated;
use crate::error::{Edit, FieldError};

/// A lawful civil or criminal investigation (1030.140(b)(1)(D),(E)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Investigation {
    Criminal,
    Civil,
}

impl Investigation {
    pub fn name(self) -> &'static str {
        match self {
            Investigation::Criminal => "criminal",
            Investigation::Civil => "civil",
        }
    }

    /// `criminal` or `civil`; blank is `None` (no investigation stated).
    pub fn parse_optional(value: &Option<String>) -> Result<Option<Investigation>, FieldError> {
        match stated(value).map(str::to_ascii_lowercase).as_deref() {
            None => Ok(None),
            Some("criminal") => Ok(Some(Investigation::Criminal)),
            Some("civil") => Ok(Some(Investigation::Civil)),
            Some(_) => Err(FieldError::new(
                "INV",
                value.as_deref().unwrap_or_default(),
                Edit::InvalidCode,
            )),
        }
    }
}
