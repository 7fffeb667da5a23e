//! The Cedar authorizer: the application's facts as Cedar entities, the decision with its
//! reasons.

mod remote;

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use cedar_policy::{
    ActionConstraint, Authorizer as CedarEngine, Context, Decision as CedarDecision, Effect,
    Entities, Entity, EntityId, EntityTypeName, EntityUid, PolicyId, PolicySet, Request,
    RestrictedExpression, Schema, ValidationMode, Validator,
};
use leads_domain::access::{AgencyStatus, Service, ServicePart};
use leads_domain::reply::Reason;

use crate::{Act, Authorizer, AuthzRequest, Decision, Target};

/// The policies, compiled into the binary: the LEADS policies, the SOS image policies (the SOS
/// file's own, `policies/sos.cedar`) and the Department's oversight (`policies/oversight.cedar`).
pub const POLICIES: &str = concat!(
    include_str!("../policies/leads.cedar"),
    "\n",
    include_str!("../policies/sos.cedar"),
    "\n",
    include_str!("../policies/oversight.cedar"),
    "\n",
    include_str!("../policies/interstate.cedar")
);
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
    /// The action hierarchy (`enter` in `transaction`, …), built from the schema once; each
    /// request adds its own entities to a copy.
    actions: Entities,
    types: Types,
    /// Re-validate every request's entities and context against the schema (tests).
    strict: bool,
}

/// Entity type names, parsed once.
#[derive(Debug)]
struct Types {
    agency: EntityTypeName,
    operator: EntityTypeName,
    terminal: EntityTypeName,
    file: EntityTypeName,
    record: EntityTypeName,
    audit_log: EntityTypeName,
    statewide: EntityTypeName,
    sos_image_file: EntityTypeName,
    interstate: EntityTypeName,
    other_state_agency: EntityTypeName,
    action: EntityTypeName,
}

impl Types {
    fn new() -> Result<Types, PolicyLoadError> {
        let name = |n: &str| {
            EntityTypeName::from_str(n).map_err(|e| PolicyLoadError::Schema(e.to_string()))
        };
        Ok(Types {
            agency: name("LEADS::Agency")?,
            operator: name("LEADS::Operator")?,
            terminal: name("LEADS::Terminal")?,
            file: name("LEADS::File")?,
            record: name("LEADS::Record")?,
            audit_log: name("LEADS::AuditLog")?,
            statewide: name("LEADS::Statewide")?,
            sos_image_file: name("LEADS::SosImageFile")?,
            interstate: name("LEADS::InterstateNetwork")?,
            other_state_agency: name("LEADS::OtherStateAgency")?,
            action: name("LEADS::Action")?,
        })
    }
}

fn uid(kind: &EntityTypeName, id: &str) -> EntityUid {
    let Ok(id) = EntityId::from_str(id);
    EntityUid::from_type_name_and_id(kind.clone(), id)
}

fn text(value: &str) -> RestrictedExpression {
    RestrictedExpression::new_string(value.to_owned())
}

fn flag(value: bool) -> RestrictedExpression {
    RestrictedExpression::new_bool(value)
}

fn texts<'a>(values: impl IntoIterator<Item = &'a str>) -> RestrictedExpression {
    RestrictedExpression::new_set(values.into_iter().map(text))
}

fn entity(uid: EntityUid, attrs: Vec<(&str, RestrictedExpression)>) -> Result<Entity, String> {
    let attrs: HashMap<String, RestrictedExpression> =
        attrs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    Entity::new(uid, attrs, HashSet::new()).map_err(|e| e.to_string())
}

fn status_name(status: AgencyStatus) -> &'static str {
    match status {
        AgencyStatus::Pending => "pending",
        AgencyStatus::Active => "active",
        AgencyStatus::Inactive => "inactive",
    }
}

impl CedarAuthorizer {
    /// The authorizer over the compiled-in policies.
    pub fn new() -> Result<CedarAuthorizer, PolicyLoadError> {
        CedarAuthorizer::from_sources(POLICIES, SCHEMA)
    }

    /// As [`CedarAuthorizer::new`], re-validating every request against the schema.
    pub fn strict() -> Result<CedarAuthorizer, PolicyLoadError> {
        Ok(CedarAuthorizer {
            strict: true,
            ..CedarAuthorizer::new()?
        })
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
        let actions = schema
            .action_entities()
            .map_err(|e| PolicyLoadError::Schema(e.to_string()))?;
        Ok(CedarAuthorizer {
            schema,
            policies: named,
            engine: CedarEngine::new(),
            actions,
            types: Types::new()?,
            strict: false,
        })
    }

    /// The ids of the loaded policies.
    pub fn policy_ids(&self) -> Vec<String> {
        self.policies
            .policies()
            .map(|p| p.id().to_string())
            .collect()
    }

    /// Why nothing permitted the act: each policy that would have granted it, with its rule,
    /// its citation and to whom it grants the act (its advice); the act is named with the
    /// person's roles.
    fn default_deny(&self, request: &AuthzRequest<'_>) -> Vec<Reason> {
        let roles: Vec<&str> = request
            .principal
            .person
            .roles
            .iter()
            .map(|r| r.name())
            .collect();
        let denied = format!(
            "NO POLICY PERMITS {} FOR ROLE {}",
            request.act.name().to_ascii_uppercase(),
            if roles.is_empty() {
                "NONE".to_owned()
            } else {
                roles.join(", ").to_ascii_uppercase()
            }
        );
        let action = uid(&self.types.action, request.act.name());
        let grants = |constraint: ActionConstraint| match constraint {
            ActionConstraint::Any => true,
            ActionConstraint::Eq(one) => one == action,
            ActionConstraint::In(groups) => groups
                .iter()
                .any(|group| *group == action || self.actions.is_ancestor_of(group, &action)),
        };
        let granting: Vec<Reason> = self
            .policies
            .policies()
            .filter(|policy| {
                policy.effect() == Effect::Permit && grants(policy.action_constraint())
            })
            .map(|policy| {
                let grant = self.reason(policy.id());
                Reason {
                    text: format!("{denied} - IT IS GRANTED WHERE: {}", grant.text),
                    ..grant
                }
            })
            .collect();
        if granting.is_empty() {
            return vec![Reason {
                rule: "default-deny".into(),
                citation: String::new(),
                text: format!("{denied} - NO POLICY GRANTS IT TO ANYONE"),
            }];
        }
        granting
    }

    fn reason(&self, id: &PolicyId) -> Reason {
        let annotation = |key: &str| self.policies.annotation(id, key).map(str::to_owned);
        Reason {
            rule: annotation("rule").unwrap_or_else(|| id.to_string()),
            citation: annotation("cite").unwrap_or_default(),
            text: annotation("advice").unwrap_or_else(|| id.to_string()),
        }
    }

    fn entities(&self, request: &AuthzRequest<'_>) -> Result<Vec<Entity>, String> {
        let t = &self.types;
        let p = request.principal;
        let person = &p.person;
        let agency = &p.agency;
        let has_basis = agency
            .evidence
            .as_ref()
            .is_some_and(|e| e.shortfalls().is_empty());
        let granted = Service::ALL
            .into_iter()
            .filter(|s| agency.access.grants(*s))
            .map(Service::name);
        let certification = person
            .certification_on(request.today)
            .map_or("none", |level| level.name());
        let mut entities = vec![
            entity(
                uid(&t.agency, agency.ori.as_str()),
                vec![
                    ("status", text(status_name(agency.status))),
                    ("has_basis", flag(has_basis)),
                    (
                        "criminal_justice",
                        flag(agency.is_criminal_justice_agency()),
                    ),
                    ("agreement_signed", flag(agency.agreement.is_some())),
                    ("access_level", text(agency.access.name())),
                    ("granted", texts(granted)),
                    (
                        "suspended",
                        texts(agency.suspended_scopes().iter().map(String::as_str)),
                    ),
                ],
            )?,
            entity(
                uid(&t.operator, &person.id),
                vec![
                    (
                        "agency",
                        RestrictedExpression::new_entity_uid(uid(&t.agency, agency.ori.as_str())),
                    ),
                    ("roles", texts(person.roles.iter().map(|r| r.name()))),
                    (
                        "fingerprint_on_file",
                        flag(person.fingerprint_check_on_file()),
                    ),
                    ("disqualified", flag(person.disqualifying_conviction())),
                    ("denied_for_charge", flag(person.denied_for_charge())),
                    ("certification", text(certification)),
                    (
                        "interstate_approved",
                        flag(person.interstate_approval.is_some()),
                    ),
                ],
            )?,
            entity(
                uid(&t.terminal, &p.terminal.id),
                vec![
                    (
                        "agency",
                        RestrictedExpression::new_entity_uid(uid(
                            &t.agency,
                            p.terminal.ori.as_str(),
                        )),
                    ),
                    ("approved", flag(p.terminal.approved_on.is_some())),
                    ("active", flag(p.terminal.active)),
                ],
            )?,
        ];
        match request.target {
            Target::File(file) => {
                entities.push(entity(
                    uid(&t.file, file.storage_name()),
                    vec![("service", text(Service::of_file(file).name()))],
                )?);
            }
            Target::Record { file, owner } => entities.push(entity(
                uid(&t.record, "record"),
                vec![
                    (
                        "owner",
                        RestrictedExpression::new_entity_uid(uid(&t.agency, owner.as_str())),
                    ),
                    ("service", text(Service::of_file(file).name())),
                ],
            )?),
            Target::Agency(_)
            | Target::AuditLog
            | Target::Statewide
            | Target::SosImageFile
            | Target::Interstate => {}
        }
        Ok(entities)
    }

    fn resource(&self, request: &AuthzRequest<'_>) -> EntityUid {
        let t = &self.types;
        match request.target {
            Target::File(file) => uid(&t.file, file.storage_name()),
            Target::Record { .. } => uid(&t.record, "record"),
            Target::Agency(ori) => uid(&t.agency, ori.as_str()),
            Target::AuditLog => uid(&t.audit_log, "audit"),
            Target::Statewide => uid(&t.statewide, "statewide"),
            Target::SosImageFile => uid(&t.sos_image_file, "sos"),
            Target::Interstate => uid(&t.interstate, "nlets"),
        }
    }

    fn decide(&self, request: &AuthzRequest<'_>) -> Result<Decision, String> {
        let t = &self.types;
        let p = request.principal;
        let service = match (request.act, request.target) {
            (
                Act::Transaction(_)
                | Act::Disseminate
                | Act::Verify
                | Act::Validate
                | Act::Confirm(_)
                | Act::Image(_),
                Target::File(file) | Target::Record { file, .. },
            ) => Service::of_file(file).name(),
            (Act::Sos(_), _) => Service::SosImages.name(),
            (Act::SendAdminMessage, _) => Service::AdministrativeMessages.name(),
            (Act::Interstate(_), _) => Service::Interstate.name(),
            _ => "",
        };
        let part = match request.act {
            Act::Transaction(leads_domain::files::Action::Query)
            | Act::Image(leads_domain::image::ImageAction::Query)
            | Act::Confirm(true)
            | Act::Disseminate
            | Act::Interstate(crate::InterstateAction::QueryDriver) => Some(ServicePart::Inquiries),
            Act::Transaction(_) | Act::Image(_) | Act::Verify | Act::Validate => {
                Some(ServicePart::Entries)
            }
            _ => None,
        };
        // `wanted:entries`: the part of the service a suspension may name (O3).
        let service_part = match part {
            Some(part) if !service.is_empty() => format!("{service}:{}", part.name()),
            _ => String::new(),
        };
        let action = uid(&t.action, request.act.name());
        let today = date_number(request.today);
        // Cedar's context has every attribute: an absent fact is the empty text or set.
        let inquiry = request.inquiry.unwrap_or(crate::InquiryFacts {
            purpose: "",
            case_number: "",
        });
        let sos = request.sos.unwrap_or_default();
        let interstate = request.interstate.unwrap_or_default();
        let context = Context::from_pairs([
            (
                "message_agency".to_owned(),
                RestrictedExpression::new_entity_uid(uid(&t.agency, request.message_ori.as_str())),
            ),
            (
                "terminal".to_owned(),
                RestrictedExpression::new_entity_uid(uid(&t.terminal, &p.terminal.id)),
            ),
            ("service".to_owned(), text(service)),
            ("service_part".to_owned(), text(&service_part)),
            (
                "roles_granted".to_owned(),
                texts(request.roles_granted.iter().map(|r| r.name())),
            ),
            ("purpose".to_owned(), text(inquiry.purpose)),
            ("case_number".to_owned(), text(inquiry.case_number)),
            ("today".to_owned(), RestrictedExpression::new_long(today)),
            ("sos_category".to_owned(), text(sos.category)),
            (
                "sos_conditions".to_owned(),
                texts(sos.conditions.iter().copied()),
            ),
            ("nlets_purpose".to_owned(), text(interstate.purpose)),
            ("nlets_use".to_owned(), text(interstate.use_)),
            (
                "nlets_conditions".to_owned(),
                texts(interstate.conditions.iter().copied()),
            ),
        ])
        .map_err(|e| e.to_string())?;
        let schema = self.strict.then_some(&self.schema);
        let entities = self
            .actions
            .clone()
            .add_entities(self.entities(request)?, schema)
            .map_err(|e| e.to_string())?;
        let cedar_request = Request::new(
            uid(&t.operator, &p.person.id),
            action,
            self.resource(request),
            context,
            schema,
        )
        .map_err(|e| e.to_string())?;
        let response = self
            .engine
            .is_authorized(&cedar_request, &self.policies, &entities);
        Ok(self.verdict(&response, || self.default_deny(request)))
    }

    /// The decision of a Cedar response: an allow names the permitting policies; a refusal
    /// names the forbidding ones and each evaluation error, or, when nothing decided, what
    /// `default_deny` says.
    fn verdict(
        &self,
        response: &cedar_policy::Response,
        default_deny: impl FnOnce() -> Vec<Reason>,
    ) -> Decision {
        let errors: Vec<String> = response
            .diagnostics()
            .errors()
            .map(ToString::to_string)
            .collect();
        let allowed = response.decision() == CedarDecision::Allow && errors.is_empty();
        let mut reasons: Vec<Reason> = if allowed || response.decision() == CedarDecision::Deny {
            response
                .diagnostics()
                .reason()
                .map(|id| self.reason(id))
                .collect()
        } else {
            Vec::new()
        };
        if !allowed {
            reasons.extend(errors.iter().map(|error| Reason {
                rule: "policy-error".into(),
                citation: String::new(),
                text: format!("POLICY EVALUATION ERROR: {error}"),
            }));
            if reasons.is_empty() {
                reasons = default_deny();
            }
        }
        Decision {
            allowed,
            reasons,
            errors,
        }
    }
}

/// A date as the policies compare it: ccyymmdd.
fn date_number(date: time::Date) -> i64 {
    i64::from(date.year()) * 10_000
        + i64::from(u8::from(date.month())) * 100
        + i64::from(date.day())
}

/// The refusal of a request that could not be evaluated.
fn unevaluated(error: String) -> Decision {
    Decision {
        allowed: false,
        reasons: vec![Reason {
            rule: "policy-error".into(),
            citation: String::new(),
            text: format!("AUTHORIZATION REQUEST COULD NOT BE EVALUATED: {error}"),
        }],
        errors: vec![error],
    }
}

impl Authorizer for CedarAuthorizer {
    fn authorize(&self, request: &AuthzRequest<'_>) -> Decision {
        self.decide(request).unwrap_or_else(unevaluated)
    }

    fn authorize_remote(&self, request: &crate::RemoteRequest<'_>) -> Decision {
        self.decide_remote(request).unwrap_or_else(unevaluated)
    }
}
