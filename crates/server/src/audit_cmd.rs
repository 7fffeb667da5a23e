//! The signing key of the audit log, the checkpointer, and `leads audit …`.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use ed25519_dalek::SigningKey;
use leads_app::Service;
use leads_audit::checkpoint::{signing_key_from_hex, verifying_key_from_hex};
use leads_audit::verify::{ExportLine, Report, verify_lines};
use rand::RngCore;

use crate::args::DatabaseArgs;
use crate::server;

/// Where the key lives unless told otherwise.
pub fn default_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join("audit-signing.key")
}

/// Loads the Ed25519 signing key (hex seed), creating it (readable by the owner only) if absent.
pub fn load_or_create_key(path: &Path) -> anyhow::Result<SigningKey> {
    if path.exists() {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return signing_key_from_hex(&text)
            .with_context(|| format!("{} is not a hex Ed25519 seed", path.display()));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut seed = [0u8; 32];
    rand::rng().fill_bytes(&mut seed);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    writeln!(file, "{}", hex::encode(seed))?;
    let key = SigningKey::from_bytes(&seed);
    tracing::info!(path = %path.display(), public_key = %hex::encode(key.verifying_key().as_bytes()), "audit signing key created");
    Ok(key)
}

/// Signs a checkpoint every `period` until the task is dropped.
pub async fn checkpointer(service: Service, key: SigningKey, period: Duration) {
    let mut interval = tokio::time::interval(period);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match service.checkpoint(&key).await {
            Ok(Some(checkpoint)) => {
                tracing::debug!(size = checkpoint.size, "audit checkpoint signed")
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "audit checkpoint failed"),
        }
    }
}

/// Prunes audit entries past retention once a day (and once at start) until dropped.
pub async fn pruner(service: Service) {
    let mut interval = tokio::time::interval(Duration::from_secs(24 * 3600));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(error) = service.prune_audit().await {
            tracing::error!(%error, "audit pruning failed");
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: AuditCommand,
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The audit signing key (hex Ed25519 seed); default `<data dir>/audit-signing.key`.
    #[arg(long, env = "LEADS_AUDIT_KEY_FILE", global = true)]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AuditCommand {
    /// Write the log and its checkpoints as JSON Lines (docs/AUDIT.md).
    Export {
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Who is reading (recorded in the log).
        #[arg(long, default_value = "CLI")]
        reader: String,
    },
    /// Check an export, or the live database, with the public key only.
    Verify {
        /// The log's public key (hex), as `leads audit public-key` prints it.
        #[arg(long)]
        public_key: String,
        /// An export to check (default: the live database).
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long, default_value = "CLI")]
        reader: String,
    },
    /// Print the log's public key.
    PublicKey,
    /// Search the log on a running server (auditors, the Administrator, coordinators for their
    /// own agency); the search is itself audited.
    Report(crate::audit_report_cmd::ReportArgs),
    /// Sign a checkpoint over everything written so far.
    Checkpoint,
    /// Remove entries older than the retention period that a signed checkpoint covers (the
    /// server does this daily).
    Prune {
        /// Days entries are kept (at least 365).
        #[arg(long, env = "LEADS_AUDIT_RETENTION_DAYS", default_value_t = 365,
              value_parser = clap::value_parser!(i64).range(365..))]
        retention_days: i64,
    },
}

fn print_report(report: &Report) -> i32 {
    match &report.problem {
        None if report.entries == 0 => {
            crate::say!(
                "NOTHING VERIFIED: the log has no entries - check --data-dir or --database-url names the database meant"
            );
            1
        }
        None => {
            crate::say!(
                "OK: {} entries, {} checkpoints verified; {} entries after the last checkpoint",
                report.entries,
                report.checkpoints,
                report.unsigned_tail
            );
            0
        }
        Some(problem) => {
            crate::say!("FAILED at entry {}: {}", problem.first_seq, problem.what);
            1
        }
    }
}

/// Exit status: 0 fine, 1 verification failed or nothing to verify, 2 could not run.
pub async fn run(args: AuditArgs) -> anyhow::Result<i32> {
    let key_path = args
        .key_file
        .clone()
        .unwrap_or_else(|| default_key_path(&args.database.data_dir));
    match args.command {
        AuditCommand::Report(report) => crate::audit_report_cmd::run(report).await,
        AuditCommand::PublicKey => {
            let key = load_or_create_key(&key_path)?;
            crate::say!("{}", hex::encode(key.verifying_key().as_bytes()));
            Ok(0)
        }
        AuditCommand::Verify {
            public_key,
            file: Some(file),
            ..
        } => {
            let key = verifying_key_from_hex(&public_key)
                .context("the public key must be 64 hex characters")?;
            let reader = std::io::BufReader::new(
                std::fs::File::open(&file)
                    .with_context(|| format!("opening {}", file.display()))?,
            );
            let lines = reader.lines().map_while(Result::ok);
            Ok(print_report(&verify_lines(lines, &key)))
        }
        command => {
            let store = server::open_store(&args.database.maintenance_url()).await?;
            let mut config = leads_app::ServiceConfig::default();
            if let AuditCommand::Prune { retention_days } = &command {
                config.audit_retention_days = *retention_days;
            }
            let service = server::service_with(store.clone(), &args.database, config)?;
            let code = match command {
                AuditCommand::Export { out, reader } => {
                    let target: Box<dyn Write> = match &out {
                        Some(path) => Box::new(
                            std::fs::File::create(path)
                                .with_context(|| format!("creating {}", path.display()))?,
                        ),
                        None => Box::new(std::io::stdout()),
                    };
                    let mut writer = BufWriter::new(target);
                    let mut sink = |line: &ExportLine| {
                        let text = serde_json::to_string(line).map_err(std::io::Error::other)?;
                        writeln!(writer, "{text}")
                    };
                    let written = service.export_audit(&reader, &mut sink).await?;
                    writer.flush()?;
                    eprintln!("{written} entries exported");
                    0
                }
                AuditCommand::Verify {
                    public_key, reader, ..
                } => {
                    let key = verifying_key_from_hex(&public_key)
                        .context("the public key must be 64 hex characters")?;
                    print_report(&service.verify_audit(&reader, &key).await?)
                }
                AuditCommand::Checkpoint => {
                    let key = load_or_create_key(&key_path)?;
                    match service.checkpoint(&key).await? {
                        Some(c) => {
                            crate::say!("checkpoint of size {} signed: root {}", c.size, c.root)
                        }
                        None => crate::say!("no new entries since the last checkpoint"),
                    }
                    0
                }
                AuditCommand::Prune { .. } => {
                    let report = service.prune_audit().await?;
                    crate::say!(
                        "{} entries pruned (older than {}); the log starts after entry {}",
                        report.pruned,
                        report.cutoff,
                        report.base_size
                    );
                    if report.awaiting_checkpoint > 0 {
                        crate::say!(
                            "{} due entries wait for a signed checkpoint",
                            report.awaiting_checkpoint
                        );
                    }
                    0
                }
                AuditCommand::PublicKey | AuditCommand::Report(_) => bail!("handled above"),
            };
            store.close().await;
            Ok(code)
        }
    }
}
