//! `leads audit report`: an audit report from a running server, as a table, CSV or JSON.

use anyhow::Context;
use clap::{Args, ValueEnum};
use leads_api_types::{AuditEntryBody, AuditReportBody, entries_csv};
use leads_client::Client;

use crate::args::Server;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One line per entry.
    Text,
    Csv,
    Json,
}

/// Criteria are combined with AND; `--subject` may be repeated (any of them matches).
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub server: Server,
    /// Session token of an auditor, the Administrator or an agency coordinator.
    #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
    pub token: String,
    /// Entries of this operator.
    #[arg(long)]
    pub operator: Option<String>,
    /// Entries of this agency (a coordinator's report is always the own agency's).
    #[arg(long)]
    pub ori: Option<String>,
    /// Entries from this terminal.
    #[arg(long)]
    pub terminal: Option<String>,
    /// Entries of one event (`transaction`, `sign_in`, `admin`, `audit_read`, …).
    #[arg(long)]
    pub event: Option<String>,
    /// Entries that touched or returned this LEADS record number.
    #[arg(long)]
    pub record: Option<String>,
    /// Entries whose criteria or detail contain this text (e.g. `DOE, JOHN`, `SOC/219099999`).
    #[arg(long)]
    pub subject: Vec<String>,
    /// From this time on (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Before this time (RFC 3339 or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Entries per request.
    #[arg(long, default_value_t = 500)]
    pub limit: u32,
    /// Read every page, not just the first.
    #[arg(long)]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

impl ReportArgs {
    fn criteria(&self, after: Option<u64>) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = [
            ("operator", &self.operator),
            ("ori", &self.ori),
            ("terminal", &self.terminal),
            ("event", &self.event),
            ("record", &self.record),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| (name.to_owned(), v.clone())))
        .collect();
        pairs.extend(
            self.subject
                .iter()
                .map(|s| ("subject".to_owned(), s.clone())),
        );
        pairs.push(("limit".into(), self.limit.to_string()));
        if let Some(after) = after {
            pairs.push(("after".into(), after.to_string()));
        }
        pairs
    }
}

fn text_line(e: &AuditEntryBody) -> String {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    format!(
        "{:>8} {} {:<12} {:<10} {:<6} {:<9} {:<4} {:<8} {:<18} {}",
        e.seq,
        e.at,
        e.event,
        or_dash(&e.operator),
        or_dash(&e.terminal),
        or_dash(&e.ori),
        or_dash(&e.key),
        e.outcome,
        e.code,
        e.detail
    )
}

/// Exit status: 0 the report was produced, 1 it was refused or rejected.
pub async fn run(args: ReportArgs) -> anyhow::Result<i32> {
    let client = Client::new(&args.server.url).with_token(args.token.clone());
    let mut after = None;
    let mut pages: Vec<AuditReportBody> = Vec::new();
    loop {
        let page = client
            .audit_report(&args.criteria(after))
            .await
            .context("reading the audit report")?;
        if page.outcome != "accepted" {
            eprintln!("{}: {}", page.code, page.message);
            for reason in &page.reasons {
                eprintln!("  {} ({}): {}", reason.rule, reason.citation, reason.text);
            }
            return Ok(1);
        }
        after = page.next_after;
        pages.push(page);
        if !args.all || after.is_none() {
            break;
        }
    }
    let entries: Vec<AuditEntryBody> = pages.iter().flat_map(|p| p.entries.clone()).collect();
    match args.format {
        ReportFormat::Json => {
            let mut report = pages.last().cloned().context("no page was read")?;
            report.entries = entries;
            crate::say!("{}", serde_json::to_string_pretty(&report)?);
        }
        ReportFormat::Csv => crate::say_raw!("{}", entries_csv(&entries)),
        ReportFormat::Text => {
            for entry in &entries {
                crate::say!("{}", text_line(entry));
            }
            let more = after
                .map(|seq| format!("; more follow after entry {seq} (use --all)"))
                .unwrap_or_default();
            eprintln!("{} entries{more}", entries.len());
        }
    }
    Ok(0)
}
