//! What a message's act on the records gives back, before the runner audits it.

use leads_domain::Record;
use leads_domain::codes::ReplyCode;
use leads_domain::fields::FieldCode;

/// A finished transaction on a record, before it is audited.
#[derive(Debug)]
pub(crate) struct Done {
    pub code: ReplyCode,
    pub message: String,
    pub records: Vec<Record>,
    pub criteria: Option<String>,
    pub images: Vec<leads_domain::reply::ImageView>,
    pub warnings: Vec<String>,
    /// Records the transaction concerned that the reply does not carry (LEADS numbers).
    pub audit_records: Vec<String>,
    /// Hits found by an alias: LEADS number and the alias.
    pub alias_hits: Vec<(String, String)>,
}

impl Done {
    /// A finished transaction with `code` and nothing else yet.
    pub(crate) fn of(code: ReplyCode) -> Done {
        Done {
            code,
            message: String::new(),
            records: Vec::new(),
            criteria: None,
            images: Vec::new(),
            warnings: Vec::new(),
            audit_records: Vec::new(),
            alias_hits: Vec::new(),
        }
    }
}

/// The inquiry fields an operator sent, minus purpose and case (echoed with a no-hit reply).
pub(crate) fn criteria_text(fields: &leads_domain::FieldSet) -> String {
    fields
        .iter()
        .filter(|(code, _)| !matches!(code, FieldCode::Pur | FieldCode::Cas))
        .map(|(code, value)| format!("{code}/{value}"))
        .collect::<Vec<_>>()
        .join(" ")
}
