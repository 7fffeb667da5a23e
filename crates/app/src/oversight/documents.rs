//! The printable notices of oversight, as text and PDF: an audit's written notice before it
//! and its report after it; a violation case's notice (minor violation, hearing, immediate
//! suspension) and the Director's decision after each hearing. Reading one is an audited
//! reading.

use leads_domain::RuleId;
use leads_domain::codes::ReplyCode;
use leads_domain::oversight::{
    DIRECTORS_DECISION, Document, ViolationCase, audit_notice, audit_report, hearing_decision,
    violation_notice,
};
use leads_domain::reply::Answer;
use leads_policy::OversightAction;
use leads_store::CaseKind;

use super::common::{addressed, agency, authorize, case_name, out_of_order};
use super::records::{load, name_of};
use crate::runner::{Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal};
use crate::{Service, ServiceError};

/// Which document of an audit or a violation case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// The written notice before the audit (1240.100(a)).
    Notice,
    /// The written report after it (1240.100(c)).
    Report,
    /// The notice that opened a violation case (1240.110(a)-(c)).
    ViolationNotice,
    /// The Director's decision after a hearing: the one numbered (1 = the first), or the
    /// last decided (1240.110(e)).
    Decision(Option<usize>),
}

impl DocumentKind {
    /// An audit's document named in a URL (`notice`, `report`).
    pub fn parse(name: &str) -> Option<DocumentKind> {
        match name {
            "notice" => Some(DocumentKind::Notice),
            "report" => Some(DocumentKind::Report),
            _ => None,
        }
    }

    /// A violation case's document named in a URL (`notice`, `decision`, `decision-2`).
    pub fn parse_violation(name: &str) -> Option<DocumentKind> {
        match name {
            "notice" => Some(DocumentKind::ViolationNotice),
            "decision" => Some(DocumentKind::Decision(None)),
            _ => name
                .strip_prefix("decision-")
                .and_then(|n| n.parse().ok())
                .map(|n| DocumentKind::Decision(Some(n))),
        }
    }

    fn is_violation(self) -> bool {
        matches!(
            self,
            DocumentKind::ViolationNotice | DocumentKind::Decision(_)
        )
    }
}

/// A printable document: its title, its text, and the same as PDF.
#[derive(Debug, Clone, Default)]
pub struct OversightDocument {
    pub title: String,
    pub text: String,
    pub pdf: Vec<u8>,
}

impl OversightDocument {
    fn of(document: &Document) -> OversightDocument {
        OversightDocument {
            title: document.title.clone(),
            text: document.text(),
            pdf: leads_imaging::text_pdf(&document.title, &document.lines),
        }
    }
}

struct DocumentRead {
    id: i64,
    kind: DocumentKind,
}

impl Operation for DocumentRead {
    type Output = OversightDocument;

    fn kind(&self) -> OperationKind {
        OperationKind::Oversight
    }

    fn event(&self) -> &'static str {
        "oversight_document"
    }

    fn refused_body(&self) -> OversightDocument {
        OversightDocument::default()
    }

    async fn prepare(&mut self, prep: Prep<'_>) -> Result<Mode, Refusal> {
        prep.who.person()?;
        prep.audit.key = Some(
            match self.kind {
                DocumentKind::Notice => "audit_notice",
                DocumentKind::Report => "audit_report",
                DocumentKind::ViolationNotice => "violation_notice",
                DocumentKind::Decision(_) => "hearing_decision",
            }
            .into(),
        );
        if self.kind.is_violation() {
            prep.audit.records = vec![name_of(CaseKind::Violation, self.id)];
            prep.audit.rules = vec![RuleId::O3];
        } else {
            prep.audit.records = vec![case_name(self.id)];
            prep.audit.rules = vec![RuleId::O1];
        }
        Ok(Mode::Read)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<OversightDocument>, Refusal> {
        let id = self.id;
        if self.kind.is_violation() {
            return violation_document(ctx, id, self.kind).await;
        }
        let audit = ctx.tx.oversight().audit(id).await?.ok_or_else(|| {
            Refusal::rejected(ReplyCode::AuditNotFound, format!("NO AUDIT {id} ON FILE"))
        })?;
        ctx.audit.ori = Some(audit.ori.to_string());
        authorize(ctx, OversightAction::ReadOversight, Some(&audit.ori))?;
        let agency = ctx.tx.agency(&audit.ori).await?.ok_or_else(|| {
            Refusal::failed(format!("AUDIT {id}: AGENCY {} IS NOT ON FILE", audit.ori))
        })?;
        let document = match self.kind {
            DocumentKind::Notice if audit.notified_at.is_some() => {
                audit_notice(&addressed(&agency), id, &audit)
            }
            DocumentKind::Report if audit.reported_at.is_some() => {
                audit_report(&addressed(&agency), id, &audit)
            }
            DocumentKind::Notice => {
                return Err(out_of_order(leads_domain::oversight::OutOfOrder {
                    cite: leads_domain::oversight::AUDIT_NOTICE,
                    text: format!("AUDIT {id}: NO NOTICE HAS BEEN SENT YET"),
                }));
            }
            DocumentKind::Report | DocumentKind::ViolationNotice | DocumentKind::Decision(_) => {
                return Err(out_of_order(leads_domain::oversight::OutOfOrder {
                    cite: leads_domain::oversight::AUDIT_REPORT,
                    text: format!("AUDIT {id}: NO REPORT HAS BEEN ISSUED YET"),
                }));
            }
        };
        let printed = OversightDocument::of(&document);
        Ok(Done::new(
            ReplyCode::OversightRead,
            printed.title.clone(),
            printed,
        ))
    }
}

/// A violation case's notice or decision.
async fn violation_document(
    ctx: &mut Ctx<'_>,
    id: i64,
    kind: DocumentKind,
) -> Result<Done<OversightDocument>, Refusal> {
    let case: ViolationCase = load(ctx.tx.as_mut(), CaseKind::Violation, id).await?;
    ctx.audit.ori = Some(case.ori.to_string());
    authorize(ctx, OversightAction::ReadOversight, Some(&case.ori))?;
    let holder = agency(ctx.tx.as_mut(), &case.ori).await?;
    let document = match kind {
        DocumentKind::Decision(number) => {
            let number = number.or_else(|| case.last_decided()).unwrap_or_default();
            hearing_decision(&addressed(&holder), id, &case, number).ok_or_else(|| {
                out_of_order(leads_domain::oversight::OutOfOrder::new(
                    DIRECTORS_DECISION,
                    format!("VIOLATION {id}: HEARING {number} HAS NO DECISION"),
                ))
            })?
        }
        _ => violation_notice(&addressed(&holder), id, &case),
    };
    let printed = OversightDocument::of(&document);
    Ok(Done::new(
        ReplyCode::OversightRead,
        printed.title.clone(),
        printed,
    ))
}

impl Service {
    /// A document of audit or violation case `id`, for the session `token`.
    pub async fn oversight_document(
        &self,
        token: &str,
        id: i64,
        kind: DocumentKind,
        operation_id: Option<String>,
    ) -> Result<Answer<OversightDocument>, ServiceError> {
        self.run(
            Actor::Session(token),
            operation_id,
            DocumentRead { id, kind },
        )
        .await
    }
}
