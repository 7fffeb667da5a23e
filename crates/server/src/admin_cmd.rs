//! `leads admin …`: administrative commands over HTTP, and `bootstrap`, which creates the first
//! administrator directly in the database.

use anyhow::{Context, bail};
use leads_client::Client;
use leads_domain::access::{
    AccessLevel, Agency, AgencyStatus, Agreement, Background, BasisEvidence, Certification,
    CertificationLevel, Person, Role, Terminal,
};
use leads_domain::fields::{FieldDate, Ori};
use serde_json::{Map, Value};

use crate::args::AdminArgs;
use crate::server;

/// The commands and their arguments, for `leads admin help`.
const HELP: &str = "\
Commands (arguments as key=value, or key:=json for numbers, lists and objects):
  register-agency      ori= name= access:='{\"level\":\"full\"}' [evidence:={...}] [agreement:={...}]
  update-agency        ori= [name=] [evidence:={...}] [agreement:='{\"reference\":\"IA-1\",\"signed_on\":\"20260105\"}'] [access:={...}]
  activate-agency      ori=                              (needs basis and agreement: rules A1, A2)
  deactivate-agency    ori= reason=
  set-agency-phone     ori= phone=                       (the 24-hour number shown on hit confirmations)
  appoint-coordinator  ori= person=                      (a certified employee: rule T1)
  suspend-service      ori= scope:='\"all\"' | scope:='{\"only\":\"wanted\"}'
                       | scope:='{\"part\":{\"service\":\"wanted\",\"part\":\"entries\"}}' reference= reason=   (rule O3)
  lift-suspension      ori= scope:=... reason=
  request-connection   ori= received_on=YYYYMMDD desired_on=YYYYMMDD equipment= vendor= vendor_previously_connected:=false  (rule A4)
  record-conference    id:=N held_on=YYYYMMDD
  waive-conference     id:=N reason=
  approve-configuration id:=N
  register-terminal    id= ori= location= [connection:=N]
  approve-terminal     id=
  deactivate-terminal  id= reason=
  create-person        id= name= ori= roles:='[\"operator\"]' password= [dob=ccyymmdd]   (answers with the TOTP secret)
  set-roles            id= roles:='[...]'
  record-background    id= state_clear:=true fbi_clear:=true completed_on=YYYYMMDD reference=   (rule S1)
  record-conviction    id= class=felony|moral_turpitude|other description= on=YYYYMMDD   (rule S2)
  record-charge        id= class= description= filed_on=YYYYMMDD
  deny-for-charge      id= reason=                       (rule S2, Administrator)
  approve-interstate   id=                               (rule N1, Administrator: the person may query other states)
  withdraw-interstate  id= reason=                       (rule N1, Administrator)
  certify              id= level=full|less_than_full certified_on=YYYYMMDD [expires_on=YYYYMMDD]   (rule T2; two years by default; a recertification reminder 60 days ahead)
  notice-certification-action id= proposed=suspend|revoke reason= evidence=   (rule T4: 14 days to respond)
  record-certification-response id= text=
  decide-certification-action id= decision=suspend|revoke|no_action [until=YYYYMMDD]   (after the response or the window: 1240.90(b)(9))
  unlock-account       id=
  disable-account      id= reason=
  enable-account       id=
  reset-second-factor  id=
  reset-password       id= password=
  sweep-inactive-accounts
  show-agency          ori=
  list-agencies | list-people [ori=] | list-terminals [ori=] | list-connections [ori=]
  bootstrap            (the first administrator, directly in the database; see README)
";

/// `key=value` → string, `key:=json` → JSON value.
pub fn arguments(pairs: &[String]) -> anyhow::Result<Map<String, Value>> {
    let mut object = Map::new();
    for pair in pairs {
        if let Some((key, json)) = pair.split_once(":=") {
            let value: Value =
                serde_json::from_str(json).with_context(|| format!("{key}: not JSON: {json}"))?;
            object.insert(key.replace('-', "_"), value);
        } else if let Some((key, text)) = pair.split_once('=') {
            object.insert(key.replace('-', "_"), Value::String(text.to_owned()));
        } else {
            bail!("argument `{pair}` is not key=value or key:=json");
        }
    }
    Ok(object)
}

/// Exit status: 0 done, 1 refused or rejected, 2 could not be done.
pub async fn run(args: AdminArgs) -> anyhow::Result<i32> {
    let command = args.command.replace('-', "_");
    match command.as_str() {
        "help" => {
            crate::say_raw!("{HELP}");
            Ok(0)
        }
        "bootstrap" => bootstrap(&args).await,
        _ => {
            let mut object = arguments(&args.arguments)?;
            object.insert("command".into(), Value::String(command));
            let token = args
                .token
                .as_deref()
                .context("give --token (or LEADS_TOKEN) of an administrator or coordinator")?;
            let reply = Client::new(&args.server.url)
                .with_token(token)
                .admin(&Value::Object(object))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            crate::say!("{}", serde_json::to_string_pretty(&reply)?);
            Ok(if reply.outcome == "accepted" { 0 } else { 1 })
        }
    }
}

fn text<'a>(object: &'a Map<String, Value>, key: &str) -> anyhow::Result<&'a str> {
    object
        .get(key)
        .and_then(Value::as_str)
        .with_context(|| format!("bootstrap needs {key}="))
}

fn date(object: &Map<String, Value>, key: &str) -> anyhow::Result<FieldDate> {
    FieldDate::parse("DATE", text(object, key)?, time::Date::MAX)
        .map_err(|e| anyhow::anyhow!("{key}: {e}"))
}

/// Creates the Department's agency, its first administrator and terminal. The installer attests
/// the administrator's fingerprint checks and certification, which the record names.
async fn bootstrap(args: &AdminArgs) -> anyhow::Result<i32> {
    let a = arguments(&args.arguments)?;
    let ori = Ori::parse(text(&a, "ori")?).map_err(|e| anyhow::anyhow!("{e}"))?;
    let store = server::open_store(&args.database.maintenance_url()).await?;
    let service = server::service(store.clone(), &args.database)?;
    let provisioning = service.provisioning();
    let mut agency = Agency::new(ori.clone(), text(&a, "agency")?);
    agency.evidence = Some(BasisEvidence::CriminalJusticeAgency {
        authority: text(&a, "authority")?.to_owned(),
    });
    agency.agreement = Some(Agreement {
        reference: text(&a, "agreement")?.to_owned(),
        signed_on: date(&a, "agreement_signed_on")?,
    });
    agency.access = AccessLevel::Full;
    agency.status = AgencyStatus::Active;
    provisioning.agency(&agency).await?;
    let mut terminal = Terminal::register(
        text(&a, "terminal")?,
        ori.clone(),
        text(&a, "location")?,
        None,
    );
    terminal.approved_on = Some(date(&a, "agreement_signed_on")?);
    terminal.active = true;
    provisioning.terminal(&terminal).await?;
    let mut person = Person::new(
        text(&a, "operator")?,
        text(&a, "name")?,
        ori,
        [Role::Administrator],
    );
    person.background = Some(Background {
        state_clear: true,
        fbi_clear: true,
        completed_on: date(&a, "fingerprint_completed_on")?,
        reference: text(&a, "fingerprint_reference")?.to_owned(),
    });
    person.certification = Some(Certification {
        level: CertificationLevel::Full,
        certified_on: date(&a, "certified_on")?,
        expires_on: date(&a, "certified_until")?,
    });
    let id = person.id.clone();
    let enrollment = provisioning
        .person(person, text(&a, "password")?, None)
        .await?;
    store.close().await;
    crate::say!("administrator {id} created at terminal {}", terminal.id);
    crate::say!("TOTP secret {}\n{}", enrollment.secret, enrollment.uri);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_strings_unless_given_as_json() {
        let parsed = arguments(&[
            "ori=IL0160000".into(),
            "id:=3".into(),
            "scope:={\"only\":\"gun\"}".into(),
            "received-on=20261101".into(),
        ])
        .unwrap();
        assert_eq!(parsed["ori"], "IL0160000");
        assert_eq!(parsed["id"], 3);
        assert_eq!(parsed["scope"]["only"], "gun");
        assert_eq!(parsed["received_on"], "20261101");
        assert!(arguments(&["novalue".into()]).is_err());
        assert!(arguments(&["id:=not json".into()]).is_err());
    }
}
