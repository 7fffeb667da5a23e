#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]
//! Who may do what: one scenario per situation, named by the rule it checks. Each starts from a
//! fully eligible operator and changes one fact.

use leads_domain::access::{
    AccessLevel, AgencyStatus, Background, BasisEvidence, Certification, CertificationLevel,
    ChargeDenial, Conviction, OffenseClass, Role, Service, ServicePart, ServiceScope, Suspension,
};
use leads_domain::files::{Action, FileKind};
use leads_policy::{
    Act, AdminAction, Authorizer, AuthzRequest, CedarAuthorizer, Decision, Principal, Target,
};

mod common;
use common::{date, eligible, ori, today};
use leads_domain::fields::Ori;

struct Ask<'a> {
    act: Act,
    target: Target<'a>,
    message_ori: &'a str,
    roles_granted: &'a [Role],
}

fn query(file: FileKind) -> Ask<'static> {
    Ask {
        act: Act::Transaction(Action::Query),
        target: Target::File(file),
        message_ori: "IL0160000",
        roles_granted: &[],
    }
}

fn decide(principal: &Principal, ask: Ask<'_>) -> Decision {
    let authorizer = CedarAuthorizer::strict().unwrap();
    let message_ori = ori(ask.message_ori);
    authorizer.authorize(
        &AuthzRequest::new(principal, ask.act, ask.target, today())
            .in_name_of(&message_ori)
            .granting(ask.roles_granted)
            .for_case("C", "2026-1"),
    )
}

fn refused_by(decision: &Decision) -> Vec<&str> {
    assert!(!decision.allowed, "expected a refusal");
    decision.reasons.iter().map(|r| r.rule.as_str()).collect()
}

#[test]
fn policies_validate_against_the_schema_in_strict_mode() {
    let authorizer = CedarAuthorizer::new().unwrap();
    assert!(authorizer.policy_ids().len() >= 18);
    let broken = leads_policy::POLICIES.replace(
        "principal.fingerprint_on_file",
        "principal.no_such_attribute",
    );
    let error = CedarAuthorizer::from_sources(&broken, leads_policy::SCHEMA).unwrap_err();
    assert!(error.to_string().contains("no_such_attribute"), "{error}");
}

#[test]
fn every_policy_has_an_id_and_a_citation_and_forbids_name_a_rule() {
    let authorizer = CedarAuthorizer::new().unwrap();
    let text = leads_policy::POLICIES;
    for id in authorizer.policy_ids() {
        let start = text.find(&format!("@id(\"{id}\")")).unwrap();
        let block = &text[start..text[start..].find(';').map_or(text.len(), |e| start + e)];
        assert!(block.contains("@cite("), "{id} has no @cite");
        assert!(block.contains("@advice("), "{id} has no @advice");
        if block.contains("forbid") {
            let rule = block
                .split("@rule(\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap();
            assert!(
                leads_domain::RuleId::from_id(rule).is_some(),
                "{id} cites unknown rule {rule}"
            );
        }
    }
}

#[test]
fn an_eligible_operator_may_run_every_transaction_on_own_records() {
    let p = eligible(&[Role::Operator]);
    for action in [Action::Enter, Action::Query] {
        let d = decide(
            &p,
            Ask {
                act: Act::Transaction(action),
                ..query(FileKind::Wanted)
            },
        );
        assert!(d.allowed, "{action:?}: {:?}", d.reasons);
    }
    let own = ori("IL0160000");
    for action in [
        Action::Modify,
        Action::Cancel,
        Action::Clear,
        Action::Locate,
    ] {
        let target = Target::Record {
            file: FileKind::Wanted,
            owner: &own,
        };
        assert!(
            decide(
                &p,
                Ask {
                    act: Act::Transaction(action),
                    target,
                    ..query(FileKind::Wanted)
                }
            )
            .allowed
        );
    }
}

#[test]
fn s1_operator_without_fingerprint_check_is_refused() {
    let mut p = eligible(&[Role::Operator]);
    p.person.background = None;
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["S1"]);
    p.person.background = Some(Background {
        state_clear: true,
        fbi_clear: false,
        completed_on: date("20250101"),
        reference: "X".into(),
    });
    let d = decide(&p, query(FileKind::Wanted));
    assert_eq!(refused_by(&d), ["S1"]);
    assert_eq!(d.reasons[0].citation, "20 Ill. Adm. Code 1240.50(b)(1)");
}

#[test]
fn s2_felony_conviction_bars_access() {
    let mut p = eligible(&[Role::Operator]);
    p.person.convictions.push(Conviction {
        class: OffenseClass::Felony,
        description: "BURGLARY".into(),
        on: date("20100101"),
    });
    assert_eq!(refused_by(&decide(&p, query(FileKind::Gun))), ["S2"]);
}

#[test]
fn s2_pending_charge_denied_by_the_administrator_bars_access() {
    let mut p = eligible(&[Role::Operator]);
    p.person.charge_denial = Some(ChargeDenial {
        reason: "PENDING FELONY".into(),
        on: date("20261101"),
        by: "ADMIN".into(),
    });
    assert_eq!(refused_by(&decide(&p, query(FileKind::Gun))), ["S2"]);
}

#[test]
fn t2_expired_certification_means_no_access() {
    let mut p = eligible(&[Role::Operator]);
    p.person.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date("20230101"),
        expires_on: date("20261120"),
    });
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["T2"]);
}

#[test]
fn t2_less_than_full_certification_may_only_inquire() {
    let mut p = eligible(&[Role::Operator]);
    p.person.certification = Some(Certification {
        level: CertificationLevel::LessThanFull,
        certified_on: date("20250101"),
        expires_on: date("20270101"),
    });
    assert!(decide(&p, query(FileKind::Wanted)).allowed);
    let enter = Ask {
        act: Act::Transaction(Action::Enter),
        ..query(FileKind::Wanted)
    };
    assert_eq!(refused_by(&decide(&p, enter)), ["T2"]);
}

#[test]
fn a1_agency_without_eligibility_basis_is_refused() {
    let mut p = eligible(&[Role::Operator]);
    p.agency.evidence = Some(BasisEvidence::AuthorizedByLaw {
        statute: "X".into(),
        no_adverse_impact_finding: "".into(),
    });
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["A1"]);
}

#[test]
fn a2_agency_without_signed_agreement_is_refused() {
    let mut p = eligible(&[Role::Operator]);
    p.agency.agreement = None;
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["A2"]);
}

#[test]
fn a2_inactive_agency_is_refused() {
    let mut p = eligible(&[Role::Operator]);
    p.agency.status = AgencyStatus::Inactive;
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["A2"]);
}

#[test]
fn a3_less_than_full_agency_cannot_use_ungranted_file() {
    let mut p = eligible(&[Role::Operator]);
    p.agency.access = AccessLevel::LessThanFull {
        services: [Service::Vehicle, Service::Plate].into(),
    };
    assert!(decide(&p, query(FileKind::Vehicle)).allowed);
    let d = decide(&p, query(FileKind::Wanted));
    assert_eq!(refused_by(&d), ["A3"]);
    assert_eq!(d.reasons[0].citation, "20 Ill. Adm. Code 1240.30(b)(5)");
}

#[test]
fn o3_a_part_suspension_refuses_entries_while_inquiries_answer() {
    let mut p = eligible(&[Role::Operator]);
    p.agency.suspensions.push(Suspension {
        scope: ServiceScope::Part {
            service: Service::Wanted,
            part: ServicePart::Entries,
        },
        reference: "VIOLATION 1".into(),
        reason: "MAJOR VIOLATION".into(),
        since_micros: 0,
        imposed_by: "DIR".into(),
    });
    let on_wanted = |action| Ask {
        act: Act::Transaction(action),
        ..query(FileKind::Wanted)
    };
    for action in [
        Action::Enter,
        Action::Modify,
        Action::Cancel,
        Action::Clear,
        Action::Locate,
    ] {
        assert_eq!(
            refused_by(&decide(&p, on_wanted(action))),
            ["O3"],
            "{action:?}"
        );
    }
    assert!(
        decide(&p, query(FileKind::Wanted)).allowed,
        "inquiries answer"
    );
    let owner = ori("IL0840000");
    assert!(
        decide(
            &p,
            Ask {
                act: Act::Confirm(true),
                target: Target::Record {
                    file: FileKind::Wanted,
                    owner: &owner,
                },
                ..query(FileKind::Wanted)
            }
        )
        .allowed,
        "hit confirmation requests are inquiries"
    );
    assert!(
        decide(
            &p,
            Ask {
                act: Act::Transaction(Action::Enter),
                ..query(FileKind::Gun)
            }
        )
        .allowed,
        "other files take entries"
    );
    p.agency.suspensions[0].scope = ServiceScope::Part {
        service: Service::Wanted,
        part: ServicePart::Inquiries,
    };
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["O3"]);
    assert!(decide(&p, on_wanted(Action::Enter)).allowed);
}

#[test]
fn o3_suspended_service_is_refused_and_others_still_work() {
    let mut p = eligible(&[Role::Operator]);
    p.agency.suspensions.push(Suspension {
        scope: ServiceScope::Only(Service::Wanted),
        reference: "SANCTION 2026-7".into(),
        reason: "MAJOR VIOLATION".into(),
        since_micros: 0,
        imposed_by: "ADMIN".into(),
    });
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["O3"]);
    assert!(decide(&p, query(FileKind::Gun)).allowed);
    p.agency.suspensions[0].scope = ServiceScope::All;
    assert_eq!(refused_by(&decide(&p, query(FileKind::Gun))), ["O3"]);
    p.agency.suspensions.clear();
    assert!(
        decide(&p, query(FileKind::Wanted)).allowed,
        "lifting the suspension restores the service"
    );
}

#[test]
fn s5_unapproved_or_foreign_terminal_is_refused() {
    let mut p = eligible(&[Role::Operator]);
    p.terminal.approved_on = None;
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["S5"]);
    let mut p = eligible(&[Role::Operator]);
    p.terminal.ori = ori("IL0840000");
    assert_eq!(refused_by(&decide(&p, query(FileKind::Wanted))), ["S5"]);
}

#[test]
fn s3_message_in_another_agencys_name_is_refused() {
    let p = eligible(&[Role::Operator]);
    let ask = Ask {
        message_ori: "IL0840000",
        ..query(FileKind::Wanted)
    };
    assert_eq!(refused_by(&decide(&p, ask)), ["S3"]);
}

#[test]
fn h7_another_agency_cannot_change_a_record() {
    let p = eligible(&[Role::Operator]);
    let other = ori("IL0840000");
    let target = Target::Record {
        file: FileKind::Wanted,
        owner: &other,
    };
    for action in [Action::Modify, Action::Cancel, Action::Clear] {
        let d = decide(
            &p,
            Ask {
                act: Act::Transaction(action),
                target,
                ..query(FileKind::Wanted)
            },
        );
        assert_eq!(refused_by(&d), ["H7"]);
    }
    assert!(
        decide(
            &p,
            Ask {
                act: Act::Transaction(Action::Locate),
                target,
                ..query(FileKind::Wanted)
            }
        )
        .allowed
    );
}

#[test]
fn every_failing_rule_is_cited_together() {
    let mut p = eligible(&[Role::Operator]);
    p.person.background = None;
    p.agency.agreement = None;
    p.terminal.active = false;
    let decision = decide(&p, query(FileKind::Wanted));
    let mut rules = refused_by(&decision);
    rules.sort_unstable();
    assert_eq!(rules, ["A2", "S1", "S5"]);
}

#[test]
fn default_deny_names_the_rule_that_would_have_granted_the_act_and_to_whom() {
    let p = eligible(&[Role::Auditor]);
    let d = decide(&p, query(FileKind::Wanted));
    assert_eq!(refused_by(&d), ["T2"]);
    assert_eq!(d.reasons[0].citation, "20 Ill. Adm. Code 1240.90(b)(1)");
    assert_eq!(
        d.reasons[0].text,
        "NO POLICY PERMITS QUERY FOR ROLE AUDITOR - IT IS GRANTED WHERE: CERTIFIED OPERATORS RUN HOT-FILE TRANSACTIONS"
    );
}

#[test]
fn t1_coordinator_manages_only_own_agency_and_only_agency_roles() {
    let p = eligible(&[Role::Coordinator, Role::Operator]);
    let own = ori("IL0160000");
    let other = ori("IL0840000");
    fn manage<'a>(target: &'a Ori, roles: &'a [Role]) -> Ask<'a> {
        Ask {
            act: Act::Admin(AdminAction::ManagePerson),
            target: Target::Agency(target),
            message_ori: "IL0160000",
            roles_granted: roles,
        }
    }
    assert!(decide(&p, manage(&own, &[Role::Operator])).allowed);
    assert_eq!(
        refused_by(&decide(&p, manage(&other, &[Role::Operator]))),
        ["administrator-administers", "T1"]
    );
    assert_eq!(
        refused_by(&decide(&p, manage(&own, &[Role::Administrator]))),
        ["T1"]
    );
    let suspend = Ask {
        act: Act::Admin(AdminAction::SuspendService),
        target: Target::Agency(&own),
        message_ori: "IL0160000",
        roles_granted: &[],
    };
    assert_eq!(
        refused_by(&decide(&p, suspend)),
        ["administrator-administers"]
    );
}

#[test]
fn the_administrator_administers_and_auditors_only_read_the_audit_log() {
    let admin = eligible(&[Role::Administrator]);
    let other = ori("IL0840000");
    for action in [
        AdminAction::ManageAgency,
        AdminAction::SuspendService,
        AdminAction::ManagePerson,
        AdminAction::ReadAudit,
    ] {
        let ask = Ask {
            act: Act::Admin(action),
            target: Target::Agency(&other),
            message_ori: "IL0160000",
            roles_granted: &[Role::Administrator],
        };
        assert!(decide(&admin, ask).allowed, "{action:?}");
    }
    let auditor = eligible(&[Role::Auditor]);
    let read = Ask {
        act: Act::Admin(AdminAction::ReadAudit),
        target: Target::AuditLog,
        message_ori: "IL0160000",
        roles_granted: &[],
    };
    assert!(decide(&auditor, read).allowed);
    let suspend = Ask {
        act: Act::Admin(AdminAction::SuspendService),
        target: Target::Agency(&other),
        message_ori: "IL0160000",
        roles_granted: &[],
    };
    assert_eq!(
        refused_by(&decide(&auditor, suspend)),
        ["administrator-administers"]
    );
}

#[test]
fn t1_coordinator_reads_only_the_own_agencys_audit_records() {
    let coordinator = eligible(&[Role::Coordinator, Role::Operator]);
    let own = ori("IL0160000");
    let other = ori("IL0840000");
    let read = |target| Ask {
        act: Act::Admin(AdminAction::ReadAudit),
        target,
        message_ori: "IL0160000",
        roles_granted: &[],
    };
    assert!(decide(&coordinator, read(Target::Agency(&own))).allowed);
    let refused = decide(&coordinator, read(Target::Agency(&other)));
    assert_eq!(refused_by(&refused), ["T1"]);
    assert_eq!(
        refused.reasons[0].text,
        "AN AGENCY COORDINATOR READS ONLY THE OWN AGENCY'S AUDIT RECORDS"
    );
    assert_eq!(
        refused.reasons[0].citation,
        "20 Ill. Adm. Code 1240.90(a)(3)(C)"
    );
    assert_eq!(
        refused_by(&decide(&coordinator, read(Target::AuditLog))),
        ["O1", "T1"],
        "the whole log is for auditors and the Administrator"
    );
    let operator = eligible(&[Role::Operator]);
    assert_eq!(
        refused_by(&decide(&operator, read(Target::Agency(&own)))),
        ["O1", "T1"],
        "an operator reads no audit records, not even the own agency's"
    );
}

#[test]
fn s3_recording_a_dissemination_is_a_transaction_of_the_own_agency() {
    let owner = ori("IL0840000");
    let disseminate = |message_ori| Ask {
        act: Act::Disseminate,
        target: Target::Record {
            file: FileKind::Wanted,
            owner: &owner,
        },
        message_ori,
        roles_granted: &[],
    };
    let mut p = eligible(&[Role::Operator]);
    assert!(
        decide(&p, disseminate("IL0160000")).allowed,
        "an operator passes on a record another agency owns"
    );
    assert_eq!(refused_by(&decide(&p, disseminate("IL0840000"))), ["S3"]);
    p.agency.suspensions.push(Suspension {
        scope: ServiceScope::Only(Service::Wanted),
        reference: "SANCTION 2026-7".into(),
        reason: "MAJOR VIOLATION".into(),
        since_micros: 0,
        imposed_by: "ADMIN".into(),
    });
    assert_eq!(refused_by(&decide(&p, disseminate("IL0160000"))), ["O3"]);
    let auditor = eligible(&[Role::Auditor]);
    assert_eq!(
        refused_by(&decide(&auditor, disseminate("IL0160000"))),
        ["T2"]
    );
}

#[test]
fn t1_the_misuse_review_queue_is_the_coordinators_for_the_own_agency_and_the_administrators() {
    let own = ori("IL0160000");
    let other = ori("IL0840000");
    let review = |target| Ask {
        act: Act::Admin(AdminAction::ReviewMisuse),
        target,
        message_ori: "IL0160000",
        roles_granted: &[],
    };
    let coordinator = eligible(&[Role::Coordinator, Role::Operator]);
    assert!(decide(&coordinator, review(Target::Agency(&own))).allowed);
    assert_eq!(
        refused_by(&decide(&coordinator, review(Target::Agency(&other)))),
        ["T1"]
    );
    assert_eq!(
        refused_by(&decide(&coordinator, review(Target::AuditLog))),
        ["O1", "T1"]
    );
    let admin = eligible(&[Role::Administrator]);
    assert!(decide(&admin, review(Target::AuditLog)).allowed);
    assert!(decide(&admin, review(Target::Agency(&other))).allowed);
    for roles in [&[Role::Operator][..], &[Role::Auditor][..]] {
        let p = eligible(roles);
        assert_eq!(
            refused_by(&decide(&p, review(Target::Agency(&own)))),
            ["O1", "T1"]
        );
    }
}

#[test]
fn i3_d1_compliance_lists_are_the_own_agency_s_and_statewide_only_for_the_administrator_and_auditors()
 {
    let own = ori("IL0160000");
    let other = ori("IL0840000");
    let read = |target| Ask {
        act: Act::Admin(AdminAction::ReadCompliance),
        target,
        message_ori: "IL0160000",
        roles_granted: &[],
    };
    for roles in [
        &[Role::Operator][..],
        &[Role::Coordinator, Role::Operator][..],
    ] {
        let p = eligible(roles);
        assert!(decide(&p, read(Target::Agency(&own))).allowed, "{roles:?}");
        assert_eq!(
            refused_by(&decide(&p, read(Target::Agency(&other)))),
            ["D1"],
            "{roles:?}"
        );
        assert_eq!(
            refused_by(&decide(&p, read(Target::Statewide))),
            ["agency-reads-own-compliance", "O1"],
            "{roles:?}"
        );
    }
    for roles in [&[Role::Administrator][..], &[Role::Auditor][..]] {
        let p = eligible(roles);
        assert!(decide(&p, read(Target::Statewide)).allowed, "{roles:?}");
        assert!(
            decide(&p, read(Target::Agency(&other))).allowed,
            "{roles:?}"
        );
    }
}
