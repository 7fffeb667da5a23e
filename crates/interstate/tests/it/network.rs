//! Routing, durable inbound streams, the NL merge at the 60-second boundary (on an injected
//! clock), SM and ER replies, the per-connection form and the photo-free traffic log.

use std::sync::Arc;
use std::time::Duration;

use leads_domain::clock::{ManualClock, Timestamp};
use leads_domain::fields::{Oln, Ori};
use leads_domain::interstate::{
    Body, ControlField, Destination, Directory, DriverLookup, DriverQuery, DriverResponse,
    Envelope, FAN_OUT_WAIT_SECONDS, InterstateKey, Photo, Retention, StateAnswer, StateCode,
    StateOutcome, StatusCode, SwitchStatus,
};
use leads_interstate::{Hub, Network, SwitchLink};
use leads_message::nlets::WireFormat;

const WAIT: Duration = Duration::from_secs(20);

fn nats_url() -> Option<String> {
    let url = std::env::var("LEADS_TEST_NATS_URL").ok();
    if url.is_none() {
        eprintln!("LEADS_TEST_NATS_URL is not set: the NATS suite is not run");
    }
    url
}

fn state(code: &str) -> StateCode {
    StateCode::parse("STA", code).unwrap()
}

fn ori(raw: &str) -> Ori {
    Ori::parse(raw).unwrap()
}

fn today() -> time::Date {
    Timestamp::from_micros(1_800_000_000_000_000).date()
}

fn query(to: Vec<Destination>, control: &str) -> Envelope {
    Envelope {
        from: ori("IL0160000"),
        to,
        control: Some(ControlField::parse(control).unwrap()),
        body: Body::DriverQuery(DriverQuery {
            reason: Some('S'),
            subject: DriverLookup::Oln(Oln::parse("W1234567").unwrap()),
            photo: true,
            purpose: None,
        }),
    }
}

fn answer(from: &str, query: &Envelope, outcome: StateOutcome) -> Envelope {
    let from = ori(from);
    Envelope {
        to: vec![Destination::Agency(query.from.clone())],
        control: query.control.clone(),
        body: Body::DriverResponse(DriverResponse {
            answers: vec![StateAnswer {
                state: StateCode::of(&from),
                outcome,
                photo: Some(Photo {
                    format: "JPEG".into(),
                    bytes: vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9],
                    taken: None,
                }),
                retention: Retention::Forbidden,
                notice: None,
            }],
        }),
        from,
    }
}

struct World {
    network: Network,
    clock: ManualClock,
    hub: tokio::task::JoinHandle<()>,
}

impl World {
    /// A state's switch on the test's network.
    async fn link(&self, code: &str, format: WireFormat) -> SwitchLink {
        SwitchLink::open(self.network.clone(), state(code), format)
            .await
            .unwrap()
    }

    /// Stops the hub and deletes the test's streams.
    async fn close(self) {
        self.hub.abort();
        let states = ["IL", "WI", "IN", "IA"].map(state);
        self.network.remove(&states).await.unwrap();
    }
}

/// A network of IL, WI (XML), IN and IA (AM only), with `status` for Indiana.
async fn world(url: &str, indiana: SwitchStatus) -> World {
    let prefix = format!("T{}", uuid::Uuid::new_v4().simple());
    let network = Network::connect(url, &prefix).await.unwrap();
    let mut directory = Directory::new();
    directory.join(state("IL"), vec![InterstateKey::Dq, InterstateKey::Am]);
    directory.join(state("WI"), vec![InterstateKey::Dq, InterstateKey::Am]);
    directory.join(state("IN"), vec![InterstateKey::Dq]);
    directory.join(state("IA"), vec![InterstateKey::Am]);
    directory.set_status(&state("IN"), indiana);
    let clock = ManualClock::new(Timestamp::from_micros(1_800_000_000_000_000));
    let hub = Hub::new(network.clone(), directory, Arc::new(clock.clone()))
        .with_format(state("WI"), WireFormat::Xml);
    let hub = tokio::spawn(async move {
        if let Err(error) = hub.run().await {
            panic!("the hub stopped: {error}");
        }
    });
    World {
        network,
        clock,
        hub,
    }
}

async fn receive(link: &mut SwitchLink) -> Envelope {
    tokio::time::timeout(WAIT, link.receive(today()))
        .await
        .expect("a message arrives")
        .unwrap()
}

#[tokio::test]
async fn a_query_travels_to_its_state_and_the_answer_back_by_control_field() {
    let Some(url) = nats_url() else { return };
    let world = world(&url, SwitchStatus::InService).await;
    let mut illinois = world.link("IL", WireFormat::Text).await;
    let mut wisconsin = world.link("WI", WireFormat::Xml).await;
    let sent = query(vec![Destination::State(state("WI"))], "Q0000001");
    illinois.send(&sent).await.unwrap();
    let arrived = receive(&mut wisconsin).await;
    assert_eq!(arrived, sent);
    let reply = answer("WI0130000", &arrived, StateOutcome::NotOnFile);
    wisconsin.send(&reply).await.unwrap();
    let back = receive(&mut illinois).await;
    assert_eq!(back, reply);
    assert_eq!(back.control, sent.control);
    world.close().await;
}

#[tokio::test]
async fn a_state_that_is_down_receives_its_traffic_when_it_returns() {
    let Some(url) = nats_url() else { return };
    let world = world(&url, SwitchStatus::InService).await;
    let illinois = world.link("IL", WireFormat::Text).await;
    // Wisconsin's switch is not connected while the query is sent.
    let sent = query(vec![Destination::State(state("WI"))], "Q0000002");
    illinois.send(&sent).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut wisconsin = world.link("WI", WireFormat::Xml).await;
    assert_eq!(receive(&mut wisconsin).await, sent);
    world.close().await;
}

#[tokio::test]
async fn nl_is_answered_with_one_merge_marking_the_states_that_did_not_answer() {
    let Some(url) = nats_url() else { return };
    let world = world(&url, SwitchStatus::InService).await;
    let mut illinois = world.link("IL", WireFormat::Text).await;
    let mut wisconsin = world.link("WI", WireFormat::Xml).await;
    let sent = query(vec![Destination::Everyone], "Q0000003");
    illinois.send(&sent).await.unwrap();
    let arrived = receive(&mut wisconsin).await;
    wisconsin
        .send(&answer("WI0130000", &arrived, StateOutcome::NotOnFile))
        .await
        .unwrap();
    // Indiana never answers: nothing comes back before the wait is over …
    assert!(
        tokio::time::timeout(Duration::from_secs(1), illinois.receive(today()))
            .await
            .is_err()
    );
    // … and at 60 seconds the one merged response does.
    world.clock.advance_seconds(FAN_OUT_WAIT_SECONDS);
    let merged = receive(&mut illinois).await;
    assert_eq!(merged.from.as_str(), "NL0000000");
    assert_eq!(merged.control, sent.control);
    let Body::DriverResponse(body) = merged.body else {
        panic!("the merge is a DR, not {:?}", merged.body);
    };
    let outcomes: Vec<(&str, &StateOutcome)> = body
        .answers
        .iter()
        .map(|a| (a.state.as_str(), &a.outcome))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("WI", &StateOutcome::NotOnFile),
            ("IN", &StateOutcome::NoResponse)
        ]
    );
    world.close().await;
}

#[tokio::test]
async fn sm_and_er_come_back_from_the_hub() {
    let Some(url) = nats_url() else { return };
    let world = world(&url, SwitchStatus::OutOfService).await;
    let mut illinois = world.link("IL", WireFormat::Text).await;
    illinois
        .send(&query(vec![Destination::State(state("IA"))], "Q0000004"))
        .await
        .unwrap();
    let status = receive(&mut illinois).await;
    assert_eq!(status.from.as_str(), "NL0000000");
    assert!(matches!(
        status.body,
        Body::Status { code: StatusCode::DoesNotAnswer, ref state, .. } if state.as_str() == "IA"
    ));
    illinois
        .send(&query(vec![Destination::State(state("IN"))], "Q0000005"))
        .await
        .unwrap();
    let held = receive(&mut illinois).await;
    assert!(matches!(
        held.body,
        Body::Status {
            code: StatusCode::OutOfService,
            ..
        }
    ));
    // Held for Indiana: it is in Indiana's stream when its switch returns.
    let mut indiana = world.link("IN", WireFormat::Text).await;
    assert_eq!(
        receive(&mut indiana).await.control.unwrap().as_str(),
        "Q0000005"
    );
    illinois
        .send(&query(vec![Destination::State(state("OH"))], "Q0000006"))
        .await
        .unwrap();
    let error = receive(&mut illinois).await;
    assert_eq!(error.from.as_str(), "NL0000000");
    assert!(matches!(error.body, Body::Error { number: 2, .. }));
    world.close().await;
}

#[tokio::test]
async fn the_traffic_log_names_each_photo_by_size_and_digest_and_holds_no_image() {
    let Some(url) = nats_url() else { return };
    let world = world(&url, SwitchStatus::InService).await;
    let mut illinois = world.link("IL", WireFormat::Text).await;
    let mut wisconsin = world.link("WI", WireFormat::Xml).await;
    let sent = query(vec![Destination::State(state("WI"))], "Q0000007");
    illinois.send(&sent).await.unwrap();
    let arrived = receive(&mut wisconsin).await;
    wisconsin
        .send(&answer("WI0130000", &arrived, StateOutcome::NotOnFile))
        .await
        .unwrap();
    receive(&mut illinois).await;
    let log: Vec<String> = world
        .network
        .read_log(10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| String::from_utf8(e).unwrap())
        .collect();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].contains(" DQ FROM IL0160000 TO WI CTL/Q0000007"));
    let dr = &log[1];
    assert!(dr.contains(" DR FROM WI0130000 TO IL0160000 CTL/Q0000007"));
    // The digest of the nine bytes, never the bytes.
    assert!(dr.contains("IMG/JPEG 9 BYTES SHA256 "), "{dr}");
    assert!(!dr.contains("IMG/JPEG/"), "{dr}");
    world.close().await;
}
