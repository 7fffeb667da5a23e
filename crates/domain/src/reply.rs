//! What a transaction answers: the same reply is rendered as terminal text and as JSON.

use crate::clock::Timestamp;
use crate::record::Record;
use crate::rules::RuleId;

/// How the transaction ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done.
    Accepted,
    /// The message was wrong: grammar, a field edit, a missing field, a duplicate.
    Rejected,
    /// A rule or a policy forbids it.
    Refused,
    /// The system could not complete it; nothing was changed.
    Failed,
}

impl Outcome {
    /// The stable name used in JSON and the audit log.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Rejected => "rejected",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
        }
    }
}

/// A rule or policy that decided a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Rule id of PRODUCT.md (e.g. `H2`) or policy id.
    pub rule: String,
    /// The regulation.
    pub citation: String,
    /// What the operator is told.
    pub text: String,
}

impl Reason {
    /// A reason citing a PRODUCT.md rule.
    pub fn rule(rule: RuleId, text: impl Into<String>) -> Reason {
        Reason {
            rule: rule.id().to_owned(),
            citation: rule.citation().to_owned(),
            text: text.into(),
        }
    }
}

/// The answer to one transaction.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Traces the reply to its audit entry.
    pub operation_id: String,
    /// When the transaction was processed.
    pub at: Timestamp,
    /// The message key, when the message got that far.
    pub key: Option<String>,
    /// The ORI of the message.
    pub ori: Option<String>,
    pub outcome: Outcome,
    /// Stable code (docs/ERROR-CODES.md), e.g. `entered`, `hit`, `field_edit`, `reject_on_file`.
    pub code: &'static str,
    /// One line for the operator, e.g. `DOB/19991340 INVALID DATE`.
    pub message: String,
    /// The rules that decided a refusal.
    pub reasons: Vec<Reason>,
    /// Records entered or changed, the record already on file, or the hits of a query
    /// (caution records first).
    pub records: Vec<Record>,
    /// For a query, what was searched (echoed when nothing is found).
    pub criteria: Option<String>,
    /// Images entered, changed or asked for; for a record inquiry, the images of each hit.
    pub images: Vec<ImageView>,
    /// Things the operator should know that did not stop the transaction.
    pub warnings: Vec<String>,
}

/// An image as shown to an operator (rule I1, I2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageView {
    pub imn: crate::fields::Imn,
    pub lrn: crate::fields::Lrn,
    /// The NCIC record the image is also attached to (I2), if the record is shared with NCIC.
    pub nic: Option<crate::fields::Nic>,
    pub owner: crate::fields::Ori,
    pub image_type: crate::image::ImageType,
    pub date: crate::fields::FieldDate,
    pub mis: Option<crate::fields::FreeText>,
    /// The stored JPEG, for a query by image number.
    pub jpeg: Option<Vec<u8>>,
    pub width: u32,
    pub height: u32,
}
