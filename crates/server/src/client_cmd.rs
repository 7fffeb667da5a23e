//! `leads client …`: the command-line front end, over HTTP.

use std::io::Read;

use anyhow::{Context, bail};
use leads_api_types::{DisseminationRequest, SignInRequest};
use leads_client::Client;

use crate::args::{ClientCommand, Credentials};
use crate::lifecycle_cmd::explain;

/// Exit status: 0 accepted, 1 rejected or refused, 2 could not be done.
pub async fn run(command: ClientCommand) -> anyhow::Result<i32> {
    match command {
        ClientCommand::Login {
            server,
            credentials,
        } => {
            let client = Client::new(&server.url);
            let session = sign_in(&client, &credentials).await?;
            crate::say!("{}", session);
            Ok(0)
        }
        ClientCommand::Verify {
            session,
            lrn,
            checked,
        } => crate::lifecycle_cmd::verify(&session, &lrn, &checked).await,
        ClientCommand::Validate {
            session,
            lrn,
            confirmed,
        } => crate::lifecycle_cmd::validate(&session, &lrn, &confirmed).await,
        ClientCommand::SeriousError { session, lrn, text } => {
            crate::lifecycle_cmd::record_act(&session, &lrn, &text, false).await
        }
        ClientCommand::Remove {
            session,
            lrn,
            reason,
        } => crate::lifecycle_cmd::record_act(&session, &lrn, &reason, true).await,
        ClientCommand::Shifts {
            session,
            ori,
            starts,
        } => crate::lifecycle_cmd::shifts(&session, &ori, &starts).await,
        ClientCommand::Staffing { session, ori, days } => {
            crate::lifecycle_cmd::staffing(&session, ori.as_deref(), days).await
        }
        ClientCommand::Mailbox {
            session,
            ori,
            unread,
        } => crate::lifecycle_cmd::mailbox(&session, ori.as_deref(), unread).await,
        ClientCommand::Ack { session, id, ori } => {
            crate::lifecycle_cmd::acknowledge(&session, id, ori.as_deref()).await
        }
        ClientCommand::Compliance { session, ori } => {
            crate::lifecycle_cmd::compliance(&session, ori.as_deref()).await
        }
        ClientCommand::LateEntries { session, ori } => {
            crate::lifecycle_cmd::late_entries(&session, ori.as_deref()).await
        }
        ClientCommand::PhotosDue { session, ori } => {
            photos_due(&session.server.url, session.token, ori.as_deref())
                .await
                .map(i32::from)
        }
        ClientCommand::Logout { server, token } => {
            Client::new(&server.url)
                .with_token(token)
                .sign_out()
                .await
                .map_err(explain)?;
            Ok(0)
        }
        ClientCommand::AcceptBanner { server, token } => {
            let client = Client::new(&server.url);
            eprintln!("{}", client.banner().await.map_err(explain)?.trim());
            client
                .with_token(token)
                .accept_banner()
                .await
                .map_err(explain)?;
            Ok(0)
        }
        ClientCommand::Disseminate {
            server,
            token,
            record,
            to_ori,
            to_agency,
            to_person,
            purpose,
            case,
            verified,
        } => {
            let request = DisseminationRequest {
                record,
                recipient_ori: to_ori,
                recipient_agency: to_agency,
                recipient_person: to_person,
                purpose,
                case_number: case,
                verification: verified,
            };
            let reply = Client::new(&server.url)
                .with_token(token)
                .disseminate(&request)
                .await
                .map_err(explain)?;
            crate::say_raw!("{}", reply.text);
            Ok(if reply.outcome == "accepted" { 0 } else { 1 })
        }
        ClientCommand::Sos {
            session,
            act,
            arguments,
            form,
            save,
        } => {
            crate::sos_cmd::run(crate::sos_cmd::SosArgs {
                session: &session,
                act: &act,
                arguments: &arguments,
                form: form.as_deref(),
                save: save.as_deref(),
            })
            .await
        }
        ClientCommand::Code { secret } => {
            crate::say!("{}", current_code(&secret)?);
            Ok(0)
        }
        ClientCommand::Send {
            server,
            token,
            credentials,
            json,
            image,
            save_image,
            message,
        } => {
            let mut client = Client::new(&server.url);
            let token = match token {
                Some(token) => token,
                None => sign_in(&client, &credentials).await?,
            };
            client = client.with_token(token);
            let send = crate::send_cmd::SendArgs {
                json,
                image: image.as_deref(),
                save_image: save_image.as_deref(),
            };
            match message {
                Some(message) => crate::send_cmd::send_one(&client, &message, &send).await,
                None => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("reading messages from standard input")?;
                    crate::send_cmd::send_batch(&client, &text, &send).await
                }
            }
        }
    }
}

/// Prints the registrant photos due for replacement.
pub async fn photos_due(url: &str, token: String, ori: Option<&str>) -> anyhow::Result<u8> {
    let client = Client::new(url).with_token(token);
    let due = client.photos_due(ori).await.map_err(explain)?;
    if due.outcome != "accepted" {
        crate::say!("{}", due.message);
        for reason in &due.reasons {
            crate::say!(
                "  RULE {} ({}): {}",
                reason.rule,
                reason.citation,
                reason.text
            );
        }
        return Ok(1);
    }
    crate::say!("LRN        ORI        STANDING NEWEST IMN   DOI       DUE");
    for p in &due.photos {
        crate::say!(
            "{:<10} {:<10} {:<8} {:<12} {:<9} {}",
            p.lrn,
            p.ori,
            p.standing.to_uppercase(),
            p.newest_imn.as_deref().unwrap_or("-"),
            p.newest_date.as_deref().unwrap_or("-"),
            p.due.as_deref().unwrap_or("NOW")
        );
    }
    crate::say!(
        "{} PHOTO(S) DUE WITHIN {} DAYS OR OVERDUE",
        due.photos.len(),
        due.notice_days
    );
    Ok(0)
}

/// The current code of a TOTP secret, by the wall clock.
fn current_code(secret: &str) -> anyhow::Result<String> {
    use leads_domain::clock::{Clock, SystemClock};
    let unix = SystemClock.now().as_micros() / 1_000_000;
    leads_app::totp::code(secret.trim(), unix)
        .ok_or_else(|| anyhow::anyhow!("the TOTP secret is not valid base32"))
}

async fn sign_in(client: &Client, credentials: &Credentials) -> anyhow::Result<String> {
    let (Some(operator), Some(password), Some(terminal)) = (
        &credentials.operator,
        &credentials.password,
        &credentials.terminal,
    ) else {
        bail!(
            "give --token, or --operator, --password, --terminal and --code (or --totp-secret) to sign in"
        );
    };
    let code = match (&credentials.code, &credentials.totp_secret) {
        (Some(code), _) => code.clone(),
        (None, Some(secret)) => current_code(secret)?,
        (None, None) => bail!("give the second-factor --code, or --totp-secret to compute it"),
    };
    eprintln!("{}", client.banner().await.map_err(explain)?.trim());
    let request = SignInRequest {
        operator: operator.clone(),
        password: password.clone(),
        code,
        terminal: terminal.clone(),
        accept_banner: credentials.accept_banner,
    };
    let session = client.sign_in(&request).await.map_err(explain)?;
    if !session.banner_accepted {
        eprintln!(
            "The session cannot be used until the notification above is accepted (--accept-banner)."
        );
    }
    Ok(session.token)
}
