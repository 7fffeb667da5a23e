//! The Secretary of State's captured images (92 Ill. Adm. Code 1030.140; rules P1–P6): who may
//! receive one and on what conditions, the case record an image may live in, secondary
//! dissemination, broad release to the public and photo arrays. Pure: the conditions each
//! request meets are computed here as facts; Cedar decides on them (`policies/sos.cedar`).

mod category;
mod forms;
mod holder;

pub use category::{Category, Condition, DeskForm, DeskRequest};
pub use forms::{
    ARRAY_POSITIONS, ArrayMember, ArrayMemberForm, Consent, ConsentForm, ImageRequest,
    ImageRequestForm, Investigation, MAX_RETENTION_DAYS, Necessity, PhotoArray, PhotoArrayForm,
    RecipientCheck, ReleaseDecision, ReleaseDecisionForm, ReleaseForm, ReleaseRequest,
    SosDissemination, SosDisseminationForm, SubjectRole,
};
pub use holder::{Dln, Lookup, LookupForm, SosHolder};

/// The disclaimer of 1030.140(b)(2)(C), verbatim. Every SOS image response carries it (P6), and
/// every image released to the public shows it (P4).
pub const DISCLAIMER: &str = "Only for use as authorized by 625 ILCS 5/6-110.1 and 92 Ill. Adm. Code 1030.140.  This information and image cannot be certified to be anything other than the information and image of the individual who presented himself or herself to the Secretary of State's Office with the required forms of identification.";

/// What a request for and the receipt of an SOS image binds the receiver to (1030.140(c)(3)).
pub const CONFIDENTIALITY_NOTICE: &str = "CONFIDENTIAL SOS IMAGE - 92 ILL. ADM. CODE 1030.140(c)(3): THE REQUEST FOR AND RECEIPT OF THIS IMAGE IS AN AGREEMENT TO KEEP IT CONFIDENTIAL AND TO ADHERE TO ALL ESTABLISHED LAW AND RULE REGARDING SOS IMAGES. IT IS KEPT ONLY IN THE CASE RECORD OF THE STATED INVESTIGATION, MAY BE PASSED ONLY TO ANOTHER ELIGIBLE CRIMINAL JUSTICE AGENCY FOR THAT INVESTIGATION, AND ITS IMPROPER DISCLOSURE IS PUNISHABLE UNDER 18 USC 2723 AND 2724.";

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
