//! Addresses on the interstate network: a state's two-letter code, a destination (a state, one
//! agency's ORI, or `NL` for every state that answers the key) and the control field that pairs a
//! response with its query.

use std::fmt;

use crate::error::{Edit, FieldError};
use crate::fields::Ori;
use crate::fields::STATES;

/// The ORI the hub answers from (errors `ER`, status messages `SM`, merged responses).
pub const HUB_ORI: &str = Ori::NLETS_HUB;

/// An ORI on the interstate network: an agency's, or the hub's `NL0000000` (which is no
/// agency's, so [`Ori::parse`] alone refuses it).
pub fn parse_network_ori(raw: &str) -> Result<Ori, FieldError> {
    if raw.trim().eq_ignore_ascii_case(HUB_ORI) {
        return Ok(Ori::nlets_hub());
    }
    Ori::parse(raw)
}

/// At most this many destinations in one message.
pub const MAX_DESTINATIONS: usize = 5;

/// A state (or territory, or province) on the network, by its two-letter code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StateCode(String);

impl StateCode {
    /// Parses a state code of the NCIC state table (`IL`, `WI`…), for the field `tag`.
    pub fn parse(tag: &'static str, raw: &str) -> Result<StateCode, FieldError> {
        let value = raw.trim().to_ascii_uppercase();
        if value.len() != 2 || STATES.parse(&value).is_err() {
            return Err(FieldError::new(tag, raw, Edit::InvalidStateCode));
        }
        Ok(StateCode(value))
    }

    /// The state of an ORI (its first two letters).
    pub fn of(ori: &Ori) -> StateCode {
        StateCode(ori.state().to_owned())
    }

    /// The two letters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a message goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Destination {
    /// A state's switch, which routes it to the agency that answers.
    State(StateCode),
    /// One agency, by ORI (an AM, a YQ to the record's owner).
    Agency(Ori),
    /// `NL`: every state that answers this message key; the hub merges the answers.
    Everyone,
}

impl Destination {
    /// Parses `NL`, a two-letter state code or a nine-character ORI (field `DST`).
    pub fn parse(raw: &str) -> Result<Destination, FieldError> {
        let value = raw.trim().to_ascii_uppercase();
        match value.len() {
            2 if value == "NL" => Ok(Destination::Everyone),
            2 => StateCode::parse("DST", &value).map(Destination::State),
            9 => parse_network_ori(&value)
                .map(Destination::Agency)
                .map_err(|e| FieldError::new("DST", raw, e.edit())),
            _ => Err(FieldError::new(
                "DST",
                raw,
                Edit::Format("MUST BE NL, A STATE CODE OR AN ORI"),
            )),
        }
    }

    /// The state the destination is in (`None` for `NL`).
    pub fn state(&self) -> Option<StateCode> {
        match self {
            Destination::State(state) => Some(state.clone()),
            Destination::Agency(ori) => Some(StateCode::of(ori)),
            Destination::Everyone => None,
        }
    }
}

impl fmt::Display for Destination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Destination::State(state) => f.write_str(state.as_str()),
            Destination::Agency(ori) => f.write_str(ori.as_str()),
            Destination::Everyone => f.write_str("NL"),
        }
    }
}

/// The control field (`*CTRL`): up to ten letters and digits chosen by the sender and echoed
/// in every response, which is how a response finds its query.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ControlField(String);

impl ControlField {
    /// Parses a control field (without its `*`).
    pub fn parse(raw: &str) -> Result<ControlField, FieldError> {
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(FieldError::new("CTL", raw, Edit::Empty));
        }
        if value.len() > 10 {
            return Err(FieldError::new("CTL", raw, Edit::TooLong { max: 10 }));
        }
        if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(FieldError::new("CTL", raw, Edit::InvalidCharacter));
        }
        Ok(ControlField(value))
    }

    /// A control field made from a serial number (`Q0000042`).
    pub fn numbered(serial: u64) -> ControlField {
        ControlField(format!("Q{:07}", serial % 10_000_000))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ControlField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_nl_a_state_or_an_ori() {
        assert_eq!(Destination::parse("nl").unwrap(), Destination::Everyone);
        assert_eq!(
            Destination::parse("WI").unwrap().state().unwrap().as_str(),
            "WI"
        );
        assert!(matches!(
            Destination::parse("WI0130000").unwrap(),
            Destination::Agency(_)
        ));
        let error = Destination::parse("QQ").unwrap_err();
        assert_eq!(error.tag(), "DST");
        assert!(Destination::parse("WIS").is_err());
    }

    #[test]
    fn the_hub_s_ori_is_an_address_of_the_network_only() {
        assert_eq!(parse_network_ori("nl0000000").unwrap().as_str(), HUB_ORI);
        assert!(Ori::parse(HUB_ORI).is_err(), "no agency has the hub's ORI");
        assert!(parse_network_ori("IL0160000").is_ok());
    }

    #[test]
    fn control_fields_are_short_and_alphanumeric() {
        assert_eq!(ControlField::parse("ab12").unwrap().as_str(), "AB12");
        assert!(ControlField::parse("").is_err());
        assert!(ControlField::parse("A-1").is_err());
        assert!(ControlField::parse("ABCDEFGHIJK").is_err());
        assert_eq!(ControlField::numbered(42).as_str(), "Q0000042");
    }
}
