//! The arguments the commands share: where the data lives, how to reach a server, the
//! session and credentials, and the arguments of `serve`, `client` and `admin`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Directory for the embedded SQLite database.
    #[arg(
        long,
        env = "LEADS_DATA_DIR",
        default_value = "./leads-data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Database URL (`sqlite://…` or `postgres://…`); overrides --data-dir.
    #[arg(long, env = "LEADS_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Directory of the sealed image blobs (default: `<data-dir>/images`).
    #[arg(long, env = "LEADS_IMAGE_DIR", global = true)]
    pub image_dir: Option<PathBuf>,
    /// File holding the image master key, 64 hex digits (default: `<data-dir>/master.key`,
    /// created if missing).
    #[arg(long, env = "LEADS_MASTER_KEY_FILE", global = true)]
    pub master_key_file: Option<PathBuf>,
    /// During a key rotation: the file of the master key being replaced.
    #[arg(long, env = "LEADS_PREVIOUS_MASTER_KEY_FILE", global = true)]
    pub previous_master_key_file: Option<PathBuf>,
}

/// The SQLite file of a production data directory.
pub const DATABASE_FILE: &str = "leads.db";
/// The SQLite file `serve --demo` uses.
pub const DEMO_DATABASE_FILE: &str = "demo.db";

impl DatabaseArgs {
    /// The URL to use; `file` names the SQLite file under the data directory.
    pub fn url(&self, file: &str) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => format!("sqlite://{}", self.data_dir.join(file).display()),
        }
    }

    /// The database a maintenance command (migrate, sweep, audit, review, admin bootstrap,
    /// images) works on: `--database-url`; else the data directory's `leads.db`; else, when
    /// only the demo's database is there, `demo.db` (said on standard error).
    pub fn maintenance_url(&self) -> String {
        let explicit = self
            .database_url
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty());
        let production = self.data_dir.join(DATABASE_FILE);
        let demo = self.data_dir.join(DEMO_DATABASE_FILE);
        if !explicit && !production.exists() && demo.exists() {
            eprintln!("using the demo database {}", demo.display());
            return self.url(DEMO_DATABASE_FILE);
        }
        self.url(DATABASE_FILE)
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "LEADS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Seed a reproducible synthetic demo (agencies, operators, terminals, 10,000 records) and
    /// print its credentials. Uses `demo.db` unless --database-url is given.
    #[arg(long)]
    pub demo: bool,
    /// Seconds between signed audit checkpoints.
    #[arg(long, env = "LEADS_CHECKPOINT_SECONDS", default_value_t = 60)]
    pub checkpoint_seconds: u64,
    /// The audit signing key (hex Ed25519 seed); default `<data dir>/audit-signing.key`.
    #[arg(long, env = "LEADS_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,
    /// Days audit entries are kept before they are pruned (at least 365).
    #[arg(long, env = "LEADS_AUDIT_RETENTION_DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(i64).range(365..))]
    pub audit_retention_days: i64,
    /// Days between audits of each terminal agency (rule O1): at most three years.
    #[arg(long, env = "LEADS_AUDIT_CYCLE_DAYS", default_value_t = 1095,
          value_parser = clap::value_parser!(i64).range(1..=1095))]
    pub audit_cycle_days: i64,
    /// Number of synthetic records in the demo.
    #[arg(long, default_value_t = 10_000, requires = "demo")]
    pub demo_records: usize,
    /// Retire records of a file this many days after entry (rule H7), e.g.
    /// `--retention article=1825`; repeat for more files. Files not named keep their records
    /// until cleared, cancelled, purged or removed.
    #[arg(long, value_parser = parse_retention)]
    pub retention: Vec<(leads_domain::files::FileKind, i64)>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Clone, Args)]
pub struct Server {
    /// Server base URL.
    #[arg(long, env = "LEADS_URL", default_value = "http://127.0.0.1:8080")]
    pub url: String,
}

/// A running server and a session on it (from `leads client login`).
#[derive(Debug, Clone, Args)]
pub struct Session {
    #[command(flatten)]
    pub server: Server,
    #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
    pub token: String,
}

#[derive(Debug, Clone, Args)]
pub struct Credentials {
    /// Operator id.
    #[arg(long)]
    pub operator: Option<String>,
    /// Password.
    #[arg(long, env = "LEADS_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Terminal id.
    #[arg(long)]
    pub terminal: Option<String>,
    /// The current 6-digit second-factor code …
    #[arg(long)]
    pub code: Option<String>,
    /// … or the TOTP secret to compute it from (for scripts).
    #[arg(long, env = "LEADS_TOTP_SECRET", hide_env_values = true)]
    pub totp_secret: Option<String>,
    /// Accept the system-use notification (it is printed to standard error).
    #[arg(long)]
    pub accept_banner: bool,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Sign in and print the session token.
    Login {
        #[command(flatten)]
        server: Server,
        #[command(flatten)]
        credentials: Credentials,
    },
    /// Send a formatted message given as the argument and print the reply; without one, send
    /// every message on standard input, one per line (a line ending in `.TXT` continues on the
    /// next), reporting each, and exit 0 only if all were accepted.
    Send {
        #[command(flatten)]
        server: Server,
        /// Session token (or sign in with --operator/--password/--terminal).
        #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
        token: Option<String>,
        #[command(flatten)]
        credentials: Credentials,
        /// Print the JSON reply instead of terminal text.
        #[arg(long)]
        json: bool,
        /// A JPEG or PNG file to send as the message's image (`EIM`, `MII`): it is appended as
        /// the last field, `.IMG/` and the file in base32.
        #[arg(long)]
        image: Option<PathBuf>,
        /// Write the image a reply carries (`QIM` with `IMN/`) to this file (JPEG).
        #[arg(long)]
        save_image: Option<PathBuf>,
        /// The message, e.g. `QW.IL0160000.NAM/DOE, JOHN.SEX/M.DOB/19800115.PUR/C.CAS/1`.
        message: Option<String>,
    },
    /// Record the second-party check of a record (rule H4).
    Verify {
        #[command(flatten)]
        session: Session,
        /// The LEADS record number.
        lrn: String,
        /// What was cross-checked, e.g. "WARRANT AND REPORT COMPARED, NCIC CHECKED".
        #[arg(long)]
        checked: String,
    },
    /// Validate a record (rule H8): say how it was confirmed with its source.
    Validate {
        #[command(flatten)]
        session: Session,
        /// The LEADS record number.
        lrn: String,
        /// How it was confirmed, e.g. "WARRANT CONFIRMED ACTIVE WITH THE CIRCUIT CLERK".
        #[arg(long)]
        confirmed: String,
    },
    /// The Department reports a serious error on a record (rule H5): the owner corrects or
    /// removes it by the end of its shift.
    SeriousError {
        #[command(flatten)]
        session: Session,
        lrn: String,
        /// What is wrong.
        #[arg(long)]
        text: String,
    },
    /// The Department removes a record from the file (rule H5).
    Remove {
        #[command(flatten)]
        session: Session,
        lrn: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Define an agency's shift changes, hhmm UTC (rule H5), e.g. `shifts IL0160000 0600 1800`.
    Shifts {
        #[command(flatten)]
        session: Session,
        ori: String,
        #[arg(required = true)]
        starts: Vec<String>,
    },
    /// Hours without a certified operator signed in, over the last days (rule H1).
    Staffing {
        #[command(flatten)]
        session: Session,
        /// Another agency (Administrator and auditors).
        #[arg(long)]
        ori: Option<String>,
        #[arg(long, default_value_t = 7)]
        days: i64,
    },
    /// The agency's message queue: deadline notices, locates, review results.
    Mailbox {
        #[command(flatten)]
        session: Session,
        /// Another agency's queue, or ALL for the Administrator's.
        #[arg(long)]
        ori: Option<String>,
        /// Only messages not yet acknowledged.
        #[arg(long)]
        unread: bool,
    },
    /// Acknowledge a message of the queue.
    Ack {
        #[command(flatten)]
        session: Session,
        /// The message id (from `mailbox`).
        id: i64,
        /// The queue, as for `mailbox`.
        #[arg(long)]
        ori: Option<String>,
    },
    /// Everything the agency has open or overdue: second-party checks, locates, photos.
    Compliance {
        #[command(flatten)]
        session: Session,
        /// Another agency, or ALL (Administrator and auditors).
        #[arg(long)]
        ori: Option<String>,
    },
    /// Warrants the agency entered more than 24 hours after the information came in (rule H3).
    LateEntries {
        #[command(flatten)]
        session: Session,
        /// Another agency, or ALL (Administrator and auditors).
        #[arg(long)]
        ori: Option<String>,
    },
    /// List the agency's registrant photos due for annual replacement (rule I3).
    PhotosDue {
        #[command(flatten)]
        session: Session,
        /// Another agency's list, or ALL for every agency (Administrator and auditors).
        #[arg(long)]
        ori: Option<String>,
    },
    /// Record that data of a record was passed to another agency (secondary dissemination).
    Disseminate {
        #[command(flatten)]
        server: Server,
        #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
        token: String,
        /// The record: `LRN/…`, `NIC/…` or a LEADS record number.
        #[arg(long)]
        record: String,
        /// The recipient agency's ORI.
        #[arg(long)]
        to_ori: Option<String>,
        /// The recipient agency's name (required without an ORI).
        #[arg(long)]
        to_agency: Option<String>,
        /// The person who received it.
        #[arg(long)]
        to_person: String,
        /// Purpose code (PUR), e.g. C.
        #[arg(long)]
        purpose: String,
        /// Case or incident number.
        #[arg(long)]
        case: String,
        /// How the recipient was verified, when it is not an active LEADS agency.
        #[arg(long)]
        verified: Option<String>,
    },
    /// The Secretary of State's image service: `sos request dln=… investigation=criminal
    /// case_number=… subject_role=suspect`, `sos releases status=pending`, `sos flyer id=3
    /// --save flyer.pdf`; `sos help` lists the acts and their fields.
    Sos {
        #[command(flatten)]
        session: Session,
        /// request, case, desk, disseminate, disseminations, release, releases, decide, flyer,
        /// consent, array or help.
        act: String,
        /// The form's fields as `key=value` (text) or `key:=json` (numbers, lists, objects).
        arguments: Vec<String>,
        /// Read the form's fields from a JSON file (`-`: standard input).
        #[arg(long)]
        form: Option<PathBuf>,
        /// Write the image (request, case) or the flyer PDF (flyer) to this file.
        #[arg(long)]
        save: Option<PathBuf>,
    },
    /// End a session.
    Logout {
        #[command(flatten)]
        server: Server,
        #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
        token: String,
    },
    /// Accept the system-use notification for a session signed in without it.
    AcceptBanner {
        #[command(flatten)]
        server: Server,
        #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
        token: String,
    },
    /// Print the current second-factor code of a TOTP secret.
    Code {
        #[arg(long, env = "LEADS_TOTP_SECRET", hide_env_values = true)]
        secret: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct AdminArgs {
    #[command(flatten)]
    pub server: Server,
    /// Session token of an administrator or agency coordinator.
    #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The command (`help` lists them), e.g. `suspend-service`.
    pub command: String,
    /// Arguments as `key=value` (a string) or `key:=json` (a number, object, list, …).
    pub arguments: Vec<String>,
    /// Where the database is (for `bootstrap` only).
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Clone, Args)]
pub struct OversightArgs {
    #[command(flatten)]
    pub server: Server,
    /// Session token of the Administrator, an auditor or an agency coordinator.
    #[arg(long, env = "LEADS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// The act (`help` lists them), e.g. `schedule-audit`.
    pub act: String,
    /// Arguments as `key=value` (a string) or `key:=json` (a number).
    pub arguments: Vec<String>,
    /// `document`: write the PDF here (without it the text is printed).
    #[arg(long)]
    pub save: Option<std::path::PathBuf>,
}

/// `FILE=DAYS` for `--retention`.
fn parse_retention(text: &str) -> Result<(leads_domain::files::FileKind, i64), String> {
    let (file, days) = text
        .split_once('=')
        .ok_or_else(|| format!("{text}: WRITE FILE=DAYS, E.G. article=1825"))?;
    let kind = leads_domain::files::FileKind::from_storage_name(file.trim())
        .ok_or_else(|| format!("{file}: NOT A FILE"))?;
    let days: i64 = days
        .trim()
        .parse()
        .ok()
        .filter(|d| *d > 0)
        .ok_or_else(|| format!("{days}: DAYS MUST BE A POSITIVE NUMBER"))?;
    Ok((kind, days))
}
