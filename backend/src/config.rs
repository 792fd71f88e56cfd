//! One typed configuration: flags with `FUTUREMATCH_*` environment fallbacks and defaults
//! that let the server start with no configuration at all.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "futurematch", version, about = "未来产业对接平台 FutureMatch server")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create a site administrator, or promote an existing user; reads the password from stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
    },
    /// Load the demo data (skipped when it is already there); with `--scale N`, add N generated postings.
    SeedDemo {
        #[arg(long)]
        scale: Option<usize>,
    },
    /// Write a consistent copy of the database to FILE, safe while the server runs; the copy is
    /// checked with SQLite's integrity check.
    Backup { file: PathBuf },
    /// Put the backup FILE in place of the database (the server must be stopped); the database it
    /// replaces is kept as `futurematch.db.before-restore-<time>` in the data folder.
    Restore { file: PathBuf },
    /// The audit log.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AuditCommand {
    /// Check the audit log's hash chain; exits with status 1 when an entry was edited or removed.
    Verify,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "FUTUREMATCH_ADDR", default_value = "127.0.0.1:8080", global = true)]
    pub addr: SocketAddr,
    /// Folder for the SQLite database (created when missing).
    #[arg(long, env = "FUTUREMATCH_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Database URL; defaults to `sqlite://<data-dir>/futurematch.db`.
    #[arg(long, env = "FUTUREMATCH_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// The built frontend (`cargo xtask build` writes it).
    #[arg(long, env = "FUTUREMATCH_DIST_DIR", default_value = "dist", global = true)]
    pub dist_dir: PathBuf,
    /// Mark session cookies `Secure` (set when served over https).
    #[arg(long, env = "FUTUREMATCH_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,
    /// Do not load demo data on first start.
    #[arg(long, env = "FUTUREMATCH_NO_DEMO", global = true)]
    pub no_demo: bool,
    /// Days an interest request waits for an answer before it expires (a reminder goes out halfway).
    #[arg(long, env = "FUTUREMATCH_REQUEST_EXPIRY_DAYS", default_value_t = 14, global = true)]
    pub request_expiry_days: u32,
    /// New interest requests one organization may send per day (spam protection).
    #[arg(long, env = "FUTUREMATCH_DAILY_REQUEST_LIMIT", default_value_t = 20, global = true)]
    pub daily_request_limit: u32,
    /// Working days an open call's result stays open for objections (公示期).
    #[arg(long, env = "FUTUREMATCH_NOTICE_WORKING_DAYS", default_value_t = shared::opencall::NOTICE_WORKING_DAYS, global = true)]
    pub notice_working_days: u32,
    /// The address users reach the platform at, for links in emails.
    #[arg(long, env = "FUTUREMATCH_PUBLIC_URL", default_value = "http://127.0.0.1:8080", global = true)]
    pub public_url: String,
    /// SMTP relay (`host:port`) for email; without it emails stay in the outbox admins can read.
    /// Plain SMTP to a local relay (e.g. Postfix) that handles TLS and authentication onwards.
    #[arg(long, env = "FUTUREMATCH_SMTP_RELAY", global = true)]
    pub smtp_relay: Option<String>,
    /// Sender address of emails.
    #[arg(
        long,
        env = "FUTUREMATCH_MAIL_FROM",
        default_value = "FutureMatch <noreply@futurematch.local>",
        global = true
    )]
    pub mail_from: String,
    /// Largest size the database may grow to, in MiB (SQLite's `max_page_count`); beyond it writes
    /// answer 507 `storage_full` while reads go on, as on a full disk. No limit when absent.
    #[arg(long, env = "FUTUREMATCH_MAX_DB_MB", global = true)]
    pub max_db_mb: Option<u32>,
    /// Where uploaded files are kept (default `<data>/attachments`). Several instances on one
    /// PostgreSQL database share one: a mounted network or object-store path.
    #[arg(long, env = "FUTUREMATCH_FILES_DIR", global = true)]
    pub files_dir: Option<PathBuf>,
    /// Log filter, `tracing` EnvFilter syntax.
    #[arg(long, env = "FUTUREMATCH_LOG", default_value = "info,sqlx=warn,tower_http=info", global = true)]
    pub log: String,
}

impl Config {
    /// Defaults with another data folder; what tests and tools start from.
    pub fn with_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        let mut c = Cli::parse_from(["futurematch"]).config;
        c.data_dir = data_dir.into();
        c
    }

    /// The folder of uploaded files.
    pub fn files_dir(&self) -> PathBuf {
        self.files_dir.clone().unwrap_or_else(|| self.data_dir.join("attachments"))
    }

    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("futurematch.db").display()))
    }
}
