//! Record and agency identifiers: ORI, NIC, LEADS record number, OCA and case numbers.

use std::fmt;

use super::shape::{all_digits, case_number, identifier};
use super::tables::STATES;
use crate::error::{Edit, FieldError};

/// Originating Agency Identifier: 9 characters, the first two a state code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ori(String);

impl Ori {
    /// Parses an ORI such as `IL0160000`.
    pub fn parse(raw: &str) -> Result<Ori, FieldError> {
        let value = identifier("ORI", raw, 9, 9)?;
        let state = value.get(..2).unwrap_or_default();
        if STATES.parse(state).is_err() {
            return Err(FieldError::new("ORI", raw, Edit::InvalidStateCode));
        }
        Ok(Ori(value))
    }

    /// The ORI the interstate hub answers from (errors, status messages, merged responses).
    pub const NLETS_HUB: &'static str = "NL0000000";

    /// The interstate hub's ORI.
    pub fn nlets_hub() -> Ori {
        Ori(Ori::NLETS_HUB.to_owned())
    }

    /// The ORI text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-letter state prefix.
    pub fn state(&self) -> &str {
        self.0.get(..2).unwrap_or_default()
    }
}

/// NCIC number: one letter followed by nine digits, assigned when a record is entered into a
/// file that LEADS shares with NCIC.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nic(String);

impl Nic {
    /// Parses a NIC such as `W123456789`.
    pub fn parse(raw: &str) -> Result<Nic, FieldError> {
        let value = identifier("NIC", raw, 10, 10)?;
        let (first, rest) = value.split_at(1);
        if first.bytes().all(|b| b.is_ascii_alphabetic()) && all_digits(rest) {
            Ok(Nic(value))
        } else {
            Err(FieldError::new(
                "NIC",
                raw,
                Edit::Format("MUST BE A LETTER AND 9 DIGITS"),
            ))
        }
    }

    /// Builds the NIC for a serial number of a file whose NIC letter is `prefix`.
    pub fn assign(prefix: char, serial: u64) -> Option<Nic> {
        (prefix.is_ascii_uppercase() && serial <= 999_999_999)
            .then(|| Nic(format!("{prefix}{serial:09}")))
    }

    /// The NIC text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// LEADS record number (ours): the file letter, the two-digit year of entry and a five-character
/// base-36 serial, e.g. `X17A4394`. An image number is this plus two characters (I2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lrn(String);

pub(super) const BASE36: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

impl Lrn {
    /// Parses a LEADS record number.
    pub fn parse(raw: &str) -> Result<Lrn, FieldError> {
        let value = identifier("LRN", raw, 8, 8)?;
        let bytes = value.as_bytes();
        let shape_ok = bytes.first().is_some_and(u8::is_ascii_alphabetic)
            && bytes
                .get(1..3)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if shape_ok {
            Ok(Lrn(value))
        } else {
            Err(FieldError::new(
                "LRN",
                raw,
                Edit::Format("MUST BE FILE LETTER, 2-DIGIT YEAR AND 5 CHARACTERS"),
            ))
        }
    }

    /// Builds the number for a file letter, a year of entry and a serial (< 36^5).
    pub fn assign(prefix: char, year: i32, serial: u64) -> Option<Lrn> {
        if !prefix.is_ascii_uppercase() || serial >= 36u64.pow(5) {
            return None;
        }
        let mut text = format!("{prefix}{:02}", year.rem_euclid(100));
        let mut digits = [b'0'; 5];
        let mut rest = serial;
        for slot in digits.iter_mut().rev() {
            *slot = *BASE36.get(usize::try_from(rest % 36).ok()?)?;
            rest /= 36;
        }
        text.push_str(std::str::from_utf8(&digits).ok()?);
        Some(Lrn(text))
    }

    /// The number text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Originating agency case number (OCA): up to 20 letters, digits and inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Oca(String);

impl Oca {
    /// Parses an OCA.
    pub fn parse(raw: &str) -> Result<Oca, FieldError> {
        case_number("OCA", raw, 20).map(Oca)
    }

    /// The OCA text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The case or incident number an inquiry is made for (CAS, ours; rule D1), or a locating
/// agency's case number (LCA).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseNumber(String);

impl CaseNumber {
    /// Parses a case number for the field `tag` (CAS or LCA).
    pub fn parse(tag: &'static str, raw: &str) -> Result<CaseNumber, FieldError> {
        case_number(tag, raw, 20).map(CaseNumber)
    }

    /// The case number text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
pub(crate) use display_as_str;

display_as_str!(Ori, Nic, Lrn, Oca, CaseNumber);

impl serde::Serialize for Ori {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Ori {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Ori, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ori::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ori_needs_nine_characters_and_a_state_prefix() {
        assert_eq!(Ori::parse("il0160000").unwrap().as_str(), "IL0160000");
        assert_eq!(Ori::parse("IL0160000").unwrap().state(), "IL");
        assert_eq!(
            Ori::parse("IL016").unwrap_err().to_string(),
            "ORI/IL016 FEWER THAN 9 CHARACTERS"
        );
        assert_eq!(
            Ori::parse("IL01600001").unwrap_err().to_string(),
            "ORI/IL01600001 EXCEEDS 9 CHARACTERS"
        );
        assert_eq!(
            Ori::parse("ZZ0160000").unwrap_err().to_string(),
            "ORI/ZZ0160000 INVALID STATE CODE"
        );
        assert_eq!(
            Ori::parse("IL-160000").unwrap_err().to_string(),
            "ORI/IL-160000 INVALID CHARACTER"
        );
    }

    #[test]
    fn nic_is_a_letter_and_nine_digits() {
        assert_eq!(Nic::parse("W123456789").unwrap().as_str(), "W123456789");
        assert!(Nic::parse("1123456789").is_err());
        assert!(Nic::parse("W12345678X").is_err());
        assert!(Nic::parse("W12345678").is_err());
        assert_eq!(Nic::assign('V', 42).unwrap().as_str(), "V000000042");
        assert_eq!(Nic::assign('V', 1_000_000_000), None);
    }

    #[test]
    fn lrn_matches_the_bulletin_example_and_assigns_base36_serials() {
        assert_eq!(Lrn::parse("X17A4394").unwrap().as_str(), "X17A4394");
        assert!(Lrn::parse("117A4394").is_err());
        assert!(Lrn::parse("XA7A4394").is_err());
        assert_eq!(Lrn::assign('W', 2026, 0).unwrap().as_str(), "W2600000");
        assert_eq!(Lrn::assign('W', 2026, 36).unwrap().as_str(), "W2600010");
        assert_eq!(
            Lrn::assign('W', 2026, 36u64.pow(5) - 1).unwrap().as_str(),
            "W26ZZZZZ"
        );
        assert_eq!(Lrn::assign('W', 2026, 36u64.pow(5)), None);
        let assigned = Lrn::assign('S', 2031, 123_456).unwrap();
        assert_eq!(Lrn::parse(assigned.as_str()).unwrap(), assigned);
    }

    #[test]
    fn case_numbers_allow_inner_hyphens_only() {
        assert_eq!(Oca::parse("2026-000123").unwrap().as_str(), "2026-000123");
        assert!(Oca::parse("-2026").is_err());
        assert!(Oca::parse("2026 12").is_err());
        assert!(Oca::parse("123456789012345678901").is_err());
        assert_eq!(
            CaseNumber::parse("CAS", "").unwrap_err().to_string(),
            "CAS/ MISSING DATA"
        );
    }
}
