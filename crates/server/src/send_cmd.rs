//! `leads client send`: one message from the command line, or a batch from standard input — one
//! message per line (a line ending in `.TXT` continues on the next, as the Nlets-style header
//! does), each sent in turn and reported, for CAD/RMS scripts.

use std::path::Path;

use anyhow::{Context, bail};
use leads_client::Client;

use crate::lifecycle_cmd::explain;

/// How to send and show.
#[derive(Debug, Clone, Copy)]
pub struct SendArgs<'a> {
    /// Print the JSON reply (a batch prints one JSON object per line).
    pub json: bool,
    /// A picture to append as the message's `IMG/` field (one message only).
    pub image: Option<&'a Path>,
    /// Write the image a reply carries to this file (one message only).
    pub save_image: Option<&'a Path>,
}

/// The messages of a batch: one per line, blank lines skipped, a line ending in `.TXT` joined
/// to the next by the line break the grammar takes there.
pub fn batch_messages(text: &str) -> Vec<String> {
    let mut messages = Vec::new();
    let mut pending: Option<String> = None;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() && pending.is_none() {
            continue;
        }
        let message = match pending.take() {
            Some(header) => format!("{header}\n{line}"),
            None => line.to_owned(),
        };
        if message.to_ascii_uppercase().ends_with(".TXT") {
            pending = Some(message);
        } else {
            messages.push(message);
        }
    }
    messages.extend(pending);
    messages
}

/// Sends every message of `text` (standard input) and reports each; exit 0 when all were
/// accepted, 1 otherwise.
pub async fn send_batch(client: &Client, text: &str, args: &SendArgs<'_>) -> anyhow::Result<i32> {
    let messages = batch_messages(text);
    match messages.as_slice() {
        [] => bail!("no message on standard input"),
        [one] => return send_one(client, one, args).await,
        _ if args.image.is_some() || args.save_image.is_some() => {
            bail!("--image and --save-image take one message, not a batch")
        }
        _ => {}
    }
    let mut accepted = 0usize;
    for (n, message) in messages.iter().enumerate() {
        let ok = if args.json {
            let reply = client.send_json(message).await.map_err(explain)?;
            crate::say!("{}", serde_json::to_string(&reply)?);
            reply.outcome == "accepted"
        } else {
            let reply = client.send_text(message).await.map_err(explain)?;
            crate::say!(
                "----- MESSAGE {} OF {}: {}",
                n + 1,
                messages.len(),
                first_line(message)
            );
            crate::say_raw!("{}", reply.text);
            reply.status == 200
        };
        accepted += usize::from(ok);
    }
    eprintln!(
        "{} messages sent: {accepted} accepted, {} refused or rejected",
        messages.len(),
        messages.len() - accepted
    );
    Ok(if accepted == messages.len() { 0 } else { 1 })
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or_default()
}

/// Sends one message; exit 0 when accepted, 1 otherwise.
pub async fn send_one(client: &Client, message: &str, args: &SendArgs<'_>) -> anyhow::Result<i32> {
    let mut message = message.to_owned();
    if let Some(path) = args.image {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        message = format!(
            "{}.IMG/{}",
            message.trim_end(),
            leads_message::encode_attachment(&bytes)
        );
    }
    if !args.json && args.save_image.is_none() {
        let reply = client.send_text(&message).await.map_err(explain)?;
        crate::say_raw!("{}", reply.text);
        return Ok(if reply.status == 200 { 0 } else { 1 });
    }
    let reply = client.send_json(&message).await.map_err(explain)?;
    match args.save_image {
        Some(path) => {
            let encoded = reply
                .images
                .iter()
                .find_map(|i| i.image_base64.clone())
                .context("the reply carries no image")?;
            let bytes = data_encoding::BASE64
                .decode(encoded.as_bytes())
                .context("the image in the reply is not base64")?;
            std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
            crate::say_raw!(
                "{}",
                reply
                    .text
                    .lines()
                    .filter(|l| !l.starts_with("IMG/"))
                    .map(|l| format!("{l}\n"))
                    .collect::<String>()
            );
            eprintln!("image written to {}", path.display());
        }
        None => crate::say!("{}", serde_json::to_string_pretty(&reply)?),
    }
    Ok(if reply.outcome == "accepted" { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::batch_messages;

    #[test]
    fn a_batch_is_one_message_per_line_and_txt_continues() {
        let text = "QV.IL0160000.LIC/ABC123.PUR/C.CAS/1\n\n  \nQW.IL0160000.IL0000000.TXT\nNAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/1\r\nQG.IL0160000.SER/X1.PUR/C.CAS/1";
        assert_eq!(
            batch_messages(text),
            [
                "QV.IL0160000.LIC/ABC123.PUR/C.CAS/1",
                "QW.IL0160000.IL0000000.TXT\nNAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/1",
                "QG.IL0160000.SER/X1.PUR/C.CAS/1",
            ]
        );
    }
}
