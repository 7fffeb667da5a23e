//! The forms of the SOS image service after their field edits: a request through LEADS, a
//! secondary dissemination, a request for broad release, a consent and a photo-array member.

use serde::{Deserialize, Serialize};
use time::Date;

use super::category::Category;
use super::holder::{Lookup, LookupForm};
use super::investigation::Investigation;
use super::text::{stated, statement};
use crate::error::{Edit, FieldError};
use crate::fields::{CaseNumber, FieldDate, FreeText, Ori};

/// Where a request for broad release stands (P4): awaiting the SOS Police, or decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReleaseStatus {
    Pending,
    Approved,
    Denied,
}

impl ReleaseStatus {
    /// The stored and shown name.
    pub fn name(self) -> &'static str {
        match self {
            ReleaseStatus::Pending => "pending",
            ReleaseStatus::Approved => "approved",
            ReleaseStatus::Denied => "denied",
        }
    }

    /// `pending`, `approved` or `denied` (any case).
    pub fn parse(text: &str) -> Option<ReleaseStatus> {
        match text.trim().to_ascii_lowercase().as_str() {
            "pending" => Some(ReleaseStatus::Pending),
            "approved" => Some(ReleaseStatus::Approved),
            "denied" => Some(ReleaseStatus::Denied),
            _ => None,
        }
    }
}

/// Who the holder is in the investigation (a line-up may show only the suspect's image, P3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectRole {
    Suspect,
    Victim,
    Witness,
    MissingPerson,
    Other,
}

impl SubjectRole {
    pub const ALL: [SubjectRole; 5] = [
        SubjectRole::Suspect,
        SubjectRole::Victim,
        SubjectRole::Witness,
        SubjectRole::MissingPerson,
        SubjectRole::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SubjectRole::Suspect => "suspect",
            SubjectRole::Victim => "victim",
            SubjectRole::Witness => "witness",
            SubjectRole::MissingPerson => "missing_person",
            SubjectRole::Other => "other",
        }
    }

    /// Reads a stable name (field ROL).
    pub fn parse(raw: &str) -> Result<SubjectRole, FieldError> {
        let name = raw.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Err(FieldError::new("ROL", raw, Edit::Empty));
        }
        SubjectRole::ALL
            .into_iter()
            .find(|r| r.name() == name)
            .ok_or_else(|| FieldError::new("ROL", raw, Edit::InvalidCode))
    }
}

/// A request for an SOS image through LEADS, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageRequestForm {
    /// The holder: licence number, or name, date of birth and sex.
    pub holder: LookupForm,
    /// `criminal` or `civil` investigation.
    #[serde(default)]
    pub investigation: Option<String>,
    /// The case the image is requested for; it is kept only in this case's record.
    #[serde(default)]
    pub case_number: Option<String>,
    /// The holder's role in the investigation (`suspect`, `victim`, `witness`,
    /// `missing_person`, `other`).
    pub subject_role: String,
    /// Days the case record keeps the image (the agency's retention schedule for criminal
    /// justice records); the service's default when absent.
    #[serde(default)]
    pub retention_days: Option<i64>,
    /// Requested only to pass on to this agency (1030.140(a)(3)): the image is kept only until
    /// it is transmitted.
    #[serde(default)]
    pub transmit_to: Option<String>,
    /// The requester category when the request is made for someone other than the agency
    /// (`public_defender`, `individual`, …); only criminal-justice agencies may ask through
    /// LEADS, so any other category is refused (P1).
    #[serde(default)]
    pub on_behalf_of: Option<String>,
}

/// The longest retention a case record may state (100 years).
pub const MAX_RETENTION_DAYS: i64 = 36_525;

/// A request through LEADS after its edits. Investigation and case may be missing: the policy
/// refuses them with the citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRequest {
    pub holder: Lookup,
    pub investigation: Option<Investigation>,
    pub case: Option<CaseNumber>,
    pub role: SubjectRole,
    pub retention_days: Option<i64>,
    pub transmit_to: Option<Ori>,
    pub on_behalf_of: Option<Category>,
}

impl ImageRequest {
    pub fn parse(form: &ImageRequestForm, today: Date) -> Result<ImageRequest, FieldError> {
        let holder = Lookup::parse(&form.holder, today)?;
        let investigation = Investigation::parse_optional(&form.investigation)?;
        let case = stated(&form.case_number)
            .map(|c| CaseNumber::parse("CAS", &c.to_ascii_uppercase()))
            .transpose()?;
        let role = SubjectRole::parse(&form.subject_role)?;
        if let Some(days) = form.retention_days
            && !(1..=MAX_RETENTION_DAYS).contains(&days)
        {
            return Err(FieldError::new("RET", &days.to_string(), Edit::OutOfRange));
        }
        let transmit_to = stated(&form.transmit_to)
            .map(|o| Ori::parse(&o.to_ascii_uppercase()))
            .transpose()?;
        Ok(ImageRequest {
            holder,
            investigation,
            case,
            role,
            retention_days: form.retention_days,
            transmit_to,
            on_behalf_of: stated(&form.on_behalf_of)
                .map(Category::parse)
                .transpose()?,
        })
    }
}

/// Why an image must be shown to the public (1030.140(b)(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Necessity {
    LocateSuspect,
    LocateVictim,
    PublicSafety,
    OfficerSafety,
}

impl Necessity {
    pub const ALL: [Necessity; 4] = [
        Necessity::LocateSuspect,
        Necessity::LocateVictim,
        Necessity::PublicSafety,
        Necessity::OfficerSafety,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Necessity::LocateSuspect => "locate_suspect",
            Necessity::LocateVictim => "locate_victim",
            Necessity::PublicSafety => "public_safety",
            Necessity::OfficerSafety => "officer_safety",
        }
    }

    fn parse(raw: &str) -> Result<Option<Necessity>, FieldError> {
        let name = raw.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Ok(None);
        }
        Necessity::ALL
            .into_iter()
            .find(|n| n.name() == name)
            .map(Some)
            .ok_or_else(|| FieldError::new("NEC", raw, Edit::InvalidCode))
    }
}

/// A request to release an image to the public, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseForm {
    /// The case image to release.
    pub case_image: i64,
    /// `locate_suspect`, `locate_victim`, `public_safety` or `officer_safety`.
    #[serde(default)]
    pub necessity: String,
    /// Why the release is necessary, in the agency's words.
    #[serde(default)]
    pub explanation: Option<String>,
    /// The agency attests that no other suitable image is available.
    #[serde(default)]
    pub no_other_image: bool,
    /// The additional verification of the person's identity and image that was completed.
    #[serde(default)]
    pub identity_verification: Option<String>,
}

/// A release request after its edits; missing statements are left for the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseRequest {
    pub case_image: i64,
    pub necessity: Option<Necessity>,
    pub explanation: Option<FreeText>,
    pub no_other_image: bool,
    pub identity_verification: Option<FreeText>,
}

impl ReleaseRequest {
    pub fn parse(form: &ReleaseForm) -> Result<ReleaseRequest, FieldError> {
        Ok(ReleaseRequest {
            case_image: form.case_image,
            necessity: Necessity::parse(&form.necessity)?,
            explanation: statement("EXP", &form.explanation, 200)?,
            no_other_image: form.no_other_image,
            identity_verification: statement("IDV", &form.identity_verification, 200)?,
        })
    }
}

/// A person's express written consent to the use of their SOS image in a photo array, as
/// typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentForm {
    /// Reference of the signed consent document.
    pub document: String,
    /// The date it was signed, `CCYYMMDD` (not in the future).
    pub signed_on: String,
}

/// A consent after its edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub document: FreeText,
    pub signed_on: FieldDate,
}

impl Consent {
    pub fn parse(form: &ConsentForm, today: Date) -> Result<Consent, FieldError> {
        let document = statement("DOC", &Some(form.document.clone()), 60)?
            .ok_or_else(|| FieldError::new("DOC", "", Edit::Empty))?;
        let signed_on = FieldDate::parse_json("SGD", form.signed_on.trim(), today)?;
        Ok(Consent {
            document,
            signed_on,
        })
    }
}

/// One place in a photo array, as typed: an SOS case image, or a filler from another source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum ArrayMemberForm {
    /// An SOS image of the case record, by its number.
    CaseImage(i64),
    /// A filler image from another source (a booking photo number, a LEADS image number…).
    Filler(String),
}

/// A photo-array member after its edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArrayMember {
    CaseImage(i64),
    Filler(FreeText),
}

impl ArrayMember {
    pub fn parse(form: &ArrayMemberForm) -> Result<ArrayMember, FieldError> {
        match form {
            ArrayMemberForm::CaseImage(id) => Ok(ArrayMember::CaseImage(*id)),
            ArrayMemberForm::Filler(source) => statement("FIL", &Some(source.clone()), 60)?
                .map(ArrayMember::Filler)
                .ok_or_else(|| FieldError::new("FIL", "", Edit::Empty)),
        }
    }

    /// The member as written in the array's record.
    pub fn describe(&self) -> String {
        match self {
            ArrayMember::CaseImage(id) => format!("SOS CASE IMAGE {id}"),
            ArrayMember::Filler(source) => format!("FILLER {source}"),
        }
    }
}

/// A secondary dissemination of an SOS image to another criminal-justice agency, as typed
/// (1030.140(c); rule P5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SosDisseminationForm {
    /// The case image passed on.
    pub case_image: i64,
    /// The investigation it is passed on for (must be the one it was requested for).
    pub case_number: String,
    /// The recipient's ORI.
    #[serde(default)]
    pub recipient_ori: Option<String>,
    /// The recipient agency's name (required without an ORI in the LEADS directory).
    #[serde(default)]
    pub recipient_agency: Option<String>,
    /// The person who receives it.
    pub recipient_person: String,
    /// For an agency outside LEADS (another state's): how it was verified as a criminal
    /// justice agency (e.g. an Nlets ORI inquiry).
    #[serde(default)]
    pub verification: Option<String>,
}

/// A dissemination after its edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SosDissemination {
    pub case_image: i64,
    pub case: CaseNumber,
    pub recipient_ori: Ori,
    pub recipient_agency: Option<FreeText>,
    pub recipient_person: FreeText,
    pub verification: Option<FreeText>,
}

/// What is known of a recipient: whether it is a criminal-justice agency, and how that was
/// verified (None: not verified).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientCheck {
    pub name: String,
    pub criminal_justice: bool,
    pub verified: Option<String>,
    /// The recipient is an active LEADS agency (it receives the image in its own case record).
    pub in_leads: bool,
}

impl SosDissemination {
    pub fn parse(form: &SosDisseminationForm) -> Result<SosDissemination, FieldError> {
        let recipient_ori = Ori::parse(
            &stated(&form.recipient_ori)
                .unwrap_or_default()
                .to_ascii_uppercase(),
        )?;
        Ok(SosDissemination {
            case_image: form.case_image,
            case: CaseNumber::parse("CAS", &form.case_number.trim().to_ascii_uppercase())?,
            recipient_ori,
            recipient_agency: stated(&form.recipient_agency)
                .map(|a| FreeText::parse("RAG", &a.to_ascii_uppercase(), 60))
                .transpose()?,
            recipient_person: FreeText::parse(
                "RPN",
                &form.recipient_person.trim().to_ascii_uppercase(),
                40,
            )?,
            verification: statement("VER", &form.verification, 120)?,
        })
    }

    /// Checks the recipient (1030.140(c)(2)): an agency of the LEADS directory is verified by
    /// its LEADS standing (active, criminal-justice basis, signed agreement); an agency of
    /// another state outside the directory by the verification stated; an Illinois agency
    /// outside the directory cannot be verified.
    pub fn check_recipient(&self, directory: Option<&crate::access::Agency>) -> RecipientCheck {
        match directory {
            Some(agency) => {
                let criminal_justice = agency.is_criminal_justice_agency();
                let standing = agency.status == crate::access::AgencyStatus::Active
                    && agency.agreement.is_some();
                RecipientCheck {
                    name: agency.name.clone(),
                    criminal_justice,
                    verified: (criminal_justice && standing).then(|| {
                        format!(
                            "LEADS CERTIFIED: {} ACTIVE CRIMINAL JUSTICE AGENCY",
                            agency.ori
                        )
                    }),
                    in_leads: standing,
                }
            }
            None => {
                let out_of_state = self.recipient_ori.state() != "IL";
                let verified = self
                    .verification
                    .as_ref()
                    .filter(|_| out_of_state)
                    .map(|v| format!("OUT-OF-STATE AGENCY VERIFIED: {v}"));
                RecipientCheck {
                    name: self
                        .recipient_agency
                        .as_ref()
                        .map(|a| a.as_str().to_owned())
                        .unwrap_or_default(),
                    criminal_justice: verified.is_some(),
                    verified,
                    in_leads: false,
                }
            }
        }
    }
}

/// The SOS Police's written decision on a release, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseDecisionForm {
    /// Approve (true) or deny (false).
    pub approve: bool,
    /// The reference of the written approval or denial.
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A decision after its edits; a missing reference is left for the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseDecision {
    pub approve: bool,
    pub reference: Option<FreeText>,
    pub note: Option<FreeText>,
}

impl ReleaseDecision {
    pub fn parse(form: &ReleaseDecisionForm) -> Result<ReleaseDecision, FieldError> {
        Ok(ReleaseDecision {
            approve: form.approve,
            reference: statement("REF", &form.reference, 60)?,
            note: stated(&form.note)
                .map(|n| FreeText::parse("NOT", &n.to_ascii_uppercase(), 200))
                .transpose()?,
        })
    }
}

/// A photo array as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoArrayForm {
    /// The investigation the array is shown in.
    pub case_number: String,
    pub members: Vec<ArrayMemberForm>,
}

/// The fewest and most positions of a photo array.
pub const ARRAY_POSITIONS: std::ops::RangeInclusive<usize> = 2..=12;

/// A photo array after its edits: the case and 2 to 12 members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoArray {
    pub case: CaseNumber,
    pub members: Vec<ArrayMember>,
}

impl PhotoArray {
    pub fn parse(form: &PhotoArrayForm) -> Result<PhotoArray, FieldError> {
        let case = CaseNumber::parse("CAS", &form.case_number.trim().to_ascii_uppercase())?;
        if !ARRAY_POSITIONS.contains(&form.members.len()) {
            return Err(FieldError::new(
                "MEM",
                &form.members.len().to_string(),
                Edit::Format("A PHOTO ARRAY HAS 2 TO 12 POSITIONS"),
            ));
        }
        let members = form
            .members
            .iter()
            .map(ArrayMember::parse)
            .collect::<Result<_, _>>()?;
        Ok(PhotoArray { case, members })
    }
}
