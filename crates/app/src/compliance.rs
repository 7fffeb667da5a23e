//! Lists of what an agency has due or overdue (registrant photos now; the deadlines of the
//! record lifecycle later): one way to choose the agency, one Cedar decision
//! (`read_compliance`), and one audit entry per reading, refused or not.

use leads_domain::clock::Timestamp;
use leads_domain::fields::Ori;
use leads_domain::reply::{Outcome, Reason};
use leads_policy::{Act, AdminAction, Principal, Target};

use crate::audit_log::principal_entry;
use leads_store::StoreTx;

use crate::{Service, ServiceError};

/// Whose list is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The reader's own agency (the default).
    OwnAgency,
    /// One named agency.
    Agency(Ori),
    /// Every agency (the Administrator and auditors).
    Statewide,
}

impl Scope {
    /// Reads a scope as typed by a user: empty for the own agency, `ALL` for every agency, or
    /// an ORI.
    ///
    /// # Errors
    /// The ORI's field error, naming the field.
    pub fn parse(text: Option<&str>) -> Result<Scope, String> {
        match text.map(str::trim) {
            None | Some("") => Ok(Scope::OwnAgency),
            Some(all) if all.eq_ignore_ascii_case("ALL") => Ok(Scope::Statewide),
            Some(ori) => Ori::parse(&ori.to_ascii_uppercase())
                .map(Scope::Agency)
                .map_err(|error| error.to_string()),
        }
    }

    /// The agency this scope names for `principal`, or `None` for every agency.
    pub(crate) fn agency(&self, principal: &Principal) -> Option<Ori> {
        match self {
            Scope::OwnAgency => Some(principal.agency.ori.clone()),
            Scope::Agency(ori) => Some(ori.clone()),
            Scope::Statewide => None,
        }
    }
}

/// What a reading found: the items, or why not (a code of docs/ERROR-CODES.md and a message).
pub(crate) type Fetched<T> = Result<Vec<T>, (&'static str, String)>;

/// The work of a reading, run inside its database transaction.
pub(crate) type FetchFuture<'a, T> =
    std::pin::Pin<Box<dyn Future<Output = Result<Fetched<T>, ServiceError>> + Send + 'a>>;

/// The answer to a reading of a list, or to an act that yields items: outcome, code, reasons
/// and the items.
#[derive(Debug, Clone)]
pub struct ItemsReply<T> {
    /// Traces the reply to its audit entry.
    pub operation_id: String,
    pub at: Timestamp,
    pub outcome: Outcome,
    /// `invalid_request`, `not_authorized` or the list's own code.
    pub code: &'static str,
    pub message: String,
    /// The rules that refused the reading.
    pub reasons: Vec<Reason>,
    /// The agency listed; `None` for every agency.
    pub agency: Option<Ori>,
    pub items: Vec<T>,
}

impl<T> ItemsReply<T> {
    /// Takes the outcome, code, message and reasons of a refusal.
    pub(crate) fn refuse(&mut self, refusal: crate::pipeline::Refusal) {
        self.outcome = refusal.outcome;
        self.code = refusal.code;
        self.message = refusal.message;
        self.reasons = refusal.reasons;
    }

    /// An accepted, empty reply with `code`, under `operation_id` (a new one when `None`).
    pub(crate) fn new(operation_id: Option<String>, at: Timestamp, code: &'static str) -> Self {
        ItemsReply {
            operation_id: operation_id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
            at,
            outcome: Outcome::Accepted,
            code,
            message: String::new(),
            reasons: vec![],
            agency: None,
            items: vec![],
        }
    }
}

impl Service {
    /// Reads one compliance list: parses the scope, asks Cedar whether the reader may see that
    /// agency's (or every agency's) list, runs `fetch` for the agency (`None` = all) when
    /// allowed, and writes the audit entry (`event`, the scope and the number of items) before
    /// answering. Refusals and bad scopes are answered, and audited, the same way.
    ///
    /// `fetch` runs in a read-only transaction, or, when `writes`, in the writer transaction
    /// that then also holds the audit entry, so a change and its entry commit together.
    #[expect(
        clippy::too_many_arguments,
        reason = "scope, trace, audit event, reply code, mode and the work itself"
    )]
    pub(crate) async fn read_compliance<T, F>(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
        event: &str,
        code: &'static str,
        writes: bool,
        fetch: F,
    ) -> Result<ItemsReply<T>, ServiceError>
    where
        F: for<'a> FnOnce(
            &'a mut dyn StoreTx,
            &'a dyn leads_store::Store,
            Option<&'a Ori>,
            &'a Principal,
            Timestamp,
        ) -> FetchFuture<'a, T>,
    {
        let mut write_tx = None;
        let identified = self.identify_session(token, true).await?;
        let principal = identified.principal;
        let now = self.clock.now();
        let mut reply = ItemsReply::new(operation_id, now, code);
        let mut entry = principal_entry(&principal, &reply.operation_id, now, event);
        match Scope::parse(scope) {
            Err(message) => {
                reply.outcome = Outcome::Rejected;
                reply.code = "invalid_request";
                reply.message = message;
                entry.detail = format!("SCOPE {}", scope.unwrap_or_default());
            }
            Ok(scope) => {
                let agency = scope.agency(&principal);
                let named = agency
                    .as_ref()
                    .map_or("ALL".to_owned(), ToString::to_string);
                let allowed = self.permit_act(
                    &principal,
                    Act::Admin(AdminAction::ReadCompliance),
                    agency.as_ref().map_or(Target::Statewide, Target::Agency),
                    now,
                    || format!("NOT AUTHORIZED TO READ THE DUE LISTS OF {named}"),
                );
                match allowed {
                    Err(refusal) => {
                        reply.refuse(refusal);
                        entry.detail = format!("SCOPE {named}");
                    }
                    Ok(()) => {
                        let mut tx = if writes {
                            self.store.begin().await?
                        } else {
                            self.store.begin_read().await?
                        };
                        let fetched = fetch(
                            tx.as_mut(),
                            self.store.as_ref(),
                            agency.as_ref(),
                            &principal,
                            now,
                        )
                        .await?;
                        match fetched {
                            Ok(items) => {
                                reply.items = items;
                                reply.message = format!("{} ITEMS FOR {named}", reply.items.len());
                                entry.detail =
                                    format!("SCOPE {named} -> {} ITEMS", reply.items.len());
                                reply.agency = agency;
                            }
                            Err((code, message)) => {
                                reply.outcome = Outcome::Rejected;
                                reply.code = code;
                                entry.detail = format!("SCOPE {named} -> {message}");
                                reply.message = message;
                            }
                        }
                        if writes && reply.outcome == Outcome::Accepted {
                            write_tx = Some(tx);
                        } else {
                            tx.rollback().await?;
                        }
                    }
                }
            }
        }
        self.write_outcome(
            write_tx,
            entry,
            reply.outcome,
            reply.code,
            &reply.reasons,
            &identified.token_hash,
            now,
        )
        .await?;
        Ok(reply)
    }
}
