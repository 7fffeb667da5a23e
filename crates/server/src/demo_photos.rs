//! Demo portraits: generated (never real) faces attached to registrant records, through the
//! pipeline as the owning agency's photo desk would, so the image file has something to show.

use anyhow::Context as _;
use leads_app::{PhotoStanding, Service, SignIn};
use leads_domain::access::{Person, Role};
use leads_domain::fields::{FieldDate, Ori};

/// How many registrant records get a portrait.
pub const DEMO_PORTRAITS: usize = 12;

const DESK: &str = "DEMOPHOTO";
const DESK_SECRET: &str = "LEADSDEMOPHOTODESKPEORIACOUNTYSO";
const DESK_TERMINAL: &str = "T84A";

/// Attaches generated portraits to up to [`DEMO_PORTRAITS`] of Peoria's registrant records,
/// with dates of image spread over the past 14 months (so some are due for replacement).
pub async fn attach(service: &Service, peoria: &Ori) -> anyhow::Result<usize> {
    let password = uuid_like();
    let mut desk = Person::new(DESK, "DEMO PHOTO DESK", peoria.clone(), [Role::Operator]);
    crate::demo_common::cleared_and_certified(&mut desk)?;
    service
        .provisioning()
        .person(desk, &password, Some(DESK_SECRET))
        .await?;
    let now = service.clock().now();
    let code = leads_app::totp::code(DESK_SECRET, now.as_micros() / 1_000_000)
        .context("demo photo desk code")?;
    let session = service
        .sign_in(SignIn {
            operator: DESK,
            password: &password,
            code: &code,
            terminal: DESK_TERMINAL,
            accept_banner: true,
        })
        .await?;
    let due = service
        .photos_due(&session.token, None, None)
        .await?
        .body
        .items;
    let today = now.date();
    let mut attached = 0;
    for (i, photo) in due
        .iter()
        .filter(|p| p.standing == PhotoStanding::Missing)
        .take(DEMO_PORTRAITS)
        .enumerate()
    {
        let taken = today - time::Duration::days(30 * i64::try_from(i).unwrap_or(0) + 5);
        let doi = FieldDate::from_date(taken);
        let portrait =
            leads_imaging::synthetic_portrait(i as u64).map_err(|e| anyhow::anyhow!("{e}"))?;
        let text = format!(
            "EIM.{peoria}.LRN/{}.IMT/M.DOI/{doi}.MIS/DEMO - GENERATED PORTRAIT, NOT A REAL PERSON.IMG/{}",
            photo.lrn,
            leads_message::encode_attachment(&portrait)
        );
        let reply = service
            .submit(&session.token, leads_app::Input::Text(text), None)
            .await?;
        anyhow::ensure!(
            reply.code == "image_entered",
            "demo portrait refused: {}",
            reply.message
        );
        attached += 1;
    }
    service.sign_out(&session.token).await?;
    Ok(attached)
}

fn uuid_like() -> String {
    use rand::Rng as _;
    let mut rng = rand::rng();
    (0..32)
        .map(|_| {
            let alphabet = b"abcdefghijkmnpqrstuvwxyz23456789";
            char::from(*alphabet.get(rng.random_range(0..32)).unwrap_or(&b'a'))
        })
        .collect()
}
