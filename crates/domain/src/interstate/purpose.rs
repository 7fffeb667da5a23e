//! Why a driver photo is asked for (the Nlets image-sharing policy; rules N2–N5). The query
//! states its purpose (`PUR/1`, `2` or `3`), the use within it (`USE/`), and a case or incident
//! number (`CAS/`); public disclosure also names who verified the identity (`VER/`) and, for a
//! suspect, the arrest warrant (`WAR/`). Whether a purpose is lawful is not an edit: the codes
//! are parsed here, and the policy refuses, citing its rule, what the facts do not allow.

use std::fmt;

use crate::error::{Edit, FieldError};
use crate::fields::{CaseNumber, FreeText};

/// The three purposes of the Nlets image-sharing policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NletsPurpose {
    /// 1: positive identification of a person met in the course of duty (N2).
    Identification,
    /// 2: a suspect; shared only among criminal-justice personnel (N3).
    Suspect,
    /// 3: public disclosure, under very limited circumstances (N4).
    PublicDisclosure,
}

impl NletsPurpose {
    /// The purpose code, `1` to `3`.
    pub fn code(self) -> &'static str {
        match self {
            NletsPurpose::Identification => "1",
            NletsPurpose::Suspect => "2",
            NletsPurpose::PublicDisclosure => "3",
        }
    }

    /// Parses field `PUR` of an interstate photo query.
    pub fn parse(raw: &str) -> Result<NletsPurpose, FieldError> {
        match raw.trim() {
            "1" => Ok(NletsPurpose::Identification),
            "2" => Ok(NletsPurpose::Suspect),
            "3" => Ok(NletsPurpose::PublicDisclosure),
            "" => Err(FieldError::new("PUR", raw, Edit::Empty)),
            _ => Err(FieldError::new(
                "PUR",
                raw,
                Edit::Format("NLETS PURPOSE MUST BE 1, 2 OR 3"),
            )),
        }
    }
}

/// The use of a photo within its purpose (field `USE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NletsUse {
    /// `TNI` traffic stop, the person gave no photo identification.
    TrafficStopNoId,
    /// `TFI` traffic stop, a false identification is suspected.
    TrafficStopFalseId,
    /// `BDR` a border check or another immigration status check.
    BorderCheck,
    /// `UNB` identifying an unidentified body.
    UnidentifiedBody,
    /// `AMN` identifying a person with amnesia.
    Amnesia,
    /// `NON` no criminal activity is suspected: a fishing expedition, refused (N2).
    NoSuspicion,
    /// `LOC` help from criminal-justice personnel in locating or apprehending a suspect.
    LocateSuspect,
    /// `JUD` verifying the identity of a person in a judicial proceeding, a sentence programme
    /// or a correctional activity, transport included.
    JudicialIdentity,
    /// `ATT` attaching the photo to a records-management, criminal-history or intelligence
    /// record (unless the source state's law forbids retention, N3).
    AttachToRecord,
    /// `LNS` the one identified suspect, placed in a line-up (N5).
    LineupSuspect,
    /// `LNF` photos to fill a line-up: never (N5).
    LineupFiller,
    /// `WNT` a wanted poster or flyer.
    WantedFlyer,
    /// `MIS` a missing-person flyer.
    MissingFlyer,
    /// `AMB` a missing-child flyer (an AMBER alert).
    MissingChildFlyer,
    /// `SHW` showing the photo to someone to locate the person.
    ShowToLocate,
    /// `SOR` the sex-offender website.
    SexOffenderWebsite,
}

impl NletsUse {
    /// Every use, in the order of the policy.
    pub const ALL: [NletsUse; 16] = [
        NletsUse::TrafficStopNoId,
        NletsUse::TrafficStopFalseId,
        NletsUse::BorderCheck,
        NletsUse::UnidentifiedBody,
        NletsUse::Amnesia,
        NletsUse::NoSuspicion,
        NletsUse::LocateSuspect,
        NletsUse::JudicialIdentity,
        NletsUse::AttachToRecord,
        NletsUse::LineupSuspect,
        NletsUse::LineupFiller,
        NletsUse::WantedFlyer,
        NletsUse::MissingFlyer,
        NletsUse::MissingChildFlyer,
        NletsUse::ShowToLocate,
        NletsUse::SexOffenderWebsite,
    ];

    /// The three-letter code.
    pub fn code(self) -> &'static str {
        match self {
            NletsUse::TrafficStopNoId => "TNI",
            NletsUse::TrafficStopFalseId => "TFI",
            NletsUse::BorderCheck => "BDR",
            NletsUse::UnidentifiedBody => "UNB",
            NletsUse::Amnesia => "AMN",
            NletsUse::NoSuspicion => "NON",
            NletsUse::LocateSuspect => "LOC",
            NletsUse::JudicialIdentity => "JUD",
            NletsUse::AttachToRecord => "ATT",
            NletsUse::LineupSuspect => "LNS",
            NletsUse::LineupFiller => "LNF",
            NletsUse::WantedFlyer => "WNT",
            NletsUse::MissingFlyer => "MIS",
            NletsUse::MissingChildFlyer => "AMB",
            NletsUse::ShowToLocate => "SHW",
            NletsUse::SexOffenderWebsite => "SOR",
        }
    }

    /// The purpose this use belongs to.
    pub fn purpose(self) -> NletsPurpose {
        match self {
            NletsUse::TrafficStopNoId
            | NletsUse::TrafficStopFalseId
            | NletsUse::BorderCheck
            | NletsUse::UnidentifiedBody
            | NletsUse::Amnesia
            | NletsUse::NoSuspicion => NletsPurpose::Identification,
            NletsUse::LocateSuspect
            | NletsUse::JudicialIdentity
            | NletsUse::AttachToRecord
            | NletsUse::LineupSuspect
            | NletsUse::LineupFiller => NletsPurpose::Suspect,
            NletsUse::WantedFlyer
            | NletsUse::MissingFlyer
            | NletsUse::MissingChildFlyer
            | NletsUse::ShowToLocate
            | NletsUse::SexOffenderWebsite => NletsPurpose::PublicDisclosure,
        }
    }

    /// Parses field `USE`.
    pub fn parse(raw: &str) -> Result<NletsUse, FieldError> {
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(FieldError::new("USE", raw, Edit::Empty));
        }
        NletsUse::ALL
            .into_iter()
            .find(|u| u.code() == value)
            .ok_or_else(|| FieldError::new("USE", raw, Edit::InvalidCode))
    }

    /// A use that shows the photo to the public, for a suspect: it needs an arrest warrant (N4).
    fn discloses_a_suspect(self) -> bool {
        matches!(self, NletsUse::WantedFlyer | NletsUse::ShowToLocate)
    }
}

impl fmt::Display for NletsUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The stated purpose of a photo query, its fields edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoPurpose {
    purpose: NletsPurpose,
    use_: NletsUse,
    case: Option<CaseNumber>,
    verified_by: Option<FreeText>,
    warrant: Option<FreeText>,
}

/// The fields of a stated purpose, as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct PurposeFields<'a> {
    pub purpose: Option<&'a str>,
    pub use_: Option<&'a str>,
    pub case: Option<&'a str>,
    pub verified_by: Option<&'a str>,
    pub warrant: Option<&'a str>,
}

impl PhotoPurpose {
    /// Edits the purpose fields. `PUR` and `USE` are mandatory together, and the use must belong
    /// to the purpose; a missing case number is left for the policy to refuse (N2).
    pub fn parse(fields: PurposeFields<'_>) -> Result<PhotoPurpose, FieldError> {
        let purpose = NletsPurpose::parse(fields.purpose.unwrap_or_default())?;
        let use_ = NletsUse::parse(fields.use_.unwrap_or_default())?;
        if use_.purpose() != purpose {
            return Err(FieldError::new(
                "USE",
                use_.code(),
                Edit::Format("NOT A USE OF THE STATED PURPOSE"),
            ));
        }
        let text = |tag: &'static str, raw: Option<&str>| {
            raw.filter(|r| !r.trim().is_empty())
                .map(|r| FreeText::parse(tag, r, 40))
                .transpose()
        };
        Ok(PhotoPurpose {
            purpose,
            use_,
            case: fields
                .case
                .filter(|c| !c.trim().is_empty())
                .map(|c| CaseNumber::parse("CAS", c))
                .transpose()?,
            verified_by: text("VER", fields.verified_by)?,
            warrant: text("WAR", fields.warrant)?,
        })
    }

    pub fn purpose(&self) -> NletsPurpose {
        self.purpose
    }

    pub fn use_(&self) -> NletsUse {
        self.use_
    }

    pub fn case(&self) -> Option<&CaseNumber> {
        self.case.as_ref()
    }

    pub fn verified_by(&self) -> Option<&FreeText> {
        self.verified_by.as_ref()
    }

    pub fn warrant(&self) -> Option<&FreeText> {
        self.warrant.as_ref()
    }

    /// The facts the policy decides on (`policies/interstate.cedar`).
    pub fn conditions(&self) -> Vec<&'static str> {
        let mut met = vec!["purpose_stated"];
        if self.case.is_some() {
            met.push("case_number");
        }
        match self.use_.purpose() {
            NletsPurpose::Identification if self.use_ != NletsUse::NoSuspicion => {
                met.push("suspected_criminal_activity");
            }
            _ => {}
        }
        if matches!(self.use_, NletsUse::LineupSuspect | NletsUse::LineupFiller) {
            met.push("line_up");
        }
        if self.use_ == NletsUse::LineupFiller {
            met.push("line_up_filler");
        }
        if self.verified_by.is_some() {
            met.push("identity_verified");
        }
        if self.warrant.is_some() {
            met.push("arrest_warrant");
        }
        if self.use_.discloses_a_suspect() {
            met.push("discloses_a_suspect");
        }
        if self.use_ == NletsUse::AttachToRecord {
            met.push("retains_photo");
        }
        met
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(purpose: &str, use_: &str) -> Result<PhotoPurpose, FieldError> {
        PhotoPurpose::parse(PurposeFields {
            purpose: Some(purpose),
            use_: Some(use_),
            case: Some("2026-0042"),
            ..PurposeFields::default()
        })
    }

    #[test]
    fn n2_a_use_must_belong_to_its_purpose() {
        let error = parse("1", "WNT").unwrap_err();
        assert_eq!(error.tag(), "USE");
        assert_eq!(error.to_string(), "USE/WNT NOT A USE OF THE STATED PURPOSE");
        assert_eq!(parse("4", "TNI").unwrap_err().tag(), "PUR");
        assert_eq!(parse("1", "XYZ").unwrap_err().edit(), Edit::InvalidCode);
    }

    #[test]
    fn n2_suspicion_is_a_fact_only_of_identification_with_a_circumstance() {
        let stop = parse("1", "TNI").unwrap();
        assert!(stop.conditions().contains(&"suspected_criminal_activity"));
        assert!(stop.conditions().contains(&"case_number"));
        let fishing = parse("1", "NON").unwrap();
        assert!(
            !fishing
                .conditions()
                .contains(&"suspected_criminal_activity")
        );
    }

    #[test]
    fn n4_n5_disclosure_and_line_up_facts() {
        let flyer = parse("3", "WNT").unwrap();
        assert!(flyer.conditions().contains(&"discloses_a_suspect"));
        assert!(!flyer.conditions().contains(&"arrest_warrant"));
        let filler = parse("2", "LNF").unwrap();
        assert!(filler.conditions().contains(&"line_up_filler"));
        let suspect = parse("2", "LNS").unwrap();
        assert!(suspect.conditions().contains(&"line_up"));
        assert!(!suspect.conditions().contains(&"line_up_filler"));
    }
}
