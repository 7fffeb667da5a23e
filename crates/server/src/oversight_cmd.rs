//! `leads oversight …`: the Department's oversight acts over HTTP (docs/OVERSIGHT.md), and the
//! printed notice and report of an audit.

use std::path::PathBuf;

use anyhow::Context;
use leads_client::Client;
use serde_json::Value;

use crate::args::OversightArgs;
use crate::lifecycle_cmd::explain;

/// The acts and their arguments, for `leads oversight help`.
const HELP: &str = "\
Acts (arguments as key=value, or key:=json for numbers; dates ccyymmdd or YYYY-MM-DD):
  schedule-audit       ori= date=                        (O1: the Department; not in the past)
  reschedule-audit     id:=N date=                       (before it begins; a new notice is needed)
  notify-audit         id:=N make_available=             (the written notice, before the audit day: 1240.100(a))
  record-presence      id:=N name= capacity=coordinator|designee   (on or after the day: 1240.100(b))
  record-finding       id:=N kind=finding|recommendation|discussion|requirement rule= text=
  issue-report         id:=N to_head=                    (a requirement opens the 30-day plan: 1240.100(c)-(d))
  record-audit-refusal id:=N what=                       (the agency is non-compliant: 1240.100(f))
  record-plan          id:=N head= text= complete_by=    (O2: the agency head's plan of action)
  record-accomplished  id:=N head= text=                 (O2: the head's notice of completion; closes the case)
  file-discipline-standards ori= document= adopted_on=   (S4: 1240.50(b)(5))
  show-audit           id:=N
  list-audits          [ori=]
  audit-schedule                                         (each agency's last audit, next due date, standing)
  document             id:=N which=notice|report [--save FILE.pdf]   (the printed document; text without --save)
";

/// Exit status: 0 done, 1 refused or rejected, 2 could not be done.
pub async fn run(args: OversightArgs) -> anyhow::Result<i32> {
    let act = args.act.replace('-', "_");
    if act == "help" {
        crate::say_raw!("{HELP}");
        return Ok(0);
    }
    let mut object = crate::admin_cmd::arguments(&args.arguments)?;
    let token = args.token.as_deref().context(
        "give --token (or LEADS_TOKEN) of the Administrator, an auditor or a coordinator",
    )?;
    let client = Client::new(&args.server.url).with_token(token);
    if act == "document" {
        let id = object
            .get("id")
            .and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .context("document needs id:=N")?;
        let which = object
            .get("which")
            .and_then(Value::as_str)
            .unwrap_or("report")
            .to_owned();
        return document(&client, id, &which, args.save).await;
    }
    object.insert("command".into(), Value::String(act));
    let reply = client
        .oversee(&Value::Object(object))
        .await
        .map_err(explain)?;
    crate::say!("{}", serde_json::to_string_pretty(&reply)?);
    Ok(if reply.header.outcome == "accepted" {
        0
    } else {
        1
    })
}

async fn document(
    client: &Client,
    id: i64,
    which: &str,
    save: Option<PathBuf>,
) -> anyhow::Result<i32> {
    match client
        .audit_document(id, which, save.is_some())
        .await
        .map_err(explain)?
    {
        Ok(bytes) => {
            match save {
                Some(path) => {
                    std::fs::write(&path, bytes)
                        .with_context(|| format!("writing {}", path.display()))?;
                    eprintln!("audit {id} {which} written to {}", path.display());
                }
                None => crate::say_raw!("{}", String::from_utf8_lossy(&bytes)),
            }
            Ok(0)
        }
        Err(refused) => {
            crate::say!("{}: {}", refused.header.code, refused.header.message);
            for reason in &refused.header.reasons {
                crate::say!(
                    "  RULE {} ({}): {}",
                    reason.rule,
                    reason.citation,
                    reason.text
                );
            }
            Ok(1)
        }
    }
}
