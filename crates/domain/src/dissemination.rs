//! Secondary dissemination: an agency passes data it received through LEADS to another agency.
//! The disseminating agency identifies the recipient, verifies that it may receive the data, and
//! keeps a record of who received what, for which case, verified how (rules S3 and D1; CJIS
//! CA-3 d). The record is an audit entry, so it is as tamper-evident as the rest of the log.

use crate::access::{Agency, AgencyStatus, EligibilityBasis, Shortfall};
use crate::error::{Edit, FieldError};
use crate::fields::{CaseNumber, Code, FreeText, Lrn, Nic, Ori, PUR};
use crate::rules::RuleId;

/// Which record was passed on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRef {
    Lrn(Lrn),
    Nic(Nic),
}

/// A dissemination as sent, before its edits (every value as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisseminationFields {
    /// `LRN/…`, `NIC/…`, or a bare LEADS record number.
    pub record: String,
    /// The recipient agency's ORI, when it has one.
    pub recipient_ori: Option<String>,
    /// The recipient agency's name (required without an ORI).
    pub recipient_agency: Option<String>,
    /// The person who received the data.
    pub recipient_person: String,
    /// Purpose code (PUR).
    pub purpose: String,
    /// Case or incident number the data was passed for (CAS).
    pub case_number: String,
    /// How the recipient was verified, when the LEADS directory cannot vouch for it.
    pub verification: Option<String>,
}

/// A dissemination that passed its field edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dissemination {
    record: RecordRef,
    recipient_ori: Option<Ori>,
    recipient_agency: Option<FreeText>,
    recipient_person: FreeText,
    purpose: Code,
    case: CaseNumber,
    verification: Option<FreeText>,
}

/// The shortest statement of how a recipient outside the directory was verified.
pub const MIN_VERIFICATION_LENGTH: usize = 10;

fn optional(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn parse_record(raw: &str) -> Result<RecordRef, FieldError> {
    let raw = raw.trim();
    match raw.split_once('/') {
        Some((tag, value)) if tag.eq_ignore_ascii_case("NIC") => {
            Nic::parse(value).map(RecordRef::Nic)
        }
        Some((tag, value)) if tag.eq_ignore_ascii_case("LRN") => {
            Lrn::parse(value).map(RecordRef::Lrn)
        }
        Some(_) => Err(FieldError::new(
            "REC",
            raw,
            Edit::Format("WRITE LRN/NUMBER OR NIC/NUMBER"),
        )),
        None => Lrn::parse(raw).map(RecordRef::Lrn),
    }
}

impl Dissemination {
    /// Applies the field edits; the error names the field and the edit.
    pub fn parse(fields: &DisseminationFields) -> Result<Dissemination, FieldError> {
        let record = parse_record(&fields.record)?;
        let recipient_ori = optional(&fields.recipient_ori)
            .map(Ori::parse)
            .transpose()?;
        let recipient_agency = optional(&fields.recipient_agency)
            .map(|v| FreeText::parse("RAG", v, 60))
            .transpose()?;
        if recipient_ori.is_none() && recipient_agency.is_none() {
            return Err(FieldError::new("RAG", "", Edit::Empty));
        }
        let recipient_person = FreeText::parse("RPN", &fields.recipient_person, 40)?;
        let purpose = PUR.parse(&fields.purpose)?;
        let case = CaseNumber::parse("CAS", &fields.case_number)?;
        let verification = optional(&fields.verification)
            .map(|v| FreeText::parse("VER", v, 120))
            .transpose()?;
        if let Some(text) = &verification
            && text.as_str().len() < MIN_VERIFICATION_LENGTH
        {
            return Err(FieldError::new(
                "VER",
                text.as_str(),
                Edit::TooShort {
                    min: MIN_VERIFICATION_LENGTH,
                },
            ));
        }
        Ok(Dissemination {
            record,
            recipient_ori,
            recipient_agency,
            recipient_person,
            purpose,
            case,
            verification,
        })
    }

    pub fn record(&self) -> &RecordRef {
        &self.record
    }

    pub fn recipient_ori(&self) -> Option<&Ori> {
        self.recipient_ori.as_ref()
    }

    pub fn purpose(&self) -> &Code {
        &self.purpose
    }

    pub fn case(&self) -> &CaseNumber {
        &self.case
    }

    /// Decides whether the recipient may receive the data, and says how it was verified.
    /// `directory` is the recipient's entry in the LEADS directory, if its ORI is there; `own`
    /// is the disseminating agency.
    pub fn verify_recipient(
        &self,
        own: &Ori,
        directory: Option<&Agency>,
    ) -> Result<Verified, Shortfall> {
        if self.recipient_ori.as_ref() == Some(own) {
            return Err(Shortfall::new(
                RuleId::S3,
                "THE RECIPIENT IS THE OWN AGENCY - THAT IS NOT A SECONDARY DISSEMINATION",
            ));
        }
        let stated = self.verification.as_ref().map(|v| v.as_str().to_owned());
        match directory {
            Some(agency) if agency.status != AgencyStatus::Active => Err(Shortfall::new(
                RuleId::S3,
                format!(
                    "RECIPIENT {} IS NOT AN ACTIVE LEADS AGENCY - DATA MAY NOT BE PASSED TO IT",
                    agency.ori
                ),
            )),
            Some(agency) => {
                let criminal_justice = agency
                    .evidence
                    .as_ref()
                    .is_some_and(|e| e.basis() != EligibilityBasis::E);
                match (criminal_justice, stated) {
                    (true, _) => Ok(Verified {
                        agency: agency.name.clone(),
                        how: format!(
                            "LEADS DIRECTORY: {} ACTIVE CRIMINAL JUSTICE AGENCY",
                            agency.ori
                        ),
                    }),
                    (false, Some(how)) => Ok(Verified {
                        agency: agency.name.clone(),
                        how: format!("NON-CRIMINAL-JUSTICE LEADS AGENCY; AUTHORITY: {how}"),
                    }),
                    (false, None) => Err(Shortfall::new(
                        RuleId::D1.at("20 Ill. Adm. Code 1240.80(d)"),
                        format!(
                            "RECIPIENT {} IS NOT A CRIMINAL JUSTICE AGENCY - STATE THE LAW THAT AUTHORIZES IT IN VER",
                            agency.ori
                        ),
                    )),
                }
            }
            None => match stated {
                Some(how) => Ok(Verified {
                    agency: self
                        .recipient_agency
                        .as_ref()
                        .map(|a| a.as_str().to_owned())
                        .unwrap_or_default(),
                    how,
                }),
                None => Err(Shortfall::new(
                    RuleId::S3,
                    "RECIPIENT NOT IN THE LEADS DIRECTORY - STATE IN VER HOW IT WAS VERIFIED AS A CRIMINAL JUSTICE AGENCY",
                )),
            },
        }
    }

    /// The audit detail: who received it, for which case and purpose, verified how.
    pub fn describe(&self, verified: &Verified) -> String {
        let ori = self
            .recipient_ori
            .as_ref()
            .map(|o| format!("RCO/{o} "))
            .unwrap_or_default();
        let agency = if verified.agency.is_empty() {
            String::new()
        } else {
            format!("RAG/{} ", verified.agency)
        };
        format!(
            "{ori}{agency}RPN/{} PUR/{} CAS/{} VER/{}",
            self.recipient_person.as_str(),
            self.purpose,
            self.case,
            verified.how
        )
    }
}

/// How a recipient was found fit to receive the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The recipient agency's name.
    pub agency: String,
    /// How it was verified.
    pub how: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{BasisEvidence, EligibilityBasis};

    type Change = fn(&mut DisseminationFields);

    fn fields() -> DisseminationFields {
        DisseminationFields {
            record: "LRN/W2600001".into(),
            recipient_ori: Some("IL0840000".into()),
            recipient_agency: None,
            recipient_person: "SGT R MILLER".into(),
            purpose: "C".into(),
            case_number: "2026-555".into(),
            verification: None,
        }
    }

    fn ori(text: &str) -> Ori {
        Ori::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn agency(text: &str, status: AgencyStatus, basis: EligibilityBasis) -> Agency {
        let mut agency = Agency::new(ori(text), "PEORIA COUNTY SHERIFF");
        agency.status = status;
        agency.evidence = Some(match basis {
            EligibilityBasis::E => BasisEvidence::AuthorizedByLaw {
                statute: "5 ILCS 1".into(),
                no_adverse_impact_finding: "F-1".into(),
            },
            _ => BasisEvidence::CriminalJusticeAgency {
                authority: "55 ILCS 5/3-6021".into(),
            },
        });
        agency
    }

    fn parse(f: &DisseminationFields) -> Dissemination {
        Dissemination::parse(f).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn dissemination_fields_are_edited_and_errors_name_the_field() {
        let d = parse(&fields());
        assert!(matches!(d.record(), RecordRef::Lrn(_)));
        let mut f = fields();
        f.record = "NIC/W123456789".into();
        assert!(matches!(parse(&f).record(), RecordRef::Nic(_)));
        let cases: [(Change, &str); 5] = [
            (
                |f| f.record = "OCA/1".into(),
                "REC/OCA/1 WRITE LRN/NUMBER OR NIC/NUMBER",
            ),
            (|f| f.purpose = "Z".into(), "PUR/Z INVALID CODE"),
            (|f| f.case_number = " ".into(), "CAS/  MISSING DATA"),
            (|f| f.recipient_ori = None, "RAG/ MISSING DATA"),
            (
                |f| f.verification = Some("CALLED".into()),
                "VER/CALLED FEWER THAN 10 CHARACTERS",
            ),
        ];
        for (change, error) in cases {
            let mut f = fields();
            change(&mut f);
            let got = Dissemination::parse(&f).err().map(|e| e.to_string());
            assert_eq!(got.as_deref(), Some(error));
        }
    }

    #[test]
    fn s3_an_active_criminal_justice_agency_is_verified_by_the_directory() {
        let d = parse(&fields());
        let peoria = agency("IL0840000", AgencyStatus::Active, EligibilityBasis::A);
        let verified = d.verify_recipient(&ori("IL0160000"), Some(&peoria));
        assert_eq!(
            verified.map(|v| v.how),
            Ok("LEADS DIRECTORY: IL0840000 ACTIVE CRIMINAL JUSTICE AGENCY".to_owned())
        );
    }

    #[test]
    fn s3_an_inactive_agency_or_the_own_agency_is_refused() {
        let d = parse(&fields());
        let closed = agency("IL0840000", AgencyStatus::Inactive, EligibilityBasis::A);
        let refused = d.verify_recipient(&ori("IL0160000"), Some(&closed));
        assert_eq!(refused.map_err(|s| s.rule.rule()), Err(RuleId::S3));
        let to_self = d.verify_recipient(&ori("IL0840000"), None);
        assert_eq!(to_self.map_err(|s| s.rule.rule()), Err(RuleId::S3));
    }

    #[test]
    fn s3_a_recipient_outside_the_directory_needs_a_stated_verification() {
        let mut f = fields();
        f.recipient_ori = Some("WI0130000".into());
        f.recipient_agency = Some("MILWAUKEE PD".into());
        let refused = parse(&f).verify_recipient(&ori("IL0160000"), None);
        assert_eq!(refused.map_err(|s| s.rule.rule()), Err(RuleId::S3));
        f.verification = Some("NLETS ORI LOOKUP: WI LAW ENFORCEMENT".into());
        let d = parse(&f);
        let verified = d.verify_recipient(&ori("IL0160000"), None);
        let verified = verified.unwrap_or_else(|s| panic!("{}", s.text));
        assert_eq!(
            d.describe(&verified),
            "RCO/WI0130000 RAG/MILWAUKEE PD RPN/SGT R MILLER PUR/C CAS/2026-555 VER/NLETS ORI LOOKUP: WI LAW ENFORCEMENT"
        );
    }

    #[test]
    fn d1_a_non_criminal_justice_agency_needs_its_legal_authority_stated() {
        let d = parse(&fields());
        let licensing = agency("IL0840000", AgencyStatus::Active, EligibilityBasis::E);
        let refused = d.verify_recipient(&ori("IL0160000"), Some(&licensing));
        assert_eq!(refused.map_err(|s| s.rule.rule()), Err(RuleId::D1));
        let mut f = fields();
        f.verification = Some("625 ILCS 5/6-110 LICENSING INVESTIGATION".into());
        let allowed = parse(&f).verify_recipient(&ori("IL0160000"), Some(&licensing));
        assert!(allowed.is_ok());
    }
}
