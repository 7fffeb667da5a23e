//! Field edit failures, reported the way NCIC reports them: the field code, the value as
//! entered and the edit that failed (`DOB/19991340 INVALID DATE`).

use std::fmt;

/// The edit a field value failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Nothing after the slash.
    Empty,
    /// Longer than the field allows.
    TooLong { max: usize },
    /// Shorter than the field allows.
    TooShort { min: usize },
    /// A character the field does not accept.
    InvalidCharacter,
    /// Not a calendar date.
    InvalidDate,
    /// A date after today.
    FutureDate,
    /// A date before 1900.
    DateTooEarly,
    /// Not a code of the field's code table.
    InvalidCode,
    /// The 17-character VIN check digit does not match.
    CheckDigit,
    /// A number outside the field's range.
    OutOfRange,
    /// The ORI does not start with a known state code.
    InvalidStateCode,
    /// The value does not have the field's shape; the text says which shape.
    Format(&'static str),
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edit::Empty => f.write_str("MISSING DATA"),
            Edit::TooLong { max } => write!(f, "EXCEEDS {max} CHARACTERS"),
            Edit::TooShort { min } => write!(f, "FEWER THAN {min} CHARACTERS"),
            Edit::InvalidCharacter => f.write_str("INVALID CHARACTER"),
            Edit::InvalidDate => f.write_str("INVALID DATE"),
            Edit::FutureDate => f.write_str("DATE IN FUTURE"),
            Edit::DateTooEarly => f.write_str("DATE BEFORE 1900"),
            Edit::InvalidCode => f.write_str("INVALID CODE"),
            Edit::CheckDigit => f.write_str("VIN CHECK DIGIT FAILURE"),
            Edit::OutOfRange => f.write_str("OUT OF RANGE"),
            Edit::InvalidStateCode => f.write_str("INVALID STATE CODE"),
            Edit::Format(shape) => f.write_str(shape),
        }
    }
}

/// A field value that failed its edit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{tag}/{value} {edit}")]
pub struct FieldError {
    tag: &'static str,
    value: String,
    edit: Edit,
}

/// The longest part of an offending value echoed back in an error.
const ECHO_LIMIT: usize = 40;

impl FieldError {
    /// Builds the error; the echoed value is made printable and cut to a safe length so that an
    /// error message can never carry control characters or an unbounded payload.
    pub fn new(tag: &'static str, value: &str, edit: Edit) -> Self {
        let value = value
            .chars()
            .take(ECHO_LIMIT)
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        FieldError { tag, value, edit }
    }

    /// The field code, e.g. `DOB`.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    /// The value as entered (printable, cut to 40 characters).
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The failed edit.
    pub fn edit(&self) -> Edit {
        self.edit
    }
}
