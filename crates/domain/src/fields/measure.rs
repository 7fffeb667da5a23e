//! Height (HGT, `510` = 5 ft 10 in) and weight (WGT, pounds).

use std::fmt;

use super::shape::{all_digits, normalized};
use crate::error::{Edit, FieldError};

/// Height in feet and inches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Height {
    feet: u8,
    inches: u8,
}

impl Height {
    /// Parses three digits: feet (1–8) then inches (00–11).
    pub fn parse(raw: &str) -> Result<Height, FieldError> {
        let value = normalized("HGT", raw, 3, 3)?;
        let digits: Vec<u8> = value.bytes().map(|b| b.wrapping_sub(b'0')).collect();
        match (all_digits(&value), digits.as_slice()) {
            (true, [feet @ 1..=8, tens, ones]) if tens * 10 + ones < 12 => Ok(Height {
                feet: *feet,
                inches: tens * 10 + ones,
            }),
            (true, _) => Err(FieldError::new("HGT", raw, Edit::OutOfRange)),
            (false, _) => Err(FieldError::new(
                "HGT",
                raw,
                Edit::Format("MUST BE FEET AND INCHES, E.G. 510"),
            )),
        }
    }

    /// Total inches.
    pub fn total_inches(self) -> u16 {
        u16::from(self.feet) * 12 + u16::from(self.inches)
    }
}

impl fmt::Display for Height {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:02}", self.feet, self.inches)
    }
}

/// Weight in pounds (1–999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Weight(u16);

impl Weight {
    /// Parses one to three digits.
    pub fn parse(raw: &str) -> Result<Weight, FieldError> {
        let value = normalized("WGT", raw, 1, 3)?;
        if !all_digits(&value) {
            return Err(FieldError::new("WGT", raw, Edit::InvalidCharacter));
        }
        match value.parse::<u16>() {
            Ok(pounds @ 1..=999) => Ok(Weight(pounds)),
            _ => Err(FieldError::new("WGT", raw, Edit::OutOfRange)),
        }
    }

    /// Pounds.
    pub fn pounds(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn height_is_feet_then_inches() {
        let h = Height::parse("510").unwrap();
        assert_eq!(h.total_inches(), 70);
        assert_eq!(h.to_string(), "510");
        assert_eq!(Height::parse("600").unwrap().total_inches(), 72);
        assert_eq!(
            Height::parse("512").unwrap_err().to_string(),
            "HGT/512 OUT OF RANGE"
        );
        assert_eq!(Height::parse("910").unwrap_err().edit(), Edit::OutOfRange);
        assert_eq!(Height::parse("010").unwrap_err().edit(), Edit::OutOfRange);
        assert_eq!(
            Height::parse("5A0").unwrap_err().edit(),
            Edit::Format("MUST BE FEET AND INCHES, E.G. 510")
        );
        assert_eq!(
            Height::parse("5100").unwrap_err().edit(),
            Edit::TooLong { max: 3 }
        );
    }

    #[test]
    fn weight_is_pounds_one_to_999() {
        assert_eq!(Weight::parse("180").unwrap().pounds(), 180);
        assert_eq!(Weight::parse("9").unwrap().to_string(), "009");
        assert_eq!(
            Weight::parse("000").unwrap_err().to_string(),
            "WGT/000 OUT OF RANGE"
        );
        assert_eq!(
            Weight::parse("1A0").unwrap_err().edit(),
            Edit::InvalidCharacter
        );
        assert_eq!(
            Weight::parse("1000").unwrap_err().edit(),
            Edit::TooLong { max: 3 }
        );
    }
}
