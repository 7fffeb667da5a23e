//! The Cedar authorizer: the application's facts as Cedar entities, the decision with its
//! reasons.

use std::str::FromStr;

use cedar_policy::{
    Authorizer as CedarEngine, Context, Decision as CedarDecision, Entities, EntityUid, PolicyId,
    PolicySet, Request, Schema, ValidationMode, Validator,
};
use leads_domain::access::{Agency, Service};
use leads_domain::reply::Reason;
use serde_json::{Value, json};

use crate::{Act, Authorizer, AuthzRequest, Decision, Target};

/// The policies, compiled into the binary.
pub const POLICIES: &str = include_str!("../policies/leads.cedar");
/// The schema the policies are validated against.
pub const SCHEMA: &str = include_str!("../policies/leads.cedarschema");

/// Why the policies could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyLoadError {
    #[error("policy schema: {0}")]
    Schema(String),
    #[error("policy syntax: {0}")]
    Parse(String),
    #[error("every policy needs a unique @id annotation: {0}")]
    Id(String),
    #[error("policy validation (strict): {0}")]
    Validation(String),
}

/// Decides with Cedar.
#[derive(Debug)]
pub struct CedarAuthorizer {
    schema: Schema,
    policies: PolicySet,
    engine: CedarEngine,
}

fn entity_ref(kind: &str, id: &str) -> Value {
    json!({ "__entity": { "type": format!("LEADS::{kind}"), "id": id } })
}

fn agency_entity(agency: &Agency) -> Value {
    let has_basis = agency
        .evidence
        .as_ref()
        .is_some_and(|e| e.shortfalls().is_empty());
    let granted: Vec<&str> = Service::ALL
        .into_iter()
        .filter(|s| agency.access.grants(*s))
        .map(Service::name)
        .collect();
    json!({
        "uid": { "type": "LEADS::Agency", "id": agency.ori.as_str() },
        "attrs": {
            "status": match agency.status {
                leads_domain::access::AgencyStatus::Pending => "pending",
                leads_domain::access::AgencyStatus::Active => "active",
                leads_domain::access::AgencyStatus::Inactive => "inactive",
            },
            "has_basis": has_basis,
            "agreement_signed": agency.agreement.is_some(),
            "access_level": agency.access.name(),
            "granted": granted,
            "suspended": agency.suspended_scopes().into_iter().collect::<Vec<_>>(),
        },
        "parents": [],
    })
}

impl CedarAuthorizer {
    /// The authorizer over the compiled-in policies.
    pub fn new() -> Result<CedarAuthorizer, PolicyLoadError> {
        CedarAuthorizer::from_sources(POLICIES, SCHEMA)
    }

    /// An authorizer over given policy and schema texts (validated strictly).
    pub fn from_sources(policies: &str, schema: &str) -> Result<CedarAuthorizer, PolicyLoadError> {
        let (schema, _warnings) = Schema::from_cedarschema_str(schema)
            .map_err(|e| PolicyLoadError::Schema(e.to_string()))?;
        let parsed =
            PolicySet::from_str(policies).map_err(|e| PolicyLoadError::Parse(e.to_string()))?;
        let mut named = PolicySet::new();
        for policy in parsed.policies() {
            let id = policy
                .annotation("id")
                .ok_or_else(|| PolicyLoadError::Id(policy.to_string()))?;
            named
                .add(policy.new_id(PolicyId::new(id)))
                .map_err(|e| PolicyLoadError::Id(format!("{id}: {e}")))?;
        }
        let result = Validator::new(schema.clone()).validate(&named, ValidationMode::Strict);
        if !result.validation_passed() {
            let errors: Vec<String> = result
                .validation_errors()
                .map(ToString::to_string)
                .collect();
            return Err(PolicyLoadError::Validation(errors.join("; ")));
        }
        Ok(CedarAuthorizer {
            schema,
            policies: named,
            engine: CedarEngine::new(),
        })
    }

    /// The ids of the loaded policies.
    pub fn policy_ids(&self) -> Vec<String> {
        self.policies
            .policies()
            .map(|p| p.id().to_string())
            .collect()
    }

    fn reason(&self, id: &PolicyId) -> Reason {
        let annotation = |key: &str| self.policies.annotation(id, key).map(str::to_owned);
        Reason {
            rule: annotation("rule").unwrap_or_else(|| id.to_string()),
            citation: annotation("cite").unwrap_or_default(),
            text: annotation("advice").unwrap_or_else(|| id.to_string()),
        }
    }

    fn entities(&self, request: &AuthzRequest<'_>) -> Value {
        let p = request.principal;
        let person = &p.person;
        let certification = person
            .certification_on(request.today)
            .map_or("none", |level| level.name());
        let roles: Vec<&str> = person.roles.iter().map(|r| r.name()).collect();
        let mut entities = vec![
            agency_entity(&p.agency),
            json!({
                "uid": { "type": "LEADS::Operator", "id": person.id },
                "attrs": {
                    "agency": entity_ref("Agency", p.agency.ori.as_str()),
                    "roles": roles,
                    "fingerprint_on_file": person.fingerprint_check_on_file(),
                    "disqualified": person.disqualifying_conviction(),
                    "denied_for_charge": person.denied_for_charge(),
                    "certification": certification,
                },
                "parents": [],
            }),
            json!({
                "uid": { "type": "LEADS::Terminal", "id": p.terminal.id },
                "attrs": {
                    "agency": entity_ref("Agency", p.terminal.ori.as_str()),
                    "approved": p.terminal.approved_on.is_some(),
                    "active": p.terminal.active,
                },
                "parents": [],
            }),
        ];
        match request.target {
            Target::File(file) => entities.push(json!({
                "uid": { "type": "LEADS::File", "id": file.storage_name() },
                "attrs": { "service": Service::of_file(file).name() },
                "parents": [],
            })),
            Target::Record { file, owner } => entities.push(json!({
                "uid": { "type": "LEADS::Record", "id": "record" },
                "attrs": { "owner": entity_ref("Agency", owner.as_str()), "service": Service::of_file(file).name() },
                "parents": [],
            })),
            Target::Agency(_) | Target::AuditLog => {}
        }
        Value::Array(entities)
    }

    fn resource(request: &AuthzRequest<'_>) -> Result<EntityUid, String> {
        let text = match request.target {
            Target::File(file) => format!("LEADS::File::\"{}\"", file.storage_name()),
            Target::Record { .. } => "LEADS::Record::\"record\"".to_owned(),
            Target::Agency(ori) => format!("LEADS::Agency::\"{ori}\""),
            Target::AuditLog => "LEADS::AuditLog::\"audit\"".to_owned(),
        };
        EntityUid::from_str(&text).map_err(|e| e.to_string())
    }

    fn decide(&self, request: &AuthzRequest<'_>) -> Result<Decision, String> {
        let p = request.principal;
        let service = match (request.act, request.target) {
            (Act::Transaction(_), Target::File(file) | Target::Record { file, .. }) => {
                Service::of_file(file).name()
            }
            _ => "",
        };
        let principal = EntityUid::from_str(&format!("LEADS::Operator::{:?}", p.person.id))
            .map_err(|e| e.to_string())?;
        let action = EntityUid::from_str(&format!("LEADS::Action::\"{}\"", request.act.name()))
            .map_err(|e| e.to_string())?;
        let resource = CedarAuthorizer::resource(request)?;
        let roles_granted: Vec<&str> = request.roles_granted.iter().map(|r| r.name()).collect();
        let context = Context::from_json_value(
            json!({
                "message_agency": entity_ref("Agency", request.message_ori.as_str()),
                "terminal": entity_ref("Terminal", &p.terminal.id),
                "service": service,
                "roles_granted": roles_granted,
                "purpose": request.purpose,
                "case_number": request.case_number,
                "today": i64::from(request.today.year()) * 10_000
                    + i64::from(u8::from(request.today.month())) * 100
                    + i64::from(request.today.day()),
            }),
            Some((&self.schema, &action)),
        )
        .map_err(|e| e.to_string())?;
        let entities = Entities::from_json_value(self.entities(request), Some(&self.schema))
            .map_err(|e| e.to_string())?;
        let cedar_request = Request::new(principal, action, resource, context, Some(&self.schema))
            .map_err(|e| e.to_string())?;
        let response = self
            .engine
            .is_authorized(&cedar_request, &self.policies, &entities);
        let errors: Vec<String> = response
            .diagnostics()
            .errors()
            .map(ToString::to_string)
            .collect();
        let reasons: Vec<Reason> = response
            .diagnostics()
            .reason()
            .map(|id| self.reason(id))
            .collect();
        let allowed = response.decision() == CedarDecision::Allow && errors.is_empty();
        if allowed {
            return Ok(Decision {
                allowed,
                reasons,
                errors,
            });
        }
        let mut reasons: Vec<Reason> = if response.decision() == CedarDecision::Allow {
            Vec::new()
        } else {
            reasons
        };
        for error in &errors {
            reasons.push(Reason {
                rule: "policy-error".into(),
                citation: String::new(),
                text: format!("POLICY EVALUATION ERROR: {error}"),
            });
        }
        if reasons.is_empty() {
            let roles: Vec<&str> = p.person.roles.iter().map(|r| r.name()).collect();
            reasons.push(Reason {
                rule: "default-deny".into(),
                citation: String::new(),
                text: format!(
                    "NO POLICY PERMITS {} FOR ROLE {}",
                    request.act.name().to_ascii_uppercase(),
                    if roles.is_empty() {
                        "NONE".to_owned()
                    } else {
                        roles.join(", ").to_ascii_uppercase()
                    }
                ),
            });
        }
        Ok(Decision {
            allowed: false,
            reasons,
            errors,
        })
    }
}

impl Authorizer for CedarAuthorizer {
    fn authorize(&self, request: &AuthzRequest<'_>) -> Decision {
        self.decide(request).unwrap_or_else(|error| Decision {
            allowed: false,
            reasons: vec![Reason {
                rule: "policy-error".into(),
                citation: String::new(),
                text: format!("AUTHORIZATION REQUEST COULD NOT BE EVALUATED: {error}"),
            }],
            errors: vec![error],
        })
    }
}
