//! `leads client sos <act> key=value …`: the Secretary of State's image service from the
//! command line (docs/SOS-IMAGES.md). The fields are the JSON forms' own, given as
//! `key=value` (text) or `key:=json` (numbers, lists, objects), or read from `--form FILE`
//! (`-` for standard input); `dln=`, `name=`, `dob=` and `sex=` name the holder.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use leads_api_types::SosBody;
use leads_client::Client;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::admin_cmd::arguments;
use crate::args::Session;
use crate::lifecycle_cmd::explain;

/// The acts and their fields, for `leads client sos help`.
pub const HELP: &str = "\
Acts (fields as key=value, or key:=json for numbers, lists and objects; --form FILE reads a JSON form):
  request         dln= | name= dob= sex=   investigation=criminal|civil case_number= subject_role=suspect|victim|witness|missing_person|other
                  [retention_days:=N] [transmit_to=ORI] [on_behalf_of=CATEGORY]     (P1, P2; --save writes the image)
  case            case_number=                                                     (the case record's images; --save writes the first)
  desk            category= requester= dln= | name= dob= sex=  [written_request= proof_of_death= ...]   (SOS staff, P1(A)-(C),(F)-(I))
  disseminate     case_image:=N case_number= recipient_ori= | recipient_agency= recipient_person= [verification=]   (P5)
  disseminations  [ori=ORI|ALL]
  release         case_image:=N necessity=locate_suspect|locate_victim|public_safety|officer_safety explanation= no_other_image:=true identity_verification=   (P4)
  releases        [status=pending|approved|denied] [ori=ORI|ALL]
  decide          id:=N approve:=true|false [reference=] [note=]                   (SOS Police, P4)
  flyer           id:=N                                                            (--save writes the PDF)
  consent         case_image:=N document= signed_on=YYYYMMDD                       (P3)
  array           case_number= members:='[{\"case_image\":1,\"position\":1}, …]'       (P3)
";

/// What `leads client sos` was given.
#[derive(Debug)]
pub struct SosArgs<'a> {
    pub session: &'a Session,
    pub act: &'a str,
    pub arguments: &'a [String],
    pub form: Option<&'a Path>,
    pub save: Option<&'a Path>,
}

/// Exit status: 0 accepted, 1 refused or rejected, 2 could not be done.
pub async fn run(args: SosArgs<'_>) -> anyhow::Result<i32> {
    let act = args.act.replace('-', "_");
    if act == "help" {
        crate::say_raw!("{HELP}");
        return Ok(0);
    }
    let mut fields = form_fields(args.form)?;
    fields.extend(arguments(args.arguments)?);
    gather_holder(&mut fields);
    let client = Client::new(&args.session.server.url).with_token(args.session.token.clone());
    let save = args.save.map(Path::to_path_buf);
    match act.as_str() {
        "request" => {
            let answer = client
                .request_sos_image(&form(&fields)?)
                .await
                .map_err(explain)?;
            save_image(&answer, save, |i| i.image_base64.clone())?;
            print_answer(&answer)
        }
        "case" => {
            let case = text(&fields, "case_number")?;
            let answer = client.sos_case(&case).await.map_err(explain)?;
            save_image(&answer, save, |i| i.image_base64.clone())?;
            print_answer(&answer)
        }
        "desk" => print_answer(&client.sos_desk(&form(&fields)?).await.map_err(explain)?),
        "disseminate" => print_answer(
            &client
                .disseminate_sos_image(&form(&fields)?)
                .await
                .map_err(explain)?,
        ),
        "disseminations" => {
            let ori = fields.get("ori").and_then(Value::as_str);
            print_answer(&client.sos_disseminations(ori).await.map_err(explain)?)
        }
        "release" => print_answer(
            &client
                .request_sos_release(&form(&fields)?)
                .await
                .map_err(explain)?,
        ),
        "releases" => {
            let status = fields.get("status").and_then(Value::as_str);
            let ori = fields.get("ori").and_then(Value::as_str);
            print_answer(&client.sos_releases(status, ori).await.map_err(explain)?)
        }
        "decide" => {
            let id = number(&mut fields, "id")?;
            print_answer(
                &client
                    .decide_sos_release(id, &form(&fields)?)
                    .await
                    .map_err(explain)?,
            )
        }
        "flyer" => flyer(&client, number(&mut fields, "id")?, save).await,
        "consent" => {
            let case_image = number(&mut fields, "case_image")?;
            print_answer(
                &client
                    .record_sos_consent(case_image, &form(&fields)?)
                    .await
                    .map_err(explain)?,
            )
        }
        "array" => print_answer(
            &client
                .build_photo_array(&form(&fields)?)
                .await
                .map_err(explain)?,
        ),
        other => bail!("unknown SOS act `{other}` (leads client sos help lists them)"),
    }
}

/// The fields of `--form`: a JSON object in a file, or on standard input for `-`.
fn form_fields(path: Option<&Path>) -> anyhow::Result<Map<String, Value>> {
    let Some(path) = path else {
        return Ok(Map::new());
    };
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).context("reading the form from standard input")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
    };
    match serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))? {
        Value::Object(fields) => Ok(fields),
        _ => bail!("{}: the form must be a JSON object", path.display()),
    }
}

/// `dln`, `name`, `dob` and `sex` given at the top level name the holder.
fn gather_holder(fields: &mut Map<String, Value>) {
    let mut holder = match fields.remove("holder") {
        Some(Value::Object(holder)) => holder,
        _ => Map::new(),
    };
    for key in ["dln", "name", "dob", "sex"] {
        if let Some(value) = fields.remove(key) {
            holder.insert(key.to_owned(), value);
        }
    }
    if !holder.is_empty() {
        fields.insert("holder".to_owned(), Value::Object(holder));
    }
}

/// The fields as the form `T`; an unknown or mistyped field is named.
fn form<T: DeserializeOwned>(fields: &Map<String, Value>) -> anyhow::Result<T> {
    serde_json::from_value(Value::Object(fields.clone()))
        .map_err(|e| anyhow::anyhow!("the form: {e}"))
}

fn text(fields: &Map<String, Value>, key: &str) -> anyhow::Result<String> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .with_context(|| format!("give {key}="))
}

/// A number taken out of the fields (`id=3` and `id:=3` both).
fn number(fields: &mut Map<String, Value>, key: &str) -> anyhow::Result<i64> {
    match fields.remove(key) {
        Some(Value::Number(n)) => n
            .as_i64()
            .with_context(|| format!("{key} must be a whole number")),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .with_context(|| format!("{key}={s} is not a number")),
        _ => bail!("give {key}=N"),
    }
}

fn print_answer<T: Serialize>(answer: &SosBody<T>) -> anyhow::Result<i32> {
    crate::say!("{}", serde_json::to_string_pretty(answer)?);
    Ok(if answer.header.outcome == "accepted" {
        0
    } else {
        1
    })
}

/// Writes the first image an answer carries to `save`, when asked.
fn save_image<T>(
    answer: &SosBody<T>,
    save: Option<PathBuf>,
    image: impl Fn(&T) -> Option<String>,
) -> anyhow::Result<()> {
    let Some(path) = save else {
        return Ok(());
    };
    let Some(encoded) = answer.items.iter().find_map(image) else {
        eprintln!("the answer carries no image; nothing written");
        return Ok(());
    };
    let bytes = data_encoding::BASE64
        .decode(encoded.as_bytes())
        .context("the image in the answer is not base64")?;
    std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("image written to {}", path.display());
    Ok(())
}

/// The flyer of an approved release: the PDF to `--save`, or the JSON answer.
async fn flyer(client: &Client, id: i64, save: Option<PathBuf>) -> anyhow::Result<i32> {
    let Some(path) = save else {
        return print_answer(&client.sos_release_flyer(id).await.map_err(explain)?);
    };
    match client.sos_release_flyer_pdf(id).await.map_err(explain)? {
        Ok(pdf) => {
            std::fs::write(&path, pdf).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("flyer written to {}", path.display());
            Ok(0)
        }
        Err(answer) => print_answer(&answer),
    }
}
