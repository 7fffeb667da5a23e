//! Property identifiers: VIN, licence plate (LIC), years (VYR, LIY, OLY) and serial numbers.

use std::fmt;

use super::ids::display_as_str;
use super::shape::{all_digits, identifier, normalized};
use crate::error::{Edit, FieldError};

/// Vehicle identification number. A 17-character VIN (1981 and later) must carry a correct
/// check digit and no I, O or Q; shorter, older VINs are accepted as such.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Vin(String);

const VIN_WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

fn transliterate(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    })
}

/// The check digit a 17-character VIN must carry in position 9, or `None` if it has a character
/// a modern VIN may not contain.
pub fn vin_check_digit(vin: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (c, weight) in vin.iter().zip(VIN_WEIGHTS) {
        sum += transliterate(*c)? * weight;
    }
    Some(match sum % 11 {
        10 => b'X',
        n => b'0' + u8::try_from(n).ok()?,
    })
}

impl Vin {
    /// Parses a VIN of up to 20 characters.
    pub fn parse(raw: &str) -> Result<Vin, FieldError> {
        let value = identifier("VIN", raw, 1, 20)?;
        if value.len() == 17 {
            let bytes = value.as_bytes();
            let expected = vin_check_digit(bytes)
                .ok_or_else(|| FieldError::new("VIN", raw, Edit::InvalidCharacter))?;
            if bytes.get(8) != Some(&expected) {
                return Err(FieldError::new("VIN", raw, Edit::CheckDigit));
            }
        }
        Ok(Vin(value))
    }

    /// The VIN text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Licence plate number (LIC): up to 10 letters and digits, no spaces or hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Plate(String);

impl Plate {
    /// Parses a plate number.
    pub fn parse(raw: &str) -> Result<Plate, FieldError> {
        identifier("LIC", raw, 1, 10).map(Plate)
    }

    /// The plate text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Serial number (SER) of a gun or article: up to 20 letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Serial(String);

impl Serial {
    /// Parses a serial number.
    pub fn parse(raw: &str) -> Result<Serial, FieldError> {
        identifier("SER", raw, 1, 20).map(Serial)
    }

    /// The serial text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

display_as_str!(Vin, Plate, Serial);

/// A four-digit year, or `NX` (non-expiring) where the field allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Year {
    /// A calendar year.
    Year(i32),
    /// Non-expiring (plates and licences).
    NonExpiring,
}

impl Year {
    /// Parses a year for `tag`; `latest` is the last acceptable year, `allow_nx` admits `NX`.
    pub fn parse(
        tag: &'static str,
        raw: &str,
        latest: i32,
        allow_nx: bool,
    ) -> Result<Year, FieldError> {
        let value = normalized(tag, raw, 2, 4)?;
        if allow_nx && value == "NX" {
            return Ok(Year::NonExpiring);
        }
        if value.len() != 4 || !all_digits(&value) {
            return Err(FieldError::new(tag, raw, Edit::Format("MUST BE CCYY")));
        }
        match value.parse::<i32>() {
            Ok(year) if (1900..=latest).contains(&year) => Ok(Year::Year(year)),
            _ => Err(FieldError::new(tag, raw, Edit::OutOfRange)),
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Year::Year(year) => write!(f, "{year:04}"),
            Year::NonExpiring => f.write_str("NX"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventeen_character_vins_need_a_correct_check_digit() {
        assert_eq!(
            Vin::parse("1M8GDM9AXKP042788").unwrap().as_str(),
            "1M8GDM9AXKP042788"
        );
        assert_eq!(
            Vin::parse("11111111111111111").unwrap().as_str(),
            "11111111111111111"
        );
        assert_eq!(
            Vin::parse("1M8GDM9A1KP042788").unwrap_err().to_string(),
            "VIN/1M8GDM9A1KP042788 VIN CHECK DIGIT FAILURE"
        );
        assert_eq!(
            Vin::parse("1M8GDM9AXKP04278O").unwrap_err().edit(),
            Edit::InvalidCharacter
        );
    }

    #[test]
    fn older_vins_are_accepted_as_such() {
        assert_eq!(
            Vin::parse("124370E123456").unwrap().as_str(),
            "124370E123456"
        );
        assert!(Vin::parse("VIN WITH SPACE").is_err());
        assert!(Vin::parse("123456789012345678901").is_err());
    }

    #[test]
    fn plates_and_serials_are_plain_identifiers() {
        assert_eq!(Plate::parse("abc123").unwrap().as_str(), "ABC123");
        assert_eq!(
            Plate::parse("ABC 123").unwrap_err().to_string(),
            "LIC/ABC 123 INVALID CHARACTER"
        );
        assert_eq!(
            Plate::parse("ABCDEFGHIJK").unwrap_err().edit(),
            Edit::TooLong { max: 10 }
        );
        assert_eq!(Serial::parse("GUN12345").unwrap().as_str(), "GUN12345");
    }

    #[test]
    fn years_and_non_expiring() {
        assert_eq!(
            Year::parse("LIY", "2027", 2100, true).unwrap().to_string(),
            "2027"
        );
        assert_eq!(
            Year::parse("LIY", "NX", 2100, true).unwrap(),
            Year::NonExpiring
        );
        assert!(Year::parse("VYR", "NX", 2027, false).is_err());
        assert_eq!(
            Year::parse("VYR", "2030", 2027, false)
                .unwrap_err()
                .to_string(),
            "VYR/2030 OUT OF RANGE"
        );
        assert!(Year::parse("VYR", "27", 2027, false).is_err());
    }
}
