//! The one header of every answer on the wire: what was done (or why not), when, and the
//! operation id that traces it to its audit entries. Each answer body flattens it into its own
//! JSON object and reads its fields through it (`body.code` is `body.header.code`).

use leads_domain::reply::Answer;
use serde::{Deserialize, Serialize};

use crate::{
    AdminReplyBody, AuditReportBody, ItemsBody, OversightDocumentBody, OversightReplyBody,
    PhotosDueBody, ReasonBody, ReplyBody, ReviewReplyBody, SosBody,
};

/// The header every answer carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyHeader {
    /// Made by the server, one per request; the same as the `x-operation-id` response header
    /// and in every audit entry of the request.
    pub operation_id: String,
    /// The `x-request-id` the client sent, if any: the client's own label, not the server's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// When the request was processed (RFC 3339, UTC).
    pub at: String,
    /// `accepted`, `rejected`, `refused` or `failed`.
    pub outcome: String,
    /// Stable code (docs/ERROR-CODES.md).
    pub code: String,
    pub message: String,
    /// The rules that decided a refusal, each with its citation.
    pub reasons: Vec<ReasonBody>,
}

impl ReplyHeader {
    /// The header of `answer`.
    pub fn of<T>(answer: &Answer<T>) -> ReplyHeader {
        ReplyHeader {
            operation_id: answer.operation_id.clone(),
            client_request_id: None,
            at: answer.at.to_string(),
            outcome: answer.outcome.name().into(),
            code: answer.code.name().into(),
            message: answer.message.clone(),
            reasons: answer.reasons.iter().map(ReasonBody::from).collect(),
        }
    }
}

/// The answer bodies read the header's fields through themselves.
macro_rules! headed {
    ($($body:ident $(<$t:ident>)?),+ $(,)?) => {
        $(
            impl$(<$t>)? std::ops::Deref for $body$(<$t>)? {
                type Target = ReplyHeader;

                fn deref(&self) -> &ReplyHeader {
                    &self.header
                }
            }

            impl$(<$t>)? std::ops::DerefMut for $body$(<$t>)? {
                fn deref_mut(&mut self) -> &mut ReplyHeader {
                    &mut self.header
                }
            }
        )+
    };
}

headed!(
    ReplyBody,
    AdminReplyBody,
    OversightReplyBody,
    OversightDocumentBody,
    AuditReportBody,
    PhotosDueBody,
    ReviewReplyBody,
    ItemsBody<T>,
    SosBody<T>,
);
