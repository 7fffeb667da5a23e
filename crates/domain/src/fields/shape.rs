//! Shared shape checks used by the field parsers.

use crate::error::{Edit, FieldError};

/// Upper-cases and trims the raw value and checks its length; an empty value is `MISSING DATA`.
pub(crate) fn normalized(
    tag: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldError> {
    let value = raw.trim().to_ascii_uppercase();
    if value.is_empty() {
        return Err(FieldError::new(tag, raw, Edit::Empty));
    }
    if !value.is_ascii() {
        return Err(FieldError::new(tag, raw, Edit::InvalidCharacter));
    }
    if value.len() > max {
        return Err(FieldError::new(tag, raw, Edit::TooLong { max }));
    }
    if value.len() < min {
        return Err(FieldError::new(tag, raw, Edit::TooShort { min }));
    }
    Ok(value)
}

/// An identifier: letters and digits only (no embedded spaces or hyphens, as NCIC requires).
pub(crate) fn identifier(
    tag: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldError> {
    let value = normalized(tag, raw, min, max)?;
    if value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(value)
    } else {
        Err(FieldError::new(tag, raw, Edit::InvalidCharacter))
    }
}

/// A case number: letters, digits and inner hyphens (agencies' case numbers carry them).
pub(crate) fn case_number(tag: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    let value = normalized(tag, raw, 1, max)?;
    let ok_chars = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let ok_ends = !value.starts_with('-') && !value.ends_with('-');
    if ok_chars && ok_ends && value.bytes().any(|b| b.is_ascii_alphanumeric()) {
        Ok(value)
    } else {
        Err(FieldError::new(tag, raw, Edit::InvalidCharacter))
    }
}

/// All ASCII digits.
pub(crate) fn all_digits(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
}
