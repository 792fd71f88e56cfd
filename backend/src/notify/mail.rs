//! Email over SMTP (lettre) from the outbox: each pending email is sent once, its result recorded.

use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::store;
use crate::AppState;
use crate::db::now;

/// Sends up to 50 pending emails through the relay at `host:port`; returns how many were sent.
pub async fn send_pending(state: &AppState, relay: &str) -> anyhow::Result<usize> {
    let (host, port) = relay.rsplit_once(':').map_or((relay, 25), |(h, p)| (h, p.parse().unwrap_or(25)));
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).port(port).build();
    let from = state.config.mail_from.parse()?;
    let mut db = state.db.acquire().await?;
    // With several instances, one sends at a time (the others skip this round).
    if !crate::db::try_lock(&mut db, MAILER_LOCK).await? {
        return Ok(0);
    }
    let sent = send_batch(&mut db, &transport, &from).await;
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
    for (id, to, subject, body) in store::pending_emails(&mut *db, 50).await? {
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
