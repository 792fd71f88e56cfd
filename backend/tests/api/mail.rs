//! Email to a real SMTP server over TLS: STARTTLS and implicit TLS with a login, against a local
//! sink whose self-signed certificate the test trusts (and one it does not).

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::helpers::{TestApp, spawn_app_with};
use backend::config::{Secret, SmtpSecurity};
use backend::db::sql;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    /// Plain at first, upgraded by STARTTLS.
    Starttls,
    /// TLS from the first byte.
    Implicit,
    /// Never offers TLS.
    PlainOnly,
}

/// What the sink was sent: per message, whether it came over TLS, the login and the text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Received {
    pub(crate) tls: bool,
    pub(crate) login: Option<(String, String)>,
    pub(crate) data: String,
}

pub(crate) struct Sink {
    pub(crate) port: u16,
    pub(crate) cert_pem: String,
    pub(crate) received: Arc<Mutex<Vec<Received>>>,
}

/// Starts an SMTP sink on loopback with a fresh self-signed certificate for `localhost`.
pub(crate) async fn sink(mode: Mode) -> Sink {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert_pem = cert.cert.pem();
    let der = cert.cert.der().clone();
    let key = tokio_rustls::rustls::pki_types::PrivateKeyDer::try_from(cert.signing_key.serialize_der()).unwrap();
    let config =
        tokio_rustls::rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(vec![der], key).unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(vec![]));
    let log = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (acceptor, log) = (acceptor.clone(), log.clone());
            tokio::spawn(async move {
                let _ = connection(socket, acceptor, mode, log).await;
            });
        }
    });
    Sink { port, cert_pem, received }
}

async fn connection(
    mut socket: TcpStream,
    acceptor: tokio_rustls::TlsAcceptor,
    mode: Mode,
    log: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    match mode {
        Mode::Implicit => {
            let tls = acceptor.accept(socket).await?;
            dialog(tls, true, true, log).await.map(|_| ())
        }
        Mode::PlainOnly => dialog(socket, false, true, log).await.map(|_| ()),
        Mode::Starttls => {
            socket.write_all(b"220 sink ESMTP\r\n").await?;
            let mut line = String::new();
            let mut reader = BufReader::new(&mut socket);
            loop {
                line.clear();
                if reader.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                let reply: &[u8] = match verb.as_str() {
                    "EHLO" => b"250-sink\r\n250 STARTTLS\r\n",
                    "STARTTLS" => b"220 go ahead\r\n",
                    "QUIT" => return Ok(()),
                    // No login, no mail before TLS.
                    _ => b"530 must issue STARTTLS first\r\n",
                };
                reader.get_mut().write_all(reply).await?;
                if verb == "STARTTLS" {
                    break;
                }
            }
            let tls = acceptor.accept(socket).await?;
            dialog(tls, true, false, log).await.map(|_| ())
        }
    }
}

/// The SMTP dialog after any upgrade: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT.
async fn dialog<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    tls: bool,
    greet: bool,
    log: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let (read, mut write) = tokio::io::split(stream);
    let mut lines = BufReader::new(read).lines();
    if greet {
        write.write_all(b"220 sink ESMTP\r\n").await?;
    }
    let mut current = Received { tls, ..Received::default() };
    let mut in_data = false;
    while let Some(line) = lines.next_line().await? {
        if in_data {
            if line == "." {
                in_data = false;
                log.lock().unwrap().push(current.clone());
                current.data.clear();
                write.write_all(b"250 queued\r\n").await?;
            } else {
                current.data.push_str(&line);
                current.data.push('\n');
            }
            continue;
        }
        let mut words = line.split_whitespace();
        let verb = words.next().unwrap_or("").to_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" | "HELO" => b"250-sink\r\n250 AUTH PLAIN\r\n",
            "AUTH" => {
                let plain = words.nth(1).map(decode_base64).unwrap_or_default();
                let parts: Vec<String> = plain.split(|b| *b == 0).map(|p| String::from_utf8_lossy(p).into()).collect();
                current.login = parts.get(1).zip(parts.get(2)).map(|(u, p)| (u.clone(), p.clone()));
                b"235 accepted\r\n"
            }
            "DATA" => {
                in_data = true;
                b"354 go ahead\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                break;
            }
            _ => b"250 ok\r\n",
        };
        write.write_all(reply).await?;
    }
    Ok(())
}

fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = s.bytes().filter_map(value).collect();
    sextets
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().enumerate().fold(0u32, |n, (i, v)| n | (u32::from(*v) << (18 - 6 * i)));
            let bytes = n.to_be_bytes();
            bytes[1..c.len()].to_vec()
        })
        .collect()
}

/// An app whose email goes to the sink on `port` with `security`, trusting `ca` (a PEM written to
/// the app's folder) when given; one registration queued an email to ming@example.com.
async fn app_sending_to(port: u16, security: SmtpSecurity, ca: Option<&str>) -> TestApp {
    let ca_file = ca.map(|pem| {
        let path = std::env::temp_dir().join(format!("fm-smtp-ca-{}.pem", uuid::Uuid::new_v4().simple()));
        std::fs::write(&path, pem).unwrap();
        path
    });
    let app = spawn_app_with(|c| {
        c.smtp_host = Some("localhost".into());
        c.smtp_port = Some(port);
        c.smtp_security = security;
        c.smtp_username = Some("noreply@futurematch.example".into());
        c.smtp_password = Some(Secret::new("s3cret-app-password"));
        c.smtp_ca_file = ca_file;
    })
    .await;
    crate::helpers::sign_up(app.client(), &app.url(""), "ming@example.com", "李明").await;
    app
}

async fn send(app: &TestApp) -> usize {
    let transport = backend::notify::mail::transport(&app.state.config).unwrap().expect("a transport");
    backend::notify::mail::send_pending(&app.state, &transport).await.unwrap()
}

async fn unsent(app: &TestApp) -> (i64, Option<String>) {
    sql::query_as("SELECT COUNT(*), MAX(error) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn email_goes_out_over_starttls_with_a_login_to_a_server_whose_ca_is_trusted() {
    let sink = sink(Mode::Starttls).await;
    let app = app_sending_to(sink.port, SmtpSecurity::Starttls, Some(&sink.cert_pem)).await;
    assert_eq!(send(&app).await, 1);
    let got = sink.received.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert!(got[0].tls, "sent only after the upgrade");
    assert_eq!(got[0].login, Some(("noreply@futurematch.example".into(), "s3cret-app-password".into())));
    assert!(got[0].data.contains("To: ming@example.com"), "{}", got[0].data);
    assert_eq!(unsent(&app).await.0, 0, "marked sent in the outbox");
}

#[tokio::test]
async fn email_goes_out_over_implicit_tls_with_a_login() {
    let sink = sink(Mode::Implicit).await;
    let app = app_sending_to(sink.port, SmtpSecurity::Tls, Some(&sink.cert_pem)).await;
    assert_eq!(send(&app).await, 1);
    let got = sink.received.lock().unwrap().clone();
    assert_eq!((got.len(), got[0].tls), (1, true));
    assert_eq!(got[0].login.as_ref().map(|l| l.0.as_str()), Some("noreply@futurematch.example"));
}

#[tokio::test]
async fn nothing_is_sent_in_the_clear_or_to_an_untrusted_certificate_and_the_outbox_keeps_it() {
    // The server offers no STARTTLS: with STARTTLS required, the password never goes out.
    let plain = sink(Mode::PlainOnly).await;
    let app = app_sending_to(plain.port, SmtpSecurity::Starttls, None).await;
    assert_eq!(send(&app).await, 0);
    assert!(plain.received.lock().unwrap().is_empty());
    let (waiting, error) = unsent(&app).await;
    assert_eq!(waiting, 1, "still in the outbox");
    assert!(error.is_some_and(|e| !e.contains("s3cret")), "the failure is recorded, without the password");
    // A certificate nobody vouched for is refused.
    let untrusted = sink(Mode::Implicit).await;
    let app = app_sending_to(untrusted.port, SmtpSecurity::Tls, None).await;
    assert_eq!(send(&app).await, 0);
    assert!(untrusted.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_smtp_password_never_shows_in_the_configuration_or_the_help() {
    let mut config = backend::Config::with_data_dir("data");
    config.smtp_password = Some(Secret::new("s3cret-app-password"));
    assert!(!format!("{config:?}").contains("s3cret"), "Debug hides it");
    let out = crate::cli::bin().arg("--help").env("FUTUREMATCH_SMTP_PASSWORD", "s3cret-app-password").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--smtp-password") && !help.contains("s3cret"), "{help}");
}
