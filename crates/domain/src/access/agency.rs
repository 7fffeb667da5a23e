//! Agencies: the eligibility basis of 1240.30(c)(1)(A)–(E) with its evidence (A1), the signed
//! interagency agreement (A2), the access level and granted services (A3), suspensions (O3) and
//! the Agency Coordinator (T1).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::service::{Service, ServiceScope};
use super::shortfall::Shortfall;
use crate::fields::{FieldDate, Ori};
use crate::rules::RuleId;

/// The share of its budget a railroad or campus police department must give to the
/// administration of justice for (D). The rule says "a substantial part"; we require half and
/// the Administrator records the figure.
pub const SUBSTANTIAL_BUDGET_PERCENT: u8 = 50;

/// Which criterion of 1240.30(c)(1) an agency meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EligibilityBasis {
    /// (A) criminal-justice agency under 28 CFR 20, Subpart A
    A,
    /// (B) under the management control of a criminal-justice agency
    B,
    /// (C) governmental consolidated dispatch center with an approved agreement
    C,
    /// (D) non-governmental railroad or campus police department
    D,
    /// (E) authorized by law, without harm to criminal-justice purposes
    E,
}

/// The evidence for the basis, kept with the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum BasisEvidence {
    /// (A): the law or charter that makes it a criminal-justice agency.
    CriminalJusticeAgency { authority: String },
    /// (B): the criminal-justice agency in control, and the instrument of control.
    ManagementControl {
        controlling_ori: Ori,
        control_instrument: String,
    },
    /// (C): the agreement with a criminal-justice agency, its approval by the LEADS
    /// Administrator, and its incorporation into the interagency agreement.
    DispatchCenter {
        criminal_justice_ori: Ori,
        agreement: String,
        approved_by_administrator_on: Option<FieldDate>,
        incorporated_in_interagency_agreement: bool,
    },
    /// (D): arrest powers by statute, budget share, training.
    RailroadOrCampusPolice {
        arrest_powers_statute: String,
        justice_budget_percent: u8,
        officers_meet_training_law: bool,
    },
    /// (E): the law authorizing access, and the finding that it does not harm criminal-justice
    /// purposes.
    AuthorizedByLaw {
        statute: String,
        no_adverse_impact_finding: String,
    },
}

impl BasisEvidence {
    /// Which basis the evidence is for.
    pub fn basis(&self) -> EligibilityBasis {
        match self {
            BasisEvidence::CriminalJusticeAgency { .. } => EligibilityBasis::A,
            BasisEvidence::ManagementControl { .. } => EligibilityBasis::B,
            BasisEvidence::DispatchCenter { .. } => EligibilityBasis::C,
            BasisEvidence::RailroadOrCampusPolice { .. } => EligibilityBasis::D,
            BasisEvidence::AuthorizedByLaw { .. } => EligibilityBasis::E,
        }
    }

    /// What the evidence lacks (empty when it establishes the basis).
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        let blank = |text: &str| text.trim().is_empty();
        let mut missing = Vec::new();
        let mut need = |condition: bool, text: &str| {
            if condition {
                missing.push(Shortfall::new(RuleId::A1, text));
            }
        };
        match self {
            BasisEvidence::CriminalJusticeAgency { authority } => {
                need(
                    blank(authority),
                    "(A) NAME THE LAW OR CHARTER THAT MAKES THE AGENCY A CRIMINAL JUSTICE AGENCY",
                );
            }
            BasisEvidence::ManagementControl {
                control_instrument, ..
            } => {
                need(
                    blank(control_instrument),
                    "(B) NAME THE INSTRUMENT OF MANAGEMENT CONTROL",
                );
            }
            BasisEvidence::DispatchCenter {
                agreement,
                approved_by_administrator_on,
                incorporated_in_interagency_agreement,
                ..
            } => {
                need(
                    blank(agreement),
                    "(C) NAME THE AGREEMENT WITH THE CRIMINAL JUSTICE AGENCY",
                );
                need(
                    approved_by_administrator_on.is_none(),
                    "(C) THE LEADS ADMINISTRATOR MUST APPROVE THE AGREEMENT",
                );
                need(
                    !incorporated_in_interagency_agreement,
                    "(C) THE AGREEMENT MUST BE INCORPORATED INTO THE INTERAGENCY AGREEMENT",
                );
            }
            BasisEvidence::RailroadOrCampusPolice {
                arrest_powers_statute,
                justice_budget_percent,
                officers_meet_training_law,
            } => {
                need(
                    blank(arrest_powers_statute),
                    "(D) NAME THE STATUTE GIVING ARREST POWERS",
                );
                need(
                    *justice_budget_percent < SUBSTANTIAL_BUDGET_PERCENT,
                    "(D) A SUBSTANTIAL PART OF THE BUDGET MUST GO TO THE ADMINISTRATION OF JUSTICE",
                );
                need(
                    !officers_meet_training_law,
                    "(D) OFFICERS MUST MEET THE TRAINING REQUIREMENTS FOR PEACE OFFICERS",
                );
            }
            BasisEvidence::AuthorizedByLaw {
                statute,
                no_adverse_impact_finding,
            } => {
                need(blank(statute), "(E) NAME THE LAW AUTHORIZING ACCESS");
                need(
                    blank(no_adverse_impact_finding),
                    "(E) RECORD THE FINDING OF NO ADVERSE IMPACT ON CRIMINAL JUSTICE PURPOSES",
                );
            }
        }
        missing
    }
}

/// The signed LEADS interagency agreement (A2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub reference: String,
    pub signed_on: FieldDate,
}

/// Full access, or less-than-full access to the named services only (A3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum AccessLevel {
    Full,
    LessThanFull { services: BTreeSet<Service> },
}

impl AccessLevel {
    /// Whether the level grants a service.
    pub fn grants(&self, service: Service) -> bool {
        match self {
            AccessLevel::Full => true,
            AccessLevel::LessThanFull { services } => services.contains(&service),
        }
    }

    /// `full` or `less_than_full`.
    pub fn name(&self) -> &'static str {
        match self {
            AccessLevel::Full => "full",
            AccessLevel::LessThanFull { .. } => "less_than_full",
        }
    }
}

/// Where an agency stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyStatus {
    /// Recorded, not yet activated.
    Pending,
    Active,
    /// Deactivated (no longer participating).
    Inactive,
}

/// A suspension of services by the Department (O3), in force until lifted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suspension {
    pub scope: ServiceScope,
    /// The sanction it enforces (notice or hearing reference).
    pub reference: String,
    pub reason: String,
    /// UTC microseconds.
    pub since_micros: i64,
    pub imposed_by: String,
}

impl Suspension {
    /// A reference of the form `VIOLATION n`: the suspension enforces violation case `n`.
    pub fn names_a_violation_case(reference: &str) -> bool {
        reference
            .trim()
            .strip_prefix("VIOLATION ")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    }

    /// Imposed by a violation case (its reference names the case).
    pub fn is_of_violation_case(&self) -> bool {
        Suspension::names_a_violation_case(&self.reference)
    }
}

/// A participating agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub ori: Ori,
    pub name: String,
    pub evidence: Option<BasisEvidence>,
    pub agreement: Option<Agreement>,
    pub access: AccessLevel,
    pub status: AgencyStatus,
    /// Operator id of the LEADS Agency Coordinator (T1).
    pub coordinator: Option<String>,
    pub suspensions: Vec<Suspension>,
    /// The 24-hour telephone number other agencies call to confirm a hit.
    #[serde(default)]
    pub phone: Option<String>,
    /// The agency's written discipline standards (S4).
    #[serde(default)]
    pub discipline_standards: Option<crate::oversight::DisciplineStandards>,
    /// Declarations of non-compliance (1240.100(e), (f)), ended or in force.
    #[serde(default)]
    pub non_compliance: Vec<crate::oversight::NonCompliance>,
}

impl Agency {
    /// A criminal-justice agency proper: eligibility basis (A) or (D), established by complete
    /// evidence. Only these receive SOS images (92 Ill. Adm. Code 1030.140(b)(1)(D),(E), (c)).
    pub fn is_criminal_justice_agency(&self) -> bool {
        self.evidence.as_ref().is_some_and(|e| {
            matches!(e.basis(), EligibilityBasis::A | EligibilityBasis::D)
                && e.shortfalls().is_empty()
        })
    }

    /// A new pending agency with full access requested and nothing on file yet.
    pub fn new(ori: Ori, name: impl Into<String>) -> Agency {
        Agency {
            ori,
            name: name.into(),
            evidence: None,
            agreement: None,
            access: AccessLevel::Full,
            status: AgencyStatus::Pending,
            coordinator: None,
            suspensions: Vec::new(),
            phone: None,
            discipline_standards: None,
            non_compliance: Vec::new(),
        }
    }

    /// What keeps the agency from being activated (A1 basis and evidence, A2 agreement).
    pub fn activation_shortfalls(&self) -> Vec<Shortfall> {
        let mut missing = match &self.evidence {
            None => vec![Shortfall::new(
                RuleId::A1,
                "NO ELIGIBILITY BASIS OF 1240.30(c)(1)(A)-(E) ON FILE",
            )],
            Some(evidence) => evidence.shortfalls(),
        };
        if self.agreement.is_none() {
            missing.push(Shortfall::new(
                RuleId::A2,
                "NO SIGNED LEADS INTERAGENCY AGREEMENT ON FILE",
            ));
        }
        missing
    }

    /// The services suspended now (`all` covers every service).
    pub fn suspended_scopes(&self) -> BTreeSet<String> {
        self.suspensions.iter().map(|s| s.scope.name()).collect()
    }

    /// The suspension covering a service, if any.
    pub fn suspension_of(&self, service: Service) -> Option<&Suspension> {
        self.suspensions.iter().find(|s| s.scope.covers(service))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ori(text: &str) -> Ori {
        Ori::parse(text).unwrap()
    }

    fn date(text: &str) -> FieldDate {
        FieldDate::parse("DATE", text, time::Date::MAX).unwrap()
    }

    #[test]
    fn a1_a2_an_agency_without_basis_or_agreement_cannot_be_activated() {
        let mut agency = Agency::new(ori("IL0160000"), "SPRINGFIELD PD");
        let rules: Vec<RuleId> = agency
            .activation_shortfalls()
            .iter()
            .map(|s| s.rule.rule())
            .collect();
        assert_eq!(rules, [RuleId::A1, RuleId::A2]);
        agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
            authority: "65 ILCS 5/11-1-2".into(),
        });
        agency.agreement = Some(Agreement {
            reference: "IA-2026-016".into(),
            signed_on: date("20260105"),
        });
        assert!(agency.activation_shortfalls().is_empty());
    }

    #[test]
    fn a1_each_basis_needs_its_own_evidence() {
        let dispatch = BasisEvidence::DispatchCenter {
            criminal_justice_ori: ori("IL0160000"),
            agreement: "DISPATCH AGREEMENT 7".into(),
            approved_by_administrator_on: None,
            incorporated_in_interagency_agreement: false,
        };
        assert_eq!(dispatch.basis(), EligibilityBasis::C);
        assert_eq!(dispatch.shortfalls().len(), 2);
        let campus = BasisEvidence::RailroadOrCampusPolice {
            arrest_powers_statute: "110 ILCS 1020".into(),
            justice_budget_percent: 30,
            officers_meet_training_law: true,
        };
        assert!(campus.shortfalls()[0].text.contains("SUBSTANTIAL PART"));
        let law = BasisEvidence::AuthorizedByLaw {
            statute: " ".into(),
            no_adverse_impact_finding: "FINDING 1".into(),
        };
        assert_eq!(law.shortfalls().len(), 1);
        let control = BasisEvidence::ManagementControl {
            controlling_ori: ori("IL0160000"),
            control_instrument: "ORDINANCE 12".into(),
        };
        assert!(control.shortfalls().is_empty());
    }

    #[test]
    fn a3_less_than_full_access_grants_only_the_named_services() {
        let access = AccessLevel::LessThanFull {
            services: [Service::Vehicle, Service::Plate].into(),
        };
        assert!(access.grants(Service::Vehicle));
        assert!(!access.grants(Service::Wanted));
        assert!(AccessLevel::Full.grants(Service::SosImages));
    }
}
