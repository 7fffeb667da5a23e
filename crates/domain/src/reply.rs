//! What a transaction answers: the same reply is rendered as terminal text and as JSON.

use crate::clock::Timestamp;
use crate::record::Record;
use crate::rules::Cite;

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
    /// Rule id (docs/RULES.md, e.g. `H2`) or policy id.
    pub rule: String,
    /// The regulation.
    pub citation: String,
    /// What the operator is told.
    pub text: String,
}

impl Reason {
    /// A reason citing a rule of docs/RULES.md, at its regulation or at the paragraph given
    /// (`RuleId::D1.at("20 Ill. Adm. Code 1240.80(b)")`).
    pub fn rule(rule: impl Into<Cite>, text: impl Into<String>) -> Reason {
        let cite = rule.into();
        Reason {
            rule: cite.rule().id().to_owned(),
            citation: cite.citation().to_owned(),
            text: text.into(),
        }
    }
}

/// The one envelope of every answer the service gives: what was done (or why not) and the
/// operation id that traces it to its audit entries, around the body of the act's own answer
/// (`T`). The body's fields read through the envelope (`answer.records` is `answer.body.records`).
#[derive(Debug, Clone)]
pub struct Answer<T> {
    /// Made by the server, one per request; the same in every audit entry of the request.
    pub operation_id: String,
    /// When the act was processed.
    pub at: Timestamp,
    pub outcome: Outcome,
    /// Stable code (docs/ERROR-CODES.md), e.g. `entered`, `hit`, `field_edit`, `reject_on_file`.
    pub code: crate::codes::ReplyCode,
    /// One line for the person, e.g. `DOB/19991340 INVALID DATE`.
    pub message: String,
    /// The rules that decided a refusal, each with its citation.
    pub reasons: Vec<Reason>,
    /// The act's own answer.
    pub body: T,
}

impl<T> std::ops::Deref for Answer<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T> std::ops::DerefMut for Answer<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}

impl<T> Answer<T> {
    /// The same envelope around another body.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Answer<U> {
        Answer {
            operation_id: self.operation_id,
            at: self.at,
            outcome: self.outcome,
            code: self.code,
            message: self.message,
            reasons: self.reasons,
            body: f(self.body),
        }
    }
}

/// The body of the answer to a formatted message (a hot-file transaction, an image transaction,
/// a hit confirmation) and of a dissemination record.
#[derive(Debug, Clone, Default)]
pub struct MessageBody {
    /// The message key, when the message got that far.
    pub key: Option<String>,
    /// The ORI of the message.
    pub ori: Option<String>,
    /// Records entered or changed, the record already on file, or the hits of a query
    /// (caution records first).
    pub records: Vec<Record>,
    /// For a query, what was searched (echoed when nothing is found).
    pub criteria: Option<String>,
    /// Images entered, changed or asked for; for a record inquiry, the images of each hit.
    pub images: Vec<ImageView>,
    /// Things the operator should know that did not stop the transaction.
    pub warnings: Vec<String>,
    /// Records a name inquiry found by an alias (AKA), not by their name: LEADS number and the
    /// alias that matched.
    pub alias_hits: Vec<(String, String)>,
}

/// The answer to one formatted message.
pub type Reply = Answer<MessageBody>;

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
