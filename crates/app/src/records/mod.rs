//! Acts on records outside the formatted messages: second-party checks and validations, the
//! Department's acts (serious errors, removal, shifts), dissemination records, the timeliness of
//! entries, and bulk loads.

pub(crate) mod bulk;
pub(crate) mod checks;
pub(crate) mod department;
pub(crate) mod dissemination;
pub(crate) mod timeliness;
