//! The demo's Secretary of State image file: the SOS agency with its desk clerk and SOS Police
//! officer, and synthetic licence holders with generated portraits (no real person).

use leads_app::Service;
use leads_domain::access::{
    Agency, AgencyStatus, Agreement, BasisEvidence, Person, Role, Terminal,
};
use leads_domain::fields::{FieldDate, PersonName, Sex};
use leads_domain::sos::{Dln, SosHolder};

use crate::demo_common::{DemoOperator, cleared_and_certified, date, ori};

/// The Secretary of State's agency in the demo.
pub const SOS_ORI: &str = "ILSOS0000";

/// The SOS people of the demo.
pub const DEMO_SOS_PEOPLE: [DemoOperator; 2] = [
    DemoOperator {
        operator: "DEMOSOSDESK",
        password: "leads-demo-sos-desk",
        totp_secret: "LEADSDEMOSECRETARYOFSTATEDESKONE",
        terminal: "T50A",
        ori: SOS_ORI,
        role: Role::SosStaff,
    },
    DemoOperator {
        operator: "DEMOSOSPD",
        password: "leads-demo-sos-police",
        totp_secret: "LEADSDEMOSECRETARYOFSTATEPOLICEA",
        terminal: "T50A",
        ori: SOS_ORI,
        role: Role::SosPolice,
    },
];

/// Holders in the demo SOS file.
pub const DEMO_HOLDERS: usize = 16;

const SURNAMES: [&str; 8] = [
    "RIVERA",
    "DOE",
    "NGUYEN",
    "OKAFOR",
    "KOWALCZYK",
    "HANSEN",
    "PATEL",
    "MORALES",
];
const GIVEN: [&str; 4] = ["ANA", "JOHN", "LEE", "SAM"];

/// Adds the SOS agency, its people and the holders.
pub async fn seed(service: &Service) -> anyhow::Result<usize> {
    let provisioning = service.provisioning();
    let mut agency = Agency::new(ori(SOS_ORI)?, "SECRETARY OF STATE POLICE");
    agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
        authority: "DEMO: 15 ILCS 335/14 SECRETARY OF STATE POLICE".into(),
    });
    agency.agreement = Some(Agreement {
        reference: format!("DEMO-IA-{SOS_ORI}"),
        signed_on: date("20250101")?,
    });
    agency.status = AgencyStatus::Active;
    provisioning.agency(&agency).await?;
    let mut terminal = Terminal::register("T50A", ori(SOS_ORI)?, "DEMO SOS DESK CONSOLE", None);
    terminal.approved_on = Some(date("20250101")?);
    terminal.active = true;
    provisioning.terminal(&terminal).await?;
    for demo in DEMO_SOS_PEOPLE {
        let mut person = Person::new(
            demo.operator,
            &format!("DEMO {}", demo.role.name().to_ascii_uppercase()),
            ori(demo.ori)?,
            [demo.role],
        );
        cleared_and_certified(&mut person)?;
        provisioning
            .person(person, demo.password, Some(demo.totp_secret))
            .await?;
    }
    let mut holders = Vec::with_capacity(DEMO_HOLDERS);
    for i in 0..DEMO_HOLDERS {
        let surname = SURNAMES.iter().cycle().nth(i).copied().unwrap_or("DOE");
        let given = GIVEN
            .iter()
            .cycle()
            .nth(i + i / SURNAMES.len())
            .copied()
            .unwrap_or("SAM");
        let letter = surname.chars().next().unwrap_or('X');
        let holder = SosHolder {
            dln: Dln::parse(&format!(
                "{letter}{:011}",
                10_000_000_000u64 + i as u64 * 7_919
            ))?,
            name: PersonName::parse(&format!("{surname}, {given}"))?,
            dob: FieldDate::parse(
                "DOB",
                &format!("19{}0{}1{}", 60 + i % 40, 1 + i % 9, i % 10),
                time::Date::MAX,
            )?,
            sex: Sex::parse(if i % 2 == 0 { "F" } else { "M" })?,
        };
        let portrait = leads_imaging::synthetic_portrait(1_000 + i as u64)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        holders.push((holder, portrait));
    }
    Ok(provisioning.sos_holders(&holders).await?)
}
