//! Person name (NAM): `LAST, FIRST MIDDLE SUFFIX`, at most 30 characters.
//!
//! Surnames may be compound, joined by a space (`DE LA CRUZ`) or a hyphen (`GARCIA-LOPEZ`);
//! each part is searched phonetically as well as the whole.

use std::fmt;

use rphonetic::{Encoder, Soundex};

use super::shape::normalized;
use crate::error::{Edit, FieldError};

/// Generational suffixes recognised after the given names.
const SUFFIXES: &[&str] = &[
    "JR", "SR", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
];

/// A parsed person name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonName {
    surname: String,
    given: Vec<String>,
    suffix: Option<String>,
}

fn is_name_part(part: &str) -> bool {
    let bytes = part.as_bytes();
    !part.is_empty()
        && bytes.iter().all(|b| b.is_ascii_uppercase() || *b == b'-')
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.last().is_some_and(u8::is_ascii_uppercase)
        && !part.contains("--")
}

impl PersonName {
    /// Parses `LAST, FIRST MIDDLE SUFFIX`.
    pub fn parse(raw: &str) -> Result<PersonName, FieldError> {
        PersonName::parse_as("NAM", raw)
    }

    /// Parses a name for the field `tag` (`NAM`, or `AKA` for an alias).
    pub fn parse_as(tag: &'static str, raw: &str) -> Result<PersonName, FieldError> {
        let value = normalized(tag, raw, 3, 30)?;
        let shape = Edit::Format("MUST BE LAST, FIRST MIDDLE");
        let (last, rest) = value
            .split_once(',')
            .ok_or_else(|| FieldError::new(tag, raw, shape))?;
        if rest.contains(',') {
            return Err(FieldError::new(tag, raw, shape));
        }
        let surname_parts: Vec<&str> = last.split(' ').collect();
        if !surname_parts.iter().all(|p| is_name_part(p)) {
            return Err(FieldError::new(tag, raw, Edit::InvalidCharacter));
        }
        let mut given: Vec<String> = rest.split_whitespace().map(str::to_owned).collect();
        if !given.iter().all(|p| is_name_part(p)) {
            return Err(FieldError::new(tag, raw, Edit::InvalidCharacter));
        }
        let suffix = match given.last() {
            Some(last) if given.len() > 1 && SUFFIXES.contains(&last.as_str()) => given.pop(),
            _ => None,
        };
        if given.is_empty() {
            return Err(FieldError::new(
                tag,
                raw,
                Edit::Format("FIRST NAME REQUIRED"),
            ));
        }
        Ok(PersonName {
            surname: surname_parts.join(" "),
            given,
            suffix,
        })
    }

    /// The surname as entered (compound parts kept).
    pub fn surname(&self) -> &str {
        &self.surname
    }

    /// First name.
    pub fn first(&self) -> &str {
        self.given.first().map(String::as_str).unwrap_or_default()
    }

    /// Generational suffix, if any.
    pub fn suffix(&self) -> Option<&str> {
        self.suffix.as_deref()
    }

    /// The Soundex codes a record with this name is found by: the whole surname and, for a
    /// compound surname, each of its parts. Sorted and without repeats.
    pub fn phonetic_keys(&self) -> Vec<String> {
        let soundex = Soundex::default();
        let letters: String = self
            .surname
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        let mut keys = vec![soundex.encode(&letters)];
        let parts: Vec<&str> = self.surname.split([' ', '-']).collect();
        if parts.len() > 1 {
            keys.extend(parts.iter().map(|p| soundex.encode(p)));
        }
        keys.retain(|k| !k.is_empty());
        keys.sort();
        keys.dedup();
        keys
    }

    /// The Soundex code of the whole surname, which an inquiry searches by.
    pub fn inquiry_key(&self) -> String {
        let letters: String = self
            .surname
            .chars()
            .filter(char::is_ascii_alphabetic)
            .collect();
        Soundex::default().encode(&letters)
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}", self.surname, self.given.join(" "))?;
        if let Some(suffix) = &self.suffix {
            write!(f, " {suffix}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_into_parts_and_render_canonically() {
        let name = PersonName::parse("smith,john j jr").unwrap();
        assert_eq!(name.surname(), "SMITH");
        assert_eq!(name.first(), "JOHN");
        assert_eq!(name.suffix(), Some("JR"));
        assert_eq!(name.to_string(), "SMITH, JOHN J JR");
    }

    #[test]
    fn a_lone_suffix_word_is_a_first_name() {
        let name = PersonName::parse("KING, V").unwrap();
        assert_eq!(name.first(), "V");
        assert_eq!(name.suffix(), None);
    }

    #[test]
    fn compound_surnames_are_searchable_by_each_part() {
        let name = PersonName::parse("GARCIA-LOPEZ, MARIA").unwrap();
        assert_eq!(name.phonetic_keys(), ["G620", "G624", "L120"]);
        let spaced = PersonName::parse("DE LA CRUZ, ANA").unwrap();
        assert_eq!(spaced.surname(), "DE LA CRUZ");
        assert!(spaced.phonetic_keys().contains(&"C620".to_owned()));
        assert_eq!(spaced.inquiry_key(), "D426");
    }

    #[test]
    fn soundex_matches_spelling_variants() {
        let a = PersonName::parse("SMITH, JOHN").unwrap();
        let b = PersonName::parse("SMYTHE, JON").unwrap();
        assert_eq!(a.inquiry_key(), b.inquiry_key());
    }

    #[test]
    fn bad_names_name_the_failed_edit() {
        assert_eq!(
            PersonName::parse("SMITH JOHN").unwrap_err().to_string(),
            "NAM/SMITH JOHN MUST BE LAST, FIRST MIDDLE"
        );
        assert_eq!(
            PersonName::parse("SMITH,").unwrap_err().to_string(),
            "NAM/SMITH, FIRST NAME REQUIRED"
        );
        assert_eq!(
            PersonName::parse("O'BRIEN, PAT").unwrap_err().to_string(),
            "NAM/O'BRIEN, PAT INVALID CHARACTER"
        );
        assert_eq!(
            PersonName::parse("SMITH2, JOHN").unwrap_err().edit(),
            Edit::InvalidCharacter
        );
        assert_eq!(
            PersonName::parse("A, B, C").unwrap_err().edit(),
            Edit::Format("MUST BE LAST, FIRST MIDDLE")
        );
        assert_eq!(
            PersonName::parse("ABCDEFGHIJKLMNOPQRSTUVWXYZ, JOHN")
                .unwrap_err()
                .edit(),
            Edit::TooLong { max: 30 }
        );
        assert!(PersonName::parse("-SMITH, JOHN").is_err());
        assert!(PersonName::parse("SMITH  JONES, JOHN").is_err());
    }
}
