#![doc = include_str!("../README.md")]

mod audit;
pub mod codes;
mod dissemination;
mod header;
mod lifecycle;
mod oversight;
mod reply;
mod review;
mod sos;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use audit::{AuditEntryBody, AuditReportBody, CSV_COLUMNS, entries_csv};
pub use dissemination::DisseminationRequest;
pub use header::ReplyHeader;
pub use lifecycle::{
    ComplianceOverviewBody, DeadlineBody, DisciplineStandardsBody, ItemsBody, LateEntryBody,
    MailBody, NonComplianceBody, SeriousErrorBody, SeriousErrorRequest, ShiftsRequest,
    StaffingGapBody, VerificationBody, VerificationRequest,
};
pub use oversight::{AuditScheduleBody, OversightDocumentBody, OversightReplyBody};
pub use reply::{
    CautionBody, FieldBody, ImageBody, PhotoDueBody, PhotosDueBody, ReasonBody, RecordBody,
    ReplyBody, StatusBody,
};
pub use review::{DispositionBody, DispositionRequest, FlagBody, ReviewReplyBody};
pub use sos::{
    ArrayMemberForm, CaseImageBody, ConsentBody, ConsentForm, DeskForm, DisclosureBody, FlyerBody,
    ImageRequestForm, LookupForm, PhotoArrayBody, PhotoArrayForm, ReleaseBody, ReleaseDecisionForm,
    ReleaseForm, SosBody, SosDisseminationBody, SosDisseminationForm,
};

/// `POST /api/v1/sessions`: password and the current second-factor (TOTP) code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub operator: String,
    pub password: String,
    /// The 6-digit code of the operator's authenticator.
    pub code: String,
    pub terminal: String,
    /// The operator has read and accepts the system-use notification (`GET /api/v1/banner`).
    /// Without it the session must accept it (`POST /api/v1/sessions/banner`) before any use.
    #[serde(default)]
    pub accept_banner: bool,
}

/// The answer to a sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    pub operator: String,
    pub terminal: String,
    pub ori: String,
    /// RFC 3339, UTC. The session also ends after 30 minutes without activity.
    pub expires_at: String,
    /// The system-use notification.
    pub banner: String,
    pub banner_accepted: bool,
}

/// `POST /api/v1/account/password`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    pub current: String,
    pub new: String,
}

/// The answer to `POST /api/v1/admin` (the body is a command, `{"command": "…", …}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminReplyBody {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    pub command: String,
    /// What the command returns (agencies, people, an enrollment, …), or null.
    pub data: serde_json::Value,
}

/// One field value, or several for a repeatable field (`"CMC": ["00", "05"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldValues {
    One(String),
    Many(Vec<String>),
}

/// `POST /api/v1/transactions`: a message as JSON. It takes exactly the path of the formatted
/// text: the same field edits, rules, authorization and audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransactionRequest {
    /// Message key, e.g. `QW`.
    pub key: String,
    /// Originating agency.
    pub ori: String,
    /// Destination ORIs (Nlets-style header), usually empty.
    #[serde(default)]
    pub destinations: Vec<String>,
    /// Fields by tag.
    pub fields: BTreeMap<String, FieldValues>,
    /// The image of an EIM or MII (a JPEG or PNG file, standard base64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_base64: Option<String>,
}

impl TransactionRequest {
    /// The request as a raw message; fails if `image_base64` is not base64.
    pub fn to_raw(&self) -> Result<leads_message::RawMessage, String> {
        let attachment = match &self.image_base64 {
            Some(text) => Some(
                data_encoding::BASE64
                    .decode(text.trim().as_bytes())
                    .map_err(|_| "IMAGE_BASE64 IS NOT BASE64".to_owned())?,
            ),
            None => None,
        };
        let mut oris = vec![self.ori.clone()];
        oris.extend(self.destinations.iter().cloned());
        let fields = self
            .fields
            .iter()
            .flat_map(|(tag, values)| {
                let values = match values {
                    FieldValues::One(v) => vec![v.clone()],
                    FieldValues::Many(vs) => vs.clone(),
                };
                let tag = tag.to_ascii_uppercase();
                // JSON takes ISO 8601 dates; the message language keeps ccyymmdd.
                let date = leads_domain::fields::FieldCode::from_tag(&tag)
                    .is_some_and(leads_domain::fields::FieldCode::takes_date);
                values
                    .into_iter()
                    .map(move |value| leads_message::RawField {
                        tag: tag.clone(),
                        value: if date {
                            leads_domain::fields::iso_date_as_ccyymmdd(&value).unwrap_or(value)
                        } else {
                            value
                        },
                    })
            })
            .collect();
        Ok(leads_message::RawMessage {
            key: self.key.trim().to_ascii_uppercase(),
            oris: oris.iter().map(|o| o.trim().to_ascii_uppercase()).collect(),
            txt: false,
            fields,
            attachment,
        })
    }
}

/// The body of every error that is not a transaction reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable code (docs/ERROR-CODES.md).
    pub code: String,
    pub message: String,
    /// Traces the error to the server log and audit entry.
    pub operation_id: String,
}
