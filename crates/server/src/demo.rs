//! The reproducible synthetic demo: a few agencies, operators and terminals, one showcase record
//! per file entered through the pipeline, and synthetic records generated from a fixed seed.

use leads_app::{Directory, Input, Service};
use leads_domain::fields::Ori;
use leads_domain::files::FileKind;
use leads_message::examples;
use leads_synth::Generator;

/// The seed of the demo data.
pub const DEMO_SEED: u64 = 20_261_121;

/// A demo sign-in.
#[derive(Debug, Clone, Copy)]
pub struct DemoOperator {
    pub operator: &'static str,
    pub password: &'static str,
    pub terminal: &'static str,
    pub ori: &'static str,
    pub agency: &'static str,
}

/// The demo operators. These credentials exist only in a database seeded with `--demo`.
pub const DEMO_OPERATORS: [DemoOperator; 3] = [
    DemoOperator {
        operator: "DEMO1",
        password: "leads-demo-1",
        terminal: "T16A",
        ori: "IL0160000",
        agency: "SPRINGFIELD POLICE DEPARTMENT",
    },
    DemoOperator {
        operator: "DEMO2",
        password: "leads-demo-2",
        terminal: "T84A",
        ori: "IL0840000",
        agency: "PEORIA COUNTY SHERIFF",
    },
    DemoOperator {
        operator: "DEMO3",
        password: "leads-demo-3",
        terminal: "T99A",
        ori: "IL1000000",
        agency: "ILLINOIS STATE POLICE DISTRICT 10",
    },
];

/// A query that hits the showcase wanted person (armed and dangerous) from the first operator.
pub const DEMO_QUERY: &str = "QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/2026-000001";

fn ori(text: &str) -> anyhow::Result<Ori> {
    Ori::parse(text).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Seeds the demo unless the database already holds it. Returns whether it seeded.
pub async fn seed(service: &Service, records: usize) -> anyhow::Result<bool> {
    if service.store().record_count().await? > 0 {
        return Ok(false);
    }
    let directory = Directory::new(service.store().as_ref());
    for demo in DEMO_OPERATORS {
        let agency = ori(demo.ori)?;
        directory.agency(&agency, demo.agency, true).await?;
        directory
            .terminal(demo.terminal, &agency, "DISPATCH CONSOLE 1", true)
            .await?;
        directory
            .operator(
                demo.operator,
                &format!("{} OPERATOR", demo.agency),
                &agency,
                demo.password,
                true,
            )
            .await?;
    }
    // One record per file from Peoria, through the pipeline like any operator's entry.
    let [_, peoria, _] = DEMO_OPERATORS;
    let session = service
        .sign_in(peoria.operator, peoria.password, peoria.terminal)
        .await?;
    for file in FileKind::all() {
        let text = examples::entry(file).replacen(examples::EXAMPLE_ORI, peoria.ori, 1);
        let reply = service
            .submit(&session.token, Input::Text(text), None)
            .await?;
        anyhow::ensure!(
            reply.code == "entered",
            "demo entry refused: {}",
            reply.message
        );
    }
    service.sign_out(&session.token).await?;
    // Synthetic records, spread over the agencies.
    let mut generator = Generator::new(DEMO_SEED, service.clock().today());
    let share = records / DEMO_OPERATORS.len();
    for (i, demo) in DEMO_OPERATORS.iter().enumerate() {
        let count = if i == 0 {
            records - share * (DEMO_OPERATORS.len() - 1)
        } else {
            share
        };
        let messages: Vec<String> = (0..count)
            .map(|_| generator.mixed_entry(demo.ori))
            .collect();
        let report = service
            .bulk_load("demo seed", &ori(demo.ori)?, messages, 2_000)
            .await?;
        anyhow::ensure!(
            report.rejected.is_empty(),
            "demo records refused: {:?}",
            report.rejected.first()
        );
    }
    Ok(true)
}

/// What `serve --demo` prints.
pub fn banner(url: &str) -> String {
    let mut text =
        format!("OpenLEADS demo at {url}\n\nDemo sign-ins (exist only in the demo database):\n");
    for d in DEMO_OPERATORS {
        text.push_str(&format!(
            "  operator {:<6} password {:<13} terminal {:<5} {} {}\n",
            d.operator, d.password, d.terminal, d.ori, d.agency
        ));
    }
    text.push_str(&format!(
        "\nTry:\n  leads client send --url {url} --operator DEMO1 --password leads-demo-1 --terminal T16A \\\n    '{DEMO_QUERY}'\n"
    ));
    text
}
