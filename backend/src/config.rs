//! One typed configuration: flags with `FUTUREMATCH_*` environment fallbacks and defaults
//! that let the server start with no configuration at all.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// Print the API's OpenAPI document (as `/api/openapi.json` serves it), e.g. to update the
    /// committed `api/openapi.json` after an intended change.
    Openapi,
    /// The audit log.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

/// A value that is never printed: `Debug` shows `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

/// When SQLite reports a write done (its `synchronous` setting in WAL mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SqliteSync {
    /// Every acknowledged write is on disk (an fsync per commit): it survives a power loss.
    Full,
    /// Faster commits; a killed process loses nothing, a power loss may lose the last
    /// acknowledged transactions.
    Normal,
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
    #[arg(long, env = "FUTUREMATCH_REQUEST_EXPIRY_DAYS", default_value_t = 14, global = true,
          value_parser = clap::value_parser!(u32).range(1..=365))]
    pub request_expiry_days: u32,
    /// New interest requests one organization may send per day (spam protection).
    #[arg(long, env = "FUTUREMATCH_DAILY_REQUEST_LIMIT", default_value_t = 20, global = true)]
    pub daily_request_limit: u32,
    /// Working days an open call's result stays open for objections (公示期).
    #[arg(long, env = "FUTUREMATCH_NOTICE_WORKING_DAYS", default_value_t = shared::opencall::NOTICE_WORKING_DAYS, global = true,
          value_parser = clap::value_parser!(u32).range(1..=60))]
    pub notice_working_days: u32,
    /// The address users reach the platform at (`https://host[:port]`): links in emails, and the
    /// only origin browsers may send changes from. Without it, `http://` and the address a
    /// connection reached (or `localhost` on loopback).
    #[arg(long, env = "FUTUREMATCH_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// Behind a reverse proxy that appends the client's address to `X-Forwarded-For`: sign-in
    /// attempts are counted by that address (the last one in the header) instead of the proxy's.
    #[arg(long, env = "FUTUREMATCH_TRUST_PROXY", global = true)]
    pub trust_proxy: bool,
    /// SMTP relay (`host:port`) reached with plain SMTP and no login: a local relay (e.g. Postfix)
    /// that handles TLS and authentication onwards. Without it and without `--smtp-host`, emails
    /// stay in the outbox admins can read.
    #[arg(long, env = "FUTUREMATCH_SMTP_RELAY", global = true)]
    pub smtp_relay: Option<String>,
    /// SMTP server to send email through (e.g. `smtp.exmail.qq.com`), with `--smtp-security`.
    #[arg(long, env = "FUTUREMATCH_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,
    /// Its port (default 587 with `starttls`, 465 with `tls`, 25 with `none`).
    #[arg(long, env = "FUTUREMATCH_SMTP_PORT", global = true)]
    pub smtp_port: Option<u16>,
    /// `starttls` (default: upgrade a plain connection, refusing to send without TLS), `tls`
    /// (TLS from the first byte, "SMTPS") or `none` (plain; only for a relay on a trusted network).
    #[arg(long, env = "FUTUREMATCH_SMTP_SECURITY", value_enum, default_value_t = SmtpSecurity::Starttls, global = true)]
    pub smtp_security: SmtpSecurity,
    /// Login name at the SMTP server (with `--smtp-password`).
    #[arg(long, env = "FUTUREMATCH_SMTP_USERNAME", global = true)]
    pub smtp_username: Option<String>,
    /// Password at the SMTP server. Never logged or shown; prefer the environment variable (a
    /// flag is visible in the process list).
    #[arg(long, env = "FUTUREMATCH_SMTP_PASSWORD", hide_env_values = true, global = true)]
    pub smtp_password: Option<Secret>,
    /// A PEM file of certificate authorities to trust for the SMTP server besides the system's
    /// (a private CA, or a self-signed server certificate).
    #[arg(long, env = "FUTUREMATCH_SMTP_CA_FILE", global = true)]
    pub smtp_ca_file: Option<PathBuf>,
    /// Sender address of emails.
    #[arg(
        long,
        env = "FUTUREMATCH_MAIL_FROM",
        default_value = "FutureMatch <noreply@futurematch.local>",
        global = true
    )]
    pub mail_from: String,
    /// SQLite durability: `full` (default) syncs every commit to disk, so an acknowledged write
    /// survives a power loss; `normal` trades the last transactions before a power loss for speed.
    #[arg(long, env = "FUTUREMATCH_SQLITE_SYNCHRONOUS", value_enum, default_value_t = SqliteSync::Full, global = true)]
    pub sqlite_synchronous: SqliteSync,
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
    /// The site's base URL for links (no trailing slash): `--public-url`, else `http://` and the
    /// listening address (loopback when listening on every interface).
    pub fn site_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                let ip = match self.addr.ip() {
                    ip if ip.is_unspecified() => std::net::IpAddr::from([127, 0, 0, 1]),
                    ip => ip,
                };
                format!("http://{}", std::net::SocketAddr::new(ip, self.addr.port()))
            }
        }
    }

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
