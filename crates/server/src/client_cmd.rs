//! `leads client …`: the command-line front end, over HTTP.

use std::io::Read;

use anyhow::{Context, bail};
use leads_api_types::{DisseminationRequest, SignInRequest};
use leads_client::{Client, ClientError};

use crate::cli::{ClientCommand, Credentials};

/// Exit status: 0 accepted, 1 rejected or refused, 2 could not be done.
pub async fn run(command: ClientCommand) -> anyhow::Result<i32> {
    match command {
        ClientCommand::Login {
            server,
            credentials,
        } => {
            let client = Client::new(&server.url);
            let session = sign_in(&client, &credentials).await?;
            println!("{}", session);
            Ok(0)
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
            print!("{}", reply.text);
            Ok(if reply.outcome == "accepted" { 0 } else { 1 })
        }
        ClientCommand::Code { secret } => {
            println!("{}", current_code(&secret)?);
            Ok(0)
        }
        ClientCommand::Send {
            server,
            token,
            credentials,
            json,
            message,
        } => {
            let message = match message {
                Some(message) => message,
                None => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .context("reading the message from standard input")?;
                    text
                }
            };
            let mut client = Client::new(&server.url);
            let token = match token {
                Some(token) => token,
                None => sign_in(&client, &credentials).await?,
            };
            client = client.with_token(token);
            if json {
                let reply = client.send_json(&message).await.map_err(explain)?;
                println!("{}", serde_json::to_string_pretty(&reply)?);
                Ok(if reply.outcome == "accepted" { 0 } else { 1 })
            } else {
                let reply = client.send_text(&message).await.map_err(explain)?;
                print!("{}", reply.text);
                Ok(if reply.status == 200 { 0 } else { 1 })
            }
        }
    }
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

fn explain(error: ClientError) -> anyhow::Error {
    anyhow::anyhow!("{error}")
}
