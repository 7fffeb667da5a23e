//! The `leads` command.

use std::io::IsTerminal;

use clap::Parser;
use leads::cli::{Cli, Command, LogFormat};
use leads::{admin_cmd, audit_cmd, bench, client_cmd, demo, lifecycle_cmd, review_cmd, server};
use tracing_subscriber::EnvFilter;

/// Logs to standard error: the level from `RUST_LOG`, else `LEADS_LOG`; colour only on a
/// terminal; JSON lines on request.
fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_from_env("LEADS_LOG"))
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => logs.json().with_current_span(false).init(),
        LogFormat::Text => logs.with_ansi(std::io::stderr().is_terminal()).init(),
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match run(cli).await {
        Ok(code) => std::process::ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Serve(args) => {
            let url = args.database.url(if args.demo {
                leads::args::DEMO_DATABASE_FILE
            } else {
                leads::args::DATABASE_FILE
            });
            let store = server::open_store(&url).await?;
            let config = leads_app::ServiceConfig {
                audit_retention_days: args.audit_retention_days,
                audit_cycle_days: args.audit_cycle_days,
                retention_days: args.retention.clone(),
                ..leads_app::ServiceConfig::default()
            };
            let service = server::service_with(store.clone(), &args.database, config)?;
            if args.demo && demo::seed(&service, args.demo_records).await? {
                tracing::info!(records = args.demo_records, "demo seeded");
            }
            let key_path = args
                .audit_key_file
                .clone()
                .unwrap_or_else(|| audit_cmd::default_key_path(&args.database.data_dir));
            let key = audit_cmd::load_or_create_key(&key_path)?;
            let period = std::time::Duration::from_secs(args.checkpoint_seconds.max(1));
            let checkpoints = tokio::spawn(audit_cmd::checkpointer(
                service.clone(),
                key.clone(),
                period,
            ));
            let pruning = tokio::spawn(audit_cmd::pruner(service.clone()));
            let reviewing = tokio::spawn(review_cmd::reviewer(service.clone()));
            let sweeping = tokio::spawn(lifecycle_cmd::sweeper(service.clone()));
            let app = server::Application::build(service.clone(), &args.listen).await?;
            let address = format!("http://{}", app.local_addr()?);
            if args.demo {
                leads::say!("{}", demo::banner(&address));
            }
            tracing::info!(%address, "listening");
            app.run_until(server::shutdown_signal()).await?;
            checkpoints.abort();
            pruning.abort();
            reviewing.abort();
            sweeping.abort();
            // A last checkpoint on the way out covers everything written.
            if let Some(checkpoint) = service.checkpoint(&key).await? {
                tracing::info!(size = checkpoint.size, "final audit checkpoint signed");
            }
            store.close().await;
            Ok(0)
        }
        Command::Images(leads::cli::ImagesCommand::RotateKey { database }) => {
            if database.previous_master_key_file.is_none() {
                anyhow::bail!("give the key being replaced with --previous-master-key-file");
            }
            let store = server::open_store(&database.maintenance_url()).await?;
            let service = server::service(store.clone(), &database)?;
            let report = service.rotate_image_keys().await?;
            leads::say!(
                "image keys re-wrapped under master key {}: {} re-wrapped, {} already current",
                service.vault().keys().current().id(),
                report.rewrapped,
                report.current
            );
            store.close().await;
            Ok(0)
        }
        Command::Sweep(database) => {
            let store = server::open_store(&database.maintenance_url()).await?;
            let service = server::service(store.clone(), &database)?;
            let report = service.sweep_deadlines().await?;
            leads::say!(
                "{} deadlines due: {} notices, {} escalated to the Administrator, {} records retired",
                report.due,
                report.notices,
                report.escalations,
                report.retired
            );
            let disabled = service.sweep_inactive_accounts().await?;
            leads::say!("{disabled} accounts unused too long disabled");
            let disposed = service.dispose_sos_images().await?;
            leads::say!(
                "SOS case images disposed of: {} at the end of their retention, {} never transmitted",
                disposed.retention_expired,
                disposed.transmission_expired
            );
            store.close().await;
            Ok(0)
        }
        Command::Migrate(args) => {
            let url = args.maintenance_url();
            let store = server::open_store(&url).await?;
            leads::say!(
                "database at {} is up to date",
                leads_store::DatabaseUrl::parse(&url).map_err(anyhow::Error::msg)?
            );
            store.close().await;
            Ok(0)
        }
        Command::Hub(args) => Ok(leads::hub_cmd::run(args).await?),
        Command::Client(command) => Ok(u8::try_from(client_cmd::run(command).await?).unwrap_or(2)),
        Command::Admin(args) => Ok(u8::try_from(admin_cmd::run(args).await?).unwrap_or(2)),
        Command::Oversight(args) => {
            Ok(u8::try_from(leads::oversight_cmd::run(args).await?).unwrap_or(2))
        }
        Command::Audit(args) => Ok(u8::try_from(audit_cmd::run(args).await?).unwrap_or(2)),
        Command::Review(command) => Ok(u8::try_from(review_cmd::run(command).await?).unwrap_or(2)),
        Command::Bench(args) => {
            bench::run(args).await?;
            Ok(0)
        }
    }
}
