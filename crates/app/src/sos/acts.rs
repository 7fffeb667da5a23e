//! What every SOS act is made of: the limits it is held to, what it asked for (its audit
//! subject), what it did, and the answer with the disclaimer and the confidentiality notice.

use std::pin::Pin;

use leads_domain::codes::ReplyCode;
use leads_domain::reply::{Answer, Reason};
use leads_domain::sos::{CONFIDENTIALITY_NOTICE, DISCLAIMER};
use leads_domain::{Edit, FieldError};

use crate::runner::Refusal;

/// Limits on SOS image requests through LEADS ("no fishing", rule P2) and the case-record
/// defaults (rule P2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SosLimits {
    /// Images one operator may request in 24 hours.
    pub per_operator_per_day: u64,
    /// Images one agency's case record may hold.
    pub per_case: u64,
    /// Distinct cases one operator's requests may touch in 24 hours before the misuse review
    /// is told.
    pub flag_cases_per_day: u64,
    /// Distinct holders a case record may gather who are not its suspects, victims or
    /// witnesses before the misuse review is told.
    pub flag_uninvolved_per_case: u64,
    /// Days a case record keeps an image when the request does not say.
    pub default_retention_days: i64,
    /// Hours an image retrieved only for transmission is kept if it is never sent.
    pub transmission_hours: i64,
}

impl Default for SosLimits {
    fn default() -> Self {
        SosLimits {
            per_operator_per_day: 20,
            per_case: 10,
            flag_cases_per_day: 5,
            flag_uninvolved_per_case: 3,
            default_retention_days: 5 * 365,
            transmission_hours: 24,
        }
    }
}

/// The body of the answer to an SOS act. Every answer, refusals included, carries the
/// disclaimer of 1030.140(b)(2)(C) and the confidentiality notice of (c)(3) (rule P6).
#[derive(Debug, Clone)]
pub struct SosItems<T> {
    pub disclaimer: &'static str,
    pub confidentiality: &'static str,
    pub items: Vec<T>,
}

impl<T> Default for SosItems<T> {
    fn default() -> Self {
        SosItems {
            disclaimer: DISCLAIMER,
            confidentiality: CONFIDENTIALITY_NOTICE,
            items: Vec::new(),
        }
    }
}

/// The answer to an SOS act.
pub type SosReply<T> = Answer<SosItems<T>>;

/// What an SOS act did: its code, message and items, and its audit entry's detail.
pub(crate) struct SosDone<T> {
    pub code: ReplyCode,
    pub message: String,
    pub items: Vec<T>,
    pub detail: String,
    /// Sealed blobs to delete once the act has committed (disposal, transmission).
    pub delete_after_commit: Vec<String>,
}

impl<T> SosDone<T> {
    pub(crate) fn new(code: ReplyCode, message: String, items: Vec<T>, detail: String) -> Self {
        SosDone {
            code,
            message,
            items,
            detail,
            delete_after_commit: Vec::new(),
        }
    }
}

/// The work of an SOS act, run in its transaction.
pub(crate) type SosFuture<'a, T> =
    Pin<Box<dyn Future<Output = Result<SosDone<T>, Refusal>> + Send + 'a>>;

/// What the act is about, for its audit entry.
pub(crate) struct SosSubject {
    pub event: &'static str,
    /// What was asked, as the audit detail of a refusal.
    pub asked: String,
    pub case_number: Option<String>,
}

/// A field edit failure as a refusal (`field_missing` or `field_edit`); a value outside a
/// rule's list of lawful values is refused citing that rule, with the list.
pub(crate) fn edit_refusal(error: &FieldError) -> Refusal {
    let code = if error.edit() == Edit::Empty {
        ReplyCode::FieldMissing
    } else {
        ReplyCode::FieldEdit
    };
    match error.lawful() {
        Some(lawful) => {
            let text = format!("{error} - {}", lawful.text);
            Refusal::refused(code, text.clone(), vec![Reason::rule(lawful.cite, text)])
        }
        None => Refusal::rejected(code, error.to_string()),
    }
}
