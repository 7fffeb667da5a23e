//! Command-line definitions.

use clap::{Parser, Subcommand};

pub use crate::args::{
    AdminArgs, ClientCommand, Credentials, DatabaseArgs, ServeArgs, Server, Session,
};

/// OpenLEADS: a Law Enforcement Agencies Data System.
#[derive(Debug, Parser)]
#[command(
    name = "leads",
    version,
    about,
    after_help = "Logs go to standard error. Their level is set by RUST_LOG, else LEADS_LOG \
                  (tracing filter syntax, e.g. `info,leads_app=debug`; default `info,sqlx=warn`); \
                  colour is used only when standard error is a terminal."
)]
pub struct Cli {
    /// Log lines as text or as JSON objects (one per line, for a log collector).
    #[arg(long, global = true, env = "LEADS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseArgs),
    /// Talk to a running server.
    #[command(subcommand)]
    Client(ClientCommand),
    /// Administer agencies, connections, terminals and people on a running server, or
    /// bootstrap the first administrator directly in the database.
    Admin(AdminArgs),
    /// The Department's oversight: audits, corrective action, discipline standards
    /// (`leads oversight help`).
    Oversight(crate::args::OversightArgs),
    /// Export, verify and checkpoint the tamper-evident audit log.
    Audit(crate::audit_cmd::AuditArgs),
    /// The weekly misuse review: run it, list the queue, record dispositions.
    #[command(subcommand)]
    Review(crate::review_cmd::ReviewCommand),
    /// Measure parsing, search and HTTP throughput and print the figures.
    Bench(crate::bench::BenchArgs),
    /// Carry out every deadline that has passed (notices, escalations, retirements) once and
    /// exit; `serve` does this every minute.
    Sweep(DatabaseArgs),
    /// Image file maintenance.
    #[command(subcommand)]
    Images(ImagesCommand),
    /// Run the interstate network's hub (Nlets) over NATS JetStream.
    Hub(crate::hub_cmd::HubArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImagesCommand {
    /// Re-wrap every image data key under the master key of `--master-key-file`; give the key
    /// being replaced with `--previous-master-key-file`. Blobs are not rewritten.
    RotateKey {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}
