//! Audit reports on the wire: `GET /api/v1/audit/entries` as JSON or CSV.

use serde::{Deserialize, Serialize};

use crate::ReplyHeader;

/// One audit entry in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryBody {
    pub seq: u64,
    /// RFC 3339, UTC.
    pub at: String,
    pub operation_id: String,
    pub event: String,
    pub operator: Option<String>,
    pub terminal: Option<String>,
    pub ori: Option<String>,
    pub key: Option<String>,
    pub purpose: Option<String>,
    pub case_number: Option<String>,
    pub outcome: String,
    pub code: String,
    pub rules: Vec<String>,
    pub citations: Vec<String>,
    pub records: Vec<String>,
    pub detail: String,
    /// The entry's RFC 6962 leaf hash (lower-case hex), to find it in an export.
    pub leaf_hash: String,
}

/// The answer to `GET /api/v1/audit/entries`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditReportBody {
    /// What was done, or why not, and the operation id.
    #[serde(flatten)]
    pub header: ReplyHeader,
    /// The criteria as applied, one `name=value` per condition.
    pub criteria: String,
    pub entries: Vec<AuditEntryBody>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub next_after: Option<u64>,
}

/// The CSV header line of a report.
pub const CSV_COLUMNS: &[&str] = &[
    "seq",
    "at",
    "operation_id",
    "event",
    "operator",
    "terminal",
    "ori",
    "key",
    "purpose",
    "case_number",
    "outcome",
    "code",
    "rules",
    "citations",
    "records",
    "detail",
    "leaf_hash",
];

/// One CSV field (RFC 4180): quoted when needed, and prefixed with `'` when a spreadsheet would
/// otherwise run it as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Entries as CSV with a header line; lists are joined with `;`.
pub fn entries_csv(entries: &[AuditEntryBody]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for e in entries {
        let optional = |v: &Option<String>| v.clone().unwrap_or_default();
        let row = [
            e.seq.to_string(),
            e.at.clone(),
            e.operation_id.clone(),
            e.event.clone(),
            optional(&e.operator),
            optional(&e.terminal),
            optional(&e.ori),
            optional(&e.key),
            optional(&e.purpose),
            optional(&e.case_number),
            e.outcome.clone(),
            e.code.clone(),
            e.rules.join(";"),
            e.citations.join(";"),
            e.records.join(";"),
            e.detail.clone(),
            e.leaf_hash.clone(),
        ];
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("DOE, JOHN"), "\"DOE, JOHN\"");
        assert_eq!(csv_field("SAY \"HI\""), "\"SAY \"\"HI\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
        assert_eq!(csv_field("PLAIN"), "PLAIN");
    }
}
