//! Ticket codes: `R<registration>-<person>-<signature>`, where the signature is the first 10 bytes
//! of HMAC-SHA256 over `ticket:<registration>:<person>` under a server key, in base32 (80 bits:
//! unguessable, short enough to type at the door). The key is 32 random bytes kept in `app_meta`,
//! generated on first use, so nothing secret lives in the repository.

use crate::db::Conn;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use shared::events::{TICKET_SIG_LEN, TicketRef};

const KEY: &str = "ticket_key";
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn signature(key: &[u8], t: TicketRef) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(format!("ticket:{}:{}", t.registration, t.person).as_bytes());
    let tag = mac.finalize().into_bytes();
    base32(&tag[..TICKET_SIG_LEN * 5 / 8])
}

/// RFC 4648 base32 without padding (input length a multiple of 5).
fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let n = buf.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        for i in (0..8).rev() {
            out.push(BASE32[((n >> (i * 5)) & 31) as usize] as char);
        }
    }
    out
}

/// The code printed on (and encoded in the QR image of) one person's ticket.
pub fn code(key: &[u8], t: TicketRef) -> String {
    format!("R{}-{}-{}", t.registration, t.person, signature(key, t))
}

/// Whether `sig` is the ticket's signature (compared in constant time).
pub fn verify(key: &[u8], t: TicketRef, sig: &str) -> bool {
    let expected = signature(key, t);
    expected.len() == sig.len() && expected.bytes().zip(sig.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// The signing key, created on first use (concurrent first uses agree on one).
pub async fn key(db: &mut Conn) -> sqlx::Result<Vec<u8>> {
    let mut fresh = [0u8; 32];
    OsRng.fill_bytes(&mut fresh);
    let hex: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
    let stored = crate::db::meta_or_keep(db, KEY, &hex).await?;
    Ok((0..stored.len() / 2).filter_map(|i| u8::from_str_radix(&stored[2 * i..2 * i + 2], 16).ok()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::events::parse_ticket_code;

    #[test]
    fn base32_follows_rfc_4648() {
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        assert_eq!(base32(b"foobarbaz!"), "MZXW6YTBOJRGC6RB");
    }

    #[test]
    fn a_ticket_code_round_trips_and_any_change_breaks_its_signature() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = TicketRef { registration: 42, person: 1 };
        let c = code(key, t);
        let (parsed, sig) = parse_ticket_code(&c.to_lowercase()).unwrap();
        assert_eq!(parsed, t);
        assert!(verify(key, parsed, &sig));
        assert!(!verify(key, TicketRef { registration: 43, person: 1 }, &sig), "another registration");
        assert!(!verify(key, TicketRef { registration: 42, person: 2 }, &sig), "another person");
        assert!(!verify(b"another key", parsed, &sig), "another server's key");
    }
}
