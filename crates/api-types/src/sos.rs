//! The SOS image service over HTTP (docs/SOS-IMAGES.md). Requests are the forms of
//! `leads_domain::sos`; every answer carries the disclaimer and the confidentiality notice.

use serde::{Deserialize, Serialize};

use crate::ReplyHeader;

pub use leads_domain::sos::{
    ArrayMemberForm, ConsentForm, DeskForm, ImageRequestForm, LookupForm, PhotoArrayForm,
    ReleaseDecisionForm, ReleaseForm, SosDisseminationForm,
};

/// The answer of an SOS call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SosBody<T> {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    /// The disclaimer of 92 Ill. Adm. Code 1030.140(b)(2)(C), verbatim (rule P6).
    pub disclaimer: String,
    /// The request and receipt of an image bind the receiver to keep it confidential
    /// (1030.140(c)(3)).
    pub confidentiality: String,
    pub items: Vec<T>,
}

/// An SOS image in a case record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseImageBody {
    pub id: i64,
    pub ori: String,
    pub case_number: String,
    pub dln: String,
    pub holder_name: String,
    pub holder_dob: i64,
    pub holder_sex: String,
    pub subject_role: String,
    pub investigation: String,
    pub transmission_only: bool,
    pub transmit_to: Option<String>,
    /// The case image it was disseminated from.
    pub received_from: Option<i64>,
    pub retrieved_by: String,
    pub retrieved_at: String,
    /// When the case record's retention ends and the image is disposed of.
    pub dispose_after: String,
    pub disposed_at: Option<String>,
    pub disposed_how: Option<String>,
    /// The JPEG while it is kept.
    pub image_base64: Option<String>,
}

/// An image disclosed at the SOS desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureBody {
    pub request: i64,
    pub category: String,
    pub requester: String,
    pub dln: String,
    pub holder_name: String,
    pub image_base64: String,
}

/// A dissemination record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SosDisseminationBody {
    pub id: i64,
    pub case_image: i64,
    pub from_ori: String,
    pub to_ori: String,
    pub to_agency: String,
    pub to_person: String,
    pub case_number: String,
    pub dln: String,
    pub verification: String,
    pub operator: String,
    pub at: String,
    /// The recipient's own case image, when it is a LEADS agency.
    pub recipient_case_image: Option<i64>,
    /// For a recipient outside LEADS, the JPEG to transmit (once, in the answer).
    pub image_base64: Option<String>,
}

/// A request to release an image to the public, and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseBody {
    pub id: i64,
    pub case_image: i64,
    pub ori: String,
    pub case_number: String,
    pub necessity: String,
    pub explanation: String,
    pub identity_verification: String,
    pub requested_by: String,
    pub requested_at: String,
    /// `pending`, `approved` or `denied`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// A recorded consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentBody {
    pub id: i64,
    pub case_image: i64,
    pub document: String,
    pub signed_on: i64,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// A photo array as built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoArrayBody {
    pub id: i64,
    pub ori: String,
    pub case_number: String,
    pub built_by: String,
    pub built_at: String,
    pub members: Vec<String>,
}

/// The flyer of an approved release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlyerBody {
    pub release: i64,
    pub pdf_base64: String,
}
