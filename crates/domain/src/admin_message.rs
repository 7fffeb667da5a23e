//! Administrative messages (`AM`): official free text from one agency to others — one agency,
//! several, a region, or every agency in the state (a broadcast, the Department's alone, such
//! as an AMBER or Blue Alert). 20 Ill. Adm. Code 1240.80(b) forbids personal or unofficial
//! messages, so every message states its official class (`AMC`); one without is refused citing
//! that paragraph (rule D1). Construction is validation, as for [`crate::Transaction`].

use crate::error::{Edit, FieldError};
use crate::fields::{CaseNumber, Code, FieldCode, FreeText, Ori, Value};
use crate::fieldset::FieldSet;
use crate::rules::{Cite, RuleId};
use crate::transaction::TransactionError;

/// The message key.
pub const AM_KEY: &str = "AM";

/// The fields an administrative message takes.
pub const AM_FIELDS: &[FieldCode] = &[
    FieldCode::Amc,
    FieldCode::Dst,
    FieldCode::Msg,
    FieldCode::Cas,
];

/// The paragraph that forbids personal or unofficial messages.
pub const OFFICIAL_MESSAGES: Cite = RuleId::D1.at("20 Ill. Adm. Code 1240.80(b)");

/// The `DST/` value that addresses every agency in the state.
pub const STATEWIDE: &str = "ALL";

/// Where an administrative message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// One agency.
    Agency(Ori),
    /// Every agency whose ORI begins with this prefix (at least the state and county code,
    /// `IL016`: every agency of county 016).
    Region(String),
    /// Every agency in the state: a broadcast.
    Statewide,
}

impl Destination {
    /// Parses a `DST/` value: a nine-character ORI, a region prefix of five to eight
    /// characters, or `ALL`.
    pub fn parse(raw: &str) -> Result<Destination, FieldError> {
        let tag = FieldCode::Dst.tag();
        let value = raw.trim();
        if value == STATEWIDE {
            return Ok(Destination::Statewide);
        }
        match value.len() {
            9 => Ori::parse(value)
                .map(Destination::Agency)
                .map_err(|_| FieldError::new(tag, raw, Edit::Format("NOT AN ORI"))),
            5..=8 => {
                // A region is an ORI's beginning: its state code, then digits or letters.
                let state_and_county = Ori::parse(&format!("{value:0<9}"));
                if state_and_county.is_err() || !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(FieldError::new(
                        tag,
                        raw,
                        Edit::Format("NOT A REGION (THE FIRST 5-8 CHARACTERS OF AN ORI)"),
                    ));
                }
                Ok(Destination::Region(value.to_owned()))
            }
            _ => Err(FieldError::new(
                tag,
                raw,
                Edit::Format("MUST BE AN ORI, A REGION (5-8 CHARACTERS OF AN ORI) OR ALL"),
            )),
        }
    }

    /// Whether an agency is addressed.
    pub fn reaches(&self, ori: &Ori) -> bool {
        match self {
            Destination::Agency(one) => one == ori,
            Destination::Region(prefix) => ori.as_str().starts_with(prefix.as_str()),
            Destination::Statewide => true,
        }
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::Agency(ori) => write!(f, "{ori}"),
            Destination::Region(prefix) => write!(f, "REGION {prefix}"),
            Destination::Statewide => f.write_str("ALL AGENCIES"),
        }
    }
}

/// A validated administrative message.
#[derive(Debug, Clone)]
pub struct AdministrativeMessage {
    class: Code,
    destinations: Vec<Destination>,
    text: FreeText,
    case: Option<CaseNumber>,
}

impl AdministrativeMessage {
    /// Builds the message from its fields and the destination ORIs of an Nlets-style header.
    /// The class comes first: without it nothing else is looked at (1240.80(b)).
    pub fn build(
        header_destinations: &[Ori],
        fields: &FieldSet,
    ) -> Result<AdministrativeMessage, TransactionError> {
        if let Some(code) = fields.codes().find(|c| !AM_FIELDS.contains(c)) {
            return Err(TransactionError::NotAllowed {
                tag: code.tag(),
                key: AM_KEY,
            });
        }
        let Some(Value::Code(class)) = fields.get(FieldCode::Amc) else {
            return Err(TransactionError::Rule {
                rule: OFFICIAL_MESSAGES,
                detail: "PERSONAL OR UNOFFICIAL MESSAGES ARE NOT TRANSMITTED - STATE THE OFFICIAL CLASS OF THE MESSAGE (AMC)",
            });
        };
        let mut destinations: Vec<Destination> = header_destinations
            .iter()
            .cloned()
            .map(Destination::Agency)
            .collect();
        for value in fields.all(FieldCode::Dst) {
            let destination = Destination::parse(&value.to_string())?;
            if !destinations.contains(&destination) {
                destinations.push(destination);
            }
        }
        if destinations.is_empty() {
            return Err(TransactionError::Missing {
                tag: FieldCode::Dst.tag(),
                key: AM_KEY,
            });
        }
        let Some(Value::Text(text)) = fields.get(FieldCode::Msg) else {
            return Err(TransactionError::Missing {
                tag: FieldCode::Msg.tag(),
                key: AM_KEY,
            });
        };
        let case = match fields.get(FieldCode::Cas) {
            Some(Value::Case(case)) => Some(case.clone()),
            _ => None,
        };
        Ok(AdministrativeMessage {
            class: *class,
            destinations,
            text: text.clone(),
            case,
        })
    }

    /// The official class (AMC).
    pub fn class(&self) -> Code {
        self.class
    }

    /// What the class means.
    pub fn class_name(&self) -> &'static str {
        self.class.meaning()
    }

    /// Where it goes, as written.
    pub fn destinations(&self) -> &[Destination] {
        &self.destinations
    }

    /// Whether it goes to every agency in the state.
    pub fn is_broadcast(&self) -> bool {
        self.destinations.contains(&Destination::Statewide)
    }

    /// Whether an agency is addressed by any destination.
    pub fn reaches(&self, ori: &Ori) -> bool {
        self.destinations.iter().any(|d| d.reaches(ori))
    }

    /// The text.
    pub fn text(&self) -> &FreeText {
        &self.text
    }

    /// The case the message concerns, when it names one.
    pub fn case(&self) -> Option<&CaseNumber> {
        self.case.as_ref()
    }

    /// The destinations, for the audit entry and the mailbox.
    pub fn addressed_to(&self) -> String {
        self.destinations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
