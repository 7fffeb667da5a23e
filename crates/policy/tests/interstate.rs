#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]
//! The interstate network's policies (N1-N5): each scenario starts from an approved operator of a
//! criminal-justice agency asking for a photo for a stated purpose, and changes one fact.

mod common;

use common::{date, eligible, today};
use leads_domain::access::{BasisEvidence, InterstateApproval, Role};
use leads_domain::fields::Oln;
use leads_domain::interstate::{
    Destination, DriverLookup, DriverQuery, PhotoPurpose, PurposeFields,
};
use leads_policy::{
    Act, Authorizer, AuthzRequest, CedarAuthorizer, Decision, InterstateAction, InterstateFacts,
    Principal, RemoteAct, RemoteRequest, Target,
};

fn approved() -> Principal {
    let mut principal = eligible(&[Role::Operator]);
    principal.person.interstate_approval = Some(InterstateApproval {
        approved_on: date("20260101"),
        by: "ADMIN1".into(),
    });
    principal
}

struct Query<'a> {
    purpose: &'a str,
    use_: &'a str,
    case: Option<&'a str>,
    verified_by: Option<&'a str>,
    warrant: Option<&'a str>,
    by_oln: bool,
    to: &'a [&'a str],
}

const STOP: Query<'static> = Query {
    purpose: "1",
    use_: "TNI",
    case: Some("2026-0042"),
    verified_by: None,
    warrant: None,
    by_oln: false,
    to: &["WI"],
};

fn decide_with(
    principal: &Principal,
    act: InterstateAction,
    q: &Query<'_>,
    extra: &[&'static str],
) -> Decision {
    let purpose = PhotoPurpose::parse(PurposeFields {
        purpose: Some(q.purpose),
        use_: Some(q.use_),
        case: q.case,
        verified_by: q.verified_by,
        warrant: q.warrant,
    })
    .unwrap();
    let query = DriverQuery {
        reason: None,
        subject: if q.by_oln {
            DriverLookup::Oln(Oln::parse("D1234567890123").unwrap())
        } else {
            DriverLookup::Person {
                name: leads_domain::fields::PersonName::parse("DOE, JOHN").unwrap(),
                dob: date("19800115"),
                sex: leads_domain::fields::Sex::parse("M").unwrap(),
            }
        },
        photo: true,
        purpose: Some(purpose.clone()),
    };
    let to: Vec<Destination> =
        q.to.iter()
            .map(|d| Destination::parse(d).unwrap())
            .collect();
    let mut conditions = query.conditions(&to);
    conditions.extend_from_slice(extra);
    let authorizer = CedarAuthorizer::strict().unwrap();
    authorizer.authorize(
        &AuthzRequest::new(principal, Act::Interstate(act), Target::Interstate, today())
            .with_interstate(InterstateFacts {
                purpose: purpose.purpose().code(),
                use_: purpose.use_().code(),
                conditions: &conditions,
            }),
    )
}

fn decide(principal: &Principal, q: &Query<'_>) -> Decision {
    decide_with(principal, InterstateAction::QueryDriver, q, &[])
}

fn refused_with(decision: &Decision) -> Vec<(&str, &str)> {
    assert!(!decision.allowed, "expected a refusal: {decision:?}");
    decision
        .reasons
        .iter()
        .map(|r| (r.rule.as_str(), r.citation.as_str()))
        .collect()
}

fn only_rule(decision: &Decision, rule: &str) {
    let reasons = refused_with(decision);
    assert!(reasons.iter().all(|(r, _)| *r == rule), "{reasons:?}");
    assert!(
        reasons.iter().all(|(_, c)| c.contains("Nlets")),
        "{reasons:?}"
    );
}

#[test]
fn n2_an_approved_operator_identifies_a_driver_at_a_traffic_stop() {
    let decision = decide(&approved(), &STOP);
    assert!(decision.allowed, "{decision:?}");
}

#[test]
fn n1_only_operators_approved_for_interstate_access_query_other_states() {
    let decision = decide(&eligible(&[Role::Operator]), &STOP);
    only_rule(&decision, "N1");
    assert!(
        decision.reasons[0]
            .text
            .contains("NOT APPROVED FOR INTERSTATE")
    );
}

#[test]
fn n1_only_criminal_justice_agencies_query_other_states() {
    let mut principal = approved();
    principal.agency.evidence = Some(BasisEvidence::AuthorizedByLaw {
        statute: "625 ILCS 5/2-123".into(),
        no_adverse_impact_finding: "LEADS ADMINISTRATOR 2026-03-01".into(),
    });
    let decision = decide(&principal, &STOP);
    let reasons = refused_with(&decision);
    assert!(reasons.iter().any(|(r, _)| *r == "N1"), "{reasons:?}");
}

#[test]
fn n2_a_photo_query_without_a_case_number_is_refused() {
    let decision = decide(&approved(), &Query { case: None, ..STOP });
    only_rule(&decision, "N2");
    assert!(decision.reasons[0].text.contains("CASE OR INCIDENT NUMBER"));
}

#[test]
fn n2_identification_without_suspicion_is_a_fishing_expedition() {
    let decision = decide(
        &approved(),
        &Query {
            use_: "NON",
            ..STOP
        },
    );
    only_rule(&decision, "N2");
    assert!(decision.reasons[0].text.contains("FISHING"));
    for circumstance in ["TFI", "BDR", "UNB", "AMN"] {
        let q = Query {
            use_: circumstance,
            ..STOP
        };
        assert!(decide(&approved(), &q).allowed, "{circumstance}");
    }
}

#[test]
fn n3_a_suspect_photo_is_kept_only_to_attach_and_where_the_source_permits() {
    let attach = Query {
        purpose: "2",
        use_: "ATT",
        ..STOP
    };
    assert!(decide(&approved(), &attach).allowed);
    let retain = |q: &Query<'_>, extra: &[&'static str]| {
        decide_with(&approved(), InterstateAction::RetainPhoto, q, extra)
    };
    assert!(retain(&attach, &["source_permits_retention"]).allowed);
    let forbidden = retain(&attach, &[]);
    only_rule(&forbidden, "N3");
    assert!(forbidden.reasons[0].text.contains("SOURCE STATE"));
    let locate = Query {
        purpose: "2",
        use_: "LOC",
        ..STOP
    };
    only_rule(&retain(&locate, &["source_permits_retention"]), "N3");
}

#[test]
fn n4_public_disclosure_needs_verification_and_for_a_suspect_a_warrant() {
    let flyer = Query {
        purpose: "3",
        use_: "WNT",
        ..STOP
    };
    let decision = decide(&approved(), &flyer);
    let reasons = refused_with(&decision);
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons.iter().all(|(r, _)| *r == "N4"));
    let verified = Query {
        verified_by: Some("DET LANE KNOWS HIM"),
        ..flyer
    };
    only_rule(&decide(&approved(), &verified), "N4");
    let warranted = Query {
        warrant: Some("2026-CF-1182"),
        ..verified
    };
    assert!(decide(&approved(), &warranted).allowed);
    let missing = Query {
        purpose: "3",
        use_: "MIS",
        verified_by: Some("HER MOTHER"),
        ..STOP
    };
    assert!(
        decide(&approved(), &missing).allowed,
        "a missing person needs no warrant"
    );
}

#[test]
fn n5_driver_photos_never_fill_a_line_up_and_only_the_identified_suspect_goes_in() {
    let filler = Query {
        purpose: "2",
        use_: "LNF",
        by_oln: true,
        ..STOP
    };
    only_rule(&decide(&approved(), &filler), "N5");
    let suspect = Query {
        purpose: "2",
        use_: "LNS",
        by_oln: true,
        ..STOP
    };
    assert!(decide(&approved(), &suspect).allowed);
    let by_name = Query {
        by_oln: false,
        ..suspect
    };
    only_rule(&decide(&approved(), &by_name), "N5");
    let everywhere = Query {
        to: &["NL"],
        ..suspect
    };
    only_rule(&decide(&approved(), &everywhere), "N5");
}

// ---- Another state's query, answered from the SOS image file --------------------------------

fn answer(ori: &str, own_state: bool, purpose: &str, conditions: &[&str]) -> Decision {
    let ori = common::ori(ori);
    CedarAuthorizer::strict()
        .unwrap()
        .authorize_remote(&RemoteRequest::new(
            &ori,
            own_state,
            RemoteAct::AnswerDriverQuery,
            today(),
            InterstateFacts {
                purpose,
                use_: "TNI",
                conditions,
            },
        ))
}

const STATED: &[&str] = &[
    "purpose_stated",
    "case_number",
    "suspected_criminal_activity",
    "photo_requested",
];

#[test]
fn p1_another_states_query_for_a_stated_investigation_is_answered_from_the_sos_file() {
    let decision = answer("WI0130000", false, "1", STATED);
    assert!(decision.allowed, "{decision:?}");
    assert!(
        decision
            .reasons
            .iter()
            .any(|r| r.rule == "P1" && r.citation.contains("1030.140(b)(1)(E)"))
    );
}

#[test]
fn p1_an_agency_of_this_state_is_not_answered_through_the_network() {
    let decision = answer("IL0160000", true, "1", STATED);
    let reasons = refused_with(&decision);
    assert_eq!(
        reasons,
        vec![("P1", "92 Ill. Adm. Code 1030.140(b)(1)(D) and (E)")]
    );
}

#[test]
fn p1_a_photo_query_without_its_purpose_or_case_is_not_answered() {
    for missing in ["purpose_stated", "case_number"] {
        let conditions: Vec<&str> = STATED.iter().copied().filter(|c| *c != missing).collect();
        let decision = answer("WI0130000", false, "1", &conditions);
        let reasons = refused_with(&decision);
        assert_eq!(
            reasons,
            vec![("P1", "92 Ill. Adm. Code 1030.140(b)(1)(E)")],
            "{missing}"
        );
    }
    // Without a photo asked for, the record alone is answered.
    let record_only = answer("WI0130000", false, "", &[]);
    assert!(record_only.allowed, "{record_only:?}");
}

#[test]
fn n2_no_photo_is_sent_to_another_state_for_a_fishing_expedition() {
    let conditions: Vec<&str> = STATED
        .iter()
        .copied()
        .filter(|c| *c != "suspected_criminal_activity")
        .collect();
    only_rule(&answer("WI0130000", false, "1", &conditions), "N2");
}

#[test]
fn an_authorizer_without_remote_policies_refuses_other_states() {
    #[derive(Debug)]
    struct LocalOnly;
    impl Authorizer for LocalOnly {
        fn authorize(&self, _: &AuthzRequest<'_>) -> Decision {
            Decision {
                allowed: true,
                reasons: Vec::new(),
                errors: Vec::new(),
            }
        }
    }
    let ori = common::ori("WI0130000");
    let decision = LocalOnly.authorize_remote(&RemoteRequest::new(
        &ori,
        false,
        RemoteAct::AnswerDriverQuery,
        today(),
        InterstateFacts::default(),
    ));
    assert!(!decision.allowed);
    assert_eq!(decision.reasons[0].rule, "default-deny");
}
