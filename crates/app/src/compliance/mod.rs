//! Lists of what an agency has due or overdue (registrant photos now; the deadlines of the
//! record lifecycle later): one way to choose the agency, one Cedar decision
//! (`read_compliance`), and one audit entry per reading, refused or not.

pub(crate) mod lists;
pub(crate) mod staffing;

use leads_domain::clock::Timestamp;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::Ori;
use leads_domain::reply::Answer;
use leads_policy::{Act, AdminAction, Principal, Target};
use leads_store::StoreTx;

use crate::runner::{
    Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal, RefusalDetail,
};

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
pub(crate) type Fetched<T> = Result<Vec<T>, (ReplyCode, String)>;

/// The work of a reading, run inside its database transaction.
pub(crate) type FetchFuture<'a, T> =
    std::pin::Pin<Box<dyn Future<Output = Result<Fetched<T>, ServiceError>> + Send + 'a>>;

/// The body of the answer to a reading of a list, or to an act that yields items.
#[derive(Debug, Clone)]
pub struct Items<T> {
    /// The agency listed; `None` for every agency.
    pub agency: Option<Ori>,
    pub items: Vec<T>,
}

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items {
            agency: None,
            items: Vec::new(),
        }
    }
}

/// The answer to a reading of a list, or to an act that yields items.
pub type ItemsReply<T> = Answer<Items<T>>;

/// The work of a reading, run inside its database transaction (boxed: one reading type for
/// every list).
type ReadFetch<T> = Box<
    dyn for<'a> FnOnce(
            &'a mut dyn StoreTx,
            &'a dyn leads_store::Store,
            Option<&'a Ori>,
            &'a Principal,
            Timestamp,
        ) -> FetchFuture<'a, T>
        + Send,
>;

/// One reading of a compliance list, as an operation of the runner.
struct Reading<T> {
    kind: OperationKind,
    scope: Option<String>,
    event: &'static str,
    code: ReplyCode,
    writes: bool,
    agency: Option<Ori>,
    named: String,
    fetch: ReadFetch<T>,
}

impl<T: Send> Operation for Reading<T> {
    type Output = Items<T>;

    fn kind(&self) -> OperationKind {
        self.kind
    }

    fn event(&self) -> &'static str {
        self.event
    }

    fn refused_body(&self) -> Items<T> {
        Items::default()
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        let principal = prep.who.person()?;
        prep.audit.on_refusal = RefusalDetail::Keep;
        let scope = Scope::parse(self.scope.as_deref()).map_err(|message| {
            prep.audit.detail = format!("SCOPE {}", self.scope.as_deref().unwrap_or_default());
            Refusal::rejected(ReplyCode::InvalidRequest, message)
        })?;
        self.agency = scope.agency(principal);
        self.named = self
            .agency
            .as_ref()
            .map_or("ALL".to_owned(), ToString::to_string);
        prep.audit.detail = format!("SCOPE {}", self.named);
        let named = &self.named;
        prep.service.permit_act(
            principal,
            Act::Admin(AdminAction::ReadCompliance),
            self.agency
                .as_ref()
                .map_or(Target::Statewide, Target::Agency),
            prep.now,
            || format!("NOT AUTHORIZED TO READ THE DUE LISTS OF {named}"),
        )?;
        Ok(if self.writes { Mode::Write } else { Mode::Read })
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<Items<T>>, Refusal> {
        let principal = ctx.who.person()?;
        let store = ctx.service.store.as_ref();
        let fetched = (self.fetch)(
            ctx.tx.as_mut(),
            store,
            self.agency.as_ref(),
            principal,
            ctx.now,
        )
        .await
        .map_err(Refusal::from)?;
        match fetched {
            Ok(items) => {
                ctx.audit.detail = format!("SCOPE {} -> {} ITEMS", self.named, items.len());
                let message = format!("{} ITEMS FOR {}", items.len(), self.named);
                Ok(Done::new(
                    self.code,
                    message,
                    Items {
                        agency: self.agency,
                        items,
                    },
                ))
            }
            Err((code, message)) => {
                ctx.audit.detail = format!("SCOPE {} -> {message}", self.named);
                Err(Refusal::rejected(code, message))
            }
        }
    }
}

impl Service {
    /// Reads one compliance list through the runner: parses the scope, asks Cedar whether the
    /// reader may see that agency's (or every agency's) list, runs `fetch` for the agency
    /// (`None` = all) when allowed, and writes the audit entry (`event`, the scope and the
    /// number of items) before answering. Refusals and bad scopes are answered, and audited,
    /// the same way.
    ///
    /// `fetch` runs in a read-only transaction (its entry joins the group commit), or, when
    /// `writes`, in the writer transaction that then also holds the audit entry, so a change
    /// and its entry commit together.
    #[expect(
        clippy::too_many_arguments,
        reason = "scope, trace, audit event, reply code, mode and the work itself"
    )]
    pub(crate) async fn read_compliance<T, F>(
        &self,
        token: &str,
        scope: Option<&str>,
        operation_id: Option<String>,
        event: &'static str,
        code: ReplyCode,
        writes: bool,
        fetch: F,
    ) -> Result<ItemsReply<T>, ServiceError>
    where
        T: Send + 'static,
        F: for<'a> FnOnce(
                &'a mut dyn StoreTx,
                &'a dyn leads_store::Store,
                Option<&'a Ori>,
                &'a Principal,
                Timestamp,
            ) -> FetchFuture<'a, T>
            + Send
            + 'static,
    {
        let kind = if event.starts_with("mailbox") || event.starts_with("message") {
            OperationKind::Mailbox
        } else {
            OperationKind::ComplianceReading
        };
        let op = Reading {
            kind,
            scope: scope.map(str::to_owned),
            event,
            code,
            writes,
            agency: None,
            named: String::new(),
            fetch: Box::new(fetch),
        };
        self.run(Actor::Session(token), operation_id, op).await
    }
}
