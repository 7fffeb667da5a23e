//! Driver-licence and ID-card holders as the SOS file knows them, and how a requester names one.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;

use super::text::stated;
use crate::error::{Edit, FieldError};
use crate::fields::{FieldDate, PersonName, Sex};

/// An Illinois driver's licence or ID card number: one letter and eleven digits, written with or
/// without the dashes (`S123-4567-8901`); kept without them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Dln(String);

impl Dln {
    /// Parses a licence or ID card number (field DLN).
    pub fn parse(raw: &str) -> Result<Dln, FieldError> {
        let compact: String = raw
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != ' ')
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return Err(FieldError::new("DLN", raw, Edit::Empty));
        }
        let mut chars = compact.chars();
        let letter = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        let digits: Vec<char> = chars.collect();
        if !letter || !digits.iter().all(char::is_ascii_digit) {
            return Err(FieldError::new(
                "DLN",
                raw,
                Edit::Format("MUST BE A LETTER AND 11 DIGITS"),
            ));
        }
        if digits.len() != 11 {
            return Err(FieldError::new(
                "DLN",
                raw,
                Edit::Format("MUST BE A LETTER AND 11 DIGITS"),
            ));
        }
        Ok(Dln(compact))
    }

    /// The twelve characters without dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Dln {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A licence or ID-card holder of the SOS file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SosHolder {
    pub dln: Dln,
    pub name: PersonName,
    pub dob: FieldDate,
    pub sex: Sex,
}

/// How a requester names the holder, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookupForm {
    /// The licence or ID card number; or else name, date of birth and sex.
    #[serde(default)]
    pub dln: Option<String>,
    /// `LAST, FIRST MIDDLE`.
    #[serde(default)]
    pub name: Option<String>,
    /// `CCYYMMDD`.
    #[serde(default)]
    pub dob: Option<String>,
    /// `M`, `F` or `U`.
    #[serde(default)]
    pub sex: Option<String>,
}

/// A holder named by licence number, or by name, date of birth and sex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Dln(Dln),
    Person {
        name: PersonName,
        dob: FieldDate,
        sex: Sex,
    },
}

impl Lookup {
    /// Applies the edits: a licence number, or all three of name, date of birth and sex.
    pub fn parse(form: &LookupForm, today: Date) -> Result<Lookup, FieldError> {
        if let Some(dln) = stated(&form.dln) {
            return Dln::parse(dln).map(Lookup::Dln);
        }
        let name = stated(&form.name).ok_or_else(|| {
            FieldError::new("NAM", "", Edit::Format("GIVE DLN, OR NAM WITH DOB AND SEX"))
        })?;
        let name = PersonName::parse(&name.to_ascii_uppercase())?;
        let dob = FieldDate::parse_json("DOB", stated(&form.dob).unwrap_or_default(), today)?;
        let sex = Sex::parse(stated(&form.sex).unwrap_or_default())?;
        Ok(Lookup::Person { name, dob, sex })
    }

    /// The lookup as an audit subject (`DLN/…` or `NAM/…/DOB/…/SEX/…`).
    pub fn describe(&self) -> String {
        match self {
            Lookup::Dln(dln) => format!("DLN/{dln}"),
            Lookup::Person { name, dob, sex } => {
                format!("NAM/{name}.DOB/{}.SEX/{}", dob.as_number(), sex.code())
            }
        }
    }
}
