//! `leads client …`: the command-line front end, over HTTP.

use std::io::Read;

use anyhow::{Context, bail};
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
                .await?;
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

async fn sign_in(client: &Client, credentials: &Credentials) -> anyhow::Result<String> {
    let (Some(operator), Some(password), Some(terminal)) = (
        &credentials.operator,
        &credentials.password,
        &credentials.terminal,
    ) else {
        bail!("give --token, or --operator, --password and --terminal to sign in");
    };
    Ok(client
        .sign_in(operator, password, terminal)
        .await
        .map_err(explain)?
        .token)
}

fn explain(error: ClientError) -> anyhow::Error {
    anyhow::anyhow!("{error}")
}
