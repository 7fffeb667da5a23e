//! Who may receive an SOS image (1030.140(b)(1)(A)–(I); rule P1) and the conditions of each
//! category, as facts for the policy. A condition not met is not an edit error: the request is
//! refused by the Cedar policy that names the condition and cites its paragraph.

use serde::{Deserialize, Serialize};
use time::Date;

use super::holder::{Lookup, LookupForm};
use super::investigation::Investigation;
use super::text::{stated, statement};
use crate::error::{Edit, FieldError};
use crate::fields::{CaseNumber, FreeText};

/// The categories of requester of 1030.140(b)(1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// (A) the individual, upon written request.
    Individual,
    /// (B) a family member or estate executor of a deceased individual.
    FamilyOfDeceased,
    /// (C) SOS police officers and employees, for the listed purposes.
    SosStaff,
    /// (D) Illinois and federal criminal-justice agencies.
    CriminalJustice,
    /// (E) criminal-justice agencies of other states or jurisdictions.
    OtherStateCriminalJustice,
    /// (F) the Sex Offender Registry (ISP) and the Lobbyist Registry (SOS).
    Registry,
    /// (G) other jurisdictions that issue driver's licences and ID cards.
    LicensingJurisdiction,
    /// (H) the central-issuance card vendor.
    CardVendor,
    /// (I) an appointed public defender.
    PublicDefender,
}

impl Category {
    /// Every category, (A) to (I).
    pub const ALL: [Category; 9] = [
        Category::Individual,
        Category::FamilyOfDeceased,
        Category::SosStaff,
        Category::CriminalJustice,
        Category::OtherStateCriminalJustice,
        Category::Registry,
        Category::LicensingJurisdiction,
        Category::CardVendor,
        Category::PublicDefender,
    ];

    /// The stable name (`individual`, `public_defender`, …).
    pub fn name(self) -> &'static str {
        match self {
            Category::Individual => "individual",
            Category::FamilyOfDeceased => "family_of_deceased",
            Category::SosStaff => "sos_staff",
            Category::CriminalJustice => "criminal_justice",
            Category::OtherStateCriminalJustice => "other_state_criminal_justice",
            Category::Registry => "registry",
            Category::LicensingJurisdiction => "licensing_jurisdiction",
            Category::CardVendor => "card_vendor",
            Category::PublicDefender => "public_defender",
        }
    }

    /// The paragraph letter of 1030.140(b)(1).
    pub fn letter(self) -> char {
        match self {
            Category::Individual => 'A',
            Category::FamilyOfDeceased => 'B',
            Category::SosStaff => 'C',
            Category::CriminalJustice => 'D',
            Category::OtherStateCriminalJustice => 'E',
            Category::Registry => 'F',
            Category::LicensingJurisdiction => 'G',
            Category::CardVendor => 'H',
            Category::PublicDefender => 'I',
        }
    }

    /// The citation of the category's paragraph.
    pub fn citation(self) -> String {
        format!("92 Ill. Adm. Code 1030.140(b)(1)({})", self.letter())
    }

    /// Reads a stable name.
    pub fn parse(raw: &str) -> Result<Category, FieldError> {
        let name = raw.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Err(FieldError::new("CAT", raw, Edit::Empty));
        }
        Category::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| FieldError::new("CAT", raw, Edit::InvalidCode))
    }

    /// The categories that ask through LEADS (criminal-justice agencies); every other category
    /// asks the Secretary of State directly.
    pub fn through_leads(self) -> bool {
        matches!(
            self,
            Category::CriminalJustice | Category::OtherStateCriminalJustice
        )
    }
}

/// A condition a request meets, as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Condition {
    /// A written request is on file (A, B).
    WrittenRequest,
    /// A death certificate or other proof of death (B).
    ProofOfDeath,
    /// Identifying data of the deceased (B).
    IdentifyingData,
    /// The Department granted a discretionary request (B).
    DepartmentGrants,
    /// One of the purposes (i)–(iv) of SOS staff (C).
    StaffPurpose,
    /// The requester is an SOS police officer or employee, named by employee number (C).
    SosEmployee,
    /// A lawful civil or criminal investigation (D, E, I).
    LawfulInvestigation,
    /// The case or investigation number (D, E).
    CaseNumber,
    /// Display in the Sex Offender Registry or the Lobbyist Registry (F).
    RegistryUse,
    /// The issuing jurisdiction is named (G).
    IssuingJurisdiction,
    /// Licence validity, fraud, or a similar issuance-control purpose (G).
    LicensingPurpose,
    /// The contract with the Department (H).
    ProductionContract,
    /// The image is used only to produce a licence or ID card (H).
    ProductionOnly,
    /// The court appointment of the public defender (I).
    CourtAppointment,
    /// The client's Uniform Citation and Complaint, or felony or misdemeanor charge (I).
    ClientCharged,
}

impl Condition {
    /// The stable name the policies use.
    pub fn name(self) -> &'static str {
        match self {
            Condition::WrittenRequest => "written_request",
            Condition::ProofOfDeath => "proof_of_death",
            Condition::IdentifyingData => "identifying_data",
            Condition::DepartmentGrants => "department_grants",
            Condition::StaffPurpose => "staff_purpose",
            Condition::SosEmployee => "sos_employee",
            Condition::LawfulInvestigation => "lawful_investigation",
            Condition::CaseNumber => "case_number",
            Condition::RegistryUse => "registry_use",
            Condition::IssuingJurisdiction => "issuing_jurisdiction",
            Condition::LicensingPurpose => "licensing_purpose",
            Condition::ProductionContract => "production_contract",
            Condition::ProductionOnly => "production_only",
            Condition::CourtAppointment => "court_appointment",
            Condition::ClientCharged => "client_charged",
        }
    }
}

/// A request recorded at the SOS desk, as typed by SOS staff.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeskForm {
    /// The category of 1030.140(b)(1) (`individual`, `family_of_deceased`, …).
    pub category: String,
    /// Who asks (person, office or jurisdiction).
    pub requester: String,
    /// The holder whose image is asked for.
    pub holder: LookupForm,
    /// Reference of the written request on file (A, B).
    #[serde(default)]
    pub written_request: Option<String>,
    /// Reference of the death certificate or other proof of death (B).
    #[serde(default)]
    pub proof_of_death: Option<String>,
    /// The identifying data supplied: licence or ID number, SSN, date of birth, date of
    /// death, last address (B).
    #[serde(default)]
    pub identifying_data: Option<String>,
    /// The Department's decision on a discretionary request (B).
    #[serde(default)]
    pub department_grants: bool,
    /// `issue_control`, `fraud_investigation`, `hearing` or `lobbyist_registration` (C).
    #[serde(default)]
    pub staff_purpose: Option<String>,
    /// The SOS police officer's or employee's number (C).
    #[serde(default)]
    pub employee_number: Option<String>,
    /// `sex_offender_registry` or `lobbyist_registry` (F).
    #[serde(default)]
    pub registry: Option<String>,
    /// The licensing jurisdiction (G).
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// `validity`, `identity_fraud`, `issuance_fraud` or `issuance_control` (G).
    #[serde(default)]
    pub licensing_purpose: Option<String>,
    /// Reference of the vendor's contract with the Department (H).
    #[serde(default)]
    pub contract: Option<String>,
    /// The image will be used only to produce a licence or ID card (H).
    #[serde(default)]
    pub production_only: bool,
    /// Reference of the court order appointing the public defender (I).
    #[serde(default)]
    pub court_appointment: Option<String>,
    /// The client's citation or charge number (I).
    #[serde(default)]
    pub client_charge: Option<String>,
    /// `criminal` or `civil` investigation (D, E, I).
    #[serde(default)]
    pub investigation: Option<String>,
    /// Case number (D, E).
    #[serde(default)]
    pub case_number: Option<String>,
}

/// The purposes of SOS staff (C)(i)–(iv).
const STAFF_PURPOSES: [&str; 4] = [
    "issue_control",
    "fraud_investigation",
    "hearing",
    "lobbyist_registration",
];
const REGISTRIES: [&str; 2] = ["sex_offender_registry", "lobbyist_registry"];
const LICENSING_PURPOSES: [&str; 4] = [
    "validity",
    "identity_fraud",
    "issuance_fraud",
    "issuance_control",
];

fn code_of<'a>(
    tag: &'static str,
    value: &Option<String>,
    codes: &'a [&'a str],
) -> Result<Option<&'a str>, FieldError> {
    let Some(raw) = stated(value) else {
        return Ok(None);
    };
    let lower = raw.to_ascii_lowercase();
    codes
        .iter()
        .find(|c| **c == lower)
        .copied()
        .map(Some)
        .ok_or_else(|| FieldError::new(tag, raw, Edit::InvalidCode))
}

/// A desk request that passed its field edits, with the conditions it meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRequest {
    pub category: Category,
    pub requester: FreeText,
    pub holder: Lookup,
    pub case: Option<CaseNumber>,
    /// What the request states, for the record (`WRITTEN REQUEST WR-1; …`).
    pub statements: Vec<String>,
    pub conditions: Vec<Condition>,
}

impl DeskRequest {
    /// Applies the field edits. Blank conditions are not errors: they are missing facts, for
    /// the policy to refuse with its citation.
    pub fn parse(form: &DeskForm, today: Date) -> Result<DeskRequest, FieldError> {
        let category = Category::parse(&form.category)?;
        let requester = FreeText::parse("RQR", &form.requester.trim().to_ascii_uppercase(), 60)?;
        let holder = Lookup::parse(&form.holder, today)?;
        let mut conditions = Vec::new();
        let mut statements = Vec::new();
        let mut note = |condition: Condition, label: &str, value: Option<&str>| {
            if let Some(value) = value {
                conditions.push(condition);
                statements.push(format!("{label} {value}"));
            }
        };
        let written = statement("WRQ", &form.written_request, 60)?;
        note(
            Condition::WrittenRequest,
            "WRITTEN REQUEST",
            written.as_ref().map(FreeText::as_str),
        );
        let death = statement("POD", &form.proof_of_death, 60)?;
        note(
            Condition::ProofOfDeath,
            "PROOF OF DEATH",
            death.as_ref().map(FreeText::as_str),
        );
        let identifying = statement("IDD", &form.identifying_data, 120)?;
        note(
            Condition::IdentifyingData,
            "IDENTIFYING DATA",
            identifying.as_ref().map(FreeText::as_str),
        );
        if form.department_grants {
            note(
                Condition::DepartmentGrants,
                "DEPARTMENT GRANTS",
                Some("YES"),
            );
        }
        note(
            Condition::StaffPurpose,
            "STAFF PURPOSE",
            code_of("SPU", &form.staff_purpose, &STAFF_PURPOSES)?,
        );
        let employee = statement("EMP", &form.employee_number, 20)?;
        note(
            Condition::SosEmployee,
            "EMPLOYEE",
            employee.as_ref().map(FreeText::as_str),
        );
        note(
            Condition::RegistryUse,
            "REGISTRY",
            code_of("REG", &form.registry, &REGISTRIES)?,
        );
        let jurisdiction = statement("JUR", &form.jurisdiction, 60)?;
        note(
            Condition::IssuingJurisdiction,
            "JURISDICTION",
            jurisdiction.as_ref().map(FreeText::as_str),
        );
        note(
            Condition::LicensingPurpose,
            "LICENSING PURPOSE",
            code_of("LPU", &form.licensing_purpose, &LICENSING_PURPOSES)?,
        );
        let contract = statement("CTR", &form.contract, 60)?;
        note(
            Condition::ProductionContract,
            "CONTRACT",
            contract.as_ref().map(FreeText::as_str),
        );
        if form.production_only {
            note(Condition::ProductionOnly, "PRODUCTION ONLY", Some("YES"));
        }
        let appointment = statement("APT", &form.court_appointment, 60)?;
        note(
            Condition::CourtAppointment,
            "COURT APPOINTMENT",
            appointment.as_ref().map(FreeText::as_str),
        );
        let charge = statement("CHG", &form.client_charge, 60)?;
        note(
            Condition::ClientCharged,
            "CLIENT CHARGE",
            charge.as_ref().map(FreeText::as_str),
        );
        let investigation = Investigation::parse_optional(&form.investigation)?;
        note(
            Condition::LawfulInvestigation,
            "INVESTIGATION",
            investigation.map(Investigation::name),
        );
        let case = stated(&form.case_number)
            .map(|c| CaseNumber::parse("CAS", &c.to_ascii_uppercase()))
            .transpose()?;
        note(
            Condition::CaseNumber,
            "CASE",
            case.as_ref().map(CaseNumber::as_str),
        );
        Ok(DeskRequest {
            category,
            requester,
            holder,
            case,
            statements,
            conditions,
        })
    }
}
