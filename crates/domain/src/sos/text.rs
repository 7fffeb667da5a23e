//! Statements the SOS forms take: trimmed text, and document references or explanations of
//! at least a given length.

/// The shortest statement (a document reference, a verification, a reason) the SOS forms
/// accept.
pub const MIN_STATEMENT_LENGTH: usize = 6;

/// Trimmed text, or `None` when blank.
pub(crate) fn stated(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A stated document reference or explanation: free text of at least
/// [`MIN_STATEMENT_LENGTH`] characters, or `None` when blank.
pub(crate) fn statement(
    tag: &'static str,
    value: &Option<String>,
    max: usize,
) -> Result<Option<crate::fields::FreeText>, crate::FieldError> {
    let Some(text) = stated(value) else {
        return Ok(None);
    };
    let text = crate::fields::FreeText::parse(tag, &text.to_ascii_uppercase(), max)?;
    if text.as_str().len() < MIN_STATEMENT_LENGTH {
        return Err(crate::FieldError::new(
            tag,
            text.as_str(),
            crate::Edit::TooShort {
                min: MIN_STATEMENT_LENGTH,
            },
        ));
    }
    Ok(Some(text))
}
