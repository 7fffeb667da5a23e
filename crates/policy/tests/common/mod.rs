//! What every policy scenario starts from: a fully eligible operator of a criminal-justice
//! agency, at an approved terminal, on a fixed day.

use leads_domain::access::{
    Agency, AgencyStatus, Agreement, Background, BasisEvidence, Certification, CertificationLevel,
    Person, Role, Terminal,
};
use leads_domain::fields::{FieldDate, Ori};
use leads_policy::Principal;
use time::{Date, Month};

pub(crate) fn ori(text: &str) -> Ori {
    Ori::parse(text).unwrap()
}

pub(crate) fn date(text: &str) -> FieldDate {
    FieldDate::parse("DATE", text, Date::MAX).unwrap()
}

pub(crate) fn today() -> Date {
    Date::from_calendar_date(2026, Month::November, 21).unwrap()
}

pub(crate) fn eligible(roles: &[Role]) -> Principal {
    let mut agency = Agency::new(ori("IL0160000"), "SPRINGFIELD PD");
    agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
        authority: "65 ILCS 5/11-1-2".into(),
    });
    agency.agreement = Some(Agreement {
        reference: "IA-16".into(),
        signed_on: date("20260105"),
    });
    agency.status = AgencyStatus::Active;
    let mut person = Person::new(
        "OP1",
        "PAT ALVAREZ",
        ori("IL0160000"),
        roles.iter().copied(),
    );
    person.background = Some(Background {
        state_clear: true,
        fbi_clear: true,
        completed_on: date("20250101"),
        reference: "TCN".into(),
    });
    person.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date("20250101"),
        expires_on: date("20270101"),
    });
    let mut terminal = Terminal::register("T1", ori("IL0160000"), "DISPATCH ROOM 2", None);
    terminal.approved_on = Some(date("20250101"));
    terminal.active = true;
    Principal {
        person,
        agency,
        terminal,
    }
}
