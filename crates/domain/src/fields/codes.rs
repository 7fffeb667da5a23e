//! Code tables (NCIC Code Manual style). A [`Code`] can only hold an entry of its table.
//!
//! The tables follow `reference/domain.md` §1.3; where the source was garbled or silent the
//! table is ours and says so in `docs/MESSAGES.md`.

use std::fmt;

use crate::error::{Edit, FieldError};

/// A table of codes and their meanings for one field.
#[derive(Debug)]
pub struct CodeTable {
    /// The field code the table belongs to.
    pub tag: &'static str,
    /// `(code, meaning)` pairs.
    pub entries: &'static [(&'static str, &'static str)],
    /// Codes the table once took that NCIC does not list: accepted only when a stored record
    /// is read back (it keeps the code its operator typed), never in a new message.
    pub retired: &'static [&'static str],
}

/// What a retired code is shown as.
pub const RETIRED_MEANING: &str = "RETIRED CODE - CONFIRM MEANING WITH ENTERING AGENCY";

impl CodeTable {
    /// Parses a value against the table, reporting errors under the table's own field code.
    pub fn parse(&'static self, raw: &str) -> Result<Code, FieldError> {
        self.parse_as(self.tag, raw)
    }

    /// Parses a value against the table for the field `tag` (tables such as the state codes
    /// serve several fields).
    pub fn parse_as(&'static self, tag: &'static str, raw: &str) -> Result<Code, FieldError> {
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(FieldError::new(tag, raw, Edit::Empty));
        }
        self.entries
            .iter()
            .position(|(code, _)| *code == value)
            .and_then(|i| u16::try_from(i).ok())
            .map(|index| Code { table: self, index })
            .ok_or_else(|| FieldError::new(tag, raw, Edit::InvalidCode))
    }

    /// Reads back a stored value: a code of the table, or one of its retired codes.
    pub fn parse_stored_as(
        &'static self,
        tag: &'static str,
        raw: &str,
    ) -> Result<Code, FieldError> {
        let listed = self.parse_as(tag, raw);
        if listed.is_ok() {
            return listed;
        }
        let value = raw.trim().to_ascii_uppercase();
        self.retired
            .iter()
            .position(|code| *code == value)
            .and_then(|i| u16::try_from(i + self.entries.len()).ok())
            .map(|index| Code { table: self, index })
            .map_or(listed, Ok)
    }
}

/// One entry of a [`CodeTable`].
#[derive(Clone, Copy)]
pub struct Code {
    table: &'static CodeTable,
    index: u16,
}

impl Code {
    fn entry(&self) -> (&'static str, &'static str) {
        let index = usize::from(self.index);
        match self.table.entries.get(index) {
            Some(entry) => *entry,
            None => index
                .checked_sub(self.table.entries.len())
                .and_then(|i| self.table.retired.get(i))
                .map_or(("", ""), |code| (*code, RETIRED_MEANING)),
        }
    }

    /// True for a retired code read back from a stored record.
    pub fn is_retired(&self) -> bool {
        usize::from(self.index) >= self.table.entries.len()
    }

    /// The code as entered in a message.
    pub fn code(&self) -> &'static str {
        self.entry().0
    }

    /// What the code means.
    pub fn meaning(&self) -> &'static str {
        self.entry().1
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.table, other.table) && self.index == other.index
    }
}

impl Eq for Code {}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.table.tag, self.code())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Sex (SEX).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// M
    Male,
    /// F
    Female,
    /// U: unknown (missing and unidentified persons)
    Unknown,
}

impl Sex {
    /// Parses `M`, `F` or `U`.
    pub fn parse(raw: &str) -> Result<Sex, FieldError> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "M" => Ok(Sex::Male),
            "F" => Ok(Sex::Female),
            "U" => Ok(Sex::Unknown),
            "" => Err(FieldError::new("SEX", raw, Edit::Empty)),
            _ => Err(FieldError::new("SEX", raw, Edit::InvalidCode)),
        }
    }

    /// The one-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
            Sex::Unknown => "U",
        }
    }
}

/// Race (RAC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Race {
    /// A: Asian or Pacific Islander
    Asian,
    /// B: Black
    Black,
    /// I: American Indian or Alaskan Native
    Indian,
    /// W: White
    White,
    /// U: Unknown
    Unknown,
}

impl Race {
    /// Parses `A`, `B`, `I`, `W` or `U`.
    pub fn parse(raw: &str) -> Result<Race, FieldError> {
        match raw.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(Race::Asian),
            "B" => Ok(Race::Black),
            "I" => Ok(Race::Indian),
            "W" => Ok(Race::White),
            "U" => Ok(Race::Unknown),
            "" => Err(FieldError::new("RAC", raw, Edit::Empty)),
            _ => Err(FieldError::new("RAC", raw, Edit::InvalidCode)),
        }
    }

    /// The one-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Race::Asian => "A",
            Race::Black => "B",
            Race::Indian => "I",
            Race::White => "W",
            Race::Unknown => "U",
        }
    }

    /// The race a name inquiry with this race leaves out, as NCIC narrows: W excludes B,
    /// B excludes W, and A, I and U search all races.
    pub fn excludes(self) -> Option<Race> {
        match self {
            Race::White => Some(Race::Black),
            Race::Black => Some(Race::White),
            Race::Asian | Race::Indian | Race::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::caution::Caution;
    use crate::fields::tables::*;

    #[test]
    fn codes_parse_case_insensitively_and_keep_their_meaning() {
        let code = EYE.parse("bro").unwrap();
        assert_eq!(code.code(), "BRO");
        assert_eq!(code.meaning(), "BROWN");
        assert_eq!(code, EYE.parse("BRO").unwrap());
        assert_ne!(code, HAI.parse("BRO").unwrap());
    }

    #[test]
    fn unknown_codes_name_the_field() {
        assert_eq!(
            EYE.parse("PUR").unwrap_err().to_string(),
            "EYE/PUR INVALID CODE"
        );
        assert_eq!(HAI.parse("").unwrap_err().to_string(), "HAI/ MISSING DATA");
        assert_eq!(
            Sex::parse("X").unwrap_err().to_string(),
            "SEX/X INVALID CODE"
        );
        assert_eq!(
            Race::parse("Q").unwrap_err().to_string(),
            "RAC/Q INVALID CODE"
        );
    }

    #[test]
    fn race_narrowing_follows_ncic() {
        assert_eq!(Race::White.excludes(), Some(Race::Black));
        assert_eq!(Race::Black.excludes(), Some(Race::White));
        assert_eq!(Race::Asian.excludes(), None);
        assert_eq!(Race::Unknown.excludes(), None);
    }

    #[test]
    fn cautions_rank_officer_safety_before_medical() {
        let armed = Caution::parse("00").unwrap();
        let diabetic = Caution::parse("90").unwrap();
        let suicidal = Caution::parse("70").unwrap();
        let unlisted = Caution::parse_stored("45").unwrap();
        assert!(armed.is_officer_safety() && !diabetic.is_officer_safety());
        assert!(suicidal.is_officer_safety() && unlisted.is_officer_safety());
        assert!(armed.rank() < suicidal.rank() && suicidal.rank() < unlisted.rank());
        assert!(unlisted.rank() < diabetic.rank());
        assert_eq!(unlisted.code(), "45");
        assert!(Caution::parse("45").is_err());
        assert!(Caution::parse_stored("4X").is_err());
        assert_eq!(
            Caution::parse("99").unwrap_err().to_string(),
            "CMC/99 INVALID CODE"
        );
    }

    #[test]
    fn every_table_has_unique_codes() {
        for table in [
            &EYE, &HAI, &SKN, &STATES, &LIT, &VCO, &MNP, &MPC, &EXL, &SDC, &PUR, &EXD, &RGS, &PRI,
            &RNO, &CNF,
        ] {
            let mut codes: Vec<_> = table.entries.iter().map(|(c, _)| *c).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), table.entries.len(), "{}", table.tag);
        }
    }

    #[test]
    fn a_retired_code_is_read_back_from_storage_but_refused_in_a_new_message() {
        assert_eq!(
            EXL.parse("1").unwrap_err().to_string(),
            "EXL/1 INVALID CODE"
        );
        let stored = EXL.parse_stored_as("EXL", "1").unwrap();
        assert!(stored.is_retired());
        assert_eq!((stored.code(), stored.meaning()), ("1", RETIRED_MEANING));
        let listed = EXL.parse_stored_as("EXL", "01").unwrap();
        assert!(!listed.is_retired());
        assert!(EXL.parse_stored_as("EXL", "7").is_err());
        assert_eq!(STATES.parse("NB").unwrap().meaning(), "NEBRASKA");
        assert!(STATES.parse("NE").is_err() && STATES.parse_stored_as("LIS", "NE").is_ok());
    }
}
