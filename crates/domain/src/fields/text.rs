//! Free text (MIS, RPS, ADR) and short coded tokens whose full tables are not held here
//! (VMA, VMO, MAK, CAL, TYP, OFF, …).

use std::fmt;

use super::ids::display_as_str;
use super::shape::normalized;
use crate::error::{Edit, FieldError};

/// Free text: printable ASCII without periods (a period ends a field), at most `max` long.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FreeText(String);

impl FreeText {
    /// Parses free text for `tag`; inner runs of spaces are kept as one.
    pub fn parse(tag: &'static str, raw: &str, max: usize) -> Result<FreeText, FieldError> {
        let value = normalized(tag, raw, 1, max)?;
        if !value
            .bytes()
            .all(|b| (b.is_ascii_graphic() || b == b' ') && b != b'.')
        {
            return Err(FieldError::new(tag, raw, Edit::InvalidCharacter));
        }
        Ok(FreeText(
            value.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which characters a [`Token`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// A–Z
    Letters,
    /// 0–9
    Digits,
    /// A–Z and 0–9
    Alphanumeric,
    /// A–Z, 0–9, space and hyphen
    Words,
}

impl CharClass {
    fn admits(self, b: u8) -> bool {
        match self {
            CharClass::Letters => b.is_ascii_uppercase(),
            CharClass::Digits => b.is_ascii_digit(),
            CharClass::Alphanumeric => b.is_ascii_uppercase() || b.is_ascii_digit(),
            CharClass::Words => {
                b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'-'
            }
        }
    }
}

/// A short coded value checked for shape only.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token(String);

impl Token {
    /// Parses a token of `min..=max` characters of `class`.
    pub fn parse(
        tag: &'static str,
        raw: &str,
        class: CharClass,
        min: usize,
        max: usize,
    ) -> Result<Token, FieldError> {
        let value = normalized(tag, raw, min, max)?;
        if value.bytes().all(|b| class.admits(b)) {
            Ok(Token(value))
        } else {
            Err(FieldError::new(tag, raw, Edit::InvalidCharacter))
        }
    }

    /// The token text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Wraps text a caller in this crate has already checked.
    pub(crate) fn checked(value: String) -> Token {
        Token(value)
    }
}

display_as_str!(FreeText, Token);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_refuses_periods_and_control_characters() {
        assert_eq!(
            FreeText::parse("MIS", "tattoo  on left arm", 500)
                .unwrap()
                .as_str(),
            "TATTOO ON LEFT ARM"
        );
        assert_eq!(
            FreeText::parse("MIS", "A\u{7}B", 500)
                .unwrap_err()
                .to_string(),
            "MIS/A?B INVALID CHARACTER"
        );
        assert_eq!(
            FreeText::parse("MIS", "ABC", 2).unwrap_err().edit(),
            Edit::TooLong { max: 2 }
        );
    }

    #[test]
    fn tokens_check_their_class() {
        assert_eq!(
            Token::parse("OFF", "1399", CharClass::Digits, 4, 4)
                .unwrap()
                .as_str(),
            "1399"
        );
        assert!(Token::parse("OFF", "13A9", CharClass::Digits, 4, 4).is_err());
        assert!(Token::parse("VMA", "FORD", CharClass::Letters, 2, 4).is_ok());
        assert!(Token::parse("VMA", "F", CharClass::Letters, 2, 4).is_err());
        assert!(Token::parse("MAK", "SMITH-WESSON", CharClass::Words, 1, 23).is_ok());
    }
}
