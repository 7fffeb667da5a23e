//! The printable notices of an audit: the written notice before it and the report after it,
//! as text and PDF. Reading one is an audited reading.

use leads_domain::RuleId;
use leads_domain::codes::ReplyCode;
use leads_domain::oversight::{Document, audit_notice, audit_report};
use leads_domain::reply::Answer;
use leads_policy::OversightAction;

use super::common::{addressed, authorize, case_name, out_of_order};
use crate::runner::{Actor, Ctx, Done, Mode, Operation, OperationKind, Prep, Refusal};
use crate::{Service, ServiceError};

/// Which document of an audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// The written notice before the audit (1240.100(a)).
    Notice,
    /// The written report after it (1240.100(c)).
    Report,
}

impl DocumentKind {
    /// The kind named in a URL (`notice`, `report`).
    pub fn parse(name: &str) -> Option<DocumentKind> {
        match name {
            "notice" => Some(DocumentKind::Notice),
            "report" => Some(DocumentKind::Report),
            _ => None,
        }
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
            }
            .into(),
        );
        prep.audit.records = vec![case_name(self.id)];
        prep.audit.rules = vec![RuleId::O1];
        Ok(Mode::Read)
    }

    async fn act(self, ctx: &mut Ctx<'_>) -> Result<Done<OversightDocument>, Refusal> {
        let id = self.id;
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
            DocumentKind::Report => {
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

impl Service {
    /// The notice or report of audit `id`, for the session `token`.
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
