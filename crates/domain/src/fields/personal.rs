//! Numeric person identifiers: SOC, OLN, FBI and MNU.

use std::fmt;

use super::ids::display_as_str;
use super::shape::{all_digits, identifier, normalized};
use crate::error::{Edit, FieldError};

/// Social security number (SOC): nine digits with the SSA's structural edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ssn(String);

impl Ssn {
    /// Parses nine digits; area 000, 666 and 900–999, group 00, serial 0000 and the
    /// advertising number 123456789 are refused.
    pub fn parse(raw: &str) -> Result<Ssn, FieldError> {
        let value = identifier("SOC", raw, 9, 9)?;
        if !all_digits(&value) {
            return Err(FieldError::new("SOC", raw, Edit::InvalidCharacter));
        }
        let area = value.get(0..3).unwrap_or_default();
        let group = value.get(3..5).unwrap_or_default();
        let serial = value.get(5..9).unwrap_or_default();
        let invalid = area == "000"
            || area == "666"
            || area.starts_with('9')
            || group == "00"
            || serial == "0000"
            || value == "123456789";
        if invalid {
            return Err(FieldError::new(
                "SOC",
                raw,
                Edit::Format("NOT A VALID SOCIAL SECURITY NUMBER"),
            ));
        }
        Ok(Ssn(value))
    }

    /// The nine digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Operator's licence number (OLN): up to 20 letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Oln(String);

impl Oln {
    /// Parses an OLN.
    pub fn parse(raw: &str) -> Result<Oln, FieldError> {
        identifier("OLN", raw, 1, 20).map(Oln)
    }

    /// The licence number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// FBI number: up to nine letters and digits, with at least one digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FbiNumber(String);

impl FbiNumber {
    /// Parses an FBI number.
    pub fn parse(raw: &str) -> Result<FbiNumber, FieldError> {
        let value = identifier("FBI", raw, 1, 9)?;
        if value.bytes().any(|b| b.is_ascii_digit()) {
            Ok(FbiNumber(value))
        } else {
            Err(FieldError::new(
                "FBI",
                raw,
                Edit::Format("MUST CONTAIN DIGITS"),
            ))
        }
    }

    /// The FBI number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// MNU prefixes (the kind of number).
const MNU_PREFIXES: &[(&str, &str)] = &[
    ("AF", "AIR FORCE SERIAL NUMBER"),
    ("AR", "ARMY SERIAL NUMBER"),
    ("AS", "ALIEN REGISTRATION NUMBER"),
    ("CG", "COAST GUARD SERIAL NUMBER"),
    ("CI", "CANADIAN SOCIAL INSURANCE NUMBER"),
    ("MC", "MARINE CORPS SERIAL NUMBER"),
    ("NA", "NAVY SERIAL NUMBER"),
    ("NG", "NATIONAL GUARD SERIAL NUMBER"),
    ("PI", "PERSONAL IDENTIFICATION NUMBER"),
    ("PP", "PASSPORT NUMBER"),
    ("SS", "SELECTIVE SERVICE NUMBER"),
    ("VA", "VETERANS ADMINISTRATION CLAIM NUMBER"),
];

/// Miscellaneous number (MNU): a two-letter kind, a hyphen and up to 12 letters and digits,
/// e.g. `AS-A12345678`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mnu(String);

impl Mnu {
    /// Parses an MNU.
    pub fn parse(raw: &str) -> Result<Mnu, FieldError> {
        let value = normalized("MNU", raw, 4, 15)?;
        let shape = Edit::Format("MUST BE 2-LETTER CODE, HYPHEN AND NUMBER");
        let (kind, number) = value
            .split_once('-')
            .ok_or_else(|| FieldError::new("MNU", raw, shape))?;
        if !MNU_PREFIXES.iter().any(|(code, _)| *code == kind) {
            return Err(FieldError::new("MNU", raw, Edit::InvalidCode));
        }
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(FieldError::new("MNU", raw, shape));
        }
        Ok(Mnu(value))
    }

    /// The MNU text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

display_as_str!(Ssn, Oln, FbiNumber, Mnu);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssn_structural_edits() {
        assert_eq!(Ssn::parse("219099999").unwrap().as_str(), "219099999");
        for bad in [
            "000123456",
            "666123456",
            "912345678",
            "123006789",
            "123450000",
            "123456789",
        ] {
            assert_eq!(
                Ssn::parse(bad).unwrap_err().to_string(),
                format!("SOC/{bad} NOT A VALID SOCIAL SECURITY NUMBER")
            );
        }
        assert_eq!(
            Ssn::parse("21909999A").unwrap_err().edit(),
            Edit::InvalidCharacter
        );
        assert_eq!(
            Ssn::parse("219-09-9999").unwrap_err().edit(),
            Edit::TooLong { max: 9 }
        );
    }

    #[test]
    fn oln_and_fbi_shapes() {
        assert_eq!(Oln::parse("s12345678901").unwrap().as_str(), "S12345678901");
        assert!(Oln::parse("S123 456").is_err());
        assert_eq!(FbiNumber::parse("123456AB1").unwrap().as_str(), "123456AB1");
        assert!(FbiNumber::parse("ABCDEF").is_err());
        assert!(FbiNumber::parse("1234567890").is_err());
    }

    #[test]
    fn mnu_needs_a_known_kind() {
        assert_eq!(Mnu::parse("as-a12345678").unwrap().as_str(), "AS-A12345678");
        assert_eq!(
            Mnu::parse("ZZ-123").unwrap_err().to_string(),
            "MNU/ZZ-123 INVALID CODE"
        );
        assert!(Mnu::parse("AS123").is_err());
        assert!(Mnu::parse("AS-").is_err());
        assert!(Mnu::parse("AS-12 3").is_err());
    }
}
