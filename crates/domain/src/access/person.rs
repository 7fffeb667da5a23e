//! People with LEADS access: background checks (S1), convictions and charges (S2),
//! certification (T2) and roles.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::fields::{FieldDate, Ori};

/// What a person does in the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The Department's LEADS Administrator.
    Administrator,
    /// The LEADS Agency Coordinator of the person's agency.
    Coordinator,
    /// A terminal operator.
    Operator,
    /// Reads the audit log only.
    Auditor,
    /// Secretary of State Police (SOS image approvals).
    SosPolice,
    /// Secretary of State staff at the SOS image desk (requests made directly to SOS).
    SosStaff,
    /// The Director of the Department, or a designee: sets hearings, imposes and lifts
    /// sanctions, decides (1240.110), appoints and answers the Advisory Policy Board (1240.20).
    Director,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 7] = [
        Role::Administrator,
        Role::Coordinator,
        Role::Operator,
        Role::Auditor,
        Role::SosPolice,
        Role::SosStaff,
        Role::Director,
    ];

    /// The stable name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Coordinator => "coordinator",
            Role::Operator => "operator",
            Role::Auditor => "auditor",
            Role::SosPolice => "sos_police",
            Role::SosStaff => "sos_staff",
            Role::Director => "director",
        }
    }

    /// Reads a stable name.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// The fingerprint-based state and FBI record checks (S1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Background {
    /// The Illinois check found no disqualifying record.
    pub state_clear: bool,
    /// The FBI check found no disqualifying record.
    pub fbi_clear: bool,
    /// When the results came back.
    pub completed_on: FieldDate,
    /// Reference of the check (e.g. transaction control number).
    pub reference: String,
}

/// The class of an offence, for S2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffenseClass {
    Felony,
    MoralTurpitude,
    Other,
}

/// A conviction on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conviction {
    pub class: OffenseClass,
    pub description: String,
    pub on: FieldDate,
}

/// A pending charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub class: OffenseClass,
    pub description: String,
    pub filed_on: FieldDate,
}

/// The Administrator's decision to deny access because of a pending charge (S2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeDenial {
    pub reason: String,
    pub on: FieldDate,
    pub by: String,
}

/// Certification level sought and held (T2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificationLevel {
    Full,
    LessThanFull,
}

impl CertificationLevel {
    /// `full` or `less_than_full`.
    pub fn name(self) -> &'static str {
        match self {
            CertificationLevel::Full => "full",
            CertificationLevel::LessThanFull => "less_than_full",
        }
    }
}

/// A LEADS User Certification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certification {
    pub level: CertificationLevel,
    pub certified_on: FieldDate,
    /// After this date the person must be retested and recertified.
    pub expires_on: FieldDate,
}

/// A person with LEADS access (operator, coordinator, administrator, auditor, SOS police).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// Date of birth, when on file (the misuse review flags inquiries on the operator's own
    /// name and date of birth).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<FieldDate>,
    pub ori: Ori,
    pub roles: BTreeSet<Role>,
    pub background: Option<Background>,
    pub convictions: Vec<Conviction>,
    pub charges: Vec<Charge>,
    pub charge_denial: Option<ChargeDenial>,
    pub certification: Option<Certification>,
    /// Proceedings to suspend or revoke the certification (T4), decided or open.
    #[serde(default)]
    pub certification_cases: Vec<super::certification_case::CertificationCase>,
    /// When the Department approved the person for interstate (Nlets) access, if it did (N1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interstate_approval: Option<InterstateApproval>,
}

/// The Department's approval of a person for the interstate network (N1): only approved
/// criminal-justice users query other states' drivers and photos.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterstateApproval {
    pub approved_on: FieldDate,
    /// Who approved it (the Administrator's id).
    pub by: String,
}

impl Person {
    /// A person with roles and nothing else on file.
    pub fn new(id: &str, name: &str, ori: Ori, roles: impl IntoIterator<Item = Role>) -> Person {
        Person {
            id: id.trim().to_ascii_uppercase(),
            name: name.trim().to_owned(),
            dob: None,
            ori,
            roles: roles.into_iter().collect(),
            background: None,
            convictions: Vec::new(),
            charges: Vec::new(),
            charge_denial: None,
            certification: None,
            certification_cases: Vec::new(),
            interstate_approval: None,
        }
    }

    /// S1: both fingerprint-based checks are on file and clear.
    pub fn fingerprint_check_on_file(&self) -> bool {
        self.background
            .as_ref()
            .is_some_and(|b| b.state_clear && b.fbi_clear)
    }

    /// S2: a felony or moral-turpitude conviction bars access.
    pub fn disqualifying_conviction(&self) -> bool {
        self.convictions
            .iter()
            .any(|c| matches!(c.class, OffenseClass::Felony | OffenseClass::MoralTurpitude))
    }

    /// S2: the Administrator denied access for a pending charge.
    pub fn denied_for_charge(&self) -> bool {
        self.charge_denial.is_some()
    }

    /// T2: the certification level in force on `today`, if any.
    pub fn certification_on(&self, today: Date) -> Option<CertificationLevel> {
        let suspended = self
            .certification_cases
            .iter()
            .any(|c| c.suspended_until.is_some_and(|until| until.date() >= today));
        if suspended {
            return None;
        }
        self.certification
            .as_ref()
            .filter(|c| c.expires_on.date() >= today)
            .map(|c| c.level)
    }

    /// Whether the person holds a role.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> FieldDate {
        FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
    }

    fn person() -> Person {
        Person::new(
            "op1",
            " Pat Alvarez ",
            Ori::parse("IL0160000").unwrap(),
            [Role::Operator],
        )
    }

    #[test]
    fn s1_both_state_and_fbi_checks_must_be_clear() {
        let mut p = person();
        assert!(!p.fingerprint_check_on_file());
        p.background = Some(Background {
            state_clear: true,
            fbi_clear: false,
            completed_on: date("20260110"),
            reference: "TCN1".into(),
        });
        assert!(!p.fingerprint_check_on_file());
        p.background = Some(Background {
            state_clear: true,
            fbi_clear: true,
            completed_on: date("20260110"),
            reference: "TCN1".into(),
        });
        assert!(p.fingerprint_check_on_file());
        assert_eq!(p.id, "OP1");
    }

    #[test]
    fn s2_felony_or_moral_turpitude_disqualifies_other_convictions_do_not() {
        let mut p = person();
        p.convictions.push(Conviction {
            class: OffenseClass::Other,
            description: "SPEEDING".into(),
            on: date("20100101"),
        });
        assert!(!p.disqualifying_conviction());
        p.convictions.push(Conviction {
            class: OffenseClass::MoralTurpitude,
            description: "THEFT".into(),
            on: date("20120101"),
        });
        assert!(p.disqualifying_conviction());
    }

    #[test]
    fn t2_expired_certification_is_no_certification() {
        let mut p = person();
        let today = date("20261121").date();
        assert_eq!(p.certification_on(today), None);
        p.certification = Some(Certification {
            level: CertificationLevel::Full,
            certified_on: date("20240101"),
            expires_on: date("20261121"),
        });
        assert_eq!(p.certification_on(today), Some(CertificationLevel::Full));
        assert_eq!(p.certification_on(date("20261122").date()), None);
    }
}
