//! What the parts of the demo share: its sign-ins and the checks every demo person passes.

use leads_domain::access::{Background, Certification, CertificationLevel, Person, Role};
use leads_domain::fields::{FieldDate, Ori};

/// A demo sign-in.
#[derive(Debug, Clone, Copy)]
pub struct DemoOperator {
    pub operator: &'static str,
    pub password: &'static str,
    /// Base32 TOTP secret (enroll it in an authenticator, or use `leads client code`).
    pub totp_secret: &'static str,
    pub terminal: &'static str,
    pub ori: &'static str,
    pub role: Role,
}

pub(crate) fn ori(text: &str) -> anyhow::Result<Ori> {
    Ori::parse(text).map_err(|e| anyhow::anyhow!("{e}"))
}

pub(crate) fn date(text: &str) -> anyhow::Result<FieldDate> {
    FieldDate::parse("DATE", text, time::Date::MAX).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Gives a demo person the fingerprint checks (S1) and a full certification (T2).
pub(crate) fn cleared_and_certified(person: &mut Person) -> anyhow::Result<()> {
    person.background = Some(Background {
        state_clear: true,
        fbi_clear: true,
        completed_on: date("20250105")?,
        reference: "DEMO".into(),
    });
    person.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date("20250110")?,
        expires_on: date("20991231")?,
    });
    Ok(())
}
