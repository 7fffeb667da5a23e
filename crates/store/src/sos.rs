//! The storage of the SOS image service, behind its own port: the Secretary of State's file of
//! holders and images, and what agencies keep of it (case images, dissemination records,
//! releases, consents, photo arrays). Reached from a transaction by [`crate::StoreTx::sos`],
//! so what the SOS service writes commits with its audit entry.

use async_trait::async_trait;
use leads_domain::clock::Timestamp;
use leads_domain::fields::{FieldDate, Ori};
use leads_domain::sos::ReleaseStatus;
use leads_domain::sos::{Dln, SosHolder};

use crate::{BlobRef, StoreResult};

/// A holder of the SOS file and the sealed blob of the image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredHolder {
    pub holder: SosHolder,
    pub picture: BlobRef,
}

/// One request for an SOS image, allowed or refused (the SOS file's request log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SosRequestRow {
    pub at: Timestamp,
    /// `leads` (an agency through LEADS) or `desk` (made directly to SOS).
    pub channel: String,
    pub category: String,
    /// The person who made (LEADS) or recorded (desk) the request.
    pub operator: String,
    pub ori: Ori,
    /// Who asked, for a desk request.
    pub requester: String,
    /// How the holder was named (`DLN/…`, `NAM/…`).
    pub subject: String,
    /// The holder found, if any.
    pub dln: Option<Dln>,
    pub case_number: Option<String>,
    /// `accepted`, `refused`, `not_found`.
    pub outcome: String,
    pub detail: String,
}

/// An SOS image inside an agency's case record (1030.140(a)(2)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseImage {
    pub id: i64,
    pub ori: Ori,
    pub case_number: String,
    pub dln: Dln,
    /// The holder as the SOS file knows them (`LAST, FIRST`, DOB, sex).
    pub holder_name: String,
    pub holder_dob: FieldDate,
    pub holder_sex: String,
    /// `suspect`, `victim`, … (P3).
    pub subject_role: String,
    /// `criminal` or `civil` (P4 releases are for criminal investigations only).
    pub investigation: String,
    /// Retrieved only to be passed to `transmit_to` (1030.140(a)(3)).
    pub transmission_only: bool,
    pub transmit_to: Option<Ori>,
    /// The sealed image; `None` once disposed of or transmitted.
    pub picture: Option<BlobRef>,
    /// The case image it was passed on from (a secondary recipient's copy).
    pub received_from: Option<i64>,
    pub retrieved_by: String,
    pub retrieved_at: Timestamp,
    /// When the case record's retention ends and the image is disposed of.
    pub dispose_after: Timestamp,
    pub disposed_at: Option<Timestamp>,
    /// `retention_expired`, `transmitted`, `transmission_window_expired`.
    pub disposed_how: Option<String>,
}

/// The record of a secondary dissemination (1030.140(c)(2)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SosDisseminationRow {
    pub id: i64,
    pub case_image: i64,
    pub from_ori: Ori,
    pub to_ori: Ori,
    pub to_agency: String,
    pub to_person: String,
    pub case_number: String,
    pub dln: Dln,
    /// How the recipient was verified.
    pub verification: String,
    pub operator: String,
    pub at: Timestamp,
    /// The recipient's own case image, when it is a LEADS agency.
    pub recipient_case_image: Option<i64>,
}

/// A request for broad release to the public and its decision (1030.140(b)(2)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseRow {
    pub id: i64,
    pub case_image: i64,
    pub ori: Ori,
    pub case_number: String,
    pub necessity: String,
    pub explanation: String,
    pub identity_verification: String,
    pub requested_by: String,
    pub requested_at: Timestamp,
    pub status: ReleaseStatus,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    /// The reference of the written decision.
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// A person's written consent to the use of their image in a photo array (P3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRow {
    pub id: i64,
    pub case_image: i64,
    pub document: String,
    pub signed_on: FieldDate,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

/// A photo array as built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoArrayRow {
    pub id: i64,
    pub ori: Ori,
    pub case_number: String,
    pub built_by: String,
    pub built_at: Timestamp,
    /// Each position as described (`SOS CASE IMAGE 4 SUSPECT`, `FILLER BOOKING 2291`).
    pub members: Vec<String>,
}

/// The SOS service's storage, inside one transaction.
#[async_trait]
pub trait SosTx: Send {
    /// Adds or replaces a holder of the SOS file.
    async fn put_holder(&mut self, holder: &StoredHolder) -> StoreResult<()>;
    async fn holder_by_dln(&mut self, dln: &Dln) -> StoreResult<Option<StoredHolder>>;
    /// Holders with exactly this name (`LAST, FIRST …`), date of birth and sex.
    async fn holders_by_person(
        &mut self,
        name: &str,
        dob: FieldDate,
        sex: &str,
    ) -> StoreResult<Vec<StoredHolder>>;
    async fn holder_count(&mut self) -> StoreResult<u64>;

    /// Logs a request; returns its number.
    async fn insert_sos_request(&mut self, request: &SosRequestRow) -> StoreResult<i64>;
    /// Accepted LEADS requests of an operator at or after `since`: `(case number, count)`.
    async fn operator_sos_requests(
        &mut self,
        operator: &str,
        since: Timestamp,
    ) -> StoreResult<Vec<(String, u64)>>;

    /// Adds an image to a case record; returns its number.
    async fn insert_case_image(&mut self, image: &CaseImage) -> StoreResult<i64>;
    async fn case_image(&mut self, id: i64) -> StoreResult<Option<CaseImage>>;
    /// The images of one case record of an agency, disposed of or not, oldest first.
    async fn case_images(&mut self, ori: &Ori, case_number: &str) -> StoreResult<Vec<CaseImage>>;
    /// Images not yet disposed of whose retention ended at or before `now`, at most `limit`.
    async fn due_disposals(&mut self, now: Timestamp, limit: u32) -> StoreResult<Vec<CaseImage>>;
    /// Marks an image disposed of (its blob is gone); false if it already was.
    async fn dispose_case_image(&mut self, id: i64, at: Timestamp, how: &str) -> StoreResult<bool>;

    async fn insert_sos_dissemination(&mut self, row: &SosDisseminationRow) -> StoreResult<i64>;
    /// Dissemination records of a disseminating agency (of all for `None`), newest first.
    async fn sos_disseminations(
        &mut self,
        ori: Option<&Ori>,
        limit: u32,
    ) -> StoreResult<Vec<SosDisseminationRow>>;

    async fn insert_release(&mut self, row: &ReleaseRow) -> StoreResult<i64>;
    async fn release(&mut self, id: i64) -> StoreResult<Option<ReleaseRow>>;
    /// Releases of one status (all for `None`) and agency (all for `None`), oldest first.
    async fn releases(
        &mut self,
        status: Option<ReleaseStatus>,
        ori: Option<&Ori>,
        limit: u32,
    ) -> StoreResult<Vec<ReleaseRow>>;
    /// Records the decision on a pending release; false if it was no longer pending.
    async fn decide_release(&mut self, row: &ReleaseRow) -> StoreResult<bool>;

    async fn insert_consent(&mut self, row: &ConsentRow) -> StoreResult<i64>;
    async fn consents(&mut self, case_image: i64) -> StoreResult<Vec<ConsentRow>>;

    async fn insert_photo_array(&mut self, row: &PhotoArrayRow) -> StoreResult<i64>;
}
