//! Email over SMTP (lettre, TLS by rustls) from the outbox: each pending email is sent once, its
//! result recorded. The outbox stays the record whether or not a server is configured.

use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::store;
use crate::AppState;
use crate::config::{Config, SmtpSecurity};
use crate::db::now;

/// Where and how email goes, as configured: `--smtp-host` (with security, port, login and extra
/// CAs) or the plain `--smtp-relay`; `None` when neither is set.
pub fn transport(config: &Config) -> anyhow::Result<Option<AsyncSmtpTransport<Tokio1Executor>>> {
    if let Some(relay) = config.smtp_host.is_none().then_some(config.smtp_relay.as_deref()).flatten() {
        let (host, port) = relay.rsplit_once(':').map_or((relay, 25), |(h, p)| (h, p.parse().unwrap_or(25)));
        return Ok(Some(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port).build()));
    }
    let Some(host) = config.smtp_host.as_deref() else { return Ok(None) };
    let tls = || -> anyhow::Result<TlsParameters> {
        let mut params = TlsParameters::builder(host.to_owned());
        if let Some(path) = &config.smtp_ca_file {
            let pem = std::fs::read(path).map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
            params = params.add_root_certificate(Certificate::from_pem(&pem)?);
        }
        Ok(params.build_rustls()?)
    };
    let (security, default_port) = match config.smtp_security {
        SmtpSecurity::Starttls => (Tls::Required(tls()?), 587),
        SmtpSecurity::Tls => (Tls::Wrapper(tls()?), 465),
        SmtpSecurity::None => (Tls::None, 25),
    };
    if config.smtp_username.is_some() && config.smtp_security == SmtpSecurity::None {
        anyhow::bail!("--smtp-username with --smtp-security none would send the password in the clear");
    }
    if config.smtp_username.is_some() != config.smtp_password.is_some() {
        anyhow::bail!("--smtp-username and --smtp-password go together");
    }
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .port(config.smtp_port.unwrap_or(default_port))
        .tls(security);
    if let Some(user) = &config.smtp_username {
        let password = config.smtp_password.as_ref().map(|p| p.expose().to_owned()).unwrap_or_default();
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(Some(builder.build()))
}

/// Sends up to 50 pending emails through `transport`; returns how many were sent.
pub async fn send_pending(state: &AppState, transport: &AsyncSmtpTransport<Tokio1Executor>) -> anyhow::Result<usize> {
    let from = state.config.mail_from.parse()?;
    let mut db = state.db.acquire().await?;
    // With several instances, one sends at a time (the others skip this round).
    if !crate::db::try_lock(&mut db, MAILER_LOCK).await? {
        return Ok(0);
    }
    let sent = send_batch(&mut db, transport, &from).await;
    crate::db::unlock(&mut db, MAILER_LOCK).await?;
    sent
}

/// The advisory lock the sending instance holds ("FMMAIL" in ASCII).
const MAILER_LOCK: i64 = 0x0000_464d_4d41_494c;

async fn send_batch(
    db: &mut crate::db::Conn,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &lettre::message::Mailbox,
) -> anyhow::Result<usize> {
    let mut sent = 0;
    for store::Pending { id, to_email: to, subject, body } in store::pending_emails(&mut *db, 50).await? {
        let result = match to.parse() {
            Ok(to) => {
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(body)?;
                transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
            }
            Err(e) => Err(format!("bad address: {e}")),
        };
        sent += usize::from(result.is_ok());
        store::email_sent(&mut *db, id, result, now()).await?;
    }
    Ok(sent)
}
