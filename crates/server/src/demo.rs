//! The reproducible synthetic demo: a few agencies with their eligibility basis and agreement,
//! people with fingerprint checks, certification and known second-factor secrets, approved
//! terminals, one showcase record per file and synthetic records generated from a fixed seed.
//! These sign-ins exist only in a database seeded with `--demo`.

use leads_app::Service;
use leads_domain::access::{
    AccessLevel, Agency, AgencyStatus, Agreement, BasisEvidence, Person, Role, Terminal,
};
use leads_domain::files::FileKind;
use leads_message::examples;
use leads_synth::Generator;

pub use crate::demo_common::DemoOperator;
use crate::demo_common::{cleared_and_certified, date, ori};

/// The seed of the demo data.
pub const DEMO_SEED: u64 = 20_261_121;

/// The demo people: two operators of Springfield (so one can double-check the other's entry,
/// H4), one of Peoria, the Department's administrator, Springfield's agency coordinator, a
/// Department auditor and the Director (hearings and sanctions, the Advisory Policy Board).
pub const DEMO_OPERATORS: [DemoOperator; 7] = [
    DemoOperator {
        operator: "DEMO1",
        password: "leads-demo-1",
        totp_secret: "LEADSDEMOONESPRINGFIELDTERMINALA",
        terminal: "T16A",
        ori: "IL0160000",
        role: Role::Operator,
    },
    DemoOperator {
        operator: "DEMO2",
        password: "leads-demo-2",
        totp_secret: "LEADSDEMOTWOPEORIACOUNTYSHERIFFB",
        terminal: "T84A",
        ori: "IL0840000",
        role: Role::Operator,
    },
    DemoOperator {
        operator: "DEMOADMIN",
        password: "leads-demo-admin",
        totp_secret: "LEADSDEMOADMINISTRATORSTATEPOLCE",
        terminal: "T10A",
        ori: "IL1000000",
        role: Role::Administrator,
    },
    DemoOperator {
        operator: "DEMO3",
        password: "leads-demo-3",
        totp_secret: "LEADSDEMOTHREESPRINGFIELDSECONDB",
        terminal: "T16B",
        ori: "IL0160000",
        role: Role::Operator,
    },
    DemoOperator {
        operator: "DEMOCOORD",
        password: "leads-demo-coordinator",
        totp_secret: "LEADSDEMOCOORDINATORSPRINGFIELDC",
        terminal: "T16C",
        ori: "IL0160000",
        role: Role::Coordinator,
    },
    DemoOperator {
        operator: "DEMOAUDIT",
        password: "leads-demo-auditor",
        totp_secret: "LEADSDEMOAUDITORSTATEPOLICEAUDIT",
        terminal: "T10B",
        ori: "IL1000000",
        role: Role::Auditor,
    },
    DemoOperator {
        operator: "DEMODIRECTOR",
        password: "leads-demo-director",
        totp_secret: "LEADSDEMODIRECTORSTATEPOLICEDIRC",
        terminal: "T10C",
        ori: "IL1000000",
        role: Role::Director,
    },
];

const AGENCIES: [(&str, &str); 3] = [
    ("IL0160000", "SPRINGFIELD POLICE DEPARTMENT"),
    ("IL0840000", "PEORIA COUNTY SHERIFF"),
    ("IL1000000", "ILLINOIS STATE POLICE - LEADS ADMINISTRATION"),
];

/// A query that hits the showcase wanted person (armed and dangerous) from the first operator.
pub const DEMO_QUERY: &str = "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-000001";

/// Seeds the demo unless the database already holds it. Returns whether it seeded.
pub async fn seed(service: &Service, records: usize) -> anyhow::Result<bool> {
    if service.store().record_count().await? > 0 {
        return Ok(false);
    }
    let provisioning = service.provisioning();
    for (code, name) in AGENCIES {
        let mut agency = Agency::new(ori(code)?, name);
        agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
            authority: "DEMO: CRIMINAL JUSTICE AGENCY UNDER 28 CFR 20".into(),
        });
        agency.agreement = Some(Agreement {
            reference: format!("DEMO-IA-{code}"),
            signed_on: date("20250101")?,
        });
        agency.access = AccessLevel::Full;
        agency.status = AgencyStatus::Active;
        agency.coordinator = DEMO_OPERATORS
            .iter()
            .find(|d| d.role == Role::Coordinator && d.ori == code)
            .map(|d| d.operator.to_owned());
        provisioning.agency(&agency).await?;
    }
    for demo in DEMO_OPERATORS {
        let mut terminal = Terminal::register(
            demo.terminal,
            ori(demo.ori)?,
            "DEMO DISPATCH CONSOLE 1",
            None,
        );
        terminal.approved_on = Some(date("20250101")?);
        terminal.active = true;
        provisioning.terminal(&terminal).await?;
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
    // One showcase record per file from Peoria, then synthetic records for every agency, all
    // through the entry path (field edits, duplicate check, numbering) and audited.
    let peoria = ori("IL0840000")?;
    let showcase: Vec<String> = FileKind::all()
        .map(|file| examples::entry(file).replacen(examples::EXAMPLE_ORI, peoria.as_str(), 1))
        .collect();
    let report = service
        .bulk_load("demo showcase", &peoria, showcase, 100)
        .await?;
    anyhow::ensure!(
        report.rejected.is_empty(),
        "demo entries refused: {:?}",
        report.rejected.first()
    );
    let mut generator = Generator::new(DEMO_SEED, service.clock().today());
    let share = records / AGENCIES.len();
    for (i, (code, _)) in AGENCIES.iter().enumerate() {
        let count = if i == 0 {
            records - share * (AGENCIES.len() - 1)
        } else {
            share
        };
        let messages: Vec<String> = (0..count).map(|_| generator.mixed_entry(code)).collect();
        let report = service
            .bulk_load("demo seed", &ori(code)?, messages, 2_000)
            .await?;
        anyhow::ensure!(
            report.rejected.is_empty(),
            "demo records refused: {:?}",
            report.rejected.first()
        );
    }
    let portraits = crate::demo_photos::attach(service, &peoria).await?;
    tracing::info!(portraits, "demo portraits attached");
    let holders = crate::demo_sos::seed(service).await?;
    tracing::info!(holders, "demo SOS image file loaded");
    Ok(true)
}

/// What `serve --demo` prints.
pub fn banner(url: &str) -> String {
    let mut text = format!(
        "OpenLEADS demo at {url}\n\nDemo sign-ins (they exist only in the demo database):\n"
    );
    for d in DEMO_OPERATORS
        .iter()
        .chain(&crate::demo_sos::DEMO_SOS_PEOPLE)
    {
        text.push_str(&format!(
            "  {:<11} password {:<22} terminal {:<5} {} {:<13} TOTP secret {}\n",
            d.operator,
            d.password,
            d.terminal,
            d.ori,
            d.role.name(),
            d.totp_secret
        ));
    }
    let d = DEMO_OPERATORS[0];
    text.push_str(&format!(
        "\nTry:\n  leads client send --url {url} --operator {} --password {} --terminal {} \\\n    --totp-secret {} --accept-banner '{DEMO_QUERY}'\n",
        d.operator, d.password, d.terminal, d.totp_secret
    ));
    text
}
