//! `leads hub`: the interstate network's hub (Nlets) over NATS JetStream. The directory is
//! given on the command line, one `--member` per state with the keys its switch answers and,
//! optionally, the form it reads (`IL=DQ,YQ,AM` or `WI=DQ,AM/xml`); `--out-of-service` and
//! `--removed` set a member's status.

use std::sync::Arc;

use anyhow::{Context, bail};
use clap::Args;
use leads_domain::clock::SystemClock;
use leads_domain::interstate::{Directory, InterstateKey, StateCode, SwitchStatus};
use leads_interstate::{Hub, Network};
use leads_message::nlets::WireFormat;

/// Options of `leads hub`.
#[derive(Debug, Args)]
pub struct HubArgs {
    /// The NATS server (JetStream enabled).
    #[arg(long, env = "LEADS_NATS_URL", default_value = "nats://127.0.0.1:4222")]
    pub nats: String,
    /// The network's name: every stream and subject is named under it.
    #[arg(long, default_value = "NLETS")]
    pub network: String,
    /// A member state: `XX=KEY,KEY…`, optionally `/xml` or `/text` for the form its switch
    /// reads (text when not said).
    #[arg(long = "member", required = true)]
    pub members: Vec<String>,
    /// A member out of service: its traffic is kept for it, senders get `SM .02`.
    #[arg(long = "out-of-service")]
    pub out_of_service: Vec<String>,
    /// A member on remove status: nothing is forwarded, senders get `SM .04`.
    #[arg(long = "removed")]
    pub removed: Vec<String>,
}

/// One `--member` value: the state, the keys it answers, its form.
pub fn parse_member(spec: &str) -> anyhow::Result<(StateCode, Vec<InterstateKey>, WireFormat)> {
    let (state, rest) = spec
        .split_once('=')
        .with_context(|| format!("--member {spec}: write XX=KEY,KEY (e.g. WI=DQ,YQ,AM)"))?;
    let state =
        StateCode::parse("STA", state).map_err(|e| anyhow::anyhow!("--member {spec}: {e}"))?;
    let (keys, format) = match rest.split_once('/') {
        Some((keys, form)) => (
            keys,
            WireFormat::from_name(&form.to_ascii_lowercase())
                .with_context(|| format!("--member {spec}: the form is text or xml"))?,
        ),
        None => (rest, WireFormat::Text),
    };
    let mut answers = Vec::new();
    for key in keys.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        match InterstateKey::from_code(&key.to_ascii_uppercase()) {
            Some(key) => answers.push(key),
            None => bail!("--member {spec}: {key} is not a message key (DQ, YQ, AM…)"),
        }
    }
    Ok((state, answers, format))
}

/// Builds the directory and runs the hub until the network fails or the process is stopped.
pub async fn run(args: HubArgs) -> anyhow::Result<u8> {
    let mut directory = Directory::new();
    let mut formats = Vec::new();
    for spec in &args.members {
        let (state, answers, format) = parse_member(spec)?;
        directory.join(state.clone(), answers);
        formats.push((state, format));
    }
    for (list, status) in [
        (&args.out_of_service, SwitchStatus::OutOfService),
        (&args.removed, SwitchStatus::Removed),
    ] {
        for state in list {
            let code = StateCode::parse("STA", state).map_err(|e| anyhow::anyhow!("{e}"))?;
            if !directory.set_status(&code, status) {
                bail!("{state} is not a --member");
            }
        }
    }
    let network = Network::connect(&args.nats, &args.network).await?;
    let mut hub = Hub::new(network, directory, Arc::new(SystemClock));
    for (state, format) in formats {
        hub = hub.with_format(state, format);
    }
    crate::say!(
        "hub of network {} on {}: {} member states",
        args.network,
        args.nats,
        args.members.len()
    );
    tokio::select! {
        outcome = hub.run() => outcome?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(0)
}
