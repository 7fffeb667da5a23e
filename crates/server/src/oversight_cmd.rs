//! `leads oversight …`: the Department's oversight acts over HTTP (docs/OVERSIGHT.md), and the
//! printed documents of an audit or a violation case.

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

Violations, hearings and sanctions (O3, 1240.110):
  open-violation       ori= class=minor allegations:='[{\"rule\":\"S3\",\"text\":\"...\"}]'   (the Administrator's written notice)
  open-violation       ori= class=moderate allegations:=[..] hearing_on=   (the Director; 20 days' notice at least: 110(b))
  open-violation       ori= class=major allegations:=[..] suspend:='[\"all\"]' hearing_on=
                       (the Director: suspended at once - \"all\", {\"only\":\"wanted\"} or
                        {\"part\":{\"service\":\"wanted\",\"part\":\"entries\"}}; hearing within 10 days: 110(c))
  record-violation-response id:=N head= text=            (a minor violation promptly addressed: closes it)
  set-hearing          id:=N hearing_on=                 (a minor violation not addressed: the Director, 20 days' notice)
  lift-before-hearing  id:=N reason=                     (the Director, for emergency or public safety: 110(c)(3))
  reinstate            id:=N reason=                     (the Director restores what a decision suspended: 110(e)(3))
  record-appearance    id:=N name= capacity=             (on the hearing day: 110(d)(1))
  record-evidence      id:=N side=administrator|agency document= description=   (110(d)(2), (3))
  decide-hearing       id:=N outcome=suspend|no_violation|end_suspension|time_to_comply text=
                       [services:=[..]] [comply_by= next_hearing=]   (the Director: 110(e))
  show-violation       id:=N
  list-violations      [ori=]
  violation-document   id:=N which=notice|decision|decision-N [--save FILE.pdf]

The Advisory Policy Board (O4, 1240.20):
  appoint-board-member name= represents= appointed_on=   (the Director)
  end-board-membership member:=N ended_on= reason=
  record-board-meeting held_on= present:='[1,2]' minutes=
  record-recommendation meeting:=N topic=policy|rules|non_compliance|other text= [cases:='[\"VIOLATION 1\"]']
  respond-to-recommendation meeting:=N number:=N answer=adopted|adopted_in_part|declined|deferred text=
  show-board

Training and bulletins (T3, 1240.90(b)(5)-(8)):
  register-trainee     ori= name= category=user|indirect_user|practitioner|manager since= [person=]
  record-training      trainee:=N kind=basic|manager_basic|certification_course|test|proficiency_affirmation|continuing
                       on= instructor= [result=]
  list-trainees        [ori=]
  issue-bulletin       title= text=                      (to every active agency; each acknowledges)
  acknowledge-bulletin id:=N                             (the coordinator, for the agency)
  list-bulletins
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
        "give --token (or LEADS_TOKEN) of the Director, the Administrator, an auditor or a coordinator",
    )?;
    let client = Client::new(&args.server.url).with_token(token);
    if act == "document" || act == "violation_document" {
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
            .unwrap_or(if act == "document" {
                "report"
            } else {
                "notice"
            })
            .to_owned();
        let violation = act == "violation_document";
        return document(&client, id, &which, violation, args.save).await;
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
    violation: bool,
    save: Option<PathBuf>,
) -> anyhow::Result<i32> {
    let printed = if violation {
        client.violation_document(id, which, save.is_some()).await
    } else {
        client.audit_document(id, which, save.is_some()).await
    };
    match printed.map_err(explain)? {
        Ok(bytes) => {
            match save {
                Some(path) => {
                    std::fs::write(&path, bytes)
                        .with_context(|| format!("writing {}", path.display()))?;
                    let case = if violation { "violation" } else { "audit" };
                    eprintln!("{case} {id} {which} written to {}", path.display());
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
