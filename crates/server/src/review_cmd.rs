//! `leads review …`: the weekly misuse review and its queue.

use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use leads_api_types::{DispositionRequest, ReviewReplyBody};
use leads_app::Service;
use leads_client::Client;

use crate::args::{DatabaseArgs, Server};
use crate::server;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ReviewCommand {
    /// List the review queue (a coordinator's is the own agency's).
    Flags {
        #[command(flatten)]
        server: Server,
        #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
        token: String,
        /// One agency's flags (the Administrator).
        #[arg(long)]
        ori: Option<String>,
        /// Flags with a disposition too.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Record the disposition of a flag.
    Dispose {
        #[command(flatten)]
        server: Server,
        #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
        token: String,
        #[arg(long)]
        id: i64,
        /// justified, referred or violation.
        #[arg(long)]
        decision: String,
        /// Why (10 characters or more).
        #[arg(long)]
        note: String,
    },
    /// Review the last complete week now, unless it was reviewed (the server does this daily).
    Run {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// Runs the review once a day (each week is reviewed once) until the task is dropped.
pub async fn reviewer(service: Service) {
    let mut interval = tokio::time::interval(Duration::from_secs(24 * 3600));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match service.run_misuse_review().await {
            Ok(Some(run)) => {
                tracing::info!(flags = run.flags.len(), week = %run.week_start, "misuse review done")
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "misuse review failed"),
        }
    }
}

fn print_reply(reply: &ReviewReplyBody, format: ListFormat) -> anyhow::Result<i32> {
    if reply.outcome != "accepted" {
        eprintln!("{}: {}", reply.code, reply.message);
        for reason in &reply.reasons {
            eprintln!("  {} ({}): {}", reason.rule, reason.citation, reason.text);
        }
        return Ok(1);
    }
    match format {
        ListFormat::Json => crate::say!("{}", serde_json::to_string_pretty(reply)?),
        ListFormat::Text => {
            for flag in &reply.flags {
                let disposition = flag
                    .disposition
                    .as_ref()
                    .map_or_else(|| "OPEN".to_owned(), |d| d.decision.to_ascii_uppercase());
                crate::say!(
                    "{:>6} {:<21} {:<9} {:<8} {} {:<9} {}",
                    flag.id,
                    flag.kind,
                    flag.ori,
                    flag.operator,
                    flag.at,
                    disposition,
                    flag.detail
                );
            }
            eprintln!("{}", reply.message);
        }
    }
    Ok(0)
}

/// Exit status: 0 done, 1 refused or rejected.
pub async fn run(command: ReviewCommand) -> anyhow::Result<i32> {
    match command {
        ReviewCommand::Flags {
            server,
            token,
            ori,
            all,
            format,
        } => {
            let mut criteria = vec![(
                "status".to_owned(),
                if all { "all" } else { "open" }.to_owned(),
            )];
            if let Some(ori) = ori {
                criteria.push(("ori".into(), ori));
            }
            let reply = Client::new(&server.url)
                .with_token(token)
                .misuse_flags(&criteria)
                .await?;
            print_reply(&reply, format)
        }
        ReviewCommand::Dispose {
            server,
            token,
            id,
            decision,
            note,
        } => {
            let reply = Client::new(&server.url)
                .with_token(token)
                .dispose_flag(id, &DispositionRequest { decision, note })
                .await?;
            print_reply(&reply, ListFormat::Text)
        }
        ReviewCommand::Run { database } => {
            let store = server::open_store(&database.maintenance_url()).await?;
            let service = server::service(store.clone(), &database)?;
            match service.run_misuse_review().await? {
                Some(run) => crate::say!(
                    "week {} to {} reviewed: {} flags",
                    run.week_start,
                    run.week_end,
                    run.flags.len()
                ),
                None => crate::say!("the last complete week was reviewed already"),
            }
            store.close().await;
            Ok(0)
        }
    }
}
