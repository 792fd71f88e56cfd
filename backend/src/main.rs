//! `futurematch`: serve (default), migrate, create-admin, seed-demo, openapi, backup, restore, audit verify.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context;
use backend::config::{AuditCommand, Cli, Command};
use backend::{accounts, db, demo};
use clap::Parser;
use shared::validate::{Email, Password};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_new(&cli.config.log).unwrap_or_else(|_| EnvFilter::new("info")))
        .init();
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => backend::serve(config).await,
        Command::Migrate => {
            let pool = db::connect(&config).await?;
            db::migrate(&pool).await?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::SeedDemo { scale: Some(n) } => {
            let pool = db::connect(&config).await?;
            db::migrate(&pool).await?;
            let started = std::time::Instant::now();
            demo::seed_scale(&pool, n).await?;
            tracing::info!("added {n} generated postings in {:.1}s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::SeedDemo { scale: None } => {
            let pool = db::connect(&config).await?;
            db::migrate(&pool).await?;
            match demo::seed(&pool, false).await? {
                demo::Seeding::Loaded => tracing::info!("demo data loaded"),
                demo::Seeding::AlreadyLoaded => tracing::info!("the demo data is loaded already; nothing to do"),
                demo::Seeding::InUse => unreachable!("asked outright, an installation in use is no reason"),
                demo::Seeding::Refused(why) => anyhow::bail!("the demo data was not loaded: {why}"),
            }
            Ok(())
        }
        Command::Openapi => {
            println!("{}", serde_json::to_string_pretty(&*backend::http::contract::DOCUMENT)?);
            Ok(())
        }
        Command::Backup { file } => {
            let pool = db::connect(&config).await?;
            db::backup(&pool, &file).await?;
            tracing::info!("backup written to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let kept = db::restore(&config, &file).await?;
            tracing::info!("restored {}; the replaced database is kept as {}", file.display(), kept.display());
            Ok(())
        }
        Command::Audit { action: AuditCommand::Verify } => {
            let pool = db::connect(&config).await?;
            db::migrate(&pool).await?;
            match backend::audit::verify(&pool).await? {
                Ok(n) => {
                    println!("audit log intact: {n} entries");
                    Ok(())
                }
                Err(broken) => {
                    println!("audit log broken: {broken:?}");
                    std::process::exit(1);
                }
            }
        }
        Command::CreateAdmin { email } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("{}", e.msg().t(shared::Locale::En)))?;
            let password = read_password()?;
            let password =
                Password::parse(&password).map_err(|e| anyhow::anyhow!("{}", e.msg().t(shared::Locale::En)))?;
            let pool = db::connect(&config).await?;
            db::migrate(&pool).await?;
            let created = accounts::create_or_promote_admin(&pool, &email, &password).await?;
            tracing::info!(
                "{} is now a site administrator{}",
                email.as_str(),
                if created { " (new account)" } else { " (existing account promoted; password unchanged)" }
            );
            Ok(())
        }
    }
}

/// Reads the password from stdin; prompts when stdin is a terminal.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for the administrator (input is shown): ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).context("reading the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
