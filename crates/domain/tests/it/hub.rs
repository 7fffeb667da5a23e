//! The hub's decisions without a transport: routing by the directory, status and error
//! replies, the merge of a query sent to every state at the 60-second boundary, and the
//! traffic log's photo-free entries and its year.

use leads_domain::clock::Timestamp;
use leads_domain::fields::{Oln, Ori};
use leads_domain::interstate::{
    Body, ControlField, Destination, Directory, DriverLookup, DriverQuery, DriverResponse,
    Envelope, FAN_OUT_WAIT_SECONDS, FanOut, HubError, InterstateKey, Photo, Retention, StateAnswer,
    StateCode, StateOutcome, StatusCode, SwitchStatus, TRAFFIC_LOG_DAYS, TrafficEntry,
};

fn state(code: &str) -> StateCode {
    StateCode::parse("STA", code).unwrap()
}

fn ori(raw: &str) -> Ori {
    Ori::parse(raw).unwrap()
}

fn directory() -> Directory {
    use InterstateKey::{Am, Dq, Yq};
    let mut directory = Directory::new();
    directory.join(state("IL"), vec![Dq, Yq, Am]);
    directory.join(state("WI"), vec![Dq, Yq, Am]);
    directory.join(state("IN"), vec![Dq, Am]);
    directory.join(state("IA"), vec![Am]);
    directory
}

fn query(from: &str, to: Vec<Destination>) -> Envelope {
    Envelope {
        from: ori(from),
        to,
        control: Some(ControlField::parse("Q0000001").unwrap()),
        body: Body::DriverQuery(DriverQuery {
            reason: None,
            subject: DriverLookup::Oln(Oln::parse("W1234567").unwrap()),
            photo: true,
            purpose: None,
        }),
    }
}

fn response(from: &str, to: &str, control: &str, outcome: StateOutcome) -> Envelope {
    let from = ori(from);
    Envelope {
        to: vec![Destination::Agency(ori(to))],
        control: Some(ControlField::parse(control).unwrap()),
        body: Body::DriverResponse(DriverResponse {
            answers: vec![StateAnswer {
                state: StateCode::of(&from),
                outcome,
                photo: Some(Photo {
                    format: "JPEG".into(),
                    bytes: vec![0xFF, 0xD8, 0xFF, 0xD9],
                    taken: None,
                }),
                retention: Retention::Permitted,
                notice: None,
            }],
        }),
        from,
    }
}

fn error_number(envelope: &Envelope) -> Option<u8> {
    match envelope.body {
        Body::Error { number, .. } => Some(number),
        _ => None,
    }
}

fn status(envelope: &Envelope) -> Option<(StatusCode, String)> {
    match &envelope.body {
        Body::Status { code, state, .. } => Some((*code, state.as_str().to_owned())),
        _ => None,
    }
}

#[test]
fn a_query_to_a_state_or_an_agency_goes_to_that_states_switch() {
    let routing = directory().route(&query(
        "IL0160000",
        vec![
            Destination::State(state("WI")),
            Destination::Agency(ori("IN0490000")),
        ],
    ));
    assert_eq!(routing.deliver, vec![state("WI"), state("IN")]);
    assert!(routing.replies.is_empty() && routing.held.is_empty() && !routing.fan_out);
}

#[test]
fn nl_reaches_every_other_state_that_answers_the_key() {
    let routing = directory().route(&query("IL0160000", vec![Destination::Everyone]));
    assert!(routing.fan_out);
    // Not the sender's own state, not Iowa (which does not answer DQ).
    assert_eq!(routing.deliver, vec![state("WI"), state("IN")]);
}

#[test]
fn unknown_senders_and_destinations_are_answered_with_er_from_the_hub() {
    let directory = directory();
    let from_outside = directory.route(&query("OH0180000", vec![Destination::State(state("WI"))]));
    assert!(from_outside.deliver.is_empty());
    let reply = &from_outside.replies[0];
    assert_eq!(reply.from.as_str(), "NL0000000");
    assert_eq!(reply.to, vec![Destination::Agency(ori("OH0180000"))]);
    assert_eq!(error_number(reply), Some(HubError::UnknownSender.number()));

    let to_outside = directory.route(&query("IL0160000", vec![Destination::State(state("OH"))]));
    assert!(to_outside.deliver.is_empty());
    assert_eq!(
        error_number(&to_outside.replies[0]),
        Some(HubError::UnknownDestination.number())
    );
}

#[test]
fn only_driver_queries_go_to_nl_and_only_the_hub_sends_sm_and_er() {
    let directory = directory();
    let mut message = query("IL0160000", vec![Destination::Everyone]);
    message.body = Body::Admin("TO ALL STATES".into());
    assert_eq!(
        error_number(&directory.route(&message).replies[0]),
        Some(HubError::NotBroadcastable.number())
    );
    message.to = vec![Destination::State(state("WI"))];
    message.body = Body::Error {
        number: 1,
        text: "FORGED".into(),
    };
    let routing = directory.route(&message);
    assert!(routing.deliver.is_empty());
    assert_eq!(
        error_number(&routing.replies[0]),
        Some(HubError::HubOnlyKey.number())
    );
}

#[test]
fn a_state_that_does_not_answer_the_key_gets_nothing_and_the_sender_sm_01() {
    let routing = directory().route(&query("IL0160000", vec![Destination::State(state("IA"))]));
    assert!(routing.deliver.is_empty() && routing.held.is_empty());
    assert_eq!(
        status(&routing.replies[0]),
        Some((StatusCode::DoesNotAnswer, "IA".to_owned()))
    );
}

#[test]
fn a_state_out_of_service_is_held_for_with_sm_02_and_a_removed_state_gets_sm_04() {
    let mut directory = directory();
    assert!(directory.set_status(&state("WI"), SwitchStatus::OutOfService));
    assert!(directory.set_status(&state("IN"), SwitchStatus::Removed));
    assert!(!directory.set_status(&state("OH"), SwitchStatus::Removed));
    let routing = directory.route(&query(
        "IL0160000",
        vec![
            Destination::State(state("WI")),
            Destination::State(state("IN")),
        ],
    ));
    assert!(routing.deliver.is_empty());
    assert_eq!(routing.held, vec![state("WI")]);
    assert_eq!(
        routing
            .replies
            .iter()
            .filter_map(status)
            .collect::<Vec<_>>(),
        vec![
            (StatusCode::OutOfService, "WI".to_owned()),
            (StatusCode::Removed, "IN".to_owned())
        ]
    );
    // A removed state sends nothing either.
    let from_removed = directory.route(&query("IN0490000", vec![Destination::State(state("IL"))]));
    assert_eq!(
        error_number(&from_removed.replies[0]),
        Some(HubError::UnknownSender.number())
    );
}

#[test]
fn a_response_goes_back_to_the_asker_only_with_its_control_field() {
    let directory = directory();
    // Iowa answers no DQ, but a DR addressed to it is still delivered (an answer is not a query).
    let routing = directory.route(&response(
        "WI0130000",
        "IA0770000",
        "Q0000001",
        StateOutcome::NotOnFile,
    ));
    assert_eq!(routing.deliver, vec![state("IA")]);
    let mut without = response(
        "WI0130000",
        "IL0160000",
        "Q0000001",
        StateOutcome::NotOnFile,
    );
    without.control = None;
    assert_eq!(
        error_number(&directory.route(&without).replies[0]),
        Some(HubError::NoControlField.number())
    );
}

#[test]
fn the_merge_goes_when_every_state_answered_and_keeps_each_answer() {
    let now = Timestamp::from_micros(1_800_000_000_000_000);
    let q = query("IL0160000", vec![Destination::Everyone]);
    let mut fan_out = FanOut::new(q, vec![state("WI"), state("IN")], Vec::new(), now);
    assert!(!fan_out.due(now));
    assert!(fan_out.record(&response(
        "WI0130000",
        "IL0160000",
        "Q0000001",
        StateOutcome::NotOnFile
    )));
    // A second answer from the same state, or one with another control field, is not taken.
    assert!(!fan_out.record(&response(
        "WI0130000",
        "IL0160000",
        "Q0000001",
        StateOutcome::Unavailable
    )));
    assert!(!fan_out.record(&response(
        "IN0490000",
        "IL0160000",
        "Q0000002",
        StateOutcome::NotOnFile
    )));
    assert!(!fan_out.complete());
    assert!(fan_out.record(&response(
        "IN0490000",
        "IL0160000",
        "Q0000001",
        StateOutcome::Unavailable
    )));
    assert!(fan_out.complete() && fan_out.due(now));
    let merged = fan_out.merged();
    assert_eq!(merged.from.as_str(), "NL0000000");
    assert_eq!(merged.to, vec![Destination::Agency(ori("IL0160000"))]);
    assert_eq!(
        merged.control.as_ref().map(ControlField::as_str),
        Some("Q0000001")
    );
    let Body::DriverResponse(body) = merged.body else {
        panic!("a merged response is a DR");
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
            ("IN", &StateOutcome::Unavailable)
        ]
    );
    assert!(body.answers[0].photo.is_some());
}

#[test]
fn at_sixty_seconds_the_merge_goes_with_silent_states_marked_no_response() {
    let now = Timestamp::from_micros(1_800_000_000_000_000);
    let q = query("IL0160000", vec![Destination::Everyone]);
    let declined = vec![(state("IA"), StatusCode::DoesNotAnswer)];
    let mut fan_out = FanOut::new(q, vec![state("WI"), state("IN")], declined, now);
    assert!(fan_out.record(&response(
        "IN0490000",
        "IL0160000",
        "Q0000001",
        StateOutcome::NotOnFile
    )));
    assert!(!fan_out.due(now.plus_seconds(FAN_OUT_WAIT_SECONDS - 1)));
    assert!(fan_out.due(now.plus_seconds(FAN_OUT_WAIT_SECONDS)));
    let Body::DriverResponse(body) = fan_out.merged().body else {
        panic!("a merged response is a DR");
    };
    let outcomes: Vec<(&str, &StateOutcome)> = body
        .answers
        .iter()
        .map(|a| (a.state.as_str(), &a.outcome))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("WI", &StateOutcome::NoResponse),
            ("IN", &StateOutcome::NotOnFile),
            ("IA", &StateOutcome::DoesNotAnswer)
        ]
    );
}

#[test]
fn the_traffic_log_keeps_no_image_only_its_size_and_digest_for_one_year() {
    let at = Timestamp::from_micros(1_800_000_000_000_000);
    let message = response(
        "WI0130000",
        "IL0160000",
        "Q0000001",
        StateOutcome::NotOnFile,
    );
    let entry = TrafficEntry::of(&message, at, |bytes| format!("len{}", bytes.len()));
    assert_eq!(entry.key, InterstateKey::Dr);
    assert_eq!(entry.control.as_deref(), Some("Q0000001"));
    assert_eq!(entry.photos.len(), 1);
    assert_eq!(entry.photos[0].bytes, 4);
    assert_eq!(entry.photos[0].digest, "len4");
    let Body::DriverResponse(logged) = &entry.message.body else {
        panic!("the logged message is the DR");
    };
    assert!(logged.answers.iter().all(|a| a.photo.is_none()));
    let year = TRAFFIC_LOG_DAYS * 86_400;
    assert!(!entry.expired(at.plus_seconds(year - 1)));
    assert!(entry.expired(at.plus_seconds(year)));
}
