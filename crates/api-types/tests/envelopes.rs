#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]
//! The wire contract, pinned: every JSON answer flattens the one reply header (operation id,
//! client request id, time, outcome, code, message, reasons) into its own fields. A change to
//! any envelope shows as a snapshot difference (`cargo insta review`, or `INSTA_UPDATE=always`).

use leads_api_types::{
    AdminReplyBody, AuditReportBody, ErrorBody, ItemsBody, PhotosDueBody, ReasonBody, ReplyBody,
    ReplyHeader, ReviewReplyBody, SosBody,
};
use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::reply::{Answer, MessageBody, Outcome, Reason};
use leads_domain::rules::RuleId;

const AT: Timestamp = Timestamp::from_micros(1_795_290_012_345_678);

fn refused<T>(code: ReplyCode, body: T) -> Answer<T> {
    Answer {
        operation_id: "6f1c2b8e-0000-4000-8000-000000000001".into(),
        at: AT,
        outcome: Outcome::Refused,
        code,
        message: "NO POLICY PERMITS THIS".into(),
        reasons: vec![Reason::rule(RuleId::D1, "STATE THE PURPOSE AND THE CASE")],
        body,
    }
}

fn header(code: ReplyCode) -> ReplyHeader {
    let mut header = ReplyHeader::of(&refused(code, ()));
    header.client_request_id = Some("cad-7".into());
    header
}

#[test]
fn a_message_reply_envelope() {
    let reply = refused(
        ReplyCode::RuleRefused,
        MessageBody {
            key: Some("QW".into()),
            ori: Some("IL0160000".into()),
            criteria: Some("NAM/DOE, JOHN".into()),
            ..MessageBody::default()
        },
    );
    insta::assert_json_snapshot!(ReplyBody::from(&reply));
}

#[test]
fn an_administrative_reply_envelope() {
    let body = AdminReplyBody {
        header: header(ReplyCode::NotAuthorized),
        command: "list_agencies".into(),
        data: serde_json::Value::Null,
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn a_list_reply_envelope() {
    let body = ItemsBody {
        header: header(ReplyCode::Compliance),
        ori: Some("IL0160000".into()),
        items: vec!["an item".to_owned()],
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn an_sos_reply_envelope() {
    let body: SosBody<String> = SosBody {
        header: header(ReplyCode::RuleRefused),
        disclaimer: leads_domain::sos::DISCLAIMER.into(),
        confidentiality: leads_domain::sos::CONFIDENTIALITY_NOTICE.into(),
        items: vec![],
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn a_review_queue_reply_envelope() {
    let body = ReviewReplyBody {
        header: header(ReplyCode::MisuseFlags),
        flags: vec![],
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn an_audit_report_envelope() {
    let body = AuditReportBody {
        header: header(ReplyCode::AuditReport),
        criteria: "operator=OP16A".into(),
        entries: vec![],
        next_after: Some(42),
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn a_photos_due_envelope() {
    let body = PhotosDueBody {
        header: header(ReplyCode::PhotosDue),
        ori: None,
        notice_days: 30,
        photos: vec![],
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn an_error_envelope() {
    let body = ErrorBody {
        code: "auth_required".into(),
        message: "NOT SIGNED IN".into(),
        operation_id: "6f1c2b8e-0000-4000-8000-000000000002".into(),
    };
    insta::assert_json_snapshot!(body);
}

#[test]
fn the_header_reads_back_from_every_envelope() {
    let text = serde_json::to_string(&ReplyBody::from(&refused(
        ReplyCode::RuleRefused,
        MessageBody::default(),
    )))
    .unwrap();
    let back: ReplyBody = serde_json::from_str(&text).unwrap();
    assert_eq!(back.code, "rule_refused");
    assert_eq!(
        back.reasons,
        vec![ReasonBody {
            rule: "D1".into(),
            citation: RuleId::D1.citation().into(),
            text: "STATE THE PURPOSE AND THE CASE".into(),
        }]
    );
}
