//! `POST /api/v1/disseminations`: recording a secondary dissemination.

use leads_domain::dissemination::DisseminationFields;
use serde::{Deserialize, Serialize};

/// Which record was passed to whom, for which case, and (for a recipient the LEADS directory
/// cannot vouch for) how the recipient was verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisseminationRequest {
    /// `LRN/…`, `NIC/…`, or a bare LEADS record number.
    pub record: String,
    #[serde(default)]
    pub recipient_ori: Option<String>,
    /// Required when the recipient has no ORI.
    #[serde(default)]
    pub recipient_agency: Option<String>,
    pub recipient_person: String,
    /// Purpose code (PUR).
    pub purpose: String,
    /// Case or incident number (CAS).
    pub case_number: String,
    #[serde(default)]
    pub verification: Option<String>,
}

impl From<DisseminationRequest> for DisseminationFields {
    fn from(r: DisseminationRequest) -> DisseminationFields {
        DisseminationFields {
            record: r.record,
            recipient_ori: r.recipient_ori,
            recipient_agency: r.recipient_agency,
            recipient_person: r.recipient_person,
            purpose: r.purpose,
            case_number: r.case_number,
            verification: r.verification,
        }
    }
}
