#![doc = include_str!("../README.md")]

use leads_domain::fields::Ori;
use leads_domain::files::{Action, FileKind};
use leads_domain::reply::Reason;
use leads_domain::rules::RuleId;

/// Who is asking: the signed-in operator at a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub operator_id: String,
    pub operator_name: String,
    pub operator_active: bool,
    /// The operator's agency.
    pub agency: Ori,
    pub agency_active: bool,
    pub terminal_id: String,
    /// The agency the terminal is registered to.
    pub terminal_agency: Ori,
    pub terminal_active: bool,
}

/// One authorization question.
#[derive(Debug, Clone, Copy)]
pub struct AuthzRequest<'a> {
    pub principal: &'a Principal,
    pub action: Action,
    /// The message key.
    pub key: &'a str,
    /// The ORI the message is sent in the name of.
    pub message_ori: &'a Ori,
    pub file: FileKind,
    /// The owner of the record acted on, when there is one.
    pub record_owner: Option<&'a Ori>,
}

/// The answer, with the rules that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// For a refusal, every rule that refused; for an allow, the rules that permitted.
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// A refusal for the given reasons.
    pub fn refuse(reasons: Vec<Reason>) -> Decision {
        Decision {
            allowed: false,
            reasons,
        }
    }
}

/// Decides whether a request may proceed. Implementations must deny by default.
pub trait Authorizer: Send + Sync + std::fmt::Debug {
    fn authorize(&self, request: &AuthzRequest<'_>) -> Decision;
}

/// The spine's rules (replaced by Cedar policies later behind the same trait).
#[derive(Debug, Default, Clone, Copy)]
pub struct BaselinePolicy;

impl Authorizer for BaselinePolicy {
    fn authorize(&self, request: &AuthzRequest<'_>) -> Decision {
        let p = request.principal;
        let mut refusals = Vec::new();
        if !p.operator_active {
            refusals.push(Reason::rule(
                RuleId::T2,
                "OPERATOR IS NOT ACTIVE OR NOT CERTIFIED",
            ));
        }
        if !p.agency_active {
            refusals.push(Reason::rule(
                RuleId::A2,
                "AGENCY IS NOT ACTIVE (NO INTERAGENCY AGREEMENT IN FORCE)",
            ));
        }
        if !p.terminal_active || p.terminal_agency != p.agency {
            refusals.push(Reason::rule(
                RuleId::S5,
                "TERMINAL IS NOT REGISTERED TO THE OPERATOR'S AGENCY",
            ));
        }
        if request.message_ori != &p.agency {
            refusals.push(Reason::rule(
                RuleId::S3,
                format!(
                    "OPERATOR MAY NOT SEND MESSAGES IN THE NAME OF ORI {}",
                    request.message_ori
                ),
            ));
        }
        let owner_only = matches!(
            request.action,
            Action::Modify | Action::Cancel | Action::Clear
        );
        if let (true, Some(owner)) = (owner_only, request.record_owner)
            && owner != request.message_ori
        {
            refusals.push(Reason::rule(
                RuleId::H7,
                format!(
                    "ONLY THE ENTERING AGENCY {owner} MAY {} THIS RECORD",
                    request.action.name()
                ),
            ));
        }
        if refusals.is_empty() {
            Decision {
                allowed: true,
                reasons: vec![],
            }
        } else {
            Decision::refuse(refusals)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ori(text: &str) -> Ori {
        Ori::parse(text).unwrap()
    }

    fn principal() -> Principal {
        Principal {
            operator_id: "OP1".into(),
            operator_name: "PAT OPERATOR".into(),
            operator_active: true,
            agency: ori("IL0160000"),
            agency_active: true,
            terminal_id: "T1".into(),
            terminal_agency: ori("IL0160000"),
            terminal_active: true,
        }
    }

    fn decide(p: &Principal, action: Action, message_ori: &str, owner: Option<&str>) -> Decision {
        let message_ori = ori(message_ori);
        let owner = owner.map(ori);
        BaselinePolicy.authorize(&AuthzRequest {
            principal: p,
            action,
            key: "XX",
            message_ori: &message_ori,
            file: FileKind::Wanted,
            record_owner: owner.as_ref(),
        })
    }

    fn rules(decision: &Decision) -> Vec<&str> {
        decision.reasons.iter().map(|r| r.rule.as_str()).collect()
    }

    #[test]
    fn an_active_operator_may_query_and_modify_own_records() {
        assert!(decide(&principal(), Action::Query, "IL0160000", None).allowed);
        assert!(decide(&principal(), Action::Modify, "IL0160000", Some("IL0160000")).allowed);
    }

    #[test]
    fn h7_only_the_entering_agency_changes_its_record() {
        for action in [Action::Modify, Action::Cancel, Action::Clear] {
            let d = decide(&principal(), action, "IL0160000", Some("IL0840000"));
            assert!(!d.allowed);
            assert_eq!(rules(&d), ["H7"]);
            assert!(d.reasons[0].citation.contains("1240.60(a)(7)"));
        }
        // Another agency locates the record.
        assert!(decide(&principal(), Action::Locate, "IL0160000", Some("IL0840000")).allowed);
    }

    #[test]
    fn s3_an_operator_sends_only_in_the_name_of_the_own_agency() {
        let d = decide(&principal(), Action::Query, "IL0840000", None);
        assert_eq!(rules(&d), ["S3"]);
    }

    #[test]
    fn every_failing_rule_is_cited() {
        let mut p = principal();
        p.operator_active = false;
        p.agency_active = false;
        p.terminal_agency = ori("IL0840000");
        let d = decide(&p, Action::Query, "IL0160000", None);
        assert_eq!(rules(&d), ["T2", "A2", "S5"]);
    }
}
